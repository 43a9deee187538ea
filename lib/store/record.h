/*
 * record.h - the records of a dated store, read over a period, and added
 * or changed with their events (store/record.c).
 *
 * cs_record_each gives every record of the store's files that may hold a
 * period's records (cs_dated_files) to a callback, with a master bound to
 * each file's columns; a file written before a late column is laid out as
 * it would be widened (widen.c), the column empty.
 *
 * Complaints and orders keep, beside their records, an events store a
 * month (DIR/YYYY-MM.csv: time, id, what, by, detail) that tells each
 * record's story.  A record added or changed and its event are one change
 * (cs_commit): the record's line, its journal lines and the event, or
 * none of them.  Both of these want the lock held.
 */
#ifndef CS_RECORD_H
#define CS_RECORD_H

#include "store/store.h"

/* Every record of the files of dated store s for period p, to fn (which
 * may stop the reading with -1). */
int cs_record_each(struct cs_ds *ds, const struct cs_schema *s,
    const struct cs_period *p,
    int (*fn)(void *, const struct cs_master *, const struct cs_row *),
    void *ctx);

/* An events store: its directory and the header of a new month. */
struct cs_events {
	const char *dir, *header;
};
/* rec, in m's columns, added to dated store s under a new id (in *id, for
 * the caller to free), with the event what, detail. */
int cs_record_add(struct cs_ds *ds, const struct cs_schema *s,
    const struct cs_master *m, struct cs_row *rec, const struct cs_events *e,
    const char *what, const char *detail, char **id);
/* The record old of m, at [start, end) of its file, replaced by new: the
 * journal j (lines the caller made, and the changed fields under command),
 * the event what, detail. */
int cs_record_change(struct cs_ds *ds, const struct cs_master *m,
    const struct cs_row *old, const struct cs_row *new, off_t start, off_t end,
    const char *command, struct cs_buf *j, const struct cs_events *e,
    const char *what, const char *detail);

#endif
