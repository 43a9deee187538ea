/* map.c: a string -> pointer hash map (open addressing, FNV-1a); each
 * slot keeps its key's hash, so a probe compares a key only when the
 * hashes agree (a key is a pointer away: a cache miss) */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

uint64_t
cs_str_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	/*
	 * The slot is the low bits, and FNV's low bits of ids that differ
	 * in a digit or two cluster (a product's low bits come from its
	 * factors' low bits only): fold the high bits in (MurmurHash3's
	 * finaliser), or linear probing walks long runs.
	 */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

static void
rehash(struct cs_map *m)
{
	struct cs_map t = { 0 };
	size_t i, j;

	t.cap = m->cap ? m->cap * 2 : 64;
	t.keys = calloc(t.cap, sizeof *t.keys);
	t.vals = calloc(t.cap, sizeof *t.vals);
	t.hashes = calloc(t.cap, sizeof *t.hashes);
	if (t.keys == NULL || t.vals == NULL || t.hashes == NULL)
		cs_fatal(CS_EIO, "out of memory");
	for (i = 0; i < m->cap; i++) {
		if (m->keys[i] == NULL)
			continue;
		for (j = m->hashes[i] & (t.cap - 1); t.keys[j];
		    j = (j + 1) & (t.cap - 1))
			;
		t.keys[j] = m->keys[i];
		t.vals[j] = m->vals[i];
		t.hashes[j] = m->hashes[i];
	}
	t.n = m->n;
	free(m->keys);
	free(m->vals);
	free(m->hashes);
	*m = t;
}

/* The value slot of key, made (NULL) when new. */
void **
cs_map_slot(struct cs_map *m, const char *key, int *isnew)
{
	uint64_t h = cs_str_hash(key);
	size_t j;

	if ((m->n + 1) * 2 > m->cap)
		rehash(m);
	for (j = h & (m->cap - 1); m->keys[j]; j = (j + 1) & (m->cap - 1))
		if (m->hashes[j] == h && strcmp(m->keys[j], key) == 0) {
			if (isnew)
				*isnew = 0;
			return &m->vals[j];
		}
	m->keys[j] = cs_xstrdup(key);
	m->vals[j] = NULL;
	m->hashes[j] = h;
	m->n++;
	if (isnew)
		*isnew = 1;
	return &m->vals[j];
}

void *
cs_map_get(const struct cs_map *m, const char *key)
{
	uint64_t h;
	size_t j;

	if (m->cap == 0)
		return NULL;
	h = cs_str_hash(key);
	for (j = h & (m->cap - 1); m->keys[j]; j = (j + 1) & (m->cap - 1))
		if (m->hashes[j] == h && strcmp(m->keys[j], key) == 0)
			return m->vals[j];
	return NULL;
}

void
cs_map_free(struct cs_map *m, void (*freeval)(void *))
{
	size_t i;

	for (i = 0; i < m->cap; i++) {
		if (m->keys[i] == NULL)
			continue;
		free(m->keys[i]);
		if (freeval)
			freeval(m->vals[i]);
	}
	free(m->keys);
	free(m->vals);
	free(m->hashes);
	memset(m, 0, sizeof *m);
}
