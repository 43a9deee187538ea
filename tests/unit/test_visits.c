/* test_visits.c: return visits (visits.c): cadences, who is due when,
 * the walk over a data directory, a visit recorded */
#include "unit.h"

static struct cs_grade_policy pol;	/* the default: A 1m, B 3m, C 6m */
static char *dir;

#define VH "time,customer,agent,channel,satisfaction,needs,notes\n"

/* The data directory: the default policy, two agents, C-000001 A,
 * C-000002 B, C-000003 C never visited, C-000004 no grade, C-000005 A
 * visited lately.  The last line of 2026-01 is older than the one above
 * it: a visit recorded later with at=. */
static const struct {
	const char *rel, *text;
} files[] = {
	{ "policy/grades.csv", NULL },
	/* li.na, a leader, records the visits of her team */
	{ "staff.csv", "id,name,team,role,hired,left\n"
	  "li.na,李娜,A,leader,,\ntom,Tom,A,agent,,\n" },
	{ "customers.csv", "id,name,contact,phone,email,company,address,"
	  "region,type,grade,since,needs,frequency,transport,notes\n"
	  "C-000001,甲,,,,,,,channel,A,,,,,\n"
	  "C-000002,乙,,,,,,,channel,B,,,,,\n"
	  "C-000003,丙,,,,,,,end,C,,,,,\n"
	  "C-000004,丁,,,,,,,end,,,,,,\n"
	  "C-000005,戊,,,,,,,channel,A,,,,,\n" },
	{ "visits/2025-11.csv", VH
	  "2025-11-30T10:00:00+08:00,C-000002,tom,visit,,,\n" },
	{ "visits/2026-01.csv", VH
	  "2026-01-31T16:00:00+08:00,C-000001,li.na,phone,,,\n"
	  "2026-01-10T09:00:00+08:00,C-000001,tom,phone,,,\n" },
	{ "visits/2026-02.csv", VH
	  "2026-02-10T11:00:00+08:00,C-000005,tom,phone,5,,\n" },
};

static int
setup(void **state)
{
	const struct cs_default_file *d;
	struct cs_buf p = { 0 };
	size_t i;

	(void)state;
	dir = unit_tmpdir();
	for (d = cs_defaults; strcmp(d->path, files[0].rel); d++)
		;
	cs_buf_addf(&p, "mkdir %s/policy %s/visits", dir, dir);
	assert_int_equal(system(p.s), 0);
	for (i = 0; i < N(files); i++) {
		cs_buf_reset(&p);
		cs_buf_addf(&p, "%s/%s", dir, files[i].rel);
		unit_write(p.s, files[i].text ? files[i].text : d->text);
	}
	cs_buf_free(&p);
	setenv("CS_USER", "li.na", 1);
	cs_progname = "cs-test";
	return cs_grade_policy_load(&pol, dir);
}

static int
teardown(void **state)
{
	(void)state;
	unit_rmrf(dir);
	free(dir);
	return 0;
}

static cs_time
at(const char *s)
{
	return unit_at(s);
}

static const char *
day(cs_time t)
{
	static char d[16];

	cs_date_format(t, d);
	return d;
}

/* Calendar months, clamped at the month's end; weeks and days. */
static void
test_cadence(void **state)
{
	static const struct {
		const char *c, *from, *to;
	} cases[] = {
		{ "1m", "2025-12-15 10:00", "2026-01-15" },	/* the year end */
		{ "1m", "2026-01-31 16:00", "2026-02-28" },
		{ "3m", "2025-11-30 10:00", "2026-02-28" },
		{ "6m", "2025-08-31 10:00", "2026-02-28" },
		{ "12m", "2024-02-29 10:00", "2025-02-28" },
		{ "1m", "2024-01-30 10:00", "2024-02-29" },	/* a leap year */
		{ "14m", "2025-11-15 10:00", "2027-01-15" },
		{ "2w", "2026-02-20 10:00", "2026-03-06" },
		{ "30d", "2026-01-15 23:59", "2026-02-14" },
		{ "1d", "2026-12-31 10:00", "2027-01-01" },
	};
	static const char *const bad[] = { "0m", "m", "1y", "1", "-1m", "1mm",
		"", "2 w" };
	char start[32];
	cs_time t;
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		assert_int_equal(cs_cadence_add(cases[i].c, at(cases[i].from),
		    &t), 0);
		if (strcmp(day(t), cases[i].to))
			fail_msg("%s after %s: %s, want %s", cases[i].c,
			    cases[i].from, day(t), cases[i].to);
		/* from the start of that day */
		snprintf(start, sizeof start, "%s 00:00", cases[i].to);
		assert_true(t == at(start));
	}
	for (i = 0; i < N(bad); i++)
		if (cs_cadence_add(bad[i], at("2026-01-01 10:00"), &t) != -1)
			fail_msg("'%s' taken for a cadence", bad[i]);
}

/* Due on the day itself (from its first second), not the second before;
 * never visited: due now; no grade or no cadence: never. */
static void
test_due(void **state)
{
	static const struct {
		const char *grade, *last, *now;
		int due;
		const char *day;
	} cases[] = {
		{ "A", "2026-01-31 16:00", "2026-02-28 00:00:00", 1, "2026-02-28" },
		{ "A", "2026-01-31 16:00", "2026-02-27 23:59:59", 0, "2026-02-28" },
		{ "A", "2026-01-31 16:00", "2026-03-01 09:00", 1, "2026-02-28" },
		{ "B", "2025-11-30 10:00", "2026-02-28 09:00", 1, "2026-02-28" },
		{ "B", "2025-11-30 10:00", "2026-02-27 09:00", 0, "2026-02-28" },
		{ "C", "2026-03-15 16:00", "2026-09-15 00:00:00", 1, "2026-09-15" },
		{ "C", "2026-03-15 16:00", "2026-09-14 23:59:59", 0, "2026-09-15" },
		{ "C", "2026-03-15 16:00", "2026-09-16 00:00:00", 1, "2026-09-15" },
		{ "A", NULL, "2026-02-27 09:00", 1, "2026-02-27" },
		{ "", NULL, "2026-02-27 09:00", 0, NULL },
		{ "", "2020-01-01 10:00", "2026-02-27 09:00", 0, NULL },
	};
	struct cs_grade_policy p = pol;
	struct cs_last_visit lv = { 0 };
	cs_time due;
	size_t i;
	int k;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		due = 0;
		if (cases[i].last)
			lv.t = at(cases[i].last);
		k = cs_visit_due(&pol, cases[i].grade, cases[i].last ? &lv : NULL,
		    at(cases[i].now), &due);
		if (k != cases[i].due || (cases[i].day &&
		    strcmp(day(due), cases[i].day)))
			fail_msg("case %zu: %d on %s", i, k, day(due));
	}
	/* never visited is due at now itself */
	assert_int_equal(cs_visit_due(&pol, "C", NULL, at("2026-02-27 09:00"),
	    &due), 1);
	assert_true(due == at("2026-02-27 09:00"));
	/* a grade without a cadence is never due; a bad cadence is an error
	 * of the policy, and only for the grade that has it */
	p.visit[0][0] = '\0';
	snprintf(p.visit[1], sizeof p.visit[1], "3y");
	assert_int_equal(cs_visit_due(&p, "A", NULL, at("2026-02-27 09:00"),
	    &due), 0);
	assert_int_equal(cs_visit_due(&p, "B", &lv, at("2026-02-27 09:00"),
	    &due), -1);
	assert_int_equal(cs_errstatus(), CS_ECONFIG);
	assert_string_equal(cs_errmsg(), "policy/grades.csv: visit.B: not a "
	    "cadence (2w, 1m, 30d): '3y'");
	assert_int_equal(cs_visit_due(&p, "C", &lv, at("2026-02-27 09:00"),
	    &due), 1);
}

/* The customers due at now, "agent|customer|grade|last|due" a line. */
static char *
walk(const char *now, const char *agent)
{
	struct cs_due_walk w;
	struct cs_due d;
	struct cs_buf b = { 0 };
	struct cs_ds ds;
	char last[16];
	int k;

	setenv("CS_NOW", now, 1);
	assert_int_equal(cs_ds_open(&ds, dir), 0);
	assert_int_equal(cs_due_open(&w, &ds, &pol, agent), 0);
	cs_buf_adds(&b, "");
	while ((k = cs_due_next(&w, &d)) > 0) {
		*last = '\0';
		if (d.last)
			cs_date_format(d.last->t, last);
		cs_buf_addf(&b, "%s|%s|%c|%s|%s\n", d.last ? d.last->agent : "",
		    d.customer, d.grade, last, day(d.due));
	}
	assert_int_equal(k, 0);
	cs_due_close(&w);
	cs_ds_close(&ds);
	unsetenv("CS_NOW");
	return b.s;
}

static void
test_walk(void **state)
{
	static const struct {
		const char *now, *agent, *want;
	} cases[] = {
		/* the last visit is the latest, whatever the order of lines */
		{ "2026-02-28 09:00", NULL,
		  "li.na|C-000001|A|2026-01-31|2026-02-28\n"
		  "tom|C-000002|B|2025-11-30|2026-02-28\n"
		  "|C-000003|C||2026-02-28\n" },
		{ "2026-02-27 23:59:59", NULL, "|C-000003|C||2026-02-27\n" },
		{ "2026-02-28 09:00", "tom",
		  "tom|C-000002|B|2025-11-30|2026-02-28\n" },
		/* the agent "": those never visited */
		{ "2026-02-28 09:00", "", "|C-000003|C||2026-02-28\n" },
		{ "2026-03-10 00:00", "tom",
		  "tom|C-000002|B|2025-11-30|2026-02-28\n"
		  "tom|C-000005|A|2026-02-10|2026-03-10\n" },
	};
	size_t i;
	char *got;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		got = walk(cases[i].now, cases[i].agent);
		if (strcmp(got, cases[i].want))
			fail_msg("case %zu:\n%s", i, got);
		free(got);
	}
}

/* A visit: the defaults, the operands, what it records of the customer
 * into customers.csv (needs, frequency, transport: journaled), then
 * refusals that write nothing (last: the visits of March would change
 * test_walk's answers). */
static void
test_visit_add(void **state)
{
	const char *none[CS_VISIT_NFIELDS] = { "", "", "", "", "", "", "", "" };
	const char *v[CS_VISIT_NFIELDS] = { "tom", "visit", "4", "冷链", "",
		"2026-03-01 10:00", "weekly", "冷藏车" };
	static const char want[] = VH
	    "2026-03-02T09:30:00+08:00,C-000003,li.na,phone,,,\n"
	    "2026-03-01T10:00:00+08:00,C-000004,tom,visit,4,冷链,\n";
	struct cs_buf p = { 0 }, c = { 0 }, jp = { 0 };
	struct cs_ds ds;
	char *text, *before;
	int want_more;

	(void)state;
	setenv("CS_NOW", "2026-03-02 09:30", 1);
	assert_int_equal(cs_ds_open(&ds, dir), 0);
	assert_int_equal(cs_visit_add(&ds, "C-000003", none), 0);
	assert_int_equal(cs_visit_add(&ds, "C-000004", v), 0);
	cs_buf_addf(&p, "%s/visits/2026-03.csv", dir);
	text = unit_slurp(p.s);
	assert_string_equal(text, want);
	free(text);
	cs_buf_reset(&c);
	cs_buf_addf(&c, "%s/customers.csv", dir);
	text = unit_slurp(c.s);
	assert_non_null(strstr(text, "\nC-000003,丙,,,,,,,end,C,,,,,\n"
	    "C-000004,丁,,,,,,,end,,,冷链,weekly,冷藏车,\n"));
	free(text);
	cs_buf_reset(&jp);
	cs_buf_addf(&jp, "%s/journal/2026-03.csv", dir);
	text = unit_slurp(jp.s);
	assert_non_null(strstr(text, ",visit,C-000004,needs,,冷链,"));
	assert_non_null(strstr(text, ",visit,C-000004,frequency,,weekly,"));
	assert_non_null(strstr(text, ",visit,C-000004,transport,,冷藏车,"));
	assert_null(strstr(text, ",visit,C-000003,needs"));
	free(text);
	/* the same again: a visit, nothing of the customer changed */
	v[5] = "2026-03-01 11:00";
	assert_int_equal(cs_visit_add(&ds, "C-000004", v), 0);
	text = unit_slurp(jp.s);
	assert_null(strstr(strstr(text, ",visit,C-000004,transport,") + 1,
	    ",visit,C-000004,transport,"));
	free(text);
	text = unit_slurp(p.s);
	want_more = strstr(text, "2026-03-01T11:00:00+08:00,C-000004,tom,visit,"
	    "4,冷链,\n") != NULL;
	free(text);
	assert_true(want_more);
	assert_int_equal(cs_visit_add(&ds, "C-000099", none), -1);
	assert_string_equal(cs_errmsg(), "customers.csv: no id 'C-000099'");
	v[5] = "2026-03-02 09:31";
	assert_int_equal(cs_visit_add(&ds, "C-000004", v), -1);
	assert_int_equal(cs_errstatus(), CS_EDATA);
	assert_string_equal(cs_errmsg(), "field 'at': a visit to come is not "
	    "a visit");
	v[5] = "";
	v[0] = "nobody";
	assert_int_equal(cs_visit_add(&ds, "C-000004", v), -1);
	assert_int_equal(cs_errstatus(), CS_EDATA);
	v[0] = "tom";
	v[2] = "9";
	before = unit_slurp(p.s);
	assert_int_equal(cs_visit_add(&ds, "C-000004", v), -1);
	v[2] = "4";
	v[6] = "bad\001";	/* one line, no control characters */
	text = unit_slurp(c.s);
	assert_int_equal(cs_visit_add(&ds, "C-000004", v), -1);
	assert_int_equal(cs_errstatus(), CS_EDATA);
	assert_non_null(strstr(cs_errmsg(), "field 'frequency'"));
	{
		char *after = unit_slurp(c.s);
		assert_string_equal(after, text);	/* customers.csv too */
		free(after);
	}
	free(text);
	text = unit_slurp(p.s);	/* nothing written */
	assert_string_equal(text, before);
	free(text);
	free(before);
	cs_buf_free(&p);
	cs_buf_free(&c);
	cs_buf_free(&jp);
	cs_ds_close(&ds);
	unsetenv("CS_NOW");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cadence),
		cmocka_unit_test(test_due),
		cmocka_unit_test(test_walk),
		cmocka_unit_test(test_visit_add),
	};

	unit_zone();
	return cmocka_run_group_tests(tests, setup, teardown);
}
