/*
 * notify.h - cs notify: the outbox sent (cli/notify.c).
 *
 * One run, in order: a message found in sending (its sender died
 * between handing it over and marking it) is put in doubt and reported,
 * never sent again unless a person asks (--resend); the callbacks agents
 * promised that are due are queued for them (once a promise); then each
 * message due is claimed (committed as sending), handed to its sender
 * (sendmail for email, notify.csv's sms or wechat command for a phone,
 * the message on standard input), and marked sent, or failed (due again
 * after the back-off) or dead (the attempts spent, or it can never go).
 * Only one run sends at a time (the lock .notify.lock); the data
 * directory's lock is held only for each commit, never over a send.
 * Addresses are masked in everything it prints.
 */
#ifndef CS_CLI_NOTIFY_H
#define CS_CLI_NOTIFY_H

#include "cli/cli.h"
#include "format/mail.h"
#include "rules/notify.h"

struct cs_notify_run {
	int dry_run;		/* list what would go, change nothing */
	const char *resend;	/* a message in doubt or dead, queued again */
	long sent, failed, dead, doubt, queued;
};
/* 0 all went (or nothing was due), 1 some failed, died or are in
 * doubt (each reported on stderr), -1 an error. */
int cs_notify(struct cs_ds *ds, const struct cs_opts *o,
    struct cs_notify_run *run);

#endif
