/*
 * cs-staff: the roster.  Each person's login name is their id; their
 * team, role (agent, leader, deputy, manager), hiring and leaving dates,
 * and department (policy/departments.csv; none is customer service).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cs.h"

struct filter {
	const char *team, *role, *department;
	int active;
};

static int
keep(void *ctx, const struct cs_master *m, const struct cs_row *r,
    char *extra, size_t n)
{
	const struct filter *f = ctx;
	const struct cs_match eq[] = { { "team", f->team }, { "role", f->role } };
	const char *d = cs_master_get(m, r, "department");

	(void)extra, (void)n;
	if (!cs_master_match(m, r, eq, 2))
		return 0;
	if (f->active && *cs_master_get(m, r, "left") != '\0')
		return 0;
	return !f->department || !strcmp(*d ? d : CS_DEPT_DEFAULT, f->department);
}

/* Each department=... operand names a department of
 * policy/departments.csv (its id or its name): given as its id. */
static int
departments(struct cs_cmd *c)
{
	static char op[8][48];
	struct cs_policy p;
	const char *id;
	int i, n = 0, ret = 0;

	if (cs_depts_load(&p, c->ds->dir) < 0)
		return -1;
	for (i = 0; i < c->argc && ret == 0; i++) {
		if (strncmp(c->argv[i], "department=", 11) || !c->argv[i][11])
			continue;
		if (cs_dept_resolve(&p, "field 'department'", c->argv[i] + 11,
		    &id) < 0)
			ret = -1;
		else if (n == 8)
			ret = cs_fail(CS_EUSAGE, "department= given too often");
		else {
			snprintf(op[n], sizeof op[n], "department=%s", id);
			c->argv[i] = op[n++];
		}
	}
	cs_policy_free(&p);
	return ret;
}

static int
cmd_add(struct cs_cmd *c)
{
	if (departments(c) < 0)
		return -1;
	return cs_verb_add(c->ds, &cs_schema_staff, c->argc, c->argv);
}

static int
cmd_set(struct cs_cmd *c)
{
	if (departments(c) < 0)
		return -1;
	return cs_verb_set(c->ds, &cs_schema_staff, c->argc, c->argv);
}

static int
cmd_show(struct cs_cmd *c)
{
	if (c->argc != 1)
		return cs_fail(CS_EUSAGE, "show: one id");
	return cs_verb_show(c->ds, &cs_schema_staff, c->o, c->argv[0]);
}

static int
cmd_list(struct cs_cmd *c)
{
	struct cs_listing l = { .s = &cs_schema_staff, .keep = keep,
		.ctx = c->ctx };

	if (c->argc != 0)
		return cs_fail(CS_EUSAGE, "list: no operands");
	return cs_verb_list(c->ds, c->o, "list", &l);
}

static const struct cs_verb verbs[] = {
	{ "add", cmd_add, CS_WRITES,
	  "[-D dir] [--wait seconds] add field=value ..." },
	{ "list", cmd_list, 0,
	  "[-D dir] [-o format] list [--active] [--department d] "
	  "[--fields field[,...]] [--role role] [--team team]" },
	{ "set", cmd_set, CS_WRITES,
	  "[-D dir] [--wait seconds] set id field=value ..." },
	{ "show", cmd_show, 0, "[-D dir] [-o format] show id" },
	{ NULL, NULL, 0, NULL },
};

static const struct option longopts[] = {
	{ "active", no_argument, NULL, 'a' },
	{ "department", required_argument, NULL, 'd' },
	{ "role", required_argument, NULL, 'r' },
	{ "team", required_argument, NULL, 't' },
	{ NULL, 0, NULL, 0 },
};

static int
option(int c, const char *arg, struct cs_opts *o, void *ctx)
{
	struct filter *f = ctx;

	(void)o;
	switch (c) {
	case 'a':
		f->active = 1;
		break;
	case 'd':
		f->department = cs_filter(&cs_schema_staff, "department", arg);
		break;
	case 'r':
		f->role = cs_filter(&cs_schema_staff, "role", arg);
		break;
	case 't':
		f->team = cs_filter(&cs_schema_staff, "team", arg);
		break;
	}
	return 0;
}

static const struct cs_prog prog = {
	"cs-staff", verbs, "", longopts, option, NULL,
	"fields: id name team role hired left department\n",
};

int
main(int argc, char **argv)
{
	struct filter f = { 0 };

	return cs_main(&prog, argc, argv, &f);
}
