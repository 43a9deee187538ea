/*
 * verify.h - the journal's hash chain (chain.c) and cs verify (verify.c).
 *
 * Each journal line ends with a column hash: the hex SHA-256 (libcrypto)
 * of the previous line's hash and this line's first eight fields in the
 * store dialect, with their line end.  The previous line is the one
 * before in the same file, or the last line of the latest earlier month;
 * the journal's first line, and the first after lines written before the
 * column existed (their hash is empty), chain to the empty string.  The
 * writer computes it under the lock, from a read of the journal's tail.
 *
 * cs verify walks the chain and replays the journal (an add line holds
 * the whole record, a change line one field) against the records of
 * staff.csv, customers.csv, tickets/, complaints/ and orders/.
 *
 * Layers below: base; a part of store.
 */
#ifndef CS_VERIFY_H
#define CS_VERIFY_H

#include "store/store.h"

#define CS_HASH_HEX 64
/* The journal's columns before the hash: the header of an old journal. */
#define CS_JOURNAL_HEADER_OLD "time,user,program,command,id,field,old,new\n"

/* chain.c */
/* The hash of one line (its eight fields with LF) chained to prev. */
void cs_journal_hash(const char *prev, const char *line, size_t len,
    char out[CS_HASH_HEX + 1]);
/* Lines of eight fields in in (each with its LF) onto out, each with its
 * hash, chained from prev, which ends as the last line's hash. */
void cs_journal_chain(char prev[CS_HASH_HEX + 1], const char *in, size_t len,
    struct cs_buf *out);
/* The hash the next line of journal file rel (journal/YYYY-MM.csv) chains
 * to: its last line's, else the last line's of the latest earlier month
 * with lines, else "".  -1 on an error. */
int cs_journal_tail(const char *dir, const char *rel,
    char prev[CS_HASH_HEX + 1]);
/* Lock held, in a transaction: a journal file with the old header gets
 * the hash column (empty in its old lines). */
int cs_journal_upgrade(struct cs_ds *ds, const char *rel);
/* The hex SHA-256 of n bytes. */
void cs_sha256_hex(const void *p, size_t n, char out[CS_HASH_HEX + 1]);

/* A SHA-256 of many pieces: new, add each, end (the hex digest, and the
 * digest freed) or free. */
struct cs_digest;
struct cs_digest *cs_digest_new(void);
void cs_digest_add(struct cs_digest *d, const void *p, size_t n);
void cs_digest_end(struct cs_digest *d, char out[CS_HASH_HEX + 1]);
void cs_digest_free(struct cs_digest *d);
/* The digest of the files rels of dir: each one's name, then its bytes,
 * or "absent" for one that is not there.  -1 on an error reading one. */
int cs_files_digest(const char *dir, const char *const *rels, size_t n,
    char out[CS_HASH_HEX + 1]);

/* verify.c: cs verify; each finding a line on report.  The number of
 * findings, -1 on an error. */
long cs_verify_dir(const char *dir, FILE *report);

#endif
