# cs-kpi report, whole, on the sample department: the three reports of
# the policy (the inquiry volume a line a channel, the complaint causes
# by nature and department with their Pareto chart and change, the
# after-sales resolution rate) checked against the same figures worked
# out by tests/cli/99-kpi-report.py from the store files alone, in the
# page and in the workbook; the verdicts with names and logins; the
# week's spot checks with their common and individual problems; the
# month not ended marked; and the page drawn by headless Chromium,
# asking for nothing outside itself.
. "$TOP/tests/cli/lib.sh"
sample s
unset LC_ALL LC_MESSAGES LANG LANGUAGE
PY="$TOP/tests/cli/99-kpi-report.py"
PY3=
for p in python3 /usr/bin/python3; do
	command -v "$p" >/dev/null || continue
	[ -n "$PY3" ] || PY3=$p
	if "$p" -c 'import openpyxl' 2>/dev/null; then PY3=$p; break; fi
done
[ -n "$PY3" ] || { echo "skip: python3 is not installed (the independent computation)"; exit 0; }

# the week's spot checks: the sample of 2026-W47 (the sample department's
# last week with records), scored; zhao20 weak in accuracy alone,
# everyone's timeliness below its standard of 7
CS_NOW="2026-11-23 07:00" ok cs-audit -D s sample --week 2026-W47 -n 2 -o csv
CS_NOW="2026-11-23 07:00" ok cs-audit -D s sheet 2026-W47 -o csv
"$PY3" - out <<'EOF' >filled.csv
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
w = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
w.writeheader()
for r in rows:
    r.update(attitude=9, accuracy=5 if r["agent"] == "zhao20" else 9,
             timeliness=5, critical="no")
    w.writerow(r)
EOF
CS_NOW="2026-11-23 08:00" ok cs-audit -D s import filled.csv

export CS_NOW="2026-12-02 08:00"
ok cs-kpi -D s report --month 2026-11
mv out report.html
if command -v xmllint >/dev/null; then
	ok xmllint --noout report.html
fi
ok cs-kpi -D s report --month 2026-11 --xlsx report.xlsx
if "$PY3" -c "import openpyxl" 2>/dev/null; then
	ok "$PY3" "$PY" s 2026-11 report.html report.xlsx
else
	echo "skip: python3-openpyxl is not installed (the workbook's tables)"
	ok "$PY3" "$PY" s 2026-11 report.html
fi

# in order: the policy's three reports, the scores and verdicts, the
# spot checks
same "$(grep -o '<section id="[a-z]*"' report.html | tr '\n' ' ')" \
    '<section id="volume" <section id="causes" <section id="aftersales" <section id="scores" <section id="verdicts" <section id="spotchecks" '
# the verdicts: every agent's login and name, outcome and review flag
has '<th>person</th><th>name</th><th>team</th><th>score</th><th>outcome</th><th>review</th>' report.html
awk -F, 'NR > 1 && $4 == "agent" && $6 == "" { print $1 "," $2 }' s/staff.csv >agents
while IFS=, read -r login name; do
	has "<td>$login</td><td>$name</td>" report.html
done <agents
# the week's spot checks: the last whole week of the month with a sample
# (2026-W48 has none), its teams, the common problem and the individual
# one
has '<h2>Spot checks of the week 2026-W47</h2>' report.html
has '<tr class="common"><td>common</td><td>timeliness</td>' report.html
has '<tr class="individual"><td>individual</td><td>zhao20</td>' report.html
lacks '<td>individual</td><td>zhao20</td><td>[0-9]*</td><td></td><td></td><td></td><td></td><td>timeliness' report.html
has '<tr class="team"><td>team</td>' report.html

# --excel: the same tables in one sheet, each row named by its table
ok cs-kpi -D s report --month 2026-11 --excel
tr -d '\r' <out | sed '1s/^\xef\xbb\xbf//' >excel.csv
same "$(head -n 1 excel.csv)" "table,name,group,value,resolved,share,cumulative_share,change,median_hours,outcome,review"
row=$(grep '<tr><td>delay</td><td>transport</td>' report.html | sed 's/<[^>]*>/,/g; s/,,*/,/g; s/^,//; s/,$//')
set -- $(echo "$row" | tr , ' ')
# a change is signed: a spreadsheet would take it for a formula, so it
# is neutralised as every such cell (cs(7))
case $7 in [-+]*) ch="'$7" ;; *) ch=$7 ;; esac
has "complaint causes,delay,transport,$3,,$4,$5,$ch,,," excel.csv
has "after-sales,all,$(awk -F, '$1 == "after-sales" && $2 == "all"' excel.csv | cut -d, -f3-)" excel.csv
grep -q '^volume,2026-10,phone,[0-9]' excel.csv || fail "no volume of phone inquiries in 2026-10"
grep -q '^spot checks,timeliness,common,' excel.csv || fail "no common problem in the excel sheet"

# the page and the workbook in the user's language: the channels, the
# natures and departments, the after-sales kinds, the outcomes and the
# reviews as -o table shows them (store/values.h); --excel keeps the
# stored English values, which scripts read
bin=$(dirname "$(command -v cs-kpi)")
zh="env LC_ALL=C.UTF-8 LANGUAGE=zh_CN CS_LOCALEDIR=$bin/../locale"
ok $zh cs-kpi -D s report --month 2026-11
mv out zh.html
has '<th>月份</th><th>邮件</th><th>在线</th><th>电话</th><th>来访</th>' zh.html
has '<tr><td>延误</td><td>运输</td><td>' zh.html
has '<tr><td>错送</td><td>运输</td><td>' zh.html
has '<tr><td>服务态度</td><td>客服</td><td>' zh.html
has '：延误 / 运输 ' zh.html
has '<tr><td>退货</td>' zh.html
has '<tr><td>换货</td>' zh.html
has '<tr><td>维修</td>' zh.html
has '<tr class="all"><td>合计</td>' zh.html
has '<td>合格</td><td></td>' zh.html
has '<td>优秀</td><td>奖励</td>' zh.html
has '<td>不合格</td><td>辞退复核</td>' zh.html
for w in email online phone visit delay transport finance billing return \
    exchange repair all pass fail excellent reward 'dismissal review' \
    'not enough data' provisional; do
	lacks ">$w<" zh.html
done
# in English the same cells as stored, the reward of an excellent too
has '<td>excellent</td><td>reward</td>' report.html
has '<td>fail</td><td>dismissal review</td>' report.html
ok $zh cs-kpi -D s report --month 2026-11 --xlsx zh.xlsx
if "$PY3" -c "import openpyxl" 2>/dev/null; then
	ok "$PY3" - zh.xlsx <<'EOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
bad = []
def want(what, got, ok):
    if not ok:
        bad.append("%s: %r" % (what, got))
v = [c.value for c in wb["volume"][1]]
want("volume channels", v, v[1:5] == ["邮件", "在线", "电话", "来访"])
c = [[x.value for x in r] for r in wb["causes"].iter_rows(min_row=2, max_col=2)]
want("causes", c[0], c[0] == ["延误", "运输"])
a = [r[0].value for r in wb["aftersales"].iter_rows(min_row=2, max_col=1)]
want("after-sales kinds", a, a == ["退货", "换货", "维修", "合计"])
ws = wb["verdicts"]
o = {r[4].value for r in ws.iter_rows(min_row=2)}
want("outcomes", o, o == {"合格", "不合格", "优秀", "数据不足"})
rv = {r[5].value for r in ws.iter_rows(min_row=2)}
want("reviews", rv, rv == {None, "奖励", "辞退复核"})
sys.exit("\n".join(bad) if bad else 0)
EOF
fi
ok $zh cs-kpi -D s report --month 2026-11 --excel
tr -d '\r' <out >zh.csv
has "complaint causes,delay,transport," zh.csv
has "after-sales,return," zh.csv
has "after-sales,all," zh.csv
grep -q '^verdicts,[^,]*,[^,]*,[0-9.]*,,,,,,excellent,reward$' zh.csv ||
    fail "--excel: no excellent verdict with its reward, in English"
lacks "延误" zh.csv
lacks "合格" zh.csv

# no spot check scored in the period (October): its sheet all the same,
# the sixth, with its header and a line that says so
ok cs-kpi -D s report --month 2026-10
has 'No spot check was scored for the week.' out
ok cs-kpi -D s report --month 2026-10 --xlsx oct.xlsx
if "$PY3" -c "import openpyxl" 2>/dev/null; then
	ok "$PY3" - oct.xlsx <<'EOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
names = wb.sheetnames
if names != ["volume", "causes", "aftersales", "scores", "verdicts",
             "spotchecks"]:
    sys.exit("sheets %r" % names)
rows = [[c.value for c in r] for r in wb["spotchecks"].iter_rows()]
if rows[0][:2] != ["section", "name"] or len(rows) != 2 or \
        rows[1][0] != "No spot check was scored for the week.":
    sys.exit("spotchecks sheet %r" % rows)
EOF
fi

# a period that ends mid-month: its last month counted to the period's
# end (the inquiries opened to the end of 10 November), and marked
ok cs-kpi -D s report --from 2026-10-15 --to 2026-11-10 --excel
tr -d '\r' <out | sed '1s/^\xef\xbb\xbf//' >cut.csv
want=$(python3 -c '
import csv, glob
print(sum(1 for f in glob.glob("s/tickets/2026-11/*.csv") for r in csv.DictReader(open(f))
    if r["kind"] == "inquiry" and r["opened_at"] < "2026-11-11"))')
has "volume,2026-11,,$want,,,,,,partial," cut.csv

# a month not over: the month marked on the chart and in the table
CS_NOW="2026-11-20 10:00" ok cs-kpi -D s report --month 2026-11
mv out partial.html
has '<text x="450" y="238" text-anchor="middle">2026-11*</text>' partial.html
# its points hollow, on every line
same "$(grep -c 'cx="450" cy="[0-9]*" r="4" fill="#fff"\|<rect x="446" y="[0-9]*" width="8" height="8" fill="#fff"\|<polygon points="450,[0-9]* [0-9,]* [0-9,]*\( [0-9,]*\)\{0,1\}" fill="#fff"' partial.html)" 4
has '* the month has not ended; its figures so far</text>' partial.html
has '<tr class="partial"><td>2026-11*</td>' partial.html
has '<h2>Spot checks of the week 2026-W46</h2>' partial.html
# its verdicts provisional, as cs-kpi verdict says, in the page, in
# --excel and in the workbook; none flagged for a dismissal review
verdicts=$(grep -c '^<tr class="\(ok\|fail\)">' partial.html)
[ "$verdicts" -gt 0 ] || fail "no verdicts in partial.html"
same "$(grep -c '^<tr class="\(ok\|fail\)">.*</td><td>provisional</td><td>' partial.html)" "$verdicts"
CS_NOW="2026-11-20 10:00" ok cs-kpi -D s report --month 2026-11 --excel
tr -d '\r' <out >pexcel.csv
same "$(grep -c '^verdicts,.*,provisional$' pexcel.csv)" "$verdicts"
CS_NOW="2026-11-20 10:00" ok cs-kpi -D s report --month 2026-11 --xlsx partial.xlsx
if "$PY3" -c "import openpyxl" 2>/dev/null; then
	ok "$PY3" -c '
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["verdicts"]
rv = [r[5].value for r in ws.iter_rows(min_row=2)]
sys.exit(0 if rv and set(rv) == {"provisional"} else "reviews %r" % rv)
' partial.xlsx
fi
if grep -q 'src="http\|href="http\|url(http\|@import' report.html partial.html; then
	fail "the report reaches for the network"
fi

# the page as a browser draws it (Debian's chromium, test-only)
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	echo "skip: chromium is not installed (the headless rendering of the report)"
	exit 0
fi
# every host unresolvable and every request logged: no request a page
# made may be for anything but a file: or data: URL (the browser's own,
# its updates and accounts, have no page behind them: "not an origin")
shoot() {
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
	    --disable-background-networking --disable-component-update \
	    --disable-sync --disable-default-apps --no-first-run \
	    --host-resolver-rules="MAP * ~NOTFOUND" --user-data-dir="$PWD/profile" \
	    --log-net-log="$PWD/$2" --net-log-capture-mode=Default \
	    --window-size=900,2400 --screenshot="$PWD/$3" "file://$PWD/$1" \
	    >>chromium.log 2>&1 || fail "chromium could not draw $1"
}
cat >asked.py <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
start = d["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
asked = sorted({p["url"] for p in (e.get("params", {}) for e in d["events"]
                                   if e["type"] == start)
                if "url" in p and p.get("initiator") != "not an origin"
                and not p["url"].startswith(("file:", "data:"))})
print("\n".join(asked))
sys.exit(1 if asked else 0)
EOF
# the check itself sees a page that asks (an image of another host)
printf '<html><body><img src="http://example.invalid/x.png"/></body></html>\n' >asks.html
shoot asks.html asks.json asks.png
"$PY3" asked.py asks.json >asked && fail "the net log check misses a request"
has "http://example.invalid/x.png" asked
shoot report.html net.json shot.png
[ -s shot.png ] || fail "no screenshot"
ok "$PY3" asked.py net.json
ok "$PY3" - shot.png <<'EOF'
# The screenshot: a PNG (8-bit RGB or RGBA, as Chromium writes) with
# dark pixels (text, lines) in most bands of its height, so that the
# whole page was drawn.
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n"
pos, idat = 8, b""
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
bpp = {2: 3, 6: 4}[ctype]
raw, stride = zlib.decompress(idat), w * bpp
prev, dark_rows, colours = bytearray(stride), [], set()
for y in range(h):
    f = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b, c = prev[x], prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    dark = 0
    for x in range(0, stride, bpp * 3):
        px = bytes(line[x:x + 3])
        colours.add(px)
        dark += sum(px) < 300
    dark_rows.append(dark)
    prev = line
bands = [sum(dark_rows[i:i + h // 10]) for i in range(0, h - h // 10 + 1, h // 10)]
if len(colours) < 3 or sum(1 for b in bands if b > 20) < 6:
    sys.exit("the screenshot is blank or half drawn: %d colours, dark by band %r" % (len(colours), bands))
EOF
