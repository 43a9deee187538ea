/*
 * chain.c: the journal's hash chain (verify.h tells the rule).
 *
 * SHA-256 is libcrypto's (EVP).  The writer never reads the whole
 * journal: the hash to chain to is the last 66 bytes of the file
 * (",HASH\n"), read with pread under the lock; a month with no line yet
 * chains to the last line of the latest month before it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "store/verify.h"

static void
hex(const unsigned char *d, unsigned n, char *out)
{
	static const char x[] = "0123456789abcdef";
	unsigned i;

	for (i = 0; i < n; i++) {
		out[2 * i] = x[d[i] >> 4];
		out[2 * i + 1] = x[d[i] & 15];
	}
	out[2 * n] = '\0';
}

/* The digest of two pieces; one context and one fetch of the algorithm
 * for the whole run (fetching it for each of a million journal lines was
 * a tenth of an import). */
static void
sha256_two(const void *a, size_t an, const void *b, size_t bn,
    char out[CS_HASH_HEX + 1])
{
	static EVP_MD_CTX *ctx;
	static EVP_MD *md;
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned n = 0;

	if (ctx == NULL && (ctx = EVP_MD_CTX_new()) == NULL)
		cs_fatal(CS_ESOFTWARE, "SHA-256: out of memory");
	if (md == NULL && (md = EVP_MD_fetch(NULL, "SHA256", NULL)) == NULL)
		cs_fatal(CS_ESOFTWARE, "SHA-256: libcrypto has no SHA-256");
	if (EVP_DigestInit_ex(ctx, md, NULL) != 1 ||
	    EVP_DigestUpdate(ctx, a, an) != 1 ||
	    EVP_DigestUpdate(ctx, b, bn) != 1 ||
	    EVP_DigestFinal_ex(ctx, d, &n) != 1 || n != 32)
		cs_fatal(CS_ESOFTWARE, "SHA-256: libcrypto failed");
	hex(d, n, out);
}

void
cs_sha256_hex(const void *p, size_t n, char out[CS_HASH_HEX + 1])
{
	sha256_two("", 0, p, n, out);
}

/* A digest built up piece by piece: an EVP context, fed 4 KB at a time
 * (pieces are often a field of a few bytes, and a call each costs more
 * than hashing them). */
struct cs_digest {
	EVP_MD_CTX *ctx;
	size_t n;
	unsigned char buf[4096];
};

static void
digest_flush(struct cs_digest *d)
{
	if (d->n > 0 && EVP_DigestUpdate(d->ctx, d->buf, d->n) != 1)
		cs_fatal(CS_ESOFTWARE, "SHA-256: libcrypto failed");
	d->n = 0;
}

struct cs_digest *
cs_digest_new(void)
{
	struct cs_digest *d = cs_xmalloc(sizeof *d);

	d->n = 0;
	if ((d->ctx = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(d->ctx, EVP_sha256(), NULL) != 1)
		cs_fatal(CS_ESOFTWARE, "SHA-256: libcrypto failed");
	return d;
}

void
cs_digest_add(struct cs_digest *d, const void *p, size_t n)
{
	if (d->n + n > sizeof d->buf)
		digest_flush(d);
	if (n >= sizeof d->buf) {
		if (EVP_DigestUpdate(d->ctx, p, n) != 1)
			cs_fatal(CS_ESOFTWARE, "SHA-256: libcrypto failed");
		return;
	}
	memcpy(d->buf + d->n, p, n);
	d->n += n;
}

void
cs_digest_end(struct cs_digest *d, char out[CS_HASH_HEX + 1])
{
	unsigned char b[EVP_MAX_MD_SIZE];
	unsigned n = 0;

	digest_flush(d);
	if (EVP_DigestFinal_ex(d->ctx, b, &n) != 1 || n != 32)
		cs_fatal(CS_ESOFTWARE, "SHA-256: libcrypto failed");
	hex(b, n, out);
	cs_digest_free(d);
}

void
cs_digest_free(struct cs_digest *d)
{
	if (d) {
		EVP_MD_CTX_free(d->ctx);
		free(d);
	}
}

/* One file's bytes into d: its name, then the bytes, or "absent". */
static int
digest_file(struct cs_digest *d, const char *dir, const char *rel)
{
	struct cs_buf path = { 0 };
	char b[65536];
	ssize_t n;
	int fd, rc = 0;

	cs_digest_add(d, rel, strlen(rel) + 1);
	cs_buf_addf(&path, "%s/%s", dir, rel);
	if ((fd = cs_open_regular(path.s, O_RDONLY, 0)) < 0) {
		cs_buf_free(&path);
		if (cs_errstatus() == CS_ENOINPUT && errno == ENOENT) {
			cs_digest_add(d, "absent", 7);
			return 0;
		}
		return -1;
	}
	while ((n = read(fd, b, sizeof b)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			rc = cs_fail_errno("read", path.s);
			break;
		}
		cs_digest_add(d, b, (size_t)n);
	}
	close(fd);
	cs_buf_free(&path);
	return rc;
}

int
cs_files_digest(const char *dir, const char *const *rels, size_t n,
    char out[CS_HASH_HEX + 1])
{
	struct cs_digest *d = cs_digest_new();
	size_t i;

	for (i = 0; i < n; i++)
		if (digest_file(d, dir, rels[i]) < 0) {
			cs_digest_free(d);
			return -1;
		}
	cs_digest_end(d, out);
	return 0;
}

void
cs_journal_hash(const char *prev, const char *line, size_t len,
    char out[CS_HASH_HEX + 1])
{
	sha256_two(prev, strlen(prev), line, len, out);
}

void
cs_journal_chain(char prev[CS_HASH_HEX + 1], const char *in, size_t len,
    struct cs_buf *out)
{
	const char *p = in, *end = in + len, *nl;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		nl = nl ? nl + 1 : end;
		cs_journal_hash(prev, p, (size_t)(nl - p), prev);
		cs_buf_add(out, p, (size_t)(nl - p) - (nl[-1] == '\n'));
		cs_buf_addc(out, ',');
		cs_buf_add(out, prev, CS_HASH_HEX);
		cs_buf_addc(out, '\n');
		p = nl;
	}
}

static int
is_hash(const char *s)
{
	size_t i;

	for (i = 0; i < CS_HASH_HEX; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

/* 1 and the last line's hash (maybe "") when path has lines after its
 * header, 0 when it has none or is absent, -1 on an error. */
static int
tail_of(const char *path, char prev[CS_HASH_HEX + 1])
{
	char b[CS_HASH_HEX + 2];
	struct stat st;
	int fd, ret = -1;

	if ((fd = cs_open_regular(path, O_RDONLY, 0)) < 0)
		return errno == ENOENT ? 0 : cs_fail_errno("open", path);
	if (fstat(fd, &st) < 0) {
		cs_fail_errno("stat", path);
		goto out;
	}
	ret = 0;
	prev[0] = '\0';
	if (st.st_size <= (off_t)strlen(CS_JOURNAL_HEADER))
		goto out;
	ret = 1;
	if (pread(fd, b, sizeof b, st.st_size - (off_t)sizeof b) !=
	    (ssize_t)sizeof b) {
		ret = cs_fail_errno("read", path);
		goto out;
	}
	if (b[0] == ',' && b[CS_HASH_HEX + 1] == '\n' && is_hash(b + 1)) {
		memcpy(prev, b + 1, CS_HASH_HEX);
		prev[CS_HASH_HEX] = '\0';
	}
out:
	close(fd);
	return ret;
}

static int
is_month_file(const char *name, const char *arg)
{
	(void)arg;
	return strlen(name) == 7 && name[4] == '-';
}

int
cs_journal_tail(const char *dir, const char *rel, char prev[CS_HASH_HEX + 1])
{
	struct cs_buf p = { 0 };
	const char *base = strrchr(rel, '/');
	char **names = NULL;
	size_t i, n;
	int k;

	base = base ? base + 1 : rel;
	cs_buf_addf(&p, "%s/%s", dir, rel);
	k = tail_of(p.s, prev);
	if (k != 0)
		goto out;
	cs_buf_reset(&p);
	cs_buf_addf(&p, "%s/journal", dir);
	if ((names = cs_dir_entries(p.s, 1, is_month_file, NULL, cs_by_name)) ==
	    NULL) {
		k = -1;
		goto out;
	}
	for (n = 0; names[n]; n++)
		;
	for (i = n; i-- > 0 && k == 0;) {
		if (strncmp(names[i], base, 7) >= 0)
			continue;
		cs_buf_reset(&p);
		cs_buf_addf(&p, "%s/journal/%s.csv", dir, names[i]);
		k = tail_of(p.s, prev);
	}
	if (k == 0)
		prev[0] = '\0';
out:
	if (names)
		for (i = 0; names[i]; i++)
			free(names[i]);
	free(names);
	cs_buf_free(&p);
	return k < 0 ? -1 : 0;
}

int
cs_journal_upgrade(struct cs_ds *ds, const char *rel)
{
	size_t oldlen = strlen(CS_JOURNAL_HEADER_OLD);
	struct cs_buf body = { 0 }, out = { 0 };
	char *path = cs_ds_path(ds, rel), blk[65536];
	const char *parts[1];
	size_t lens[1], i;
	ssize_t k;
	int fd, ret = -1;

	if ((fd = cs_open_regular(path, O_RDONLY, 0)) < 0) {
		ret = errno == ENOENT ? 0 : cs_fail_errno("open", path);
		goto out;
	}
	/* the header first: a month's journal is read whole only when it is
	 * an old one, never at every change (it is the month's size) */
	if ((k = pread(fd, blk, oldlen, 0)) < 0) {
		cs_fail_errno("read", path);
		close(fd);
		goto out;
	}
	if ((size_t)k < oldlen || memcmp(blk, CS_JOURNAL_HEADER_OLD, oldlen)) {
		close(fd);
		ret = 0;
		goto out;
	}
	while ((k = read(fd, blk, sizeof blk)) > 0)
		cs_buf_add(&body, blk, (size_t)k);
	close(fd);
	if (k < 0) {
		cs_fail_errno("read", path);
		goto out;
	}
	ret = 0;
	if (body.len < oldlen || memcmp(body.s, CS_JOURNAL_HEADER_OLD, oldlen))
		goto out;
	cs_buf_add(&out, CS_JOURNAL_HEADER, strlen(CS_JOURNAL_HEADER));
	for (i = oldlen; i < body.len; i++) {
		if (body.s[i] == '\n')
			cs_buf_addc(&out, ',');
		cs_buf_addc(&out, body.s[i]);
	}
	parts[0] = out.s;
	lens[0] = out.len;
	ret = cs_txn_rewrite(ds, rel, parts, lens, 1);
out:
	cs_buf_free(&body);
	cs_buf_free(&out);
	free(path);
	return ret;
}
