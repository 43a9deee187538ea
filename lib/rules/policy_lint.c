/*
 * policy_lint.c: cs check's lint of every policy file (policy.h), with
 * kpi.csv's measures from kpi.c.  Apart from policy.c, which the rules'
 * loaders use, so that nothing is circular: kpi.c uses the SLA clock,
 * whose loader uses policy.c.
 */
#include "rules/kpi.h"
#include "rules/policy.h"

int
cs_policy_lint(const char *dir, FILE *report)
{
	struct cs_policy_measures m;
	const char *rel;
	size_t i;
	int n = 0;

	cs_kpi_policy_measures(&m);
	for (i = 0; (rel = cs_policy_file(i)) != NULL; i++)
		n += cs_policy_lint_file(dir, rel, &m, report);
	return n;
}
