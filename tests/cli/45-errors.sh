# Every error is an error: messages name the file as it is
. "$TOP/tests/cli/lib.sh"
sample d
export CS_DATA_DIR=d CS_NOW="2026-11-23 09:00"
order=$(tail -n 1 "$(ls d/orders/2026-11/*.csv | tail -n 1)" | cut -d, -f1)
ok cs-audit sample --week 2026-W46 -n 1 -o csv
ok cs-audit score "$(sed -n 2p out | cut -d, -f2)" attitude=9 accuracy=9 timeliness=9

# a malformed line names its file, line and problem, whoever opened the
# file and freed the path (a use-after-free printed garbage here)
# malformed FILE STATUS CMD...: FILE with a bad last line makes CMD fail
malformed() {
	file=$1 want=$2
	shift 2
	cp "d/$file" saved
	printf '"x\n' >>"d/$file"
	status "$want" "$@"
	has "d/$file:$(wc -l <"d/$file" | tr -d ' '): unterminated quoted field" err
	cp saved "d/$file"
}
malformed staff.csv 65 cs-kpi score --month 2026-11
malformed customers.csv 65 cs-customer grade
malformed policy/grades.csv 78 cs-customer grade
malformed policy/kpi.csv 78 cs-kpi verdict --dry-run --month 2026-10
malformed policy/rates.csv 78 cs-order quote origin_region=华东 \
    destination_region=华北 service=express weight=5
malformed policy/returns.csv 78 cs-ticket add kind=return channel=phone \
    agent=chen21 order="$order"
malformed policy/audit.csv 78 cs-audit sheet 2026-W46
malformed audits/2026-W46.csv 65 cs-audit sheet 2026-W46
cp d/policy/zone.csv saved
printf 'zone\n"Asia/Shanghai\n' >d/policy/zone.csv
status 78 cs-staff list
has "d/policy/zone.csv:2: unterminated quoted field" err
cp saved d/policy/zone.csv

