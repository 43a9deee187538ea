/* test_widen.c: a store given the late columns of its schema (widen.c) */
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
	setenv("CS_NOW", "2026-11-22 10:00", 1);
	setenv("CS_USER", "li.na", 1);
	cs_progname = "cs-test";
	if (cs_ds_open(&f->ds, f->dir) < 0 || cs_lock(&f->ds, 0) < 0)
		return -1;
	f->ds.real = f->ds.user;
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
text_of(struct fx *f, const char *rel)
{
	char *p = cs_ds_path(&f->ds, rel), *t = unit_slurp(p);

	free(p);
	return t;
}

/* The header: each missing column after the one before it in the schema. */
static void
test_header(void **state)
{
	struct cs_row h = { 0 }, out = { 0 };
	char *s;

	(void)state;
	cs_split_line("id,name,team,role,hired,left", 28, &h, &(const char *){ 0 });
	assert_int_equal(cs_widen_header(&cs_schema_staff, &h, &out), 1);
	s = unit_join(&out);
	assert_string_equal(s, "id|name|team|role|hired|left|department");
	free(s);
	/* a file of its own order keeps it; an extra column stays */
	cs_split_line("name,id,role,extra,team,hired,left", 34, &h,
	    &(const char *){ 0 });
	assert_int_equal(cs_widen_header(&cs_schema_staff, &h, &out), 1);
	s = unit_join(&out);
	assert_string_equal(s, "name|id|role|extra|team|hired|left|department");
	free(s);
	/* nothing missing: the same */
	assert_int_equal(cs_widen_header(&cs_schema_staff, &out, &h), 0);
	cs_row_free(&h);
	cs_row_free(&out);
}

/* The file rewritten: values the same (quotes, escapes), the new column
 * empty, one journal line, nothing left to undo; again: nothing to do. */
static void
test_widen_file(void **state)
{
	struct fx *f = *state;
	char *t, *p;
	struct stat st;

	unit_put(f->dir, "staff.csv", "id,name,team,role,hired,left\n"
	    "li.na,李娜,\"East, 1\",agent,,\n"
	    "tom,\"Tom \"\"T\"\" B\",a\\nb,leader,2026-01-02,\n");
	assert_int_equal(cs_store_widen(&f->ds, &cs_schema_staff, "staff.csv"), 1);
	t = text_of(f, "staff.csv");
	assert_string_equal(t, "id,name,team,role,hired,left,department\n"
	    "li.na,李娜,\"East, 1\",agent,,,\n"
	    "tom,\"Tom \"\"T\"\" B\",a\\nb,leader,2026-01-02,,\n");
	free(t);
	t = text_of(f, "journal/2026-11.csv");
	assert_non_null(strstr(t, ",cs-test,widen,,staff.csv,\"id,name,team,"
	    "role,hired,left\",\"id,name,team,role,hired,left,department\","));
	free(t);
	p = cs_ds_path(&f->ds, ".intent");
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_size, 0);
	free(p);
	assert_int_equal(cs_store_widen(&f->ds, &cs_schema_staff, "staff.csv"), 0);
	/* absent, or only a header: nothing to do */
	assert_int_equal(cs_store_widen(&f->ds, &cs_schema_customers,
	    "customers.csv"), 0);
	unit_put(f->dir, "customers.csv", "");
	assert_int_equal(cs_store_widen(&f->ds, &cs_schema_customers,
	    "customers.csv"), 0);
}

/* A torn last line, or a record of the wrong width: refused, untouched. */
static void
test_refused(void **state)
{
	struct fx *f = *state;
	const char *torn = "id,name,team,role,hired,left\nli.na,李娜,,agent,,\ntom";
	const char *ragged = "id,name,team,role,hired,left\nli.na,李娜,agent\n";
	char *t;

	unit_put(f->dir, "staff.csv", torn);
	assert_int_equal(cs_store_widen(&f->ds, &cs_schema_staff, "staff.csv"), -1);
	assert_int_equal(cs_errstatus(), CS_EDATA);
	t = text_of(f, "staff.csv");
	assert_string_equal(t, torn);
	free(t);
	unit_put(f->dir, "staff.csv", ragged);
	assert_int_equal(cs_store_widen(&f->ds, &cs_schema_staff, "staff.csv"), -1);
	t = text_of(f, "staff.csv");
	assert_string_equal(t, ragged);
	free(t);
}

/* Inside a transaction: rolled back with it. */
static void
test_rolled_back(void **state)
{
	struct fx *f = *state;
	const char *old = "id,name,team,role,hired,left\nli.na,李娜,,agent,,\n";
	char *t;

	unit_put(f->dir, "staff.csv", old);
	assert_int_equal(cs_txn_begin(&f->ds), 0);
	assert_int_equal(cs_store_widen(&f->ds, &cs_schema_staff, "staff.csv"), 1);
	t = text_of(f, "staff.csv");
	assert_non_null(strstr(t, ",department\n"));
	free(t);
	cs_txn_abort(&f->ds);
	t = text_of(f, "staff.csv");
	assert_string_equal(t, old);
	free(t);
}

/* cs_master_widen: the record found again at its new place, and the
 * change that follows commits both. */
static void
test_master_widen(void **state)
{
	struct fx *f = *state;
	struct cs_master m;
	struct cs_row old = { 0 }, new = { 0 };
	off_t s, e;
	char *t;

	unit_put(f->dir, "staff.csv", "id,name,team,role,hired,left\n"
	    "li.na,李娜,,agent,,\ntom,Tom,,agent,,\n");
	assert_int_equal(cs_master_open(&m, &f->ds, &cs_schema_staff), 0);
	assert_int_equal(cs_master_lacks(&m, "department"), 1);
	assert_int_equal(cs_master_lacks(&m, "team"), 0);
	assert_int_equal(cs_master_find(&m, "tom", &old, &s, &e), 1);
	assert_int_equal(s, 51);
	assert_int_equal(cs_master_widen(&m, "tom", &old, &s, &e), 0);
	assert_int_equal(cs_master_lacks(&m, "department"), 0);
	assert_int_equal(s, 63);
	assert_int_equal(old.n, 7);
	cs_row_copy(&new, &old);
	assert_int_equal(cs_master_assign(&m, &new, "department", "warehouse"), 0);
	assert_int_equal(cs_master_update(&m, &old, &new, s, e, "set"), 0);
	t = text_of(f, "staff.csv");
	assert_string_equal(t, "id,name,team,role,hired,left,department\n"
	    "li.na,李娜,,agent,,,\ntom,Tom,,agent,,,warehouse\n");
	free(t);
	/* the transaction is over: another change is one of its own */
	assert_int_equal(cs_txn_begin(&f->ds), 0);
	cs_txn_abort(&f->ds);
	cs_master_close(&m);
	cs_row_free(&old);
	cs_row_free(&new);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header),
		cmocka_unit_test_setup_teardown(test_widen_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rolled_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_master_widen, setup, teardown),
	};

	unit_zone();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
