/*
 * departments.h - the departments of the company and the work each
 * takes (rules/departments.c), from policy/departments.csv.
 *
 * A department has an id (warehouse), a name (仓库: an alias of the id
 * wherever a department is named), the kinds of work it takes and its
 * answer deadlines for a complaint forwarded to it, by severity.  The
 * kinds (CS_DEPT_WORK) are the order steps, the order exceptions and
 * "complaint":
 *
 *	an order step a department takes is its staff's alone (warehouse:
 *	    prepare, pack; transport: dispatch); the steps no department
 *	    takes are anyone's who may handle an order (roles.h);
 *	an exception (delay, damage, loss) a department takes is that
 *	    department's to handle unless the exception names another;
 *	complaint: a complaint may be forwarded to it, and then its staff
 *	    respond to it (and the complaint's handler, of customer
 *	    service, who may relay the answer).
 *
 * People belong to a department by the roster's department column; one
 * with none, or on a roster written before the column, is of customer
 * service (CS_DEPT_DEFAULT), which the file must have.  Refusals name
 * the line of departments.csv that decided (77).
 */
#ifndef CS_RULES_DEPARTMENTS_H
#define CS_RULES_DEPARTMENTS_H

#include "rules/rules.h"

struct cs_policy;

#define CS_DEPT_FILE "policy/departments.csv"
#define CS_DEPT_DEFAULT "customer-service"
/* The kinds of work a department may take, by spaces. */
#define CS_DEPT_WORK "review confirm prepare pack dispatch picked-up " \
	"in-transit out-for-delivery delivered sign cancel delay damage loss " \
	"complaint"

/* Read DIR/policy/departments.csv (its default when absent): 0, or -1
 * (78). */
int cs_depts_load(struct cs_policy *p, const char *dir);
/* The row of the department whose id or name is s, or -1. */
long cs_dept_find(const struct cs_policy *p, const char *s);
/* The department s names, as its row, its id in *id (in p): -1 with
 * "WHAT: no department 's' in policy/departments.csv (one of ...)" (65)
 * when none (what: "field 'department'", "--department"). */
long cs_dept_resolve(const struct cs_policy *p, const char *what,
    const char *s, const char **id);
/* The ids of every department, each with its name ("warehouse (仓库)"),
 * ", " between them, added to b. */
void cs_dept_ids(const struct cs_policy *p, struct cs_buf *b);
/* 1 when department i takes the work kind. */
int cs_dept_takes(const struct cs_policy *p, size_t i, const char *kind);
/* The first department that takes kind, or -1. */
long cs_dept_taking(const struct cs_policy *p, const char *kind);
/* The answer deadline of department i for a complaint of severity sev,
 * in seconds; -1 when it gives none (the SLA's then). */
int64_t cs_dept_answer(const struct cs_policy *p, size_t i, const char *sev);

/* The department of login on the roster (not left): 1 with it in *dept
 * (for the caller to free; CS_DEPT_DEFAULT when it has none), 0 not on
 * the roster, -1 an error. */
int cs_dept_of(struct cs_ds *ds, const char *login, char **dept);
/* May the acting user do verb on record id, work of department i?  0
 * yes (of it, or not on the roster: roles.h decides then), else -1:
 * "VERB ID: li4 (customer-service) is not of warehouse, WHY
 * (policy/departments.csv:3)" (77). */
int cs_dept_may(struct cs_ds *ds, const struct cs_policy *p, size_t i,
    const char *verb, const char *id, const char *why);
/* An order step verb on order id: when a department takes it, the acting
 * user must be of it (cs_dept_may).  0 or -1. */
int cs_dept_step(struct cs_ds *ds, const char *verb, const char *id);

#endif
