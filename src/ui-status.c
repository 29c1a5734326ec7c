/*
 * ui-status.c owns the bottom line and what covers the panes: the status
 * line (the list, its counts, refresh progress, the last message), the
 * prompt for searching and link numbers, the help screen generated from
 * the live key table, and the view of failed feeds and bad config lines.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "i18n.h"
#include "txt.h"
#include "ui-int.h"
#include "xmalloc.h"

struct oline {
	char		*text;
	enum conf_elem	 elem;
};

static size_t	 overlay_build(const struct ui *, struct oline **);
static void	 olines_free(struct oline *, size_t);
static void	 oline_add(struct oline **, size_t *, enum conf_elem,
		    char *);

void
status_draw(struct ui *ui)
{
	struct buf	 b;
	size_t		 unread;
	int		 y = ui->lines - 1, a;
	const char	*label;

	if (y < 0)
		return;
	buf_init(&b, BUF_NOLIMIT);
	if (ui->prompt != PROMPT_NONE) {
		/* TRANSLATORS: prompts on the status line; keep them short. */
		label = ui->prompt == PROMPT_SEARCH ? _("Search: ") :
		    _("Open link number: ");
		buf_adds(&b, label);
		buf_adds(&b, buf_str(ui->input));
		ui_put(ui, y, 0, ui->cols, buf_str(&b),
		    ui_color(ui, CONF_STATUS));
		move(y, (int)txt_width(buf_str(&b), buf_len(&b)) <
		    ui->cols ? (int)txt_width(buf_str(&b), buf_len(&b)) :
		    ui->cols - 1);
		curs_set(1);
		buf_free(&b);
		return;
	}
	curs_set(0);
	unread = items_unread(ui);
	if (ui->list_title != NULL) {
		/* TRANSLATORS: %1$s the feed or tag; counts of its list. */
		char	*line = ui_fit_name(ui, ui->cols / 2,
		    ngettext("%1$s: %2$zu unread of %3$zu",
		    "%1$s: %2$zu unread of %3$zu", unread), ui->list_title,
		    unread, items_total(ui));

		buf_adds(&b, line);
		free(line);
	}
	if (ui->nfresh > 0) {
		buf_adds(&b, "  ");
		/* TRANSLATORS: the status line; F follows a story. */
		buf_addf(&b, ngettext("%zu new in followed stories",
		    "%zu new in followed stories", ui->nfresh), ui->nfresh);
	}
	if (ui->upd != NULL && ui->refresh_feeds > 0) {
		buf_adds(&b, "  ");
		/* TRANSLATORS: refresh progress on the status line. */
		buf_addf(&b, ngettext("Refreshing: %1$u of %2$u feed",
		    "Refreshing: %1$u of %2$u feeds", ui->refresh_feeds),
		    ui->refresh_done, ui->refresh_feeds);
	}
	if (ui->fetching_id != 0) {
		buf_adds(&b, "  ");
		buf_adds(&b, _("Fetching the full article…"));
	}
	a = ui_color(ui, CONF_STATUS);
	ui_put(ui, y, 0, ui->cols, buf_str(&b), a);
	/* The message takes the right part, or all of it when long. */
	if (ui->message != NULL) {
		int	 mw = (int)txt_width(ui->message, strlen(ui->message));
		int	 lw = (int)txt_width(buf_str(&b), buf_len(&b));
		int	 x = lw + 2;

		if (x + mw > ui->cols)
			x = ui->cols - mw > 0 ? ui->cols - mw : 0;
		if (x < lw + 2 && lw + 2 < ui->cols / 2)
			x = lw + 2;
		ui_put(ui, y, x, ui->cols - x, ui->message,
		    ui->message_error ? ui_color(ui, CONF_ERROR) |
		    (int)A_REVERSE : a);
	}
	buf_free(&b);
}

static void
oline_add(struct oline **l, size_t *n, enum conf_elem e, char *text)
{
	*l = xreallocarray(*l, *n + 1, sizeof **l);
	(*l)[*n].text = text;
	(*l)[*n].elem = e;
	(*n)++;
}

static void
olines_free(struct oline *l, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(l[i].text);
	free(l);
}

/* The overlay's lines, made anew each time (the language may change). */
static size_t
overlay_build(const struct ui *ui, struct oline **out)
{
	struct oline		*l = NULL;
	const struct store_feed	*f;
	const char		**warn;
	struct buf		 b;
	char			 name[32];
	uint32_t		 k[8];
	size_t			 n = 0, i, nk, j, nwarn, nfail = 0;
	int			 c;

	if (ui->overlay == OVERLAY_HELP) {
		oline_add(&l, &n, CONF_HEADING, xstrdup(_("Keys (any other "
		    "key closes this help)")));
		oline_add(&l, &n, CONF_NORMAL, xstrdup(""));
		for (c = CMD_NONE + 1; c < CMD_COUNT; c++) {
			buf_init(&b, BUF_NOLIMIT);
			nk = keys_of(ui->conf->keys, (enum cmd)c, k, 8);
			for (j = 0; j < nk && j < 8; j++) {
				if (j > 0)
					buf_adds(&b, ", ");
				buf_adds(&b, keys_name(k[j], name,
				    sizeof name));
			}
			if (nk == 0)
				/* TRANSLATORS: a command with no key. */
				buf_adds(&b, _("(no key)"));
			while (txt_width(buf_str(&b), buf_len(&b)) < 20)
				buf_addc(&b, ' ');
			buf_addf(&b, " %s", cmd_help((enum cmd)c));
			oline_add(&l, &n, CONF_NORMAL, buf_detach(&b));
		}
		*out = l;
		return n;
	}
	oline_add(&l, &n, CONF_HEADING, xstrdup(_("Feeds that failed (any "
	    "other key closes this view)")));
	oline_add(&l, &n, CONF_NORMAL, xstrdup(""));
	for (i = 0; i < ui->nfeeds; i++) {
		f = ui->feeds[i].sf;
		if (f == NULL || (f->error == NULL && f->moved_to == NULL &&
		    !f->gone))
			continue;
		oline_add(&l, &n, CONF_FAILED, txt_sanitize(f->url,
		    strlen(f->url), TXT_ONELINE));
		if (f->error != NULL) {
			/* TRANSLATORS: %1$s the stage (fetch, parse, store). */
			char *s = xprintf(_("  %1$s: %2$s"),
			    f->error_stage != NULL ? _(f->error_stage) : "",
			    f->error);

			oline_add(&l, &n, CONF_NORMAL, txt_sanitize(s,
			    strlen(s), TXT_ONELINE));
			free(s);
			nfail++;
		}
		if (f->gone)
			oline_add(&l, &n, CONF_NORMAL, xstrdup(_("  gone "
			    "(HTTP 410): no longer fetched")));
		if (f->moved_to != NULL) {
			/* TRANSLATORS: %s is the feed's new URL. */
			char *s = xprintf(_("  moved permanently to %s"),
			    f->moved_to);

			oline_add(&l, &n, CONF_NORMAL, txt_sanitize(s,
			    strlen(s), TXT_ONELINE));
			free(s);
		}
	}
	if (nfail == 0)
		oline_add(&l, &n, CONF_DIM, xstrdup(_("  No feed failed")));
	nwarn = ui_warnings_get(&warn);
	if (nwarn > 0) {
		oline_add(&l, &n, CONF_NORMAL, xstrdup(""));
		oline_add(&l, &n, CONF_HEADING, xstrdup(_("Problems in the "
		    "config and the feed list")));
		for (i = 0; i < nwarn; i++)
			oline_add(&l, &n, CONF_NORMAL, xprintf("  %s",
			    warn[i]));
	}
	*out = l;
	return n;
}

size_t
overlay_lines(const struct ui *ui)
{
	struct oline	*l;
	size_t		 n;

	n = overlay_build(ui, &l);
	olines_free(l, n);
	return n;
}

/* The overlay covers the panes, leaving the status line. */
void
overlay_draw(struct ui *ui)
{
	struct oline	*l;
	size_t		 n, i;
	int		 y, h = ui->lines - 1;

	if (ui->overlay == OVERLAY_LANG) {
		lang_draw(ui);
		return;
	}
	n = overlay_build(ui, &l);
	if (ui->otop >= n)
		ui->otop = n > 0 ? n - 1 : 0;
	for (y = 0; y < h; y++)
		ui_fill(y, 0, ui->cols);
	for (i = ui->otop, y = 0; i < n && y < h; i++, y++)
		ui_put(ui, y, 1, ui->cols - 1, l[i].text,
		    ui_color(ui, l[i].elem));
	olines_free(l, n);
}

void
prompt_start(struct ui *ui, enum ui_prompt p)
{
	ui->prompt = p;
	buf_reset(ui->input);
	ui->dirty = 1;
}

/* A key while prompting: edit, Enter to act, Escape to cancel. */
void
prompt_key(struct ui *ui, uint32_t k)
{
	const char	*s;
	char		*end;
	unsigned long	 n;
	size_t		 len;

	ui->dirty = 1;
	switch (k) {
	case KEYS_ESCAPE:
	case 0x07:		/* C-g */
		ui->prompt = PROMPT_NONE;
		return;
	case KEYS_BACKSPACE:
		len = buf_len(ui->input);
		s = buf_str(ui->input);
		/* Back over one whole UTF-8 character. */
		while (len > 0 && ((unsigned char)s[len - 1] & 0xc0) == 0x80)
			len--;
		if (len > 0)
			len--;
		buf_truncate(ui->input, len);
		return;
	case 0x15:		/* C-u */
		buf_reset(ui->input);
		return;
	case KEYS_ENTER:
		break;
	default:
		if (k >= 0x20 && k < KEYS_UP && !txt_is_unsafe(k))
			txt_add_codepoint(ui->input, k);
		return;
	}
	s = buf_str(ui->input);
	if (ui->prompt == PROMPT_SEARCH) {
		ui->prompt = PROMPT_NONE;
		items_search(ui, s);
		return;
	}
	ui->prompt = PROMPT_NONE;
	n = strtoul(s, &end, 10);
	if (*s == '\0' || *end != '\0' || n == 0) {
		/* TRANSLATORS: %s is what the user typed. */
		ui_message(ui, 1, _("'%s' is not a link number"), s);
		return;
	}
	ui_open_link(ui, (size_t)n);
}
