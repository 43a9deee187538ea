/*
 * table.c: an aligned table for a terminal.  Widths are display columns,
 * not bytes, so Chinese (two columns a character) and English line up.
 * A cell wider than maxw is cut with an ellipsis.  Stored text is shown,
 * never obeyed: a line break shows as \n, ESC as \x1b, a bidirectional
 * override as \u202e (cs_ctrl_show), measured as wide as it is shown; a
 * byte that is not UTF-8 as ?.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "format/format.h"

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

/* The cell as it will be shown: one line, at most maxw columns. */
static char *
cell(const char *s, size_t maxw, size_t *width)
{
	struct cs_buf b = { 0 };
	size_t n = strlen(s), i, w = 0, total = 0, room, cw;
	char esc[8];
	int k;

	for (i = 0; i < n; i += (size_t)k)
		total += glyph(s + i, n - i, &k, esc);
	room = total > maxw ? maxw - 1 : total;
	cs_buf_adds(&b, "");
	for (i = 0; i < n; i += (size_t)k) {
		cw = glyph(s + i, n - i, &k, esc);
		if (w + cw > room)
			break;
		w += cw;
		if (esc[0])
			cs_buf_adds(&b, esc);
		else
			cs_buf_add(&b, s + i, (size_t)k);
	}
	if (total > maxw) {
		cs_buf_adds(&b, "\xe2\x80\xa6");	/* an ellipsis */
		w++;
	}
	*width = w;
	return b.s;
}

static void
print_row(FILE *fp, const struct cs_row *r, size_t ncol, const size_t *colw,
    size_t maxw)
{
	struct cs_buf line = { 0 };
	size_t i, w;
	char *c;

	for (i = 0; i < ncol; i++) {
		c = cell(cs_row_get(r, i), maxw, &w);
		cs_buf_adds(&line, c);
		free(c);
		if (i + 1 < ncol)
			for (; w < colw[i] + 2; w++)
				cs_buf_addc(&line, ' ');
	}
	while (line.len > 0 && line.s[line.len - 1] == ' ')
		line.len--;
	fwrite(line.s, 1, line.len, fp);
	fputc('\n', fp);
	cs_buf_free(&line);
}

void
cs_table_print(FILE *fp, const struct cs_row *hdr, const struct cs_row *rows,
    size_t n, size_t maxw)
{
	struct cs_row lab = { 0 };
	size_t *colw, i, j, w;
	const char *l;
	char *c;

	for (j = 0; j < hdr->n; j++) {	/* the headings in the user's language */
		l = cs_column_label(cs_row_get(hdr, j));
		cs_row_push(&lab, l, strlen(l));
	}
	colw = cs_xmalloc((hdr->n + 1) * sizeof *colw);
	for (j = 0; j < hdr->n; j++) {
		c = cell(cs_row_get(&lab, j), maxw, &colw[j]);
		free(c);
		for (i = 0; i < n; i++) {
			c = cell(cs_row_get(&rows[i], j), maxw, &w);
			free(c);
			if (w > colw[j])
				colw[j] = w;
		}
	}
	print_row(fp, &lab, lab.n, colw, maxw);
	for (i = 0; i < n; i++)
		print_row(fp, &rows[i], hdr->n, colw, maxw);
	free(colw);
	cs_row_free(&lab);
}
