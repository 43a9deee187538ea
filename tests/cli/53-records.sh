# The invariants of a record (rules/records.c): every writer refuses a
# record that contradicts itself or the records it names, naming the
# field, and changes nothing; cs check on the sample department is
# clean, and lists each of a dozen records broken by hand, a line each.
. "$TOP/tests/cli/lib.sh"
sample d
# the manager, who may change every record (rules/roles.c)
export CS_DATA_DIR=d CS_USER=wang1 CS_NOW="2026-11-22 10:00"
ok cs check
T11=d/tickets/2026-11/T-20261101-0001.csv
K11=d/complaints/2026-11/K-20261101-0001.csv
O11=d/orders/2026-11/O-20261101-0001.csv

# The records split at commas: the sample's quoted text holds ", " (a
# comma and a space), which no field separator is followed by.
split() {
	sed 's/, /\x01/g' "$1"
}
join() {
	sed 's/\x01/, /g'
}
# field NAME FILE ID: the value of NAME in the record ID of FILE
field() {
	split "$2" | awk -F, -v f="$1" -v id="$3" 'NR == 1 {
		for (i = 1; i <= NF; i++) if ($i == f) c = i }
		$1 == id { print $c }' | join
}
# edit FILE ID NAME VALUE: the record ID of FILE with NAME set to VALUE
edit() {
	split "$1" | awk -F, -v OFS=, -v id="$2" -v f="$3" -v v="$4" 'NR == 1 {
		for (i = 1; i <= NF; i++) if ($i == f) c = i }
		$1 == id { $c = v } { print }' | join >edited && cat edited >"$1"
}
# first FILE AWK-CONDITION: the id of the first record that meets it
first() {
	split "$1" | awk -F, "NR > 1 && ($2) { print \$1; exit }"
}
line() {
	grep -n "^$2," "$1" | cut -d: -f1
}

# ---- the writers refuse, nothing written ----
tk=$(snapshot d/tickets) jn=$(snapshot d/journal)
# an export whose tickets were resolved before they were opened: refused,
# each such row by file, line and field (every row now, issue 15)
cat >bad.csv <<'E'
channel,agent,opened_at,resolved_at
phone,zhang6,2026-11-20 10:00,2026-11-20 11:00
phone,zhang6,2026-11-20 10:00,2026-11-19 10:00
phone,zhang6,2026-11-20 12:00,2026-11-19 10:00
E
exits 65 cs-ticket import bad.csv
has "bad.csv: 2 of 3 rows bad, nothing stored" err
has "bad.csv:4: field 'resolved_at'" err
has "bad.csv:3: field 'resolved_at': 2026-11-19T10:00:00+08:00 is before opened_at 2026-11-20T10:00:00+08:00" err
same "$(snapshot d/tickets)$(snapshot d/journal)" "$tk$jn"
before=$(snapshot d)	# the lock's files are there now
# pending, with a resolved time; closed, without one
printf 'channel,agent,opened_at,resolved_at,status\nphone,zhang6,2026-11-20 10:00,2026-11-20 11:00,pending\n' >bad.csv
status 65 cs-ticket import bad.csv
has "bad.csv:2: field 'resolved_at': a pending ticket has none, not '2026-11-20T11:00:00+08:00'" err
printf 'channel,agent,opened_at,closed_at\nphone,zhang6,2026-11-20 10:00,2026-11-21 10:00\n' >bad.csv
status 65 cs-ticket import bad.csv
has "bad.csv:2: field 'resolved_at': a closed ticket has one; it is empty" err

# a return against another customer's order; an order that does not exist
tea=$(first "$O11" '$3 == "茶叶" && $18 == "signed" && $20 >= "2026-11-18"')
teacust=$(field customer "$O11" "$tea")
other=C-000001
[ "$teacust" != "$other" ] || other=C-000002
status 65 cs-ticket add kind=return channel=phone agent=zhang6 \
    customer=$other order="$tea" category=damage
has "field 'order': order $tea is customer $teacust's, not $other's" err
status 65 cs-ticket add channel=phone agent=zhang6 order=O-BOGUS
has "field 'order': order O-BOGUS: no such order" err
status 65 cs-ticket set T-20261101-0001 order=O-BOGUS
has "field 'order': order O-BOGUS: no such order" err
# tea, which policy never takes back, under the ticket's category "damage"
status 65 cs-ticket add kind=return channel=phone agent=zhang6 \
    customer="$teacust" order="$tea" category=damage
has "a return of food goods is accepted within 0 days of delivery; order $tea" err

# complaints: a ticket or an order that does not exist; a complaint
# received before the ticket it names was opened
status 65 cs-complain add channel=phone content=x nature=delay \
    ticket=T-20991231-0001
has "field 'ticket': ticket T-20991231-0001: no such ticket" err
status 65 cs-complain add channel=phone content=x nature=delay order=O-BOGUS
has "field 'order': order O-BOGUS: no such order" err
late=$(first "$T11" '$4 != "" && $11 >= "2026-11-21"')
lcust=$(field customer "$T11" "$late")
status 65 cs-complain add channel=phone content=x nature=delay \
    customer="$lcust" ticket="$late" received_at="2026-11-20 10:00"
has "field 'ticket': ticket $late was opened at" err
has "after the complaint was received (2026-11-20T10:00:00+08:00)" err
same "$(snapshot d)" "$before"

# ... and accept what keeps them: the customer's own order, after it
ok cs-complain add channel=phone content=x nature=delay customer="$lcust" \
    ticket="$late"

# ---- cs check: a dozen records broken by hand, a line each ----
sample c
export CS_DATA_DIR=c
T11=c/tickets/2026-11/T-20261101-0001.csv
K11=c/complaints/2026-11/K-20261101-0001.csv
O11=c/orders/2026-11/O-20261101-0001.csv
W=expected
: >$W
# expect FILE ID FIELD: the problem cs check must list
expect() {
	echo "${1#c/}:$(line "$1" "$2"): field '$3'" >>"$W"
}
t=$(first "$T11" '$17 == "closed" && $12 > $11')
edit "$T11" "$t" resolved_at 2026-11-01T00:00:00+08:00
expect "$T11" "$t" resolved_at				# resolved before opened
t=$(first "$T11" '$17 == "closed" && $1 > "'"$t"'"')
edit "$T11" "$t" status pending
expect "$T11" "$t" resolved_at				# pending, resolved
t=$(first "$T11" '$17 == "closed" && $1 > "'"$t"'"')
edit "$T11" "$t" resolved_at ""
expect "$T11" "$t" resolved_at				# closed, unresolved
t=$(first "$T11" '$10 != "" && $4 != "" && $4 != "'"$teacust"'"')
edit "$T11" "$t" order "$tea"
expect "$T11" "$t" order				# a foreign order
t=$(first "$T11" '$10 == "" && $1 > "'"$t"'"')
edit "$T11" "$t" order O-BOGUS
expect "$T11" "$t" order				# no such order
k=$(first "$K11" '$6 == "" && $7 != "" && $2 < "2026-11-15"')
edit "$K11" "$k" customer "$lcust"
edit "$K11" "$k" ticket "$late"
expect "$K11" "$k" ticket				# before its ticket
k=$(first "$K11" '$7 != "" && $1 > "'"$k"'"')
edit "$K11" "$k" ticket T-20991231-0001
expect "$K11" "$k" ticket				# no such ticket
k=$(first "$K11" '$1 > "'"$k"'"')
edit "$K11" "$k" recorded_at 2026-11-01T00:00:00+08:00
expect "$K11" "$k" recorded_at				# recorded before received
k4=$k
k=$(first "$K11" '$27 == "forwarded"')
edit "$K11" "$k" resolved_at 2026-11-21T23:00:00+08:00
expect "$K11" "$k" resolved_at				# forwarded, resolved
k=$(first "$K11" '$27 == "closed" && $1 > "'"$k4"'"')
edit "$K11" "$k" closed_at ""
expect "$K11" "$k" closed_at				# closed, no close time
o=$(first "$O11" '$18 == "signed"')
edit "$O11" "$o" delivered_at 2026-10-01T00:00:00+08:00
expect "$O11" "$o" delivered_at				# delivered before created
o=$(first "$O11" '$18 == "signed" && $1 > "'"$o"'"')
edit "$O11" "$o" status in-transit
expect "$O11" "$o" delivered_at				# in transit, delivered
E11=c/order-events/2026-11.csv
echo "2026-11-21T23:00:00+08:00,O-20261121-0999,created,system," >>$E11
echo "c/order-events/2026-11.csv:$(wc -l <$E11): field 'id'" | sed 's|^c/||' >>"$W"
echo "2026-11-21T23:30:00+08:00,O-20261121-0001,review,system,again" >>$E11
echo "order-events/2026-11.csv:$(wc -l <$E11): field 'event'" >>"$W"
status 1 cs check
same "$(wc -l <out | tr -d ' ')" "$(wc -l <$W | tr -d ' ')"
while read -r w; do
	has "$w" out
done <$W

# ---- orders kept before their goods category: still read, and a new
# order with one begins a chunk of its own ----
sample old
export CS_DATA_DIR=old
for f in old/orders/*/*.csv; do
	sed 's/,[^,]*$//' "$f" >cut && cat cut >"$f"
done
ok cs check
ok cs-order list --month 2026-11 -o csv
same "$(($(wc -l <out) - 1))" "$(($(wc -l <old/orders/2026-11/O-20261101-0001.csv) - 1))"
ok cs-ticket add kind=return channel=phone agent=zhang6 customer="$teacust" \
    order="$tea" category=damage
CS_NOW="2026-11-22 11:00" ok cs-order add customer=C-000001 goods=茶叶 \
    category=food weight=1 length=10 width=10 height=10 origin=上海 \
    origin_region=华东 destination=北京 destination_region=华北 consignee=王五 \
    phone=13800138000
o=$(cat out)
# the return's pickup order (rules/returns.h) began the new chunk
pk=$(cat old/orders/2026-11/*.csv | grep ",pickup,T-" | cut -d, -f1)
[ -f "old/orders/2026-11/$pk.csv" ] || fail "no new chunk for $pk"
has "$o," "old/orders/2026-11/$pk.csv"
has ",food" "old/orders/2026-11/$pk.csv"
ok cs check
