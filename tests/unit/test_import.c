/* test_import.c: the import engine: the column map, the file's time
 * format, hours after the opening, a rating scale, and errors that name
 * file, line and field */
#include "unit.h"

static char *dir;

static int
setup(void **state)
{
	(void)state;
	dir = unit_tmpdir();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	unit_rmrf(dir);
	free(dir);
	return 0;
}

/* A test importer into tickets: every column of the schema is taken, and
 * each record's converted values are written to the buffer, '|' apart. */
static int
t_column(struct cs_import *im, const char *name)
{
	(void)im;
	if (*name && cs_schema_col(&cs_schema_tickets, name) == NULL)
		return cs_fail(CS_EDATA, "column '%s' is not ours", name);
	return 0;
}

static int
t_record(struct cs_import *im, const struct cs_row *row)
{
	struct cs_buf *b = im->ctx;
	const char *v;
	char buf[32];
	cs_time base;
	size_t i;

	if (cs_import_base(im, row, &base) < 0)
		return -1;
	for (i = 0; i < row->n; i++) {
		const char *field = cs_row_get(&im->cols, i);
		if (*field == '\0')
			continue;
		v = cs_row_get(row, i);
		if (*v && cs_import_value(im, field, v, base, buf, &v) < 0)
			return -1;
		cs_buf_addf(b, "%s%s", b->len ? "|" : "", v);
	}
	return 0;
}

static const struct cs_importer tester = {
	&cs_schema_tickets, "opened_at", "satisfaction", 5, t_column, NULL,
	t_record,
};

/* Import text as in.csv with o: 0 and the values in out, or -1. */
static int
import(const char *text, const struct cs_import_opts *o, struct cs_buf *out)
{
	struct cs_import im = { 0 };
	struct cs_buf path = { 0 };
	int ret;

	cs_buf_addf(&path, "%s/in.csv", dir);
	unit_write(path.s, text);
	cs_buf_reset(out);
	cs_buf_adds(out, "");
	im.o = o;
	im.d = &tester;
	im.ctx = out;
	ret = cs_import_read(&im, path.s);
	cs_import_free(&im);
	cs_buf_free(&path);
	return ret;
}

/* The message after the directory: "in.csv:2: ..." */
static const char *
msg(void)
{
	const char *m = cs_errmsg();

	return strncmp(m, dir, strlen(dir)) == 0 ? m + strlen(dir) + 1 : m;
}

static void
test_column_map(void **state)
{
	static const struct {
		const char *map, *name, *want;
	} cases[] = {
		{ "Created=opened_at,Agent=agent,", "Created", "opened_at" },
		{ "Created=opened_at,Agent=agent,", "Agent", "agent" },
		/* names are matched whole and as written */
		{ "Created=opened_at,Agent=agent,", "created", "created" },
		{ "Created=opened_at,", "Create", "Create" },
		{ "Created=opened_at,", "Created at", "Created at" },
		/* "from=" drops the column */
		{ "Ticket ID=,Created=opened_at,", "Ticket ID", "" },
		/* a name with spaces, and a value with '=' in it */
		{ "First reply (hrs)=first_response_at,", "First reply (hrs)",
		  "first_response_at" },
		{ "a=b=c,", "a", "b=c" },
		/* the first of two wins */
		{ "x=one,x=two,", "x", "one" },
		{ "", "x", "x" },
	};
	struct cs_buf map = { 0 }, tmp = { 0 };
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		cs_buf_reset(&map);
		cs_buf_adds(&map, cases[i].map);
		assert_string_equal(cs_column_map(&map, cases[i].name, &tmp),
		    cases[i].want);
	}
	assert_string_equal(cs_column_map(NULL, "x", &tmp), "x");
	cs_buf_free(&map);
	cs_buf_free(&tmp);
}

static void
test_time_format(void **state)
{
	struct cs_import_opts o = { 0 };
	cs_time t, want;

	(void)state;
	o.time_format = "%m/%d/%Y %H:%M";
	assert_int_equal(cs_import_time(&o, "11/18/2026 09:30", &t), 0);
	assert_int_equal(cs_time_parse("2026-11-18T09:30:00+08:00", &want), 0);
	assert_true(t == want);
	/* in the department's zone: 01:30 UTC */
	assert_true(t == 1794965400);
	o.time_format = "%d.%m.%Y %H:%M:%S";
	assert_int_equal(cs_import_time(&o, "01.12.2026 23:59:59", &t), 0);
	assert_int_equal(cs_time_parse("2026-12-01T23:59:59+08:00", &want), 0);
	assert_true(t == want);
	o.time_format = "%m/%d/%Y %H:%M";
	assert_int_equal(cs_import_time(&o, "11/40/2026 10:00", &t), -1);
	assert_int_equal(cs_errstatus(), CS_EDATA);
	assert_string_equal(cs_errmsg(), "not a time in the form '%m/%d/%Y %H:%M': "
	    "'11/40/2026 10:00'");
	/* trailing text is no time either */
	assert_int_equal(cs_import_time(&o, "11/18/2026 10:00 pm", &t), -1);
	/* without a format, the forms cs-tools reads */
	o.time_format = NULL;
	assert_int_equal(cs_import_time(&o, "2026-11-18 09:30", &t), 0);
	assert_true(t == 1794965400);
}

static void
test_values(void **state)
{
	struct cs_import_opts o = { 0 };
	struct cs_buf out = { 0 };

	(void)state;
	o.time_format = "%m/%d/%Y %H:%M";
	o.hours = "first_response_at,resolved_at";
	o.scale = 10;
	/* 09:30 + 1.5 h = 11:00; + 26 h = the 19th 11:30; 10 of 10 is 5;
	 * 7 of 10 is 1 + round(6 x 4 / 9) = 4; 1 is 1; 5.5 is
	 * 1 + round(4.5 x 4 / 9) = 3; 0.25 h is 15 minutes */
	assert_int_equal(import("opened_at,first_response_at,resolved_at,"
	    "satisfaction\n"
	    "11/18/2026 09:30,1.5,26,10\n"
	    "11/18/2026 10:00,0.25,,7\n"
	    "11/18/2026 10:00,0,0,1\n"
	    "11/18/2026 10:00,,,5.5\n", &o, &out), 0);
	assert_string_equal(out.s,
	    "2026-11-18T09:30:00+08:00|2026-11-18T11:00:00+08:00|"
	    "2026-11-19T11:30:00+08:00|5|"
	    "2026-11-18T10:00:00+08:00|2026-11-18T10:15:00+08:00||4|"
	    "2026-11-18T10:00:00+08:00|2026-11-18T10:00:00+08:00|"
	    "2026-11-18T10:00:00+08:00|1|"
	    "2026-11-18T10:00:00+08:00|||3");
	/* without --hours a time field is a time of the file's form; without
	 * --scale a rating is as given */
	o.hours = NULL;
	o.scale = 0;
	assert_int_equal(import("opened_at,resolved_at,satisfaction\n"
	    "11/18/2026 09:30,11/19/2026 08:00,7\n", &o, &out), 0);
	assert_string_equal(out.s, "2026-11-18T09:30:00+08:00|"
	    "2026-11-19T08:00:00+08:00|7");
	cs_buf_free(&out);
}

static void
test_errors(void **state)
{
	static const struct {
		const char *text, *hours;
		double scale;
		const char *want;
	} cases[] = {
		{ "opened_at,first_response_at\n2026-11-18 10:00,1\n"
		  "2026-11-18 10:00,soon\n", "first_response_at", 0,
		  "in.csv:3: field 'first_response_at': not a number of hours: "
		  "'soon'" },
		{ "opened_at,first_response_at\n2026-11-18 10:00,-1\n",
		  "first_response_at", 0,
		  "in.csv:2: field 'first_response_at': not a number of hours: '-1'" },
		{ "opened_at,first_response_at\n2026-11-18 10:00,87601\n",
		  "first_response_at", 0,
		  "in.csv:2: field 'first_response_at': not a number of hours: "
		  "'87601'" },
		{ "opened_at,satisfaction\n2026-11-18 10:00,11\n", NULL, 10,
		  "in.csv:2: field 'satisfaction': not 1 to 10: '11'" },
		{ "opened_at,satisfaction\n2026-11-18 10:00,0\n", NULL, 10,
		  "in.csv:2: field 'satisfaction': not 1 to 10: '0'" },
		{ "opened_at,resolved_at\n2026-11-18 10:00,later\n", NULL, 0,
		  "in.csv:2: field 'resolved_at': not a time: 'later'" },
		{ "agent\ntom\n", NULL, 0, "in.csv:2: field 'opened_at' is required" },
		{ "opened_at,agent\n,tom\n", NULL, 0,
		  "in.csv:2: field 'opened_at' is required" },
		{ "opened_at\nyesterday\n", NULL, 0,
		  "in.csv:2: field 'opened_at': not a time: 'yesterday'" },
		/* the header: a column not taken, a column twice */
		{ "opened_at,colour\n", NULL, 0, "in.csv:1: column 'colour' is not ours" },
		{ "opened_at,agent,opened_at\n", NULL, 0,
		  "in.csv:1: column 'opened_at' twice" },
		/* the reader's own errors name file and line too */
		{ "opened_at,agent\n2026-11-18 10:00\n", NULL, 0,
		  "in.csv:2: 1 fields, the header has 2" },
	};
	struct cs_import_opts o = { 0 };
	struct cs_buf out = { 0 };
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		o.hours = cases[i].hours;
		o.scale = cases[i].scale;
		assert_int_equal(import(cases[i].text, &o, &out), -1);
		assert_int_equal(cs_errstatus(), CS_EDATA);
		assert_string_equal(msg(), cases[i].want);
	}
	cs_buf_free(&out);
}

static void
test_map_drops(void **state)
{
	struct cs_import_opts o = { 0 };
	struct cs_buf map = { 0 }, out = { 0 };

	(void)state;
	cs_buf_adds(&map, "Ticket ID=,Created=opened_at,");
	o.map = &map;
	/* a dropped column may come twice: it is no field */
	assert_int_equal(import("Ticket ID,Created,Ticket ID\n1,2026-11-18 10:00,2\n",
	    &o, &out), 0);
	assert_string_equal(out.s, "2026-11-18T10:00:00+08:00");
	cs_buf_free(&map);
	cs_buf_free(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_column_map),
		cmocka_unit_test(test_time_format),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_map_drops),
	};

	unit_zone();
	return cmocka_run_group_tests(tests, setup, teardown);
}
