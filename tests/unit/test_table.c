/* test_table.c: columns line up by display width */
#include "unit.h"

static char *
table(const char *const *cells, size_t rows, size_t cols, size_t maxw)
{
	struct cs_row hdr = { 0 }, *r = calloc(rows, sizeof *r);
	char *buf = NULL;
	size_t len = 0, i, j;
	FILE *fp = open_memstream(&buf, &len);

	for (j = 0; j < cols; j++)
		cs_row_push(&hdr, cells[j], strlen(cells[j]));
	for (i = 0; i < rows; i++)
		for (j = 0; j < cols; j++)
			cs_row_push(&r[i], cells[(i + 1) * cols + j],
			    strlen(cells[(i + 1) * cols + j]));
	cs_table_print(fp, &hdr, r, rows, maxw);
	fclose(fp);
	for (i = 0; i < rows; i++)
		cs_row_free(&r[i]);
	free(r);
	cs_row_free(&hdr);
	return buf;
}

static void
test_align(void **state)
{
	static const char *cells[] = {
		"name", "city", "n",
		"张三", "上海", "1",
		"John Smith", "NY", "22",
		"欧阳娜娜", "", "3",
	};
	char *t = table(cells, 3, 3, 40);

	(void)state;
	assert_string_equal(t,
	    "name        city  n\n"
	    "张三        上海  1\n"
	    "John Smith  NY    22\n"
	    "欧阳娜娜          3\n");
	free(t);
}

static void
test_cut(void **state)
{
	static const char *cells[] = {
		"note", "x",
		"一二三四五六", "1",
		"two\nlines", "2",
	};
	char *t = table(cells, 2, 2, 8);

	(void)state;
	/* 一二三 is 6 columns, the ellipsis 1: 7 <= 8; the break shows as \n */
	assert_string_equal(t,
	    "note      x\n"
	    "一二三…   1\n"
	    "two\\nli…  2\n");
	free(t);
}

/* The table of cells fitted to width. */
static char *
fitted(const char *const *cells, size_t rows, size_t cols, size_t width)
{
	struct cs_row r = { 0 };
	struct cs_table *t = NULL;
	char *buf = NULL;
	size_t len = 0, i, j;
	FILE *fp = open_memstream(&buf, &len);

	for (i = 0; i <= rows; i++) {
		cs_row_clear(&r);
		for (j = 0; j < cols; j++)
			cs_row_push(&r, cells[i * cols + j], strlen(cells[i * cols + j]));
		if (i == 0)
			t = cs_table_new(&r, 40);
		else
			cs_table_add(t, &r);
	}
	cs_table_fit(t, width);
	assert_int_equal(cs_table_end(t, fp), 0);
	fclose(fp);
	cs_row_free(&r);
	return buf;
}

/* A table wider than the terminal: the widest columns capped alike, cut
 * by display width (a Chinese character is two columns, never halved),
 * the narrow ones whole; what is left over goes to the capped. */
static void
test_fit(void **state)
{
	static const char *cells[] = {
		"id", "note",
		"T-1", "一二三四五六七八",
		"T-22", "abcdefghijklmnopqrstuvwxyz",
	};
	static const char *two[] = {
		"a", "b", "c",
		"0123456789", "一二三四五", "xy",
	};
	char *t;

	(void)state;
	/* even capped at 8 too wide: the lines cut at the width */
	t = fitted(cells, 2, 2, 12);	/* 4 + 2 + 6 */
	assert_string_equal(t,
	    "id    note\n"
	    "T-1   一二\xe2\x80\xa6\n"
	    "T-22  abcde\xe2\x80\xa6\n");
	free(t);
	t = fitted(cells, 2, 2, 11);	/* 5: 一二 and the ellipsis */
	assert_string_equal(t,
	    "id    note\n"
	    "T-1   一二\xe2\x80\xa6\n"
	    "T-22  abcd\xe2\x80\xa6\n");
	free(t);
	t = fitted(cells, 2, 2, 10);	/* 4: 一 and the ellipsis */
	assert_string_equal(t,
	    "id    note\n"
	    "T-1   一\xe2\x80\xa6\n"
	    "T-22  abc\xe2\x80\xa6\n");
	free(t);
	/* 10 + 10 + 2 and the gaps: 26; in 23 the caps are 9 and 8 */
	t = fitted(two, 1, 3, 23);
	assert_string_equal(t,
	    "a          b         c\n"
	    "01234567\xe2\x80\xa6  一二三\xe2\x80\xa6   xy\n");
	free(t);
	/* in 21, capped at 8 they take 22: the columns as they are, the
	 * line cut at 21 */
	t = fitted(two, 1, 3, 21);
	assert_string_equal(t,
	    "a           b\n"
	    "0123456789  一二三四\xe2\x80\xa6\n");
	free(t);
	/* it fits, or no terminal (0): as it is */
	t = fitted(two, 1, 3, 26);
	assert_string_equal(t,
	    "a           b           c\n"
	    "0123456789  一二三四五  xy\n");
	free(t);
	t = fitted(two, 1, 3, 0);
	assert_string_equal(t,
	    "a           b           c\n"
	    "0123456789  一二三四五  xy\n");
	free(t);
}

/* Stored text is shown, not obeyed: each control character as its
 * escape, as wide as the escape, so the columns still line up. */
static void
test_control(void **state)
{
	static const char *cells[] = {
		"name", "x",
		"a\x1b[2Jb", "1",
		"\xe2\x80\xae张三", "2",
		"tab\tc1\xc2\x9b", "3",
		"bad\xff", "4",
	};
	static const char *cut[] = {
		"n", "x",
		"ab\x1b[31m", "1",
	};
	char *t = table(cells, 4, 2, 40);

	(void)state;
	assert_string_equal(t,
	    "name           x\n"
	    "a\\x1b[2Jb      1\n"
	    "\\u202e张三     2\n"
	    "tab\\tc1\\u009b  3\n"
	    "bad?           4\n");
	free(t);
	/* an escape is not cut in two: it goes whole or not at all */
	t = table(cut, 1, 2, 6);
	assert_string_equal(t,
	    "n    x\n"
	    "ab\xe2\x80\xa6  1\n");
	free(t);
}

/* NROWS rows of a number and 张三, then one whose cells are the widest:
 * rows enough to pass what a table holds in memory. */
#define NROWS 300000

static FILE *
long_table(struct cs_table **tp, char **buf, size_t *len)
{
	struct cs_row hdr = { 0 }, r = { 0 };
	FILE *fp = open_memstream(buf, len);
	char num[32];
	size_t i;

	cs_row_push(&hdr, "n", 1);
	cs_row_push(&hdr, "name", 4);
	cs_row_push(&hdr, "x", 1);
	*tp = cs_table_new(&hdr, 40);
	for (i = 0; i <= NROWS; i++) {
		cs_row_clear(&r);
		snprintf(num, sizeof num, "%zu", i);
		cs_row_push(&r, i < NROWS ? num : "the last, widest", i < NROWS ?
		    strlen(num) : 16);
		cs_row_push(&r, i < NROWS ? "张三" : "欧阳娜娜欧阳", i < NROWS ?
		    6 : 18);
		cs_row_push(&r, "", 0);
		cs_table_add(*tp, &r);
	}
	cs_row_free(&hdr);
	cs_row_free(&r);
	return fp;
}

/* Past what it holds in memory, a table goes through a temporary file and
 * comes out as if held whole: every row padded to the widths of the last. */
static void
test_spill(void **state)
{
	struct cs_table *t;
	char *buf = NULL, *p, want[64];
	size_t len = 0, i;
	FILE *fp = long_table(&t, &buf, &len);

	(void)state;
	assert_int_equal(cs_table_end(t, fp), 0);
	fclose(fp);
	p = buf;
	snprintf(want, sizeof want, "%-18s%-14s%s\n", "n", "name", "x");
	assert_memory_equal(p, want, strlen(want));
	p += strlen(want);
	for (i = 0; i < NROWS; i++) {
		snprintf(want, sizeof want, "%-18zu%s\n", i, "张三");
		if (strncmp(p, want, strlen(want)) != 0)
			fail_msg("row %zu: '%.30s', want '%s'", i, p, want);
		p += strlen(want);
	}
	assert_string_equal(p, "the last, widest  欧阳娜娜欧阳\n");
	free(buf);
}

/* A table held in a file fits as one held in memory: a cap a column, the
 * rows cut as they are read back. */
static void
test_spill_fit(void **state)
{
	struct cs_table *t;
	char *buf = NULL, *p, want[64];
	size_t len = 0, i;
	FILE *fp = long_table(&t, &buf, &len);

	(void)state;
	cs_table_fit(t, 22);	/* 16 + 2 + 12 + 2 + 1 in 22: caps 9, 8 */
	assert_int_equal(cs_table_end(t, fp), 0);
	fclose(fp);
	p = buf;
	snprintf(want, sizeof want, "%-11s%-10s%s\n", "n", "name", "x");
	assert_memory_equal(p, want, strlen(want));
	p += strlen(want);
	for (i = 0; i < NROWS; i++) {
		snprintf(want, sizeof want, "%-11zu%s\n", i, "张三");
		if (strncmp(p, want, strlen(want)) != 0)
			fail_msg("row %zu: '%.30s', want '%s'", i, p, want);
		p += strlen(want);
	}
	assert_string_equal(p, "the last\xe2\x80\xa6  欧阳娜\xe2\x80\xa6\n");
	free(buf);
}

/* Rows that cannot be held are an error naming the step and the file, and
 * nothing is written. */
static void
test_spill_fails(void **state)
{
	struct cs_table *t;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;
	const char *old = getenv("TMPDIR");
	char *save = old ? strdup(old) : NULL;

	(void)state;
	setenv("TMPDIR", "/nonexistent/dir", 1);
	fp = long_table(&t, &buf, &len);
	assert_int_equal(cs_table_end(t, fp), -1);
	fclose(fp);
	assert_int_equal(len, 0);
	assert_int_equal(cs_errstatus(), CS_ECANTCREAT);
	assert_non_null(strstr(cs_errmsg(), "mkstemp /nonexistent/dir/cs-table."));
	if (save)
		setenv("TMPDIR", save, 1);
	else
		unsetenv("TMPDIR");
	free(save);
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_align),
		cmocka_unit_test(test_cut),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_spill_fit),
		cmocka_unit_test(test_control),
		cmocka_unit_test(test_spill),
		cmocka_unit_test(test_spill_fails),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
