/*
 * csv_reader.c: the record reader (csvio.c cs_reader_*) on any bytes.
 *
 * The first byte chooses the mode (bit 0: CS_READ_CSV, else
 * CS_READ_STORE) and the flags (bit 1: CS_READ_LITERAL, bit 2:
 * CS_READ_NOHEADER); the rest is the file.  Besides not crashing:
 * - every record has the header's field count, and valid UTF-8 fields;
 * - a file the store reader reads to its end reads the same through
 *   libcsv (CS_READ_CSV): the store dialect is a subset of CSV, and the
 *   fast paths for our stores must not give other fields than the
 *   parser of record (DESIGN 9);
 * - a record, from a store or from outside, written in the store
 *   dialect (cs_csv_record) splits back into the same fields: whatever
 *   an import accepts, a store can hold.
 */
#include "fuzz.h"

struct rows {
	struct cs_row *v;
	size_t n;
	struct cs_row hdr;
	int ok;			/* read to the end without an error */
};

static void
rows_free(struct rows *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		cs_row_free(&rs->v[i]);
	free(rs->v);
	cs_row_free(&rs->hdr);
	memset(rs, 0, sizeof *rs);
}

static void
check_row(const struct cs_reader *r, const struct cs_row *row)
{
	size_t i, bad;

	fuzz_assert(r->hdr.n == 0 || row->n == r->hdr.n, "%zu fields, %zu in the "
	    "header", row->n, r->hdr.n);
	fuzz_assert(row->line >= 1 && row->line <= r->lineno, "line %ld of %ld",
	    row->line, r->lineno);
	for (i = 0; i < row->n; i++) {
		const char *f = cs_row_get(row, i);
		fuzz_assert(cs_utf8_check(f, strlen(f), &bad) == 0, "field %zu", i);
	}
}

/* Written in the store dialect, the record splits back into itself. */
static void
round_trip(const struct cs_row *row)
{
	struct cs_buf b = { 0 };
	struct cs_row back = { 0 };
	const char *why;
	size_t i;

	cs_csv_record(&b, row);
	fuzz_assert(b.len > 0 && b.s[b.len - 1] == '\n', "no newline");
	fuzz_assert(memchr(b.s, '\n', b.len - 1) == NULL, "a line break inside");
	fuzz_assert(cs_split_line(b.s, b.len - 1, &back, &why) == 0, "%s: %s",
	    b.s, why);
	fuzz_assert(back.n == row->n, "%zu fields back, %zu written", back.n,
	    row->n);
	for (i = 0; i < back.n; i++) {
		fuzz_assert(cs_unescape(back.buf + back.off[i], &why) == 0, "%s",
		    why);
		fuzz_assert(strcmp(cs_row_get(&back, i), cs_row_get(row, i)) == 0,
		    "field %zu: '%s', written '%s'", i, cs_row_get(&back, i),
		    cs_row_get(row, i));
	}
	cs_buf_free(&b);
	cs_row_free(&back);
}

static void
read_all(const uint8_t *data, size_t size, enum cs_read_mode mode, int flags,
    struct rows *rs)
{
	struct cs_reader r;
	struct cs_row row = { 0 };
	FILE *fp;
	int k;

	memset(rs, 0, sizeof *rs);
	fp = fmemopen((void *)data, size, "r");
	fuzz_assert(fp != NULL, "fmemopen: %s", strerror(errno));
	if (cs_reader_fdopen(&r, fp, "fuzz", mode, flags) < 0) {
		fuzz_assert(cs_errstatus() == CS_EDATA || cs_errstatus() == CS_EIO,
		    "status %d: %s", cs_errstatus(), cs_errmsg());
		cs_reader_close(&r);
		fclose(fp);
		return;
	}
	cs_row_copy(&rs->hdr, &r.hdr);
	while ((k = cs_reader_next(&r, &row)) > 0) {
		check_row(&r, &row);
		round_trip(&row);
		rs->v = cs_xrealloc(rs->v, (rs->n + 1) * sizeof *rs->v);
		memset(&rs->v[rs->n], 0, sizeof rs->v[0]);
		cs_row_copy(&rs->v[rs->n++], &row);
	}
	if (k < 0)
		fuzz_assert(cs_errstatus() == CS_EDATA, "status %d: %s",
		    cs_errstatus(), cs_errmsg());
	else
		fuzz_assert(cs_reader_next(&r, &row) == 0, "a record after the end");
	rs->ok = k == 0;
	cs_row_free(&row);
	cs_reader_close(&r);
	fclose(fp);
}

static void
same_rows(const struct cs_row *a, const struct cs_row *b, size_t rec)
{
	size_t i;

	fuzz_assert(a->n == b->n, "record %zu: %zu fields as a store, %zu as CSV",
	    rec, a->n, b->n);
	fuzz_assert(a->line == b->line, "record %zu: line %ld as a store, %ld as "
	    "CSV", rec, a->line, b->line);
	for (i = 0; i < a->n; i++)
		fuzz_assert(strcmp(cs_row_get(a, i), cs_row_get(b, i)) == 0,
		    "record %zu field %zu: '%s' as a store, '%s' as CSV", rec, i,
		    cs_row_get(a, i), cs_row_get(b, i));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rows st, csv;
	enum cs_read_mode mode;
	int flags;
	size_t i, cut;

	if (size < 1)
		return 0;
	mode = data[0] & 1 ? CS_READ_CSV : CS_READ_STORE;
	flags = (data[0] & 2 ? CS_READ_LITERAL : 0) |
	    (data[0] & 4 ? CS_READ_NOHEADER : 0);
	data++, size--;
	read_all(data, size, mode, flags, &st);
	/* the store reader leaves a last line without its newline: a
	 * writer may be in the middle of it; libcsv gets the lines before */
	for (cut = size; cut > 0 && data[cut - 1] != '\n'; cut--)
		;
	if (mode == CS_READ_STORE && st.ok && !(flags & CS_READ_LITERAL) &&
	    cut > 0) {
		read_all(data, cut, CS_READ_CSV, flags, &csv);
		fuzz_assert(csv.ok && csv.n == st.n, "%zu store records, CSV %s "
		    "after %zu", st.n, csv.ok ? "ends" : cs_errmsg(), csv.n);
		same_rows(&st.hdr, &csv.hdr, 0);
		for (i = 0; i < st.n; i++)
			same_rows(&st.v[i], &csv.v[i], i + 1);
		rows_free(&csv);
	}
	rows_free(&st);
	return 0;
}
