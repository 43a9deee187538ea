/*
 * notify.c: cs notify, the outbox sent each message once (notify.h; the
 * states are store/outbox.h's, the crash rule is cs-store(5)'s OUTBOX).
 */
#include <errno.h>
#include <poll.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/notify.h"
#include "store/record.h"
#include "store/verify.h"

#define SAID_MAX 300		/* of a sender's output, kept as its error */

/* ---- reading the outbox ---- */

struct scan {
	struct cs_map keys;	/* every message's key */
	char **sending, **due;	/* ids, in id order */
	size_t nsending, ndue;
	cs_time now;
	struct cs_out *out;	/* --dry-run: the rows */
	const struct cs_notify_conf *conf;	/* --dry-run: who sends what */
	int open;		/* the month being read holds a message not
				 * yet sent, failed for good or in doubt */
	struct cs_buf settled;	/* outbox/settled.csv as it is to be */
	int resettle;		/* ... and it differs from what was read */
};

static void
push(char ***v, size_t *n, const char *s)
{
	*v = cs_xrealloc(*v, (*n + 2) * sizeof **v);
	(*v)[(*n)++] = cs_xstrdup(s);
	(*v)[*n] = NULL;
}

static const char *
mask_kind(const char *channel)
{
	return strcmp(channel, "email") ? "phone" : "email";
}

/* A --dry-run row: id, event, record, channel, to (masked), subject,
 * due_at, and what this run would do. */
static void
dry_row(struct cs_out *out, const char *const *v, const char *doing)
{
	struct cs_row r = { 0 };
	char *masked = *v[4] ? cs_mask(mask_kind(v[3]), v[4]) : cs_xstrdup("");
	int i;

	for (i = 0; i < 7; i++)
		cs_row_push(&r, i == 4 ? masked : v[i], strlen(i == 4 ? masked :
		    v[i]));
	cs_row_push(&r, doing, strlen(doing));
	cs_out_row(out, &r);
	cs_row_free(&r);
	free(masked);
}

static void
dry_msg(struct scan *sc, const struct cs_master *m, const struct cs_row *r,
    const char *doing)
{
	static const char *const cols[] = { "id", "event", "record", "channel",
		"to", "subject", "due_at" };
	const char *v[7];
	int i;

	for (i = 0; i < 7; i++)
		v[i] = cs_master_get(m, r, cols[i]);
	dry_row(sc->out, v, doing);
}

/* 1 when a message of channel ch to to can never go: no address, or no
 * command for its channel (sender() says why when it is tried). */
static int
never_goes(const struct cs_notify_conf *conf, const char *ch, const char *to)
{
	if (strcmp(ch, "none") == 0 || *to == '\0')
		return 1;
	if (strcmp(ch, "sms") == 0)
		return *conf->sms == '\0';
	if (strcmp(ch, "wechat") == 0)
		return *conf->wechat == '\0';
	return 0;
}

static int
scan_one(void *ctx, const struct cs_master *m, const struct cs_row *r)
{
	struct scan *sc = ctx;
	struct cs_ob_state st;
	void **slot;
	int isnew;

	slot = cs_map_slot(&sc->keys, cs_master_get(m, r, "key"), &isnew);
	*slot = sc;
	cs_outbox_state(m, r, &st);
	if (strcmp(st.status, "queued") == 0 || strcmp(st.status, "failed") == 0 ||
	    strcmp(st.status, "sending") == 0)
		sc->open = 1;
	if (strcmp(st.status, "sending") == 0) {
		push(&sc->sending, &sc->nsending, cs_master_get(m, r, "id"));
		if (sc->out)
			dry_msg(sc, m, r, "doubt");
	} else if (cs_outbox_due(&st, sc->now)) {
		push(&sc->due, &sc->ndue, cs_master_get(m, r, "id"));
		if (sc->out)	/* one that can never go is dead at once */
			dry_msg(sc, m, r, sc->conf && never_goes(sc->conf,
			    cs_master_get(m, r, "channel"),
			    cs_master_get(m, r, "to")) ? "dead" : "send");
	}
	return 0;
}

/*
 * A month of the outbox whose every message is sent, dead or in doubt
 * has nothing for a run to do; only a person's --resend (a rewrite of its
 * chunk) or a message queued into it (an append) gives it work again.
 * outbox/settled.csv remembers such months of the past, each with a
 * digest of its chunks' names, inodes, sizes and modification times, so
 * that the timer's run every minute reads only the months that may have
 * work, not the whole history: a month whose chunks changed in any way
 * is read again.  It is a cache: a line that is not "YYYY-MM,digest" is
 * said and the file rebuilt; absent, every month is read.  The months
 * from last month on are always read, since the callbacks look for their
 * keys (a callback is for a ticket of last month or this).
 */
#define SETTLED "outbox/settled.csv"

/* The digest of month's chunks, into out: 0, or -1 with the error. */
static int
month_digest(struct cs_ds *ds, const char *month, char out[CS_HASH_HEX + 1])
{
	char **chunks, **c;
	struct cs_buf b = { 0 }, path = { 0 };
	struct stat st;
	int ret = 0;

	if ((chunks = cs_dated_chunks(ds->dir, &cs_schema_outbox, month)) == NULL)
		return -1;
	for (c = chunks; *c && ret == 0; c++) {
		cs_buf_reset(&path);
		cs_buf_addf(&path, "%s/%s", ds->dir, *c);
		if (lstat(path.s, &st) < 0)
			ret = cs_fail_errno("lstat", path.s);
		else
			cs_buf_addf(&b, "%s %llu %lld %lld.%09ld\n", *c,
			    (unsigned long long)st.st_ino, (long long)st.st_size,
			    (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec);
	}
	if (ret == 0)
		cs_sha256_hex(b.s ? b.s : "", b.len, out);
	cs_strv_free(chunks);
	cs_buf_free(&b);
	cs_buf_free(&path);
	return ret;
}

/* outbox/settled.csv into m (month -> digest): 0, or -1 with the error;
 * a malformed file is said and taken as empty. */
static int
settled_read(struct cs_ds *ds, struct cs_map *m)
{
	struct cs_buf path = { 0 };
	struct cs_reader r;
	struct cs_row row = { 0 };
	const char *mo, *dg;
	int rc, y, mm;
	char end;

	cs_buf_addf(&path, "%s/%s", ds->dir, SETTLED);
	rc = cs_reader_open(&r, path.s, CS_READ_STORE, 0);
	cs_buf_free(&path);
	if (rc < 0)
		return errno == ENOENT ? 0 : -1;
	if (r.hdr.n != 2 || strcmp(cs_row_get(&r.hdr, 0), "month") ||
	    strcmp(cs_row_get(&r.hdr, 1), "chunks")) {
		cs_warn("%s:1: not the header month,chunks: every month of the "
		    "outbox read, and the file made again", SETTLED);
		goto bad;
	}
	while ((rc = cs_reader_next(&r, &row)) > 0) {
		mo = cs_row_get(&row, 0), dg = cs_row_get(&row, 1);
		if (sscanf(mo, "%4d-%2d%c", &y, &mm, &end) != 2 || strlen(mo) != 7 ||
		    mm < 1 || mm > 12 || strlen(dg) != CS_HASH_HEX ||
		    strspn(dg, "0123456789abcdef") != CS_HASH_HEX) {
			cs_warn("%s:%ld: not a month and its digest: every month of "
			    "the outbox read, and the file made again", SETTLED,
			    row.line);
			goto bad;
		}
		*cs_map_slot(m, mo, NULL) = cs_xstrdup(dg);
	}
	cs_reader_close(&r);
	cs_row_free(&row);
	return rc < 0 ? -1 : 0;
bad:
	cs_reader_close(&r);
	cs_row_free(&row);
	cs_map_free(m, free);
	memset(m, 0, sizeof *m);
	return 0;
}

/* Every message of the months that may have work: into sc (due, sending,
 * keys), and sc->settled the months of the past that have none. */
static int
scan_outbox(struct cs_ds *ds, struct scan *sc)
{
	struct cs_map was = { 0 };
	struct cs_period last, mp;
	char **months, **m, dg[CS_HASH_HEX + 1], recent[8];
	const char *old;
	size_t kept = 0;
	int ret = -1;

	if (cs_period_parse(NULL, "last-month", &last) < 0 ||
	    (months = cs_dated_months(ds->dir, &cs_schema_outbox)) == NULL)
		return -1;
	snprintf(recent, sizeof recent, "%.7s", last.name);
	if (settled_read(ds, &was) < 0)
		goto out;
	cs_buf_reset(&sc->settled);
	cs_buf_addf(&sc->settled, "month,chunks\n");
	sc->resettle = 0;
	for (m = months; *m; m++) {
		int past = strcmp(*m, recent) < 0;
		if (past && month_digest(ds, *m, dg) < 0)
			goto out;
		old = past ? cs_map_get(&was, *m) : NULL;
		if (old && strcmp(old, dg) == 0) {
			cs_buf_addf(&sc->settled, "%s,%s\n", *m, dg);
			kept++;
			continue;
		}
		if (cs_period_parse("month", *m, &mp) < 0)
			goto out;
		sc->open = 0;
		if (cs_record_each(ds, &cs_schema_outbox, &mp, scan_one, sc) < 0)
			goto out;
		if (past && !sc->open) {
			cs_buf_addf(&sc->settled, "%s,%s\n", *m, dg);
			sc->resettle = 1;
		} else if (old)
			sc->resettle = 1;
	}
	if (kept != was.n)
		sc->resettle = 1;
	ret = 0;
out:
	cs_strv_free(months);
	cs_map_free(&was, free);
	return ret;
}

/* outbox/settled.csv rewritten, when the scan found it to differ. */
static int
settled_write(struct cs_ds *ds, const struct scan *sc)
{
	int r;

	if (!sc->resettle)
		return 0;
	if (cs_lock(ds, cs_lock_wait) < 0)
		return -1;
	r = cs_txn_begin(ds);
	if (r == 0)
		r = cs_store_rewrite(ds, SETTLED, sc->settled.s, sc->settled.len);
	r = cs_txn_end(ds, r);
	cs_unlock(ds);
	return r;
}

static void
scan_free(struct scan *sc)
{
	cs_map_free(&sc->keys, NULL);
	cs_strv_free(sc->sending);
	cs_strv_free(sc->due);
	cs_buf_free(&sc->settled);
}

/* ---- the callbacks promised ---- */

struct callbacks {
	struct cs_ds *ds;
	struct scan *sc;
	struct cs_outbox_add q;
	int dry;
};

static int
callback_one(void *ctx, const struct cs_master *m, const struct cs_row *r)
{
	struct callbacks *cb = ctx;
	struct cs_buf key = { 0 };
	int ret = 0;

	if (!cs_notify_callback_due(m, r, cb->ds->now))
		return 0;
	cs_buf_addf(&key, "callback-due %s %s", cs_master_get(m, r, "id"),
	    cs_master_get(m, r, "promised_at"));
	if (cs_map_get(&cb->sc->keys, key.s) == NULL) {
		if (cb->dry) {
			const char *v[7] = { "", "callback-due", cs_master_get(m, r,
			    "id"), "email", "", "", "" };
			dry_row(cb->sc->out, v, "queue");
		} else
			ret = cs_notify_queue_agent(cb->ds, "callback-due", m, r,
			    "agent", key.s, &cb->q);
	}
	cs_buf_free(&key);
	return ret;
}

/* Tickets of this month and the last whose promised reply is due: a
 * message to the agent each, once a promise. */
static int
callbacks(struct cs_ds *ds, struct scan *sc, int dry, long *queued)
{
	struct callbacks cb;
	struct cs_period p;
	struct cs_buf j = { 0 };
	struct cs_op op;
	int ret = -1;

	memset(&cb, 0, sizeof cb);
	cb.ds = ds, cb.sc = sc, cb.dry = dry;
	if (cs_period_parse(NULL, "last-month", &p) < 0)
		return -1;
	p.to = (cs_time)1 << 62;
	if (!dry && cs_lock(ds, cs_lock_wait) < 0)
		return -1;
	if (cs_record_each(ds, &cs_schema_tickets, &p, callback_one, &cb) < 0)
		goto out;
	ret = 0;
	if (cs_outbox_op(&cb.q, &op))
		ret = cs_commit(ds, &j, &op, 1);
	if (ret == 0)
		*queued = (long)cb.q.n;
out:
	if (!dry)
		cs_unlock(ds);
	cs_outbox_add_free(&cb.q);
	cs_buf_free(&j);
	return ret;
}

/* ---- sending ---- */

/* The words of a command, and one more (NULL: none). */
static char **
words(const char *cmd, const char *more)
{
	char **v = NULL, *s = cs_xstrdup(cmd), *w, *save = NULL;
	size_t n = 0;

	for (w = strtok_r(s, " \t", &save); w; w = strtok_r(NULL, " \t", &save))
		push(&v, &n, w);
	if (more)
		push(&v, &n, more);
	free(s);
	return v;
}

/* Wait for pid until timeout seconds have passed: 1 it ended (*st), 0
 * it was killed at the timeout, -1 an error. */
static int
wait_for(pid_t pid, int64_t timeout, int *st, int *in, const char *input,
    size_t len, size_t *off)
{
	struct pollfd pf;
	int64_t waited = 0;	/* in naps of 20 ms */
	ssize_t w;
	pid_t r;

	for (;;) {
		/* the message fed as the sender takes it, within the time: a
		 * sender that reads nothing must not hold us past it */
		if (*in >= 0 && *off < len) {
			pf.fd = *in, pf.events = POLLOUT, pf.revents = 0;
			if (poll(&pf, 1, 20) > 0) {
				if ((w = write(*in, input + *off, len - *off)) > 0)
					*off += (size_t)w;
				else if (w < 0 && errno != EAGAIN && errno != EINTR) {
					close(*in);	/* EPIPE: it stopped reading */
					*in = -1;
				}
			}
		} else
			nanosleep(&(struct timespec){ 0, 20 * 1000 * 1000 }, NULL);
		if (*in >= 0 && *off >= len) {
			close(*in);
			*in = -1;
		}
		if ((r = waitpid(pid, st, WNOHANG)) == pid)
			return 1;
		if (r < 0 && errno != EINTR)
			return -1;
		if (waited++ >= timeout * 50) {
			/* the sender and whatever it started: the group */
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			while (waitpid(pid, st, 0) < 0 && errno == EINTR)
				;
			return 0;
		}
	}
}

/* Run argv with input on its standard input and its output (both
 * streams) kept in said: 0 and its exit status in *status (-1: killed
 * by a signal, -3: killed at the timeout), or -1 with the step that
 * failed. */
static int
run_sender(char **argv, const char *input, size_t len, const char *mid,
    const char *to, int64_t timeout, struct cs_buf *said, int *status)
{
	FILE *out;
	pid_t pid;
	int fd[2], st, k, ret = -1;
	size_t off = 0;
	ssize_t w;
	char b[SAID_MAX];

	if ((out = tmpfile()) == NULL)
		return cs_fail_errno("tmpfile for", argv[0]);
	if (pipe2(fd, O_CLOEXEC) < 0) {
		fclose(out);
		return cs_fail_errno("pipe for", argv[0]);
	}
	fflush(stdout);
	fflush(stderr);
	if ((pid = fork()) < 0) {
		cs_fail_errno("fork", argv[0]);
		goto out;
	}
	if (pid == 0) {
		setpgid(0, 0);	/* its own group, killed whole at the timeout */
		signal(SIGPIPE, SIG_DFL);
		if (dup2(fd[0], 0) < 0 || dup2(fileno(out), 1) < 0 ||
		    dup2(fileno(out), 2) < 0)
			_exit(127);
		setenv("CS_MESSAGE_ID", mid, 1);
		setenv("CS_TO", to, 1);
		if (strchr(argv[0], '/') || !cs_setgid())
			execvp(argv[0], argv);
		dprintf(2, "cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	setpgid(pid, pid);	/* as the child does: no race */
	close(fd[0]);
	fd[0] = -1;
	signal(SIGPIPE, SIG_IGN);
	if (fcntl(fd[1], F_SETFL, O_NONBLOCK) < 0) {
		cs_fail_errno("fcntl for", argv[0]);
		goto out;
	}
	/* EPIPE: it did not read it all; its status says */
	if ((k = wait_for(pid, timeout, &st, &fd[1], input, len, &off)) < 0) {
		cs_fail_errno("wait for", argv[0]);
		goto out;
	}
	*status = k == 0 ? -3 : WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	if (k == 0)
		cs_buf_addf(said, "no answer in %llds: killed; ",
		    (long long)timeout);
	else if (WIFSIGNALED(st))
		cs_buf_addf(said, "killed by signal %d; ", WTERMSIG(st));
	else if (off < len && *status == 0)
		*status = 1, cs_buf_addf(said, "it did not read the whole message; ");
	rewind(out);
	w = (ssize_t)fread(b, 1, sizeof b - 1, out);
	b[w > 0 ? w : 0] = '\0';
	b[strcspn(b, "\n")] = '\0';
	cs_buf_adds(said, b);
	while (said->len >= 2 && said->s[said->len - 1] == ' ' &&
	    said->s[said->len - 2] == ';')
		said->s[said->len -= 2] = '\0';
	ret = 0;
out:
	if (fd[0] >= 0)
		close(fd[0]);
	if (fd[1] >= 0)
		close(fd[1]);
	fclose(out);
	return ret;
}

/* s with every to in it masked. */
static void
masked_text(const char *s, const char *to, const char *channel,
    struct cs_buf *out)
{
	char *m = cs_mask(mask_kind(channel), to);
	const char *p;
	size_t n = strlen(to);

	cs_buf_adds(out, "");
	while (n && (p = strstr(s, to)) != NULL) {
		cs_buf_add(out, s, (size_t)(p - s));
		cs_buf_adds(out, m);
		s = p + n;
	}
	cs_buf_adds(out, s);
	free(m);
}

struct message {
	char *f[9];		/* as cols below */
};
static const char *const cols[] = { "channel", "to", "subject", "body",
	"message_id", "event", "record", "id", "status" };
enum { CH, TO, SUBJ, BODY, MID, EVENT, RECORD, ID, STATUS };

static int
read_message(struct cs_ds *ds, const char *id, struct message *msg)
{
	struct cs_master m;
	struct cs_row r = { 0 };
	off_t s, e;
	int i, k;

	k = cs_dated_find(ds, &cs_schema_outbox, "message", id, &m, &r, &s, &e);
	for (i = 0; i < 9; i++)
		msg->f[i] = cs_xstrdup(k < 0 ? "" : cs_master_get(&m, &r, cols[i]));
	cs_master_close(&m);
	cs_row_free(&r);
	return k;
}

static void
message_free(struct message *msg)
{
	int i;

	for (i = 0; i < 9; i++)
		free(msg->f[i]);
}

/* The sender of msg and what it reads: 0, or 1 with why it can never
 * go in why. */
static int
sender(const struct cs_notify_conf *conf, const struct message *msg,
    cs_time now, char ***argv, struct cs_buf *input, struct cs_buf *why)
{
	const char *cmd;
	const char *ch = msg->f[CH];

	*argv = NULL;
	if (strcmp(ch, "none") == 0 || *msg->f[TO] == '\0') {
		cs_buf_addf(why, "the customer has no email or phone");
		return 1;
	}
	if (strcmp(ch, "email") == 0) {
		struct cs_mail mail = { msg->f[MID], conf->from, msg->f[TO],
			msg->f[SUBJ], msg->f[BODY], msg->f[EVENT], msg->f[RECORD],
			now };
		cs_mail_compose(&mail, input);
		*argv = words(conf->sendmail, NULL);
	} else {
		cmd = strcmp(ch, "sms") == 0 ? conf->sms : conf->wechat;
		if (*cmd == '\0') {
			cs_buf_addf(why, "no %s command in %s", ch, CS_NOTIFY_FILE);
			return 1;
		}
		cs_buf_addf(input, "%s\n", msg->f[BODY]);
		*argv = words(cmd, msg->f[TO]);
	}
	return 0;
}

static int
move(struct cs_ds *ds, const char *id, enum cs_ob_event ev,
    const struct cs_notify_conf *conf, struct cs_ob_state *st,
    const char *error)
{
	int r;

	if (cs_lock(ds, cs_lock_wait) < 0)
		return -1;
	r = error ? cs_outbox_move(ds, id, ev, &conf->retry, st, "error", error,
	    (const char *)NULL) : cs_outbox_move(ds, id, ev, &conf->retry, st,
	    (const char *)NULL);
	cs_unlock(ds);
	return r;
}

/* One message due: claimed, sent, marked. */
static int
send_one(struct cs_ds *ds, const struct cs_notify_conf *conf, const char *id,
    struct cs_notify_run *run)
{
	struct message msg;
	struct cs_ob_state st;
	struct cs_buf input = { 0 }, why = { 0 }, said = { 0 }, shown = { 0 };
	char **argv = NULL, *to = NULL, next[32];
	int status = -2, never, ret = -1;

	if (cs_lock(ds, cs_lock_wait) < 0)
		return -1;
	if (read_message(ds, id, &msg) < 0 ||
	    cs_outbox_move(ds, id, CS_OB_CLAIM, &conf->retry, &st,
	    (const char *)NULL) < 0) {
		cs_unlock(ds);
		goto out;
	}
	cs_unlock(ds);
	to = *msg.f[TO] ? cs_mask(mask_kind(msg.f[CH]), msg.f[TO]) :
	    cs_xstrdup("-");
	never = sender(conf, &msg, ds->now, &argv, &input, &why);
	if (never) {
		ret = move(ds, id, CS_OB_REFUSED, conf, &st, why.s);
		cs_warn("%s: %s to %s: cannot be sent: %s", id, msg.f[EVENT], to,
		    why.s);
		run->dead++;
		goto out;
	}
	if (run_sender(argv, input.s, input.len, msg.f[MID], msg.f[TO],
	    conf->timeout, &said, &status) < 0)
		status = -2, cs_buf_adds(&said, cs_errmsg());
	if (status == 0) {
		ret = move(ds, id, CS_OB_SENT, conf, &st, NULL);
		run->sent++;
		goto out;
	}
	if (status == -3) {	/* it may have gone: as after a crash */
		masked_text(said.s, msg.f[TO], msg.f[CH], &shown);
		ret = move(ds, id, CS_OB_CRASHED, conf, &st, shown.s);
		cs_warn("%s: %s to %s: %s gave %s; it may have gone, so it is not "
		    "sent again; cs notify --resend %s sends it", id, msg.f[EVENT],
		    to, argv[0], shown.s, id);
		run->doubt++;
		goto out;
	}
	cs_buf_reset(&why);
	if (status >= 0)
		cs_buf_addf(&why, "%s exited %d: ", argv[0], status);
	cs_buf_adds(&why, said.s);
	masked_text(why.s, msg.f[TO], msg.f[CH], &shown);
	if ((ret = move(ds, id, CS_OB_FAILED, conf, &st, shown.s)) < 0)
		goto out;
	if (strcmp(st.status, "dead") == 0) {
		cs_warn("%s: %s to %s: failed %ld times, given up: %s", id,
		    msg.f[EVENT], to, st.attempts, shown.s);
		run->dead++;
	} else {
		cs_time_format(st.due, next);
		cs_warn("%s: %s to %s: failed (attempt %ld of %ld), tried again "
		    "from %s: %s", id, msg.f[EVENT], to, st.attempts,
		    conf->retry.attempts, next, shown.s);
		run->failed++;
	}
out:
	message_free(&msg);
	cs_strv_free(argv);
	free(to);
	cs_buf_free(&input);
	cs_buf_free(&why);
	cs_buf_free(&said);
	cs_buf_free(&shown);
	return ret;
}

/* ---- the run ---- */

/* The senders' lock: one run at a time; held until exit. */
static int
sender_lock(struct cs_ds *ds)
{
	struct cs_buf path = { 0 };
	int fd;

	cs_buf_addf(&path, "%s/.notify.lock", ds->dir);
	fd = cs_open_regular(path.s, O_RDWR | O_CREAT | O_NOFOLLOW, 0660);
	if (fd < 0) {
		cs_buf_free(&path);
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		int e = errno;
		close(fd);
		if (e == EWOULDBLOCK)
			cs_fail(CS_EBUSY, "another cs notify is sending (it holds "
			    "%s); try again later", path.s);
		else
			cs_fail_errno("flock", path.s);
		cs_buf_free(&path);
		return -1;
	}
	cs_buf_free(&path);
	return fd;		/* closed at exit: the lock ends with us */
}

static int
dry_run(struct cs_ds *ds, const struct cs_opts *o, struct scan *sc)
{
	static const char *const h[] = { "id", "event", "record", "channel",
		"to", "subject", "due_at", "would" };
	struct cs_out out = { 0 };
	struct cs_row hdr = { 0 };
	long queued = 0;
	size_t i;
	int r;

	for (i = 0; i < 8; i++)
		cs_row_push(&hdr, h[i], strlen(h[i]));
	cs_out_begin(&out, stdout, cs_opts_fmt(o), &hdr);
	sc->out = &out;
	r = scan_outbox(ds, sc);
	if (r == 0)
		r = callbacks(ds, sc, 1, &queued);
	if (cs_out_end(&out) < 0)
		r = -1;
	cs_row_free(&hdr);
	return r;
}

int
cs_notify(struct cs_ds *ds, const struct cs_opts *o, struct cs_notify_run *run)
{
	struct cs_notify_conf conf;
	struct scan sc;
	struct cs_ob_state st;
	size_t i;
	int ret = -1;

	memset(&sc, 0, sizeof sc);
	sc.now = ds->now;
	if (cs_notify_conf_load(&conf, ds->dir) < 0)
		return -1;
	if (run->dry_run) {
		sc.conf = &conf;
		ret = dry_run(ds, o, &sc);
		goto out;
	}
	if (sender_lock(ds) < 0)
		goto out;
	if (run->resend && move(ds, run->resend, CS_OB_RESEND, &conf, &st,
	    "") < 0)
		goto out;
	if (scan_outbox(ds, &sc) < 0 || settled_write(ds, &sc) < 0)
		goto out;
	for (i = 0; i < sc.nsending; i++) {
		if (move(ds, sc.sending[i], CS_OB_CRASHED, &conf, &st,
		    "cut short while sending: it may have gone") < 0)
			goto out;
		cs_warn("%s: its sending was cut short (the sender died): it may "
		    "have gone, so it is not sent again; cs notify --resend %s "
		    "sends it", sc.sending[i], sc.sending[i]);
		run->doubt++;
	}
	if (callbacks(ds, &sc, 0, &run->queued) < 0)
		goto out;
	if (run->queued) {	/* the callbacks just queued are due */
		scan_free(&sc);
		memset(&sc, 0, sizeof sc);
		sc.now = ds->now;
		if (scan_outbox(ds, &sc) < 0)
			goto out;
	}
	for (i = 0; i < sc.ndue; i++)
		if (send_one(ds, &conf, sc.due[i], run) < 0)
			goto out;
	ret = run->failed || run->dead || run->doubt ? CS_NO : 0;
out:
	scan_free(&sc);
	cs_notify_conf_free(&conf);
	return ret;
}
