/*
 * base.h - the first layer of cs-tools: text and data primitives.
 *
 * Nothing here knows the data directory, a store's columns or a rule of
 * the department; everything above may use all of it.  It promises:
 *
 * Errors.  A function that fails returns -1 (or NULL) after cs_fail(),
 * which records one line of text and an exit status (the statuses of
 * cs(7)).  Only a command decides to exit, with cs_die(), which prints
 * "prog: message" and exits with the recorded status; so every error path
 * can be reached from a unit test.  Out of memory is the one exception:
 * cs_xmalloc() and the buffers end the program (74).
 *
 * Records.  A row is one record: a single buffer holding the fields as
 * NUL-terminated strings, one after the other, and their offsets.  Rows
 * are reused from one record to the next, so a scan allocates nothing per
 * record.
 *
 * CSV.  The readers read our own store dialect (cs-store(5): UTF-8, LF,
 * one header row, one record per line, \n \r \\ escapes) and foreign CSV
 * through libcsv; both name the file and line of every error and refuse
 * invalid UTF-8, oversize fields and ragged records.
 *
 * Files.  A file of the data directory is opened only as a regular file
 * reached without a symbolic link (file.c); only ENOENT means "absent".
 *
 * Text is UTF-8; widths are display columns (utf8.c).  Times are seconds
 * since the epoch, shown as ISO 8601 with the offset of the department's
 * zone (timefmt.c); periods are [from, to) in that zone (period.c).
 * Counting by a key, with shares and percentiles, is group.c.
 */
#ifndef CS_BASE_H
#define CS_BASE_H

#include <libintl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <time.h>

/* err.c: exit statuses (cs(7)), one-line errors */
enum {
	CS_OK = 0,
	CS_NO = 1,		/* nothing found; a check found problems */
	CS_EUSAGE = 64,
	CS_EDATA = 65,
	CS_ENOINPUT = 66,
	CS_ECANTCREAT = 73,
	CS_ESOFTWARE = 70,
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
/* A note: what the run did that the user asked for ("columns ignored",
 * "yang9 2026-10: fail before, now pass"), one line as cs_warn prints
 * it, unless cs_quiet (-q).  A warning that matters (an unfinished
 * change rolled back, a setting ignored) is cs_warn, which -q leaves. */
extern int cs_quiet;
void cs_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void *cs_xmalloc(size_t n);
void *cs_xrealloc(void *p, size_t n);
char *cs_xstrdup(const char *s);
void cs_committed(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int cs_fail_stdout(int errnum);
int cs_close_stdout(void);
void cs_hold_stdfds(void);

/*
 * i18n.c: messages in the user's language (gettext, domain "cs-tools").
 * cs_fail, cs_fatal, cs_warn, cs_note and cs_committed translate their
 * format before formatting it, so a message is marked where it is
 * written and translated at that one funnel; other text shown to a
 * person goes through _() (N_() marks it in a table, to be translated
 * where it is shown).  Only LC_MESSAGES comes from the environment:
 * numbers, times and sort order stay those of the C locale, so that
 * output reads the same to a script in any locale (cs(7) LOCALE).
 */
#define _(s) gettext(s)
#define N_(s) (s)
void cs_i18n_init(void);
/* The heading of column name in the user's language (-o table): the
 * message "name" of context "column" (po/columns.c), else name itself. */
const char *cs_column_label(const char *name);
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
	uint32_t *off;		/* start of field i in buf (a row is
				 * under 4 GB: cs_row_push) */
	size_t n, ncap;
	long line;		/* line where the record starts, 0 if none */
};
void cs_row_clear(struct cs_row *r);
/* The names of cols ("a,b,c") pushed onto r. */
void cs_row_cols(struct cs_row *r, const char *cols);
void cs_row_push(struct cs_row *r, const char *s, size_t n);
void cs_row_push_quoted(struct cs_row *r, const char *s, size_t n);
const char *cs_row_get(const struct cs_row *r, size_t i);
void cs_row_set(struct cs_row *r, size_t i, const char *s);
void cs_row_copy(struct cs_row *dst, const struct cs_row *src);
void cs_row_free(struct cs_row *r);
int cs_row_find(const struct cs_row *hdr, const char *name);
/* Rows held compactly, for a job that holds many until it ends (an
 * import): each row's fields one after another, NUL-terminated, in one
 * arena; a row is its start, its field count and its line (about the
 * row's bytes and 24 more, where a cs_row each costs three allocations
 * and an offset a field). */
struct cs_rows {
	struct cs_buf a;
	struct cs_rows_at {
		size_t at;
		size_t n;
		long line;
	} *v;
	size_t n, cap;
};
void cs_rows_add(struct cs_rows *rs, const struct cs_row *r);
/* Row i into out (a copy; out->line its line). */
void cs_rows_get(const struct cs_rows *rs, size_t i, struct cs_row *out);
void cs_rows_free(struct cs_rows *rs);

/* utf8.c: validation and display width */
/* Returns 0, or -1 with *bad set to the offset of the first bad byte. */
int cs_utf8_check(const char *s, size_t n, size_t *bad);
int cs_utf8_decode(const char *s, size_t n, uint32_t *cp);
int cs_wcwidth(uint32_t cp);
int cs_wcwidth_slow(uint32_t cp);
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

/* map.c: string -> pointer hash map */
struct cs_map {
	char **keys;
	void **vals;
	size_t n, cap;
	uint64_t *hashes;	/* each key's, compared before the key */
};
void **cs_map_slot(struct cs_map *m, const char *key, int *isnew);
void *cs_map_get(const struct cs_map *m, const char *key);
/* The map's hash of a string (FNV-1a, its high bits folded in). */
uint64_t cs_str_hash(const char *s);
void cs_map_free(struct cs_map *m, void (*freeval)(void *));

/* idset.c: record ids of one kind (prefix) -> a value of vsize bytes, in
 * 8 bytes an id plus its value; values move on the next put.  cs_id_pack:
 * PREFIX-digits and PREFIX-YYYYMMDD-digits in 64 bits (never 0), in
 * cs_id_cmp's order (C-007 after C-7, which it takes as equal); 0 for
 * any other shape. */
struct cs_idset {
	char prefix[8];
	uint64_t *keys;		/* packed ids, increasing */
	unsigned char *vals;	/* their values */
	size_t n, cap, vsize;
	struct cs_map odd;	/* the other ids: id -> value */
};
uint64_t cs_id_pack(const char *prefix, const char *id);
char *cs_id_unpack(const char *prefix, uint64_t key, char *buf, size_t size);
void cs_idset_init(struct cs_idset *s, const char *prefix, size_t vsize);
void *cs_idset_put(struct cs_idset *s, const char *id, int *isnew);
void *cs_idset_get(const struct cs_idset *s, const char *id);
long cs_idset_index(const struct cs_idset *s, const char *id);
void cs_idset_merge(struct cs_idset *to, struct cs_idset *from);
size_t cs_idset_count(const struct cs_idset *s);
void cs_idset_free(struct cs_idset *s);

/* file.c: files and directories opened as cs-store(5) promises */
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
/* A temporary file for spilling, under $TMPDIR (else /tmp), named
 * PREFIX.XXXXXX in path (size bytes, for messages) and unlinked at once,
 * open for writing and reading back; NULL with errno and *step
 * ("mkstemp" or "fdopen") when it cannot be made. */
FILE *cs_spill_open(const char *prefix, char *path, size_t size,
    const char **step);
void cs_strv_free(char **v);
int cs_by_name(const void *a, const void *b);
/* The entries of dir that pass ok(name, arg) (csv: only NAME.csv, given
 * without ".csv"), sorted by cmp; an absent dir has none.  NULL on any
 * other error (opendir, readdir), with the step and the directory. */
char **cs_dir_entries(const char *dir, int csv,
    int (*ok)(const char *, const char *), const char *arg,
    int (*cmp)(const void *, const void *));
/* The names of the .csv files in dir, without ".csv", sorted. */
char **cs_dir_csv(const char *dir);

/* csvio.c: the store dialect, and foreign CSV (libcsv) */
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
	CS_READ_GB18030 = 8,	/* CSV: GB18030 taken (converted) when not UTF-8 */
	CS_READ_ROWS = 16,	/* CSV: a record of the wrong field count is 2 */
	CS_READ_WHOLE = 32,	/* a last line without its line end is a record
				 * (a file people write: a policy), not the
				 * torn tail of an append */
};
/* Set: every CS_READ_USER reader takes CS_READ_GB18030 (an importing
 * verb's --encoding gb18030; cs_opt_export sets it). */
extern int cs_read_gb18030;
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
/* 1 a record, 0 at the end, -1 an error naming file and line.  With
 * CS_READ_ROWS, a record whose field count is not the header's is 2,
 * its fields as they came and the error ("3 fields, the header has 4",
 * without file and line) set, and the reading may go on. */
int cs_reader_next(struct cs_reader *r, struct cs_row *row);
/* Part part of nparts of the store open on fd, of size bytes when opened
 * (fstat): the lines that start in [size * part / nparts, size * (part +
 * 1) / nparts), each once whatever the parts, the header read from the
 * start by each; read with pread, so threads may read the parts of one
 * open file at once.  The fd stays the caller's; r is closed on failure,
 * as by cs_reader_open.  In a part that starts
 * after the header a record's line is 0: cs_reader_line counts it. */
int cs_reader_part(struct cs_reader *r, int fd, const char *name, off_t size,
    size_t part, size_t nparts);
/* The line number of the record last read (messages name it). */
long cs_reader_line(struct cs_reader *r);
void cs_reader_close(struct cs_reader *r);

/* timefmt.c: ISO 8601 times with UTC offset, CS_NOW */
typedef int64_t cs_time;
int cs_time_now(cs_time *t);

/* idtimes.c: record ids of one kind (prefix) -> the times noted of each,
 * in the order noted; about 45 bytes an id of a packed shape
 * (cs_id_pack) with one time.  cs_idtimes_first: the index of id's first
 * time in t, or -1; cs_idtimes_next: the one after i, or -1. */
struct cs_idtimes {
	char prefix[8];
	uint64_t *keys;		/* a table of packed ids, 0 free */
	void *ends;		/* beside it: an id's first and last time */
	size_t cap, nkeys;
	cs_time *t;		/* the times, in the order noted */
	uint32_t *next;		/* the index of the id's next time */
	size_t n, ncap;
	struct cs_map odd;	/* the other ids: id -> their ends */
};
void cs_idtimes_init(struct cs_idtimes *s, const char *prefix);
void cs_idtimes_add(struct cs_idtimes *s, const char *id, cs_time t);
long cs_idtimes_first(const struct cs_idtimes *s, const char *id);
long cs_idtimes_next(const struct cs_idtimes *s, long i);
void cs_idtimes_merge(struct cs_idtimes *to, struct cs_idtimes *from);
void cs_idtimes_free(struct cs_idtimes *s);
int cs_time_parse(const char *s, cs_time *t);
int cs_date_parse(const char *s, int *y, int *m, int *d);
void cs_time_format(cs_time t, char out[32]);
void cs_date_format(cs_time t, char out[16]);
int cs_days_in_month(int y, int m);
int cs_mktime_local(int y, int mo, int d, int h, int mi, int s, cs_time *t);
int64_t cs_local_day(cs_time t);
int cs_zone_use(const char *dir);
/* A count of the zones set so far: what caches a time's text keys on. */
unsigned cs_zone_gen(void);

/* period.c: months, ISO weeks, quarters, years, last-week, last-month */
int cs_weekday(int y, int m, int d);	/* of a civil date, Monday = 0 */
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
int cs_is_mask(const char *kind, const char *value);

/* stats.c: normal quantiles, sample sizes, Wilson intervals */
double cs_normal_quantile(double p);
long cs_sample_size(long n, double confidence, double margin);
void cs_wilson(long k, long n, double confidence, double *lo, double *hi);
double cs_t_quantile(double p, double df);

/* env.c: the environment of a setgid program */
#include "base/env.h"

#endif
