/* test_ticket.c: the ticket's moves, allowed and refused, their changes
 * of a record made by hand, and the SLA lines over a policy */
#include <sys/stat.h>

#include "unit.h"

static char *dir;
static struct cs_ds ds;
static struct cs_sla sla;
static struct cs_master m;

static void
put(const char *rel, const char *text)
{
	unit_put(dir, rel, text);
}

static cs_time
at(const char *s)
{
	return unit_at(s);
}

static int
setup(void **state)
{
	struct cs_buf p = { 0 };

	(void)state;
	dir = unit_tmpdir();
	cs_buf_addf(&p, "%s/policy", dir);
	mkdir(p.s, 0770);
	cs_buf_free(&p);
	/* a phone inquiry: first response at once, resolved in 4 working
	 * hours; Mon-Fri 9-18, Sat 10-16 */
	put("policy/sla.csv", "kind,channel,first_response,resolution,escalation,"
	    "clock\ninquiry,phone,0m,4h,,business\n"
	    "inquiry,online,2m,4h,,business\n");
	put("policy/hours.csv", "weekday,open,close\n"
	    "mon,09:00,18:00\ntue,09:00,18:00\nwed,09:00,18:00\n"
	    "thu,09:00,18:00\nfri,09:00,18:00\nsat,10:00,16:00\n");
	put("policy/holidays.csv", "date,name\n");
	ds.dir = dir;
	ds.lockfd = -1;
	ds.user = "tester";
	ds.admin = 1;	/* acts with every right (rules/roles.h) */
	ds.program = "cs-ticket";
	if (cs_sla_load(&sla, dir) < 0)
		return -1;
	return cs_master_open(&m, &ds, &cs_schema_tickets);
}

static int
teardown(void **state)
{
	(void)state;
	cs_master_close(&m);
	cs_sla_free(&sla);
	unit_rmrf(dir);
	free(dir);
	return 0;
}

static void
test_may(void **state)
{
	/* each verb from open, pending, resolved, closed: 1 allowed */
	static const struct {
		const char *verb;
		int ok[4];
	} cases[] = {
		{ "reply", { 1, 1, 0, 0 } },
		{ "promise", { 1, 1, 0, 0 } },
		{ "assign", { 1, 1, 1, 0 } },
		{ "pending", { 1, 0, 0, 0 } },
		{ "resolve", { 1, 1, 0, 0 } },
		{ "close", { 0, 0, 1, 0 } },
		{ "reopen", { 0, 0, 1, 1 } },
		{ "rate", { 0, 0, 1, 1 } },
		{ "set", { 1, 1, 1, 1 } },
	};
	static const char *const st[] = { "open", "pending", "resolved", "closed" };
	const struct cs_ticket_move *mv;
	size_t i, k;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		assert_non_null(mv = cs_ticket_move(cases[i].verb));
		for (k = 0; k < 4; k++)
			assert_int_equal(cs_ticket_may(mv, "T-1", st[k]),
			    cases[i].ok[k] ? 0 : -1);
		/* a status no move knows */
		assert_int_equal(cs_ticket_may(mv, "T-1", "lost"), -1);
		assert_int_equal(cs_ticket_may(mv, "T-1", ""), -1);
	}
	assert_null(cs_ticket_move("add"));
	assert_null(cs_ticket_move("frobnicate"));
	/* the reasons */
	assert_int_equal(cs_ticket_may(cs_ticket_move("close"), "T-1", "open"), -1);
	assert_int_equal(cs_errstatus(), CS_EDATA);
	assert_string_equal(cs_errmsg(), "close T-1: the record is open; resolve "
	    "it first");
	cs_ticket_may(cs_ticket_move("close"), "T-1", "closed");
	assert_string_equal(cs_errmsg(), "close T-1: it is closed already");
	cs_ticket_may(cs_ticket_move("rate"), "T-1", "pending");
	assert_string_equal(cs_errmsg(), "rate T-1: the record is pending; the "
	    "customer rates a resolved record");
	cs_ticket_may(cs_ticket_move("assign"), "T-1", "closed");
	assert_string_equal(cs_errmsg(), "assign T-1: the record is closed; a "
	    "closed record keeps its agent");
	cs_ticket_may(cs_ticket_move("reopen"), "T-1", "open");
	assert_string_equal(cs_errmsg(), "reopen T-1: the record is open; it is "
	    "not resolved yet");
}

/* A phone inquiry opened Friday 2026-11-20 17:00, due Saturday 13:00. */
static void
record(struct cs_row *r)
{
	cs_master_blank(&m, r);
	cs_master_put(&m, r, "id", "T-20261120-0001");
	cs_master_put(&m, r, "kind", "inquiry");
	cs_master_put(&m, r, "channel", "phone");
	cs_master_put(&m, r, "agent", "li.na");
	cs_master_put(&m, r, "status", "open");
	cs_master_put(&m, r, "opened_at", "2026-11-20T17:00:00+08:00");
	cs_master_put(&m, r, "due_at", "2026-11-21T13:00:00+08:00");
}

static const char *
g(const struct cs_row *r, const char *field)
{
	return cs_master_get(&m, r, field);
}

/* The move verb at now, with the field=value operands given. */
static int
move(struct cs_row *r, const char *verb, const char *now, const char *arg,
    const char *field, const char *value, struct cs_buf *journal)
{
	const struct cs_ticket_move *mv = cs_ticket_move(verb);
	struct cs_ticket_change c = { &ds, &m, r, &sla, "T-20261120-0001", arg };

	ds.now = at(now);
	if (cs_ticket_may(mv, c.id, g(r, "status")) < 0)
		return -1;
	if (field && cs_ticket_operand(&c, mv, field, value, journal) < 0)
		return -1;
	return cs_ticket_apply(mv, &c);
}

static void
test_moves(void **state)
{
	struct cs_row r = { 0 };
	struct cs_buf j = { 0 };
	char first[160], res[160], why[160];

	(void)state;
	record(&r);
	/* pending at 17:30: the first response, the clock stops */
	assert_int_equal(move(&r, "pending", "2026-11-20 17:30", NULL, "note",
	    "asked for the waybill", &j), 0);
	assert_string_equal(g(&r, "status"), "pending");
	assert_string_equal(g(&r, "first_response_at"), "2026-11-20T17:30:00+08:00");
	assert_string_equal(g(&r, "pending_since"), "2026-11-20T17:30:00+08:00");
	assert_non_null(strstr(j.s, ",pending,T-20261120-0001,note,,asked for "
	    "the waybill\n"));
	assert_int_equal(cs_ticket_why(&m, &r, &sla, at("2026-11-23 09:00"), why,
	    sizeof why), 0);
	/* pending is only from open */
	assert_int_equal(move(&r, "pending", "2026-11-20 17:40", NULL, NULL, NULL,
	    &j), -1);
	/* the reply on Monday 10:00: 30m Friday, 6h Saturday, 1h Monday
	 * paused, so due 7.5 working hours later: Monday 13:30 */
	assert_int_equal(move(&r, "reply", "2026-11-23 10:00", NULL, NULL, NULL,
	    &j), 0);
	assert_string_equal(g(&r, "status"), "open");
	assert_string_equal(g(&r, "paused"), "27000");
	assert_string_equal(g(&r, "pending_since"), "");
	assert_string_equal(g(&r, "due_at"), "2026-11-23T13:30:00+08:00");
	assert_string_equal(g(&r, "first_response_at"), "2026-11-20T17:30:00+08:00");
	/* at 11:00: 1h 30m of working time since opening, less 7h 30m
	 * paused, from 4h: 2h 30m left */
	assert_int_equal(cs_ticket_sla(&m, &r, &sla, at("2026-11-23 11:00"), first,
	    res), 1);
	assert_string_equal(first, "after 30m, missed by 30m");
	assert_string_equal(res, "left: 2h 30m");
	assert_int_equal(cs_ticket_why(&m, &r, &sla, at("2026-11-23 13:29"), why,
	    sizeof why), 0);
	assert_int_equal(cs_ticket_why(&m, &r, &sla, at("2026-11-23 13:31"), why,
	    sizeof why), 1);
	/* operands a move does not take */
	assert_int_equal(move(&r, "reply", "2026-11-23 10:05", NULL, "result", "x",
	    &j), -1);
	assert_int_equal(cs_errstatus(), CS_EUSAGE);
	assert_string_equal(cs_errmsg(), "reply: field 'result' is not given here");
	assert_int_equal(move(&r, "set", "2026-11-23 10:05", NULL, "status",
	    "closed", &j), -1);
	assert_string_equal(cs_errmsg(), "set: field 'status' is not given here");
	assert_int_equal(move(&r, "set", "2026-11-23 10:05", NULL, "colour", "red",
	    &j), -1);
	assert_string_equal(cs_errmsg(), "set: field 'colour' is not known here");
	assert_int_equal(move(&r, "set", "2026-11-23 10:05", NULL, "category",
	    "wrong-parcel", &j), 0);
	assert_string_equal(g(&r, "category"), "wrong-parcel");
	/* a promise before the opening is refused */
	assert_int_equal(move(&r, "promise", "2026-11-23 10:05",
	    "2026-11-20 16:00", NULL, NULL, &j), -1);
	assert_string_equal(cs_errmsg(), "promise T-20261120-0001: 2026-11-20 "
	    "16:00 is before the record was opened");
	assert_int_equal(move(&r, "promise", "2026-11-23 10:05",
	    "2026-11-23 15:00", NULL, NULL, &j), 0);
	assert_string_equal(g(&r, "promised_at"), "2026-11-23T15:00:00+08:00");
	/* rated only when resolved, and with a satisfaction */
	assert_int_equal(move(&r, "rate", "2026-11-23 11:00", NULL, "satisfaction",
	    "4", &j), -1);
	assert_int_equal(move(&r, "resolve", "2026-11-23 12:00", NULL, "result",
	    "found", &j), 0);
	assert_string_equal(g(&r, "status"), "resolved");
	assert_string_equal(g(&r, "resolved_at"), "2026-11-23T12:00:00+08:00");
	assert_string_equal(g(&r, "result"), "found");
	assert_int_equal(cs_ticket_why(&m, &r, &sla, at("2026-11-30 09:00"), why,
	    sizeof why), 0);
	assert_int_equal(move(&r, "rate", "2026-11-23 12:05", NULL, "attitude",
	    "good", &j), -1);
	assert_string_equal(cs_errmsg(), "rate: satisfaction=1..5 is required");
	assert_int_equal(move(&r, "rate", "2026-11-23 12:05", NULL, "satisfaction",
	    "4", &j), 0);
	assert_int_equal(move(&r, "resolve", "2026-11-23 12:06", NULL, NULL, NULL,
	    &j), -1);
	assert_int_equal(move(&r, "close", "2026-11-23 12:10", NULL, NULL, NULL,
	    &j), 0);
	assert_string_equal(g(&r, "status"), "closed");
	assert_string_equal(g(&r, "closed_at"), "2026-11-23T12:10:00+08:00");
	assert_int_equal(move(&r, "close", "2026-11-23 12:11", NULL, NULL, NULL,
	    &j), -1);
	/* reopened: open again, the times of resolving gone, counted */
	assert_int_equal(move(&r, "reopen", "2026-11-24 09:00", NULL, NULL, NULL,
	    &j), 0);
	assert_string_equal(g(&r, "status"), "open");
	assert_string_equal(g(&r, "resolved_at"), "");
	assert_string_equal(g(&r, "closed_at"), "");
	assert_string_equal(g(&r, "reopens"), "1");
	assert_string_equal(g(&r, "satisfaction"), "4");
	assert_int_equal(move(&r, "resolve", "2026-11-24 09:30", NULL, NULL, NULL,
	    &j), 0);
	assert_int_equal(move(&r, "reopen", "2026-11-24 10:00", NULL, NULL, NULL,
	    &j), 0);
	assert_string_equal(g(&r, "reopens"), "2");
	cs_row_free(&r);
	cs_buf_free(&j);
}

static void
test_sla_lines(void **state)
{
	struct cs_row r = { 0 };
	char first[160], res[160];

	(void)state;
	record(&r);
	/* Friday 17:00 to 17:20: 20m late for an answer at once; 4h - 20m
	 * left */
	cs_master_put(&m, &r, "promised_at", "2026-11-20T17:30:00+08:00");
	assert_int_equal(cs_ticket_sla(&m, &r, &sla, at("2026-11-20 17:20"), first,
	    res), 1);
	assert_string_equal(first, "not yet; missed by 20m; promised by "
	    "2026-11-20T17:30:00+08:00: still to keep");
	assert_string_equal(res, "left: 3h 40m");
	assert_int_equal(cs_ticket_why(&m, &r, &sla, at("2026-11-20 17:20"),
	    first, sizeof first), 0);
	/* the promise broken: overdue, though not yet due */
	assert_int_equal(cs_ticket_why(&m, &r, &sla, at("2026-11-20 17:40"),
	    first, sizeof first), 1);
	assert_string_equal(first, "promise due");
	/* resolved Saturday 12:00: 1h Friday and 2h Saturday */
	cs_master_put(&m, &r, "first_response_at", "2026-11-20T17:25:00+08:00");
	cs_master_put(&m, &r, "resolved_at", "2026-11-21T12:00:00+08:00");
	cs_master_put(&m, &r, "status", "resolved");
	cs_ticket_sla(&m, &r, &sla, at("2026-11-23 09:00"), first, res);
	assert_string_equal(first, "after 25m, missed by 25m; promised by "
	    "2026-11-20T17:30:00+08:00: kept");
	assert_string_equal(res, "in 3h 0m, within the target");
	/* no target for an email */
	cs_master_put(&m, &r, "channel", "email");
	assert_int_equal(cs_ticket_sla(&m, &r, &sla, at("2026-11-23 09:00"), first,
	    res), 0);
	cs_row_free(&r);
}

/* Why a record is overdue: each reason, alone and joined. */
static void
test_why(void **state)
{
	static const struct {
		const char *channel, *status, *first, *promised, *now, *why;
	} t[] = {
		/* a call is its own first response (0m); online: 2m */
		{ "phone", "open", "", "", "2026-11-20 17:30", "" },
		{ "online", "open", "", "", "2026-11-20 17:01", "" },
		{ "online", "open", "", "", "2026-11-20 17:03",
		  "first response missed" },
		{ "online", "open", "2026-11-20T17:01:00+08:00", "",
		  "2026-11-20 17:30", "" },
		{ "phone", "open", "", "2026-11-20T17:30:00+08:00",
		  "2026-11-20 17:31", "promise due" },
		{ "phone", "open", "2026-11-20T17:10:00+08:00",
		  "2026-11-20T17:30:00+08:00", "2026-11-20 17:31", "" },
		{ "phone", "open", "", "", "2026-11-21 13:01", "resolution due" },
		{ "online", "open", "", "2026-11-20T17:30:00+08:00",
		  "2026-11-21 13:01",
		  "first response missed; resolution due; promise due" },
		/* pending: the clock stopped; resolved: nothing owed */
		{ "phone", "pending", "2026-11-20T17:10:00+08:00", "",
		  "2026-11-21 13:01", "" },
		{ "online", "resolved", "", "2026-11-20T17:30:00+08:00",
		  "2026-11-21 13:01", "" },
	};
	struct cs_row r = { 0 };
	char why[160];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		record(&r);
		cs_master_put(&m, &r, "channel", t[i].channel);
		cs_master_put(&m, &r, "status", t[i].status);
		cs_master_put(&m, &r, "first_response_at", t[i].first);
		cs_master_put(&m, &r, "promised_at", t[i].promised);
		assert_int_equal(cs_ticket_why(&m, &r, &sla, at(t[i].now), why,
		    sizeof why), *t[i].why != '\0');
		assert_string_equal(why, t[i].why);
	}
	/* without the policy, no first-response reason */
	cs_master_put(&m, &r, "status", "open");
	assert_int_equal(cs_ticket_why(&m, &r, NULL, at("2026-11-21 13:01"), why,
	    sizeof why), 1);
	assert_string_equal(why, "resolution due; promise due");
	cs_row_free(&r);
}

static void
test_fields(void **state)
{
	(void)state;
	assert_true(cs_ticket_settable("category"));
	assert_true(cs_ticket_settable("estimated_at"));
	assert_false(cs_ticket_settable("status"));
	assert_false(cs_ticket_settable("channel"));
	assert_true(cs_ticket_addable("channel"));
	assert_true(cs_ticket_addable("notes"));
	assert_true(cs_ticket_addable("result"));
	assert_false(cs_ticket_addable("status"));
	assert_false(cs_ticket_addable("resolved_at"));
	assert_false(cs_ticket_addable("id"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_may),
		cmocka_unit_test(test_moves),
		cmocka_unit_test(test_sla_lines),
		cmocka_unit_test(test_why),
		cmocka_unit_test(test_fields),
	};

	unit_zone();
	return cmocka_run_group_tests(tests, setup, teardown);
}
