/*
 * ticket.h - the ticket's rules: its state machine and its SLA clocks.
 *
 * A service record's status moves
 *
 *	open <-> pending (waiting on the customer: the clock stops)
 *	open, pending -> resolved -> closed
 *	resolved, closed -> open (reopen)
 *
 * and each move is a verb (reply, promise, assign, pending, resolve,
 * close, reopen, rate, step, set) with the statuses it may start from, the
 * reason it gives when it may not, the operands it takes, and its change
 * of the record.  A move from another status is refused (65) and changes
 * nothing.  After-sales adds its own rules (aftersales.h): step is a
 * repair's next step (a reply; done resolves it), a repair on its way is
 * resolved by its last step only, and a return or exchange is closed
 * only once its goods are back (returns.h).  The SLA lines say how the first response and the resolution
 * stand against the policy's targets (policy/sla.csv).
 *
 * Timely and kept are two measures.  A first response is timely when it
 * came within the SLA target; a promise (promised_at) does not excuse a
 * late one.  A promise is kept when the reply it promised came by the
 * promised time: the first response, for a promise made before it; the
 * resolution, for one made at or after the first response (an answer
 * promised).  A promise is made when the journal's promise line says,
 * within CS_TICKET_PROMISE_DAYS of the opening; else (given with add or
 * imported) at the opening.
 */
#ifndef CS_TICKET_H
#define CS_TICKET_H

#include "rules/rules.h"

/* What one move changes. */
struct cs_ticket_change {
	struct cs_ds *ds;	/* now; the roster and the customers */
	const struct cs_master *m;
	struct cs_row *r;	/* the record, changed in place */
	const struct cs_sla *sla;
	const char *id;
	const char *arg;	/* promise: the time; assign: the login */
};

struct cs_ticket_move {
	const char *verb;
	unsigned from;		/* the statuses it may start from, CS_TK_ bits */
	const char *why;	/* said when it may not */
	const char *const *fields;	/* the field=value operands it takes */
	int args;		/* else: plain operands after the id; -2:
				 * one (arg), then field=value operands */
	const char *usage;	/* said when the operands are not those */
	int (*apply)(const struct cs_ticket_change *c);
};
enum {
	CS_TK_OPEN = 1, CS_TK_PENDING = 2, CS_TK_RESOLVED = 4, CS_TK_CLOSED = 8,
};

/* The move of verb, or NULL. */
const struct cs_ticket_move *cs_ticket_move(const char *verb);
/* Fields set only by set (and add), not by a move. */
int cs_ticket_settable(const char *field);
/* Fields a new record may give. */
int cs_ticket_addable(const char *field);
/* A new record, its operands given: checked and completed: opened now
 * or earlier today (before today only as a late entry, late its reason;
 * a late entry opened today is refused, 64), the agent's team, open, due
 * as the policy says, first answered at the opening when the policy says
 * the channel's records are opened during the contact (live: a call, a
 * visit); answered on the spot (an inquiry only), resolved at once. */
int cs_ticket_new(struct cs_ds *ds, const struct cs_master *m, struct cs_row *r,
    const struct cs_sla *sla, int answered, const char *late);
/* 0 when mv may move record id of status; else -1 with the reason (65). */
int cs_ticket_may(const struct cs_ticket_move *mv, const char *id,
    const char *status);
/* One field=value operand of mv: assigned, or a note for the journal. */
/* cs_ticket_may, for the acting user too: handling the record old is
 * their role's right (rules/roles.h). */
int cs_ticket_may_move(const struct cs_ticket_move *mv,
    const struct cs_ticket_change *c, const struct cs_row *old);
int cs_ticket_operand(const struct cs_ticket_change *c,
    const struct cs_ticket_move *mv, const char *field, const char *value,
    struct cs_buf *journal);
/* The move's own change of the record, after its operands. */
int cs_ticket_apply(const struct cs_ticket_move *mv,
    const struct cs_ticket_change *c);
/* End the pause of a pending record at now: the due time moves on by the
 * working time it lasted. */
void cs_ticket_end_pause(const struct cs_master *m, struct cs_row *r,
    const struct cs_sla *sla, cs_time now);
/* Why an open or pending record is overdue at now: its first response
 * missed (none yet, past the policy's target; a target of 0m is the
 * contact itself, a call or a visit, never listed after it), past its
 * due time (not while pending), or its promised reply still owed (a
 * first response promised and not given), or a repair whose next step
 * is late (aftersales.h).  1 with the reasons in why
 * ("first response missed", "resolution due", "promise due", "repair step late", joined by
 * "; "), else 0.  sla NULL: no first-response reason. */
int cs_ticket_why(const struct cs_master *m, const struct cs_row *r,
    const struct cs_sla *sla, cs_time now, char *why, size_t n);
#define CS_TICKET_PROMISE_DAYS 92
/* The times of the promise lines of the journal months from from to to,
 * by ticket, added to made (cs_idtimes_init'd for the tickets). */
int cs_ticket_promises(struct cs_ds *ds, cs_time from, cs_time to,
    struct cs_idtimes *made);
/* When the promise of the record id opened at opened was made, by the
 * promise lines in made. */
cs_time cs_ticket_promise_made(const struct cs_idtimes *made, const char *id,
    cs_time opened);
struct cs_promise {
	cs_time made, promised, first, resolved;
	int has_first, has_resolved;
};
/* 1 kept, 0 broken, -1 still to keep at now; *after: made at or after
 * the first response. */
int cs_ticket_promise_kept(const struct cs_promise *p, cs_time now,
    int *after);
/* How the SLA stands at now, in words: 0 and nothing when the policy has
 * no target for the record, else 1 with the first response and the
 * resolution. */
int cs_ticket_sla(const struct cs_master *m, const struct cs_row *r,
    const struct cs_sla *sla, cs_time now, char first[160],
    char resolution[160]);

#endif
