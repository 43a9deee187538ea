/*
 * format.h - the fourth layer: formats in and out.
 *
 * Records leave a program through a struct cs_out in the format the user
 * chose (out.c): CSV in the store dialect, TSV, JSON lines, an aligned
 * table whose columns line up by display width (table.c), or CSV for a
 * spreadsheet, or a sheet of an .xlsx workbook (xlsx.c); a record's lines in a log (history.c) and its events one
 * a line (events.c); HTML pages with tables and SVG charts (html.c).
 * Records come in through the import engine (import.c): a foreign CSV
 * mapped onto a store's columns, every error naming file:line:field;
 * import_ticket.c and import_customer.c describe the stores it fills.
 * Nothing here decides what a record means.
 *
 * Layers below: base, store, rules.
 */
#ifndef CS_FORMAT_H
#define CS_FORMAT_H

#include "rules/rules.h"

enum cs_fmt { CS_FMT_CSV, CS_FMT_TSV, CS_FMT_JSON, CS_FMT_TABLE, CS_FMT_EXCEL,
	CS_FMT_XLSX };		/* XLSX: a sheet of the --xlsx workbook (xlsx.h) */
int cs_fmt_parse(const char *s, enum cs_fmt *f);
struct cs_out {
	FILE *fp;
	enum cs_fmt fmt;
	int gb18030;
	size_t maxw;		/* table: widest cell; 0 for 40 columns */
	struct cs_xlsx *xl;	/* XLSX: the workbook */
	struct cs_row hdr;
	struct cs_table *tab;	/* table: its rows, held until the end */
	char *zh;		/* table: the columns shown in Chinese, or NULL */
	struct cs_row shown;	/* table: a row as shown, with zh */
	size_t *pick, npick;	/* cs_out_columns: the columns shown, or NULL */
	struct cs_row picked;	/* a row of those */
	int bad;		/* a column of cs_out_columns it has not */
};
/* The columns a list shows and their order ("a,b,c", --fields), or NULL
 * for all: every output begun takes them; one that lacks a column
 * writes nothing and ends with -1 (64, naming it and the columns it
 * has).  cs_out_columns_check tells that of a header beforehand. */
extern const char *cs_out_columns;
int cs_out_columns_check(const struct cs_row *hdr);
void cs_out_begin(struct cs_out *o, FILE *fp, enum cs_fmt fmt,
    const struct cs_row *hdr);
/* cs_out_rows: an output of the rows only (no header, no BOM), to be
 * written after the header of one begun with cs_out_begin on the same
 * header: a thread's part of a list (cli/list.c). */
void cs_out_rows(struct cs_out *o, FILE *fp, enum cs_fmt fmt,
    const struct cs_row *hdr);
void cs_out_row(struct cs_out *o, const struct cs_row *r);
int cs_out_end(struct cs_out *o);
void cs_out_discard(struct cs_out *o);
/* A table's rows begun with cs_out_rows, handed over to be added to the
 * table of the output begun on the same header (cs_out_absorb) in place
 * of cs_out_end: the part of a table a thread made.  NULL for another
 * format (end it as usual). */
struct cs_table *cs_out_table_part(struct cs_out *o);
void cs_out_absorb(struct cs_out *o, struct cs_table *part);

/* table.c: aligned terminal table, its rows held in bounded memory (a
 * temporary file past a few megabytes); cs_table_end prints it and frees
 * it, -1 when the rows could not be held. */
struct cs_table;
struct cs_table *cs_table_new(const struct cs_row *hdr, size_t maxw);
void cs_table_add(struct cs_table *t, const struct cs_row *r);
/* A table's rows alone (no heading row), to be added to a whole table
 * by cs_table_absorb: its rows after t's, its widths taken where wider,
 * part freed (its error, if it had one, t's). */
struct cs_table *cs_table_part(size_t ncol, size_t maxw);
void cs_table_absorb(struct cs_table *t, struct cs_table *part);
int cs_table_end(struct cs_table *t, FILE *fp);
/* The table fitted to width columns (0: as wide as it is): the widest
 * columns capped, their cells cut with an ellipsis by display width. */
void cs_table_fit(struct cs_table *t, size_t width);
/* The width of the terminal fp is ($COLUMNS, else TIOCGWINSZ); 0 when fp
 * is no terminal (a pipe, a file: never cut). */
size_t cs_tty_width(FILE *fp);
void cs_table_free(struct cs_table *t);
void cs_table_print(FILE *fp, const struct cs_row *hdr, const struct cs_row *rows,
    size_t n, size_t maxw);

/* history.c: a record's lines in a monthly log */
int cs_id_lines(struct cs_ds *ds, const char *rel, const char *id, int drop_id,
    void (*edit)(struct cs_row *, const void *), const void *ctx,
    struct cs_out *out);
struct cs_schema;
int cs_journal_history(struct cs_ds *ds, const char *id,
    const struct cs_schema *mask, struct cs_out *out);

#endif
