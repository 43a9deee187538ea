# The whole-period lists (cs-ticket list, overdue, export; cs-order list,
# report, late; cs-complain report, overdue) on a generated month of many
# chunk files (CS_CHUNK_BYTES small at creation), byte for byte the same at
# 1, 2 and 8 threads in every format (a table in Chinese too); -o table
# shows the fields of -o csv;
# a chunk with a bad line (invalid UTF-8, a field too many) fails with its
# file and line whatever the threads, and a table of it prints nothing.
. "$TOP/tests/cli/lib.sh"

# every run of "$@" at 1, 2 and 8 threads fails with status 65 and the
# one line of stderr $want_err
same_error() {
	for t in 1 2 8; do
		CS_THREADS=$t status 65 "$@"
		same "$(cat err)" "$want_err"
	done
}

CS_CHUNK_BYTES=65536 cs-gen -s 4 -c 300 -a 12 -t 3000 -m 2026-10,2026-11 \
    -e 2026-11-30 g >/dev/null || fail "cs-gen"
[ "$(ls g/tickets/2026-11 | wc -l)" -ge 8 ] ||
    fail "want chunks: $(ls g/tickets/2026-11)"
[ "$(ls g/orders/2026-11 | wc -l)" -ge 3 ] ||
    fail "want chunks: $(ls g/orders/2026-11)"
export CS_NOW="2026-11-30 12:00"

for fmt in csv table json; do
	same_threads cs-ticket -D g list --month 2026-11 -o $fmt
	same_threads cs-ticket -D g list --month 2026-11 --status closed -o $fmt
	same_threads cs-ticket -D g overdue -o $fmt
	same_threads cs-ticket -D g export --month 2026-11 -o $fmt
	same_threads cs-order -D g list --month 2026-11 -o $fmt
	same_threads cs-order -D g report --month 2026-11 -o $fmt
	same_threads cs-order -D g late -o $fmt
	same_threads cs-complain -D g report --month 2026-11 -o $fmt
	same_threads cs-complain -D g overdue -o $fmt
done

# a table in Chinese: its values' names made by every thread (a name
# once shared one buffer between them: other fields' names, at random)
for i in 1 2 3; do
	LC_ALL=zh_CN.UTF-8 same_threads cs-ticket -D g list --month 2026-11 \
	    -o table
done
has 电话 out

# the table holds the csv's fields, a row a line, the header first
f=id,customer,channel,agent,status,opened_at,due_at,resolved_at
ok cs-ticket -D g list --month 2026-11 --fields $f -o csv
cp out csv
[ "$(wc -l <csv)" -gt 2000 ] || fail "want a month of tickets: $(wc -l <csv)"
ok cs-ticket -D g list --month 2026-11 --fields $f -o table
# (ASCII fields, some empty: cut at where the headings begin)
LC_ALL=C awk 'NR == 1 {
	k = 0
	for (i = 1; i <= length($0); i++)
		if (substr($0, i, 1) != " " && (i == 1 || substr($0, i - 1, 1) == " "))
			at[++k] = i
}
{
	s = ""
	for (j = 1; j <= k; j++) {
		c = j < k ? substr($0, at[j], at[j + 1] - at[j]) : substr($0, at[j])
		sub(/ +$/, "", c)
		s = s (j > 1 ? "," : "") c
	}
	print s
}' out >table
cmp -s table csv || fail "table and csv: $(diff csv table | head -5)"

# a bad line in a chunk of the middle: its file and line, at any threads
bad=$(ls g/tickets/2026-11/*.csv | sed -n 5p)
cp -r g b
awk 'NR == 7 { sub(/,closed,/, ",clo\377sed,") } 1' "$bad" >x && cat x >"b/${bad#g/}"
want_err="cs-ticket: b/${bad#g/}:7: invalid UTF-8 at byte $(LC_ALL=C awk 'NR == 7 { print index($0, ",closed,") + 4 }' "$bad")"
for fmt in csv table; do
	same_error cs-ticket -D b list --month 2026-11 -o $fmt
done
[ -s out ] && fail "a table of a bad store printed: $(head -3 out)"
rm -rf b
cp -r g b
awk 'NR == 9 { $0 = $0 ",extra" } 1' "$bad" >x && cat x >"b/${bad#g/}"
want_err="cs-ticket: b/${bad#g/}:9: 25 fields, the header has 24"
for fmt in csv table; do
	same_error cs-ticket -D b list --month 2026-11 -o $fmt
	same_error cs-ticket -D b export --month 2026-11 -o $fmt
done
[ -s out ] && fail "a table of a bad store printed: $(head -3 out)"
exit 0
