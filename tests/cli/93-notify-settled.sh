# cs notify reads only the months of the outbox that may have work: a past
# month whose messages are all sent, dead or in doubt is remembered in
# outbox/settled.csv with a digest of its chunks, and not read again until
# its chunks change (a --resend rewrites one; the resent message goes).
. "$TOP/tests/cli/lib.sh"
cs init d >/dev/null || fail "init"
export CS_DATA_DIR=d CS_NOW="2026-09-10 10:00"
cs-staff add id=li.na name=李娜 role=agent >/dev/null
cs-customer add name=张三 type=end email=zhang@example.com >/dev/null
mkdir stub
cat >stub/send <<STUB
#!/bin/sh
d=$PWD/stub
n=\$(ls "\$d" | grep -c '\\.msg\$')
cat >"\$d/\$((n + 1)).msg"
if [ -e "\$d/fail" ]; then rm -f "\$d/\$((n + 1)).msg"; exit 75; fi
exit 0
STUB
chmod +x stub/send
sent() { ls stub | grep -c '\.msg$'; }
printf 'setting,value\nsendmail,%s -t -i\nfrom,service@example.com\ndomain,test.example\nattempts,1\n' \
    "$PWD/stub/send" >d/policy/notify.csv
order() {	# a confirmed order: its message queued
	cs-order add customer=C-000001 goods=电视机 weight=12 length=120 \
	    width=80 height=20 origin=上海 origin_region=华东 destination=北京 \
	    destination_region=华北 consignee=王五 phone=13800138000 >o || fail "add"
	cs-order review "$(cat o)" >/dev/null && cs-order confirm "$(cat o)" >/dev/null ||
	    fail "confirm"
}
# September: one message sent, one dead (the sender refused, one attempt)
order
ok cs notify
same "$(sent)" 1
order
touch stub/fail
exits 1 cs notify
rm stub/fail
same "$(grep -c ',dead,' d/outbox/2026-09/*.csv)" 1
dead=$(grep ',dead,' d/outbox/2026-09/*.csv | cut -d, -f1)
# November: September is past and settled, October had nothing
export CS_NOW="2026-11-20 10:00"
order
ok cs notify
same "$(sent)" 2
same "$(cut -d, -f1 d/outbox/settled.csv)" "$(printf 'month\n2026-09')"
ok cs check
# the next run does not open September's chunks; November's it does
command -v strace >/dev/null || fail "strace is not installed (.ci/deps)"
order
ASAN_OPTIONS=detect_leaks=0 strace -f -qq -e trace=openat -o trace cs notify >/dev/null 2>&1 ||
    fail "notify under strace"
same "$(sent)" 3
lacks "outbox/2026-09/" trace
has "outbox/2026-11/" trace
# a person resends the dead one: its chunk rewritten, the month read
# again in the same run, the message sent
ok cs notify --resend "$dead"
same "$(sent)" 4
same "$(grep -c ',dead,' d/outbox/2026-09/*.csv)" 0
ok cs notify
same "$(sent)" 4
has "2026-09," d/outbox/settled.csv
# a September message queued again by hand (not through cs): the chunk
# changed, so the month is read and the message goes
sed -i 's/,sent,/,queued,/' d/outbox/2026-09/*.csv
ok cs notify
same "$(sent)" 6
# a damaged cache is said and made again; the runs stay right
printf 'month,chunks\n2026-9,xyz\n' >d/outbox/settled.csv
ok cs notify
has "outbox/settled.csv:2: not a month and its digest" err
same "$(sent)" 6
same "$(cut -d, -f1 d/outbox/settled.csv)" "$(printf 'month\n2026-09')"
ok cs check
ok cs verify
