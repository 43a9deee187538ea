/*
 * roles.c: what each person may do (roles.h).  The rights are data,
 * policy/roles.csv read through the policy reader (policy.c), kept for the
 * run with the directory they came from; the people are the roster, read
 * a login at a time (staff.csv is sorted by login).  Each refusal names
 * the line that refused, or says that there is none.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rules/roles.h"
#include "rules/policy.h"

#define ROLES "policy/roles.csv"

enum { NONE, OWN, TEAM, ALL };

/* An action, and what refusing it says after "may not". */
static const struct action {
	const char *name, *what, *whose;
} actions[] = {
	{ "roster", "change the roster", NULL },
	{ "record", "record", "work of" },
	{ "handle", "handle", "work of" },
	{ "score", "score", "work of" },
	{ "override", "override", "rules for" },
	{ "unmask", "see personal data", NULL },
	{ "verdict", "store", "verdict of" },
};

static struct {
	char *dir;		/* whose policy is read, or NULL */
	struct cs_policy p;
} rules;

static const struct action *
action_of(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof actions / sizeof actions[0]; i++)
		if (strcmp(actions[i].name, name) == 0)
			return &actions[i];
	cs_fatal(CS_ESOFTWARE, "roles: no action '%s'", name);
	return NULL;
}

static int
load(const struct cs_ds *ds)
{
	if (rules.dir && strcmp(rules.dir, ds->dir) == 0)
		return 0;
	if (rules.dir) {
		cs_policy_free(&rules.p);
		free(rules.dir);
		rules.dir = NULL;
	}
	if (cs_policy_read(&rules.p, ds->dir, ROLES) < 0)
		return -1;
	rules.dir = cs_xstrdup(ds->dir);
	return 0;
}

int
cs_roster_fields(struct cs_ds *ds, const char *login, const char *const *cols,
    char **out, size_t n)
{
	struct cs_master m;
	struct cs_row row = { 0 };
	char *path = cs_ds_path(ds, "staff.csv");
	off_t s, e;
	size_t i;
	int k;

	for (i = 0; i < n; i++)
		out[i] = NULL;
	k = cs_access(path) < 0 && errno == ENOENT;	/* no roster yet */
	free(path);
	if (k || login == NULL || !cs_login_valid(login))
		return 0;
	if (cs_master_open(&m, ds, &cs_schema_staff) < 0)
		return -1;
	k = cs_master_find(&m, login, &row, &s, &e);
	if (k > 0 && *cs_master_get(&m, &row, "left"))
		k = 0;
	for (i = 0; k > 0 && i < n; i++)
		out[i] = cs_xstrdup(cs_master_get(&m, &row, cols[i]));
	cs_row_free(&row);
	cs_master_close(&m);
	return k;
}

/* login on the roster and not left: 1 with its role and team (for the
 * caller to free), 0 not, -1 an error. */
static int
person(struct cs_ds *ds, const char *login, char **role, char **team)
{
	static const char *const cols[] = { "role", "team" };
	char *v[2];
	int k = cs_roster_fields(ds, login, cols, v, 2);

	*role = v[0], *team = v[1];
	return k;
}

/* The scope the line of role and action grants, and that line (0: none). */
static int
scope(const char *role, const char *action, long *line)
{
	static const char *const names[] = { "none", "own", "team", "all" };
	const char *s;
	size_t i;
	int k;

	*line = 0;
	for (i = 0; i < rules.p.n; i++)
		if (!strcmp(cs_policy_s(&rules.p, i, "role"), role) &&
		    !strcmp(cs_policy_s(&rules.p, i, "action"), action)) {
			*line = rules.p.line[i];
			s = cs_policy_s(&rules.p, i, "scope");
			for (k = ALL; k > NONE && strcmp(names[k], s); k--)
				;
			return k;
		}
	return NONE;
}

/* Does scope sc of a person of team reach subject? */
static int
reaches(struct cs_ds *ds, int sc, const char *team, const char *subject,
    int *err)
{
	char *srole, *steam;
	int k, in;

	*err = 0;
	if (sc == NONE || sc == ALL || subject == NULL || *subject == '\0')
		return sc != NONE;
	if (strcmp(subject, ds->user) == 0)
		return 1;
	if (sc == OWN)
		return 0;
	if ((k = person(ds, subject, &srole, &steam)) < 0)
		*err = 1;
	in = k > 0 && *team && strcmp(team, steam) == 0;
	free(srole);
	free(steam);
	return in;
}

static char *
refusal(struct cs_ds *ds, const char *role, const struct action *a,
    const char *subject, int sc, long line)
{
	static const char *const only[] = { "", "their own only",
		"their team's only", "" };
	struct cs_buf b = { 0 };

	cs_buf_addf(&b, "%s (%s) may not %s", ds->user, role, a->what);
	if (a->whose && subject && *subject)
		cs_buf_addf(&b, " the %s %s", a->whose, subject);
	if (line > 0)
		cs_buf_addf(&b, "%s%s (%s:%ld)", sc != NONE ? ": " : "", only[sc],
		    ROLES, line);
	else
		cs_buf_addf(&b, " (%s: no line for %s,%s)", ROLES, role, a->name);
	return b.s;
}

static char *
not_on_roster(const struct cs_ds *ds)
{
	struct cs_buf b = { 0 };

	cs_buf_addf(&b, "%s is not on the roster (staff.csv): may only read",
	    ds->user);
	return b.s;
}

int
cs_may(struct cs_ds *ds, const char *action, const char *subject, char **why)
{
	const struct action *a = action_of(action);
	char *role, *team;
	long line;
	int k, sc, err, ret;

	*why = NULL;
	if ((k = person(ds, ds->user, &role, &team)) < 0)
		return -1;
	if (k == 0) {
		if (ds->admin)
			return 1;
		*why = not_on_roster(ds);
		return 0;
	}
	ret = -1;
	if (load(ds) < 0)
		goto out;
	sc = scope(role, action, &line);
	ret = reaches(ds, sc, team, subject, &err);
	if (err)
		ret = -1;
	else if (ret == 0)
		*why = refusal(ds, role, a, subject, sc, line);
out:
	free(role);
	free(team);
	return ret;
}

int
cs_may_act(struct cs_ds *ds, const char *verb, const char *action,
    const char *subject)
{
	char *why;
	int k;

	if ((k = cs_may(ds, action, subject, &why)) == 0)
		cs_fail(CS_EPERM, "%s: %s", verb, why);
	free(why);
	return k > 0 ? 0 : -1;
}

int
cs_roles_writer(struct cs_ds *ds)
{
	char *role, *team, *why;
	int k;

	if ((k = person(ds, ds->user, &role, &team)) == 0 && !ds->admin) {
		why = not_on_roster(ds);
		cs_fail(CS_EPERM, "%s", why);
		free(why);
		k = -1;
	}
	free(role);
	free(team);
	return k < 0 ? -1 : 0;
}

const char *
cs_roles_role(struct cs_ds *ds)
{
	static char role[16];
	char *r, *t;
	int k = person(ds, ds->user, &r, &t);

	snprintf(role, sizeof role, "%s", k > 0 ? r : ds->admin ?
	    "administrator" : "");
	free(r);
	free(t);
	return role;
}
