/* test_id.c: id patterns, order, allocation; login names */
#include "unit.h"

static void
test_cmp(void **state)
{
	static const struct {
		const char *a, *b;
		int want;
	} cases[] = {
		{ "C-000001", "C-000002", -1 },
		{ "C-999999", "C-1000000", -1 },
		{ "C-0010", "C-10", 0 },
		{ "T-20261122-0042", "T-20261122-0100", -1 },
		{ "T-20261123-0001", "T-20261122-9999", 1 },
		{ "C-1", "C-1", 0 },
		{ "C-1", "C-1-1", -1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		if (cs_id_cmp(cases[i].a, cases[i].b) != cases[i].want)
			fail_msg("%s vs %s", cases[i].a, cases[i].b);
		if (cs_id_cmp(cases[i].b, cases[i].a) != -cases[i].want)
			fail_msg("%s vs %s (reversed)", cases[i].b, cases[i].a);
	}
}

static void
test_valid(void **state)
{
	(void)state;
	assert_true(cs_id_valid("C", "C-000001"));
	assert_true(cs_id_valid("T", "T-20261122-0042"));
	assert_false(cs_id_valid("C", "T-000001"));
	assert_false(cs_id_valid("C", "C-"));
	assert_false(cs_id_valid("C", "C-12a"));
	assert_false(cs_id_valid("C", "C-1--2"));
	assert_false(cs_id_valid("C", "C-1/../x"));
	assert_false(cs_id_valid("C", "C000001"));
	assert_false(cs_id_valid("C", "C-123456789012345678901234567890123"));
}

static void
test_next(void **state)
{
	char *id;

	(void)state;
	unit_zone();
	id = cs_id_next("C", NULL);
	assert_string_equal(id, "C-000001");
	free(id);
	id = cs_id_next("C", "C-000041");
	assert_string_equal(id, "C-000042");
	free(id);
	id = cs_id_next("C", "C-999999");
	assert_string_equal(id, "C-1000000");
	assert_int_equal(cs_id_cmp("C-999999", id), -1);
	free(id);
	/* found by tests/fuzz/id: a 20-digit number wrapped to C-000000,
	 * before every id of the store */
	id = cs_id_next("C", "C-18446744073709551615");
	assert_string_equal(id, "C-18446744073709551616");
	free(id);
	id = cs_id_next("C", "C-0000042-7");
	assert_string_equal(id, "C-000043");
	free(id);
	id = cs_id_next_daily("T", "T-20261122-18446744073709551615",
	    1795320000);	/* 2026-11-22 12:00 in Shanghai */
	assert_string_equal(id, "T-20261122-18446744073709551616");
	free(id);
	id = cs_id_next_daily("T", "T-20261122-0041", 1795320000);
	assert_string_equal(id, "T-20261122-0042");
	free(id);
	id = cs_id_next_daily("T", "T-20261121-0041", 1795320000);
	assert_string_equal(id, "T-20261122-0001");
	free(id);
	/* and no id after one of 32 characters that ends in nines */
	assert_null(cs_id_next("C", "C-999999999999999999999999999999"));
	assert_int_equal(cs_errstatus(), CS_EDATA);
	assert_null(cs_id_next_daily("T", "T-20261122-999999999999999999999",
	    1795320000));
}

static void
test_login(void **state)
{
	(void)state;
	assert_true(cs_login_valid("li.na"));
	assert_true(cs_login_valid("_svc"));
	assert_true(cs_login_valid("wang3"));
	assert_false(cs_login_valid("Li"));
	assert_false(cs_login_valid("3li"));
	assert_false(cs_login_valid("li na"));
	assert_false(cs_login_valid("../etc"));
	assert_false(cs_login_valid(""));
	assert_false(cs_login_valid("李娜"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cmp),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_next),
		cmocka_unit_test(test_login),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
