/*
 * roles.h - what each person may do, by their role on the roster
 * (rules/roles.c).
 *
 * The roster (staff.csv) gives each login a role: agent, leader, deputy,
 * manager.  policy/roles.csv says, a line a role and an action, how far
 * that role may take the action: none, own (the person's own records, or
 * a new one), team (those of the person's team) or all.  The actions are
 * roster (cs-staff add and set), record (a new ticket, complaint, order,
 * visit), handle (a step of one), score (cs-audit score and import),
 * override (--override), unmask (--unmask) and verdict (cs-kpi verdict
 * stored).  A line missing is none; an absent file is the default
 * (store/defaults.c), which cs-policy(5) shows.
 *
 * Whom a rule applies to: the acting login (ds->user).  A login on the
 * roster (and not left) has its role's rights, even when the real user
 * administers the directory (so CS_USER=zhang6 as root is an agent).  A
 * login not on the roster may only read, unless the real user is the
 * directory's administrator (ds->admin: root or its owner), who then acts
 * with every right (a fresh directory has an empty roster; tests and cron
 * run so).
 *
 * The subject of an action is the login whose work it is (the ticket's
 * agent, the complaint's handler, the audited agent, the person whose
 * verdict or roster line it is), or NULL for a new record or one that is
 * nobody's (an order, a customer's data): then any scope but none will do.
 */
#ifndef CS_RULES_ROLES_H
#define CS_RULES_ROLES_H

#include "rules/rules.h"

/* May the acting user of ds take action on subject's work (NULL: a new
 * record or nobody's)?  1 yes; 0 no, with why (for the caller to free:
 * "zhang6 (agent) may not change the roster (policy/roles.csv:3)"); -1 on
 * an error (a roster or roles.csv that cannot be read, 78). */
/* login on the roster and not left: 1 with the n columns cols of its
 * line in out (each for the caller to free), 0 not (out all NULL; also
 * when there is no roster yet), -1 an error. */
int cs_roster_fields(struct cs_ds *ds, const char *login,
    const char *const *cols, char **out, size_t n);
int cs_may(struct cs_ds *ds, const char *action, const char *subject,
    char **why);
/* cs_may as a command's step: 0 yes, else -1 with "verb: why" (77). */
int cs_may_act(struct cs_ds *ds, const char *verb, const char *action,
    const char *subject);
/* The lock's gate (cs_lock_gate): 0 when the acting user may write at
 * all (on the roster, or the administrator), else -1 (77). */
int cs_roles_writer(struct cs_ds *ds);
/* The acting user's role as journaled: the roster's, or "administrator",
 * or "" (not on the roster). */
const char *cs_roles_role(struct cs_ds *ds);
#endif
