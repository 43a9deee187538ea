/*
 * master.c: the master stores, staff.csv and customers.csv: one file
 * each, a record per person or customer, added, changed and looked up by
 * id.  Customer ids are allocated here, one more than the last, so the
 * store stays sorted by id and a lookup is a binary search.
 *
 * Every change takes the lock, reads what it needs under it, validates
 * everything, then writes the journal and the store (journal.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "store/values.h"

/*
 * Open the store rel (a chunk of a dated store, or the master file itself
 * when rel is NULL).  A chunk that does not exist yet reads as empty, with
 * the schema's header; so does a dated store opened without a chunk.
 * On an error m is left closed (cs_master_close on it again is harmless).
 */
int
cs_master_open_rel(struct cs_master *m, struct cs_ds *ds,
    const struct cs_schema *s, const char *rel)
{
	struct cs_reader r;

	memset(m, 0, sizeof *m);
	m->ds = ds;
	m->s = s;
	m->rel = cs_xstrdup(rel ? rel : s->name);
	m->path = cs_ds_path(ds, m->rel);
	/* a chunk still to be begun: only when it does not exist (ENOENT);
	 * any other failure is the reader's to report */
	if ((rel && cs_access(m->path) < 0 && errno == ENOENT) ||
	    (!rel && s->daily))
		cs_schema_row(s, &m->hdr);
	else {
		if (cs_reader_open(&r, m->path, CS_READ_STORE, 0) < 0) {
			cs_master_close(m);
			return -1;
		}
		if (r.hdr.n == 0)
			cs_schema_row(s, &m->hdr);
		else
			cs_row_copy(&m->hdr, &r.hdr);
		cs_reader_close(&r);
	}
	if (cs_schema_bind(s, &m->hdr, m->rel, m->idx) < 0) {
		cs_master_close(m);
		return -1;
	}
	return 0;
}

int
cs_master_open(struct cs_master *m, struct cs_ds *ds, const struct cs_schema *s)
{
	return cs_master_open_rel(m, ds, s, NULL);
}

void
cs_master_close(struct cs_master *m)
{
	cs_row_free(&m->hdr);
	free(m->path);
	free(m->rel);
	m->path = m->rel = NULL;
}

/* An empty record laid out as the store's header. */
void
cs_master_blank(const struct cs_master *m, struct cs_row *rec)
{
	size_t i;

	cs_row_clear(rec);
	for (i = 0; i < m->hdr.n; i++)
		cs_row_push(rec, "", 0);
}

/* Set field=value in rec, after checking both: a mask of a confidential
 * field (cs_is_mask) is refused. */
int
cs_master_assign(const struct cs_master *m, struct cs_row *rec,
    const char *field, const char *value)
{
	const struct cs_column *c = cs_schema_col(m->s, field);
	const char *why, *given;

	char iso[32];
	cs_time t;

	if (c == NULL)
		return cs_fail(CS_EUSAGE, "unknown field '%s' for %s", field,
		    m->s->name);
	/* a value given by its Chinese name is stored as its English one */
	given = value;
	value = cs_value_canon(field, value);
	/* a time as given (local, "now") is stored as ISO 8601 */
	if (c->type == CS_T_TIME && *value && cs_utf8_check(value, strlen(value),
	    NULL) == 0 && cs_time_parse(value, &t) == 0) {
		cs_time_format(t, iso);
		value = iso;
	}
	/* what show and list print of a confidential field is no value */
	if (cs_is_mask(c->mask, value))
		return cs_fail(CS_EDATA, "field '%s': '%s' is a mask, not data "
		    "(give the value itself, or leave the field out)", field, value);
	if ((why = cs_check_value(c, value)) != NULL)
		return cs_fail(CS_EDATA, "field '%s': %s: '%s'", field, why, given);
	if (m->idx[c - m->s->cols] < 0) {	/* a late column (schema.c) */
		if (*value == '\0')
			return 0;	/* it reads as empty already */
		return cs_fail(CS_EDATA, "field '%s': %s was written before the "
		    "column was added; its records keep it empty", field, m->rel);
	}
	cs_row_set(rec, (size_t)m->idx[c - m->s->cols], value);
	return 0;
}

const char *
cs_master_get(const struct cs_master *m, const struct cs_row *rec,
    const char *field)
{
	const struct cs_column *c = cs_schema_col(m->s, field);

	return c ? cs_row_get(rec, (size_t)m->idx[c - m->s->cols]) : "";
}

/* Every required field of a new record has a value. */
int
cs_master_complete(const struct cs_master *m, const struct cs_row *rec)
{
	size_t i;

	for (i = 0; i < m->s->ncols; i++)
		if (m->s->cols[i].required && strcmp(m->s->cols[i].name, "id") &&
		    *cs_row_get(rec, (size_t)m->idx[i]) == '\0')
			return cs_fail(CS_EUSAGE, "field '%s' is required",
			    m->s->cols[i].name);
	return 0;
}

int
cs_master_find(const struct cs_master *m, const char *id, struct cs_row *row,
    off_t *start, off_t *end)
{
	struct cs_row hdr = { 0 };
	int k;

	k = cs_store_find(m->path, id, m->s->idprefix != NULL, &hdr, row, start,
	    end);
	cs_row_free(&hdr);
	return k;
}

/* The id of the last record (the highest: the store is sorted), or NULL. */
int
cs_master_last_id(struct cs_master *m, char **last)
{
	if (cs_store_last(m->ds, m->rel, "id", last) < 0)
		return -1;
	if (*last && !cs_id_valid(m->s->idprefix, *last)) {
		cs_fail(CS_EDATA, "%s: last id '%s' is not an id; run cs check",
		    m->rel, *last);
		free(*last);
		*last = NULL;
		return -1;
	}
	return 0;
}

/*
 * Append records (lock held).  Ids are allocated for a store that
 * allocates them, checked unique for the roster, and given by the caller
 * for a dated store.  The new ids are added to ids.
 */
int
cs_master_append(struct cs_master *m, struct cs_row *recs, size_t n,
    const char *command, struct cs_buf *ids)
{
	return cs_master_append_j(m, recs, n, command, NULL, ids);
}

/* The same, with more journal lines (extra) in the same commit. */
int
cs_master_append_j(struct cs_master *m, struct cs_row *recs, size_t n,
    const char *command, const struct cs_buf *extra, struct cs_buf *ids)
{
	struct cs_row found = { 0 };
	struct cs_recs_lines rl = { recs, (size_t)m->idx[0] };
	char *id, *prev = NULL;
	off_t s, e;
	size_t i;
	int ret = -1;

	for (i = 0; i < n; i++) {
		if (m->s->idprefix && !m->s->daily) {
			if (i == 0 && cs_master_last_id(m, &prev) < 0)
				goto out;
			if ((id = cs_id_next(m->s->idprefix, prev)) == NULL)
				goto out;
			cs_row_set(&recs[i], (size_t)m->idx[0], id);
			free(prev);
			prev = id;
		} else if (m->s->idprefix == NULL) {
			const char *key = cs_row_get(&recs[i], (size_t)m->idx[0]);
			int k = cs_master_find(m, key, &found, &s, &e);
			if (k != 0) {
				if (k > 0)
					cs_fail(CS_EDATA, "%s: id '%s' exists already",
					    m->s->name, key);
				goto out;
			}
		}	/* a dated store's ids are given: cs_dated_open_tail */
		cs_buf_adds(ids, cs_row_get(&recs[i], (size_t)m->idx[0]));
		cs_buf_addc(ids, '\n');
	}
	{	/* each record's lines made as they are written */
		struct cs_buf hdr = { 0 };
		cs_csv_record(&hdr, &m->hdr);
		ret = cs_commit_append_made(m->ds, m->rel, hdr.s, n, cs_recs_line,
		    &rl, command, extra);
		cs_buf_free(&hdr);
	}
	if (m->widened) {	/* the widening's transaction (widen.c) */
		m->widened = 0;
		ret = cs_txn_end(m->ds, ret);
	}
out:
	free(prev);
	cs_row_free(&found);
	return ret;
}

/* Journal lines for every field that differs between old and new. */
int
cs_master_diff(const struct cs_master *m, const struct cs_row *old,
    const struct cs_row *new, const char *command, struct cs_buf *journal)
{
	const char *id = cs_row_get(old, (size_t)m->idx[0]);
	size_t i;
	int changed = 0;

	for (i = 0; i < m->hdr.n; i++) {
		const char *a = cs_row_get(old, i), *b = cs_row_get(new, i);
		if (strcmp(a, b) == 0)
			continue;
		if (journal)
			cs_journal_line(journal, m->ds, command, id,
			    cs_row_get(&m->hdr, i), a, b);
		changed++;
	}
	return changed;
}

/* Change one record in place (lock held); nothing written if equal. */
int
cs_master_update(struct cs_master *m, const struct cs_row *old,
    const struct cs_row *new, off_t start, off_t end, const char *command)
{
	struct cs_buf journal = { 0 }, line = { 0 };
	int ret = 0;

	if (cs_master_diff(m, old, new, command, &journal) > 0) {
		cs_csv_record(&line, new);
		ret = cs_commit_replace(m->ds, m->rel, start, end, &line,
		    &journal);
	}
	if (m->widened) {	/* the widening's transaction (widen.c) */
		m->widened = 0;
		ret = cs_txn_end(m->ds, ret);
	}
	cs_buf_free(&journal);
	cs_buf_free(&line);
	return ret;
}

/* A condition "column=value" holds for rec (no condition always does). */
static int
mask_applies(const struct cs_master *m, const struct cs_row *rec,
    const char *when)
{
	const char *eq;
	char col[32];

	if (when == NULL || (eq = strchr(when, '=')) == NULL ||
	    (size_t)(eq - when) >= sizeof col)
		return 1;
	snprintf(col, sizeof col, "%.*s", (int)(eq - when), when);
	return strcmp(cs_master_get(m, rec, col), eq + 1) == 0;
}

/* field's value as rec would show it masked (a copy either way). */
char *
cs_master_mask_value(const struct cs_master *m, const struct cs_row *rec,
    const char *field, const char *value)
{
	const struct cs_column *c = cs_schema_col(m->s, field);

	if (c && c->mask && mask_applies(m, rec, c->mask_when))
		return cs_mask(c->mask, value);
	return cs_xstrdup(value);
}

/* The record as list and show print it: masked unless unmask. */
void
cs_master_masked(const struct cs_master *m, struct cs_row *rec, int unmask)
{
	struct cs_row t = { 0 };
	const struct cs_column *c;
	const char *v;
	char *masked;
	size_t i, j;

	const struct cs_column *col[64] = { NULL };

	if (unmask)
		return;
	/* which field each confidential column is, once, not per field */
	for (j = 0; j < m->s->ncols && j < 64; j++) {
		c = &m->s->cols[j];
		if (c->mask && m->idx[j] >= 0 && (size_t)m->idx[j] < 64 &&
		    mask_applies(m, rec, c->mask_when))
			col[m->idx[j]] = c;
	}
	for (i = 0; i < rec->n; i++) {
		v = cs_row_get(rec, i);
		masked = NULL;
		if (i < 64 && col[i] && *v)
			v = masked = cs_mask(col[i]->mask, v);
		cs_row_push(&t, v, strlen(v));
		free(masked);
	}
	t.line = rec->line;
	cs_row_free(rec);
	*rec = t;
}

/* rec, laid out for from's header, laid out for to's. */
void
cs_master_remap(const struct cs_master *from, const struct cs_row *rec,
    const struct cs_master *to, struct cs_row *out)
{
	int *map = cs_xmalloc((to->hdr.n + 1) * sizeof *map);

	cs_master_colmap(from, to, map);
	cs_master_remap_by(map, to->hdr.n, rec, out);
	free(map);
}

void
cs_master_colmap(const struct cs_master *from, const struct cs_master *to,
    int *map)
{
	size_t i;

	for (i = 0; i < to->hdr.n; i++)
		map[i] = cs_row_find(&from->hdr, cs_row_get(&to->hdr, i));
}

void
cs_master_remap_by(const int *map, size_t n, const struct cs_row *rec,
    struct cs_row *out)
{
	size_t i;
	const char *v;

	cs_row_clear(out);
	for (i = 0; i < n; i++) {
		v = map[i] < 0 ? "" : cs_row_get(rec, (size_t)map[i]);
		cs_row_push(out, v, strlen(v));
	}
}

void
cs_master_relay(const struct cs_master *from, const struct cs_row *rec,
    const struct cs_master *to, struct cs_row *out)
{
	int src[64];
	size_t i, n = to->hdr.n < 64 ? to->hdr.n : 64;
	const char *v;

	for (i = 0; i < n; i++)
		src[i] = -1;
	for (i = 0; i < to->s->ncols; i++)
		if (to->idx[i] >= 0 && (size_t)to->idx[i] < n)
			src[to->idx[i]] = from->idx[i];
	cs_row_clear(out);
	for (i = 0; i < to->hdr.n; i++) {
		v = i < n && src[i] >= 0 ? cs_row_get(rec, (size_t)src[i]) : "";
		cs_row_push(out, v, strlen(v));
	}
}

/* Set field of rec (laid out as m's store) without checks. */
void
cs_master_put(const struct cs_master *m, struct cs_row *rec, const char *field,
    const char *value)
{
	const struct cs_column *c = cs_schema_col(m->s, field);

	cs_row_set(rec, (size_t)m->idx[c - m->s->cols], value);
}

void
cs_master_put_time(const struct cs_master *m, struct cs_row *rec,
    const char *field, cs_time t)
{
	char buf[32];

	cs_time_format(t, buf);
	cs_master_put(m, rec, field, buf);
}

/* A time field of rec; 0 when empty. */
cs_time
cs_master_get_time(const struct cs_master *m, const struct cs_row *rec,
    const char *field)
{
	cs_time t = 0;

	if (*cs_master_get(m, rec, field))
		cs_time_parse(cs_master_get(m, rec, field), &t);
	return t;
}

int
cs_master_match(const struct cs_master *m, const struct cs_row *rec,
    const struct cs_match *eq, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (eq[i].want && strcmp(cs_master_get(m, rec, eq[i].field),
		    eq[i].want) != 0)
			return 0;
	return 1;
}

/* login is on the roster and has not left: 0 and its team, else -1. */
int
cs_roster_team(struct cs_ds *ds, const char *field, const char *login,
    char **team)
{
	struct cs_master m;
	struct cs_row row = { 0 };
	off_t s, e;
	int k;

	if (cs_master_open(&m, ds, &cs_schema_staff) < 0)
		return -1;
	k = cs_master_find(&m, login, &row, &s, &e);
	if (k == 0)
		cs_fail(CS_EDATA, "field '%s': no one called '%s' on the roster",
		    field, login);
	else if (k > 0 && *cs_master_get(&m, &row, "left"))
		k = cs_fail(CS_EDATA, "field '%s': '%s' left on %s", field, login,
		    cs_master_get(&m, &row, "left"));
	else if (k > 0 && team)
		*team = cs_xstrdup(cs_master_get(&m, &row, "team"));
	cs_row_free(&row);
	cs_master_close(&m);
	return k > 0 ? 0 : -1;
}

/* id is empty (anonymous) or a customer's. */
int
cs_customer_known(struct cs_ds *ds, const char *id)
{
	struct cs_master m;
	struct cs_row row = { 0 };
	off_t s, e;
	int k;

	if (*id == '\0')
		return 0;
	if (cs_master_open(&m, ds, &cs_schema_customers) < 0)
		return -1;
	k = cs_master_find(&m, id, &row, &s, &e);
	if (k == 0)
		cs_fail(CS_EDATA, "field 'customer': no customer '%s'", id);
	cs_row_free(&row);
	cs_master_close(&m);
	return k > 0 ? 0 : -1;
}
