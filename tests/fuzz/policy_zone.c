/*
 * policy_zone.c: the zone file (timefmt.c cs_zone_use) on any
 * policy/zone.csv.  Besides not crashing or leaking:
 * - a refused file is exit 78 (bad policy), and leaves the zone as it was;
 * - a taken zone is a file of the zone database, under it (no path out
 *   of it), and is the zone in use.
 */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *tz;

	setenv("TZ", "UTC", 1);
	unsetenv("TZDIR");
	tzset();
	fuzz_write("policy/zone.csv", data, size);
	if (cs_zone_use(fuzz_dir()) < 0) {
		fuzz_assert(cs_errstatus() == CS_ECONFIG, "status %d: %s",
		    cs_errstatus(), cs_errmsg());
		fuzz_assert(strcmp(getenv("TZ"), "UTC") == 0, "TZ %s", getenv("TZ"));
		return 0;
	}
	tz = getenv("TZ");
	fuzz_assert(tz && *tz && *tz != '/' && strstr(tz, "..") == NULL, "TZ '%s'",
	    tz ? tz : "(none)");
	return 0;
}
