/* test_utf8.c: validation and display width */
#include "unit.h"

static const struct {
	const char *s;
	size_t len;
	int ok;
	size_t bad;
} checks[] = {
	{ "plain", 5, 1, 0 },
	{ "张三", 6, 1, 0 },
	{ "emoji \xf0\x9f\x98\x80", 10, 1, 0 },
	{ "bad \xff", 5, 0, 4 },
	{ "overlong \xc0\xaf", 11, 0, 9 },
	{ "surrogate \xed\xa0\x80", 13, 0, 10 },
	{ "too big \xf4\x90\x80\x80", 12, 0, 8 },
	{ "cut \xe5\xbc", 6, 0, 4 },
	{ "nul \0x", 6, 0, 4 },
	{ "lone continuation \x80", 19, 0, 18 },
};

static void
test_check(void **state)
{
	size_t i, bad;

	(void)state;
	for (i = 0; i < N(checks); i++) {
		int r = cs_utf8_check(checks[i].s, checks[i].len, &bad);
		if ((r == 0) != checks[i].ok)
			fail_msg("'%s': got %d", checks[i].s, r);
		if (!checks[i].ok && bad != checks[i].bad)
			fail_msg("'%s': bad byte %zu, want %zu", checks[i].s, bad,
			    checks[i].bad);
	}
}

/* cs_utf8_check's fast paths against a character-by-character reading */
static int
check_slow(const char *s, size_t n, size_t *bad)
{
	size_t i = 0;
	uint32_t cp;
	int k;

	while (i < n) {
		if ((k = cs_utf8_decode(s + i, n - i, &cp)) < 0) {
			*bad = i;
			return -1;
		}
		i += (size_t)k;
	}
	return 0;
}

static void
test_check_fuzz(void **state)
{
	static const unsigned char pool[] = { 'a', ' ', '\n', 0x7f, 0x80, 0x9f,
		0xa0, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xe1, 0xe4, 0xec, 0xed, 0xee,
		0xef, 0xf0, 0xf4, 0xf5, 0xff, 0 };
	char buf[40];
	size_t i, j, n, bad1, bad2;
	unsigned long x = 20261122;
	int r1, r2;

	(void)state;
	for (i = 0; i < 200000; i++) {
		x = x * 6364136223846793005UL + 1442695040888963407UL;
		n = (x >> 33) % sizeof buf;
		for (j = 0; j < n; j++) {
			x = x * 6364136223846793005UL + 1442695040888963407UL;
			buf[j] = (char)pool[(x >> 33) % sizeof pool];
		}
		bad1 = bad2 = 0;
		r1 = cs_utf8_check(buf, n, &bad1);
		r2 = check_slow(buf, n, &bad2);
		if (r1 != r2 || (r1 < 0 && bad1 != bad2))
			fail_msg("case %zu: %d at %zu, want %d at %zu", i, r1, bad1, r2,
			    bad2);
	}
}

static const struct {
	const char *s;
	size_t width;
} widths[] = {
	{ "", 0 },
	{ "abc", 3 },
	{ "张三", 4 },
	{ "Tom 李", 6 },
	{ "ｆｕｌｌ", 8 },		/* fullwidth forms */
	{ "e\xcc\x81", 1 },		/* e + combining acute */
	{ "한국", 4 },
	{ "ｶﾀｶﾅ", 4 },		/* halfwidth katakana: narrow */
	{ "\xf0\x9f\x98\x80", 2 },	/* emoji */
	/* the edges of the shortcuts past the tables */
	{ "a\tb\x7f", 4 },		/* ASCII controls: one cell each */
	{ "\xc3\xa9\xcb\xbf", 2 },	/* U+00E9, U+02FF: narrow */
	{ "a\xcd\xaf", 1 },		/* U+036F: combining */
	{ "\xe4\xb8\x80\xe9\xbf\xbf", 4 },	/* U+4E00, U+9FFF */
	{ "\xe4\xb7\xbf\xea\x80\x80", 3 },	/* U+4DFF narrow, U+A000 */
	{ "\xea\x93\x90", 1 },	/* U+A4D0: past Yi, narrow */
};

static void
test_width(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < N(widths); i++)
		if (cs_utf8_width(widths[i].s) != widths[i].width)
			fail_msg("'%s': width %zu, want %zu", widths[i].s,
			    cs_utf8_width(widths[i].s), widths[i].width);
}

/* The fast paths of cs_wcwidth (below U+0300, the CJK ideographs) give
 * what the tables give, for every code point. */
static void
test_width_fast(void **state)
{
	uint32_t c;

	(void)state;
	for (c = 0; c <= 0x10ffff; c++)
		if (cs_wcwidth(c) != cs_wcwidth_slow(c))
			fail_msg("U+%04X: width %d, the tables %d", (unsigned)c,
			    cs_wcwidth(c), cs_wcwidth_slow(c));
}

/* cs_utf8_width (ASCII a column a byte, unread) against decoding every
 * character and asking the tables, on random mixes of ASCII, Latin, CJK,
 * Hangul, combining marks, emoji, controls and bad bytes. */
static void
test_width_mixed(void **state)
{
	static const char *const piece[] = {
		"a", "Z", " ", "~", "0", "\x7f", "\t", "\xc3\xa9", "\xcc\x81",
		"\xcd\xaf", "\xe4\xb8\x80", "\xe9\xbf\xbf", "\xe5\xbc\xa0",
		"\xea\xb0\x80", "\xe2\x80\x8b", "\xef\xbc\x81",
		"\xf0\x9f\x98\x80", "\xe3\x82\x99", "\xff", "\xe5\xbc",
		"\xe4\xb7\xbf", "\xea\x93\x90", "\xc2\x9b",
	};
	char s[256];
	size_t i, j, n, len, w;
	uint32_t cp;
	int k, round;

	(void)state;
	srand(20);
	for (round = 0; round < 20000; round++) {
		n = (size_t)rand() % 24, len = 0;
		for (i = 0; i < n; i++) {
			j = (size_t)rand() % N(piece);
			memcpy(s + len, piece[j], strlen(piece[j]));
			len += strlen(piece[j]);
		}
		s[len] = '\0';
		for (i = 0, w = 0; i < len; i += (size_t)k)
			if ((k = cs_utf8_decode(s + i, len - i, &cp)) < 0)
				k = 1, w++;
			else
				w += (size_t)cs_wcwidth_slow(cp);
		if (cs_utf8_width(s) != w)
			fail_msg("round %d: width %zu, the tables %zu", round,
			    cs_utf8_width(s), w);
	}
}

/* Where the first control character is (-1: none), and s escaped. */
static const struct {
	const char *s, *allow;
	int at;
	const char *shown;
} ctrls[] = {
	{ "plain 张三 text", NULL, -1, "plain 张三 text" },
	{ "", NULL, -1, "" },
	{ "a\x1b[31mred", NULL, 1, "a\\x1b[31mred" },
	{ "tab\there", NULL, 3, "tab\\there" },
	{ "tab\there", "\t\n", -1, "tab\\there" },
	{ "two\nlines\x07", "\t\n", 9, "two\\nlines\\x07" },
	{ "del\x7f", NULL, 3, "del\\x7f" },
	{ "c1 \xc2\x9b" "2J", NULL, 3, "c1 \\u009b2J" },
	{ "nbsp \xc2\xa0 ok", NULL, -1, "nbsp \xc2\xa0 ok" },	/* U+00A0 */
	{ "\xc2\x80", NULL, 0, "\\u0080" },
	{ "\xc2\x9f", NULL, 0, "\\u009f" },
	{ "abc\xe2\x80\xaetxt.exe", NULL, 3, "abc\\u202etxt.exe" },
	{ "\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad", NULL, 0,
	  "\\u202a\\u202b\\u202c\\u202d" },
	{ "x\xe2\x81\xa6y\xe2\x81\xa9", NULL, 1, "x\\u2066y\\u2069" },
	{ "\xe2\x80\x8e\xe2\x80\x8f", NULL, 0, "\\u200e\\u200f" },
	{ "\xd8\x9c", NULL, 0, "\\u061c" },
	{ "ls\xe2\x80\xa8ps", NULL, 2, "ls\\u2028ps" },
	{ "\xe2\x80\x94 dash \xe2\x81\xa0", NULL, -1,
	  "\xe2\x80\x94 dash \xe2\x81\xa0" },	/* U+2014, U+2060 */
	{ "\xe2\x80\x8b zwsp", NULL, -1, "\xe2\x80\x8b zwsp" },	/* not one */
	{ "bad \xff byte", NULL, -1, "bad \\xff byte" },
	{ "cut \xe2\x80", NULL, -1, "cut \\xe2\\x80" },
};

static void
test_ctrl(void **state)
{
	char out[256];
	const char *p;
	size_t i, n;
	int at;

	(void)state;
	for (i = 0; i < N(ctrls); i++) {
		p = cs_ctrl_find(ctrls[i].s, strlen(ctrls[i].s), ctrls[i].allow);
		at = p ? (int)(p - ctrls[i].s) : -1;
		if (at != ctrls[i].at)
			fail_msg("case %zu: control at %d, want %d", i, at, ctrls[i].at);
		n = cs_ctrl_escape(out, ctrls[i].s, strlen(ctrls[i].s));
		assert_int_equal(n, strlen(out));
		if (strcmp(out, ctrls[i].shown) != 0)
			fail_msg("case %zu: shown '%s', want '%s'", i, out,
			    ctrls[i].shown);
	}
	/* the length given is the end: a control past it is not found */
	assert_null(cs_ctrl_find("ab\x1b", 2, NULL));
}

/* Byte by byte, cs_ctrl_find agrees with decoding every character. */
static void
test_ctrl_fuzz(void **state)
{
	/* runs of printable ASCII, with its edges (0x1f, 0x20, 0x7e, 0x7f),
	 * for the eight bytes at a time */
	static const unsigned char pool[] = { 'a', 0x1b, '\t', 0x7f, 0xc2, 0x80,
		0x9b, 0xa0, 0xd8, 0x9c, 0xe2, 0x80, 0x81, 0xae, 0xa6, 0x8e, 0xe4,
		0xb8, 0xad, 0xff, 'a', 'b', ' ', '~', '0', 'z', 'a', 'b', ' ', '~',
		'0', 'z', 0x1f, 0x20, 0x7e, 'a', 'a', 'a', 'a', 'a', 'a', 'a' };
	char s[40], esc[8];
	uint32_t cp;
	size_t i, j, len;
	const char *p, *want;
	int k;

	(void)state;
	srand(7);
	for (i = 0; i < 200000; i++) {
		len = (size_t)rand() % sizeof s;
		for (j = 0; j < len; j++)
			s[j] = (char)pool[(size_t)rand() % sizeof pool];
		want = NULL;
		for (j = 0; j < len && !want; j += (size_t)k) {
			k = cs_utf8_decode(s + j, len - j, &cp);
			if (k < 0)
				k = 1;
			else if (cs_ctrl_show(cp, esc) > 0)
				want = s + j;
		}
		p = cs_ctrl_find(s, len, NULL);
		if (p != want && cs_utf8_check(s, len, NULL) == 0)
			fail_msg("case %zu: found at %td, want %td", i,
			    p ? p - s : -1, want ? want - s : -1);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_check_fuzz),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_width_fast),
		cmocka_unit_test(test_width_mixed),
		cmocka_unit_test(test_ctrl),
		cmocka_unit_test(test_ctrl_fuzz),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
