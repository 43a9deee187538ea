# Columns added later (cs-store(5)): a store written before a column was
# added is given it (widened) when a value for it is stored in one of its
# records: the roster's department, a customer's owner, a ticket's
# answered_in (cs-ticket calls), an order's vehicle, driver and exception
# department.  The other records keep their values, cs check and cs
# verify agree, what is refused after the widening leaves the store as it
# was, and a crash during the widening is rolled back.
. "$TOP/tests/cli/lib.sh"
SHIM=$(cd "$(dirname "$(command -v cs)")/.." && pwd)/tests/fault.so
export CS_NOW="2026-11-23 08:00"

# age DIR: the department as it was before the late columns: each store's
# trailing late columns removed (their values are empty: every record must
# end with that many commas, else the test stops), and a journal of the
# old form (no hash) that adds each record as it now is (its backslashes
# and quotes doubled: the record is one field of the journal).
strip() {	# strip FILE N
	awk -v n="$2" '
	NR == 1 { for (i = 0; i < n; i++) sub(/,[^,]*$/, ""); print; next }
	substr($0, length($0) - n + 1) != substr(",,,,,,,,,,,,,,,,", 1, n) { bad = 1; exit }
	{ print substr($0, 1, length($0) - n) }
	END { exit bad }' "$1" >"$1.old" || fail "strip $1: a late value is not empty"
	mv "$1.old" "$1"
}
journal_of() {	# journal_of PROGRAM FILE: an add line for each record
	awk -v p="$1" 'NR > 1 { id = $0; sub(/,.*/, "", id); v = $0
	    gsub(/\\/, "&&", v); gsub(/"/, "\"\"", v)
	    printf "2026-11-23T08:00:00+08:00,tester,%s,add,%s,,,\"%s\"\n", p, id, v }' "$2"
}
age() {
	strip "$1/staff.csv" 1
	strip "$1/customers.csv" 2
	for f in "$1"/tickets/*/*.csv; do strip "$f" 5; done
	for f in "$1"/orders/*/*.csv; do strip "$f" 10; done
	{
		echo "time,user,program,command,id,field,old,new"
		journal_of cs-staff "$1/staff.csv"
		journal_of cs-customer "$1/customers.csv"
		for f in "$1"/tickets/*/*.csv; do journal_of cs-ticket "$f"; done
		for f in "$1"/orders/*/*.csv; do journal_of cs-order "$f"; done
	} >"$1/journal/2026-11.csv"
}

# records DIR: every record of every store, a line each: the roster and the
# customers as their files lay them out (empty fields at the end dropped:
# a late column is one), tickets and orders as export lays them out
records() {
	{ cs-staff -D "$1" list -o csv; cs-customer -D "$1" list -o csv; } |
	    grep -v '^id,' | sed 's/,*$//'
	cs-ticket -D "$1" export --month 2026-11 -o csv
	cs-order -D "$1" export --month 2026-11 -o csv
}

# clean DIR: cs check and cs verify find nothing
clean() {
	ok cs check -D "$1"
	ok cs verify -D "$1"
	same "$(grep -c 'differs\|not in the journal\|no such record' out)" 0
}

# -- a department of the old form: a roster, customers, a ticket, an order
cs init d >/dev/null || fail "init"
export CS_DATA_DIR=d
ok cs-staff add id=li.na name=李娜 team=华东一组 role=agent
ok cs-staff add id=wang.wh name=王库 team=仓库组 role=agent
ok cs-staff add id=zhao.tr name=赵运 role=agent
ok cs-customer add name=张三 type=end phone=13800138000 notes="a, \"quoted\" note"
ok cs-customer add name=李四 type=end phone=13900139000
printf 'extension,agent\n201,li.na\n' >d/policy/phones.csv
CS_NOW="2026-11-23 09:00:30" ok cs-ticket add channel=phone agent=li.na \
    customer=C-000001 notes="two
lines"
t1=$(cat out)
CS_NOW="2026-11-23 09:30:00" ok cs-ticket add channel=phone agent=li.na
t2=$(cat out)
CS_NOW="2026-11-23 09:40:00" ok cs-ticket add kind=repair channel=visit \
    agent=li.na customer=C-000001 subject=屏幕维修
r=$(cat out)
# a repair of before the repair steps: no step expected yet
sed -i "/^$r,/s/,[^,]*\$/,/" d/tickets/2026-11/$t1.csv
ORDER="customer=C-000001 goods=电视机 weight=12 length=120 width=80 height=20
    origin=上海市浦东新区世纪大道100号 origin_region=华东
    destination=北京市朝阳区建国路1号 destination_region=华北 consignee=王五
    phone=13800138000"
ok cs-order add $ORDER
o1=$(cat out)
ok cs-order add $ORDER
o2=$(cat out)
for s in review confirm prepare pack; do ok cs-order $s "$o1"; done
age d
has "id,name,team,role,hired,left" d/staff.csv
lacks "department" d/staff.csv
lacks "answered_in" d/tickets/2026-11/$t1.csv
lacks "vehicle" d/orders/2026-11/$o1.csv
clean d
cp -r d base
records d >before

# the roster: department= given on a roster without the column
ok cs-staff set zhao.tr department=transport
has "id,name,team,role,hired,left,department" d/staff.csv
ok cs-staff show zhao.tr -o csv
has "zhao.tr,赵运,,agent,,,transport" out
has ",cs-staff,widen,,staff.csv,\"id,name,team,role,hired,left\",\"id,name,team,role,hired,left,department\"," d/journal/2026-11.csv
has ",cs-staff,set,zhao.tr,department,,transport," d/journal/2026-11.csv
clean d
records d >after
diff before after >delta
same "$(grep -c '^[<>]' delta)" 2	# zhao.tr's line, before and after
has "> zhao.tr,赵运,,agent,,,transport" delta
# a second value: the roster has the column now, nothing to widen
ok cs-staff set wang.wh department=warehouse
same "$(grep -c ',widen,' d/journal/2026-11.csv)" 1

# a customer's owner, on a customers.csv without the column; a value
# refused after the widening leaves the file as it was
before_c=$(snapshot d)
status 65 cs-customer set C-000001 owner=li.na grade=Z
same "$(snapshot d)" "$before_c"
ok cs-customer set C-000001 owner=li.na
ok cs-customer show C-000001 -o csv
has ",li.na" out
has "\"a, \"\"quoted\"\" note\",li.na" d/customers.csv
clean d

# a repair in the old chunk takes its steps: the chunk widened
lacks "repair_step" d/tickets/2026-11/$t1.csv
CS_NOW="2026-11-23 10:00" ok cs-ticket step "$r" received
has ",repair_step,step_due_at" d/tickets/2026-11/$t1.csv
ok cs-ticket show "$r" -o json
has '"repair_step":"received"' out
clean d

# the ticket: cs-ticket calls stores answered_in in its old chunk
cat >Master.csv <<'M'
"","13800138000","201","from-pstn","""Zhang"" <13800138000>","SIP/trunk-00000001","SIP/201-00000002","Dial","SIP/201,30","2026-11-23 09:00:00","2026-11-23 09:00:10","2026-11-23 09:05:00",300,290,"ANSWERED","DOCUMENTATION"
M
CS_NOW="2026-11-24 09:00" ok cs-ticket calls Master.csv
lacks "not stored" err
ok cs-ticket show "$t1" -o json
has '"answered_in":"10"' out
has '"notes":"two\nlines"' out
has ",answered_in" d/tickets/2026-11/$t1.csv
has ",cs-ticket,calls,$t1,answered_in,,10," d/journal/2026-11.csv
clean d

# the order: dispatched, its vehicle and driver in the record (no more in
# its event alone); an exception's department too
CS_USER=zhao.tr ok cs-order dispatch "$o1" vehicle=沪A12345 driver=王师傅
ok cs-order show "$o1" -o csv
has ",dispatched," out
has ",沪A12345,王师傅," out
has ",vehicle,driver,exception_department" d/orders/2026-11/$o1.csv
clean d
records d >after
diff before after >delta
# the changed records alone: zhao.tr, wang.wh, C-000001, t1, r, o1
same "$(grep -c '^>' delta)" 6
lacks "$t2" delta
lacks "$o2" delta
lacks "李四" delta

# -- the sample department: its tickets and orders are of the old form
sample s
OC=s/orders/2026-11/O-20261101-0001.csv
lacks "exception_department" $OC
o=$(awk -F, '$18 == "in-transit" { print $1; exit }' $OC)
[ -n "$o" ] || fail "no order in transit in the sample's November"
records s >sbefore
CS_NOW="2026-11-28 10:00" ok cs-order -D s exception "$o" damage note=外箱破损 department=仓库
ok cs-order -D s show "$o" -o csv
has ",damage,,,electronics,,,warehouse" out
has ",exception_department" $OC
clean s
records s >safter
diff sbefore safter >delta
same "$(grep -c '^>' delta)" 1

# -- adding and importing: a new person with a department, customers
# with owners, a past ticket with its answer time, into old files
cp -r base a
ok cs-staff -D a add id=qian.fi name=钱财 role=agent department=finance
has "qian.fi,钱财,,agent,,,finance" a/staff.csv
printf 'name,type,owner\n王五,end,li.na\n' >cust.csv
ok cs-customer -D a import cust.csv
has ",end,,,,,,,li.na" a/customers.csv
has "id,name,contact,phone,email,company,address,region,type,grade,since,needs,frequency,transport,notes,owner" a/customers.csv
printf 'opened_at,agent,channel,kind,subject,answered_in\n2026-11-23 09:10,li.na,phone,inquiry,imported,12\n' >tk.csv
ok cs-ticket -D a import tk.csv
has ",imported,,,2026-11-23T09:10:00+08:00," a/tickets/2026-11/$t1.csv
has ",open,,,,,,,,12" a/tickets/2026-11/$t1.csv
same "$(grep -c ',widen,' a/journal/2026-11.csv)" 3
clean a

# -- a crash in the middle of the widening: the department before or
# after, else an unfinished change that cs check names and the repair
# (like the next writer) rolls back to before, or a change killed after
# its commit point whose backups cs check names and the repair removes
widen() { cs-staff -D "$1" set zhao.tr department=transport; }
base_snap=$(snapshot base)
rm -rf c && cp -r base c && widen c >/dev/null 2>&1 || fail "the clean run"
rm -f c/.lock
after_snap=$(snapshot c)
# after one kill: before, after, or rolled back to before
crashed() {
	cs check -D c >check.out 2>&1
	case $? in
	0) ;;
	1)	# killed before the commit point: rolled back; after it, before
		# its backups were removed: the change stands, its backups left
		if grep -q "unfinished change" check.out; then
			rolled=$((rolled + 1))
		else
			has "left over by a change that ended" check.out
		fi
		ok cs check -D c --repair
		ok cs check -D c ;;
	*) fail "cs check: $(cat check.out)" ;;
	esac
	rm -f c/.lock
	got=$(snapshot c)
	[ "$got" = "$base_snap" ] || [ "$got" = "$after_snap" ] ||
	    fail "killed: neither before nor after: $(ls -a c)"
}
rolled=0
if [ -f "$SHIM" ] && ! ldd "$(command -v cs)" 2>/dev/null | grep -q libasan; then
	for op in rename fsync write; do
		N=1
		while [ $N -le 20 ]; do
			rm -rf c && cp -r base c
			LD_PRELOAD="$SHIM" CS_FAULT=$op:$N:KILL widen c >/dev/null \
			    2>&1 && break
			crashed c
			N=$((N + 1))
		done
		[ $N -gt 1 ] || fail "$op: no crash during the change"
	done
	[ $rolled -gt 0 ] || fail "no kill left an unfinished change"
else
	# no shim (a sanitizer build): kill -9 at random moments instead
	k=0
	while [ $k -lt 8 ]; do
		rm -rf c && cp -r base c
		setsid sh -c 'cs-staff -D c set zhao.tr department=transport' \
		    >/dev/null 2>&1 &
		p=$!
		sleep "0.0$k"
		kill -9 -$p 2>/dev/null
		wait 2>/dev/null
		crashed c
		k=$((k + 1))
	done
fi
