/*
 * returns.h - the return policy (policy/returns.csv): a return or an
 * exchange is accepted within the policy's days of the order's delivery,
 * by the order's goods category (its category column; "*" for the
 * others, and for an order that has none); outside the window,
 * or when it cannot be checked, it is refused with the reason, unless
 * overridden with a reason the journal keeps.
 */
#ifndef CS_RETURNS_H
#define CS_RETURNS_H

#include "rules/rules.h"

/* When the order was delivered: 1 found, 0 no such order or not yet
 * delivered (why says which), -1 on error.  Orders are a dated store of
 * cs-order's; its columns are found by name. */
int cs_return_delivered(struct cs_ds *ds, const char *order, cs_time *when,
    const char **why);
/* Days a customer has to return (kind "return") or exchange goods of
 * category: 0 to 3650, or -1 when no line covers it; -1 and 78 for a
 * policy that is not whole. */
int cs_return_window(const char *dir, const char *kind, const char *category,
    long *days);
/* A return or exchange of an order, as found. */
struct cs_return {
	const char *kind, *category, *order;
	int delivered;		/* 1: on 'at'; 0: not (why) */
	const char *why;
	cs_time at;
	long days;		/* the window; -1 none */
};
/* 0 when rt is accepted on the day of now, else 1 and the problem in
 * words in problem. */
int cs_return_problem(const struct cs_return *rt, cs_time now, char *problem,
    size_t size);
/* The check of a new record id of kind (others than return and exchange
 * pass) against order's window, by its goods: 0 accepted, with the
 * override and the problem in journal when override was needed; -1
 * refused (65, 64 without an order) or on error.  That the order is the
 * customer's is an invariant of the record (records.h). */
int cs_return_check(struct cs_ds *ds, const char *override, const char *kind,
    const char *order, const char *id, struct cs_buf *journal);


/*
 * The pickup of a return or exchange: the ticket rec, of m (the tickets'
 * tail chunk, its id given), stored in one commit with the orders it
 * opens in the orders store (a crash leaves all or none): its pickup
 * order (kind pickup: the order's goods, customer, consignee and phone,
 * from its destination back to its origin, quoted on that route, or on
 * the order's own when policy/rates.csv has no line for the way back)
 * and, for an exchange, the replacement (kind replacement: the order's
 * goods again, on its route).  Each is new, names the ticket (ticket),
 * and the ticket names them (pickup, replacement); each has its created
 * event.  A ticket of another kind is stored alone.  The ticket's id goes
 * to ids.  -1 with the reason (65 when the order is not found).
 */
int cs_return_store(struct cs_ds *ds, struct cs_master *m, struct cs_row *rec,
    const struct cs_buf *extra, struct cs_buf *ids);
/* What return or exchange r waits for before it may be closed: 0
 * nothing (its pickup order delivered, signed for or cancelled, and an
 * exchange's replacement too; or it opened none), 1 with what, in why;
 * -1 on an error. */
int cs_return_waiting(struct cs_ds *ds, const struct cs_master *m,
    const struct cs_row *r, char *why, size_t size);

#endif
