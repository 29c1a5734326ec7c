/*
 * test-keys: the default bindings, key names both ways, binding and
 * unbinding, the messages for unknown keys and commands, the order
 * keys_of lists a command's keys in, and the command table itself.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "test.h"

struct dcase {
	uint32_t	 key;
	enum cmd	 cmd;
};

struct ncase {
	const char	*name;
	uint32_t	 key;
	const char	*canon;		/* keys_name(key); NULL: name */
};

static void	 test_defaults(void);
static void	 test_names(void);
static void	 test_bad_names(void);
static void	 test_bind(void);
static void	 test_messages(void);
static void	 test_keys_of(void);
static void	 test_commands(void);
static void	 test_aliases(void);

/* Every default of the product spec. */
static const struct dcase defaults[] = {
	{ KEYS_UP, CMD_UP }, { 'k', CMD_UP },
	{ KEYS_DOWN, CMD_DOWN }, { 'j', CMD_DOWN },
	{ KEYS_PGUP, CMD_PAGE_UP }, { 0x02, CMD_PAGE_UP },
	{ KEYS_PGDN, CMD_PAGE_DOWN }, { 0x06, CMD_PAGE_DOWN },
	{ ' ', CMD_PAGE_DOWN },
	{ 0x15, CMD_HALF_UP }, { 0x04, CMD_HALF_DOWN },
	{ KEYS_HOME, CMD_TOP }, { 'g', CMD_TOP },
	{ KEYS_END, CMD_BOTTOM }, { 'G', CMD_BOTTOM },
	{ KEYS_TAB, CMD_NEXT_PANE }, { KEYS_BTAB, CMD_PREV_PANE },
	{ KEYS_ENTER, CMD_OPEN }, { KEYS_RIGHT, CMD_OPEN }, { 'l', CMD_OPEN },
	{ KEYS_BACKSPACE, CMD_BACK }, { KEYS_LEFT, CMD_BACK },
	{ 'h', CMD_BACK },
	{ 'n', CMD_NEXT_UNREAD }, { 'p', CMD_PREV_UNREAD },
	{ 'N', CMD_TOGGLE_READ }, { 'A', CMD_MARK_ALL_READ },
	{ '*', CMD_STAR }, { 'r', CMD_REFRESH }, { 'R', CMD_REFRESH_ALL },
	{ '/', CMD_SEARCH }, { 'o', CMD_OPEN_BROWSER },
	{ 'O', CMD_OPEN_LINK },
	{ '1', CMD_OPEN_LINK_1 }, { '5', CMD_OPEN_LINK_5 },
	{ '9', CMD_OPEN_LINK_9 },
	{ 'f', CMD_FULL_ARTICLE }, { 'E', CMD_ERRORS },
	{ '>', CMD_GROW }, { '<', CMD_SHRINK }, { 0x0c, CMD_REDRAW },
	{ 'L', CMD_LANGUAGE },
	{ '?', CMD_HELP }, { KEYS_F1, CMD_HELP }, { 'q', CMD_QUIT },
	/* and some that are free */
	{ 'x', CMD_NONE }, { 'Q', CMD_NONE }, { '0', CMD_NONE },
	{ KEYS_F1 + 1, CMD_NONE }, { KEYS_DELETE, CMD_NONE },
	{ 0xe9, CMD_NONE }, { KEYS_NONE, CMD_NONE }
};

static const struct ncase names[] = {
	{ "j", 'j', NULL },
	{ "N", 'N', NULL },
	{ "?", '?', NULL },
	{ "#", '#', NULL },
	{ "^", '^', NULL },
	{ "\"", '"', NULL },
	{ "é", 0xe9, NULL },
	{ "€", 0x20ac, NULL },
	{ "日", 0x65e5, NULL },
	{ "😀", 0x1f600, NULL },
	{ "Space", ' ', NULL },
	{ "space", ' ', "Space" },
	{ " ", ' ', "Space" },
	{ "Tab", KEYS_TAB, NULL },
	{ "TAB", KEYS_TAB, "Tab" },
	{ "S-Tab", KEYS_BTAB, NULL },
	{ "s-tab", KEYS_BTAB, "S-Tab" },
	{ "BTab", KEYS_BTAB, "S-Tab" },
	{ "Enter", KEYS_ENTER, NULL },
	{ "Return", KEYS_ENTER, "Enter" },
	{ "Backspace", KEYS_BACKSPACE, NULL },
	{ "BSpace", KEYS_BACKSPACE, "Backspace" },
	{ "Delete", KEYS_DELETE, NULL },
	{ "Del", KEYS_DELETE, "Delete" },
	{ "Escape", KEYS_ESCAPE, NULL },
	{ "Esc", KEYS_ESCAPE, "Escape" },
	{ "esc", KEYS_ESCAPE, "Escape" },
	{ "Up", KEYS_UP, NULL },
	{ "Down", KEYS_DOWN, NULL },
	{ "Left", KEYS_LEFT, NULL },
	{ "Right", KEYS_RIGHT, NULL },
	{ "right", KEYS_RIGHT, "Right" },
	{ "PgUp", KEYS_PGUP, NULL },
	{ "PageUp", KEYS_PGUP, "PgUp" },
	{ "PgDn", KEYS_PGDN, NULL },
	{ "PageDown", KEYS_PGDN, "PgDn" },
	{ "pgdn", KEYS_PGDN, "PgDn" },
	{ "Home", KEYS_HOME, NULL },
	{ "End", KEYS_END, NULL },
	{ "F1", KEYS_F1, NULL },
	{ "F9", KEYS_F1 + 8, NULL },
	{ "F10", KEYS_F1 + 9, NULL },
	{ "F12", KEYS_F1 + 11, NULL },
	{ "f5", KEYS_F1 + 4, "F5" },
	{ "C-d", 0x04, NULL },
	{ "C-D", 0x04, "C-d" },
	{ "c-d", 0x04, "C-d" },
	{ "^D", 0x04, "C-d" },
	{ "^d", 0x04, "C-d" },
	{ "U+001B", 0x1b, NULL },
	{ "U+007F", 0x7f, NULL },
	{ "u+1b", 0x1b, "U+001B" }
};

static const char *const bad_names[] = {
	"", "jj", "Spaces", "F0", "F13", "F01", "F1x", "C-", "C-1", "C-dd",
	"^1", "^é", "C-é", "\xff", "\xc3", "\x01", "\x7f", "\xc2\x85",
	"U+", "U+0", "U+110000", "U+1G", "S-j", "Ctrl-d", "M-x"
};

static void
test_defaults(void)
{
	struct keys	*k;
	char		 name[32];
	size_t		 i;

	k = keys_new();
	for (i = 0; i < sizeof defaults / sizeof *defaults; i++) {
		CHECK(keys_lookup(k, defaults[i].key) == defaults[i].cmd,
		    "default %s: got %d, want %d",
		    keys_name(defaults[i].key, name, sizeof name),
		    (int)keys_lookup(k, defaults[i].key),
		    (int)defaults[i].cmd);
	}
	keys_free(k);
	keys_free(NULL);
}

static void
test_names(void)
{
	char		 buf[32], small[4];
	const char	*want;
	size_t		 i;
	uint32_t	 key;
	char		 cname[8];

	for (i = 0; i < sizeof names / sizeof *names; i++) {
		want = names[i].canon != NULL ? names[i].canon :
		    names[i].name;
		CHECK(keys_parse(names[i].name) == names[i].key,
		    "parse \"%s\": got 0x%x, want 0x%x", names[i].name,
		    (unsigned)keys_parse(names[i].name),
		    (unsigned)names[i].key);
		CHECK_STR(keys_name(names[i].key, buf, sizeof buf), want,
		    names[i].name);
		CHECK(keys_parse(buf) == names[i].key, "round trip %s",
		    buf);
	}
	/* C-a..C-z, and every F key. */
	for (key = 1; key <= 26; key++) {
		snprintf(cname, sizeof cname, "C-%c", (char)('a' + key - 1));
		CHECK(keys_parse(cname) == key, "parse %s", cname);
		CHECK_STR(keys_name(key, buf, sizeof buf), cname, cname);
		snprintf(cname, sizeof cname, "^%c", (char)('A' + key - 1));
		CHECK(keys_parse(cname) == key, "parse %s", cname);
	}
	for (key = KEYS_F1; key < KEYS_F1 + 12; key++) {
		keys_name(key, buf, sizeof buf);
		CHECK(keys_parse(buf) == key, "round trip %s", buf);
	}
	/* Every named key and printable ASCII character round-trips. */
	for (key = KEYS_UP; key < KEYS_F1; key++) {
		keys_name(key, buf, sizeof buf);
		CHECK(keys_parse(buf) == key, "round trip %s", buf);
	}
	for (key = 0x20; key < 0x7f; key++) {
		keys_name(key, buf, sizeof buf);
		CHECK(keys_parse(buf) == key, "round trip 0x%x: %s",
		    (unsigned)key, buf);
	}
	/* A short buffer is cut, not overrun. */
	CHECK_STR(keys_name(KEYS_BACKSPACE, small, sizeof small), "Bac",
	    "short buffer");
}

static void
test_bad_names(void)
{
	size_t	 i;

	for (i = 0; i < sizeof bad_names / sizeof *bad_names; i++)
		CHECK(keys_parse(bad_names[i]) == KEYS_NONE,
		    "bad name \"%s\" parsed as 0x%x", bad_names[i],
		    (unsigned)keys_parse(bad_names[i]));
	CHECK(keys_parse(NULL) == KEYS_NONE, "NULL name");
}

static void
test_bind(void)
{
	struct keys	*k;
	char		*cause = NULL;

	k = keys_new();
	/* A new key. */
	CHECK(keys_bind(k, "J", "next-unread", &cause) == 0, "bind J");
	CHECK(keys_lookup(k, 'J') == CMD_NEXT_UNREAD, "J bound");
	/* A default key moves to another command. */
	CHECK(keys_bind(k, "j", "page-down", &cause) == 0, "rebind j");
	CHECK(keys_lookup(k, 'j') == CMD_PAGE_DOWN, "j rebound");
	CHECK(keys_lookup(k, KEYS_DOWN) == CMD_DOWN, "Down untouched");
	/* And back. */
	CHECK(keys_bind(k, "j", "down", &cause) == 0, "rebind j back");
	CHECK(keys_lookup(k, 'j') == CMD_DOWN, "j down again");
	/* Unbinding. */
	CHECK(keys_unbind(k, "n", &cause) == 0, "unbind n");
	CHECK(keys_lookup(k, 'n') == CMD_NONE, "n unbound");
	CHECK(keys_unbind(k, "n", &cause) == 0, "unbind n twice");
	CHECK(keys_unbind(k, "x", &cause) == 0, "unbind a free key");
	CHECK(keys_lookup(k, 'p') == CMD_PREV_UNREAD, "p kept");
	/* Named and non-ASCII keys. */
	CHECK(keys_bind(k, "é", "star", &cause) == 0, "bind é");
	CHECK(keys_lookup(k, 0xe9) == CMD_STAR, "é bound");
	CHECK(keys_bind(k, "F5", "refresh-all", &cause) == 0, "bind F5");
	CHECK(keys_lookup(k, KEYS_F1 + 4) == CMD_REFRESH_ALL, "F5 bound");
	CHECK(keys_bind(k, "C-n", "next-pane", &cause) == 0, "bind C-n");
	CHECK(keys_lookup(k, 0x0e) == CMD_NEXT_PANE, "C-n bound");
	CHECK(keys_unbind(k, "PgDn", &cause) == 0, "unbind PgDn");
	CHECK(keys_lookup(k, KEYS_PGDN) == CMD_NONE, "PgDn unbound");
	CHECK(cause == NULL, "no cause on success");
	/* Many binds: the table grows and stays sorted. */
	{
		char	 name[8];
		uint32_t key;

		for (key = 0x100; key < 0x300; key++) {
			keys_name(key, name, sizeof name);
			CHECK(keys_bind(k, name, "quit", &cause) == 0,
			    "bind %s", name);
		}
		for (key = 0x100; key < 0x300; key++)
			CHECK(keys_lookup(k, key) == CMD_QUIT, "0x%x",
			    (unsigned)key);
		CHECK(keys_lookup(k, 'q') == CMD_QUIT, "q still quits");
		CHECK(keys_lookup(k, 'k') == CMD_UP, "k still up");
	}
	keys_free(k);
}

static void
test_messages(void)
{
	struct keys	*k;
	char		*cause;

	k = keys_new();
	cause = NULL;
	CHECK(keys_bind(k, "Ctrl-x", "quit", &cause) == -1, "bad key");
	CHECK_STR(cause, "unknown key 'Ctrl-x'", "bad key message");
	free(cause);
	cause = NULL;
	CHECK(keys_bind(k, "x", "explode", &cause) == -1, "bad command");
	CHECK_STR(cause, "unknown command 'explode'", "bad command message");
	free(cause);
	cause = NULL;
	CHECK(keys_bind(k, "x", "", &cause) == -1, "empty command");
	CHECK_STR(cause, "unknown command ''", "empty command message");
	free(cause);
	cause = NULL;
	CHECK(keys_bind(k, "x", "Quit", &cause) == -1,
	    "commands are case-sensitive");
	free(cause);
	cause = NULL;
	CHECK(keys_unbind(k, "Hyper-x", &cause) == -1, "unbind bad key");
	CHECK_STR(cause, "unknown key 'Hyper-x'", "unbind message");
	free(cause);
	/* A failed bind changes nothing. */
	CHECK(keys_lookup(k, 'x') == CMD_NONE, "x still free");
	keys_free(k);
}

static void
test_keys_of(void)
{
	struct keys	*k;
	uint32_t	 out[8];
	size_t		 n;

	k = keys_new();
	n = keys_of(k, CMD_PAGE_DOWN, out, 8);
	CHECK(n == 3 && out[0] == KEYS_PGDN && out[1] == 0x06 &&
	    out[2] == ' ', "page-down keys in default order (%zu)", n);
	n = keys_of(k, CMD_OPEN, out, 8);
	CHECK(n == 3 && out[0] == KEYS_ENTER && out[1] == KEYS_RIGHT &&
	    out[2] == 'l', "open keys in default order (%zu)", n);
	n = keys_of(k, CMD_HELP, out, 8);
	CHECK(n == 2 && out[0] == '?' && out[1] == KEYS_F1, "help keys");
	/* More than max: counted, not written. */
	out[1] = 0;
	n = keys_of(k, CMD_PAGE_DOWN, out, 1);
	CHECK(n == 3 && out[0] == KEYS_PGDN && out[1] == 0,
	    "max 1 gives the count");
	CHECK(keys_of(k, CMD_PAGE_DOWN, NULL, 0) == 3, "count only");
	/* Binds come after the defaults, in bind order. */
	keys_bind(k, "Z", "next-unread", NULL);
	keys_bind(k, "J", "next-unread", NULL);
	keys_bind(k, "j", "next-unread", NULL);
	n = keys_of(k, CMD_NEXT_UNREAD, out, 8);
	CHECK(n == 4 && out[0] == 'n' && out[1] == 'Z' && out[2] == 'J' &&
	    out[3] == 'j', "next-unread keys in bind order (%zu)", n);
	n = keys_of(k, CMD_DOWN, out, 8);
	CHECK(n == 1 && out[0] == KEYS_DOWN, "down lost j");
	/* Binding a key to what it has keeps its place. */
	keys_bind(k, "Z", "next-unread", NULL);
	n = keys_of(k, CMD_NEXT_UNREAD, out, 8);
	CHECK(n == 4 && out[1] == 'Z', "rebinding the same keeps order");
	/* Unbound everywhere: none. */
	keys_unbind(k, "q", NULL);
	CHECK(keys_of(k, CMD_QUIT, out, 8) == 0, "quit has no key");
	keys_free(k);
}

static void
test_commands(void)
{
	const char	*name, *help;
	int		 i, j;

	for (i = CMD_NONE + 1; i < CMD_COUNT; i++) {
		name = cmd_name((enum cmd)i);
		help = cmd_help((enum cmd)i);
		CHECK(name != NULL && *name != '\0', "command %d has a name",
		    i);
		if (name == NULL)
			continue;
		CHECK(cmd_parse(name) == (enum cmd)i, "cmd_parse(%s)", name);
		CHECK(help != NULL && *help != '\0', "%s has help", name);
		CHECK(help != NULL && strchr(help, '\n') == NULL &&
		    help[strlen(help) - 1] != '.', "%s help is one line, no "
		    "full stop", name);
		for (j = i + 1; j < CMD_COUNT; j++)
			CHECK(cmd_name((enum cmd)j) == NULL ||
			    strcmp(name, cmd_name((enum cmd)j)) != 0,
			    "%s named twice", name);
	}
	CHECK(cmd_name(CMD_NONE) == NULL, "CMD_NONE has no name");
	CHECK(cmd_name(CMD_COUNT) == NULL, "CMD_COUNT has no name");
	CHECK(cmd_parse("none") == CMD_NONE, "no command none");
	CHECK(cmd_parse(NULL) == CMD_NONE, "NULL command");
	CHECK_STR(cmd_name(CMD_OPEN_LINK_1 + 8), "open-link-9", "link 9");
	CHECK_STR(cmd_name(CMD_HALF_DOWN), "half-page-down", "half down");
	CHECK_STR(cmd_help(CMD_DOWN), "Move down", "help of down");
	CHECK_STR(cmd_help(CMD_FULL_ARTICLE),
	    "Fetch the full article from its web page", "full article");
}

/* Tab and C-i, Enter and C-m/C-j, Backspace and C-h/DEL, Escape. */
static void
test_aliases(void)
{
	struct keys	*k;

	k = keys_new();
	CHECK(keys_lookup(k, '\t') == CMD_NEXT_PANE, "0x09 is Tab");
	CHECK(keys_lookup(k, '\r') == CMD_OPEN, "CR is Enter");
	CHECK(keys_lookup(k, '\n') == CMD_OPEN, "LF is Enter");
	CHECK(keys_lookup(k, 0x7f) == CMD_BACK, "DEL is Backspace");
	CHECK(keys_lookup(k, 0x08) == CMD_BACK, "C-h is Backspace");
	/* An exact binding wins over the alias. */
	keys_bind(k, "C-h", "help", NULL);
	CHECK(keys_lookup(k, 0x08) == CMD_HELP, "C-h bound itself");
	CHECK(keys_lookup(k, KEYS_BACKSPACE) == CMD_BACK, "Backspace kept");
	keys_bind(k, "Escape", "quit", NULL);
	CHECK(keys_lookup(k, 0x1b) == CMD_QUIT, "ESC finds Escape");
	keys_bind(k, "C-m", "star", NULL);
	keys_unbind(k, "Enter", NULL);
	CHECK(keys_lookup(k, KEYS_ENTER) == CMD_STAR, "Enter finds C-m");
	keys_free(k);
}

int
main(void)
{
	test_defaults();
	test_names();
	test_bad_names();
	test_bind();
	test_messages();
	test_keys_of();
	test_commands();
	test_aliases();
	return test_exit("keys");
}
