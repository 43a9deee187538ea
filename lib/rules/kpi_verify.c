/*
 * kpi_verify.c: a stored verdict held to the data it was computed from.
 *
 * cs-kpi verdict stores, with each verdict, the digest of the records
 * that counted for the person (cs_kpi_measure with k->digest) and of the
 * rules it was weighed by.  cs verify measures every period of a stored
 * verdict again and compares: a record behind it changed, added or
 * removed since, or a rule changed, is a finding with the verdict's
 * line.  A provisional verdict is not held to its data (its period had
 * not ended: the records were still coming); a verdict stored before
 * the digests existed is said once, not counted.
 */
#include <stdlib.h>
#include <string.h>

#include "rules/kpi.h"
#include "store/verify.h"

/* The stored verdicts of one period and level, measured again. */
static long
check_group(struct cs_ds *ds, const struct cs_kpi_stored *s, size_t first,
    char *done, FILE *report)
{
	const char *period = cs_row_get(&s->rows[first], 0),
	    *level = cs_row_get(&s->rows[first], 1);
	struct cs_kpi k;
	struct cs_kpi_rulebook rb;
	long found = 0;
	size_t i;
	int rules_said = 0;

	memset(&k, 0, sizeof k);
	k.ds = ds;
	k.level = level;
	k.digest = 1;
	if (cs_kpi_rulebook(ds->dir, level, &rb) < 0 ||
	    (k.digest_median = rb.m[CS_KPI_WORKLOAD].relative,
	    cs_period_parse(NULL, period, &k.p) < 0) || cs_kpi_measure(&k) < 0) {
		fprintf(report, _("kpi/verdicts.csv:%ld: the %s verdicts of %s "
		    "cannot be measured again: %s\n"), s->rows[first].line, level,
		    period, cs_errmsg());
		cs_kpi_free(&k);
		for (i = first; i < s->n; i++)
			if (!strcmp(cs_row_get(&s->rows[i], 0), period) &&
			    !strcmp(cs_row_get(&s->rows[i], 1), level))
				done[i] = 1;
		return 1;
	}
	for (i = first; i < s->n; i++) {
		const struct cs_row *r = &s->rows[i];
		const char *who = cs_row_get(r, 2), *data = cs_row_get(r, 7),
		    *rules = cs_row_get(r, 8);
		const struct cs_kpi_person *p;
		if (strcmp(cs_row_get(r, 0), period) || strcmp(cs_row_get(r, 1),
		    level))
			continue;
		done[i] = 1;
		if (!strcmp(cs_row_get(r, 5), "provisional"))
			continue;
		if (*data == '\0') {
			fprintf(report, _("kpi/verdicts.csv:%ld: the %s verdict of %s "
			    "for %s was stored without a digest: its data cannot "
			    "be checked\n"), r->line, level, who, period);
			continue;
		}
		p = cs_map_get(&k.people, who);
		if (p == NULL || strcmp(p->digest, data) != 0) {
			fprintf(report, _("kpi/verdicts.csv:%ld: the %s verdict of %s "
			    "for %s no longer matches its records: %s since it "
			    "was computed at %s\n"), r->line, level, who, period,
			    p ? _("they have changed") : _("the person has none (or "
			    "left the roster)"), cs_row_get(r, 6));
			found++;
		}
		if (*rules && strcmp(rules, k.rules) != 0 && !rules_said++) {
			fprintf(report, _("kpi/verdicts.csv:%ld: the rules the %s "
			    "verdicts of %s were weighed by have changed since "
			    "(policy/kpi.csv, sla.csv or audit.csv)\n"), r->line,
			    level, period);
			found++;
		}
	}
	cs_kpi_free(&k);
	return found;
}

long
cs_kpi_verify(struct cs_ds *ds, FILE *report)
{
	struct cs_kpi_stored s;
	long found = 0;
	size_t i;
	char *done;

	if (cs_kpi_stored_read(ds, &s) < 0)
		return -1;
	done = cs_xmalloc(s.n + 1);
	memset(done, 0, s.n + 1);
	for (i = 0; i < s.n; i++)
		if (!done[i])
			found += check_group(ds, &s, i, done, report);
	free(done);
	cs_kpi_stored_free(&s);
	return found;
}
