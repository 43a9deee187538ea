# What one fault at a time does not reach (found by a review of the commit
# protocol): a backup left by a change that committed, then a crash; a
# commit point that fails and a rollback killed after it; SIGTERM during
# the last write; hard links planted as .lock and .intent.
. "$TOP/tests/cli/lib.sh"
SHIM=$(cd "$(dirname "$(command -v cs)")/.." && pwd)/tests/fault.so
if [ ! -f "$SHIM" ] || ldd "$(command -v cs)" 2>/dev/null | grep -q libasan; then
	echo "skip: no $SHIM (the plain build only)"
	exit 0
fi
command -v strace >/dev/null || fail "strace is not installed (.ci/deps)"
export CS_NOW="2026-11-28 10:00"
sample d
export CS_DATA_DIR=d
ok cs-customer set C-000001 notes=warm	# journal/2026-11.csv exists

# the grade of customer $1
grade() {
	cs-customer show "$1" -o csv | awk -F, 'NR == 1 { for (i = 1; i <= NF; i++)
	    if ($i == "grade") c = i } NR == 2 { print $c }'
}

# 1. C-000007's change commits, but its backup cannot be removed (the
# third unlink); the next change is killed just after its undo record
# names a backup of the same name: the stale one must not come back
LD_PRELOAD="$SHIM" CS_FAULT=unlink:3 ok cs-customer set C-000007 grade=A
[ -n "$(ls -A d | grep cs-old)" ] || fail "want the backup left over"
LD_PRELOAD="$SHIM" CS_FAULT=unlink:2:KILL cs-customer set C-000008 grade=A \
    >/dev/null 2>&1
ok cs check --repair
ok cs check
same "$(grade C-000007)" A

# 2. the commit point fails (the intent is emptied, its fdatasync fails)
# and the rollback is killed at its first truncation: the intent was
# written again, so the next writer rolls the rest back
before=$(snapshot d)
cp -r d d.copy
LD_PRELOAD="$SHIM" CS_FAULT=fdatasync:0 CS_FAULT_LOG=count \
    cs-customer set C-000009 grade=A >/dev/null 2>&1
rm -rf d && mv d.copy d
last=$(awk '/^count/ { print $3 }' count)
strace -f -qq -o /dev/null -e inject=fdatasync:error=EIO:when=$last \
    -e inject=ftruncate:signal=SIGKILL:when=2 \
    cs-customer set C-000009 grade=A >/dev/null 2>&1
ok cs check --repair
same "$(snapshot d)" "$before"

# 3. SIGTERM arrives while the customers are written, the last file of
# the import: rolled back, not committed and then killed before saying so
awk 'BEGIN { print "name,type"; for (i = 1; i <= 30; i++) printf "新%d,end\n", i }' >imp.csv
before=$(snapshot d)
strace -f -qq -o /dev/null -e inject=writev:signal=SIGTERM:when=2 \
    cs-customer import imp.csv >/dev/null 2>term.err
same "$(snapshot d)" "$before"
# and says so before the signal ends it
has "cs-customer: interrupted by signal 15: nothing stored" term.err
ok cs-customer import imp.csv
same "$(grep -c ',新[0-9]*,' d/customers.csv)" 30

# 4. a hard link planted as .lock or .intent is not written through
echo precious >outside
rm -f d/.lock
ln outside d/.lock
status 77 cs-customer set C-000001 notes=x
same "$(cat outside)" precious
rm d/.lock
rm -f d/.intent
ln outside d/.intent
status 77 cs-customer set C-000001 notes=x
same "$(cat outside)" precious
rm d/.intent
ok cs-customer set C-000001 notes=x
ok cs check

# 5. the next ordinary writer, not only --repair, rolls a killed change
# back first, says so, and then makes its own
before=$(cat d/customers.csv)
LD_PRELOAD="$SHIM" CS_FAULT=fdatasync:3:KILL cs-customer set C-000010 notes=killed \
    >/dev/null 2>&1
status 1 cs check
has "unfinished change by cs-customer" out
has "restore customers.csv from its backup" out
ok cs-customer add name=后来者 type=end
has "rolled back an unfinished change (cs-customer (pid" err
# who: the real user and the one acted as, as the journal names them
has "user $(id -un) as tester, " err
id=$(cat out)
same "$(grep -v "^$id," d/customers.csv)" "$before"
ok cs check
