# cs-kpi report's page: a CJK font stack (Chinese is never boxes), the
# page's lang by the user's language, the roster's names beside the
# logins, a period not ended marked partial in the heading; and, with
# Debian's chromium, a headless screenshot that is not blank, taken with
# every host unresolvable.
. "$TOP/tests/cli/lib.sh"
sample s
unset LC_ALL LC_MESSAGES LANG LANGUAGE

CS_NOW="2026-12-02 08:00" ok cs-kpi -D s report --month 2026-11
mv out done.html
has 'font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;' done.html
has '<html xmlns="http://www.w3.org/1999/xhtml" lang="en">' done.html
has '<h1>Customer service report 2026-11</h1>' done.html
lacks 'class="partial"' done.html
if command -v xmllint >/dev/null; then
	ok xmllint --noout done.html
fi
# every agent of the period: the login, the name beside it, in the
# verdicts and on the chart of scores
has '<th>person</th><th>name</th><th>team</th>' done.html
awk -F, 'NR > 1 && $4 == "agent" && $6 == "" { print $1 "," $2 }' s/staff.csv >agents
[ -s agents ] || fail "no agents in the sample"
while IFS=, read -r login name; do
	has "<td>$login</td><td>$name</td>" done.html
	has ">$login $name</text>" done.html
done <agents

# the user's language
CS_NOW="2026-12-02 08:00" ok env LANG=zh_CN.UTF-8 cs-kpi -D s report --month 2026-11
has 'lang="zh-CN"' out
CS_NOW="2026-12-02 08:00" ok env LANG=C LANGUAGE=zh_CN cs-kpi -D s report --month 2026-11
has 'lang="en"' out

# a month not over: partial, in the heading
CS_NOW="2026-11-20 10:00" ok cs-kpi -D s report --month 2026-11
mv out partial.html
has '<h1>Customer service report 2026-11 <span class="partial">(partial: the period has not ended; its figures so far)</span></h1>' partial.html
has '.partial{' partial.html
# and in the user's language, the word "partial" too (from the
# catalogue: here one made for the test, of that message alone)
if command -v msgfmt >/dev/null; then
	mkdir -p loc/zh_CN/LC_MESSAGES
	printf 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "(partial: %%s)"\nmsgstr "（部分：%%s）"\n' >t.po
	ok msgfmt -o loc/zh_CN/LC_MESSAGES/cs-tools.mo t.po
	CS_NOW="2026-11-20 10:00" ok env LC_ALL=C.UTF-8 LANGUAGE=zh_CN \
	    CS_LOCALEDIR="$PWD/loc" cs-kpi -D s report --month 2026-11
	has '<h1>Customer service report 2026-11 <span class="partial">（部分：the period has not ended; its figures so far）</span></h1>' out
else
	echo "skip: msgfmt is not installed (the partial heading in Chinese)"
fi
if command -v xmllint >/dev/null; then
	ok xmllint --noout partial.html
fi
# (url(#id) is the page's own pattern, not a fetch)
if grep -q 'src="http\|href="http\|url([^#]' partial.html; then
	fail "the report reaches for the network"
fi

# the page as a browser draws it (Debian's chromium, test-only)
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	echo "skip: chromium is not installed (the headless screenshot of the report)"
	exit 0
fi
command -v python3 >/dev/null || { echo "skip: python3 is not installed (reading the screenshot)"; exit 0; }
# no request can leave the page: every host resolves to nothing (and the
# page names nothing outside itself, as checked above)
ok timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
    --host-resolver-rules="MAP * ~NOTFOUND" --user-data-dir="$PWD/profile" \
    --window-size=800,1200 --screenshot="$PWD/shot.png" \
    "file://$PWD/partial.html"
[ -s shot.png ] || fail "no screenshot"
python3 - shot.png <<'EOF' || fail "the screenshot is blank"
# A PNG (8-bit RGB or RGBA, as Chromium writes) of more than one colour,
# with enough dark pixels to be text and bars.
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n"
pos, idat, w, h, ctype = 8, b"", 0, 0, 0
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
prev, dark, colours = bytearray(stride), 0, set()
for y in range(h):
    f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
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
    for x in range(0, stride, bpp * 4):
        px = bytes(line[x:x + 3])
        colours.add(px)
        dark += sum(px) < 300
    prev = line
sys.exit(0 if len(colours) > 2 and dark > 200 else 1)
EOF
