/* test_store.c: append, torn tails, rewrite, find, last, replace */
#include <sys/stat.h>
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

static void
test_append(void **state)
{
	struct fx *f = *state;
	char *p = path(f, "orders/2026-11.csv"), *text;
	struct stat st;
	off_t old;

	assert_int_equal(cs_store_append(&f->ds, "orders/2026-11.csv", "id,x\n",
	    "O-1,a\n", 6, &old), 0);
	assert_int_equal(old, 0);
	assert_int_equal(cs_store_append(&f->ds, "orders/2026-11.csv", "id,x\n",
	    "O-2,b\nO-3,c\n", 12, &old), 0);
	assert_int_equal(old, 11);
	text = unit_slurp(p);
	assert_string_equal(text, "id,x\nO-1,a\nO-2,b\nO-3,c\n");
	free(text);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0660);
	free(p);
}

static void
test_torn_tail(void **state)
{
	struct fx *f = *state;
	char *p = path(f, "s.csv"), *text;
	off_t old;

	unit_write(p, "id,x\nO-1,a\nO-2,hal");
	assert_int_equal(cs_store_append(&f->ds, "s.csv", "id,x\n", "O-2,b\n", 6,
	    &old), 0);
	text = unit_slurp(p);
	assert_string_equal(text, "id,x\nO-1,a\nO-2,b\n");
	free(text);
	unit_write(p, "id,");		/* even the header was torn */
	assert_int_equal(cs_store_append(&f->ds, "s.csv", "id,x\n", "O-1,a\n", 6,
	    &old), 0);
	text = unit_slurp(p);
	assert_string_equal(text, "id,x\nO-1,a\n");
	free(text);
	free(p);
}

static void
test_rewrite(void **state)
{
	struct fx *f = *state;
	char *p = path(f, "s.csv"), *text, *tmp = path(f, "s.csv.tmp");

	unit_write(p, "old\n");
	assert_int_equal(cs_store_rewrite(&f->ds, "s.csv", "new\n", 4), 0);
	text = unit_slurp(p);
	assert_string_equal(text, "new\n");
	free(text);
	assert_int_equal(access(tmp, F_OK), -1);
	free(tmp);
	free(p);
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
	assert_int_equal(cs_store_replace(&f->ds, "c.csv", s, e, "C-2,B\n", 6), 0);
	text = unit_slurp(p);
	assert_string_equal(text, "id,x\nC-1,a\nC-2,B\nC-3,c\n");	/* tail gone */
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
		cmocka_unit_test_setup_teardown(test_torn_tail, setup, teardown),
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
