# cs-order, a whole order as the departments work it: quoted with its
# pieces, a failed review mended with set (re-quoted; refused once
# confirmed), prepared and packed by the warehouse, dispatched by
# transport, every event where it happened, a delay owned by a driver's
# department and resolved by it, late before and after; bad input
. "$TOP/tests/cli/lib.sh"
cs init d >/dev/null || fail "init"
export CS_DATA_DIR=d CS_NOW="2026-11-20 09:00"
ok cs-staff add id=li.na name=李娜 team=East role=agent
ok cs-staff add id=wang.wh name=王库 role=agent department=warehouse
ok cs-staff add id=zhao.tr name=赵运 role=agent department=运输
ok cs-customer add name=张三 type=end email=zhang@example.com

# refused N CMD...: exit N with one line, nothing changed
refused() {
	want=$1
	shift
	before=$(snapshot d)
	status "$want" "$@"
	same "$(snapshot d)" "$before"
}

# dimensions are of one piece: 3 x 50x40x30 cm / 6000 = 30 kg by volume
# against 12 kg actual; 华东-华北 standard: 10 + 29 x 4 = 126.00 (one
# piece: 12 kg, 10 + 11 x 4 = 54.00)
ok cs-order quote origin_region=华东 destination_region=华北 weight=12 \
    length=50 width=40 height=30 quantity=3 -o csv
same "$(tail -n 1 out)" "30.0,30.00,126.00,3,2026-11-23T23:59:59+08:00"
ok cs-order quote origin_region=华东 destination_region=华北 weight=12 \
    length=50 width=40 height=30 -o csv
same "$(tail -n 1 out)" "12.0,10.00,54.00,3,2026-11-23T23:59:59+08:00"
refused 65 cs-order quote origin_region=华东 destination_region=华北 weight=12 \
    length=50 width=40 height=30 quantity=0
has "field 'quantity'" err

# taken without the consignee's phone: review fails, set mends it
ok cs-order add customer=C-000001 goods=电视机 weight=12 length=50 width=40 \
    height=30 origin=上海市浦东新区世纪大道100号 origin_region=华东 \
    destination=北京市朝阳区建国路1号 destination_region=华北 consignee=王五
o=$(cat out)
ok cs-order show "$o" -o csv
has ",standard,54.00,2026-11-23T23:59:59+08:00,new," out
refused 65 cs-order review "$o"
same "$(cat err)" "cs-order: review $o: no phone"
ok cs-order set "$o" phone=13800138000
ok cs-order review "$o"
# amended after review: quoted again (three pieces), to be reviewed again
ok cs-order set "$o" quantity=3
ok cs-order show "$o" -o csv
has ",3,12,50,40,30," out
has ",standard,126.00,2026-11-23T23:59:59+08:00,new," out
has ",$o,set,tester,\"quantity; re-quoted: freight 126.00, promised 2026-11-23T23:59:59+08:00; to be reviewed again\"" d/order-events/2026-11.csv
has ",cs-order,set,$o,quantity,1,3," d/journal/2026-11.csv
has ",cs-order,set,$o,freight,54.00,126.00," d/journal/2026-11.csv
has ",cs-order,set,$o,status,reviewed,new," d/journal/2026-11.csv
# a freight given stands
ok cs-order set "$o" goods=液晶电视机 freight=120
ok cs-order show "$o" -o csv
has ",液晶电视机,3,12," out
has ",standard,120,2026-11-23T23:59:59+08:00,new," out
refused 65 cs-order confirm "$o"
ok cs-order review "$o" location=客服中心
ok cs-order confirm "$o"
ok cs-order show "$o" -o csv
has ",confirmed," out
has ",客服中心," out
# once confirmed: refused, with the reason
refused 65 cs-order set "$o" quantity=2
same "$(cat err)" "cs-order: set $o: the order is confirmed; an order is amended only before it is confirmed"

# the warehouse's queue and steps, by its staff; transport's dispatch
ok cs-order list --department warehouse --status confirmed -o csv
has "$o," out
CS_USER=li.na refused 77 cs-order prepare "$o"
CS_NOW="2026-11-20 14:00" CS_USER=wang.wh ok cs-order prepare "$o" \
    note=已备货 location=上海一号仓
CS_NOW="2026-11-20 15:00" CS_USER=wang.wh ok cs-order pack "$o" location=上海一号仓
ok cs-order list --department transport --status packed -o csv
has "$o," out
CS_NOW="2026-11-20 16:00" CS_USER=zhao.tr ok cs-order dispatch "$o" \
    vehicle=沪A12345 driver=王师傅 location=上海一号仓
CS_NOW="2026-11-20 17:00" CS_USER=zhao.tr ok cs-order event "$o" picked-up \
    location=上海浦东
CS_NOW="2026-11-21 08:00" CS_USER=zhao.tr ok cs-order event "$o" in-transit \
    location=济南转运中心

# a delay owned by a person: for their department, open
CS_NOW="2026-11-21 10:00" CS_USER=li.na ok cs-order exception "$o" delay \
    note=大雾封路 estimated_at="2026-11-23 18:00" owner=zhao.tr location=济南
ok cs-order show "$o" -o csv
has ",2026-11-23T18:00:00+08:00,delay,济南," out
has ",沪A12345,王师傅,transport,,,zhao.tr,open,," out
has ",$o,delay,li.na,大雾封路; now expected 2026-11-23T18:00:00+08:00; for zhao.tr; at 济南" d/order-events/2026-11.csv
ok cs-order list --department transport --exception -o csv
has "$o," out
# late before: not past its promised day, but its exception is open
CS_NOW="2026-11-21 12:00" ok cs-order late -o csv
has "$o," out
# resolved by the department it is for, not by customer service
CS_NOW="2026-11-21 12:00" CS_USER=li.na refused 77 cs-order resolve "$o" \
    resolution=x
has "resolve $o: li.na (customer-service) is not of transport" err
refused 64 cs-order resolve "$o"
CS_NOW="2026-11-21 13:00" CS_USER=zhao.tr ok cs-order resolve "$o" \
    resolution=改走京沪高速，已告知客户 location=济南
ok cs-order show "$o" -o csv
has ",transport,,,zhao.tr,resolved,改走京沪高速，已告知客户,2026-11-21T13:00:00+08:00" out
# late after: none
CS_NOW="2026-11-21 14:00" status 1 cs-order late
exits 1 cs-order list --department transport --exception -o csv
CS_USER=zhao.tr refused 65 cs-order resolve "$o" resolution=again
same "$(cat err)" "cs-order: resolve $o: its delay is resolved already"

# delivered and signed, where
CS_NOW="2026-11-23 09:00" CS_USER=zhao.tr ok cs-order event "$o" \
    out-for-delivery location=北京朝阳站
CS_NOW="2026-11-23 15:00" CS_USER=zhao.tr ok cs-order event "$o" delivered \
    location=北京市朝阳区建国路1号
CS_NOW="2026-11-23 15:05" ok cs-order sign "$o" by=王五 location=北京朝阳
ok cs-order track "$o" -o csv
same "$(tail -n +2 out | cut -d, -f3 | tr '\n' ' ')" "created set review set set review confirm prepare pack dispatch picked-up in-transit delay resolve out-for-delivery delivered sign "
has ",$o,prepare,wang.wh,已备货; at 上海一号仓" out
has ",$o,dispatch,zhao.tr,\"vehicle 沪A12345, driver 王师傅; at 上海一号仓\"" out
has ",$o,resolve,zhao.tr,delay: 改走京沪高速，已告知客户; at 济南" out
has ",$o,sign,tester,by 王五; at 北京朝阳" out
ok cs-order show "$o" -o csv
has ",signed," out
has ",北京朝阳," out

# the customer told of each step that owes it (confirmed, dispatched,
# delayed, delivered: queued in the step's commit), each message sent
# once through a real mail server: msmtp to an SMTP server on 127.0.0.1
# (tests/cli/67-notify.py), two runs of cs notify
msgs=$(cat d/outbox/*/*.csv | grep -c ",order-[a-z]*,$o,")
same "$msgs" 4
if command -v msmtp >/dev/null; then
	mkdir smtp
	python3 "$TOP/tests/cli/67-notify.py" smtp smtp &
	server=$!
	trap 'kill $server 2>/dev/null' EXIT
	i=0
	while [ ! -e smtp/port ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	port=$(cat smtp/port) || fail "no SMTP server"
	: >msmtprc
	chmod 600 msmtprc
	sed -i "s|^sendmail,.*|sendmail,$(command -v msmtp) -C $PWD/msmtprc --host=127.0.0.1 --port=$port --auth=off --tls=off --from=service@example.com -t|; s|^domain,.*|domain,test.example|" \
	    d/policy/notify.csv
	CS_NOW="2026-11-23 15:10" ok cs notify
	CS_NOW="2026-11-23 15:20" ok cs notify
	same "$(ls smtp | grep -c '\.eml$')" "$msgs"
	same "$(cat d/outbox/*/*.csv | grep ",order-[a-z]*,$o," | grep -c ',sent,')" "$msgs"
	grep -l "$o" smtp/*.eml >/dev/null || fail "no mail names $o"
	kill $server 2>/dev/null
	trap - EXIT
else
	echo "skip: the real mail path: no msmtp (sh .ci/deps installs it)"
fi

# an exception owned by a department by its name; a damage after the
# resolved delay; a loss's exception still resolved after the loss
CS_NOW="2026-11-23 16:00" ok cs-order exception "$o" damage note=屏幕破裂 owner=仓库
ok cs-order show "$o" -o csv
has ",damage,北京朝阳,,,沪A12345,王师傅,warehouse,,,warehouse,open,," out
CS_NOW="2026-11-23 17:00" CS_USER=wang.wh ok cs-order resolve "$o" resolution=已换新
ok cs check

# bad input: one line naming the field, the store untouched
refused 64 cs-order set "$o" colour=red
same "$(cat err)" "cs-order: unknown field 'colour' for orders"
ok cs-order add customer=C-000001 goods=箱子 weight=3 origin_region=华东 \
    destination_region=华东
o2=$(cat out)
refused 65 cs-order set "$o2" weight=-1
same "$(cat err)" "cs-order: field 'weight': -1 kg is not a weight (above 0, at most 50000)"
refused 65 cs-order set "$o2" weight=heavy
has "field 'weight': not a number: 'heavy'" err
refused 65 cs-order set "$o2" quantity=0
has "field 'quantity'" err
refused 65 cs-order set "$o2" length=10 width=10 height=0
has "field 'length'" err
refused 65 cs-order set "$o2" customer=C-000099
has "field 'customer': no customer 'C-000099'" err
refused 64 cs-order set "$o2" status=signed
refused 64 cs-order set "$o2" goods=箱子
refused 64 cs-order set "$o2"
refused 65 cs-order set O-20261120-0099 goods=x
ok cs-order cancel "$o2" reason=test
# exceptions: an owner that is neither a department nor on the roster, an
# unknown department, both named
ok cs-order add customer=C-000001 goods=箱子 weight=3 origin_region=华东 \
    destination_region=华东 origin=上海 destination=杭州 consignee=王五 \
    phone=13800138000 length=10 width=10 height=10
o3=$(cat out)
ok cs-order review "$o3"
ok cs-order confirm "$o3"
refused 65 cs-order exception "$o3" delay estimated_at="2026-11-30 10:00" owner=nobody
same "$(cat err)" "cs-order: field 'owner': no department or person on the roster 'nobody' (departments: customer-service (客服), warehouse (仓库), transport (运输), finance (财务), sales (销售))"
refused 65 cs-order exception "$o3" loss department=仓储
has "field 'department': no department '仓储'" err
refused 64 cs-order exception "$o3" loss owner=zhao.tr department=transport
refused 64 cs-order exception "$o3" loss whom=x
refused 65 cs-order resolve "$o3" resolution=x
same "$(cat err)" "cs-order: resolve $o3: the order has no exception"
refused 65 cs-order event "$o3" picked-up location="$(printf 'a\tb')"
has "field 'location'" err
# a loss ends the order; its exception is resolved all the same
ok cs-order exception "$o3" loss note=遗失
ok cs-order show "$o3" -o csv
has ",lost," out
has ",loss,,,,,,transport,,,transport,open,," out
CS_USER=zhao.tr ok cs-order resolve "$o3" resolution=已赔付
ok cs check

# the events are found by their index (cs-store(5)): a line a event,
# written with it; cs check and track notice a wrong one
idx=d/order-events/index/2026-11/O-20261120-0xxx.csv
same "$(head -n 1 $idx)" "id,offset"
same "$(grep -c "^$o," $idx)" "$(grep -c ",$o," d/order-events/2026-11.csv)"
same "$(($(wc -l <$idx) - 1))" "$(($(wc -l <d/order-events/2026-11.csv) - 1))"
off=$(grep "^$o3," $idx | tail -n 1 | cut -d, -f2)
same "$(tail -c +$((off + 1)) d/order-events/2026-11.csv | head -n 1 | cut -d, -f2,3)" "$o3,resolve"
cp $idx good
sed -i "s/^$o3,$off\$/$o3,$((off + 1))/" $idx
exits 1 cs check
has "${idx#d/}" out
has "does not match its events" out
status 65 cs-order track "$o3"
has "is not the start of a line" err
cp good $idx
sed -i '$d' $idx
exits 1 cs check
has "O-20261120-0xxx.csv: the index of order-events/2026-11.csv does not match its events (" out
cp good $idx
printf '%s\n' "$o,1" >>$idx
exits 1 cs check
has "not an offset after the line before's" out
cp good $idx
ok cs check
# a month begun before the index is read whole, and stays unindexed; a
# new month is indexed from its first event
sample s
[ ! -d s/order-events/index ] || fail "the sample has an index"
CS_NOW="2026-11-25 09:00" ok cs-order -D s add customer=C-000001 goods=x \
    weight=1 origin_region=华东 destination_region=华东
so=$(cat out)
[ ! -d s/order-events/index ] || fail "an index begun in a month begun before it"
CS_NOW="2026-12-01 09:00" ok cs-order -D s cancel "$so" reason=test
same "$(cat s/order-events/index/2026-12/*.csv)" "id,offset
$so,24"
ok cs-order -D s track "$so" -o csv
same "$(tail -n +2 out | cut -d, -f3 | tr '\n' ' ')" "created cancel "
ok cs -D s check
