/*
 * kpi_merge.c: cs-kpi merge (lib/rules/kpi.c cs_kpi_merge), which adds up
 * the partial sums of cs-kpi score --partial from files of anywhere: CSV
 * from outside.  The first byte chooses the level and whether the period
 * is given; the scores are worked out as score prints them, into rows
 * that go nowhere.  Besides not crashing, leaking or overflowing a sum:
 * - a refused file is bad data (65) or, for partials of two periods with
 *   none given, a usage error (64);
 * - every sum taken is of numbers, and no count below 0.
 */
#include <math.h>

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const levels[] = { "agent", "leader", "manager" };
	struct cs_kpi k = { 0 };
	struct cs_row r = { 0 };
	char path[256], *argv[1];
	unsigned flags = 0;
	size_t i;
	int given, ret, m;

	if (size > 0)
		flags = *data++, size--;
	cs_progname = "cs-kpi";
	k.level = levels[flags % 3];
	given = (flags & 4) != 0;
	if (given && cs_period_parse("month", "2026-10", &k.p) < 0)
		abort();
	fuzz_write("partials.csv", data, size);
	snprintf(path, sizeof path, "%s/partials.csv", fuzz_dir());
	argv[0] = path;
	ret = cs_kpi_merge(&k, given, 1, argv);
	if (ret < 0)
		fuzz_assert(cs_errstatus() == CS_EDATA || cs_errstatus() == CS_EUSAGE,
		    "status %d: %s", cs_errstatus(), cs_errmsg());
	else
		fuzz_assert(ret == 0, "returns %d", ret);
	for (i = 0; i < k.people.cap; i++) {
		const struct cs_kpi_person *p = k.people.vals[i];
		if (k.people.keys[i] == NULL)
			continue;
		fuzz_assert(isfinite(p->audit_sum) && isfinite(p->audit_sumsq) &&
		    p->audit_sum >= 0 && p->audit_sumsq >= 0, "%s: audit %g, %g",
		    p->login, p->audit_sum, p->audit_sumsq);
		for (m = 0; m < CS_KPI_N; m++) {
			fuzz_assert(p->num[m] >= 0 && p->den[m] >= 0, "%s %s: %ld / %ld",
			    p->login, cs_kpi_measures[m], p->num[m], p->den[m]);
			cs_kpi_score_row(&k, k.people.keys[i], p, m, 0, &r);
		}
	}
	cs_row_free(&r);
	cs_kpi_free(&k);
	return 0;
}
