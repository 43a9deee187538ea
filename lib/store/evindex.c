/*
 * evindex.c: an events store's index by id (record.h), so that one
 * record's events are read without reading the month.
 *
 * For the events stores of evindexed[] (order-events, complaint-events),
 * each month file DIR/M.csv begun since the index has DIR/index/M/, and
 * in it a file a group of ids, G.csv, G the id with its last three digits as "xxx"
 * (O-20261120-0xxx: a thousand orders of a day): a line "id,offset" for
 * each event of the group's ids in M.csv, the byte offset of its line,
 * in the order of the file.  An index line is appended in the commit of
 * its event (cs_record_add, cs_record_change), so the two are written or
 * rolled back together; a month file begun before the index (no
 * DIR/index/M) is read whole, as before.  A reader ignores an index line
 * still being written, and one whose event line is; an index line that
 * points elsewhere than at a line of its id is an error (cs check finds
 * every such one, by group, and any event the index lacks).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/record.h"

static const char *const evindexed[] = { "order-events", "complaint-events",
	NULL };

#define IDX_HEADER "id,offset\n"

int
cs_evindex_is(const char *dir)
{
	size_t i;

	for (i = 0; evindexed[i]; i++)
		if (strcmp(evindexed[i], dir) == 0)
			return 1;
	return 0;
}

/* The group of a dated id (X-YYYYMMDD-NNNN...) in g: 0, or -1 when id is
 * not one. */
static int
group_of(const char *id, char g[40])
{
	size_t n = strlen(id);

	if (n < 15 || n >= 40 || id[1] != '-' || id[10] != '-' ||
	    strspn(id + 2, "0123456789") != 8 || strspn(id + 11,
	    "0123456789") != n - 11)
		return -1;
	memcpy(g, id, n - 3);
	memcpy(g + n - 3, "xxx", 4);
	return 0;
}

/* "DIR/index/M" and, with a group, "DIR/index/M/G.csv". */
static char *
index_rel(const char *dir, const char *month, const char *group)
{
	struct cs_buf b = { 0 };

	cs_buf_addf(&b, "%s/index/%s", dir, month);
	if (group)
		cs_buf_addf(&b, "/%s.csv", group);
	return b.s;
}

/* 1 when DIR/index/M is there, 0 when absent, -1 an error. */
static int
month_indexed(const struct cs_ds *ds, const char *dir, const char *month)
{
	char *rel = index_rel(dir, month, NULL), *path = cs_ds_path(ds, rel);
	struct stat st;
	int k = 1;

	if (lstat(path, &st) < 0)
		k = errno == ENOENT ? 0 : cs_fail_errno("stat", rel);
	else if (!S_ISDIR(st.st_mode))
		k = cs_fail(CS_EPERM, "%s: not a directory", rel);
	free(rel);
	free(path);
	return k;
}

/* The month of "DIR/YYYY-MM.csv" in mo. */
static int
month_of(const char *evrel, char mo[8])
{
	const char *b = strrchr(evrel, '/');

	b = b ? b + 1 : evrel;
	if (strlen(b) != 11 || strcmp(b + 7, ".csv") != 0)
		return cs_fail(CS_EIO, "not an events month: '%s'", evrel);
	memcpy(mo, b, 7);
	mo[7] = '\0';
	return 0;
}

int
cs_evindex_line(struct cs_ds *ds, const char *dir, const char *evrel,
    const char *header, const char *id, char **irel, struct cs_buf *line)
{
	char *path, mo[8], g[40];
	struct stat st;
	long long off;
	int k;

	*irel = NULL;
	if (!cs_evindex_is(dir))
		return 0;
	if (month_of(evrel, mo) < 0)
		return -1;
	if (group_of(id, g) < 0)
		return cs_fail(CS_EDATA, "%s: not a dated id: '%s'", dir, id);
	path = cs_ds_path(ds, evrel);
	k = lstat(path, &st);
	free(path);
	if (k < 0 && errno != ENOENT)
		return cs_fail_errno("stat", evrel);
	if (k < 0 || st.st_size == 0)	/* begun now: indexed from the start */
		off = (long long)strlen(header);
	else if ((k = month_indexed(ds, dir, mo)) <= 0)
		return k;	/* begun before the index: read whole */
	else
		off = (long long)st.st_size;
	*irel = index_rel(dir, mo, g);
	cs_buf_reset(line);
	cs_buf_addf(line, "%s,%lld\n", id, off);
	return 0;
}

const char *
cs_evindex_header(void)
{
	return IDX_HEADER;
}

/* The whole of rel (a file of the data directory) in b: 1, 0 absent, -1. */
static int
slurp(const struct cs_ds *ds, const char *rel, struct cs_buf *b)
{
	char *path = cs_ds_path(ds, rel), chunk[65536];
	ssize_t n;
	int fd = cs_open_regular(path, O_RDONLY, 0), ret = 1;

	free(path);
	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	while ((n = read(fd, chunk, sizeof chunk)) > 0)
		cs_buf_add(b, chunk, (size_t)n);
	if (n < 0)
		ret = cs_fail_errno("read", rel);
	close(fd);
	return ret;
}

/* The line of fd at off (its bytes up to the line end) in b: 1, 0 when it
 * has no line end yet (a commit writing it) or off is past the end; -1
 * when off is not at the start of a line. */
static int
line_at(int fd, long long off, struct cs_buf *b, const char *rel)
{
	size_t want = 4096, have;
	ssize_t n;
	char *nl;

	for (;;) {
		cs_buf_reset(b);
		cs_buf_grow(b, want + 1);
		n = pread(fd, b->s, want + 1, (off_t)(off - 1));
		if (n < 0)
			return cs_fail_errno("read", rel);
		have = (size_t)n;
		if (have == 0)
			return 0;
		if (b->s[0] != '\n')
			return cs_fail(CS_EDATA, "%s: offset %lld is not the start of "
			    "a line (its index is wrong: cs check)", rel, off);
		if ((nl = memchr(b->s + 1, '\n', have - 1)) != NULL) {
			b->len = (size_t)(nl - b->s - 1);
			memmove(b->s, b->s + 1, b->len);
			b->s[b->len] = '\0';
			return 1;
		}
		if (have < want + 1 || want >= CS_RECORD_MAX)
			return 0;
		want *= 4;
	}
}

/* The header of the events file fd, split, in hdr. */
static int
read_header(int fd, struct cs_row *hdr, const char *rel)
{
	struct cs_buf b = { 0 };
	const char *why;
	ssize_t n;
	char *nl;
	int ret = -1;

	cs_buf_grow(&b, 4097);
	n = pread(fd, b.s, 4096, 0);
	if (n < 0)
		cs_fail_errno("read", rel);
	else if (n == 0 || (nl = memchr(b.s, '\n', (size_t)n)) == NULL)
		cs_fail(CS_EDATA, "%s:1: no header line", rel);
	else if (cs_split_line(b.s, (size_t)(nl - b.s), hdr, &why) < 0)
		cs_fail(CS_EDATA, "%s:1: %s", rel, why);
	else
		ret = 0;
	cs_buf_free(&b);
	return ret;
}

int
cs_evindex_lines(struct cs_ds *ds, const char *dir, const char *month,
    const char *id, int (*fn)(void *, const struct cs_row *,
    const struct cs_row *), void *ctx)
{
	struct cs_buf idx = { 0 }, line = { 0 }, evrel = { 0 };
	struct cs_row hdr = { 0 }, row = { 0 };
	char g[40], *irel = NULL, *path, *p, *end, *nl;
	size_t idn = strlen(id);
	long idcol = -1;
	int k, fd = -1, ret = -1;
	const char *why;

	if (!cs_evindex_is(dir) || group_of(id, g) < 0)
		return 0;
	if ((k = month_indexed(ds, dir, month)) <= 0)
		return k;
	irel = index_rel(dir, month, g);
	if ((k = slurp(ds, irel, &idx)) <= 0) {
		ret = k == 0 ? 1 : -1;	/* none of the group this month */
		goto out;
	}
	cs_buf_addf(&evrel, "%s/%s.csv", dir, month);
	end = idx.s + idx.len;
	p = memchr(idx.s, '\n', idx.len);
	for (p = p ? p + 1 : end; p < end; p = nl + 1) {
		long long off;
		char *e;
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			break;	/* an index line being written */
		if ((size_t)(nl - p) <= idn || memcmp(p, id, idn) || p[idn] != ',')
			continue;
		off = strtoll(p + idn + 1, &e, 10);
		if (e != nl || off <= 0)
			goto bad;
		if (fd < 0) {
			path = cs_ds_path(ds, evrel.s);
			fd = cs_open_regular(path, O_RDONLY, 0);
			free(path);
			if (fd < 0 || read_header(fd, &hdr, evrel.s) < 0)
				goto out;
			idcol = cs_row_find(&hdr, "id");
		}
		if ((k = line_at(fd, off, &line, evrel.s)) < 0)
			goto out;
		if (k == 0)
			continue;	/* its event being written */
		if (cs_split_line(line.s, line.len, &row, &why) < 0) {
			cs_fail(CS_EDATA, "%s: at %lld: %s", evrel.s, off, why);
			goto out;
		}
		if (idcol < 0 || (size_t)idcol >= row.n ||
		    strcmp(cs_row_get(&row, (size_t)idcol), id) != 0)
			goto bad;
		if (fn(ctx, &hdr, &row) < 0)
			goto out;
	}
	ret = 1;
	goto out;
bad:
	cs_fail(CS_EDATA, "%s: a line that is not an event of %s at its offset "
	    "(the index is wrong: cs check)", irel, id);
out:
	if (fd >= 0)
		close(fd);
	free(irel);
	cs_buf_free(&idx);
	cs_buf_free(&line);
	cs_buf_free(&evrel);
	cs_row_free(&hdr);
	cs_row_free(&row);
	return ret;
}

/* ---- cs check, and a month indexed whole ---- */

/* A digest of an (id, offset) pair: summed over a group, the same sum
 * from the events and from the index means the same pairs. */
static uint64_t
pair_hash(const char *id, size_t n, long long off)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)id[i]) * 1099511628211ULL;
	h ^= (uint64_t)off + 0x9e3779b97f4a7c15ULL;
	h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
	h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
	return h ^ (h >> 31);
}

struct tally {
	long n[2];		/* events, index lines */
	uint64_t sum[2];
	struct cs_buf pending;	/* build: lines not yet written */
};

static void
tally_free(void *p)
{
	struct tally *t = p;

	cs_buf_free(&t->pending);
	free(t);
}

static struct tally *
tally_of(struct cs_map *m, const char *g)
{
	int isnew;
	void **slot = cs_map_slot(m, g, &isnew);

	if (isnew) {
		*slot = cs_xmalloc(sizeof(struct tally));
		memset(*slot, 0, sizeof(struct tally));
	}
	return *slot;
}

/*
 * Each event line of DIR/M.csv, its id and offset, to fn: 0, or -1 (an
 * unreadable file; a line that cannot be split is the events check's to
 * report, and is skipped here).
 */
static int
each_event(const struct cs_ds *ds, const char *evrel,
    void (*fn)(void *, const char *, long long), void *ctx)
{
	char *path = cs_ds_path(ds, evrel), *line = NULL;
	struct cs_row hdr = { 0 }, row = { 0 };
	const char *why;
	long long off = 0;
	size_t cap = 0;
	ssize_t n;
	long idcol = -1;
	FILE *fp;
	int fd = cs_open_regular(path, O_RDONLY, 0);

	free(path);
	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	if ((fp = fdopen(fd, "r")) == NULL) {
		close(fd);
		return cs_fail_errno("fdopen", evrel);
	}
	while ((n = getline(&line, &cap, fp)) > 0) {
		long long at = off;
		off += n;
		if (line[n - 1] != '\n')
			break;	/* a line being written */
		if (cs_split_line(line, (size_t)n - 1, at ? &row : &hdr, &why) < 0)
			continue;
		if (at == 0) {
			idcol = cs_row_find(&hdr, "id");
			continue;
		}
		if (idcol >= 0 && (size_t)idcol < row.n)
			fn(ctx, cs_row_get(&row, (size_t)idcol), at);
	}
	n = ferror(fp);
	fclose(fp);
	free(line);
	cs_row_free(&hdr);
	cs_row_free(&row);
	return n ? cs_fail_errno("read", evrel) : 0;
}

static void
count_event(void *ctx, const char *id, long long off)
{
	struct tally *t;
	char g[40];

	if (group_of(id, g) < 0)
		return;		/* not a dated id: the events check says so */
	t = tally_of(ctx, g);
	t->n[0]++;
	t->sum[0] += pair_hash(id, strlen(id), off);
}

/* The index lines of group file rel (of group g) into its tally; the
 * problems of its lines reported.  0, or -1. */
static int
count_index(struct cs_ds *ds, const char *rel, const char *g, struct cs_map *m,
    void (*problem)(void *, const char *), void *pctx)
{
	struct cs_buf b = { 0 }, msg = { 0 };
	struct tally *t = tally_of(m, g);
	char *p, *end, *nl, *comma, *e, ig[40];
	long long off, last = 0;
	long line = 1;
	int k;

	if ((k = slurp(ds, rel, &b)) <= 0) {
		cs_buf_free(&b);
		return k;
	}
	end = b.s + b.len;
	if (b.len < strlen(IDX_HEADER) || memcmp(b.s, IDX_HEADER,
	    strlen(IDX_HEADER)) != 0) {
		cs_buf_addf(&msg, _("%s:1: not the header '%.*s'"), rel,
		    (int)strlen(IDX_HEADER) - 1, IDX_HEADER);
		problem(pctx, msg.s);
	}
	p = memchr(b.s, '\n', b.len);
	for (p = p ? p + 1 : end; p < end; p = nl + 1) {
		line++;
		cs_buf_reset(&msg);
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL) {
			cs_buf_addf(&msg, _("%s:%ld: the last line has no line end"),
			    rel, line);
			problem(pctx, msg.s);
			break;
		}
		*nl = '\0';
		comma = strchr(p, ',');
		off = comma ? strtoll(comma + 1, &e, 10) : 0;
		if (comma)
			*comma = '\0';
		if (!comma || *e || off <= last)
			cs_buf_addf(&msg, _("%s:%ld: field 'offset': not an offset "
			    "after the line before's"), rel, line);
		else if (group_of(p, ig) < 0 || strcmp(ig, g) != 0)
			cs_buf_addf(&msg, _("%s:%ld: field 'id': '%s' is not of the "
			    "group %s"), rel, line, p, g);
		if (msg.len) {
			problem(pctx, msg.s);
			continue;
		}
		last = off;
		t->n[1]++;
		t->sum[1] += pair_hash(p, strlen(p), off);
	}
	cs_buf_free(&b);
	cs_buf_free(&msg);
	return 0;
}

int
cs_evindex_check(struct cs_ds *ds, const char *dir, const char *month,
    void (*problem)(void *, const char *), void *pctx)
{
	struct cs_map m = { 0 };
	struct cs_buf evrel = { 0 }, rel = { 0 }, msg = { 0 };
	char *irel = index_rel(dir, month, NULL), *ipath, **names = NULL, **f;
	size_t i;
	int k, ret = -1;

	if (!cs_evindex_is(dir) || (k = month_indexed(ds, dir, month)) == 0) {
		ret = 0;
		goto out;
	}
	if (k < 0)
		goto out;
	cs_buf_addf(&evrel, "%s/%s.csv", dir, month);
	if (each_event(ds, evrel.s, count_event, &m) < 0)
		goto out;
	ipath = cs_ds_path(ds, irel);
	names = cs_dir_csv(ipath);
	free(ipath);
	if (names == NULL)
		goto out;
	for (f = names; *f; f++) {
		cs_buf_reset(&rel);
		cs_buf_addf(&rel, "%s/%s.csv", irel, *f);
		if (count_index(ds, rel.s, *f, &m, problem, pctx) < 0)
			goto out;
	}
	for (i = 0; i < m.cap; i++) {
		struct tally *t;
		if (m.keys[i] == NULL)
			continue;
		t = m.vals[i];
		if (t->n[0] == t->n[1] && t->sum[0] == t->sum[1])
			continue;
		cs_buf_reset(&msg);
		cs_buf_addf(&msg, _("%s/%s.csv: the index of %s does not match its "
		    "events (%ld lines for %ld events)"), irel, m.keys[i],
		    evrel.s, t->n[1], t->n[0]);
		problem(pctx, msg.s);
	}
	ret = 0;
out:
	cs_strv_free(names);
	cs_map_free(&m, tally_free);
	cs_buf_free(&evrel);
	cs_buf_free(&rel);
	cs_buf_free(&msg);
	free(irel);
	return ret;
}

/* build: the pending lines of every group appended to their files */
struct building {
	struct cs_ds *ds;
	const char *dir, *month;
	struct cs_map m;
	size_t pending;
	int err;
};

static int
flush_groups(struct building *b)
{
	struct cs_buf rel = { 0 };
	size_t i;
	int fd, ret = 0;

	for (i = 0; i < b->m.cap && ret == 0; i++) {
		struct tally *t = b->m.vals[i];
		char *path;
		if (b->m.keys[i] == NULL || t->pending.len == 0)
			continue;
		cs_buf_reset(&rel);
		cs_buf_addf(&rel, "%s/index/%s/%s.csv", b->dir, b->month,
		    b->m.keys[i]);
		path = cs_ds_path(b->ds, rel.s);
		fd = cs_open_regular(path, O_WRONLY | O_APPEND | O_CREAT, 0660);
		free(path);
		if (fd < 0)
			ret = -1;
		else if ((t->n[1] == 0 && write(fd, IDX_HEADER, strlen(IDX_HEADER))
		    != (ssize_t)strlen(IDX_HEADER)) || write(fd, t->pending.s,
		    t->pending.len) != (ssize_t)t->pending.len)
			ret = cs_fail_errno("write", rel.s);
		if (fd >= 0 && close(fd) < 0 && ret == 0)
			ret = cs_fail_errno("close", rel.s);
		t->n[1] = 1;
		cs_buf_reset(&t->pending);
	}
	b->pending = 0;
	cs_buf_free(&rel);
	return ret;
}

static void
add_line(void *ctx, const char *id, long long off)
{
	struct building *b = ctx;
	struct tally *t;
	char g[40];

	if (b->err || group_of(id, g) < 0)
		return;
	t = tally_of(&b->m, g);
	cs_buf_addf(&t->pending, "%s,%lld\n", id, off);
	b->pending += strlen(id) + 21;
	if (b->pending > 16 << 20 && flush_groups(b) < 0)
		b->err = 1;
}

int
cs_evindex_build(struct cs_ds *ds, const char *dir, const char *month)
{
	struct building b = { ds, dir, month, { 0 }, 0, 0 };
	struct cs_buf rel = { 0 };
	char *path;
	int ret = -1;

	cs_buf_addf(&rel, "%s/index", dir);
	path = cs_ds_path(ds, rel.s);
	if (mkdir(path, 0770) < 0 && errno != EEXIST) {
		cs_fail_errno("mkdir", rel.s);
		goto out;
	}
	free(path);
	cs_buf_addf(&rel, "/%s", month);
	path = cs_ds_path(ds, rel.s);
	if (mkdir(path, 0770) < 0) {
		cs_fail_errno("mkdir", rel.s);
		goto out;
	}
	cs_buf_reset(&rel);
	cs_buf_addf(&rel, "%s/%s.csv", dir, month);
	if (each_event(ds, rel.s, add_line, &b) == 0 && !b.err &&
	    flush_groups(&b) == 0)
		ret = 0;
out:
	free(path);
	cs_map_free(&b.m, tally_free);
	cs_buf_free(&rel);
	return ret;
}
