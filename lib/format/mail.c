/*
 * mail.c: an outbox message as an Internet mail (mail.h).
 */
#include <string.h>
#include <time.h>

#include "format/mail.h"

void
cs_base64(const unsigned char *p, size_t n, struct cs_buf *out)
{
	static const char a[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i;
	unsigned v;

	cs_buf_adds(out, "");
	for (i = 0; i + 2 < n; i += 3) {
		v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8 | p[i + 2];
		cs_buf_addc(out, a[v >> 18 & 63]);
		cs_buf_addc(out, a[v >> 12 & 63]);
		cs_buf_addc(out, a[v >> 6 & 63]);
		cs_buf_addc(out, a[v & 63]);
	}
	if (i < n) {
		v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0);
		cs_buf_addc(out, a[v >> 18 & 63]);
		cs_buf_addc(out, a[v >> 12 & 63]);
		cs_buf_addc(out, i + 1 < n ? a[v >> 6 & 63] : '=');
		cs_buf_addc(out, '=');
	}
}

static int
plain(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < ' ' || (unsigned char)*s > '~')
			return 0;
	return 1;
}

/* Bytes of the UTF-8 character at s. */
static size_t
char_len(const char *s)
{
	unsigned char c = (unsigned char)*s;

	return c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
}

void
cs_mail_header_text(const char *s, struct cs_buf *out)
{
	size_t n, k, len = strlen(s);
	const char *p = s;

	if (plain(s)) {
		cs_buf_adds(out, s);
		return;
	}
	/* "=?UTF-8?B?" + 60 characters of base64 (45 bytes) + "?=" = 72 */
	while (*p) {
		for (n = 0; p[n] && n + char_len(p + n) <= 45 &&
		    p + n < s + len; n += k)
			k = char_len(p + n);
		if (n == 0)
			n = 1;
		if (p != s)
			cs_buf_adds(out, "\n ");
		cs_buf_adds(out, "=?UTF-8?B?");
		cs_base64((const unsigned char *)p, n, out);
		cs_buf_adds(out, "?=");
		p += n;
	}
}

/* RFC 5322 date, in English whatever the locale. */
static void
mail_date(cs_time t, struct cs_buf *out)
{
	static const char *const day[] = { "Sun", "Mon", "Tue", "Wed", "Thu",
		"Fri", "Sat" };
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May",
		"Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	time_t tt = (time_t)t;
	struct tm tm;
	long off;

	localtime_r(&tt, &tm);
	off = tm.tm_gmtoff / 60;
	cs_buf_addf(out, "%s, %d %s %d %02d:%02d:%02d %c%02ld%02ld", day[tm.tm_wday],
	    tm.tm_mday, mon[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
	    tm.tm_sec, off < 0 ? '-' : '+', (off < 0 ? -off : off) / 60,
	    (off < 0 ? -off : off) % 60);
}

void
cs_mail_compose(const struct cs_mail *m, struct cs_buf *out)
{
	struct cs_buf b = { 0 };
	size_t i;

	cs_buf_addf(out, "Message-ID: %s\nDate: ", m->message_id);
	mail_date(m->date, out);
	cs_buf_adds(out, "\n");
	if (m->from && *m->from)
		cs_buf_addf(out, "From: %s\n", m->from);
	cs_buf_addf(out, "To: %s\nSubject: ", m->to);
	cs_mail_header_text(m->subject, out);
	cs_buf_addf(out, "\nX-CS-Event: %s\nX-CS-Record: %s\n"
	    "MIME-Version: 1.0\n"
	    "Content-Type: text/plain; charset=UTF-8\n"
	    "Content-Transfer-Encoding: base64\n\n", m->event, m->record);
	cs_base64((const unsigned char *)m->body, strlen(m->body), &b);
	for (i = 0; i < b.len; i += 76) {
		cs_buf_add(out, b.s + i, b.len - i < 76 ? b.len - i : 76);
		cs_buf_addc(out, '\n');
	}
	cs_buf_free(&b);
}
