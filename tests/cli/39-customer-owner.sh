# cs-customer owner: the agent a customer's visits are for, given on add
# or set, or by due --assign to a team's agents in turn; due shows it and
# due --agent lists that agent's customers.  Bad input changes nothing.
. "$TOP/tests/cli/lib.sh"
cs init d >/dev/null || fail "init"
export CS_DATA_DIR=d CS_NOW="2026-01-01 09:00"
cs-staff add id=li.na name=李娜 team=华东一组 role=leader >/dev/null
cs-staff add id=tom name=Tom team=华东一组 role=agent >/dev/null
cs-staff add id=ann name=Ann team=华东一组 role=agent >/dev/null
cs-staff add id=bob name=Bob team=华东一组 role=agent left=2026-01-31 >/dev/null
cs-staff add id=wu name=吴 team=华南二组 role=agent >/dev/null
export CS_USER=li.na
ok cs-customer add name=甲 type=end grade=A owner=tom
ok cs-customer add name=乙 type=end grade=B
ok cs-customer add name=丙 type=channel grade=C
ok cs-customer add name=丁 type=end grade=A
ok cs-customer add name=戊 type=end
same "$(cs-customer show C-000001 -o csv | tail -n 1 | awk -F, '{ print $(NF - 1) }')" tom
# no owner: the agent is who visited last
CS_NOW="2026-01-02 10:00" ok cs-customer visit C-000004
export CS_NOW="2026-03-02 09:00"
ok cs-customer due -o csv
same "$(tail -n +2 out)" "tom,C-000001,A,,2026-03-02,
,C-000002,B,,2026-03-02,
,C-000003,C,,2026-03-02,
li.na,C-000004,A,2026-01-02,2026-02-02,"
ok cs-customer due --agent tom -o csv
same "$(tail -n +2 out | cut -d, -f2)" C-000001
ok cs-customer set C-000004 owner=ann
ok cs-customer due --agent ann -o csv
same "$(tail -n +2 out | cut -d, -f2)" C-000004
has "set,C-000004,owner,,ann" d/journal/2026-03.csv

# --assign: those due without an owner, each to the team's agent owning
# fewest (tom 1, ann 1: tom first on the roster, then ann); bob has left
before=$(snapshot d)
ok cs-customer due -n --assign 华东一组 -o csv
same "$(tail -n +2 out | cut -d, -f1,2 | tr '\n' ' ')" \
    "tom,C-000001 tom,C-000002 ann,C-000003 ann,C-000004 "
same "$(snapshot d)" "$before"
ok cs-customer due --assign 华东一组 -o csv
same "$(tail -n +2 out | cut -d, -f1,2 | tr '\n' ' ')" \
    "tom,C-000001 tom,C-000002 ann,C-000003 ann,C-000004 "
has ",cs-customer,assign,C-000002,owner,,tom," d/journal/2026-03.csv
has ",cs-customer,assign,C-000003,owner,,ann," d/journal/2026-03.csv
lacks "assign,C-000005" d/journal/2026-03.csv	# no grade: never due
# a visit's needs and transport into the file: the journal replays them
ok cs-customer visit C-000002 agent=tom needs=冷链 transport=air
has ",visit,C-000002,transport,,air," d/journal/2026-03.csv
ok cs check
ok cs verify
# again: nobody is left without an owner, nothing written
before=$(snapshot d)
ok cs-customer due --assign 华东一组 -o csv
same "$(snapshot d)" "$before"

# a complaint's follow-up visit is a return visit: C-000003 (C, every
# six months), never visited, is due now; once ann has visited after the
# complaint, not until September
ok cs-complain add channel=phone content=晚了 nature=delay handler=ann \
    customer=C-000003
k=$(cat out)
for step in forward "respond $k answer=查明" "resolve $k resolution=赔付" \
    "feedback $k satisfied"; do
	case $step in forward) step="forward $k" ;; esac
	ok cs-complain $step
done
ok cs-customer due -o csv
has "ann,C-000003,C,,2026-03-02" out
CS_NOW="2026-03-02 10:00" ok cs-complain visit "$k" result=满意
CS_NOW="2026-03-02 11:00" ok cs-customer due -o csv
lacks "C-000003" out
CS_NOW="2026-09-02 11:00" ok cs-customer due -o csv
has "ann,C-000003,C,2026-03-02,2026-09-02" out
ok cs check

# a visit planned: due shows it from its day with its agent, whatever
# the grade (C-000005 has none); the next visit fulfils it
ok cs-customer visit --plan 2026-03-20 C-000005 agent=ann
ok cs-customer due -o csv
lacks "C-000005" out
CS_NOW="2026-03-20 08:00" ok cs-customer due --agent ann -o csv
has "ann,C-000005,,,2026-03-20,2026-03-20" out
has ",plan,C-000005,,,\"C-000005,2026-03-20,ann,li.na," d/journal/2026-03.csv
CS_NOW="2026-03-20 10:00" ok cs-customer visit C-000005 agent=ann
has "C-000005,2026-03-20,ann,li.na,2026-03-02T09:00:00+08:00,2026-03-20T10:00:00+08:00" d/visit-plans.csv
has ",fulfil,C-000005," d/journal/2026-03.csv
CS_NOW="2026-03-20 11:00" ok cs-customer due -o csv
lacks "C-000005" out
# planned again: the line replaced
CS_NOW="2026-03-20 11:00" ok cs-customer visit --plan 2026-04-01 C-000005
same "$(grep -c '^C-000005,' d/visit-plans.csv)" 1
has "C-000005,2026-04-01,li.na," d/visit-plans.csv
ok cs check

# bad input: one line, its status, nothing changed
before=$(snapshot d)
status 65 cs-customer visit --plan 2026-03-01 C-000001
has "2026-03-01 is past" err
status 64 cs-customer visit --plan 2026-02-30 C-000001
status 64 cs-customer visit --plan soon C-000001
status 65 cs-customer visit --plan 2026-04-01 C-000099
status 65 cs-customer visit --plan 2026-04-01 C-000001 agent=nobody
status 64 cs-customer visit --plan 2026-04-01 C-000001 notes=x
status 64 cs-customer due --plan 2026-04-01
status 65 cs-customer add name=己 type=end owner=nobody
has "field 'owner': no one called 'nobody' on the roster" err
status 65 cs-customer add name=己 type=end owner=bob
has "field 'owner': 'bob' left on 2026-01-31" err
status 65 cs-customer add name=己 type=end owner=../x
status 65 cs-customer set C-000001 owner=nobody
status 65 cs-customer due --assign 华北组
has "--assign: no agent of team '华北组' on the roster" err
CS_USER=tom status 77 cs-customer due --assign 华东一组
has "may not handle the work of" err
status 64 cs-customer due --assign
status 64 cs-customer due --assign 华东一组 now
status 64 cs-customer list --assign 华东一组
same "$(snapshot d)" "$before"
# a customers.csv written before the column: read as no owner, given one
# (the file widened first, tests/cli/92-late-columns.sh)
sample s
printf 'id,name,contact,phone,email,company,address,region,type,grade,since,needs,frequency,transport,notes\nC-000001,x,,,,,,,end,A,,,,,\n' >s/customers.csv
before=$(snapshot s)
CS_DATA_DIR=s CS_USER=wang3 ok cs-customer due -o csv
same "$(tail -n +2 out)" ",C-000001,A,,2026-03-02,"
same "$(snapshot s)" "$before"
CS_DATA_DIR=s CS_USER=wang3 ok cs-customer due --assign 华东一组
same "$(cat s/customers.csv)" "$(printf 'id,name,contact,phone,email,company,address,region,type,grade,since,needs,frequency,transport,notes,owner,language\nC-000001,x,,,,,,,end,A,,,,,,')$(cut -d, -f1 out | tail -1),"
