/*
 * outbox.c: the outbox store, its state machine and the queuing of a
 * message in its event's commit (outbox.h; the format is cs-store(5)).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "store/outbox.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct cs_column outbox_cols[] = {
	{ "id", CS_T_ID, 1, "M", NULL, NULL },
	{ "queued_at", CS_T_TIME, 1, NULL, NULL, NULL },
	{ "event", CS_T_LINE, 1, NULL, NULL, NULL },
	{ "record", CS_T_LINE, 0, NULL, NULL, NULL },
	{ "customer", CS_T_LINE, 0, NULL, NULL, NULL },
	{ "channel", CS_T_ENUM, 1, "email|sms|wechat|none", NULL, NULL },
	{ "to", CS_T_LINE, 0, NULL, "phone", "channel=sms" },
	{ "language", CS_T_LINE, 0, NULL, NULL, NULL },
	{ "subject", CS_T_LINE, 0, NULL, NULL, NULL },
	{ "body", CS_T_TEXT, 1, NULL, NULL, NULL },
	{ "message_id", CS_T_LINE, 1, NULL, NULL, NULL },
	{ "key", CS_T_LINE, 1, NULL, NULL, NULL },
	{ "status", CS_T_ENUM, 1, "queued|sending|sent|failed|dead|doubt",
	  NULL, NULL },
	{ "due_at", CS_T_TIME, 1, NULL, NULL, NULL },
	{ "attempts", CS_T_COUNT, 1, NULL, NULL, NULL },
	{ "tried_at", CS_T_TIME, 0, NULL, NULL, NULL },
	{ "sent_at", CS_T_TIME, 0, NULL, NULL, NULL },
	{ "error", CS_T_TEXT, 0, NULL, NULL, NULL },
};
const struct cs_schema cs_schema_outbox = {
	"outbox", "M", 1, outbox_cols, N(outbox_cols)
};

/* ---- the state machine ---- */

static int
is(const struct cs_ob_state *st, const char *s)
{
	return strcmp(st->status, s) == 0;
}

static void
become(struct cs_ob_state *st, const char *s)
{
	snprintf(st->status, sizeof st->status, "%s", s);
}

int64_t
cs_outbox_backoff(const struct cs_ob_retry *r, long n)
{
	int64_t d = r->first;

	while (--n > 0 && d < r->max)
		d *= 2;
	return d > r->max ? r->max : d;
}

int
cs_outbox_due(const struct cs_ob_state *st, cs_time now)
{
	return (is(st, "queued") || is(st, "failed")) && st->due <= now;
}

int
cs_outbox_step(struct cs_ob_state *st, enum cs_ob_event ev, cs_time now,
    const struct cs_ob_retry *r)
{
	switch (ev) {
	case CS_OB_CLAIM:
		if (!cs_outbox_due(st, now))
			break;
		st->attempts++;
		become(st, "sending");
		return 0;
	case CS_OB_SENT:
	case CS_OB_FAILED:
	case CS_OB_REFUSED:
	case CS_OB_CRASHED:
		if (!is(st, "sending"))
			break;
		if (ev == CS_OB_SENT)
			become(st, "sent");
		else if (ev == CS_OB_CRASHED)
			become(st, "doubt");
		else if (ev == CS_OB_REFUSED || st->attempts >= r->attempts)
			become(st, "dead");
		else {
			become(st, "failed");
			st->due = now + cs_outbox_backoff(r, st->attempts);
		}
		return 0;
	case CS_OB_RESEND:
		if (!is(st, "doubt") && !is(st, "dead"))
			break;
		become(st, "queued");
		st->attempts = 0;
		st->due = now;
		return 0;
	}
	return cs_fail(CS_ESOFTWARE, "a message %s cannot move so", st->status);
}

void
cs_outbox_state(const struct cs_master *m, const struct cs_row *r,
    struct cs_ob_state *st)
{
	become(st, cs_master_get(m, r, "status"));
	st->attempts = strtol(cs_master_get(m, r, "attempts"), NULL, 10);
	st->due = cs_master_get_time(m, r, "due_at");
}

void
cs_outbox_set_state(const struct cs_master *m, struct cs_row *r,
    const struct cs_ob_state *st)
{
	char n[24];

	snprintf(n, sizeof n, "%ld", st->attempts);
	cs_master_put(m, r, "status", st->status);
	cs_master_put(m, r, "attempts", n);
	cs_master_put_time(m, r, "due_at", st->due);
}

/* ---- queuing ---- */

static int
put(const struct cs_master *m, struct cs_row *r, const char *field,
    const char *value)
{
	const char *why = cs_check_value(cs_schema_col(m->s, field), value);

	if (why)
		return cs_fail(CS_EDATA, "outbox: field '%s': %s", field, why);
	cs_master_put(m, r, field, value);
	return 0;
}

/*
 * The last chunk, and the first id: the next of the month's last.  A
 * clock behind the month's last message (a replay, a test going back in
 * time) gives the id that message's day, so that ids still increase; the
 * times in the message stay the clock's.
 */
static int
open_tail(struct cs_ds *ds, struct cs_outbox_add *q, char **id)
{
	char d[16], month[8], **chunks, *last = NULL;
	size_t n;
	int y, m, day;

	q->at = *ds;
	cs_date_format(ds->now, d);
	snprintf(month, sizeof month, "%.7s", d);
	if ((chunks = cs_dated_chunks(ds->dir, &cs_schema_outbox, month)) == NULL)
		return -1;
	for (n = 0; chunks[n]; n++)
		;
	while (n > 0 && last == NULL)
		if (cs_store_last(ds, chunks[--n], "id", &last) < 0) {
			cs_strv_free(chunks);
			return -1;
		}
	cs_strv_free(chunks);
	if (last && cs_id_valid("M", last) && strlen(last) > 10 &&
	    memcmp(last + 2, d, 4) == 0 && memcmp(last + 6, d + 5, 2) == 0 &&
	    memcmp(last + 8, d + 8, 2) > 0) {
		y = atoi(d), m = atoi(d + 5);
		day = (last[8] - '0') * 10 + last[9] - '0';
		if (cs_mktime_local(y, m, day, 12, 0, 0, &q->at.now) < 0) {
			free(last);
			return -1;
		}
	}
	free(last);
	return cs_dated_open_tail(&q->tail, &q->at, &cs_schema_outbox, id);
}

int
cs_outbox_put(struct cs_ds *ds, struct cs_outbox_add *q,
    const struct cs_outbox_msg *msg)
{
	struct cs_row r = { 0 };
	struct cs_buf mid = { 0 };
	struct cs_ob_state st = { "queued", 0, msg->due };
	char *id;
	int ret = -1;

	if (!q->open) {
		if (open_tail(ds, q, &id) < 0)
			return -1;
		q->open = 1;
		cs_csv_record(&q->hdr, &q->tail.hdr);
	} else if ((id = cs_id_next_daily("M", q->last, q->at.now)) == NULL)
		return -1;
	free(q->last);
	q->last = id;
	cs_buf_addf(&mid, "<%s@%s>", id, msg->domain);
	cs_master_blank(&q->tail, &r);
	cs_master_put(&q->tail, &r, "id", id);
	cs_master_put_time(&q->tail, &r, "queued_at", ds->now);
	cs_outbox_set_state(&q->tail, &r, &st);
	if (put(&q->tail, &r, "event", msg->event) == 0 &&
	    put(&q->tail, &r, "record", msg->record) == 0 &&
	    put(&q->tail, &r, "customer", msg->customer) == 0 &&
	    put(&q->tail, &r, "channel", msg->channel) == 0 &&
	    put(&q->tail, &r, "to", msg->to) == 0 &&
	    put(&q->tail, &r, "language", msg->language) == 0 &&
	    put(&q->tail, &r, "subject", msg->subject) == 0 &&
	    put(&q->tail, &r, "body", msg->body) == 0 &&
	    put(&q->tail, &r, "message_id", mid.s) == 0 &&
	    put(&q->tail, &r, "key", msg->key) == 0) {
		cs_csv_record(&q->lines, &r);
		q->n++;
		ret = 0;
	}
	cs_row_free(&r);
	cs_buf_free(&mid);
	return ret;
}

int
cs_outbox_op(const struct cs_outbox_add *q, struct cs_op *op)
{
	if (q->n == 0)
		return 0;
	memset(op, 0, sizeof *op);
	op->rel = q->tail.rel;
	op->header = q->hdr.s;
	op->data = &q->lines;
	return 1;
}

int
cs_outbox_append(struct cs_ds *ds, const struct cs_outbox_add *q)
{
	if (q->n == 0)
		return 0;
	return cs_txn_append(ds, q->tail.rel, q->hdr.s, q->lines.s, q->lines.len);
}

void
cs_outbox_add_free(struct cs_outbox_add *q)
{
	if (q->open)
		cs_master_close(&q->tail);
	free(q->last);
	cs_buf_free(&q->lines);
	cs_buf_free(&q->hdr);
	memset(q, 0, sizeof *q);
}

/* ---- moving a message ---- */

int
cs_outbox_move(struct cs_ds *ds, const char *id, enum cs_ob_event ev,
    const struct cs_ob_retry *r, struct cs_ob_state *st, ...)
{
	struct cs_master m;
	struct cs_row old = { 0 }, new = { 0 };
	struct cs_buf j = { 0 }, line = { 0 };
	struct cs_op op;
	const char *f, *v;
	va_list ap;
	off_t s, e;
	int ret = -1;

	if (cs_dated_find(ds, &cs_schema_outbox, "message", id, &m, &old, &s,
	    &e) < 0)
		goto out;
	cs_outbox_state(&m, &old, st);
	if (cs_outbox_step(st, ev, ds->now, r) < 0) {
		cs_fail(CS_EDATA, "%s is %s: it cannot be %s", id,
		    cs_master_get(&m, &old, "status"), ev == CS_OB_RESEND ?
		    "sent again (only a message in doubt or dead can)" : "moved");
		goto out;
	}
	cs_row_copy(&new, &old);
	cs_outbox_set_state(&m, &new, st);
	if (ev == CS_OB_CLAIM)
		cs_master_put_time(&m, &new, "tried_at", ds->now);
	if (ev == CS_OB_SENT)
		cs_master_put_time(&m, &new, "sent_at", ds->now);
	va_start(ap, st);
	while ((f = va_arg(ap, const char *)) != NULL) {
		v = va_arg(ap, const char *);
		cs_master_put(&m, &new, f, v);
	}
	va_end(ap);
	cs_master_diff(&m, &old, &new, "notify", &j);
	cs_csv_record(&line, &new);
	memset(&op, 0, sizeof op);
	op.replace = 1;
	op.rel = m.rel;
	op.start = s;
	op.end = e;
	op.data = &line;
	ret = cs_commit(ds, &j, &op, 1);
out:
	cs_master_close(&m);
	cs_row_free(&old);
	cs_row_free(&new);
	cs_buf_free(&j);
	cs_buf_free(&line);
	return ret;
}
