/* test_sla.c: the SLA clock over working hours, nights, weekends, holidays */
#include <sys/stat.h>

#include "unit.h"

static struct cs_sla sla;
static char *dir;

static void
put(const char *rel, const char *text)
{
	unit_put(dir, rel, text);
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
	put("policy/sla.csv", "kind,channel,first_response,resolution,escalation,clock\n"
	    "inquiry,online,2m,4h,,business\n"
	    "inquiry,*,1h,1d,,business\n"
	    "repair,*,4h,7d,,calendar\n");
	put("policy/hours.csv", "weekday,open,close\n"
	    "mon,09:00,18:00\ntue,09:00,18:00\nwed,09:00,18:00\n"
	    "thu,09:00,18:00\nfri,09:00,18:00\nsat,10:00,16:00\n");
	put("policy/holidays.csv", "date,name\n2026-10-01,国庆\n2026-10-02,国庆\n"
	    "2026-10-03,国庆\n");
	return cs_sla_load(&sla, dir);
}

static int
teardown(void **state)
{
	(void)state;
	cs_sla_free(&sla);
	unit_rmrf(dir);
	free(dir);
	return 0;
}

static cs_time
at(const char *s)
{
	cs_time t;

	if (cs_time_parse(s, &t) < 0)
		fail_msg("%s", cs_errmsg());
	return t;
}

static void
test_elapsed(void **state)
{
	static const struct {
		const char *what, *a, *b;
		int business;
		int64_t secs;
	} cases[] = {
		{ "within a day", "2026-11-16 10:00", "2026-11-16 11:30", 1, 5400 },
		{ "across a night", "2026-11-16 17:00", "2026-11-17 10:00", 1, 7200 },
		{ "across a weekend (Sat 10-16)", "2026-11-20 17:00",
		  "2026-11-23 10:00", 1, 8 * 3600 },
		{ "all on a Sunday", "2026-11-22 12:00", "2026-11-22 13:00", 1, 0 },
		{ "from before opening", "2026-11-16 07:00", "2026-11-16 09:30", 1,
		  1800 },
		{ "after closing", "2026-11-16 18:30", "2026-11-16 23:00", 1, 0 },
		{ "across National Day", "2026-09-30 17:00", "2026-10-05 10:00", 1,
		  7200 },
		{ "calendar", "2026-11-20 17:00", "2026-11-23 10:00", 0,
		  65 * 3600 },
		{ "backwards", "2026-11-17 10:00", "2026-11-16 10:00", 1, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		int64_t got = cs_sla_elapsed(&sla, cases[i].business, at(cases[i].a),
		    at(cases[i].b));
		if (got != cases[i].secs)
			fail_msg("%s: %lld s, want %lld", cases[i].what, (long long)got,
			    (long long)cases[i].secs);
	}
}

static void
test_add(void **state)
{
	static const struct {
		const char *what, *start, *dur, *want;
		int business;
	} cases[] = {
		{ "same day", "2026-11-16 10:00", "2h", "2026-11-16T12:00:00+08:00", 1 },
		{ "overnight", "2026-11-16 17:00", "4h", "2026-11-17T12:00:00+08:00", 1 },
		{ "into Saturday", "2026-11-20 17:30", "2h", "2026-11-21T11:30:00+08:00",
		  1 },
		{ "over Sunday", "2026-11-21 15:00", "2h", "2026-11-23T10:00:00+08:00",
		  1 },
		{ "from Sunday", "2026-11-22 12:00", "10m", "2026-11-23T09:10:00+08:00",
		  1 },
		{ "over the holiday", "2026-09-30 17:30", "1h",
		  "2026-10-05T09:30:00+08:00", 1 },
		{ "one business day", "2026-11-16 09:00", "1d",
		  "2026-11-18T15:00:00+08:00", 1 },	/* 24 working hours */
		{ "at once, closed", "2026-11-22 12:00", "0m",
		  "2026-11-23T09:00:00+08:00", 1 },
		{ "calendar", "2026-11-20 17:00", "7d", "2026-11-27T17:00:00+08:00", 0 },
	};
	char out[32];
	int64_t secs;
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		assert_int_equal(cs_duration_parse(cases[i].dur, &secs), 0);
		cs_time_format(cs_sla_add(&sla, cases[i].business, at(cases[i].start),
		    secs), out);
		if (strcmp(out, cases[i].want) != 0)
			fail_msg("%s: %s, want %s", cases[i].what, out, cases[i].want);
		/* and the clock agrees: that much time runs until then */
		assert_int_equal(cs_sla_elapsed(&sla, cases[i].business,
		    at(cases[i].start), at(out)), secs);
	}
}

static void
test_rules(void **state)
{
	const struct cs_sla_rule *r;

	(void)state;
	r = cs_sla_rule(&sla, "inquiry", "online");
	assert_non_null(r);
	assert_int_equal(r->first_response, 120);
	r = cs_sla_rule(&sla, "inquiry", "phone");	/* falls to "*" */
	assert_int_equal(r->resolution, 86400);
	assert_int_equal(r->business, 1);
	r = cs_sla_rule(&sla, "repair", "email");
	assert_int_equal(r->business, 0);
	assert_null(cs_sla_rule(&sla, "return", "phone"));
}

static void
test_durations(void **state)
{
	static const struct {
		const char *s;
		int64_t secs;	/* -1: refused */
	} cases[] = {
		{ "30m", 1800 }, { "4h", 14400 }, { "2d", 172800 }, { "90s", 90 },
		{ "1h30m", 5400 }, { "15", 900 }, { "0m", 0 },
		{ "", -1 }, { "h", -1 }, { "4x", -1 }, { "-1h", -1 }, { "1.5h", -1 },
		/* at most ten years (tests/fuzz/policy_sla: 100000000d gave a
		 * deadline in the year 275816, which no reader can read) */
		{ "3650d", 315360000 }, { "3649d24h", 315360000 }, { "3650d1s", -1 },
		{ "100000000d", -1 }, { "99999999d99999999d", -1 },
	};
	int64_t secs;
	char out[32];
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		int r = cs_duration_parse(cases[i].s, &secs);
		if (cases[i].secs < 0 ? r == 0 : (r < 0 || secs != cases[i].secs))
			fail_msg("'%s'", cases[i].s);
	}
	cs_duration_format(5400, out);
	assert_string_equal(out, "1h 30m");
	cs_duration_format(-90000, out);
	assert_string_equal(out, "1d 1h 0m");
	cs_duration_format(30, out);
	assert_string_equal(out, "1m");
}

static void
test_bad_policy(void **state)
{
	struct cs_sla s2;

	(void)state;
	put("policy/hours.csv", "weekday,open,close\nmon,18:00,09:00\n");
	assert_int_equal(cs_sla_load(&s2, dir), -1);
	assert_int_equal(cs_errstatus(), CS_ECONFIG);
	assert_string_equal(cs_errmsg(), "policy/hours.csv:2: field 'close': "
	    "not after the open time 18:00: '09:00'");
	put("policy/hours.csv", "weekday,open,close\nmon,09:00,18:00\n");
	put("policy/sla.csv", "kind,channel,first_response,resolution,clock\n"
	    "inquiry,*,soon,4h,business\n");
	assert_int_equal(cs_sla_load(&s2, dir), -1);
	assert_string_equal(cs_errmsg(), "policy/sla.csv:2: field "
	    "'first_response': not a duration (30m, 4h, 2d): 'soon'");
	/* no working hours at all: a business clock that never runs gave a
	 * calendar deadline that its own clock never reached (policy_sla) */
	put("policy/hours.csv", "weekday,open,close\n");
	put("policy/sla.csv", "kind,channel,first_response,resolution,clock\n"
	    "inquiry,*,1h,4h,business\n");
	assert_int_equal(cs_sla_load(&s2, dir), -1);
	assert_int_equal(cs_errstatus(), CS_ECONFIG);
	assert_string_equal(cs_errmsg(), "policy/hours.csv: no working hours on "
	    "any day");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_elapsed),
		cmocka_unit_test(test_add),
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_durations),
		cmocka_unit_test(test_bad_policy),
	};

	unit_zone();
	return cmocka_run_group_tests(tests, setup, teardown);
}
