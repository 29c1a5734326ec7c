/*
 * Adaptive polling: how long to wait before fetching a feed again, from
 * how often it publishes, what its answer says about caching (RSS ttl,
 * Cache-Control max-age, Expires) and whether it carries a followed
 * story, within the bounds the user set (reload-min, reload-max).
 */
#ifndef TIDINGS_DUE_H
#define TIDINGS_DUE_H

#include <stdint.h>

#include "store.h"

/* The bounds unless the config says otherwise (reload-min, -max). */
#define DUE_RELOAD_MIN	(15 * 60)
#define DUE_RELOAD_MAX	(12 * 3600)
/* With no dates to go by: this often, within the bounds. */
#define DUE_DEFAULT	3600
/* A feed carrying a followed story is fetched this many times as often. */
#define DUE_FOLLOW_FACTOR 4

struct due_bounds {
	int64_t		 min;		/* seconds */
	int64_t		 max;		/* below min counts as min */
};

/* The poll interval in seconds for a feed's activity. */
int64_t		 due_interval(const struct store_activity *,
		    const struct due_bounds *);
/*
 * Whether a feed checked at checked (FEED_NOTIME: never) and due at
 * next_due (FEED_NOTIME: now) is to be fetched at now: never sooner
 * than the least interval after a check, whatever its answer was.
 */
int		 due_now(int64_t, int64_t, int64_t, const struct due_bounds *);

#endif
