/*
 * Tracking stories in the cache: the glue between the store, which keeps
 * stories and memberships, and the stories engine, which decides which
 * story an article joins.  A refresh hands each genuinely new article to
 * track_assign from inside the feed's transaction.  The engine is loaded
 * from the cache's hot window at the first new article, so a refresh with
 * nothing new costs nothing.  Also: a story's articles with duplicates
 * (the same link or title from several feeds) shown once.
 */
#ifndef TIDINGS_TRACK_H
#define TIDINGS_TRACK_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

struct feed;
struct track;
struct track_prep;

/* A tracker with no engine loaded yet.  Never NULL. */
struct track	*track_new(void);
void		 track_free(struct track *);
/*
 * What the engine needs of a parsed feed's articles (which must outlive
 * it): their analysis and the feed's language.  Neither touches engine
 * or cache, so any thread may make them: track_prep_all analyses every
 * article at once (the thread that parsed the feed, while the storer is
 * busy with the ones before), else track_assign analyses each new
 * article as it comes.  Never NULL.  track_prep_size is the memory it
 * holds, in bytes.
 */
struct track_prep *track_prep_new(const struct feed *);
void		 track_prep_all(struct track_prep *);
void		 track_prep_free(struct track_prep *);
size_t		 track_prep_size(const struct track_prep *);
/*
 * Assigns a new article of the feed prep was made of to a story (an
 * existing one, else a new one): the store_hooks new_item hook.  0, or
 * -1 with *cause.
 */
int		 track_assign(struct track *, struct store *,
		    struct track_prep *, const struct store_new_item *,
		    char **);
/*
 * Forgets the engine (after a feed's transaction was rolled back, the
 * engine may hold stories the cache does not): the next article loads
 * it again.
 */
void		 track_reset(struct track *);

/* One line of a story's timeline: an article and its duplicates. */
struct track_entry {
	size_t		 item;		/* index of the first, oldest */
	int64_t		*ids;		/* it and its duplicates */
	size_t		 nids;
	const char	**srcs;		/* its feeds' titles, each once, in
					   the order they carried it; they
					   point into the story's items */
	size_t		 nsources;
	char		*sources;	/* "Feed A, Feed B" */
	int		 read;		/* all of them are read */
	int		 fresh;		/* one is new in a followed story */
};
/*
 * Groups a story's articles (oldest first, as store_story_items gives
 * them): an article with the same link or the same normalised title as
 * an earlier one joins its entry.  *entries allocated.
 */
void		 track_group(const struct store_story_item *, size_t,
		    struct track_entry **, size_t *);
void		 track_entries_free(struct track_entry *, size_t);

#endif
