/* test_journal.c: the journal and the change, one transaction */
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
	/* the journal's columns, not who acts (test_acting_user): whoever runs the tests stands for li.na */
	ds.real = ds.user;
	assert_int_equal(cs_lock(&ds, 0), 0);
	cs_buf_adds(&data, "C-1,a\n");
	cs_journal_line(&j, &ds, "add", "C-1", "", "", "C-1,a");
	cs_journal_line(&j, &ds, "set", "C-1", "note", "two\nlines", "x,\"y\"");
	assert_int_equal(cs_commit_append(&ds, "c.csv", "id,x\n", &data, &j), 0);
	jpath = cs_ds_path(&ds, "journal/2026-11.csv");
	text = unit_slurp(jpath);
	/* each line with its hash (sha256sum of the first, then of the
	 * first's hash and the second line, as Python's hashlib gives them) */
	assert_string_equal(text, CS_JOURNAL_HEADER
	    "2026-11-22T10:00:00+08:00,li.na,cs-test,add,C-1,,,\"C-1,a\","
	    "06882766011986265c82b690efdb20d231f186a281d9e268423a171fa97713a1\n"
	    "2026-11-22T10:00:00+08:00,li.na,cs-test,set,C-1,note,two\\nlines,"
	    "\"x,\"\"y\"\"\","
	    "493038621d1a832304c02bb61a3f5943292fb716dd66ce55a1165dfdb267e13b\n");
	free(text);

	/* The store cannot be written (a directory stands in its way): the
	 * journal is rolled back to what it was. */
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

/* cs_commit: the journal and the appends are cut back when the replace
 * that comes last fails; all three are there when it does not. */
static void
test_commit_ops(void **state)
{
	char *dir = unit_tmpdir(), *jp, *ep, *sp, *before_j, *before_e, *t;
	struct cs_buf j = { 0 }, ev = { 0 }, line = { 0 };
	struct cs_ds ds;

	(void)state;
	setenv("CS_NOW", "2026-11-22 10:00", 1);
	assert_int_equal(cs_ds_open(&ds, dir), 0);
	assert_int_equal(cs_lock(&ds, 0), 0);
	jp = cs_ds_path(&ds, "journal/2026-11.csv");
	ep = cs_ds_path(&ds, "ev/2026-11.csv");
	sp = cs_ds_path(&ds, "s.csv");
	unit_write(sp, "id,x\nK-1,a\nK-2,b\n");
	cs_journal_line(&j, &ds, "step", "K-2", "x", "b", "B");
	cs_event_line(&ev, &ds, "K-2", "step", "b to B");
	cs_buf_adds(&line, "K-2,B\n");
	{
		struct cs_op ok[2] = {
			{ 0, "ev/2026-11.csv", "time,id,what,by,detail\n", 0, 0, &ev },
			{ 1, "s.csv", NULL, 11, 17, &line },
		};
		assert_int_equal(cs_commit(&ds, &j, ok, 2), 0);
	}
	t = unit_slurp(sp);
	assert_string_equal(t, "id,x\nK-1,a\nK-2,B\n");
	free(t);
	t = unit_slurp(ep);
	assert_non_null(strstr(t, ",K-2,step,"));
	free(t);
	before_j = unit_slurp(jp);
	before_e = unit_slurp(ep);
	{
		/* a byte range beyond the file: the replace fails */
		struct cs_op bad[2] = {
			{ 0, "ev/2026-11.csv", "time,id,what,by,detail\n", 0, 0, &ev },
			{ 1, "s.csv", NULL, 11, 999, &line },
		};
		assert_int_equal(cs_commit(&ds, &j, bad, 2), -1);
	}
	t = unit_slurp(jp);
	assert_string_equal(t, before_j);
	free(t);
	t = unit_slurp(ep);
	assert_string_equal(t, before_e);
	free(t);
	free(before_j);
	free(before_e);
	free(jp);
	free(ep);
	free(sp);
	cs_buf_free(&j);
	cs_buf_free(&ev);
	cs_buf_free(&line);
	cs_ds_close(&ds);
	unit_rmrf(dir);
	free(dir);
	unsetenv("CS_NOW");
}

/* The chain's hash is SHA-256 (the FIPS 180-2 vector) of the previous
 * hash and the line. */
static void
test_hash(void **state)
{
	char h[CS_HASH_HEX + 1], prev[CS_HASH_HEX + 1] = "";
	struct cs_buf out = { 0 };

	(void)state;
	cs_journal_hash("", "abc", 3, h);
	assert_string_equal(h,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	cs_journal_hash("a", "bc", 2, h);	/* the two pieces, one after the other */
	assert_string_equal(h,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	cs_journal_chain(prev, "x\ny\n", 4, &out);
	cs_journal_hash("", "x\n", 2, h);
	assert_memory_equal(out.s, "x,", 2);
	assert_memory_equal(out.s + 2, h, CS_HASH_HEX);
	cs_journal_hash(h, "y\n", 2, h);
	assert_string_equal(prev, h);
	assert_int_equal(out.len, 2 * (2 + CS_HASH_HEX + 1));
	cs_buf_free(&out);
}

/* One change in a month: its line, without the hash, and the hash. */
static void
change_at(struct cs_ds *ds, const char *now, const char *id)
{
	struct cs_buf j = { 0 }, data = { 0 };

	setenv("CS_NOW", now, 1);
	assert_int_equal(cs_time_now(&ds->now), 0);
	cs_buf_addf(&data, "%s,a", id);
	cs_journal_line(&j, ds, "add", id, "", "", data.s);
	cs_buf_addc(&data, '\n');
	assert_int_equal(cs_commit_append(ds, "customers.csv", "id,x\n", &data,
	    &j), 0);
	cs_buf_free(&j);
	cs_buf_free(&data);
}

/* The last line of a file: its text up to the hash (with LF), its hash. */
static void
last_line(const char *path, char *line, size_t n, char hash[CS_HASH_HEX + 1])
{
	char *t = unit_slurp(path), *end = t + strlen(t) - 1, *p = end;

	while (p > t && p[-1] != '\n')
		p--;
	snprintf(hash, CS_HASH_HEX + 1, "%.*s", CS_HASH_HEX, end - CS_HASH_HEX);
	snprintf(line, n, "%.*s\n", (int)(end - CS_HASH_HEX - 1 - p), p);
	free(t);
}

/* A month's first line chains to the last of the month before; an old
 * journal (no hash column) gets the column, its lines unchained; cs
 * verify finds a changed line. */
static void
test_chain(void **state)
{
	char *dir = unit_tmpdir(), *oct, *nov, *t, line[512], h[65], prev[65];
	char want[65];
	struct cs_ds ds;
	FILE *null = fopen("/dev/null", "w");

	(void)state;
	setenv("CS_NOW", "2026-10-31 23:00", 1);
	assert_int_equal(cs_ds_open(&ds, dir), 0);
	assert_int_equal(cs_lock(&ds, 0), 0);
	oct = cs_ds_path(&ds, "journal/2026-10.csv");
	nov = cs_ds_path(&ds, "journal/2026-11.csv");
	change_at(&ds, "2026-10-31 23:00", "C-000001");
	change_at(&ds, "2026-10-31 23:30", "C-000002");
	last_line(oct, line, sizeof line, prev);
	change_at(&ds, "2026-11-01 08:00", "C-000003");
	last_line(nov, line, sizeof line, h);
	cs_journal_hash(prev, line, strlen(line), want);
	assert_string_equal(h, want);
	assert_int_equal(cs_verify_dir(dir, null), 0);

	/* a line changed: found */
	t = unit_slurp(oct);
	*strstr(t, "C-000002,a") = 'X';
	unit_write(oct, t);
	assert_int_equal(cs_verify_dir(dir, null) > 0, 1);
	free(t);

	/* an old journal, the hash column not yet there */
	unit_write(nov, CS_JOURNAL_HEADER_OLD
	    "2026-11-01T08:00:00+08:00,li.na,cs-test,note,,,,\n");
	change_at(&ds, "2026-11-01 09:00", "C-000004");
	t = unit_slurp(nov);
	assert_memory_equal(t, CS_JOURNAL_HEADER
	    "2026-11-01T08:00:00+08:00,li.na,cs-test,note,,,,,\n",
	    strlen(CS_JOURNAL_HEADER) + 50);
	free(t);
	last_line(nov, line, sizeof line, h);
	cs_journal_hash("", line, strlen(line), want);
	assert_string_equal(h, want);

	fclose(null);
	free(oct);
	free(nov);
	cs_ds_close(&ds);
	unit_rmrf(dir);
	free(dir);
	unsetenv("CS_NOW");
}

/* The acting user: CS_USER honoured for the owner of the directory (the
 * tests make it), not a login refused; the journal's user column "real as
 * acting" when they differ. */
static void
test_acting_user(void **state)
{
	char *dir = unit_tmpdir();
	struct cs_buf u = { 0 };
	struct cs_ds ds;

	(void)state;
	setenv("CS_USER", "li.na", 1);
	assert_int_equal(cs_ds_open(&ds, dir), 0);
	assert_int_equal(ds.admin, 1);
	assert_string_equal(ds.user, "li.na");
	assert_string_not_equal(ds.real, "");
	cs_journal_user(&u, &ds);
	if (strcmp(ds.real, "li.na") != 0) {
		assert_true(strncmp(u.s, ds.real, strlen(ds.real)) == 0);
		assert_string_equal(u.s + strlen(ds.real), " as li.na");
	}
	cs_buf_reset(&u);
	ds.real = "root";
	cs_journal_user(&u, &ds);
	assert_string_equal(u.s, "root as li.na");
	cs_buf_reset(&u);
	ds.real = "li.na";
	cs_journal_user(&u, &ds);
	assert_string_equal(u.s, "li.na");
	cs_ds_close(&ds);
	setenv("CS_USER", "li na", 1);
	assert_int_equal(cs_ds_open(&ds, dir), -1);
	assert_int_equal(cs_errstatus(), CS_EUSAGE);
	assert_string_equal(cs_errmsg(), "CS_USER: not a login name: 'li na'");
	unsetenv("CS_USER");
	assert_int_equal(cs_ds_open(&ds, dir), 0);
	assert_string_equal(ds.user, ds.real);
	cs_ds_close(&ds);
	cs_buf_free(&u);
	unit_rmrf(dir);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_commit),
		cmocka_unit_test(test_commit_ops),
		cmocka_unit_test(test_hash),
		cmocka_unit_test(test_chain),
		cmocka_unit_test(test_acting_user),
	};

	unit_zone();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
