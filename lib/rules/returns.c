/*
 * returns.c: the return policy (returns.h).  The window is read from
 * policy/returns.csv, the delivery from the orders store; the verdict is
 * a plain function of both and the day, so it can be tested over dates
 * worked by hand.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/returns.h"
#include "rules/policy.h"
#include "rules/roles.h"

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
		return 0;
	if (override == NULL)
		return cs_fail(CS_EDATA, "%s (give --override REASON to accept it)",
		    problem);
	if (cs_may_act(ds, "add", "override", NULL) < 0)
		return -1;
	cs_journal_line(journal, ds, "add", id, "override", problem, override);
	return 0;
}
