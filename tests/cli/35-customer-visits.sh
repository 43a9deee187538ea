# cs-customer visit and due: return visits by the grade's cadence, across
# month and year ends, and customers never visited
. "$TOP/tests/cli/lib.sh"
cs init d >/dev/null || fail "init"
export CS_DATA_DIR=d
# li.na, who records, leads tom's team (rules/roles.c)
cs-staff add id=li.na name=李娜 team=华东一组 role=leader >/dev/null
cs-staff add id=tom name=Tom team=华东一组 role=agent >/dev/null
export CS_USER=li.na
for g in A B C A ""; do
	cs-customer add name="customer $g" type=channel ${g:+grade=$g} >/dev/null
done
# C-000001 A, C-000002 B, C-000003 C, C-000004 A, C-000005 no grade
# policy: A monthly, B quarterly, C half-yearly

CS_NOW="2025-12-15 10:00" ok cs-customer visit C-000004 satisfaction=5 needs=冷链
CS_NOW="2025-11-30 10:00" ok cs-customer visit C-000002 agent=tom channel=visit
CS_NOW="2026-01-31 16:00" ok cs-customer visit C-000001 notes="new contact"
has " as li.na,cs-customer,visit,C-000001" d/journal/2026-01.csv
same "$(tail -n 1 d/visits/2026-01.csv)" "2026-01-31T16:00:00+08:00,C-000001,li.na,phone,,,new contact"

# the year end: A on 2025-12-15 is due 2026-01-15; C never visited: now
CS_NOW="2026-01-14 09:00" ok cs-customer due -o csv
same "$(tail -n +2 out)" ",C-000003,C,,2026-01-14,"
CS_NOW="2026-01-15 09:00" ok cs-customer due -o csv
has "li.na,C-000004,A,2025-12-15,2026-01-15" out
# the month end: A on 01-31 is due 02-28; B on 11-30 three months on, 02-28
CS_NOW="2026-02-27 09:00" ok cs-customer due -o csv
lacks "C-000001" out
lacks "C-000002" out
CS_NOW="2026-02-28 09:00" ok cs-customer due -o csv
has "li.na,C-000001,A,2026-01-31,2026-02-28" out
has "tom,C-000002,B,2025-11-30,2026-02-28" out
lacks "C-000005" out		# no grade, no cadence
CS_NOW="2026-02-28 09:00" ok cs-customer due --agent tom -o csv
same "$(tail -n +2 out)" "tom,C-000002,B,2025-11-30,2026-02-28,"
# visited: not due any more
CS_NOW="2026-02-28 10:00" ok cs-customer visit C-000003
CS_NOW="2026-02-28 11:00" ok cs-customer due -o csv
lacks "C-000003" out
ok cs check

# what a visit records of the customer goes into its file, journaled
# with the visit, in one commit; the visit's notes stay the visit's
CS_NOW="2026-02-28 12:00" ok cs-customer visit C-000005 needs="整车, 冷链" \
    frequency=weekly transport=rail notes=换了联系人
same "$(cs-customer show C-000005 -o csv | tail -n 1 | cut -d, -f12-15)" \
    '"整车, 冷链",weekly,rail'	# (cut splits the quoted comma)
has ",visit,C-000005,needs,,\"整车, 冷链\"," d/journal/2026-02.csv
has ",visit,C-000005,frequency,,weekly," d/journal/2026-02.csv
has ",visit,C-000005,transport,,rail," d/journal/2026-02.csv
same "$(tail -n 1 d/visits/2026-02.csv)" \
    '2026-02-28T12:00:00+08:00,C-000005,li.na,phone,,"整车, 冷链",换了联系人'
ok cs check	# (cs verify: 39-customer-owner, on a timeline in order)

# bad input
before=$(snapshot d)
status 65 cs-customer visit C-000099
has "no id 'C-000099'" err
status 64 cs-customer visit C-000001 colour=red
status 65 cs-customer visit C-000001 satisfaction=9
status 65 cs-customer visit C-000001 agent=nobody
status 65 cs-customer visit C-000001 channel=fax
CS_NOW="2026-02-28 11:00" status 65 cs-customer visit C-000001 at="2026-03-05 10:00"
has "a visit to come is not a visit" err
status 64 cs-customer visit ../x
status 65 cs-customer visit C-000001 at=2026-02-30
has "field 'time': not a time: '2026-02-30'" err
status 65 cs-customer visit C-000001 notes="$(printf 'bad\377')"
has "invalid UTF-8" err
status 65 cs-customer visit C-000001 frequency="$(printf 'a\tb')"
has "field 'frequency'" err
status 64 cs-customer visit C-000001 grade=A
same "$(snapshot d)" "$before"
