/*
 * kpi_merge.c: cs-kpi merge (cmd/cs-kpi.c cmd_merge, static, so the
 * harness includes the program), which adds up the partial sums of
 * cs-kpi score --partial from files of anywhere: CSV from outside.  The
 * first byte chooses the level and whether the period is given; the
 * scores go to /dev/null.  Besides not crashing, leaking or overflowing
 * a sum:
 * - a refused file is bad data (65) or, for partials of two periods with
 *   none given, a usage error (64); "nobody" is 1;
 * - every sum taken is of numbers, and no count below 0.
 */
#include <math.h>

#include "fuzz.h"

#define main cs_kpi_main
int cs_kpi_main(int argc, char **argv);
#include "../../cmd/cs-kpi.c"
#undef main

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const levels[] = { "agent", "leader", "manager" };
	static int quiet;
	struct kpi k = { 0 };
	struct cs_opts o = { 0 };
	char path[256], *argv[1];
	unsigned flags = 0;
	size_t i;
	int given, ret, m;

	if (!quiet++ && freopen("/dev/null", "w", stdout) == NULL)
		abort();
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
	o.fmt = CS_FMT_CSV, o.fmt_set = 1;
	ret = cmd_merge(&k, &o, given, 1, argv);
	if (ret < 0)
		fuzz_assert(cs_errstatus() == CS_EDATA || cs_errstatus() == CS_EUSAGE,
		    "status %d: %s", cs_errstatus(), cs_errmsg());
	else
		fuzz_assert(ret == 0 || ret == CS_NO, "returns %d", ret);
	for (i = 0; i < k.people.cap; i++) {
		const struct person *p = k.people.vals[i];
		if (k.people.keys[i] == NULL)
			continue;
		fuzz_assert(isfinite(p->audit_sum) && isfinite(p->audit_sumsq) &&
		    p->audit_sum >= 0 && p->audit_sumsq >= 0, "%s: audit %g, %g",
		    p->login, p->audit_sum, p->audit_sumsq);
		for (m = 0; m < M_N; m++)
			fuzz_assert(p->num[m] >= 0 && p->den[m] >= 0, "%s %s: %ld / %ld",
			    p->login, mnames[m], p->num[m], p->den[m]);
	}
	cs_map_free(&k.people, free_person);
	return 0;
}
