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

/* 1 when rates has a line from origin to destination by service. */
static int
has_rate(const struct cs_rates *rt, const char *origin, const char *dest,
    const char *service)
{
	size_t i;

	for (i = 0; i < rt->n; i++)
		if (!strcmp(rt->v[i].origin, origin) &&
		    !strcmp(rt->v[i].destination, dest) &&
		    !strcmp(rt->v[i].service, service))
			return 1;
	return 0;
}

int
cs_order_quote(const char *dir, const struct cs_master *m,
    const struct cs_row *r, cs_time ship, struct cs_quote *q)
{
	static const char *f[] = { "weight", "length", "width", "height" };
	const char *service = cs_master_get(m, r, "service"), *from, *to;
	const char *qty = cs_master_get(m, r, "quantity");
	struct cs_rates rt;
	double v[4];
	long pieces = 1;
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
	if (*qty) {
		char *end;
		pieces = strtol(qty, &end, 10);
		if (*end || pieces < 1 || pieces > 100000)
			return cs_fail(CS_EDATA, "field 'quantity': not a number of "
			    "pieces (1 to 100000): '%s'", qty);
	}
	if (cs_rates_load(&rt, dir) < 0)
		return -1;
	service = *service ? service : "standard";
	from = cs_master_get(m, r, "origin_region");
	to = cs_master_get(m, r, "destination_region");
	if (!strcmp(cs_master_get(m, r, "kind"), "pickup") &&
	    !has_rate(&rt, from, to, service))
		from = to, to = cs_master_get(m, r, "origin_region");
	ret = cs_quote_pieces(&rt, from, to, service, v[0], v[1], v[2], v[3],
	    pieces, ship, q);
	cs_rates_free(&rt);
	return ret;
}

int
cs_order_takes(const char *field)
{
	static const char *const set[] = { "id", "status", "created_at",
		"delivered_at", "signed_by", "exception", "location",
		"cancel_reason", "estimated_at", "kind", "ticket" };
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

int
cs_order_amend(struct cs_ds *ds, const struct cs_master *m,
    const struct cs_row *old, struct cs_row *new, struct cs_buf *det)
{
	static const char *const quoted[] = { "weight", "length", "width",
		"height", "quantity", "origin_region", "destination_region",
		"service" };
	const char *id = cs_master_get(m, old, "id");
	const char *status = cs_master_get(m, old, "status");
	struct cs_quote q;
	size_t i, requote = 0;
	char b[32];
	int ok;

	if (strcmp(status, "new") && strcmp(status, "reviewed"))
		return cs_fail(CS_EDATA, "set %s: the order is %s; an order is "
		    "amended only before it is confirmed", id, status);
	for (i = 0; i < m->s->ncols; i++) {
		const char *f = m->s->cols[i].name;
		if (strcmp(cs_master_get(m, old, f), cs_master_get(m, new, f)))
			cs_buf_addf(det, "%s%s", det->len ? ", " : "", f);
	}
	if (det->len == 0)
		return cs_fail(CS_EUSAGE, "set %s: no field changes", id);
	if (cs_may_act(ds, "set", "record", NULL) < 0 ||
	    cs_customer_known(ds, cs_master_get(m, new, "customer")) < 0)
		return -1;
	for (i = 0; i < sizeof quoted / sizeof quoted[0]; i++)
		requote |= strcmp(cs_master_get(m, old, quoted[i]),
		    cs_master_get(m, new, quoted[i])) != 0;
	/* a freight or a promise given stands; else quoted again, now */
	if (cs_order_quote(ds->dir, m, new, ds->now, &q) < 0)
		return -1;
	if (strcmp(cs_master_get(m, old, "freight"), cs_master_get(m, new,
	    "freight"))) {
		double f = cs_order_number(cs_master_get(m, new, "freight"), &ok);
		if (!ok || f < 0)
			return cs_fail(CS_EDATA, "field 'freight': not an amount: "
			    "'%s'", cs_master_get(m, new, "freight"));
	} else if (requote) {
		snprintf(b, sizeof b, "%.2f", q.freight);
		cs_master_put(m, new, "freight", b);
	}
	if (requote && !strcmp(cs_master_get(m, old, "promised_at"),
	    cs_master_get(m, new, "promised_at")))
		cs_master_put_time(m, new, "promised_at", q.promised);
	if (requote)
		cs_buf_addf(det, "; re-quoted: freight %s, promised %s",
		    cs_master_get(m, new, "freight"), cs_master_get(m, new,
		    "promised_at"));
	if (strcmp(status, "reviewed") == 0) {
		cs_master_put(m, new, "status", "new");
		cs_buf_adds(det, "; to be reviewed again");
	}
	if (cs_master_complete(m, new) < 0)
		return -1;
	return cs_records_refuse_order(m, new);
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

/* Every step takes location=, the place where it happened. */
const struct cs_step cs_order_steps[] = {
	{ "review", "new", "reviewed", "it is reviewed already", "location",
	  NULL },
	{ "confirm", "reviewed", "confirmed", "review it first", "location",
	  NULL },
	{ "prepare", "confirmed", "prepared", "it is not confirmed",
	  "note|location", NULL },
	{ "pack", "prepared", "packed", "prepare it first", "note|location",
	  NULL },
	{ "dispatch", "packed", "dispatched", "pack it first",
	  "vehicle|driver|location", "vehicle=plate" },
	{ "picked-up", "confirmed|dispatched", "picked-up",
	  "it is not confirmed, or in the warehouse and not dispatched",
	  "location", NULL },
	{ "in-transit", "picked-up|in-transit", "in-transit",
	  "it has not been picked up, or is past transport", "location", NULL },
	{ "out-for-delivery", "picked-up|in-transit", "out-for-delivery",
	  "it is not in transport", "location", NULL },
	{ "delivered", "out-for-delivery|in-transit", "delivered",
	  "it is not out for delivery", "location", NULL },
	{ "sign", "delivered", "signed", "signing comes after delivery",
	  "by|location", "by=" },
	{ "delay", "confirmed|" ON_ITS_WAY, NULL,
	  "only an order on its way is delayed",
	  "note|estimated_at|owner|department|location", "estimated_at=" },
	{ "damage", "prepared|packed|dispatched|picked-up|in-transit|"
	  "out-for-delivery|delivered|signed", NULL,
	  "it has not been handled yet", "note|owner|department|location",
	  NULL },
	{ "loss", "confirmed|" ON_ITS_WAY, "lost",
	  "only an order on its way is lost", "note|owner|department|location",
	  NULL },
	{ "resolve", "confirmed|" ON_ITS_WAY "|delivered|signed|lost|cancelled",
	  NULL, "it has had no exception", "resolution|location",
	  "resolution=" },
	{ "cancel", "new|reviewed|confirmed|prepared|packed|dispatched",
	  "cancelled", "an order picked up is not cancelled", "reason|location",
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
	static const char *const exc[] = { "exception_department",
		"exception_owner", "exception_status", "exception_resolution",
		"exception_resolved_at", NULL };
	int lacks = 0, i;

	if (strcmp(st->name, "dispatch") == 0)
		lacks = cs_master_lacks(m, "vehicle") || cs_master_lacks(m, "driver");
	else if (is_exception(st->name) || strcmp(st->name, "resolve") == 0)
		for (i = 0; exc[i]; i++)
			lacks |= cs_master_lacks(m, exc[i]);

	return lacks ? cs_master_widen(m, id, old, start, end) : 0;
}

/* The state of the exception of an order whose exception is kind, in
 * state st: an exception stored before its state was kept is open. */
static const char *
exception_state(const char *kind, const char *st)
{
	return *st ? st : *kind ? "open" : "";
}

const char *
cs_order_exception_next(const char *id, const char *kind, const char *st,
    const char *ev)
{
	st = exception_state(kind, st);
	if (strcmp(ev, "raise") == 0)
		return "open";
	if (strcmp(ev, "resolve") != 0) {
		cs_fail(CS_EUSAGE, "not an exception event: '%s'", ev);
		return NULL;
	}
	if (*st == '\0')
		cs_fail(CS_EDATA, "resolve %s: the order has no exception", id);
	else if (strcmp(st, "resolved") == 0)
		cs_fail(CS_EDATA, "resolve %s: its %s is resolved already", id,
		    kind);
	else
		return "resolved";
	return NULL;
}

int
cs_order_unresolved(const struct cs_master *m, const struct cs_row *r)
{
	const char *kind = cs_master_get(m, r, "exception");
	const char *st = cs_master_get(m, r, "exception_status");
	const char *status = cs_master_get(m, r, "status");

	if (*kind == '\0' || strcmp(exception_state(kind, st), "open") != 0)
		return 0;
	/* one stored before its state was kept: until the order ends */
	return *st || (strcmp(status, "signed") && strcmp(status, "cancelled"));
}

/*
 * An exception's owner and department: owner= a department (an id or a
 * name) or a person on the roster (of the department the roster gives),
 * or department= one; else the department that takes the kind, else
 * customer service.  Kept, and added to det.
 */
static int
exception_owner(struct cs_ds *ds, const struct cs_master *m,
    struct cs_row *new, const char *kind, const char *owner,
    const char *named, struct cs_buf *det)
{
	struct cs_policy p;
	struct cs_buf ids = { 0 };
	const char *id = "", *who;
	char *dept = NULL;
	long i = -1;
	int ret = -1, k;

	if (*owner && *named)
		return cs_fail(CS_EUSAGE, "%s: owner= or department=, not both",
		    kind);
	if (cs_depts_load(&p, ds->dir) < 0)
		return -1;
	if (*named)
		i = cs_dept_resolve(&p, "field 'department'", named, &id);
	else if (*owner && (i = cs_dept_find(&p, owner)) >= 0)
		id = cs_policy_s(&p, (size_t)i, "id");
	else if (*owner) {
		if ((k = cs_dept_of(ds, owner, &dept)) < 0)
			goto out;
		if (k == 0) {
			cs_dept_ids(&p, &ids);
			cs_fail(CS_EDATA, "field 'owner': no department or person "
			    "on the roster '%s' (departments: %s)", owner, ids.s);
			goto out;
		}
		i = cs_dept_find(&p, dept);
		id = i >= 0 ? cs_policy_s(&p, (size_t)i, "id") : dept;
	} else if ((i = cs_dept_taking(&p, kind)) >= 0 ||
	    (i = cs_dept_find(&p, CS_DEPT_DEFAULT)) >= 0)
		id = cs_policy_s(&p, (size_t)i, "id");
	if (*named && i < 0)
		goto out;
	who = *owner && dept ? owner : id;
	if (cs_master_assign(m, new, "exception_department", id) < 0 ||
	    cs_master_assign(m, new, "exception_owner", who) < 0)
		goto out;
	if (*who)
		cs_buf_addf(det, "%sfor %s", det->len ? "; " : "", who);
	ret = 0;
out:
	cs_policy_free(&p);
	cs_buf_free(&ids);
	free(dept);
	return ret;
}

/* Recorded: the exception kind, open, its owner; one open before it is
 * replaced, and the event says so.  v: note, a delay's estimated_at,
 * owner, department. */
static int
raise_exception(struct cs_ds *ds, const struct cs_master *m,
    const struct cs_row *old, struct cs_row *new, const char *kind,
    const char *const v[], struct cs_buf *det)
{
	int delay = strcmp(kind, "delay") == 0, open = cs_order_unresolved(m, old);
	char prev[32];

	snprintf(prev, sizeof prev, "%s", cs_master_get(m, old, "exception"));
	cs_master_put(m, new, "exception", kind);
	if (delay && cs_master_assign(m, new, "estimated_at", v[1]) < 0)
		return -1;
	cs_buf_adds(det, v[0]);
	if (delay)
		cs_buf_addf(det, "%snow expected %s", det->len ? "; " : "",
		    cs_master_get(m, new, "estimated_at"));
	if (cs_master_assign(m, new, "exception_status", cs_order_exception_next("",
	    kind, "", "raise")) < 0 || cs_master_assign(m, new, "exception_resolution",
	    "") < 0 || cs_master_assign(m, new, "exception_resolved_at", "") < 0)
		return -1;
	if (exception_owner(ds, m, new, kind, v[delay ? 2 : 1], v[delay ? 3 : 2],
	    det) < 0)
		return -1;
	if (open)
		cs_buf_addf(det, "%sreplaces the open %s", det->len ? "; " : "",
		    prev);
	return 0;
}

/* resolve: the open exception's, by its department's staff (or one not
 * on the roster, as roles.h decides). */
static int
resolve_exception(struct cs_ds *ds, const struct cs_master *m,
    const struct cs_row *old, struct cs_row *new, const char *resolution,
    struct cs_buf *det)
{
	const char *id = cs_master_get(m, old, "id");
	const char *kind = cs_master_get(m, old, "exception");
	const char *dept = cs_master_get(m, old, "exception_department");
	const char *st;
	struct cs_policy p;
	char now[32];
	long i;
	int ret = -1;

	if ((st = cs_order_exception_next(id, kind, cs_master_get(m, old,
	    "exception_status"), "resolve")) == NULL)
		return -1;
	if (cs_depts_load(&p, ds->dir) < 0)
		return -1;
	if (*dept && (i = cs_dept_find(&p, dept)) >= 0 && cs_dept_may(ds, &p,
	    (size_t)i, "resolve", id, "whose exception it is") < 0)
		goto out;
	cs_time_format(ds->now, now);
	if (cs_master_assign(m, new, "exception_status", st) < 0 ||
	    cs_master_assign(m, new, "exception_resolution", resolution) < 0 ||
	    cs_master_assign(m, new, "exception_resolved_at", now) < 0)
		goto out;
	cs_buf_addf(det, "%s: %s", kind, resolution);
	ret = 0;
out:
	cs_policy_free(&p);
	return ret;
}

/* The index of field among the operands of st, or -1. */
static int
operand_at(const struct cs_step *st, const char *field)
{
	const char *p = st->operands;
	size_t n = strlen(field), w;
	int i;

	for (i = 0; p && *p; i++, p += w + (p[w] == '|')) {
		w = strcspn(p, "|");
		if (w == n && strncmp(p, field, n) == 0)
			return i;
	}
	return -1;
}

int
cs_order_apply(struct cs_ds *ds, const struct cs_master *m,
    const struct cs_row *old, struct cs_row *new, const struct cs_step *st,
    const char *const v[], struct cs_buf *det)
{
	const char *name = st->name, *id = cs_master_get(m, old, "id");
	int at = operand_at(st, "location");

	/* nobody's, or a step a department takes (an exception is anyone's
	 * to record, for the department that takes it) */
	if (cs_may_act(ds, name, "handle", NULL) < 0 || (!is_exception(name) &&
	    strcmp(name, "resolve") && cs_dept_step(ds, name, id) < 0))
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
	} else if (is_exception(name)) {
		if (raise_exception(ds, m, old, new, name, v, det) < 0)
			return -1;
	} else if (strcmp(name, "resolve") == 0) {
		if (resolve_exception(ds, m, old, new, v[0], det) < 0)
			return -1;
	} else if (strcmp(name, "cancel") == 0) {
		if (cs_master_assign(m, new, "cancel_reason", v[0]) < 0)
			return -1;
		cs_buf_adds(det, v[0]);
	}
	/* where it happened (in-transit: its detail is the place) */
	if (at >= 0 && *v[at]) {
		if (cs_master_assign(m, new, "location", v[at]) < 0)
			return -1;
		if (strcmp(name, "in-transit") != 0)
			cs_buf_addf(det, "%sat %s", det->len ? "; " : "", v[at]);
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
	/* an exception until it is resolved */
	if (*ex == '\0' || !cs_order_unresolved(m, r))
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

/* The report's columns, as the scan reads them. */
enum { RC_CREATED, RC_FROM, RC_TO, RC_SERVICE, RC_EXCEPTION, RC_FREIGHT,
	RC_DELIVERED, RC_PROMISED, RC_N };

struct share {
	struct cs_order_report r;
	const struct cs_period *p;
	struct cs_buf text[RC_N];
};

static const char *
text(struct share *sh, const struct cs_slice *f, int c)
{
	return cs_slice_text(&f[c], &sh->text[c]);
}

static cs_time
time_of(struct share *sh, const struct cs_slice *f, int c)
{
	cs_time t = 0;

	if (f[c].p && f[c].n)
		cs_time_parse(text(sh, f, c), &t);
	return t;
}

/*
 * An order into g, its freight as the store has it (atof, as before the
 * threads).  The shares' sums are added in share order; a sum of amounts
 * in cents is within a millionth of a cent of its true value in any
 * order, so the report's cents are the same whatever the threads (a
 * hand-edited freight of fractions of a cent may round either way).
 */
static void
count(struct cs_group *g, double freight, cs_time delivered,
    cs_time promised, int exception)
{
	g->n++;
	g->sum += freight;
	if (delivered) {
		g->k[CS_OK_DELIVERED]++;
		g->k[CS_OK_ON_TIME] += delivered <= promised;
	}
	g->k[CS_OK_EXCEPTIONS] += exception;
}

static int
on_order(void *ctx, const struct cs_slice *f, long line)
{
	struct share *sh = ctx;
	struct cs_order_report *r = &sh->r;
	char key[96];
	const char *ex;
	cs_time delivered, promised;
	double freight;
	int exc;

	(void)line;
	if (!cs_period_contains(sh->p, time_of(sh, f, RC_CREATED)))
		return 0;
	freight = atof(text(sh, f, RC_FREIGHT));
	delivered = time_of(sh, f, RC_DELIVERED);
	promised = time_of(sh, f, RC_PROMISED);
	ex = text(sh, f, RC_EXCEPTION);
	exc = *ex != '\0';
	snprintf(key, sizeof key, "%s-%s", text(sh, f, RC_FROM), text(sh, f,
	    RC_TO));
	count(&r->all, freight, delivered, promised, exc);
	count(cs_group_of(&r->routes, key), freight, delivered, promised, exc);
	count(cs_group_of(&r->services, text(sh, f, RC_SERVICE)), freight,
	    delivered, promised, exc);
	if (exc) {
		count(cs_group_of(&r->types, ex), freight, delivered, promised,
		    exc);
		count(cs_group_of(&r->exroutes, key), freight, delivered, promised,
		    exc);
	}
	return 0;
}

int
cs_order_report(const char *dir, const struct cs_period *p,
    struct cs_order_report *r)
{
	static const char *const cols[RC_N] = { "created_at", "origin_region",
		"destination_region", "service", "exception", "freight",
		"delivered_at", "promised_at" };
	struct share sh[CS_SCAN_THREADS_MAX];
	void *ctx[CS_SCAN_THREADS_MAX];
	char **files;
	size_t n, nt, t;
	int rc, c;

	memset(r, 0, sizeof *r);
	r->all.name = "all";
	if ((files = cs_dated_files(dir, &cs_schema_orders, p)) == NULL)
		return -1;
	for (n = 0; files[n]; n++)
		;
	nt = cs_scan_threads(n);
	for (t = 0; t < nt; t++) {
		memset(&sh[t], 0, sizeof sh[t]);
		sh[t].p = p;
		ctx[t] = &sh[t];
	}
	rc = cs_scan_parallel(files, nt, cols, RC_N, on_order, ctx);
	for (t = 0; t < nt; t++) {	/* in share order */
		cs_group_add(&r->all, &sh[t].r.all);
		cs_groups_add(&r->routes, &sh[t].r.routes);
		cs_groups_add(&r->services, &sh[t].r.services);
		cs_groups_add(&r->types, &sh[t].r.types);
		cs_groups_add(&r->exroutes, &sh[t].r.exroutes);
		for (c = 0; c < RC_N; c++)
			cs_buf_free(&sh[t].text[c]);
	}
	cs_strv_free(files);
	if (rc < 0)
		cs_order_report_free(r);
	return rc;
}

void
cs_order_report_free(struct cs_order_report *r)
{
	cs_groups_free(&r->routes);
	cs_groups_free(&r->services);
	cs_groups_free(&r->types);
	cs_groups_free(&r->exroutes);
}
