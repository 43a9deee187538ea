/*
 * history.c: the lines of a record in a monthly log (journal/,
 * complaint-events/, order-events/), out through a struct cs_out: what
 * show --history and the event lists print.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format/format.h"
#include "store/record.h"

struct emit {
	int drop_id;
	void (*edit)(struct cs_row *, const void *);
	const void *ctx;
	struct cs_out *out;
	struct cs_row h;
};

/* A line of the id, under header hdr, to out. */
static int
emit(void *ctx, const struct cs_row *hdr, const struct cs_row *row)
{
	struct emit *e = ctx;
	long idcol = cs_row_find(hdr, "id");
	size_t i;

	cs_row_clear(&e->h);
	for (i = 0; i < row->n; i++)
		if (!e->drop_id || i != (size_t)idcol)
			cs_row_push(&e->h, cs_row_get(row, i),
			    strlen(cs_row_get(row, i)));
	if (e->edit)
		e->edit(&e->h, e->ctx);
	cs_out_row(e->out, &e->h);
	return 0;
}

/*
 * The lines whose id column is id in the monthly files REL/YYYY-MM.csv, to
 * out: of a dated id (X-YYYYMMDD-N), from its month on, else all months;
 * a month of an indexed events store by its index (store/record.h).
 * drop_id leaves the id column out; edit, when given, may change each row
 * before it goes out.
 */
int
cs_id_lines(struct cs_ds *ds, const char *rel, const char *id, int drop_id,
    void (*edit)(struct cs_row *, const void *), const void *ctx,
    struct cs_out *out)
{
	char *dir = cs_ds_path(ds, rel), month[8] = "", **names, **f;
	struct cs_reader r;
	struct cs_row row = { 0 };
	struct cs_buf path = { 0 };
	struct emit e = { drop_id, edit, ctx, out, { 0 } };
	int k = 0, idcol;

	if (strlen(id) > 11 && id[1] == '-' && id[10] == '-' &&
	    strspn(id + 2, "0123456789") == 8)
		snprintf(month, sizeof month, "%.4s-%.2s", id + 2, id + 6);
	if ((names = cs_dir_csv(dir)) == NULL) {
		free(dir);
		return -1;
	}
	for (f = names; *f && k >= 0; f++) {
		if (strcmp(*f, month) < 0)
			continue;
		if ((k = cs_evindex_lines(ds, rel, *f, id, emit, &e)) != 0)
			continue;
		cs_buf_reset(&path);
		cs_buf_addf(&path, "%s/%s.csv", dir, *f);
		if ((k = cs_reader_open(&r, path.s, CS_READ_STORE, 0)) < 0)
			break;
		idcol = cs_row_find(&r.hdr, "id");
		while ((k = cs_reader_next(&r, &row)) > 0)
			if (strcmp(cs_row_get(&row, (size_t)idcol), id) == 0)
				emit(&e, &r.hdr, &row);
		cs_reader_close(&r);
	}
	cs_strv_free(names);
	free(dir);
	cs_buf_free(&path);
	cs_row_free(&row);
	cs_row_free(&e.h);
	return k < 0 ? -1 : 0;
}

/*
 * A journal line without its id (time, user, program, command, field, old,
 * new), masked by the schema ctx: the values of its confidential fields
 * masked, a whole record (add, import, visit) not shown.
 */
static void
history_mask(struct cs_row *h, const void *ctx)
{
	const struct cs_column *c;
	size_t i;

	if (h->n < 7)
		return;
	if (*cs_row_get(h, 4) == '\0') {
		if (*cs_row_get(h, 6))
			cs_row_set(h, 6, "(the record)");
		return;
	}
	if ((c = cs_schema_col(ctx, cs_row_get(h, 4))) == NULL || c->mask == NULL)
		return;
	for (i = 5; i < 7; i++) {
		char *m = cs_mask(c->mask, cs_row_get(h, i));
		cs_row_set(h, i, m);
		free(m);
	}
}

/* The journal lines of a record id, masked by the schema mask if given. */
int
cs_journal_history(struct cs_ds *ds, const char *id, const struct cs_schema *mask,
    struct cs_out *out)
{
	return cs_id_lines(ds, "journal", id, 1, mask ? history_mask : NULL, mask,
	    out);
}
