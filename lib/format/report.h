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

#include "format/format.h"
#include "rules/kpi.h"

/* The report of k's period and level (k->ds and k->p set; its rulebook
 * read and its measures taken here) to standard output, or with excel
 * as CSV for a spreadsheet (gb18030: in that encoding), or into the
 * program's --xlsx workbook when it has one. */
int cs_report(struct cs_kpi *k, int excel, int gb18030);

#endif
