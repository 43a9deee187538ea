# Roles (rules/roles.c, policy/roles.csv): what each person on the roster
# may do.  Acting as people of the sample roster (CS_USER as root, the
# runner's user): an agent records and handles their own work only, may
# not change the roster, override, unmask or store verdicts; a leader
# handles and overrides for their team only; a login not on the roster
# only reads; every refusal is 77 naming the rule and changes nothing.
# A bad roles.csv is refused (78, file:line: field) by the programs and
# by cs check.  And --search sees masked fields masked, unless --unmask.
. "$TOP/tests/cli/lib.sh"
sample d
export CS_DATA_DIR=d CS_NOW="2026-11-22 10:00"
# zhang6: agent of 华东一组, its leader wang3; zhang7: agent of 华南二组,
# its leader xu4; wu2 the deputy, wang1 the manager

# refused: 77, the one-line reason with the rule, nothing changed
refused() {
	before=$(snapshot d)
	status 77 "$@"
	same "$(snapshot d)" "$before"
}

# the administrator (tester, not on the roster) opens the work
ok cs-ticket add channel=phone agent=zhang6 customer=C-000001 subject=改地址
t6=$(cat out)
ok cs-ticket add channel=phone agent=zhang7 customer=C-000001 subject=催件
t7=$(cat out)
ok cs-complain add channel=phone content=丢件 nature=loss severity=major \
    handler=zhang6 customer=C-000001 received_at="2026-11-22 09:55"
k6=$(cat out)
ok cs-complain add channel=phone content=丢件 nature=loss severity=major \
    handler=zhang7 customer=C-000001 received_at="2026-11-22 09:56"
k7=$(cat out)

# the roster: an agent may not change it, the manager may
CS_USER=zhang6 refused cs-staff set zhang6 role=manager
same "$(cat err)" "cs-staff: set: zhang6 (agent) may not change the roster (policy/roles.csv:3)"
CS_USER=zhang6 refused cs-staff add id=new1 name=新人 team=华东一组 role=agent
CS_USER=wang3 refused cs-staff set zhang6 team=华南二组
has "wang3 (leader) may not change the roster (policy/roles.csv:10)" err
CS_USER=wang1 ok cs-staff set zhang6 name=刘芳芳
has " as wang1,cs-staff,set,zhang6,name,刘芳,刘芳芳" d/journal/2026-11.csv

# an agent handles their own ticket, not another's
CS_USER=zhang6 ok cs-ticket reply "$t6"
CS_USER=zhang6 refused cs-ticket reply "$t7"
has "reply: zhang6 (agent) may not handle the work of zhang7: their own only (policy/roles.csv:4)" err
# and records their own, not one in another's name
CS_USER=zhang6 ok cs-ticket add channel=phone customer=C-000001 subject=查询
CS_USER=zhang6 refused cs-ticket add channel=phone agent=zhang7 customer=C-000001 subject=查询
has "add: zhang6 (agent) may not record the work of zhang7" err
# a leader handles their team's, not another team's
CS_USER=wang3 ok cs-ticket reply "$t6"
CS_USER=wang3 refused cs-ticket reply "$t7"
has "wang3 (leader) may not handle the work of zhang7: their team's only (policy/roles.csv:11)" err

# override: never an agent's, a leader's for their team
CS_USER=zhang6 refused cs-complain close --override "客户联系不上" "$k6"
has "close: zhang6 (agent) may not override the rules for zhang6 (policy/roles.csv:6)" err
CS_USER=zhang6 refused cs-complain close --override "客户联系不上" "$k7"
CS_USER=wang3 refused cs-complain close --override "客户联系不上" "$k7"
has "wang3 (leader) may not override the rules for zhang7: their team's only" err
CS_USER=wang3 ok cs-complain close --override "客户联系不上" "$k6"
has " as wang3,cs-complain,close,$k6,override,open,客户联系不上" d/journal/2026-11.csv
CS_USER=xu4 ok cs-complain close --override "客户联系不上" "$k7"

# --unmask: a role that may see personal data, and a reason; both journaled
CS_USER=zhang6 refused cs-customer show C-000001 --unmask
has "show: zhang6 (agent) may not see personal data (policy/roles.csv:7)" err
CS_USER=zhang6 refused cs-customer show C-000001 --unmask --reason "回访"
CS_USER=zhang6 refused cs-order show "$(ls d/orders/2026-11 | head -1 | sed 's/\.csv$//')" --unmask --reason x
CS_USER=wang3 status 64 cs-customer show C-000001 --unmask
has "show: --unmask needs --reason text" err
CS_USER=wang3 ok cs-customer show C-000001 -o csv --unmask --reason "客户来电核对地址"
has " as wang3,cs-customer,show,C-000001,unmask,,C-000001" d/journal/2026-11.csv
has " as wang3,cs-customer,show,C-000001,role,,leader" d/journal/2026-11.csv
has " as wang3,cs-customer,show,C-000001,reason,,客户来电核对地址" d/journal/2026-11.csv
status 64 cs-customer show C-000001 --reason x
has "show: --reason goes with --unmask" err

# verdicts: stored by the deputy and the manager only (a dry run is a read)
CS_USER=zhang6 refused cs-kpi verdict --month 2026-10
has "verdict: zhang6 (agent) may not store the verdict of" err
CS_USER=wang3 refused cs-kpi verdict --level leader --month 2026-10
has "wang3 (leader) may not store the verdict of" err
CS_USER=zhang6 ok cs-kpi verdict --dry-run --month 2026-10
CS_USER=wu2 ok cs-kpi verdict --level leader --quarter 2026-Q3

# scores: a leader scores their team's records
ok cs-audit sample -n 40 --name wk
east=$(awk -F, 'NR > 1 && $4 == "华东一组" { print $2; exit }' d/audits/wk.csv)
south=$(awk -F, 'NR > 1 && $4 == "华南二组" { print $2; exit }' d/audits/wk.csv)
[ -n "$east" ] && [ -n "$south" ] || fail "no sample of both teams"
CS_USER=wang3 ok cs-audit score "$east" attitude=9 accuracy=9 timeliness=9
CS_USER=wang3 refused cs-audit score "$south" attitude=9 accuracy=9 timeliness=9
has "score: wang3 (leader) may not score the work of" err
CS_USER=zhang6 refused cs-audit score "$east" attitude=9 accuracy=9 timeliness=9

# a login not on the roster (nor one who left) only reads.  As root,
# such a login is the administrator's (every right), so this is a real
# user who does not administer the directory: nobody, of its group.
chmod o+x . && chgrp -R nogroup d && chmod -R g+rwX d
as() {
	u=$1
	shift
	setpriv --reuid=nobody --regid=nogroup --clear-groups env CS_USER=$u "$@"
}
ok as nobody cs-ticket show "$t6"
ok as nobody cs-customer list -o csv
refused as nobody cs-ticket reply "$t6"
same "$(cat err)" "cs-ticket: nobody is not on the roster (staff.csv): may only read"
refused as nobody cs-customer add name=某人 type=end
refused as nobody cs-staff add id=nobody name=某人 role=manager
refused as nobody cs-customer show C-000001 --unmask --reason x
# a user who may not act for others cannot borrow a roster login
# (57-acting): CS_USER is ignored, and they are still off the roster
before=$(snapshot d)
exits 77 as xu13 cs-ticket reply "$t6"
has "CS_USER=xu13 ignored" err
has "nobody is not on the roster" err
same "$(snapshot d)" "$before"
# the administrator, off the roster, has every right
CS_USER=nobody ok cs-ticket reply "$t7"

# roles.csv is data: a wider right for agents is taken as written
cp d/policy/roles.csv roles.saved
sed -i 's/^agent,handle,own$/agent,handle,team/' d/policy/roles.csv
CS_USER=yang9 ok cs-ticket reply "$t6"
CS_USER=yang9 refused cs-ticket reply "$t7"
has "(policy/roles.csv:4)" err
# a bad line is refused, by the programs and by cs check
sed -i 's/^agent,roster,none$/agent,roster,some/' d/policy/roles.csv
CS_USER=zhang6 status 78 cs-ticket reply "$t6"
same "$(cat err)" "cs-ticket: policy/roles.csv:3: field 'scope': not one of none/own/team/all: 'some'"
status 1 cs check
has "policy/roles.csv:3: field 'scope': not one of none/own/team/all: 'some'" out
printf 'role,action,scope\nagent,promote,all\n' >d/policy/roles.csv
status 1 cs check
has "policy/roles.csv:2: field 'action': not one of" out
# an absent roles.csv is the default
rm d/policy/roles.csv
CS_USER=zhang6 refused cs-staff set zhang6 role=manager
has "(policy/roles.csv:3)" err
cp roles.saved d/policy/roles.csv

# --search matches what list shows: a masked phone is not searched by
# its hidden digits, unless --unmask (its role, reason and journal line)
phone=$(awk -F, '$1 == "C-000001" { print $4 }' d/customers.csv)
same "$(echo "$phone" | wc -c)" 12
hidden=$(echo "$phone" | cut -c4-7)
ok cs-customer list -o csv --search "$(echo "$phone" | cut -c8-)"
has "C-000001" out
lines=$(wc -l <d/journal/2026-11.csv)
status 1 cs-customer list -o csv --search "$hidden"
lacks "C-000001" out
same "$(wc -l <d/journal/2026-11.csv)" "$lines"
CS_USER=wang3 ok cs-customer list -o csv --search "$hidden" --unmask --reason "核对来电号码"
has "C-000001" out
has " as wang3,cs-customer,list,*,reason,,核对来电号码" d/journal/2026-11.csv
CS_USER=zhang6 refused cs-customer list -o csv --search "$hidden" --unmask --reason x
ok cs check

# an import that adds agents changes the roster: not a leader's
printf 'channel,agent,opened_at\nphone,newbie,2026-11-20 10:00\n' >imp.csv
CS_USER=wang3 refused cs-ticket import --create-missing imp.csv
has "import: wang3 (leader) may not change the roster (policy/roles.csv:10)" err
CS_USER=wang1 ok cs-ticket import --create-missing imp.csv

# an import records each ticket's agent's work: the same rule as add
printf 'channel,customer,agent,subject,opened_at\nphone,C-000001,zhang6,运单查询,2026-11-22 09:00\nphone,C-000001,zhang7,催件,2026-11-22 09:10\n' >imp.csv
CS_USER=zhang6 refused cs-ticket import imp.csv
same "$(cat err)" "cs-ticket: imp.csv:3: field 'agent': import: zhang6 (agent) may not record the work of zhang7: their own only (policy/roles.csv:2)"
CS_USER=wang3 refused cs-ticket import imp.csv
has "imp.csv:3: field 'agent': import: wang3 (leader) may not record the work of zhang7" err
head -2 imp.csv >own.csv
CS_USER=zhang6 ok cs-ticket import own.csv
CS_USER=wu2 ok cs-ticket import imp.csv
