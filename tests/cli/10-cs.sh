# cs: init, check, dispatch, options, exit statuses
. "$TOP/tests/cli/lib.sh"

ok cs --help
has "cs [-D dir] check" out
ok cs --version
has "cs-tools" out
status 64 cs
status 64 cs --bogus

# init: a data directory with the default policies, group-shared
ok cs init d
for f in staff.csv customers.csv policy/sla.csv policy/kpi.csv policy/rates.csv \
    policy/grades.csv policy/returns.csv policy/complaint-natures.csv \
    policy/audit.csv policy/hours.csv policy/holidays.csv policy/zone.csv \
    policy/roles.csv; do
	[ -f "d/$f" ] || fail "init made no $f"
	same "$(stat -c %a "d/$f")" 660
done
same "$(stat -c %a d)" 770
same "$(stat -c %a d/policy)" 770
status 73 cs init d
has "already a data directory" err
status 73 cs init /proc/nonexistent/d

# the sample department's policies are the defaults
for f in d/policy/*.csv; do
	cmp -s "$f" "$TOP/data-samples/policy/$(basename "$f")" ||
	    fail "data-samples/policy/$(basename "$f") differs from cs init's"
done

# check: clean on a new directory and on the samples
ok cs -D d check
same "$(cat out)" ""
sample s
ok cs check -D s
CS_DATA_DIR=s ok cs check

# check: every problem as file:line: problem, exit 1
printf 'C-999999,x,,bad-phone,,,,,end,,,,,,,,\n' >>s/customers.csv
printf 'nobody,,t,boss,,,\n' >>s/staff.csv
status 1 cs -D s check
has "customers.csv:$(wc -l <s/customers.csv): field 'phone': not a phone number: 'bad-phone'" out
has "staff.csv:$(wc -l <s/staff.csv): field 'name': required, but empty" out
has "staff.csv:$(wc -l <s/staff.csv): field 'role': not one of agent (客服), leader (组长), deputy (副经理), manager (经理): 'boss'" out
same "$(wc -l <out)" 3
status 66 cs -D nowhere check
has "no data directory nowhere" err

# cs X runs cs-X, passing -D on
ok cs -D d staff add id=li.na name=李娜 role=agent
ok cs -D d staff list -o csv
has "li.na,李娜,,agent,," out
status 64 cs frobnicate
has "cannot run cs-frobnicate" err
status 64 cs ../../bin/sh

# output goes somewhere or the program fails
if [ -w /dev/full ]; then
	status 74 sh -c 'cs -D s check >/dev/full'
	status 74 sh -c 'cs-staff -D d list -o csv >/dev/full'
fi

# data-samples/ is what the generator makes, byte for byte (but for the
# import maps of maps/, written by hand)
ok cs-gen -t 3000 -m 2026-10,2026-11 -e 2026-11-22 gen
# (its journal too: an import line, hash-chained, for every record)
diff -r -x maps "$TOP/data-samples" gen >diffs || fail "data-samples differs from cs-gen's: $(head -c 400 diffs)"
# with orders in bulk (-O, as make bench makes them), one run makes a
# department cs check finds clean, whose after-sales tickets name the
# bulk orders of their customers; the months must ascend
ok cs-gen -a 6 -c 300 -t 900 -O 600 -m 2026-10,2026-11 bulk
ok cs -D bulk check
# made on a UTC machine, its days are still the department's (its
# zone.csv): no record of the 30th falls in December there
TZ=UTC ok cs-gen -a 6 -c 300 -t 3000 -O 3000 -m 2026-11 -e 2026-11-30 utc
ok cs -D utc check
cat bulk/tickets/*/*.csv | awk -F, '$1 != "id" && $10 ~ /^O-/ { n++ }
    END { exit n < 50 }' || fail "cs-gen -O: the tickets name no orders"
status 64 cs-gen -t 10 -m 2026-11,2026-10 late
has "the months ascend" err

# the department's zone is policy/zone.csv's, whatever TZ the machine
# has: on a UTC cron server the samples still check, and a ticket opened
# at 01:00 on the 23rd Shanghai time (the 22nd in UTC) is the 23rd's
sample z
TZ=UTC ok cs check -D z
TZ=UTC CS_NOW="2026-11-23 01:00" ok cs-ticket -D z add channel=phone \
    agent=zhang6 subject=时区
has "T-20261123-" out
has "2026-11-23T01:00:00+08:00," z/journal/2026-11.csv
# without the file TZ decides: the same records are now out of their months
rm z/policy/zone.csv
TZ=UTC status 1 cs check -D z
has "is not in 2026-11" out
# a zone the machine does not know: 78 and one line, nothing touched
printf 'zone\nMars/Olympus\n' >z/policy/zone.csv
before=$(snapshot z)
status 78 cs-ticket -D z add channel=phone agent=zhang6 subject=x
has "policy/zone.csv:2: field 'zone': not a zone this machine knows: 'Mars/Olympus'" err
status 78 cs check -D z
same "$(snapshot z)" "$before"
printf 'zone\n../../etc/passwd\n' >z/policy/zone.csv
status 78 cs-customer -D z list
