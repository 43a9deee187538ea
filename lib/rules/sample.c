/*
 * sample.c: stratified sampling without replacement, in one pass.
 *
 * Each record gets a key from its id and the seed: u = hash(seed, id) in
 * (0, 1), key = log(u) / weight (Efraimidis and Spirakis' A-Res: the k
 * records with the largest keys are a weighted sample without replacement;
 * with equal weights, a uniform one).  Each stratum keeps its k largest
 * keys in a heap, so memory is strata x k whatever the number of records,
 * and because the key depends on the id, not on the order records come
 * in, the same seed gives the same sample from the same records in any
 * order.
 *
 * A total shared among strata goes by largest remainder (Hamilton's
 * method), in whole numbers, so the shares add up to the total exactly.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"

static uint64_t
mix(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A number in (0, 1), the same for the same seed and id. */
double
cs_sample_u(uint64_t seed, const char *id)
{
	uint64_t h = mix(seed + 0x9e3779b97f4a7c15ULL);

	for (; *id; id++)
		h = mix(h ^ (unsigned char)*id);
	return ((double)(h >> 11) + 0.5) / 9007199254740992.0;
}

/* A seed from a text (the period's name): FNV-1a, mixed. */
uint64_t
cs_sample_seed(const char *text)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *text; text++)
		h = (h ^ (unsigned char)*text) * 1099511628211ULL;
	return mix(h) >> 1;	/* fits a signed 64-bit number */
}

void
cs_sampler_init(struct cs_sampler *s, uint64_t seed, size_t k)
{
	memset(s, 0, sizeof *s);
	s->seed = seed;
	s->k = k;
}

static void
swap(struct cs_cand *a, struct cs_cand *b)
{
	struct cs_cand t = *a;

	*a = *b;
	*b = t;
}

/* Min-heap on key: the smallest kept key at the top, to be pushed out. */
static void
sift_down(struct cs_cand *h, size_t n, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		if (l < n && h[l].key < h[m].key)
			m = l;
		if (r < n && h[r].key < h[m].key)
			m = r;
		if (m == i)
			return;
		swap(&h[i], &h[m]);
		i = m;
	}
}

static void
sift_up(struct cs_cand *h, size_t i)
{
	while (i > 0 && h[(i - 1) / 2].key > h[i].key) {
		swap(&h[i], &h[(i - 1) / 2]);
		i = (i - 1) / 2;
	}
}

/* The stratum called name, made on first use. */
struct cs_stratum *
cs_sampler_stratum(struct cs_sampler *s, const char *name)
{
	int isnew;
	void **slot = cs_map_slot(&s->strata, name, &isnew);
	struct cs_stratum *st;

	if (isnew) {
		st = cs_xmalloc(sizeof *st);
		memset(st, 0, sizeof *st);
		st->heap = cs_xmalloc((s->k ? s->k : 1) * sizeof *st->heap);
		*slot = st;
	}
	return *slot;
}

/* A record's key: larger keys are drawn first. */
double
cs_sample_key(uint64_t seed, const char *id, double weight)
{
	return log(cs_sample_u(seed, id)) / weight;
}

/* Would a record with key be kept in st (for now)? */
int
cs_stratum_wants(const struct cs_sampler *s, const struct cs_stratum *st,
    double key)
{
	return s->k > 0 && (st->n < s->k || key > st->heap[0].key);
}

/* Keep a record that cs_stratum_wants; row is copied. */
void
cs_stratum_keep(struct cs_sampler *s, struct cs_stratum *st, double key,
    double weight, const char *why, const struct cs_row *row)
{
	struct cs_cand *c;
	int replacing = st->n == s->k;

	if (replacing)
		c = &st->heap[0];	/* push out the smallest */
	else {
		c = &st->heap[st->n++];
		memset(c, 0, sizeof *c);
	}
	c->key = key;
	c->weight = weight;
	snprintf(c->why, sizeof c->why, "%s", why ? why : "");
	cs_row_copy(&c->row, row);
	if (replacing)
		sift_down(st->heap, st->n, 0);
	else
		sift_up(st->heap, st->n - 1);
}

/*
 * Offer a record of stratum name, with its weight (> 0); row is copied
 * only if it is kept.  Returns 1 when it is (for now) in the sample.
 */
int
cs_sampler_offer(struct cs_sampler *s, const char *name, const char *id,
    double weight, const char *why, const struct cs_row *row)
{
	struct cs_stratum *st = cs_sampler_stratum(s, name);
	double key = cs_sample_key(s->seed, id, weight);

	st->population++;
	if (!cs_stratum_wants(s, st, key))
		return 0;
	cs_stratum_keep(s, st, key, weight, why, row);
	return 1;
}

static int
by_key_desc(const void *a, const void *b)
{
	const struct cs_cand *x = a, *y = b;

	return x->key < y->key ? 1 : x->key > y->key ? -1 : 0;
}

/* Keep only the best k of a stratum (sizing after the pass). */
void
cs_sampler_trim(struct cs_stratum *st, size_t k)
{
	size_t i;

	if (st->n > 1)		/* heap is NULL when none was kept */
		qsort(st->heap, st->n, sizeof *st->heap, by_key_desc);
	for (i = k; i < st->n; i++)
		cs_row_free(&st->heap[i].row);
	if (k < st->n)
		st->n = k;
}

/* The strata, by name; each one's kept records best first. */
struct cs_stratum **
cs_sampler_result(struct cs_sampler *s, const char ***names, size_t *n)
{
	struct cs_stratum **v;
	size_t i, j = 0;

	*names = cs_xmalloc((s->strata.n + 1) * sizeof **names);
	v = cs_xmalloc((s->strata.n + 1) * sizeof *v);
	for (i = 0; i < s->strata.cap; i++)
		if (s->strata.keys[i])
			(*names)[j++] = s->strata.keys[i];
	for (i = 1; i < j; i++)	/* insertion sort: strata are few */
		for (size_t m = i; m > 0 && strcmp((*names)[m - 1], (*names)[m]) > 0;
		    m--) {
			const char *t = (*names)[m];
			(*names)[m] = (*names)[m - 1];
			(*names)[m - 1] = t;
		}
	for (i = 0; i < j; i++) {
		v[i] = cs_map_get(&s->strata, (*names)[i]);
		if (v[i]->n > 1)
			qsort(v[i]->heap, v[i]->n, sizeof *v[i]->heap,
			    by_key_desc);
	}
	*n = j;
	return v;
}

static void
free_stratum(void *p)
{
	struct cs_stratum *st = p;
	size_t i;

	for (i = 0; i < st->n; i++)
		cs_row_free(&st->heap[i].row);
	free(st->heap);
	free(st);
}

void
cs_sampler_free(struct cs_sampler *s)
{
	cs_map_free(&s->strata, free_stratum);
}

size_t
cs_sample_allocate(size_t total, const size_t *pop, size_t n, size_t *q)
{
	uint64_t all = 0, best, r;
	size_t i, given = 0, pick;
	unsigned char *more;

	for (i = 0; i < n; i++)
		all += pop[i];
	if (total >= all) {
		for (i = 0; i < n; i++)
			q[i] = pop[i];
		return (size_t)all;
	}
	for (i = 0; i < n; i++) {
		q[i] = (size_t)((uint64_t)total * pop[i] / all);
		given += q[i];
	}
	/* the rest, one each, to the largest remainders */
	more = cs_xmalloc(n ? n : 1);
	memset(more, 0, n ? n : 1);
	for (; given < total; given++) {
		pick = n, best = 0;
		for (i = 0; i < n; i++) {
			r = (uint64_t)total * pop[i] % all;
			if (!more[i] && (pick == n || r > best))
				pick = i, best = r;
		}
		more[pick] = 1;
		q[pick]++;
	}
	free(more);
	return total;
}
