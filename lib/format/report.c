/*
 * report.c: cs-kpi report, the monthly management report (report.h): the
 * inquiry volume, the scores against the pass mark, the complaint causes
 * and the verdicts, as one self-contained HTML page, as CSV for a
 * spreadsheet (--excel) or as sheets and charts of an .xlsx workbook.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format/html.h"
#include "format/report.h"
#include "format/xlsx.h"
#include "rules/audit.h"
#include "store/values.h"

/* r becomes the n fields f. */
static void
fields(struct cs_row *r, const char *const *f, size_t n)
{
	size_t i;

	cs_row_clear(r);
	for (i = 0; i < n; i++)
		cs_row_push(r, f[i], strlen(f[i]));
}

static const char report_style[] = "body{margin:2em;}"	/* fonts: html.h */
	"svg text{font-size:12px;}table{border-collapse:collapse;}"
	"td,th{border:1px solid #ccc;padding:2px 8px;text-align:left;}"
	".fail{color:#c00;}tr.partial td:first-child{font-style:italic;}"
	"tr.all td,tr.common td{font-weight:bold;}";

struct report {
	FILE *fp;		/* the HTML; /dev/null for --excel */
	struct cs_out *xl;	/* --excel: the same tables; else NULL */
	struct cs_xlsx *xw;	/* --xlsx: a sheet a table, charts; else NULL */
	struct cs_kpi *k;
	struct cs_kpi_rulebook rb;
	const char **who;
	struct cs_row hdr;	/* the current table's columns */
	struct cs_row shown;	/* a row of it as shown (cs_report_shown) */
};

/* --excel: every table in one sheet of these columns, a row a line of
 * a table, the table named first; a column a table has not is empty. */
enum { X_TABLE, X_NAME, X_GROUP, X_VALUE, X_RESOLVED, X_SHARE, X_CUM,
	X_CHANGE, X_MEDIAN, X_OUTCOME, X_REVIEW, X_N };
static const char *const xcols[X_N] = { "table", "name", "group", "value",
	"resolved", "share", "cumulative_share", "change", "median_hours",
	"outcome", "review" };

/* A line of the --excel sheet: table, then the cells given by column
 * (x[X_NAME] ... x[X_REVIEW]; NULL is empty). */
static void
excel(struct report *rp, const char *table, const char *x[X_N])
{
	struct cs_row r = { 0 };
	int i;

	if (rp->xl == NULL)
		return;
	x[X_TABLE] = table;
	for (i = 0; i < X_N; i++)
		cs_row_push(&r, x[i] ? x[i] : "", x[i] ? strlen(x[i]) : 0);
	cs_out_row(rp->xl, &r);
	cs_row_free(&r);
}

void
cs_report_shown(const struct cs_row *hdr, const struct cs_row *r,
    struct cs_row *shown)
{
	const char *c, *v;
	size_t i;

	cs_row_clear(shown);
	for (i = 0; i < r->n; i++) {
		c = i < hdr->n ? cs_row_get(hdr, i) : "";
		v = cs_row_get(r, i);
		if (cs_value_field(c))
			v = cs_value_shown(c, v);
		cs_row_push(shown, v, strlen(v));
	}
}

/* A table of the page, and with --xlsx its sheet: the header. */
static int
table(struct report *rp, const char *sheet, const struct cs_row *hdr)
{
	cs_row_copy(&rp->hdr, hdr);
	cs_html_table(rp->fp, hdr);
	return rp->xw ? cs_xlsx_sheet(rp->xw, sheet, hdr, NULL) : 0;
}

/* A row of the table, on the page and on its sheet, in the user's
 * language (--excel has the values as stored). */
static void
row(struct report *rp, const char *class, const struct cs_row *r)
{
	cs_report_shown(&rp->hdr, r, &rp->shown);
	cs_html_row(rp->fp, class, &rp->shown);
	if (rp->xw)
		cs_xlsx_row(rp->xw, &rp->shown);
}

/* ---- the inquiry volume: a line a channel ---- */

/*
 * The twelve months to the period's end, only those with an inquiry,
 * a line a channel; the month not ended marked.  Then the same numbers
 * as a table, a month a row, with the month's total.
 */
static int
report_volume(struct report *rp, const struct cs_trend *t)
{
	const char **all = cs_trend_names(t), *chan[64], *cn[64];
	char *shown[64];	/* the channels in the user's language */
	const char *months[CS_TREND_MAX];
	struct cs_row r = { 0 };
	struct cs_buf b = { 0 };
	double *v;
	char num[32], label[CS_TREND_MAX][48];
	int i, m, n = 0, k = 0, data, partial = -1, ret = 0;
	size_t a;

	for (a = 0; all[a] && k < 64; a++)
		if (!strncmp(all[a], "inquiries ", 10)) {
			cn[k] = all[a] + 10;	/* the channel */
			shown[k] = cs_xstrdup(cs_value_shown("channel", cn[k]));
			chan[k++] = all[a];
		}
	v = cs_xmalloc(((size_t)k * CS_TREND_MAX + 1) * sizeof *v);
	for (m = 0; m < t->months; m++) {
		if (cs_trend_sum(t, "inquiries ", m) <= 0)
			continue;
		struct cs_period mp;
		/* not ended, or cut short by the period's end */
		if (t->start[m + 1] > rp->k->ds->now ||
		    (cs_period_parse("month", t->name[m], &mp) == 0 &&
		    t->start[m + 1] < mp.to))
			partial = n;
		snprintf(label[n], sizeof label[n], "%s", t->name[m]);
		months[n] = label[n];
		for (i = 0; i < k; i++)
			v[i * CS_TREND_MAX + n] = cs_trend_value(t, chan[i], m, &data);
		n++;
	}
	/* series of n values each, one after another */
	for (i = 1; i < k; i++)
		memmove(v + i * n, v + i * CS_TREND_MAX, (size_t)n * sizeof *v);
	cs_html_section(rp->fp, "volume", _("Inquiry volume by channel"));
	if (n == 0)
		fprintf(rp->fp, "<p>%s</p>\n", _("No inquiry in the twelve months."));
	else
		cs_svg_lines(rp->fp, &(struct cs_lines){ _("Inquiries by month and "
		    "channel"), months, n, (const char *const *)shown, v, k,
		    partial,
		    _("the month has not ended; its figures so far") });
	/* the names of the lines: the channels */
	cs_row_push(&r, "month", 5);
	for (i = 0; i < k; i++)
		cs_row_push(&r, shown[i], strlen(shown[i]));
	cs_row_push(&r, "inquiries", 9);
	if (n > 0 && (ret = table(rp, "volume", &r)) == 0) {
		for (m = 0; m < n; m++) {
			double sum = 0;
			const char *x[X_N] = { NULL };
			cs_row_clear(&r);
			cs_buf_reset(&b);
			cs_buf_addf(&b, "%s%s", months[m], m == partial ? "*" : "");
			cs_row_push(&r, b.s, b.len);
			for (i = 0; i < k; i++) {
				sum += v[i * n + m];
				snprintf(num, sizeof num, "%.0f", v[i * n + m]);
				cs_row_push(&r, num, strlen(num));
				x[X_NAME] = months[m], x[X_GROUP] = cn[i];
				x[X_VALUE] = num;
				excel(rp, "volume", x);
			}
			snprintf(num, sizeof num, "%.0f", sum);
			cs_row_push(&r, num, strlen(num));
			x[X_GROUP] = NULL, x[X_VALUE] = num;
			x[X_OUTCOME] = m == partial ? "partial" : NULL;
			excel(rp, "volume", x);
			row(rp, m == partial ? "partial" : NULL, &r);
		}
		cs_html_table_end(rp->fp);
		if (rp->xw)
			cs_xlsx_lines(rp->xw, _("Inquiries by month and channel"), n, k);
	}
	cs_html_section_end(rp->fp);
	cs_row_free(&r);
	cs_buf_free(&b);
	for (i = 0; i < k; i++)
		free(shown[i]);
	free(v);
	free(all);
	return ret;
}

/* ---- the complaint causes: nature by department, Pareto ---- */

void
cs_report_cause_rows(const struct cs_groups *now,
    const struct cs_groups *before, void (*emit)(void *, const struct cs_row *),
    void *ctx)
{
	struct cs_group **g = cs_groups_sorted(now, 1), *was;
	struct cs_row r = { 0 };
	char n[24], sh[16], cum[16], last[24], ch[24];
	const char *sep;
	long total = 0, run = 0, prev;
	size_t i;

	for (i = 0; g[i]; i++)
		total += g[i]->n;
	for (i = 0; g[i]; i++) {
		run += g[i]->n;
		was = cs_map_get(&before->map, g[i]->name);
		prev = was ? was->n : 0;
		snprintf(n, sizeof n, "%ld", g[i]->n);
		cs_share(sh, g[i]->n, total);
		cs_share(cum, run, total);
		snprintf(last, sizeof last, "%ld", prev);
		snprintf(ch, sizeof ch, g[i]->n == prev ? "0" : "%+ld",
		    g[i]->n - prev);
		sep = strstr(g[i]->name, CS_CAUSE_SEP);
		cs_row_clear(&r);
		cs_row_push(&r, g[i]->name, sep ? (size_t)(sep - g[i]->name) :
		    strlen(g[i]->name));
		sep = sep ? sep + 1 : "";
		cs_row_push(&r, sep, strlen(sep));
		cs_row_push(&r, n, strlen(n));
		cs_row_push(&r, sh, strlen(sh));
		cs_row_push(&r, cum, strlen(cum));
		cs_row_push(&r, last, strlen(last));
		cs_row_push(&r, ch, strlen(ch));
		emit(ctx, &r);
	}
	cs_row_free(&r);
	free(g);
}

const char *const cs_report_cause_cols[CS_REPORT_CAUSE_COLS] = { "nature",
	"department", "complaints", "share", "cumulative_share", "last_month",
	"change" };

struct causes {
	struct report *rp;
	struct cs_buf top;	/* the top causes against the month before */
	char **labels;		/* the chart's, "nature / department" */
	double *v;
	int n;
};

static void
cause_row(void *ctx, const struct cs_row *r)
{
	struct causes *c = ctx;
	struct report *rp = c->rp;
	const char *x[X_N] = { NULL };
	struct cs_buf l = { 0 };

	row(rp, NULL, r);
	x[X_NAME] = cs_row_get(r, 0), x[X_GROUP] = cs_row_get(r, 1);
	x[X_VALUE] = cs_row_get(r, 2), x[X_SHARE] = cs_row_get(r, 3);
	x[X_CUM] = cs_row_get(r, 4), x[X_CHANGE] = cs_row_get(r, 6);
	excel(rp, "complaint causes", x);
	/* the nature and department as the row shows them */
	cs_buf_addf(&l, "%s / %s", cs_row_get(&rp->shown, 0),
	    cs_row_get(&rp->shown, 1));
	if (c->n < 3)
		cs_buf_addf(&c->top, "%s%s %s (%s)", c->n ? ", " : "", l.s,
		    cs_row_get(r, 2), cs_row_get(r, 6));
	c->labels = cs_xrealloc(c->labels, (size_t)(c->n + 1) * sizeof *c->labels);
	c->v = cs_xrealloc(c->v, (size_t)(c->n + 1) * sizeof *c->v);
	c->labels[c->n] = cs_xstrdup(l.s);
	c->v[c->n++] = atof(cs_row_get(r, 2));
	cs_buf_free(&l);
}

/*
 * The period's complaints by nature and responsible department, the most
 * first, each with its share, the running share and its change against
 * the period before (base/group.c counts them, as for cs-complain
 * report); the top three in a sentence; the Pareto chart.
 */
static int
report_causes(struct report *rp)
{
	struct cs_kpi *k = rp->k;
	struct cs_groups now, before;
	struct cs_period b;
	struct causes c = { rp, { 0 }, NULL, NULL, 0 };
	struct cs_row h = { 0 };
	int ret, i;

	if (cs_trend_causes_of(k->ds->dir, &k->p, &now, &before) < 0) {
		ret = -1;
		goto out;
	}
	cs_trend_before(&k->p, &b);
	cs_html_section(rp->fp, "causes", _("Complaint causes"));
	fields(&h, cs_report_cause_cols, CS_REPORT_CAUSE_COLS);
	if ((ret = table(rp, "causes", &h)) == 0) {
		cs_report_cause_rows(&now, &before, cause_row, &c);
		cs_html_table_end(rp->fp);
	}
	if (c.n > 0) {
		fputs("<p class=\"top\">", rp->fp);
		fprintf(rp->fp, _("Top causes against %s: "), b.name);
		cs_html_text(rp->fp, c.top.s);
		fputs("</p>\n", rp->fp);
		cs_svg_pareto(rp->fp, &(struct cs_bars){ _("Complaint causes, "
		    "Pareto"), (const char *const *)c.labels, c.v, c.n, 0, -1, "",
		    "" });
	} else
		fprintf(rp->fp, "<p>%s</p>\n", _("No complaint in the period."));
	cs_html_section_end(rp->fp);
out:
	for (i = 0; i < c.n; i++)
		free(c.labels[i]);
	free(c.labels);
	free(c.v);
	cs_buf_free(&c.top);
	cs_row_free(&h);
	cs_groups_free(&now);
	cs_groups_free(&before);
	return ret;
}

/* ---- the after-sales resolution rate ---- */

const char *const cs_report_aftersales_cols[CS_REPORT_AFTERSALES_COLS] = {
	"kind", "opened", "resolved", "resolution_rate",
	"median_hours_to_resolve" };

void
cs_report_aftersales_row(const struct cs_aftersales *g, struct cs_row *r)
{
	char o[24], d[24], rate[16], med[24];

	snprintf(o, sizeof o, "%ld", g->n);
	snprintf(d, sizeof d, "%ld", g->done);
	cs_share(rate, g->done, g->n);
	if (g->timed)
		snprintf(med, sizeof med, "%.1f", g->median);
	else
		snprintf(med, sizeof med, "no data");
	fields(r, (const char *[]){ g->name, o, d, rate, med }, 5);
}

/* Returns, exchanges and repairs opened in the period: how many, how
 * many resolved, the rate, the median hours to resolve. */
static int
report_aftersales(struct report *rp)
{
	struct cs_kpi *k = rp->k;
	struct cs_aftersales g[CS_AFTERSALES_N];
	struct cs_row r = { 0 };
	int i, ret;

	if (cs_trend_aftersales(k->ds->dir, &k->p, g) < 0)
		ret = -1;
	else {
		cs_html_section(rp->fp, "aftersales",
		    _("After-sales resolution rate"));
		fields(&r, cs_report_aftersales_cols, CS_REPORT_AFTERSALES_COLS);
		if ((ret = table(rp, "aftersales", &r)) == 0) {
			for (i = 0; i < CS_AFTERSALES_N; i++) {
				const char *x[X_N] = { NULL };
				cs_report_aftersales_row(&g[i], &r);
				row(rp, i == CS_AFTERSALES_N - 1 ? "all" : NULL, &r);
				x[X_NAME] = cs_row_get(&r, 0);
				x[X_VALUE] = cs_row_get(&r, 1);
				x[X_RESOLVED] = cs_row_get(&r, 2);
				x[X_SHARE] = cs_row_get(&r, 3);
				x[X_MEDIAN] = cs_row_get(&r, 4);
				excel(rp, "after-sales", x);
			}
			cs_html_table_end(rp->fp);
		}
		cs_html_section_end(rp->fp);
	}
	cs_row_free(&r);
	return ret;
}

/* ---- the scores ---- */

/* Every person's score against the pass mark, a bar each, named "login
 * name". */
static void
report_scores(struct report *rp)
{
	struct cs_kpi *k = rp->k;
	struct cs_kpi_verdict verdict;
	char **names = cs_kpi_labels(k, rp->who);	/* "li.na 李娜" */
	double *v = cs_xmalloc((k->people.n + 1) * sizeof *v);
	struct cs_bars b;
	int i;

	for (i = 0; rp->who[i]; i++) {
		cs_kpi_verdict(cs_map_get(&k->people, rp->who[i]), &rp->rb,
		    &verdict);
		v[i] = verdict.score;
	}
	b = (struct cs_bars){ _("Scores"), (const char *const *)names, v, i,
	    100, rp->rb.pass, _("pass"), "" };
	cs_html_section(rp->fp, "scores", _("Scores against the pass mark"));
	cs_svg_bars(rp->fp, &b);
	cs_html_section_end(rp->fp);
	if (rp->xw)
		cs_xlsx_bars(rp->xw, "scores", _("Scores against the pass mark"),
		    &b, 0);
	for (i = 0; names[i]; i++)
		free(names[i]);
	free(names);
	free(v);
}

/* The verdicts, with the stored ones before for the review flag; the
 * review as cs-kpi verdict says it (provisional while the period has
 * not ended, the reward of an excellent). */
static int
report_verdicts(struct report *rp)
{
	static const char *const cols[] = { "person", "name", "team", "score",
		"outcome", "review", "rule" };
	struct cs_kpi *k = rp->k;
	struct cs_kpi_stored old;
	struct cs_kpi_prior pr = { &old, NULL, 0, NULL };
	struct cs_kpi_verdict v;
	struct cs_row r = { 0 };
	char sc[16];
	size_t i;
	int flag = 0;

	if (cs_kpi_stored_read(k->ds, &old) < 0)
		return -1;
	cs_html_section(rp->fp, "verdicts", _("Verdicts"));
	fields(&r, cols, 7);
	if (table(rp, "verdicts", &r) < 0)
		flag = -1;
	for (i = 0; rp->who[i] && flag >= 0; i++) {
		struct cs_kpi_person *p = cs_map_get(&k->people, rp->who[i]);
		const char *rv;
		cs_kpi_verdict(p, &rp->rb, &v);
		flag = cs_kpi_review(&pr, k, rp->who[i], v.outcome, &rp->rb);
		if (flag < 0)
			break;
		rv = cs_kpi_review_said(k, &v, flag > 0);
		snprintf(sc, sizeof sc, "%.1f", v.score);
		fields(&r, (const char *[]){ rp->who[i], p->name, p->team, sc,
		    v.outcome, rv, v.rule }, 7);
		row(rp, strcmp(v.outcome, "fail") ? "ok" : "fail", &r);
		{
			const char *x[X_N] = { NULL };
			x[X_NAME] = rp->who[i], x[X_GROUP] = p->team;
			x[X_VALUE] = sc, x[X_OUTCOME] = v.outcome, x[X_REVIEW] = rv;
			excel(rp, "verdicts", x);
		}
	}
	cs_html_table_end(rp->fp);
	cs_html_section_end(rp->fp);
	cs_row_free(&r);
	cs_kpi_prior_free(&pr);
	cs_kpi_stored_free(&old);
	return flag < 0 ? -1 : 0;
}

/* ---- the week's spot checks ---- */

/* The ISO week that holds the day of t. */
static int
week_of(cs_time t, struct cs_period *w)
{
	char d[16], spec[16];
	cs_time noon, thu, jan1;
	int y, m, day;

	cs_date_format(t, d);
	y = atoi(d), m = atoi(d + 5), day = atoi(d + 8);
	if (cs_mktime_local(y, m, day, 12, 0, 0, &noon) < 0)
		return -1;
	/* its Thursday's year is the week's; its day of that year the week */
	thu = noon + (cs_time)(3 - cs_weekday(y, m, day)) * 86400;
	cs_date_format(thu, d);
	y = atoi(d);
	if (cs_mktime_local(y, 1, 1, 12, 0, 0, &jan1) < 0)
		return -1;
	snprintf(spec, sizeof spec, "%04d-W%02d", y % 10000,
	    (int)((thu - jan1) / 86400 / 7 + 1));
	return cs_period_parse("week", spec, w);
}

/* The last whole week of the period as far as it has gone. */
int
cs_report_week(const struct cs_period *p, cs_time now, struct cs_period *w)
{
	cs_time end = p->to < now ? p->to : now;

	if (week_of(end - 1, w) < 0)
		return -1;
	return w->to > end ? week_of(w->from - 1, w) : 0;
}

struct spot {
	struct report *rp;
	int n;
};

/* A line of cs-audit report: the teams, the common problems and the
 * individual ones (the agents' lines are in the audit's own report). */
static void
spot_row(void *ctx, const struct cs_row *r)
{
	struct spot *s = ctx;
	const char *sec = cs_row_get(r, 0), *x[X_N] = { NULL };

	if (!strcmp(sec, "agent"))
		return;
	row(s->rp, sec, r);
	x[X_NAME] = cs_row_get(r, 1), x[X_GROUP] = sec;
	x[X_VALUE] = cs_row_get(r, 3), x[X_OUTCOME] = cs_row_get(r, 7);
	x[X_REVIEW] = cs_row_get(r, 8);
	excel(s->rp, "spot checks", x);
	s->n++;
}

/* The spot checks of the samples drawn for the period's last whole week
 * that has some (cs-audit report): each team's, then the common and the
 * individual problems. */
static int
report_spot(struct report *rp)
{
	struct cs_kpi *k = rp->k;
	struct cs_audit_report rep;
	struct cs_period w, last;
	struct cs_row h = { 0 };
	struct spot s = { rp, 0 };
	char heading[128];
	int ret = -1;

	if (cs_report_week(&k->p, k->ds->now, &w) < 0)
		return -1;
	/* the last week with spot checks, or the last week when none has */
	last = w;
	for (;;) {
		ret = cs_audit_report_gather(k->ds, &w, &rep);
		if (ret < 0 || rep.agents.n > 0)
			break;
		cs_audit_report_free(&rep);
		if (week_of(w.from - 1, &w) < 0)
			return -1;
		if (w.from < k->p.from) {
			w = last;
			ret = cs_audit_report_gather(k->ds, &w, &rep);
			break;
		}
	}
	if (ret == 0) {
		snprintf(heading, sizeof heading, _("Spot checks of the week %s"),
		    w.name);
		cs_html_section(rp->fp, "spotchecks", heading);
		fields(&h, cs_audit_report_cols, 9);
		if (rep.agents.n == 0) {
			const char *none = _("No spot check was scored for the "
			    "week.");
			fprintf(rp->fp, "<p>%s</p>\n", none);
			/* the sheet all the same, its line saying so */
			if (rp->xw && (ret = cs_xlsx_sheet(rp->xw, "spotchecks", &h,
			    NULL)) == 0) {
				cs_row_clear(&h);
				cs_row_push(&h, none, strlen(none));
				cs_xlsx_row(rp->xw, &h);
			}
		} else if ((ret = table(rp, "spotchecks", &h)) == 0) {
			cs_audit_report_rows(&rep, spot_row, &s);
			cs_html_table_end(rp->fp);
		}
		cs_html_section_end(rp->fp);
	}
	cs_audit_report_free(&rep);
	cs_row_free(&h);
	return ret;
}

/* The page: the three reports of the policy, the scores and verdicts,
 * the week's spot checks. */
static int
report_write(struct report *rp, const struct cs_trend *t)
{
	struct cs_kpi *k = rp->k;
	char title[64], when[32];

	cs_time_format(k->ds->now, when);
	snprintf(title, sizeof title, _("Customer service report %s"),
	    k->p.name);
	cs_html_begin(rp->fp, NULL, title, report_style);
	cs_html_title(rp->fp, title, cs_kpi_unfinished(k) ?
	    _("the period has not ended; its figures so far") : NULL);
	fprintf(rp->fp, _("<p>Level %s, made %s from the department's "
	    "stores.</p>\n"), k->level, when);
	if (report_volume(rp, t) < 0 || report_causes(rp) < 0 ||
	    report_aftersales(rp) < 0)
		return -1;
	report_scores(rp);
	if (report_verdicts(rp) < 0 || report_spot(rp) < 0)
		return -1;
	cs_html_end(rp->fp);
	if (rp->xl)
		return cs_out_end(rp->xl);
	return fflush(rp->fp) == 0 && !ferror(rp->fp) ? 0 :
	    cs_fail(CS_EIO, "write error on standard output");
}

int
cs_report(struct cs_kpi *k, int excel, int gb18030)
{
	struct report rp = { .fp = stdout, .k = k };
	struct cs_period span;
	struct cs_out xl = { 0 };
	struct cs_row h = { 0 };
	struct cs_trend t = { 0 };
	int ret;

	if (cs_kpi_rulebook(k->ds->dir, k->level, &rp.rb) < 0 ||
	    cs_kpi_measure(k) < 0)
		return -1;
	rp.xw = cs_xlsx_book();
	if (excel) {
		fields(&h, xcols, X_N);
		xl.gb18030 = gb18030;
		cs_out_begin(&xl, stdout, CS_FMT_EXCEL, &h);
		cs_row_free(&h);
		rp.xl = &xl;
	}
	/* the same tables for a spreadsheet: the HTML goes nowhere */
	if ((rp.xl || rp.xw) && (rp.fp = fopen("/dev/null", "we")) == NULL)
		return cs_fail_errno("open", "/dev/null");
	/* the volume over the twelve months to the period's end */
	ret = cs_trend_year(k->p.to, &span);
	if (ret == 0 && (ret = cs_trend_build(&t, k->ds->dir, &span)) == 0) {
		rp.who = cs_kpi_people(k);
		ret = report_write(&rp, &t);
		free(rp.who);
	}
	cs_trend_free(&t);
	cs_row_free(&rp.hdr);
	cs_row_free(&rp.shown);
	if (rp.fp != stdout)
		fclose(rp.fp);
	if (rp.xl && ret < 0)
		cs_out_discard(rp.xl);
	return ret;
}
