/*
 * group.c: records counted by a key (group.h).  Groups live in a map by
 * their name; a sorted view is an array of them, by name or by count.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/group.h"

struct cs_group *
cs_group_of(struct cs_groups *gs, const char *name)
{
	int isnew;
	void **slot = cs_map_slot(&gs->map, name, &isnew);
	struct cs_group *g;

	if (isnew) {
		g = cs_xmalloc(sizeof *g);
		memset(g, 0, sizeof *g);
		/* the map's copy of the key, beside the slot; it lives as
		 * long as g */
		g->name = gs->map.keys[slot - gs->map.vals];
		*slot = g;
	}
	return *slot;
}

void
cs_group_keep(struct cs_group *g, double v)
{
	g->v = cs_xrealloc(g->v, (g->nv + 1) * sizeof *g->v);
	g->v[g->nv++] = v;
}

double
cs_group_mean(const struct cs_group *g)
{
	double sum = 0;
	size_t i;

	for (i = 0; i < g->nv; i++)
		sum += g->v[i];
	return g->nv ? sum / (double)g->nv : 0;
}

static int
by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The k-th smallest (from 0) of the m sorted arrays together: a walk
 * of their merge (m is a few: the kinds of a report). */
static double
kth(double *const *v, const size_t *n, size_t m, size_t k)
{
	size_t at[16] = { 0 }, i, best;
	double x = 0;

	for (;; k--) {
		for (best = m, i = 0; i < m; i++)
			if (at[i] < n[i] && (best == m ||
			    v[i][at[i]] < v[best][at[best]]))
				best = i;
		x = v[best][at[best]++];
		if (k == 0)
			return x;
	}
}

double
cs_median_of(double *const *v, const size_t *n, size_t m, int sort)
{
	size_t i, all = 0;

	if (m > 16)
		cs_fatal(CS_EIO, "cs_median_of: more than 16 arrays");
	for (i = 0; i < m; i++) {
		if (sort && n[i])
			qsort(v[i], n[i], sizeof *v[i], by_value);
		all += n[i];
	}
	if (all == 0)
		return 0;
	if (m == 1)
		return all % 2 ? v[0][all / 2] :
		    (v[0][all / 2 - 1] + v[0][all / 2]) / 2;
	return all % 2 ? kth(v, n, m, all / 2) :
	    (kth(v, n, m, all / 2 - 1) + kth(v, n, m, all / 2)) / 2;
}

double
cs_group_rank(struct cs_group *g, double q)
{
	size_t r;

	if (g->nv == 0)
		return 0;
	qsort(g->v, g->nv, sizeof *g->v, by_value);
	r = (size_t)ceil(q * (double)g->nv);
	return g->v[r > 0 ? r - 1 : 0];
}

static int
by_name(const void *a, const void *b)
{
	const struct cs_group *x = *(struct cs_group *const *)a;
	const struct cs_group *y = *(struct cs_group *const *)b;

	return strcmp(x->name, y->name);
}

static int
by_count(const void *a, const void *b)
{
	const struct cs_group *x = *(struct cs_group *const *)a;
	const struct cs_group *y = *(struct cs_group *const *)b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return by_name(a, b);
}

struct cs_group **
cs_groups_sorted(const struct cs_groups *gs, int count)
{
	struct cs_group **v = cs_xmalloc((gs->map.n + 1) * sizeof *v);
	size_t i, j = 0;

	for (i = 0; i < gs->map.cap; i++)
		if (gs->map.keys && gs->map.keys[i])
			v[j++] = gs->map.vals[i];
	v[j] = NULL;
	qsort(v, j, sizeof *v, count ? by_count : by_name);
	return v;
}

void
cs_group_free(struct cs_group *g)
{
	free(g->v);
	g->v = NULL;
	g->nv = 0;
}

static void
free_one(void *p)
{
	cs_group_free(p);
	free(p);
}

/* g += q, q's kept values after g's; q's freed. */
void
cs_group_add(struct cs_group *g, struct cs_group *q)
{
	int j;

	g->n += q->n;
	for (j = 0; j < CS_GROUP_K; j++)
		g->k[j] += q->k[j];
	g->sum += q->sum;
	if (q->nv) {
		g->v = cs_xrealloc(g->v, (g->nv + q->nv) * sizeof *g->v);
		memcpy(g->v + g->nv, q->v, q->nv * sizeof *g->v);
		g->nv += q->nv;
	}
	free(q->v);
	q->v = NULL, q->nv = 0;
}

void
cs_groups_add(struct cs_groups *gs, struct cs_groups *from)
{
	size_t i;

	for (i = 0; i < from->map.cap; i++)
		if (from->map.keys && from->map.keys[i])
			cs_group_add(cs_group_of(gs, from->map.keys[i]),
			    from->map.vals[i]);
	cs_groups_free(from);
}

void
cs_groups_free(struct cs_groups *gs)
{
	cs_map_free(&gs->map, free_one);
}

void
cs_share(char out[16], long k, long n)
{
	if (n == 0)
		snprintf(out, 16, "no data");
	else
		snprintf(out, 16, "%.1f%%", 100.0 * (double)k / (double)n);
}
