# cs-ticket import of a file with 20 bad rows of ten kinds among 10 good
# ones: the dry run lists all 20; the default stores nothing and says how
# many; --rejects stores the 10 and writes the 20 as they came, with a
# reason; fixed, the rejects file imports the rest; the store checks
. "$TOP/tests/cli/lib.sh"
cs init d >/dev/null || fail "init"
export CS_DATA_DIR=d CS_NOW="2026-11-22 12:00"
cs-staff add id=li.na name=李娜 team=华东一组 role=agent >/dev/null
cs-staff add id=tom name="Tom Baker" team=VIP role=agent >/dev/null
cs-customer add name=张三 type=end >/dev/null
cs-customer add name=张三 type=end >/dev/null
cs-customer add name="Blue Harbor" type=channel >/dev/null

# the ten kinds, twice each (the "Ticket ID" says which)
cat >bad.csv <<'Z'
Ticket ID,Created,AGENT,Requester,channel,Rating,Resolved,Reopens
G01,2026-11-18 09:00,tom,Blue Harbor,Email,5.0,2026-11-18 12:00,0
B01,2026-11-18 09:01,nobody,Blue Harbor,Email,5,2026-11-18 12:00,0
G02,2026-11-18 09:02,Tom Baker,C-000001,phone, 4 ,2026-11-18 12:00,1
B02,2026-11-18 09:03,tom,张三,phone,4,2026-11-18 12:00,0
B03,2026-11-18 09:04,tom,Blue Harbor,Fax,4,2026-11-18 12:00,0
B04,2026-11-18 09:05,tom,Blue Harbor,phone,"4,5",2026-11-18 12:00,0
G03,2026-11-18 09:06,李娜,Blue Harbor,ONLINE,3,2026-11-18 12:00,0
B05,2026-11-18 09:07,tom,Blue Harbor,phone,9,2026-11-18 12:00,0
B06,yesterday,tom,Blue Harbor,phone,4,2026-11-18 12:00,0
B07,,tom,Blue Harbor,phone,4,2026-11-18 12:00,0
G04,2026-11-18 09:10,li.na,C-000002,visit,,2026-11-18 12:00,
B08,2026-11-18 09:11,tom,Blue Harbor,phone,4,2026-11-17 08:00,0
B09,2026-11-18 09:12,tom,C-000099,phone,4,2026-11-18 12:00,0
B10,2026-11-18 09:13,tom,Blue Harbor,phone,4,2026-11-18 12:00,2.5
G05,2026-11-18 09:14,tom,Blue Harbor,email,1,2026-11-18 12:00,0
B11,2026-11-18 09:15,nobody,Blue Harbor,Email,5,2026-11-18 12:00,0
B12,2026-11-18 09:16,tom,张三,phone,4,2026-11-18 12:00,0
B13,2026-11-18 09:17,tom,Blue Harbor,Fax,4,2026-11-18 12:00,0
G06,2026-11-18 09:18,tom,Blue Harbor,Phone,2,2026-11-18 12:00,0
B14,2026-11-18 09:19,tom,Blue Harbor,phone,"4,5",2026-11-18 12:00,0
B15,2026-11-18 09:20,tom,Blue Harbor,phone,9,2026-11-18 12:00,0
B16,yesterday,tom,Blue Harbor,phone,4,2026-11-18 12:00,0
G07,2026-11-18 09:22,tom,Blue Harbor,phone,5,2026-11-18 12:00,0
B17,,tom,Blue Harbor,phone,4,2026-11-18 12:00,0
B18,2026-11-18 09:24,tom,Blue Harbor,phone,4,2026-11-17 08:00,0
G08,2026-11-18 09:25,tom,Blue Harbor,phone,5,2026-11-18 12:00,0
B19,2026-11-18 09:26,tom,C-000099,phone,4,2026-11-18 12:00,0
B20,2026-11-18 09:27,tom,Blue Harbor,phone,4,2026-11-18 12:00,2.5
G09,2026-11-18 09:28,tom,Blue Harbor,phone,5,2026-11-18 12:00,0
G10,2026-11-18 09:29,tom,Blue Harbor,phone,5,2026-11-18 12:00,0
Z
MAP="--map=Ticket ID=,Created=opened_at,Requester=customer"
MAP2="--map=Rating=satisfaction,Resolved=resolved_at"
before=$(snapshot d)

# the dry run: every bad row, file:line, field, value and reason
exits 65 cs-ticket import -n "$MAP" "$MAP2" bad.csv -o csv
same "$(grep -c '^cs-ticket: bad.csv:[0-9]*: ' err)" 20
has "bad.csv: 20 of 30 rows bad (listed above)" err
has "bad.csv:3: field 'agent': no one on the roster called 'nobody'; --create-missing adds them" err
has "bad.csv:5: field 'customer': more than one customer is called '张三': C-000001, C-000002 (give the id)" err
has "bad.csv:6: field 'channel': not one of phone (电话), online (在线), email (邮件), visit (来访): 'Fax'" err
has "bad.csv:7: field 'satisfaction': a decimal comma or a thousands separator (write 4.5 or 4500): '4,5'" err
has "bad.csv:9: field 'satisfaction': not one of 1 (非常不满意), 2 (不满意), 3 (一般), 4 (满意), 5 (非常满意): '9'" err
has "bad.csv:10: field 'opened_at': not a time: 'yesterday'" err
has "bad.csv:11: field 'opened_at' is required" err
has "bad.csv:15: field 'reopens': not a whole number, 0 or more: '2.5'" err
has "bad.csv:14: field 'customer': no customer 'C-000099'" err
grep -q "^cs-ticket: bad.csv:13: .*resolved" err || fail "line 13: $(grep bad.csv:13 err)"
# the plan holds the 10 good ones
same "$(grep -c ',add,T-' out)" 10
same "$(snapshot d)" "$before"

# all or nothing: the count, nothing stored
exits 65 cs-ticket import "$MAP" "$MAP2" bad.csv
has "bad.csv: 20 of 30 rows bad, nothing stored (--rejects FILE stores the others and writes these there)" err
same "$(snapshot d)" "$before"

# --rejects: the good ones stored, the bad ones as they came plus why
ln -s /tmp/nowhere link.csv
status 77 cs-ticket import "$MAP" "$MAP2" --rejects link.csv bad.csv
same "$(snapshot d)" "$before"
status 65 cs-ticket import "$MAP" "$MAP2" --rejects rej.csv bad.csv
has "bad.csv: 20 rows rejected to rej.csv, 10 stored" err
same "$(wc -l <out)" 10
same "$(head -1 rej.csv)" "Ticket ID,Created,AGENT,Requester,channel,Rating,Resolved,Reopens,reason"
same "$(tail -n +2 rej.csv | cut -c1-3 | tr '\n' ' ')" "B01 B02 B03 B04 B05 B06 B07 B08 B09 B10 B11 B12 B13 B14 B15 B16 B17 B18 B19 B20 "
has 'B04,2026-11-18 09:05,tom,Blue Harbor,phone,"4,5",2026-11-18 12:00,0,"field' rej.csv
ok cs-ticket list -o csv
same "$(grep -c '^T-' out)" 10
has "T-20261118-0001,inquiry,email,C-000003,tom" out
has "online,C-000003,li.na" out
ok cs check

# the rejects file, unfixed, rejects all again, with one reason column
status 65 cs-ticket import "$MAP" "$MAP2" --rejects rej3.csv rej.csv
has "rej.csv: 20 rows rejected to rej3.csv, 0 stored" err
same "$(cat rej3.csv)" "$(cat rej.csv)"

# fixed by hand, the rejects file imports the rest (its reason is no data)
sed -e 's/,nobody,/,tom,/' -e 's/,张三,/,C-000001,/' -e 's/,Fax,/,phone,/' \
    -e 's/,"4,5",/,4,/' -e 's/,9,/,5,/' -e 's/,yesterday,/,2026-11-18 10:00,/' \
    -e 's/^\(B[01]7\),,/\1,2026-11-18 10:00,/' -e 's/2026-11-17 08:00/2026-11-19 08:00/' \
    -e 's/C-000099/C-000003/' -e 's/,2\.5,/,1,/' rej.csv >fixed.csv
ok cs-ticket import "$MAP" "$MAP2" --rejects rej2.csv fixed.csv
same "$(wc -l <out)" 20
same "$(cat rej2.csv)" "Ticket ID,Created,AGENT,Requester,channel,Rating,Resolved,Reopens,reason"
ok cs-ticket list -o csv
same "$(grep -c '^T-' out)" 30
ok cs check

# a row with too few or too many fields is a bad row like any other: the
# dry run names it, the default stores nothing, --rejects writes it as it
# came with its reason and stores the rest
cat >ragged.csv <<'Z2'
opened_at,agent,customer,channel
2026-11-19 09:00,tom,C-000003,phone
2026-11-19 09:01,tom,C-000003
2026-11-19 09:02,tom,C-000003,phone
2026-11-19 09:03,tom,C-000003,phone,extra,"more, and more"
2026-11-19 09:04,tom,C-000003,email
Z2
before=$(snapshot d)
exits 65 cs-ticket import -n ragged.csv -o csv
has "ragged.csv:3: 3 fields, the header has 4" err
has "ragged.csv:5: 6 fields, the header has 4" err
has "ragged.csv: 2 of 5 rows bad (listed above)" err
same "$(grep -c ',add,T-' out)" 3
same "$(snapshot d)" "$before"
exits 65 cs-ticket import ragged.csv
has "ragged.csv: 2 of 5 rows bad, nothing stored" err
same "$(snapshot d)" "$before"
status 65 cs-ticket import --rejects rr.csv ragged.csv
has "ragged.csv: 2 rows rejected to rr.csv, 3 stored" err
same "$(cat rr.csv)" 'opened_at,agent,customer,channel,reason
2026-11-19 09:01,tom,C-000003,"3 fields, the header has 4"
2026-11-19 09:03,tom,C-000003,phone,extra,"more, and more","6 fields, the header has 4"'
# unfixed, the rejects file rejects the same rows again, the same way
status 65 cs-ticket import --rejects rr2.csv rr.csv
has "rr.csv: 2 rows rejected to rr2.csv, 0 stored" err
same "$(cat rr2.csv)" "$(cat rr.csv)"
# fixed, it imports
sed -e 's/C-000003,"3 fields/C-000003,phone,"3 fields/' \
    -e 's/phone,extra,"more, and more",/phone,/' rr.csv >rfixed.csv
ok cs-ticket import rfixed.csv
same "$(wc -l <out)" 2
ok cs check
