/*
 * order.h - the rules of a logistics order (rules/order.c).
 *
 * An order's freight and promised day are quoted from its weight,
 * dimensions, route and service (rates.c).  Its lifecycle is a table of
 * steps (step.h):
 *
 *	new --review--> reviewed --confirm--> confirmed --picked-up-->
 *	picked-up --in-transit--> in-transit --out-for-delivery-->
 *	out-for-delivery --delivered--> delivered --sign--> signed
 *
 * or, through the warehouse, confirmed --prepare--> prepared --pack-->
 * packed --dispatch--> dispatched --picked-up--> picked-up; with delay
 * and damage at any step on its way, loss ending it (lost), and cancel
 * before it is picked up (cancelled).  Every step takes location=, the
 * place it happened, kept as the order's location.
 *
 * An exception (delay, damage, loss) has an owner (a department of
 * departments.csv, or a person on the roster, of their department), a
 * state and, once resolved, a resolution and its time:
 *
 *	(none) --delay|damage|loss--> open --resolve--> resolved
 *	open|resolved --delay|damage|loss--> open (the one before replaced)
 *
 * A step a department takes
 * (departments.h) is its staff's alone; an exception is for the
 * department it names, or the one that takes its kind.  Review passes only a
 * complete order; an order is late when it is not delivered by the end of
 * its promised day.
 */
#ifndef CS_ORDER_H
#define CS_ORDER_H

#include "base/group.h"
#include "rules/step.h"
#include "store/record.h"

/* s as a number: *ok is 0 when s is empty or not wholly one. */
double cs_order_number(const char *s, int *ok);
/* The quote for the record's weight, dimensions, route and service (a
 * blank service is standard), shipped at ship, by DIR/policy/rates.csv;
 * a pickup (kind pickup: goods back from a customer) whose route has no
 * rate is quoted on the route it reverses. */
int cs_order_quote(const char *dir, const struct cs_master *m,
    const struct cs_row *r, cs_time ship, struct cs_quote *q);
/* 1 when the field=value operands of a quote or a new order may give
 * field (not its id, status, or what the steps set). */
int cs_order_takes(const char *field);
/* The new order rec, its operands assigned, made whole: a known
 * customer, quoted now (its freight unless given, which must be an
 * amount, and its promised time unless given), created now, new, and
 * every required field given.  -1 with the reason. */
int cs_order_new(struct cs_ds *ds, const struct cs_master *m,
    struct cs_row *rec);
/* ---- written (rules/order_write.c) ---- */

/* The events store of orders: order-events/YYYY-MM.csv. */
extern const struct cs_events cs_order_events;
/* The new order rec (m's columns, its operands assigned) made whole
 * (cs_order_new) and stored with its event "created", under the lock (taken
 * here unless ds holds it already): its id in *id, for the caller to free.
 * This is how any program opens an order (cs-order add; a return's
 * pickup).  -1 with the reason, nothing stored. */
int cs_order_create(struct cs_ds *ds, const struct cs_master *m,
    struct cs_row *rec, char **id);
/* Step st on order id, the values v of its operands (in the order of
 * st->operands): may it be taken, applied (cs_order_apply) and stored with
 * its event, under the lock (taken and released here).  -1 with the
 * reason, nothing stored. */
int cs_order_step(struct cs_ds *ds, const struct cs_step *st, const char *id,
    const char *const v[]);

/* The order old amended in new (old with the operands of cs-order set
 * assigned): only before it is confirmed; a reviewed one is new again (to
 * be reviewed again); when a field the quote depends on changed (weight,
 * dimensions, quantity, regions, service) the freight and the promised
 * time are quoted again, now, unless given; the fields changed, and the
 * new quote, in det.  -1 with the reason. */
int cs_order_amend(struct cs_ds *ds, const struct cs_master *m,
    const struct cs_row *old, struct cs_row *new, struct cs_buf *det);
/* The problems review finds, "; " between them, added to out (nothing
 * when there are none). */
void cs_order_problems(struct cs_ds *ds, const struct cs_master *m,
    const struct cs_row *r, struct cs_buf *out);

/* The steps after add, the events and exceptions among them. */
extern const struct cs_step cs_order_steps[];
/* May step st be taken on order id of status?  0 yes, -1 no with the
 * reason (65). */
int cs_order_may(const struct cs_step *st, const char *id, const char *status);
/* When step st stores a column that m's chunk lacks (a late one: the
 * order old, at *start..*end, was stored before the column was added),
 * the chunk widened first (cs_master_widen: old found again, and the
 * step's change to end the transaction).  0 or -1. */
int cs_order_widen(struct cs_master *m, const struct cs_step *st,
    const char *id, struct cs_row *old, off_t *start, off_t *end);
/* Step st on the order old, in new (a copy of old): its fields from the
 * values v of its operands (in the order of st->operands), its status,
 * and the event's detail in det.  -1 with the reason (review: the
 * problems). */
int cs_order_apply(struct cs_ds *ds, const struct cs_master *m,
    const struct cs_row *old, struct cs_row *new, const struct cs_step *st,
    const char *const v[], struct cs_buf *det);
/* A department's queue (its id or name): the orders a step it takes may
 * follow, and those with an exception for it, until they are signed or
 * cancelled.  NULL with the error (64
 * for a department not in policy/departments.csv). */
struct cs_order_queue;
struct cs_order_queue *cs_order_queue_open(const char *dir, const char *dept);
int cs_order_queued(const struct cs_order_queue *q, const struct cs_master *m,
    const struct cs_row *r);
void cs_order_queue_free(struct cs_order_queue *q);

/* The state of an order's exception kind after ev ("raise": one is
 * recorded; "resolve") from state st ("", "open", "resolved"; "" with a
 * kind: one stored before the state was kept, open): "open" or
 * "resolved", or NULL with the reason (65, "resolve ID: ..."). */
const char *cs_order_exception_next(const char *id, const char *kind,
    const char *st, const char *ev);
/* 1 when order r has an exception not resolved (one stored before the
 * state was kept: until the order is signed or cancelled). */
int cs_order_unresolved(const struct cs_master *m, const struct cs_row *r);

/* 1 when an order of status promised by promised is late at now. */
int cs_order_late(const char *status, cs_time promised, cs_time now);

/* The complaint an exception kind (damage, loss) of order row opens, as
 * the field=value operands of cs-complain add (besides channel), with the
 * note given: customer, order, nature, content and severity (a loss is
 * major). */
#define CS_ORDER_COMPLAINT_N 5
void cs_order_complaint(const struct cs_master *m, const struct cs_row *row,
    const char *kind, const char *note, struct cs_buf op[CS_ORDER_COMPLAINT_N]);

/* A group of orders for the report: n orders, sum their freight, and
 * in k[]: */
enum {
	CS_OK_DELIVERED,	/* delivered */
	CS_OK_ON_TIME,		/* of those, by the promised time */
	CS_OK_EXCEPTIONS,	/* with an exception */
};
/* The orders taken in p (cs-order report), read across the cores: all,
 * by route ("origin_region-destination_region"), by service, and those
 * with an exception by its type and by route. */
struct cs_order_report {
	struct cs_group all;
	struct cs_groups routes, services, types, exroutes;
};
int cs_order_report(const char *dir, const struct cs_period *p,
    struct cs_order_report *r);
void cs_order_report_free(struct cs_order_report *r);

#endif
