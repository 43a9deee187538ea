/*
 * lock.c: the data directory and its writers' lock.
 *
 * Writers serialise through flock(2) on DATA/.lock, a file that is never
 * renamed or removed, so a lock can never be taken on a file that has
 * just been replaced (the lesson of OpenBSD's /etc/group edits).  The
 * holder writes its pid, user and program into the file, so that a
 * writer that gives up can say whom it waited for.  Readers never lock.
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
#include <sys/time.h>
#include <unistd.h>

#include "cs.h"

double cs_lock_wait = 10.0;

static const char *
login_name(void)
{
	const char *u = getenv("CS_USER");
	struct passwd *pw;

	if (u && *u)
		return u;
	if ((u = getenv("LOGNAME")) && *u)
		return u;
	if ((u = getenv("USER")) && *u)
		return u;
	pw = getpwuid(getuid());
	return pw ? pw->pw_name : "unknown";
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
	ds->user = login_name();
	ds->program = cs_progname;
	return cs_time_now(&ds->now);
}

void
cs_ds_close(struct cs_ds *ds)
{
	cs_unlock(ds);
	free(ds->dir);
	ds->dir = NULL;
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

/* Block in flock for at most `wait` seconds. */
static int
flock_wait(int fd, double wait)
{
	struct sigaction sa, old;
	struct itimerval it = { 0 }, none = { 0 };
	int r, e;

	if (flock(fd, LOCK_EX | LOCK_NB) == 0)
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
	r = flock(fd, LOCK_EX);
	e = errno;
	setitimer(ITIMER_REAL, &none, NULL);
	sigaction(SIGALRM, &old, NULL);
	if (r < 0 && e == EINTR)
		e = EWOULDBLOCK;
	errno = e;
	return r;
}

int
cs_lock(struct cs_ds *ds, double wait)
{
	char *path = cs_ds_path(ds, ".lock");
	char who[256] = "", me[256];
	ssize_t n;
	int fd;

	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0660);
	if (fd < 0) {
		cs_fail_errno("open lock file", path);
		free(path);
		return -1;
	}
	if (flock_wait(fd, wait) < 0) {
		int e = errno;
		n = pread(fd, who, sizeof who - 1, 0);
		who[n > 0 ? n : 0] = '\0';
		who[strcspn(who, "\n")] = '\0';
		close(fd);
		if (e == EWOULDBLOCK) {
			cs_fail(CS_EBUSY, "%s is busy: held by %s; waited %.0f s, "
			    "try again or give --wait SECONDS", ds->dir,
			    *who ? who : "another writer", wait);
		} else {
			errno = e;
			cs_fail_errno("flock", path);
		}
		free(path);
		return -1;
	}
	free(path);
	n = snprintf(me, sizeof me, "%s (pid %ld, user %s)\n", ds->program,
	    (long)getpid(), ds->user);
	/* Only a courtesy to the next writer: failure changes nothing. */
	if (ftruncate(fd, 0) == 0 && pwrite(fd, me, (size_t)n, 0) < 0)
		n = 0;
	ds->lockfd = fd;
	return 0;
}

void
cs_unlock(struct cs_ds *ds)
{
	if (ds->lockfd < 0)
		return;
	close(ds->lockfd);	/* releases the flock */
	ds->lockfd = -1;
}
