/* test_html.c: a report's pieces, byte for byte: escaping, the SVG bar
 * chart's numbers, a table, the sparkline; the line and Pareto charts'
 * numbers; the monthly report's tables of causes and after-sales, and
 * its week of spot checks, each worked out by hand; its cells in the
 * user's language */
#include "unit.h"

static char *text;
static size_t len;

static FILE *
out(void)
{
	FILE *fp = open_memstream(&text, &len);

	assert_non_null(fp);
	return fp;
}

/* What fp was given, which the caller frees. */
static char *
got(FILE *fp)
{
	assert_int_equal(fclose(fp), 0);
	return text;
}

static void
test_text(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "plain", "plain" },
		{ "a<b & \"c\">", "a&lt;b &amp; &quot;c&quot;&gt;" },
		{ "<script>", "&lt;script&gt;" },
		{ "&amp;", "&amp;amp;" },
		{ "it's 华东一组", "it's 华东一组" },	/* ' and UTF-8 as they are */
		{ "", "" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		FILE *fp = out();
		char *s;
		cs_html_text(fp, cases[i].in);
		s = got(fp);
		if (strcmp(s, cases[i].want))
			fail_msg("'%s': '%s'", cases[i].in, s);
		free(s);
	}
}

/*
 * 640 wide; labels end at 164, bars start at 170 and have 410 for the
 * largest value; a bar a 22, from y 10; the value 4 after the bar.
 */
static void
test_bars(void **state)
{
	static const char *const labels[] = { "a&b", "c" };
	static const double v[] = { 3, 1.5 };
	static const double s[] = { 50, 100, -5 };
	static const char *const who[] = { "ann", "ben", "cal" };
	FILE *fp = out();
	char *t;

	(void)state;
	/* scaled to the largest, 3: 410 and 205; 1.5 to 1 place */
	cs_svg_bars(fp, &(struct cs_bars){ "Volume <by month>", labels, v, 2, 0,
	    -1, "", "" });
	t = got(fp);
	assert_string_equal(t, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"640\" height=\"74\" role=\"img\" aria-label=\"Volume "
	    "&lt;by month&gt;\">\n"
	    "<text x=\"164\" y=\"25\" text-anchor=\"end\">a&amp;b</text>"
	    "<rect x=\"170\" y=\"12\" width=\"410\" height=\"16\" "
	    "fill=\"#4e79a7\"/><text x=\"584\" y=\"25\">3</text>\n"
	    "<text x=\"164\" y=\"47\" text-anchor=\"end\">c</text>"
	    "<rect x=\"170\" y=\"34\" width=\"205\" height=\"16\" "
	    "fill=\"#4e79a7\"/><text x=\"379\" y=\"47\">1.5</text>\n"
	    "</svg>\n");
	free(t);
	/* to a top of 100 with a mark at 60: 170 + 246; a value below 0
	 * has no bar */
	fp = out();
	cs_svg_bars(fp, &(struct cs_bars){ "Scores", who, s, 3, 100, 60, "pass",
	    "%" });
	t = got(fp);
	assert_non_null(strstr(t, "height=\"96\""));
	assert_non_null(strstr(t, "<rect x=\"170\" y=\"12\" width=\"205\""));
	assert_non_null(strstr(t, "<rect x=\"170\" y=\"34\" width=\"410\""));
	assert_non_null(strstr(t, "<rect x=\"170\" y=\"56\" width=\"0\""));
	assert_non_null(strstr(t, "<text x=\"379\" y=\"25\">50%</text>"));
	assert_non_null(strstr(t, "<line x1=\"416\" y1=\"5\" x2=\"416\" "
	    "y2=\"84\" stroke=\"#e15759\" stroke-dasharray=\"4 3\"/><text "
	    "x=\"419\" y=\"94\" fill=\"#e15759\">pass 60</text>\n</svg>\n"));
	free(t);
	/* nothing above 0: no division by it */
	fp = out();
	cs_svg_bars(fp, &(struct cs_bars){ "None", labels, s + 2, 1, 0, -1, "",
	    "" });
	t = got(fp);
	assert_non_null(strstr(t, "width=\"0\" height=\"16\""));
	assert_null(strstr(t, "<line"));
	free(t);
}

static void
test_page(void **state)
{
	struct cs_row h = { 0 }, r = { 0 };
	FILE *fp = out();
	char *t;

	(void)state;
	cs_row_push(&h, "person", 6);
	cs_row_push(&h, "rule", 4);
	cs_row_push(&r, "<b>", 3);
	cs_row_push(&r, "score 1 < 2", 11);
	cs_html_begin(fp, "zh", "Report \"A\" & B", "td{x:1}");
	cs_html_section(fp, "v", "Verdicts");
	cs_html_table(fp, &h);
	cs_html_row(fp, "fail", &r);
	cs_html_row(fp, NULL, &h);
	cs_html_table_end(fp);
	cs_html_section_end(fp);
	cs_html_end(fp);
	t = got(fp);
	assert_string_equal(t, "<!DOCTYPE html>\n"
	    "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"zh\">\n"
	    "<head><meta charset=\"utf-8\"/><title>Report &quot;A&quot; &amp; B"
	    "</title>\n<style>body,svg text{font-family:\"Noto Sans CJK SC\","
	    "\"Source Han Sans SC\",\"PingFang SC\",\"Microsoft YaHei\","
	    "sans-serif;}.partial{color:#a60;font-weight:normal;}td{x:1}"
	    "</style></head>\n<body>\n"
	    "<section id=\"v\"><h2>Verdicts</h2>\n"
	    "<table>\n<tr><th>person</th><th>rule</th></tr>\n"
	    "<tr class=\"fail\"><td>&lt;b&gt;</td><td>score 1 &lt; 2</td></tr>\n"
	    "<tr><td>person</td><td>rule</td></tr>\n"
	    "</table>\n</section>\n</body>\n</html>\n");
	free(t);
	cs_row_free(&h);
	cs_row_free(&r);
}

/* The page's language by the user's; the title, and a period not ended
 * marked partial. */
static void
test_lang_title(void **state)
{
	static const struct {
		const char *lang, *lc_all, *want;
	} cases[] = {
		{ "zh_CN.UTF-8", NULL, "lang=\"zh-CN\"" },
		{ "zh_CN.UTF-8", "C", "lang=\"en\"" },
		{ "C", NULL, "lang=\"en\"" },
		{ NULL, NULL, "lang=\"en\"" },
	};
	FILE *fp;
	char *t;
	size_t i;

	(void)state;
	unsetenv("LC_MESSAGES");
	unsetenv("LANGUAGE");
	for (i = 0; i < N(cases); i++) {
		if (cases[i].lang)
			setenv("LANG", cases[i].lang, 1);
		else
			unsetenv("LANG");
		if (cases[i].lc_all)
			setenv("LC_ALL", cases[i].lc_all, 1);
		else
			unsetenv("LC_ALL");
		fp = out();
		cs_html_begin(fp, NULL, "t", "");
		t = got(fp);
		assert_non_null(strstr(t, cases[i].want));
		free(t);
	}
	unsetenv("LANG");
	unsetenv("LC_ALL");
	fp = out();
	cs_html_title(fp, "Report 2026-11 <x>", NULL);
	cs_html_title(fp, "Report 2026-12", "to 2026-12-31, as of 2026-12-02");
	t = got(fp);
	assert_string_equal(t, "<h1>Report 2026-11 &lt;x&gt;</h1>\n"
	    "<h1>Report 2026-12 <span class=\"partial\">(partial: to "
	    "2026-12-31, as of 2026-12-02)</span></h1>\n");
	free(t);
}

/* Two series (5, 10) and (0, 2): the top is 10; the axis from 50 to 490
 * less 40 at either end puts the points at 90 and 450; 200 high from
 * y 20, so 5 is at 120, 10 at 20, 0 at 220 and 2 at 180.  The second
 * point is of a month not ended: hollow, starred, said below. */
static void
test_lines(void **state)
{
	static const char *const x[] = { "2026-10", "2026-11" };
	static const char *const names[] = { "phone", "email" };
	static const double v[] = { 5, 10, 0, 2 };
	FILE *fp = out();
	char *t;

	(void)state;
	cs_svg_lines(fp, &(struct cs_lines){ "Inquiries", x, 2, names, v, 2, 1,
	    "not ended" });
	t = got(fp);
	assert_non_null(strstr(t, "<polyline fill=\"none\" stroke=\"#1f3b73\" "
	    "stroke-width=\"2\" points=\"90,120 450,20\"/>"));
	assert_non_null(strstr(t, "stroke-dasharray=\"7 3\" points=\"90,220 "
	    "450,180\"/>"));
	/* markers: circles for the first, squares for the second; the
	 * month not ended hollow */
	assert_non_null(strstr(t, "<circle cx=\"90\" cy=\"120\" r=\"4\" "
	    "fill=\"#1f3b73\""));
	assert_non_null(strstr(t, "<circle cx=\"450\" cy=\"20\" r=\"4\" "
	    "fill=\"#fff\""));
	assert_non_null(strstr(t, "<rect x=\"446\" y=\"176\" width=\"8\" "
	    "height=\"8\" fill=\"#fff\""));
	/* each point's value, each line's name at its end (y + 4) */
	assert_non_null(strstr(t, "<text x=\"456\" y=\"14\">10</text>"));
	assert_non_null(strstr(t, "<text x=\"502\" y=\"24\">phone</text>"));
	assert_non_null(strstr(t, "<text x=\"502\" y=\"184\">email</text>"));
	assert_non_null(strstr(t, ">2026-11*</text>"));
	assert_non_null(strstr(t, ">* not ended</text>"));
	/* the axis: 0, 5, 10 */
	assert_non_null(strstr(t, "text-anchor=\"end\">5</text>"));
	free(t);
}

/* 6, 3 and 1 of 10: the running share 60, 90 and 100 %; columns of 550 /
 * 3 = 183 from x 40, each 3/5 of that (109) wide from 1/5 in (36); the
 * line through their middles (131, 314, 497) at 200 high from y 20. */
static void
test_pareto(void **state)
{
	static const char *const labels[] = { "a", "b", "c" };
	static const double v[] = { 6, 3, 1 };
	FILE *fp = out();
	char *t;

	(void)state;
	cs_svg_pareto(fp, &(struct cs_bars){ "Causes", labels, v, 3, 0, -1, "",
	    "" });
	t = got(fp);
	assert_non_null(strstr(t, "<rect x=\"76\" y=\"20\" width=\"109\" "
	    "height=\"200\" fill=\"url(#cs-hatch)\""));
	assert_non_null(strstr(t, "<rect x=\"259\" y=\"120\" width=\"109\" "
	    "height=\"100\""));
	assert_non_null(strstr(t, "points=\"131,100 314,40 497,20\""));
	assert_non_null(strstr(t, ">60%</text>"));
	assert_non_null(strstr(t, ">90%</text>"));
	assert_non_null(strstr(t, "<text x=\"497\" y=\"12\" "
	    "text-anchor=\"middle\">100%</text>"));
	/* the 80 % line at 220 - 160 */
	assert_non_null(strstr(t, "<line x1=\"40\" y1=\"60\" x2=\"590\" "
	    "y2=\"60\" stroke=\"#000\" stroke-dasharray=\"1 3\"/>"));
	free(t);
}

static struct cs_row causes[8];
static size_t ncauses;

static void
keep_cause(void *ctx, const struct cs_row *r)
{
	(void)ctx;
	cs_row_copy(&causes[ncauses++], r);
}

/* Twelve complaints: 5 delay, 3 billing and 3 damage (equal: by name),
 * 1 loss; the month before 7 delay, 3 billing, 2 other. */
static void
test_cause_rows(void **state)
{
	static const char *const want[][7] = {
		{ "delay", "transport", "5", "41.7%", "41.7%", "7", "-2" },
		{ "billing", "finance", "3", "25.0%", "66.7%", "3", "0" },
		{ "damage", "warehouse", "3", "25.0%", "91.7%", "0", "+3" },
		{ "loss", "transport", "1", "8.3%", "100.0%", "0", "+1" },
	};
	struct cs_groups now = { 0 }, before = { 0 };
	size_t i, c;

	(void)state;
	cs_group_of(&now, "delay" CS_CAUSE_SEP "transport")->n = 5;
	cs_group_of(&now, "loss" CS_CAUSE_SEP "transport")->n = 1;
	cs_group_of(&now, "damage" CS_CAUSE_SEP "warehouse")->n = 3;
	cs_group_of(&now, "billing" CS_CAUSE_SEP "finance")->n = 3;
	cs_group_of(&before, "delay" CS_CAUSE_SEP "transport")->n = 7;
	cs_group_of(&before, "billing" CS_CAUSE_SEP "finance")->n = 3;
	cs_group_of(&before, "other" CS_CAUSE_SEP "customer-service")->n = 2;
	cs_report_cause_rows(&now, &before, keep_cause, NULL);
	assert_int_equal(ncauses, N(want));
	for (i = 0; i < N(want); i++) {
		assert_int_equal(causes[i].n, CS_REPORT_CAUSE_COLS);
		for (c = 0; c < CS_REPORT_CAUSE_COLS; c++)
			assert_string_equal(cs_row_get(&causes[i], c), want[i][c]);
		cs_row_free(&causes[i]);
	}
	cs_groups_free(&now);
	cs_groups_free(&before);
}

/* 4 opened, 3 resolved with a median of 5 hours: 75.0 %, "5.0"; all
 * resolved: 100.0 %; none resolved: no data; none opened: no data for
 * the rate too. */
static void
test_aftersales_row(void **state)
{
	struct cs_aftersales g = { "return", 4, 3, 3, 5 };
	struct cs_row r = { 0 };

	(void)state;
	cs_report_aftersales_row(&g, &r);
	assert_string_equal(cs_row_get(&r, 0), "return");
	assert_string_equal(cs_row_get(&r, 1), "4");
	assert_string_equal(cs_row_get(&r, 2), "3");
	assert_string_equal(cs_row_get(&r, 3), "75.0%");
	assert_string_equal(cs_row_get(&r, 4), "5.0");
	g.done = 4, g.timed = 4, g.median = 3.5;
	cs_report_aftersales_row(&g, &r);
	assert_string_equal(cs_row_get(&r, 3), "100.0%");
	assert_string_equal(cs_row_get(&r, 4), "3.5");
	g = (struct cs_aftersales){ "repair", 2, 0, 0, 0 };
	cs_report_aftersales_row(&g, &r);
	assert_string_equal(cs_row_get(&r, 3), "0.0%");
	assert_string_equal(cs_row_get(&r, 4), "no data");
	g.n = 0;
	cs_report_aftersales_row(&g, &r);
	assert_string_equal(cs_row_get(&r, 3), "no data");
	cs_row_free(&r);
}

/* The week of the spot checks: November 2026 over, its last whole week
 * 2026-W48 (23rd to 29th; the 30th is a Monday); on the 20th, the last
 * whole week so far, W46; March 2026 over: W13 (23rd to 29th);
 * December 2026: W52 (21st to 27th), not W53 (28th to January 3rd). */
static void
test_week(void **state)
{
	static const struct {
		const char *month, *now, *want;
	} cases[] = {
		{ "2026-11", "2026-12-02T08:00:00+08:00", "2026-W48" },
		{ "2026-11", "2026-11-20T10:00:00+08:00", "2026-W46" },
		{ "2026-11", "2026-11-23T00:00:00+08:00", "2026-W47" },
		{ "2026-03", "2026-06-01T00:00:00+08:00", "2026-W13" },
		{ "2026-12", "2027-02-01T00:00:00+08:00", "2026-W52" },
	};
	struct cs_period p, w;
	cs_time now;
	size_t i;

	(void)state;
	unit_zone();
	for (i = 0; i < N(cases); i++) {
		assert_int_equal(cs_period_parse("month", cases[i].month, &p), 0);
		assert_int_equal(cs_time_parse(cases[i].now, &now), 0);
		assert_int_equal(cs_report_week(&p, now, &w), 0);
		if (strcmp(w.name, cases[i].want))
			fail_msg("%s at %s: %s, not %s", cases[i].month, cases[i].now,
			    w.name, cases[i].want);
	}
}

/* A row of the report as the page and the workbook show it: in Chinese
 * the cells of the columns named as a field of a few values (natures,
 * departments, kinds, the after-sales total, outcomes, reviews) by their
 * Chinese names, the others as they are; a value with no name as it is;
 * in English every cell as it is. */
static void
test_shown(void **state)
{
	static const struct {
		const char *cols[4], *cells[4], *zh[4];
	} cases[] = {
		{ { "nature", "department", "complaints", "change" },
		  { "delay", "transport", "5", "+1" },
		  { "延误", "运输", "5", "+1" } },
		{ { "kind", "opened", "resolved", "resolution_rate" },
		  { "all", "4", "3", "75.0%" },
		  { "合计", "4", "3", "75.0%" } },
		{ { "kind", "opened", "resolved", "resolution_rate" },
		  { "repair", "0", "0", "no data" },
		  { "维修", "0", "0", "no data" } },
		{ { "person", "outcome", "review", "rule" },
		  { "zhao20", "fail", "dismissal review", "score 70 < 75" },
		  { "zhao20", "不合格", "辞退复核", "score 70 < 75" } },
		{ { "person", "outcome", "review", "rule" },
		  { "li8", "excellent", "reward", "" },
		  { "li8", "优秀", "奖励", "" } },
		{ { "person", "outcome", "review", "rule" },
		  { "li8", "pass", "provisional", "" },
		  { "li8", "合格", "暂定", "" } },
		{ { "channel", "name", "nature", "department" },
		  { "wechat", "delay", "wrong-delivery", "legal" },
		  { "wechat", "delay", "错送", "legal" } },
	};
	struct cs_row h = { 0 }, r = { 0 }, out = { 0 };
	size_t i, c;
	int zh;

	(void)state;
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LANGUAGE");
	for (zh = 0; zh < 2; zh++) {
		if (zh)
			setenv("LANG", "zh_CN.UTF-8", 1);
		else
			unsetenv("LANG");
		for (i = 0; i < N(cases); i++) {
			cs_row_clear(&h);
			cs_row_clear(&r);
			for (c = 0; c < 4; c++) {
				cs_row_push(&h, cases[i].cols[c], strlen(cases[i].cols[c]));
				cs_row_push(&r, cases[i].cells[c],
				    strlen(cases[i].cells[c]));
			}
			cs_report_shown(&h, &r, &out);
			assert_int_equal(out.n, 4);
			for (c = 0; c < 4; c++)
				assert_string_equal(cs_row_get(&out, c), zh ?
				    cases[i].zh[c] : cases[i].cells[c]);
		}
	}
	unsetenv("LANG");
	cs_row_free(&h);
	cs_row_free(&r);
	cs_row_free(&out);
}

/* Eighths of the largest, rounded; a space for no data. */
static void
test_spark(void **state)
{
	static const double v[] = { 0, 8, 4, 1, 99 };
	static const int data[] = { 1, 1, 1, 1, 0 };
	static const double zero[] = { 0, 0 };
	struct cs_buf b = { 0 };

	(void)state;
	/* 0, 8 / 8 * 7, 4 / 8 * 7 = 3.5 up to 4, 0.875 up to 1; 99 has none */
	cs_spark(&b, v, data, 5);
	assert_string_equal(b.s, "\u2581\u2588\u2585\u2582 ");
	cs_buf_reset(&b);
	cs_spark(&b, zero, data, 2);
	assert_string_equal(b.s, "\u2581\u2581");
	cs_buf_reset(&b);
	cs_spark(&b, v, data, 0);
	assert_string_equal(b.s, "");
	cs_buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_bars),
		cmocka_unit_test(test_page),
		cmocka_unit_test(test_lang_title),
		cmocka_unit_test(test_spark),
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_pareto),
		cmocka_unit_test(test_cause_rows),
		cmocka_unit_test(test_aftersales_row),
		cmocka_unit_test(test_week),
		cmocka_unit_test(test_shown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
