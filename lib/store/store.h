/*
 * store.h - the second layer: the data directory and its stores.
 *
 * A data directory holds the stores (cs-store(5)): the master stores
 * staff.csv and customers.csv (master.c), the dated stores, a directory a
 * month of chunks named by their first id (dated.c), and the monthly logs
 * (journal/, the event logs).  Each store's columns and the values each
 * may hold are its schema (schema.c).
 *
 * Readers take no lock.  Writers hold the lock of the data directory
 * (lock.c; commands take it with cs_lock, commit.c, which first rolls
 * back a change a dead writer left) and change files only inside a
 * transaction (commit.c): an undo record in .intent is on disk before a
 * file is touched, and the change is whole, or rolled back whole, whatever
 * fails or whoever is killed.  The journal lines of a change are in the
 * same transaction (journal.c); a dated record and its event line are
 * one commit (record.c).  Readers see the old file or the new one, never
 * half a record.
 *
 * Month-long jobs read through the fast scanner (scan.c); cs check
 * validates the whole directory (check.c).
 *
 * Layers below: base.
 */
#ifndef CS_STORE_H
#define CS_STORE_H

#include "base/base.h"

/* lock.c: the writers' lock of a data directory */
struct cs_ds {
	char *dir;
	int lockfd;		/* -1 unless the lock is held */
	cs_time now;		/* the time of this run's changes */
	const char *user;	/* the acting user: whom the rules apply to and
				 * the records name; the real user, or CS_USER
				 * given by one who may act for others */
	const char *real;	/* the login of the real user id */
	int admin;		/* the real user is root or owns the directory */
	const char *program;
};
int cs_ds_open(struct cs_ds *ds, const char *dir);
char *cs_ds_path(const struct cs_ds *ds, const char *rel);
/* The lock itself; commands take it with cs_lock (commit.c). */
int cs_lock_take(struct cs_ds *ds, double wait);
/* The lock shared, for a reader that must see the stores at one moment:
 * writers wait while it is held (cs_lock_unshare drops it). */
int cs_lock_shared(struct cs_ds *ds, double wait);
void cs_lock_unshare(struct cs_ds *ds);
void cs_lock_drop(struct cs_ds *ds);
extern double cs_lock_wait;
/* Set (to the command's name) by a command that only reads: taking the
 * lock is then an error, so a reading command can never write. */
extern const char *cs_lock_refused;

/* commit.c: one change of the data directory, all or nothing (the
 * protocol is told at the top of commit.c and in cs-store(5)).  With the
 * lock held: cs_txn_begin, any number of appends and rewrites (paths
 * relative to the data directory), cs_txn_commit; a failed step rolls
 * the whole back and the commit then fails.  Begin and commit nest: an
 * inner pair joins the outer transaction.  cs_txn_fail rolls back after
 * a failure of the caller's own; cs_txn_abort ends a begin without
 * committing. */
/* The writers' lock, with the rollback of an unfinished change first;
 * cs_unlock also rolls back an open transaction, cs_ds_close also ends
 * the lock. */
int cs_lock(struct cs_ds *ds, double wait);
/* When set, asked before cs_lock takes the lock: -1 refuses the writer
 * (the programs set it to the roles' cs_roles_writer: a login not on the
 * roster may only read). */
extern int (*cs_lock_gate)(struct cs_ds *ds);
void cs_unlock(struct cs_ds *ds);
void cs_ds_close(struct cs_ds *ds);
int cs_txn_begin(struct cs_ds *ds);
int cs_txn_append(struct cs_ds *ds, const char *rel, const char *header,
    const char *data, size_t len);
/* The same, the data given a piece at a time by next (1 and a piece,
 * 0 at the end, -1 with the error): a large append written from a
 * buffer the caller reuses, not held whole. */
int cs_txn_append_pieces(struct cs_ds *ds, const char *rel, const char *header,
    int (*next)(void *ctx, const char **p, size_t *n), void *ctx);
int cs_txn_rewrite(struct cs_ds *ds, const char *rel, const char *const *parts,
    const size_t *lens, size_t nparts);
int cs_txn_commit(struct cs_ds *ds);
int cs_txn_fail(struct cs_ds *ds);
/* Repairs (cs check --repair): a line end added to a last record that
 * lacks it; a temporary or backup left by an ended change removed. */
int cs_txn_mend(struct cs_ds *ds, const char *rel);
int cs_txn_remove_side(struct cs_ds *ds, const char *rel);
void cs_txn_abort(struct cs_ds *ds);
/* The end of a transaction the caller began: committed when r is 0, else
 * rolled back; 0 or -1. */
int cs_txn_end(struct cs_ds *ds, int r);
/* Under the lock, before anything else: roll back an unfinished change. */
int cs_txn_recover(struct cs_ds *ds, size_t *done, char *who, size_t whon);
void cs_txn_release(void);
/* Without the lock (cs check): 1 and whose it is when DIR/.intent holds an
 * unfinished change (and, in what if given, what rolling it back does),
 * 0 if not, -1 on an error. */
int cs_intent_pending(const char *dir, char *who, size_t whon,
    struct cs_buf *what);

/* store.c: reading and writing stores */
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
/* Lines of one file replaced in one rewrite: range i, [start[i], end[i]),
 * by lines[i]; the ranges whole lines that do not overlap, in any order. */
int cs_store_replace_many(struct cs_ds *ds, const char *rel, const off_t *start,
    const off_t *end, const struct cs_buf *const *lines, size_t n);
char *cs_month_rel(const char *dir, cs_time t);

/* journal.c: every change, in the same transaction as the change */
#define CS_JOURNAL_HEADER "time,user,program,command,id,field,old,new,hash\n"
void cs_journal_user(struct cs_buf *b, const struct cs_ds *ds);
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
/* Records added, made as they are written, not held (an import's are
 * hundreds of megabytes): line adds record i's store line (with its LF)
 * to out and gives its id (valid until the next call): 0, or -1 with
 * the error.  cs_journal_made: their journal lines, cs_journal_line
 * (command, id, "", "", the line without its LF), then extra's lines
 * (NULL: none), chained and appended a piece at a time in a transaction
 * open already.  cs_commit_append_made: those and the records appended
 * to rel, in one transaction; each record is made twice, for its journal
 * line and for the store, i from 0 up each time. */
typedef int (*cs_added_line)(void *ctx, size_t i, struct cs_buf *out,
    const char **id);
int cs_journal_made(struct cs_ds *ds, size_t n, cs_added_line line, void *ctx,
    const char *command, const struct cs_buf *extra);
int cs_commit_append_made(struct cs_ds *ds, const char *rel, const char *header,
    size_t n, cs_added_line line, void *ctx, const char *command,
    const struct cs_buf *extra);
/* A cs_added_line of an array of records (ctx): the record as it is,
 * its id in column idcol. */
struct cs_recs_lines {
	const struct cs_row *recs;
	size_t idcol;
};
int cs_recs_line(void *ctx, size_t i, struct cs_buf *out, const char **id);
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
    cs_schema_visits, cs_schema_visit_plans, cs_schema_alert_acks;
const struct cs_column *cs_schema_col(const struct cs_schema *s, const char *name);
/* NULL if the value fits the column, else why not. */
const char *cs_check_value(const struct cs_column *c, const char *v);
const char *cs_check_utf8_value(const struct cs_column *c, const char *v);
void cs_schema_row(const struct cs_schema *s, struct cs_row *hdr);
/* 1 when col was added to s after stores were written: an older store
 * lacks it (bound to -1: it reads as empty; a writer that stores a value
 * there widens the store first, widen.c). */
int cs_schema_late(const struct cs_schema *s, const char *col);
/* Map each schema column to its index in a store's header; -1 if absent
 * (only a late column may be). */
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
	int widened;		/* cs_master_widen began a transaction: the
				 * next write ends it */
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
/* The same in two steps, for many records between the same headers:
 * the column of from's header for each of to's (-1: none) into map (of
 * to->hdr.n), found once; then each record laid out by it. */
void cs_master_colmap(const struct cs_master *from, const struct cs_master *to,
    int *map);
void cs_master_remap_by(const int *map, size_t n, const struct cs_row *rec,
    struct cs_row *out);
/* The same by the schema's columns alone, bound in both (to's others
 * empty): a reader's, row after row of a chunk older than a column. */
void cs_master_relay(const struct cs_master *from, const struct cs_row *rec,
    const struct cs_master *to, struct cs_row *out);
void cs_master_put(const struct cs_master *m, struct cs_row *rec,
    const char *field, const char *value);
void cs_master_put_time(const struct cs_master *m, struct cs_row *rec,
    const char *field, cs_time t);
cs_time cs_master_get_time(const struct cs_master *m, const struct cs_row *rec,
    const char *field);
/* A list filter: 1 when every field whose wanted value is given (not
 * NULL) holds exactly that value in rec. */
struct cs_match {
	const char *field, *want;
};
int cs_master_match(const struct cs_master *m, const struct cs_row *rec,
    const struct cs_match *eq, size_t n);
int cs_roster_team(struct cs_ds *ds, const char *field, const char *login,
    char **team);
int cs_customer_known(struct cs_ds *ds, const char *id);
char *cs_master_mask_value(const struct cs_master *m, const struct cs_row *rec,
    const char *field, const char *value);

/* widen.c: a store written before a late column was added, given it */
/* hdr with every column of s it lacks inserted after the column before it
 * in the schema, into out; the number added. */
int cs_widen_header(const struct cs_schema *s, const struct cs_row *hdr,
    struct cs_row *out);
/* The journal line of rel widened from header from to header to. */
void cs_widen_journal(struct cs_buf *j, const struct cs_ds *ds,
    const char *rel, const struct cs_row *from, const struct cs_row *to);
/* Lock held: the store file rel (a master file or a chunk of s) rewritten
 * with every column of its schema, its records the same with the new
 * columns empty, and one journal line "widen"; a transaction of its own,
 * or a part of the caller's when one is open.  1 widened, 0 nothing to
 * do (no column missing, an absent or empty file), -1 the error. */
int cs_store_widen(struct cs_ds *ds, const struct cs_schema *s, const char *rel);
/* 1 when field is a column of m's schema that m's store lacks. */
int cs_master_lacks(const struct cs_master *m, const char *field);
/* Lock held: a transaction begun, m's store widened in it, m open on it
 * again, and, when id is given, its record found again (row, *start,
 * *end: the bytes moved).  The widening and the change are one
 * transaction: the next write through m (cs_master_update,
 * cs_master_append_j, cs_record_change) ends it, and an error before
 * (cs_unlock) rolls the widening back.  A row read before is laid out as
 * the old header: widen before copying it.  -1 with the error. */
int cs_master_widen(struct cs_master *m, const char *id, struct cs_row *row,
    off_t *start, off_t *end);

/* dated.c: a dated store: a directory a month, chunks named by first id.
 * The lists below are NULL on an error (opendir, readdir: not ENOENT, which
 * is an empty list), with cs_fail set. */
long cs_chunk_bytes(void);
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
    struct cs_row *recs, size_t n, const char *command);
int cs_dated_find(struct cs_ds *ds, const struct cs_schema *s, const char *what,
    const char *id, struct cs_master *m, struct cs_row *row, off_t *start,
    off_t *end);

/* scan.c: a fast reader of our own stores, for month-long scans */
struct cs_slice {
	const char *p;		/* into the block read, valid only during the
				 * callback; NULL: no such column */
	size_t n;
	int quoted;		/* quotes or escapes to undo: cs_slice_text */
};
int cs_scan_store(const char *path, const char *const *cols, size_t ncols,
    int (*fn)(void *, const struct cs_slice *, long), void *ctx);
/* The same of the file open on fd (named path in messages), from its
 * start, as far as size bytes (so twice, the same bytes). */
int cs_scan_store_fd(int fd, const char *path, off_t size,
    const char *const *cols, size_t ncols,
    int (*fn)(void *, const struct cs_slice *, long), void *ctx);
const char *cs_slice_text(const struct cs_slice *f, struct cs_buf *b);
const char **cs_scan_cols_all(const char *const *first, size_t nfirst,
    const struct cs_row *hdr, size_t *n);
/* 1 when the field's text is s (b for one to unquote), else 0. */
int cs_slice_is(const struct cs_slice *f, const char *s, struct cs_buf *b);
/*
 * A scan split across the cores.  cs_scan_threads: how many threads scan
 * nfiles files, $CS_THREADS or else the online CPUs, at most
 * CS_SCAN_THREADS_MAX and at most one a file (at least 1).  cs_scan_share:
 * the files of share t of nt, [*first, *first + *count), contiguous and in
 * order (share 0 the first files).  cs_scan_parallel: the files
 * (NULL-ended) scanned by nt threads, share t by one thread calling
 * fn(ctx[t], ...) for each line of its files in order (share 0 on the
 * calling thread).  So fn must touch nothing shared but what it only
 * reads; the caller merges the contexts after, in share order for a
 * result that keeps file order, and the output is then the same whatever
 * the threads.  Returns 0, or -1 with the error of the first share, in
 * file order, that failed (a share stops at its first error).
 */
#define CS_SCAN_THREADS_MAX 8
/* fn on each of the n elements of size bytes at v, one a thread (the
 * first on this one; an element no thread could take, here after it):
 * for the shares of a job whose fn cannot fail. */
void cs_on_threads(void *(*fn)(void *), void *v, size_t size, size_t n);
size_t cs_scan_threads(size_t nfiles);
void cs_scan_share(size_t nfiles, size_t nt, size_t t, size_t *first,
    size_t *count);
int cs_scan_parallel(char *const *files, size_t nt, const char *const *cols,
    size_t ncols, int (*fn)(void *, const struct cs_slice *, long),
    void *const *ctx);
/* One file (a month's journal) split at line boundaries into nt parts
 * of about its size over nt, part t scanned by a thread calling
 * fn(ctx[t], ...): each line once, the header read by every part; a
 * part after the first passes 0 for the line's number (a malformed
 * line's message counts the lines before it).  Errors as above. */
int cs_scan_parts(const char *path, size_t nt, const char *const *cols,
    size_t ncols, int (*fn)(void *, const struct cs_slice *, long),
    void *const *ctx);

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
