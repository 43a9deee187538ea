/*
 * record.c: the records of a dated store read over a period, and a record
 * added or changed together with its line in an events store and the
 * messages it owes its customer (outbox.h), in one commit (record.h).
 */
#include <stdlib.h>
#include <string.h>

#include "store/outbox.h"
#include "store/record.h"

int (*cs_record_notice)(struct cs_ds *ds, const struct cs_master *m,
    const struct cs_row *old, const struct cs_row *rec, const char *what,
    struct cs_outbox_add *q);

/* The messages event what of rec owes (cs_record_notice), into q; 1 and
 * their append in *op, 0 none, -1 an error (nothing is written). */
static int
notice(struct cs_ds *ds, const struct cs_master *m, const struct cs_row *old,
    const struct cs_row *rec, const char *what, struct cs_outbox_add *q,
    struct cs_op *op)
{
	if (cs_record_notice == NULL)
		return 0;
	if (cs_record_notice(ds, m, old, rec, what, q) < 0)
		return -1;
	return cs_outbox_op(q, op);
}

int
cs_record_each(struct cs_ds *ds, const struct cs_schema *s,
    const struct cs_period *p,
    int (*fn)(void *, const struct cs_master *, const struct cs_row *),
    void *ctx)
{
	char **files, **f;
	struct cs_master m;
	struct cs_reader r;
	struct cs_row row = { 0 }, laid = { 0 };
	int k = 0, map[64], wide;
	size_t i;

	if ((files = cs_dated_files(ds->dir, s, p)) == NULL)
		return -1;
	if (cs_master_open_rel(&m, ds, s, NULL) < 0) {
		cs_strv_free(files);
		return -1;
	}
	for (f = files; *f && k >= 0; f++) {
		if ((k = cs_reader_open(&r, *f, CS_READ_STORE, 0)) < 0)
			break;
		/* a chunk without a late column: its records laid out as it
		 * would be widened (widen.c), so that every chunk reads alike */
		if (cs_schema_bind(s, &r.hdr, r.name, m.idx) < 0)
			k = -1;
		wide = k >= 0 && cs_widen_header(s, &r.hdr, &m.hdr) > 0 &&
		    m.hdr.n <= 64;
		if (!wide)
			cs_row_copy(&m.hdr, &r.hdr);
		for (i = 0; wide && i < m.hdr.n; i++)
			map[i] = cs_row_find(&r.hdr, cs_row_get(&m.hdr, i));
		if (wide && cs_schema_bind(s, &m.hdr, r.name, m.idx) < 0)
			k = -1;
		while (k >= 0 && (k = cs_reader_next(&r, &row)) > 0) {
			if (wide) {
				cs_row_clear(&laid);
				for (i = 0; i < m.hdr.n; i++) {
					const char *v = map[i] < 0 ? "" :
					    cs_row_get(&row, (size_t)map[i]);
					cs_row_push(&laid, v, strlen(v));
				}
				laid.line = row.line;
			}
			if (fn(ctx, &m, wide ? &laid : &row) < 0)
				k = -1;
		}
		cs_reader_close(&r);
	}
	cs_strv_free(files);
	cs_row_free(&row);
	cs_row_free(&laid);
	cs_master_close(&m);
	return k < 0 ? -1 : 0;
}

int
cs_record_add(struct cs_ds *ds, const struct cs_schema *s,
    const struct cs_master *m, struct cs_row *rec, const struct cs_events *e,
    const char *what, const char *detail, char **id)
{
	struct cs_master tail = { 0 };
	struct cs_row laid = { 0 };
	struct cs_buf ev = { 0 }, j = { 0 }, line = { 0 }, hdr = { 0 }, il = { 0 };
	struct cs_outbox_add q = { 0 };
	char *evrel = NULL, *irel = NULL;
	int ret = -1, k;

	*id = NULL;
	if (cs_dated_open_tail(&tail, ds, s, id) < 0)
		goto out;
	cs_master_put(m, rec, "id", *id);
	cs_master_remap(m, rec, &tail, &laid);
	cs_csv_record(&line, &laid);
	cs_event_line(&ev, ds, *id, what, detail);
	line.s[--line.len] = '\0';
	cs_journal_line(&j, ds, "add", *id, "", "", line.s);
	line.s[line.len++] = '\n';
	evrel = cs_month_rel(e->dir, ds->now);
	cs_csv_record(&hdr, &tail.hdr);
	if (cs_evindex_line(ds, e->dir, evrel, e->header, *id, &irel, &il) < 0)
		goto out;
	{
		struct cs_op ops[4] = {
			{ 0, evrel, e->header, 0, 0, &ev },
			{ 0, tail.rel, hdr.s, 0, 0, &line },
			{ 0, irel, cs_evindex_header(), 0, 0, &il },
			{ 0, NULL, NULL, 0, 0, NULL },
		};
		size_t n = irel ? 3 : 2;
		if ((k = notice(ds, m, NULL, rec, what, &q, &ops[n])) >= 0)
			ret = cs_commit(ds, &j, ops, n + (size_t)k);
	}
out:
	cs_outbox_add_free(&q);
	cs_master_close(&tail);
	cs_row_free(&laid);
	cs_buf_free(&ev);
	cs_buf_free(&j);
	cs_buf_free(&line);
	cs_buf_free(&hdr);
	cs_buf_free(&il);
	free(evrel);
	free(irel);
	return ret;
}

int
cs_record_change(struct cs_ds *ds, const struct cs_master *m,
    const struct cs_row *old, const struct cs_row *new, off_t start, off_t end,
    const char *command, struct cs_buf *j, const struct cs_events *e,
    const char *what, const char *detail)
{
	struct cs_buf ev = { 0 }, line = { 0 }, il = { 0 };
	struct cs_outbox_add q = { 0 };
	const char *id = cs_master_get(m, old, "id");
	char *evrel, *irel = NULL;
	int ret = -1, k;

	cs_master_diff(m, old, new, command, j);
	cs_event_line(&ev, ds, id, what, detail);
	cs_csv_record(&line, new);
	evrel = cs_month_rel(e->dir, ds->now);
	if (cs_evindex_line(ds, e->dir, evrel, e->header, id, &irel, &il) == 0) {
		struct cs_op ops[4] = {
			{ 0, evrel, e->header, 0, 0, &ev },
			{ 1, m->rel, NULL, start, end, &line },
			{ 0, irel, cs_evindex_header(), 0, 0, &il },
			{ 0, NULL, NULL, 0, 0, NULL },
		};
		size_t n = irel ? 3 : 2;
		if ((k = notice(ds, m, old, new, what, &q, &ops[n])) >= 0)
			ret = cs_commit(ds, j, ops, n + (size_t)k);
	}
	if (m->widened)		/* the widening's transaction (widen.c) */
		ret = cs_txn_end(ds, ret);
	cs_outbox_add_free(&q);
	cs_buf_free(&ev);
	cs_buf_free(&line);
	cs_buf_free(&il);
	free(evrel);
	free(irel);
	return ret;
}
