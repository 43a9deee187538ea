# Calendars as they are (cs-policy(5) hours.csv, holidays.csv): hours per
# channel with a lunch break, a channel open 24/7, and a make-up working
# Saturday, as cs-ticket's clocks count them; a bad line of each new form
# refused (78) by the program and listed by cs check with its
# file:line:field, the data directory untouched.
. "$TOP/tests/cli/lib.sh"
cs init d >/dev/null || fail "init"
export CS_DATA_DIR=d
cs-staff add id=li.na name=李娜 team=华东一组 role=agent >/dev/null

# the default sla.csv: phone, online and visit inquiries resolved within
# 4 working hours, online answered within 2
{
	echo channel,weekday,open,close
	for w in mon tue wed thu fri; do echo "*,$w,09:00,18:00"; done
	echo "*,sat,10:00,16:00"
	for w in mon tue wed thu fri; do
		echo "phone,$w,09:00,12:00"
		echo "phone,$w,13:30,18:00"
	done
	for w in mon tue wed thu fri sat sun; do echo "online,$w,00:00,24:00"; done
} >d/policy/hours.csv
cat >d/policy/holidays.csv <<EOF
date,name,type
2026-10-01,国庆节 National Day,off
2026-11-28,调休 make-up day,workday
EOF
ok cs check

add() {	# add WHEN CHANNEL: the new ticket's id in $t
	CS_NOW="$1" ok cs-ticket add channel="$2" agent=li.na subject=x
	t=$(cat out)
	ok cs-ticket show "$t" -o json
}
# Monday 11:00: the phone's 4 hours stop for lunch (11-12, 13:30-16:30);
# a visit keeps the "*" hours, which have none
add "2026-11-23 11:00" phone
has '"due_at":"2026-11-23T16:30:00+08:00"' out
add "2026-11-23 11:00" visit
has '"due_at":"2026-11-23T15:00:00+08:00"' out
# online, 24/7: Friday 22:00 + 4h is Saturday 02:00; at 03:00 the first
# reply (2m) is 4h 58m late, where the "*" hours would still have 2m left
add "2026-11-27 22:00" online
has '"due_at":"2026-11-28T02:00:00+08:00"' out
CS_NOW="2026-11-28 03:00" ok cs-ticket show "$t" -o table
has "missed by 4h 58m" out
# Saturday 11-28 is worked on Monday's hours: the phone (closed on
# Saturdays) from 09:00, lunch and all: Fri 17:30-18, Sat 9-12, 13:30-14;
# a visit from 09:00, not 10:00: Fri 17-18, Sat 9-12
add "2026-11-27 17:30" phone
has '"due_at":"2026-11-28T14:00:00+08:00"' out
add "2026-11-27 17:00" visit
has '"due_at":"2026-11-28T12:00:00+08:00"' out
# and a Saturday not made up: the phone waits for Monday
add "2026-12-04 17:30" phone
has '"due_at":"2026-12-07T14:00:00+08:00"' out
# the clock stops while pending, on the channel's hours: online, pending
# Friday 21:30 to Saturday 01:30 is 4h (the "*" hours: none)
add "2026-12-04 21:00" online
CS_NOW="2026-12-04 21:30" ok cs-ticket pending "$t"
CS_NOW="2026-12-05 01:30" ok cs-ticket reply "$t"
ok cs-ticket show "$t" -o json
has '"paused":"14400"' out
has '"due_at":"2026-12-05T05:00:00+08:00"' out
# cs-kpi's timely count in December: online Saturday 22:00 answered
# 22:01 in time, Saturday 23:00 answered Sunday 10:00 11h late, the one
# above answered (pending) after 30m late, the phone call of 12-04 at its
# opening (a phone record is opened during the call): 2 of 4 (on the "*"
# hours, closed at those times, 4 of 4)
add "2026-12-05 22:00" online
CS_NOW="2026-12-05 22:01" ok cs-ticket reply "$t"
add "2026-12-05 23:00" online
CS_NOW="2026-12-06 10:00" ok cs-ticket reply "$t"
CS_NOW="2027-01-02 08:00" ok cs-kpi score --month 2026-12 -o csv
has "2026-12,agent,li.na,timely_rate,2,4,0.5000," out

# bad FILE FROM TO WANT: FILE with its first FROM made TO, refused by
# cs-ticket add and listed by cs check with WANT; then FILE back.
bad() {
	file=d/policy/$1 msg="policy/$1$4"
	cp "$file" saved
	awk -v f="$2" -v t="$3" '!done && (i = index($0, f)) {
	    $0 = substr($0, 1, i - 1) t substr($0, i + length(f)); done = 1 }
	    { print }' saved >"$file"
	cmp -s saved "$file" && fail "$file: '$2' not found"
	before=$(snapshot d)
	status 78 cs-ticket add channel=phone agent=li.na subject=x
	has "$msg" err
	status 1 cs check
	has "$msg" out
	same "$(snapshot d)" "$before"
	cp saved "$file"
}
bad hours.csv phone,mon,13:30 phone,mon,11:30 \
    ":9: field 'open': phone mon: overlaps 09:00-12:00 of line 8: '11:30-18:00'"
bad hours.csv phone,tue,13:30,18:00 phone,tue,13:30,12:00 \
    ":11: field 'close': not after the open time 13:30: '12:00'"
bad hours.csv online,sun wechat,sun \
    ":24: field 'channel': not a known channel (* phone online email visit letter): 'wechat'"
bad holidays.csv 2026-11-28 2026-11-26 \
    ":3: field 'type': a make-up working day on a Thursday, not a Saturday or Sunday: '2026-11-26'"
bad holidays.csv 2026-11-28 2026-11-31 \
    ":3: field 'date': not a date (YYYY-MM-DD): '2026-11-31'"
bad holidays.csv workday holiday \
    ":3: field 'type': not one of off/workday: 'holiday'"
ok cs check
