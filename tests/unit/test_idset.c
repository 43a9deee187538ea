/* test_idset.c: record ids packed into 64 bits, and the set of them */
#include "unit.h"

static void
test_pack(void **state)
{
	static const char *const ids[] = {
		"T-20261101-0001", "T-20261101-1", "T-20261101-01",
		"T-20261130-25453", "T-20261130-999999999", "T-0", "T-007",
		"T-123456789012345",
	};
	static const char *const odd[] = {
		"", "T", "T-", "T-x", "T-1-2", "T-2026110-1", "T-20261101-",
		"T-20261101-1234567890", "T-1234567890123456", "K-20261101-0001",
		"T-20261101-0001-1", "TT-1",
	};
	char buf[64];
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		uint64_t k = cs_id_pack("T", ids[i]);
		assert_true(k != 0);
		assert_string_equal(cs_id_unpack("T", k, buf, sizeof buf), ids[i]);
		for (j = 0; j < i; j++)	/* distinct */
			assert_true(cs_id_pack("T", ids[j]) != k);
	}
	for (i = 0; i < sizeof odd / sizeof odd[0]; i++)
		assert_true(cs_id_pack("T", odd[i]) == 0);
	/* in cs_id_cmp's order where it tells them apart */
	assert_true(cs_id_pack("C", "C-99") < cs_id_pack("C", "C-100"));
	assert_true(cs_id_pack("T", "T-20261101-9999") <
	    cs_id_pack("T", "T-20261101-10000"));
	assert_true(cs_id_pack("T", "T-20261101-99999") <
	    cs_id_pack("T", "T-20261102-0001"));
}

static void
test_set(void **state)
{
	struct cs_idset s, t;
	char id[64];
	int isnew, i, *v;

	(void)state;
	cs_idset_init(&s, "T", sizeof(int));
	for (i = 1; i <= 5000; i++) {	/* in order: appended */
		snprintf(id, sizeof id, "T-20261101-%04d", i);
		v = cs_idset_put(&s, id, &isnew);
		assert_true(isnew);
		*v = i;
	}
	assert_int_equal(s.n, 5000);
	/* out of order, other shapes: beside them, found all the same */
	v = cs_idset_put(&s, "T-20261031-0001", &isnew);
	assert_true(isnew);
	*v = -1;
	v = cs_idset_put(&s, "odd one", &isnew);
	assert_true(isnew);
	*v = -2;
	v = cs_idset_put(&s, "T-20261101-0042", &isnew);	/* twice */
	assert_false(isnew);
	assert_int_equal(*v, 42);
	assert_int_equal(cs_idset_count(&s), 5002);
	assert_int_equal(*(int *)cs_idset_get(&s, "T-20261031-0001"), -1);
	assert_int_equal(*(int *)cs_idset_get(&s, "odd one"), -2);
	assert_int_equal(*(int *)cs_idset_get(&s, "T-20261101-4999"), 4999);
	assert_null(cs_idset_get(&s, "T-20261101-42"));	/* not "0042" */
	assert_null(cs_idset_get(&s, "T-20261101-5001"));
	assert_null(cs_idset_get(&s, "K-20261101-0001"));
	assert_int_equal(cs_idset_index(&s, "T-20261101-0001"), 0);
	assert_int_equal(cs_idset_index(&s, "T-20261101-5000"), 4999);
	assert_int_equal(cs_idset_index(&s, "T-20261031-0001"), -1);	/* beside */
	assert_int_equal(cs_idset_index(&s, "T-20261101-5001"), -1);
	/* an id first put beside the array is not appended again */
	cs_idset_put(&s, "T-20261201-0001", NULL);
	cs_idset_init(&t, "T", sizeof(int));
	cs_idset_put(&t, "T-20261231-0001", NULL);
	cs_idset_put(&t, "T-20261130-0001", NULL);	/* beside */
	cs_idset_put(&t, "T-20261101-0001", NULL);	/* in s already */
	v = cs_idset_put(&t, "T-20261101-0002", NULL);
	*v = 7;
	cs_idset_merge(&s, &t);
	assert_int_equal(cs_idset_count(&t), 0);	/* emptied */
	assert_int_equal(cs_idset_count(&s), 5005);
	assert_int_equal(*(int *)cs_idset_get(&s, "T-20261101-0002"), 2);
	assert_non_null(cs_idset_get(&s, "T-20261130-0001"));
	assert_non_null(cs_idset_get(&s, "T-20261231-0001"));
	/* into an empty set: moved */
	cs_idset_merge(&t, &s);
	assert_int_equal(cs_idset_count(&t), 5005);
	assert_int_equal(cs_idset_count(&s), 0);
	assert_int_equal(*(int *)cs_idset_get(&t, "odd one"), -2);
	cs_idset_free(&t);
	cs_idset_free(&s);
	assert_null(cs_idset_get(&s, "T-20261101-0001"));

	/* without values */
	cs_idset_init(&s, "C", 0);
	assert_null(cs_idset_get(&s, "C-1"));
	cs_idset_put(&s, "C-1", NULL);
	assert_non_null(cs_idset_get(&s, "C-1"));
	cs_idset_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pack),
		cmocka_unit_test(test_set),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
