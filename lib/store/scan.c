/*
 * scan.c: a fast reader of our own stores, for the jobs that stream a
 * month (DESIGN 9).  The store dialect keeps a record on one line and
 * quotes a field only when it holds a comma or a quote, so a line is
 * split by memchr and a few comparisons, only as far as the last column
 * the job wants, straight from the block read: nothing is copied, and a
 * field is decoded (quotes, escapes) only when the job asks.  The
 * differential test in test_scan.c holds it to cs_split_line and libcsv
 * on the fixtures and on fuzzed stores.  Files from outside still go
 * through libcsv (csvio.c).
 *
 * A job over many files (a month's chunks) may split them across the
 * cores (cs_scan_parallel): each thread scans a contiguous share of the
 * files in order, into a context of its own, and the job merges the
 * contexts in share order, which is file order.
 */
#include <errno.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/store.h"

/* The end of the field starting at p (at a comma or at end), or NULL
 * when a quoted field is not closed on the line. */
static const char *
field_end(const char *p, const char *end, int *quoted)
{
	const char *q;

	if (p < end && *p == '"') {
		*quoted = 1;
		for (q = p + 1;; q += 2) {
			q = memchr(q, '"', (size_t)(end - q));
			if (q == NULL)
				return NULL;
			if (q + 1 >= end || q[1] != '"')
				return q + 1;
		}
	}
	*quoted = 0;
	q = memchr(p, ',', (size_t)(end - p));
	return q ? q : end;
}

/*
 * The commas of a line, in order: a cursor over masks of 16 bytes (one
 * compare of SSE2 each where there is one), so that a line of short
 * fields costs a few instructions a field, not a call of memchr each.
 */
struct commas {
	const char *s, *e;
	size_t off;		/* the window at s + off, its commas in mask */
	unsigned mask;
	int bs;			/* the window has a backslash */
	int seen;		/* a window since the field began had one */
};

static void
commas_at(struct commas *c, const char *s, const char *e)
{
	c->s = s, c->e = e;
	c->off = (size_t)-16;	/* the first step moves to s */
	c->mask = 0;
	c->bs = c->seen = 0;
}

/* The commas of the window of n bytes at w (16 at most are looked at),
 * and whether it has a backslash. */
static unsigned
window_mask(const char *w, size_t n, int *bs)
{
	unsigned m = 0;
	size_t i;

#ifdef __SSE2__
	if (n >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)w);
		*bs = _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
		return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v,
		    _mm_set1_epi8(',')));
	}
#endif
	*bs = 0;
	for (i = 0; i < n && i < 16; i++) {
		m |= (unsigned)(w[i] == ',') << i;
		*bs |= w[i] == '\\';
	}
	return m;
}

/* The next comma, or e when there is none. */
static const char *
commas_next(struct commas *c)
{
	size_t len = (size_t)(c->e - c->s);

	while (c->mask == 0) {
		c->off += 16;
		if (c->off >= len)
			return c->e;
		c->mask = window_mask(c->s + c->off, len - c->off, &c->bs);
		c->seen |= c->bs;
	}
	len = c->off + (size_t)__builtin_ctz(c->mask);
	c->mask &= c->mask - 1;
	return c->s + len;
}

/* The fields of [p, e) (at least 1), -1 when it does not split: a
 * quote only at the start of a field, the line's commas counted 16 bytes
 * at a time where it has none. */
static int
count_fields(const char *p, const char *e)
{
	const char *q = memchr(p, '"', (size_t)(e - p)), *fe;
	int n = 1, quoted;
#ifdef __SSE2__
	const __m128i comma = _mm_set1_epi8(',');
#endif

	if (q == NULL) {
#ifdef __SSE2__
		for (; e - p >= 16; p += 16)
			n += __builtin_popcount((unsigned)_mm_movemask_epi8(
			    _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)p),
			    comma)));
#endif
		for (; p < e; p++)
			n += *p == ',';
		return n;
	}
	for (;; n++) {
		if (p < e && *p == '"') {
			if ((fe = field_end(p, e, &quoted)) == NULL ||
			    (fe < e && *fe != ','))
				return -1;
		} else if ((fe = memchr(p, ',', (size_t)(e - p))) == NULL)
			fe = e;
		if (fe >= e)
			return n;
		p = fe + 1;
	}
}

/* Split the line [s, e) into the fields the job wants: slot[col] is
 * where column col goes, -1 if nowhere.  A field that opens with a quote
 * is read to its closing quote (field_end), the others end at the next
 * comma; a field is looked into for a backslash only when a window it
 * spans has one.  The fields after the last one wanted are only
 * counted: the number of fields, or -1 for a line that does not split. */
static int
split_wanted(const char *s, const char *e, const int *slot, int maxcol,
    struct cs_slice *out)
{
	const char *p = s, *fe;
	struct commas cm;
	int col, quoted, rest;

	commas_at(&cm, s, e);
	for (col = 0;; col++) {
		if (col > maxcol)
			return (rest = count_fields(p, e)) < 0 ? -1 : col + rest;
		if (p < e && *p == '"') {
			if ((fe = field_end(p, e, &quoted)) == NULL)
				return -1;
			if (fe < e && *fe != ',')
				return -1;	/* text after a closing quote */
			commas_at(&cm, fe < e ? fe + 1 : e, e);
		} else {
			quoted = 0;
			cm.seen = cm.bs;	/* p's window, or one before it */
			fe = commas_next(&cm);
		}
		if (col <= maxcol && slot[col] >= 0) {
			struct cs_slice *f = &out[slot[col]];
			f->p = p;
			f->n = (size_t)(fe - p);
			/* a backslash in a window the field spans: in it? */
			f->quoted = quoted || (cm.seen && memchr(p, '\\', f->n));
		}
		if (fe >= e)
			return col + 1;
		p = fe + 1;
	}
}

/* A field as its value: quotes and escapes undone, into b. */
const char *
cs_slice_text(const struct cs_slice *f, struct cs_buf *b)
{
	struct cs_row r = { 0 };
	const char *why;

	if (f->p != NULL && !f->quoted) {	/* the most: a copy */
		b->len = 0;
		cs_buf_grow(b, f->n);
		memcpy(b->s, f->p, f->n);
		b->s[b->len = f->n] = '\0';
		return b->s;
	}
	cs_buf_reset(b);
	cs_buf_adds(b, "");
	if (f->p == NULL)
		return b->s;
	if (cs_split_line(f->p, f->n, &r, &why) == 0 && r.n == 1 &&
	    cs_unescape(r.buf, &why) == 0)
		cs_buf_adds(b, cs_row_get(&r, 0));
	cs_row_free(&r);
	return b->s;
}

int
cs_slice_is(const struct cs_slice *f, const char *s, struct cs_buf *b)
{
	size_t n = strlen(s);

	if (f->p != NULL && !f->quoted)	/* the most: compared where it is */
		return f->n == n && memcmp(f->p, s, n) == 0;
	return strcmp(cs_slice_text(f, b), s) == 0;
}

/* [p, p + n) is ASCII, eight bytes at a time: most fields a job reads
 * (times, ids, statuses) need no closer look; and in the same pass
 * whether it holds a carriage return or a quote (*odd): a byte equal to
 * one is a zero byte of the word XOR that byte repeated, which
 * (v - 1s) & ~v & 0x80s finds. */
static inline int
ascii_scan(const char *p, size_t n, int *odd)
{
	const uint64_t ones = 0x0101010101010101ULL;
	const uint64_t high = 0x8080808080808080ULL;
	uint64_t w, x, y, acc = 0, hit = 0;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, p + i, 8);
		acc |= w;
		x = w ^ (ones * '\r');
		y = w ^ (ones * '"');
		hit |= ((x - ones) & ~x) | ((y - ones) & ~y);
	}
	for (; i < n; i++) {
		acc |= (unsigned char)p[i];
		if (p[i] == '\r' || p[i] == '"')
			hit = high;
	}
	*odd = (hit & high) != 0;
	return (acc & high) == 0;
}

/* A block read at a time; a line may be up to CS_RECORD_MAX besides. */
#define SCAN_BLOCK (1 << 20)

/* Read into b[have, cap) up to left bytes, -1 on an error.  Stops early
 * at the end of the file (one that shrank is read as far as it goes). */
static ssize_t
fill(int fd, char *b, size_t have, size_t cap, off_t *left, const char *path)
{
	size_t want = cap - have;
	ssize_t k;

	if ((off_t)want > *left)
		want = (size_t)*left;
	if (want == 0)
		return 0;
	do
		k = read(fd, b + have, want);
	while (k < 0 && errno == EINTR);
	if (k < 0)
		return cs_fail_errno("read", path);
	*left -= k;
	return k;
}

/*
 * The header line [p, nl): its columns, a BOM dropped and escapes undone
 * as the reader does; slot[col] is where column col of a line goes, and
 * twin[k] >= 0 says the column asked for as k was asked for before, as
 * twin[k] (it gets a copy).
 */
static int
bind_header(const char *path, const char *p, const char *nl,
    const char *const *cols, size_t ncols, struct cs_row *hdr, int **slotp,
    int **twinp, int *maxcol)
{
	const char *why;
	size_t bom, k;
	int c, *slot, *twin;

	bom = nl - p >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	if (cs_split_line(p + bom, (size_t)(nl - p) - bom, hdr, &why) < 0)
		return cs_fail(CS_EDATA, "%s:1: %s", path, why);
	*slotp = slot = cs_xmalloc((hdr->n + 1) * sizeof *slot);
	*twinp = twin = cs_xmalloc((ncols + 1) * sizeof *twin);
	for (c = 0; c < (int)hdr->n; c++) {
		slot[c] = -1;
		if (cs_unescape(hdr->buf + hdr->off[c], &why) < 0)
			return cs_fail(CS_EDATA, "%s:1: %s", path, why);
	}
	for (k = 0; k < ncols; k++) {
		twin[k] = -1;
		if ((c = cs_row_find(hdr, cols[k])) < 0)
			continue;
		if (slot[c] >= 0) {	/* asked for twice: a copy of the first */
			twin[k] = slot[c];
			continue;
		}
		slot[c] = (int)k;
		if (c > *maxcol)
			*maxcol = c;
	}
	return 0;
}

/* The number of the line starting at off: the lines before it counted,
 * for the message of a part that does not know (-1 on an error). */
static long
line_at(int fd, off_t off)
{
	char b[1 << 16];
	const char *p, *e;
	off_t at = 0;
	ssize_t k;
	long n = 1;

	while (at < off) {
		k = pread(fd, b, (size_t)(off - at) < sizeof b ? (size_t)(off - at) :
		    sizeof b, at);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		for (p = b, e = b + k; (p = memchr(p, '\n', (size_t)(e - p))); p++)
			n++;
		at += k;
	}
	return n;
}

/* The header of the store at fd, read from its start: the first line
 * into hdr (its bytes in b), whose end is *hlen. */
static int
read_header(int fd, const char *path, char *b, size_t cap, size_t *hlen)
{
	const char *nl;
	size_t have = 0;
	ssize_t k;

	while (have < cap) {
		k = pread(fd, b + have, cap - have, (off_t)have);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return cs_fail_errno("read", path);
		if (k == 0)
			break;
		have += (size_t)k;
		if ((nl = memchr(b, '\n', have)) != NULL) {
			*hlen = (size_t)(nl - b);
			return 1;
		}
	}
	return 0;	/* no whole header: no records */
}

/* A field the job reads, checked as the reader checks it: 0; 1 not
 * UTF-8 (at byte *bad of it, from 0); 2 a carriage return in it; 3 a
 * quote in it unquoted, or an escape wrong (*why; one: a row to split
 * it in). */
static int
field_ok(const struct cs_slice *f, size_t *bad, const char **why,
    struct cs_row *one)
{
	int odd;

	if (!ascii_scan(f->p, f->n, &odd) && cs_utf8_check(f->p, f->n, bad) < 0)
		return 1;
	if (odd && memchr(f->p, '\r', f->n) != NULL)
		return 2;
	/* a quoted field's quotes split_wanted checked; not an unquoted
	 * one's, nor the escapes */
	if (odd && f->p[0] != '"' && memchr(f->p, '"', f->n) != NULL) {
		*why = "quote inside an unquoted field";
		return 3;
	}
	if (f->quoted && memchr(f->p, '\\', f->n) != NULL) {
		cs_row_clear(one);
		*why = "more than one field";
		if (cs_split_line(f->p, f->n, one, why) < 0 || one->n != 1 ||
		    cs_unescape(one->buf + one->off[0], why) < 0)
			return 3;
	}
	return 0;
}

/* The error of a line the scanner could not split: the reader's reason
 * (an error's path only: the line split again as the reader does). */
static void
malformed(const char *path, const char *p, const char *nl, long line)
{
	struct cs_row r = { 0 };
	const char *why = NULL;

	if (cs_split_line(p, (size_t)(nl - p), &r, &why) < 0 && why)
		cs_fail(CS_EDATA, "%s:%ld: %s", path, line, why);
	else
		cs_fail(CS_EDATA, "%s:%ld: malformed line (cs check tells more)",
		    path, line);
	cs_row_free(&r);
}

/*
 * Scan part part of nparts of the store at path: the lines that start in
 * [size * part / nparts, size * (part + 1) / nparts) of the size it had
 * when opened, each once whatever the parts; the header is read from the
 * start.  fn gets each line's number, or 0 in a part after the first
 * (a malformed line's message counts them).
 */
static int
scan_part(const char *path, int given, off_t limit, size_t part,
    size_t nparts, const char *const *cols, size_t ncols,
    int (*fn)(void *, const struct cs_slice *, long), void *ctx)
{
	struct cs_row hdr = { 0 }, one = { 0 };
	struct cs_slice *f = cs_xmalloc((ncols + 1) * sizeof *f);
	struct stat st;
	const char *p, *e, *nl;
	char *b = NULL;
	int fd, *slot = NULL, *twin = NULL, maxcol = -1, ret = -1, skip = 0, nf, ok;
	size_t k, have = 0, hlen = 0, cap = SCAN_BLOCK + CS_RECORD_MAX + 1, bad;
	ssize_t got;
	off_t left, from = 0, to, lstart;
	long line = 0, ln;
	const char *why = NULL;

	memset(f, 0, (ncols + 1) * sizeof *f);

	if (given >= 0) {	/* read from its start, its size then */
		if ((fd = dup(given)) < 0) {
			cs_fail_errno("dup", path);
			goto out;
		}
		if (lseek(fd, 0, SEEK_SET) < 0) {
			cs_fail_errno("lseek", path);
			goto out;
		}
	} else if ((fd = cs_open_regular(path, O_RDONLY, 0)) < 0)
		goto out;
	if (fstat(fd, &st) < 0) {
		cs_fail_errno("stat", path);
		goto out;
	}
	if (limit >= 0 && st.st_size > limit)
		st.st_size = limit;
	posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	to = (off_t)((uintmax_t)st.st_size * (part + 1) / nparts);
	left = st.st_size;
	if ((size_t)left + 1 < cap)
		cap = (size_t)left + 1;	/* a small file: no more than it */
	b = cs_xmalloc(cap);
	if (part > 0) {
		/* the header from the start; then the lines from the first
		 * to start at or after from (the one before from ends it) */
		switch (read_header(fd, path, b, cap, &hlen)) {
		case -1:
			goto out;
		case 0:
			ret = 0;
			goto out;
		}
		if (bind_header(path, b, b + hlen, cols, ncols, &hdr, &slot, &twin,
		    &maxcol) < 0)
			goto out;
		from = (off_t)((uintmax_t)st.st_size * part / nparts);
		if (from <= (off_t)hlen) {
			from = (off_t)hlen + 1;	/* the header is no record */
			skip = 0;
		} else {
			from -= 1;
			skip = 1;	/* up to a newline: the line before's */
		}
		if (from >= to) {
			ret = 0;
			goto out;
		}
		left -= from;
		line = -1;
		if (lseek(fd, from, SEEK_SET) < 0) {
			cs_fail_errno("lseek", path);
			goto out;
		}
	}
	lstart = from;	/* where the line at b starts in the file */
	for (;;) {
		if ((got = fill(fd, b, have, cap, &left, path)) < 0)
			goto out;
		have += (size_t)got;
		p = b, e = b + have;
		if (skip) {
			if ((nl = memchr(p, '\n', (size_t)(e - p))) == NULL) {
				if (got == 0)
					break;
				lstart += (off_t)have;	/* a line longer than a block */
				have = 0;
				continue;
			}
			lstart += nl + 1 - p;
			p = nl + 1;
			skip = 0;
		}
		/* the complete lines of [p, e) that start before to */
		for (; lstart < to && (nl = memchr(p, '\n', (size_t)(e - p)));
		    lstart += nl + 1 - p, p = nl + 1) {
			if (nl - p > CS_RECORD_MAX)
				break;	/* refused below */
			if (line >= 0 && ++line == 1) {
				if (bind_header(path, p, nl, cols, ncols, &hdr, &slot,
				    &twin, &maxcol) < 0)
					goto out;
				continue;
			}
			/* checked as the reader checks: the line's fields
			 * the header's, those the job reads as field_ok
			 * says (cs check reads the others) */
			if (nl == p) {
				cs_fail(CS_EDATA, "%s:%ld: empty line", path, line >= 0 ?
				    line : line_at(fd, lstart));
				goto out;
			}
			if ((nf = split_wanted(p, nl, slot, maxcol, f)) < 0) {
				malformed(path, p, nl, line >= 0 ? line :
				    line_at(fd, lstart));
				goto out;
			}
			if ((size_t)nf != hdr.n) {
				cs_fail(CS_EDATA, "%s:%ld: %d fields, the header has %zu",
				    path, line >= 0 ? line : line_at(fd, lstart), nf,
				    hdr.n);
				goto out;
			}
			for (k = 0; k < ncols; k++) {
				/* (a column asked twice is its twin's, below) */
				if (f[k].p == NULL || twin[k] >= 0 ||
				    (ok = field_ok(&f[k], &bad, &why, &one)) == 0)
					continue;
				ln = line >= 0 ? line : line_at(fd, lstart);
				if (ok == 1)
					cs_fail(CS_EDATA, "%s:%ld: field '%s': invalid UTF-8 "
					    "at byte %zu", path, ln, cols[k],
					    (size_t)(f[k].p - p) + bad + 1);
				else if (ok == 2)
					cs_fail(CS_EDATA, "%s:%ld: %s", path, ln,
					    "carriage return in a store line");
				else
					cs_fail(CS_EDATA, "%s:%ld: field '%s': %s", path, ln,
					    cols[k], why);
				goto out;
			}
			for (k = 0; k < ncols; k++)
				if (twin[k] >= 0)
					f[k] = f[twin[k]];
			if (fn(ctx, f, line >= 0 ? line : 0) < 0)
				goto out;
		}
		if (lstart >= to || (nl == NULL && got == 0))
			break;	/* the part's end, or a torn tail: not a record yet */
		/* carry the partial last line over to the next block */
		have = (size_t)(e - p);
		if (have > CS_RECORD_MAX) {
			cs_fail(CS_EDATA, "%s:%ld: line longer than %d bytes", path,
			    line >= 0 ? line + 1 : line_at(fd, lstart), CS_RECORD_MAX);
			goto out;
		}
		memmove(b, p, have);
	}
	ret = 0;
out:
	if (fd >= 0)
		close(fd);
	cs_row_free(&hdr);
	cs_row_free(&one);
	free(b);
	free(f);
	free(slot);
	free(twin);
	return ret;
}

/*
 * Scan the store at path: for each complete line, fn gets the fields of
 * the columns named in cols (a slice with p NULL for a column the store
 * lacks).  Returns 0, or -1 with the error (a malformed line names the
 * file and line); fn returning -1 stops the scan with its error.
 *
 * The file is read, not mapped (a writer that truncates it would kill a
 * mapping reader with SIGBUS), a block at a time, as far as the size it
 * had when opened: lines appended meanwhile are for the next scan, and a
 * last line without its newline is not a record yet.  The slices point
 * into the block: valid only during the call of fn.
 */
int
cs_scan_store(const char *path, const char *const *cols, size_t ncols,
    int (*fn)(void *, const struct cs_slice *, long), void *ctx)
{
	return scan_part(path, -1, -1, 0, 1, cols, ncols, fn, ctx);
}

/* The same of the file open on fd (named path), from its start, as far
 * as size bytes: a second reading of the same bytes as the first. */
int
cs_scan_store_fd(int fd, const char *path, off_t size,
    const char *const *cols, size_t ncols,
    int (*fn)(void *, const struct cs_slice *, long), void *ctx)
{
	return scan_part(path, fd, size, 0, 1, cols, ncols, fn, ctx);
}

/* first[0..nfirst), then every column of hdr: a scan that asks for them
 * checks every field of a line as it reads it, though it uses only the
 * first ones (*n columns; the caller frees the array). */
const char **
cs_scan_cols_all(const char *const *first, size_t nfirst,
    const struct cs_row *hdr, size_t *n)
{
	const char **cols = cs_xmalloc((nfirst + hdr->n + 1) * sizeof *cols);
	size_t i;

	for (i = 0; i < nfirst; i++)
		cols[i] = first[i];
	for (i = 0; i < hdr->n; i++)
		cols[nfirst + i] = cs_row_get(hdr, i);
	*n = nfirst + hdr->n;
	return cols;
}

/* ---- a scan split across the cores ---- */

size_t
cs_scan_threads(size_t nfiles)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	const char *env = getenv("CS_THREADS");
	long nt = env && atol(env) > 0 ? atol(env) : cores > 0 ? cores : 1;

	if (nt > CS_SCAN_THREADS_MAX)
		nt = CS_SCAN_THREADS_MAX;
	if ((size_t)nt > nfiles)
		nt = nfiles ? (long)nfiles : 1;
	return (size_t)nt;
}

void
cs_scan_share(size_t nfiles, size_t nt, size_t t, size_t *first,
    size_t *count)
{
	/* the first nfiles % nt shares one file more than the rest */
	size_t base = nfiles / nt, extra = nfiles % nt;

	*first = t * base + (t < extra ? t : extra);
	*count = base + (t < extra);
}

/* A share of the files, or a part of one, scanned by a thread of its
 * own. */
struct share {
	char *const *files;
	size_t n;
	const char *path;	/* a part of this file: part of nparts */
	size_t part, nparts;
	const char *const *cols;
	size_t ncols;
	int (*fn)(void *, const struct cs_slice *, long);
	void *ctx;
	int ret, status;
	char msg[1024];
};

static void *
scan_share(void *arg)
{
	struct share *sh = arg;
	size_t i;

	sh->ret = 0;
	if (sh->path)
		sh->ret = scan_part(sh->path, -1, -1, sh->part, sh->nparts,
		    sh->cols, sh->ncols, sh->fn, sh->ctx);
	for (i = 0; i < sh->n && sh->ret == 0; i++)
		sh->ret = cs_scan_store(sh->files[i], sh->cols, sh->ncols, sh->fn,
		    sh->ctx);
	if (sh->ret < 0) {	/* the error is the thread's: carried over */
		sh->status = cs_errstatus();
		snprintf(sh->msg, sizeof sh->msg, "%s", cs_errmsg());
	}
	return NULL;
}

void
cs_on_threads(void *(*fn)(void *), void *v, size_t size, size_t n)
{
	pthread_t tid[CS_SCAN_THREADS_MAX];
	char *a = v;
	size_t started, t;

	for (started = 1; started < n && started < CS_SCAN_THREADS_MAX; started++)
		if (pthread_create(&tid[started], NULL, fn, a + started * size))
			break;
	fn(a);
	for (t = started; t < n; t++)	/* those no thread took */
		fn(a + t * size);
	for (t = 1; t < started; t++)
		pthread_join(tid[t], NULL);
}

/* The shares sh[0..nt) scanned, one a thread: the first error in order. */
static int
run_shares(struct share *sh, size_t nt)
{
	pthread_t tid[CS_SCAN_THREADS_MAX];
	size_t t, started;
	int ret = 0;

	for (started = 1; started < nt; started++)
		if (pthread_create(&tid[started], NULL, scan_share, &sh[started])) {
			ret = cs_fail(CS_EIO, "cannot start a thread");
			break;
		}
	if (ret == 0)
		scan_share(&sh[0]);	/* the first share on this thread */
	for (t = 1; t < started; t++)
		pthread_join(tid[t], NULL);
	for (t = 0; t < started && ret == 0; t++)
		if (sh[t].ret < 0)	/* the first in file order */
			ret = cs_fail(sh[t].status, "%s", sh[t].msg);
	return ret;
}

int
cs_scan_parallel(char *const *files, size_t nt, const char *const *cols,
    size_t ncols, int (*fn)(void *, const struct cs_slice *, long),
    void *const *ctx)
{
	struct share sh[CS_SCAN_THREADS_MAX];
	size_t nfiles = 0, t, first;

	while (files[nfiles])
		nfiles++;
	if (nt < 1 || nt > CS_SCAN_THREADS_MAX)
		return cs_fail(CS_ESOFTWARE, "cs_scan_parallel: %zu threads", nt);
	for (t = 0; t < nt; t++) {
		memset(&sh[t], 0, sizeof sh[t]);
		cs_scan_share(nfiles, nt, t, &first, &sh[t].n);
		sh[t].files = files + first;
		sh[t].cols = cols, sh[t].ncols = ncols;
		sh[t].fn = fn, sh[t].ctx = ctx[t];
	}
	return run_shares(sh, nt);
}

int
cs_scan_parts(const char *path, size_t nt, const char *const *cols,
    size_t ncols, int (*fn)(void *, const struct cs_slice *, long),
    void *const *ctx)
{
	struct share sh[CS_SCAN_THREADS_MAX];
	size_t t;

	if (nt < 1 || nt > CS_SCAN_THREADS_MAX)
		return cs_fail(CS_ESOFTWARE, "cs_scan_parts: %zu threads", nt);
	for (t = 0; t < nt; t++) {
		memset(&sh[t], 0, sizeof sh[t]);
		sh[t].path = path, sh[t].part = t, sh[t].nparts = nt;
		sh[t].cols = cols, sh[t].ncols = ncols;
		sh[t].fn = fn, sh[t].ctx = ctx[t];
	}
	return run_shares(sh, nt);
}
