# Every policy is read by one reader (lib/rules/policy.c, cs-policy(5)):
# each bad line below, put into a copy of the sample department, is
# refused (78) by the program that reads its file, and listed by cs check
# (exit 1), both naming the same file:line:field.  The issue's
# reproductions first.
. "$TOP/tests/cli/lib.sh"
sample d
export CS_DATA_DIR=d CS_NOW="2026-11-23 09:00"
order=$(tail -n 1 "$(ls d/orders/2026-11/*.csv | tail -n 1)" | cut -d, -f1)
# one change first, so the lock's files are there before the snapshots
ok cs-ticket add channel=phone agent=zhang6 subject=setup
ok cs check

# bad FILE FROM TO WANT CMD...: FILE of the sample with its first FROM
# made TO (FROM empty: TO appended as a line), refused by CMD and by cs
# check with WANT; then the sample's file back.
bad() {
	file=policy/$1 from=$2 to=$3 msg="policy/$1$4"
	shift 4
	cp "d/$file" saved
	if [ -z "$from" ]; then
		printf '%s\n' "$to" >>"d/$file"
	else
		awk -v f="$from" -v t="$to" '!done && (i = index($0, f)) {
		    $0 = substr($0, 1, i - 1) t substr($0, i + length(f)); done = 1 }
		    { print }' saved >"d/$file"
	fi
	cmp -s saved "d/$file" && fail "$file: '$from' not found"
	before=$(snapshot d)
	status 78 "$@"
	has "$msg" err
	if [ "$file" = policy/zone.csv ]; then
		status 78 cs check	# no zone, no months to check
		has "$msg" err
	else
		status 1 cs check
		has "$msg" out
	fi
	same "$(snapshot d)" "$before"
	cp saved "d/$file"
}

verdict="cs-kpi verdict --dry-run --month 2026-10"
ticket="cs-ticket add channel=phone agent=zhang6 subject=x"
ret="cs-ticket add kind=return channel=phone agent=chen21 order=$order"
quote="cs-order quote origin_region=华东 destination_region=华北 service=express weight=5"

# the issue's: kpi.csv
bad kpi.csv agent,satisfaction_rate,0.85 agent,satisfaction_rate,abc \
    ":3: field 'target': not a rate: 'abc'" $verdict
bad kpi.csv agent,pass_mark,75 agent,pass_mark,abc \
    ":10: field 'target': not a number from 0 to 100: 'abc'" $verdict
bad kpi.csv agent,satisfaction_rate,0.85 agent,satisfaction_rate,85 \
    ":3: field 'target': not a rate: '85'" $verdict
bad kpi.csv agent,satisfaction_rate,0.85,25,min, agent,satisfaction_rate,0.85,25,minimum, \
    ":3: field 'direction': not one of min/max: 'minimum'" $verdict
bad kpi.csv agent,satisfaction_rate,0.85,25,min,no, agent,satisfaction_rate,0.85,25,min,maybe, \
    ":3: field 'mandatory': not one of yes/no: 'maybe'" $verdict
bad kpi.csv agent,satisfaction_rate,0.85,25, agent,satisfaction_rate,0.85,-5, \
    ":3: field 'weight': not a number of 0 or more: '-5'" $verdict
bad kpi.csv '' agent,timely_rate,0.5,20,min,yes,20,, \
    ":26: field 'measure': a second line for agent,timely_rate (the first is line 5)" $verdict
# floors, curves and the workload's median (the scoring of issue 18)
bad kpi.csv agent,satisfaction_rate,0.85,25,min,no,10,0.60, agent,satisfaction_rate,0.85,25,min,no,10,0.90, \
    ":3: field 'floor': above the target 0.85 (direction min): '0.90'" $verdict
bad kpi.csv agent,satisfaction_rate,0.85,25,min,no,10,0.60, agent,satisfaction_rate,0.85,25,min,no,10,60, \
    ":3: field 'floor': not a rate: '60'" $verdict
bad kpi.csv 10,0.60,linear 10,,linear \
    ":3: field 'curve': linear needs a floor to run from to the target" $verdict
bad kpi.csv 10,0.60,linear 10,0.60,steep \
    ":3: field 'curve': not one of ratio/linear: 'steep'" $verdict
bad kpi.csv 3,10,max,no,0,8, 3,10,max,no,0,2, \
    ":9: field 'floor': below the target 3 (direction max): '2'" $verdict
bad kpi.csv 0.5*median,linear 50,linear \
    ":2: field 'floor': the target 0.8*median and the floor 50: both times the median or neither" $verdict
bad kpi.csv 0.8*median 0.8*mean \
    ":2: field 'target': not a number of 0 or more, nor one times the median (0.8*median): '0.8*mean'" $verdict
bad kpi.csv agent,pass_mark,75,,,,,, agent,pass_mark,75,,,,,50, \
    ":10: field 'floor': not used on a pass_mark line: '50'" $verdict
# returns.csv
bad returns.csv '*,7,15' '*,seven,15' \
    ":2: field 'return_days': not a whole number of days from 0 to 3650: 'seven'" $ret
bad returns.csv '*,7,15' '*,7days,15' \
    ":2: field 'return_days': not a whole number of days from 0 to 3650: '7days'" $ret
# sla.csv, hours.csv, rates.csv, grades.csv
bad sla.csv inquiry,online,2m inquiry,online,'2 minutes' \
    ":3: field 'first_response': not a duration (30m, 4h, 2d): '2 minutes'" $ticket
bad hours.csv mon,09:00,18:00 mon,09:00,25:00 \
    ":2: field 'close': not a time of day (00:00 to 24:00): '25:00'" $ticket
bad rates.csv 15.00,6.00,15.00,6000,2 15.00,6.00,15.00,0,2 \
    ":5: field 'divisor': not a number above 0: '0'" $quote
bad grades.csv threshold.A,*,80 threshold.A,*,eighty \
    ":6: field 'value': threshold.A: not a number from 0 to 100: 'eighty'" \
    cs-customer grade

# one or more of each other file, and the rules of a file as a whole
bad kpi.csv agent,excellent_mark,98 agent,excellent_mark,70 \
    ":11: field 'target': agent: the pass mark 75 is above the excellent mark 70" $verdict
bad sla.csv 'inquiry,phone,0m,4h,,business' 'inquiry,phone,0m,4h,,weekdays' \
    ":2: field 'clock': not one of business/calendar: 'weekdays'" $ticket
bad hours.csv mon,09:00,18:00 mon,18:00,09:00 \
    ":2: field 'close': not after the open time 18:00: '09:00'" $ticket
bad holidays.csv 2026-01-01 2026-02-30 \
    ":2: field 'date': not a date (YYYY-MM-DD): '2026-02-30'" $ticket
bad zone.csv Asia/Shanghai Mars/Olympus \
    ":2: field 'zone': not a zone this machine knows: 'Mars/Olympus'" cs-staff list
bad rates.csv '' '华东,华北,express,1,15.00,6.00,15.00,6000,2' \
    ":8: field 'service': a second line for 华东,华北,express (the first is line 5)" $quote
bad returns.csv food,0,0 food,0,-1 \
    ":4: field 'exchange_days': not a whole number of days from 0 to 3650: '-1'" $ret
bad grades.csv threshold.A,*,80 threshold.A,*,50 \
    ":7: field 'value': threshold.A 50 is below threshold.B 60" cs-customer grade
bad audit.csv attitude,40,10,8 attitude,40,10,12 \
    ":2: field 'standard': above the max 10: '12'" cs-audit sheet 2026-W46
bad audit.csv attitude,40,10,8,yes attitude,40,10,8,maybe \
    ":2: field 'critical': not one of yes/no: 'maybe'" cs-audit sheet 2026-W46
bad complaint-natures.csv loss,transport loss, \
    ":4: field 'department': no value" \
    cs-complain add channel=phone content=x nature=delay customer=C-000001 handler=zhang6

# cs check lists every problem, of every file, not only the first
cp d/policy/kpi.csv kpi.saved
cp d/policy/returns.csv returns.saved
sed -i 's/^agent,satisfaction_rate,0.85/agent,satisfaction_rate,abc/; s/^agent,pass_mark,75/agent,pass_mark,abc/' d/policy/kpi.csv
printf '*,seven,15\n' >>d/policy/returns.csv
status 1 cs check
same "$(grep -c '^policy/' out)" 3
cp kpi.saved d/policy/kpi.csv
cp returns.saved d/policy/returns.csv
ok cs check

# a policy written by hand may end without a line end: its last line is
# a rule all the same (never the torn tail of an append, as in a store)
cp d/policy/complaint-natures.csv complaint-natures.saved
printf '%s' "$(cat complaint-natures.saved)" >d/policy/complaint-natures.csv
[ "$(tail -c 1 d/policy/complaint-natures.csv)" = r ] || fail "the last line kept its end"
ok cs-complain list --nature other -o csv
status 64 cs-complain list --nature others
has "other (其他)" err
cp complaint-natures.saved d/policy/complaint-natures.csv
