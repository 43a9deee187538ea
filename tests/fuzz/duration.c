/*
 * duration.c: SLA durations (sla.c cs_duration_parse, cs_duration_format)
 * on any text, held to a reference that adds in 128 bits: "90s", "30m",
 * "4h", "2d", "1h30m", plain digits minutes, each number at most 10^8,
 * the whole at most ten years (3650 days).
 * - what parses is what the reference makes of it, and never wraps;
 * - what the reference takes, parses;
 * - a duration joined to another after its unit adds up.
 */
#include "fuzz.h"

/* 0 and the seconds, or -1. */
static int
ref_parse(const char *s, __int128 *secs)
{
	__int128 total = 0, n;
	int digits;

	if (*s == '\0')
		return -1;
	while (*s) {
		for (n = 0, digits = 0; *s >= '0' && *s <= '9'; s++, digits++)
			if ((n = n * 10 + (*s - '0')) > 100000000)
				return -1;
		if (digits == 0)
			return -1;
		switch (*s) {
		case 's': total += n; break;
		case '\0': total += n * 60; s--; break;	/* minutes */
		case 'm': total += n * 60; break;
		case 'h': total += n * 3600; break;
		case 'd': total += n * 86400; break;
		default: return -1;
		}
		s++;
	}
	*secs = total;
	return total > (__int128)3650 * 86400 ? -1 : 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int64_t secs = -1, a, b;
	__int128 want;
	char *s, out[32];
	size_t cut;
	int ok;

	s = fuzz_str(data, size, size);
	ok = cs_duration_parse(s, &secs);
	fuzz_assert(ok == ref_parse(s, &want), "'%s': %s, the reference %s", s,
	    ok ? "refused" : "taken", ok ? "takes it" : "refuses it");
	if (ok == 0) {
		fuzz_assert(secs >= 0 && (__int128)secs == want, "'%s': %lld s", s,
		    (long long)secs);
		cs_duration_format(secs, out);
		fuzz_assert(strchr(out, 'm') != NULL, "%lld s is '%s'",
		    (long long)secs, out);
		/* cut after a unit: the two halves add up */
		for (cut = strlen(s) / 2; cut > 0 && !strchr("smhd", s[cut - 1]);
		    cut--)
			;
		if (cut > 0 && s[cut]) {
			char *h = fuzz_str((const uint8_t *)s, cut, cut);
			fuzz_assert(cs_duration_parse(h, &a) == 0 &&
			    cs_duration_parse(s + cut, &b) == 0 && a + b == secs,
			    "'%s' | '%s'", h, s + cut);
			free(h);
		}
	}
	free(s);
	return 0;
}
