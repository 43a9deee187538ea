/*
 * import.h - the one import engine: another system's CSV into a store.
 *
 * A foreign file (a help desk's export, a spreadsheet) is read through
 * libcsv (cs_reader, CS_READ_CSV), its header renamed to our fields by
 * the --map options, and each record handed to the importer of a store
 * with its values as the file gives them.  The importer converts what it
 * needs through the engine (times in the file's --time-format, hours
 * after a base time, ratings on another --scale) and checks the rest
 * against its schema.  Every error names the file and the line, and the
 * field where there is one: "in.csv:4: field 'agent': ...".  Nothing is
 * written while the file is read; the importers then change their store
 * in one transaction, or print the plan (-n) and write nothing.
 *
 * An importer is the engine plus a description of its store (struct
 * cs_importer): which columns it takes, what it checks of the header as
 * a whole, what it does with one record.  Two exist: tickets
 * (import_ticket.c) and customers (import_customer.c).
 */
#ifndef CS_IMPORT_H
#define CS_IMPORT_H

#include "format/format.h"

/* What the user asked of an import. */
struct cs_import_opts {
	const struct cs_buf *map;	/* --map, gathered "from=to,from=to," */
	const char *time_format;	/* --time-format: strptime(3); NULL: ours */
	const char *hours;	/* --hours: fields given as hours, "a,b" */
	double scale;		/* --scale: ratings on 1 to scale; 0: as given */
	int literal;		/* --literal: backslashes are data */
	int create_missing;	/* --create-missing: make unknown references */
	int keep_masked;	/* --keep-masked: a mask leaves the stored value */
	int dry_run;		/* -n: the plan on stdout, nothing written */
	int unmask;		/* the plan shows confidential fields */
	enum cs_fmt fmt;	/* of the plan */
	int gb18030;
};

struct cs_import;

/* The description of a store to import into. */
struct cs_importer {
	const struct cs_schema *s;
	const char *base;	/* the field --hours count from, or NULL */
	const char *scaled;	/* the field --scale rescales, or NULL */
	int top;		/* ... onto 1 to top */
	/* A column of the file, as named after --map ("" when dropped):
	 * 0 taken, -1 with the error (the engine adds "file:1: ") */
	int (*column)(struct cs_import *im, const char *name);
	/* The header as a whole, after every column was taken, or NULL */
	int (*header)(struct cs_import *im);
	/* One record, a value for each of cols: 0, or -1 with the error
	 * (the engine adds "file:line: ") */
	int (*record)(struct cs_import *im, const struct cs_row *row);
};

struct cs_import {
	const struct cs_import_opts *o;
	const struct cs_importer *d;
	void *ctx;		/* the importer's */
	const char *file;	/* for messages: as given, <stdin> for - */
	struct cs_row cols;	/* our field for each column of the file */
};

/* The store's name for a column of a foreign file, after --map options
 * gathered in map; "from=" drops the column (""). */
const char *cs_column_map(const struct cs_buf *map, const char *name,
    struct cs_buf *tmp);
/* Read file ("-": standard input) whole through d: 0, or -1 with the
 * error.  im->o, im->d and im->ctx are set by the caller. */
int cs_import_read(struct cs_import *im, const char *file);
void cs_import_free(struct cs_import *im);
/* A time of the file: in --time-format, else any form cs-tools reads. */
int cs_import_time(const struct cs_import_opts *o, const char *v, cs_time *t);
/* The time of the record's base field (d->base), which it must have. */
int cs_import_base(const struct cs_import *im, const struct cs_row *row,
    cs_time *t);
/* The value v of field, converted: a time field as an ISO 8601 time (in
 * hours after base when --hours names it), the scaled field onto 1 to
 * top; other values as they are.  *out is v or buf. */
int cs_import_value(const struct cs_import *im, const char *field,
    const char *v, cs_time base, char buf[32], const char **out);
/* A value v of the file for column c: 0 when it is data; when it is a
 * mask (cs_is_mask), 1 (keep the stored value) with --keep-masked for a
 * record stored already, else -1 with the error. */
int cs_import_mask(const struct cs_import *im, const struct cs_column *c,
    const char *v, int stored);
/* The plan of a dry run: its header (cols, NULL-terminated), and a line
 * of it: the file's line and the other fields (NULL-terminated). */
void cs_import_plan_begin(struct cs_out *out, const struct cs_import_opts *o,
    struct cs_row *hdr, const char *const *cols);
void cs_import_plan_row(struct cs_out *out, long line, const char *const *v);

/* import_ticket.c: other help desks' tickets, into tickets/ */
int cs_import_tickets(struct cs_ds *ds, const struct cs_import_opts *o,
    const char *file);

/* import_customer.c: customer lists: new customers and changes */
int cs_import_customers(struct cs_ds *ds, const struct cs_import_opts *o,
    const char *file);

#endif
