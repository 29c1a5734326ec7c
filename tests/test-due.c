/*
 * test-due: the poll interval of a feed from its activity, table-driven:
 * publishing rate, dormant feeds backing off, a followed story, RSS ttl,
 * Cache-Control / Expires lifetimes, and the user's bounds; and when a
 * feed is due.
 */
#include "config.h"

#include <stdio.h>

#include "due.h"
#include "feed.h"
#include "test.h"

#define NOW	1000000000
#define MIN	60
#define HOUR	3600

struct dcase {
	const char	*what;
	int64_t		 ago[8];	/* article ages in seconds, newest first;
					   -1 ends */
	int		 ttl;
	int64_t		 max_age;
	int		 followed;
	int64_t		 min, max;
	int64_t		 want;
};

static const struct dcase cases[] = {
	{ "no articles: the default", { -1 }, -1, -1, 0,
	    15 * MIN, 12 * HOUR, DUE_DEFAULT },
	{ "one article: the default", { 0, -1 }, -1, -1, 0,
	    15 * MIN, 12 * HOUR, DUE_DEFAULT },
	{ "hourly articles: every half hour",
	    { 0, HOUR, 2 * HOUR, 3 * HOUR, 4 * HOUR, -1 }, -1, -1, 0,
	    15 * MIN, 12 * HOUR, 30 * MIN },
	{ "the median gap, not the mean",
	    { 0, 2 * HOUR, 4 * HOUR, 6 * HOUR, 100 * HOUR, -1 }, -1, -1, 0,
	    15 * MIN, 12 * HOUR, HOUR },
	{ "every minute: not below reload-min",
	    { 0, MIN, 2 * MIN, 3 * MIN, -1 }, -1, -1, 0,
	    15 * MIN, 12 * HOUR, 15 * MIN },
	{ "daily: not above reload-max",
	    { 0, 24 * HOUR, 48 * HOUR, -1 }, -1, -1, 0,
	    15 * MIN, 6 * HOUR, 6 * HOUR },
	{ "silent for long: a quarter of the silence",
	    { 40 * HOUR, 41 * HOUR, 42 * HOUR, -1 }, -1, -1, 0,
	    15 * MIN, 48 * HOUR, 10 * HOUR },
	{ "a followed story: four times as often",
	    { 0, 4 * HOUR, 8 * HOUR, -1 }, -1, -1, 1,
	    15 * MIN, 12 * HOUR, 30 * MIN },
	{ "followed, still within reload-min",
	    { 0, HOUR, 2 * HOUR, -1 }, -1, -1, 1,
	    15 * MIN, 12 * HOUR, 15 * MIN },
	{ "RSS ttl is a floor", { 0, HOUR, 2 * HOUR, -1 }, 120, -1, 0,
	    15 * MIN, 12 * HOUR, 2 * HOUR },
	{ "max-age is a floor", { 0, HOUR, 2 * HOUR, -1 }, -1, 3 * HOUR, 0,
	    15 * MIN, 12 * HOUR, 3 * HOUR },
	{ "max-age within reload-max", { 0, HOUR, -1 }, -1, 30 * 86400, 0,
	    15 * MIN, 12 * HOUR, 12 * HOUR },
	{ "a short max-age changes nothing", { 0, HOUR, 2 * HOUR, -1 }, -1,
	    60, 0, 15 * MIN, 12 * HOUR, 30 * MIN },
	{ "the caching floor beats following",
	    { 0, HOUR, 2 * HOUR, -1 }, -1, 2 * HOUR, 1,
	    15 * MIN, 12 * HOUR, 2 * HOUR },
	{ "reload-max below reload-min counts as reload-min",
	    { 0, 24 * HOUR, -1 }, -1, -1, 0, 2 * HOUR, HOUR, 2 * HOUR },
	{ "dates out of order give no gap",
	    { 0, -1 * 0 + 2 * HOUR, HOUR, 3 * HOUR, -1 }, -1, -1, 0,
	    15 * MIN, 12 * HOUR, HOUR },
};

int
main(void)
{
	struct store_activity	 a;
	struct due_bounds	 b;
	int64_t			 dates[8], got;
	size_t			 i, k;

	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		const struct dcase *c = &cases[i];

		for (k = 0; k < 8 && c->ago[k] >= 0; k++)
			dates[k] = NOW - c->ago[k];
		a.dates = dates;
		a.ndates = k;
		a.ttl = c->ttl;
		a.max_age = c->max_age;
		a.followed = c->followed;
		a.now = NOW;
		b.min = c->min;
		b.max = c->max;
		got = due_interval(&a, &b);
		CHECK(got == c->want, "%s: %lld s, want %lld s", c->what,
		    (long long)got, (long long)c->want);
	}

	b.min = 15 * MIN;
	b.max = 12 * HOUR;
	CHECK(due_now(FEED_NOTIME, FEED_NOTIME, NOW, &b), "never checked: due");
	CHECK(due_now(NOW - HOUR, NOW - 1, NOW, &b), "past its time: due");
	CHECK(!due_now(NOW - HOUR, NOW + 1, NOW, &b), "before its time: not");
	CHECK(!due_now(NOW - 60, FEED_NOTIME, NOW, &b),
	    "checked a minute ago (a failure): not before reload-min");
	CHECK(due_now(NOW - 15 * MIN, FEED_NOTIME, NOW, &b),
	    "reload-min after a failure: due");
	return test_exit("test-due");
}
