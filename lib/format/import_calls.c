/*
 * import_calls.c: the telephone exchange's call records matched to the
 * phone records (rules/calls.h), and each matched record's answered_in
 * stored.
 *
 * Asterisk's cdr-csv Master.csv has no header; its columns are, in
 * order: accountcode, src, dst, dcontext, clid, channel, dstchannel,
 * lastapp, lastdata, start, answer, end, duration, billsec,
 * disposition, amaflags, and with loguniqueid and loguserfield,
 * uniqueid and userfield (16 or 18 fields).  Another system's export
 * has a header, renamed to these names by --map (the import engine's
 * cs_column_map); it needs start, answer and end, and whose telephone
 * took the call: agent, or dstchannel or dst (an extension of
 * policy/phones.csv).  The file is read whole and checked first: a line
 * that is not a call is the error, file:line: field, and nothing is
 * stored; a line that repeats an earlier call (cs_call_repeats) is said
 * and left out, and an extension whose agent is not on the roster
 * (cs_phones_roster) is nobody's.  The matched records change in one commit, journaled
 * (command "calls"); the calls not matched are listed, each with its
 * line and why.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "format/import.h"
#include "rules/calls.h"
#include "store/record.h"

enum { F_SRC, F_DST, F_DSTCHANNEL, F_START, F_ANSWER, F_END, F_DISPOSITION,
	F_AGENT, F_CHANNEL, F_UNIQUEID, F_N };
static const char *const names[F_N] = { "src", "dst", "dstchannel", "start",
	"answer", "end", "disposition", "agent", "channel", "uniqueid" };
/* their places in Master.csv */
static const int asterisk[F_N] = { 1, 2, 6, 9, 10, 11, 14, -1, 5, 16 };

struct calls {
	struct cs_ds *ds;
	const char *file;
	int col[F_N];
	struct cs_map phones;		/* extension -> agent */
	struct cs_map gone;		/* extension -> the day its agent left,
					 * "" not on the roster */
	struct cs_map customers;	/* id -> phone */
	struct cs_call *c;
	size_t n;
	struct cs_call_ticket *t;
	size_t nt;
	cs_time from, to;
	struct cs_sla sla;		/* the answer targets, for the plan */
};

static const char *
field(const struct calls *k, const struct cs_row *row, int f)
{
	return k->col[f] < 0 || (size_t)k->col[f] >= row->n ? "" :
	    cs_row_get(row, (size_t)k->col[f]);
}

/* The header of another system's file, after --map. */
/* Whose extension ext was at t (policy/phones.csv): its agent, until
 * the day they left (the start of that day in the department's zone);
 * NULL after, or for an agent not on the roster, or an extension that is
 * no one's. */
static const char *
ext_agent(const struct calls *k, const char *ext, cs_time t)
{
	const char *left = cs_map_get(&k->gone, ext);
	cs_time from;
	int y, m, d;

	if (left == NULL)
		return cs_map_get(&k->phones, ext);
	if (cs_date_parse(left, &y, &m, &d) < 0 ||
	    cs_mktime_local(y, m, d, 0, 0, 0, &from) < 0 || t >= from)
		return NULL;
	return cs_map_get(&k->phones, ext);
}

static int
header(struct calls *k, const struct cs_import_opts *o, const struct cs_row *h)
{
	struct cs_buf tmp = { 0 }, name = { 0 };
	size_t i;
	int f;

	for (f = 0; f < F_N; f++)
		k->col[f] = -1;
	for (i = 0; i < h->n; i++) {
		cs_buf_reset(&name);
		cs_import_fold(cs_column_map(o->map, cs_row_get(h, i), &tmp),
		    &name);
		for (f = 0; f < F_N; f++)
			if (strcmp(name.s, names[f]) == 0 && k->col[f] < 0)
				k->col[f] = (int)i;
	}
	cs_buf_free(&tmp);
	cs_buf_free(&name);
	for (f = F_START; f <= F_END; f++)
		if (k->col[f] < 0)
			return cs_fail(CS_EDATA, "%s:1: no '%s' column (--map "
			    "theirs=%s)", k->file, names[f], names[f]);
	if (k->col[F_AGENT] < 0 && k->col[F_DSTCHANNEL] < 0 && k->col[F_DST] < 0)
		return cs_fail(CS_EDATA, "%s:1: no 'agent', 'dstchannel' or 'dst' "
		    "column: whose telephone took each call?", k->file);
	return 0;
}

static int
when(const struct calls *k, long line, const char *name, const char *v,
    cs_time *t)
{
	/* a date and time: never "now", the clock's word */
	if (strcmp(v, "now") == 0 || cs_time_parse(v, t) < 0)
		return cs_fail(CS_EDATA, "%s:%ld: field '%s': not a time: '%s'",
		    k->file, line, name, v);
	return 0;
}

/* Field f of row into out[n], whole: what tells calls apart is never cut. */
static int
copy(const struct calls *k, const struct cs_row *row, int f, char *out,
    size_t n)
{
	const char *v = field(k, row, f);

	if (strlen(v) >= n)
		return cs_fail(CS_EDATA, "%s:%ld: field '%s': longer than %zu "
		    "bytes", k->file, row->line, names[f], n - 1);
	memcpy(out, v, strlen(v) + 1);
	return 0;
}

/* One line into a call, checked. */
static int
one_call(struct calls *k, const struct cs_row *row, int mapped)
{
	struct cs_call c;
	const char *disp = field(k, row, F_DISPOSITION), *agent;
	long line = row->line;

	memset(&c, 0, sizeof c);
	c.line = line;
	if (!mapped && row->n != 16 && row->n != 18)
		return cs_fail(CS_EDATA, "%s:%ld: %zu fields, not a call of "
		    "Master.csv (16, or 18 with uniqueid and userfield)", k->file,
		    line, row->n);
	if (when(k, line, "start", field(k, row, F_START), &c.start) < 0 ||
	    when(k, line, "end", field(k, row, F_END), &c.end) < 0)
		return -1;
	c.answered = *disp ? strcasecmp(disp, "ANSWERED") == 0 :
	    *field(k, row, F_ANSWER) != '\0';
	if (c.answered && when(k, line, "answer", field(k, row, F_ANSWER),
	    &c.answer) < 0)
		return -1;
	if (c.end < c.start)
		return cs_fail(CS_EDATA, "%s:%ld: field 'end': before the start "
		    "%s: '%s'", k->file, line, field(k, row, F_START),
		    field(k, row, F_END));
	if (c.answered && (c.answer < c.start || c.answer > c.end))
		return cs_fail(CS_EDATA, "%s:%ld: field 'answer': not between the "
		    "start and the end: '%s'", k->file, line,
		    field(k, row, F_ANSWER));
	if (copy(k, row, F_UNIQUEID, c.uniqueid, sizeof c.uniqueid) < 0 ||
	    copy(k, row, F_DST, c.dst, sizeof c.dst) < 0 ||
	    copy(k, row, F_CHANNEL, c.channel, sizeof c.channel) < 0)
		return -1;
	snprintf(c.caller, sizeof c.caller, "%s", field(k, row, F_SRC));
	cs_call_extension(field(k, row, F_DSTCHANNEL), field(k, row, F_DST),
	    c.ext);
	agent = *field(k, row, F_AGENT) ? field(k, row, F_AGENT) :
	    ext_agent(k, c.ext, c.start);
	snprintf(c.agent, sizeof c.agent, "%s", agent ? agent : "");
	if (k->n == 0 || c.start < k->from)
		k->from = c.start;
	if (k->n == 0 || c.end > k->to)
		k->to = c.end;
	k->c = cs_xrealloc(k->c, (k->n + 1) * sizeof *k->c);
	k->c[k->n++] = c;
	return 0;
}

/* A call given twice is one: the repeat said and dropped. */
static int
repeats(struct calls *k)
{
	size_t *rep = cs_xmalloc((k->n ? k->n : 1) * sizeof *rep);
	size_t i, kept = 0;

	cs_call_repeats(k->c, k->n, rep);
	for (i = 0; i < k->n; i++) {
		if (rep[i] != (size_t)-1) {
			cs_warn("%s: line %ld repeats line %ld", k->file,
			    k->c[i].line, k->c[rep[i]].line);
			continue;
		}
		k->c[kept++] = k->c[i];
	}
	k->n = kept;
	free(rep);
	return 0;
}

static int
read_calls(struct calls *k, const struct cs_import_opts *o, const char *file)
{
	int mapped = (o->map && o->map->len) || o->map_file;
	struct cs_reader r;
	struct cs_row row = { 0 };
	int f, rc;

	k->file = strcmp(file, "-") == 0 ? "<stdin>" : file;
	for (f = 0; f < F_N; f++)
		k->col[f] = asterisk[f];
	if (cs_reader_open(&r, file, CS_READ_CSV, CS_READ_USER |
	    CS_READ_LITERAL | (mapped ? 0 : CS_READ_NOHEADER)) < 0)
		return -1;
	rc = mapped ? header(k, o, &r.hdr) : 0;
	while (rc == 0 && (rc = cs_reader_next(&r, &row)) > 0)
		rc = one_call(k, &row, mapped);
	cs_reader_close(&r);
	cs_row_free(&row);
	return rc < 0 ? -1 : repeats(k);
}

/* customers.csv: each customer's telephone. */
static int
customer_phones(struct calls *k)
{
	char *path = cs_ds_path(k->ds, "customers.csv");
	struct cs_reader r;
	struct cs_row row = { 0 };
	int rc, ic, pc;

	rc = cs_reader_open(&r, path, CS_READ_STORE, 0);
	free(path);
	if (rc < 0)
		return errno == ENOENT ? 0 : -1;
	ic = cs_row_find(&r.hdr, "id"), pc = cs_row_find(&r.hdr, "phone");
	while (ic >= 0 && pc >= 0 && (rc = cs_reader_next(&r, &row)) > 0)
		*cs_map_slot(&k->customers, cs_row_get(&row, (size_t)ic), NULL) =
		    cs_xstrdup(cs_row_get(&row, (size_t)pc));
	cs_reader_close(&r);
	cs_row_free(&row);
	return rc < 0 ? -1 : 0;
}

/* Each phone record opened around the calls. */
static int
on_ticket(void *ctx, const struct cs_master *m, const struct cs_row *r)
{
	struct calls *k = ctx;
	struct cs_call_ticket t;
	const char *phone;

	if (strcmp(cs_master_get(m, r, "channel"), "phone") != 0)
		return 0;
	memset(&t, 0, sizeof t);
	t.opened = cs_master_get_time(m, r, "opened_at");
	if (t.opened < k->from - CS_CALL_BEFORE - 86400 ||
	    t.opened > k->to + CS_CALL_AFTER + 86400)
		return 0;
	snprintf(t.id, sizeof t.id, "%s", cs_master_get(m, r, "id"));
	snprintf(t.agent, sizeof t.agent, "%s", cs_master_get(m, r, "agent"));
	snprintf(t.kind, sizeof t.kind, "%s", cs_master_get(m, r, "kind"));
	phone = cs_map_get(&k->customers, cs_master_get(m, r, "customer"));
	snprintf(t.phone, sizeof t.phone, "%s", phone ? phone : "");
	k->t = cs_xrealloc(k->t, (k->nt + 1) * sizeof *k->t);
	k->t[k->nt++] = t;
	return 0;
}

static int
tickets(struct calls *k)
{
	struct cs_period p = { k->from - 2 * 86400, k->to + 2 * 86400, "" };

	if (customer_phones(k) < 0)
		return -1;
	return cs_record_each(k->ds, &cs_schema_tickets, &p, on_ticket, k);
}

/* Why call i was not matched; "" when it was. */
static void
why(const struct calls *k, const struct cs_call_match *mt, size_t i,
    char *out, size_t n)
{
	const struct cs_call *c = &k->c[i];
	const char *left = cs_map_get(&k->gone, c->ext);

	*out = '\0';
	switch (mt[i].how) {
	case CS_CALL_UNANSWERED:
		snprintf(out, n, _("not answered: no record to carry it"));
		break;
	case CS_CALL_NO_AGENT:
		if (left && *left)
			snprintf(out, n, _("extension '%s' is nobody's on the "
			    "roster: policy/phones.csv gives it to '%s', who left "
			    "on %s"), c->ext, (const char *)cs_map_get(&k->phones,
			    c->ext), left);
		else if (left)
			snprintf(out, n, _("extension '%s' is nobody's on the "
			    "roster: policy/phones.csv gives it to '%s'"), c->ext,
			    (const char *)cs_map_get(&k->phones, c->ext));
		else
			snprintf(out, n, _("extension '%s' is no one's in "
			    "policy/phones.csv"), c->ext);
		break;
	case CS_CALL_NONE:
		snprintf(out, n, _("no phone record of %s opened during the "
		    "call"), c->agent);
		break;
	case CS_CALL_TWO:
		snprintf(out, n, _("two phone records of %s opened during the "
		    "call: %s and %s"), c->agent, k->t[mt[i].ticket].id,
		    k->t[mt[i].other].id);
		break;
	case CS_CALL_SHARED:
		snprintf(out, n, _("%s was opened during the call of line %ld "
		    "too"), k->t[mt[i].ticket].id, k->c[mt[i].other].line);
		break;
	}
}

/* One matched record's answered_in, into ops[*nops] and the journal.
 * A ticket of a chunk written before the column was added: the chunk is
 * given it first (widen.c), in the import's transaction (*began). */
struct change {
	struct cs_master m;
	struct cs_row old, new;
	struct cs_buf line;
	off_t start, end;
};

static int
change(struct calls *k, const struct cs_call *c, const char *id,
    struct change *ch, struct cs_buf *journal, int *changed, int *began)
{
	char secs[24];

	*changed = 0;
	if (cs_dated_find(k->ds, &cs_schema_tickets, "ticket", id, &ch->m,
	    &ch->old, &ch->start, &ch->end) < 0)
		return -1;
	if (cs_master_lacks(&ch->m, "answered_in")) {
		if (!*began && cs_txn_begin(k->ds) < 0)
			return -1;
		*began = 1;
		if (cs_store_widen(k->ds, &cs_schema_tickets, ch->m.rel) < 0)
			return -1;
		cs_master_close(&ch->m);
		if (cs_dated_find(k->ds, &cs_schema_tickets, "ticket", id, &ch->m,
		    &ch->old, &ch->start, &ch->end) < 0)
			return cs_txn_fail(k->ds);
	}
	cs_row_copy(&ch->new, &ch->old);
	snprintf(secs, sizeof secs, "%lld", (long long)(c->answer - c->start));
	if (cs_master_assign(&ch->m, &ch->new, "answered_in", secs) < 0)
		return -1;
	if (cs_master_diff(&ch->m, &ch->old, &ch->new, "calls", journal) == 0)
		return 0;
	cs_csv_record(&ch->line, &ch->new);
	*changed = 1;
	return 0;
}

/* later in a file first, so that the byte ranges before hold */
static int
by_place(const void *a, const void *b)
{
	const struct cs_op *x = a, *y = b;
	int c = strcmp(x->rel, y->rel);

	return c ? c : x->start < y->start ? 1 : x->start > y->start ? -1 : 0;
}

static int
store(struct calls *k, const struct cs_call_match *mt, struct cs_out *plan,
    int dry)
{
	struct change *ch = cs_xmalloc((k->n ? k->n : 1) * sizeof *ch);
	struct cs_op *ops = cs_xmalloc((k->n ? k->n : 1) * sizeof *ops);
	struct cs_buf journal = { 0 };
	size_t i, nops = 0, nch = 0, matched = 0;
	char text[256], secs[24];
	int ret = -1, changed, r, began = 0;

	for (i = 0; i < k->n; i++) {
		const char *id;
		why(k, mt, i, text, sizeof text);
		if (*text) {
			cs_warn("%s:%ld: %s", k->file, k->c[i].line, text);
			continue;
		}
		id = k->t[mt[i].ticket].id;
		snprintf(secs, sizeof secs, "%lld", (long long)(k->c[i].answer -
		    k->c[i].start));
		if (plan) {
			int64_t target = cs_sla_answer(&k->sla,
			    k->t[mt[i].ticket].kind, "phone");
			const char *in = target < 0 ? "" :
			    k->c[i].answer - k->c[i].start <= target ? "yes" : "no";
			cs_import_plan_row(plan, k->c[i].line, (const char *[]){ id,
			    k->c[i].agent, secs, in, NULL });
		}
		if (dry) {
			matched++;
			continue;
		}
		memset(&ch[nch], 0, sizeof ch[nch]);
		r = change(k, &k->c[i], id, &ch[nch++], &journal, &changed,
		    &began);
		if (r < 0)
			goto out;
		matched++;
		if (changed) {
			memset(&ops[nops], 0, sizeof ops[nops]);
			ops[nops].replace = 1;
			ops[nops].rel = ch[nch - 1].m.rel;
			ops[nops].start = ch[nch - 1].start;
			ops[nops].end = ch[nch - 1].end;
			ops[nops++].data = &ch[nch - 1].line;
		}
	}
	ret = 0;
	if (!dry && nops) {
		qsort(ops, nops, sizeof *ops, by_place);
		ret = cs_commit(k->ds, &journal, ops, nops);
	}
out:
	if (began)	/* the widening and the answer times: one commit */
		ret = cs_txn_end(k->ds, ret);
	if (ret == 0 && nops)
		cs_committed("stored the answer times of %zu calls from %s", nops,
		    k->file);
	for (i = 0; i < nch; i++) {
		cs_master_close(&ch[i].m);
		cs_row_free(&ch[i].old);
		cs_row_free(&ch[i].new);
		cs_buf_free(&ch[i].line);
	}
	free(ch);
	free(ops);
	cs_buf_free(&journal);
	(void)matched;
	return ret;
}

int
cs_import_calls(struct cs_ds *ds, const struct cs_import_opts *o,
    const char *file)
{
	static const char *const plancols[] = { "line", "ticket", "agent",
		"answered_in", "in_time", NULL };
	struct calls k;
	struct cs_call_match *mt = NULL;
	struct cs_out out = { 0 };
	struct cs_row hdr = { 0 };
	int ret = -1, locked = 0;

	memset(&k, 0, sizeof k);
	k.ds = ds;
	if (cs_sla_load(&k.sla, ds->dir) < 0 ||
	    cs_phones_load(&k.phones, ds->dir) < 0 ||
	    cs_phones_roster(ds->dir, NULL, &k.gone) < 0 ||
	    read_calls(&k, o, file) < 0)
		goto out;
	if (!o->dry_run) {
		if (cs_lock(ds, cs_lock_wait) < 0)
			goto out;
		locked = 1;
	}
	if (k.n && tickets(&k) < 0)
		goto out;
	mt = cs_xmalloc((k.n ? k.n : 1) * sizeof *mt);
	cs_call_match(k.c, k.n, k.t, k.nt, mt);
	if (o->dry_run)
		cs_import_plan_begin(&out, o, &hdr, plancols);
	ret = store(&k, mt, o->dry_run ? &out : NULL, o->dry_run);
	if (o->dry_run && cs_out_end(&out) < 0)
		ret = -1;
out:
	if (locked)
		cs_unlock(ds);
	cs_map_free(&k.phones, free);
	cs_map_free(&k.gone, free);
	cs_map_free(&k.customers, free);
	cs_sla_free(&k.sla);
	cs_row_free(&hdr);
	free(k.c);
	free(k.t);
	free(mt);
	return ret;
}
