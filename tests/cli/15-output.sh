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
