# Spreadsheets both ways: GB18030 CSV in (tickets, customers, a filled
# audit sheet, records on a pipe), the same records as the UTF-8 twin; an
# input that is neither refused with file:line:byte; .xlsx out (text ids
# and phones, real dates, a frozen header, the audit sheet's validation
# and notes, the KPI report's sheets and charts), never through a symlink,
# never left half-written
. "$TOP/tests/cli/lib.sh"

# ---- encodings in ----
for d in u g; do
	cs init $d >/dev/null || fail "init"
	CS_DATA_DIR=$d cs-staff add id=li.na name=李娜 team=华东一组 role=agent >/dev/null
done
export CS_NOW="2026-11-22 12:00"
cat >cust.csv <<'C'
name,type,phone,address,notes
张三,end,02161234567,上海市徐汇区漕溪北路88号,"老客户，需回电"
顺丰源电子商务有限公司,channel,075588886666,深圳市南山区科技园,"VIP: ""白手套"""
C
# enough rows that the file spans several 64 KiB blocks
i=0
while [ $i -lt 1500 ]; do
	# an 11-digit mobile number (a shorter one would look like a phone
	# that lost its leading 0)
	printf '%s\n' "客户甲乙丙丁戊己庚辛$i,end,$(printf '138%08d' $i),北京市朝阳区建国路$i号院一号楼二单元,备注：请在下午联系，谢谢"
	i=$((i + 1))
done >>cust.csv
iconv -f utf-8 -t gb18030 cust.csv >cust-gb.csv
[ "$(wc -c <cust-gb.csv)" -gt 131072 ] || fail "the GB18030 file fits in two blocks"
cmp -s cust.csv cust-gb.csv && fail "iconv did nothing"
ok cs-customer -D u import cust.csv
ok cs-customer -D g import --encoding gb18030 cust-gb.csv
ok cs-customer -D u list --unmask --reason "test: compare imports" -o csv
cp out u.list
ok cs-customer -D g list --unmask --reason "test: compare imports" -o csv
cmp -s out u.list || fail "GB18030 customers differ: $(diff out u.list | head -5)"
has "C-000002,顺丰源电子商务有限公司" out
has "C-001502,客户甲乙丙丁戊己庚辛1499" out

cat >tk.csv <<'T'
opened_at,agent,customer,channel,kind,subject,notes
2026-11-20 09:30,li.na,张三,phone,inquiry,运单查询,"客户要求回电，请在下午联系"
2026-11-20 10:00,li.na,顺丰源电子商务有限公司,email,return,改地址,
T
iconv -f utf-8 -t gb18030 tk.csv >tk-gb.csv
ok cs-ticket -D u import tk.csv
ok cs-ticket -D g import --encoding gbk tk-gb.csv
ok cs-ticket -D u export -o csv
cp out u.tk
ok cs-ticket -D g export -o csv
cmp -s out u.tk || fail "GB18030 tickets differ: $(diff out u.tk | head -5)"
has ",运单查询,客户要求回电，请在下午联系," out

# GB18030 without --encoding: refused where, with the hint; nothing written
before=$(snapshot g)
status 65 cs-ticket -D g import tk-gb.csv
has "tk-gb.csv:2: invalid UTF-8 at byte 24" err
has "--encoding gb18030" err
status 65 cs-customer -D g import cust-gb.csv
has "cust-gb.csv:2: invalid UTF-8 at byte 1" err
# neither UTF-8 nor GB18030: refused at its line and byte, with or without
printf 'name,type\nok,end\nb\377\377d,end\n' >bad.csv
status 65 cs-customer -D g import --encoding gb18030 bad.csv
has "bad.csv:3: neither UTF-8 nor GB18030 at byte 2" err
status 65 cs-customer -D g import bad.csv
has "bad.csv:3: invalid UTF-8 at byte 2" err
lacks "--encoding" err
# UTF-8 and GB18030 in one file: the first non-ASCII line decides
{ head -n 2 cust.csv; sed -n 3p cust-gb.csv; } >mixed.csv
status 65 cs-customer -D g import --encoding gb18030 mixed.csv
has "mixed.csv:3: invalid UTF-8 at byte" err
# cp936 is GB18030 here; anything else is a usage error
ok cs-customer -D g import -n --encoding cp936 cust-gb.csv -o csv
status 64 cs-customer -D g import --encoding latin1 cust.csv
same "$(snapshot g)" "$before"
# --encoding is for the verbs whose synopsis names it
status 64 cs-staff -D g list --encoding gb18030

# the audit sample from a pipe, and a filled sheet back, in GB18030
rm -rf s
sample s
rm -rf s/complaints s/complaint-events
export CS_DATA_DIR=s CS_NOW="2026-11-23 07:00"
cs-ticket list --week 2026-W47 -o csv >week.csv
ok cs-audit sample -n 3 --dry-run -o csv - <week.csv
cp out a.csv
iconv -f utf-8 -t gb18030 week.csv | cs-audit sample -n 3 --dry-run -o csv - \
    >/dev/null 2>err && fail "a GB18030 pipe taken as UTF-8"
has "<stdin>:" err
ok sh -c 'iconv -f utf-8 -t gb18030 week.csv | cs-audit sample -n 3 --dry-run --encoding gb18030 -o csv -'
cmp -s out a.csv || fail "the GB18030 pipe drew another sample"
ok cs-audit sample -n 3 -o csv
ok cs-audit sheet 2026-W47 -o csv
awk -F, 'NR == 1 { print; next } { $8 = 9; $9 = 8; $10 = 7; $11 = "否"; $12 = "语气友好"; print }' OFS=, out >filled.csv
iconv -f utf-8 -t gb18030 filled.csv >filled-gb.csv
ok cs-audit import --encoding gb18030 filled-gb.csv
has "语气友好" s/audits/2026-W47.scores.csv

# ---- .xlsx out ----
# Debian's python3-openpyxl is in /usr/bin's python3, which may not be
# the first python3 on PATH
py=
for p in python3 /usr/bin/python3; do
	if "$p" -c 'import openpyxl' 2>/dev/null; then py=$p; break; fi
done
if [ -z "$py" ]; then
	echo "skip: python3-openpyxl is not installed (.xlsx checks)"
	exit 0
fi
PY="$TOP/tests/cli/74-sheets.py"
ok cs-ticket export --xlsx t.xlsx
[ ! -s out ] || fail "--xlsx also wrote to stdout"
ok "$py" "$PY" tickets t.xlsx
ok cs-customer export --unmask --reason "test: xlsx" --xlsx c.xlsx
ok "$py" "$PY" customers c.xlsx
ok cs-audit sheet 2026-W47 --xlsx a.xlsx
ok "$py" "$PY" sheet a.xlsx
ok cs-kpi report --month 2026-11 --xlsx k.xlsx
ok "$py" "$PY" report k.xlsx
# the names the verbs take it with; one form only
status 64 cs-ticket add --xlsx x.xlsx channel=phone
# never through a symlink: the link is replaced, its target untouched
echo precious >target
ln -s target link.xlsx
ok cs-ticket export --xlsx link.xlsx
same "$(cat target)" precious
[ ! -L link.xlsx ] && [ -s link.xlsx ] || fail "link.xlsx not replaced by the workbook"
# a failed command leaves neither the workbook nor a temporary file
mkdir w
status 1 cs-audit sheet 2026-W01 --xlsx w/none.xlsx
same "$(ls -A w)" ""
status 73 cs-ticket export --xlsx nodir/t.xlsx
has "nodir/t.xlsx" err
# LibreOffice, where installed: the sheet back to CSV, imported
if command -v soffice >/dev/null 2>&1; then
	# a spot-check sheet filled in (the scores in its validated cells),
	# saved by LibreOffice as CSV, imported without edits
	ok "$py" "$PY" fill a.xlsx filled.xlsx
	lo() {
		ok env HOME="$PWD/lohome" soffice --headless --convert-to \
		    csv:"Text - txt - csv (StarCalc)":44,34,76 --outdir lo "$1"
	}
	lo filled.xlsx
	rows=$(($(wc -l <lo/filled.csv) - 1))
	[ "$rows" -gt 0 ] || fail "LibreOffice wrote no rows: $(cat lo/filled.csv)"
	ok cs-audit import lo/filled.csv
	ok cs-audit report --week 2026-W47 -o csv
	has "chen21" out
	# customers out as .xlsx and back: phones keep their leading zeros
	ok cs-customer set C-000001 phone=02161234567
	ok cs-customer export --unmask --reason "test: round trip" --xlsx c.xlsx
	lo c.xlsx
	grep -q '^C-000001,.*,02161234567,' lo/c.csv ||
	    fail "the phone's leading 0 did not come back: $(head -n 2 lo/c.csv)"
	ok cs-customer import --dry-run lo/c.csv
else
	echo "skip: soffice is not installed (the round trip through LibreOffice)"
fi
exit 0
