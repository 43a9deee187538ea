/*
 * dossier.c: a customer's whole file (cs-customer show --all): their
 * tickets, orders, complaints and visits, one line each, newest first.
 * Each kind of record is read over all its months (store/record.h) and
 * the lines of the customer are held, a customer's being few, then
 * sorted by time.  A line says when, what kind of record, its id, its
 * status, who has it and what it is about; the order's goods, never its
 * consignee or phone.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "store/record.h"

/* What a line of the file takes from a store's record. */
struct source {
	const struct cs_schema *s;
	const char *record, *time, *id, *status, *by, *what;
};

struct line {
	cs_time t;
	struct cs_row row;
};

struct dossier {
	const char *customer;
	const struct source *src;
	struct line *lines;
	size_t n;
};

static const char *
field(const struct cs_master *m, const struct cs_row *r, const char *name)
{
	return name ? cs_master_get(m, r, name) : "";
}

static int
one(void *ctx, const struct cs_master *m, const struct cs_row *r)
{
	struct dossier *d = ctx;
	const struct source *s = d->src;
	const char *v[6];
	struct line *l;
	size_t i;

	if (strcmp(cs_master_get(m, r, "customer"), d->customer) != 0)
		return 0;
	v[0] = field(m, r, s->time);
	v[1] = s->record;
	v[2] = field(m, r, s->id);
	v[3] = field(m, r, s->status);
	v[4] = field(m, r, s->by);
	v[5] = field(m, r, s->what);
	d->lines = cs_xrealloc(d->lines, (d->n + 1) * sizeof *d->lines);
	l = &d->lines[d->n++];
	memset(l, 0, sizeof *l);
	l->t = cs_master_get_time(m, r, s->time);
	for (i = 0; i < 6; i++)
		cs_row_push(&l->row, v[i], strlen(v[i]));
	return 0;
}

/* The visits, a file a month (visits/YYYY-MM.csv), to one(). */
static int
visits(struct cs_ds *ds, struct dossier *d)
{
	char *dir = cs_ds_path(ds, "visits"), **names, **n;
	struct cs_master m;
	struct cs_reader r;
	struct cs_row row = { 0 };
	struct cs_buf p = { 0 };
	int k = -1;

	if (cs_master_open_rel(&m, ds, &cs_schema_visits, "visits/none.csv") < 0)
		goto out0;
	if ((names = cs_dir_csv(dir)) == NULL)
		goto out;
	for (n = names, k = 0; *n && k == 0; n++) {
		cs_buf_reset(&p);
		cs_buf_addf(&p, "%s/%s.csv", dir, *n);
		if ((k = cs_reader_open(&r, p.s, CS_READ_STORE, 0)) < 0)
			break;
		if ((k = cs_schema_bind(&cs_schema_visits, &r.hdr, r.name,
		    m.idx)) == 0)
			cs_row_copy(&m.hdr, &r.hdr);
		while (k == 0 && (k = cs_reader_next(&r, &row)) > 0)
			k = one(d, &m, &row);
		cs_reader_close(&r);
	}
	cs_strv_free(names);
out:
	cs_master_close(&m);
out0:
	cs_row_free(&row);
	cs_buf_free(&p);
	free(dir);
	return k < 0 ? -1 : 0;
}

/* Newest first; at one time, by record and id, the later first. */
static int
newest(const void *a, const void *b)
{
	const struct line *x = a, *y = b;
	int c;

	if (x->t != y->t)
		return x->t < y->t ? 1 : -1;
	if ((c = strcmp(cs_row_get(&x->row, 1), cs_row_get(&y->row, 1))) != 0)
		return c;
	return -strcmp(cs_row_get(&x->row, 2), cs_row_get(&y->row, 2));
}

int
cs_customer_dossier(struct cs_ds *ds, const struct cs_opts *o, const char *id)
{
	static const struct source src[] = {
		{ &cs_schema_tickets, "ticket", "opened_at", "id", "status",
		  "agent", "subject" },
		{ &cs_schema_orders, "order", "created_at", "id", "status", NULL,
		  "goods" },
		{ &cs_schema_complaints, "complaint", "received_at", "id", "status",
		  "handler", "content" },
		{ &cs_schema_visits, "visit", "time", NULL, "satisfaction",
		  "agent", "notes" },
	};
	static const char *cols[] = { "time", "record", "id", "status", "by",
		"what" };
	struct dossier d = { id, NULL, NULL, 0 };
	struct cs_period all;
	struct cs_row hdr = { 0 };
	struct cs_out out = { 0 };
	size_t i;
	int ret = -1;

	if (!cs_id_valid("C", id))
		return cs_fail(CS_EUSAGE, "not a customers.csv id: '%s'", id);
	if (cs_customer_known(ds, id) < 0)
		return cs_errstatus() == CS_EDATA ? cs_fail(CS_NO,
		    "customers.csv: no id '%s'", id) : -1;
	if (cs_period_range(NULL, NULL, &all) < 0)
		return -1;
	for (i = 0; i < sizeof src / sizeof src[0]; i++) {
		d.src = &src[i];
		if ((src[i].s == &cs_schema_visits ? visits(ds, &d) :
		    cs_record_each(ds, src[i].s, &all, one, &d)) < 0)
			goto out;
	}
	if (d.n > 1)
		qsort(d.lines, d.n, sizeof *d.lines, newest);
	for (i = 0; i < sizeof cols / sizeof cols[0]; i++)
		cs_row_push(&hdr, cols[i], strlen(cols[i]));
	out.gb18030 = o->gb18030;
	cs_out_begin(&out, stdout, cs_opts_fmt(o), &hdr);
	for (i = 0; i < d.n; i++)
		cs_out_row(&out, &d.lines[i].row);
	ret = cs_out_end(&out);
	if (ret == 0 && d.n == 0)
		ret = CS_NO;
out:
	for (i = 0; i < d.n; i++)
		cs_row_free(&d.lines[i].row);
	free(d.lines);
	cs_row_free(&hdr);
	return ret;
}
