/*
 * check.c: validation of a whole data directory, for cs check.  Every
 * store is read as readers read it; each problem is printed as
 * "file:line: problem" and counted, and reading goes on, so one run lists
 * them all.  A store line that cannot be split does not hide the lines
 * after it: the store dialect has one record per line.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/outbox.h"
#include "store/store.h"
#include "store/record.h"

struct ctx {
	const char *dir;
	FILE *out;
	int problems;
	int hostile;		/* symlinks, FIFOs, devices found */
	struct cs_idset ids[2];	/* staff, customers: for references */
	struct cs_idset dated[3]; /* tickets, complaints, orders: for the journal */
	struct cs_repair *fix;	/* --repair: what to mend */
};


/* Columns that name a record of a master store. */
static const struct ref {
	const char *schema, *col;
	int master;		/* 0 staff, 1 customers */
} refs[] = {
	{ "tickets", "agent", 0 },
	{ "tickets", "customer", 1 },
	{ "complaints", "handler", 0 },
	{ "complaints", "customer", 1 },
	{ "orders", "customer", 1 },
	{ "visits", "customer", 1 },
	{ "visits", "agent", 0 },
};

static void
problem(struct ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* One problem, one line: control characters in it shown escaped. */
static void
problem(struct ctx *c, const char *fmt, ...)
{
	char msg[1024], shown[4 * sizeof msg + 1];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, gettext(fmt), ap);
	va_end(ap);
	cs_ctrl_escape(shown, msg, strlen(msg));
	fprintf(c->out, "%s\n", shown);
	c->problems++;
}

static void
strv_push(char ***v, size_t *n, const char *s)
{
	*v = cs_xrealloc(*v, (*n + 2) * sizeof **v);
	(*v)[(*n)++] = cs_xstrdup(s);
	(*v)[*n] = NULL;
}

/* The last line of a store: it must end with a line end.  One without is
 * a record a hand edit left open (--repair adds the line end) or a line
 * torn by a crash of an older version (--repair removes it, and says so). */
static void
check_tail(struct ctx *c, const char *rel, int fd)
{
	struct stat st;
	char buf[4096], last;
	struct cs_row row = { 0 }, hdr = { 0 };
	struct cs_buf line = { 0 }, head = { 0 };
	const char *why;
	off_t pos, s;
	ssize_t k, i;
	int whole;

	if (fstat(fd, &st) < 0 || st.st_size == 0 ||
	    pread(fd, &last, 1, st.st_size - 1) != 1 || last == '\n')
		return;
	/* the last line, and the header to count its fields */
	for (pos = st.st_size; pos > 0; pos = s) {
		s = pos > (off_t)sizeof buf ? pos - (off_t)sizeof buf : 0;
		if ((k = pread(fd, buf, (size_t)(pos - s), s)) <= 0)
			break;
		for (i = k - 1; i >= 0 && buf[i] != '\n'; i--)
			;
		cs_buf_grow(&line, (size_t)(k - i - 1));
		memmove(line.s + (k - i - 1), line.s, line.len);
		memcpy(line.s, buf + i + 1, (size_t)(k - i - 1));
		line.len += (size_t)(k - i - 1);
		if (i >= 0)
			break;
	}
	if ((k = pread(fd, buf, sizeof buf - 1, 0)) > 0) {
		buf[k] = '\0';
		cs_buf_add(&head, buf, strcspn(buf, "\n"));
	}
	cs_buf_addc(&line, '\0');
	cs_buf_addc(&head, '\0');
	whole = line.len - 1 < (size_t)st.st_size &&
	    cs_split_line(head.s, strlen(head.s), &hdr, &why) == 0 &&
	    cs_split_line(line.s, line.len - 1, &row, &why) == 0 &&
	    row.n == hdr.n;
	problem(c, "%s: the last line has no line end: %s", rel, whole ?
	    "a whole record (cs check --repair adds the line end)" :
	    "not a whole record, torn (cs check --repair removes it)");
	if (c->fix && whole)
		strv_push(&c->fix->noeol, &c->fix->nnoeol, rel);
	else if (c->fix)
		strv_push(&c->fix->torn, &c->fix->ntorn, rel);
	cs_row_free(&row);
	cs_row_free(&hdr);
	cs_buf_free(&line);
	cs_buf_free(&head);
}

static int
open_rel(struct ctx *c, struct cs_reader *r, const char *rel, int optional)
{
	struct cs_buf path = { 0 };
	FILE *fp = NULL;
	int fd;

	cs_buf_addf(&path, "%s/%s", c->dir, rel);
	fd = cs_open_regular(path.s, O_RDONLY, 0);
	cs_buf_free(&path);
	if (fd >= 0) {
		check_tail(c, rel, fd);
		if ((fp = fdopen(fd, "r")) == NULL)
			close(fd);
	}
	if (fp == NULL) {
		if (fd < 0 && cs_errstatus() == CS_EPERM)
			return -1;	/* the walk reports it */
		if (!(optional && errno == ENOENT))
			problem(c, "%s: %s", rel, strerror(errno));
		return -1;
	}
	if (cs_reader_fdopen(r, fp, rel, CS_READ_STORE, 0) < 0) {
		problem(c, "%s", cs_errmsg());
		r->own = 1;
		cs_reader_close(r);
		return -1;
	}
	r->own = 1;
	return 0;
}

/* Check the values of one record against its schema. */
static void
check_row(struct ctx *c, const char *rel, const struct cs_schema *s,
    const int *idx, const struct cs_row *row)
{
	const char *v, *why;
	size_t i;

	const char *cc;

	for (i = 0; i < s->ncols; i++) {
		v = cs_row_get(row, (size_t)idx[i]);
		/* the reader took only UTF-8 lines */
		if ((why = cs_check_utf8_value(&s->cols[i], v)) != NULL)
			problem(c, "%s:%ld: field '%s': %s: '%s'", rel, row->line,
			    s->cols[i].name, why, v);
		/* free text may hold them; they are listed all the same (the
		 * journal repeats the records' text, and is not) */
		else if (s != &cs_schema_journal &&
		    (cc = cs_ctrl_find(v, strlen(v), "\t\n\r")) != NULL)
			problem(c, "%s:%ld: field '%s': a control character at byte "
			    "%td: '%s'", rel, row->line, s->cols[i].name, cc - v + 1,
			    v);
	}
}

/*
 * A master store (staff, customers): ids valid and unique; where ids are
 * allocated (customers), in increasing order, as lookups need.
 */
static void check_master_opt(struct ctx *c, const struct cs_schema *s,
    struct cs_idset *seenp, int optional);

static void
check_master(struct ctx *c, const struct cs_schema *s, struct cs_idset *seenp)
{
	check_master_opt(c, s, seenp, 0);
}

/* The same, for a store that may be absent (seenp NULL: not kept). */
static void
check_master_opt(struct ctx *c, const struct cs_schema *s, struct cs_idset *seenp,
    int optional)
{
	struct cs_reader r;
	struct cs_row row = { 0 };
	struct cs_idset seen;
	char *last = NULL;
	int idx[64], k, isnew;
	const char *id;

	cs_idset_init(&seen, s->idprefix ? s->idprefix : "", 0);
	if (open_rel(c, &r, s->name, optional) < 0) {
		if (seenp)
			*seenp = seen;
		return;
	}
	if (r.hdr.n == 0) {
		problem(c, "%s:1: no header line", s->name);
		goto out;
	}
	if (cs_schema_bind(s, &r.hdr, s->name, idx) < 0) {
		problem(c, "%s", cs_errmsg());
		goto out;
	}
	while ((k = cs_reader_next(&r, &row)) != 0) {
		if (k < 0) {
			problem(c, "%s", cs_errmsg());
			continue;
		}
		check_row(c, s->name, s, idx, &row);
		id = cs_row_get(&row, (size_t)idx[0]);
		cs_idset_put(&seen, id, &isnew);
		if (!isnew)
			problem(c, "%s:%ld: id '%s' appears twice", s->name, row.line,
			    id);
		if (s->idprefix && last && cs_id_cmp(last, id) >= 0 && isnew)
			problem(c, "%s:%ld: id '%s' out of order after '%s'", s->name,
			    row.line, id, last);
		free(last);
		last = cs_xstrdup(id);
	}
out:
	free(last);
	if (seenp)
		*seenp = seen;
	else
		cs_idset_free(&seen);
	cs_row_free(&row);
	cs_reader_close(&r);
}

/* A log kept beside the master stores (alert-acks.csv), which may be
 * absent: each line's fields, and the customer it names on file. */
static void
check_log(struct ctx *c, const struct cs_schema *s)
{
	struct cs_reader r;
	struct cs_row row = { 0 };
	int idx[64], k, cust;
	const char *v;

	if (open_rel(c, &r, s->name, 1) < 0)
		return;
	if (r.hdr.n == 0) {
		problem(c, "%s:1: no header line", s->name);
		goto out;
	}
	if (cs_schema_bind(s, &r.hdr, s->name, idx) < 0) {
		problem(c, "%s", cs_errmsg());
		goto out;
	}
	cust = cs_row_find(&r.hdr, "customer");
	while ((k = cs_reader_next(&r, &row)) != 0) {
		if (k < 0) {
			problem(c, "%s", cs_errmsg());
			continue;
		}
		check_row(c, s->name, s, idx, &row);
		v = cust >= 0 ? cs_row_get(&row, (size_t)cust) : "";
		if (*v && cs_idset_get(&c->ids[1], v) == NULL)
			problem(c, "%s:%ld: field 'customer': no customer '%s'",
			    s->name, row.line, v);
	}
out:
	cs_row_free(&row);
	cs_reader_close(&r);
}

#define NREFS (sizeof refs / sizeof refs[0])

/* The columns of hdr check_refs reads: at[0] the id's, at[1 + i] that of
 * refs[i], or -2 when refs[i] is another store's (-1: none). */
static void
ref_columns(const struct cs_schema *s, const struct cs_row *hdr, int *at)
{
	size_t i;

	at[0] = cs_row_find(hdr, "id");
	for (i = 0; i < NREFS; i++)
		at[1 + i] = strcmp(refs[i].schema, s->name) ? -2 :
		    cs_row_find(hdr, refs[i].col);
}

/* References to master records, and ids in order in a dated store. */
static void
check_refs(struct ctx *c, const char *rel, const struct cs_schema *s,
    const int *at, const struct cs_row *row, char **last)
{
	const char *id = cs_row_get(row, (size_t)at[0]), *v;
	size_t i;

	for (i = 0; i < NREFS; i++) {
		if (at[1 + i] == -2)
			continue;
		v = cs_row_get(row, (size_t)at[1 + i]);
		if (*v && cs_idset_get(&c->ids[refs[i].master], v) == NULL)
			problem(c, "%s:%ld: field '%s': no %s '%s'", rel, row->line,
			    refs[i].col, refs[i].master ? "customer" :
			    "one on the roster called", v);
	}
	if (!s->daily || !cs_id_valid(s->idprefix, id))
		return;
	if (strchr("TKO", *s->idprefix))	/* what the journal adds */
		cs_idset_put(&c->dated[*s->idprefix == 'T' ? 0 :
		    *s->idprefix == 'K' ? 1 : 2], id, NULL);
	if (*last && cs_id_cmp(*last, id) >= 0)
		problem(c, "%s:%ld: id '%s' out of order after '%s'", rel, row->line,
		    id, *last);
	free(*last);
	*last = cs_xstrdup(id);
}

/* A record the journal says was added is in its store. */
static void
check_journaled(struct ctx *c, const char *rel, const int *idx,
    const struct cs_row *row)
{
	const char *prog = cs_row_get(row, (size_t)idx[2]),
	    *cmd = cs_row_get(row, (size_t)idx[3]),
	    *id = cs_row_get(row, (size_t)idx[4]),
	    *field = cs_row_get(row, (size_t)idx[5]);
	const struct cs_idset *set = NULL;
	const char *what = NULL;

	if (*field || (strcmp(cmd, "add") && strcmp(cmd, "import")))
		return;
	if (cs_id_valid("C", id) && strncmp(id, "C-", 2) == 0)
		set = &c->ids[1], what = "customers.csv";
	else if (cs_id_valid("T", id) && strlen(id) > 10 && id[10] == '-')
		set = &c->dated[0], what = "tickets";
	else if (cs_id_valid("K", id) && strlen(id) > 10 && id[10] == '-')
		set = &c->dated[1], what = "complaints";
	else if (cs_id_valid("O", id) && strlen(id) > 10 && id[10] == '-')
		set = &c->dated[2], what = "orders";
	else if ((strcmp(prog, "cs-staff") == 0 || strcmp(prog, "cs-ticket") == 0) &&
	    cs_login_valid(id))
		set = &c->ids[0], what = "staff.csv";
	if (set && cs_idset_get(set, id) == NULL)
		problem(c, "%s:%ld: the journal says %s was added, but %s has no "
		    "such record", rel, row->line, id, what);
}

/* A dated store's id in its place: its month's directory, and between
 * its chunk's name and the next chunk's. */
static void
check_home(struct ctx *c, const char *rel, const char *month, const char *first,
    const char *next, const struct cs_row *row, const char *id)
{
	char m[8];

	snprintf(m, sizeof m, "%.4s-%.2s", id + 2, id + 6);
	if (strcmp(m, month) != 0)
		problem(c, "%s:%ld: id '%s' belongs in month %s", rel, row->line, id,
		    m);
	else if (cs_id_cmp(id, first) < 0 || (next && cs_id_cmp(id, next) >= 0))
		problem(c, "%s:%ld: id '%s' outside its chunk (%s to %s)", rel,
		    row->line, id, first, next ? next : "the end");
}

/* A month file, or a chunk of a dated store's month: its records' times
 * in that month; for a chunk, ids from first (on) to next (not on). */
static void
check_records(struct ctx *c, struct cs_reader *r, const char *rel,
    const char *month, const struct cs_schema *s, const char *timecol,
    char **lastp, const char *first, const char *next);

static void
check_month(struct ctx *c, const char *rel, const char *month,
    const struct cs_schema *s, const char *timecol, char **lastp,
    const char *first, const char *next)
{
	struct cs_reader r;
	struct cs_period p;

	if (cs_period_parse("month", month, &p) < 0) {
		problem(c, "%s: not a month file (YYYY-MM.csv)", rel);
		return;
	}
	if (open_rel(c, &r, rel, 0) < 0)
		return;
	check_records(c, &r, rel, month, s, timecol, lastp, first, next);
	cs_reader_close(&r);
}

/* The records of r (open, past its header) in check_month. */
static void
check_records(struct ctx *c, struct cs_reader *r, const char *rel,
    const char *month, const struct cs_schema *s, const char *timecol,
    char **lastp, const char *first, const char *next)
{
	struct cs_row row = { 0 };
	struct cs_period p;
	int idx[64], k, t, at[1 + NREFS];
	char *own = NULL, **last = lastp ? lastp : &own;
	cs_time when;

	cs_period_parse("month", month, &p);
	if (r->hdr.n == 0)
		goto out;	/* created by a writer that died: empty */
	if (cs_schema_bind(s, &r->hdr, rel, idx) < 0) {
		problem(c, "%s", cs_errmsg());
		goto out;
	}
	t = cs_row_find(&r->hdr, timecol);
	ref_columns(s, &r->hdr, at);
	while ((k = cs_reader_next(r, &row)) != 0) {
		if (k < 0) {
			problem(c, "%s", cs_errmsg());
			continue;
		}
		check_row(c, rel, s, idx, &row);
		check_refs(c, rel, s, at, &row, last);
		if (s == &cs_schema_journal)
			check_journaled(c, rel, idx, &row);
		if (first)
			check_home(c, rel, month, first, next, &row,
			    cs_row_get(&row, (size_t)idx[0]));
		if (cs_time_parse(cs_row_get(&row, (size_t)t), &when) == 0 &&
		    !cs_period_contains(&p, when))
			problem(c, "%s:%ld: %s '%s' is not in %s", rel, row.line,
			    timecol, cs_row_get(&row, (size_t)t), p.name);
	}
out:
	free(own);
	cs_row_free(&row);
}

/* The chunks [from, to) of a month, in order; *last the last valid id
 * before them (NULL at the month's start), and after them. */
static void
check_chunks(struct ctx *c, const struct cs_schema *s, const char *timecol,
    char **chunks, const char *month, size_t from, size_t to, char **last)
{
	char first[64], next[64];
	size_t i;

	for (i = from; i < to; i++) {
		snprintf(first, sizeof first, "%s", strrchr(chunks[i], '/') + 1);
		first[strlen(first) - 4] = '\0';
		if (chunks[i + 1]) {
			snprintf(next, sizeof next, "%s",
			    strrchr(chunks[i + 1], '/') + 1);
			next[strlen(next) - 4] = '\0';
		}
		check_month(c, chunks[i], month, s, timecol, last, first,
		    chunks[i + 1] ? next : NULL);
	}
}

/* The last valid id before chunk at, as check_month leaves it in *last
 * (read again, silently: its own share reports its problems): a chunk
 * check_month reads no id of (empty, only a header, a header that does
 * not bind, unreadable) leaves it as the chunk before it did. */
static char *
chunk_last(struct ctx *c, const struct cs_schema *s, char **chunks, size_t at)
{
	struct cs_buf path = { 0 };
	struct cs_reader r;
	struct cs_row row = { 0 };
	char *last = NULL;
	const char *id;
	int k, col, idx[64];

	while (last == NULL && at-- > 0) {
		cs_buf_reset(&path);
		cs_buf_addf(&path, "%s/%s", c->dir, chunks[at]);
		if (cs_reader_open(&r, path.s, CS_READ_STORE, 0) < 0)
			continue;
		if (r.hdr.n > 0 && cs_schema_bind(s, &r.hdr, chunks[at], idx) == 0 &&
		    (col = cs_row_find(&r.hdr, "id")) >= 0)
			while ((k = cs_reader_next(&r, &row)) != 0) {
				if (k < 0)
					continue;
				id = cs_row_get(&row, (size_t)col);
				if (cs_id_valid(s->idprefix, id)) {
					free(last);
					last = cs_xstrdup(id);
				}
			}
		cs_reader_close(&r);
	}
	cs_row_free(&row);
	cs_buf_free(&path);
	return last;
}

/* A share of a month's chunks checked on a thread of its own: into a
 * context of its own (its problems in memory, its ids, its repairs),
 * merged into the caller's in share order, which is file order. */
struct share {
	struct ctx c;
	const struct cs_schema *s;
	const char *timecol, *month;
	char **chunks;
	size_t from, to;
	char *last;
	char *text;		/* the problems, as printed */
	size_t len;
	struct cs_repair fix;
};

static void *
check_share(void *arg)
{
	struct share *sh = arg;

	if (sh->from > 0)	/* the order of ids goes on from the chunk before */
		sh->last = chunk_last(&sh->c, sh->s, sh->chunks, sh->from);
	check_chunks(&sh->c, sh->s, sh->timecol, sh->chunks, sh->month, sh->from,
	    sh->to, &sh->last);
	return NULL;
}

static void
strv_append(char ***v, size_t *n, char **from, size_t k)
{
	size_t i;

	for (i = 0; i < k; i++)
		strv_push(v, n, from[i]);
}

/* One month's chunks split across the cores (cs_scan_threads, the
 * shares of cs_scan_share); the output is the same whatever the
 * threads.  *last as check_chunks. */
static void
check_month_parallel(struct ctx *c, const struct cs_schema *s,
    const char *timecol, char **chunks, const char *month, char **last)
{
	struct share sh[CS_SCAN_THREADS_MAX];
	size_t n = 0, nt, t, first, count, i;

	while (chunks[n])
		n++;
	if ((nt = cs_scan_threads(n)) < 2) {
		check_chunks(c, s, timecol, chunks, month, 0, n, last);
		return;
	}
	for (t = 0; t < nt; t++) {
		struct share *h = &sh[t];
		memset(h, 0, sizeof *h);
		h->c = *c;
		for (i = 0; i < 3; i++)
			cs_idset_init(&h->c.dated[i], c->dated[i].prefix, 0);
		h->c.problems = h->c.hostile = 0;
		h->c.fix = c->fix ? &h->fix : NULL;
		if ((h->c.out = open_memstream(&h->text, &h->len)) == NULL)
			cs_fatal(CS_EIO, "out of memory");
		cs_scan_share(n, nt, t, &first, &count);
		h->s = s, h->timecol = timecol, h->month = month;
		h->chunks = chunks, h->from = first, h->to = first + count;
	}
	sh[0].last = *last;
	*last = NULL;
	cs_on_threads(check_share, sh, sizeof *sh, nt);
	for (t = 0; t < nt; t++) {
		struct share *h = &sh[t];
		if (fclose(h->c.out) != 0)
			cs_fatal(CS_EIO, "out of memory");
		fwrite(h->text, 1, h->len, c->out);
		free(h->text);
		c->problems += h->c.problems;
		c->hostile += h->c.hostile;
		if (c->fix) {
			strv_append(&c->fix->noeol, &c->fix->nnoeol, h->fix.noeol,
			    h->fix.nnoeol);
			strv_append(&c->fix->torn, &c->fix->ntorn, h->fix.torn,
			    h->fix.ntorn);
			strv_append(&c->fix->leftover, &c->fix->nleftover,
			    h->fix.leftover, h->fix.nleftover);
			cs_repair_free(&h->fix);
		}
		for (i = 0; i < 3; i++)
			cs_idset_merge(&c->dated[i], &h->c.dated[i]);
		if (t + 1 < nt)
			free(h->last);
		else
			*last = h->last;
	}
}

/* Every chunk of every month of a dated store. */
static void
check_dated(struct ctx *c, const struct cs_schema *s, const char *timecol)
{
	char **months = cs_dated_months(c->dir, s), **m, **chunks, *last;

	if (months == NULL) {
		problem(c, "%s", cs_errmsg());
		return;
	}
	for (m = months; *m; m++) {
		if ((chunks = cs_dated_chunks(c->dir, s, *m)) == NULL) {
			problem(c, "%s", cs_errmsg());
			continue;
		}
		last = NULL;
		check_month_parallel(c, s, timecol, chunks, *m, &last);
		free(last);
		cs_strv_free(chunks);
	}
	cs_strv_free(months);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
index_problem(void *ctx, const char *msg)
{
	problem(ctx, "%s", msg);
}

/* The index by id of an events month (store/record.h), when it has one. */
static void
check_index(struct ctx *c, const char *sub, const char *month)
{
	struct cs_ds ds;

	memset(&ds, 0, sizeof ds);
	ds.dir = (char *)c->dir;
	ds.lockfd = -1;
	if (cs_evindex_check(&ds, sub, month, index_problem, c) < 0)
		problem(c, "%s", cs_errmsg());
}

/* The names in DATA/sub ending in .csv, sorted; NULL-terminated. */
static char **
list_csv(struct ctx *c, const char *sub)
{
	struct cs_buf path = { 0 };
	struct dirent *de;
	char **v = NULL;
	size_t n = 0, len;
	DIR *d;

	cs_buf_addf(&path, "%s/%s", c->dir, sub);
	d = opendir(path.s);
	cs_buf_free(&path);
	v = cs_xmalloc(sizeof *v);
	if (d == NULL) {
		if (errno != ENOENT)
			problem(c, "%s: opendir: %s", sub, strerror(errno));
		v[0] = NULL;
		return v;
	}
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len < 5 ||
		    strcmp(de->d_name + len - 4, ".csv") != 0)
			continue;
		v = cs_xrealloc(v, (n + 2) * sizeof *v);
		v[n++] = cs_xstrdup(de->d_name);
	}
	closedir(d);
	v[n] = NULL;
	qsort(v, n, sizeof *v, by_name);
	return v;
}

/*
 * A big month file (a month's journal: a gigabyte at a million records)
 * split at line ends into parts, one a thread, each read by a reader of
 * its own as a file of the header and the part's lines; each part's
 * lines counted first, so its lines' numbers are the file's.  The
 * problems are printed in part order: the same as check_month's.  A
 * file of a chunk's size (cs_chunk_bytes) or less is read as it is.
 */

struct part {
	struct ctx c;
	const char *rel, *month, *timecol;
	const struct cs_schema *s;
	int fd;
	const char *hdr;	/* the header line, with its line end */
	size_t hdrlen;
	off_t from, to;		/* the part's bytes */
	off_t pos;		/* of the header and the part, served */
	long lines;		/* line ends in the part */
	long base;		/* lines before the part */
	int err;		/* errno of a failed count */
	char *text;		/* the problems, as printed */
	size_t len;
};

/* fopencookie's read: the header, then the part. */
static ssize_t
part_read(void *cookie, char *buf, size_t size)
{
	struct part *pt = cookie;
	off_t off;
	ssize_t k;

	if (pt->pos < (off_t)pt->hdrlen) {
		k = (ssize_t)((size_t)pt->pos + size > pt->hdrlen ?
		    pt->hdrlen - (size_t)pt->pos : size);
		memcpy(buf, pt->hdr + pt->pos, (size_t)k);
		pt->pos += k;
		return k;
	}
	off = pt->from + (pt->pos - (off_t)pt->hdrlen);
	if (off >= pt->to)
		return 0;
	if ((off_t)size > pt->to - off)
		size = (size_t)(pt->to - off);
	if ((k = pread(pt->fd, buf, size, off)) > 0)
		pt->pos += k;
	return k;
}

static void *
part_count(void *arg)
{
	struct part *pt = arg;
	char *buf = cs_xmalloc(1 << 20);
	const char *q, *e;
	off_t off;
	ssize_t k;

	for (off = pt->from; off < pt->to; off += k) {
		k = pread(pt->fd, buf, (size_t)(pt->to - off < (1 << 20) ?
		    pt->to - off : (1 << 20)), off);
		if (k <= 0) {
			pt->err = k < 0 ? errno : EIO;
			break;
		}
		for (q = buf, e = buf + k; (q = memchr(q, '\n', (size_t)(e - q)));
		    q++)
			pt->lines++;
	}
	free(buf);
	return NULL;
}

static void *
part_check(void *arg)
{
	static const cookie_io_functions_t io = { part_read, NULL, NULL, NULL };
	struct part *pt = arg;
	struct cs_reader r;
	FILE *fp;

	if (pt->err) {
		errno = pt->err;
		problem(&pt->c, "%s: read: %s", pt->rel, strerror(errno));
		return NULL;
	}
	if ((fp = fopencookie(pt, "r", io)) == NULL)
		cs_fatal(CS_EIO, "out of memory");
	setvbuf(fp, NULL, _IOFBF, 1 << 20);
	if (cs_reader_fdopen(&r, fp, pt->rel, CS_READ_STORE, 0) < 0) {
		problem(&pt->c, "%s", cs_errmsg());
		fclose(fp);
		return NULL;
	}
	r.own = 1;
	r.lineno = pt->base;
	check_records(&pt->c, &r, pt->rel, pt->month, pt->s, pt->timecol, NULL,
	    NULL, NULL);
	cs_reader_close(&r);
	return NULL;
}

/* The start of the line at or after off (size when none). */
static off_t
line_start(int fd, off_t off, off_t size)
{
	char buf[65536], *q;
	ssize_t k;

	for (; off < size; off += k) {
		if ((k = pread(fd, buf, sizeof buf, off)) <= 0)
			return size;	/* the count says why */
		if ((q = memchr(buf, '\n', (size_t)k)) != NULL)
			return off + (q - buf) + 1;
	}
	return size;
}

/* 1: rel checked in parts; 0: not one for parts (small, one thread, no
 * whole header that binds: check_month says what is wrong). */
static int
check_month_parts(struct ctx *c, const char *rel, const char *month,
    const struct cs_schema *s, const char *timecol)
{
	struct part pt[CS_SCAN_THREADS_MAX];
	struct cs_row hdr = { 0 };
	struct cs_period p;
	struct cs_buf path = { 0 };
	size_t nt = cs_scan_threads(CS_SCAN_THREADS_MAX), t;
	char head[65536], *nl;
	const char *why;
	struct stat st;
	int fd, idx[64], ok = 0;
	ssize_t k;
	off_t b;

	if (nt < 2 || s->daily || cs_period_parse("month", month, &p) < 0)
		return 0;
	cs_buf_addf(&path, "%s/%s", c->dir, rel);
	fd = cs_open_regular(path.s, O_RDONLY, 0);
	cs_buf_free(&path);
	if (fd < 0)
		return 0;
	if (fstat(fd, &st) < 0 || st.st_size <= cs_chunk_bytes() ||
	    (k = pread(fd, head, sizeof head, 0)) <= 0 ||
	    (nl = memchr(head, '\n', (size_t)k)) == NULL ||
	    cs_split_line(head, (size_t)(nl - head), &hdr, &why) < 0 ||
	    memchr(head, '\r', (size_t)(nl - head)) != NULL ||
	    cs_utf8_check(head, (size_t)(nl - head), NULL) < 0 ||
	    (unsigned char)head[0] == 0xef ||
	    cs_schema_bind(s, &hdr, rel, idx) < 0)
		goto out;
	ok = 1;
	check_tail(c, rel, fd);
	b = nl - head + 1;
	for (t = 0; t < nt; t++) {
		struct part *h = &pt[t];
		memset(h, 0, sizeof *h);
		h->c = *c;
		h->c.problems = h->c.hostile = 0;
		h->c.fix = NULL;
		if ((h->c.out = open_memstream(&h->text, &h->len)) == NULL)
			cs_fatal(CS_EIO, "out of memory");
		h->rel = rel, h->month = month, h->timecol = timecol, h->s = s;
		h->fd = fd, h->hdr = head, h->hdrlen = (size_t)(nl - head + 1);
		h->from = b;
		b = t + 1 < nt ? line_start(fd, st.st_size / (off_t)nt *
		    (off_t)(t + 1), st.st_size) : st.st_size;
		if (b < h->from)
			b = h->from;
		h->to = b;
	}
	cs_on_threads(part_count, pt, sizeof *pt, nt);
	for (t = 0; t < nt; t++)
		pt[t].base = t ? pt[t - 1].base + pt[t - 1].lines : 1;
	cs_on_threads(part_check, pt, sizeof *pt, nt);
	for (t = 0; t < nt; t++) {
		if (fclose(pt[t].c.out) != 0)
			cs_fatal(CS_EIO, "out of memory");
		fwrite(pt[t].text, 1, pt[t].len, c->out);
		free(pt[t].text);
		c->problems += pt[t].c.problems;
	}
out:
	cs_row_free(&hdr);
	close(fd);
	return ok;
}

static void
check_months(struct ctx *c, const char *sub, const struct cs_schema *s,
    const char *timecol)
{
	char **names = list_csv(c, sub), **p;
	struct cs_buf rel = { 0 };

	for (p = names; *p; p++) {
		cs_buf_reset(&rel);
		cs_buf_addf(&rel, "%s/%s", sub, *p);
		(*p)[strlen(*p) - 4] = '\0';
		if (!check_month_parts(c, rel.s, *p, s, timecol))
			check_month(c, rel.s, *p, s, timecol, NULL, NULL, NULL);
		check_index(c, sub, *p);
		free(*p);
	}
	free(names);
	cs_buf_free(&rel);
}

/* A policy: a store-dialect table with a header and even rows. */
static void
check_policy(struct ctx *c, const char *rel)
{
	struct cs_reader r;
	struct cs_row row = { 0 };
	int k;

	if (open_rel(c, &r, rel, 1) < 0)
		return;
	if (r.hdr.n == 0)
		problem(c, "%s:1: no header line", rel);
	while ((k = cs_reader_next(&r, &row)) != 0)
		if (k < 0)
			problem(c, "%s", cs_errmsg());
	cs_row_free(&row);
	cs_reader_close(&r);
}

/* A temporary or backup of a change (commit.c): .NAME.cs-new,
 * .NAME.cs-old-K. */
static int
is_side_file(const char *name)
{
	size_t n = strlen(name);
	const char *p;

	if (name[0] != '.')
		return 0;
	if (n > 7 && strcmp(name + n - 7, ".cs-new") == 0)
		return 1;
	return (p = strstr(name, ".cs-old-")) != NULL && p[8] &&
	    strspn(p + 8, "0123456789") == strlen(p + 8);
}

/* Every file under the data directory: only regular files and
 * directories, no leftovers of a change (unless one is in progress). */
static void
walk(struct ctx *c, const char *rel, int busy)
{
	struct cs_buf path = { 0 }, sub = { 0 };
	struct dirent *de;
	struct stat st;
	DIR *d;

	cs_buf_addf(&path, "%s%s%s", c->dir, *rel ? "/" : "", rel);
	if ((d = opendir(path.s)) == NULL) {
		problem(c, "%s: opendir: %s", *rel ? rel : ".", strerror(errno));
		cs_buf_free(&path);
		return;
	}
	while ((errno = 0, de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		cs_buf_reset(&sub);
		cs_buf_addf(&sub, "%s%s%s", rel, *rel ? "/" : "", de->d_name);
		cs_buf_reset(&path);
		cs_buf_addf(&path, "%s/%s", c->dir, sub.s);
		if (lstat(path.s, &st) < 0) {
			problem(c, "%s: stat: %s", sub.s, strerror(errno));
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			walk(c, sub.s, busy);
			continue;
		}
		if (!S_ISREG(st.st_mode)) {
			c->hostile++;
			problem(c, "%s: %s: refused by every command (only regular "
			    "files and directories belong here)", sub.s,
			    S_ISLNK(st.st_mode) ? "a symbolic link" :
			    S_ISFIFO(st.st_mode) ? "a FIFO" :
			    S_ISSOCK(st.st_mode) ? "a socket" : "a device");
			continue;
		}
		if (!busy && is_side_file(de->d_name)) {
			problem(c, "%s: left over by a change that ended without "
			    "removing it (cs check --repair removes it)", sub.s);
			if (c->fix)
				strv_push(&c->fix->leftover, &c->fix->nleftover,
				    sub.s);
		}
	}
	if (errno)
		problem(c, "%s: readdir: %s", *rel ? rel : ".", strerror(errno));
	closedir(d);
	cs_buf_free(&path);
	cs_buf_free(&sub);
}

/* A writer holds the lock now (its change is in progress, not unfinished). */
static int
writer_busy(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), busy = 0, i;

	if (fd < 0)
		return 0;
	/* a writer killed a moment ago may hold it while it dies: up to a
	 * second, so that its intent is called unfinished, not in progress */
	for (i = 0; i < 50; i++) {
		if (flock(fd, LOCK_SH | LOCK_NB) == 0) {
			busy = 0;
			break;
		}
		if ((busy = errno == EWOULDBLOCK) == 0)
			break;
		usleep(20000);
	}
	close(fd);
	return busy;
}

/* Number of problems found and printed to out; *hostile the number of
 * symbolic links, FIFOs and devices among them; fix, when given, is
 * filled with what --repair may mend. */
int
cs_check_dir2(const char *dir, FILE *out, int *hostile, struct cs_repair *fix)
{
	struct ctx c = { .dir = dir, .out = out, .fix = fix };
	const struct cs_default_file *f;
	char who[256];
	struct cs_buf what = { 0 };
	int busy = fix ? 0 : writer_busy(dir), k;	/* --repair holds it */

	if ((k = cs_intent_pending(dir, who, sizeof who, &what)) < 0)
		problem(&c, ".intent: %s", cs_errmsg());
	else if (k > 0 && !busy)
		problem(&c, ".intent: an unfinished change by %s (cs check --repair, "
		    "or the next command that writes, rolls it back: %.600s)", who,
		    what.s);
	cs_buf_free(&what);
	walk(&c, "", busy || k > 0);
	cs_idset_init(&c.dated[0], "T", 0);
	cs_idset_init(&c.dated[1], "K", 0);
	cs_idset_init(&c.dated[2], "O", 0);

	check_master(&c, &cs_schema_staff, &c.ids[0]);
	check_master(&c, &cs_schema_customers, &c.ids[1]);
	check_master_opt(&c, &cs_schema_visit_plans, NULL, 1);
	check_log(&c, &cs_schema_alert_acks);
	check_dated(&c, &cs_schema_tickets, "opened_at");
	check_dated(&c, &cs_schema_complaints, "recorded_at");
	check_months(&c, "complaint-events", &cs_schema_complaint_events, "time");
	check_dated(&c, &cs_schema_orders, "created_at");
	check_dated(&c, &cs_schema_outbox, "queued_at");
	check_months(&c, "visits", &cs_schema_visits, "time");
	check_months(&c, "order-events", &cs_schema_order_events, "time");
	check_months(&c, "journal", &cs_schema_journal, "time");
	for (f = cs_defaults; f->path; f++)
		if (strncmp(f->path, "policy/", 7) == 0 &&
		    strncmp(f->path, "policy/messages/", 16) != 0)
			check_policy(&c, f->path);	/* templates: cs_messages_lint */
	check_policy(&c, "kpi/verdicts.csv");
	{
		/* stored samples and their manifests: well-formed tables */
		char **names = list_csv(&c, "audits"), **p;
		struct cs_buf rel = { 0 };
		for (p = names; *p; p++) {
			cs_buf_reset(&rel);
			cs_buf_addf(&rel, "audits/%s", *p);
			check_policy(&c, rel.s);
			free(*p);
		}
		free(names);
		cs_buf_free(&rel);
	}
	cs_idset_free(&c.ids[0]);
	cs_idset_free(&c.ids[1]);
	for (k = 0; k < 3; k++)
		cs_idset_free(&c.dated[k]);
	if (hostile)
		*hostile = c.hostile;
	return c.problems;
}

int
cs_check_dir(const char *dir, FILE *out)
{
	return cs_check_dir2(dir, out, NULL, NULL);
}

/* Mend, under the lock, what check found: (the lock itself rolled back
 * an unfinished change) a missing last line end added, a torn last line
 * removed, leftovers removed; one transaction, journaled.  Each mend is
 * said on out.  Returns the number mended, or -1. */
int
cs_check_repair(struct cs_ds *ds, struct cs_repair *fix, FILE *out)
{
	struct cs_buf j = { 0 }, text = { 0 }, said = { 0 };
	size_t i;
	int n = 0, ret = -1;

	if (cs_txn_begin(ds) < 0)
		return -1;
	/* leftovers first: a backup this repair makes is never one of them */
	for (i = 0; i < fix->nleftover; i++) {
		if (cs_txn_remove_side(ds, fix->leftover[i]) < 0)
			goto out;
		cs_buf_addf(&said, "%s: removed\n", fix->leftover[i]);
		n++;
	}
	for (i = 0; i < fix->nnoeol; i++) {
		if (cs_txn_mend(ds, fix->noeol[i]) < 0)
			goto out;
		cs_journal_line(&j, ds, "repair", "", fix->noeol[i], "",
		    "a line end after the last record");
		cs_buf_addf(&said, "%s: added the line end of the last record\n",
		    fix->noeol[i]);
		n++;
	}
	for (i = 0; i < fix->ntorn; i++) {
		char *path = cs_ds_path(ds, fix->torn[i]);
		const char *torn;
		int fd = cs_open_regular(path, O_RDONLY, 0);
		FILE *fp = fd >= 0 ? fdopen(fd, "r") : NULL;
		free(path);
		if (fp == NULL) {
			if (fd >= 0)
				close(fd);
			cs_fail_errno("open", fix->torn[i]);
			cs_txn_fail(ds);
			goto out;
		}
		cs_buf_reset(&text);
		{
			char buf[65536];
			size_t k;
			while ((k = fread(buf, 1, sizeof buf, fp)) > 0)
				cs_buf_add(&text, buf, k);
		}
		if (ferror(fp)) {
			fclose(fp);
			cs_fail_errno("read", fix->torn[i]);
			cs_txn_fail(ds);
			goto out;
		}
		fclose(fp);
		cs_buf_addc(&text, '\0');
		text.len--;
		torn = strrchr(text.s, '\n');
		torn = torn ? torn + 1 : text.s;
		cs_buf_addf(&said, "%s: removed the torn last line: '%.200s'\n",
		    fix->torn[i], torn);
		cs_journal_line(&j, ds, "repair", "", fix->torn[i], torn, "");
		if (cs_store_rewrite(ds, fix->torn[i], text.s,
		    (size_t)(torn - text.s)) < 0)
			goto out;
		n++;
	}
	if (j.len && cs_journal_only(ds, &j) < 0)
		goto out;	/* with its hash chain, in this transaction */
	if (cs_txn_commit(ds) < 0)
		goto done;
	/* said only once it is done */
	if (said.len)
		fputs(said.s, out);
	ret = n;
	goto done;
out:
	cs_txn_abort(ds);
done:
	cs_buf_free(&j);
	cs_buf_free(&text);
	cs_buf_free(&said);
	return ret;
}

void
cs_repair_free(struct cs_repair *fix)
{
	cs_strv_free(fix->noeol);
	cs_strv_free(fix->torn);
	cs_strv_free(fix->leftover);
	memset(fix, 0, sizeof *fix);
}
