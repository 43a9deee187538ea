/*
 * xlsx.c: records out as an .xlsx workbook, through libxlsxwriter (the
 * protocol is in xlsx.h).  Cells are typed here, by the column's kind and
 * the value: strings for ids and codes, numbers, dates from our ISO 8601
 * times, shares ("48.9%") as numbers shown as percents and signed
 * changes ("+3") as numbers shown with their sign; widths follow the display width of the widest cell.  The file
 * is made under a temporary name and renamed when whole; a program that
 * exits before cs_xlsx_finish has its temporary file removed (atexit).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "format/html.h"
#include "format/xlsx.h"

#define XLSX_COLS 256
#define XLSX_WIDTH_MAX 60

struct cs_xlsx {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold, *date, *day;
	lxw_format *pct[4], *plus[4];	/* by places after the point */
	char *path, *tmp;
	lxw_error err;		/* the first error of a cell */
	size_t ncols;
	enum cs_xlsx_kind kind[XLSX_COLS];
	double width[XLSX_COLS];
	lxw_row_t row;		/* the next row of the current sheet */
};

static struct cs_xlsx *book;

static int
suffix(const char *s, const char *end)
{
	size_t n = strlen(s), k = strlen(end);

	return n >= k && strcmp(s + n - k, end) == 0;
}

/* Ids, phones, ID numbers, codes and references: text, whatever digits
 * they hold. */
enum cs_xlsx_kind
cs_xlsx_kind_of(const char *c)
{
	static const char *const text[] = { "id", "phone", "mobile", "tel",
		"customer", "agent", "order", "ticket", "contact", "person",
		"name", "login", "zip", "postcode", NULL };
	size_t i;

	for (i = 0; text[i]; i++)
		if (strcmp(c, text[i]) == 0)
			return CS_XLSX_TEXT;
	if (suffix(c, "_id") || suffix(c, "phone") || suffix(c, "code") ||
	    suffix(c, "_number") || suffix(c, "_no") || strstr(c, "id_card"))
		return CS_XLSX_TEXT;
	if (suffix(c, "_at") || strcmp(c, "since") == 0 || suffix(c, "_date"))
		return CS_XLSX_DATE;
	return CS_XLSX_AUTO;
}

static int
digits(const char *s, int n, int *v)
{
	*v = 0;
	while (n--) {
		if (*s < '0' || *s > '9')
			return -1;
		*v = *v * 10 + (*s++ - '0');
	}
	return 0;
}

/* 2026-11-22, or 2026-11-22T14:05:00 with an offset or Z: the wall clock
 * as written (our times are in the department's zone).  1 a time, 2 a
 * day, 0 neither. */
static int
as_date(const char *s, lxw_datetime *t)
{
	int y, mo, d, h = 0, mi = 0, sec = 0;
	size_t n = strlen(s);

	if (n < 10 || digits(s, 4, &y) < 0 || s[4] != '-' ||
	    digits(s + 5, 2, &mo) < 0 || s[7] != '-' || digits(s + 8, 2, &d) < 0 ||
	    y < 1900 || mo < 1 || mo > 12 || d < 1 || d > 31)
		return 0;
	if (n > 10 && (n < 19 || s[10] != 'T' || digits(s + 11, 2, &h) < 0 ||
	    s[13] != ':' || digits(s + 14, 2, &mi) < 0 || s[16] != ':' ||
	    digits(s + 17, 2, &sec) < 0 || h > 23 || mi > 59 || sec > 60 ||
	    (n > 19 && s[19] != 'Z' && s[19] != '+' && s[19] != '-')))
		return 0;
	*t = (lxw_datetime){ y, mo, d, h, mi, sec };
	return n == 10 ? 2 : 1;
}

/* A plain number: -?digits[.digits], at most 9 digits before the point,
 * no leading zero (a code). */
static int
as_number(const char *s, double *v)
{
	const char *p = s + (*s == '-');
	size_t k = strspn(p, "0123456789");

	if (k == 0 || k > 9 || (k > 1 && *p == '0'))
		return 0;
	if (p[k] == '.' && strspn(p + k + 1, "0123456789") > 0 &&
	    p[k + 1 + strspn(p + k + 1, "0123456789")] == '\0')
		;
	else if (p[k] != '\0')
		return 0;
	*v = strtod(s, NULL);
	return 1;
}

/* A share or a change as our outputs write them: "48.9%" (0.489, with
 * the percent format of as many places) or "+3" (3, with a sign); 0
 * when s is neither. */
static int
as_figure(struct cs_xlsx *x, const char *s, double *v, lxw_format **f)
{
	char num[32];
	size_t n = strlen(s);
	int pct = n > 1 && s[n - 1] == '%', plus = *s == '+', places;
	const char *dot;

	if (pct == plus || n - (size_t)pct - (size_t)plus >= sizeof num)
		return 0;
	memcpy(num, s + plus, n - (size_t)pct - (size_t)plus);
	num[n - (size_t)pct - (size_t)plus] = '\0';
	if ((plus && *num == '-') || !as_number(num, v))
		return 0;
	dot = strchr(num, '.');
	places = dot ? (int)strlen(dot + 1) : 0;
	if (places > 3)
		places = 3;
	if (pct)
		*v /= 100;
	*f = pct ? x->pct[places] : x->plus[places];
	return 1;
}

static void
keep(struct cs_xlsx *x, lxw_error e)
{
	if (e != LXW_NO_ERROR && x->err == LXW_NO_ERROR)
		x->err = e;
}

static void
cell(struct cs_xlsx *x, size_t c, const char *s)
{
	enum cs_xlsx_kind k = c < XLSX_COLS ? x->kind[c] : CS_XLSX_TEXT;
	lxw_format *f;
	lxw_datetime t;
	double v, w = (double)cs_utf8_width(s);
	int d;

	if (*s == '\0')
		return;
	if (k != CS_XLSX_TEXT && (d = as_date(s, &t)) > 0) {
		keep(x, worksheet_write_datetime(x->ws, x->row, (lxw_col_t)c, &t,
		    d == 1 ? x->date : x->day));
		w = d == 1 ? 19 : 10;
	} else if (k != CS_XLSX_TEXT && k != CS_XLSX_DATE && as_number(s, &v))
		keep(x, worksheet_write_number(x->ws, x->row, (lxw_col_t)c, v,
		    NULL));
	else if (k != CS_XLSX_TEXT && k != CS_XLSX_DATE && as_figure(x, s, &v, &f))
		keep(x, worksheet_write_number(x->ws, x->row, (lxw_col_t)c, v, f));
	else
		keep(x, worksheet_write_string(x->ws, x->row, (lxw_col_t)c, s,
		    NULL));
	if (c < XLSX_COLS && w > x->width[c])
		x->width[c] = w;
}

/* The current sheet's columns as wide as their widest cells. */
static void
widths(struct cs_xlsx *x)
{
	size_t c;
	double w;

	for (c = 0; x->ws && c < x->ncols && c < XLSX_COLS; c++) {
		w = x->width[c] > XLSX_WIDTH_MAX ? XLSX_WIDTH_MAX : x->width[c];
		worksheet_set_column(x->ws, (lxw_col_t)c, (lxw_col_t)c, w + 2,
		    NULL);
	}
}

int
cs_xlsx_sheet(struct cs_xlsx *x, const char *name, const struct cs_row *hdr,
    const enum cs_xlsx_kind *kinds)
{
	size_t c;

	widths(x);
	if ((x->ws = workbook_add_worksheet(x->wb, name)) == NULL)
		return cs_fail(CS_ESOFTWARE, "%s: cannot add the sheet '%s'",
		    x->path, name ? name : "");
	x->ncols = hdr->n;
	x->row = 0;
	memset(x->width, 0, sizeof x->width);
	for (c = 0; c < hdr->n && c < XLSX_COLS; c++)
		x->kind[c] = kinds ? kinds[c] : cs_xlsx_kind_of(cs_row_get(hdr, c));
	/* the headings in the user's language, as -o table's; the import
	 * knows them again (import.c) */
	for (c = 0; c < hdr->n; c++)
		keep(x, worksheet_write_string(x->ws, 0, (lxw_col_t)c,
		    cs_column_label(cs_row_get(hdr, c)), x->bold));
	for (c = 0; c < hdr->n && c < XLSX_COLS; c++)
		x->width[c] = (double)cs_utf8_width(
		    cs_column_label(cs_row_get(hdr, c)));
	worksheet_freeze_panes(x->ws, 1, 0);
	x->row = 1;
	return 0;
}

void
cs_xlsx_row(struct cs_xlsx *x, const struct cs_row *r)
{
	size_t c;

	if (x->row >= LXW_ROW_MAX) {
		keep(x, LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE);
		return;
	}
	for (c = 0; c < r->n; c++)
		cell(x, c, cs_row_get(r, c));
	x->row++;
}

void
cs_xlsx_note(struct cs_xlsx *x, size_t col, const char *text)
{
	keep(x, worksheet_write_comment(x->ws, 0, (lxw_col_t)col, text));
}

void
cs_xlsx_range(struct cs_xlsx *x, size_t col, double lo, double hi)
{
	lxw_data_validation dv = { 0 };

	dv.validate = LXW_VALIDATION_TYPE_DECIMAL;
	dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
	dv.minimum_number = lo;
	dv.maximum_number = hi;
	keep(x, worksheet_data_validation_range(x->ws, 1, (lxw_col_t)col,
	    LXW_ROW_MAX - 1, (lxw_col_t)col, &dv));
}

void
cs_xlsx_list(struct cs_xlsx *x, size_t col, const char *const *items)
{
	lxw_data_validation dv = { 0 };

	dv.validate = LXW_VALIDATION_TYPE_LIST;
	dv.value_list = (char **)items;
	keep(x, worksheet_data_validation_range(x->ws, 1, (lxw_col_t)col,
	    LXW_ROW_MAX - 1, (lxw_col_t)col, &dv));
}

void
cs_xlsx_bars(struct cs_xlsx *x, const char *sheet, const char *title,
    const struct cs_bars *b, int line)
{
	static const enum cs_xlsx_kind kinds[] = { CS_XLSX_TEXT,
		CS_XLSX_NUMBER };
	struct cs_row r = { 0 };
	lxw_chart *ch;
	lxw_chart_series *se;
	char v[32];
	int i;

	cs_row_push(&r, "label", 5);
	cs_row_push(&r, "value", 5);
	if (cs_xlsx_sheet(x, sheet, &r, kinds) < 0) {
		keep(x, LXW_ERROR_SHEETNAME_ALREADY_USED);
		cs_row_free(&r);
		return;
	}
	for (i = 0; i < b->n; i++) {
		cs_row_clear(&r);
		snprintf(v, sizeof v, "%g", b->v[i]);
		cs_row_push(&r, b->labels[i], strlen(b->labels[i]));
		cs_row_push(&r, v, strlen(v));
		cs_xlsx_row(x, &r);
	}
	cs_row_free(&r);
	if (b->n == 0)
		return;
	ch = workbook_add_chart(x->wb, line ? LXW_CHART_LINE : LXW_CHART_COLUMN);
	se = chart_add_series(ch, NULL, NULL);
	chart_series_set_categories(se, sheet, 1, 0, (lxw_row_t)b->n, 0);
	chart_series_set_values(se, sheet, 1, 1, (lxw_row_t)b->n, 1);
	chart_title_set_name(ch, title);
	chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
	keep(x, worksheet_insert_chart(x->ws, 1, 3, ch));
}

void
cs_xlsx_lines(struct cs_xlsx *x, const char *title, int n, int k)
{
	const char *sheet;
	lxw_chart *ch;
	lxw_chart_series *se;
	static const uint8_t dashes[] = { LXW_CHART_LINE_DASH_SOLID,
		LXW_CHART_LINE_DASH_DASH, LXW_CHART_LINE_DASH_ROUND_DOT,
		LXW_CHART_LINE_DASH_LONG_DASH, LXW_CHART_LINE_DASH_DASH_DOT };
	lxw_chart_line line = { 0 };
	int s;

	if (x->ws == NULL || n <= 0 || k <= 0)
		return;
	sheet = x->ws->name;
	ch = workbook_add_chart(x->wb, LXW_CHART_LINE);
	for (s = 0; s < k; s++) {
		se = chart_add_series(ch, NULL, NULL);
		chart_series_set_categories(se, sheet, 1, 0, (lxw_row_t)n, 0);
		chart_series_set_values(se, sheet, 1, (lxw_col_t)(s + 1),
		    (lxw_row_t)n, (lxw_col_t)(s + 1));
		chart_series_set_name_range(se, sheet, 0, (lxw_col_t)(s + 1));
		/* a marker and a dash a series, so that a grey print tells
		 * them apart */
		line.dash_type = dashes[s % 5];
		chart_series_set_line(se, &line);
		chart_series_set_marker_type(se, (uint8_t)(LXW_CHART_MARKER_SQUARE +
		    s % 8));
	}
	chart_title_set_name(ch, title);
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	keep(x, worksheet_insert_chart(x->ws, (lxw_row_t)n + 2, 0, ch));
}

int
cs_xlsx_audit(struct cs_xlsx *x, const char *dir, size_t first)
{
	static const char *const yes_no[] = { "是", "否", "yes", "no", NULL };
	struct cs_rubric rb = { 0 };
	struct cs_buf note = { 0 };
	const struct cs_rubric_cat *c;
	size_t i;

	if (cs_rubric_load(&rb, dir) < 0)
		return -1;
	for (i = 0; i < rb.n; i++) {
		c = &rb.cats[i];
		cs_buf_reset(&note);
		cs_buf_addf(&note, "%s: a score from 0 to %g; the standard is %g; "
		    "weight %g%s", c->name, c->max, c->standard, c->weight,
		    c->critical ? "; a critical category" : "");
		cs_xlsx_range(x, first + i, 0, c->max);
		cs_xlsx_note(x, first + i, note.s);
	}
	cs_xlsx_list(x, first + rb.n, yes_no);
	cs_xlsx_note(x, first + rb.n, "critical: 是 or 否 (yes or no): a "
	    "critical failure fails the whole record");
	cs_buf_free(&note);
	cs_rubric_free(&rb);
	return 0;
}

static void
forget(struct cs_xlsx *x)
{
	free(x->path);
	free(x->tmp);
	free(x);
}

/* At exit, a workbook not finished: its temporary file goes. */
static void
at_exit(void)
{
	if (book && book->tmp)
		unlink(book->tmp);
}

int
cs_xlsx_target(const char *path)
{
	struct cs_xlsx *x;
	const char *base = strrchr(path, '/');
	mode_t mask;
	int fd, i;

	if (*path == '\0' || (base && base[1] == '\0'))
		return cs_fail(CS_EUSAGE, "--xlsx: not a file name: '%s'", path);
	x = cs_xmalloc(sizeof *x);
	memset(x, 0, sizeof *x);
	x->path = cs_xstrdup(path);
	x->tmp = cs_xmalloc(strlen(path) + 16);
	sprintf(x->tmp, "%.*s.%s.XXXXXX", base ? (int)(base - path + 1) : 0,
	    path, base ? base + 1 : path);
	if ((fd = mkstemp(x->tmp)) < 0) {
		cs_fail(CS_ECANTCREAT, "create %s: %s", path, strerror(errno));
		forget(x);
		return -1;
	}
	mask = umask(0);	/* mkstemp's 0600: the umask's, as for a new file */
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	close(fd);
	x->wb = workbook_new(x->tmp);
	if (x->wb == NULL) {
		unlink(x->tmp);
		forget(x);
		return cs_fail(CS_ECANTCREAT, "create %s: libxlsxwriter failed",
		    path);
	}
	x->bold = workbook_add_format(x->wb);
	format_set_bold(x->bold);
	x->date = workbook_add_format(x->wb);
	format_set_num_format(x->date, "yyyy-mm-dd hh:mm:ss");
	x->day = workbook_add_format(x->wb);
	format_set_num_format(x->day, "yyyy-mm-dd");
	for (i = 0; i < 4; i++) {
		static const char *const pct[] = { "0%", "0.0%", "0.00%",
			"0.000%" }, *const plus[] = { "+0;-0;0", "+0.0;-0.0;0.0",
			"+0.00;-0.00;0.00", "+0.000;-0.000;0.000" };
		x->pct[i] = workbook_add_format(x->wb);
		format_set_num_format(x->pct[i], pct[i]);
		x->plus[i] = workbook_add_format(x->wb);
		format_set_num_format(x->plus[i], plus[i]);
	}
	book = x;
	atexit(at_exit);
	return 0;
}

struct cs_xlsx *
cs_xlsx_book(void)
{
	return book;
}

int
cs_xlsx_finish(void)
{
	struct cs_xlsx *x = book;
	lxw_error e;
	int fd, ret = -1;

	if (x == NULL)
		return 0;
	widths(x);
	if (x->ws == NULL)
		x->ws = workbook_add_worksheet(x->wb, NULL);
	e = workbook_close(x->wb);
	if (x->err != LXW_NO_ERROR) {
		cs_fail(CS_EIO, "%s: %s", x->path, lxw_strerror(x->err));
		goto out;
	}
	if (e != LXW_NO_ERROR) {
		cs_fail(CS_EIO, "write %s: %s", x->path, lxw_strerror(e));
		goto out;
	}
	/* the temporary file, whole on disk, then its name */
	if ((fd = open(x->tmp, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0 ||
	    fsync(fd) < 0) {
		cs_fail(CS_EIO, "fsync %s: %s", x->tmp, strerror(errno));
		if (fd >= 0)
			close(fd);
		goto out;
	}
	close(fd);
	if (rename(x->tmp, x->path) < 0) {
		cs_fail(CS_ECANTCREAT, "rename %s to %s: %s", x->tmp, x->path,
		    strerror(errno));
		goto out;
	}
	free(x->tmp);
	x->tmp = NULL;
	ret = 0;
out:
	if (x->tmp)
		unlink(x->tmp);
	book = NULL;
	forget(x);
	return ret;
}
