/*
 * outbox.h - the outbox: the messages the department owes its customers
 * (and its agents), each once (store/outbox.c).
 *
 * A message is a record of the dated store outbox/ (ids M-YYYYMMDD-NNNN,
 * a month of chunks, cs-store(5)), put there in the same commit as the
 * event that caused it: a record's change and its message are on disk
 * together or not at all.  cs notify sends what is due and moves each
 * message through its states (cs_outbox_step), each move a commit of its
 * own:
 *
 *	queued --claim--> sending --sent--> sent
 *	                  sending --failed--> failed (due again after a
 *	                      back-off; dead once the attempts are spent)
 *	                  sending --refused--> dead (it can never go: no
 *	                      address, no command for its channel)
 *	failed --claim--> sending
 *	sending --crashed--> doubt (found in sending by a later run: the
 *	                      sender died between the send and its mark;
 *	                      it may have gone, so it is not sent again)
 *	doubt, dead --resend--> queued (cs notify --resend: a person's
 *	                      decision; the Message-ID stays the same)
 *
 * The claim is on disk before the message is handed to sendmail, so a
 * crash can leave a message in sending, never one sent and still queued:
 * a message is sent at most once unless a person asks again.
 *
 * Another module queues a message for an event of its own kind with
 * cs_notify_queue (rules/notify.h), which renders it and puts it into a
 * struct cs_outbox_add; the caller commits it with its own change:
 * cs_outbox_op gives the append for its cs_commit, or cs_outbox_append
 * appends it inside the caller's open transaction (cs_txn_begin).
 */
#ifndef CS_STORE_OUTBOX_H
#define CS_STORE_OUTBOX_H

#include "store/store.h"

extern const struct cs_schema cs_schema_outbox;

/* A message's place in the state machine above. */
struct cs_ob_state {
	char status[16];	/* queued sending sent failed dead doubt */
	long attempts;		/* sends begun */
	cs_time due;		/* queued, failed: not before */
};
enum cs_ob_event {
	CS_OB_CLAIM,		/* a send begins (due and queued or failed) */
	CS_OB_SENT,		/* the sender took it (exit 0) */
	CS_OB_FAILED,		/* the sender failed: retry after the back-off */
	CS_OB_REFUSED,		/* it can never go */
	CS_OB_CRASHED,		/* found in sending after its sender died */
	CS_OB_RESEND,		/* a person asks for it again */
};
/* The back-off: a failed message is due again first, 2 x first, 4 x
 * first ... after its attempt, at most max later; dead after attempts
 * attempts. */
struct cs_ob_retry {
	long attempts;
	int64_t first, max;
};
/* st moved by ev at now: 0, or -1 (CS_ESOFTWARE) when ev cannot happen
 * in st's status (st unchanged). */
int cs_outbox_step(struct cs_ob_state *st, enum cs_ob_event ev, cs_time now,
    const struct cs_ob_retry *r);
/* 1 when a message in st is to be sent at now. */
int cs_outbox_due(const struct cs_ob_state *st, cs_time now);
/* The back-off after attempt n (1, 2, ...), in seconds. */
int64_t cs_outbox_backoff(const struct cs_ob_retry *r, long n);

/* A message to queue: what it says and to whom. */
struct cs_outbox_msg {
	const char *event;	/* order-confirmed, ... */
	const char *record;	/* the record it is about: O-..., K-..., T-... */
	const char *customer;	/* C-..., or "" for an agent */
	const char *channel;	/* email sms wechat, or none (no address) */
	const char *to;		/* the address or number */
	const char *language;
	const char *subject, *body;
	const char *key;	/* what makes it this message, not another */
	const char *domain;	/* of its Message-ID */
	cs_time due;
};
/* Messages gathered for one commit. */
struct cs_outbox_add {
	struct cs_ds at;	/* the data directory at the ids' day */
	struct cs_master tail;	/* the last chunk, once open */
	int open;
	char *last;		/* the last id given */
	struct cs_buf lines, hdr;
	size_t n;
};
/* msg added to q under a new id (lock held): 0, or -1 with the error. */
int cs_outbox_put(struct cs_ds *ds, struct cs_outbox_add *q,
    const struct cs_outbox_msg *msg);
/* 1 and op the append of q's messages, 0 when q has none. */
int cs_outbox_op(const struct cs_outbox_add *q, struct cs_op *op);
/* q's messages appended in the caller's open transaction. */
int cs_outbox_append(struct cs_ds *ds, const struct cs_outbox_add *q);
void cs_outbox_add_free(struct cs_outbox_add *q);

/* A message's state, read from its record (in m's columns), and written
 * into one. */
void cs_outbox_state(const struct cs_master *m, const struct cs_row *r,
    struct cs_ob_state *st);
void cs_outbox_set_state(const struct cs_master *m, struct cs_row *r,
    const struct cs_ob_state *st);
/* Message id moved by ev, with the fields given (field, value pairs,
 * ending with NULL), in one commit journaled as notify (lock held):
 * 0, or -1 (the move not allowed, or the commit failed). */
int cs_outbox_move(struct cs_ds *ds, const char *id, enum cs_ob_event ev,
    const struct cs_ob_retry *r, struct cs_ob_state *st, ...);

/* The record's message hook (store/record.c): set by the programs
 * (cli/main.c) to cs_notify_event (rules/notify.c), it adds to q the
 * messages that what, the event of the record rec of m (old before it,
 * NULL for a new record), owes; NULL: none are queued. */
extern int (*cs_record_notice)(struct cs_ds *ds, const struct cs_master *m,
    const struct cs_row *old, const struct cs_row *rec, const char *what,
    struct cs_outbox_add *q);

#endif
