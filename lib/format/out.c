/*
 * out.c: records out, as the user asked: CSV in the store dialect, TSV,
 * JSON lines, an aligned table for a terminal, or CSV for a spreadsheet
 * (a guard before cells a spreadsheet would take as a formula, and GB18030
 * on request), or a sheet of the --xlsx workbook (xlsx.c).  A table is
 * held to the end, for its widths, in bounded memory (table.c).
 */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "format/format.h"
#include "format/xlsx.h"
#include "base/sheetval.h"
#include "store/values.h"

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
	int neutral = cs_sheet_guards(s);

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
	case CS_FMT_XLSX:
		if (!header && o->xl)
			cs_xlsx_row(o->xl, r);
		break;
	case CS_FMT_TABLE:
		break;
	}
	if (b.len)
		put(o, &b);
	cs_buf_free(&b);
}

/*
 * A table's values in the user's language (values.h): when it is
 * Chinese, the columns named as a field some of whose values have
 * Chinese names (status, channel ...), and for a record shown a field a
 * line (columns field and value) its values; decided once, at the header.
 */
static void
zh_columns(struct cs_out *o, const struct cs_row *hdr)
{
	size_t i;
	int any = 0;

	if (o->fmt != CS_FMT_TABLE || hdr->n == 0 || !cs_lang_zh())
		return;
	o->zh = cs_xmalloc(hdr->n);
	for (i = 0; i < hdr->n; i++)
		any |= o->zh[i] = (char)cs_value_field(cs_row_get(hdr, i));
	if (hdr->n == 2 && strcmp(cs_row_get(hdr, 0), "field") == 0 &&
	    strcmp(cs_row_get(hdr, 1), "value") == 0)
		any = o->zh[1] = 2;	/* by the field of its line */
	if (!any) {
		free(o->zh);
		o->zh = NULL;
	}
}

static void
shown(const struct cs_out *o, struct cs_row *r)
{
	const char *v, *s;
	size_t i;

	for (i = 0; o->zh && i < r->n && i < o->hdr.n; i++) {
		if (!o->zh[i])
			continue;
		v = cs_row_get(r, i);
		s = cs_value_shown(o->zh[i] == 2 ? cs_row_get(r, 0) :
		    cs_row_get(&o->hdr, i), v);
		if (s != v)
			cs_row_set(r, i, s);
	}
}

const char *cs_out_columns;

/* The columns of cs_out_columns in hdr, to pick (when not NULL); -1 at
 * one it has not, or one named twice. */
static int
columns(const struct cs_row *hdr, size_t *pick, size_t *npick)
{
	const char *p = cs_out_columns, *e;
	struct cs_buf all = { 0 };
	size_t i, j, n, k = 0;
	int ret = 0;

	for (; ret == 0 && *p; p = *e ? e + 1 : e, k++) {
		e = p + strcspn(p, ",");
		n = (size_t)(e - p);
		for (i = 0; i < hdr->n; i++)
			if (strlen(cs_row_get(hdr, i)) == n &&
			    memcmp(cs_row_get(hdr, i), p, n) == 0)
				break;
		for (j = 0; pick && i < hdr->n && j < k; j++)
			if (pick[j] == i)
				ret = cs_fail(CS_EUSAGE, "--fields: '%.*s' named twice",
				    (int)n, p);
		if (i < hdr->n && pick)
			pick[k] = i;
		if (i < hdr->n)
			continue;
		for (i = 0; i < hdr->n; i++)
			cs_buf_addf(&all, "%s%s", i ? ", " : "", cs_row_get(hdr, i));
		ret = cs_fail(CS_EUSAGE, "--fields: no field '%.*s' (the fields: %s)",
		    (int)n, p, all.s ? all.s : "");
	}
	cs_buf_free(&all);
	*npick = k;
	return ret;
}

int
cs_out_columns_check(const struct cs_row *hdr)
{
	size_t n;

	return cs_out_columns ? columns(hdr, NULL, &n) : 0;
}

/* A row as picked: the columns of pick, in their order. */
static const struct cs_row *
picked(struct cs_out *o, const struct cs_row *r)
{
	const char *v;
	size_t i;

	if (o->pick == NULL)
		return r;
	cs_row_clear(&o->picked);
	for (i = 0; i < o->npick; i++) {
		v = cs_row_get(r, o->pick[i]);
		cs_row_push(&o->picked, v, strlen(v));
	}
	return &o->picked;
}

static void begin(struct cs_out *o, FILE *fp, enum cs_fmt fmt,
    const struct cs_row *hdr, int header);

struct cs_table *
cs_out_table_part(struct cs_out *o)
{
	struct cs_table *t = o->tab;

	if (t == NULL)
		return NULL;
	o->tab = NULL;
	cs_out_discard(o);
	return t;
}

void
cs_out_absorb(struct cs_out *o, struct cs_table *part)
{
	if (o->tab)
		cs_table_absorb(o->tab, part);
	else
		cs_table_free(part);
}

static void
begin(struct cs_out *o, FILE *fp, enum cs_fmt fmt, const struct cs_row *hdr,
    int header)
{
	int gb = o->gb18030;
	size_t maxw = o->maxw;

	memset(o, 0, sizeof *o);
	o->fp = fp;
	o->fmt = fmt;
	o->gb18030 = gb;
	o->maxw = maxw;
	if (cs_out_columns) {
		const char *c;
		size_t n = 1;
		for (c = cs_out_columns; *c; c++)
			n += *c == ',';
		o->pick = cs_xmalloc(n * sizeof *o->pick);
		if (columns(hdr, o->pick, &o->npick) < 0) {
			o->bad = 1;
			return;
		}
		hdr = picked(o, hdr);
	}
	if (fmt == CS_FMT_XLSX && ((o->xl = cs_xlsx_book()) == NULL ||
	    cs_xlsx_sheet(o->xl, NULL, hdr, NULL) < 0))
		o->xl = NULL;	/* cannot be: --xlsx made the workbook */
	cs_row_copy(&o->hdr, hdr);
	if (fmt == CS_FMT_TABLE)	/* a part of one: no heading row */
		o->tab = header ? cs_table_new(hdr, maxw ? maxw : 40) :
		    cs_table_part(hdr->n, maxw ? maxw : 40);
	zh_columns(o, hdr);
	if (header)
		emit(o, hdr, 1);
}

void
cs_out_begin(struct cs_out *o, FILE *fp, enum cs_fmt fmt, const struct cs_row *hdr)
{
	begin(o, fp, fmt, hdr, 1);
}

void
cs_out_rows(struct cs_out *o, FILE *fp, enum cs_fmt fmt, const struct cs_row *hdr)
{
	begin(o, fp, fmt, hdr, 0);
}

void
cs_out_row(struct cs_out *o, const struct cs_row *r)
{
	if (o->bad)
		return;
	r = picked(o, r);
	if (o->tab && o->zh) {
		cs_row_copy(&o->shown, r);
		shown(o, &o->shown);
		cs_table_add(o->tab, &o->shown);
	} else if (o->tab)
		cs_table_add(o->tab, r);
	else
		emit(o, r, 0);
}

int
cs_out_end(struct cs_out *o)
{
	int held = 0;

	if (o->bad) {
		cs_out_discard(o);
		return -1;	/* the error columns() recorded */
	}
	if (o->tab) {
		cs_table_fit(o->tab, cs_tty_width(o->fp));
		held = cs_table_end(o->tab, o->fp);
	}
	o->tab = NULL;
	cs_row_free(&o->hdr);
	free(o->zh);
	o->zh = NULL;
	cs_row_free(&o->shown);
	cs_row_free(&o->picked);
	free(o->pick);
	o->pick = NULL;
	if (held < 0)
		return -1;
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
	cs_table_free(o->tab);
	o->tab = NULL;
	cs_row_free(&o->hdr);
	free(o->zh);
	o->zh = NULL;
	cs_row_free(&o->shown);
	cs_row_free(&o->picked);
	free(o->pick);
	o->pick = NULL;
}
