/*
 * track.c owns the stories engine of a process and what it shares with
 * the cache: story ids come from the store, the engine's memory is the
 * cache's hot window replayed, and every assignment is written in the
 * transaction of the feed that brought the article.  It also groups a
 * story's duplicates for display.  No SQL here (store.c), no clustering
 * (stories.c).
 */
#include "config.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "feed.h"
#include "i18n.h"
#include "log.h"
#include "stories.h"
#include "store.h"
#include "track.h"
#include "xmalloc.h"

/*
 * A new engine learns each hot story from its last articles only: a
 * story's recent articles say what it is about now, and a restart costs
 * the same however large a story has grown.
 */
#define TRACK_REPLAY_MAX	100

struct track {
	struct stories	*engine;	/* NULL until the first article */
	struct stories_params params;
	size_t		 replayed;	/* articles, for the log */
	int64_t		 lang_feed;	/* the feed whose language was kept */
};

/*
 * The analyses of a feed's articles live in blocks of PREP_BLOCK bytes
 * (or one of an analysis's size, when larger), freed together.  With an
 * allocation for each article, the storer's thread made a free for each
 * article of memory the parsing thread had allocated, and every such
 * free waits for that thread's allocator lock.
 */
#define PREP_BLOCK	(32 << 10)

struct prep_block {
	struct prep_block *next;
	size_t		 used;		/* bytes of data */
	size_t		 size;
	max_align_t	 data[];
};

struct track_prep {
	const struct feed *feed;
	int		 lang_done;	/* lang and found are set */
	char		*lang;		/* the feed's, else found; or NULL */
	int		 found;		/* lang was found, not declared */
	const struct story_terms **terms; /* per item, NULL until analysed */
	size_t		 nitems;
	struct prep_block *blocks;	/* the newest first */
	size_t		 bytes;
};

static void	 replay(void *, const struct store_hot_item *);
static const char *item_text(const struct item *);
static int	 engine_load(struct track *, struct store *, char **);
static void	 prep_lang(struct track_prep *);
static void	*prep_alloc(void *, size_t);
static const struct story_terms *prep_terms(struct track_prep *, size_t);
static char	*title_norm(const char *);

struct track *
track_new(void)
{
	struct track	*t;

	t = xcalloc(1, sizeof *t);
	stories_params_default(&t->params);
	return t;
}

void
track_free(struct track *t)
{
	if (t == NULL)
		return;
	stories_free(t->engine);
	free(t);
}

void
track_reset(struct track *t)
{
	stories_free(t->engine);
	t->engine = NULL;
}

static void
replay(void *ud, const struct store_hot_item *h)
{
	struct track		*t = ud;
	struct story_doc	 d;

	memset(&d, 0, sizeof d);
	d.item = h->id;
	d.source = h->feed_id;
	d.time = h->time;
	d.lang = h->lang;
	d.title = h->title;
	d.text = h->text;
	d.link = h->link;
	stories_add(t->engine, h->story, &d);
	t->replayed++;
}

/* As the cache's hot window has it: content, else summary. */
static const char *
item_text(const struct item *it)
{
	return it->content != NULL ? it->content : it->summary;
}

struct track_prep *
track_prep_new(const struct feed *f)
{
	struct track_prep	*p;

	p = xcalloc(1, sizeof *p);
	p->feed = f;
	p->nitems = f->nitems;
	p->terms = xcalloc(f->nitems + 1, sizeof *p->terms);
	p->bytes = sizeof *p + (f->nitems + 1) * sizeof *p->terms;
	return p;
}

/*
 * The feed's language: its own, else the one found in its first article
 * that shows one (kept in the cache too, for replays); NULL when none
 * does (the engine then looks at each article).
 */
static void
prep_lang(struct track_prep *p)
{
	const struct feed	*f = p->feed;
	const char		*lang = NULL;
	size_t			 i;

	if (p->lang_done)
		return;
	p->lang_done = 1;
	if (f->language != NULL) {
		p->lang = xstrdup(f->language);
		return;
	}
	for (i = 0; lang == NULL && i < f->nitems; i++)
		lang = stories_detect(f->items[i].title,
		    item_text(&f->items[i]));
	if (lang != NULL) {
		p->lang = xstrdup(lang);
		p->found = 1;
	}
}

/* size bytes of the prep's blocks, aligned for any type. */
static void *
prep_alloc(void *ud, size_t size)
{
	struct track_prep	*p = ud;
	struct prep_block	*b = p->blocks;
	const size_t		 align = sizeof b->data[0];
	size_t			 cap;
	void			*ptr;

	size = (size + align - 1) / align * align;
	if (b == NULL || b->size - b->used < size) {
		cap = size > PREP_BLOCK ? size : PREP_BLOCK;
		b = xmalloc(sizeof *b + cap);
		b->size = cap;
		b->used = 0;
		b->next = p->blocks;
		p->blocks = b;
		p->bytes += sizeof *b + b->size;
	}
	ptr = (char *)b->data + b->used;
	b->used += size;
	return ptr;
}

/* The analysis of the feed's article i, made at the first call. */
static const struct story_terms *
prep_terms(struct track_prep *p, size_t i)
{
	const struct item	*it = &p->feed->items[i];
	struct story_doc	 d;

	if (p->terms[i] != NULL)
		return p->terms[i];
	prep_lang(p);
	memset(&d, 0, sizeof d);
	d.lang = p->lang;
	d.title = it->title;
	d.text = item_text(it);
	d.link = it->link;
	p->terms[i] = stories_analyse(&d, prep_alloc, p);
	return p->terms[i];
}

void
track_prep_all(struct track_prep *p)
{
	size_t	 i;

	for (i = 0; i < p->nitems; i++)
		(void)prep_terms(p, i);
}

void
track_prep_free(struct track_prep *p)
{
	struct prep_block	*b;

	if (p == NULL)
		return;
	while ((b = p->blocks) != NULL) {
		p->blocks = b->next;
		free(b);
	}
	free(p->terms);
	free(p->lang);
	free(p);
}

size_t
track_prep_size(const struct track_prep *p)
{
	return p != NULL ? p->bytes : 0;
}

/* A new engine holding the stories active in the cache's window. */
static int
engine_load(struct track *t, struct store *s, char **cause)
{
	t->engine = stories_new(&t->params);
	if (store_story_hot(s, t->params.window, t->params.max_hot,
	    TRACK_REPLAY_MAX, replay, t, cause) != 0) {
		track_reset(t);
		return -1;
	}
	log_debug("stories: %zu articles replayed, %zu stories hot",
	    t->replayed, stories_hot(t->engine));
	return 0;
}

int
track_assign(struct track *t, struct store *s, struct track_prep *p,
    const struct store_new_item *ni, char **cause)
{
	struct story_doc	 d;
	const struct story_terms *terms;
	const struct item	*items = p->feed->items;
	size_t			 i = (size_t)(ni->item - items);
	int64_t			 id;

	if (ni->item < items || i >= p->nitems) {
		/* Not an article of the feed p was made of: a bug. */
		if (cause != NULL)
			*cause = xstrdup(_("an article reached the stories "
			    "engine without its analysis (a bug in tidings)"));
		return -1;
	}
	if (t->engine == NULL && engine_load(t, s, cause) != 0)
		return -1;
	terms = prep_terms(p, i);
	if (ni->feed->language == NULL && t->lang_feed != ni->feed_id) {
		if (store_feed_set_lang(s, ni->feed_id, p->found ? p->lang :
		    NULL, cause) != 0)
			return -1;
		t->lang_feed = ni->feed_id;
	}
	memset(&d, 0, sizeof d);
	d.item = ni->id;
	d.source = ni->feed_id;
	d.time = ni->time;
	d.lang = p->lang;
	d.title = ni->item->title;
	d.link = ni->item->link;
	d.terms = terms;
	if ((id = stories_match(t->engine, &d)) == 0 &&
	    store_story_new(s, d.time, &id, cause) != 0)
		return -1;
	stories_add(t->engine, id, &d);
	return store_story_assign(s, ni->id, id, d.time,
	    stories_central(t->engine, id), cause);
}

/* A title compared for duplicates: ASCII folded, punctuation as blanks. */
static char *
title_norm(const char *s)
{
	struct buf	 b;
	int		 blank = 0;

	buf_init(&b, BUF_NOLIMIT);
	for (; s != NULL && *s != '\0'; s++) {
		unsigned char	 c = (unsigned char)*s;

		if (c < 0x80 && !isalnum(c)) {
			blank = buf_len(&b) > 0;
			continue;
		}
		if (blank)
			buf_addc(&b, ' ');
		blank = 0;
		buf_addc(&b, (char)(c < 0x80 ? tolower(c) : c));
	}
	return buf_detach(&b);
}

void
track_group(const struct store_story_item *v, size_t n,
    struct track_entry **entriesp, size_t *np)
{
	struct track_entry	*es, *e;
	char			**norm;
	size_t			*owner, i, j, k, ne = 0;
	struct buf		 b;

	es = xcalloc(n + 1, sizeof *es);
	norm = xcalloc(n + 1, sizeof *norm);
	owner = xcalloc(n + 1, sizeof *owner);
	for (i = 0; i < n; i++)
		norm[i] = title_norm(v[i].title);
	for (i = 0; i < n; i++) {
		/* Stories are small: comparing with each entry will do. */
		for (j = 0; j < ne; j++) {
			k = es[j].item;
			if ((v[k].link != NULL && v[i].link != NULL &&
			    strcmp(v[k].link, v[i].link) == 0) ||
			    (*norm[i] != '\0' && strcmp(norm[k], norm[i]) == 0))
				break;
		}
		e = &es[j];
		if (j == ne) {
			ne++;
			e->item = i;
			e->read = 1;
		}
		owner[i] = j;
		e->ids = xreallocarray(e->ids, e->nids + 1, sizeof *e->ids);
		e->ids[e->nids++] = v[i].id;
		if (!v[i].read)
			e->read = 0;
		if (v[i].fresh)
			e->fresh = 1;
	}
	/* Each entry's sources once each, in the order they carried it. */
	for (j = 0; j < ne; j++) {
		buf_init(&b, BUF_NOLIMIT);
		for (i = es[j].item; i < n; i++) {
			if (owner[i] != j || v[i].feed_title == NULL)
				continue;
			for (k = es[j].item; k < i; k++)
				if (owner[k] == j && v[k].feed_title != NULL &&
				    (v[k].feed_id == v[i].feed_id ||
				    strcmp(v[k].feed_title, v[i].feed_title) ==
				    0))
					break;
			if (k < i)
				continue;
			if (buf_len(&b) > 0)
				buf_adds(&b, ", ");
			buf_adds(&b, v[i].feed_title);
			es[j].srcs = xreallocarray(es[j].srcs,
			    es[j].nsources + 1, sizeof *es[j].srcs);
			es[j].srcs[es[j].nsources++] = v[i].feed_title;
		}
		es[j].sources = buf_detach(&b);
	}
	for (i = 0; i < n; i++)
		free(norm[i]);
	free(norm);
	free(owner);
	*entriesp = es;
	*np = ne;
}

void
track_entries_free(struct track_entry *es, size_t n)
{
	size_t	 i;

	if (es == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(es[i].ids);
		free(es[i].srcs);
		free(es[i].sources);
	}
	free(es);
}
