# cs-ticket: after-sales as a flow.  A return opens its pickup order in the
# orders store, in the same commit, and is closed only once the goods are
# back; an exchange waits for its replacement too.  A repair goes through
# its five steps in order, each with its estimated time from
# policy/repairs.csv, shown by show and listed by overdue when late.
. "$TOP/tests/cli/lib.sh"
cs init d >/dev/null || fail "init"
export CS_DATA_DIR=d CS_NOW="2026-11-10 10:00"
cs-staff add id=li.na name=李娜 team=华东一组 role=agent >/dev/null
cs-customer add name=张三 type=end phone=13800138000 >/dev/null

# an order through cs-order: new to delivered
deliver() {
	ok cs-order review "$1"
	ok cs-order confirm "$1"
	ok cs-order event "$1" picked-up
	ok cs-order event "$1" out-for-delivery
	ok cs-order event "$1" delivered
}
# the order's row as stored (show and list mask the addresses)
row() {
	cat d/orders/*/*.csv | grep "^$1,"
}
ok cs-order add customer=C-000001 goods=电饭煲 category=electronics weight=3 \
    length=40 width=30 height=30 origin=上海仓 origin_region=华东 \
    destination=北京朝阳 destination_region=华北 consignee=张三 \
    phone=13800138000
o=$(cat out)
deliver "$o"
ok cs-order sign "$o" by=张三

# ---- a return: its pickup order opened with it ----
export CS_NOW="2026-11-14 10:00"
ok cs-ticket add kind=return channel=phone agent=li.na customer=C-000001 \
    order="$o" category=electronics subject=不制热
t=$(cat out)
same "$t" T-20261114-0001
p=O-20261114-0001
# the goods back from the customer to the warehouse: the route reversed,
# quoted on the way out (policy/rates.csv has no 华北 to 华东); it names
# the ticket, the ticket names it
same "$(row "$p")" "$p,C-000001,电饭煲,1,3,40,30,30,北京朝阳,华北,上海仓,华东,张三,13800138000,standard,30.00,2026-11-17T23:59:59+08:00,new,2026-11-14T10:00:00+08:00,,,,,,,electronics,,,,pickup,$t,,,,"
ok cs-ticket show "$t" -o csv
has ",open,,,,,,,,,$p,,," out	# ... answered_in, pickup
# one commit: the ticket's add, the order's add and its created event
has "cs-ticket,add,$t,,," d/journal/2026-11.csv
has "cs-ticket,add,$p,,," d/journal/2026-11.csv
has "$p,created,tester,\"pickup for $t; freight 30.00" d/order-events/2026-11.csv
ok cs-ticket show "$t" -o table
has "waits for          the goods back: pickup order $p is new, not delivered yet" out
# a second return of the same goods while this one is open: refused (it
# would send a second pickup), nothing stored
before=$(snapshot d)
status 65 cs-ticket add kind=exchange channel=phone agent=li.na \
    customer=C-000001 order="$o" category=electronics subject=再退
has "field 'order': $t is open for $o already" err
same "$(snapshot d)" "$before"

# closed only when the goods are back: refused with the reason
ok cs-ticket resolve "$t" result="refund after the goods are back"
before=$(snapshot d)
status 65 cs-ticket close "$t"
has "close $t: it waits for the goods back: pickup order $p is new, not delivered yet" err
same "$(snapshot d)" "$before"
ok cs-order review "$p"
ok cs-order confirm "$p"
ok cs-order event "$p" picked-up
CS_NOW="2026-11-15 10:00" status 65 cs-ticket close "$t"
has "pickup order $p is picked-up, not delivered yet" err
CS_NOW="2026-11-16 10:00" ok cs-order event "$p" out-for-delivery
CS_NOW="2026-11-16 11:00" ok cs-order event "$p" delivered
CS_NOW="2026-11-16 12:00" ok cs-ticket show "$t" -o table
has "waits for          nothing: the goods are back" out
CS_NOW="2026-11-16 12:00" ok cs-ticket close "$t"
ok cs-ticket show "$t" -o csv
has ",2026-11-16T12:00:00+08:00,closed," out
ok cs check

# ---- an exchange: the goods back and the new ones delivered ----
ok cs-ticket add kind=exchange channel=phone agent=li.na customer=C-000001 \
    order="$o" category=electronics subject=换新
x=$(cat out)
xp=O-20261114-0002 xr=O-20261114-0003
same "$(row "$xp")" "$xp,C-000001,电饭煲,1,3,40,30,30,北京朝阳,华北,上海仓,华东,张三,13800138000,standard,30.00,2026-11-17T23:59:59+08:00,new,2026-11-14T10:00:00+08:00,,,,,,,electronics,,,,pickup,$x,,,,"
same "$(row "$xr")" "$xr,C-000001,电饭煲,1,3,40,30,30,上海仓,华东,北京朝阳,华北,张三,13800138000,standard,30.00,2026-11-17T23:59:59+08:00,new,2026-11-14T10:00:00+08:00,,,,,,,electronics,,,,replacement,$x,,,,"
ok cs-ticket show "$x" -o csv
has ",$xp,$xr,," out
deliver "$xp"
ok cs-ticket resolve "$x"
status 65 cs-ticket close "$x"
has "close $x: it waits for the new goods delivered: replacement order $xr is new" err
deliver "$xr"
ok cs-ticket show "$x" -o table
has "nothing: the goods are back, the new ones delivered" out
ok cs-ticket close "$x"
ok cs check

# cs check: a ticket's pickup exists and is its customer's, as is an
# order's ticket
cp -r d e
sed -i "/^$xr,/d" e/orders/2026-11/*.csv
sed -i "s/,pickup,$t,/,pickup,T-20261114-0042,/" e/orders/2026-11/*.csv
exits 1 cs check -D e
has "field 'replacement': replacement $xr: no such replacement" out
has "field 'ticket': ticket T-20261114-0042: no such ticket" out
rm -rf e

# a return whose order cannot be found opens nothing, even overridden
before=$(snapshot d)
status 65 cs-ticket add kind=return channel=phone agent=li.na \
    order=O-20261101-0009 --override "the manager said so"
has "field 'order': order O-20261101-0009: no such order" err
# the ticket's pickup and the order's kind and ticket are not given by hand
status 64 cs-ticket add kind=return channel=phone agent=li.na order="$o" \
    pickup=O-20261114-0001
has "not a field 'pickup' for a new ticket" err
status 64 cs-order add customer=C-000001 goods=x weight=1 origin_region=华东 \
    destination_region=华东 kind=pickup
has "field 'kind' is not given here" err
same "$(snapshot d)" "$before"

# a crash anywhere in the return's commit leaves both or neither: killed
# at each write, sync and rename, then recovered by cs check --repair
SHIM=$(cd "$(dirname "$(command -v cs)")/.." && pwd)/tests/fault.so
kills=0
if [ -f "$SHIM" ] && ! ldd "$(command -v cs)" 2>/dev/null | grep -q libasan; then
	for op in write fdatasync fsync rename unlink; do
		i=1
		while :; do
			rm -rf k k.log && cp -r d k
			(export LD_PRELOAD="$SHIM" CS_FAULT="$op:$i:KILL" \
			    CS_FAULT_LOG="$PWD/k.log"
			cs-ticket -D k add kind=return channel=phone agent=li.na \
			    order="$o"; true) >/dev/null 2>&1
			fired=$(cat k.log 2>/dev/null)
			cs check -D k --repair >/dev/null 2>&1 || fail "$op:$i: repair"
			ok cs check -D k
			tk=$(cat k/tickets/*/*.csv | grep -cE ',(return|exchange),')
			pk=$(cat k/orders/*/*.csv | grep -c ',pickup,T-')
			[ "$tk" = "$pk" ] || fail "$op:$i: $tk returns, $pk pickups"
			[ -n "$fired" ] || break
			i=$((i + 1))
		done
		[ "$i" -gt 1 ] || [ "$op" != write ] || fail "$op: never called"
		kills=$((kills + i - 1))
	done
	echo "killed the return's commit at $kills calls" >&2
	rm -rf k k.log
fi

# ---- a repair through every step, each with its estimated time ----
# policy/repairs.csv (cs init's): received 3d after the opening, then
# sent-to-repair 1d, repaired 5d, shipped-back 1d, done 3d; repaired here
# 2d on the business clock (hours.csv: Mon-Fri 09:00-18:00)
sed 's/^repaired,5d,calendar/repaired,18h,business/' d/policy/repairs.csv >r &&
    cat r >d/policy/repairs.csv
ok cs-ticket add kind=repair channel=visit agent=li.na customer=C-000001 \
    subject=屏幕维修
r=$(cat out)
ok cs-ticket show "$r" -o csv
has ",,,,2026-11-17T10:00:00+08:00" out
ok cs-ticket show "$r" -o table
has "next step          received, expected by 2026-11-17T10:00:00+08:00 (left: 3d 0h 0m)" out
# 11-17 10:00, +1d, +18 working hours (11-18 Wed 10:00 to Fri 10:00), +1d, +3d
has "repair done by     2026-11-24T10:00:00+08:00" out

# out of order, an unknown step, an unknown ticket, not a repair: one
# line each, nothing written
before=$(snapshot d)
status 65 cs-ticket step "$r" repaired
has "step $r: repaired comes after sent-to-repair, and the repair has taken no step yet: received comes first" err
status 65 cs-ticket step "$r" done
has "step $r: done comes after shipped-back" err
status 64 cs-ticket step "$r" fixed
has "step $r: no step 'fixed' (received, sent-to-repair, repaired, shipped-back, done)" err
status 64 cs-ticket step "$r"
has "step: an id and a step (received, sent-to-repair, repaired, shipped-back, done)" err
status 65 cs-ticket step T-20261114-0099 received
has "no ticket 'T-20261114-0099'" err
status 64 cs-ticket step X-1 received
status 65 cs-ticket step "$t" received
has "step $t: the record is closed; reopen it first" err
ok cs-ticket reopen "$t"
before2=$(snapshot d)
status 65 cs-ticket step "$t" received
has "step $t: not a repair (its kind is return); steps are a repair's" err
same "$(snapshot d)" "$before2"
ok cs-ticket resolve "$t"
ok cs-ticket close "$t"
status 64 cs-ticket step "$r" received result=x
has "step: field 'result' is not given here" err
CS_NOW="2026-11-17 11:00" ok cs-ticket overdue -o csv
has "$r," out

# received: the goods in; the next, sent to repair, a day later
CS_NOW="2026-11-15 10:00" ok cs-ticket step "$r" received note=到店
ok cs-ticket show "$r" -o csv
has ",received,2026-11-16T10:00:00+08:00" out
has ",2026-11-15T10:00:00+08:00," out	# the first response
CS_NOW="2026-11-15 11:00" status 65 cs-ticket step "$r" received
has "step $r: received: its goods were received already (the repair is received)" err
CS_NOW="2026-11-15 11:00" status 65 cs-ticket resolve "$r"
has "resolve $r: the repair is received; its last step, done, resolves it" err
# late: listed by overdue, the next step in show
CS_NOW="2026-11-16 12:00" ok cs-ticket overdue -o csv
has "$r," out
CS_NOW="2026-11-16 12:00" ok cs-ticket show "$r" -o table
has "next step          sent-to-repair, expected by 2026-11-16T10:00:00+08:00 (late by 2h 0m)" out
CS_NOW="2026-11-16 12:00" ok cs-ticket step "$r" sent-to-repair note=送维修部
# 18 working hours from Mon 12:00: Mon 6h, Tue 9h, Wed 3h: Wed 12:00
ok cs-ticket show "$r" -o csv
has ",sent-to-repair,2026-11-18T12:00:00+08:00" out
CS_NOW="2026-11-16 13:00" status 1 cs-ticket overdue -o csv
CS_NOW="2026-11-18 11:00" ok cs-ticket step "$r" repaired
CS_NOW="2026-11-19 09:00" ok cs-ticket step "$r" shipped-back note=顺丰
ok cs-ticket show "$r" -o csv
has ",shipped-back,2026-11-22T09:00:00+08:00" out
CS_NOW="2026-11-20 15:00" ok cs-ticket step "$r" done
ok cs-ticket show "$r" -o csv
has ",2026-11-20T15:00:00+08:00,,resolved," out
has ",done," out
CS_NOW="2026-11-30 15:00" status 1 cs-ticket overdue -o csv
ok cs-ticket show "$r" --history -o csv
for s in ",received" "received,sent-to-repair" "sent-to-repair,repaired" \
    "repaired,shipped-back" "shipped-back,done"; do
	has "cs-ticket,step,repair_step,$s" out
done
has "step,note,,送维修部" out
CS_NOW="2026-11-20 16:00" ok cs-ticket close "$r"

# policy/repairs.csv validated like every policy: 78 with file:line:field
cp d/policy/repairs.csv saved
printf 'step,estimate\nreceived,soon\n' >d/policy/repairs.csv
status 78 cs-ticket add kind=repair channel=visit agent=li.na
has "policy/repairs.csv:2: field 'estimate': not a duration (30m, 4h, 2d): 'soon'" err
printf 'step,estimate\nreceived,1d\nfixed,1d\n' >d/policy/repairs.csv
status 78 cs-ticket add kind=repair channel=visit agent=li.na
has "policy/repairs.csv:3: field 'step': not one of received/sent-to-repair/repaired/shipped-back/done: 'fixed'" err
printf 'step,estimate\nreceived,1d\nsent-to-repair,1d\nrepaired,1d\nshipped-back,1d\n' >d/policy/repairs.csv
status 78 cs-ticket add kind=repair channel=visit agent=li.na
has "policy/repairs.csv: no line for the step 'done'" err
exits 1 cs check
has "policy/repairs.csv: no line for the step 'done'" out
cp saved d/policy/repairs.csv
# an absent file reads as cs init's
rm d/policy/repairs.csv
ok cs-ticket add kind=repair channel=visit agent=li.na
ok cs check
ok cs verify
