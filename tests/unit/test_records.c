/* test_records.c: each invariant of a record (rules/records.c) over
 * records made by hand: the field that breaks it, or none */
#include "unit.h"

static struct cs_ds ds;
static struct cs_master tm, km, om;

static int
setup(void **state)
{
	(void)state;
	unit_zone();
	ds.dir = "/nonexistent";
	ds.lockfd = -1;
	if (cs_master_open(&tm, &ds, &cs_schema_tickets) < 0 ||
	    cs_master_open(&km, &ds, &cs_schema_complaints) < 0 ||
	    cs_master_open(&om, &ds, &cs_schema_orders) < 0)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	cs_master_close(&tm);
	cs_master_close(&km);
	cs_master_close(&om);
	return 0;
}

/* A record of m from "field=value;field=value". */
static void
make(const struct cs_master *m, struct cs_row *r, const char *fields)
{
	char *s = cs_xstrdup(fields), *save = NULL, *f, *eq;

	cs_master_blank(m, r);
	for (f = strtok_r(s, ";", &save); f; f = strtok_r(NULL, ";", &save)) {
		eq = strchr(f, '=');
		assert_non_null(eq);
		*eq = '\0';
		cs_master_put(m, r, f, eq + 1);
	}
	free(s);
}

#define OPENED "opened_at=2026-11-20T10:00:00+08:00"
#define RECEIVED "received_at=2026-11-20T10:00:00+08:00"
#define CREATED "created_at=2026-11-20T10:00:00+08:00"

static void
test_ticket(void **state)
{
	static const struct {
		const char *rec, *field;	/* NULL: it holds */
	} times[] = {
		{ OPENED ";first_response_at=2026-11-20T10:05:00+08:00;"
		  "resolved_at=2026-11-20T11:00:00+08:00;"
		  "closed_at=2026-11-21T11:00:00+08:00", NULL },
		{ OPENED ";resolved_at=2026-11-19T11:00:00+08:00", "resolved_at" },
		{ OPENED ";first_response_at=2026-11-20T09:00:00+08:00",
		  "first_response_at" },
		{ OPENED ";first_response_at=2026-11-20T12:00:00+08:00;"
		  "resolved_at=2026-11-20T11:00:00+08:00", "resolved_at" },
		{ OPENED ";resolved_at=2026-11-20T11:00:00+08:00;"
		  "closed_at=2026-11-20T10:30:00+08:00", "closed_at" },
		{ OPENED ";promised_at=2026-11-20T09:00:00+08:00", "promised_at" },
		{ OPENED ";pending_since=2026-11-19T09:00:00+08:00",
		  "pending_since" },
	}, status[] = {
		{ "status=open", NULL },
		{ "status=pending;resolved_at=2026-11-20T11:00:00+08:00",
		  "resolved_at" },
		{ "status=open;closed_at=2026-11-20T11:00:00+08:00", "closed_at" },
		{ "status=resolved", "resolved_at" },
		{ "status=resolved;resolved_at=2026-11-20T11:00:00+08:00;"
		  "closed_at=2026-11-20T12:00:00+08:00", "closed_at" },
		{ "status=closed;closed_at=2026-11-20T12:00:00+08:00",
		  "resolved_at" },
		{ "status=closed;resolved_at=2026-11-20T11:00:00+08:00",
		  "closed_at" },
		{ "status=closed;resolved_at=2026-11-20T11:00:00+08:00;"
		  "closed_at=2026-11-20T12:00:00+08:00", NULL },
	};
	struct cs_row r = { 0 };
	struct cs_broken b;
	size_t i;

	(void)state;
	for (i = 0; i < N(times); i++) {
		make(&tm, &r, times[i].rec);
		assert_int_equal(cs_records_ticket_times(&tm, &r, &b),
		    times[i].field != NULL);
		if (times[i].field)
			assert_string_equal(b.field, times[i].field);
	}
	for (i = 0; i < N(status); i++) {
		make(&tm, &r, status[i].rec);
		assert_int_equal(cs_records_ticket_status(&tm, &r, &b),
		    status[i].field != NULL);
		if (status[i].field)
			assert_string_equal(b.field, status[i].field);
	}
	cs_row_free(&r);
}

static void
test_ticket_refs(void **state)
{
	struct cs_ref none = { 0 }, mine = { 1, "C-000001", 0 },
	    theirs = { 1, "C-000002", 0 };
	struct cs_row r = { 0 };
	struct cs_broken b;

	(void)state;
	make(&tm, &r, "customer=C-000001");
	assert_int_equal(cs_records_ticket_refs(&tm, &r, &none, &b), 0);
	make(&tm, &r, "customer=C-000001;order=O-20261120-0001");
	assert_int_equal(cs_records_ticket_refs(&tm, &r, &mine, &b), 0);
	assert_int_equal(cs_records_ticket_refs(&tm, &r, &theirs, &b), 1);
	assert_string_equal(b.field, "order");
	assert_string_equal(b.why, "order O-20261120-0001 is customer "
	    "C-000002's, not C-000001's");
	make(&tm, &r, "customer=C-000001;order=O-BOGUS");
	assert_int_equal(cs_records_ticket_refs(&tm, &r, &none, &b), 1);
	assert_string_equal(b.why, "order O-BOGUS: no such order");
	/* no customer on the ticket: the order need only exist */
	make(&tm, &r, "order=O-20261120-0001");
	assert_int_equal(cs_records_ticket_refs(&tm, &r, &theirs, &b), 0);
	cs_row_free(&r);
}

static void
test_complaint(void **state)
{
	static const struct {
		const char *rec, *field;
	} times[] = {
		{ RECEIVED ";recorded_at=2026-11-20T10:05:00+08:00;"
		  "answered_at=2026-11-21T10:00:00+08:00;"
		  "resolved_at=2026-11-21T12:00:00+08:00;"
		  "visit_at=2026-11-22T12:00:00+08:00;"
		  "closed_at=2026-11-22T13:00:00+08:00", NULL },
		{ RECEIVED ";recorded_at=2026-11-20T09:00:00+08:00", "recorded_at" },
		{ RECEIVED ";answered_at=2026-11-21T10:00:00+08:00;"
		  "resolved_at=2026-11-21T09:00:00+08:00", "resolved_at" },
		{ RECEIVED ";closed_at=2026-11-19T10:00:00+08:00", "closed_at" },
		{ RECEIVED ";escalated_at=2026-11-19T10:00:00+08:00",
		  "escalated_at" },
	}, status[] = {
		{ "status=open", NULL },
		{ "status=forwarded;answered_at=2026-11-21T10:00:00+08:00",
		  "answered_at" },
		{ "status=open;resolved_at=2026-11-21T10:00:00+08:00",
		  "resolved_at" },
		{ "status=answered", "answered_at" },
		{ "status=answered;answered_at=2026-11-21T10:00:00+08:00", NULL },
		{ "status=resolved", "resolved_at" },
		{ "status=visited;resolved_at=2026-11-21T10:00:00+08:00",
		  "visit_at" },
		{ "status=satisfied;resolved_at=2026-11-21T10:00:00+08:00;"
		  "closed_at=2026-11-22T10:00:00+08:00", "closed_at" },
		{ "status=closed", "closed_at" },
		/* closed by override, never answered */
		{ "status=closed;closed_at=2026-11-22T10:00:00+08:00", NULL },
	};
	struct cs_row r = { 0 };
	struct cs_broken b;
	size_t i;

	(void)state;
	for (i = 0; i < N(times); i++) {
		make(&km, &r, times[i].rec);
		assert_int_equal(cs_records_complaint_times(&km, &r, &b),
		    times[i].field != NULL);
		if (times[i].field)
			assert_string_equal(b.field, times[i].field);
	}
	for (i = 0; i < N(status); i++) {
		make(&km, &r, status[i].rec);
		assert_int_equal(cs_records_complaint_status(&km, &r, &b),
		    status[i].field != NULL);
		if (status[i].field)
			assert_string_equal(b.field, status[i].field);
	}
	cs_row_free(&r);
}

static void
test_complaint_refs(void **state)
{
	struct cs_ref none = { 0 }, before = { 1, "C-000001", 0 },
	    after = { 1, "C-000001", 0 }, theirs = { 1, "C-000002", 0 };
	struct cs_row r = { 0 };
	struct cs_broken b;

	(void)state;
	assert_int_equal(cs_time_parse("2026-11-19 10:00", &before.at), 0);
	assert_int_equal(cs_time_parse("2026-11-21 10:00", &after.at), 0);
	theirs.at = before.at;
	make(&km, &r, RECEIVED ";customer=C-000001;ticket=T-20261119-0001;"
	    "order=O-20261119-0001");
	assert_int_equal(cs_records_complaint_refs(&km, &r, &before, &before,
	    &b), 0);
	assert_int_equal(cs_records_complaint_refs(&km, &r, &none, &before,
	    &b), 1);
	assert_string_equal(b.field, "ticket");
	assert_string_equal(b.why, "ticket T-20261119-0001: no such ticket");
	assert_int_equal(cs_records_complaint_refs(&km, &r, &after, &before,
	    &b), 1);
	assert_string_equal(b.field, "ticket");
	assert_string_equal(b.why, "ticket T-20261119-0001 was opened at "
	    "2026-11-21T10:00:00+08:00, after the complaint was received "
	    "(2026-11-20T10:00:00+08:00)");
	assert_int_equal(cs_records_complaint_refs(&km, &r, &theirs, &before,
	    &b), 1);
	assert_string_equal(b.field, "ticket");
	assert_int_equal(cs_records_complaint_refs(&km, &r, &before, &none,
	    &b), 1);
	assert_string_equal(b.field, "order");
	assert_int_equal(cs_records_complaint_refs(&km, &r, &before, &after,
	    &b), 1);
	assert_string_equal(b.field, "order");
	assert_int_equal(cs_records_complaint_refs(&km, &r, &before, &theirs,
	    &b), 1);
	assert_string_equal(b.field, "order");
	cs_row_free(&r);
}

static void
test_order(void **state)
{
	struct cs_row r = { 0 };
	struct cs_broken b;

	(void)state;
	make(&om, &r, CREATED ";delivered_at=2026-11-22T10:00:00+08:00;"
	    "status=signed");
	assert_int_equal(cs_records_order_times(&om, &r, &b), 0);
	assert_int_equal(cs_records_order_status(&om, &r, &b), 0);
	make(&om, &r, CREATED ";delivered_at=2026-11-19T10:00:00+08:00");
	assert_int_equal(cs_records_order_times(&om, &r, &b), 1);
	assert_string_equal(b.field, "delivered_at");
	make(&om, &r, "status=in-transit;delivered_at=2026-11-22T10:00:00+08:00");
	assert_int_equal(cs_records_order_status(&om, &r, &b), 1);
	assert_string_equal(b.field, "delivered_at");
	make(&om, &r, "status=cancelled");
	assert_int_equal(cs_records_order_status(&om, &r, &b), 0);
	/* an exception's state: of an exception; resolved with its
	 * resolution and time, which only a resolved one has */
	make(&om, &r, "status=in-transit;exception_status=open");
	assert_int_equal(cs_records_order_status(&om, &r, &b), 1);
	assert_string_equal(b.field, "exception_status");
	make(&om, &r, "status=in-transit;exception=delay;exception_status=open");
	assert_int_equal(cs_records_order_status(&om, &r, &b), 0);
	make(&om, &r, "status=lost;exception=loss;exception_status=resolved;"
	    "exception_resolved_at=2026-11-22T10:00:00+08:00");
	assert_int_equal(cs_records_order_status(&om, &r, &b), 1);
	assert_string_equal(b.field, "exception_resolution");
	make(&om, &r, "status=lost;exception=loss;exception_status=open;"
	    "exception_resolved_at=2026-11-22T10:00:00+08:00");
	assert_int_equal(cs_records_order_status(&om, &r, &b), 1);
	assert_string_equal(b.field, "exception_resolved_at");
	make(&om, &r, "status=lost;exception=loss;exception_status=resolved;"
	    "exception_resolution=paid;"
	    "exception_resolved_at=2026-11-22T10:00:00+08:00");
	assert_int_equal(cs_records_order_status(&om, &r, &b), 0);
	cs_row_free(&r);
}

static void
test_events(void **state)
{
	static const struct {
		int order;
		const char *events;	/* "what what ...", an hour apart */
		int bad;		/* the event that breaks it, from 1; 0 */
	} cases[] = {
		{ 1, "created review confirm picked-up in-transit in-transit "
		  "delay out-for-delivery delivered sign damage", 0 },
		{ 1, "review", 1 },
		{ 1, "created confirm review", 3 },
		{ 1, "created created", 2 },
		{ 1, "created cancel review", 3 },
		{ 1, "created dropped", 2 },
		/* set before confirm; resolve after the end too */
		{ 1, "created set review set review confirm picked-up delay "
		  "resolve loss resolve", 0 },
		{ 1, "created cancel set", 3 },
		{ 0, "recorded forward respond resolve unsatisfied forward respond "
		  "resolve satisfied visit close", 0 },
		{ 0, "forward", 1 },
		{ 0, "recorded close forward", 3 },
	};
	struct cs_broken b;
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		struct cs_evstate st = { 0 };
		char *s = cs_xstrdup(cases[i].events), *save = NULL, *w;
		int k = 0, bad = 0;
		for (w = strtok_r(s, " ", &save); w && !bad;
		    w = strtok_r(NULL, " ", &save)) {
			k++;
			if (cs_records_event(&st, cases[i].order, w,
			    1800000000 + 3600 * k, &b))
				bad = k;
		}
		free(s);
		assert_int_equal(bad, cases[i].bad);
	}
	/* in time as well */
	{
		struct cs_evstate st = { 0 };
		assert_int_equal(cs_records_event(&st, 1, "created", 2000, &b), 0);
		assert_int_equal(cs_records_event(&st, 1, "review", 1000, &b), 1);
		assert_string_equal(b.field, "time");
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ticket),
		cmocka_unit_test(test_ticket_refs),
		cmocka_unit_test(test_complaint),
		cmocka_unit_test(test_complaint_refs),
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_events),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
