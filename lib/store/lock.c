/*
 * lock.c: the data directory and its writers' lock.
 *
 * Writers serialise through flock(2) on the data directory itself, never
 * on a file that gets renamed (the lesson of OpenBSD's /etc/group edits)
 * nor on one that can be deleted under the holder.  The holder writes
 * its pid, user and program into DATA/.lock (a regular file, opened
 * without following a symbolic link), so that a writer that gives up can
 * say whom it waited for; that is believed only when /proc/locks names
 * the same pid.  Readers never lock, but for one that must see every
 * store at one moment (cs verify holds them to the journal), which takes
 * the flock shared: writers wait for it, and it for them.  Taking the
 * lock rolls back an unfinished change first (commit.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <unistd.h>

#include "store/store.h"

double cs_lock_wait = 10.0;
const char *cs_lock_refused;

/* The login of the real user id; "uid N" when it has none.  A lookup
 * that fails (out of memory, an unreadable passwd) is an error, never
 * taken for "no login": the journal would name someone else. */
static int
real_name(struct cs_ds *ds)
{
	static char name[64];
	struct passwd *pw;

	errno = 0;
	if ((pw = getpwuid(getuid())) == NULL && errno != 0 &&
	    errno != ENOENT && errno != ESRCH && errno != EBADF &&
	    errno != EPERM)
		return cs_fail(CS_EIO, "getpwuid %ld: %s", (long)getuid(),
		    strerror(errno));
	if (pw == NULL)
		snprintf(name, sizeof name, "uid %ld", (long)getuid());
	else
		snprintf(name, sizeof name, "%s", pw->pw_name);
	ds->real = name;
	return 0;
}

/*
 * The acting user is the real one; CS_USER names another only for a real
 * user who may act for others (root, the directory's owner: cron and
 * scripts), and the journal then says who gave it (journal.c).  From
 * anyone else it is ignored with a warning, so a script goes on working,
 * as its real user.  LOGNAME and USER are the caller's to set: never
 * believed.  (A setgid program has dropped CS_USER already: base/env.c.)
 */
static int
acting_user(struct cs_ds *ds)
{
	static const struct cs_column login = { "CS_USER", CS_T_LOGIN, 1,
		NULL, NULL, NULL };
	static int warned;	/* cs check opens the directory twice */
	const char *u = getenv("CS_USER");

	ds->user = ds->real;
	if (u == NULL || *u == '\0' || strcmp(u, ds->real) == 0)
		return 0;
	if (!ds->admin) {
		if (!warned++)
			cs_warn("CS_USER=%s ignored: %s may not act for others (only "
			    "root or the owner of %s may)", u, ds->real, ds->dir);
		return 0;
	}
	if (cs_check_value(&login, u) != NULL)
		return cs_fail(CS_EUSAGE, "CS_USER: not a login name: '%s'", u);
	ds->user = u;
	return 0;
}

int
cs_ds_open(struct cs_ds *ds, const char *dir)
{
	struct stat st;

	memset(ds, 0, sizeof *ds);
	ds->lockfd = -1;
	umask(007);		/* department data: group-shared, never world */
	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
		return cs_fail(CS_ENOINPUT,
		    "no data directory %s (make one with 'cs init %s', or use -D)",
		    dir, dir);
	if (cs_zone_use(dir) < 0)
		return -1;
	ds->dir = cs_xstrdup(dir);
	ds->admin = getuid() == 0 || getuid() == st.st_uid;
	ds->program = cs_progname;
	if (real_name(ds) < 0 || acting_user(ds) < 0 ||
	    cs_time_now(&ds->now) < 0) {
		free(ds->dir);
		ds->dir = NULL;
		return -1;
	}
	return 0;
}

char *
cs_ds_path(const struct cs_ds *ds, const char *rel)
{
	struct cs_buf b = { 0 };

	cs_buf_addf(&b, "%s/%s", ds->dir, rel);
	return b.s;
}

static void
on_alarm(int sig)
{
	(void)sig;
}

/* Block in flock (op LOCK_EX or LOCK_SH) for at most `wait` seconds. */
static int
flock_wait(int fd, int op, double wait)
{
	struct sigaction sa, old;
	struct itimerval it = { 0 }, none = { 0 };
	int r, e;

	if (flock(fd, op | LOCK_NB) == 0)
		return 0;
	if (errno != EWOULDBLOCK || wait <= 0)
		return -1;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;	/* no SA_RESTART: flock returns EINTR */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, &old);
	it.it_value.tv_sec = (time_t)wait;
	it.it_value.tv_usec = (suseconds_t)((wait - (double)(time_t)wait) * 1e6);
	if (it.it_value.tv_sec == 0 && it.it_value.tv_usec == 0)
		it.it_value.tv_usec = 1;
	setitimer(ITIMER_REAL, &it, NULL);
	r = flock(fd, op);
	e = errno;
	setitimer(ITIMER_REAL, &none, NULL);
	sigaction(SIGALRM, &old, NULL);
	if (r < 0 && e == EINTR)
		e = EWOULDBLOCK;
	errno = e;
	return r;
}

/* Who holds the flock on the file of st, from /proc/locks: its pid, or 0
 * when that cannot be known. */
static long
holder_pid(const struct stat *st)
{
	char line[256];
	unsigned maj, min;
	unsigned long ino;
	long pid, found = 0;
	FILE *fp = fopen("/proc/locks", "re");

	if (fp == NULL)
		return 0;
	while (found == 0 && fgets(line, sizeof line, fp))
		if (strstr(line, "->") == NULL &&
		    sscanf(line, "%*d: FLOCK %*s WRITE %ld %x:%x:%lu", &pid, &maj,
		    &min, &ino) == 4 && ino == (unsigned long)st->st_ino &&
		    maj == major(st->st_dev) && min == minor(st->st_dev))
			found = pid;
	fclose(fp);
	return found;
}

/* The holder of the lock, for the busy message: what it wrote into
 * .lock if that is the process that holds the lock, else what the system
 * says of it, else "a writer that cannot be named". */
static void
describe_holder(const char *dir, int dfd, char *who, size_t n)
{
	char rec[256] = "", comm[64] = "", path[64];
	struct cs_buf lp = { 0 };
	struct stat st;
	ssize_t k;
	long pid = 0, rpid = 0;
	const char *p;
	FILE *fp;
	int fd;

	cs_buf_addf(&lp, "%s/.lock", dir);
	if ((fd = cs_open_regular(lp.s, O_RDONLY, 0)) >= 0) {
		k = pread(fd, rec, sizeof rec - 1, 0);
		rec[k > 0 ? k : 0] = '\0';
		rec[strcspn(rec, "\n")] = '\0';
		close(fd);
	}
	cs_buf_free(&lp);
	if ((p = strstr(rec, "(pid ")) != NULL)
		rpid = strtol(p + 5, NULL, 10);
	if (fstat(dfd, &st) == 0)
		pid = holder_pid(&st);
	if (pid > 0 && pid == rpid) {
		snprintf(who, n, "%s", rec);
		return;
	}
	if (pid > 0) {
		snprintf(path, sizeof path, "/proc/%ld/comm", pid);
		if ((fp = fopen(path, "re")) != NULL) {
			if (fgets(comm, sizeof comm, fp) == NULL)
				comm[0] = '\0';
			comm[strcspn(comm, "\n")] = '\0';
			fclose(fp);
		}
		snprintf(who, n, "%s (pid %ld)", *comm ? comm : "a process", pid);
		return;
	}
	snprintf(who, n, "a writer that cannot be named");
}

/*
 * The lock is a flock on the data directory itself: a directory that
 * holds files cannot be removed, so no one can take the lock away by
 * deleting a file (a deleted .lock used to let a second writer in).
 * .lock only carries the holder's name.
 */
static int
lock_dir(struct cs_ds *ds, int op, double wait)
{
	char who[300];
	int fd, e;

	fd = open(ds->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return cs_fail_errno("open the data directory", ds->dir);
	if (flock_wait(fd, op, wait) < 0) {
		e = errno;
		if (e == EWOULDBLOCK) {
			describe_holder(ds->dir, fd, who, sizeof who);
			cs_fail(CS_EBUSY, "%s is busy: held by %s; waited %.0f s, "
			    "try again or give --wait SECONDS", ds->dir, who, wait);
		} else {
			errno = e;
			cs_fail_errno("flock", ds->dir);
		}
		close(fd);
		return -1;
	}
	return fd;
}

/* Write the holder's name into .lock; with clear, empty it. */
static int
name_holder(struct cs_ds *ds, int clear)
{
	char *path = cs_ds_path(ds, ".lock");
	char me[256];
	int fd, n;

	fd = cs_open_regular(path, O_RDWR | O_CREAT, 0660);
	free(path);
	if (fd < 0)
		return -1;
	/* the real user too, when acting as another (as the journal says) */
	if (ds->real && strcmp(ds->real, ds->user) != 0)
		n = snprintf(me, sizeof me, "%s (pid %ld, user %.64s as %.64s)\n",
		    ds->program, (long)getpid(), ds->real, ds->user);
	else
		n = snprintf(me, sizeof me, "%s (pid %ld, user %.64s)\n",
		    ds->program, (long)getpid(), ds->user);
	/* Only a courtesy to the next writer: failure changes nothing. */
	if (ftruncate(fd, 0) == 0 && !clear && pwrite(fd, me, (size_t)n, 0) < 0)
		n = 0;
	close(fd);
	return 0;
}

/* The flock of the data directory, and the holder's name in .lock. */
int
cs_lock_take(struct cs_ds *ds, double wait)
{
	int fd;

	if (cs_lock_refused)
		return cs_fail(CS_ESOFTWARE, "%s only reads: it may not take the "
		    "lock (a verb that writes is marked CS_WRITES)", cs_lock_refused);
	if ((fd = lock_dir(ds, LOCK_EX, wait)) < 0)
		return -1;
	ds->lockfd = fd;
	/* .lock must be a regular file: a symlink there is refused */
	if (name_holder(ds, 0) < 0) {
		cs_lock_drop(ds);
		return -1;
	}
	return 0;
}

/* The flock shared, for a reader that must see no change half made: no
 * writer changes a store while it is held (.lock is left to writers). */
int
cs_lock_shared(struct cs_ds *ds, double wait)
{
	int fd;

	if ((fd = lock_dir(ds, LOCK_SH, wait)) < 0)
		return -1;
	ds->lockfd = fd;
	return 0;
}

void
cs_lock_drop(struct cs_ds *ds)
{
	if (ds->lockfd < 0)
		return;
	name_holder(ds, 1);
	close(ds->lockfd);	/* releases the flock */
	ds->lockfd = -1;
}

void
cs_lock_unshare(struct cs_ds *ds)
{
	if (ds->lockfd < 0)
		return;
	close(ds->lockfd);
	ds->lockfd = -1;
}
