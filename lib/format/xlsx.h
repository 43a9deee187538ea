/*
 * xlsx.h - records out as an .xlsx workbook (xlsx.c, libxlsxwriter).
 *
 * A workbook is a file the user named (--xlsx FILE).  It is written to a
 * temporary name beside FILE, made by mkstemp (never an existing file, so
 * never through a symlink), and renamed over FILE only when whole: a
 * reader of FILE sees the old file or the new one, and a command that
 * fails or dies leaves neither the workbook nor its temporary name.
 *
 * A workbook holds sheets; a sheet is begun with its header and the kind
 * of each column, then takes rows, as a struct cs_out takes them:
 *   text    a string cell, always: ids, phones, ID numbers, codes, whose
 *           leading zeros a spreadsheet would drop from a number;
 *   number  a number cell when the value is a plain number;
 *   date    a date cell for an ISO 8601 time (cs_time_format: the
 *           department's zone, as written) or date; else a string;
 *   auto    a date, a number (at most 9 digits, no leading zero) or a
 *           string, by the value.
 * Kinds not given come from the column's name (cs_xlsx_kind_of).  Every
 * sheet's header row is frozen, and each column is as wide as its widest
 * cell's display width (CJK characters count two).  No cell is ever a
 * formula.
 *
 * A program with --xlsx FILE has one workbook (cs_xlsx_target, from
 * cs_opt_export); a struct cs_out begun with CS_FMT_XLSX adds a sheet to
 * it, and cs_main ends it (cs_xlsx_finish) when the verb succeeded.
 */
#ifndef CS_XLSX_H
#define CS_XLSX_H

enum cs_xlsx_kind { CS_XLSX_AUTO, CS_XLSX_TEXT, CS_XLSX_NUMBER, CS_XLSX_DATE };
struct cs_xlsx;
struct cs_bars;

/* The workbook of --xlsx path: 0, or -1 (73 when it cannot be made). */
int cs_xlsx_target(const char *path);
/* The program's workbook; NULL when there is none. */
struct cs_xlsx *cs_xlsx_book(void);
/* The workbook written and renamed into place: 0 (also when there is
 * none), or -1 with the step that failed. */
int cs_xlsx_finish(void);

enum cs_xlsx_kind cs_xlsx_kind_of(const char *column);
/* A new sheet (name NULL: Sheet1, Sheet2 ...) with its header; kinds NULL
 * for those of the columns' names. */
int cs_xlsx_sheet(struct cs_xlsx *x, const char *name,
    const struct cs_row *hdr, const enum cs_xlsx_kind *kinds);
void cs_xlsx_row(struct cs_xlsx *x, const struct cs_row *r);
/* On the current sheet: a note on column col's header; the column's
 * cells limited to lo..hi, or to one of items (NULL-ended). */
void cs_xlsx_note(struct cs_xlsx *x, size_t col, const char *text);
void cs_xlsx_range(struct cs_xlsx *x, size_t col, double lo, double hi);
void cs_xlsx_list(struct cs_xlsx *x, size_t col, const char *const *items);
/* The audit sheet's rules, its categories from column first on, the
 * critical column after them: each score within the rubric's scale and a
 * note of its scale, standard and weight; critical 是, 否, yes or no. */
int cs_xlsx_audit(struct cs_xlsx *x, const char *dir, size_t first);
/* A sheet of bars (label, value), and a native chart of them: a line
 * over time when line, else columns. */
void cs_xlsx_bars(struct cs_xlsx *x, const char *sheet, const char *title,
    const struct cs_bars *b, int line);

/* On the current sheet, a native line chart of its first n rows: the
 * first column the months, each of the next k a line named by its
 * header, each line with its own marker. */
void cs_xlsx_lines(struct cs_xlsx *x, const char *title, int n, int k);

#endif
