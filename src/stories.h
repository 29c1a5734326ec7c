/*
 * Ongoing stories: incremental clustering of articles into the events they
 * report.  An engine holds the "hot" stories (those with an article within
 * the time window of the oldest of the last STORIES_RECENT articles added)
 * with their term vectors and the document frequencies seen so far; it
 * never touches the cache.  The store persists story ids and memberships;
 * on start the caller replays the hot window into a new engine with
 * stories_add.
 *
 * Use: for each new article, id = stories_match(); if id is 0, the caller
 * makes a new story (the store hands out its id); then stories_add(id).
 * `tidings stories --cluster` and the refresh do exactly this, so both
 * assign the same way.  stories_add right after stories_match with the
 * same doc (same item and string pointers, strings unchanged)
 * reuses the words match found instead of reading the text again.
 * Articles need not come in time order: a refresh into an empty cache
 * brings each feed newest first, and the older articles of the feeds
 * after the first still find the stories of their days, as long as one
 * of the last STORIES_RECENT articles is that old.
 */
#ifndef TIDINGS_STORIES_H
#define TIDINGS_STORIES_H

#include <stddef.h>
#include <stdint.h>

/*
 * The engine looks at an article's title and the start of its text: the
 * lede says what the story is, and the cost of an article stays bounded
 * however long its text.  The text is cut before a UTF-8 continuation
 * byte (stories_text_len).
 */
#define STORIES_TEXT_MAX	1024
/* The articles whose oldest decides which stories stay hot. */
#define STORIES_RECENT		1024

/* One article as the engine sees it.  Strings are UTF-8 or NULL. */
struct story_doc {
	int64_t		 item;		/* the caller's id of the article */
	int64_t		 source;	/* the caller's id of its feed */
	int64_t		 time;		/* published, else first seen (UTC) */
	const char	*lang;		/* item's, else feed's: "en-us"; NULL
					   or another language: detected */
	const char	*title;		/* plain text */
	const char	*text;		/* plain text or HTML (tags skipped);
					   its first STORIES_TEXT_MAX bytes */
	const char	*link;		/* absolute, or NULL */
	const struct story_terms *terms; /* stories_analyse of the above,
					   or NULL: analysed when needed */
};

struct stories_params {
	int64_t		 window;	/* seconds around a story's latest */
	double		 threshold;	/* least similarity to join */
	size_t		 max_hot;	/* stories kept in memory at most */
};

struct stories;
struct story_terms;

/*
 * The defaults the reader and `stories --cluster` use: a window of 3
 * days, threshold 0.10 (a cosine, raised a little for stories of many
 * articles), at most 20,000 hot stories.
 */
void		 stories_params_default(struct stories_params *);
/*
 * A new, empty engine (params NULL: the defaults).  Never NULL; free
 * with stories_free, which accepts NULL.
 */
struct stories	*stories_new(const struct stories_params *);
void		 stories_free(struct stories *);
/*
 * The story doc belongs to: a story id given to stories_add before, or 0
 * when no hot story is similar enough (the caller then makes a new one).
 * An article with the same link or the same normalised title (folded
 * words, three or more) as one already added joins that article's story
 * whatever the similarity, while the story is hot and within the window.
 */
int64_t		 stories_match(struct stories *, const struct story_doc *);
/*
 * The analysis of doc that match and add would make (its words, folded,
 * stemmed and hashed, and its keys), to be put in doc->terms: it reads no
 * engine, so it can be made on another thread than the engine's, ahead
 * of the match.  Never NULL.  Its memory comes from alloc(ud, size),
 * which never returns NULL and gives memory aligned for any type; with
 * alloc NULL, from malloc (free it then with free).
 */
struct story_terms *stories_analyse(const struct story_doc *,
		    void *(*alloc)(void *, size_t), void *);
/* The bytes of text the engine reads (text is not NULL). */
size_t		 stories_text_len(const char *);
/*
 * The language the engine finds in an article that declares none, as a
 * code ("en"), or NULL when it finds none of its six: stop words of the
 * text it reads, else of the title (NULL: none).
 */
const char	*stories_detect(const char *, const char *);
/*
 * Adds doc to story id (id > 0): updates the story's representation, the
 * document frequencies and the hot set (evicting the stories a window
 * older than the oldest of the last STORIES_RECENT articles, and the
 * least recent beyond max_hot).
 */
void		 stories_add(struct stories *, int64_t, const struct story_doc *);
/*
 * The article nearest the centre of story id, whose title labels the
 * story, or 0 when the story is not hot.
 */
int64_t		 stories_central(const struct stories *, int64_t);
/* Stories kept in memory now. */
size_t		 stories_hot(const struct stories *);

#endif
