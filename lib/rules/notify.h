/*
 * notify.h - telling customers: which events owe a message, the
 * templates they are written from, and how cs notify sends them
 * (rules/notify.c; the store and its states: store/outbox.h).
 *
 * An event of a record queues its messages in the record's own commit
 * (store/record.c calls cs_notify_event through cs_record_notice):
 *
 *	orders		confirm: order-confirmed, dispatch: order-dispatched,
 *			delay: order-delayed, delivered: order-delivered
 *	complaints	respond: complaint-answered, resolve:
 *			complaint-resolved and complaint-satisfaction (due
 *			satisfaction_after later)
 *	tickets		callback-due, to the agent (cs notify queues it when
 *			a promised reply is due and has not come)
 *
 * A message is written from the template policy/messages/EVENT.LANG.txt
 * in the customer's language (customers.csv's language), else in the
 * policy's (notify.csv's language, zh), else from the built-in default
 * (store/defaults.c): a first line "Subject: ...", an empty line, the
 * body; {field} is the record's field, {customer.field} the customer's,
 * {{ a brace.  It goes by email to the customer's email, else by SMS (or
 * WeChat, notify.csv's phone_channel) to the phone; a customer with
 * neither gets one of channel none, which cs notify marks dead.
 *
 * A new kind of event (another module's: a repair's steps) needs only its
 * template, policy/messages/KIND.zh.txt (and a default in
 * store/defaults.c), and a call in its commit:
 *
 *	struct cs_outbox_add q = { 0 };
 *	cs_notify_queue(ds, "repair-received", &m, &ticket, &q);
 *	... its ops, and cs_outbox_op(&q, &ops[n]) ... cs_commit ...
 *	cs_outbox_add_free(&q);
 *
 * (or cs_outbox_append(ds, &q) inside its cs_txn_begin ... commit).
 */
#ifndef CS_RULES_NOTIFY_H
#define CS_RULES_NOTIFY_H

#include <stdio.h>

#include "rules/rules.h"
#include "store/outbox.h"

#define CS_NOTIFY_FILE "policy/notify.csv"
#define CS_MESSAGES_DIR "policy/messages"

/* policy/notify.csv, with the defaults of the settings it does not give */
struct cs_notify_conf {
	char *sendmail;		/* words; the message on standard input */
	char *sms, *wechat;	/* words; the number appended, the body on
				 * standard input; "" none */
	char *phone_channel;	/* sms or wechat */
	char *from, *domain, *language, *agent_domain;
	struct cs_ob_retry retry;
	int64_t satisfaction_after;
	int64_t timeout;	/* a sender's, in seconds */
};
int cs_notify_conf_load(struct cs_notify_conf *c, const char *dir);
void cs_notify_conf_free(struct cs_notify_conf *c);

/* A template: its file (or the default it fell back to) and its parts. */
struct cs_template {
	char rel[256];
	char *subject, *body;
	long body_line;		/* the body's first line in the file */
};
/* The template of event in lang, else in deflang, else the default: 0,
 * or -1 (78 for a template that is absent everywhere or malformed). */
int cs_template_load(const char *dir, const char *event, const char *lang,
    const char *deflang, struct cs_template *t);
/* Parse text (a template file's) into t: 0, or -1 (78, rel:line). */
int cs_template_parse(const char *rel, const char *text, struct cs_template *t);
void cs_template_free(struct cs_template *t);
/* text (the template rel's, from line) with each {name} as field(ctx,
 * name) gives it, into out: 0, or -1 (78 rel:line: field 'name') when
 * field gives NULL (no such field) or a brace is unmatched. */
int cs_template_render(const char *rel, long line, const char *text,
    const char *(*field)(void *, const char *), void *ctx, struct cs_buf *out);

/* The messages event what of rec (m's columns; old before it) owes, into
 * q: cs_record_notice's (store/outbox.h). */
int cs_notify_event(struct cs_ds *ds, const struct cs_master *m,
    const struct cs_row *old, const struct cs_row *rec, const char *what,
    struct cs_outbox_add *q);
/* The message of event about rec (m's columns: its customer column names
 * the customer told) into q, due now: 0 (also when rec names no
 * customer: none is queued), or -1 with the error (78: its template). */
int cs_notify_queue(struct cs_ds *ds, const char *event,
    const struct cs_master *m, const struct cs_row *rec,
    struct cs_outbox_add *q);
/* The message of event about rec to the agent named by rec's field
 * agent, under key, into q. */
int cs_notify_queue_agent(struct cs_ds *ds, const char *event,
    const struct cs_master *m, const struct cs_row *rec, const char *agent,
    const char *key, struct cs_outbox_add *q);
/* 1 when ticket r (m's columns) has a promised reply due at now that has
 * not come. */
int cs_notify_callback_due(const struct cs_master *m, const struct cs_row *r,
    cs_time now);

/* cs check: every template of dir, each problem a line on report; the
 * number of problems. */
int cs_messages_lint(const char *dir, FILE *report);

#endif
