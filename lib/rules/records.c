/*
 * records.c: the invariants of a record (records.h).  Each is a plain
 * function of a record laid out as its master's columns (and of the
 * records it names, as found), so each can be tested over a record made
 * by hand; the writers' check and cs check's walk over the stores are
 * the two uses, at the bottom.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/records.h"
#include "rules/step.h"
#include "store/outbox.h"

static int
broke(struct cs_broken *b, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* 1: the invariant is broken, at field, for the reason fmt. */
static int
broke(struct cs_broken *b, const char *field, const char *fmt, ...)
{
	va_list ap;

	b->field = field;
	va_start(ap, fmt);
	vsnprintf(b->why, sizeof b->why, gettext(fmt), ap);
	va_end(ap);
	return 1;
}

/* word is one of list, "a|b|c" (a step's statuses: cs_step_from). */
static int
one_of(const char *word, const char *list)
{
	const struct cs_step st = { "", list, NULL, NULL, NULL, NULL };

	return cs_step_from(&st, word);
}

static const char *
get(const struct cs_master *m, const struct cs_row *r, const char *field)
{
	return cs_master_get(m, r, field);
}

/* 1 and the time in *t when field holds one. */
static int
when(const struct cs_master *m, const struct cs_row *r, const char *field,
    cs_time *t)
{
	const char *v = get(m, r, field);

	return *v && cs_time_parse(v, t) == 0;
}

/* Each time of fields (NULL-ended) given not before the last one given
 * before it. */
static int
in_order(const struct cs_master *m, const struct cs_row *r,
    const char *const *fields, struct cs_broken *b)
{
	const char *prev = NULL;
	cs_time t, last = 0;

	for (; *fields; fields++) {
		if (!when(m, r, *fields, &t))
			continue;
		if (prev && t < last)
			return broke(b, *fields, "%s is before %s %s",
			    get(m, r, *fields), prev, get(m, r, prev));
		prev = *fields, last = t;
	}
	return 0;
}

/* field not before the time of field first (when both are given). */
static int
not_before(const struct cs_master *m, const struct cs_row *r,
    const char *field, const char *first, struct cs_broken *b)
{
	const char *chain[] = { first, field, NULL };

	return in_order(m, r, chain, b);
}

/* A record of status what has field (want 1) or has not (want 0). */
static int
has(const struct cs_master *m, const struct cs_row *r, const char *what,
    const char *field, int want, struct cs_broken *b)
{
	const char *v = get(m, r, field);
	const char *st = get(m, r, "status");

	if ((*v != '\0') == want)
		return 0;
	if (want)
		return broke(b, field, "a %s %s has one; it is empty", st, what);
	return broke(b, field, "a %s %s has none, not '%s'", st, what, v);
}

/* ---- tickets ---- */

int
cs_records_ticket_times(const struct cs_master *m, const struct cs_row *r,
    struct cs_broken *b)
{
	static const char *const chain[] = { "opened_at", "first_response_at",
		"resolved_at", "closed_at", NULL };

	return in_order(m, r, chain, b) ||
	    not_before(m, r, "promised_at", "opened_at", b) ||
	    not_before(m, r, "pending_since", "opened_at", b);
}

int
cs_records_ticket_status(const struct cs_master *m, const struct cs_row *r,
    struct cs_broken *b)
{
	const char *st = get(m, r, "status");
	int done = strcmp(st, "resolved") == 0 || strcmp(st, "closed") == 0;

	if (!done && strcmp(st, "open") && strcmp(st, "pending"))
		return 0;	/* not a status: the schema's to say */
	return has(m, r, "ticket", "resolved_at", done, b) ||
	    has(m, r, "ticket", "closed_at", strcmp(st, "closed") == 0, b);
}

/* The record's field names ref (found as ref): it exists, and it is the
 * record's customer's. */
static int
refers(const struct cs_master *m, const struct cs_row *r, const char *field,
    const struct cs_ref *ref, struct cs_broken *b)
{
	const char *id = get(m, r, field), *cust = get(m, r, "customer");

	if (*id == '\0')
		return 0;
	if (ref == NULL || !ref->found)
		return broke(b, field, "%s %s: no such %s", field, id, field);
	if (*cust && strcmp(cust, ref->customer) != 0)
		return broke(b, field, "%s %s is customer %s's, not %s's", field,
		    id, *ref->customer ? ref->customer : "no", cust);
	return 0;
}

int
cs_records_ticket_refs(const struct cs_master *m, const struct cs_row *r,
    const struct cs_ref *order, struct cs_broken *b)
{
	return refers(m, r, "order", order, b);
}

/* ---- complaints ---- */

int
cs_records_complaint_times(const struct cs_master *m,
    const struct cs_row *r, struct cs_broken *b)
{
	static const char *const chain[] = { "received_at", "answered_at",
		"resolved_at", "visit_at", "closed_at", NULL };

	return not_before(m, r, "recorded_at", "received_at", b) ||
	    in_order(m, r, chain, b) ||
	    not_before(m, r, "escalated_at", "received_at", b);
}

int
cs_records_complaint_status(const struct cs_master *m,
    const struct cs_row *r, struct cs_broken *b)
{
	static const char *const waiting = "open|forwarded";
	static const char *const settled = "resolved|satisfied|visited";
	const char *st = get(m, r, "status");
	int closed = strcmp(st, "closed") == 0;

	if (!closed && !one_of(st, waiting) && !one_of(st, settled) &&
	    strcmp(st, "answered"))
		return 0;	/* not a status: the schema's to say */
	if (closed)
		return has(m, r, "complaint", "closed_at", 1, b);
	if (has(m, r, "complaint", "closed_at", 0, b))
		return 1;
	if (one_of(st, waiting))
		return has(m, r, "complaint", "answered_at", 0, b) ||
		    has(m, r, "complaint", "resolved_at", 0, b);
	if (strcmp(st, "answered") == 0)
		return has(m, r, "complaint", "answered_at", 1, b) ||
		    has(m, r, "complaint", "resolved_at", 0, b);
	return has(m, r, "complaint", "resolved_at", 1, b) ||
	    (strcmp(st, "visited") == 0 &&
	    has(m, r, "complaint", "visit_at", 1, b));
}

/* The record ref names in field began before the complaint was received. */
static int
before_it(const struct cs_master *m, const struct cs_row *r, const char *field,
    const struct cs_ref *ref, const char *began, struct cs_broken *b)
{
	char at[32];
	cs_time received;

	if (*get(m, r, field) == '\0' || !when(m, r, "received_at", &received) ||
	    ref->at <= received)
		return 0;
	cs_time_format(ref->at, at);
	return broke(b, field, "%s %s was %s at %s, after the complaint was "
	    "received (%s)", field, get(m, r, field), began, at,
	    get(m, r, "received_at"));
}

int
cs_records_complaint_refs(const struct cs_master *m, const struct cs_row *r,
    const struct cs_ref *ticket, const struct cs_ref *order,
    struct cs_broken *b)
{
	return refers(m, r, "ticket", ticket, b) ||
	    before_it(m, r, "ticket", ticket, "opened", b) ||
	    refers(m, r, "order", order, b) ||
	    before_it(m, r, "order", order, "created", b);
}

/* ---- orders ---- */

int
cs_records_order_times(const struct cs_master *m, const struct cs_row *r,
    struct cs_broken *b)
{
	return not_before(m, r, "delivered_at", "created_at", b);
}

int
cs_records_order_status(const struct cs_master *m, const struct cs_row *r,
    struct cs_broken *b)
{
	const char *st = get(m, r, "status");
	const char *ex = get(m, r, "exception_status");

	/* an exception's state: open or resolved, resolved with its
	 * resolution and time (rules/order.c, cs_order_exception_next) */
	if (*ex && *get(m, r, "exception") == '\0')
		return broke(b, "exception_status", "'%s' of no exception", ex);
	if (strcmp(ex, "resolved") == 0 && (*get(m, r, "exception_resolution") ==
	    '\0' || *get(m, r, "exception_resolved_at") == '\0'))
		return broke(b, *get(m, r, "exception_resolution") ?
		    "exception_resolved_at" : "exception_resolution",
		    "a resolved exception has one; it is empty");
	if (strcmp(ex, "resolved") != 0 && *get(m, r, "exception_resolved_at"))
		return broke(b, "exception_resolved_at", "an exception not "
		    "resolved has none, not '%s'", get(m, r,
		    "exception_resolved_at"));
	if (*st == '\0')
		return 0;
	/* not "a delivered one has one": orders kept by hand before
	 * delivered_at was kept say only that they were signed */
	if (one_of(st, "delivered|signed"))
		return 0;
	return has(m, r, "order", "delivered_at", 0, b);
}

/* ---- the outbox's messages ---- */

int
cs_records_message(const struct cs_master *m, const struct cs_row *r,
    struct cs_broken *b)
{
	static const char *const chain[] = { "queued_at", "tried_at", "sent_at",
		NULL };
	const char *st = get(m, r, "status");

	if (in_order(m, r, chain, b) || not_before(m, r, "due_at", "queued_at", b))
		return 1;
	if (one_of(st, "sending|sent|failed|doubt|dead")) {
		if (has(m, r, "message", "tried_at", 1, b))
			return 1;
		if (strtol(get(m, r, "attempts"), NULL, 10) < 1)
			return broke(b, "attempts", "a %s message was tried; its "
			    "attempts are 0", st);
	}
	if (strcmp(st, "sent") == 0)
		return has(m, r, "message", "sent_at", 1, b);
	return *st ? has(m, r, "message", "sent_at", 0, b) : 0;
}

/* ---- events ---- */

/* An event's place in its record's lifecycle: 0 and up in order, -1 any
 * time (an exception, a complaint's step), -2 the end, -3 not an event,
 * -4 any time, after the end too (an exception resolved). */
static int
event_rank(int order, const char *what)
{
	static const char *const orders[] = { "created", "review", "confirm",
		"prepare", "pack", "dispatch", "picked-up", "in-transit", "out-for-delivery", "delivered", "sign",
		NULL };
	int i;

	if (order) {
		for (i = 0; orders[i]; i++)
			if (strcmp(orders[i], what) == 0)
				return i;
		/* set: before confirm (cs-order set refuses it after);
		 * resolve: an exception's, after a loss or a cancel too */
		return one_of(what, "delay|damage|set") ? -1 :
		    one_of(what, "loss|cancel") ? -2 :
		    strcmp(what, "resolve") == 0 ? -4 : -3;
	}
	if (strcmp(what, "recorded") == 0)
		return 0;
	if (strcmp(what, "close") == 0)
		return -2;
	return one_of(what, "forward|escalate|respond|resolve|satisfied|"
	    "unsatisfied|visit") ? -1 : -3;
}

int
cs_records_event(struct cs_evstate *st, int order, const char *what,
    cs_time t, struct cs_broken *b)
{
	const char *first = order ? "created" : "recorded";
	int rank = event_rank(order, what);

	if (rank == -3)
		return broke(b, order ? "event" : "step", "not an event of %s: "
		    "'%s'", order ? "an order" : "a complaint", what);
	if (!st->seen && rank != 0)
		return broke(b, order ? "event" : "step", "'%s' before the "
		    "record's first event, '%s'", what, first);
	if (st->seen && rank == 0)
		return broke(b, order ? "event" : "step", "'%s' twice", what);
	if (st->ended && rank != -4)
		return broke(b, order ? "event" : "step", "'%s' after the "
		    "record's end", what);
	if (st->seen && t < st->last)
		return broke(b, "time", "'%s' is before the record's event before "
		    "it", what);
	if (rank >= 0 && rank < st->rank)
		return broke(b, "event", "'%s' after a later step of its "
		    "lifecycle", what);
	st->seen = 1;
	st->last = t;
	if (rank >= 0)
		st->rank = rank;
	st->ended |= rank == -2;
	return 0;
}

/* ---- the stores ---- */

/* The time a record of s began. */
static const char *
began_col(const struct cs_schema *s)
{
	return s == &cs_schema_tickets ? "opened_at" :
	    s == &cs_schema_orders ? "created_at" : "received_at";
}

static void
ref_of(const struct cs_master *m, const struct cs_row *r, struct cs_ref *ref)
{
	memset(ref, 0, sizeof *ref);
	ref->found = 1;
	snprintf(ref->customer, sizeof ref->customer, "%s",
	    get(m, r, "customer"));
	when(m, r, began_col(m->s), &ref->at);
}

/* Its columns found by name, as another program's store is read. */
int
cs_records_find(struct cs_ds *ds, const struct cs_schema *s, const char *id,
    struct cs_ref *ref)
{
	struct cs_row hdr = { 0 }, row = { 0 };
	char *rel = NULL, *path;
	off_t start, end;
	int k, cc, tc;

	memset(ref, 0, sizeof *ref);
	if (!cs_id_valid(s->idprefix, id) || strlen(id) < 15 || id[10] != '-')
		return 0;
	if ((k = cs_dated_locate(ds->dir, s, id, &rel)) <= 0)
		return k;
	path = cs_ds_path(ds, rel);
	free(rel);
	if ((k = cs_store_find(path, id, 1, &hdr, &row, &start, &end)) > 0) {
		ref->found = 1;
		if ((cc = cs_row_find(&hdr, "customer")) >= 0)
			snprintf(ref->customer, sizeof ref->customer, "%s",
			    cs_row_get(&row, (size_t)cc));
		if ((tc = cs_row_find(&hdr, began_col(s))) >= 0 &&
		    cs_time_parse(cs_row_get(&row, (size_t)tc), &ref->at) < 0)
			ref->at = 0;
	}
	free(path);
	cs_row_free(&hdr);
	cs_row_free(&row);
	return k;
}

static int
refuse(const struct cs_broken *b)
{
	return cs_fail(CS_EDATA, "field '%s': %s", b->field, b->why);
}

/* field of r, found in store s: -1 on an error. */
struct month_refs {
	struct cs_map *refs;
	struct cs_buf b[3];
};

static int
month_ref(void *ctx, const struct cs_slice *f, long line)
{
	struct month_refs *mr = ctx;
	struct cs_ref *ref = cs_xmalloc(sizeof *ref);
	void **slot;

	(void)line;
	memset(ref, 0, sizeof *ref);
	ref->found = 1;
	snprintf(ref->customer, sizeof ref->customer, "%s",
	    cs_slice_text(&f[1], &mr->b[1]));
	if (cs_time_parse(cs_slice_text(&f[2], &mr->b[2]), &ref->at) < 0)
		ref->at = 0;
	slot = cs_map_slot(mr->refs, cs_slice_text(&f[0], &mr->b[0]), NULL);
	free(*slot);
	*slot = ref;
	return 0;
}

int
cs_records_month_refs(struct cs_ds *ds, const struct cs_schema *s,
    const char *month, struct cs_map *refs)
{
	const char *cols[3] = { "id", "customer", began_col(s) };
	struct month_refs mr = { refs, { { 0 }, { 0 }, { 0 } } };
	char **chunks = cs_dated_chunks(ds->dir, s, month), **c, *path;
	int rc = 0;
	size_t i;

	if (chunks == NULL)
		return -1;
	for (c = chunks; *c && rc == 0; c++) {
		path = cs_ds_path(ds, *c);
		rc = cs_scan_store(path, cols, 3, month_ref, &mr);
		free(path);
	}
	cs_strv_free(chunks);
	for (i = 0; i < 3; i++)
		cs_buf_free(&mr.b[i]);
	return rc < 0 ? -1 : 0;
}

static int
find_ref(struct cs_ds *ds, const struct cs_master *m, const struct cs_row *r,
    const char *field, const struct cs_schema *s, struct cs_ref *ref)
{
	memset(ref, 0, sizeof *ref);
	if (*get(m, r, field) == '\0')
		return 0;
	return cs_records_find(ds, s, get(m, r, field), ref) < 0 ? -1 : 0;
}

int
cs_records_refuse_ticket(struct cs_ds *ds, const struct cs_master *m,
    const struct cs_row *r)
{
	struct cs_broken b;
	struct cs_ref order;

	if (cs_records_ticket_times(m, r, &b) ||
	    cs_records_ticket_status(m, r, &b))
		return refuse(&b);
	if (find_ref(ds, m, r, "order", &cs_schema_orders, &order) < 0)
		return -1;
	return cs_records_ticket_refs(m, r, &order, &b) ? refuse(&b) : 0;
}

int
cs_records_refuse_ticket_ref(const struct cs_master *m, const struct cs_row *r,
    const struct cs_ref *order)
{
	struct cs_broken b;

	if (cs_records_ticket_times(m, r, &b) ||
	    cs_records_ticket_status(m, r, &b) ||
	    cs_records_ticket_refs(m, r, order, &b))
		return refuse(&b);
	return 0;
}

int
cs_records_refuse_complaint(struct cs_ds *ds, const struct cs_master *m,
    const struct cs_row *r)
{
	struct cs_broken b;
	struct cs_ref ticket, order;

	if (cs_records_complaint_times(m, r, &b) ||
	    cs_records_complaint_status(m, r, &b))
		return refuse(&b);
	if (find_ref(ds, m, r, "ticket", &cs_schema_tickets, &ticket) < 0 ||
	    find_ref(ds, m, r, "order", &cs_schema_orders, &order) < 0)
		return -1;
	return cs_records_complaint_refs(m, r, &ticket, &order, &b) ?
	    refuse(&b) : 0;
}

int
cs_records_refuse_order(const struct cs_master *m, const struct cs_row *r)
{
	struct cs_broken b;

	if (cs_records_order_times(m, r, &b) || cs_records_order_status(m, r, &b))
		return refuse(&b);
	return 0;
}

/* ---- cs check ---- */

struct walk {
	struct cs_ds ds;
	FILE *out;
	int problems;
	struct cs_idset refs[3]; /* tickets, orders, complaints: id -> kept */
	struct evtable {	/* orders', complaints' events so far */
		struct evkept *v;	/* beside refs[1 + k]'s packed ids */
		struct cs_idset odd;	/* the ids in its map: id -> evkept */
	} evs[2];
	struct cs_idset at[2];	/* the tickets and orders complaints name:
				 * id -> the time each began (cs_time) */
	char **odd;		/* customers that do not pack (kept) */
	size_t nodd;
	struct wanted *wanted;	/* want_at's */
};

/* A record's cs_ref in 8 bytes: its customer packed (cs_id_pack), 0
 * for none, or one of the walk's odd ones, (index + 1) << 4 (a packed
 * id's low 4 bits are never 0).  The time it began, which only a
 * complaint's check asks, is kept in the walk's at[] for the tickets and
 * orders complaints name. */
struct kept {
	uint64_t customer;
};

/* A cs_evstate in 16 bytes. */
struct evkept {
	cs_time last;
	int32_t rank;
	int8_t seen, ended;
};

static void
report(struct walk *w, const char *rel, long line, const struct cs_broken *b)
{
	char msg[512], shown[4 * sizeof msg + 1];

	snprintf(msg, sizeof msg, "%s:%ld: field '%s': %s", rel, line, b->field,
	    b->why);
	cs_ctrl_escape(shown, msg, strlen(msg));
	fprintf(w->out, "%s\n", shown);
	w->problems++;
}

typedef void each_fn(struct walk *, const char *, const struct cs_master *,
    const struct cs_row *);

/* Every record of the chunks [from, to) to fn, with its file and its
 * columns; a file whose columns are not the schema's is cs check's own
 * report. */
static void
each_chunk(struct walk *w, const struct cs_schema *s, each_fn *fn,
    char **chunks, size_t from, size_t to)
{
	struct cs_master m = { 0 };
	struct cs_reader r;
	struct cs_row row = { 0 };
	char *path;
	size_t i;
	int k;

	m.s = s;
	for (i = from; i < to; i++) {
		path = cs_ds_path(&w->ds, chunks[i]);
		k = cs_reader_open(&r, path, CS_READ_STORE, 0);
		free(path);
		if (k < 0)
			continue;	/* cs check said why */
		if (cs_schema_bind(s, &r.hdr, chunks[i], m.idx) == 0)
			while (cs_reader_next(&r, &row) > 0)
				fn(w, chunks[i], &m, &row);
		cs_reader_close(&r);
	}
	cs_row_free(&row);
}

/* A share of a month's chunks on a thread of its own (fn only reads
 * what the walk holds): its lines in memory, printed in share order. */
struct share {
	struct walk w;
	const struct cs_schema *s;
	each_fn *fn;
	char **chunks;
	size_t from, to;
	char *text;
	size_t len;
};

static void *
each_share(void *arg)
{
	struct share *sh = arg;

	each_chunk(&sh->w, sh->s, sh->fn, sh->chunks, sh->from, sh->to);
	return NULL;
}

/* The chunks of a month to fn: split across the cores when par (fn
 * changes nothing but the lines it prints), the output the same
 * whatever the threads. */
static void
each_month(struct walk *w, const struct cs_schema *s, each_fn *fn,
    char **chunks, int par)
{
	struct share sh[CS_SCAN_THREADS_MAX];
	size_t n = 0, nt, t, first, count;

	while (chunks[n])
		n++;
	if (!par || (nt = cs_scan_threads(n)) < 2) {
		each_chunk(w, s, fn, chunks, 0, n);
		return;
	}
	for (t = 0; t < nt; t++) {
		memset(&sh[t], 0, sizeof sh[t]);
		sh[t].w = *w;
		sh[t].w.problems = 0;
		if ((sh[t].w.out = open_memstream(&sh[t].text, &sh[t].len)) == NULL)
			cs_fatal(CS_EIO, "out of memory");
		cs_scan_share(n, nt, t, &first, &count);
		sh[t].s = s, sh[t].fn = fn, sh[t].chunks = chunks;
		sh[t].from = first, sh[t].to = first + count;
	}
	cs_on_threads(each_share, sh, sizeof *sh, nt);
	for (t = 0; t < nt; t++) {
		if (fclose(sh[t].w.out) != 0)
			cs_fatal(CS_EIO, "out of memory");
		fwrite(sh[t].text, 1, sh[t].len, w->out);
		free(sh[t].text);
		w->problems += sh[t].w.problems;
	}
}

/* Every record of dated store s to fn, month by month. */
static int
each_record_par(struct walk *w, const struct cs_schema *s, each_fn *fn,
    int par)
{
	char **months = cs_dated_months(w->ds.dir, s), **mo, **chunks;

	if (months == NULL)
		return -1;
	for (mo = months; *mo; mo++) {
		if ((chunks = cs_dated_chunks(w->ds.dir, s, *mo)) == NULL)
			break;	/* cs check said why */
		each_month(w, s, fn, chunks, par);
		cs_strv_free(chunks);
	}
	cs_strv_free(months);
	return 0;
}

/* The same, on this thread: for fn that fills the walk. */
static int
each_record(struct walk *w, const struct cs_schema *s, each_fn *fn)
{
	return each_record_par(w, s, fn, 0);
}

static void
keep_ref(struct walk *w, const char *rel, const struct cs_master *m,
    const struct cs_row *r)
{
	struct cs_idset *set = &w->refs[m->s == &cs_schema_tickets ? 0 :
	    m->s == &cs_schema_orders ? 1 : 2];
	struct cs_ref ref;
	struct kept *k;
	cs_time *at;
	int isnew;

	(void)rel;
	k = cs_idset_put(set, get(m, r, "id"), &isnew);
	if (!isnew)
		return;		/* an id twice: cs check says so */
	ref_of(m, r, &ref);
	if (m->s != &cs_schema_complaints &&
	    (at = cs_idset_get(&w->at[m->s == &cs_schema_orders], get(m, r,
	    "id"))) != NULL)
		*at = ref.at;
	if (*ref.customer == '\0')
		k->customer = 0;
	else if ((k->customer = cs_id_pack("C", ref.customer)) == 0) {
		w->odd = cs_xrealloc(w->odd, (w->nodd + 1) * sizeof *w->odd);
		w->odd[w->nodd++] = cs_xstrdup(ref.customer);
		k->customer = (uint64_t)w->nodd << 4;
	}
}

/* The record that field names, as kept, in *ref; NULL when none is. */
static const struct cs_ref *
ref_in(struct walk *w, int which, const struct cs_master *m,
    const struct cs_row *r, const char *field, struct cs_ref *ref)
{
	const struct kept *k = cs_idset_get(&w->refs[which], get(m, r, field));
	const cs_time *at;

	if (k == NULL)
		return NULL;
	memset(ref, 0, sizeof *ref);
	ref->found = 1;
	if (which < 2 && (at = cs_idset_get(&w->at[which], get(m, r, field))))
		ref->at = *at;
	if (k->customer & 15)
		cs_id_unpack("C", k->customer, ref->customer, sizeof ref->customer);
	else if (k->customer)
		snprintf(ref->customer, sizeof ref->customer, "%s",
		    w->odd[(k->customer >> 4) - 1]);
	return ref;
}

struct wanted {
	uint64_t *keys;
	size_t n;
};

static int
by_key(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The tickets and orders the complaints name, into the walk's at[]:
 * gathered, then put in id order (the array of cs_idset appends). */
static void
want_at(struct walk *w, const char *rel, const struct cs_master *m,
    const struct cs_row *r)
{
	struct wanted *wt = w->wanted;
	const char *id;
	uint64_t key;
	int i;

	(void)rel;
	for (i = 0; i < 2; i++) {
		if (*(id = get(m, r, i ? "order" : "ticket")) == '\0')
			continue;
		if ((key = cs_id_pack(w->at[i].prefix, id)) == 0) {
			cs_idset_put(&w->at[i], id, NULL);	/* beside */
			continue;
		}
		wt[i].keys = cs_xrealloc(wt[i].keys, (wt[i].n + 1) *
		    sizeof *wt[i].keys);
		wt[i].keys[wt[i].n++] = key;
	}
}

static void
wanted_put(struct walk *w, struct wanted *wt)
{
	char id[64];
	size_t j;
	int i;

	for (i = 0; i < 2; i++) {
		if (wt[i].n)	/* (none: keys is NULL, which qsort may not get) */
			qsort(wt[i].keys, wt[i].n, sizeof *wt[i].keys, by_key);
		for (j = 0; j < wt[i].n; j++)
			cs_idset_put(&w->at[i], cs_id_unpack(w->at[i].prefix,
			    wt[i].keys[j], id, sizeof id), NULL);
		free(wt[i].keys);
		wt[i].keys = NULL;
	}
}

static void
check_ticket(struct walk *w, const char *rel, const struct cs_master *m,
    const struct cs_row *r)
{
	struct cs_broken b;
	struct cs_ref ref;

	if (cs_records_ticket_times(m, r, &b) ||
	    cs_records_ticket_status(m, r, &b) ||
	    cs_records_ticket_refs(m, r, ref_in(w, 1, m, r, "order", &ref), &b) ||
	    refers(m, r, "pickup", ref_in(w, 1, m, r, "pickup", &ref), &b) ||
	    refers(m, r, "replacement", ref_in(w, 1, m, r, "replacement", &ref),
	    &b))
		report(w, rel, r->line, &b);
}

static void
check_complaint(struct walk *w, const char *rel, const struct cs_master *m,
    const struct cs_row *r)
{
	struct cs_broken b;
	struct cs_ref t, o;

	if (cs_records_complaint_times(m, r, &b) ||
	    cs_records_complaint_status(m, r, &b) ||
	    cs_records_complaint_refs(m, r, ref_in(w, 0, m, r, "ticket", &t),
	    ref_in(w, 1, m, r, "order", &o), &b))
		report(w, rel, r->line, &b);
}

static void
check_order(struct walk *w, const char *rel, const struct cs_master *m,
    const struct cs_row *r)
{
	struct cs_broken b;
	struct cs_ref ref;
	const struct cs_ref *t = ref_in(w, 0, m, r, "ticket", &ref);

	/* a pickup's ticket: there, and its customer's if it names one */
	if (cs_records_order_times(m, r, &b) || cs_records_order_status(m, r, &b) ||
	    (t && *t->customer == '\0' ? 0 : refers(m, r, "ticket", t, &b)))
		report(w, rel, r->line, &b);
}

static void
check_message(struct walk *w, const char *rel, const struct cs_master *m,
    const struct cs_row *r)
{
	struct cs_broken b = { NULL, "" };

	if (cs_records_message(m, r, &b))
		report(w, rel, r->line, &b);
}

/* The events of sub (order-events, complaint-events), month by month. */
static void
check_events(struct walk *w, const char *sub, const char *col, int order)
{
	struct cs_buf dir = { 0 }, rel = { 0 };
	char **names, **p, *path;
	struct cs_reader r;
	struct cs_row row = { 0 };
	struct cs_broken b;
	struct cs_evstate st;
	struct evtable *tab = &w->evs[order ? 0 : 1];
	struct evkept *ev;
	int ic, iw, it, bad;
	long i;
	cs_time t;

	if ((tab->v = calloc(w->refs[order ? 1 : 2].n + 1, sizeof *tab->v)) ==
	    NULL)
		cs_fatal(CS_EIO, "out of memory");

	cs_buf_addf(&dir, "%s/%s", w->ds.dir, sub);
	names = cs_dir_csv(dir.s);
	for (p = names; p && *p; p++) {
		cs_buf_reset(&rel);
		cs_buf_addf(&rel, "%s/%s.csv", sub, *p);
		path = cs_ds_path(&w->ds, rel.s);
		if (cs_reader_open(&r, path, CS_READ_STORE, 0) < 0) {
			free(path);
			continue;
		}
		free(path);
		ic = cs_row_find(&r.hdr, "id"), iw = cs_row_find(&r.hdr, col);
		it = cs_row_find(&r.hdr, "time");
		while (ic >= 0 && iw >= 0 && it >= 0 &&
		    cs_reader_next(&r, &row) > 0) {
			const char *id = cs_row_get(&row, (size_t)ic);
			if (!cs_idset_get(&w->refs[order ? 1 : 2], id)) {
				broke(&b, "id", "%s: no such %s", id, order ? "order" :
				    "complaint");
				report(w, rel.s, row.line, &b);
				continue;
			}
			if (cs_time_parse(cs_row_get(&row, (size_t)it), &t) < 0)
				continue;	/* cs check said why */
			i = cs_idset_index(&w->refs[order ? 1 : 2], id);
			ev = i >= 0 ? &tab->v[i] : cs_idset_put(&tab->odd, id, NULL);
			st.last = ev->last, st.rank = ev->rank;
			st.seen = ev->seen, st.ended = ev->ended;
			bad = cs_records_event(&st, order, cs_row_get(&row,
			    (size_t)iw), t, &b);
			ev->last = st.last, ev->rank = st.rank;
			ev->seen = (int8_t)st.seen, ev->ended = (int8_t)st.ended;
			if (bad)
				report(w, rel.s, row.line, &b);
		}
		cs_reader_close(&r);
	}
	cs_strv_free(names);
	cs_row_free(&row);
	cs_buf_free(&dir);
	cs_buf_free(&rel);
}

int
cs_records_check(const char *dir, FILE *report_to)
{
	struct walk w;
	struct wanted wt[2];
	int k, ret = -1;

	memset(&w, 0, sizeof w);
	memset(wt, 0, sizeof wt);
	w.wanted = wt;
	cs_idset_init(&w.at[0], "T", sizeof(cs_time));
	cs_idset_init(&w.at[1], "O", sizeof(cs_time));
	w.out = report_to;
	cs_idset_init(&w.refs[0], "T", sizeof(struct kept));
	cs_idset_init(&w.refs[1], "O", sizeof(struct kept));
	cs_idset_init(&w.refs[2], "K", sizeof(struct kept));
	cs_idset_init(&w.evs[0].odd, "O", sizeof(struct evkept));
	cs_idset_init(&w.evs[1].odd, "K", sizeof(struct evkept));
	if (cs_ds_open(&w.ds, dir) < 0)
		return -1;
	if (each_record(&w, &cs_schema_complaints, want_at) < 0)
		goto out;
	wanted_put(&w, wt);
	if (each_record(&w, &cs_schema_tickets, keep_ref) < 0 ||
	    each_record(&w, &cs_schema_orders, keep_ref) < 0 ||
	    each_record(&w, &cs_schema_complaints, keep_ref) < 0 ||
	    each_record_par(&w, &cs_schema_tickets, check_ticket, 1) < 0 ||
	    each_record_par(&w, &cs_schema_complaints, check_complaint, 1) < 0 ||
	    each_record_par(&w, &cs_schema_orders, check_order, 1) < 0 ||
	    each_record_par(&w, &cs_schema_outbox, check_message, 1) < 0)
		goto out;
	cs_idset_free(&w.refs[0]);	/* the events need only their own */
	check_events(&w, "order-events", "event", 1);
	check_events(&w, "complaint-events", "step", 0);
	ret = w.problems;
out:
	for (k = 0; k < 3; k++)
		cs_idset_free(&w.refs[k]);
	for (k = 0; k < 2; k++) {
		free(w.evs[k].v);
		cs_idset_free(&w.evs[k].odd);
	}
	cs_idset_free(&w.at[0]);
	cs_idset_free(&w.at[1]);
	free(wt[0].keys);
	free(wt[1].keys);
	while (w.nodd > 0)
		free(w.odd[--w.nodd]);
	free(w.odd);
	free(w.ds.dir);
	return ret;
}
