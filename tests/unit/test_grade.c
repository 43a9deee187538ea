/* test_grade.c: grades and alerts against hand-worked numbers; the
 * explanation of a grade, the changes a policy makes, and making them */
#include <math.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"

static struct cs_grade_policy pol;
static char *dir;

static void
write_policy(const char *text)
{
	struct cs_buf p = { 0 };

	cs_buf_addf(&p, "%s/policy", dir);
	mkdir(p.s, 0770);
	cs_buf_adds(&p, "/grades.csv");
	unit_write(p.s, text);
	cs_buf_free(&p);
}

/* The policy of the files written before types: no type column, one
 * rule for every customer, by thresholds.  It still reads. */
static const char untyped[] =
    "name,value\n"
    "weight.cooperation,20\nweight.volume,40\nweight.satisfaction,20\n"
    "weight.loyalty,20\nthreshold.A,80\nthreshold.B,60\n"
    "cooperation.months,36\nvolume.orders,120\nvolume.weight,6000\n"
    "volume.freight,30000\nsatisfaction.none,60\n"
    "satisfaction.complaint,10\nloyalty.visits,25\nvisit.A,1m\n"
    "visit.B,3m\nvisit.C,6m\nalert.recent,30\nalert.trailing,90\n"
    "alert.drop,0.5\nalert.drop.min,3\nalert.complaints,3\n"
    "alert.satisfaction,1\nalert.satisfaction.min,2\nalert.idle,60\n"
    "alert.reopens,3\n";

static int
setup(void **state)
{
	(void)state;
	dir = unit_tmpdir();
	write_policy(untyped);
	return cs_grade_policy_load(&pol, dir);
}

/* The untyped policy with lines for types added: a line "name,type,value"
 * each, the others for any type. */
static void
load_typed(struct cs_grade_policy *p, const char *lines)
{
	struct cs_buf t = { 0 };
	const char *l, *e;

	cs_buf_adds(&t, "name,type,value\n");
	for (l = strchr(untyped, '\n') + 1; *l; l = e + 1) {
		e = strchr(l, '\n');
		cs_buf_addf(&t, "%.*s", (int)(strchr(l, ',') - l + 1), l);
		cs_buf_addf(&t, "*,%.*s\n", (int)(e - strchr(l, ',') - 1),
		    strchr(l, ',') + 1);
	}
	cs_buf_adds(&t, lines);
	write_policy(t.s);
	if (cs_grade_policy_load(p, dir) < 0)
		fail_msg("%s", cs_errmsg());
	cs_buf_free(&t);
}

static int
teardown(void **state)
{
	(void)state;
	unit_rmrf(dir);
	free(dir);
	return 0;
}

/*
 * The default policy: weights 20 40 20 20, A at 80, B at 60; full marks
 * at 36 months, 120 orders, 6000 kg, 30000 yuan; 60 when nothing was
 * rated, 10 off a complaint; visits answered a quarter of loyalty.
 */
static void
test_score(void **state)
{
	static const struct {
		const char *what;
		struct cs_custstats s;
		double coop, volume, sat, loyalty, score;
		char grade;
	} cases[] = {
		/* 100; (50 + 50 + 100) / 3; (13/3 - 1) / 4 * 100 - 10;
		 * 75 * 10/12 + 25 * 3/4; (2000 + 2666.67 + 1466.67 + 1625) / 100 */
		{ "a worked customer", { .coop_months = 48, .orders = 60,
		  .weight = 3000, .freight = 30000, .months = 0x3ff, .ratings = 3,
		  .rating_sum = 13, .complaints = 1, .visits = 4, .answered = 3 },
		  100, 200.0 / 3, 220.0 / 3, 81.25, 77.583333333, 'B' },
		/* over the targets counts as the target; 60 - 6 * 10 = 0;
		 * (2000 + 4000 + 0 + 2000) / 100 is A exactly */
		{ "the A line itself", { .coop_months = 36, .orders = 500,
		  .weight = 9000, .freight = 40000, .months = 0x1fff,
		  .complaints = 6 }, 100, 100, 0, 100, 80, 'A' },
		{ "complaints never go below 0", { .coop_months = 36,
		  .orders = 500, .weight = 9000, .freight = 40000, .months = 0xfff,
		  .complaints = 7 }, 100, 100, 0, 100, 80, 'A' },
		/* 60 * 20 / 100 */
		{ "a new customer", { .coop_months = 0 }, 0, 0, 60, 0, 12, 'C' },
		/* 12/36; (10 + 20 + 20) / 3; a mean of 5; two months and no
		 * visit answered: 75 * 2/12 + 0;
		 * (20 * 33.33 + 40 * 16.67 + 20 * 100 + 20 * 12.5) / 100 */
		{ "months, not the whole", { .coop_months = 12, .orders = 12,
		  .weight = 1200, .freight = 6000, .months = 0x5, .ratings = 2,
		  .rating_sum = 10, .visits = 2, .answered = 0 },
		  100.0 / 3, 50.0 / 3, 100, 12.5, 35.8333333333, 'C' },
	};
	struct cs_grade_parts g;
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		cs_grade_score(&pol, &cases[i].s, &g);
		if (fabs(g.coop - cases[i].coop) > 1e-6 ||
		    fabs(g.volume - cases[i].volume) > 1e-6 ||
		    fabs(g.sat - cases[i].sat) > 1e-6 ||
		    fabs(g.loyalty - cases[i].loyalty) > 1e-6 ||
		    fabs(g.score - cases[i].score) > 1e-6 ||
		    g.grade != cases[i].grade)
			fail_msg("%s: %g %g %g %g = %.9f %c", cases[i].what, g.coop,
			    g.volume, g.sat, g.loyalty, g.score, g.grade);
	}
}

/*
 * A line for a type is that type's, the line for any type everyone
 * else's.  The customer of "months, not the whole" as an end customer,
 * full marks at 24 orders, 600 kg and 3000 yuan: (50 + 100 + 100) / 3 =
 * 83.33; (20 * 33.33 + 40 * 83.33 + 20 * 100 + 20 * 12.5) / 100 = 62.5:
 * A by end's thresholds (A 60, B 40), where any's would make it B; as a
 * channel partner as before (35.83, C).
 */
static void
test_typed(void **state)
{
	struct cs_custstats s = { .coop_months = 12, .orders = 12,
		.weight = 1200, .freight = 6000, .months = 0x5, .ratings = 2,
		.rating_sum = 10, .visits = 2, .answered = 0, .type = "end" };
	struct cs_grade_policy p;
	struct cs_grade_parts g;

	(void)state;
	load_typed(&p, "volume.orders,end,24\nvolume.weight,end,600\n"
	    "volume.freight,end,3000\nthreshold.A,end,60\n"
	    "threshold.B,end,40\n");
	assert_int_equal(cs_grade_type("end"), 2);
	assert_int_equal(cs_grade_type("channel"), 0);
	assert_int_equal(cs_grade_type("partner"), CS_GRADE_ANY);
	cs_grade_score(&p, &s, &g);
	assert_true(fabs(g.volume - 250.0 / 3) < 1e-9);
	assert_true(fabs(g.score - 62.5) < 1e-9);
	assert_int_equal(g.grade, 'A');
	assert_true(p.t[2].relative[0] < 0);	/* none given */
	snprintf(s.type, sizeof s.type, "channel");
	cs_grade_score(&p, &s, &g);
	assert_true(fabs(g.score - 35.8333333333) < 1e-6);
	assert_int_equal(g.grade, 'C');
	/* a type outside the three: any's */
	snprintf(s.type, sizeof s.type, "partner");
	cs_grade_score(&p, &s, &g);
	assert_int_equal(g.grade, 'C');
}

/*
 * The relative rule: ten end customers scoring 12 + orders / 9 (nothing
 * but orders and the 60 of no rating), two channel partners by thresholds.
 * End: top 20% A (rank 2 of 10 or better), next 30% B (rank 5 or
 * better).  Orders 120, 110, 100, 100, 90, 80, 70, 60, 50, 0: ranks 1
 * and 2 (A); the two 100s share the rank of the last of them, 4 (B); 90
 * is 5 (B); 80 is 6 (C).  The channel partners: 12 (C) and 80 (A),
 * whatever their rank.  Nobody doing anything ties everyone: all C.
 */
static void
test_relative(void **state)
{
	static const long orders[] = { 120, 110, 100, 100, 90, 80, 70, 60, 50,
		0 };
	static const char want[] = "AABBBCCCCC";
	struct cs_custstats c[12];
	struct cs_custset set = { .c = c, .n = N(c) };
	struct cs_grade_policy p;
	size_t i;

	(void)state;
	memset(c, 0, sizeof c);
	for (i = 0; i < 10; i++) {
		snprintf(c[i].type, sizeof c[i].type, "end");
		c[i].orders = orders[i];
	}
	snprintf(c[10].type, sizeof c[10].type, "channel");
	c[11] = (struct cs_custstats){ .coop_months = 36, .orders = 500,
		.weight = 9000, .freight = 40000, .months = 0x1fff,
		.complaints = 6, .type = "channel" };
	load_typed(&p, "relative.A,end,20%\nrelative.B,end,30%\n");
	assert_true(fabs(p.t[2].relative[0] - 0.2) < 1e-12);
	assert_true(fabs(p.t[2].relative[1] - 0.3) < 1e-12);
	assert_true(p.t[0].relative[0] < 0);
	cs_grade_rank(&p, &set);
	for (i = 0; i < 10; i++)
		if (c[i].want != want[i])
			fail_msg("end customer %zu: %c, want %c", i, c[i].want,
			    want[i]);
	assert_int_equal(c[0].rank, 1);
	assert_int_equal(c[2].rank, 4);
	assert_int_equal(c[3].rank, 4);
	assert_int_equal(c[4].rank, 5);
	assert_int_equal(c[4].of, 10);
	assert_int_equal(c[10].want, 'C');
	assert_int_equal(c[11].want, 'A');
	assert_int_equal(c[11].of, 0);
	/* relative.A alone: B is none; 10% of 2 is not the first; 0%: no A */
	load_typed(&p, "relative.A,*,10%\n");
	cs_grade_rank(&p, &set);
	assert_int_equal(c[0].want, 'A');
	assert_int_equal(c[1].want, 'C');
	assert_int_equal(c[11].want, 'C');
	assert_int_equal(c[11].rank, 1);
	assert_int_equal(c[11].of, 2);
	load_typed(&p, "relative.A,*,0%\nrelative.B,*,50%\n");
	cs_grade_rank(&p, &set);
	assert_int_equal(c[0].want, 'B');
	assert_int_equal(c[4].want, 'B');
	assert_int_equal(c[5].want, 'C');
	/* all tied */
	load_typed(&p, "relative.A,*,20%\nrelative.B,*,30%\n");
	for (i = 0; i < 10; i++)
		c[i].orders = 0;
	cs_grade_rank(&p, &set);
	for (i = 0; i < 10; i++)
		assert_int_equal(c[i].want, 'C');
	assert_int_equal(c[0].rank, 10);
	write_policy(untyped);
}

/* Windows of 30 days against the 90 before; now is 2026-11-22 10:00. */
static void
test_alerts(void **state)
{
	static const struct {
		const char *what;
		struct cs_custstats s;
		int days_idle;
		const char *kinds;
	} cases[] = {
		{ "steady", { .orders_trailing = 24, .orders_recent = 8,
		  .complaints_recent = 1, .complaints_trailing = 3,
		  .rated_recent = 2, .rsum_recent = 8, .rated_before = 6,
		  .rsum_before = 27, .reopens = 2 }, 3, "" },
		/* 8 expected, 3 < 4 */
		{ "orders fall", { .orders_trailing = 24, .orders_recent = 3 }, 3,
		  "volume" },
		{ "half is not less than half", { .orders_trailing = 24,
		  .orders_recent = 4 }, 3, "" },
		{ "too few to tell", { .orders_trailing = 8, .orders_recent = 0 },
		  -1, "" },
		{ "a complaint spike", { .complaints_recent = 3 }, -1, "complaints" },
		{ "as many as usual", { .complaints_recent = 3,
		  .complaints_trailing = 12 }, -1, "" },
		/* 2.0 against 4.0 */
		{ "satisfaction drops", { .rated_recent = 2, .rsum_recent = 4,
		  .rated_before = 4, .rsum_before = 16 }, -1, "satisfaction" },
		{ "one rating is not a trend", { .rated_recent = 1,
		  .rsum_recent = 1, .rated_before = 4, .rsum_before = 16 }, -1, "" },
		{ "idle 60 days", { .orders = 5 }, 60, "idle" },
		{ "idle 59 days", { .orders = 5 }, 59, "" },
		{ "reopens", { .reopens = 3 }, -1, "reopens" },
		{ "two reopens", { .reopens = 2 }, -1, "" },
		{ "everything", { .orders_trailing = 30, .complaints_recent = 4,
		  .rated_recent = 3, .rsum_recent = 3, .rated_before = 3,
		  .rsum_before = 12, .reopens = 5 }, 70,
		  "volume complaints satisfaction idle reopens" },
	};
	struct cs_alert a[CS_ALERTS_MAX];
	struct cs_buf got = { 0 };
	cs_time now;
	size_t i;
	int n, j;

	(void)state;
	assert_int_equal(cs_time_parse("2026-11-22 10:00", &now), 0);
	for (i = 0; i < N(cases); i++) {
		struct cs_custstats s = cases[i].s;
		if (cases[i].days_idle >= 0)
			s.last_order = now - (cs_time)cases[i].days_idle * 86400;
		n = cs_alerts(&pol, &s, now, a);
		cs_buf_reset(&got);
		cs_buf_adds(&got, "");
		for (j = 0; j < n; j++)
			cs_buf_addf(&got, "%s%s", j ? " " : "", a[j].kind);
		if (strcmp(got.s, cases[i].kinds))
			fail_msg("%s: got '%s', want '%s'", cases[i].what, got.s,
			    cases[i].kinds);
	}
	/* the numbers behind one */
	{
		struct cs_custstats s = { .orders_trailing = 24, .orders_recent = 3 };
		assert_int_equal(cs_alerts(&pol, &s, now, a), 1);
		assert_string_equal(a[0].why, "3 orders in 30 days against 8.0 "
		    "expected from the 90 before: down 62%");
	}
	cs_buf_free(&got);
}

static void
test_policy_refused(void **state)
{
	static const struct {
		const char *text, *why;
	} cases[] = {
		{ "name,value\nweight.volume,40\n", "no 'weight.cooperation'" },
		{ "name,value\nvolume.orders,0\n", "grades.csv:2: field 'value': "
		  "volume.orders: not a number" },
		{ "name,value\nalert.idle,7.5\n", "alert.idle: not a whole number" },
		{ "name,value\nthreshold.A,abc\n", ": 'abc'" },
		{ "name,type,value\nthreshold.A,end,abc\n",
		  "grades.csv:2: field 'value': threshold.A: not a number" },
		{ "name,type,value\nalert.idle,end,20\n",
		  "grades.csv:2: field 'type': not a type of this name" },
	};
	struct cs_grade_policy p;
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		write_policy(cases[i].text);
		assert_int_equal(cs_grade_policy_load(&p, dir), -1);
		assert_int_equal(cs_errstatus(), CS_ECONFIG);
		if (strstr(cs_errmsg(), cases[i].why) == NULL)
			fail_msg("case %zu: '%s'", i, cs_errmsg());
	}
}

/* Every line of the explanation of the worked customer of test_score,
 * and of one with nothing rated and no grade yet. */
static void
test_explain(void **state)
{
	static const char *const worked[CS_GRADE_NITEMS] = {
		"year|2025-11-22 to 2026-11-22|||",
		"cooperation_months|48|36|100.00|20",
		"orders|60|120|50.00|",
		"weight|3000.0|6000|50.00|",
		"freight|30000.00|30000|100.00|",
		"volume|||66.67|40",
		/* 100 * (13/3 - 1) / 4; 10 off for the complaint */
		"ratings|3, mean 4.33|5|83.33|",
		"complaints|1|-10 each||",
		"satisfaction|||73.33|20",
		"months_with_orders|10|12||",
		"visits_answered|3 of 4|25% of loyalty||",
		"loyalty|||81.25|20",
		"score|||77.58|",
		"grade|B|A 80, B 60||",
		"grade_now|A|||",
	};
	struct cs_custstats s = { .coop_months = 48, .orders = 60,
		.weight = 3000, .freight = 30000, .months = 0x3ff, .ratings = 3,
		.rating_sum = 13, .complaints = 1, .visits = 4, .answered = 3,
		.grade = 'A' };
	struct cs_custstats none = { .coop_months = 0 };
	struct cs_grade_item it[CS_GRADE_NITEMS];
	struct cs_buf b = { 0 };
	cs_time from, now;
	size_t i;

	(void)state;
	assert_int_equal(cs_time_parse("2025-11-22 10:00", &from), 0);
	assert_int_equal(cs_time_parse("2026-11-22 10:00", &now), 0);
	cs_grade_explain(&pol, &s, from, now, it);
	for (i = 0; i < CS_GRADE_NITEMS; i++) {
		cs_buf_reset(&b);
		cs_buf_addf(&b, "%s|%s|%s|%s|%s", it[i].item, it[i].value,
		    it[i].full, it[i].score, it[i].weight);
		if (strcmp(b.s, worked[i]))
			fail_msg("line %zu: '%s', want '%s'", i, b.s, worked[i]);
	}
	cs_grade_explain(&pol, &none, from, now, it);
	assert_string_equal(it[6].value, "0");
	assert_string_equal(it[6].score, "60.00");	/* nothing rated */
	assert_string_equal(it[12].score, "12.00");
	assert_string_equal(it[13].value, "C");
	assert_string_equal(it[14].value, "-");
	cs_buf_free(&b);
}

/* The customers whose stored grade is not the policy's, in order. */
static void
test_changes(void **state)
{
	struct cs_custstats c[] = {
		/* 95.5 (see 37-customer-grade): A, stored B */
		{ .id = "C-000001", .grade = 'B', .coop_months = 41,
		  .orders = 120, .weight = 6000, .freight = 30000,
		  .months = 0xfff, .ratings = 2, .rating_sum = 9,
		  .complaints = 1 },
		/* exactly 80: A, stored A */
		{ .id = "C-000002", .grade = 'A', .coop_months = 36,
		  .orders = 500, .weight = 9000, .freight = 40000,
		  .months = 0x1fff, .complaints = 6 },
		/* 12: C, never graded */
		{ .id = "C-000003" },
		/* 12: C, stored C */
		{ .id = "C-000004", .grade = 'C' },
	};
	struct cs_custset set = { .c = c, .n = N(c) };
	struct cs_grade_change *ch;
	size_t n;

	(void)state;
	ch = cs_grade_changes(&pol, &set, &n);
	assert_int_equal(n, 2);
	assert_int_equal(ch[0].i, 0);
	assert_int_equal(ch[0].grade, 'A');
	assert_int_equal(ch[1].i, 2);
	assert_int_equal(ch[1].grade, 'C');
	free(ch);
	set.n = 0;
	ch = cs_grade_changes(&pol, &set, &n);
	assert_int_equal(n, 0);
	free(ch);
}

/* The changes into customers.csv, a journal line each, the rest of each
 * record as it was; a change already made is not made again. */
static void
test_apply(void **state)
{
	struct cs_custstats c[] = { { .id = "C-000001" }, { .id = "C-000002" },
		{ .id = "C-000003" } };
	struct cs_custset set = { .c = c, .n = N(c) };
	struct cs_grade_change ch[] = { { 0, 'A' }, { 2, 'C' } };
	static const char journal[] = CS_JOURNAL_HEADER
	    "2026-11-22T10:00:00+08:00,li.na,cs-test,grade,C-000001,grade,B,A,"
	    "178436ac37a65840c71280b9e3df538fc31e294050f8b9ba6a1f38674f095879\n"
	    "2026-11-22T10:00:00+08:00,li.na,cs-test,grade,C-000003,grade,,C,"
	    "f479ceec185d64d469e64919a8935d287f8a4f8cd7bb8517d9b51509d6cfaf9c\n";	/* each with its hash (hashlib) */
	struct cs_buf p = { 0 }, jp = { 0 };
	struct cs_ds ds;
	char *text;

	(void)state;
	setenv("CS_NOW", "2026-11-22 10:00", 1);
	setenv("CS_USER", "li.na", 1);
	cs_progname = "cs-test";
	cs_buf_addf(&p, "%s/customers.csv", dir);
	cs_buf_addf(&jp, "%s/journal/2026-11.csv", dir);
	unit_write(p.s, "id,name,contact,phone,email,company,address,region,"
	    "type,grade,since,needs,frequency,transport,notes\n"
	    "C-000001,甲,,,,,,华东,channel,B,,,,,\"a, b\"\n"
	    "C-000002,乙,,,,,,,end,A,,,,,\n"
	    "C-000003,丙,,,,,,,end,,,,,,\n");
	assert_int_equal(cs_ds_open(&ds, dir), 0);
	/* the journal's columns, not who acts (test_acting_user in
	 * test_journal.c): whoever runs the tests stands for li.na */
	ds.real = ds.user;
	assert_int_equal(cs_grade_apply(&ds, &set, ch, N(ch)), 0);
	text = unit_slurp(p.s);
	assert_string_equal(text, "id,name,contact,phone,email,company,address,"
	    "region,type,grade,since,needs,frequency,transport,notes\n"
	    "C-000001,甲,,,,,,华东,channel,A,,,,,\"a, b\"\n"
	    "C-000002,乙,,,,,,,end,A,,,,,\n"
	    "C-000003,丙,,,,,,,end,C,,,,,\n");
	free(text);
	text = unit_slurp(jp.s);
	assert_string_equal(text, journal);
	free(text);
	/* again: nothing differs, nothing written */
	assert_int_equal(cs_grade_apply(&ds, &set, ch, N(ch)), 0);
	text = unit_slurp(jp.s);
	assert_string_equal(text, journal);
	free(text);
	cs_ds_close(&ds);
	cs_buf_free(&p);
	cs_buf_free(&jp);
	unsetenv("CS_NOW");
}

/* Explaining one customer: customers.csv read whole (a bad line anywhere
 * still fails), only that customer held and only its records counted;
 * a type ranked by a relative rule needs everyone. */
static void
test_gather_one(void **state)
{
	static const char hdr[] = "id,customer,goods,quantity,weight,length,"
	    "width,height,origin,origin_region,destination,destination_region,"
	    "consignee,phone,service,freight,promised_at,status,created_at,"
	    "delivered_at,signed_by,estimated_at,exception,location,"
	    "cancel_reason,category\n";
	static const char cust[] = "id,name,contact,phone,email,company,"
	    "address,region,type,grade,since,needs,frequency,transport,notes\n"
	    "C-000001,甲,,,,,,华东,channel,B,,,,,\n"
	    "C-000002,乙,,,,,,,end,A,,,,,\n"
	    "C-000003,丙,,,,,,,end,,,,,,\n";
	static const char *const bad[] = {
		"id,name,contact,phone,email,company,address,region,"
		"type,grade,since,needs,frequency,transport,notes\n"
		"C-000001,甲,,,,,,华东,channel,B,,,,,\n"
		"C-000002,乙,,,,,,,end,A,,,,\n",
		"id,name,contact,phone,email,company,address,region,"
		"type,grade,since,needs,frequency,transport,notes\n"
		"C-000001,甲,,,,,,华东,channel,B,,,,,\n"
		"C-000002,\xff,,,,,,,end,A,,,,,\n",
	};
	struct cs_buf p = { 0 }, o = { 0 }, t = { 0 };
	struct cs_grade_policy pr;
	struct cs_custset set;
	struct cs_ds ds;
	int i;

	(void)state;
	setenv("CS_NOW", "2026-11-22 10:00", 1);
	cs_buf_addf(&p, "%s/customers.csv", dir);
	unit_write(p.s, cust);
	cs_buf_addf(&o, "%s/orders", dir);
	mkdir(o.s, 0770);
	cs_buf_adds(&o, "/2026-11");
	mkdir(o.s, 0770);
	cs_buf_adds(&o, "/O-20261101-0001.csv");
	cs_buf_adds(&t, hdr);
	for (i = 1; i <= 3; i++)
		cs_buf_addf(&t, "O-20261101-000%d,C-00000%d,茶叶,1,%d.0,40,30,"
		    "30,上海,华东,上海,华东,李,13909267349,standard,12.00,"
		    "2026-11-03T23:59:59+08:00,signed,2026-11-01T08:10:00+08:00,"
		    ",,,,,,food\n", i, i == 3 ? 2 : i, i);
	unit_write(o.s, t.s);
	assert_int_equal(cs_ds_open(&ds, dir), 0);
	/* thresholds: the one customer, its two orders */
	assert_int_equal(cs_custset_gather_one(&set, &ds, &pol, "C-000002"), 0);
	assert_int_equal(set.n, 1);
	assert_string_equal(set.c[0].id, "C-000002");
	assert_int_equal(set.c[0].grade, 'A');
	assert_int_equal(set.c[0].orders, 2);
	assert_true(fabs(set.c[0].weight - 5.0) < 1e-9);
	cs_custset_free(&set);
	/* nobody of that id: an empty set */
	assert_int_equal(cs_custset_gather_one(&set, &ds, &pol, "C-000009"), 0);
	assert_int_equal(set.n, 0);
	cs_custset_free(&set);
	/* ranked end customers: the one asked, ranked among the end
	 * customers (every customer walked); the channel one by its own */
	load_typed(&pr, "relative.A,end,20%\nrelative.B,end,30%\n");
	assert_int_equal(cs_custset_gather_one(&set, &ds, &pr, "C-000003"), 0);
	assert_int_equal(set.n, 1);
	assert_string_equal(set.c[0].id, "C-000003");
	assert_int_equal(set.c[0].orders, 0);
	assert_int_equal(set.c[0].rank, 2);
	assert_int_equal(set.c[0].of, 2);
	assert_int_equal(set.c[0].want, 'C');
	assert_non_null(cs_custset_find(&set, "C-000003"));
	cs_custset_free(&set);
	assert_int_equal(cs_custset_gather_one(&set, &ds, &pr, "C-000002"), 0);
	assert_int_equal(set.n, 1);
	assert_int_equal(set.c[0].orders, 2);
	assert_int_equal(set.c[0].rank, 1);
	assert_int_equal(set.c[0].of, 2);
	cs_custset_free(&set);
	assert_int_equal(cs_custset_gather_one(&set, &ds, &pr, "C-000001"), 0);
	assert_int_equal(set.n, 1);
	assert_int_equal(set.c[0].orders, 1);
	assert_int_equal(set.c[0].rank, 0);
	cs_custset_free(&set);
	assert_int_equal(cs_custset_gather_one(&set, &ds, &pr, "C-000009"), 0);
	assert_int_equal(set.n, 0);
	cs_custset_free(&set);
	write_policy(untyped);
	/* a bad line of another customer still fails, with its line: a
	 * field too few, invalid UTF-8 */
	for (i = 0; i < (int)(sizeof bad / sizeof bad[0]); i++) {
		unit_write(p.s, bad[i]);
		assert_int_equal(cs_custset_gather_one(&set, &ds, &pol,
		    "C-000001"), -1);
		assert_non_null(strstr(cs_errmsg(), "customers.csv:3"));
		cs_custset_free(&set);
	}
	cs_ds_close(&ds);
	unlink(p.s);
	o.s[strlen(o.s) - strlen("/2026-11/O-20261101-0001.csv")] = '\0';
	unit_rmrf(o.s);
	cs_buf_free(&p);
	cs_buf_free(&o);
	cs_buf_free(&t);
	unsetenv("CS_NOW");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_score),
		cmocka_unit_test(test_typed),
		cmocka_unit_test(test_relative),
		cmocka_unit_test(test_alerts),
		cmocka_unit_test(test_explain),
		cmocka_unit_test(test_changes),
		cmocka_unit_test(test_apply),
		cmocka_unit_test(test_gather_one),
		cmocka_unit_test(test_policy_refused),
	};

	unit_zone();
	return cmocka_run_group_tests(tests, setup, teardown);
}
