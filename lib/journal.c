/*
 * journal.c: every change, one line each, in journal/YYYY-MM.csv:
 * time, user, program, command, id, field, old, new.
 *
 * The journal is written first, inside the same critical section as the
 * change, and cut back if the change itself cannot be written; so a
 * change that reached a store always has its journal line.  An added
 * record is one line whose new value is the record in the store dialect.
 */
#include <stdlib.h>
#include <string.h>

#include "cs.h"

void
cs_journal_line(struct cs_buf *j, const struct cs_ds *ds, const char *command,
    const char *id, const char *field, const char *old, const char *new)
{
	struct cs_row r = { 0 };
	char t[32];

	cs_time_format(ds->now, t);
	cs_row_push(&r, t, strlen(t));
	cs_row_push(&r, ds->user, strlen(ds->user));
	cs_row_push(&r, ds->program, strlen(ds->program));
	cs_row_push(&r, command, strlen(command));
	cs_row_push(&r, id, strlen(id));
	cs_row_push(&r, field, strlen(field));
	cs_row_push(&r, old, strlen(old));
	cs_row_push(&r, new, strlen(new));
	cs_csv_record(j, &r);
	cs_row_free(&r);
}

static int
journal_append(struct cs_ds *ds, const struct cs_buf *j, char **rel, off_t *size)
{
	*rel = cs_month_rel("journal", ds->now);
	return cs_store_append(ds, *rel, CS_JOURNAL_HEADER, j->s, j->len, size);
}

static int
journal_undo(struct cs_ds *ds, char *rel, off_t size)
{
	int saved = cs_errstatus();
	char msg[1024];

	snprintf(msg, sizeof msg, "%s", cs_errmsg());
	cs_store_truncate(ds, rel, size);
	free(rel);
	return cs_fail(saved, "%s", msg);
}

int
cs_journal_only(struct cs_ds *ds, const struct cs_buf *journal)
{
	char *rel;
	off_t size;
	int r;

	r = journal_append(ds, journal, &rel, &size);
	free(rel);
	return r;
}

int
cs_commit_append(struct cs_ds *ds, const char *rel, const char *header,
    const struct cs_buf *data, const struct cs_buf *journal)
{
	char *jrel;
	off_t jsize, size;

	if (journal_append(ds, journal, &jrel, &jsize) < 0) {
		free(jrel);
		return -1;
	}
	if (cs_store_append(ds, rel, header, data->s, data->len, &size) < 0)
		return journal_undo(ds, jrel, jsize);
	free(jrel);
	return 0;
}

int
cs_commit_rewrite(struct cs_ds *ds, const char *rel, const struct cs_buf *data,
    const struct cs_buf *journal)
{
	char *jrel;
	off_t jsize;

	if (journal_append(ds, journal, &jrel, &jsize) < 0) {
		free(jrel);
		return -1;
	}
	if (cs_store_rewrite(ds, rel, data->s ? data->s : "", data->len) < 0)
		return journal_undo(ds, jrel, jsize);
	free(jrel);
	return 0;
}

int
cs_commit_replace(struct cs_ds *ds, const char *rel, off_t start, off_t end,
    const struct cs_buf *line, const struct cs_buf *journal)
{
	char *jrel;
	off_t jsize;

	if (journal_append(ds, journal, &jrel, &jsize) < 0) {
		free(jrel);
		return -1;
	}
	if (cs_store_replace(ds, rel, start, end, line->s, line->len) < 0)
		return journal_undo(ds, jrel, jsize);
	free(jrel);
	return 0;
}

/*
 * The lines whose id column is id in the monthly files REL/YYYY-MM.csv, to
 * out: of a dated id (X-YYYYMMDD-N), from its month on, else all months.
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
	struct cs_row row = { 0 }, h = { 0 };
	struct cs_buf path = { 0 };
	int k = 0, idcol;
	size_t i;

	if (strlen(id) > 11 && id[1] == '-' && id[10] == '-' &&
	    strspn(id + 2, "0123456789") == 8)
		snprintf(month, sizeof month, "%.4s-%.2s", id + 2, id + 6);
	names = cs_dir_csv(dir);
	for (f = names; *f && k >= 0; f++) {
		if (strcmp(*f, month) < 0)
			continue;
		cs_buf_reset(&path);
		cs_buf_addf(&path, "%s/%s.csv", dir, *f);
		if ((k = cs_reader_open(&r, path.s, CS_READ_STORE, 0)) < 0)
			break;
		idcol = cs_row_find(&r.hdr, "id");
		while ((k = cs_reader_next(&r, &row)) > 0) {
			if (strcmp(cs_row_get(&row, (size_t)idcol), id) != 0)
				continue;
			cs_row_clear(&h);
			for (i = 0; i < row.n; i++)
				if (!drop_id || i != (size_t)idcol)
					cs_row_push(&h, cs_row_get(&row, i),
					    strlen(cs_row_get(&row, i)));
			if (edit)
				edit(&h, ctx);
			cs_out_row(out, &h);
		}
		cs_reader_close(&r);
	}
	cs_strv_free(names);
	free(dir);
	cs_buf_free(&path);
	cs_row_free(&row);
	cs_row_free(&h);
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

/*
 * Several changes in one critical section: the journal first, then each
 * operation in order; appends come before a replace, which must be last.
 * When one fails, the appends before it (journal included) are cut back.
 */
int
cs_commit(struct cs_ds *ds, const struct cs_buf *journal,
    const struct cs_op *ops, size_t n)
{
	off_t sizes[8], jsize;
	char *jrel = NULL;
	size_t i, done = 0;
	int ret = -1;

	if (n > 8)
		return cs_fail(CS_EIO, "too many changes in one commit");
	if (journal_append(ds, journal, &jrel, &jsize) < 0)
		goto out;
	for (i = 0; i < n; i++, done++) {
		const struct cs_op *op = &ops[i];
		int r = op->replace ?
		    cs_store_replace(ds, op->rel, op->start, op->end, op->data->s,
		    op->data->len) :
		    cs_store_append(ds, op->rel, op->header, op->data->s,
		    op->data->len, &sizes[i]);
		if (r < 0)
			break;
	}
	if (done == n) {
		ret = 0;
		goto out;
	}
	{
		int saved = cs_errstatus();
		char msg[1024];
		snprintf(msg, sizeof msg, "%s", cs_errmsg());
		for (i = 0; i < done; i++)
			if (!ops[i].replace)
				cs_store_truncate(ds, ops[i].rel, sizes[i]);
		cs_store_truncate(ds, jrel, jsize);
		cs_fail(saved, "%s", msg);
	}
out:
	free(jrel);
	return ret;
}

/* A line of an events store: time, id, what, by, detail. */
void
cs_event_line(struct cs_buf *ev, const struct cs_ds *ds, const char *id,
    const char *what, const char *detail)
{
	struct cs_row r = { 0 };
	char t[32];

	cs_time_format(ds->now, t);
	cs_row_push(&r, t, strlen(t));
	cs_row_push(&r, id, strlen(id));
	cs_row_push(&r, what, strlen(what));
	cs_row_push(&r, ds->user, strlen(ds->user));
	cs_row_push(&r, detail, strlen(detail));
	cs_csv_record(ev, &r);
	cs_row_free(&r);
}
