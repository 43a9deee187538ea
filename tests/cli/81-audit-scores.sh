# cs-audit import, score and report: a filled sheet checked line by line,
# and the report's numbers against ones worked out by hand
. "$TOP/tests/cli/lib.sh"
cs init d >/dev/null || fail "init"
export CS_DATA_DIR=d
cs-staff add id=amy name=Amy team=East role=agent >/dev/null
cs-staff add id=bob name=Bob team=West role=agent >/dev/null
cs-staff add id=cat name=Cat team=West role=agent >/dev/null
for a in amy amy bob bob cat cat; do
	CS_NOW="2026-11-18 10:00" cs-ticket add channel=phone agent=$a subject="for $a" >>ids
done
export CS_NOW="2026-11-23 07:00"
ok cs-audit sample -n 2 -o csv
ok cs-audit sheet -o csv
cp out sheet.csv
id() { sed -n "$1p" ids; }

# scores: attitude, accuracy (both critical, standard 8 of 10), timeliness
# (standard 7), weighted 40/40/20
cat >filled.csv <<F
id,kind,agent,team,channel,opened_at,summary,attitude,accuracy,timeliness,critical,notes
$(id 1),inquiry,amy,East,phone,,,9,9,5,,
$(id 2),inquiry,amy,East,phone,,,10,8,6,,"good, quick"
$(id 3),inquiry,bob,West,phone,,,7,9,9,,
$(id 4),inquiry,bob,West,phone,,,9,9,9,no,
$(id 5),inquiry,cat,West,phone,,,9,7,5,,
$(id 6),inquiry,cat,West,phone,,,9,7,6,yes,wrong rate quoted
F

# every problem of a bad sheet, each as file:line: problem; nothing stored
before=$(snapshot d)
sed -e "2s/,9,9,5,/,11,9,5,/" -e "3s/,10,8,6,/,10,,6,/" -e "4s/,7,9,9,,/,7,9,9,maybe,/" \
    filled.csv >bad.csv
echo "$(id 1),inquiry,amy,East,phone,,,9,9,9,," >>bad.csv
echo "T-20261118-0099,inquiry,amy,East,phone,,,9,9,9,," >>bad.csv
cs-audit import bad.csv 2>all
same "$?" 65
has "bad.csv:2: field 'attitude': not a score from 0 to 10: '11'" all
has "bad.csv:3: field 'accuracy': no score" all
has "bad.csv:4: field 'critical': yes or no, not 'maybe'" all
has "bad.csv:8: id '$(id 1)' twice (first on line 2)" all
has "bad.csv:9: id 'T-20261118-0099' is not a drawn record" all
has "bad.csv: 5 problems; nothing was stored" all
same "$(wc -l <all)" 6
printf 'id,attitude,accuracy\n%s,9,9\n' "$(id 1)" >bad2.csv
status 65 cs-audit import bad2.csv
has "bad2.csv:1: no 'timeliness' column (the rubric's)" err
same "$(snapshot d)" "$before"

ok cs-audit import filled.csv
has "$(id 2),10,8,6,no,\"good, quick\",tester," d/audits/2026-W47.scores.csv
has "$(id 6),9,7,6,yes,wrong rate quoted,tester," d/audits/2026-W47.scores.csv
same "$(grep -c ' as tester,cs-audit,import,T-' d/journal/2026-11.csv)" 6

# amy: 82 and 84 (36+36+10, 40+32+12): mean 83, t(0.975, 1) = 12.706,
#   sd 1.414: 83 +- 12.7; timeliness weakest (55 %, below its 70 %)
# bob: 0 (attitude 7, critical, below 8) and 90: mean 45; 1 critical fail
# cat: 0 and 0 (accuracy 7, below 8); timeliness 55 %, accuracy 70 %
# West: 0, 90, 0, 0: mean 22.5, sd 45, t(0.975, 3) = 3.182: 22.5 + 71.6
# timeliness below standard for amy and cat: 2 of 3, common; cat's
# accuracy is hers alone
ok cs-audit report -o csv
cat >want <<'W'
section,name,audited,mean,low,high,critical_fails,weakest,note
agent,amy,2,83.0,70.3,95.7,0,timeliness,
agent,bob,2,45.0,0.0,100.0,1,attitude,
agent,cat,2,0.0,0.0,0.0,2,timeliness,
team,East,2,83.0,70.3,95.7,0,timeliness,
team,West,4,22.5,0.0,94.1,3,timeliness,
common,timeliness,,,,,,,below standard for 2 of 3 agents
individual,cat,2,,,,,accuracy,"accuracy at 70% of the top, the standard is 80%"
W
diff want out >/dev/null || fail "report: $(diff want out)"

# score one record from the shell: it replaces that record's scores
ok cs-audit score "$(id 3)" attitude=9 accuracy=9 timeliness=9 notes="re-listened"
ok cs-audit report -o csv
has "agent,bob,2,90.0,90.0,90.0,0," out
same "$(grep -c "^$(id 3)," d/audits/2026-W47.scores.csv)" 1
status 65 cs-audit score "$(id 3)" attitude=12 accuracy=9 timeliness=9
has "field 'attitude': not a score from 0 to 10: '12'" err
status 64 cs-audit score "$(id 3)" attitude=9 colour=red
status 65 cs-audit score T-20261118-0099 attitude=9 accuracy=9 timeliness=9
has "'T-20261118-0099' is not a drawn record" err
status 1 cs-audit report --week 2026-W40
