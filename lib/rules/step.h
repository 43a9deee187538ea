/*
 * step.h - a record's lifecycle as a table of steps (rules/step.c).
 *
 * A step is named by the verb that takes it.  It may be taken from the
 * statuses of its from list ("a|b|c") and leads to its to status (NULL:
 * the status stays, or the step sets it); why tells what to do instead
 * when it is refused.  operands are the field=value operands it takes
 * ("a|b"), and needs the one of them it cannot do without, as its usage
 * shows it ("to=whom"), or NULL.  The tables are the rules of each kind of
 * record (complaint.c, order.c); this file looks them up.
 */
#ifndef CS_STEP_H
#define CS_STEP_H

#include "rules/rules.h"

struct cs_step {
	const char *name, *from, *to, *why;
	const char *operands, *needs;
};
/* The step called name in table (which ends with a NULL name), or NULL. */
const struct cs_step *cs_step_find(const struct cs_step *table,
    const char *name);
/* 1 when st may be taken from status. */
int cs_step_from(const struct cs_step *st, const char *status);
/* NULL when the first operand of st's needed field gives it a value,
 * else st->needs. */
const char *cs_step_missing(const struct cs_step *st, int argc, char **argv);

#endif
