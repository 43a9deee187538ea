# 8 writers, 200 adds each at once (CS_TEST_ADDS; make stress runs 1,000):
# 1,600 customers, 1,600 distinct ids, 1,600 journal lines, and a store
# cs check passes.  Then the same with 8 x 200 tickets in small chunks,
# complaints, orders, and grade runs among adds.
# cs-test: long
. "$TOP/tests/cli/lib.sh"
export CS_NOW="2026-11-22 09:00"
cs init d >/dev/null || fail "init"
export CS_DATA_DIR=d
W=${CS_TEST_WRITERS:-8}
K=${CS_TEST_ADDS:-200}

i=1
while [ $i -le $W ]; do
	(
		j=1
		while [ $j -le $K ]; do
			cs-customer --wait 60 add name="客户 $i-$j" type=end \
			    notes="writer $i, add $j" >>ids.$i || exit 1
			j=$((j + 1))
		done
	) &
	i=$((i + 1))
done
wait
total=$((W * K))
same "$(cat ids.* | wc -l)" $total
same "$(cat ids.* | sort -u | wc -l)" $total
same "$(($(wc -l <d/customers.csv) - 1))" $total
same "$(cut -d, -f1 d/customers.csv | tail -n +2 | sort -u | wc -l)" $total
same "$(($(wc -l <d/journal/2026-11.csv) - 1))" $total
# every writer's every add is there, once
same "$(grep -c '"writer [0-9]*, add [0-9]*",,$' d/customers.csv)" $total
ok cs check -D d

# the same for tickets, in a month of small chunks (dated.c), so that
# writers also race to begin new chunks
export CS_CHUNK_BYTES=8000
cs-staff add id=li.na name=李娜 role=agent >/dev/null
lines0=$(wc -l <d/journal/2026-11.csv)
i=1
while [ $i -le $W ]; do
	(
		j=1
		while [ $j -le $K ]; do
			cs-ticket --wait 60 add channel=phone agent=li.na \
			    subject="writer $i, add $j" >>tickets.$i || exit 1
			j=$((j + 1))
		done
	) &
	i=$((i + 1))
done
wait
same "$(cat tickets.* | sort -u | wc -l)" $total
cat d/tickets/2026-11/*.csv | grep -v '^id,' >all.csv
same "$(wc -l <all.csv)" $total
[ "$(ls d/tickets/2026-11 | wc -l)" -gt 20 ] || fail "want many chunks: $(ls d/tickets/2026-11 | wc -l)"
same "$(($(wc -l <d/journal/2026-11.csv) - lines0))" $total
same "$(cat tickets.* | sort | tail -n 1)" "T-20261122-$(printf %04d $total)"
same "$(grep -c ',"*writer [0-9]*, add [0-9]*"*,' all.csv)" $total
same "$(cut -d, -f1 all.csv | sort -u | wc -l)" $total
ok cs check -D d

# and complaints: a record, an event and a journal line each, together
cs-staff add id=tom name=Tom role=agent >/dev/null
ev0=$(cat d/complaint-events/2026-11.csv 2>/dev/null | wc -l)
lines0=$(wc -l <d/journal/2026-11.csv)
i=1
while [ $i -le $W ]; do
	(
		j=1
		while [ $j -le $K ]; do
			CS_USER=tom cs-complain --wait 60 add channel=phone nature=delay \
			    content="writer $i, add $j" >>complaints.$i || exit 1
			j=$((j + 1))
		done
	) &
	i=$((i + 1))
done
wait
same "$(cat complaints.* | sort -u | wc -l)" $total
cat d/complaints/2026-11/*.csv | grep -v '^id,' >allk.csv
same "$(wc -l <allk.csv)" $total
same "$(cut -d, -f1 allk.csv | sort -u | wc -l)" $total
same "$(($(grep -c ',recorded,' d/complaint-events/2026-11.csv) - 0))" $total
same "$(($(wc -l <d/journal/2026-11.csv) - lines0))" $total
ok cs check -D d

# orders: concurrent adds, then concurrent steps on them, each writer
# moving its own orders while the others move theirs in the same chunks
OW=4
OK=100
i=1
while [ $i -le $OW ]; do
	(
		j=1
		while [ $j -le $OK ]; do
			cs-order --wait 60 add customer=C-000001 goods="writer $i, $j" \
			    weight=2 length=10 width=10 height=10 origin=上海 \
			    origin_region=华东 destination=北京 destination_region=华北 \
			    consignee=王五 phone=13800138000 >>orders.$i || exit 1
			j=$((j + 1))
		done
		for o in $(cat orders.$i); do
			cs-order --wait 60 review "$o" && cs-order --wait 60 confirm "$o" ||
			    exit 1
		done
	) &
	i=$((i + 1))
done
wait
ototal=$((OW * OK))
same "$(cat orders.* | sort -u | wc -l)" $ototal
cat d/orders/2026-11/*.csv | grep -v '^id,' >allo.csv
same "$(wc -l <allo.csv)" $ototal
same "$(grep -c ',confirmed,' allo.csv)" $ototal
same "$(grep -c ',created,' d/order-events/2026-11.csv)" $ototal
same "$(grep -c ',confirm,' d/order-events/2026-11.csv)" $ototal
same "$(grep -c ',review,' d/order-events/2026-11.csv)" $ototal
ok cs check -D d

# grade rewrites customers.csv while writers add and set: no customer lost
# or doubled, every grade set is one the journal explains
n0=$(($(wc -l <d/customers.csv) - 1))
(
	j=1
	while [ $j -le 100 ]; do
		cs-customer --wait 60 add name="后来 $j" type=channel grade=A \
		    >>late.ids || exit 1
		j=$((j + 1))
	done
) &
(
	j=1
	while [ $j -le 20 ]; do
		cs-customer --wait 60 grade >/dev/null || exit 1
		j=$((j + 1))
	done
) &
wait
same "$(($(wc -l <d/customers.csv) - 1))" $((n0 + 100))
same "$(cut -d, -f1 d/customers.csv | tail -n +2 | sort -u | wc -l)" $((n0 + 100))
# only C-000001 ordered: the top of its type, A; the others all tie at
# the bottom of theirs: C
ok cs-customer grade -o csv
ok cs-customer list --grade A -o csv
same "$(tail -n +2 out | cut -d, -f1)" C-000001
same "$(grep -c ',grade,C-[0-9]*,grade,' d/journal/2026-11.csv)" $((n0 + 100))
ok cs check -D d
