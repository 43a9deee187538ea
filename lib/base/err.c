/* err.c: one-line errors and exit statuses */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/base.h"

const char *cs_progname = "cs";

/* Per thread, so that the threads of a scan each keep their own error. */
static _Thread_local char errmsg[1024];
static _Thread_local int errstatus;

/* Record the error; the message may quote the one before (cs_errmsg()).
 * The format is translated here (i18n.c), the arguments are not. */
int
cs_fail(int status, const char *fmt, ...)
{
	char msg[sizeof errmsg];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, gettext(fmt), ap);
	va_end(ap);
	memcpy(errmsg, msg, sizeof errmsg);
	errstatus = status;
	return -1;
}

/* A failed system call: the step, the file and the reason. */
int
cs_fail_errno(const char *what, const char *path)
{
	int e = errno;
	int status = CS_EIO;

	if (e == EACCES || e == EPERM || e == EROFS)
		status = CS_EPERM;
	else if (e == ENOENT)
		status = CS_ENOINPUT;
	return cs_fail(status, "%s %s: %s", what, path, strerror(e));
}

const char *
cs_errmsg(void)
{
	return errmsg;
}

int
cs_errstatus(void)
{
	return errstatus ? errstatus : CS_EIO;
}

/*
 * "prog: message" on stderr, in one write.  A message quotes what the
 * user or a file gave, so its control characters are escaped here, at
 * the one place messages are printed (cs_ctrl_escape): an ESC in a
 * customer's name cannot drive the terminal, nor a U+202E turn the line
 * around, nor a line break make two lines of one.  No allocation: this
 * also reports that memory ran out.
 */
static void
put_error(const char *msg)
{
	char line[4 * sizeof errmsg + 64];
	size_t n = strlen(msg), p;

	if (n > sizeof errmsg - 1)
		n = sizeof errmsg - 1;
	p = (size_t)snprintf(line, 64, "%.40s: ", cs_progname);
	p += cs_ctrl_escape(line + p, msg, n);
	line[p++] = '\n';
	fwrite(line, 1, p, stderr);
}

void
cs_die(void)
{
	put_error(errmsg);
	exit(cs_errstatus());
}

static void
put_errorv(const char *fmt, va_list ap)
{
	char msg[sizeof errmsg];

	vsnprintf(msg, sizeof msg, gettext(fmt), ap);
	put_error(msg);
}

void
cs_fatal(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	put_errorv(fmt, ap);
	va_end(ap);
	exit(status);
}

/* A warning: one line as cs_die prints it, and the run goes on. */
void
cs_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	put_errorv(fmt, ap);
	va_end(ap);
}

int cs_quiet;

void
cs_note(const char *fmt, ...)
{
	va_list ap;

	if (cs_quiet)
		return;
	va_start(ap, fmt);
	put_errorv(fmt, ap);
	va_end(ap);
}

void *
cs_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		cs_fatal(CS_EIO, "out of memory");
	return p;
}

void *
cs_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		cs_fatal(CS_EIO, "out of memory");
	return p;
}

char *
cs_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(cs_xmalloc(n), s, n);
}

/* What this run has stored, for an error on standard output after it. */
static char committed[256];

/*
 * Say what the run has stored ("stored C-000123"), once it is durable and
 * before its result is printed: if standard output fails after it, the
 * error says the change was made, so that a script does not retry it into
 * a duplicate.  From here on a closed pipe is such an error too (EPIPE),
 * not a silent death by SIGPIPE.
 */
void
cs_committed(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(committed, sizeof committed, gettext(fmt), ap);
	va_end(ap);
	signal(SIGPIPE, SIG_IGN);
}

/* Standard output failed with errnum (0: unknown). */
int
cs_fail_stdout(int errnum)
{
	const char *why = strerror(errnum ? errnum : EIO);

	if (*committed)
		return cs_fail(CS_EIO, "%s, but standard output failed: %s",
		    committed, why);
	return cs_fail(CS_EIO, "write error on standard output: %s", why);
}

/* Data written to stdout must have arrived: check it at exit, so that
 * "cs-customer list > /dev/full" fails loudly.  Closed in any case, so
 * that exit() does not try again. */
int
cs_close_stdout(void)
{
	static int closed;
	int bad, e;

	if (closed)		/* a verb that closed it first, then main */
		return 0;
	closed = 1;
	errno = 0;
	bad = fflush(stdout) != 0 || ferror(stdout);
	e = errno;
	if (bad && e == 0 && write(STDOUT_FILENO, "", 0) < 0)
		e = errno;	/* an earlier write failed: ask again why */
	if (fclose(stdout) != 0 && !bad)
		bad = 1, e = errno;
	return bad ? cs_fail_stdout(e) : 0;
}

/*
 * A standard descriptor that is closed (cs-customer add >&-) is held open
 * on /dev/null the wrong way round, before anything else is opened: else
 * the lock or a store would get its number, and what is printed would be
 * written into that file.  Reading 0 and writing 1 or 2 still fail
 * (EBADF), as they would have.
 */
void
cs_hold_stdfds(void)
{
	int fd, n;

	for (fd = 0; fd < 3; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		n = open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
		if (n < 0)
			cs_fatal(CS_EIO, "open /dev/null: %s", strerror(errno));
		if (n != fd && (dup2(n, fd) < 0 || close(n) < 0))
			cs_fatal(CS_EIO, "dup2 /dev/null: %s", strerror(errno));
	}
}

/* Exit with status once standard output has arrived, else with one line
 * and 74: --help and --version on a full disk are errors too. */
void
cs_exit(int status)
{
	if (cs_close_stdout() < 0)
		cs_die();
	exit(status);
}
