# cs-audit sample by category: --per gives every agent its quota of each
# category (after-sales the returns, exchanges and repairs); --kind a
# list; complaints through a pipe with --map, several files in one draw;
# --overall exactly the planned size, the plan in the manifest
. "$TOP/tests/cli/lib.sh"
sample d
export CS_DATA_DIR=d CS_NOW="2026-11-23 07:00"	# a Monday: last week is W47
PER=inquiry=3,complaint=1,after-sales=1

cs-ticket list --week 2026-W47 -o csv >tickets.csv || fail "ticket list"
cs-complain list --week 2026-W47 -o csv >complaints.csv || fail "complaint list"
cs-ticket list --week 2026-W47 -o tsv >tickets.tsv || fail "ticket list"
cs-complain list --week 2026-W47 -o tsv >complaints.tsv || fail "complaint list"

# what each agent had of each category, and so should give: at most its
# quota (awk over the lists, not cs-audit)
awk -F'\t' 'FNR == 1 { split("", c); for (i = 1; i <= NF; i++) c[$i] = i; next }
    { kind = ("kind" in c) ? $c["kind"] : "complaint"
      who = ("agent" in c) ? $c["agent"] : $c["handler"]
      cat = kind ~ /^(return|exchange|repair)$/ ? "after-sales" : kind
      n[who " " cat]++ }
    END { q["inquiry"] = 3; q["complaint"] = 1; q["after-sales"] = 1
      for (k in n) { split(k, p, " "); print k, (n[k] < q[p[2]] ? n[k] : q[p[2]]) } }' \
    tickets.tsv complaints.tsv | sort >want
# the fixture has what the policy is about: complaints and after-sales
# records for several agents, not for all
[ "$(grep -c ' complaint ' want)" -ge 5 ] || fail "few agents with complaints"
[ "$(grep -c ' after-sales ' want)" -ge 5 ] || fail "few agents with after-sales"
[ "$(cut -d' ' -f1 want | sort -u | wc -l)" -gt "$(grep -c ' complaint ' want)" ] ||
    fail "every agent has a complaint: a poor fixture"
# (the comma-free columns: agent is 3rd, kind 5th)
count() {
	tail -n +2 "$1" | cut -d, -f3,5 | awk -F, '{ cat = $2
	    if (cat ~ /^(return|exchange|repair)$/) cat = "after-sales"
	    n[$1 " " cat]++ } END { for (k in n) print k, n[k] }' | sort
}

# from the stores: every agent its quota of each category it had
ok cs-audit sample --per "$PER" --dry-run -o csv
cp out per.csv
count per.csv >got
diff want got >/dev/null || fail "per: $(diff want got)"
same "$(awk '{ s += $3 } END { print s }' want)" "$(($(wc -l <per.csv) - 1))"

# the same records from two files, the complaints through a pipe under
# another name for the agent: the same sample (keys come from the ids)
ok sh -c "cs-complain list --week 2026-W47 -o csv | cs-audit sample --per $PER \
    --map handler=agent --dry-run -o csv tickets.csv -"
cmp -s out per.csv || fail "files drew another sample: $(diff out per.csv | head)"
ok cs-audit sample --per "$PER" --dry-run -o csv complaints.csv tickets.csv
cmp -s out per.csv || fail "another order of files drew another sample"
# the same seed, the same sample; another, another
ok cs-audit sample --per "$PER" --dry-run -o csv
cmp -s out per.csv || fail "same seed, another sample"
ok cs-audit sample --per "$PER" --dry-run --seed 7 -o csv
cmp -s out per.csv && fail "another seed, the same sample"

# --kind: a list; after-sales its three
ok cs-audit sample -n 1000 --kind after-sales --dry-run -o csv
same "$(($(wc -l <out) - 1))" "$(tail -n +2 tickets.csv | cut -d, -f2 | grep -cE '^(return|exchange|repair)$')"
ok cs-audit sample -n 1000 --kind return,complaint --dry-run -o csv
same "$(tail -n +2 out | cut -d, -f5 | sort -u | tr '\n' ' ')" "complaint return "
same "$(($(wc -l <out) - 1))" "$(($(tail -n +2 tickets.csv | cut -d, -f2 | grep -c '^return$') + $(tail -n +2 complaints.csv | wc -l)))"

# stored: the manifest says how, each stratum's quota and the total
ok cs-audit sample --per "$PER" -o csv
cmp -s out per.csv || fail "stored another sample"
m=d/audits/2026-W47.manifest.csv
has "method,\"per:$PER\"" $m
has "total,$(($(wc -l <per.csv) - 1))" $m
grep '^quota:' $m | sed 's/^quota:\([^/]*\)\/\([^,]*\),/\1 \2 /' | sort >quotas
diff want quotas >/dev/null || fail "quotas: $(diff want quotas)"
has "population:yang9/inquiry,$(awk -F, '$5 == "yang9" && $2 == "inquiry"' tickets.csv | wc -l)" $m

# replace keeps to the agent and the category
victim=$(awk -F, '$5 == "return" || $5 == "exchange" || $5 == "repair" { print $2; exit }' per.csv)
agent=$(grep ",$victim," per.csv | cut -d, -f3)
ok cs-audit replace "$victim" --reason "no recording"
new=$(cat out)
kind=$(grep "^2026-W47,$new," d/audits/2026-W47.csv | cut -d, -f3,5)
case $kind in
"$agent,return" | "$agent,exchange" | "$agent,repair") ;;
*) fail "replaced $victim ($agent, after-sales) by $new ($kind)" ;;
esac

# --overall: exactly what plan says, shared by largest remainder (on a
# fresh copy: the records drawn above are left out of another sample)
sample o
total=$(($(tail -n +2 tickets.csv | wc -l) + $(tail -n +2 complaints.csv | wc -l)))
planned=$(cs-audit plan --population "$total" --confidence 0.95 --margin 0.1 -o csv | tail -n 1 | cut -d, -f4)
same "$planned" 84	# what the issue found, where 93 were drawn
ok cs-audit -D o sample --confidence 0.95 --margin 0.1 --overall --name overall -o csv
same "$(($(wc -l <out) - 1))" "$planned"
has "total,$planned" o/audits/overall.manifest.csv
same "$(grep '^quota:' o/audits/overall.manifest.csv | cut -d, -f2 | awk '{ s += $1 } END { print s }')" "$planned"
# each agent's share within one of its exact share
awk -F, -v T="$planned" -v P="$total" '/^population:/ { sub("population:", "", $1); p[$1] = $2 }
    /^quota:/ { sub("quota:", "", $1); q[$1] = $2 }
    END { for (a in p) { e = T * p[a] / P; if (q[a] < int(e) || q[a] > int(e) + 1) { print a; bad = 1 } }
      exit bad }' o/audits/overall.manifest.csv || fail "a share off its proportion"
# -n N --overall: N in all
ok cs-audit -D o sample -n 40 --overall --dry-run --name forty -o csv
same "$(($(wc -l <out) - 1))" 40

# a sample from files is replaced from the files
ok cs-audit sample --per "$PER" --map handler=agent --name from-files -o csv \
    tickets.csv complaints.csv
cp out ff.csv
victim=$(awk -F, '$5 == "inquiry" { print $2; exit }' ff.csv)
status 64 cs-audit replace "$victim" --reason again
has "give the same records again" err
ok cs-audit replace "$victim" --reason again tickets.csv complaints.csv
has "map,handler=agent" d/audits/from-files.manifest.csv

# bad input, nothing stored
before=$(snapshot d)
status 64 cs-audit sample --per inquiry --name bad
has "--per: category=n, not 'inquiry'" err
status 64 cs-audit sample --per inquiry=0 --name bad
status 64 cs-audit sample --per sales=1 --name bad
has "no kind 'sales'" err
status 64 cs-audit sample --per return=1,after-sales=1 --name bad
has "'after-sales' twice" err
status 64 cs-audit sample --per inquiry=1 -n 3 --name bad
status 64 cs-audit sample --per inquiry=1 --overall --name bad
status 64 cs-audit sample --kind inquiry,bogus --name bad
has "no kind 'bogus'" err
status 64 cs-audit sample --map handler --name bad
status 64 cs-audit sample --name bad - -
status 64 cs-audit sample --map handler=agent --name bad
has "--map renames the columns of files" err
status 65 cs-audit sample --per "$PER" --map agent=who --name bad tickets.csv
has "tickets.csv:1: want 'id' and 'agent' columns (after --map)" err
status 66 cs-audit sample --per "$PER" --name bad tickets.csv missing.csv
same "$(snapshot d)" "$before"

# by category, the same sample whatever the threads scanning the chunks
CS_CHUNK_BYTES=8000 cs-gen -t 3000 -m 2026-11 -e 2026-11-22 many >/dev/null ||
    fail "cs-gen"
[ "$(ls many/tickets/2026-11 | wc -l)" -gt 10 ] || fail "want many chunks"
CS_THREADS=1 ok cs-audit -D many sample --month 2026-11 --per "$PER" \
    --weight risk --dry-run -o csv
mv out t1.csv
grep -q ',complaint,' t1.csv || fail "no complaint drawn"
CS_THREADS=3 ok cs-audit -D many sample --month 2026-11 --per "$PER" \
    --weight risk --dry-run -o csv
cmp -s out t1.csv || fail "3 threads drew another sample"
