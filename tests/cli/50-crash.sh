# Writers killed with SIGKILL at random moments: the store still passes
# cs check, every add that exited 0 is there, and no record is half there.
. "$TOP/tests/cli/lib.sh"
export CS_NOW="2026-11-22 09:00"
cs init d >/dev/null || fail "init"
export CS_DATA_DIR=d
KILLS=${CS_TEST_KILLS:-24}

writer() {
	while :; do
		id=$(cs-customer --wait 30 add name="crash $1" type=channel \
		    notes="a note long enough to be torn, if a write could be torn") &&
		    echo "$id" >>ok.$1
	done
}

k=0
while [ $k -lt $KILLS ]; do
	writer a &
	pa=$!
	writer b &
	pb=$!
	# let them run a random while (10-200 ms), then kill -9 every process
	# of both writer loops: the shells and any cs-customer mid-write
	sleep "0.$(printf '%03d' $(( ($(od -An -N2 -tu2 /dev/urandom) % 190) + 10 )))"
	pkill -9 -P $pa 2>/dev/null
	pkill -9 -P $pb 2>/dev/null
	kill -9 $pa $pb 2>/dev/null
	pkill -9 -x cs-customer 2>/dev/null
	wait 2>/dev/null
	k=$((k + 1))
done

ok cs check -D d
# every add that reported success is in the store
cat ok.* 2>/dev/null | sort -u >reported
[ -s reported ] || fail "no add succeeded between the kills"
cut -d, -f1 d/customers.csv | tail -n +2 | sort -u >stored
same "$(comm -23 reported stored | wc -l)" 0
# a torn tail, if any, is cut by the next writer; then every line is whole
ok cs-customer add name=after type=end
same "$(tail -c 1 d/customers.csv | od -An -c | tr -d ' ')" '\n'
ok cs check -D d
same "$(cut -d, -f1 d/customers.csv | tail -n +2 | sort | uniq -d | wc -l)" 0
