/*
 * policy.h - one reader for every policy file under DATA/policy/.
 *
 * Each policy file has a declared schema (policy.c): its columns, each
 * column's type (a rate, a duration with its unit, a whole number, a
 * number in a range, one of allowed values, a time of day, a date, a
 * zone, a visit cadence, text), whether a value is required, and the key
 * whose values must be unique; and the rules of the file as a whole (the
 * pass mark not above the excellent mark, weights that add up to
 * something positive, open before close ...).  cs_policy_read reads a
 * file whole against its schema: every value that does not fit, every
 * rule broken, is a problem "policy/kpi.csv:7: field 'target': not a
 * rate: 'abc'", and a file with one is refused (78) with its first.  The
 * loaders of the rules (sla.c, rates.c, grade.c, rubric.c, verdict.c,
 * returns.c, complaint.c, audit_score.c) read through it, so what they
 * take has been checked once, the same way; cs check lints every policy
 * with the same code (cs_policy_lint).  The formats are cs-policy(5).
 *
 * A value is read into a number: a rate as a share (85% is 0.85), a
 * duration in seconds, a time of day in minutes after midnight, a date as
 * YYYYMMDD, a number or a whole number as itself; other types and empty
 * values are 0.  Fields are in the schema's column order, whatever the
 * file's; a column a file does not declare is not read.
 */
#ifndef CS_RULES_POLICY_H
#define CS_RULES_POLICY_H

#include <stdio.h>

#include "rules/rules.h"

struct cs_policy_file;

struct cs_policy {
	const struct cs_policy_file *f;
	int present;		/* 0: an optional file that is absent */
	size_t n;		/* rows */
	long *line;		/* each row's line in the file */
	char **s;		/* n x columns: the fields */
	double *v;		/* n x columns: their values */
};

/* kpi.csv's measures (kpi.c's, given by who reads it): their names and
 * for each what its target is: 1 a rate, 2 a score out of 100, 0 a
 * number of 0 or more. */
struct cs_policy_measures {
	const char *const *names;
	const int *kind;
	size_t n;
};
/* kpi.csv's measures as the rulebook takes them (verdict.c). */
void cs_kpi_policy_measures(struct cs_policy_measures *m);

/* Read DIR/REL (REL "policy/sla.csv") whole against its schema: 0 read
 * (an absent optional file is present = 0, no rows), -1 refused: 78 with
 * the first problem as file:line: field 'name': why (77 for a file that
 * is not a regular one).  kpi.csv is read with its measures. */
int cs_policy_read(struct cs_policy *p, const char *dir, const char *rel);
int cs_policy_read_kpi(struct cs_policy *p, const char *dir,
    const struct cs_policy_measures *m);
void cs_policy_free(struct cs_policy *p);
/* Row i's field col (a column of the schema), as text and as its value. */
const char *cs_policy_s(const struct cs_policy *p, size_t i, const char *col);
double cs_policy_v(const struct cs_policy *p, size_t i, const char *col);
/* The first row whose field col is val, or -1. */
long cs_policy_find(const struct cs_policy *p, const char *col,
    const char *val);
/* grades.csv: the names that may have a line per customer type, "a b
 * ..."; the line of name for type (its own, else the one for any type),
 * or -1 (type NULL or "*": the one for any type). */
extern const char cs_grade_typed[];
long cs_grade_row(const struct cs_policy *p, const char *name,
    const char *type);
/* The i-th policy file with a schema ("policy/sla.csv"), NULL past the
 * last. */
const char *cs_policy_file(size_t i);

/* cs check: a policy file of dir read as its program reads it, each
 * problem a line on report ("policy/kpi.csv:7: field 'target': not a
 * rate: 'abc'"), going on past it; the number of problems.  What the
 * store check reports of a policy (a file it cannot open, a line that is
 * not CSV) is left to it.  cs_policy_lint (policy_lint.c): every file. */
int cs_policy_lint_file(const char *dir, const char *rel,
    const struct cs_policy_measures *m, FILE *report);
int cs_policy_lint(const char *dir, FILE *report);
/* What no one file says: each department complaint-natures.csv names
 * is one of departments.csv that takes complaints (policy_lint.c); the
 * number of problems, each a line on report. */
int cs_policy_lint_natures(const char *dir, FILE *report);

#endif
