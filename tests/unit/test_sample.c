/* test_sample.c: stratified sampling, reproducible, uniform, weighted */
#include <math.h>

#include "unit.h"

/* Offer records "a-0".."a-(n-1)" to stratum "a", weights from w. */
static void
offer(struct cs_sampler *s, const char *stratum, int n, const double *w)
{
	struct cs_row r = { 0 };
	char id[32];
	int i;

	for (i = 0; i < n; i++) {
		snprintf(id, sizeof id, "%s-%d", stratum, i);
		cs_row_clear(&r);
		cs_row_push(&r, id, strlen(id));
		cs_sampler_offer(s, stratum, id, w ? w[i] : 1.0, "", &r);
	}
	cs_row_free(&r);
}

static char *
drawn(struct cs_sampler *s)
{
	struct cs_buf b = { 0 };
	struct cs_stratum **v;
	const char **names;
	size_t n, i, j;

	cs_buf_adds(&b, "");
	v = cs_sampler_result(s, &names, &n);
	for (i = 0; i < n; i++)
		for (j = 0; j < v[i]->n; j++)
			cs_buf_addf(&b, "%s ", cs_row_get(&v[i]->heap[j].row, 0));
	free(v);
	free(names);
	return b.s;
}

static void
test_reproducible(void **state)
{
	struct cs_sampler a, b, c;
	char *x, *y, *z;

	(void)state;
	cs_sampler_init(&a, 42, 5);
	cs_sampler_init(&b, 42, 5);
	cs_sampler_init(&c, 43, 5);
	offer(&a, "li.na", 100, NULL);
	offer(&a, "tom", 3, NULL);
	offer(&b, "tom", 3, NULL);	/* another order: the same sample */
	offer(&b, "li.na", 100, NULL);
	offer(&c, "li.na", 100, NULL);
	offer(&c, "tom", 3, NULL);
	x = drawn(&a), y = drawn(&b), z = drawn(&c);
	assert_string_equal(x, y);
	assert_string_not_equal(x, z);
	free(x), free(y), free(z);
	cs_sampler_free(&a);
	cs_sampler_free(&b);
	cs_sampler_free(&c);
}

static void
test_stratified(void **state)
{
	struct cs_sampler s;
	struct cs_stratum **v;
	const char **names;
	size_t n;

	(void)state;
	cs_sampler_init(&s, 7, 5);
	offer(&s, "a", 100, NULL);
	offer(&s, "b", 5, NULL);
	offer(&s, "c", 2, NULL);
	v = cs_sampler_result(&s, &names, &n);
	assert_int_equal(n, 3);
	assert_string_equal(names[0], "a");
	assert_int_equal(v[0]->n, 5);	/* min(k, its records) */
	assert_int_equal(v[0]->population, 100);
	assert_int_equal(v[1]->n, 5);
	assert_int_equal(v[2]->n, 2);
	assert_true(v[0]->heap[0].key >= v[0]->heap[1].key);	/* best first */
	cs_sampler_trim(v[0], 3);
	assert_int_equal(v[0]->n, 3);
	free(v);
	free(names);
	cs_sampler_free(&s);
}

/*
 * Over 2,000 seeds, each of 20 records of a stratum is drawn with equal
 * frequency when 5 are drawn: chi-square with 19 degrees of freedom below
 * 43.82, its critical value at the 0.001 level.
 */
static void
test_uniform(void **state)
{
	int count[20] = { 0 }, seed, i;
	double chi = 0, expect = 2000.0 * 5 / 20;

	(void)state;
	for (seed = 1; seed <= 2000; seed++) {
		struct cs_sampler s;
		struct cs_stratum **v;
		const char **names;
		size_t n, j;
		cs_sampler_init(&s, (uint64_t)seed, 5);
		offer(&s, "a", 20, NULL);
		v = cs_sampler_result(&s, &names, &n);
		for (j = 0; j < v[0]->n; j++)
			count[atoi(cs_row_get(&v[0]->heap[j].row, 0) + 2)]++;
		free(v);
		free(names);
		cs_sampler_free(&s);
	}
	for (i = 0; i < 20; i++)
		chi += (count[i] - expect) * (count[i] - expect) / expect;
	if (chi >= 43.82)
		fail_msg("chi-square %.2f: not uniform", chi);
}

/* With weight 3 on 5 risky records of 20, one draw picks a given risky
 * record 3 times as often as a given plain one. */
static void
test_weighted(void **state)
{
	double w[20];
	int risky = 0, plain = 0, seed, i;
	double ratio;

	(void)state;
	for (i = 0; i < 20; i++)
		w[i] = i < 5 ? 3.0 : 1.0;
	for (seed = 1; seed <= 20000; seed++) {
		struct cs_sampler s;
		struct cs_stratum **v;
		const char **names;
		size_t n;
		cs_sampler_init(&s, (uint64_t)seed, 1);
		offer(&s, "a", 20, w);
		v = cs_sampler_result(&s, &names, &n);
		if (atoi(cs_row_get(&v[0]->heap[0].row, 0) + 2) < 5)
			risky++;
		else
			plain++;
		free(v);
		free(names);
		cs_sampler_free(&s);
	}
	/* per record: risky / 5 against plain / 15; expected 3 */
	ratio = ((double)risky / 5) / ((double)plain / 15);
	if (fabs(ratio - 3.0) > 0.25)
		fail_msg("risky records drawn %.2f times as often, want 3", ratio);
}

static void
test_stats(void **state)
{
	double lo, hi;

	(void)state;
	assert_true(fabs(cs_normal_quantile(0.975) - 1.959964) < 1e-5);
	assert_true(fabs(cs_normal_quantile(0.95) - 1.644854) < 1e-5);
	assert_true(fabs(cs_normal_quantile(0.005) + 2.575829) < 1e-5);
	assert_int_equal(cs_sample_size(0, 0.95, 0.05), 385);
	assert_int_equal(cs_sample_size(1000, 0.95, 0.05), 278);
	assert_int_equal(cs_sample_size(100, 0.95, 0.05), 80);
	assert_int_equal(cs_sample_size(10, 0.95, 0.05), 10);
	assert_int_equal(cs_sample_size(50, 0.90, 0.10), 29);
	assert_true(fabs(cs_t_quantile(0.975, 1) - 12.7062) < 1e-3);
	assert_true(fabs(cs_t_quantile(0.975, 3) - 3.18245) < 1e-4);
	assert_true(fabs(cs_t_quantile(0.975, 29) - 2.04523) < 1e-4);
	assert_true(fabs(cs_t_quantile(0.025, 10) + 2.22814) < 1e-4);
	cs_wilson(8, 10, 0.95, &lo, &hi);
	assert_true(fabs(lo - 0.4902) < 1e-3 && fabs(hi - 0.9433) < 1e-3);
	cs_wilson(0, 0, 0.95, &lo, &hi);
	assert_true(lo == 0 && hi == 1);
}

/*
 * Largest remainder, worked by hand: q = floor(total x pop / P), the rest
 * one each to the largest remainders total x pop mod P, the earlier
 * stratum first among equal ones.
 */
static void
test_allocate(void **state)
{
	static const struct {
		size_t total, n, pop[4], want[4], sum;
	} cases[] = {
		/* 4.667 3.333 2: floors 9, remainders 10 5 0 */
		{ 10, 3, { 7, 5, 3 }, { 5, 3, 2 }, 10 },
		/* 6.667 each: floors 18, equal remainders, the first two;
		 * rounding each up would draw 21 */
		{ 20, 3, { 10, 10, 10 }, { 7, 7, 6 }, 20 },
		/* 0.7 1.75 4.55: floors 5, remainders 14 15 11: not the
		 * largest stratum */
		{ 7, 3, { 2, 5, 13 }, { 1, 2, 4 }, 7 },
		/* exact shares */
		{ 16, 2, { 10, 30 }, { 4, 12 }, 16 },
		/* an empty stratum gets none: 0 1.5 1.5 */
		{ 3, 3, { 0, 4, 4 }, { 0, 2, 1 }, 3 },
		/* more than there is: everything */
		{ 9, 2, { 2, 3 }, { 2, 3 }, 5 },
		{ 0, 2, { 2, 3 }, { 0, 0 }, 0 },
		{ 5, 2, { 0, 0 }, { 0, 0 }, 0 },
		/* 84 of 628: 13.24 13.24 28.76 28.76, floors 82,
		 * remainders 152 152 476 476; rounding up would draw 86 */
		{ 84, 4, { 99, 99, 215, 215 }, { 13, 13, 29, 29 }, 84 },
	};
	size_t q[4], i, c;

	(void)state;
	for (c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		memset(q, 0xff, sizeof q);
		assert_int_equal(cs_sample_allocate(cases[c].total, cases[c].pop,
		    cases[c].n, q), cases[c].sum);
		for (i = 0; i < cases[c].n; i++)
			if (q[i] != cases[c].want[i])
				fail_msg("case %zu: stratum %zu gets %zu, want %zu", c, i,
				    q[i], cases[c].want[i]);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reproducible),
		cmocka_unit_test(test_stratified),
		cmocka_unit_test(test_uniform),
		cmocka_unit_test(test_weighted),
		cmocka_unit_test(test_stats),
		cmocka_unit_test(test_allocate),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
