/*
 * html.c: a self-contained HTML report, piece by piece (html.h): the page,
 * sections, escaped text, an SVG bar chart, a table; and a sparkline for
 * the terminal.  Each writes to fp as it goes; the caller checks the
 * stream at the end.
 */
#include <stdio.h>
#include <string.h>

#include "format/html.h"
#include "store/values.h"

void
cs_html_text(FILE *fp, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '&': fputs("&amp;", fp); break;
		case '<': fputs("&lt;", fp); break;
		case '>': fputs("&gt;", fp); break;
		case '"': fputs("&quot;", fp); break;
		default: fputc(*s, fp);
		}
}

const char cs_html_fonts[] = "\"Noto Sans CJK SC\",\"Source Han Sans SC\","
	"\"PingFang SC\",\"Microsoft YaHei\",sans-serif";

const char *
cs_html_lang(void)
{
	return cs_lang_zh() ? "zh-CN" : "en";
}

void
cs_html_begin(FILE *fp, const char *lang, const char *title,
    const char *style)
{
	fputs("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" "
	    "lang=\"", fp);
	cs_html_text(fp, lang ? lang : cs_html_lang());
	fputs("\">\n<head><meta charset=\"utf-8\"/><title>", fp);
	cs_html_text(fp, title);
	fprintf(fp, "</title>\n<style>body,svg text{font-family:%s;}"
	    ".partial{color:#a60;font-weight:normal;}", cs_html_fonts);
	fputs(style, fp);
	fputs("</style></head>\n<body>\n", fp);
}

void
cs_html_title(FILE *fp, const char *title, const char *partial)
{
	fputs("<h1>", fp);
	cs_html_text(fp, title);
	if (partial) {
		fputs(" <span class=\"partial\">(partial: ", fp);
		cs_html_text(fp, partial);
		fputs(")</span>", fp);
	}
	fputs("</h1>\n", fp);
}

void
cs_html_end(FILE *fp)
{
	fputs("</body>\n</html>\n", fp);
}

void
cs_html_section(FILE *fp, const char *id, const char *heading)
{
	fputs("<section id=\"", fp);
	cs_html_text(fp, id);
	fputs("\"><h2>", fp);
	cs_html_text(fp, heading);
	fputs("</h2>\n", fp);
}

void
cs_html_section_end(FILE *fp)
{
	fputs("</section>\n", fp);
}

void
cs_svg_bars(FILE *fp, const struct cs_bars *b)
{
	int i, w = 640, lw = 170, bh = 22, h = b->n * bh + 30, lc;
	double hi = b->top;

	for (i = 0; i < b->n; i++) {
		if (b->v[i] > hi)
			hi = b->v[i];
		/* room for the longest label, at 7px a column of 12px text */
		lc = (int)cs_utf8_width(b->labels[i]) * 7 + 16;
		if (lc > 600)
			lc = 600;
		if (lc > lw)
			w += lc - lw, lw = lc;
	}
	if (hi <= 0)
		hi = 1;
	fprintf(fp, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	    "height=\"%d\" role=\"img\" aria-label=\"", w, h);
	cs_html_text(fp, b->title);
	fputs("\">\n", fp);
	for (i = 0; i < b->n; i++) {
		double v = b->v[i];
		int y = 10 + i * bh, bw = (int)((w - lw - 60) * v / hi);
		fprintf(fp, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", lw - 6,
		    y + 15);
		cs_html_text(fp, b->labels[i]);
		fprintf(fp, "</text><rect x=\"%d\" y=\"%d\" width=\"%d\" "
		    "height=\"%d\" fill=\"#4e79a7\"/><text x=\"%d\" y=\"%d\">%.*f",
		    lw, y + 2, bw > 0 ? bw : 0, bh - 6, lw + bw + 4, y + 15,
		    v < 10 && v != (int)v ? 1 : 0, v);
		cs_html_text(fp, b->unit);
		fputs("</text>\n", fp);
	}
	if (b->mark >= 0) {
		int x = lw + (int)((w - lw - 60) * b->mark / hi);
		fprintf(fp, "<line x1=\"%d\" y1=\"5\" x2=\"%d\" y2=\"%d\" "
		    "stroke=\"#e15759\" stroke-dasharray=\"4 3\"/><text x=\"%d\" "
		    "y=\"%d\" fill=\"#e15759\">", x, x, b->n * bh + 18, x + 3,
		    b->n * bh + 28);
		cs_html_text(fp, b->mark_label);
		fprintf(fp, " %.0f</text>\n", b->mark);
	}
	fputs("</svg>\n", fp);
}

/* A row of cells, each escaped, of tag td or th. */
static void
cells(FILE *fp, const char *tag, const struct cs_row *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		fprintf(fp, "<%s>", tag);
		cs_html_text(fp, cs_row_get(r, i));
		fprintf(fp, "</%s>", tag);
	}
	fputs("</tr>\n", fp);
}

/* The headings in the user's language, as -o table's (cs_column_label). */
void
cs_html_table(FILE *fp, const struct cs_row *hdr)
{
	size_t i;

	fputs("<table>\n<tr>", fp);
	for (i = 0; i < hdr->n; i++) {
		fputs("<th>", fp);
		cs_html_text(fp, cs_column_label(cs_row_get(hdr, i)));
		fputs("</th>", fp);
	}
	fputs("</tr>\n", fp);
}

void
cs_html_row(FILE *fp, const char *class, const struct cs_row *r)
{
	if (class) {
		fputs("<tr class=\"", fp);
		cs_html_text(fp, class);
		fputs("\">", fp);
	} else
		fputs("<tr>", fp);
	cells(fp, "td", r);
}

void
cs_html_table_end(FILE *fp)
{
	fputs("</table>\n", fp);
}

void
cs_spark(struct cs_buf *b, const double *v, const int *data, int n)
{
	static const char *const bars[] = { "\u2581", "\u2582", "\u2583",
		"\u2584", "\u2585", "\u2586", "\u2587", "\u2588" };
	double hi = 0;
	int i;

	cs_buf_adds(b, "");
	for (i = 0; i < n; i++)
		if (data[i] && v[i] > hi)
			hi = v[i];
	for (i = 0; i < n; i++)
		cs_buf_adds(b, !data[i] ? " " : bars[hi > 0 ?
		    (int)(v[i] / hi * 7 + 0.5) : 0]);
}
