/*
 * recsort.c: records of a fixed size sorted in bounded memory, as
 * sort(1) does: each holder (a thread) sorts what it holds and hands it
 * over as a run, appended to one unlinked temporary file under $TMPDIR;
 * then the runs are merged, a buffer a run, through a heap of their
 * heads.  Equal records come out in the order of their runs and, within
 * a run, as qsort left them: callers whose output must not depend on it
 * compare whole records, or only add what is equal.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/base.h"
#include "base/recsort.h"

#define RUNBUF	(64 << 10)	/* bytes read at a time from a run */

struct run {
	off_t at, end;		/* in the file, still to read */
	unsigned char *buf;
	size_t n, next;		/* records in buf, the next of them */
};

struct cs_recsort {
	size_t size;
	int (*cmp)(const void *, const void *);
	FILE *fp;
	char path[4096];
	off_t len;
	struct run *runs;
	size_t nrun;
	size_t *heap, nheap;
	int failed, status;	/* the first failure's, said again after */
	char msg[1024];
	pthread_mutex_t mu;
};

/* s failed (cs_fail has said why): remembered, for every later call
 * (of any thread) to say again. */
static int
failed(struct cs_recsort *s)
{
	if (!s->failed) {
		s->failed = 1;
		s->status = cs_errstatus();
		snprintf(s->msg, sizeof s->msg, "%s", cs_errmsg());
	}
	return -1;
}

static int
again(const struct cs_recsort *s)
{
	return cs_fail(s->status, "%s", s->msg);
}

struct cs_recsort *
cs_recsort_new(size_t size, int (*cmp)(const void *, const void *))
{
	struct cs_recsort *s = cs_xmalloc(sizeof *s);

	memset(s, 0, sizeof *s);
	s->size = size;
	s->cmp = cmp;
	pthread_mutex_init(&s->mu, NULL);
	return s;
}

int
cs_recsort_run(struct cs_recsort *s, void *recs, size_t n)
{
	const char *step;
	off_t at;
	int ret = 0;

	if (n == 0)
		return 0;
	qsort(recs, n, s->size, s->cmp);
	pthread_mutex_lock(&s->mu);
	if (s->failed)
		ret = again(s);
	else if (s->fp == NULL && (s->fp = cs_spill_open("cs-sort", s->path,
	    sizeof s->path, &step)) == NULL) {
		cs_fail(strcmp(step, "mkstemp") ? CS_EIO : CS_ECANTCREAT,
		    "%s %s: %s", step, s->path, strerror(errno));
		ret = failed(s);
	} else {
		at = s->len;
		if (fwrite(recs, s->size, n, s->fp) != n) {
			cs_fail(CS_EIO, "%s %s: %s", "write", "a temporary file",
			    strerror(errno));
			ret = failed(s);
		} else {
			s->runs = cs_xrealloc(s->runs, (s->nrun + 1) *
			    sizeof *s->runs);
			memset(&s->runs[s->nrun], 0, sizeof s->runs[0]);
			s->runs[s->nrun].at = at;
			s->runs[s->nrun++].end = at + (off_t)(n * s->size);
			s->len += (off_t)(n * s->size);
		}
	}
	pthread_mutex_unlock(&s->mu);
	return ret;
}

int
cs_recsort_put(struct cs_recsort *s, struct cs_recsort_buf *b,
    const void *rec)
{
	if (b->v == NULL)
		b->v = cs_xmalloc(b->cap * s->size);
	else if (b->n == b->cap) {
		if (cs_recsort_run(s, b->v, b->n) < 0)
			return -1;
		b->n = 0;
	}
	memcpy(b->v + b->n++ * s->size, rec, s->size);
	return 0;
}

int
cs_recsort_flush(struct cs_recsort *s, struct cs_recsort_buf *b)
{
	int k = b->n ? cs_recsort_run(s, b->v, b->n) : 0;

	free(b->v);
	b->v = NULL;
	b->n = 0;
	return k;
}

/* Run r's buffer refilled: 1, 0 at its end, -1 on an error. */
static int
refill(struct cs_recsort *s, struct run *r)
{
	size_t want = (RUNBUF / s->size + 1) * s->size;
	ssize_t got;

	if (r->at >= r->end)
		return 0;
	if ((off_t)want > r->end - r->at)
		want = (size_t)(r->end - r->at);
	if (r->buf == NULL)	/* a short run's no bigger than it */
		r->buf = cs_xmalloc(want);
	do
		got = pread(fileno(s->fp), r->buf, want, r->at);
	while (got < 0 && errno == EINTR);
	if (got < 0)
		return cs_fail(CS_EIO, "%s %s: %s", "read", "a temporary file",
		    strerror(errno));
	if ((size_t)got != want)
		return cs_fail(CS_EIO, "%s: cut short", "a temporary file");
	r->at += got;
	r->n = want / s->size;
	r->next = 0;
	return 1;
}

static const void *
head(const struct cs_recsort *s, size_t i)
{
	const struct run *r = &s->runs[s->heap[i]];

	return r->buf + r->next * s->size;
}

/* Heads earlier in the order first; a tie goes to the earlier run. */
static int
before(const struct cs_recsort *s, size_t i, size_t j)
{
	int c = s->cmp(head(s, i), head(s, j));

	return c < 0 || (c == 0 && s->heap[i] < s->heap[j]);
}

static void
sift_down(struct cs_recsort *s, size_t i)
{
	size_t l, m, t;

	for (;;) {
		l = 2 * i + 1;
		m = i;
		if (l < s->nheap && before(s, l, m))
			m = l;
		if (l + 1 < s->nheap && before(s, l + 1, m))
			m = l + 1;
		if (m == i)
			return;
		t = s->heap[i], s->heap[i] = s->heap[m], s->heap[m] = t;
		i = m;
	}
}

int
cs_recsort_merge(struct cs_recsort *s)
{
	size_t i;
	int k;

	if (s->failed)
		return again(s);
	if (s->fp && fflush(s->fp) != 0) {
		cs_fail(CS_EIO, "%s %s: %s", "write", "a temporary file",
		    strerror(errno));
		return failed(s);
	}
	s->heap = cs_xmalloc((s->nrun + 1) * sizeof *s->heap);
	for (i = 0; i < s->nrun; i++) {
		if ((k = refill(s, &s->runs[i])) < 0)
			return failed(s);
		if (k > 0)
			s->heap[s->nheap++] = i;
	}
	for (i = s->nheap / 2; i-- > 0;)
		sift_down(s, i);
	return 0;
}

int
cs_recsort_next(struct cs_recsort *s, void *rec)
{
	struct run *r;
	int k;

	if (s->failed)
		return again(s);
	if (s->nheap == 0)
		return 0;
	r = &s->runs[s->heap[0]];
	memcpy(rec, r->buf + r->next * s->size, s->size);
	if (++r->next == r->n) {
		if ((k = refill(s, r)) < 0)
			return failed(s);
		if (k == 0) {
			free(r->buf);
			r->buf = NULL;
			s->heap[0] = s->heap[--s->nheap];
		}
	}
	if (s->nheap)
		sift_down(s, 0);
	return 1;
}

void
cs_recsort_free(struct cs_recsort *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nrun; i++)
		free(s->runs[i].buf);
	free(s->runs);
	free(s->heap);
	if (s->fp)
		fclose(s->fp);
	pthread_mutex_destroy(&s->mu);
	free(s);
}
