# Imports at scale and map files: a map file's --create-missing line adds
# the agents and customers the file names, as the option does; a ticket
# import of many rows into an empty month and into a month that has
# chunks lays them out in chunks of about CS_CHUNK_BYTES, each named by
# its first id; a customer name that a thousand customers share is
# refused with their ids; the department passes cs check
. "$TOP/tests/cli/lib.sh"
cs init d >/dev/null || fail "init"
export CS_DATA_DIR=d CS_NOW="2026-11-22 12:00"
cs-staff add id=tom name="Tom Baker" team=VIP role=agent >/dev/null
cs-customer add name=Bolt type=channel >/dev/null

cat >desk.csv <<'Z'
Ticket ID,Created,Agent,Requester,Via
1,2026-11-18 09:00,Agent_1,Bolt,phone
2,2026-11-18 09:10,tom,New Co,email
Z
cat >desk.map <<'Z'
--map Ticket ID=
--map Created=opened_at
--map Agent=agent
--map Requester=customer
--map Via=channel
Z
# without it: refused, and the map file's other lines hold
before=$(snapshot d)
exits 65 cs-ticket import --map-file desk.map desk.csv
has "desk.csv:2: field 'agent': no one on the roster called 'Agent_1'; --create-missing adds them" err
same "$(snapshot d)" "$before"
# a line of the map file turns it on, with or without the --
cp desk.map on.map
echo "--create-missing" >>on.map
ok cs-ticket import -n --map-file on.map desk.csv -o csv
has "2,add-agent,agent_1," out
has "3,add-customer,,New Co" out
same "$(snapshot d)" "$before"
ok cs-ticket import --map-file on.map desk.csv
same "$(cat out | tr '\n' ' ')" "T-20261118-0001 T-20261118-0002 "
ok cs-staff list -o csv
has "agent_1,Agent_1" out
ok cs-ticket show T-20261118-0002 -o json
has '"customer":"C-000002","agent":"tom"' out
cp desk.map bare.map
echo "create-missing" >>bare.map
sed 's/Agent_1/Agent_2/; s/New Co/Other Co/' desk.csv >desk2.csv
ok cs-ticket import --map-file bare.map desk2.csv
ok cs-staff list -o csv
has "agent_2,Agent_2" out
# it takes no value
echo "--create-missing yes" >bad.map
status 78 cs-ticket import --map-file bad.map desk.csv
has "bad.map:1:" err

# many rows: chunks of about CS_CHUNK_BYTES, named by their first ids
awk 'BEGIN { print "opened_at,channel,agent,subject";
    for (i = 0; i < 600; i++)
	printf "2026-11-%02d %02d:%02d,phone,tom,row %d\n", 2 + i % 10,
	    8 + i % 9, i % 60, i }' >many.csv
export CS_CHUNK_BYTES=4000
ok cs-ticket import many.csv
same "$(wc -l <out | tr -d ' ')" 600
chunks=$(ls d/tickets/2026-11 | wc -l)
[ "$chunks" -ge 20 ] || fail "600 tickets in $chunks chunks"
for f in d/tickets/2026-11/*.csv; do
	size=$(wc -c <"$f")
	# one record past the size at most
	[ "$size" -lt 4600 ] || fail "$f: $size bytes"
	first=$(sed -n 2p "$f" | cut -d, -f1)
	same "$(basename "$f" .csv)" "$first"
done
same "$(cat d/tickets/2026-11/*.csv | grep -c '^T-')" 604
# into the month's chunks: past days go between, each chunk split
awk 'BEGIN { print "opened_at,channel,agent,subject";
    for (i = 0; i < 300; i++)
	printf "2026-11-%02d 20:%02d,email,tom,late %d\n", 2 + i % 10, i % 60, i }' >more.csv
ok cs-ticket import more.csv
same "$(cat d/tickets/2026-11/*.csv | grep -c '^T-')" 904
for f in d/tickets/2026-11/*.csv; do
	size=$(wc -c <"$f")
	[ "$size" -lt 4600 ] || fail "$f: $size bytes"
	same "$(basename "$f" .csv)" "$(sed -n 2p "$f" | cut -d, -f1)"
done
# in id order across the chunks, each once
cat d/tickets/2026-11/*.csv | grep '^T-' | cut -d, -f1 >ids
same "$(sort -u ids | wc -l | tr -d ' ')" 904
sort ids | cmp -s - ids || fail "ids out of order across chunks"
ok cs-ticket show "$(sed -n 450p ids)"
ok cs check
unset CS_CHUNK_BYTES

# a name a thousand customers share: refused with the first ten ids and
# how many more, at once
awk 'BEGIN { print "name,type"; for (i = 0; i < 1000; i++) print "Same,end" }' >same.csv
ok cs-customer import same.csv
printf 'opened_at,channel,agent,customer\n2026-11-19 09:00,phone,tom,Same\n' >amb.csv
exits 65 cs-ticket import amb.csv
has "amb.csv:2: field 'customer': 1000 customers are called 'Same': C-000004, C-000005, C-000006, C-000007, C-000008, C-000009, C-000010, C-000011, C-000012, C-000013 and 990 more (give the id)" err
# two: both ids
printf 'name,type\nTwin,end\nTwin,end\n' >twin.csv
ok cs-customer import twin.csv
printf 'opened_at,channel,agent,customer\n2026-11-19 09:00,phone,tom,Twin\n' >amb2.csv
exits 65 cs-ticket import amb2.csv
has "field 'customer': more than one customer is called 'Twin': C-001004, C-001005 (give the id)" err
ok cs check

# customers by id: one of the store, one not, one another spelling of it
printf 'opened_at,channel,agent,customer\n2026-11-19 10:00,phone,tom,C-000002\n2026-11-19 10:05,phone,tom,C-001006\n2026-11-19 10:10,phone,tom,C-0000002\n' >ids.csv
exits 65 cs-ticket import -n ids.csv
has "ids.csv:3: field 'customer': no customer 'C-001006'" err
has "ids.csv:4: field 'customer': no customer 'C-0000002'" err
lacks "ids.csv:2:" err
