# Filters are validated like fields: an impossible value of any filter of
# any program is a usage error (64) naming what is allowed, or saying the
# login is not on the roster, not an empty list; a good value still
# filters; a sample its filters leave empty is not stored.
. "$TOP/tests/cli/lib.sh"
sample d
export CS_DATA_DIR=d CS_NOW="2026-11-23 07:00"
before=$(snapshot d)

# program, verb and option, the bad value, what the message must hold
while IFS='|' read -r prog verb opt bad msg; do
	[ -n "$prog" ] || continue
	status 64 $prog $verb $opt "$bad"
	has "$opt: " err
	has "$msg" err
done <<'EOF'
cs-ticket|list|--status|opened|no status 'opened' (one of open (待处理), pending (挂起), resolved (已解决), closed (已关闭))
cs-ticket|list|--channel|fone|no channel 'fone' (one of phone (电话), online (在线), email (邮件), visit (来访))
cs-ticket|list|--kind|refund|no kind 'refund' (one of inquiry (咨询), return (退货), exchange (换货), repair (维修))
cs-ticket|list|--agent|nobody|'nobody' is not on the roster
cs-ticket|list|--agent|Bad Name|not a login name: 'Bad Name'
cs-ticket|list|--status||no status '' (one of open
cs-customer|list|--type|贵宾|no type '贵宾' (one of channel (渠道), out-of-town (外埠), end (终端))
cs-customer|list|--grade|D|no grade 'D' (one of A, B, C)
cs-customer|alerts|--grade|a|no grade 'a' (one of A, B, C)
cs-customer|alerts|--type|End|no type 'End' (one of channel (渠道), out-of-town (外埠), end (终端))
cs-customer|due|--agent|nobody|'nobody' is not on the roster
cs-complain|list|--status|opened|no status 'opened' (one of open (待处理), forwarded (已转交), answered (已答复), resolved (已解决), satisfied (客户满意), visited (已回访), closed (已关闭))
cs-complain|list|--severity|high|no severity 'high' (one of normal (一般), major (重大))
cs-complain|list|--nature|late|no nature 'late' in policy/complaint-natures.csv (one of delay (延误), damage (破损), loss (丢失), attitude (服务态度)
cs-complain|list|--department|logistics|no department 'logistics' in policy/departments.csv (one of customer-service (客服), warehouse (仓库), transport (运输), finance (财务), sales (销售))
cs-complain|list|--handler|nobody|'nobody' is not on the roster
cs-order|list|--status|shipped|no status 'shipped' (one of new (新建), reviewed (已审核), confirmed (已确认), prepared (已备货), packed (已打包), dispatched (已派车), picked-up (已揽收), in-transit (运输中), out-for-delivery (派送中), delivered (已送达), signed (已签收), lost (已丢失), cancelled (已取消))
cs-order|list|--service|overnight|no service 'overnight' in policy/rates.csv (one of standard, express)
cs-audit|sample|--kind|complaints|no kind 'complaints' (one of inquiry (咨询), return (退货), exchange (换货), repair (维修), complaint (投诉), after-sales (售后))
cs-audit|sample|--agent|nobody|'nobody' is not on the roster
cs-staff|list|--role|boss|no role 'boss' (one of agent (客服), leader (组长), deputy (副经理), manager (经理))
EOF
same "$(snapshot d)" "$before"

# the good values filter as they did
ok cs-ticket list --month 2026-11 --status closed --channel phone --kind inquiry -o csv
[ "$(wc -l <out)" -gt 1 ] || fail "no closed phone inquiries"
lacks ",online," out
agent=$(sed -n 2p out | cut -d, -f5)
ok cs-ticket list --month 2026-11 --agent "$agent" -o csv
ok cs-customer list --type end --grade A -o csv
lacks ",channel," out
ok cs-customer list --grade "" -o csv
ok cs-complain list --month 2026-11 --nature delay -o csv
ok cs-ticket list --month 2026-11 --team "VIP Team" -o csv
[ "$(wc -l <out)" -gt 1 ] || fail "no tickets of the VIP Team"
lacks ",华东一组," out
ok cs-staff list --team 华东一组 -o csv
# a team no one on the roster is in: said, not refused, as the records
# of a team renamed keep its old name and are still listed
for c in "cs-staff list" "cs-ticket list --month 2026-11" "cs-audit sample -n 1 --dry-run"; do
	exits 1 $c --team 华东一祖
	has "no one on the roster is in team '华东一祖' (the teams: 华东一组," err
done
cp d/staff.csv staff.saved
sed -i 's/,华东一组,/,华东九组,/' d/staff.csv
ok cs-ticket list --month 2026-11 --team 华东一组 -o csv
[ "$(wc -l <out)" -gt 1 ] || fail "the old team's records not listed"
has "no one on the roster is in team '华东一组'" err
ok cs-staff list --team 华东九组 -o csv
lacks "no one on the roster" err
cp staff.saved d/staff.csv
ok cs-order list --month 2026-11 --service standard --status signed -o csv
ok cs-staff list --role agent
# a login who left is still on the roster: old records are theirs
left=$(awk -F, '$6 != "" && NR > 1 { print $1; exit }' d/staff.csv)
if [ -n "$left" ]; then
	status 1 cs-ticket list --month 2027-01 --agent "$left"
fi

# a sample its filters leave empty is not stored; the right one then is
before=$(snapshot d)
status 1 cs-audit sample -n 3 --week 2026-W47 --kind repair --agent wang1
has "sample 2026-W47: no record of 2026-W47 passes its filters; nothing stored" err
[ ! -e d/audits/2026-W47.csv ] || fail "an empty sample was stored"
[ ! -e d/audits/2026-W47.manifest.csv ] || fail "an empty manifest was stored"
ok cs-audit sample -n 3 --week 2026-W47 --kind complaint
has "2026-W47" d/audits/2026-W47.manifest.csv
[ "$(wc -l <d/audits/2026-W47.csv)" -gt 1 ] || fail "no records drawn"
