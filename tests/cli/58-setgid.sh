# The setgid deployment (make install-setgid, cs(7) DEPLOYMENT): the
# programs setgid to a group that owns the data directory (2770, files
# 0660), so an agent who is not in the group writes only through them.
# The agent adds and replies to tickets; cannot read or write the files
# directly; cannot point the programs at another directory (-D,
# CS_DATA_DIR, cs init DIR), identity (CS_USER) or time (CS_NOW), nor make
# cs run another program; each refusal changes nothing.
# cs-test: long
. "$TOP/tests/cli/lib.sh"

# no variable that changes behaviour escapes the sanitising: every getenv
# of lib/ and cmd/ is of a CS_ name (all dropped when setgid), a zone's or
# the language's;
# secure_getenv (NULL in a setgid program: TMPDIR) is safe as it is
for v in $(cat "$TOP"/lib/*/*.c "$TOP"/cmd/*.c | grep -v 'secure_getenv(' |
    sed -n 's/.*getenv("\([A-Za-z_]*\)").*/\1/p' | sort -u); do
	# the language (LANGUAGE, LC_*, LANG) picks words, and the terminal's
	# width (COLUMNS) a table's layout, never data or rights: left as the
	# user has them
	case $v in CS_*|TZ|TZDIR|LANGUAGE|LC_*|LANG|COLUMNS) ;; *) fail "getenv(\"$v\"): not dropped when setgid" ;; esac
done
# access(2) asks with the real ids, which a setgid program does not open
# with: cs_access asks with the effective ones
! grep -n '[^_a-z]access(' "$TOP"/lib/*/*.c "$TOP"/cmd/*.c ||
    fail "access(2) in lib/ or cmd/: use cs_access"

if [ "$(id -u)" != 0 ]; then
	echo "skip: the setgid deployment test needs root (groupadd, useradd, setpriv)" >&2
	exit 0
fi
unset CS_NOW CS_CHUNK_BYTES CS_USER
u=csa$$ g=csg$$ ug=csu$$
groupadd "$g" && groupadd "$ug" &&
    useradd -M -N -g "$ug" -s /usr/sbin/nologin "$u" || fail "useradd $u"
trap 'userdel "$u"; groupdel "$ug"; groupdel "$g"' EXIT
chmod 711 .
w=$PWD
d=$w/data
agent() {
	n=$((n + 1))
	setpriv --reuid="$u" --regid="$ug" --init-groups "$@" >out 2>err
}

# the setup, step by step as cs(7) tells it: a plain build, whatever
# make check runs this under (its sanitizer CFLAGS reach a sub-make
# through MAKEFLAGS, and LeakSanitizer cannot run a setgid program)
MAKEFLAGS= MFLAGS= make -s -C "$TOP" -j2 B="$w/build" CFLAGS="-O2 -g" \
    LDFLAGS= DATA_DIR="$d" PREFIX="$w/prefix" BINDIR="$w/bin" \
    MANDIR="$w/man" GROUP="$g" install-setgid >make.log 2>&1 ||
    fail "make install-setgid: $(tail -n 5 make.log)"
same "$(stat -c '%a %G' bin/cs-ticket)" "2755 $g"
same "$(stat -c '%a %G' bin/cs)" "2755 $g"
bin/cs init "$d" >/dev/null || fail "init"
CS_DATA_DIR="$d" bin/cs-staff add id="$u" name=李娜 team=华东一组 role=agent \
    >/dev/null || fail "staff add"
chgrp -R "$g" "$d"
find "$d" -type d -exec chmod 2770 {} +
find "$d" -type f -exec chmod 0660 {} +
export CS_DATA_DIR=

# the agent works through the programs
agent bin/cs-ticket add channel=phone subject=货物在哪里 ||
    fail "[$n] add: $(cat err)"
t=$(cat out)
same "$(cat err)" ""
agent bin/cs-ticket reply "$t" note=在路上 || fail "[$n] reply: $(cat err)"
agent bin/cs ticket show "$t" -o csv || fail "[$n] cs ticket show: $(cat err)"
has ",$u,华东一组," out
has ",$u,cs-ticket,reply,$t," "$d"/journal/*.csv
# what the programs make is the group's only
find "$d" ! -group "$g" | grep . && fail "files not of group $g"
find "$d" -perm /007 | grep . && fail "files open to others"
find "$d" -type f ! -perm 660 ! -name .lock | grep . && fail "files not 0660"

# but not the files
before=$(snapshot "$d")
for f in "$d"/staff.csv "$d"/journal/*.csv; do
	agent cat "$f" && fail "[$n] the agent reads $f"
	agent sh -c "echo x >>'$f'" && fail "[$n] the agent writes $f"
done
agent ls "$d" && fail "[$n] the agent lists $d"
# ... nor through a file named on the command line: opened as the agent
agent bin/cs-ticket import "$d"/staff.csv
same "$?" 77
has "Permission denied" err
same "$(snapshot "$d")" "$before"

# another directory: the agent's own copy, set up to be trusted
mkdir mine && chown "$u" mine
agent bin/cs init "$w/mine/d" && fail "[$n] cs init elsewhere"
same "$(cat err)" "cs: $w/mine/d: a setgid cs works only on $d"
agent sh -c "umask 077; cp -r '$TOP/data-samples' '$w/mine/d'" ||
    fail "[$n] cp: $(cat err)"
mine=$(snapshot mine)
agent bin/cs-ticket -D "$w/mine/d" list
same "$?" 77
same "$(cat err)" "cs-ticket: $w/mine/d: a setgid cs-ticket works only on $d"
agent bin/cs -D "$w/mine/d" check
same "$?" 77
agent bin/cs -D "$w/mine/d" ticket add channel=phone
same "$?" 77
same "$(snapshot mine)" "$mine"
same "$(snapshot "$d")" "$before"
# the directory itself, by any name, is the configured one
ln -s "$d" link
agent bin/cs-ticket -D "$w/link" show "$t" -o csv || fail "[$n] -D link: $(cat err)"
agent env CS_DATA_DIR="$d/" bin/cs-ticket show "$t" -o csv ||
    fail "[$n] CS_DATA_DIR=$d/: $(cat err)"
same "$(cat err)" ""
# CS_DATA_DIR elsewhere is ignored, with a warning: the work goes to $d
agent env CS_DATA_DIR="$w/mine/d" bin/cs-ticket add channel=phone \
    subject=one || fail "[$n] add: $(cat err)"
t2=$(cat out)
same "$(cat err)" "cs-ticket: CS_DATA_DIR ignored: a setgid cs-ticket works only on $d"
[ -n "$(find "$d/tickets" -name '*.csv' -exec grep -l "^$t2," {} +)" ] ||
    fail "$t2 not in $d"
same "$(snapshot mine)" "$mine"
# the identity and the time are the system's
agent env CS_USER=wang1 CS_NOW="2020-01-01 10:00" CS_CHUNK_BYTES=100 \
    CS_THREADS=64 TZ=America/New_York bin/cs-ticket add channel=phone \
    subject=two || fail "[$n] add: $(cat err)"
t3=$(cat out)
has "cs-ticket: CS_USER ignored: a setgid cs-ticket takes no settings from the environment" err
has "cs-ticket: CS_NOW ignored" err
has "cs-ticket: CS_CHUNK_BYTES ignored" err
lacks wang1 "$d"/journal/*.csv
has ",$u,cs-ticket,add,$t3,," "$d"/journal/*.csv
case $t3 in T-2020*) fail "CS_NOW believed: $t3" ;; esac
same "$(find "$d/tickets" -name '*.csv' | wc -l)" 1
# cs runs only the programs beside it, never one on the caller's PATH
mkdir evil
printf '#!/bin/sh\nid -gn >%s/evil/ran\n' "$w" >evil/cs-ticket
chmod 755 evil evil/cs-ticket
agent env PATH="$w/evil:$PATH" bin/cs ticket list -o csv ||
    fail "[$n] cs ticket list: $(cat err)"
[ -e evil/ran ] && fail "cs ran $w/evil/cs-ticket (as $(cat evil/ran))"
has "$t3" out
same "$(stat -c %G "$d"/journal/*.csv)" "$g"
