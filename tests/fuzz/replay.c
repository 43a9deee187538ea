/*
 * replay.c: run a fuzz harness on files, without libFuzzer.  Each operand
 * is an input file, or a directory whose files are inputs; each is given
 * to LLVMFuzzerTestOneInput once.  A harness whose property fails aborts,
 * so the exit status says whether every input passed.  `make check` runs
 * each harness so on its corpus and findings (tests/fuzz/corpus/TARGET,
 * tests/fuzz/findings/TARGET), with gcc and again under ASan and UBSan.
 */
#include <dirent.h>

#include "fuzz.h"

static long nfiles;

static int
replay_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	struct cs_buf b = { 0 };
	char chunk[65536];
	size_t n;
	int ret = 0;

	if (fp == NULL) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		cs_buf_add(&b, chunk, n);
	if (ferror(fp)) {
		fprintf(stderr, "replay: %s: read error\n", path);
		ret = -1;
	}
	fclose(fp);
	if (ret == 0) {
		/* a copy of its own size, so ASan sees any read past the end */
		uint8_t *copy = cs_xmalloc(b.len ? b.len : 1);
		memcpy(copy, b.s ? b.s : "", b.len);
		LLVMFuzzerTestOneInput(copy, b.len);
		free(copy);
		nfiles++;
	}
	cs_buf_free(&b);
	return ret;
}

static int
replay(const char *path)
{
	struct stat st;
	struct dirent *e;
	DIR *d;
	char sub[4096];
	int ret = 0;

	if (stat(path, &st) < 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return replay_file(path);
	if ((d = opendir(path)) == NULL) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
		if (replay(sub) < 0)
			ret = -1;
	}
	closedir(d);
	return ret;
}

int
main(int argc, char **argv)
{
	int i, ret = 0;

	for (i = 1; i < argc; i++)
		if (replay(argv[i]) < 0)
			ret = 1;
	/* stderr: an importer harness sends stdout to /dev/null */
	fprintf(stderr, "%s: %ld inputs\n", argc > 0 ? argv[0] : "replay", nfiles);
	return ret;
}
