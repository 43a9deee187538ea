/*
 * test_scan.c: the fast store scanner yields exactly the fields of the
 * store reader (cs_split_line, itself held to libcsv in test_csvio.c), on
 * every line of the fixtures and of fuzzed stores; split across threads
 * (cs_scan_parallel), the shares in order are the files in order, and
 * the parts of one file (cs_scan_parts) in order are the file; and
 * cs_slice_is says a field is its value, and not one longer or shorter.
 */
#include <unistd.h>

#include "unit.h"

struct cmp {
	struct cs_reader r;
	struct cs_row row;
	const char *const *cols;
	size_t ncols;
	long lines;
	struct cs_buf b;
};

static int
on_line(void *ctx, const struct cs_slice *f, long line)
{
	struct cmp *c = ctx;
	size_t k;
	int col;

	assert_int_equal(cs_reader_next(&c->r, &c->row), 1);
	assert_int_equal(c->row.line, line);
	for (k = 0; k < c->ncols; k++) {
		col = cs_row_find(&c->r.hdr, c->cols[k]);
		if (col < 0) {
			assert_null(f[k].p);
			continue;
		}
		if (strcmp(cs_slice_text(&f[k], &c->b), cs_row_get(&c->row,
		    (size_t)col)) != 0)
			fail_msg("line %ld, %s: '%s', want '%s'", line, c->cols[k],
			    c->b.s, cs_row_get(&c->row, (size_t)col));
		/* cs_slice_is: the value, and neither more nor less of it */
		{
			const char *v = cs_row_get(&c->row, (size_t)col);
			size_t n = strlen(v);
			char *more = cs_xmalloc(n + 2);
			memcpy(more, v, n);
			memcpy(more + n, "x", 2);
			assert_true(cs_slice_is(&f[k], v, &c->b));
			assert_false(cs_slice_is(&f[k], more, &c->b));
			more[n ? n - 1 : 0] = '\0';
			if (n)
				assert_false(cs_slice_is(&f[k], more, &c->b));
			free(more);
		}
	}
	c->lines++;
	return 0;
}

/* Scan path for the columns of cols; compare with the reader. */
static long
compare(const char *path, const char *const *cols, size_t ncols)
{
	struct cmp c = { 0 };

	c.cols = cols, c.ncols = ncols;
	assert_int_equal(cs_reader_open(&c.r, path, CS_READ_STORE, 0), 0);
	if (cs_scan_store(path, cols, ncols, on_line, &c) < 0)
		fail_msg("%s", cs_errmsg());
	assert_int_equal(cs_reader_next(&c.r, &c.row), 0);	/* all seen */
	cs_reader_close(&c.r);
	cs_row_free(&c.row);
	cs_buf_free(&c.b);
	return c.lines;
}

static void
test_fixtures(void **state)
{
	static const char *cust[] = { "id", "name", "notes", "company", "address",
		"needs", "nosuch", "type" };
	static const char *tick[] = { "subject", "id", "notes", "agent",
		"opened_at", "estimated_at", "status" };
	static const char *few[] = { "id", "agent" };

	(void)state;
	assert_true(compare(SRCDIR "/data-samples/customers.csv", cust, N(cust)) >
	    200);
	assert_true(compare(SRCDIR "/data-samples/tickets/2026-11/"
	    "T-20261101-0001.csv", tick, N(tick)) > 1000);
	assert_true(compare(SRCDIR "/data-samples/tickets/2026-10/"
	    "T-20261001-0001.csv", few, N(few)) > 1000);
}

static int
ignore(void *ctx, const struct cs_slice *f, long line)
{
	(void)ctx, (void)f, (void)line;
	return 0;
}

/* Stores of random records written by the store writer. */
static void
test_fuzzed(void **state)
{
	static const char alphabet[] = "ab ,\"\\\n\r\t,\"x";
	static const char *cols[] = { "c3", "c0", "c5", "c1" };
	char *dir = unit_tmpdir(), path[256];
	struct cs_row r = { 0 };
	struct cs_buf f = { 0 }, out = { 0 };
	unsigned seed = 99;
	int file, i, j, k;

	(void)state;
	snprintf(path, sizeof path, "%s/s.csv", dir);
	for (file = 0; file < 20; file++) {
		cs_buf_reset(&out);
		cs_buf_adds(&out, "c0,c1,c2,c3,c4,c5\n");
		for (i = 0; i < 500; i++) {
			cs_row_clear(&r);
			for (j = 0; j < 6; j++) {
				cs_buf_reset(&f);
				cs_buf_adds(&f, "");
				for (k = 0; k < (int)(rand_r(&seed) % 7); k++)
					cs_buf_addc(&f, alphabet[rand_r(&seed) %
					    (sizeof alphabet - 1)]);
				if (rand_r(&seed) % 5 == 0)
					cs_buf_adds(&f, "中文");
				cs_row_push(&r, f.s, f.len);
			}
			cs_csv_record(&out, &r);
		}
		unit_write(path, out.s);
		assert_int_equal(compare(path, cols, N(cols)), 500);
	}
	/* malformed lines are refused with their line */
	unit_write(path, "c0,c1\nok,1\n\"open,2\n");
	assert_int_equal(cs_scan_store(path, cols, N(cols), ignore, NULL), -1);
	unit_write(path, "c0,c1\n\"x\"y,1\n");
	assert_int_equal(cs_scan_store(path, cols, N(cols), ignore, NULL), -1);
	/* with the reader's reason */
	assert_non_null(strstr(cs_errmsg(), "s.csv:2: text after a closing quote"));
	/* as the reader: a field too many or too few, after the last one
	 * read too (quoted or not); text the job reads that is not UTF-8 */
	unit_write(path, "c0,c1,c2\nok,1,2\nok,1,2,3\n");
	assert_int_equal(cs_scan_store(path, cols, N(cols), ignore, NULL), -1);
	assert_non_null(strstr(cs_errmsg(), "s.csv:3: 4 fields, the header has 3"));
	unit_write(path, "c0,c1,c2\nok,1,\"a,b\",\"c\"\n");
	assert_int_equal(cs_scan_store(path, cols, N(cols), ignore, NULL), -1);
	assert_non_null(strstr(cs_errmsg(), "s.csv:2: 4 fields, the header has 3"));
	unit_write(path, "c0,c1,c2\nok,1\n");
	assert_int_equal(cs_scan_store(path, cols, N(cols), ignore, NULL), -1);
	assert_non_null(strstr(cs_errmsg(), "s.csv:2: 2 fields, the header has 3"));
	unit_write(path, "c0,c1,c2\nok,1,\"x\"y\n");
	assert_int_equal(cs_scan_store(path, cols, N(cols), ignore, NULL), -1);
	/* with the reader's reason */
	assert_non_null(strstr(cs_errmsg(), "s.csv:2: text after a closing quote"));
	unit_write(path, "c0,c1,c2\nok,\xe4\xb8\xad\xff,2\n");
	assert_int_equal(cs_scan_store(path, cols, N(cols), ignore, NULL), -1);
	assert_non_null(strstr(cs_errmsg(),
	    "s.csv:2: field 'c1': invalid UTF-8 at byte 7"));
	unit_write(path, "c0,c1,c2\nok,1,\xff\n");	/* c2: read by none */
	assert_int_equal(cs_scan_store(path, cols, N(cols), ignore, NULL), 0);
	/* a column asked twice (every column after the ones used, as
	 * cs_scan_cols_all asks): the twin is not checked where the slice
	 * of a line before lay, over blocks of lines of Chinese text */
	cs_buf_reset(&f);
	cs_buf_adds(&f, "c0,c1,c2\n");
	for (i = 0; f.len < (size_t)8 << 20; i++) {
		cs_buf_addf(&f, "%d,", i);
		for (k = (int)(rand_r(&seed) % 120); k > 0; k--)
			cs_buf_adds(&f, rand_r(&seed) % 3 ? "中" : "a");
		cs_buf_adds(&f, ",x\n");
	}
	unit_write(path, f.s);
	{
		static const char *const twice[] = { "c1", "c2", "c0", "c1", "c2" };
		assert_int_equal(cs_scan_store(path, twice, 5, ignore, NULL), 0);
	}
	/* a field read with a bad escape or a carriage return, an empty
	 * line: refused as the reader refuses them */
	unit_write(path, "c0,c1,c2\nok,a\\qb,2\n");
	assert_int_equal(cs_scan_store(path, cols, N(cols), ignore, NULL), -1);
	assert_non_null(strstr(cs_errmsg(),
	    "s.csv:2: field 'c1': backslash not followed"));
	unit_write(path, "c0,c1,c2\nok,a\rb,2\n");
	assert_int_equal(cs_scan_store(path, cols, N(cols), ignore, NULL), -1);
	assert_non_null(strstr(cs_errmsg(),
	    "s.csv:2: carriage return in a store line"));
	unit_write(path, "c0,c1,c2\nok,1,2\n\nok,1,2\n");
	assert_int_equal(cs_scan_store(path, cols, N(cols), ignore, NULL), -1);
	assert_non_null(strstr(cs_errmsg(), "s.csv:3: empty line"));
	unit_write(path, "c0,c1,c2\nok,ab\"cdefghijklmnopqrstuvwxyz,2\n");
	assert_int_equal(cs_scan_store(path, cols, N(cols), ignore, NULL), -1);
	assert_non_null(strstr(cs_errmsg(),
	    "s.csv:2: field 'c1': quote inside an unquoted field"));
	/* a carriage return or a quote at every place of a long field,
	 * found eight bytes at a time or one (the quote not first: that
	 * opens a quoted field) */
	for (i = 0; i < 21; i++) {
		char line[64];
		int c;
		for (c = 0; c < 2; c++) {
			if (c == 1 && i == 0)
				continue;
			snprintf(line, sizeof line, "c0,c1,c2\nok,%s%.*s%c%.*s,2\n",
			    i % 2 ? "\xe4\xb8\xad" : "", (int)i, "aaaaaaaaaaaaaaaaaaaaa",
			    c ? '"' : '\r', 20 - (int)i, "aaaaaaaaaaaaaaaaaaaaa");
			unit_write(path, line);
			assert_int_equal(cs_scan_store(path, cols, N(cols), ignore,
			    NULL), -1);
			assert_non_null(strstr(cs_errmsg(), c ?
			    "quote inside an unquoted field" : "carriage return"));
		}
	}
	unit_write(path, "c0,c1,c2\nok,\"a\\nb\",2\n");	/* an escape, kept */
	assert_int_equal(cs_scan_store(path, cols, N(cols), ignore, NULL), 0);
	cs_row_free(&r);
	cs_buf_free(&f);
	cs_buf_free(&out);
	unit_rmrf(dir);
	free(dir);
}

/* Lines across the blocks the scanner reads (1 MiB): short ones, long
 * ones of up to 900 KB, quoted ones, each yielding the reader's fields;
 * a torn tail is no record. */
static void
test_blocks(void **state)
{
	static const char *const cols[] = { "id", "text", "n" };
	char *dir = unit_tmpdir(), path[256];
	struct cs_buf out = { 0 };
	unsigned seed = 7;
	long i, want = 0;
	size_t len;

	(void)state;
	snprintf(path, sizeof path, "%s/b.csv", dir);
	cs_buf_adds(&out, "id,text,n\n");
	while (out.len < (size_t)5 << 20) {
		int quoted = rand_r(&seed) % 3 == 0;
		len = rand_r(&seed) % 10 == 0 ? rand_r(&seed) % 400000 :
		    rand_r(&seed) % 200;
		cs_buf_addf(&out, "T-%06ld,", want++);
		if (quoted)
			cs_buf_addc(&out, '"');
		for (i = 0; i < (long)len; i++) {
			char c = "abcxyz,\""[rand_r(&seed) % 8];
			if (c == '"' && quoted)
				cs_buf_add(&out, "\"\"", 2);
			else
				cs_buf_addc(&out, quoted || (c != ',' && c != '"') ? c :
				    'q');
		}
		if (quoted)
			cs_buf_addc(&out, '"');
		cs_buf_addf(&out, ",%ld\n", want);
	}
	unit_write(path, out.s);
	assert_int_equal(compare(path, cols, N(cols)), want);
	cs_buf_adds(&out, "T-999999,torn");
	unit_write(path, out.s);
	assert_int_equal(compare(path, cols, N(cols)), want);
	/* a line longer than a record may be is refused with its number */
	cs_buf_reset(&out);
	cs_buf_adds(&out, "id,text,n\nT-1,a,1\nT-2,");
	for (i = 0; i < CS_RECORD_MAX + 10; i++)
		cs_buf_addc(&out, 'x');
	cs_buf_adds(&out, ",2\n");
	unit_write(path, out.s);
	assert_int_equal(cs_scan_store(path, cols, N(cols), ignore, NULL), -1);
	assert_non_null(strstr(cs_errmsg(), "b.csv:3: line longer than"));
	cs_buf_free(&out);
	unit_rmrf(dir);
	free(dir);
}

struct shrink {
	const char *path;
	long lines;
};

static int
truncate_at_2(void *ctx, const struct cs_slice *f, long line)
{
	struct shrink *s = ctx;

	(void)f;
	if (line == 2)
		assert_int_equal(truncate(s->path, 10), 0);
	s->lines++;
	return 0;
}

/* A writer cuts the file while it is being scanned: a mapping reader died
 * of SIGBUS; the scan now ends where the file does, without a crash. */
static void
test_shrinks(void **state)
{
	static const char *const cols[] = { "id", "text" };
	char *dir = unit_tmpdir(), path[256];
	struct cs_buf out = { 0 };
	struct shrink s = { path, 0 };
	long n = 0;

	(void)state;
	snprintf(path, sizeof path, "%s/s.csv", dir);
	cs_buf_adds(&out, "id,text\n");
	while (out.len < (size_t)8 << 20)
		cs_buf_addf(&out, "T-%08ld,some text of a record to fill the file\n",
		    n++);
	unit_write(path, out.s);
	assert_int_equal(cs_scan_store(path, cols, N(cols), truncate_at_2, &s), 0);
	assert_true(s.lines > 0 && s.lines < n);
	cs_buf_free(&out);
	unit_rmrf(dir);
	free(dir);
}

/* A store whose header starts with a BOM (an editor's): the reader
 * strips it, so must the scanner, or the first column is not found and
 * every id comes out empty; and a header's escapes are undone, as by the
 * reader (both found by tests/fuzz/store_line). */
static void
test_bom(void **state)
{
	const char *cols[] = { "id", "agent" };
	char *dir = unit_tmpdir(), path[256];

	(void)state;
	snprintf(path, sizeof path, "%s/s.csv", dir);
	unit_write(path, "\xef\xbb\xbfid,agent\nT-1,li\nT-2,\"a,b\"\n");
	assert_int_equal(compare(path, cols, N(cols)), 2);
	/* a column name with an escape is found by its name, as by the reader */
	unit_write(path, "id,a\\\\gent\nT-1,li\n");
	cols[1] = "a\\gent";
	assert_int_equal(compare(path, cols, N(cols)), 1);
	unit_rmrf(dir);
	free(dir);
}

/* A column asked for twice comes twice; the second was left empty
 * (tests/fuzz/store_line). */
static void
test_twice(void **state)
{
	static const char *cols[] = { "agent", "id", "agent" };
	char *dir = unit_tmpdir(), path[256];

	(void)state;
	snprintf(path, sizeof path, "%s/s.csv", dir);
	unit_write(path, "id,agent\nT-1,li\nT-2,\"a,b\"\n");
	assert_int_equal(compare(path, cols, N(cols)), 2);
	unit_rmrf(dir);
	free(dir);
}

/* ---- split across threads: the shares in order are the files in order ---- */

static int
gather(void *ctx, const struct cs_slice *f, long line)
{
	struct cs_buf *b = ctx, t = { 0 };
	int k;

	cs_buf_addf(b, "%ld", line);
	for (k = 0; k < 3; k++)
		cs_buf_addf(b, "|%s", cs_slice_text(&f[k], &t));
	cs_buf_addc(b, '\n');
	cs_buf_free(&t);
	return 0;
}

static void
test_parallel(void **state)
{
	static const char *cols[] = { "c2", "c0", "nosuch" };
	char *dir = unit_tmpdir(), *files[8], path[256];
	struct cs_buf want = { 0 }, got[CS_SCAN_THREADS_MAX], all = { 0 };
	void *ctx[CS_SCAN_THREADS_MAX];
	size_t nt, t, first, count, at;
	int i, j;

	(void)state;
	for (i = 0; i < 7; i++) {
		struct cs_buf b = { 0 };
		cs_buf_adds(&b, "c0,c1,c2\n");
		for (j = 0; j < 40 * i; j++)	/* the first is empty */
			cs_buf_addf(&b, "f%d-%d,x,\"q,%d\"\n", i, j, j);
		snprintf(path, sizeof path, "%s/%d.csv", dir, i);
		unit_write(path, b.s);
		files[i] = cs_xstrdup(path);
		cs_buf_free(&b);
	}
	files[7] = NULL;
	for (i = 0; i < 7; i++)
		assert_int_equal(cs_scan_store(files[i], cols, 3, gather, &want), 0);
	for (nt = 1; nt <= CS_SCAN_THREADS_MAX; nt++) {
		/* the shares: contiguous, in order, all the files once */
		for (t = 0, at = 0; t < nt; t++) {
			cs_scan_share(7, nt, t, &first, &count);
			assert_int_equal(first, at);
			at += count;
		}
		assert_int_equal(at, 7);
		for (t = 0; t < nt; t++) {
			memset(&got[t], 0, sizeof got[t]);
			cs_buf_adds(&got[t], "");
			ctx[t] = &got[t];
		}
		assert_int_equal(cs_scan_parallel(files, nt, cols, 3, gather, ctx),
		    0);
		cs_buf_reset(&all);
		for (t = 0; t < nt; t++) {
			cs_buf_adds(&all, got[t].s);
			cs_buf_free(&got[t]);
		}
		assert_string_equal(all.s, want.s);
	}
	/* CS_THREADS, at most 8 and one a file */
	setenv("CS_THREADS", "3", 1);
	assert_int_equal(cs_scan_threads(7), 3);
	assert_int_equal(cs_scan_threads(2), 2);
	assert_int_equal(cs_scan_threads(0), 1);
	setenv("CS_THREADS", "64", 1);
	assert_int_equal(cs_scan_threads(100), CS_SCAN_THREADS_MAX);
	unsetenv("CS_THREADS");
	assert_true(cs_scan_threads(100) >= 1);
	/* a malformed line in files 3 and 5: file 3's, at any threads */
	unit_write(files[3], "c0,c1,c2\nok,1,2\n\"open,2\n");
	unit_write(files[5], "c0,c1,c2\n\"open,2\n");
	for (nt = 1; nt <= CS_SCAN_THREADS_MAX; nt++) {
		for (t = 0; t < nt; t++) {
			memset(&got[t], 0, sizeof got[t]);
			ctx[t] = &got[t];
		}
		assert_int_equal(cs_scan_parallel(files, nt, cols, 3, gather, ctx),
		    -1);
		assert_non_null(strstr(cs_errmsg(), "/3.csv:3: "));
		for (t = 0; t < nt; t++)
			cs_buf_free(&got[t]);
	}
	for (i = 0; i < 7; i++)
		free(files[i]);
	cs_buf_free(&want);
	cs_buf_free(&all);
	unit_rmrf(dir);
	free(dir);
}

/* The fields of a line, its number left out (a part does not know it). */
static int
gather_text(void *ctx, const struct cs_slice *f, long line)
{
	(void)line;
	return gather(ctx, f, 0);
}

/* path scanned in 1 to 8 parts: the parts in order are the whole. */
static void
parts_whole(const char *path, const char *const *cols)
{
	struct cs_buf want = { 0 }, got[CS_SCAN_THREADS_MAX], all = { 0 };
	void *ctx[CS_SCAN_THREADS_MAX];
	size_t nt, t;

	cs_buf_adds(&want, "");
	assert_int_equal(cs_scan_store(path, cols, 3, gather_text, &want), 0);
	for (nt = 1; nt <= CS_SCAN_THREADS_MAX; nt++) {
		for (t = 0; t < nt; t++) {
			memset(&got[t], 0, sizeof got[t]);
			cs_buf_adds(&got[t], "");
			ctx[t] = &got[t];
		}
		if (cs_scan_parts(path, nt, cols, 3, gather_text, ctx) < 0)
			fail_msg("%s", cs_errmsg());
		cs_buf_reset(&all);
		cs_buf_adds(&all, "");
		for (t = 0; t < nt; t++) {
			cs_buf_adds(&all, got[t].s);
			cs_buf_free(&got[t]);
		}
		if (strcmp(all.s, want.s) != 0)
			fail_msg("%s in %zu parts: not the whole", path, nt);
	}
	cs_buf_free(&want);
	cs_buf_free(&all);
}

/* One file split at line boundaries (cs_scan_parts): the parts in order
 * are the file's lines, each once, on lines long and short, quoted,
 * escaped, a header only, a torn tail; a malformed line in a late part
 * is named with its number. */
static void
test_parts(void **state)
{
	static const char *cols[] = { "text", "id", "n" };
	static const char alphabet[] = "ab ,\"\\\n,x";
	char *dir = unit_tmpdir(), path[256];
	struct cs_buf out = { 0 }, f = { 0 };
	struct cs_row r = { 0 };
	void *ctx[CS_SCAN_THREADS_MAX] = { 0 };
	unsigned seed = 5;
	long i, k, len;
	size_t nt;

	(void)state;
	snprintf(path, sizeof path, "%s/p.csv", dir);
	cs_buf_adds(&out, "id,text,n\n");
	for (i = 0; out.len < (size_t)3 << 20; i++) {
		len = rand_r(&seed) % 20 == 0 ? rand_r(&seed) % 300000 :
		    rand_r(&seed) % 60;
		cs_buf_reset(&f);
		cs_buf_adds(&f, "");
		for (k = 0; k < len; k++)
			cs_buf_addc(&f, alphabet[rand_r(&seed) % (sizeof alphabet - 1)]);
		cs_row_clear(&r);
		cs_row_push(&r, "T", 1);
		cs_row_push(&r, f.s, f.len);
		cs_row_push(&r, "中文", strlen("中文"));
		cs_csv_record(&out, &r);
	}
	unit_write(path, out.s);
	parts_whole(path, cols);
	cs_buf_adds(&out, "T,torn");
	unit_write(path, out.s);
	parts_whole(path, cols);
	unit_write(path, "id,text,n\n");
	parts_whole(path, cols);
	unit_write(path, "id,text,n\nT,a,1\n");
	parts_whole(path, cols);
	unit_write(path, "id,text");
	parts_whole(path, cols);
	/* line 9000 malformed: its number, in whatever part */
	cs_buf_reset(&out);
	cs_buf_adds(&out, "id,text,n\n");
	for (i = 2; i < 9000; i++)
		cs_buf_addf(&out, "T-%ld,x,%ld\n", i, i);
	cs_buf_adds(&out, "\"open,1\nT,x,2\n");
	unit_write(path, out.s);
	for (nt = 1; nt <= CS_SCAN_THREADS_MAX; nt++) {
		assert_int_equal(cs_scan_parts(path, nt, cols, 3, ignore, ctx), -1);
		if (strstr(cs_errmsg(), "p.csv:9000: unterminated quoted field") ==
		    NULL)
			fail_msg("%zu parts: %s", nt, cs_errmsg());
	}
	cs_row_free(&r);
	cs_buf_free(&f);
	cs_buf_free(&out);
	unit_rmrf(dir);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixtures),
		cmocka_unit_test(test_fuzzed),
		cmocka_unit_test(test_blocks),
		cmocka_unit_test(test_shrinks),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_twice),
		cmocka_unit_test(test_parallel),
		cmocka_unit_test(test_parts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
