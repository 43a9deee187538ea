/*
 * aftersales.h - a repair's workflow and what an after-sales record
 * waits for (rules/aftersales.c).
 *
 * A repair (a ticket of kind repair) goes through five steps, in order,
 * each taken with cs-ticket step ID STEP:
 *
 *	(opened) -> received -> sent-to-repair -> repaired -> shipped-back
 *	    -> done
 *
 * the goods received from the customer, sent to the repair department,
 * repaired, shipped back to the customer, and done (the customer has
 * them: the record is resolved).  A step out of its order is refused
 * with the step that comes next (65).  The ticket keeps its last step
 * (repair_step) and when the next one is expected (step_due_at): the
 * step's time plus the next step's estimate in policy/repairs.csv, on
 * its clock (calendar, or the business hours of the record's channel);
 * a new repair expects its goods by the opening plus received's estimate.
 * A repair whose next step is late is overdue (cs_ticket_overdue).  Each
 * step is journaled as the ticket's other changes are (command step,
 * field repair_step); its event, for messages to the customer, is
 * cs_repair_event's name.
 *
 * A return or an exchange waits for its goods to come back: its pickup
 * order (returns.h) delivered or signed for, and an exchange also its
 * replacement order; show says what it waits for (cs_aftersales_show).
 */
#ifndef CS_AFTERSALES_H
#define CS_AFTERSALES_H

#include "rules/rules.h"
#include "rules/step.h"

/* The steps in their order, separated by spaces (policy.c's enum). */
#define CS_REPAIR_STEPS "received sent-to-repair repaired shipped-back done"

/* The steps: name, the step it follows ("" for the first), itself, and
 * what to do instead when it may not be taken; a NULL name ends it. */
extern const struct cs_step cs_repair_steps[];
/* The step after step ("" for none yet: the first), NULL after done. */
const char *cs_repair_next(const char *step);
/* The event a step is, for the outbox: "repair-received" ... NULL for a
 * name that is no step. */
const char *cs_repair_event(const char *step);

/* policy/repairs.csv read: each step's estimate and clock. */
struct cs_repair_policy {
	int64_t estimate[5];	/* seconds, in the order of the steps */
	int business[5];
};
int cs_repair_policy_load(struct cs_repair_policy *p, const char *dir);
/* When step (a name of cs_repair_steps) is expected if the step before
 * it was taken at t, by policy p, on the hours of channel. */
cs_time cs_repair_due(const struct cs_repair_policy *p,
    const struct cs_sla *sla, const char *channel, const char *step,
    cs_time t);

/* May a repair whose last step is at ("" none) take step?  0 yes; else
 * -1: 64 for a name that is no step, 65 out of order, with the reason,
 * which names the record id. */
int cs_repair_may(const char *id, const char *at, const char *step);
/* Step on repair record r of m (kind repair, open or pending: the
 * caller's), at now: repair_step and step_due_at set.  -1 with the
 * reason: not a repair, no such step, out of order, a file written
 * before the columns were kept. */
int cs_repair_step(struct cs_ds *ds, const struct cs_master *m,
    struct cs_row *r, const struct cs_sla *sla, const char *step);
/* A new repair r: its goods expected by the opening plus the estimate
 * of received (nothing for another kind). */
int cs_repair_begin(struct cs_ds *ds, const struct cs_master *m,
    struct cs_row *r, const struct cs_sla *sla);
/* 1 when r is a repair, open or pending, whose next step was expected
 * before now. */
int cs_repair_overdue(const struct cs_master *m, const struct cs_row *r,
    cs_time now);

/* The lines show adds for an after-sales record r: its repair's step and
 * the next expected, or what a return or exchange waits for; each a
 * field name pushed onto names and its value onto values.  -1 on an
 * error reading the policy or the orders. */
int cs_aftersales_show(struct cs_ds *ds, const struct cs_master *m,
    const struct cs_row *r, const struct cs_sla *sla, struct cs_row *names,
    struct cs_row *values);

#endif
