/* test_timefmt.c: ISO 8601 times, local input, CS_NOW */
#include "unit.h"

static const struct {
	const char *in, *out;	/* out NULL: refused */
} cases[] = {
	{ "2026-11-22T14:05:00+08:00", "2026-11-22T14:05:00+08:00" },
	{ "2026-11-22T06:05:00Z", "2026-11-22T14:05:00+08:00" },
	{ "2026-11-22T06:05:00+0000", "2026-11-22T14:05:00+08:00" },
	{ "2026-11-22T01:05:00-05:00", "2026-11-22T14:05:00+08:00" },
	{ "2026-11-22 14:05", "2026-11-22T14:05:00+08:00" },
	{ "2026-11-22 14:05:09", "2026-11-22T14:05:09+08:00" },
	{ "2026-11-22", "2026-11-22T00:00:00+08:00" },
	{ "2024-02-29 12:00", "2024-02-29T12:00:00+08:00" },
	{ "2026-12-31T23:59:59+08:00", "2026-12-31T23:59:59+08:00" },
	{ "2026-02-30 10:00", NULL },
	{ "2025-02-29", NULL },
	{ "2026-13-01", NULL },
	{ "2026-11-22 24:00", NULL },
	{ "2026-11-22 10:60", NULL },
	{ "2026-11-22T10:00:00+25:00", NULL },
	{ "2026-11-22T10:00:00 +08:00", NULL },
	{ "22/11/2026", NULL },
	{ "", NULL },
	{ "tomorrow", NULL },
	/* found by tests/fuzz/time: local mean time, +08:05:43 before 1901,
	 * is written to the minute and still names the same second */
	{ "1900-01-01", "1900-01-01T00:00:17+08:06" },
	{ "1900-01-01 12:00:30", "1900-01-01T12:00:47+08:06" },
	/* and an offset may not carry a time out of the years we write */
	{ "9999-12-31T23:00:00-05:00", NULL },
	{ "1900-01-01T00:00:00+23:00", NULL },
	{ "9999-12-31T23:59:59+08:00", "9999-12-31T23:59:59+08:00" },
};

static void
test_parse_format(void **state)
{
	char out[32];
	cs_time t, back;
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		int r = cs_time_parse(cases[i].in, &t);
		if (cases[i].out == NULL) {
			if (r == 0)
				fail_msg("'%s' accepted", cases[i].in);
			assert_int_equal(cs_errstatus(), CS_EDATA);
			continue;
		}
		if (r < 0)
			fail_msg("'%s': %s", cases[i].in, cs_errmsg());
		cs_time_format(t, out);
		assert_string_equal(out, cases[i].out);
		assert_int_equal(cs_time_parse(out, &back), 0);
		assert_int_equal(back, t);	/* what is written reads back */
	}
}

static void
test_now(void **state)
{
	char out[32];
	cs_time t;

	(void)state;
	setenv("CS_NOW", "2026-11-22 09:30", 1);
	assert_int_equal(cs_time_parse("now", &t), 0);
	cs_time_format(t, out);
	assert_string_equal(out, "2026-11-22T09:30:00+08:00");
	cs_date_format(t, out);
	assert_string_equal(out, "2026-11-22");
	setenv("CS_NOW", "garbage", 1);
	assert_int_equal(cs_time_now(&t), -1);
	unsetenv("CS_NOW");
	assert_int_equal(cs_time_now(&t), 0);
	assert_true(t > 1700000000);
}

static void
test_local_day(void **state)
{
	cs_time a, b;

	(void)state;
	assert_int_equal(cs_time_parse("2026-11-02 23:59", &a), 0);
	assert_int_equal(cs_time_parse("2026-11-20 00:01", &b), 0);
	assert_int_equal(cs_local_day(b) - cs_local_day(a), 18);
	assert_int_equal(cs_time_parse("2026-11-02T16:30:00Z", &b), 0); /* 00:30 */
	assert_int_equal(cs_local_day(b) - cs_local_day(a), 1);
	assert_int_equal(cs_time_parse("1970-01-01T00:00:00+08:00", &a), 0);
	assert_int_equal(cs_local_day(a), 0);
}

static void
test_days_in_month(void **state)
{
	(void)state;
	assert_int_equal(cs_days_in_month(2024, 2), 29);
	assert_int_equal(cs_days_in_month(2100, 2), 28);
	assert_int_equal(cs_days_in_month(2000, 2), 29);
	assert_int_equal(cs_days_in_month(2026, 4), 30);
	assert_int_equal(cs_days_in_month(2026, 13), 0);
}

/* The stored form (2026-11-01T08:30:01+08:00) is read by a short way:
 * it gives what the long way gives the same time written with a space
 * (2026-11-01 08:30:01+08:00), for times good and bad, at the ends of
 * the years, of the months and of the clock. */
static void
test_stored_form(void **state)
{
	static const int years[] = { 1900, 1901, 1969, 1970, 2000, 2024, 2026,
		2100, 9998, 9999 };
	unsigned seed = 3;
	char a[40], b[40];
	cs_time x, y;
	int i, ra, rb;

	(void)state;
	for (i = 0; i < 200000; i++) {
		int yr = years[rand_r(&seed) % 10], mo = rand_r(&seed) % 14,
		    d = rand_r(&seed) % 33, h = rand_r(&seed) % 26,
		    mi = rand_r(&seed) % 62, sec = rand_r(&seed) % 62,
		    oh = rand_r(&seed) % 26, om = rand_r(&seed) % 62;
		char sign = rand_r(&seed) % 3 ? '+' : '-';
		snprintf(a, sizeof a, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", yr,
		    mo, d, h, mi, sec, sign, oh, om);
		if (rand_r(&seed) % 50 == 0)	/* a byte not a digit */
			a[rand_r(&seed) % 25] = "x/ 9"[rand_r(&seed) % 4];
		memcpy(b, a, sizeof b);
		if (b[10] == 'T')
			b[10] = ' ';
		x = y = 0;
		ra = cs_time_parse(a, &x);
		rb = cs_time_parse(b, &y);
		if (a[10] != 'T')
			continue;	/* both the long way */
		if (ra != rb || (ra == 0 && x != y))
			fail_msg("'%s': %d %lld, with a space %d %lld", a, ra,
			    (long long)x, rb, (long long)y);
	}
	assert_int_equal(cs_time_parse("2026-11-01T08:30:01+08:00", &x), 0);
	assert_int_equal(x, 1793493001);	/* date -d ... +%s */
	assert_int_equal(cs_time_parse("2026-11-01T08:30:01+08:00x", &x), -1);
	assert_int_equal(cs_time_parse("2026-02-29T08:30:01+08:00", &x), -1);
}

/* Times before 1970 fall in the quarter hour below them (the zone cache's
 * floor), and the far ends of the range (a period's sentinels) format
 * without overflowing: the sanitizer build found INT64_MIN - 899. */
static void
test_far_times(void **state)
{
	char out[32];

	(void)state;
	cs_time_format(-1, out);
	assert_string_equal(out, "1970-01-01T07:59:59+08:00");
	cs_time_format(-900, out);
	assert_string_equal(out, "1970-01-01T07:45:00+08:00");
	cs_time_format(-901, out);
	assert_string_equal(out, "1970-01-01T07:44:59+08:00");
	cs_time_format(INT64_MIN, out);
	cs_time_format(INT64_MAX, out);
	cs_time_format(-(1LL << 50) - 1, out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_format),
		cmocka_unit_test(test_stored_form),
		cmocka_unit_test(test_now),
		cmocka_unit_test(test_local_day),
		cmocka_unit_test(test_days_in_month),
		cmocka_unit_test(test_far_times),
	};

	unit_zone();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
