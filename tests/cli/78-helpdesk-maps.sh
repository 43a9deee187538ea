# The shipped map files of four help desks (data-samples/maps/), each on a
# hand-made file in the documented shape of that help desk's ticket export
# (tests/cli/data/): imported with its map and --create-missing alone, and
# per agent the workload, rated, satisfied (4-5) and resolved tickets that
# cs-kpi score and cs-ticket list count equal what 78-helpdesk-maps.py
# counts from the export itself with Python's csv module.
. "$TOP/tests/cli/lib.sh"
py=
for p in python3 /usr/bin/python3; do
	if "$p" -c 'import csv' 2>/dev/null; then py=$p; break; fi
done
[ -n "$py" ] || { echo "skip: no python3"; exit 0; }
PY="$TOP/tests/cli/78-helpdesk-maps.py"
export CS_NOW="2026-11-30 12:00"

for desk in zendesk freshdesk osticket zammad; do
	map="$TOP/data-samples/maps/$desk.map"
	file="$TOP/tests/cli/data/$desk-tickets.csv"
	[ -f "$map" ] || fail "no $map"
	head -1 "$map" | grep -q "^# $desk.map: " || fail "$map: no header comment"
	grep -qi "follows" "$map" || fail "$map: names no documentation"
	rm -rf "d-$desk"
	cs init "d-$desk" >/dev/null || fail "init"
	export CS_DATA_DIR="d-$desk"
	# one agent and one customer known by name already, the rest made
	cs-staff add id=li.na name="Li Na" team=华东一组 role=agent >/dev/null
	cs-customer add name="Blue Harbor Trading" type=channel >/dev/null
	rows=$(($(wc -l <"$file") - 1))
	ok cs-ticket import --map-file "$map" --create-missing "$file"
	same "$(grep -c '^T-2026' out)" "$rows"
	has "columns ignored (--ignore-unknown): " err
	ok cs-staff list -o csv
	mv out staff.csv
	has "li.na,Li Na,华东一组" staff.csv
	ok cs-kpi score --month 2026-11 -o csv
	mv out kpi.csv
	ok cs-ticket list --month 2026-11 -o csv
	mv out tickets.csv
	ok "$py" "$PY" "$desk" "$file" kpi.csv staff.csv tickets.csv
	cat out
	# the known customer by name, not a second one of that name
	ok cs-customer list -o csv
	same "$(grep -c ',Blue Harbor Trading,\|^C-000001,' out)" 1
	ok cs check
done

# Zendesk: a rating offered but not given is no rating; a Closed ticket
# (no closing time in the export) is stored resolved at its Solved at
export CS_DATA_DIR=d-zendesk
ok cs-ticket list --month 2026-11 -o csv
has ",Damaged carton,,,2026-11-04T14:30:00+08:00," out
grep ',Damaged carton,' out | grep -q ',pending,,,,' || fail "$(grep 'Damaged carton' out)"
grep ',Refund status,' out | grep -q ',2026-11-09T17:45:00+08:00,,resolved,,5,' ||
    fail "$(grep 'Refund status' out)"
# a value the map does not know is a bad row, named, like any other
sed 's/,Web Widget,/,Carrier pigeon,/' "$TOP/tests/cli/data/zendesk-tickets.csv" >z.csv
exits 65 cs-ticket import -n --map-file "$TOP/data-samples/maps/zendesk.map" --create-missing z.csv
has "z.csv:6: field 'channel': not one of phone (电话), online (在线), email (邮件), visit (来访): 'Carrier pigeon'" err

