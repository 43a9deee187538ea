# cs-customer grade by customer type: the shipped rule (the top 20 % of
# each type A, the next 30 % B) spreads the sample department over A, B
# and C in every type; each grade agrees with its rank, worked out here
# again from the scores; thresholds of one type leave the others alone;
# a bad line of grades.csv is refused with file:line:field.
. "$TOP/tests/cli/lib.sh"
sample s
export CS_DATA_DIR=s CS_NOW="2026-11-22 10:00" CS_USER=li.na

before=$(snapshot s)
ok cs-customer grade -n --all -o csv
cp out all.csv
same "$(snapshot s)" "$before"
# every type has all three grades: the counts
same "$(tail -n +2 all.csv | cut -d, -f2,5 | sort | uniq -c |
    awk '{ printf "%s:%s ", $2, $1 }')" \
    "channel,A:11 channel,B:16 channel,C:28 end,A:25 end,B:37 end,C:63 out-of-town,A:12 out-of-town,B:18 out-of-town,C:30 "
# each grade from its rank among its type (how many score as high or
# higher): A within the top 20 %, B within the top 50 %
awk -F, 'NR > 1 { t[NR] = $2; s[NR] = $3; g[NR] = $5; n[$2]++ }
    END { for (i in t) { h = 0; for (j in t) if (t[j] == t[i] && s[j] + 0 >= s[i] + 0) h++
	want = h <= 0.2 * n[t[i]] ? "A" : h <= 0.5 * n[t[i]] ? "B" : "C"
	if (want != g[i]) { print "row " i ": " g[i] ", want " want; bad = 1 } }
	exit bad }' all.csv >ranks || fail "ranks: $(cat ranks)"
# --explain says so
id=$(awk -F, '$2 == "end" && $5 == "A" { print $1; exit }' all.csv)
ok cs-customer grade --explain "$id" -o csv
has "grade,\"A, rank " out
has "of 125\",\"A top 20%, B next 30%\",," out
has "orders," out
has ",36," out	# an end customer's full marks: 36 orders

# applied: stored, journaled, then nothing left to change
ok cs-customer grade -o csv
ok cs-customer grade -n -o csv
same "$(cat out)" "id,type,score,old,new"
ok cs check

# thresholds of one type, no relative rule: end customers by theirs,
# the others by the rule for any type (A 80, B 60: the sample reaches
# neither)
grep -v '^relative\.' "$TOP/data-samples/policy/grades.csv" >g
printf 'threshold.A,end,41\nthreshold.B,end,38\n' >>g
cp g s/policy/grades.csv
ok cs-customer grade -n --all -o csv
awk -F, 'NR > 1 { want = $2 != "end" ? "C" : $3 >= 41 ? "A" : $3 >= 38 ? "B" : "C"
    if (want != $5) { print $0 ", want " want; bad = 1 } } END { exit bad }' \
    out >thr || fail "thresholds: $(cat thr)"
same "$(awk -F, '$2 == "end" { print $5 }' out | sort -u | tr -d '\n')" ABC
same "$(awk -F, '$2 != "end" && NR > 1 { print $5 }' out | sort -u)" C
# a file without the type column still reads (37-customer-grade)

# bad lines: 78, one line naming file:line:field, nothing changed
cp "$TOP/data-samples/policy/grades.csv" s/policy/grades.csv
before=$(snapshot s)
bad() {	# LINE WANT: LINE added to the sample's grades.csv
	cp "$TOP/data-samples/policy/grades.csv" s/policy/grades.csv
	printf '%s\n' "$1" >>s/policy/grades.csv
	status 78 cs-customer grade -n
	has "$2" err
	exits 1 cs check
	has "$2" out
}
bad 'threshold.A,partner,90' \
    "policy/grades.csv:35: field 'type': not one of */channel/out-of-town/end: 'partner'"
bad 'alert.idle,end,30' \
    "policy/grades.csv:35: field 'type': not a type of this name, the same for every type ('*'): 'end'"
bad 'threshold.B,end,90' \
    "policy/grades.csv:35: field 'value': threshold.A 80 is below threshold.B 90 (type 'end')"
bad 'relative.B,channel,90%' \
    "policy/grades.csv:35: field 'value': relative.A 20% and relative.B 90% add up to more than the whole (type 'channel')"
bad 'volume.orders,end,40' \
    "policy/grades.csv:35: field 'type': a second line for volume.orders,end (the first is line 17)"
bad 'relative.A,end,1.5' \
    "policy/grades.csv:35: field 'value': relative.A: not a rate: '1.5'"
cp "$TOP/data-samples/policy/grades.csv" s/policy/grades.csv
same "$(snapshot s)" "$before"
