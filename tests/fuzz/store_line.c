/*
 * store_line.c: the store-line splitter and unescape (csvio.c
 * cs_split_line, cs_unescape) and the fast scanner (scan.c
 * cs_scan_store), on any bytes.
 *
 * The first byte chooses which columns the scan asks for (bit k: the
 * header's column k, of the first six; bit 6: a column no store has);
 * the rest is a store file.  Besides not crashing:
 * - every line that splits and unescapes, written back by cs_csv_record,
 *   splits and unescapes into the same fields;
 * - when the store reader reads the file to its end, the scanner reads
 *   it too and gives each line's asked-for fields exactly as the reader
 *   does (DESIGN 9).  Where the reader refuses a line the scanner may
 *   still pass it (it splits only as far as the columns asked for and
 *   leaves malformed lines to cs check), so then only "no crash" holds.
 */
#include "fuzz.h"

static void
round_trip(const char *s, size_t n)
{
	struct cs_row r = { 0 }, back = { 0 };
	struct cs_buf b = { 0 };
	const char *why;
	size_t i;

	if (cs_split_line(s, n, &r, &why) < 0)
		goto out;
	fuzz_assert(r.n >= 1, "no field");
	for (i = 0; i < r.n; i++)
		if (cs_unescape(r.buf + r.off[i], &why) < 0)
			goto out;
	cs_csv_record(&b, &r);
	fuzz_assert(memchr(b.s, '\n', b.len - 1) == NULL, "a line break inside");
	fuzz_assert(cs_split_line(b.s, b.len - 1, &back, &why) == 0, "'%s': %s",
	    b.s, why);
	fuzz_assert(back.n == r.n, "%zu fields back, %zu written", back.n, r.n);
	for (i = 0; i < r.n; i++) {
		fuzz_assert(cs_unescape(back.buf + back.off[i], &why) == 0, "%s", why);
		fuzz_assert(strcmp(cs_row_get(&back, i), cs_row_get(&r, i)) == 0,
		    "field %zu: '%s', written '%s'", i, cs_row_get(&back, i),
		    cs_row_get(&r, i));
	}
out:
	cs_row_free(&r);
	cs_row_free(&back);
	cs_buf_free(&b);
}

struct cmp {
	struct cs_reader r;
	struct cs_row row;
	const char *cols[8];
	size_t ncols;
	struct cs_buf b;
};

static int
on_line(void *ctx, const struct cs_slice *f, long line)
{
	struct cmp *c = ctx;
	size_t k;
	int col;

	fuzz_assert(cs_reader_next(&c->r, &c->row) == 1, "line %ld: the scanner "
	    "has it, the reader not", line);
	fuzz_assert(c->row.line == line, "line %ld, the reader's %ld", line,
	    c->row.line);
	for (k = 0; k < c->ncols; k++) {
		col = cs_row_find(&c->r.hdr, c->cols[k]);
		if (col < 0) {
			fuzz_assert(f[k].p == NULL, "line %ld: column '%s' found",
			    line, c->cols[k]);
			continue;
		}
		fuzz_assert(f[k].p != NULL, "line %ld: column '%s' not found", line,
		    c->cols[k]);
		fuzz_assert(strcmp(cs_slice_text(&f[k], &c->b),
		    cs_row_get(&c->row, (size_t)col)) == 0, "line %ld, %s: '%s', "
		    "the reader's '%s'", line, c->cols[k], c->b.s,
		    cs_row_get(&c->row, (size_t)col));
	}
	return 0;
}

static int
ignore(void *ctx, const struct cs_slice *f, long line)
{
	(void)ctx, (void)f, (void)line;
	return 0;
}

/* Does the store reader read the whole file without an error? */
static int
reader_ok(const char *path)
{
	struct cs_reader r;
	struct cs_row row = { 0 };
	int k;

	if (cs_reader_open(&r, path, CS_READ_STORE, 0) < 0)
		return 0;
	while ((k = cs_reader_next(&r, &row)) > 0)
		;
	cs_row_free(&row);
	cs_reader_close(&r);
	return k == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cmp c = { 0 };
	const char *s, *e, *nl;
	char path[256];
	unsigned pick;
	size_t i;

	if (size < 1)
		return 0;
	pick = data[0];
	data++, size--;
	for (s = (const char *)data, e = s + size; s < e; s = nl + 1) {
		if ((nl = memchr(s, '\n', (size_t)(e - s))) == NULL)
			nl = e;
		round_trip(s, (size_t)(nl - s));
	}
	fuzz_write("s.csv", data, size);
	snprintf(path, sizeof path, "%s/s.csv", fuzz_dir());
	if (!reader_ok(path)) {
		static const char *const all[] = { "a", "b", "c" };
		if (cs_scan_store(path, all, 3, ignore, NULL) < 0)
			fuzz_assert(cs_errstatus() == CS_EDATA, "status %d: %s",
			    cs_errstatus(), cs_errmsg());
		return 0;
	}
	if (cs_reader_open(&c.r, path, CS_READ_STORE, 0) < 0)
		abort();
	for (i = 0; i < 6 && i < c.r.hdr.n; i++)
		if (pick & (1u << i))
			c.cols[c.ncols++] = cs_row_get(&c.r.hdr, i);
	if (pick & 64)
		c.cols[c.ncols++] = "no such column";
	fuzz_assert(cs_scan_store(path, c.cols, c.ncols, on_line, &c) == 0,
	    "the reader reads it, the scanner says: %s", cs_errmsg());
	fuzz_assert(cs_reader_next(&c.r, &c.row) == 0, "the reader has line %ld, "
	    "the scanner not", c.row.line);
	cs_reader_close(&c.r);
	cs_row_free(&c.row);
	cs_buf_free(&c.b);
	return 0;
}
