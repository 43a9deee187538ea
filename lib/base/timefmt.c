/*
 * timefmt.c: times.  Stored as ISO 8601 with the UTC offset of the
 * department's zone (policy/zone.csv, else TZ): 2026-11-22T14:05:00+08:00.
 * Read as that, as local "2026-11-22 14:05[:ss]", as a date (local
 * midnight), or as "now".
 * CS_NOW, in any of those forms, stands in for the clock.
 */
#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/base.h"

/* Changed each time the zone is set (cs_time_format caches offsets). */
static unsigned zone_gen;

unsigned
cs_zone_gen(void)
{
	return zone_gen;
}

/* The four-byte big-endian count at p. */
static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
	    p[3];
}

/*
 * Whether the C library really loaded the zone file: it takes a file it
 * cannot read (truncated, not a zone) for UTC without a word.  So the
 * file must be a TZif file (RFC 8536) whose first block fits in it, and
 * the abbreviation tzset() chose must be one of the file's.  0 yes, 1
 * no (*why says what), -1 an error reading the file.
 */
static int
zone_loaded(const char *file, const char **why)
{
	static char buf[1 << 20];
	const unsigned char *u = (const unsigned char *)buf;
	size_t n = 0, need, k;
	ssize_t got;
	int fd;

	if ((fd = open(file, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) < 0)
		return cs_fail_errno("open", file);
	while (n < sizeof buf - 1 && (got = read(fd, buf + n,
	    sizeof buf - 1 - n)) != 0) {
		if (got < 0) {
			cs_fail_errno("read", file);
			close(fd);
			return -1;
		}
		n += (size_t)got;
	}
	close(fd);
	*why = "not a TZif zone file";
	if (n < 44 || memcmp(buf, "TZif", 4) != 0)
		return 1;
	/* isut, isstd, leap, time, type, char counts */
	need = 44 + (size_t)be32(u + 32) * 5 + (size_t)be32(u + 36) * 6 +
	    be32(u + 40) + (size_t)be32(u + 28) * 8 + be32(u + 24) + be32(u + 20);
	*why = "a truncated zone file";
	if (be32(u + 36) == 0 || need > n)
		return 1;
	*why = "a zone file the C library does not load";
	k = strlen(tzname[0]);
	buf[n] = '\0';
	for (const char *p = buf; p + k < buf + n; p++)
		if (memcmp(p, tzname[0], k + 1) == 0)
			return 0;
	return 1;
}

/*
 * The department's zone from the data directory's policy/zone.csv, when
 * it has one: a cron server kept in UTC then still cuts days, weeks and
 * months where the department does.  Without the file (ENOENT), TZ
 * decides.  A zone the machine does not know, or a zone file the C
 * library cannot load, is refused (the C library would take it for UTC
 * without a word); so is a zone.csv that cannot be read.
 */
int
cs_zone_use(const char *dir)
{
	struct cs_buf path = { 0 };
	struct cs_reader r;
	struct cs_row row = { 0 };
	struct stat st;
	const char *z, *why, *tzdir = getenv("TZDIR");
	int k, ret = -1;

	if ((k = cs_policy_open(&r, dir, 1, "policy/zone.csv")) <= 0)
		return k;
	if ((k = cs_reader_next(&r, &row)) <= 0) {
		if (k == 0)
			cs_fail(CS_ECONFIG, "policy/zone.csv: no zone");
		else
			cs_fail(CS_ECONFIG, "%s", cs_errmsg());
		goto out;
	}
	z = cs_row_get(&row, 0);
	cs_buf_addf(&path, "%s/%s", tzdir && *tzdir ? tzdir : "/usr/share/zoneinfo",
	    z);
	if (*z == '\0' || *z == '/' || strstr(z, "..") || stat(path.s, &st) < 0 ||
	    !S_ISREG(st.st_mode)) {
		cs_fail(CS_ECONFIG, "policy/zone.csv:%ld: field 'zone': not a zone "
		    "this machine knows: '%s'", row.line, z);
		goto out;
	}
	setenv("TZ", z, 1);
	tzset();
	zone_gen++;
	if ((k = zone_loaded(path.s, &why)) != 0) {
		if (k > 0)
			cs_fail(CS_ECONFIG, "policy/zone.csv:%ld: field 'zone': '%s': "
			    "%s is %s", row.line, z, path.s, why);
		else
			cs_fail(CS_ECONFIG, "policy/zone.csv:%ld: field 'zone': %s",
			    row.line, cs_errmsg());
		goto out;
	}
	ret = 0;
out:
	cs_buf_free(&path);
	cs_row_free(&row);
	cs_reader_close(&r);
	return ret;
}

int
cs_days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	if (m < 1 || m > 12)
		return 0;
	return days[m - 1] + (m == 2 && leap);
}

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int
digits(const char *s, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

int
cs_date_parse(const char *s, int *y, int *m, int *d)
{
	if (strlen(s) < 10 || digits(s, 4, y) < 0 || s[4] != '-' ||
	    digits(s + 5, 2, m) < 0 || s[7] != '-' || digits(s + 8, 2, d) < 0)
		return -1;
	if (*y < 1900 || *m < 1 || *m > 12 || *d < 1 ||
	    *d > cs_days_in_month(*y, *m))
		return -1;
	return 0;
}

int
cs_mktime_local(int y, int mo, int d, int h, int mi, int s, cs_time *t)
{
	struct tm tm = { 0 };
	time_t tt;

	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	tm.tm_isdst = -1;
	tt = mktime(&tm);
	if (tt == (time_t)-1 && !(y == 1969 && mo == 12 && d == 31))
		return -1;
	*t = (cs_time)tt;
	return 0;
}

/* The offset part: Z, +08:00 or +0800.  Seconds east of UTC. */
static int
offset(const char *s, int *off)
{
	int hh, mm, sign;

	if (strcmp(s, "Z") == 0) {
		*off = 0;
		return 0;
	}
	if (*s != '+' && *s != '-')
		return -1;
	sign = *s++ == '-' ? -1 : 1;
	if (digits(s, 2, &hh) < 0)
		return -1;
	s += 2;
	if (*s == ':')
		s++;
	if (digits(s, 2, &mm) < 0 || s[2] != '\0' || hh > 23 || mm > 59)
		return -1;
	*off = sign * (hh * 3600 + mm * 60);
	return 0;
}

/* 0 if t prints as a time of the years 1900 to 9999 here, else -1. */
static int
representable(cs_time t)
{
	char out[32];

	cs_time_format(t, out);
	return out[4] == '-' && strncmp(out, "1900", 4) >= 0 ? 0 : -1;
}

/* The two digits at s, or -1. */
static int
two(const char *s)
{
	unsigned a = (unsigned char)s[0] - '0', b = (unsigned char)s[1] - '0';

	return a <= 9 && b <= 9 ? (int)(a * 10 + b) : -1;
}

/*
 * The form the stores write, YYYY-MM-DDTHH:MM:SS+HH:MM, read at once: 0,
 * or 1 for anything else (a year at either end of the ones we write
 * among them), which parse() reads the long way, to the same time.
 */
static int
parse_stored(const char *s, cs_time *t)
{
	int c, y, mo, d, h, mi, sec, oh, om;

	if (s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
	    s[16] != ':' || (s[19] != '+' && s[19] != '-') || s[22] != ':' ||
	    s[25] != '\0')
		return 1;
	if ((c = two(s)) < 0 || (y = two(s + 2)) < 0)
		return 1;
	y += 100 * c;
	if ((mo = two(s + 5)) < 0 || (d = two(s + 8)) < 0 ||
	    (h = two(s + 11)) < 0 || (mi = two(s + 14)) < 0 ||
	    (sec = two(s + 17)) < 0 || (oh = two(s + 20)) < 0 ||
	    (om = two(s + 23)) < 0)
		return 1;
	if (y <= 1900 || y >= 9999 || mo < 1 || mo > 12 || d < 1 ||
	    d > cs_days_in_month(y, mo) || h > 23 || mi > 59 || sec > 59 ||
	    oh > 23 || om > 59)
		return 1;
	*t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec -
	    (s[19] == '-' ? -1 : 1) * (oh * 3600 + om * 60);
	return 0;
}

static int
parse(const char *s, cs_time *t)
{
	int y, mo, d, h = 0, mi = 0, sec = 0, off;
	const char *p;

	/* the stored form, 25 bytes: none of them a NUL before the 26th */
	if (strnlen(s, 26) == 25 && parse_stored(s, t) == 0)
		return 0;
	if (cs_date_parse(s, &y, &mo, &d) < 0)
		return -1;
	p = s + 10;
	if (*p == '\0')
		return cs_mktime_local(y, mo, d, 0, 0, 0, t);
	if ((*p != 'T' && *p != ' ') || digits(p + 1, 2, &h) < 0 || p[3] != ':' ||
	    digits(p + 4, 2, &mi) < 0)
		return -1;
	p += 6;
	if (*p == ':') {
		if (digits(p + 1, 2, &sec) < 0)
			return -1;
		p += 3;
	}
	if (h > 23 || mi > 59 || sec > 59)
		return -1;
	if (*p == '\0')
		return cs_mktime_local(y, mo, d, h, mi, sec, t);
	if (offset(p, &off) < 0)
		return -1;
	*t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - off;
	/* a day from either end of the years we write, an offset may carry
	 * the time out of them (9999-12-31T23:00-05:00 is in 10000 here) */
	if ((y == 1900 && mo == 1 && d <= 2) || (y == 9999 && mo == 12 && d >= 30))
		return representable(*t);
	return 0;
}

int
cs_time_now(cs_time *t)
{
	const char *env = getenv("CS_NOW");

	if (env && *env && strcmp(env, "now") != 0) {
		if (parse(env, t) < 0)
			return cs_fail(CS_EUSAGE, "CS_NOW: not a time: '%s'", env);
		return 0;
	}
	*t = (cs_time)time(NULL);
	return 0;
}

int
cs_time_parse(const char *s, cs_time *t)
{
	if (strcmp(s, "now") == 0)
		return cs_time_now(t);
	if (parse(s, t) < 0)
		return cs_fail(CS_EDATA, "not a time: '%s'", s);
	return 0;
}

/*
 * An offset of whole minutes, as ISO 8601 has them.  A local mean time
 * (Asia/Shanghai before 1901: +08:05:43) is rounded up to the minute,
 * and the clock time moved with it, so that the text still names the
 * same second (and a day's first second does not fall into the day
 * before).
 */
/* The UTC offset of t, in whole minutes toward the east: from a cache of
 * the quarter hours asked (an import formats millions of times of a
 * month, and localtime_r reads the zone each time), a quarter kept only
 * when its first and last second have one offset. */
#define ZONE_CACHE 2048
static long
zone_offset(cs_time t)
{
	static _Thread_local struct {
		long long bucket;
		unsigned gen;
		long off;
	} c[ZONE_CACHE];
	long long b;
	size_t k;
	time_t tt = (time_t)t;
	struct tm tm, tm2;
	long o;

	/* a time beyond any zone's history (a sentinel such as INT64_MIN):
	 * asked as it is, not cached, and no quarter hour computed from it
	 * (b * 900 would overflow) */
	if (t < -(1LL << 50) || t > (1LL << 50)) {
		if (localtime_r(&tt, &tm) == NULL)
			return 0;
		o = tm.tm_gmtoff;
		return o % 60 ? o + 60 - (o % 60 + 60) % 60 : o;
	}
	b = (long long)(t >= 0 ? t / 900 : -((-(t + 1)) / 900) - 1);
	k = (size_t)((unsigned long long)b % ZONE_CACHE);
	if (c[k].gen == zone_gen + 1 && c[k].bucket == b)
		return c[k].off;
	if (localtime_r(&tt, &tm) == NULL)
		return 0;
	o = tm.tm_gmtoff;
	if (o % 60 != 0)
		o += 60 - (o % 60 + 60) % 60;
	tt = (time_t)(b * 900);
	if (localtime_r(&tt, &tm) == NULL)
		return o;
	tt = (time_t)(b * 900 + 899);
	if (localtime_r(&tt, &tm2) == NULL)
		return o;
	if (tm.tm_gmtoff == tm2.tm_gmtoff) {
		c[k].bucket = b;
		c[k].gen = zone_gen + 1;
		c[k].off = o;
	}
	return o;
}

static void
put_digits(char *p, long v, int n)
{
	while (n-- > 0) {
		p[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

void
cs_time_format(cs_time t, char out[32])
{
	long off = zone_offset(t);
	time_t tt = (time_t)t + off;
	struct tm tm;

	gmtime_r(&tt, &tm);
	if (tm.tm_year + 1900 < 0 || tm.tm_year + 1900 > 9999) {
		size_t n = strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
		snprintf(out + n, 32 - n, "%c%02d:%02d", off < 0 ? '-' : '+',
		    (int)(labs(off) / 3600 % 24), (int)(labs(off) % 3600 / 60));
		return;
	}
	/* 2026-11-22T14:05:00+08:00 */
	put_digits(out, tm.tm_year + 1900, 4);
	out[4] = '-';
	put_digits(out + 5, tm.tm_mon + 1, 2);
	out[7] = '-';
	put_digits(out + 8, tm.tm_mday, 2);
	out[10] = 'T';
	put_digits(out + 11, tm.tm_hour, 2);
	out[13] = ':';
	put_digits(out + 14, tm.tm_min, 2);
	out[16] = ':';
	put_digits(out + 17, tm.tm_sec, 2);
	out[19] = off < 0 ? '-' : '+';
	put_digits(out + 20, labs(off) / 3600 % 24, 2);
	out[22] = ':';
	put_digits(out + 23, labs(off) % 3600 / 60, 2);
	out[25] = '\0';
}

void
cs_date_format(cs_time t, char out[16])
{
	time_t tt = (time_t)t;
	struct tm tm;

	localtime_r(&tt, &tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
}

/* The local date of t as a day number (days since 1970-01-01), so that
 * calendar days between two times are a subtraction. */
int64_t
cs_local_day(cs_time t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	localtime_r(&tt, &tm);
	return days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
