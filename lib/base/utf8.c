/* utf8.c: UTF-8 validation and display width */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/base.h"

/*
 * Decode one character at s (n bytes available).  Returns its length, or
 * -1 when the bytes are not well-formed UTF-8: overlong forms, surrogates,
 * code points past U+10FFFF and truncated sequences are all refused, as
 * are NUL bytes, which no field may hold.
 */
int
cs_utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c, min;
	int len, i;

	if (n == 0 || s[0] == 0)
		return -1;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2, c = s[0] & 0x1f, min = 0x80;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3, c = s[0] & 0x0f, min = 0x800;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4, c = s[0] & 0x07, min = 0x10000;
	} else
		return -1;
	if ((size_t)len > n)
		return -1;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return -1;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return -1;
	*cp = c;
	return len;
}

int
cs_utf8_check(const char *s, size_t n, size_t *bad)
{
	size_t i = 0;
	uint32_t cp;
	unsigned c;
	int k;

	while (i < n) {
		/* printable ASCII, eight bytes at a time */
		while (i + 8 <= n) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if ((w & 0x8080808080808080ULL) ||
			    ((w - 0x2020202020202020ULL) & ~w & 0x8080808080808080ULL))
				break;
			i += 8;
		}
		if (i < n && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		if (i >= n)
			break;
		/* three bytes whose lead admits any continuation: most CJK */
		c = (unsigned char)s[i];
		if (((c >= 0xe1 && c <= 0xec) || c >= 0xee) && c <= 0xef &&
		    i + 3 <= n && ((unsigned char)s[i + 1] & 0xc0) == 0x80 &&
		    ((unsigned char)s[i + 2] & 0xc0) == 0x80) {
			i += 3;
			continue;
		}
		k = cs_utf8_decode(s + i, n - i, &cp);
		if (k < 0) {
			if (bad)
				*bad = i;
			return -1;
		}
		i += (size_t)k;
	}
	return 0;
}

struct range {
	uint32_t lo, hi;
};

/* East Asian Wide and Fullwidth blocks (Unicode 15, condensed). */
static const struct range wide[] = {
	{ 0x1100, 0x115f }, { 0x231a, 0x231b }, { 0x2329, 0x232a },
	{ 0x23e9, 0x23ec }, { 0x23f0, 0x23f0 }, { 0x23f3, 0x23f3 },
	{ 0x25fd, 0x25fe }, { 0x2614, 0x2615 }, { 0x2648, 0x2653 },
	{ 0x267f, 0x267f }, { 0x2693, 0x2693 }, { 0x26a1, 0x26a1 },
	{ 0x26aa, 0x26ab }, { 0x26bd, 0x26be }, { 0x26c4, 0x26c5 },
	{ 0x26ce, 0x26ce }, { 0x26d4, 0x26d4 }, { 0x26ea, 0x26ea },
	{ 0x26f2, 0x26f3 }, { 0x26f5, 0x26f5 }, { 0x26fa, 0x26fa },
	{ 0x26fd, 0x26fd }, { 0x2705, 0x2705 }, { 0x270a, 0x270b },
	{ 0x2728, 0x2728 }, { 0x274c, 0x274c }, { 0x274e, 0x274e },
	{ 0x2753, 0x2755 }, { 0x2757, 0x2757 }, { 0x2795, 0x2797 },
	{ 0x27b0, 0x27b0 }, { 0x27bf, 0x27bf }, { 0x2b1b, 0x2b1c },
	{ 0x2b50, 0x2b50 }, { 0x2b55, 0x2b55 }, { 0x2e80, 0x303e },
	{ 0x3041, 0x33ff }, { 0x3400, 0x4dbf }, { 0x4e00, 0x9fff },
	{ 0xa000, 0xa4cf }, { 0xa960, 0xa97f }, { 0xac00, 0xd7a3 },
	{ 0xf900, 0xfaff }, { 0xfe10, 0xfe19 }, { 0xfe30, 0xfe6f },
	{ 0xff00, 0xff60 }, { 0xffe0, 0xffe6 }, { 0x16fe0, 0x16fe4 },
	{ 0x17000, 0x18cd5 }, { 0x1b000, 0x1b2fb }, { 0x1f004, 0x1f004 },
	{ 0x1f0cf, 0x1f0cf }, { 0x1f18e, 0x1f18e }, { 0x1f191, 0x1f19a },
	{ 0x1f200, 0x1f251 }, { 0x1f300, 0x1f64f }, { 0x1f680, 0x1f6ff },
	{ 0x1f900, 0x1f9ff }, { 0x1fa70, 0x1faff }, { 0x20000, 0x2fffd },
	{ 0x30000, 0x3fffd },
};

/* Combining marks and other characters that take no column. */
static const struct range zero[] = {
	{ 0x0300, 0x036f }, { 0x0483, 0x0489 }, { 0x0591, 0x05bd },
	{ 0x0610, 0x061a }, { 0x064b, 0x065f }, { 0x0e31, 0x0e31 },
	{ 0x0e34, 0x0e3a }, { 0x0e47, 0x0e4e }, { 0x1ab0, 0x1aff },
	{ 0x1dc0, 0x1dff }, { 0x200b, 0x200f }, { 0x202a, 0x202e },
	{ 0x2060, 0x2064 }, { 0x20d0, 0x20ff }, { 0x302a, 0x302d },
	{ 0x3099, 0x309a }, { 0xfe00, 0xfe0f }, { 0xfe20, 0xfe2f },
	{ 0xfeff, 0xfeff }, { 0xe0100, 0xe01ef },
};

static int
in_table(uint32_t c, const struct range *t, size_t n)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (c < t[mid].lo)
			hi = mid;
		else if (c > t[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

/*
 * Below U+0300 (ASCII, Latin-1, Latin Extended) every character but NUL
 * takes one column, controls too (shown escaped or as one cell), and the
 * CJK Unified Ideographs two: neither needs the tables.
 */
int
cs_wcwidth(uint32_t c)
{
	if (c < 0x300)
		return c != 0;
	if (c >= 0x4e00 && c <= 0x9fff)
		return 2;
	if (in_table(c, zero, sizeof zero / sizeof zero[0]))
		return 0;
	if (in_table(c, wide, sizeof wide / sizeof wide[0]))
		return 2;
	return 1;
}

/* The width by the tables alone, no fast path: what cs_wcwidth must
 * agree with (test_utf8.c holds it to this for every code point). */
int
cs_wcwidth_slow(uint32_t c)
{
	if (c == 0 || in_table(c, zero, sizeof zero / sizeof zero[0]))
		return 0;
	if (in_table(c, wide, sizeof wide / sizeof wide[0]))
		return 2;
	return 1;
}

/* Columns a terminal gives s; a bad byte counts as one. */
size_t
cs_utf8_width(const char *s)
{
	size_t n = strlen(s), i = 0, w = 0;
	uint32_t cp;
	int k;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {	/* ASCII: one column */
			w++, i++;
			continue;
		}
		k = cs_utf8_decode(s + i, n - i, &cp);
		if (k < 0) {
			w++, i++;
			continue;
		}
		w += (size_t)cs_wcwidth(cp);
		i += (size_t)k;
	}
	return w;
}

/*
 * Control characters: what a terminal would obey rather than show.  C0
 * and DEL, C1 (U+0080 to U+009F, CSI among them), the line and paragraph
 * separators U+2028 and U+2029, and the bidirectional controls that can
 * make text read in another order than it is stored ("Trojan Source"):
 * the marks U+061C, U+200E, U+200F, the embeddings and overrides U+202A
 * to U+202E, the isolates U+2066 to U+2069.
 */
static int
is_ctrl(uint32_t c)
{
	return c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x061c ||
	    c == 0x200e || c == 0x200f || (c >= 0x2028 && c <= 0x202e) ||
	    (c >= 0x2066 && c <= 0x2069);
}

/* Read byte by byte: the lead bytes of those characters (c2, d8, e2)
 * never stand inside another character. */
const char *
cs_ctrl_find(const char *s, size_t n, const char *allow)
{
	const unsigned char *p = (const unsigned char *)s;
	const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
	unsigned c, d, e;
	size_t i;
	uint64_t w;

	for (i = 0; i < n; i++) {
		/* eight printable ASCII bytes at a time: none below 0x20,
		 * none 0x7f, none 0x80 or above */
		while (i + 8 <= n) {
			memcpy(&w, p + i, 8);
			if (((w | ((w - 0x20 * ones) & ~w) | ((w ^ 0x7f * ones) -
			    ones)) & highs) != 0)
				break;
			i += 8;
		}
		if (i >= n)
			break;
		c = p[i];
		if ((c >= 0x20 && c < 0x7f) || (c >= 0x80 && c != 0xc2 &&
		    c != 0xd8 && c != 0xe2))
			continue;
		if (c < 0x80) {
			if (c && allow && strchr(allow, (int)c))
				continue;
			return s + i;
		}
		d = i + 1 < n ? p[i + 1] : 0;
		e = i + 2 < n ? p[i + 2] : 0;
		if ((c == 0xc2 && d >= 0x80 && d < 0xa0) || (c == 0xd8 && d == 0x9c))
			return s + i;
		if (c == 0xe2 && ((d == 0x80 && (e == 0x8e || e == 0x8f ||
		    (e >= 0xa8 && e <= 0xae))) || (d == 0x81 && e >= 0xa6 &&
		    e <= 0xa9)))
			return s + i;
	}
	return NULL;
}

size_t
cs_ctrl_show(uint32_t cp, char out[8])
{
	if (!is_ctrl(cp))
		return 0;
	if (cp == '\n' || cp == '\r' || cp == '\t') {
		out[0] = '\\';
		out[1] = cp == '\n' ? 'n' : cp == '\r' ? 'r' : 't';
		out[2] = '\0';
		return 2;
	}
	if (cp < 0x80)
		return (size_t)snprintf(out, 8, "\\x%02x", (unsigned)cp);
	return (size_t)snprintf(out, 8, "\\u%04x", (unsigned)cp);
}

size_t
cs_ctrl_escape(char *out, const char *s, size_t n)
{
	size_t i = 0, o = 0, e;
	uint32_t cp;
	int k;

	while (i < n) {
		k = cs_utf8_decode(s + i, n - i, &cp);
		if (k < 0) {
			o += (size_t)snprintf(out + o, 5, "\\x%02x",
			    (unsigned char)s[i]);
			i++;
			continue;
		}
		if ((e = cs_ctrl_show(cp, out + o)) == 0)
			memcpy(out + o, s + i, (size_t)k), e = (size_t)k;
		o += e;
		i += (size_t)k;
	}
	out[o] = '\0';
	return o;
}
