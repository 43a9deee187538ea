# Writers killed with SIGKILL at random moments: the store still passes
# cs check, every add that exited 0 is there, and no record is half there.
. "$TOP/tests/cli/lib.sh"
export CS_NOW="2026-11-22 09:00"
cs init d >/dev/null || fail "init"
export CS_DATA_DIR=d
KILLS=${CS_TEST_KILLS:-24}

cat >writer.sh <<'EOF'
while :; do
	id=$(cs-customer --wait 30 add name="crash $1" type=channel \
	    notes="a note long enough to be torn, if a write could be torn") &&
	    echo "$id" >>ok.$1
done
EOF

# each writer loop in a session of its own (setsid), to kill it whole,
# and only it: other tests may be running cs-customer on this machine
k=0
while [ $k -lt $KILLS ]; do
	setsid sh writer.sh a &
	pa=$!
	setsid sh writer.sh b &
	pb=$!
	# let them run a random while (10-200 ms), then kill -9 every process
	# of both writer loops: the shells and any cs-customer mid-write
	sleep "0.$(printf '%03d' $(( ($(od -An -N2 -tu2 /dev/urandom) % 190) + 10 )))"
	kill -9 -$pa -$pb 2>/dev/null
	wait 2>/dev/null
	k=$((k + 1))
done

# a writer killed mid-change left its intent: check says so, and the
# repair (like any next writer) rolls it back
cs check -D d >check.out
case $? in
0) ;;
1) has "unfinished change" check.out ;;
*) fail "cs check: $(cat check.out)" ;;
esac
ok cs check -D d --repair
ok cs check -D d
# every add that reported success is in the store
cat ok.* 2>/dev/null | sort -u >reported
[ -s reported ] || fail "no add succeeded between the kills"
cut -d, -f1 d/customers.csv | tail -n +2 | sort -u >stored
same "$(comm -23 reported stored | wc -l)" 0
# every line is whole
ok cs-customer add name=after type=end
same "$(tail -c 1 d/customers.csv | od -An -c | tr -d ' ')" '\n'
ok cs check -D d
same "$(cut -d, -f1 d/customers.csv | tail -n +2 | sort | uniq -d | wc -l)" 0
