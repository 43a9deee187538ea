/*
 * events.h - one record shown: one field a line, or its events
 * (format/events.c).
 *
 * A record of a dated store is shown whole as a line of its store, or, on
 * a terminal, one field a line (name, value) so that it can be read; its
 * story is its lines in its events store (store/record.h), from the month
 * of its id on, under that store's header.
 */
#ifndef CS_EVENTS_H
#define CS_EVENTS_H

#include "format/format.h"
#include "store/record.h"

/* The record row under header hdr, one field a line, through out (begun
 * and ended here, in fmt on fp). */
int cs_out_fields(struct cs_out *out, FILE *fp, enum cs_fmt fmt,
    const struct cs_row *hdr, const struct cs_row *row);
/* The record row as a table one field a line (cs_out_fields) when fmt is
 * a table, else as a line of its store under hdr. */
int cs_out_record(struct cs_out *out, FILE *fp, enum cs_fmt fmt,
    const struct cs_row *hdr, const struct cs_row *row);
/* The events of id in e, through out (begun here, in fmt on fp, with e's
 * header).  -1 with out still open (the caller ends or discards it). */
int cs_out_events(struct cs_ds *ds, const struct cs_events *e, const char *id,
    struct cs_out *out, FILE *fp, enum cs_fmt fmt);

#endif
