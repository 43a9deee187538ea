/*
 * rowsort.c: rows sorted by one field in bounded memory (rowsort.h).
 *
 * A row is held packed in one arena: the length of its fields (4 bytes),
 * their count (4 bytes), then the fields, each NUL-terminated; an entry
 * beside it gives where the row and its key start.  When the arena and
 * the entries would pass the budget, the entries are sorted (a tie by
 * where the row is, so by the order of adding) and the rows written in
 * their order, as they are packed, to the end of the temporary file: a
 * run.  At the end the rows still held are a run too, and the runs are
 * merged through a heap, a tie going to the earlier run: a row never
 * passes one added before it with the same key.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/rowsort.h"

#define BUDGET	((size_t)32 << 20)	/* bytes of rows held, by default */
#define HEAD	8			/* a packed row's length and count */
#define RBUF_MIN	((size_t)4 << 10)	/* a run's read buffer, at least */
#define RBUF_MAX	((size_t)1 << 20)	/* and at most */
#define NOKEY	SIZE_MAX		/* a row without the key field: "" */

struct ent {
	size_t off, key;	/* the row and its key in the arena */
};

struct run {
	uint64_t pos, end;	/* what is left of it in the file */
	char *buf;		/* buf[at..len) read, not yet given */
	size_t cap, len, at;
	const char *row, *key;	/* its first row not yet given */
};

struct cs_rowsort {
	size_t key, budget;
	int (*cmp)(const char *, const char *);
	int desc;
	char *a;		/* the arena */
	size_t alen, acap;
	struct ent *e;
	size_t ne, ecap, next;
	FILE *fp;		/* the runs, or NULL */
	char path[4096];	/* its name, for an error */
	uint64_t *bound;	/* run i is bound[i] to bound[i + 1] */
	size_t nruns;
	struct run *r;
	size_t *heap, nheap;
	int started, merging, failed;
};

size_t
cs_rowsort_budget(void)
{
	const char *e = getenv("CS_SORT_BYTES");
	long n = e ? atol(e) : 0;

	return n > 0 ? (size_t)n : BUDGET;
}

struct cs_rowsort *
cs_rowsort_new(size_t key, int (*cmp)(const char *, const char *), int desc,
    size_t budget)
{
	struct cs_rowsort *s = cs_xmalloc(sizeof *s);

	memset(s, 0, sizeof *s);
	s->key = key;
	s->cmp = cmp;
	s->desc = desc;
	s->budget = budget ? budget : cs_rowsort_budget();
	return s;
}

size_t
cs_rowsort_runs(const struct cs_rowsort *s)
{
	return s->nruns;
}

static int
fail(struct cs_rowsort *s, const char *step)
{
	int err = errno;

	s->failed = 1;
	return cs_fail(strcmp(step, "mkstemp") ? CS_EIO : CS_ECANTCREAT,
	    "%s %s: %s", step, s->path, strerror(err));
}

static int
keycmp(const struct cs_rowsort *s, const char *x, const char *y)
{
	int c = s->cmp(x, y);

	return s->desc ? -c : c;
}

static int
by_key(const void *a, const void *b, void *ctx)
{
	const struct ent *x = a, *y = b;
	const struct cs_rowsort *s = ctx;
	int c = keycmp(s, x->key == NOKEY ? "" : s->a + x->key,
	    y->key == NOKEY ? "" : s->a + y->key);

	if (c)
		return c;
	return x->off < y->off ? -1 : x->off > y->off;
}

/* The temporary file, made the first time and unlinked at once. */
static int
open_file(struct cs_rowsort *s)
{
	const char *step;

	if ((s->fp = cs_spill_open("cs-sort", s->path, sizeof s->path,
	    &step)) == NULL)
		return fail(s, step);
	s->bound = cs_xmalloc(2 * sizeof *s->bound);
	s->bound[0] = 0;
	return 0;
}

static void
sort_held(struct cs_rowsort *s)
{
	if (s->ne > 1)
		qsort_r(s->e, s->ne, sizeof *s->e, by_key, s);
}

/* The rows held, sorted, to the end of the file as a run. */
static int
spill(struct cs_rowsort *s)
{
	uint64_t at;
	uint32_t size;
	size_t i;

	if (s->fp == NULL && open_file(s) < 0)
		return -1;
	sort_held(s);
	at = s->bound[s->nruns];
	for (i = 0; i < s->ne; i++) {
		memcpy(&size, s->a + s->e[i].off, sizeof size);
		if (fwrite(s->a + s->e[i].off, 1, HEAD + size, s->fp) !=
		    HEAD + size)
			return fail(s, "write");
		at += HEAD + size;
	}
	s->bound = cs_xrealloc(s->bound, (s->nruns + 2) * sizeof *s->bound);
	s->bound[++s->nruns] = at;
	s->alen = s->ne = 0;
	return 0;
}

int
cs_rowsort_add(struct cs_rowsort *s, const struct cs_row *r)
{
	size_t need = HEAD, i, l, ncap;
	uint32_t size, n = (uint32_t)r->n;
	char *p;

	if (s->failed)
		return -1;
	for (i = 0; i < r->n; i++)
		need += strlen(cs_row_get(r, i)) + 1;
	if (s->ne && s->alen + need + (s->ne + 1) * sizeof *s->e > s->budget &&
	    spill(s) < 0)
		return -1;
	if (s->alen + need > s->acap) {
		ncap = s->acap ? s->acap * 2 : (size_t)64 << 10;
		if (ncap > s->budget)
			ncap = s->budget;
		if (ncap < s->alen + need)
			ncap = s->alen + need;
		s->a = cs_xrealloc(s->a, s->acap = ncap);
	}
	if (s->ne == s->ecap) {
		s->ecap = s->ecap ? s->ecap * 2 : 1024;
		s->e = cs_xrealloc(s->e, s->ecap * sizeof *s->e);
	}
	s->e[s->ne].off = s->alen;
	p = s->a + s->alen;
	size = (uint32_t)(need - HEAD);
	memcpy(p, &size, sizeof size);
	memcpy(p + 4, &n, sizeof n);
	p += HEAD;
	s->e[s->ne].key = NOKEY;
	for (i = 0; i < r->n; i++) {
		l = strlen(cs_row_get(r, i)) + 1;
		if (i == s->key)
			s->e[s->ne].key = (size_t)(p - s->a);
		memcpy(p, cs_row_get(r, i), l);
		p += l;
	}
	s->alen += need;
	s->ne++;
	return 0;
}

/* At least k bytes of run u read: 0, 1 when the run is over (k is HEAD
 * and nothing is left), -1 on an error. */
static int
fill(struct cs_rowsort *s, struct run *u, size_t k)
{
	size_t want;
	ssize_t m;

	while (u->len - u->at < k) {
		if (u->at) {
			memmove(u->buf, u->buf + u->at, u->len - u->at);
			u->len -= u->at;
			u->at = 0;
		}
		if (u->cap < k)
			u->buf = cs_xrealloc(u->buf, u->cap = k);
		if (u->pos == u->end) {
			if (u->len == 0 && k == HEAD)
				return 1;
			errno = EIO;	/* the run is cut short */
			return fail(s, "read");
		}
		want = u->cap - u->len;
		if (want > u->end - u->pos)
			want = (size_t)(u->end - u->pos);
		m = pread(fileno(s->fp), u->buf + u->len, want, (off_t)u->pos);
		if (m < 0 && errno == EINTR)
			continue;
		if (m <= 0) {
			if (m == 0)
				errno = EIO;
			return fail(s, "read");
		}
		u->pos += (uint64_t)m;
		u->len += (size_t)m;
	}
	return 0;
}

/* Run u's next row read: 1, 0 when it is over, -1 on an error. */
static int
load(struct cs_rowsort *s, struct run *u, size_t key)
{
	uint32_t size, n, i;
	const char *p;
	int k;

	if ((k = fill(s, u, HEAD)) != 0)
		return k > 0 ? 0 : -1;
	memcpy(&size, u->buf + u->at, sizeof size);
	if (fill(s, u, HEAD + (size_t)size) < 0)
		return -1;
	u->row = u->buf + u->at;
	memcpy(&n, u->row + 4, sizeof n);
	p = u->row + HEAD;
	u->key = "";
	for (i = 0; i < n; i++) {
		if (i == key)
			u->key = p;
		p += strlen(p) + 1;
	}
	u->at += HEAD + size;
	return 1;
}

/* Run i before run j in the heap. */
static int
before(const struct cs_rowsort *s, size_t i, size_t j)
{
	int c = keycmp(s, s->r[i].key, s->r[j].key);

	return c < 0 || (c == 0 && i < j);
}

static void
sift(struct cs_rowsort *s, size_t at)
{
	size_t c, t;

	for (;;) {
		c = 2 * at + 1;
		if (c >= s->nheap)
			return;
		if (c + 1 < s->nheap && before(s, s->heap[c + 1], s->heap[c]))
			c++;
		if (!before(s, s->heap[c], s->heap[at]))
			return;
		t = s->heap[c], s->heap[c] = s->heap[at], s->heap[at] = t;
		at = c;
	}
}

/* All added: sorted in memory, or the last run written and the merge
 * begun. */
static int
finish(struct cs_rowsort *s)
{
	size_t i, per;
	int k;

	if (s->nruns == 0) {
		sort_held(s);
		return 0;
	}
	if (s->ne && spill(s) < 0)
		return -1;
	if (fflush(s->fp) == EOF)
		return fail(s, "write");
	free(s->a), s->a = NULL;
	free(s->e), s->e = NULL;
	s->acap = s->ecap = 0;
	s->merging = 1;
	per = s->budget / s->nruns;
	per = per < RBUF_MIN ? RBUF_MIN : per > RBUF_MAX ? RBUF_MAX : per;
	s->r = cs_xmalloc(s->nruns * sizeof *s->r);
	s->heap = cs_xmalloc(s->nruns * sizeof *s->heap);
	memset(s->r, 0, s->nruns * sizeof *s->r);
	for (i = 0; i < s->nruns; i++) {
		s->r[i].pos = s->bound[i];
		s->r[i].end = s->bound[i + 1];
		s->r[i].buf = cs_xmalloc(s->r[i].cap = per);
		if ((k = load(s, &s->r[i], s->key)) < 0)
			return -1;
		if (k)
			s->heap[s->nheap++] = i;
	}
	for (i = s->nheap / 2; i-- > 0;)
		sift(s, i);
	return 0;
}

/* A packed row into r. */
static void
unpack(const char *p, struct cs_row *r)
{
	uint32_t n, i;
	size_t l;

	cs_row_clear(r);
	memcpy(&n, p + 4, sizeof n);
	for (p += HEAD, i = 0; i < n; i++, p += l + 1)
		cs_row_push(r, p, l = strlen(p));
}

int
cs_rowsort_next(struct cs_rowsort *s, struct cs_row *r)
{
	struct run *u;
	int k;

	if (!s->started) {
		s->started = 1;
		if (!s->failed && finish(s) < 0)
			return -1;
	}
	if (s->failed)
		return -1;
	if (!s->merging) {
		if (s->next == s->ne)
			return 0;
		unpack(s->a + s->e[s->next++].off, r);
		return 1;
	}
	if (s->nheap == 0)
		return 0;
	u = &s->r[s->heap[0]];
	unpack(u->row, r);
	if ((k = load(s, u, s->key)) < 0)
		return -1;
	if (k == 0)
		s->heap[0] = s->heap[--s->nheap];
	sift(s, 0);
	return 1;
}

void
cs_rowsort_free(struct cs_rowsort *s)
{
	size_t i;

	if (s == NULL)
		return;
	if (s->r)
		for (i = 0; i < s->nruns; i++)
			free(s->r[i].buf);
	free(s->r);
	free(s->heap);
	free(s->bound);
	free(s->a);
	free(s->e);
	if (s->fp)
		fclose(s->fp);
	free(s);
}
