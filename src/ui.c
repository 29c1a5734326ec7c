/*
 * ui.c owns the reader's terminal and its loop: curses set-up and
 * teardown (also on signals and fatal errors), colours, the layout of the
 * panes, the event loop that waits on the keyboard and the transfers at
 * once, and the commands keys are bound to.  The panes draw themselves in
 * ui-feeds.c, ui-items.c, ui-article.c and ui-status.c.
 */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "cli.h"
#include "i18n.h"
#include "launch.h"
#include "log.h"
#include "paths.h"
#include "txt.h"
#include "ui.h"
#include "ui-int.h"
#include "xmalloc.h"

/* Feeds finished in a refresh are shown at most this often. */
#define UI_RELOAD_MS	300
/* How often the reader looks for feeds due to be fetched. */
#define UI_DUE_MS	60000
/* Pane sizes never go below these. */
#define UI_MIN_FEEDS	14
#define UI_MIN_LIST	20

#if defined(__SANITIZE_ADDRESS__)
#define UI_SANITIZED	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UI_SANITIZED	1
#endif
#endif

static volatile sig_atomic_t ui_signal;
static int	 ui_curses;		/* curses owns the terminal */

static void	 on_signal(int);
static void	 on_crash(int);
static void	 signals_set(void);
static void	 curses_start(struct ui *);
static void	 curses_end(void);
static void	 colors_start(struct ui *);
static void	 layout(struct ui *);
static void	 draw(struct ui *);
static uint32_t	 key_from_curses(int, wint_t);
static void	 key(struct ui *, uint32_t);
static void	 command(struct ui *, enum cmd);
static void	 move_by(struct ui *, long, int);
static void	 open_selection(struct ui *);
static void	 back(struct ui *);
static void	 next_pane(struct ui *, int);
static void	 resize_pane(struct ui *, int);
static void	 refresh_start(struct ui *, int);
static struct due_bounds bounds(const struct ui *);
static void	 refresh_due(struct ui *);
static int	 transfers_start(struct ui *);
static void	 refresh_progress(void *, const char *);
static void	 refresh_finish(struct ui *);
static void	 reload(struct ui *);
static void	 page_done(void *, const char *, size_t, const char *);
static void	 warn_collect(void *, const char *);
static void	 loop(struct ui *, int);
static char	*name_format(const char *, const char *, size_t, size_t);

static int	 ui_pair[CONF_NELEM];
static int	 ui_attr[CONF_NELEM];

/* Problems found before the screen was ours: list and config lines. */
static char	**ui_warnings;
static size_t	 ui_nwarnings;

static void
on_signal(int sig)
{
	ui_signal = sig;
}

/* A crash still gives the terminal back before the core. */
static void
on_crash(int sig)
{
	if (ui_curses)
		endwin();
	signal(sig, SIG_DFL);
	raise(sig);
}

/*
 * Ours are set before initscr, so curses keeps them: the loop sees the
 * flag and leaves through the normal teardown.  Ctrl-Z (SIGTSTP) stays
 * with curses, which gives the terminal back and takes it again.
 */
static void
signals_set(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
#ifndef UI_SANITIZED
	sa.sa_handler = on_crash;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
	sigaction(SIGABRT, &sa, NULL);
#else
	(void)on_crash;
#endif
}

static void
curses_end(void)
{
	if (ui_curses) {
		ui_curses = 0;
		endwin();
	}
}

static void
curses_start(struct ui *ui)
{
	if (getenv("ESCDELAY") == NULL)
		set_escdelay(25);
	initscr();
	ui_curses = 1;
	log_set_fatal_hook(curses_end);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	curs_set(0);
	colors_start(ui);
}

/* Colour pairs from the config; without colour, attributes only. */
static void
colors_start(struct ui *ui)
{
	const struct conf_color	*c;
	int			 i, color, a;

	color = ui->conf->color && has_colors();
	if (color) {
		start_color();
		use_default_colors();
	}
	for (i = 0; i < CONF_NELEM; i++) {
		c = &ui->conf->colors[i];
		a = 0;
		if (c->attr & CONF_A_BOLD)
			a |= A_BOLD;
		if (c->attr & CONF_A_UNDERLINE)
			a |= A_UNDERLINE;
		if (c->attr & CONF_A_REVERSE)
			a |= A_REVERSE;
		if (c->attr & CONF_A_DIM)
			a |= A_DIM;
#ifdef A_ITALIC
		if (c->attr & CONF_A_ITALIC)
			a |= A_ITALIC;
#endif
		ui_attr[i] = a;
		ui_pair[i] = 0;
		if (color && (c->fg >= 0 || c->bg >= 0) &&
		    c->fg < COLORS && c->bg < COLORS && i + 1 < COLOR_PAIRS) {
			init_pair((short)(i + 1), (short)c->fg, (short)c->bg);
			ui_pair[i] = i + 1;
		}
	}
	/* Without colour, selections must still be seen. */
	if (!color) {
		ui_attr[CONF_SELECTED] |= A_REVERSE;
		ui_attr[CONF_STATUS] |= A_REVERSE;
	}
}

int
ui_color(const struct ui *ui, enum conf_elem e)
{
	(void)ui;
	return ui_attr[e] | COLOR_PAIR(ui_pair[e]);
}

/* Writes sanitised s at y, x in exactly w columns with attributes a. */
void
ui_put(const struct ui *ui, int y, int x, int w, const char *s, int a)
{
	char	*t;

	if (w <= 0)
		return;
	t = txt_trunc(s != NULL ? s : "", (size_t)w, 1, ui->ascii);
	attrset(a);
	mvaddstr(y, x, t);
	attrset(A_NORMAL);
	free(t);
}

/*
 * A line made of a translated format whose first argument is a name and
 * whose others are counts: when it is wider than w, the name is cut, so
 * the counts stay on the screen whatever the language's words take.
 * fmt takes the name as %1$s and two counts as %2$zu and %3$zu.
 */
char *
ui_fit_name(const struct ui *ui, int w, const char *fmt, const char *name,
    size_t a, size_t b)
{
	char	*line, *cut;
	size_t	 lw, rest;

	line = name_format(fmt, name, a, b);
	lw = txt_width(line, strlen(line));
	if (w <= 0 || lw <= (size_t)w)
		return line;
	rest = lw - txt_width(name, strlen(name));
	free(line);
	cut = txt_trunc(name, rest + 4 < (size_t)w ? (size_t)w - rest : 4, 0,
	    ui->ascii);
	line = name_format(fmt, cut, a, b);
	free(cut);
	return line;
}

/* The format is a translation, checked against the English by msgfmt. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static char *
name_format(const char *fmt, const char *name, size_t a, size_t b)
{
	return xprintf(fmt, name, a, b);
}
#pragma GCC diagnostic pop

/* Blanks w columns at y, x. */
void
ui_fill(int y, int x, int w)
{
	if (w > 0)
		mvhline(y, x, ' ', w);
}

int64_t
ui_now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
ui_message(struct ui *ui, int error, const char *fmt, ...)
{
	va_list	 ap;
	char	*raw;

	va_start(ap, fmt);
	if (vasprintf(&raw, fmt, ap) == -1)
		fatal("vasprintf");
	va_end(ap);
	free(ui->message);
	ui->message = txt_sanitize(raw, strlen(raw), TXT_ONELINE);
	ui->message_error = error;
	free(raw);
	ui->dirty = 1;
}

/* Where each pane is, by the terminal's size and the config. */
static void
layout(struct ui *ui)
{
	struct conf	*c = ui->conf;
	struct ui_rect	*p = ui->pane;
	int		 h, fw, lw, lh, rest;

	getmaxyx(stdscr, ui->lines, ui->cols);
	h = ui->lines - 1;
	if (h < 1)
		h = 1;
	switch (c->layout) {
	case CONF_LAYOUT_COLUMNS:
		ui->mode = MODE_COLUMNS;
		break;
	case CONF_LAYOUT_ROWS:
		ui->mode = MODE_ROWS;
		break;
	case CONF_LAYOUT_SINGLE:
		ui->mode = MODE_SINGLE;
		break;
	default:
		if (ui->cols < 80)
			ui->mode = MODE_SINGLE;
		else if (ui->cols < 140)
			ui->mode = MODE_ROWS;
		else
			ui->mode = MODE_COLUMNS;
		break;
	}
	memset(p, 0, sizeof ui->pane);
	if (ui->mode == MODE_SINGLE) {
		p[ui->focus] = (struct ui_rect){ 0, 0, h, ui->cols };
		return;
	}
	fw = ui->cols * c->feeds_width / 100;
	if (fw < UI_MIN_FEEDS)
		fw = UI_MIN_FEEDS;
	rest = ui->cols - fw - 1;
	p[PANE_FEEDS] = (struct ui_rect){ 0, 0, h, fw };
	if (ui->mode == MODE_COLUMNS) {
		lw = rest * c->list_width / 100;
		if (lw < UI_MIN_LIST)
			lw = UI_MIN_LIST;
		p[PANE_LIST] = (struct ui_rect){ 0, fw + 1, h, lw };
		p[PANE_ARTICLE] = (struct ui_rect){ 0, fw + lw + 2, h,
		    rest - lw - 1 };
	} else {
		lh = h * c->list_height / 100;
		if (lh < 3)
			lh = 3;
		p[PANE_LIST] = (struct ui_rect){ 0, fw + 1, lh, rest };
		p[PANE_ARTICLE] = (struct ui_rect){ lh, fw + 1, h - lh, rest };
	}
}

static void
draw(struct ui *ui)
{
	struct ui_rect	*p = ui->pane;
	int		 y, h = ui->lines - 1;

	erase();
	if (ui->mode == MODE_SINGLE) {
		switch (ui->focus) {
		case PANE_FEEDS:
			feeds_draw(ui, &p[PANE_FEEDS], 1);
			break;
		case PANE_LIST:
			items_draw(ui, &p[PANE_LIST], 1);
			break;
		default:
			article_draw(ui, &p[PANE_ARTICLE], 1);
			break;
		}
	} else {
		feeds_draw(ui, &p[PANE_FEEDS], ui->focus == PANE_FEEDS);
		items_draw(ui, &p[PANE_LIST], ui->focus == PANE_LIST);
		article_draw(ui, &p[PANE_ARTICLE], ui->focus == PANE_ARTICLE);
		attrset(ui_color(ui, CONF_BORDER));
		for (y = 0; y < h; y++) {
			mvaddstr(y, p[PANE_LIST].x - 1, ui->ascii ? "|" : "│");
			if (ui->mode == MODE_COLUMNS)
				mvaddstr(y, p[PANE_ARTICLE].x - 1,
				    ui->ascii ? "|" : "│");
		}
		attrset(A_NORMAL);
	}
	status_draw(ui);
	if (ui->overlay != OVERLAY_NONE)
		overlay_draw(ui);
	refresh();
	ui->dirty = 0;
}

static uint32_t
key_from_curses(int r, wint_t wc)
{
	if (r == KEY_CODE_YES) {
		if (wc >= KEY_F(1) && wc <= KEY_F(12))
			return KEYS_F1 + (uint32_t)(wc - KEY_F(1));
		switch (wc) {
		case KEY_UP:
			return KEYS_UP;
		case KEY_DOWN:
			return KEYS_DOWN;
		case KEY_LEFT:
			return KEYS_LEFT;
		case KEY_RIGHT:
			return KEYS_RIGHT;
		case KEY_PPAGE:
			return KEYS_PGUP;
		case KEY_NPAGE:
			return KEYS_PGDN;
		case KEY_HOME:
			return KEYS_HOME;
		case KEY_END:
			return KEYS_END;
		case KEY_ENTER:
			return KEYS_ENTER;
		case KEY_BTAB:
			return KEYS_BTAB;
		case KEY_BACKSPACE:
			return KEYS_BACKSPACE;
		case KEY_DC:
			return KEYS_DELETE;
		default:
			return KEYS_NONE;
		}
	}
	switch (wc) {
	case '\r':
	case '\n':
		return KEYS_ENTER;
	case '\t':
		return KEYS_TAB;
	case 0x7f:
	case 0x08:
		return KEYS_BACKSPACE;
	case 0x1b:
		return KEYS_ESCAPE;
	default:
		return (uint32_t)wc;
	}
}

/* A key: to the prompt, the overlay, or the command it is bound to. */
static void
key(struct ui *ui, uint32_t k)
{
	enum cmd	 c;

	if (ui->prompt != PROMPT_NONE) {
		prompt_key(ui, k);
		return;
	}
	if (ui->overlay == OVERLAY_LANG) {
		lang_key(ui, k);
		return;
	}
	c = keys_lookup(ui->conf->keys, k);
	if (ui->overlay != OVERLAY_NONE) {
		switch (c) {
		case CMD_UP:
		case CMD_DOWN:
		case CMD_PAGE_UP:
		case CMD_PAGE_DOWN:
		case CMD_HALF_UP:
		case CMD_HALF_DOWN:
		case CMD_TOP:
		case CMD_BOTTOM:
		case CMD_REDRAW:
			command(ui, c);
			return;
		case CMD_QUIT:
		case CMD_BACK:
		case CMD_HELP:
		case CMD_ERRORS:
		default:
			ui->overlay = OVERLAY_NONE;
			ui->dirty = 1;
			return;
		}
	}
	if (c == CMD_NONE) {
		char	 name[32];

		/* TRANSLATORS: %s names a key, e.g. "x" or "F7". */
		ui_message(ui, 0, _("%s is not bound to anything: ? shows the "
		    "keys"), keys_name(k, name, sizeof name));
		return;
	}
	command(ui, c);
}

/* Moves the selection (or the view) of the focused pane by n rows. */
static void
move_by(struct ui *ui, long n, int absolute)
{
	size_t	 count, cur, to;

	if (ui->overlay != OVERLAY_NONE) {
		count = overlay_lines(ui);
		cur = ui->otop;
	} else if (ui->focus == PANE_FEEDS) {
		count = ui->nentries;
		cur = ui->fsel;
	} else if (ui->focus == PANE_LIST) {
		count = ui->nrows;
		cur = ui->lsel;
	} else {
		count = article_lines(ui);
		cur = ui->atop;
	}
	if (count == 0)
		return;
	if (absolute)
		to = n < 0 ? count - 1 : 0;
	else if (n < 0)
		to = (size_t)-n > cur ? 0 : cur - (size_t)-n;
	else
		to = cur + (size_t)n >= count ? count - 1 : cur + (size_t)n;
	if (ui->overlay != OVERLAY_NONE)
		ui->otop = to;
	else if (ui->focus == PANE_FEEDS)
		feeds_select(ui, to);
	else if (ui->focus == PANE_LIST)
		items_select(ui, to);
	else
		article_scroll(ui, (long)to - (long)cur);
	ui->dirty = 1;
}

static void
open_selection(struct ui *ui)
{
	switch (ui->focus) {
	case PANE_FEEDS:
		items_load(ui, 0);
		ui->focus = PANE_LIST;
		break;
	case PANE_LIST:
		if (ui->nrows == 0)
			return;
		if (ui->list_kind == LIST_STORIES) {
			storylist_open(ui);
			break;
		}
		items_set_read(ui, ui->lsel, 1);
		article_open(ui, ui->rows[ui->lsel].id);
		ui->focus = PANE_ARTICLE;
		break;
	default:
		return;
	}
	layout(ui);
	ui->dirty = 1;
}

static void
back(struct ui *ui)
{
	if (ui->focus == PANE_FEEDS)
		return;
	/* From a story's timeline, back to the stories. */
	if (ui->focus == PANE_LIST && storylist_back(ui)) {
		ui->dirty = 1;
		return;
	}
	ui->focus = ui->focus == PANE_ARTICLE ? PANE_LIST : PANE_FEEDS;
	layout(ui);
	ui->dirty = 1;
}

static void
next_pane(struct ui *ui, int dir)
{
	ui->focus = (enum ui_pane)((ui->focus + PANE_COUNT + dir) %
	    PANE_COUNT);
	if (ui->focus == PANE_LIST && !ui->list_loaded)
		items_load(ui, 0);
	layout(ui);
	ui->dirty = 1;
}

/* Grows (dir 1) or shrinks the focused pane by 5 percent. */
static void
resize_pane(struct ui *ui, int dir)
{
	struct conf	*c = ui->conf;
	int		*v, lo, hi;

	if (ui->mode == MODE_SINGLE)
		return;
	if (ui->focus == PANE_FEEDS) {
		v = &c->feeds_width;
		lo = 10;
		hi = 60;
	} else if (ui->mode == MODE_ROWS) {
		v = &c->list_height;
		lo = 10;
		hi = 90;
		if (ui->focus == PANE_ARTICLE)
			dir = -dir;
	} else {
		v = &c->list_width;
		lo = 10;
		hi = 80;
		if (ui->focus == PANE_ARTICLE)
			dir = -dir;
	}
	*v += 5 * dir;
	if (*v < lo)
		*v = lo;
	if (*v > hi)
		*v = hi;
	layout(ui);
	ui->dirty = 1;
}

/* Opens link n (1-based; 0 is the article's own) in the browser. */
void
ui_open_link(struct ui *ui, size_t n)
{
	const char	*url;
	char		*cause = NULL;
	int		 rc;

	if (ui->art_id == 0) {
		ui_message(ui, 1, _("No article is open"));
		return;
	}
	if (n == 0)
		url = ui->art.link;
	else if (ui->doc != NULL && n <= ui->doc->nlinks)
		url = ui->doc->links[n - 1];
	else {
		/* TRANSLATORS: %zu is a link number the user asked for. */
		ui_message(ui, 1, _("The article has no link %zu"), n);
		return;
	}
	if (url == NULL) {
		ui_message(ui, 1, _("The article has no link"));
		return;
	}
	def_prog_mode();
	endwin();
	rc = launch_browser(ui->conf->browser, url, &cause);
	reset_prog_mode();
	clearok(stdscr, TRUE);
	if (rc != 0) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
	} else
		/* TRANSLATORS: %s is a URL. */
		ui_message(ui, 0, _("Opened %s"), url);
}

static void
command(struct ui *ui, enum cmd c)
{
	int	 page;

	page = ui->focus == PANE_ARTICLE ? ui->pane[PANE_ARTICLE].h - 2 :
	    ui->pane[ui->focus].h - 2;
	if (ui->overlay != OVERLAY_NONE)
		page = ui->lines - 3;
	if (page < 1)
		page = 1;
	switch (c) {
	case CMD_UP:
		move_by(ui, -1, 0);
		break;
	case CMD_DOWN:
		move_by(ui, 1, 0);
		break;
	case CMD_PAGE_UP:
		move_by(ui, -page, 0);
		break;
	case CMD_PAGE_DOWN:
		move_by(ui, page, 0);
		break;
	case CMD_HALF_UP:
		move_by(ui, -(page + 1) / 2, 0);
		break;
	case CMD_HALF_DOWN:
		move_by(ui, (page + 1) / 2, 0);
		break;
	case CMD_TOP:
		move_by(ui, 0, 1);
		break;
	case CMD_BOTTOM:
		move_by(ui, -1, 1);
		break;
	case CMD_NEXT_PANE:
		next_pane(ui, 1);
		break;
	case CMD_PREV_PANE:
		next_pane(ui, -1);
		break;
	case CMD_OPEN:
		open_selection(ui);
		break;
	case CMD_BACK:
		back(ui);
		break;
	case CMD_NEXT_UNREAD:
	case CMD_PREV_UNREAD:
		if (items_next_unread(ui, c == CMD_NEXT_UNREAD ? 1 : -1)) {
			items_set_read(ui, ui->lsel, 1);
			article_open(ui, ui->rows[ui->lsel].id);
			if (ui->mode == MODE_SINGLE) {
				ui->focus = PANE_ARTICLE;
				layout(ui);
			}
		} else
			ui_message(ui, 0, _("No unread articles"));
		ui->dirty = 1;
		break;
	case CMD_TOGGLE_READ:
		if (ui->nrows > 0)
			items_set_read(ui, ui->lsel,
			    !ui->rows[ui->lsel].read);
		break;
	case CMD_MARK_ALL_READ:
		items_set_read(ui, SIZE_MAX, 1);
		break;
	case CMD_STAR:
		/* A row of the stories list is a story, not an article. */
		if (ui->list_kind == LIST_STORIES)
			ui_message(ui, 1, _("Open the story to star one of "
			    "its articles"));
		else if (ui->nrows > 0) {
			struct store_row *r = &ui->rows[ui->lsel];
			char		 *cause = NULL;

			if (store_set_starred(ui->store, r->id, !r->starred,
			    &cause) != 0) {
				ui_message(ui, 1, "%s", cause);
				free(cause);
			} else {
				r->starred = !r->starred;
				ui_message(ui, 0, r->starred ?
				    _("Star added") : _("Star removed"));
			}
		}
		break;
	case CMD_FOLLOW:
		storylist_follow(ui);
		break;
	case CMD_REFRESH:
		refresh_start(ui, 0);
		break;
	case CMD_REFRESH_ALL:
		refresh_start(ui, 1);
		break;
	case CMD_SEARCH:
		prompt_start(ui, PROMPT_SEARCH);
		break;
	case CMD_OPEN_BROWSER:
		ui_open_link(ui, 0);
		break;
	case CMD_OPEN_LINK:
		if (ui->art_id == 0)
			ui_message(ui, 1, _("No article is open"));
		else
			prompt_start(ui, PROMPT_LINK);
		break;
	case CMD_OPEN_LINK_1:
	case CMD_OPEN_LINK_2:
	case CMD_OPEN_LINK_3:
	case CMD_OPEN_LINK_4:
	case CMD_OPEN_LINK_5:
	case CMD_OPEN_LINK_6:
	case CMD_OPEN_LINK_7:
	case CMD_OPEN_LINK_8:
	case CMD_OPEN_LINK_9:
		ui_open_link(ui, (size_t)(c - CMD_OPEN_LINK_1) + 1);
		break;
	case CMD_FULL_ARTICLE:
		if (ui->art_id == 0)
			ui_message(ui, 1, _("No article is open"));
		else if (ui->art.fulltext != NULL) {
			/* Out of a difference, to the article's text. */
			ui->rev = 0;
			ui->show_full = !ui->show_full;
			article_open(ui, ui->art_id);
		} else if (ui->art.link == NULL)
			ui_message(ui, 1, _("The article has no link"));
		else
			ui_fetch_page(ui, ui->art_id, ui->art.link);
		break;
	case CMD_SHOW_CHANGES:
	case CMD_OLDER_REVISION:
	case CMD_NEWER_REVISION:
		article_changes(ui, c);
		break;
	case CMD_ERRORS:
		ui->overlay = OVERLAY_ERRORS;
		ui->otop = 0;
		ui->dirty = 1;
		break;
	case CMD_GROW:
		resize_pane(ui, 1);
		break;
	case CMD_SHRINK:
		resize_pane(ui, -1);
		break;
	case CMD_REDRAW:
		clearok(stdscr, TRUE);
		ui->dirty = 1;
		break;
	case CMD_LANGUAGE:
		lang_open(ui);
		break;
	case CMD_HELP:
		ui->overlay = OVERLAY_HELP;
		ui->otop = 0;
		ui->dirty = 1;
		break;
	case CMD_QUIT:
		ui->quit = 1;
		break;
	case CMD_NONE:
	case CMD_COUNT:
		break;
	}
}

/* r: the feeds of the selected entry; R: every feed in the list. */
static void
refresh_start(struct ui *ui, int all)
{
	size_t	*idx = NULL, n, i, nids;
	int64_t	*ids = NULL;

	if (all) {
		idx = xreallocarray(NULL, ui->nfeeds + 1, sizeof *idx);
		for (i = 0; i < ui->nfeeds; i++)
			idx[i] = i;
		n = ui->nfeeds;
	} else
		n = feeds_of_entry(ui, ui->fsel, &ids, &nids, &idx);
	if (n == 0)
		ui_message(ui, 0, _("No feeds to refresh here"));
	else
		ui_refresh_feeds(ui, idx, n);
	free(ids);
	free(idx);
}

/* The refresh that feeds and pages join; 0, or -1 after saying why. */
static int
transfers_start(struct ui *ui)
{
	struct update_policy	 pol;
	char			*cause = NULL;

	if (ui->upd != NULL)
		return 0;
	if ((ui->upd = update_new(ui->store, &ui->conf->limits,
	    &cause)) == NULL) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
		return -1;
	}
	update_set_progress(ui->upd, refresh_progress, ui);
	memset(&pol, 0, sizeof pol);
	pol.track = ui->track;
	pol.bounds = bounds(ui);
	update_set_policy(ui->upd, &pol);
	ui->refresh_feeds = ui->refresh_done = 0;
	return 0;
}

/* The config's bounds of a feed's poll interval. */
static struct due_bounds
bounds(const struct ui *ui)
{
	struct due_bounds	 b;

	b.min = (int64_t)ui->conf->reload_min * 60;
	b.max = (int64_t)ui->conf->reload_max * 60;
	return b;
}

/*
 * The background refresh: feeds never fetched, and those whose adaptive
 * interval has passed (at start with refresh-on-start, then every
 * UI_DUE_MS).  r and R fetch at once, due or not.
 */
static void
refresh_due(struct ui *ui)
{
	struct due_bounds	 b = bounds(ui);
	const struct store_feed	*sf;
	size_t			*idx, i, n = 0;
	int64_t			 now = (int64_t)time(NULL);

	ui->due_checked = ui_now_ms();
	idx = xreallocarray(NULL, ui->nfeeds + 1, sizeof *idx);
	for (i = 0; i < ui->nfeeds; i++) {
		sf = ui->feeds[i].sf;
		if (sf == NULL || (!sf->gone && due_now(sf->checked,
		    sf->next_due, now, &b)))
			idx[n++] = i;
	}
	if (n > 0)
		ui_refresh_feeds(ui, idx, n);
	free(idx);
}

/* Queues feeds (indexes into ui->feeds) on the running refresh. */
void
ui_refresh_feeds(struct ui *ui, const size_t *idx, size_t n)
{
	size_t	 i;

	if (transfers_start(ui) != 0)
		return;
	for (i = 0; i < n; i++) {
		update_add(ui->upd, ui->feeds[idx[i]].url, 1, 0);
		ui->refresh_feeds++;
	}
	ui->dirty = 1;
}

/* A feed is done: show it soon, not at once (see UI_RELOAD_MS). */
static void
refresh_progress(void *ud, const char *url)
{
	struct ui	*ui = ud;

	(void)url;
	ui->refresh_done++;
	ui_stale(ui, 1);
}

/*
 * The cache changed under the panes: reload the counts soon (see
 * UI_RELOAD_MS), and the list too when articles came or went (a mark is
 * already in the list's rows).
 */
void
ui_stale(struct ui *ui, int list)
{
	if (!ui->stale)
		ui->stale_since = ui_now_ms();
	ui->stale = 1;
	if (list)
		ui->stale_list = 1;
	ui->dirty = 1;
}

static void
refresh_finish(struct ui *ui)
{
	const struct update_summary *s = update_summary(ui->upd);
	size_t		 i;

	reload(ui);
	if (ui->refresh_feeds == 0) {
		/* Only a web page was fetched: nothing to say. */
	} else if (s->nfailures > 0)
		/* TRANSLATORS: a refresh's outcome; E opens the error view. */
		ui_message(ui, 1, ngettext("Refresh done: %1$u new, %2$zu "
		    "feed failed (E shows why)", "Refresh done: %1$u new, "
		    "%2$zu feeds failed (E shows why)", s->nfailures),
		    s->new_items, s->nfailures);
	else
		ui_message(ui, 0, ngettext("Refresh done: %u new article",
		    "Refresh done: %u new articles", s->new_items),
		    s->new_items);
	for (i = 0; i < s->nmoved; i++)
		log_debug("moved: %s", s->moved[i]);
	update_free(ui->upd);
	ui->upd = NULL;
}

/* Counts and lists again, keeping the selections. */
static void
reload(struct ui *ui)
{
	feeds_load(ui);
	if (ui->list_loaded && ui->stale_list)
		items_load(ui, 1);
	ui->stale = ui->stale_list = 0;
	ui->dirty = 1;
}

struct page_req {
	struct ui	*ui;
	int64_t		 id;
	char		*url;
};

/* f: the web page behind an article, fetched in the loop. */
void
ui_fetch_page(struct ui *ui, int64_t id, const char *url)
{
	struct page_req	*req;

	if (ui->fetching_id != 0) {
		ui_message(ui, 0, _("A full article is already on its way"));
		return;
	}
	if (transfers_start(ui) != 0)
		return;
	req = xcalloc(1, sizeof *req);
	req->ui = ui;
	req->id = id;
	req->url = xstrdup(url);
	ui->fetching_id = id;
	update_add_page(ui->upd, url, page_done, req);
	/* TRANSLATORS: %s is the article's web address. */
	ui_message(ui, 0, _("Fetching the full article from %s"), url);
}

static void
page_done(void *ud, const char *body, size_t len, const char *error)
{
	struct page_req	*req = ud;
	struct ui	*ui = req->ui;

	ui->fetching_id = 0;
	if (body == NULL)
		ui_message(ui, 1, "%s", error);
	else if (ui->art_id == req->id)
		article_fulltext(ui, body, len, req->url);
	else {
		char	*html, *cause = NULL;

		html = render_extract(body, len, req->url, &cause);
		if (html == NULL || store_set_fulltext(ui->store, req->id,
		    html, &cause) != 0)
			ui_message(ui, 1, "%s", cause);
		free(html);
		free(cause);
	}
	free(req->url);
	free(req);
}

static void
warn_collect(void *ud, const char *msg)
{
	(void)ud;
	ui_warnings = xreallocarray(ui_warnings, ui_nwarnings + 1,
	    sizeof *ui_warnings);
	ui_warnings[ui_nwarnings++] = txt_sanitize(msg, strlen(msg),
	    TXT_ONELINE);
}

/*
 * The problems of the config and the feed list, found again in the
 * language spoken now (after L); the files are only read.
 */
void
ui_warnings_reload(struct ui *ui)
{
	struct conf	 scratch;
	struct urls	*l;
	char		*cause = NULL;
	size_t		 i;

	for (i = 0; i < ui_nwarnings; i++)
		free(ui_warnings[i]);
	ui_nwarnings = 0;
	conf_init(&scratch);
	(void)conf_load(&scratch, ui->config_path, 0, warn_collect, NULL);
	conf_free(&scratch);
	l = urls_load(ui->urls_path, !ui->urls_given, warn_collect, NULL,
	    &cause);
	urls_free(l);
	free(cause);
}

/* The problems found in the feed list and the config (error view). */
size_t
ui_warnings_get(const char ***lines)
{
	*lines = (const char **)ui_warnings;
	return ui_nwarnings;
}

static void
loop(struct ui *ui, int bench)
{
	struct pollfd	 pfd;
	wint_t		 wc;
	int		 r, timeout;
	int64_t		 now;

	while (!ui->quit) {
		if (ui_signal != 0) {
			log_debug("signal %d: leaving", (int)ui_signal);
			break;
		}
		if (ui->dirty)
			draw(ui);
		if (bench)
			break;
		/* The first screen is up: now the rest of its list. */
		if (ui->list_partial)
			items_load(ui, 1);
		timeout = ui->stale ? UI_RELOAD_MS / 3 : 1000;
		if (ui->upd != NULL) {
			if (update_step(ui->upd, ui->stale ? timeout : 250,
			    STDIN_FILENO) == 0 && ui->fetching_id == 0)
				refresh_finish(ui);
		} else {
			pfd.fd = STDIN_FILENO;
			pfd.events = POLLIN;
			if (poll(&pfd, 1, timeout) == 1 &&
			    (pfd.revents & (POLLHUP | POLLERR | POLLNVAL)) &&
			    !(pfd.revents & POLLIN)) {
				/* The terminal is gone. */
				break;
			}
		}
		while ((r = get_wch(&wc)) != ERR) {
			if (r == KEY_CODE_YES && wc == KEY_RESIZE) {
				layout(ui);
				ui->dirty = 1;
				continue;
			}
			key(ui, key_from_curses(r, wc));
			if (ui->quit)
				break;
		}
		now = ui_now_ms();
		if (ui->stale && now - ui->stale_since >= UI_RELOAD_MS)
			reload(ui);
		if (ui->upd == NULL && now - ui->due_checked >= UI_DUE_MS)
			refresh_due(ui);
	}
}

int
ui_main(const struct ui_options *opt)
{
	struct conf	 conf;
	struct ui	 ui;
	struct buf	 input;
	struct cli_env	 env;
	const char	*codeset;
	char		*cause = NULL;
	size_t		 i, *fresh, nfresh = 0;
	int		 rc = EXIT_OK;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, _("tidings: the reader needs a terminal; "
		    "see 'tidings --help' for the commands that work without "
		    "one\n"));
		return EXIT_ERR;
	}
	memset(&ui, 0, sizeof ui);
	codeset = nl_langinfo(CODESET);
	ui.ascii = codeset == NULL || strcmp(codeset, "UTF-8") != 0;

	conf_init(&conf);
	if (conf_load(&conf, opt->config, opt->config_given, warn_collect,
	    NULL) < 0 && opt->config_given) {
		fprintf(stderr, "tidings: %s\n", ui_warnings[0]);
		rc = EXIT_ERR;
		goto out;
	}
	ui.conf = &conf;
	ui.config_path = opt->config;
	ui.urls_path = opt->urls;
	ui.urls_given = opt->urls_given;

	memset(&env, 0, sizeof env);
	env.urls = (char *)opt->urls;
	env.urls_given = opt->urls_given;
	env.cache = (char *)opt->cache;
	/* On failure it said why; the list is then empty. */
	(void)cli_first_start(&env);
	ui.list = urls_load(opt->urls, !opt->urls_given, warn_collect, NULL,
	    &cause);
	if (ui.list == NULL) {
		fprintf(stderr, "tidings: %s\n", cause);
		free(cause);
		rc = EXIT_ERR;
		goto out;
	}
	if ((ui.store = cli_open_cache(&env)) == NULL) {
		rc = EXIT_ERR;
		goto out;
	}
	store_set_revisions(ui.store, (unsigned)conf.revisions);
	buf_init(&input, 1024);
	ui.input = &input;

	signals_set();
	curses_start(&ui);
	layout(&ui);
	feeds_load(&ui);
	/* The list of the first entry with articles is shown at once. */
	ui.list_first = 1;
	items_load(&ui, 0);
	if (ui_nwarnings > 0)
		ui_message(&ui, 1, ngettext("%zu problem in the config or "
		    "the feed list (E shows it)", "%zu problems in the config "
		    "or the feed list (E shows them)", ui_nwarnings),
		    ui_nwarnings);
	/* The stories engine is loaded at the first new article. */
	if (conf.stories)
		ui.track = track_new();
	/*
	 * Feeds never fetched are fetched now; with refresh-on-start also
	 * those due by their interval.  Then the loop looks every minute.
	 */
	fresh = xreallocarray(NULL, ui.nfeeds + 1, sizeof *fresh);
	for (i = 0; i < ui.nfeeds; i++)
		if (ui.feeds[i].sf == NULL ||
		    ui.feeds[i].sf->checked == FEED_NOTIME)
			fresh[nfresh++] = i;
	ui.due_checked = ui_now_ms();
	if (!opt->bench_startup && conf.refresh_on_start)
		refresh_due(&ui);
	else if (!opt->bench_startup && nfresh > 0)
		ui_refresh_feeds(&ui, fresh, nfresh);
	free(fresh);
	ui.dirty = 1;
	loop(&ui, opt->bench_startup);

	curses_end();
	if (ui_signal == SIGINT || ui_signal == SIGTERM || ui_signal == SIGHUP)
		rc = 128 + (int)ui_signal;
	update_free(ui.upd);
	article_close(&ui);
	items_free(&ui);
	storylist_free(&ui);
	feeds_free(&ui);
	track_free(ui.track);
	free(ui.message);
	buf_free(&input);
	store_close(ui.store);
out:
	urls_free(ui.list);
	conf_free(&conf);
	for (i = 0; i < ui_nwarnings; i++)
		free(ui_warnings[i]);
	free(ui_warnings);
	ui_warnings = NULL;
	ui_nwarnings = 0;
	return rc;
}
