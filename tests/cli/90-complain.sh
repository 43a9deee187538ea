# cs-complain: every step and every refused one, the loop until the
# customer is satisfied, the close gate and its override, escalation and
# record deadlines, the monthly report against hand-worked numbers
. "$TOP/tests/cli/lib.sh"
cs init d >/dev/null || fail "init"
export CS_DATA_DIR=d CS_CHUNK_BYTES=2000
cs-staff add id=li.na name=李娜 team=East role=agent >/dev/null
cs-staff add id=tom name=Tom team=West role=agent >/dev/null
cs-customer add name=张三 type=end >/dev/null
# policy: recorded within 10m; department answer 48h (normal), 24h
# (major); a major one escalated within 2h; all on the calendar clock

export CS_NOW="2026-11-02 10:00"
ok cs-complain add channel=phone content="包裹延误三天" nature=delay \
    handler=li.na customer=C-000001 received_at="2026-11-02 09:55"
k1=$(cat out)
same "$k1" K-20261102-0001
ok cs-complain show "$k1" -o csv
has ",2026-11-02T09:55:00+08:00,2026-11-02T10:00:00+08:00,tester,C-000001,,,phone,包裹延误三天,,delay,normal,transport,li.na,East," out
has ",open," out
has "recorded,tester,\"received 2026-11-02T09:55:00+08:00, recorded 5m later\"" d/complaint-events/2026-11.csv

# the lifecycle
CS_NOW="2026-11-02 10:30" ok cs-complain forward "$k1"
ok cs-complain show "$k1" -o csv
has ",transport,li.na,East,2026-11-04T10:30:00+08:00," out
has ",forwarded," out
CS_NOW="2026-11-03 09:00" ok cs-complain respond "$k1" answer="司机生病"
CS_NOW="2026-11-03 11:00" ok cs-complain resolve "$k1" resolution="运费全免"
CS_NOW="2026-11-03 12:00" ok cs-complain feedback "$k1" unsatisfied
ok cs-complain show "$k1" -o csv
has ",unsatisfied,1,,,open," out
# round again
CS_NOW="2026-11-03 12:10" ok cs-complain forward "$k1" department=customer-service
CS_NOW="2026-11-04 09:00" ok cs-complain respond "$k1" answer="补偿优惠券"
CS_NOW="2026-11-04 10:00" ok cs-complain resolve "$k1" resolution="运费全免+优惠券"
CS_NOW="2026-11-04 11:00" ok cs-complain feedback "$k1" satisfied
CS_NOW="2026-11-06 15:00" ok cs-complain visit "$k1" result="满意, 继续合作"
CS_NOW="2026-11-06 15:05" ok cs-complain close "$k1"
ok cs-complain show "$k1" -o csv
has ",satisfied,1,2026-11-06T15:00:00+08:00,\"满意, 继续合作\",closed,2026-11-06T15:05:00+08:00" out
ok cs-complain show "$k1" --history -o csv
same "$(($(wc -l <out) - 1))" 11
has ",$k1,unsatisfied,tester,unsatisfied" out
has ",$k1,forward,tester,\"to customer-service, answer by 2026-11-05T12:10:00+08:00\"" out
# the history is found through the events' index (cs-store(5)), a line
# an event, written with it; a wrong one is noticed by show and cs check
idx=d/complaint-events/index/2026-11/K-20261102-0xxx.csv
same "$(head -n 1 $idx)" "id,offset"
same "$(grep -c "^$k1," $idx)" "$(grep -c ",$k1," d/complaint-events/2026-11.csv)"
off=$(grep "^$k1," $idx | tail -n 1 | cut -d, -f2)
cp $idx good
sed -i "s/^$k1,$off\$/$k1,$((off + 1))/" $idx
status 65 cs-complain show "$k1" --history
has "is not the start of a line" err
exits 1 cs check
has "${idx#d/}" out
cp good $idx
ok cs check

# refused steps: the reason, exit 65, nothing written
CS_NOW="2026-11-02 11:00" ok cs-complain add channel=online content="客服态度差" \
    nature=attitude severity=major handler=tom received_at="2026-11-02 10:20"
k2=$(cat out)
before=$(snapshot d)
status 65 cs-complain respond "$k2" answer=x
has "respond $k2: the complaint is open; forward it to the department first" err
status 65 cs-complain resolve "$k2" resolution=x
status 65 cs-complain feedback "$k2" satisfied
status 65 cs-complain visit "$k2" result=x
status 65 cs-complain close "$k2"
has "the customer is not satisfied: close --override REASON" err
status 65 cs-complain forward "$k1"
has "forward $k1: the complaint is closed" err
status 65 cs-complain escalate "$k1" to=boss
status 65 cs-complain close "$k1"
status 64 cs-complain close --override "" "$k2"
status 64 cs-complain feedback "$k2" happy
status 64 cs-complain forward "$k2" colour=red
status 64 cs-complain escalate "$k2"
same "$(snapshot d)" "$before"

# escalation: a major complaint within 2 hours of receipt (10:20 -> 12:20)
CS_NOW="2026-11-02 12:00" ok cs-complain forward "$k2"
CS_NOW="2026-11-02 12:10" status 1 cs-complain overdue
CS_NOW="2026-11-02 12:30" ok cs-complain overdue -o csv
has "$k2" out
has "not escalated, 10m late" out
lacks "$k1" out
CS_NOW="2026-11-02 12:40" ok cs-complain escalate "$k2" to=市场总监
status 65 cs-complain escalate "$k2" to=again
has "escalated already, to 市场总监 at 2026-11-02T12:40:00+08:00" err
CS_NOW="2026-11-02 12:50" status 1 cs-complain overdue
# the department answer: 24 h for a major one, from forwarding
CS_NOW="2026-11-03 12:30" ok cs-complain overdue -o csv
has "department answer 30m late" out
# the close gate's override, journaled with its reason
CS_NOW="2026-11-04 09:00" ok cs-complain close --override "customer cannot be reached" "$k2"
has " as tester,cs-complain,close,$k2,override,forwarded,customer cannot be reached" d/journal/2026-11.csv
has ",$k2,close,tester,override: customer cannot be reached" d/complaint-events/2026-11.csv

# the 10-minute rule from received_at; a late recording left open is overdue
CS_NOW="2026-11-05 10:00" ok cs-complain add channel=email content="发票错误" \
    nature=billing handler=li.na received_at="2026-11-05 09:30"
k3=$(cat out)
has "$k3,recorded,tester,\"received 2026-11-05T09:30:00+08:00, recorded 30m later (late)\"" d/complaint-events/2026-11.csv
CS_NOW="2026-11-05 10:05" ok cs-complain overdue -o csv
has "$k3" out
has "recorded 30m after receipt" out
CS_NOW="2026-11-05 10:10" ok cs-complain forward "$k3"
CS_NOW="2026-11-06 10:00" ok cs-complain respond "$k3" answer=重开发票
CS_NOW="2026-11-06 11:00" ok cs-complain resolve "$k3" resolution=已重开
CS_NOW="2026-11-06 12:00" ok cs-complain feedback "$k3" satisfied
CS_NOW="2026-11-06 13:00" ok cs-complain close "$k3"

# the month's report, worked out by hand:
# 3 complaints: attitude/customer-service, billing/finance and delay,
#   now with customer-service (forwarded there the second time): Pareto
#   1 each, by name; 33.3 66.7 100
# recorded in time: k1 (5m), k2 (40m, late), k3 (30m, late): 1 of 3
# answered on time: k1 (second round: 11-04 09:00 by 11-05 12:10), k3
#   (11-06 10:00 by 11-07 10:10): 2 of 2 (k2 never answered)
# satisfied: k1, k3 of the 2 with feedback; reopened: k1, 1 of 3
# hours to close: k1 09:55 -> 11-06 15:05 = 101.2; k2 10:20 -> 11-04
#   09:00 = 46.7; k3 09:30 -> 11-06 13:00 = 27.5: mean 58.4, p90 101.2
ok cs-complain report --month 2026-11 -o csv
cat >want <<'W'
section,name,complaints,recorded_in_time,answered_on_time,satisfied,reopened,mean_hours_to_close,p90_hours_to_close,cumulative_share
nature,attitude / customer-service,1,,,,,,,33.3%
nature,billing / finance,1,,,,,,,66.7%
nature,delay / customer-service,1,,,,,,,100.0%
all,all,3,33.3%,100.0%,100.0%,33.3%,58.4,101.2,
handler,li.na,2,50.0%,100.0%,100.0%,50.0%,64.3,101.2,
handler,tom,1,0.0%,no data,no data,0.0%,46.7,46.7,
team,East,2,50.0%,100.0%,100.0%,50.0%,64.3,101.2,
team,West,1,0.0%,no data,no data,0.0%,46.7,46.7,
W
diff want out >/dev/null || fail "report: $(diff want out)"
CS_NOW="2026-12-02 09:00" ok cs-complain report -o csv
same "$(sed -n 5p out | cut -d, -f1-3)" "all,all,3"
status 1 cs-complain report --month 2026-10
ok cs-complain list --handler li.na --status closed -o csv
same "$(tail -n +2 out | cut -d, -f1 | tr '\n' ' ')" "$k1 $k3 "
ok cs check

# bad input (by an agent on the roster: the default handler)
export CS_USER=li.na
before=$(snapshot d)
status 64 cs-complain add channel=phone nature=delay
has "field 'content' is required" err
status 65 cs-complain add channel=phone content=x nature=weather
has "field 'nature': 'weather' is not in policy/complaint-natures.csv" err
status 65 cs-complain add channel=fax content=x nature=delay
status 65 cs-complain add channel=phone content=x nature=delay severity=huge
status 65 cs-complain add channel=phone content=x nature=delay handler=nobody
has "field 'handler': no one called 'nobody' on the roster" err
status 65 cs-complain add channel=phone content=x nature=delay customer=C-000099
status 65 cs-complain add channel=phone content=x nature=delay received_at=2026-02-30
status 65 cs-complain add channel=phone content=x nature=delay received_at="2026-12-31 10:00"
has "field 'received_at': after now" err
status 64 cs-complain add channel=phone content=x nature=delay status=closed
status 65 cs-complain forward K-20261102-0099
status 64 cs-complain forward ../x
status 1 cs-complain show K-20261102-0099
same "$(snapshot d)" "$before"
