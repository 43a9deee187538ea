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
 * before it is picked up (cancelled).  A step a department takes
 * (departments.h) is its staff's alone; an exception is for the
 * department it names, or the one that takes its kind.  Review passes only a
 * complete order; an order is late when it is not delivered by the end of
 * its promised day.
 */
#ifndef CS_ORDER_H
#define CS_ORDER_H

#include "base/group.h"
#include "rules/step.h"

/* s as a number: *ok is 0 when s is empty or not wholly one. */
double cs_order_number(const char *s, int *ok);
/* The quote for the record's weight, dimensions, route and service (a
 * blank service is standard), shipped at ship, by DIR/policy/rates.csv. */
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
void cs_order_count(struct cs_group *g, const struct cs_master *m,
    const struct cs_row *r);

#endif
