/*
 * policy_rates.c: the freight rates loader (rates.c cs_rates_load) on any
 * policy/rates.csv, then a quote on each of its rates.  Besides not
 * crashing or leaking:
 * - a refused file is exit 78 (bad policy);
 * - every number of a taken rate is a number (no NaN, no infinity), and a
 *   quote on it is a finite freight of at least the minimum, with a
 *   promised day that can be stored; no route has two rates.
 */
#include <math.h>

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cs_rates rt;
	struct cs_quote q;
	char out[32];
	cs_time back;
	size_t i;

	setenv("TZ", "Asia/Shanghai", 0);
	fuzz_write("policy/rates.csv", data, size);
	if (cs_rates_load(&rt, fuzz_dir()) < 0) {
		fuzz_assert(cs_errstatus() == CS_ECONFIG, "status %d: %s",
		    cs_errstatus(), cs_errmsg());
		return 0;
	}
	for (i = 0; i < rt.n; i++) {
		const struct cs_rate *x = &rt.v[i];
		fuzz_assert(isfinite(x->first_kg) && isfinite(x->first_price) &&
		    isfinite(x->per_kg) && isfinite(x->minimum) &&
		    isfinite(x->divisor) && x->divisor > 0, "rate %zu: %g %g %g %g %g",
		    i, x->first_kg, x->first_price, x->per_kg, x->minimum,
		    x->divisor);
		fuzz_assert(x->transit_days >= 0 && x->transit_days <= 90, "%d days",
		    x->transit_days);
		fuzz_assert(cs_quote(&rt, x->origin, x->destination, x->service, 12.3,
		    40, 30, 20, 1795320000, &q) == 0, "%s", cs_errmsg());
		fuzz_assert(isfinite(q.freight) && q.freight >= x->minimum - 0.005,
		    "freight %g", q.freight);
		cs_time_format(q.promised, out);
		fuzz_assert(cs_time_parse(out, &back) == 0 && back == q.promised,
		    "%s", out);
	}
	cs_rates_free(&rt);
	return 0;
}
