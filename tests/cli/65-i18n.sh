# Messages in the user's language (gettext, po/; cs(7) LOCALE): Chinese
# under LANG=zh_CN.UTF-8, and under LANGUAGE=zh_CN when the locale is not
# C (LC_ALL=C.UTF-8); English under C, POSIX or no locale at all.  Only
# the messages: CSV output (numbers, order, the English header) is the
# same in every locale.  And the catalogue: every message of the code is
# in po/cs-tools.pot and po/zh_CN.po, every entry translated.
. "$TOP/tests/cli/lib.sh"
export CS_NOW="2026-11-23 07:00"
bin=$(dirname "$(command -v cs-ticket)")
# the build's catalogues, not the installed ones (lib/base/i18n.c)
export CS_LOCALEDIR="$bin/../locale"
[ -f "$CS_LOCALEDIR/zh_CN/LC_MESSAGES/cs-tools.mo" ] ||
    fail "no $CS_LOCALEDIR/zh_CN/LC_MESSAGES/cs-tools.mo (make all builds it)"
unset LANGUAGE LC_MESSAGES LANG
sample s
export CS_DATA_DIR=s

# A locale this machine may not have generated: the system's, else made
# here from the locales package's sources into ./loc (LOCPATH), else none.
has_locale() {	# has_locale zh_CN
	if locale -a 2>/dev/null | grep -qix "$1\.utf-\{0,1\}8"; then
		return 0
	fi
	[ -f "/usr/share/i18n/locales/$1" ] && command -v localedef >/dev/null ||
	    return 1
	mkdir -p loc
	localedef -i "$1" -f UTF-8 "loc/$1.UTF-8" >/dev/null 2>&1 || return 1
	export LOCPATH="$PWD/loc"
}

zh='未知命令 '"'"'frob'"'"'（见 cs-ticket --help）'
en="unknown command 'frob' (see cs-ticket --help)"

# LANGUAGE, which gettext honours unless the locale is C
status 64 env LC_ALL=C.UTF-8 LANGUAGE=zh_CN cs-ticket frob
has "cs-ticket: $zh" err
status 65 env LC_ALL=C.UTF-8 LANGUAGE=zh_CN:en cs-ticket add channel=phone
has "字段 'agent'：人员名册上没有叫 'tester' 的人" err
# an error of the data directory, quoting what the user gave
status 66 env LC_ALL=C.UTF-8 LANGUAGE=zh_CN cs-staff -D nonesuch list
has "没有数据目录 nonesuch（可用 'cs init nonesuch' 创建，或用 -D 指定）" err

# -o table headings in the user's language (po/columns.c), every one of
# these tables'; CSV, TSV and JSON keep the English field names
zhenv="env LC_ALL=C.UTF-8 LANGUAGE=zh_CN"
ok $zhenv cs-audit sample -n 3 -o table	# last week's, for its sheet
head -n 1 out >h
! grep -q '[a-z]' h || fail "cs-audit sample -o table: a heading left in English: $(cat h)"
for c in "cs-staff list" "cs-customer list" "cs-customer due" \
    "cs-customer alerts" "cs-ticket list --month 2026-11" \
    "cs-order list --month 2026-11" "cs-complain list --month 2026-11" \
    "cs-complain report --month 2026-10" "cs-kpi score --month 2026-10" \
    "cs-kpi verdict --month 2026-10" "cs-audit sheet" \
    "cs-order track O-20261101-0001" "cs-ticket show T-20261101-0001"; do
	ok $zhenv $c -o table
	head -n 1 out >h
	! grep -q '[a-z]' h || fail "$c -o table: a heading left in English: $(cat h)"
done

# .xlsx headings in the user's language too, and an import knows them
# again: a sheet saved back as CSV (its headings as written) comes in
py=	# Debian's openpyxl is /usr/bin/python3's, maybe not PATH's first
for p in python3 /usr/bin/python3; do
	"$p" -c 'import openpyxl' 2>/dev/null && py=$p && break
done
if [ -n "$py" ]; then
	ok $zhenv cs-customer export --xlsx c.xlsx
	ok "$py" -c '
import csv, sys, datetime, openpyxl
# as a spreadsheet saves CSV: each cell as shown (a day cell yyyy-mm-dd)
def shown(c):
	if c.value is None:
		return ""
	if isinstance(c.value, datetime.datetime):
		f = "%Y-%m-%d" if c.number_format == "yyyy-mm-dd" else "%Y-%m-%d %H:%M"
		return c.value.strftime(f)
	return c.value
ws = openpyxl.load_workbook(sys.argv[1]).active
w = csv.writer(open(sys.argv[2], "w", newline=""))
for r in ws.iter_rows(max_row=3):
	w.writerow([shown(c) for c in r])' c.xlsx c.csv
	head -n 1 c.csv >h
	! grep -q '[a-z]' h || fail ".xlsx: a heading left in English: $(cat h)"
	sed -n 2p c.csv | cut -d, -f1 >id
	ok $zhenv cs-customer import --dry-run --keep-masked c.csv
	status 65 env LC_ALL=C.UTF-8 cs-customer import --dry-run --keep-masked c.csv
	has "column" err
else
	echo "skip: python3-openpyxl is not installed (.xlsx headings)"
fi
ok $zhenv cs-staff list -o table
has "编号     名称            班组      角色    入职日期    离职日期    部门" out
ok $zhenv cs-staff list -o csv
same "$(head -n 1 out)" "id,name,team,role,hired,left,department"
ok $zhenv cs-staff list -o tsv
same "$(head -n 1 out)" "$(printf 'id\tname\tteam\trole\thired\tleft\tdepartment')"
ok $zhenv cs-staff show wang1 -o json
has '{"id":"wang1","name":' out
ok env LC_ALL=C cs-staff list -o table
same "$(head -n 1 out)" "id       name            team      role     hired       left        department"

# the HTML report: its lang, title, headings and table headings
ok $zhenv cs-kpi report --month 2026-10
has '<html xmlns="http://www.w3.org/1999/xhtml" lang="zh-CN">' out
has '<h1>客服工作报告 2026-10</h1>' out
has '<h2>考核结论</h2>' out
has '<th>人员</th><th>名称</th><th>班组</th><th>得分</th>' out
ok env LC_ALL=C cs-kpi report --month 2026-10
has 'lang="en"' out
has '<h2>Verdicts</h2>' out
has '<th>person</th><th>name</th><th>team</th><th>score</th>' out

# --help: its prose translated, its syntax never (usage lines, the
# programs line the bash completion reads)
ok env LC_ALL=C.UTF-8 cs --help
mv out help.c
ok $zhenv cs --help
has "每个程序都有手册页" out
grep -v '^Each has' help.c >a
grep -v '^每个程序' out >b
cmp -s a b || fail "cs --help: more than its prose translated: $(diff a b)"
ok env LC_ALL=C.UTF-8 cs-ticket --help
mv out help.c
ok $zhenv cs-ticket --help
cmp -s help.c out || fail "cs-ticket --help: its usage lines translated"

# English: C, POSIX, C.UTF-8 without LANGUAGE, nothing set; C ignores
# LANGUAGE
for l in C POSIX C.UTF-8; do
	status 64 env LC_ALL= LANG=$l cs-ticket frob
	has "cs-ticket: $en" err
done
status 64 env -u LC_ALL -u LANG cs-ticket frob
has "cs-ticket: $en" err
status 64 env LC_ALL= LANG=C LANGUAGE=zh_CN cs-ticket frob
has "cs-ticket: $en" err

# LANG=zh_CN.UTF-8 itself
if has_locale zh_CN; then
	status 64 env LC_ALL= LANG=zh_CN.UTF-8 cs-ticket frob
	has "cs-ticket: $zh" err
	status 65 env LC_ALL= LANG=zh_CN.UTF-8 cs-ticket add channel=phone
	has "字段 'agent'：人员名册上没有叫 'tester' 的人" err
	# the same with LC_MESSAGES alone
	status 64 env LC_ALL= LANG=C LC_MESSAGES=zh_CN.UTF-8 cs-ticket frob
	has "cs-ticket: $zh" err
	# CSV is the same bytes: English header, numbers, order
	ok env LC_ALL=C cs-kpi score --month 2026-10 -o csv
	mv out c.csv
	ok env LC_ALL= LANG=zh_CN.UTF-8 cs-kpi score --month 2026-10 -o csv
	cmp -s c.csv out || fail "zh_CN.UTF-8 changes the CSV: $(diff c.csv out | head -5)"
	head -n 1 out | grep -q '^period,level,person,measure,' ||
	    fail "the CSV header is not the English field names: $(head -n 1 out)"
else
	echo "skip: LANG=zh_CN.UTF-8: no zh_CN locale here nor its sources (apt-get install locales)"
fi

# A locale whose decimal point is a comma changes no number of the output
if has_locale de_DE; then
	[ "$(env LC_ALL=de_DE.UTF-8 printf '%.1f' 12.5)" = "12,5" ] ||
	    fail "de_DE.UTF-8 is not a comma-decimal locale here"
	ok env LC_ALL=C cs-kpi score --month 2026-10 -o csv
	mv out c.csv
	grep -q '0\.[0-9]' c.csv || fail "no decimal number to compare"
	ok env LC_ALL=de_DE.UTF-8 cs-kpi score --month 2026-10 -o csv
	cmp -s c.csv out || fail "de_DE.UTF-8 changes the CSV: $(diff c.csv out | head -5)"
	ok env LC_ALL=de_DE.UTF-8 cs-kpi verdict --month 2026-10 -o json
	mv out j
	ok env LC_ALL=C cs-kpi verdict --month 2026-10 -o json
	cmp -s j out || fail "de_DE.UTF-8 changes the JSON"
else
	echo "skip: de_DE.UTF-8: no such locale here nor its sources"
fi

# The catalogue: the messages of the code now (xgettext, as make pot)
# are those of po/cs-tools.pot, every one is in zh_CN.po, translated,
# none fuzzy, and the placeholders agree (msgfmt --check)
if command -v xgettext >/dev/null && command -v msgcmp >/dev/null; then
	MAKEFLAGS= MFLAGS= make -s -C "$TOP" pot POT="$PWD/now.pot" >log 2>&1 ||
	    fail "make pot: $(cat log)"
	msgcmp --use-untranslated "$TOP/po/cs-tools.pot" now.pot >log 2>&1 ||
	    fail "po/cs-tools.pot is out of date (make po): $(head -n 5 log)"
	msgcmp --use-untranslated now.pot "$TOP/po/cs-tools.pot" >log 2>&1 ||
	    fail "po/cs-tools.pot has messages the code no longer has (make po): $(head -n 5 log)"
	msgcmp "$TOP/po/zh_CN.po" now.pot >log 2>&1 ||
	    fail "po/zh_CN.po lacks messages of the code: $(head -n 5 log)"
	msgfmt --check --statistics -o /dev/null "$TOP/po/zh_CN.po" >log 2>&1 ||
	    fail "msgfmt --check: $(head -n 5 log)"
	grep -Eqx '[0-9]+ translated messages\.' log ||
	    fail "po/zh_CN.po is not complete: $(cat log)"
	# no msgstr equal to its msgid but those of placeholders only
	msgattrib --no-obsolete "$TOP/po/zh_CN.po" 2>/dev/null | awk '
	    /^msgid "/ { id = $0; sub(/^msgid /, "", id) }
	    /^msgstr "/ { s = $0; sub(/^msgstr /, "", s)
	        if (s == id && id != "\"\"" && id ~ /[a-z][a-z]/) print id }' >same
	[ ! -s same ] || fail "po/zh_CN.po: left in English: $(head -n 3 same)"
else
	echo "skip: the catalogue check: no xgettext/msgcmp (apt-get install gettext)"
fi
