/*
 * store.c: appending to and rewriting stores, as cs-store(5) promises.
 *
 * The caller holds the lock (lock.c).
 *
 * Append: open with O_APPEND, cut a torn tail (a last line without its
 * newline, left by a crash) back to the last newline, write the records
 * in one write(2), fdatasync, and only then report success.  On any
 * error the file is truncated back to where it was.
 *
 * Rewrite: write a temporary file beside the store, fsync it, rename it
 * over the store, fsync the directory.  Readers see the old file or the
 * new one.  A failed fsync is an error, never retried into a success.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cs.h"

char *
cs_month_rel(const char *dir, cs_time t)
{
	struct cs_buf b = { 0 };
	char d[16];

	cs_date_format(t, d);
	cs_buf_addf(&b, "%s/%.7s.csv", dir, d);
	return b.s;
}

int
cs_open_regular(const char *path, int flags, mode_t mode)
{
	struct stat st;
	int fd, e;

	fd = open(path, flags | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, mode);
	if (fd < 0) {
		e = errno;
		if (e == ELOOP || e == ENXIO || e == EISDIR) {
			cs_fail(CS_EPERM, "%s: %s: refused (a store is a regular "
			    "file)", path, e == ELOOP ? "a symbolic link" :
			    e == EISDIR ? "a directory" : "not a regular file");
		} else
			cs_fail_errno("open", path);
		errno = e;
		return -1;
	}
	if (fstat(fd, &st) < 0) {
		e = errno;
		close(fd);
		errno = e;
		return cs_fail_errno("stat", path);
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		cs_fail(CS_EPERM, "%s: %s: refused (a store is a regular file)",
		    path, S_ISFIFO(st.st_mode) ? "a FIFO" : S_ISDIR(st.st_mode) ?
		    "a directory" : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ?
		    "a device" : "not a regular file");
		errno = EPERM;
		return -1;
	}
	if (!(flags & O_NONBLOCK) &&
	    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) < 0) {
		e = errno;
		close(fd);
		errno = e;
		return cs_fail_errno("fcntl", path);
	}
	return fd;
}

static int
fsync_dir(const char *path)
{
	char *copy = cs_xstrdup(path);
	const char *dir = dirname(copy);
	int fd, r = 0;

	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || fsync(fd) < 0)
		r = cs_fail_errno("fsync directory", dir);
	if (fd >= 0)
		close(fd);
	free(copy);
	return r;
}

/* Make the directories of path that are missing (DATA/tickets/2026-11),
 * each made durable in its parent. */
static int
make_parent(const char *path)
{
	char *copy = cs_xstrdup(path);
	const char *dir = dirname(copy);
	int r = 0;

	if (mkdir(dir, 0770) == 0)
		r = fsync_dir(dir);
	else if (errno == ENOENT) {
		if ((r = make_parent(dir)) == 0) {
			if (mkdir(dir, 0770) == 0 || errno == EEXIST)
				r = fsync_dir(dir);
			else
				r = cs_fail_errno("mkdir", dir);
		}
	} else if (errno != EEXIST)
		r = cs_fail_errno("mkdir", dir);
	free(copy);
	return r;
}

static int
write_all(int fd, const char *p, size_t n, const char *path)
{
	ssize_t k;

	while (n > 0) {
		k = write(fd, p, n);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			return cs_fail_errno("write", path);
		}
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

/* Size of the file without a torn last line. */
static int
complete_size(int fd, off_t size, off_t *out, const char *path)
{
	char buf[4096];
	off_t pos = size;
	ssize_t k, i;

	while (pos > 0) {
		off_t start = pos > (off_t)sizeof buf ? pos - (off_t)sizeof buf : 0;
		k = pread(fd, buf, (size_t)(pos - start), start);
		if (k < 0)
			return cs_fail_errno("read", path);
		for (i = k - 1; i >= 0; i--)
			if (buf[i] == '\n') {
				*out = start + i + 1;
				return 0;
			}
		pos = start;
	}
	*out = 0;
	return 0;
}

/* Cut back after a failed append; the first error is the one to report. */
static void
undo(int fd, off_t size)
{
	if (ftruncate(fd, size) < 0)
		return;
}

int
cs_store_append(struct cs_ds *ds, const char *rel, const char *header,
    const char *data, size_t len, off_t *oldsize)
{
	char *path = cs_ds_path(ds, rel);
	struct cs_buf b = { 0 };
	struct stat st;
	off_t good;
	int fd = -1, ret = -1, created = 0;

	if (make_parent(path) < 0)
		goto out;
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0660);
	if (fd >= 0)
		created = 1;
	else if (errno == EEXIST)
		fd = open(path, O_RDWR | O_APPEND | O_CLOEXEC);
	if (fd < 0) {
		cs_fail_errno("open", path);
		goto out;
	}
	if (fstat(fd, &st) < 0) {
		cs_fail_errno("stat", path);
		goto out;
	}
	if (complete_size(fd, st.st_size, &good, path) < 0)
		goto out;
	if (good != st.st_size && ftruncate(fd, good) < 0) {
		cs_fail_errno("truncate torn tail of", path);
		goto out;
	}
	*oldsize = good;
	if (good == 0 && header)
		cs_buf_adds(&b, header);
	cs_buf_add(&b, data, len);
	if (write_all(fd, b.s, b.len, path) < 0) {
		undo(fd, good);
		goto out;
	}
	if (fdatasync(fd) < 0) {
		cs_fail_errno("fdatasync", path);
		undo(fd, good);
		goto out;
	}
	if (created && fsync_dir(path) < 0)
		goto out;
	ret = 0;
out:
	if (fd >= 0)
		close(fd);
	cs_buf_free(&b);
	free(path);
	return ret;
}

int
cs_store_truncate(struct cs_ds *ds, const char *rel, off_t size)
{
	char *path = cs_ds_path(ds, rel);
	int r = 0;

	if (truncate(path, size) < 0)
		r = cs_fail_errno("truncate", path);
	free(path);
	return r;
}

/* Write the temporary beside path, fsync, rename, fsync the directory. */
static int
replace_file(const char *path, const char *const *parts, const size_t *lens,
    size_t nparts)
{
	struct cs_buf tmp = { 0 };
	size_t i;
	int fd, r = -1;

	cs_buf_addf(&tmp, "%s.tmp", path);
	fd = open(tmp.s, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0660);
	if (fd < 0) {
		cs_fail_errno("create", tmp.s);
		goto out;
	}
	for (i = 0; i < nparts; i++)
		if (write_all(fd, parts[i], lens[i], tmp.s) < 0)
			goto out;
	if (fsync(fd) < 0) {
		cs_fail_errno("fsync", tmp.s);
		goto out;
	}
	if (close(fd) < 0) {
		fd = -1;
		cs_fail_errno("close", tmp.s);
		goto out;
	}
	fd = -1;
	if (rename(tmp.s, path) < 0) {
		cs_fail_errno("rename", tmp.s);
		goto out;
	}
	r = fsync_dir(path);
out:
	if (fd >= 0)
		close(fd);
	if (r < 0)
		unlink(tmp.s);
	cs_buf_free(&tmp);
	return r;
}

int
cs_store_rewrite(struct cs_ds *ds, const char *rel, const char *data, size_t len)
{
	char *path = cs_ds_path(ds, rel);
	const char *parts[1] = { data };
	int r;

	r = make_parent(path);
	if (r == 0)
		r = replace_file(path, parts, &len, 1);
	free(path);
	return r;
}

/* A store mapped into memory, up to its last complete line. */
struct mapped {
	char *p;
	size_t size;		/* of the mapping */
	size_t len;		/* complete lines */
};

static int
map_store(const char *path, struct mapped *m)
{
	struct stat st;
	int fd;

	memset(m, 0, sizeof *m);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : cs_fail_errno("open", path);
	if (fstat(fd, &st) < 0) {
		close(fd);
		return cs_fail_errno("stat", path);
	}
	if (st.st_size > 0) {
		m->p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fd, 0);
		if (m->p == MAP_FAILED) {
			m->p = NULL;
			close(fd);
			return cs_fail_errno("mmap", path);
		}
		m->size = (size_t)st.st_size;
		for (m->len = m->size; m->len > 0 && m->p[m->len - 1] != '\n';)
			m->len--;
	}
	close(fd);
	return 0;
}

static void
unmap_store(struct mapped *m)
{
	if (m->p)
		munmap(m->p, m->size);
	m->p = NULL;
}

/* Split the line at [s, e) of a store into row, escapes undone. */
static int
parse_line(const char *path, const char *s, const char *e, struct cs_row *row,
    int unesc)
{
	const char *why;
	size_t i;

	if (cs_split_line(s, (size_t)(e - s), row, &why) < 0)
		return cs_fail(CS_EDATA, "%s: %s", path, why);
	for (i = 0; unesc && i < row->n; i++)
		if (cs_unescape(row->buf + row->off[i], &why) < 0)
			return cs_fail(CS_EDATA, "%s: %s", path, why);
	return 0;
}

/* A store not sorted by id (staff: login names): line by line. */
static int
find_linear(const char *path, const char *id, int col, const char *lo,
    const char *hi, struct cs_row *row, const char **ls, const char **le)
{
	const char *e;

	for (; lo < hi; lo = e + 1) {
		e = memchr(lo, '\n', (size_t)(hi - lo));
		if (parse_line(path, lo, e, row, 0) < 0)
			return -1;
		if (strcmp(cs_row_get(row, (size_t)col), id) == 0) {
			*ls = lo, *le = e;
			return 1;
		}
	}
	return 0;
}

int
cs_store_find(const char *path, const char *id, int sorted, struct cs_row *hdr,
    struct cs_row *row, off_t *start, off_t *end)
{
	struct mapped m;
	const char *p, *lo, *hi, *ls, *le, *nl;
	int col, c, ret = 0;

	if (map_store(path, &m) < 0)
		return -1;
	if (m.len == 0)
		goto out;
	p = m.p;
	nl = memchr(p, '\n', m.len);
	if ((ret = parse_line(path, p, nl, hdr, 1)) < 0)
		goto out;
	if ((col = cs_row_find(hdr, "id")) < 0) {
		ret = cs_fail(CS_EDATA, "%s:1: no 'id' column", path);
		goto out;
	}
	lo = nl + 1, hi = p + m.len;
	if (!sorted) {
		ret = find_linear(path, id, col, lo, hi, row, &ls, &le);
		if (ret == 1) {
			ret = parse_line(path, ls, le, row, 1) < 0 ? -1 : 1;
			*start = ls - p;
			*end = le + 1 - p;
		}
		goto out;
	}
	while (lo < hi) {
		const char *mid = lo + (hi - lo) / 2;
		for (ls = mid; ls > lo && ls[-1] != '\n'; ls--)
			;
		le = memchr(ls, '\n', (size_t)(hi - ls));
		if ((ret = parse_line(path, ls, le, row, 0)) < 0)
			goto out;
		c = cs_id_cmp(id, cs_row_get(row, (size_t)col));
		if (c == 0) {
			ret = parse_line(path, ls, le, row, 1) < 0 ? -1 : 1;
			*start = ls - p;
			*end = le + 1 - p;
			goto out;
		}
		if (c < 0)
			hi = ls;
		else
			lo = le + 1;
	}
	cs_row_clear(row);
out:
	unmap_store(&m);
	return ret;
}

int
cs_store_replace(struct cs_ds *ds, const char *rel, off_t start, off_t end,
    const char *line, size_t len)
{
	char *path = cs_ds_path(ds, rel);
	struct mapped m;
	const char *parts[3];
	size_t lens[3];
	int r = -1;

	if (map_store(path, &m) < 0)
		goto out;
	if ((size_t)end > m.len || start > end) {
		cs_fail(CS_EIO, "%s changed under the lock", path);
		goto out;
	}
	parts[0] = m.p, lens[0] = (size_t)start;
	parts[1] = line, lens[1] = len;
	parts[2] = m.p + end, lens[2] = m.len - (size_t)end;
	r = replace_file(path, parts, lens, 3);
out:
	unmap_store(&m);
	free(path);
	return r;
}

/* The value of column col in the last complete record; NULL if none. */
int
cs_store_last(struct cs_ds *ds, const char *rel, const char *col, char **value)
{
	char *path = cs_ds_path(ds, rel);
	struct cs_row hdr = { 0 }, row = { 0 };
	struct mapped m;
	const char *nl, *ls;
	int c, r = -1;

	*value = NULL;
	if (map_store(path, &m) < 0)
		goto out;
	r = 0;
	if (m.len == 0)
		goto out;
	nl = memchr(m.p, '\n', m.len);
	if ((size_t)(nl + 1 - m.p) == m.len)
		goto out;	/* only the header */
	if ((r = parse_line(path, m.p, nl, &hdr, 1)) < 0)
		goto out;
	if ((c = cs_row_find(&hdr, col)) < 0) {
		r = cs_fail(CS_EDATA, "%s:1: no '%s' column", path, col);
		goto out;
	}
	for (ls = m.p + m.len - 1; ls > m.p && ls[-1] != '\n'; ls--)
		;
	if ((r = parse_line(path, ls, m.p + m.len - 1, &row, 1)) < 0)
		goto out;
	*value = cs_xstrdup(cs_row_get(&row, (size_t)c));
out:
	unmap_store(&m);
	cs_row_free(&hdr);
	cs_row_free(&row);
	free(path);
	return r;
}
