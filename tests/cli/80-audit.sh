# cs-audit: the weekly sample, reproducible and stratified; stdin; stored
# with its manifest; exclusion of audited records; replacement; the sheet;
# sizing from confidence and margin; risk weighting; plan; bad input
. "$TOP/tests/cli/lib.sh"
sample d
rm -rf d/complaints d/complaint-events	# tickets alone; complaints at the end
export CS_DATA_DIR=d CS_NOW="2026-11-23 07:00"	# a Monday: last week is W47

# same seed, same sample; another seed, another sample
ok cs-audit sample -n 3 --dry-run -o csv
cp out a.csv
ok cs-audit sample -n 3 --dry-run -o csv
cmp -s out a.csv || fail "same seed, another sample"
ok cs-audit sample -n 3 --dry-run --seed 12345 -o csv
cmp -s out a.csv && fail "another seed, the same sample"
has ",12345,drawn," out
[ ! -d d/audits ] || fail "--dry-run stored something"

# stratification exact: each agent gets min(3, its records of the week)
cat d/tickets/2026-11/*.csv | awk -F, '$11 >= "2026-11-16" && $11 < "2026-11-23" { n[$5]++ }
    END { for (a in n) print a, (n[a] < 3 ? n[a] : 3) }' | sort >want
tail -n +2 a.csv | cut -d, -f3 | sort | uniq -c | awk '{ print $2, $1 }' | sort >got
diff want got >/dev/null || fail "strata: $(diff want got)"
[ "$(wc -l <want)" -ge 15 ] || fail "too few agents in the week"

# the same records on stdin give the same sample (keys come from the ids)
cs-ticket list --week 2026-W47 -o csv >week.csv
ok cs-audit sample -n 3 --dry-run -o csv - <week.csv
cmp -s out a.csv || fail "stdin drew another sample"
ok sh -c 'cs-ticket list --week 2026-W47 | cs-audit sample -n 3 --dry-run -o csv | cmp -s - a.csv'

# sized from confidence and margin, per agent: N records of chen21 at
# 95 % and 20 %: n0 = 1.959964^2 x 0.25 / 0.04 = 24.009, n = n0 / (1 +
# (n0 - 1) / N), rounded up
N=$(cat d/tickets/2026-11/*.csv | awk -F, '$5 == "chen21" && $11 >= "2026-11-16" && $11 < "2026-11-23"' | wc -l)
want=$(awk -v N="$N" 'BEGIN { n0 = 1.959964 ^ 2 * 0.25 / 0.04; n = n0 / (1 + (n0 - 1) / N)
    print (n == int(n) ? n : int(n) + 1) }')
[ "$want" -gt 5 ] && [ "$want" -lt "$N" ] || fail "a poor fixture: N=$N, n=$want"
ok cs-audit sample --confidence 0.95 --margin 0.2 --dry-run --name x -o csv
same "$(grep -c ',chen21,' out)" "$want"
# overall: 385 x ... of the week's records, shared in proportion
ok cs-audit sample --confidence 0.95 --margin 0.1 --overall --dry-run --name y -o csv
total=$(tail -n +2 week.csv | wc -l)
[ "$(($(wc -l <out) - 1))" -lt "$total" ] || fail "overall drew everything"

# drawn for real: stored with its manifest, printed the same
ok cs-audit sample -n 3 -o csv
cmp -s out a.csv || fail "stored another sample"
has "sample,2026-W47" d/audits/2026-W47.manifest.csv
has "method,k=3" d/audits/2026-W47.manifest.csv
has "seed,$(sed -n 2p a.csv | cut -d, -f11)" d/audits/2026-W47.manifest.csv
has "population:yang9,$(cat d/tickets/2026-11/*.csv | awk -F, '$5 == "yang9" && $11 >= "2026-11-16" && $11 < "2026-11-23"' | wc -l)" d/audits/2026-W47.manifest.csv
same "$(grep -c ' as tester,cs-audit,sample,T-' d/journal/2026-11.csv)" "$(($(wc -l <a.csv) - 1))"
has "population:chen21,$N" d/audits/2026-W47.manifest.csv
status 65 cs-audit sample -n 3
has "sample 2026-W47 is drawn already" err

# records audited are left out of the next sample
ok cs-audit sample -n 3 --name W47-second -o csv
tail -n +2 a.csv | cut -d, -f2 | sort >first
tail -n +2 out | cut -d, -f2 | sort >second
same "$(comm -12 first second | wc -l)" 0

# replace: the next record of the same agent, the reason kept
victim=$(sed -n 2p a.csv | cut -d, -f2)
agent=$(sed -n 2p a.csv | cut -d, -f3)
ok cs-audit replace "$victim" --reason "call recording missing"
new=$(cat out)
grep -q "^2026-W47,$victim,.*,replaced,call recording missing$" d/audits/2026-W47.csv || fail "not marked replaced"
grep -q "^2026-W47,$new,$agent,.*,drawn,replaces $victim$" d/audits/2026-W47.csv || fail "no replacement"
grep -q ",$new," second && fail "replacement was audited already"
has " as tester,cs-audit,replace,$victim,status,drawn,replaced" d/journal/2026-11.csv
status 65 cs-audit replace "$victim" --reason again
has "no stored sample has drawn '$victim'" err
status 64 cs-audit replace "$new"
has "--reason is required" err

# the sheet: the drawn records, a column per rubric category
ok cs-audit sheet 2026-W47 -o csv
same "$(head -n 1 out)" "id,kind,agent,team,channel,opened_at,summary,attitude,accuracy,timeliness,critical,notes"
same "$(($(wc -l <out) - 1))" "$(($(wc -l <a.csv) - 1))"
lacks "$victim" out
has "$new" out
ok cs-audit sheet --excel
head -c 3 out | od -An -tx1 | grep -q "ef bb bf" || fail "no BOM"
status 1 cs-audit sheet 2026-W01

# risk weighting: the risky are more often drawn, and say why
ok cs-audit sample -n 1 --weight risk --risk-factor 50 --dry-run --name z -o csv
[ "$(tail -n +2 out | grep -vc ',random,')" -gt "$(tail -n +2 out | grep -c ',random,')" ] ||
    fail "risk weighting drew mostly plain records"
has ",50," out

# plan
ok cs-audit plan --population 1000 -o csv
same "$(tail -n 1 out)" "1000,0.95,0.05,278"
ok cs-audit plan --population 50 --confidence 0.9 --margin 0.1 -o csv
same "$(tail -n 1 out)" "50,0.9,0.1,29"

# bad input
before=$(snapshot d)
status 64 cs-audit sample -n 3 --confidence 0.95
status 64 cs-audit sample -n 0
status 64 cs-audit sample --seed -4
status 64 cs-audit sample --weight heavy
status 64 cs-audit sample --name ../../etc
printf 'id,who\nT-1,x\n' >bad.csv
status 65 cs-audit sample -n 3 --name bad bad.csv
has "bad.csv:1: want 'id' and 'agent' columns" err
printf 'id,agent\nT-1,x,y\n' >bad2.csv
status 65 cs-audit sample -n 3 --name bad bad2.csv
has "bad2.csv:2: 3 fields, the header has 2" err
status 66 cs-audit sample -n 3 --name bad missing.csv
status 64 cs-audit plan
status 64 cs-audit frobnicate
same "$(snapshot d)" "$before"

# the same sample whatever the number of threads scanning the chunks
CS_CHUNK_BYTES=8000 cs-gen -t 3000 -m 2026-10,2026-11 -e 2026-11-22 many >/dev/null ||
    fail "cs-gen"
[ "$(ls many/complaints/2026-11 | wc -l)" -gt 1 ] || fail "want complaint chunks"
[ "$(ls many/tickets/2026-11 | wc -l)" -gt 10 ] || fail "want many chunks"
CS_THREADS=1 ok cs-audit -D many sample --month 2026-11 -n 4 --dry-run -o csv
mv out t1.csv
CS_THREADS=2 ok cs-audit -D many sample --month 2026-11 -n 4 --dry-run -o csv
cmp -s out t1.csv || fail "2 threads drew another sample"
CS_THREADS=3 ok cs-audit -D many sample --month 2026-11 -n 4 --weight risk \
    --dry-run -o csv
mv out t3.csv
CS_THREADS=1 ok cs-audit -D many sample --month 2026-11 -n 4 --weight risk \
    --dry-run -o csv
cmp -s out t3.csv || fail "3 threads drew another weighted sample"

# complaints are service records too: drawn with their handler's records
CS_NOW="2026-11-19 10:00" ok cs-complain add channel=phone nature=delay \
    handler=yang9 content="三天没到货" received_at="2026-11-19 09:58"
k=$(cat out)
ok cs-audit sample -n 1000 --name with-complaints --dry-run -o csv
has "with-complaints,$k,yang9,华东一组,complaint,phone,2026-11-19T09:58:00+08:00,三天没到货,1,complaint," out
ok cs-audit sample -n 1000 --name with-complaints --dry-run --kind complaint -o csv
same "$(($(wc -l <out) - 1))" 1
