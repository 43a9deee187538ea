# cs-customer: records, masking, import and export
. "$TOP/tests/cli/lib.sh"
export CS_NOW="2026-11-22 09:00"
cs init d >/dev/null || fail "init"
export CS_DATA_DIR=d

ok cs-customer --help
has "usage: cs-customer" out
ok cs-customer add name=张三丰 phone=13812345678 email=zsf@example.com \
    address=上海市浦东新区世纪大道100号 region=华东 type=end grade=A since=2020-05-01
same "$(cat out)" C-000001
ok cs-customer add name="Blue Harbor Co., Ltd." contact="John Smith" \
    phone=021-55556666 type=channel region=华东 notes="$(printf 'two\nlines, "quoted"')"
same "$(cat out)" C-000002
ok cs-customer add name=李四 type=out-of-town region=华北 grade=B
same "$(cat out)" C-000003
same "$(tail -n 1 d/customers.csv)" "C-000003,李四,,,,,,华北,out-of-town,B,,,,,,,"
has 'C-000002,"Blue Harbor Co., Ltd.",John Smith,021-55556666,,,,华东,channel,,,,,,"two\nlines, ""quoted""",' d/customers.csv

# masked by default, in show, list and export
ok cs-customer show C-000001 -o csv
has "C-000001,张**,,138****5678,z***@example.com,,上海市浦东新*********,华东,end,A" out
ok cs-customer list -o csv
has '"Blue Harbor Co., Ltd.",J*** *****,021*****6666' out
ok cs-customer export
has "138****5678" out
lacks "13812345678" out
# --unmask (with a reason) shows them, and the journal says who looked
ok cs-customer show C-000001 --unmask --reason test -o csv
has "C-000001,张三丰,,13812345678,zsf@example.com" out
has "tester,cs-customer,show,C-000001,unmask,,C-000001" d/journal/2026-11.csv
ok cs-customer export --unmask --reason test
has "tester,cs-customer,export,*,unmask,,export" d/journal/2026-11.csv

# filters
ok cs-customer list --region 华东 -o csv
same "$(tail -n +2 out | cut -d, -f1)" "$(printf 'C-000001\nC-000002')"
ok cs-customer list --type out-of-town --grade B -o csv
same "$(tail -n +2 out | cut -d, -f1)" C-000003
ok cs-customer list --search harbor -o csv
same "$(tail -n +2 out | cut -d, -f1)" C-000002
status 1 cs-customer list --grade C

# the terminal table lines up Chinese and English by display width
ok cs-customer list -o table
cat >want <<'T'
id        name                   contact     phone         email             company  address                region  type         grade  since       needs  frequency  transport  notes                 owner  language
C-000001  张**                               138****5678   z***@example.com           上海市浦东新*********  华东    end          A      2020-05-01
C-000002  Blue Harbor Co., Ltd.  J*** *****  021*****6666                                                    华东    channel                                                      two\nlines, "quoted"
C-000003  李四                                                                                               华北    out-of-town  B
T
diff want out >/dev/null || fail "table: $(diff want out)"

# set: journaled field by field
ok cs-customer set C-000003 grade=A phone=13900001111
ok cs-customer show C-000003 -o csv --unmask --reason test
has "C-000003,李四,,13900001111,,,,华北,out-of-town,A" out
has "tester,cs-customer,set,C-000003,grade,B,A" d/journal/2026-11.csv

# spreadsheets: BOM, CRLF, real line breaks, formulas neutralised
ok cs-customer add name=Eve type=end notes==HYPERLINK\(\"x\"\)
ok cs-customer export --excel
head -c 3 out | od -An -tx1 | grep -q "ef bb bf" || fail "no BOM"
has "$(printf '\r')" out
has "\"two
lines, \"\"quoted\"\"\"" out
has "'=HYPERLINK" out
ok cs-customer export --excel --encoding gb18030
iconv -f GB18030 -t UTF-8 out >u || fail "not GB18030"
has "张**" u
status 64 cs-customer export --encoding latin1

# list's CSV goes back in through import unchanged
sample s
before=$(snapshot s)
ok cs-customer -D s list --unmask --reason test -o csv
mv out all.csv
before=$(snapshot s)
ok cs-customer -D s import --dry-run all.csv -o csv
same "$(cat out)" "line,action,id,field,old,new"
before_store=$(md5sum <s/customers.csv)
ok cs-customer -D s import all.csv
same "$(cat out)" ""
same "$(md5sum <s/customers.csv)" "$before_store"

# import: new records and changes, with foreign column names
printf '名称,类型,电话,id\n王五,end,13700000000,\nACME,channel,,C-000002\n' >in.csv
ok cs-customer import -n --map 名称=name --map 类型=type,电话=phone in.csv -o csv
has '2,add,C-000005,,,"C-000005,王*,,137****0000,,,,,end,,,,,,,,"' out
has '3,change,C-000002,name,"Blue Harbor Co., Ltd.",ACME' out
has '3,change,C-000002,phone,021*****6666,' out
ok cs-customer import --map 名称=name,类型=type,电话=phone in.csv
same "$(cat out)" C-000005
ok cs-customer show C-000002 -o csv
has "C-000002,ACME," out
ok cs-customer show C-000005 -o csv --unmask --reason test
has "C-000005,王五,,13700000000" out
has "tester,cs-customer,import,C-000002,name,\"Blue Harbor Co., Ltd.\",ACME" d/journal/2026-11.csv
# a BOM and CRLF from a spreadsheet are fine
printf '\357\273\277name,type\r\nCRLF Ltd,channel\r\n' >crlf.csv
ok cs-customer import crlf.csv
same "$(cat out)" C-000006
ok cs-customer show C-000006 -o csv
has "C-000006,CRLF Ltd,,,,,,,channel" out

# bad input: one line naming file, line and field; nothing changed
before=$(snapshot d)
printf 'name,type\n"open,end\n' >bad1.csv
status 65 cs-customer import bad1.csv
has "bad1.csv:2: quoted field not closed before the end" err
printf 'id,phone\nC-000099,13800000000\n' >bad2.csv
status 65 cs-customer import bad2.csv
has "bad2.csv:2: no customer 'C-000099'" err
printf 'name,type,colour\nX,end,red\n' >bad3.csv
status 65 cs-customer import bad3.csv
has "bad3.csv:1: unknown column 'colour' (rename it with --map)" err
printf 'name,type,phone\nX,end,12ab\n' >bad4.csv
status 65 cs-customer import bad4.csv
has "bad4.csv:2: field 'phone': not a phone number: '12ab'" err
printf 'name,type\nok,end\nbad\377,end\n' >bad5.csv
status 65 cs-customer import bad5.csv
has "bad5.csv:3: invalid UTF-8 at byte 4" err
printf 'name,type\nX,end,extra\n' >bad6.csv
status 65 cs-customer import bad6.csv
has "bad6.csv:2: 3 fields, the header has 2" err
printf 'name,type\nX,vip\n' >bad7.csv
status 65 cs-customer import bad7.csv
has "bad7.csv:2: field 'type': not one of channel (渠道), out-of-town (外埠), end (终端): 'vip'" err
printf 'name\nX\n' >bad8.csv
status 65 cs-customer import bad8.csv
has "bad8.csv:2: field 'type' is required for a new customer" err
printf 'id,name\nC-000001,A\nC-000001,B\n' >bad9.csv
status 65 cs-customer import bad9.csv
has "bad9.csv:3: id 'C-000001' appears twice" err
status 66 cs-customer import missing.csv
status 65 cs-customer add name=X type=vip
has "field 'type': not one of channel (渠道), out-of-town (外埠), end (终端): 'vip'" err
status 65 cs-customer add name=X type=end phone=abc
has "field 'phone': not a phone number: 'abc'" err
status 64 cs-customer add name=X type=end colour=red
has "unknown field 'colour'" err
status 65 cs-customer add name="$(printf 'X\377')" type=end
has "invalid UTF-8" err
status 65 cs-customer add name=X type=end since=2026-02-30
status 64 cs-customer add name=X type=end id=C-000100
status 65 cs-customer set C-000099 grade=A
has "no id 'C-000099'" err
status 64 cs-customer set ../../etc/passwd grade=A
has "not a customers.csv id" err
status 1 cs-customer show C-000099
status 64 cs-customer list -o yaml
status 64 cs-customer import
same "$(snapshot d)" "$before"
