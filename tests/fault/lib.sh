# tests/fault/lib.sh: the fault-injection and kill -9 loops of issue 12
# (item 8), in the spirit of SQLite's I/O-error and crash tests.  Sourced
# by tests/cli/55-faults.sh (the quick form, FULL=0) and tests/fault/stress
# (the full form, FULL=1), in a throwaway directory, with the programs on
# PATH and SHIM set to the LD_PRELOAD library built from tests/fault/shim.c.
#
# For each scenario (one command on a copy of the sample department) the
# reference "after" state is made by a clean run.  Then:
#
#   fault loop: for each OP and N = 1, 2, ... until the fault no longer
#     fires, a fresh copy, CS_FAULT=OP:N, and the promise of cs-store(5):
#     exit 0 and the after-state, or a non-zero exit with one line on
#     stderr and the before- or the after-state byte for byte (every file
#     but .lock, hidden ones included: a leftover temporary or intent file
#     is a failure); and cs check exits 0.
#   kill loop: CS_FAULT=...:N:KILL, a crash at that call; the tree is the
#     before- or the after-state, or else cs check exits 1 and names the
#     unfinished commit, cs check --repair exits 0 and leaves the before-
#     or the after-state, and cs check then exits 0.
#   timing loop: kill -9 and kill -TERM at a random moment of a large
#     cs-customer import: before or after, never a part.
#
# A tree that is neither is classified: torn (a file whose last line is
# cut), duplicated (a line or an id more often than before and after),
# lost (a line that before and after both keep, or an id of before,
# missing), stray (a path neither state has: a temporary, an intent), half
# (none of these: some files changed, not all).  Other failures: status
# (a non-zero exit without exactly one line on stderr), falseok (exit 0
# but not the after-state), check (cs check not 0 where it must be),
# notice (cs check not 1 or silent on an unfinished commit), repair
# (cs check --repair not 0).
#
# A tree equal to the before- or after-state is not given to cs check
# again: those two trees were checked once, and cs check reads nothing
# but the tree (.lock excepted).

export CS_NOW="2026-11-28 10:00" CS_USER=tester
unset CS_FAULT CS_FAULT_LOG LD_PRELOAD
FULL=${FULL:-0}
SCENARIOS="customer-add customer-set ticket-resolve complain-add customer-import
ticket-import ticket-add order-delay"
FAULT_OPS="write fsync fdatasync rename link unlink ftruncate open opendir mkdir
malloc"

injected=0 kills=0 passes=0 fails=0 clean=0 tidied=0
k_torn=0 k_duplicated=0 k_lost=0 k_half=0 k_stray=0 k_status=0 k_falseok=0
k_check=0 k_notice=0 k_repair=0

# The command of a scenario, on the data directory $1.  Exactly one program
# runs, so LD_PRELOAD reaches that program and nothing else.
scenario() {
	case $2 in
	customer-add)
		cs-customer -D "$1" add name=新客户 contact="Li Lei" \
		    phone=13800138000 type=end region=华东 ;;
	customer-set)
		cs-customer -D "$1" set C-000007 grade=A phone=13900001111 \
		    notes="moved, new phone" ;;
	ticket-resolve)
		cs-ticket -D "$1" resolve T-20261121-0127 \
		    result="answered by phone" ;;
	complain-add)
		cs-complain -D "$1" add channel=phone content="包裹延误三天" \
		    nature=delay customer=C-000003 handler=zhang6 ;;
	customer-import)
		cs-customer -D "$1" import "$FW/customers.csv" ;;
	ticket-import)
		CS_CHUNK_BYTES=4000 cs-ticket -D "$1" import "$FW/tickets.csv" ;;
	ticket-add)
		cs-ticket -D "$1" add channel=phone agent=zhang6 \
		    customer=C-000001 category=tracking subject="where is it" ;;
	order-delay)	# the order, its event and its message to the customer
		cs-order -D "$1" exception O-20261121-0060 delay \
		    estimated_at="2026-11-30 18:00" ;;
	big-import)
		cs-customer -D "$1" import "$FW/big.csv" ;;
	*)
		echo "no scenario $2" >&2
		return 2 ;;
	esac
}

# manifest DIR OUT: every path under DIR but .lock, with a digest of each
# regular file, sorted.
manifest() {
	(cd "$1" && {
		find . ! -path ./.lock ! -type f -printf '%y %p\n'
		find . -type f ! -path ./.lock -print0 | xargs -0 -r md5sum
	}) | LC_ALL=C sort >"$2"
}

# Where the loops work ($FW): a tmpfs when there is one (/dev/shm), as
# the programs fsync at every commit and on a disk shared with other jobs
# the syncs, not the programs, are what a run waits for; the system calls
# and their failures are the same.  FAULT_TMP=DIR chooses another place.
fault_workdir() {
	FW_TMP=0
	d=${FAULT_TMP:-/dev/shm}
	if [ -d "$d" ] && [ -w "$d" ] && FW=$(mktemp -d "$d/cs-fault.XXXXXX"); then
		FW_TMP=1
	else
		FW=$(pwd)
	fi
}

# The department every scenario starts from: the sample, plus a ticket
# each few hours on the 22nd to the 27th with 600-byte chunks, so that the
# ticket import touches eight chunks (October's, November's first and six
# small ones); and the import files.
fault_base() {
	fault_workdir
	sample "$FW/base" || return 1
	for d in 22 23 24 25 26 27; do
		for h in 09 13 17; do
			CS_NOW="2026-11-$d $h:00" CS_CHUNK_BYTES=600 cs-ticket \
			    -D "$FW/base" add channel=phone agent=zhang6 \
			    customer=C-000001 kind=inquiry category=tracking \
			    subject="before $d $h" >/dev/null ||
			    fail "preparing the base department"
		done
	done
	rm -f "$FW/base/.lock"
	awk 'BEGIN {
		print "id,name,type,phone,region,notes"
		for (i = 1; i <= 30; i++)
			printf ",导入客户 %d,end,1380000%04d,华东,\"row %d, new\"\n", i, i, i
		for (i = 1; i <= 10; i++)
			printf "C-%06d,改名 %d,channel,1390000%04d,华南,changed\n", i * 7, i, i
	}' >"$FW/customers.csv"
	awk 'BEGIN {
		print "opened_at,agent,channel,kind,customer,category,subject"
		n = split("2026-10-15 2026-11-05 2026-11-22 2026-11-23 " \
		    "2026-11-24 2026-11-25 2026-11-26 2026-11-27", d, " ")
		for (i = 1; i <= 24; i++)
			printf "%s %02d:30,zhang7,email,inquiry,C-%06d,billing,imported %d\n",
			    d[(i - 1) % n + 1], 8 + int((i - 1) / n), i, i
	}' >"$FW/tickets.csv"
	manifest "$FW/base" "$FW/before.m"
	cs check -D "$FW/base" >/dev/null 2>&1 || fail "the base does not check"
}

# The after-state of a scenario: a clean run, twice, giving the same tree.
fault_ref() {
	rm -rf "$FW/ref.$1" "$FW/w"
	cp -r "$FW/base" "$FW/ref.$1"
	cp -r "$FW/base" "$FW/w"
	scenario "$FW/ref.$1" "$1" >/dev/null 2>"$FW/err" ||
	    fail "$1: the clean run failed: $(cat "$FW/err")"
	scenario "$FW/w" "$1" >/dev/null 2>&1 || fail "$1: the second clean run failed"
	manifest "$FW/ref.$1" "$FW/after.$1.m"
	manifest "$FW/w" "$FW/w.m"
	cmp -s "$FW/after.$1.m" "$FW/w.m" ||
	    fail "$1: two clean runs differ: $(diff "$FW/after.$1.m" "$FW/w.m")"
	! cmp -s "$FW/after.$1.m" "$FW/before.m" || fail "$1: the clean run changed nothing"
	cs check -D "$FW/ref.$1" >/dev/null 2>&1 || fail "$1: the after-state does not check"
}

# state NAME: "before", "after" or "neither" for the tree $FW/w.
state() {
	manifest "$FW/w" "$FW/w.m"
	if cmp -s "$FW/w.m" "$FW/before.m"; then
		echo before
	elif cmp -s "$FW/w.m" "$FW/after.$1.m"; then
		echo after
	else
		echo neither
	fi
}

# classify NAME: the kinds of damage in $FW/w against before and after,
# as words on stdout (torn duplicated lost stray half wrong).
classify() {
	# From the three manifests: a stray path; the files to read (every
	# file before or after has, in a group where some file changed: a
	# dated store's chunks and months are one group, as ids are unique
	# across them; any other file is a group of its own); and whether
	# each file of the tree is the before or the after version of it
	# (half) or some other content (wrong).
	awk -v W="$FW/w.m" -v B="$FW/before.m" '
	function group(f) {
		if (match(f, /^\.\/(tickets|orders|complaints|outbox)\//))
			return substr(f, 1, RLENGTH - 1)
		return f
	}
	function hv(t, p) { return (t SUBSEP p) in h ? h[t, p] : "-" }
	{ t = FILENAME == W ? "w" : FILENAME == B ? "base" : "ref"; p = $NF }
	t != "w" { known[p] = 1 }
	length($1) == 32 { h[t, p] = $1; file[p] = 1 }
	t == "w" { have[p] = 1 }
	END {
		for (p in have)
			if (!(p in known)) {
				stray = 1
				print "note stray " p
			}
		for (p in file)
			if (p in known && !(hv("base", p) == hv("ref", p) && hv("ref", p) == hv("w", p)))
				changed[group(p)] = 1
		for (p in file) {
			if (!(p in known) || !(group(p) in changed))
				continue
			if (hv("base", p) != "-") print "files base " p
			if (hv("ref", p) != "-") print "files ref " p
			if (hv("w", p) != "-") print "files w " p
			if (hv("w", p) != "-" && hv("w", p) != hv("base", p) && hv("w", p) != hv("ref", p))
				wrong = 1
			if (hv("w", p) != hv("base", p))
				print "note changed " p
		}
		print "kinds" (stray ? " stray" : "") (wrong ? " wrong" : "")
	}' "$FW/before.m" "$FW/after.$1.m" "$FW/w.m" >"$FW/plan"
	sed -n 's/^files //p' "$FW/plan" >"$FW/files"
	sed -n 's/^note //p' "$FW/plan" | LC_ALL=C sort >"$FW/changed"
	awk -v B="$FW/base" -v A="$FW/ref.$1" -v W="$FW/w" \
	    -v plan="$(sed -n 's/^kinds//p' "$FW/plan")" '
	function idkey(g) { return g ~ /^\.\/(tickets|orders|complaints|outbox)$/ || \
	    g == "./customers.csv" || g == "./staff.csv" }
	{
		t = $1; f = $2; g = f
		if (match(g, /^\.\/(tickets|orders|complaints|outbox)\//))
			g = substr(g, 1, RLENGTH - 1)
		path = (t == "base" ? B : t == "ref" ? A : W) "/" substr(f, 3)
		while ((getline line < path) > 0) {
			c[t, g, line]++
			lines[g, line] = 1
			if (idkey(g) && line !~ /^id,/) {
				split(line, fld, ",")
				ids[t, g, fld[1]]++
				allids[g, fld[1]] = 1
			}
		}
		close(path)
		if (t == "w") {
			cmd = "tail -c 1 \"" path "\" | od -An -c"
			tl = ""
			cmd | getline tl
			close(cmd)
			if (tl !~ /\\n/ && tl != "") torn = 1
		}
	}
	END {
		for (k in lines) {
			split(k, p, SUBSEP)
			b = c["base", p[1], p[2]] + 0; a = c["ref", p[1], p[2]] + 0
			w = c["w", p[1], p[2]] + 0
			# a line that is there more often than in either state
			# (a line in neither is wrong content, seen below)
			if (w > (a > b ? a : b) && (a > 0 || b > 0)) dup = 1
			if (w < (a < b ? a : b)) lost = 1
		}
		for (k in allids) {
			split(k, p, SUBSEP)
			if (ids["w", p[1], p[2]] > 1) dup = 1
			if (ids["base", p[1], p[2]] > 0 && ids["w", p[1], p[2]] == 0) lost = 1
		}
		out = (torn ? " torn" : "") (dup ? " duplicated" : "") (lost ? " lost" : "")
		if (plan ~ /stray/) out = out " stray"
		# a file in neither version, unexplained by the above: wrong;
		# only whole versions, some before and some after: half
		if (out == "") out = plan ~ /wrong/ ? " wrong" : " half"
		print substr(out, 2)
	}' "$FW/files"
}

# A failure of one run: count its kinds, log it with how to replay it.
failed() {
	what=$1 kinds=$2 why=$3
	fails=$((fails + 1))
	for k in $kinds; do
		eval "k_$k=\$((k_$k + 1))"
	done
	printf '%s: %s: %s\n' "$what" "$kinds" "$why" >>"$FW/failures"
	# the files the run changed or left, for the log
	sed -n 's/^\([a-z]*\) /    \1: /p' "$FW/changed" 2>/dev/null | head -n 6 >>"$FW/failures"
	: >"$FW/changed"
}

# One run of scenario $1 with CS_FAULT=$2 on a fresh copy; returns 1 when
# the fault did not fire (the loop is over).
# A command that failed after its commit point (removing a backup, say)
# has committed: the tree is the after-state but for leftovers, which
# cs check lists, alone, and --repair removes.  0 when that is so.
tidy_after() {
	cs check -D "$FW/w" >"$FW/check" 2>&1
	[ $? = 1 ] || return 1
	! grep -qv 'left over by a change' "$FW/check" || return 1
	cs check -D "$FW/w" --repair >"$FW/repair" 2>&1 || return 1
	[ "$(state "$1")" = after ] || return 1
	tidied=$((tidied + 1))
}

fault_one() {
	rm -rf "$FW/w" "$FW/log"
	cp -r "$FW/base" "$FW/w"
	(export LD_PRELOAD="$SHIM" CS_FAULT="$2" CS_FAULT_LOG="$FW/log"
	 scenario "$FW/w" "$1" >"$FW/out" 2>"$FW/err")
	rc=$?
	st=$(state "$1")
	if [ ! -s "$FW/log" ]; then
		clean=$((clean + 1))
		[ $rc = 0 ] && [ "$st" = after ] ||
		    failed "$1 $2" "$(classify "$1")" "no fault fired, yet exit $rc and $st"
		return 1
	fi
	injected=$((injected + 1))
	bad=
	if [ $rc = 0 ] && [ "$st" != after ] && tidy_after "$1"; then
		st=after	# committed; a backup left over, that --repair removes
	fi
	if [ $rc = 0 ]; then
		[ "$st" = after ] || bad="falseok $(classify "$1")"
	else
		[ "$(wc -l <"$FW/err")" = 1 ] || bad=status
		[ "$st" != neither ] || bad="$bad $(classify "$1")"
	fi
	if [ "$st" = neither ]; then
		cs check -D "$FW/w" >"$FW/check" 2>&1 || bad="$bad check"
	fi
	if [ -n "$bad" ]; then
		failed "$1 CS_FAULT=$2" "$bad" "exit $rc, $st; stderr: $(head -c 300 "$FW/err" | tr '\n' '|')"
	else
		passes=$((passes + 1))
	fi
	return 0
}

# One run of scenario $1 killed by CS_FAULT=$2 (...:KILL), and the recovery.
kill_one() {
	rm -rf "$FW/w" "$FW/log"
	cp -r "$FW/base" "$FW/w"
	(export LD_PRELOAD="$SHIM" CS_FAULT="$2" CS_FAULT_LOG="$FW/log"
	 scenario "$FW/w" "$1" >"$FW/out" 2>"$FW/err")
	rc=$?
	if [ ! -s "$FW/log" ]; then
		clean=$((clean + 1))
		return 1
	fi
	kills=$((kills + 1))
	recover "$1" "CS_FAULT=$2" "exit $rc"
	return 0
}

# recover NAME WHAT: after a crash of scenario NAME, the tree is before or
# after; or cs check sees the unfinished commit and --repair makes it so.
recover() {
	st=$(state "$1")
	if [ "$st" != neither ]; then
		passes=$((passes + 1))
		return 0
	fi
	bad=
	cs check -D "$FW/w" >"$FW/check" 2>&1
	c=$?
	if [ $c != 1 ] || ! grep -qi 'unfinished\|intent\|interrupted\|left over' "$FW/check"; then
		bad=notice
	fi
	kinds=$(classify "$1")
	cs check -D "$FW/w" --repair >"$FW/repair" 2>&1 || bad="$bad repair"
	st=$(state "$1")
	if [ "$st" = neither ]; then
		bad="$bad $kinds"
		cs check -D "$FW/w" >/dev/null 2>&1 || bad="$bad check"
	fi
	if [ -n "$bad" ]; then
		failed "$1 $2" "$bad" "$3; cs check exit $c: $(head -c 200 "$FW/check" | tr '\n' '|'); after --repair: $st"
	else
		passes=$((passes + 1))
	fi
}

# The next N: every N in the full form; the quick form takes every N up
# to 12 and then steps of a sixth (so a loop over a few thousand mallocs
# is some 40 runs, and over a few calls it is every call).
next_n() {
	if [ "$FULL" = 1 ] || [ "$1" -lt 12 ]; then
		echo $(($1 + 1))
	else
		echo $(($1 + $1 / 6))
	fi
}

# A line of progress in the full form (where a loop takes minutes).
progress() {
	[ "$FULL" != 1 ] || echo "$(date +%H:%M:%S) $*: $fails failures so far"
}

fault_loop() {
	name=$1 op=$2 how=${3:-}
	i=1
	while [ $i -le 100000 ]; do
		fault_one "$name" "$op:$i${how:+:$how}" || break
		i=$(next_n $i)
	done
	progress "$name $op${how:+:$how}: to N=$i"
	[ $i -le 100000 ] && return 0
	fail "$name $op: still firing at $i"
}

kill_loop() {
	name=$1 op=$2
	i=1
	while [ $i -le 100000 ]; do
		kill_one "$name" "$op:$i:KILL" || break
		i=$(next_n $i)
	done
	progress "$name $op:KILL: to N=$i"
	[ $i -le 100000 ] && return 0
	fail "$name $op: still firing at $i"
}

# The big import ($1, which must be big-import) killed at a random moment
# ($2: KILL or TERM), $3 times.
timing_loop() {
	sig=$2 times=$3 t=0
	while [ $t -lt "$times" ]; do
		rm -rf "$FW/w"
		cp -r "$FW/base" "$FW/w"
		# up to the length of a clean run, in milliseconds
		ms=$(od -An -N2 -tu2 /dev/urandom | awk -v m="$BIGMS" '{ print $1 % m + 1 }')
		# a simple command, so that $! is the program itself (the
		# scenario function would run in a subshell that the kill
		# would leave the program behind)
		cs-customer -D "$FW/w" import "$FW/big.csv" >/dev/null 2>"$FW/err" &
		pid=$!
		sleep "$(awk -v m="$ms" 'BEGIN { printf "%.3f", m / 1000 }')"
		kill -"$sig" $pid 2>/dev/null
		wait $pid 2>/dev/null
		rc=$?
		kills=$((kills + 1))
		if [ "$sig" = KILL ]; then
			recover "$1" "kill -KILL after ${ms} ms" "exit $rc"
		else
			st=$(state "$1")
			if [ "$st" = neither ]; then
				failed "$1 kill -TERM after ${ms} ms" "$(classify "$1")" "exit $rc"
			else
				passes=$((passes + 1))
			fi
		fi
		t=$((t + 1))
	done
}

fault_report() {
	echo "faults injected: $injected, kills: $kills, passes: $passes, failures: $fails"
	echo "  torn $k_torn, duplicated $k_duplicated, lost $k_lost, half $k_half, stray $k_stray"
	echo "  status $k_status, falseok $k_falseok, check $k_check, notice $k_notice, repair $k_repair"
	echo "  (runs in which the fault did not fire, ending the loops: $clean;"
	echo "   committed, with a backup left over that --repair removed: $tidied)"
	if [ -s "$FW/failures" ]; then
		echo "failures (first 40 of $fails; all in $FW/failures):"
		head -n 40 "$FW/failures"
	fi
}

# Everything: the fault loops, the kill loops, the timing loops.
fault_all() {
	fault_base
	: >"$FW/failures"
	for s in $SCENARIOS; do
		fault_ref "$s"
		for op in $FAULT_OPS; do
			fault_loop "$s" "$op"
		done
		if [ "$FULL" = 1 ]; then
			fault_loop "$s" write ENOSPC
			fault_loop "$s" close
		fi
		if [ "$FULL" = 1 ]; then
			kill_loop "$s" any
		else
			# a crash at every write, sync, rename, truncate, mkdir
			# and unlink, and at some of the other calls
			for op in write fsync fdatasync rename ftruncate unlink mkdir any; do
				kill_loop "$s" "$op"
			done
		fi
	done
	if [ "$FULL" = 1 ]; then rows=300000 times=40; else rows=50000 times=8; fi
	awk -v n=$rows 'BEGIN {
		print "name,type,phone,region"
		for (i = 1; i <= n; i++)
			printf "批量客户 %d,end,138%08d,华东\n", i, i
	}' >"$FW/big.csv"
	fault_ref big-import
	t0=$(date +%s%N)
	rm -rf "$FW/w" && cp -r "$FW/base" "$FW/w" && scenario "$FW/w" big-import >/dev/null
	BIGMS=$(( ($(date +%s%N) - t0) / 1000000 + 1 ))
	timing_loop big-import KILL $times
	timing_loop big-import TERM $times
	# its journal (7 MB) is written a piece at a time: a write failing
	# at each piece, the whole rolled back
	fault_loop big-import write
	fault_report
	if [ $fails = 0 ]; then
		[ "$FW_TMP" = 0 ] || rm -rf "$FW"
		return 0
	fi
	echo "the runs' files: $FW"
	return 1
}
