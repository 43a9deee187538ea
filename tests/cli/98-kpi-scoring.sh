# The stricter scoring of issue 18 (cs-kpi(1), cs-policy(5) kpi.csv):
# accuracy_rate from the spot check's accuracy category, counted by hand;
# the sample department's October under the rulebook before floors and
# under the shipped one (yang9 and xu22 fail on the score); the team
# median behind the workload target; the excellent marked as rewards
# once their period has ended.
. "$TOP/tests/cli/lib.sh"

# -- accuracy_rate: amy, bob and cat audited twice each (81-audit-scores)
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
id() { sed -n "$1p" ids; }
cat >filled.csv <<F
id,kind,agent,team,channel,opened_at,summary,attitude,accuracy,timeliness,critical,notes
$(id 1),inquiry,amy,East,phone,,,9,9,5,,
$(id 2),inquiry,amy,East,phone,,,10,8,6,,
$(id 3),inquiry,bob,West,phone,,,7,9,9,,
$(id 4),inquiry,bob,West,phone,,,9,9,9,no,
$(id 5),inquiry,cat,West,phone,,,9,7,5,,
$(id 6),inquiry,cat,West,phone,,,9,7,6,yes,
F
ok cs-audit import filled.csv
# the standard of accuracy is 8 of 10 (policy/audit.csv): amy's 9 and 8
# meet it, bob's 9 and 9, cat's 7 and 7 do not; attitude likewise, from
# the same sheet: amy 9 and 10, bob 7 (below 8) and 9, cat 9 and 9
ok cs-kpi score --month 2026-11 -o csv
has "2026-11,agent,amy,accuracy_rate,2,2,1.0000," out
has "2026-11,agent,bob,accuracy_rate,2,2,1.0000," out
has "2026-11,agent,cat,accuracy_rate,0,2,0.0000,0.0000,0.6576" out
has "2026-11,agent,bob,attitude_rate,1,2,0.5000," out
# cat's 0 of 2 is short of the floor 0.60: nothing of its weight 10
ok cs-kpi verdict --month 2026-11 --explain cat -o csv
has "accuracy_rate,0,2,0.0000,0.0000,0.6576,>= 0.85,0.6,linear,10,no,10,0.000,missed" out
# West's median of 2 and 2 is 2: 0.8*median is 1.6
has "workload,2,,2,,,>= 0.8*median=1.6,0.5*median=1.0,linear,10,no,0,1.000,met" out

# -- the sample department, October, as a manager would judge it
sample s
export CS_DATA_DIR=s CS_NOW="2026-11-23 07:00"
# the rulebook before issue 18: no floors, no accuracy, no workload target
cat >old.csv <<'P'
level,measure,target,weight,direction,mandatory,min_records
agent,satisfaction_rate,0.85,25,min,no,10
agent,resolution_rate,0.85,20,min,no,20
agent,timely_rate,0.70,20,min,yes,20
agent,attitude_rate,0.85,15,min,no,10
agent,audit_score,80,10,min,no,3
agent,complaints,3,10,max,no,0
agent,pass_mark,75,,,,
agent,excellent_mark,98,,,,
agent,consecutive_fails,2,,,,
P
cp s/policy/kpi.csv shipped.csv
cp old.csv s/policy/kpi.csv
ok cs-kpi verdict --month 2026-10 --dry-run -o csv
# xu22: 25 + 20 + 20 + 15 x 0.6606 / 0.85 + 10 x 3 / 4, over 90: 93.5
has "2026-10,agent,xu22,华南二组,93.5,pass,," out
has "2026-10,agent,zhou10,华南二组,89.7,pass,," out
has "2026-10,agent,yang9,华东一组,71.7,fail,,a mandatory measure missed its target" out
# the excellent were rewarded under the old rulebook too
has "2026-10,agent,zhang25,华南二组,98.2,excellent,reward," out
cp shipped.csv s/policy/kpi.csv

ok cs-kpi verdict --month 2026-10 --dry-run -o csv
cp out oct.csv
# xu22 (华南二组: 162, 168, 171, 181, 188 tickets, the median 171, the
# target 0.8 x 171 = 136.8): workload met 10; satisfaction 0.8899 met
# 25; resolution 1.0 met 15; timely 0.8704 met 10; attitude 0.6606
# below its floor 0.75: 0 of 30; complaints 4, linear from 8 to 3:
# (8 - 4) / 5 = 0.8 of 10; no audit data: 68.0 of 100, a fail
has "2026-10,agent,xu22,华南二组,68.0,fail,,score 68.0 < pass mark 75" oct.csv
ok cs-kpi verdict --month 2026-10 --explain xu22 -o csv
has "workload,162,,162,,,>= 0.8*median=136.8,0.5*median=85.5,linear,10,no,0,1.000,met" out
has "attitude_rate,72,109,0.6606,0.5675,0.7426,>= 0.85,0.75,linear,30,no,10,0.000,missed" out
has "complaints,4,,4,,,<= 3,8,linear,10,no,0,0.800,missed" out
has "composite,,,68.0,,,,,,,,,,fail" out
# yang9: satisfaction 34 of 98 (0.3469) below its floor 0.60: 0 of 25;
# resolution 0.9940 15; timely 95 of 166 (0.5723), (0.5723 - 0.5) / 0.2
# of 10 = 3.61; attitude 0.9286 30; complaints 10, past 8: 0; workload
# 166 (华东一组: 148, 163, 166, 178, 182, 193, the median (166 + 178) / 2
# = 172, the target 137.6) 10: 58.61 of 100, below the pass mark without
# the mandatory rule
ok cs-kpi verdict --month 2026-10 --explain yang9 -o csv
has "workload,166,,166,,,>= 0.8*median=137.6,0.5*median=86.0,linear,10,no,0,1.000,met" out
has "satisfaction_rate,34,98,0.3469,0.2601,0.4453,>= 0.85,0.6,linear,25,no,10,0.000,missed" out
has "timely_rate,95,166,0.5723,0.4962,0.6451,>= 0.7,0.5,linear,10,yes,20,0.361,missed" out
has "composite,,,58.6,,,,,,,,,,fail" out
# the rewards list: the excellent of an ended month
same "$(awk -F, '$7 == "reward" { print $3 }' oct.csv | tr '\n' ' ')" \
    "liu14 liu24 sun12 wang11 zhang6 "
same "$(awk -F, '$6 == "excellent" && $7 != "reward"' oct.csv)" ""
ok cs-kpi verdict --month 2026-10 --explain zhang6 -o csv
has "score 100.0 >= excellent mark 98: a reward (on the rewards list once the period has ended)" out
# November has not ended: its excellent are provisional, no reward yet
ok cs-kpi verdict --month 2026-11 --dry-run -o csv
has "2026-11,agent,sun12,华东一组,100.0,excellent,provisional," out
lacks ",reward," out
ok cs check
