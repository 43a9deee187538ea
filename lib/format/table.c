/*
 * table.c: an aligned table for a terminal.  Widths are display columns,
 * not bytes, so Chinese (two columns a character) and English line up.
 * A cell wider than maxw is cut with an ellipsis.  Stored text is shown,
 * never obeyed: a line break shows as \n, ESC as \x1b, a bidirectional
 * override as \u202e (cs_ctrl_show), measured as wide as it is shown; a
 * byte that is not UTF-8 as ?.
 *
 * A column is as wide as its widest cell, which only the last row may
 * tell, so the rows are held to the end; in bounded memory, as sort(1)
 * holds its input.  Each cell is shown and measured once, as its row comes,
 * into one arena: a row is its length (4 bytes) and, for each cell, its
 * width and its length (a byte each below 128, as LEB128) and the bytes
 * shown.  When the arena
 * holds HOLD bytes it goes to a temporary file (under $TMPDIR, else /tmp,
 * removed as soon as it is made), read back once the widths are known.  A
 * table of any length comes out as if held whole, in the same bytes.
 *
 * On a terminal the table fits its width (cs_table_fit): when the columns
 * are wider in all, the widest are capped at one width, as wide as lets
 * the line fit (the columns under it keep theirs, what is left goes to
 * the capped ones), and a cell wider than its cap is cut again with an
 * ellipsis as its line is written.  When even capped at FIT_MIN the
 * columns pass the width, the columns keep their widths and each line is
 * cut at the width, the first columns whole (choose them with --fields).  The rows stay as they are held, so fitting adds
 * nothing but a cap a column.
 */
#include <sys/ioctl.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "format/format.h"

#define HOLD	((size_t)4 << 20)	/* bytes of rows held in memory, or
					 * $CS_SPILL_BYTES (for tests) */
#define FLUSH	((size_t)64 << 10)	/* bytes of lines written at once */
#define FIT_MIN	8	/* columns a cap leaves a cell, at least */

struct cs_table {
	size_t ncol, maxw, *colw;
	size_t *cap;		/* cs_table_fit's widths, or NULL */
	size_t width;		/* cs_table_fit's, when even capped the
				 * columns pass it: lines cut at it */
	struct cs_buf a;	/* rows as they will be shown */
	size_t hold;		/* bytes of it held: HOLD */
	struct cs_buf cell;	/* a cell on its way in */
	struct cs_buf line;	/* lines on their way out */
	FILE *spill;		/* rows that left the arena, or NULL */
	char path[4096];	/* its name, for an error */
	const char *step;	/* what failed (its errno in err), or NULL */
	int err;
};

/* The character at s: its length (*k), what stands for it when it is not
 * shown as it is (esc, else ""), and its width in columns. */
static size_t
glyph(const char *s, size_t n, int *k, char esc[8])
{
	uint32_t cp;
	size_t e;

	esc[0] = '\0';
	if ((*k = cs_utf8_decode(s, n, &cp)) < 0) {
		*k = 1;
		memcpy(esc, "?", 2);
		return 1;
	}
	if ((e = cs_ctrl_show(cp, esc)) > 0)
		return e;
	return (size_t)cs_wcwidth(cp);
}

/* The cell s[0..n) as it will be shown, appended to b: one line, at most
 * maxw columns (the first character that would pass maxw - 1 and those
 * after it give way to an ellipsis when the whole is wider than maxw).
 * Returns its width. */
static size_t
render(struct cs_buf *b, const char *s, size_t n, size_t maxw)
{
	size_t i, w = 0, cw, cut = 0, cutw = 0;
	int k, fits = 1;
	char esc[8];

	/* printable ASCII, a column a byte: as it is when it fits */
	for (i = 0; i < n && (unsigned char)s[i] >= 0x20 &&
	    (unsigned char)s[i] < 0x7f; i++)
		;
	if (i == n && n <= maxw) {
		cs_buf_add(b, s, n);
		return n;
	}
	for (i = 0; i < n; i += (size_t)k) {
		cw = glyph(s + i, n - i, &k, esc);
		if (fits && w + cw > maxw - 1)
			fits = 0, cut = b->len, cutw = w;
		if ((w += cw) > maxw) {		/* so fits is 0: cut is set */
			b->len = cut;
			cs_buf_adds(b, "\xe2\x80\xa6");	/* an ellipsis */
			return cutw + 1;
		}
		if (esc[0])
			cs_buf_adds(b, esc);
		else
			cs_buf_add(b, s + i, (size_t)k);
	}
	return w;
}

static void
put32(struct cs_buf *b, size_t at, size_t v)
{
	uint32_t u = (uint32_t)v;

	memcpy(b->s + at, &u, 4);
}

static size_t
get32(const char *p)
{
	uint32_t u;

	memcpy(&u, p, 4);
	return u;
}

static void
putn(struct cs_buf *b, size_t v)
{
	for (; v >= 0x80; v >>= 7)
		b->s[b->len++] = (char)((v & 0x7f) | 0x80);
	b->s[b->len++] = (char)v;
}

static const char *
getn(const char *p, size_t *v)
{
	unsigned shift = 0;

	*v = 0;
	while (*(const unsigned char *)p & 0x80) {
		*v |= (size_t)(*p++ & 0x7f) << shift;
		shift += 7;
	}
	*v |= (size_t)*(const unsigned char *)p++ << shift;
	return p;
}

static void
fail(struct cs_table *t, const char *step)
{
	if (t->step == NULL)
		t->step = step, t->err = errno;
}

/* The arena to the temporary file, which is made the first time. */
static void
spill(struct cs_table *t)
{
	const char *step;

	if (t->spill == NULL && (t->spill = cs_spill_open("cs-table", t->path,
	    sizeof t->path, &step)) == NULL) {
		fail(t, step);
		return;
	}
	if (fwrite(t->a.s, 1, t->a.len, t->spill) != t->a.len)
		fail(t, "write");
	t->a.len = 0;
}

struct cs_table *
cs_table_part(size_t ncol, size_t maxw)
{
	struct cs_table *t = cs_xmalloc(sizeof *t);
	const char *e = getenv("CS_SPILL_BYTES");

	memset(t, 0, sizeof *t);
	t->hold = e && atol(e) > 0 ? (size_t)atol(e) : HOLD;
	t->ncol = ncol;
	t->maxw = maxw ? maxw : 1;
	t->colw = cs_xmalloc((t->ncol + 1) * sizeof *t->colw);
	memset(t->colw, 0, (t->ncol + 1) * sizeof *t->colw);
	return t;
}

/* Bytes of rows (whole or not: a row is read back by its length) after
 * the arena's. */
static void
add_bytes(struct cs_table *t, const char *p, size_t n)
{
	cs_buf_add(&t->a, p, n);
	if (t->a.len >= t->hold)
		spill(t);
}

void
cs_table_absorb(struct cs_table *t, struct cs_table *part)
{
	char buf[65536];
	size_t j, got;

	if (part->step && t->step == NULL) {
		t->step = part->step;
		t->err = part->err;
		memcpy(t->path, part->path, sizeof t->path);
	}
	if (part->spill && t->step == NULL) {	/* its first rows */
		if (fflush(part->spill) != 0 || fseek(part->spill, 0, SEEK_SET))
			fail(t, "write");
		while (t->step == NULL &&
		    (got = fread(buf, 1, sizeof buf, part->spill)) > 0)
			add_bytes(t, buf, got);
		if (ferror(part->spill)) {
			errno = EIO;
			fail(t, "read");
		}
	}
	if (part->a.len && t->step == NULL)
		add_bytes(t, part->a.s, part->a.len);
	for (j = 0; j < t->ncol && j < part->ncol; j++)
		if (part->colw[j] > t->colw[j])
			t->colw[j] = part->colw[j];
	cs_table_free(part);
}

struct cs_table *
cs_table_new(const struct cs_row *hdr, size_t maxw)
{
	struct cs_table *t = cs_table_part(hdr->n, maxw);
	struct cs_row lab = { 0 };
	const char *l;
	size_t j;

	for (j = 0; j < hdr->n; j++) {	/* the headings in the user's language */
		l = cs_column_label(cs_row_get(hdr, j));
		cs_row_push(&lab, l, strlen(l));
	}
	cs_table_add(t, &lab);
	cs_row_free(&lab);
	return t;
}

void
cs_table_add(struct cs_table *t, const struct cs_row *r)
{
	size_t j, row = t->a.len, w;
	const char *s;

	if (t->step)
		return;
	cs_buf_grow(&t->a, 4);
	t->a.len += 4;
	for (j = 0; j < t->ncol; j++) {
		s = cs_row_get(r, j);
		t->cell.len = 0;
		w = render(&t->cell, s, strlen(s), t->maxw);
		cs_buf_grow(&t->a, 20 + t->cell.len);
		putn(&t->a, w);
		putn(&t->a, t->cell.len);
		memcpy(t->a.s + t->a.len, t->cell.s, t->cell.len);
		t->a.len += t->cell.len;
		if (w > t->colw[j])
			t->colw[j] = w;
	}
	put32(&t->a, row, t->a.len - row - 4);
	if (t->a.len >= t->hold)
		spill(t);
}

/* One row of the arena at p as a line, padded to the widths. */
static void
line(struct cs_table *t, FILE *fp, const char *p)
{
	struct cs_buf *l = &t->line;
	size_t j, w, n, cw, col = 0, start = l->len;

	for (j = 0; j < t->ncol; j++) {
		p = getn(getn(p, &w), &n);
		cw = t->cap ? t->cap[j] : t->colw[j];
		if (t->width && col + cw > t->width)
			cw = t->width - col;	/* the line ends here */
		if (w > cw)	/* as render cuts: the shown text is one line */
			w = render(l, p, n, cw);
		else
			cs_buf_add(l, p, n);
		p += n;
		if (t->width && (col += cw + 2) >= t->width)
			break;
		if (j + 1 < t->ncol && w < cw + 2) {
			cs_buf_grow(l, cw + 2 - w);
			memset(l->s + l->len, ' ', cw + 2 - w);
			l->len += cw + 2 - w;
		}
	}
	while (l->len > start && l->s[l->len - 1] == ' ')
		l->len--;
	cs_buf_addc(l, '\n');
	if (l->len >= FLUSH) {
		fwrite(l->s, 1, l->len, fp);
		l->len = 0;
	}
}

/* The lines of the rows in s[0..n); returns how many bytes held whole
 * rows. */
static size_t
lines(struct cs_table *t, FILE *fp, const char *s, size_t n)
{
	size_t pos = 0, len;

	while (n - pos >= 4 && n - pos - 4 >= (len = get32(s + pos))) {
		line(t, fp, s + pos + 4);
		pos += 4 + len;
	}
	return pos;
}

/* The spilled rows, read back a piece at a time. */
static void
unspill(struct cs_table *t, FILE *fp)
{
	size_t have = 0, got, used;

	spill(t);
	if (t->step == NULL && (fflush(t->spill) != 0 ||
	    fseek(t->spill, 0, SEEK_SET) != 0))
		fail(t, "write");
	if (t->step)
		return;
	do {
		t->a.len = have;
		cs_buf_grow(&t->a, HOLD);
		got = fread(t->a.s + have, 1, t->a.cap - 1 - have, t->spill);
		have += got;
		used = lines(t, fp, t->a.s, have);
		memmove(t->a.s, t->a.s + used, have - used);
		have -= used;
	} while (got > 0);
	if (ferror(t->spill) || have > 0) {
		errno = ferror(t->spill) ? EIO : EINVAL;
		fail(t, "read");
	}
}

void
cs_table_free(struct cs_table *t)
{
	if (t == NULL)
		return;
	if (t->spill)
		fclose(t->spill);
	cs_buf_free(&t->a);
	cs_buf_free(&t->cell);
	cs_buf_free(&t->line);
	free(t->colw);
	free(t->cap);
	free(t);
}

/* The width of the columns capped at c, with their gaps. */
static size_t
capped(const struct cs_table *t, size_t c)
{
	size_t j, w = 2 * (t->ncol - 1);

	for (j = 0; j < t->ncol; j++)
		w += t->colw[j] < c ? t->colw[j] : c;
	return w;
}

void
cs_table_fit(struct cs_table *t, size_t width)
{
	size_t j, lo = FIT_MIN, hi = 0, c, left;

	if (width == 0 || t->ncol == 0 || capped(t, SIZE_MAX) <= width)
		return;
	for (j = 0; j < t->ncol; j++)
		if (t->colw[j] > hi)
			hi = t->colw[j];
	if (capped(t, FIT_MIN) > width) {	/* too many: cut the lines */
		t->width = width;
		return;
	}
	while (lo < hi) {	/* the widest cap that fits (at least FIT_MIN) */
		c = lo + (hi - lo + 1) / 2;
		if (capped(t, c) <= width)
			lo = c;
		else
			hi = c - 1;
	}
	left = width > capped(t, lo) ? width - capped(t, lo) : 0;
	t->cap = cs_xmalloc(t->ncol * sizeof *t->cap);
	for (j = 0; j < t->ncol; j++) {
		t->cap[j] = t->colw[j] < lo ? t->colw[j] : lo;
		if (t->colw[j] > lo && left > 0)
			t->cap[j]++, left--;
	}
}

size_t
cs_tty_width(FILE *fp)
{
	struct winsize ws;
	const char *env;
	char *end;
	long n;

	if (!isatty(fileno(fp)))
		return 0;
	env = getenv("COLUMNS");
	if (env && *env && (n = strtol(env, &end, 10)) > 0 && *end == '\0' &&
	    n < 100000)
		return (size_t)n;
	if (ioctl(fileno(fp), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 0;
}

/* The table to fp, then its memory and its file gone.  -1 when its rows
 * could not be held (nothing was written then). */
int
cs_table_end(struct cs_table *t, FILE *fp)
{
	int ret = 0;

	if (t->step)
		;
	else if (t->spill)
		unspill(t, fp);
	else
		(void)lines(t, fp, t->a.s, t->a.len);
	if (t->line.len)
		fwrite(t->line.s, 1, t->line.len, fp);
	if (t->step)	/* no room for a file is as for a store's */
		ret = cs_fail(strcmp(t->step, "mkstemp") ? CS_EIO :
		    CS_ECANTCREAT, "%s %s: %s", t->step, t->path,
		    strerror(t->err));
	cs_table_free(t);
	return ret;
}

void
cs_table_print(FILE *fp, const struct cs_row *hdr, const struct cs_row *rows,
    size_t n, size_t maxw)
{
	struct cs_table *t = cs_table_new(hdr, maxw);
	size_t i;

	for (i = 0; i < n; i++)
		cs_table_add(t, &rows[i]);
	(void)cs_table_end(t, fp);
}
