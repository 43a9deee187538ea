/* test_sla.c: the SLA clock over working hours, nights, weekends, holidays */
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"

static struct cs_sla sla;
static char *dir;

static void
put(const char *rel, const char *text)
{
	unit_put(dir, rel, text);
}

static void
rm(const char *rel)
{
	struct cs_buf p = { 0 };

	cs_buf_addf(&p, "%s/%s", dir, rel);
	assert_int_equal(unlink(p.s), 0);
	cs_buf_free(&p);
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
		int64_t got = cs_sla_elapsed(&sla, cases[i].business, "phone",
		    at(cases[i].a), at(cases[i].b));
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
		cs_time_format(cs_sla_add(&sla, cases[i].business, "phone",
		    at(cases[i].start), secs), out);
		if (strcmp(out, cases[i].want) != 0)
			fail_msg("%s: %s, want %s", cases[i].what, out, cases[i].want);
		/* and the clock agrees: that much time runs until then */
		assert_int_equal(cs_sla_elapsed(&sla, cases[i].business, "phone",
		    at(cases[i].start), at(out)), secs);
	}
}

/*
 * The calendar as it is: phone 09:00-12:00 and 13:30-18:00 on weekdays
 * (a lunch break), online all day every day (24/7), every other channel
 * the old hours ("*": 09:00-18:00, Saturday 10:00-16:00); National Day
 * 2026-10-01 to 10-07 off, and Sunday 09-20 and Saturday 10-10 worked
 * (调休), on Monday's hours.  2026-10-01 is a Thursday, 11-16 a Monday.
 */
static const char hours_new[] = "channel,weekday,open,close\n"
    "*,mon,09:00,18:00\n*,tue,09:00,18:00\n*,wed,09:00,18:00\n"
    "*,thu,09:00,18:00\n*,fri,09:00,18:00\n*,sat,10:00,16:00\n"
    "phone,mon,13:30,18:00\nphone,mon,09:00,12:00\n"	/* any order */
    "phone,tue,09:00,12:00\nphone,tue,13:30,18:00\n"
    "phone,wed,09:00,12:00\nphone,wed,13:30,18:00\n"
    "phone,thu,09:00,12:00\nphone,thu,13:30,18:00\n"
    "phone,fri,09:00,12:00\nphone,fri,13:30,18:00\n"
    "online,mon,00:00,24:00\nonline,tue,00:00,24:00\nonline,wed,00:00,24:00\n"
    "online,thu,00:00,24:00\nonline,fri,00:00,24:00\nonline,sat,00:00,24:00\n"
    "online,sun,00:00,24:00\n";
static const char holidays_new[] = "date,name,type\n"
    "2026-09-20,调休 make-up day,workday\n"
    "2026-10-01,国庆节,off\n2026-10-02,国庆节,off\n2026-10-03,国庆节,off\n"
    "2026-10-04,国庆节,off\n2026-10-05,国庆节,off\n2026-10-06,国庆节,off\n"
    "2026-10-07,国庆节,off\n"
    "2026-10-10,调休 make-up day,workday\n";

static void
load_new(struct cs_sla *s)
{
	put("policy/hours.csv", hours_new);
	put("policy/holidays.csv", holidays_new);
	if (cs_sla_load(s, dir) < 0)
		fail_msg("%s", cs_errmsg());
}

static void
test_calendar_elapsed(void **state)
{
	static const struct {
		const char *what, *channel, *a, *b;
		int64_t secs;
	} cases[] = {
		/* a lunch break: 11-12 and 13:30-14 */
		{ "phone over lunch", "phone", "2026-11-16 11:00", "2026-11-16 14:00",
		  5400 },
		{ "phone in lunch", "phone", "2026-11-16 12:10", "2026-11-16 13:20",
		  0 },
		{ "email, no lunch", "email", "2026-11-16 11:00", "2026-11-16 14:00",
		  3 * 3600 },
		{ "visit keeps the * hours", "visit", "2026-11-16 11:00",
		  "2026-11-16 14:00", 3 * 3600 },
		/* a weekend: phone closed on Saturday, * open 10-16 */
		{ "phone over a weekend", "phone", "2026-11-20 17:00",
		  "2026-11-23 10:00", 2 * 3600 },
		{ "email over a weekend", "email", "2026-11-20 17:00",
		  "2026-11-23 10:00", 8 * 3600 },
		/* 24/7: every hour, nights and weekends */
		{ "online over a weekend", "online", "2026-11-20 17:00",
		  "2026-11-23 10:00", 65 * 3600 },
		{ "online at night", "online", "2026-11-17 23:30", "2026-11-18 00:30",
		  3600 },
		/* a holiday closes every channel: 09-30 17-18, 10-08 9-10 */
		{ "phone over National Day", "phone", "2026-09-30 17:00",
		  "2026-10-08 10:00", 2 * 3600 },
		{ "online over National Day", "online", "2026-09-30 20:00",
		  "2026-10-08 02:00", 6 * 3600 },
		/* the make-up Saturday 10-10 on Monday's hours: phone 7.5h
		 * (09-12, 13:30-18), * 9h (09-18, not 10-16) */
		{ "phone over the make-up Saturday", "phone", "2026-10-09 17:00",
		  "2026-10-12 10:00", 1 * 3600 + 7 * 3600 + 1800 + 3600 },
		{ "email over the make-up Saturday", "email", "2026-10-09 17:00",
		  "2026-10-12 10:00", 1 * 3600 + 9 * 3600 + 3600 },
		{ "the make-up Saturday's morning", "email", "2026-10-10 08:00",
		  "2026-10-10 10:00", 3600 },
		/* the make-up Sunday 09-20: Sat 15-16, Sun 9-18, Mon 9-10 */
		{ "email over the make-up Sunday", "email", "2026-09-19 15:00",
		  "2026-09-21 10:00", 11 * 3600 },
		{ "a Sunday not worked", "email", "2026-10-11 09:00",
		  "2026-10-11 18:00", 0 },
	};
	struct cs_sla s;
	size_t i;
	int64_t got;

	(void)state;
	load_new(&s);
	for (i = 0; i < N(cases); i++) {
		got = cs_sla_elapsed(&s, 1, cases[i].channel, at(cases[i].a),
		    at(cases[i].b));
		if (got != cases[i].secs)
			fail_msg("%s: %lld s, want %lld", cases[i].what, (long long)got,
			    (long long)cases[i].secs);
	}
	/* a calendar clock is the same on every channel */
	assert_int_equal(cs_sla_elapsed(&s, 0, "phone", at("2026-10-09 17:00"),
	    at("2026-10-12 10:00")), 65 * 3600);
	assert_string_equal(cs_sla_hours(&s, "phone")->channel, "phone");
	assert_string_equal(cs_sla_hours(&s, "letter")->channel, "*");
	assert_string_equal(cs_sla_hours(&s, NULL)->channel, "*");
	assert_int_equal(cs_sla_hours(&s, "phone")->open[0][0], 9 * 60);
	assert_int_equal(cs_sla_hours(&s, "phone")->open[0][1], 13 * 60 + 30);
	cs_sla_free(&s);
}

static void
test_calendar_add(void **state)
{
	static const struct {
		const char *what, *channel, *start, *dur, *want;
	} cases[] = {
		{ "phone into lunch", "phone", "2026-11-16 11:30", "1h",
		  "2026-11-16T14:00:00+08:00" },
		{ "phone from lunch", "phone", "2026-11-16 12:30", "10m",
		  "2026-11-16T13:40:00+08:00" },
		{ "phone at noon, at once", "phone", "2026-11-16 12:00", "0m",
		  "2026-11-16T13:30:00+08:00" },
		{ "phone to the lunch", "phone", "2026-11-16 11:00", "1h",
		  "2026-11-16T12:00:00+08:00" },
		{ "email over lunch", "email", "2026-11-16 11:30", "1h",
		  "2026-11-16T12:30:00+08:00" },
		{ "phone, Friday to Monday", "phone", "2026-11-20 17:30", "1h",
		  "2026-11-23T09:30:00+08:00" },
		{ "online, Saturday night", "online", "2026-11-21 23:00", "2h",
		  "2026-11-22T01:00:00+08:00" },
		{ "online over National Day", "online", "2026-09-30 23:00", "2h",
		  "2026-10-08T01:00:00+08:00" },
		{ "phone on the make-up Saturday", "phone", "2026-10-09 17:30", "4h",
		  "2026-10-10T14:00:00+08:00" },
		{ "email on the make-up Saturday", "email", "2026-10-09 17:30", "9h",
		  "2026-10-10T17:30:00+08:00" },
		{ "email on the make-up Sunday", "email", "2026-09-19 15:30", "1h",
		  "2026-09-20T09:30:00+08:00" },
	};
	struct cs_sla s;
	char out[32];
	int64_t secs;
	size_t i;

	(void)state;
	load_new(&s);
	for (i = 0; i < N(cases); i++) {
		assert_int_equal(cs_duration_parse(cases[i].dur, &secs), 0);
		cs_time_format(cs_sla_add(&s, 1, cases[i].channel,
		    at(cases[i].start), secs), out);
		if (strcmp(out, cases[i].want) != 0)
			fail_msg("%s: %s, want %s", cases[i].what, out, cases[i].want);
		assert_int_equal(cs_sla_elapsed(&s, 1, cases[i].channel,
		    at(cases[i].start), at(out)), secs);
	}
	cs_sla_free(&s);
}

/* The old files (no channel, no type column) give every channel the same
 * clock, the one the tables above were worked with. */
static void
test_old_files(void **state)
{
	static const char *const chans[] = { "phone", "online", "email", "visit",
		"letter", "*", NULL };
	struct cs_sla s;
	size_t i;

	(void)state;
	put("policy/hours.csv", "weekday,open,close\n"
	    "mon,09:00,18:00\ntue,09:00,18:00\nwed,09:00,18:00\n"
	    "thu,09:00,18:00\nfri,09:00,18:00\nsat,10:00,16:00\n");
	put("policy/holidays.csv", "date,name\n2026-10-01,国庆\n2026-10-02,国庆\n"
	    "2026-10-03,国庆\n");
	assert_int_equal(cs_sla_load(&s, dir), 0);
	assert_int_equal(s.nhours, 1);
	for (i = 0; i < N(chans); i++) {
		assert_int_equal(cs_sla_elapsed(&s, 1, chans[i],
		    at("2026-09-30 17:00"), at("2026-10-05 10:00")), 7200);
		assert_int_equal(cs_sla_elapsed(&s, 1, chans[i],
		    at("2026-11-16 11:00"), at("2026-11-16 14:00")), 3 * 3600);
		assert_int_equal(cs_sla_add(&s, 1, chans[i], at("2026-11-20 17:30"),
		    7200), at("2026-11-21 11:30"));
	}
	cs_sla_free(&s);
	/* no hours file: every day, all day; no holidays file: none */
	rm("policy/hours.csv");
	rm("policy/holidays.csv");
	assert_int_equal(cs_sla_load(&s, dir), 0);
	assert_int_equal(cs_sla_elapsed(&s, 1, "phone", at("2026-09-30 17:00"),
	    at("2026-10-05 10:00")), 4 * 86400 + 17 * 3600);
	cs_sla_free(&s);
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
		cmocka_unit_test(test_calendar_elapsed),
		cmocka_unit_test(test_calendar_add),
		cmocka_unit_test(test_old_files),
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_durations),
		cmocka_unit_test(test_bad_policy),
	};

	unit_zone();
	return cmocka_run_group_tests(tests, setup, teardown);
}
