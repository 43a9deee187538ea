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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_check_fuzz),
		cmocka_unit_test(test_width),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
