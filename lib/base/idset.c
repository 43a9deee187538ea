/*
 * idset.c: a set of record ids of one kind, each with a value of a fixed
 * size, in 8 bytes an id plus its value.  An id of a shape the stores
 * allocate (PREFIX-digits, PREFIX-YYYYMMDD-digits) is packed into 64
 * bits in cs_id_cmp's order (where it tells ids apart: C-7 and C-007 are
 * one to it, two here), and the packed ids are kept in one sorted
 * array: a store read in id order appends, a look-up is a binary search.
 * Any other id (out of order, of another shape or prefix) goes to a
 * string map beside them.  For the walks over a whole department (cs
 * check), where a map of strings took about 100 bytes an id.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

/* the value of a set without values: not NULL, never written */
static unsigned char novalue[1];

/* The digits at *p ("007"): how many (*len), how many after the leading
 * zeros (*sig), their value; *p moved past them. */
static uint64_t
digits(const char **p, size_t *len, size_t *sig)
{
	const char *s = *p;
	uint64_t v = 0;
	size_t n = 0, lead = 0;

	for (; *s >= '0' && *s <= '9'; s++, n++) {
		if (v == 0 && *s == '0')
			lead++;
		else if (n - lead < 19)
			v = v * 10 + (uint64_t)(*s - '0');
	}
	*p = s;
	*len = n;
	*sig = n - lead;
	return v;
}

/*
 * PREFIX-D (D 1 to 15 digits, at most 15 after leading zeros):
 * value << 4 | digits, the top bit clear.  PREFIX-YYYYMMDD-D (D 1 to 15
 * digits, at most 9 after leading zeros): 1 << 63 | date << 36 | value
 * << 4 | digits.  The count of digits keeps "007" apart from "7"; a
 * packed id is never 0.  0: not one of these shapes.
 */
uint64_t
cs_id_pack(const char *prefix, const char *id)
{
	size_t n = strlen(prefix), l1, s1, l2, s2;
	const char *p;
	uint64_t v1, v2;

	if (strncmp(id, prefix, n) != 0 || id[n] != '-')
		return 0;
	p = id + n + 1;
	v1 = digits(&p, &l1, &s1);
	if (l1 == 0)
		return 0;
	if (*p == '\0')
		return l1 <= 15 ? v1 << 4 | l1 : 0;
	if (*p != '-' || l1 != 8)
		return 0;
	p++;
	v2 = digits(&p, &l2, &s2);
	if (*p != '\0' || l2 == 0 || l2 > 15 || s2 > 9)
		return 0;
	return 1ULL << 63 | v1 << 36 | v2 << 4 | l2;
}

/* The id that cs_id_pack packed into key, in buf. */
char *
cs_id_unpack(const char *prefix, uint64_t key, char *buf, size_t size)
{
	int l = (int)(key & 15);

	if (key >> 63)
		snprintf(buf, size, "%s-%08llu-%0*llu", prefix,
		    (unsigned long long)(key >> 36 & ((1ULL << 27) - 1)), l,
		    (unsigned long long)(key >> 4 & 0xffffffffULL));
	else
		snprintf(buf, size, "%s-%0*llu", prefix, l,
		    (unsigned long long)(key >> 4));
	return buf;
}

void
cs_idset_init(struct cs_idset *s, const char *prefix, size_t vsize)
{
	memset(s, 0, sizeof *s);
	snprintf(s->prefix, sizeof s->prefix, "%s", prefix);
	s->vsize = vsize;
}

/* The index of key in the sorted array, or -1. */
static long
find(const struct cs_idset *s, uint64_t key)
{
	size_t lo = 0, hi = s->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (s->keys[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->n && s->keys[lo] == key ? (long)lo : -1;
}

static void *
value(const struct cs_idset *s, size_t i)
{
	return s->vsize ? s->vals + i * s->vsize : novalue;
}

static void *
append(struct cs_idset *s, uint64_t key)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 1024;
		s->keys = cs_xrealloc(s->keys, s->cap * sizeof *s->keys);
		if (s->vsize)
			s->vals = cs_xrealloc(s->vals, s->cap * s->vsize);
	}
	s->keys[s->n] = key;
	if (s->vsize)
		memset(s->vals + s->n * s->vsize, 0, s->vsize);
	return value(s, s->n++);
}

/* The value of the id packed into key (id itself, or NULL to unpack it
 * when it must go to the map), zeroed when new, *isnew saying so. */
static void *
put(struct cs_idset *s, uint64_t key, const char *id, int *isnew)
{
	char buf[64];
	void **slot;
	long i;

	*isnew = 0;
	if (key && (s->n == 0 || key > s->keys[s->n - 1])) {
		if (s->odd.n == 0 || cs_map_get(&s->odd, id ? id :
		    cs_id_unpack(s->prefix, key, buf, sizeof buf)) == NULL) {
			*isnew = 1;
			return append(s, key);
		}
	} else if (key && (i = find(s, key)) >= 0)
		return value(s, (size_t)i);
	if (id == NULL)
		id = cs_id_unpack(s->prefix, key, buf, sizeof buf);
	slot = cs_map_slot(&s->odd, id, isnew);
	if (*isnew) {
		*slot = cs_xmalloc(s->vsize ? s->vsize : 1);
		memset(*slot, 0, s->vsize ? s->vsize : 1);
	}
	return s->vsize ? *slot : novalue;
}

/* The value of id, zeroed when it is new (*isnew, when given, says so);
 * valid until the next put. */
void *
cs_idset_put(struct cs_idset *s, const char *id, int *isnew)
{
	int fresh;

	return put(s, cs_id_pack(s->prefix, id), id, isnew ? isnew : &fresh);
}

/* The value of id, or NULL when it is not in the set. */
void *
cs_idset_get(const struct cs_idset *s, const char *id)
{
	uint64_t key = cs_id_pack(s->prefix, id);
	void *v;
	long i;

	if (key && (i = find(s, key)) >= 0)
		return value(s, (size_t)i);
	if (s->odd.n == 0 || (v = cs_map_get(&s->odd, id)) == NULL)
		return NULL;
	return s->vsize ? v : novalue;
}

/* The place of id among the packed ids, 0 to n - 1, for arrays beside
 * them; -1 when it is not one of them (absent, or in the map). */
long
cs_idset_index(const struct cs_idset *s, const char *id)
{
	uint64_t key = cs_id_pack(s->prefix, id);

	return key ? find(s, key) : -1;
}

/* The ids of from (a set of the same prefix and value size) not in to,
 * with their values, put into to, and from emptied: in from's order, so
 * the sets of consecutive shares of a store join by appending (the
 * first, into an empty set, moved). */
void
cs_idset_merge(struct cs_idset *to, struct cs_idset *from)
{
	size_t i;
	int isnew;
	void *v;

	if (to->n == 0 && to->odd.n == 0 && to->vsize == from->vsize) {
		cs_idset_free(to);
		*to = *from;
		cs_idset_init(from, to->prefix, to->vsize);
		return;
	}
	for (i = 0; i < from->n; i++) {
		v = put(to, from->keys[i], NULL, &isnew);
		if (isnew && to->vsize)
			memcpy(v, value(from, i), to->vsize);
	}
	for (i = 0; i < from->odd.cap; i++)
		if (from->odd.keys && from->odd.keys[i]) {
			v = put(to, cs_id_pack(to->prefix, from->odd.keys[i]),
			    from->odd.keys[i], &isnew);
			if (isnew && to->vsize)
				memcpy(v, from->odd.vals[i], to->vsize);
		}
	cs_idset_free(from);
}

size_t
cs_idset_count(const struct cs_idset *s)
{
	return s->n + s->odd.n;
}

void
cs_idset_free(struct cs_idset *s)
{
	char prefix[sizeof s->prefix];

	memcpy(prefix, s->prefix, sizeof prefix);
	free(s->keys);
	free(s->vals);
	cs_map_free(&s->odd, free);
	cs_idset_init(s, prefix, s->vsize);
}
