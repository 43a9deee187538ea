# One entry shape for every program (lib/cli/main.c): no command, an
# unknown one and a bad option are usage errors (64, one line); each
# program option its usage gives one verb is refused with another verb,
# naming the verbs that take it, and nothing is read or written.
. "$TOP/tests/cli/lib.sh"

# A data directory the refusals must not even open: none is there.
export CS_DATA_DIR="$PWD/nowhere"

for p in cs cs-staff cs-customer cs-ticket cs-audit cs-complain cs-kpi cs-order; do
	status 64 "$p"
	has "no command given" err
	status 64 "$p" frobnicate
	[ "$p" = cs ] || has "unknown command 'frobnicate'" err
	status 64 "$p" --no-such-option
	ok "$p" --help
	# each usage line as "VERB|OPTION|OPTION|...": the program's own
	# options, not -D, -o, -q, --wait or a period
	awk -v p="$p" '
	    function flush(   t, rest, o, verb, opts) {
		if (e == "") return
		t = e
		while (gsub(/\[[^][]*\]/, "", t)) ;
		split(t, w, " ")
		verb = w[2]
		opts = ""
		rest = e
		while (match(rest, /[[ ]-[-A-Za-z0-9]+([] ]|$)/)) {
			o = substr(rest, RSTART + 1, RLENGTH - 2)
			if (o !~ /^(-D|-o|-q|--quiet|--wait|--month|--week|--quarter|--year|--from|--to)$/)
				opts = opts "|" o
			rest = substr(rest, RSTART + RLENGTH - 1)
		}
		print verb opts
		e = ""
	    }
	    /^usage: / { sub(/^usage: /, "       ") }
	    /^ *$/ || /^[a-z]+: / { flush(); exit }
	    $1 == p { flush(); e = $0; next }
	    { e = e " " $0 }
	    END { flush() }' out >verbs || fail "awk"
	[ -s verbs ] || fail "$p: no verbs read from its usage"
	# each option of one verb, given with a verb that does not take it
	while IFS= read -r line; do
		verb=${line%%|*}
		opts=${line#"$verb"}
		while [ -n "$opts" ]; do
			opts=${opts#|}
			name=${opts%%|*}
			opts=${opts#"$name"}
			# a verb none of whose usage lines names it
			takes=$(grep -e "|$name|" -e "|$name\$" verbs |
			    cut -d'|' -f1 | sort -u)
			other=$(cut -d'|' -f1 verbs | sort -u | grep -vxF "$takes" |
			    head -n 1)
			[ -n "$other" ] || continue
			# an option that takes a value is given one (usage
			# cannot always tell: "show --history id")
			status 64 "$p" "$name" 1 "$other"
			if grep -q "unknown command '1'" err; then
				status 64 "$p" "$name" "$other"
			fi
			has "$name goes with" err
			has "$verb" err
			[ ! -e nowhere ] || fail "$p $name $other: made $CS_DATA_DIR"
		done
	done <verbs
done
