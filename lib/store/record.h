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
 * (cs_commit): the record's line, its journal lines, the event and the
 * messages the event owes its customer (cs_record_notice, outbox.h), or
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

/*
 * evindex.c: an events store's index by id (order-events), so that one
 * record's events are read without reading the month: for each month file
 * DIR/M.csv begun since the index, DIR/index/M/G.csv for each group G of
 * a thousand ids (O-20261120-0xxx), a line "id,offset" for each event of
 * the group, written in the commit of the event; a month begun before the
 * index has no DIR/index/M and is read whole (cs-store(5)).
 */
/* 1 when the events store dir is kept with an index. */
int cs_evindex_is(const char *dir);
/* The index line of an event of id about to be appended to evrel (of
 * events store dir, whose new file begins with header), the lock held:
 * its file in *irel (for the caller to free) and the line in line, to
 * append in the same commit (with cs_evindex_header() as a new file's
 * header); *irel NULL when the month is not indexed.  0 or -1. */
int cs_evindex_line(struct cs_ds *ds, const char *dir, const char *evrel,
    const char *header, const char *id, char **irel, struct cs_buf *line);
const char *cs_evindex_header(void);
/* The events of id in dir's month file by the index, each to fn (header,
 * row; fn may stop with -1): 1 done, 0 the month is not indexed (read it
 * whole), -1 an error (an index line pointing at no event of id). */
int cs_evindex_lines(struct cs_ds *ds, const char *dir, const char *month,
    const char *id, int (*fn)(void *, const struct cs_row *,
    const struct cs_row *), void *ctx);
/* cs check: the index of dir's month against its file, each problem (an
 * index line malformed, out of order or of another group; a group whose
 * lines are not exactly its events) to problem.  0, or -1 an error. */
int cs_evindex_check(struct cs_ds *ds, const char *dir, const char *month,
    void (*problem)(void *, const char *), void *ctx);
/* The index of dir's month made from its file, which has none (DIR/index/M
 * must not exist): for a generator or a repair with the lock held, not a
 * commit.  0 or -1. */
int cs_evindex_build(struct cs_ds *ds, const char *dir, const char *month);

#endif
