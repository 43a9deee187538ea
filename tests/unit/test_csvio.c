/* test_csvio.c: the store dialect, foreign CSV through libcsv, outputs */
#include <csv.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"

/* Read all records of text; records joined "a|b" separated by "/", or
 * the error message prefixed "ERR ". */
static char *
read_all(const char *text, enum cs_read_mode mode, int flags)
{
	struct cs_reader r;
	struct cs_row row = { 0 };
	struct cs_buf out = { 0 };
	FILE *fp = fmemopen((void *)text, strlen(text), "r");
	int k;

	assert_non_null(fp);
	cs_buf_adds(&out, "");
	if (cs_reader_fdopen(&r, fp, "t.csv", mode, flags) < 0) {
		cs_buf_addf(&out, "ERR %s", cs_errmsg());
		fclose(fp);
		cs_reader_close(&r);
		return out.s;
	}
	while ((k = cs_reader_next(&r, &row)) > 0) {
		char *j = unit_join(&row);
		cs_buf_addf(&out, "%s%ld:%s", out.len ? "/" : "", row.line, j);
		free(j);
	}
	if (k < 0) {
		cs_buf_reset(&out);
		cs_buf_addf(&out, "ERR %s", cs_errmsg());
	}
	cs_row_free(&row);
	cs_reader_close(&r);
	fclose(fp);
	return out.s;
}

struct rcase {
	const char *name, *in, *want;
	int flags;
};

static const struct rcase csv_cases[] = {
	{ "plain", "a,b\n1,2\n", "2:1|2", 0 },
	{ "quoted comma", "a,b\n\"x,y\",2\n", "2:x,y|2", 0 },
	{ "doubled quote", "a,b\n\"say \"\"hi\"\"\",2\n", "2:say \"hi\"|2", 0 },
	{ "quoted line break", "a,b\n\"two\nlines\",2\n3,4\n",
	  "2:two\nlines|2/4:3|4", 0 },
	{ "escaped line break", "a,b\nx\\ny,2\n", "2:x\ny|2", 0 },
	{ "literal backslash", "a,b\nx\\ny,2\n", "2:x\\ny|2", CS_READ_LITERAL },
	{ "unknown escape kept", "a,b\nC:\\dir,2\n", "2:C:\\dir|2", 0 },
	{ "empty fields", "a,b,c\n,,\n", "2:||", 0 },
	{ "no trimming", "a,b\n  x , y\t\n", "2:  x | y\t", 0 },
	{ "BOM stripped", "\xef\xbb\xbf" "a,b\n1,2\n", "2:1|2", 0 },
	{ "CRLF", "a,b\r\n1,2\r\n3,4\r\n", "2:1|2/3:3|4", 0 },
	{ "blank lines skipped", "a,b\n\n1,2\n\n", "3:1|2", 0 },
	{ "no final newline", "a,b\n1,2", "2:1|2", 0 },
	{ "Chinese", "名字,城市\n张三,上海\n", "2:张三|上海", 0 },
	{ "ragged short", "a,b\n1\n", "ERR t.csv:2: 1 fields, the header has 2", 0 },
	{ "ragged long", "a,b\n1,2,3\n",
	  "ERR t.csv:2: 3 fields, the header has 2", 0 },
	{ "unterminated quote", "a,b\n\"open,2\n3,4\n",
	  "ERR t.csv:2: quoted field not closed before the end", 0 },
	{ "stray quote", "a,b\nx\"y,2\n", "ERR t.csv:2: malformed CSV: stray quote",
	  0 },
	{ "text after quote", "a,b\n\"x\"y,2\n",
	  "ERR t.csv:2: malformed CSV: stray quote", 0 },
	{ "invalid UTF-8", "a,b\nok,\xff\xfe\n",
	  "ERR t.csv:2: invalid UTF-8 at byte 4", 0 },
	{ "overlong UTF-8", "a,b\n\xc0\xaf,2\n",
	  "ERR t.csv:2: invalid UTF-8 at byte 1", 0 },
	{ "empty input", "", "ERR t.csv: no header line", 0 },
	/* 张三 上海 in GB18030: d5c5 c8fd, c9cf baa3 */
	{ "GB18030", "a,b\n\xd5\xc5\xc8\xfd,\xc9\xcf\xba\xa3\n",
	  "2:张三|上海", CS_READ_GB18030 },
	{ "GB18030 header", "\xd5\xc5\n1\n", "2:1", CS_READ_GB18030 },
	{ "GB18030 quoted line break", "a\n\"\xd5\xc5\n\xc8\xfd\"\n3\n",
	  "2:张\n三/4:3", CS_READ_GB18030 },
	{ "GB18030 not asked for", "a\n\xd5\xc5\n",
	  "ERR t.csv:2: invalid UTF-8 at byte 1", 0 },
	{ "UTF-8 taken first", "a\n张三\n", "2:张三", CS_READ_GB18030 },
	{ "GB18030 after UTF-8", "a\n张\n\xd5\xc5\n",
	  "ERR t.csv:3: invalid UTF-8 at byte 1 (the lines before it are UTF-8)",
	  CS_READ_GB18030 },
	{ "UTF-8 BOM decides", "\xef\xbb\xbf" "a\n\xd5\xc5\n",
	  "ERR t.csv:2: invalid UTF-8 at byte 1 (the lines before it are UTF-8)",
	  CS_READ_GB18030 },
	{ "neither", "a\nx\xff\n",
	  "ERR t.csv:2: neither UTF-8 nor GB18030 at byte 2", CS_READ_GB18030 },
	{ "GB18030 then not", "a\n\xd5\xc5\nok\nx\x80\n",
	  "ERR t.csv:4: invalid GB18030 at byte 2", CS_READ_GB18030 },
	{ "GB18030 cut at the end", "a\n\xd5\xc5\xc8\n",
	  "ERR t.csv:2: neither UTF-8 nor GB18030 at byte 3", CS_READ_GB18030 },
	{ "GB18030 cut later", "a\n\xd5\xc5\n\xc8\n",
	  "ERR t.csv:3: invalid GB18030 at byte 1", CS_READ_GB18030 },
};

/* GB18030 lines across the reader's 64 KiB blocks, a character cut at
 * the first block's end: a 3-byte header, lines of 2,001 bytes, so the
 * block ends 1,501 bytes into line 34, inside a character. */
static void
test_csv_gb18030_blocks(void **state)
{
	struct cs_buf in = { 0 }, want = { 0 };
	char *got;
	size_t i, l;

	(void)state;
	cs_buf_adds(&in, "ab\n");
	for (l = 2; l < 42; l++) {
		cs_buf_addf(&want, "%s%zu:", l > 2 ? "/" : "", l);
		for (i = 0; i < 1000; i++) {
			cs_buf_adds(&in, "\xd5\xc5");
			cs_buf_adds(&want, "张");
		}
		cs_buf_adds(&in, "\n");
	}
	got = read_all(in.s, CS_READ_CSV, CS_READ_GB18030);
	assert_string_equal(got, want.s);
	free(got);
	cs_buf_free(&in);
	cs_buf_free(&want);
}

static void
test_csv_cases(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < N(csv_cases); i++) {
		char *got = read_all(csv_cases[i].in, CS_READ_CSV, csv_cases[i].flags);
		if (strcmp(got, csv_cases[i].want) != 0)
			fail_msg("%s: got '%s', want '%s'", csv_cases[i].name, got,
			    csv_cases[i].want);
		free(got);
	}
}

static void
test_csv_oversize_field(void **state)
{
	struct cs_buf in = { 0 };
	char *got;
	size_t i;

	(void)state;
	cs_buf_adds(&in, "a,b\n\"");
	for (i = 0; i < CS_FIELD_MAX + 10; i++)
		cs_buf_addc(&in, i % 100 == 99 ? '\n' : 'x');
	cs_buf_adds(&in, "\",2\n");
	got = read_all(in.s, CS_READ_CSV, 0);
	assert_string_equal(got, "ERR t.csv:2: field longer than 65536 bytes");
	free(got);
	cs_buf_free(&in);
}

static void
test_csv_oversize_record(void **state)
{
	struct cs_buf in = { 0 };
	char *got;
	size_t i;

	(void)state;
	cs_buf_adds(&in, "a\n");
	for (i = 0; i < CS_RECORD_MAX + 10; i++)
		cs_buf_addc(&in, 'x');
	cs_buf_adds(&in, "\n");
	got = read_all(in.s, CS_READ_CSV, 0);
	assert_string_equal(got, "ERR t.csv:2: line longer than 1048576 bytes");
	free(got);
	cs_buf_free(&in);
}

static const struct rcase store_cases[] = {
	{ "plain", "a,b\n1,2\n", "2:1|2", 0 },
	{ "quoted", "a,b\n\"x,\"\"y\"\"\",2\n", "2:x,\"y\"|2", 0 },
	{ "escapes", "a,b\nl1\\nl2\\r,back\\\\slash\n", "2:l1\nl2\r|back\\slash", 0 },
	{ "torn tail ignored", "a,b\n1,2\n3,", "2:1|2", 0 },
	{ "empty file", "", "", 0 },
	{ "bad escape", "a,b\nx\\q,2\n",
	  "ERR t.csv:2: field 'a': backslash not followed by n, r or \\", 0 },
	{ "quote inside", "a,b\nx\"y,2\n",
	  "ERR t.csv:2: quote inside an unquoted field", 0 },
	{ "unterminated", "a,b\n\"x,2\n", "ERR t.csv:2: unterminated quoted field",
	  0 },
	{ "after quote", "a,b\n\"x\"y,2\n", "ERR t.csv:2: text after a closing quote",
	  0 },
	{ "CR in store", "a,b\r\n1,2\r\n", "ERR t.csv:1: carriage return in a store line", 0 },
	{ "empty line", "a,b\n\n", "ERR t.csv:2: empty line", 0 },
	{ "columns", "a,b\n1,2,3\n", "ERR t.csv:2: 3 fields, the header has 2", 0 },
};

static void
test_store_cases(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < N(store_cases); i++) {
		char *got = read_all(store_cases[i].in, CS_READ_STORE, 0);
		if (strcmp(got, store_cases[i].want) != 0)
			fail_msg("%s: got '%s', want '%s'", store_cases[i].name, got,
			    store_cases[i].want);
		free(got);
	}
}

/* A store line for fields, then read back: the same fields. */
static void
test_write_read_round_trip(void **state)
{
	static const char *fields[] = { "plain", "comma,here", "quote\"d",
		"line\nbreak", "cr\rx", "back\\slash", "", " spaced ", "中文,混合\"x\"",
		"\\n literal" };
	struct cs_row r = { 0 }, back = { 0 };
	struct cs_buf line = { 0 };
	const char *why;
	size_t i;

	(void)state;
	for (i = 0; i < N(fields); i++)
		cs_row_push(&r, fields[i], strlen(fields[i]));
	cs_csv_record(&line, &r);
	assert_null(memchr(line.s, '\n', line.len - 1));	/* one line */
	assert_int_equal(cs_split_line(line.s, line.len - 1, &back, &why), 0);
	assert_int_equal(back.n, N(fields));
	for (i = 0; i < N(fields); i++) {
		assert_int_equal(cs_unescape(back.buf + back.off[i], &why), 0);
		assert_string_equal(cs_row_get(&back, i), fields[i]);
	}
	cs_row_free(&r);
	cs_row_free(&back);
	cs_buf_free(&line);
}

/* The exact bytes of each kind of field: plain ones as they are, a
 * comma or a quote quoted, a line end or a backslash escaped. */
static void
test_csv_field_bytes(void **state)
{
	static const char *cases[][2] = {
		{ "plain", "plain" }, { "", "" }, { "中文", "中文" },
		{ "a,b", "\"a,b\"" }, { "q\"x", "\"q\"\"x\"" },
		{ "l\nb", "l\\nb" }, { "c\rx", "c\\rx" }, { "b\\s", "b\\\\s" },
		{ "a,\n\"", "\"a,\\n\"\"\"" }, { " sp ", " sp " },
	};
	struct cs_buf b = { 0 };
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		cs_buf_reset(&b);
		cs_csv_field(&b, cases[i][0]);
		assert_string_equal(b.s ? b.s : "", cases[i][1]);
	}
	cs_buf_free(&b);
}

/* cs_rows gives back each row as it was added: its fields (empty ones,
 * none at all), its line; many rows, across the arena's growth. */
static void
test_rows_held(void **state)
{
	struct cs_rows rs = { 0 };
	struct cs_row r = { 0 }, back = { 0 };
	char v[32];
	size_t i, k;

	(void)state;
	for (i = 0; i < 5000; i++) {
		cs_row_clear(&r);
		for (k = 0; k < i % 7; k++) {
			snprintf(v, sizeof v, k == 2 ? "" : "%zu,中%zu", i, k);
			cs_row_push(&r, v, strlen(v));
		}
		r.line = (long)i + 2;
		cs_rows_add(&rs, &r);
	}
	assert_int_equal(rs.n, 5000);
	for (i = 0; i < 5000; i++) {
		cs_rows_get(&rs, i, &back);
		assert_int_equal(back.n, i % 7);
		assert_int_equal(back.line, (long)i + 2);
		for (k = 0; k < back.n; k++) {
			snprintf(v, sizeof v, k == 2 ? "" : "%zu,中%zu", i, k);
			assert_string_equal(cs_row_get(&back, k), v);
		}
	}
	cs_rows_free(&rs);
	cs_row_free(&r);
	cs_row_free(&back);
}

/* ---- the differential test: cs_split_line against libcsv ---- */

struct lc {
	struct cs_row *row;
};

static void
lc_field(void *s, size_t n, void *data)
{
	struct lc *l = data;

	cs_row_push(l->row, s ? s : "", n);
}

static void
lc_record(int c, void *data)
{
	(void)c;
	(void)data;
}

static int
never_space(unsigned char c)
{
	(void)c;
	return 0;
}

static void
libcsv_split(const char *s, size_t n, struct cs_row *row)
{
	struct csv_parser p;
	struct lc l = { row };

	cs_row_clear(row);
	assert_int_equal(csv_init(&p, CSV_STRICT | CSV_STRICT_FINI), 0);
	csv_set_space_func(&p, never_space);
	assert_int_equal(csv_parse(&p, s, n, lc_field, lc_record, &l), n);
	assert_int_equal(csv_fini(&p, lc_field, lc_record, &l), 0);
	csv_free(&p);
}

static void
compare_splits(const char *line, size_t n)
{
	struct cs_row a = { 0 }, b = { 0 };
	const char *why;
	size_t i;

	assert_int_equal(cs_split_line(line, n, &a, &why), 0);
	libcsv_split(line, n, &b);
	if (n == 0)	/* libcsv sees no record in an empty line */
		assert_int_equal(b.n, 0);
	else {
		assert_int_equal(a.n, b.n);
		for (i = 0; i < a.n; i++)
			assert_string_equal(cs_row_get(&a, i), cs_row_get(&b, i));
	}
	cs_row_free(&a);
	cs_row_free(&b);
}

static void
test_split_matches_libcsv_fixtures(void **state)
{
	char *text = unit_slurp(SRCDIR "/data-samples/customers.csv"), *p, *nl;
	size_t lines = 0;

	(void)state;
	assert_non_null(text);
	for (p = text; (nl = strchr(p, '\n')) != NULL; p = nl + 1, lines++)
		compare_splits(p, (size_t)(nl - p));
	assert_true(lines > 200);
	free(text);
}

/* Random records, written by the store writer: both splitters agree. */
static void
test_split_matches_libcsv_fuzzed(void **state)
{
	static const char alphabet[] = "ab ,\"\\\n\r\t,\"x中";
	struct cs_row r = { 0 };
	struct cs_buf line = { 0 }, f = { 0 };
	unsigned seed = 12345;
	int i, j, k;

	(void)state;
	for (i = 0; i < 20000; i++) {
		cs_row_clear(&r);
		for (j = 0; j < 1 + (int)(rand_r(&seed) % 6); j++) {
			cs_buf_reset(&f);
			for (k = 0; k < (int)(rand_r(&seed) % 8); k++) {
				int c = rand_r(&seed) % (int)(sizeof alphabet - 1);
				if (alphabet[c] & 0x80) {
					cs_buf_adds(&f, "中");
					continue;
				}
				cs_buf_addc(&f, alphabet[c]);
			}
			cs_row_push(&r, f.s ? f.s : "", f.len);
		}
		cs_buf_reset(&line);
		cs_csv_record(&line, &r);
		if (line.len > 1)
			compare_splits(line.s, line.len - 1);
	}
	cs_row_free(&r);
	cs_buf_free(&line);
	cs_buf_free(&f);
}

/* ---- output formats ---- */

static char *
render(enum cs_fmt fmt, int gb)
{
	struct cs_row hdr = { 0 }, r = { 0 };
	struct cs_out o = { 0 };
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	cs_row_push(&hdr, "name", 4);
	cs_row_push(&hdr, "note", 4);
	cs_row_push(&r, "张三", strlen("张三"));
	cs_row_push(&r, "=1+1\n\"x\",\ty", strlen("=1+1\n\"x\",\ty"));
	o.gb18030 = gb;
	cs_out_begin(&o, fp, fmt, &hdr);
	cs_out_row(&o, &r);
	assert_int_equal(cs_out_end(&o), 0);
	fclose(fp);
	cs_row_free(&hdr);
	cs_row_free(&r);
	return buf;
}

/* path read in nparts parts (cs_reader_part on one open file), each
 * record "line:fields" (its line from cs_reader_line), joined by "/";
 * or "ERR message" at the first part that fails. */
static char *
read_parts(const char *path, size_t nparts)
{
	struct cs_reader r;
	struct cs_row row = { 0 };
	struct cs_buf out = { 0 };
	struct stat st;
	int fd = open(path, O_RDONLY), k = 0;
	size_t t;

	assert_true(fd >= 0);
	assert_int_equal(fstat(fd, &st), 0);
	cs_buf_adds(&out, "");
	for (t = 0; t < nparts && k >= 0; t++) {
		if ((k = cs_reader_part(&r, fd, "t.csv", st.st_size, t, nparts)) < 0)
			break;
		while ((k = cs_reader_next(&r, &row)) > 0) {
			char *j = unit_join(&row);
			/* a record's line: its own (part 0) or counted */
			assert_true(row.line == 0 || row.line == cs_reader_line(&r));
			cs_buf_addf(&out, "%s%ld:%s", out.len ? "/" : "",
			    cs_reader_line(&r), j);
			free(j);
		}
		cs_reader_close(&r);
	}
	if (k < 0) {
		cs_buf_reset(&out);
		cs_buf_addf(&out, "ERR %s", cs_errmsg());
	}
	close(fd);
	cs_row_free(&row);
	return out.s;
}

/* A store read in parts is the store read whole, each line once, in 1 to
 * 40 parts, on lines long and short, escaped, a header only, a torn
 * tail; a bad line in a late part is named with its number. */
static void
test_reader_parts(void **state)
{
	static const char *const alphabet[] = { "a", "b", " ", ",", "\"",
		"\\", "\n", "x", "中" };
	char *dir = unit_tmpdir(), path[256], *whole, *got;
	struct cs_buf out = { 0 }, f = { 0 };
	struct cs_row r = { 0 };
	struct cs_reader rd;
	unsigned seed = 9;
	size_t nparts, i, k, len;
	FILE *fp;

	(void)state;
	snprintf(path, sizeof path, "%s/p.csv", dir);
	for (i = 0; i < 4; i++) {
		cs_buf_reset(&out);
		cs_buf_adds(&out, "id,text\n");
		for (k = 0; i < 3 && out.len < (i ? 400000u : 3000u); k++) {
			len = rand_r(&seed) % 30 == 0 ? rand_r(&seed) % 70000 :
			    rand_r(&seed) % 40;
			cs_buf_reset(&f);
			cs_buf_adds(&f, "");
			while (f.len < len)
				cs_buf_adds(&f, alphabet[rand_r(&seed) % N(alphabet)]);
			cs_row_clear(&r);
			cs_row_push(&r, "T", 1);
			cs_row_push(&r, f.s, f.len);
			cs_csv_record(&out, &r);
		}
		if (i == 2)
			cs_buf_adds(&out, "T,torn");	/* not a record yet */
		unit_write(path, out.s);
		assert_non_null(fp = fopen(path, "r"));
		assert_int_equal(cs_reader_fdopen(&rd, fp, "t.csv", CS_READ_STORE,
		    0), 0);
		cs_buf_reset(&f);
		cs_buf_adds(&f, "");
		while ((k = (size_t)cs_reader_next(&rd, &r)) == 1) {
			char *j = unit_join(&r);
			cs_buf_addf(&f, "%s%ld:%s", f.len ? "/" : "", r.line, j);
			free(j);
		}
		assert_int_equal(k, 0);
		cs_reader_close(&rd);
		fclose(fp);
		whole = cs_xstrdup(f.s);
		for (nparts = 1; nparts <= 40; nparts += nparts < 9 ? 1 : 7) {
			got = read_parts(path, nparts);
			if (strcmp(got, whole) != 0)
				fail_msg("case %zu in %zu parts: not the whole:\n%.300s\n%.300s", i, nparts, got, whole);
			free(got);
		}
		free(whole);
	}
	/* a bad line late in the file: its number, whatever the parts */
	cs_buf_reset(&out);
	cs_buf_adds(&out, "id,text\n");
	for (k = 0; k < 5000; k++)
		cs_buf_addf(&out, "T,line %zu\n", k);
	cs_buf_adds(&out, "T,x,y\nT,after\n");
	unit_write(path, out.s);
	for (nparts = 1; nparts <= 8; nparts++) {
		got = read_parts(path, nparts);
		assert_string_equal(got,
		    "ERR t.csv:5002: 3 fields, the header has 2");
		free(got);
	}
	cs_buf_free(&out);
	cs_buf_free(&f);
	cs_row_free(&r);
	unit_rmrf(dir);
	free(dir);
}

static void
test_formats(void **state)
{
	char *s;

	(void)state;
	s = render(CS_FMT_CSV, 0);
	assert_string_equal(s, "name,note\n张三,\"=1+1\\n\"\"x\"\",\ty\"\n");
	free(s);
	s = render(CS_FMT_TSV, 0);
	assert_string_equal(s, "name\tnote\n张三\t=1+1\\n\"x\",\\ty\n");
	free(s);
	s = render(CS_FMT_JSON, 0);
	assert_string_equal(s, "{\"name\":\"张三\",\"note\":\"=1+1\\n\\\"x\\\",\\ty\"}\n");
	free(s);
	s = render(CS_FMT_EXCEL, 0);
	assert_string_equal(s, "\xef\xbb\xbfname,note\r\n张三,\"'=1+1\n\"\"x\"\",\ty\"\r\n");
	free(s);
	s = render(CS_FMT_EXCEL, 1);	/* GB18030: 张 is d5c5, 三 is c8fd */
	assert_memory_equal(s, "name,note\r\n\xd5\xc5\xc8\xfd,", 15);
	free(s);
}

static void
test_fmt_parse(void **state)
{
	enum cs_fmt f;

	(void)state;
	assert_int_equal(cs_fmt_parse("json", &f), 0);
	assert_int_equal(f, CS_FMT_JSON);
	assert_int_equal(cs_fmt_parse("xml", &f), -1);
	assert_int_equal(cs_errstatus(), CS_EUSAGE);
}

/* The reader keeps its own copy of the name: the loaders free their path
 * once the file is open, and a later error message read freed memory
 * (found by the policy fuzz harnesses under ASan). */
static void
test_name_copied(void **state)
{
	struct cs_reader r;
	struct cs_row row = { 0 };
	char *dir = unit_tmpdir(), *path;
	struct cs_buf p = { 0 };

	(void)state;
	cs_buf_addf(&p, "%s/x.csv", dir);
	unit_write(p.s, "a,b\n1,2,3\n");
	path = cs_xstrdup(p.s);
	assert_int_equal(cs_reader_open(&r, path, CS_READ_STORE, 0), 0);
	memset(path, 'Z', strlen(path));
	free(path);
	assert_int_equal(cs_reader_next(&r, &row), -1);
	cs_buf_adds(&p, ":2: 3 fields, the header has 2");
	assert_string_equal(cs_errmsg(), p.s);
	cs_reader_close(&r);
	cs_row_free(&row);
	cs_buf_free(&p);
	unit_rmrf(dir);
	free(dir);
}

/* CS_READ_ROWS: a record of another field count is 2, whole, with the
 * reason; the records after it are read; the store reader ignores it. */
static void
test_csv_ragged_rows(void **state)
{
	struct cs_reader r;
	struct cs_row row = { 0 };
	char *dir = unit_tmpdir();
	struct cs_buf p = { 0 };

	(void)state;
	cs_buf_addf(&p, "%s/x.csv", dir);
	unit_write(p.s, "a,b\n1\n2,3,\"x\\\\y\"\n4,5\n");
	assert_int_equal(cs_reader_open(&r, p.s, CS_READ_CSV, CS_READ_ROWS), 0);
	assert_int_equal(cs_reader_next(&r, &row), 2);
	assert_string_equal(cs_errmsg(), "1 fields, the header has 2");
	assert_int_equal(row.n, 1);
	assert_int_equal(row.line, 2);
	assert_int_equal(cs_reader_next(&r, &row), 2);
	assert_string_equal(cs_errmsg(), "3 fields, the header has 2");
	assert_int_equal(row.n, 3);
	assert_string_equal(cs_row_get(&row, 2), "x\\y");
	assert_int_equal(cs_reader_next(&r, &row), 1);
	assert_string_equal(cs_row_get(&row, 1), "5");
	assert_int_equal(cs_reader_next(&r, &row), 0);
	cs_reader_close(&r);
	assert_int_equal(cs_reader_open(&r, p.s, CS_READ_STORE, CS_READ_ROWS), 0);
	assert_int_equal(cs_reader_next(&r, &row), -1);
	cs_reader_close(&r);
	cs_row_free(&row);
	cs_buf_free(&p);
	unit_rmrf(dir);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_cases),
		cmocka_unit_test(test_csv_gb18030_blocks),
		cmocka_unit_test(test_csv_oversize_field),
		cmocka_unit_test(test_csv_oversize_record),
		cmocka_unit_test(test_store_cases),
		cmocka_unit_test(test_write_read_round_trip),
		cmocka_unit_test(test_csv_field_bytes),
		cmocka_unit_test(test_rows_held),
		cmocka_unit_test(test_split_matches_libcsv_fixtures),
		cmocka_unit_test(test_split_matches_libcsv_fuzzed),
		cmocka_unit_test(test_reader_parts),
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_fmt_parse),
		cmocka_unit_test(test_name_copied),
		cmocka_unit_test(test_csv_ragged_rows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
