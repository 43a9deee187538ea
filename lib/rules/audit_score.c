/*
 * audit_score.c: the auditors' scores of a sample, and the report.
 *
 * A score is a number from 0 to its category's max; the critical flag is
 * empty, yes or no (是/否, y/n, true/false, 1/0 in any case, as
 * spreadsheets write them); a guard apostrophe the toolkit's spreadsheet
 * output put before a cell is taken off.  A filled sheet is checked
 * whole, every problem named by file and line, and stored only when it has none: a
 * record's scores replace the ones it had.  Each scored line is stamped
 * with the auditor (the user) and the time.
 *
 * The report takes the samples drawn in the period (their manifest's
 * "from"), and tallies each scored record, scored by the rubric
 * (rubric.c), for its agent and its team: the records, the mean with its
 * 95 % t interval, the critical fails and the weakest category (the
 * lowest mean share of its max).  A category below standard for half the
 * agents or more is a common problem; below standard for an agent in
 * another category, an individual one.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/audit.h"
#include "rules/policy.h"
#include "rules/roles.h"
#include "base/sheetval.h"

int
cs_audit_categories(const char *dir, struct cs_row *cats)
{
	struct cs_policy p;
	const char *v;
	size_t i;

	if (cs_policy_read(&p, dir, "policy/audit.csv") < 0)
		return -1;
	for (i = 0; i < p.n; i++) {
		v = cs_policy_s(&p, i, "category");
		cs_row_push(cats, v, strlen(v));
	}
	cs_policy_free(&p);
	return 0;
}

/* ---- checking and storing ---- */

const char *
cs_audit_check_score(const struct cs_rubric_cat *c, const char *v)
{
	static char why[96];
	size_t n = strspn(v, "0123456789."), dots = 0;
	const char *p;
	double x;

	if (*v == '\0')
		return "no score";
	for (p = v; p < v + n; p++)
		dots += *p == '.';
	/* a plain decimal: strtod alone would take nan, 0x5 and 5e0 */
	x = v[n] == '\0' && dots <= 1 && n > dots ? strtod(v, NULL) : -1;
	if (x < 0 || x > c->max) {
		snprintf(why, sizeof why, "not a score from 0 to %g: '%s'", c->max, v);
		return why;
	}
	return NULL;
}

int
cs_audit_check_critical(const char *v)
{
	return *v == '\0' || cs_yesno(v) >= 0;
}

int
cs_audit_score_row(const struct cs_ds *ds, const struct cs_rubric *rb,
    const char *(*get)(void *, const char *), void *ctx, const char *id,
    struct cs_row *out, struct cs_buf *problems, const char *where)
{
	const char *v, *why;
	char t[32];
	size_t i;
	int bad = 0;

	cs_row_clear(out);
	cs_row_push(out, id, strlen(id));
	for (i = 0; i < rb->n; i++) {
		v = get(ctx, rb->cats[i].name);
		if ((why = cs_audit_check_score(&rb->cats[i], v)) != NULL) {
			cs_buf_addf(problems, "%sfield '%s': %s\n", where,
			    rb->cats[i].name, why);
			bad = 1;
		}
		cs_row_push(out, v, strlen(v));
	}
	v = get(ctx, "critical");
	if (!cs_audit_check_critical(v)) {
		cs_buf_addf(problems, "%sfield 'critical': yes or no, not '%s'\n",
		    where, v);
		bad = 1;
	}
	v = cs_yesno(v) == 1 ? "yes" : "no";
	cs_row_push(out, v, strlen(v));
	v = get(ctx, "notes");
	cs_row_push(out, v, strlen(v));
	cs_row_push(out, ds->user, strlen(ds->user));
	cs_time_format(ds->now, t);
	cs_row_push(out, t, strlen(t));
	return bad ? -1 : 0;
}

/* Scoring each record of scored is the acting user's right: its agent
 * is in the sample name. */
static int
may_score(struct cs_ds *ds, const char *name, const struct cs_row *scored,
    size_t ns, const char *command)
{
	struct cs_audit_rows s;
	size_t i, k;
	int ret = 0;

	if (cs_audit_read(ds, name, &s) < 0)
		return -1;
	for (i = 0; i < ns && ret == 0; i++)
		for (k = 0; k < s.n && ret == 0; k++)
			if (!strcmp(cs_row_get(&s.v[k], CS_AUDIT_ID),
			    cs_row_get(&scored[i], 0)))
				ret = cs_may_act(ds, command, "score",
				    cs_row_get(&s.v[k], CS_AUDIT_AGENT));
	cs_audit_rows_free(&s);
	return ret;
}

int
cs_audit_scores_store(struct cs_ds *ds, const struct cs_rubric *rb,
    const char *name, const struct cs_row *scored, size_t ns,
    const char *command)
{
	struct cs_audit_rows old;
	struct cs_row h = { 0 };
	struct cs_buf data = { 0 }, j = { 0 }, line = { 0 };
	struct cs_map fresh = { 0 };
	size_t i;
	char *rel;
	int ret;

	if (may_score(ds, name, scored, ns, command) < 0 ||
	    cs_audit_scores_read(ds, rb, name, &old) < 0)
		return -1;
	cs_audit_scores_header(rb, &h);
	cs_csv_record(&data, &h);
	for (i = 0; i < ns; i++)
		*cs_map_slot(&fresh, cs_row_get(&scored[i], 0), NULL) = (void *)1;
	for (i = 0; i < old.n; i++)
		if (!cs_map_get(&fresh, cs_row_get(&old.v[i], 0)))
			cs_csv_record(&data, &old.v[i]);
	for (i = 0; i < ns; i++) {
		cs_csv_record(&data, &scored[i]);
		cs_buf_reset(&line);
		cs_csv_record(&line, &scored[i]);
		line.s[--line.len] = '\0';
		cs_journal_line(&j, ds, command, cs_row_get(&scored[i], 0), "scores",
		    "", line.s);
	}
	rel = cs_audit_rel(name, ".scores");
	ret = cs_commit_rewrite(ds, rel, &data, &j);
	free(rel);
	cs_audit_rows_free(&old);
	cs_map_free(&fresh, NULL);
	cs_row_free(&h);
	cs_buf_free(&data);
	cs_buf_free(&j);
	cs_buf_free(&line);
	return ret;
}

/* ---- a filled sheet ---- */

struct sheet {
	const struct cs_rubric *rb;
	const struct cs_map *idx;
	struct cs_reader r;
	const struct cs_row *row;
	struct cs_row *scored;	/* the scores rows */
	size_t n;
	const char *sample;	/* the sample of the first scored line */
	long firstline;
	struct cs_map seen;	/* id -> its line */
	struct cs_buf problems, where;
	size_t np;
};

static const char *
sheet_get(void *p, const char *name)
{
	struct sheet *sh = p;
	int k = cs_row_find(&sh->r.hdr, name);

	/* a guard apostrophe the spreadsheet output wrote is not data */
	return k < 0 ? "" : cs_sheet_unguard(cs_row_get(sh->row, (size_t)k));
}

/* The sheet's columns: an id, and one for each category. */
static void
check_header(struct sheet *sh)
{
	size_t i;

	if (cs_row_find(&sh->r.hdr, "id") < 0)
		cs_buf_addf(&sh->problems, "%s:1: no 'id' column\n", sh->r.name),
		    sh->np++;
	for (i = 0; i < sh->rb->n; i++)
		if (cs_row_find(&sh->r.hdr, sh->rb->cats[i].name) < 0)
			cs_buf_addf(&sh->problems, "%s:1: no '%s' column (the "
			    "rubric's)\n", sh->r.name, sh->rb->cats[i].name), sh->np++;
}

/* 1 when the line at hand has no score and no flag: not scored yet. */
static int
unscored(struct sheet *sh)
{
	size_t i;

	for (i = 0; i < sh->rb->n; i++)
		if (*sheet_get(sh, sh->rb->cats[i].name))
			return 0;
	return !*sheet_get(sh, "critical");
}

/* The line at hand, a record of the sample drawn, once. */
static void
sheet_line(struct sheet *sh, const struct cs_ds *ds)
{
	const char *id = sheet_get(sh, "id"), *s, *w;
	long line = sh->row->line;

	cs_buf_reset(&sh->where);
	cs_buf_addf(&sh->where, "%s:%ld: ", sh->r.name, line);
	w = sh->where.s;
	if (unscored(sh))
		return;
	if ((s = cs_map_get(sh->idx, id)) == NULL) {
		cs_buf_addf(&sh->problems, "%sid '%s' is not a drawn record\n", w,
		    id), sh->np++;
		return;
	}
	if (sh->sample == NULL)
		sh->sample = s, sh->firstline = line;
	else if (strcmp(s, sh->sample)) {
		cs_buf_addf(&sh->problems, "%sid '%s' is of sample %s, line %ld's "
		    "of %s\n", w, id, s, sh->firstline, sh->sample), sh->np++;
		return;
	}
	if (cs_map_get(&sh->seen, id)) {
		cs_buf_addf(&sh->problems, "%sid '%s' twice (first on line %ld)\n",
		    w, id, (long)(intptr_t)cs_map_get(&sh->seen, id)), sh->np++;
		return;
	}
	*cs_map_slot(&sh->seen, id, NULL) = (void *)(intptr_t)line;
	sh->scored = cs_xrealloc(sh->scored, (sh->n + 1) * sizeof *sh->scored);
	memset(&sh->scored[sh->n], 0, sizeof *sh->scored);
	if (cs_audit_score_row(ds, sh->rb, sheet_get, sh, id,
	    &sh->scored[sh->n++], &sh->problems, w) < 0)
		sh->np++;
}

/* Print the problems, one line each, and fail: with one, it is the
 * error; with more, a last line counts them. */
static int
report_problems(const char *file, const struct cs_buf *problems, size_t n)
{
	char *p = problems->s, *nl;

	if (n == 1) {
		p[strcspn(p, "\n")] = '\0';
		return cs_fail(CS_EDATA, "%s", p);
	}
	for (; (nl = strchr(p, '\n')) != NULL; p = nl + 1)
		cs_warn("%.*s", (int)(nl - p), p);
	return cs_fail(CS_EDATA, "%s: %zu problems; nothing was stored", file, n);
}

int
cs_audit_import(struct cs_ds *ds, const struct cs_rubric *rb,
    const struct cs_map *idx, const char *file)
{
	struct cs_row row = { 0 };
	struct sheet sh;
	size_t i;
	int k = 0, ret = -1, header_ok;

	memset(&sh, 0, sizeof sh);
	sh.rb = rb, sh.idx = idx, sh.row = &row;
	if (cs_reader_open(&sh.r, file, CS_READ_CSV, CS_READ_USER) < 0)
		return -1;
	check_header(&sh);
	header_ok = sh.np == 0;	/* a sheet without its columns: no lines read */
	while (header_ok && (k = cs_reader_next(&sh.r, &row)) > 0)
		sheet_line(&sh, ds);
	cs_reader_close(&sh.r);
	if (k < 0 && sh.np == 0)
		goto out;
	if (sh.np)
		ret = report_problems(file, &sh.problems, sh.np);
	else if (sh.n == 0)
		ret = cs_fail(CS_NO, "%s: no scored record", file);
	else
		ret = cs_audit_scores_store(ds, rb, sh.sample, sh.scored, sh.n,
		    "import");
out:
	for (i = 0; i < sh.n; i++)
		cs_row_free(&sh.scored[i]);
	free(sh.scored);
	cs_row_free(&row);
	cs_map_free(&sh.seen, NULL);
	cs_buf_free(&sh.problems);
	cs_buf_free(&sh.where);
	return ret;
}

/* ---- the tally ---- */

struct cs_audit_tally *
cs_audit_tally_of(struct cs_map *m, const char *name, size_t ncat)
{
	int isnew;
	void **slot = cs_map_slot(m, name, &isnew);
	struct cs_audit_tally *t;

	if (isnew) {
		t = cs_xmalloc(sizeof *t);
		memset(t, 0, sizeof *t);
		snprintf(t->name, sizeof t->name, "%s", name);
		t->cat = cs_xmalloc((ncat + 1) * sizeof *t->cat);
		t->below = cs_xmalloc((ncat + 1) * sizeof *t->below);
		memset(t->cat, 0, (ncat + 1) * sizeof *t->cat);
		memset(t->below, 0, (ncat + 1) * sizeof *t->below);
		*slot = t;
	}
	return *slot;
}

void
cs_audit_tally_free(void *p)
{
	struct cs_audit_tally *t = p;

	free(t->cat);
	free(t->below);
	free(t);
}

void
cs_audit_tally_add(struct cs_audit_tally *t, const struct cs_rubric *rb,
    const double *s, double score, int failed)
{
	size_t i;

	t->n++;
	t->fails += failed;
	t->sum += score;
	t->sumsq += score * score;
	for (i = 0; i < rb->n; i++) {
		t->cat[i] += s[i] / rb->cats[i].max;
		t->below[i] += s[i] < rb->cats[i].standard;
	}
}

void
cs_audit_interval(const struct cs_audit_tally *t, double *mean, double *lo,
    double *hi)
{
	double sd, half;

	*mean = t->sum / (double)t->n;
	*lo = *hi = 0;
	if (t->n < 2)
		return;
	sd = sqrt(fmax(0, (t->sumsq - t->n * *mean * *mean) /
	    (double)(t->n - 1)));
	half = cs_t_quantile(0.975, (double)(t->n - 1)) * sd / sqrt((double)t->n);
	*lo = *mean - half < 0 ? 0 : *mean - half;
	*hi = *mean + half > 100 ? 100 : *mean + half;
}

size_t
cs_audit_weakest(const struct cs_audit_tally *t, const struct cs_rubric *rb)
{
	size_t i, w = 0;

	for (i = 1; i < rb->n; i++)
		if (t->cat[i] < t->cat[w])
			w = i;
	return w;
}

int
cs_audit_below_standard(const struct cs_audit_tally *t,
    const struct cs_rubric *rb, size_t i)
{
	return t->cat[i] / (double)t->n < rb->cats[i].standard / rb->cats[i].max;
}

/* ---- the report ---- */

const char *const cs_audit_report_cols[9] = { "section", "name", "audited",
	"mean", "low", "high", "critical_fails", "weakest", "note" };

/* The scored records of sample name, each to its agent's and team's
 * tally. */
static int
tally_sample(const struct cs_ds *ds, const char *name,
    struct cs_audit_report *rep, double *s)
{
	const struct cs_rubric *rb = &rep->rb;
	struct cs_audit_rows rows, sc;
	const struct cs_row *rec;
	double score;
	size_t i, j, c;
	int failed;

	if (cs_audit_read(ds, name, &rows) < 0)
		return -1;
	if (cs_audit_scores_read(ds, rb, name, &sc) < 0) {
		cs_audit_rows_free(&rows);
		return -1;
	}
	for (j = 0; j < sc.n; j++) {
		for (rec = NULL, i = 0; i < rows.n && !rec; i++)
			if (!strcmp(cs_row_get(&rows.v[i], CS_AUDIT_ID),
			    cs_row_get(&sc.v[j], 0)))
				rec = &rows.v[i];
		if (rec == NULL)
			continue;
		for (c = 0; c < rb->n; c++)
			s[c] = atof(cs_row_get(&sc.v[j], c + 1));
		score = cs_rubric_score(rb, s, !strcmp(cs_row_get(&sc.v[j],
		    rb->n + 1), "yes"), &failed);
		cs_audit_tally_add(cs_audit_tally_of(&rep->agents,
		    cs_row_get(rec, CS_AUDIT_AGENT), rb->n), rb, s, score, failed);
		cs_audit_tally_add(cs_audit_tally_of(&rep->teams,
		    cs_row_get(rec, CS_AUDIT_TEAM), rb->n), rb, s, score, failed);
	}
	cs_audit_rows_free(&rows);
	cs_audit_rows_free(&sc);
	return 0;
}

/* 1 when sample name was drawn in p (its manifest's "from"; a sample
 * without a manifest has no period), 0 if not, -1 on an error. */
static int
drawn_in(const struct cs_ds *ds, const char *name, const struct cs_period *p)
{
	struct cs_audit_manifest m;
	cs_time from = INT64_MIN;
	int k;

	if ((k = cs_audit_manifest_load(ds, name, &m)) < 0) {
		cs_audit_manifest_free(&m);
		return -1;
	}
	if (*cs_audit_manifest_get(&m, "from"))
		cs_time_parse(cs_audit_manifest_get(&m, "from"), &from);
	cs_audit_manifest_free(&m);
	return cs_period_contains(p, from);
}

int
cs_audit_report_gather(const struct cs_ds *ds, const struct cs_period *p,
    struct cs_audit_report *rep)
{
	char **names = cs_audit_names(ds), **nm;
	double *s = NULL;
	int ret = -1, k;

	memset(rep, 0, sizeof *rep);
	if (names == NULL || cs_rubric_load(&rep->rb, ds->dir) < 0)
		goto out;
	s = cs_xmalloc((rep->rb.n + 1) * sizeof *s);
	for (nm = names; *nm; nm++) {
		if ((k = drawn_in(ds, *nm, p)) < 0)
			goto out;
		if (k && tally_sample(ds, *nm, rep, s) < 0)
			goto out;
	}
	ret = 0;
out:
	cs_strv_free(names);
	free(s);
	return ret;
}

/* The keys of m, sorted. */
static const char **
sorted_keys(const struct cs_map *m)
{
	const char **keys = cs_xmalloc((m->n + 1) * sizeof *keys);
	size_t i, j = 0;

	for (i = 0; i < m->cap; i++)
		if (m->keys[i])
			keys[j++] = m->keys[i];
	keys[j] = NULL;
	qsort(keys, j, sizeof *keys, cs_by_name);
	return keys;
}

struct emitter {
	void (*emit)(void *, const struct cs_row *);
	void *ctx;
};

/* A line of the report; the numbers only where they are given (n > 0,
 * and mean >= 0 for the scores). */
static void
report_row(const struct emitter *e, const char *section, const char *name,
    long n, const double ci[3], long fails, const char *weak, const char *note)
{
	struct cs_row r = { 0 };
	char b[5][32] = { "", "", "", "", "" };
	int i, scores = n > 0 && ci[0] >= 0;

	if (n > 0)
		snprintf(b[0], 32, "%ld", n);
	if (scores) {
		snprintf(b[1], 32, "%.1f", ci[0]);
		if (n > 1) {
			snprintf(b[2], 32, "%.1f", ci[1]);
			snprintf(b[3], 32, "%.1f", ci[2]);
		}
		snprintf(b[4], 32, "%ld", fails);
	}
	cs_row_push(&r, section, strlen(section));
	cs_row_push(&r, name, strlen(name));
	for (i = 0; i < 5; i++)
		cs_row_push(&r, b[i], strlen(b[i]));
	cs_row_push(&r, weak, strlen(weak));
	cs_row_push(&r, note, strlen(note));
	e->emit(e->ctx, &r);
	cs_row_free(&r);
}

static void
tally_rows(const struct emitter *e, const char *section,
    const struct cs_map *m, const struct cs_rubric *rb)
{
	const char **keys = sorted_keys(m), **k;
	const struct cs_audit_tally *t;
	double ci[3];

	for (k = keys; *k; k++) {
		t = cs_map_get(m, *k);
		cs_audit_interval(t, &ci[0], &ci[1], &ci[2]);
		report_row(e, section, t->name, t->n, ci, t->fails,
		    rb->cats[cs_audit_weakest(t, rb)].name, "");
	}
	free(keys);
}

void
cs_audit_report_rows(const struct cs_audit_report *rep,
    void (*emit)(void *, const struct cs_row *), void *ctx)
{
	const struct cs_rubric *rb = &rep->rb;
	const struct emitter e = { emit, ctx };
	static const double none[3] = { 0, 0, 0 }, no_scores[3] = { -1, 0, 0 };
	const char **akeys = sorted_keys(&rep->agents);
	const struct cs_audit_tally *t;
	long nagents = (long)rep->agents.n, k;
	int *common = cs_xmalloc((rb->n + 1) * sizeof *common);
	char note[96];
	size_t i, c;

	tally_rows(&e, "agent", &rep->agents, rb);
	tally_rows(&e, "team", &rep->teams, rb);
	for (c = 0; c < rb->n; c++) {
		for (k = 0, i = 0; akeys[i]; i++)
			k += cs_audit_below_standard(cs_map_get(&rep->agents,
			    akeys[i]), rb, c);
		common[c] = k > 0 && k * 2 >= nagents;
		if (common[c]) {
			snprintf(note, sizeof note, "below standard for %ld of %ld "
			    "agents", k, nagents);
			report_row(&e, "common", rb->cats[c].name, 0, none, 0, "", note);
		}
	}
	for (i = 0; akeys[i]; i++) {
		t = cs_map_get(&rep->agents, akeys[i]);
		for (c = 0; c < rb->n; c++)
			if (!common[c] && cs_audit_below_standard(t, rb, c)) {
				snprintf(note, sizeof note, "%s at %.0f%% of the top, the "
				    "standard is %.0f%%", rb->cats[c].name, 100 *
				    t->cat[c] / (double)t->n, 100 * rb->cats[c].standard /
				    rb->cats[c].max);
				report_row(&e, "individual", t->name, t->n, no_scores, 0,
				    rb->cats[c].name, note);
			}
	}
	free(common);
	free(akeys);
}

void
cs_audit_report_free(struct cs_audit_report *rep)
{
	cs_map_free(&rep->agents, cs_audit_tally_free);
	cs_map_free(&rep->teams, cs_audit_tally_free);
	cs_rubric_free(&rep->rb);
}
