# Stores stay whole against hostile files and hand edits (cs-store(5)):
# a last line without its line end is never cut, links and FIFOs are
# refused, a deleted .lock lets no second writer in, a terminated import
# leaves all or nothing, and cs check --repair mends what it reports.
. "$TOP/tests/cli/lib.sh"
export CS_NOW="2026-11-22 09:00"
cs init d >/dev/null || fail "init"
export CS_DATA_DIR=d
ok cs-customer add name=甲 type=end
ok cs-customer add name=乙 type=end

# a record whose line end a hand edit lost is not a torn tail: nothing is
# cut, its id is not given again, and cs check says so
printf 'C-000003,丙,,,,,,,end,,,,,,,,' >>d/customers.csv
before=$(snapshot d)
status 65 cs-customer add name=丁 type=end
has "customers.csv: the last line has no line end" err
same "$(snapshot d)" "$before"
status 1 cs check
has "customers.csv: the last line has no line end: a whole record" out
ok cs check --repair
has "customers.csv: added the line end" out
same "$(tail -c 1 d/customers.csv | od -An -c | tr -d ' ')" '\n'
ok cs check
ok cs-customer add name=丁 type=end
same "$(cat out)" C-000004
has ',repair,,customers.csv,' d/journal/2026-11.csv

# a line torn by a crash of an old version: --repair removes it, and says
printf 'C-000005,"戊' >>d/customers.csv
status 1 cs check
has "not a whole record, torn" out
ok cs check --repair
has "removed the torn last line: 'C-000005,\"戊'" out
ok cs check
same "$(grep -c '^C-00000[1-4],' d/customers.csv)" 4

# a symbolic link where a store is: refused by writers and cs check, and
# the file it points to is untouched
echo precious >victim
mv d/customers.csv customers.real
ln -s "$(pwd)/victim" d/customers.csv
status 77 cs-customer add name=己 type=end
has "customers.csv" err
same "$(cat victim)" precious
status 77 cs check
has "customers.csv: a symbolic link" out
rm d/customers.csv
mv customers.real d/customers.csv

# a store with a second name (a hard link from outside) is not written
# through
ln d/customers.csv outside.csv
status 77 cs-customer add name=己 type=end
has "has 2 names (hard links)" err
rm outside.csv

# a link planted where a writer's temporary will be is not followed
ln -s "$(pwd)/victim" d/.customers.csv.cs-new
ok cs-customer set C-000001 name=甲乙
same "$(cat victim)" precious
[ ! -e d/.customers.csv.cs-new ] || fail "temporary left"
ok cs check

# a linked month directory is refused too
mkdir elsewhere
ln -s "$(pwd)/elsewhere" d/journal/x
status 77 cs check
rm d/journal/x
mv d/journal journal.real
ln -s "$(pwd)/journal.real" d/journal
status 77 cs-customer add name=庚 type=end
has "journal: a symbolic link" err
rm d/journal
mv journal.real d/journal

# a FIFO where a store is: refused, never waited on
mv d/customers.csv customers.real
mkfifo d/customers.csv
status 77 timeout 10 cs-customer add name=辛 type=end
has "a FIFO" err
status 77 timeout 10 cs check
rm d/customers.csv
mv customers.real d/customers.csv
ok cs check

# the lock is held and .lock deleted: a second writer still waits, and
# the busy message names the holder, not a stale name in .lock
echo "cs-customer (pid 1, user ghost)" >d/.lock
flock d sleep 3 &
sleep 0.3
rm -f d/.lock
status 75 cs-staff --wait 0.5 add id=wang name=王 role=agent
lacks "ghost" err
has "held by flock (pid" err
wait
ok cs-staff add id=wang name=王 role=agent

# SIGTERM during a long import: the import is all there or not at all
awk 'BEGIN { print "name,type"; for (i = 1; i <= 40000; i++) printf "客户%d,end\n", i }' >big.csv
k=0
while [ $k -lt 4 ]; do
	n0=$(wc -l <d/customers.csv)
	cs-customer import big.csv >/dev/null 2>&1 &
	pid=$!
	sleep "0.$(( $(od -An -N1 -tu1 /dev/urandom) % 6 ))"
	kill -TERM $pid 2>/dev/null
	wait $pid
	n1=$(wc -l <d/customers.csv)
	[ "$n1" = "$n0" ] || [ "$n1" = $((n0 + 40000)) ] ||
	    fail "a terminated import left $((n1 - n0)) of 40000 rows"
	k=$((k + 1))
done
status 0 cs check --repair
ok cs check

# free text keeps an ESC, and cs check lists it, escaped
ok cs-customer add name=壬 type=end "notes=$(printf 'red \033[31m alert')"
status 1 cs check
has "field 'notes': a control character at byte 5: 'red \\x1b[31m alert'" out
