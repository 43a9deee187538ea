/*
 * cs-order: logistics orders, from the quote to the signed delivery.
 *
 *	add -> new --review--> reviewed --confirm--> confirmed --picked-up-->
 *	picked-up --in-transit--> in-transit --out-for-delivery-->
 *	out-for-delivery --delivered--> delivered --signed--> signed
 *
 * with delay and damage at any step in transport, loss ending it, and
 * cancel before it is picked up.  Orders live in orders/YYYY-MM/ (dated.c),
 * ids O-YYYYMMDD-NNNN; every step is an event in order-events/YYYY-MM.csv,
 * written with the record and its journal lines (cs_commit).
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cs.h"

#define S (&cs_schema_orders)
#define EV_HEADER "time,id,event,by,detail\n"

static void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "usage: cs-order [-D dir] [-o format] quote field=value ...\n"
	    "       cs-order [-D dir] [--wait seconds] add field=value ...\n"
	    "       cs-order [-D dir] [-o format] [--unmask] show id\n"
	    "       cs-order [-D dir] [-o format] track id\n"
	    "       cs-order [-D dir] [-o format] [--unmask] list [period]\n"
	    "                [--customer id] [--exception] [--late] [--route from-to]\n"
	    "                [--service s] [--status s]\n"
	    "       cs-order [-D dir] [-o format] late\n"
	    "       cs-order [-D dir] [-o format] [--encoding gb18030] [--excel]\n"
	    "                [--unmask] export [period]\n"
	    "       cs-order [-D dir] [-o format] report [period]\n"
	    "       cs-order [-D dir] [--wait seconds] review id\n"
	    "       cs-order [-D dir] [--wait seconds] confirm id\n"
	    "       cs-order [-D dir] [--wait seconds] event id\n"
	    "                picked-up|in-transit|out-for-delivery|delivered\n"
	    "                [location=place]\n"
	    "       cs-order [-D dir] [--wait seconds] sign id by=name\n"
	    "       cs-order [-D dir] [--wait seconds] exception [--complain] id\n"
	    "                delay|damage|loss [note=text] [estimated_at=time]\n"
	    "       cs-order [-D dir] [--wait seconds] cancel id reason=text\n");
	cs_exit(status);
}

struct filter {
	const char *customer, *route, *service, *status;
	int late, exception, unmask, complain;
	struct cs_period period;
	cs_time now;
};

static const char *
get(const struct cs_master *m, const struct cs_row *r, const char *field)
{
	return cs_master_get(m, r, field);
}

static double
number(const char *s, int *ok)
{
	char *end;
	double v = strtod(s, &end);

	*ok = *s && !*end;
	return v;
}

/* The quote for the record's weight, dimensions, route and service. */
static int
quote_of(struct cs_ds *ds, const struct cs_master *m, const struct cs_row *r,
    cs_time ship, struct cs_quote *q)
{
	struct cs_rates rt;
	double v[4];
	static const char *f[] = { "weight", "length", "width", "height" };
	int i, ok, ret;

	for (i = 0; i < 4; i++) {
		v[i] = 0;
		if (*get(m, r, f[i]) == '\0' && i > 0)
			continue;
		v[i] = number(get(m, r, f[i]), &ok);
		if (!ok)
			return cs_fail(CS_EDATA, "field '%s': not a number: '%s'", f[i],
			    get(m, r, f[i]));
	}
	if (cs_rates_load(&rt, ds->dir) < 0)
		return -1;
	ret = cs_quote(&rt, get(m, r, "origin_region"),
	    get(m, r, "destination_region"), *get(m, r, "service") ?
	    get(m, r, "service") : "standard", v[0], v[1], v[2], v[3], ship, q);
	cs_rates_free(&rt);
	return ret;
}

static int
fields(const struct cs_master *m, struct cs_row *rec, int argc, char **argv)
{
	const char *value;
	char *field;
	int i, r;

	for (i = 0; i < argc; i++) {
		if (cs_arg_utf8("operand", argv[i]) < 0 ||
		    cs_assign_split(argv[i], &field, &value) < 0)
			return -1;
		if (!strcmp(field, "id") || !strcmp(field, "status") ||
		    !strcmp(field, "created_at") || !strcmp(field, "delivered_at") ||
		    !strcmp(field, "signed_by") || !strcmp(field, "exception") ||
		    !strcmp(field, "location") || !strcmp(field, "cancel_reason") ||
		    !strcmp(field, "estimated_at"))
			r = cs_fail(CS_EUSAGE, "field '%s' is not given here", field);
		else
			r = cs_master_assign(m, rec, field, value);
		free(field);
		if (r < 0)
			return -1;
	}
	return 0;
}

static int
cmd_quote(struct cs_ds *ds, const struct cs_opts *o, int argc, char **argv)
{
	struct cs_master m;
	struct cs_row rec = { 0 }, h = { 0 }, r = { 0 };
	struct cs_out out = { 0 };
	struct cs_quote q;
	char b[5][32];
	int i, ret = -1;
	static const char *cols[] = { "chargeable_kg", "volumetric_kg", "freight",
		"transit_days", "promised_at" };

	if (cs_master_open_rel(&m, ds, S, NULL) < 0)
		return -1;
	cs_master_blank(&m, &rec);
	if (fields(&m, &rec, argc, argv) < 0 || quote_of(ds, &m, &rec, ds->now,
	    &q) < 0)
		goto out;
	snprintf(b[0], 32, "%.1f", q.chargeable);
	snprintf(b[1], 32, "%.2f", q.volumetric);
	snprintf(b[2], 32, "%.2f", q.freight);
	snprintf(b[3], 32, "%d", q.transit_days);
	cs_time_format(q.promised, b[4]);
	for (i = 0; i < 5; i++) {
		cs_row_push(&h, cols[i], strlen(cols[i]));
		cs_row_push(&r, b[i], strlen(b[i]));
	}
	cs_out_begin(&out, stdout, cs_opts_fmt(o), &h);
	cs_out_row(&out, &r);
	ret = cs_out_end(&out);
out:
	cs_master_close(&m);
	cs_row_free(&rec);
	cs_row_free(&h);
	cs_row_free(&r);
	return ret;
}

static int
cmd_add(struct cs_ds *ds, int argc, char **argv)
{
	struct cs_master m, tail = { 0 };
	struct cs_row rec = { 0 }, laid = { 0 };
	struct cs_buf ev = { 0 }, j = { 0 }, line = { 0 }, hdr = { 0 }, det = { 0 };
	struct cs_quote q;
	char *id = NULL, *evrel = NULL, b[32];
	int ret = -1, locked = 0, ok;

	if (cs_master_open_rel(&m, ds, S, NULL) < 0)
		return -1;
	cs_master_blank(&m, &rec);
	cs_master_put(&m, &rec, "service", "standard");
	cs_master_put(&m, &rec, "quantity", "1");
	if (fields(&m, &rec, argc, argv) < 0)
		goto out;
	if (cs_customer_known(ds, get(&m, &rec, "customer")) < 0 ||
	    quote_of(ds, &m, &rec, ds->now, &q) < 0)
		goto out;
	if (*get(&m, &rec, "freight")) {
		double f = number(get(&m, &rec, "freight"), &ok);
		if (!ok || f < 0) {
			cs_fail(CS_EDATA, "field 'freight': not an amount: '%s'",
			    get(&m, &rec, "freight"));
			goto out;
		}
	} else {
		snprintf(b, sizeof b, "%.2f", q.freight);
		cs_master_put(&m, &rec, "freight", b);
	}
	if (*get(&m, &rec, "promised_at") == '\0')
		cs_master_put_time(&m, &rec, "promised_at", q.promised);
	cs_master_put_time(&m, &rec, "created_at", ds->now);
	cs_master_put(&m, &rec, "status", "new");
	if (cs_master_complete(&m, &rec) < 0)
		goto out;
	if (cs_lock(ds, cs_lock_wait) < 0)
		goto out;
	locked = 1;
	if (cs_dated_open_tail(&tail, ds, S, &id) < 0)
		goto out;
	cs_master_put(&m, &rec, "id", id);
	cs_master_remap(&m, &rec, &tail, &laid);
	cs_csv_record(&line, &laid);
	cs_buf_addf(&det, "freight %s, promised %s", get(&m, &rec, "freight"),
	    get(&m, &rec, "promised_at"));
	cs_event_line(&ev, ds, id, "created", det.s);
	line.s[--line.len] = '\0';
	cs_journal_line(&j, ds, "add", id, "", "", line.s);
	line.s[line.len++] = '\n';
	evrel = cs_month_rel("order-events", ds->now);
	cs_csv_record(&hdr, &tail.hdr);
	{
		struct cs_op ops[2] = {
			{ 0, evrel, EV_HEADER, 0, 0, &ev },
			{ 0, tail.rel, hdr.s, 0, 0, &line },
		};
		ret = cs_commit(ds, &j, ops, 2);
	}
	if (ret == 0) {
		cs_committed("stored %s", id);
		printf("%s\n", id);
	}
out:
	if (locked)
		cs_unlock(ds);
	cs_master_close(&m);
	cs_master_close(&tail);
	cs_row_free(&rec);
	cs_row_free(&laid);
	cs_buf_free(&ev);
	cs_buf_free(&j);
	cs_buf_free(&line);
	cs_buf_free(&hdr);
	cs_buf_free(&det);
	free(id);
	free(evrel);
	return ret;
}

/* ---- the steps ---- */

struct step {
	const char *name, *from, *to, *why;
};

static const struct step steps[] = {
	{ "review", "new", "reviewed", "it is reviewed already" },
	{ "confirm", "reviewed", "confirmed", "review it first" },
	{ "picked-up", "confirmed", "picked-up", "it is not confirmed" },
	{ "in-transit", "picked-up|in-transit", "in-transit",
	  "it has not been picked up, or is past transport" },
	{ "out-for-delivery", "picked-up|in-transit", "out-for-delivery",
	  "it is not in transport" },
	{ "delivered", "out-for-delivery|in-transit", "delivered",
	  "it is not out for delivery" },
	{ "sign", "delivered", "signed", "signing comes after delivery" },
	{ "delay", "confirmed|picked-up|in-transit|out-for-delivery", NULL,
	  "only an order on its way is delayed" },
	{ "damage", "picked-up|in-transit|out-for-delivery|delivered|signed", NULL,
	  "it has not been handled yet" },
	{ "loss", "confirmed|picked-up|in-transit|out-for-delivery", "lost",
	  "only an order on its way is lost" },
	{ "cancel", "new|reviewed|confirmed", "cancelled",
	  "an order picked up is not cancelled" },
};

static const struct step *
find_step(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if (strcmp(steps[i].name, name) == 0)
			return &steps[i];
	return NULL;
}

/* The problems review finds, one line each; "" when there are none. */
static void
problems(struct cs_ds *ds, const struct cs_master *m, const struct cs_row *r,
    struct cs_buf *out)
{
	struct cs_quote q;
	static const char *need[] = { "origin", "destination", "consignee",
		"phone", "goods" };
	size_t i;

	if (cs_customer_known(ds, get(m, r, "customer")) < 0)
		cs_buf_addf(out, "%s; ", cs_errmsg());
	for (i = 0; i < 5; i++)
		if (*get(m, r, need[i]) == '\0')
			cs_buf_addf(out, "no %s; ", need[i]);
	if (*get(m, r, "length") == '\0')
		cs_buf_adds(out, "no dimensions; ");
	if (quote_of(ds, m, r, ds->now, &q) < 0)
		cs_buf_addf(out, "%s; ", cs_errmsg());
	if (out->len > 1)
		out->s[out->len -= 2] = '\0';
}

static int
cmd_step(struct cs_ds *ds, const char *name, int argc, char **argv)
{
	const struct step *st = find_step(name);
	struct cs_master m;
	struct cs_row old = { 0 }, new = { 0 };
	struct cs_buf j = { 0 }, ev = { 0 }, line = { 0 }, det = { 0 };
	const char *id, *status, *allowed;
	char *evrel = NULL;
	off_t start, end;
	int ret = -1;

	if (argc < 1)
		return cs_fail(CS_EUSAGE, "%s: which order?", name);
	id = argv[0];
	argc--, argv++;
	allowed = !strcmp(name, "in-transit") ? "location" :
	    !strcmp(name, "sign") ? "by" : !strcmp(name, "delay") ?
	    "note|estimated_at" : !strcmp(name, "damage") || !strcmp(name, "loss") ?
	    "note" : !strcmp(name, "cancel") ? "reason" : "";
	if (cs_operands_check(argc, argv, allowed, name) < 0)
		return -1;
	if ((!strcmp(name, "sign") && !*cs_operand(argc, argv, "by")) ||
	    (!strcmp(name, "cancel") && !*cs_operand(argc, argv, "reason")) ||
	    (!strcmp(name, "delay") && !*cs_operand(argc, argv, "estimated_at")))
		return cs_fail(CS_EUSAGE, "%s: %s= is required", name,
		    !strcmp(name, "sign") ? "by" : !strcmp(name, "cancel") ? "reason" :
		    "estimated_at");
	if (cs_lock(ds, cs_lock_wait) < 0)
		return -1;
	if (cs_dated_find(ds, S, "order", id, &m, &old, &start, &end) < 0)
		goto out;
	status = get(&m, &old, "status");
	if (!cs_in_list(status, st->from)) {
		cs_fail(CS_EDATA, "%s %s: the order is %s; %s", name, id, status,
		    !strcmp(status, "cancelled") ? "it was cancelled" :
		    !strcmp(status, "lost") ? "it was lost" : st->why);
		goto out;
	}
	cs_row_copy(&new, &old);
	if (!strcmp(name, "review")) {
		problems(ds, &m, &old, &det);
		if (det.len) {
			cs_fail(CS_EDATA, "review %s: %s", id, det.s);
			goto out;
		}
		cs_buf_adds(&det, "complete");
	} else if (!strcmp(name, "in-transit")) {
		if (cs_master_assign(&m, &new, "location", cs_operand(argc, argv,
		    "location")) < 0)
			goto out;
		cs_buf_adds(&det, cs_operand(argc, argv, "location"));
	} else if (!strcmp(name, "delivered")) {
		cs_master_put_time(&m, &new, "delivered_at", ds->now);
	} else if (!strcmp(name, "sign")) {
		if (cs_master_assign(&m, &new, "signed_by", cs_operand(argc, argv,
		    "by")) < 0)
			goto out;
		cs_buf_addf(&det, "by %s", cs_operand(argc, argv, "by"));
	} else if (!strcmp(name, "delay") || !strcmp(name, "damage") ||
	    !strcmp(name, "loss")) {
		cs_master_put(&m, &new, "exception", name);
		if (!strcmp(name, "delay") && cs_master_assign(&m, &new,
		    "estimated_at", cs_operand(argc, argv, "estimated_at")) < 0)
			goto out;
		cs_buf_adds(&det, cs_operand(argc, argv, "note"));
		if (!strcmp(name, "delay"))
			cs_buf_addf(&det, "%snow expected %s", det.len ? "; " : "",
			    get(&m, &new, "estimated_at"));
	} else if (!strcmp(name, "cancel")) {
		if (cs_master_assign(&m, &new, "cancel_reason", cs_operand(argc, argv,
		    "reason")) < 0)
			goto out;
		cs_buf_adds(&det, cs_operand(argc, argv, "reason"));
	}
	if (st->to)
		cs_master_put(&m, &new, "status", st->to);
	cs_master_diff(&m, &old, &new, name, &j);
	cs_event_line(&ev, ds, id, name, det.s ? det.s : "");
	cs_csv_record(&line, &new);
	evrel = cs_month_rel("order-events", ds->now);
	{
		struct cs_op ops[2] = {
			{ 0, evrel, EV_HEADER, 0, 0, &ev },
			{ 1, m.rel, NULL, start, end, &line },
		};
		ret = cs_commit(ds, &j, ops, 2);
	}
out:
	cs_unlock(ds);
	cs_master_close(&m);
	cs_row_free(&old);
	cs_row_free(&new);
	cs_buf_free(&j);
	cs_buf_free(&ev);
	cs_buf_free(&line);
	cs_buf_free(&det);
	free(evrel);
	return ret;
}

/*
 * Open a complaint about the order with cs-complain, beside this program
 * or on PATH: its id goes to standard output, through this program, so
 * that a failure there says both were stored.  The exception is recorded
 * already; if this fails, it stays, and the error says so.
 */
static int
complain(struct cs_ds *ds, const char *id, const char *kind, const char *note)
{
	struct cs_master m;
	struct cs_row row = { 0 };
	struct cs_buf a[6] = { { 0 } }, self = { 0 }, said = { 0 };
	char exe[PATH_MAX], *slash, *argv[12], buf[256];
	off_t s, e;
	ssize_t n;
	pid_t pid;
	int st, i, fd[2], rerr = 0;

	if (cs_dated_find(ds, S, "order", id, &m, &row, &s, &e) < 0) {
		cs_master_close(&m);
		return -1;
	}
	cs_buf_addf(&a[0], "customer=%s", get(&m, &row, "customer"));
	cs_buf_addf(&a[1], "order=%s", id);
	cs_buf_addf(&a[2], "nature=%s", kind);
	cs_buf_addf(&a[3], "content=%s: %s%s%s", kind, get(&m, &row, "goods"),
	    *note ? "; " : "", note);
	cs_buf_addf(&a[4], "severity=%s", strcmp(kind, "loss") ? "normal" : "major");
	cs_buf_addf(&a[5], "-D%s", ds->dir);
	cs_master_close(&m);
	cs_row_free(&row);
	argv[0] = "cs-complain";
	argv[1] = a[5].s;
	argv[2] = "add";
	argv[3] = "channel=phone";
	for (i = 0; i < 5; i++)
		argv[4 + i] = a[i].s;
	argv[9] = NULL;
	fflush(stdout);
	if (pipe(fd) < 0)
		return cs_fail_errno("pipe for", "cs-complain");
	if ((pid = fork()) < 0) {
		cs_fail_errno("fork", "cs-complain");
		close(fd[0]);
		close(fd[1]);
		return -1;
	}
	if (pid == 0) {
		close(fd[0]);
		if (dup2(fd[1], STDOUT_FILENO) < 0)
			_exit(CS_EIO);
		close(fd[1]);
		n = readlink("/proc/self/exe", exe, sizeof exe - 1);
		if (n > 0) {
			exe[n] = '\0';
			if ((slash = strrchr(exe, '/')) != NULL)
				*slash = '\0';
			cs_buf_addf(&self, "%s/cs-complain", exe);
			execv(self.s, argv);
		}
		execvp("cs-complain", argv);
		fprintf(stderr, "cs-order: cannot run cs-complain: %s\n",
		    strerror(errno));
		_exit(CS_EUSAGE);
	}
	for (i = 0; i < 6; i++)
		cs_buf_free(&a[i]);
	close(fd[1]);
	cs_buf_adds(&said, "");
	while ((n = read(fd[0], buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rerr = errno;
			break;
		}
		cs_buf_add(&said, buf, (size_t)n);
	}
	close(fd[0]);
	if (waitpid(pid, &st, 0) < 0) {
		cs_buf_free(&said);
		return cs_fail_errno("wait for", "cs-complain");
	}
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		cs_buf_free(&said);
		return cs_fail(WIFEXITED(st) ? WEXITSTATUS(st) : CS_EIO, "the %s of "
		    "%s is recorded, but no complaint was opened (cs-complain said "
		    "why)", kind, id);
	}
	if (rerr) {
		cs_buf_free(&said);
		return cs_fail(CS_EIO, "stored the %s of %s and a complaint, but "
		    "its id could not be read from cs-complain: %s", kind, id,
		    strerror(rerr));
	}
	cs_committed("stored the %s of %s and complaint %.*s", kind, id,
	    (int)strcspn(said.s, "\n"), said.s);
	fputs(said.s, stdout);
	cs_buf_free(&said);
	return 0;
}

/* ---- views ---- */

static int
is_late(const struct cs_master *m, const struct cs_row *r, cs_time now)
{
	const char *st = get(m, r, "status");

	if (cs_in_list(st, "delivered|signed|cancelled|lost"))
		return 0;
	return cs_master_get_time(m, r, "promised_at") < now;
}

static int
keep(const struct cs_master *m, const struct cs_row *r, const struct filter *f)
{
	char route[80];

	if (f->customer && strcmp(get(m, r, "customer"), f->customer))
		return 0;
	if (f->service && strcmp(get(m, r, "service"), f->service))
		return 0;
	if (f->status && strcmp(get(m, r, "status"), f->status))
		return 0;
	snprintf(route, sizeof route, "%s-%s", get(m, r, "origin_region"),
	    get(m, r, "destination_region"));
	if (f->route && strcmp(route, f->route))
		return 0;
	if (f->exception && *get(m, r, "exception") == '\0')
		return 0;
	if (f->late && !is_late(m, r, f->now))
		return 0;
	return cs_period_contains(&f->period, cs_master_get_time(m, r,
	    "created_at"));
}

static int
cmd_list(struct cs_ds *ds, const struct filter *f, const struct cs_opts *o)
{
	char **files = cs_dated_files(ds->dir, S, &f->period), **p;
	struct cs_master m;
	struct cs_reader r;
	struct cs_row row = { 0 };
	struct cs_out out = { 0 };
	size_t n = 0;
	int k = 0, ret = -1;

	if (files == NULL)
		return -1;
	if (cs_master_open_rel(&m, ds, S, NULL) < 0) {
		cs_strv_free(files);
		return -1;
	}
	out.gb18030 = o->gb18030;
	cs_out_begin(&out, stdout, cs_opts_fmt(o), &m.hdr);
	for (p = files; *p && k >= 0; p++) {
		if ((k = cs_reader_open(&r, *p, CS_READ_STORE, 0)) < 0)
			break;
		if (cs_schema_bind(S, &r.hdr, r.name, m.idx) < 0)
			k = -1;
		while (k >= 0 && (k = cs_reader_next(&r, &row)) > 0) {
			if (!keep(&m, &row, f))
				continue;
			cs_master_masked(&m, &row, f->unmask);
			cs_out_row(&out, &row);
			n++;
		}
		cs_reader_close(&r);
	}
	if (cs_out_end(&out) == 0 && k >= 0)
		ret = n ? 0 : CS_NO;
	cs_strv_free(files);
	cs_row_free(&row);
	cs_master_close(&m);
	return ret;
}

static int
cmd_show(struct cs_ds *ds, const struct filter *f, const struct cs_opts *o,
    const char *id, int track)
{
	struct cs_master m;
	struct cs_row row = { 0 }, hdr = { 0 };
	struct cs_out out = { 0 };
	off_t s, e;
	int ret = -1, ic;
	static const char *ecols[] = { "time", "id", "event", "by", "detail" };

	if (cs_dated_find(ds, S, "order", id, &m, &row, &s, &e) < 0) {
		if (cs_errstatus() == CS_EDATA)
			cs_fail(CS_NO, "%s", cs_errmsg());
		goto out;
	}
	out.gb18030 = o->gb18030;
	if (!track) {
		cs_master_masked(&m, &row, f->unmask);
		cs_out_begin(&out, stdout, cs_opts_fmt(o) == CS_FMT_TABLE ?
		    CS_FMT_JSON : cs_opts_fmt(o), &m.hdr);
		cs_out_row(&out, &row);
		ret = cs_out_end(&out);
		goto out;
	}
	/* the timeline: the order's events, from its month on */
	for (ic = 0; ic < 5; ic++)
		cs_row_push(&hdr, ecols[ic], strlen(ecols[ic]));
	cs_out_begin(&out, stdout, cs_opts_fmt(o), &hdr);
	ret = cs_id_lines(ds, "order-events", id, 0, NULL, NULL, &out);
	if (cs_out_end(&out) < 0)
		ret = -1;
out:
	cs_master_close(&m);
	cs_row_free(&row);
	cs_row_free(&hdr);
	return ret;
}


/* ---- the monthly report ---- */

struct ogroup {
	char name[96];
	long orders, delivered, on_time, exceptions;
	double freight;
};

static struct ogroup *
ogroup(struct cs_map *m, const char *name)
{
	int isnew;
	void **slot = cs_map_slot(m, name, &isnew);

	if (isnew) {
		struct ogroup *g = calloc(1, sizeof *g);
		if (g == NULL)
			cs_fatal(CS_EIO, "out of memory");
		snprintf(g->name, sizeof g->name, "%s", name);
		*slot = g;
	}
	return *slot;
}

static void
ocount(struct ogroup *g, const struct cs_master *m, const struct cs_row *r)
{
	cs_time delivered = cs_master_get_time(m, r, "delivered_at");

	g->orders++;
	g->freight += atof(get(m, r, "freight"));
	if (delivered) {
		g->delivered++;
		g->on_time += delivered <= cs_master_get_time(m, r, "promised_at");
	}
	g->exceptions += *get(m, r, "exception") != '\0';
}

static void
orow(struct cs_out *out, const char *section, const struct ogroup *g)
{
	struct cs_row r = { 0 };
	char b[5][32];
	int c;

	snprintf(b[0], 32, "%ld", g->orders);
	snprintf(b[1], 32, "%ld", g->delivered);
	if (g->delivered)
		snprintf(b[2], 32, "%.1f%%", 100.0 * (double)g->on_time /
		    (double)g->delivered);
	else
		snprintf(b[2], 32, "no data");
	snprintf(b[3], 32, "%ld", g->exceptions);
	snprintf(b[4], 32, "%.2f", g->freight);
	cs_row_push(&r, section, strlen(section));
	cs_row_push(&r, g->name, strlen(g->name));
	for (c = 0; c < 5; c++)
		cs_row_push(&r, b[c], strlen(b[c]));
	cs_out_row(out, &r);
	cs_row_free(&r);
}

static void
orows(struct cs_out *out, const char *section, struct cs_map *m)
{
	const char **k = cs_xmalloc((m->n + 1) * sizeof *k);
	size_t i, j = 0;

	for (i = 0; i < m->cap; i++)
		if (m->keys[i])
			k[j++] = m->keys[i];
	for (i = 1; i < j; i++)
		for (size_t x = i; x > 0 && strcmp(k[x - 1], k[x]) > 0; x--) {
			const char *t = k[x];
			k[x] = k[x - 1];
			k[x - 1] = t;
		}
	for (i = 0; i < j; i++)
		orow(out, section, cs_map_get(m, k[i]));
	free(k);
}

/*
 * The period's orders (by default last month): all, by route and by
 * service; the exceptions by type and by route; orders, delivered, the
 * share delivered by the promised time, exceptions and freight each.
 */
static int
cmd_report(struct cs_ds *ds, const struct filter *f, const struct cs_opts *o)
{
	static const char *cols[] = { "section", "name", "orders", "delivered",
		"on_time", "exceptions", "freight" };
	char **files = cs_dated_files(ds->dir, S, &f->period), **p, key[96];
	struct cs_map routes = { 0 }, services = { 0 }, types = { 0 };
	struct cs_map exroutes = { 0 };
	struct ogroup all = { "all", 0, 0, 0, 0, 0 };
	struct cs_master m;
	struct cs_reader r;
	struct cs_row row = { 0 }, h = { 0 };
	struct cs_out out = { 0 };
	int k = 0, ret = -1, c;

	if (files == NULL)
		return -1;
	if (cs_master_open_rel(&m, ds, S, NULL) < 0) {
		cs_strv_free(files);
		return -1;
	}
	for (p = files; *p && k >= 0; p++) {
		if ((k = cs_reader_open(&r, *p, CS_READ_STORE, 0)) < 0)
			break;
		if (cs_schema_bind(S, &r.hdr, r.name, m.idx) < 0)
			k = -1;
		while (k >= 0 && (k = cs_reader_next(&r, &row)) > 0) {
			if (!cs_period_contains(&f->period, cs_master_get_time(&m, &row,
			    "created_at")))
				continue;
			ocount(&all, &m, &row);
			snprintf(key, sizeof key, "%s-%s", get(&m, &row, "origin_region"),
			    get(&m, &row, "destination_region"));
			ocount(ogroup(&routes, key), &m, &row);
			ocount(ogroup(&services, get(&m, &row, "service")), &m, &row);
			if (*get(&m, &row, "exception")) {
				ocount(ogroup(&types, get(&m, &row, "exception")), &m, &row);
				ocount(ogroup(&exroutes, key), &m, &row);
			}
		}
		cs_reader_close(&r);
	}
	if (k < 0)
		goto out;
	for (c = 0; c < 7; c++)
		cs_row_push(&h, cols[c], strlen(cols[c]));
	out.gb18030 = o->gb18030;
	cs_out_begin(&out, stdout, cs_opts_fmt(o), &h);
	orow(&out, "all", &all);
	orows(&out, "route", &routes);
	orows(&out, "service", &services);
	orows(&out, "exception", &types);
	orows(&out, "exception route", &exroutes);
	ret = cs_out_end(&out);
	if (ret == 0 && all.orders == 0)
		ret = CS_NO;
out:
	cs_strv_free(files);
	cs_map_free(&routes, free);
	cs_map_free(&services, free);
	cs_map_free(&types, free);
	cs_map_free(&exroutes, free);
	cs_row_free(&row);
	cs_row_free(&h);
	cs_master_close(&m);
	return ret;
}

/* ---- options ---- */

static const struct option longopts[] = {
	CS_PERIOD_LONG,
	{ "complain", no_argument, NULL, 'K' },
	{ "customer", required_argument, NULL, 'c' },
	{ "encoding", required_argument, NULL, 'e' },
	{ "excel", no_argument, NULL, 'x' },
	{ "exception", no_argument, NULL, 'X' },
	{ "late", no_argument, NULL, 'l' },
	{ "route", required_argument, NULL, 'r' },
	{ "service", required_argument, NULL, 's' },
	{ "status", required_argument, NULL, 'S' },
	{ "unmask", no_argument, NULL, 'u' },
	{ NULL, 0, NULL, 0 },
};

static void
options(int argc, char **argv, int verb, struct cs_opts *o, struct filter *f)
{
	int c;

	while ((c = cs_getopt(argc, argv, verb, "", longopts, o, usage)) != -1)
		switch (c) {
		case 'c': f->customer = optarg; break;
		case 'K': f->complain = 1; break;
		case 'e':
			if (strcasecmp(optarg, "gb18030"))
				cs_usage_error("--encoding: gb18030");
			o->gb18030 = 1;
			break;
		case 'x': o->excel = 1; break;
		case 'l': f->late = 1; break;
		case 'r': f->route = optarg; break;
		case 's': f->service = optarg; break;
		case 'S': f->status = optarg; break;
		case 'u': f->unmask = 1; break;
		case 'X': f->exception = 1; break;
		default: cs_usage_error("unknown option");
		}
}

static int
run(struct cs_ds *ds, const char *verb, int argc, char **argv, struct cs_opts *o,
    struct filter *f)
{
	int given;

	f->now = ds->now;
	if (f->unmask && strcmp(verb, "list") && strcmp(verb, "show") &&
	    strcmp(verb, "export"))
		return cs_fail(CS_EUSAGE, "--unmask goes with list, show and export");
	if (f->complain && strcmp(verb, "exception"))
		return cs_fail(CS_EUSAGE, "--complain goes with exception");
	if (f->unmask) {
		struct cs_buf j = { 0 };
		int r;
		if (cs_lock(ds, cs_lock_wait) < 0)
			return -1;
		cs_journal_line(&j, ds, verb, argc ? argv[0] : "*", "unmask", "",
		    verb);
		r = cs_journal_only(ds, &j);
		cs_unlock(ds);
		cs_buf_free(&j);
		if (r < 0)
			return -1;
	}
	if (!strcmp(verb, "quote"))
		return cmd_quote(ds, o, argc, argv);
	if (!strcmp(verb, "add"))
		return argc ? cmd_add(ds, argc, argv) :
		    cs_fail(CS_EUSAGE, "add: field=value operands");
	if (!strcmp(verb, "show") || !strcmp(verb, "track"))
		return argc == 1 ? cmd_show(ds, f, o, argv[0], verb[0] == 't') :
		    cs_fail(CS_EUSAGE, "%s: one id", verb);
	if (!strcmp(verb, "list") || !strcmp(verb, "late") ||
	    !strcmp(verb, "export") || !strcmp(verb, "report")) {
		if (argc)
			return cs_fail(CS_EUSAGE, "%s: no operands", verb);
		if (cs_opts_period(o, &f->period, &given) < 0)
			return -1;
		if (!strcmp(verb, "report")) {
			if (!given && cs_period_parse(NULL, "last-month", &f->period) < 0)
				return -1;
			return cmd_report(ds, f, o);
		}
		if (!strcmp(verb, "late"))
			f->late = 1;
		if (!strcmp(verb, "export") && !o->fmt_set && !o->excel)
			o->fmt = CS_FMT_CSV, o->fmt_set = 1;
		return cmd_list(ds, f, o);
	}
	if (!strcmp(verb, "event")) {
		const char *what;
		if (argc < 2 || (strcmp(argv[1], "picked-up") &&
		    strcmp(argv[1], "in-transit") &&
		    strcmp(argv[1], "out-for-delivery") &&
		    strcmp(argv[1], "delivered")))
			return cs_fail(CS_EUSAGE, "event: an id and picked-up, "
			    "in-transit, out-for-delivery or delivered");
		/* "event ID WHAT op..." is the step WHAT on "ID op..." */
		what = argv[1];
		argv[1] = argv[0];
		return cmd_step(ds, what, argc - 1, argv + 1);
	}
	if (!strcmp(verb, "exception")) {
		if (argc < 2 || (strcmp(argv[1], "delay") && strcmp(argv[1], "damage") &&
		    strcmp(argv[1], "loss")))
			return cs_fail(CS_EUSAGE, "exception: an id and delay, damage or "
			    "loss");
	}
	if (!strcmp(verb, "review") || !strcmp(verb, "confirm") ||
	    !strcmp(verb, "sign") || !strcmp(verb, "cancel"))
		return cmd_step(ds, verb, argc, argv);
	if (!strcmp(verb, "exception")) {
		const char *kind = argv[1], *id = argv[0];
		int r;
		if (f->complain && !strcmp(kind, "delay"))
			return cs_fail(CS_EUSAGE, "--complain: for a damage or a loss");
		/* what cs-complain would refuse, refused before the event is
		 * stored: else each retry would store the event again */
		if (f->complain && cs_roster_team(ds, "handler", ds->user, NULL) < 0)
			return cs_fail(cs_errstatus(), "--complain: %s: nothing stored",
			    cs_errmsg());
		argv[1] = argv[0];
		r = cmd_step(ds, kind, argc - 1, argv + 1);
		if (r == 0 && f->complain)
			r = complain(ds, id, kind, cs_operand(argc - 2, argv + 2, "note"));
		return r;
	}
	return cs_fail(CS_EUSAGE, "unknown command '%s' (see cs-order --help)", verb);
}

int
main(int argc, char **argv)
{
	struct cs_opts o = { 0 };
	struct filter f = { 0 };
	struct cs_ds ds;
	const char *verb;
	int ret;

	cs_progname = "cs-order";
	cs_hold_stdfds();
	options(argc, argv, 0, &o, &f);
	argc -= optind;
	argv += optind;
	if (argc == 0)
		cs_usage_error("no command given");
	verb = argv[0];
	cs_getopt_reset();
	options(argc, argv, 1, &o, &f);
	argc -= optind;
	argv += optind;
	if (cs_ds_begin(&ds, &o) < 0)
		cs_die();
	ret = run(&ds, verb, argc, argv, &o, &f);
	cs_ds_close(&ds);
	if (ret < 0 || cs_close_stdout() < 0)
		cs_die();
	return ret;
}
