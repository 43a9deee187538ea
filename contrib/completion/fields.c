/*
 * fields.c: what the bash completion (cs-tools.bash) knows of the
 * stores, from their schemas (lib/store/schema.c), so that it cannot
 * drift from them: each program's field names for field=value, the
 * values of each enum field, the id letter and store of each program,
 * and which fields name a customer, an order or a login.  Printed as
 * bash assignments; make puts them into $(B)/cs-tools.bash.  The verbs
 * and options the completion reads from each program's --help.
 */
#include <stdio.h>
#include <string.h>

#include "cs.h"

static const struct {
	const char *key;	/* program, or program:verb */
	const struct cs_schema *s;
} stores[] = {
	{ "cs-staff", &cs_schema_staff },
	{ "cs-customer", &cs_schema_customers },
	{ "cs-customer:visit", &cs_schema_visits },
	{ "cs-ticket", &cs_schema_tickets },
	{ "cs-order", &cs_schema_orders },
	{ "cs-complain", &cs_schema_complaints },
};

static void
values(const char *key, const struct cs_column *c)
{
	const char *p;

	printf("_cs_values[%s:%s]='", key, c->name);
	for (p = c->arg; *p; p++)
		putchar(*p == '|' ? ' ' : *p);
	puts("'");
}

static void
store(const char *key, const struct cs_schema *s)
{
	const struct cs_column *c;
	size_t i;

	printf("_cs_fields[%s]='", key);
	for (i = 0; i < s->ncols; i++)
		printf("%s%s", i ? " " : "", s->cols[i].name);
	puts("'");
	if (strchr(key, ':') == NULL)
		printf("_cs_store[%s]='%s %s %s'\n", key, s->name,
		    s->idprefix ? s->idprefix : "login", s->daily ? "daily" :
		    "master");
	for (i = 0; i < s->ncols; i++) {
		c = &s->cols[i];
		if (c->type == CS_T_ENUM)
			values(key, c);
		else if (c->type == CS_T_LOGIN && strcmp(c->name, "id") != 0)
			printf("_cs_ref[%s:%s]=login\n", key, c->name);
		else if (c->type == CS_T_ID && strcmp(c->name, "id") != 0)
			printf("_cs_ref[%s:%s]=%s\n", key, c->name, c->arg);
	}
}

int
main(void)
{
	size_t i;

	puts("# made by contrib/completion/fields.c from lib/store/schema.c");
	puts("declare -gA _cs_fields _cs_values _cs_store _cs_ref");
	for (i = 0; i < sizeof stores / sizeof stores[0]; i++)
		store(stores[i].key, stores[i].s);
	/* plain text in their schemas, but an order's or a ticket's id */
	puts("_cs_ref[cs-ticket:order]=O");
	puts("_cs_ref[cs-complain:order]=O");
	puts("_cs_ref[cs-complain:ticket]=T");
	return ferror(stdout) || fclose(stdout) != 0;
}
