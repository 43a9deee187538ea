/* test_journal.c: the journal goes first and is cut back on failure */
#include <sys/stat.h>

#include "unit.h"

static void
test_commit(void **state)
{
	char *dir = unit_tmpdir(), *jpath, *text, *spath;
	struct cs_buf data = { 0 }, j = { 0 };
	struct cs_ds ds;

	(void)state;
	setenv("CS_NOW", "2026-11-22 10:00", 1);
	setenv("CS_USER", "li.na", 1);
	cs_progname = "cs-test";
	assert_int_equal(cs_ds_open(&ds, dir), 0);
	cs_buf_adds(&data, "C-1,a\n");
	cs_journal_line(&j, &ds, "add", "C-1", "", "", "C-1,a");
	cs_journal_line(&j, &ds, "set", "C-1", "note", "two\nlines", "x,\"y\"");
	assert_int_equal(cs_commit_append(&ds, "c.csv", "id,x\n", &data, &j), 0);
	jpath = cs_ds_path(&ds, "journal/2026-11.csv");
	text = unit_slurp(jpath);
	assert_string_equal(text, CS_JOURNAL_HEADER
	    "2026-11-22T10:00:00+08:00,li.na,cs-test,add,C-1,,,\"C-1,a\"\n"
	    "2026-11-22T10:00:00+08:00,li.na,cs-test,set,C-1,note,two\\nlines,"
	    "\"x,\"\"y\"\"\"\n");
	free(text);

	/* The store cannot be written (a directory stands in its way): the
	 * journal is cut back to what it was. */
	spath = cs_ds_path(&ds, "d.csv");
	assert_int_equal(mkdir(spath, 0700), 0);
	text = unit_slurp(jpath);
	assert_int_equal(cs_commit_append(&ds, "d.csv", "id,x\n", &data, &j), -1);
	assert_int_equal(cs_commit_rewrite(&ds, "d.csv", &data, &j), -1);
	{
		char *after = unit_slurp(jpath);
		assert_string_equal(after, text);
		free(after);
	}
	free(text);
	free(spath);
	free(jpath);
	cs_buf_free(&data);
	cs_buf_free(&j);
	cs_ds_close(&ds);
	unit_rmrf(dir);
	free(dir);
	unsetenv("CS_NOW");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_commit),
	};

	unit_zone();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
