/*
 * The refresh pipeline: feeds queued, fetched (conditionally), parsed as
 * the bytes arrive, and stored one transaction a feed; a summary of what
 * changed and what failed, with the stage.  No terminal needed.
 */
#ifndef TIDINGS_UPDATE_H
#define TIDINGS_UPDATE_H

#include <stddef.h>
#include <stdint.h>

#include "due.h"
#include "fetch.h"
#include "store.h"
#include "track.h"

enum update_stage {
	UPDATE_FETCH,
	UPDATE_PARSE,
	UPDATE_STORE
};

struct update_failure {
	char		*url;
	enum update_stage stage;
	char		*reason;	/* translated, one line */
};

struct update_summary {
	unsigned	 feeds;		/* queued */
	unsigned	 done;
	unsigned	 new_items;
	unsigned	 updated_items;
	unsigned	 unchanged_feeds; /* 304, or nothing new */
	unsigned	 skipped_gone;	/* marked gone (410) earlier */
	unsigned	 skipped_not_due; /* checked recently (adaptive
					    polling, update_policy due) */
	struct update_failure *failures;
	size_t		 nfailures;
	char		**moved;	/* "URL -> URL" lines, sanitised */
	size_t		 nmoved;
	char		**warnings;	/* recovered documents */
	size_t		 nwarnings;
};

struct update;

/* How a refresh treats new articles and poll intervals. */
struct update_policy {
	struct track	*track;		/* assigns new articles to stories;
					   NULL: stories off */
	struct due_bounds bounds;	/* reload-min, reload-max */
	int		 due;		/* update_add skips feeds not due */
};
/* Without a policy: stories off, DUE_RELOAD_MIN..MAX, every feed due. */

struct update	*update_new(struct store *, const struct fetch_limits *,
		    char **);
void		 update_free(struct update *);
/* Sets the policy for the feeds queued from now on; the track stays the
   caller's. */
void		 update_set_policy(struct update *,
		    const struct update_policy *);
/*
 * Queues a feed.  allow_file: the user wrote this entry (file: URLs).
 * force: fetch even a feed marked gone, and without validators.
 */
void		 update_add(struct update *, const char *, int, int);
/*
 * Queues a web page (the full article behind an item): fetched through the
 * same transfers and limits, never parsed as a feed and not counted among
 * the feeds.  done(ud, body, len, error) runs once: the whole body, or
 * NULL and a translated error naming the URL.
 */
void		 update_add_page(struct update *, const char *,
		    void (*)(void *, const char *, size_t, const char *),
		    void *);
/* Moves the refresh on (see fetch_wait); returns feeds still pending. */
size_t		 update_step(struct update *, int, int);
/* Called after each feed is done, with that feed's URL. */
void		 update_set_progress(struct update *,
		    void (*)(void *, const char *), void *);
const struct update_summary *update_summary(const struct update *);
uint64_t	 update_bytes(const struct update *);
/* The stage's name in the user's language. */
const char	*update_stage_name(enum update_stage);

#endif
