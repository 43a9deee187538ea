/*
 * list.c: the list verbs of a dated store (cs_list_dated): the records of
 * the period's month files that pass, streamed out as they are read, or
 * sorted when --sort asks (in bounded memory, spilling runs to a
 * temporary file: base/rowsort.h); on a bad line, the error and, for a
 * table (held to the end for its widths), no row at all; --search over the fields as
 * they are shown (a masked field masked, unless --unmask); a column of
 * the program's own after the store's (overdue's reason).  Every month
 * file must have the same columns, since the output has one header.
 */
#include <stdlib.h>
#include <string.h>

#include "base/rowsort.h"
#include "cli/cli.h"

struct sorting {
	int col, desc, id;
};

/* --sort field (or -field, descending): its column in m. */
static int
sort_by(const struct cs_schema *s, const struct cs_master *m, const char *sort,
    struct sorting *st)
{
	const char *name = sort + (sort[0] == '-');
	const struct cs_column *c = cs_schema_col(s, name);

	if (c == NULL)
		return cs_fail(CS_EUSAGE, "--sort: no field '%s'", name);
	st->col = m->idx[c - s->cols];
	st->id = st->col == m->idx[0];
	st->desc = sort[0] == '-';
	return 0;
}

/* 1 when some field of r holds text (ignoring case). */
int
cs_list_search(const struct cs_row *r, const char *text)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strcasestr(cs_row_get(r, i), text))
			return 1;
	return 0;
}

/* The month file's columns bound to the schema in *fm: 1 when they are
 * not those of the store's header (a file written before a late column:
 * its rows are laid out anew in today's), 0 when they are, -1 when they
 * do not fit the schema. */
static int
columns_of(const struct cs_schema *s, struct cs_reader *r,
    const struct cs_master *m, struct cs_master *fm)
{
	if (cs_schema_bind(s, &r->hdr, r->name, fm->idx) < 0)
		return -1;
	fm->s = s;
	fm->hdr = r->hdr;
	return memcmp(fm->idx, m->idx, sizeof(int) * s->ncols) != 0;
}

/* The records of one month file that pass, out or to the sort. */
static int
month(const struct cs_listing *l, const struct cs_opts *o, const char *path,
    const struct cs_master *m, struct cs_out *out, struct cs_rowsort *h,
    size_t *n)
{
	struct cs_reader r;
	struct cs_master fm = { 0 };
	struct cs_row row = { 0 }, laid = { 0 };
	char extra[256];
	int k, old;

	if (cs_reader_open(&r, path, CS_READ_STORE, 0) < 0)
		return -1;
	if ((old = columns_of(l->s, &r, m, &fm)) < 0) {
		cs_reader_close(&r);
		return -1;
	}
	while ((k = cs_reader_next(&r, &row)) > 0) {
		if (old) {
			cs_master_relay(&fm, &row, m, &laid);
			cs_row_copy(&row, &laid);
		}
		extra[0] = '\0';
		cs_master_masked(m, &row, o->unmask);
		if (!l->keep(l->ctx, m, &row, extra, sizeof extra) ||
		    (l->search && !cs_list_search(&row, l->search)))
			continue;
		if (l->extra)
			cs_row_push(&row, extra, strlen(extra));
		++*n;
		if (h == NULL)
			cs_out_row(out, &row);
		else if (cs_rowsort_add(h, &row) < 0) {
			k = -1;
			break;
		}
	}
	cs_reader_close(&r);
	cs_row_free(&row);
	cs_row_free(&laid);
	return k < 0 ? -1 : 0;
}

int
cs_list_dated(struct cs_ds *ds, const struct cs_opts *o,
    const struct cs_listing *l)
{
	char **files = cs_dated_files(ds->dir, l->s, l->period), **p;
	struct cs_master m;
	struct cs_row hdr = { 0 }, row = { 0 };
	struct cs_out out = { 0 };
	struct cs_rowsort *h = NULL;
	struct sorting st = { 0, 0, 0 };
	size_t n = 0;
	int k = 0, ret = -1, opened = 0;

	if (files == NULL)
		return -1;
	if (cs_master_open_rel(&m, ds, l->s, NULL) < 0)
		goto out;
	opened = 1;
	if (l->sort) {
		if (sort_by(l->s, &m, l->sort, &st) < 0)
			goto out;
		h = cs_rowsort_new((size_t)st.col, st.id ? cs_id_cmp : strcmp,
		    st.desc, 0);
	}
	cs_row_copy(&hdr, &m.hdr);
	if (l->extra)
		cs_row_push(&hdr, l->extra, strlen(l->extra));
	out.gb18030 = o->gb18030;
	cs_out_begin(&out, stdout, cs_opts_fmt(o), &hdr);
	for (p = files; *p && k == 0; p++)
		k = month(l, o, *p, &m, &out, h, &n);
	if (h && k == 0) {	/* sorted in bounded memory (base/rowsort.c) */
		while ((k = cs_rowsort_next(h, &row)) > 0)
			cs_out_row(&out, &row);
		cs_row_free(&row);
	}
	if (k < 0) {	/* a table, held to the end, shows nothing */
		cs_out_discard(&out);
		goto out;
	}
	if (cs_out_end(&out) < 0)
		goto out;
	ret = n ? 0 : CS_NO;
out:
	cs_rowsort_free(h);
	cs_strv_free(files);
	cs_row_free(&hdr);
	if (opened)
		cs_master_close(&m);
	return ret;
}
