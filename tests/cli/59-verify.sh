# cs verify: the journal's hash chain, and every record held to the
# journal's replay.  The sample department verifies (its generator writes
# the journal), and so does one built by commands, across months; a rating
# edited by hand, a record line deleted, a line inserted and a journal
# line edited are each reported with file and line, exit 1.  An old
# journal without the hash column starts the chain where the column does.
. "$TOP/tests/cli/lib.sh"

# ---- untouched departments verify ----
sample d
ok cs verify -D d
same "$(cat out)" ""
ok cs check -D d

export CS_DATA_DIR=b CS_USER=zhang6
ok cs init b
CS_NOW="2026-10-30 09:00" ok cs-staff add id=zhang6 name=张六 team=华东一组 \
    role=agent hired=2024-03-01
CS_NOW="2026-10-30 09:05" ok cs-customer add name=张三 phone=13800138000 \
    type=end region=华东
c=$(cat out)
CS_NOW="2026-10-31 10:00" ok cs-ticket add channel=phone customer="$c" \
    subject=运单查询 agent=zhang6
t=$(cat out)
CS_NOW="2026-11-02 10:00" ok cs-ticket reply "$t" note="found it"
CS_NOW="2026-11-02 11:00" ok cs-ticket resolve "$t" result=answered
CS_NOW="2026-11-03 11:00" ok cs-ticket rate "$t" satisfaction=2 attitude=good
CS_NOW="2026-11-03 12:00" ok cs-customer set "$c" grade=A
ok cs verify
same "$(cat out)" ""
# every line hashed, November's first chained to October's last
has ",new,hash" b/journal/2026-11.csv
same "$(cat b/journal/*.csv | grep -v '^time,' | grep -v ',[0-9a-f]\{64\}$')" ""

# ---- tampering found, each with its file and line ----
T=d/tickets/2026-11/T-20261101-0001.csv
K=d/complaints/2026-11/K-20261101-0001.csv
O=d/orders/2026-11/O-20261101-0001.csv
J=d/journal/2026-10.csv
# the rating of line 2 (satisfaction, the 19th column), from 4 to 1
sed -i '2s/,closed,answered,4,good,/,closed,answered,1,good,/' "$T"
has ",closed,answered,1,good," "$T"
# the 4th record of the complaints deleted, a copy of an order inserted
# under a new id
kid=$(sed -n 4p "$K" | cut -d, -f1)
sed -i 4d "$K"
sed -n 2p "$O" | sed 's/^O-20261101-0001,/O-20261101-0000,/' >ins
sed -i "1r ins" "$O"
# a journal line edited: who did it
sed -i '6s/^\([^,]*\),cs-gen,/\1,someone,/' "$J"
has ",someone," "$J"
status 1 cs verify -D d
has "${T#d/}:2: T-20261101-0001 differs from the journal: field 'satisfaction' is '1', the journal says '4'" out
has "the journal adds $kid, but complaints has no such record (a line deleted?)" out
has "${O#d/}:2: O-20261101-0000 is not in the journal (a line added by hand?)" out
has "journal/2026-10.csv:6: the hash chain breaks here" out
same "$(wc -l <out)" 4
# the journal line of the deleted record: its file and line
has "journal/2026-11.csv:$(grep -n ",import,$kid," d/journal/2026-11.csv |
    cut -d: -f1): the journal adds $kid" out
# a journal line deleted, and one inserted
sample e
sed -i 10d e/journal/2026-11.csv
status 1 cs verify -D e
has "journal/2026-11.csv:10: the hash chain breaks here" out
sample e2
sed -n 20p e2/journal/2026-11.csv >l
sed -i "30r l" e2/journal/2026-11.csv
status 1 cs verify -D e2
has "journal/2026-11.csv:31: the hash chain breaks here" out
has "journal/2026-11.csv:32: the hash chain breaks here" out

# ---- an old journal, without the hash column ----
cs init o >/dev/null
export CS_DATA_DIR=o
CS_NOW="2026-11-01 09:00" ok cs-staff add id=li.na name=李娜 team=东 role=agent
CS_NOW="2026-11-01 09:01" ok cs-staff add id=tom name=Tom team=东 role=leader
sed -i -e '1s/,hash$//' -e '2,$s/,[0-9a-f]\{64\}$//' o/journal/2026-11.csv
ok cs check
ok cs verify
CS_NOW="2026-11-02 09:00" ok cs-staff set li.na team=西
has "time,user,program,command,id,field,old,new,hash" o/journal/2026-11.csv
ok cs check
ok cs verify
has "journal/2026-11.csv:4: the hash chain begins here; the 2 lines before it carry no hash" out
# a hash-less line after the chain began is a break
printf '2026-11-02T09:30:00+08:00,x,cs-staff,set,tom,team,东,西,\n' >>o/journal/2026-11.csv
sed -i 's/^tom,Tom,东,/tom,Tom,西,/' o/staff.csv
status 1 cs verify
has "journal/2026-11.csv:5: no hash: the chain is broken here" out

# ---- a stored verdict held to its data, its rules and the journal ----
unset CS_DATA_DIR
export TZ=Asia/Shanghai CS_NOW="2026-11-23 07:00" CS_USER=tester
sample v
ok cs-kpi verdict -D v --month 2026-10
ok cs-kpi verdict -D v --month 2026-11 --provisional
has "period,level,person,score,outcome,review,computed_at,data_digest,rules_digest" v/kpi/verdicts.csv
ok cs verify -D v
same "$(cat out)" ""
cp -r v v2
cp -r v v3
# a rating behind chen21's October verdict edited by hand
T=$(grep -l ",chen21,华东一组," v/tickets/2026-10/*.csv | head -1)
n=$(grep -n ",chen21,华东一组,.*,closed,answered,3,good," "$T" | head -1 | cut -d: -f1)
sed -i "${n}s/,closed,answered,3,good,/,closed,answered,5,good,/" "$T"
vl=$(grep -n "^2026-10,agent,chen21," v/kpi/verdicts.csv | cut -d: -f1)
status 1 cs verify -D v
has "kpi/verdicts.csv:$vl: the agent verdict of chen21 for 2026-10 no longer matches its records: they have changed since it was computed at 2026-11-23T07:00:00+08:00" out
same "$(grep -c 'no longer matches' out)" 1
# with a workload target relative to the team median (the sample's), a
# verdict moves with the team's workloads: 华东一组's October workloads
# are 148 163 166 178 182 193, the median 172; a ticket of yang9's
# removed makes it 171.5, so chen21's verdict is named with yang9's
sample vm
ok cs-kpi verdict -D vm --month 2026-10
yt=$(grep -h ',yang9,' vm/tickets/2026-10/*.csv | head -n 1 | cut -d, -f1)
grep -l "^$yt," vm/tickets/2026-10/*.csv | xargs sed -i "/^$yt,/d"
exits 1 cs verify -D vm
has "the agent verdict of yang9 for 2026-10 no longer matches its records" out
has "the agent verdict of chen21 for 2026-10 no longer matches its records" out
lacks "the agent verdict of li8 " out	# another team's

# a provisional verdict is not held to its data: November's records change
id=$(grep -h ",chen21,华东一组," v2/tickets/2026-11/*.csv | head -1 | cut -d, -f1)
ok cs-ticket -D v2 set "$id" notes="called back"
ok cs verify -D v2
same "$(cat out)" ""
# the outcome edited in kpi/verdicts.csv; a verdict line deleted
sed -i "${vl}s/,pass,no,/,excellent,no,/" v2/kpi/verdicts.csv
li=$(grep -n "^2026-10,agent,li8," v2/kpi/verdicts.csv | cut -d: -f1)
sed -i "${li}d" v2/kpi/verdicts.csv
status 1 cs verify -D v2
has "kpi/verdicts.csv:$vl: the agent verdict of chen21 for 2026-10 differs from the journal: field 'outcome' is 'excellent', the journal says 'pass'" out
has "the journal stores the agent verdict of li8 for 2026-10, but kpi/verdicts.csv has none (a line deleted?)" out
same "$(wc -l <out)" 2
# the pass mark lowered after the verdicts were weighed: said once a period
sed -i 's/^agent,pass_mark,75,/agent,pass_mark,70,/' v3/policy/kpi.csv
has "agent,pass_mark,70," v3/policy/kpi.csv
status 1 cs verify -D v3
has "the rules the agent verdicts of 2026-10 were weighed by have changed since (policy/kpi.csv, sla.csv or audit.csv)" out
same "$(wc -l <out)" 1
# verdicts stored again, by whoever: verifies, and a person gone from the
# roster has their old verdict removed, journaled as removed
ok cs-staff -D v3 add id=new1 name=新人 team=华东一组 role=agent \
    hired=2026-09-01
ok cs-kpi verdict -D v3 --month 2026-10
has "2026-10,agent,new1," v3/kpi/verdicts.csv
ok cs-staff -D v3 set new1 left=2026-09-30
ok cs-kpi verdict -D v3 --month 2026-10
lacks "2026-10,agent,new1," v3/kpi/verdicts.csv
has ",cs-kpi,verdict,new1,2026-10,\"2026-10,agent,new1," v3/journal/2026-11.csv
ok cs verify -D v3
same "$(cat out)" ""
# a verdict stored before the digests (and its journal line before the
# hash column): said, not a finding
cs init w >/dev/null
mkdir -p w/kpi
printf 'period,level,person,score,outcome,review,computed_at\n2026-10,agent,ann,80.0,pass,no,2026-11-01T08:00:00+08:00\n' >w/kpi/verdicts.csv
printf 'time,user,program,command,id,field,old,new\n2026-11-01T08:00:00+08:00,root,cs-kpi,verdict,ann,2026-10,,"2026-10,agent,ann,80.0,pass,no,2026-11-01T08:00:00+08:00"\n' >w/journal/2026-11.csv
ok cs verify -D w
same "$(cat out)" "kpi/verdicts.csv:2: the agent verdict of ann for 2026-10 was stored without a digest: its data cannot be checked"

# ---- the stores at one moment ----
# verify reads under the lock, shared: while a writer holds it, verify
# waits (--wait), then is status 75 naming the holder
sample vl
command -v flock >/dev/null || { echo "skip: no flock(1)"; exit 0; }
flock -x vl sleep 2 &
holder=$!
i=0
while flock -n vl true && [ $i -lt 100 ]; do	# until the holder has it
	sleep 0.05
	i=$((i + 1))
done
status 75 cs verify -D vl --wait 0
has "is busy" err
wait $holder
ok cs verify -D vl
# a change a writer left unfinished (killed at its first fdatasync, the
# intent written): the stores are not whole, 75; after the repair, clean
if command -v strace >/dev/null; then
	CS_DATA_DIR=vl strace -f -qq -o /dev/null \
	    -e inject=fdatasync:signal=SIGKILL:when=1 \
	    cs-customer set C-000009 grade=A >/dev/null 2>&1
	[ -s vl/.intent ] || fail "no unfinished change left to verify"
	status 75 cs verify -D vl
	has "an unfinished change by cs-customer" err
	ok cs check -D vl --repair
	ok cs verify -D vl
	same "$(cat out)" ""
else
	echo "skip: no strace (an unfinished change)"
fi

# ---- alert-acks.csv, a log, held line by line to the journal ----
sample va
CS_NOW="2026-11-23 10:00" ok cs-customer -D va ack C-000001 satisfaction note="已回电"
CS_NOW="2026-11-23 11:00" ok cs-customer -D va ack C-000009 satisfaction note="跟进中"
CS_NOW="2026-11-23 12:00" ok cs-customer -D va ack --resolve C-000001 satisfaction
ok cs verify -D va
same "$(cat out)" ""
cp va/alert-acks.csv acks.keep
# a state edited, a line repeated at the end
sed -i '4s/,resolved,/,acknowledged,/' va/alert-acks.csv
sed -n 2p acks.keep >>va/alert-acks.csv
exits 1 cs verify -D va
has "alert-acks.csv:4: differs from the journal's line (journal/2026-11.csv:" out
has "alert-acks.csv:5: not in the journal (a line added by hand?)" out
# a line deleted; the file removed
cp acks.keep va/alert-acks.csv
sed -i 3d va/alert-acks.csv
exits 1 cs verify -D va
has "a line of alert-acks.csv that it lacks (a line deleted?)" out
lacks "alert-acks.csv:3: differs" out
rm va/alert-acks.csv
exits 1 cs verify -D va
has "the journal writes alert-acks.csv, which is missing" out
cp acks.keep va/alert-acks.csv
ok cs verify -D va
