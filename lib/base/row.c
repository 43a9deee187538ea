/* row.c: one record, its fields in one buffer */
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

void
cs_row_clear(struct cs_row *r)
{
	r->len = 0;
	r->n = 0;
	r->line = 0;
}

void
cs_row_push(struct cs_row *r, const char *s, size_t n)
{
	if (r->n == r->ncap) {
		r->ncap = r->ncap ? r->ncap * 2 : 16;
		r->off = cs_xrealloc(r->off, r->ncap * sizeof *r->off);
	}
	if (r->len + n + 1 > r->cap) {
		if (r->len + n + 1 > UINT32_MAX)
			cs_fatal(CS_ESOFTWARE, "a row of over 4 GB");
		while (r->len + n + 1 > r->cap)
			r->cap = r->cap ? r->cap * 2 : 256;
		r->buf = cs_xrealloc(r->buf, r->cap);
	}
	r->off[r->n++] = (uint32_t)r->len;
	memcpy(r->buf + r->len, s, n);
	r->len += n;
	r->buf[r->len++] = '\0';
}

/* Push the inside of a quoted field, each doubled quote made one. */
void
cs_row_push_quoted(struct cs_row *r, const char *s, size_t n)
{
	size_t i, start;
	char *w;

	cs_row_push(r, s, n);
	w = r->buf + r->off[r->n - 1];
	start = r->off[r->n - 1];
	for (i = 0; i < n; i++) {
		*w++ = s[i];
		if (s[i] == '"' && i + 1 < n && s[i + 1] == '"')
			i++;
	}
	*w = '\0';
	r->len = start + (size_t)(w - (r->buf + start)) + 1;
}

const char *
cs_row_get(const struct cs_row *r, size_t i)
{
	return i < r->n ? r->buf + r->off[i] : "";
}

/* Replace field i; the other fields keep their values.  A value no
 * longer than the one it replaces is written over it, in place; a longer
 * one at the end of the buffer (the usual case: an import fills its
 * fields once, a change sets one). */
void
cs_row_set(struct cs_row *r, size_t i, const char *s)
{
	size_t n = strlen(s), at;

	if (i < r->n && n <= strlen(r->buf + r->off[i])) {
		memmove(r->buf + r->off[i], s, n + 1);
		return;
	}
	at = s >= r->buf && s < r->buf + r->len ? (size_t)(s - r->buf) : (size_t)-1;
	while (r->n <= i)
		cs_row_push(r, "", 0);
	/* longer: written at the end, the old value left unused (a row is
	 * cleared before its next record); s may be in the row itself */
	if (r->len + n + 1 > r->cap) {
		if (r->len + n + 1 > UINT32_MAX)
			cs_fatal(CS_ESOFTWARE, "a row of over 4 GB");
		while (r->len + n + 1 > r->cap)
			r->cap = r->cap ? r->cap * 2 : 256;
		r->buf = cs_xrealloc(r->buf, r->cap);
	}
	if (at != (size_t)-1)
		s = r->buf + at;
	memcpy(r->buf + r->len, s, n);
	r->off[i] = (uint32_t)r->len;
	r->len += n;
	r->buf[r->len++] = '\0';
}

void
cs_row_copy(struct cs_row *dst, const struct cs_row *src)
{
	size_t i, len = 0, k;

	/* sized to fit, not doubled: an import holds a copy of each row */
	for (i = 0; i < src->n; i++)
		len += strlen(src->buf + src->off[i]) + 1;
	cs_row_clear(dst);
	if (src->n > dst->ncap) {
		dst->ncap = src->n;
		dst->off = cs_xrealloc(dst->off, dst->ncap * sizeof *dst->off);
	}
	if (len > dst->cap) {
		dst->cap = len;
		dst->buf = cs_xrealloc(dst->buf, dst->cap);
	}
	for (i = 0; i < src->n; i++) {
		k = strlen(src->buf + src->off[i]) + 1;
		dst->off[i] = (uint32_t)dst->len;
		memcpy(dst->buf + dst->len, src->buf + src->off[i], k);
		dst->len += k;
	}
	dst->n = src->n;
	dst->line = src->line;
}

void
cs_row_free(struct cs_row *r)
{
	free(r->buf);
	free(r->off);
	memset(r, 0, sizeof *r);
}

int
cs_row_find(const struct cs_row *hdr, const char *name)
{
	size_t i;

	for (i = 0; i < hdr->n; i++)
		if (hdr->buf[hdr->off[i]] == name[0] &&
		    strcmp(hdr->buf + hdr->off[i], name) == 0)
			return (int)i;
	return -1;
}

void
cs_rows_add(struct cs_rows *rs, const struct cs_row *r)
{
	size_t i;
	const char *v;

	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? rs->cap * 2 : 64;
		rs->v = cs_xrealloc(rs->v, rs->cap * sizeof *rs->v);
	}
	rs->v[rs->n].at = rs->a.len;
	rs->v[rs->n].n = r->n;
	rs->v[rs->n++].line = r->line;
	for (i = 0; i < r->n; i++) {
		v = r->buf + r->off[i];
		cs_buf_add(&rs->a, v, strlen(v) + 1);
	}
}

void
cs_rows_get(const struct cs_rows *rs, size_t i, struct cs_row *out)
{
	const char *p = rs->v[i].n ? rs->a.s + rs->v[i].at : NULL;
	size_t k, n;

	cs_row_clear(out);
	for (k = 0; k < rs->v[i].n; k++, p += n + 1) {
		n = strlen(p);
		cs_row_push(out, p, n);
	}
	out->line = rs->v[i].line;
}

void
cs_rows_free(struct cs_rows *rs)
{
	cs_buf_free(&rs->a);
	free(rs->v);
	memset(rs, 0, sizeof *rs);
}

void
cs_row_cols(struct cs_row *r, const char *cols)
{
	const char *p, *q;

	for (p = cols; *p; p = *q ? q + 1 : q) {
		q = p + strcspn(p, ",");
		cs_row_push(r, p, (size_t)(q - p));
	}
}
