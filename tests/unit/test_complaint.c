/* test_complaint.c: a complaint's rules (rules/complaint.c): nature to
 * department, the steps allowed and refused, overdue at and just past
 * each deadline, the late recording */
#include <sys/stat.h>

#include "unit.h"

/* the policy's defaults: recorded in 10m; answered in 48h (normal) or
 * 24h (major); a major one escalated in 2h; calendar clock */
static struct cs_sla_rule rules[] = {
	{ "complaint-normal", "*", 600, 48 * 3600, 0, 0, 0, -1 },
	{ "complaint-major", "*", 600, 24 * 3600, 2 * 3600, 0, 0, -1 },
};
static const struct cs_sla sla = { rules, 2, NULL, 0, NULL, 0 };

static void
test_department(void **state)
{
	static const struct {
		const char *nature, *dept;
		int status;
	} cases[] = {
		{ "delay", "transport", 0 },
		{ "billing", "finance", 0 },
		{ "attitude", "customer-service", 0 },
		{ "weather", NULL, CS_EDATA },
		{ "", NULL, CS_EDATA },
	};
	char *dir = unit_tmpdir(), *dept;
	struct cs_buf p = { 0 };
	size_t i;

	(void)state;
	cs_buf_addf(&p, "%s/policy", dir);
	mkdir(p.s, 0770);
	cs_buf_adds(&p, "/complaint-natures.csv");
	unit_write(p.s, "nature,department,description\n"
	    "delay,transport,late\nbilling,finance,invoice\n"
	    "attitude,customer-service,rude\n");
	for (i = 0; i < N(cases); i++) {
		int r = cs_complaint_department(dir, cases[i].nature, &dept);
		if (cases[i].dept) {
			assert_int_equal(r, 0);
			assert_string_equal(dept, cases[i].dept);
			free(dept);
		} else {
			assert_int_equal(r, -1);
			assert_int_equal(cs_errstatus(), cases[i].status);
			assert_null(dept);
		}
	}
	assert_int_equal(cs_complaint_department(dir, "weather", &dept), -1);
	assert_non_null(strstr(cs_errmsg(), "'weather' is not in "
	    "policy/complaint-natures.csv"));
	/* a policy without the columns is the policy's error */
	unit_write(p.s, "kind,team\ndelay,transport\n");
	assert_int_equal(cs_complaint_department(dir, "delay", &dept), -1);
	assert_int_equal(cs_errstatus(), CS_ECONFIG);
	cs_buf_free(&p);
	unit_rmrf(dir);
	free(dir);
}

static void
test_steps(void **state)
{
	static const struct {
		const char *verb, *status, *override;
		int want, status_err;
		const char *msg;
	} cases[] = {
		{ "forward", "open", NULL, 0, 0, NULL },
		{ "forward", "forwarded", NULL, -1, CS_EDATA,
		  "forward K-1: the complaint is forwarded; it is forwarded "
		  "already; an unsatisfied customer's complaint is open again" },
		{ "respond", "open", NULL, -1, CS_EDATA, "respond K-1: the "
		  "complaint is open; forward it to the department first" },
		{ "respond", "forwarded", NULL, 0, 0, NULL },
		{ "resolve", "forwarded", NULL, -1, CS_EDATA, NULL },
		{ "resolve", "answered", NULL, 0, 0, NULL },
		{ "feedback", "answered", NULL, -1, CS_EDATA, NULL },
		{ "feedback", "resolved", NULL, 0, 0, NULL },
		{ "visit", "resolved", NULL, -1, CS_EDATA, NULL },
		{ "visit", "satisfied", NULL, 0, 0, NULL },
		{ "escalate", "visited", NULL, 0, 0, NULL },
		{ "escalate", "closed", NULL, -1, CS_EDATA,
		  "escalate K-1: the complaint is closed" },
		{ "close", "satisfied", NULL, 0, 0, NULL },
		{ "close", "visited", NULL, 0, 0, NULL },
		{ "close", "forwarded", NULL, -1, CS_EDATA, "close K-1: the "
		  "complaint is forwarded; the customer is not satisfied: close "
		  "--override REASON" },
		/* the override: only where it is needed, never once closed */
		{ "close", "forwarded", "unreachable", 1, 0, NULL },
		{ "close", "open", "unreachable", 1, 0, NULL },
		{ "close", "satisfied", "unreachable", -1, CS_EUSAGE,
		  "close K-1: the customer is satisfied; no --override needed" },
		{ "close", "closed", "again", -1, CS_EDATA,
		  "close K-1: the complaint is closed" },
	};
	const struct cs_step *st;
	size_t i;
	int r;

	(void)state;
	assert_null(cs_step_find(cs_complaint_steps, "add"));
	for (i = 0; i < N(cases); i++) {
		st = cs_step_find(cs_complaint_steps, cases[i].verb);
		assert_non_null(st);
		r = cs_complaint_may(st, "K-1", cases[i].status, cases[i].override);
		if (r != cases[i].want)
			fail_msg("%s from %s: %d, want %d", cases[i].verb,
			    cases[i].status, r, cases[i].want);
		if (r < 0)
			assert_int_equal(cs_errstatus(), cases[i].status_err);
		if (cases[i].msg)
			assert_string_equal(cs_errmsg(), cases[i].msg);
	}
	/* where each step leads; feedback decides for itself */
	assert_string_equal(cs_step_find(cs_complaint_steps, "respond")->to,
	    "answered");
	assert_null(cs_step_find(cs_complaint_steps, "feedback")->to);
	assert_string_equal(cs_step_find(cs_complaint_steps, "escalate")->needs,
	    "to=whom");
}

static void
test_overdue(void **state)
{
	/* received 10:00, recorded 10:10 (in time) or 10:10:01 (late) */
	cs_time t0;
	struct cs_complaint c;
	char why[256];
	int late;

	(void)state;
	assert_int_equal(cs_time_parse("2026-11-02 10:00", &t0), 0);
	memset(&c, 0, sizeof c);
	c.severity = "major";
	c.status = "open";
	c.feedback = "";
	c.received = t0;
	c.recorded = t0 + 600;
	/* the recording: at the deadline in time, a second past it late */
	assert_int_equal(cs_complaint_late_record(&sla, "major", t0, t0 + 600), 0);
	assert_int_equal(cs_complaint_late_record(&sla, "major", t0, t0 + 601), 1);
	assert_int_equal(cs_complaint_late_record(&sla, "unknown", t0, t0 + 9999),
	    0);
	/* escalation: due 12:00; at 12:00 not late, at 12:01 late */
	assert_int_equal(cs_complaint_overdue(&c, &sla, t0 + 7200, why,
	    sizeof why), 0);
	assert_string_equal(why, "");
	assert_int_equal(cs_complaint_listed_overdue(&c, &sla, t0 + 7200, why,
	    sizeof why), 0);
	late = cs_complaint_overdue(&c, &sla, t0 + 7260, why, sizeof why);
	assert_int_equal(late, CS_LATE_ESCALATION);
	assert_string_equal(why, "not escalated, 1m late");
	c.escalated = 1;
	assert_int_equal(cs_complaint_overdue(&c, &sla, t0 + 7260, why,
	    sizeof why), 0);
	/* the department's answer: forwarded with a deadline of 11-03 10:00 */
	c.status = "forwarded";
	c.deadline = t0 + 86400;
	assert_int_equal(cs_complaint_overdue(&c, &sla, t0 + 86400, why,
	    sizeof why), 0);
	late = cs_complaint_overdue(&c, &sla, t0 + 86400 + 1800, why, sizeof why);
	assert_int_equal(late, CS_LATE_ANSWER);
	assert_string_equal(why, "department answer 30m late");
	/* a late recording too: both reasons, in order */
	c.recorded = t0 + 1800;
	late = cs_complaint_overdue(&c, &sla, t0 + 86400 + 1800, why, sizeof why);
	assert_int_equal(late, CS_LATE_RECORD | CS_LATE_ANSWER);
	assert_string_equal(why, "recorded 30m after receipt; department answer "
	    "30m late");
	/* a late recording alone is listed only while it waits to be
	 * forwarded */
	c.deadline = 0;
	assert_int_equal(cs_complaint_listed_overdue(&c, &sla, t0 + 3600, why,
	    sizeof why), 0);
	assert_string_equal(why, "recorded 30m after receipt");
	c.status = "open";
	assert_int_equal(cs_complaint_listed_overdue(&c, &sla, t0 + 3600, why,
	    sizeof why), 1);
	/* closed: never overdue */
	c.status = "closed";
	c.escalated = 0;
	assert_int_equal(cs_complaint_overdue(&c, &sla, t0 + 99999, why,
	    sizeof why), 0);
	assert_string_equal(why, "");
	/* the answer's deadline: 48h for a normal one, none when no rule */
	assert_int_equal(cs_complaint_answer_by(&sla, "normal", t0),
	    t0 + 48 * 3600);
	assert_int_equal(cs_complaint_answer_by(&sla, "huge", t0), 0);
}

static void
test_count(void **state)
{
	/* k1: in time, answered on time, satisfied, closed after 2h;
	 * k2: 30m late, answered late, unsatisfied once, still open */
	struct cs_group g = { 0 };
	struct cs_complaint c = { 0 };
	cs_time t0 = 1000000;

	(void)state;
	c.severity = "normal";
	c.received = t0, c.recorded = t0 + 300;
	c.answered = t0 + 3600, c.deadline = t0 + 7200;
	c.feedback = "satisfied", c.status = "closed", c.closed = t0 + 7200;
	cs_complaint_count(&g, &c, &sla);
	c.recorded = t0 + 1800, c.answered = t0 + 7201;
	c.feedback = "unsatisfied", c.reopens = 1, c.status = "open";
	cs_complaint_count(&g, &c, &sla);
	assert_int_equal(g.n, 2);
	assert_int_equal(g.k[CS_CK_IN_TIME], 1);
	assert_int_equal(g.k[CS_CK_ANSWERED], 2);
	assert_int_equal(g.k[CS_CK_ON_TIME], 1);
	assert_int_equal(g.k[CS_CK_FEEDBACK], 2);
	assert_int_equal(g.k[CS_CK_SATISFIED], 1);
	assert_int_equal(g.k[CS_CK_REOPENED], 1);
	assert_int_equal(g.nv, 1);
	assert_true(g.v[0] == 2.0);
	cs_group_free(&g);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_department),
		cmocka_unit_test(test_steps),
		cmocka_unit_test(test_overdue),
		cmocka_unit_test(test_count),
	};

	unit_zone();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
