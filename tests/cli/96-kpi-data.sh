# cs-kpi on the sample department: counts by their definition (zhou10's
# two November complaints), merge of monthly partials equal to the direct
# score byte for byte at every level, a partial given twice refused,
# verdicts that do not depend on the order they were scored in, an
# unfinished month refused without --provisional, a changed verdict said;
# and a promise made after the first reply checked (issue 13)
. "$TOP/tests/cli/lib.sh"
sample s
export CS_USER=tester CS_NOW="2026-12-02 08:00"

# complaints counts complaints: zhou10 had two in November about one
# ticket (it counted the tickets complained about: 1)
ok cs-kpi -D s score --month 2026-11 -o csv
has "2026-11,agent,zhou10,complaints,2,,2,," out

# merge of October's and November's partials is the score of both months,
# byte for byte, at every level (8 of 17 agents differed: a month read the
# complaints of whichever files its window covered)
for lv in agent leader manager; do
	ok cs-kpi -D s score --from 2026-10-01 --to 2026-11-30 --level $lv -o csv
	mv out direct-$lv.csv
	ok cs-kpi -D s score --month 2026-10 --level $lv --partial
	mv out oct-$lv.csv
	ok cs-kpi -D s score --month 2026-11 --level $lv --partial
	mv out nov-$lv.csv
	ok cs-kpi merge --from 2026-10-01 --to 2026-11-30 --level $lv -o csv \
	    oct-$lv.csv nov-$lv.csv
	cmp -s out direct-$lv.csv || fail "$lv: merge differs: $(diff out direct-$lv.csv | head)"
done

# a partial given twice is refused, as a file or concatenated
status 65 cs-kpi merge --from 2026-10-01 --to 2026-11-30 oct-agent.csv \
    nov-agent.csv oct-agent.csv
has "oct-agent.csv:2: the partial of 2026-10 given twice" err
cat oct-agent.csv oct-agent.csv >twice.csv
status 65 cs-kpi merge --month 2026-10 twice.csv
has "the partial of 2026-10 given twice" err
# a partial of a cs-kpi before the digest is refused, with the reason
cut -d, -f1-7 oct-agent.csv >old.csv
status 65 cs-kpi merge --month 2026-10 old.csv
has "old.csv:1: no 'covers' column" err

# the flags do not depend on the order: November before October flags
# whom October then November flags (nobody was flagged)
cp -r s s2
ok cs-kpi -D s verdict --month 2026-10 -o csv
ok cs-kpi -D s verdict --month 2026-11 -o csv
grep ',dismissal review,' out | cut -d, -f3 >flagged1
[ -s flagged1 ] || fail "nobody flagged in October then November"
ok cs-kpi -D s2 verdict --month 2026-11 -o csv
grep ',dismissal review,' out | cut -d, -f3 >flagged2
cmp -s flagged1 flagged2 || fail "November first flags $(cat flagged2), not $(cat flagged1)"
ok cs-kpi -D s2 verdict --month 2026-10 -o csv
grep '^2026-11,' s/kpi/verdicts.csv | cut -d, -f1-6 >v1
grep '^2026-11,' s2/kpi/verdicts.csv | cut -d, -f1-6 >v2
cmp -s v1 v2 || fail "stored November verdicts differ: $(diff v1 v2 | head)"

# re-scoring a period whose stored verdict differs says who changed
sed -i 's/^\(2026-10,agent,yang9,[0-9.]*,\)fail,/\1pass,/' s/kpi/verdicts.csv
ok cs-kpi -D s verdict --month 2026-10 -o csv
has "2026-10 yang9: pass before, now fail" err
same "$(grep -c 'before, now' err)" 1
ok cs-kpi -D s verdict --month 2026-10 -o csv
lacks "before, now" err

# a month not over is refused for a stored verdict; --provisional stores
# it marked, and a provisional fail is never a dismissal review
cp -r "$TOP/data-samples" s3
before=$(snapshot s3)
CS_NOW="2026-11-23 07:00" status 64 cs-kpi -D s3 verdict --month 2026-11
has "2026-11 has not ended" err
has "--provisional" err
same "$(snapshot s3)" "$before"
CS_NOW="2026-11-23 07:00" status 64 cs-kpi -D s3 verdict --month 2026-12
CS_NOW="2026-11-23 07:00" ok cs-kpi -D s3 verdict --month 2026-10 -o csv
CS_NOW="2026-11-23 07:00" ok cs-kpi -D s3 verdict --month 2026-11 --provisional -o csv
grep -q '^2026-11,agent,yang9,华东一组,[0-9.]*,fail,provisional,' out ||
    fail "yang9's November not a provisional fail: $(grep yang9 out)"
lacks "dismissal review" out
grep -q '^2026-11,agent,yang9,[0-9.]*,fail,provisional,' s3/kpi/verdicts.csv ||
    fail "yang9's November not stored provisional"
# December on a finished November: the provisional fail does not count,
# November's is computed from the stores
CS_NOW="2027-01-02 08:00" ok cs-kpi -D s3 verdict --month 2026-12 -o csv --dry-run
lacks "dismissal review" out

# timely means within the SLA target; a promise is its own measure,
# checked also when made after the first reply
cs init d >/dev/null || fail "init"
export CS_DATA_DIR=d
cs-staff add id=amy name=amy team=East role=agent >/dev/null
# answered after 20 minutes (online: 2), by the time promised: late
a=$(CS_NOW="2026-10-05 10:00" cs-ticket add channel=online agent=amy \
    "promised_at=2026-10-05 10:30") || fail "add"
CS_NOW="2026-10-05 10:20" ok cs-ticket reply "$a"
# answered in a minute, then an answer promised by 10:30, resolved 11:00:
# the promise was broken (show called it kept)
b=$(CS_NOW="2026-10-05 10:00" cs-ticket add channel=online agent=amy) || fail "add"
CS_NOW="2026-10-05 10:01" ok cs-ticket reply "$b"
CS_NOW="2026-10-05 10:05" ok cs-ticket promise "$b" "2026-10-05 10:30"
CS_NOW="2026-10-05 11:00" ok cs-ticket resolve "$b"
CS_NOW="2026-10-05 11:00" ok cs-ticket show -o table "$b"
mv out shown
has "promised by 2026-10-05T10:30:00+08:00 (after the first reply): broken" shown
ok cs-kpi score --month 2026-10 -o csv
has "2026-10,agent,amy,timely_rate,1,2,0.5000," out
has "2026-10,agent,amy,promises_kept,1,2,0.5000," out
