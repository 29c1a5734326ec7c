/*
 * The cache: feeds, their articles, read and star marks, and earlier
 * revisions of articles, in SQLite (WAL).  Only store*.c contain SQL or
 * include sqlite3.h.  One feed update is one transaction.
 */
#ifndef TIDINGS_STORE_H
#define TIDINGS_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "feed.h"

struct store;

/*
 * Process-wide SQLite set-up, before the first store_open: no memory
 * statistics, which take a global lock on every allocation.
 */
void		 store_init(void);

/*
 * Opens the cache at path, creating it and migrating its schema forward
 * (":memory:" for tests).  Returns NULL with *cause (allocated, translated,
 * naming the path) when it cannot, e.g. a read-only or corrupt file.
 */
struct store	*store_open(const char *, char **);
void		 store_close(struct store *);
/* The path the cache was opened with (":memory:" for none). */
const char	*store_path(const struct store *);
/*
 * Another connection to the same cache with the same settings, for
 * another thread; NULL with *cause.
 */
struct store	*store_clone(const struct store *, char **);

/* What a fetch needs to know about a feed before it starts. */
struct store_feed_state {
	char		*etag;		/* to send as If-None-Match, or NULL */
	char		*last_modified;	/* as If-Modified-Since, or NULL */
	int64_t		 checked;	/* last check, or FEED_NOTIME */
	int		 gone;		/* answered 410: do not fetch */
	char		*moved_to;	/* a permanent redirect's target */
	int64_t		 next_due;	/* adaptive polling: the next check
					   (checked + the feed's interval),
					   or FEED_NOTIME: due now */
};
/* Fills *state (all empty for an unknown feed); 0, or -1 with *cause. */
int		 store_feed_state(struct store *, const char *,
		    struct store_feed_state *, char **);
void		 store_feed_state_clear(struct store_feed_state *);

/* What one update changed. */
struct store_counts {
	unsigned	 new_items;
	unsigned	 updated_items;	/* known, with a changed title/text */
	unsigned	 unchanged_items;
};

/*
 * Groups the writes up to store_group_end in one transaction, so that
 * several feeds stored in a row cost one commit; none is in the cache
 * before store_group_end returns 0.  On -1 (with *cause) none of the
 * group's writes are.  A write that fails inside rolls back the whole
 * group so far (it has no savepoint of its own: they cost more than
 * the commits saved), and so may SQLite on a full disk: store_group_lost
 * then tells, the writes after it are in transactions of their own, and
 * store_group_end returns -1.  The caller writes the group's lost parts
 * again.  Not for a store in memory.
 */
int		 store_group_begin(struct store *, char **);
int		 store_group_lost(struct store *);
int		 store_group_end(struct store *, char **);

/*
 * Stores a fetched and parsed feed in one transaction: the feed's title,
 * link and the validators (etag, last_modified: may be NULL) for the
 * next conditional GET; every item upserted by its identity (item_key),
 * keeping read and star marks; a title or text changed in substance (see
 * revision_same) keeps the old version as a revision and marks the item
 * updated, a cosmetic change only replaces the text.  now is the time of
 * the check.  Returns 0, or -1 with *cause; on -1 nothing was changed.
 */
int		 store_update_feed(struct store *, const char *,
		    const struct feed *, const char *, const char *, int64_t,
		    struct store_counts *, char **);
/*
 * Records a check that brought no new document: a 304 (error NULL), or a
 * failure with its stage ("fetch", "parse", "store") and reason.
 */
int		 store_feed_checked(struct store *, const char *, int64_t,
		    const char *, const char *, char **);
/* Marks a feed gone (410) or clears the mark (gone 0). */
int		 store_feed_gone(struct store *, const char *, int, char **);
/* Records that a feed moved permanently to another URL. */
int		 store_feed_moved(struct store *, const char *, const char *,
		    char **);

/* An article as lists show it.  Strings are allocated, or NULL. */
struct store_item {
	int64_t		 id;
	char		*feed_url;
	char		*feed_title;
	char		*key;		/* identity within the feed */
	char		*title;
	char		*link;
	char		*author;
	int64_t		 published;	/* or FEED_NOTIME */
	int64_t		 updated;
	int64_t		 first_seen;
	int64_t		 last_seen;
	int		 read;
	int		 starred;
	int		 is_updated;	/* changed since first seen */
};

struct store_query {
	const char	*feed_url;	/* NULL: every feed */
	int		 unread;	/* only unread */
	int		 updated;	/* only updated */
	int		 starred;	/* only starred */
	size_t		 limit;		/* 0: no limit */
};

/* Articles newest first (published, else first seen).  0 or -1. */
int		 store_list(struct store *, const struct store_query *,
		    struct store_item **, size_t *, char **);
void		 store_items_free(struct store_item *, size_t);
/* Read and star marks, written at once. */
int		 store_set_read(struct store *, int64_t, int, char **);
int		 store_set_starred(struct store *, int64_t, int, char **);

/*
 * The reader's side.  A feed as the feeds pane shows it: every feed the
 * cache knows, with its counts and its last failure.
 */
struct store_feed {
	int64_t		 id;
	char		*url;
	char		*title;		/* or NULL */
	unsigned	 total;
	unsigned	 unread;
	char		*error_stage;	/* "fetch", "parse", "store", or NULL */
	char		*error;		/* the last check's failure, or NULL */
	int		 gone;
	char		*moved_to;	/* or NULL */
	int64_t		 checked;	/* or FEED_NOTIME */
	int64_t		 next_due;	/* or FEED_NOTIME: due now */
};
/* Every feed in the cache, in no particular order.  0 or -1. */
int		 store_feeds(struct store *, struct store_feed **, size_t *,
		    char **);
void		 store_feeds_free(struct store_feed *, size_t);

/* One article of a list, small enough to hold 100,000 of. */
struct store_row {
	int64_t		 id;
	int64_t		 date;		/* published, else updated, else
					   first seen */
	int64_t		 feed_id;
	unsigned char	 read;
	unsigned char	 starred;
	unsigned char	 updated;
};

struct store_filter {
	const int64_t	*feeds;		/* NULL: every feed */
	size_t		 nfeeds;
	const char	*search;	/* in title, summary and texts; NULL */
	int		 unread;
	int		 starred;
	int		 updated;
	size_t		 limit;		/* only the newest this many; 0: all */
};
/* The articles the filter selects, newest first.  0 or -1. */
int		 store_rows(struct store *, const struct store_filter *,
		    struct store_row **, size_t *, char **);
/* An article's title (allocated, or NULL when it has none).  0 or -1. */
int		 store_item_title(struct store *, int64_t, char **, char **);

/* An article as the article pane shows it.  Strings allocated or NULL. */
struct store_article {
	char		*title;
	char		*link;
	char		*author;
	char		*feed_title;
	char		*feed_url;
	char		*feed_link;
	int64_t		 published;
	int64_t		 updated;
	int64_t		 first_seen;
	char		*summary;
	int		 summary_html;
	char		*content;
	int		 content_html;
	char		*fulltext;	/* HTML fetched by the reader, or NULL */
	int		 read;
	int		 starred;
	int		 is_updated;
};
/* 0, or -1 with *cause (also for an unknown id). */
int		 store_article(struct store *, int64_t, struct store_article *,
		    char **);
void		 store_article_clear(struct store_article *);
/* Keeps the full article fetched from the web page (NULL: forget it). */
int		 store_set_fulltext(struct store *, int64_t, const char *,
		    char **);
/* Sets the read mark of many articles in one transaction.  0 or -1. */
int		 store_set_read_many(struct store *, const int64_t *, size_t,
		    int, char **);

/*
 * Earlier versions of articles.  Each article keeps its newest n (the
 * config's revisions setting; at least 1), older ones are dropped when a
 * new one is kept, and all go with the article.
 */
#define STORE_REVISIONS_DEFAULT	10
void		 store_set_revisions(struct store *, unsigned);

/* An earlier version of an article.  Strings allocated or NULL. */
struct store_revision {
	int64_t		 seen;		/* last fetched with this text */
	int64_t		 replaced;	/* when a newer text replaced it */
	char		*title;
	char		*summary;
	int		 summary_html;
	char		*content;
	int		 content_html;
};
/* The article's earlier versions, newest first.  0 or -1 with *cause. */
int		 store_revisions(struct store *, int64_t,
		    struct store_revision **, size_t *, char **);
void		 store_revisions_free(struct store_revision *, size_t);

/*
 * Hooks a refresh sets so that work on genuinely new articles happens
 * inside the feed's one transaction (so a kill never leaves an article
 * without its story): the store knows which items are new, the caller
 * knows what to do with them.  Any hook may be NULL.
 */
struct store_new_item {
	int64_t		 id;		/* the stored article */
	int64_t		 feed_id;
	int64_t		 time;		/* published, else first seen */
	const struct item *item;	/* as parsed */
	const struct feed *feed;	/* its feed, as parsed */
};
/* What the store knows of a feed's publishing, for its poll interval. */
struct store_activity {
	const int64_t	*dates;		/* newest articles' dates, newest
					   first (published, else first
					   seen) */
	size_t		 ndates;
	int		 ttl;		/* RSS ttl in minutes, or -1 */
	int64_t		 max_age;	/* seconds the answer may be cached
					   (Cache-Control, Expires), or -1 */
	int		 followed;	/* carries a followed story */
	int64_t		 now;
};
struct store_hooks {
	/* Each new article, after its row is written; -1 (with *cause)
	   rolls the whole feed back. */
	int		(*new_item)(void *, struct store *,
			    const struct store_new_item *, char **);
	/* The feed's poll interval in seconds, from its activity. */
	int64_t		(*interval)(void *, const struct store_activity *);
	void		*ud;
};
/* Sets (NULL: clears) the hooks store_update_feed runs. */
void		 store_set_hooks(struct store *, const struct store_hooks *);
/*
 * The answer's caching lifetime for the next store_update_feed of url
 * (Cache-Control max-age or Expires, in seconds; -1 for none).
 */
void		 store_set_max_age(struct store *, int64_t);

/*
 * Ongoing stories.  The store keeps stories and memberships; which story
 * an article joins is the stories engine's business (stories.h), driven
 * from the refresh.  The calls below that write run inside the current
 * transaction when called from a hook.
 */
/*
 * A new story for an article at time t; its id in *id.  From a hook,
 * its row is written with the feed's other stories, once.  0 or -1.
 */
int		 store_story_new(struct store *, int64_t, int64_t *, char **);
/*
 * Puts article item (dated t) in story, labelled by article label (0:
 * keep the label).  An article joining a followed story is marked new.
 */
int		 store_story_assign(struct store *, int64_t, int64_t, int64_t,
		    int64_t, char **);

/* A story as lists show it.  Strings allocated, or NULL. */
struct store_story {
	int64_t		 id;
	char		*label;		/* its central article's title */
	int64_t		 first;		/* its first and latest article */
	int64_t		 latest;
	unsigned	 articles;
	unsigned	 sources;	/* distinct feeds */
	unsigned	 unread;
	unsigned	 fresh;		/* unread and new in a followed story */
	int		 followed;
};
struct store_story_query {
	int		 followed;	/* only followed stories */
	unsigned	 min_articles;	/* fewer only when followed */
	size_t		 limit;		/* 0: no limit */
};
/* Stories by latest article, newest first.  0 or -1. */
int		 store_stories(struct store *, const struct store_story_query *,
		    struct store_story **, size_t *, char **);
void		 store_stories_free(struct store_story *, size_t);

/* An article of a story, with its source.  Strings allocated or NULL. */
struct store_story_item {
	int64_t		 id;
	int64_t		 feed_id;
	char		*feed_title;	/* else its URL */
	char		*title;
	char		*link;
	int64_t		 time;		/* published, else first seen */
	int		 read;
	int		 starred;
	int		 fresh;		/* new in a followed story, unread */
};
/* The articles of a story, oldest first.  0 or -1. */
int		 store_story_items(struct store *, int64_t,
		    struct store_story_item **, size_t *, char **);
void		 store_story_items_free(struct store_story_item *, size_t);
/* The story of an article (*story 0: none) and whether it is followed. */
int		 store_item_story(struct store *, int64_t, int64_t *, int *,
		    char **);
/* Follows or unfollows a story.  0, or -1 (also for an unknown story). */
int		 store_story_follow(struct store *, int64_t, int, char **);
/* Marks every article of a story read (or unread), in one statement. */
int		 store_story_set_read(struct store *, int64_t, int, char **);
/* Unread articles new in followed stories, by id.  *ids allocated. */
int		 store_story_fresh(struct store *, int64_t **, size_t *,
		    char **);

/* Keeps the language found in a feed that declares none.  0 or -1. */
int		 store_feed_set_lang(struct store *, int64_t, const char *,
		    char **);

/* An article of a hot story, to replay into a new engine. */
struct store_hot_item {
	int64_t		 id;
	int64_t		 feed_id;
	int64_t		 story;
	int64_t		 time;
	const char	*lang;		/* the feed's declared language, else
					   the one store_feed_set_lang kept */
	const char	*title;
	const char	*text;		/* content, else summary */
	const char	*link;
};
/*
 * Calls fn for the articles of the stories whose latest article is
 * within window seconds of the newest story's (at most max_stories of
 * the most recent; of each, its per_story last stored articles; 0: no
 * limit), oldest article first.  The strings last during the call only.
 * 0 or -1.
 */
int		 store_story_hot(struct store *, int64_t, size_t, size_t,
		    void (*)(void *, const struct store_hot_item *), void *,
		    char **);

#endif
