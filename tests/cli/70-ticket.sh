# cs-ticket: every command, every status change and the refused ones;
# the SLA clock as show tells it; filters; bad input
. "$TOP/tests/cli/lib.sh"
cs init d >/dev/null || fail "init"
export CS_DATA_DIR=d CS_CHUNK_BYTES=600	# a chunk every few records
cs-staff add id=li.na name=李娜 team=华东一组 role=agent >/dev/null
cs-staff add id=tom name="Tom Baker" team=VIP role=agent >/dev/null
cs-staff add id=gone name=走了 team=VIP role=agent left=2026-06-30 >/dev/null
cs-customer add name=张三 type=end >/dev/null

# Friday 17:00; the default policy: Mon-Fri 9-18, Sat 10-16; a phone
# inquiry is resolved within 4 working hours
export CS_NOW="2026-11-20 17:00"
ok cs-ticket add channel=phone agent=li.na customer=C-000001 category=tracking \
    subject="货物在哪里" notes="$(printf 'called twice,\nangry')"
t1=$(cat out)
same "$t1" T-20261120-0001
ok cs-ticket show "$t1" -o json
has '"team":"华东一组"' out
has '"status":"open"' out
has '"due_at":"2026-11-21T13:00:00+08:00"' out
has '"notes":"called twice,\nangry"' out
ok cs-ticket add channel=online agent=tom kind=inquiry --answered result=answered
t2=$(cat out)
same "$t2" T-20261120-0002
ok cs-ticket show "$t2" -o csv
has ",resolved,answered," out
has ",2026-11-20T17:00:00+08:00,2026-11-20T17:00:00+08:00,,2026-11-21T13:00:00+08:00,2026-11-20T17:00:00+08:00,,resolved," out
ok cs-ticket add channel=email kind=repair agent=tom estimated_at="2026-11-27 12:00"
t3=$(cat out)

# the clock stops while pending: 7.5 working hours from Fri 17:30 to Mon 10:00
CS_NOW="2026-11-20 17:30" ok cs-ticket pending "$t1" note="asked for the waybill"
CS_NOW="2026-11-23 10:00" ok cs-ticket reply "$t1" note="got it"
ok cs-ticket show "$t1" -o csv
# a phone record is opened during the call: answered at its opening
has ",2026-11-20T17:00:00+08:00,,2026-11-23T13:30:00+08:00,,,open," out
has ",27000," out
CS_NOW="2026-11-23 11:00" ok cs-ticket show "$t1" -o table
has "first response     after 0m, within the target" out
has "resolution         left: 2h 30m" out
has "asked for the waybill" out
CS_NOW="2026-11-23 14:00" ok cs-ticket show "$t1" -o table
has "resolution         missed by 30m" out
ok cs-ticket show "$t1" --history -o csv
has " as tester,cs-ticket,pending,note,,asked for the waybill" out
has " as tester,cs-ticket,reply,paused,,27000" out

# promise, assign, resolve, rate, close, reopen
CS_NOW="2026-11-23 11:00" ok cs-ticket promise "$t1" "2026-11-23 15:00"
ok cs-ticket show "$t1" -o csv
has "2026-11-23T15:00:00+08:00" out
CS_NOW="2026-11-23 11:00" ok cs-ticket assign "$t1" tom
ok cs-ticket show "$t1" -o csv
has ",tom,VIP," out
CS_NOW="2026-11-23 12:00" ok cs-ticket resolve "$t1" result="found at the depot"
CS_NOW="2026-11-23 12:05" ok cs-ticket rate "$t1" satisfaction=4 attitude=good
CS_NOW="2026-11-23 12:10" ok cs-ticket close "$t1"
ok cs-ticket show "$t1" -o csv
has ",2026-11-23T12:00:00+08:00,2026-11-23T12:10:00+08:00,closed,found at the depot,4,good," out
CS_NOW="2026-11-24 09:00" ok cs-ticket reopen "$t1" note="wrong parcel"
ok cs-ticket show "$t1" -o csv
has ",,,open,found at the depot,4,good,1," out
# the order a ticket names exists, and is its customer's (rules/records)
mkdir -p d/orders/2026-11
{ echo "id,customer,goods,quantity,weight,length,width,height,origin,origin_region,destination,destination_region,consignee,phone,service,freight,promised_at,status,created_at,delivered_at,signed_by,estimated_at,exception,location,cancel_reason,category"
  echo "O-20261120-0007,C-000001,书,1,1,,,,上海,华东,北京,华北,,,standard,10.00,2026-11-22T23:59:59+08:00,new,2026-11-20T10:00:00+08:00,,,,,,,books"
} >d/orders/2026-11/O-20261120-0001.csv
ok cs-ticket set "$t1" category=wrong-parcel order=O-20261120-0007
ok cs-ticket show "$t1" -o csv
has ",wrong-parcel," out
has ",O-20261120-0007," out

# refused moves: a clear reason, exit 65, nothing written
before=$(snapshot d)
status 65 cs-ticket close "$t3"
has "close $t3: the record is open; resolve it first" err
status 65 cs-ticket rate "$t3" satisfaction=5
has "rate $t3: the record is open; the customer rates a resolved record" err
status 65 cs-ticket reopen "$t3"
has "the record is open; it is not resolved yet" err
status 65 cs-ticket resolve "$t2"
has "the record is resolved" err
status 65 cs-ticket reply "$t2"
has "reopen it first" err
CS_NOW="2026-11-20 18:00" ok cs-ticket close "$t2"
status 65 cs-ticket close "$t2"
has "close $t2: it is closed already" err
before=$(snapshot d)
status 65 cs-ticket assign "$t2" li.na
has "a closed record keeps its agent" err
status 65 cs-ticket pending "$t2"
status 65 cs-ticket rate "$t1" satisfaction=4
status 65 cs-ticket promise "$t3" "2026-11-01 10:00"
has "before the record was opened" err
same "$(snapshot d)" "$before"

# overdue: open records past their due or promised time
CS_NOW="2026-11-20 17:05" ok cs-ticket add channel=email agent=li.na	# not live: the reply is owed
t4=$(cat out)
CS_NOW="2026-11-20 17:06" ok cs-ticket promise "$t4" "2026-11-20 17:30"
CS_NOW="2026-11-20 17:20" status 1 cs-ticket overdue
CS_NOW="2026-11-20 17:40" ok cs-ticket overdue -o csv
has "$t4" out
lacks "$t3" out
CS_NOW="2026-11-30 09:00" ok cs-ticket overdue -o csv
has "$t1" out
has "$t4" out
lacks "$t2" out

# list: filters, periods, sorting
ok cs-ticket list --agent tom -o csv
same "$(tail -n +2 out | cut -d, -f1 | tr '\n' ' ')" "$t1 $t2 $t3 "
ok cs-ticket list --status closed -o csv
same "$(tail -n +2 out | cut -d, -f1)" "$t2"
ok cs-ticket list --kind repair --channel email -o csv
same "$(tail -n +2 out | cut -d, -f1)" "$t3"
ok cs-ticket list --customer C-000001 --category wrong-parcel -o csv
same "$(tail -n +2 out | cut -d, -f1)" "$t1"
ok cs-ticket list --month 2026-11 --sort=-id -o csv
same "$(tail -n +2 out | cut -d, -f1 | head -n 1)" "$t4"
ok cs-ticket list --week 2026-W47 --team VIP -o csv
same "$(($(wc -l <out) - 1))" 3
status 1 cs-ticket list --month 2026-10
status 1 cs-ticket list --from 2026-11-21 --to 2026-11-22
ok cs-ticket export --excel
has "$(printf '\r')" out
CS_NOW="2026-12-02 10:00" ok cs-ticket list --month last-month -o csv
same "$(($(wc -l <out) - 1))" 4
CS_NOW="2026-12-02 10:00" ok cs-ticket add channel=visit agent=li.na
same "$(cat out)" T-20261202-0001
[ -f d/tickets/2026-12/T-20261202-0001.csv ] || fail "no December chunk"
[ "$(ls d/tickets/2026-11 | wc -l)" -gt 1 ] || fail "November in one chunk"
ok cs check -D d

# first response within and after the target, and a promise kept or broken
ok cs-ticket show "$t2" -o table
has "first response     after 0m, within the target" out
has "resolution         in 0m, within the target" out
CS_NOW="2026-11-23 09:00" ok cs-ticket add channel=online agent=li.na \
    promised_at="2026-11-23 09:30"
t5=$(cat out)
CS_NOW="2026-11-23 09:20" ok cs-ticket show "$t5" -o table
has "first response     not yet; missed by 18m" out
has "promised by 2026-11-23T09:30:00+08:00: still to keep" out
CS_NOW="2026-11-23 09:25" ok cs-ticket reply "$t5"
CS_NOW="2026-11-23 09:40" ok cs-ticket show "$t5" -o table
has "after 25m, missed by 23m; promised by 2026-11-23T09:30:00+08:00: kept" out
CS_NOW="2026-11-23 09:01" ok cs-ticket add channel=online agent=li.na \
    promised_at="2026-11-23 09:30"
t6=$(cat out)
CS_NOW="2026-11-23 09:45" ok cs-ticket reply "$t6"
ok cs-ticket show "$t6" -o table
has "promised by 2026-11-23T09:30:00+08:00: broken" out
CS_NOW="2026-11-23 09:00" ok cs-ticket add channel=email agent=li.na
t7=$(cat out)
CS_NOW="2026-11-23 10:00" ok cs-ticket reply "$t7"
ok cs-ticket show "$t7" -o table
has "first response     after 1h 0m, within the target" out

# the clock must not run back behind the last record: ids only increase
before=$(snapshot d)
CS_NOW="2026-11-22 10:00" status 65 cs-ticket add channel=phone agent=li.na
has "the clock (2026-11-22) is behind the last record T-20261123-0003" err
same "$(snapshot d)" "$before"

# bad input: one line, exit status, the stores untouched
before=$(snapshot d)
status 64 cs-ticket add agent=li.na
has "field 'channel' is required" err
status 65 cs-ticket add channel=fax agent=li.na
has "field 'channel': not one of phone (电话), online (在线), email (邮件), visit (来访): 'fax'" err
status 65 cs-ticket add channel=phone agent=nobody
has "field 'agent': no one called 'nobody' on the roster" err
status 65 cs-ticket add channel=phone agent=gone
has "field 'agent': 'gone' left on 2026-06-30" err
status 65 cs-ticket add channel=phone agent=li.na customer=C-000099
has "field 'customer': no customer 'C-000099'" err
status 64 cs-ticket add channel=phone agent=li.na status=closed
has "not a field 'status' for a new ticket" err
status 64 cs-ticket add channel=phone agent=li.na colour=red
status 65 cs-ticket add channel=phone agent=li.na promised_at=2026-02-30
has "field 'promised_at': not a time: '2026-02-30'" err
status 65 cs-ticket add channel=phone agent=li.na subject="$(printf 'x\377')"
has "invalid UTF-8" err
status 64 cs-ticket add --answered kind=repair channel=phone agent=li.na
status 65 cs-ticket rate "$t1" satisfaction=9
status 65 cs-ticket reply T-20261120-0099
has "no ticket 'T-20261120-0099'" err
status 64 cs-ticket reply ../../etc/passwd
status 1 cs-ticket show T-20261120-0099
status 64 cs-ticket set "$t1" status=closed
has "field 'status' is not given here" err
status 64 cs-ticket list --sort colour
status 64 cs-ticket list --month 2026-13
status 64 cs-ticket frobnicate
same "$(snapshot d)" "$before"
