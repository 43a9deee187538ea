/*
 * file.c: the files and directories of the data directory, opened as
 * cs-store(5) promises: never through a symbolic link, never a FIFO or a
 * device, a written file with one name only; a directory's entries
 * listed with every failure but ENOENT an error.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/base.h"

int
cs_open_regular(const char *path, int flags, mode_t mode)
{
	return cs_openat_regular(AT_FDCWD, path, path, flags, mode);
}

int
cs_openat_regular(int dirfd, const char *name, const char *path, int flags,
    mode_t mode)
{
	struct stat st;
	int fd, e;

	fd = openat(dirfd, name, flags | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, mode);
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
	/* a file opened to be written has one name: a hard link planted
	 * there would be written through */
	if ((flags & O_ACCMODE) != O_RDONLY && st.st_nlink != 1) {
		close(fd);
		cs_fail(CS_EPERM, "%s: has %ld names (hard links): refused", path,
		    (long)st.st_nlink);
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

void
cs_strv_free(char **v)
{
	char **p;

	if (v == NULL)
		return;
	for (p = v; *p; p++)
		free(*p);
	free(v);
}

int
cs_by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The entries of dir that pass ok() (csv: only NAME.csv, given without
 * ".csv"), sorted by cmp.  A directory that does not exist (ENOENT) has
 * none; any other failure (EACCES, EMFILE, ENOTDIR, EIO ...) is an error:
 * NULL, with the step and the directory.
 */
char **
cs_dir_entries(const char *dir, int csv, int (*ok)(const char *, const char *),
    const char *arg, int (*cmp)(const void *, const void *))
{
	char **v;
	struct dirent *de;
	size_t n = 0, len;
	DIR *d = opendir(dir);

	if (d == NULL) {
		if (errno != ENOENT) {
			cs_fail_errno("opendir", dir);
			return NULL;
		}
		v = cs_xmalloc(sizeof *v);
		v[0] = NULL;
		return v;
	}
	v = cs_xmalloc(sizeof *v);
	for (;;) {
		errno = 0;
		if ((de = readdir(d)) == NULL)
			break;
		len = strlen(de->d_name);
		if (csv) {
			if (len < 5 || strcmp(de->d_name + len - 4, ".csv") != 0)
				continue;
			de->d_name[len - 4] = '\0';
		}
		if (!ok(de->d_name, arg))
			continue;
		v = cs_xrealloc(v, (n + 2) * sizeof *v);
		v[n++] = cs_xstrdup(de->d_name);
	}
	v[n] = NULL;
	if (errno != 0) {
		cs_fail_errno("readdir", dir);
		closedir(d);
		cs_strv_free(v);
		return NULL;
	}
	closedir(d);
	if (n > 1)
		qsort(v, n, sizeof *v, cmp);
	return v;
}

static int
any_name(const char *name, const char *unused)
{
	(void)unused;
	return name[0] != '.';
}

/* The names of the .csv files in dir, without ".csv", sorted; NULL on an
 * error (an absent dir has none). */
char **
cs_dir_csv(const char *dir)
{
	return cs_dir_entries(dir, 1, any_name, NULL, cs_by_name);
}


FILE *
cs_spill_open(const char *prefix, char *path, size_t size, const char **step)
{
	const char *dir;
	FILE *fp;
	int fd, err;

	if ((dir = secure_getenv("TMPDIR")) == NULL || *dir == '\0')
		dir = "/tmp";
	snprintf(path, size, "%s/%s.XXXXXX", dir, prefix);
	if ((fd = mkstemp(path)) < 0) {
		*step = "mkstemp";
		return NULL;
	}
	(void)unlink(path);
	if ((fp = fdopen(fd, "w+")) == NULL) {
		err = errno;
		close(fd);
		errno = err;
		*step = "fdopen";
	}
	return fp;
}
