/* test_dated.c: the listings of a dated store; only ENOENT is empty */
#include <sys/stat.h>

#include "unit.h"

static const struct cs_schema tickets = { "tickets", "T", 1, NULL, 0 };

static void
put(const char *dir, const char *rel, const char *text)
{
	struct cs_buf p = { 0 };
	FILE *fp;

	cs_buf_addf(&p, "%s/%s", dir, rel);
	assert_non_null(fp = fopen(p.s, "w"));
	fputs(text, fp);
	fclose(fp);
	cs_buf_free(&p);
}

static void
sub(const char *dir, const char *rel)
{
	struct cs_buf p = { 0 };

	cs_buf_addf(&p, "%s/%s", dir, rel);
	assert_int_equal(mkdir(p.s, 0700), 0);
	cs_buf_free(&p);
}

/* No store, no month: empty lists, and no chunk for an id. */
static void
test_absent(void **state)
{
	char *d = unit_tmpdir(), **v, *rel = (char *)"x";
	struct cs_period p;

	(void)state;
	assert_non_null(v = cs_dated_months(d, &tickets));
	assert_null(v[0]);
	cs_strv_free(v);
	assert_non_null(v = cs_dated_chunks(d, &tickets, "2026-11"));
	assert_null(v[0]);
	cs_strv_free(v);
	assert_int_equal(cs_period_parse("month", "2026-11", &p), 0);
	assert_non_null(v = cs_dated_files(d, &tickets, &p));
	assert_null(v[0]);
	cs_strv_free(v);
	assert_int_equal(cs_dated_locate(d, &tickets, "T-20261122-0001", &rel), 0);
	assert_null(rel);
	unit_rmrf(d);
	free(d);
}

/* A month that cannot be read (here: a file, ENOTDIR) is an error with
 * the step, never an empty month; so is a store directory that is one. */
static void
test_unreadable(void **state)
{
	char *d = unit_tmpdir(), **v, *rel = (char *)"x";
	struct cs_period p;

	(void)state;
	sub(d, "tickets");
	sub(d, "tickets/2026-10");
	put(d, "tickets/2026-10/T-20261001-0001.csv", "id\nT-20261001-0001\n");
	put(d, "tickets/2026-11", "not a directory\n");
	assert_null(cs_dated_chunks(d, &tickets, "2026-11"));
	assert_int_equal(cs_errstatus(), CS_EIO);
	assert_non_null(strstr(cs_errmsg(), "opendir "));
	assert_non_null(strstr(cs_errmsg(), "tickets/2026-11: Not a directory"));
	assert_int_equal(cs_dated_locate(d, &tickets, "T-20261122-0001", &rel), -1);
	assert_null(rel);
	assert_int_equal(cs_period_parse("month", "2026-11", &p), 0);
	assert_null(cs_dated_files(d, &tickets, &p));
	/* the month before still reads */
	assert_non_null(v = cs_dated_chunks(d, &tickets, "2026-10"));
	assert_string_equal(v[0], "tickets/2026-10/T-20261001-0001.csv");
	assert_null(v[1]);
	cs_strv_free(v);
	assert_int_equal(cs_dated_locate(d, &tickets, "T-20261002-0001", &rel), 1);
	assert_string_equal(rel, "tickets/2026-10/T-20261001-0001.csv");
	free(rel);
	unit_rmrf(d);
	sub(d, "");
	put(d, "tickets", "not a directory\n");
	assert_null(cs_dated_months(d, &tickets));
	assert_non_null(strstr(cs_errmsg(), "opendir "));
	unit_rmrf(d);
	free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_absent),
		cmocka_unit_test(test_unreadable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
