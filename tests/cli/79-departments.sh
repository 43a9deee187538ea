# Departments (policy/departments.csv, rules/departments.c): the roster
# puts people in them (customer service when it says none); an order's
# warehouse steps (prepare, pack) and transport's (dispatch) are their
# staff's alone, and each department has its queue of orders; an
# exception is for a department; a complaint is forwarded to one that
# takes complaints, answered within its deadline, listed overdue in its
# queue, and responded to by its staff (or relayed by the handler), never
# by another department's.  A department named anywhere is one of the
# file, by id or name, else refused with the list; a bad file is refused
# (78, file:line:field) by the programs and by cs check.
. "$TOP/tests/cli/lib.sh"
cs init d >/dev/null || fail "init"
export CS_DATA_DIR=d CS_NOW="2026-11-20 09:00"
IDS="one of customer-service (客服), warehouse (仓库), transport (运输), finance (财务), sales (销售)"

# refused N CMD...: exit N with one line, nothing changed
refused() {
	want=$1
	shift
	before=$(snapshot d)
	status "$want" "$@"
	same "$(snapshot d)" "$before"
}

# the roster: a department by id or name, customer service by default
ok cs-staff add id=li.na name=李娜 team=East role=agent
ok cs-staff add id=wang.wh name=王库 role=agent department=warehouse
ok cs-staff add id=zhao.tr name=赵运 role=agent department=运输
ok cs-staff add id=qian.fi name=钱财 role=agent department=finance
ok cs-staff show zhao.tr -o csv
has "zhao.tr,赵运,,agent,,,transport" out
refused 65 cs-staff add id=x name=x role=agent department=仓储
same "$(cat err)" "cs-staff: field 'department': no department '仓储' in policy/departments.csv ($IDS)"
refused 65 cs-staff set li.na department=nowhere
ok cs-staff list --department customer-service -o csv
has "li.na," out
lacks "wang.wh" out
ok cs-staff list --department 仓库 -o csv
has "wang.wh," out
lacks "li.na" out
status 64 cs-staff list --department nowhere
has "--department: no department 'nowhere'" err

ok cs-customer add name=张三 type=end
ORDER="customer=C-000001 goods=电视机 weight=12 length=120 width=80 height=20
    origin=上海市浦东新区世纪大道100号 origin_region=华东
    destination=北京市朝阳区建国路1号 destination_region=华北 consignee=王五
    phone=13800138000"
ok cs-order add $ORDER
o1=$(cat out)
ok cs-order add $ORDER
o2=$(cat out)
ok cs-order review "$o1"
ok cs-order confirm "$o1"

# the warehouse's queue: a confirmed order to prepare; transport has none
ok cs-order list --department warehouse --status confirmed -o csv
has "$o1," out
lacks "$o2" out
exits 1 cs-order list --department transport -o csv
status 64 cs-order list --department nowhere
same "$(cat err)" "cs-order: --department: no department 'nowhere' in policy/departments.csv ($IDS)"

# the warehouse's steps are its staff's: customer service is refused
CS_USER=li.na refused 77 cs-order prepare "$o1"
same "$(cat err)" "cs-order: prepare $o1: li.na (customer-service) is not of warehouse, which takes prepare (policy/departments.csv:3)"
CS_USER=wang.wh refused 65 cs-order prepare "$o2"
has "prepare $o2: the order is new; it is not confirmed" err
CS_USER=wang.wh ok cs-order prepare "$o1" note=已备货
CS_USER=wang.wh refused 65 cs-order dispatch "$o1" vehicle=沪A12345 driver=王师傅
has "dispatch $o1: the order is prepared; pack it first" err
CS_USER=wang.wh ok cs-order pack "$o1"
exits 1 cs-order list --department warehouse -o csv

# transport's: a packed order to dispatch, a vehicle and a driver
ok cs-order list --department 运输 --status packed -o csv
has "$o1," out
CS_USER=wang.wh refused 77 cs-order dispatch "$o1" vehicle=沪A12345 driver=王师傅
has "dispatch $o1: wang.wh (warehouse) is not of transport, which takes dispatch (policy/departments.csv:4)" err
CS_USER=zhao.tr refused 64 cs-order dispatch "$o1"
has "dispatch: vehicle=plate is required" err
CS_USER=zhao.tr refused 64 cs-order dispatch "$o1" vehicle=沪A12345
has "dispatch: driver=name is required" err
CS_USER=zhao.tr ok cs-order dispatch "$o1" vehicle=沪A12345 driver=王师傅
ok cs-order show "$o1" -o csv
has ",dispatched," out
has ",沪A12345,王师傅," out
ok cs-order track "$o1" -o csv
has ",prepare,wang.wh,已备货" out
has ",pack,wang.wh," out
has ",dispatch,zhao.tr,\"vehicle 沪A12345, driver 王师傅\"" out
has " as zhao.tr,cs-order,dispatch,$o1,status,packed,dispatched," d/journal/2026-11.csv
# anyone records the pick-up (no department takes it)
CS_USER=li.na ok cs-order event "$o1" picked-up

# an exception is for the department that takes its kind, or the one named
ok cs-order exception "$o1" delay note=堵车 estimated_at="2026-11-25 18:00"
ok cs-order show "$o1" -o csv
has ",delay,,,,沪A12345,王师傅,transport" out
ok cs-order list --department transport --exception -o csv
has "$o1," out
refused 65 cs-order exception "$o1" damage department=仓储
same "$(cat err)" "cs-order: field 'department': no department '仓储' in policy/departments.csv ($IDS)"
CS_USER=li.na ok cs-order exception "$o1" damage note=外箱破损 department=仓库
ok cs-order track "$o1" -o csv
has ",damage,li.na,外箱破损; for warehouse" out
ok cs-order list --department warehouse -o csv
has "$o1," out
# until it is resolved (signed or not), by the department's staff
ok cs-order event "$o1" in-transit location=济南
ok cs-order event "$o1" delivered
ok cs-order sign "$o1" by=王五
ok cs-order list --department warehouse -o csv
has "$o1," out
CS_USER=wang.wh ok cs-order resolve "$o1" resolution=已换新
exits 1 cs-order list --department warehouse -o csv

# complaints: transport answers in its own deadline (4h here, against
# the SLA's 48h); forwarding names a department that takes complaints
sed 's/^transport,运输,\(.*\),48h,24h$/transport,运输,\1,4h,2h/;
    s/^sales,销售,complaint,/sales,销售,,/' \
    "$TOP/data-samples/policy/departments.csv" >d/policy/departments.csv
ok cs-complain add channel=phone content=丢件 nature=loss customer=C-000001 \
    handler=li.na
k1=$(cat out)
ok cs-complain add channel=phone content=外箱破损 nature=other \
    customer=C-000001 handler=li.na department=仓库
k2=$(cat out)
ok cs-complain show "$k2" -o csv
has ",normal,warehouse,li.na," out
refused 65 cs-complain add channel=phone content=x nature=other handler=li.na \
    department=仓储
same "$(cat err)" "cs-complain: field 'department': no department '仓储' in policy/departments.csv ($IDS)"
refused 65 cs-complain forward "$k1" department=仓储
same "$(cat err)" "cs-complain: field 'department': no department '仓储' in policy/departments.csv ($IDS)"
refused 65 cs-complain forward "$k1" department=sales
same "$(cat err)" "cs-complain: field 'department': sales takes no complaints (policy/departments.csv:6)"
ok cs-complain forward "$k1" department=运输
ok cs-complain show "$k1" -o csv
has ",transport,li.na,East,2026-11-20T13:00:00+08:00," out
ok cs-complain forward "$k2"
ok cs-complain show "$k2" -o csv
has ",warehouse,li.na,East,2026-11-22T09:00:00+08:00," out

# the queues: transport's answer is overdue at 14:00, the warehouse's not
export CS_NOW="2026-11-20 14:00"
ok cs-complain list --department transport --overdue -o csv
has "$k1," out
has "department answer 1h 0m late" out
exits 1 cs-complain list --department 仓库 --overdue -o csv
ok cs-complain overdue --department transport -o csv
has "$k1," out
ok cs-complain list --department warehouse -o csv
has "$k2," out
lacks "$k1" out

# respond: the department's staff, or the handler relaying; not another
# department's
CS_USER=wang.wh refused 77 cs-complain respond "$k1" answer=不是我们
same "$(cat err)" "cs-complain: respond $k1: wang.wh (warehouse) is not of transport, to which $k1 is forwarded (policy/departments.csv:4)"
CS_USER=qian.fi refused 77 cs-complain respond "$k2" answer=x
CS_USER=zhao.tr ok cs-complain respond "$k1" answer=已查明丢失
has " as zhao.tr,cs-complain,respond,$k1,answer,,已查明丢失," d/journal/2026-11.csv
ok cs-complain show --history "$k1" -o csv
has ",respond,zhao.tr,已查明丢失" out
CS_USER=li.na ok cs-complain respond "$k2" answer=仓库说已补发
exits 1 cs-complain list --department transport --overdue -o csv

# a roster written before the column: everyone is of customer service
cut -d, -f1-6 d/staff.csv >staff && cp staff d/staff.csv
ok cs-order add $ORDER
o3=$(cat out)
ok cs-order review "$o3"
ok cs-order confirm "$o3"
CS_USER=wang.wh refused 77 cs-order prepare "$o3"
has "wang.wh (customer-service) is not of warehouse" err
ok cs-staff list --department customer-service -o csv
has "wang.wh," out
# a department given: the roster gets the column (92-late-columns.sh)
ok cs-staff set wang.wh department=warehouse
has "id,name,team,role,hired,left,department" d/staff.csv
CS_USER=wang.wh ok cs-order prepare "$o3"
# a directory without departments.csv reads the default
rm d/policy/departments.csv
ok cs-order pack "$o3"
ok cs check

# a bad departments.csv: 78 naming file:line:field, by the programs and
# by cs check; a nature's department not among them, by cs check
badfile() {
	printf '%s\n' "$1" >d/policy/departments.csv
	refused 78 cs-staff add id=y name=y role=agent
	has "$2" err
	status 1 cs check
	has "$2" out
}
H=id,name,takes,answer_normal,answer_major
CS=customer-service,客服,complaint,48h,24h
badfile "$H
$CS
warehouse,仓库,prepare pick,48h,24h" \
    "policy/departments.csv:3: field 'takes': not a kind of work (see cs-policy(5)): 'pick'"
badfile "$H
$CS
warehouse,仓库,prepare,48h,24h
depot,仓库二,pack prepare,48h,24h" \
    "policy/departments.csv:4: field 'takes': 'prepare' is taken by warehouse already (line 3)"
badfile "$H
$CS
warehouse,仓库,prepare,2 days,24h" \
    "policy/departments.csv:3: field 'answer_normal': not a duration (30m, 4h, 2d): '2 days'"
badfile "$H
$CS
Ware House,仓库,prepare,48h,24h" \
    "policy/departments.csv:3: field 'id': not an id (a-z, 0-9, -): 'Ware House'"
badfile "$H
$CS
warehouse,客服,prepare,48h,24h" \
    "policy/departments.csv:3: field 'name': '客服' names the department of line 2 already"
badfile "$H
$CS
$CS" "policy/departments.csv:3: field 'id': a second line for customer-service (the first is line 2)"
badfile "$H
warehouse,仓库,prepare,48h,24h" \
    "policy/departments.csv: no customer-service line"
badfile "id,name,answer_normal,answer_major
$CS" "policy/departments.csv:1: no 'takes' column"
printf '%s\n%s\n' "$H" "$CS" >d/policy/departments.csv
status 1 cs check
has "policy/complaint-natures.csv:2: field 'department': no department 'transport' in policy/departments.csv (one of customer-service (客服))" out
refused 78 cs-complain add channel=phone content=x nature=delay handler=li.na
has "policy/complaint-natures.csv: nature 'delay': field 'department': no department 'transport'" err
