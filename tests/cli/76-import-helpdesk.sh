# cs-ticket and cs-customer import of what public help-desk exports hold:
# channels Chat, Web Portal, Email; statuses Closed, In Progress; agents
# Agent_1 and Li Na; ratings 5.0; a customer name two customers share;
# column names in any case; a map file; yes/no and guard apostrophes back
# from a spreadsheet; a phone without its leading zero
. "$TOP/tests/cli/lib.sh"
cs init d >/dev/null || fail "init"
export CS_DATA_DIR=d CS_NOW="2026-11-22 12:00"
cs-staff add id=lina name="Li Na" team=华东一组 role=agent >/dev/null
cs-staff add id=tom name="Tom Baker" team=VIP role=agent >/dev/null
cs-customer add name=Acme type=channel >/dev/null
cs-customer add name=Acme type=channel >/dev/null
cs-customer add name=Bolt type=channel >/dev/null

cat >desk.csv <<'Z'
TICKET ID,Created Time,Agent,Customer,Channel,Status,Resolved Time,Closed Time,Satisfaction,Priority
1,2026-11-18 09:00,Li Na,Bolt,Chat,Closed,2026-11-18 10:00,2026-11-18 11:00,5.0,High
2,2026-11-18 09:10,Agent_1,Bolt,Web Portal,In Progress,,,,Low
3,2026-11-18 09:20,tom,Bolt,Email,Resolved,2026-11-18 12:00,,4.0,Low
Z
cat >desk.map <<'Z'
# a help desk's export
--map Created Time=opened_at
--map Resolved Time=resolved_at
map Closed Time=closed_at
--map Ticket ID=
--value channel:Chat=online,Web Portal=online
--value status:In Progress=open
--ignore-unknown
Z
# Agent_1 is no one yet; without --create-missing it is refused
exits 65 cs-ticket import --map-file desk.map desk.csv
has "desk.csv:3: field 'agent': no one on the roster called 'Agent_1'; --create-missing adds them" err
has "columns ignored (--ignore-unknown): 'Priority'" err
ok cs-ticket import --map-file desk.map --create-missing desk.csv
has "columns ignored (--ignore-unknown): 'Priority'" err
same "$(cat out | tr '\n' ' ')" "T-20261118-0001 T-20261118-0002 T-20261118-0003 "
ok cs-ticket show T-20261118-0001 -o json
has '"channel":"online"' out
has '"agent":"lina"' out
has '"status":"closed"' out
has '"satisfaction":"5"' out
ok cs-ticket show T-20261118-0002 -o json
has '"channel":"online"' out
has '"agent":"agent_1"' out
has '"status":"open"' out
ok cs-ticket show T-20261118-0003 -o json
has '"channel":"email"' out
has '"status":"resolved"' out
has '"satisfaction":"4"' out
# Agent_1 was made, its name kept
ok cs-staff show agent_1 -o json
has '"name":"Agent_1"' out

# a customer name two customers have: refused with both ids
cat >acme.csv <<'Z'
opened_at,agent,customer,channel
2026-11-19 09:00,tom,Acme,phone
Z
status 65 cs-ticket import acme.csv
has "acme.csv:2: field 'customer': more than one customer is called 'Acme': C-000001, C-000002 (give the id)" err

# a map file that will not do: 78 with file:line
printf '# x\n--map nothing\n' >bad.map
status 78 cs-ticket import --map-file bad.map desk.csv
has "bad.map:2: --map: expected from=to, not 'nothing'" err
printf -- '--rejects r.csv\n' >bad.map
status 78 cs-ticket import --map-file bad.map desk.csv
has "bad.map:1: --rejects is not an option of a map file" err

# customers: headers in any case, enum case, a guard apostrophe, a phone
# that lost its zero (refused with the hint), a value map
cat >cust.csv <<'Z'
Name,TYPE,Phone,Notes,Grade
'-张三,End,13812345678,'=1+1,a
李四,end,2161234567,,B
王五,Retail,02161234567,,C
Z
status 65 cs-customer import --value 'type:Retail=end' cust.csv
has "cust.csv:3: field 'phone': lost its leading 0 (a spreadsheet took it for a number: save it as .xlsx, or the column as text): '2161234567'" err
status 65 cs-customer import --value 'type:Retail=end' --rejects rej.csv cust.csv
has "cust.csv: 1 rows rejected to rej.csv, 2 stored" err
ok cs-customer show C-000004 -o json --unmask --reason "test: the stored name"
has '"name":"-张三","contact":"","phone":"13812345678"' out
has '"type":"end","grade":"A"' out
has '"notes":"=1+1"' out
ok cs-customer show C-000005 -o json --unmask --reason "test: the stored name"
has '"name":"王五"' out
has '"type":"end"' out
sed 's/,2161234567,/,02161234567,/' rej.csv >fixed.csv
ok cs-customer import fixed.csv
ok cs check
