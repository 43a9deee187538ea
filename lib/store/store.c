/*
 * store.c: opening, reading and changing stores, as cs-store(5) promises.
 *
 * Changes go through a transaction (commit.c) under the lock (lock.c):
 * a rewrite replaces the whole file at once, a replace rewrites the file
 * with one line changed.  Readers take no lock and read with pread(2),
 * never a mapping: a file that shrinks under a reader (a rollback) is a
 * short read and an error, never a SIGBUS; a last line without its line
 * end is a change still being written, and not read.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/store.h"

char *
cs_month_rel(const char *dir, cs_time t)
{
	struct cs_buf b = { 0 };
	char d[16];

	cs_date_format(t, d);
	cs_buf_addf(&b, "%s/%.7s.csv", dir, d);
	return b.s;
}

int
cs_store_rewrite(struct cs_ds *ds, const char *rel, const char *data, size_t len)
{
	const char *parts[1] = { data };

	return cs_txn_rewrite(ds, rel, parts, &len, 1);
}

/* A store being read. */
struct rd {
	int fd;
	off_t size;		/* to the end of its last complete line */
	off_t full;		/* as it was opened */
	const char *path;
	char blk[4096];
};

/* 0 open, 1 absent, -1 an error. */
static int
rd_open(struct rd *f, const char *path)
{
	struct stat st;
	off_t pos, s;
	ssize_t k, i;

	f->path = path;
	f->size = 0;
	if ((f->fd = cs_open_regular(path, O_RDONLY, 0)) < 0)
		return errno == ENOENT ? 1 : -1;
	if (fstat(f->fd, &st) < 0) {
		cs_fail_errno("stat", path);
		close(f->fd);
		return -1;
	}
	f->full = st.st_size;
	for (pos = st.st_size; pos > 0; pos = s) {
		s = pos > (off_t)sizeof f->blk ? pos - (off_t)sizeof f->blk : 0;
		if ((k = pread(f->fd, f->blk, (size_t)(pos - s), s)) < 0) {
			cs_fail_errno("read", path);
			close(f->fd);
			return -1;
		}
		for (i = k - 1; i >= 0; i--)
			if (f->blk[i] == '\n') {
				f->size = s + i + 1;
				return 0;
			}
	}
	return 0;
}

static void
rd_close(struct rd *f)
{
	close(f->fd);
}

/* The line that starts at off, without its line end, into b; *next is
 * where the line after it starts. */
static int
rd_line(struct rd *f, off_t off, struct cs_buf *b, off_t *next)
{
	const char *nl;
	ssize_t k;

	cs_buf_reset(b);
	for (;;) {
		k = pread(f->fd, f->blk, sizeof f->blk, off);
		if (k < 0)
			return cs_fail_errno("read", f->path);
		if (k == 0)
			return cs_fail(CS_EIO, "%s changed while being read: try "
			    "again", f->path);
		if ((nl = memchr(f->blk, '\n', (size_t)k)) != NULL) {
			cs_buf_add(b, f->blk, (size_t)(nl - f->blk));
			cs_buf_addc(b, '\0');
			b->len--;
			*next = off + (nl - f->blk) + 1;
			return 0;
		}
		cs_buf_add(b, f->blk, (size_t)k);
		off += k;
		if (b->len > CS_RECORD_MAX)
			return cs_fail(CS_EDATA, "%s: a line longer than %d bytes",
			    f->path, CS_RECORD_MAX);
	}
}

/* The start of the line that holds off, not before lo. */
static int
rd_start(struct rd *f, off_t lo, off_t off, off_t *start)
{
	off_t pos = off, s;
	ssize_t k, i;

	while (pos > lo) {
		s = pos - lo > (off_t)sizeof f->blk ? pos - (off_t)sizeof f->blk : lo;
		if ((k = pread(f->fd, f->blk, (size_t)(pos - s), s)) < 0)
			return cs_fail_errno("read", f->path);
		if (k < pos - s)
			return cs_fail(CS_EIO, "%s changed while being read: try "
			    "again", f->path);
		for (i = k - 1; i >= 0; i--)
			if (f->blk[i] == '\n') {
				*start = s + i + 1;
				return 0;
			}
		pos = s;
	}
	*start = lo;
	return 0;
}

/* Split the line at [s, e) of a store into row, escapes undone. */
static int
parse_line(const char *path, const char *s, const char *e, struct cs_row *row,
    int unesc)
{
	const char *why;
	size_t i;

	if (cs_split_line(s, (size_t)(e - s), row, &why) < 0)
		return cs_fail(CS_EDATA, "%s: %s", path, why);
	for (i = 0; unesc && i < row->n; i++)
		if (cs_unescape(row->buf + row->off[i], &why) < 0)
			return cs_fail(CS_EDATA, "%s: %s", path, why);
	return 0;
}

int
cs_store_find(const char *path, const char *id, int sorted, struct cs_row *hdr,
    struct cs_row *row, off_t *start, off_t *end)
{
	struct rd f;
	struct cs_buf b = { 0 };
	off_t lo, hi, mid, ls, le;
	int col, c, ret;

	if ((ret = rd_open(&f, path)) != 0)
		return ret > 0 ? 0 : -1;
	if (f.size == 0)
		goto out;
	if ((ret = rd_line(&f, 0, &b, &lo)) < 0 ||
	    (ret = parse_line(path, b.s, b.s + b.len, hdr, 1)) < 0)
		goto out;
	if ((col = cs_row_find(hdr, "id")) < 0) {
		ret = cs_fail(CS_EDATA, "%s:1: no 'id' column", path);
		goto out;
	}
	hi = f.size;
	while (lo < hi) {
		if (sorted) {
			mid = lo + (hi - lo) / 2;
			if ((ret = rd_start(&f, lo, mid, &ls)) < 0)
				goto out;
		} else
			ls = lo;
		if ((ret = rd_line(&f, ls, &b, &le)) < 0 ||
		    (ret = parse_line(path, b.s, b.s + b.len, row, 0)) < 0)
			goto out;
		c = sorted ? cs_id_cmp(id, cs_row_get(row, (size_t)col)) :
		    strcmp(id, cs_row_get(row, (size_t)col)) != 0;
		if (c == 0) {
			ret = parse_line(path, b.s, b.s + b.len, row, 1) < 0 ? -1 : 1;
			*start = ls;
			*end = le;
			goto out;
		}
		if (c < 0)
			hi = ls;
		else
			lo = le;
	}
	cs_row_clear(row);
	ret = 0;
out:
	rd_close(&f);
	cs_buf_free(&b);
	return ret;
}

/* Read the whole of a store that is to be rewritten (lock held). */
static int
read_whole(const char *path, struct cs_buf *b)
{
	struct rd f;
	off_t pos = 0;
	ssize_t k;
	int r;

	if ((r = rd_open(&f, path)) != 0)
		return r > 0 ? cs_fail(CS_EIO, "%s vanished under the lock", path) : -1;
	if (f.size != f.full) {
		rd_close(&f);
		return cs_fail(CS_EDATA, "%s: the last line has no line end (a hand "
		    "edit, or a crash): nothing stored; 'cs check --repair' mends "
		    "it", path);
	}
	cs_buf_grow(b, (size_t)f.size + 1);
	while (pos < f.size) {
		k = pread(f.fd, b->s + pos, (size_t)(f.size - pos), pos);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			r = k < 0 ? cs_fail_errno("read", path) :
			    cs_fail(CS_EIO, "%s changed under the lock", path);
			rd_close(&f);
			return r;
		}
		pos += k;
	}
	b->len = (size_t)f.size;
	b->s[b->len] = '\0';
	rd_close(&f);
	return 0;
}

int
cs_store_replace(struct cs_ds *ds, const char *rel, off_t start, off_t end,
    const char *line, size_t len)
{
	struct cs_buf b = { (char *)line, len, len };
	const struct cs_buf *lines[1] = { &b };

	return cs_store_replace_many(ds, rel, &start, &end, lines, 1);
}

static const off_t *by_start_of;

static int
by_start(const void *a, const void *b)
{
	off_t x = by_start_of[*(const size_t *)a], y = by_start_of[*(const size_t *)b];

	return x < y ? -1 : x > y;
}

/* One copy of the file, however many of its lines change: a month's
 * chunk rewritten once, not once a record (its backup is kept until the
 * commit ends: n rewrites would need n copies of disk). */
int
cs_store_replace_many(struct cs_ds *ds, const char *rel, const off_t *start,
    const off_t *end, const struct cs_buf *const *lines, size_t n)
{
	char *path = cs_ds_path(ds, rel);
	struct cs_buf old = { 0 }, whole = { 0 };
	size_t *ord = cs_xmalloc((n ? n : 1) * sizeof *ord), i, np = 0;
	const char **parts = cs_xmalloc((2 * n + 1) * sizeof *parts);
	size_t *lens = cs_xmalloc((2 * n + 1) * sizeof *lens);
	off_t at = 0;
	int r = -1;

	if (read_whole(path, &old) < 0) {
		cs_txn_fail(ds);
		goto out;
	}
	for (i = 0; i < n; i++)
		ord[i] = i;
	by_start_of = start;
	qsort(ord, n, sizeof *ord, by_start);
	for (i = 0; i < n; i++) {
		off_t s = start[ord[i]], e = end[ord[i]];
		if ((size_t)e > old.len || s > e || s < at || (s > 0 &&
		    old.s[s - 1] != '\n') || (e > s && old.s[e - 1] != '\n')) {
			cs_fail(CS_EIO, "%s changed under the lock", path);
			cs_txn_fail(ds);
			goto out;
		}
		parts[np] = old.s + at, lens[np++] = (size_t)(s - at);
		parts[np] = lines[ord[i]]->s ? lines[ord[i]]->s : "";
		lens[np++] = lines[ord[i]]->len;
		at = e;
	}
	parts[np] = old.s + at, lens[np++] = old.len - (size_t)at;
	if (np > 8) {		/* more than a rewrite takes: made one */
		for (i = 0; i < np; i++)
			cs_buf_add(&whole, parts[i], lens[i]);
		parts[0] = whole.s ? whole.s : "", lens[0] = whole.len, np = 1;
	}
	r = cs_txn_rewrite(ds, rel, parts, lens, np);
out:
	cs_buf_free(&whole);
	cs_buf_free(&old);
	free(parts);
	free(lens);
	free(ord);
	free(path);
	return r;
}

/* The value of column col in the last complete record; NULL if none. */
int
cs_store_last(struct cs_ds *ds, const char *rel, const char *col, char **value)
{
	char *path = cs_ds_path(ds, rel);
	struct cs_row hdr = { 0 }, row = { 0 };
	struct cs_buf b = { 0 };
	struct rd f;
	off_t next, ls, le;
	int c, r;

	*value = NULL;
	if ((r = rd_open(&f, path)) != 0) {
		r = r > 0 ? 0 : -1;
		goto out0;
	}
	if (f.size == 0)
		goto out;
	if ((r = rd_line(&f, 0, &b, &next)) < 0)
		goto out;
	if (next == f.size)
		goto out;	/* only the header */
	if ((r = parse_line(path, b.s, b.s + b.len, &hdr, 1)) < 0)
		goto out;
	if ((c = cs_row_find(&hdr, col)) < 0) {
		r = cs_fail(CS_EDATA, "%s:1: no '%s' column", path, col);
		goto out;
	}
	if ((r = rd_start(&f, next, f.size - 1, &ls)) < 0 ||
	    (r = rd_line(&f, ls, &b, &le)) < 0 ||
	    (r = parse_line(path, b.s, b.s + b.len, &row, 1)) < 0)
		goto out;
	*value = cs_xstrdup(cs_row_get(&row, (size_t)c));
out:
	rd_close(&f);
out0:
	cs_row_free(&hdr);
	cs_row_free(&row);
	cs_buf_free(&b);
	free(path);
	return r;
}
