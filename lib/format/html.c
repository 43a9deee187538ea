/*
 * html.c: a self-contained HTML report, piece by piece (html.h): the page,
 * sections, escaped text, an SVG bar chart, a table; and a sparkline for
 * the terminal.  Each writes to fp as it goes; the caller checks the
 * stream at the end.
 */
#include <stdio.h>
#include <stdlib.h>
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
		struct cs_buf b = { 0 };
		cs_buf_addf(&b, _("(partial: %s)"), partial);
		fputs(" <span class=\"partial\">", fp);
		cs_html_text(fp, b.s);
		fputs("</span>", fp);
		cs_buf_free(&b);
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

/* ---- charts readable in black and white ---- */

/* A series's look: a colour, and what tells it without colour, a dash
 * pattern and a marker shape. */
static const char *const ink[] = { "#1f3b73", "#8c2d04", "#245524",
	"#5b2c6f", "#333333" };
static const char *const dash[] = { "", "7 3", "2 3", "9 3 2 3", "4 2 1 2" };

static void
marker(FILE *fp, int shape, int x, int y, const char *stroke, int hollow)
{
	const char *fill = hollow ? "#fff" : stroke;

	switch (shape % 5) {
	case 0:
		fprintf(fp, "<circle cx=\"%d\" cy=\"%d\" r=\"4\"", x, y);
		break;
	case 1:
		fprintf(fp, "<rect x=\"%d\" y=\"%d\" width=\"8\" height=\"8\"",
		    x - 4, y - 4);
		break;
	case 2:
		fprintf(fp, "<polygon points=\"%d,%d %d,%d %d,%d\"", x, y - 5,
		    x - 5, y + 4, x + 5, y + 4);
		break;
	case 3:
		fprintf(fp, "<polygon points=\"%d,%d %d,%d %d,%d %d,%d\"", x,
		    y - 5, x + 5, y, x, y + 5, x - 5, y);
		break;
	default:
		fprintf(fp, "<path d=\"M%d %dL%d %dM%d %dL%d %d\"", x - 4, y - 4,
		    x + 4, y + 4, x - 4, y + 4, x + 4, y - 4);
		fill = "none";
	}
	fprintf(fp, " fill=\"%s\" stroke=\"%s\" stroke-width=\"1.5\"/>", fill,
	    stroke);
}

/* Where point i of l goes across: 40px in from either end of the axis,
 * the middle when there is one point. */
static int
at(const struct cs_lines *l, int i, int left, int pw)
{
	return l->n > 1 ? left + 40 + (pw - 80) * i / (l->n - 1) :
	    left + pw / 2;
}

void
cs_svg_lines(FILE *fp, const struct cs_lines *l)
{
	int w = 640, left = 50, right = 150, top = 20, ph = 200, h;
	int i, s, x, y, pw = w - left - right, *end, *ord;
	double hi = 0;

	for (i = 0; i < l->n * l->k; i++)
		if (l->v[i] > hi)
			hi = l->v[i];
	if (hi <= 0)
		hi = 1;
	h = top + ph + (l->partial >= 0 ? 56 : 40);
	/* the names at the lines' ends, 14px apart at least, in their order */
	end = cs_xmalloc(((size_t)l->k + 1) * sizeof *end);
	for (s = 0; s < l->k; s++)
		end[s] = top + ph - (int)(ph * l->v[s * l->n + l->n - 1] / hi) + 4;
	ord = cs_xmalloc(((size_t)l->k + 1) * sizeof *ord);
	for (s = 0; s < l->k; s++) {	/* by the height of their ends */
		for (i = s; i > 0 && end[ord[i - 1]] > end[s]; i--)
			ord[i] = ord[i - 1];
		ord[i] = s;
	}
	for (i = 1; i < l->k; i++)
		if (end[ord[i]] < end[ord[i - 1]] + 14)
			end[ord[i]] = end[ord[i - 1]] + 14;
	free(ord);
	fprintf(fp, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	    "height=\"%d\" role=\"img\" aria-label=\"", w, h);
	cs_html_text(fp, l->title);
	fputs("\">\n", fp);
	/* the axes: 0, half and the top, dotted across */
	for (i = 0; i <= 2; i++) {
		y = top + ph - ph * i / 2;
		fprintf(fp, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
		    "stroke=\"#999\"%s/><text x=\"%d\" y=\"%d\" "
		    "text-anchor=\"end\">%.0f</text>\n", left, y, left + pw, y,
		    i ? " stroke-dasharray=\"1 3\"" : "", left - 4, y + 4,
		    hi * i / 2);
	}
	for (i = 0; i < l->n; i++) {
		x = at(l, i, left, pw);
		fprintf(fp, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">", x,
		    top + ph + 18);
		cs_html_text(fp, l->x[i]);
		fputs(i == l->partial ? "*</text>\n" : "</text>\n", fp);
	}
	for (s = 0; s < l->k; s++) {
		const double *v = l->v + s * l->n;
		const char *c = ink[s % 5];
		fprintf(fp, "<polyline fill=\"none\" stroke=\"%s\" stroke-width="
		    "\"2\"", c);
		if (*dash[s % 5])
			fprintf(fp, " stroke-dasharray=\"%s\"", dash[s % 5]);
		fputs(" points=\"", fp);
		for (i = 0; i < l->n; i++)
			fprintf(fp, "%s%d,%d", i ? " " : "", at(l, i, left, pw),
			    top + ph - (int)(ph * v[i] / hi));
		fputs("\"/>\n", fp);
		for (i = 0; i < l->n; i++) {
			x = at(l, i, left, pw);
			y = top + ph - (int)(ph * v[i] / hi);
			marker(fp, s, x, y, c, i == l->partial);
			fprintf(fp, "<text x=\"%d\" y=\"%d\">%.0f</text>\n", x + 6,
			    y - 6, v[i]);
		}
		/* the series named at its end, as a legend needs no colour */
		fprintf(fp, "<text x=\"%d\" y=\"%d\">", left + pw + 12,
		    end[s]);
		cs_html_text(fp, l->names[s]);
		fputs("</text>\n", fp);
	}
	if (l->partial >= 0) {
		fprintf(fp, "<text x=\"%d\" y=\"%d\">* ", left, h - 8);
		cs_html_text(fp, l->partial_label);
		fputs("</text>\n", fp);
	}
	fputs("</svg>\n", fp);
	free(end);
}

void
cs_svg_pareto(FILE *fp, const struct cs_bars *b)
{
	int w = 640, left = 40, right = 50, top = 20, ph = 200, lab = 0;
	int i, x, y, bw, pw = w - left - right, h;
	double hi = 0, total = 0, run = 0;

	for (i = 0; i < b->n; i++) {
		total += b->v[i];
		if (b->v[i] > hi)
			hi = b->v[i];
		if ((int)cs_utf8_width(b->labels[i]) > lab)
			lab = (int)cs_utf8_width(b->labels[i]);
	}
	if (hi <= 0)
		hi = 1;
	if (lab > 40)
		lab = 40;
	/* room for the first label, slanted down to the left */
	if (lab * 5 > left)
		w += lab * 5 - left, left = lab * 5;
	h = top + ph + 20 + lab * 5;
	bw = b->n ? pw / b->n : pw;
	fprintf(fp, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	    "height=\"%d\" role=\"img\" aria-label=\"", w, h);
	cs_html_text(fp, b->title);
	/* bars hatched, so that a grey print still shows them as bars */
	fputs("\">\n<defs><pattern id=\"cs-hatch\" width=\"6\" height=\"6\" "
	    "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
	    "<rect width=\"6\" height=\"6\" fill=\"#dde3ee\"/><line x1=\"0\" "
	    "y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#1f3b73\" stroke-width=\"2\"/>"
	    "</pattern></defs>\n", fp);
	fprintf(fp, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "stroke=\"#000\"/>\n", left, top + ph, left + pw, top + ph);
	/* the right axis: the cumulative share, and its 80 % line */
	y = top + ph - ph * 80 / 100;
	fprintf(fp, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "stroke=\"#000\" stroke-dasharray=\"1 3\"/><text x=\"%d\" y=\"%d\">"
	    "80%%</text>\n", left, y, left + pw, y, left + pw + 4, y + 4);
	fprintf(fp, "<text x=\"%d\" y=\"%d\">100%%</text>\n", left + pw + 4,
	    top + 4);
	for (i = 0; i < b->n; i++) {
		int bh = (int)(ph * b->v[i] / hi);
		x = left + bw * i;
		fprintf(fp, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
		    "fill=\"url(#cs-hatch)\" stroke=\"#1f3b73\"/><text x=\"%d\" "
		    "y=\"%d\" text-anchor=\"middle\">%.0f</text>\n", x + bw / 5,
		    top + ph - bh, bw * 3 / 5, bh, x + bw / 2, top + ph - bh - 3,
		    b->v[i]);
		fprintf(fp, "<text transform=\"translate(%d,%d) rotate(-45)\" "
		    "text-anchor=\"end\">", x + bw / 2, top + ph + 14);
		cs_html_text(fp, b->labels[i]);
		fputs("</text>\n", fp);
	}
	if (b->n > 0)
		fputs("<polyline fill=\"none\" stroke=\"#000\" stroke-width="
		    "\"1.5\" stroke-dasharray=\"5 2\" points=\"", fp);
	for (i = 0; i < b->n; i++) {
		run += b->v[i];
		fprintf(fp, "%s%d,%d", i ? " " : "", left + bw * i + bw / 2,
		    top + ph - (int)(ph * run / total));
	}
	if (b->n > 0)
		fputs("\"/>\n", fp);
	for (run = 0, i = 0; i < b->n; i++) {
		run += b->v[i];
		x = left + bw * i + bw / 2;
		y = top + ph - (int)(ph * run / total);
		marker(fp, 0, x, y, "#000", 1);
		fprintf(fp, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">"
		    "%.0f%%</text>\n", x, y - 8, 100 * run / total);
	}
	fputs("</svg>\n", fp);
}
