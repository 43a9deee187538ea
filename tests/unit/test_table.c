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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_align),
		cmocka_unit_test(test_cut),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
