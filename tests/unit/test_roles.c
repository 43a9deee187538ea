/* test_roles.c: what each person may do (roles.c): a table of who, what
 * and whose over a small roster and the default policy/roles.csv; a
 * policy of the department's own taken as written; a bad line refused. */
#include "unit.h"

static char *dir, *own;

/* Team A: its leader lea, agents a1 a2 and old (left); team B: leb, b1;
 * dep the deputy, ann the manager. */
static const char staff[] = "id,name,team,role,hired,left\n"
    "a1,A1,A,agent,,\na2,A2,A,agent,,\nann,Ann,,manager,,\n"
    "b1,B1,B,agent,,\ndep,Dep,,deputy,,\nlea,Lea,A,leader,,\n"
    "leb,Leb,B,leader,,\nold,Old,A,agent,,2026-06-30\n";

static void
make(char **d, const char *roles)
{
	struct cs_buf p = { 0 };

	*d = unit_tmpdir();
	cs_buf_addf(&p, "mkdir %s/policy", *d);
	assert_int_equal(system(p.s), 0);
	cs_buf_reset(&p);
	cs_buf_addf(&p, "%s/staff.csv", *d);
	unit_write(p.s, staff);
	if (roles) {
		cs_buf_reset(&p);
		cs_buf_addf(&p, "%s/policy/roles.csv", *d);
		unit_write(p.s, roles);
	}
	cs_buf_free(&p);
}

static int
setup(void **state)
{
	(void)state;
	make(&dir, NULL);	/* no roles.csv: the default */
	make(&own, "role,action,scope\nagent,handle,team\nagent,unmask,all\n");
	cs_progname = "cs-test";
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	unit_rmrf(dir);
	unit_rmrf(own);
	free(dir);
	free(own);
	return 0;
}

static int
may(const char *d, const char *user, int admin, const char *action,
    const char *subject, char **why)
{
	struct cs_ds ds = { 0 };

	ds.dir = (char *)d;
	ds.lockfd = -1;
	ds.user = user;
	ds.admin = admin;
	return cs_may(&ds, action, subject, why);
}

static void
test_default(void **state)
{
	static const struct {
		const char *user;
		int admin;
		const char *action, *subject;
		int want;
		const char *why;	/* the refusal, whole */
	} t[] = {
		/* an agent: their own work, or a new record */
		{ "a1", 0, "record", NULL, 1, NULL },
		{ "a1", 0, "record", "a1", 1, NULL },
		{ "a1", 0, "handle", "a1", 1, NULL },
		{ "a1", 0, "handle", "a2", 0, "a1 (agent) may not handle the work "
		  "of a2: their own only (policy/roles.csv:4)" },
		{ "a1", 0, "record", "b1", 0, "a1 (agent) may not record the work "
		  "of b1: their own only (policy/roles.csv:2)" },
		{ "a1", 0, "roster", "a1", 0, "a1 (agent) may not change the "
		  "roster (policy/roles.csv:3)" },
		{ "a1", 0, "score", "a2", 0, "a1 (agent) may not score the work "
		  "of a2 (policy/roles.csv:5)" },
		{ "a1", 0, "override", "a1", 0, "a1 (agent) may not override the "
		  "rules for a1 (policy/roles.csv:6)" },
		{ "a1", 0, "unmask", NULL, 0, "a1 (agent) may not see personal "
		  "data (policy/roles.csv:7)" },
		{ "a1", 0, "verdict", "a1", 0, "a1 (agent) may not store the "
		  "verdict of a1 (policy/roles.csv:8)" },
		/* a leader: their team's, not another's, never the roster */
		{ "lea", 0, "handle", "a2", 1, NULL },
		{ "lea", 0, "score", "a1", 1, NULL },
		{ "lea", 0, "override", "a1", 1, NULL },
		{ "lea", 0, "unmask", NULL, 1, NULL },
		{ "lea", 0, "override", "b1", 0, "lea (leader) may not override "
		  "the rules for b1: their team's only (policy/roles.csv:13)" },
		{ "lea", 0, "score", "old", 0, NULL },	/* left: no one's team */
		{ "lea", 0, "roster", "a1", 0, NULL },
		{ "lea", 0, "verdict", "a1", 0, NULL },
		/* the deputy and the manager: everyone's */
		{ "dep", 0, "verdict", "lea", 1, NULL },
		{ "dep", 0, "roster", "ann", 1, NULL },
		{ "ann", 0, "override", "b1", 1, NULL },
		{ "ann", 0, "unmask", NULL, 1, NULL },
		/* off the roster: only reads, unless the administrator */
		{ "nobody", 0, "record", NULL, 0, "nobody is not on the roster "
		  "(staff.csv): may only read" },
		{ "old", 0, "handle", "old", 0, NULL },
		{ "nobody", 1, "roster", "a1", 1, NULL },
		{ "nobody", 1, "verdict", "lea", 1, NULL },
		/* on the roster, the administrator has the person's role */
		{ "a1", 1, "roster", "a1", 0, NULL },
	};
	char *why;
	size_t i;
	int k;

	(void)state;
	for (i = 0; i < N(t); i++) {
		k = may(dir, t[i].user, t[i].admin, t[i].action, t[i].subject,
		    &why);
		if (k != t[i].want)
			fail_msg("case %zu: %d, want %d (%s)", i, k, t[i].want,
			    why ? why : cs_errmsg());
		if (k == 0 && t[i].why && strcmp(why, t[i].why) != 0)
			fail_msg("case %zu: '%s', want '%s'", i, why, t[i].why);
		free(why);
	}
}

/* The department's own policy: a line missing is none. */
static void
test_own_policy(void **state)
{
	char *why;

	(void)state;
	assert_int_equal(may(own, "a1", 0, "handle", "a2", &why), 1);
	assert_int_equal(may(own, "a1", 0, "handle", "b1", &why), 0);
	assert_string_equal(why, "a1 (agent) may not handle the work of b1: "
	    "their team's only (policy/roles.csv:2)");
	free(why);
	assert_int_equal(may(own, "a1", 0, "unmask", NULL, &why), 1);
	assert_int_equal(may(own, "a1", 0, "record", NULL, &why), 0);
	assert_string_equal(why, "a1 (agent) may not record (policy/roles.csv: "
	    "no line for agent,record)");
	free(why);
}

/* A bad line: -1, 78, file:line: field. */
static void
test_bad_line(void **state)
{
	struct cs_ds ds = { 0 };
	char *bad, *why;

	(void)state;
	make(&bad, "role,action,scope\nagent,handle,everything\n");
	assert_int_equal(may(bad, "a1", 0, "handle", "a1", &why), -1);
	assert_int_equal(cs_errstatus(), CS_ECONFIG);
	assert_string_equal(cs_errmsg(), "policy/roles.csv:2: field 'scope': "
	    "not one of none/own/team/all: 'everything'");
	/* and the lock's gate lets a roster member through, not others */
	ds.dir = bad, ds.lockfd = -1, ds.user = "a1";
	assert_int_equal(cs_roles_writer(&ds), 0);
	ds.user = "zz";
	assert_int_equal(cs_roles_writer(&ds), -1);
	assert_int_equal(cs_errstatus(), CS_EPERM);
	ds.admin = 1;
	assert_int_equal(cs_roles_writer(&ds), 0);
	assert_string_equal(cs_roles_role(&ds), "administrator");
	ds.user = "lea";
	assert_string_equal(cs_roles_role(&ds), "leader");
	unit_rmrf(bad);
	free(bad);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default),
		cmocka_unit_test(test_own_policy),
		cmocka_unit_test(test_bad_line),
	};

	unit_zone();
	return cmocka_run_group_tests(tests, setup, teardown);
}
