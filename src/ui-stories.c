/*
 * ui-stories.c owns the stories in the reader: the Stories entry's list
 * of active stories (latest first, with their counts), one story's
 * timeline across feeds with duplicates shown once beside their sources,
 * following a story (F), the articles new in followed stories that the
 * lists highlight and the status line counts, and marking a story read.
 * The data comes from store_* calls and track_group; no SQL here.
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

/* The stories list shows at most this many, the latest. */
#define STORIES_MAX	500

static int	 id_cmp(const void *, const void *);
static void	 data_free(struct ui *);
static char	*counts_text(const struct store_story *);
static const char *feed_name(const struct ui *,
		    const struct store_story_item *);
static void	 sources_name(struct ui *);

static int
id_cmp(const void *a, const void *b)
{
	int64_t	 x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

static void
data_free(struct ui *ui)
{
	store_stories_free(ui->stories, ui->nstories);
	ui->stories = NULL;
	ui->nstories = 0;
	track_entries_free(ui->sentries, ui->nsentries);
	ui->sentries = NULL;
	ui->nsentries = 0;
	store_story_items_free(ui->sitems, ui->nsitems);
	ui->sitems = NULL;
	ui->nsitems = 0;
}

void
storylist_free(struct ui *ui)
{
	data_free(ui);
	free(ui->story_label);
	ui->story_label = NULL;
	ui->story = 0;
	free(ui->fresh);
	ui->fresh = NULL;
	ui->nfresh = 0;
}

/* The articles new in followed stories; the Stories entry counts them. */
void
storylist_fresh_load(struct ui *ui)
{
	char	*cause = NULL;

	free(ui->fresh);
	if (store_story_fresh(ui->store, &ui->fresh, &ui->nfresh,
	    &cause) != 0) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
	}
}

/* Whether row i of the list is new in a followed story. */
int
storylist_is_fresh(const struct ui *ui, size_t i)
{
	if (ui->list_kind == LIST_STORY)
		return i < ui->nsentries && ui->sentries[i].fresh;
	if (ui->list_kind != LIST_ARTICLES || ui->nfresh == 0)
		return 0;
	return bsearch(&ui->rows[i].id, ui->fresh, ui->nfresh,
	    sizeof *ui->fresh, id_cmp) != NULL;
}

/* The sources of row i of a story's timeline, or NULL. */
const char *
storylist_source(const struct ui *ui, size_t i)
{
	if (ui->list_kind != LIST_STORY || i >= ui->nsentries)
		return NULL;
	return ui->sentries[i].sources;
}

/* An article's feed as the feeds pane names it (the list may rename). */
static const char *
feed_name(const struct ui *ui, const struct store_story_item *si)
{
	size_t	 i;

	for (i = 0; i < ui->nfeeds; i++)
		if (ui->feeds[i].sf != NULL && ui->feeds[i].sf->id ==
		    si->feed_id)
			return ui->feeds[i].title;
	return si->feed_title != NULL ? si->feed_title : "";
}

/*
 * The sources of each timeline entry by the feeds pane's names, each
 * once, sanitised for the screen.
 */
static void
sources_name(struct ui *ui)
{
	struct track_entry	*e;
	const char		**seen;
	const char		*name;
	struct buf		 b;
	size_t			 j, k, m, n, nseen;

	for (j = 0; j < ui->nsentries; j++) {
		e = &ui->sentries[j];
		seen = xcalloc(e->nids + 1, sizeof *seen);
		nseen = 0;
		buf_init(&b, BUF_NOLIMIT);
		for (k = 0; k < e->nids; k++) {
			for (n = 0; n < ui->nsitems &&
			    ui->sitems[n].id != e->ids[k]; n++)
				;
			if (n == ui->nsitems)
				continue;
			name = feed_name(ui, &ui->sitems[n]);
			for (m = 0; m < nseen && strcmp(seen[m], name) != 0;
			    m++)
				;
			if (m < nseen || *name == '\0')
				continue;
			seen[nseen++] = name;
			if (buf_len(&b) > 0)
				buf_adds(&b, ", ");
			buf_adds(&b, name);
		}
		free(e->sources);
		e->sources = txt_sanitize(buf_str(&b), buf_len(&b),
		    TXT_ONELINE);
		buf_free(&b);
		free(seen);
	}
}

/*
 * Loads the Stories entry's list: the stories, or the timeline of the
 * story open in it.  keep: the same list again, on the same row.
 */
void
storylist_load(struct ui *ui, int keep)
{
	static const struct store_story_query q = { 0, 2, STORIES_MAX };
	struct store_row	*rows;
	const struct store_story_item *si;
	char			*cause = NULL, *label;
	size_t			 i;
	int			 rc;

	data_free(ui);
	if (ui->story == 0) {
		/* No article beside a list of stories. */
		if (ui->list_kind != LIST_STORIES)
			article_close(ui);
		ui->list_kind = LIST_STORIES;
		rc = store_stories(ui->store, &q, &ui->stories, &ui->nstories,
		    &cause);
		rows = xcalloc(ui->nstories + 1, sizeof *rows);
		for (i = 0; i < ui->nstories; i++) {
			label = ui->stories[i].label;
			if (label != NULL) {
				ui->stories[i].label = txt_sanitize(label,
				    strlen(label), TXT_ONELINE);
				free(label);
			}
			rows[i].id = ui->stories[i].id;
			rows[i].date = ui->stories[i].latest;
			rows[i].read = ui->stories[i].unread == 0;
		}
		items_set_rows(ui, _("Stories"), rows, ui->nstories, keep);
	} else {
		ui->list_kind = LIST_STORY;
		rc = store_story_items(ui->store, ui->story, &ui->sitems,
		    &ui->nsitems, &cause);
		track_group(ui->sitems, ui->nsitems, &ui->sentries,
		    &ui->nsentries);
		sources_name(ui);
		rows = xcalloc(ui->nsentries + 1, sizeof *rows);
		for (i = 0; i < ui->nsentries; i++) {
			si = &ui->sitems[ui->sentries[i].item];
			rows[i].id = si->id;
			rows[i].date = si->time;
			rows[i].feed_id = si->feed_id;
			rows[i].read = (unsigned char)ui->sentries[i].read;
			rows[i].starred = (unsigned char)si->starred;
		}
		/* TRANSLATORS: the list's title; %s is the story's label. */
		label = xprintf(_("Story: %s"), ui->story_label != NULL ?
		    ui->story_label : "");
		items_set_rows(ui, label, rows, ui->nsentries, keep);
		free(label);
	}
	if (rc != 0) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
	}
}

/* Enter on a story: its timeline, in the list pane. */
void
storylist_open(struct ui *ui)
{
	const char	*label;

	if (ui->list_kind != LIST_STORIES || ui->lsel >= ui->nstories)
		return;
	ui->story = ui->stories[ui->lsel].id;
	label = ui->stories[ui->lsel].label;
	free(ui->story_label);
	ui->story_label = label != NULL ? txt_sanitize(label, strlen(label),
	    TXT_ONELINE) : NULL;
	storylist_load(ui, 0);
	if (ui->mode != MODE_SINGLE && ui->nrows > 0)
		article_open(ui, ui->rows[ui->lsel].id);
}

/* Back from a story's timeline to the stories; 0 when not in one. */
int
storylist_back(struct ui *ui)
{
	int64_t	 id = ui->story;
	size_t	 i;

	if (ui->list_kind != LIST_STORY)
		return 0;
	ui->story = 0;
	free(ui->story_label);
	ui->story_label = NULL;
	storylist_load(ui, 0);
	for (i = 0; i < ui->nrows; i++)
		if (ui->rows[i].id == id)
			ui->lsel = i;
	return 1;
}

/* F: follows or unfollows the selected story, or the article's story. */
void
storylist_follow(struct ui *ui)
{
	int64_t	 story = 0, item = 0;
	int	 followed = 0;
	char	*cause = NULL;

	if (ui->list_kind == LIST_STORIES && ui->focus != PANE_ARTICLE) {
		if (ui->lsel < ui->nstories) {
			story = ui->stories[ui->lsel].id;
			followed = ui->stories[ui->lsel].followed;
		}
	} else {
		if (ui->focus == PANE_ARTICLE && ui->art_id != 0)
			item = ui->art_id;
		else if (ui->lsel < ui->nrows && ui->list_kind != LIST_STORIES)
			item = ui->rows[ui->lsel].id;
		if (item != 0 && store_item_story(ui->store, item, &story,
		    &followed, &cause) != 0) {
			ui_message(ui, 1, "%s", cause);
			free(cause);
			return;
		}
	}
	if (story == 0) {
		ui_message(ui, 1, item != 0 ? _("The article is in no story") :
		    _("No story is selected"));
		return;
	}
	if (store_story_follow(ui->store, story, !followed, &cause) != 0) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
		return;
	}
	ui_message(ui, 0, followed ? _("No longer following the story") :
	    _("Following the story: new articles in it are marked +"));
	ui_stale(ui, 1);
}

/*
 * Sets the read mark of row i of a story list: all of a timeline entry's
 * duplicates, or all of a story's articles.  1 when it was such a row.
 */
int
storylist_set_read(struct ui *ui, size_t i, int read)
{
	const struct track_entry *e;
	char		*cause = NULL;
	int		 rc;

	if (i >= ui->nrows)
		return ui->list_kind != LIST_ARTICLES;
	if (ui->list_kind == LIST_STORY) {
		e = &ui->sentries[i];
		rc = store_set_read_many(ui->store, e->ids, e->nids, read,
		    &cause);
	} else if (ui->list_kind == LIST_STORIES)
		rc = store_story_set_read(ui->store, ui->rows[i].id, read,
		    &cause);
	else
		return 0;
	if (rc != 0) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
	} else {
		ui->rows[i].read = (unsigned char)read;
		ui_stale(ui, ui->list_kind == LIST_STORIES);
	}
	ui->dirty = 1;
	return 1;
}

/* A: every article of the story open, or of the selected story, read. */
void
storylist_mark_all(struct ui *ui)
{
	int64_t	 story;
	size_t	 n = 0, i;
	char	*cause = NULL;

	if (ui->list_kind == LIST_STORY) {
		story = ui->story;
		for (i = 0; i < ui->nsitems; i++)
			n += !ui->sitems[i].read;
	} else if (ui->lsel < ui->nstories) {
		story = ui->stories[ui->lsel].id;
		n = ui->stories[ui->lsel].unread;
	} else
		return;
	if (store_story_set_read(ui->store, story, 1, &cause) != 0) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
		return;
	}
	if (ui->list_kind == LIST_STORY)
		for (i = 0; i < ui->nrows; i++)
			ui->rows[i].read = 1;
	ui_message(ui, 0, ngettext("Marked %zu article read",
	    "Marked %zu articles read", n), n);
	ui_stale(ui, 1);
}

/* "5 articles, 3 sources, 2 new": what a story row ends with. */
static char *
counts_text(const struct store_story *st)
{
	struct buf	 b;

	buf_init(&b, BUF_NOLIMIT);
	buf_addf(&b, ngettext("%u article", "%u articles", st->articles),
	    st->articles);
	buf_adds(&b, ", ");
	buf_addf(&b, ngettext("%u source", "%u sources", st->sources),
	    st->sources);
	if (st->fresh > 0) {
		buf_adds(&b, ", ");
		/* TRANSLATORS: articles new in a followed story. */
		buf_addf(&b, ngettext("%u new", "%u new", st->fresh),
		    st->fresh);
	} else if (st->unread > 0) {
		buf_adds(&b, ", ");
		buf_addf(&b, ngettext("%u unread", "%u unread", st->unread),
		    st->unread);
	}
	return buf_detach(&b);
}

void
storylist_draw(struct ui *ui, const struct ui_rect *r, int focused)
{
	const struct store_story *st;
	char			 mark[8], *head, *counts;
	size_t			 i, rows;
	int			 y, x, a, cw;

	/* TRANSLATORS: the list's title line; %1$s is "Stories". */
	head = xprintf(ngettext("%1$s (%2$zu story)", "%1$s (%2$zu stories)",
	    ui->nstories), ui->list_title != NULL ? ui->list_title : "",
	    ui->nstories);
	ui_put(ui, r->y, r->x, r->w, head, ui_color(ui,
	    focused ? CONF_BORDER_FOCUSED : CONF_TITLE));
	free(head);
	rows = r->h > 1 ? (size_t)r->h - 1 : 0;
	if (rows == 0)
		return;
	if (ui->nstories == 0) {
		ui_put(ui, r->y + 1, r->x, r->w,
		    _("  No stories yet: they form as related articles come "
		    "in"), ui_color(ui, CONF_DIM));
		return;
	}
	if (ui->lsel < ui->ltop)
		ui->ltop = ui->lsel;
	if (ui->lsel >= ui->ltop + rows)
		ui->ltop = ui->lsel - rows + 1;
	for (i = ui->ltop, y = r->y + 1; i < ui->nstories &&
	    y < r->y + r->h; i++, y++) {
		st = &ui->stories[i];
		a = ui_color(ui, CONF_NORMAL);
		if (st->fresh > 0)
			a = ui_color(ui, CONF_STORY_NEW);
		else if (st->unread > 0)
			a = ui_color(ui, CONF_UNREAD);
		if (i == ui->lsel)
			a = ui_color(ui, focused ? CONF_SELECTED :
			    CONF_SELECTED_UNFOCUSED);
		/* Marks that read without colour: F followed, + new in it. */
		snprintf(mark, sizeof mark, "%c%c ", st->followed ? 'F' : ' ',
		    st->fresh > 0 ? '+' : st->unread > 0 ? 'N' : ' ');
		x = items_row_head(ui, r, y, mark, st->latest, 0, a);
		counts = counts_text(st);
		cw = (int)txt_width(counts, strlen(counts));
		if (x + cw + 12 > r->x + r->w)
			cw = 0;		/* too narrow: the label first */
		ui_put(ui, y, x, r->x + r->w - x - (cw > 0 ? cw + 1 : 0),
		    st->label != NULL ? st->label : _("(no title)"), a);
		if (cw > 0)
			ui_put(ui, y, r->x + r->w - cw, cw, counts, a);
		free(counts);
	}
}
