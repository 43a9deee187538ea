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
	".fail{color:#c00;}";

struct report {
	FILE *fp;		/* the HTML; /dev/null for --excel */
	struct cs_out *xl;	/* --excel: the same tables; else NULL */
	struct cs_xlsx *xw;	/* --xlsx: a sheet a table, charts; else NULL */
	struct cs_kpi *k;
	struct cs_kpi_rulebook rb;
	const char **who;
};

/* A chart: its section, its bars, and with --excel its bars as rows of
 * the table named table (none when NULL). */
static void
chart(struct report *rp, const char *id, const char *heading,
    const char *table, const struct cs_bars *b)
{
	struct cs_row r = { 0 };
	char v[32];
	int i;

	cs_html_section(rp->fp, id, heading);
	cs_svg_bars(rp->fp, b);
	cs_html_section_end(rp->fp);
	for (i = 0; rp->xl && table && i < b->n; i++) {
		snprintf(v, sizeof v, "%g", b->v[i]);
		fields(&r, (const char *[]){ table, b->labels[i], "", v, "", "" },
		    6);
		cs_out_row(rp->xl, &r);
	}
	if (rp->xw)
		cs_xlsx_bars(rp->xw, id, heading, b, strcmp(id, "volume") == 0);
	cs_row_free(&r);
}

/* The inquiries by month over the year, the scores against the pass
 * mark, and the complaint causes of the period, the most frequent first. */
static void
report_charts(struct report *rp, const struct cs_trend *t)
{
	struct cs_kpi *k = rp->k;
	size_t n = k->people.n > t->series.n ? k->people.n : t->series.n;
	const char *labels[CS_TREND_MAX];
	double *v = cs_xmalloc((n + CS_TREND_MAX) * sizeof *v);
	char **causes = cs_xmalloc((t->series.n + 1) * sizeof *causes);
	struct cs_kpi_verdict verdict;
	char **names = cs_kpi_labels(k, rp->who);	/* "li.na 李娜" */
	int i;

	for (i = 0; i < t->months; i++) {
		labels[i] = t->name[i];
		v[i] = cs_trend_sum(t, "inquiries ", i);
	}
	chart(rp, "volume", _("Inquiry volume by month"), "volume",
	    &(struct cs_bars){ _("Inquiries by month"), labels, v, t->months,
	    0, -1, "", "" });
	for (i = 0; rp->who[i]; i++) {
		cs_kpi_verdict(cs_map_get(&k->people, rp->who[i]), &rp->rb,
		    &verdict);
		v[i] = verdict.score;
	}
	chart(rp, "scores", _("Scores against the pass mark"), NULL,
	    &(struct cs_bars){ _("Scores"), (const char *const *)names, v, i,
	    100, rp->rb.pass, _("pass"), "" });
	for (i = 0; names[i]; i++)
		free(names[i]);
	free(names);
	n = (size_t)cs_trend_causes(t, k->p.from, causes, v);
	chart(rp, "causes", _("Complaint causes"), "complaint causes",
	    &(struct cs_bars){ _("Complaint causes"),
	    (const char *const *)causes, v, (int)n, 0, -1, "", "" });
	while (n > 0)
		free(causes[--n]);
	free(causes);
	free(v);
}

/* The verdicts, with the stored ones before for the review flag. */
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
	cs_html_table(rp->fp, &r);
	if (rp->xw && cs_xlsx_sheet(rp->xw, "verdicts", &r, NULL) < 0)
		flag = -1;
	for (i = 0; rp->who[i] && flag >= 0; i++) {
		struct cs_kpi_person *p = cs_map_get(&k->people, rp->who[i]);
		const char *rv;
		cs_kpi_verdict(p, &rp->rb, &v);
		flag = cs_kpi_review(&pr, k, rp->who[i], v.outcome, &rp->rb);
		rv = flag > 0 ? "dismissal review" : "";
		snprintf(sc, sizeof sc, "%.1f", v.score);
		fields(&r, (const char *[]){ rp->who[i], p->name, p->team, sc,
		    v.outcome, rv, v.rule }, 7);
		cs_html_row(rp->fp, strcmp(v.outcome, "fail") ? "ok" : "fail", &r);
		if (rp->xw)
			cs_xlsx_row(rp->xw, &r);
		if (rp->xl) {
			fields(&r, (const char *[]){ "verdicts", rp->who[i], p->team,
			    sc, v.outcome, rv }, 6);
			cs_out_row(rp->xl, &r);
		}
	}
	cs_html_table_end(rp->fp);
	cs_html_section_end(rp->fp);
	cs_row_free(&r);
	cs_kpi_prior_free(&pr);
	cs_kpi_stored_free(&old);
	return flag < 0 ? -1 : 0;
}

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
	report_charts(rp, t);
	if (report_verdicts(rp) < 0)
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
	static const char *const xc[] = { "table", "name", "team", "value",
		"outcome", "review" };
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
		fields(&h, xc, 6);
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
	if (rp.fp != stdout)
		fclose(rp.fp);
	if (rp.xl && ret < 0)
		cs_out_discard(rp.xl);
	return ret;
}
