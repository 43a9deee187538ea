/* test_import.c: the import engine: the column map (names in any case
 * and spacing), the file's time format, hours after the opening, a
 * rating scale, value maps and the cleaning of values (enums in any case,
 * yes and no, plain numbers, guard apostrophes, phones without their
 * leading zero), --ignore-unknown, map files, logins made of names, every
 * bad row at once and the rejects file, and errors that name file, line
 * and field */
#include <unistd.h>

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
		/* names are matched whole, in any case, with spaces, '_' and
		 * '-' alike (issue 15: the premise "as written" is gone) */
		{ "Created=opened_at,Agent=agent,", "created", "opened_at" },
		{ "Created=opened_at,Agent=agent,", " CREATED ", "opened_at" },
		{ "Ticket ID=,", "ticket_id", "" },
		{ "Ticket ID=,", "TICKET-ID", "" },
		{ "Ticket ID=,", "TicketID", "TicketID" },
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


/* An importer of one record of a test schema with a yes|no enum, a
 * count, a phone, an enum and a line: the cleaned values, '|' apart. */
static const struct cs_column v_cols[] = {
	{ "id", CS_T_LINE, 0, NULL, NULL, NULL },
	{ "critical", CS_T_ENUM, 0, "yes|no", NULL, NULL },
	{ "reopens", CS_T_COUNT, 0, NULL, NULL, NULL },
	{ "phone", CS_T_PHONE, 0, NULL, "phone", NULL },
	{ "status", CS_T_ENUM, 0, "open|pending|resolved|closed", NULL, NULL },
	{ "satisfaction", CS_T_ENUM, 0, "1|2|3|4|5", NULL, NULL },
	{ "name", CS_T_LINE, 0, NULL, NULL, NULL },
};
static const struct cs_schema v_schema = { "v.csv", NULL, 0, v_cols,
	N(v_cols) };

static int
v_column(struct cs_import *im, const char *name)
{
	(void)im;
	if (*name && cs_schema_col(&v_schema, name) == NULL)
		return cs_fail(CS_EDATA, "column '%s' is not ours", name);
	return 0;
}

static int
v_record(struct cs_import *im, const struct cs_row *row)
{
	struct cs_buf *b = im->ctx, one = { 0 };
	const char *why;
	size_t i;

	for (i = 0; i < row->n; i++) {
		const struct cs_column *c = im->ccol[i];
		if (c && (why = cs_check_value(c, cs_row_get(row, i))) != NULL) {
			cs_buf_free(&one);
			return cs_fail(CS_EDATA, "field '%s': %s: '%s'", c->name, why,
			    cs_row_get(row, i));
		}
		if (c)
			cs_buf_addf(&one, "%s%s", one.len ? "|" : "", cs_row_get(row, i));
	}
	cs_buf_addf(b, "%s;", one.s ? one.s : "");
	cs_buf_free(&one);
	return 0;
}

static const struct cs_importer vtester = {
	&v_schema, NULL, NULL, 0, v_column, NULL, v_record,
};

/* Import text with vtester: the return, the bad rows in im. */
static int
vimport(const char *text, const struct cs_import_opts *o, struct cs_buf *out,
    struct cs_import *im)
{
	static char path[4096];	/* im->file, for the messages after */

	snprintf(path, sizeof path, "%s/in.csv", dir);
	unit_write(path, text);
	cs_buf_reset(out);
	cs_buf_adds(out, "");
	memset(im, 0, sizeof *im);
	im->o = o;
	im->d = &vtester;
	im->ctx = out;
	return cs_import_read(im, path);
}

static void
test_clean(void **state)
{
	struct cs_import_opts o = { 0 };
	struct cs_buf out = { 0 }, values = { 0 };
	struct cs_import im;

	(void)state;
	cs_buf_adds(&values, "status:In Progress=open, Solved = resolved\n"
	    "name:x=y\n");
	o.values = &values;
	/* headers in any case; yes and no in their spreadsheet forms; whole
	 * numbers in any plain form; enums in any case, or by --value
	 * (trimmed, any case); a guard apostrophe taken off where ours
	 * would have been put, kept elsewhere; a line is not trimmed */
	assert_int_equal(vimport("ID,Critical,Reopens,Phone,Status,"
	    "Satisfaction,Name\n"
	    "1,Yes,5.0,02161234567,Closed,5.0,'-张三\n"
	    "2,TRUE, 5 ,13812345678,in progress, 4 ,'abc\n"
	    "3,是,0,,  SOLVED ,,'=1+1\n"
	    "4,n,,,Pending,,X\n"
	    "5,0,3,95588,open,,x \n"
	    "7,,,,,,\" a line \"\n"
	    "6,False,,,,,' lead\n", &o, &out, &im), 0);
	assert_int_equal(im.nbad, 0);
	assert_string_equal(out.s,
	    "1|yes|5|02161234567|closed|5|-张三;"
	    "2|yes|5|13812345678|open|4|'abc;"
	    "3|yes|0||resolved||=1+1;"
	    "4|no|||pending||y;"
	    "5|no|3|95588|open||y;"
	    "7|||||| a line ;"
	    "6|no|||||' lead;");
	cs_import_free(&im);
	/* every bad row at once (-n: listed, no failure yet) */
	o.dry_run = 1;
	assert_int_equal(vimport("id,critical,reopens,phone,satisfaction\n"
	    "1,maybe,,,\n"
	    "2,,-1,,\n"
	    "3,,4.5,,\n"
	    "4,,,2161234567,\n"
	    "5,,,,4.5\n"
	    "6,,,,\"4,5\"\n"
	    "7,,\"1,000\",,\n"
	    "8,,,1.38123E+10,\n"
	    "9,yes,1,02161234567,5\n", &o, &out, &im), 0);
	assert_int_equal(im.nbad, 8);
	assert_int_equal(im.nrows, 9);
	assert_string_equal(im.bad[0].why,
	    "field 'critical': not one of yes (是), no (否): 'maybe'");
	assert_int_equal(im.bad[1].line, 3);
	assert_string_equal(im.bad[2].why,
	    "field 'reopens': not a whole number, 0 or more: '4.5'");
	assert_string_equal(im.bad[3].why, "field 'phone': lost its leading 0 "
	    "(a spreadsheet took it for a number: save it as .xlsx, or the "
	    "column as text): '2161234567'");
	assert_string_equal(im.bad[5].why, "field 'satisfaction': a decimal "
	    "comma or a thousands separator (write 4.5 or 4500): '4,5'");
	assert_string_equal(im.bad[6].why, "field 'reopens': a decimal "
	    "comma or a thousands separator (write 4.5 or 4500): '1,000'");
	assert_non_null(strstr(im.bad[7].why, "exponent form"));
	assert_int_equal(cs_import_done(&im, 0), -1);
	assert_int_equal(cs_errstatus(), CS_EDATA);
	assert_string_equal(msg(), "in.csv: 8 of 9 rows bad (listed above)");
	cs_import_free(&im);
	/* without -n: all or nothing, and the count */
	o.dry_run = 0;
	assert_int_equal(vimport("id,critical\n1,maybe\n2,yes\n3,perhaps\n", &o,
	    &out, &im), -1);
	assert_string_equal(msg(), "in.csv: 2 of 3 rows bad, nothing stored "
	    "(--rejects FILE stores the others and writes these there)");
	cs_import_free(&im);
	cs_buf_free(&out);
	cs_buf_free(&values);
}

static void
test_rejects(void **state)
{
	struct cs_import_opts o = { 0 };
	struct cs_buf out = { 0 }, path = { 0 }, want = { 0 };
	struct cs_import im;
	char *text;

	(void)state;
	cs_buf_addf(&path, "%s/rejects.csv", dir);
	o.rejects = path.s;
	/* the good rows go on, the bad ones to the file as they came, with
	 * why; fixed, the file imports (its reason column is no data) */
	assert_int_equal(vimport("ID,Critical,Name\n1,maybe,\"a, b\"\n2,yes,"
	    "c\n3,x,\"say \"\"hi\"\"\"\n", &o, &out, &im), 0);
	assert_string_equal(out.s, "2|yes|c;");
	assert_int_equal(cs_import_done(&im, 0), -1);
	assert_non_null(strstr(msg(), "in.csv: 2 rows rejected to "));
	assert_non_null(strstr(msg(), "/rejects.csv, 1 stored"));
	cs_import_free(&im);
	text = unit_slurp(path.s);
	cs_buf_adds(&want, "ID,Critical,Name,reason\n"
	    "1,maybe,\"a, b\",\"field 'critical': not one of yes (是), no (否): "
	    "'maybe'\"\n"
	    "3,x,\"say \"\"hi\"\"\",\"field 'critical': not one of yes (是), "
	    "no (否): 'x'\"\n");
	assert_string_equal(text, want.s);
	free(text);
	o.rejects = NULL;
	unit_write(path.s, "ID,Critical,Name,reason\n"
	    "1,no,\"a, b\",\"field 'critical': not one of yes (是), no (否): "
	    "'maybe'\"\n");
	{
		struct cs_import im2 = { 0 };
		cs_buf_reset(&out);
		cs_buf_adds(&out, "");
		im2.o = &o;
		im2.d = &vtester;
		im2.ctx = &out;
		assert_int_equal(cs_import_read(&im2, path.s), 0);
		assert_string_equal(out.s, "1|no|a, b;");
		cs_import_free(&im2);
	}
	/* never through a symbolic link */
	unlink(path.s);
	assert_int_equal(symlink("/tmp/elsewhere", path.s), 0);
	o.rejects = path.s;
	assert_int_equal(vimport("id,critical\n1,x\n", &o, &out, &im), -1);
	assert_int_equal(cs_errstatus(), CS_EPERM);
	cs_import_free(&im);
	cs_buf_free(&out);
	cs_buf_free(&path);
	cs_buf_free(&want);
}

static void
test_ignore_unknown(void **state)
{
	struct cs_import_opts o = { 0 };
	struct cs_buf out = { 0 };
	struct cs_import im;

	(void)state;
	assert_int_equal(vimport("id,Colour,critical,Size\n1,red,no,9\n", &o,
	    &out, &im), -1);
	assert_string_equal(msg(), "in.csv:1: column 'Colour' is not ours");
	cs_import_free(&im);
	o.ignore_unknown = 1;
	assert_int_equal(vimport("id,Colour,critical,Size\n1,red,no,9\n", &o,
	    &out, &im), 0);
	assert_string_equal(out.s, "1|no;");
	cs_import_free(&im);
	cs_buf_free(&out);
}

static void
test_map_file(void **state)
{
	struct cs_import_opts o = { 0 };
	struct cs_buf map = { 0 }, values = { 0 }, path = { 0 };

	(void)state;
	o.map = &map;
	o.values = &values;
	cs_buf_addf(&path, "%s/desk.map", dir);
	unit_write(path.s, "# a help desk's export\n"
	    "--map Ticket ID=\n"
	    "map=Created=opened_at\n"
	    "  --value status:Solved=resolved,Closed=closed  \n"
	    "\n"
	    "--time-format %m/%d/%Y %H:%M\n"
	    "--scale 10\n"
	    "--hours first_response_at\n"
	    "--ignore-unknown\n");
	o.map_file = path.s;
	/* the command line's --scale wins */
	o.scale = 5;
	assert_int_equal(cs_import_map_file(&o), 0);
	assert_string_equal(map.s, "Ticket ID=,Created=opened_at,");
	assert_string_equal(values.s, "status:Solved=resolved,Closed=closed\n");
	assert_string_equal(o.time_format, "%m/%d/%Y %H:%M");
	assert_string_equal(o.hours, "first_response_at");
	assert_true(o.scale == 5);
	assert_int_equal(o.ignore_unknown, 1);
	cs_import_opts_free(&o);
	/* errors name the file and the line, status 78 */
	unit_write(path.s, "# x\n--map nothing\n");
	assert_int_equal(cs_import_map_file(&o), -1);
	assert_int_equal(cs_errstatus(), CS_ECONFIG);
	assert_string_equal(msg(), "desk.map:2: --map: expected from=to, not "
	    "'nothing'");
	unit_write(path.s, "--scale 1\n");
	assert_int_equal(cs_import_map_file(&o), -1);
	assert_string_equal(msg(), "desk.map:1: --scale: the top of the scale, "
	    "2 or more, not '1'");
	unit_write(path.s, "\n\n--rejects r.csv\n");
	assert_int_equal(cs_import_map_file(&o), -1);
	assert_int_equal(cs_errstatus(), CS_ECONFIG);
	assert_non_null(strstr(msg(), "desk.map:3: --rejects is not an option "
	    "of a map file"));
	unit_write(path.s, "--value status\n");
	assert_int_equal(cs_import_map_file(&o), -1);
	assert_non_null(strstr(msg(), "desk.map:1: --value: expected"));
	o.map_file = "/nonexistent/desk.map";
	assert_int_equal(cs_import_map_file(&o), -1);
	assert_int_equal(cs_errstatus(), CS_ENOINPUT);
	cs_import_opts_free(&o);
	cs_buf_free(&map);
	cs_buf_free(&values);
	cs_buf_free(&path);
}

static void
test_login(void **state)
{
	static const struct {
		const char *name, *want;
	} cases[] = {
		{ "Li Na", "li.na" }, { "Agent_1", "agent_1" },
		{ "  Tom  O'Brien ", "tom.o.brien" }, { "张三", "u5f20u4e09" },
		{ "1st Line", "a1st.line" }, { "li.na", "li.na" },
		{ "Ann-Marie Smith-Jones, Jr.", "ann-marie.smith-jones.jr" },
		{ "!!!", NULL }, { "", NULL },
	};
	char out[33];
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		int k = cs_import_login(cases[i].name, out);
		if (cases[i].want == NULL)
			assert_int_equal(k, -1);
		else {
			assert_int_equal(k, 0);
			assert_string_equal(out, cases[i].want);
		}
	}
	/* at most 32 bytes, still a login */
	assert_int_equal(cs_import_login("abcdefghij abcdefghij abcdefghij "
	    "abcdefghij", out), 0);
	assert_int_equal(strlen(out), 32);
	assert_true(cs_login_valid(out));
}

static void
test_sheetval(void **state)
{
	static const struct {
		const char *v;
		int want;
	} yn[] = {
		{ "是", 1 }, { "否", 0 }, { "Yes", 1 }, { "NO", 0 }, { "y", 1 },
		{ "N", 0 }, { "TRUE", 1 }, { "False", 0 }, { "1", 1 }, { "0", 0 },
		{ " yes ", 1 }, { "", -1 }, { "maybe", -1 }, { "01", -1 },
	};
	const char *why;
	double x;
	size_t i;

	(void)state;
	for (i = 0; i < N(yn); i++)
		if (cs_yesno(yn[i].v) != yn[i].want)
			fail_msg("'%s'", yn[i].v);
	assert_int_equal(cs_plain_number("5.0", &x, &why), 0);
	assert_true(x == 5);
	assert_int_equal(cs_plain_number(" 5 ", &x, &why), 0);
	assert_int_equal(cs_plain_number("-2.5", &x, &why), 0);
	assert_true(x == -2.5);
	assert_int_equal(cs_plain_number("4,5", &x, &why), -1);
	assert_non_null(strstr(why, "decimal comma"));
	assert_int_equal(cs_plain_number("1e3", &x, &why), -1);
	assert_int_equal(cs_plain_number("inf", &x, &why), -1);
	assert_int_equal(cs_plain_number("0x10", &x, &why), -1);
	assert_int_equal(cs_plain_number(".", &x, &why), -1);
	/* the guard: only before what the output guards */
	assert_string_equal(cs_sheet_unguard("'-张三"), "-张三");
	assert_string_equal(cs_sheet_unguard("'@x"), "@x");
	assert_string_equal(cs_sheet_unguard("'+1"), "+1");
	assert_string_equal(cs_sheet_unguard("'abc"), "'abc");
	assert_string_equal(cs_sheet_unguard("'"), "'");
	assert_string_equal(cs_sheet_unguard("=x"), "=x");
	/* phones */
	assert_null(cs_sheet_lost_zero("02161234567"));
	assert_null(cs_sheet_lost_zero("13812345678"));
	assert_null(cs_sheet_lost_zero("61234567"));
	assert_null(cs_sheet_lost_zero("+86 21 6123 4567"));
	assert_non_null(cs_sheet_lost_zero("2161234567"));
	assert_non_null(cs_sheet_lost_zero("1012345678"));
	assert_non_null(cs_sheet_lost_zero("75512345678"));
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
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_rejects),
		cmocka_unit_test(test_ignore_unknown),
		cmocka_unit_test(test_map_file),
		cmocka_unit_test(test_login),
		cmocka_unit_test(test_sheetval),
	};

	unit_zone();
	return cmocka_run_group_tests(tests, setup, teardown);
}
