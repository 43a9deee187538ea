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
 * header's.
 */
#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cs.h"

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

void
cs_csv_field(struct cs_buf *b, const char *s)
{
	int quote = strpbrk(s, ",\"") != NULL;
	size_t k;

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

struct csvstate {
	struct csv_parser p;
	struct cs_row *row;
	int done, toobig;
	char blk[BLOCK];
	size_t bpos, blen;
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
	r->flags = flags;
	st = cs_xmalloc(sizeof *st);
	memset(st, 0, sizeof *st);
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
 * as given.  On failure errno is kept, so that ENOENT can be told apart.
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
		if ((fp = fopen(path, "re")) == NULL) {
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
	k = cs_reader_open(r, path.s, CS_READ_STORE, 0);
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

/* One physical line into r->line, without its LF.  1 a line with its LF,
 * 2 a last line without one, 0 at the end, -1 on error. */
static int
read_line(struct cs_reader *r)
{
	struct csvstate *st = r->csv;
	char *nl;
	size_t k;

	cs_buf_reset(&r->line);
	for (;;) {
		if (st->bpos == st->blen) {
			st->blen = fread(st->blk, 1, BLOCK, r->fp);
			st->bpos = 0;
			if (st->blen == 0) {
				if (ferror(r->fp))
					return cs_fail(CS_EIO, "read %s: %s",
					    r->name, strerror(errno));
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
			    r->name, r->lineno + 1, CS_RECORD_MAX);
		cs_buf_add(&r->line, st->blk + st->bpos, k);
		st->bpos += k;
		if (nl) {
			st->bpos++;
			r->lineno++;
			return 1;
		}
	}
}

static int
check_line(struct cs_reader *r)
{
	size_t bad;
	char *s = r->line.s ? r->line.s : "";

	if (r->lineno == 1 && r->line.len >= 3 &&
	    memcmp(s, "\xef\xbb\xbf", 3) == 0) {
		memmove(s, s + 3, r->line.len - 2);
		r->line.len -= 3;
	}
	if (cs_utf8_check(s, r->line.len, &bad) < 0)
		return cs_fail(CS_EDATA, "%s:%ld: invalid UTF-8 at byte %zu",
		    r->name, r->lineno, bad + 1);
	return 0;
}

static int
next_store(struct cs_reader *r, struct cs_row *row)
{
	const char *why;
	int k;

	k = read_line(r);
	if (k <= 0)
		return k;
	if (k == 2)		/* a torn tail: not a record yet */
		return 0;
	if (check_line(r) < 0)
		return -1;
	if (r->line.len == 0)
		return cs_fail(CS_EDATA, "%s:%ld: empty line", r->name, r->lineno);
	if (cs_split_line(r->line.s, r->line.len, row, &why) < 0)
		return cs_fail(CS_EDATA, "%s:%ld: %s", r->name, r->lineno, why);
	row->line = r->lineno;
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
	int k;

	cs_row_clear(row);
	if (r->eof)
		return 0;
	k = r->mode == CS_READ_STORE ? next_store(r, row) : next_csv(r, row);
	if (k <= 0) {
		if (k == 0)
			r->eof = 1;
		return k;
	}
	if (r->hdr.n && row != &r->hdr && row->n != r->hdr.n)
		return cs_fail(CS_EDATA, "%s:%ld: %zu fields, the header has %zu",
		    r->name, row->line, row->n, r->hdr.n);
	if (r->mode == CS_READ_CSV && (r->flags & CS_READ_LITERAL))
		return 1;
	for (i = 0; i < row->n; i++)
		if (unescape(row->buf + row->off[i], r->mode == CS_READ_STORE,
		    &why) < 0)
			return cs_fail(CS_EDATA, "%s:%ld: field '%s': %s", r->name,
			    row->line, r->hdr.n ? cs_row_get(&r->hdr, i) :
			    "?", why);
	return 1;
}

/* ---- writing ---- */

int
cs_fmt_parse(const char *s, enum cs_fmt *f)
{
	static const char *names[] = { "csv", "tsv", "json", "table", "excel" };
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(s, names[i]) == 0) {
			*f = (enum cs_fmt)i;
			return 0;
		}
	return cs_fail(CS_EUSAGE, "unknown format '%s' (csv, tsv, json, table, excel)",
	    s);
}

static void
tsv_field(struct cs_buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '\t': cs_buf_add(b, "\\t", 2); break;
		case '\n': cs_buf_add(b, "\\n", 2); break;
		case '\r': cs_buf_add(b, "\\r", 2); break;
		case '\\': cs_buf_add(b, "\\\\", 2); break;
		default: cs_buf_addc(b, *s);
		}
	}
}

/* A JSON string; every control character (cs_ctrl_show), DEL, C1 and
 * the bidirectional ones included, written \uXXXX: the same string to a
 * JSON reader, inert on a terminal. */
static void
json_string(struct cs_buf *b, const char *s)
{
	char esc[8];
	uint32_t cp;
	int k;

	cs_buf_addc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 0x7f && (k = cs_utf8_decode(s, strnlen(s, 4), &cp)) > 0 &&
		    cs_ctrl_show(cp, esc) > 0) {
			cs_buf_addf(b, "\\u%04x", (unsigned)cp);
			s += k - 1;
		} else if (c == '"' || c == '\\') {
			cs_buf_addc(b, '\\');
			cs_buf_addc(b, c);
		} else if (c == '\n')
			cs_buf_add(b, "\\n", 2);
		else if (c == '\r')
			cs_buf_add(b, "\\r", 2);
		else if (c == '\t')
			cs_buf_add(b, "\\t", 2);
		else if (c < 0x20)
			cs_buf_addf(b, "\\u%04x", c);
		else
			cs_buf_addc(b, c);
	}
	cs_buf_addc(b, '"');
}

/*
 * A spreadsheet cell: real line breaks, RFC 4180 quotes, and a leading
 * = + - @ TAB or CR neutralised with a quote mark (OWASP CSV injection).
 */
static void
excel_field(struct cs_buf *b, const char *s)
{
	int quote = strpbrk(s, ",\"\r\n") != NULL;
	int neutral = *s && strchr("=+-@\t\r", *s) != NULL;

	if (quote)
		cs_buf_addc(b, '"');
	if (neutral)
		cs_buf_addc(b, '\'');
	for (; *s; s++) {
		if (*s == '"')
			cs_buf_addc(b, '"');
		cs_buf_addc(b, *s);
	}
	if (quote)
		cs_buf_addc(b, '"');
}

static void
put(struct cs_out *o, struct cs_buf *b)
{
	iconv_t cd;
	char *in, *out, *obuf;
	size_t inleft, outleft, cap;

	if (!o->gb18030) {
		fwrite(b->s, 1, b->len, o->fp);
		return;
	}
	cap = b->len * 2 + 16;
	obuf = cs_xmalloc(cap);
	cd = iconv_open("GB18030", "UTF-8");
	in = b->s, inleft = b->len, out = obuf, outleft = cap;
	if (cd == (iconv_t)-1 || iconv(cd, &in, &inleft, &out, &outleft) ==
	    (size_t)-1)
		fwrite(b->s, 1, b->len, o->fp);		/* cannot happen: valid UTF-8 */
	else
		fwrite(obuf, 1, cap - outleft, o->fp);
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	free(obuf);
}

static void
emit(struct cs_out *o, const struct cs_row *r, int header)
{
	struct cs_buf b = { 0 };
	size_t i;

	switch (o->fmt) {
	case CS_FMT_CSV:
		cs_csv_record(&b, r);
		break;
	case CS_FMT_TSV:
		for (i = 0; i < r->n; i++) {
			if (i)
				cs_buf_addc(&b, '\t');
			tsv_field(&b, cs_row_get(r, i));
		}
		cs_buf_addc(&b, '\n');
		break;
	case CS_FMT_JSON:
		if (header)
			break;
		cs_buf_addc(&b, '{');
		for (i = 0; i < r->n && i < o->hdr.n; i++) {
			if (i)
				cs_buf_addc(&b, ',');
			json_string(&b, cs_row_get(&o->hdr, i));
			cs_buf_addc(&b, ':');
			json_string(&b, cs_row_get(r, i));
		}
		cs_buf_add(&b, "}\n", 2);
		break;
	case CS_FMT_EXCEL:
		if (header && !o->gb18030)
			cs_buf_adds(&b, "\xef\xbb\xbf");
		for (i = 0; i < r->n; i++) {
			if (i)
				cs_buf_addc(&b, ',');
			excel_field(&b, cs_row_get(r, i));
		}
		cs_buf_add(&b, "\r\n", 2);
		break;
	case CS_FMT_TABLE:
		break;
	}
	if (b.len)
		put(o, &b);
	cs_buf_free(&b);
}

void
cs_out_begin(struct cs_out *o, FILE *fp, enum cs_fmt fmt, const struct cs_row *hdr)
{
	int gb = o->gb18030;
	size_t maxw = o->maxw;

	memset(o, 0, sizeof *o);
	o->fp = fp;
	o->fmt = fmt;
	o->gb18030 = gb;
	o->maxw = maxw;
	cs_row_copy(&o->hdr, hdr);
	emit(o, hdr, 1);
}

void
cs_out_row(struct cs_out *o, const struct cs_row *r)
{
	if (o->fmt != CS_FMT_TABLE) {
		emit(o, r, 0);
		return;
	}
	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 64;
		o->rows = cs_xrealloc(o->rows, o->cap * sizeof *o->rows);
	}
	memset(&o->rows[o->n], 0, sizeof o->rows[0]);
	cs_row_copy(&o->rows[o->n++], r);
}

int
cs_out_end(struct cs_out *o)
{
	size_t i;

	if (o->fmt == CS_FMT_TABLE)
		cs_table_print(o->fp, &o->hdr, o->rows, o->n, o->maxw ? o->maxw : 40);
	for (i = 0; i < o->n; i++)
		cs_row_free(&o->rows[i]);
	free(o->rows);
	cs_row_free(&o->hdr);
	o->rows = NULL;
	errno = 0;
	if (fflush(o->fp) != 0 || ferror(o->fp))
		return o->fp == stdout ? cs_fail_stdout(errno) :
		    cs_fail(CS_EIO, "write error: %s", strerror(errno));
	return 0;
}

/* An output begun and not to be ended (an error on the way): its memory,
 * nothing more written. */
void
cs_out_discard(struct cs_out *o)
{
	size_t i;

	for (i = 0; i < o->n; i++)
		cs_row_free(&o->rows[i]);
	free(o->rows);
	cs_row_free(&o->hdr);
	o->rows = NULL;
	o->n = o->cap = 0;
}
