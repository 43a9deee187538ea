/*
 * dated.c: the layout of a dated store (tickets, and the records to come),
 * whose ids say their day: T-20261122-0042.
 *
 *	tickets/2026-11/T-20261101-0001.csv
 *	tickets/2026-11/T-20261104-1733.csv
 *
 * A month is a directory of chunks.  Each chunk is a store of its own
 * (cs-store(5)), named by its first id and holding the ids from there to
 * the next chunk's name, in order; a new chunk is begun when the last one
 * has grown past CS_CHUNK_BYTES.  So a lookup opens one small file, a
 * change rewrites one small file whatever the size of the month, and a
 * scan of the month reads the chunks in name order, one after another.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store/store.h"

/* Where a new chunk is begun: $CS_CHUNK_BYTES (for tests), else 1 MiB. */
long
cs_chunk_bytes(void)
{
	const char *e = getenv("CS_CHUNK_BYTES");
	long n = e ? atol(e) : 0;

	return n > 0 ? n : 1L << 20;
}

static int
by_id(const void *a, const void *b)
{
	return cs_id_cmp(*(char *const *)a, *(char *const *)b);
}

static int
is_chunk(const char *name, const char *prefix)
{
	return cs_id_valid(prefix, name);
}

static int
is_month(const char *name, const char *unused)
{
	struct cs_period p;

	(void)unused;
	return strlen(name) == 7 && cs_period_parse("month", name, &p) == 0;
}

/* "T-20261122-0042" -> "2026-11" */
static void
id_month(const char *id, char out[8])
{
	snprintf(out, 8, "%.4s-%.2s", id + 2, id + 6);
}

/* The chunks of one month, as paths relative to the data directory; NULL
 * on an error (an absent month has none). */
char **
cs_dated_chunks(const char *datadir, const struct cs_schema *s, const char *month)
{
	struct cs_buf dir = { 0 };
	char **v, **p;

	cs_buf_addf(&dir, "%s/%s/%s", datadir, s->name, month);
	v = cs_dir_entries(dir.s, 1, is_chunk, s->idprefix, by_id);
	for (p = v; p && *p; p++) {
		cs_buf_reset(&dir);
		cs_buf_addf(&dir, "%s/%s/%s.csv", s->name, month, *p);
		free(*p);
		*p = cs_xstrdup(dir.s);
	}
	cs_buf_free(&dir);
	return v;
}

/* The months of a dated store, in order; NULL on an error (an absent
 * store has none). */
char **
cs_dated_months(const char *datadir, const struct cs_schema *s)
{
	struct cs_buf dir = { 0 };
	char **v;

	cs_buf_addf(&dir, "%s/%s", datadir, s->name);
	v = cs_dir_entries(dir.s, 0, is_month, NULL, cs_by_name);
	cs_buf_free(&dir);
	return v;
}

/* Every chunk of the months that overlap p, in order, as full paths;
 * NULL on an error. */
char **
cs_dated_files(const char *datadir, const struct cs_schema *s,
    const struct cs_period *p)
{
	char **months = cs_dated_months(datadir, s), **m, **c, **chunks;
	char **v;
	struct cs_period mp;
	size_t n = 0;

	if (months == NULL)
		return NULL;
	v = cs_xmalloc(sizeof *v);
	v[0] = NULL;
	for (m = months; *m; m++) {
		cs_period_parse("month", *m, &mp);
		if (mp.to <= p->from || mp.from >= p->to)
			continue;
		if ((chunks = cs_dated_chunks(datadir, s, *m)) == NULL) {
			cs_strv_free(v);
			cs_strv_free(months);
			return NULL;
		}
		for (c = chunks; *c; c++) {
			struct cs_buf full = { 0 };
			cs_buf_addf(&full, "%s/%s", datadir, *c);
			v = cs_xrealloc(v, (n + 2) * sizeof *v);
			v[n++] = full.s;
			v[n] = NULL;
		}
		cs_strv_free(chunks);
	}
	v[n] = NULL;
	cs_strv_free(months);
	return v;
}

/* The chunk that would hold id, relative to the data directory, in *rel:
 * 1 found, 0 no chunk could (*rel NULL), -1 an error reading the month. */
int
cs_dated_locate(const char *datadir, const struct cs_schema *s, const char *id,
    char **rel)
{
	char month[8], **chunks, **c, *found = NULL, first[64];

	*rel = NULL;
	id_month(id, month);
	if ((chunks = cs_dated_chunks(datadir, s, month)) == NULL)
		return -1;
	for (c = chunks; *c; c++) {
		snprintf(first, sizeof first, "%s", strrchr(*c, '/') + 1);
		first[strlen(first) - 4] = '\0';	/* ".csv" */
		if (cs_id_cmp(first, id) > 0)
			break;
		found = *c;
	}
	*rel = found ? cs_xstrdup(found) : NULL;
	cs_strv_free(chunks);
	return *rel != NULL;
}

/*
 * Open m on the chunk that the next record of the day of ds->now goes
 * to, and give that record's id.  The lock must be held: the id is one
 * more than the last.
 */
/* 1 when m's chunk lacks a column of its schema (a late one). */
static int
lacks_late(const struct cs_master *m)
{
	size_t i;

	for (i = 0; i < m->s->ncols; i++)
		if (m->idx[i] < 0)
			return 1;
	return 0;
}

int
cs_dated_open_tail(struct cs_master *m, struct cs_ds *ds,
    const struct cs_schema *s, char **id)
{
	char month[8], d[16], **chunks, *last = NULL, *rel = NULL;
	struct cs_buf path = { 0 };
	struct stat st;
	size_t n;
	int r;

	cs_date_format(ds->now, d);
	snprintf(month, sizeof month, "%.7s", d);
	if ((chunks = cs_dated_chunks(ds->dir, s, month)) == NULL)
		return -1;
	for (n = 0; chunks[n]; n++)
		;
	while (n > 0 && last == NULL)	/* an empty chunk: look further back */
		if (cs_store_last(ds, chunks[--n], "id", &last) < 0) {
			cs_strv_free(chunks);
			return -1;
		}
	*id = cs_id_next_daily(s->idprefix, last, ds->now);
	if (*id == NULL) {
		free(last);
		cs_strv_free(chunks);
		return -1;
	}
	if (last && cs_id_cmp(*id, last) <= 0) {
		cs_fail(CS_EDATA, "the clock (%s) is behind the last record %s, and "
		    "ids only increase: check the clock", d, last);
		free(last);
		free(*id);
		*id = NULL;
		cs_strv_free(chunks);
		return -1;
	}
	if (chunks[0]) {
		for (n = 0; chunks[n + 1]; n++)
			;
		cs_buf_addf(&path, "%s/%s", ds->dir, chunks[n]);
		if (stat(path.s, &st) == 0 && st.st_size < cs_chunk_bytes())
			rel = cs_xstrdup(chunks[n]);
	}
	if (rel == NULL) {
		cs_buf_reset(&path);
		cs_buf_addf(&path, "%s/%s/%s.csv", s->name, month, *id);
		rel = cs_xstrdup(path.s);
	}
	r = cs_master_open_rel(m, ds, s, rel);
	if (r == 0 && lacks_late(m)) {
		/* written before a column was added: a new chunk begins */
		cs_master_close(m);
		free(rel);
		cs_buf_reset(&path);
		cs_buf_addf(&path, "%s/%s/%s.csv", s->name, month, *id);
		rel = cs_xstrdup(path.s);
		r = cs_master_open_rel(m, ds, s, rel);
	}
	free(rel);
	free(last);
	cs_buf_free(&path);
	cs_strv_free(chunks);
	return r;
}

/* The last id of the day of t, or NULL when the day has none yet. */
int
cs_dated_day_last(struct cs_ds *ds, const struct cs_schema *s, cs_time t,
    char **last)
{
	struct cs_reader r;
	struct cs_row row = { 0 };
	char d[16], key[48], prefix[24], *rel, *path;
	int k, col;

	*last = NULL;
	cs_date_format(t, d);
	snprintf(prefix, sizeof prefix, "%s-%.4s%.2s%.2s-", s->idprefix, d, d + 5,
	    d + 8);
	snprintf(key, sizeof key, "%s99999999", prefix);
	if ((k = cs_dated_locate(ds->dir, s, key, &rel)) <= 0)
		return k;
	path = cs_ds_path(ds, rel);
	k = cs_reader_open(&r, path, CS_READ_STORE, 0);
	free(path);
	free(rel);
	if (k < 0)
		return -1;
	col = cs_row_find(&r.hdr, "id");
	while ((k = cs_reader_next(&r, &row)) > 0) {
		const char *id = cs_row_get(&row, (size_t)col);
		if (strncmp(id, prefix, strlen(prefix)) == 0) {
			free(*last);
			*last = cs_xstrdup(id);
		}
	}
	cs_row_free(&row);
	cs_reader_close(&r);
	return k;
}

/* 1 when a record of recs (laid out as the schema) has a value for a
 * column that hdr lacks. */
static int
needs_wider(const struct cs_row *schema_hdr, const struct cs_row *hdr,
    const struct cs_row *recs, size_t n)
{
	size_t i, j;

	for (j = 0; j < schema_hdr->n; j++) {
		if (cs_row_find(hdr, cs_row_get(schema_hdr, j)) >= 0)
			continue;
		for (i = 0; i < n; i++)
			if (*cs_row_get(&recs[i], j))
				return 1;
	}
	return 0;
}

/* A chunk's new content written as chunks of about CS_CHUNK_BYTES as it
 * is made (an import of a month would otherwise be held whole): the
 * first is rel, each further one a new chunk of the month named by its
 * first id (between rel's and the next chunk's: no name of another),
 * each written in the transaction.  A chunk takes records while it is
 * under the size, at least one. */
struct split {
	struct cs_ds *ds;
	const char *rel;
	struct cs_buf content;	/* the header, then the records to write */
	size_t hlen, max;
	int written;		/* rel is written: the next is named by its id */
	struct cs_buf name;
};

static int
split_write(struct split *sp)
{
	const char *at = sp->rel, *p = sp->content.s + sp->hlen;

	if (sp->written) {
		cs_buf_reset(&sp->name);
		cs_buf_addf(&sp->name, "%.*s/%.*s.csv",
		    (int)(strrchr(sp->rel, '/') - sp->rel), sp->rel,
		    (int)strcspn(p, ","), p);
		at = sp->name.s;
	}
	sp->written = 1;
	if (cs_store_rewrite(sp->ds, at, sp->content.s, sp->content.len) < 0)
		return -1;
	sp->content.len = sp->hlen;
	sp->content.s[sp->hlen] = '\0';
	return 0;
}

static void
split_begin(struct split *sp, struct cs_ds *ds, const char *rel,
    const struct cs_row *hdr)
{
	memset(sp, 0, sizeof *sp);
	sp->ds = ds;
	sp->rel = rel;
	sp->max = (size_t)cs_chunk_bytes();
	cs_csv_record(&sp->content, hdr);
	sp->hlen = sp->content.len;
}

/* The record just added to sp->content: the chunk written if full. */
static int
split_added(struct split *sp)
{
	return sp->content.len >= sp->max ? split_write(sp) : 0;
}

static void
split_free(struct split *sp)
{
	cs_buf_free(&sp->content);
	cs_buf_free(&sp->name);
}

/* The rest: the records left, or rel with no record if none was. */
static int
split_end(struct split *sp)
{
	int r = 0;

	if (sp->content.len > sp->hlen || !sp->written)
		r = split_write(sp);
	split_free(sp);
	return r;
}

/* The records of a chunk and the new ones, merged in id order, as the
 * chunk's new content, written as it is made (struct split).  A chunk
 * without a late column a new record has a value for is widened
 * (widen.c), its line in wj. */
static int
merge(struct cs_ds *ds, const struct cs_schema *s, const char *rel, int fresh,
    const struct cs_row *schema_hdr, const struct cs_row *recs, size_t n,
    struct cs_buf *wj)
{
	struct split sp;
	struct cs_master from = { 0 }, to = { 0 }, old = { 0 };
	struct cs_reader r = { 0 };
	struct cs_row row = { 0 }, laid = { 0 };
	char *path = cs_ds_path(ds, rel);
	size_t i = 0;
	int k = 0, col, ret = -1, wide = 0, *fmap = NULL, *omap = NULL;

	cs_row_copy(&from.hdr, schema_hdr);
	if (fresh)
		cs_row_copy(&to.hdr, schema_hdr);
	else {
		if (cs_reader_open(&r, path, CS_READ_STORE, 0) < 0)
			goto out;
		cs_row_copy(&to.hdr, r.hdr.n ? &r.hdr : schema_hdr);
		if (r.hdr.n && needs_wider(schema_hdr, &r.hdr, recs, n)) {
			cs_row_copy(&old.hdr, &r.hdr);
			cs_widen_header(s, &old.hdr, &to.hdr);
			cs_widen_journal(wj, ds, rel, &old.hdr, &to.hdr);
			wide = 1;
		}
	}
	col = cs_row_find(&to.hdr, "id");
	fmap = cs_xmalloc((to.hdr.n + 1) * sizeof *fmap);
	cs_master_colmap(&from, &to, fmap);
	if (wide) {
		omap = cs_xmalloc((to.hdr.n + 1) * sizeof *omap);
		cs_master_colmap(&old, &to, omap);
	}
	split_begin(&sp, ds, rel, &to.hdr);
	while (!fresh && (k = cs_reader_next(&r, &row)) > 0) {
		for (; i < n && cs_id_cmp(cs_row_get(&recs[i], 0),
		    cs_row_get(&row, (size_t)col)) < 0; i++) {
			cs_master_remap_by(fmap, to.hdr.n, &recs[i], &laid);
			cs_csv_record(&sp.content, &laid);
			if (split_added(&sp) < 0)
				goto split_out;
		}
		if (wide) {
			cs_master_remap_by(omap, to.hdr.n, &row, &laid);
			cs_csv_record(&sp.content, &laid);
		} else
			cs_csv_record(&sp.content, &row);
		if (split_added(&sp) < 0)
			goto split_out;
	}
	if (k < 0)
		goto split_out;
	for (; i < n; i++) {
		cs_master_remap_by(fmap, to.hdr.n, &recs[i], &laid);
		cs_csv_record(&sp.content, &laid);
		if (split_added(&sp) < 0)
			goto split_out;
	}
	ret = split_end(&sp);
	goto out;
split_out:
	split_free(&sp);
out:
	(void)s;
	free(fmap);
	free(omap);
	if (!fresh)
		cs_reader_close(&r);
	cs_row_free(&from.hdr);
	cs_row_free(&to.hdr);
	cs_row_free(&old.hdr);
	cs_row_free(&row);
	cs_row_free(&laid);
	free(path);
	return ret;
}

/* The first id of a chunk, its name without ".csv", into out. */
static void
chunk_first(const char *rel, char out[64])
{
	snprintf(out, 64, "%s", strrchr(rel, '/') + 1);
	out[strlen(out) - 4] = '\0';
}

/*
 * Put records with their ids into the chunks that hold their ids, for an
 * import of past days (lock held).  recs are laid out as the schema, id
 * first, and sorted by id.  Each month's chunks are listed once; a chunk
 * that grows past CS_CHUNK_BYTES is split, its new parts named by their
 * first ids, as cs-ticket add begins a new chunk.  The journal (a line
 * each, command and the record, made as it is written: cs_journal_made)
 * and every chunk written are one transaction (commit.c), each chunk
 * written as soon as it is merged.  Returns 0, or -1 with the error.
 */
int
cs_dated_insert(struct cs_ds *ds, const struct cs_schema *s, struct cs_row *recs,
    size_t n, const char *command)
{
	struct cs_recs_lines rl = { recs, 0 };
	struct cs_row hdr = { 0 };
	struct cs_buf fresh = { 0 }, wj = { 0 };
	char **chunks = NULL, month[8], first[64];
	size_t i = 0, j, c, nc = 0;
	int ret = -1;

	cs_schema_row(s, &hdr);
	if (cs_txn_begin(ds) < 0)
		goto out;
	if (cs_journal_made(ds, n, cs_recs_line, &rl, command, NULL) < 0)
		goto abort;
	while (i < n) {
		const char *id = cs_row_get(&recs[i], 0), *rel;
		if (chunks == NULL || strncmp(month, id + 2, 4) != 0 ||
		    strncmp(month + 5, id + 6, 2) != 0) {
			cs_strv_free(chunks);
			id_month(id, month);
			if ((chunks = cs_dated_chunks(ds->dir, s, month)) == NULL)
				goto abort;
			for (nc = 0; chunks[nc]; nc++)
				;
			c = 0;
		}
		/* the last chunk whose first id is id or before, if any */
		while (c < nc) {
			chunk_first(chunks[c], first);
			if (cs_id_cmp(first, id) > 0)
				break;
			c++;
		}
		/* the records of that chunk (or before the month's first) */
		for (j = i + 1; j < n; j++) {
			const char *id2 = cs_row_get(&recs[j], 0);
			if (strncmp(id2, id, 8) != 0)	/* another month */
				break;
			if (c < nc) {
				chunk_first(chunks[c], first);
				if (cs_id_cmp(first, id2) <= 0)
					break;
			}
		}
		if (c == 0) {	/* a new chunk, named by its first id */
			cs_buf_reset(&fresh);
			cs_buf_addf(&fresh, "%s/%s/%s.csv", s->name, month, id);
			rel = fresh.s;
		} else
			rel = chunks[c - 1];
		if (merge(ds, s, rel, c == 0, &hdr, recs + i, j - i, &wj) < 0)
			goto abort;
		i = j;
	}
	/* the chunks widened for a late column's value, journaled */
	if (wj.len && cs_journal_only(ds, &wj) < 0)
		goto abort;
	ret = cs_txn_commit(ds);
	goto out;
abort:
	cs_txn_abort(ds);
out:
	cs_strv_free(chunks);
	cs_buf_free(&fresh);
	cs_buf_free(&wj);
	cs_row_free(&hdr);
	return ret;
}

/*
 * Open the chunk of the dated store s that holds id and find the record:
 * 0 found (m open on its chunk, row and its byte range filled), -1 with
 * the error ("no ticket ..." says what, an exit status 65).  m is open
 * either way, for cs_master_close.
 */
int
cs_dated_find(struct cs_ds *ds, const struct cs_schema *s, const char *what,
    const char *id, struct cs_master *m, struct cs_row *row, off_t *start,
    off_t *end)
{
	char *rel;
	int k;

	memset(m, 0, sizeof *m);
	if (!cs_id_valid(s->idprefix, id) || strlen(id) < 15 || id[10] != '-')
		return cs_fail(CS_EUSAGE, "not a %s id (%s-YYYYMMDD-NNNN): '%s'",
		    what, s->idprefix, id);
	if ((k = cs_dated_locate(ds->dir, s, id, &rel)) <= 0) {
		if (k < 0)
			return -1;
		cs_master_open_rel(m, ds, s, NULL);
		return cs_fail(CS_EDATA, "no %s '%s'", what, id);
	}
	k = cs_master_open_rel(m, ds, s, rel);
	free(rel);
	if (k < 0)
		return -1;
	k = cs_master_find(m, id, row, start, end);
	if (k == 0)
		return cs_fail(CS_EDATA, "no %s '%s'", what, id);
	return k < 0 ? -1 : 0;
}
