# lib.sh: helpers for the CLI tests.  Each test runs in a fresh directory
# with the programs on PATH, TZ=Asia/Shanghai and CS_USER=tester.
set -u
n=0

fail() {
	printf 'FAIL: %s\n' "$*" >&2
	exit 1
}

# ok CMD...: CMD exits 0.
ok() {
	n=$((n + 1))
	"$@" >out 2>err || fail "[$n] '$*' exited $? ($(cat err))"
}

# exits N CMD...: CMD exits N (its stderr may list many problems).
exits() {
	want=$1
	shift
	n=$((n + 1))
	"$@" >out 2>err
	got=$?
	[ "$got" = "$want" ] || fail "[$n] '$*' exited $got, want $want ($(cat err))"
}

# status N CMD...: CMD exits N and says why in exactly one line on stderr.
status() {
	exits "$@"
	shift
	if [ "$want" != 0 ] && [ "$want" != 1 ]; then
		[ "$(wc -l <err)" = 1 ] || fail "[$n] '$*': want one line on stderr, got: $(cat err)"
	fi
}

# same_threads CMD...: CMD exits 0 and prints something at 1 thread, and
# the same bytes at 2 and 8 ($CS_THREADS)
same_threads() {
	CS_THREADS=1 ok "$@"
	cp out want
	[ -s want ] || fail "[$n] '$*' printed nothing"
	for t in 2 8; do
		CS_THREADS=$t ok "$@"
		cmp -s out want || fail "[$n] '$*' at $t threads: $(diff want out | head -5)"
	done
}

# has TEXT FILE: FILE holds TEXT (a fixed string).
has() {
	grep -qF -- "$1" "$2" || fail "[$n] '$2' lacks '$1': $(head -c 600 "$2")"
}

lacks() {
	! grep -qF -- "$1" "$2" || fail "[$n] '$2' holds '$1'"
}

# same A B: the two values are equal.
same() {
	[ "$1" = "$2" ] || fail "[$n] got '$1', want '$2'"
}

# snapshot DIR: a digest of every file under DIR, to prove nothing changed.
snapshot() {
	(cd "$1" && find . -type f ! -name .lock | LC_ALL=C sort | xargs md5sum) | md5sum
}

# A copy of the sample department to work on.
sample() {
	cp -r "$TOP/data-samples" "$1"
	chmod -R u+w,g+w,o-rwx "$1"
}
