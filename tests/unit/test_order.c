/* test_order.c: an order's rules (rules/order.c): the steps allowed and
 * refused with their reasons, what each needs, and lateness at and just
 * past the promised time */
#include "unit.h"

static void
test_steps(void **state)
{
	static const struct {
		const char *step, *status;
		int ok;
		const char *msg;
	} cases[] = {
		{ "review", "new", 1, NULL },
		{ "confirm", "new", 0, "confirm O-1: the order is new; review it "
		  "first" },
		{ "confirm", "reviewed", 1, NULL },
		{ "picked-up", "confirmed", 1, NULL },
		{ "in-transit", "picked-up", 1, NULL },
		{ "in-transit", "in-transit", 1, NULL },	/* each hub */
		{ "out-for-delivery", "in-transit", 1, NULL },
		{ "delivered", "out-for-delivery", 1, NULL },
		{ "delivered", "confirmed", 0, NULL },
		{ "sign", "new", 0, "sign O-1: the order is new; signing comes "
		  "after delivery" },
		{ "sign", "delivered", 1, NULL },
		{ "delay", "in-transit", 1, NULL },
		{ "delay", "delivered", 0, NULL },
		{ "damage", "new", 0, "damage O-1: the order is new; it has not "
		  "been handled yet" },
		{ "damage", "signed", 1, NULL },
		{ "loss", "out-for-delivery", 1, NULL },
		{ "cancel", "confirmed", 1, NULL },
		{ "cancel", "picked-up", 0, "cancel O-1: the order is picked-up; an "
		  "order picked up is not cancelled" },
		/* an ended order says why, whatever the step */
		{ "review", "cancelled", 0, "review O-1: the order is cancelled; it "
		  "was cancelled" },
		{ "in-transit", "lost", 0, "in-transit O-1: the order is lost; it "
		  "was lost" },
	};
	const struct cs_step *st;
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		st = cs_step_find(cs_order_steps, cases[i].step);
		assert_non_null(st);
		if ((cs_order_may(st, "O-1", cases[i].status) == 0) != cases[i].ok)
			fail_msg("%s from %s", cases[i].step, cases[i].status);
		if (!cases[i].ok)
			assert_int_equal(cs_errstatus(), CS_EDATA);
		if (cases[i].msg)
			assert_string_equal(cs_errmsg(), cases[i].msg);
	}
	assert_string_equal(cs_step_find(cs_order_steps, "loss")->to, "lost");
	assert_null(cs_step_find(cs_order_steps, "damage")->to);
	assert_null(cs_step_find(cs_order_steps, "track"));
}

static void
test_needs(void **state)
{
	char *by[] = { "by=王五" }, *empty[] = { "by=" }, *note[] = { "note=x" };
	char *twice[] = { "reason=", "reason=x" };
	const struct cs_step *sign = cs_step_find(cs_order_steps, "sign");
	const struct cs_step *cancel = cs_step_find(cs_order_steps, "cancel");
	const struct cs_step *delay = cs_step_find(cs_order_steps, "delay");

	(void)state;
	assert_null(cs_step_missing(sign, 1, by));
	assert_string_equal(cs_step_missing(sign, 1, empty), "by=");
	assert_string_equal(cs_step_missing(sign, 0, NULL), "by=");
	/* the first operand of a field is the one taken */
	assert_string_equal(cs_step_missing(cancel, 2, twice), "reason=");
	assert_string_equal(cs_step_missing(delay, 1, note), "estimated_at=");
	assert_null(cs_step_missing(cs_step_find(cs_order_steps, "damage"), 1,
	    note));
	/* what operands may give, and what only the steps set */
	assert_int_equal(cs_order_takes("weight"), 1);
	assert_int_equal(cs_order_takes("freight"), 1);
	assert_int_equal(cs_order_takes("status"), 0);
	assert_int_equal(cs_order_takes("delivered_at"), 0);
	assert_int_equal(cs_order_takes("id"), 0);
}

/* An exception's states: (none) -raise-> open -resolve-> resolved, a new
 * one open again; one stored before the state was kept is open. */
static void
test_exception_states(void **state)
{
	static const struct {
		const char *kind, *st, *ev, *next, *msg;
	} cases[] = {
		{ "", "", "raise", "open", NULL },
		{ "delay", "open", "resolve", "resolved", NULL },
		{ "delay", "", "resolve", "resolved", NULL },	/* kept before */
		{ "delay", "resolved", "raise", "open", NULL },
		{ "delay", "open", "raise", "open", NULL },	/* replaced */
		{ "", "", "resolve", NULL, "resolve O-1: the order has no "
		  "exception" },
		{ "loss", "resolved", "resolve", NULL, "resolve O-1: its loss is "
		  "resolved already" },
		{ "delay", "open", "reopen", NULL, "not an exception event: "
		  "'reopen'" },
	};
	const char *got;
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		got = cs_order_exception_next("O-1", cases[i].kind, cases[i].st,
		    cases[i].ev);
		if (cases[i].next == NULL) {
			assert_null(got);
			assert_string_equal(cs_errmsg(), cases[i].msg);
		} else if (got == NULL || strcmp(got, cases[i].next))
			fail_msg("case %zu: %s", i, got ? got : cs_errmsg());
	}
	/* resolve is a step from every status an exception may be on */
	assert_int_equal(cs_order_may(cs_step_find(cs_order_steps, "resolve"),
	    "O-1", "lost"), 0);
	assert_int_equal(cs_order_may(cs_step_find(cs_order_steps, "resolve"),
	    "O-1", "new"), -1);
}

/* The unresolved: open, or stored before the state and the order not
 * ended; and late lists them */
static void
test_unresolved(void **state)
{
	static const struct {
		const char *status, *kind, *st;
		int open;
	} cases[] = {
		{ "in-transit", "", "", 0 },
		{ "in-transit", "delay", "open", 1 },
		{ "signed", "damage", "open", 1 },
		{ "lost", "loss", "open", 1 },
		{ "in-transit", "delay", "resolved", 0 },
		{ "in-transit", "delay", "", 1 },
		{ "signed", "delay", "", 0 },
		{ "cancelled", "delay", "", 0 },
	};
	struct cs_master m;
	struct cs_row r = { 0 };
	size_t i;

	(void)state;
	memset(&m, 0, sizeof m);
	m.s = &cs_schema_orders;
	for (i = 0; i < m.s->ncols; i++) {
		m.idx[i] = (int)i;
		cs_row_push(&m.hdr, m.s->cols[i].name, strlen(m.s->cols[i].name));
	}
	for (i = 0; i < N(cases); i++) {
		cs_master_blank(&m, &r);
		cs_master_put(&m, &r, "status", cases[i].status);
		cs_master_put(&m, &r, "exception", cases[i].kind);
		cs_master_put(&m, &r, "exception_status", cases[i].st);
		if (cs_order_unresolved(&m, &r) != cases[i].open)
			fail_msg("case %zu", i);
	}
	cs_row_free(&r);
	cs_row_free(&m.hdr);
}

static void
test_late(void **state)
{
	static const struct {
		const char *status;
		int64_t after;		/* now - promised, seconds */
		int late;
	} cases[] = {
		{ "confirmed", -1, 0 },
		{ "confirmed", 0, 0 },	/* at the promised time: not yet */
		{ "confirmed", 1, 1 },
		{ "new", 86400, 1 },
		{ "in-transit", 1, 1 },
		{ "out-for-delivery", 1, 1 },
		{ "delivered", 86400, 0 },
		{ "signed", 86400, 0 },
		{ "cancelled", 86400, 0 },
		{ "lost", 86400, 0 },
	};
	cs_time promised;
	size_t i;

	(void)state;
	assert_int_equal(cs_time_parse("2026-11-23 23:59:59", &promised), 0);
	for (i = 0; i < N(cases); i++)
		if (cs_order_late(cases[i].status, promised, promised +
		    cases[i].after) != cases[i].late)
			fail_msg("%s, %lld s after", cases[i].status,
			    (long long)cases[i].after);
}

static void
test_number(void **state)
{
	int ok;

	(void)state;
	assert_true(cs_order_number("12.5", &ok) == 12.5 && ok);
	cs_order_number("", &ok);
	assert_false(ok);
	cs_order_number("12kg", &ok);
	assert_false(ok);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_steps),
		cmocka_unit_test(test_needs),
		cmocka_unit_test(test_exception_states),
		cmocka_unit_test(test_unresolved),
		cmocka_unit_test(test_late),
		cmocka_unit_test(test_number),
	};

	unit_zone();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
