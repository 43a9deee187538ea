# Fault injection and kill -9, the quick form (issue 12, item 8): every
# command of tests/fault/lib.sh under a failing write, fsync, rename, open,
# opendir, malloc ... at each N, and killed at each write, sync and rename:
# the data directory is before or after, never a part.  The full form is
# make stress (tests/fault/stress).
# cs-test: long
. "$TOP/tests/cli/lib.sh"
SHIM=$(cd "$(dirname "$(command -v cs)")/.." && pwd)/tests/fault.so
if [ ! -f "$SHIM" ] || ldd "$(command -v cs)" 2>/dev/null | grep -q libasan; then
	# a sanitizer build: ASan owns malloc, the shim is not built there
	echo "skip: no $SHIM (the loops run in the plain build only)"
	exit 0
fi
. "$TOP/tests/fault/lib.sh"
FULL=0
fault_all
