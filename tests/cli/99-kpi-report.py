# tests/cli/99-kpi-report.py DATA MONTH PAGE [XLSX]: the three reports of
# the policy in cs-kpi report's page (and workbook) against the same
# figures worked out here from the store files alone, with the csv module
# (no cs program): the inquiries a month a channel over the twelve months
# to MONTH (only months with an inquiry), the complaint causes of MONTH
# (nature by department, the most first, share, running share, the month
# before and the change), and the after-sales tickets opened in MONTH
# (opened, resolved, rate, median hours to resolve).
import csv
import glob
import os
import statistics
import sys
import xml.etree.ElementTree as ET
from datetime import datetime

data, month, page = sys.argv[1:4]
book = sys.argv[4] if len(sys.argv) > 4 else None
NS = {"h": "http://www.w3.org/1999/xhtml", "s": "http://www.w3.org/2000/svg"}
failed = []


def fail(msg):
    failed.append(msg)


def records(store):
    for path in sorted(glob.glob(os.path.join(data, store, "*", "*.csv"))):
        with open(path, newline="", encoding="utf-8") as f:
            yield from csv.DictReader(f)


def local_month(t):
    # the stores write times in the department's zone (Asia/Shanghai)
    assert t.endswith("+08:00"), t
    return t[:7]


def month_add(m, k):
    y, mo = int(m[:4]), int(m[5:7]) + k
    while mo < 1:
        y, mo = y - 1, mo + 12
    while mo > 12:
        y, mo = y + 1, mo - 12
    return "%04d-%02d" % (y, mo)


def share(k, n):
    return "no data" if n == 0 else "%.1f%%" % (100.0 * k / n)


# ---- worked out from the files ----
tickets = list(records("tickets"))
complaints = list(records("complaints"))
year = [month_add(month, -k) for k in range(11, -1, -1)]

channels = sorted({t["channel"] for t in tickets if t["kind"] == "inquiry"
                   and local_month(t["opened_at"]) in year})
volume = []
for m in year:
    counts = [sum(1 for t in tickets if t["kind"] == "inquiry"
                  and t["channel"] == c and local_month(t["opened_at"]) == m)
              for c in channels]
    if sum(counts):
        volume.append([m] + [str(n) for n in counts] + [str(sum(counts))])


def causes_of(m):
    n = {}
    for c in complaints:
        if local_month(c["received_at"]) == m:
            key = (c["nature"], c["department"])
            n[key] = n.get(key, 0) + 1
    return n


now, before = causes_of(month), causes_of(month_add(month, -1))
total, run, causes = sum(now.values()), 0, []
# the most first, equal counts by name (nature, then department)
for key in sorted(now, key=lambda k: (-now[k], k[0] + "\x1f" + k[1])):
    run += now[key]
    was = before.get(key, 0)
    d = now[key] - was
    causes.append([key[0], key[1], str(now[key]), share(now[key], total),
                   share(run, total), str(was), "0" if d == 0 else "%+d" % d])

after = []
for kind in ("return", "exchange", "repair", None):
    opened = resolved = 0
    hours = []
    for t in tickets:
        if t["kind"] == "inquiry" or (kind and t["kind"] != kind):
            continue
        if local_month(t["opened_at"]) != month:
            continue
        opened += 1
        if t["status"] in ("resolved", "closed"):
            resolved += 1
            if t["resolved_at"]:
                o = datetime.fromisoformat(t["opened_at"])
                r = datetime.fromisoformat(t["resolved_at"])
                if r >= o:
                    hours.append((r - o).total_seconds() / 3600)
    after.append([kind or "all", str(opened), str(resolved),
                  share(resolved, opened),
                  "%.1f" % statistics.median(hours) if hours else "no data"])

# the sample department must make these worth checking
if len(volume) < 2 or len(channels) < 3:
    fail("too little volume in the sample: %r" % volume)
if len(causes) < 3 or not before:
    fail("too few causes in the sample: %r" % causes)
if int(after[3][1]) < 30:
    fail("too few after-sales tickets in the sample: %r" % after)

# ---- the page ----
root = ET.parse(page).getroot()


def section(id):
    s = root.find(".//h:section[@id='%s']" % id, NS)
    if s is None:
        fail("no section %s" % id)
    return s


def table(id):
    rows = section(id).findall(".//h:table/h:tr", NS)
    return ([[c.text or "" for c in r] for r in rows[1:]],
            [c.text for c in rows[0]] if rows else [])


def compare(what, got, want):
    if got != want:
        fail("%s:\n  report %r\n  here   %r" % (what, got, want))


rows, head = table("volume")
compare("volume header", head, ["month"] + channels + ["inquiries"])
compare("volume", rows, volume)
svg = section("volume").find("s:svg", NS)
lines = svg.findall("s:polyline", NS)
compare("a line a channel", len(lines), len(channels))
for ln in lines:
    compare("a point a month with data", len(ln.get("points").split()),
            len(volume))
compare("the months on the chart",
        [t.text for t in svg.findall("s:text", NS) if t.text in year],
        [v[0] for v in volume])
# readable in black and white: no two lines drawn alike but for colour
looks = {(ln.get("stroke-dasharray"),) for ln in lines}
compare("a dash pattern a line", len(looks), len(lines))

rows, head = table("causes")
compare("causes header", head, ["nature", "department", "complaints", "share",
                                "cumulative_share", "last_month", "change"])
compare("causes", rows, causes)
bars = section("causes").findall("s:svg/s:rect", NS)
compare("a Pareto bar a cause", len(bars), len(causes))
top = section("causes").find("h:p[@class='top']", NS).text
want = ", ".join("%s / %s %s (%s)" % (c[0], c[1], c[2], c[6])
                 for c in causes[:3])
if not top.endswith(want):
    fail("top causes: %r, not ending %r" % (top, want))

rows, head = table("aftersales")
compare("after-sales header", head, ["kind", "opened", "resolved",
                                     "resolution_rate",
                                     "median_hours_to_resolve"])
compare("after-sales", rows, after)

# ---- the workbook: the same tables, a sheet each ----
if book:
    import openpyxl
    wb = openpyxl.load_workbook(book)

    def sheet(name):
        if name not in wb.sheetnames:
            fail("no sheet %s in %r" % (name, wb.sheetnames))
            return []
        out = []
        for r in wb[name].iter_rows(min_row=2, values_only=True):
            if all(v is None for v in r):
                break
            out.append([norm(v) for v in r])
        return out

    def norm(v):
        # numbers are number cells there, text here
        if v is None:
            return ""
        try:
            return float(v)
        except ValueError:
            return str(v)

    def normed(rows):
        return [[norm(v) for v in r] for r in rows]

    def figure(v):
        # a share or a rate is a number of the sheet ("48.9%" is 0.489
        # shown as a percent), a change a number ("+1" is 1)
        if isinstance(v, str) and v.endswith("%"):
            return round(float(v[:-1]) / 100, 6)
        if isinstance(v, str) and v.startswith("+"):
            return float(v)
        return norm(v)

    def figures(rows):
        return [[figure(v) for v in r] for r in rows]

    def rounded(rows):
        return [[round(v, 6) if isinstance(v, float) else v for v in r]
                for r in rows]

    compare("volume sheet", sheet("volume"), normed(volume))
    compare("causes sheet", rounded(sheet("causes")), figures(causes))
    compare("after-sales sheet", rounded(sheet("aftersales")), figures(after))

    # sortable and summable: number cells, the shares and rates with a
    # percent format, the changes with a sign
    def cells(name, col):
        ws = wb[name]
        return [r[0] for r in ws.iter_rows(min_row=2, min_col=col + 1,
                                           max_col=col + 1)
                if r[0].value is not None]

    for name, col, fmt in (("causes", 3, "%"), ("causes", 4, "%"),
                           ("causes", 6, None), ("aftersales", 3, "%")):
        for c in cells(name, col):
            if name == "aftersales" and c.value == "no data":
                continue
            if c.data_type != "n":
                fail("%s %s: %r is not a number cell" % (name, c.coordinate,
                                                          c.value))
            elif fmt and fmt not in c.number_format:
                fail("%s %s: format %r is not a percent" % (
                    name, c.coordinate, c.number_format))
    plus = [c for c in cells("causes", 6) if str(c.value).startswith("+")
            or (c.data_type == "n" and c.value > 0)]
    if not plus:
        fail("no rise among the causes to check the sign of")
    for c in plus:
        if not c.number_format.startswith("+"):
            fail("causes %s: %r shown without its sign (%r)" % (
                c.coordinate, c.value, c.number_format))
    want = ["volume", "causes", "aftersales", "scores", "verdicts",
            "spotchecks"]
    compare("the sheets", wb.sheetnames, want)

for f in failed:
    print(f)
sys.exit(1 if failed else 0)
