/*
 * env.h - what a program takes from its environment (base/env.c), and
 * what it does not when it runs setgid (make install-setgid, cs(7)
 * DEPLOYMENT): then the caller may not choose the data directory, the
 * acting user, the time or any other setting, and a file the caller names
 * is opened with the caller's rights, not the group's.
 */
#ifndef CS_ENV_H
#define CS_ENV_H

#include <stdio.h>

/* 1 when the program runs with rights its caller lacks: setgid (or
 * setuid), or AT_SECURE says so. */
int cs_setgid(void);
/* Setgid: every CS_ variable but CS_DATA_DIR (cli.c judges that one)
 * dropped, with a warning each; TZ and TZDIR dropped (the zone is the
 * data directory's policy/zone.csv, else the system's).  Else nothing. */
void cs_env_sanitise(void);
/* access(path, F_OK) with the effective ids, as the open that follows
 * has them: access(2) itself asks with the real ids. */
int cs_access(const char *path);
/* fopen(path, mode) with the real group's rights when setgid. */
FILE *cs_fopen_caller(const char *path, const char *mode);

#endif
