/*
 * Message translation: _() and N_() for strings, ngettext for counts, C_()
 * for a string whose meaning needs a context ("May" the month or its
 * abbreviation); the interface language, chosen at start-up or live; and
 * dates with month and day names in that language, with or without a
 * system locale for it.
 */
#ifndef TIDINGS_I18N_H
#define TIDINGS_I18N_H

#include <stddef.h>
#include <time.h>

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s)		gettext(s)
#else
#define _(s)		((char *)(s))
#define ngettext(s, p, n) ((char *)((n) == 1 ? (s) : (p)))
#endif
#define N_(s)		(s)
/* The catalog keys a context and a string as "context\004string". */
#define C_(c, s)	i18n_pgettext(c "\004" s, s)

/* One interface language. */
struct i18n_lang {
	const char	*code;		/* "de": for --lang and the config */
	const char	*name;		/* "Deutsch", never translated */
};

/* The six languages, in the order menus list them. */
extern const struct i18n_lang i18n_langs[];
#define I18N_NLANGS	6

/*
 * Sets the locale from the environment, binds the catalog (from
 * TIDINGS_LOCALEDIR when set, for running uninstalled) and picks the
 * language of LANGUAGE, LC_ALL, LC_MESSAGES or LANG, in that order.
 */
void		 i18n_init(void);
/*
 * Speaks code ("de") from now on, also where the system has no locale
 * for it.  0, or -1 when code is not one of ours (the language stays).
 */
int		 i18n_set(const char *);
/*
 * Held by another thread while it may translate (the storer writing the
 * cache): i18n_set waits for it, as setenv and setlocale race with a
 * gettext running at the same time.
 */
void		 i18n_hold(void);
void		 i18n_release(void);
/* The code of the language spoken now. */
const char	*i18n_current(void);
/* The language of code, or NULL. */
const struct i18n_lang *i18n_find(const char *);
/* "Nederlands (nl), English (en), ...": allocated, for messages. */
char		*i18n_list(void);
/* The translation of "context\004string", or s itself. */
const char	*i18n_pgettext(const char *, const char *);
/*
 * strftime, but %a %A %b %B (and %h) are the interface language's names,
 * not the locale's.  Returns the length written, 0 if it did not fit.
 */
size_t		 i18n_strftime(char *, size_t, const char *,
		    const struct tm *);

#endif
