# Masks are never data: what show and list print of a confidential field,
# given back to import or set, is refused, or with --keep-masked leaves
# the stored value; show | import and list | import change nothing.
. "$TOP/tests/cli/lib.sh"
export CS_NOW="2026-11-22 09:00"
sample s
export CS_DATA_DIR=s
# the stores (an import that takes the lock leaves .intent empty)
stores() {
	(cd s && find . -type f ! -name .lock ! -name .intent | LC_ALL=C sort |
	    xargs md5sum) | md5sum
}
before=$(stores)
store=$(md5sum <s/customers.csv)

# show | import: an end customer (name masked), one without a phone, a
# channel customer (its name shown as it is)
for id in C-000033 C-000002 C-000001; do
	cs-customer show $id -o csv >shown.csv || fail "show $id"
	status 65 cs-customer import - <shown.csv
	has "<stdin>:2: field '" err
	has "is a mask, not data (--keep-masked leaves the stored value)" err
	same "$(stores)" "$before"
	ok cs-customer import -n --keep-masked -o csv shown.csv
	same "$(cat out)" "line,action,id,field,old,new"
	ok cs-customer import --keep-masked - <shown.csv
	same "$(md5sum <s/customers.csv)" "$store"
done
# the message names the first masked field
cs-customer show C-000033 -o csv >shown.csv
status 65 cs-customer import shown.csv
has "shown.csv:2: field 'name': '王*' is a mask, not data" err

# list | import, the whole store
ok cs-customer list -o csv
mv out all.csv
# every masked row is named now (issue 15), the last line counts them
exits 65 cs-customer import all.csv
has "all.csv: " err
has " rows bad, nothing stored" err
same "$(stores)" "$before"
ok cs-customer import -n --keep-masked -o csv all.csv
same "$(cat out)" "line,action,id,field,old,new"
ok cs-customer import --keep-masked all.csv
same "$(md5sum <s/customers.csv)" "$store"
same "$(stores)" "$before"

# a real change beside a kept mask is made, the mask's field kept
cs-customer show C-000002 -o csv | sed 's/,华南,/,华东,/' >moved.csv
ok cs-customer import -n --keep-masked -o csv moved.csv
same "$(tail -n +2 out)" "2,change,C-000002,region,华南,华东"
ok cs-customer import --keep-masked moved.csv
ok cs-customer show C-000002 --unmask --reason test -o csv
has "C-000002,Karen Walker,Karen Walker,17597035875,wu2@example.com,,广州市天河区建国路722号,华东,end" out

# a new customer given a mask has no stored value to keep
printf 'name,type,email\n赵*,end,\n' >new.csv
status 65 cs-customer import --keep-masked new.csv
has "new.csv:2: field 'name': '赵*' is a mask, not data (a new record needs the value itself)" err
printf 'name,type,email\n赵六,end,q***@example.com\n' >new.csv
status 65 cs-customer import new.csv
has "new.csv:2: field 'email'" err

# set and add refuse a mask; a real value with a star is data
before=$(stores)
for a in name=赵* contact=K**** phone=175****5875 email=w***@example.com \
    address=广州市天河区****** address=广*; do
	status 65 cs-customer set C-000002 "$a"
	has "field '${a%%=*}': '${a#*=}' is a mask, not data" err
done
status 65 cs-customer add name=赵* type=end
status 65 cs-customer add name=赵六 type=end phone=138****5678
has "field 'phone': '138****5678' is a mask" err
same "$(stores)" "$before"
ok cs-customer set C-000002 "name=A*B Ltd" "company=A*B Ltd" contact=赵六
ok cs-customer show C-000002 --unmask --reason test -o csv
has "C-000002,A*B Ltd,赵六," out
ok cs-customer set C-000002 phone=1380013
ok cs-customer set C-000002 "address=北京市朝阳区 * 号"

# orders: the consignee, the phone, the addresses, who signed
ORDER="customer=C-000001 goods=电视机 weight=12 length=120 width=80 height=20
    origin=上海市浦东新区世纪大道100号 origin_region=华东
    destination=北京市朝阳区建国路1号 destination_region=华北"
status 65 cs-order add $ORDER consignee=王* phone=13800138000
has "field 'consignee': '王*' is a mask" err
status 65 cs-order add $ORDER consignee=王五 phone=138****8000
status 65 cs-order add customer=C-000001 goods=电视机 weight=12 \
    origin=上海市浦东新********* origin_region=华东 destination_region=华北
has "field 'origin'" err
