/* test_rowsort.c: rows sorted in bounded memory (base/rowsort.c): at every
 * budget, from all held to a run a row, the same rows in the same order
 * as a stable sort in memory (ties in the order of adding), ascending and
 * descending, by text and by id; a row without the key field; no row;
 * no room for the temporary file is 73 naming mkstemp, with nothing more
 * given */
#include "unit.h"

#define NROWS 500

/* Row i: its number, a key of few values (many ties), an id, a long
 * text so that some rows are many times the smallest budget. */
static void
make_row(struct cs_row *r, size_t i)
{
	char num[16], key[16], id[32], text[600];
	size_t l = (i * 37) % sizeof text;

	snprintf(num, sizeof num, "%zu", i);
	snprintf(key, sizeof key, "k%02zu", (i * 7919) % 13);
	snprintf(id, sizeof id, "T-20261101-%zu", (i * 104729) % 997 + 1);
	memset(text, 'a' + (int)(i % 26), l);
	text[l] = '\0';
	cs_row_clear(r);
	cs_row_push(r, num, strlen(num));
	cs_row_push(r, key, strlen(key));
	cs_row_push(r, id, strlen(id));
	cs_row_push(r, text, l);
	if (i % 5 == 0)
		cs_row_push(r, "", 0);	/* an empty last field */
}

struct want {
	size_t key;
	int (*cmp)(const char *, const char *);
	int desc;
};

/* The order of a stable insertion sort of rows 0..n-1. */
static void
reference(const struct want *w, size_t *order, size_t n)
{
	struct cs_row a = { 0 }, b = { 0 };
	size_t i, j, t;
	int c;

	for (i = 0; i < n; i++)
		order[i] = i;
	for (i = 1; i < n; i++)
		for (j = i; j > 0; j--) {
			make_row(&a, order[j - 1]);
			make_row(&b, order[j]);
			c = w->cmp(cs_row_get(&a, w->key), cs_row_get(&b, w->key));
			if (w->desc)
				c = -c;
			if (c <= 0)
				break;
			t = order[j], order[j] = order[j - 1], order[j - 1] = t;
		}
	cs_row_free(&a);
	cs_row_free(&b);
}

static void
test_orders(void **state)
{
	static const struct want wants[] = {
		{ 1, strcmp, 0 }, { 1, strcmp, 1 },
		{ 2, cs_id_cmp, 0 }, { 2, cs_id_cmp, 1 },
		{ 3, strcmp, 0 },
		{ 4, strcmp, 1 },	/* absent from 4 rows in 5: "" */
	};
	/* all held; a run a row; a few rows a run; many */
	static const size_t budgets[] = { (size_t)64 << 20, 1, 700, 5000,
		65536 };
	static size_t order[NROWS];
	struct cs_row r = { 0 }, want = { 0 };
	struct cs_rowsort *s;
	size_t i, j, b;

	(void)state;
	for (i = 0; i < N(wants); i++) {
		reference(&wants[i], order, NROWS);
		for (b = 0; b < N(budgets); b++) {
			s = cs_rowsort_new(wants[i].key, wants[i].cmp,
			    wants[i].desc, budgets[b]);
			for (j = 0; j < NROWS; j++) {
				make_row(&r, j);
				assert_int_equal(cs_rowsort_add(s, &r), 0);
			}
			if (b == 0)
				assert_int_equal(cs_rowsort_runs(s), 0);
			else
				assert_true(cs_rowsort_runs(s) > 1);
			if (b == 1)	/* the last row is held until the end */
				assert_int_equal(cs_rowsort_runs(s), NROWS - 1);
			for (j = 0; j < NROWS; j++) {
				assert_int_equal(cs_rowsort_next(s, &r), 1);
				make_row(&want, order[j]);
				assert_int_equal(r.n, want.n);
				assert_string_equal(cs_row_get(&r, 0),
				    cs_row_get(&want, 0));
				assert_string_equal(cs_row_get(&r, 3),
				    cs_row_get(&want, 3));
			}
			assert_int_equal(cs_rowsort_next(s, &r), 0);
			assert_int_equal(cs_rowsort_next(s, &r), 0);
			cs_rowsort_free(s);
		}
	}
	cs_row_free(&r);
	cs_row_free(&want);
}

static void
test_empty(void **state)
{
	struct cs_rowsort *s = cs_rowsort_new(0, strcmp, 0, 1);
	struct cs_row r = { 0 };

	(void)state;
	assert_int_equal(cs_rowsort_next(s, &r), 0);
	cs_rowsort_free(s);
	cs_rowsort_free(NULL);
	/* a row of no field sorts as "" */
	s = cs_rowsort_new(0, strcmp, 0, 1);
	cs_row_push(&r, "b", 1);
	assert_int_equal(cs_rowsort_add(s, &r), 0);
	cs_row_clear(&r);
	assert_int_equal(cs_rowsort_add(s, &r), 0);
	assert_int_equal(cs_rowsort_next(s, &r), 1);
	assert_int_equal(r.n, 0);
	assert_int_equal(cs_rowsort_next(s, &r), 1);
	assert_string_equal(cs_row_get(&r, 0), "b");
	assert_int_equal(cs_rowsort_next(s, &r), 0);
	cs_rowsort_free(s);
	cs_row_free(&r);
}

static void
test_budget(void **state)
{
	(void)state;
	unsetenv("CS_SORT_BYTES");
	assert_int_equal(cs_rowsort_budget(), (size_t)32 << 20);
	setenv("CS_SORT_BYTES", "1000", 1);
	assert_int_equal(cs_rowsort_budget(), 1000);
	setenv("CS_SORT_BYTES", "x", 1);
	assert_int_equal(cs_rowsort_budget(), (size_t)32 << 20);
	unsetenv("CS_SORT_BYTES");
}

static void
test_no_room(void **state)
{
	struct cs_rowsort *s;
	struct cs_row r = { 0 };
	int k;
	size_t i;

	(void)state;
	setenv("TMPDIR", "/nonexistent/dir", 1);
	s = cs_rowsort_new(1, strcmp, 0, 1);
	make_row(&r, 0);
	assert_int_equal(cs_rowsort_add(s, &r), 0);	/* held */
	for (i = 1, k = 0; i < 4 && k == 0; i++) {
		make_row(&r, i);
		k = cs_rowsort_add(s, &r);
	}
	assert_int_equal(k, -1);
	assert_int_equal(cs_errstatus(), CS_ECANTCREAT);
	assert_non_null(strstr(cs_errmsg(), "mkstemp /nonexistent/dir/cs-sort."));
	assert_int_equal(cs_rowsort_add(s, &r), -1);
	assert_int_equal(cs_rowsort_next(s, &r), -1);
	cs_rowsort_free(s);
	/* all held: no file wanted */
	s = cs_rowsort_new(1, strcmp, 0, 0);
	assert_int_equal(cs_rowsort_add(s, &r), 0);
	assert_int_equal(cs_rowsort_next(s, &r), 1);
	assert_int_equal(cs_rowsort_next(s, &r), 0);
	cs_rowsort_free(s);
	unsetenv("TMPDIR");
	cs_row_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_orders),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_budget),
		cmocka_unit_test(test_no_room),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
