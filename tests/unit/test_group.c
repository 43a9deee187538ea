/* test_group.c: records counted by a key (base/group.c): a grouping
 * counted by hand, its shares, the order by name and by count with ties,
 * the mean and the nearest-rank percentile */
#include <math.h>

#include "unit.h"

static void
test_grouping(void **state)
{
	/* eleven records: delay 4, billing 3, attitude 3, damage 1; by count
	 * delay, then the tie attitude before billing by name, then damage */
	static const char *keys[] = { "delay", "billing", "attitude", "delay",
		"billing", "damage", "attitude", "delay", "attitude", "billing",
		"delay" };
	static const char *by_count[] = { "delay", "attitude", "billing",
		"damage" };
	static const char *by_name[] = { "attitude", "billing", "damage",
		"delay" };
	/* running shares of 11: 4, 7, 10, 11 */
	static const char *running[] = { "36.4%", "63.6%", "90.9%", "100.0%" };
	struct cs_groups gs = { { 0 } };
	struct cs_group **v, *g;
	char share[16];
	size_t i;
	long run = 0;

	(void)state;
	for (i = 0; i < N(keys); i++) {
		g = cs_group_of(&gs, keys[i]);
		g->n++;
		g->k[0] += i % 2 == 0;	/* records 0, 2, 4 ... */
	}
	assert_int_equal(gs.map.n, 4);
	assert_ptr_equal(cs_group_of(&gs, "delay"), cs_group_of(&gs, "delay"));
	v = cs_groups_sorted(&gs, 1);
	for (i = 0; i < 4; i++) {
		assert_non_null(v[i]);
		assert_string_equal(v[i]->name, by_count[i]);
		cs_share(share, run += v[i]->n, (long)N(keys));
		assert_string_equal(share, running[i]);
	}
	assert_null(v[4]);
	assert_int_equal(v[0]->n, 4);
	assert_int_equal(v[0]->k[0], 2);	/* delay: records 0, 10 */
	free(v);
	v = cs_groups_sorted(&gs, 0);
	for (i = 0; i < 4; i++)
		assert_string_equal(v[i]->name, by_name[i]);
	/* attitude: records 2, 6, 8, all even: 3 of 3 */
	cs_share(share, v[0]->k[0], v[0]->n);
	assert_string_equal(share, "100.0%");
	/* billing: records 1, 4, 9: 1 of 3 */
	cs_share(share, v[1]->k[0], v[1]->n);
	assert_string_equal(share, "33.3%");
	free(v);
	cs_share(share, 0, 0);
	assert_string_equal(share, "no data");
	cs_groups_free(&gs);
	v = cs_groups_sorted(&gs, 1);	/* none: an empty list */
	assert_null(v[0]);
	free(v);
}

static void
test_values(void **state)
{
	/* hours 101.2, 46.7, 27.5: mean 58.47, p90 by nearest rank is the
	 * third of three (ceil(2.7)); of ten values, the ninth */
	struct cs_group g = { 0 };
	size_t i;

	(void)state;
	assert_true(cs_group_mean(&g) == 0 && cs_group_rank(&g, 0.9) == 0);
	cs_group_keep(&g, 101.2);
	cs_group_keep(&g, 46.7);
	cs_group_keep(&g, 27.5);
	assert_true(fabs(cs_group_mean(&g) - 58.466666) < 1e-5);
	assert_true(cs_group_rank(&g, 0.9) == 101.2);
	assert_true(cs_group_rank(&g, 0.5) == 46.7);
	assert_true(g.v[0] == 27.5);	/* sorted */
	cs_group_free(&g);
	for (i = 10; i > 0; i--)
		cs_group_keep(&g, (double)i);
	assert_true(cs_group_rank(&g, 0.9) == 9);
	assert_true(cs_group_rank(&g, 1.0) == 10);
	assert_true(cs_group_rank(&g, 0.05) == 1);
	cs_group_free(&g);
	assert_null(g.v);
}

static int
cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The median of several arrays together: hand-worked, then against the
 * median of their concatenation sorted, over random splits (ties and
 * empty arrays among them). */
static void
test_median_of(void **state)
{
	double a[] = { 10, 2, 5 }, b[] = { 1 }, all[400], *v[5];
	double *one[] = { a }, *two[] = { a, b };
	size_t n1[] = { 3 }, n2[] = { 3, 1 }, n[5], i, j, total;
	unsigned seed = 7;
	int round;

	(void)state;
	assert_true(cs_median_of(one, n1, 1, 1) == 5);	/* sorted: 2 5 10 */
	assert_true(a[0] == 2 && a[2] == 10);
	assert_true(cs_median_of(two, n2, 2, 0) == 3.5);	/* 1 2 5 10 */
	n2[0] = 0, n2[1] = 0;
	assert_true(cs_median_of(two, n2, 2, 0) == 0);
	for (round = 0; round < 200; round++) {
		total = 0;
		for (i = 0; i < 5; i++) {
			n[i] = (size_t)(rand_r(&seed) % 80);
			if (round % 7 == 0 && i == 2)
				n[i] = 0;
			v[i] = cs_xmalloc((n[i] + 1) * sizeof *v[i]);
			for (j = 0; j < n[i]; j++)
				all[total++] = v[i][j] = (double)(rand_r(&seed) % 50) / 4;
		}
		qsort(all, total, sizeof *all, cmp_d);
		if (total)
			assert_true(cs_median_of(v, n, 5, 1) == (total % 2 ?
			    all[total / 2] : (all[total / 2 - 1] + all[total / 2]) / 2));
		for (i = 0; i < 5; i++)
			free(v[i]);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grouping),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_median_of),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
