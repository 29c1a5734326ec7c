/*
 * ui-items.c owns the article list: the compact rows of the selected feed,
 * tag or search, titles fetched only for the rows on screen (so 100,000
 * articles cost a few megabytes), read marks written as they happen, and
 * next/previous unread across feeds.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "txt.h"
#include "ui-int.h"
#include "xmalloc.h"

static void	 titles_free(struct ui *);
static const char *row_title(struct ui *, size_t);
static const char *row_source(const struct ui *, const struct store_row *);

static void
titles_free(struct ui *ui)
{
	size_t	 i;

	if (ui->titles == NULL)
		return;
	for (i = 0; i < ui->nrows; i++)
		free(ui->titles[i]);
	free(ui->titles);
	ui->titles = NULL;
}

void
items_free(struct ui *ui)
{
	titles_free(ui);
	free(ui->rows);
	ui->rows = NULL;
	ui->nrows = 0;
	free(ui->list_title);
	ui->list_title = NULL;
	free(ui->search);
	ui->search = NULL;
	ui->list_loaded = 0;
}

/*
 * Replaces the rows (taking them) and the list's title (sanitised here);
 * keep: stay on the same row if it is there.
 */
void
items_set_rows(struct ui *ui, const char *title, struct store_row *rows,
    size_t n, int keep)
{
	int64_t	 id = 0;
	size_t	 i;

	free(ui->list_title);
	ui->list_title = txt_sanitize(title, strlen(title), TXT_ONELINE);

	if (keep && ui->lsel < ui->nrows)
		id = ui->rows[ui->lsel].id;
	titles_free(ui);
	free(ui->rows);
	ui->rows = rows;
	ui->nrows = n;
	ui->titles = xcalloc(n + 1, sizeof *ui->titles);
	ui->list_loaded = 1;
	ui->lsel = 0;
	if (id != 0) {
		for (i = 0; i < n; i++)
			if (rows[i].id == id) {
				ui->lsel = i;
				break;
			}
	} else
		ui->ltop = 0;
	if (ui->ltop > ui->lsel)
		ui->ltop = ui->lsel;
	ui->dirty = 1;
}

/*
 * Loads the list of the selected entry; keep: the same list again (after
 * a refresh), on the same article, and a search stays a search.
 */
void
items_load(struct ui *ui, int keep)
{
	struct store_filter	 q;
	struct store_row	*rows = NULL;
	const struct ui_entry	*e;
	int64_t			*ids;
	size_t			*idx, n = 0, nids, nidx, k;
	char			*cause = NULL, *search = NULL;
	const char		*title;
	int			 first = ui->list_first;

	ui->list_first = ui->list_partial = 0;
	if (ui->nentries == 0)
		return;
	if (!keep) {
		free(ui->search);
		ui->search = NULL;
	}
	memset(&q, 0, sizeof q);
	e = &ui->entries[ui->fsel];
	if (!keep)
		ui->story = 0;
	if (ui->search == NULL && e->kind == ENTRY_STORIES) {
		storylist_load(ui, keep);
		return;
	}
	ui->list_kind = LIST_ARTICLES;
	/* Searches and stars cover every feed of the list. */
	if (ui->search != NULL || e->kind == ENTRY_STARRED)
		nidx = feeds_of_entry(ui, 1, &ids, &nids, &idx);
	else
		nidx = feeds_of_entry(ui, ui->fsel, &ids, &nids, &idx);
	q.feeds = ids;
	q.nfeeds = nids;
	q.search = ui->search;
	q.starred = ui->search == NULL && e->kind == ENTRY_STARRED;
	/* The counts of a feed, tag or all of them are the feeds' own. */
	if (first && ui->search == NULL && (e->kind == ENTRY_ALL ||
	    e->kind == ENTRY_TAG || e->kind == ENTRY_FEED))
		q.limit = LINES > 0 ? (size_t)LINES : 1;
	if (nids > 0 && store_rows(ui->store, &q, &rows, &n, &cause) != 0) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
	}
	if (q.limit > 0 && n == q.limit) {
		ui->list_partial = 1;
		ui->list_total = ui->list_unread = 0;
		for (k = 0; k < nidx; k++)
			if (ui->feeds[idx[k]].sf != NULL) {
				ui->list_total += ui->feeds[idx[k]].sf->total;
				ui->list_unread += ui->feeds[idx[k]].sf->unread;
			}
	}
	free(ids);
	free(idx);
	if (ui->search != NULL) {
		/* TRANSLATORS: the list's title; %s is what was searched. */
		title = search = xprintf(_("Search: %s"), ui->search);
	} else
		title = feeds_label(ui, ui->fsel);
	items_set_rows(ui, title, rows, n, keep);
	free(search);
	/* Beside the list, the selected article is shown at once. */
	if (ui->mode != MODE_SINGLE && ui->nrows > 0 &&
	    (!keep || ui->art_id == 0))
		article_open(ui, ui->rows[ui->lsel].id);
}

/* /: every article of the list's feeds whose text holds term. */
void
items_search(struct ui *ui, const char *term)
{
	char	*clean;

	clean = txt_sanitize(term, strlen(term), TXT_ONELINE);
	if (*clean == '\0') {
		free(clean);
		return;
	}
	free(ui->search);
	ui->search = clean;
	items_load(ui, 1);
	ui->lsel = ui->ltop = 0;
	ui->focus = PANE_LIST;
	ui_message(ui, 0, ngettext("%zu article found", "%zu articles found",
	    ui->nrows), ui->nrows);
}

void
items_select(struct ui *ui, size_t i)
{
	if (i >= ui->nrows)
		return;
	ui->lsel = i;
	/* Beside the list, the article follows the selection. */
	if (ui->mode != MODE_SINGLE && ui->list_kind != LIST_STORIES)
		article_open(ui, ui->rows[i].id);
	ui->dirty = 1;
}

/* Sets the read mark of row i, or of every row (SIZE_MAX), at once. */
void
items_set_read(struct ui *ui, size_t i, int read)
{
	int64_t	*ids;
	size_t	 k, n = 0;
	char	*cause = NULL;

	if (ui->nrows == 0)
		return;
	/* A story's rows stand for several articles each. */
	if (i == SIZE_MAX && ui->list_kind != LIST_ARTICLES) {
		storylist_mark_all(ui);
		return;
	}
	if (storylist_set_read(ui, i, read))
		return;
	ids = xreallocarray(NULL, ui->nrows, sizeof *ids);
	for (k = i == SIZE_MAX ? 0 : i; k < ui->nrows; k++) {
		if (ui->rows[k].read != read)
			ids[n++] = ui->rows[k].id;
		if (i != SIZE_MAX)
			break;
	}
	if (n > 0 && store_set_read_many(ui->store, ids, n, read,
	    &cause) != 0) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
	} else if (n > 0) {
		for (k = i == SIZE_MAX ? 0 : i; k < ui->nrows; k++) {
			ui->rows[k].read = (unsigned char)read;
			if (i != SIZE_MAX)
				break;
		}
		if (i == SIZE_MAX)
			ui_message(ui, 0, ngettext("Marked %zu article read",
			    "Marked %zu articles read", n), n);
		/* The counts in the feeds pane, soon. */
		ui_stale(ui, 0);
	}
	free(ids);
	ui->dirty = 1;
}

/*
 * Selects the next (dir 1) or previous unread article: in this list,
 * then in the following feeds of the feeds pane.  1 when one was found.
 */
int
items_next_unread(struct ui *ui, int dir)
{
	size_t	 i, f, k;

	if (!ui->list_loaded)
		items_load(ui, 0);
	/* The selected article first: beside the list it shows unread. */
	if (ui->list_kind != LIST_STORIES && ui->nrows > 0 &&
	    !ui->rows[ui->lsel].read)
		return 1;
	/* Unsigned steps: going back past 0 wraps to beyond the end. */
	for (i = ui->lsel + (size_t)dir; ui->list_kind != LIST_STORIES &&
	    i < ui->nrows; i += (size_t)dir)
		if (!ui->rows[i].read) {
			ui->lsel = i;
			return 1;
		}
	for (f = ui->fsel + (size_t)dir; f < ui->nentries; f += (size_t)dir) {
		if (ui->entries[f].kind != ENTRY_FEED ||
		    ui->entries[f].unread == 0)
			continue;
		ui->fsel = f;
		items_load(ui, 0);
		for (i = 0; i < ui->nrows; i++) {
			k = dir > 0 ? i : ui->nrows - 1 - i;
			if (!ui->rows[k].read) {
				ui->lsel = k;
				return 1;
			}
		}
	}
	return 0;
}

/*
 * A list date: the time today, else day and month, else the year too, in
 * the interface language's order and names; fmt (date-format) wins.
 */
void
items_format_date(char *out, size_t len, int64_t t, const char *fmt)
{
	struct tm	 tm, now;
	time_t		 tt = (time_t)t, nt = time(NULL);

	out[0] = '\0';
	if (t == FEED_NOTIME || localtime_r(&tt, &tm) == NULL)
		return;
	localtime_r(&nt, &now);
	if (fmt == NULL) {
		if (tm.tm_year == now.tm_year && tm.tm_yday == now.tm_yday)
			/* xgettext:no-c-format */
			/* TRANSLATORS: a list date of today, for strftime:
			   the time only.  At most 6 columns. */
			fmt = _("%H:%M");
		else if (tm.tm_year == now.tm_year)
			/* xgettext:no-c-format */
			/* TRANSLATORS: a list date of this year, for
			   strftime: %d the day, %b the abbreviated month,
			   in your language's order ("%b %d", "%d. %b").
			   At most 8 columns. */
			fmt = _("%d %b");
		else
			fmt = "%Y-%m-%d";
	}
	i18n_strftime(out, len, fmt, &tm);
}

/*
 * Draws the start of a list row at line y: its marks (a column each, and
 * a space) and its date, at least dcol wide, when there is room.  Returns
 * the column after them.
 */
int
items_row_head(const struct ui *ui, const struct ui_rect *r, int y,
    const char *mark, int64_t t, int dcol, int a)
{
	char	 date[64];
	int	 mw = (int)strlen(mark), x = r->x + mw, dw;

	ui_put(ui, y, r->x, mw, mark, a);
	items_format_date(date, sizeof date, t, ui->conf->date_format);
	dw = (int)txt_width(date, strlen(date));
	if (dw < dcol)
		dw = dcol;
	if (dw < 6)
		dw = 6;
	if (x + dw + 1 < r->x + r->w) {
		ui_put(ui, y, x, dw + 1, date, a);
		x += dw + 1;
	}
	return x;
}

/* Unread rows of the list, for its title and the status line. */
size_t
items_unread(const struct ui *ui)
{
	size_t	 i, n = 0;

	if (ui->list_partial)
		return ui->list_unread;
	for (i = 0; i < ui->nrows; i++)
		n += !ui->rows[i].read;
	return n;
}

/* Rows of the list, also while only the first screen is loaded. */
size_t
items_total(const struct ui *ui)
{
	return ui->list_partial ? ui->list_total : ui->nrows;
}

static const char *
row_title(struct ui *ui, size_t i)
{
	char	*t = NULL, *cause = NULL;

	if (ui->titles[i] != NULL)
		return ui->titles[i];
	if (store_item_title(ui->store, ui->rows[i].id, &t, &cause) != 0)
		free(cause);
	if (t == NULL || *t == '\0') {
		free(t);
		t = xstrdup(_("(no title)"));
	}
	ui->titles[i] = txt_sanitize(t, strlen(t), TXT_ONELINE);
	free(t);
	return ui->titles[i];
}

static const char *
row_source(const struct ui *ui, const struct store_row *r)
{
	size_t	 i;

	/* Lists hold few feeds or the feeds are few: a scan will do. */
	for (i = 0; i < ui->nfeeds; i++)
		if (ui->feeds[i].sf != NULL && ui->feeds[i].sf->id ==
		    r->feed_id)
			return ui->feeds[i].title;
	return "";
}

void
items_draw(struct ui *ui, const struct ui_rect *r, int focused)
{
	const struct store_row	*row;
	char			 mark[8], *head;
	const char		*src;
	size_t			 i, rows, nunread = 0;
	char			 date[64];
	int			 y, x, a, dw, dcol, sw, single, fresh;

	if (r->h <= 0 || r->w <= 0)
		return;
	if (ui->list_kind == LIST_STORIES) {
		storylist_draw(ui, r, focused);
		return;
	}
	nunread = items_unread(ui);
	/* TRANSLATORS: the list's title line; %1$s the feed or tag. */
	head = ui_fit_name(ui, r->w, ngettext("%1$s (%2$zu unread)",
	    "%1$s (%2$zu unread)", nunread), ui->list_title != NULL ?
	    ui->list_title : "", nunread, 0);
	ui_put(ui, r->y, r->x, r->w, head, ui_color(ui,
	    focused ? CONF_BORDER_FOCUSED : CONF_TITLE));
	free(head);
	rows = r->h > 1 ? (size_t)r->h - 1 : 0;
	if (rows == 0)
		return;
	if (ui->nrows == 0) {
		ui_put(ui, r->y + 1, r->x, r->w, _("  No articles"),
		    ui_color(ui, CONF_DIM));
		return;
	}
	if (ui->lsel < ui->ltop)
		ui->ltop = ui->lsel;
	if (ui->lsel >= ui->ltop + rows)
		ui->ltop = ui->lsel - rows + 1;
	/* One feed's list needs no source column. */
	single = ui->search == NULL &&
	    ui->entries[ui->fsel].kind == ENTRY_FEED;
	/* The date column is as wide as the widest date shown. */
	dcol = 6;
	for (i = ui->ltop; i < ui->nrows && i < ui->ltop + rows; i++) {
		items_format_date(date, sizeof date, ui->rows[i].date,
		    ui->conf->date_format);
		dw = (int)txt_width(date, strlen(date));
		if (dw > dcol)
			dcol = dw;
	}
	if (dcol > r->w / 3)
		dcol = r->w / 3;
	for (i = ui->ltop, y = r->y + 1; i < ui->nrows && y < r->y + r->h;
	    i++, y++) {
		row = &ui->rows[i];
		fresh = storylist_is_fresh(ui, i);
		a = ui_color(ui, CONF_NORMAL);
		if (fresh)
			a = ui_color(ui, CONF_STORY_NEW);
		else if (row->starred)
			a = ui_color(ui, CONF_STARRED);
		else if (row->updated && !row->read)
			a = ui_color(ui, CONF_UPDATED);
		else if (!row->read)
			a = ui_color(ui, CONF_UNREAD);
		if (i == ui->lsel)
			a = ui_color(ui, focused ? CONF_SELECTED :
			    CONF_SELECTED_UNFOCUSED);
		/*
		 * Marks that read without colour, each in its own column, as
		 * `tidings list` has them: N unread (+ when new in a followed
		 * story), U updated, * starred.
		 */
		snprintf(mark, sizeof mark, "%c%c%c ", fresh ? '+' :
		    !row->read ? 'N' : ' ', row->updated ? 'U' : ' ',
		    row->starred ? '*' : ' ');
		x = items_row_head(ui, r, y, mark, row->date, dcol, a);
		sw = single ? 0 : r->w / 5;
		if (sw > 18)
			sw = 18;
		if (sw >= 6 && x + sw + 10 < r->x + r->w) {
			src = storylist_source(ui, i);
			ui_put(ui, y, x, sw, src != NULL ? src :
			    row_source(ui, row), a);
			x += sw + 1;
		}
		ui_put(ui, y, x, r->x + r->w - x, row_title(ui, i), a);
	}
}
