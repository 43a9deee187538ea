/*
 * report.h - the monthly management report of cs-kpi report (report.c):
 * one self-contained HTML page (html.h), or with --excel the same tables
 * as CSV for a spreadsheet, or with --xlsx a sheet a table and native
 * charts (xlsx.h).
 *
 * Layers below: base, store, rules.
 */
#ifndef CS_FORMAT_REPORT_H
#define CS_FORMAT_REPORT_H

#include "base/group.h"
#include "format/format.h"
#include "rules/kpi.h"

/* The report of k's period and level (k->ds and k->p set; its rulebook
 * read and its measures taken here) to standard output, or with excel
 * as CSV for a spreadsheet (gb18030: in that encoding), or into the
 * program's --xlsx workbook when it has one. */
int cs_report(struct cs_kpi *k, int excel, int gb18030);

/* The report's tables, a row each to emit or into r, in their columns:
 * the complaint causes of now, the most first (nature, department,
 * complaints, share, cumulative_share, last_month: the count in before,
 * change: the difference, signed); an after-sales group of
 * cs_trend_aftersales (kind, opened, resolved, resolution_rate,
 * median_hours_to_resolve: to 1 place, "no data" when none resolved). */
#define CS_REPORT_CAUSE_COLS 7
extern const char *const cs_report_cause_cols[CS_REPORT_CAUSE_COLS];
void cs_report_cause_rows(const struct cs_groups *now,
    const struct cs_groups *before, void (*emit)(void *, const struct cs_row *),
    void *ctx);
#define CS_REPORT_AFTERSALES_COLS 5
extern const char *const cs_report_aftersales_cols[CS_REPORT_AFTERSALES_COLS];
void cs_report_aftersales_row(const struct cs_aftersales *g,
    struct cs_row *r);
/* r, a row of a table of columns hdr, as the page and the workbook show
 * it, into shown: each cell of a column named as a field of a few values
 * (store/values.h: nature, department, kind, outcome, review ...) in the
 * user's language, as -o table shows it. */
void cs_report_shown(const struct cs_row *hdr, const struct cs_row *r,
    struct cs_row *shown);
/* The week of the spot checks: the last ISO week of p wholly before
 * p's end or now, whichever is first. */
int cs_report_week(const struct cs_period *p, cs_time now,
    struct cs_period *w);

#endif
