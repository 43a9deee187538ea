/*
 * csvio.c: reading and writing records.
 *
 * Two readers share one interface.  CS_READ_STORE reads our own stores
 * (cs-store(5)): one record per line, split by cs_split_line, a final line
 * without its newline ignored (a writer may be in the middle of it).
 * CS_READ_CSV reads CSV from outside through libcsv in strict mode: a BOM
 * is stripped, CRLF taken as LF, quoted line breaks kept, and nothing
 * trimmed.  Both read line by line from a block buffer, so that every
 * message can name the line, and both refuse invalid UTF-8, oversize
 * fields and records, and a record whose field count differs from the
 * header's (which the CSV reader, with CS_READ_ROWS, returns as a bad
 * record of its own, for the import engine to list or reject).
 *
 * A file the user gave (CS_READ_USER) may also be GB18030 (GBK, CP936),
 * as Chinese Excel and WPS save "CSV", when CS_READ_GB18030 says so (an
 * importing verb's --encoding gb18030 sets cs_read_gb18030).  The first
 * line that is not ASCII decides: valid UTF-8 makes the file UTF-8, else
 * it is GB18030 and every line is converted to UTF-8 through iconv(3) as
 * it is read.  Lines are converted whole, once read_line has put a line's
 * blocks together: GB18030 never uses the byte LF inside a character, so
 * no character is cut and the line numbers are the file's.  Bytes that
 * are neither are refused with the line and the byte.
 */
#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/base.h"

/* ---- the store dialect ---- */

int
cs_split_line(const char *s, size_t n, struct cs_row *r, const char **why)
{
	const char *p = s, *end = s + n, *q, *f;

	cs_row_clear(r);
	for (;;) {
		if (p < end && *p == '"') {
			/* find the closing quote: a quote not doubled */
			for (q = p + 1;; q += 2) {
				q = memchr(q, '"', (size_t)(end - q));
				if (q == NULL) {
					*why = "unterminated quoted field";
					return -1;
				}
				if (q + 1 >= end || q[1] != '"')
					break;
			}
			cs_row_push_quoted(r, p + 1, (size_t)(q - p - 1));
			p = q + 1;
			if (p < end && *p != ',') {
				*why = "text after a closing quote";
				return -1;
			}
		} else {
			f = p;
			while (p < end && *p != ',') {
				if (*p == '"') {
					*why = "quote inside an unquoted field";
					return -1;
				}
				if (*p == '\r') {
					*why = "carriage return in a store line";
					return -1;
				}
				p++;
			}
			cs_row_push(r, f, (size_t)(p - f));
		}
		if (p >= end)
			return 0;
		p++;		/* the comma */
	}
}

/*
 * Turn \n \r \\ back into their bytes, in place.  Strict (stores): any
 * other backslash is an error.  Lenient (CSV from outside): it stays.
 */
static int
unescape(char *s, int strict, const char **why)
{
	char *w;

	if ((s = strchr(s, '\\')) == NULL)
		return 0;
	for (w = s; *s; s++) {
		if (*s != '\\') {
			*w++ = *s;
			continue;
		}
		switch (s[1]) {
		case 'n': *w++ = '\n'; s++; break;
		case 'r': *w++ = '\r'; s++; break;
		case '\\': *w++ = '\\'; s++; break;
		default:
			if (strict) {
				*why = "backslash not followed by n, r or \\";
				return -1;
			}
			*w++ = *s;
		}
	}
	*w = '\0';
	return 0;
}

int
cs_unescape(char *s, const char **why)
{
	return unescape(s, 1, why);
}

/* What a byte asks of a field in the store dialect: 1 an escape, 2 the
 * field quoted. */
static const unsigned char csv_special[256] = {
	['\n'] = 1, ['\r'] = 1, ['\\'] = 1, ['"'] = 3, [','] = 2,
};

void
cs_csv_field(struct cs_buf *b, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned any = 0;
	int quote;
	size_t k;

	/* most fields are short and plain: one pass, one copy */
	for (k = 0; u[k]; k++)
		any |= csv_special[u[k]];
	if (any == 0) {
		cs_buf_add(b, s, k);
		return;
	}
	quote = (any & 2) != 0;
	if (quote)
		cs_buf_addc(b, '"');
	for (;;) {
		k = strcspn(s, "\n\r\\\"");
		cs_buf_add(b, s, k);
		s += k;
		switch (*s) {
		case '\0':
			if (quote)
				cs_buf_addc(b, '"');
			return;
		case '\n': cs_buf_add(b, "\\n", 2); break;
		case '\r': cs_buf_add(b, "\\r", 2); break;
		case '\\': cs_buf_add(b, "\\\\", 2); break;
		case '"': cs_buf_add(b, "\"\"", 2); break;
		}
		s++;
	}
}

void
cs_csv_record(struct cs_buf *b, const struct cs_row *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		if (i)
			cs_buf_addc(b, ',');
		cs_csv_field(b, cs_row_get(r, i));
	}
	cs_buf_addc(b, '\n');
}

/* ---- reading ---- */

#define BLOCK 65536

int cs_read_gb18030;

enum { ENC_ANY, ENC_UTF8, ENC_GB };

struct csvstate {
	struct csv_parser p;
	struct cs_row *row;
	int done, toobig;
	int enc;		/* ENC_ANY until a line that is not ASCII */
	iconv_t cd;		/* GB18030 to UTF-8, once needed */
	struct cs_buf conv;
	char blk[BLOCK];
	size_t bpos, blen;
	/* a part of a store (cs_reader_part): read with pread from pfd (-1:
	 * from fp) at pos, as far as end, its size when opened; its lines
	 * those that start before to, the next at lstart, the first at
	 * first; base the lines before first (-1: not counted yet) */
	int pfd;
	off_t pos, end, to, lstart, first;
	long base;
};

static void
on_field(void *s, size_t len, void *data)
{
	struct csvstate *st = data;

	if (len > CS_FIELD_MAX) {
		st->toobig = 1;
		len = 0;
	}
	cs_row_push(st->row, s ? s : "", len);
}

static void
on_record(int c, void *data)
{
	struct csvstate *st = data;

	(void)c;
	st->done = 1;
}

static int
is_lf(unsigned char c)
{
	return c == '\n';
}

static int
never_space(unsigned char c)
{
	(void)c;
	return 0;
}

int
cs_reader_fdopen(struct cs_reader *r, FILE *fp, const char *name,
    enum cs_read_mode mode, int flags)
{
	struct csvstate *st;
	int k;

	memset(r, 0, sizeof *r);
	r->fp = fp;
	r->name = cs_xstrdup(name);	/* the caller may free its own */
	r->mode = mode;
	if ((flags & CS_READ_USER) && cs_read_gb18030)
		r->flags = flags |= CS_READ_GB18030;
	else
		r->flags = flags;
	st = cs_xmalloc(sizeof *st);
	memset(st, 0, sizeof *st);
	st->cd = (iconv_t)-1;
	st->pfd = -1;
	r->csv = st;
	if (mode == CS_READ_CSV) {
		if (csv_init(&st->p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
			free(st);
			r->csv = NULL;
			return cs_fail(CS_EIO, "out of memory");
		}
		csv_set_space_func(&st->p, never_space);
		csv_set_term_func(&st->p, is_lf);
	}
	if (flags & CS_READ_NOHEADER)
		return 0;
	k = cs_reader_next(r, &r->hdr);
	if (k < 0)
		return -1;
	if (k == 0 && mode == CS_READ_CSV)
		return cs_fail(CS_EDATA, "%s: no header line", name);
	return 0;
}

/*
 * A file of the data directory (a store, a policy) is opened through
 * cs_open_regular: never through a symlink, never a FIFO or device.  A
 * file the user named (CS_READ_USER: import FILE, "-" for stdin) is opened
 * as given, with the caller's rights (base/env.c).  On failure errno is kept, so that ENOENT can be told apart.
 */
int
cs_reader_open(struct cs_reader *r, const char *path, enum cs_read_mode mode,
    int flags)
{
	FILE *fp;
	int fd, e;

	if ((flags & CS_READ_USER) && strcmp(path, "-") == 0) {
		if (cs_reader_fdopen(r, stdin, "<stdin>", mode, flags) < 0) {
			cs_reader_close(r);	/* stdin stays open: not ours */
			return -1;
		}
		return 0;
	}
	if (flags & CS_READ_USER) {
		if ((fp = cs_fopen_caller(path, "re")) == NULL) {
			e = errno;
			cs_fail_errno("open", path);
			errno = e;
			return -1;
		}
	} else {
		if ((fd = cs_open_regular(path, O_RDONLY, 0)) < 0)
			return -1;
		if ((fp = fdopen(fd, "r")) == NULL) {
			e = errno;
			close(fd);
			errno = e;
			return cs_fail_errno("fdopen", path);
		}
	}
	if (cs_reader_fdopen(r, fp, path, mode, flags) < 0) {
		r->own = 1;
		cs_reader_close(r);
		errno = 0;
		return -1;
	}
	r->own = 1;
	return 0;
}

/*
 * A policy file of the data directory (rel: "policy/sla.csv"): 1 open, 0
 * absent (ENOENT, and only when optional), -1 an error: 77 for a file
 * refused as not a regular one (cs_open_regular), else 78 (policy) with
 * the step, whatever the reason (EACCES, EIO, ENOTDIR ...).
 */
int
cs_policy_open(struct cs_reader *r, const char *dir, int optional,
    const char *rel)
{
	struct cs_buf path = { 0 };
	int k, e;

	cs_buf_addf(&path, "%s/%s", dir, rel);
	/* written by hand: an editor may leave the last line without its end */
	k = cs_reader_open(r, path.s, CS_READ_STORE, CS_READ_WHOLE);
	e = errno;
	cs_buf_free(&path);
	if (k == 0)
		return 1;
	if (e == ENOENT && optional)
		return 0;
	if (e == ENOENT)
		return cs_fail(CS_ECONFIG, "%s: missing (cs init writes the "
		    "defaults)", rel);
	if (cs_errstatus() == CS_EPERM && e != EACCES)
		return -1;	/* a symlink, FIFO, device or directory */
	return cs_fail(CS_ECONFIG, "%s", cs_errmsg());
}

void
cs_reader_close(struct cs_reader *r)
{
	struct csvstate *st = r->csv;

	if (st && r->mode == CS_READ_CSV)
		csv_free(&st->p);
	if (st && st->cd != (iconv_t)-1)
		iconv_close(st->cd);
	if (st)
		cs_buf_free(&st->conv);
	free(st);
	r->csv = NULL;
	if (r->own && r->fp)
		fclose(r->fp);
	r->fp = NULL;
	free((char *)r->name);
	r->name = NULL;
	cs_buf_free(&r->line);
	cs_row_free(&r->hdr);
	free(r->name);
	r->name = NULL;
}

/* The number of the line last read: a part's counted from the file's
 * start the first time it is asked (a message's), by reading the bytes
 * before the part. */
static long
at(struct cs_reader *r)
{
	struct csvstate *st = r->csv;
	char b[BLOCK];
	off_t off = 0;
	ssize_t k;
	size_t want;
	long n = 0;
	char *p, *e;

	if (st == NULL || st->base >= 0)
		return (st ? st->base : 0) + r->lineno;
	while (off < st->first) {
		want = st->first - off < (off_t)sizeof b ? (size_t)(st->first - off) :
		    sizeof b;
		if ((k = pread(st->pfd, b, want, off)) <= 0) {
			if (k < 0 && errno == EINTR)
				continue;
			return 0;	/* not known: the message says line 0 */
		}
		for (p = b, e = b + k; (p = memchr(p, '\n', (size_t)(e - p))); p++)
			n++;
		off += k;
	}
	st->base = n;
	return n + r->lineno;
}

long
cs_reader_line(struct cs_reader *r)
{
	return at(r);
}

/* The next block into st->blk: its size, 0 at the end, -1 on error. */
static ssize_t
fill_block(struct cs_reader *r, struct csvstate *st)
{
	ssize_t k;
	size_t want = BLOCK;

	st->bpos = 0;
	if (st->pfd < 0) {
		st->blen = fread(st->blk, 1, BLOCK, r->fp);
		if (st->blen == 0 && ferror(r->fp))
			return cs_fail(CS_EIO, "read %s: %s", r->name, strerror(errno));
		return (ssize_t)st->blen;
	}
	if (st->end - st->pos < (off_t)want)
		want = (size_t)(st->end - st->pos);
	st->blen = 0;
	if (want == 0)
		return 0;
	while ((k = pread(st->pfd, st->blk, want, st->pos)) < 0)
		if (errno != EINTR)
			return cs_fail(CS_EIO, "read %s: %s", r->name, strerror(errno));
	st->pos += k;
	st->blen = (size_t)k;
	return k;
}

/* One physical line into r->line, without its LF.  1 a line with its LF,
 * 2 a last line without one, 0 at the end (of a part: a line that starts
 * at its end or after), -1 on error. */
static int
read_line(struct cs_reader *r)
{
	struct csvstate *st = r->csv;
	char *nl;
	size_t k;

	cs_buf_reset(&r->line);
	if (st->pfd >= 0 && st->lstart >= st->to)
		return 0;
	for (;;) {
		if (st->bpos == st->blen) {
			if (fill_block(r, st) < 0)
				return -1;
			if (st->blen == 0) {
				if (r->line.len == 0)
					return 0;
				r->lineno++;
				return 2;
			}
		}
		nl = memchr(st->blk + st->bpos, '\n', st->blen - st->bpos);
		k = nl ? (size_t)(nl - (st->blk + st->bpos)) : st->blen - st->bpos;
		if (r->line.len + k > CS_RECORD_MAX)
			return cs_fail(CS_EDATA, "%s:%ld: line longer than %d bytes",
			    r->name, at(r) + 1, CS_RECORD_MAX);
		cs_buf_add(&r->line, st->blk + st->bpos, k);
		st->bpos += k;
		if (nl) {
			st->bpos++;
			r->lineno++;
			st->lstart += (off_t)r->line.len + 1;
			return 1;
		}
	}
}

/*
 * Part part of nparts of the store open on fd (size: its size when
 * opened): the header from the start, then the lines that start in
 * [size * part / nparts, size * (part + 1) / nparts), read with pread so
 * that the parts of one open file (one version of it, whatever is
 * renamed over it meanwhile) are read by threads each at its own place.
 * The fd stays the caller's.
 */
int
cs_reader_part(struct cs_reader *r, int fd, const char *name, off_t size,
    size_t part, size_t nparts)
{
	struct csvstate *st;
	off_t from = (off_t)((uintmax_t)size * part / nparts);
	char *nl;
	int k;

	if (cs_reader_fdopen(r, NULL, name, CS_READ_STORE, CS_READ_NOHEADER) < 0) {
		cs_reader_close(r);
		return -1;
	}
	st = r->csv;
	st->pfd = fd, st->end = st->to = size;
	if ((k = cs_reader_next(r, &r->hdr)) <= 0) {
		if (k < 0)
			cs_reader_close(r);
		return k;	/* no header: no records */
	}
	st->first = st->lstart;
	st->to = (off_t)((uintmax_t)size * (part + 1) / nparts);
	if (part == 0 || from <= st->lstart)
		return 0;	/* from the line after the header */
	/* from the first line to start at or after from: the one before
	 * from, up to its newline, is the part's before */
	st->pos = from - 1, st->bpos = st->blen = 0;
	for (;;) {
		if (fill_block(r, st) < 0) {
			cs_reader_close(r);
			return -1;
		}
		if (st->blen == 0) {
			st->lstart = st->end;	/* no line starts here */
			break;
		}
		if ((nl = memchr(st->blk, '\n', st->blen)) != NULL) {
			st->bpos = (size_t)(nl + 1 - st->blk);
			st->lstart = st->pos - (off_t)st->blen + (off_t)st->bpos;
			break;
		}
	}
	st->first = st->lstart;
	st->base = -1;
	r->lineno = 0;
	return 0;
}

/*
 * r->line from GB18030 into st->conv: 0, or -1 with the byte of the line
 * (from 1) at which it is not GB18030 in *bad.
 */
static int
gb_convert(struct csvstate *st, const struct cs_buf *line, size_t *bad)
{
	char *in = line->s ? line->s : "", *out;
	size_t inleft = line->len, outleft;

	if (st->cd == (iconv_t)-1 &&
	    (st->cd = iconv_open("UTF-8", "GB18030")) == (iconv_t)-1)
		return cs_fail(CS_EIO, "iconv_open GB18030: %s", strerror(errno));
	cs_buf_reset(&st->conv);
	cs_buf_grow(&st->conv, line->len * 2 + 1);
	out = st->conv.s;
	outleft = line->len * 2 + 1;
	/* a GB18030 character of 2 or 4 bytes is at most 4 in UTF-8 */
	if (iconv(st->cd, &in, &inleft, &out, &outleft) == (size_t)-1) {
		*bad = (size_t)(in - line->s) + 1;
		iconv(st->cd, NULL, NULL, NULL, NULL);
		return -1;
	}
	st->conv.len = (size_t)(out - st->conv.s);
	st->conv.s[st->conv.len] = '\0';
	return 0;
}

static int
is_ascii(const char *s, size_t n)
{
	while (n--)
		if ((unsigned char)*s++ >= 0x80)
			return 0;
	return 1;
}

/* The line's BOM stripped, its encoding checked, GB18030 made UTF-8. */
static int
check_line(struct cs_reader *r)
{
	struct csvstate *st = r->csv;
	size_t bad, gbad;
	char *s = r->line.s ? r->line.s : "";
	int gb = (r->flags & CS_READ_GB18030) != 0;

	if (r->lineno == 1 && st->base == 0 && r->line.len >= 3 &&
	    memcmp(s, "\xef\xbb\xbf", 3) == 0) {
		memmove(s, s + 3, r->line.len - 2);
		r->line.len -= 3;
		st->enc = ENC_UTF8;
	}
	if (st->enc != ENC_GB) {
		if (cs_utf8_check(s, r->line.len, &bad) == 0) {
			if (st->enc == ENC_ANY && !is_ascii(s, r->line.len))
				st->enc = ENC_UTF8;
			return 0;
		}
		if (!gb || st->enc == ENC_UTF8)
			return cs_fail(CS_EDATA, "%s:%ld: invalid UTF-8 at byte "
			    "%zu%s", r->name, at(r), bad + 1, gb ?
			    " (the lines before it are UTF-8)" :
			    r->mode == CS_READ_CSV && (r->flags & CS_READ_USER) &&
			    gb_convert(st, &r->line, &gbad) == 0 ?
			    " (GB18030? give --encoding gb18030)" : "");
		if (gb_convert(st, &r->line, &gbad) < 0)
			return cs_fail(CS_EDATA, "%s:%ld: neither UTF-8 nor GB18030 "
			    "at byte %zu", r->name, at(r), gbad);
		st->enc = ENC_GB;
	} else if (gb_convert(st, &r->line, &gbad) < 0)
		return cs_fail(CS_EDATA, "%s:%ld: invalid GB18030 at byte %zu",
		    r->name, at(r), gbad);
	cs_buf_reset(&r->line);
	cs_buf_add(&r->line, st->conv.s, st->conv.len);
	return 0;
}

static int
next_store(struct cs_reader *r, struct cs_row *row)
{
	struct csvstate *st = r->csv;
	const char *why;
	int k;

	k = read_line(r);
	if (k <= 0)
		return k;
	if (k == 2 && !(r->flags & CS_READ_WHOLE))
		return 0;	/* a torn tail: not a record yet */
	if (check_line(r) < 0)
		return -1;
	if (r->line.len == 0)
		return cs_fail(CS_EDATA, "%s:%ld: empty line", r->name, at(r));
	if (cs_split_line(r->line.s, r->line.len, row, &why) < 0)
		return cs_fail(CS_EDATA, "%s:%ld: %s", r->name, at(r), why);
	row->line = st->base >= 0 ? st->base + r->lineno : 0;
	return 1;
}

static int
next_csv(struct cs_reader *r, struct cs_row *row)
{
	struct csvstate *st = r->csv;
	size_t fed = 0, len;
	int k;

	st->row = row;
	st->done = st->toobig = 0;
	for (;;) {
		k = read_line(r);
		if (k < 0)
			return -1;
		if (k == 0) {
			if (row->line == 0)
				return 0;
			if (csv_fini(&st->p, on_field, on_record, st) != 0)
				return cs_fail(CS_EDATA,
				    "%s:%ld: quoted field not closed before the end",
				    r->name, row->line);
			break;
		}
		if (check_line(r) < 0)
			return -1;
		len = r->line.len;
		if (len && r->line.s[len - 1] == '\r')
			len--;
		if (len == 0 && row->line == 0)
			continue;	/* a blank line between records */
		if (row->line == 0)
			row->line = r->lineno;
		fed += len + 1;
		if (fed > CS_RECORD_MAX)
			return cs_fail(CS_EDATA, "%s:%ld: record longer than %d bytes",
			    r->name, row->line, CS_RECORD_MAX);
		if (len && csv_parse(&st->p, r->line.s, len, on_field, on_record,
		    st) != len)
			goto bad;
		if (k == 1 && csv_parse(&st->p, "\n", 1, on_field, on_record,
		    st) != 1)
			goto bad;
		if (st->done)
			break;
	}
	if (st->toobig)
		return cs_fail(CS_EDATA, "%s:%ld: field longer than %d bytes",
		    r->name, row->line, CS_FIELD_MAX);
	return 1;
bad:
	return cs_fail(CS_EDATA, "%s:%ld: malformed CSV: %s", r->name, r->lineno,
	    csv_error(&st->p) == CSV_EPARSE ? "stray quote" :
	    csv_strerror(csv_error(&st->p)));
}

int
cs_reader_next(struct cs_reader *r, struct cs_row *row)
{
	const char *why = NULL;
	size_t i;
	int k, ragged, rows;

	cs_row_clear(row);
	if (r->eof)
		return 0;
	k = r->mode == CS_READ_STORE ? next_store(r, row) : next_csv(r, row);
	if (k <= 0) {
		if (k == 0)
			r->eof = 1;
		return k;
	}
	ragged = r->hdr.n && row != &r->hdr && row->n != r->hdr.n;
	rows = ragged && r->mode == CS_READ_CSV && (r->flags & CS_READ_ROWS);
	if (ragged && !rows)
		return cs_fail(CS_EDATA, "%s:%ld: %zu fields, the header has %zu",
		    r->name, row->line ? row->line : at(r), row->n, r->hdr.n);
	if (!(r->mode == CS_READ_CSV && (r->flags & CS_READ_LITERAL)))
		for (i = 0; i < row->n; i++)
			if (unescape(row->buf + row->off[i],
			    r->mode == CS_READ_STORE, &why) < 0)
				return cs_fail(CS_EDATA, "%s:%ld: field '%s': %s",
				    r->name, row->line ? row->line : at(r), i < r->hdr.n ?
				    cs_row_get(&r->hdr, i) : "?", why);
	if (rows) {
		cs_fail(CS_EDATA, "%zu fields, the header has %zu", row->n,
		    r->hdr.n);
		return 2;
	}
	return 1;
}
