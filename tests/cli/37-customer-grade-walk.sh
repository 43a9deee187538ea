# cs-customer grade and alerts in bounded memory (cs_custset_walk): the
# year's records sorted by customer on disk, in runs of CS_SORT_BYTES,
# merged beside customers.csv, and the ranked grades cut from the types'
# scores sorted the same way.  The same lines whatever the runs and the
# threads, and the same customers with the same figures as the grading
# that holds every customer (taken for a customers.csv out of id order),
# ties across the cuts among them; the changes made the same; --explain
# of one customer its rank among its type's, walked the same way.
. "$TOP/tests/cli/lib.sh"

cs-gen -s 9 -c 2500 -a 12 -t 4000 -O 6000 -m 2026-11 -e 2026-11-30 g \
    >/dev/null || fail "cs-gen"
export CS_NOW="2026-11-30 12:00" CS_USER=bench
grep -q '^relative\.A,' g/policy/grades.csv || fail "want a ranked policy"
mkdir tmp
export TMPDIR="$PWD/tmp"

for verb in "-n grade" "-n grade --all" "alerts"; do
	CS_THREADS=1 ok cs-customer -D g -o csv $verb
	cp out want
	[ "$(wc -l <want)" -gt 2 ] || fail "$verb: want lines: $(head -3 want)"
	for t in 1 2 8; do
		for bytes in 1 5000 100000000; do
			CS_SORT_BYTES=$bytes CS_THREADS=$t ok cs-customer -D g -o csv \
			    $verb
			cmp -s out want || fail "$verb, $t threads, runs of $bytes" \
			    "bytes: $(diff want out | head -5)"
		done
	done
	cp want "walk.$(echo $verb | tr -d ' -')"
done
[ -z "$(ls tmp)" ] || fail "files left in TMPDIR: $(ls tmp)"
# ties: customers of one type with the same score, on both sides of a cut
awk -F, 'NR > 1 { n[$2 "," $3]++ } END { for (k in n) if (n[k] > 1) t++;
    exit !(t > 0) }' walk.gradeall || fail "want ties of scores"
cut -d, -f5 walk.gradeall | sort | uniq -c | awk '{ print $2 }' | tr -d '\n' |
    grep -q ABC || fail "want all three grades: $(cut -d, -f5 walk.gradeall | sort | uniq -c)"

# held: the same customers out of id order (two lines swapped) are
# graded holding them all, by cs_grade_rank: the same lines, sorted
cp -r g h
awk 'NR == 2 { a = $0; next } NR == 3 { print; print a; next } 1' \
    g/customers.csv >h/customers.csv
for verb in "-n grade --all" "alerts"; do
	ok cs-customer -D h -o csv $verb
	sort out >held
	sort "walk.$(echo $verb | tr -d ' -')" >walked
	cmp -s held walked || fail "$verb held and walked: $(diff held walked | head -5)"
done

# --explain ONE under a ranked policy: every customer walked, this one's
# figures kept and its rank found among its type's; the same as held
for id in C-000001 C-001250 C-002500; do
	CS_SORT_BYTES=5000 ok cs-customer -D g -o csv grade --explain $id
	cp out walked
	grep -q '^grade,"[ABC], rank [0-9]* of [0-9]*"' walked ||
	    fail "--explain $id: no rank: $(grep ^grade, walked)"
	ok cs-customer -D h -o csv grade --explain $id
	cmp -s out walked || fail "--explain $id held and walked: $(diff out walked)"
	grep "^$id," walk.gradeall | cut -d, -f5 >want
	grep '^grade,' walked | cut -c8 >got
	cmp -s want got || fail "--explain $id: grade $(cat got), grade says $(cat want)"
done

# held (an id the stores do not make, so not packed): --explain finds a
# customer by its whole id, not by the 15 characters a result keeps
cp -r g h2
tail -n 1 g/customers.csv | sed 's/^C-[0-9]*,/C-0000000000000001,/' >>h2/customers.csv
ok cs-customer -D h2 -o csv grade --explain C-0000000000000001
grep -q '^grade,"[ABC], rank [0-9]* of [0-9]*"' out ||
    fail "--explain of a long id: $(cat out)"
status 65 cs-customer -D h2 -o csv grade --explain C-0000000000000

# the changes made: the same grades stored, each journaled; then none
cp -r g g2
CS_SORT_BYTES=5000 ok cs-customer -D g -o csv grade
cmp -s out walk.grade || fail "grade lists its changes: $(diff walk.grade out | head -3)"
ok cs-customer -D h -o csv grade
sort g/customers.csv >a
sort h/customers.csv >b
cmp -s a b || fail "stored grades differ from the held grading's: $(diff a b | head -4)"
[ "$(grep -c ',grade,C-' g/journal/2026-11.csv)" -eq \
    "$(($(wc -l <walk.grade) - 1))" ] || fail "a journal line a change"
ok cs-customer -D g -o csv -n grade
[ "$(wc -l <out)" -eq 1 ] || fail "changes after the changes: $(cat out)"
ok cs -D g check

# a sort file that cannot be made is an error (the temporary directory
# not there), with nothing listed
TMPDIR="$PWD/none" CS_SORT_BYTES=1 status 73 cs-customer -D g2 -o csv -n grade
has "mkstemp" err
[ ! -s out ] || fail "a failed grading listed: $(head -3 out)"
TMPDIR="$PWD/none" CS_SORT_BYTES=1 status 73 cs-customer -D g2 -o csv alerts
[ ! -s out ] || fail "failed alerts listed: $(head -3 out)"

# files that cannot grow past a size (ulimit -f, SIGXFSZ ignored: EFBIG),
# from a few blocks to more than grading writes (the journal of 4 MB
# among them): the store is as before,
# or the changes are made and the one failure is the listing's own (on
# standard output); never the changes made and their listing lost to a
# temporary file that failed (its lines are kept for after the change)
cp g2/customers.csv before.csv
fired=0
for blocks in 1 2 4 8 16 32 64 128 256 512 1024 2048 4096 8192 16384; do
	rm -rf f && cp -r g2 f
	st=0
	(trap '' XFSZ; ulimit -f $blocks; CS_SORT_BYTES=2000 \
	    exec cs-customer -D f -o csv grade) >fout 2>ferr || st=$?
	[ $st -eq 0 ] || fired=$((fired + 1))
	if [ $st -ne 0 ] && ! cmp -s before.csv f/customers.csv; then
		grep -q "standard output" ferr ||
		    fail "files of $blocks blocks: $st ($(cat ferr)) after the grades were stored"
	fi
	if [ $st -eq 0 ] && ! cmp -s fout walk.grade; then
		fail "files of $blocks blocks: exit 0, not the listing: $(diff walk.grade fout | head -3)"
	fi
done
[ $fired -gt 3 ] || fail "files too small failed $fired times"
[ $st -eq 0 ] || fail "files of 16384 blocks: $st ($(cat ferr))"
