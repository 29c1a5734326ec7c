/*
 * ui-article.c owns the article pane: the header (title, source, author,
 * date, link), the rendered text for the pane's width (rendered again when
 * the width changes), scrolling, the full article fetched from the web
 * page, which is kept in the cache, and what changed in an updated
 * article: the current text against one of its earlier versions, word by
 * word.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "txt.h"
#include "ui-int.h"
#include "xmalloc.h"

static void	 header_free(struct ui *);
static const char *feed_title(const struct ui *);
static void	 header_add(struct ui *, const char *, const char *);
static void	 diff_free(struct ui *);
static void	 diff_make(struct ui *);
static void	 changes_header(struct ui *);
static void	 render(struct ui *, int);
static int	 span_attr(const struct ui *, int);
static void	 line_draw(const struct ui *, int, int, int,
		    const struct render_line *);

static void
header_free(struct ui *ui)
{
	size_t	 i;

	for (i = 0; i < ui->nheader; i++)
		free(ui->header[i]);
	free(ui->header);
	ui->header = NULL;
	ui->nheader = 0;
}

/* The article's feed as the feeds pane names it (the list may rename). */
static const char *
feed_title(const struct ui *ui)
{
	size_t	 i;

	for (i = 0; ui->art.feed_url != NULL && i < ui->nfeeds; i++)
		if (strcmp(ui->feeds[i].url, ui->art.feed_url) == 0)
			return ui->feeds[i].title;
	return ui->art.feed_title != NULL ? ui->art.feed_title :
	    ui->art.feed_url;
}

/* A header line "Label: value", sanitised; nothing when value is NULL. */
static void
header_add(struct ui *ui, const char *label, const char *value)
{
	char	*line;

	if (value == NULL || *value == '\0')
		return;
	line = label != NULL ? xprintf("%s %s", label, value) :
	    xstrdup(value);
	ui->header = xreallocarray(ui->header, ui->nheader + 1,
	    sizeof *ui->header);
	ui->header[ui->nheader++] = txt_sanitize(line, strlen(line),
	    TXT_ONELINE);
	free(line);
}

static void
diff_free(struct ui *ui)
{
	revision_diff_free(ui->diff_title);
	revision_diff_free(ui->diff_text);
	ui->diff_title = ui->diff_text = NULL;
}

/* The differences from revs[rev - 1] to the current version. */
static void
diff_make(struct ui *ui)
{
	const struct store_revision	*r = &ui->revs[ui->rev - 1];
	const struct store_article	*a = &ui->art;
	struct revision_text		 old, cur;
	struct revision_diff		*df;
	char				*o, *n;

	diff_free(ui);
	old.title = r->title;
	old.summary = r->summary;
	old.summary_html = r->summary_html;
	old.content = r->content;
	old.content_html = r->content_html;
	cur.title = a->title;
	cur.summary = a->summary;
	cur.summary_html = a->summary_html;
	cur.content = a->content;
	cur.content_html = a->content_html;

	o = revision_visible(r->title, 0);
	n = revision_visible(a->title, 0);
	ui->diff_title = revision_diff(o, n);
	free(o);
	free(n);
	if (!ui->diff_title->changed) {
		revision_diff_free(ui->diff_title);
		ui->diff_title = NULL;
	}
	o = revision_body(&old);
	n = revision_body(&cur);
	ui->diff_text = revision_diff(o, n);
	free(o);
	free(n);
	/* The change may be in the summary, which the pane does not show. */
	if (ui->diff_title == NULL && !ui->diff_text->changed) {
		o = revision_visible(r->summary, r->summary_html);
		n = revision_visible(a->summary, a->summary_html);
		df = revision_diff(o, n);
		free(o);
		free(n);
		if (df->changed) {
			revision_diff_free(ui->diff_text);
			ui->diff_text = df;
		} else
			revision_diff_free(df);
	}
}

/* The header line that says which earlier version is compared. */
static void
changes_header(struct ui *ui)
{
	const struct store_revision	*r = &ui->revs[ui->rev - 1];
	char				 date[64], *line;

	items_format_date(date, sizeof date, r->replaced,
	    ui->conf->date_format ? ui->conf->date_format :
	    "%a %d %b %Y %H:%M");
	/*
	 * TRANSLATORS: %1$zu numbers an earlier version of the article
	 * (1 is the newest), %2$zu says how many are kept, %3$s is when
	 * a newer text replaced it.
	 */
	line = xprintf(ngettext("Changes since earlier version %1$zu of "
	    "%2$zu, replaced %3$s", "Changes since earlier version %1$zu of "
	    "%2$zu, replaced %3$s", ui->nrevs), ui->rev, ui->nrevs, date);
	header_add(ui, NULL, line);
	free(line);
	if (ui->diff_title == NULL && !ui->diff_text->changed)
		header_add(ui, NULL, _("(the words are the same; links or "
		    "images changed)"));
}

void
article_changes(struct ui *ui, enum cmd c)
{
	char	*cause = NULL;
	size_t	 rev = ui->rev;

	if (ui->art_id == 0) {
		ui_message(ui, 1, _("No article is open"));
		return;
	}
	if (ui->revs == NULL && store_revisions(ui->store, ui->art_id,
	    &ui->revs, &ui->nrevs, &cause) != 0) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
		return;
	}
	if (ui->nrevs == 0) {
		ui_message(ui, 0, _("This article has no earlier versions"));
		return;
	}
	switch (c) {
	case CMD_OLDER_REVISION:
		if (rev >= ui->nrevs) {
			ui_message(ui, 0, _("This is the oldest version kept"));
			return;
		}
		rev++;
		break;
	case CMD_NEWER_REVISION:
		if (rev == 0) {
			ui_message(ui, 0, _("This is the current version"));
			return;
		}
		rev--;
		break;
	default:
		rev = rev == 0 ? 1 : 0;
		break;
	}
	ui->rev = rev;
	article_open(ui, ui->art_id);
	ui->atop = 0;
}

void
article_close(struct ui *ui)
{
	store_revisions_free(ui->revs, ui->nrevs);
	ui->revs = NULL;
	ui->nrevs = 0;
	diff_free(ui);
	store_article_clear(&ui->art);
	render_free(ui->doc);
	ui->doc = NULL;
	header_free(ui);
	ui->art_id = 0;
	ui->atop = 0;
}

/* Renders the body for width columns. */
static void
render(struct ui *ui, int width)
{
	const struct store_article *a = &ui->art;
	const char	*text, *base;
	int		 html;

	render_free(ui->doc);
	ui->doc = NULL;
	ui->doc_width = width;
	base = a->link != NULL ? a->link : a->feed_link;
	if (ui->rev > 0 && ui->diff_text != NULL) {
		ui->doc = render_diff(ui->diff_title, ui->diff_text, width);
		return;
	}
	if (ui->show_full && a->fulltext != NULL) {
		ui->doc = render_html(a->fulltext, strlen(a->fulltext), base,
		    width);
		return;
	}
	if (a->content != NULL && *a->content != '\0') {
		text = a->content;
		html = a->content_html;
	} else {
		text = a->summary != NULL ? a->summary : "";
		html = a->summary_html;
	}
	ui->doc = html ? render_html(text, strlen(text), base, width) :
	    render_text(text, strlen(text), width);
}

void
article_open(struct ui *ui, int64_t id)
{
	char		 date[64], *cause = NULL;
	const char	*fmt;
	int		 same = id == ui->art_id;
	int64_t		 when;

	if (!same) {
		ui->show_full = 0;
		ui->rev = 0;
	}
	article_close(ui);
	if (store_article(ui->store, id, &ui->art, &cause) != 0) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
		return;
	}
	ui->art_id = id;
	/* A full article kept from before opens as it was left. */
	if (!same && ui->art.fulltext != NULL)
		ui->show_full = 1;
	header_add(ui, NULL, ui->art.title != NULL ? ui->art.title :
	    _("(no title)"));
	header_add(ui, _("Feed:"), feed_title(ui));
	header_add(ui, _("Author:"), ui->art.author);
	when = ui->art.published != FEED_NOTIME ? ui->art.published :
	    ui->art.updated != FEED_NOTIME ? ui->art.updated :
	    ui->art.first_seen;
	if ((fmt = ui->conf->date_format) == NULL)
		/* xgettext:no-c-format */
		/* TRANSLATORS: the article header's date, for strftime: %a
		   the abbreviated day, %d the day, %b the abbreviated month,
		   %Y the year, %H:%M the time; your language's order. */
		fmt = _("%a %d %b %Y %H:%M");
	items_format_date(date, sizeof date, when, fmt);
	header_add(ui, _("Date:"), date);
	if (ui->art.is_updated && ui->art.updated != FEED_NOTIME) {
		items_format_date(date, sizeof date, ui->art.updated, fmt);
		header_add(ui, _("Updated:"), date);
	}
	header_add(ui, _("Link:"), ui->art.link);
	if (ui->rev > 0 && store_revisions(ui->store, id, &ui->revs,
	    &ui->nrevs, &cause) != 0) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
		cause = NULL;
	}
	if (ui->rev > ui->nrevs)
		ui->rev = ui->nrevs;
	if (ui->rev > 0) {
		diff_make(ui);
		changes_header(ui);
	} else if (ui->show_full)
		header_add(ui, NULL, _("(the full article from its web page; "
		    "f shows the feed's text)"));
	ui->doc_width = 0;
	ui->dirty = 1;
}

/* The fetched page: its main content kept and shown. */
void
article_fulltext(struct ui *ui, const char *body, size_t len,
    const char *url)
{
	char	*html, *cause = NULL;
	int64_t	 id = ui->art_id;

	if ((html = render_extract(body, len, url, &cause)) == NULL) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
		return;
	}
	if (store_set_fulltext(ui->store, id, html, &cause) != 0) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
		free(html);
		return;
	}
	free(html);
	ui->show_full = 1;
	ui->rev = 0;
	/* Same id: article_open keeps show_full. */
	article_open(ui, id);
	ui_message(ui, 0, _("The full article is kept for reading offline"));
}

size_t
article_lines(const struct ui *ui)
{
	if (ui->art_id == 0)
		return 0;
	return ui->nheader + 1 + (ui->doc != NULL ? ui->doc->nlines : 0);
}

void
article_scroll(struct ui *ui, long n)
{
	size_t	 count = article_lines(ui);

	if (n < 0)
		ui->atop = (size_t)-n > ui->atop ? 0 : ui->atop - (size_t)-n;
	else
		ui->atop += (size_t)n;
	if (count == 0)
		ui->atop = 0;
	else if (ui->atop >= count)
		ui->atop = count - 1;
	ui->dirty = 1;
}

static int
span_attr(const struct ui *ui, int ra)
{
	int	 a = ui_color(ui, CONF_NORMAL);

	if (ra & RENDER_ADDED)
		a = ui_color(ui, CONF_DIFF_ADDED);
	else if (ra & RENDER_REMOVED)
		a = ui_color(ui, CONF_DIFF_REMOVED);
	else if (ra & RENDER_HEADING)
		a = ui_color(ui, CONF_HEADING);
	else if (ra & RENDER_LINK)
		a = ui_color(ui, CONF_LINK);
	else if (ra & RENDER_QUOTE)
		a = ui_color(ui, CONF_QUOTE);
	else if (ra & RENDER_DIM)
		a = ui_color(ui, CONF_DIM);
	if (ra & RENDER_BOLD)
		a |= A_BOLD;
	if (ra & RENDER_UNDERLINE)
		a |= A_UNDERLINE;
#ifdef A_ITALIC
	if (ra & RENDER_ITALIC)
		a |= A_ITALIC;
#endif
	return a;
}

/* Draws one rendered line in w columns, span by span, clipped. */
static void
line_draw(const struct ui *ui, int y, int x, int w,
    const struct render_line *l)
{
	size_t	 off = 0, end, fit, used, s = 0;
	int	 col = 0, a;

	while (off < l->len && col < w) {
		/* The plain run up to the next span, or the span itself. */
		if (s < l->nspans && l->spans[s].off <= off) {
			end = l->spans[s].off + l->spans[s].len;
			a = span_attr(ui, l->spans[s].attr);
			s++;
		} else {
			end = s < l->nspans ? l->spans[s].off : l->len;
			a = ui_color(ui, CONF_NORMAL);
		}
		if (end > l->len)
			end = l->len;
		if (end <= off)
			continue;
		fit = txt_fit(l->text + off, end - off, (size_t)(w - col),
		    &used);
		attrset(a);
		mvaddnstr(y, x + col, l->text + off, (int)fit);
		col += (int)used;
		if (fit < end - off)
			break;
		off = end;
	}
	attrset(A_NORMAL);
}

void
article_draw(struct ui *ui, const struct ui_rect *r, int focused)
{
	size_t	 i, n;
	int	 y, width;

	if (r->h <= 0 || r->w <= 0)
		return;
	ui_put(ui, r->y, r->x, r->w, ui->art_id != 0 ? _("Article") :
	    _("Article (none open)"), ui_color(ui, focused ?
	    CONF_BORDER_FOCUSED : CONF_TITLE));
	if (ui->art_id == 0)
		return;
	width = r->w - 2 > 10 ? r->w - 2 : 10;
	if (ui->doc == NULL || ui->doc_width != width)
		render(ui, width);
	n = article_lines(ui);
	if (ui->atop >= n)
		ui->atop = n > 0 ? n - 1 : 0;
	for (i = ui->atop, y = r->y + 1; i < n && y < r->y + r->h; i++, y++) {
		if (i < ui->nheader)
			ui_put(ui, y, r->x + 1, r->w - 1, ui->header[i],
			    ui_color(ui, i == 0 ? CONF_HEADING : CONF_DIM));
		else if (i > ui->nheader)
			line_draw(ui, y, r->x + 1, r->w - 1,
			    &ui->doc->lines[i - ui->nheader - 1]);
	}
}
