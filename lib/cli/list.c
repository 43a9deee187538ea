/*
 * list.c: the list verbs of a dated store (cs_list_dated) and of a master
 * store (cs_list_master): the records of the period's month files, or of
 * the master's parts (one open file split at line boundaries), that pass,
 * streamed out as they are read (the sources across the cores, written
 * out in their order: months_parallel), or sorted when --sort asks (in
 * bounded memory, spilling runs to a temporary file: base/rowsort.h); on
 * a bad line, the error and, for a table (held to the end for its
 * widths), no row at all; --search over the fields as they are shown (a
 * masked field masked, unless --unmask); a column of the program's own
 * after the store's (overdue's reason), or rows of columns of the
 * program's own made from each record (cs-customer due).  Every month file must have the
 * same columns, since the output has one header.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/rowsort.h"
#include "cli/cli.h"

struct sorting {
	int col, desc, id;
};

/* --sort field (or -field, descending): its column in m. */
static int
sort_by(const struct cs_schema *s, const struct cs_master *m, const char *sort,
    struct sorting *st)
{
	const char *name = sort + (sort[0] == '-');
	const struct cs_column *c = cs_schema_col(s, name);

	if (c == NULL)
		return cs_fail(CS_EUSAGE, "--sort: no field '%s'", name);
	st->col = m->idx[c - s->cols];
	st->id = st->col == m->idx[0];
	st->desc = sort[0] == '-';
	return 0;
}

/* 1 when some field of r holds text (ignoring case). */
int
cs_list_search(const struct cs_row *r, const char *text)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strcasestr(cs_row_get(r, i), text))
			return 1;
	return 0;
}

/* The month file's columns bound to the schema in *fm: 1 when they are
 * not those of the store's header (a file written before a late column:
 * its rows are laid out anew in today's), 0 when they are, -1 when they
 * do not fit the schema. */
static int
columns_of(const struct cs_schema *s, struct cs_reader *r,
    const struct cs_master *m, struct cs_master *fm)
{
	if (cs_schema_bind(s, &r->hdr, r->name, fm->idx) < 0)
		return -1;
	fm->s = s;
	fm->hdr = r->hdr;
	return memcmp(fm->idx, m->idx, sizeof(int) * s->ncols) != 0;
}

/*
 * The month's files across the cores (cs_scan_threads), when the rows
 * are not sorted and not a workbook's: the files are taken in order, one
 * at a time, by nt threads (the calling one among them), each filtering
 * and formatting a file's rows into a piece of output of its own (in
 * memory, in an unlinked temporary file under $TMPDIR past SPILL bytes;
 * for a table, its rows rendered and measured, table.c's part), and the
 * calling thread writes the pieces out in file order as they are done
 * (a table's parts added to the table, which is written at the end), so
 * the output is the same bytes whatever the threads.  A thread takes no
 * file more than AHEAD pieces a thread past the one being written, so
 * memory is bounded by threads, not by records.  A file that fails
 * fails the list when its turn comes, after the rows before its bad line
 * (as with one thread), with its own error; later files are not written.
 */
#define SPILL	(4 << 20)	/* or $CS_SPILL_BYTES, for tests */
#define AHEAD	2

struct piece {
	struct cs_buf *text;	/* the output (a buffer of the pool's ring) */
	struct cs_table *tab;	/* or a table's rows */
	FILE *spill;		/* the rest, or NULL */
	size_t n;		/* rows */
	off_t limit;		/* bytes held in memory */
	int done, ret, status;
	char msg[1024];
};

/* An unlinked temporary file under $TMPDIR for a piece past SPILL. */
static FILE *
spill_file(void)
{
	const char *step;
	char path[4096];
	FILE *fp;

	if ((fp = cs_spill_open("cs-list", path, sizeof path, &step)) == NULL)
		cs_fail(strcmp(step, "mkstemp") ? CS_EIO : CS_ECANTCREAT,
		    "%s %s: %s", step, path, strerror(errno));
	return fp;
}

/* Past limit bytes, the rest of piece pc goes to a temporary file. */
static int
spill(struct piece *pc, struct cs_out *out, off_t limit)
{
	if (pc->spill || pc->text->len < (size_t)limit)
		return 0;
	if ((pc->spill = spill_file()) == NULL)
		return -1;
	if (fflush(out->fp) != 0)
		return cs_fail(CS_EIO, "out of memory");
	if (pc->text->len)
		fwrite(pc->text->s, 1, pc->text->len, pc->spill);
	pc->text->len = 0;
	out->fp = pc->spill;
	return 0;
}

/* What a piece of the list reads: a month file, or part part of nparts
 * of the master store open on fd (size bytes when opened). */
struct source {
	const char *path;
	int fd;			/* -1: the file at path */
	off_t size;
	size_t part, nparts;
};

/* The records of one source that pass, out or to the sort h (when not
 * NULL); into piece pc (when not NULL), spilled past SPILL. */
static int
month(const struct cs_listing *l, const struct cs_opts *o,
    const struct source *src, const struct cs_master *m, struct cs_out *out,
    struct cs_rowsort *h, size_t *n, struct piece *pc)
{
	struct cs_reader r;
	struct cs_master fm = { 0 };
	struct cs_row row = { 0 }, laid = { 0 }, shaped = { 0 }, *shown = &row;
	char extra[256];
	int k, old, made;

	if ((src->fd < 0 ? cs_reader_open(&r, src->path, CS_READ_STORE, 0) :
	    cs_reader_part(&r, src->fd, src->path, src->size, src->part,
	    src->nparts)) < 0)
		return -1;
	if (r.hdr.n == 0) {	/* an empty file: no header, no records */
		cs_reader_close(&r);
		return 0;
	}
	if ((old = columns_of(l->s, &r, m, &fm)) < 0) {
		cs_reader_close(&r);
		return -1;
	}
	while ((k = cs_reader_next(&r, &row)) > 0) {
		if (old) {
			cs_master_relay(&fm, &row, m, &laid);
			cs_row_copy(&row, &laid);
		}
		extra[0] = '\0';
		if (l->shape == NULL)	/* a shape shows no masked field */
			cs_master_masked(m, &row, o->unmask);
		if ((l->keep && !l->keep(l->ctx, m, &row, extra, sizeof extra)) ||
		    (l->search && !cs_list_search(&row, l->search)))
			continue;
		if (l->extra)
			cs_row_push(&row, extra, strlen(extra));
		if (l->shape) {
			cs_row_clear(&shaped);
			if ((made = l->shape(l->ctx, m, &row, &shaped)) < 0) {
				k = -1;
				break;
			}
			if (made == 0)
				continue;
			shown = &shaped;
		}
		++*n;
		if (h == NULL) {
			cs_out_row(out, shown);
			if (pc && spill(pc, out, pc->limit) < 0) {
				k = -1;
				break;
			}
		} else if (cs_rowsort_add(h, shown) < 0) {
			k = -1;
			break;
		}
	}
	cs_reader_close(&r);
	cs_row_free(&row);
	cs_row_free(&laid);
	cs_row_free(&shaped);
	return k < 0 ? -1 : 0;
}

struct pool {
	const struct cs_listing *l;
	const struct cs_opts *o;
	const struct cs_master *m;
	const struct cs_out *out;	/* the header's: its format */
	const struct cs_row *hdr;	/* the header, all its fields */
	const struct source *src;
	size_t nfiles, next, written, window;
	struct piece *pc;
	struct cs_buf *ring;	/* piece i's output in ring[i % window] */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int stop;
};

/* A piece's stream: into its buffer. */
static ssize_t
buf_write(void *cookie, const char *s, size_t n)
{
	cs_buf_add(cookie, s, n);
	return (ssize_t)n;
}

static const cookie_io_functions_t to_buf = { NULL, buf_write, NULL, NULL };

/* Piece i: file i's rows that pass, formatted as p->out's. */
static void
make_piece(struct pool *p, size_t i)
{
	struct piece *pc = &p->pc[i];
	struct cs_out out = { 0 };
	const char *e = getenv("CS_SPILL_BYTES");
	FILE *mem;
	int k = -1;

	pc->limit = e && atol(e) > 0 ? atol(e) : SPILL;

	pc->text = &p->ring[i % p->window];
	pc->text->len = 0;
	if ((mem = fopencookie(pc->text, "w", to_buf)) == NULL) {
		cs_fail(CS_EIO, "out of memory");
		goto out;
	}
	out.gb18030 = p->out->gb18030;
	out.maxw = p->out->maxw;
	cs_out_rows(&out, mem, p->out->fmt, p->hdr);
	k = month(p->l, p->o, &p->src[i], p->m, &out, NULL, &pc->n, pc);
	if ((pc->tab = cs_out_table_part(&out)) == NULL && cs_out_end(&out) < 0)
		k = -1;
	if (fclose(mem) != 0 && k == 0)
		k = cs_fail(CS_EIO, "out of memory");
	if (pc->spill && (fflush(pc->spill) != 0 || ferror(pc->spill)) && k == 0)
		k = cs_fail(CS_EIO, "%s %s: %s", "write", "a temporary file",
		    strerror(errno));
out:
	if ((pc->ret = k) < 0) {	/* the thread's error, carried over */
		pc->status = cs_errstatus();
		snprintf(pc->msg, sizeof pc->msg, "%s", cs_errmsg());
	}
}

/* With p->mu held: the next file a thread may take (in order, within the
 * window), taken, or nfiles when none. */
static size_t
take(struct pool *p)
{
	if (p->stop || p->next >= p->nfiles ||
	    p->next >= p->written + p->window)
		return p->nfiles;
	return p->next++;
}

/* With p->mu held: piece i made (p->mu let go meanwhile). */
static void
work(struct pool *p, size_t i)
{
	pthread_mutex_unlock(&p->mu);
	make_piece(p, i);
	pthread_mutex_lock(&p->mu);
	p->pc[i].done = 1;
	pthread_cond_broadcast(&p->cv);
}

static void *
worker(void *arg)
{
	struct pool *p = arg;
	size_t i;

	pthread_mutex_lock(&p->mu);
	while (!p->stop && p->next < p->nfiles)
		if ((i = take(p)) < p->nfiles)
			work(p, i);
		else
			pthread_cond_wait(&p->cv, &p->mu);
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* Piece pc to out, and freed. */
static int
put_piece(struct piece *pc, struct cs_out *out)
{
	FILE *fp = out->fp;
	char buf[65536];
	size_t got;
	int ret = 0;

	if (pc->tab) {
		cs_out_absorb(out, pc->tab);
		pc->tab = NULL;
	}
	if (pc->text->len)	/* (no buffer yet when none) */
		fwrite(pc->text->s, 1, pc->text->len, fp);
	pc->text->len = 0;
	if (pc->spill) {
		rewind(pc->spill);
		while ((got = fread(buf, 1, sizeof buf, pc->spill)) > 0)
			fwrite(buf, 1, got, fp);
		if (ferror(pc->spill))
			ret = cs_fail(CS_EIO, "%s %s: %s", "read",
			    "a temporary file", strerror(errno));
		fclose(pc->spill);
		pc->spill = NULL;
	}
	return ret;
}

/* The sources by nt threads, out in order to out->fp; 0 or -1. */
static int
months_parallel(const struct cs_listing *l, const struct cs_opts *o,
    const struct source *src, size_t nfiles, size_t nt,
    const struct cs_master *m, const struct cs_row *hdr, struct cs_out *out,
    size_t *n)
{
	struct pool p = { .l = l, .o = o, .m = m, .out = out, .hdr = hdr,
		.src = src, .nfiles = nfiles, .window = nt * AHEAD,
		.mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER };
	pthread_t tid[CS_SCAN_THREADS_MAX];
	size_t i, j, t, started;
	int ret = 0;

	p.pc = cs_xmalloc(nfiles * sizeof *p.pc);
	memset(p.pc, 0, nfiles * sizeof *p.pc);
	p.ring = cs_xmalloc(p.window * sizeof *p.ring);
	memset(p.ring, 0, p.window * sizeof *p.ring);
	for (started = 1; started < nt; started++)
		if (pthread_create(&tid[started], NULL, worker, &p))
			break;	/* the calling thread does the rest */
	for (i = 0; i < nfiles && ret == 0; i++) {
		pthread_mutex_lock(&p.mu);
		while (!p.pc[i].done)	/* working the while, as the others */
			if ((j = take(&p)) < nfiles)
				work(&p, j);
			else
				pthread_cond_wait(&p.cv, &p.mu);
		pthread_mutex_unlock(&p.mu);
		*n += p.pc[i].n;
		if (put_piece(&p.pc[i], out) < 0)
			ret = -1;
		else if (p.pc[i].ret < 0)	/* the first bad file in order */
			ret = cs_fail(p.pc[i].status, "%s", p.pc[i].msg);
		pthread_mutex_lock(&p.mu);
		p.written = i + 1;
		p.stop = ret < 0;
		pthread_cond_broadcast(&p.cv);
		pthread_mutex_unlock(&p.mu);
	}
	for (t = 1; t < started; t++)
		pthread_join(tid[t], NULL);
	for (i = 0; i < nfiles; i++) {	/* done after an error, not shown */
		if (p.pc[i].spill)
			fclose(p.pc[i].spill);
		cs_table_free(p.pc[i].tab);
	}
	for (i = 0; i < p.window; i++)
		cs_buf_free(&p.ring[i]);
	free(p.ring);
	free(p.pc);
	pthread_mutex_destroy(&p.mu);
	pthread_cond_destroy(&p.cv);
	return ret;
}

/* A format whose rows threads can make in parts: those that go out as
 * they come, and a table's (a workbook holds its own). */
static int
streams(enum cs_fmt fmt)
{
	return fmt == CS_FMT_CSV || fmt == CS_FMT_TSV || fmt == CS_FMT_JSON ||
	    fmt == CS_FMT_EXCEL || fmt == CS_FMT_TABLE;
}

/* The sources' records that pass, in order (or sorted by l->sort), out
 * in -o's format: the list of a dated store and of a master. */
static int
list_sources(const struct cs_opts *o, const struct cs_listing *l,
    const struct cs_master *m, const struct source *src, size_t nsrc)
{
	struct cs_row hdr = { 0 }, row = { 0 };
	struct cs_out out = { 0 };
	struct cs_rowsort *h = NULL;
	struct sorting st = { 0, 0, 0 };
	size_t n = 0, i, nt;
	int k = 0, ret = -1;

	if (l->sort) {
		if (sort_by(l->s, m, l->sort, &st) < 0)
			return -1;
		h = cs_rowsort_new((size_t)st.col, st.id ? cs_id_cmp : strcmp,
		    st.desc, 0);
	}
	if (l->columns)
		cs_row_cols(&hdr, l->columns);
	else
		cs_row_copy(&hdr, &m->hdr);
	if (l->extra)
		cs_row_push(&hdr, l->extra, strlen(l->extra));
	out.gb18030 = o->gb18030;
	cs_out_begin(&out, stdout, cs_opts_fmt(o), &hdr);
	if (h == NULL && !out.bad && streams(out.fmt) &&
	    (nt = cs_scan_threads(nsrc)) > 1)
		k = months_parallel(l, o, src, nsrc, nt, m, &hdr, &out, &n);
	else
		for (i = 0; i < nsrc && k == 0; i++)
			k = month(l, o, &src[i], m, &out, h, &n, NULL);
	if (h && k == 0) {	/* sorted in bounded memory (base/rowsort.c) */
		while ((k = cs_rowsort_next(h, &row)) > 0)
			cs_out_row(&out, &row);
		cs_row_free(&row);
	}
	if (k < 0) {	/* a table, held to the end, shows nothing */
		cs_out_discard(&out);
		goto out;
	}
	if (cs_out_end(&out) < 0)
		goto out;
	ret = n ? 0 : CS_NO;
out:
	cs_rowsort_free(h);
	cs_row_free(&hdr);
	return ret;
}

int
cs_list_dated(struct cs_ds *ds, const struct cs_opts *o,
    const struct cs_listing *l)
{
	char **files = cs_dated_files(ds->dir, l->s, l->period);
	struct source *src;
	struct cs_master m;
	size_t nfiles, i;
	int ret = -1;

	if (files == NULL)
		return -1;
	for (nfiles = 0; files[nfiles]; nfiles++)
		;
	src = cs_xmalloc((nfiles + 1) * sizeof *src);
	for (i = 0; i < nfiles; i++)
		src[i] = (struct source){ files[i], -1, 0, 0, 1 };
	if (cs_master_open_rel(&m, ds, l->s, NULL) == 0) {
		ret = list_sources(o, l, &m, src, nfiles);
		cs_master_close(&m);
	}
	free(src);
	cs_strv_free(files);
	return ret;
}

/*
 * A master store across the cores: the file opened once (so one version
 * of it, whatever a writer renames over it meanwhile), split at line
 * boundaries into parts of about PART bytes, read by the threads as the
 * month files are (cs_reader_part).
 */
#define PART	(1 << 20)	/* or $CS_PART_BYTES, for tests */

int
cs_list_master(const struct cs_opts *o, const struct cs_listing *l,
    const struct cs_master *m)
{
	const char *e = getenv("CS_PART_BYTES");
	struct source *src;
	struct stat st;
	size_t nparts, i;
	long part;
	int fd, ret;

	if ((fd = cs_open_regular(m->path, O_RDONLY, 0)) < 0)
		return -1;
	if (fstat(fd, &st) < 0) {
		ret = cs_fail_errno("stat", m->path);
		close(fd);
		return ret;
	}
	part = e && atol(e) > 0 ? atol(e) : PART;
	nparts = (size_t)(st.st_size / part) + 1;
	src = cs_xmalloc(nparts * sizeof *src);
	for (i = 0; i < nparts; i++)
		src[i] = (struct source){ m->path, fd, st.st_size, i, nparts };
	ret = list_sources(o, l, m, src, nparts);
	free(src);
	close(fd);
	return ret;
}
