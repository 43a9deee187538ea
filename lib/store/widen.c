/*
 * widen.c: a store written before a column was added (schema.c, the late
 * columns) given every column of its schema, so that a value for the new
 * column can be stored in its old records too.
 *
 * The file (a master file, or a chunk of a dated store) is read with the
 * store's own reader and written again with its writer: the header with
 * each missing column inserted after the column that comes before it in
 * the schema (so a file in the schema's order gets the schema's header,
 * the one a new file has), each record with an empty value there.  No
 * record's value changes.  It is one rewrite (commit.c), in a transaction
 * of its own or in the caller's, with one journal line, "widen", that
 * names the file and gives its old and new headers; cs verify's replay
 * takes a record the journal added without a late column as empty there.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/store.h"

/* The position of name in v (n names), or -1. */
static long
find_name(const char *const *v, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], name) == 0)
			return (long)i;
	return -1;
}

int
cs_widen_header(const struct cs_schema *s, const struct cs_row *hdr,
    struct cs_row *out)
{
	const char **v = cs_xmalloc((hdr->n + s->ncols + 1) * sizeof *v);
	size_t n = 0, i, j;
	long at, k;
	int added = 0;

	for (i = 0; i < hdr->n; i++)
		v[n++] = cs_row_get(hdr, i);
	for (i = 0; i < s->ncols; i++) {
		if (find_name(v, n, s->cols[i].name) >= 0)
			continue;
		/* after the nearest column before it in the schema */
		at = 0;
		for (j = i; j-- > 0;)
			if ((k = find_name(v, n, s->cols[j].name)) >= 0) {
				at = k + 1;
				break;
			}
		memmove(v + at + 1, v + at, (n - (size_t)at) * sizeof *v);
		v[at] = s->cols[i].name;
		n++;
		added++;
	}
	cs_row_clear(out);
	for (i = 0; i < n; i++)
		cs_row_push(out, v[i], strlen(v[i]));
	free(v);
	return added;
}

/* rec laid out anew: field i of out is field map[i] of rec (-1: empty). */
static void
relay(const int *map, size_t n, const struct cs_row *rec, struct cs_row *out)
{
	const char *v;
	size_t i;

	cs_row_clear(out);
	for (i = 0; i < n; i++) {
		v = map[i] < 0 ? "" : cs_row_get(rec, (size_t)map[i]);
		cs_row_push(out, v, strlen(v));
	}
}

/* A store's header as a journal value: the record without its LF. */
static void
header_text(struct cs_buf *b, const struct cs_row *hdr)
{
	cs_buf_reset(b);
	cs_csv_record(b, hdr);
	b->s[--b->len] = '\0';
}

void
cs_widen_journal(struct cs_buf *j, const struct cs_ds *ds, const char *rel,
    const struct cs_row *from, const struct cs_row *to)
{
	struct cs_buf a = { 0 }, b = { 0 };

	header_text(&a, from);
	header_text(&b, to);
	cs_journal_line(j, ds, "widen", "", rel, a.s, b.s);
	cs_buf_free(&a);
	cs_buf_free(&b);
}

/* 0 when the file at path ends with a line end (or is empty), else the
 * error; 1 when it is absent. */
static int
whole_lines(const char *path, const char *rel)
{
	struct stat st;
	char last;
	int fd, r = 0;

	if ((fd = cs_open_regular(path, O_RDONLY, 0)) < 0)
		return errno == ENOENT ? 1 : -1;
	if (fstat(fd, &st) < 0)
		r = cs_fail_errno("stat", rel);
	else if (st.st_size > 0 && pread(fd, &last, 1, st.st_size - 1) != 1)
		r = cs_fail_errno("read", rel);
	else if (st.st_size > 0 && last != '\n')
		r = cs_fail(CS_EDATA, "%s: the last line has no line end (a hand "
		    "edit, or a crash): nothing stored; 'cs check --repair' mends "
		    "it", rel);
	close(fd);
	return r;
}

int
cs_store_widen(struct cs_ds *ds, const struct cs_schema *s, const char *rel)
{
	struct cs_reader r = { 0 };
	struct cs_row nh = { 0 }, row = { 0 }, laid = { 0 };
	struct cs_buf data = { 0 }, j = { 0 };
	char *path = cs_ds_path(ds, rel);
	int idx[64], *map = NULL, k, open = 0, ret = -1;
	size_t i;

	if ((k = whole_lines(path, rel)) != 0) {
		ret = k > 0 ? 0 : -1;
		goto out;
	}
	if (cs_reader_open(&r, path, CS_READ_STORE, 0) < 0)
		goto out;
	open = 1;
	ret = 0;
	if (r.hdr.n == 0)	/* empty: its first append writes the header */
		goto out;
	ret = -1;
	if (cs_schema_bind(s, &r.hdr, rel, idx) < 0)
		goto out;
	if (cs_widen_header(s, &r.hdr, &nh) == 0) {
		ret = 0;
		goto out;
	}
	map = cs_xmalloc(nh.n * sizeof *map);
	for (i = 0; i < nh.n; i++)
		map[i] = cs_row_find(&r.hdr, cs_row_get(&nh, i));
	cs_csv_record(&data, &nh);
	while ((k = cs_reader_next(&r, &row)) > 0) {
		relay(map, nh.n, &row, &laid);
		cs_csv_record(&data, &laid);
	}
	if (k < 0)
		goto out;
	cs_widen_journal(&j, ds, rel, &r.hdr, &nh);
	if (cs_txn_begin(ds) < 0)
		goto out;
	if (cs_journal_only(ds, &j) < 0 ||
	    cs_store_rewrite(ds, rel, data.s, data.len) < 0) {
		cs_txn_abort(ds);
		goto out;
	}
	ret = cs_txn_commit(ds) < 0 ? -1 : 1;
out:
	if (open)
		cs_reader_close(&r);
	cs_row_free(&nh);
	cs_row_free(&row);
	cs_row_free(&laid);
	cs_buf_free(&data);
	cs_buf_free(&j);
	free(map);
	free(path);
	return ret;
}

int
cs_master_lacks(const struct cs_master *m, const char *field)
{
	const struct cs_column *c = cs_schema_col(m->s, field);

	return c != NULL && m->idx[c - m->s->cols] < 0;
}

int
cs_master_widen(struct cs_master *m, const char *id, struct cs_row *row,
    off_t *start, off_t *end)
{
	struct cs_ds *ds = m->ds;
	const struct cs_schema *s = m->s;
	char *rel = s->daily ? cs_xstrdup(m->rel) : NULL;
	int k;

	if (cs_txn_begin(ds) < 0 || cs_store_widen(ds, s, m->rel) < 0) {
		free(rel);
		return -1;
	}
	cs_master_close(m);
	k = cs_master_open_rel(m, ds, s, rel);
	free(rel);
	if (k < 0)
		return cs_txn_fail(ds);
	m->widened = 1;
	if (id == NULL)
		return 0;
	if ((k = cs_master_find(m, id, row, start, end)) <= 0) {
		if (k == 0)
			cs_fail(CS_EIO, "%s changed under the lock: no '%s' after "
			    "adding its columns", m->rel, id);
		return cs_txn_fail(ds);
	}
	return 0;
}
