# The bash completion (contrib/completion/cs-tools.bash, made into
# BUILD/cs-tools.bash with the schemas' fields and values): complete -p
# names it for every program; a scripted COMP_WORDS run completes the
# commands (those of the README's table, read from --help), options,
# option values, field= names and enum values from the schemas, and ids,
# logins, teams, natures and months from the data directory.
. "$TOP/tests/cli/lib.sh"
bash=$(command -v bash) || { echo "skip: no bash"; exit 0; }
f=$(cd "$(dirname "$(command -v cs)")/.." && pwd)/cs-tools.bash
[ -f "$f" ] || fail "no $f (make all makes it)"
sample s
export CS_DATA_DIR=$PWD/s
progs="cs cs-staff cs-customer cs-ticket cs-order cs-complain cs-audit cs-kpi"

ok "$bash" -c '. "$1"; complete -p '"$progs" sh "$f"
for p in $progs; do
	has "complete -F _cs_tools $p" out
done

# comp WORD...: COMPREPLY for the last word, one a line, sorted, as
# bash gives the words (field=value as "field" "=" "value")
cat >comp.bash <<'Z'
. "$1"
shift
COMP_WORDS=("$@")
COMP_CWORD=$(($# - 1))
COMP_LINE="$*"
COMP_POINT=${#COMP_LINE}
_cs_tools "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort
Z
comp() {
	n=$((n + 1))
	"$bash" comp.bash "$f" "$@" >out 2>err || fail "[$n] comp $*: $(cat err)"
	[ ! -s err ] || fail "[$n] comp $*: $(cat err)"
}
words() { tr '\n' ' ' <out | sed 's/ $//'; }

# the commands of each program: those of the README's table
for p in $progs; do
	want=$(grep "^| \`$p\` |" "$TOP/README.md" | awk -F'|' '{ print $4 }' |
	    grep -o '`[a-z]*`' | tr -d '`' | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')
	[ -n "$want" ] || fail "no commands of $p in the README"
	comp "$p" ""
	if [ "$p" = cs ]; then
		for w in $want staff customer ticket order complain audit kpi; do
			grep -qx "$w" out || fail "cs: no '$w' in $(words)"
		done
	else
		same "$(words)" "$want"
	fi
done
comp cs ticket sh
same "$(words)" "show"
comp cs-ticket ov
same "$(words)" "overdue"

# options: the common ones (-q too) and the verb's own
comp cs-ticket list --st
same "$(words)" "--status"
comp cs-ticket list --
for o in --agent --team --month --week --data-dir --format --quiet --help; do
	grep -qx -- "$o" out || fail "cs-ticket list: no $o in $(words)"
done
lacks "--answered" out
comp cs-ticket add -
has "--answered" out
has "-q" out
comp cs-kpi verdict --ex
same "$(words)" "--explain"

# option values: formats, alternatives of the synopsis, schema enums,
# logins, teams, periods
comp cs-ticket -o ""
same "$(words)" "csv excel json table tsv"
comp cs-kpi verdict --level ""
same "$(words)" "agent leader manager"
comp cs-ticket list --status ""
same "$(words)" "closed open pending resolved"
comp cs-ticket list --status=o
same "$(words)" "open"
comp cs-ticket list --agent yang
same "$(words)" "yang15 yang9"
# a team with a space in its name is one word, escaped
comp cs-staff list --team V
same "$(words)" "VIP\\ Team"
comp cs-staff list --team "VIP\\ T"
same "$(words)" "VIP\\ Team"
comp cs-kpi verdict --month ""
same "$(words)" "2026-10 2026-11 last-month"
comp cs-kpi score --quarter ""
same "$(words)" "2026-Q4"
comp cs-kpi score --year ""
same "$(words)" "2026"
comp cs-complain list --nature d
same "$(words)" "damage delay"

# field= names and their values, from the schemas
comp cs-ticket add ch
same "$(words)" "channel="
comp cs-ticket add channel = ""
same "$(words)" "email online phone visit"
comp cs-ticket add channel = ph
same "$(words)" "phone"
comp cs-customer add type = ""
same "$(words)" "channel end out-of-town"
comp cs-staff add role = d
same "$(words)" "deputy"
comp cs-ticket add agent = li1
same "$(words)" "li19"
comp cs-customer visit C-000001 ch
same "$(words)" "channel="
comp cs-ticket rate T-20261101-0001 attitude = ""
same "$(words)" "fair good poor"
comp cs-complain add nature = lo
same "$(words)" "loss"
# an operand's alternatives in the synopsis
comp cs-complain feedback K-20261101-0001 ""
same "$(words)" "satisfied unsatisfied"
comp cs-order event O-20261101-0001 in
same "$(words)" "in-transit"

# ids from the data directory: the months, then the ids of the month the
# prefix names, read from the chunks that may hold them; -D as given
comp cs-ticket show ""
same "$(words)" "T-202610 T-202611"
comp cs-ticket show T-2026112
[ "$(wc -l <out)" -gt 10 ] || fail "few ids: $(words)"
! grep -qv '^T-2026112' out || fail "not all T-2026112...: $(words)"
has "T-20261121-0001" out
want=$(cat s/tickets/2026-11/*.csv | cut -d, -f1 | grep -c '^T-2026112')
same "$(wc -l <out | tr -d ' ')" "$want"
comp cs-customer show C-00000
same "$(words)" "C-000001 C-000002 C-000003 C-000004 C-000005 C-000006 C-000007 C-000008 C-000009"
mv s s2
comp cs-ticket -D s2 show T-2026103
has "T-20261031-0001" out
comp cs -D s2 ticket show T-2026103
has "T-20261031-0001" out
comp cs-ticket show T-2026103
same "$(words)" ""

# a month too big to read at a keystroke (31 chunks of 1 MiB, sparse):
# the days its chunks start, each once, to narrow the prefix
mkdir -p big/tickets/2026-11
for d in 20 21 22 23 24 25 26 27 28 29; do
	for k in 0001 3000 6000; do
		truncate -s 1M "big/tickets/2026-11/T-202611$d-$k.csv"
	done
done
comp cs-ticket -D big show T-2026112
same "$(words)" "T-20261120- T-20261121- T-20261122- T-20261123- T-20261124- T-20261125- T-20261126- T-20261127- T-20261128- T-20261129-"

# zsh (contrib/completion/_cs-tools, autoloaded as zsh loads it from
# vendor-completions): the same words as bash's, through it; compadd
# stubbed to print what it is given ("nospace" for -S '').
zsh=$(command -v zsh) || { echo "skip: no zsh (the zsh completion)"; exit 0; }
mv s2 s
cat >comp.zsh <<'Z'
compadd() {
	while [[ $1 == -* && $1 != -- ]]; do
		[[ $1 == -S ]] && { print -r -- nospace; shift; }
		shift
	done
	[[ $1 == -- ]] && shift
	print -rl -- "$@"
}
fpath=("$1" $fpath)
shift
autoload -Uz _cs-tools
words=("$@")
CURRENT=$#
PREFIX=${words[CURRENT]}
_cs-tools || print -r -- "(none)"
Z
zcomp() {
	n=$((n + 1))
	CS_TOOLS_BASH=$f "$zsh" -f comp.zsh "$TOP/contrib/completion" "$@" \
	    >out 2>err || fail "[$n] zsh comp $*: $(cat err)"
	[ ! -s err ] || fail "[$n] zsh comp $*: $(cat err)"
	LC_ALL=C sort -o out out
}
zcomp cs-ticket ov
same "$(words)" "overdue"
zcomp cs-ticket list --st
same "$(words)" "--status"
zcomp cs-ticket list --status ""
same "$(words)" "closed open pending resolved"
zcomp cs-ticket add ch
same "$(words)" "channel= nospace"
# one word in zsh: field=value, completed as a whole
zcomp cs-ticket add channel=ph
same "$(words)" "channel=phone"
zcomp cs-staff list --team V
same "$(words)" "VIP Team"
zcomp cs-kpi verdict --month ""
same "$(words)" "2026-10 2026-11 last-month"
zcomp cs-ticket show ""
same "$(words)" "T-202610 T-202611 nospace"
zcomp cs ticket sh
same "$(words)" "show"
zcomp cs-ticket show T-2026103
has "T-20261031-0001" out
# the header zsh's compinit reads: every program
head -n 1 "$TOP/contrib/completion/_cs-tools" >h
same "$(cat h)" "#compdef $progs"
