# Every error is an error: a file that cannot be read is never taken for
# an absent or empty one; hostile files (symlinks, FIFOs) are refused and
# never hang a reader; messages name the file as it is
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
malformed policy/audit.csv 78 cs-kpi score --month 2026-11
malformed audits/2026-W46.csv 65 cs-kpi score --month 2026-11
malformed audits/2026-W46.csv 65 cs-audit sheet 2026-W46
malformed audits/2026-W46.manifest.csv 65 cs-kpi score --month 2026-11
malformed audits/2026-W46.manifest.csv 65 cs-audit report --month 2026-11
malformed audits/2026-W46.scores.csv 65 cs-kpi score --month 2026-11
cp d/policy/zone.csv saved
printf 'zone\n"Asia/Shanghai\n' >d/policy/zone.csv
status 78 cs-staff list
has "d/policy/zone.csv:2: unterminated quoted field" err
cp saved d/policy/zone.csv

# a zone file the C library cannot load is not silently UTC: 78, the
# file named; a good copy of the same zone loads
mkdir -p tz/Asia
cp /usr/share/zoneinfo/Asia/Shanghai tz/Asia/Shanghai
TZDIR=$(pwd)/tz TZ=UTC ok cs-ticket list --month 2026-11 -o csv
has "+08:00" out
head -c 60 /usr/share/zoneinfo/Asia/Shanghai >tz/Asia/Shanghai
TZDIR=$(pwd)/tz TZ=UTC status 78 cs-ticket list --month 2026-11
has "policy/zone.csv:2: field 'zone': 'Asia/Shanghai': $(pwd)/tz/Asia/Shanghai is a truncated zone file" err
printf 'not a zone\n' >tz/Asia/Shanghai
TZDIR=$(pwd)/tz TZ=UTC status 78 cs-staff list
has "tz/Asia/Shanghai is not a TZif zone file" err
# a TZif header that claims less than the file holds, but data the C
# library refuses: its abbreviation is not the file's
{ head -c 44 /usr/share/zoneinfo/Asia/Shanghai; head -c 4000 /dev/zero; } >tz/Asia/Shanghai
TZDIR=$(pwd)/tz TZ=UTC status 78 cs-staff list
has "tz/Asia/Shanghai is" err

# a FIFO or a symlink where a store or a policy file should be: 77 with
# its name, at once (a FIFO hung every command)
# hostile FILE KIND CMD...: FILE replaced by a KIND (fifo, link) refuses CMD
hostile() {
	file=$1 kind=$2
	shift 2
	mv "d/$file" saved
	if [ "$kind" = fifo ]; then
		mkfifo "d/$file"
	else
		ln -s "$(pwd)/saved" "d/$file"
	fi
	status 77 timeout 5 "$@"
	has "d/$file: a" err
	has "refused" err
	rm "d/$file"
	mv saved "d/$file"
}
chunk=$(ls d/tickets/2026-11/*.csv | head -n 1 | sed 's|^d/||')
for kind in fifo link; do
	hostile staff.csv $kind cs-staff list
	hostile staff.csv $kind cs-kpi score --month 2026-11
	hostile customers.csv $kind cs-customer list
	hostile "$chunk" $kind cs-ticket list --month 2026-11
	hostile "$chunk" $kind cs-kpi score --month 2026-11
	hostile "$chunk" $kind cs-ticket show "$(basename "$chunk" .csv)"
	hostile policy/sla.csv $kind cs-kpi score --month 2026-11
	hostile policy/kpi.csv $kind cs-kpi verdict --dry-run --month 2026-10
	hostile policy/zone.csv $kind cs-staff list
	hostile policy/rates.csv $kind cs-order quote origin_region=华东 \
	    destination_region=华北 service=express weight=5
done
# a file the user names may be a symlink or a FIFO (a pipe, <(...))
printf 'name,type\n王五,end\n' >customers.in
ln -s customers.in link.csv
ok cs-customer import -n link.csv
has "add" out
mkfifo fifo.csv
cat customers.in >fifo.csv &
ok timeout 5 cs-customer import -n fifo.csv
has "add" out
ok sh -c 'cat customers.in | cs-customer import -n -'
has "add" out

# a policy file that cannot be read is not an absent one: a self-linked
# hours.csv was "no hours, every day all day", the wrong clock, exit 0
mv d/policy/hours.csv hours.saved
ln -s hours.csv d/policy/hours.csv
status 77 cs-kpi score --month 2026-11
has "d/policy/hours.csv: a symbolic link: refused" err
rm d/policy/hours.csv
mv hours.saved d/policy/hours.csv
if [ "$(id -u)" != 0 ]; then
	chmod 000 d/policy/holidays.csv
	status 78 cs-kpi score --month 2026-11
	has "open d/policy/holidays.csv: Permission denied" err
	chmod 644 d/policy/holidays.csv
fi
# a policy directory that is a file: every policy is unreadable (ENOTDIR)
mv d/policy policy.saved
touch d/policy
status 78 cs-staff list
has "open d/policy/zone.csv: Not a directory" err
rm d/policy
mv policy.saved d/policy

# a directory that cannot be read is not an empty one: 74 with the step
# (a month read as empty gave "no such ticket", an empty list, a KPI
# without the month's tickets, and for cs-ticket add a reissued id)
# unreadable DIR CMD...: DIR replaced by a regular file (ENOTDIR, even
# for root) makes CMD fail with 74 and "opendir DIR"
unreadable() {
	dir=$1
	shift
	mv "d/$dir" saved.dir
	: >"d/$dir"
	before=$(snapshot d)
	status 74 "$@"
	has "opendir d/$dir: Not a directory" err
	same "$(snapshot d)" "$before"
	rm "d/$dir"
	mv saved.dir "d/$dir"
}
t=$(basename "$chunk" .csv)
unreadable tickets/2026-11 cs-ticket show "$t"
unreadable tickets/2026-11 cs-ticket list --month 2026-11
unreadable tickets/2026-11 cs-ticket add channel=phone agent=chen21
unreadable tickets/2026-11 cs-ticket set "$t" subject=x
unreadable tickets/2026-11 cs-kpi score --month 2026-11
unreadable tickets/2026-11 cs-audit sample --week 2026-W47 -n 1
unreadable tickets cs-ticket list --month 2026-11
unreadable orders/2026-11 cs-order list --month 2026-11
unreadable orders/2026-11 cs-customer grade
unreadable orders/2026-11 cs-ticket add kind=return channel=phone \
    agent=chen21 order="$order"
unreadable complaints/2026-11 cs-complain list --month 2026-11
unreadable audits cs-kpi score --month 2026-11
unreadable audits cs-audit report --month 2026-11

# --wait nan passed "w < 0 || w > 86400" and waited forever on a held lock
for w in nan -nan inf 1e9; do
	status 64 timeout 5 cs-ticket --wait "$w" add channel=phone agent=chen21
	has "--wait: not a number of seconds from 0 to 86400: '$w'" err
done

# a file of a header alone imports nothing, exit 0, and changes nothing
# (qsort(NULL, 0, ...) aborted the UBSan build); an empty sorted list too
printf 'opened_at,channel,agent\n' >header-only.csv
before=$(snapshot d)
ok cs-ticket import header-only.csv
same "$(cat out)" ""
ok cs-ticket import -n header-only.csv -o csv
same "$(snapshot d)" "$before"
status 1 cs-ticket list --month 2027-01 --sort opened_at

# a store of 100,000 columns is read in time: a pairwise duplicate check
# of the header took 11 s here (22 s for a month's ticket list), 0.1 s
# now; a repeated column among them is named
# wide EXTRA FILL: staff.csv with 100,000 more columns, and EXTRA (FILL
# in the records)
seq -f ',x%.0f' 100000 | tr -d '\n' >wide.hdr
printf '%100000s' '' | tr ' ' , >wide.row
wide() {
	{ head -n 1 staff.saved | tr -d '\n'; cat wide.hdr; printf '%s\n' "$1"
	  tail -n +2 staff.saved | while IFS= read -r l; do
		printf '%s' "$l"; cat wide.row; printf '%s\n' "$2"
	  done; } >d/staff.csv
}
cp d/staff.csv staff.saved
wide "" ""
ok timeout 5 cs-staff list -o csv
has "chen21" out
ok timeout 5 cs-ticket add channel=phone agent=chen21 subject=wide
wide ",x7" ","
status 65 timeout 5 cs-staff list
has "staff.csv:1: column 'x7' twice" err
cp staff.saved d/staff.csv
