/*
 * import.c: the one import engine (import.h).  It reads a foreign CSV
 * file through libcsv, renames its columns by --map, hands each record to
 * the importer of a store, and converts values for it: times in the
 * file's own form, hours after a base time, ratings on another scale.
 * Every error names file and line (and the field, where there is one);
 * nothing here writes.  A mask (what show prints of a confidential field)
 * is never taken for a value: refused, or with --keep-masked leaving the
 * stored value as it is.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "format/import.h"
#include "store/values.h"

void
cs_import_fold(const char *name, struct cs_buf *out)
{
	const char *p;
	size_t n;

	cs_buf_reset(out);
	cs_buf_adds(out, "");
	while (*name == ' ' || *name == '\t')
		name++;
	n = strlen(name);
	while (n && (name[n - 1] == ' ' || name[n - 1] == '\t'))
		n--;
	for (p = name; p < name + n; p++) {
		char c = *p;
		if (c == ' ' || c == '-' || c == '_' || c == '\t') {
			if (out->len && out->s[out->len - 1] == '_')
				continue;
			c = '_';
		} else if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		cs_buf_addc(out, c);
	}
}

const char *
cs_column_map(const struct cs_buf *map, const char *name, struct cs_buf *tmp)
{
	const char *p = map ? map->s : NULL;
	struct cs_buf want = { 0 }, key = { 0 }, k = { 0 };
	const char *ret = name;

	if (p && *p)
		cs_import_fold(name, &want);
	while (p && *p) {
		const char *eq = strchr(p, '='), *end = strchr(p, ',');
		if (eq == NULL)
			break;
		cs_buf_reset(&k);
		cs_buf_add(&k, p, (size_t)(eq - p));
		cs_import_fold(k.s, &key);
		if (strcmp(key.s, want.s) == 0) {
			cs_buf_reset(tmp);
			cs_buf_adds(tmp, "");
			cs_buf_add(tmp, eq + 1, (size_t)((end ? end : eq + strlen(eq)) -
			    (eq + 1)));
			ret = tmp->s;
			break;
		}
		p = end ? end + 1 : NULL;
	}
	cs_buf_free(&want);
	cs_buf_free(&key);
	cs_buf_free(&k);
	return ret;
}

/* ---- options, and map files of them ---- */

static const char *
own(struct cs_import_opts *o, const char *s)
{
	o->own = cs_xrealloc(o->own, (o->nown + 1) * sizeof *o->own);
	return o->own[o->nown++] = cs_xstrdup(s);
}

int
cs_import_opt(struct cs_import_opts *o, const char *name, const char *arg,
    int force)
{
	char *end;
	double x;

	if (strcmp(name, "map") == 0) {
		if (strchr(arg, '=') == NULL)
			return cs_fail(CS_EUSAGE, "--map: expected from=to, not '%s'",
			    arg);
		cs_buf_addf(o->map, "%s,", arg);
	} else if (strcmp(name, "value") == 0) {
		const char *colon = strchr(arg, ':');
		if (colon == NULL || colon == arg || strchr(colon, '=') == NULL)
			return cs_fail(CS_EUSAGE, "--value: expected "
			    "field:from=to[,from=to...], not '%s'", arg);
		cs_buf_addf(o->values, "%s\n", arg);
	} else if (strcmp(name, "time-format") == 0) {
		if (force || o->time_format == NULL)
			o->time_format = force ? arg : own(o, arg);
	} else if (strcmp(name, "hours") == 0) {
		if (force || o->hours == NULL)
			o->hours = force ? arg : own(o, arg);
	} else if (strcmp(name, "scale") == 0) {
		x = strtod(arg, &end);
		if (end == arg || *end || x < 2)
			return cs_fail(CS_EUSAGE, "--scale: the top of the scale, 2 "
			    "or more, not '%s'", arg);
		if (force || o->scale == 0)
			o->scale = x;
	} else if (strcmp(name, "map-file") == 0 && force)
		o->map_file = arg;
	else if (strcmp(name, "rejects") == 0 && force)
		o->rejects = arg;
	else if (strcmp(name, "ignore-unknown") == 0)
		o->ignore_unknown = 1;
	else if (strcmp(name, "create-missing") == 0) {
		if (*arg)
			return cs_fail(CS_EUSAGE, "--create-missing takes no value, "
			    "not '%s'", arg);
		o->create_missing = 1;
	}
	else if (strcmp(name, "keep-masked") == 0 && force)
		o->keep_masked = 1;
	else if (strcmp(name, "literal") == 0)
		o->literal = 1;
	else
		return cs_fail(CS_EUSAGE, "--%s is not an option of a map file "
		    "(--map, --value, --time-format, --hours, --scale, "
		    "--ignore-unknown, --create-missing, --literal)", name);
	return 0;
}

/* The whole of the file path, into b. */
static int
read_whole(const char *path, struct cs_buf *b)
{
	char chunk[4096];
	ssize_t k;
	int fd = cs_open_regular(path, O_RDONLY, 0);

	if (fd < 0)
		return -1;
	cs_buf_adds(b, "");
	while ((k = read(fd, chunk, sizeof chunk)) > 0)
		cs_buf_add(b, chunk, (size_t)k);
	if (k < 0)
		cs_fail_errno("read", path);
	close(fd);
	return k < 0 ? -1 : 0;
}

int
cs_import_map_file(struct cs_import_opts *o)
{
	size_t badb;
	struct cs_buf text = { 0 };
	char *line, *next, *arg, *name;
	long n = 0;
	int ret = -1;

	if (o->map_file == NULL)
		return 0;
	if (read_whole(o->map_file, &text) < 0)
		return -1;
	for (line = text.s ? text.s : ""; *line; line = next) {
		next = line + strcspn(line, "\n");
		if (*next)
			*next++ = '\0';
		n++;
		line[strcspn(line, "\r")] = '\0';
		line += strspn(line, " \t");
		if (*line == '#' || *line == '\0')
			continue;
		if (strncmp(line, "--", 2) == 0)
			line += 2;
		name = line;
		arg = line + strcspn(line, " \t=");
		if (*arg)
			*arg++ = '\0';
		arg += strspn(arg, " \t");
		while (*arg && strchr(" \t", arg[strlen(arg) - 1]))
			arg[strlen(arg) - 1] = '\0';
		if (cs_utf8_check(arg, strlen(arg), &badb) < 0) {
			cs_fail(CS_ECONFIG, "%s:%ld: invalid UTF-8", o->map_file, n);
			goto out;
		}
		if (cs_import_opt(o, name, arg, 0) < 0) {
			cs_fail(CS_ECONFIG, "%s:%ld: %s", o->map_file, n, cs_errmsg());
			goto out;
		}
	}
	ret = 0;
out:
	cs_buf_free(&text);
	return ret;
}

void
cs_import_opts_free(struct cs_import_opts *o)
{
	size_t i;

	for (i = 0; i < o->nown; i++)
		free(o->own[i]);
	free(o->own);
	o->own = NULL;
	o->nown = 0;
}

/* ---- value maps ---- */

/* v without spaces around, in tmp. */
static const char *
trim(const char *v, struct cs_buf *tmp)
{
	size_t n;

	while (*v == ' ' || *v == '\t')
		v++;
	n = strlen(v);
	if (n == 0 || (v[n - 1] != ' ' && v[n - 1] != '\t'))
		return v;
	while (n && (v[n - 1] == ' ' || v[n - 1] == '\t'))
		n--;
	cs_buf_reset(tmp);
	cs_buf_add(tmp, v, n);
	return tmp->s;
}

/* The --value options, each "field:from=to,from=to", into im->vmap. */
static void
values_parse(struct cs_import *im)
{
	const struct cs_buf *b = im->o->values;
	struct cs_buf t1 = { 0 }, t2 = { 0 }, f = { 0 };
	const char *p, *nl, *colon, *q, *end, *eq;

	for (p = b && b->s ? b->s : ""; *p; p = *nl ? nl + 1 : nl) {
		nl = p + strcspn(p, "\n");
		colon = memchr(p, ':', (size_t)(nl - p));
		cs_buf_reset(&f);
		cs_buf_add(&f, p, (size_t)(colon - p));
		for (q = colon + 1; q < nl; q = end + 1) {
			struct cs_import_vmap *m;
			end = memchr(q, ',', (size_t)(nl - q));
			if (end == NULL)
				end = nl;
			eq = memchr(q, '=', (size_t)(end - q));
			if (eq == NULL)
				continue;
			im->vmap = cs_xrealloc(im->vmap, (im->nvmap + 1) *
			    sizeof *im->vmap);
			m = &im->vmap[im->nvmap++];
			cs_import_fold(f.s, &t1);
			m->field = cs_xstrdup(t1.s);
			cs_buf_reset(&t1);
			cs_buf_add(&t1, q, (size_t)(eq - q));
			m->from = cs_xstrdup(trim(t1.s, &t2));
			cs_buf_reset(&t1);
			cs_buf_add(&t1, eq + 1, (size_t)(end - eq - 1));
			m->to = cs_xstrdup(trim(t1.s, &t2));
		}
	}
	cs_buf_free(&t1);
	cs_buf_free(&t2);
	cs_buf_free(&f);
}

/* ---- values ---- */

/* The value of the enum list ("a|b|c") that is v but for case, or NULL. */
static const char *
enum_fold(const char *list, const char *v, struct cs_buf *tmp)
{
	size_t n = strlen(v);
	const char *p;

	for (p = list; p && *p; p = strchr(p, '|') ? strchr(p, '|') + 1 : NULL) {
		size_t k = strcspn(p, "|");
		if (k == n && strncasecmp(p, v, n) == 0) {
			cs_buf_reset(tmp);
			cs_buf_add(tmp, p, n);
			return tmp->s;
		}
	}
	return NULL;
}

/* 1 when every value of the enum list is a whole number. */
static int
numeric_enum(const char *list)
{
	return list && strspn(list, "0123456789|") == strlen(list);
}

int
cs_import_clean(const struct cs_import *im, const char *field,
    const struct cs_column *c, const char *v, struct cs_buf *tmp,
    const char **out)
{
	const char *why, *e, *t;
	double x;
	size_t i;

	v = cs_sheet_unguard(v);
	*out = v;
	if (c == NULL || *v == '\0' || c->type == CS_T_TEXT)
		return 0;
	t = trim(v, tmp);
	for (i = 0; i < im->nvmap; i++)
		if (strcmp(im->vmap[i].field, field) == 0 &&
		    strcasecmp(im->vmap[i].from, t) == 0)
			break;
	if (i < im->nvmap && *im->vmap[i].to == '\0') {
		*out = "";	/* mapped to nothing: no value (Offered=) */
		return 0;
	}
	if (i < im->nvmap)
		v = im->vmap[i].to;
	else if (c->type != CS_T_LINE)	/* a line's spaces are its own */
		v = t;
	v = cs_value_canon(c->name, v);	/* 电话: phone (values.h) */
	switch (c->type) {
	case CS_T_ENUM:
		if (strcmp(c->arg, "yes|no") == 0 && cs_yesno(v) >= 0)
			v = cs_yesno(v) ? "yes" : "no";
		else if ((e = enum_fold(c->arg, v, tmp)) != NULL)
			v = e;
		else if (numeric_enum(c->arg) && !(im->d->scaled &&
		    strcmp(field, im->d->scaled) == 0 && im->o->scale > 0)) {
			if (cs_plain_number(v, &x, &why) < 0)
				return cs_fail(CS_EDATA, "field '%s': %s: '%s'", field,
				    why, v);
			if (x == (double)(long)x && x >= 0 && x < 1e9) {
				cs_buf_reset(tmp);
				cs_buf_addf(tmp, "%ld", (long)x);
				v = tmp->s;
			}
		}
		break;
	case CS_T_COUNT:
		if (strspn(v, "0123456789") != strlen(v)) {
			if (cs_plain_number(v, &x, &why) < 0)
				return cs_fail(CS_EDATA, "field '%s': %s: '%s'", field,
				    why, v);
			if (x != (double)(long)x || x < 0 || x >= 1e9)
				return cs_fail(CS_EDATA, "field '%s': not a whole "
				    "number, 0 or more: '%s'", field, v);
			cs_buf_reset(tmp);
			cs_buf_addf(tmp, "%ld", (long)x);
			v = tmp->s;
		}
		break;
	case CS_T_PHONE:
		if (!cs_is_mask(c->mask, v) && (why = cs_sheet_lost_zero(v)))
			return cs_fail(CS_EDATA, "field '%s': %s: '%s'", field, why,
			    v);
		break;
	default:
		break;
	}
	*out = v;
	return 0;
}

/* ---- the file ---- */

/* The schema's column whose heading in the user's language is given (as
 * an .xlsx written here heads it, cs_column_label), or NULL: so a sheet
 * filled in and saved as CSV comes back without its headings renamed. */
static const char *
label_column(const struct cs_schema *s, const char *given)
{
	size_t i;

	for (i = 0; i < s->ncols; i++) {
		const char *l = cs_column_label(s->cols[i].name);
		if (l != s->cols[i].name && strcmp(l, given) == 0)
			return s->cols[i].name;
	}
	return NULL;
}

/* The columns of the header, each taken by the importer. */
static int
import_header(struct cs_import *im, const struct cs_row *hdr)
{
	struct cs_buf tmp = { 0 }, fold = { 0 }, ignored = { 0 };
	const char *name;
	size_t i;
	int ret = -1, mapped;

	cs_row_copy(&im->hdr, hdr);
	im->ccol = cs_xmalloc((hdr->n + 1) * sizeof *im->ccol);
	for (i = 0; i < hdr->n; i++) {
		const char *given = cs_row_get(hdr, i);
		name = cs_column_map(im->o->map, given, &tmp);
		mapped = name != given;
		if (!mapped) {
			const char *l;
			cs_import_fold(given, &fold);
			if (cs_schema_col(im->d->s, fold.s))
				name = fold.s;
			else if ((l = label_column(im->d->s, given)) != NULL)
				name = l;
		}
		if (im->d->column(im, name) < 0) {
			cs_import_fold(given, &fold);
			/* the reason column of a rejects file: not data */
			if (!mapped && i + 1 == hdr->n && i > 0 &&
			    strcmp(fold.s, "reason") == 0)
				name = "", im->reason = 1;
			else if (!mapped && im->o->ignore_unknown) {
				cs_buf_addf(&ignored, "%s'%s'", ignored.len ? ", " : "",
				    given);
				name = "";
			} else
				goto out;
		}
		if (*name && cs_row_find(&im->cols, name) >= 0) {
			cs_fail(CS_EDATA, "column '%s' twice", name);
			goto out;
		}
		cs_row_push(&im->cols, name, strlen(name));
		im->ccol[i] = *name ? cs_schema_col(im->d->s, name) : NULL;
	}
	ret = im->d->header ? im->d->header(im) : 0;
	if (ret == 0 && ignored.len)
		cs_note("%s: columns ignored (--ignore-unknown): %s", im->file,
		    ignored.s);
out:
	if (ret < 0)
		cs_fail(cs_errstatus(), "%s:1: %s", im->file, cs_errmsg());
	cs_buf_free(&tmp);
	cs_buf_free(&fold);
	cs_buf_free(&ignored);
	return ret;
}

/* row's values cleaned into out (cs_import_clean). */
static int
clean_row(const struct cs_import *im, const struct cs_row *row,
    struct cs_row *out, struct cs_buf *tmp)
{
	const char *v;
	size_t i;

	cs_row_clear(out);
	out->line = row->line;
	for (i = 0; i < row->n; i++) {
		const char *field = i < im->cols.n ? cs_row_get(&im->cols, i) : "";
		if (cs_import_clean(im, field, i < im->cols.n ? im->ccol[i] : NULL,
		    cs_row_get(row, i), tmp, &v) < 0)
			return -1;
		cs_row_push(out, v, strlen(v));
	}
	return 0;
}

/* A refused row, and why (the error at hand). */
static void
bad_row(struct cs_import *im, const struct cs_row *row)
{
	struct cs_import_bad *b;

	im->bad = cs_xrealloc(im->bad, (im->nbad + 1) * sizeof *im->bad);
	b = &im->bad[im->nbad++];
	memset(b, 0, sizeof *b);
	b->line = row->line;
	b->why = cs_xstrdup(cs_errmsg());
	if (im->o->rejects)
		cs_row_copy(&b->row, row);
}

/* One field of the rejects file, quoted as CSV needs. */
static void
reject_field(struct cs_buf *b, const char *s, int literal)
{
	int quote = *s == ' ' || strpbrk(s, ",\"\r\n") != NULL ||
	    (*s && s[strlen(s) - 1] == ' ');

	if (quote)
		cs_buf_addc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			cs_buf_addc(b, '"');
		if (*s == '\\' && !literal)
			cs_buf_addc(b, '\\');
		cs_buf_addc(b, *s);
	}
	if (quote)
		cs_buf_addc(b, '"');
}

static void
reject_line(struct cs_buf *b, const struct cs_row *r, size_t n,
    const char *last, int literal)
{
	size_t i;

	for (i = 0; i < n; i++) {
		reject_field(b, cs_row_get(r, i), literal);
		cs_buf_addc(b, ',');
	}
	reject_field(b, last, literal);
	cs_buf_addc(b, '\n');
}

/* The bad rows, as they came and why, to the --rejects file: written
 * whole to a new file beside it, then renamed over it; a symbolic link
 * or anything but a regular file there is refused. */
static int
write_rejects(const struct cs_import *im)
{
	const char *path = im->o->rejects;
	struct cs_buf b = { 0 }, tmp = { 0 };
	struct stat st;
	size_t i, n;
	int fd, ret = -1;

	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return cs_fail(CS_EPERM, "--rejects %s: not a regular file (a "
		    "symbolic link or other is never written through)", path);
	/* a rejects file's own reason gives way to the new one */
	n = im->hdr.n - (size_t)im->reason;
	reject_line(&b, &im->hdr, n, "reason", im->o->literal);
	for (i = 0; i < im->nbad; i++) {
		const struct cs_row *row = &im->bad[i].row;
		/* a row of another field count: its own fields, but for a
		 * rejects file's reason that this file wrote last */
		size_t m = row->n == im->hdr.n ? n : row->n > 0 ?
		    row->n - (size_t)im->reason : 0;
		reject_line(&b, row, m, im->bad[i].why, im->o->literal);
	}
	cs_buf_addf(&tmp, "%s.tmp%ld", path, (long)getpid());
	fd = cs_open_regular(tmp.s, O_WRONLY | O_CREAT | O_EXCL, 0644);
	if (fd < 0)
		goto out;
	if (write(fd, b.s, b.len) != (ssize_t)b.len || fsync(fd) < 0) {
		cs_fail_errno("write", tmp.s);
		close(fd);
		unlink(tmp.s);
		goto out;
	}
	if (close(fd) < 0 || rename(tmp.s, path) < 0) {
		cs_fail_errno("rename", path);
		unlink(tmp.s);
		goto out;
	}
	ret = 0;
out:
	cs_buf_free(&b);
	cs_buf_free(&tmp);
	return ret;
}

#define CS_IMPORT_LIST 100	/* bad rows listed when nothing is stored */

/* After the file: the bad rows listed, written or the end of it. */
static int
import_verdict(struct cs_import *im)
{
	size_t i, n = im->nbad;

	if (im->o->rejects && !im->o->dry_run)	/* this run's, if none */
		return write_rejects(im);
	if (n == 0)
		return 0;
	if (n == 1 && !im->o->dry_run)
		return cs_fail(CS_EDATA, "%s:%ld: %s", im->file, im->bad[0].line,
		    im->bad[0].why);
	for (i = 0; i < n && (im->o->dry_run || i < CS_IMPORT_LIST); i++)
		cs_warn("%s:%ld: %s", im->file, im->bad[i].line, im->bad[i].why);
	if (im->o->dry_run)
		return 0;
	if (n > CS_IMPORT_LIST)
		cs_warn("%s: and %zu more (-n lists them all)", im->file,
		    n - CS_IMPORT_LIST);
	return cs_fail(CS_EDATA, "%s: %zu of %zu rows bad, nothing stored "
	    "(--rejects FILE stores the others and writes these there)",
	    im->file, n, im->nrows);
}

int
cs_import_read(struct cs_import *im, const char *file)
{
	struct cs_reader r;
	struct cs_row row = { 0 }, clean = { 0 };
	struct cs_buf tmp = { 0 };
	int k, ret = -1;

	im->file = strcmp(file, "-") == 0 ? "<stdin>" : file;
	values_parse(im);
	if (cs_reader_open(&r, file, CS_READ_CSV, CS_READ_USER | CS_READ_ROWS |
	    (im->o->literal ? CS_READ_LITERAL : 0)) < 0)
		return -1;
	if (import_header(im, &r.hdr) < 0)
		goto out;
	while ((k = cs_reader_next(&r, &row)) > 0) {
		im->nrows++;
		if (k == 2) {	/* its field count: a bad row like others */
			size_t less = (size_t)im->reason;	/* not data */
			if (less)
				cs_fail(CS_EDATA, "%zu fields, the header has %zu",
				    row.n > less ? row.n - less : 0,
				    im->hdr.n - less);
			bad_row(im, &row);
			continue;
		}
		if (clean_row(im, &row, &clean, &tmp) < 0 ||
		    im->d->record(im, &clean) < 0)
			bad_row(im, &row);
	}
	if (k == 0)
		ret = import_verdict(im);
out:
	cs_reader_close(&r);
	cs_row_free(&row);
	cs_row_free(&clean);
	cs_buf_free(&tmp);
	return ret;
}

int
cs_import_done(struct cs_import *im, int ret)
{
	if (ret < 0 || im->nbad == 0)
		return ret;
	if (im->o->dry_run)
		return cs_fail(CS_EDATA, "%s: %zu of %zu rows bad (listed above)",
		    im->file, im->nbad, im->nrows);
	return cs_fail(CS_EDATA, "%s: %zu rows rejected to %s, %zu stored",
	    im->file, im->nbad, im->o->rejects, im->nrows - im->nbad);
}

void
cs_import_free(struct cs_import *im)
{
	size_t i;

	for (i = 0; i < im->nbad; i++) {
		free(im->bad[i].why);
		cs_row_free(&im->bad[i].row);
	}
	free(im->bad);
	for (i = 0; i < im->nvmap; i++) {
		free(im->vmap[i].field);
		free(im->vmap[i].from);
		free(im->vmap[i].to);
	}
	free(im->vmap);
	free(im->ccol);
	cs_row_free(&im->hdr);
	cs_row_free(&im->cols);
}

int
cs_import_time(const struct cs_import_opts *o, const char *v, cs_time *t)
{
	struct tm tm;
	const char *end;

	if (o->time_format == NULL)
		return cs_time_parse(v, t);
	memset(&tm, 0, sizeof tm);
	end = strptime(v, o->time_format, &tm);
	if (end == NULL || *end != '\0')
		return cs_fail(CS_EDATA, "not a time in the form '%s': '%s'",
		    o->time_format, v);
	return cs_mktime_local(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	    tm.tm_hour, tm.tm_min, tm.tm_sec, t);
}

int
cs_import_base(const struct cs_import *im, const struct cs_row *row, cs_time *t)
{
	int c = cs_row_find(&im->cols, im->d->base);

	if (c < 0 || *cs_row_get(row, (size_t)c) == '\0')
		return cs_fail(CS_EDATA, "field '%s' is required", im->d->base);
	if (cs_import_time(im->o, cs_row_get(row, (size_t)c), t) < 0)
		return cs_fail(CS_EDATA, "field '%s': %s", im->d->base, cs_errmsg());
	return 0;
}

/* name is one of list, "a,b,c" (NULL: none). */
static int
in_list(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	for (p = list; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
		if (strncmp(p, name, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return 1;
	return 0;
}

/* A number of v in plain form, from lo to hi; -1 if it is none. */
static int
number(const char *v, double lo, double hi, double *x)
{
	const char *why;

	return cs_plain_number(v, x, &why) < 0 || *x < lo || *x > hi ? -1 : 0;
}

int
cs_import_value(const struct cs_import *im, const char *field, const char *v,
    cs_time base, char buf[32], const char **out)
{
	const struct cs_column *c = cs_schema_col(im->d->s, field);
	const struct cs_import_opts *o = im->o;
	double x;
	cs_time t;

	*out = v;
	if (c && c->type == CS_T_TIME) {
		if (in_list(o->hours, field)) {
			if (number(v, 0, 24 * 3650, &x) < 0)
				return cs_fail(CS_EDATA, "field '%s': not a number of "
				    "hours: '%s'", field, v);
			t = base + (cs_time)(x * 3600 + 0.5);
		} else if (cs_import_time(o, v, &t) < 0)
			return cs_fail(CS_EDATA, "field '%s': %s", field, cs_errmsg());
		cs_time_format(t, buf);
		*out = buf;
	} else if (im->d->scaled && strcmp(field, im->d->scaled) == 0 &&
	    o->scale > 0) {
		if (number(v, 1, o->scale, &x) < 0)
			return cs_fail(CS_EDATA, "field '%s': not 1 to %g: '%s'",
			    field, o->scale, v);
		snprintf(buf, 32, "%d", 1 + (int)((x - 1) * (im->d->top - 1) /
		    (o->scale - 1) + 0.5));
		*out = buf;
	}
	return 0;
}

int
cs_import_mask(const struct cs_import *im, const struct cs_column *c,
    const char *v, int stored)
{
	if (!cs_is_mask(c->mask, v))
		return 0;
	if (stored && im->o->keep_masked)
		return 1;
	return cs_fail(CS_EDATA, "field '%s': '%s' is a mask, not data (%s)",
	    c->name, v, stored ? "--keep-masked leaves the stored value" :
	    "a new record needs the value itself");
}

void
cs_import_plan_begin(struct cs_out *out, const struct cs_import_opts *o,
    struct cs_row *hdr, const char *const *cols)
{
	for (; *cols; cols++)
		cs_row_push(hdr, *cols, strlen(*cols));
	out->gb18030 = o->gb18030;
	cs_out_begin(out, stdout, o->fmt, hdr);
}

void
cs_import_plan_row(struct cs_out *out, long line, const char *const *v)
{
	struct cs_row r = { 0 };
	char ln[24];

	snprintf(ln, sizeof ln, "%ld", line);
	cs_row_push(&r, ln, strlen(ln));
	for (; *v; v++)
		cs_row_push(&r, *v, strlen(*v));
	cs_out_row(out, &r);
	cs_row_free(&r);
}

int
cs_import_login(const char *name, char out[33])
{
	struct cs_buf b = { 0 };
	size_t n = strlen(name), i = 0;
	uint32_t cp;
	int k, ret = -1;

	cs_buf_adds(&b, "");
	while (i < n) {
		unsigned char c = (unsigned char)name[i];
		if (c >= 0x80) {
			if ((k = cs_utf8_decode(name + i, n - i, &cp)) <= 0)
				goto out;
			cs_buf_addf(&b, "u%x", (unsigned)cp);
			i += (size_t)k;
			continue;
		}
		if (c >= 'A' && c <= 'Z')
			cs_buf_addc(&b, (char)(c - 'A' + 'a'));
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '_' || c == '-' || c == '.')
			cs_buf_addc(&b, (char)c);
		else if (b.len && b.s[b.len - 1] != '.')
			cs_buf_addc(&b, '.');
		i++;
	}
	while (b.len && b.s[b.len - 1] == '.')
		b.s[--b.len] = '\0';
	if (b.len == 0)
		goto out;
	i = 0;
	if (!(b.s[0] == '_' || (b.s[0] >= 'a' && b.s[0] <= 'z')))
		out[i++] = 'a';
	snprintf(out + i, 33 - i, "%s", b.s);
	n = strlen(out);
	while (n && out[n - 1] == '.')
		out[--n] = '\0';
	ret = cs_login_valid(out) ? 0 : -1;
out:
	cs_buf_free(&b);
	return ret;
}
