/* test_audit.c: the spot check's rules: a record's risk, the draw and
 * the sizes of its strata, the manifest, checking scores, the tally and
 * the report */
#include <math.h>
#include <sys/stat.h>

#include "unit.h"

#define RUBRIC "category,weight,max,standard,critical\n" \
	"attitude,40,10,8,yes\naccuracy,40,10,8,yes\ntimeliness,20,10,7,no\n"

/* A data directory with policy/audit.csv and an empty audits/. */
static char *
dir_with_rubric(void)
{
	char *dir = unit_tmpdir();
	struct cs_buf p = { 0 };

	cs_buf_addf(&p, "%s/policy", dir);
	assert_int_equal(mkdir(p.s, 0770), 0);
	cs_buf_adds(&p, "/audit.csv");
	unit_write(p.s, RUBRIC);
	cs_buf_reset(&p);
	cs_buf_addf(&p, "%s/audits", dir);
	assert_int_equal(mkdir(p.s, 0770), 0);
	cs_buf_free(&p);
	return dir;
}

static void
test_risks(void **state)
{
	/* sat, attitude, reopens, due, resolved, first, promised, kind */
	static const struct {
		const char *f[8];
		const char *why;
	} cases[] = {
		{ { "", "", "", "", "", "", "", "inquiry" }, "" },
		{ { "5", "good", "0", "", "", "", "", "inquiry" }, "" },
		{ { "2", "", "", "", "", "", "", "" }, "low rating" },
		{ { "1", "", "", "", "", "", "", "" }, "low rating" },
		{ { "3", "", "", "", "", "", "", "" }, "" },
		{ { "12", "", "", "", "", "", "", "" }, "" },	/* not 1 or 2 */
		{ { "", "poor", "2", "", "", "", "", "" },
		  "poor attitude; reopened" },
		/* resolved an hour after it was due */
		{ { "", "", "", "2026-11-18T10:00:00+08:00",
		    "2026-11-18T11:00:00+08:00", "", "", "" }, "missed SLA" },
		/* resolved before it was due */
		{ { "", "", "", "2026-11-18T10:00:00+08:00",
		    "2026-11-18T09:00:00+08:00", "", "", "" }, "" },
		/* first answer after the promise; no due time: not late */
		{ { "", "", "", "", "2026-11-18T11:00:00+08:00",
		    "2026-11-19T08:00:00+08:00", "2026-11-18T08:00:00+08:00", "" },
		  "missed SLA" },
		{ { "", "", "0", "", "", "", "", "complaint" }, "complaint" },
		{ { "1", "poor", "1", "2026-11-18T10:00:00+08:00",
		    "2026-11-18T10:00:01+08:00", "", "", "complaint" },
		  "low rating; poor attitude; missed SLA; reopened; complaint" },
	};
	const char *v[CS_AF_N];
	char why[96];
	size_t i;
	int f;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		for (f = 0; f < CS_AF_N; f++)
			v[f] = "";
		v[CS_AF_SAT] = cases[i].f[0];
		v[CS_AF_ATT] = cases[i].f[1];
		v[CS_AF_REOPENS] = cases[i].f[2];
		v[CS_AF_DUE] = cases[i].f[3];
		v[CS_AF_RESOLVED] = cases[i].f[4];
		v[CS_AF_FIRST] = cases[i].f[5];
		v[CS_AF_PROMISED] = cases[i].f[6];
		v[CS_AF_KIND] = cases[i].f[7];
		cs_audit_risks(v, why, sizeof why);
		if (strcmp(why, cases[i].why) != 0)
			fail_msg("case %zu: '%s', want '%s'", i, why, cases[i].why);
	}
}

/* The stratum of agent in d, or NULL. */
static const struct cs_stratum *
stratum(const struct cs_audit_drawn *d, const char *agent)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (strcmp(d->names[i], agent) == 0)
			return d->v[i];
	return NULL;
}

static const char *
why_of(const struct cs_stratum *st, const char *id)
{
	size_t i;

	for (i = 0; st && i < st->n; i++)
		if (strcmp(cs_row_get(&st->heap[i].row, CS_AF_ID), id) == 0)
			return st->heap[i].why;
	return NULL;
}

static void
test_draw_file(void **state)
{
	char *dir = unit_tmpdir();
	struct cs_buf file = { 0 };
	struct cs_audit_spec spec;
	struct cs_audit_drawn d;
	struct cs_map skip = { 0 };
	const struct cs_stratum *amy, *bob;
	const char *files[2] = { NULL, NULL };

	(void)state;
	cs_buf_addf(&file, "%s/records.csv", dir);
	unit_write(file.s, "id,agent,team,kind,satisfaction,reopens\n"
	    "T-1,amy,East,inquiry,1,0\nT-2,amy,East,inquiry,5,0\n"
	    "T-3,bob,West,complaint,5,0\nT-4,bob,West,inquiry,5,2\n"
	    "T-5,bob,West,inquiry,4,0\n");
	memset(&spec, 0, sizeof spec);
	files[0] = file.s;
	spec.files = files;
	spec.k = 5;
	spec.factor = 3;
	assert_int_equal(cs_audit_draw(dir, &spec, &skip, NULL, &d), 0);
	assert_int_equal(d.n, 2);
	assert_string_equal(d.names[0], "amy");
	amy = stratum(&d, "amy"), bob = stratum(&d, "bob");
	assert_int_equal(amy->population, 2);
	assert_int_equal(amy->n, 2);
	assert_int_equal(bob->population, 3);
	assert_string_equal(why_of(amy, "T-1"), "low rating");
	assert_string_equal(why_of(amy, "T-2"), "random");
	assert_string_equal(why_of(bob, "T-3"), "complaint");
	assert_string_equal(why_of(bob, "T-4"), "reopened");
	/* weighed only with risk */
	assert_true(bob->heap[0].weight == 1 && bob->heap[1].weight == 1);
	cs_audit_drawn_free(&d);

	/* risk weighting: the risky weigh the factor */
	spec.risk = 1;
	assert_int_equal(cs_audit_draw(dir, &spec, &skip, NULL, &d), 0);
	bob = stratum(&d, "bob");
	for (size_t i = 0; i < bob->n; i++)
		assert_true(bob->heap[i].weight ==
		    (strcmp(bob->heap[i].why, "random") ? 3 : 1));
	cs_audit_drawn_free(&d);

	/* the filters, the audited, one agent */
	spec.risk = 0;
	spec.team = "West";
	*cs_map_slot(&skip, "T-4", NULL) = cs_xstrdup("W47");
	assert_int_equal(cs_audit_draw(dir, &spec, &skip, NULL, &d), 0);
	assert_int_equal(d.n, 1);
	bob = stratum(&d, "bob");
	assert_int_equal(bob->population, 2);
	assert_null(why_of(bob, "T-4"));
	cs_audit_drawn_free(&d);
	spec.team = NULL;
	spec.k = 1;
	assert_int_equal(cs_audit_draw(dir, &spec, &skip, "amy", &d), 0);
	assert_int_equal(d.n, 1);
	assert_int_equal(stratum(&d, "amy")->n, 1);
	cs_audit_drawn_free(&d);

	/* a file without an agent column */
	unit_write(file.s, "id,who\nT-1,x\n");
	assert_int_equal(cs_audit_draw(dir, &spec, &skip, NULL, &d), -1);
	assert_int_equal(cs_errstatus(), CS_EDATA);
	cs_audit_drawn_free(&d);
	cs_map_free(&skip, free);
	cs_buf_free(&file);
	unit_rmrf(dir);
	free(dir);
}

/* Strata of 10 and 30 records, cut to their sizes at 95 % and 20 %:
 * n0 = 1.959964^2 x 0.25 / 0.04 = 24.01, n = n0 / (1 + (n0 - 1) / N)
 * rounded up: 7.27 -> 8 of 10, 13.58 -> 14 of 30; overall, 15.24 -> 16 of
 * the 40, shared 4 and 12.  -n 5 overall: 1.25 and 3.75, floors 1 and 3,
 * the one left to the larger remainder (30 of 40 against 10): 1 and 4,
 * not the 2 and 4 rounding up would give. */
static void
test_trim(void **state)
{
	static const struct {
		int overall;
		long k;
		size_t a, b;
	} cases[] = { { 0, 0, 8, 14 }, { 1, 0, 4, 12 }, { 1, 5, 1, 4 },
		{ 0, 5, 5, 5 }, { 1, 100, 10, 30 } };
	struct cs_audit_spec spec;
	struct cs_sampler s;
	struct cs_stratum **v;
	struct cs_row none = { 0 };
	const char **names;
	char id[16];
	size_t n, i, c;

	(void)state;
	for (c = 0; c < N(cases); c++) {
		memset(&spec, 0, sizeof spec);
		spec.confidence = 0.95, spec.margin = 0.2;
		spec.overall = cases[c].overall;
		spec.k = cases[c].k;
		cs_sampler_init(&s, 7, 100);
		for (i = 0; i < 40; i++) {
			snprintf(id, sizeof id, "T-%zu", i);
			cs_sampler_offer(&s, i < 10 ? "a" : "b", id, 1, "random",
			    &none);
		}
		v = cs_sampler_result(&s, &names, &n);
		assert_int_equal(n, 2);
		cs_audit_trim(&spec, names, v, n);
		if (v[0]->n != cases[c].a || v[1]->n != cases[c].b)
			fail_msg("case %zu: %zu and %zu", c, v[0]->n, v[1]->n);
		free(v);
		free(names);
		cs_sampler_free(&s);
	}
	cs_row_free(&none);
}

static void
test_manifest(void **state)
{
	char *dir = unit_tmpdir(), *text;
	struct cs_buf man = { 0 }, path = { 0 };
	struct cs_ds ds = { 0 };
	struct cs_audit_spec spec, back;
	struct cs_audit_manifest m;
	/* populations 3 and 10, 2 and 4 drawn */
	struct cs_stratum st[2] = { { 3, NULL, 2 }, { 10, NULL, 4 } };
	struct cs_stratum *v[2] = { &st[0], &st[1] };
	const char *names[2] = { "amy", "bob" };
	struct cs_audit_drawn d;
	const char *files[3] = { "in,put.csv", NULL, NULL };
	struct cs_audit_per per;
	cs_time now;

	(void)state;
	ds.dir = dir;
	cs_buf_addf(&path, "%s/audits", dir);
	assert_int_equal(mkdir(path.s, 0770), 0);
	memset(&spec, 0, sizeof spec);
	memset(&d, 0, sizeof d);
	d.names = names, d.v = v, d.n = 2;
	spec.name = "W47-x";
	spec.files = files;
	assert_int_equal(cs_period_parse("week", "2026-W47", &spec.p), 0);
	spec.confidence = 0.95, spec.margin = 0.1, spec.overall = 1;
	spec.risk = 1, spec.factor = 2.5;
	spec.agent = "chen21", spec.team = "华东一组";
	spec.seed = 12345678901234567890ULL;
	assert_int_equal(cs_time_parse("2026-11-23T07:00:00+08:00", &now), 0);
	cs_audit_manifest(&man, &spec, now, &d);
	assert_string_equal(man.s, "field,value\n"
	    "sample,W47-x\n"
	    "period,2026-W47\n"
	    "from,2026-11-16T00:00:00+08:00\n"
	    "to,2026-11-23T00:00:00+08:00\n"
	    "source,\"in,put.csv\"\n"
	    "map,\n"
	    "method,\"confidence=0.95,margin=0.1,overall\"\n"
	    "weight,risk x2.5\n"
	    "filters,agent=chen21;team=华东一组;kind=\n"
	    "seed,12345678901234567890\n"
	    "drawn_at,2026-11-23T07:00:00+08:00\n"
	    "population:amy,3\n"
	    "population:bob,10\n"
	    "quota:amy,2\n"
	    "quota:bob,4\n"
	    "total,6\n");

	/* read back: what it says of the draw is what drew it */
	cs_buf_adds(&path, "/W47-x.manifest.csv");
	unit_write(path.s, man.s);
	assert_int_equal(cs_audit_manifest_load(&ds, "W47-x", &m), 0);
	assert_string_equal(cs_audit_manifest_get(&m, "population:bob"), "10");
	assert_string_equal(cs_audit_manifest_get(&m, "nothing"), "");
	memset(&back, 0, sizeof back);
	cs_audit_manifest_spec(&m, &back);
	assert_string_equal(back.files[0], "in,put.csv");
	assert_null(back.files[1]);
	assert_null(back.map);
	assert_null(back.per);
	assert_string_equal(back.p.name, "2026-W47");
	assert_true(back.p.from == spec.p.from && back.p.to == spec.p.to);
	assert_true(back.seed == spec.seed);
	assert_int_equal(back.risk, 1);
	assert_true(back.factor == 2.5);
	assert_string_equal(back.agent, "chen21");
	assert_string_equal(back.team, "华东一组");
	assert_null(back.kind);
	cs_audit_manifest_free(&m);

	/* the stores, all time, no weight, no filters, -n */
	spec.files = NULL, spec.risk = 0, spec.k = 3, spec.overall = 0;
	spec.agent = spec.team = NULL, spec.kind = "complaint";
	assert_int_equal(cs_period_range(NULL, NULL, &spec.p), 0);
	cs_buf_reset(&man);
	d.n = 0;
	cs_audit_manifest(&man, &spec, now, &d);
	unit_write(path.s, man.s);
	text = unit_slurp(path.s);
	assert_non_null(strstr(text, "\nfrom,\nto,\nsource,stores\nmap,\n"
	    "method,k=3\nweight,none\nfilters,agent=;team=;kind=complaint\n"));
	free(text);
	assert_int_equal(cs_audit_manifest_load(&ds, "W47-x", &m), 0);
	memset(&back, 0, sizeof back);
	cs_audit_manifest_spec(&m, &back);
	assert_null(back.files);
	assert_true(back.p.from == INT64_MIN && back.p.to == INT64_MAX);
	assert_int_equal(back.risk, 0);
	assert_true(back.factor == 1);
	assert_null(back.agent);
	assert_null(back.team);
	assert_string_equal(back.kind, "complaint");
	assert_null(back.per);
	cs_audit_manifest_free(&m);

	/* by category, from two files renamed by a map */
	assert_int_equal(cs_audit_per_parse("inquiry=3,after-sales=1", &per), 0);
	files[1] = "-";
	spec.files = files, spec.map = "handler=agent", spec.per = &per;
	spec.k = 0, spec.kind = "inquiry,return";
	cs_buf_reset(&man);
	cs_audit_manifest(&man, &spec, now, &d);
	assert_non_null(strstr(man.s, "\nsource,\"in,put.csv -\"\n"
	    "map,handler=agent\nmethod,\"per:inquiry=3,after-sales=1\"\n"
	    "weight,none\nfilters,\"agent=;team=;kind=inquiry,return\"\n"));
	unit_write(path.s, man.s);
	assert_int_equal(cs_audit_manifest_load(&ds, "W47-x", &m), 0);
	memset(&back, 0, sizeof back);
	cs_audit_manifest_spec(&m, &back);
	assert_non_null(back.files);
	assert_string_equal(back.map, "handler=agent");
	assert_string_equal(back.kind, "inquiry,return");
	assert_non_null(back.per);
	assert_int_equal(back.per->n, 2);
	assert_string_equal(back.per->v[1].name, "after-sales");
	assert_string_equal(back.per->v[1].kinds, "return,exchange,repair");
	assert_int_equal(back.per->v[1].k, 1);
	cs_audit_manifest_free(&m);

	/* absent is 1; not a file of ours, an error */
	assert_int_equal(cs_audit_manifest_load(&ds, "none", &m), 1);
	cs_audit_manifest_free(&m);
	cs_buf_reset(&path);
	cs_buf_addf(&path, "%s/audits/dir.manifest.csv", dir);
	assert_int_equal(mkdir(path.s, 0770), 0);
	assert_int_equal(cs_audit_manifest_load(&ds, "dir", &m), -1);
	cs_audit_manifest_free(&m);
	cs_buf_free(&man);
	cs_buf_free(&path);
	unit_rmrf(dir);
	free(dir);
}

static void
test_names(void **state)
{
	static const struct {
		const char *s;
		int ok;
	} cases[] = {
		{ "2026-W47", 1 }, { "W47_second.2", 1 }, { "", 0 }, { ".hidden", 0 },
		{ "../etc", 0 }, { "a/b", 0 }, { "a b", 0 }, { "华东", 0 },
		{ "a,b", 0 },
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 1 },
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++)
		if (cs_audit_name_valid(cases[i].s) != cases[i].ok)
			fail_msg("case %zu: '%s'", i, cases[i].s);
}

static void
test_check_score(void **state)
{
	static const struct {
		const char *v, *why;
	} cases[] = {
		{ "0", NULL }, { "7.5", NULL }, { "10", NULL },
		{ "", "no score" },
		{ "11", "not a score from 0 to 10: '11'" },
		{ "10.01", "not a score from 0 to 10: '10.01'" },
		{ "-1", "not a score from 0 to 10: '-1'" },
		{ "9x", "not a score from 0 to 10: '9x'" },
		{ "nine", "not a score from 0 to 10: 'nine'" },
		{ " 9 ", "not a score from 0 to 10: ' 9 '" },
		{ "inf", "not a score from 0 to 10: 'inf'" },
		/* strtod takes these; a score is a plain decimal */
		{ "nan", "not a score from 0 to 10: 'nan'" },
		{ "0x5", "not a score from 0 to 10: '0x5'" },
		{ "5e0", "not a score from 0 to 10: '5e0'" },
		{ ".", "not a score from 0 to 10: '.'" },
		{ "1.2.3", "not a score from 0 to 10: '1.2.3'" },
		{ ".5", NULL }, { "5.", NULL },
	};
	static const struct {
		const char *v;
		int ok;
	} flags[] = {
		{ "", 1 }, { "yes", 1 }, { "no", 1 }, { "是", 1 }, { "否", 1 },
		/* as spreadsheets write yes and no (issue 15, item 4) */
		{ "Yes", 1 }, { "y", 1 }, { "1", 1 }, { "TRUE", 1 }, { "N", 1 },
		{ "false", 1 }, { "0", 1 }, { " no ", 1 },
		{ "maybe", 0 }, { "yess", 0 }, { "2", 0 }, { "是的", 0 },
	};
	struct cs_rubric_cat cat = { "attitude", 40, 10, 8, 1 };
	const char *why;
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		why = cs_audit_check_score(&cat, cases[i].v);
		if (cases[i].why == NULL ? why != NULL : why == NULL ||
		    strcmp(why, cases[i].why) != 0)
			fail_msg("case %zu: '%s': %s", i, cases[i].v, why ? why : "ok");
	}
	for (i = 0; i < N(flags); i++)
		if (cs_audit_check_critical(flags[i].v) != flags[i].ok)
			fail_msg("flag %zu: '%s'", i, flags[i].v);
}

/* A sheet line: column name -> value, from a NULL-ended list. */
static const char *
line_get(void *ctx, const char *name)
{
	const char *const *kv = ctx;

	for (; *kv; kv += 2)
		if (strcmp(kv[0], name) == 0)
			return kv[1];
	return "";
}

static void
test_score_row(void **state)
{
	static const char *good[] = { "attitude", "9", "accuracy", "8",
		"timeliness", "7", "critical", "是", "notes", "good, quick", NULL };
	static const char *bad[] = { "attitude", "11", "timeliness", "7",
		"critical", "maybe", NULL };
	char *dir = dir_with_rubric(), *got;
	struct cs_rubric rb;
	struct cs_ds ds = { 0 };
	struct cs_row row = { 0 };
	struct cs_buf problems = { 0 };

	(void)state;
	assert_int_equal(cs_rubric_load(&rb, dir), 0);
	ds.user = "tester";
	ds.admin = 1;	/* acts with every right (rules/roles.h) */
	assert_int_equal(cs_time_parse("2026-11-23T07:00:00+08:00", &ds.now), 0);
	cs_buf_adds(&problems, "");
	assert_int_equal(cs_audit_score_row(&ds, &rb, line_get, good, "T-1", &row,
	    &problems, "s.csv:2: "), 0);
	assert_string_equal(problems.s, "");
	got = unit_join(&row);
	assert_string_equal(got, "T-1|9|8|7|yes|good, quick|tester|"
	    "2026-11-23T07:00:00+08:00");
	free(got);
	/* over max, missing, a flag that is none: each named */
	assert_int_equal(cs_audit_score_row(&ds, &rb, line_get, bad, "T-2", &row,
	    &problems, "s.csv:3: "), -1);
	assert_string_equal(problems.s,
	    "s.csv:3: field 'attitude': not a score from 0 to 10: '11'\n"
	    "s.csv:3: field 'accuracy': no score\n"
	    "s.csv:3: field 'critical': yes or no, not 'maybe'\n");
	got = unit_join(&row);
	assert_string_equal(got, "T-2|11||7|no||tester|2026-11-23T07:00:00+08:00");
	free(got);
	cs_row_free(&row);
	cs_buf_free(&problems);
	cs_rubric_free(&rb);
	unit_rmrf(dir);
	free(dir);
}

static void
collect(void *ctx, const struct cs_row *r)
{
	struct cs_buf *b = ctx;
	char *line = unit_join(r);

	cs_buf_adds(b, line);
	cs_buf_addc(b, '\n');
	free(line);
}

/*
 * The scores of tests/cli/81-audit-scores.sh, worked by hand, weighted
 * 40/40/20, attitude and accuracy critical below 8:
 * amy (East): 9 9 5 -> 36+36+10 = 82; 10 8 6 -> 40+32+12 = 84: mean 83,
 *   sd 1.414, t(0.975, 1) = 12.706: 83 +- 12.7; timeliness weakest at
 *   55 %, below its 70 %
 * bob (West): 7 9 9 -> 0 (attitude below 8); 9 9 9 -> 90: mean 45, 1 fail
 * cat (West): 9 7 5, 9 7 6 flagged -> 0 and 0; accuracy 70 %, below 80 %
 * West: 0 90 0 0: mean 22.5, sd 45, t(0.975, 3) = 3.182: 22.5 +- 71.6
 * timeliness is below standard for amy and cat, 2 of 3: common.
 */
static void
test_report(void **state)
{
	static const struct {
		const char *agent, *team;
		double s[3];
		int flag;
	} recs[] = {
		{ "amy", "East", { 9, 9, 5 }, 0 }, { "amy", "East", { 10, 8, 6 }, 0 },
		{ "bob", "West", { 7, 9, 9 }, 0 }, { "bob", "West", { 9, 9, 9 }, 0 },
		{ "cat", "West", { 9, 7, 5 }, 0 }, { "cat", "West", { 9, 7, 6 }, 1 },
	};
	char *dir = dir_with_rubric();
	struct cs_audit_report rep;
	struct cs_audit_tally *t;
	struct cs_buf out = { 0 };
	double score, mean, lo, hi;
	size_t i;
	int failed;

	(void)state;
	memset(&rep, 0, sizeof rep);
	assert_int_equal(cs_rubric_load(&rep.rb, dir), 0);
	for (i = 0; i < N(recs); i++) {
		score = cs_rubric_score(&rep.rb, recs[i].s, recs[i].flag, &failed);
		cs_audit_tally_add(cs_audit_tally_of(&rep.agents, recs[i].agent, 3),
		    &rep.rb, recs[i].s, score, failed);
		cs_audit_tally_add(cs_audit_tally_of(&rep.teams, recs[i].team, 3),
		    &rep.rb, recs[i].s, score, failed);
	}
	t = cs_map_get(&rep.agents, "amy");
	assert_int_equal(t->n, 2);
	assert_int_equal(t->fails, 0);
	cs_audit_interval(t, &mean, &lo, &hi);
	assert_true(fabs(mean - 83) < 1e-9);
	assert_true(fabs(lo - (83 - 12.7062)) < 1e-3);
	assert_true(fabs(hi - (83 + 12.7062)) < 1e-3);
	assert_string_equal(rep.rb.cats[cs_audit_weakest(t, &rep.rb)].name,
	    "timeliness");
	assert_int_equal(cs_audit_below_standard(t, &rep.rb, 0), 0);
	assert_int_equal(cs_audit_below_standard(t, &rep.rb, 1), 0);
	assert_int_equal(cs_audit_below_standard(t, &rep.rb, 2), 1);
	assert_int_equal(t->below[2], 2);	/* 5 and 6, both below 7 */
	assert_int_equal(t->below[1], 0);	/* 8 is the standard */
	t = cs_map_get(&rep.agents, "cat");
	assert_int_equal(t->fails, 2);
	cs_audit_interval(t, &mean, &lo, &hi);
	assert_true(mean == 0 && lo == 0 && hi == 0);
	assert_int_equal(cs_audit_below_standard(t, &rep.rb, 1), 1);
	t = cs_map_get(&rep.teams, "West");
	cs_audit_interval(t, &mean, &lo, &hi);
	assert_true(fabs(mean - 22.5) < 1e-9);
	assert_true(lo == 0);		/* 22.5 - 71.6, clipped */
	assert_true(fabs(hi - (22.5 + 3.18245 * 45 / 2)) < 1e-3);

	cs_audit_report_rows(&rep, collect, &out);
	assert_string_equal(out.s,
	    "agent|amy|2|83.0|70.3|95.7|0|timeliness|\n"
	    "agent|bob|2|45.0|0.0|100.0|1|attitude|\n"
	    "agent|cat|2|0.0|0.0|0.0|2|timeliness|\n"
	    "team|East|2|83.0|70.3|95.7|0|timeliness|\n"
	    "team|West|4|22.5|0.0|94.1|3|timeliness|\n"
	    "common|timeliness|||||||below standard for 2 of 3 agents\n"
	    "individual|cat|2|||||accuracy|accuracy at 70% of the top, the "
	    "standard is 80%\n");
	cs_buf_free(&out);
	cs_audit_report_free(&rep);
	unit_rmrf(dir);
	free(dir);
}

/* Half the agents is enough for a common problem; a problem of one agent
 * in two is common, not individual: amy 10 10 5 scores 90, bob 10 10 10
 * 100; amy's timeliness is below standard. */
static void
test_common(void **state)
{
	static const double amy[3] = { 10, 10, 5 }, bob[3] = { 10, 10, 10 };
	char *dir = dir_with_rubric();
	struct cs_audit_report rep;
	struct cs_buf out = { 0 };

	(void)state;
	memset(&rep, 0, sizeof rep);
	assert_int_equal(cs_rubric_load(&rep.rb, dir), 0);
	cs_audit_tally_add(cs_audit_tally_of(&rep.agents, "amy", 3), &rep.rb, amy,
	    90, 0);
	cs_audit_tally_add(cs_audit_tally_of(&rep.agents, "bob", 3), &rep.rb, bob,
	    100, 0);
	cs_audit_tally_add(cs_audit_tally_of(&rep.teams, "East", 3), &rep.rb, amy,
	    90, 0);
	cs_audit_report_rows(&rep, collect, &out);
	assert_string_equal(out.s,
	    "agent|amy|1|90.0|||0|timeliness|\n"
	    "agent|bob|1|100.0|||0|attitude|\n"
	    "team|East|1|90.0|||0|timeliness|\n"
	    "common|timeliness|||||||below standard for 1 of 2 agents\n");
	cs_buf_free(&out);
	cs_audit_report_free(&rep);
	unit_rmrf(dir);
	free(dir);
}

/* A single record: its score, no interval. */
static void
test_tally_one(void **state)
{
	char *dir = dir_with_rubric();
	struct cs_rubric rb;
	struct cs_map m = { 0 };
	struct cs_audit_tally *t;
	static const double s[3] = { 10, 6, 10 };
	double mean, lo, hi;

	(void)state;
	assert_int_equal(cs_rubric_load(&rb, dir), 0);
	t = cs_audit_tally_of(&m, "amy", rb.n);
	assert_ptr_equal(cs_audit_tally_of(&m, "amy", rb.n), t);
	cs_audit_tally_add(t, &rb, s, 0, 1);
	cs_audit_interval(t, &mean, &lo, &hi);
	assert_true(mean == 0 && lo == 0 && hi == 0);
	assert_int_equal(t->fails, 1);
	assert_string_equal(rb.cats[cs_audit_weakest(t, &rb)].name, "accuracy");
	cs_map_free(&m, cs_audit_tally_free);
	cs_rubric_free(&rb);
	unit_rmrf(dir);
	free(dir);
}

static void
test_per(void **state)
{
	static const struct {
		const char *s, *err;	/* err NULL: parsed */
	} bad[] = {
		{ "inquiry", "--per: category=n, not 'inquiry'" },
		{ "inquiry=0", "--per: inquiry: a whole number from 1 to 100000, "
		    "not '0'" },
		{ "inquiry=2x", "--per: inquiry: a whole number from 1 to 100000, "
		    "not '2x'" },
		{ "inquiry=", "--per: inquiry: a whole number from 1 to 100000, "
		    "not ''" },
		{ "sales=1", "--per: no kind 'sales' (one of inquiry (咨询), "
		    "return (退货), exchange (换货), repair (维修), complaint (投诉), "
		    "after-sales (售后))" },
		{ "inquiry=1,inquiry=2", "--per: 'inquiry' twice" },
		{ "exchange=1,after-sales=2", "--per: 'after-sales' twice" },
		{ "after-sales=1,return=2", "--per: 'return' twice" },
		{ "", "--per: category=n, not ''" },
		{ "inquiry=1,", "--per: category=n, not ''" },
	};
	struct cs_audit_per per;
	struct cs_buf b = { 0 };
	size_t i;

	(void)state;
	assert_int_equal(cs_audit_per_parse("inquiry=3,complaint=1,"
	    "after-sales=1", &per), 0);
	assert_int_equal(per.n, 3);
	assert_string_equal(per.v[0].kinds, "inquiry");
	assert_int_equal(per.v[0].k, 3);
	assert_string_equal(per.v[2].name, "after-sales");
	assert_string_equal(per.v[2].kinds, "return,exchange,repair");
	assert_int_equal(cs_audit_per_find(&per, "repair"), 2);
	assert_int_equal(cs_audit_per_find(&per, "complaint"), 1);
	assert_int_equal(cs_audit_per_find(&per, "return"), 2);
	assert_int_equal(cs_audit_per_find(&per, "re"), -1);
	assert_int_equal(cs_audit_per_find(&per, ""), -1);
	cs_audit_per_format(&per, &b);
	assert_string_equal(b.s, "inquiry=3,complaint=1,after-sales=1");
	for (i = 0; i < N(bad); i++) {
		if (cs_audit_per_parse(bad[i].s, &per) != -1)
			fail_msg("'%s' parsed", bad[i].s);
		assert_int_equal(cs_errstatus(), CS_EUSAGE);
		assert_string_equal(cs_errmsg(), bad[i].err);
	}

	/* the kinds by their Chinese names (store/values.c) */
	assert_int_equal(cs_audit_per_parse("咨询=2,投诉=1,售后=3", &per), 0);
	cs_buf_reset(&b);
	cs_audit_per_format(&per, &b);
	assert_string_equal(b.s, "inquiry=2,complaint=1,after-sales=3");
	assert_int_equal(cs_audit_kinds("咨询,售后", &b), 0);
	assert_string_equal(b.s, "inquiry,return,exchange,repair");

	/* --kind: a list, after-sales its three */
	assert_int_equal(cs_audit_kinds("inquiry,after-sales", &b), 0);
	assert_string_equal(b.s, "inquiry,return,exchange,repair");
	assert_int_equal(cs_audit_kinds("complaint", &b), 0);
	assert_string_equal(b.s, "complaint");
	assert_int_equal(cs_audit_kinds("inquiry,,return", &b), -1);
	assert_int_equal(cs_audit_kinds("inquiries", &b), -1);
	assert_int_equal(cs_errstatus(), CS_EUSAGE);
	assert_true(cs_audit_kind_in("inquiry,return", "return"));
	assert_false(cs_audit_kind_in("inquiry,return", "ret"));
	assert_false(cs_audit_kind_in("inquiry,return", "inquiry,return"));
	cs_buf_free(&b);
}

/* --per over two files, one a list of complaints renamed by --map: each
 * agent's records of a category a stratum, cut to its quota */
static void
test_draw_per(void **state)
{
	char *dir = unit_tmpdir();
	struct cs_buf t = { 0 }, k = { 0 };
	struct cs_audit_spec spec;
	struct cs_audit_per per;
	struct cs_audit_drawn d;
	struct cs_map skip = { 0 };
	const char *files[3];
	size_t i;

	(void)state;
	cs_buf_addf(&t, "%s/tickets.csv", dir);
	cs_buf_addf(&k, "%s/complaints.csv", dir);
	unit_write(t.s, "id,agent,kind\nT-1,amy,inquiry\nT-2,amy,inquiry\n"
	    "T-3,amy,inquiry\nT-4,amy,return\nT-5,amy,repair\nT-6,bob,inquiry\n"
	    "T-7,bob,exchange\n");
	unit_write(k.s, "id,received_at,content,handler,deadline,answered_at\n"
	    "K-1,2026-11-16T10:00:00+08:00,late,amy,2026-11-17T10:00:00+08:00,"
	    "2026-11-18T10:00:00+08:00\n"
	    "K-2,2026-11-16T11:00:00+08:00,rude,cat,,\n");
	files[0] = t.s, files[1] = k.s, files[2] = NULL;
	memset(&spec, 0, sizeof spec);
	assert_int_equal(cs_audit_per_parse("inquiry=2,complaint=1,"
	    "after-sales=1", &per), 0);
	spec.files = files, spec.per = &per, spec.factor = 3;
	/* without the map the complaints' handler is their agent too */
	for (i = 0; i < 2; i++) {
		spec.map = i ? "handler=agent" : NULL;
		assert_int_equal(cs_audit_draw(dir, &spec, &skip, NULL, &d), 0);
		assert_int_equal(d.n, 6);
		assert_string_equal(d.names[0], "amy/after-sales");
		assert_int_equal(d.v[0]->population, 2);
		assert_int_equal(d.v[0]->n, 1);
		assert_string_equal(d.names[1], "amy/complaint");
		assert_int_equal(d.v[1]->n, 1);
		assert_string_equal(cs_row_get(&d.v[1]->heap[0].row, CS_AF_KIND),
		    "complaint");
		assert_string_equal(cs_row_get(&d.v[1]->heap[0].row, CS_AF_SUBJECT),
		    "late");
		assert_string_equal(cs_row_get(&d.v[1]->heap[0].row, CS_AF_OPENED),
		    "2026-11-16T10:00:00+08:00");
		assert_string_equal(d.v[1]->heap[0].why, "missed SLA; complaint");
		assert_string_equal(d.names[2], "amy/inquiry");
		assert_int_equal(d.v[2]->population, 3);
		assert_int_equal(d.v[2]->n, 2);
		assert_string_equal(d.names[3], "bob/after-sales");
		assert_string_equal(d.names[4], "bob/inquiry");
		assert_string_equal(d.names[5], "cat/complaint");
		cs_audit_drawn_free(&d);
	}
	/* a kind in no category is left out */
	assert_int_equal(cs_audit_per_parse("after-sales=5", &per), 0);
	assert_int_equal(cs_audit_draw(dir, &spec, &skip, NULL, &d), 0);
	assert_int_equal(d.n, 2);
	assert_int_equal(d.v[0]->n, 2);
	cs_audit_drawn_free(&d);
	/* a map that leaves no agent */
	spec.map = "agent=who";
	assert_int_equal(cs_audit_draw(dir, &spec, &skip, NULL, &d), -1);
	assert_int_equal(cs_errstatus(), CS_EDATA);
	assert_non_null(strstr(cs_errmsg(), "tickets.csv:1: want 'id' and "
	    "'agent' columns (after --map)"));
	cs_audit_drawn_free(&d);
	cs_buf_free(&t);
	cs_buf_free(&k);
	unit_rmrf(dir);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_risks),
		cmocka_unit_test(test_draw_file),
		cmocka_unit_test(test_trim),
		cmocka_unit_test(test_per),
		cmocka_unit_test(test_draw_per),
		cmocka_unit_test(test_manifest),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_check_score),
		cmocka_unit_test(test_score_row),
		cmocka_unit_test(test_report),
		cmocka_unit_test(test_common),
		cmocka_unit_test(test_tally_one),
	};

	unit_zone();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
