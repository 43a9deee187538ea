/*
 * values.h - the Chinese names of the values of the stores' fields
 * (store/values.c).
 *
 * A field of a few values (an enum of a schema, and the complaint natures
 * and departments of the default policy) is stored in its canonical
 * English value ("phone"), and may be given by its Chinese name ("电话")
 * wherever a value comes in: a field=value operand, a filter option, an
 * imported row.  The names are one table, data, in values.c: for each
 * field, each value's Chinese names, the first the one shown.  A table
 * for a terminal (-o table) shows the Chinese name when the user's
 * language is Chinese (cs_lang_zh); CSV, TSV and JSON, which scripts
 * read, always carry the stored value.
 */
#ifndef CS_STORE_VALUES_H
#define CS_STORE_VALUES_H

#include "store/store.h"

/* The canonical value of field given as v: the English value one of
 * whose Chinese names v is, else v itself. */
const char *cs_value_canon(const char *field, const char *v);
/* 1 when some value of field has a Chinese name it shows. */
int cs_value_field(const char *field);
/* The Chinese name of value v of field, or NULL when it has none. */
const char *cs_value_zh(const char *field, const char *v);
/* v as a table shows it: its Chinese name when cs_lang_zh() and it has
 * one, else v. */
const char *cs_value_shown(const char *field, const char *v);
/* The values of list ("a|b|c"), each with its Chinese name, appended to
 * b as "a (甲), b (乙), c" (sep between them, ", " when NULL). */
void cs_value_list(struct cs_buf *b, const char *field, const char *list,
    const char *sep);
/* 1 when the user's language is Chinese: the first of LC_ALL,
 * LC_MESSAGES and LANG that is set and not empty names the locale; when
 * it is C or POSIX (or none is set) the language is English, whatever
 * LANGUAGE says (as gettext does); else the first entry of LANGUAGE, when
 * set, or else the locale decides: zh, zh_CN, zh_CN.UTF-8, ... are
 * Chinese.  Read at each call (the tests change the environment). */
int cs_lang_zh(void);

#endif
