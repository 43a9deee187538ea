# cs-ticket import: another help desk's export, with its own headers, time
# format, hour durations and rating scale, checked against values worked
# out by hand; unknown agents and customers; all or nothing
. "$TOP/tests/cli/lib.sh"
cs init d >/dev/null || fail "init"
export CS_DATA_DIR=d CS_CHUNK_BYTES=700
cs-staff add id=li.na name=李娜 team=华东一组 role=agent >/dev/null
cs-staff add id=tom name="Tom Baker" team=VIP role=agent >/dev/null
cs-customer add name=张三 type=end >/dev/null
cs-customer add name="Blue Harbor" type=channel >/dev/null
# tickets already there, before and after the imported days
CS_NOW="2026-11-18 08:00" cs-ticket add channel=phone agent=li.na >/dev/null
CS_NOW="2026-11-18 08:10" cs-ticket add channel=phone agent=li.na >/dev/null
CS_NOW="2026-11-20 08:00" cs-ticket add channel=phone agent=tom >/dev/null
CS_NOW="2026-11-20 08:05" cs-ticket add channel=phone agent=tom >/dev/null
export CS_NOW="2026-11-22 12:00"

cat >zendesk.csv <<'Z'
Ticket ID,Created,Agent,Requester,Via,Type,Subject,First reply (hrs),Resolution (hrs),Satisfaction (1-10),Category
1002,11/18/2026 10:00,tom,Blue Harbor,email,return,退货,0.25,,7,damage
1001,11/18/2026 09:30,li.na,张三,phone,inquiry,运单查询,1.5,26,10,tracking
1003,11/19/2026 14:00,newbie,Unknown Co,online,inquiry,"Rates, please",0,2,1,rates
Z
MAP="--map=Ticket ID=,Created=opened_at,Agent=agent,Requester=customer"
MAP2="--map=Via=channel,Type=kind,Subject=subject,First reply (hrs)=first_response_at"
MAP3="--map=Resolution (hrs)=resolved_at,Satisfaction (1-10)=satisfaction,Category=category"

# unknown agents and customers are reported; nothing is written
before=$(snapshot d)
status 65 cs-ticket import "$MAP" "$MAP2" "$MAP3" --time-format "%m/%d/%Y %H:%M" \
    --hours first_response_at,resolved_at --scale 10 zendesk.csv
# (each bad row is refused by its first problem: line 4's agent)
has "zendesk.csv:4: field 'agent': no one on the roster called 'newbie'; --create-missing adds them" err
same "$(snapshot d)" "$before"

# the plan, with what would be created
ok cs-ticket import -n --create-missing "$MAP" "$MAP2" "$MAP3" \
    --time-format "%m/%d/%Y %H:%M" --hours first_response_at,resolved_at \
    --scale 10 zendesk.csv -o csv
has "4,add-agent,newbie," out
has "4,add-customer,,Unknown Co" out
has "3,add,T-20261118-0003," out
has "2,add,T-20261118-0004," out
has "4,add,T-20261119-0001," out
same "$(snapshot d)" "$before"

# the import: values as worked out by hand
ok cs-ticket import --create-missing "$MAP" "$MAP2" "$MAP3" \
    --time-format "%m/%d/%Y %H:%M" --hours first_response_at,resolved_at \
    --scale 10 zendesk.csv
same "$(cat out | tr '\n' ' ')" "T-20261118-0003 T-20261118-0004 T-20261119-0001 "
ok cs-ticket show T-20261118-0003 -o json
# 09:30 + 1.5 h = 11:00; + 26 h = the 19th 11:30; 10 of 10 = 5 of 5
has '"customer":"C-000001","agent":"li.na","team":"华东一组","category":"tracking"' out
has '"opened_at":"2026-11-18T09:30:00+08:00","first_response_at":"2026-11-18T11:00:00+08:00"' out
has '"resolved_at":"2026-11-19T11:30:00+08:00","closed_at":"","status":"resolved"' out
has '"satisfaction":"5"' out
ok cs-ticket show T-20261118-0004 -o json
# 10:00 + 0.25 h = 10:15; unresolved: open; 7 of 10 = 1 + round(6 x 4 / 9) = 4
has '"kind":"return","channel":"email","customer":"C-000002","agent":"tom","team":"VIP"' out
has '"first_response_at":"2026-11-18T10:15:00+08:00"' out
has '"status":"open"' out
has '"satisfaction":"4"' out
# 72 working hours after a Wednesday 10:00 (the policy's return target)
has '"due_at":"2026-11-27T13:00:00+08:00"' out
ok cs-ticket show T-20261119-0001 -o json
has '"customer":"C-000003","agent":"newbie"' out
has '"first_response_at":"2026-11-19T14:00:00+08:00","promised_at":"","due_at":"2026-11-19T18:00:00+08:00","resolved_at":"2026-11-19T16:00:00+08:00"' out
has '"satisfaction":"1"' out
ok cs-staff show newbie -o csv
has "newbie,newbie,,agent,," out
ok cs-customer show C-000003 -o csv --unmask --reason test
has "C-000003,Unknown Co,,,,,,,end" out
# in id order among the records that were there, and the store checks
ok cs-ticket list --month 2026-11 -o csv
same "$(tail -n +2 out | cut -d, -f1 | tr '\n' ' ')" "T-20261118-0001 T-20261118-0002 T-20261118-0003 T-20261118-0004 T-20261119-0001 T-20261120-0001 T-20261120-0002 "
ok cs check -D d
same "$(grep -c ' as tester,cs-ticket,import,T-' d/journal/2026-11.csv)" 3

# bad input: one line naming file, line and field; nothing changed
before=$(snapshot d)
printf 'Created,Agent,Via\n11/40/2026 10:00,tom,phone\n' >bad1.csv
status 65 cs-ticket import --map Created=opened_at,Agent=agent,Via=channel \
    --time-format "%m/%d/%Y %H:%M" bad1.csv
has "bad1.csv:2: field 'opened_at': not a time in the form '%m/%d/%Y %H:%M': '11/40/2026 10:00'" err
printf 'opened_at,agent,channel,first_response_at\n2026-11-18 10:00,tom,phone,soon\n' >bad2.csv
status 65 cs-ticket import --hours first_response_at bad2.csv
has "bad2.csv:2: field 'first_response_at': not a number of hours: 'soon'" err
printf 'opened_at,agent,channel,satisfaction\n2026-11-18 10:00,tom,phone,11\n' >bad3.csv
status 65 cs-ticket import --scale 10 bad3.csv
has "bad3.csv:2: field 'satisfaction': not 1 to 10: '11'" err
printf 'opened_at,agent,channel,colour\n2026-11-18 10:00,tom,phone,red\n' >bad4.csv
status 65 cs-ticket import bad4.csv
has "bad4.csv:1: column 'colour' is not a ticket field" err
printf 'id,opened_at,agent,channel\nT-1,2026-11-18 10:00,tom,phone\n' >bad5.csv
status 65 cs-ticket import bad5.csv
has "cs-ticket gives the ids" err
printf 'opened_at,agent,channel\n2026-11-18 10:00,tom,fax\n' >bad6.csv
status 65 cs-ticket import bad6.csv
has "bad6.csv:2: field 'channel': not one of phone (电话), online (在线), email (邮件), visit (来访): 'fax'" err
printf 'opened_at,agent,channel\n2026-11-18 10:00,tom\n' >bad7.csv
status 65 cs-ticket import bad7.csv
has "bad7.csv:2: 2 fields, the header has 3" err
printf 'opened_at,agent,channel,customer\n2026-11-18 10:00,tom,phone,C-000099\n' >bad8.csv
status 65 cs-ticket import bad8.csv
has "bad8.csv:2: field 'customer': no customer 'C-000099'" err
status 64 cs-ticket import --scale 1 bad8.csv
same "$(snapshot d)" "$before"
