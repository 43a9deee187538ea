/*
 * trend.c: the monthly series of the management report, from the
 * tickets and complaints of a span of months.
 *
 * A series is a count a month ("inquiries online", "complaints delay"),
 * or a rate whose name ends in '/' and that is kept as two counts, its
 * numerator and its denominator ("after-sales resolved/" over
 * "after-sales handled/"), so that a month with nothing to count has no
 * data rather than a rate of 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/group.h"
#include "rules/kpi.h"

/* the tickets' columns a trend reads */
enum { T_OPENED, T_KIND, T_CHANNEL, T_STATUS, T_SAT, T_N };
static const char *const tcols[T_N] = { "opened_at", "kind", "channel",
	"status", "satisfaction" };
static const char *const ccols[] = { "received_at", "nature" };

int
cs_trend_year(cs_time to, struct cs_period *p)
{
	struct cs_period q;
	char d[16], spec[24];

	cs_date_format(to - 86400, d);
	snprintf(spec, sizeof spec, "%04d-%.2s", atoi(d) - 1, d + 5);
	if (cs_period_parse("month", spec, &q) < 0)
		return -1;
	p->from = q.to, p->to = to;
	snprintf(p->name, sizeof p->name, "12 months");
	return 0;
}

static int
month_of(const struct cs_trend *t, cs_time when)
{
	int i;

	for (i = 0; i < t->months; i++)
		if (when >= t->start[i] && when < t->start[i + 1])
			return i;
	return -1;
}

/* Add x to series name in month i. */
static void
add(struct cs_trend *t, const char *name, int i, double x)
{
	int isnew;
	void **slot = cs_map_slot(&t->series, name, &isnew);

	if (isnew) {
		*slot = cs_xmalloc(CS_TREND_MAX * sizeof(double));
		memset(*slot, 0, CS_TREND_MAX * sizeof(double));
	}
	((double *)*slot)[i] += x;
}

static const char *
text(struct cs_trend *t, const struct cs_slice *f, int i)
{
	return cs_slice_text(&f[i], &t->text[i]);
}

static int
on_ticket(void *ctx, const struct cs_slice *f, long line)
{
	struct cs_trend *t = ctx;
	const char *st, *sat;
	char name[64];
	cs_time when;
	int i;

	(void)line;
	if (cs_time_parse(text(t, f, T_OPENED), &when) < 0 ||
	    (i = month_of(t, when)) < 0)
		return 0;
	st = text(t, f, T_STATUS);
	sat = text(t, f, T_SAT);
	if (!strcmp(text(t, f, T_KIND), "inquiry")) {
		snprintf(name, sizeof name, "inquiries %s",
		    text(t, f, T_CHANNEL));
		add(t, name, i, 1);
	} else {
		add(t, "after-sales resolved/", i, !strcmp(st, "resolved") ||
		    !strcmp(st, "closed"));
		add(t, "after-sales handled/", i, 1);
	}
	if (*sat) {
		add(t, "satisfaction rate/", i, *sat == '4' || *sat == '5');
		add(t, "satisfaction rated/", i, 1);
	}
	return 0;
}

static int
on_complaint(void *ctx, const struct cs_slice *f, long line)
{
	struct cs_trend *t = ctx;
	char name[64];
	cs_time when;
	int i;

	(void)line;
	if (cs_time_parse(text(t, f, 0), &when) < 0 ||
	    (i = month_of(t, when)) < 0)
		return 0;
	snprintf(name, sizeof name, "complaints %s", text(t, f, 1));
	add(t, name, i, 1);
	return 0;
}

/*
 * The records of store s over p (cs_kpi_files) read by the threads
 * (cs_scan_parallel), each into a trend of its own, the shares' series then added into t.  Every value
 * is a count (a whole number of at most 2^53), so the sums are exact in
 * any order, and the series are shown by name (cs_trend_names): the
 * same at any number of threads.
 */
static int
trend_scan(struct cs_trend *t, const char *dir, const struct cs_schema *s,
    const struct cs_period *p, const char *const *cols, size_t n,
    int (*fn)(void *, const struct cs_slice *, long))
{
	struct cs_trend c[CS_SCAN_THREADS_MAX];
	void *ctx[CS_SCAN_THREADS_MAX];
	char **files;
	size_t nt, k, i;
	int rc, m;

	if ((files = cs_kpi_files(dir, s, p, &nt)) == NULL)
		return -1;
	for (k = 0; k < nt; k++) {
		c[k] = *t;
		memset(&c[k].series, 0, sizeof c[k].series);
		memset(c[k].text, 0, sizeof c[k].text);
		ctx[k] = &c[k];
	}
	rc = cs_scan_parallel(files, nt, cols, n, fn, ctx);
	for (k = 0; k < nt; k++) {
		for (i = 0; i < c[k].series.cap; i++) {
			const double *v = c[k].series.vals[i];
			if (c[k].series.keys[i] == NULL)
				continue;
			for (m = 0; m < t->months; m++)
				add(t, c[k].series.keys[i], m, v[m]);
		}
		cs_trend_free(&c[k]);
	}
	cs_strv_free(files);
	return rc;
}

int
cs_trend_build(struct cs_trend *t, const char *dir, const struct cs_period *p)
{
	int i, y, m;
	char d[16];

	memset(t, 0, sizeof *t);
	t->p = *p;
	cs_date_format(p->from, d);
	y = atoi(d), m = atoi(d + 5);
	for (i = 0; i < CS_TREND_MAX; i++) {
		struct cs_period mp;
		char spec[8];
		snprintf(spec, sizeof spec, "%04d-%02d", y, m);
		cs_period_parse("month", spec, &mp);
		if (mp.from >= p->to)
			break;
		snprintf(t->name[i], sizeof t->name[i], "%s", spec);
		t->start[i] = mp.from;
		/* the last month ends where the period does (--to mid-month) */
		t->start[i + 1] = mp.to < p->to ? mp.to : p->to;
		if (++m > 12)
			m = 1, y++;
	}
	t->months = i;
	if (t->months == 0)
		return cs_fail(CS_EUSAGE, "trend: an empty period");
	if (trend_scan(t, dir, &cs_schema_tickets, p, tcols, T_N,
	    on_ticket) < 0 || trend_scan(t, dir, &cs_schema_complaints, p,
	    ccols, 2, on_complaint) < 0)
		return -1;
	return 0;
}

void
cs_trend_free(struct cs_trend *t)
{
	int i;

	cs_map_free(&t->series, free);
	for (i = 0; i < 16; i++)
		cs_buf_free(&t->text[i]);
}

double
cs_trend_value(const struct cs_trend *t, const char *name, int i, int *data)
{
	const double *v = cs_map_get(&t->series, name), *d;

	*data = 1;
	if (strchr(name, '/') == NULL)
		return v ? v[i] : 0;
	d = cs_map_get(&t->series, !strcmp(name, "after-sales resolved/") ?
	    "after-sales handled/" : "satisfaction rated/");
	if (d == NULL || d[i] == 0) {
		*data = 0;
		return 0;
	}
	return (v ? v[i] : 0) / d[i];
}

const char **
cs_trend_names(const struct cs_trend *t)
{
	const char **v = cs_xmalloc((t->series.n + 3) * sizeof *v);
	size_t i, j = 0;

	for (i = 0; i < t->series.cap; i++)
		if (t->series.keys[i] && !strchr(t->series.keys[i], '/'))
			v[j++] = t->series.keys[i];
	qsort(v, j, sizeof *v, cs_by_name);
	v[j++] = "after-sales resolved/";
	v[j++] = "satisfaction rate/";
	v[j] = NULL;
	return v;
}

void
cs_trend_label(const char *name, char *out, size_t n)
{
	if (!strcmp(name, "after-sales resolved/"))
		snprintf(out, n, "after-sales resolution rate");
	else if (!strcmp(name, "satisfaction rate/"))
		snprintf(out, n, "satisfaction rate");
	else
		snprintf(out, n, "%s", name);
}

double
cs_trend_sum(const struct cs_trend *t, const char *prefix, int i)
{
	const char **names = cs_trend_names(t);
	double sum = 0;
	size_t x;
	int data;

	for (x = 0; names[x]; x++)
		if (!strncmp(names[x], prefix, strlen(prefix)))
			sum += cs_trend_value(t, names[x], i, &data);
	free(names);
	return sum;
}

int
cs_trend_causes(const struct cs_trend *t, cs_time from, char **names,
    double *v)
{
	const char **all = cs_trend_names(t);
	int i, j, n = 0, data;
	size_t x;

	for (x = 0; all[x]; x++) {
		if (strncmp(all[x], "complaints ", 11))
			continue;
		names[n] = cs_xstrdup(all[x] + 11);
		v[n] = 0;
		for (i = 0; i < t->months; i++)
			if (t->start[i] >= from)
				v[n] += cs_trend_value(t, all[x], i, &data);
		n++;
	}
	free(all);
	for (i = 1; i < n; i++)	/* Pareto order, ties as they were */
		for (j = i; j > 0 && v[j - 1] < v[j]; j--) {
			double tv = v[j];
			char *tn = names[j];
			v[j] = v[j - 1], names[j] = names[j - 1];
			v[j - 1] = tv, names[j - 1] = tn;
		}
	return n;
}

/* ---- the report's tables: complaint causes and after-sales ---- */

void
cs_trend_before(const struct cs_period *p, struct cs_period *before)
{
	char d[16], spec[24];
	int y, m;

	cs_date_format(p->from, d);
	y = atoi(d), m = atoi(d + 5);
	if (m == 1)
		y--, m = 12;
	else
		m--;
	snprintf(spec, sizeof spec, "%04d-%02d", y, m);
	if (strlen(p->name) == 7 && p->name[4] == '-' &&
	    cs_period_parse("month", spec, before) == 0)
		return;
	before->to = p->from;
	before->from = p->from - (p->to - p->from);
	snprintf(before->name, sizeof before->name, "before");
}

struct causes {
	const struct cs_period *p, *before;
	struct cs_groups *now, *prev;
	struct cs_buf text[3];
};

static int
on_cause(void *ctx, const struct cs_slice *f, long line)
{
	struct causes *c = ctx;
	struct cs_groups *gs = NULL;
	struct cs_buf key = { 0 };
	cs_time when;

	(void)line;
	if (cs_time_parse(cs_slice_text(&f[0], &c->text[0]), &when) < 0)
		return 0;
	if (cs_period_contains(c->p, when))
		gs = c->now;
	else if (cs_period_contains(c->before, when))
		gs = c->prev;
	if (gs == NULL)
		return 0;
	cs_buf_addf(&key, "%s" CS_CAUSE_SEP "%s", cs_slice_text(&f[1],
	    &c->text[1]), cs_slice_text(&f[2], &c->text[2]));
	cs_group_of(gs, key.s)->n++;
	cs_buf_free(&key);
	return 0;
}

int
cs_trend_causes_of(const char *dir, const struct cs_period *p,
    struct cs_groups *now, struct cs_groups *before)
{
	static const char *const cols[] = { "received_at", "nature",
		"department" };
	struct cs_period b, span;
	struct causes c = { p, &b, now, before, { { 0 } } };
	int i, ret;

	memset(now, 0, sizeof *now);
	memset(before, 0, sizeof *before);
	cs_trend_before(p, &b);
	span.from = b.from < p->from ? b.from : p->from;
	span.to = p->to;
	snprintf(span.name, sizeof span.name, "%s", p->name);
	ret = cs_kpi_scan(dir, &cs_schema_complaints, &span, cols, 3, on_cause,
	    &c);
	for (i = 0; i < 3; i++)
		cs_buf_free(&c.text[i]);
	return ret;
}

const char *const cs_trend_aftersales_kinds[CS_AFTERSALES_N] = { "return",
	"exchange", "repair", "all" };

#define KINDS (CS_AFTERSALES_N - 1)	/* all of them is the last */

/* A share's after-sales tickets: by kind, opened and resolved, and the
 * hours each resolved one took (once, by kind: all of them is the kinds'
 * together). */
struct aftersales {
	const struct cs_period *p;
	long n[KINDS], done[KINDS];
	double *v[KINDS];
	size_t nv[KINDS], cap[KINDS];
	struct cs_buf text[4];
};

static int
on_aftersales(void *ctx, const struct cs_slice *f, long line)
{
	struct aftersales *a = ctx;
	const char *kind, *st;
	cs_time opened, resolved;
	int i, done;

	(void)line;
	if (cs_time_parse(cs_slice_text(&f[0], &a->text[0]), &opened) < 0 ||
	    !cs_period_contains(a->p, opened))
		return 0;
	kind = cs_slice_text(&f[1], &a->text[1]);
	for (i = 0; i < KINDS; i++)
		if (!strcmp(kind, cs_trend_aftersales_kinds[i]))
			break;
	if (i == KINDS)
		return 0;	/* an inquiry */
	st = cs_slice_text(&f[2], &a->text[2]);
	done = !strcmp(st, "resolved") || !strcmp(st, "closed");
	a->n[i]++;
	a->done[i] += done;
	if (done && cs_time_parse(cs_slice_text(&f[3], &a->text[3]),
	    &resolved) == 0 && resolved >= opened) {
		if (a->nv[i] == a->cap[i]) {
			a->cap[i] = a->cap[i] ? a->cap[i] * 2 : 1024;
			a->v[i] = cs_xrealloc(a->v[i], a->cap[i] * sizeof *a->v[i]);
		}
		a->v[i][a->nv[i]++] = (double)(resolved - opened) / 3600;
	}
	return 0;
}

/*
 * The after-sales tickets of p read by the threads, each share into
 * counts and hours of its own; then each kind's hours joined (the next
 * share's after the one before's, each freed once copied) and sorted,
 * and the median of all of them taken from the kinds' sorted hours
 * together: each resolution time held once, 8 bytes.
 */
int
cs_trend_aftersales(const char *dir, const struct cs_period *p,
    struct cs_aftersales g[CS_AFTERSALES_N])
{
	static const char *const cols[] = { "opened_at", "kind", "status",
		"resolved_at" };
	struct aftersales a[CS_SCAN_THREADS_MAX];
	void *ctx[CS_SCAN_THREADS_MAX];
	double *v[KINDS];
	size_t nv[KINDS];
	char **files;
	size_t nt, k, at;
	int i, ret;

	memset(g, 0, CS_AFTERSALES_N * sizeof *g);
	for (i = 0; i < CS_AFTERSALES_N; i++)
		g[i].name = cs_trend_aftersales_kinds[i];
	if ((files = cs_kpi_files(dir, &cs_schema_tickets, p, &nt)) == NULL)
		return -1;
	memset(a, 0, sizeof a);
	for (k = 0; k < nt; k++) {
		a[k].p = p;
		ctx[k] = &a[k];
	}
	ret = cs_scan_parallel(files, nt, cols, 4, on_aftersales, ctx);
	for (i = 0; i < KINDS; i++) {
		for (nv[i] = 0, k = 0; k < nt; k++) {
			g[i].n += a[k].n[i];
			g[i].done += a[k].done[i];
			nv[i] += a[k].nv[i];
		}
		v[i] = cs_xrealloc(a[0].v[i], (nv[i] + 1) * sizeof *v[i]);
		for (at = a[0].nv[i], k = 1; k < nt; k++) {
			if (a[k].nv[i])
				memcpy(v[i] + at, a[k].v[i], a[k].nv[i] * sizeof *v[i]);
			at += a[k].nv[i];
			free(a[k].v[i]);
		}
		g[KINDS].n += g[i].n;
		g[KINDS].done += g[i].done;
	}
	for (k = 0; k < nt; k++)
		for (i = 0; i < 4; i++)
			cs_buf_free(&a[k].text[i]);
	for (i = 0; i < KINDS; i++) {
		g[i].timed = nv[i];
		g[i].median = cs_median_of(&v[i], &nv[i], 1, 1);
		g[KINDS].timed += nv[i];
	}
	/* the kinds are sorted now */
	g[KINDS].median = cs_median_of(v, nv, KINDS, 0);
	for (i = 0; i < KINDS; i++)
		free(v[i]);
	cs_strv_free(files);
	return ret;
}

