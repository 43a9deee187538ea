/* test_rowsort.c: rows sorted in bounded memory (base/rowsort.c): at every
 * budget, from all held to a run a row, the same rows in the same order
 * as a stable sort in memory (ties in the order of adding), ascending and
 * descending, by text and by id; a row without the key field; no row;
 * no room for the temporary file is 73 naming mkstemp, with nothing more
 * given */
#include "unit.h"
#include "base/recsort.h"

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

struct rec {
	uint64_t key;
	uint32_t seq, pad;
};

static int
rec_cmp(const void *a, const void *b)
{
	const struct rec *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Fixed records (base/recsort.c): runs of 1 to all of them, handed over
 * in any order, come out as one sort of them all; none; a temporary
 * directory not there fails the first run with 73 (mkstemp), and every
 * later call with the same error. */
static void
test_records(void **state)
{
	struct rec all[3000], got, *run;
	size_t runlen[] = { 1, 7, 100, 3000 }, i, j, r;
	unsigned seed = 3;
	struct cs_recsort *s;

	(void)state;
	for (i = 0; i < 3000; i++) {
		all[i].key = (uint64_t)(rand_r(&seed) % 50);
		all[i].seq = (uint32_t)i;
		all[i].pad = 0;
	}
	for (r = 0; r < 4; r++) {
		s = cs_recsort_new(sizeof(struct rec), rec_cmp);
		run = cs_xmalloc(runlen[r] * sizeof *run);
		for (i = 0; i < 3000; i += runlen[r]) {
			size_t n = 3000 - i < runlen[r] ? 3000 - i : runlen[r];
			memcpy(run, all + i, n * sizeof *run);
			assert_int_equal(cs_recsort_run(s, run, n), 0);
		}
		free(run);
		assert_int_equal(cs_recsort_merge(s), 0);
		qsort(all, 3000, sizeof *all, rec_cmp);
		for (j = 0; j < 3000; j++) {
			assert_int_equal(cs_recsort_next(s, &got), 1);
			assert_true(got.key == all[j].key && got.seq == all[j].seq);
		}
		assert_int_equal(cs_recsort_next(s, &got), 0);
		cs_recsort_free(s);
		for (i = 0; i < 3000; i++)	/* shuffled again */
			all[i].key = (uint64_t)(rand_r(&seed) % 50);
	}
	/* a holder of 7 records at a time, handed over as it fills */
	{
		struct cs_recsort_buf b = { NULL, 0, 7 };
		s = cs_recsort_new(sizeof(struct rec), rec_cmp);
		for (i = 0; i < 3000; i++)
			assert_int_equal(cs_recsort_put(s, &b, &all[i]), 0);
		assert_int_equal(cs_recsort_flush(s, &b), 0);
		assert_null(b.v);
		assert_int_equal(cs_recsort_merge(s), 0);
		qsort(all, 3000, sizeof *all, rec_cmp);
		for (j = 0; j < 3000; j++) {
			assert_int_equal(cs_recsort_next(s, &got), 1);
			assert_true(got.key == all[j].key && got.seq == all[j].seq);
		}
		assert_int_equal(cs_recsort_next(s, &got), 0);
		cs_recsort_free(s);
	}
	s = cs_recsort_new(sizeof(struct rec), rec_cmp);
	assert_int_equal(cs_recsort_merge(s), 0);
	assert_int_equal(cs_recsort_next(s, &got), 0);
	cs_recsort_free(s);
	setenv("TMPDIR", "/nonexistent/cs-test", 1);
	s = cs_recsort_new(sizeof(struct rec), rec_cmp);
	assert_int_equal(cs_recsort_run(s, all, 10), -1);
	assert_int_equal(cs_errstatus(), 73);
	assert_non_null(strstr(cs_errmsg(), "mkstemp"));
	cs_fail(CS_EDATA, "something else");
	assert_int_equal(cs_recsort_merge(s), -1);
	assert_int_equal(cs_errstatus(), 73);
	assert_non_null(strstr(cs_errmsg(), "mkstemp"));
	cs_recsort_free(s);
	unsetenv("TMPDIR");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_orders),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_budget),
		cmocka_unit_test(test_no_room),
		cmocka_unit_test(test_records),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
