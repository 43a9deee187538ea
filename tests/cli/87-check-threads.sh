# cs check splits a month's chunks across the cores (CS_THREADS): on a
# department with faults in several chunk files (a bad value, a line
# that does not split, ids out of order across a chunk's boundary, a
# last line without its line end), the same lines in the same order at
# 1, 2 and 8 threads, and --repair mends the same.
. "$TOP/tests/cli/lib.sh"

CS_CHUNK_BYTES=20000 cs-gen -s 4 -c 300 -a 12 -t 2000 -m 2026-11 \
    -e 2026-11-30 g >/dev/null || fail "cs-gen"
export CS_NOW="2026-12-02 08:00"
set -- g/tickets/2026-11/*.csv
[ $# -ge 12 ] || fail "want a dozen chunks: $#"
ok cs -D g check
t2=$2 t5=$5 t9=$9
shift 9
t11=$2
o=$(ls g/orders/2026-11/*.csv | sed -n 4p)
# a bad status in the middle of chunk 2, a torn quote in chunk 5
awk -F, -v OFS=, 'NR == 7 { $17 = "bogus" } { print }' "$t2" >x && cat x >"$t2"
awk 'NR == 4 { print "\"T-2026,open"; next } { print }' "$t5" >x && cat x >"$t5"
# the first record of chunk 9 swapped with the last of chunk 11's: both
# out of their chunk, ids out of order on both sides of a boundary
f=$(sed -n 2p "$t9") l=$(tail -n 1 "$t11")
awk -v l="$l" 'NR == 2 { print l; next } { print }' "$t9" >x && cat x >"$t9"
awk -v f="$f" -v n="$(wc -l <"$t11")" 'NR == n { print f; next } { print }' \
    "$t11" >x && cat x >"$t11"
# an order chunk whose last line lost its line end
head -c -1 "$o" >x && cat x >"$o"

CS_THREADS=1 status 1 cs -D g check
cp out want
for t in 2 8; do
	CS_THREADS=$t status 1 cs -D g check
	cmp -s out want || fail "[$n] cs check at $t threads: $(diff want out | head -5)"
done
has "$(echo "$t2" | sed 's|^g/||'):7: field 'status'" want
has "$(echo "$t5" | sed 's|^g/||'):4:" want
has "$(echo "$t9" | sed 's|^g/||'):2: id '" want
has "outside its chunk" want
has "$(echo "$o" | sed 's|^g/||'): the last line has no line end" want
[ "$(wc -l <want)" -ge 6 ] || fail "want six problems or more: $(cat want)"

cp -a g h
CS_THREADS=1 status 1 cs -D g check --repair
cp out want
CS_THREADS=8 status 1 cs -D h check --repair
same "$(cat out)" "$(cat want)"
has "added the line end of the last record" want

# a share goes on with the order of ids from the last chunk before it
# that check reads an id of: past a chunk that is only a header, and one
# whose header does not bind, as one thread does
CS_CHUNK_BYTES=20000 cs-gen -s 4 -c 300 -a 12 -t 2000 -m 2026-11 \
    -e 2026-11-30 e >/dev/null || fail "cs-gen"
set -- e/tickets/2026-11/*.csv
b=$(($# / 2 + $# % 2))	# the first chunk of the second of two shares
eval "p=\${$((b - 2))} e=\${$((b - 1))} q=\${$b} r=\${$((b + 1))}"
head -n 1 "$e" >x && cat x >"$e"
sed '1s/,status,/,statos,/' "$q" >x && cat x >"$q"
l=$(tail -n 1 "$p")
awk -v l="$l" 'NR == 2 { print l } { print }' "$r" >x && cat x >"$r"
CS_THREADS=1 status 1 cs -D e check
cp out want
has "$(echo "$r" | sed 's|^e/||'):2: id '${l%%,*}' out of order after '${l%%,*}'" want
for t in 2 3 8; do
	CS_THREADS=$t status 1 cs -D e check
	cmp -s out want || fail "[$n] cs check at $t threads: $(diff want out | head -5)"
done

# a month file bigger than a chunk (the journal, the order events) is
# split at line ends across the threads: the faults of each part listed
# with the file's line numbers, in file order, as at one thread
CS_CHUNK_BYTES=20000 cs-gen -s 4 -c 300 -a 12 -t 2000 -m 2026-11 \
    -e 2026-11-30 j >/dev/null || fail "cs-gen"
jf=j/journal/2026-11.csv ef=j/order-events/2026-11.csv
jl=$(wc -l <"$jf") el=$(wc -l <"$ef")
[ "$(wc -c <"$jf")" -gt 80000 ] || fail "want a journal of four chunks"
[ "$(wc -c <"$ef")" -gt 40000 ] || fail "want order events of two chunks"
# faults near the start, the middle and the end of each file
a=3 b=$((jl / 2)) c=$((jl - 2)) d=$((el / 2 + 1))
awk -F, -v OFS=, -v a=$a -v b=$b -v c=$c \
    'NR == a { $1 = "2026-10-31T00:00:00+08:00" } NR == b { print "\"torn,x"; next }
    NR == c { $2 = "" } { print }' "$jf" >x && cat x >"$jf"
awk -F, -v OFS=, -v d=$d 'NR == d { $1 = "yesterday" } { print }' "$ef" >x &&
    cat x >"$ef"
head -c -1 "$jf" >x && cat x >"$jf"
CS_THREADS=1 status 1 cs -D j check
cp out want
has "journal/2026-11.csv:$a: time '2026-10-31T00:00:00+08:00' is not in 2026-11" want
has "journal/2026-11.csv:$b: unterminated quoted field" want
has "journal/2026-11.csv:$c: field 'user'" want
has "order-events/2026-11.csv:$d: field 'time'" want
has "journal/2026-11.csv: the last line has no line end" want
for t in 2 3 8; do
	CS_THREADS=$t status 1 cs -D j check
	cmp -s out want || fail "[$n] cs check at $t threads: $(diff want out | head -5)"
done
