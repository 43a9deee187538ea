/*
 * policy_grade.c: the customer grade policy loader (grade.c
 * cs_grade_policy_load) on any policy/grades.csv, then a grade by it.
 * Besides not crashing or leaking:
 * - a refused file is exit 78 (bad policy);
 * - a customer graded by a taken policy gets A, B or C and a score of 0
 *   to 100, with no NaN on the way;
 * - ranked with others of its type (a relative rule), each gets A, B or
 *   C, and a rank within the count of its type.
 */
#include <math.h>

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cs_grade_policy p;
	struct cs_custstats st;
	struct cs_grade_parts g;
	struct cs_alert a[CS_ALERTS_MAX];
	int n;

	setenv("TZ", "Asia/Shanghai", 0);
	fuzz_write("policy/grades.csv", data, size);
	if (cs_grade_policy_load(&p, fuzz_dir()) < 0) {
		fuzz_assert(cs_errstatus() == CS_ECONFIG, "status %d: %s",
		    cs_errstatus(), cs_errmsg());
		return 0;
	}
	memset(&st, 0, sizeof st);
	snprintf(st.id, sizeof st.id, "C-000001");
	snprintf(st.type, sizeof st.type, "end");
	st.coop_months = 14, st.orders = 30, st.weight = 800, st.freight = 9000;
	st.months = 0x5a5, st.ratings = 4, st.rating_sum = 15, st.complaints = 1;
	st.visits = 2, st.answered = 1, st.last_order = 1795320000 - 40 * 86400;
	st.orders_recent = 1, st.orders_trailing = 9, st.complaints_recent = 1;
	cs_grade_score(&p, &st, &g);
	fuzz_assert(g.grade == 'A' || g.grade == 'B' || g.grade == 'C', "grade %d",
	    g.grade);
	fuzz_assert(isfinite(g.score) && g.score >= 0 && g.score <= 100 + 1e-9,
	    "score %g", g.score);
	{
		struct cs_custstats c[3] = { st, st, st };
		struct cs_custset set = { .c = c, .n = 3 };
		size_t i;
		c[1].orders = 0;
		snprintf(c[2].type, sizeof c[2].type, "channel");
		cs_grade_rank(&p, &set);
		for (i = 0; i < 3; i++)
			fuzz_assert((c[i].want == 'A' || c[i].want == 'B' ||
			    c[i].want == 'C') && c[i].rank <= c[i].of,
			    "customer %zu: %d, %d of %d", i, c[i].want, c[i].rank,
			    c[i].of);
	}
	n = cs_alerts(&p, &st, 1795320000, a);
	fuzz_assert(n >= 0 && n <= CS_ALERTS_MAX, "%d alerts", n);
	return 0;
}
