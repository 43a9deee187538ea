# cs-customer report: the type x grade matrix with the orders, weight and
# freight of the period; cancelled orders and orders outside it not counted
. "$TOP/tests/cli/lib.sh"
cs init d >/dev/null || fail "init"
export CS_DATA_DIR=d CS_USER=li.na
cs-staff add id=li.na name=李娜 role=agent >/dev/null
cs-customer add name=甲公司 type=channel grade=A >/dev/null		# C-000001
cs-customer add name=乙公司 type=channel grade=A >/dev/null		# C-000002
cs-customer add name=丙 type=end grade=C >/dev/null			# C-000003
cs-customer add name=丁公司 type=out-of-town >/dev/null		# C-000004
order() {
	CS_NOW="$1" cs-order add customer="$2" goods=箱子 weight="$3" \
	    freight="$4" origin_region=华东 destination_region=华北 ||
	    fail "order add"
}
order "2025-10-01 09:00" C-000001 100 999	# before the twelve months
order "2025-11-22 09:00" C-000001 10 50.5
order "2026-03-01 09:00" C-000002 2.5 20
order "2026-11-21 09:00" C-000003 1 8
order "2026-11-21 10:00" C-000003 7 30 >out
CS_NOW="2026-11-21 10:05" cs-order cancel "$(cat out)" reason=不要了 ||
    fail "cancel"

CS_NOW="2026-11-22 10:00" ok cs-customer report -o csv
same "$(cat out)" "type,grade,customers,orders,weight,freight
channel,A,2,2,12.5,70.50
channel,B,0,0,0.0,0.00
channel,C,0,0,0.0,0.00
channel,-,0,0,0.0,0.00
out-of-town,A,0,0,0.0,0.00
out-of-town,B,0,0,0.0,0.00
out-of-town,C,0,0,0.0,0.00
out-of-town,-,1,0,0.0,0.00
end,A,0,0,0.0,0.00
end,B,0,0,0.0,0.00
end,C,1,1,1.0,8.00
end,-,0,0,0.0,0.00
all,all,4,3,13.5,78.50"
# a period given
ok cs-customer report --month 2025-10 -o csv
has "channel,A,2,1,100.0,999.00" out
has "all,all,4,1,100.0,999.00" out
ok cs-customer report --year 2026 -o csv
has "channel,A,2,1,2.5,20.00" out

# a bigger department: the same bytes at 1, 2 and 8 threads (the
# orders' month files across them)
CS_CHUNK_BYTES=65536 cs-gen -s 3 -c 2000 -a 12 -t 2000 -m 2026-10,2026-11 \
    -e 2026-11-30 g >/dev/null || fail "cs-gen"
[ "$(ls g/orders/2026-11 | wc -l)" -ge 3 ] || fail "want chunks"
CS_THREADS=1 CS_NOW="2026-11-30 12:00" ok cs-customer -D g report -o csv
cp out want
[ "$(awk -F, '$1 == "all" { print $4 }' want)" -gt 1000 ] ||
    fail "want orders: $(cat want)"
for t in 2 8; do
	CS_THREADS=$t CS_NOW="2026-11-30 12:00" ok cs-customer -D g report -o csv
	cmp -s out want || fail "$t threads: $(diff want out)"
done

# bad input
status 64 cs-customer report extra
status 64 cs-customer report --month 2026-13
