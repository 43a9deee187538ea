/* test_schema.c: what a value of each type may be */
#include "unit.h"

static void
test_values(void **state)
{
	static const struct {
		const char *col, *value;
		int ok;
	} cases[] = {
		{ "phone", "13800138000", 1 },
		{ "phone", "+86 138 0013 8000", 1 },
		{ "phone", "0571-88886666", 1 },
		{ "phone", "", 1 },
		{ "phone", "138****5678", 0 },
		{ "phone", "abc", 0 },
		{ "phone", "1234", 0 },
		{ "phone", "12345678901234567", 0 },
		{ "phone", "138-", 0 },
		{ "email", "a@b.cn", 1 },
		{ "email", "a@b", 0 },
		{ "email", "a b@c.cn", 0 },
		{ "email", "@c.cn", 0 },
		{ "email", "a@@c.cn", 0 },
		{ "type", "end", 1 },
		{ "type", "out-of-town", 1 },
		{ "type", "vip", 0 },
		{ "type", "", 0 },		/* required */
		{ "grade", "A", 1 },
		{ "grade", "", 1 },
		{ "grade", "D", 0 },
		{ "since", "2024-02-29", 1 },
		{ "since", "2025-02-29", 0 },
		{ "since", "2024-2-9", 0 },
		{ "name", "张三", 1 },
		{ "name", "", 0 },
		{ "name", "two\nlines", 0 },
		{ "name", "bad \xff", 0 },
		{ "name", "tab\there", 0 },
		{ "name", "esc \x1b[2J", 0 },
		{ "name", "del\x7f", 0 },
		{ "name", "csi \xc2\x9b" "2J", 0 },		/* C1 */
		{ "name", "no\xc2\xa0" "break", 1 },		/* U+00A0: shown */
		{ "address", "\xe2\x80\xae" "moc.elpmaxe", 0 },	/* RLO */
		{ "company", "a\xe2\x81\xa6" "b\xe2\x81\xa9", 0 },	/* isolates */
		{ "region", "\xe2\x80\x8f", 0 },		/* RLM */
		{ "contact", "line\xe2\x80\xa8sep", 0 },	/* U+2028 */
		{ "company", "上海远航物流 — Ocean Co.", 1 },
		{ "notes", "two\nlines, fine", 1 },
		{ "notes", "free text keeps \x1b and \xe2\x80\xae", 1 },
		{ "id", "C-000001", 1 },
		{ "id", "X-1", 0 },
	};
	const struct cs_column *c;
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		c = cs_schema_col(&cs_schema_customers, cases[i].col);
		assert_non_null(c);
		if ((cs_check_value(c, cases[i].value) == NULL) != cases[i].ok)
			fail_msg("%s='%s': want %s", cases[i].col, cases[i].value,
			    cases[i].ok ? "ok" : "refused");
	}
	c = cs_schema_col(&cs_schema_staff, "role");
	assert_null(cs_check_value(c, "leader"));
	assert_non_null(cs_check_value(c, "boss"));
	c = cs_schema_col(&cs_schema_staff, "id");
	assert_non_null(cs_check_value(c, "Li Na"));
	/* the reason names the character as it is shown */
	c = cs_schema_col(&cs_schema_customers, "name");
	assert_string_equal(cs_check_value(c, "x\xe2\x80\xae"),
	    "control character \\u202e");
	assert_string_equal(cs_check_value(c, "a\x1b"), "control character \\x1b");
	assert_string_equal(cs_check_value(c, "a\nb"), "line break");
}

static void
test_bind(void **state)
{
	struct cs_row hdr = { 0 };
	int idx[64];

	(void)state;
	cs_schema_row(&cs_schema_staff, &hdr);
	cs_row_push(&hdr, "extra", 5);		/* an added column still reads */
	assert_int_equal(cs_schema_bind(&cs_schema_staff, &hdr, "staff.csv", idx), 0);
	assert_int_equal(idx[3], 3);
	cs_row_clear(&hdr);
	cs_row_push(&hdr, "name", 4);
	cs_row_push(&hdr, "id", 2);
	assert_int_equal(cs_schema_bind(&cs_schema_staff, &hdr, "staff.csv", idx), -1);
	assert_string_equal(cs_errmsg(), "staff.csv:1: no 'team' column");
	cs_row_free(&hdr);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_bind),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
