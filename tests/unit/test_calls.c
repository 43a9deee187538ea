/* test_calls.c: calls matched to phone records (rules/calls.c) over a
 * hand-made table of calls and records, numbers and channel names, and
 * sla.csv's answer target in seconds and in rings */
#include <sys/stat.h>

#include "unit.h"

static cs_time
at(const char *s)
{
	return unit_at(s);
}

static struct cs_call
call(long line, const char *start, const char *answer, const char *end,
    const char *agent, const char *caller)
{
	struct cs_call c;

	memset(&c, 0, sizeof c);
	c.line = line;
	c.start = at(start);
	c.answered = answer != NULL;
	c.answer = answer ? at(answer) : 0;
	c.end = at(end);
	snprintf(c.agent, sizeof c.agent, "%s", agent);
	snprintf(c.caller, sizeof c.caller, "%s", caller);
	return c;
}

static struct cs_call_ticket
ticket(const char *id, const char *agent, const char *opened,
    const char *phone)
{
	struct cs_call_ticket t;

	memset(&t, 0, sizeof t);
	snprintf(t.id, sizeof t.id, "%s", id);
	snprintf(t.agent, sizeof t.agent, "%s", agent);
	snprintf(t.kind, sizeof t.kind, "inquiry");
	snprintf(t.phone, sizeof t.phone, "%s", phone);
	t.opened = at(opened);
	return t;
}

static void
test_numbers(void **state)
{
	static const struct {
		const char *a, *b;
		int same;
	} cases[] = {
		{ "13800138000", "13800138000", 1 },
		{ "+86 138 0013 8000", "13800138000", 1 },
		{ "008613800138000", "138-0013-8000", 1 },
		{ "13800138000", "13800138001", 0 },
		{ "38000", "13800138000", 0 },	/* too short to be its end */
		{ "", "13800138000", 0 },
		{ "anonymous", "", 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++)
		assert_int_equal(cs_call_same_number(cases[i].a, cases[i].b),
		    cases[i].same);
}

static void
test_extension(void **state)
{
	static const char *const cases[][3] = {
		{ "SIP/201-0000001a", "999", "201" },
		{ "PJSIP/202-00000002", "", "202" },
		{ "Local/203@from-queue-00000001;2", "", "203" },
		{ "SIP/li-na-0000000b", "", "li-na" },
		{ "", "204", "204" },
		{ "SIP/", "205", "205" },
	};
	char out[32];
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		cs_call_extension(cases[i][0], cases[i][1], out);
		assert_string_equal(out, cases[i][2]);
	}
}

static void
test_match(void **state)
{
	const struct cs_call c[] = {
		/* 0: li.na, T1 opened 20s in */
		call(1, "2026-11-23 09:00:00", "2026-11-23 09:00:10",
		    "2026-11-23 09:05:00", "li.na", "13800138000"),
		/* 1: not answered */
		call(2, "2026-11-23 09:20:00", NULL, "2026-11-23 09:20:30",
		    "li.na", ""),
		/* 2: no agent for its extension */
		call(3, "2026-11-23 09:30:00", "2026-11-23 09:30:05",
		    "2026-11-23 09:31:00", "", ""),
		/* 3: two records of tom during it */
		call(4, "2026-11-23 10:00:00", "2026-11-23 10:00:05",
		    "2026-11-23 10:03:00", "tom", ""),
		/* 4: none: T5 is another caller's */
		call(5, "2026-11-23 11:00:00", "2026-11-23 11:00:05",
		    "2026-11-23 11:01:00", "li.na", "13900139000"),
		/* 5, 6: both would match T6 */
		call(6, "2026-11-23 12:00:00", "2026-11-23 12:00:05",
		    "2026-11-23 12:01:00", "li.na", ""),
		call(7, "2026-11-23 12:02:00", "2026-11-23 12:02:05",
		    "2026-11-23 12:03:00", "li.na", ""),
		/* 7: opened five minutes after the hang-up: still its */
		call(8, "2026-11-23 13:00:00", "2026-11-23 13:00:05",
		    "2026-11-23 13:01:00", "tom", ""),
		/* 8: opened a minute before the answer: its; T9 too late */
		call(9, "2026-11-23 14:00:00", "2026-11-23 14:01:00",
		    "2026-11-23 14:02:00", "li.na", "13800138000"),
	};
	const struct cs_call_ticket t[] = {
		ticket("T1", "li.na", "2026-11-23 09:00:30", "+86 13800138000"),
		ticket("T2", "tom", "2026-11-23 09:00:30", ""),	/* no call */
		ticket("T3", "tom", "2026-11-23 10:00:20", ""),
		ticket("T4", "tom", "2026-11-23 10:04:00", ""),
		ticket("T5", "li.na", "2026-11-23 11:00:20", "13800138000"),
		ticket("T6", "li.na", "2026-11-23 12:02:30", ""),
		ticket("T7", "tom", "2026-11-23 13:06:00", ""),
		ticket("T8", "li.na", "2026-11-23 14:00:00", "13800138000"),
		ticket("T9", "li.na", "2026-11-23 14:07:01", "13800138000"),
	};
	static const int how[] = { CS_CALL_MATCHED, CS_CALL_UNANSWERED,
		CS_CALL_NO_AGENT, CS_CALL_TWO, CS_CALL_NONE, CS_CALL_SHARED,
		CS_CALL_SHARED, CS_CALL_MATCHED, CS_CALL_MATCHED };
	struct cs_call_match m[N(c)];
	size_t i;

	(void)state;
	cs_call_match(c, N(c), t, N(t), m);
	for (i = 0; i < N(c); i++)
		assert_int_equal(m[i].how, how[i]);
	assert_string_equal(t[m[0].ticket].id, "T1");
	assert_string_equal(t[m[3].ticket].id, "T3");
	assert_string_equal(t[m[3].other].id, "T4");
	assert_string_equal(t[m[5].ticket].id, "T6");
	assert_int_equal(m[5].other, 6);
	assert_int_equal(m[6].other, 5);
	assert_string_equal(t[m[7].ticket].id, "T7");
	assert_string_equal(t[m[8].ticket].id, "T8");
}

/* The same call twice is one: by the uniqueid when both have one, else
 * by caller, dst, channel and times */
static void
test_repeats(void **state)
{
	static const struct {
		const char *start, *answer, *caller, *channel, *uniqueid;
		size_t rep;
	} cases[] = {
		{ "09:00:00", "09:00:10", "138", "SIP/t-1", "", (size_t)-1 },
		{ "09:00:00", "09:00:10", "138", "SIP/t-1", "", 0 },	/* 0 again */
		{ "09:00:00", "09:00:11", "138", "SIP/t-1", "", (size_t)-1 },
		{ "09:00:00", "09:00:10", "139", "SIP/t-1", "", (size_t)-1 },
		{ "09:00:00", "09:00:10", "138", "SIP/t-2", "", (size_t)-1 },
		/* the same fields, two uniqueids: two calls */
		{ "10:00:00", "10:00:05", "137", "SIP/t-3", "17.1", (size_t)-1 },
		{ "10:00:00", "10:00:05", "137", "SIP/t-3", "17.2", (size_t)-1 },
		/* the same uniqueid is the same call */
		{ "10:00:00", "10:00:05", "137", "SIP/t-3", "17.1", 5 },
		/* one without a uniqueid: by the fields, the first of them */
		{ "10:00:00", "10:00:05", "137", "SIP/t-3", "", 5 },
		/* before in time, after in the file */
		{ "08:00:00", "08:00:05", "136", "SIP/t-4", "", (size_t)-1 },
		{ "09:00:00", "09:00:10", "138", "SIP/t-1", "", 0 },
	};
	struct cs_call c[N(cases)];
	size_t rep[N(cases)], i;
	char a[32], b[32];

	(void)state;
	for (i = 0; i < N(cases); i++) {
		snprintf(a, sizeof a, "2026-11-23 %s", cases[i].start);
		snprintf(b, sizeof b, "2026-11-23 %s", cases[i].answer);
		c[i] = call((long)i + 1, a, b, "2026-11-23 11:00:00", "li.na",
		    cases[i].caller);
		snprintf(c[i].dst, sizeof c[i].dst, "201");
		snprintf(c[i].channel, sizeof c[i].channel, "%s",
		    cases[i].channel);
		snprintf(c[i].uniqueid, sizeof c[i].uniqueid, "%s",
		    cases[i].uniqueid);
	}
	cs_call_repeats(c, N(c), rep);
	for (i = 0; i < N(cases); i++)
		if (rep[i] != cases[i].rep)
			fail_msg("case %zu: repeats %zd, want %zd", i, (ssize_t)rep[i],
			    (ssize_t)cases[i].rep);
}

/* policy/phones.csv's agents against the roster: not on it, or left */
static void
test_phones_roster(void **state)
{
	char *dir = unit_tmpdir();
	struct cs_buf p = { 0 };
	struct cs_map gone = { 0 };
	char line[256];
	FILE *fp;

	(void)state;
	cs_buf_addf(&p, "%s/policy", dir);
	mkdir(p.s, 0770);
	unit_put(dir, "policy/phones.csv", "extension,agent\n201,li.na\n"
	    "206,nobody\n207,wang5\n");
	unit_put(dir, "staff.csv", "id,name,team,role,hired,left,department\n"
	    "li.na,李娜,华东一组,agent,,,\nwang5,王五,VIP,agent,,2026-11-10,\n");
	assert_non_null(fp = tmpfile());
	assert_int_equal(cs_phones_roster(dir, fp, &gone), 2);
	rewind(fp);
	assert_non_null(fgets(line, sizeof line, fp));
	assert_string_equal(line, "policy/phones.csv:3: field 'agent': no one "
	    "called 'nobody' on the roster\n");
	assert_non_null(fgets(line, sizeof line, fp));
	assert_string_equal(line, "policy/phones.csv:4: field 'agent': 'wang5' "
	    "left on 2026-11-10\n");
	fclose(fp);
	assert_null(cs_map_get(&gone, "201"));
	assert_string_equal(cs_map_get(&gone, "206"), "");
	assert_string_equal(cs_map_get(&gone, "207"), "2026-11-10");
	cs_map_free(&gone, free);
	cs_buf_free(&p);
	unit_rmrf(dir);
	free(dir);
}

/* The answer target of a call: the record's own rule's, else the phone
 * line's, whatever the kind; none off the phone */
static void
test_answer(void **state)
{
	char *dir = unit_tmpdir();
	struct cs_buf p = { 0 };
	struct cs_sla sla;

	(void)state;
	cs_buf_addf(&p, "%s/policy", dir);
	mkdir(p.s, 0770);
	unit_put(dir, "policy/sla.csv", "kind,channel,first_response,resolution,"
	    "escalation,clock,live,answer,ring\n"
	    "inquiry,online,2m,4h,,business,,,\n"
	    "inquiry,phone,0m,4h,,business,yes,3 rings,6s\n"
	    "complaint-normal,*,10m,48h,,calendar,,,\n"
	    "return,*,4h,72h,,business,,,\n"
	    "repair,phone,4h,168h,,calendar,,30s,\n"
	    "exchange,phone,4h,72h,,business,,40s,\n");
	assert_int_equal(cs_sla_load(&sla, dir), 0);
	assert_int_equal(cs_sla_answer(&sla, "inquiry", "phone"), 18);
	assert_int_equal(cs_sla_answer(&sla, "return", "phone"), 18);
	assert_int_equal(cs_sla_answer(&sla, "repair", "phone"), 30);
	assert_int_equal(cs_sla_answer(&sla, "exchange", "phone"), 40);
	assert_int_equal(cs_sla_answer(&sla, "return", "online"), -1);
	assert_int_equal(cs_sla_answer(&sla, "inquiry", "online"), -1);
	cs_sla_free(&sla);
	unit_put(dir, "policy/sla.csv", "kind,channel,first_response,resolution,"
	    "escalation,clock\n"
	    "inquiry,phone,0m,4h,,business\nreturn,*,4h,72h,,business\n");
	assert_int_equal(cs_sla_load(&sla, dir), 0);
	assert_int_equal(cs_sla_answer(&sla, "return", "phone"), -1);
	cs_sla_free(&sla);
	cs_buf_free(&p);
	unit_rmrf(dir);
	free(dir);
}

/* sla.csv's answer: seconds, or rings times a ring's length */
static void
test_target(void **state)
{
	char *dir = unit_tmpdir();
	struct cs_buf p = { 0 };
	struct cs_sla sla;

	(void)state;
	cs_buf_addf(&p, "%s/policy", dir);
	mkdir(p.s, 0770);
	unit_put(dir, "policy/sla.csv", "kind,channel,first_response,resolution,"
	    "escalation,clock,live,answer,ring\n"
	    "inquiry,phone,0m,4h,,business,yes,4 rings,5s\n"
	    "return,phone,4h,72h,,business,,20s,\n"
	    "inquiry,online,2m,4h,,business,,,\n");
	assert_int_equal(cs_sla_load(&sla, dir), 0);
	assert_int_equal(cs_sla_rule(&sla, "inquiry", "phone")->answer, 20);
	assert_int_equal(cs_sla_rule(&sla, "inquiry", "phone")->live, 1);
	assert_int_equal(cs_sla_rule(&sla, "return", "phone")->answer, 20);
	assert_int_equal(cs_sla_rule(&sla, "return", "phone")->live, 0);
	assert_int_equal(cs_sla_rule(&sla, "inquiry", "online")->answer, -1);
	cs_sla_free(&sla);
	unit_put(dir, "policy/sla.csv", "kind,channel,first_response,resolution,"
	    "escalation,clock,answer,ring\n"
	    "inquiry,phone,0m,4h,,business,0 rings,5s\n");
	assert_int_equal(cs_sla_load(&sla, dir), -1);
	assert_int_equal(cs_errstatus(), CS_ECONFIG);
	assert_string_equal(cs_errmsg(), "policy/sla.csv:2: field 'answer': "
	    "not a duration (20s, 1m) nor rings (3 rings): '0 rings'");
	unit_put(dir, "policy/sla.csv", "kind,channel,first_response,resolution,"
	    "escalation,clock,answer,ring\n"
	    "inquiry,phone,0m,4h,,business,20s,5s\n");
	assert_int_equal(cs_sla_load(&sla, dir), -1);
	assert_string_equal(cs_errmsg(), "policy/sla.csv:2: field 'ring': a "
	    "ring's length without an answer target in rings: '5s'");
	cs_buf_free(&p);
	unit_rmrf(dir);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_extension),
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_target),
		cmocka_unit_test(test_repeats),
		cmocka_unit_test(test_phones_roster),
		cmocka_unit_test(test_answer),
	};

	unit_zone();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
