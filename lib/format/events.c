/*
 * events.c: one record shown one field a line, or its events (events.h).
 */
#include <string.h>

#include "format/events.h"

int
cs_out_fields(struct cs_out *out, FILE *fp, enum cs_fmt fmt,
    const struct cs_row *hdr, const struct cs_row *row)
{
	struct cs_row h = { 0 }, kv = { 0 };
	size_t i;

	cs_row_push(&h, "field", 5);
	cs_row_push(&h, "value", 5);
	out->maxw = 160;	/* one record: show it whole */
	cs_out_begin(out, fp, fmt, &h);
	for (i = 0; i < hdr->n; i++) {
		cs_row_clear(&kv);
		cs_row_push(&kv, cs_row_get(hdr, i), strlen(cs_row_get(hdr, i)));
		cs_row_push(&kv, cs_row_get(row, i), strlen(cs_row_get(row, i)));
		cs_out_row(out, &kv);
	}
	cs_row_free(&h);
	cs_row_free(&kv);
	return cs_out_end(out);
}

int
cs_out_record(struct cs_out *out, FILE *fp, enum cs_fmt fmt,
    const struct cs_row *hdr, const struct cs_row *row)
{
	if (fmt == CS_FMT_TABLE)
		return cs_out_fields(out, fp, fmt, hdr, row);
	cs_out_begin(out, fp, fmt, hdr);
	cs_out_row(out, row);
	return cs_out_end(out);
}

int
cs_out_events(struct cs_ds *ds, const struct cs_events *e, const char *id,
    struct cs_out *out, FILE *fp, enum cs_fmt fmt)
{
	struct cs_row h = { 0 };
	const char *p = e->header;
	size_t n;

	while (*p && *p != '\n') {
		n = strcspn(p, ",\n");
		cs_row_push(&h, p, n);
		p += n + (p[n] == ',');
	}
	out->maxw = 0;
	cs_out_begin(out, fp, fmt, &h);
	cs_row_free(&h);
	if (cs_id_lines(ds, e->dir, id, 0, NULL, NULL, out) < 0) {
		cs_out_end(out);	/* its buffers freed; the error stands */
		return -1;
	}
	return cs_out_end(out);
}
