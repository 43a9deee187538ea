/*
 * sibling.h - another program of cs-tools run by this one
 * (cli/sibling.c).
 *
 * A program that hands part of its work to another (cs-order opens a
 * complaint with cs-complain) runs the one installed beside it, found
 * through /proc/self/exe, or else the one on PATH, and reads what it
 * prints; what it says on standard error goes to ours.
 */
#ifndef CS_SIBLING_H
#define CS_SIBLING_H

#include "cli/cli.h"

/* Run program name with argv (argv[0] its name, NULL-terminated); its
 * standard output in out.  0 with its exit status in *status (CS_EIO when
 * it did not exit) and in *rerr the errno of a failed read of its output
 * (0 if none); -1 with the step that failed (pipe, fork, wait).  A program
 * that cannot be run says so and exits 64. */
int cs_sibling_run(const char *name, char *const argv[], struct cs_buf *out,
    int *status, int *rerr);

#endif
