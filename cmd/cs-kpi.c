/*
 * cs-kpi: scoring against the department's rulebook.  score works out
 * each person's measures for a period, each with its numerator,
 * denominator and 95 % interval; verdict weighs them by policy/kpi.csv
 * into an outcome, stores it, and flags a second failed period in a row.
 * The rules are in lib/rules/kpi.h; this is the verbs and their output.
 *
 * Levels: an agent monthly (the agent's records); a team leader
 * quarterly (the team's records, the leader's own among them); the
 * manager yearly (the department's).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cs.h"

struct kpi_opts {
	struct cs_kpi k;
	const char *explain;	/* --explain login */
	int partial;		/* --partial */
	int provisional;	/* --provisional */
};

/* r becomes the n fields f. */
static void
fields(struct cs_row *r, const char *const *f, size_t n)
{
	size_t i;

	cs_row_clear(r);
	for (i = 0; i < n; i++)
		cs_row_push(r, f[i], strlen(f[i]));
}

/*
 * The period: the one the options gave; else trend's twelve months to
 * the end of last month, or the level's last period (last month, quarter
 * or year).  The verbs but merge take no operands.
 */
static int
period(struct cs_cmd *c, int *given)
{
	struct cs_kpi *k = &((struct kpi_opts *)c->ctx)->k;
	struct cs_period last;
	char spec[32];

	if (c->argc && strcmp(c->verb, "merge"))
		cs_usage_error("no operands; the period is an option");
	k->ds = c->ds;
	if (cs_opts_period(c->o, &k->p, given) < 0)
		return -1;
	if (*given || !strcmp(c->verb, "merge"))
		return 0;
	if (!strcmp(c->verb, "trend"))
		return cs_period_parse(NULL, "last-month", &last) < 0 ? -1 :
		    cs_trend_year(last.to, &k->p);
	snprintf(spec, sizeof spec, "last-%s", cs_kpi_level_kind(k->level));
	return cs_period_parse(NULL, spec, &k->p);
}

/* ---- score and merge ---- */

/* Every person's measures; with partial, the sums that merge adds up. */
static int
print_scores(struct cs_kpi *k, const struct cs_opts *o, int partial)
{
	struct cs_row r = { 0 };
	struct cs_out out = { 0 };
	const char **who;
	size_t i;
	int m;

	if (partial)
		fields(&r, cs_kpi_partial_cols, CS_KPI_PARTIAL_COLS);
	else
		fields(&r, cs_kpi_score_cols, CS_KPI_SCORE_COLS);
	out.gb18030 = o->gb18030;
	cs_out_begin(&out, stdout, partial ? CS_FMT_CSV : cs_opts_fmt(o), &r);
	who = cs_kpi_people(k);
	for (i = 0; who[i]; i++)
		for (m = 0; m < CS_KPI_N; m++) {
			cs_kpi_score_row(k, who[i], cs_map_get(&k->people, who[i]),
			    m, partial, &r);
			cs_out_row(&out, &r);
		}
	free(who);
	cs_row_free(&r);
	return cs_out_end(&out) < 0 ? -1 : k->people.n ? 0 : CS_NO;
}

static int
cmd_score(struct cs_cmd *c)
{
	struct kpi_opts *x = c->ctx;
	int given;

	if (period(c, &given) < 0 || cs_kpi_measure(&x->k) < 0)
		return -1;
	return print_scores(&x->k, c->o, x->partial);
}

/*
 * Add up the partial sums of score --partial and print what one score
 * over all their records prints.  The period printed is the one given,
 * else the partials' own when they share it.
 */
static int
cmd_merge(struct cs_cmd *c)
{
	struct kpi_opts *x = c->ctx;
	int given;

	if (period(c, &given) < 0 ||
	    cs_kpi_merge(&x->k, given, c->argc, c->argv) < 0)
		return -1;
	return print_scores(&x->k, c->o, 0);
}

/* ---- verdict ---- */

static int
verdict_explain(struct cs_kpi *k, const struct cs_opts *o,
    const struct cs_kpi_rulebook *rb, struct cs_kpi_prior *pr,
    const char *who)
{
	struct cs_kpi_person *p = cs_map_get(&k->people, who);
	struct cs_row h = { 0 }, rows[CS_KPI_EXPLAIN_ROWS];
	struct cs_out out = { 0 };
	struct cs_kpi_verdict v;
	int i, flag;

	if (p == NULL)
		return cs_fail(CS_NO, "no %s called '%s' in %s", k->level, who,
		    k->p.name);
	fields(&h, cs_kpi_explain_cols, CS_KPI_EXPLAIN_COLS);
	out.gb18030 = o->gb18030;
	out.maxw = 160;
	cs_out_begin(&out, stdout, cs_opts_fmt(o), &h);
	cs_row_free(&h);
	cs_kpi_verdict(p, rb, &v);
	if ((flag = cs_kpi_review(pr, k, who, v.outcome, rb)) < 0)
		return -1;
	memset(rows, 0, sizeof rows);
	cs_kpi_explain(p, rb, &v, flag, rows);
	for (i = 0; i < CS_KPI_EXPLAIN_ROWS; i++) {
		cs_out_row(&out, &rows[i]);
		cs_row_free(&rows[i]);
	}
	return cs_out_end(&out);
}

/* Every person's verdict, stored (unless --dry-run), then printed: a
 * verdict shown is a verdict kept. */
static int
verdict_store(struct cs_kpi *k, const struct cs_opts *o,
    const struct cs_kpi_rulebook *rb, struct cs_kpi_prior *pr)
{
	const struct cs_kpi_stored *old = pr->s;
	const char **who = cs_kpi_people(k);
	struct cs_row kept = { 0 }, *shown;
	struct cs_buf data = { 0 }, j = { 0 }, line = { 0 };
	struct cs_out out = { 0 };
	struct cs_kpi_verdict v;
	size_t i, n = k->people.n;
	char t[32], why[160];
	int ret = -1, flag;

	shown = cs_xmalloc((n + 1) * sizeof *shown);
	memset(shown, 0, (n + 1) * sizeof *shown);
	cs_kpi_stored_keep(old, k, &data, &j);
	cs_time_format(k->ds->now, t);
	for (i = 0; i < n; i++) {
		cs_kpi_verdict(cs_map_get(&k->people, who[i]), rb, &v);
		if ((flag = cs_kpi_review(pr, k, who[i], v.outcome, rb)) < 0)
			goto out;
		cs_kpi_verdict_rows(k, who[i], &v, flag, t, &shown[i], &kept);
		if (cs_kpi_changed(old, &kept, why, sizeof why))
			cs_note("%s", why);	/* said, not refused */
		cs_csv_record(&data, &kept);
		cs_buf_reset(&line);
		cs_csv_record(&line, &kept);
		line.s[--line.len] = '\0';
		cs_journal_line(&j, k->ds, "verdict", who[i], k->p.name, "",
		    line.s);
	}
	if (!o->dry_run && n > 0) {
		if (cs_commit_rewrite(k->ds, "kpi/verdicts.csv", &data, &j) < 0)
			goto out;
		cs_committed("stored the %s verdicts of %s", k->level, k->p.name);
	}
	fields(&kept, cs_kpi_verdict_cols, CS_KPI_VERDICT_COLS);
	out.gb18030 = o->gb18030;
	cs_out_begin(&out, stdout, cs_opts_fmt(o), &kept);
	for (i = 0; i < n; i++)
		cs_out_row(&out, &shown[i]);
	if (cs_out_end(&out) == 0)
		ret = n == 0 ? CS_NO : 0;
out:
	for (i = 0; i < n; i++)
		cs_row_free(&shown[i]);
	free(shown);
	free(who);
	cs_row_free(&kept);
	cs_buf_free(&data);
	cs_buf_free(&j);
	cs_buf_free(&line);
	return ret;
}

static int
cmd_verdict(struct cs_cmd *c)
{
	struct kpi_opts *x = c->ctx;
	struct cs_kpi *k = &x->k;
	struct cs_kpi_rulebook rb;
	struct cs_kpi_stored old;
	struct cs_kpi_prior pr = { &old, NULL, 0, NULL };
	int ret = -1, given, locked = 0;

	if (period(c, &given) < 0)
		return -1;
	if (cs_kpi_unfinished(k) && !x->provisional && !c->o->dry_run &&
	    !x->explain)
		return cs_fail(CS_EUSAGE, "%s has not ended: its verdicts would be "
		    "provisional; --provisional stores them so", k->p.name);
	k->digest = !x->explain;
	if (cs_kpi_rulebook(k->ds->dir, k->level, &rb) < 0)
		return -1;
	k->digest_median = rb.m[CS_KPI_WORKLOAD].relative;
	if (cs_kpi_measure(k) < 0)
		return -1;
	if (!c->o->dry_run && !x->explain) {
		if (cs_kpi_may_store(k) < 0 || cs_lock(k->ds, cs_lock_wait) < 0)
			return -1;
		locked = 1;
	}
	if (cs_kpi_stored_read(k->ds, &old) == 0) {
		ret = x->explain ? verdict_explain(k, c->o, &rb, &pr, x->explain) :
		    verdict_store(k, c->o, &rb, &pr);
		cs_kpi_prior_free(&pr);
		cs_kpi_stored_free(&old);
	}
	if (locked)
		cs_unlock(k->ds);
	return ret;
}

/* ---- trend ---- */

/* A series a line: its sparkline and the last month's value. */
static void
trend_table(struct cs_out *out, const struct cs_trend *t, const char **names)
{
	struct cs_row r = { 0 };
	double v[CS_TREND_MAX];
	int data[CS_TREND_MAX], i, last = t->months - 1;
	char span[32], l[64], b[64];
	size_t n;

	snprintf(span, sizeof span, "%s..%s", t->name[0], t->name[last]);
	fields(&r, (const char *[]){ "series", span, "last" }, 3);
	out->maxw = 80;
	cs_out_begin(out, stdout, CS_FMT_TABLE, &r);
	for (n = 0; names[n]; n++) {
		struct cs_buf sp = { 0 };
		int rate = strchr(names[n], '/') != NULL;
		for (i = 0; i < t->months; i++)
			v[i] = cs_trend_value(t, names[n], i, &data[i]);
		cs_spark(&sp, v, data, t->months);
		cs_trend_label(names[n], l, sizeof l);
		snprintf(b, sizeof b, !data[last] ? "no data" : rate ? "%.1f%%" :
		    "%.0f", rate ? 100 * v[last] : v[last]);
		fields(&r, (const char *[]){ l, sp.s, b }, 3);
		cs_out_row(out, &r);
		cs_buf_free(&sp);
	}
	cs_row_free(&r);
}

/* A series a month a line, for a program to read. */
static void
trend_rows(struct cs_out *out, enum cs_fmt fmt, const struct cs_trend *t,
    const char **names)
{
	struct cs_row r = { 0 };
	char l[64], b[64];
	int i, data;
	size_t n;

	fields(&r, (const char *[]){ "month", "series", "value" }, 3);
	cs_out_begin(out, stdout, fmt, &r);
	for (n = 0; names[n]; n++)
		for (i = 0; i < t->months; i++) {
			double v = cs_trend_value(t, names[n], i, &data);
			cs_trend_label(names[n], l, sizeof l);
			snprintf(b, sizeof b, !data ? "no data" :
			    strchr(names[n], '/') ? "%.4f" : "%.0f", v);
			fields(&r, (const char *[]){ t->name[i], l, b }, 3);
			cs_out_row(out, &r);
		}
	cs_row_free(&r);
}

static int
cmd_trend(struct cs_cmd *c)
{
	struct kpi_opts *x = c->ctx;
	struct cs_out out = { 0 };
	struct cs_trend t = { 0 };
	const char **names = NULL;
	enum cs_fmt fmt = cs_opts_fmt(c->o);
	int ret = -1, given;

	if (period(c, &given) < 0)
		return -1;
	if (cs_trend_build(&t, c->ds->dir, &x->k.p) == 0) {
		names = cs_trend_names(&t);
		out.gb18030 = c->o->gb18030;
		if (fmt == CS_FMT_TABLE)
			trend_table(&out, &t, names);
		else
			trend_rows(&out, fmt, &t, names);
		ret = cs_out_end(&out);
	}
	free(names);
	cs_trend_free(&t);
	return ret;
}

/* ---- report: lib/format/report.c ---- */

static int
cmd_report(struct cs_cmd *c)
{
	struct kpi_opts *x = c->ctx;
	int given;

	if (period(c, &given) < 0)
		return -1;
	return cs_report(&x->k, c->o->excel, c->o->gb18030);
}

/* ---- options ---- */

static const struct cs_verb verbs[] = {
	{ "score", cmd_score, 0, "[-D dir] [-o format] score [period] "
	  "[--level agent|leader|manager] [--partial]" },
	{ "merge", cmd_merge, CS_NO_DATA, "[-o format] merge [period] "
	  "[--level agent|leader|manager] [file ...]" },
	{ "trend", cmd_trend, 0, "[-D dir] [-o format] trend [period]" },
	{ "report", cmd_report, 0, "[-D dir] [--encoding gb18030] "
	  "[--excel | --xlsx file] report [period] "
	  "[--level agent|leader|manager]" },
	{ "verdict", cmd_verdict, CS_WRITES, "[-D dir] [-o format] "
	  "[--wait seconds] verdict [period] [--dry-run] [--explain login] "
	  "[--level agent|leader|manager] [--provisional]" },
	{ NULL, NULL, 0, NULL },
};

static const struct option longopts[] = {
	CS_PERIOD_LONG,
	{ "dry-run", no_argument, NULL, 'n' },
	CS_EXPORT_LONG,
	{ "explain", required_argument, NULL, 'E' },
	{ "level", required_argument, NULL, 'L' },
	{ "partial", no_argument, NULL, 'P' },
	{ "provisional", no_argument, NULL, 'p' + 0x200 },
	{ NULL, 0, NULL, 0 },
};

static int
option(int c, const char *arg, struct cs_opts *o, void *ctx)
{
	struct kpi_opts *x = ctx;

	switch (c) {
	case 'E':
		x->explain = arg;
		break;
	case 'L':
		if (strcmp(arg, "agent") && strcmp(arg, "leader") &&
		    strcmp(arg, "manager"))
			cs_usage_error("--level: agent, leader or manager, not "
			    "'%s'", arg);
		x->k.level = arg;
		break;
	case 'n':
		o->dry_run = 1;
		break;
	case 'P':
		x->partial = 1;
		break;
	case 'p' + 0x200:
		x->provisional = 1;
		break;
	}
	return 0;
}

static const struct cs_prog prog = {
	"cs-kpi", verbs, "", longopts, option, NULL, NULL,
};

int
main(int argc, char **argv)
{
	struct kpi_opts x;
	int ret;

	memset(&x, 0, sizeof x);
	x.k.level = "agent";
	ret = cs_main(&prog, argc, argv, &x);
	cs_kpi_free(&x.k);
	return ret;
}
