/*
 * i18n.c: the user's language for messages, and only for messages.
 *
 * LC_MESSAGES is taken from the environment (LC_ALL, LC_MESSAGES, LANG;
 * then LANGUAGE, which gettext honours unless the locale is C or POSIX),
 * so errors, warnings, --help and table headers are in the user's
 * language.  LC_CTYPE is C.UTF-8 whatever the user's: the stores and
 * every output are UTF-8, and a single byte classifies as in C (a
 * GB18030 or Latin-1 LC_CTYPE would make isalpha() take the bytes of
 * UTF-8 text for letters).  LC_NUMERIC, LC_TIME and LC_COLLATE stay C:
 * "12.5" is never "12,5", times are ISO 8601, and sort order is by
 * byte, in every locale, so that a script reads the same output.
 *
 * The catalogues are LOCALEDIR/LANG/LC_MESSAGES/cs-tools.mo (from the
 * Makefile, $(DATADIR)/locale); CS_LOCALEDIR names another directory,
 * for a build not installed (the tests), except to a setgid program,
 * which takes no settings from the environment (env.c).
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/base.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

void
cs_i18n_init(void)
{
	const char *dir = cs_setgid() ? NULL : getenv("CS_LOCALEDIR");

	setlocale(LC_MESSAGES, "");
	setlocale(LC_CTYPE, "C.UTF-8");
	bindtextdomain("cs-tools", dir && *dir == '/' ? dir : LOCALEDIR);
	bind_textdomain_codeset("cs-tools", "UTF-8");
	textdomain("cs-tools");
}

/* gettext of "column" EOT name (what pgettext makes of a context): the
 * same word may be a column here and a verb or a value elsewhere. */
const char *
cs_column_label(const char *name)
{
	char key[128];
	const char *t;

	if ((size_t)snprintf(key, sizeof key, "column\004%s", name) >= sizeof key)
		return name;
	t = gettext(key);
	return t == key ? name : t;
}
