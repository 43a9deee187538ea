/*
 * idtimes.c: record ids -> the times noted of each, in the order noted
 * (the complaints about each ticket, the promises made on it).  An id
 * of a shape the stores allocate is packed (cs_id_pack) and hashed as a
 * number into a table of its first and last time; the times are one
 * array, each with the index of the id's next.  About 45 bytes for an
 * id with one time, where a map of strings to arrays took about 150,
 * and a look-up of an id that is absent (most tickets have no
 * complaint) is one probe of numbers, not a string hashed and compared.
 * Any other id goes to a string map beside, to the same arrays.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

#define NONE UINT32_MAX

struct ends {
	uint32_t head, tail;
};

void
cs_idtimes_init(struct cs_idtimes *s, const char *prefix)
{
	memset(s, 0, sizeof *s);
	snprintf(s->prefix, sizeof s->prefix, "%s", prefix);
}

static size_t
slot_of(uint64_t key, size_t cap)
{
	key ^= key >> 33;
	key *= 0xff51afd7ed558ccdULL;
	key ^= key >> 33;
	return (size_t)key & (cap - 1);
}

static void
grow_table(struct cs_idtimes *s)
{
	size_t cap = s->cap ? s->cap * 2 : 256, i, j;
	uint64_t *keys = cs_xmalloc(cap * sizeof *keys);
	struct ends *ends = cs_xmalloc(cap * sizeof *ends);

	memset(keys, 0, cap * sizeof *keys);
	for (i = 0; i < s->cap; i++) {
		if (s->keys[i] == 0)
			continue;
		for (j = slot_of(s->keys[i], cap); keys[j]; j = (j + 1) & (cap - 1))
			;
		keys[j] = s->keys[i];
		ends[j] = ((struct ends *)s->ends)[i];
	}
	free(s->keys);
	free(s->ends);
	s->keys = keys;
	s->ends = ends;
	s->cap = cap;
}

/* The ends of key, made (empty) when new. */
static struct ends *
ends_put(struct cs_idtimes *s, uint64_t key)
{
	struct ends *e;
	size_t j;

	if ((s->nkeys + 1) * 2 > s->cap)
		grow_table(s);
	for (j = slot_of(key, s->cap); s->keys[j]; j = (j + 1) & (s->cap - 1))
		if (s->keys[j] == key)
			return &((struct ends *)s->ends)[j];
	s->keys[j] = key;
	s->nkeys++;
	e = &((struct ends *)s->ends)[j];
	e->head = e->tail = NONE;
	return e;
}

static const struct ends *
ends_get(const struct cs_idtimes *s, uint64_t key)
{
	size_t j;

	if (s->cap == 0)
		return NULL;
	for (j = slot_of(key, s->cap); s->keys[j]; j = (j + 1) & (s->cap - 1))
		if (s->keys[j] == key)
			return &((const struct ends *)s->ends)[j];
	return NULL;
}

/* The ends of id (key, when it packs; else the id in the map). */
static struct ends *
ends_of(struct cs_idtimes *s, uint64_t key, const char *id)
{
	struct ends *e;
	void **slot;
	int isnew;

	if (key)
		return ends_put(s, key);
	slot = cs_map_slot(&s->odd, id, &isnew);
	if (isnew) {
		*slot = e = cs_xmalloc(sizeof *e);
		e->head = e->tail = NONE;
	}
	return *slot;
}

/* t after the times of e. */
static void
append(struct cs_idtimes *s, struct ends *e, cs_time t)
{
	if (s->n == s->ncap) {
		if (s->ncap >= NONE / 2)
			cs_fatal(CS_EIO, "out of memory: over 2^31 times");
		s->ncap = s->ncap ? s->ncap * 2 : 256;
		s->t = cs_xrealloc(s->t, s->ncap * sizeof *s->t);
		s->next = cs_xrealloc(s->next, s->ncap * sizeof *s->next);
	}
	s->t[s->n] = t;
	s->next[s->n] = NONE;
	if (e->tail == NONE)
		e->head = (uint32_t)s->n;
	else
		s->next[e->tail] = (uint32_t)s->n;
	e->tail = (uint32_t)s->n++;
}

void
cs_idtimes_add(struct cs_idtimes *s, const char *id, cs_time t)
{
	append(s, ends_of(s, cs_id_pack(s->prefix, id), id), t);
}

long
cs_idtimes_first(const struct cs_idtimes *s, const char *id)
{
	uint64_t key;
	const struct ends *e;

	if (s->n == 0)
		return -1;
	if ((key = cs_id_pack(s->prefix, id)) != 0)
		e = ends_get(s, key);
	else
		e = s->odd.n ? cs_map_get(&s->odd, id) : NULL;
	return e ? (long)e->head : -1;
}

long
cs_idtimes_next(const struct cs_idtimes *s, long i)
{
	return s->next[i] == NONE ? -1 : (long)s->next[i];
}

/* Every id of from (of to's prefix) with its times, in their order,
 * added to to, by its packed key as it is; from emptied.  The ids are
 * taken in from's table order: the order of one id's times is kept, not
 * the order between ids. */
void
cs_idtimes_merge(struct cs_idtimes *to, struct cs_idtimes *from)
{
	struct ends *e;
	size_t j;
	long i;

	for (j = 0; j < from->cap; j++) {	/* (of the same prefix) */
		if (from->keys[j] == 0)
			continue;
		e = ends_put(to, from->keys[j]);
		for (i = (long)((struct ends *)from->ends)[j].head; i >= 0;
		    i = cs_idtimes_next(from, i))
			append(to, e, from->t[i]);
	}
	for (j = 0; j < from->odd.cap; j++) {
		if (from->odd.keys == NULL || from->odd.keys[j] == NULL)
			continue;
		e = ends_of(to, 0, from->odd.keys[j]);
		for (i = (long)((struct ends *)from->odd.vals[j])->head; i >= 0;
		    i = cs_idtimes_next(from, i))
			append(to, e, from->t[i]);
	}
	cs_idtimes_free(from);
}

void
cs_idtimes_free(struct cs_idtimes *s)
{
	char prefix[sizeof s->prefix];

	memcpy(prefix, s->prefix, sizeof prefix);
	free(s->keys);
	free(s->ends);
	free(s->t);
	free(s->next);
	cs_map_free(&s->odd, free);
	cs_idtimes_init(s, prefix);
}
