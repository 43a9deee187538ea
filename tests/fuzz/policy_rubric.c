/*
 * policy_rubric.c: the spot-check rubric loader (rubric.c cs_rubric_load)
 * on any policy/audit.csv, then a score by it.  Besides not crashing or
 * leaking:
 * - a refused file is exit 78 (bad policy);
 * - every weight, max and standard of a taken rubric is a number (no
 *   NaN, no infinity) in its range, and a record scored by it scores 0 to
 *   100: full marks 100 (or 0 when all weights are 0), a critical flag 0.
 */
#include <math.h>

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cs_rubric rb;
	double *s, sc, wsum = 0;
	int failed;
	size_t i;

	fuzz_write("policy/audit.csv", data, size);
	if (cs_rubric_load(&rb, fuzz_dir()) < 0) {
		fuzz_assert(cs_errstatus() == CS_ECONFIG, "status %d: %s",
		    cs_errstatus(), cs_errmsg());
		return 0;
	}
	fuzz_assert(rb.n > 0, "no categories");
	s = cs_xmalloc(rb.n * sizeof *s);
	for (i = 0; i < rb.n; i++) {
		const struct cs_rubric_cat *c = &rb.cats[i];
		fuzz_assert(isfinite(c->weight) && isfinite(c->max) &&
		    isfinite(c->standard) && c->weight >= 0 && c->max > 0 &&
		    c->standard <= c->max, "%s: %g %g %g", c->name, c->weight, c->max,
		    c->standard);
		s[i] = c->max;
		wsum += c->weight;
	}
	sc = cs_rubric_score(&rb, s, 0, &failed);
	fuzz_assert(!failed && (wsum > 0 ? fabs(sc - 100) < 1e-6 : sc == 0),
	    "full marks score %g", sc);
	sc = cs_rubric_score(&rb, s, 1, &failed);
	fuzz_assert(failed && sc == 0, "a critical flag scores %g", sc);
	free(s);
	cs_rubric_free(&rb);
	return 0;
}
