/*
 * visits.h - return visits: recording one, and who is due for the next.
 *
 * A visit is a line of visits/YYYY-MM.csv (the month of its time).  A
 * graded customer is due for a return visit when the last visit plus the
 * cadence of the grade (policy/grades.csv visit.A, visit.B, visit.C: 2w,
 * 1m, 30d) is today or past; one never visited is due now; a customer
 * without a grade, or of a grade without a cadence, is never due.
 * Months are calendar months: 31 January plus 1m is 28 February.
 * A complaint's follow-up visit (its visit_at, by its handler) counts
 * as a return visit.  A customer's agent for visits is its owner
 * (customers.csv), else the agent who visited it last.
 */
#ifndef CS_RULES_VISITS_H
#define CS_RULES_VISITS_H

#include "rules/rules.h"

/* The operands of a visit, in the order they are checked: agent,
 * channel, satisfaction, needs, notes, at, then frequency and transport
 * (of the customer's file only). */
#define CS_VISIT_NFIELDS 8
extern const char *const cs_visit_fields[CS_VISIT_NFIELDS];
/*
 * Record a visit to customer (who must be in customers.csv) now, by this
 * user, by phone, unless v (the values of cs_visit_fields, "" for none)
 * says otherwise; "at" gives a time past.  What it records of the
 * customer (needs, frequency, transport) goes into customers.csv too,
 * each field changed journaled (command visit), and it fulfils the
 * customer's open plan made before it (visit-plans.csv, journaled as
 * fulfil), in the same commit.
 * Takes the lock.
 */
int cs_visit_add(struct cs_ds *ds, const char *customer,
    const char *const v[CS_VISIT_NFIELDS]);

/*
 * Plan a visit to customer on date (YYYY-MM-DD, today or later) by agent
 * ("": the customer's owner, else this user), in visit-plans.csv, a line
 * a customer: a plan again replaces the last.  The next visit recorded
 * (cs_visit_add) fulfils it; until then due shows it, and lists the
 * customer from that day on whatever its grade.  Journaled; takes the
 * lock.
 */
int cs_visit_plan(struct cs_ds *ds, const char *customer, const char *date,
    const char *agent);

/* from plus the cadence c in *to; -1 (no message) if c is none. */
int cs_cadence_add(const char *c, cs_time from, cs_time *to);

struct cs_last_visit {
	cs_time t;
	char agent[40];
};
/*
 * Whether a customer of grade (as stored), last visited lv (NULL: never),
 * is due at now: 1 with the day in *due, 0 if not, -1 if the grade's
 * cadence is not one (78).
 */
int cs_visit_due(const struct cs_grade_policy *p, const char *grade,
    const struct cs_last_visit *lv, cs_time now, cs_time *due);

/* One customer due, from cs_due_next. */
struct cs_due {
	const char *customer;		/* valid until the next call */
	const char *agent;	/* of the plan, else the owner, else who
				 * visited last, else "" */
	char grade;
	const struct cs_last_visit *last;	/* NULL: never visited */
	const char *planned;	/* the day of a visit planned, or "" */
	cs_time due;
};
/* The customers due, in the order of customers.csv. */
struct cs_due_walk {
	const struct cs_grade_policy *p;
	const char *agent;	/* only this agent's: those it owns, and those
				 * without an owner it visited last */
	cs_time now;
	struct cs_map last;	/* customer -> struct cs_last_visit */
	struct cs_map plans;	/* customer -> the day of its open plan */
	struct cs_master m;
	struct cs_reader r;
	struct cs_row row;
	int open;
};
/* Reads the visits; agent NULL for all customers due.  Close it even
 * when it fails.  cs_due_load: the visits and plans read and w->m open,
 * for cs_due_row alone (no walk). */
int cs_due_open(struct cs_due_walk *w, struct cs_ds *ds,
    const struct cs_grade_policy *p, const char *agent);
int cs_due_load(struct cs_due_walk *w, struct cs_ds *ds,
    const struct cs_grade_policy *p, const char *agent);
/* Whether the customer of row (a record of m) is due: 1 and *d, 0 not,
 * -1 an error; w is only read (the threads may ask at once). */
int cs_due_row(const struct cs_due_walk *w, const struct cs_master *m,
    const struct cs_row *row, struct cs_due *d);
/* 1 and the next customer due in *d, 0 at the end, -1 on an error. */
int cs_due_next(struct cs_due_walk *w, struct cs_due *d);
void cs_due_close(struct cs_due_walk *w);

/*
 * due --assign: every customer due without an owner given one, an agent
 * of team (role agent, on the roster, not left) in turn: each to the
 * agent who owns the fewest customers so far, the first on the roster
 * of those tied.  The owners into customers.csv, each journaled
 * ("assign", field owner), in one commit; none when dry_run.  Who was
 * given to whom in want (id -> login, the caller frees each with free),
 * how many in *n.  The acting user must be one who may handle the work
 * of each agent of team (policy/roles.csv).  Takes the lock (unless
 * dry_run).
 */
int cs_due_assign(struct cs_ds *ds, const struct cs_grade_policy *p,
    const char *team, int dry_run, struct cs_map *want, size_t *n);

#endif
