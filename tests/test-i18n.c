/*
 * test-i18n: the interface language.  Codes and their own names; dates
 * with the language's month and day names whatever LC_TIME says (the
 * catalogs from TIDINGS_LOCALEDIR, as make check builds them); a switch
 * that takes effect at once, past gettext's cache.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "i18n.h"
#include "test.h"
#include "xmalloc.h"

struct date_case {
	const char	*lang, *fmt, *want;
};

static void	 test_codes(void);
static void	 test_english(void);
static void	 test_languages(void);

/* Tuesday 3 March 2026, 09:05:07. */
static const struct tm when = {
	.tm_year = 126, .tm_mon = 2, .tm_mday = 3, .tm_wday = 2,
	.tm_yday = 61, .tm_hour = 9, .tm_min = 5, .tm_sec = 7
};

static void
test_codes(void)
{
	static const char *const names[] = { "Nederlands", "English",
	    "Deutsch", "Fran\xc3\xa7" "ais", "Espa\xc3\xb1" "ol",
	    "Portugu\xc3\xaas" };
	char	*list;
	size_t	 i;

	for (i = 0; i < I18N_NLANGS; i++)
		CHECK_STR(i18n_langs[i].name, names[i], "own name");
	CHECK(i18n_find("de") == &i18n_langs[2], "de is German");
	CHECK(i18n_find("pt_BR") == NULL, "only the six codes");
	CHECK(i18n_find("") == NULL, "not empty");
	CHECK(i18n_set("xx") == -1, "unknown code refused");
	list = i18n_list();
	CHECK_STR(list, "Nederlands (nl), English (en), Deutsch (de), "
	    "Fran\xc3\xa7" "ais (fr), Espa\xc3\xb1" "ol (es), "
	    "Portugu\xc3\xaas (pt)", "the list for messages");
	free(list);
}

static void
test_english(void)
{
	char	 out[64];

	CHECK(i18n_set("en") == 0, "en");
	CHECK_STR(i18n_current(), "en", "current");
	CHECK(i18n_strftime(out, sizeof out, "%a %A %b %B %h", &when) > 0,
	    "names");
	CHECK_STR(out, "Tue Tuesday Mar March Mar", "English names");
	i18n_strftime(out, sizeof out, "%Y-%m-%d %H:%M:%S %% %-d %e|", &when);
	CHECK_STR(out, "2026-03-03 09:05:07 % 3  3|", "numbers by strftime");
	/* Too small: nothing, not half a date. */
	CHECK(i18n_strftime(out, 5, "%B %Y", &when) == 0, "too small");
	CHECK_STR(out, "", "too small leaves it empty");
	CHECK(i18n_strftime(out, sizeof out, "trailing %", &when) == 9,
	    "a lone %s at the end is dropped", "%");
	CHECK_STR(out, "trailing ", "a lone %");
}

/* With the catalogs: each language's names, switched one after another. */
static void
test_languages(void)
{
	static const struct date_case cases[] = {
		{ "de", "%a %A %d %b %B",
		    "Di Dienstag 03 M\xc3\xa4r M\xc3\xa4rz" },
		{ "fr", "%a %A %d %b %B", "mar. mardi 03 mars mars" },
		{ "nl", "%a %A %d %b %B", "di dinsdag 03 mrt maart" },
		{ "es", "%a %A %d %b %B", "mar martes 03 mar marzo" },
		{ "pt", "%a %A %d %b %B", "ter ter\xc3\xa7" "a-feira 03 mar "
		    "mar\xc3\xa7o" },
		{ "en", "%a %A %d %b %B", "Tue Tuesday 03 Mar March" },
		{ "de", "%b", "M\xc3\xa4r" }
	};
	const char	*dir = getenv("TIDINGS_LOCALEDIR");
	char		*mo, out[64];
	struct stat	 sb;
	size_t		 i;

	if (dir == NULL)
		return;
	mo = xprintf("%s/de/LC_MESSAGES/tidings.mo", dir);
	i = stat(mo, &sb) == 0;
	free(mo);
	if (!i) {
		printf("i18n: no catalogs in %s; languages not checked\n", dir);
		return;
	}
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		CHECK(i18n_set(cases[i].lang) == 0, "%s", cases[i].lang);
		i18n_strftime(out, sizeof out, cases[i].fmt, &when);
		CHECK_STR(out, cases[i].want, cases[i].lang);
		CHECK_STR(C_("month", "May"), cases[i].lang[0] == 'd' ? "Mai" :
		    cases[i].lang[0] == 'f' ? "mai" : cases[i].lang[0] == 'n' ?
		    "mei" : cases[i].lang[0] == 'e' && cases[i].lang[1] == 's' ?
		    "mayo" : cases[i].lang[0] == 'p' ? "maio" : "May",
		    "the month May, by its context");
	}
}

int
main(void)
{
	/* As a fresh system: the C locale, no language in the environment. */
	unsetenv("LANGUAGE");
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	setenv("LANG", "C", 1);
	i18n_init();
	CHECK_STR(i18n_current(), "en", "C is English");
	test_codes();
	test_english();
	test_languages();
	return test_exit("i18n");
}
