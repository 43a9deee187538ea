/* test_rates.c: freight quotes, table-driven */
#include <math.h>
#include <sys/stat.h>

#include "unit.h"

static struct cs_rates rt;
static char *dir;

static int
setup(void **state)
{
	struct cs_buf p = { 0 };

	(void)state;
	dir = unit_tmpdir();
	cs_buf_addf(&p, "%s/policy", dir);
	mkdir(p.s, 0770);
	cs_buf_adds(&p, "/rates.csv");
	unit_write(p.s, "origin,destination,service,first_kg,first_price,per_kg,"
	    "minimum,divisor,transit_days\n"
	    "华东,华东,standard,1,8.00,2.00,8.00,6000,2\n"
	    "华东,华北,express,1,15.00,6.00,15.00,6000,2\n"
	    "华东,华南,standard,1,8.00,2.00,20.00,5000,3\n");
	cs_buf_free(&p);
	return cs_rates_load(&rt, dir);
}

static int
teardown(void **state)
{
	(void)state;
	cs_rates_free(&rt);
	unit_rmrf(dir);
	free(dir);
	return 0;
}

static void
test_quotes(void **state)
{
	static const struct {
		const char *what, *to, *service;
		double kg, l, w, h;
		double chargeable, freight;
		const char *promised;
	} cases[] = {
		{ "under the first kilogram", "华东", "standard", 0.3, 0, 0, 0, 0.5,
		  8.00, "2026-11-22T23:59:59+08:00" },
		{ "per further kilogram, started", "华东", "standard", 3.2, 0, 0, 0,
		  3.5, 14.00, "2026-11-22T23:59:59+08:00" },
		{ "volumetric over actual", "华东", "standard", 2, 50, 40, 30, 10,
		  26.00, "2026-11-22T23:59:59+08:00" },
		{ "actual over volumetric", "华东", "standard", 12, 30, 20, 10, 12,
		  30.00, "2026-11-22T23:59:59+08:00" },
		{ "express", "华北", "express", 5, 0, 0, 0, 5, 39.00,
		  "2026-11-22T23:59:59+08:00" },
		{ "the minimum charge", "华南", "standard", 1, 0, 0, 0, 1, 20.00,
		  "2026-11-23T23:59:59+08:00" },
		{ "another divisor", "华南", "standard", 1, 50, 40, 30, 12, 30.00,
		  "2026-11-23T23:59:59+08:00" },
	};
	struct cs_quote q;
	cs_time ship;
	char t[32];
	size_t i;

	(void)state;
	assert_int_equal(cs_time_parse("2026-11-20 15:00", &ship), 0);
	for (i = 0; i < N(cases); i++) {
		if (cs_quote(&rt, "华东", cases[i].to, cases[i].service, cases[i].kg,
		    cases[i].l, cases[i].w, cases[i].h, ship, &q) < 0)
			fail_msg("%s: %s", cases[i].what, cs_errmsg());
		cs_time_format(q.promised, t);
		if (fabs(q.chargeable - cases[i].chargeable) > 1e-9 ||
		    fabs(q.freight - cases[i].freight) > 1e-9 ||
		    strcmp(t, cases[i].promised))
			fail_msg("%s: %g kg, %.2f, %s", cases[i].what, q.chargeable,
			    q.freight, t);
	}
}

/*
 * Dimensions are of one piece; the volumetric weight is one piece's times
 * the quantity, against the actual weight of them all (华东-华东 standard:
 * 8.00 the first kilogram, 2.00 each further one started, divisor 6000):
 *	3 x 50x40x30 cm: 60000 / 6000 = 10 kg a piece, 30 kg > 12 kg actual:
 *	    30 kg, 8 + 29 x 2 = 66.00
 *	2 x 30x20x10 cm: 1 kg a piece, 2 kg < 12 kg actual: 12 kg, 30.00
 *	4 x 35x25x15 cm: 13125 / 6000 = 2.1875 kg, 8.75 kg > 5 kg, to the
 *	    half kilogram 9 kg, 8 + 8 x 2 = 24.00
 *	1 x 50x40x30 cm: as cs_quote, 10 kg, 26.00
 */
static void
test_pieces(void **state)
{
	static const struct {
		double kg, l, w, h;
		long pieces;
		double volumetric, chargeable, freight;
	} cases[] = {
		{ 12, 50, 40, 30, 3, 30, 30, 66.00 },
		{ 12, 30, 20, 10, 2, 2, 12, 30.00 },
		{ 5, 35, 25, 15, 4, 8.75, 9, 24.00 },
		{ 2, 50, 40, 30, 1, 10, 10, 26.00 },
	};
	struct cs_quote q;
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		assert_int_equal(cs_quote_pieces(&rt, "华东", "华东", "standard",
		    cases[i].kg, cases[i].l, cases[i].w, cases[i].h,
		    cases[i].pieces, 0, &q), 0);
		if (fabs(q.volumetric - cases[i].volumetric) > 1e-9 ||
		    fabs(q.chargeable - cases[i].chargeable) > 1e-9 ||
		    fabs(q.freight - cases[i].freight) > 1e-9)
			fail_msg("case %zu: %g, %g kg, %.2f", i, q.volumetric,
			    q.chargeable, q.freight);
	}
	assert_int_equal(cs_quote_pieces(&rt, "华东", "华东", "standard", 1, 0, 0,
	    0, 0, 0, &q), -1);
	assert_int_equal(cs_errstatus(), CS_EDATA);
	assert_non_null(strstr(cs_errmsg(), "field 'quantity': 0 pieces"));
}

static void
test_refused(void **state)
{
	static const struct {
		const char *to, *service;
		double kg, l, w, h;
		const char *why;
	} cases[] = {
		{ "西南", "standard", 1, 0, 0, 0,
		  "no rate from 华东 to 西南 by standard in policy/rates.csv" },
		{ "华东", "air", 1, 0, 0, 0, "no rate from 华东 to 华东 by air" },
		{ "华东", "standard", 0, 0, 0, 0, "field 'weight': 0 kg is not a weight" },
		{ "华东", "standard", -2, 0, 0, 0, "field 'weight': -2 kg" },
		{ "华东", "standard", 60000, 0, 0, 0, "at most 50000" },
		{ "华东", "standard", 1, 0, 10, 10, "0 x 10 x 10 cm are not" },
		{ "华东", "standard", 1, 2000, 10, 10, "2000 x 10 x 10 cm" },
	};
	struct cs_quote q;
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		assert_int_equal(cs_quote(&rt, "华东", cases[i].to, cases[i].service,
		    cases[i].kg, cases[i].l, cases[i].w, cases[i].h, 0, &q), -1);
		assert_int_equal(cs_errstatus(), CS_EDATA);
		if (strstr(cs_errmsg(), cases[i].why) == NULL)
			fail_msg("case %zu: '%s'", i, cs_errmsg());
	}
}

/* Numbers are numbers (tests/fuzz/policy_rates): strtod's nan and inf
 * were rates, and 4294967297 transit days one day. */
static void
test_bad_numbers(void **state)
{
	static const char *rows[] = { "a,b,s,nan,8,2,8,6000,2", "a,b,s,1,inf,2,8,6000,2",
		"a,b,s,1,8,2,8,nan,2", "a,b,s,1,8,2,8,6000,4294967297",
		"a,b,s,1,8,2,8,6000,91" };
	struct cs_buf p = { 0 }, text = { 0 };
	struct cs_rates bad;
	char *d = unit_tmpdir();
	size_t i;

	(void)state;
	cs_buf_addf(&p, "%s/policy", d);
	mkdir(p.s, 0770);
	cs_buf_adds(&p, "/rates.csv");
	for (i = 0; i < N(rows); i++) {
		cs_buf_reset(&text);
		cs_buf_addf(&text, "origin,destination,service,first_kg,first_price,"
		    "per_kg,minimum,divisor,transit_days\n%s\n", rows[i]);
		unit_write(p.s, text.s);
		if (cs_rates_load(&bad, d) == 0)
			fail_msg("'%s' taken", rows[i]);
		assert_int_equal(cs_errstatus(), CS_ECONFIG);
	}
	/* one rate a route: the quote took the first of two (policy_rates) */
	unit_write(p.s, "origin,destination,service,first_kg,first_price,per_kg,"
	    "minimum,divisor,transit_days\na,b,s,1,8,2,8,6000,2\n"
	    "a,b,t,1,8,2,8,6000,2\na,b,s,1,8,2,100,6000,2\n");
	assert_int_equal(cs_rates_load(&bad, d), -1);
	assert_string_equal(cs_errmsg(), "policy/rates.csv:4: field 'service': a "
	    "second line for a,b,s (the first is line 2)");
	cs_buf_free(&p);
	cs_buf_free(&text);
	unit_rmrf(d);
	free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pieces),
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_bad_numbers),
	};

	unit_zone();
	return cmocka_run_group_tests(tests, setup, teardown);
}
