# cs-ticket: returns and exchanges against the return policy, with and
# without the order; the override and its journal line; repairs
. "$TOP/tests/cli/lib.sh"
cs init d >/dev/null || fail "init"
export CS_DATA_DIR=d CS_NOW="2026-11-20 10:00"
cs-staff add id=li.na name=李娜 team=华东一组 role=agent >/dev/null
cs-customer add name=张三 type=end >/dev/null
# policy: 7 days to return, 15 to exchange; food never
# orders as cs-order keeps them: a dated store, columns by name
mkdir -p d/orders/2026-11
cat >d/orders/2026-11/O-20261101-0001.csv <<'O'
id,customer,goods,quantity,weight,length,width,height,origin,origin_region,destination,destination_region,consignee,phone,service,freight,promised_at,status,created_at,delivered_at,signed_by,estimated_at,exception,location,cancel_reason,category
O-20261101-0001,C-000001,电饭煲,1,3,,,,上海,华东,北京,华北,张三,13800138000,standard,18.00,2026-11-04T23:59:59+08:00,signed,2026-11-01T10:00:00+08:00,2026-11-16T15:00:00+08:00,张三,,,,,electronics
O-20261101-0002,C-000001,电视机,1,20,,,,上海,华东,北京,华北,张三,13800138000,standard,86.00,2026-11-04T23:59:59+08:00,signed,2026-11-01T10:00:00+08:00,2026-11-02T11:00:00+08:00,张三,,,,,electronics
O-20261101-0003,C-000001,月饼,1,1,,,,上海,华东,北京,华北,张三,13800138000,standard,10.00,2026-11-04T23:59:59+08:00,signed,2026-11-01T10:00:00+08:00,2026-11-19T11:00:00+08:00,张三,,,,,food
O-20261101-0004,C-000001,沙发,1,50,,,,上海,华东,北京,华北,张三,13800138000,standard,206.00,2026-11-04T23:59:59+08:00,in-transit,2026-11-01T10:00:00+08:00,,,,,,,
O

# within the window
ok cs-ticket add kind=return channel=phone agent=li.na customer=C-000001 \
    order=O-20261101-0001 category=electronics subject=不制热
same "$(cat out)" T-20261120-0001
# exchange: 18 days after delivery, 15 allowed
before=$(snapshot d)
status 65 cs-ticket add kind=exchange channel=phone agent=li.na \
    order=O-20261101-0002 category=electronics
has "an exchange of electronics goods is accepted within 15 days of delivery; order O-20261101-0002 was delivered on 2026-11-02, 18 days ago (give --override REASON to accept it)" err
# food: never returnable
status 65 cs-ticket add kind=return channel=phone agent=li.na \
    order=O-20261101-0003 category=food
has "within 0 days of delivery" err
# not delivered yet, no such order, no order at all
status 65 cs-ticket add kind=return channel=phone agent=li.na order=O-20261101-0004
has "order O-20261101-0004: not delivered yet, so the return window cannot be checked" err
status 65 cs-ticket add kind=return channel=phone agent=li.na order=O-20261101-0009
has "order O-20261101-0009: no such order" err
status 65 cs-ticket add kind=return channel=phone agent=li.na order=X-1
has "order X-1: no such order" err
status 64 cs-ticket add kind=exchange channel=phone agent=li.na
has "field 'order' is required for an exchange" err
same "$(snapshot d)" "$before"

# the override: accepted, the reason in the journal with the problem
ok cs-ticket add kind=exchange channel=phone agent=li.na order=O-20261101-0002 \
    category=electronics --override "manager approved: known defect"
t=$(cat out)
has " as tester,cs-ticket,add,$t,override,\"an exchange of electronics goods is accepted within 15 days" d/journal/2026-11.csv
has ",manager approved: known defect" d/journal/2026-11.csv

# a repair carries its estimated completion and progress notes
ok cs-ticket add kind=repair channel=visit agent=li.na customer=C-000001 \
    estimated_at="2026-11-27 18:00" subject=屏幕维修
r=$(cat out)
CS_NOW="2026-11-22 10:00" ok cs-ticket reply "$r" note="sent to the repair centre"
CS_NOW="2026-11-24 10:00" ok cs-ticket set "$r" estimated_at="2026-11-29 18:00"
CS_NOW="2026-11-25 10:00" ok cs-ticket reply "$r" note="part arrived"
ok cs-ticket show "$r" --history -o csv
has "reply,note,,sent to the repair centre" out
has "set,estimated_at,2026-11-27T18:00:00+08:00,2026-11-29T18:00:00+08:00" out
has "reply,note,,part arrived" out

# a window that is no whole number of days is a bad policy
# (tests/fuzz/policy_returns): "abc" was 0 days, refusing every return,
# and -5 or 99999999999999999999 were windows
for v in abc -5 '30 days' 99999999999999999999; do
	printf 'category,return_days,exchange_days\n*,%s,15\n' "$v" >d/policy/returns.csv
	status 78 cs-ticket add kind=return channel=phone agent=li.na \
	    order=O-20261101-0001 category=electronics
	has "policy/returns.csv:2: field 'return_days': not a whole number of days" err
done
