/*
 * time.c: the time and date parsers (timefmt.c cs_time_parse,
 * cs_date_parse) on any text, in one of a few zones (the first byte
 * chooses: the department's, UTC, and zones with daylight saving, half
 * hours, quarter hours or a local mean time of seconds).  Besides not
 * crashing:
 * - a date parses into a real day of the calendar, and prints as the
 *   text it came from;
 * - a time, printed as it is stored (cs_time_format), parses back to the
 *   same second, and its date (cs_date_format) parses as a date: what a
 *   command accepts it can store and read again.
 */
#include "fuzz.h"

static const char *const zones[] = { "Asia/Shanghai", "UTC", "America/New_York",
	"Europe/London", "Australia/Lord_Howe", "Asia/Kathmandu",
	"Africa/Monrovia" };

static void
use_zone(unsigned i)
{
	static const char *cur;
	const char *z = zones[i % (sizeof zones / sizeof zones[0])];

	if (cur != z) {
		setenv("TZ", z, 1);
		tzset();
		cur = z;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, out[32], day[16], back[16];
	cs_time t, t2;
	int y, m, d;

	if (size < 1)
		return 0;
	setenv("CS_NOW", "2026-11-23 07:00", 1);
	use_zone(data[0]);
	s = fuzz_str(data + 1, size - 1, 64);
	if (cs_date_parse(s, &y, &m, &d) == 0) {
		fuzz_assert(m >= 1 && m <= 12 && d >= 1 && d <= cs_days_in_month(y, m),
		    "%d-%d-%d", y, m, d);
		snprintf(back, sizeof back, "%04d-%02d-%02d", y, m, d);
		fuzz_assert(strncmp(back, s, 10) == 0, "'%s' gives %s", s, back);
	}
	if (cs_time_parse(s, &t) == 0) {
		cs_time_format(t, out);
		fuzz_assert(cs_time_parse(out, &t2) == 0, "'%s' is stored as '%s', "
		    "which does not parse: %s", s, out, cs_errmsg());
		fuzz_assert(t2 == t, "'%s' is %lld, stored as '%s', read back as %lld",
		    s, (long long)t, out, (long long)t2);
		cs_date_format(t, day);
		fuzz_assert(cs_date_parse(day, &y, &m, &d) == 0, "'%s': date '%s'", s,
		    day);
	} else
		fuzz_assert(cs_errstatus() == CS_EDATA, "status %d", cs_errstatus());
	free(s);
	return 0;
}
