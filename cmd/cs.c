/*
 * cs: the front door.  cs init makes a data directory, cs check validates
 * one, and cs X ... runs cs-X ....
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cs.h"

static int
write_new(const char *dir, const char *rel, const char *text)
{
	struct cs_buf path = { 0 };
	size_t len = strlen(text);
	int fd, r = -1;

	cs_buf_addf(&path, "%s/%s", dir, rel);
	fd = open(path.s, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0660);
	if (fd < 0)
		cs_fail_errno("create", path.s);
	else if (write(fd, text, len) != (ssize_t)len || fsync(fd) < 0)
		cs_fail_errno("write", path.s);
	else
		r = 0;
	if (fd >= 0 && close(fd) < 0 && r == 0)
		r = cs_fail_errno("close", path.s);
	cs_buf_free(&path);
	if (r < 0 && cs_errstatus() != CS_EPERM)
		cs_fail(CS_ECANTCREAT, "%s", cs_errmsg());
	return r;
}

static int
make_dir(const char *dir, const char *sub)
{
	struct cs_buf path = { 0 };
	int r = 0;

	cs_buf_addf(&path, "%s%s%s", dir, sub ? "/" : "", sub ? sub : "");
	if (mkdir(path.s, 0770) < 0 && errno != EEXIST) {
		cs_fail_errno("mkdir", path.s);
		r = cs_fail(cs_errstatus() == CS_EPERM ? CS_EPERM : CS_ECANTCREAT,
		    "%s", cs_errmsg());
	}
	cs_buf_free(&path);
	return r;
}

static int
cmd_init(const char *dir)
{
	const struct cs_default_file *f;
	struct cs_buf probe = { 0 };
	struct stat st;

	umask(007);
	cs_buf_addf(&probe, "%s/staff.csv", dir);
	if (stat(probe.s, &st) == 0) {
		cs_buf_free(&probe);
		return cs_fail(CS_ECANTCREAT, "%s is already a data directory", dir);
	}
	cs_buf_free(&probe);
	if (make_dir(dir, NULL) < 0 || make_dir(dir, "policy") < 0 ||
	    make_dir(dir, "policy/messages") < 0 || make_dir(dir, "journal") < 0)
		return -1;
	for (f = cs_defaults; f->path; f++)
		if (write_new(dir, f->path, f->text) < 0)
			return -1;
	return 0;
}

/* Run cs-NAME: beside this program first, then on PATH. */
static void
run_program(const char *name, char **argv)
{
	char self[PATH_MAX], *slash;
	struct cs_buf path = { 0 };
	ssize_t n;
	const char *p;

	for (p = name; *p; p++)
		if (!(*p >= 'a' && *p <= 'z'))
			cs_usage_error("unknown command '%s'", name);
	cs_buf_addf(&path, "cs-%s", name);
	argv[0] = path.s;
	n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n > 0) {
		struct cs_buf full = { 0 };
		self[n] = '\0';
		if ((slash = strrchr(self, '/')) != NULL)
			*slash = '\0';
		cs_buf_addf(&full, "%s/cs-%s", self, name);
		execv(full.s, argv);
		cs_buf_free(&full);
	}
	if (!cs_setgid())	/* setgid: never a program of the caller's PATH */
		execvp(path.s, argv);
	cs_fatal(errno == ENOENT ? CS_EUSAGE : CS_EIO, "cannot run %s: %s%s", path.s,
	    strerror(errno), errno == ENOENT ? _(" (see cs --help)") : "");
}

static int repair;
static struct cs_notify_run notify;

/* Check dir, list the problems on stdout: 0 none, 1 some, -1 (77) when
 * files are there that no command will open (status 77). */
static int
check_report(const char *dir)
{
	int n, k, hostile = 0;

	n = cs_check_dir2(dir, stdout, &hostile, NULL);
	n += cs_policy_lint(dir, stdout);	/* as their programs read them */
	/* the records' invariants (rules/records.c): store/ cannot ask */
	if ((k = cs_records_check(dir, stdout)) < 0)
		return -1;
	n += k;
	if (cs_close_stdout() < 0)
		return -1;
	if (hostile == 1)
		return cs_fail(CS_EPERM, "%s: %d file that no command will open "
		    "(symbolic links, FIFOs, devices): listed above", dir, hostile);
	if (hostile)
		return cs_fail(CS_EPERM, "%s: %d files that no command will open "
		    "(symbolic links, FIFOs, devices): listed above", dir, hostile);
	return n ? CS_NO : 0;
}

/* cs check --repair: under the lock (which rolls back an unfinished
 * change), mend what can be mended, then check again. */
static int
cmd_repair(const char *dir)
{
	struct cs_repair fix = { 0 };
	struct cs_ds ds;
	FILE *quiet;
	int hostile = 0, n;

	if (cs_ds_open(&ds, dir) < 0 || cs_lock(&ds, cs_lock_wait) < 0)
		return -1;
	if ((quiet = fopen("/dev/null", "we")) == NULL) {
		cs_ds_close(&ds);
		return cs_fail_errno("open", "/dev/null");
	}
	cs_check_dir2(dir, quiet, &hostile, &fix);
	fclose(quiet);
	n = cs_check_repair(&ds, &fix, stdout);
	cs_repair_free(&fix);
	cs_ds_close(&ds);
	if (n < 0)
		return -1;
	return check_report(dir);
}

static int
cmd_check(const char *dir)
{
	struct stat st;

	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
		return cs_fail(CS_ENOINPUT, "no data directory %s", dir);
	if (repair)
		return cmd_repair(dir);
	if (cs_zone_use(dir) < 0)
		return -1;
	return check_report(dir);
}

static int
verb_init(struct cs_cmd *c)
{
	const char *dir;

	if (c->argc > 1)
		cs_usage_error("missing or extra arguments");
	dir = cs_data_dir(c->argc == 1 ? c->argv[0] : c->o->dir);
	return dir ? cmd_init(dir) : -1;
}

static int
verb_check(struct cs_cmd *c)
{
	const char *dir;

	if (c->argc != 0)
		cs_usage_error("missing or extra arguments");
	dir = cs_data_dir(c->o->dir);
	return dir ? cmd_check(dir) : -1;
}

/* cs verify: the journal's chain, and the stores against its replay
 * (store/verify.c): 0 all agree, 1 a finding, each a line on stdout.
 * The stores are read at one moment: under the lock shared, so that no
 * writer's change is seen half made (a record and not its journal line),
 * and not over a change a writer left unfinished. */
static int
verb_verify(struct cs_cmd *c)
{
	const char *dir = cs_data_dir(c->o->dir);
	struct cs_buf what = { 0 };
	char who[256];
	long n = 0, v = 0;
	int k, ret = -1;

	if (c->argc != 0)
		cs_usage_error("missing or extra arguments");
	if (cs_lock_shared(c->ds, cs_lock_wait) < 0)
		return -1;
	if ((k = cs_intent_pending(dir, who, sizeof who, &what)) < 0)
		goto out;
	if (k > 0) {
		cs_fail(CS_EBUSY, "%s: an unfinished change by %s: the stores are "
		    "not whole; cs check --repair rolls it back, then verify", dir,
		    who);
		goto out;
	}
	if (cs_zone_use(dir) < 0 || (n = cs_verify_dir(dir, stdout)) < 0 ||
	    (v = cs_kpi_verify(c->ds, stdout)) < 0 || cs_close_stdout() < 0)
		goto out;
	ret = n + v ? CS_NO : 0;
out:
	cs_lock_unshare(c->ds);
	cs_buf_free(&what);
	return ret;
}

/* cs notify: the outbox sent (cli/notify.c) */
static int
verb_notify(struct cs_cmd *c)
{
	if (c->argc != 0)
		cs_usage_error("missing or extra arguments");
	return cs_notify(c->ds, c->o, &notify);
}

static const struct cs_prog prog;

/* cs X ...: cs-X ..., with -D and -q passed on: cs -D d customer list
 * runs cs-customer -D d list.  cs help is cs --help. */
static int
other(struct cs_opts *o, int argc, char **argv, void *ctx)
{
	char **v;
	int n = 1;

	(void)ctx;
	if (strcmp(argv[0], "help") == 0) {
		cs_prog_usage(stdout, &prog);
		cs_exit(0);
	}
	v = cs_xmalloc((size_t)(argc + 4) * sizeof *v);
	v[0] = argv[0];
	if (o->dir) {
		v[n++] = "-D";
		v[n++] = (char *)o->dir;
	}
	if (o->quiet)
		v[n++] = "-q";
	memcpy(v + n, argv + 1, (size_t)argc * sizeof *v);
	run_program(v[0], v);
	return -1;
}

static const struct cs_verb verbs[] = {
	{ "init", verb_init, CS_NO_DATA, "[-D dir] init [dir]" },
	{ "check", verb_check, CS_WRITES | CS_NO_DATA,
	  "[-D dir] check [--repair] [--wait seconds]" },
	{ "verify", verb_verify, 0, "[-D dir] verify [--wait seconds]" },
	{ "notify", verb_notify, CS_WRITES, "[-D dir] [-o format] notify "
	  "[--dry-run] [--resend id] [--wait seconds]" },
	{ NULL, NULL, 0, NULL },
};

static const struct option longopts[] = {
	{ "dry-run", no_argument, NULL, 'n' },
	{ "repair", no_argument, NULL, 'r' },
	{ "resend", required_argument, NULL, 's' },
	{ NULL, 0, NULL, 0 },
};

static int
option(int c, const char *arg, struct cs_opts *o, void *ctx)
{
	(void)o, (void)ctx;
	if (c == 'r')
		repair = 1;
	if (c == 'n')
		notify.dry_run = 1;
	if (c == 's')
		notify.resend = arg;
	return 0;
}

static const struct cs_prog prog = {
	"cs", verbs, "", longopts, option, other,
	/* TRANSLATORS: the first three lines are syntax, read by cs(7)'s
	 * SYNOPSIS test and the bash completion: keep them as they are. */
	N_("       cs [-D dir] [-q] program [arguments ...]\n"
	"\n"
	"programs: staff customer ticket order complain audit kpi\n"
	"Each has its manual page: man cs-customer, ...; overview: man 7 cs\n"),
};

int
main(int argc, char **argv)
{
	return cs_main(&prog, argc, argv, NULL);
}
