/* test_classes.c: the classification report (classes.c) over a hand-made
 * table of customers and orders */
#include "unit.h"

/* The line of class i: "type|grade|customers|orders|weight|freight". */
static char *
line(const struct cs_classes *c, size_t i)
{
	struct cs_buf b = { 0 };

	cs_buf_addf(&b, "%s|%s|%ld|%ld|%.1f|%.2f", cs_class_type(i),
	    cs_class_grade(i), c->customers[i], c->orders[i], c->weight[i],
	    c->freight[i]);
	return b.s;
}

static void
test_classes(void **state)
{
	static const struct {
		const char *id, *type, *grade;
		int class;
	} customers[] = {
		{ "C-000001", "channel", "A", 0 },
		{ "C-000002", "channel", "A", 0 },
		{ "C-000003", "end", "C", 10 },
		{ "C-000004", "out-of-town", "", 7 },
		{ "C-000005", "vip", "A", -1 },		/* in no class */
		{ "C-000006", "end", "B", 9 },
	};
	static const struct {
		const char *customer;
		double weight, freight;
		int cancelled;
		const char *created;
	} orders[] = {
		{ "C-000001", 100, 999, 0, "2025-12-31 23:59" },	/* before */
		{ "C-000001", 10, 50.5, 0, "2026-01-01 00:00" },
		{ "C-000002", 2.5, 20, 0, "2026-03-01 09:00" },
		{ "C-000003", 1, 8, 0, "2026-11-21 09:00" },
		{ "C-000003", 7, 30, 1, "2026-11-21 10:00" },	/* cancelled */
		{ "C-000005", 5, 5, 0, "2026-05-01 09:00" },	/* no class */
		{ "C-000099", 5, 5, 0, "2026-05-01 09:00" },	/* no customer */
		{ "C-000006", 3, 12.25, 0, "2027-01-01 00:00" },	/* after */
	};
	static const char *const want[CS_CLASSES + 1] = {
		"channel|A|2|2|12.5|70.50",
		"channel|B|0|0|0.0|0.00",
		"channel|C|0|0|0.0|0.00",
		"channel|-|0|0|0.0|0.00",
		"out-of-town|A|0|0|0.0|0.00",
		"out-of-town|B|0|0|0.0|0.00",
		"out-of-town|C|0|0|0.0|0.00",
		"out-of-town|-|1|0|0.0|0.00",
		"end|A|0|0|0.0|0.00",
		"end|B|1|0|0.0|0.00",
		"end|C|1|1|1.0|8.00",
		"end|-|0|0|0.0|0.00",
		"all|all|5|3|13.5|78.50",
	};
	struct cs_classes c;
	struct cs_period p;
	cs_time t;
	size_t i;
	char *got;

	(void)state;
	assert_int_equal(cs_period_parse("year", "2026", &p), 0);
	cs_classes_init(&c, &p);
	for (i = 0; i < N(customers); i++)
		assert_int_equal(cs_classes_customer(&c, customers[i].id,
		    customers[i].type, customers[i].grade), customers[i].class);
	for (i = 0; i < N(orders); i++) {
		assert_int_equal(cs_time_parse(orders[i].created, &t), 0);
		cs_classes_order(&c, orders[i].customer, orders[i].weight,
		    orders[i].freight, orders[i].cancelled, t);
	}
	cs_classes_total(&c);
	for (i = 0; i <= CS_CLASSES; i++) {
		got = line(&c, i);
		if (strcmp(got, want[i]))
			fail_msg("class %zu: '%s', want '%s'", i, got, want[i]);
		free(got);
	}
	/* totalled again, the same */
	cs_classes_total(&c);
	got = line(&c, CS_CLASSES);
	assert_string_equal(got, want[CS_CLASSES]);
	free(got);
	cs_classes_free(&c);
}

/* Ids by number and width (C-7 and C-007 are two customers), far ones
 * and others beside them, a second line of an id taking its class; and
 * sums exact whatever order the orders come in. */
static void
test_classes_ids(void **state)
{
	static const char *const ids[] = { "C-000001", "C-1", "C-001",
		"C-99999999999", "C-7", "C-000007", "C-20260101-1", "Cx" };
	struct cs_classes c;
	struct cs_period p;
	cs_time t;
	size_t i, k;
	int64_t sum;

	(void)state;
	assert_int_equal(cs_period_parse("year", "2026", &p), 0);
	assert_int_equal(cs_time_parse("2026-06-01 09:00", &t), 0);
	cs_classes_init(&c, &p);
	for (i = 0; i < N(ids); i++)	/* class i % 12 */
		assert_int_equal(cs_classes_customer(&c, ids[i],
		    cs_class_types[i % 12 / 4], (const char *[]){ "A", "B", "C",
		    "" }[i % 4]), (int)(i % 12));
	for (i = 0; i < N(ids); i++)
		for (k = 0; k <= i; k++)	/* i + 1 orders of 0.1 */
			cs_classes_order(&c, ids[i], 0.1, 0.01, 0, t);
	for (i = 0; i < N(ids); i++) {
		assert_int_equal(c.orders[i % 12], (long)i + 1);
		assert_true(c.wsum[i % 12] == (int64_t)(i + 1) * 100000);
	}
	/* C-000001 again, now in class 11: its orders go there */
	assert_int_equal(cs_classes_customer(&c, "C-000001", "end", ""), 11);
	cs_classes_order(&c, "C-000001", 1, 1, 0, t);
	assert_int_equal(c.orders[11], 1);
	assert_int_equal(c.orders[0], 1);
	cs_classes_free(&c);

	/* a thousand and one thousandths and a billion, in two orders: the
	 * same exact sum */
	for (k = 0; k < 2; k++) {
		cs_classes_init(&c, &p);
		cs_classes_customer(&c, "C-000001", "end", "A");
		cs_classes_order(&c, "C-000001", k ? 1e9 : 0.001, 0, 0, t);
		for (i = 0; i < 1000; i++)
			cs_classes_order(&c, "C-000001", 0.001, 0, 0, t);
		cs_classes_order(&c, "C-000001", k ? 0.001 : 1e9, 0, 0, t);
		cs_classes_total(&c);
		if (k == 0)
			sum = c.wsum[8];
		else
			assert_true(c.wsum[8] == sum);
		assert_true(sum == 1000000001001000);
		cs_classes_free(&c);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classes),
		cmocka_unit_test(test_classes_ids),
	};

	unit_zone();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
