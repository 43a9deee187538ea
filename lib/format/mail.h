/*
 * mail.h - a message of the outbox as an Internet mail (format/mail.c):
 * RFC 5322 headers (Message-ID, Date, From, To, Subject, the event and
 * the record it is about), the subject in RFC 2047 encoded words when it
 * is not ASCII, the body UTF-8 in base64 (RFC 2045), lines of at most 76
 * characters, so that no relay needs to touch it.
 */
#ifndef CS_FORMAT_MAIL_H
#define CS_FORMAT_MAIL_H

#include "format/format.h"

struct cs_mail {
	const char *message_id, *from, *to, *subject, *body;
	const char *event, *record;
	cs_time date;
};
/* The whole message, headers and body, into out (CRLF-free: LF lines,
 * as sendmail -t takes them). */
void cs_mail_compose(const struct cs_mail *m, struct cs_buf *out);
/* RFC 2047: s as encoded words (=?UTF-8?B?...?=), each at most 75
 * characters, split between characters, folded with LF and a space; s
 * itself when it is printable ASCII. */
void cs_mail_header_text(const char *s, struct cs_buf *out);
void cs_base64(const unsigned char *p, size_t n, struct cs_buf *out);

#endif
