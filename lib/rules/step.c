/*
 * step.c: a lifecycle's table of steps looked up (step.h).  It promises
 * nothing about any kind of record: the tables say what may follow what.
 */
#include <string.h>

#include "rules/step.h"

const struct cs_step *
cs_step_find(const struct cs_step *table, const char *name)
{
	const struct cs_step *st;

	for (st = table; st->name; st++)
		if (strcmp(st->name, name) == 0)
			return st;
	return NULL;
}

int
cs_step_from(const struct cs_step *st, const char *status)
{
	size_t n = strlen(status), w;
	const char *p = st->from;

	for (;; p += w + 1) {
		w = strcspn(p, "|");
		if (w == n && strncmp(p, status, n) == 0)
			return 1;
		if (p[w] == '\0')
			return 0;
	}
}

const char *
cs_step_missing(const struct cs_step *st, int argc, char **argv)
{
	size_t n;
	int i;

	if (st->needs == NULL)
		return NULL;
	n = strcspn(st->needs, "=") + 1;	/* "field=" */
	/* the first operand of the field is the one taken */
	for (i = 0; i < argc; i++)
		if (strncmp(argv[i], st->needs, n) == 0)
			return argv[i][n] != '\0' ? NULL : st->needs;
	return st->needs;
}
