/*
 * fuzz.h: what every fuzz harness includes.
 *
 * Each harness in tests/fuzz/ is one libFuzzer target: it defines
 * LLVMFuzzerTestOneInput and nothing else that a fuzzer needs.  `make
 * fuzz` links it with libFuzzer (clang -fsanitize=fuzzer,address,undefined)
 * and runs it on tests/fuzz/corpus/TARGET/; `make check` links the same
 * file with replay.c and runs it on every committed input and finding, so
 * the properties a harness asserts are held on every build, with gcc.
 *
 * A property that fails is a crash: fuzz_assert prints what broke and
 * aborts, which libFuzzer reports and saves as a finding.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define fuzz_assert(cond, ...) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: property failed: %s: ", __FILE__, \
		    __LINE__, #cond); \
		fprintf(stderr, __VA_ARGS__); \
		fputc('\n', stderr); \
		abort(); \
	} \
} while (0)

/* The input as a C string, at most max bytes; the caller frees it. */
static inline char *
fuzz_str(const uint8_t *data, size_t size, size_t max)
{
	char *s;

	if (size > max)
		size = max;
	s = cs_xmalloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* The next piece of the input up to a newline (or its end), as a C
 * string; *data and *size move past it.  The caller frees it. */
static inline char *
fuzz_piece(const uint8_t **data, size_t *size)
{
	const uint8_t *nl = memchr(*data, '\n', *size);
	size_t n = nl ? (size_t)(nl - *data) : *size;
	char *s = fuzz_str(*data, n, n);

	*data += n + (nl != NULL);
	*size -= n + (nl != NULL);
	return s;
}

static char *fuzz_dir_name;

static inline void
fuzz_rmdir(void)
{
	char cmd[256];

	if (fuzz_dir_name == NULL)
		return;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", fuzz_dir_name);
	if (system(cmd) != 0)
		fprintf(stderr, "fuzz: could not remove %s\n", fuzz_dir_name);
}

/* A data directory of this process, with policy/, made on first use and
 * removed at exit. */
static inline const char *
fuzz_dir(void)
{
	static char name[] = "/tmp/cs-fuzz.XXXXXX";
	char policy[64];

	if (fuzz_dir_name)
		return fuzz_dir_name;
	if (mkdtemp(name) == NULL) {
		perror("fuzz: mkdtemp");
		abort();
	}
	snprintf(policy, sizeof policy, "%s/policy", name);
	if (mkdir(policy, 0700) < 0) {
		perror("fuzz: mkdir");
		abort();
	}
	fuzz_dir_name = name;
	atexit(fuzz_rmdir);
	return name;
}

/* Write n bytes to rel under the data directory, replacing it. */
static inline void
fuzz_write(const char *rel, const void *p, size_t n)
{
	char path[256];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", fuzz_dir(), rel);
	fp = fopen(path, "w");
	if (fp == NULL || (n && fwrite(p, 1, n, fp) != n) || fclose(fp) != 0) {
		perror(path);
		abort();
	}
}

static inline void
fuzz_remove(const char *rel)
{
	char path[256];

	snprintf(path, sizeof path, "%s/%s", fuzz_dir(), rel);
	if (unlink(path) < 0 && errno != ENOENT) {
		perror(path);
		abort();
	}
}

#endif
