/*
 * records.h - the invariants of a record, in one place (rules/records.c).
 *
 * A record must not contradict itself or the records it names:
 *
 *	times in order: a ticket opened <= first response <= resolved <=
 *	    closed (and promised, pending since, not before it was opened);
 *	    a complaint received <= recorded, and received <= answered <=
 *	    resolved <= visited <= closed; an order created <= delivered;
 *	    a record's events in time and in their lifecycle order;
 *	status as its times say: an open or pending ticket has no resolved
 *	    or closed time, a resolved one a resolved time, a closed one
 *	    both; likewise a complaint's answer, resolution, visit and close,
 *	    and an order's delivery;
 *	references that exist and agree: a ticket's order exists and is the
 *	    ticket's customer's (so its pickup and replacement orders, and an
 *	    order's ticket, for cs check); a complaint's ticket and order exist, are
 *	    its customer's and were opened (created) before it was received;
 *	    an event's record exists.
 *
 * Each invariant is a function of the record (and of what it refers to,
 * as found: struct cs_ref), 0 when it holds, else 1 with the field that
 * breaks it and why.  Every writer refuses a record that breaks one with
 * cs_records_refuse_* (65: "field 'resolved_at': ..."); cs check lists
 * every stored record that does (cs_records_check).
 */
#ifndef CS_RECORDS_H
#define CS_RECORDS_H

#include "rules/rules.h"

/* What breaks an invariant: the field and why, in words. */
struct cs_broken {
	const char *field;
	char why[256];
};

/* A record referred to, as found: its customer and when it began (a
 * ticket opened, an order created, a complaint received). */
struct cs_ref {
	int found;		/* 0: no such record */
	char customer[32];
	cs_time at;
};

int cs_records_ticket_times(const struct cs_master *m, const struct cs_row *r,
    struct cs_broken *b);
int cs_records_ticket_status(const struct cs_master *m, const struct cs_row *r,
    struct cs_broken *b);
/* order: the ticket's order as found (unused when it names none). */
int cs_records_ticket_refs(const struct cs_master *m, const struct cs_row *r,
    const struct cs_ref *order, struct cs_broken *b);

int cs_records_complaint_times(const struct cs_master *m,
    const struct cs_row *r, struct cs_broken *b);
int cs_records_complaint_status(const struct cs_master *m,
    const struct cs_row *r, struct cs_broken *b);
int cs_records_complaint_refs(const struct cs_master *m, const struct cs_row *r,
    const struct cs_ref *ticket, const struct cs_ref *order,
    struct cs_broken *b);

int cs_records_order_times(const struct cs_master *m, const struct cs_row *r,
    struct cs_broken *b);
/* An outbox message (store/outbox.h): queued <= tried <= sent, due not
 * before queued; tried (a time, an attempt) once past queued; a sent time
 * when sent, and only then. */
int cs_records_message(const struct cs_master *m, const struct cs_row *r,
    struct cs_broken *b);
int cs_records_order_status(const struct cs_master *m, const struct cs_row *r,
    struct cs_broken *b);

/* The events of one record, one after the other: st starts zeroed; each
 * event what at t is checked against those before it (in time, in the
 * lifecycle of orders (order 1) or complaints (order 0)). */
struct cs_evstate {
	int seen, rank, ended;
	cs_time last;
};
int cs_records_event(struct cs_evstate *st, int order, const char *what,
    cs_time t, struct cs_broken *b);

/* Record id of dated store s (tickets, orders) in ref: 1 found, 0 not
 * (ref->found 0), -1 on an error. */
int cs_records_find(struct cs_ds *ds, const struct cs_schema *s,
    const char *id, struct cs_ref *ref);

/* Every record of dated store s in month (YYYY-MM) into refs: id ->
 * struct cs_ref (malloc'd), as cs_records_find finds one. */
int cs_records_month_refs(struct cs_ds *ds, const struct cs_schema *s,
    const char *month, struct cs_map *refs);

/* The writers' check of a record about to be stored: 0 when it keeps
 * every invariant, else -1 and 65 "field 'F': why". */
int cs_records_refuse_ticket(struct cs_ds *ds, const struct cs_master *m,
    const struct cs_row *r);
int cs_records_refuse_complaint(struct cs_ds *ds, const struct cs_master *m,
    const struct cs_row *r);
/* The same for a ticket whose order (if it names one) was found already. */
int cs_records_refuse_ticket_ref(const struct cs_master *m,
    const struct cs_row *r, const struct cs_ref *order);
int cs_records_refuse_order(const struct cs_master *m, const struct cs_row *r);

/* cs check: every stored record and event of DIR that breaks one, a line
 * each on report ("file:line: field 'F': why"); the number of them, or
 * -1 on an error. */
int cs_records_check(const char *dir, FILE *report);

#endif
