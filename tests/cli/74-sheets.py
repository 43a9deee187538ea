# 74-sheets.py KIND FILE [OUT]: the checks of tests/cli/74-sheets.sh on an
# .xlsx the toolkit wrote, through openpyxl alone (no cs code); "fill"
# fills a spot-check sheet's scores in as a QA lead would (each score the
# top of its validated range, critical the list's last choice) into OUT.
import datetime
import sys
import zipfile

import openpyxl


def fail(msg):
    sys.exit("74-sheets.py %s: %s" % (sys.argv[1], msg))


def col(ws, name):
    for c in ws[1]:
        if c.value == name:
            return c.column
    fail("no column %r in %s" % (name, [c.value for c in ws[1]]))


def check_sheet(ws, text=(), dates=()):
    if ws.freeze_panes != "A2":
        fail("header not frozen: %r" % ws.freeze_panes)
    if ws.max_row < 2:
        fail("no rows")
    for name in text:
        k = col(ws, name)
        for r in range(2, ws.max_row + 1):
            c = ws.cell(r, k)
            if c.value is not None and c.data_type != "s":
                fail("%s row %d: %r is not text" % (name, r, c.value))
    for name in dates:
        k = col(ws, name)
        n = 0
        for r in range(2, ws.max_row + 1):
            v = ws.cell(r, k).value
            if v is None:
                continue
            if not isinstance(v, datetime.datetime):
                fail("%s row %d: %r is not a date cell" % (name, r, v))
            n += 1
        if n == 0:
            fail("%s: no dates" % name)


kind, path = sys.argv[1], sys.argv[2]
wb = openpyxl.load_workbook(path)
ws = wb.worksheets[0]
if kind == "tickets":
    check_sheet(ws, ("id", "customer", "order"), ("opened_at",))
    k = col(ws, "opened_at")
    first = ws.cell(2, k).value
    # 2026-10-01T08:31:36+08:00 in the sample, in the department's zone
    if first != datetime.datetime(2026, 10, 1, 8, 31, 36):
        fail("opened_at %r" % first)
    if ws.column_dimensions["H"].width < 8:
        fail("subject column not widened")
elif kind == "customers":
    check_sheet(ws, ("id", "phone"))
    k = col(ws, "phone")
    phones = [ws.cell(r, k).value for r in range(2, ws.max_row + 1)]
    if "16860876627" not in phones:
        fail("phone 16860876627 lost: %r" % phones[:3])
    # a name of CJK text: its column fitted to its display width
    k = col(ws, "address")
    letter = openpyxl.utils.get_column_letter(k)
    if ws.column_dimensions[letter].width < 30:
        fail("address width %r" % ws.column_dimensions[letter].width)
elif kind == "sheet":
    check_sheet(ws, ("id",), ("opened_at",))
    dv = ws.data_validations.dataValidation
    kinds = sorted(d.type for d in dv)
    if "list" not in kinds or "decimal" not in kinds:
        fail("validation: %r" % kinds)
    ranges = [(d.formula1, d.formula2) for d in dv if d.type == "decimal"]
    if ("0", "10") not in ranges:
        fail("score range 0..10 missing: %r" % ranges)
    lists = [d.formula1 for d in dv if d.type == "list"]
    if not any("是" in f and "否" in f for f in lists):
        fail("critical list: %r" % lists)
    k = col(ws, "attitude")
    note = ws.cell(1, k).comment
    if note is None or "10" not in note.text or "8" not in note.text:
        fail("attitude note: %r" % (note and note.text))
elif kind == "fill":
    dv = ws.data_validations.dataValidation
    fills = {}
    for d in dv:
        v = None
        if d.type == "decimal":
            v = float(d.formula2)
        elif d.type == "list":
            v = d.formula1.strip('"').split(",")[-1]
        for rng in str(d.sqref).split():
            first = openpyxl.utils.cell.range_boundaries(rng)
            fills[first[0]] = v
    if not fills:
        fail("no validated column to fill")
    for r in range(2, ws.max_row + 1):
        for k, v in fills.items():
            ws.cell(r, k).value = v
    wb.save(sys.argv[3])
elif kind == "report":
    names = wb.sheetnames
    for want in ("volume", "scores", "verdicts"):
        if want not in names:
            fail("no sheet %r in %r" % (want, names))
    for name in names:
        if wb[name].freeze_panes != "A2":
            fail("%s: header not frozen" % name)
    with zipfile.ZipFile(path) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
    if len(charts) < 2:
        fail("charts: %r" % charts)
else:
    fail("unknown kind")
