/*
 * assign.c: field=value operands assigned to a record (assign.h).
 */
#include <stdlib.h>

#include "cli/assign.h"

int
cs_assign_operands(const struct cs_master *m, struct cs_row *rec, int argc,
    char **argv, int (*takes)(const char *field))
{
	const char *value;
	char *field;
	int i, r;

	for (i = 0; i < argc; i++) {
		if (cs_arg_utf8("operand", argv[i]) < 0 ||
		    cs_assign_split(argv[i], &field, &value) < 0)
			return -1;
		r = takes ? takes(field) : 0;
		if (r == 0)
			r = cs_master_assign(m, rec, field, value);
		free(field);
		if (r < 0)
			return -1;
	}
	return 0;
}
