# cs-order: quotes, orders from review to signature, every step and the
# refused ones, exceptions, late orders, masking; a return checked against
# a real delivery; bad input
. "$TOP/tests/cli/lib.sh"
cs init d >/dev/null || fail "init"
export CS_DATA_DIR=d CS_CHUNK_BYTES=1500 CS_NOW="2026-11-20 15:00"
cs-staff add id=li.na name=李娜 team=East role=agent >/dev/null
cs-customer add name=张三 type=end >/dev/null

# quotes (policy defaults): 华东 to 华北 express: 15 + 4 x 6 = 39 for 5 kg;
# 12 kg of 120 x 80 x 20 cm is 32 kg by volume: 10 + 31 x 4 = 134 standard
ok cs-order quote origin_region=华东 destination_region=华北 service=express weight=5 -o csv
same "$(tail -n 1 out)" "5.0,0.00,39.00,2,2026-11-22T23:59:59+08:00"
ok cs-order quote origin_region=华东 destination_region=华北 weight=12 \
    length=120 width=80 height=20 -o csv
same "$(tail -n 1 out)" "32.0,32.00,134.00,3,2026-11-23T23:59:59+08:00"
status 65 cs-order quote origin_region=华东 destination_region=西南 weight=5
has "no rate from 华东 to 西南 by standard" err
status 65 cs-order quote origin_region=华东 destination_region=华东 weight=0
has "field 'weight': 0 kg is not a weight" err
status 65 cs-order quote origin_region=华东 destination_region=华东 weight=2 \
    length=0 width=10 height=10
has "are not the dimensions of a parcel" err

# add quotes unless a freight is given
ORDER="customer=C-000001 goods=电视机 weight=12 length=120 width=80 height=20
    origin=上海市浦东新区世纪大道100号 origin_region=华东
    destination=北京市朝阳区建国路1号 destination_region=华北 consignee=王五
    phone=13800138000"
ok cs-order add $ORDER
o1=$(cat out)
same "$o1" O-20261120-0001
ok cs-order show "$o1" -o csv
has ",standard,134.00,2026-11-23T23:59:59+08:00,new," out
has ",上海市浦东新*********,华东," out
has ",王*,138****8000," out
ok cs-order show "$o1" -o csv --unmask --reason test
has ",王五,13800138000," out
has " as tester,cs-order,show,$o1,unmask,," d/journal/2026-11.csv
ok cs-order list -o csv
has ",王*,138****8000," out
lacks "13800138000" out
ok cs-order list -o csv --unmask --reason test
has ",王五,13800138000," out
ok cs-order add $ORDER freight=100
o2=$(cat out)
ok cs-order show "$o2" -o csv
has ",100," out

# review lists every problem
ok cs-order add customer=C-000001 goods=箱子 weight=3 origin_region=华东 \
    destination_region=华东
o3=$(cat out)
status 65 cs-order review "$o3"
has "review $o3: no origin; no destination; no consignee; no phone; no dimensions" err
ok cs-order cancel "$o3" reason=incomplete

# the lifecycle, and the refused steps
status 65 cs-order confirm "$o1"
has "confirm $o1: the order is new; review it first" err
status 65 cs-order sign "$o1" by=王五
has "sign $o1: the order is new; signing comes after delivery" err
ok cs-order review "$o1"
ok cs-order confirm "$o1"
status 65 cs-order event "$o1" delivered
CS_NOW="2026-11-21 09:00" ok cs-order event "$o1" picked-up
status 65 cs-order cancel "$o1" reason=不要了
has "an order picked up is not cancelled" err
CS_NOW="2026-11-21 20:00" ok cs-order event "$o1" in-transit location=济南转运中心
CS_NOW="2026-11-22 08:00" ok cs-order exception "$o1" delay note=大雾 \
    estimated_at="2026-11-25 18:00"
# late: an open exception, and not delivered by the promised day (the 23rd)
CS_NOW="2026-11-22 09:00" ok cs-order late -o csv
has "$o1" out
CS_NOW="2026-11-22 10:00" ok cs-order resolve "$o1" resolution=已告知客户
CS_NOW="2026-11-23 12:00" status 1 cs-order late
CS_NOW="2026-11-24 09:00" ok cs-order late -o csv
has "$o1" out
lacks "$o3" out	# cancelled
CS_NOW="2026-11-25 09:00" ok cs-order event "$o1" out-for-delivery
CS_NOW="2026-11-25 15:00" ok cs-order event "$o1" delivered
CS_NOW="2026-11-25 15:05" ok cs-order sign "$o1" by=王五
ok cs-order show "$o1" -o csv --unmask --reason test
has ",signed,2026-11-20T15:00:00+08:00,2026-11-25T15:00:00+08:00,王五,2026-11-25T18:00:00+08:00,delay,济南转运中心," out
ok cs-order track "$o1" -o csv
same "$(tail -n +2 out | cut -d, -f3 | tr '\n' ' ')" "created review confirm picked-up in-transit delay resolve out-for-delivery delivered sign "
has ",$o1,delay,tester,大雾; now expected 2026-11-25T18:00:00+08:00" out
status 65 cs-order sign "$o1" by=again
ok cs-order cancel "$o2" reason=客户取消
status 65 cs-order review "$o2"
has "review $o2: the order is cancelled; it was cancelled" err

# a loss ends an order; damage before pickup is refused
ok cs-order add $ORDER
o4=$(cat out)
status 65 cs-order exception "$o4" damage note=x
has "damage $o4: the order is new; it has not been handled yet" err
ok cs-order review "$o4"
ok cs-order confirm "$o4"
CS_NOW="2026-11-21 10:00" ok cs-order event "$o4" picked-up
CS_NOW="2026-11-22 10:00" ok cs-order exception "$o4" loss note=遗失
ok cs-order show "$o4" -o csv
has ",lost," out
has ",loss,," out
CS_NOW="2026-11-22 11:00" ok cs-order resolve "$o4" resolution=已赔付
status 65 cs-order event "$o4" in-transit location=x
has "in-transit $o4: the order is lost; it was lost" err
status 65 cs-order cancel "$o4" reason=x
has "cancel $o4: the order is lost; it was lost" err

# delivered: late no more; exceptions
CS_NOW="2026-11-26 09:00" status 1 cs-order late
ok cs-order list --exception -o csv
same "$(tail -n +2 out | cut -d, -f1 | tr '\n' ' ')" "$o1 $o4 "
ok cs-order list --route 华东-华北 --status cancelled -o csv
same "$(tail -n +2 out | cut -d, -f1)" "$o2"

# a damage that opens a complaint linked to the order
CS_NOW="2026-11-26 10:00" CS_USER=li.na ok cs-order exception "$o1" damage \
    note=外箱破损 --complain
k=$(cat out)
ok cs-complain show "$k" -o csv
has ",C-000001,$o1,,phone,damage: 电视机; 外箱破损,,damage,normal,warehouse,li.na," out
has ",$o1,damage,li.na,外箱破损" d/order-events/2026-11.csv
# one not on the roster cannot open the complaint: refused before the
# damage is stored, so a retry does not store it twice
before=$(snapshot d)
CS_NOW="2026-11-26 10:05" CS_USER=nobody status 65 cs-order exception "$o1" \
    damage note=again --complain
has "nothing stored" err
same "$(snapshot d)" "$before"
status 64 cs-order exception "$o1" delay estimated_at="2026-11-30 10:00" --complain
status 64 cs-order list --complain

# the monthly report, worked out by hand: o1 134.00 signed on the 25th,
# promised by the 23rd (late), a damage last; o2 100 and o3 12 cancelled;
# o4 134.00 lost
ok cs-order report --month 2026-11 -o csv
cat >want <<'W'
section,name,orders,delivered,on_time,exceptions,freight
all,all,4,1,0.0%,2,380.00
route,华东-华东,1,0,no data,0,12.00
route,华东-华北,3,1,0.0%,2,368.00
service,standard,4,1,0.0%,2,380.00
exception,damage,1,1,0.0%,1,134.00
exception,loss,1,0,no data,1,134.00
exception route,华东-华北,2,1,0.0%,2,268.00
W
diff want out >/dev/null || fail "report: $(diff want out)"
CS_NOW="2026-12-01 09:00" ok cs-order report -o csv
same "$(sed -n 2p out)" "all,all,4,1,0.0%,2,380.00"
status 1 cs-order report --month 2026-10
ok cs-order export --excel
head -c 3 out | od -An -tx1 | grep -q "ef bb bf" || fail "no BOM"
has "王*" out

# a return within 7 days of the delivery cs-order recorded; 10 days later
# it is refused
CS_NOW="2026-11-27 10:00" ok cs-ticket add kind=return channel=phone agent=li.na \
    customer=C-000001 order="$o1" category=electronics
CS_NOW="2026-12-05 10:00" status 65 cs-ticket add kind=return channel=phone \
    agent=li.na order="$o1" category=electronics
has "was delivered on 2026-11-25, 10 days ago" err
ok cs check

# bad input: one line, nothing written
before=$(snapshot d)
status 65 cs-order add customer=C-000099 goods=x weight=1 origin_region=华东 destination_region=华东
has "field 'customer': no customer 'C-000099'" err
status 64 cs-order add customer=C-000001 goods=x weight=1 origin_region=华东 destination_region=华东 status=signed
status 65 cs-order add customer=C-000001 goods=x weight=heavy origin_region=华东 destination_region=华东
has "field 'weight': not a number: 'heavy'" err
status 65 cs-order add customer=C-000001 goods=x weight=1 origin_region=华东 destination_region=西南
status 65 cs-order add customer=C-000001 goods=x weight=1 origin_region=华东 destination_region=华东 phone=abc
status 64 cs-order event "$o1" teleported
status 64 cs-order exception "$o1" fire
status 64 cs-order sign "$o1"
status 64 cs-order cancel "$o3"
status 65 cs-order confirm O-20261120-0099
status 1 cs-order show O-20261120-0099
status 64 cs-order show ../x
same "$(snapshot d)" "$before"
