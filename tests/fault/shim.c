/*
 * shim.c: an LD_PRELOAD library that fails the Nth call of one operation,
 * in the spirit of SQLite's test_malloc.c and its I/O-error loops.
 *
 *   CS_FAULT=OP:N[:ERRNO|KILL]  LD_PRELOAD=build/tests/fault.so  cs-...
 *
 * OP is one of write (write, pwrite, writev), fsync, fdatasync, rename
 * (rename, renameat), link (link, linkat), unlink (unlink, unlinkat),
 * ftruncate, open (open, open64, openat, openat64, their _FORTIFY_SOURCE
 * forms, fopen, fopen64), opendir, mkdir (mkdir, mkdirat), close, malloc
 * (malloc, calloc, realloc), or any: every one of these counted together,
 * so N walks across the whole run.  The names of the single forms (pwrite,
 * renameat, ...) are taken too, and count their whole class.  Calls are counted from 1, and only once
 * the shim's constructor has run (the dynamic loader's own work is not
 * counted), and never the shim's own calls.
 *
 * At the Nth call the operation is not performed and fails with ERRNO (a
 * name such as EIO, ENOSPC, ENOMEM, EMFILE, or a number); the default is
 * EIO, and ENOMEM for a malloc.  A failed close still closes the
 * descriptor, as Linux does.  KILL instead raises SIGKILL at that call: a
 * crash exactly there.  Either way, when the Nth call happens the line
 * "OP N" is appended to $CS_FAULT_LOG if it is set, so that a loop knows
 * the fault fired; a run in which it did not fire means N is past the last
 * call of OP.  CS_FAULT=OP:0 fails nothing and, at exit, appends "count OP
 * TOTAL" to $CS_FAULT_LOG.
 *
 * The real functions are found with dlsym(RTLD_NEXT, ...).  dlsym itself
 * may allocate (its error buffer) while malloc is being resolved; those
 * allocations are served from a small static arena and never freed.
 */
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

enum op {
	OP_WRITE, OP_PWRITE, OP_FSYNC, OP_FDATASYNC, OP_RENAME, OP_RENAMEAT,
	OP_LINK, OP_LINKAT, OP_UNLINK, OP_UNLINKAT, OP_FTRUNCATE, OP_OPEN,
	OP_OPENDIR, OP_MKDIR, OP_MKDIRAT, OP_CLOSE, OP_MALLOC, OP_ANY, OP_NONE
};

static const char *const op_names[] = {
	"write", "pwrite", "fsync", "fdatasync", "rename", "renameat", "link",
	"linkat", "unlink", "unlinkat", "ftruncate", "open", "opendir",
	"mkdir", "mkdirat", "close", "malloc", "any"
};

static const struct {
	const char *name;
	int value;
} errnos[] = {
	{ "EIO", EIO }, { "ENOSPC", ENOSPC }, { "ENOMEM", ENOMEM },
	{ "EMFILE", EMFILE }, { "ENFILE", ENFILE }, { "EACCES", EACCES },
	{ "EPERM", EPERM }, { "EROFS", EROFS }, { "EDQUOT", EDQUOT },
	{ "EINTR", EINTR }, { "EAGAIN", EAGAIN }, { "EEXIST", EEXIST },
	{ "ENOENT", ENOENT }, { "EBADF", EBADF }, { "EFBIG", EFBIG },
	{ "EXDEV", EXDEV }, { "ENOTDIR", ENOTDIR }, { "EISDIR", EISDIR },
	{ "ELOOP", ELOOP }, { "ENAMETOOLONG", ENAMETOOLONG },
	{ "ENOTEMPTY", ENOTEMPTY }, { "EBUSY", EBUSY }, { "ETXTBSY", ETXTBSY },
};

static enum op target = OP_NONE;
static unsigned long nth;		/* 0: only count */
static int fail_errno;			/* 0: the default for the operation */
static int kill_at;
static int ready;			/* the constructor has run */
static unsigned long calls;
static __thread int inside
    __attribute__((tls_model("initial-exec")));	/* the shim's own calls */

static ssize_t (*real_write)(int, const void *, size_t);
static ssize_t (*real_pwrite)(int, const void *, size_t, off_t);
static ssize_t (*real_writev)(int, const struct iovec *, int);
static int (*real_fsync)(int);
static int (*real_fdatasync)(int);
static int (*real_rename)(const char *, const char *);
static int (*real_renameat)(int, const char *, int, const char *);
static int (*real_link)(const char *, const char *);
static int (*real_linkat)(int, const char *, int, const char *, int);
static int (*real_unlink)(const char *);
static int (*real_unlinkat)(int, const char *, int);
static int (*real_ftruncate)(int, off_t);
static int (*real_open)(const char *, int, ...);
static int (*real_open64)(const char *, int, ...);
static int (*real_openat)(int, const char *, int, ...);
static int (*real_openat64)(int, const char *, int, ...);
static int (*real___open_2)(const char *, int);
static int (*real___open64_2)(const char *, int);
static int (*real___openat_2)(int, const char *, int);
static FILE *(*real_fopen)(const char *, const char *);
static FILE *(*real_fopen64)(const char *, const char *);
static DIR *(*real_opendir)(const char *);
static int (*real_mkdir)(const char *, mode_t);
static int (*real_mkdirat)(int, const char *, mode_t);
static int (*real_close)(int);
static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static void (*real_free)(void *);

/* The bootstrap arena, for what dlsym allocates while malloc is resolved. */
static _Alignas(max_align_t) unsigned char arena[16384];
static size_t arena_used;
static int resolving;

static int
in_arena(const void *p)
{
	return (const unsigned char *)p >= arena &&
	    (const unsigned char *)p < arena + sizeof arena;
}

static void *
arena_alloc(size_t n)
{
	size_t a = _Alignof(max_align_t);
	size_t off = (arena_used + a - 1) / a * a;
	size_t *h;

	if (n > sizeof arena || off + sizeof(max_align_t) + n > sizeof arena)
		return NULL;
	h = (size_t *)(void *)(arena + off);
	*h = n;
	arena_used = off + sizeof(max_align_t) + n;
	return arena + off + sizeof(max_align_t);
}

static size_t
arena_size(const void *p)
{
	return *(const size_t *)(const void *)((const unsigned char *)p -
	    sizeof(max_align_t));
}

static void *
sym(const char *name)
{
	void *p;

	resolving++;
	inside++;
	p = dlsym(RTLD_NEXT, name);
	inside--;
	resolving--;
	return p;
}

#define RESOLVE(f) do { \
	if (!real_##f) \
		*(void **)&real_##f = sym(#f); \
} while (0)

static void
resolve_malloc(void)
{
	RESOLVE(malloc);
	RESOLVE(calloc);
	RESOLVE(realloc);
	RESOLVE(free);
}

static void
resolve_all(void)
{
	resolve_malloc();
	RESOLVE(write);
	RESOLVE(pwrite);
	RESOLVE(writev);
	RESOLVE(fsync);
	RESOLVE(fdatasync);
	RESOLVE(rename);
	RESOLVE(renameat);
	RESOLVE(link);
	RESOLVE(linkat);
	RESOLVE(unlink);
	RESOLVE(unlinkat);
	RESOLVE(ftruncate);
	RESOLVE(open);
	RESOLVE(open64);
	RESOLVE(openat);
	RESOLVE(openat64);
	RESOLVE(__open_2);
	RESOLVE(__open64_2);
	RESOLVE(__openat_2);
	RESOLVE(fopen);
	RESOLVE(fopen64);
	RESOLVE(opendir);
	RESOLVE(mkdir);
	RESOLVE(mkdirat);
	RESOLVE(close);
}

/* Append one line to $CS_FAULT_LOG with the real functions. */
static void
log_line(const char *line)
{
	const char *path = getenv("CS_FAULT_LOG");
	int fd;

	if (!path || !*path || !real_open || !real_write || !real_close)
		return;
	fd = real_open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0)
		return;
	(void)real_write(fd, line, strlen(line));
	real_close(fd);
}

/* The class an operation is counted in: "write" is every write, pwrite
 * and writev; "rename" rename and renameat; and so on, so that a loop
 * over the classes misses no call, whichever form the program uses. */
static enum op
op_class(enum op op)
{
	switch (op) {
	case OP_PWRITE: return OP_WRITE;
	case OP_RENAMEAT: return OP_RENAME;
	case OP_LINKAT: return OP_LINK;
	case OP_UNLINKAT: return OP_UNLINK;
	case OP_MKDIRAT: return OP_MKDIR;
	default: return op;
	}
}

/*
 * Count one call of op; return 0 to perform it, or -1 with errno set to
 * fail it.  At the Nth call, log it, and die if asked to.
 */
static int
fault(enum op op)
{
	char line[64];
	unsigned long k;

	if (!ready || inside || nth == 0 ||
	    (target != OP_ANY && op_class(target) != op_class(op)))
		return 0;
	k = __atomic_add_fetch(&calls, 1, __ATOMIC_SEQ_CST);
	if (k != nth)
		return 0;
	inside++;
	snprintf(line, sizeof line, "%s %lu\n", op_names[target], k);
	log_line(line);
	if (kill_at)
		raise(SIGKILL);
	inside--;
	errno = fail_errno ? fail_errno : op == OP_MALLOC ? ENOMEM : EIO;
	return -1;
}

/* In count-only mode (N = 0), count every call of the target. */
static void
tally(enum op op)
{
	if (ready && !inside && nth == 0 &&
	    (target == OP_ANY || op_class(target) == op_class(op)))
		__atomic_add_fetch(&calls, 1, __ATOMIC_SEQ_CST);
}

#define CHECK(op, failed) do { \
	tally(op); \
	if (fault(op) < 0) \
		return failed; \
} while (0)

static int
parse_errno(const char *s)
{
	size_t i;
	char *end;
	long v;

	for (i = 0; i < sizeof errnos / sizeof errnos[0]; i++)
		if (strcmp(s, errnos[i].name) == 0)
			return errnos[i].value;
	v = strtol(s, &end, 10);
	return *s && !*end && v > 0 && v < 4096 ? (int)v : -1;
}

static void
bad_spec(const char *spec)
{
	char line[256];

	snprintf(line, sizeof line, "fault.so: CS_FAULT=%s: want "
	    "OP:N[:ERRNO|KILL]\n", spec);
	if (real_write)
		real_write(2, line, strlen(line));
	_exit(64);
}

static void
report_count(void)
{
	char line[64];

	if (target == OP_NONE || nth != 0)
		return;
	inside++;
	snprintf(line, sizeof line, "count %s %lu\n", op_names[target],
	    __atomic_load_n(&calls, __ATOMIC_SEQ_CST));
	log_line(line);
	inside--;
}

__attribute__((constructor)) static void
shim_init(void)
{
	const char *spec = getenv("CS_FAULT");
	char buf[128], *name, *num, *how, *end;
	size_t i;

	resolve_all();
	if (!spec || !*spec)
		return;
	if (strlen(spec) >= sizeof buf)
		bad_spec(spec);
	strcpy(buf, spec);
	name = buf;
	if (!(num = strchr(name, ':')))
		bad_spec(spec);
	*num++ = '\0';
	if ((how = strchr(num, ':')))
		*how++ = '\0';
	for (i = 0; i < sizeof op_names / sizeof op_names[0]; i++)
		if (strcmp(name, op_names[i]) == 0)
			target = (enum op)i;
	if (target == OP_NONE)
		bad_spec(spec);
	errno = 0;
	nth = strtoul(num, &end, 10);
	if (!*num || *end || errno)
		bad_spec(spec);
	if (how && strcmp(how, "KILL") == 0)
		kill_at = 1;
	else if (how && (fail_errno = parse_errno(how)) < 0)
		bad_spec(spec);
	if (nth == 0)
		atexit(report_count);
	ready = 1;
}

void *
malloc(size_t n)
{
	if (!real_malloc) {
		if (resolving)
			return arena_alloc(n);
		resolve_malloc();
	}
	CHECK(OP_MALLOC, NULL);
	return real_malloc(n);
}

void *
calloc(size_t k, size_t n)
{
	void *p;

	if (!real_calloc) {
		if (resolving) {
			if (n && k > SIZE_MAX / n)
				return NULL;
			p = arena_alloc(k * n);	/* static: zeroed already */
			return p;
		}
		resolve_malloc();
	}
	CHECK(OP_MALLOC, NULL);
	return real_calloc(k, n);
}

void *
realloc(void *p, size_t n)
{
	void *q;
	size_t old;

	if (p && in_arena(p)) {
		/* rare: move out of the arena */
		old = arena_size(p);
		q = malloc(n);
		if (q)
			memcpy(q, p, old < n ? old : n);
		return q;
	}
	if (!real_realloc) {
		if (resolving && !p)
			return arena_alloc(n);
		resolve_malloc();
	}
	CHECK(OP_MALLOC, NULL);
	return real_realloc(p, n);
}

void
free(void *p)
{
	if (!p || in_arena(p))
		return;
	if (!real_free)
		resolve_malloc();
	real_free(p);
}

ssize_t
write(int fd, const void *p, size_t n)
{
	RESOLVE(write);
	CHECK(OP_WRITE, -1);
	return real_write(fd, p, n);
}

ssize_t
writev(int fd, const struct iovec *iov, int n)
{
	RESOLVE(writev);
	CHECK(OP_WRITE, -1);
	return real_writev(fd, iov, n);
}

ssize_t
pwrite(int fd, const void *p, size_t n, off_t off)
{
	RESOLVE(pwrite);
	CHECK(OP_PWRITE, -1);
	return real_pwrite(fd, p, n, off);
}

int
fsync(int fd)
{
	RESOLVE(fsync);
	CHECK(OP_FSYNC, -1);
	return real_fsync(fd);
}

int
fdatasync(int fd)
{
	RESOLVE(fdatasync);
	CHECK(OP_FDATASYNC, -1);
	return real_fdatasync(fd);
}

int
rename(const char *from, const char *to)
{
	RESOLVE(rename);
	CHECK(OP_RENAME, -1);
	return real_rename(from, to);
}

int
renameat(int fromdir, const char *from, int todir, const char *to)
{
	RESOLVE(renameat);
	CHECK(OP_RENAMEAT, -1);
	return real_renameat(fromdir, from, todir, to);
}

int
link(const char *from, const char *to)
{
	RESOLVE(link);
	CHECK(OP_LINK, -1);
	return real_link(from, to);
}

int
linkat(int fromdir, const char *from, int todir, const char *to, int flags)
{
	RESOLVE(linkat);
	CHECK(OP_LINKAT, -1);
	return real_linkat(fromdir, from, todir, to, flags);
}

int
unlink(const char *path)
{
	RESOLVE(unlink);
	CHECK(OP_UNLINK, -1);
	return real_unlink(path);
}

int
unlinkat(int dir, const char *path, int flags)
{
	RESOLVE(unlinkat);
	CHECK(OP_UNLINKAT, -1);
	return real_unlinkat(dir, path, flags);
}

int
ftruncate(int fd, off_t size)
{
	RESOLVE(ftruncate);
	CHECK(OP_FTRUNCATE, -1);
	return real_ftruncate(fd, size);
}

/* The mode argument is there only when the flags create a file. */
static mode_t
open_mode(int flags, va_list ap)
{
	return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE ?
	    (mode_t)va_arg(ap, int) : 0;
}

int
open(const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = open_mode(flags, ap);
	va_end(ap);
	RESOLVE(open);
	CHECK(OP_OPEN, -1);
	return real_open(path, flags, mode);
}

int
open64(const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = open_mode(flags, ap);
	va_end(ap);
	RESOLVE(open64);
	CHECK(OP_OPEN, -1);
	return real_open64(path, flags, mode);
}

int
openat(int dir, const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = open_mode(flags, ap);
	va_end(ap);
	RESOLVE(openat);
	CHECK(OP_OPEN, -1);
	return real_openat(dir, path, flags, mode);
}

int
openat64(int dir, const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = open_mode(flags, ap);
	va_end(ap);
	RESOLVE(openat64);
	CHECK(OP_OPEN, -1);
	return real_openat64(dir, path, flags, mode);
}

/* What open and openat become under _FORTIFY_SOURCE (no O_CREAT mode). */
int __open_2(const char *, int);
int __open64_2(const char *, int);
int __openat_2(int, const char *, int);

int
__open_2(const char *path, int flags)
{
	RESOLVE(__open_2);
	CHECK(OP_OPEN, -1);
	return real___open_2(path, flags);
}

int
__open64_2(const char *path, int flags)
{
	RESOLVE(__open64_2);
	CHECK(OP_OPEN, -1);
	return real___open64_2(path, flags);
}

int
__openat_2(int dir, const char *path, int flags)
{
	RESOLVE(__openat_2);
	CHECK(OP_OPEN, -1);
	return real___openat_2(dir, path, flags);
}

FILE *
fopen(const char *path, const char *how)
{
	RESOLVE(fopen);
	CHECK(OP_OPEN, NULL);
	return real_fopen(path, how);
}

FILE *
fopen64(const char *path, const char *how)
{
	RESOLVE(fopen64);
	CHECK(OP_OPEN, NULL);
	return real_fopen64(path, how);
}

DIR *
opendir(const char *path)
{
	RESOLVE(opendir);
	CHECK(OP_OPENDIR, NULL);
	return real_opendir(path);
}

int
mkdir(const char *path, mode_t mode)
{
	RESOLVE(mkdir);
	CHECK(OP_MKDIR, -1);
	return real_mkdir(path, mode);
}

int
mkdirat(int dir, const char *path, mode_t mode)
{
	RESOLVE(mkdirat);
	CHECK(OP_MKDIRAT, -1);
	return real_mkdirat(dir, path, mode);
}

int
close(int fd)
{
	int r, e;

	RESOLVE(close);
	tally(OP_CLOSE);
	if (fault(OP_CLOSE) < 0) {
		e = errno;
		real_close(fd);
		errno = e;
		return -1;
	}
	r = real_close(fd);
	return r;
}
