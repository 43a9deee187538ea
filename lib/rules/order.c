/*
 * order.c: the rules of a logistics order (order.h): its quote, what
 * review asks of it, which steps may follow which, when it is late and
 * what the report counts of it.  Nothing here writes a store.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/departments.h"
#include "rules/order.h"
#include "rules/policy.h"
#include "rules/records.h"
#include "rules/roles.h"

double
cs_order_number(const char *s, int *ok)
{
	char *end;
	double v = strtod(s, &end);

	*ok = *s && !*end;
	return v;
}

int
cs_order_quote(const char *dir, const struct cs_master *m,
    const struct cs_row *r, cs_time ship, struct cs_quote *q)
{
	static const char *f[] = { "weight", "length", "width", "height" };
	const char *service = cs_master_get(m, r, "service");
	struct cs_rates rt;
	double v[4];
	int i, ok, ret;

	for (i = 0; i < 4; i++) {
		v[i] = 0;
		if (*cs_master_get(m, r, f[i]) == '\0' && i > 0)
			continue;
		v[i] = cs_order_number(cs_master_get(m, r, f[i]), &ok);
		if (!ok)
			return cs_fail(CS_EDATA, "field '%s': not a number: '%s'",
			    f[i], cs_master_get(m, r, f[i]));
	}
	if (cs_rates_load(&rt, dir) < 0)
		return -1;
	ret = cs_quote(&rt, cs_master_get(m, r, "origin_region"),
	    cs_master_get(m, r, "destination_region"), *service ? service :
	    "standard", v[0], v[1], v[2], v[3], ship, q);
	cs_rates_free(&rt);
	return ret;
}

int
cs_order_takes(const char *field)
{
	static const char *const set[] = { "id", "status", "created_at",
		"delivered_at", "signed_by", "exception", "location",
		"cancel_reason", "estimated_at" };
	size_t i;

	for (i = 0; i < sizeof set / sizeof set[0]; i++)
		if (strcmp(set[i], field) == 0)
			return 0;
	return 1;
}

int
cs_order_new(struct cs_ds *ds, const struct cs_master *m, struct cs_row *rec)
{
	const char *freight = cs_master_get(m, rec, "freight");
	struct cs_quote q;
	char b[32];
	int ok;

	if (cs_may_act(ds, "add", "record", NULL) < 0 ||
	    cs_customer_known(ds, cs_master_get(m, rec, "customer")) < 0 ||
	    cs_order_quote(ds->dir, m, rec, ds->now, &q) < 0)
		return -1;
	if (*freight) {
		double f = cs_order_number(freight, &ok);
		if (!ok || f < 0)
			return cs_fail(CS_EDATA, "field 'freight': not an amount: "
			    "'%s'", freight);
	} else {
		snprintf(b, sizeof b, "%.2f", q.freight);
		cs_master_put(m, rec, "freight", b);
	}
	if (*cs_master_get(m, rec, "promised_at") == '\0')
		cs_master_put_time(m, rec, "promised_at", q.promised);
	cs_master_put_time(m, rec, "created_at", ds->now);
	cs_master_put(m, rec, "status", "new");
	if (cs_master_complete(m, rec) < 0)
		return -1;
	return cs_records_refuse_order(m, rec);
}

void
cs_order_problems(struct cs_ds *ds, const struct cs_master *m,
    const struct cs_row *r, struct cs_buf *out)
{
	static const char *need[] = { "origin", "destination", "consignee",
		"phone", "goods" };
	struct cs_quote q;
	size_t i, len = out->len;

	if (cs_customer_known(ds, cs_master_get(m, r, "customer")) < 0)
		cs_buf_addf(out, "%s; ", cs_errmsg());
	for (i = 0; i < 5; i++)
		if (*cs_master_get(m, r, need[i]) == '\0')
			cs_buf_addf(out, "no %s; ", need[i]);
	if (*cs_master_get(m, r, "length") == '\0')
		cs_buf_adds(out, "no dimensions; ");
	if (cs_order_quote(ds->dir, m, r, ds->now, &q) < 0)
		cs_buf_addf(out, "%s; ", cs_errmsg());
	if (out->len > len + 1)
		out->s[out->len -= 2] = '\0';
}

#define ON_ITS_WAY "prepared|packed|dispatched|picked-up|in-transit|" \
	"out-for-delivery"

const struct cs_step cs_order_steps[] = {
	{ "review", "new", "reviewed", "it is reviewed already", "", NULL },
	{ "confirm", "reviewed", "confirmed", "review it first", "", NULL },
	{ "prepare", "confirmed", "prepared", "it is not confirmed", "note",
	  NULL },
	{ "pack", "prepared", "packed", "prepare it first", "note", NULL },
	{ "dispatch", "packed", "dispatched", "pack it first", "vehicle|driver",
	  "vehicle=plate" },
	{ "picked-up", "confirmed|dispatched", "picked-up",
	  "it is not confirmed, or in the warehouse and not dispatched", "",
	  NULL },
	{ "in-transit", "picked-up|in-transit", "in-transit",
	  "it has not been picked up, or is past transport", "location", NULL },
	{ "out-for-delivery", "picked-up|in-transit", "out-for-delivery",
	  "it is not in transport", "", NULL },
	{ "delivered", "out-for-delivery|in-transit", "delivered",
	  "it is not out for delivery", "", NULL },
	{ "sign", "delivered", "signed", "signing comes after delivery", "by",
	  "by=" },
	{ "delay", "confirmed|" ON_ITS_WAY, NULL,
	  "only an order on its way is delayed", "note|estimated_at|department",
	  "estimated_at=" },
	{ "damage", "prepared|packed|dispatched|picked-up|in-transit|"
	  "out-for-delivery|delivered|signed", NULL,
	  "it has not been handled yet", "note|department", NULL },
	{ "loss", "confirmed|" ON_ITS_WAY, "lost",
	  "only an order on its way is lost", "note|department", NULL },
	{ "cancel", "new|reviewed|confirmed|prepared|packed|dispatched",
	  "cancelled", "an order picked up is not cancelled", "reason",
	  "reason=" },
	{ NULL, NULL, NULL, NULL, NULL, NULL },
};

int
cs_order_may(const struct cs_step *st, const char *id, const char *status)
{
	if (cs_step_from(st, status))
		return 0;
	return cs_fail(CS_EDATA, "%s %s: the order is %s; %s", st->name, id,
	    status, strcmp(status, "cancelled") == 0 ? "it was cancelled" :
	    strcmp(status, "lost") == 0 ? "it was lost" : st->why);
}

static int
is_exception(const char *step)
{
	return !strcmp(step, "delay") || !strcmp(step, "damage") ||
	    !strcmp(step, "loss");
}

int
cs_order_widen(struct cs_master *m, const struct cs_step *st, const char *id,
    struct cs_row *old, off_t *start, off_t *end)
{
	int lacks = strcmp(st->name, "dispatch") == 0 ?
	    cs_master_lacks(m, "vehicle") || cs_master_lacks(m, "driver") :
	    is_exception(st->name) && cs_master_lacks(m, "exception_department");

	return lacks ? cs_master_widen(m, id, old, start, end) : 0;
}

/* An exception's department: the one named (an id or a name), else the
 * one that takes the kind, else none; kept and added to det. */
static int
exception_department(struct cs_ds *ds, const struct cs_master *m,
    struct cs_row *new, const char *kind, const char *named,
    struct cs_buf *det)
{
	struct cs_policy p;
	const char *id = "";
	long i;
	int ret = -1;

	if (cs_depts_load(&p, ds->dir) < 0)
		return -1;
	if (*named)
		i = cs_dept_resolve(&p, "field 'department'", named, &id);
	else if ((i = cs_dept_taking(&p, kind)) >= 0)
		id = cs_policy_s(&p, (size_t)i, "id");
	if ((*named && i < 0) || cs_master_assign(m, new, "exception_department", id) < 0)
		goto out;
	if (*id)
		cs_buf_addf(det, "%sfor %s", det->len ? "; " : "", id);
	ret = 0;
out:
	cs_policy_free(&p);
	return ret;
}

int
cs_order_apply(struct cs_ds *ds, const struct cs_master *m,
    const struct cs_row *old, struct cs_row *new, const struct cs_step *st,
    const char *const v[], struct cs_buf *det)
{
	const char *name = st->name, *id = cs_master_get(m, old, "id");
	int delay = strcmp(name, "delay") == 0;

	/* nobody's, or a step a department takes (an exception is anyone's
	 * to record, for the department that takes it) */
	if (cs_may_act(ds, name, "handle", NULL) < 0 || (!is_exception(name) &&
	    cs_dept_step(ds, name, id) < 0))
		return -1;
	if (strcmp(name, "review") == 0) {
		cs_order_problems(ds, m, old, det);
		if (det->len)
			return cs_fail(CS_EDATA, "review %s: %s", id, det->s);
		cs_buf_adds(det, "complete");
	} else if (!strcmp(name, "prepare") || !strcmp(name, "pack")) {
		cs_buf_adds(det, v[0]);
	} else if (strcmp(name, "dispatch") == 0) {
		if (*v[1] == '\0')
			return cs_fail(CS_EUSAGE, "dispatch: driver=name is required");
		if (cs_master_assign(m, new, "vehicle", v[0]) < 0 ||
		    cs_master_assign(m, new, "driver", v[1]) < 0)
			return -1;
		cs_buf_addf(det, "vehicle %s, driver %s", v[0], v[1]);
	} else if (strcmp(name, "in-transit") == 0) {
		if (cs_master_assign(m, new, "location", v[0]) < 0)
			return -1;
		cs_buf_adds(det, v[0]);
	} else if (strcmp(name, "delivered") == 0) {
		cs_master_put_time(m, new, "delivered_at", ds->now);
	} else if (strcmp(name, "sign") == 0) {
		if (cs_master_assign(m, new, "signed_by", v[0]) < 0)
			return -1;
		cs_buf_addf(det, "by %s", v[0]);
	} else if (delay || !strcmp(name, "damage") || !strcmp(name, "loss")) {
		/* v: note, a delay's estimated_at, the department */
		cs_master_put(m, new, "exception", name);
		if (delay && cs_master_assign(m, new, "estimated_at", v[1]) < 0)
			return -1;
		cs_buf_adds(det, v[0]);
		if (delay)
			cs_buf_addf(det, "%snow expected %s", det->len ? "; " : "",
			    cs_master_get(m, new, "estimated_at"));
		if (exception_department(ds, m, new, name, v[delay ? 2 : 1],
		    det) < 0)
			return -1;
	} else if (strcmp(name, "cancel") == 0) {
		if (cs_master_assign(m, new, "cancel_reason", v[0]) < 0)
			return -1;
		cs_buf_adds(det, v[0]);
	}
	if (st->to)
		cs_master_put(m, new, "status", st->to);
	return cs_records_refuse_order(m, new);
}

/* ---- a department's queue ---- */

struct cs_order_queue {
	struct cs_policy p;
	size_t dept;
};

struct cs_order_queue *
cs_order_queue_open(const char *dir, const char *dept)
{
	struct cs_order_queue *q = cs_xmalloc(sizeof *q);
	const char *id;
	long i;

	if (cs_depts_load(&q->p, dir) < 0) {
		free(q);
		return NULL;
	}
	if ((i = cs_dept_resolve(&q->p, "--department", dept, &id)) < 0) {
		cs_fail(CS_EUSAGE, "%s", cs_errmsg());
		cs_order_queue_free(q);
		return NULL;
	}
	q->dept = (size_t)i;
	return q;
}

void
cs_order_queue_free(struct cs_order_queue *q)
{
	if (q == NULL)
		return;
	cs_policy_free(&q->p);
	free(q);
}

int
cs_order_queued(const struct cs_order_queue *q, const struct cs_master *m,
    const struct cs_row *r)
{
	const char *status = cs_master_get(m, r, "status");
	const char *ex = cs_master_get(m, r, "exception");
	const char *exd = cs_master_get(m, r, "exception_department");
	const struct cs_step *st;

	for (st = cs_order_steps; st->name; st++)
		if (!is_exception(st->name) && cs_dept_takes(&q->p, q->dept,
		    st->name) && cs_step_from(st, status))
			return 1;
	/* an exception until the order is signed or cancelled (it has no
	 * resolution of its own yet) */
	if (*ex == '\0' || !strcmp(status, "signed") ||
	    !strcmp(status, "cancelled"))
		return 0;
	if (*exd)
		return strcmp(exd, cs_policy_s(&q->p, q->dept, "id")) == 0;
	return cs_dept_taking(&q->p, ex) == (long)q->dept;
}

int
cs_order_late(const char *status, cs_time promised, cs_time now)
{
	static const char *const ended[] = { "delivered", "signed",
		"cancelled", "lost" };
	size_t i;

	for (i = 0; i < sizeof ended / sizeof ended[0]; i++)
		if (strcmp(status, ended[i]) == 0)
			return 0;
	return promised < now;
}

void
cs_order_complaint(const struct cs_master *m, const struct cs_row *row,
    const char *kind, const char *note, struct cs_buf op[CS_ORDER_COMPLAINT_N])
{
	cs_buf_addf(&op[0], "customer=%s", cs_master_get(m, row, "customer"));
	cs_buf_addf(&op[1], "order=%s", cs_master_get(m, row, "id"));
	cs_buf_addf(&op[2], "nature=%s", kind);
	cs_buf_addf(&op[3], "content=%s: %s%s%s", kind, cs_master_get(m, row,
	    "goods"), *note ? "; " : "", note);
	cs_buf_addf(&op[4], "severity=%s", strcmp(kind, "loss") ? "normal" :
	    "major");
}

void
cs_order_count(struct cs_group *g, const struct cs_master *m,
    const struct cs_row *r)
{
	cs_time delivered = cs_master_get_time(m, r, "delivered_at");

	g->n++;
	g->sum += atof(cs_master_get(m, r, "freight"));
	if (delivered) {
		g->k[CS_OK_DELIVERED]++;
		g->k[CS_OK_ON_TIME] += delivered <= cs_master_get_time(m, r,
		    "promised_at");
	}
	g->k[CS_OK_EXCEPTIONS] += *cs_master_get(m, r, "exception") != '\0';
}
