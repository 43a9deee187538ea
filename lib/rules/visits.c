/*
 * visits.c: return visits, recorded one at a time, and the schedule of the
 * next ones by the cadence of each grade (visits.h tells the rule;
 * test_visits.c holds it to hand-worked dates).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rules/visits.h"
#include "rules/roles.h"

#define VISIT_HEADER "time,customer,agent,channel,satisfaction,needs,notes\n"
#define PLANS "visit-plans.csv"
#define PLAN_HEADER "id,date,agent,planned_by,planned_at,visited_at\n"

const char *const cs_visit_fields[CS_VISIT_NFIELDS] = { "agent", "channel",
	"satisfaction", "needs", "notes", "at", "frequency", "transport" };

/* The fields of the customer's file a visit records, by their index in
 * cs_visit_fields: needs (in the visit too), frequency, transport. */
static const int customer_fields[] = { 3, 6, 7 };

/* rec: the visit of v, checked; not one to come. */
static int
visit_record(struct cs_ds *ds, struct cs_master *v, struct cs_row *rec,
    const char *customer, const char *const val[CS_VISIT_NFIELDS])
{
	int i;

	cs_master_blank(v, rec);
	cs_master_put(v, rec, "customer", customer);
	cs_master_put(v, rec, "agent", ds->user);
	cs_master_put(v, rec, "channel", "phone");
	cs_master_put_time(v, rec, "time", ds->now);
	for (i = 0; i < 5; i++)
		if (*val[i] && cs_master_assign(v, rec, cs_visit_fields[i],
		    val[i]) < 0)
			return -1;
	if (*val[5]) {
		if (cs_master_assign(v, rec, "time", val[5]) < 0)
			return -1;
		if (cs_master_get_time(v, rec, "time") > ds->now)
			return cs_fail(CS_EDATA, "field 'at': a visit to come is "
			    "not a visit");
	}
	if (cs_roster_team(ds, "agent", cs_master_get(v, rec, "agent"), NULL) < 0)
		return -1;
	return cs_may_act(ds, "visit", "record", cs_master_get(v, rec, "agent"));
}

/* ---- planned visits: visit-plans.csv ---- */

struct span {
	off_t s, e;
};

/* The plan of customer: 1 open (no visited_at), 2 fulfilled, each with
 * its record in row and its bytes in *sp; 0 none; -1 on an error.  m is
 * opened on visit-plans.csv. */
static int
plan_find(struct cs_ds *ds, struct cs_master *m, const char *customer,
    struct cs_row *row, struct span *sp)
{
	int k;

	if (cs_master_open_rel(m, ds, &cs_schema_visit_plans, PLANS) < 0)
		return -1;
	k = cs_master_find(m, customer, row, &sp->s, &sp->e);
	if (k > 0 && *cs_master_get(m, row, "visited_at"))
		k = 2;
	return k;
}

/* A visit at t fulfils the customer's open plan: its line, visited_at
 * set, in line and its bytes in *sp, journaled in j: 1; 0 if there is
 * none; -1 on an error.  Lock held. */
static int
plan_fulfil(struct cs_ds *ds, const char *customer, cs_time t, struct span *sp,
    struct cs_buf *line, struct cs_buf *j)
{
	struct cs_master m;
	struct cs_row row = { 0 };
	int k;

	k = plan_find(ds, &m, customer, &row, sp);
	if (k == 1 && cs_master_get_time(&m, &row, "planned_at") <= t) {
		cs_master_put_time(&m, &row, "visited_at", t);
		cs_csv_record(line, &row);
		line->s[--line->len] = '\0';
		cs_journal_line(j, ds, "fulfil", customer, "", "", line->s);
		line->s[line->len++] = '\n';
	} else if (k > 0)
		k = 0;
	cs_master_close(&m);
	cs_row_free(&row);
	return k;
}

int
cs_visit_plan(struct cs_ds *ds, const char *customer, const char *date,
    const char *agent)
{
	struct cs_master m, c;
	struct cs_row row = { 0 }, cust = { 0 };
	struct cs_buf line = { 0 }, j = { 0 };
	struct span sp;
	char today[16];
	off_t s, e;
	int y, mo, d, k, ret = -1, locked = 0;

	memset(&m, 0, sizeof m);
	if (strlen(date) != 10 || cs_date_parse(date, &y, &mo, &d) < 0)
		return cs_fail(CS_EUSAGE, "--plan: not a date (YYYY-MM-DD): '%s'",
		    date);
	cs_date_format(ds->now, today);
	if (strcmp(date, today) < 0)
		return cs_fail(CS_EDATA, "--plan: %s is past: a visit planned is "
		    "one to come", date);
	if (cs_master_open(&c, ds, &cs_schema_customers) < 0)
		return -1;
	k = cs_master_find(&c, customer, &cust, &s, &e);
	if (k <= 0) {
		if (k == 0)
			cs_fail(CS_EDATA, "customers.csv: no id '%s'", customer);
		goto out;
	}
	if (*agent == '\0')
		agent = *cs_master_get(&c, &cust, "owner") ?
		    cs_master_get(&c, &cust, "owner") : ds->user;
	if (cs_roster_team(ds, "agent", agent, NULL) < 0 ||
	    cs_may_act(ds, "visit --plan", "record", agent) < 0 ||
	    cs_lock(ds, cs_lock_wait) < 0)
		goto out;
	locked = 1;
	if ((k = plan_find(ds, &m, customer, &row, &sp)) < 0)
		goto out;
	if (k == 0)
		cs_master_blank(&m, &row);
	cs_master_put(&m, &row, "id", customer);
	cs_master_put(&m, &row, "date", date);
	cs_master_put(&m, &row, "agent", agent);
	cs_master_put(&m, &row, "planned_by", ds->user);
	cs_master_put_time(&m, &row, "planned_at", ds->now);
	cs_master_put(&m, &row, "visited_at", "");
	cs_csv_record(&line, &row);
	line.s[--line.len] = '\0';
	cs_journal_line(&j, ds, "plan", customer, "", "", line.s);
	line.s[line.len++] = '\n';
	ret = k == 0 ? cs_commit_append(ds, PLANS, PLAN_HEADER, &line, &j) :
	    cs_commit_replace(ds, PLANS, sp.s, sp.e, &line, &j);
out:
	if (locked)
		cs_unlock(ds);
	cs_master_close(&m);
	cs_master_close(&c);
	cs_row_free(&row);
	cs_row_free(&cust);
	cs_buf_free(&line);
	cs_buf_free(&j);
	return ret;
}

/* The open plans, customer -> "date\0agent" (each freed with free). */
static int
open_plans(struct cs_ds *ds, struct cs_map *plans)
{
	struct cs_master m;
	struct cs_reader r;
	struct cs_row row = { 0 };
	int k;

	if (cs_master_open_rel(&m, ds, &cs_schema_visit_plans, PLANS) < 0)
		return -1;
	if ((k = cs_reader_open(&r, m.path, CS_READ_STORE, 0)) == 0) {
		while ((k = cs_reader_next(&r, &row)) > 0)
			if (*cs_master_get(&m, &row, "visited_at") == '\0') {
				/* "date\0agent" */
				const char *a = cs_master_get(&m, &row, "agent");
				char *v = cs_xmalloc(16 + strlen(a));
				snprintf(v, 11, "%s", cs_master_get(&m, &row, "date"));
				strcpy(v + 11, a);
				*cs_map_slot(plans, cs_master_get(&m, &row, "id"),
				    NULL) = v;
			}
		cs_reader_close(&r);
	} else if (errno == ENOENT)
		k = 0;	/* no plan yet */
	cs_row_free(&row);
	cs_master_close(&m);
	return k < 0 ? -1 : 0;
}

/* The customer's record with what the visit val records of it, in new;
 * each field changed a journal line in j. */
static int
customer_update(struct cs_master *m, const struct cs_row *old,
    struct cs_row *new, const char *const val[CS_VISIT_NFIELDS],
    struct cs_buf *j)
{
	size_t i;

	cs_row_copy(new, old);
	for (i = 0; i < sizeof customer_fields / sizeof customer_fields[0]; i++) {
		const char *v = val[customer_fields[i]];
		if (*v && cs_master_assign(m, new, cs_visit_fields[customer_fields[i]],
		    v) < 0)
			return -1;
	}
	return cs_master_diff(m, old, new, "visit", j);
}

int
cs_visit_add(struct cs_ds *ds, const char *customer,
    const char *const val[CS_VISIT_NFIELDS])
{
	struct cs_master m, v;
	struct cs_row row = { 0 }, new = { 0 }, rec = { 0 };
	struct cs_buf data = { 0 }, line = { 0 }, pline = { 0 }, j = { 0 };
	struct cs_op ops[3];
	struct span pl;
	char *rel = NULL;
	off_t s, e;
	size_t nops;
	int k, ret = -1, locked = 0;

	if (cs_master_open(&m, ds, &cs_schema_customers) < 0)
		return -1;
	cs_master_open_rel(&v, ds, &cs_schema_visits, "visits/none.csv");
	k = cs_master_find(&m, customer, &row, &s, &e);
	if (k <= 0) {
		if (k == 0)
			cs_fail(CS_EDATA, "customers.csv: no id '%s'", customer);
		goto out;
	}
	if (visit_record(ds, &v, &rec, customer, val) < 0 ||
	    customer_update(&m, &row, &new, val, &j) < 0)
		goto out;
	rel = cs_month_rel("visits", cs_master_get_time(&v, &rec, "time"));
	cs_csv_record(&data, &rec);
	data.s[--data.len] = '\0';
	cs_buf_reset(&j);
	cs_journal_line(&j, ds, "visit", customer, "", "", data.s);
	data.s[data.len++] = '\n';
	if (cs_lock(ds, cs_lock_wait) < 0)
		goto out;
	locked = 1;
	/* the customer's record again, under the lock: as it is now */
	if ((k = cs_master_find(&m, customer, &row, &s, &e)) <= 0) {
		if (k == 0)
			cs_fail(CS_EDATA, "customers.csv: no id '%s'", customer);
		goto out;
	}
	if ((k = customer_update(&m, &row, &new, val, &j)) < 0)
		goto out;
	nops = 0;
	ops[nops++] = (struct cs_op){ 0, rel, VISIT_HEADER, 0, 0, &data };
	if (k > 0) {
		cs_csv_record(&line, &new);
		ops[nops++] = (struct cs_op){ 1, m.rel, NULL, s, e, &line };
	}
	if ((k = plan_fulfil(ds, customer, cs_master_get_time(&v, &rec, "time"),
	    &pl, &pline, &j)) < 0)
		goto out;
	if (k > 0)
		ops[nops++] = (struct cs_op){ 1, PLANS, NULL, pl.s, pl.e, &pline };
	ret = cs_commit(ds, &j, ops, nops);
out:
	if (locked)
		cs_unlock(ds);
	cs_master_close(&m);
	cs_master_close(&v);
	cs_row_free(&row);
	cs_row_free(&new);
	cs_row_free(&rec);
	cs_buf_free(&data);
	cs_buf_free(&line);
	cs_buf_free(&pline);
	cs_buf_free(&j);
	free(rel);
	return ret;
}

int
cs_cadence_add(const char *c, cs_time from, cs_time *to)
{
	char *end, d[16];
	long n = strtol(c, &end, 10);
	int y, mo, day;

	if (n <= 0 || (strcmp(end, "m") && strcmp(end, "w") && strcmp(end, "d")))
		return -1;
	cs_date_format(from, d);
	cs_date_parse(d, &y, &mo, &day);
	if (*end == 'd')
		day += (int)n;
	else if (*end == 'w')
		day += 7 * (int)n;
	else {
		mo += (int)n;
		y += (mo - 1) / 12;
		mo = (mo - 1) % 12 + 1;
		if (day > cs_days_in_month(y, mo))
			day = cs_days_in_month(y, mo);	/* Jan 31 + 1m: Feb 28 */
	}
	return cs_mktime_local(y, mo, day, 0, 0, 0, to);
}

int
cs_visit_due(const struct cs_grade_policy *p, const char *grade,
    const struct cs_last_visit *lv, cs_time now, cs_time *due)
{
	const char *c;

	if (*grade < 'A' || *grade > 'C' || !*(c = p->visit[*grade - 'A']))
		return 0;
	if (lv == NULL)
		*due = now;	/* never visited: due now */
	else if (cs_cadence_add(c, lv->t, due) < 0)
		return cs_fail(CS_ECONFIG, "policy/grades.csv: visit.%s: not a "
		    "cadence (2w, 1m, 30d): '%s'", grade, c);
	return *due <= now;
}

/* A visit at t by agent to customer: the last if it is later. */
static void
saw(struct cs_map *last, const char *customer, cs_time t, const char *agent,
    size_t alen)
{
	struct cs_last_visit **lv;

	lv = (struct cs_last_visit **)cs_map_slot(last, customer, NULL);
	if (*lv == NULL) {
		*lv = cs_xmalloc(sizeof **lv);
		memset(*lv, 0, sizeof **lv);
	}
	if (t >= (*lv)->t) {
		(*lv)->t = t;
		snprintf((*lv)->agent, sizeof (*lv)->agent, "%.*s", (int)alen,
		    agent);
	}
}

struct followups {
	struct cs_map *last;
	struct cs_buf b;
	cs_time now;
};

/* A complaint's follow-up visit (customer, visit_at, handler): a return
 * visit to its customer by its handler. */
static int
followup(void *ctx, const struct cs_slice *f, long line)
{
	struct followups *fu = ctx;
	char customer[64];
	cs_time t;

	(void)line;
	if (f[0].p == NULL || f[0].n == 0 || f[0].n >= sizeof customer ||
	    f[1].p == NULL || f[1].n == 0)
		return 0;
	snprintf(customer, sizeof customer, "%.*s", (int)f[0].n, f[0].p);
	if (cs_time_parse(cs_slice_text(&f[1], &fu->b), &t) < 0 || t > fu->now)
		return 0;	/* cs check reports a bad one */
	saw(fu->last, customer, t, f[2].p ? f[2].p : "", f[2].p ? f[2].n : 0);
	return 0;
}

/* The last visit of each customer, from every month of visits/ and the
 * follow-up visits of every complaint. */
static int
last_visits(struct cs_ds *ds, struct cs_map *last)
{
	static const char *const kcols[] = { "customer", "visit_at", "handler" };
	char *dir = cs_ds_path(ds, "visits"), **names, **n, **files = NULL;
	struct followups fu = { last, { 0 }, ds->now };
	struct cs_period all = { 0, ds->now + 1, "" };
	struct cs_reader r;
	struct cs_row row = { 0 };
	struct cs_buf p = { 0 };
	int k = -1;

	if ((names = cs_dir_csv(dir)) == NULL)
		goto out;
	for (n = names, k = 0; *n && k == 0; n++) {
		cs_buf_reset(&p);
		cs_buf_addf(&p, "%s/%s.csv", dir, *n);
		if ((k = cs_reader_open(&r, p.s, CS_READ_STORE, 0)) < 0)
			break;
		while ((k = cs_reader_next(&r, &row)) > 0) {
			cs_time t;
			const char *a = cs_row_get(&row, 2);
			if (cs_time_parse(cs_row_get(&row, 0), &t) < 0)
				continue;
			saw(last, cs_row_get(&row, 1), t, a, strlen(a));
		}
		cs_reader_close(&r);
	}
	if (k < 0 || (files = cs_dated_files(ds->dir, &cs_schema_complaints,
	    &all)) == NULL) {
		k = -1;
		goto out;
	}
	for (n = files; *n; n++)
		if ((k = cs_scan_store(*n, kcols, 3, followup, &fu)) < 0)
			break;
out:
	cs_strv_free(names);
	cs_strv_free(files);
	cs_row_free(&row);
	cs_buf_free(&p);
	cs_buf_free(&fu.b);
	free(dir);
	return k < 0 ? -1 : 0;
}

int
cs_due_load(struct cs_due_walk *w, struct cs_ds *ds,
    const struct cs_grade_policy *p, const char *agent)
{
	memset(w, 0, sizeof *w);
	w->p = p;
	w->agent = agent;
	w->now = ds->now;
	if (last_visits(ds, &w->last) < 0 || open_plans(ds, &w->plans) < 0 ||
	    cs_master_open(&w->m, ds, &cs_schema_customers) < 0)
		return -1;
	w->open = 1;
	return 0;
}

int
cs_due_open(struct cs_due_walk *w, struct cs_ds *ds,
    const struct cs_grade_policy *p, const char *agent)
{
	if (cs_due_load(w, ds, p, agent) < 0)
		return -1;
	if (cs_reader_open(&w->r, w->m.path, CS_READ_STORE, 0) < 0)
		return -1;
	w->open = 2;
	return 0;
}

/* The start of the day date (YYYY-MM-DD), local. */
static int
plan_day(const char *date, cs_time *t)
{
	int y, m, d;

	if (cs_date_parse(date, &y, &m, &d) < 0)
		return -1;
	return cs_mktime_local(y, m, d, 0, 0, 0, t);
}

int
cs_due_row(const struct cs_due_walk *w, const struct cs_master *m,
    const struct cs_row *row, struct cs_due *d)
{
	const char *grade = cs_row_get(row, (size_t)m->idx[9]);
	const char *id = cs_row_get(row, (size_t)m->idx[0]);
	cs_time t;
	int k;

	d->last = cs_map_get(&w->last, id);
	d->agent = cs_master_get(m, row, "owner");
	if (*d->agent == '\0')
		d->agent = d->last ? d->last->agent : "";
	if ((d->planned = cs_map_get(&w->plans, id)) == NULL)
		d->planned = "";
	else
		d->agent = d->planned + 11;	/* the plan's */
	if (w->agent && strcmp(d->agent, w->agent))
		return 0;
	if ((k = cs_visit_due(w->p, grade, d->last, w->now, &d->due)) < 0)
		return -1;
	/* a visit planned: due on its day, if not before */
	if (!*d->planned)
		;
	else if (plan_day(d->planned, &t) == 0 && t <= w->now &&
	    (k == 0 || t < d->due))
		d->due = t, k = 1;
	if (k == 0)
		return 0;
	d->customer = id;
	d->grade = *grade;
	return 1;
}

int
cs_due_next(struct cs_due_walk *w, struct cs_due *d)
{
	int k;

	while ((k = cs_reader_next(&w->r, &w->row)) > 0)
		if ((k = cs_due_row(w, &w->m, &w->row, d)) != 0)
			return k;
	return k;
}

void
cs_due_close(struct cs_due_walk *w)
{
	if (w->open == 2)
		cs_reader_close(&w->r);
	if (w->open >= 1)
		cs_master_close(&w->m);
	cs_map_free(&w->last, free);
	cs_map_free(&w->plans, free);
	cs_row_free(&w->row);
	w->open = 0;
}

/* ---- due --assign ---- */

/* The owner's index in m's records, -1 if the store lacks it. */
static int
owner_col(const struct cs_master *m)
{
	return m->idx[cs_schema_col(m->s, "owner") - m->s->cols];
}

struct team {
	char **login;
	long *owns;
	size_t n;
};

/* The agents of team on the roster, in its order, and what each owns. */
static int
team_agents(struct cs_ds *ds, const char *name, struct team *t)
{
	struct cs_master m;
	struct cs_reader r;
	struct cs_row row = { 0 };
	int k;

	memset(t, 0, sizeof *t);
	if (cs_master_open(&m, ds, &cs_schema_staff) < 0)
		return -1;
	if ((k = cs_reader_open(&r, m.path, CS_READ_STORE, 0)) == 0) {
		while ((k = cs_reader_next(&r, &row)) > 0) {
			if (strcmp(cs_master_get(&m, &row, "team"), name) ||
			    strcmp(cs_master_get(&m, &row, "role"), "agent") ||
			    *cs_master_get(&m, &row, "left"))
				continue;
			t->login = cs_xrealloc(t->login, (t->n + 1) * sizeof *t->login);
			t->owns = cs_xrealloc(t->owns, (t->n + 1) * sizeof *t->owns);
			t->login[t->n] = cs_xstrdup(cs_master_get(&m, &row, "id"));
			t->owns[t->n++] = 0;
		}
		cs_reader_close(&r);
	}
	cs_row_free(&row);
	cs_master_close(&m);
	if (k == 0 && t->n == 0)
		k = cs_fail(CS_EDATA, "--assign: no agent of team '%s' on the "
		    "roster", name);
	return k;
}

static void
team_free(struct team *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->login[i]);
	free(t->login);
	free(t->owns);
}

/* What each agent of t owns now, from customers.csv. */
static int
count_owned(const struct cs_master *m, struct team *t)
{
	struct cs_reader r;
	struct cs_row row = { 0 };
	size_t i;
	int k;

	if ((k = cs_reader_open(&r, m->path, CS_READ_STORE, 0)) < 0)
		return -1;
	while ((k = cs_reader_next(&r, &row)) > 0)
		for (i = 0; i < t->n; i++)
			if (!strcmp(cs_master_get(m, &row, "owner"), t->login[i]))
				t->owns[i]++;
	cs_reader_close(&r);
	cs_row_free(&row);
	return k;
}

/* customers.csv with the owners of want (id -> login), each in j. */
static int
reowned(struct cs_ds *ds, const struct cs_master *m, const struct cs_map *want,
    struct cs_buf *data, struct cs_buf *j)
{
	struct cs_reader r;
	struct cs_row row = { 0 };
	size_t oc = (size_t)owner_col(m);
	int k;

	if ((k = cs_reader_open(&r, m->path, CS_READ_STORE, 0)) < 0)
		return -1;
	cs_csv_record(data, &r.hdr);
	while ((k = cs_reader_next(&r, &row)) > 0) {
		const char *id = cs_row_get(&row, (size_t)m->idx[0]);
		const char *o = cs_map_get(want, id);
		if (o && *cs_row_get(&row, oc) == '\0') {
			cs_journal_line(j, ds, "assign", id, "owner", "", o);
			cs_row_set(&row, oc, o);
		}
		cs_csv_record(data, &row);
	}
	cs_reader_close(&r);
	cs_row_free(&row);
	return k;
}

int
cs_due_assign(struct cs_ds *ds, const struct cs_grade_policy *p,
    const char *team, int dry_run, struct cs_map *want, size_t *n)
{
	struct team t;
	struct cs_due_walk w;
	struct cs_due d;
	struct cs_master m;
	struct cs_buf data = { 0 }, j = { 0 };
	size_t i, best;
	int k, ret = -1, locked = 0;

	*n = 0;
	memset(&w, 0, sizeof w);
	if (team_agents(ds, team, &t) < 0)
		goto out;
	for (i = 0; i < t.n; i++)	/* work given to each: theirs to handle */
		if (cs_may_act(ds, "due --assign", "handle", t.login[i]) < 0)
			goto out;
	if (cs_master_open(&m, ds, &cs_schema_customers) < 0)
		goto out;
	if (!dry_run) {
		if (cs_lock(ds, cs_lock_wait) < 0)
			goto close;
		locked = 1;
	}
	if (count_owned(&m, &t) < 0 || cs_due_open(&w, ds, p, NULL) < 0)
		goto close;
	while ((k = cs_due_next(&w, &d)) > 0) {
		if (*cs_master_get(&w.m, &w.row, "owner"))
			continue;
		for (i = best = 0; i < t.n; i++)
			if (t.owns[i] < t.owns[best])
				best = i;
		t.owns[best]++;
		*cs_map_slot(want, d.customer, NULL) = cs_xstrdup(t.login[best]);
		(*n)++;
	}
	if (k < 0)
		goto close;
	if (dry_run || *n == 0)
		ret = 0;
	/* a customers.csv written before the column: given it first, in the
	 * same transaction (widen.c) */
	else if (owner_col(&m) < 0 && cs_master_widen(&m, NULL, NULL, NULL,
	    NULL) < 0)
		goto close;
	else if (reowned(ds, &m, want, &data, &j) == 0)
		ret = j.len ? cs_commit_rewrite(ds, m.rel, &data, &j) : 0;
	if (m.widened)
		ret = cs_txn_end(ds, ret);
close:
	cs_due_close(&w);
	if (locked)
		cs_unlock(ds);
	cs_master_close(&m);
out:
	cs_buf_free(&data);
	cs_buf_free(&j);
	team_free(&t);
	return ret;
}
