/*
 * due.c owns the poll interval of a feed.  The rule, in order:
 *
 *  1. the publishing rate: half the median gap between its newest
 *     articles (so a feed is checked about twice per new article), or
 *     DUE_DEFAULT with fewer than two dated articles; a feed silent for
 *     longer than four of its gaps is checked a quarter of its silence
 *     apart instead, so dormant feeds back off;
 *  2. a followed story: DUE_FOLLOW_FACTOR times as often;
 *  3. never more often than the answer may be cached: RSS ttl, and
 *     Cache-Control max-age or Expires (asking sooner gets the same
 *     document from a cache);
 *  4. within the user's bounds, reload-min to reload-max.
 */
#include "config.h"

#include <stdlib.h>

#include "due.h"
#include "feed.h"

static int	 gap_cmp(const void *, const void *);

static int
gap_cmp(const void *a, const void *b)
{
	int64_t	 x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

int64_t
due_interval(const struct store_activity *a, const struct due_bounds *b)
{
	int64_t	 gaps[64], interval = DUE_DEFAULT, median, since, max;
	size_t	 i, n = 0;

	for (i = 1; i < a->ndates && n < sizeof gaps / sizeof *gaps; i++) {
		/* Newest first; an out-of-order date gives no gap. */
		if (a->dates[i - 1] >= a->dates[i])
			gaps[n++] = a->dates[i - 1] - a->dates[i];
	}
	if (n > 0) {
		qsort(gaps, n, sizeof *gaps, gap_cmp);
		median = n % 2 == 1 ? gaps[n / 2] :
		    (gaps[n / 2 - 1] + gaps[n / 2]) / 2;
		interval = median / 2;
		since = a->now - a->dates[0];
		if (since > 4 * median && since / 4 > interval)
			interval = since / 4;
	}
	if (a->followed)
		interval /= DUE_FOLLOW_FACTOR;
	if (a->ttl > 0 && (int64_t)a->ttl * 60 > interval)
		interval = (int64_t)a->ttl * 60;
	if (a->max_age > interval)
		interval = a->max_age;
	max = b->max < b->min ? b->min : b->max;
	if (interval > max)
		interval = max;
	if (interval < b->min)
		interval = b->min;
	return interval;
}

int
due_now(int64_t checked, int64_t next_due, int64_t now,
    const struct due_bounds *b)
{
	if (checked == FEED_NOTIME)
		return 1;
	if (now - checked < b->min)
		return 0;
	return next_due == FEED_NOTIME || next_due <= now;
}
