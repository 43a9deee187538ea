/* test_map.c: the string hash map; buf and row basics */
#include "unit.h"

static void
test_map(void **state)
{
	struct cs_map m = { 0 };
	char key[32];
	int isnew, i;

	(void)state;
	for (i = 0; i < 10000; i++) {
		snprintf(key, sizeof key, "agent%d", i);
		*cs_map_slot(&m, key, &isnew) = (void *)(intptr_t)(i + 1);
		assert_true(isnew);
	}
	assert_int_equal(m.n, 10000);
	for (i = 0; i < 10000; i++) {
		snprintf(key, sizeof key, "agent%d", i);
		assert_int_equal((intptr_t)cs_map_get(&m, key), i + 1);
	}
	cs_map_slot(&m, "agent5", &isnew);
	assert_false(isnew);
	assert_null(cs_map_get(&m, "nobody"));
	cs_map_free(&m, NULL);
	assert_null(cs_map_get(&m, "agent5"));
}

static void
test_row(void **state)
{
	struct cs_row r = { 0 }, c = { 0 };

	(void)state;
	cs_row_push(&r, "a", 1);
	cs_row_push(&r, "", 0);
	cs_row_push(&r, "张三", strlen("张三"));
	cs_row_set(&r, 1, "middle");
	assert_int_equal(r.n, 3);
	assert_string_equal(cs_row_get(&r, 1), "middle");
	assert_string_equal(cs_row_get(&r, 2), "张三");
	assert_string_equal(cs_row_get(&r, 9), "");
	cs_row_set(&r, 4, "far");	/* grows, blanks between */
	assert_int_equal(r.n, 5);
	assert_string_equal(cs_row_get(&r, 3), "");
	cs_row_copy(&c, &r);
	assert_int_equal(cs_row_find(&c, "far"), 4);
	assert_int_equal(cs_row_find(&c, "none"), -1);
	cs_row_free(&r);
	cs_row_free(&c);
}

static void
test_buf(void **state)
{
	struct cs_buf b = { 0 };
	int i;

	(void)state;
	for (i = 0; i < 1000; i++)
		cs_buf_addf(&b, "%d,", i);
	assert_int_equal(strlen(b.s), b.len);
	assert_memory_equal(b.s, "0,1,2,", 6);
	cs_buf_reset(&b);
	assert_string_equal(b.s, "");
	cs_buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_map),
		cmocka_unit_test(test_row),
		cmocka_unit_test(test_buf),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
