/*
 * ui-feeds.c owns the feeds pane: the feed list joined with what the cache
 * knows (titles, counts, failures), grouped by tag, with the Stories,
 * All and Starred entries on top; and which feeds an entry stands for.
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

static int	 sfeed_cmp(const void *, const void *);
static const struct store_feed *sfeed_find(const struct ui *, const char *);
static struct ui_entry *entry_add(struct ui_entry **, size_t *, size_t *,
		    enum ui_entry_kind, const char *, size_t);
static void	 entry_count(struct ui_entry *, const struct ui_feed *);
static int	 entry_same(const struct ui_entry *, const struct ui_entry *);

static int
sfeed_cmp(const void *a, const void *b)
{
	return strcmp(((const struct store_feed *)a)->url,
	    ((const struct store_feed *)b)->url);
}

static const struct store_feed *
sfeed_find(const struct ui *ui, const char *url)
{
	struct store_feed	 key;

	if (ui->nsfeeds == 0)
		return NULL;
	key.url = (char *)url;
	return bsearch(&key, ui->sfeeds, ui->nsfeeds, sizeof *ui->sfeeds,
	    sfeed_cmp);
}

static struct ui_entry *
entry_add(struct ui_entry **es, size_t *n, size_t *cap,
    enum ui_entry_kind kind, const char *name, size_t feed)
{
	struct ui_entry	*e;

	if (*n == *cap) {
		*cap = *cap == 0 ? 64 : *cap * 2;
		*es = xreallocarray(*es, *cap, sizeof **es);
	}
	e = &(*es)[(*n)++];
	memset(e, 0, sizeof *e);
	e->kind = kind;
	e->name = name;
	e->feed = feed;
	return e;
}

static void
entry_count(struct ui_entry *e, const struct ui_feed *f)
{
	if (f->sf == NULL)
		return;
	e->unread += f->sf->unread;
	if (f->sf->error != NULL)
		e->failed = 1;
}

/* Whether two entries stand for the same thing (across reloads). */
static int
entry_same(const struct ui_entry *a, const struct ui_entry *b)
{
	if (a->kind != b->kind)
		return 0;
	if (a->kind == ENTRY_TAG)
		return strcmp(a->name, b->name) == 0;
	if (a->kind == ENTRY_FEED)
		return a->feed == b->feed;
	return 1;
}

void
feeds_load(struct ui *ui)
{
	struct ui_entry	*es = NULL, *e, old;
	struct ui_feed	*f;
	const char	**tags = NULL;
	size_t		 n = 0, cap = 0, ntags = 0, i, j, t;
	char		*cause = NULL;
	const char	*title;
	int		 had = ui->nentries > 0;

	if (had)
		old = ui->entries[ui->fsel];
	feeds_free(ui);
	if (store_feeds(ui->store, &ui->sfeeds, &ui->nsfeeds, &cause) != 0) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
	}
	if (ui->nsfeeds > 1)
		qsort(ui->sfeeds, ui->nsfeeds, sizeof *ui->sfeeds, sfeed_cmp);

	ui->nfeeds = ui->list->n;
	ui->feeds = xcalloc(ui->nfeeds + 1, sizeof *ui->feeds);
	for (i = 0; i < ui->nfeeds; i++) {
		f = &ui->feeds[i];
		f->url = ui->list->entries[i].url;
		f->sf = sfeed_find(ui, f->url);
		title = ui->list->entries[i].title;
		if (title == NULL && f->sf != NULL)
			title = f->sf->title;
		if (title == NULL || *title == '\0')
			title = f->url;
		f->title = txt_sanitize(title, strlen(title), TXT_ONELINE);
	}

	/* The Stories entry counts the articles new in followed stories. */
	storylist_fresh_load(ui);
	e = entry_add(&es, &n, &cap, ENTRY_STORIES, NULL, 0);
	e->unread = (unsigned)ui->nfresh;
	e = entry_add(&es, &n, &cap, ENTRY_ALL, NULL, 0);
	for (i = 0; i < ui->nfeeds; i++)
		entry_count(e, &ui->feeds[i]);
	e->failed = 0;
	entry_add(&es, &n, &cap, ENTRY_STARRED, NULL, 0);

	/* Tags in the order the list first names them. */
	for (i = 0; i < ui->list->n; i++) {
		for (t = 0; t < ui->list->entries[i].ntags; t++) {
			const char *tag = ui->list->entries[i].tags[t];

			for (j = 0; j < ntags; j++)
				if (strcmp(tags[j], tag) == 0)
					break;
			if (j == ntags) {
				tags = xreallocarray(tags, ntags + 1,
				    sizeof *tags);
				tags[ntags++] = tag;
			}
		}
	}
	for (j = 0; j < ntags; j++) {
		size_t	 at = n;

		entry_add(&es, &n, &cap, ENTRY_TAG, tags[j], 0);
		for (i = 0; i < ui->list->n; i++) {
			for (t = 0; t < ui->list->entries[i].ntags; t++)
				if (strcmp(ui->list->entries[i].tags[t],
				    tags[j]) == 0)
					break;
			if (t == ui->list->entries[i].ntags)
				continue;
			e = entry_add(&es, &n, &cap, ENTRY_FEED,
			    ui->feeds[i].title, i);
			entry_count(e, &ui->feeds[i]);
			entry_count(&es[at], &ui->feeds[i]);
		}
	}
	for (i = 0; i < ui->list->n; i++) {
		if (ui->list->entries[i].ntags > 0)
			continue;
		e = entry_add(&es, &n, &cap, ENTRY_FEED, ui->feeds[i].title,
		    i);
		entry_count(e, &ui->feeds[i]);
	}
	free(tags);
	ui->entries = es;
	ui->nentries = n;

	/* Keep the selection on the same entry; else the All entry. */
	ui->fsel = 1;
	/* A tag's name points into the list, which stays. */
	for (i = 0; had && i < n; i++)
		if (entry_same(&es[i], &old)) {
			ui->fsel = i;
			break;
		}
	if (ui->ftop > ui->fsel)
		ui->ftop = ui->fsel;
	ui->dirty = 1;
}

void
feeds_free(struct ui *ui)
{
	size_t	 i;

	for (i = 0; i < ui->nfeeds; i++)
		free(ui->feeds[i].title);
	free(ui->feeds);
	ui->feeds = NULL;
	ui->nfeeds = 0;
	free(ui->entries);
	ui->entries = NULL;
	ui->nentries = 0;
	store_feeds_free(ui->sfeeds, ui->nsfeeds);
	ui->sfeeds = NULL;
	ui->nsfeeds = 0;
}

void
feeds_select(struct ui *ui, size_t i)
{
	if (i >= ui->nentries)
		return;
	if (i != ui->fsel) {
		ui->fsel = i;
		/* In columns the list follows the selection at once. */
		if (ui->mode != MODE_SINGLE)
			items_load(ui, 0);
		else
			ui->list_loaded = 0;
	}
	ui->dirty = 1;
}

/*
 * The feeds entry i stands for: the store ids of those in the cache in
 * *ids (*nids of them), and the indexes into ui->feeds of all in *idx.
 * Both allocated.  Returns the number of indexes.
 */
size_t
feeds_of_entry(const struct ui *ui, size_t i, int64_t **ids, size_t *nids,
    size_t **idx)
{
	const struct ui_entry	*e = &ui->entries[i];
	size_t			 n = 0, k, t, nid = 0;
	const struct urls_entry	*ue;

	*ids = xreallocarray(NULL, ui->nfeeds + 1, sizeof **ids);
	*idx = xreallocarray(NULL, ui->nfeeds + 1, sizeof **idx);
	for (k = 0; k < ui->nfeeds; k++) {
		ue = &ui->list->entries[k];
		switch (e->kind) {
		case ENTRY_FEED:
			if (k != e->feed)
				continue;
			break;
		case ENTRY_TAG:
			for (t = 0; t < ue->ntags; t++)
				if (strcmp(ue->tags[t], e->name) == 0)
					break;
			if (t == ue->ntags)
				continue;
			break;
		case ENTRY_STORIES:
			continue;
		default:
			break;
		}
		(*idx)[n++] = k;
		if (ui->feeds[k].sf != NULL)
			(*ids)[nid++] = ui->feeds[k].sf->id;
	}
	*nids = nid;
	return n;
}

/* The text entry i shows: translated at each draw. */
const char *
feeds_label(const struct ui *ui, size_t i)
{
	const struct ui_entry	*e = &ui->entries[i];

	switch (e->kind) {
	case ENTRY_STORIES:
		/* TRANSLATORS: this and the next two are entries of the
		   feeds pane, 14 columns wide at 80; longer ones are cut. */
		return _("Stories");
	case ENTRY_ALL:
		return _("All articles");
	case ENTRY_STARRED:
		return _("Starred");
	default:
		return e->name;
	}
}

void
feeds_draw(struct ui *ui, const struct ui_rect *r, int focused)
{
	const struct ui_entry	*e;
	char			 count[32], *line;
	size_t			 i, rows;
	int			 y, a, cw, indent;

	if (r->h <= 0 || r->w <= 0)
		return;
	ui_put(ui, r->y, r->x, r->w, _("Feeds"), ui_color(ui,
	    focused ? CONF_BORDER_FOCUSED : CONF_TITLE));
	rows = r->h > 1 ? (size_t)r->h - 1 : 0;
	if (rows == 0)
		return;
	if (ui->fsel < ui->ftop)
		ui->ftop = ui->fsel;
	if (ui->fsel >= ui->ftop + rows)
		ui->ftop = ui->fsel - rows + 1;
	for (i = ui->ftop, y = r->y + 1; i < ui->nentries &&
	    y < r->y + r->h; i++, y++) {
		e = &ui->entries[i];
		a = ui_color(ui, CONF_NORMAL);
		if (e->kind == ENTRY_TAG)
			a = ui_color(ui, CONF_TAG);
		else if (e->kind == ENTRY_STORIES && e->unread > 0)
			a = ui_color(ui, CONF_STORY_NEW);
		else if (e->failed && e->kind == ENTRY_FEED)
			a = ui_color(ui, CONF_FAILED);
		else if (e->unread > 0)
			a = ui_color(ui, CONF_UNREAD);
		if (i == ui->fsel)
			a = ui_color(ui, focused ? CONF_SELECTED :
			    CONF_SELECTED_UNFOCUSED);
		count[0] = '\0';
		if (e->unread > 0)
			snprintf(count, sizeof count, " %u", e->unread);
		cw = (int)strlen(count);
		indent = e->kind == ENTRY_FEED && i > 0 &&
		    ui->list->entries[e->feed].ntags > 0 ? 2 : 0;
		/* "!" marks a failed feed, also without colour. */
		line = xprintf("%s%*s%s", e->failed && e->kind == ENTRY_FEED ?
		    "!" : " ", indent, "", feeds_label(ui, i));
		ui_put(ui, y, r->x, r->w - cw, line, a);
		ui_put(ui, y, r->x + r->w - cw, cw, count, a);
		free(line);
	}
}
