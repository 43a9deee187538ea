# cs-kpi trend and report read the tickets across the cores (CS_THREADS),
# each thread into series and after-sales groups of its own, merged in
# share order: trend, report (the HTML) and verdict byte for byte the
# same at 1, 2 and 8 threads on a department of many chunks a month.
# A month's score reads a bounded window, not every earlier month: the
# look-back of 92 days (cs-kpi(1)); a month's chunk outside it that
# cannot be read changes nothing, and one inside it is read.
. "$TOP/tests/cli/lib.sh"

CS_CHUNK_BYTES=30000 cs-gen -s 5 -c 200 -a 8 -t 1500 \
    -m 2026-06,2026-07,2026-08,2026-09,2026-10,2026-11 -e 2026-11-30 g \
    >/dev/null || fail "cs-gen"
[ "$(ls g/tickets/2026-11 | wc -l)" -ge 8 ] || fail "want chunks: $(ls g/tickets/2026-11)"
export CS_NOW="2026-12-02 08:00"
same_threads cs-kpi -D g trend -o csv
same_threads cs-kpi -D g trend
same_threads cs-kpi -D g report --month 2026-11
grep -q "After-sales" out || fail "a report without its after-sales table"
same_threads cs-kpi -D g report --quarter 2026-Q4
same_threads cs-kpi -D g verdict --month 2026-11 --dry-run -o csv

# the window: November's score reads August to November
ok cs-kpi -D g score --month 2026-11 -o csv
cp out score
# months before the window: every chunk a malformed line.  June is
# before the verdict's window too (the month before, for the rule of
# consecutive failures, and its look-back); July only before the score's
for m in 2026-06 2026-07; do
	for f in g/tickets/$m/*.csv g/complaints/$m/*.csv; do
		printf 'x,"torn\n' >>"$f"
	done
	for t in 1 2 8; do
		CS_THREADS=$t ok cs-kpi -D g score --month 2026-11 -o csv
		cmp -s out score || fail "$m outside the window changed the score: $(diff score out | head -5)"
	done
	[ $m = 2026-06 ] && ok cs-kpi -D g verdict --month 2026-11 --dry-run -o csv
done
exits 65 cs-kpi -D g verdict --month 2026-11 --dry-run -o csv
has "2026-07/" err
# ... and an unreadable one, where a reader is not root
chmod 000 g/tickets/2026-07/*.csv
if ! cat g/tickets/2026-07/*.csv >/dev/null 2>&1; then
	ok cs-kpi -D g score --month 2026-11 -o csv
	cmp -s out score || fail "an unreadable old month changed the score"
fi
chmod 644 g/tickets/2026-07/*.csv
# the window's first month is read: a malformed line there is an error
f=$(ls g/tickets/2026-08/*.csv | head -n 1)
printf 'x,"torn\n' >>"$f"
exits 65 cs-kpi -D g score --month 2026-11 -o csv
has "2026-08/" err
has "unterminated quoted field" err
