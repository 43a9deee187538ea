/*
 * html.h - the pieces of a self-contained HTML report (html.c): a page,
 * its sections, text escaped, a horizontal bar chart in inline SVG and a
 * table; and the terminal's sparkline of a series.
 *
 * Everything given as text is escaped (& < > "), so that stored text is
 * shown, never obeyed; the page names nothing outside itself (no script,
 * style sheet or image to fetch).  The output is XHTML: it parses as XML.
 *
 * Layers below: base, store, rules.
 */
#ifndef CS_FORMAT_HTML_H
#define CS_FORMAT_HTML_H

#include "format/format.h"

void cs_html_text(FILE *fp, const char *s);
/* The fonts of every page, a CJK one first so that Chinese is never
 * boxes: Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft
 * YaHei, then sans-serif.  Named only: the page loads no font. */
extern const char cs_html_fonts[];
/* The page's language by the user's (cs_lang_zh, cs(7)): "zh-CN" or
 * "en". */
const char *cs_html_lang(void);
/* The page's head, with the fonts and its own style sheet after them,
 * and the <body> begun; lang NULL: cs_html_lang(). */
void cs_html_begin(FILE *fp, const char *lang, const char *title,
    const char *style);
/* The page's <h1>: title, and when partial is not NULL a note after it,
 * <span class="partial">(partial: partial)</span> in the user's
 * language, for a period that has not ended. */
void cs_html_title(FILE *fp, const char *title, const char *partial);
void cs_html_end(FILE *fp);
void cs_html_section(FILE *fp, const char *id, const char *heading);
void cs_html_section_end(FILE *fp);

/* A bar a label, horizontal, scaled to the largest value or to top,
 * whichever is more; a dashed line at mark, "mark_label mark", when
 * mark >= 0.  A value below 10 that is not whole is shown to 1 place. */
struct cs_bars {
	const char *title;	/* the chart's accessible name */
	const char *const *labels;
	const double *v;
	int n;
	double top, mark;
	const char *mark_label;
	const char *unit;	/* after each value */
};
void cs_svg_bars(FILE *fp, const struct cs_bars *b);

/* Lines over time, readable printed in black and white: each series its
 * own dash pattern and marker (circle, square, triangle, diamond,
 * cross) besides its colour, its name at its end and each point's
 * value beside it; the axis at 0, half and the largest value.  The
 * point partial (-1: none) is hollow, its label starred, and
 * "* partial_label" is said under the chart.  v holds k series of n
 * values, a series after the other. */
struct cs_lines {
	const char *title;
	const char *const *x;	/* n labels */
	int n;
	const char *const *names;	/* k series */
	const double *v;
	int k;
	int partial;
	const char *partial_label;
};
void cs_svg_lines(FILE *fp, const struct cs_lines *l);
/* A Pareto chart of b's bars (b->v the most first): hatched columns with
 * their counts above, their labels slanted below, and the cumulative
 * share as a dashed line of hollow circles with its percentages, against
 * a right axis to 100 % with a dotted 80 % line.  Only b->title, labels,
 * v and n are read. */
void cs_svg_pareto(FILE *fp, const struct cs_bars *b);

/* A table: its header row, rows each of a class (NULL for none), end. */
void cs_html_table(FILE *fp, const struct cs_row *hdr);
void cs_html_row(FILE *fp, const char *class, const struct cs_row *r);
void cs_html_table_end(FILE *fp);

/* A line of eighths, a character a value (a space where data[i] is 0),
 * each against the largest of v[0..n). */
void cs_spark(struct cs_buf *b, const double *v, const int *data, int n);

#endif
