/*
 * schema.c: the columns of each store and what a value of each type may
 * be.  A store must hold every column of its schema (by name, in any
 * order); columns it has beyond those are kept as they are.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "store/values.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct cs_column staff_cols[] = {
	{ "id", CS_T_LOGIN, 1, NULL, NULL, NULL },
	{ "name", CS_T_LINE, 1, NULL, NULL, NULL },
	{ "team", CS_T_LINE, 0, NULL, NULL, NULL },
	{ "role", CS_T_ENUM, 1, "agent|leader|deputy|manager", NULL, NULL },
	{ "hired", CS_T_DATE, 0, NULL, NULL, NULL },
	{ "left", CS_T_DATE, 0, NULL, NULL, NULL },
	{ "department", CS_T_LINE, 0, NULL, NULL, NULL },	/* late */
};
const struct cs_schema cs_schema_staff = {
	"staff.csv", NULL, 0, staff_cols, N(staff_cols)
};

static const struct cs_column customer_cols[] = {
	{ "id", CS_T_ID, 1, "C", NULL, NULL },
	{ "name", CS_T_LINE, 1, NULL, "name", "type=end" },
	{ "contact", CS_T_LINE, 0, NULL, "name", NULL },
	{ "phone", CS_T_PHONE, 0, NULL, "phone", NULL },
	{ "email", CS_T_EMAIL, 0, NULL, "email", NULL },
	{ "company", CS_T_LINE, 0, NULL, NULL, NULL },
	{ "address", CS_T_LINE, 0, NULL, "address", NULL },
	{ "region", CS_T_LINE, 0, NULL, NULL, NULL },
	{ "type", CS_T_ENUM, 1, "channel|out-of-town|end", NULL, NULL },
	{ "grade", CS_T_ENUM, 0, "A|B|C", NULL, NULL },
	{ "since", CS_T_DATE, 0, NULL, NULL, NULL },
	{ "needs", CS_T_TEXT, 0, NULL, NULL, NULL },
	{ "frequency", CS_T_LINE, 0, NULL, NULL, NULL },
	{ "transport", CS_T_LINE, 0, NULL, NULL, NULL },
	{ "notes", CS_T_TEXT, 0, NULL, NULL, NULL },
	{ "owner", CS_T_LOGIN, 0, NULL, NULL, NULL },	/* late: the agent */
	{ "language", CS_T_LINE, 0, NULL, NULL, NULL },	/* late: messages' */
};
const struct cs_schema cs_schema_customers = {
	"customers.csv", "C", 0, customer_cols, N(customer_cols)
};

static const struct cs_column journal_cols[] = {
	{ "time", CS_T_TIME, 1, NULL, NULL, NULL },
	{ "user", CS_T_LINE, 1, NULL, NULL, NULL },
	{ "program", CS_T_LINE, 1, NULL, NULL, NULL },
	{ "command", CS_T_LINE, 1, NULL, NULL, NULL },
	{ "id", CS_T_LINE, 0, NULL, NULL, NULL },
	{ "field", CS_T_LINE, 0, NULL, NULL, NULL },
	{ "old", CS_T_TEXT, 0, NULL, NULL, NULL },
	{ "new", CS_T_TEXT, 0, NULL, NULL, NULL },
	{ "hash", CS_T_LINE, 0, NULL, NULL, NULL },	/* late: verify.h */
};
const struct cs_schema cs_schema_journal = {
	"journal", NULL, 0, journal_cols, N(journal_cols)
};

static const struct cs_column ticket_cols[] = {
	{ "id", CS_T_ID, 1, "T", NULL, NULL },
	{ "kind", CS_T_ENUM, 1, "inquiry|return|exchange|repair", NULL, NULL },
	{ "channel", CS_T_ENUM, 1, "phone|online|email|visit", NULL, NULL },
	{ "customer", CS_T_ID, 0, "C", NULL, NULL },
	{ "agent", CS_T_LOGIN, 1, NULL, NULL, NULL },
	{ "team", CS_T_LINE, 0, NULL, NULL, NULL },
	{ "category", CS_T_LINE, 0, NULL, NULL, NULL },
	{ "subject", CS_T_LINE, 0, NULL, NULL, NULL },
	{ "notes", CS_T_TEXT, 0, NULL, NULL, NULL },
	{ "order", CS_T_LINE, 0, NULL, NULL, NULL },
	{ "opened_at", CS_T_TIME, 1, NULL, NULL, NULL },
	{ "first_response_at", CS_T_TIME, 0, NULL, NULL, NULL },
	{ "promised_at", CS_T_TIME, 0, NULL, NULL, NULL },
	{ "due_at", CS_T_TIME, 0, NULL, NULL, NULL },
	{ "resolved_at", CS_T_TIME, 0, NULL, NULL, NULL },
	{ "closed_at", CS_T_TIME, 0, NULL, NULL, NULL },
	{ "status", CS_T_ENUM, 1, "open|pending|resolved|closed", NULL, NULL },
	{ "result", CS_T_TEXT, 0, NULL, NULL, NULL },
	{ "satisfaction", CS_T_ENUM, 0, "1|2|3|4|5", NULL, NULL },
	{ "attitude", CS_T_ENUM, 0, "good|fair|poor", NULL, NULL },
	{ "reopens", CS_T_COUNT, 0, NULL, NULL, NULL },
	{ "pending_since", CS_T_TIME, 0, NULL, NULL, NULL },
	{ "paused", CS_T_COUNT, 0, NULL, NULL, NULL },
	{ "estimated_at", CS_T_TIME, 0, NULL, NULL, NULL },
	{ "answered_in", CS_T_COUNT, 0, NULL, NULL, NULL },	/* late: seconds
								 * a call rang */
	/* late: after-sales (rules/aftersales.h) */
	{ "pickup", CS_T_ID, 0, "O", NULL, NULL },	/* its pickup order */
	{ "replacement", CS_T_ID, 0, "O", NULL, NULL },	/* an exchange's */
	{ "repair_step", CS_T_ENUM, 0,
	  "received|sent-to-repair|repaired|shipped-back|done", NULL, NULL },
	{ "step_due_at", CS_T_TIME, 0, NULL, NULL, NULL },	/* the next */
};
const struct cs_schema cs_schema_tickets = {
	"tickets", "T", 1, ticket_cols, N(ticket_cols)
};

static const struct cs_column complaint_cols[] = {
	{ "id", CS_T_ID, 1, "K", NULL, NULL },
	{ "received_at", CS_T_TIME, 1, NULL, NULL, NULL },
	{ "recorded_at", CS_T_TIME, 1, NULL, NULL, NULL },
	{ "recorded_by", CS_T_LINE, 1, NULL, NULL, NULL },
	{ "customer", CS_T_ID, 0, "C", NULL, NULL },
	{ "order", CS_T_LINE, 0, NULL, NULL, NULL },
	{ "ticket", CS_T_LINE, 0, NULL, NULL, NULL },
	{ "channel", CS_T_ENUM, 1, "phone|online|email|visit|letter", NULL, NULL },
	{ "content", CS_T_TEXT, 1, NULL, NULL, NULL },
	{ "remedy", CS_T_TEXT, 0, NULL, NULL, NULL },
	{ "nature", CS_T_LINE, 1, NULL, NULL, NULL },
	{ "severity", CS_T_ENUM, 1, "normal|major", NULL, NULL },
	{ "department", CS_T_LINE, 0, NULL, NULL, NULL },
	{ "handler", CS_T_LOGIN, 1, NULL, NULL, NULL },
	{ "team", CS_T_LINE, 0, NULL, NULL, NULL },
	{ "deadline", CS_T_TIME, 0, NULL, NULL, NULL },
	{ "escalated_to", CS_T_LINE, 0, NULL, NULL, NULL },
	{ "escalated_at", CS_T_TIME, 0, NULL, NULL, NULL },
	{ "answer", CS_T_TEXT, 0, NULL, NULL, NULL },
	{ "answered_at", CS_T_TIME, 0, NULL, NULL, NULL },
	{ "resolution", CS_T_TEXT, 0, NULL, NULL, NULL },
	{ "resolved_at", CS_T_TIME, 0, NULL, NULL, NULL },
	{ "feedback", CS_T_ENUM, 0, "satisfied|unsatisfied", NULL, NULL },
	{ "reopens", CS_T_COUNT, 0, NULL, NULL, NULL },
	{ "visit_at", CS_T_TIME, 0, NULL, NULL, NULL },
	{ "visit_result", CS_T_TEXT, 0, NULL, NULL, NULL },
	{ "status", CS_T_ENUM, 1,
	  "open|forwarded|answered|resolved|satisfied|visited|closed", NULL, NULL },
	{ "closed_at", CS_T_TIME, 0, NULL, NULL, NULL },
};
const struct cs_schema cs_schema_complaints = {
	"complaints", "K", 1, complaint_cols, N(complaint_cols)
};

static const struct cs_column order_cols[] = {
	{ "id", CS_T_ID, 1, "O", NULL, NULL },
	{ "customer", CS_T_ID, 1, "C", NULL, NULL },
	{ "goods", CS_T_LINE, 1, NULL, NULL, NULL },
	{ "quantity", CS_T_COUNT, 0, NULL, NULL, NULL },
	{ "weight", CS_T_LINE, 1, NULL, NULL, NULL },
	{ "length", CS_T_LINE, 0, NULL, NULL, NULL },
	{ "width", CS_T_LINE, 0, NULL, NULL, NULL },
	{ "height", CS_T_LINE, 0, NULL, NULL, NULL },
	{ "origin", CS_T_LINE, 0, NULL, "address", NULL },
	{ "origin_region", CS_T_LINE, 1, NULL, NULL, NULL },
	{ "destination", CS_T_LINE, 0, NULL, "address", NULL },
	{ "destination_region", CS_T_LINE, 1, NULL, NULL, NULL },
	{ "consignee", CS_T_LINE, 0, NULL, "name", NULL },
	{ "phone", CS_T_PHONE, 0, NULL, "phone", NULL },
	{ "service", CS_T_LINE, 1, NULL, NULL, NULL },
	{ "freight", CS_T_LINE, 1, NULL, NULL, NULL },
	{ "promised_at", CS_T_TIME, 1, NULL, NULL, NULL },
	{ "status", CS_T_ENUM, 1, "new|reviewed|confirmed|prepared|packed|"
	  "dispatched|picked-up|in-transit|"
	  "out-for-delivery|delivered|signed|lost|cancelled", NULL, NULL },
	{ "created_at", CS_T_TIME, 1, NULL, NULL, NULL },
	{ "delivered_at", CS_T_TIME, 0, NULL, NULL, NULL },
	{ "signed_by", CS_T_LINE, 0, NULL, "name", NULL },
	{ "estimated_at", CS_T_TIME, 0, NULL, NULL, NULL },
	{ "exception", CS_T_LINE, 0, NULL, NULL, NULL },
	{ "location", CS_T_LINE, 0, NULL, NULL, NULL },
	{ "cancel_reason", CS_T_TEXT, 0, NULL, NULL, NULL },
	{ "category", CS_T_LINE, 0, NULL, NULL, NULL },	/* of the goods; late */
	{ "vehicle", CS_T_LINE, 0, NULL, NULL, NULL },		/* late */
	{ "driver", CS_T_LINE, 0, NULL, NULL, NULL },		/* late */
	{ "exception_department", CS_T_LINE, 0, NULL, NULL, NULL },	/* late */
	/* late: a pickup (goods back) or replacement of ticket */
	{ "kind", CS_T_ENUM, 0, "delivery|pickup|replacement", NULL, NULL },
	{ "ticket", CS_T_ID, 0, "T", NULL, NULL },
	{ "exception_owner", CS_T_LINE, 0, NULL, NULL, NULL },	/* late */
	{ "exception_status", CS_T_ENUM, 0, "open|resolved", NULL, NULL },
	{ "exception_resolution", CS_T_TEXT, 0, NULL, NULL, NULL },	/* late */
	{ "exception_resolved_at", CS_T_TIME, 0, NULL, NULL, NULL },	/* late */
};
const struct cs_schema cs_schema_orders = {
	"orders", "O", 1, order_cols, N(order_cols)
};

static const struct cs_column order_event_cols[] = {
	{ "time", CS_T_TIME, 1, NULL, NULL, NULL },
	{ "id", CS_T_ID, 1, "O", NULL, NULL },
	{ "event", CS_T_LINE, 1, NULL, NULL, NULL },
	{ "by", CS_T_LINE, 1, NULL, NULL, NULL },
	{ "detail", CS_T_TEXT, 0, NULL, NULL, NULL },
};
const struct cs_schema cs_schema_order_events = {
	"order-events", NULL, 0, order_event_cols, N(order_event_cols)
};

static const struct cs_column visit_cols[] = {
	{ "time", CS_T_TIME, 1, NULL, NULL, NULL },
	{ "customer", CS_T_ID, 1, "C", NULL, NULL },
	{ "agent", CS_T_LOGIN, 1, NULL, NULL, NULL },
	{ "channel", CS_T_ENUM, 1, "phone|visit|online|email", NULL, NULL },
	{ "satisfaction", CS_T_ENUM, 0, "1|2|3|4|5", NULL, NULL },
	{ "needs", CS_T_TEXT, 0, NULL, NULL, NULL },
	{ "notes", CS_T_TEXT, 0, NULL, NULL, NULL },
};
/* visit-plans.csv: a customer's next visit planned, a line a customer
 * by its id (the last plan; visited_at set when a visit fulfils it) */
static const struct cs_column plan_cols[] = {
	{ "id", CS_T_ID, 1, "C", NULL, NULL },
	{ "date", CS_T_DATE, 1, NULL, NULL, NULL },
	{ "agent", CS_T_LOGIN, 1, NULL, NULL, NULL },
	{ "planned_by", CS_T_LINE, 1, NULL, NULL, NULL },
	{ "planned_at", CS_T_TIME, 1, NULL, NULL, NULL },
	{ "visited_at", CS_T_TIME, 0, NULL, NULL, NULL },
};
const struct cs_schema cs_schema_visit_plans = {
	"visit-plans.csv", NULL, 0, plan_cols, N(plan_cols)
};

/* alert-acks.csv: the state people set of a customer's alert, a line a
 * change (rules/alerts.c) */
static const struct cs_column ack_cols[] = {
	{ "time", CS_T_TIME, 1, NULL, NULL, NULL },
	{ "customer", CS_T_ID, 1, "C", NULL, NULL },
	{ "alert", CS_T_ENUM, 1, "volume|complaints|satisfaction|idle|reopens",
	  NULL, NULL },
	{ "state", CS_T_ENUM, 1, "acknowledged|resolved", NULL, NULL },
	{ "note", CS_T_TEXT, 0, NULL, NULL, NULL },
	{ "user", CS_T_LINE, 1, NULL, NULL, NULL },
};
const struct cs_schema cs_schema_alert_acks = {
	"alert-acks.csv", NULL, 0, ack_cols, N(ack_cols)
};

const struct cs_schema cs_schema_visits = {
	"visits", NULL, 0, visit_cols, N(visit_cols)
};

static const struct cs_column complaint_event_cols[] = {
	{ "time", CS_T_TIME, 1, NULL, NULL, NULL },
	{ "id", CS_T_ID, 1, "K", NULL, NULL },
	{ "step", CS_T_LINE, 1, NULL, NULL, NULL },
	{ "by", CS_T_LINE, 1, NULL, NULL, NULL },
	{ "detail", CS_T_TEXT, 0, NULL, NULL, NULL },
};
const struct cs_schema cs_schema_complaint_events = {
	"complaint-events", NULL, 0, complaint_event_cols, N(complaint_event_cols)
};

const struct cs_column *
cs_schema_col(const struct cs_schema *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->ncols; i++)
		if (s->cols[i].name[0] == name[0] &&
		    strcmp(s->cols[i].name, name) == 0)
			return &s->cols[i];
	return NULL;
}

static int
is_phone(const char *v)
{
	int digits = 0;
	const char *p;

	for (p = v; *p; p++) {
		if (isdigit((unsigned char)*p))
			digits++;
		else if (!(*p == '-' || *p == ' ' || (*p == '+' && p == v)))
			return 0;
	}
	return digits >= 5 && digits <= 15 && isdigit((unsigned char)p[-1]);
}

static int
is_email(const char *v)
{
	const char *at = strchr(v, '@'), *p;

	if (at == NULL || at == v || strchr(at + 1, '@') ||
	    strchr(at + 1, '.') == NULL || at[1] == '.' || v[strlen(v) - 1] == '.')
		return 0;
	for (p = v; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == ',' || *p == '"' ||
		    (unsigned char)*p >= 0x7f)
			return 0;
	return 1;
}

static int
in_enum(const char *list, const char *v)
{
	size_t n = strlen(v);
	const char *p = list;

	while (p) {
		if (strncmp(p, v, n) == 0 && (p[n] == '|' || p[n] == '\0'))
			return 1;
		p = strchr(p, '|');
		if (p)
			p++;
	}
	return 0;
}

/* NULL when v is one line of shown text, else what is in it: a line
 * break, or which control character (cs_ctrl_find), as it is shown. */
static const char *
line_control(const char *v, char *why, size_t n)
{
	const char *p = cs_ctrl_find(v, strlen(v), NULL);
	char esc[8];
	uint32_t cp;

	if (p == NULL)
		return NULL;
	if (*p == '\n' || *p == '\r')
		return "line break";
	if (cs_utf8_decode(p, strlen(p), &cp) < 0 || cs_ctrl_show(cp, esc) == 0)
		return "control character";	/* cannot be: v is UTF-8 */
	snprintf(why, n, "control character %s", esc);
	return why;
}

/* NULL when v may stand in column c, else the reason it may not. */
const char *
cs_check_value(const struct cs_column *c, const char *v)
{
	if (cs_utf8_check(v, strlen(v), NULL) < 0)
		return "invalid UTF-8";
	return cs_check_utf8_value(c, v);
}

/* The same, for v known to be UTF-8 (a field the store reader gave). */
const char *
cs_check_utf8_value(const struct cs_column *c, const char *v)
{
	static _Thread_local char why[1024];	/* cs check runs it on several threads */
	struct cs_buf b = { 0 };
	cs_time t;
	int y, m, d;

	if (*v == '\0')
		return c->required ? "required, but empty" : NULL;
	if (strlen(v) > CS_FIELD_MAX)
		return "too long";
	switch (c->type) {
	case CS_T_TEXT:
		return NULL;
	case CS_T_LINE:
		return line_control(v, why, sizeof why);
	case CS_T_PHONE:
		return is_phone(v) ? NULL : "not a phone number";
	case CS_T_EMAIL:
		return is_email(v) ? NULL : "not an email address";
	case CS_T_DATE:
		return strlen(v) == 10 && cs_date_parse(v, &y, &m, &d) == 0 ? NULL :
		    "not a date (YYYY-MM-DD)";
	case CS_T_TIME:
		return strcmp(v, "now") != 0 && cs_time_parse(v, &t) == 0 ? NULL :
		    "not a time";
	case CS_T_ENUM:
		if (in_enum(c->arg, v))
			return NULL;
		cs_value_list(&b, c->name, c->arg, NULL);
		snprintf(why, sizeof why, "not one of %s", b.s);
		cs_buf_free(&b);
		return why;
	case CS_T_LOGIN:
		return cs_login_valid(v) ? NULL : "not a login name";
	case CS_T_ID:
		return cs_id_valid(c->arg, v) ? NULL : "not an id";
	case CS_T_COUNT:
		return strspn(v, "0123456789") == strlen(v) && strlen(v) < 10 ?
		    NULL : "not a whole number";
	}
	return NULL;
}

void
cs_schema_row(const struct cs_schema *s, struct cs_row *hdr)
{
	size_t i;

	cs_row_clear(hdr);
	for (i = 0; i < s->ncols; i++)
		cs_row_push(hdr, s->cols[i].name, strlen(s->cols[i].name));
}

static _Thread_local const struct cs_row *dup_hdr;	/* qsort's, a thread's own */

/* Header positions by name, then by position. */
static int
by_column(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = strcmp(cs_row_get(dup_hdr, i), cs_row_get(dup_hdr, j));

	return c ? c : (i > j) - (i < j);
}

/*
 * The first column of hdr that repeats an earlier one, or -1.  Sorted,
 * not compared pair by pair: a header of 100,000 columns took 30 s.
 */
static long
repeated_column(const struct cs_row *hdr)
{
	size_t *pos, i;
	long first = -1;

	if (hdr->n < 2)
		return -1;
	pos = cs_xmalloc(hdr->n * sizeof *pos);
	for (i = 0; i < hdr->n; i++)
		pos[i] = i;
	dup_hdr = hdr;
	qsort(pos, hdr->n, sizeof *pos, by_column);
	for (i = 1; i < hdr->n; i++)
		if (strcmp(cs_row_get(hdr, pos[i - 1]), cs_row_get(hdr, pos[i])) == 0 &&
		    (first < 0 || pos[i] < (size_t)first))
			first = (long)pos[i];
	free(pos);
	return first;
}

/*
 * Columns added to a schema after stores were written: a store written
 * before may lack them, and reads as if they were empty there.
 */
static const struct {
	const struct cs_schema *s;
	const char *col;
} late[] = {
	{ &cs_schema_orders, "category" },
	{ &cs_schema_orders, "vehicle" },
	{ &cs_schema_orders, "driver" },
	{ &cs_schema_orders, "exception_department" },
	{ &cs_schema_orders, "kind" },
	{ &cs_schema_orders, "ticket" },
	{ &cs_schema_tickets, "pickup" },
	{ &cs_schema_tickets, "replacement" },
	{ &cs_schema_tickets, "repair_step" },
	{ &cs_schema_tickets, "step_due_at" },
	{ &cs_schema_orders, "exception_owner" },
	{ &cs_schema_orders, "exception_status" },
	{ &cs_schema_orders, "exception_resolution" },
	{ &cs_schema_orders, "exception_resolved_at" },
	{ &cs_schema_staff, "department" },
	{ &cs_schema_customers, "owner" },
	{ &cs_schema_customers, "language" },
	{ &cs_schema_journal, "hash" },
	{ &cs_schema_tickets, "answered_in" },
};

int
cs_schema_late(const struct cs_schema *s, const char *col)
{
	size_t i;

	for (i = 0; i < N(late); i++)
		if (late[i].s == s && strcmp(late[i].col, col) == 0)
			return 1;
	return 0;
}

int
cs_schema_bind(const struct cs_schema *s, const struct cs_row *hdr,
    const char *file, int *idx)
{
	size_t i;
	long dup;

	for (i = 0; i < s->ncols; i++) {
		idx[i] = cs_row_find(hdr, s->cols[i].name);
		if (idx[i] < 0 && !cs_schema_late(s, s->cols[i].name))
			return cs_fail(CS_EDATA, "%s:1: no '%s' column", file,
			    s->cols[i].name);
	}
	if ((dup = repeated_column(hdr)) >= 0)
		return cs_fail(CS_EDATA, "%s:1: column '%s' twice", file,
		    cs_row_get(hdr, (size_t)dup));
	return 0;
}
