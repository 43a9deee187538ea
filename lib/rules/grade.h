/*
 * grade.h - what cs-customer grade shows and does with the grades of
 * grade.c (rules.h): the numbers behind one customer's grade, the
 * customers whose grade the policy changes, and those changes made.
 */
#ifndef CS_RULES_GRADE_H
#define CS_RULES_GRADE_H

#include "rules/rules.h"

/* One line of a grade's explanation: the item, its value, its full marks
 * (or target), its score out of 100 ("%.2f") and its weight ("%g"); ""
 * where the item has none. */
struct cs_grade_item {
	const char *item;
	char value[64], full[64], score[32], weight[32];
};
#define CS_GRADE_NITEMS 15
/* Every number behind the grade of s over the year from to now: the
 * items year, cooperation_months, orders, weight, freight, volume,
 * ratings, complaints, satisfaction, months_with_orders, visits_answered,
 * loyalty, score, grade (the policy's) and grade_now (as stored). */
void cs_grade_explain(const struct cs_grade_policy *p,
    const struct cs_custstats *s, cs_time from, cs_time now,
    struct cs_grade_item it[CS_GRADE_NITEMS]);

struct cs_grade_change {
	size_t i;		/* into the set */
	char grade;		/* the policy's */
};
/* The customers of set whose grade is not the policy's (set ranked
 * again, cs_grade_rank), in the set's order: *n of them, in an array the
 * caller frees. */
struct cs_grade_change *cs_grade_changes(const struct cs_grade_policy *p,
    struct cs_custset *set, size_t *n);
/* The changes into customers.csv, each in the journal, in one commit
 * (none if no grade differs any more); takes the lock. */
int cs_grade_apply(struct cs_ds *ds, const struct cs_custset *set,
    const struct cs_grade_change *ch, size_t n);
/* The same of want: customer id -> its grade (a char, as a pointer). */
int cs_grade_apply_map(struct cs_ds *ds, const struct cs_map *want);

/* alerts.c: the state of an alert, from alert-acks.csv: new (no line),
 * acknowledged (with a note) or resolved, by whom and when. */
struct cs_alert_state {
	char state[16], note[256], user[40], time[32];
};
/* customer and alert -> its last state; absent file: none. */
int cs_alert_states_load(struct cs_ds *ds, struct cs_map *states);
/* The state of customer's alert kind ("new" when none was set). */
const struct cs_alert_state *cs_alert_state(const struct cs_map *states,
    const char *customer, const char *kind);
/* Set the state (acknowledged, which needs a note, or resolved) of an
 * alert that fires now; journaled (ack).  Takes the lock. */
int cs_alert_ack(struct cs_ds *ds, const char *customer, const char *kind,
    const char *state, const char *note);

#endif
