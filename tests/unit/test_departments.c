/* test_departments.c: the departments and their work (departments.c):
 * a department found by id or name, or refused with the list; who takes
 * which work; the answer deadlines; people's departments from a roster
 * with the column and one without; who may do a department's step; and
 * the lint of natures that name no department. */
#include "unit.h"

static char *dir, *old;

static const char depts[] = "id,name,takes,answer_normal,answer_major\n"
    "customer-service,客服,complaint,48h,\n"
    "warehouse,仓库,prepare pack damage complaint,4h,2h\n"
    "transport,运输,dispatch delay loss,,\n";

static void
make(char **d, const char *staff)
{
	struct cs_buf p = { 0 };

	*d = unit_tmpdir();
	cs_buf_addf(&p, "mkdir %s/policy", *d);
	assert_int_equal(system(p.s), 0);
	cs_buf_free(&p);
	unit_put(*d, "staff.csv", staff);
	unit_put(*d, "policy/departments.csv", depts);
}

static int
setup(void **state)
{
	(void)state;
	make(&dir, "id,name,team,role,hired,left,department\n"
	    "a1,A1,A,agent,,,\nann,Ann,,manager,,,\nold,Old,,agent,,2026-06-30,"
	    "warehouse\nw1,W1,,agent,,,warehouse\n");
	make(&old, "id,name,team,role,hired,left\nw1,W1,,agent,,\n");
	cs_progname = "cs-test";
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	unit_rmrf(dir);
	unit_rmrf(old);
	free(dir);
	free(old);
	return 0;
}

static void
test_find(void **state)
{
	static const struct {
		const char *s;
		long row;
	} t[] = {
		{ "customer-service", 0 }, { "客服", 0 }, { "warehouse", 1 },
		{ "仓库", 1 }, { "运输", 2 }, { "仓储", -1 }, { "", -1 },
		{ "Warehouse", -1 },
	};
	struct cs_policy p;
	const char *id = NULL;
	size_t i;

	(void)state;
	assert_int_equal(cs_depts_load(&p, dir), 0);
	for (i = 0; i < N(t); i++)
		if (cs_dept_find(&p, t[i].s) != t[i].row)
			fail_msg("'%s': row %ld, want %ld", t[i].s,
			    cs_dept_find(&p, t[i].s), t[i].row);
	assert_int_equal(cs_dept_resolve(&p, "field 'department'", "运输", &id), 2);
	assert_string_equal(id, "transport");
	assert_int_equal(cs_dept_resolve(&p, "--department", "仓储", &id), -1);
	assert_int_equal(cs_errstatus(), CS_EDATA);
	assert_string_equal(cs_errmsg(), "--department: no department '仓储' in "
	    "policy/departments.csv (one of customer-service (客服), "
	    "warehouse (仓库), transport (运输))");
	cs_policy_free(&p);
}

static void
test_work(void **state)
{
	static const struct {
		const char *kind;
		long taker;
	} t[] = {
		{ "prepare", 1 }, { "pack", 1 }, { "damage", 1 }, { "dispatch", 2 },
		{ "delay", 2 }, { "complaint", 0 }, { "confirm", -1 },
		{ "pac", -1 }, { "prepare pack", -1 },
	};
	struct cs_policy p;
	size_t i;

	(void)state;
	assert_int_equal(cs_depts_load(&p, dir), 0);
	for (i = 0; i < N(t); i++)
		if (cs_dept_taking(&p, t[i].kind) != t[i].taker)
			fail_msg("'%s': taken by %ld, want %ld", t[i].kind,
			    cs_dept_taking(&p, t[i].kind), t[i].taker);
	assert_true(cs_dept_takes(&p, 1, "complaint"));
	assert_false(cs_dept_takes(&p, 2, "complaint"));
	/* the deadlines: a department's own, or none (the SLA's) */
	assert_true(cs_dept_answer(&p, 1, "normal") == 4 * 3600);
	assert_true(cs_dept_answer(&p, 1, "major") == 2 * 3600);
	assert_true(cs_dept_answer(&p, 0, "normal") == 48 * 3600);
	assert_true(cs_dept_answer(&p, 0, "major") == -1);
	assert_true(cs_dept_answer(&p, 2, "normal") == -1);
	assert_true(cs_dept_answer(&p, 1, "minor") == -1);
	cs_policy_free(&p);
}

static int
dept_of(const char *d, const char *login, char **dept)
{
	struct cs_ds ds = { 0 };

	ds.dir = (char *)d;
	ds.lockfd = -1;
	return cs_dept_of(&ds, login, dept);
}

static void
test_people(void **state)
{
	char *d;

	(void)state;
	assert_int_equal(dept_of(dir, "w1", &d), 1);
	assert_string_equal(d, "warehouse");
	free(d);
	assert_int_equal(dept_of(dir, "a1", &d), 1);	/* none given */
	assert_string_equal(d, "customer-service");
	free(d);
	assert_int_equal(dept_of(dir, "old", &d), 0);	/* left */
	assert_null(d);
	assert_int_equal(dept_of(dir, "nobody", &d), 0);
	/* a roster written before the column: customer service */
	assert_int_equal(dept_of(old, "w1", &d), 1);
	assert_string_equal(d, "customer-service");
	free(d);
}

static int
step(const char *user, const char *verb)
{
	struct cs_ds ds = { 0 };

	ds.dir = dir;
	ds.lockfd = -1;
	ds.user = user;
	return cs_dept_step(&ds, verb, "O-20261120-0001");
}

static void
test_steps(void **state)
{
	(void)state;
	assert_int_equal(step("w1", "prepare"), 0);
	assert_int_equal(step("w1", "confirm"), 0);	/* no one's */
	assert_int_equal(step("a1", "confirm"), 0);
	assert_int_equal(step("nobody", "prepare"), 0);	/* roles.c decides */
	assert_int_equal(step("a1", "prepare"), -1);
	assert_int_equal(cs_errstatus(), CS_EPERM);
	assert_string_equal(cs_errmsg(), "prepare O-20261120-0001: a1 "
	    "(customer-service) is not of warehouse, which takes prepare "
	    "(policy/departments.csv:3)");
	assert_int_equal(step("w1", "dispatch"), -1);
	assert_string_equal(cs_errmsg(), "dispatch O-20261120-0001: w1 "
	    "(warehouse) is not of transport, which takes dispatch "
	    "(policy/departments.csv:4)");
}

/* cs check: a nature's department must be one that takes complaints. */
static void
test_natures(void **state)
{
	char buf[512];
	FILE *fp;

	(void)state;
	unit_put(dir, "policy/complaint-natures.csv", "nature,department,"
	    "description\ndelay,transport,\ndamage,仓库,\nbilling,finance,\n");
	assert_non_null(fp = tmpfile());
	assert_int_equal(cs_policy_lint_natures(dir, fp), 2);
	rewind(fp);
	assert_non_null(fgets(buf, sizeof buf, fp));
	assert_string_equal(buf, "policy/complaint-natures.csv:2: field "
	    "'department': transport takes no complaints "
	    "(policy/departments.csv:4)\n");
	assert_non_null(fgets(buf, sizeof buf, fp));
	assert_string_equal(buf, "policy/complaint-natures.csv:4: field "
	    "'department': no department 'finance' in policy/departments.csv "
	    "(one of customer-service (客服), warehouse (仓库), transport "
	    "(运输))\n");
	fclose(fp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_work),
		cmocka_unit_test(test_people),
		cmocka_unit_test(test_steps),
		cmocka_unit_test(test_natures),
	};

	unit_zone();
	return cmocka_run_group_tests(tests, setup, teardown);
}
