/*
 * keys.c owns the named commands (their config names and help lines, in
 * one table the ? screen is generated from), the default bindings, the
 * bindings a config adds or removes, and key names both ways.
 *
 * Bindings are an array sorted by key, searched by bisection.  Each
 * binding carries the sequence number of the bind that made it, so
 * keys_of can list a command's keys in a stable order: the defaults in
 * the order of the table below, then the config's binds in their order.
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "keys.h"
#include "txt.h"
#include "xmalloc.h"

#define KEYS_NFUNC	12		/* F1..F12 */
#define KEYS_CTRL(c)	((uint32_t)((c) & 0x1f))

struct binding {
	uint32_t	 key;
	enum cmd	 cmd;
	unsigned long	 seq;		/* the bind that made it */
};

struct keys {
	struct binding	*b;		/* sorted by key */
	size_t		 n;
	size_t		 cap;
	unsigned long	 seq;		/* the next bind's number */
};

struct cmd_info {
	const char	*name;		/* config name, never translated */
	const char	*help;		/* N_() */
};

struct key_name {
	const char	*name;		/* canonical first, then aliases */
	uint32_t	 key;
};

static size_t	 find(const struct keys *, uint32_t, int *);
static void	 set(struct keys *, uint32_t, enum cmd);
static uint32_t	 terminal_alias(uint32_t);

/* Indexed by enum cmd. */
static const struct cmd_info cmds[CMD_COUNT] = {
	[CMD_NONE] = { NULL, NULL },
	[CMD_UP] = { "up", N_("Move up") },
	[CMD_DOWN] = { "down", N_("Move down") },
	[CMD_PAGE_UP] = { "page-up", N_("Move up a page") },
	[CMD_PAGE_DOWN] = { "page-down", N_("Move down a page") },
	[CMD_HALF_UP] = { "half-page-up", N_("Move up half a page") },
	[CMD_HALF_DOWN] = { "half-page-down", N_("Move down half a page") },
	[CMD_TOP] = { "top", N_("Go to the first line") },
	[CMD_BOTTOM] = { "bottom", N_("Go to the last line") },
	[CMD_NEXT_PANE] = { "next-pane", N_("Focus the next pane") },
	[CMD_PREV_PANE] = { "prev-pane", N_("Focus the previous pane") },
	[CMD_OPEN] = { "open", N_("Open the selection") },
	[CMD_BACK] = { "back", N_("Go back to the previous pane") },
	[CMD_NEXT_UNREAD] = { "next-unread",
	    N_("Next unread article, across feeds") },
	[CMD_PREV_UNREAD] = { "prev-unread",
	    N_("Previous unread article, across feeds") },
	[CMD_TOGGLE_READ] = { "toggle-read",
	    N_("Mark the article read or unread") },
	[CMD_MARK_ALL_READ] = { "mark-all-read",
	    N_("Mark every article in the list read") },
	[CMD_STAR] = { "star", N_("Star or unstar the article") },
	[CMD_FOLLOW] = { "follow",
	    N_("Follow or unfollow the story of the article") },
	[CMD_REFRESH] = { "refresh", N_("Refresh the selected feed") },
	[CMD_REFRESH_ALL] = { "refresh-all", N_("Refresh every feed") },
	[CMD_SEARCH] = { "search", N_("Search the articles") },
	[CMD_OPEN_BROWSER] = { "open-browser",
	    N_("Open the article in the browser") },
	[CMD_OPEN_LINK] = { "open-link",
	    N_("Open a numbered link of the article in the browser") },
	[CMD_OPEN_LINK_1] = { "open-link-1",
	    N_("Open link 1 of the article in the browser") },
	[CMD_OPEN_LINK_2] = { "open-link-2",
	    N_("Open link 2 of the article in the browser") },
	[CMD_OPEN_LINK_3] = { "open-link-3",
	    N_("Open link 3 of the article in the browser") },
	[CMD_OPEN_LINK_4] = { "open-link-4",
	    N_("Open link 4 of the article in the browser") },
	[CMD_OPEN_LINK_5] = { "open-link-5",
	    N_("Open link 5 of the article in the browser") },
	[CMD_OPEN_LINK_6] = { "open-link-6",
	    N_("Open link 6 of the article in the browser") },
	[CMD_OPEN_LINK_7] = { "open-link-7",
	    N_("Open link 7 of the article in the browser") },
	[CMD_OPEN_LINK_8] = { "open-link-8",
	    N_("Open link 8 of the article in the browser") },
	[CMD_OPEN_LINK_9] = { "open-link-9",
	    N_("Open link 9 of the article in the browser") },
	[CMD_FULL_ARTICLE] = { "full-article",
	    N_("Fetch the full article from its web page") },
	[CMD_SHOW_CHANGES] = { "show-changes",
	    N_("Show what changed in an updated article, or the article "
	    "again") },
	[CMD_OLDER_REVISION] = { "older-revision",
	    N_("Compare with an older version of the article") },
	[CMD_NEWER_REVISION] = { "newer-revision",
	    N_("Compare with a newer version of the article") },
	[CMD_ERRORS] = { "errors", N_("Show the feeds that failed") },
	[CMD_GROW] = { "grow", N_("Make the focused pane larger") },
	[CMD_SHRINK] = { "shrink", N_("Make the focused pane smaller") },
	[CMD_REDRAW] = { "redraw", N_("Redraw the screen") },
	[CMD_LANGUAGE] = { "language", N_("Choose the interface language") },
	[CMD_HELP] = { "help", N_("Show the keys and what they do") },
	[CMD_QUIT] = { "quit", N_("Quit") }
};

/* The default bindings; a command's first key is the one help shows. */
static const struct {
	uint32_t	 key;
	enum cmd	 cmd;
} defaults[] = {
	{ KEYS_UP, CMD_UP }, { 'k', CMD_UP },
	{ KEYS_DOWN, CMD_DOWN }, { 'j', CMD_DOWN },
	{ KEYS_PGUP, CMD_PAGE_UP }, { KEYS_CTRL('b'), CMD_PAGE_UP },
	{ KEYS_PGDN, CMD_PAGE_DOWN }, { KEYS_CTRL('f'), CMD_PAGE_DOWN },
	{ ' ', CMD_PAGE_DOWN },
	{ KEYS_CTRL('u'), CMD_HALF_UP },
	{ KEYS_CTRL('d'), CMD_HALF_DOWN },
	{ KEYS_HOME, CMD_TOP }, { 'g', CMD_TOP },
	{ KEYS_END, CMD_BOTTOM }, { 'G', CMD_BOTTOM },
	{ KEYS_TAB, CMD_NEXT_PANE },
	{ KEYS_BTAB, CMD_PREV_PANE },
	{ KEYS_ENTER, CMD_OPEN }, { KEYS_RIGHT, CMD_OPEN }, { 'l', CMD_OPEN },
	{ KEYS_BACKSPACE, CMD_BACK }, { KEYS_LEFT, CMD_BACK },
	{ 'h', CMD_BACK },
	{ 'n', CMD_NEXT_UNREAD },
	{ 'p', CMD_PREV_UNREAD },
	{ 'N', CMD_TOGGLE_READ },
	{ 'A', CMD_MARK_ALL_READ },
	{ '*', CMD_STAR },
	{ 'F', CMD_FOLLOW },
	{ 'r', CMD_REFRESH },
	{ 'R', CMD_REFRESH_ALL },
	{ '/', CMD_SEARCH },
	{ 'o', CMD_OPEN_BROWSER },
	{ 'O', CMD_OPEN_LINK },
	{ '1', CMD_OPEN_LINK_1 }, { '2', CMD_OPEN_LINK_2 },
	{ '3', CMD_OPEN_LINK_3 }, { '4', CMD_OPEN_LINK_4 },
	{ '5', CMD_OPEN_LINK_5 }, { '6', CMD_OPEN_LINK_6 },
	{ '7', CMD_OPEN_LINK_7 }, { '8', CMD_OPEN_LINK_8 },
	{ '9', CMD_OPEN_LINK_9 },
	{ 'f', CMD_FULL_ARTICLE },
	{ 'u', CMD_SHOW_CHANGES },
	{ '[', CMD_OLDER_REVISION },
	{ ']', CMD_NEWER_REVISION },
	{ 'E', CMD_ERRORS },
	{ '>', CMD_GROW },
	{ '<', CMD_SHRINK },
	{ KEYS_CTRL('l'), CMD_REDRAW },
	{ 'L', CMD_LANGUAGE },
	{ '?', CMD_HELP }, { KEYS_F1, CMD_HELP },
	{ 'q', CMD_QUIT }
};

/* Names of the keys that are not one printable character. */
static const struct key_name names[] = {
	{ "Space", ' ' },
	{ "Tab", KEYS_TAB },
	{ "S-Tab", KEYS_BTAB }, { "BTab", KEYS_BTAB },
	{ "Enter", KEYS_ENTER }, { "Return", KEYS_ENTER },
	{ "Backspace", KEYS_BACKSPACE }, { "BSpace", KEYS_BACKSPACE },
	{ "Delete", KEYS_DELETE }, { "Del", KEYS_DELETE },
	{ "Escape", KEYS_ESCAPE }, { "Esc", KEYS_ESCAPE },
	{ "Up", KEYS_UP },
	{ "Down", KEYS_DOWN },
	{ "Left", KEYS_LEFT },
	{ "Right", KEYS_RIGHT },
	{ "PgUp", KEYS_PGUP }, { "PageUp", KEYS_PGUP },
	{ "PgDn", KEYS_PGDN }, { "PageDown", KEYS_PGDN },
	{ "Home", KEYS_HOME },
	{ "End", KEYS_END }
};

struct keys *
keys_new(void)
{
	struct keys	*k;
	size_t		 i;

	k = xcalloc(1, sizeof *k);
	for (i = 0; i < sizeof defaults / sizeof *defaults; i++)
		set(k, defaults[i].key, defaults[i].cmd);
	return k;
}

void
keys_free(struct keys *k)
{
	if (k == NULL)
		return;
	free(k->b);
	free(k);
}

/* The index of key in k->b, or where it would go; *found says which. */
static size_t
find(const struct keys *k, uint32_t key, int *found)
{
	size_t	 lo = 0, hi = k->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (k->b[mid].key == key) {
			*found = 1;
			return mid;
		}
		if (k->b[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = 0;
	return lo;
}

/* Binds key to cmd; a key moved to another command becomes its last. */
static void
set(struct keys *k, uint32_t key, enum cmd cmd)
{
	size_t	 i;
	int	 found;

	i = find(k, key, &found);
	if (found) {
		if (k->b[i].cmd != cmd) {
			k->b[i].cmd = cmd;
			k->b[i].seq = k->seq++;
		}
		return;
	}
	if (k->n == k->cap) {
		k->cap = k->cap == 0 ? 64 : k->cap * 2;
		k->b = xreallocarray(k->b, k->cap, sizeof *k->b);
	}
	memmove(k->b + i + 1, k->b + i, (k->n - i) * sizeof *k->b);
	k->b[i].key = key;
	k->b[i].cmd = cmd;
	k->b[i].seq = k->seq++;
	k->n++;
}

int
keys_bind(struct keys *k, const char *name, const char *cmdname,
    char **cause)
{
	uint32_t	 key;
	enum cmd	 cmd;

	if ((key = keys_parse(name)) == KEYS_NONE) {
		if (cause != NULL) {
			/* TRANSLATORS: %s is a key name from the config
			   file. */
			xasprintf(cause, _("unknown key '%s'"), name);
		}
		return -1;
	}
	if ((cmd = cmd_parse(cmdname)) == CMD_NONE) {
		if (cause != NULL) {
			/* TRANSLATORS: %s is a command name from the config
			   file. */
			xasprintf(cause, _("unknown command '%s'"), cmdname);
		}
		return -1;
	}
	set(k, key, cmd);
	return 0;
}

int
keys_unbind(struct keys *k, const char *name, char **cause)
{
	uint32_t	 key;
	size_t		 i;
	int		 found;

	if ((key = keys_parse(name)) == KEYS_NONE) {
		if (cause != NULL) {
			/* TRANSLATORS: %s is a key name from the config
			   file. */
			xasprintf(cause, _("unknown key '%s'"), name);
		}
		return -1;
	}
	i = find(k, key, &found);
	if (found) {
		memmove(k->b + i, k->b + i + 1,
		    (k->n - i - 1) * sizeof *k->b);
		k->n--;
	}
	return 0;
}

/*
 * The named key a terminal sends a control character for, or the other
 * way round; KEYS_NONE when the key has no such twin.
 */
static uint32_t
terminal_alias(uint32_t key)
{
	switch (key) {
	case '\t':
		return KEYS_TAB;
	case '\r':
	case '\n':
		return KEYS_ENTER;
	case 0x08:
	case 0x7f:
		return KEYS_BACKSPACE;
	case 0x1b:
		return KEYS_ESCAPE;
	case KEYS_TAB:
		return '\t';
	case KEYS_ENTER:
		return '\r';
	case KEYS_BACKSPACE:
		return 0x7f;
	case KEYS_ESCAPE:
		return 0x1b;
	}
	return KEYS_NONE;
}

/*
 * An exact binding wins; otherwise a control character and the named key
 * it stands for (Tab and C-i, Enter and C-m) find each other's binding,
 * so the UI need not guess which one the user bound.
 */
enum cmd
keys_lookup(const struct keys *k, uint32_t key)
{
	size_t	 i;
	int	 found;

	if (k == NULL || key == KEYS_NONE)
		return CMD_NONE;
	i = find(k, key, &found);
	if (found)
		return k->b[i].cmd;
	if ((key = terminal_alias(key)) == KEYS_NONE)
		return CMD_NONE;
	i = find(k, key, &found);
	return found ? k->b[i].cmd : CMD_NONE;
}

size_t
keys_of(const struct keys *k, enum cmd cmd, uint32_t *out, size_t max)
{
	unsigned long	 last = 0, best;
	size_t		 i, n = 0, pick;
	int		 first = 1;

	/* Selection by sequence number: a command has a handful of keys. */
	for (;;) {
		pick = k->n;
		best = 0;
		for (i = 0; i < k->n; i++) {
			if (k->b[i].cmd != cmd)
				continue;
			if (!first && k->b[i].seq <= last)
				continue;
			if (pick == k->n || k->b[i].seq < best) {
				pick = i;
				best = k->b[i].seq;
			}
		}
		if (pick == k->n)
			return n;
		if (n < max)
			out[n] = k->b[pick].key;
		n++;
		last = best;
		first = 0;
	}
}

const char *
keys_name(uint32_t key, char *buf, size_t size)
{
	char	 utf8[5];
	size_t	 i, len;

	if (size == 0)
		return buf;
	for (i = 0; i < sizeof names / sizeof *names; i++) {
		if (names[i].key == key) {
			snprintf(buf, size, "%s", names[i].name);
			return buf;
		}
	}
	if (key >= KEYS_F1 && key < KEYS_F1 + KEYS_NFUNC)
		snprintf(buf, size, "F%u", (unsigned)(key - KEYS_F1 + 1));
	else if (key >= 1 && key <= 26)
		snprintf(buf, size, "C-%c", (char)('a' + key - 1));
	else if (key < 0x20 || (key >= 0x7f && key < 0xa0) ||
	    (key >= 0xd800 && key < 0xe000) || key >= 0x110000)
		snprintf(buf, size, "U+%04X", (unsigned)key);
	else {
		len = txt_utf8_encode(key, utf8);
		utf8[len] = '\0';
		snprintf(buf, size, "%s", utf8);
	}
	return buf;
}

uint32_t
keys_parse(const char *name)
{
	uint32_t	 cp;
	size_t		 len, i, n;
	unsigned long	 f;
	char		*end;

	if (name == NULL || (len = strlen(name)) == 0)
		return KEYS_NONE;

	/* One character stands for itself: "j", "N", "é". */
	n = txt_utf8_decode(name, len, &cp);
	if (n == len) {
		if (cp == TXT_REPLACEMENT && n == 1)
			return KEYS_NONE;	/* an invalid byte */
		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			return KEYS_NONE;
		return cp;
	}

	for (i = 0; i < sizeof names / sizeof *names; i++)
		if (strcasecmp(name, names[i].name) == 0)
			return names[i].key;

	/* F1..F12 */
	if ((name[0] == 'F' || name[0] == 'f') &&
	    name[1] >= '1' && name[1] <= '9') {
		f = strtoul(name + 1, &end, 10);
		if (*end == '\0' && f >= 1 && f <= KEYS_NFUNC)
			return KEYS_F1 + (uint32_t)(f - 1);
		return KEYS_NONE;
	}

	/* U+001B: what keys_name calls a key with no other name. */
	if ((name[0] == 'U' || name[0] == 'u') && name[1] == '+' &&
	    isxdigit((unsigned char)name[2])) {
		f = strtoul(name + 2, &end, 16);
		if (*end == '\0' && f > 0 && f <= 0x10ffff)
			return (uint32_t)f;
		return KEYS_NONE;
	}

	/* C-d, c-d, C-D and ^D are all 0x04. */
	if (len == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-')
		cp = (unsigned char)name[2];
	else if (len == 2 && name[0] == '^')
		cp = (unsigned char)name[1];
	else
		return KEYS_NONE;
	if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
		return KEYS_CTRL(cp);
	return KEYS_NONE;
}

const char *
cmd_name(enum cmd cmd)
{
	if ((int)cmd <= CMD_NONE || cmd >= CMD_COUNT)
		return NULL;
	return cmds[cmd].name;
}

enum cmd
cmd_parse(const char *name)
{
	int	 i;

	if (name == NULL)
		return CMD_NONE;
	for (i = CMD_NONE + 1; i < CMD_COUNT; i++)
		if (strcmp(name, cmds[i].name) == 0)
			return (enum cmd)i;
	return CMD_NONE;
}

const char *
cmd_help(enum cmd cmd)
{
	if ((int)cmd <= CMD_NONE || cmd >= CMD_COUNT)
		return "";
	return _(cmds[cmd].help);
}
