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

/* The times of an id, from cs_idtimes, "t1 t2 ..." in buf. */
static const char *
times_of(const struct cs_idtimes *s, const char *id, char *buf, size_t size)
{
	size_t len = 0;
	long i;

	buf[0] = '\0';
	for (i = cs_idtimes_first(s, id); i >= 0; i = cs_idtimes_next(s, i))
		len += (size_t)snprintf(buf + len, size - len, "%s%lld",
		    len ? " " : "", (long long)s->t[i]);
	return buf;
}

/* ids -> their times, in the order noted, packed and beside; a merge
 * keeps each id's order; against a plain list of every (id, time) */
static void
test_idtimes(void **state)
{
	struct cs_idtimes s, t;
	char id[32], buf[256], want[256];
	int i, k;

	(void)state;
	cs_idtimes_init(&s, "T");
	assert_int_equal(cs_idtimes_first(&s, "T-20261101-0001"), -1);
	cs_idtimes_add(&s, "T-20261101-0001", 30);
	cs_idtimes_add(&s, "T-20261101-1", 5);	/* another id than 0001 */
	cs_idtimes_add(&s, "T-20261101-0001", 10);
	cs_idtimes_add(&s, "hand made", 7);	/* beside */
	cs_idtimes_add(&s, "T-20261101-0001", 20);
	cs_idtimes_add(&s, "hand made", -1);
	assert_string_equal(times_of(&s, "T-20261101-0001", buf, sizeof buf),
	    "30 10 20");
	assert_string_equal(times_of(&s, "T-20261101-1", buf, sizeof buf), "5");
	assert_string_equal(times_of(&s, "hand made", buf, sizeof buf), "7 -1");
	assert_string_equal(times_of(&s, "T-20261101-0002", buf, sizeof buf), "");
	assert_string_equal(times_of(&s, "C-1", buf, sizeof buf), "");
	/* many: the table grows and every id keeps its times */
	for (k = 0; k < 3; k++)
		for (i = 0; i < 5000; i++) {
			snprintf(id, sizeof id, "T-20261102-%04d", i);
			cs_idtimes_add(&s, id, (cs_time)(i * 10 + k));
		}
	for (i = 0; i < 5000; i += 499) {
		snprintf(id, sizeof id, "T-20261102-%04d", i);
		snprintf(want, sizeof want, "%d %d %d", i * 10, i * 10 + 1,
		    i * 10 + 2);
		assert_string_equal(times_of(&s, id, buf, sizeof buf), want);
	}
	/* merged: after what to has, in from's order for each id */
	cs_idtimes_init(&t, "T");
	cs_idtimes_add(&t, "T-20261101-0001", 40);
	cs_idtimes_add(&t, "T-20261103-0001", 1);
	cs_idtimes_add(&t, "hand made", 8);
	cs_idtimes_add(&t, "T-20261101-0001", 50);
	cs_idtimes_merge(&s, &t);
	assert_int_equal(cs_idtimes_first(&t, "T-20261103-0001"), -1);
	assert_string_equal(times_of(&s, "T-20261101-0001", buf, sizeof buf),
	    "30 10 20 40 50");
	assert_string_equal(times_of(&s, "T-20261103-0001", buf, sizeof buf), "1");
	assert_string_equal(times_of(&s, "hand made", buf, sizeof buf), "7 -1 8");
	cs_idtimes_free(&s);
	assert_int_equal(cs_idtimes_first(&s, "T-20261101-0001"), -1);
	cs_idtimes_add(&s, "T-20261101-0001", 3);	/* usable again */
	assert_string_equal(times_of(&s, "T-20261101-0001", buf, sizeof buf), "3");
	cs_idtimes_free(&s);
	cs_idtimes_free(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pack),
		cmocka_unit_test(test_set),
		cmocka_unit_test(test_idtimes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
