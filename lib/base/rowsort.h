/*
 * rowsort.h - rows sorted by one field in bounded memory (base/rowsort.c),
 * as sort(1) sorts: the rows are held, packed, up to a budget of bytes;
 * a full buffer is sorted and written out as a run to a temporary file
 * (under $TMPDIR, else /tmp, removed as soon as it is made), and the runs
 * are merged as the rows are asked for.  Rows that fit in the budget never
 * leave memory.  The sort is stable: rows of equal keys come out in the
 * order they were added, whether held or spilled, so the output is the
 * same at any budget.  Memory is the budget and, while merging, a read
 * buffer a run (the budget shared among them, 4 KiB each at least).
 *
 *	s = cs_rowsort_new(key, strcmp, desc, cs_rowsort_budget());
 *	while (...) if (cs_rowsort_add(s, &row) < 0) goto fail;
 *	while ((k = cs_rowsort_next(s, &row)) > 0) use(&row);
 *	cs_rowsort_free(s);
 *
 * A failure of the file (mkstemp: 73; write, read: 74) is reported with
 * its step and the file's name (cs_fail) and returned as -1; the sort
 * then gives no more rows.
 */
#ifndef CS_ROWSORT_H
#define CS_ROWSORT_H

#include "base/base.h"

struct cs_rowsort;
/* Rows ordered by field key under cmp (descending when desc); held in
 * about budget bytes (0: cs_rowsort_budget()). */
struct cs_rowsort *cs_rowsort_new(size_t key,
    int (*cmp)(const char *, const char *), int desc, size_t budget);
/* r added (copied); its field key must be there. */
int cs_rowsort_add(struct cs_rowsort *s, const struct cs_row *r);
/* The next row in order into r: 1, 0 after the last, -1 on an error.
 * No row may be added after the first call. */
int cs_rowsort_next(struct cs_rowsort *s, struct cs_row *r);
/* Runs written so far (0 when all is held in memory), for tests. */
size_t cs_rowsort_runs(const struct cs_rowsort *s);
void cs_rowsort_free(struct cs_rowsort *s);
/* $CS_SORT_BYTES (for tests), else 32 MiB. */
size_t cs_rowsort_budget(void);

#endif
