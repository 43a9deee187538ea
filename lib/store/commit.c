/*
 * commit.c: one change of the data directory, all or nothing.
 *
 * A command's change may touch many files: the journal, a store, an
 * events file, the many chunks of an import.  It is one transaction,
 * made durable with a rollback journal in the manner of SQLite's: before
 * any file is touched, an undo record saying how to put it back is
 * written to DATA/.intent and made durable; then the file is changed.
 *
 *	a SIZE REL	REL was SIZE bytes long (-1: it did not exist); the
 *			change appends to it
 *	r K REL		REL is replaced; the old file is kept as the hard
 *			link .NAME.cs-old-K beside it until the commit ends
 *	n REL		REL did not exist; the change creates it whole
 *	d REL		the directory REL did not exist; the change makes it
 *
 * Appends are written (a large one in pieces) and fdatasynced; a
 * replacement is written to
 * the temporary .NAME.cs-new (O_EXCL, O_NOFOLLOW), fsynced, linked to its
 * backup, renamed over the file, and the directory fsynced.  The commit
 * point is the intent's truncation to nothing, made durable with
 * fdatasync; only then is success reported, and the backups removed.
 *
 * A transaction that fails, at any step, is rolled back from its
 * records, newest first: appends cut back to their size (or the file
 * removed), backups renamed back over what replaced them, new files and
 * directories removed.  A transaction that never ended (kill -9, power
 * loss) leaves its intent: the next writer, under the lock, rolls it
 * back before anything else (cs_txn_recover), and cs check reports it.
 * Every line of the intent carries a checksum, so a line torn by a
 * crash is known and ignored; its change had not begun.
 *
 * Files are reached from the data directory one component at a time
 * with O_NOFOLLOW: a symbolic link, FIFO or device where a store, a
 * directory or a temporary should be is refused (exit 77), so a planted
 * link cannot make a writer touch a file outside the data directory.
 *
 * While a transaction is open, SIGTERM, SIGINT, SIGHUP, SIGQUIT and
 * SIGPIPE are held; one that arrives stops the transaction at the next
 * file, rolled back, and takes effect when the transaction has ended.
 * Rolling back allocates no memory, so it also runs at exit when a
 * command dies (out of memory, cs_die) with a transaction open.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "store/store.h"

#define REL_MAX 240

struct undo {
	char kind;		/* a r n d */
	long long size;		/* a: the size before, -1 absent */
	long k;			/* r: the backup's number */
	char rel[REL_MAX + 1];
};

static struct {
	int dirfd;		/* the data directory, while the lock is held */
	int intentfd;
	int depth;		/* cs_txn_begin calls not yet ended */
	int failed;		/* rolled back: every later step fails */
	struct undo *u;
	size_t n, cap;
	off_t written;		/* bytes of the intent written */
	struct cs_buf pending;	/* intent lines not yet written */
	struct cs_buf log;	/* every line written: the intent again */
	sigset_t held, saved;
	int atexit_set;
} T = { -1, -1, 0, 0, NULL, 0, 0, 0, { 0 }, { 0 }, { { 0 } }, { { 0 } }, 0 };

/* The checksum of an intent line: FNV-1a, to know a torn line. */
static unsigned long
line_sum(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	while (n--)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* A path of the data directory as a writer accepts it: relative, no ".."
 * nor empty component, only [A-Za-z0-9._-] and '/'. */
static int
rel_ok(const char *rel)
{
	const char *p = rel, *c;

	if (*rel == '\0' || *rel == '/' || strlen(rel) > REL_MAX)
		return 0;
	for (c = rel; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		    (*c >= '0' && *c <= '9') || *c == '.' || *c == '_' ||
		    *c == '-' || *c == '/'))
			return 0;
	for (;;) {
		size_t n = strcspn(p, "/");
		if (n == 0 || (n == 2 && p[0] == '.' && p[1] == '.') ||
		    (n == 1 && p[0] == '.'))
			return 0;
		if (p[n] == '\0')
			return 1;
		p += n + 1;
	}
}

static int
refused(const char *rel, const char *what)
{
	return cs_fail(CS_EPERM, "%s: %s: refused (the data directory holds only "
	    "regular files and directories)", rel, what);
}

/*
 * Open the directory that holds rel, from the data directory, one
 * component at a time, never through a symbolic link.  mk: make the
 * missing ones, each with its undo record first.  *base points to the
 * last component of rel.  Returns the directory's descriptor, -1 on an
 * error, or -2 when a directory is absent and mk is 0.
 */
static int flush_intent(void);
static int add_undo(char kind, long long size, const char *rel);

static int
open_parent(const char *rel, int mk, const char **base)
{
	char part[REL_MAX + 1];
	const char *p = rel, *slash;
	int fd, nfd;

	if ((fd = dup(T.dirfd)) < 0)
		return cs_fail_errno("dup", "the data directory");
	while ((slash = strchr(p, '/')) != NULL) {
		snprintf(part, sizeof part, "%.*s", (int)(slash - p), p);
		nfd = openat(fd, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (nfd < 0 && errno == ENOENT && mk) {
			char sub[REL_MAX + 1];
			snprintf(sub, sizeof sub, "%.*s", (int)(slash - rel), rel);
			if (add_undo('d', 0, sub) < 0 || flush_intent() < 0)
				goto fail;
			if (mkdirat(fd, part, 0770) < 0 && errno != EEXIST) {
				cs_fail_errno("mkdir", sub);
				goto fail;
			}
			if (fsync(fd) < 0) {
				cs_fail_errno("fsync the directory of", sub);
				goto fail;
			}
			nfd = openat(fd, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
			    O_CLOEXEC);
		}
		if (nfd < 0 && errno == ENOENT && !mk) {
			close(fd);
			return -2;
		}
		if (nfd < 0) {
			struct stat st;
			int e = errno, link = fstatat(fd, part, &st,
			    AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode);
			snprintf(part, sizeof part, "%.*s", (int)(slash - rel), rel);
			errno = e;
			if (e == ELOOP || e == ENOTDIR)
				refused(part, link ? "a symbolic link" :
				    "not a directory");
			else
				cs_fail_errno("open directory", part);
			goto fail;
		}
		close(fd);
		fd = nfd;
		p = slash + 1;
	}
	*base = p;
	return fd;
fail:
	close(fd);
	return -1;
}

static void
side_name(char *out, size_t n, const char *base, const char *what, long k)
{
	if (k >= 0)
		snprintf(out, n, ".%s.%s-%ld", base, what, k);
	else
		snprintf(out, n, ".%s.%s", base, what);
}

static int
write_all(int fd, struct iovec *iov, int n, const char *rel)
{
	ssize_t k;

	while (n > 0) {
		k = writev(fd, iov, n);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			return cs_fail_errno("write", rel);
		}
		while (n > 0 && (size_t)k >= iov->iov_len) {
			k -= (ssize_t)iov->iov_len;
			iov++, n--;
		}
		if (n > 0) {
			iov->iov_base = (char *)iov->iov_base + k;
			iov->iov_len -= (size_t)k;
		}
	}
	return 0;
}

static int
add_undo(char kind, long long size, const char *rel)
{
	struct undo *u;
	char line[REL_MAX + 64];
	int len;

	if (T.n == T.cap) {
		T.cap = T.cap ? 2 * T.cap : 16;
		T.u = cs_xrealloc(T.u, T.cap * sizeof *T.u);
	}
	u = &T.u[T.n];
	u->kind = kind;
	u->size = size;
	u->k = (long)T.n;
	snprintf(u->rel, sizeof u->rel, "%s", rel);
	if (kind == 'a')
		len = snprintf(line, sizeof line, "a %lld %s", size, rel);
	else if (kind == 'r')
		len = snprintf(line, sizeof line, "r %ld %s", u->k, rel);
	else
		len = snprintf(line, sizeof line, "%c %s", kind, rel);
	cs_buf_addf(&T.pending, "%s %08lx\n", line, line_sum(line, (size_t)len));
	T.n++;
	return 0;
}

/* Write the intent's new lines and make them durable. */
static int
flush_intent(void)
{
	struct iovec iov;
	ssize_t k;

	if (T.pending.len == 0)
		return 0;
	iov.iov_base = T.pending.s;
	iov.iov_len = T.pending.len;
	while (iov.iov_len > 0) {
		k = pwrite(T.intentfd, iov.iov_base, iov.iov_len, T.written);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			return cs_fail_errno("write", ".intent");
		}
		T.written += k;
		iov.iov_base = (char *)iov.iov_base + k;
		iov.iov_len -= (size_t)k;
	}
	cs_buf_add(&T.log, T.pending.s, T.pending.len);
	cs_buf_reset(&T.pending);
	if (fdatasync(T.intentfd) < 0)
		return cs_fail_errno("fdatasync", ".intent");
	return 0;
}

/* The commit point failed (the intent emptied, perhaps not durably):
 * write the intent again, so that a crash during the rollback that
 * follows still rolls back, not leaves half. */
static void
restore_intent(void)
{
	size_t off = 0;
	ssize_t k;

	while (off < T.log.len) {
		k = pwrite(T.intentfd, T.log.s + off, T.log.len - off, (off_t)off);
		if (k <= 0 && errno != EINTR)
			return;
		if (k > 0)
			off += (size_t)k;
	}
	T.written = (off_t)off;
	(void)fdatasync(T.intentfd);
}

/* Undo one record.  0, or -1 with the error; what is absent is done. */
static int
undo_one(const struct undo *u)
{
	char side[REL_MAX + 32];
	const char *base;
	struct stat st;
	int pfd, fd, r = 0;

	if ((pfd = open_parent(u->rel, 0, &base)) < 0)
		return pfd == -2 ? 0 : -1;
	switch (u->kind) {
	case 'a':
		if (u->size < 0) {
			if (unlinkat(pfd, base, 0) < 0 && errno != ENOENT)
				r = cs_fail_errno("remove", u->rel);
			break;
		}
		fd = openat(pfd, base, O_WRONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0) {
			if (errno != ENOENT)
				r = cs_fail_errno("open", u->rel);
			break;
		}
		if (fstat(fd, &st) < 0)
			r = cs_fail_errno("stat", u->rel);
		else if (!S_ISREG(st.st_mode))
			r = refused(u->rel, "not a regular file");
		else if (st.st_size > u->size && ftruncate(fd, (off_t)u->size) < 0)
			r = cs_fail_errno("truncate", u->rel);
		else if (fdatasync(fd) < 0)
			r = cs_fail_errno("fdatasync", u->rel);
		close(fd);
		break;
	case 'r':
	case 'n':
		side_name(side, sizeof side, base, "cs-new", -1);
		if (unlinkat(pfd, side, 0) < 0 && errno != ENOENT) {
			r = cs_fail_errno("remove", side);
			break;
		}
		if (u->kind == 'n') {
			if (unlinkat(pfd, base, 0) < 0 && errno != ENOENT)
				r = cs_fail_errno("remove", u->rel);
			break;
		}
		side_name(side, sizeof side, base, "cs-old", u->k);
		if (renameat(pfd, side, pfd, base) < 0) {
			if (errno != ENOENT)
				r = cs_fail_errno("restore", u->rel);
			break;
		}
		/* the same file twice (linked, not yet renamed): rename did
		 * nothing, and the backup is one name too many */
		if (unlinkat(pfd, side, 0) < 0 && errno != ENOENT)
			r = cs_fail_errno("remove", side);
		break;
	case 'd':
		if (unlinkat(pfd, base, AT_REMOVEDIR) < 0 && errno != ENOENT &&
		    errno != ENOTEMPTY && errno != EEXIST)
			r = cs_fail_errno("remove directory", u->rel);
		break;
	}
	if (r == 0 && fsync(pfd) < 0)
		r = cs_fail_errno("fsync the directory of", u->rel);
	close(pfd);
	return r;
}

/* Undo every record, newest first; then the intent is emptied.  Allocates
 * nothing.  0, or -1 with the first error (the intent stays for the next
 * writer to finish). */
static int
rollback(const struct undo *u, size_t n)
{
	int ret = 0, saved = 0;
	char msg[1024] = "";

	while (n-- > 0)
		if (undo_one(&u[n]) < 0 && ret == 0) {
			ret = -1;
			saved = cs_errstatus();
			snprintf(msg, sizeof msg, "%s", cs_errmsg());
		}
	if (ret == 0 && (ftruncate(T.intentfd, 0) < 0 || fdatasync(T.intentfd) < 0)) {
		ret = -1;
		saved = CS_EIO;
		snprintf(msg, sizeof msg, "empty .intent: %s", strerror(errno));
	}
	if (ret < 0)
		cs_fail(saved, "%s", msg);
	return ret;
}

static void
hold_signals(void)
{
	sigemptyset(&T.held);
	sigaddset(&T.held, SIGTERM);
	sigaddset(&T.held, SIGINT);
	sigaddset(&T.held, SIGHUP);
	sigaddset(&T.held, SIGQUIT);
	sigaddset(&T.held, SIGPIPE);
	sigprocmask(SIG_BLOCK, &T.held, &T.saved);
}

/* A held signal is waiting: the transaction is to stop. */
static int
interrupted(void)
{
	sigset_t p;
	int sigs[] = { SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGPIPE };
	size_t i;

	if (sigpending(&p) < 0)
		return 0;
	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		if (sigismember(&p, sigs[i]))
			return sigs[i];
	return 0;
}

/* The end of a transaction, committed or not: signals go through.  One
 * that stopped it kills the program as soon as it is let through, so
 * what happened is said first (else the change just vanishes, silently). */
static void
end(void)
{
	if (T.failed && interrupted())
		cs_warn("%s", cs_errmsg());
	T.depth = 0;
	T.n = 0;
	T.written = 0;
	cs_buf_reset(&T.pending);
	cs_buf_reset(&T.log);
	sigprocmask(SIG_SETMASK, &T.saved, NULL);
}

/* A step failed: roll back what was done, keep the step's error. */
static int
fail_txn(void)
{
	int saved = cs_errstatus();
	char msg[1024];

	snprintf(msg, sizeof msg, "%s", cs_errmsg());
	T.failed = 1;
	cs_buf_reset(&T.pending);
	if (rollback(T.u, T.n) < 0)
		return cs_fail(saved, "%s; and the rollback failed (%s): the next "
		    "writer or 'cs check --repair' finishes it", msg, cs_errmsg());
	T.n = 0;
	T.written = 0;
	return cs_fail(saved, "%s", msg);
}

static void
at_exit(void)
{
	if (T.depth > 0 && !T.failed && T.n > 0)
		rollback(T.u, T.n);
}

static int
step_begins(void)
{
	int sig;

	if (T.depth == 0)
		return cs_fail(CS_EIO, "a change outside a transaction");
	if (T.failed)
		return cs_fail(CS_EIO, "the change was rolled back");
	if ((sig = interrupted()) != 0) {
		cs_fail(CS_EIO, "interrupted by signal %d: nothing stored", sig);
		return fail_txn();
	}
	return 0;
}

int
cs_txn_begin(struct cs_ds *ds)
{
	char line[256];
	char t[32];
	int len;

	if (T.intentfd < 0 || ds->lockfd < 0)
		return cs_fail(CS_EIO, "a change without the lock");
	if (T.depth++ > 0)
		return T.failed ? cs_fail(CS_EIO, "the change was rolled back") : 0;
	if (!T.atexit_set) {
		atexit(at_exit);
		T.atexit_set = 1;
	}
	hold_signals();
	T.failed = 0;
	T.n = 0;
	T.written = 0;
	cs_buf_reset(&T.pending);
	cs_buf_reset(&T.log);
	cs_time_format(ds->now, t);
	len = snprintf(line, sizeof line, "cs-intent 1 %s (pid %ld, user %.64s%s"
	    "%.64s, %s)", ds->program, (long)getpid(), ds->real && strcmp(ds->real,
	    ds->user) ? ds->real : "", ds->real && strcmp(ds->real, ds->user) ?
	    " as " : "", ds->user, t);
	for (char *c = line; *c; c++)
		if ((unsigned char)*c < ' ' || (unsigned char)*c == 0x7f)
			*c = '?';
	cs_buf_addf(&T.pending, "%s %08lx\n", line, line_sum(line, (size_t)len));
	return 0;
}

/* The whole of an append as its one piece. */
struct one_piece {
	const char *data;
	size_t len;
	int given;
};

static int
one_piece(void *ctx, const char **p, size_t *n)
{
	struct one_piece *o = ctx;

	if (o->given)
		return 0;
	o->given = 1;
	*p = o->data;
	*n = o->len;
	return 1;
}

int
cs_txn_append(struct cs_ds *ds, const char *rel, const char *header,
    const char *data, size_t len)
{
	struct one_piece o = { data, len, 0 };

	return cs_txn_append_pieces(ds, rel, header, one_piece, &o);
}

int
cs_txn_append_pieces(struct cs_ds *ds, const char *rel, const char *header,
    int (*next)(void *ctx, const char **p, size_t *n), void *ctx)
{
	struct iovec iov[1];
	struct stat st;
	const char *base, *piece;
	size_t plen;
	char last;
	int pfd = -1, fd = -1, created = 0, k;

	(void)ds;
	if (step_begins() < 0)
		return -1;
	if (!rel_ok(rel)) {
		cs_fail(CS_EIO, "not a store path: '%s'", rel);
		return fail_txn();
	}
	/* the first piece made before the file is touched: a one-piece
	 * append computes everything first (so does a library that crashes
	 * when its allocation fails, as libcrypto's first digest can) */
	if ((k = next(ctx, &piece, &plen)) < 0)
		return fail_txn();
	if ((pfd = open_parent(rel, 1, &base)) < 0)
		return fail_txn();
	fd = cs_openat_regular(pfd, base, rel, O_RDWR | O_APPEND, 0);
	if (fd < 0 && errno == ENOENT) {
		if (add_undo('a', -1, rel) < 0 || flush_intent() < 0)
			goto fail;
		fd = openat(pfd, base, O_RDWR | O_APPEND | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_CLOEXEC, 0660);
		if (fd < 0) {
			cs_fail_errno("create", rel);
			goto fail;
		}
		created = 1;
		st.st_size = 0;
	} else if (fd < 0)
		goto fail;	/* a link, a FIFO, two names: refused */
	else {
		if (fstat(fd, &st) < 0) {
			cs_fail_errno("stat", rel);
			goto fail;
		}
		if (st.st_size > 0) {
			if (pread(fd, &last, 1, st.st_size - 1) != 1) {
				cs_fail_errno("read", rel);
				goto fail;
			}
			if (last != '\n') {
				cs_fail(CS_EDATA, "%s: the last line has no line end "
				    "(a hand edit, or a crash): nothing stored; "
				    "'cs check --repair' mends it", rel);
				goto fail;
			}
		}
		if (add_undo('a', (long long)st.st_size, rel) < 0 ||
		    flush_intent() < 0)
			goto fail;
	}
	if (st.st_size == 0 && header) {
		iov[0].iov_base = (void *)header;
		iov[0].iov_len = strlen(header);
		if (write_all(fd, iov, 1, rel) < 0)
			goto fail;
	}
	/* a piece at a time: a failure after some is rolled back whole */
	for (; k > 0; k = next(ctx, &piece, &plen)) {
		iov[0].iov_base = (void *)piece;
		iov[0].iov_len = plen;
		if (plen > 0 && write_all(fd, iov, 1, rel) < 0)
			goto fail;
	}
	if (k < 0)
		goto fail;
	if (fdatasync(fd) < 0) {
		cs_fail_errno("fdatasync", rel);
		goto fail;
	}
	if (created && fsync(pfd) < 0) {
		cs_fail_errno("fsync the directory of", rel);
		goto fail;
	}
	if (close(fd) < 0) {
		fd = -1;
		cs_fail_errno("close", rel);
		goto fail;
	}
	close(pfd);
	return 0;
fail:
	if (fd >= 0)
		close(fd);
	close(pfd);
	return fail_txn();
}

int
cs_txn_rewrite(struct cs_ds *ds, const char *rel, const char *const *parts,
    const size_t *lens, size_t nparts)
{
	struct iovec iov[8];
	struct stat st;
	const char *base;
	char tmp[REL_MAX + 32], bak[REL_MAX + 32];
	int pfd, fd = -1, existed;
	long k;
	size_t i;

	(void)ds;
	if (step_begins() < 0)
		return -1;
	if (!rel_ok(rel) || nparts > 8) {
		cs_fail(CS_EIO, "not a store path: '%s'", rel);
		return fail_txn();
	}
	if ((pfd = open_parent(rel, 1, &base)) < 0)
		return fail_txn();
	if (fstatat(pfd, base, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		if (!S_ISREG(st.st_mode)) {
			refused(rel, S_ISLNK(st.st_mode) ? "a symbolic link" :
			    S_ISFIFO(st.st_mode) ? "a FIFO" : "not a regular file");
			goto fail;
		}
		existed = 1;
	} else if (errno == ENOENT)
		existed = 0;
	else {
		cs_fail_errno("stat", rel);
		goto fail;
	}
	k = (long)T.n;
	if (existed) {
		/* a backup of that name left by an earlier change is not ours:
		 * gone, durably, before the record that would restore it */
		side_name(bak, sizeof bak, base, "cs-old", k);
		if (unlinkat(pfd, bak, 0) == 0) {
			if (fsync(pfd) < 0) {
				cs_fail_errno("fsync the directory of", rel);
				goto fail;
			}
		} else if (errno != ENOENT) {
			cs_fail_errno("remove", bak);
			goto fail;
		}
	}
	if (add_undo(existed ? 'r' : 'n', 0, rel) < 0 || flush_intent() < 0)
		goto fail;
	side_name(tmp, sizeof tmp, base, "cs-new", -1);
	if (unlinkat(pfd, tmp, 0) < 0 && errno != ENOENT) {
		cs_fail_errno("remove", tmp);
		goto fail;
	}
	fd = openat(pfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0660);
	if (fd < 0) {
		cs_fail_errno("create", tmp);
		goto fail;
	}
	for (i = 0; i < nparts; i++) {
		iov[i].iov_base = (void *)parts[i];
		iov[i].iov_len = lens[i];
	}
	if (write_all(fd, iov, (int)nparts, tmp) < 0)
		goto fail;
	if (fsync(fd) < 0) {
		cs_fail_errno("fsync", tmp);
		goto fail;
	}
	if (close(fd) < 0) {
		fd = -1;
		cs_fail_errno("close", tmp);
		goto fail;
	}
	fd = -1;
	if (existed) {
		if (linkat(pfd, base, pfd, bak, 0) < 0) {
			cs_fail_errno("keep the old file as", bak);
			goto fail;
		}
	}
	if (renameat(pfd, tmp, pfd, base) < 0) {
		cs_fail_errno("rename over", rel);
		goto fail;
	}
	if (fsync(pfd) < 0) {
		cs_fail_errno("fsync the directory of", rel);
		goto fail;
	}
	close(pfd);
	return 0;
fail:
	if (fd >= 0)
		close(fd);
	close(pfd);
	return fail_txn();
}

int
cs_txn_commit(struct cs_ds *ds)
{
	char bak[REL_MAX + 32];
	const char *base;
	size_t i;
	int pfd;

	(void)ds;
	if (T.depth == 0)
		return cs_fail(CS_EIO, "a commit outside a transaction");
	if (T.failed) {
		if (--T.depth == 0)
			end();
		return cs_fail(CS_EIO, "the change was rolled back");
	}
	if (--T.depth > 0)
		return 0;
	T.depth = 1;		/* until it is over, at_exit rolls back */
	if (T.n > 0) {
		int sig = interrupted();
		if (sig) {	/* the signal came during the last step */
			cs_fail(CS_EIO, "interrupted by signal %d: nothing stored",
			    sig);
			fail_txn();
			end();
			return -1;
		}
		if (ftruncate(T.intentfd, 0) < 0 || fdatasync(T.intentfd) < 0) {
			cs_fail_errno("commit (empty)", ".intent");
			restore_intent();
			fail_txn();
			end();
			return -1;
		}
		/* committed: the backups are of no more use */
		for (i = 0; i < T.n; i++) {
			if (T.u[i].kind != 'r')
				continue;
			if ((pfd = open_parent(T.u[i].rel, 0, &base)) < 0)
				continue;
			side_name(bak, sizeof bak, base, "cs-old", T.u[i].k);
			unlinkat(pfd, bak, 0);
			close(pfd);
		}
	}
	end();
	return 0;
}

int
cs_txn_mend(struct cs_ds *ds, const char *rel)
{
	struct stat st;
	const char *base;
	int pfd, fd = -1;

	(void)ds;
	if (step_begins() < 0)
		return -1;
	if (!rel_ok(rel)) {
		cs_fail(CS_EIO, "not a store path: '%s'", rel);
		return fail_txn();
	}
	if ((pfd = open_parent(rel, 0, &base)) < 0) {
		if (pfd == -2)
			cs_fail(CS_ENOINPUT, "%s: no such file", rel);
		return fail_txn();
	}
	fd = openat(pfd, base, O_RDWR | O_APPEND | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC);
	if (fd < 0)
		cs_fail_errno("open", rel);
	else if (fstat(fd, &st) < 0)
		cs_fail_errno("stat", rel);
	else if (!S_ISREG(st.st_mode))
		refused(rel, "not a regular file");
	else if (add_undo('a', (long long)st.st_size, rel) == 0 &&
	    flush_intent() == 0) {
		if (write(fd, "\n", 1) != 1)
			cs_fail_errno("write", rel);
		else if (fdatasync(fd) < 0)
			cs_fail_errno("fdatasync", rel);
		else {
			close(fd);
			close(pfd);
			return 0;
		}
	}
	if (fd >= 0)
		close(fd);
	close(pfd);
	return fail_txn();
}

int
cs_txn_remove_side(struct cs_ds *ds, const char *rel)
{
	const char *base;
	int pfd;

	(void)ds;
	if (step_begins() < 0)
		return -1;
	if (!rel_ok(rel) || (pfd = open_parent(rel, 0, &base)) < 0) {
		cs_fail(CS_EIO, "cannot reach %s", rel);
		return fail_txn();
	}
	if (base[0] != '.' || (!strstr(base, ".cs-new") && !strstr(base, ".cs-old-"))) {
		close(pfd);
		cs_fail(CS_EIO, "%s: not a temporary of a change", rel);
		return fail_txn();
	}
	if ((unlinkat(pfd, base, 0) < 0 && errno != ENOENT) || fsync(pfd) < 0) {
		cs_fail_errno("remove", rel);
		close(pfd);
		return fail_txn();
	}
	close(pfd);
	return 0;
}

/* A step outside commit.c failed: the whole transaction is rolled back
 * (and stays failed until its cs_txn_begin is ended). */
int
cs_txn_fail(struct cs_ds *ds)
{
	(void)ds;
	if (T.depth == 0 || T.failed)
		return -1;
	return fail_txn();
}

/* The end of a cs_txn_begin that is not to be committed. */
void
cs_txn_abort(struct cs_ds *ds)
{
	(void)ds;
	if (T.depth == 0)
		return;
	if (!T.failed) {
		int saved = cs_errstatus();
		char msg[1024];
		snprintf(msg, sizeof msg, "%s", cs_errmsg());
		fail_txn();
		cs_fail(saved, "%s", msg);
	}
	if (--T.depth == 0)
		end();
}

/* The end of a transaction the caller began around steps that may have
 * failed (r < 0): committed, or rolled back. */
int
cs_txn_end(struct cs_ds *ds, int r)
{
	if (r < 0) {
		cs_txn_abort(ds);
		return -1;
	}
	return cs_txn_commit(ds);
}

/* Parse the intent text: its records into *u, its header into who.  A
 * torn or damaged line ends it (its change had not begun). */
static size_t
parse_intent(char *text, size_t len, struct undo **up, char *who, size_t whon)
{
	struct undo *u = NULL;
	size_t n = 0, cap = 0;
	char *p = text, *nl, *sp;
	int first = 1;

	*who = '\0';
	while (p < text + len && (nl = memchr(p, '\n', (size_t)(text + len - p)))) {
		struct undo x = { 0 };
		char kind, relbuf[REL_MAX + 2];
		long long size = 0;
		long k = 0;
		int used = 0;
		*nl = '\0';
		if ((sp = strrchr(p, ' ')) == NULL ||
		    strtoul(sp + 1, NULL, 16) != line_sum(p, (size_t)(sp - p)) ||
		    strlen(sp + 1) != 8)
			break;
		*sp = '\0';
		if (first) {
			if (strncmp(p, "cs-intent 1 ", 12) != 0)
				break;
			snprintf(who, whon, "%s", p + 12);
			first = 0;
			p = nl + 1;
			continue;
		}
		kind = *p;
		if ((kind == 'a' && sscanf(p, "a %lld %241s%n", &size, relbuf,
		    &used) == 2) || (kind == 'r' && sscanf(p, "r %ld %241s%n", &k,
		    relbuf, &used) == 2) || ((kind == 'n' || kind == 'd') &&
		    sscanf(p + 1, " %241s%n", relbuf, &used) == 1)) {
			if (!rel_ok(relbuf) || size < -1 || k < 0)
				break;
			x.kind = kind;
			x.size = size;
			x.k = k;
			memcpy(x.rel, relbuf, strlen(relbuf) + 1);
		} else
			break;
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			u = cs_xrealloc(u, cap * sizeof *u);
		}
		u[n++] = x;
		p = nl + 1;
	}
	*up = u;
	return n;
}

static int
read_intent(int fd, struct cs_buf *b)
{
	char buf[65536];
	off_t pos = 0;
	ssize_t k;

	for (;;) {
		k = pread(fd, buf, sizeof buf, pos);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			return cs_fail_errno("read", ".intent");
		}
		if (k == 0)
			return 0;
		cs_buf_add(b, buf, (size_t)k);
		pos += k;
	}
}

/* The lock is held: open the intent, and roll back what it says.  *done
 * is the number of records undone; who says whose change it was. */
int
cs_txn_recover(struct cs_ds *ds, size_t *done, char *who, size_t whon)
{
	struct cs_buf text = { 0 };
	struct stat st;
	struct undo *u = NULL;
	char *path;
	size_t n;
	int r = -1, fd, created = 0;

	*done = 0;
	*who = '\0';
	if (T.dirfd < 0) {
		/* the directory the lock is on, not the one at its path now */
		T.dirfd = fcntl(ds->lockfd, F_DUPFD_CLOEXEC, 0);
		if (T.dirfd < 0)
			return cs_fail_errno("dup the data directory", ds->dir);
	}
	if (T.intentfd < 0) {
		path = cs_ds_path(ds, ".intent");
		/* from the locked directory, not the one at its path now */
		fd = cs_openat_regular(T.dirfd, ".intent", path, O_RDWR, 0);
		if (fd < 0 && errno == ENOENT) {
			fd = openat(T.dirfd, ".intent", O_RDWR | O_CREAT | O_EXCL |
			    O_NOFOLLOW | O_CLOEXEC, 0660);
			if (fd < 0)
				cs_fail_errno("create", path);
			created = 1;
		}
		free(path);
		if (fd < 0)
			return -1;
		if (created && fsync(T.dirfd) < 0) {
			close(fd);
			return cs_fail_errno("fsync", ds->dir);
		}
		T.intentfd = fd;
	}
	if (fstat(T.intentfd, &st) < 0)
		return cs_fail_errno("stat", ".intent");
	if (st.st_size == 0)
		return 0;
	if (read_intent(T.intentfd, &text) < 0)
		goto out;
	n = parse_intent(text.s, text.len, &u, who, whon);
	if (rollback(u, n) < 0) {
		cs_fail(cs_errstatus(), "an unfinished change (%s) could not be "
		    "rolled back: %s", *who ? who : "unknown", cs_errmsg());
		goto out;
	}
	*done = n ? n : 1;
	r = 0;
out:
	free(u);
	cs_buf_free(&text);
	return r;
}

/* The lock is given up: the data directory's descriptors go. */
void
cs_txn_release(void)
{
	if (T.depth > 0) {
		if (!T.failed)
			fail_txn();
		end();
	}
	if (T.intentfd >= 0)
		close(T.intentfd);
	if (T.dirfd >= 0)
		close(T.dirfd);
	T.intentfd = T.dirfd = -1;
}

/* For cs check, without the lock: the header of an unfinished intent in
 * who, 1 if there is one, 0 if not, -1 on an error. */
/* What rolling back the records would do, for a person to read. */
static void
describe(const struct undo *u, size_t n, struct cs_buf *what)
{
	size_t i;

	for (i = n; i-- > 0;) {
		const struct undo *x = &u[i];
		if (what->len)
			cs_buf_adds(what, "; ");
		if (x->kind == 'a' && x->size >= 0)
			cs_buf_addf(what, "cut %s back to %lld bytes", x->rel, x->size);
		else if (x->kind == 'a' || x->kind == 'n')
			cs_buf_addf(what, "remove %s", x->rel);
		else if (x->kind == 'r')
			cs_buf_addf(what, "restore %s from its backup", x->rel);
		else
			cs_buf_addf(what, "remove the directory %s if empty", x->rel);
	}
	if (n == 0)
		cs_buf_adds(what, "nothing (no change had begun)");
}

int
cs_intent_pending(const char *dir, char *who, size_t whon, struct cs_buf *what)
{
	struct cs_buf path = { 0 }, text = { 0 };
	struct undo *u = NULL;
	struct stat st;
	int fd, r = 0;

	*who = '\0';
	cs_buf_addf(&path, "%s/.intent", dir);
	fd = cs_open_regular(path.s, O_RDONLY, 0);
	cs_buf_free(&path);
	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	if (fstat(fd, &st) < 0)
		r = cs_fail_errno("stat", ".intent");
	else if (st.st_size > 0 && (r = read_intent(fd, &text)) == 0) {
		size_t n = parse_intent(text.s, text.len, &u, who, whon);
		if (what)
			describe(u, n, what);
		if (*who == '\0')
			snprintf(who, whon, "unknown");
		r = 1;
	}
	free(u);
	cs_buf_free(&text);
	close(fd);
	return r;
}

/*
 * The writers' lock (lock.c), and under it, before anything else, the
 * rollback of a change a writer that died left unfinished.
 */
int (*cs_lock_gate)(struct cs_ds *ds);

int
cs_lock(struct cs_ds *ds, double wait)
{
	char who[256];
	size_t done;

	if (cs_lock_gate && cs_lock_gate(ds) < 0)
		return -1;
	if (cs_lock_take(ds, wait) < 0)
		return -1;
	if (cs_txn_recover(ds, &done, who, sizeof who) < 0) {
		cs_unlock(ds);
		return -1;
	}
	if (done)
		cs_warn("rolled back an unfinished change (%s)",
		    *who ? who : "of an unknown writer");
	return 0;
}

void
cs_unlock(struct cs_ds *ds)
{
	if (ds->lockfd < 0)
		return;
	cs_txn_release();
	cs_lock_drop(ds);
}

/* Closing the data directory ends its lock, and the change under it. */
void
cs_ds_close(struct cs_ds *ds)
{
	cs_unlock(ds);
	free(ds->dir);
	ds->dir = NULL;
}
