/*
 * verdict.c: the KPI rulebook (policy/kpi.csv), the verdict of a
 * person's measures against it, and the stored verdicts
 * (kpi/verdicts.csv) with the review of failed periods in a row.
 *
 * The rulebook decides who fails a period, so every value of it is
 * checked, whole (78 with the line and the field).  The verdict is a
 * function of the measures and the rulebook only; the review of the
 * stored verdicts of the periods before.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/kpi.h"
#include "rules/policy.h"
#include "rules/roles.h"

const char *const cs_kpi_status[4] = { "no data", "met", "missed",
	"undecided" };
const char *const cs_kpi_curves[2] = { "ratio", "linear" };

/* What the policy reader takes for each measure's target: a rate, the
 * audit score out of 100, the workload a number or a multiple of the
 * team median, else a number. */
void
cs_kpi_policy_measures(struct cs_policy_measures *m)
{
	static int kind[CS_KPI_N];
	int i;

	for (i = 0; i < CS_KPI_N; i++)
		kind[i] = cs_kpi_is_rate[i] ? 1 : i == CS_KPI_AUDIT ? 2 :
		    i == CS_KPI_WORKLOAD ? 3 : 0;
	m->names = cs_kpi_measures;
	m->kind = kind;
	m->n = CS_KPI_N;
}

/*
 * The rulebook of level from policy/kpi.csv.  Every value is checked by
 * the policy reader (policy.c: a bad one is exit 78 with its line and
 * field): the rulebook decides who fails a period, and atof made "85%"
 * a target of 85 that no one meets.
 */
int
cs_kpi_rulebook(const char *dir, const char *level,
    struct cs_kpi_rulebook *rb)
{
	struct cs_policy_measures ms;
	struct cs_policy p;
	struct cs_kpi_rule *r;
	const char *name;
	size_t i;
	int m;

	memset(rb, 0, sizeof *rb);
	rb->pass = 60, rb->excellent = 90, rb->consecutive = 2;
	cs_kpi_policy_measures(&ms);
	if (cs_policy_read_kpi(&p, dir, &ms) < 0)
		return -1;
	for (i = 0; i < p.n; i++) {
		if (strcmp(cs_policy_s(&p, i, "level"), level) != 0)
			continue;
		name = cs_policy_s(&p, i, "measure");
		if (!strcmp(name, "pass_mark"))
			rb->pass = cs_policy_v(&p, i, "target");
		else if (!strcmp(name, "excellent_mark"))
			rb->excellent = cs_policy_v(&p, i, "target");
		else if (!strcmp(name, "consecutive_fails"))
			rb->consecutive = (long)cs_policy_v(&p, i, "target");
		else {
			m = cs_kpi_measure_find(name);	/* one, by the reader */
			r = &rb->m[m];
			r->set = 1;
			r->target = cs_policy_v(&p, i, "target");
			r->weight = cs_policy_v(&p, i, "weight");
			r->max = !strcmp(cs_policy_s(&p, i, "direction"), "max");
			r->mandatory = !strcmp(cs_policy_s(&p, i, "mandatory"), "yes");
			r->min_records = (long)cs_policy_v(&p, i, "min_records");
			r->has_floor = *cs_policy_s(&p, i, "floor") != '\0';
			r->floor = cs_policy_v(&p, i, "floor");
			r->curve = !strcmp(cs_policy_s(&p, i, "curve"), "linear") ?
			    CS_KPI_LINEAR : CS_KPI_RATIO;
			r->relative = strstr(cs_policy_s(&p, i, "target"),
			    "*median") != NULL;
		}
	}
	cs_policy_free(&p);
	return 0;
}

double
cs_kpi_target(const struct cs_kpi_rule *r, const struct cs_kpi_person *p)
{
	return r->relative ? r->target * p->median : r->target;
}

double
cs_kpi_floor(const struct cs_kpi_rule *r, const struct cs_kpi_person *p)
{
	return r->relative ? r->floor * p->median : r->floor;
}

/*
 * The share of its weight a measure earns.  Without a floor and with
 * the ratio curve, as before floors: v / t short of a min target, t / v
 * past a max one.  A floor is the last value that earns anything: short
 * of it (below for min, above for max), 0.  The linear curve runs from 0
 * at the floor to 1 at the target.
 */
double
cs_kpi_credit(const struct cs_kpi_rule *r, double v, double t, double f)
{
	if (r->max ? v <= t : v >= t)
		return 1;
	if (r->has_floor && (r->max ? v > f : v < f))
		return 0;
	if (r->curve == CS_KPI_LINEAR && r->has_floor && f != t)
		return (v - f) / (t - f);	/* the same for max: both < 0 */
	if (r->max)
		return v > 0 ? t / v : 1;
	return t > 0 ? v / t : 0;
}

/* A measure against its rule: met or missed, or undecided when too few
 * records stand behind it and its interval holds the target. */
struct cs_kpi_judged
cs_kpi_judge(const struct cs_kpi_person *p, int m,
    const struct cs_kpi_rule *r)
{
	struct cs_kpi_judged j = { cs_kpi_value(p, m), CS_KPI_NODATA, 0 };
	int met, has_den = cs_kpi_is_rate[m] || m == CS_KPI_AUDIT;
	long n = has_den ? p->den[m] : p->num[CS_KPI_WORKLOAD];
	double t = cs_kpi_target(r, p);

	if (!j.v.data)
		return j;
	met = r->max ? j.v.v <= t : j.v.v >= t;
	j.status = met ? CS_KPI_MET : CS_KPI_MISSED;
	j.credit = cs_kpi_credit(r, j.v.v, t, cs_kpi_floor(r, p));
	if (has_den && n < r->min_records &&
	    j.v.lo <= t && t <= j.v.hi)
		j.status = CS_KPI_UNDECIDED;
	return j;
}

/* The outcome of a composite score, and whether a mandatory measure
 * failed the period on its own. */
const char *
cs_kpi_outcome(double score, int mandatory_missed,
    const struct cs_kpi_rulebook *rb)
{
	if (mandatory_missed || score < rb->pass)
		return "fail";
	return score >= rb->excellent ? "excellent" : "pass";
}

/*
 * The composite: the weighted mean of the measures' credits, out of 100,
 * over the measures with data.  An undecided measure is tried both ways;
 * when the outcome depends on it, there is not enough data.
 */
void
cs_kpi_verdict(const struct cs_kpi_person *p,
    const struct cs_kpi_rulebook *rb, struct cs_kpi_verdict *v)
{
	double sum[2] = { 0, 0 }, actual = 0, w = 0;
	int m, mand[2] = { 0, 0 }, undecided = 0, variant;
	const char *o[2];

	memset(v, 0, sizeof *v);
	for (m = 0; m < CS_KPI_N; m++) {
		if (!rb->m[m].set)
			continue;
		v->j[m] = cs_kpi_judge(p, m, &rb->m[m]);
		if (v->j[m].status == CS_KPI_NODATA) {
			if (rb->m[m].mandatory)
				undecided = 2;	/* a mandatory measure without data */
			continue;
		}
		w += rb->m[m].weight;
		actual += rb->m[m].weight * v->j[m].credit;
		for (variant = 0; variant < 2; variant++) {
			int met = v->j[m].status == CS_KPI_MET ||
			    (v->j[m].status == CS_KPI_UNDECIDED && variant == 0);
			double credit = v->j[m].status == CS_KPI_UNDECIDED ?
			    (met ? 1 : v->j[m].credit < 1 ? v->j[m].credit : 0.999) :
			    v->j[m].credit;
			sum[variant] += rb->m[m].weight * credit;
			if (rb->m[m].mandatory && !met)
				mand[variant] = 1;
		}
		if (v->j[m].status == CS_KPI_UNDECIDED)
			undecided = undecided ? undecided : 1;
	}
	for (variant = 0; variant < 2; variant++)
		o[variant] = cs_kpi_outcome(w > 0 ? 100 * sum[variant] / w : 0,
		    mand[variant], rb);
	v->score = w > 0 ? 100 * actual / w : 0;	/* as measured */
	if (w == 0 || undecided == 2) {
		v->outcome = "not enough data";
		snprintf(v->rule, sizeof v->rule, w == 0 ? "no measure has data" :
		    "a mandatory measure has no data");
	} else if (strcmp(o[0], o[1]) != 0) {
		v->outcome = "not enough data";
		snprintf(v->rule, sizeof v->rule, "too few records to tell %s from "
		    "%s", o[0], o[1]);
	} else {
		v->outcome = o[0];
		v->reward = !strcmp(o[0], "excellent");
		if (mand[0])
			snprintf(v->rule, sizeof v->rule, "a mandatory measure missed "
			    "its target");
		else if (!strcmp(o[0], "excellent"))
			snprintf(v->rule, sizeof v->rule, "score %.1f >= excellent "
			    "mark %g", v->score, rb->excellent);
		else if (!strcmp(o[0], "pass"))
			snprintf(v->rule, sizeof v->rule, "score %.1f >= pass mark %g",
			    v->score, rb->pass);
		else
			snprintf(v->rule, sizeof v->rule, "score %.1f < pass mark %g",
			    v->score, rb->pass);
	}
}

/* ---- stored verdicts: kpi/verdicts.csv ---- */

const char *const cs_kpi_verdict_cols[CS_KPI_VERDICT_COLS] = { "period",
	"level", "person", "team", "score", "outcome", "review", "rule" };
static const char *const stored_cols[CS_KPI_STORED_COLS] = { "period",
	"level", "person", "score", "outcome", "review", "computed_at",
	"data_digest", "rules_digest" };
#define VERDICT_HEADER "period,level,person,score,outcome,review,computed_at," \
	"data_digest,rules_digest\n"

/* The verdict stored for person at level in period, or NULL. */
static const struct cs_row *
stored(const struct cs_kpi_stored *s, const char *period, const char *level,
    const char *person)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(cs_row_get(&s->rows[i], 0), period) &&
		    !strcmp(cs_row_get(&s->rows[i], 1), level) &&
		    !strcmp(cs_row_get(&s->rows[i], 2), person))
			return &s->rows[i];
	return NULL;
}

int
cs_kpi_stored_read(struct cs_ds *ds, struct cs_kpi_stored *s)
{
	char *path = cs_ds_path(ds, "kpi/verdicts.csv");
	struct cs_reader r;
	struct cs_row row = { 0 };
	int rc, col[CS_KPI_STORED_COLS];
	size_t c;

	s->rows = NULL, s->n = 0;
	rc = cs_reader_open(&r, path, CS_READ_STORE, 0);
	free(path);
	if (rc < 0)	/* none stored yet */
		return cs_errstatus() == CS_ENOINPUT && errno == ENOENT ? 0 : -1;
	for (c = 0; c < CS_KPI_STORED_COLS; c++)
		if ((col[c] = cs_row_find(&r.hdr, stored_cols[c])) < 0 && c < 7)
			rc = cs_fail(CS_EDATA, "%s:1: no column %s", r.name,
			    stored_cols[c]);
	while (rc >= 0 && (rc = cs_reader_next(&r, &row)) > 0) {
		struct cs_row *o;
		s->rows = cs_xrealloc(s->rows, (s->n + 1) * sizeof *s->rows);
		o = &s->rows[s->n++];
		memset(o, 0, sizeof *o);
		for (c = 0; c < CS_KPI_STORED_COLS; c++) {
			const char *v = col[c] < 0 ? "" :
			    cs_row_get(&row, (size_t)col[c]);
			cs_row_push(o, v, strlen(v));
		}
		o->line = row.line;
	}
	cs_reader_close(&r);
	cs_row_free(&row);
	return rc < 0 ? -1 : 0;
}

void
cs_kpi_stored_free(struct cs_kpi_stored *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		cs_row_free(&s->rows[i]);
	free(s->rows);
	s->rows = NULL, s->n = 0;
}

/* The period before p, of the same kind (a month, quarter or year). */
static int
period_before(const struct cs_period *p, const char *kind, char *name,
    size_t n)
{
	struct cs_period q;
	char d[16], spec[32];

	cs_date_format(p->from - 86400, d);
	if (!strcmp(kind, "month"))
		snprintf(spec, sizeof spec, "%.7s", d);
	else if (!strcmp(kind, "quarter"))
		snprintf(spec, sizeof spec, "%.4s-Q%d", d,
		    (atoi(d + 5) - 1) / 3 + 1);
	else
		snprintf(spec, sizeof spec, "%.4s", d);
	if (cs_period_parse(kind, spec, &q) < 0)
		return -1;
	snprintf(name, n, "%s", q.name);
	return 0;
}

int
cs_kpi_unfinished(const struct cs_kpi *k)
{
	return k->p.to > k->ds->now;
}

void
cs_kpi_prior_free(struct cs_kpi_prior *pr)
{
	size_t i;

	for (i = 0; i < pr->n; i++)
		cs_kpi_free(&pr->k[i]);
	free(pr->k);
	free(pr->measured);
	pr->k = NULL, pr->n = 0, pr->measured = NULL;
}

/* The i-th period before k's (0: the one just before); measured when
 * measure. */
static struct cs_kpi *
prior(struct cs_kpi_prior *pr, const struct cs_kpi *k, size_t i, int measure)
{
	const char *kind = cs_kpi_level_kind(k->level);
	struct cs_kpi *q;
	char name[32];

	while (pr->n <= i) {
		pr->k = cs_xrealloc(pr->k, (pr->n + 1) * sizeof *pr->k);
		pr->measured = cs_xrealloc(pr->measured, pr->n + 1);
		pr->measured[pr->n] = 0;
		q = &pr->k[pr->n];
		memset(q, 0, sizeof *q);
		q->ds = k->ds, q->level = k->level;
		if (period_before(pr->n ? &pr->k[pr->n - 1].p : &k->p, kind, name,
		    sizeof name) < 0 || cs_period_parse(kind, name, &q->p) < 0) {
			cs_kpi_free(q);
			return NULL;
		}
		pr->n++;
	}
	if (measure && !pr->measured[i]) {
		pr->measured[i] = 1;
		if (cs_kpi_measure(&pr->k[i]) < 0)
			return NULL;
	}
	return &pr->k[i];
}

/* The outcome of person in the i-th period before k's: its stored
 * verdict unless provisional, else computed ("" while it is not over). */
static int
outcome_before(struct cs_kpi_prior *pr, const struct cs_kpi *k, size_t i,
    const char *person, const struct cs_kpi_rulebook *rb, const char **o)
{
	const struct cs_kpi_person *p;
	const struct cs_row *row;
	struct cs_kpi *q;
	struct cs_kpi_verdict v;

	if ((q = prior(pr, k, i, 0)) == NULL)
		return -1;
	row = stored(pr->s, q->p.name, k->level, person);
	if (row && strcmp(cs_row_get(row, 5), "provisional")) {
		*o = cs_row_get(row, 4);
		return 0;
	}
	*o = "";
	if (cs_kpi_unfinished(q))
		return 0;
	if (prior(pr, k, i, 1) == NULL)
		return -1;
	if ((p = cs_map_get(&q->people, person)) == NULL)
		return 0;
	cs_kpi_verdict(p, rb, &v);
	*o = v.outcome;
	return 0;
}

/*
 * A second failed period in a row (or as many as the rulebook says) is
 * flagged for a dismissal review; a provisional fail is not one.
 */
int
cs_kpi_review(struct cs_kpi_prior *pr, const struct cs_kpi *k,
    const char *person, const char *outcome,
    const struct cs_kpi_rulebook *rb)
{
	const char *o;
	long i;

	if (strcmp(outcome, "fail") != 0 || cs_kpi_unfinished(k))
		return 0;
	for (i = 1; i < rb->consecutive; i++) {
		if (outcome_before(pr, k, (size_t)i - 1, person, rb, &o) < 0)
			return -1;
		if (strcmp(o, "fail") != 0)
			return 0;
	}
	return rb->consecutive > 1;
}

/* An outcome and its review as said: "fail (dismissal review)". */
static void
said(const struct cs_row *r, char *out, size_t n)
{
	const char *rv = cs_row_get(r, 5);

	snprintf(out, n, "%s%s%s%s", cs_row_get(r, 4), strcmp(rv, "no") ?
	    " (" : "", !strcmp(rv, "yes") ? "dismissal review" : strcmp(rv,
	    "no") ? rv : "", strcmp(rv, "no") ? ")" : "");
}

int
cs_kpi_changed(const struct cs_kpi_stored *s, const struct cs_row *kept,
    char *why, size_t n)
{
	const struct cs_row *old = stored(s, cs_row_get(kept, 0),
	    cs_row_get(kept, 1), cs_row_get(kept, 2));
	char a[64], b[64];

	if (old == NULL || (!strcmp(cs_row_get(old, 4), cs_row_get(kept, 4)) &&
	    !strcmp(cs_row_get(old, 5), cs_row_get(kept, 5))))
		return 0;
	said(old, a, sizeof a);
	said(kept, b, sizeof b);
	snprintf(why, n, "%s %s: %s before, now %s", cs_row_get(kept, 0),
	    cs_row_get(kept, 2), a, b);
	return 1;
}

const char *
cs_kpi_review_said(const struct cs_kpi *k, const struct cs_kpi_verdict *v,
    int flagged)
{
	return flagged ? "dismissal review" : cs_kpi_unfinished(k) ?
	    "provisional" : v->reward ? "reward" : "";
}

void
cs_kpi_verdict_rows(const struct cs_kpi *k, const char *who,
    const struct cs_kpi_verdict *v, int flagged, const char *now,
    struct cs_row *shown, struct cs_row *kept)
{
	const struct cs_kpi_person *p = cs_map_get(&k->people, who);
	const char *review;
	char sc[16];

	snprintf(sc, sizeof sc, "%.1f", v->score);
	cs_row_clear(shown);
	cs_row_push(shown, k->p.name, strlen(k->p.name));
	cs_row_push(shown, k->level, strlen(k->level));
	cs_row_push(shown, who, strlen(who));
	cs_row_push(shown, p->team, strlen(p->team));
	cs_row_push(shown, sc, strlen(sc));
	cs_row_push(shown, v->outcome, strlen(v->outcome));
	review = cs_kpi_review_said(k, v, flagged);
	cs_row_push(shown, review, strlen(review));
	cs_row_push(shown, v->rule, strlen(v->rule));
	cs_row_clear(kept);
	cs_row_push(kept, k->p.name, strlen(k->p.name));
	cs_row_push(kept, k->level, strlen(k->level));
	cs_row_push(kept, who, strlen(who));
	cs_row_push(kept, sc, strlen(sc));
	cs_row_push(kept, v->outcome, strlen(v->outcome));
	review = flagged ? "yes" : cs_kpi_unfinished(k) ? "provisional" : "no";
	cs_row_push(kept, review, strlen(review));
	cs_row_push(kept, now, strlen(now));
	cs_row_push(kept, p->digest, strlen(p->digest));
	cs_row_push(kept, k->rules, strlen(k->rules));
}

void
cs_kpi_stored_keep(const struct cs_kpi_stored *s, const struct cs_kpi *k,
    struct cs_buf *data, struct cs_buf *j)
{
	struct cs_buf line = { 0 };
	size_t i;

	cs_buf_adds(data, VERDICT_HEADER);
	for (i = 0; i < s->n; i++) {
		const struct cs_row *r = &s->rows[i];
		if (strcmp(cs_row_get(r, 0), k->p.name) ||
		    strcmp(cs_row_get(r, 1), k->level)) {
			cs_csv_record(data, r);
			continue;
		}
		if (cs_map_get(&k->people, cs_row_get(r, 2)) != NULL)
			continue;	/* replaced by its new verdict */
		cs_buf_reset(&line);
		cs_csv_record(&line, r);
		line.s[--line.len] = '\0';
		cs_journal_line(j, k->ds, "verdict", cs_row_get(r, 2), k->p.name,
		    line.s, "");
	}
	cs_buf_free(&line);
}

/* ---- verdict --explain ---- */

const char *const cs_kpi_explain_cols[CS_KPI_EXPLAIN_COLS] = { "item",
	"numerator", "denominator", "value", "low", "high", "target", "floor",
	"curve", "weight", "mandatory", "min_records", "credit", "status" };

/* A target or floor as explain shows it: the number, and a multiple of
 * the median as such with what it comes to ("0.8*median=129.6"). */
static void
bound(char *out, const struct cs_kpi_rule *r, double x, double at)
{
	if (r->relative)
		snprintf(out, 40, "%g*median=%.1f", x, at);
	else
		snprintf(out, 40, "%g", x);
}

/* A measure's rule and how it was judged, or nothing when it has none. */
static void
rule_cells(const struct cs_kpi_rule *r, const struct cs_kpi_person *p,
    const struct cs_kpi_judged *j, char b[8][40])
{
	char t[40];
	int c;

	for (c = 0; c < 8; c++)
		b[c][0] = '\0';
	if (!r->set)
		return;
	bound(t, r, r->target, cs_kpi_target(r, p));
	snprintf(b[0], 40, "%s %.36s", r->max ? "<=" : ">=", t);
	if (r->has_floor)
		bound(b[1], r, r->floor, cs_kpi_floor(r, p));
	snprintf(b[2], 40, "%s", cs_kpi_curves[r->curve]);
	snprintf(b[3], 40, "%g", r->weight);
	snprintf(b[4], 40, "%s", r->mandatory ? "yes" : "no");
	snprintf(b[5], 40, "%ld", r->min_records);
	if (j->status != CS_KPI_NODATA)
		snprintf(b[6], 40, "%.3f", j->credit);
	snprintf(b[7], 40, "%s", cs_kpi_status[j->status]);
}

/* A row of explain: the item's name and cells; cell 2 (value) and cell
 * 12 (status) alone when b is NULL. */
static void
explain_row(struct cs_row *r, const char *item, char b[13][40],
    const char *value, const char *status)
{
	int c;

	cs_row_clear(r);
	cs_row_push(r, item, strlen(item));
	for (c = 0; c < 13; c++) {
		const char *t = b ? b[c] : c == 2 ? value : c == 12 ? status : "";
		cs_row_push(r, t, strlen(t));
	}
}

/*
 * Why: each measure's numbers (as score prints them), its rule (target,
 * floor and curve), credit and status; the composite score and outcome;
 * the rule that decided, or the review's, and the reward of an
 * excellent.
 */
void
cs_kpi_explain(const struct cs_kpi_person *p,
    const struct cs_kpi_rulebook *rb, const struct cs_kpi_verdict *v,
    int flagged, struct cs_row rows[CS_KPI_EXPLAIN_ROWS])
{
	char b[13][40], sc[16], rule[288];
	int m;

	for (m = 0; m < CS_KPI_N; m++) {
		cs_kpi_cells(p, m, 0, b);
		rule_cells(&rb->m[m], p, &v->j[m], b + 5);
		explain_row(&rows[m], cs_kpi_measures[m], b, NULL, NULL);
	}
	snprintf(sc, sizeof sc, "%.1f", v->score);
	explain_row(&rows[m++], "composite", NULL, sc, v->outcome);
	snprintf(rule, sizeof rule, "%s%s", flagged ? "dismissal review: "
	    "failed periods in a row" : v->rule, v->reward ? ": a reward "
	    "(on the rewards list once the period has ended)" : "");
	explain_row(&rows[m], "rule", NULL, "", rule);
}

int
cs_kpi_may_store(struct cs_kpi *k)
{
	const char **who = cs_kpi_people(k);
	size_t i;
	int ret = 0;

	for (i = 0; i < k->people.n && ret == 0; i++)
		ret = cs_may_act(k->ds, "verdict", "verdict", who[i]);
	free(who);
	return ret;
}
