# cs-kpi merge, a property (issue 13): over generated departments (cs-gen,
# three seeds, six months), 200 random partitions of a random span of
# months into months, quarters and other ranges, at a random level (agent,
# leader, manager); the merge of the parts' partials, given as files or
# concatenated on standard input, is the direct score of the span, byte
# for byte.
. "$TOP/tests/cli/lib.sh"
export CS_NOW="2026-07-02 08:00"
M=2026-01,2026-02,2026-03,2026-04,2026-05,2026-06
# complaints: by hand, about every fifth ticket (every tenth twice, 20
# days apart), received 0 to 39 days after it and recorded 0 to 8 days
# after that, across the ends of months (cs-gen's seldom name a ticket);
# in the chunk of the month recorded
H=id,received_at,recorded_at,recorded_by,customer,order,ticket,channel,content,remedy,nature,severity,department,handler,team,deadline,escalated_to,escalated_at,answer,answered_at,resolution,resolved_at
complain() {
	n=0
	cat $1/tickets/*/*.csv | awk -F, '$1 ~ /^T-/ && NR % 5 == 0 {
		print $1, $5, substr($11, 1, 19), 0
		if (NR % 10 == 0) print $1, $5, substr($11, 1, 19), 20 }' |
	    while read id agent opened later; do
		n=$((n + 1))
		rec=$(date -d "${opened%T*} ${opened#*T} $((n % 40 + later)) days" +%Y-%m-%dT%H:%M:%S)
		got=$(date -d "${rec%T*} ${rec#*T} $((n % 9)) days" +%Y-%m-%dT%H:%M:%S)
		dir=$1/complaints/$(echo $got | cut -c1-7)
		mkdir -p $dir
		f=$(ls $dir/*.csv 2>/dev/null | head -1)
		[ -n "$f" ] || { f=$dir/K-$(echo $got | cut -c1-4,6-7)01-9000.csv; echo $H >$f; }
		# as many fields as the chunk's header (cs-gen's has more)
		pad=$(head -n 1 "$f" | awk -F, '{ for (i = 23; i <= NF; i++) printf "," }')
		echo "K-$(echo $got | tr -d :T- | cut -c1-8)-9$(printf %03d $n),$rec+08:00,$got+08:00,$agent,,,$id,phone,x,,attitude,normal,,$agent,,,,,,,,$pad" >>$f
	done
}
for seed in 1 2 3; do
	cs-gen -s $seed -c 40 -a 6 -t 60 -m $M -e 2026-06-30 d$seed ||
	    fail "cs-gen $seed"
	complain d$seed
done
last() { case $1 in 2) echo 28 ;; 4|6) echo 30 ;; *) echo 31 ;; esac; }
# the options of months i to j: a month, a quarter, or a range
opts() {
	if [ $1 = $2 ]; then
		echo "--month 2026-0$1"
	elif [ $(($1 % 3)) = 1 ] && [ $2 = $(($1 + 2)) ]; then
		echo "--quarter 2026-Q$((($1 + 2) / 3))"
	else
		echo "--from 2026-0$1-01 --to 2026-0$2-$(last $2)"
	fi
}
# seed level from to cuts... : a partition a line, from awk's generator
awk 'BEGIN { srand(13); split("agent leader manager", lv, " ");
	for (n = 0; n < 200; n++) {
		a = 1 + int(rand() * 6); b = a + int(rand() * (7 - a));
		line = (1 + int(rand() * 3)) " " lv[1 + int(rand() * 3)] " " a " " b;
		i = a;
		while (i <= b) {
			j = i + int(rand() * (b - i + 1));
			line = line " " i "-" j; i = j + 1;
		}
		print line, (rand() < 0.5 ? "files" : "stdin");
	} }' >partitions
same "$(wc -l <partitions)" 200
k=0
while read seed lv a b rest; do
	k=$((k + 1))
	span="--from 2026-0$a-01 --to 2026-0$b-$(last $b)"
	want=direct-$seed-$lv-$a-$b.csv
	[ -f $want ] || cs-kpi -D d$seed score $span --level $lv -o csv >$want ||
	    fail "direct $seed $lv $a-$b"
	parts=
	how=
	for c in $rest; do
		case $c in files|stdin) how=$c; continue ;; esac
		i=${c%-*} j=${c#*-}
		p=part-$seed-$lv-$i-$j.csv
		[ -f $p ] || cs-kpi -D d$seed score $(opts $i $j) --level $lv \
		    --partial >$p || fail "partial $seed $lv $c"
		parts="$parts $p"
	done
	if [ $how = files ]; then
		cs-kpi merge $span --level $lv -o csv $parts >got 2>err
	else
		cat $parts | cs-kpi merge $span --level $lv -o csv >got 2>err
	fi || fail "[$k] merge $seed $lv $a-$b:$parts ($how): $(cat err)"
	cmp -s got $want ||
	    fail "[$k] seed $seed $lv $a-$b:$parts ($how): $(diff got $want | head -5)"
done <partitions
same $k 200
# the people and measures compared are not none
[ "$(cat direct-*.csv | grep -c ',complaints,[1-9]')" -gt 0 ] ||
    fail "no complaints in the generated departments"
