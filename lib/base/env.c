/*
 * env.c: the environment of a setgid program.
 *
 * Installed setgid to the group that owns the data directory (make
 * install-setgid), a program runs with rights its caller lacks, so the
 * caller's environment is not to be believed: what would choose the data
 * directory, the acting user, the time, the chunk size or the threads is
 * dropped before anything reads it (with a warning, so nobody wonders
 * why a setting had no effect), and a file named on the command line is
 * opened as the caller, so the program reads for nobody what they could
 * not read themselves.  The loader has already dropped LD_* and the
 * like (AT_SECURE).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#include "base/base.h"

extern char **environ;

int
cs_setgid(void)
{
	return getauxval(AT_SECURE) != 0 || getegid() != getgid() ||
	    geteuid() != getuid();
}

void
cs_env_sanitise(void)
{
	char name[64], **e;
	size_t n;

	if (!cs_setgid())
		return;
	unsetenv("TZ");
	unsetenv("TZDIR");
	/* unsetenv moves environ down: look again from the start.  An entry
	 * without '=' (execve allows it) is no variable: getenv never sees
	 * it, nor can unsetenv remove it. */
	for (e = environ; e && *e; ) {
		n = strcspn(*e, "=");
		if (strncmp(*e, "CS_", 3) != 0 || n >= sizeof name ||
		    (*e)[n] != '=' ||
		    (n == 11 && strncmp(*e, "CS_DATA_DIR", 11) == 0)) {
			e++;
			continue;
		}
		memcpy(name, *e, n);
		name[n] = '\0';
		if ((*e)[n + 1] != '\0')
			cs_warn("%s ignored: a setgid %s takes no settings from "
			    "the environment", name, cs_progname);
		unsetenv(name);
		e = environ;
	}
}

int
cs_access(const char *path)
{
	return faccessat(AT_FDCWD, path, F_OK, AT_EACCESS);
}

FILE *
cs_fopen_caller(const char *path, const char *mode)
{
	gid_t egid = getegid();
	FILE *fp;
	int e;

	if (egid == getgid())
		return fopen(path, mode);
	if (setegid(getgid()) < 0)
		return NULL;
	fp = fopen(path, mode);
	e = errno;
	if (setegid(egid) < 0)
		cs_fatal(CS_EIO, "setegid: %s", strerror(errno));
	errno = e;
	return fp;
}
