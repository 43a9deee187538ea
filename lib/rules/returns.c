/*
 * returns.c: the return policy (returns.h).  The window is read from
 * policy/returns.csv, the delivery from the orders store; the verdict is
 * a plain function of both and the day, so it can be tested over dates
 * worked by hand.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/order.h"
#include "rules/policy.h"
#include "rules/records.h"
#include "rules/returns.h"
#include "rules/roles.h"
#include "store/record.h"

#define EVENTS_HEADER "time,id,event,by,detail\n"

/* The record of order, its columns found by name: 1, 0 none, -1. */
static int
order_row(struct cs_ds *ds, const char *order, struct cs_row *hdr,
    struct cs_row *row)
{
	static const struct cs_schema orders = { "orders", "O", 1, NULL, 0 };
	char *rel = NULL, *path;
	off_t s, e;
	int k;

	if (!cs_id_valid("O", order) ||
	    (k = cs_dated_locate(ds->dir, &orders, order, &rel)) <= 0)
		return 0;
	path = cs_ds_path(ds, rel);
	k = cs_store_find(path, order, 1, hdr, row, &s, &e);
	free(rel);
	free(path);
	return k;
}

int
cs_return_delivered(struct cs_ds *ds, const char *order, cs_time *when,
    const char **why)
{
	struct cs_row hdr = { 0 }, row = { 0 };
	int k = 0, col;

	*why = "no such order";
	if ((k = order_row(ds, order, &hdr, &row)) <= 0)
		goto out;
	*why = "not delivered yet";
	k = 0;
	if ((col = cs_row_find(&hdr, "delivered_at")) >= 0 &&
	    *cs_row_get(&row, (size_t)col) &&
	    cs_time_parse(cs_row_get(&row, (size_t)col), when) == 0)
		k = 1;
out:
	cs_row_free(&hdr);
	cs_row_free(&row);
	return k;
}

/* The goods category of order (orders' category column), in cat: ""
 * when the order has none, or there is no such order. */
static int
order_goods(struct cs_ds *ds, const char *order, char *cat, size_t n)
{
	struct cs_row hdr = { 0 }, row = { 0 };
	int k, col;

	*cat = '\0';
	if ((k = order_row(ds, order, &hdr, &row)) > 0 &&
	    (col = cs_row_find(&hdr, "category")) >= 0)
		snprintf(cat, n, "%s", cs_row_get(&row, (size_t)col));
	cs_row_free(&hdr);
	cs_row_free(&row);
	return k < 0 ? -1 : 0;
}

int
cs_return_window(const char *dir, const char *kind, const char *category,
    long *days)
{
	const char *col = strcmp(kind, "return") == 0 ? "return_days" :
	    "exchange_days";
	struct cs_policy p;
	long i;

	*days = -1;
	if (cs_policy_read(&p, dir, "policy/returns.csv") < 0)
		return -1;
	if ((i = cs_policy_find(&p, "category", category)) < 0)
		i = cs_policy_find(&p, "category", "*");
	if (i >= 0)
		*days = (long)cs_policy_v(&p, (size_t)i, col);
	cs_policy_free(&p);
	return 0;
}

int
cs_return_problem(const struct cs_return *rt, cs_time now, char *problem,
    size_t size)
{
	char d[16];
	long after;

	if (rt->delivered == 0) {
		snprintf(problem, size, "order %s: %s, so the %s window cannot be "
		    "checked", rt->order, rt->why, rt->kind);
		return 1;
	}
	after = (long)(cs_local_day(now) - cs_local_day(rt->at));
	if (rt->days > 0 && after <= rt->days)
		return 0;
	cs_date_format(rt->at, d);
	snprintf(problem, size, "%s %s of %s goods is accepted within %ld days "
	    "of delivery; order %s was delivered on %s, %ld days ago",
	    rt->kind[0] == 'e' ? "an" : "a", rt->kind,
	    *rt->category ? rt->category : "these", rt->days < 0 ? 0 : rt->days,
	    rt->order, d, after);
	return 1;
}

/* An open return or exchange of the order: its id into found. */
struct open_return {
	const char *order;
	char found[32];
};

static int
open_return(void *ctx, const struct cs_master *m, const struct cs_row *r)
{
	struct open_return *o = ctx;
	const char *kind = cs_master_get(m, r, "kind");

	if ((strcmp(kind, "return") && strcmp(kind, "exchange")) ||
	    strcmp(cs_master_get(m, r, "order"), o->order) ||
	    strcmp(cs_master_get(m, r, "status"), "closed") == 0)
		return 0;
	snprintf(o->found, sizeof o->found, "%s", cs_master_get(m, r, "id"));
	return -1;	/* one is enough */
}

/* No second return of the same goods while one is open: it would send a
 * second pickup for them.  The tickets since the delivery are read (a
 * return comes after it; without one, the 92 days before now). */
static int
one_return(struct cs_ds *ds, const char *order, const struct cs_return *rt)
{
	struct open_return o = { order, "" };
	struct cs_period p;

	p.from = rt->delivered > 0 ? rt->at : ds->now - 92 * 86400;
	p.to = ds->now + 1;
	snprintf(p.name, sizeof p.name, "since the delivery");
	if (cs_record_each(ds, &cs_schema_tickets, &p, open_return, &o) < 0 &&
	    o.found[0] == '\0')
		return -1;
	if (o.found[0])
		return cs_fail(CS_EDATA, "field 'order': %s is open for %s already "
		    "(close it, or add to it)", o.found, order);
	return 0;
}

int
cs_return_check(struct cs_ds *ds, const char *override, const char *kind,
    const char *order, const char *id, struct cs_buf *journal)
{
	char problem[256], goods[128];
	struct cs_return rt = { kind, goods, order, 0, NULL, 0, -1 };

	if (strcmp(kind, "return") && strcmp(kind, "exchange"))
		return 0;
	if (*order == '\0')
		return cs_fail(CS_EUSAGE, "field 'order' is required for %s %s",
		    kind[0] == 'e' ? "an" : "a", kind);
	/* the window is the order's goods', not what the ticket says */
	if ((rt.delivered = cs_return_delivered(ds, order, &rt.at, &rt.why)) < 0 ||
	    order_goods(ds, order, goods, sizeof goods) < 0 ||
	    cs_return_window(ds->dir, kind, goods, &rt.days) < 0)
		return -1;
	if (cs_return_problem(&rt, ds->now, problem, sizeof problem) == 0)
		return one_return(ds, order, &rt);
	if (override == NULL)
		return cs_fail(CS_EDATA, "%s (give --override REASON to accept it)",
		    problem);
	if (cs_may_act(ds, "add", "override", NULL) < 0 ||
	    one_return(ds, order, &rt) < 0)
		return -1;
	cs_journal_line(journal, ds, "add", id, "override", problem, override);
	return 0;
}

/* ---- the pickup and replacement orders ---- */

/* The order of kind (pickup or replacement) of ticket, made from the
 * order orig (of om) in rec, in t's columns. */
static int
make_order(struct cs_ds *ds, const struct cs_master *om,
    const struct cs_row *orig, const struct cs_master *t, struct cs_row *rec,
    const char *kind, const char *ticket)
{
	static const char *const same[] = { "customer", "goods", "quantity",
		"weight", "length", "width", "height", "service", "consignee",
		"phone", "category" };
	static const char *const ends[][2] = { { "origin", "destination" },
		{ "origin_region", "destination_region" } };
	int back = strcmp(kind, "pickup") == 0;
	struct cs_quote q;
	char b[32];
	size_t i;

	cs_master_blank(t, rec);
	for (i = 0; i < sizeof same / sizeof same[0]; i++)
		cs_master_put(t, rec, same[i], cs_master_get(om, orig, same[i]));
	for (i = 0; i < 2; i++) {
		cs_master_put(t, rec, ends[i][0], cs_master_get(om, orig,
		    ends[i][back]));
		cs_master_put(t, rec, ends[i][1], cs_master_get(om, orig,
		    ends[i][!back]));
	}
	if (*cs_master_get(t, rec, "service") == '\0')
		cs_master_put(t, rec, "service", "standard");
	cs_master_put(t, rec, "kind", kind);
	cs_master_put(t, rec, "ticket", ticket);
	if (cs_order_quote(ds->dir, t, rec, ds->now, &q) < 0)
		return cs_fail(cs_errstatus(), "the %s order of %s: %s", kind,
		    ticket, cs_errmsg());
	snprintf(b, sizeof b, "%.2f", q.freight);
	cs_master_put(t, rec, "freight", b);
	cs_master_put_time(t, rec, "promised_at", q.promised);
	cs_master_put_time(t, rec, "created_at", ds->now);
	cs_master_put(t, rec, "status", "new");
	if (cs_master_complete(t, rec) < 0)
		return -1;
	return cs_records_refuse_order(t, rec);
}

/* rec of m as a line of its store in data, and its add line in j. */
static void
add_line(struct cs_ds *ds, const struct cs_master *m, const struct cs_row *rec,
    struct cs_buf *data, struct cs_buf *j)
{
	struct cs_buf line = { 0 };

	cs_csv_record(&line, rec);
	cs_buf_add(data, line.s, line.len);
	line.s[--line.len] = '\0';
	cs_journal_line(j, ds, "add", cs_master_get(m, rec, "id"), "", "",
	    line.s);
	cs_buf_free(&line);
}

int
cs_return_store(struct cs_ds *ds, struct cs_master *m, struct cs_row *rec,
    const struct cs_buf *extra, struct cs_buf *ids)
{
	static const char *const kinds[2] = { "pickup", "replacement" };
	const char *kind = cs_master_get(m, rec, "kind");
	struct cs_master om = { 0 }, ot = { 0 };
	struct cs_row orig = { 0 }, o[2] = { { 0 }, { 0 } };
	struct cs_buf j = { 0 }, tl = { 0 }, ol = { 0 }, el = { 0 }, th = { 0 },
	    oh = { 0 }, det = { 0 };
	char *oid[2] = { NULL, NULL }, *evrel = NULL, tid[32];
	char *irel[2] = { NULL, NULL };
	struct cs_buf il[2] = { { 0 }, { 0 } };
	off_t s, e;
	int n, i, ret = -1;

	if (strcmp(kind, "return") && strcmp(kind, "exchange"))
		return cs_master_append_j(m, rec, 1, "add", extra, ids);
	n = kind[0] == 'e' ? 2 : 1;
	snprintf(tid, sizeof tid, "%s", cs_master_get(m, rec, "id"));
	if (cs_dated_find(ds, &cs_schema_orders, "order", cs_master_get(m, rec,
	    "order"), &om, &orig, &s, &e) < 0) {
		cs_fail(CS_EDATA, "%s, so no pickup order can be opened",
		    cs_errmsg());
		goto out;
	}
	if (cs_dated_open_tail(&ot, ds, &cs_schema_orders, &oid[0]) < 0 ||
	    (n == 2 && (oid[1] = cs_id_next_daily("O", oid[0], ds->now)) ==
	    NULL))
		goto out;
	for (i = 0; i < n; i++) {
		if (make_order(ds, &om, &orig, &ot, &o[i], kinds[i], tid) < 0)
			goto out;
		cs_master_put(&ot, &o[i], "id", oid[i]);
		cs_master_put(m, rec, kinds[i], oid[i]);
	}
	add_line(ds, m, rec, &tl, &j);
	if (extra && extra->len)
		cs_buf_add(&j, extra->s, extra->len);
	evrel = cs_month_rel("order-events", ds->now);
	for (i = 0; i < n; i++) {
		size_t at = el.len;	/* the event's place after the first's */
		add_line(ds, &ot, &o[i], &ol, &j);
		cs_buf_reset(&det);
		cs_buf_addf(&det, "%s for %s; freight %s, promised %s", kinds[i],
		    tid, cs_master_get(&ot, &o[i], "freight"), cs_master_get(&ot,
		    &o[i], "promised_at"));
		cs_event_line(&el, ds, oid[i], "created", det.s);
		/* the order's event in the events' index (cs-order track) */
		if (cs_evindex_line(ds, "order-events", evrel, EVENTS_HEADER,
		    oid[i], &irel[i], &il[i]) < 0)
			goto out;
		if (irel[i] && at) {
			const char *c = strrchr(il[i].s, ',');
			long long off = c ? strtoll(c + 1, NULL, 10) : 0;
			cs_buf_reset(&il[i]);
			cs_buf_addf(&il[i], "%s,%lld\n", oid[i], off + (long long)at);
		}
	}
	cs_csv_record(&th, &m->hdr);
	cs_csv_record(&oh, &ot.hdr);
	{
		struct cs_op ops[5] = {
			{ 0, m->rel, th.s, 0, 0, &tl },
			{ 0, ot.rel, oh.s, 0, 0, &ol },
			{ 0, evrel, EVENTS_HEADER, 0, 0, &el },
		};
		size_t nops = 3;
		/* two index lines of one file: one append */
		if (irel[0] && irel[1] && strcmp(irel[0], irel[1]) == 0) {
			cs_buf_add(&il[0], il[1].s, il[1].len);
			free(irel[1]);
			irel[1] = NULL;
		}
		for (i = 0; i < 2; i++)
			if (irel[i])
				ops[nops++] = (struct cs_op){ 0, irel[i],
				    cs_evindex_header(), 0, 0, &il[i] };
		ret = cs_commit(ds, &j, ops, nops);
	}
	if (ret == 0)
		cs_buf_addf(ids, "%s\n", tid);
out:
	cs_master_close(&om);
	cs_master_close(&ot);
	cs_row_free(&orig);
	for (i = 0; i < 2; i++) {
		cs_row_free(&o[i]);
		free(oid[i]);
		free(irel[i]);
		cs_buf_free(&il[i]);
	}
	cs_buf_free(&j);
	cs_buf_free(&tl);
	cs_buf_free(&ol);
	cs_buf_free(&el);
	cs_buf_free(&th);
	cs_buf_free(&oh);
	cs_buf_free(&det);
	free(evrel);
	return ret;
}

/* The status of order id in st: 1, 0 no such order, -1. */
static int
order_status(struct cs_ds *ds, const char *id, char *st, size_t n)
{
	struct cs_row hdr = { 0 }, row = { 0 };
	int k, col;

	*st = '\0';
	if ((k = order_row(ds, id, &hdr, &row)) > 0 &&
	    (col = cs_row_find(&hdr, "status")) >= 0)
		snprintf(st, n, "%s", cs_row_get(&row, (size_t)col));
	cs_row_free(&hdr);
	cs_row_free(&row);
	return k;
}

int
cs_return_waiting(struct cs_ds *ds, const struct cs_master *m,
    const struct cs_row *r, char *why, size_t size)
{
	static const char *const kinds[2] = { "pickup", "replacement" };
	char st[32];
	const char *id;
	int i, k;

	*why = '\0';
	for (i = 0; i < 2; i++) {
		id = cs_master_get(m, r, kinds[i]);
		if (*id == '\0')
			continue;
		if ((k = order_status(ds, id, st, sizeof st)) <= 0)
			return k < 0 ? -1 : cs_fail(CS_EDATA, "%s order %s: no such "
			    "order", kinds[i], id);
		if (!strcmp(st, "delivered") || !strcmp(st, "signed") ||
		    !strcmp(st, "cancelled"))
			continue;
		if (i == 0)
			snprintf(why, size, "the goods back: pickup order %s is %s, "
			    "not delivered yet", id, st);
		else
			snprintf(why, size, "the new goods delivered: replacement "
			    "order %s is %s", id, st);
		return 1;
	}
	return 0;
}
