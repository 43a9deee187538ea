/* test_html.c: a report's pieces, byte for byte: escaping, the SVG bar
 * chart's numbers, a table, the sparkline */
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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
