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
#include "base/sheetval.h"

struct cs_import_vmap {
	char *field, *from, *to;
};

/* What the user asked of an import. */
struct cs_import_opts {
	struct cs_buf *map;	/* --map, gathered "from=to,from=to," */
	struct cs_buf *values;	/* --value, gathered "field:from=to,...\n" */
	const char *time_format;	/* --time-format: strptime(3); NULL: ours */
	const char *hours;	/* --hours: fields given as hours, "a,b" */
	double scale;		/* --scale: ratings on 1 to scale; 0: as given */
	const char *map_file;	/* --map-file: more of these, a line each */
	const char *rejects;	/* --rejects: bad rows there, the rest stored */
	int ignore_unknown;	/* --ignore-unknown: drop unknown columns */
	int literal;		/* --literal: backslashes are data */
	int create_missing;	/* --create-missing: make unknown references */
	int keep_masked;	/* --keep-masked: a mask leaves the stored value */
	int dry_run;		/* -n: the plan on stdout, nothing written */
	int unmask;		/* the plan shows confidential fields */
	enum cs_fmt fmt;	/* of the plan */
	int gb18030;
	char **own;		/* the strings a map file gave */
	size_t nown;
};

/* One import option, by its long name without "--" ("map", "value",
 * "time-format", "hours", "scale", "map-file", "rejects", "ignore-unknown",
 * "create-missing", "keep-masked", "literal"), into o: 0, or -1 with the
 * error (64).  The buffers o->map and o->values must be set.  A
 * --time-format, --hours or --scale given already is kept unless force. */
int cs_import_opt(struct cs_import_opts *o, const char *name, const char *arg,
    int force);
/* The lines of o->map_file, each an option as on the command line
 * ("--map Ticket ID=", "--value status:Solved=resolved",
 * "--create-missing", "#" a comment),
 * into o after the command line's (which win): 0, or -1 with the error:
 * 78 naming file:line, 66 for an absent file. */
int cs_import_map_file(struct cs_import_opts *o);
void cs_import_opts_free(struct cs_import_opts *o);

/* A row of the file that was refused: its line, why, and (for
 * --rejects) the row as it came. */
struct cs_import_bad {
	long line;
	char *why;
	struct cs_row row;
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
	/* the engine's: */
	const struct cs_column **ccol;	/* the schema's column of each, or NULL */
	struct cs_row hdr;	/* the file's header, as it came */
	struct cs_import_bad *bad;	/* the rows refused */
	size_t nbad, nrows;
	int reason;		/* 1: the last column is a rejects file's reason */
	struct cs_import_vmap *vmap;	/* the --value maps */
	size_t nvmap;
};

/* The store's name for a column of a foreign file, after --map options
 * gathered in map, names compared without case and with spaces, '_' and
 * '-' alike ("Ticket ID", "ticket_id", "TICKET-ID"); "from=" drops the
 * column (""); not in map: name. */
const char *cs_column_map(const struct cs_buf *map, const char *name,
    struct cs_buf *tmp);
/* name as our fields are written: lower case, spaces and '-' as '_'. */
void cs_import_fold(const char *name, struct cs_buf *out);
/* Read file ("-": standard input) whole through d: 0, or -1 with the
 * error.  im->o, im->d and im->ctx are set by the caller.  Each record's
 * values are first cleaned (cs_import_clean); a record the cleaning or
 * d->record refuses is a bad row, kept in im->bad, and the reading goes
 * on; so is a record of another field count than the header's (its
 * fields as they came, written so to --rejects).  With bad rows and
 * neither -n nor --rejects, the rows are listed
 * (the first 100) and the import fails (65); with --rejects they are
 * written to that file (atomically, never through a symbolic link) and
 * the importer stores the rest; with -n they are all listed. */
int cs_import_read(struct cs_import *im, const char *file);
/* The end of an import that did ret: with bad rows (after -n or
 * --rejects) 65 and how many, else ret. */
int cs_import_done(struct cs_import *im, int ret);
/* The value v of the file for field (c its column, or NULL), as the
 * engine takes it: a guard apostrophe of ours removed; a typed field's
 * value trimmed, the --value maps applied (one to nothing, "from=",
 * gives no value), an enum value taken in any
 * case, yes and no in any of their forms for a yes|no enum, a whole
 * number in any plain form for a count or a numeric enum; a phone that
 * lost its leading zero refused.  0 and *out (v, or in tmp), or -1 with
 * the error naming the field. */
int cs_import_clean(const struct cs_import *im, const char *field,
    const struct cs_column *c, const char *v, struct cs_buf *tmp,
    const char **out);
/* The login --create-missing makes of a foreign name: ASCII letters in
 * lower case, digits, '_', '-' and '.' kept; any other ASCII run a '.';
 * each other character 'u' and its code point in hex; no '.' at either
 * end; 'a' before a first character that is not a letter or '_'; at most
 * 32 bytes.  0, or -1 if the name gives none. */
int cs_import_login(const char *name, char out[33]);
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

/* import_calls.c: a telephone exchange's call records (Asterisk's
 * Master.csv; another's with a header and --map) matched to the phone
 * records opened during them (rules/calls.h), each matched record's
 * answered_in stored in one commit; the calls not matched listed as
 * warnings, file:line: why.  A line that is not a call fails it whole
 * (65, file:line: field).  -n: the matches on stdout, nothing written. */
int cs_import_calls(struct cs_ds *ds, const struct cs_import_opts *o,
    const char *file);

/* import_customer.c: customer lists: new customers and changes */
int cs_import_customers(struct cs_ds *ds, const struct cs_import_opts *o,
    const char *file);

#endif
