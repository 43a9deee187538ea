/*
 * grading.c: what cs-customer lists of its customers as a whole: the
 * customers due for a return visit (customers.csv across the cores,
 * cli/list.c, each made into due's columns), the grades the policy
 * changes and the alerts (every customer walked in bounded memory,
 * rules/grade.c's cs_custset_walk), and the output helpers they share
 * with the program.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "rules/grade.h"
#include "rules/visits.h"

void
cs_out_cols(struct cs_out *out, const struct cs_opts *o, const char *cols)
{
	struct cs_row h = { 0 };

	cs_row_cols(&h, cols);
	out->gb18030 = o->gb18030;
	cs_out_begin(out, stdout, cs_opts_fmt(o), &h);
	cs_row_free(&h);
}

void
cs_out_put(struct cs_out *out, int n, ...)
{
	struct cs_row r = { 0 };
	const char *s;
	va_list ap;

	va_start(ap, n);
	while (n-- > 0) {
		s = va_arg(ap, const char *);
		cs_row_push(&r, s, strlen(s));
	}
	va_end(ap);
	cs_out_row(out, &r);
	cs_row_free(&r);
}

/* ---- due ---- */

/* A customer due, as due shows it: agent (given by --assign, else
 * cs_due's), customer, grade, last_visit, due, planned. */
struct due_list {
	const struct cs_due_walk *w;
	const struct cs_map *given;
};

static int
due_shape(void *ctx, const struct cs_master *m, const struct cs_row *r,
    struct cs_row *out)
{
	const struct due_list *dl = ctx;
	struct cs_due d;
	const char *to;
	char last[16] = "", due[16], g[2] = "";
	int k;

	if ((k = cs_due_row(dl->w, m, r, &d)) <= 0)
		return k;
	if (d.last)
		cs_date_format(d.last->t, last);
	cs_date_format(d.due, due);
	g[0] = d.grade;
	if ((to = cs_map_get(dl->given, d.customer)) == NULL)
		to = d.agent;
	cs_row_push(out, to, strlen(to));
	cs_row_push(out, d.customer, strlen(d.customer));
	cs_row_push(out, g, strlen(g));
	cs_row_push(out, last, strlen(last));
	cs_row_push(out, due, strlen(due));
	cs_row_push(out, d.planned, strlen(d.planned));
	return 1;
}

int
cs_customers_due(struct cs_ds *ds, const struct cs_opts *o,
    const struct cs_grade_policy *p, const char *agent,
    const struct cs_map *given)
{
	struct cs_due_walk w;
	struct due_list dl = { &w, given };
	struct cs_listing l = { .s = &cs_schema_customers,
		.columns = "agent,customer,grade,last_visit,due,planned",
		.shape = due_shape, .ctx = &dl };
	int ret = -1;

	if (cs_due_load(&w, ds, p, agent) == 0)
		ret = cs_list_master(o, &l, &w.m);
	cs_due_close(&w);
	return ret;
}

/* ---- grade ---- */

/* A customer graded: listed (with --all, or when the policy's grade is
 * another), straight out on a dry run; else its change noted and its
 * line kept in rows, to list once the changes are made. */
/* A line kept to list after the changes: as cs_custstats has them. */
struct kept {
	char id[16], type[16], score[32];
	char old, new;
};

struct grading {
	struct cs_out *out;
	const struct cs_opts *o;	/* out begun at the first line */
	FILE *rows;
	struct cs_map want;	/* id -> the policy's grade, where another */
	size_t n;
	int all, dry;
};

static void
grade_begin(struct grading *g)
{
	if (g->o) {
		cs_out_cols(g->out, g->o, "id,type,score,old,new");
		g->o = NULL;
	}
}

static int
grade_each(void *ctx, const struct cs_custstats *s)
{
	struct grading *g = ctx;
	struct kept k;
	char score[32], old[2] = "", new[2] = "";

	if (s->want != s->grade) {
		g->n++;
		if (!g->dry)
			*cs_map_slot(&g->want, s->id, NULL) =
			    (void *)(intptr_t)s->want;
	} else if (!g->all)
		return 0;
	snprintf(score, sizeof score, "%.2f", s->score);
	old[0] = s->grade, new[0] = s->want;
	if (g->rows == NULL) {
		grade_begin(g);
		cs_out_put(g->out, 5, s->id, s->type, score, old, new);
		return 0;
	}
	memset(&k, 0, sizeof k);
	memcpy(k.id, s->id, sizeof k.id);
	memcpy(k.type, s->type, sizeof k.type);
	memcpy(k.score, score, sizeof k.score);
	k.old = s->grade, k.new = s->want;
	if (fwrite(&k, sizeof k, 1, g->rows) != 1)
		return cs_fail(CS_EIO, "%s %s: %s", "write", "a temporary file",
		    strerror(errno));
	return 0;
}

/* The lines kept in g->rows, out. */
static int
grade_rows(struct grading *g)
{
	struct kept k;
	char old[2] = "", new[2] = "";

	if (fseeko(g->rows, 0, SEEK_SET) != 0)
		return cs_fail(CS_EIO, "%s %s: %s", "read", "a temporary file",
		    strerror(errno));
	while (fread(&k, sizeof k, 1, g->rows) == 1) {
		old[0] = k.old, new[0] = k.new;
		cs_out_put(g->out, 5, k.id, k.type, k.score, old, new);
	}
	if (ferror(g->rows))
		return cs_fail(CS_EIO, "%s %s: %s", "read", "a temporary file",
		    strerror(errno));
	return 0;
}

int
cs_customers_grade(struct cs_ds *ds, const struct cs_opts *o,
    const struct cs_grade_policy *p, int all)
{
	struct cs_out out = { 0 };
	struct grading g = { .out = &out, .o = o, .all = all,
		.dry = o->dry_run };
	char path[4096];
	const char *step;
	int ret = -1;

	if (!g.dry && (g.rows = cs_spill_open("cs-grade", path, sizeof path,
	    &step)) == NULL)
		return cs_fail(strcmp(step, "mkstemp") ? CS_EIO : CS_ECANTCREAT,
		    "%s %s: %s", step, path, strerror(errno));
	if (cs_custset_walk(ds, p, 1, grade_each, &g) != 0)
		goto out;
	/* the lines kept whole before anything is changed */
	if (g.rows && fflush(g.rows) != 0) {
		cs_fail(CS_EIO, "%s %s: %s", "write", "a temporary file",
		    strerror(errno));
		goto out;
	}
	/* stored, then listed: what is printed is made */
	if (!g.dry && g.n > 0) {
		if (cs_grade_apply_map(ds, &g.want) < 0)
			goto out;
		cs_committed("stored %zu grade changes", g.n);
	}
	grade_begin(&g);
	if (g.rows && grade_rows(&g) < 0)
		goto out;
	ret = cs_out_end(&out);
	out.fp = NULL;	/* ended */
out:
	if (out.fp && g.o == NULL)	/* begun, not ended */
		cs_out_discard(&out);
	if (g.rows)
		fclose(g.rows);
	cs_map_free(&g.want, NULL);
	return ret;
}

/* ---- alerts ---- */

struct alerting {
	const char *type, *grade;
	const struct cs_opts *o;	/* out begun at the first customer */
	const struct cs_grade_policy *p;
	struct cs_ds *ds;
	struct cs_map states;
	struct cs_out out;
	size_t count;
};

static void
alerts_begin(struct alerting *al)
{
	if (al->o) {
		al->out.maxw = 100;	/* the detail whole on a terminal */
		cs_out_cols(&al->out, al->o, "customer,type,grade,alert,detail,state,note");
		al->o = NULL;
	}
}

/* Customer s's alerts, a line each. */
static int
alerts_each(void *ctx, const struct cs_custstats *s)
{
	struct alerting *al = ctx;
	struct cs_alert v[CS_ALERTS_MAX];
	char g[2] = "";
	int k, j;

	alerts_begin(al);
	if ((al->type && strcmp(s->type, al->type)) ||
	    (al->grade && (s->grade != al->grade[0] || al->grade[1])))
		return 0;
	k = cs_alerts(al->p, s, al->ds->now, v);
	g[0] = s->grade;
	for (j = 0; j < k; j++, al->count++) {
		const struct cs_alert_state *st = cs_alert_state(&al->states,
		    s->id, v[j].kind);
		cs_out_put(&al->out, 7, s->id, s->type, g, v[j].kind, v[j].why,
		    st->state, st->note);
	}
	return 0;
}

int
cs_customers_alerts(struct cs_ds *ds, const struct cs_opts *o,
    const struct cs_grade_policy *p, const char *type, const char *grade)
{
	struct alerting al = { .type = type, .grade = grade, .o = o, .p = p,
		.ds = ds };
	int ret = -1;

	if (cs_alert_states_load(ds, &al.states) < 0)
		goto out;
	if (cs_custset_walk(ds, p, 0, alerts_each, &al) != 0) {
		if (al.o == NULL)
			cs_out_discard(&al.out);
	} else {
		alerts_begin(&al);
		if (cs_out_end(&al.out) == 0)
			ret = al.count ? 0 : CS_NO;
	}
out:
	cs_map_free(&al.states, free);
	return ret;
}
