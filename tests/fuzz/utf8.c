/*
 * utf8.c: UTF-8 validation and width (utf8.c cs_utf8_check, cs_utf8_decode,
 * cs_utf8_width) on any bytes, held to a slow reference written here from
 * the table of well-formed byte sequences (Unicode 15, table 3-7), with
 * NUL refused as the stores refuse it:
 * - cs_utf8_check, with its fast paths, says what the reference says, and
 *   names the same first bad byte;
 * - each character decodes to the reference's code point and length;
 * - a string's width is its halves' widths added, cut at a character,
 *   and at most two columns a character.
 */
#include "fuzz.h"

/* The length of the well-formed character at s, or -1; its code point. */
static int
ref_char(const unsigned char *s, size_t n, uint32_t *cp)
{
	static const struct {
		unsigned char lo, hi;	/* the first byte */
		int len;
		unsigned char lo2, hi2;	/* the second byte */
	} t[] = {
		{ 0x01, 0x7f, 1, 0, 0 }, { 0xc2, 0xdf, 2, 0x80, 0xbf },
		{ 0xe0, 0xe0, 3, 0xa0, 0xbf }, { 0xe1, 0xec, 3, 0x80, 0xbf },
		{ 0xed, 0xed, 3, 0x80, 0x9f }, { 0xee, 0xef, 3, 0x80, 0xbf },
		{ 0xf0, 0xf0, 4, 0x90, 0xbf }, { 0xf1, 0xf3, 4, 0x80, 0xbf },
		{ 0xf4, 0xf4, 4, 0x80, 0x8f },
	};
	static const unsigned char mask[] = { 0, 0x7f, 0x1f, 0x0f, 0x07 };
	size_t i;
	int k, len;

	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		if (s[0] >= t[i].lo && s[0] <= t[i].hi)
			break;
	if (i == sizeof t / sizeof t[0] || (size_t)t[i].len > n)
		return -1;
	len = t[i].len;
	if (len > 1 && (s[1] < t[i].lo2 || s[1] > t[i].hi2))
		return -1;
	for (k = 2; k < len; k++)
		if (s[k] < 0x80 || s[k] > 0xbf)
			return -1;
	*cp = s[0] & mask[len];
	for (k = 1; k < len; k++)
		*cp = *cp << 6 | (s[k] & 0x3f);
	return len;
}

/* 0 if s is well-formed, else -1 and the first bad byte. */
static int
ref_check(const unsigned char *s, size_t n, size_t *bad)
{
	size_t i = 0;
	uint32_t cp, cp2;
	int k, k2;

	while (i < n) {
		k = ref_char(s + i, n - i, &cp);
		k2 = cs_utf8_decode((const char *)s + i, n - i, &cp2);
		fuzz_assert(k == k2, "at %zu: length %d, the reference's %d", i, k2, k);
		if (k < 0) {
			*bad = i;
			return -1;
		}
		fuzz_assert(cp == cp2, "at %zu: U+%04X, the reference's U+%04X", i,
		    (unsigned)cp2, (unsigned)cp);
		i += (size_t)k;
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t bad = 0, rbad = 0, cut, i, chars = 0, wa, wb, w;
	uint32_t cp;
	char *s, *a;
	int ok, rok, k;

	ok = cs_utf8_check((const char *)data, size, &bad);
	rok = ref_check(data, size, &rbad);
	fuzz_assert(ok == rok, "%s, the reference: %s", ok ? "bad" : "good",
	    rok ? "bad" : "good");
	if (ok < 0)
		fuzz_assert(bad == rbad, "bad byte at %zu, the reference's at %zu",
		    bad, rbad);
	/* width, on the text before a NUL */
	s = fuzz_str(data, size, size);
	w = cs_utf8_width(s);
	fuzz_assert(w <= 2 * strlen(s), "%zu columns for %zu bytes", w, strlen(s));
	if (ok == 0) {
		cut = size ? data[0] % (strlen(s) + 1) : 0;
		for (i = 0; i < strlen(s); i += (size_t)k, chars++) {
			k = ref_char((const unsigned char *)s + i, strlen(s) - i, &cp);
			if (i < cut && i + (size_t)k > cut)
				cut = i;	/* not inside a character */
		}
		fuzz_assert(w <= 2 * chars, "%zu columns for %zu characters", w, chars);
		a = fuzz_str((const uint8_t *)s, cut, cut);
		wa = cs_utf8_width(a);
		wb = cs_utf8_width(s + cut);
		fuzz_assert(wa + wb == w, "%zu + %zu columns, %zu together", wa, wb, w);
		free(a);
	}
	free(s);
	return 0;
}
