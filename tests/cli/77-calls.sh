# cs-ticket calls: Asterisk's Master.csv (cdr-csv, no header, the
# documented columns) matched to phone records by agent, time and
# caller, the ring stored as answered_in, and cs-kpi's answered_in_time
# per agent equal to 77-calls.py's count over the same file; another
# system's export through --map; a phone record opened during the call is
# answered at its opening; bad lines and bad policies refused whole.
. "$TOP/tests/cli/lib.sh"
cs init d >/dev/null || fail "init"
export CS_DATA_DIR=d
cs-staff add id=li.na name=李娜 team=华东一组 role=agent >/dev/null
cs-staff add id=tom name="Tom Baker" team=VIP role=agent >/dev/null
cs-customer add name=张三 type=end phone=13800138000 >/dev/null
cs-customer add name=李四 type=end phone=13900139000 >/dev/null

# -- the phone record entered during the call: before, with a policy
# that does not say so, "missed by 1m" a minute later
cp d/policy/sla.csv sla.new
printf 'kind,channel,first_response,resolution,escalation,clock\ninquiry,phone,0m,4h,,business\n' >d/policy/sla.csv
CS_NOW="2026-11-20 10:00" ok cs-ticket add channel=phone agent=li.na
old=$(cat out)
CS_NOW="2026-11-20 10:01" ok cs-ticket show "$old" -o table
has "first response     not yet; missed by 1m" out
# the default policy: phone and visit records are opened live
cp sla.new d/policy/sla.csv
has "inquiry,phone,0m,4h,,business,yes,3 rings,6s" d/policy/sla.csv
has "inquiry,visit,0m,4h,,business,yes,," d/policy/sla.csv
CS_NOW="2026-11-20 10:00" ok cs-ticket add channel=visit agent=li.na
v=$(cat out)
CS_NOW="2026-11-20 10:01" ok cs-ticket show "$v" -o table
has "first response     after 0m, within the target" out
ok cs-ticket show "$v" -o json
has '"first_response_at":"2026-11-20T10:00:00+08:00"' out
CS_NOW="2026-11-20 11:00" ok cs-ticket add channel=online agent=li.na
CS_NOW="2026-11-20 11:01" ok cs-ticket show "$(cat out)" -o json
has '"first_response_at":""' out

# -- the extensions, and the phone records of Monday 2026-11-23
printf 'extension,agent\n201,li.na\n202,tom\n' >d/policy/phones.csv
add() {	# add TIME AGENT [CUSTOMER]: the new id in $id
	CS_NOW="2026-11-23 $1" ok cs-ticket add channel=phone agent="$2" \
	    ${3:+customer=$3}
	id=$(cat out)
}
add 09:00:30 li.na C-000001; t1=$id	# call 1: rang 10s
add 09:10:40 tom C-000002; t2=$id	# call 2: 30s, late
add 10:00:20 li.na; t3=$id		# call 5: two records
add 10:01:00 li.na; t4=$id
add 11:00:30 li.na; t5=$id		# call 6: 15s
add 14:00:40 tom; t6=$id		# call 7: 5s
add 15:00:30 li.na C-000001; t7=$id	# call 8: 25s, late
add 16:00:30 tom C-000001; t8=$id	# call 9: another caller: no match
ok cs-ticket show "$t1" -o table
has "first response     after 0m, within the target" out

cat >Master.csv <<'M'
"","13800138000","201","from-pstn","""Zhang"" <13800138000>","SIP/trunk-00000001","SIP/201-00000002","Dial","SIP/201,30","2026-11-23 09:00:00","2026-11-23 09:00:10","2026-11-23 09:05:00",300,290,"ANSWERED","DOCUMENTATION"
"","13900139000","202","from-pstn","""Li"" <13900139000>","SIP/trunk-00000003","SIP/202-00000004","Dial","SIP/202,30","2026-11-23 09:10:00","2026-11-23 09:10:30","2026-11-23 09:15:00",300,270,"ANSWERED","DOCUMENTATION"
"","13700137000","201","from-pstn","","SIP/trunk-00000005","SIP/201-00000006","Dial","SIP/201,30","2026-11-23 09:20:00","","2026-11-23 09:20:25",25,0,"NO ANSWER","DOCUMENTATION"
"","13700137000","299","from-pstn","","SIP/trunk-00000007","SIP/299-00000008","Dial","SIP/299,30","2026-11-23 09:30:00","2026-11-23 09:30:04","2026-11-23 09:31:00",60,56,"ANSWERED","DOCUMENTATION"
"","13600136000","201","from-pstn","","SIP/trunk-00000009","SIP/201-0000000a","Dial","SIP/201,30","2026-11-23 10:00:00","2026-11-23 10:00:05","2026-11-23 10:03:00",180,175,"ANSWERED","DOCUMENTATION"
"","13600136001","201","from-pstn","","SIP/trunk-0000000b","SIP/201-0000000c","Dial","SIP/201,30","2026-11-23 11:00:00","2026-11-23 11:00:15","2026-11-23 11:04:00",240,225,"ANSWERED","DOCUMENTATION","1763866800.11",""
"","13600136002","202","from-pstn","","SIP/trunk-0000000d","PJSIP/202-0000000e","Dial","PJSIP/202,30","2026-11-23 14:00:00","2026-11-23 14:00:05","2026-11-23 14:02:00",120,115,"ANSWERED","DOCUMENTATION"
"","+86 138 0013 8000","201","from-pstn","","SIP/trunk-0000000f","SIP/201-00000010","Dial","SIP/201,30","2026-11-23 15:00:00","2026-11-23 15:00:25","2026-11-23 15:06:00",360,335,"ANSWERED","DOCUMENTATION"
"","13900139000","202","from-pstn","","SIP/trunk-00000011","SIP/202-00000012","Dial","SIP/202,30","2026-11-23 16:00:00","2026-11-23 16:00:05","2026-11-23 16:02:00",120,115,"ANSWERED","DOCUMENTATION"
M
snap=$(snapshot d)
# a dry run: the matches, nothing written
CS_NOW="2026-11-24 09:00" ok cs-ticket calls -n Master.csv -o csv
same "$(snapshot d)" "$snap"
has "line,ticket,agent,answered_in,in_time" out
has "1,$t1,li.na,10,yes" out
has "2,$t2,tom,30,no" out
same "$(grep -c . out)" 6
has "Master.csv:3: not answered: no record to carry it" err
has "Master.csv:4: extension '299' is no one's in policy/phones.csv" err
has "Master.csv:5: two phone records of li.na opened during the call: $t3 and $t4" err
has "Master.csv:9: no phone record of tom opened during the call" err
# the five records of one chunk are one rewrite of it, not five copies
# (each copy's backup stays until the commit ends)
if command -v strace >/dev/null; then
	CS_NOW="2026-11-24 09:00" ASAN_OPTIONS=detect_leaks=0 ok strace -f -qq -o opens -e trace=openat \
	    cs-ticket calls Master.csv
	same "$(grep -c '"\.T-[0-9-]*\.csv\.cs-new"' opens)" 1
else
	CS_NOW="2026-11-24 09:00" ok cs-ticket calls Master.csv
fi
same "$(grep -c . err)" 4	# the four not matched
same "$(grep -c ',cs-ticket,calls,T-' d/journal/2026-11.csv)" 5
ok cs-ticket show "$t1" -o json
has '"answered_in":"10"' out
ok cs-ticket show "$t3" -o json
has '"answered_in":""' out
has "cs-ticket,calls,$t2,answered_in,,30" d/journal/2026-11.csv
# again: nothing changes
snap=$(snapshot d)
CS_NOW="2026-11-24 09:05" ok cs-ticket calls Master.csv
same "$(snapshot d)" "$snap"

# -- cs-kpi's rate equals the independent count (3 rings of 6s: 18s)
ok cs-ticket export --month 2026-11
cp out tickets.csv
CS_NOW="2026-12-01 09:00" ok cs-kpi score --month 2026-11 -o csv
grep ',answered_in_time,' out | awk -F, '{ print $3 "," $5 "," $6 }' |
    grep -v ',0,0$' | sort >got
python3 "$TOP/tests/cli/77-calls.py" Master.csv d/policy/phones.csv \
    tickets.csv d/customers.csv 18 >want || fail "77-calls.py"
same "$(cat got)" "$(cat want)"
same "$(cat want)" "$(printf 'li.na,2,3\ntom,1,2')"

# -- another system's export, with a header and --map
add 17:00:20 tom C-000002; t9=$id
cat >other.csv <<'O'
Caller,Agent,Begin,Picked up,Hung up,Result
13900139000,tom,2026-11-23 17:00:00,2026-11-23 17:00:12,2026-11-23 17:03:00,answered
O
CS_NOW="2026-11-24 09:00" ok cs-ticket calls --map Caller=src,Begin=start,"Picked up=answer","Hung up=end",Result=disposition other.csv
ok cs-ticket show "$t9" -o json
has '"answered_in":"12"' out
status 65 cs-ticket calls --map Caller=src other.csv
has "other.csv:1: no 'start' column" err

# -- bad lines: one line naming file:line:field, nothing stored
snap=$(snapshot d)
head -2 Master.csv >bad.csv
echo '"","1","201","c","","SIP/x-1","SIP/201-2","Dial","","2026-11-23 09:00:00","2026-11-23 09:00:10","2026-11-23 09:05:00",300,290,"ANSWERED"' >>bad.csv
status 65 cs-ticket calls bad.csv
has "bad.csv:3: 15 fields, not a call of Master.csv" err
head -1 Master.csv | sed 's/2026-11-23 09:00:10/2026-02-30 09:00:10/' >bad.csv
status 65 cs-ticket calls bad.csv
has "bad.csv:1: field 'answer': not a time: '2026-02-30 09:00:10'" err
head -1 Master.csv | sed 's/"2026-11-23 09:00:10"/"2026-11-23 08:00:10"/' >bad.csv
status 65 cs-ticket calls bad.csv
has "bad.csv:1: field 'answer': not between the start and the end" err
same "$(snapshot d)" "$snap"

# -- the policies, validated
cp d/policy/sla.csv sla.good
sed 's/^inquiry,phone,.*/inquiry,phone,0m,4h,,business,yes,3 rings,/' sla.good >d/policy/sla.csv
status 78 cs-ticket calls Master.csv
has "policy/sla.csv:2: field 'ring': no value: a target in rings needs a ring's length" err
sed 's/^inquiry,phone,.*/inquiry,phone,0m,4h,,business,yes,soon,/' sla.good >d/policy/sla.csv
status 78 cs-ticket show "$t1" -o table
has "policy/sla.csv:2: field 'answer': not a duration (20s, 1m) nor rings (3 rings): 'soon'" err
sed 's/^inquiry,online,.*/inquiry,online,2m,4h,,business,,20s,/' sla.good >d/policy/sla.csv
exits 1 cs check
has "policy/sla.csv:3: field 'answer': a target for answering the phone, on a line of channel online" out
sed 's/^inquiry,phone,.*/inquiry,phone,0m,4h,,business,maybe,20s,/' sla.good >d/policy/sla.csv
status 78 cs-ticket show "$t1" -o table
has "policy/sla.csv:2: field 'live': not one of yes/no: 'maybe'" err
cp sla.good d/policy/sla.csv
printf 'extension,agent\n201,li.na\n201,tom\n' >d/policy/phones.csv
status 78 cs-ticket calls Master.csv
has "policy/phones.csv:3: field 'extension': a second line for 201 (the first is line 2)" err
cp sla.good d/policy/sla.csv
printf 'extension,agent\n201,li.na\n202,tom\n' >d/policy/phones.csv

# -- a file in GB18030 (Chinese Excel's, WPS's): the hint, and --encoding
add 18:00:20 li.na C-000001; g=$id
printf '"","13800138000","201","from-pstn","张三 <13800138000>","SIP/trunk-00000021","SIP/201-00000022","Dial","SIP/201,30","2026-11-23 18:00:00","2026-11-23 18:00:08","2026-11-23 18:03:00",180,172,"ANSWERED","DOCUMENTATION"\n' |
    iconv -f UTF-8 -t GB18030 >gb.csv
status 65 cs-ticket calls gb.csv
has "give --encoding gb18030" err
CS_NOW="2026-11-24 09:00" ok cs-ticket calls --encoding gb18030 gb.csv
ok cs-ticket show "$g" -o json
has '"answered_in":"8"' out

# -- the same call twice (the rotated and the live Master.csv overlapping,
# a file given twice): one call, its repeat said once; the same uniqueid
# is the same call (whatever its userfield), and without one the same
# src, dst, channel and times
add 18:30:20 li.na; d1=$id
add 18:40:20 tom; d2=$id
c1='"","13600136003","201","from-pstn","","SIP/trunk-00000031","SIP/201-00000032","Dial","SIP/201,30","2026-11-23 18:30:00","2026-11-23 18:30:07","2026-11-23 18:32:00",120,113,"ANSWERED","DOCUMENTATION","1763893800.31"'
c2='"","13600136004","202","from-pstn","","SIP/trunk-00000033","SIP/202-00000034","Dial","SIP/202,30","2026-11-23 18:40:00","2026-11-23 18:40:09","2026-11-23 18:42:00",120,111,"ANSWERED","DOCUMENTATION"'
printf '%s\n%s\n%s\n%s\n' "$c1,\"\"" "$c2" "$c1,\"x\"" "$c2" >dup.csv
CS_NOW="2026-11-24 09:00" ok cs-ticket calls -n dup.csv -o csv
has "1,$d1,li.na,7,yes" out
has "2,$d2,tom,9,yes" out
same "$(grep -c . out)" 3
has "dup.csv: line 3 repeats line 1" err
has "dup.csv: line 4 repeats line 2" err
same "$(grep -c . err)" 2
CS_NOW="2026-11-24 09:00" ok cs-ticket calls dup.csv
ok cs-ticket show "$d1" -o json
has '"answered_in":"7"' out
ok cs-ticket show "$d2" -o json
has '"answered_in":"9"' out

# -- calls about a repair: the caller waits for the phone whatever the
# call is about, so the phone line's answer target (18s) applies
for t in 19:00 19:10; do
	CS_NOW="2026-11-23 $t:20" ok cs-ticket add kind=repair channel=phone \
	    agent=tom customer=C-000002 subject=屏幕维修
	eval "r${t%%:*}${t##*:}=\$(cat out)"
done
cat >repair.csv <<'M'
"","13900139000","202","from-pstn","","SIP/trunk-00000041","SIP/202-00000042","Dial","SIP/202,30","2026-11-23 19:00:00","2026-11-23 19:00:05","2026-11-23 19:03:00",180,175,"ANSWERED","DOCUMENTATION"
"","13900139000","202","from-pstn","","SIP/trunk-00000043","SIP/202-00000044","Dial","SIP/202,30","2026-11-23 19:10:00","2026-11-23 19:10:25","2026-11-23 19:13:00",180,155,"ANSWERED","DOCUMENTATION"
M
CS_NOW="2026-11-24 09:00" ok cs-ticket calls -n repair.csv -o csv
has "1,$r1900,tom,5,yes" out
has "2,$r1910,tom,25,no" out
CS_NOW="2026-11-24 09:00" ok cs-ticket calls repair.csv
CS_NOW="2026-12-01 09:00" ok cs-kpi score --month 2026-11 -o csv
grep ',answered_in_time,' out | awk -F, '{ print $3 "," $5 "," $6 }' |
    grep -v ',0,0$' | sort >got
same "$(cat got)" "$(printf 'li.na,4,5\ntom,4,6')"

# -- a CDR time is a date and time, never a word ("now" is the clock's)
snap=$(snapshot d)
for f in start answer end; do
	case $f in
	start) from='"2026-11-23 09:00:00"' ;;
	answer) from='"2026-11-23 09:00:10"' ;;
	end) from='"2026-11-23 09:05:00"' ;;
	esac
	for word in now today; do
		head -1 Master.csv | sed "s/$from/\"$word\"/" >bad.csv
		status 65 cs-ticket calls bad.csv
		has "bad.csv:1: field '$f': not a time: '$word'" err
	done
done
same "$(snapshot d)" "$snap"

# -- an extension whose agent is not on the roster, or left: cs check
# lists it; calls says the extension is nobody's
cs-staff add id=wang5 name=王五 team=VIP role=agent left=2026-11-10 >/dev/null
printf 'extension,agent\n201,li.na\n202,tom\n206,nobody\n207,wang5\n' >d/policy/phones.csv
exits 1 cs check
has "policy/phones.csv:4: field 'agent': no one called 'nobody' on the roster" out
has "policy/phones.csv:5: field 'agent': 'wang5' left on 2026-11-10" out
lacks "policy/phones.csv:2" out
lacks "policy/phones.csv:3" out
sed -e 's/201/206/g' -e 's/09:0/20:0/g' Master.csv | head -1 >ghost.csv
sed -e 's/201/207/g' -e 's/09:0/20:3/g' Master.csv | head -1 >>ghost.csv
CS_NOW="2026-11-24 09:00" ok cs-ticket calls -n ghost.csv -o csv
has "ghost.csv:1: extension '206' is nobody's on the roster: policy/phones.csv gives it to 'nobody'" err
has "ghost.csv:2: extension '207' is nobody's on the roster: policy/phones.csv gives it to 'wang5', who left on 2026-11-10" err
lacks "no phone record" err
# a call made before the day wang5 left was wang5's: the extension was
# theirs then (no phone record of theirs, so it is not matched)
sed -e 's/201/207/g' -e 's/2026-11-23 09:0/2026-11-09 09:0/g' Master.csv | head -1 >before.csv
CS_NOW="2026-11-24 09:00" ok cs-ticket calls -n before.csv -o csv
has "before.csv:1: no phone record of wang5 opened during the call" err
lacks "nobody's" err
