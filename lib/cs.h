/*
 * cs.h - the shared library of cs-tools.
 *
 * One header, one section per file in lib/.  Every exported name carries
 * its module: cs_buf_*, cs_row_*, cs_reader_*, cs_out_*, cs_ds_*, ...
 *
 * Errors.  A library function that fails returns -1 (or NULL) after calling
 * cs_fail(), which records one line of text and an exit status (the
 * statuses of cs(7)).  Only a command decides to exit, with cs_die(), which
 * prints "prog: message" and exits with the recorded status.  This keeps
 * every error path testable from the unit tests.
 *
 * Records.  A row is one record: a single buffer holding the fields as
 * NUL-terminated strings, one after the other, and their offsets.  Rows are
 * reused from one record to the next, so a scan allocates nothing per
 * record.
 *
 * Stores.  A store is a CSV file under the data directory in the dialect of
 * cs-store(5): UTF-8, LF, one header row, one record per line; a field is
 * quoted when it holds a comma or a quote; a line feed, carriage return or
 * backslash inside a field is written \n, \r, \\.  Columns are found by
 * header name.  Writers hold the lock of the data directory (lock.c) and go
 * through store.c, which appends or rewrites as cs-store(5) promises:
 * readers see the old file or the new one, never half a record.
 */
#ifndef CS_H
#define CS_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <time.h>

#define CS_VERSION "0.1.0"

/* err.c: exit statuses (cs(7)), one-line errors */
enum {
	CS_OK = 0,
	CS_NO = 1,		/* nothing found; a check found problems */
	CS_EUSAGE = 64,
	CS_EDATA = 65,
	CS_ENOINPUT = 66,
	CS_ECANTCREAT = 73,
	CS_EIO = 74,
	CS_EBUSY = 75,
	CS_EPERM = 77,
	CS_ECONFIG = 78,
};

extern const char *cs_progname;

int cs_fail(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int cs_fail_errno(const char *what, const char *path);
const char *cs_errmsg(void);
int cs_errstatus(void);
void cs_die(void) __attribute__((noreturn));
void cs_fatal(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));
void cs_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void *cs_xmalloc(size_t n);
void *cs_xrealloc(void *p, size_t n);
char *cs_xstrdup(const char *s);
void cs_committed(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int cs_fail_stdout(int errnum);
int cs_close_stdout(void);
void cs_hold_stdfds(void);
void cs_exit(int status) __attribute__((noreturn));

/* buf.c: growable strings */
struct cs_buf {
	char *s;
	size_t len, cap;
};
void cs_buf_grow(struct cs_buf *b, size_t more);
void cs_buf_add(struct cs_buf *b, const void *p, size_t n);
void cs_buf_adds(struct cs_buf *b, const char *s);
void cs_buf_addc(struct cs_buf *b, int c);
void cs_buf_addf(struct cs_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void cs_buf_reset(struct cs_buf *b);
void cs_buf_free(struct cs_buf *b);

/* row.c: one record */
struct cs_row {
	char *buf;		/* fields, each NUL-terminated */
	size_t len, cap;
	size_t *off;		/* start of field i in buf */
	size_t n, ncap;
	long line;		/* line where the record starts, 0 if none */
};
void cs_row_clear(struct cs_row *r);
void cs_row_push(struct cs_row *r, const char *s, size_t n);
void cs_row_push_quoted(struct cs_row *r, const char *s, size_t n);
const char *cs_row_get(const struct cs_row *r, size_t i);
void cs_row_set(struct cs_row *r, size_t i, const char *s);
void cs_row_copy(struct cs_row *dst, const struct cs_row *src);
void cs_row_free(struct cs_row *r);
int cs_row_find(const struct cs_row *hdr, const char *name);

/* utf8.c: validation and display width */
/* Returns 0, or -1 with *bad set to the offset of the first bad byte. */
int cs_utf8_check(const char *s, size_t n, size_t *bad);
int cs_utf8_decode(const char *s, size_t n, uint32_t *cp);
int cs_wcwidth(uint32_t cp);
size_t cs_utf8_width(const char *s);
/* Control characters (C0, DEL, C1, U+2028, U+2029 and the bidirectional
 * marks, embeddings, overrides and isolates), which a terminal obeys.
 * cs_ctrl_find: the first in s[0..n) but the ASCII ones in allow (NULL
 * or "\t\n", say), or NULL.  cs_ctrl_show: cp as shown, "\n", "\x1b",
 * "\u202e", its length; 0 when cp is not one.  cs_ctrl_escape: s[0..n)
 * for a terminal or a message, control characters shown so and bytes that
 * are not UTF-8 as "\xff"; out holds 4 n + 1 bytes; returns its length. */
const char *cs_ctrl_find(const char *s, size_t n, const char *allow);
size_t cs_ctrl_show(uint32_t cp, char out[8]);
size_t cs_ctrl_escape(char *out, const char *s, size_t n);

/* csvio.c: the store dialect, foreign CSV (libcsv), and output formats */
#define CS_FIELD_MAX (64 * 1024)
#define CS_RECORD_MAX (1024 * 1024)

/* Split one line of the store dialect (without its newline) into fields,
 * quotes removed, escapes left as they are.  -1 on a malformed line. */
int cs_split_line(const char *s, size_t n, struct cs_row *r, const char **why);
/* \n \r \\ back into their bytes; -1 on a bad escape. */
int cs_unescape(char *s, const char **why);
/* One field in the store dialect, appended to b. */
void cs_csv_field(struct cs_buf *b, const char *s);
/* A whole record in the store dialect, with its newline. */
void cs_csv_record(struct cs_buf *b, const struct cs_row *r);

enum cs_read_mode {
	CS_READ_STORE,		/* our own store dialect */
	CS_READ_CSV,		/* foreign CSV through libcsv */
};
enum {
	CS_READ_LITERAL = 1,	/* CSV: backslashes are data, not escapes */
	CS_READ_NOHEADER = 2,	/* no header row to read */
	CS_READ_USER = 4,	/* a file the user named, or - for stdin */
};
struct cs_reader {
	char *name;		/* for messages: as the user gave it; a copy */
	FILE *fp;
	int own;		/* fp is ours to close */
	enum cs_read_mode mode;
	int flags;
	long lineno;		/* physical lines read */
	struct cs_buf line;
	struct cs_row hdr;
	void *csv;		/* libcsv parser state */
	int eof;
};
/* Without CS_READ_USER, path is a file of the data directory: opened by
 * cs_open_regular (no symlink, FIFO or device: 77).  errno is kept on
 * failure: ENOENT (status 66) is the only "absent". */
int cs_reader_open(struct cs_reader *r, const char *path, enum cs_read_mode mode,
    int flags);
/* A policy file DIR/REL: 1 open, 0 absent and optional, -1 the error (78,
 * or 77 for a file that is not a regular one). */
int cs_policy_open(struct cs_reader *r, const char *dir, int optional,
    const char *rel);
int cs_reader_fdopen(struct cs_reader *r, FILE *fp, const char *name,
    enum cs_read_mode mode, int flags);
/* 1 a record, 0 at the end, -1 an error naming file and line. */
int cs_reader_next(struct cs_reader *r, struct cs_row *row);
void cs_reader_close(struct cs_reader *r);

enum cs_fmt { CS_FMT_CSV, CS_FMT_TSV, CS_FMT_JSON, CS_FMT_TABLE, CS_FMT_EXCEL };
int cs_fmt_parse(const char *s, enum cs_fmt *f);
struct cs_out {
	FILE *fp;
	enum cs_fmt fmt;
	int gb18030;
	size_t maxw;		/* table: widest cell; 0 for 40 columns */
	struct cs_row hdr;
	struct cs_row *rows;	/* table: held until the end */
	size_t n, cap;
};
void cs_out_begin(struct cs_out *o, FILE *fp, enum cs_fmt fmt,
    const struct cs_row *hdr);
void cs_out_row(struct cs_out *o, const struct cs_row *r);
int cs_out_end(struct cs_out *o);
void cs_out_discard(struct cs_out *o);

/* scan.c: a fast reader of our own stores, for month-long scans */
struct cs_slice {
	const char *p;		/* into the block read, valid only during the
				 * callback; NULL: no such column */
	size_t n;
	int quoted;		/* quotes or escapes to undo: cs_slice_text */
};
int cs_scan_store(const char *path, const char *const *cols, size_t ncols,
    int (*fn)(void *, const struct cs_slice *, long), void *ctx);
const char *cs_slice_text(const struct cs_slice *f, struct cs_buf *b);

/* table.c: aligned terminal table */
void cs_table_print(FILE *fp, const struct cs_row *hdr, const struct cs_row *rows,
    size_t n, size_t maxw);

/* timefmt.c: ISO 8601 times with UTC offset, CS_NOW */
typedef int64_t cs_time;
int cs_time_now(cs_time *t);
int cs_time_parse(const char *s, cs_time *t);
int cs_date_parse(const char *s, int *y, int *m, int *d);
void cs_time_format(cs_time t, char out[32]);
void cs_date_format(cs_time t, char out[16]);
int cs_days_in_month(int y, int m);
int cs_mktime_local(int y, int mo, int d, int h, int mi, int s, cs_time *t);
int64_t cs_local_day(cs_time t);
int cs_zone_use(const char *dir);

/* period.c: months, ISO weeks, quarters, years, last-week, last-month */
struct cs_period {
	cs_time from, to;	/* [from, to) */
	char name[32];
};
int cs_period_parse(const char *kind, const char *s, struct cs_period *p);
int cs_period_range(const char *from, const char *to, struct cs_period *p);
int cs_period_contains(const struct cs_period *p, cs_time t);
int cs_period_year_to(cs_time now, struct cs_period *p);

/* id.c: record ids */
int cs_id_cmp(const char *a, const char *b);
int cs_id_valid(const char *prefix, const char *id);
int cs_login_valid(const char *s);
char *cs_id_next(const char *prefix, const char *last);
char *cs_id_next_daily(const char *prefix, const char *last, cs_time t);

/* mask.c: confidential fields */
char *cs_mask(const char *kind, const char *value);

/* map.c: string -> pointer hash map */
struct cs_map {
	char **keys;
	void **vals;
	size_t n, cap;
};
void **cs_map_slot(struct cs_map *m, const char *key, int *isnew);
void *cs_map_get(const struct cs_map *m, const char *key);
void cs_map_free(struct cs_map *m, void (*freeval)(void *));

/* lock.c: the writers' lock of a data directory */
struct cs_ds {
	char *dir;
	int lockfd;		/* -1 unless the lock is held */
	cs_time now;		/* the time of this run's changes */
	const char *user;
	const char *program;
};
int cs_ds_open(struct cs_ds *ds, const char *dir);
void cs_ds_close(struct cs_ds *ds);
char *cs_ds_path(const struct cs_ds *ds, const char *rel);
int cs_lock(struct cs_ds *ds, double wait);
void cs_unlock(struct cs_ds *ds);
extern double cs_lock_wait;

/* commit.c: one change of the data directory, all or nothing (the
 * protocol is told at the top of commit.c and in cs-store(5)).  With the
 * lock held: cs_txn_begin, any number of appends and rewrites (paths
 * relative to the data directory), cs_txn_commit; a failed step rolls
 * the whole back and the commit then fails.  Begin and commit nest: an
 * inner pair joins the outer transaction.  cs_txn_fail rolls back after
 * a failure of the caller's own; cs_txn_abort ends a begin without
 * committing. */
int cs_txn_begin(struct cs_ds *ds);
int cs_txn_append(struct cs_ds *ds, const char *rel, const char *header,
    const char *data, size_t len);
int cs_txn_rewrite(struct cs_ds *ds, const char *rel, const char *const *parts,
    const size_t *lens, size_t nparts);
int cs_txn_commit(struct cs_ds *ds);
int cs_txn_fail(struct cs_ds *ds);
/* Repairs (cs check --repair): a line end added to a last record that
 * lacks it; a temporary or backup left by an ended change removed. */
int cs_txn_mend(struct cs_ds *ds, const char *rel);
int cs_txn_remove_side(struct cs_ds *ds, const char *rel);
void cs_txn_abort(struct cs_ds *ds);
/* Under the lock, before anything else: roll back an unfinished change. */
int cs_txn_recover(struct cs_ds *ds, size_t *done, char *who, size_t whon);
void cs_txn_release(void);
/* Without the lock (cs check): 1 and whose it is when DIR/.intent holds an
 * unfinished change (and, in what if given, what rolling it back does),
 * 0 if not, -1 on an error. */
int cs_intent_pending(const char *dir, char *who, size_t whon,
    struct cs_buf *what);

/* store.c: reading and writing stores */
/* Open a file of the data directory: never through a symlink in its last
 * component, never blocking on a FIFO, and only a regular file.  Returns
 * the descriptor, or -1 with the error: ENOENT (errno kept) is status 66,
 * "absent"; a symlink, FIFO, device or directory is 77 with its name;
 * anything else 74 with the step.  flags as open(2), O_CLOEXEC implied. */
int cs_open_regular(const char *path, int flags, mode_t mode);
/* The same for name in the directory dirfd (path: the name in messages);
 * opened to be written, a file with more than one name is refused too. */
int cs_openat_regular(int dirfd, const char *name, const char *path, int flags,
    mode_t mode);
int cs_store_rewrite(struct cs_ds *ds, const char *rel, const char *data,
    size_t len);
int cs_store_last(struct cs_ds *ds, const char *rel, const char *col,
    char **value);
/* Find the record whose id is ID: by binary search when the store is
 * sorted by id, else line by line.  1 found (row and header filled, *start
 * and *end its byte range), 0 not found, -1 error. */
int cs_store_find(const char *path, const char *id, int sorted, struct cs_row *hdr,
    struct cs_row *row, off_t *start, off_t *end);
int cs_store_replace(struct cs_ds *ds, const char *rel, off_t start, off_t end,
    const char *line, size_t len);
char *cs_month_rel(const char *dir, cs_time t);

/* journal.c: every change, in the same transaction as the change */
#define CS_JOURNAL_HEADER "time,user,program,command,id,field,old,new\n"
void cs_journal_line(struct cs_buf *j, const struct cs_ds *ds, const char *command,
    const char *id, const char *field, const char *old, const char *new);
/* Lock held: the journal lines and the change, in one transaction. */
int cs_commit_append(struct cs_ds *ds, const char *rel, const char *header,
    const struct cs_buf *data, const struct cs_buf *journal);
int cs_commit_rewrite(struct cs_ds *ds, const char *rel, const struct cs_buf *data,
    const struct cs_buf *journal);
int cs_commit_replace(struct cs_ds *ds, const char *rel, off_t start, off_t end,
    const struct cs_buf *line, const struct cs_buf *journal);
int cs_journal_only(struct cs_ds *ds, const struct cs_buf *journal);
void cs_event_line(struct cs_buf *ev, const struct cs_ds *ds, const char *id,
    const char *what, const char *detail);
struct cs_op {
	int replace;		/* else append */
	const char *rel;
	const char *header;	/* append: the header of a new file */
	off_t start, end;	/* replace: the line's byte range */
	const struct cs_buf *data;
};
int cs_commit(struct cs_ds *ds, const struct cs_buf *journal,
    const struct cs_op *ops, size_t n);
int cs_id_lines(struct cs_ds *ds, const char *rel, const char *id, int drop_id,
    void (*edit)(struct cs_row *, const void *), const void *ctx,
    struct cs_out *out);
struct cs_schema;
int cs_journal_history(struct cs_ds *ds, const char *id,
    const struct cs_schema *mask, struct cs_out *out);

/* schema.c: the columns and types of each store */
enum cs_type {
	CS_T_TEXT,		/* any text, line breaks allowed */
	CS_T_LINE,		/* one line, no control characters */
	CS_T_PHONE, CS_T_EMAIL, CS_T_DATE, CS_T_TIME,
	CS_T_ENUM,		/* one of arg, "a|b|c" */
	CS_T_LOGIN,		/* a login name */
	CS_T_ID,		/* an id with prefix arg */
	CS_T_COUNT,		/* a whole number, 0 or more */
};
struct cs_column {
	const char *name;
	enum cs_type type;
	int required;
	const char *arg;	/* enum values "a|b|c", id prefix */
	const char *mask;	/* masking kind (mask.c), or NULL */
	const char *mask_when;	/* "column=value": mask only in such records */
};
struct cs_schema {
	const char *name;	/* store file or directory, in the data dir */
	const char *idprefix;	/* "C", or NULL for login names */
	int daily;		/* ids PREFIX-YYYYMMDD-NNNN, a file a month */
	const struct cs_column *cols;
	size_t ncols;
};
extern const struct cs_schema cs_schema_staff, cs_schema_customers,
    cs_schema_journal, cs_schema_tickets, cs_schema_complaints,
    cs_schema_complaint_events, cs_schema_orders, cs_schema_order_events,
    cs_schema_visits;
const struct cs_column *cs_schema_col(const struct cs_schema *s, const char *name);
/* NULL if the value fits the column, else why not. */
const char *cs_check_value(const struct cs_column *c, const char *v);
void cs_schema_row(const struct cs_schema *s, struct cs_row *hdr);
/* Map each schema column to its index in a store's header; -1 if absent. */
int cs_schema_bind(const struct cs_schema *s, const struct cs_row *hdr,
    const char *file, int *idx);

/* master.c: staff.csv and customers.csv */
struct cs_master {
	struct cs_ds *ds;
	const struct cs_schema *s;
	char *rel;		/* the store, relative to the data directory */
	char *path;
	struct cs_row hdr;	/* the store's header */
	int idx[64];		/* schema column -> header index */
};
int cs_master_open(struct cs_master *m, struct cs_ds *ds,
    const struct cs_schema *s);
int cs_master_open_rel(struct cs_master *m, struct cs_ds *ds,
    const struct cs_schema *s, const char *rel);
void cs_master_close(struct cs_master *m);
void cs_master_blank(const struct cs_master *m, struct cs_row *rec);
int cs_master_assign(const struct cs_master *m, struct cs_row *rec,
    const char *field, const char *value);
const char *cs_master_get(const struct cs_master *m, const struct cs_row *rec,
    const char *field);
int cs_master_complete(const struct cs_master *m, const struct cs_row *rec);
int cs_master_find(const struct cs_master *m, const char *id, struct cs_row *row,
    off_t *start, off_t *end);
int cs_master_last_id(struct cs_master *m, char **last);
int cs_master_append(struct cs_master *m, struct cs_row *recs, size_t n,
    const char *command, struct cs_buf *ids);
int cs_master_append_j(struct cs_master *m, struct cs_row *recs, size_t n,
    const char *command, const struct cs_buf *extra, struct cs_buf *ids);
int cs_master_diff(const struct cs_master *m, const struct cs_row *old,
    const struct cs_row *new, const char *command, struct cs_buf *journal);
int cs_master_update(struct cs_master *m, const struct cs_row *old,
    const struct cs_row *new, off_t start, off_t end, const char *command);
void cs_master_masked(const struct cs_master *m, struct cs_row *rec, int unmask);
void cs_master_remap(const struct cs_master *from, const struct cs_row *rec,
    const struct cs_master *to, struct cs_row *out);
void cs_master_put(const struct cs_master *m, struct cs_row *rec,
    const char *field, const char *value);
void cs_master_put_time(const struct cs_master *m, struct cs_row *rec,
    const char *field, cs_time t);
cs_time cs_master_get_time(const struct cs_master *m, const struct cs_row *rec,
    const char *field);
int cs_roster_team(struct cs_ds *ds, const char *field, const char *login,
    char **team);
int cs_customer_known(struct cs_ds *ds, const char *id);
char *cs_master_mask_value(const struct cs_master *m, const struct cs_row *rec,
    const char *field, const char *value);

/* dated.c: a dated store: a directory a month, chunks named by first id.
 * The lists below are NULL on an error (opendir, readdir: not ENOENT, which
 * is an empty list), with cs_fail set. */
long cs_chunk_bytes(void);
void cs_strv_free(char **v);
char **cs_dated_months(const char *datadir, const struct cs_schema *s);
char **cs_dated_chunks(const char *datadir, const struct cs_schema *s,
    const char *month);
char **cs_dated_files(const char *datadir, const struct cs_schema *s,
    const struct cs_period *p);
int cs_dated_locate(const char *datadir, const struct cs_schema *s,
    const char *id, char **rel);
int cs_dated_open_tail(struct cs_master *m, struct cs_ds *ds,
    const struct cs_schema *s, char **id);
int cs_dated_day_last(struct cs_ds *ds, const struct cs_schema *s, cs_time t,
    char **last);
int cs_dated_insert(struct cs_ds *ds, const struct cs_schema *s,
    struct cs_row *recs, size_t n, const struct cs_buf *journal);
int cs_dated_find(struct cs_ds *ds, const struct cs_schema *s, const char *what,
    const char *id, struct cs_master *m, struct cs_row *row, off_t *start,
    off_t *end);
char **cs_dir_csv(const char *dir);

/* verbs.c: add, set, show, list over a master store */
int cs_verb_add(struct cs_ds *ds, const struct cs_schema *s, int argc,
    char **argv);
int cs_verb_set(struct cs_ds *ds, const struct cs_schema *s, int argc,
    char **argv);
struct cs_opts;
int cs_verb_show(struct cs_ds *ds, const struct cs_schema *s,
    const struct cs_opts *o, const char *id);
int cs_verb_list(struct cs_ds *ds, const struct cs_schema *s,
    const struct cs_opts *o, const char *what,
    int (*keep)(const struct cs_master *, const struct cs_row *, void *),
    void *ctx);

/* cli.c: the common options and operands */
struct cs_opts {
	const char *dir;
	enum cs_fmt fmt;
	int fmt_set;
	int unmask;
	int excel;
	int gb18030;
	int dry_run;
	const char *period;	/* --month, --week, --quarter, --year */
	const char *period_kind;
	const char *from, *to;	/* --from, --to */
};
#define CS_COMMON_SHORT "D:o:"
#define CS_COMMON_LONG \
	{ "data-dir", required_argument, NULL, 'D' }, \
	{ "format", required_argument, NULL, 'o' }, \
	{ "wait", required_argument, NULL, 'W' }, \
	{ "help", no_argument, NULL, 'h' }, \
	{ "version", no_argument, NULL, 'V' }
#define CS_PERIOD_LONG \
	{ "month", required_argument, NULL, 0x101 }, \
	{ "week", required_argument, NULL, 0x102 }, \
	{ "quarter", required_argument, NULL, 0x103 }, \
	{ "year", required_argument, NULL, 0x104 }, \
	{ "from", required_argument, NULL, 0x105 }, \
	{ "to", required_argument, NULL, 0x106 }
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
const char *cs_column_map(const struct cs_buf *map, const char *name,
    struct cs_buf *tmp);
void cs_usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));

/* sla.c: service-level clocks over working hours and holidays */
struct cs_sla_rule {
	char kind[32], channel[16];
	int64_t first_response, resolution;	/* seconds */
	int64_t escalation;	/* seconds; 0: none */
	int business;
};
struct cs_sla {
	struct cs_sla_rule *rules;
	size_t nrules;
	int open[7], close[7];	/* minutes after midnight, Monday = 0 */
	int *holidays;		/* YYYYMMDD */
	size_t nholidays;
};
int cs_duration_parse(const char *s, int64_t *secs);
void cs_duration_format(int64_t secs, char out[32]);
int cs_sla_load(struct cs_sla *s, const char *dir);
void cs_sla_free(struct cs_sla *s);
const struct cs_sla_rule *cs_sla_rule(const struct cs_sla *s, const char *kind,
    const char *channel);
int64_t cs_sla_elapsed(const struct cs_sla *s, int business, cs_time a, cs_time b);
cs_time cs_sla_add(const struct cs_sla *s, int business, cs_time t, int64_t secs);

/* stats.c: normal quantiles, sample sizes, Wilson intervals */
double cs_normal_quantile(double p);
long cs_sample_size(long n, double confidence, double margin);
void cs_wilson(long k, long n, double confidence, double *lo, double *hi);
double cs_t_quantile(double p, double df);

/* rubric.c: the spot check's rubric and a record's score */
struct cs_rubric_cat {
	char name[32];
	double weight, max, standard;
	int critical;
};
struct cs_rubric {
	struct cs_rubric_cat *cats;
	size_t n;
};
int cs_rubric_load(struct cs_rubric *rb, const char *dir);
void cs_rubric_free(struct cs_rubric *rb);
double cs_rubric_score(const struct cs_rubric *rb, const double *s, int flagged,
    int *failed);

/* sample.c: stratified weighted sampling without replacement, one pass */
struct cs_cand {
	double key, weight;
	char why[96];
	struct cs_row row;
};
struct cs_stratum {
	size_t population;	/* records offered */
	struct cs_cand *heap;	/* the kept ones */
	size_t n;
};
struct cs_sampler {
	uint64_t seed;
	size_t k;
	struct cs_map strata;	/* name -> struct cs_stratum */
};
double cs_sample_u(uint64_t seed, const char *id);
uint64_t cs_sample_seed(const char *text);
void cs_sampler_init(struct cs_sampler *s, uint64_t seed, size_t k);
int cs_sampler_offer(struct cs_sampler *s, const char *name, const char *id,
    double weight, const char *why, const struct cs_row *row);
double cs_sample_key(uint64_t seed, const char *id, double weight);
struct cs_stratum *cs_sampler_stratum(struct cs_sampler *s, const char *name);
int cs_stratum_wants(const struct cs_sampler *s, const struct cs_stratum *st,
    double key);
void cs_stratum_keep(struct cs_sampler *s, struct cs_stratum *st, double key,
    double weight, const char *why, const struct cs_row *row);
void cs_sampler_trim(struct cs_stratum *st, size_t k);
struct cs_stratum **cs_sampler_result(struct cs_sampler *s, const char ***names,
    size_t *n);
void cs_sampler_free(struct cs_sampler *s);

/* rates.c: freight quotes */
struct cs_rate {
	char origin[32], destination[32], service[16];
	double first_kg, first_price, per_kg, minimum, divisor;
	int transit_days;
};
struct cs_rates {
	struct cs_rate *v;
	size_t n;
};
struct cs_quote {
	double actual, volumetric, chargeable, freight;
	int transit_days;
	cs_time promised;	/* the end of the promised day */
};
int cs_rates_load(struct cs_rates *rt, const char *dir);
void cs_rates_free(struct cs_rates *rt);
int cs_quote(const struct cs_rates *rt, const char *origin, const char *dest,
    const char *service, double kg, double l, double w, double h, cs_time ship,
    struct cs_quote *q);

/* grade.c: customer grades and early warnings (policy/grades.csv) */
struct cs_grade_policy {
	double w[4];		/* cooperation, volume, satisfaction, loyalty */
	double threshold[2];	/* A, B */
	double coop_months;	/* full marks at this many months */
	double vol[3];		/* full marks: orders, weight, freight a year */
	double sat_none, sat_complaint, loyalty_visits;
	double recent, trailing;	/* alert windows, days */
	double drop, drop_min, complaints, sat_drop, sat_min, idle, reopens;
	char visit[3][16];	/* the visit cadence of A, B, C */
};
int cs_grade_policy_load(struct cs_grade_policy *p, const char *dir);
/* One customer's year (the twelve months to now). */
struct cs_custstats {
	char id[16], type[16];
	char grade;		/* as stored: A, B, C or '\0' */
	int coop_months;	/* whole months since 'since' */
	long orders;		/* not cancelled */
	double weight, freight;
	unsigned months;	/* bit i: an order in the year's month i */
	int ratings, rating_sum;	/* tickets' and visits' 1 to 5 */
	int complaints, visits, answered;
	cs_time last_order;
	long orders_recent, orders_trailing;
	int complaints_recent, complaints_trailing;
	int rated_recent, rsum_recent, rated_before, rsum_before;
	int reopens;		/* of records of the alert windows */
};
struct cs_grade_parts {
	double coop, vol[3], volume, rating, sat, loyalty, score;
	int active;		/* months with orders, at most 12 */
	char grade;
};
void cs_grade_score(const struct cs_grade_policy *p,
    const struct cs_custstats *s, struct cs_grade_parts *g);
#define CS_ALERTS_MAX 5
struct cs_alert {
	const char *kind;	/* volume complaints satisfaction idle reopens */
	char why[160];
};
int cs_alerts(const struct cs_grade_policy *p, const struct cs_custstats *s,
    cs_time now, struct cs_alert a[CS_ALERTS_MAX]);
struct cs_custset {
	struct cs_map idx;	/* id -> index + 1 */
	struct cs_custstats *c;
	size_t n, cap;
	uint32_t *bynum;	/* C-NNNNNN: index + 1 by NNNNNN, 0 if none */
	size_t nnum;
	cs_time now, from;	/* the year */
	cs_time recent, trailing;	/* where the alert windows start */
	int month0;		/* year * 12 + month - 1 of from */
};
int cs_custset_gather(struct cs_custset *set, struct cs_ds *ds,
    const struct cs_grade_policy *p);
void cs_custset_free(struct cs_custset *set);

/* defaults.c: the policies a new data directory starts with */
struct cs_default_file {
	const char *path;
	const char *text;
};
extern const struct cs_default_file cs_defaults[];

/* check.c: validation of a data directory (cs check) */
int cs_check_dir(const char *dir, FILE *report);
/* What --repair mends, gathered while checking. */
struct cs_repair {
	char **noeol;		/* a last line that is a whole record, no line end */
	char **torn;		/* a last line that is not a whole record */
	char **leftover;	/* temporaries and backups of an ended change */
	size_t nnoeol, ntorn, nleftover;
};
int cs_check_dir2(const char *dir, FILE *report, int *hostile,
    struct cs_repair *fix);
int cs_check_repair(struct cs_ds *ds, struct cs_repair *fix, FILE *out);
void cs_repair_free(struct cs_repair *fix);

#endif
