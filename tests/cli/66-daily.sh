# Daily use: overdue says why each record is listed (first response
# missed, resolution due, promise due); --mine; --fields on every list;
# tables fitted to the terminal; a late entry with its reason journaled;
# a customer's whole file; complaints by customer; --search on tickets;
# an order shown as a table.
. "$TOP/tests/cli/lib.sh"
cs init d >/dev/null || fail "init"
export CS_DATA_DIR=d
cs-staff add id=li.na name=李娜 team=华东一组 role=agent >/dev/null
cs-staff add id=tom name="Tom Baker" team=VIP role=agent >/dev/null
cs-customer add name=张三 type=end phone=13800138000 >/dev/null

# reason() ID: the reason column of overdue's line for ID (the last field)
reason() {
	grep "^$1," out | awk -F, '{ print $NF }'
}

# Wednesday 10:00; the default policy: online first reply within 2m,
# email within 4h; an inquiry resolved within 4 working hours
export CS_NOW="2026-11-18 10:00"
ok cs-ticket add channel=online agent=li.na customer=C-000001 subject=运费
t1=$(cat out)
ok cs-ticket add channel=email agent=tom subject="where is my parcel"
t2=$(cat out)
ok cs-ticket promise "$t2" "2026-11-18 10:30"
ok cs-ticket add channel=phone agent=tom subject=改地址
t3=$(cat out)
ok cs-ticket add channel=online agent=tom subject=已回复
t4=$(cat out)
ok cs-ticket reply "$t4"

# at 10:01 nothing is late yet
CS_NOW="2026-11-18 10:01" status 1 cs-ticket overdue -o csv
# 10:05: the online one's first reply is missed; the phone call was its
# own first response (a target of 0m), never listed
CS_NOW="2026-11-18 10:05" ok cs-ticket overdue -o csv
has ",reason" out
same "$(head -1 out | awk -F, '{ print $NF }')" reason
same "$(reason "$t1")" "first response missed"
lacks "$t2" out
lacks "$t3" out
lacks "$t4" out
# 10:40: the promise is due; 14:30: the email's first reply (4h) and the
# resolutions, joined
CS_NOW="2026-11-18 10:40" ok cs-ticket overdue -o csv
same "$(reason "$t2")" "promise due"
CS_NOW="2026-11-18 14:30" ok cs-ticket overdue -o csv
same "$(reason "$t1")" "first response missed; resolution due"
same "$(reason "$t2")" "first response missed; promise due"
same "$(reason "$t3")" "resolution due"
same "$(reason "$t4")" "resolution due"
# list --overdue is the same listing
CS_NOW="2026-11-18 14:30" ok cs-ticket list --overdue --agent tom -o csv
same "$(reason "$t2")" "first response missed; promise due"
lacks "$t1" out
# a reply ends the first-response reason; a resolved record is not listed
CS_NOW="2026-11-18 14:31" ok cs-ticket reply "$t1"
CS_NOW="2026-11-18 14:32" ok cs-ticket resolve "$t3"
CS_NOW="2026-11-18 14:33" ok cs-ticket overdue -o csv
same "$(reason "$t1")" "resolution due"
lacks "$t3" out
# bad input: overdue takes no operands
status 64 cs-ticket overdue now

# --mine: the acting user's records (CS_USER, as the runner may act for
# others), on list and overdue, of tickets and complaints
CS_NOW="2026-11-18 14:33" CS_USER=tom ok cs-ticket overdue --mine -o csv
has "$t2" out
lacks "$t1" out
CS_USER=li.na ok cs-ticket list --mine -o csv
same "$(tail -n +2 out | cut -d, -f1)" "$t1"
CS_USER=nobody status 1 cs-ticket list --mine -o csv
status 64 cs-ticket list --mine --agent tom
has "--mine with --agent: one or the other" err
status 64 cs-ticket show --mine "$t1"
has "--mine goes with list and overdue" err
ok cs-complain add channel=phone content=丢件 nature=loss handler=li.na \
    customer=C-000001
k1=$(cat out)
ok cs-complain add channel=phone content=破损 nature=damage handler=tom
k2=$(cat out)
CS_USER=tom ok cs-complain list --mine -o csv
has "$k2" out
lacks "$k1" out
ok cs-complain forward "$k1" deadline="2026-11-18 16:00"
ok cs-complain forward "$k2" deadline="2026-11-18 16:00"
CS_NOW="2026-11-20 10:00" CS_USER=li.na ok cs-complain overdue --mine -o csv
has "$k1" out
lacks "$k2" out
status 64 cs-complain list --mine --handler tom
has "--mine with --handler: one or the other" err

# --fields: the columns of every list, in the order given, in each format
ok cs-ticket list --fields status,id -o csv
same "$(head -1 out)" "status,id"
same "$(sed -n 2p out)" "open,$t1"
ok cs-ticket list --fields id,channel -o json
same "$(head -1 out)" "{\"id\":\"$t1\",\"channel\":\"online\"}"
ok cs-ticket list --fields subject,id -o table
same "$(head -1 out | tr -s ' ')" "subject id"
CS_NOW="2026-11-18 14:33" ok cs-ticket overdue --fields id,reason -o csv
same "$(grep "^$t1," out)" "$t1,resolution due"
ok cs-staff list --fields name,id -o csv
same "$(sed -n 2p out)" "李娜,li.na"
ok cs-customer list --fields id,phone -o csv
same "$(cat out)" "id,phone
C-000001,138****8000"
ok cs-complain list --fields handler,id -o csv
same "$(sed -n 2p out)" "li.na,$k1"
CS_NOW="2026-11-20 10:00" ok cs-complain overdue --fields id,overdue -o csv
same "$(head -1 out)" "id,overdue"
exits 1 cs-order list --fields id,status -o csv
same "$(cat out)" "id,status"
# an unknown field: 64, naming it and the list's fields; nothing written,
# not even --unmask's line in the journal
before=$(snapshot d)
status 64 cs-ticket list --fields id,colour
has "--fields: no field 'colour' (the fields: id, " err
lacks ", reason)" err
CS_NOW="2026-11-18 14:33" status 64 cs-ticket overdue --fields colour
has ", reason)" err
status 64 cs-customer list --fields id,colour --unmask --reason 核对
has "--fields: no field 'colour' (the fields: id, name," err
status 64 cs-ticket list --fields id,id
has "--fields: 'id' named twice" err
status 64 cs-ticket list --fields id,
has "--fields: field names with commas between, not 'id,'" err
status 64 cs-ticket show --fields id "$t1"
has "--fields goes with list and overdue" err
status 64 cs-staff add --fields id id=x
same "$(snapshot d)" "$before"

# a table on a terminal fits its width ($COLUMNS, else the terminal's):
# long cells cut with an ellipsis by display width; never down a pipe
ok cs-ticket set "$t1" subject="$(printf '很长的主题%.0s' 1 2 3 4 5 6 7 8)"
COLUMNS=60 ok cs-ticket list -o table
[ "$(wc -L <out)" -gt 100 ] || fail "a piped table was fitted: $(cat out)"
ok cs-ticket list -o csv
has "$(printf '很长的主题%.0s' 1 2 3 4 5 6 7 8)" out
if command -v script >/dev/null 2>&1; then
	COLUMNS=60 script -qec "cs-ticket list" /dev/null </dev/null |
	    tr -d '\r' >tty || fail "script"
	[ "$(wc -L <tty)" -le 60 ] || fail "wider than 60: $(cat tty)"
	has "$t1" tty
	# the subject capped, the others whole, the line as wide as allowed
	COLUMNS=40 script -qec "cs-ticket list --fields id,agent,subject" \
	    /dev/null </dev/null | tr -d '\r' >tty || fail "script"
	[ "$(wc -L <tty)" -le 40 ] || fail "wider than 40: $(cat tty)"
	has "$t1  li.na  很长的主题很长…" tty
	has "$t2  tom    where is my par…" tty
	# wide enough: as it is
	COLUMNS=300 script -qec "cs-ticket list --fields id,subject" /dev/null \
	    </dev/null | tr -d '\r' >tty || fail "script"
	has "$t2  where is my parcel" tty
else
	echo "skip: no script(1) for a terminal"
fi

# a late entry: opened before today only with --late-entry and its reason,
# which the journal keeps; refused without it, nothing written
export CS_NOW="2026-11-19 09:30"
before=$(snapshot d)
status 65 cs-ticket add channel=phone agent=tom opened_at="2026-11-18 17:50"
same "$(cat err)" "cs-ticket: field 'opened_at': before today ('2026-11-18T17:50:00+08:00'): a late entry needs --late-entry reason, which the journal keeps"
status 64 cs-ticket add --late-entry "" channel=phone agent=tom \
    opened_at="2026-11-18 17:50"
has "--late-entry: a reason" err
status 64 cs-ticket add --late-entry "系统故障" channel=phone agent=tom \
    opened_at="2026-11-19 09:00"
has "--late-entry: opened_at is today" err
status 64 cs-ticket add --late-entry "系统故障" channel=phone agent=tom
status 65 cs-ticket add --late-entry "系统故障" channel=phone agent=tom \
    opened_at="2026-11-19 10:00"
has "field 'opened_at': in the future" err
status 64 cs-ticket list --late-entry x
has "--late-entry goes with add" err
same "$(snapshot d)" "$before"
ok cs-ticket add --late-entry "系统故障, 补录" channel=phone agent=tom \
    opened_at="2026-11-18 17:50" subject=补录
t5=$(cat out)
same "$t5" T-20261119-0001
ok cs-ticket show "$t5" -o csv
has ",2026-11-18T17:50:00+08:00," out
ok cs-ticket show --history "$t5" -o csv
has ",cs-ticket,add,late_entry,,\"系统故障, 补录\"" out
# earlier today needs none
ok cs-ticket add channel=phone agent=tom opened_at="2026-11-19 09:00"
unset CS_NOW

# a customer's whole file: tickets, orders, complaints, visits, newest first
export CS_NOW="2026-11-20 11:00"
ok cs-order add customer=C-000001 goods=电视机 weight=12 length=120 width=80 \
    height=20 origin=上海市浦东新区世纪大道100号 origin_region=华东 \
    destination=北京市朝阳区建国路1号 destination_region=华北 consignee=王五 \
    phone=13900139000
o1=$(cat out)
CS_NOW="2026-11-20 11:30" ok cs-customer visit C-000001 agent=li.na \
    satisfaction=4 notes=回访满意
cs-customer add name=李四 type=end >/dev/null
ok cs-ticket add channel=phone agent=tom customer=C-000002 subject=别人的
ok cs-customer show --all C-000001 -o csv
same "$(cat out)" "time,record,id,status,by,what
2026-11-20T11:30:00+08:00,visit,,4,li.na,回访满意
2026-11-20T11:00:00+08:00,order,$o1,new,,电视机
2026-11-18T10:00:00+08:00,complaint,$k1,forwarded,li.na,丢件
2026-11-18T10:00:00+08:00,ticket,$t1,open,li.na,$(printf '很长的主题%.0s' 1 2 3 4 5 6 7 8)"
lacks 13900139000 out
lacks 王五 out
ok cs-customer show --all C-000002 -o json
has '"record":"ticket"' out
ok cs-customer show --all C-000001 -o table
has "visit" out
cs-customer add name=王二 type=end >/dev/null
status 1 cs-customer show --all C-000003 -o csv
status 1 cs-customer show --all C-000099
has "customers.csv: no id 'C-000099'" err
status 64 cs-customer show --all T-20261118-0001
has "not a customers.csv id: 'T-20261118-0001'" err
status 64 cs-customer show --all
status 64 cs-customer list --all

# complaints by customer
ok cs-complain list --customer C-000001 -o csv
same "$(tail -n +2 out | cut -d, -f1)" "$k1"
status 1 cs-complain list --customer C-000002 -o csv
status 64 cs-complain list --customer 张三
has "--customer: not an id of customers.csv: '张三'" err
status 64 cs-complain overdue --customer C-000001
has "--customer goes with list" err

# --search on tickets: any field, ignoring case
ok cs-ticket list --search "WHERE IS" -o csv
same "$(tail -n +2 out | cut -d, -f1)" "$t2"
ok cs-ticket list --search 补录 --fields id -o csv
same "$(cat out)" "id
$t5"
status 1 cs-ticket list --search 没有这个 -o csv
status 64 cs-ticket overdue --search x
has "--search goes with list" err

# an order shown as a table: a field a line, confidential values masked
ok cs-order show "$o1" -o table
has "goods" out
has "电视机" out
has "139****9000" out
lacks "{" out
lacks 13900139000 out
ok cs-order show "$o1" -o json
has '"goods":"电视机"' out
