# cs-staff: add, list, set, show; and bad input leaves the store alone
. "$TOP/tests/cli/lib.sh"
export CS_NOW="2026-11-22 09:00"
cs init d >/dev/null || fail "init"
export CS_DATA_DIR=d

ok cs-staff --help
has "usage: cs-staff" out
ok cs-staff add id=li.na name=李娜 team=华东一组 role=agent hired=2024-03-01
same "$(cat out)" "li.na"
ok cs-staff add id=tom name="Tom Baker" team=East role=leader
ok cs-staff add id=zhao name=赵敏 team=华东一组 role=agent left=2026-06-30
ok cs-staff list -o csv
same "$(wc -l <out)" 4
ok cs-staff list --team 华东一组 --active -o csv
same "$(tail -n +2 out)" "li.na,李娜,华东一组,agent,2024-03-01,,"
ok cs-staff list --role leader -o tsv
has "tom	Tom Baker	East	leader" out
status 1 cs-staff list --role manager

ok cs-staff set li.na team=华南二组 role=leader
ok cs-staff show li.na -o json
same "$(cat out)" '{"id":"li.na","name":"李娜","team":"华南二组","role":"leader","hired":"2024-03-01","left":"","department":""}'
has "tester,cs-staff,set,li.na,team,华东一组,华南二组" d/journal/2026-11.csv
has "tester,cs-staff,set,li.na,role,agent,leader" d/journal/2026-11.csv
ok cs-staff show tom
has "Tom Baker" out
status 1 cs-staff show nobody
has "no id 'nobody'" err

# bad input: one line, its exit status, nothing changed
before=$(snapshot d)
status 65 cs-staff add id=li.na name=Again role=agent
has "id 'li.na' exists already" err
status 65 cs-staff add id=wang name=王 role=boss
has "field 'role': not one of agent (客服), leader (组长), deputy (副经理), manager (经理): 'boss'" err
status 64 cs-staff add id=wang name=王 role=agent colour=red
has "unknown field 'colour'" err
status 64 cs-staff add id=wang role=agent
has "field 'name' is required" err
status 65 cs-staff add id=Wang name=王 role=agent
has "field 'id': not a login name" err
status 65 cs-staff add id=wang name="$(printf 'bad\377')" role=agent
has "invalid UTF-8 at byte" err
status 65 cs-staff add id=wang name=王 role=agent hired=2026-02-30
has "field 'hired': not a date (YYYY-MM-DD): '2026-02-30'" err
status 65 cs-staff set nobody team=x
has "no id 'nobody'" err
status 64 cs-staff set li.na id=other
status 64 cs-staff set li.na
status 64 cs-staff add name
status 64 cs-staff fire li.na
same "$(snapshot d)" "$before"

# another writer holds the lock: wait --wait seconds, then exit 75 naming it
before=$(snapshot d)
flock d sleep 3 &
sleep 0.3
status 75 cs-staff --wait 0.5 add id=wang name=王 role=agent
has "is busy" err
has "--wait" err
same "$(snapshot d)" "$before"
wait
ok cs-staff --wait 5 add id=wang name=王 role=agent
status 64 cs-staff --wait soon add id=wu name=吴 role=agent
