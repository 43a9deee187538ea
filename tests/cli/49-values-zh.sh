# Values by their Chinese names (store/values.c, cs(7) LANGUAGE): taken
# on field=value operands, filters, positional words and imports, stored
# as the English value; an unknown one's error names both; a table shows
# the Chinese name when the user's language is Chinese, CSV and JSON never.
. "$TOP/tests/cli/lib.sh"
cs init d >/dev/null || fail "init"
export CS_DATA_DIR=d CS_NOW="2026-11-20 10:00"
# the runner sets LC_ALL=C.UTF-8: each case says its own
unset LC_ALL LC_MESSAGES LANG LANGUAGE

ok cs-staff add id=li.na name=李娜 team=华东一组 role=客服
ok cs-staff list -o csv
has "li.na,李娜,华东一组,agent," out
ok cs-customer add name=张三 type=终端 region=华东
c=$(cat out)
ok cs-customer add name=李四 type=外埠客户
ok cs-customer list -o csv
has ",华东,end," out
has ",out-of-town," out

ok cs-ticket add channel=电话 kind=咨询 agent=li.na customer="$c" subject=运单查询
t=$(cat out)
ok cs-ticket show "$t" -o csv
has "$t,inquiry,phone,$c,li.na," out
has ",open," out
! grep -rq "电话\|咨询\|待处理" d/tickets || fail "a Chinese name stored"
ok cs-ticket add channel=email kind=维修 agent=li.na
t2=$(cat out)

# filters
ok cs-ticket list --channel 电话 --status 待处理 --kind 咨询 -o csv
has "$t," out
lacks "$t2," out
ok cs-ticket list --kind 维修 -o csv
has "$t2," out
lacks "$t," out

# the table in the user's language; CSV and JSON as stored
for env in "LANG=zh_CN.UTF-8" "LC_ALL=zh_CN.UTF-8 LANG=C" \
    "LC_MESSAGES=zh_CN.UTF-8" "LANG=en_US.UTF-8 LANGUAGE=zh_CN:en" "LANG=zh"; do
	ok env $env cs-ticket list -o table
	has 电话 out
	has 咨询 out
	has 待处理 out
	has 维修 out
	lacks phone out
	lacks inquiry out
	has 运单查询 out	# free text as it is
done
for env in "LANG=C" "LANG=en_US.UTF-8" "LC_ALL=C.UTF-8 LANG=zh_CN.UTF-8" \
    "LANG=C LANGUAGE=zh_CN" ""; do
	ok env $env cs-ticket list -o table
	has phone out
	has inquiry out
	lacks 电话 out
	lacks 待处理 out
done
ok env LANG=zh_CN.UTF-8 cs-ticket list -o csv
has "$t,inquiry,phone,$c," out
lacks 电话 out
ok env LANG=zh_CN.UTF-8 cs-ticket list -o json
has '"channel":"phone"' out
lacks 电话 out
ok env LANG=zh_CN.UTF-8 cs-ticket list -o tsv
lacks 电话 out
ok env LANG=zh_CN.UTF-8 cs-ticket show "$t" -o table
has 电话 out
has 咨询 out
ok env LANG=zh_CN.UTF-8 cs-staff list -o table
has 客服 out
ok env LANG=zh_CN.UTF-8 cs-customer list -o table
has 终端 out
has 外埠 out

# unknown values name the allowed ones with their Chinese names; nothing
# is stored
before=$(snapshot d)
status 65 cs-ticket add channel=传真 agent=li.na
has "field 'channel': not one of phone (电话), online (在线), email (邮件), visit (来访): '传真'" err
status 65 cs-ticket add channel=信函 agent=li.na	# a complaint's channel only
has "field 'channel': not one of phone (电话), online (在线), email (邮件), visit (来访): '信函'" err
status 65 cs-customer add name=王五 type=贵宾
has "not one of channel (渠道), out-of-town (外埠), end (终端): '贵宾'" err
status 64 cs-ticket list --status 已完成
has "--status: no status '已完成' (one of open (待处理), pending (挂起), resolved (已解决), closed (已关闭))" err
status 64 cs-complain list --nature 迟到
has "no nature '迟到' in policy/complaint-natures.csv (one of delay (延误), damage (破损), loss (丢失)" err
same "$(snapshot d)" "$before"

# complaints: operands, the nature filter, the feedback word
ok cs-complain add channel=电话 content=包裹延误三天 nature=延误 severity=一般 \
    handler=li.na customer="$c" received_at="2026-11-20 09:58"
k=$(cat out)
ok cs-complain show "$k" -o csv
has ",phone,包裹延误三天,,delay,normal,transport,li.na," out
ok cs-complain list --nature 延误 --severity 一般 -o csv
has "$k," out
ok cs-complain add channel=邮件 content=外箱破损 nature=破损 severity=重大 \
    handler=li.na received_at="2026-11-20 09:59"
k2=$(cat out)
ok cs-complain show "$k2" -o csv
has ",email,外箱破损,,damage,major,warehouse," out
ok cs-complain forward "$k"
ok cs-complain respond "$k" answer=已核实
ok cs-complain resolve "$k" resolution=赔偿运费
ok cs-complain feedback "$k" 满意
ok cs-complain show "$k" -o csv
has ",satisfied," out
ok env LANG=zh_CN.UTF-8 cs-complain show "$k" -o table
has 延误 out
has 客户满意 out

# a return visit
ok cs-customer visit "$c" channel=来访 satisfaction=非常满意 agent=li.na
has ",$c,li.na,visit,5," d/visits/2026-11.csv

# imports: the values of a foreign file
printf '名称,类型\n赵六,渠道\n钱七,终端客户\n' >in.csv
ok cs-customer import --map 名称=name,类型=type in.csv
ok cs-customer list -o csv
has ",channel," out
[ "$(grep -c ",end," out)" = 2 ] || fail "终端客户 not imported as end"
printf 'channel,kind,agent,opened_at,resolved_at,status\n在线,退货,li.na,2026-11-20 09:00,2026-11-20 09:30,已解决\n' >t.csv
ok cs-ticket import t.csv
ok cs-ticket list --kind return -o csv
has ",return,online," out
has ",resolved," out
! grep -rq "在线\|退货\|已解决" d/tickets || fail "a Chinese name imported as it is"
