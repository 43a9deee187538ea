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
#include "rules/step.h"

/* Each operand's value to its field of rec (m's columns); takes(m,
 * field), when given, is 0 when the field may be given here, else -1 with
 * the reason. */
int cs_assign_operands(const struct cs_master *m, struct cs_row *rec,
    int argc, char **argv,
    int (*takes)(const struct cs_master *m, const char *field));
/* 1 when an operand gives a value (not empty) to a column of m's schema
 * that m's store lacks, a late one: the store is to be widened first
 * (cs_master_widen). */
int cs_operands_widen(const struct cs_master *m, int argc, char **argv);
/* The values of the operands of fields ("a|b", at most
 * CS_OPERANDS_MAX), in their order in fields; "" for one not given. */
#define CS_OPERANDS_MAX 6
void cs_operand_values(int argc, char **argv, const char *fields,
    const char *v[CS_OPERANDS_MAX]);
/* The operands of step st (the verb's name): each one it takes
 * (st->operands, when not NULL), the one it needs given, and their
 * values in v; -1 with the usage error. */
int cs_step_operands(const struct cs_step *st, int argc, char **argv,
    const char *v[CS_OPERANDS_MAX]);

#endif
