# Each program's usage is its man page's synopsis; --help and --version
# answer on stdout with exit 0, the version in the usual form with the
# Makefile's VERSION ("cs-ticket (cs-tools) 0.2.0"); every man page is
# clean under mandoc lint.
. "$TOP/tests/cli/lib.sh"
version=$(sed -n 's/^VERSION *= *//p' "$TOP/Makefile")
[ -n "$version" ] || fail "no VERSION in the Makefile"

norm() { tr -s ' \t\n' '   ' | sed 's/^ //; s/ $//'; }

for p in cs cs-staff cs-customer cs-ticket cs-audit cs-complain cs-kpi cs-order; do
	ok "$p" --help
	usage=$(awk '/^usage: /{ sub(/^usage: /, ""); f = 1 } /^$|^[a-z]+: /{ if (!/^usage/) f = 0 } f' out | norm)
	synopsis=$(mandoc -T utf8 "$TOP/man/$p.1" | sed 's/.\x08//g' |
	    awk '/^SYNOPSIS/{ f = 1; next } /^[A-Z]/{ f = 0 } f' | norm)
	same "$usage" "$synopsis"
	ok "$p" --version
	same "$(cat out)" "$p (cs-tools) $version"
	ok "$p" -V
	same "$(cat out)" "$p (cs-tools) $version"
	[ -f "$TOP/man/$p.1" ] || fail "no man page for $p"
done
ok mandoc -T lint -W warning "$TOP"/man/*

# the license: ISC in LICENSE, named by its SPDX id in the README, and
# every copyright line in the tree the one of LICENSE
[ -f "$TOP/LICENSE" ] || fail "no LICENSE"
same "$(head -n 1 "$TOP/LICENSE")" "ISC License"
has "SPDX-License-Identifier: ISC" "$TOP/README.md"
holder=$(grep -m1 '^Copyright (c) ' "$TOP/LICENSE")
[ -n "$holder" ] || fail "LICENSE has no copyright line"
(cd "$TOP" && git ls-files 2>/dev/null | grep -v '^data-samples/\|^tests/fuzz/' |
    xargs grep -hE 'Copyright \(c\) [0-9]{4}' 2>/dev/null |
    sed 's/^[^C]*//' | sort -u) >holders
[ ! -s holders ] || same "$(cat holders)" "$holder"
