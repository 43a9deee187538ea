/*
 * cli.h - the top layer: what every program shares.
 *
 * The common options (-D, -o, --wait, -q, the period options, -h, -V) and
 * field=value operands (cli.c), the verbs add, set, show and list over a
 * master store (verbs.c), operands for steps (assign.c), running a sibling
 * program (sibling.c), and the main loop every program runs over its table
 * of verbs (main.c).  Only the programs in cmd/ use it.
 *
 * Layers below: base, store, rules, format.
 */
#ifndef CS_CLI_H
#define CS_CLI_H

#include "format/format.h"

/* verbs.c: add, set, show, list over a master store */
int cs_verb_add(struct cs_ds *ds, const struct cs_schema *s, int argc,
    char **argv);
int cs_verb_set(struct cs_ds *ds, const struct cs_schema *s, int argc,
    char **argv);
struct cs_opts;
int cs_verb_unmask(struct cs_ds *ds, const struct cs_opts *o,
    const char *command, const char *id, const char *what);
int cs_verb_show(struct cs_ds *ds, const struct cs_schema *s,
    const struct cs_opts *o, const char *id);

/* list.c: the list verbs of a dated store.  The records of the period
 * that keep() passes (it may write the extra column's value, n bytes)
 * and that hold search (in a field as shown: masked unless --unmask),
 * to stdout in -o's format, sorted by sort ("field", "-field": down)
 * when given; 0, CS_NO when none passed, -1 with the error.  keep NULL:
 * every record. */
struct cs_listing {
	const struct cs_schema *s;
	const struct cs_period *period;
	const char *sort, *search;	/* or NULL */
	const char *extra;	/* a column after the store's, or NULL */
	int (*keep)(void *ctx, const struct cs_master *m, const struct cs_row *r,
	    char *extra, size_t n);
	void *ctx;
	/* or, instead of the store's columns, columns ("a,b,c"), each row
	 * of them made by shape from a record: 1 shown, 0 not, -1 an error
	 * (cs_fail); called by the threads at once, with ctx, on the
	 * record unmasked: its columns must be none that masks */
	const char *columns;
	int (*shape)(void *ctx, const struct cs_master *m, const struct cs_row *r,
	    struct cs_row *out);
};
int cs_list_dated(struct cs_ds *ds, const struct cs_opts *o,
    const struct cs_listing *l);
/* The same of a master store (no period, no sort), split across the
 * cores; cs_verb_list (verbs.c) the verb: m opened, and the journal's
 * line of an --unmask (what: "list", "export") written first. */
int cs_list_master(const struct cs_opts *o, const struct cs_listing *l,
    const struct cs_master *m);
int cs_verb_list(struct cs_ds *ds, const struct cs_opts *o, const char *what,
    const struct cs_listing *l);
int cs_list_search(const struct cs_row *r, const char *text);

/* grading.c: out begun in o's format under cols ("a,b,c"); a line of n
 * strings.  cs-customer's lists of all its customers: due (given: ids
 * given an owner just now -> the owner), grade (the changes made first
 * unless o->dry_run; all: every customer listed) and alerts (of a type,
 * of a grade, or NULL); each an exit status or -1. */
struct cs_grade_policy;
void cs_out_cols(struct cs_out *out, const struct cs_opts *o, const char *cols);
void cs_out_put(struct cs_out *out, int n, ...);
int cs_customers_due(struct cs_ds *ds, const struct cs_opts *o,
    const struct cs_grade_policy *p, const char *agent,
    const struct cs_map *given);
int cs_customers_grade(struct cs_ds *ds, const struct cs_opts *o,
    const struct cs_grade_policy *p, int all);
int cs_customers_alerts(struct cs_ds *ds, const struct cs_opts *o,
    const struct cs_grade_policy *p, const char *type, const char *grade);

/* dossier.c: customer id's tickets, orders, complaints and visits, a line
 * each (time, record, id, status, by, what), newest first; CS_NO when
 * there is none, and when there is no such customer. */
int cs_customer_dossier(struct cs_ds *ds, const struct cs_opts *o,
    const char *id);

/* cli.c: the common options and operands */
struct cs_opts {
	const char *dir;
	enum cs_fmt fmt;
	int fmt_set;
	int unmask;
	const char *reason;	/* --reason of --unmask */
	int excel;
	int gb18030;
	int reads;		/* the verb reads a user's CSV (CS_READS) */
	const char *xlsx;	/* --xlsx FILE */
	int dry_run;
	const char *period;	/* --month, --week, --quarter, --year */
	const char *period_kind;
	const char *from, *to;	/* --from, --to */
	int quiet;		/* -q: no notes (cs_quiet) */
	const char *fields;	/* --fields a,b,c: cs_out_columns */
};
#define CS_COMMON_SHORT "D:o:q"
#define CS_COMMON_LONG \
	{ "data-dir", required_argument, NULL, 'D' }, \
	{ "format", required_argument, NULL, 'o' }, \
	{ "wait", required_argument, NULL, 'W' }, \
	{ "quiet", no_argument, NULL, 'q' }, \
	{ "fields", required_argument, NULL, 0x140 }, \
	{ "help", no_argument, NULL, 'h' }, \
	{ "version", no_argument, NULL, 'V' }
#define CS_PERIOD_LONG \
	{ "month", required_argument, NULL, 0x101 }, \
	{ "week", required_argument, NULL, 0x102 }, \
	{ "quarter", required_argument, NULL, 0x103 }, \
	{ "year", required_argument, NULL, 0x104 }, \
	{ "from", required_argument, NULL, 0x105 }, \
	{ "to", required_argument, NULL, 0x106 }
/* --encoding utf-8|gb18030, --excel and --xlsx FILE, for the verbs that
 * export, and --encoding for those that import: a program lists them in
 * its own options (the verbs' synopses say which take them) and cs_main
 * gives them to cs_opt_export.  --encoding names the output's encoding,
 * or on a verb that reads a user's CSV (CS_READS) the input's. */
#define CS_EXPORT_LONG \
	{ "encoding", required_argument, NULL, 0x110 }, \
	{ "excel", no_argument, NULL, 0x111 }, \
	{ "xlsx", required_argument, NULL, 0x112 }
int cs_opt_export(int c, const char *arg, struct cs_opts *o);
int cs_opt_common(int c, const char *arg, struct cs_opts *o);
/* The period the options gave; 0 and the whole of time when none. */
int cs_opts_period(const struct cs_opts *o, struct cs_period *p, int *given);
enum cs_fmt cs_opts_fmt(const struct cs_opts *o);
int cs_assign_split(const char *arg, char **field, const char **value);
const char *cs_data_dir(const char *opt);
int cs_ds_begin(struct cs_ds *ds, const struct cs_opts *o);
int cs_arg_utf8(const char *what, const char *s);
struct option;
int cs_getopt(int argc, char **argv, int verb, const char *shortopts,
    const struct option *own, struct cs_opts *o, void (*usage)(FILE *, int));
void cs_getopt_reset(void);
int cs_in_list(const char *word, const char *list);
const char *cs_operand(int argc, char **argv, const char *field);
int cs_operands_check(int argc, char **argv, const char *allowed,
    const char *what);
void cs_usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));

/* main.c: the one main loop; a program is its table of verbs */
struct cs_cmd {
	struct cs_ds *ds;	/* open, unless the verb is CS_NO_DATA */
	struct cs_opts *o;
	void *ctx;		/* the program's own options */
	const char *verb;
	int argc;		/* the operands after the verb */
	char **argv;
};
enum {
	CS_WRITES = 1,		/* may change the data directory: only such a
				 * verb may take the lock (cs_lock_refused) */
	CS_NO_DATA = 2,		/* needs no data directory */
	CS_READS = 4,		/* reads a user's CSV: --encoding is its */
};
struct cs_verb {
	const char *name;
	int (*run)(struct cs_cmd *c);
	int flags;
	/* after the program's name, in usage and SYNOPSIS: the verb with
	 * its options and operands; the program's own options a verb takes
	 * are those its synopsis names, the period options if "[period]" */
	const char *synopsis;
};
struct cs_prog {
	const char *name;
	const struct cs_verb *verbs;	/* ends with a NULL name */
	const char *shortopts;		/* the program's own */
	const struct option *longopts;
	/* one of the program's own options: 0, or -1 with the error */
	int (*option)(int c, const char *arg, struct cs_opts *o, void *ctx);
	/* a first operand that is no verb (cs: a program); NULL: an error */
	int (*other)(struct cs_opts *o, int argc, char **argv, void *ctx);
	const char *footer;		/* lines after the usage lines (N_()) */
};
void cs_prog_usage(FILE *fp, const struct cs_prog *p);
int cs_main(const struct cs_prog *p, int argc, char **argv, void *ctx);

#endif
