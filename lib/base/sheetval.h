/*
 * sheetval.h - values as a spreadsheet gives them back (base/sheetval.c).
 *
 * A cell a spreadsheet would take for a formula is written by the
 * toolkit's spreadsheet CSV with a guard apostrophe (cs_sheet_guards says
 * which); the apostrophe is taken off again on the way in, and only
 * there.  Yes and no come as 是/否, yes/no, y/n, true/false or 1/0, in
 * any case.  Numbers are read only in a plain form (5, 5.0, " 5 "): no
 * exponent, no decimal comma, no thousands separator.  A phone that a
 * spreadsheet turned into a number has lost its leading zero, which no
 * check of the digits alone can see everywhere; cs_sheet_lost_zero names
 * the shapes it can.
 */
#ifndef CS_SHEETVAL_H
#define CS_SHEETVAL_H

#include "base/base.h"

/* 1 when the spreadsheet output puts a guard apostrophe before s. */
int cs_sheet_guards(const char *s);
/* s without the guard apostrophe the output would have put before it. */
const char *cs_sheet_unguard(const char *s);
/* 1 for yes, 0 for no, -1 for neither (spaces around are allowed). */
int cs_yesno(const char *v);
/* A number in plain form, spaces around allowed: 0 and *x, or -1 and
 * *why (static text). */
int cs_plain_number(const char *v, double *x, const char **why);
/* Why the phone v looks like one that lost its leading zero in a
 * spreadsheet (NULL when it does not). */
const char *cs_sheet_lost_zero(const char *v);

#endif
