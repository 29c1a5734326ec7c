/*
 * Keys and commands: the table of named commands behind keys, the default
 * bindings, rebinding from the config, key names both ways, and the help
 * text the ? screen is generated from.  No curses here: the UI turns curses
 * key codes into the KEYS_* codes below.
 */
#ifndef TIDINGS_KEYS_H
#define TIDINGS_KEYS_H

#include <stddef.h>
#include <stdint.h>

/*
 * A key: a Unicode code point for a character key (Ctrl-X is 0x18, as the
 * terminal sends it), or one of these for the others.
 */
enum {
	KEYS_UP = 0x110000,
	KEYS_DOWN,
	KEYS_LEFT,
	KEYS_RIGHT,
	KEYS_PGUP,
	KEYS_PGDN,
	KEYS_HOME,
	KEYS_END,
	KEYS_ENTER,
	KEYS_TAB,
	KEYS_BTAB,		/* Shift-Tab */
	KEYS_BACKSPACE,
	KEYS_DELETE,
	KEYS_ESCAPE,
	KEYS_F1			/* F1..F12 are KEYS_F1 + 0..11 */
};
#define KEYS_NONE	0

/* The commands keys are bound to, in the order help lists them. */
enum cmd {
	CMD_NONE,
	CMD_UP,
	CMD_DOWN,
	CMD_PAGE_UP,
	CMD_PAGE_DOWN,
	CMD_HALF_UP,
	CMD_HALF_DOWN,
	CMD_TOP,
	CMD_BOTTOM,
	CMD_NEXT_PANE,
	CMD_PREV_PANE,
	CMD_OPEN,		/* Enter: go into the selection */
	CMD_BACK,		/* Backspace, h: come back a pane */
	CMD_NEXT_UNREAD,
	CMD_PREV_UNREAD,
	CMD_TOGGLE_READ,
	CMD_MARK_ALL_READ,
	CMD_STAR,
	CMD_FOLLOW,		/* F: the story of the article */
	CMD_REFRESH,
	CMD_REFRESH_ALL,
	CMD_SEARCH,
	CMD_OPEN_BROWSER,	/* o: the article's link */
	CMD_OPEN_LINK,		/* O: a numbered link, by prompt */
	CMD_OPEN_LINK_1,	/* 1..9: link N; CMD_OPEN_LINK_1 + 8 is 9 */
	CMD_OPEN_LINK_2,
	CMD_OPEN_LINK_3,
	CMD_OPEN_LINK_4,
	CMD_OPEN_LINK_5,
	CMD_OPEN_LINK_6,
	CMD_OPEN_LINK_7,
	CMD_OPEN_LINK_8,
	CMD_OPEN_LINK_9,
	CMD_FULL_ARTICLE,	/* f */
	CMD_SHOW_CHANGES,	/* u: what changed in an updated article */
	CMD_OLDER_REVISION,	/* [ */
	CMD_NEWER_REVISION,	/* ] */
	CMD_ERRORS,		/* E: the failed feeds */
	CMD_GROW,		/* > : the focused pane wider/taller */
	CMD_SHRINK,		/* < */
	CMD_REDRAW,		/* Ctrl-L */
	CMD_LANGUAGE,		/* L: the language menu */
	CMD_HELP,
	CMD_QUIT,
	CMD_COUNT
};

struct keys;

/* A table with the default bindings.  Never NULL. */
struct keys	*keys_new(void);
void		 keys_free(struct keys *);
/*
 * Binds the key named name ("j", "C-d", "PgDn", "Enter", "S-Tab", "F5",
 * "Space", "é") to the command named cmdname ("down", "page-down"...),
 * replacing what it had.  0, or -1 with *cause (allocated, translated,
 * naming the unknown key or command).
 */
int		 keys_bind(struct keys *, const char *, const char *, char **);
/* Removes the binding of the key named name; 0, or -1 with *cause. */
int		 keys_unbind(struct keys *, const char *, char **);
/* The command bound to key, or CMD_NONE. */
enum cmd	 keys_lookup(const struct keys *, uint32_t);
/*
 * Fills keys[0..max) with the keys bound to cmd, in a stable order, and
 * returns how many there are (which may exceed max).
 */
size_t		 keys_of(const struct keys *, enum cmd, uint32_t *, size_t);
/* The key's name as keys_bind reads it, into buf (at least 16 bytes). */
const char	*keys_name(uint32_t, char *, size_t);
/* The key named name, or KEYS_NONE. */
uint32_t	 keys_parse(const char *);
/* The command's config name ("page-down"), never translated. */
const char	*cmd_name(enum cmd);
/* The command named name, or CMD_NONE. */
enum cmd	 cmd_parse(const char *);
/* One line saying what the command does, translated at each call. */
const char	*cmd_help(enum cmd);

#endif
