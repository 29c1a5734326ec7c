/*
 * i18n.c owns the locale, the message catalog binding and the interface
 * language.  Translations are looked up at use, never cached, so the
 * language can change at run time.
 *
 * The language is set through LANGUAGE, which glibc's gettext reads at
 * each lookup but ignores while the LC_MESSAGES locale is "C" (or
 * "POSIX").  A fresh Debian has no locale but C.UTF-8, and a user there
 * with LANG=de_DE.UTF-8 gets "C" from setlocale; so the language is
 * worked out here from the environment, LANGUAGE is set to it, and a "C"
 * LC_MESSAGES becomes C.UTF-8, which glibc (2.35 and later) treats as
 * any other locale name.  Month and day names come from the catalog too,
 * not from LC_TIME, for the same reason.
 */
#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "i18n.h"
#include "xmalloc.h"

/* Indexed as i18n_langs; the own names are never translated. */
const struct i18n_lang i18n_langs[I18N_NLANGS] = {
	{ "nl", "Nederlands" },
	{ "en", "English" },
	{ "de", "Deutsch" },
	{ "fr", "Fran\xc3\xa7" "ais" },
	{ "es", "Espa\xc3\xb1" "ol" },
	{ "pt", "Portugu\xc3\xaas" }
};

static const char	*i18n_now = "en";

static const struct i18n_lang *from_locale_name(const char *);
static const struct i18n_lang *from_environment(void);
static void	 name_add(struct buf *, const char *const (*)[2], int);

/* The catalog entries of the names, "context\004name", and the names. */
#define NC_(c, s)	{ c "\004" s, s }
static const char *const i18n_days[7][2] = {
	NC_("weekday", "Sunday"), NC_("weekday", "Monday"),
	NC_("weekday", "Tuesday"), NC_("weekday", "Wednesday"),
	NC_("weekday", "Thursday"), NC_("weekday", "Friday"),
	NC_("weekday", "Saturday")
};
static const char *const i18n_wdays[7][2] = {
	/* TRANSLATORS: abbreviated day names, as in the article header's
	   date; short (two to four letters), with a full stop if your
	   language writes one. */
	NC_("abbreviated weekday", "Sun"), NC_("abbreviated weekday", "Mon"),
	NC_("abbreviated weekday", "Tue"), NC_("abbreviated weekday", "Wed"),
	NC_("abbreviated weekday", "Thu"), NC_("abbreviated weekday", "Fri"),
	NC_("abbreviated weekday", "Sat")
};
static const char *const i18n_months[12][2] = {
	NC_("month", "January"), NC_("month", "February"),
	NC_("month", "March"), NC_("month", "April"), NC_("month", "May"),
	NC_("month", "June"), NC_("month", "July"), NC_("month", "August"),
	NC_("month", "September"), NC_("month", "October"),
	NC_("month", "November"), NC_("month", "December")
};
static const char *const i18n_mons[12][2] = {
	/* TRANSLATORS: abbreviated month names, as in list dates ("03 Dec");
	   short (three to five letters). */
	NC_("abbreviated month", "Jan"), NC_("abbreviated month", "Feb"),
	NC_("abbreviated month", "Mar"), NC_("abbreviated month", "Apr"),
	NC_("abbreviated month", "May"), NC_("abbreviated month", "Jun"),
	NC_("abbreviated month", "Jul"), NC_("abbreviated month", "Aug"),
	NC_("abbreviated month", "Sep"), NC_("abbreviated month", "Oct"),
	NC_("abbreviated month", "Nov"), NC_("abbreviated month", "Dec")
};

void
i18n_init(void)
{
	const struct i18n_lang	*l;
	const char		*cs, *dir;

	setlocale(LC_ALL, "");
	/*
	 * Text is UTF-8 inside and terminals are UTF-8 nearly everywhere;
	 * a fresh system's C locale would make curses print "?" for every
	 * accent.  Only the character type changes, not the language.
	 */
	cs = nl_langinfo(CODESET);
	if (cs == NULL || strcmp(cs, "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
#ifdef ENABLE_NLS
	dir = getenv("TIDINGS_LOCALEDIR");
	bindtextdomain(PACKAGE, dir != NULL && *dir != '\0' ? dir :
	    LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
#else
	(void)dir;
#endif
	if ((l = from_environment()) != NULL)
		i18n_set(l->code);
}

/* "de_DE.UTF-8@euro" is German; "C", "POSIX" and the rest are not ours. */
static const struct i18n_lang *
from_locale_name(const char *name)
{
	size_t	 n;
	char	 code[8];

	n = strcspn(name, "_.@:");
	if (n == 0 || n >= sizeof code)
		return NULL;
	memcpy(code, name, n);
	code[n] = '\0';
	return i18n_find(code);
}

/*
 * LANGUAGE first, the first of its languages that is ours; then the first
 * of LC_ALL, LC_MESSAGES and LANG that is set decides, as POSIX says.
 */
static const struct i18n_lang *
from_environment(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const struct i18n_lang	*l;
	const char		*s;
	size_t			 i;

	if ((s = getenv("LANGUAGE")) != NULL) {
		while (*s != '\0') {
			if ((l = from_locale_name(s)) != NULL)
				return l;
			s += strcspn(s, ":");
			s += *s == ':';
		}
	}
	for (i = 0; i < sizeof vars / sizeof *vars; i++) {
		if ((s = getenv(vars[i])) != NULL && *s != '\0')
			return from_locale_name(s);
	}
	return NULL;
}

const struct i18n_lang *
i18n_find(const char *code)
{
	size_t	 i;

	for (i = 0; i < I18N_NLANGS; i++)
		if (strcmp(i18n_langs[i].code, code) == 0)
			return &i18n_langs[i];
	return NULL;
}

static pthread_rwlock_t	 i18n_rw = PTHREAD_RWLOCK_INITIALIZER;

void
i18n_hold(void)
{
	pthread_rwlock_rdlock(&i18n_rw);
}

void
i18n_release(void)
{
	pthread_rwlock_unlock(&i18n_rw);
}

int
i18n_set(const char *code)
{
	static const char *const names[] = { "C.UTF-8", "C.utf8",
	    "en_US.UTF-8" };
	const struct i18n_lang	*l;
	const char		*cur;
	size_t			 i;

	if ((l = i18n_find(code)) == NULL)
		return -1;
	pthread_rwlock_wrlock(&i18n_rw);
	i18n_now = l->code;
	setenv("LANGUAGE", l->code, 1);
	cur = setlocale(LC_MESSAGES, NULL);
	if (cur == NULL || strcmp(cur, "C") == 0 || strcmp(cur, "POSIX") == 0)
		for (i = 0; i < sizeof names / sizeof *names; i++)
			if (setlocale(LC_MESSAGES, names[i]) != NULL)
				break;
#ifdef ENABLE_NLS
	/* gettext keeps what it found; a new textdomain() forgets it. */
	textdomain(PACKAGE);
#endif
	pthread_rwlock_unlock(&i18n_rw);
	return 0;
}

const char *
i18n_current(void)
{
	return i18n_now;
}

char *
i18n_list(void)
{
	struct buf	 b;
	size_t		 i;

	buf_init(&b, BUF_NOLIMIT);
	for (i = 0; i < I18N_NLANGS; i++)
		buf_addf(&b, "%s%s (%s)", i > 0 ? ", " : "",
		    i18n_langs[i].name, i18n_langs[i].code);
	return buf_detach(&b);
}

const char *
i18n_pgettext(const char *id, const char *s)
{
#ifdef ENABLE_NLS
	const char	*t = dgettext(PACKAGE, id);

	return t == id ? s : t;
#else
	(void)id;
	return s;
#endif
}

/* Appends the translated name i of a table of names. */
static void
name_add(struct buf *b, const char *const (*table)[2], int i)
{
	buf_adds(b, i18n_pgettext(table[i][0], table[i][1]));
}

size_t
i18n_strftime(char *out, size_t len, const char *fmt, const struct tm *tm)
{
	struct buf	 b;
	char		 spec[16], part[128];
	const char	*p, *start;
	size_t		 n;

	if (len == 0)
		return 0;
	buf_init(&b, len - 1);
	for (p = fmt; *p != '\0'; p++) {
		if (*p != '%') {
			buf_addc(&b, *p);
			continue;
		}
		/* A conversion: flags, width, E or O, and its letter. */
		start = p++;
		p += strspn(p, "_-0^#");
		p += strspn(p, "0123456789");
		p += strspn(p, "EO") > 0;
		if (*p == '\0')
			break;
		switch (*p) {
		case 'a':
			if (tm->tm_wday >= 0 && tm->tm_wday < 7)
				name_add(&b, i18n_wdays, tm->tm_wday);
			continue;
		case 'A':
			if (tm->tm_wday >= 0 && tm->tm_wday < 7)
				name_add(&b, i18n_days, tm->tm_wday);
			continue;
		case 'b':
		case 'h':
			if (tm->tm_mon >= 0 && tm->tm_mon < 12)
				name_add(&b, i18n_mons, tm->tm_mon);
			continue;
		case 'B':
			if (tm->tm_mon >= 0 && tm->tm_mon < 12)
				name_add(&b, i18n_months, tm->tm_mon);
			continue;
		}
		n = (size_t)(p - start) + 1;
		if (n >= sizeof spec)
			continue;
		memcpy(spec, start, n);
		spec[n] = '\0';
		/* One conversion of the user's format at a time, bounded. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
		n = strftime(part, sizeof part, spec, tm);
#pragma GCC diagnostic pop
		buf_add(&b, part, n);
	}
	if (buf_toobig(&b)) {
		buf_free(&b);
		out[0] = '\0';
		return 0;
	}
	n = buf_len(&b);
	memcpy(out, buf_str(&b), n + 1);
	buf_free(&b);
	return n;
}
