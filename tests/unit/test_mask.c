/* test_mask.c: confidential fields */
#include "unit.h"

static void
test_mask(void **state)
{
	static const struct {
		const char *kind, *in, *out;
	} cases[] = {
		{ "phone", "13812345678", "138****5678" },
		{ "phone", "0571-8888666", "057*****8666" },
		{ "phone", "95338", "***38" },
		{ "phone", "", "" },
		{ "email", "zhang.san@example.com", "z***@example.com" },
		{ "email", "张@例子.中国", "张***@例子.中国" },
		{ "email", "broken", "***" },
		{ "name", "张三丰", "张**" },
		{ "name", "John Smith", "J*** *****" },
		{ "address", "上海市浦东新区世纪大道100号", "上海市浦东新*********" },
		{ "address", "北京", "北*" },
	};
	size_t i;
	char *m;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		m = cs_mask(cases[i].kind, cases[i].in);
		if (strcmp(m, cases[i].out) != 0)
			fail_msg("%s '%s': got '%s', want '%s'", cases[i].kind,
			    cases[i].in, m, cases[i].out);
		free(m);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mask),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
