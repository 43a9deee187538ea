# cs-customer grade and alerts on a hand-built year: grades and --explain
# against hand-worked numbers (see the comments), each alert on its own
# customer, silence on the steady one.  Now is 2026-11-22 10:00; the year
# runs from 2025-11-22, the alert windows are the 30 days to now and the
# 90 days before (2026-07-25 to 2026-10-23).
. "$TOP/tests/cli/lib.sh"
cs init d >/dev/null || fail "init"
# the numbers below are of one rule for every type, by thresholds, as
# grades.csv was before types: no type column (it still reads)
{ echo name,value; tail -n +2 d/policy/grades.csv |
    grep -v '^relative\.\|,channel,\|,end,\|,out-of-town,' |
    sed 's/,\*,/,/'; } >untyped.csv && cp untyped.csv d/policy/grades.csv
export CS_DATA_DIR=d CS_USER=li.na CS_NOW="2026-11-22 10:00"
cs-staff add id=li.na name=李娜 role=agent >/dev/null
cs-customer add name=稳定物流 type=channel grade=B since=2023-06-15 >/dev/null
cs-customer add name="Falling Freight" type=out-of-town grade=A since=2025-05-22 >/dev/null
cs-customer add name=王小明 type=end >/dev/null
cs-customer add name=投诉商贸 type=channel grade=C since=2024-11-22 >/dev/null

OH="id,customer,goods,quantity,weight,length,width,height,origin,origin_region,destination,destination_region,consignee,phone,service,freight,promised_at,status,created_at,delivered_at,signed_by,estimated_at,exception,location,cancel_reason"
TH="id,kind,channel,customer,agent,team,category,subject,notes,order,opened_at,first_response_at,promised_at,due_at,resolved_at,closed_at,status,result,satisfaction,attitude,reopens,pending_since,paused,estimated_at"
KH="id,received_at,recorded_at,recorded_by,customer,order,ticket,channel,content,remedy,nature,severity,department,handler,team,deadline,escalated_to,escalated_at,answer,answered_at,resolution,resolved_at,feedback,reopens,visit_at,visit_result,status,closed_at"
# put STORE PREFIX HEADER DAY REST: the record PREFIX-YYYYMMDD-NNNN,REST
# at the end of the month's one chunk of STORE, begun with HEADER
seq=0
put() {
	seq=$((seq + 1))
	m=$(echo "$4" | cut -c1-7)
	id=$2-$(echo "$4" | tr -d -)-$(printf %04d $seq)
	mkdir -p d/$1/$m
	f=$(ls d/$1/$m/*.csv 2>/dev/null | head -n 1)
	[ -n "$f" ] || { f=d/$1/$m/$id.csv; echo "$3" >"$f"; }
	echo "$id,$5" >>"$f"
}
order() {	# DAY CUSTOMER WEIGHT FREIGHT [STATUS]: one order at 10:00
	put orders O "$OH" "$1" "$2,货物,1,$3,,,,上海,华东,北京,华北,,,standard,$4,$1T23:59:59+08:00,${5:-signed},$1T10:00:00+08:00,,,,,,"
}
ticket() {	# DAY CUSTOMER SATISFACTION
	put tickets T "$TH" "$1" "inquiry,phone,$2,li.na,,,,,,$1T10:00:00+08:00,$1T10:00:00+08:00,,,$1T11:00:00+08:00,$1T12:00:00+08:00,closed,answered,$3,good,,,,"
}
complaint() {	# DAY CUSTOMER REOPENS
	put complaints K "$KH" "$1" "$1T10:00:00+08:00,$1T10:05:00+08:00,li.na,$2,,,phone,晚了,,delay,normal,transport,li.na,,,,,,,,,,$3,,,open,"
}

# C-000001, steady: 10 orders a month, 50 kg and 250 yuan each, from
# 2025-12 to 2026-11 (days 2 to 20); one before the year, one cancelled;
# ratings 5 and 4 in March, a complaint in March.
order 2025-11-10 C-000001 50 250
for m in 2025-12 2026-01 2026-02 2026-03 2026-04 2026-05 2026-06 2026-07 \
    2026-08 2026-09 2026-10 2026-11; do
	for day in 02 04 05 06 08 10 12 14 15 16 18 20 21; do
		case $day in
		05|15|21) ;;
		*) order $m-$day C-000001 50 250 ;;
		esac
		# C-000002: 10 a month from August, 2 in November
		case $m-$day in
		2026-0[89]-*[02468]|2026-10-*[02468]|2026-11-02|2026-11-04)
			order $m-$day C-000002 10 100 ;;
		esac
		# C-000003: three in June
		case $m-$day in
		2026-06-05|2026-06-10|2026-06-15) order $m-$day C-000003 2 20 ;;
		2026-11-21) order $m-$day C-000001 50 250 cancelled ;;
		esac
	done
done
ticket 2026-03-03 C-000001 5
ticket 2026-03-04 C-000001 4
ticket 2026-03-05 C-000004 5
ticket 2026-03-06 C-000004 5
ticket 2026-11-06 C-000004 2
ticket 2026-11-07 C-000004 1
complaint 2026-03-10 C-000001 ""
complaint 2026-11-01 C-000004 1
complaint 2026-11-05 C-000004 1
complaint 2026-11-10 C-000004 1
CS_NOW="2026-09-10 10:00" ok cs-customer visit C-000002 satisfaction=4
CS_NOW="2026-09-20 10:00" ok cs-customer visit C-000002
ok cs check

# C-000001: 41 months: 100; 120 orders, 6000 kg, 30000 yuan: 100;
#   (4.5 - 1) / 4 * 100 - 10 = 77.5; 12 months, no visits: 100;
#   (20 * 100 + 40 * 100 + 20 * 77.5 + 20 * 100) / 100 = 95.5: A
# C-000002: 18 of 36 months: 50; (32/120 + 320/6000 + 3200/30000) / 3:
#   14.22; one rating of 4 (the visit): 75; four months, a visit of two
#   answered: 75 * 4/12 + 25 * 1/2 = 37.5;
#   (1000 + 40 * 14.222 + 1500 + 750) / 100 = 38.19: C
# C-000003: 0; (3/120 + 6/6000 + 60/30000) / 3 = 0.93; nothing rated: 60;
#   one month: 75/12 + 25/12 = 8.33; (37.33 + 1200 + 166.67) / 100 = 14.04
# C-000004: 24 months: 66.67; 0; 3.25 mean: 56.25 - 30 = 26.25; 0;
#   18.58: C, as it is
ok cs-customer grade -n -o csv
same "$(cat out)" "id,type,score,old,new
C-000001,channel,95.50,B,A
C-000002,out-of-town,38.19,A,C
C-000003,end,14.04,,C"
ok cs-customer grade -n --all -o csv
same "$(cat out)" "id,type,score,old,new
C-000001,channel,95.50,B,A
C-000002,out-of-town,38.19,A,C
C-000003,end,14.04,,C
C-000004,channel,18.58,C,C"
ok cs-customer grade --explain C-000002 -o csv
has "year,2025-11-22 to 2026-11-22,,," out
has "cooperation_months,18,36,50.00,20" out
has "orders,32,120,26.67," out
has "weight,320.0,6000,5.33," out
has "freight,3200.00,30000,10.67," out
has "volume,,,14.22,40" out
has "ratings,\"1, mean 4.00\",5,75.00," out
has "satisfaction,,,75.00,20" out
has "months_with_orders,4,12,," out
has "visits_answered,1 of 2," out
has "loyalty,,,37.50,20" out
has "score,,,38.19," out
has "grade,C," out
has "grade_now,A," out
ok cs-customer grade --explain C-000001 -o csv
has "score,,,95.50," out
# a dry run changes nothing
same "$(cs-customer list -o csv | cut -d, -f1,10 | tr '\n' ' ')" \
    "id,grade C-000001,B C-000002,A C-000003, C-000004,C "

# applied: the grades change, each in the journal, the history shows them
ok cs-customer grade -o csv
same "$(cs-customer list -o csv | cut -d, -f1,10 | tr '\n' ' ')" \
    "id,grade C-000001,A C-000002,C C-000003,C C-000004,C "
has " as li.na,cs-customer,grade,C-000001,grade,B,A" d/journal/2026-11.csv
has " as li.na,cs-customer,grade,C-000003,grade,,C" d/journal/2026-11.csv
lacks "grade,C-000004" d/journal/2026-11.csv
ok cs-customer show --history C-000002 -o csv
has ",cs-customer,add,,,(the record)" out
has ",cs-customer,grade,grade,A,C" out
# confidential values stay masked in the history
ok cs-customer set C-000002 phone=13800138000
ok cs-customer show --history C-000002 -o csv
has ",cs-customer,set,phone,,138****8000" out
lacks "13800138000" out
ok cs check
# graded again: nothing to change
ok cs-customer grade -o csv
same "$(cat out)" "id,type,score,old,new"

# alerts: each on its customer, with its numbers; none on C-000001
ok cs-customer alerts -o csv
lacks "C-000001" out
has "C-000002,out-of-town,C,volume,2 orders in 30 days against 10.0 expected from the 90 before: down 80%" out
has "C-000003,end,C,idle,\"no order for 160 days, since 2026-06-15\"" out
has "C-000004,channel,C,complaints,3 complaints in 30 days against 0.0 expected from the 90 before" out
has "C-000004,channel,C,satisfaction,mean rating 1.50 of 2 in 30 days against 5.00 of 2 in the year before" out
has "C-000004,channel,C,reopens,3 reopens of the tickets and complaints of the last 120 days" out
same "$(wc -l <out)" 6
ok cs-customer alerts --type end -o csv
same "$(tail -n +2 out | cut -d, -f1,4)" "C-000003,idle"
# on 12-05, C-000002 has stopped: not yet idle 60 days, but with
# nothing in the 30 days the drop is 100%
CS_NOW="2026-12-05 10:00" ok cs-customer alerts -o csv
has "C-000002,out-of-town,C,volume,0 orders in 30 days against 9.7 expected from the 90 before: down 100%" out
lacks "C-000002,out-of-town,C,idle" out
# nothing to say: exit 1, no lines

status 1 cs-customer alerts --grade A -o csv
same "$(tail -n +2 out)" ""

# alert states: new until acknowledged with a note, or resolved; each a
# line of alert-acks.csv, journaled; the last one stands
ok cs-customer alerts -o csv
has "C-000003,end,C,idle,\"no order for 160 days, since 2026-06-15\",new," out
ok cs-customer ack C-000003 idle note="已电话, 下周下单"
ok cs-customer alerts -o csv
has "C-000003,end,C,idle,\"no order for 160 days, since 2026-06-15\",acknowledged,\"已电话, 下周下单\"" out
has "C-000004,channel,C,reopens,3 reopens of the tickets and complaints of the last 120 days,new," out
has "li.na,cs-customer,ack,C-000003,,,\"2026-11-22T10:00:00+08:00,C-000003,idle,acknowledged,\"\"已电话, 下周下单\"\",li.na\"," d/journal/2026-11.csv
ok cs-customer ack --resolve C-000003 idle
ok cs-customer alerts --type end -o csv
same "$(tail -n +2 out | cut -d, -f1,4,7-)" "C-000003,idle,resolved,"	# (cut splits the quoted detail)
same "$(wc -l <d/alert-acks.csv)" 3
ok cs check
# the log is held to its schema by cs check: a hand-edited state, a
# customer not on file
cp d/alert-acks.csv acks.keep
sed -i '2s/,acknowledged,/,done,/' d/alert-acks.csv
echo '2026-11-22T10:00:00+08:00,C-000999,idle,resolved,,li.na' >>d/alert-acks.csv
exits 1 cs check
has "alert-acks.csv:2: field 'state'" out
has "alert-acks.csv:4: field 'customer': no customer 'C-000999'" out
cp acks.keep d/alert-acks.csv
ok cs check
before=$(snapshot d)
status 64 cs-customer ack C-000004 reopens
has "needs its note=text" err
status 65 cs-customer ack C-000001 idle note=x
has "C-000001: no 'idle' alert now" err
status 65 cs-customer ack C-000004 bogus note=x
status 65 cs-customer ack C-000099 idle note=x
status 64 cs-customer ack C-000004
status 64 cs-customer ack ../x idle note=x
status 64 cs-customer ack C-000004 reopens colour=red
status 65 cs-customer ack C-000004 reopens note="$(printf 'bad\377')"
same "$(snapshot d)" "$before"

# bad input: one line, its status, nothing changed
before=$(snapshot d)
status 65 cs-customer grade --explain C-000099
has "no id 'C-000099'" err
status 64 cs-customer grade --explain 12
status 64 cs-customer grade C-000001
status 64 cs-customer alerts now
status 1 cs-customer show --history C-000099
sed 's/^volume.orders,120$/volume.orders,lots/' d/policy/grades.csv >g && cp g d/policy/grades.csv
status 78 cs-customer grade
has "policy/grades.csv:9: field 'value': volume.orders: not a number above 0: 'lots'" err
status 78 cs-customer alerts
grep -v '^alert.idle,' "$TOP/data-samples/policy/grades.csv" >g2 && cp g2 d/policy/grades.csv
status 78 cs-customer alerts
has "policy/grades.csv: no 'alert.idle'" err
cp untyped.csv d/policy/grades.csv
f=$(ls d/orders/2026-11/*.csv | head -n 1)
cp "$f" saved
printf 'O-20261130-9999,C-000001,"unclosed,1\n' >>"$f"
status 65 cs-customer grade
has "orders/2026-11/" err
# explaining one customer reads the others' records too, so still refuses
status 65 cs-customer grade --explain C-000002
has "orders/2026-11/" err
cp saved "$f"
# and every line of customers.csv, not only its customer's
cp d/customers.csv savedc
sed "3s/,out-of-town,/,out-of-town,$(printf '\377')/" savedc >d/customers.csv
status 65 cs-customer grade --explain C-000001
has "customers.csv:3: field 'grade': invalid UTF-8 at byte" err
sed '3s/,out-of-town,/,/' savedc >d/customers.csv
status 65 cs-customer grade --explain C-000001
has "customers.csv:3: 16 fields, the header has 17" err
sed '3s/^C-000002,/C-000002,"x"y/' savedc >d/customers.csv
status 65 cs-customer grade --explain C-000001
has "customers.csv:3: text after a closing quote" err
cp savedc d/customers.csv
same "$(snapshot d)" "$before"

# a customer's id quoted in a record (a hand edit; the same value, which
# cs check takes) counts for it in --explain as in the whole grade
sed 's/^\(O-[0-9]*-[0-9]*\),C-000002,/\1,"C-000002",/' d/orders/2026-10/*.csv \
    >x && cp x d/orders/2026-10/*.csv
grep -q ',"C-000002",' d/orders/2026-10/*.csv || fail "no quoted id"
ok cs check
ok cs-customer grade -n --all -o csv
has "C-000002,out-of-town,38.19," out
ok cs-customer grade --explain C-000002 -o csv
has "orders,32,120,26.67," out
has "score,,,38.19," out

# ranked (the default policy): a customer id on two lines of
# customers.csv (cs check reports it) is graded on its first, in
# --explain as in the whole grade: C-000001, a channel customer, again
# as out-of-town is no rival of C-000002's
cp "$TOP/data-samples/policy/grades.csv" d/policy/grades.csv
ok cs-customer grade --explain C-000002 -o csv
grep '^grade,' out >want
grep -q 'rank 1 of 1"' want || fail "C-000002 not alone: $(cat want)"
grep '^C-000001,' savedc | sed 's/,channel,/,out-of-town,/' >>d/customers.csv
status 1 cs check
has "customers.csv:6: id 'C-000001' appears twice" out
ok cs-customer grade --explain C-000002 -o csv
same "$(grep '^grade,' out)" "$(cat want)"
cp savedc d/customers.csv

# the fields grade reads are checked as cs check checks them: a type, a
# grade or a since date that is none is an error naming its line, not a
# customer graded by no type's rules (it was graded, exit 0)
before=$(snapshot d)
for f in 's/,out-of-town,/,bogus,/' 's/,out-of-town,\([A-C]\{0,1\}\),/,out-of-town,Z,/' \
    's/,out-of-town,\([A-C]\{0,1\}\),[0-9-]*,/,out-of-town,\1,2019-02-30,/'; do
	sed "3$f" savedc >d/customers.csv
	cmp -s savedc d/customers.csv && fail "sed $f changed nothing"
	status 65 cs-customer grade -o csv
	has "customers.csv:3: field '" err
	status 65 cs-customer grade --explain C-000001 -o csv
	has "customers.csv:3: field '" err
done
cp savedc d/customers.csv
same "$(snapshot d)" "$before"

# a bigger department, its month files read across the threads: grade,
# alerts and an explanation the same bytes at 1, 2 and 8 threads
CS_CHUNK_BYTES=65536 cs-gen -s 3 -c 2000 -a 12 -t 4000 -m 2026-10,2026-11 \
    -e 2026-11-30 big >/dev/null || fail "cs-gen"
[ "$(ls big/tickets/2026-11 | wc -l)" -ge 3 ] || fail "want chunks"
for verb in "-n grade --all" "alerts" "grade -n --explain C-000017"; do
	CS_THREADS=1 CS_NOW="2026-11-30 12:00" ok cs-customer -D big -o csv $verb
	cp out want
	[ "$(wc -l <want)" -gt 5 ] || fail "$verb: want lines: $(cat want)"
	for t in 2 8; do
		CS_THREADS=$t CS_NOW="2026-11-30 12:00" ok cs-customer -D big -o csv \
		    $verb
		cmp -s out want || fail "$verb, $t threads: $(diff want out | head)"
	done
done
