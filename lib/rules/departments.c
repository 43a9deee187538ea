/*
 * departments.c: the departments and the work each takes (departments.h),
 * policy/departments.csv read through the policy reader (policy.c, which
 * checks the file whole); the people's departments from the roster.
 * Nothing here knows the steps of an order or a complaint: order.c and
 * complaint.c ask.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/departments.h"
#include "rules/roles.h"
#include "rules/policy.h"

int
cs_depts_load(struct cs_policy *p, const char *dir)
{
	return cs_policy_read(p, dir, CS_DEPT_FILE);
}

long
cs_dept_find(const struct cs_policy *p, const char *s)
{
	size_t i;

	for (i = 0; *s && i < p->n; i++)
		if (!strcmp(cs_policy_s(p, i, "id"), s) ||
		    !strcmp(cs_policy_s(p, i, "name"), s))
			return (long)i;
	return -1;
}

void
cs_dept_ids(const struct cs_policy *p, struct cs_buf *b)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		cs_buf_addf(b, "%s%s (%s)", i ? ", " : "", cs_policy_s(p, i, "id"),
		    cs_policy_s(p, i, "name"));
}

long
cs_dept_resolve(const struct cs_policy *p, const char *what, const char *s,
    const char **id)
{
	struct cs_buf b = { 0 };
	long i = cs_dept_find(p, s);

	if (i >= 0) {
		*id = cs_policy_s(p, (size_t)i, "id");
		return i;
	}
	cs_dept_ids(p, &b);
	cs_fail(CS_EDATA, "%s: no department '%s' in %s (one of %s)",
	    what, s, CS_DEPT_FILE, b.s ? b.s : "");
	cs_buf_free(&b);
	return -1;
}

int
cs_dept_takes(const struct cs_policy *p, size_t i, const char *kind)
{
	const char *w = cs_policy_s(p, i, "takes");
	size_t n = strlen(kind), k;

	for (; *w; w += k) {
		w += strspn(w, " ");
		k = strcspn(w, " ");
		if (k == n && strncmp(w, kind, n) == 0)
			return 1;
	}
	return 0;
}

long
cs_dept_taking(const struct cs_policy *p, const char *kind)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (cs_dept_takes(p, i, kind))
			return (long)i;
	return -1;
}

int64_t
cs_dept_answer(const struct cs_policy *p, size_t i, const char *sev)
{
	char col[32];

	snprintf(col, sizeof col, "answer_%s", sev);
	if (strcmp(sev, "normal") && strcmp(sev, "major"))
		return -1;
	if (*cs_policy_s(p, i, col) == '\0')
		return -1;
	return (int64_t)cs_policy_v(p, i, col);
}

int
cs_dept_of(struct cs_ds *ds, const char *login, char **dept)
{
	static const char *const col[] = { "department" };
	int k = cs_roster_fields(ds, login, col, dept, 1);

	if (k > 0 && **dept == '\0') {	/* none given: customer service */
		free(*dept);
		*dept = cs_xstrdup(CS_DEPT_DEFAULT);
	}
	return k;
}

int
cs_dept_may(struct cs_ds *ds, const struct cs_policy *p, size_t i,
    const char *verb, const char *id, const char *why)
{
	const char *dept = cs_policy_s(p, i, "id");
	char *mine;
	int k;

	if ((k = cs_dept_of(ds, ds->user, &mine)) <= 0)
		return k;
	k = strcmp(mine, dept) == 0 ? 0 : cs_fail(CS_EPERM, "%s %s: %s (%s) "
	    "is not of %s, %s (%s:%ld)", verb, id, ds->user, mine, dept, why,
	    CS_DEPT_FILE, p->line[i]);
	free(mine);
	return k;
}

int
cs_dept_step(struct cs_ds *ds, const char *verb, const char *id)
{
	struct cs_policy p;
	struct cs_buf why = { 0 };
	long i;
	int k = 0;

	if (cs_depts_load(&p, ds->dir) < 0)
		return -1;
	if ((i = cs_dept_taking(&p, verb)) >= 0) {
		cs_buf_addf(&why, "which takes %s", verb);
		k = cs_dept_may(ds, &p, (size_t)i, verb, id, why.s);
	}
	cs_buf_free(&why);
	cs_policy_free(&p);
	return k;
}
