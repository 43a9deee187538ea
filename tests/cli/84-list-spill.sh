# cs-ticket list, overdue and export across the threads: each thread's
# part of the output past CS_SPILL_BYTES goes to an unlinked file under
# $TMPDIR (a table's parts and the table past it too), and the bytes are
# those of one thread in every format,
# none left behind; a file that cannot be made fails with its step (73);
# a bad line prints, at any threads, the rows one thread prints before it.
. "$TOP/tests/cli/lib.sh"

CS_CHUNK_BYTES=65536 cs-gen -s 4 -c 300 -a 12 -t 3000 -m 2026-10,2026-11 \
    -e 2026-11-30 g >/dev/null || fail "cs-gen"
[ "$(ls g/tickets/2026-11 | wc -l)" -ge 8 ] ||
    fail "want chunks: $(ls g/tickets/2026-11)"
export CS_NOW="2026-11-30 12:00"
mkdir tmp
export TMPDIR="$PWD/tmp"

for fmt in csv tsv json table; do
	for verb in "list --month 2026-11" "overdue" "export --month 2026-11"; do
		CS_THREADS=1 ok cs-ticket -D g $verb -o $fmt
		cp out want
		[ "$(wc -l <want)" -gt 10 ] || fail "$verb -o $fmt: want rows"
		for t in 2 8; do
			for bytes in 1 5000; do
				CS_SPILL_BYTES=$bytes CS_THREADS=$t ok cs-ticket -D g \
				    $verb -o $fmt
				cmp -s out want || fail "$verb -o $fmt, $t threads," \
				    "$bytes bytes: $(diff want out | head -5)"
			done
		done
	done
done
CS_THREADS=1 ok cs-ticket -D g export --month 2026-11 --excel
cp out want
CS_SPILL_BYTES=1 CS_THREADS=2 ok cs-ticket -D g export --month 2026-11 --excel
cmp -s out want || fail "--excel: $(diff want out | head -5)"
[ -z "$(ls tmp)" ] || fail "files left in TMPDIR: $(ls tmp)"

TMPDIR=/nonexistent/dir CS_SPILL_BYTES=1 CS_THREADS=2 status 73 \
    cs-ticket -D g list --month 2026-11 -o csv
has "mkstemp /nonexistent/dir/cs-list." err
TMPDIR=/nonexistent/dir CS_THREADS=2 ok cs-ticket -D g list \
    --month 2026-11 -o csv	# held in memory: no file
# a table's part that cannot be held fails the table, which shows nothing
TMPDIR=/nonexistent/dir CS_SPILL_BYTES=1 CS_THREADS=2 status 73 \
    cs-ticket -D g list --month 2026-11 -o table
has "mkstemp /nonexistent/dir/cs-table." err
[ ! -s out ] || fail "a failed table printed: $(head -3 out)"

# a bad line in the fifth chunk: the same rows before it, the same error
bad=$(ls g/tickets/2026-11/*.csv | sed -n 5p)
awk 'NR == 9 { $0 = $0 ",extra" } 1' "$bad" >x && cat x >"$bad"
CS_THREADS=1 status 65 cs-ticket -D g list --month 2026-11 -o csv
cp out want
cp err wanterr
[ "$(wc -l <want)" -gt 100 ] || fail "want the rows before: $(wc -l <want)"
for t in 2 8; do
	for bytes in 1 5000 100000000; do
		CS_SPILL_BYTES=$bytes CS_THREADS=$t status 65 cs-ticket -D g list \
		    --month 2026-11 -o csv
		cmp -s out want || fail "bad line, $t threads: $(diff want out | head -5)"
		cmp -s err wanterr || fail "bad line, $t threads: $(cat err)"
	done
done
[ -z "$(ls tmp)" ] || fail "files left in TMPDIR: $(ls tmp)"
exit 0
