/*
 * import_customer.c: a customer list into customers.csv, through the
 * import engine (import.h).  A record with an id changes that customer
 * (the file's values laid over the store's); one without is a new
 * customer, given the next id.  Every value is checked against the
 * schema before anything is written; the store is rewritten (changes) or
 * appended to (only new customers) in one transaction with its journal.
 * -n prints the plan (line, action, id, field, old, new), masked unless
 * unmask.  A mask in the file (cs_import_mask) is refused, or with
 * --keep-masked leaves the stored value: show | import changes nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format/import.h"

struct customers {
	struct cs_master m;
	int *col;		/* file column -> store column */
	struct cs_rows rows;	/* the file's records that passed */
	struct cs_row row;	/* one of them, taken out */
	struct cs_map byid;	/* id -> row index + 1 */
	struct cs_map known;	/* the store's ids -> 1, when the file has ids */
	char *matched;
};

static int
customer_column(struct cs_import *im, const char *name)
{
	(void)im;
	if (*name && cs_schema_col(&cs_schema_customers, name) == NULL)
		return cs_fail(CS_EDATA, "unknown column '%s' (rename it with --map)",
		    name);
	return 0;
}

/* The ids of the store, so that a row naming another is refused. */
static int
known_ids(struct customers *cu)
{
	struct cs_reader r;
	struct cs_row row = { 0 };
	int k;

	if (cs_reader_open(&r, cu->m.path, CS_READ_STORE, 0) < 0)
		return -1;
	while ((k = cs_reader_next(&r, &row)) > 0)
		*cs_map_slot(&cu->known, cs_row_get(&row, (size_t)cu->m.idx[0]),
		    NULL) = (void *)1;
	cs_reader_close(&r);
	cs_row_free(&row);
	return k;
}

/* Each column of the file to its column of the store; 1 when one is a
 * column the store lacks (a late one: the store is to be widened). */
static int
bind_columns(struct cs_import *im)
{
	struct customers *cu = im->ctx;
	const struct cs_master *m = &cu->m;
	size_t i;
	int lacks = 0;

	if (cu->col == NULL)
		cu->col = cs_xmalloc((im->cols.n + 1) * sizeof *cu->col);
	for (i = 0; i < im->cols.n; i++) {	/* -1: a column dropped */
		cu->col[i] = im->ccol[i] ? m->idx[im->ccol[i] - m->s->cols] : -1;
		lacks |= im->ccol[i] && cu->col[i] < 0;
	}
	return lacks;
}

static int
customer_header(struct cs_import *im)
{
	bind_columns(im);
	if (cs_row_find(&im->cols, "name") < 0 && cs_row_find(&im->cols, "id") < 0)
		return cs_fail(CS_EDATA, "neither an 'id' nor a 'name' column");
	return cs_row_find(&im->cols, "id") < 0 ? 0 :
	    known_ids((struct customers *)im->ctx);
}

/* Check one record of the file; remember it. */
static int
customer_record(struct cs_import *im, const struct cs_row *row)
{
	struct customers *cu = im->ctx;
	const struct cs_master *m = &cu->m;
	const struct cs_column *c;
	const char *v, *why;
	int idcol = cs_row_find(&im->cols, "id"), isnew, k;
	int stored = idcol >= 0 && *cs_row_get(row, (size_t)idcol);
	size_t i;

	for (i = 0; i < row->n; i++) {
		if ((c = im->ccol[i]) == NULL)
			continue;
		v = cs_row_get(row, i);
		if ((int)i == idcol && *v == '\0')
			continue;
		if ((k = cs_import_mask(im, c, v, stored)) != 0) {
			if (k < 0)
				return -1;
			continue;
		}
		if (*v == '\0' && idcol >= 0 && *cs_row_get(row, (size_t)idcol))
			why = c->required ? "required, but empty" : NULL;
		else
			why = cs_check_value(c, v);
		if (why)
			return cs_fail(CS_EDATA, "field '%s': %s: '%s'", c->name, why,
			    v);
	}
	if (idcol >= 0 && *(v = cs_row_get(row, (size_t)idcol))) {
		void **slot;
		if (!cs_map_get(&cu->known, v))
			return cs_fail(CS_EDATA, "no customer '%s'", v);
		slot = cs_map_slot(&cu->byid, v, &isnew);
		if (!isnew)
			return cs_fail(CS_EDATA, "id '%s' appears twice", v);
		*slot = (void *)(cu->rows.n + 1);
	} else {
		for (i = 0; i < m->s->ncols; i++)
			if (m->s->cols[i].required && i > 0 &&
			    cs_row_find(&im->cols, m->s->cols[i].name) < 0)
				return cs_fail(CS_EDATA, "field '%s' is required for "
				    "a new customer", m->s->cols[i].name);
	}
	cs_rows_add(&cu->rows, row);
	return 0;
}

static const struct cs_importer customer_importer = {
	&cs_schema_customers, NULL, NULL, 0, customer_column, customer_header,
	customer_record,
};

/* rec with the file's values for row laid over it; a mask kept
 * (--keep-masked) leaves rec's value (a mask otherwise was refused). */
static void
overlay(const struct cs_import *im, const struct cs_row *row, struct cs_row *rec)
{
	const struct customers *cu = im->ctx;
	size_t i;
	int idcol = cs_row_find(&im->cols, "id");

	for (i = 0; i < row->n; i++)
		if ((int)i != idcol && cu->col[i] >= 0 && !(im->o->keep_masked &&
		    cs_is_mask(im->ccol[i]->mask, cs_row_get(row, i))))
			cs_row_set(rec, (size_t)cu->col[i], cs_row_get(row, i));
}

/* One line of the --dry-run plan; rec decides what is masked. */
static void
plan(struct cs_out *out, const struct cs_master *m, const struct cs_row *rec,
    int unmask, long line, const char *action, const char *id,
    const char *field, const char *old, const char *new)
{
	char *o = NULL, *n = NULL;

	if (!unmask) {
		old = o = cs_master_mask_value(m, rec, field, old);
		new = n = cs_master_mask_value(m, rec, field, new);
	}
	{
		const char *v[] = { action, id, field, old, new, NULL };
		cs_import_plan_row(out, line, v);
	}
	free(o);
	free(n);
}

/*
 * Walk the store: records named in the file get its values.  The new
 * store goes to data, the changes to journal (and to the plan).
 */
static int
import_merge(struct cs_import *im, struct cs_buf *data, struct cs_buf *journal,
    struct cs_out *out, char **last, int *changed)
{
	struct customers *cu = im->ctx;
	struct cs_master *m = &cu->m;
	struct cs_reader r;
	struct cs_row row = { 0 }, new = { 0 };
	size_t idx, i;
	int k;

	if (cs_reader_open(&r, m->path, CS_READ_STORE, 0) < 0)
		return -1;
	cs_csv_record(data, &m->hdr);
	while ((k = cs_reader_next(&r, &row)) > 0) {
		const char *id = cs_row_get(&row, (size_t)m->idx[0]);
		free(*last);
		*last = cs_xstrdup(id);
		idx = (size_t)cs_map_get(&cu->byid, id);
		if (idx == 0) {
			cs_csv_record(data, &row);
			continue;
		}
		cu->matched[idx - 1] = 1;
		cs_row_copy(&new, &row);
		cs_rows_get(&cu->rows, idx - 1, &cu->row);
		overlay(im, &cu->row, &new);
		*changed += cs_master_diff(m, &row, &new, "import", journal);
		for (i = 0; out && i < m->hdr.n; i++)
			if (strcmp(cs_row_get(&row, i), cs_row_get(&new, i)))
				plan(out, m, &new, im->o->unmask, cu->row.line,
				    "change", id, cs_row_get(&m->hdr, i),
				    cs_row_get(&row, i), cs_row_get(&new, i));
		cs_csv_record(data, &new);
	}
	cs_reader_close(&r);
	cs_row_free(&row);
	cs_row_free(&new);
	return k;
}

/* The new customers: each its id, its line in adds (when not NULL: else
 * the commit makes them, new_line), its journal line when journal is not
 * NULL, and its line of the plan; their ids in ids. */
static int
import_adds(struct cs_ds *ds, struct cs_import *im, char **last,
    struct cs_buf *adds, struct cs_buf *journal, struct cs_buf *ids,
    struct cs_out *out)
{
	struct customers *cu = im->ctx;
	struct cs_master *m = &cu->m;
	struct cs_buf line = { 0 };
	struct cs_row rec = { 0 };
	int idcol = cs_row_find(&im->cols, "id"), ret = -1;
	char *id;
	size_t i;

	for (i = 0; i < cu->rows.n; i++) {
		cs_rows_get(&cu->rows, i, &cu->row);
		if (idcol >= 0 && *cs_row_get(&cu->row, (size_t)idcol))
			continue;
		if ((id = cs_id_next("C", *last)) == NULL)
			goto out;
		free(*last);
		*last = id;
		cs_buf_addf(ids, "%s\n", id);
		if (adds == NULL && out == NULL)
			continue;
		cs_master_blank(m, &rec);
		overlay(im, &cu->row, &rec);
		cs_row_set(&rec, (size_t)m->idx[0], id);
		cs_buf_reset(&line);
		cs_csv_record(&line, &rec);
		if (adds)
			cs_buf_add(adds, line.s, line.len);
		line.s[--line.len] = '\0';	/* the journal holds it without LF */
		if (journal)
			cs_journal_line(journal, ds, "import", id, "", "", line.s);
		if (out) {
			cs_master_masked(m, &rec, im->o->unmask);
			cs_buf_reset(&line);
			cs_csv_record(&line, &rec);
			line.s[--line.len] = '\0';
			plan(out, m, &rec, 1, cu->row.line, "add", id, "", "",
			    line.s);
		}
	}
	ret = 0;
out:
	cs_buf_free(&line);
	cs_row_free(&rec);
	return ret;
}

/* The store lines of the new customers, made as they are written
 * (cs_commit_append_made): the records without an id, in order, each
 * given the next line of ids (import_adds gave them). */
struct new_lines {
	struct cs_import *im;
	int idcol;
	size_t row;		/* the next record to look at */
	const char *ids, *next;	/* all the ids; the next one */
	struct cs_buf id;
	struct cs_row rec;
};

static int
new_line(void *ctx, size_t i, struct cs_buf *out, const char **id)
{
	struct new_lines *nl = ctx;
	struct customers *cu = nl->im->ctx;
	const struct cs_master *m = &cu->m;
	size_t n;

	if (i == 0) {	/* from the first again */
		nl->row = 0;
		nl->next = nl->ids;
	}
	for (;; nl->row++) {
		cs_rows_get(&cu->rows, nl->row, &cu->row);
		if (nl->idcol < 0 || !*cs_row_get(&cu->row, (size_t)nl->idcol))
			break;
	}
	nl->row++;
	n = strcspn(nl->next, "\n");
	cs_buf_reset(&nl->id);
	cs_buf_add(&nl->id, nl->next, n);
	nl->next += n + 1;
	cs_master_blank(m, &nl->rec);
	overlay(nl->im, &cu->row, &nl->rec);
	cs_row_set(&nl->rec, (size_t)m->idx[0], nl->id.s);
	cs_csv_record(out, &nl->rec);
	*id = nl->id.s;
	return 0;
}

static size_t
count_lines(const struct cs_buf *b)
{
	size_t i, n = 0;

	for (i = 0; i < b->len; i++)
		n += b->s[i] == '\n';
	return n;
}

/* The changes and the new customers, in one transaction. */
static int
import_store(struct cs_ds *ds, struct cs_import *im, struct cs_buf *data,
    struct cs_buf *adds, const struct cs_buf *ids, struct cs_buf *journal,
    int changed)
{
	struct customers *cu = im->ctx;
	struct cs_buf hdr = { 0 };
	struct new_lines nl = { 0 };
	int ret;

	if (changed) {
		cs_buf_add(data, adds->s ? adds->s : "", adds->len);
		return cs_commit_rewrite(ds, cu->m.s->name, data, journal);
	}
	if (ids->len == 0)
		return 0;
	/* new customers alone: their lines and journal lines made as they
	 * are written, not held */
	cs_csv_record(&hdr, &cu->m.hdr);
	nl.im = im;
	nl.idcol = cs_row_find(&im->cols, "id");
	nl.ids = ids->s;
	ret = cs_commit_append_made(ds, cu->m.s->name, hdr.s, count_lines(ids),
	    new_line, &nl, "import", NULL);
	cs_row_free(&nl.rec);
	cs_buf_free(&nl.id);
	cs_buf_free(&hdr);
	return ret;
}

static void
customers_free(struct customers *cu)
{
	cs_rows_free(&cu->rows);
	cs_row_free(&cu->row);
	free(cu->col);
	free(cu->matched);
	cs_map_free(&cu->byid, NULL);
	cs_map_free(&cu->known, NULL);
	cs_master_close(&cu->m);
}

int
cs_import_customers(struct cs_ds *ds, const struct cs_import_opts *o,
    const char *file)
{
	struct customers cu = { 0 };
	struct cs_import im = { 0 };
	struct cs_buf data = { 0 }, adds = { 0 }, journal = { 0 }, ids = { 0 };
	struct cs_row ph = { 0 };
	struct cs_out out = { 0 };
	char *last = NULL;
	size_t i;
	int changed = 0, ret = -1, locked = 0, planning = 0;
	static const char *const pcols[] = { "line", "action", "id", "field",
		"old", "new", NULL };

	im.o = o;
	im.d = &customer_importer;
	im.ctx = &cu;
	if (cs_master_open(&cu.m, ds, &cs_schema_customers) < 0)
		return -1;
	if (cs_import_read(&im, file) < 0)
		goto out;
	cu.matched = cs_xmalloc(cu.rows.n + 1);
	memset(cu.matched, 0, cu.rows.n + 1);
	if (o->dry_run) {
		cs_import_plan_begin(&out, o, &ph, pcols);
		planning = 1;
	} else {
		if (cs_lock(ds, cs_lock_wait) < 0)
			goto out;
		locked = 1;
		/* a column customers.csv was written without: the store
		 * widened first, in the import's transaction (widen.c) */
		if (bind_columns(&im) && (cs_master_widen(&cu.m, NULL, NULL,
		    NULL, NULL) < 0 || bind_columns(&im)))
			goto out;
	}
	if (cu.byid.n > 0) {
		int idcol = cs_row_find(&im.cols, "id");
		if (import_merge(&im, &data, &journal, o->dry_run ? &out : NULL,
		    &last, &changed) < 0)
			goto out;
		for (i = 0; i < cu.rows.n; i++) {
			const char *v;
			cs_rows_get(&cu.rows, i, &cu.row);
			v = cs_row_get(&cu.row, (size_t)idcol);
			if (*v && !cu.matched[i]) {
				cs_fail(CS_EDATA, "%s:%ld: no customer '%s'", im.file,
				    cu.row.line, v);
				goto out;
			}
		}
	} else if (cs_master_last_id(&cu.m, &last) < 0)
		goto out;
	/* new customers alone are made as they are written (new_line) */
	if (import_adds(ds, &im, &last, o->dry_run || changed ? &adds : NULL,
	    changed ? &journal : NULL, &ids, o->dry_run ? &out : NULL) < 0)
		goto out;
	if (o->dry_run) {
		planning = 0;
		ret = cs_out_end(&out);
		goto out;
	}
	ret = import_store(ds, &im, &data, &adds, &ids, &journal, changed);
	if (cu.m.widened)
		ret = cs_txn_end(ds, ret);
	if (ret == 0 && (changed || ids.len))
		cs_committed("stored the import of %s (%zu added, %d fields "
		    "changed)", im.file, count_lines(&ids), changed);
	if (ret == 0 && ids.len)
		fputs(ids.s, stdout);
out:
	if (locked)
		cs_unlock(ds);
	if (planning)
		cs_out_discard(&out);
	customers_free(&cu);
	ret = cs_import_done(&im, ret);
	cs_import_free(&im);
	cs_buf_free(&data);
	cs_buf_free(&adds);
	cs_buf_free(&journal);
	cs_buf_free(&ids);
	cs_row_free(&ph);
	free(last);
	return ret;
}
