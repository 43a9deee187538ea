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

/* A mask is known by its exact shape for its kind; a real value with a
 * star in it is not taken for one. */
static void
test_is_mask(void **state)
{
	static const struct {
		const char *kind, *v;
		int mask;
	} cases[] = {
		{ "phone", "138****5678", 1 },
		{ "phone", "057*****8666", 1 },
		{ "phone", "***38", 1 },
		{ "phone", "**", 1 },
		{ "phone", "13812345678", 0 },
		{ "phone", "138***5678", 0 },	/* 10 long: 13****5678 */
		{ "phone", "1*8****5678", 0 },
		{ "phone", "", 0 },
		{ "email", "q***@example.com", 1 },
		{ "email", "张***@例子.中国", 1 },
		{ "email", "***", 1 },
		{ "email", "qian@example.com", 0 },
		{ "email", "q**@example.com", 0 },
		{ "email", "qi***@example.com", 0 },
		{ "email", "q***x@example.com", 0 },
		{ "name", "赵*", 1 },
		{ "name", "张**", 1 },
		{ "name", "J*** *****", 1 },
		{ "name", "赵", 0 },	/* its own mask: nothing hidden */
		{ "name", "A*B Ltd", 0 },
		{ "name", "A* Ltd", 0 },
		{ "name", "**", 1 },
		{ "name", "* Ltd", 0 },
		{ "address", "北京市朝阳区*****", 1 },
		{ "address", "上海市浦东新*********", 1 },
		{ "address", "北*", 1 },
		{ "address", "北京市*", 0 },	/* 4 long: 北*** */
		{ "address", "北京市朝阳区 * 号", 0 },
		{ "address", "北京市朝阳区", 0 },
		{ "region", "华*", 0 },		/* no such kind */
		{ NULL, "华*", 0 },
	};
	static const char *const kinds[] = { "phone", "email", "name", "address" };
	static const char *const values[] = { "13812345678", "0571-8888666",
		"95338", "12", "zhang.san@example.com", "张@例子.中国", "x@y.z",
		"张三丰", "John Smith", "上海市浦东新区世纪大道100号", "北京",
		"北京市朝阳区", "北京市朝阳区建国路1号", "A*B Ltd", "a b c d e f g" };
	size_t i, j;
	char *m;

	(void)state;
	for (i = 0; i < N(cases); i++)
		if (cs_is_mask(cases[i].kind, cases[i].v) != cases[i].mask)
			fail_msg("%s '%s': want %d", cases[i].kind, cases[i].v,
			    cases[i].mask);
	/* whatever masking hides, the result is known for a mask (a phone
	 * has no star of its own) */
	for (i = 0; i < N(kinds); i++)
		for (j = 0; j < N(values); j++) {
			if (i == 0 && strchr(values[j], '*'))
				continue;
			m = cs_mask(kinds[i], values[j]);
			if (strcmp(m, values[j]) != 0 && !cs_is_mask(kinds[i], m))
				fail_msg("%s '%s': mask '%s' not known", kinds[i],
				    values[j], m);
			free(m);
		}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mask),
		cmocka_unit_test(test_is_mask),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
