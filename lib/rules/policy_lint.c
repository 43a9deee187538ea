/*
 * policy_lint.c: cs check's lint of every policy file (policy.h), with
 * kpi.csv's measures from kpi.c, and phones.csv's agents against the
 * roster from calls.c.  Apart from policy.c, which the rules'
 * loaders use, so that nothing is circular: kpi.c uses the SLA clock,
 * whose loader uses policy.c.
 */
#include <string.h>

#include "rules/calls.h"
#include "rules/departments.h"
#include "rules/kpi.h"
#include "rules/notify.h"
#include "rules/policy.h"

#define NATURES "policy/complaint-natures.csv"

int
cs_policy_lint_natures(const char *dir, FILE *report)
{
	struct cs_policy nat, dep;
	struct cs_buf ids = { 0 };
	const char *d;
	size_t i;
	long k;
	int n = 0;

	if (cs_policy_read(&nat, dir, NATURES) < 0)
		return 0;	/* its own lint says why */
	if (cs_depts_load(&dep, dir) < 0) {
		cs_policy_free(&nat);
		return 0;
	}
	cs_dept_ids(&dep, &ids);
	for (i = 0; i < nat.n; i++) {
		d = cs_policy_s(&nat, i, "department");
		if ((k = cs_dept_find(&dep, d)) >= 0 &&
		    cs_dept_takes(&dep, (size_t)k, "complaint"))
			continue;
		if (report && k < 0)
			fprintf(report, "%s:%ld: field 'department': no department "
			    "'%s' in %s (one of %s)\n", NATURES, nat.line[i], d,
			    CS_DEPT_FILE, ids.s);
		else if (report)
			fprintf(report, "%s:%ld: field 'department': %s takes no "
			    "complaints (%s:%ld)\n", NATURES, nat.line[i], d,
			    CS_DEPT_FILE, dep.line[k]);
		n++;
	}
	cs_buf_free(&ids);
	cs_policy_free(&nat);
	cs_policy_free(&dep);
	return n;
}

int
cs_policy_lint(const char *dir, FILE *report)
{
	struct cs_policy_measures m;
	const char *rel;
	size_t i;
	int n = 0, k;

	cs_kpi_policy_measures(&m);
	for (i = 0; (rel = cs_policy_file(i)) != NULL; i++)
		n += cs_policy_lint_file(dir, rel, &m, report);
	n += cs_policy_lint_natures(dir, report);
	/* its own lint says why when it cannot be read */
	if ((k = cs_phones_roster(dir, report, NULL)) > 0)
		n += k;
	return n + cs_messages_lint(dir, report);
}
