/*
 * table.c: an aligned table for a terminal.  Widths are display columns,
 * not bytes, so Chinese (two columns a character) and English line up.
 * A cell wider than maxw is cut with an ellipsis; line breaks show as \n.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cs.h"

static int
shown_width(uint32_t cp)
{
	return cp == '\n' || cp == '\r' || cp == '\t' ? 2 : cs_wcwidth(cp);
}

/* The cell as it will be shown: one line, at most maxw columns. */
static char *
cell(const char *s, size_t maxw, size_t *width)
{
	struct cs_buf b = { 0 };
	size_t n = strlen(s), i, w = 0, total = 0, room;
	uint32_t cp;
	int k;

	for (i = 0; i < n; i += (size_t)k) {
		if ((k = cs_utf8_decode(s + i, n - i, &cp)) < 0)
			k = 1, cp = '?';
		total += (size_t)shown_width(cp);
	}
	room = total > maxw ? maxw - 1 : total;
	cs_buf_adds(&b, "");
	for (i = 0; i < n; i += (size_t)k) {
		if ((k = cs_utf8_decode(s + i, n - i, &cp)) < 0)
			k = 1, cp = '?';
		if (w + (size_t)shown_width(cp) > room)
			break;
		w += (size_t)shown_width(cp);
		if (cp == '\n')
			cs_buf_adds(&b, "\\n");
		else if (cp == '\r')
			cs_buf_adds(&b, "\\r");
		else if (cp == '\t')
			cs_buf_adds(&b, "\\t");
		else if (cp == '?' && k == 1 && s[i] != '?')
			cs_buf_addc(&b, '?');
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
	size_t *colw, i, j, w;
	char *c;

	colw = cs_xmalloc((hdr->n + 1) * sizeof *colw);
	for (j = 0; j < hdr->n; j++) {
		c = cell(cs_row_get(hdr, j), maxw, &colw[j]);
		free(c);
		for (i = 0; i < n; i++) {
			c = cell(cs_row_get(&rows[i], j), maxw, &w);
			free(c);
			if (w > colw[j])
				colw[j] = w;
		}
	}
	print_row(fp, hdr, hdr->n, colw, maxw);
	for (i = 0; i < n; i++)
		print_row(fp, &rows[i], hdr->n, colw, maxw);
	free(colw);
}
