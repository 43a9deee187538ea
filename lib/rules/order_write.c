/*
 * order_write.c: an order added, or a step taken on one, with its event,
 * in one commit (order.h): the rules of order.c applied, then the change
 * written under the lock.  What cs-order add and its steps do, for any
 * program that opens or moves an order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/order.h"
#include "store/record.h"

const struct cs_events cs_order_events = { "order-events",
	"time,id,event,by,detail\n" };

int
cs_order_create(struct cs_ds *ds, const struct cs_master *m,
    struct cs_row *rec, char **id)
{
	struct cs_buf det = { 0 };
	int ret = -1, locked = 0;

	*id = NULL;
	if (cs_order_new(ds, m, rec) < 0)
		return -1;
	if (ds->lockfd < 0) {
		if (cs_lock(ds, cs_lock_wait) < 0)
			return -1;
		locked = 1;
	}
	cs_buf_addf(&det, "freight %s, promised %s", cs_master_get(m, rec,
	    "freight"), cs_master_get(m, rec, "promised_at"));
	ret = cs_record_add(ds, &cs_schema_orders, m, rec, &cs_order_events,
	    "created", det.s, id);
	if (locked)
		cs_unlock(ds);
	cs_buf_free(&det);
	return ret;
}

int
cs_order_step(struct cs_ds *ds, const struct cs_step *st, const char *id,
    const char *const v[])
{
	struct cs_master m;
	struct cs_row old = { 0 }, new = { 0 };
	struct cs_buf j = { 0 }, det = { 0 };
	off_t start, end;
	int ret = -1;

	if (cs_lock(ds, cs_lock_wait) < 0)
		return -1;
	if (cs_dated_find(ds, &cs_schema_orders, "order", id, &m, &old, &start,
	    &end) < 0 || cs_order_may(st, id, cs_master_get(&m, &old,
	    "status")) < 0 ||
	    cs_order_widen(&m, st, id, &old, &start, &end) < 0)
		goto out;
	cs_row_copy(&new, &old);
	if (cs_order_apply(ds, &m, &old, &new, st, v, &det) < 0)
		goto out;
	ret = cs_record_change(ds, &m, &old, &new, start, end, st->name, &j,
	    &cs_order_events, st->name, det.s ? det.s : "");
out:
	cs_unlock(ds);
	cs_master_close(&m);
	cs_row_free(&old);
	cs_row_free(&new);
	cs_buf_free(&j);
	cs_buf_free(&det);
	return ret;
}
