# -q/--quiet, a common option of every program (cs(7)): accepted before
# and after the command, passed on by cs X; it leaves out the notes of
# what a command was asked to do (an import's ignored columns, a stored
# verdict that changes), never an error, a warning of what was not asked
# (an unfinished change rolled back) or the exit status.
. "$TOP/tests/cli/lib.sh"
export CS_NOW="2026-12-02 08:00"
cs init d >/dev/null || fail "init"
export CS_DATA_DIR=d

for p in cs-staff cs-customer cs-ticket cs-order cs-complain cs-audit cs-kpi; do
	ok "$p" -q --help
	ok "$p" --quiet --version
done
ok cs -q check
ok cs --quiet verify
ok cs-staff -q add id=li.na name=李娜 team=华东一组 role=agent
ok cs-staff list --quiet -o csv
has li.na out
ok cs -q staff list -o csv
has li.na out

# an import told to ignore a column says which, unless -q
cat >c.csv <<'Z'
name,type,Priority
Acme,channel,High
Z
ok cs-customer import -n --ignore-unknown c.csv
has "columns ignored (--ignore-unknown): 'Priority'" err
ok cs-customer import -n -q --ignore-unknown c.csv
same "$(cat err)" ""
ok cs -q customer import -n --ignore-unknown c.csv
same "$(cat err)" ""
# an error is said all the same, with its status
status 64 cs-customer -q import --ignore-unknown --nonesuch c.csv
status 66 cs-customer import -q nonesuch.csv

# a stored verdict that changes is said, unless -q
sample s
ok cs-kpi -D s verdict --month 2026-10 -o csv
sed -i 's/^\(2026-10,agent,yang9,[0-9.]*,\)fail,/\1pass,/' s/kpi/verdicts.csv
cp s/kpi/verdicts.csv v
ok cs-kpi -D s verdict --month 2026-10 -o csv
has "2026-10 yang9: pass before, now fail" err
cp v s/kpi/verdicts.csv
ok cs-kpi -D s verdict --month 2026-10 -o csv --quiet
same "$(cat err)" ""

# an unfinished change rolled back is said under -q too
SHIM=$(cd "$(dirname "$(command -v cs)")/.." && pwd)/tests/fault.so
if [ ! -f "$SHIM" ] || ldd "$(command -v cs)" 2>/dev/null | grep -q libasan; then
	echo "skip: the rollback under -q: no $SHIM (the plain build only)"
	exit 0
fi
ok cs-customer add name=甲 type=end
LD_PRELOAD="$SHIM" CS_FAULT=fdatasync:3:KILL cs-customer set C-000001 notes=killed \
    >/dev/null 2>&1
ok cs-customer -q add name=乙 type=end
has "rolled back an unfinished change (cs-customer (pid" err
