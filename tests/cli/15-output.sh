# Output: what a command prints arrives, or it says plainly what it did
# (a change that was stored is not one to retry); stored text is shown,
# never obeyed, on a terminal.
. "$TOP/tests/cli/lib.sh"
export CS_NOW="2026-11-22 09:00"

# full N CMD...: CMD, its standard output on a full disk, exits N with one
# line on stderr.
full() {
	want=$1
	shift
	n=$((n + 1))
	"$@" >/dev/full 2>err
	got=$?
	[ "$got" = "$want" ] || fail "[$n] '$* >/dev/full' exited $got, want $want ($(cat err))"
	[ "$(wc -l <err)" = 1 ] || fail "[$n] '$* >/dev/full': want one line on stderr, got: $(cat err)"
}

# --help and --version fail when they cannot be read
for p in cs cs-staff cs-customer cs-ticket cs-audit cs-complain cs-kpi cs-order; do
	full 74 "$p" --help
	has "$p: write error on standard output: No space left on device" err
	full 74 "$p" --version
	has "$p: write error on standard output" err
	full 74 "$p" -h
done
full 74 cs help
full 74 cs customer --help
has "cs-customer: write error" err

# A change stored, then standard output failed: the error says it was
# stored, so that a script does not add it twice.
sample d
export CS_DATA_DIR=d CS_NOW="2026-11-23 07:00" CS_USER=wang1
stored() {
	has "$1: stored $2, but standard output failed: ${3:-No space left on device}" err
}
full 74 cs-staff add id=zhao.lei name=赵磊 role=agent
stored cs-staff zhao.lei
has "zhao.lei,赵磊,,agent" d/staff.csv
full 74 cs-customer add name=钱多多 type=end
stored cs-customer C-000241
has "C-000241,钱多多" d/customers.csv
printf 'name,type\n孙一,end\n孙二,end\n' >in.csv
full 74 cs-customer import in.csv
stored cs-customer "the import of in.csv (2 added, 0 fields changed)"
has "C-000243,孙二" d/customers.csv
full 74 cs-ticket add kind=inquiry channel=phone agent=li8
stored cs-ticket T-20261123-0001
printf 'kind,channel,agent,opened_at\ninquiry,phone,li8,2026-11-22 10:00\ninquiry,email,li8,2026-11-22 11:00\n' >t.csv
full 74 cs-ticket import t.csv
stored cs-ticket "the import of t.csv (2 tickets, T-20261122-0001 to T-20261122-0002)"
full 74 cs-complain add channel=phone content=x nature=delay severity=normal
stored cs-complain K-20261123-0001
full 74 cs-order exception O-20261117-0024 damage note=破损 --complain
stored cs-order "the damage of O-20261117-0024 and complaint K-20261123-0002"
has "O-20261117-0024,damage,wang1" d/order-events/2026-11.csv
full 74 cs-audit sample -n 1
stored cs-audit "sample 2026-W47 (17 records)"
victim=$(sed -n 2p d/audits/2026-W47.csv | cut -d, -f2)
full 74 cs-audit replace "$victim" --reason "no recording"
has "in place of $victim, but standard output failed" err
has ",replaced,no recording" d/audits/2026-W47.csv
# a command that prints its changes prints them once they are made
ok cs-customer grade --dry-run -o csv
changes=$(($(wc -l <out) - 1))
full 74 cs-customer grade
stored cs-customer "$changes grade changes"
ok cs-customer grade --dry-run
same "$(wc -l <out)" 1
full 74 cs-kpi verdict --month 2026-10
stored cs-kpi "the agent verdicts of 2026-10"
has "2026-10,agent,chen21" d/kpi/verdicts.csv
# a reader gone is such a failure too, not a silent death by SIGPIPE
{ sleep 1; cs-customer add name=周到 type=end 2>err; echo $? >st; } | true
same "$(cat st)" 74
stored cs-customer C-000244 "Broken pipe"
# stdout closed: its number is not given to the lock or a store, into
# which the ids of a long import would go
{ echo name,type; i=0; while [ $i -lt 1000 ]; do i=$((i + 1)); echo "n$i,end"; done; } >big.csv
cs-customer import big.csv >&- 2>err
same $? 74
stored cs-customer "the import of big.csv (1000 added, 0 fields changed)" "Bad file descriptor"
lacks "C-00" d/.lock
ok cs check
# and a failure before anything is stored says only that
full 74 cs-customer list
has "cs-customer: write error on standard output: No space left on device" err

# Stored text is shown on a terminal, never obeyed: a free-text field
# keeps ESC, a table shows \x1b, JSON \u001b; a one-line field refuses
# control characters and bidirectional overrides, and the error shows them
ESC=$(printf '\033')
RLO=$(printf '\342\200\256')
C1=$(printf '\302\233')
ok cs-customer add name=郑和 type=end notes="red ${ESC}[31m alarm${C1}2J ${RLO}cba"
id=$(cat out)
has "red ${ESC}[31m alarm" d/customers.csv
ok cs-customer show "$id" -o table
has 'red \x1b[31m alarm\u009b2J \u202ecba' out
lacks "$ESC" out
lacks "$RLO" out
lacks "$C1" out
ok cs-customer list --search 郑和 --unmask --reason test -o table
lacks "$ESC" out
ok cs-customer show "$id" -o json
has '"notes":"red \u001b[31m alarm\u009b2J \u202ecba"' out
ok cs-customer show "$id" -o csv
has "red ${ESC}[31m alarm${C1}2J ${RLO}cba" out
status 65 cs-customer add name="invoice${RLO}fdp.exe" type=end
has "field 'name': control character \\u202e: 'invoice\\u202efdp.exe'" err
lacks "$RLO" err
status 65 cs-customer add name="${ESC}]0;owned${ESC}\\" type=end
has "control character \\x1b: '\\x1b]0;owned\\x1b\\'" err
lacks "$ESC" err
status 65 cs-customer set "$id" company="a${C1}b"
has "control character \\u009b" err
status 65 cs-staff add id=x9 name="two
lines" role=agent
has "field 'name': line break: 'two\\nlines'" err
# messages escape what they echo, whoever wrote them; Chinese stays
status 64 cs-customer "frob${ESC}[2J"
has "unknown command 'frob\\x1b[2J'" err
lacks "$ESC" err
status 64 cs-customer list "--bad${ESC}"
has "'--bad\\x1b'" err
status 65 cs-customer add name=冯七 type=贵宾
has "field 'type': not one of channel (渠道), out-of-town (外埠), end (终端): '贵宾'" err
status 65 cs-customer add name="$(printf 'bad\377')" type=end
lacks "$(printf '\377')" err
# the problems an audit import lists, one a line, escaped as well
printf 'id,attitude,accuracy,timeliness\nT-1%s,3,3,3\nT-2,4,4,4\n' "$ESC" >sheet.csv
cs-audit import sheet.csv >out 2>err
same $? 65
has "cs-audit: sheet.csv:2: id 'T-1\x1b' is not a drawn record" err
lacks "$ESC" err

