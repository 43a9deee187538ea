# Whole-month scans split across the cores (CS_THREADS): cs-kpi score and
# verdict (its stored digests too), and cs-audit sample, byte for byte the same at 1, 2 and 8
# threads, on the sample department and on a generated one of several
# chunks a month; an error is the first in file order whatever the
# threads; a month's journal split at lines across the threads reads the
# same promises; a complaint about the ticket of someone off the roster counts
# for them when a ticket of the period makes them a person, wherever that
# ticket is read.  cs-ticket list --sort in bounded memory: runs spilled
# to $TMPDIR (CS_SORT_BYTES small) print the same bytes as the sort in
# memory, in every format, on both departments.
. "$TOP/tests/cli/lib.sh"

sample d
export CS_NOW="2026-12-02 08:00"
for lvl in agent leader manager; do
	case $lvl in agent) p="--month 2026-11" ;; leader) p="--quarter 2026-Q4" ;;
	    *) p="--year 2026" ;; esac
	same_threads cs-kpi -D d score --level $lvl $p -o csv
	same_threads cs-kpi -D d score --level $lvl $p --partial -o csv
	same_threads cs-kpi -D d verdict --level $lvl $p --dry-run -o csv
done
same_threads cs-kpi -D d verdict --month 2026-11 --dry-run --explain zhang6 -o csv
same_threads cs-audit -D d sample --month 2026-11 -n 3 --dry-run -o csv

# a generated month of several chunks (a chunk is about 1 MiB), its
# journal of 18 MB read in parts (8 MB each at most): promises made in
# the journal's first part and last
cs-gen -s 4 -c 300 -a 12 -t 30000 -m 2026-10,2026-11 -e 2026-11-30 g ||
    fail "cs-gen"
[ "$(ls g/tickets/2026-11 | wc -l)" -ge 3 ] || fail "want chunks: $(ls g/tickets/2026-11)"
[ "$(wc -c <g/journal/2026-11.csv)" -gt 16000000 ] || fail "want a journal of 16 MB"
set -- $(awk -F, '$17 == "open" { print $1 }' g/tickets/2026-11/*.csv | head -n 3)
[ $# = 3 ] || fail "want open tickets"
export CS_NOW="2026-11-30 12:00"
for id; do
	ok cs-ticket -D g promise $id "2026-11-30 18:00"
done
# the first promise line moved to the journal's tenth line
awk -F, '$4 == "promise" && !done { done = 1; next } { print }' \
    g/journal/2026-11.csv >j
awk -F, '$4 == "promise" { print; exit }' g/journal/2026-11.csv >p
{ head -n 10 j; cat p; tail -n +11 j; } >g/journal/2026-11.csv
[ "$(awk -F, '$4 == "promise" { print NR }' g/journal/2026-11.csv | head -n 1)" = 11 ] ||
    fail "the promise did not move"
export CS_NOW="2026-12-02 08:00"
same_threads cs-kpi -D g score --month 2026-11 -o csv
same_threads cs-kpi -D g score --level leader --quarter 2026-Q4 -o csv
same_threads cs-kpi -D g verdict --month 2026-11 --dry-run -o csv
same_threads cs-audit -D g sample --month 2026-11 -n 4 --dry-run -o csv
same_threads cs-kpi -D g score --month 2026-11 -o csv
# CS_THREADS that is not a number of threads: as many as the cores
cp want want.gen
CS_THREADS=x ok cs-kpi -D g score --month 2026-11 -o csv
cmp -s out want.gen || fail "CS_THREADS=x: $(diff want.gen out | head -5)"

# --sort past its budget: runs of a row (d) or of a few hundred (g),
# merged into the bytes of the sort in memory (ties in file order: many
# tickets share a customer, a status), the runs' file unlinked at once;
# no room for it is 73, naming the step and the file
mkdir tmp
export TMPDIR=$PWD/tmp
for dept in "d 1 --year 2026" "g 65536 --month 2026-11"; do
	set -- $dept
	dd=$1 bytes=$2
	shift 2
	for s in -opened_at customer status -id; do
		for f in csv tsv json table excel; do
			ok cs-ticket -D $dd list "$@" --sort=$s -o $f
			[ -s out ] || fail "[$n] list --sort=$s -o $f printed nothing"
			cp out want
			CS_SORT_BYTES=$bytes ok cs-ticket -D $dd list "$@" --sort=$s -o $f
			cmp -s out want ||
			    fail "[$n] $dd --sort=$s -o $f in runs: $(diff want out | head -5)"
		done
	done
done
[ "$(wc -l <want)" -gt 0 ] || fail "want rows"
[ -z "$(ls tmp)" ] || fail "runs left in TMPDIR: $(ls tmp)"
TMPDIR=/nonexistent/dir CS_SORT_BYTES=4096 status 73 cs-ticket -D g list \
    --month 2026-11 --sort=-opened_at -o csv
has "mkstemp /nonexistent/dir/cs-sort." err
TMPDIR=/nonexistent/dir ok cs-ticket -D g list --month 2026-11 \
    --sort=-opened_at -o csv	# held in memory: no file
unset TMPDIR

# verdicts stored with the digests of their records: the same at any
# threads (a share's notes are added after the share before's)
mgr=$(awk -F, '$4 == "manager" { print $1; exit }' g/staff.csv)
for t in 1 2 8; do
	cp -r g g$t
	CS_THREADS=$t CS_USER=$mgr ok cs-kpi -D g$t verdict --month 2026-11 -o csv
	CS_THREADS=$t CS_USER=$mgr ok cs-kpi -D g$t verdict --level leader \
	    --quarter 2026-Q4 --provisional -o csv
	cut -d, -f1-5,8,9 g$t/kpi/verdicts.csv >v$t
done
[ "$(wc -l <v1)" -gt 10 ] || fail "want verdicts: $(cat v1)"
cmp -s v1 v2 || fail "verdicts at 2 threads: $(diff v1 v2 | head -5)"
cmp -s v1 v8 || fail "verdicts at 8 threads: $(diff v1 v8 | head -5)"

# a malformed line in the second and in the last chunk of the month: the
# second's, at any number of threads
set -- g/tickets/2026-11/*.csv
second=$2
eval "last=\${$#}"
echo 'T-20261130-9999,"torn' >>"$second"
echo 'T-20261130-9998,"torn' >>"$last"
for t in 1 2 8; do
	CS_THREADS=$t status 65 cs-kpi -D g score --month 2026-11 -o csv
	has "$second:" err
done

# a ticket of October complained about in November, given to ghost9 (off
# the roster), and a ticket of November of ghost9 read after it: the
# complaint is ghost9's, at any number of threads
c=$(awk -F, 'FNR > 1 && $7 ~ /^T-202610/ { print $7; exit }' d/complaints/2026-11/*.csv)
[ -n "$c" ] || fail "no complaint in November about an October ticket"
sed -i -E "s/^($c,[^,]*,[^,]*,[^,]*,)[^,]*/\1ghost9/" d/tickets/2026-10/*.csv
sed -i -E '2s/^(T-[0-9-]*,[^,]*,[^,]*,[^,]*,)[^,]*/\1ghost9/' d/tickets/2026-11/*.csv
same_threads cs-kpi -D d score --month 2026-11 -o csv
has '2026-11,agent,ghost9,complaints,1,' out
has '2026-11,agent,ghost9,workload,1,' out
# without a ticket of the period, no one's
sed -i -E '2s/^(T-[0-9-]*,[^,]*,[^,]*,[^,]*,)ghost9/\1zhang6/' d/tickets/2026-11/*.csv
same_threads cs-kpi -D d score --month 2026-11 -o csv
lacks ghost9 out
