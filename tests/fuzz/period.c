/*
 * period.c: the period parsers (period.c cs_period_parse of each kind,
 * cs_period_range) on any text.  The first byte chooses the kind (low
 * three bits: any, month, week, quarter, year, or a --from/--to range of
 * two lines, an empty line for an absent bound) and the zone (bit 7: New
 * York's daylight saving, else the department's); CS_NOW is fixed, so
 * last-week and the like are too.  Besides not crashing:
 * - a period is not empty and is as long as its kind (a month 28 to 31
 *   days, a week 7, a quarter 90 to 92, a year 365 or 366, give or take a
 *   daylight-saving hour);
 * - its name is its canonical form, the text given (but for last-week
 *   and the like), and parses back to the same period.
 */
#include "fuzz.h"

static const char *const kinds[] = { NULL, "month", "week", "quarter", "year" };

static void
use_zone(int ny)
{
	static int cur = -1;

	if (cur != ny) {
		setenv("TZ", ny ? "America/New_York" : "Asia/Shanghai", 1);
		tzset();
		cur = ny;
	}
}

static void
check_length(const struct cs_period *p)
{
	int64_t len = p->to - p->from, lo, hi;
	size_t n = strlen(p->name);

	if (strchr(p->name, 'W'))
		lo = hi = 7;
	else if (strchr(p->name, 'Q'))
		lo = 90, hi = 92;
	else if (n == 7)
		lo = 28, hi = 31;
	else {
		fuzz_assert(n == 4, "name '%s'", p->name);
		lo = 365, hi = 366;
	}
	fuzz_assert(len >= lo * 86400 - 3600 && len <= hi * 86400 + 3600,
	    "%s: %lld s", p->name, (long long)len);
}

static void
one(const char *kind, const char *s)
{
	struct cs_period p, q;

	if (cs_period_parse(kind, s, &p) < 0) {
		fuzz_assert(cs_errstatus() == CS_EUSAGE, "status %d", cs_errstatus());
		return;
	}
	fuzz_assert(p.from < p.to, "'%s': from %lld, to %lld", s,
	    (long long)p.from, (long long)p.to);
	check_length(&p);
	if (strncmp(s, "last-", 5) != 0 && strncmp(s, "this-", 5) != 0)
		fuzz_assert(strcmp(p.name, s) == 0, "'%s' is read as %s", s, p.name);
	fuzz_assert(cs_period_parse(kind, p.name, &q) == 0, "%s: %s", p.name,
	    cs_errmsg());
	fuzz_assert(q.from == p.from && q.to == p.to, "%s", p.name);
}

static void
range(const uint8_t *data, size_t size)
{
	struct cs_period p;
	char *from = fuzz_piece(&data, &size), *to = fuzz_piece(&data, &size);

	if (cs_period_range(*from ? from : NULL, *to ? to : NULL, &p) == 0)
		fuzz_assert(p.from < p.to, "%s..%s", from, to);
	else
		fuzz_assert(cs_errstatus() == CS_EUSAGE, "status %d", cs_errstatus());
	free(from);
	free(to);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned k;
	char *s;

	if (size < 1 || size > 128)
		return 0;
	setenv("CS_NOW", "2026-11-23 07:00", 1);
	use_zone(data[0] >> 7);
	k = data[0] & 7;
	if (k >= 5) {
		range(data + 1, size - 1);
		return 0;
	}
	s = fuzz_str(data + 1, size - 1, 64);
	one(kinds[k], s);
	free(s);
	return 0;
}
