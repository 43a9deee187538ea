/* buf.c: growable strings */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

void
cs_buf_grow(struct cs_buf *b, size_t more)
{
	if (b->len + more + 1 <= b->cap)
		return;
	while (b->len + more + 1 > b->cap)
		b->cap = b->cap ? b->cap * 2 : 64;
	b->s = cs_xrealloc(b->s, b->cap);
}

void
cs_buf_add(struct cs_buf *b, const void *p, size_t n)
{
	cs_buf_grow(b, n);
	memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
cs_buf_adds(struct cs_buf *b, const char *s)
{
	cs_buf_add(b, s, strlen(s));
}

void
cs_buf_addc(struct cs_buf *b, int c)
{
	cs_buf_grow(b, 1);
	b->s[b->len++] = (char)c;
	b->s[b->len] = '\0';
}

void
cs_buf_addf(struct cs_buf *b, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof small) {
		cs_buf_add(b, small, (size_t)n);
		return;
	}
	cs_buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
cs_buf_reset(struct cs_buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void
cs_buf_free(struct cs_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}
