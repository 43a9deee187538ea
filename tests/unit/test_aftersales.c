/* test_aftersales.c: a repair's steps: which may follow which (every
 * pair), the refusals' words, each step's change of a record made by
 * hand, the due times over a policy worked by hand, and overdue */
#include <sys/stat.h>

#include "unit.h"

static char *dir;
static struct cs_ds ds;
static struct cs_sla sla;
static struct cs_master m;

static const char *const steps[] = { "", "received", "sent-to-repair",
	"repaired", "shipped-back", "done" };

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
	put("policy/sla.csv", "kind,channel,first_response,resolution,escalation,"
	    "clock\nrepair,*,4h,7d,,calendar\n");
	put("policy/hours.csv", "weekday,open,close\n"
	    "mon,09:00,18:00\ntue,09:00,18:00\nwed,09:00,18:00\n"
	    "thu,09:00,18:00\nfri,09:00,18:00\n");
	put("policy/holidays.csv", "date,name\n");
	/* repaired: 10 working hours; the others calendar time */
	put("policy/repairs.csv", "step,estimate,clock\n"
	    "received,2d,calendar\nsent-to-repair,4h,calendar\n"
	    "repaired,10h,business\nshipped-back,1d,\ndone,30m,calendar\n");
	ds.dir = dir;
	ds.lockfd = -1;
	ds.user = "tester";
	ds.admin = 1;
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

/* Every step from every place: only the next one, in order. */
static void
test_order(void **state)
{
	size_t a, s;
	int r;

	(void)state;
	for (a = 0; a < N(steps); a++)
		for (s = 1; s < N(steps); s++) {
			r = cs_repair_may("T-20261116-0001", steps[a], steps[s]);
			if (s == a + 1) {
				assert_int_equal(r, 0);
				continue;
			}
			assert_int_equal(r, -1);
			assert_int_equal(cs_errstatus(), CS_EDATA);
		}
	/* the order itself: next, and the events */
	for (a = 0; a + 1 < N(steps); a++)
		assert_string_equal(cs_repair_next(steps[a]), steps[a + 1]);
	assert_null(cs_repair_next("done"));
	assert_null(cs_repair_next("fixed"));
	assert_string_equal(cs_repair_event("received"), "repair-received");
	assert_string_equal(cs_repair_event("shipped-back"),
	    "repair-shipped-back");
	assert_null(cs_repair_event(""));
}

static void
test_refusals(void **state)
{
	static const struct {
		const char *at, *step;
		int status;
		const char *why;
	} cases[] = {
		{ "", "repaired", CS_EDATA, "step T-1: repaired comes after "
		  "sent-to-repair, and the repair has taken no step yet: received "
		  "comes first" },
		{ "received", "done", CS_EDATA, "step T-1: done comes after "
		  "shipped-back, and the repair is received" },
		{ "repaired", "sent-to-repair", CS_EDATA, "step T-1: sent-to-repair "
		  "comes after received, and the repair is repaired" },
		{ "received", "received", CS_EDATA, "step T-1: received: its goods "
		  "were received already (the repair is received)" },
		{ "", "fixed", CS_EUSAGE, "step T-1: no step 'fixed' (received, "
		  "sent-to-repair, repaired, shipped-back, done)" },
		{ "received", "", CS_EUSAGE, "step T-1: no step '' (received, "
		  "sent-to-repair, repaired, shipped-back, done)" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		assert_int_equal(cs_repair_may("T-1", cases[i].at, cases[i].step),
		    -1);
		assert_int_equal(cs_errstatus(), cases[i].status);
		assert_string_equal(cs_errmsg(), cases[i].why);
	}
}

/* Each estimate after a time, worked by hand: 2026-11-20 is a Friday. */
static void
test_due(void **state)
{
	static const struct {
		const char *step, *from, *due;
	} cases[] = {
		{ "received", "2026-11-20 17:00", "2026-11-22T17:00:00+08:00" },
		{ "sent-to-repair", "2026-11-20 22:00", "2026-11-21T02:00:00+08:00" },
		/* Fri 17:00-18:00 1h, Mon 9h: Mon 18:00 */
		{ "repaired", "2026-11-20 17:00", "2026-11-23T18:00:00+08:00" },
		/* Sat: from Mon 09:00 */
		{ "repaired", "2026-11-21 12:00", "2026-11-24T10:00:00+08:00" },
		/* an empty clock is the calendar */
		{ "shipped-back", "2026-11-21 12:00", "2026-11-22T12:00:00+08:00" },
		{ "done", "2026-11-21 12:00", "2026-11-21T12:30:00+08:00" },
	};
	struct cs_repair_policy p;
	char got[32];
	size_t i;

	(void)state;
	assert_int_equal(cs_repair_policy_load(&p, dir), 0);
	for (i = 0; i < N(cases); i++) {
		cs_time_format(cs_repair_due(&p, &sla, "visit", cases[i].step,
		    at(cases[i].from)), got);
		assert_string_equal(got, cases[i].due);
	}
}

/* A repair made by hand, taken through its steps: each sets the step
 * and when the next is due; overdue once that passed. */
static void
test_steps(void **state)
{
	static const struct {
		const char *now, *step, *due;
	} walk[] = {
		{ "2026-11-16 10:00", "received", "2026-11-16T14:00:00+08:00" },
		{ "2026-11-16 12:00", "sent-to-repair", "2026-11-17T13:00:00+08:00" },
		{ "2026-11-17 09:00", "repaired", "2026-11-18T09:00:00+08:00" },
		{ "2026-11-18 08:00", "shipped-back", "2026-11-18T08:30:00+08:00" },
		{ "2026-11-19 08:00", "done", "" },
	};
	struct cs_row r = { 0 };
	size_t i;

	(void)state;
	cs_master_blank(&m, &r);
	cs_master_put(&m, &r, "id", "T-20261114-0001");
	cs_master_put(&m, &r, "kind", "repair");
	cs_master_put(&m, &r, "channel", "visit");
	cs_master_put(&m, &r, "status", "open");
	cs_master_put(&m, &r, "opened_at", "2026-11-14T10:00:00+08:00");
	/* a new repair waits for its goods: the opening + 2d */
	assert_int_equal(cs_repair_begin(&ds, &m, &r, &sla), 0);
	assert_string_equal(cs_master_get(&m, &r, "step_due_at"),
	    "2026-11-16T10:00:00+08:00");
	assert_int_equal(cs_repair_overdue(&m, &r, at("2026-11-16 10:00")), 0);
	assert_int_equal(cs_repair_overdue(&m, &r, at("2026-11-16 10:01")), 1);
	for (i = 0; i < N(walk); i++) {
		ds.now = at(walk[i].now);
		/* out of order: the step after this one; nothing changes */
		if (i + 1 < N(walk)) {
			assert_int_equal(cs_repair_step(&ds, &m, &r, &sla,
			    walk[i + 1].step), -1);
			assert_string_equal(cs_master_get(&m, &r, "repair_step"),
			    i ? walk[i - 1].step : "");
		}
		assert_int_equal(cs_repair_step(&ds, &m, &r, &sla, walk[i].step),
		    0);
		assert_string_equal(cs_master_get(&m, &r, "repair_step"),
		    walk[i].step);
		assert_string_equal(cs_master_get(&m, &r, "step_due_at"),
		    walk[i].due);
	}
	assert_int_equal(cs_repair_overdue(&m, &r, at("2026-12-30 10:00")), 0);
	/* pending: still overdue; resolved or closed: not */
	cs_master_put(&m, &r, "step_due_at", "2026-11-20T10:00:00+08:00");
	cs_master_put(&m, &r, "status", "pending");
	assert_int_equal(cs_repair_overdue(&m, &r, at("2026-11-21 10:00")), 1);
	cs_master_put(&m, &r, "status", "resolved");
	assert_int_equal(cs_repair_overdue(&m, &r, at("2026-11-21 10:00")), 0);
	/* another kind takes no step, and is never a late repair */
	cs_master_put(&m, &r, "kind", "return");
	cs_master_put(&m, &r, "status", "open");
	assert_int_equal(cs_repair_overdue(&m, &r, at("2026-11-21 10:00")), 0);
	cs_master_put(&m, &r, "repair_step", "");
	assert_int_equal(cs_repair_step(&ds, &m, &r, &sla, "received"), -1);
	assert_string_equal(cs_errmsg(), "step T-20261114-0001: not a repair "
	    "(its kind is return); steps are a repair's");
	assert_int_equal(cs_repair_begin(&ds, &m, &r, &sla), 0);
	cs_row_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_due),
		cmocka_unit_test(test_steps),
	};

	unit_zone();
	return cmocka_run_group_tests(tests, setup, teardown);
}
