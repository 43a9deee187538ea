/* test_returns.c: the return policy: windows from a policy made by hand,
 * verdicts over delivery dates worked by hand, and the refusals */
#include <sys/stat.h>

#include "unit.h"

static char *dir;

static void
put(const char *rel, const char *text)
{
	unit_put(dir, rel, text);
}

static void
mkdirs(const char *rel)
{
	struct cs_buf p = { 0 };

	cs_buf_addf(&p, "mkdir -p '%s/%s'", dir, rel);
	assert_int_equal(system(p.s), 0);
	cs_buf_free(&p);
}

static int
setup(void **state)
{
	(void)state;
	dir = unit_tmpdir();
	mkdirs("policy");
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	unit_rmrf(dir);
	free(dir);
	return 0;
}

static cs_time
at(const char *s)
{
	return unit_at(s);
}

static void
test_window(void **state)
{
	static const struct {
		const char *kind, *category;
		long days;
	} cases[] = {
		{ "return", "electronics", 10 },
		{ "exchange", "electronics", 20 },
		{ "return", "food", 0 },
		{ "exchange", "food", 3 },
		/* the others: the "*" line */
		{ "return", "clothes", 7 },
		{ "exchange", "clothes", 15 },
		{ "return", "", 7 },
		/* a named line after "*" still wins */
		{ "return", "furniture", 30 },
	};
	size_t i;
	long days;

	(void)state;
	put("policy/returns.csv", "category,return_days,exchange_days\n"
	    "electronics,10,20\nfood,0,3\n*,7,15\nfurniture,30,30\n");
	for (i = 0; i < N(cases); i++) {
		assert_int_equal(cs_return_window(dir, cases[i].kind,
		    cases[i].category, &days), 0);
		assert_int_equal(days, cases[i].days);
	}
	/* no "*": a category no line names has no window */
	put("policy/returns.csv", "category,exchange_days,return_days\n"
	    "electronics,20,10\n");
	assert_int_equal(cs_return_window(dir, "return", "electronics", &days), 0);
	assert_int_equal(days, 10);
	assert_int_equal(cs_return_window(dir, "return", "clothes", &days), 0);
	assert_int_equal(days, -1);
}

static void
test_window_refused(void **state)
{
	static const struct {
		const char *text, *want;
	} cases[] = {
		{ "category,return_days,exchange_days\n*,abc,15\n",
		  "policy/returns.csv:2: field 'return_days': not a whole number "
		  "of days from 0 to 3650: 'abc'" },
		{ "category,return_days,exchange_days\nx,1,1\n*,-5,15\n",
		  "policy/returns.csv:3: field 'return_days': not a whole number "
		  "of days from 0 to 3650: '-5'" },
		{ "category,return_days,exchange_days\n*,3651,15\n",
		  "policy/returns.csv:2: field 'return_days': not a whole number "
		  "of days from 0 to 3650: '3651'" },
		/* the column of the kind asked for must be there */
		{ "category,exchange_days\n*,7\n",
		  "policy/returns.csv:1: no 'return_days' column" },
	};
	size_t i;
	long days;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		put("policy/returns.csv", cases[i].text);
		assert_int_equal(cs_return_window(dir, "return", "clothes", &days),
		    -1);
		assert_int_equal(cs_errstatus(), CS_ECONFIG);
		assert_string_equal(cs_errmsg(), cases[i].want);
		assert_int_equal(days, -1);
	}
}

static void
test_problem(void **state)
{
	static const struct {
		const char *kind, *category, *delivered, *now;
		long days;
		const char *want;	/* NULL: accepted */
	} cases[] = {
		/* 16th to 20th: 4 days, by the calendar day */
		{ "return", "electronics", "2026-11-16T15:00:00+08:00",
		  "2026-11-20 10:00", 7, NULL },
		{ "return", "electronics", "2026-11-16T15:00:00+08:00",
		  "2026-11-20 10:00", 4, NULL },
		{ "return", "electronics", "2026-11-16T15:00:00+08:00",
		  "2026-11-20 10:00", 3,
		  "a return of electronics goods is accepted within 3 days of "
		  "delivery; order O-1 was delivered on 2026-11-16, 4 days ago" },
		/* 23:30 to 00:10 the next day is a day */
		{ "exchange", "", "2026-11-16T23:30:00+08:00", "2026-11-17 00:10", 1,
		  NULL },
		{ "exchange", "", "2026-11-16T23:30:00+08:00", "2026-12-02 00:10", 15,
		  "an exchange of these goods is accepted within 15 days of "
		  "delivery; order O-1 was delivered on 2026-11-16, 16 days ago" },
		/* a window of 0 days refuses even on the day of delivery, and
		 * none is 0 */
		{ "return", "food", "2026-11-19T11:00:00+08:00", "2026-11-19 12:00", 0,
		  "a return of food goods is accepted within 0 days of delivery; "
		  "order O-1 was delivered on 2026-11-19, 0 days ago" },
		{ "return", "toys", "2026-11-19T11:00:00+08:00", "2026-11-19 12:00", -1,
		  "a return of toys goods is accepted within 0 days of delivery; "
		  "order O-1 was delivered on 2026-11-19, 0 days ago" },
	};
	struct cs_return rt = { 0 };
	char problem[256];
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		rt.kind = cases[i].kind;
		rt.category = cases[i].category;
		rt.order = "O-1";
		rt.delivered = 1;
		rt.at = at(cases[i].delivered);
		rt.days = cases[i].days;
		assert_int_equal(cs_return_problem(&rt, at(cases[i].now), problem,
		    sizeof problem), cases[i].want != NULL);
		if (cases[i].want)
			assert_string_equal(problem, cases[i].want);
	}
	rt.delivered = 0;
	rt.why = "not delivered yet";
	rt.kind = "exchange";
	assert_int_equal(cs_return_problem(&rt, at("2026-11-19 12:00"), problem,
	    sizeof problem), 1);
	assert_string_equal(problem, "order O-1: not delivered yet, so the "
	    "exchange window cannot be checked");
}

static void
test_check(void **state)
{
	struct cs_ds ds = { 0 };
	struct cs_buf j = { 0 };

	(void)state;
	ds.dir = dir;
	ds.lockfd = -1;
	ds.user = "tester";
	ds.admin = 1;	/* acts with every right (rules/roles.h) */
	ds.program = "cs-ticket";
	ds.now = at("2026-11-20 10:00");
	put("policy/returns.csv", "category,return_days,exchange_days\n"
	    "*,7,15\n");
	mkdirs("orders/2026-11");
	put("orders/2026-11/O-20261101-0001.csv", "id,status,delivered_at,"
	    "category\n"
	    "O-20261101-0001,signed,2026-11-02T11:00:00+08:00,electronics\n"
	    "O-20261101-0002,signed,2026-11-16T15:00:00+08:00,\n"
	    "O-20261101-0003,in-transit,,\n"
	    "O-20261101-0004,signed,2026-11-19T15:00:00+08:00,food\n");
	/* not a return: nothing to check */
	assert_int_equal(cs_return_check(&ds, NULL, "repair", "", "T-1", &j), 0);
	assert_int_equal(cs_return_check(&ds, NULL, "return",
	    "O-20261101-0002", "T-1", &j), 0);
	assert_int_equal(cs_return_check(&ds, NULL, "exchange", "", "T-1", &j),
	    -1);
	assert_int_equal(cs_errstatus(), CS_EUSAGE);
	assert_string_equal(cs_errmsg(), "field 'order' is required for an "
	    "exchange");
	/* the window is the order's goods' (its category column) */
	assert_int_equal(cs_return_check(&ds, NULL, "return",
	    "O-20261101-0001", "T-1", &j), -1);
	assert_int_equal(cs_errstatus(), CS_EDATA);
	assert_string_equal(cs_errmsg(), "a return of electronics goods is "
	    "accepted within 7 days of delivery; order O-20261101-0001 was "
	    "delivered on 2026-11-02, 18 days ago (give --override REASON to "
	    "accept it)");
	assert_int_equal(cs_return_check(&ds, NULL, "return",
	    "O-20261101-0003", "T-1", &j), -1);
	assert_string_equal(cs_errmsg(), "order O-20261101-0003: not delivered "
	    "yet, so the return window cannot be checked (give --override "
	    "REASON to accept it)");
	assert_int_equal(cs_return_check(&ds, NULL, "return",
	    "O-20261101-0009", "T-1", &j), -1);
	assert_string_equal(cs_errmsg(), "order O-20261101-0009: no such order, "
	    "so the return window cannot be checked (give --override REASON "
	    "to accept it)");
	assert_int_equal(j.len, 0);
	/* food (tea) is never returned, a day after delivery as well */
	put("policy/returns.csv", "category,return_days,exchange_days\n"
	    "*,7,15\nfood,0,0\n");
	assert_int_equal(cs_return_check(&ds, NULL, "return",
	    "O-20261101-0004", "T-1", &j), -1);
	assert_string_equal(cs_errmsg(), "a return of food goods is accepted "
	    "within 0 days of delivery; order O-20261101-0004 was delivered on "
	    "2026-11-19, 1 days ago (give --override REASON to accept it)");
	/* overridden: accepted, the problem and the reason in the journal */
	assert_int_equal(cs_return_check(&ds, "known defect", "return",
	    "O-20261101-0001", "T-20261120-0001", &j), 0);
	assert_non_null(strstr(j.s, ",tester,cs-ticket,add,T-20261120-0001,"
	    "override,\"a return of electronics goods is accepted within 7 days "
	    "of delivery; order O-20261101-0001 was delivered on 2026-11-02, 18 "
	    "days ago\",known defect\n"));
	cs_buf_free(&j);
}

/* What a return or exchange waits for, by its orders' statuses. */
static void
test_waiting(void **state)
{
	static const struct {
		const char *pickup, *replacement;
		int k;
		const char *why;
	} cases[] = {
		{ "O-20261120-0001", "", 1, "the goods back: pickup order "
		  "O-20261120-0001 is new, not delivered yet" },
		{ "O-20261120-0002", "", 0, "" },		/* delivered */
		{ "O-20261120-0003", "", 0, "" },		/* signed */
		{ "O-20261120-0004", "", 0, "" },		/* cancelled */
		{ "O-20261120-0005", "", 1, "the goods back: pickup order "
		  "O-20261120-0005 is lost, not delivered yet" },
		{ "O-20261120-0003", "O-20261120-0006", 1, "the new goods "
		  "delivered: replacement order O-20261120-0006 is in-transit" },
		{ "O-20261120-0001", "O-20261120-0002", 1, "the goods back: pickup "
		  "order O-20261120-0001 is new, not delivered yet" },
		{ "O-20261120-0002", "O-20261120-0003", 0, "" },
		/* stored before pickups: waits for nothing */
		{ "", "", 0, "" },
	};
	struct cs_ds ds = { 0 };
	struct cs_master m;
	struct cs_row r = { 0 };
	char why[256];
	size_t i;

	(void)state;
	ds.dir = dir;
	ds.lockfd = -1;
	ds.user = "tester";
	ds.program = "cs-ticket";
	mkdirs("orders/2026-11");
	put("orders/2026-11/O-20261120-0001.csv", "id,status\n"
	    "O-20261120-0001,new\nO-20261120-0002,delivered\n"
	    "O-20261120-0003,signed\nO-20261120-0004,cancelled\n"
	    "O-20261120-0005,lost\nO-20261120-0006,in-transit\n");
	assert_int_equal(cs_master_open(&m, &ds, &cs_schema_tickets), 0);
	cs_master_blank(&m, &r);
	cs_master_put(&m, &r, "kind", "exchange");
	for (i = 0; i < N(cases); i++) {
		cs_master_put(&m, &r, "pickup", cases[i].pickup);
		cs_master_put(&m, &r, "replacement", cases[i].replacement);
		assert_int_equal(cs_return_waiting(&ds, &m, &r, why, sizeof why),
		    cases[i].k);
		assert_string_equal(why, cases[i].why);
	}
	/* an order that is not there is an error, not a wait */
	cs_master_put(&m, &r, "pickup", "O-20261120-0009");
	assert_int_equal(cs_return_waiting(&ds, &m, &r, why, sizeof why), -1);
	assert_int_equal(cs_errstatus(), CS_EDATA);
	assert_string_equal(cs_errmsg(), "pickup order O-20261120-0009: no such "
	    "order");
	cs_row_free(&r);
	cs_master_close(&m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_window),
		cmocka_unit_test(test_window_refused),
		cmocka_unit_test(test_problem),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_waiting),
	};

	unit_zone();
	return cmocka_run_group_tests(tests, setup, teardown);
}
