# cs-customer list, export and due, and cs-staff list, across the threads: the
# master store opened once and read in parts (CS_PART_BYTES for tests),
# each part's output made by a thread, written out in order: the same
# bytes as one thread's in every format, with filters and --search; a
# bad line prints the rows one thread prints before it, and the same
# error, with its line.
. "$TOP/tests/cli/lib.sh"

cs-gen -s 5 -c 3000 -a 12 -t 300 -m 2026-11 -e 2026-11-30 g >/dev/null ||
    fail "cs-gen"
export CS_NOW="2026-11-30 12:00"
cp g/customers.csv good
mkdir tmp
export TMPDIR="$PWD/tmp"

for fmt in csv tsv json table; do
	for verb in "list" "export" "list --type end --search 上海" \
	    "list --grade B"; do
		CS_THREADS=1 ok cs-customer -D g -o $fmt $verb
		cp out want
		[ "$(wc -l <want)" -gt 10 ] || fail "$verb -o $fmt: want rows"
		for t in 2 8; do
			for part in 500 4096 100000; do
				CS_PART_BYTES=$part CS_SPILL_BYTES=5000 CS_THREADS=$t ok \
				    cs-customer -D g -o $fmt $verb
				cmp -s out want || fail "$verb -o $fmt, $t threads," \
				    "parts of $part: $(diff want out | head -5)"
			done
		done
	done
	CS_THREADS=1 ok cs-staff -D g -o $fmt list
	cp out want
	CS_PART_BYTES=100 CS_THREADS=8 ok cs-staff -D g -o $fmt list
	cmp -s out want || fail "staff list -o $fmt: $(diff want out | head -5)"
done
# cs-customer due: its own columns made from each customer by the
# threads, the visits and a plan read first; in every format, for one
# agent, the same bytes as one thread's
agent=$(awk -F, '$4 == "agent" && $6 == "" { print $1; exit }' g/staff.csv)
CS_NOW="2026-11-02 10:00" ok cs-customer -D g visit C-000007 agent=$agent
CS_NOW="2025-01-03 10:00" ok cs-customer -D g visit C-002000 agent=$agent \
    satisfaction=4
CS_NOW="2026-11-10 10:00" ok cs-customer -D g visit --plan 2026-11-20 C-001500 \
    agent=$agent
for fmt in csv tsv json table; do
	for verb in "due" "due --agent $agent"; do
		CS_THREADS=1 ok cs-customer -D g -o $fmt $verb
		cp out want
		for t in 2 8; do
			for part in 500 100000; do
				CS_PART_BYTES=$part CS_SPILL_BYTES=5000 CS_THREADS=$t ok \
				    cs-customer -D g -o $fmt $verb
				cmp -s out want || fail "$verb -o $fmt, $t threads," \
				    "parts of $part: $(diff want out | head -5)"
			done
		done
	done
done
CS_THREADS=1 ok cs-customer -D g -o csv due
[ "$(wc -l <out)" -gt 100 ] || fail "due: want rows: $(head -3 out)"
# planned, never visited: due on the plan's day, the plan's agent's
grep -q "^$agent,C-001500,[ABC]*,,2026-11-20,2026-11-20\$" out ||
    fail "due: the plan: $(grep C-001500 out)"
grep -q ",C-002000,[ABC]*,2025-01-03," out ||
    fail "due: the last visit: $(grep C-002000 out)"
CS_THREADS=2 CS_PART_BYTES=500 ok cs-customer -D g -o csv due --agent $agent
has "$agent,C-001500," out
if grep -v "^agent,\|^$agent," out >/dev/null; then
	fail "due --agent: another's: $(grep -v "^agent,\|^$agent," out | head -3)"
fi

# none passes: 1, at any threads
CS_PART_BYTES=4096 CS_THREADS=2 status 1 cs-customer -D g list --search 无此人
[ -z "$(ls tmp)" ] || fail "files left in TMPDIR: $(ls tmp)"

# a bad line two thirds in: the same rows before it, the same error
awk 'NR == 2001 { $0 = $0 ",extra" } 1' g/customers.csv >x &&
    cat x >g/customers.csv
CS_THREADS=1 status 65 cs-customer -D g list -o csv
cp out want
cp err wanterr
has "customers.csv:2001: " err
[ "$(wc -l <want)" -eq 2000 ] || fail "want the rows before: $(wc -l <want)"
for t in 2 8; do
	for part in 500 4096 100000; do
		CS_PART_BYTES=$part CS_THREADS=$t status 65 cs-customer -D g list \
		    -o csv
		cmp -s out want || fail "bad line, $t threads: $(diff want out | head -5)"
		cmp -s err wanterr || fail "bad line, $t threads: $(cat err)"
	done
done
CS_PART_BYTES=4096 CS_THREADS=2 status 65 cs-customer -D g list -o table
[ ! -s out ] || fail "a failed table printed: $(head -3 out)"

# every reader of customers.csv refuses what the store's reader refuses,
# with its line: a bad escape, a carriage return, an empty line, a byte
# that is not UTF-8, in a field grade and report do not use
bl=$(awk -F, 'NR > 100 && /prefers/ { print NR; exit }' good)
[ -n "$bl" ] || fail "want a notes field that says prefers"
for bad in 's/prefers/pre\\qfers/|field .notes.: backslash not followed' \
    's/$/\r/|carriage return in a store line' \
    's/^.*$//|empty line' 's/prefers/pre\xffrs/|invalid UTF-8'; do
	awk -v n="$bl" 'NR == n { exit } 1' good >g/customers.csv
	sed -n "${bl}p" good | sed "${bad%%|*}" >>g/customers.csv
	awk -v n="$bl" 'NR > n' good >>g/customers.csv
	cmp -s good g/customers.csv && fail "$bad changed nothing"
	for verb in "list" "report" "-n grade" "alerts" "grade -n --explain C-000001"; do
		CS_PART_BYTES=4096 CS_THREADS=2 status 65 cs-customer -D g -o csv \
		    $verb
		has "customers.csv:$bl: " err
		grep -q "${bad#*|}" err || fail "$verb, $bad: $(cat err)"
	done
done

# an empty file, or a header without its line end, has no customers
for f in "" "$(head -n 1 good | tr -d '\n')"; do
	printf '%s' "$f" >g/customers.csv
	printf '%s' "$f" >g/staff.csv
	for t in 1 2; do
		CS_THREADS=$t CS_PART_BYTES=1 status 1 cs-customer -D g -o csv list
		CS_THREADS=$t CS_PART_BYTES=1 status 1 cs-staff -D g -o csv list
	done
done
exit 0
