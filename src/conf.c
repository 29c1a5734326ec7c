/*
 * conf.c owns the config file: the defaults, reading the file, and turning
 * each line into a setting, a colour or a key binding.  A bad line is
 * reported with file and line and skipped, so the default stays.
 *
 * A line is blank, a comment, "name = value", or one of the commands
 * "bind KEY COMMAND", "unbind KEY" and "color ELEMENT FG [BG] [ATTR...]".
 * Words are separated by blanks; a word may be "quoted" to hold blanks or
 * a #, with \" and \\ as the escapes inside.  A # where a word would start
 * begins a comment.  The file is read whole, up to CONF_FILE_MAX bytes.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "buf.h"
#include "conf.h"
#include "due.h"
#include "i18n.h"
#include "paths.h"
#include "txt.h"
#include "xmalloc.h"

#define CONF_FILE_MAX	(1024u * 1024)	/* the whole file */
#define CONF_LINE_MAX	4096		/* one line, in bytes */
#define CONF_ARGS_MAX	8		/* words after a command */
#define CONF_ERRORS_MAX	20		/* bad lines before giving up */

/* Where a message points: the file and the line being read. */
struct lctx {
	const char	*path;
	size_t		 lineno;
	int		 errors;
	void		(*warn)(void *, const char *);
	void		*ud;
};

enum stype {
	S_JOBS,
	S_JOBS_HOST,
	S_TIMEOUT,
	S_CONNECT_TIMEOUT,
	S_MAX_SIZE,
	S_LAYOUT,
	S_FEEDS_WIDTH,
	S_LIST_WIDTH,
	S_LIST_HEIGHT,
	S_DATE_FORMAT,
	S_BROWSER,
	S_LANGUAGE,
	S_REFRESH_ON_START,
	S_COLOR,
	S_REVISIONS,
	S_STORIES,
	S_RELOAD_MIN,
	S_RELOAD_MAX
};

enum skind {
	K_NUMBER,	/* min..max */
	K_BOOL,
	K_WORD,		/* one of words[] */
	K_STRING	/* anything; "" means the default */
};

struct setting {
	const char	*name;
	enum stype	 type;
	enum skind	 kind;
	int		 min;
	int		 max;
};

static void	 lwarn(struct lctx *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static int	 valid_line(struct lctx *, const char *, size_t);
static int	 next_word(struct lctx *, const char *, size_t, size_t *,
		    struct buf *, int);
static void	 parse_line(struct conf *, struct lctx *, const char *,
		    size_t);
static const struct setting *find_setting(const char *);
static void	 apply_setting(struct conf *, struct lctx *,
		    const struct setting *, const char *);
static int	 parse_number(const char *, int, int, int *);
static int	 parse_bool(const char *, int *);
static int	 word_index(const char *const *, const char *);
static char	*join_words(const char *const *);
static void	 set_string(char **, const char *);
static void	 cmd_bind(struct conf *, struct lctx *, char **, size_t);
static void	 cmd_unbind(struct conf *, struct lctx *, char **, size_t);
static void	 cmd_color(struct conf *, struct lctx *, char **, size_t);
static int	 parse_colour(const char *, int *);
static int	 parse_attr(const char *, int *);
static int	 is_language_line(const char *, size_t);

static const struct setting settings[] = {
	{ "jobs", S_JOBS, K_NUMBER, 1, 100 },
	{ "jobs-per-host", S_JOBS_HOST, K_NUMBER, 1, 20 },
	{ "timeout", S_TIMEOUT, K_NUMBER, 1, 3600 },
	{ "connect-timeout", S_CONNECT_TIMEOUT, K_NUMBER, 1, 600 },
	{ "max-size", S_MAX_SIZE, K_NUMBER, 1, 1024 },
	{ "layout", S_LAYOUT, K_WORD, 0, 0 },
	{ "feeds-width", S_FEEDS_WIDTH, K_NUMBER, 10, 60 },
	{ "list-width", S_LIST_WIDTH, K_NUMBER, 10, 80 },
	{ "list-height", S_LIST_HEIGHT, K_NUMBER, 10, 90 },
	{ "date-format", S_DATE_FORMAT, K_STRING, 0, 0 },
	{ "browser", S_BROWSER, K_STRING, 0, 0 },
	{ "language", S_LANGUAGE, K_WORD, 0, 0 },
	{ "refresh-on-start", S_REFRESH_ON_START, K_BOOL, 0, 0 },
	{ "color", S_COLOR, K_BOOL, 0, 0 },
	{ "revisions", S_REVISIONS, K_NUMBER, 1, 1000 },
	{ "stories", S_STORIES, K_BOOL, 0, 0 },
	{ "reload-min", S_RELOAD_MIN, K_NUMBER, 1, 10080 },
	{ "reload-max", S_RELOAD_MAX, K_NUMBER, 1, 10080 }
};

/* Indexed by enum conf_layout. */
static const char *const layouts[] = {
	"auto", "columns", "rows", "single", NULL
};
static const char *const bools[] = { "yes", "no", NULL };

/* Indexed by enum conf_elem. */
static const char *const elems[CONF_NELEM] = {
	"normal", "selected", "selected-unfocused", "border",
	"border-focused", "title", "status", "unread", "updated", "starred",
	"failed", "tag", "heading", "link", "quote", "dim", "error",
	"diff-added", "diff-removed",
	"story-new"
};

/* Colours 0..7; "bright-" adds 8. */
static const char *const colours[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
	NULL
};

static const struct {
	const char	*name;
	int		 attr;		/* 0: normal, which clears */
} attrs[] = {
	{ "bold", CONF_A_BOLD },
	{ "underline", CONF_A_UNDERLINE },
	{ "reverse", CONF_A_REVERSE },
	{ "dim", CONF_A_DIM },
	{ "italic", CONF_A_ITALIC },
	{ "normal", 0 }
};

static const struct conf_color default_colors[CONF_NELEM] = {
	[CONF_NORMAL] = { -1, -1, 0 },
	[CONF_SELECTED] = { -1, -1, CONF_A_REVERSE },
	[CONF_SELECTED_UNFOCUSED] = { -1, -1, CONF_A_UNDERLINE },
	[CONF_BORDER] = { -1, -1, 0 },
	[CONF_BORDER_FOCUSED] = { 6, -1, CONF_A_BOLD },
	[CONF_TITLE] = { -1, -1, CONF_A_BOLD },
	[CONF_STATUS] = { -1, -1, CONF_A_REVERSE },
	[CONF_UNREAD] = { -1, -1, CONF_A_BOLD },
	[CONF_UPDATED] = { 3, -1, 0 },
	[CONF_STARRED] = { 5, -1, CONF_A_BOLD },
	[CONF_FAILED] = { 1, -1, 0 },
	[CONF_TAG] = { 6, -1, CONF_A_BOLD },
	[CONF_HEADING] = { -1, -1, CONF_A_BOLD },
	[CONF_LINK] = { 4, -1, CONF_A_UNDERLINE },
	[CONF_QUOTE] = { 2, -1, 0 },
	[CONF_DIM] = { -1, -1, CONF_A_DIM },
	[CONF_ERROR] = { 1, -1, CONF_A_BOLD },
	[CONF_DIFF_ADDED] = { 2, -1, CONF_A_BOLD },
	[CONF_DIFF_REMOVED] = { 1, -1, CONF_A_DIM },
	[CONF_STORY_NEW] = { 2, -1, CONF_A_BOLD }
};

void
conf_init(struct conf *conf)
{
	const char	*nc;

	memset(conf, 0, sizeof *conf);
	fetch_limits_default(&conf->limits);
	conf->layout = CONF_LAYOUT_AUTO;
	conf->feeds_width = 20;
	conf->list_width = 40;
	conf->list_height = 40;
	conf->date_format = NULL;
	conf->browser = NULL;
	conf->language = NULL;
	conf->refresh_on_start = 0;
	conf->revisions = 10;	/* STORE_REVISIONS_DEFAULT */
	conf->stories = 1;
	conf->reload_min = DUE_RELOAD_MIN / 60;
	conf->reload_max = DUE_RELOAD_MAX / 60;
	/* https://no-color.org: set and not empty turns colour off. */
	nc = getenv("NO_COLOR");
	conf->color = nc == NULL || *nc == '\0';
	memcpy(conf->colors, default_colors, sizeof conf->colors);
	conf->keys = keys_new();
}

void
conf_free(struct conf *conf)
{
	if (conf == NULL)
		return;
	free(conf->date_format);
	free(conf->browser);
	free(conf->language);
	keys_free(conf->keys);
	conf->date_format = conf->browser = conf->language = NULL;
	conf->keys = NULL;
}

const char *
conf_elem_name(enum conf_elem e)
{
	if ((int)e < 0 || e >= CONF_NELEM)
		return NULL;
	return elems[e];
}

/* Reports a bad line: fmt is translated and starts with %1$s:%2$zu. */
static void
lwarn(struct lctx *lc, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;
	int	 n;

	lc->errors++;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	msg = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(msg, (size_t)n + 1, fmt, ap);
	va_end(ap);
	lc->warn(lc->ud, msg);
	free(msg);
}

int
conf_load(struct conf *conf, const char *path, int must_exist,
    void (*warn)(void *, const char *), void *ud)
{
	struct lctx	 lc;
	struct buf	 b;
	struct stat	 st;
	const char	*s, *nl;
	char		*msg;
	size_t		 len, pos, end, n;
	int		 fd, rc, saved;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		if (errno == ENOENT && !must_exist)
			return 0;
		saved = errno;
		goto fail;
	}
	if (fstat(fd, &st) == -1) {
		saved = errno;
		close(fd);
		goto fail;
	}
	if (S_ISDIR(st.st_mode)) {
		saved = EISDIR;
		close(fd);
		goto fail;
	}
	buf_init(&b, CONF_FILE_MAX);
	rc = buf_read_fd(&b, fd);
	saved = errno;
	close(fd);
	if (rc != 0) {
		buf_free(&b);
		if (rc == -1)
			goto fail;
		/* TRANSLATORS: %s is a file name. */
		xasprintf(&msg, _("%s: the config file is larger than 1 MiB; "
		    "not read"), path);
		warn(ud, msg);
		free(msg);
		return -1;
	}

	lc.path = path;
	lc.lineno = 0;
	lc.errors = 0;
	lc.warn = warn;
	lc.ud = ud;
	s = buf_str(&b);
	len = buf_len(&b);
	pos = 0;
	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		pos = 3;	/* a byte order mark */
	while (pos < len) {
		lc.lineno++;
		if (lc.errors >= CONF_ERRORS_MAX) {
			/* Not a bad line itself, so not counted. */
			/* TRANSLATORS: %1$s is a file name, %2$zu a line
			   number in it. */
			xasprintf(&msg, _("%1$s:%2$zu: too many errors; the "
			    "rest of the file was skipped"), path, lc.lineno);
			warn(ud, msg);
			free(msg);
			break;
		}
		nl = memchr(s + pos, '\n', len - pos);
		end = nl != NULL ? (size_t)(nl - s) : len;
		n = end - pos;
		if (n > 0 && s[end - 1] == '\r')
			n--;
		parse_line(conf, &lc, s + pos, n);
		pos = end + 1;
	}
	buf_free(&b);
	return lc.errors;

fail:
	/* TRANSLATORS: %1$s is a file name, %2$s the system's reason. */
	xasprintf(&msg, _("%1$s: cannot read the config file: %2$s"), path,
	    strerror(saved));
	warn(ud, msg);
	free(msg);
	return -1;
}

/* Whether a line is text we read: valid UTF-8, no control but tab. */
static int
valid_line(struct lctx *lc, const char *s, size_t len)
{
	uint32_t	 c;
	size_t		 i, n;

	for (i = 0; i < len; i += n) {
		n = txt_utf8_decode(s + i, len - i, &c);
		if (c == TXT_REPLACEMENT && n == 1) {
			/* TRANSLATORS: %1$s is a file name, %2$zu a line
			   number in it. */
			lwarn(lc, _("%1$s:%2$zu: the line is not valid UTF-8; "
			    "skipped"), lc->path, lc->lineno);
			return 0;
		}
		if ((c < 0x20 && c != '\t') || (c >= 0x7f && c < 0xa0)) {
			/* TRANSLATORS: %1$s is a file name, %2$zu a line
			   number in it. */
			lwarn(lc, _("%1$s:%2$zu: the line holds a NUL byte or "
			    "another control character; skipped"), lc->path,
			    lc->lineno);
			return 0;
		}
	}
	return 1;
}

/*
 * Reads the next word of s[0..len) from *pos into w: 1, 0 at the end of
 * the line or at a comment, -1 after reporting a bad quote.  When stop_eq,
 * an unquoted word also ends at '=' (the name of "name=value").
 */
static int
next_word(struct lctx *lc, const char *s, size_t len, size_t *pos,
    struct buf *w, int stop_eq)
{
	size_t	 i = *pos;

	buf_reset(w);
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i == len || s[i] == '#') {
		*pos = len;
		return 0;
	}
	if (s[i] != '"') {
		while (i < len && s[i] != ' ' && s[i] != '\t' &&
		    !(stop_eq && s[i] == '='))
			buf_addc(w, s[i++]);
		*pos = i;
		return 1;
	}
	for (i++; i < len && s[i] != '"'; i++) {
		if (s[i] == '\\' && i + 1 < len &&
		    (s[i + 1] == '"' || s[i + 1] == '\\'))
			i++;
		buf_addc(w, s[i]);
	}
	if (i == len) {
		/* TRANSLATORS: %1$s is a file name, %2$zu a line number in
		   it. */
		lwarn(lc, _("%1$s:%2$zu: a quote is not closed; skipped"),
		    lc->path, lc->lineno);
		return -1;
	}
	i++;
	if (i < len && s[i] != ' ' && s[i] != '\t' &&
	    !(stop_eq && s[i] == '=')) {
		/* TRANSLATORS: %1$s is a file name, %2$zu a line number in
		   it. */
		lwarn(lc, _("%1$s:%2$zu: a closing quote must be followed by "
		    "a blank; skipped"), lc->path, lc->lineno);
		return -1;
	}
	*pos = i;
	return 1;
}

/* Parses one line (no newline) and applies it, or reports why not. */
static void
parse_line(struct conf *conf, struct lctx *lc, const char *s, size_t len)
{
	const struct setting *set;
	struct buf	 w;
	char		*name = NULL, *value = NULL, *args[CONF_ARGS_MAX];
	size_t		 pos = 0, nargs = 0, i;
	int		 r, iscmd;

	if (len > CONF_LINE_MAX) {
		/* TRANSLATORS: %1$s is a file name, %2$zu a line number in
		   it, %3$d a number of bytes. */
		lwarn(lc, _("%1$s:%2$zu: the line is longer than %3$d bytes; "
		    "skipped"), lc->path, lc->lineno, CONF_LINE_MAX);
		return;
	}
	if (!valid_line(lc, s, len))
		return;
	buf_init(&w, BUF_NOLIMIT);
	if ((r = next_word(lc, s, len, &pos, &w, 1)) <= 0)
		goto out;	/* blank, a comment, or reported */
	name = buf_detach(&w);
	while (pos < len && (s[pos] == ' ' || s[pos] == '\t'))
		pos++;

	/* "bind = quit" binds the = key; "color = no" is the setting. */
	iscmd = strcmp(name, "bind") == 0 || strcmp(name, "unbind") == 0;
	if (!iscmd && pos < len && s[pos] == '=') {
		pos++;
		if ((set = find_setting(name)) == NULL) {
			/* TRANSLATORS: %1$s is a file name, %2$zu a line
			   number in it, %3$s what the line tried to set. */
			lwarn(lc, _("%1$s:%2$zu: unknown setting '%3$s'"),
			    lc->path, lc->lineno, name);
			goto out;
		}
		if ((r = next_word(lc, s, len, &pos, &w, 0)) < 0)
			goto out;
		if (r == 0) {
			/* TRANSLATORS: %1$s is a file name, %2$zu a line
			   number in it, %3$s a setting. */
			lwarn(lc, _("%1$s:%2$zu: no value for %3$s"),
			    lc->path, lc->lineno, name);
			goto out;
		}
		value = buf_detach(&w);
		if ((r = next_word(lc, s, len, &pos, &w, 0)) < 0)
			goto out;
		if (r > 0) {
			/* TRANSLATORS: %1$s is a file name, %2$zu a line
			   number in it, %3$s a setting. */
			lwarn(lc, _("%1$s:%2$zu: more than one word for %3$s; "
			    "quote a value that holds blanks"), lc->path,
			    lc->lineno, name);
			goto out;
		}
		apply_setting(conf, lc, set, value);
		goto out;
	}

	if (!iscmd && strcmp(name, "color") != 0) {
		if (find_setting(name) != NULL) {
			/* TRANSLATORS: %1$s is a file name, %2$zu a line
			   number in it, %3$s a setting. */
			lwarn(lc, _("%1$s:%2$zu: '=' is missing after %3$s"),
			    lc->path, lc->lineno, name);
		} else {
			/* TRANSLATORS: %1$s is a file name, %2$zu a line
			   number in it, %3$s what the line tried to set. */
			lwarn(lc, _("%1$s:%2$zu: unknown setting '%3$s'"),
			    lc->path, lc->lineno, name);
		}
		goto out;
	}
	for (;;) {
		if ((r = next_word(lc, s, len, &pos, &w, 0)) < 0)
			goto out;
		if (r == 0)
			break;
		if (nargs == CONF_ARGS_MAX) {
			/* TRANSLATORS: %1$s is a file name, %2$zu a line
			   number in it, %3$s a command (bind, unbind or
			   color). */
			lwarn(lc, _("%1$s:%2$zu: too many words for %3$s"),
			    lc->path, lc->lineno, name);
			goto out;
		}
		args[nargs++] = buf_detach(&w);
	}
	if (strcmp(name, "bind") == 0)
		cmd_bind(conf, lc, args, nargs);
	else if (strcmp(name, "unbind") == 0)
		cmd_unbind(conf, lc, args, nargs);
	else
		cmd_color(conf, lc, args, nargs);

out:
	for (i = 0; i < nargs; i++)
		free(args[i]);
	free(name);
	free(value);
	buf_free(&w);
}

static const struct setting *
find_setting(const char *name)
{
	size_t	 i;

	for (i = 0; i < sizeof settings / sizeof *settings; i++)
		if (strcmp(settings[i].name, name) == 0)
			return &settings[i];
	return NULL;
}

static void
apply_setting(struct conf *conf, struct lctx *lc, const struct setting *set,
    const char *value)
{
	const char *const *words = NULL;
	char		*list;
	int		 n = 0, i = -1;

	switch (set->kind) {
	case K_NUMBER:
		if (parse_number(value, set->min, set->max, &n) != 0) {
			/* TRANSLATORS: %1$s is a file name, %2$zu a line
			   number in it, %3$s the value, %4$d and %5$d the
			   bounds, %6$s the setting. */
			lwarn(lc, _("%1$s:%2$zu: '%3$s' is not a number from "
			    "%4$d to %5$d for %6$s"), lc->path, lc->lineno,
			    value, set->min, set->max, set->name);
			return;
		}
		break;
	case K_BOOL:
		if (parse_bool(value, &n) != 0)
			words = bools;
		break;
	case K_WORD:
		if (set->type == S_LANGUAGE) {
			if (*value == '\0' || i18n_find(value) != NULL)
				break;
			list = i18n_list();
			/* TRANSLATORS: %1$s is a file name, %2$zu a line
			   number in it, %3$s the value, %4$s the languages
			   by their own names, "Nederlands (nl), ...". */
			lwarn(lc, _("%1$s:%2$zu: '%3$s' is not a language of "
			    "tidings; use one of %4$s"), lc->path, lc->lineno,
			    value, list);
			free(list);
			return;
		}
		words = layouts;
		i = word_index(words, value);
		if (i >= 0)
			words = NULL;
		break;
	case K_STRING:
		break;
	}
	if (words != NULL) {
		list = join_words(words);
		/* TRANSLATORS: %1$s is a file name, %2$zu a line number in
		   it, %3$s the value, %4$s the setting, %5$s the values it
		   takes, such as "yes, no". */
		lwarn(lc, _("%1$s:%2$zu: '%3$s' is not a value of %4$s; use "
		    "one of %5$s"), lc->path, lc->lineno, value, set->name,
		    list);
		free(list);
		return;
	}

	switch (set->type) {
	case S_JOBS:
		conf->limits.max_total = n;
		break;
	case S_JOBS_HOST:
		conf->limits.max_host = n;
		break;
	case S_TIMEOUT:
		conf->limits.timeout = n;
		break;
	case S_CONNECT_TIMEOUT:
		conf->limits.connect_timeout = n;
		break;
	case S_MAX_SIZE:
		conf->limits.max_bytes = (size_t)n * 1024 * 1024;
		break;
	case S_LAYOUT:
		conf->layout = (enum conf_layout)i;
		break;
	case S_FEEDS_WIDTH:
		conf->feeds_width = n;
		break;
	case S_LIST_WIDTH:
		conf->list_width = n;
		break;
	case S_LIST_HEIGHT:
		conf->list_height = n;
		break;
	case S_DATE_FORMAT:
		set_string(&conf->date_format, value);
		break;
	case S_BROWSER:
		set_string(&conf->browser, value);
		break;
	case S_LANGUAGE:
		set_string(&conf->language, value);
		break;
	case S_REFRESH_ON_START:
		conf->refresh_on_start = n;
		break;
	case S_COLOR:
		conf->color = n;
		break;
	case S_REVISIONS:
		conf->revisions = n;
		break;
	case S_STORIES:
		conf->stories = n;
		break;
	case S_RELOAD_MIN:
		conf->reload_min = n;
		break;
	case S_RELOAD_MAX:
		conf->reload_max = n;
		break;
	}
}

/* A decimal number in min..max: digits only, no sign or blanks. */
static int
parse_number(const char *s, int min, int max, int *out)
{
	char	*end;
	long	 v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return -1;
	*out = (int)v;
	return 0;
}

static int
parse_bool(const char *s, int *out)
{
	static const char *const yes[] = { "yes", "true", "on", "1", NULL };
	static const char *const no[] = { "no", "false", "off", "0", NULL };
	size_t	 i;

	for (i = 0; yes[i] != NULL; i++) {
		if (strcasecmp(s, yes[i]) == 0) {
			*out = 1;
			return 0;
		}
		if (strcasecmp(s, no[i]) == 0) {
			*out = 0;
			return 0;
		}
	}
	return -1;
}

/* The index of s in the NULL-ended words, or -1. */
static int
word_index(const char *const *words, const char *s)
{
	int	 i;

	for (i = 0; words[i] != NULL; i++)
		if (strcmp(words[i], s) == 0)
			return i;
	return -1;
}

/* "a, b, c": config words, never translated.  Allocated. */
static char *
join_words(const char *const *words)
{
	struct buf	 b;
	size_t		 i;

	buf_init(&b, BUF_NOLIMIT);
	for (i = 0; words[i] != NULL; i++) {
		if (i > 0)
			buf_adds(&b, ", ");
		buf_adds(&b, words[i]);
	}
	return buf_detach(&b);
}

/* Replaces *p with a copy of value; "" goes back to the default, NULL. */
static void
set_string(char **p, const char *value)
{
	free(*p);
	*p = *value == '\0' ? NULL : xstrdup(value);
}

static void
cmd_bind(struct conf *conf, struct lctx *lc, char **args, size_t nargs)
{
	char	*cause;

	if (nargs != 2) {
		/* TRANSLATORS: %1$s is a file name, %2$zu a line number in
		   it; "bind KEY COMMAND" is config syntax. */
		lwarn(lc, _("%1$s:%2$zu: bind takes a key and a command: "
		    "bind KEY COMMAND"), lc->path, lc->lineno);
		return;
	}
	if (keys_bind(conf->keys, args[0], args[1], &cause) != 0) {
		lwarn(lc, "%s:%zu: %s", lc->path, lc->lineno, cause);
		free(cause);
	}
}

static void
cmd_unbind(struct conf *conf, struct lctx *lc, char **args, size_t nargs)
{
	char	*cause;

	if (nargs != 1) {
		/* TRANSLATORS: %1$s is a file name, %2$zu a line number in
		   it; "unbind KEY" is config syntax. */
		lwarn(lc, _("%1$s:%2$zu: unbind takes one key: unbind KEY"),
		    lc->path, lc->lineno);
		return;
	}
	if (keys_unbind(conf->keys, args[0], &cause) != 0) {
		lwarn(lc, "%s:%zu: %s", lc->path, lc->lineno, cause);
		free(cause);
	}
}

/* color ELEMENT FG [BG] [ATTR...]: replaces the element's colour whole. */
static void
cmd_color(struct conf *conf, struct lctx *lc, char **args, size_t nargs)
{
	struct conf_color c = { -1, -1, 0 };
	size_t		 i;
	int		 e, a;

	if (nargs < 2) {
		/* TRANSLATORS: %1$s is a file name, %2$zu a line number in
		   it; the rest is config syntax. */
		lwarn(lc, _("%1$s:%2$zu: color takes an element and a colour: "
		    "color ELEMENT FG [BG] [ATTR...]"), lc->path, lc->lineno);
		return;
	}
	for (e = 0; e < CONF_NELEM; e++)
		if (strcmp(args[0], elems[e]) == 0)
			break;
	if (e == CONF_NELEM) {
		/* TRANSLATORS: %1$s is a file name, %2$zu a line number in
		   it, %3$s the element the line names. */
		lwarn(lc, _("%1$s:%2$zu: unknown element '%3$s'"), lc->path,
		    lc->lineno, args[0]);
		return;
	}
	if (parse_colour(args[1], &c.fg) != 0) {
		/* TRANSLATORS: %1$s is a file name, %2$zu a line number in
		   it, %3$s the word that should be a colour. */
		lwarn(lc, _("%1$s:%2$zu: '%3$s' is not a colour: use default, "
		    "a name such as red or bright-red, or a number from 0 to "
		    "255"), lc->path, lc->lineno, args[1]);
		return;
	}
	i = 2;
	if (i < nargs && parse_colour(args[i], &c.bg) == 0)
		i++;
	for (; i < nargs; i++) {
		if (parse_attr(args[i], &a) != 0) {
			/* TRANSLATORS: %1$s is a file name, %2$zu a line
			   number in it, %3$s the word that should be a
			   colour or an attribute; the words in brackets are
			   config syntax. */
			lwarn(lc, _("%1$s:%2$zu: '%3$s' is not a colour or an "
			    "attribute (bold, underline, reverse, dim, italic, "
			    "normal)"), lc->path, lc->lineno, args[i]);
			return;
		}
		c.attr = a == 0 ? 0 : c.attr | a;
	}
	conf->colors[e] = c;
}

/* default, black..white, bright-black..bright-white, colorN or N. */
static int
parse_colour(const char *s, int *out)
{
	const char	*p = s;
	int		 i, bright = 0;

	if (strcasecmp(s, "default") == 0) {
		*out = -1;
		return 0;
	}
	if (strncasecmp(p, "color", 5) == 0 && p[5] >= '0' && p[5] <= '9')
		return parse_number(p + 5, 0, 255, out);
	if (*p >= '0' && *p <= '9')
		return parse_number(p, 0, 255, out);
	if (strncasecmp(p, "bright-", 7) == 0) {
		bright = 8;
		p += 7;
	}
	for (i = 0; colours[i] != NULL; i++) {
		if (strcasecmp(p, colours[i]) == 0) {
			*out = i + bright;
			return 0;
		}
	}
	return -1;
}

static int
parse_attr(const char *s, int *out)
{
	size_t	 i;

	for (i = 0; i < sizeof attrs / sizeof *attrs; i++) {
		if (strcasecmp(s, attrs[i].name) == 0) {
			*out = attrs[i].attr;
			return 0;
		}
	}
	return -1;
}

/* Whether line s (len bytes) sets language: "  language = xx". */
static int
is_language_line(const char *s, size_t len)
{
	size_t	 i = 0;

	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (len - i < 8 || memcmp(s + i, "language", 8) != 0)
		return 0;
	for (i += 8; i < len && (s[i] == ' ' || s[i] == '\t'); i++)
		/* nothing */;
	return i < len && s[i] == '=';
}

int
conf_save_language(const char *path, const char *code, char **cause)
{
	struct buf	 in, out;
	struct stat	 st;
	const char	*s, *nl;
	char		*real, *tmp = NULL;
	size_t		 len, pos, end;
	mode_t		 mode = 0644;
	int		 fd, rc = -1, r, done = 0, saved;

	/* A symbolic link (a dotfiles repository) keeps pointing at it. */
	real = realpath(path, NULL);
	if (real == NULL)
		real = xstrdup(path);
	buf_init(&in, CONF_FILE_MAX);
	buf_init(&out, BUF_NOLIMIT);
	if ((fd = open(real, O_RDONLY | O_CLOEXEC)) != -1) {
		if (fstat(fd, &st) == 0)
			mode = st.st_mode & 07777;
		r = buf_read_fd(&in, fd);
		saved = errno;
		close(fd);
		if (r != 0) {
			errno = r == 1 ? EFBIG : saved;
			goto fail;
		}
	} else if (errno != ENOENT)
		goto fail;
	else if (paths_make_parent(real, cause) != 0)
		goto out;
	/* The first language line changes, later ones would override it. */
	s = buf_str(&in);
	len = buf_len(&in);
	for (pos = 0; pos < len; pos = end + 1) {
		nl = memchr(s + pos, '\n', len - pos);
		end = nl != NULL ? (size_t)(nl - s) : len;
		if (!is_language_line(s + pos, end - pos)) {
			buf_add(&out, s + pos, end - pos);
			if (nl != NULL)
				buf_addc(&out, '\n');
		} else if (!done) {
			buf_addf(&out, "language = %s\n", code);
			done = 1;
		}
	}
	if (!done) {
		if (buf_len(&out) > 0 && buf_str(&out)[buf_len(&out) - 1] !=
		    '\n')
			buf_addc(&out, '\n');
		buf_addf(&out, "language = %s\n", code);
	}
	/* A new file beside the old, then renamed over it: all or nothing. */
	tmp = xprintf("%s.XXXXXX", real);
	if ((fd = mkstemp(tmp)) == -1)
		goto fail;
	if (fchmod(fd, mode) != 0 || write(fd, buf_str(&out),
	    buf_len(&out)) != (ssize_t)buf_len(&out) || fsync(fd) != 0) {
		saved = errno;
		close(fd);
		unlink(tmp);
		errno = saved;
		goto fail;
	}
	if (close(fd) != 0 || rename(tmp, real) != 0) {
		saved = errno;
		unlink(tmp);
		errno = saved;
		goto fail;
	}
	rc = 0;
	goto out;
fail:
	/* TRANSLATORS: %1$s is a file name, %2$s the system's reason. */
	xasprintf(cause, _("%1$s: cannot save the config file: %2$s"), path,
	    strerror(errno));
out:
	free(tmp);
	free(real);
	buf_free(&in);
	buf_free(&out);
	return rc;
}
