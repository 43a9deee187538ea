# The acting user is the login of the real user id.  CS_USER is honoured
# only for root and the data directory's owner, and the journal then says
# "real as acting"; LOGNAME and USER are never believed; CS_USER from
# anyone else is ignored with a warning (the journal names the real user).
# The journal is the full record, for the group only; show --history masks
# as show does.
. "$TOP/tests/cli/lib.sh"
export CS_NOW="2026-11-22 09:00"
me=$(id -un)
cs init d >/dev/null || fail "init"
export CS_DATA_DIR=d
j=d/journal/2026-11.csv

# root (or the owner, when not run as root): CS_USER=tester is honoured,
# and journaled with who gave it
ok cs-staff add id=li.na name=李娜 team=华东一组 role=agent
has ",$me as tester,cs-staff,add,li.na,," $j
ok cs-ticket add channel=phone agent=li.na subject=hello
t1=$(cat out)
ok cs-ticket show "$t1" --history -o csv
has ",$me as tester,cs-ticket,add,," out
# CS_USER naming oneself is just oneself
CS_USER=$me ok cs-customer add name=张三 type=end phone=13812345678
has ",$me,cs-customer,add,C-000001,," $j
# no CS_USER: the real login, whatever LOGNAME and USER say
env -u CS_USER LOGNAME=the.manager USER=the.manager \
    cs-customer set C-000001 grade=A >out 2>err || fail "set: $(cat err)"
same "$(cat err)" ""
has ",$me,cs-customer,set,C-000001,grade,,A" $j
lacks "the.manager" $j
# a CS_USER that is not a login: refused, nothing changed
before=$(snapshot d)
CS_USER="x as y" status 64 cs-customer set C-000001 grade=B
has "CS_USER: not a login name: 'x as y'" err
CS_USER="a,b" status 64 cs-ticket add channel=phone agent=li.na
same "$(snapshot d)" "$before"

# the journal is the full record (the phone as given), readable by the
# group only; show --history masks it as show does
CS_NOW="2026-11-22 09:05" ok cs-customer set C-000001 phone=13987654321 \
    name=张三丰
has ",cs-customer,set,C-000001,phone,13812345678,13987654321" $j
ok cs-customer show C-000001 --history -o csv
has ",cs-customer,add,,,(the record)" out
has ",cs-customer,set,phone,138****5678,139****4321" out
has ",cs-customer,set,grade,,A" out
lacks 13812345678 out
lacks 13987654321 out
lacks 张三 out
ok cs-customer show C-000001 -o csv
has "139****4321" out
ok cs-customer show C-000001 --history -o json
lacks 13987654321 out
same "$(stat -c %a $j)" 660
same "$(stat -c %a d/journal)" 770
for f in $(cd d && find . -type f ! -name .lock); do
	m=$(stat -c %a "d/$f")
	[ "$m" = 660 ] || fail "d/$f: mode $m, want 660"
done

# as an unprivileged user: only root can make one
if [ "$(id -u)" != 0 ]; then
	echo "skip: the unprivileged part needs root (useradd, setpriv)" >&2
	exit 0
fi
u=csa$$ g=csg$$
groupadd "$g" && useradd -M -N -g "$g" -s /usr/sbin/nologin "$u" ||
    fail "useradd $u"
trap 'userdel "$u"; groupdel "$g"' EXIT
# on the roster (a login not on it may only read: 57-roles)
ok cs-staff add id="$u" name=临时主管 team=华东一组 role=manager
as_u() {
	setpriv --reuid="$u" --regid="$g" --init-groups "$@"
}
chmod 711 .
mkdir bin
cp "$(command -v cs)" "$(command -v cs-ticket)" "$(command -v cs-customer)" bin/
chmod 755 bin bin/*
chgrp -R "$g" d
chmod -R g+rwX d
# in the group but not the owner: may not act for others
before=$(snapshot d)
as_u env CS_USER=the.manager LOGNAME=the.manager USER=the.manager \
    bin/cs-ticket add channel=phone agent=li.na subject=mine >out 2>err ||
    fail "add as $u: $(cat err)"
t2=$(cat out)
same "$(cat err)" "cs-ticket: CS_USER=the.manager ignored: $u may not act for others (only root or the owner of d may)"
has ",$u,cs-ticket,add,$t2,," $j
lacks "the.manager" $j
# cs check opens the directory twice: one warning
as_u env CS_USER=the.manager bin/cs check -D d >out 2>err
same "$(grep -c ignored err)" 1
as_u bin/cs-ticket show "$t2" -o csv >out 2>err || fail "show: $(cat err)"
has ",li.na," out
# the owner of the directory may, as cron and scripts do
chown "$u" d
as_u env CS_USER=li.na bin/cs-ticket reply "$t2" note=ok >out 2>err ||
    fail "reply as the owner: $(cat err)"
same "$(cat err)" ""
has ",$u as li.na,cs-ticket,reply,$t2," $j
