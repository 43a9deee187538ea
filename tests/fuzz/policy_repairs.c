/*
 * policy_repairs.c: a repair's estimates (lib/rules/aftersales.c,
 * cs_repair_policy_load and cs_repair_due) on any policy/repairs.csv.
 * Besides not crashing or leaking:
 * - a refused file is exit 78 (bad policy);
 * - a file read has every step's estimate, 0 to ten years, and each
 *   step is due no earlier than the step before it was taken.
 */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char sla_csv[] = "kind,channel,first_response,resolution,"
	    "escalation,clock\nrepair,*,4h,7d,,calendar\n";
	static const char hours[] = "weekday,open,close\nmon,09:00,18:00\n"
	    "sat,10:00,16:00\n";
	static const char *const steps[] = { "received", "sent-to-repair",
		"repaired", "shipped-back", "done" };
	struct cs_repair_policy p;
	struct cs_sla sla;
	cs_time t = 1795000000, due;
	size_t i;

	cs_progname = "cs-ticket";
	fuzz_write("policy/sla.csv", sla_csv, sizeof sla_csv - 1);
	fuzz_write("policy/hours.csv", hours, sizeof hours - 1);
	fuzz_write("policy/repairs.csv", data, size);
	if (cs_repair_policy_load(&p, fuzz_dir()) < 0) {
		fuzz_assert(cs_errstatus() == CS_ECONFIG, "status %d: %s",
		    cs_errstatus(), cs_errmsg());
		return 0;
	}
	fuzz_assert(cs_sla_load(&sla, fuzz_dir()) == 0, "sla: %s", cs_errmsg());
	for (i = 0; i < 5; i++) {
		fuzz_assert(p.estimate[i] >= 0 && p.estimate[i] <= 3650 * 86400LL,
		    "%s: %lld s", steps[i], (long long)p.estimate[i]);
		due = cs_repair_due(&p, &sla, "phone", steps[i], t);
		fuzz_assert(due >= t, "%s due before it was taken", steps[i]);
	}
	cs_sla_free(&sla);
	return 0;
}
