/*
 * policy_kpi.c: the KPI rulebook loader (lib/rules/verdict.c
 * cs_kpi_rulebook) on any policy/kpi.csv, for each level.  The rulebook
 * decides who fails a period and who is flagged for a dismissal review,
 * so besides not crashing or leaking:
 * - a refused file is exit 78 (bad policy);
 * - every number of a taken rulebook is a number in its range: targets
 *   and weights finite, weights not negative, a rate's target a share of
 *   0 to 1 (85% and 0.85 alike), the marks 0 to 100 with the pass mark
 *   not above the excellent one, consecutive fails a whole number of 1 or
 *   more.
 */
#include <math.h>

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const levels[] = { "agent", "leader", "manager" };
	struct cs_kpi_rulebook rb;
	size_t l;
	int m;

	cs_progname = "cs-kpi";
	fuzz_write("policy/kpi.csv", data, size);
	for (l = 0; l < 3; l++) {
		if (cs_kpi_rulebook(fuzz_dir(), levels[l], &rb) < 0) {
			fuzz_assert(cs_errstatus() == CS_ECONFIG, "status %d: %s",
			    cs_errstatus(), cs_errmsg());
			continue;
		}
		fuzz_assert(isfinite(rb.pass) && isfinite(rb.excellent) &&
		    rb.pass >= 0 && rb.excellent <= 100 && rb.pass <= rb.excellent,
		    "%s: marks %g %g", levels[l], rb.pass, rb.excellent);
		fuzz_assert(rb.consecutive >= 1, "%s: %ld consecutive", levels[l],
		    rb.consecutive);
		for (m = 0; m < CS_KPI_N; m++) {
			const struct cs_kpi_rule *r = &rb.m[m];
			if (!r->set)
				continue;
			fuzz_assert(isfinite(r->target) && isfinite(r->weight) &&
			    r->weight >= 0 && r->target >= 0 && r->min_records >= 0,
			    "%s %s: %g %g %ld", levels[l], cs_kpi_measures[m], r->target,
			    r->weight, r->min_records);
			if (cs_kpi_is_rate[m])
				fuzz_assert(r->target <= 1, "%s %s: a rate of %g",
				    levels[l], cs_kpi_measures[m], r->target);
			/* a floor is on the missing side of the target, a
			 * linear curve has one to run from */
			if (r->has_floor)
				fuzz_assert(isfinite(r->floor) && r->floor >= 0 &&
				    (r->max ? r->floor >= r->target : r->floor <=
				    r->target) && (!cs_kpi_is_rate[m] || r->floor <= 1),
				    "%s %s: floor %g, target %g", levels[l],
				    cs_kpi_measures[m], r->floor, r->target);
			if (r->curve == CS_KPI_LINEAR)
				fuzz_assert(r->has_floor && r->floor != r->target,
				    "%s %s: linear without a floor", levels[l],
				    cs_kpi_measures[m]);
		}
	}
	return 0;
}
