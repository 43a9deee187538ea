/* test_rubric.c: the rubric and a record's score */
#include <math.h>
#include <sys/stat.h>

#include "unit.h"

static char *
dir_with(const char *audit)
{
	char *dir = unit_tmpdir();
	struct cs_buf p = { 0 };

	cs_buf_addf(&p, "%s/policy", dir);
	mkdir(p.s, 0770);
	cs_buf_adds(&p, "/audit.csv");
	unit_write(p.s, audit);
	cs_buf_free(&p);
	return dir;
}

static void
test_score(void **state)
{
	static const struct {
		double s[3];
		int flag;
		double want;
		int failed;
	} cases[] = {
		{ { 9, 9, 8 }, 0, 88, 0 },	/* 36 + 36 + 16 */
		{ { 10, 10, 10 }, 0, 100, 0 },
		{ { 8, 8, 0 }, 0, 64, 0 },	/* timeliness is not critical */
		{ { 7, 10, 10 }, 0, 0, 1 },	/* attitude below 8: fails */
		{ { 10, 7.5, 10 }, 0, 0, 1 },
		{ { 10, 10, 10 }, 1, 0, 1 },	/* the auditor's flag */
	};
	char *dir = dir_with("category,weight,max,standard,critical\n"
	    "attitude,40,10,8,yes\naccuracy,40,10,8,yes\ntimeliness,20,10,7,no\n");
	struct cs_rubric rb;
	size_t i;
	int failed;

	(void)state;
	assert_int_equal(cs_rubric_load(&rb, dir), 0);
	assert_int_equal(rb.n, 3);
	assert_string_equal(rb.cats[2].name, "timeliness");
	for (i = 0; i < N(cases); i++) {
		double got = cs_rubric_score(&rb, cases[i].s, cases[i].flag, &failed);
		if (fabs(got - cases[i].want) > 1e-9 || failed != cases[i].failed)
			fail_msg("case %zu: %g (failed %d)", i, got, failed);
	}
	cs_rubric_free(&rb);
	unit_rmrf(dir);
	free(dir);
}

static void
test_bad(void **state)
{
	char *dir = dir_with("category,weight,max,standard,critical\n"
	    "attitude,40,10,12,yes\n");
	struct cs_rubric rb;

	(void)state;
	assert_int_equal(cs_rubric_load(&rb, dir), -1);
	assert_int_equal(cs_errstatus(), CS_ECONFIG);
	assert_string_equal(cs_errmsg(), "policy/audit.csv:2: field 'standard': "
	    "above the max 10: '12'");
	unit_rmrf(dir);
	free(dir);
	dir = dir_with("category,weight\nattitude,40\n");
	assert_int_equal(cs_rubric_load(&rb, dir), -1);
	assert_string_equal(cs_errmsg(), "policy/audit.csv:1: no 'max' column");
	unit_rmrf(dir);
	free(dir);
	/* nan and inf are no weights (tests/fuzz/policy_rubric) */
	dir = dir_with("category,weight,max,standard,critical\n"
	    "attitude,nan,10,8,yes\n");
	assert_int_equal(cs_rubric_load(&rb, dir), -1);
	assert_int_equal(cs_errstatus(), CS_ECONFIG);
	unit_rmrf(dir);
	free(dir);
	dir = dir_with("category,weight,max,standard,critical\n"
	    "attitude,40,inf,8,yes\n");
	assert_int_equal(cs_rubric_load(&rb, dir), -1);
	unit_rmrf(dir);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_score),
		cmocka_unit_test(test_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
