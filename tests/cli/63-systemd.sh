# contrib/systemd: a .service and a .timer for every line of the
# README's crontab: the service runs the line's command (an
# 'out=$(X) && echo "$out"' is X: the journal keeps the output), as
# user and group cs, with CS_DATA_DIR and /etc/default/cs-tools; the
# timer's OnCalendar is the line's schedule in Asia/Shanghai, and
# Persistent; no unit without a crontab line; systemd-analyze verify is
# clean where it is installed.
. "$TOP/tests/cli/lib.sh"
u=$TOP/contrib/systemd
awk '/^## Cron/ { f = 1; next } /^## / { f = 0 }
    f && /^    [0-9*]/ { sub(/^    /, ""); print }' "$TOP/README.md" >crontab
[ "$(wc -l <crontab)" -ge 10 ] || fail "the README's crontab: $(cat crontab)"

# cron "m h dom mon dow" as OnCalendar
calendar() {
	echo "$1 $2 $3 $4 $5" | awk '
	function two(x) { return length(x) == 1 ? "0" x : x }
	function span(x,  a) {
		if (split(x, a, "-") == 2) return two(a[1]) ".." two(a[2])
		return x == "*" ? "*" : two(x) }
	BEGIN { split("Sun Mon Tue Wed Thu Fri Sat", d, " ") }
	{ dow = ""
	  if ($5 != "*") {
		if (split($5, a, "-") == 2) dow = d[a[1] + 1] ".." d[a[2] + 1] " "
		else dow = d[$5 + 1] " " }
	  printf "%s*-%s-%s %s:%s:00 Asia/Shanghai\n", dow, span($4), span($3),
	      span($2), span($1) }'
}

: >named
while read -r m h dom mon dow cmd; do
	case $cmd in
	'out=$('*') && echo "$out"') cmd=${cmd#'out=$('}; cmd=${cmd%') && echo "$out"'} ;;
	esac
	set -- $cmd
	case $1 in cs) unit=cs-$2 ;; *) unit=$1-$2 ;; esac
	echo "$unit.service" >>named
	echo "$unit.timer" >>named
	s=$u/$unit.service t=$u/$unit.timer
	[ -f "$s" ] && [ -f "$t" ] || fail "'$cmd': no $unit.service and $unit.timer"
	esc=$(printf '%s' "$cmd" | sed 's/\$/$$/g')
	same "$(sed -n 's/^ExecStart=//p' "$s")" "/bin/sh -c '$esc'"
	has "Type=oneshot" "$s"
	has "User=cs" "$s"
	has "Group=cs" "$s"
	has "Environment=CS_DATA_DIR=/var/lib/cs-tools" "$s"
	has "EnvironmentFile=-/etc/default/cs-tools" "$s"
	same "$(sed -n 's/^OnCalendar=//p' "$t")" "$(calendar "$m" "$h" "$dom" "$mon" "$dow")"
	has "Persistent=true" "$t"
	has "WantedBy=timers.target" "$t"
	# 1 is "nothing found", a success, but for cs check
	if [ "$unit" = cs-check ]; then
		lacks "SuccessExitStatus" "$s"
	else
		has "SuccessExitStatus=1" "$s"
	fi
done <crontab
(cd "$u" && ls *.service *.timer) | sort >units
sort named >want
cmp -s want units || fail "units without a crontab line: $(comm -13 want units)"

if ! command -v systemd-analyze >/dev/null; then
	echo "skip: systemd-analyze verify: systemd-analyze is not installed"
	exit 0
fi
mkdir v && cp "$u"/*.service "$u"/*.timer v/
ok systemd-analyze verify --man=no v/*.service v/*.timer
same "$(cat out err)" ""
