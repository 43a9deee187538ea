# One-record commands stay one-record (issue: whole-month jobs): adding,
# changing and showing one ticket reads what that record needs, never
# the month.  The month's journal is the month's size (at 1,000,000
# tickets, 600 MB): a change appends to it, reading only its header and
# its last line.  Here it is made 2 GiB (a sparse hole before its last
# line) and every command runs in 256 MiB of address space: reading the
# journal whole would fail.
. "$TOP/tests/cli/lib.sh"
export CS_NOW="2026-11-23 10:00"
# a sanitizer build reserves more than any such limit: nothing to learn
(ulimit -v 262144; cs --version) >/dev/null 2>&1 ||
    { echo "skip: the programs do not run in 256 MiB (a sanitizer build)"; exit 0; }
sample s
export CS_DATA_DIR=s
j=s/journal/2026-11.csv
[ -f "$j" ] || fail "no $j"
tail -n 1 "$j" >last
truncate -s $((2048 * 1024 * 1024)) "$j"
cat last >>"$j"
big=$(wc -c <"$j")

lim() { (ulimit -v 262144; exec "$@"); }
ok lim cs-ticket add kind=inquiry channel=online agent=zhang6 \
    customer=C-000001 subject="one record"
id=$(cat out)
ok lim cs-ticket show "$id"
has "one record" out
ok lim cs-ticket reply "$id"
ok lim cs-ticket resolve "$id" result=solved
# each change appended its lines after the last one, chained to it
[ "$(wc -c <"$j")" -gt "$big" ] || fail "the journal did not grow"
tail -c +$((big - $(wc -c <last) + 1)) "$j" | head -n 1 >first
same "$(cat first)" "$(cat last)"
lines=$(tail -c +$((big + 1)) "$j" | grep -c "^2026-11-23")
[ "$lines" -ge 3 ] || fail "want the changes' journal lines, got $lines"
