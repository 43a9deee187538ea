/* test_master.c: master stores (master.c) and their verbs (verbs.c) */
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
	struct cs_buf p = { 0 };

	f->dir = unit_tmpdir();
	cs_buf_addf(&p, "%s/customers.csv", f->dir);
	unit_write(p.s, cs_defaults[1].text);
	cs_buf_reset(&p);
	cs_buf_addf(&p, "%s/staff.csv", f->dir);
	unit_write(p.s, cs_defaults[0].text);
	cs_buf_free(&p);
	setenv("CS_NOW", "2026-11-22 10:00", 1);
	setenv("CS_USER", "li.na", 1);
	cs_progname = "cs-test";
	if (cs_ds_open(&f->ds, f->dir) < 0 || cs_lock(&f->ds, 0) < 0)
		return -1;	/* writers hold the lock */
	/* the journal's columns, not who acts (test_acting_user in
	 * test_journal.c): whoever runs the tests stands for li.na */
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

static void
new_customer(struct cs_master *m, struct cs_row *r, const char *name,
    const char *type)
{
	cs_master_blank(m, r);
	assert_int_equal(cs_master_assign(m, r, "name", name), 0);
	assert_int_equal(cs_master_assign(m, r, "type", type), 0);
	assert_int_equal(cs_master_assign(m, r, "phone", "13812345678"), 0);
}

static void
test_assign(void **state)
{
	struct fx *f = *state;
	struct cs_master m;
	struct cs_row r = { 0 };

	assert_int_equal(cs_master_open(&m, &f->ds, &cs_schema_customers), 0);
	cs_master_blank(&m, &r);
	assert_int_equal(r.n, 17);	/* owner, language, the late columns, too */
	assert_int_equal(cs_master_complete(&m, &r), -1);
	assert_string_equal(cs_errmsg(), "field 'name' is required");
	assert_int_equal(cs_master_assign(&m, &r, "colour", "red"), -1);
	assert_int_equal(cs_errstatus(), CS_EUSAGE);
	assert_int_equal(cs_master_assign(&m, &r, "grade", "Z"), -1);
	assert_int_equal(cs_errstatus(), CS_EDATA);
	assert_string_equal(cs_errmsg(), "field 'grade': not one of A, B, C: 'Z'");
	new_customer(&m, &r, "张三", "end");
	assert_int_equal(cs_master_complete(&m, &r), 0);
	assert_string_equal(cs_master_get(&m, &r, "name"), "张三");
	cs_row_free(&r);
	cs_master_close(&m);
}

/* A list filter: every given field must hold its value exactly; a field
 * not given (NULL) filters nothing; "" asks for an empty field. */
static void
test_match(void **state)
{
	struct fx *f = *state;
	struct cs_master m;
	struct cs_row r = { 0 };
	struct cs_match eq[] = { { "type", NULL }, { "grade", NULL } };

	assert_int_equal(cs_master_open(&m, &f->ds, &cs_schema_customers), 0);
	cs_master_blank(&m, &r);
	new_customer(&m, &r, "张三", "end");
	assert_int_equal(cs_master_match(&m, &r, eq, 2), 1);
	eq[0].want = "end";
	assert_int_equal(cs_master_match(&m, &r, eq, 2), 1);
	eq[0].want = "en";		/* exactly, not a prefix */
	assert_int_equal(cs_master_match(&m, &r, eq, 2), 0);
	eq[0].want = "end";
	eq[1].want = "A";		/* every one given must hold */
	assert_int_equal(cs_master_match(&m, &r, eq, 2), 0);
	eq[1].want = "";		/* ungraded */
	assert_int_equal(cs_master_match(&m, &r, eq, 2), 1);
	assert_int_equal(cs_master_match(&m, &r, eq, 0), 1);
	cs_row_free(&r);
	cs_master_close(&m);
}

static void
test_append_allocates(void **state)
{
	struct fx *f = *state;
	struct cs_master m;
	struct cs_row r[3] = { { 0 } };
	struct cs_buf ids = { 0 };
	char *j, *jp = cs_ds_path(&f->ds, "journal/2026-11.csv");

	assert_int_equal(cs_master_open(&m, &f->ds, &cs_schema_customers), 0);
	new_customer(&m, &r[0], "A", "end");
	assert_int_equal(cs_master_append(&m, r, 1, "add", &ids), 0);
	new_customer(&m, &r[1], "B", "channel");
	new_customer(&m, &r[2], "C", "end");
	assert_int_equal(cs_master_append(&m, r + 1, 2, "import", &ids), 0);
	assert_string_equal(ids.s, "C-000001\nC-000002\nC-000003\n");
	j = unit_slurp(jp);
	assert_non_null(strstr(j, ",li.na,cs-test,add,C-000001,,,"
	    "\"C-000001,A,,13812345678,,,,,end,,,,,,,,\","));	/* then the hash */
	assert_non_null(strstr(j, ",import,C-000003,"));
	free(j);
	cs_row_free(&r[0]);
	cs_row_free(&r[1]);
	cs_row_free(&r[2]);
	cs_buf_free(&ids);
	cs_master_close(&m);
	free(jp);
}

static void
test_staff_unique(void **state)
{
	struct fx *f = *state;
	struct cs_master m;
	struct cs_row r = { 0 };
	struct cs_buf ids = { 0 };

	assert_int_equal(cs_master_open(&m, &f->ds, &cs_schema_staff), 0);
	cs_master_blank(&m, &r);
	assert_int_equal(cs_master_assign(&m, &r, "id", "li.na"), 0);
	assert_int_equal(cs_master_assign(&m, &r, "name", "李娜"), 0);
	assert_int_equal(cs_master_assign(&m, &r, "role", "agent"), 0);
	assert_int_equal(cs_master_append(&m, &r, 1, "add", &ids), 0);
	assert_int_equal(cs_master_append(&m, &r, 1, "add", &ids), -1);
	assert_string_equal(cs_errmsg(), "staff.csv: id 'li.na' exists already");
	cs_row_free(&r);
	cs_buf_free(&ids);
	cs_master_close(&m);
}

static void
test_update_and_mask(void **state)
{
	struct fx *f = *state;
	struct cs_master m;
	struct cs_row r[2] = { { 0 } }, old = { 0 }, new = { 0 };
	struct cs_buf ids = { 0 }, j = { 0 };
	char *before, *after, *sp = cs_ds_path(&f->ds, "customers.csv");
	off_t s, e;

	assert_int_equal(cs_master_open(&m, &f->ds, &cs_schema_customers), 0);
	new_customer(&m, &r[0], "张三丰", "end");
	new_customer(&m, &r[1], "ACME Ltd", "channel");
	assert_int_equal(cs_master_append(&m, r, 2, "add", &ids), 0);
	assert_int_equal(cs_master_find(&m, "C-000001", &old, &s, &e), 1);
	cs_row_copy(&new, &old);
	assert_int_equal(cs_master_diff(&m, &old, &new, "set", NULL), 0);
	before = unit_slurp(sp);
	assert_int_equal(cs_master_update(&m, &old, &new, s, e, "set"), 0);
	after = unit_slurp(sp);
	assert_string_equal(before, after);	/* nothing changed, nothing written */
	free(after);
	assert_int_equal(cs_master_assign(&m, &new, "grade", "A"), 0);
	assert_int_equal(cs_master_assign(&m, &new, "notes", "a\nb"), 0);
	assert_int_equal(cs_master_diff(&m, &old, &new, "set", &j), 2);
	assert_non_null(strstr(j.s, ",set,C-000001,grade,,A\n"));
	assert_int_equal(cs_master_update(&m, &old, &new, s, e, "set"), 0);
	after = unit_slurp(sp);
	assert_non_null(strstr(after, "C-000001,张三丰,,13812345678,,,,,end,A,,,,,a\\nb,,\n"
	    "C-000002,ACME Ltd,"));
	free(after);
	free(before);
	/* masked: the person's name and phone; a company's name stays */
	cs_master_masked(&m, &new, 0);
	assert_string_equal(cs_master_get(&m, &new, "name"), "张**");
	assert_string_equal(cs_master_get(&m, &new, "phone"), "138****5678");
	assert_int_equal(cs_master_find(&m, "C-000002", &old, &s, &e), 1);
	cs_master_masked(&m, &old, 0);
	assert_string_equal(cs_master_get(&m, &old, "name"), "ACME Ltd");
	assert_string_equal(cs_master_get(&m, &old, "phone"), "138****5678");
	cs_row_free(&r[0]);
	cs_row_free(&r[1]);
	cs_row_free(&old);
	cs_row_free(&new);
	cs_buf_free(&ids);
	cs_buf_free(&j);
	cs_master_close(&m);
	free(sp);
}

static int
only_channel(void *ctx, const struct cs_master *m, const struct cs_row *r,
    char *extra, size_t n)
{
	(void)ctx, (void)extra, (void)n;
	return strcmp(cs_master_get(m, r, "type"), "channel") == 0;
}

/* The verbs print to stdout: send it to a file for the test. */
static char *
capture(struct fx *f, int (*fn)(struct fx *), int *ret)
{
	char *path = cs_ds_path(&f->ds, "stdout"), *text;

	fflush(stdout);
	assert_non_null(freopen(path, "w", stdout));
	*ret = fn(f);
	fflush(stdout);
	assert_non_null(freopen("/dev/null", "w", stdout));
	text = unit_slurp(path);
	free(path);
	return text;
}

static int
do_adds(struct fx *f)
{
	char *a[] = { "name=王五", "type=end", "phone=13900001111" };
	char *b[] = { "name=Blue Harbor", "type=channel" };

	if (cs_verb_add(&f->ds, &cs_schema_customers, 3, a) < 0)
		return -1;
	return cs_verb_add(&f->ds, &cs_schema_customers, 2, b);
}

static int
do_list(struct fx *f)
{
	struct cs_opts o = { 0 };
	struct cs_listing l = { .s = &cs_schema_customers, .keep = only_channel };

	o.fmt = CS_FMT_CSV;
	o.fmt_set = 1;
	return cs_verb_list(&f->ds, &o, "list", &l);
}

static int
do_set_show(struct fx *f)
{
	char *a[] = { "C-000001", "grade=B" };
	struct cs_opts o = { 0 };

	o.fmt = CS_FMT_JSON;
	o.fmt_set = 1;
	if (cs_verb_set(&f->ds, &cs_schema_customers, 2, a) < 0)
		return -1;
	return cs_verb_show(&f->ds, &cs_schema_customers, &o, "C-000001");
}

/* A row of a chunk older than a column, or in another order, laid out
 * as the schema's: by column, the missing ones empty, as remap does. */
static void
test_relay(void **state)
{
	struct fx *f = *state;
	struct cs_master from, to;
	struct cs_row rec = { 0 }, a = { 0 }, b = { 0 };
	const char *v[] = { "Lee", "li.lee", "agent", "T1", "", "2026-01-05" };
	size_t i;

	assert_int_equal(cs_master_open(&to, &f->ds, &cs_schema_staff), 0);
	from = to;
	memset(&from.hdr, 0, sizeof from.hdr);
	/* another order, and no department (a late column) */
	cs_row_push(&from.hdr, "name", 4);
	cs_row_push(&from.hdr, "id", 2);
	cs_row_push(&from.hdr, "role", 4);
	cs_row_push(&from.hdr, "team", 4);
	cs_row_push(&from.hdr, "left", 4);
	cs_row_push(&from.hdr, "hired", 5);
	for (i = 0; i < 6; i++)
		cs_row_push(&rec, v[i], strlen(v[i]));
	assert_int_equal(cs_schema_bind(&cs_schema_staff, &from.hdr, "x",
	    from.idx), 0);
	cs_master_relay(&from, &rec, &to, &a);
	cs_master_remap(&from, &rec, &to, &b);
	assert_int_equal(a.n, to.hdr.n);
	for (i = 0; i < a.n; i++)
		assert_string_equal(cs_row_get(&a, i), cs_row_get(&b, i));
	assert_string_equal(cs_master_get(&to, &a, "id"), "li.lee");
	assert_string_equal(cs_master_get(&to, &a, "team"), "T1");
	assert_string_equal(cs_master_get(&to, &a, "hired"), "2026-01-05");
	assert_string_equal(cs_master_get(&to, &a, "department"), "");
	cs_row_free(&from.hdr);
	cs_row_free(&rec);
	cs_row_free(&a);
	cs_row_free(&b);
	cs_master_close(&to);
}

static void
test_verbs(void **state)
{
	struct fx *f = *state;
	char *out;
	int ret;

	cs_unlock(&f->ds);	/* the verbs take it themselves */
	out = capture(f, do_adds, &ret);
	assert_int_equal(ret, 0);
	assert_string_equal(out, "C-000001\nC-000002\n");
	free(out);
	out = capture(f, do_list, &ret);
	assert_int_equal(ret, 0);
	assert_string_equal(out, "id,name,contact,phone,email,company,address,region,"
	    "type,grade,since,needs,frequency,transport,notes,owner,language\n"
	    "C-000002,Blue Harbor,,,,,,,channel,,,,,,,,\n");
	free(out);
	out = capture(f, do_set_show, &ret);
	assert_int_equal(ret, 0);
	assert_non_null(strstr(out, "\"name\":\"王*\",\"contact\":\"\","
	    "\"phone\":\"139****1111\""));
	assert_non_null(strstr(out, "\"grade\":\"B\""));
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_assign, setup, teardown),
		cmocka_unit_test_setup_teardown(test_match, setup, teardown),
		cmocka_unit_test_setup_teardown(test_append_allocates, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_staff_unique, setup, teardown),
		cmocka_unit_test_setup_teardown(test_update_and_mask, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_verbs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_relay, setup, teardown),
	};

	unit_zone();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
