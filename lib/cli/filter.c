/*
 * filter.c: the values of filter options, checked as fields are
 * (filter.h).  A field of a few values (an enum of the schema) is checked
 * when the option is read; a login must be on the roster (whether or not
 * the person has left: old records are theirs), a nature in
 * policy/complaint-natures.csv, a department in policy/departments.csv
 * (by its id or its name, the id then the filter's value), a service in
 * policy/rates.csv, which is known only once the data directory is open:
 * those wait for cs_filters_check.  A team no one on the roster is in is
 * said (a warning), as records of a renamed team still carry its old
 * name.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/filter.h"
#include "rules/departments.h"
#include "rules/policy.h"
#include "store/values.h"

#define NATURES "policy/complaint-natures.csv"
/* the roster's teams, not a policy: a marker for later[].policy */
static const char TEAMS[] = "staff.csv";

/* The fields whose values a policy lists, in its column of that name. */
static const struct {
	const char *field, *policy;
} listed[] = {
	{ "nature", NATURES },
	{ "department", CS_DEPT_FILE },
	{ "service", "policy/rates.csv" },
};

/* The checks left for the data directory. */
static struct {
	const char *field, *value, *policy;	/* policy NULL: the roster */
	char id[32];		/* a department named: its id */
} later[16];
static size_t nlater;


static void
wait_for_data(const char *field, const char *value, const char *policy)
{
	if (nlater == sizeof later / sizeof later[0])
		cs_usage_error("too many filters");
	later[nlater].field = field;
	later[nlater].value = value;
	later[nlater++].policy = policy;
}

const char *
cs_filter_also(const struct cs_schema *s, const char *field, const char *also,
    const char *value)
{
	const struct cs_column *c = cs_schema_col(s, field);
	const char *given = value;
	struct cs_buf b = { 0 };
	size_t i;

	if (cs_arg_utf8(field, value) < 0)
		cs_die();
	value = cs_value_canon(field, value);	/* 已解决: resolved */
	if (*value == '\0' && c && !c->required)
		return value;	/* the records without one */
	for (i = 0; i < sizeof listed / sizeof listed[0]; i++)
		if (strcmp(field, listed[i].field) == 0) {
			wait_for_data(field, value, listed[i].policy);
			if (strcmp(field, "department"))
				return value;
			/* its id, once the data directory says it */
			snprintf(later[nlater - 1].id, sizeof later[0].id, "%s",
			    value);
			return later[nlater - 1].id;
		}
	if (strcmp(field, "team") == 0) {
		wait_for_data(field, value, TEAMS);
		return value;
	}
	if (c && c->type == CS_T_ID && c->arg && !cs_id_valid(c->arg, value))
		cs_usage_error("--%s: not an id of %s: '%s'", field,
		    strcmp(c->arg, "C") == 0 ? "customers.csv" : s->name, value);
	if (c && c->type == CS_T_LOGIN) {
		if (!cs_login_valid(value))
			cs_usage_error("--%s: not a login name: '%s'", field, value);
		wait_for_data(field, value, NULL);
		return value;
	}
	if (c == NULL || c->type != CS_T_ENUM ||
	    cs_in_list(value, c->arg) || (also && cs_in_list(value, also)))
		return value;
	cs_value_list(&b, field, c->arg, NULL);
	if (also) {
		cs_buf_adds(&b, ", ");
		cs_value_list(&b, field, also, NULL);
	}
	cs_usage_error("--%s: no %s '%s' (one of %s)", field, field, given, b.s);
}

const char *
cs_filter(const struct cs_schema *s, const char *field, const char *value)
{
	return cs_filter_also(s, field, NULL, value);
}

/* login is on the roster: 1, 0 if not, -1 on an error. */
static int
on_roster(const struct cs_ds *ds, const char *login)
{
	struct cs_master m;
	struct cs_row row = { 0 };
	off_t s, e;
	int k;

	if (cs_master_open(&m, (struct cs_ds *)ds, &cs_schema_staff) < 0)
		return -1;
	k = cs_master_find(&m, login, &row, &s, &e);
	cs_row_free(&row);
	cs_master_close(&m);
	return k;
}

/* team is someone's on the roster: 1, else 0 and the teams in *b; -1 on
 * an error. */
static int
on_team(const struct cs_ds *ds, const char *team, struct cs_buf *b)
{
	struct cs_reader r;
	struct cs_row row = { 0 };
	struct cs_map seen = { 0 };
	char *path = cs_ds_path(ds, cs_schema_staff.name);
	int k = 0, found = 0, isnew, col;

	if (cs_reader_open(&r, path, CS_READ_STORE, 0) < 0) {
		k = errno == ENOENT ? 0 : -1;
		free(path);
		return k;
	}
	free(path);
	col = cs_row_find(&r.hdr, "team");
	while (!found && col >= 0 && (k = cs_reader_next(&r, &row)) > 0) {
		const char *t = cs_row_get(&row, (size_t)col);
		if (strcmp(t, team) == 0)
			found = 1;
		else if (*t && (cs_map_slot(&seen, t, &isnew), isnew))
			cs_buf_addf(b, "%s%s", b->len ? ", " : "", t);
	}
	cs_map_free(&seen, NULL);
	cs_row_free(&row);
	cs_reader_close(&r);
	return !found && k < 0 ? -1 : found;
}

/* value is in the column field of policy: 1, else 0 and the values it
 * has in b ("a, b, c"); -1 on an error. */
static int
in_policy(const struct cs_ds *ds, const char *policy, const char *field,
    const char *value, struct cs_buf *b)
{
	struct cs_reader r;
	struct cs_row row = { 0 }, seen = { 0 };
	const char *v, *zh;
	int k, col, found = 0;

	if (cs_policy_open(&r, ds->dir, 0, policy) < 0)
		return -1;
	if ((col = cs_row_find(&r.hdr, field)) < 0) {
		cs_reader_close(&r);
		return cs_fail(CS_ECONFIG, "%s:1: no '%s' column", policy, field);
	}
	while (!found && (k = cs_reader_next(&r, &row)) > 0) {
		v = cs_row_get(&row, (size_t)col);
		found = strcmp(v, value) == 0;
		if (*v && cs_row_find(&seen, v) < 0) {
			cs_buf_addf(b, "%s%s", seen.n ? ", " : "", v);
			if ((zh = cs_value_zh(field, v)) != NULL)
				cs_buf_addf(b, " (%s)", zh);
			cs_row_push(&seen, v, strlen(v));
		}
	}
	cs_reader_close(&r);
	cs_row_free(&row);
	cs_row_free(&seen);
	if (!found && k < 0)
		return cs_fail(CS_ECONFIG, "%s", cs_errmsg());
	return found;
}

/* A department's id or name: 1 with its id in id, 0 not one (the ids in
 * b), -1 an error. */
static int
in_departments(const struct cs_ds *ds, const char *value, char id[32],
    struct cs_buf *b)
{
	struct cs_policy p;
	long i;

	if (cs_depts_load(&p, ds->dir) < 0)
		return -1;
	if ((i = cs_dept_find(&p, value)) >= 0)
		snprintf(id, 32, "%s", cs_policy_s(&p, (size_t)i, "id"));
	else
		cs_dept_ids(&p, b);
	cs_policy_free(&p);
	return i >= 0;
}

int
cs_filters_check(const struct cs_ds *ds)
{
	struct cs_buf b = { 0 };
	size_t i;
	int k = 1;

	for (i = 0; i < nlater && k > 0; i++) {
		cs_buf_reset(&b);
		cs_buf_adds(&b, "");
		if (later[i].policy && !strcmp(later[i].field, "department"))
			k = in_departments(ds, later[i].value, later[i].id, &b);
		else if (later[i].policy == TEAMS)
			k = on_team(ds, later[i].value, &b);
		else
			k = later[i].policy ? in_policy(ds, later[i].policy,
			    later[i].field, later[i].value, &b) :
			    on_roster(ds, later[i].value);
		/* a team renamed or merged lives on in old records: said,
		 * not refused, so a typo is not taken for "nothing found" */
		if (k == 0 && later[i].policy == TEAMS) {
			cs_warn("--team: no one on the roster is in team '%s' (the "
			    "teams: %s); only older records may carry it",
			    later[i].value, b.s);
			k = 1;
		} else if (k == 0 && later[i].policy)
			cs_fail(CS_EUSAGE, "--%s: no %s '%s' in %s (one of %s)",
			    later[i].field, later[i].field, later[i].value,
			    later[i].policy, b.s);
		else if (k == 0)
			cs_fail(CS_EUSAGE, "--%s: '%s' is not on the roster",
			    later[i].field, later[i].value);
	}
	cs_buf_free(&b);
	return k > 0 ? 0 : -1;
}

int
cs_filter_mine(const struct cs_ds *ds, int mine, const char **filter,
    const char *opt)
{
	if (!mine)
		return 0;
	if (*filter)
		return cs_fail(CS_EUSAGE, "--mine with %s: one or the other", opt);
	*filter = ds->user;
	return 0;
}
