/*
 * group.h - records counted by a key, for reports (base/group.c).
 *
 * A report groups records by a key (a nature, a route, a handler), counts
 * each group and shows the groups by name, or by count with each one's
 * share.  A group holds how many records it has, counters the caller
 * names (k[0] to k[CS_GROUP_K - 1]: "answered", "on time"), a sum and the
 * values it was given to keep, for their mean and a percentile.  Nothing
 * here knows what is counted.
 */
#ifndef CS_GROUP_H
#define CS_GROUP_H

#include "base/base.h"

#define CS_GROUP_K 8
struct cs_group {
	const char *name;	/* the key (the map's copy) */
	long n;			/* records */
	long k[CS_GROUP_K];	/* the caller's counters */
	double sum;		/* the caller's total */
	double *v;		/* kept values */
	size_t nv;
};
struct cs_groups {
	struct cs_map map;	/* name -> struct cs_group */
};
/* The group called name, new and zero the first time. */
struct cs_group *cs_group_of(struct cs_groups *gs, const char *name);
void cs_group_keep(struct cs_group *g, double v);
/* The mean of the kept values; 0 when there are none. */
double cs_group_mean(const struct cs_group *g);
/* The q-th quantile of the kept values by nearest rank (0 < q <= 1;
 * the values are sorted); 0 when there are none. */
double cs_group_rank(struct cs_group *g, double q);
/* The median of the values of m arrays (at most 16) together, v[i] of
 * n[i]: the middle one, or the mean of the middle two; 0 when there are
 * none.  With sort, each array is sorted first; else each is sorted. */
double cs_median_of(double *const *v, const size_t *n, size_t m, int sort);
/* The groups, NULL-terminated (free the array, not the groups): by name,
 * or by_count: the largest first, equal counts by name. */
struct cs_group **cs_groups_sorted(const struct cs_groups *gs, int by_count);
void cs_groups_free(struct cs_groups *gs);
/* The counts, sum and kept values of q added to g's (q's values after
 * g's), q's values freed: the groups of threads' shares joined in share
 * order.  cs_groups_add: each group of from into gs's of its name; from
 * freed.  Counts add exactly in any order; so do sums of whole numbers
 * (of at most 2^53: money in cents). */
void cs_group_add(struct cs_group *g, struct cs_group *q);
void cs_groups_add(struct cs_groups *gs, struct cs_groups *from);
/* The kept values of a group that is no map's (a total). */
void cs_group_free(struct cs_group *g);
/* k of n as "12.5%", one decimal; "no data" when n is 0. */
void cs_share(char out[16], long k, long n);

#endif
