/*
 * sibling.c: another program of cs-tools run by this one, its output
 * read (sibling.h).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/sibling.h"

/* In the child: name beside this program, else on PATH. */
static void __attribute__((noreturn))
exec_sibling(const char *name, char *const argv[])
{
	struct cs_buf self = { 0 };
	char exe[PATH_MAX], *slash;
	ssize_t n;

	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL)
			*slash = '\0';
		cs_buf_addf(&self, "%s/%s", exe, name);
		execv(self.s, argv);
	}
	execvp(name, argv);
	fprintf(stderr, _("%s: cannot run %s: %s\n"), cs_progname, name,
	    strerror(errno));
	_exit(CS_EUSAGE);
}

int
cs_sibling_run(const char *name, char *const argv[], struct cs_buf *out,
    int *status, int *rerr)
{
	char buf[256];
	ssize_t n;
	pid_t pid;
	int st, fd[2];

	*rerr = 0;
	fflush(stdout);
	if (pipe(fd) < 0)
		return cs_fail_errno("pipe for", name);
	if ((pid = fork()) < 0) {
		cs_fail_errno("fork", name);
		close(fd[0]);
		close(fd[1]);
		return -1;
	}
	if (pid == 0) {
		close(fd[0]);
		if (dup2(fd[1], STDOUT_FILENO) < 0)
			_exit(CS_EIO);
		close(fd[1]);
		exec_sibling(name, argv);
	}
	close(fd[1]);
	cs_buf_adds(out, "");
	while ((n = read(fd[0], buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*rerr = errno;
			break;
		}
		cs_buf_add(out, buf, (size_t)n);
	}
	close(fd[0]);
	if (waitpid(pid, &st, 0) < 0)
		return cs_fail_errno("wait for", name);
	*status = WIFEXITED(st) ? WEXITSTATUS(st) : CS_EIO;
	return 0;
}
