/* test_period.c: months, ISO weeks, quarters, years, relative periods */
#include "unit.h"

static const struct {
	const char *kind, *in, *name, *from, *to;	/* from NULL: refused */
} cases[] = {
	{ NULL, "2026-11", "2026-11", "2026-11-01", "2026-12-01" },
	{ "month", "2026-12", "2026-12", "2026-12-01", "2027-01-01" },
	{ NULL, "2026-W47", "2026-W47", "2026-11-16", "2026-11-23" },
	{ "week", "2026-W01", "2026-W01", "2025-12-29", "2026-01-05" },
	{ "week", "2026-W53", "2026-W53", "2026-12-28", "2027-01-04" },
	{ "week", "2020-W53", "2020-W53", "2020-12-28", "2021-01-04" },
	{ "week", "2021-W53", NULL, NULL, NULL },
	{ "week", "2027-W01", "2027-W01", "2027-01-04", "2027-01-11" },
	{ NULL, "2026-Q4", "2026-Q4", "2026-10-01", "2027-01-01" },
	{ "quarter", "2026-Q1", "2026-Q1", "2026-01-01", "2026-04-01" },
	{ NULL, "2026", "2026", "2026-01-01", "2027-01-01" },
	{ NULL, "last-month", "2026-10", "2026-10-01", "2026-11-01" },
	{ NULL, "last-week", "2026-W46", "2026-11-09", "2026-11-16" },
	{ NULL, "this-week", "2026-W47", "2026-11-16", "2026-11-23" },
	{ NULL, "last-quarter", "2026-Q3", "2026-07-01", "2026-10-01" },
	{ NULL, "last-year", "2025", "2025-01-01", "2026-01-01" },
	{ "month", "2026-13", NULL, NULL, NULL },
	{ "month", "2026-W47", NULL, NULL, NULL },
	{ "quarter", "2026-Q5", NULL, NULL, NULL },
	{ NULL, "2026-W00", NULL, NULL, NULL },
	{ NULL, "November", NULL, NULL, NULL },
	{ NULL, "2026-11x", NULL, NULL, NULL },
	/* a relative word of another kind is refused (tests/fuzz/period):
	 * cs-kpi verdict --month last-week scored a week as a month */
	{ "month", "last-month", "2026-10", "2026-10-01", "2026-11-01" },
	{ "week", "last-week", "2026-W46", "2026-11-09", "2026-11-16" },
	{ "quarter", "last-quarter", "2026-Q3", "2026-07-01", "2026-10-01" },
	{ "year", "last-year", "2025", "2025-01-01", "2026-01-01" },
	{ "month", "last-week", NULL, NULL, NULL },
	{ "month", "this-week", NULL, NULL, NULL },
	{ "week", "last-month", NULL, NULL, NULL },
	{ "quarter", "last-month", NULL, NULL, NULL },
	{ "year", "last-quarter", NULL, NULL, NULL },
	/* digits are digits (tests/fuzz/period) */
	{ NULL, "2026- 1", NULL, NULL, NULL },
	{ NULL, "2026-+1", NULL, NULL, NULL },
	{ "week", "2026-W 4", NULL, NULL, NULL },
	{ "week", "2026-W\n4", NULL, NULL, NULL },
	{ NULL, "2026-Q+", NULL, NULL, NULL },
};

static void
check(const struct cs_period *p, const char *from, const char *to)
{
	char f[16], t[16];

	cs_date_format(p->from, f);
	cs_date_format(p->to, t);
	assert_string_equal(f, from);
	assert_string_equal(t, to);
}

static void
test_parse(void **state)
{
	struct cs_period p;
	size_t i;

	(void)state;
	setenv("CS_NOW", "2026-11-22T10:00:00+08:00", 1);	/* a Sunday */
	for (i = 0; i < N(cases); i++) {
		int r = cs_period_parse(cases[i].kind, cases[i].in, &p);
		if (cases[i].from == NULL) {
			if (r == 0)
				fail_msg("'%s' accepted as %s", cases[i].in, p.name);
			assert_int_equal(cs_errstatus(), CS_EUSAGE);
			continue;
		}
		if (r < 0)
			fail_msg("'%s': %s", cases[i].in, cs_errmsg());
		assert_string_equal(p.name, cases[i].name);
		check(&p, cases[i].from, cases[i].to);
	}
	unsetenv("CS_NOW");
}

static void
test_last_across_year(void **state)
{
	struct cs_period p;

	(void)state;
	setenv("CS_NOW", "2027-01-03 08:00", 1);
	assert_int_equal(cs_period_parse(NULL, "last-month", &p), 0);
	assert_string_equal(p.name, "2026-12");
	assert_int_equal(cs_period_parse(NULL, "last-week", &p), 0);
	assert_string_equal(p.name, "2026-W52");
	assert_int_equal(cs_period_parse(NULL, "last-quarter", &p), 0);
	assert_string_equal(p.name, "2026-Q4");
	unsetenv("CS_NOW");
}

static void
test_range(void **state)
{
	struct cs_period p;
	cs_time t;

	(void)state;
	assert_int_equal(cs_period_range("2026-11-01", "2026-11-15", &p), 0);
	check(&p, "2026-11-01", "2026-11-16");
	assert_int_equal(cs_time_parse("2026-11-15 23:59", &t), 0);
	assert_true(cs_period_contains(&p, t));
	assert_int_equal(cs_time_parse("2026-11-16 00:00", &t), 0);
	assert_false(cs_period_contains(&p, t));
	assert_int_equal(cs_period_range("2026-11-15", "2026-11-01", &p), -1);
	assert_int_equal(cs_period_range("2026-02-30", NULL, &p), -1);
}

/* The twelve months to now, by the calendar, the 29th of February too. */
static void
test_year_to(void **state)
{
	static const struct {
		const char *now, *from;
	} years[] = {
		{ "2026-11-22 10:00", "2025-11-22T00:00:00+08:00" },
		{ "2026-01-01 00:00", "2025-01-01T00:00:00+08:00" },
		{ "2028-02-29 12:00", "2027-02-28T00:00:00+08:00" },
		{ "2026-03-31 23:59", "2025-03-31T00:00:00+08:00" },
	};
	struct cs_period p;
	cs_time now;
	char t[32];
	size_t i;

	(void)state;
	for (i = 0; i < N(years); i++) {
		assert_int_equal(cs_time_parse(years[i].now, &now), 0);
		assert_int_equal(cs_period_year_to(now, &p), 0);
		cs_time_format(p.from, t);
		if (strcmp(t, years[i].from))
			fail_msg("%s: from %s, want %s", years[i].now, t, years[i].from);
		assert_true(cs_period_contains(&p, now));
		assert_false(cs_period_contains(&p, now + 1));
		assert_false(cs_period_contains(&p, p.from - 1));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_last_across_year),
		cmocka_unit_test(test_range),
		cmocka_unit_test(test_year_to),
	};

	unit_zone();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
