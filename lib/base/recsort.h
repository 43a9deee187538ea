/*
 * recsort.h - records of one fixed size sorted in bounded memory: runs
 * handed over sorted (by any thread), kept in an unlinked temporary file
 * under $TMPDIR, merged on the way out (recsort.c).
 */
#ifndef CS_BASE_RECSORT_H
#define CS_BASE_RECSORT_H

#include <stddef.h>

struct cs_recsort;
/* Records of size bytes, in cmp's order. */
struct cs_recsort *cs_recsort_new(size_t size,
    int (*cmp)(const void *, const void *));
/* n records, sorted in place and written as a run: 0, or -1 (cs_fail)
 * when the temporary file cannot be made or written.  Threads may hand
 * runs over at once. */
int cs_recsort_run(struct cs_recsort *s, void *recs, size_t n);
/* A holder's records (a thread's), handed over as a run when cap are
 * held: cs_recsort_put copies rec in (its buffer made the first time),
 * cs_recsort_flush hands over the rest and frees the buffer; each 0 or
 * -1 as cs_recsort_run. */
struct cs_recsort_buf {
	unsigned char *v;
	size_t n, cap;
};
int cs_recsort_put(struct cs_recsort *s, struct cs_recsort_buf *b,
    const void *rec);
int cs_recsort_flush(struct cs_recsort *s, struct cs_recsort_buf *b);
/* After the last run: the merge begun (0, or -1); then each record in
 * order into rec: 1, 0 after the last, -1 on an error. */
int cs_recsort_merge(struct cs_recsort *s);
int cs_recsort_next(struct cs_recsort *s, void *rec);
void cs_recsort_free(struct cs_recsort *s);

#endif
