/*
 * filter.h - the values of filter options, checked as fields are
 * (cli/filter.c).
 *
 * A filter option (--status, --channel, --kind, --type, --grade, ...)
 * names a field of a store; its value is checked as that field's value
 * would be, so that a typo is a usage error naming what is allowed, not
 * an empty list that looks like "nothing found".
 */
#ifndef CS_FILTER_H
#define CS_FILTER_H

#include "cli/cli.h"

/* The value of the filter --field on field of store s: value itself,
 * after the check, at once for a field of a few values (exit 64 naming
 * them); a login (on the roster) and a field the policy lists (nature,
 * department, service) are checked by cs_filters_check once the data
 * directory is open.  also: more values allowed ("a|b"), or NULL. */
const char *cs_filter(const struct cs_schema *s, const char *field,
    const char *value);
const char *cs_filter_also(const struct cs_schema *s, const char *field,
    const char *also, const char *value);
/* The checks cs_filter left for the data directory (cs_main runs them):
 * 0, or -1 with the usage error. */
int cs_filters_check(const struct cs_ds *ds);
/* --mine: *filter (the --agent or --handler filter, named opt) becomes
 * the acting user (cs(7) "Who acts"); 0, or -1 (64) when opt was given
 * too. */
int cs_filter_mine(const struct cs_ds *ds, int mine, const char **filter,
    const char *opt);

#endif
