# cs-tools.bash: bash completion for cs and every cs-X program.
#
# Installed as bash-completion's completions/cs, with cs-staff,
# cs-ticket ... linked to it (make install); or source it.
#
# Nothing here is a second copy of the programs:
#  - the verbs, the options and what each takes are read from the
#    program's own --help (its synopses, which are its man page's), once
#    a shell;
#  - field names, enum values and which fields name a customer, an
#    order, a ticket or a login come from the stores' schemas, put in
#    the block below by make (contrib/completion/fields.c);
#  - ids, logins, teams, complaint natures and months are read from the
#    data directory (-D, else CS_DATA_DIR, else /var/lib/cs-tools) where
#    that is cheap: an id from the month its prefix names (the latest
#    when none), from the few chunks that can hold it.

# made by contrib/completion/fields.c from lib/store/schema.c
declare -gA _cs_fields _cs_values _cs_store _cs_ref
_cs_fields[cs-staff]='id name team role hired left department'
_cs_store[cs-staff]='staff.csv login master'
_cs_values[cs-staff:role]='agent leader deputy manager'
_cs_fields[cs-customer]='id name contact phone email company address region type grade since needs frequency transport notes owner language'
_cs_store[cs-customer]='customers.csv C master'
_cs_values[cs-customer:type]='channel out-of-town end'
_cs_values[cs-customer:grade]='A B C'
_cs_ref[cs-customer:owner]=login
_cs_fields[cs-customer:visit]='time customer agent channel satisfaction needs notes'
_cs_ref[cs-customer:visit:customer]=C
_cs_ref[cs-customer:visit:agent]=login
_cs_values[cs-customer:visit:channel]='phone visit online email'
_cs_values[cs-customer:visit:satisfaction]='1 2 3 4 5'
_cs_fields[cs-ticket]='id kind channel customer agent team category subject notes order opened_at first_response_at promised_at due_at resolved_at closed_at status result satisfaction attitude reopens pending_since paused estimated_at answered_in pickup replacement repair_step step_due_at'
_cs_store[cs-ticket]='tickets T daily'
_cs_values[cs-ticket:kind]='inquiry return exchange repair'
_cs_values[cs-ticket:channel]='phone online email visit'
_cs_ref[cs-ticket:customer]=C
_cs_ref[cs-ticket:agent]=login
_cs_values[cs-ticket:status]='open pending resolved closed'
_cs_values[cs-ticket:satisfaction]='1 2 3 4 5'
_cs_values[cs-ticket:attitude]='good fair poor'
_cs_ref[cs-ticket:pickup]=O
_cs_ref[cs-ticket:replacement]=O
_cs_values[cs-ticket:repair_step]='received sent-to-repair repaired shipped-back done'
_cs_fields[cs-order]='id customer goods quantity weight length width height origin origin_region destination destination_region consignee phone service freight promised_at status created_at delivered_at signed_by estimated_at exception location cancel_reason category vehicle driver exception_department kind ticket exception_owner exception_status exception_resolution exception_resolved_at'
_cs_store[cs-order]='orders O daily'
_cs_ref[cs-order:customer]=C
_cs_values[cs-order:status]='new reviewed confirmed prepared packed dispatched picked-up in-transit out-for-delivery delivered signed lost cancelled'
_cs_values[cs-order:kind]='delivery pickup replacement'
_cs_ref[cs-order:ticket]=T
_cs_values[cs-order:exception_status]='open resolved'
_cs_fields[cs-complain]='id received_at recorded_at recorded_by customer order ticket channel content remedy nature severity department handler team deadline escalated_to escalated_at answer answered_at resolution resolved_at feedback reopens visit_at visit_result status closed_at'
_cs_store[cs-complain]='complaints K daily'
_cs_ref[cs-complain:customer]=C
_cs_values[cs-complain:channel]='phone online email visit letter'
_cs_values[cs-complain:severity]='normal major'
_cs_ref[cs-complain:handler]=login
_cs_values[cs-complain:feedback]='satisfied unsatisfied'
_cs_values[cs-complain:status]='open forwarded answered resolved satisfied visited closed'
_cs_ref[cs-ticket:order]=O
_cs_ref[cs-complain:order]=O
_cs_ref[cs-complain:ticket]=T

declare -gA _cs_syn

# The synopses of program $1, parsed from its --help, one a line:
# "verb<TAB>options<TAB>operands", an option that takes an argument as
# "--name=arg".
_cs_synopses()
{
	local p=$1
	[[ -n ${_cs_syn[$p]+x} ]] && return 0
	_cs_syn[$p]=$(command "$p" --help 2>/dev/null | awk -v prog="$p" '
	function flush(   n, t, i, w, o, d, verb, opts, ops, prev, open) {
		if (syn == "")
			return
		gsub(/\[,\.\.\.\]/, "", syn)
		n = split(syn, t, " ")
		verb = ""; opts = ""; ops = ""; prev = ""; d = 0
		for (i = 1; i <= n; i++) {
			w = t[i]
			open = w ~ /^\[/
			while (w ~ /^\[/) { d++; w = substr(w, 2) }
			c = 0
			while (w ~ /\]$/) { c++; w = substr(w, 1, length(w) - 1) }
			if (w == "|" || w == "..." || w == "") {
				prev = ""
			} else if (w ~ /^-/) {
				o[w] = 1
				opts = opts " " w
				prev = c ? "" : w
			} else if (prev != "" && !open) {
				sub(" " prev "$", " " prev "=" w, opts)
				prev = ""
			} else {
				if (verb == "" && d == 0)
					verb = w
				else
					ops = ops " " w
				prev = ""
			}
			d -= c
		}
		printf "%s\t%s\t%s\n", verb, opts, ops
		syn = ""
	}
	/^usage: / { flush(); f = 1; sub(/^usage: [^ ]+ /, ""); syn = $0; next }
	f && $0 ~ "^ +" prog " " { flush(); sub("^ +" prog " ", ""); syn = $0; next }
	f && /^ +/ { syn = syn " " $0; next }
	{ flush(); f = 0 }
	END { flush() }')
	[[ -n ${_cs_syn[$p]} ]]
}

# The lines of program $1's synopses for verb $2 (all when $2 is empty).
_cs_lines()
{
	local line
	while IFS= read -r line; do
		[[ -z $2 || ${line%%$'\t'*} == "$2" ]] && printf '%s\n' "$line"
	done <<<"${_cs_syn[$1]}"
}

# The argument's name of option $2 of program $1 (verb $3), or nothing
# when it takes none; status 1 when it takes none.
_cs_optarg()
{
	local o
	case $2 in
	-D | --data-dir) echo dir; return ;;
	-o | --format) echo format; return ;;
	--wait) echo seconds; return ;;
	--month | --week | --quarter | --year | --from | --to) echo "${2#--}"; return ;;
	-q | --quiet | -h | --help | -V | --version) return 1 ;;
	esac
	for o in $(_cs_field 2 "$1" "$3") $(_cs_field 2 "$1" ""); do
		if [[ $o == "$2="* ]]; then
			echo "${o#*=}"
			return
		fi
	done
	return 1
}

# Field $1 (2: options, 3: operands) of the synopses of $2 for verb $3.
_cs_field()
{
	local v o a
	while IFS=$'\t' read -r v o a; do
		[[ -n $3 && $v != "$3" ]] && continue
		[[ $1 == 2 ]] && echo "$o" || echo "$a"
	done <<<"${_cs_syn[$2]}"
}

# Column $1 of the store file(s) $2..., found by the header's names:
# its values that start with $cur, added to COMPREPLY, a space in one
# escaped ("VIP\ Team", one word on the command line).
_cs_column()
{
	local col=$1
	shift
	mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <(awk -F, -v col="$col" \
	    -v p="${cur//\\ / }" '
	FNR == 1 { c = 0; for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
	c && $c != "" && index($c, p) == 1 && !seen[$c]++ {
		gsub(/ /, "\\ ", $c); print $c }' "$@" 2>/dev/null)
}

# Add the lines command $@ prints to COMPREPLY (so "a b" stays one).
_cs_add()
{
	mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <("$@")
}

_cs_nospace()
{
	compopt -o nospace 2>/dev/null
}

# Ids of kind $1 (C, T, O, K, login) in data directory $dir matching $cur.
_cs_ids()
{
	local store='' f m L=$1 want='' c n prev='' size=0 one=''
	local -a months=() cand=() chunks=()
	case $1 in
	login) _cs_column id "$dir/staff.csv"; return ;;
	C)
		f=$dir/customers.csv
		[[ -f $f ]] && (($(stat -c %s "$f" 2>/dev/null || echo 0) <= 8388608)) &&
			_cs_column id "$f"
		return
		;;
	T) store=tickets ;;
	O) store=orders ;;
	K) store=complaints ;;
	*) return ;;
	esac
	for m in "$dir/$store"/[0-9][0-9][0-9][0-9]-[0-9][0-9]; do
		[[ -d $m ]] && months+=("${m##*/}")
	done
	((${#months[@]})) || return
	if [[ $cur =~ ^$L-([0-9]{4})([0-9]{2}) ]]; then
		want=${BASH_REMATCH[1]}-${BASH_REMATCH[2]}
	else
		# the months first: T-202611, then the ids of the one chosen
		for m in "${months[@]}"; do
			n=$L-${m/-/}
			[[ $n == "$cur"* ]] && cand+=("$n") && one=$m
		done
		if ((${#cand[@]} != 1)); then
			COMPREPLY+=("${cand[@]}")
			_cs_nospace
			return
		fi
		want=$one
		cand=()
	fi
	# the chunk before the first named with the prefix may hold it too
	for c in "$dir/$store/$want"/*.csv; do
		[[ -f $c ]] || continue
		n=${c##*/}
		n=${n%.csv}
		if [[ $n == "$cur"* ]]; then
			cand+=("$c")
		elif [[ $n < $cur ]]; then
			prev=$c
		fi
		chunks+=("$n")
	done
	[[ -n $prev ]] && cand=("$prev" "${cand[@]}")
	((${#cand[@]})) || return
	for c in "${cand[@]}"; do
		size=$((size + $(stat -c %s "$c" 2>/dev/null || echo 0)))
	done
	if ((size <= 4194304)); then
		_cs_column id "${cand[@]}"
	else
		# too many to read at a keystroke: the days the chunks start
		one=
		for n in "${chunks[@]}"; do
			[[ $n == "$cur"* && ${n:0:10}- != "$one" ]] || continue
			one=${n:0:10}-
			COMPREPLY+=("$one")
		done
		_cs_nospace
	fi
}

# What may follow "--month " and the like: months of the program's
# store (of tickets for those that keep none), and last-month ...
_cs_periods()
{
	local store m p='' q
	local -a months=()
	read -r store _ <<<"${_cs_store[$prog]-}"
	[[ -n $store && -d $dir/$store ]] || store=tickets
	for m in "$dir/$store"/[0-9][0-9][0-9][0-9]-[0-9][0-9]; do
		[[ -d $m ]] && months+=("${m##*/}")
	done
	case $1 in
	month) _cs_add compgen -W "${months[*]} last-month" -- "$cur" ;;
	week) _cs_add compgen -W "last-week" -- "$cur" ;;
	quarter | year)
		for m in "${months[@]}"; do
			q=${m%-*}
			[[ $1 == year ]] || q+=-Q$(((10#${m#*-} + 2) / 3))
			[[ " $p " == *" $q "* ]] || p+=" $q"
		done
		_cs_add compgen -W "$p" -- "$cur"
		;;
	esac
}

# The values of field $1 (of program $prog, verb $verb) matching $cur.
_cs_values_of()
{
	local f=$1 ref
	local v=${_cs_values[$prog:$verb:$f]-${_cs_values[$prog:$f]-}}
	if [[ -n $v ]]; then
		_cs_add compgen -W "$v" -- "$cur"
		return
	fi
	ref=${_cs_ref[$prog:$verb:$f]-${_cs_ref[$prog:$f]-}}
	case $f in
	agent | handler | login) ref=login ;;
	customer) ref=C ;;
	esac
	if [[ -n $ref ]]; then
		_cs_ids "$ref"
		return
	fi
	case $f in
	team) _cs_column team "$dir/staff.csv" ;;
	nature | department)
		_cs_column "$f" "$dir/policy/complaint-natures.csv" ;;
	esac
}

# The argument $1 of option $2.
_cs_complete_arg()
{
	local a=$1 f=${2#--}
	case $a in
	dir) _cs_add compgen -d -- "$cur"; _cs_nospace ;;
	file) _cs_add compgen -f -- "$cur" ;;
	format) _cs_add compgen -W "csv tsv json table excel" -- "$cur" ;;
	month | week | quarter | year) _cs_periods "$a" ;;
	*'|'*) _cs_add compgen -W "${a//|/ }" -- "$cur" ;;
	login) _cs_ids login ;;
	id)
		case $f in
		customer) _cs_ids C ;;
		order) _cs_ids O ;;
		*) _cs_ids "$(_cs_letter)" ;;
		esac
		;;
	*)
		case $f in
		encoding) _cs_add compgen -W "utf-8 gb18030" -- "$cur" ;;
		seconds | text | n | c | e | f | name | reason | search) ;;
		*) _cs_values_of "$f" ;;
		esac
		;;
	esac
}

# The id letter of the program's own store (T, C, ... or login).
_cs_letter()
{
	local s
	read -r _ s _ <<<"${_cs_store[$prog]-}"
	echo "$s"
}

_cs_tools()
{
	local -a words=() operands=() cands=()
	local cword=0 i j=-1 w join=0 cur prog start=1 verb='' dir a o t
	local common="-D --data-dir -o --format --wait -q --quiet -h --help -V --version"
	local period="--month --week --quarter --year --from --to"

	# the words, with bash's "field" "=" "value" put back together
	for ((i = 0; i < ${#COMP_WORDS[@]}; i++)); do
		w=${COMP_WORDS[i]}
		if ((j >= 0)) && [[ $w == = || $join == 1 ]]; then
			words[j]+=$w
			[[ $w == = ]] && join=1 || join=0
		else
			words[++j]=$w
			join=0
		fi
		((i == COMP_CWORD)) && cword=$j
	done
	((COMP_CWORD >= ${#COMP_WORDS[@]})) && cword=$((j + 1)) && words[cword]=
	cur=${words[cword]}
	prog=${words[0]##*/}
	dir=${CS_DATA_DIR:-/var/lib/cs-tools}
	COMPREPLY=()

	_cs_synopses "$prog" || return 0
	for ((i = start; i < cword; i++)); do
		w=${words[i]}
		case $w in
		-D | --data-dir) dir=${words[i + 1]}; ((i++)); continue ;;
		-D?*) dir=${w#-D}; continue ;;
		--data-dir=*) dir=${w#*=}; continue ;;
		--*=*) continue ;;
		-*)
			_cs_optarg "$prog" "$w" "$verb" >/dev/null && ((i++))
			continue
			;;
		esac
		if [[ -z $verb ]]; then
			verb=$w
			# cs X ...: cs-X ..., with what came before
			if [[ $prog == cs && -z $(_cs_lines cs "$w") ]] &&
			    type -P "cs-$w" >/dev/null && _cs_synopses "cs-$w"; then
				prog=cs-$w
				verb=
			fi
		elif [[ $w != *=* ]]; then
			operands+=("$w")
		fi
	done

	# the argument of an option
	if ((cword > 1)) && [[ ${words[cword - 1]} == -* ]] &&
	    a=$(_cs_optarg "$prog" "${words[cword - 1]}" "$verb"); then
		_cs_complete_arg "$a" "${words[cword - 1]}"
		return 0
	fi
	if [[ $cur == --*=* ]]; then
		a=$(_cs_optarg "$prog" "${cur%%=*}" "$verb") || return 0
		o=${cur%%=*}
		cur=${cur#*=}
		_cs_complete_arg "$a" "$o"
		[[ $COMP_WORDBREAKS == *=* ]] || COMPREPLY=("${COMPREPLY[@]/#/$o=}")
		return 0
	fi

	# options: the common ones and those of the verb (of any verb before it)
	if [[ $cur == -* ]]; then
		o=$(_cs_field 2 "$prog" "$verb")
		[[ " $(_cs_field 3 "$prog" "$verb") " == *" period "* ]] && o+=" $period"
		_cs_add compgen -W "$(printf '%s\n' $common $o |
		    sed 's/=.*//' | sort -u)" -- "$cur"
		return 0
	fi

	# the command
	if [[ -z $verb ]]; then
		cands=($(_cs_lines "$prog" "" | cut -f1 | grep -v '^program$' | sort -u))
		if [[ $prog == cs ]]; then
			cands+=($(command cs --help 2>/dev/null |
			    sed -n 's/^programs: //p'))
		fi
		_cs_add compgen -W "${cands[*]}" -- "$cur"
		return 0
	fi

	# field=value: a field's values
	if [[ $cur == *=* ]]; then
		o=${cur%%=*}
		cur=${cur#*=}
		_cs_values_of "$o"
		[[ $COMP_WORDBREAKS == *=* ]] || COMPREPLY=("${COMPREPLY[@]/#/$o=}")
		return 0
	fi

	# an operand: the next the synopses name, and the fields they take
	local -a fields=() pos=()
	for t in $(_cs_field 3 "$prog" "$verb"); do
		case $t in
		field=value) fields+=(${_cs_fields[$prog:$verb]-${_cs_fields[$prog]-}}) ;;
		*=*) fields+=("${t%%=*}") ;;
		period | '...') ;;
		*) pos+=("$t") ;;
		esac
	done
	t=${pos[${#operands[@]}]-}
	case $t in
	'') ;;
	id) _cs_ids "$(_cs_letter)" ;;
	login) _cs_ids login ;;
	file) _cs_add compgen -f -- "$cur" ;;
	dir) _cs_add compgen -d -- "$cur" ;;
	*'|'*) _cs_add compgen -W "${t//|/ }" -- "$cur" ;;
	esac
	if ((${#fields[@]})); then
		cands=($(compgen -W "${fields[*]}" -S = -- "$cur"))
		((${#cands[@]})) && COMPREPLY+=("${cands[@]}") &&
			((${#COMPREPLY[@]} == ${#cands[@]})) && _cs_nospace
	fi
	return 0
}

complete -F _cs_tools cs cs-staff cs-customer cs-ticket cs-order cs-complain \
    cs-audit cs-kpi
