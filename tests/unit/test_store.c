/* test_store.c: transactions (commit.c), find, last, replace (store.c) */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "unit.h"

struct fx {
	char *dir;
	struct cs_ds ds;
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	f->dir = unit_tmpdir();
	if (cs_ds_open(&f->ds, f->dir) < 0)
		return -1;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	cs_ds_close(&f->ds);
	unit_rmrf(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

static char *
path(struct fx *f, const char *rel)
{
	return cs_ds_path(&f->ds, rel);
}

/* One append in its own transaction. */
static int
append1(struct fx *f, const char *rel, const char *hdr, const char *data)
{
	if (cs_txn_begin(&f->ds) < 0)
		return -1;
	if (cs_txn_append(&f->ds, rel, hdr, data, strlen(data)) < 0) {
		cs_txn_abort(&f->ds);
		return -1;
	}
	return cs_txn_commit(&f->ds);
}

static void
test_append(void **state)
{
	struct fx *f = *state;
	char *p = path(f, "orders/2026-11.csv"), *text;
	struct stat st;

	assert_int_equal(cs_lock(&f->ds, 0), 0);
	assert_int_equal(append1(f, "orders/2026-11.csv", "id,x\n", "O-1,a\n"), 0);
	assert_int_equal(append1(f, "orders/2026-11.csv", "id,x\n",
	    "O-2,b\nO-3,c\n"), 0);
	text = unit_slurp(p);
	assert_string_equal(text, "id,x\nO-1,a\nO-2,b\nO-3,c\n");
	free(text);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0660);
	free(p);
	p = path(f, ".intent");
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_size, 0);	/* committed: nothing to undo */
	free(p);
	cs_unlock(&f->ds);
}

/* A last line without its line end is not cut (it may be a record): the
 * append is refused and the file left as it is. */
static void
test_no_line_end(void **state)
{
	struct fx *f = *state;
	char *p = path(f, "s.csv"), *text;

	assert_int_equal(cs_lock(&f->ds, 0), 0);
	unit_write(p, "id,x\nO-1,a\nO-2,b");
	assert_int_equal(append1(f, "s.csv", "id,x\n", "O-3,c\n"), -1);
	assert_int_equal(cs_errstatus(), CS_EDATA);
	assert_non_null(strstr(cs_errmsg(), "no line end"));
	text = unit_slurp(p);
	assert_string_equal(text, "id,x\nO-1,a\nO-2,b");
	free(text);
	free(p);
	cs_unlock(&f->ds);
}

/* A failed step undoes the steps before it: the data directory is as it
 * was, byte for byte. */
static void
test_rollback(void **state)
{
	struct fx *f = *state;
	char *a = path(f, "a.csv"), *b = path(f, "sub/b.csv"), *x = path(f, "x"),
	    *sub = path(f, "sub"), *text;
	const char *parts[1] = { "id\nnew\n" };
	size_t lens[1] = { 7 };
	struct stat st;

	assert_int_equal(cs_lock(&f->ds, 0), 0);
	unit_write(a, "id\n1\n");
	unit_write(x, "not a directory\n");
	assert_int_equal(cs_txn_begin(&f->ds), 0);
	assert_int_equal(cs_txn_append(&f->ds, "a.csv", "id\n", "2\n", 2), 0);
	assert_int_equal(cs_txn_rewrite(&f->ds, "a.csv", parts, lens, 1), 0);
	assert_int_equal(cs_txn_append(&f->ds, "a.csv", "id\n", "3\n", 2), 0);
	assert_int_equal(cs_txn_append(&f->ds, "sub/b.csv", "id\n", "b\n", 2), 0);
	text = unit_slurp(a);
	assert_string_equal(text, "id\nnew\n3\n");	/* readers see it */
	free(text);
	/* x is a file: x/c.csv cannot be: the whole is undone */
	assert_int_equal(cs_txn_append(&f->ds, "x/c.csv", "id\n", "c\n", 2), -1);
	assert_int_equal(cs_errstatus(), CS_EPERM);
	assert_int_equal(cs_txn_append(&f->ds, "a.csv", "id\n", "4\n", 2), -1);
	cs_txn_abort(&f->ds);
	assert_int_equal(cs_txn_commit(&f->ds), -1);
	text = unit_slurp(a);
	assert_string_equal(text, "id\n1\n");
	free(text);
	assert_int_equal(stat(b, &st), -1);
	assert_int_equal(stat(sub, &st), -1);	/* the new directory too */
	free(a), free(b), free(x), free(sub);
	cs_unlock(&f->ds);
}

/* A writer that died with its transaction open: the next lock rolls it
 * back before anything else. */
static void
test_recover(void **state)
{
	struct fx *f = *state;
	char *a = path(f, "a.csv"), *c = path(f, "m/c.csv"), *text;
	const char *parts[1] = { "id\nreplaced\n" };
	size_t lens[1] = { 12 };
	struct stat st;
	pid_t pid;
	int ws;

	unit_write(a, "id\n1\n");
	{
		char *m = path(f, "m");
		assert_int_equal(mkdir(m, 0770), 0);
		free(m);
	}
	unit_write(c, "id\nc\n");
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (cs_lock(&f->ds, 0) < 0 || cs_txn_begin(&f->ds) < 0 ||
		    cs_txn_append(&f->ds, "a.csv", "id\n", "2\n", 2) < 0 ||
		    cs_txn_rewrite(&f->ds, "m/c.csv", parts, lens, 1) < 0 ||
		    cs_txn_append(&f->ds, "n/new.csv", "id\n", "n\n", 2) < 0)
			_exit(1);
		_exit(0);	/* no commit, no exit handlers: a crash */
	}
	assert_int_equal(waitpid(pid, &ws, 0), pid);
	assert_int_equal(WEXITSTATUS(ws), 0);
	text = unit_slurp(c);
	assert_string_equal(text, "id\nreplaced\n");
	free(text);
	{
		char who[256];
		struct cs_buf what = { 0 };
		assert_int_equal(cs_intent_pending(f->dir, who, sizeof who, &what),
		    1);
		assert_non_null(strstr(who, "pid"));
		/* what a rollback will do, newest first */
		assert_string_equal(what.s, "remove n/new.csv; remove the directory "
		    "n if empty; restore m/c.csv from its backup; cut a.csv back to "
		    "5 bytes");
		cs_buf_free(&what);
	}
	assert_int_equal(cs_lock(&f->ds, 0), 0);	/* rolls back */
	text = unit_slurp(a);
	assert_string_equal(text, "id\n1\n");
	free(text);
	text = unit_slurp(c);
	assert_string_equal(text, "id\nc\n");
	free(text);
	free(c);
	c = path(f, "n");
	assert_int_equal(stat(c, &st), -1);
	free(c);
	c = path(f, "m/.c.csv.cs-old-1");
	assert_int_equal(stat(c, &st), -1);
	{
		char who[256];
		assert_int_equal(cs_intent_pending(f->dir, who, sizeof who, NULL),
		    0);
	}
	free(c);
	free(a);
	cs_unlock(&f->ds);
}

/* No symbolic link is followed, and a FIFO is no store. */
static void
test_hostile(void **state)
{
	struct fx *f = *state;
	char *a = path(f, "a.csv"), *t = path(f, "target"), *d = path(f, "d"),
	    *text;

	assert_int_equal(cs_lock(&f->ds, 0), 0);
	unit_write(t, "precious\n");
	assert_int_equal(symlink(t, a), 0);
	assert_int_equal(append1(f, "a.csv", "id\n", "x\n"), -1);
	assert_int_equal(cs_errstatus(), CS_EPERM);
	assert_non_null(strstr(cs_errmsg(), "symbolic link"));
	assert_int_equal(symlink(f->dir, d), 0);	/* a linked directory */
	assert_int_equal(append1(f, "d/b.csv", "id\n", "x\n"), -1);
	assert_int_equal(cs_errstatus(), CS_EPERM);
	text = unit_slurp(t);
	assert_string_equal(text, "precious\n");
	free(text);
	unlink(a);
	assert_int_equal(mkfifo(a, 0660), 0);
	assert_int_equal(append1(f, "a.csv", "id\n", "x\n"), -1);
	assert_int_equal(cs_errstatus(), CS_EPERM);
	assert_non_null(strstr(cs_errmsg(), "FIFO"));
	assert_int_equal(cs_open_regular(a, O_RDONLY, 0), -1);
	assert_int_equal(cs_errstatus(), CS_EPERM);
	free(a), free(t), free(d);
	cs_unlock(&f->ds);
}

static void
test_rewrite(void **state)
{
	struct fx *f = *state;
	char *p = path(f, "s.csv"), *text, *tmp = path(f, ".s.csv.cs-new"),
	    *bak = path(f, ".s.csv.cs-old-0");

	assert_int_equal(cs_lock(&f->ds, 0), 0);
	unit_write(p, "old\n");
	assert_int_equal(cs_txn_begin(&f->ds), 0);
	assert_int_equal(cs_store_rewrite(&f->ds, "s.csv", "new\n", 4), 0);
	assert_int_equal(cs_txn_commit(&f->ds), 0);
	text = unit_slurp(p);
	assert_string_equal(text, "new\n");
	free(text);
	assert_int_equal(access(tmp, F_OK), -1);
	assert_int_equal(access(bak, F_OK), -1);
	free(tmp);
	free(bak);
	free(p);
	cs_unlock(&f->ds);
}

/* A sorted store of n records, some with quotes and escapes. */
static void
make_store(const char *p, int n)
{
	FILE *fp = fopen(p, "w");
	int i;

	assert_non_null(fp);
	fputs("name,id,note\n", fp);
	for (i = 1; i <= n; i++)
		fprintf(fp, "\"n, %d\",C-%06d,%s\n", i, i * 2,
		    i % 3 ? "plain" : "two\\nlines");
	fclose(fp);
}

static void
test_find(void **state)
{
	struct fx *f = *state;
	char *p = path(f, "c.csv"), want[32];
	struct cs_row hdr = { 0 }, row = { 0 };
	off_t s, e;
	int i, sorted;

	make_store(p, 1000);
	for (sorted = 0; sorted <= 1; sorted++)
		for (i = 1; i <= 1000; i += sorted ? 1 : 37) {
			snprintf(want, sizeof want, "C-%06d", i * 2);
			assert_int_equal(cs_store_find(p, want, sorted, &hdr, &row, &s,
			    &e), 1);
			assert_string_equal(cs_row_get(&row, 1), want);
			snprintf(want, sizeof want, "n, %d", i);
			assert_string_equal(cs_row_get(&row, 0), want);
			assert_string_equal(cs_row_get(&row, 2), i % 3 ? "plain" :
			    "two\nlines");
			/* odd ids fall between records: not found */
			snprintf(want, sizeof want, "C-%06d", i * 2 + 1);
			assert_int_equal(cs_store_find(p, want, sorted, &hdr, &row, &s,
			    &e), 0);
		}
	assert_int_equal(cs_store_find(p, "C-000000", 1, &hdr, &row, &s, &e), 0);
	assert_int_equal(cs_store_find(p, "C-999999", 1, &hdr, &row, &s, &e), 0);
	cs_row_free(&hdr);
	cs_row_free(&row);
	free(p);
}

static void
test_find_empty_and_missing(void **state)
{
	struct fx *f = *state;
	char *p = path(f, "e.csv");
	struct cs_row hdr = { 0 }, row = { 0 };
	off_t s, e;

	assert_int_equal(cs_store_find(p, "C-1", 1, &hdr, &row, &s, &e), 0);
	unit_write(p, "id,x\n");
	assert_int_equal(cs_store_find(p, "C-1", 1, &hdr, &row, &s, &e), 0);
	unit_write(p, "id,x\nC-1,a\nC-2,b");	/* torn tail: C-2 not there yet */
	assert_int_equal(cs_store_find(p, "C-1", 1, &hdr, &row, &s, &e), 1);
	assert_int_equal(cs_store_find(p, "C-2", 1, &hdr, &row, &s, &e), 0);
	cs_row_free(&hdr);
	cs_row_free(&row);
	free(p);
}

static void
test_last_and_replace(void **state)
{
	struct fx *f = *state;
	char *p = path(f, "c.csv"), *last, *text;
	struct cs_row hdr = { 0 }, row = { 0 };
	off_t s, e;

	unit_write(p, "id,x\n");
	assert_int_equal(cs_store_last(&f->ds, "c.csv", "id", &last), 0);
	assert_null(last);
	unit_write(p, "id,x\nC-1,a\nC-2,b\nC-3,c\nC-4,tor");
	assert_int_equal(cs_store_last(&f->ds, "c.csv", "id", &last), 0);
	assert_string_equal(last, "C-3");
	free(last);
	assert_int_equal(cs_store_last(&f->ds, "c.csv", "nope", &last), -1);
	assert_int_equal(cs_store_find(p, "C-2", 1, &hdr, &row, &s, &e), 1);
	assert_int_equal(cs_lock(&f->ds, 0), 0);
	assert_int_equal(cs_txn_begin(&f->ds), 0);
	/* a replace never drops a line without its line end */
	assert_int_equal(cs_store_replace(&f->ds, "c.csv", s, e, "C-2,B\n", 6), -1);
	cs_txn_abort(&f->ds);
	unit_write(p, "id,x\nC-1,a\nC-2,b\nC-3,c\n");
	assert_int_equal(cs_txn_begin(&f->ds), 0);
	assert_int_equal(cs_store_replace(&f->ds, "c.csv", s, e, "C-2,B\n", 6), 0);
	assert_int_equal(cs_txn_commit(&f->ds), 0);
	cs_unlock(&f->ds);
	text = unit_slurp(p);
	assert_string_equal(text, "id,x\nC-1,a\nC-2,B\nC-3,c\n");
	free(text);
	cs_row_free(&hdr);
	cs_row_free(&row);
	free(p);
}

static void
test_month_rel(void **state)
{
	cs_time t;
	char *rel;

	(void)state;
	assert_int_equal(cs_time_parse("2026-11-30T23:59:00+08:00", &t), 0);
	rel = cs_month_rel("tickets", t);
	assert_string_equal(rel, "tickets/2026-11.csv");
	free(rel);
	assert_int_equal(cs_time_parse("2026-11-30T16:00:00Z", &t), 0);
	rel = cs_month_rel("tickets", t);	/* local time: December */
	assert_string_equal(rel, "tickets/2026-12.csv");
	free(rel);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_append, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_line_end, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rollback, setup, teardown),
		cmocka_unit_test_setup_teardown(test_recover, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hostile, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rewrite, setup, teardown),
		cmocka_unit_test_setup_teardown(test_find, setup, teardown),
		cmocka_unit_test_setup_teardown(test_find_empty_and_missing, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_last_and_replace, setup,
		    teardown),
		cmocka_unit_test(test_month_rel),
	};

	unit_zone();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
