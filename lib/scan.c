/*
 * scan.c: a fast reader of our own stores, for the jobs that stream a
 * month (DESIGN 9).  The store dialect keeps a record on one line and
 * quotes a field only when it holds a comma or a quote, so a line is
 * split by memchr and a few comparisons, only as far as the last column
 * the job wants, straight from the mapped file: nothing is copied, and a
 * field is decoded (quotes, escapes) only when the job asks.  The
 * differential test in test_scan.c holds it to cs_split_line and libcsv
 * on the fixtures and on fuzzed stores.  Files from outside still go
 * through libcsv (csvio.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cs.h"

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

/* Split the line [s, e) into the fields the job wants: slot[col] is
 * where column col goes, -1 if nowhere.  memchr finds the commas. */
static int
split_wanted(const char *s, const char *e, const int *slot, int maxcol,
    struct cs_slice *out)
{
	const char *p = s, *fe;
	int col, quoted;

	for (col = 0; col <= maxcol; col++) {
		if ((fe = field_end(p, e, &quoted)) == NULL)
			return -1;
		if (fe < e && *fe != ',')
			return -1;	/* text after a closing quote */
		if (slot[col] >= 0) {
			struct cs_slice *f = &out[slot[col]];
			f->p = p;
			f->n = (size_t)(fe - p);
			f->quoted = quoted || memchr(p, '\\', f->n) != NULL;
		}
		if (fe >= e)
			return col < maxcol ? -1 : 0;	/* fewer fields than the header */
		p = fe + 1;
	}
	return 0;
}

/* A field as its value: quotes and escapes undone, into b. */
const char *
cs_slice_text(const struct cs_slice *f, struct cs_buf *b)
{
	struct cs_row r = { 0 };
	const char *why;

	cs_buf_reset(b);
	cs_buf_adds(b, "");
	if (f->p == NULL)
		return b->s;
	if (!f->quoted) {
		cs_buf_add(b, f->p, f->n);
		return b->s;
	}
	if (cs_split_line(f->p, f->n, &r, &why) == 0 && r.n == 1 &&
	    cs_unescape(r.buf, &why) == 0)
		cs_buf_adds(b, cs_row_get(&r, 0));
	cs_row_free(&r);
	return b->s;
}

/*
 * Scan the store at path: for each complete line, fn gets the fields of
 * the columns named in cols (a slice with p NULL for a column the store
 * lacks).  Returns 0, or -1 with the error (a malformed line names the
 * file and line); fn returning -1 stops the scan with its error.
 */
int
cs_scan_store(const char *path, const char *const *cols, size_t ncols,
    int (*fn)(void *, const struct cs_slice *, long), void *ctx)
{
	struct cs_row hdr = { 0 };
	struct cs_slice *f = calloc(ncols + 1, sizeof *f);
	struct stat st;
	const char *p, *e, *nl, *why;
	char *map = NULL;
	int fd, *slot = NULL, *twin = NULL, maxcol = -1, ret = -1, c, twins = 0;
	size_t k, len, bom;
	long line = 1;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		cs_fail_errno("open", path);
		goto out;
	}
	if (fstat(fd, &st) < 0) {
		cs_fail_errno("stat", path);
		goto out;
	}
	if (st.st_size == 0) {
		ret = 0;
		goto out;
	}
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (map == MAP_FAILED) {
		map = NULL;
		cs_fail_errno("mmap", path);
		goto out;
	}
	madvise(map, (size_t)st.st_size, MADV_SEQUENTIAL);
	for (len = (size_t)st.st_size; len > 0 && map[len - 1] != '\n'; len--)
		;		/* a torn tail is not a record yet */
	if (len == 0) {
		ret = 0;
		goto out;
	}
	nl = memchr(map, '\n', len);
	/* a BOM is no part of the first column's name, as for the reader */
	bom = nl - map >= 3 && memcmp(map, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	if (cs_split_line(map + bom, (size_t)(nl - map) - bom, &hdr, &why) < 0) {
		cs_fail(CS_EDATA, "%s:1: %s", path, why);
		goto out;
	}
	slot = cs_xmalloc((hdr.n + 1) * sizeof *slot);
	for (c = 0; c < (int)hdr.n; c++) {
		slot[c] = -1;
		if (cs_unescape(hdr.buf + hdr.off[c], &why) < 0) {
			cs_fail(CS_EDATA, "%s:1: %s", path, why);
			goto out;
		}
	}
	twin = cs_xmalloc((ncols + 1) * sizeof *twin);
	for (k = 0; k < ncols; k++) {
		twin[k] = -1;
		if ((c = cs_row_find(&hdr, cols[k])) < 0)
			continue;
		if (slot[c] >= 0) {	/* asked for twice: a copy of the first */
			twin[k] = slot[c];
			twins = 1;
			continue;
		}
		slot[c] = (int)k;
		if (c > maxcol)
			maxcol = c;
	}
	for (p = nl + 1, e = map + len; p < e; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(e - p));
		line++;
		if (split_wanted(p, nl, slot, maxcol, f) < 0) {
			cs_fail(CS_EDATA, "%s:%ld: malformed line (cs check tells more)",
			    path, line);
			goto out;
		}
		for (k = 0; twins && k < ncols; k++)
			if (twin[k] >= 0)
				f[k] = f[twin[k]];
		if (fn(ctx, f, line) < 0)
			goto out;
	}
	ret = 0;
out:
	if (map)
		munmap(map, (size_t)st.st_size);
	if (fd >= 0)
		close(fd);
	cs_row_free(&hdr);
	free(f);
	free(slot);
	free(twin);
	return ret;
}
