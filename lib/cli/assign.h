/*
 * assign.h - field=value operands assigned to a record (cli/assign.c).
 *
 * A verb that makes or changes a record takes its fields as field=value
 * operands, each one UTF-8, split at its first '=', checked by the
 * program (may this verb give that field?) and by the store's schema.
 */
#ifndef CS_ASSIGN_H
#define CS_ASSIGN_H

#include "cli/cli.h"

/* Each operand's value to its field of rec (m's columns); takes(field),
 * when given, is 0 when the field may be given here, else -1 with the
 * reason. */
int cs_assign_operands(const struct cs_master *m, struct cs_row *rec,
    int argc, char **argv, int (*takes)(const char *field));

#endif
