# cs notify: an order's and a complaint's messages queued in their
# events' commits, sent once through a stub sendmail and SMS command and
# through msmtp to a real SMTP server on 127.0.0.1; templates by
# language, failures retried with back-off and given up, a send cut short
# by kill -9 put in doubt and never sent again unless asked, callbacks
# due told to the agent, masks in what it prints, bad policy refused
# cs-test: long
. "$TOP/tests/cli/lib.sh"
PY="python3 $TOP/tests/cli/67-notify.py"
cs init d >/dev/null || fail "init"
export CS_DATA_DIR=d CS_NOW="2026-11-20 15:00"
cs-staff add id=li.na name=李娜 team=East role=agent department=warehouse >/dev/null
cs-customer add name=张三 type=end email=zhang@example.com phone=13800138000 >/dev/null
cs-customer add name=Bob type=end phone=13900139000 language=en >/dev/null
cs-customer add name=王五 type=end >/dev/null

# the stub sender: each message it takes in stub/N.msg (its arguments, the
# Message-ID it was given, what it read); stub/fail makes it fail with
# that status (keeping nothing), stub/kill makes it kill -9 its caller
# once it has the message, stub/hang makes it hang once it has it
mkdir stub
cat >stub/send <<STUB
#!/bin/sh
d=$PWD/stub
n=\$(ls "\$d" | grep -c '\\.msg\$')
f="\$d/\$((n + 1)).msg"
if [ -e "\$d/deaf" ]; then	# reads nothing, and leaves a child behind
	rm -f "\$d/deaf"
	sleep 30 &
	echo \$! >"\$d/child"
	wait
	exit 0
fi
{ echo "ARGS: \$*"; echo "ID: \$CS_MESSAGE_ID"; cat; } >"\$f"
if [ -e "\$d/fail" ]; then
	rm -f "\$f"
	echo "stub: refused \$CS_TO" >&2
	exit \$(cat "\$d/fail")
fi
if [ -e "\$d/kill" ]; then rm -f "\$d/kill"; kill -9 \$PPID; fi
if [ -e "\$d/hang" ]; then rm -f "\$d/hang"; exec sleep 30; fi
exit 0
STUB
chmod +x stub/send
sent() { ls stub | grep -c '\.msg$'; }
policy() {
	cat >d/policy/notify.csv <<POL
setting,value
sendmail,$PWD/stub/send -t -i
sms,$PWD/stub/send --sms
phone_channel,sms
from,service@example.com
domain,test.example
language,zh
agent_domain,agents.example
attempts,${1:-5}
retry,10m
retry_max,1h
satisfaction_after,1h
timeout,${2:-5m}
POL
}
policy
ok cs check
outbox() { cat d/outbox/*/*.csv 2>/dev/null | grep -v '^id,'; }
field() { $PY field d "$1" "$2"; }	# field ID COLUMN: a message's

# ---- bad policy: 78 with file:line:field, nothing stored ----
ok cs-order add customer=C-000001 goods=电视机 weight=12 length=120 width=80 \
    height=20 origin=上海 origin_region=华东 destination=北京 \
    destination_region=华北 consignee=王五 phone=13800138000
o1=$(cat out)
ok cs-order review "$o1"
cp d/policy/notify.csv good.csv
sed -i 's/^attempts,.*/attempts,many/' d/policy/notify.csv
before=$(snapshot d)
status 78 cs-order confirm "$o1"
has "policy/notify.csv:9: field 'value': attempts: not a whole number from 1 to 100: 'many'" err
same "$(snapshot d)" "$before"
exits 1 cs check
has "policy/notify.csv:9: field 'value'" out
sed -i 's/^attempts,.*/attempts,3/; s/^retry_max,.*/retry_max,1m/' d/policy/notify.csv
status 78 cs notify
has "policy/notify.csv:11: field 'value': retry_max is below retry" err
printf 'setting,value\nsendmail,/bin/true\nloudness,11\n' >d/policy/notify.csv
status 78 cs notify --dry-run
has "policy/notify.csv:3: field 'setting': not a setting of notify.csv (see cs-policy(5)): 'loudness'" err
cp good.csv d/policy/notify.csv
T=d/policy/messages/order-confirmed.zh.txt
cp $T good.txt
printf 'Subject: 订单 {id}\n\n{customer.name}：{nosuch} 已确认\n' >$T
before=$(snapshot d)
status 78 cs-order confirm "$o1"
has "policy/messages/order-confirmed.zh.txt:3: field 'nosuch': no such field" err
same "$(snapshot d)" "$before"
exits 1 cs check
has "policy/messages/order-confirmed.zh.txt:3: field 'nosuch'" out
printf 'Subjekt: x\n\nbody\n' >$T
status 78 cs-order confirm "$o1"
has "order-confirmed.zh.txt:1: field 'Subject'" err
printf 'Subject: {id\n\nbody\n' >$T
status 78 cs-order confirm "$o1"
has "order-confirmed.zh.txt:1: a '{' without" err
cp good.txt $T
echo x >d/policy/messages/notes.txt
exits 1 cs check
has "policy/messages/notes.txt: not a template name" out
rm d/policy/messages/notes.txt
# another module's kind of event: any field, only the braces checked
printf 'Subject: 维修 {id}\n\n{step} {{ok}}\n' >d/policy/messages/repair-received.zh.txt
ok cs check
same "$(outbox)" ""

# ---- a whole order: each event's message in the event's commit ----
ok cs-order confirm "$o1"
same "$(outbox | wc -l)" 1
same "$(field M-20261120-0001 event),$(field M-20261120-0001 status)" "order-confirmed,queued"
same "$(field M-20261120-0001 record),$(field M-20261120-0001 channel)" "$o1,email"
CS_NOW="2026-11-20 16:00" ok cs-order prepare "$o1"
CS_NOW="2026-11-20 16:10" ok cs-order pack "$o1"
same "$(outbox | wc -l)" 1
CS_NOW="2026-11-20 17:00" ok cs-order dispatch "$o1" vehicle=沪A12345 driver=赵师傅
CS_NOW="2026-11-21 09:00" ok cs-order event "$o1" picked-up
CS_NOW="2026-11-22 09:00" ok cs-order exception "$o1" delay note=大雪 \
    estimated_at="2026-11-25 12:00"
CS_NOW="2026-11-24 09:00" ok cs-order event "$o1" in-transit
CS_NOW="2026-11-25 08:00" ok cs-order event "$o1" out-for-delivery
CS_NOW="2026-11-25 11:00" ok cs-order event "$o1" delivered
same "$(outbox | cut -d, -f3 | tr '\n' ' ')" \
    "order-confirmed order-dispatched order-delayed order-delivered "
# the dry run lists them, masked, and changes nothing
before=$(snapshot d)
CS_NOW="2026-11-25 11:00" ok cs notify --dry-run -o csv
same "$(snapshot d)" "$before"
same "$(grep -c ',send$' out)" 4
has "M-20261120-0002,order-dispatched,$o1,email,z***@example.com,您的订单 $o1 已发车," out
lacks zhang@ out
same "$(sent)" 0
# sent, each once
CS_NOW="2026-11-25 11:00" ok cs notify
same "$(sent)" 4
CS_NOW="2026-11-25 11:05" ok cs notify
same "$(sent)" 4
$PY show stub/1.msg stub/2.msg stub/3.msg stub/4.msg >mails || fail "show"
has "<M-20261120-0001@test.example>|zhang@example.com|您的订单 $o1 已确认|张三，您好：" mails
has "预计 2026-11-23 23:59 前送达" mails
has "车辆 沪A12345，司机 赵师傅" mails
has "新的预计送达时间为 2026-11-25 12:00" mails
has "已于 2026-11-25 11:00 送达" mails
has "ARGS: -t -i" stub/1.msg
has "ID: <M-20261120-0001@test.example>" stub/1.msg
has "From: service@example.com" stub/1.msg
same "$(field M-20261125-0001 status),$(field M-20261125-0001 attempts)" "sent,1"
same "$(field M-20261125-0001 sent_at)" "2026-11-25T11:00:00+08:00"
has ",cs,notify,M-20261125-0001,status,sending,sent," d/journal/2026-11.csv
ok cs check

# ---- the customer's language, by SMS; one with no address ----
export CS_NOW="2026-11-26 10:00"
ORDER="goods=书 weight=1 length=10 width=10 height=10 origin=上海
    origin_region=华东 destination=北京 destination_region=华北 consignee=Bob
    phone=13900139000"
ok cs-order add customer=C-000002 $ORDER
o2=$(cat out)
ok cs-order review "$o2"
ok cs-order confirm "$o2"
ok cs-order add customer=C-000003 $ORDER
o3=$(cat out)
ok cs-order review "$o3"
ok cs-order confirm "$o3"
m2=M-20261126-0001 m3=M-20261126-0002
same "$(field $m2 channel),$(field $m2 language),$(field $m3 channel)" "sms,en,none"
# the dry run says which will go and which can never go
ok cs notify --dry-run -o csv
has "$m2,order-confirmed,$o2,sms," out
grep -q "^$m2,.*,send\$" out || fail "$m2 not to be sent: $(cat out)"
grep -q "^$m3,.*,dead\$" out || fail "$m3 not said dead: $(cat out)"
exits 1 cs notify
has "$m3: order-confirmed to -: cannot be sent: the customer has no email or phone" err
same "$(sent)" 5
has "ARGS: --sms 13900139000" stub/5.msg
has "Dear Bob," stub/5.msg
has "your order $o2 (书) is confirmed" stub/5.msg
same "$(field $m3 status)" dead
ok cs notify
same "$(wc -c <err)" 0

# ---- a failure retried with back-off, then given up ----
echo 75 >stub/fail
ok cs-order add customer=C-000001 $ORDER
o4=$(cat out)
ok cs-order review "$o4"
ok cs-order confirm "$o4"
m4=M-20261126-0003
exits 1 cs notify
has "$m4: order-confirmed to z***@example.com: failed (attempt 1 of 5), tried again from 2026-11-26T10:10:00+08:00: $PWD/stub/send exited 75: stub: refused z***@example.com" err
lacks zhang@ err
same "$(field $m4 status),$(field $m4 attempts),$(field $m4 due_at)" \
    "failed,1,2026-11-26T10:10:00+08:00"
same "$(field $m4 error)" "$PWD/stub/send exited 75: stub: refused z***@example.com"
# not due yet: not tried
CS_NOW="2026-11-26 10:09" ok cs notify
same "$(field $m4 attempts)" 1
CS_NOW="2026-11-26 10:10" exits 1 cs notify
has "failed (attempt 2 of 5), tried again from 2026-11-26T10:30:00+08:00" err
CS_NOW="2026-11-26 10:30" exits 1 cs notify
has "failed (attempt 3 of 5), tried again from 2026-11-26T11:10:00+08:00" err
CS_NOW="2026-11-26 11:10" exits 1 cs notify
has "(attempt 4 of 5), tried again from 2026-11-26T12:10:00+08:00" err
rm stub/fail
CS_NOW="2026-11-26 12:10" ok cs notify
same "$(field $m4 status),$(field $m4 attempts)" "sent,5"
same "$(sent)" 6
# given up after the attempts the policy allows
policy 2
echo 1 >stub/fail
export CS_NOW="2026-11-27 10:00"
ok cs-order add customer=C-000001 $ORDER
o5=$(cat out)
ok cs-order review "$o5"
ok cs-order confirm "$o5"
m5=$(outbox | tail -n 1 | cut -d, -f1)
exits 1 cs notify
CS_NOW="2026-11-27 10:10" exits 1 cs notify
has "$m5: order-confirmed to z***@example.com: failed 2 times, given up: $PWD/stub/send exited 1" err
same "$(field $m5 status)" dead
rm stub/fail
CS_NOW="2026-11-27 12:00" ok cs notify
same "$(sent)" 6

# ---- kill -9 between the send and its mark: in doubt, never resent ----
policy
export CS_NOW="2026-11-28 10:00"
ok cs-order add customer=C-000001 $ORDER
o6=$(cat out)
ok cs-order review "$o6"
ok cs-order confirm "$o6"
m6=$(outbox | tail -n 1 | cut -d, -f1)
touch stub/kill
exits 137 cs notify
same "$(sent)" 7
same "$(field $m6 status)" sending
exits 1 cs notify
has "$m6: its sending was cut short (the sender died): it may have gone, so it is not sent again; cs notify --resend $m6 sends it" err
same "$(field $m6 status)" doubt
same "$(sent)" 7
ok cs notify
same "$(sent)" 7
ok cs check
# a person decides: sent again, with the same Message-ID
status 65 cs notify --resend "$m4"
has "$m4 is sent: it cannot be sent again (only a message in doubt or dead can)" err
ok cs notify --resend "$m6"
same "$(sent)" 8
same "$(sed -n 2p stub/7.msg)" "$(sed -n 2p stub/8.msg)"
same "$(field $m6 status)" sent
# a sender that does not answer in the timeout is killed: in doubt too
policy 5 1s
ok cs-order add customer=C-000001 $ORDER
o8=$(cat out)
ok cs-order review "$o8"
ok cs-order confirm "$o8"
m8=$(outbox | tail -n 1 | cut -d, -f1)
touch stub/hang
exits 1 cs notify
has "$m8: order-confirmed to z***@example.com: $PWD/stub/send gave no answer in 1s: killed; it may have gone, so it is not sent again; cs notify --resend $m8 sends it" err
same "$(field $m8 status),$(sent)" "doubt,9"
ok cs notify
same "$(sent)" 9
# a sender that reads nothing of a message longer than a pipe holds (the
# body in base64 over 64 KiB) and leaves a child behind: killed at the
# timeout all the same, its child with it (the child could still send)
cp d/policy/messages/order-confirmed.zh.txt big.keep
python3 -c 'print("订单说明" * 5000)' >>d/policy/messages/order-confirmed.zh.txt
ok cs-order add customer=C-000001 $ORDER
o9=$(cat out)
ok cs-order review "$o9"
ok cs-order confirm "$o9"
m9=$(outbox | tail -n 1 | cut -d, -f1)
touch stub/deaf
exits 1 timeout 30 cs notify
has "$m9: order-confirmed to z***@example.com: $PWD/stub/send gave no answer in 1s: killed" err
child=$(cat stub/child)
i=0	# gone (or a zombie not yet reaped) within 2 s, not 30
while kill -0 "$child" 2>/dev/null &&
    [ "$(ps -o stat= -p "$child" | cut -c1)" != Z ] && [ $i -lt 40 ]; do
	sleep 0.05
	i=$((i + 1))
done
[ $i -lt 40 ] || fail "the sender's child $child outlived the timeout"
same "$(field $m9 status)" doubt
cp big.keep d/policy/messages/order-confirmed.zh.txt
policy
# one run at a time
flock d/.notify.lock sleep 3 &
sleep 1
status 75 cs notify
has "another cs notify is sending" err
wait

# ---- a complaint: answered, resolved, and the satisfaction asked later ----
export CS_NOW="2026-11-29 10:00"
ok cs-complain add channel=phone content="包裹延误三天" nature=delay \
    handler=li.na customer=C-000001 received_at="2026-11-29 09:55"
k1=$(cat out)
ok cs-complain forward "$k1"
CS_NOW="2026-11-29 11:00" ok cs-complain respond "$k1" answer="司机生病，已换车"
CS_NOW="2026-11-29 12:00" ok cs-complain resolve "$k1" resolution="运费全免"
same "$(outbox | grep "$k1" | cut -d, -f3 | tr '\n' ' ')" \
    "complaint-answered complaint-resolved complaint-satisfaction "
CS_NOW="2026-11-29 12:00" ok cs notify
same "$(sent)" 11
$PY show stub/10.msg stub/11.msg >mails || fail "show"
has "关于您的投诉 $k1 的答复|张三，您好：\n\n关于您的投诉 $k1，答复如下：\n司机生病，已换车" mails
has "您的投诉 $k1 已处理" mails
CS_NOW="2026-11-29 12:59" ok cs notify
same "$(sent)" 11
CS_NOW="2026-11-29 13:00" ok cs notify
same "$(sent)" 12
$PY show stub/12.msg >mails || fail "show"
has "您对投诉 $k1 的处理满意吗？|张三，您好：\n\n您对投诉 $k1 的处理结果是否满意？请回复“满意”或“不满意”。" mails

# ---- a promised callback due: told to the agent, once ----
export CS_NOW="2026-11-30 10:00"
ok cs-ticket add kind=inquiry channel=phone customer=C-000001 agent=li.na \
    subject="运费发票"
t1=$(cat out)
ok cs-ticket promise "$t1" "2026-11-30 15:00"
CS_NOW="2026-11-30 14:59" ok cs notify
same "$(sent)" 12
CS_NOW="2026-11-30 15:00" ok cs notify
same "$(sent)" 13
has "To: li.na@agents.example" stub/13.msg
$PY show stub/13.msg >mails
has "回复到期：$t1|li.na：\n\n您承诺在 2026-11-30 15:00 前回复 $t1（运费发票），现已到期。" mails
CS_NOW="2026-11-30 16:00" ok cs notify
same "$(sent)" 13
same "$(outbox | grep -c "callback-due $t1")" 1

# ---- the real mail path: msmtp to an SMTP server on 127.0.0.1 ----
if ! command -v msmtp >/dev/null; then
	echo "skip: the real mail path: no msmtp (sh .ci/deps installs it)"
	exit 0
fi
mkdir smtp
$PY smtp smtp &
server=$!
trap 'kill $server 2>/dev/null' EXIT
i=0
while [ ! -e smtp/port ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
port=$(cat smtp/port) || fail "no SMTP server"
: >msmtprc
chmod 600 msmtprc
sed -i "s|^sendmail,.*|sendmail,$(command -v msmtp) -C $PWD/msmtprc --host=127.0.0.1 --port=$port --auth=off --tls=off --from=service@example.com -t|" \
    d/policy/notify.csv
export CS_NOW="2026-12-01 09:00"
ok cs-order add customer=C-000001 $ORDER
o7=$(cat out)
ok cs-order review "$o7"
ok cs-order confirm "$o7"
CS_NOW="2026-12-01 10:00" ok cs-order prepare "$o7"
CS_NOW="2026-12-01 10:10" ok cs-order pack "$o7"
CS_NOW="2026-12-01 11:00" ok cs-order dispatch "$o7" vehicle=沪B54321 driver=钱师傅
CS_NOW="2026-12-01 11:30" ok cs notify
CS_NOW="2026-12-02 08:00" ok cs-order exception "$o7" delay estimated_at="2026-12-03 18:00"
CS_NOW="2026-12-03 09:00" ok cs-order event "$o7" picked-up
CS_NOW="2026-12-03 10:00" ok cs-order event "$o7" out-for-delivery
CS_NOW="2026-12-03 17:00" ok cs-order event "$o7" delivered
CS_NOW="2026-12-03 17:05" ok cs notify
CS_NOW="2026-12-03 17:10" ok cs notify
same "$(ls smtp | grep -c '\.eml$')" 4
$PY show smtp/*.eml >mails || fail "show"
same "$(cut -d'|' -f1 mails | sort -u | wc -l)" 4
has "|zhang@example.com|您的订单 $o7 已确认|" mails
has "|您的订单 $o7 已发车|张三，您好：\n\n您的订单 $o7 已发车，车辆 沪B54321，司机 钱师傅。" mails
has "新的预计送达时间为 2026-12-03 18:00" mails
has "|您的订单 $o7 已送达|" mails
for m in $(outbox | grep ",$o7," | cut -d, -f1); do
	same "$(field "$m" status)" sent
	grep -q "^<$m@test.example>|" mails || fail "$m did not arrive"
done
same "$(sent)" 13
ok cs check

# ---- cs check holds a message to its states ----
f=$(ls d/outbox/2026-12/*.csv | head -n 1)
sed -i '2s/,sent,\(.*\),2026-12-01T11:30:00+08:00,\([^,]*\)$/,sent,\1,,\2/' "$f"
exits 1 cs check
has "${f#d/}:2: field 'sent_at': a sent message has one; it is empty" out
