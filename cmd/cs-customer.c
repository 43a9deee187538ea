/*
 * cs-customer: the customer files.  Confidential fields (name, contact,
 * phone, email, address) are masked in what show, list and export print,
 * unless --unmask, which the journal records.
 */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cs.h"

static void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "usage: cs-customer [-D dir] [--wait seconds] add field=value ...\n"
	    "       cs-customer [-D dir] [-o format] [--unmask] show id\n"
	    "       cs-customer [-D dir] [-o format] show --history id\n"
	    "       cs-customer [-D dir] [-o format] [--unmask] list [--grade grade]\n"
	    "                   [--region region] [--search text] [--type type]\n"
	    "       cs-customer [-D dir] [--wait seconds] set id field=value ...\n"
	    "       cs-customer [-D dir] [-n] [--literal] [--map from=to[,...]]\n"
	    "                   [--wait seconds] import file\n"
	    "       cs-customer [-D dir] [-o format] [--encoding gb18030] [--excel]\n"
	    "                   [--unmask] export\n"
	    "       cs-customer [-D dir] [--wait seconds] visit id [field=value ...]\n"
	    "       cs-customer [-D dir] [-o format] due [--agent login]\n"
	    "       cs-customer [-D dir] [-o format] [-n] grade [--all] [--explain id]\n"
	    "       cs-customer [-D dir] [-o format] alerts [--grade grade] [--type type]\n"
	    "       cs-customer [-D dir] [-o format] report [period]\n"
	    "fields: id name contact phone email company address region type grade\n"
	    "        since needs frequency transport notes\n");
	cs_exit(status);
}

struct filter {
	const char *type, *grade, *region, *search, *agent, *explain;
	int history, all;
};

struct import_opts {
	int literal;
	struct cs_buf map;	/* "from=to," ... */
};

static int
keep(const struct cs_master *m, const struct cs_row *r, void *ctx)
{
	const struct filter *f = ctx;
	size_t i;

	if (f->type && strcmp(cs_master_get(m, r, "type"), f->type) != 0)
		return 0;
	if (f->grade && strcmp(cs_master_get(m, r, "grade"), f->grade) != 0)
		return 0;
	if (f->region && strcmp(cs_master_get(m, r, "region"), f->region) != 0)
		return 0;
	if (f->search == NULL)
		return 1;
	for (i = 0; i < r->n; i++)
		if (strcasestr(cs_row_get(r, i), f->search))
			return 1;
	return 0;
}

/* ---- import (format/import_customer.c) ---- */

static int
cmd_import(struct cs_ds *ds, const struct cs_opts *o, const struct import_opts *io,
    const char *file)
{
	struct cs_import_opts x = { 0 };

	x.map = &io->map;
	x.literal = io->literal;
	x.dry_run = o->dry_run;
	x.unmask = o->unmask;
	x.fmt = cs_opts_fmt(o);
	x.gb18030 = o->gb18030;
	return cs_import_customers(ds, &x, file);
}


/* ---- return visits ---- */

#define VISIT_HEADER "time,customer,agent,channel,satisfaction,needs,notes\n"

static int
cmd_visit(struct cs_ds *ds, int argc, char **argv)
{
	struct cs_master m, v;
	struct cs_row row = { 0 }, rec = { 0 };
	struct cs_buf data = { 0 }, j = { 0 };
	const char *id, *at;
	char *rel = NULL;
	off_t s, e;
	int k, i, ret = -1;
	static const char *fields[] = { "agent", "channel", "satisfaction",
		"needs", "notes" };

	if (argc < 1)
		return cs_fail(CS_EUSAGE, "visit: which customer?");
	id = argv[0];
	if (!cs_id_valid("C", id))
		return cs_fail(CS_EUSAGE, "not a customers.csv id: '%s'", id);
	if (cs_operands_check(argc - 1, argv + 1,
	    "agent|channel|satisfaction|needs|notes|at", "visit") < 0)
		return -1;
	if (cs_master_open(&m, ds, &cs_schema_customers) < 0)
		return -1;
	k = cs_master_find(&m, id, &row, &s, &e);
	cs_master_close(&m);
	cs_row_free(&row);
	if (k <= 0)
		return k == 0 ? cs_fail(CS_EDATA, "customers.csv: no id '%s'", id) : -1;
	cs_master_open_rel(&v, ds, &cs_schema_visits, "visits/none.csv");
	cs_master_blank(&v, &rec);
	cs_master_put(&v, &rec, "customer", id);
	cs_master_put(&v, &rec, "agent", ds->user);
	cs_master_put(&v, &rec, "channel", "phone");
	cs_master_put_time(&v, &rec, "time", ds->now);
	for (i = 0; i < 5; i++)
		if (*cs_operand(argc - 1, argv + 1, fields[i]) &&
		    cs_master_assign(&v, &rec, fields[i], cs_operand(argc - 1,
		    argv + 1, fields[i])) < 0)
			goto out;
	if (*(at = cs_operand(argc - 1, argv + 1, "at"))) {
		cs_time t;
		if (cs_master_assign(&v, &rec, "time", at) < 0)
			goto out;
		t = cs_master_get_time(&v, &rec, "time");
		if (t > ds->now) {
			cs_fail(CS_EDATA, "field 'at': a visit to come is not a visit");
			goto out;
		}
	}
	if (cs_roster_team(ds, "agent", cs_master_get(&v, &rec, "agent"), NULL) < 0)
		goto out;
	rel = cs_month_rel("visits", cs_master_get_time(&v, &rec, "time"));
	cs_csv_record(&data, &rec);
	data.s[--data.len] = '\0';
	cs_journal_line(&j, ds, "visit", id, "", "", data.s);
	data.s[data.len++] = '\n';
	if (cs_lock(ds, cs_lock_wait) < 0)
		goto out;
	ret = cs_commit_append(ds, rel, VISIT_HEADER, &data, &j);
	cs_unlock(ds);
out:
	cs_master_close(&v);
	cs_row_free(&rec);
	cs_buf_free(&data);
	cs_buf_free(&j);
	free(rel);
	return ret;
}

/* A cadence of policy/grades.csv: 2w, 1m, 3m, 30d. */
static int
cadence_add(const char *c, cs_time from, cs_time *to)
{
	char *end, d[16];
	long n = strtol(c, &end, 10);
	int y, mo, day;

	if (n <= 0 || (strcmp(end, "m") && strcmp(end, "w") && strcmp(end, "d")))
		return -1;
	cs_date_format(from, d);
	cs_date_parse(d, &y, &mo, &day);
	if (*end == 'd')
		day += (int)n;
	else if (*end == 'w')
		day += 7 * (int)n;
	else {
		mo += (int)n;
		y += (mo - 1) / 12;
		mo = (mo - 1) % 12 + 1;
		if (day > cs_days_in_month(y, mo))
			day = cs_days_in_month(y, mo);	/* Jan 31 + 1m: Feb 28 */
	}
	return cs_mktime_local(y, mo, day, 0, 0, 0, to);
}

struct last_visit {
	cs_time t;
	char agent[40];
};

/*
 * Customers due for a return visit: a graded customer whose last visit,
 * plus the grade's cadence (policy/grades.csv visit.A, visit.B, visit.C),
 * is today or past; one never visited is due now.  By the agent who
 * visited last.
 */
static int
cmd_due(struct cs_ds *ds, const struct cs_opts *o, const char *agent)
{
	char *dir = cs_ds_path(ds, "visits"), **names, **n;
	struct cs_grade_policy pol;
	struct cs_map last = { 0 };
	struct cs_reader r;
	struct cs_row row = { 0 }, h = { 0 }, out_row = { 0 };
	struct cs_out out = { 0 };
	struct cs_master m;
	int k, i, ret = -1, gc, ic;
	size_t count = 0;
	static const char *cols[] = { "agent", "customer", "grade", "last_visit",
		"due" };

	/* the cadences */
	if (cs_grade_policy_load(&pol, ds->dir) < 0) {
		free(dir);
		return -1;
	}
	/* the last visit of each customer */
	if ((names = cs_dir_csv(dir)) == NULL)
		goto out;
	for (n = names; *n; n++) {
		struct cs_buf p = { 0 };
		cs_buf_addf(&p, "%s/%s.csv", dir, *n);
		k = cs_reader_open(&r, p.s, CS_READ_STORE, 0);
		cs_buf_free(&p);
		if (k < 0)
			goto out;
		while ((k = cs_reader_next(&r, &row)) > 0) {
			struct last_visit **lv = (struct last_visit **)cs_map_slot(&last,
			    cs_row_get(&row, 1), NULL);
			cs_time t;
			if (cs_time_parse(cs_row_get(&row, 0), &t) < 0)
				continue;
			if (*lv == NULL)
				*lv = calloc(1, sizeof **lv);
			if (t >= (*lv)->t) {
				(*lv)->t = t;
				snprintf((*lv)->agent, sizeof (*lv)->agent, "%s",
				    cs_row_get(&row, 2));
			}
		}
		cs_reader_close(&r);
		if (k < 0)
			goto out;
	}
	if (cs_master_open(&m, ds, &cs_schema_customers) < 0)
		goto out;
	if (cs_reader_open(&r, m.path, CS_READ_STORE, 0) < 0) {
		cs_master_close(&m);
		goto out;
	}
	gc = m.idx[9], ic = m.idx[0];	/* grade, id */
	for (i = 0; i < 5; i++)
		cs_row_push(&h, cols[i], strlen(cols[i]));
	cs_out_begin(&out, stdout, cs_opts_fmt(o), &h);
	while ((k = cs_reader_next(&r, &row)) > 0) {
		const char *grade = cs_row_get(&row, (size_t)gc);
		struct last_visit *lv;
		char when[32] = "", due[32];
		cs_time d;
		if (*grade < 'A' || *grade > 'C' || !*pol.visit[*grade - 'A'])
			continue;
		lv = cs_map_get(&last, cs_row_get(&row, (size_t)ic));
		if (agent && strcmp(lv ? lv->agent : "", agent))
			continue;
		if (lv == NULL)
			d = ds->now;	/* never visited: due now */
		else if (cadence_add(pol.visit[*grade - 'A'], lv->t, &d) < 0) {
			cs_fail(CS_ECONFIG, "policy/grades.csv: visit.%s: not a cadence "
			    "(2w, 1m, 30d): '%s'", grade, pol.visit[*grade - 'A']);
			k = -1;
			break;
		}
		if (d > ds->now)
			continue;
		if (lv)
			cs_date_format(lv->t, when);
		cs_date_format(d, due);
		cs_row_clear(&out_row);
		cs_row_push(&out_row, lv ? lv->agent : "", lv ? strlen(lv->agent) : 0);
		cs_row_push(&out_row, cs_row_get(&row, (size_t)ic),
		    strlen(cs_row_get(&row, (size_t)ic)));
		cs_row_push(&out_row, grade, 1);
		cs_row_push(&out_row, when, strlen(when));
		cs_row_push(&out_row, due, strlen(due));
		cs_out_row(&out, &out_row);
		count++;
	}
	cs_reader_close(&r);
	cs_master_close(&m);
	if (cs_out_end(&out) == 0 && k == 0)
		ret = count ? 0 : CS_NO;
out:
	cs_map_free(&last, free);
	cs_strv_free(names);
	cs_row_free(&row);
	cs_row_free(&h);
	cs_row_free(&out_row);
	free(dir);
	return ret;
}

/* ---- the classification report ---- */

static const char *const report_types[] = { "channel", "out-of-town", "end" };
#define REPORT_CELLS (3 * 4)	/* type x grade A, B, C, none */

struct report {
	struct cs_map cell;	/* customer id -> cell index + 1 */
	long customers[REPORT_CELLS], orders[REPORT_CELLS];
	double weight[REPORT_CELLS], freight[REPORT_CELLS];
	const struct cs_period *p;
	struct cs_buf b;
};

/* An order of the period: customer, weight, freight, status, created_at. */
static int
report_order(void *ctx, const struct cs_slice *f, long line)
{
	struct report *rp = ctx;
	void *v;
	cs_time t;
	int c;

	(void)line;
	if (f[3].n == 9 && memcmp(f[3].p, "cancelled", 9) == 0)
		return 0;
	if (cs_time_parse(cs_slice_text(&f[4], &rp->b), &t) < 0 ||
	    !cs_period_contains(rp->p, t))
		return 0;
	if ((v = cs_map_get(&rp->cell, cs_slice_text(&f[0], &rp->b))) == NULL)
		return 0;
	c = (int)(intptr_t)v - 1;
	rp->orders[c]++;
	rp->weight[c] += strtod(cs_slice_text(&f[1], &rp->b), NULL);
	rp->freight[c] += strtod(cs_slice_text(&f[2], &rp->b), NULL);
	return 0;
}

/*
 * The type x grade matrix: customers, and the orders, weight and freight
 * of the period (by default the twelve months to now) in each cell.
 */
static int
cmd_report(struct cs_ds *ds, const struct cs_opts *o)
{
	static const char *cols[] = { "type", "grade", "customers", "orders",
		"weight", "freight" };
	static const char *const ocols[] = { "customer", "weight", "freight",
		"status", "created_at" };
	struct report rp = { 0 };
	struct cs_period p;
	struct cs_reader r;
	struct cs_master m;
	struct cs_row row = { 0 }, h = { 0 }, out_row = { 0 };
	struct cs_out out = { 0 };
	char **files = NULL, **f, num[64];
	int given, k, i, ret = -1;
	long tc = 0, to = 0;
	double tw = 0, tf = 0;

	if (cs_opts_period(o, &p, &given) < 0)
		return -1;
	if (!given && cs_period_year_to(ds->now, &p) < 0)
		return -1;
	rp.p = &p;
	if (cs_master_open(&m, ds, &cs_schema_customers) < 0)
		return -1;
	k = cs_reader_open(&r, m.path, CS_READ_STORE, 0);
	if (k < 0)
		goto out;
	while ((k = cs_reader_next(&r, &row)) > 0) {
		const char *type = cs_row_get(&row, (size_t)m.idx[8]);
		const char *grade = cs_row_get(&row, (size_t)m.idx[9]);
		int g = *grade >= 'A' && *grade <= 'C' ? *grade - 'A' : 3;
		for (i = 0; i < 3 && strcmp(type, report_types[i]); i++)
			;
		if (i == 3)
			continue;	/* cs check reports it */
		*cs_map_slot(&rp.cell, cs_row_get(&row, (size_t)m.idx[0]), NULL) =
		    (void *)(intptr_t)(i * 4 + g + 1);
		rp.customers[i * 4 + g]++;
	}
	cs_reader_close(&r);
	if (k < 0)
		goto out;
	if ((files = cs_dated_files(ds->dir, &cs_schema_orders, &p)) == NULL)
		goto out;
	for (f = files; *f; f++)
		if (cs_scan_store(*f, ocols, 5, report_order, &rp) < 0)
			goto out;
	for (i = 0; i < 6; i++)
		cs_row_push(&h, cols[i], strlen(cols[i]));
	cs_out_begin(&out, stdout, cs_opts_fmt(o), &h);
	for (i = 0; i <= REPORT_CELLS; i++) {
		const char *type = i < REPORT_CELLS ? report_types[i / 4] : "all";
		const char *grade = i == REPORT_CELLS ? "all" :
		    i % 4 == 3 ? "-" : (const char *[]){ "A", "B", "C" }[i % 4];
		long c = i < REPORT_CELLS ? rp.customers[i] : tc;
		long n = i < REPORT_CELLS ? rp.orders[i] : to;
		double w = i < REPORT_CELLS ? rp.weight[i] : tw;
		double fr = i < REPORT_CELLS ? rp.freight[i] : tf;
		cs_row_clear(&out_row);
		cs_row_push(&out_row, type, strlen(type));
		cs_row_push(&out_row, grade, strlen(grade));
		snprintf(num, sizeof num, "%ld", c);
		cs_row_push(&out_row, num, strlen(num));
		snprintf(num, sizeof num, "%ld", n);
		cs_row_push(&out_row, num, strlen(num));
		snprintf(num, sizeof num, "%.1f", w);
		cs_row_push(&out_row, num, strlen(num));
		snprintf(num, sizeof num, "%.2f", fr);
		cs_row_push(&out_row, num, strlen(num));
		cs_out_row(&out, &out_row);
		if (i < REPORT_CELLS)
			tc += c, to += n, tw += w, tf += fr;
	}
	ret = cs_out_end(&out) == 0 ? 0 : -1;
out:
	cs_master_close(&m);
	cs_map_free(&rp.cell, NULL);
	cs_strv_free(files);
	cs_buf_free(&rp.b);
	cs_row_free(&row);
	cs_row_free(&h);
	cs_row_free(&out_row);
	return ret;
}

/* ---- history ---- */

/* The journal's lines about one customer, confidential values masked. */
static int
cmd_history(struct cs_ds *ds, const struct cs_opts *o, const char *id)
{
	static const char *cols[] = { "time", "user", "program", "command",
		"field", "old", "new" };
	struct cs_out out = { 0 };
	struct cs_row h = { 0 };
	int i, ret;

	if (!cs_id_valid("C", id))
		return cs_fail(CS_EUSAGE, "not a customers.csv id: '%s'", id);
	if (cs_customer_known(ds, id) < 0)
		return cs_errstatus() == CS_EDATA ? cs_fail(CS_NO,
		    "customers.csv: no id '%s'", id) : -1;
	for (i = 0; i < 7; i++)
		cs_row_push(&h, cols[i], strlen(cols[i]));
	out.gb18030 = o->gb18030;
	cs_out_begin(&out, stdout, cs_opts_fmt(o), &h);
	ret = cs_journal_history(ds, id, &cs_schema_customers, &out);
	if (cs_out_end(&out) < 0)
		ret = -1;
	cs_row_free(&h);
	return ret;
}

/* ---- grades and alerts ---- */

/* v with 2 decimals, or as %g; nothing when show is 0 */
static void
push_num(struct cs_row *r, int show, int fixed, double v)
{
	char num[64] = "";

	if (show)
		snprintf(num, sizeof num, fixed ? "%.2f" : "%g", v);
	cs_row_push(r, num, strlen(num));
}

static void
explain_line(struct cs_out *out, struct cs_row *r, const char *item,
    const char *value, const char *target, double score, int has_score,
    double weight, int has_weight)
{
	cs_row_clear(r);
	cs_row_push(r, item, strlen(item));
	cs_row_push(r, value, strlen(value));
	cs_row_push(r, target, strlen(target));
	push_num(r, has_score, 1, score);
	push_num(r, has_weight, 0, weight);
	cs_out_row(out, r);
}

/* Every number behind one customer's grade. */
static int
grade_explain(const struct cs_grade_policy *p, const struct cs_custset *set,
    const struct cs_custstats *s, const struct cs_opts *o)
{
	static const char *cols[] = { "item", "value", "full_marks", "score",
		"weight" };
	struct cs_grade_parts g;
	struct cs_out out = { 0 };
	struct cs_row h = { 0 }, r = { 0 };
	char v[64], t[64], from[16], to[16];
	int i;

	cs_grade_score(p, s, &g);
	for (i = 0; i < 5; i++)
		cs_row_push(&h, cols[i], strlen(cols[i]));
	cs_out_begin(&out, stdout, cs_opts_fmt(o), &h);
	cs_date_format(set->from, from);
	cs_date_format(set->now, to);
	snprintf(v, sizeof v, "%s to %s", from, to);
	explain_line(&out, &r, "year", v, "", 0, 0, 0, 0);
	snprintf(v, sizeof v, "%d", s->coop_months);
	snprintf(t, sizeof t, "%g", p->coop_months);
	explain_line(&out, &r, "cooperation_months", v, t, g.coop, 1, p->w[0], 1);
	snprintf(v, sizeof v, "%ld", s->orders);
	snprintf(t, sizeof t, "%g", p->vol[0]);
	explain_line(&out, &r, "orders", v, t, g.vol[0], 1, 0, 0);
	snprintf(v, sizeof v, "%.1f", s->weight);
	snprintf(t, sizeof t, "%g", p->vol[1]);
	explain_line(&out, &r, "weight", v, t, g.vol[1], 1, 0, 0);
	snprintf(v, sizeof v, "%.2f", s->freight);
	snprintf(t, sizeof t, "%g", p->vol[2]);
	explain_line(&out, &r, "freight", v, t, g.vol[2], 1, 0, 0);
	explain_line(&out, &r, "volume", "", "", g.volume, 1, p->w[1], 1);
	if (s->ratings)
		snprintf(v, sizeof v, "%d, mean %.2f", s->ratings,
		    (double)s->rating_sum / s->ratings);
	else
		snprintf(v, sizeof v, "0");
	explain_line(&out, &r, "ratings", v, "5", g.rating, 1, 0, 0);
	snprintf(v, sizeof v, "%d", s->complaints);
	snprintf(t, sizeof t, "-%g each", p->sat_complaint);
	explain_line(&out, &r, "complaints", v, t, 0, 0, 0, 0);
	explain_line(&out, &r, "satisfaction", "", "", g.sat, 1, p->w[2], 1);
	snprintf(v, sizeof v, "%d", g.active);
	explain_line(&out, &r, "months_with_orders", v, "12", 0, 0, 0, 0);
	snprintf(v, sizeof v, "%d of %d", s->answered, s->visits);
	snprintf(t, sizeof t, "%g%% of loyalty", p->loyalty_visits);
	explain_line(&out, &r, "visits_answered", v, t, 0, 0, 0, 0);
	explain_line(&out, &r, "loyalty", "", "", g.loyalty, 1, p->w[3], 1);
	explain_line(&out, &r, "score", "", "", g.score, 1, 0, 0);
	snprintf(v, sizeof v, "%c", g.grade);
	snprintf(t, sizeof t, "A %g, B %g", p->threshold[0], p->threshold[1]);
	explain_line(&out, &r, "grade", v, t, 0, 0, 0, 0);
	snprintf(v, sizeof v, "%s", s->grade ? (char[]){ s->grade, 0 } : "-");
	explain_line(&out, &r, "grade_now", v, "", 0, 0, 0, 0);
	cs_row_free(&h);
	cs_row_free(&r);
	return cs_out_end(&out);
}

struct change {
	size_t i;		/* into the set */
	char grade;
};

/* Under the lock: the grades into customers.csv, each change journaled. */
static int
grade_apply(struct cs_ds *ds, const struct cs_custset *set,
    const struct change *ch, size_t n)
{
	struct cs_map want = { 0 };
	struct cs_master m;
	struct cs_reader r;
	struct cs_row row = { 0 };
	struct cs_buf data = { 0 }, j = { 0 };
	int k, ret = -1;
	size_t i, gc;

	for (i = 0; i < n; i++)
		*cs_map_slot(&want, set->c[ch[i].i].id, NULL) =
		    (void *)(intptr_t)ch[i].grade;
	if (cs_master_open(&m, ds, &cs_schema_customers) < 0) {
		cs_map_free(&want, NULL);
		return -1;
	}
	gc = (size_t)m.idx[9];
	if (cs_lock(ds, cs_lock_wait) < 0)
		goto out;
	if ((k = cs_reader_open(&r, m.path, CS_READ_STORE, 0)) < 0)
		goto unlock;
	cs_csv_record(&data, &r.hdr);
	while ((k = cs_reader_next(&r, &row)) > 0) {
		const char *id = cs_row_get(&row, (size_t)m.idx[0]);
		void *g = cs_map_get(&want, id);
		char now[2] = { g ? (char)(intptr_t)g : 0, 0 };
		if (g && strcmp(cs_row_get(&row, gc), now)) {
			cs_journal_line(&j, ds, "grade", id, "grade",
			    cs_row_get(&row, gc), now);
			cs_row_set(&row, gc, now);
		}
		cs_csv_record(&data, &row);
	}
	cs_reader_close(&r);
	if (k == 0)
		ret = j.len ? cs_commit_rewrite(ds, m.rel, &data, &j) : 0;
unlock:
	cs_unlock(ds);
out:
	cs_master_close(&m);
	cs_map_free(&want, NULL);
	cs_row_free(&row);
	cs_buf_free(&data);
	cs_buf_free(&j);
	return ret;
}

/*
 * Grade every customer by policy/grades.csv over the twelve months to
 * now; list the changes and, unless --dry-run, make them.
 */
static int
cmd_grade(struct cs_ds *ds, const struct cs_opts *o, const char *explain,
    int all)
{
	static const char *cols[] = { "id", "type", "score", "old", "new" };
	struct cs_grade_policy p;
	struct cs_custset set;
	struct cs_grade_parts g;
	struct cs_out out = { 0 };
	struct cs_row h = { 0 }, r = { 0 };
	struct change *ch = NULL;
	size_t i, n = 0;
	int ret = -1;

	if (explain && !cs_id_valid("C", explain))
		return cs_fail(CS_EUSAGE, "--explain: not a customers.csv id: '%s'",
		    explain);
	if (cs_grade_policy_load(&p, ds->dir) < 0)
		return -1;
	if (cs_custset_gather(&set, ds, &p) < 0)
		goto out;
	if (explain) {
		void *v = cs_map_get(&set.idx, explain);
		ret = v ? grade_explain(&p, &set, &set.c[(intptr_t)v - 1], o) :
		    cs_fail(CS_EDATA, "customers.csv: no id '%s'", explain);
		goto out;
	}
	ch = cs_xmalloc((set.n + 1) * sizeof *ch);
	for (i = 0; i < set.n; i++) {
		cs_grade_score(&p, &set.c[i], &g);
		if (g.grade != set.c[i].grade)
			ch[n].i = i, ch[n].grade = g.grade, n++;
	}
	/* stored, then listed: what is printed is made */
	if (!o->dry_run && n > 0) {
		if (grade_apply(ds, &set, ch, n) < 0)
			goto out;
		cs_committed("stored %zu grade changes", n);
	}
	for (i = 0; i < 5; i++)
		cs_row_push(&h, cols[i], strlen(cols[i]));
	cs_out_begin(&out, stdout, cs_opts_fmt(o), &h);
	for (i = 0; i < set.n; i++) {
		const struct cs_custstats *s = &set.c[i];
		cs_grade_score(&p, s, &g);
		if (g.grade == s->grade && !all)
			continue;
		cs_row_clear(&r);
		cs_row_push(&r, s->id, strlen(s->id));
		cs_row_push(&r, s->type, strlen(s->type));
		push_num(&r, 1, 1, g.score);
		cs_row_push(&r, &s->grade, s->grade ? 1 : 0);
		cs_row_push(&r, &g.grade, 1);
		cs_out_row(&out, &r);
	}
	ret = cs_out_end(&out);
out:
	cs_custset_free(&set);
	free(ch);
	cs_row_free(&h);
	cs_row_free(&r);
	return ret;
}

/*
 * The customers to worry about, a line an alert with its numbers; exit 1
 * when there are none, so that a cron line mails only what there is.
 */
static int
cmd_alerts(struct cs_ds *ds, const struct cs_opts *o, const struct filter *f)
{
	static const char *cols[] = { "customer", "type", "grade", "alert",
		"detail" };
	struct cs_grade_policy p;
	struct cs_custset set;
	struct cs_alert a[CS_ALERTS_MAX];
	struct cs_out out = { 0 };
	struct cs_row h = { 0 }, r = { 0 };
	size_t i, count = 0;
	int k, j, ret = -1;

	if (cs_grade_policy_load(&p, ds->dir) < 0)
		return -1;
	if (cs_custset_gather(&set, ds, &p) < 0)
		goto out;
	for (i = 0; i < 5; i++)
		cs_row_push(&h, cols[i], strlen(cols[i]));
	out.maxw = 100;		/* the detail whole on a terminal */
	cs_out_begin(&out, stdout, cs_opts_fmt(o), &h);
	for (i = 0; i < set.n; i++) {
		const struct cs_custstats *s = &set.c[i];
		if ((f->type && strcmp(s->type, f->type)) ||
		    (f->grade && (s->grade != f->grade[0] || f->grade[1])))
			continue;
		k = cs_alerts(&p, s, ds->now, a);
		for (j = 0; j < k; j++) {
			cs_row_clear(&r);
			cs_row_push(&r, s->id, strlen(s->id));
			cs_row_push(&r, s->type, strlen(s->type));
			cs_row_push(&r, &s->grade, s->grade ? 1 : 0);
			cs_row_push(&r, a[j].kind, strlen(a[j].kind));
			cs_row_push(&r, a[j].why, strlen(a[j].why));
			cs_out_row(&out, &r);
			count++;
		}
	}
	if (cs_out_end(&out) == 0)
		ret = count ? 0 : CS_NO;
out:
	cs_custset_free(&set);
	cs_row_free(&h);
	cs_row_free(&r);
	return ret;
}

/* ---- options and commands ---- */

static const struct option longopts[] = {
	{ "dry-run", no_argument, NULL, 'n' },
	{ "encoding", required_argument, NULL, 'e' },
	{ "excel", no_argument, NULL, 'x' },
	{ "explain", required_argument, NULL, 'E' },
	{ "history", no_argument, NULL, 'H' },
	{ "agent", required_argument, NULL, 'a' },
	{ "all", no_argument, NULL, 'A' },
	{ "grade", required_argument, NULL, 'g' },
	{ "literal", no_argument, NULL, 'l' },
	{ "map", required_argument, NULL, 'm' },
	{ "region", required_argument, NULL, 'r' },
	{ "search", required_argument, NULL, 's' },
	{ "type", required_argument, NULL, 't' },
	{ "unmask", no_argument, NULL, 'u' },
	CS_PERIOD_LONG,
	{ NULL, 0, NULL, 0 },
};

static void
options(int argc, char **argv, int verb, struct cs_opts *o, struct filter *f,
    struct import_opts *io)
{
	int c;

	while ((c = cs_getopt(argc, argv, verb, "n", longopts, o, usage)) != -1) {
		switch (c) {
		case 'e':
			if (strcasecmp(optarg, "gb18030") == 0)
				o->gb18030 = 1;
			else if (strcasecmp(optarg, "utf-8") && strcasecmp(optarg,
			    "utf8"))
				cs_fatal(CS_EUSAGE, "--encoding: utf-8 or gb18030, "
				    "not '%s'", optarg);
			break;
		case 'a': f->agent = optarg; break;
		case 'A': f->all = 1; break;
		case 'E': f->explain = optarg; break;
		case 'H': f->history = 1; break;
		case 'g': f->grade = optarg; break;
		case 'l': io->literal = 1; break;
		case 'm':
			if (strchr(optarg, '=') == NULL)
				cs_fatal(CS_EUSAGE, "--map: expected from=to, not '%s'",
				    optarg);
			cs_buf_addf(&io->map, "%s,", optarg);
			break;
		case 'n': o->dry_run = 1; break;
		case 'r': f->region = optarg; break;
		case 's': f->search = optarg; break;
		case 't': f->type = optarg; break;
		case 'u': o->unmask = 1; break;
		case 'x': o->excel = 1; break;
		default:
			cs_usage_error("missing or extra arguments");
		}
	}
}

static int
run(struct cs_ds *ds, const char *verb, int argc, char **argv,
    struct cs_opts *o, struct filter *f, struct import_opts *io)
{
	if (strcmp(verb, "add") == 0)
		return cs_verb_add(ds, &cs_schema_customers, argc, argv);
	if (strcmp(verb, "set") == 0)
		return cs_verb_set(ds, &cs_schema_customers, argc, argv);
	if (strcmp(verb, "show") == 0)
		return argc != 1 ? cs_fail(CS_EUSAGE, "show: one id") : f->history ?
		    cmd_history(ds, o, argv[0]) :
		    cs_verb_show(ds, &cs_schema_customers, o, argv[0]);
	if (strcmp(verb, "list") == 0)
		return argc == 0 ? cs_verb_list(ds, &cs_schema_customers, o, "list",
		    keep, f) : cs_fail(CS_EUSAGE, "list: no operands");
	if (strcmp(verb, "export") == 0) {
		if (argc != 0)
			return cs_fail(CS_EUSAGE, "export: no operands");
		if (!o->fmt_set && !o->excel)
			o->fmt = CS_FMT_CSV, o->fmt_set = 1;
		return cs_verb_list(ds, &cs_schema_customers, o, "export", NULL, NULL);
	}
	if (strcmp(verb, "visit") == 0)
		return cmd_visit(ds, argc, argv);
	if (strcmp(verb, "due") == 0)
		return argc ? cs_fail(CS_EUSAGE, "due: no operands") :
		    cmd_due(ds, o, f->agent);
	if (strcmp(verb, "grade") == 0)
		return argc ? cs_fail(CS_EUSAGE, "grade: no operands") :
		    cmd_grade(ds, o, f->explain, f->all);
	if (strcmp(verb, "alerts") == 0)
		return argc ? cs_fail(CS_EUSAGE, "alerts: no operands") :
		    cmd_alerts(ds, o, f);
	if (strcmp(verb, "report") == 0)
		return argc ? cs_fail(CS_EUSAGE, "report: no operands") :
		    cmd_report(ds, o);
	if (strcmp(verb, "import") == 0)
		return argc == 1 ? cmd_import(ds, o, io, argv[0]) :
		    cs_fail(CS_EUSAGE, "import: one file (or -)");
	return cs_fail(CS_EUSAGE, "unknown command '%s' (see cs-customer --help)",
	    verb);
}

int
main(int argc, char **argv)
{
	struct cs_opts o = { 0 };
	struct filter f = { 0 };
	struct import_opts io = { 0 };
	struct cs_ds ds;
	const char *verb;
	int ret;

	cs_progname = "cs-customer";
	cs_hold_stdfds();
	options(argc, argv, 0, &o, &f, &io);
	argc -= optind;
	argv += optind;
	if (argc == 0)
		cs_usage_error("no command given");
	verb = argv[0];
	cs_getopt_reset();
	options(argc, argv, 1, &o, &f, &io);
	argc -= optind;
	argv += optind;
	if (cs_ds_begin(&ds, &o) < 0)
		cs_die();
	ret = run(&ds, verb, argc, argv, &o, &f, &io);
	cs_ds_close(&ds);
	cs_buf_free(&io.map);
	if (ret < 0 || cs_close_stdout() < 0)
		cs_die();
	return ret;
}
