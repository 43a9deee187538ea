/*
 * assign.c: field=value operands assigned to a record (assign.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/assign.h"

int
cs_assign_operands(const struct cs_master *m, struct cs_row *rec, int argc,
    char **argv, int (*takes)(const struct cs_master *m, const char *field))
{
	const char *value;
	char *field;
	int i, r;

	for (i = 0; i < argc; i++) {
		if (cs_arg_utf8("operand", argv[i]) < 0 ||
		    cs_assign_split(argv[i], &field, &value) < 0)
			return -1;
		r = takes ? takes(m, field) : 0;
		if (r == 0)
			r = cs_master_assign(m, rec, field, value);
		free(field);
		if (r < 0)
			return -1;
	}
	return 0;
}

int
cs_operands_widen(const struct cs_master *m, int argc, char **argv)
{
	char name[64];
	const char *eq;
	int i;

	for (i = 0; i < argc; i++) {
		if ((eq = strchr(argv[i], '=')) == NULL || eq[1] == '\0' ||
		    (size_t)(eq - argv[i]) >= sizeof name)
			continue;
		snprintf(name, sizeof name, "%.*s", (int)(eq - argv[i]), argv[i]);
		if (cs_master_lacks(m, name))
			return 1;
	}
	return 0;
}

void
cs_operand_values(int argc, char **argv, const char *fields,
    const char *v[CS_OPERANDS_MAX])
{
	char name[64];
	size_t i, n;

	for (i = 0; i < CS_OPERANDS_MAX; i++) {
		v[i] = "";
		if (fields == NULL || *fields == '\0')
			continue;
		n = strcspn(fields, "|");
		snprintf(name, sizeof name, "%.*s", (int)n, fields);
		v[i] = cs_operand(argc, argv, name);
		fields += n + (fields[n] == '|');
	}
}

int
cs_step_operands(const struct cs_step *st, int argc, char **argv,
    const char *v[CS_OPERANDS_MAX])
{
	const char *need;

	if (st->operands && cs_operands_check(argc, argv, st->operands,
	    st->name) < 0)
		return -1;
	if ((need = cs_step_missing(st, argc, argv)) != NULL)
		return cs_fail(CS_EUSAGE, "%s: %s is required", st->name, need);
	cs_operand_values(argc, argv, st->operands, v);
	return 0;
}
