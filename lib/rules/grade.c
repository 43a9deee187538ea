/*
 * grade.c: customer grades and early warnings, by policy/grades.csv.
 *
 * One pass over a year of orders, tickets, complaints and visits fills a
 * fixed record per customer (struct cs_custstats), so memory follows the
 * customers, never the orders.  From that record cs_grade_score computes
 * the grade and cs_alerts the warnings, cs_grade_explain the numbers
 * behind a grade; cs_grade_changes finds the grades the policy changes
 * and cs_grade_apply stores them.  The formulas are in cs-customer(1),
 * and test_grade.c holds them to hand-worked numbers.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/recsort.h"
#include "rules/classes.h"
#include "rules/grade.h"
#include "rules/policy.h"

#define DAY 86400

/* Where each number of policy/grades.csv goes, in the policy or in each
 * type's rules; its type and range, and the rules of the file as a
 * whole, are policy.c's. */
#define K(n, f) { n, offsetof(struct cs_grade_policy, f) }
#define R(n, f) { n, offsetof(struct cs_grade_rule, f) }
static const struct {
	const char *name;
	size_t off;
} keys[] = {
	K("weight.cooperation", w[0]), K("weight.volume", w[1]),
	K("weight.satisfaction", w[2]), K("weight.loyalty", w[3]),
	K("satisfaction.none", sat_none),
	K("satisfaction.complaint", sat_complaint),
	K("loyalty.visits", loyalty_visits),
	K("alert.recent", recent), K("alert.trailing", trailing),
	K("alert.drop", drop), K("alert.drop.min", drop_min),
	K("alert.complaints", complaints), K("alert.satisfaction", sat_drop),
	K("alert.satisfaction.min", sat_min), K("alert.idle", idle),
	K("alert.reopens", reopens),
}, tkeys[] = {
	R("threshold.A", threshold[0]), R("threshold.B", threshold[1]),
	R("cooperation.months", coop_months),
	R("volume.orders", vol[0]), R("volume.weight", vol[1]),
	R("volume.freight", vol[2]),
};
#undef K
#undef R
#define NKEYS (sizeof keys / sizeof keys[0])
#define NTKEYS (sizeof tkeys / sizeof tkeys[0])

int
cs_grade_type(const char *type)
{
	int i;

	for (i = 0; i < CS_GRADE_ANY && strcmp(cs_class_types[i], type); i++)
		;
	return i;
}

/* The value of name for type (NULL: any) as a number; -1 if the line is
 * absent or empty. */
static double
value_for(const struct cs_policy *pol, const char *name, const char *type)
{
	long k = cs_grade_row(pol, name, type);

	if (k < 0 || *cs_policy_s(pol, (size_t)k, "value") == '\0')
		return -1;
	return cs_policy_v(pol, (size_t)k, "value");
}

int
cs_grade_policy_load(struct cs_grade_policy *p, const char *dir)
{
	static const char *const visit[] = { "visit.A", "visit.B", "visit.C" };
	struct cs_policy pol;
	size_t i;
	long k;
	int t;

	memset(p, 0, sizeof *p);
	if (cs_policy_read(&pol, dir, "policy/grades.csv") < 0)
		return -1;
	for (i = 0; i < NKEYS; i++)	/* required: policy.c */
		*(double *)(void *)((char *)p + keys[i].off) =
		    value_for(&pol, keys[i].name, NULL);
	for (t = 0; t <= CS_GRADE_ANY; t++) {
		const char *type = t < CS_GRADE_ANY ? cs_class_types[t] : NULL;
		struct cs_grade_rule *r = &p->t[t];
		for (i = 0; i < NTKEYS; i++)
			*(double *)(void *)((char *)r + tkeys[i].off) =
			    value_for(&pol, tkeys[i].name, type);
		r->relative[0] = value_for(&pol, "relative.A", type);
		r->relative[1] = value_for(&pol, "relative.B", type);
		if (r->relative[0] >= 0 && r->relative[1] < 0)
			r->relative[1] = 0;
	}
	for (i = 0; i < 3; i++)
		if ((k = cs_grade_row(&pol, visit[i], NULL)) >= 0)
			snprintf(p->visit[i], sizeof p->visit[0], "%s",
			    cs_policy_s(&pol, (size_t)k, "value"));
	cs_policy_free(&pol);
	return 0;
}

static double
share(double v, double target)
{
	return v >= target ? 1 : v / target;
}

void
cs_grade_score(const struct cs_grade_policy *p, const struct cs_custstats *s,
    struct cs_grade_parts *g)
{
	const struct cs_grade_rule *r = &p->t[cs_grade_type(s->type)];
	double wsum = p->w[0] + p->w[1] + p->w[2] + p->w[3], sum;
	unsigned m;

	memset(g, 0, sizeof *g);
	g->coop = 100 * share(s->coop_months, r->coop_months);
	g->vol[0] = 100 * share((double)s->orders, r->vol[0]);
	g->vol[1] = 100 * share(s->weight, r->vol[1]);
	g->vol[2] = 100 * share(s->freight, r->vol[2]);
	g->volume = (g->vol[0] + g->vol[1] + g->vol[2]) / 3;
	g->rating = s->ratings ? 100 * ((double)s->rating_sum / s->ratings - 1) / 4 :
	    p->sat_none;
	g->sat = g->rating - p->sat_complaint * s->complaints;
	if (g->sat < 0)
		g->sat = 0;
	for (m = s->months; m; m &= m - 1)
		g->active++;
	if (g->active > 12)
		g->active = 12;
	g->loyalty = (100 - p->loyalty_visits) * g->active / 12 +
	    p->loyalty_visits * (s->visits ? (double)s->answered / s->visits :
	    g->active / 12.0);
	sum = p->w[0] * g->coop + p->w[1] * g->volume + p->w[2] * g->sat +
	    p->w[3] * g->loyalty;
	g->score = sum / wsum;
	/* a hair's tolerance: 80 computed as 79.99999999 is still 80 */
	g->grade = g->score + 1e-9 >= r->threshold[0] ? 'A' :
	    g->score + 1e-9 >= r->threshold[1] ? 'B' : 'C';
}

struct ranked {
	double score;
	size_t i;
};

static int
by_score(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	return x->score > y->score ? -1 : x->score < y->score ? 1 :
	    x->i < y->i ? -1 : x->i > y->i;
}

/* The grade of rank (the last of its ties) of n under the relative
 * rule rel: A within the top rel[0], B within the next rel[1], else C. */
static char
by_rank(const double *rel, double rank, double n)
{
	return rank <= rel[0] * n + 1e-9 ? 'A' :
	    rank <= (rel[0] + rel[1]) * n + 1e-9 ? 'B' : 'C';
}

/* Whether the policy grades some type by rank. */
static int
ranks_any(const struct cs_grade_policy *p)
{
	int t;

	for (t = 0; t <= CS_GRADE_ANY; t++)
		if (p->t[t].relative[0] >= 0)
			return 1;
	return 0;
}

void
cs_grade_rank(const struct cs_grade_policy *p, struct cs_custset *set)
{
	struct ranked *r = cs_xmalloc((set->n + 1) * sizeof *r);
	struct cs_grade_parts g;
	size_t i, j, n, k, end;
	int t;

	for (i = 0; i < set->n; i++) {
		cs_grade_score(p, &set->c[i], &g);
		set->c[i].score = g.score;
		set->c[i].want = g.grade;
		set->c[i].rank = set->c[i].of = 0;
	}
	for (t = 0; t <= CS_GRADE_ANY; t++) {
		const double *rel = p->t[t].relative;
		if (rel[0] < 0)
			continue;
		for (i = n = 0; i < set->n; i++)
			if (cs_grade_type(set->c[i].type) == t)
				r[n].score = set->c[i].score, r[n++].i = i;
		qsort(r, n, sizeof *r, by_score);
		for (k = 0; k < n; k = end) {
			/* a tie, k to end: each ranks as its last */
			for (end = k + 1; end < n &&
			    r[end].score >= r[k].score - 1e-9; end++)
				;
			for (j = k; j < end; j++) {
				struct cs_custstats *s = &set->c[r[j].i];
				s->rank = (int)end, s->of = (int)n;
				s->want = by_rank(rel, (double)end, (double)n);
			}
		}
	}
	free(r);
}

static void
add_alert(struct cs_alert *a, int *n, const char *kind, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void
add_alert(struct cs_alert *a, int *n, const char *kind, const char *fmt, ...)
{
	va_list ap;

	a[*n].kind = kind;
	va_start(ap, fmt);
	vsnprintf(a[*n].why, sizeof a[*n].why, fmt, ap);
	va_end(ap);
	(*n)++;
}

int
cs_alerts(const struct cs_grade_policy *p, const struct cs_custstats *s,
    cs_time now, struct cs_alert a[CS_ALERTS_MAX])
{
	double expect = (double)s->orders_trailing * p->recent / p->trailing;
	double cexpect = (double)s->complaints_trailing * p->recent / p->trailing;
	int n = 0;

	if (expect >= p->drop_min && s->orders_recent < (1 - p->drop) * expect)
		add_alert(a, &n, "volume", "%ld orders in %g days against %.1f "
		    "expected from the %g before: down %.0f%%", s->orders_recent,
		    p->recent, expect, p->trailing,
		    100 * (1 - s->orders_recent / expect));
	if (s->complaints_recent >= p->complaints && s->complaints_recent > cexpect)
		add_alert(a, &n, "complaints", "%d complaints in %g days against "
		    "%.1f expected from the %g before", s->complaints_recent,
		    p->recent, cexpect, p->trailing);
	if (s->rated_recent >= p->sat_min && s->rated_before >= p->sat_min) {
		double now_m = (double)s->rsum_recent / s->rated_recent;
		double was = (double)s->rsum_before / s->rated_before;
		if (was - now_m >= p->sat_drop - 1e-9)
			add_alert(a, &n, "satisfaction", "mean rating %.2f of %d in "
			    "%g days against %.2f of %d in the year before",
			    now_m, s->rated_recent, p->recent, was, s->rated_before);
	}
	if (s->last_order && now - s->last_order >= (cs_time)(p->idle * DAY)) {
		char d[16];
		cs_date_format(s->last_order, d);
		add_alert(a, &n, "idle", "no order for %lld days, since %s",
		    (long long)((now - s->last_order) / DAY), d);
	}
	if (s->reopens >= p->reopens)
		add_alert(a, &n, "reopens", "%d reopens of the tickets and "
		    "complaints of the last %g days", s->reopens,
		    p->recent + p->trailing);
	return n;
}

/* ---- one pass over the year ---- */

struct pass {
	struct cs_custset *set;
	struct cs_buf b;
	int kind;		/* 0 orders, 1 tickets, 2 complaints, 3 visits */
};

/* The number of a customer id C-NNNNNN, or -1. */
static long
id_number(const char *p, size_t n)
{
	long v = 0;
	size_t i;

	if (n < 3 || n > 11 || p[0] != 'C' || p[1] != '-')
		return -1;
	for (i = 2; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	return v;
}

/*
 * The customer of a record.  The hash map's probes are a cache miss or
 * two each (a year of orders is millions of lookups), so ids are first
 * looked up by their number in a dense array, checked against the id
 * itself (C-42 is not C-000042), and only then in the map.
 */
static struct cs_custstats *
lookup(struct pass *ps, const struct cs_slice *f)
{
	struct cs_custset *set = ps->set;
	long k = f->quoted ? -1 : id_number(f->p, f->n);

	if (k >= 0 && (size_t)k < set->nnum && set->bynum[k]) {
		struct cs_custstats *s = &set->c[set->bynum[k] - 1];
		if (strlen(s->id) == f->n && memcmp(s->id, f->p, f->n) == 0)
			return s;
	}
	return cs_custset_find(set, cs_slice_text(f, &ps->b));
}

struct cs_custstats *
cs_custset_find(const struct cs_custset *set, const char *id)
{
	const uint32_t *v = cs_idset_get(&set->idx, id);

	return v && *v ? &set->c[*v - 1] : NULL;
}

/* The month of a stored time, "2026-10-05T...", as year * 12 + month. */
static int
month_of(const struct cs_slice *f)
{
	const char *t = f->p;

	if (f->n < 7)
		return -1;
	return ((t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 +
	    (t[3] - '0')) * 12 + (t[5] - '0') * 10 + (t[6] - '0') - 1;
}

/* A figure of a customer's added to by the threads at once: relaxed
 * atomic adds (a sum of whole numbers is the same in any order). */
#define ADD(x, v)	__atomic_fetch_add(&(x), (v), __ATOMIC_RELAXED)

/* v in millionths, rounded; saturated far beyond any order's. */
static int64_t
micro(double v)
{
	if (!(v > -1e12))	/* NaN too */
		return v < 0 ? -1000000000000000000 : 0;
	return v < 1e12 ? (int64_t)llround(v * 1e6) : 1000000000000000000;
}

/* What one record adds to its customer's figures: its time, and by
 * kind (0 orders, 1 tickets, 2 complaints, 3 visits) an order's weight
 * and freight in millionths and its month of the year (0 to 31, else
 * NOMONTH), a rating of 1 to 5 (0 none), a visit answered, reopens. */
struct contrib {
	uint64_t key;		/* the customer, packed (the streamed walk's) */
	int64_t t, w, f;
	int32_t reopens;
	uint8_t kind, rating, answered, month;
};
#define NOMONTH 0xff

/*
 * The columns of each kind: customer, the time, then
 * orders: weight, freight, status; tickets: satisfaction, reopens;
 * complaints: reopens; visits: satisfaction.  A record of the year is
 * made into what it adds (0: none, a cancelled order, a time outside
 * the year or not a time).
 */
static int
contrib_of(const struct pass *ps, const struct cs_slice *f, struct cs_buf *b,
    struct contrib *c)
{
	const struct cs_custset *set = ps->set;
	int m;

	memset(c, 0, sizeof *c);
	c->kind = (uint8_t)ps->kind;
	if (f[1].p == NULL || cs_time_parse(cs_slice_text(&f[1], b), &c->t) < 0 ||
	    c->t < set->from || c->t > set->now)
		return 0;
	switch (ps->kind) {
	case 0:
		if (f[4].n == 9 && memcmp(f[4].p, "cancelled", 9) == 0)
			return 0;
		c->w = micro(strtod(cs_slice_text(&f[2], b), NULL));
		c->f = micro(strtod(cs_slice_text(&f[3], b), NULL));
		m = month_of(&f[1]) - set->month0;
		c->month = m >= 0 && m < 32 ? (uint8_t)m : NOMONTH;
		break;
	case 1:
	case 3:
		if (f[2].n == 1 && f[2].p[0] >= '1' && f[2].p[0] <= '5')
			c->rating = (uint8_t)(f[2].p[0] - '0');
		if (ps->kind == 3)
			c->answered = f[2].n > 0;
		else if (f[3].n)
			c->reopens = atoi(cs_slice_text(&f[3], b));
		break;
	case 2:
		if (f[2].n)
			c->reopens = atoi(cs_slice_text(&f[2], b));
		break;
	}
	return 1;
}

/* c added to s, by atomic adds of whole numbers (weight and freight in
 * millionths): the figures are the same in any order, whatever the
 * threads. */
static void
contrib_add(const struct cs_custset *set, struct cs_custstats *s,
    const struct contrib *c)
{
	cs_time last;
	int r = c->rating;

	switch (c->kind) {
	case 0:
		ADD(s->orders, 1);
		ADD(s->wsum, c->w);
		ADD(s->fsum, c->f);
		if (c->month != NOMONTH)
			__atomic_fetch_or(&s->months, 1u << c->month,
			    __ATOMIC_RELAXED);
		last = __atomic_load_n(&s->last_order, __ATOMIC_RELAXED);
		while (c->t > last && !__atomic_compare_exchange_n(&s->last_order,
		    &last, c->t, 1, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
			;
		if (c->t >= set->recent)
			ADD(s->orders_recent, 1);
		else if (c->t >= set->trailing)
			ADD(s->orders_trailing, 1);
		break;
	case 1:
	case 3:
		if (r) {
			ADD(s->ratings, 1), ADD(s->rating_sum, r);
			if (c->t >= set->recent)
				ADD(s->rated_recent, 1), ADD(s->rsum_recent, r);
			else
				ADD(s->rated_before, 1), ADD(s->rsum_before, r);
		}
		if (c->kind == 3) {
			ADD(s->visits, 1);
			ADD(s->answered, c->answered);
		} else if (c->t >= set->trailing)
			ADD(s->reopens, c->reopens);
		break;
	case 2:
		ADD(s->complaints, 1);
		if (c->t >= set->recent)
			ADD(s->complaints_recent, 1);
		else if (c->t >= set->trailing)
			ADD(s->complaints_trailing, 1);
		if (c->t >= set->trailing)
			ADD(s->reopens, c->reopens);
		break;
	}
}

/* A record of the year into its customer's figures, the customers
 * held (the files of a kind read across the cores). */
static int
pass_row(void *ctx, const struct cs_slice *f, long line)
{
	struct pass *ps = ctx;
	struct cs_custset *set = ps->set;
	struct cs_custstats *s;
	struct contrib c;

	(void)line;
	if (set->only && (f[0].quoted ?
	    strcmp(cs_slice_text(&f[0], &ps->b), set->only) != 0 :
	    f[0].n != strlen(set->only) || memcmp(f[0].p, set->only, f[0].n) != 0))
		return 0;	/* another customer's: not even its time read */
	if (contrib_of(ps, f, &ps->b, &c) && (s = lookup(ps, &f[0])) != NULL)
		contrib_add(set, s, &c);
	return 0;
}

/* Whole months from the date since (YYYY-MM-DD) to the local date of now. */
static int
months_between(const char *since, cs_time now)
{
	int y0, m0, d0, y, m, d, n;
	char today[16];

	if (*since == '\0' || cs_date_parse(since, &y0, &m0, &d0) < 0)
		return 0;
	cs_date_format(now, today);
	cs_date_parse(today, &y, &m, &d);
	n = (y - y0) * 12 + (m - m0) - (d < d0);
	return n < 0 ? 0 : n;
}

/* The fields of a customers.csv line that grading reads (type, grade,
 * since: f[1..3]) checked as cs check checks them: a value that is none
 * is an error with its line, not a customer graded by no type's rules. */
static int
check_used(const char *rel, const struct cs_slice *f, long line,
    struct cs_buf *b)
{
	static const char *const used[] = { "type", "grade", "since" };
	const struct cs_column *c;
	const char *v, *why;
	size_t i;

	for (i = 0; i < 3; i++) {
		c = cs_schema_col(&cs_schema_customers, used[i]);
		v = cs_slice_text(&f[i + 1], b);
		if ((why = cs_check_value(c, v)) != NULL)
			return cs_fail(CS_EDATA, "%s:%ld: field '%s': %s: '%s'",
			    rel, line, c->name, why, v);
	}
	return 0;
}

/* A customers.csv line: id, type, grade, since. */
struct custpass {
	struct cs_custset *set;
	const char *rel;
	cs_time now;
	struct cs_buf b[2];
};

/* s, zeroed, the customer id of the line f (id, type, grade, since). */
static void
customer_fill(struct cs_custstats *s, const char *id, const struct cs_slice *f,
    struct cs_buf *b, cs_time now)
{
	memset(s, 0, sizeof *s);
	snprintf(s->id, sizeof s->id, "%s", id);
	s->grade = *cs_slice_text(&f[2], b);
	snprintf(s->type, sizeof s->type, "%s", cs_slice_text(&f[1], b));
	s->coop_months = months_between(cs_slice_text(&f[3], b), now);
}

static int
customer_row(void *ctx, const struct cs_slice *f, long line)
{
	struct custpass *cp = ctx;
	struct cs_custset *set = cp->set;
	struct cs_custstats *s;
	const char *id;
	int isnew;
	uint32_t *slot;

	if (check_used(cp->rel, f, line, &cp->b[1]) < 0)
		return -1;
	id = cs_slice_text(&f[0], &cp->b[0]);
	if (set->only && strcmp(id, set->only) != 0)
		return 0;	/* read, so validated, not held */
	slot = cs_idset_put(&set->idx, id, &isnew);
	if (!isnew)
		return 0;	/* cs check reports it */
	if (set->n == set->cap) {
		set->cap = set->cap ? 2 * set->cap : 1024;
		set->c = cs_xrealloc(set->c, set->cap * sizeof *set->c);
	}
	s = &set->c[set->n++];
	*slot = (uint32_t)set->n;
	customer_fill(s, id, f, &cp->b[1], cp->now);
	return 0;
}

/* The year to set->now, into win, and the windows of set's figures. */
static int
year_of(struct cs_custset *set, struct cs_ds *ds,
    const struct cs_grade_policy *p, struct cs_period *win)
{
	char d[16];
	int y, mo, day;

	set->now = ds->now;
	if (cs_period_year_to(ds->now, win) < 0)
		return -1;
	set->from = win->from;
	cs_date_format(win->from, d);
	cs_date_parse(d, &y, &mo, &day);
	set->month0 = y * 12 + mo - 1;
	set->recent = ds->now - (cs_time)(p->recent * DAY);
	set->trailing = set->recent - (cs_time)(p->trailing * DAY);
	return 0;
}

/* The columns each kind's records are read by (contrib_of's). */
static const char *const kind_cols[4][5] = {
	{ "customer", "created_at", "weight", "freight", "status" },
	{ "customer", "opened_at", "satisfaction", "reopens" },
	{ "customer", "received_at", "reopens" },
	{ "customer", "time", "satisfaction" },
};
static const size_t kind_ncols[4] = { 5, 4, 3, 3 };

/* The files of kind's records of the year win: the orders', tickets'
 * and complaints' months, the visits' months; NULL on an error. */
static char **
kind_files(struct cs_ds *ds, int kind, const struct cs_period *win)
{
	const struct cs_schema *const dated[3] = { &cs_schema_orders,
		&cs_schema_tickets, &cs_schema_complaints };
	char **names, **f, **files, *vdir;
	size_t n = 0;

	if (kind < 3)
		return cs_dated_files(ds->dir, dated[kind], win);
	vdir = cs_ds_path(ds, "visits");
	if ((names = cs_dir_csv(vdir)) == NULL) {
		free(vdir);
		return NULL;
	}
	for (f = names; *f; f++)
		n++;
	files = cs_xmalloc((n + 1) * sizeof *files);
	for (n = 0, f = names; *f; f++) {
		struct cs_period mp;
		struct cs_buf full = { 0 };
		if (cs_period_parse("month", *f, &mp) < 0 ||
		    mp.to <= win->from || mp.from >= win->to)
			continue;
		cs_buf_addf(&full, "%s/%s.csv", vdir, *f);
		files[n++] = full.s;
	}
	files[n] = NULL;
	cs_strv_free(names);
	free(vdir);
	return files;
}

/* The year's records of every kind, a kind's files across the cores,
 * each line to fn(ctx[t], ...), where ctx[t] begins with the struct
 * pass ps[t], its kind set for each kind. */
static int
year_records(struct cs_ds *ds, const struct cs_period *win,
    struct pass *const *ps, void *const *ctx,
    int (*fn)(void *, const struct cs_slice *, long))
{
	char **files;
	size_t nfiles, nt, t;
	int kind, k = 0;

	for (kind = 0; kind < 4 && k == 0; kind++) {
		for (t = 0; t < CS_SCAN_THREADS_MAX; t++)
			ps[t]->kind = kind;
		if ((files = kind_files(ds, kind, win)) == NULL)
			return -1;
		for (nfiles = 0; files[nfiles]; nfiles++)
			;
		nt = cs_scan_threads(nfiles);
		k = cs_scan_parallel(files, nt, kind_cols[kind], kind_ncols[kind],
		    fn, ctx);
		cs_strv_free(files);
	}
	return k;
}

/* customers.csv read whole by fn, every field asked for, so that every
 * field is checked as it is read; m opened (closed by the caller).  With
 * fd, the file is opened on *fd (closed by the caller; -1 if it was not)
 * and read as far as its size then, *size: to be read again the same. */
static int
customers_whole(struct cs_ds *ds, struct cs_master *m,
    int (*fn)(void *, const struct cs_slice *, long), void *ctx,
    const char **rel, int *fd, off_t *size)
{
	static const char *const ccols[] = { "id", "type", "grade", "since" };
	const char **allcols;
	struct stat st;
	size_t nall;
	int k;

	if (fd)
		*fd = -1;
	if (cs_master_open(m, ds, &cs_schema_customers) < 0)
		return -1;
	*rel = m->rel;
	if (fd && (*fd = cs_open_regular(m->path, O_RDONLY, 0)) < 0)
		return -1;
	if (fd && fstat(*fd, &st) < 0)
		return cs_fail_errno("stat", m->path);
	allcols = cs_scan_cols_all(ccols, 4, &m->hdr, &nall);
	if (fd) {
		*size = st.st_size;
		k = cs_scan_store_fd(*fd, m->path, *size, allcols, nall, fn, ctx);
	} else
		k = cs_scan_store(m->path, allcols, nall, fn, ctx);
	free(allcols);
	return k;
}

/* Everyone, or only the customer only. */
static int
gather(struct cs_custset *set, struct cs_ds *ds,
    const struct cs_grade_policy *p, const char *only)
{
	struct pass ps[CS_SCAN_THREADS_MAX], *pp[CS_SCAN_THREADS_MAX];
	void *ctx[CS_SCAN_THREADS_MAX];
	struct custpass cp = { .set = set, .now = ds->now };
	struct cs_master m;
	struct cs_period win;
	int k, ret = -1;
	size_t i, t;

	memset(set, 0, sizeof *set);
	memset(ps, 0, sizeof ps);
	cs_idset_init(&set->idx, "C", sizeof(uint32_t));
	set->only = only;
	if (year_of(set, ds, p, &win) < 0)
		return -1;
	/* the customers */
	k = customers_whole(ds, &m, customer_row, &cp, &cp.rel, NULL, NULL);
	cs_buf_free(&cp.b[0]);
	cs_buf_free(&cp.b[1]);
	cs_master_close(&m);
	if (k < 0)
		goto out;
	if (only && set->n == 0) {
		ret = 0;
		goto out;
	}
	/* the dense index by number, for the ids that have one */
	for (i = 0; i < set->n; i++) {
		long num = id_number(set->c[i].id, strlen(set->c[i].id));
		if (num < 0 || num > 4 * (long)set->n + 1024)
			continue;	/* sparse: left to the map */
		if ((size_t)num >= set->nnum) {
			size_t nn = (size_t)num + 1 > 2 * set->nnum ? (size_t)num + 1 :
			    2 * set->nnum;
			set->bynum = cs_xrealloc(set->bynum, nn * sizeof *set->bynum);
			memset(set->bynum + set->nnum, 0, (nn - set->nnum) *
			    sizeof *set->bynum);
			set->nnum = nn;
		}
		if (set->bynum[num] == 0)
			set->bynum[num] = (uint32_t)(i + 1);
	}
	/* the year's records, a kind's files across the cores */
	for (t = 0; t < CS_SCAN_THREADS_MAX; t++)
		ps[t].set = set, pp[t] = &ps[t], ctx[t] = &ps[t];
	if (year_records(ds, &win, pp, ctx, pass_row) < 0)
		goto out;
	for (i = 0; i < set->n; i++) {
		set->c[i].weight = (double)set->c[i].wsum / 1e6;
		set->c[i].freight = (double)set->c[i].fsum / 1e6;
	}
	cs_grade_rank(p, set);
	ret = 0;
out:
	for (t = 0; t < CS_SCAN_THREADS_MAX; t++)
		cs_buf_free(&ps[t].b);
	return ret;
}

/* ---- every customer in bounded memory ---- */

/*
 * cs_custset_walk: the year's records are made into what each adds to
 * its customer (struct contrib, 40 bytes), held a few megabytes a
 * thread, sorted by customer and handed to a sort on disk (recsort.c);
 * customers.csv, checked whole first and found in id order, is then
 * read again beside the merged contributions, each customer's figures
 * made from its own, scored and given to the caller in the file's
 * order.  Under a relative rule a customer's grade needs its type's
 * scores in order: each customer's result (id, type, grades, score)
 * waits in a temporary file while the scores are sorted on disk and
 * walked for the lowest score of the A and of the B runs of ties
 * (cs_grade_rank's, from the top), then the results are given out.
 * So memory is a few buffers, never the customers.  A store that is
 * not in id order, or with an id of another shape, is graded held
 * (cs_custset_gather): it is broken (cs check says so), not large.
 */
#define SORTBUF	((size_t)4 << 20)	/* a thread's, or $CS_SORT_BYTES */

struct sortpass {
	struct pass ps;
	struct cs_recsort *rs;
	struct cs_recsort_buf buf;
};

static int
by_customer(const void *a, const void *b)
{
	const struct contrib *x = a, *y = b;

	return x->key < y->key ? -1 : x->key > y->key;
}

static int
sort_row(void *ctx, const struct cs_slice *f, long line)
{
	struct sortpass *sp = ctx;
	struct contrib c;

	(void)line;
	if (!contrib_of(&sp->ps, f, &sp->ps.b, &c) ||
	    (c.key = cs_id_pack("C", cs_slice_text(&f[0], &sp->ps.b))) == 0)
		return 0;	/* not a customer's: every customer's packs */
	return cs_recsort_put(sp->rs, &sp->buf, &c);
}

/* customers.csv checked as gather checks it, and whether its ids are
 * all packed and increasing (sorted stays 1). */
struct ordered {
	const char *rel;
	uint64_t last;
	int sorted;
	struct cs_buf b;
};

static int
order_row(void *ctx, const struct cs_slice *f, long line)
{
	struct ordered *o = ctx;
	uint64_t key;

	if (check_used(o->rel, f, line, &o->b) < 0)
		return -1;
	key = cs_id_pack("C", cs_slice_text(&f[0], &o->b));
	if (key == 0 || key <= o->last)
		o->sorted = 0;
	o->last = key;
	return 0;
}

/* A customer's result, waiting for its type's cuts. */
struct result {
	char id[16], type[16];
	double score;
	char grade, want;
};

/* A score of a type under a relative rule, to sort: by type, the
 * highest first. */
struct scored {
	double score;
	uint32_t type, pad;
};

static int
by_type_score(const void *a, const void *b)
{
	const struct scored *x = a, *y = b;

	if (x->type != y->type)
		return x->type < y->type ? -1 : 1;
	return x->score > y->score ? -1 : x->score < y->score;
}

/* One customer asked after (grade --explain): its figures as the walk
 * makes them (found), and the rank of its score among its type's: the
 * end of its run of ties, of how many. */
struct probe {
	const char *id;
	struct cs_custstats s;
	int found, type;
};

struct walk {
	struct probe *pr;	/* or NULL */
	struct cs_custset *set;	/* the year's windows only */
	const struct cs_grade_policy *p;
	struct cs_recsort *rs;	/* the contributions */
	struct contrib head;
	int has;
	uint64_t last;
	int ranked;		/* some type's grades by rank */
	FILE *res;
	struct cs_recsort *scores;
	struct cs_recsort_buf sbuf;
	long ntype[CS_GRADE_ANY + 1];
	int (*each)(void *, const struct cs_custstats *);
	void *ctx;
	struct cs_buf b[2];
};

static int
walk_next(struct walk *w)
{
	int k = cs_recsort_next(w->rs, &w->head);

	w->has = k > 0;
	return k < 0 ? -1 : 0;
}

static int
walk_row(void *ctx, const struct cs_slice *f, long line)
{
	struct walk *w = ctx;
	struct cs_custstats s;
	struct cs_grade_parts g;
	struct result r;
	const char *id = cs_slice_text(&f[0], &w->b[0]);
	uint64_t key = cs_id_pack("C", id);
	int t;

	if (key == 0 || key <= w->last)
		return cs_fail(CS_EBUSY, "customers.csv: changed while it was "
		    "read (line %ld): run again", line);	/* not by a writer */
	w->last = key;
	customer_fill(&s, id, f, &w->b[1], w->set->now);
	while (w->has && w->head.key < key)	/* no customer's */
		if (walk_next(w) < 0)
			return -1;
	while (w->has && w->head.key == key) {
		contrib_add(w->set, &s, &w->head);
		if (walk_next(w) < 0)
			return -1;
	}
	s.weight = (double)s.wsum / 1e6;
	s.freight = (double)s.fsum / 1e6;
	cs_grade_score(w->p, &s, &g);
	s.score = g.score;
	s.want = g.grade;
	t = cs_grade_type(s.type);
	if (w->pr && strcmp(id, w->pr->id) == 0) {
		w->pr->s = s;
		w->pr->found = 1;
		w->pr->type = t;
	}
	if (!w->ranked)
		return w->each(w->ctx, &s);
	if (w->p->t[t].relative[0] >= 0) {
		struct scored sc = { s.score, (uint32_t)t, 0 };
		if (cs_recsort_put(w->scores, &w->sbuf, &sc) < 0)
			return -1;
		w->ntype[t]++;
	}
	memset(&r, 0, sizeof r);
	memcpy(r.id, s.id, sizeof r.id);
	memcpy(r.type, s.type, sizeof r.type);
	r.score = s.score;
	r.grade = s.grade;
	r.want = s.want;
	if (fwrite(&r, sizeof r, 1, w->res) != 1)
		return cs_fail(CS_EIO, "%s %s: %s", "write", "a temporary file",
		    strerror(errno));
	return 0;
}

/*
 * The lowest score of the last run of ties within the top relative.A
 * (cutA) and within relative.A + relative.B (cutB) of each ranked type,
 * from its scores merged from the top: the runs of cs_grade_rank (a run
 * from its first score down to 1e-9 below it, each of its customers
 * ranking as its last), so a customer is A when its score is cutA or
 * higher, else B when cutB or higher.  None: INFINITY.
 */
static int
cuts(struct walk *w, double cut[][2])
{
	struct scored sc;
	double first = 0, low = 0;
	long pos = 0;
	int k, cur = -1, hit = 0;

	for (k = 0; k <= CS_GRADE_ANY; k++)
		cut[k][0] = cut[k][1] = INFINITY;
	if (cs_recsort_merge(w->scores) < 0)
		return -1;
	for (;;) {
		k = cs_recsort_next(w->scores, &sc);
		if (k < 0)
			return -1;
		if (cur >= 0 && (k == 0 || (int)sc.type != cur ||
		    sc.score < first - 1e-9)) {	/* a run ends at pos */
			char g = by_rank(w->p->t[cur].relative, (double)pos,
			    (double)w->ntype[cur]);
			if (g == 'A')
				cut[cur][0] = low;
			if (g <= 'B')
				cut[cur][1] = low;
			if (hit) {
				w->pr->s.rank = (int)pos;
				w->pr->s.of = (int)w->ntype[cur];
				hit = 0;
			}
		}
		if (k == 0)
			return 0;
		if ((int)sc.type != cur)
			cur = (int)sc.type, pos = 0;
		if (pos == 0 || sc.score < first - 1e-9)
			first = sc.score;
		pos++;
		low = sc.score;
		hit |= w->pr && w->pr->found && (int)sc.type == w->pr->type &&
		    sc.score == w->pr->s.score;
	}
}

/* The results in order, each given its grade by its type's cuts. */
static int
give_results(struct walk *w)
{
	double cut[CS_GRADE_ANY + 1][2];
	struct cs_custstats s;
	struct result r;
	int t, k;

	if (cs_recsort_flush(w->scores, &w->sbuf) < 0 || cuts(w, cut) < 0)
		return -1;
	if (fflush(w->res) != 0 || fseeko(w->res, 0, SEEK_SET) != 0)
		return cs_fail(CS_EIO, "%s %s: %s", "write", "a temporary file",
		    strerror(errno));
	while (fread(&r, sizeof r, 1, w->res) == 1) {
		memset(&s, 0, sizeof s);
		memcpy(s.id, r.id, sizeof s.id);
		memcpy(s.type, r.type, sizeof s.type);
		s.score = r.score;
		s.grade = r.grade;
		s.want = r.want;
		t = cs_grade_type(s.type);
		if (w->p->t[t].relative[0] >= 0)
			s.want = s.score >= cut[t][0] ? 'A' : s.score >= cut[t][1] ?
			    'B' : 'C';
		if ((k = w->each(w->ctx, &s)) != 0)
			return k;
	}
	if (ferror(w->res))
		return cs_fail(CS_EIO, "%s %s: %s", "read", "a temporary file",
		    strerror(errno));
	return 0;
}

/* The customers held, ranked, given out in order (and the probe's
 * rank found among them). */
static int
walk_held(struct cs_ds *ds, const struct cs_grade_policy *p,
    int (*each)(void *, const struct cs_custstats *), void *ctx,
    struct probe *pr)
{
	struct cs_custset set;
	const struct cs_custstats *c;
	size_t i;
	int k = 0;

	if (cs_custset_gather(&set, ds, p) < 0)
		k = -1;
	if (k == 0 && pr && (c = cs_custset_find(&set, pr->id)) != NULL) {
		pr->s = *c;	/* by its whole id (set.c's are cut at 15) */
		pr->found = 1;
	}
	for (i = 0; k == 0 && i < set.n; i++)
		k = each(ctx, &set.c[i]);
	cs_custset_free(&set);
	return k;
}

static int
walk_all(struct cs_ds *ds, const struct cs_grade_policy *p, int rank,
    int (*each)(void *, const struct cs_custstats *), void *ctx,
    struct probe *pr)
{
	static const char *const ccols[] = { "id", "type", "grade", "since" };
	const char *e = getenv("CS_SORT_BYTES");
	size_t bytes = e && atol(e) > 0 ? (size_t)atol(e) : SORTBUF;
	struct sortpass sp[CS_SCAN_THREADS_MAX];
	struct pass *pp[CS_SCAN_THREADS_MAX];
	void *sctx[CS_SCAN_THREADS_MAX];
	struct cs_custset set;
	struct ordered o = { .sorted = 1 };
	struct walk w;
	struct cs_master m;
	struct cs_period win;
	const char *step;
	char path[4096];
	off_t size = 0;
	size_t t;
	int fd, k = -1;

	memset(&set, 0, sizeof set);
	memset(&w, 0, sizeof w);
	memset(sp, 0, sizeof sp);
	if (year_of(&set, ds, p, &win) < 0)
		return -1;
	/* customers.csv whole, as gather reads it, and in order? */
	k = customers_whole(ds, &m, order_row, &o, &o.rel, &fd, &size);
	cs_buf_free(&o.b);
	if (k < 0 || !o.sorted) {
		cs_master_close(&m);
		if (fd >= 0)
			close(fd);
		return k < 0 ? -1 : walk_held(ds, p, each, ctx, pr);
	}
	/* the year's records, sorted by customer */
	w.rs = cs_recsort_new(sizeof(struct contrib), by_customer);
	for (t = 0; t < CS_SCAN_THREADS_MAX; t++) {
		sp[t].ps.set = &set;
		sp[t].rs = w.rs;
		sp[t].buf.cap = bytes / sizeof(struct contrib) + 1;
		pp[t] = &sp[t].ps;
		sctx[t] = &sp[t];
	}
	k = year_records(ds, &win, pp, sctx, sort_row);
	for (t = 0; t < CS_SCAN_THREADS_MAX; t++) {
		if (cs_recsort_flush(w.rs, &sp[t].buf) < 0 && k == 0)
			k = -1;
		cs_buf_free(&sp[t].ps.b);
	}
	/* the customers beside their contributions */
	w.pr = pr;
	w.set = &set;
	w.p = p;
	w.each = each;
	w.ctx = ctx;
	w.ranked = rank && ranks_any(p);
	if (k == 0 && w.ranked) {
		w.scores = cs_recsort_new(sizeof(struct scored), by_type_score);
		w.sbuf.cap = bytes / sizeof(struct scored) + 1;
		if ((w.res = cs_spill_open("cs-grade", path, sizeof path,
		    &step)) == NULL)
			k = cs_fail(strcmp(step, "mkstemp") ? CS_EIO :
			    CS_ECANTCREAT, "%s %s: %s", step, path,
			    strerror(errno));
	}
	if (k == 0 && (k = cs_recsort_merge(w.rs)) == 0 &&
	    (k = walk_next(&w)) == 0)
		k = cs_scan_store_fd(fd, m.path, size, ccols, 4, walk_row, &w);
	close(fd);
	cs_recsort_free(w.rs);
	w.rs = NULL;
	if (k == 0 && w.ranked)
		k = give_results(&w);
	cs_master_close(&m);
	cs_recsort_free(w.scores);
	free(w.sbuf.v);
	if (w.res)
		fclose(w.res);
	cs_buf_free(&w.b[0]);
	cs_buf_free(&w.b[1]);
	return k;
}

int
cs_custset_walk(struct cs_ds *ds, const struct cs_grade_policy *p, int rank,
    int (*each)(void *, const struct cs_custstats *), void *ctx)
{
	return walk_all(ds, p, rank, each, ctx, NULL);
}

static int
none(void *ctx, const struct cs_custstats *s)
{
	(void)ctx, (void)s;
	return 0;
}

int
cs_custset_gather(struct cs_custset *set, struct cs_ds *ds,
    const struct cs_grade_policy *p)
{
	return gather(set, ds, p, NULL);
}

int
cs_custset_figures_one(struct cs_custset *set, struct cs_ds *ds,
    const struct cs_grade_policy *p, const char *id)
{
	return gather(set, ds, p, id);
}

/*
 * One customer: where the policy ranks some type, every customer is
 * walked (cs_custset_walk, in bounded memory), the figures of this one
 * kept and its rank found among its type's scores; else only its own
 * records are counted.
 */
int
cs_custset_gather_one(struct cs_custset *set, struct cs_ds *ds,
    const struct cs_grade_policy *p, const char *id)
{
	struct probe pr;
	struct cs_period win;
	const double *rel;

	if (!ranks_any(p))
		return gather(set, ds, p, id);
	memset(set, 0, sizeof *set);
	memset(&pr, 0, sizeof pr);
	cs_idset_init(&set->idx, "C", sizeof(uint32_t));
	pr.id = id;
	if (year_of(set, ds, p, &win) < 0 ||
	    walk_all(ds, p, 1, none, NULL, &pr) != 0)
		return -1;
	if (!pr.found)
		return 0;
	set->c = cs_xmalloc(sizeof *set->c);
	set->c[0] = pr.s;
	set->n = set->cap = 1;
	*(uint32_t *)cs_idset_put(&set->idx, id, NULL) = 1;
	rel = p->t[cs_grade_type(pr.s.type)].relative;
	if (rel[0] >= 0)	/* by its rank (the walk's; held: its own) */
		set->c[0].want = by_rank(rel, (double)set->c[0].rank,
		    (double)set->c[0].of);
	return 0;
}

void
cs_custset_free(struct cs_custset *set)
{
	cs_idset_free(&set->idx);
	free(set->c);
	free(set->bynum);
	memset(set, 0, sizeof *set);
}

enum { SCORE = 1, WEIGHT = 2 };

/* The next line of an explanation, its value and full marks left to the
 * caller. */
static struct cs_grade_item *
item(struct cs_grade_item *it, size_t *n, const char *name, int has,
    double score, double weight)
{
	struct cs_grade_item *x = &it[(*n)++];

	memset(x, 0, sizeof *x);
	x->item = name;
	if (has & SCORE)
		snprintf(x->score, sizeof x->score, "%.2f", score);
	if (has & WEIGHT)
		snprintf(x->weight, sizeof x->weight, "%g", weight);
	return x;
}

void
cs_grade_explain(const struct cs_grade_policy *p, const struct cs_custstats *s,
    cs_time from, cs_time now, struct cs_grade_item it[CS_GRADE_NITEMS])
{
	const struct cs_grade_rule *r;
	struct cs_grade_parts g;
	struct cs_grade_item *x;
	char a[16], b[16];
	size_t n = 0;

	cs_grade_score(p, s, &g);
	cs_date_format(from, a);
	cs_date_format(now, b);
	x = item(it, &n, "year", 0, 0, 0);
	snprintf(x->value, sizeof x->value, "%s to %s", a, b);
	x = item(it, &n, "cooperation_months", SCORE | WEIGHT, g.coop, p->w[0]);
	snprintf(x->value, sizeof x->value, "%d", s->coop_months);
	snprintf(x->full, sizeof x->full, "%g", p->t[cs_grade_type(s->type)].coop_months);
	x = item(it, &n, "orders", SCORE, g.vol[0], 0);
	snprintf(x->value, sizeof x->value, "%ld", s->orders);
	snprintf(x->full, sizeof x->full, "%g", p->t[cs_grade_type(s->type)].vol[0]);
	x = item(it, &n, "weight", SCORE, g.vol[1], 0);
	snprintf(x->value, sizeof x->value, "%.1f", s->weight);
	snprintf(x->full, sizeof x->full, "%g", p->t[cs_grade_type(s->type)].vol[1]);
	x = item(it, &n, "freight", SCORE, g.vol[2], 0);
	snprintf(x->value, sizeof x->value, "%.2f", s->freight);
	snprintf(x->full, sizeof x->full, "%g", p->t[cs_grade_type(s->type)].vol[2]);
	item(it, &n, "volume", SCORE | WEIGHT, g.volume, p->w[1]);
	x = item(it, &n, "ratings", SCORE, g.rating, 0);
	if (s->ratings)
		snprintf(x->value, sizeof x->value, "%d, mean %.2f", s->ratings,
		    (double)s->rating_sum / s->ratings);
	else
		snprintf(x->value, sizeof x->value, "0");
	snprintf(x->full, sizeof x->full, "5");
	x = item(it, &n, "complaints", 0, 0, 0);
	snprintf(x->value, sizeof x->value, "%d", s->complaints);
	snprintf(x->full, sizeof x->full, "-%g each", p->sat_complaint);
	item(it, &n, "satisfaction", SCORE | WEIGHT, g.sat, p->w[2]);
	x = item(it, &n, "months_with_orders", 0, 0, 0);
	snprintf(x->value, sizeof x->value, "%d", g.active);
	snprintf(x->full, sizeof x->full, "12");
	x = item(it, &n, "visits_answered", 0, 0, 0);
	snprintf(x->value, sizeof x->value, "%d of %d", s->answered, s->visits);
	snprintf(x->full, sizeof x->full, "%g%% of loyalty", p->loyalty_visits);
	item(it, &n, "loyalty", SCORE | WEIGHT, g.loyalty, p->w[3]);
	item(it, &n, "score", SCORE, g.score, 0);
	x = item(it, &n, "grade", 0, 0, 0);
	r = &p->t[cs_grade_type(s->type)];
	if (r->relative[0] >= 0 && s->of) {
		snprintf(x->value, sizeof x->value, "%c, rank %d of %d",
		    s->want, s->rank, s->of);
		snprintf(x->full, sizeof x->full, "A top %g%%, B next %g%%",
		    100 * r->relative[0], 100 * r->relative[1]);
	} else {
		snprintf(x->value, sizeof x->value, "%c", g.grade);
		snprintf(x->full, sizeof x->full, "A %g, B %g", r->threshold[0],
		    r->threshold[1]);
	}
	x = item(it, &n, "grade_now", 0, 0, 0);
	snprintf(x->value, sizeof x->value, "%c", s->grade ? s->grade : '-');
}

struct cs_grade_change *
cs_grade_changes(const struct cs_grade_policy *p, struct cs_custset *set,
    size_t *n)
{
	struct cs_grade_change *ch = cs_xmalloc((set->n + 1) * sizeof *ch);
	size_t i;

	cs_grade_rank(p, set);
	*n = 0;
	for (i = 0; i < set->n; i++)
		if (set->c[i].want != set->c[i].grade) {
			ch[*n].i = i;
			ch[(*n)++].grade = set->c[i].want;
		}
	return ch;
}

/* customers.csv with the grades of want (id -> grade), in data; each
 * change in j. */
static int
regrade(struct cs_ds *ds, const struct cs_master *m, const struct cs_map *want,
    struct cs_buf *data, struct cs_buf *j)
{
	struct cs_reader r;
	struct cs_row row = { 0 };
	size_t gc = (size_t)m->idx[9];
	int k;

	if ((k = cs_reader_open(&r, m->path, CS_READ_STORE, 0)) < 0)
		return -1;
	cs_csv_record(data, &r.hdr);
	while ((k = cs_reader_next(&r, &row)) > 0) {
		const char *id = cs_row_get(&row, (size_t)m->idx[0]);
		void *g = cs_map_get(want, id);
		char now[2] = { g ? (char)(intptr_t)g : 0, 0 };
		if (g && strcmp(cs_row_get(&row, gc), now)) {
			cs_journal_line(j, ds, "grade", id, "grade",
			    cs_row_get(&row, gc), now);
			cs_row_set(&row, gc, now);
		}
		cs_csv_record(data, &row);
	}
	cs_reader_close(&r);
	cs_row_free(&row);
	return k;
}

int
cs_grade_apply(struct cs_ds *ds, const struct cs_custset *set,
    const struct cs_grade_change *ch, size_t n)
{
	struct cs_map want = { 0 };
	size_t i;
	int ret;

	for (i = 0; i < n; i++)
		*cs_map_slot(&want, set->c[ch[i].i].id, NULL) =
		    (void *)(intptr_t)ch[i].grade;
	ret = cs_grade_apply_map(ds, &want);
	cs_map_free(&want, NULL);
	return ret;
}

int
cs_grade_apply_map(struct cs_ds *ds, const struct cs_map *want)
{
	struct cs_master m;
	struct cs_buf data = { 0 }, j = { 0 };
	int ret = -1;

	if (cs_master_open(&m, ds, &cs_schema_customers) < 0)
		return -1;
	if (cs_lock(ds, cs_lock_wait) < 0)
		goto out;
	if (regrade(ds, &m, want, &data, &j) == 0)
		ret = j.len ? cs_commit_rewrite(ds, m.rel, &data, &j) : 0;
	cs_unlock(ds);
out:
	cs_master_close(&m);
	cs_buf_free(&data);
	cs_buf_free(&j);
	return ret;
}
