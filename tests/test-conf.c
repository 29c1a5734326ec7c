/*
 * test-conf: the config file.  The defaults and NO_COLOR; fixtures in
 * tests/data/conf (every setting, bad settings and commands, quoting and
 * comments, an overlong line, invalid UTF-8, a binary file) checked for
 * the values they leave and the message each bad line gives; and files
 * built at run time: missing, a directory, too large, too many errors,
 * a byte order mark and CRLF line ends.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "conf.h"
#include "test.h"
#include "xmalloc.h"

#define MAXW	32

struct warnings {
	char	*msg[MAXW];
	size_t	 n;
};

/* A bad line of a fixture and the message it must give. */
struct bad {
	int		 line;
	const char	*msg;		/* after "FILE:LINE: " */
};

static void	 collect(void *, const char *);
static void	 warnings_free(struct warnings *);
static char	*fixture(const char *);
static void	 check_bad(const char *, const char *, const struct bad *,
		    size_t, int, const struct warnings *);
static void	 load_bad(const char *, const struct bad *, size_t,
		    struct conf *, struct warnings *);
static int	 is_default(const struct conf *);
static void	 test_defaults(void);
static void	 test_no_color(void);
static void	 test_full(void);
static void	 test_bad_settings(void);
static void	 test_bad_commands(void);
static void	 test_quoting(void);
static void	 test_long(void);
static void	 test_invalid_utf8(void);
static void	 test_binary(void);
static void	 test_missing(void);
static void	 test_built(void);
static void	 test_save_language(void);
static char	*read_text(const char *);
static void	 write_file(const char *, const char *, size_t);
static void	 write_text(const char *, const char *);

static const struct bad bad_settings[] = {
	{ 1, "'0' is not a number from 1 to 100 for jobs" },
	{ 2, "'101' is not a number from 1 to 100 for jobs" },
	{ 3, "'-5' is not a number from 1 to 100 for jobs" },
	{ 4, "'16x' is not a number from 1 to 100 for jobs" },
	{ 6, "'+5' is not a number from 1 to 100 for jobs" },
	{ 7, "'99999999999999999999' is not a number from 1 to 3600 for "
	    "timeout" },
	{ 8, "unknown setting 'foo'" },
	{ 9, "'diagonal' is not a value of layout; use one of auto, "
	    "columns, rows, single" },
	{ 10, "'xx' is not a language of tidings; use one of Nederlands "
	    "(nl), English (en), Deutsch (de), Fran\xc3\xa7" "ais (fr), "
	    "Espa\xc3\xb1" "ol (es), Portugu\xc3\xaas (pt)" },
	{ 11, "'maybe' is not a value of color; use one of yes, no" },
	{ 12, "'2' is not a value of refresh-on-start; use one of yes, no" },
	{ 13, "'=' is missing after jobs" },
	{ 14, "unknown setting 'frobnicate'" },
	{ 15, "no value for jobs" },
	{ 16, "more than one word for browser; quote a value that holds "
	    "blanks" },
	{ 17, "a quote is not closed; skipped" },
	{ 18, "a closing quote must be followed by a blank; skipped" },
	{ 19, "'61' is not a number from 10 to 60 for feeds-width" }
};

/* Apart: a file stops being read after 20 bad lines. */
static const struct bad bad_limits[] = {
	{ 1, "'0' is not a number from 1 to 1000 for revisions" },
	{ 2, "'1001' is not a number from 1 to 1000 for revisions" },
	{ 3, "'0' is not a number from 1 to 10080 for reload-min" },
	{ 4, "'10081' is not a number from 1 to 10080 for reload-max" }
};

static const struct bad bad_commands[] = {
	{ 1, "bind takes a key and a command: bind KEY COMMAND" },
	{ 2, "unknown key 'Hyper-x'" },
	{ 3, "unknown command 'explode'" },
	{ 4, "unbind takes one key: unbind KEY" },
	{ 5, "unknown key 'Hyper-x'" },
	{ 6, "unbind takes one key: unbind KEY" },
	{ 7, "color takes an element and a colour: color ELEMENT FG [BG] "
	    "[ATTR...]" },
	{ 8, "color takes an element and a colour: color ELEMENT FG [BG] "
	    "[ATTR...]" },
	{ 9, "unknown element 'nothing'" },
	{ 10, "'purple' is not a colour: use default, a name such as red or "
	    "bright-red, or a number from 0 to 255" },
	{ 11, "'blinking' is not a colour or an attribute (bold, underline, "
	    "reverse, dim, italic, normal)" },
	{ 12, "'256' is not a colour: use default, a name such as red or "
	    "bright-red, or a number from 0 to 255" },
	{ 13, "'color300' is not a colour: use default, a name such as red "
	    "or bright-red, or a number from 0 to 255" },
	{ 14, "'green' is not a colour or an attribute (bold, underline, "
	    "reverse, dim, italic, normal)" },
	{ 15, "too many words for bind" }
};

static const struct bad bad_utf8[] = {
	{ 2, "the line is not valid UTF-8; skipped" },
	{ 3, "the line is not valid UTF-8; skipped" },
	{ 4, "the line is not valid UTF-8; skipped" },
	{ 5, "the line holds a NUL byte or another control character; "
	    "skipped" },
	{ 6, "the line holds a NUL byte or another control character; "
	    "skipped" }
};

static void
collect(void *ud, const char *msg)
{
	struct warnings	*w = ud;

	CHECK(strchr(msg, '\n') == NULL, "one-line warning: %s", msg);
	CHECK(*msg != '\0' && msg[strlen(msg) - 1] != '.',
	    "no full stop: %s", msg);
	if (w->n < MAXW)
		w->msg[w->n] = xstrdup(msg);
	w->n++;
}

static void
warnings_free(struct warnings *w)
{
	size_t	 i;

	for (i = 0; i < w->n && i < MAXW; i++)
		free(w->msg[i]);
	w->n = 0;
}

/* The path of a fixture; top_srcdir from the harness, else ".". */
static char *
fixture(const char *name)
{
	const char	*top = getenv("top_srcdir");

	if (top == NULL || *top == '\0')
		top = ".";
	return xprintf("%s/tests/data/conf/%s", top, name);
}

/*
 * Loads fixture name into *c (initialised here; the caller frees it and
 * *w) and checks its warnings against bad[].
 */
static void
load_bad(const char *name, const struct bad *bad, size_t nbad,
    struct conf *c, struct warnings *w)
{
	char	*path;
	int	 rc;

	path = fixture(name);
	conf_init(c);
	rc = conf_load(c, path, 1, collect, w);
	check_bad(name, path, bad, nbad, rc, w);
	free(path);
}

/* Each warning is "path:line: msg", in the order of bad[]. */
static void
check_bad(const char *what, const char *path, const struct bad *bad,
    size_t nbad, int rc, const struct warnings *w)
{
	char	*want;
	size_t	 i;

	CHECK(rc == (int)nbad, "%s: returned %d, want %zu", what, rc, nbad);
	CHECK(w->n == nbad, "%s: %zu warnings, want %zu", what, w->n, nbad);
	for (i = 0; i < nbad && i < w->n && i < MAXW; i++) {
		want = xprintf("%s:%d: %s", path, bad[i].line, bad[i].msg);
		CHECK_STR(w->msg[i], want, what);
		free(want);
	}
}

/* Whether every setting but the keys is still its default. */
static int
is_default(const struct conf *c)
{
	struct conf	 d;
	int		 same;

	conf_init(&d);
	same = memcmp(&c->limits, &d.limits, sizeof d.limits) == 0 &&
	    c->layout == d.layout && c->feeds_width == d.feeds_width &&
	    c->list_width == d.list_width &&
	    c->list_height == d.list_height && c->date_format == NULL &&
	    c->browser == NULL && c->language == NULL &&
	    c->refresh_on_start == d.refresh_on_start &&
	    c->color == d.color && c->revisions == d.revisions &&
	    memcmp(c->colors, d.colors, sizeof d.colors) == 0;
	conf_free(&d);
	return same;
}

static void
test_defaults(void)
{
	struct conf		 c;
	struct fetch_limits	 lim;
	int			 e;

	conf_init(&c);
	fetch_limits_default(&lim);
	CHECK(memcmp(&c.limits, &lim, sizeof lim) == 0, "fetch limits");
	CHECK(lim.max_bytes == 64u * 1024 * 1024, "max-size 64 MiB");
	CHECK(c.layout == CONF_LAYOUT_AUTO, "layout auto");
	CHECK(c.feeds_width == 20, "feeds-width 20");
	CHECK(c.list_width == 40, "list-width 40");
	CHECK(c.list_height == 40, "list-height 40");
	CHECK(c.date_format == NULL && c.browser == NULL &&
	    c.language == NULL, "no strings");
	CHECK(c.refresh_on_start == 0, "no refresh on start");
	CHECK(c.revisions == 10, "10 revisions kept");
	CHECK(c.stories == 1, "stories on");
	CHECK(c.reload_min == 15 && c.reload_max == 720,
	    "poll intervals of 15 minutes to 12 hours");
	CHECK(c.colors[CONF_STORY_NEW].fg == 2 &&
	    c.colors[CONF_STORY_NEW].attr == CONF_A_BOLD, "story-new green");
	CHECK_STR(conf_elem_name(CONF_STORY_NEW), "story-new",
	    "the story-new element");
	CHECK(c.keys != NULL && keys_lookup(c.keys, 'q') == CMD_QUIT,
	    "default keys");
	CHECK(c.colors[CONF_UNREAD].attr == CONF_A_BOLD, "unread bold");
	CHECK(c.colors[CONF_SELECTED].attr == CONF_A_REVERSE,
	    "selected reverse");
	CHECK(c.colors[CONF_ERROR].fg == 1, "error red");
	CHECK(c.colors[CONF_NORMAL].fg == -1 && c.colors[CONF_NORMAL].bg == -1,
	    "normal is the terminal's");
	for (e = 0; e < CONF_NELEM; e++) {
		CHECK(conf_elem_name((enum conf_elem)e) != NULL,
		    "element %d has a name", e);
		CHECK(c.colors[e].fg >= -1 && c.colors[e].fg <= 255 &&
		    c.colors[e].bg >= -1 && c.colors[e].bg <= 255,
		    "element %d colours in range", e);
	}
	CHECK(conf_elem_name(CONF_NELEM) == NULL, "no element past the end");
	CHECK_STR(conf_elem_name(CONF_BORDER_FOCUSED), "border-focused",
	    "element name");
	conf_free(&c);
	conf_free(&c);		/* twice is harmless */
	conf_free(NULL);
}

static void
test_no_color(void)
{
	struct conf	 c;
	struct warnings	 w = { { NULL }, 0 };
	char		*path;

	unsetenv("NO_COLOR");
	conf_init(&c);
	CHECK(c.color == 1, "colour without NO_COLOR");
	conf_free(&c);

	setenv("NO_COLOR", "", 1);
	conf_init(&c);
	CHECK(c.color == 1, "colour with an empty NO_COLOR");
	conf_free(&c);

	setenv("NO_COLOR", "1", 1);
	conf_init(&c);
	CHECK(c.color == 0, "no colour with NO_COLOR=1");
	/* The config file overrides the environment (no-color.org). */
	path = fixture("quoting.conf");
	CHECK(conf_load(&c, path, 1, collect, &w) == 0, "quoting.conf");
	CHECK(c.color == 1, "color = on beats NO_COLOR");
	conf_free(&c);
	free(path);
	warnings_free(&w);
	unsetenv("NO_COLOR");
}

static void
test_full(void)
{
	struct conf	 c;
	struct warnings	 w = { { NULL }, 0 };
	uint32_t	 k[4];
	char		*path;

	path = fixture("full.conf");
	conf_init(&c);
	CHECK(conf_load(&c, path, 1, collect, &w) == 0, "full.conf loads");
	CHECK(w.n == 0, "full.conf: %zu warnings, first %s", w.n,
	    w.n > 0 ? w.msg[0] : "");
	CHECK(c.limits.max_total == 32, "jobs");
	CHECK(c.limits.max_host == 3, "jobs-per-host");
	CHECK(c.limits.timeout == 120, "timeout");
	CHECK(c.limits.connect_timeout == 5, "connect-timeout");
	CHECK(c.limits.max_bytes == 8u * 1024 * 1024, "max-size");
	CHECK(c.layout == CONF_LAYOUT_ROWS, "layout");
	CHECK(c.feeds_width == 25, "feeds-width");
	CHECK(c.list_width == 50, "list-width");
	CHECK(c.list_height == 30, "list-height");
	CHECK_STR(c.date_format, "%Y-%m-%d %H:%M", "date-format");
	CHECK_STR(c.browser, "firefox --new-window", "browser");
	CHECK_STR(c.language, "nl", "language");
	CHECK(c.refresh_on_start == 1, "refresh-on-start");
	CHECK(c.color == 0, "color");
	CHECK(c.revisions == 3, "revisions");
	CHECK(c.stories == 0, "stories");
	CHECK(c.reload_min == 5, "reload-min");
	CHECK(c.reload_max == 90, "reload-max");
	CHECK(c.colors[CONF_STORY_NEW].fg == 10 &&
	    c.colors[CONF_STORY_NEW].attr == CONF_A_BOLD, "color story-new");

	CHECK(keys_lookup(c.keys, 'J') == CMD_NEXT_UNREAD, "bind J");
	CHECK(keys_lookup(c.keys, 0x0e) == CMD_NEXT_PANE, "bind C-n");
	CHECK(keys_lookup(c.keys, 0xe9) == CMD_STAR, "bind é");
	CHECK(keys_lookup(c.keys, KEYS_F1 + 4) == CMD_REFRESH_ALL, "bind F5");
	CHECK(keys_lookup(c.keys, '=') == CMD_GROW, "bind =");
	CHECK(keys_lookup(c.keys, 'n') == CMD_NONE, "unbind n");
	CHECK(keys_lookup(c.keys, KEYS_PGDN) == CMD_NONE, "unbind PgDn");
	CHECK(keys_lookup(c.keys, 'j') == CMD_DOWN, "j untouched");
	CHECK(keys_of(c.keys, CMD_NEXT_UNREAD, k, 4) == 1 && k[0] == 'J',
	    "next-unread is J alone");

	CHECK(c.colors[CONF_UNREAD].fg == 3 && c.colors[CONF_UNREAD].bg == -1 &&
	    c.colors[CONF_UNREAD].attr == CONF_A_BOLD, "color unread");
	CHECK(c.colors[CONF_LINK].fg == 12 && c.colors[CONF_LINK].bg == -1 &&
	    c.colors[CONF_LINK].attr == 0, "color link replaces all");
	CHECK(c.colors[CONF_STATUS].fg == 17 &&
	    c.colors[CONF_STATUS].bg == 236 &&
	    c.colors[CONF_STATUS].attr == (CONF_A_REVERSE | CONF_A_BOLD),
	    "color status");
	CHECK(c.colors[CONF_ERROR].fg == 196 && c.colors[CONF_ERROR].bg == -1 &&
	    c.colors[CONF_ERROR].attr == CONF_A_UNDERLINE,
	    "color error: normal clears, then underline");
	CHECK(c.colors[CONF_SELECTED_UNFOCUSED].fg == -1 &&
	    c.colors[CONF_SELECTED_UNFOCUSED].bg == 4 &&
	    c.colors[CONF_SELECTED_UNFOCUSED].attr == 0,
	    "color selected-unfocused");
	CHECK(c.colors[CONF_DIM].fg == 8 &&
	    c.colors[CONF_DIM].attr == (CONF_A_DIM | CONF_A_ITALIC),
	    "color dim");
	CHECK(c.colors[CONF_QUOTE].fg == 2, "quote keeps its default");

	/* Loading again over the same conf replaces, and leaks nothing. */
	CHECK(conf_load(&c, path, 1, collect, &w) == 0, "full.conf again");
	CHECK_STR(c.browser, "firefox --new-window", "browser again");
	conf_free(&c);
	free(path);
	warnings_free(&w);
}

static void
test_bad_settings(void)
{
	struct conf	 c;
	struct warnings	 w = { { NULL }, 0 };

	load_bad("bad-settings.conf", bad_settings,
	    sizeof bad_settings / sizeof *bad_settings, &c, &w);
	/* The one good line applies; every bad one leaves the default. */
	CHECK(c.list_width == 55, "the good line between bad ones");
	c.list_width = 40;
	CHECK(is_default(&c), "defaults kept");
	conf_free(&c);
	warnings_free(&w);

	load_bad("bad-limits.conf", bad_limits,
	    sizeof bad_limits / sizeof *bad_limits, &c, &w);
	CHECK(is_default(&c), "defaults kept for the limits");
	conf_free(&c);
	warnings_free(&w);
}

static void
test_bad_commands(void)
{
	struct conf	 c;
	struct warnings	 w = { { NULL }, 0 };

	load_bad("bad-commands.conf", bad_commands,
	    sizeof bad_commands / sizeof *bad_commands, &c, &w);
	CHECK(is_default(&c), "colours kept");
	CHECK(keys_lookup(c.keys, 'X') == CMD_NONE, "X not bound");
	CHECK(keys_lookup(c.keys, 'x') == CMD_NONE, "x not bound");
	CHECK(keys_lookup(c.keys, 'a') == CMD_NONE, "a not bound");
	CHECK(keys_lookup(c.keys, 'A') == CMD_MARK_ALL_READ, "A kept");
	/* The good lines at the end. */
	CHECK(keys_lookup(c.keys, '#') == CMD_SEARCH, "bind \"#\"");
	CHECK(keys_lookup(c.keys, '?') == CMD_NONE, "unbind \"?\"");
	CHECK(keys_lookup(c.keys, '=') == CMD_QUIT, "bind = quit");
	conf_free(&c);
	warnings_free(&w);
}

static void
test_quoting(void)
{
	struct conf	 c;
	struct warnings	 w = { { NULL }, 0 };
	char		*path;

	unsetenv("NO_COLOR");
	path = fixture("quoting.conf");
	conf_init(&c);
	CHECK(conf_load(&c, path, 1, collect, &w) == 0, "quoting.conf");
	CHECK(w.n == 0, "quoting.conf: %zu warnings, first %s", w.n,
	    w.n > 0 ? w.msg[0] : "");
	CHECK(c.limits.max_total == 4, "value before a comment");
	CHECK_STR(c.browser, "my browser \"quoted\" \\ back # not a comment",
	    "quoted value with escapes and #");
	CHECK_STR(c.date_format, "%d#%m", "# inside a word");
	CHECK(c.language == NULL, "\"\" goes back to the default");
	CHECK(c.limits.timeout == 30, "name=value without blanks");
	CHECK(c.list_width == 33, "a quoted name");
	CHECK(keys_lookup(c.keys, '#') == CMD_STAR, "quoted # key");
	CHECK(c.limits.connect_timeout == 7, "a quoted number");
	CHECK(c.layout == CONF_LAYOUT_SINGLE, "tabs as blanks");
	CHECK(c.color == 1, "color off, then \"on\"");
	conf_free(&c);
	free(path);
	warnings_free(&w);
}

static void
test_long(void)
{
	struct conf	 c;
	struct warnings	 w = { { NULL }, 0 };
	static const struct bad bad[] = {
		{ 2, "the line is longer than 4096 bytes; skipped" }
	};
	char		*path;
	int		 rc;

	path = fixture("long.conf");
	conf_init(&c);
	rc = conf_load(&c, path, 1, collect, &w);
	check_bad("long.conf", path, bad, 1, rc, &w);
	CHECK(c.browser == NULL, "the long line is not applied");
	CHECK(c.limits.max_total == 5, "the line before");
	CHECK(c.layout == CONF_LAYOUT_COLUMNS, "the line after");
	conf_free(&c);
	free(path);
	warnings_free(&w);
}

static void
test_invalid_utf8(void)
{
	struct conf	 c;
	struct warnings	 w = { { NULL }, 0 };
	char		*path;
	int		 rc;

	path = fixture("invalid-utf8.conf");
	conf_init(&c);
	rc = conf_load(&c, path, 1, collect, &w);
	check_bad("invalid-utf8.conf", path, bad_utf8,
	    sizeof bad_utf8 / sizeof *bad_utf8, rc, &w);
	CHECK(c.limits.max_total == 6, "the valid line before");
	CHECK(c.list_height == 20, "the valid line after");
	CHECK(c.browser == NULL && c.date_format == NULL, "bad text skipped");
	CHECK(c.limits.timeout == 60, "ESC line skipped");
	conf_free(&c);
	free(path);
	warnings_free(&w);
}

static void
test_binary(void)
{
	struct conf	 c;
	struct warnings	 w = { { NULL }, 0 };
	char		*path, *prefix;
	size_t		 i;
	int		 rc;

	path = fixture("binary.conf");
	prefix = xprintf("%s:", path);
	conf_init(&c);
	rc = conf_load(&c, path, 1, collect, &w);
	CHECK(rc == 20, "binary.conf: %d bad lines, want 20 then a stop",
	    rc);
	CHECK(w.n == 21, "binary.conf: %zu warnings", w.n);
	for (i = 0; i < w.n && i < MAXW; i++)
		CHECK(strncmp(w.msg[i], prefix, strlen(prefix)) == 0,
		    "names the file: %s", w.msg[i]);
	if (w.n == 21)
		CHECK(strstr(w.msg[20], "too many errors; the rest of the "
		    "file was skipped") != NULL, "stops: %s", w.msg[20]);
	CHECK(is_default(&c), "binary.conf leaves the defaults");
	conf_free(&c);
	free(prefix);
	free(path);
	warnings_free(&w);
}

static void
test_missing(void)
{
	struct conf	 c;
	struct warnings	 w = { { NULL }, 0 };
	char		*path, *want;

	path = fixture("no-such.conf");
	conf_init(&c);
	CHECK(conf_load(&c, path, 0, collect, &w) == 0, "missing, optional");
	CHECK(w.n == 0, "missing, optional: silent");
	CHECK(conf_load(&c, path, 1, collect, &w) == -1, "missing, required");
	want = xprintf("%s: cannot read the config file: %s", path,
	    strerror(ENOENT));
	CHECK(w.n == 1, "missing, required: one warning");
	if (w.n == 1)
		CHECK_STR(w.msg[0], want, "missing, required");
	free(want);
	free(path);
	warnings_free(&w);

	/* A directory is an error even when the file is optional. */
	path = fixture("");
	CHECK(conf_load(&c, path, 0, collect, &w) == -1, "a directory");
	want = xprintf("%s: cannot read the config file: %s", path,
	    strerror(EISDIR));
	CHECK(w.n == 1, "a directory: one warning");
	if (w.n == 1)
		CHECK_STR(w.msg[0], want, "a directory");
	CHECK(is_default(&c), "nothing read, nothing changed");
	free(want);
	free(path);
	warnings_free(&w);
	conf_free(&c);
}

static void
write_file(const char *path, const char *data, size_t len)
{
	FILE	*f;

	if ((f = fopen(path, "wb")) == NULL) {
		CHECK(0, "%s: %s", path, strerror(errno));
		return;
	}
	CHECK(fwrite(data, 1, len, f) == len, "write %s", path);
	CHECK(fclose(f) == 0, "close %s", path);
}

static void
write_text(const char *path, const char *text)
{
	write_file(path, text, strlen(text));
}

/* Files too large to keep as fixtures, or with bytes editors change. */
static void
test_built(void)
{
	struct conf	 c;
	struct warnings	 w = { { NULL }, 0 };
	char		 tmpl[] = "/tmp/test-conf.XXXXXX", *dir, *path, *want;
	char		*big;
	size_t		 i, n;
	int		 rc;

	if ((dir = mkdtemp(tmpl)) == NULL) {
		CHECK(0, "mkdtemp: %s", strerror(errno));
		return;
	}
	path = xprintf("%s/config", dir);
	conf_init(&c);

	/* Just over 1 MiB of comments, with a setting at the top. */
	n = 1024 * 1024 + 1;
	big = xmalloc(n);
	memset(big, '#', n);
	for (i = 63; i < n; i += 64)
		big[i] = '\n';
	memcpy(big, "jobs = 3\n", 9);
	write_file(path, big, n);
	CHECK(conf_load(&c, path, 1, collect, &w) == -1, "too large");
	want = xprintf("%s: the config file is larger than 1 MiB; not read",
	    path);
	CHECK(w.n == 1, "too large: %zu warnings", w.n);
	if (w.n == 1)
		CHECK_STR(w.msg[0], want, "too large");
	CHECK(c.limits.max_total == 16, "too large: nothing applied");
	free(want);
	warnings_free(&w);
	/* Exactly 1 MiB is read. */
	write_file(path, big, n - 1);
	CHECK(conf_load(&c, path, 1, collect, &w) == 0, "1 MiB");
	CHECK(c.limits.max_total == 3, "1 MiB: applied");
	warnings_free(&w);
	free(big);

	/* 30 bad lines: 20 reported, then one stop, and no more read. */
	{
		struct buf	 b;

		buf_init(&b, BUF_NOLIMIT);
		for (i = 0; i < 30; i++)
			buf_adds(&b, "nonsense\n");
		buf_adds(&b, "jobs = 7\n");
		write_file(path, buf_str(&b), buf_len(&b));
		buf_free(&b);
	}
	rc = conf_load(&c, path, 1, collect, &w);
	CHECK(rc == 20 && w.n == 21, "too many errors: %d, %zu", rc, w.n);
	want = xprintf("%s:21: too many errors; the rest of the file was "
	    "skipped", path);
	if (w.n == 21)
		CHECK_STR(w.msg[20], want, "too many errors");
	CHECK(c.limits.max_total == 3, "lines after the stop not applied");
	free(want);
	warnings_free(&w);

	/* A byte order mark, CRLF ends, no final newline. */
	write_text(path, "\xef\xbb\xbfjobs = 9\r\nlayout = rows\r\n"
	    "browser = \"x y\"\r\nlist-height = 11");
	CHECK(conf_load(&c, path, 1, collect, &w) == 0, "BOM and CRLF");
	CHECK(w.n == 0, "BOM and CRLF: %s", w.n > 0 ? w.msg[0] : "");
	CHECK(c.limits.max_total == 9, "after a BOM");
	CHECK(c.layout == CONF_LAYOUT_ROWS, "CRLF");
	CHECK_STR(c.browser, "x y", "quoted before CR");
	CHECK(c.list_height == 11, "no final newline");
	warnings_free(&w);

	/* A CR inside a line is a control character. */
	write_text(path, "jobs = 2\rjobs = 8\n");
	CHECK(conf_load(&c, path, 1, collect, &w) == 1, "lone CR");
	CHECK(c.limits.max_total == 9, "lone CR: not applied");
	warnings_free(&w);

	/* An empty file. */
	write_text(path, "");
	CHECK(conf_load(&c, path, 1, collect, &w) == 0 && w.n == 0,
	    "empty file");

	conf_free(&c);
	unlink(path);
	free(path);
	rmdir(dir);
}

static char *
read_text(const char *path)
{
	struct buf	 b;
	FILE		*f;
	char		 chunk[512];
	size_t		 n;

	buf_init(&b, BUF_NOLIMIT);
	if ((f = fopen(path, "rb")) != NULL) {
		while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
			buf_add(&b, chunk, n);
		fclose(f);
	}
	return buf_detach(&b);
}

/* L's save: the language line set, everything else as it was. */
static void
test_save_language(void)
{
	static const struct {
		const char	*before, *after;
	} cases[] = {
		{ NULL, "language = de\n" },
		{ "", "language = de\n" },
		{ "jobs = 4\n", "jobs = 4\nlanguage = de\n" },
		{ "jobs = 4", "jobs = 4\nlanguage = de\n" },
		{ "# mine\nlanguage = fr\nlayout = rows\n",
		  "# mine\nlanguage = de\nlayout = rows\n" },
		{ "  language=nl # old\njobs = 2\n\tlanguage = es\n",
		  "language = de\njobs = 2\n" },
		{ "# language = nl\nlanguages = x\nbind L language\n",
		  "# language = nl\nlanguages = x\nbind L language\n"
		  "language = de\n" },
		{ "jobs = 4\r\nlanguage = nl\r\n",
		  "jobs = 4\r\nlanguage = de\n" }
	};
	struct conf	 c;
	struct warnings	 w = { { NULL }, 0 };
	char		 tmpl[] = "/tmp/test-conf.XXXXXX", *dir, *path;
	char		*got, *cause = NULL, *link, one[1];
	size_t		 i;

	if ((dir = mkdtemp(tmpl)) == NULL) {
		CHECK(0, "mkdtemp: %s", strerror(errno));
		return;
	}
	path = xprintf("%s/sub/config", dir);
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		unlink(path);
		if (cases[i].before != NULL) {
			CHECK(conf_save_language(path, "en", &cause) == 0,
			    "case %zu: the directory is made", i);
			write_text(path, cases[i].before);
		}
		CHECK(conf_save_language(path, "de", &cause) == 0,
		    "case %zu: saved: %s", i, cause != NULL ? cause : "");
		free(cause);
		cause = NULL;
		got = read_text(path);
		CHECK_STR(got, cases[i].after, "saved config");
		free(got);
		/* And the reader reads it back. */
		conf_init(&c);
		/* (Case 6 keeps its unknown setting: one warning.) */
		CHECK(conf_load(&c, path, 1, collect, &w) == (i == 6),
		    "case %zu: reads back", i);
		CHECK_STR(c.language, "de", "the language read back");
		conf_free(&c);
		warnings_free(&w);
	}
	/* A symbolic link stays one; the file it points at changes. */
	link = xprintf("%s/link", dir);
	CHECK(symlink(path, link) == 0, "symlink");
	CHECK(conf_save_language(link, "pt", &cause) == 0, "through a link");
	got = read_text(path);
	CHECK_STR(got, "jobs = 4\r\nlanguage = pt\n", "the target changed");
	free(got);
	CHECK(readlink(link, one, 1) == 1, "still a link");
	unlink(link);
	free(link);
	/* A directory in the way: a message naming the file. */
	unlink(path);
	CHECK(mkdir(path, 0700) == 0, "mkdir");
	CHECK(conf_save_language(path, "nl", &cause) == -1, "a directory");
	CHECK(cause != NULL && strncmp(cause, path, strlen(path)) == 0 &&
	    strstr(cause, "cannot save the config file") != NULL,
	    "the message names the file: %s", cause != NULL ? cause : "");
	free(cause);
	rmdir(path);
	free(path);
	path = xprintf("%s/sub", dir);
	rmdir(path);
	free(path);
	rmdir(dir);
}

int
main(void)
{
	unsetenv("NO_COLOR");
	test_defaults();
	test_no_color();
	test_full();
	test_bad_settings();
	test_bad_commands();
	test_quoting();
	test_long();
	test_invalid_utf8();
	test_binary();
	test_missing();
	test_built();
	test_save_language();
	return test_exit("conf");
}
