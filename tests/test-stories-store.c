/*
 * test-stories-store: the cache's side of ongoing stories, through the
 * public API on :memory: databases.  The test plays the engine in the
 * new-item hook (a story per first title word), so what is checked is
 * the store: assignment in the feed's transaction (a failing hook leaves
 * neither articles nor stories), the listing with its counts and label,
 * a story's articles in time order with their sources, new stories
 * written with their first articles (more than the store holds back at
 * once), following and the
 * articles new in a followed story, marking a story read, the hot window
 * replayed oldest first, and the poll interval and next due time; and
 * track_group, which shows a story's duplicates once with their sources.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "store.h"
#include "test.h"
#include "track.h"
#include "xmalloc.h"

#define URL_A	"http://a.example/feed"
#define URL_B	"http://b.example/rss"
#define DAY	86400
#define T0	(20000 * (int64_t)DAY)

struct titem {
	const char	*id;
	const char	*title;
	const char	*link;
	int64_t		 published;
};

/* The test's engine: stories by the first word of the title. */
struct engine {
	char		 words[16][32];
	int64_t		 ids[16];
	size_t		 n;
	int		 fail_at;	/* fail the nth new article, or 0 */
	int		 twice_at;	/* at the nth, assign the first again */
	int64_t		 first_item;	/* the first article seen */
	int		 calls;
	int		 intervals;
	struct store_activity last;	/* the last activity seen */
	int64_t		 last_dates[32];
};

static struct feed *feed_make(const struct titem *, size_t, int);
static struct store *mem_store(const struct store_hooks *);
static int	 hook_new(void *, struct store *, const struct store_new_item *,
		    char **);
static int	 hook_each(void *, struct store *,
		    const struct store_new_item *, char **);
static int64_t	 hook_interval(void *, const struct store_activity *);
static int	 update(struct store *, const char *, const struct titem *,
		    size_t, int64_t);
static const struct store_story *story_labelled(const struct store_story *,
		    size_t, const char *);
static void	 hot_count(void *, const struct store_hot_item *);
static void	 hot_last(void *, const struct store_hot_item *);
static void	 test_assign(void);
static void	 test_rollback(void);
static void	 test_twice(void);
static void	 test_schedule(void);
static void	 test_group(void);
static void	 test_many(void);
static void	 test_new_rows(void);
static void	 test_follow_poll(void);

static struct engine	 eng;

static struct feed *
feed_make(const struct titem *ti, size_t n, int ttl)
{
	struct feed	*f;
	struct item	*it;
	size_t		 i;

	f = feed_new();
	f->format = FEED_RSS20;
	f->title = xstrdup(ttl >= 0 ? "Feed B" : "Feed A");
	f->language = xstrdup("en");
	f->ttl = ttl;
	for (i = 0; i < n; i++) {
		it = feed_add_item(f);
		it->id = xstrdup(ti[i].id);
		it->title = xstrdup(ti[i].title);
		it->link = ti[i].link != NULL ? xstrdup(ti[i].link) : NULL;
		it->summary = xprintf("About %s.", ti[i].title);
		it->published = ti[i].published;
	}
	return f;
}

/* A store in memory with hooks h (or none), and the test's engine new. */
static struct store *
mem_store(const struct store_hooks *h)
{
	struct store	*s;
	char		*cause = NULL;

	memset(&eng, 0, sizeof eng);
	if ((s = store_open(":memory:", &cause)) == NULL) {
		CHECK(0, "open: %s", cause != NULL ? cause : "");
		free(cause);
		return NULL;
	}
	if (h != NULL)
		store_set_hooks(s, h);
	return s;
}

static int
hook_new(void *ud, struct store *s, const struct store_new_item *ni,
    char **cause)
{
	struct engine	*e = ud;
	char		 word[32];
	size_t		 i;
	int64_t		 id;

	e->calls++;
	if (e->fail_at != 0 && e->calls == e->fail_at) {
		*cause = xstrdup("the engine refused");
		return -1;
	}
	CHECK(ni->item != NULL && ni->feed != NULL, "the hook sees the item");
	CHECK_STR(ni->feed->language, "en", "the hook sees the feed");
	snprintf(word, sizeof word, "%.*s", (int)strcspn(ni->item->title, " "),
	    ni->item->title);
	for (i = 0; i < e->n; i++)
		if (strcmp(e->words[i], word) == 0)
			break;
	if (i == e->n) {
		if (store_story_new(s, ni->time, &id, cause) != 0)
			return -1;
		snprintf(e->words[e->n], sizeof e->words[0], "%s", word);
		e->ids[e->n++] = id;
	}
	if (e->first_item == 0)
		e->first_item = ni->id;
	/* The newest article labels the story, as a centre would. */
	if (store_story_assign(s, ni->id, e->ids[i], ni->time, ni->id,
	    cause) != 0)
		return -1;
	if (e->twice_at != 0 && e->calls == e->twice_at)
		return store_story_assign(s, e->first_item, e->ids[i],
		    ni->time, 0, cause);
	return 0;
}

/*
 * Another engine: an article titled "Join ..." joins the story made
 * last, any other makes a story of its own; the newest article labels.
 */
static int
hook_each(void *ud, struct store *s, const struct store_new_item *ni,
    char **cause)
{
	struct engine	*e = ud;

	e->calls++;
	if (e->fail_at != 0 && e->calls == e->fail_at) {
		*cause = xstrdup("the engine refused");
		return -1;
	}
	if ((strncmp(ni->item->title, "Join", 4) != 0 || e->n == 0) &&
	    store_story_new(s, ni->time, &e->ids[0], cause) != 0)
		return -1;
	e->n = 1;
	return store_story_assign(s, ni->id, e->ids[0], ni->time, ni->id,
	    cause);
}

static int64_t
hook_interval(void *ud, const struct store_activity *a)
{
	struct engine	*e = ud;
	size_t		 i;

	e->intervals++;
	e->last = *a;
	for (i = 0; i < a->ndates && i < 32; i++)
		e->last_dates[i] = a->dates[i];
	e->last.dates = e->last_dates;
	return 1800 + (a->followed ? 0 : 600);
}

static int
update(struct store *s, const char *url, const struct titem *ti, size_t n,
    int64_t now)
{
	struct feed	*f;
	char		*cause = NULL;
	int		 rc;

	f = feed_make(ti, n, strcmp(url, URL_B) == 0 ? 30 : -1);
	rc = store_update_feed(s, url, f, NULL, NULL, now, NULL, &cause);
	if (rc != 0) {
		CHECK(cause != NULL, "a failed update says why");
		free(cause);
	}
	feed_free(f);
	return rc;
}

static const struct store_story *
story_labelled(const struct store_story *v, size_t n, const char *label)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (v[i].label != NULL && strcmp(v[i].label, label) == 0)
			return &v[i];
	return NULL;
}

static void
hot_count(void *ud, const struct store_hot_item *h)
{
	int64_t	*last = ud;

	CHECK(h->time >= last[0], "hot articles come oldest first");
	CHECK(h->story > 0 && h->title != NULL, "hot articles have a story "
	    "and a title");
	CHECK(h->text != NULL && strncmp(h->text, "About ", 6) == 0,
	    "hot articles carry their text");
	CHECK_STR(h->lang, "en", "hot articles carry the feed's language");
	last[0] = h->time;
	last[1]++;
}

/* v[0] a story: v[1] is set to the article of it replayed (one only). */
static void
hot_last(void *ud, const struct store_hot_item *h)
{
	int64_t	*v = ud;

	if (h->story == v[0]) {
		CHECK(v[1] == 0, "one article of the story replayed");
		v[1] = h->id;
	}
}

static const struct titem a1[] = {
	{ "a1", "Flood hits the coast", "http://a.example/1", T0 },
	{ "a2", "Election results are in", "http://a.example/2", T0 + 60 },
	{ "a3", "Flood waters rise again", "http://a.example/3", T0 + 7200 },
};
static const struct titem b1[] = {
	/* The same article as a1, carried by another feed. */
	{ "b1", "Flood hits the coast", "http://a.example/1", T0 + 30 },
	{ "b2", "Concert tonight", NULL, T0 + 100 },
};
static const struct titem b2[] = {
	{ "b1", "Flood hits the coast", "http://a.example/1", T0 + 30 },
	{ "b2", "Concert tonight", NULL, T0 + 100 },
	{ "b3", "Flood clean-up starts", NULL, T0 + 9000 },
};

static void
test_assign(void)
{
	struct store_hooks	 h = { hook_new, hook_interval, &eng };
	struct store		*s;
	struct store_story	*v;
	const struct store_story *fl;
	struct store_story_item	*items;
	struct store_story_query q;
	int64_t			*fresh, story, hot[2] = { 0, 0 }, flood;
	int64_t			 hot_flood[3];
	size_t			 n, ni, nf, i;
	char			*cause = NULL;
	int			 followed;

	if ((s = mem_store(&h)) == NULL)
		return;
	CHECK(update(s, URL_A, a1, 3, T0 + 7300) == 0, "feed A stored");
	CHECK(update(s, URL_B, b1, 2, T0 + 7400) == 0, "feed B stored");
	CHECK(eng.calls == 5, "every new article went to the hook: %d",
	    eng.calls);
	/* Known articles are not new: the hook is not called again. */
	CHECK(update(s, URL_A, a1, 3, T0 + 7500) == 0, "feed A again");
	CHECK(eng.calls == 5, "known articles are not assigned again: %d",
	    eng.calls);

	/* All stories, single ones too. */
	memset(&q, 0, sizeof q);
	CHECK(store_stories(s, &q, &v, &n, &cause) == 0, "stories");
	CHECK(n == 3, "three stories: %zu", n);
	/* Newest first: the flood (T0 + 7200), then the concert. */
	CHECK(n == 3 && v[0].latest == T0 + 7200 && v[1].latest == T0 + 100,
	    "stories by latest article");
	fl = story_labelled(v, n, "Flood hits the coast");
	CHECK(fl != NULL, "the flood story is labelled by its central "
	    "article");
	if (fl != NULL) {
		CHECK(fl->articles == 3, "flood articles: %u", fl->articles);
		CHECK(fl->sources == 2, "flood sources: %u", fl->sources);
		CHECK(fl->unread == 3, "flood unread: %u", fl->unread);
		CHECK(fl->first == T0 && fl->latest == T0 + 7200,
		    "first and latest: %lld %lld", (long long)fl->first,
		    (long long)fl->latest);
		CHECK(!fl->followed && fl->fresh == 0, "not followed");
	}
	flood = fl != NULL ? fl->id : 0;
	store_stories_free(v, n);

	/* Fewer than two articles only when followed. */
	q.min_articles = 2;
	CHECK(store_stories(s, &q, &v, &n, &cause) == 0 && n == 1,
	    "stories of two or more: %zu", n);
	store_stories_free(v, n);

	/* The story's articles in time order, each with its source. */
	CHECK(store_story_items(s, flood, &items, &ni, &cause) == 0,
	    "story items");
	CHECK(ni == 3, "three flood articles: %zu", ni);
	if (ni == 3) {
		CHECK(items[0].time == T0 && items[1].time == T0 + 30 &&
		    items[2].time == T0 + 7200, "oldest first");
		CHECK_STR(items[0].feed_title, "Feed A", "first source");
		CHECK_STR(items[1].feed_title, "Feed B", "second source");
		CHECK_STR(items[1].link, "http://a.example/1", "link kept");
	}
	CHECK(ni > 0 && store_item_story(s, items[0].id, &story, &followed,
	    &cause) == 0 && story == flood && !followed,
	    "an article's story");
	store_story_items_free(items, ni);

	/* Follow: articles joining from now on are new in it. */
	CHECK(store_story_follow(s, flood, 1, &cause) == 0, "follow");
	CHECK(store_story_follow(s, 999, 1, &cause) == -1 && cause != NULL,
	    "following an unknown story fails");
	free(cause);
	cause = NULL;
	CHECK(store_story_fresh(s, &fresh, &nf, &cause) == 0 && nf == 0,
	    "nothing new just after following: %zu", nf);
	free(fresh);
	CHECK(update(s, URL_B, b2, 3, T0 + 9100) == 0, "feed B with more");
	CHECK(eng.last.followed, "feed B carries a followed story: polled "
	    "more often");
	CHECK(store_story_fresh(s, &fresh, &nf, &cause) == 0 && nf == 1,
	    "one article new in the followed story: %zu", nf);
	free(fresh);
	q.min_articles = 0;
	q.followed = 1;
	CHECK(store_stories(s, &q, &v, &n, &cause) == 0 && n == 1 &&
	    v[0].id == flood && v[0].fresh == 1 && v[0].articles == 4 &&
	    v[0].followed, "the followed story, one new of four");
	store_stories_free(v, n);

	/* The hot window: every article of stories near the newest. */
	CHECK(store_story_hot(s, 3600, 0, 0, hot_count, hot, &cause) == 0,
	    "hot window");
	CHECK(hot[1] == 4, "within an hour of the newest story: %lld "
	    "articles", (long long)hot[1]);
	hot[0] = hot[1] = 0;
	CHECK(store_story_hot(s, 30 * DAY, 0, 0, hot_count, hot, &cause) ==
	    0 && hot[1] == 6, "within a month: %lld", (long long)hot[1]);
	hot[0] = hot[1] = 0;
	CHECK(store_story_hot(s, 30 * DAY, 1, 0, hot_count, hot, &cause) ==
	    0 && hot[1] == 4, "the latest story only: %lld",
	    (long long)hot[1]);
	hot[0] = hot[1] = 0;
	CHECK(store_story_hot(s, 30 * DAY, 0, 2, hot_count, hot, &cause) ==
	    0 && hot[1] == 4, "two articles of each story at most: %lld",
	    (long long)hot[1]);
	/* One at most: the last stored of each story, the flood's b3. */
	hot_flood[0] = flood;
	hot_flood[1] = 0;
	CHECK(store_story_items(s, flood, &items, &ni, &cause) == 0 &&
	    ni == 4, "four flood articles now: %zu", ni);
	for (i = 0, hot_flood[2] = 0; i < ni; i++)
		if (items[i].id > hot_flood[2])
			hot_flood[2] = items[i].id;
	store_story_items_free(items, ni);
	CHECK(store_story_hot(s, 30 * DAY, 0, 1, hot_last, hot_flood,
	    &cause) == 0 && hot_flood[1] == hot_flood[2], "the flood's "
	    "last stored article is the one replayed: %lld, want %lld",
	    (long long)hot_flood[1], (long long)hot_flood[2]);

	/* Marking the story read clears what is new in it. */
	CHECK(store_story_set_read(s, flood, 1, &cause) == 0, "story read");
	CHECK(store_story_fresh(s, &fresh, &nf, &cause) == 0 && nf == 0,
	    "nothing new once read");
	free(fresh);
	q.followed = 0;
	CHECK(store_stories(s, &q, &v, &n, &cause) == 0, "stories again");
	fl = story_labelled(v, n, "Flood clean-up starts");
	CHECK(fl != NULL && fl->unread == 0, "every flood article read");
	for (i = 0; i < n; i++)
		if (v[i].id != flood)
			CHECK(v[i].unread == 1, "other stories stay unread");
	store_stories_free(v, n);
	CHECK(store_story_follow(s, flood, 0, &cause) == 0, "unfollow");
	store_close(s);
}

/* A hook failing on the second new article: nothing of the feed stays. */
static void
test_rollback(void)
{
	struct store_hooks	 h = { hook_new, NULL, &eng };
	struct store_query	 lq;
	struct store_item	*items;
	struct store_story	*v;
	struct store		*s;
	size_t			 n;
	char			*cause = NULL;

	if ((s = mem_store(&h)) == NULL)
		return;
	eng.fail_at = 2;
	CHECK(update(s, URL_A, a1, 3, T0) == -1, "a failing hook fails the "
	    "update");
	memset(&lq, 0, sizeof lq);
	CHECK(store_list(s, &lq, &items, &n, &cause) == 0 && n == 0,
	    "no article without its story: %zu", n);
	store_items_free(items, n);
	CHECK(store_stories(s, NULL, &v, &n, &cause) == 0 && n == 0,
	    "no story without its articles: %zu", n);
	store_stories_free(v, n);
	eng.fail_at = 0;
	eng.n = 0;
	CHECK(update(s, URL_A, a1, 3, T0) == 0, "stored on a second try");
	CHECK(store_stories(s, NULL, &v, &n, &cause) == 0 && n == 2,
	    "then two stories: %zu", n);
	store_stories_free(v, n);
	store_close(s);
}

/*
 * An article given a story twice (a bug in the engine) fails the
 * update with SQLite's reason, whether the second row is written in a
 * statement of several rows (one article, or three) or alone (two),
 * and leaves nothing of the feed behind.
 */
static void
test_twice(void)
{
	struct store_hooks	 h = { hook_new, NULL, &eng };
	struct store_query	 lq;
	struct store_item	*items;
	struct store		*s;
	struct feed		*f;
	size_t			 n, k;
	char			*cause = NULL;

	for (k = 1; k <= 3; k++) {
		if ((s = mem_store(&h)) == NULL)
			return;
		eng.twice_at = (int)k;
		f = feed_make(a1, k, -1);
		CHECK(store_update_feed(s, URL_A, f, NULL, NULL, T0, NULL,
		    &cause) == -1, "%zu articles: a second story fails", k);
		CHECK(cause != NULL && strstr(cause, "story_items") != NULL,
		    "%zu articles: the reason is SQLite's: %s", k,
		    cause != NULL ? cause : "none");
		free(cause);
		cause = NULL;
		feed_free(f);
		memset(&lq, 0, sizeof lq);
		CHECK(store_list(s, &lq, &items, &n, &cause) == 0 && n == 0,
		    "%zu articles: none stored: %zu", k, n);
		store_items_free(items, n);
		store_close(s);
	}
}

/* The interval hook sees the feed's activity; next due follows it. */
static void
test_schedule(void)
{
	struct store_hooks	 h = { NULL, hook_interval, &eng };
	struct store_feed_state	 st;
	struct store		*s;
	char			*cause = NULL;

	if ((s = mem_store(NULL)) == NULL)
		return;
	CHECK(store_feed_state(s, URL_B, &st, &cause) == 0 &&
	    st.next_due == FEED_NOTIME, "an unknown feed is due");
	store_feed_state_clear(&st);
	store_set_hooks(s, &h);
	store_set_max_age(s, 900);
	CHECK(update(s, URL_B, b2, 3, T0 + 9100) == 0, "feed B stored");
	CHECK(eng.intervals == 1, "one schedule per update: %d",
	    eng.intervals);
	CHECK(eng.last.ndates == 3 && eng.last_dates[0] == T0 + 9000 &&
	    eng.last_dates[2] == T0 + 30, "the dates, newest first");
	CHECK(eng.last.ttl == 30, "the ttl: %d", eng.last.ttl);
	CHECK(eng.last.max_age == 900, "the caching lifetime: %lld",
	    (long long)eng.last.max_age);
	CHECK(eng.last.now == T0 + 9100 && !eng.last.followed, "now, and "
	    "no followed story");
	CHECK(store_feed_state(s, URL_B, &st, &cause) == 0 &&
	    st.next_due == T0 + 9100 + 2400, "due a poll interval after the "
	    "check: %lld", (long long)st.next_due);
	store_feed_state_clear(&st);
	/* The caching lifetime was for that answer only. */
	CHECK(update(s, URL_B, b2, 3, T0 + 9200) == 0, "feed B again");
	CHECK(eng.last.max_age == -1, "no lifetime without a header");
	/* A 304 or a failure moves the next check on by the interval. */
	CHECK(store_feed_checked(s, URL_B, T0 + 20000, NULL, NULL,
	    &cause) == 0, "checked");
	CHECK(store_feed_state(s, URL_B, &st, &cause) == 0 &&
	    st.next_due == T0 + 20000 + 2400, "due after a 304: %lld",
	    (long long)st.next_due);
	store_feed_state_clear(&st);
	store_close(s);
}

/* A story's articles, oldest first, as store_story_items gives them. */
static void
test_group(void)
{
	static const struct store_story_item v[] = {
		{ 1, 10, "Wire", "Dike breach floods villages", "http://w/1",
		    100, 1, 0, 0 },
		/* The same link from another feed. */
		{ 2, 20, "Daily", "Villages flooded", "http://w/1", 110, 0, 0,
		    0 },
		/* The same title, folded, without a link. */
		{ 3, 30, "Post", "DIKE breach: floods villages!", NULL, 120, 1,
		    0, 1 },
		{ 4, 20, "Daily", "The dike is closed", "http://d/2", 200, 1, 0,
		    0 },
		/* A second feed of the same name carries it again. */
		{ 5, 40, "Daily", "The dike is closed", "http://d/2", 210, 1,
		    0, 0 },
		/* No title and no link: alone. */
		{ 6, 10, "Wire", NULL, NULL, 300, 0, 0, 0 },
		{ 7, 30, "Post", NULL, NULL, 310, 0, 0, 0 },
	};
	struct track_entry	*es;
	size_t			 n;

	track_group(v, sizeof v / sizeof *v, &es, &n);
	CHECK(n == 4, "four entries for seven articles: %zu", n);
	if (n == 4) {
		CHECK(es[0].item == 0 && es[0].nids == 3 && es[0].ids[1] == 2 &&
		    es[0].ids[2] == 3, "same link and same title join the "
		    "first");
		CHECK_STR(es[0].sources, "Wire, Daily, Post", "its sources");
		CHECK(es[0].nsources == 3 && strcmp(es[0].srcs[2], "Post") ==
		    0, "its sources one by one");
		CHECK(!es[0].read, "unread while one copy is unread");
		CHECK(es[0].fresh, "new when one copy is new");
		CHECK(es[1].item == 3 && es[1].nids == 2, "a later duplicate");
		CHECK_STR(es[1].sources, "Daily", "a source named once");
		CHECK(es[1].read && !es[1].fresh, "read when all copies are");
		CHECK(es[2].nids == 1 && es[3].nids == 1,
		    "articles without title or link stay apart");
	}
	track_entries_free(es, n);
	track_group(NULL, 0, &es, &n);
	CHECK(n == 0, "no articles, no entries");
	track_entries_free(es, n);
}

/*
 * A feed of 300 new articles in two stories: their rows of story_items
 * are written in batches (the last of them 32 + 8 + 4 rows), and every
 * article is in its story, once.
 */
static void
test_many(void)
{
	struct store_hooks	 h = { hook_new, NULL, &eng };
	struct titem		 ti[300];
	struct store_story	*v;
	struct store_story_item	*items;
	const struct store_story *st;
	struct store		*s;
	char			*cause = NULL, *ids[300], *titles[300];
	size_t			 i, n, ni;
	int64_t			 story;
	int			 followed;

	if ((s = mem_store(&h)) == NULL)
		return;
	for (i = 0; i < 300; i++) {
		ids[i] = xprintf("m%zu", i);
		titles[i] = xprintf("%s number %zu", i % 3 == 0 ? "Beta" :
		    "Alpha", i);
		ti[i].id = ids[i];
		ti[i].title = titles[i];
		ti[i].link = NULL;
		ti[i].published = T0 + (int64_t)i;
	}
	CHECK(update(s, URL_A, ti, 300, T0 + 400) == 0, "300 articles stored");
	CHECK(store_stories(s, NULL, &v, &n, &cause) == 0 && n == 2,
	    "in two stories: %zu", n);
	for (i = 0; i < n; i++) {
		st = &v[i];
		CHECK(st->articles == (strncmp(st->label, "Beta", 4) == 0 ?
		    100u : 200u), "%s has %u articles", st->label,
		    st->articles);
		CHECK(store_story_items(s, st->id, &items, &ni, &cause) == 0 &&
		    ni == st->articles, "%s lists %zu articles", st->label,
		    ni);
		store_story_items_free(items, ni);
	}
	store_stories_free(v, n);
	for (i = 0; i < 300; i += 37) {
		CHECK(store_item_story(s, (int64_t)i + 1, &story, &followed,
		    &cause) == 0 && story == eng.ids[i % 3 == 0 ? 0 : 1],
		    "article %zu is in its story", i);
	}
	for (i = 0; i < 300; i++) {
		free(ids[i]);
		free(titles[i]);
	}
	store_close(s);
}

/*
 * A feed of 150 articles making 100 stories, every third article joining
 * the story before it: the store holds back fewer new stories than that
 * and writes them as it goes, so some articles join a story whose row is
 * written already.  Every story has its articles, times and label, and
 * ids go on from the last story kept, also after a failed feed.
 */
static void
test_new_rows(void)
{
	struct store_hooks	 h = { hook_each, NULL, &eng };
	struct store_story_query q = { 0, 1, 0 };
	struct titem		 ti[150];
	struct store_story	*v;
	struct store_story_item	*items;
	struct store		*s;
	char			*cause = NULL, *ids[150], *titles[150];
	size_t			 i, n, ni, bad;
	int64_t			 first, story;
	int			 followed;

	if ((s = mem_store(&h)) == NULL)
		return;
	for (i = 0; i < 150; i++) {
		ids[i] = xprintf("n%zu", i);
		titles[i] = xprintf("%s %zu", i % 3 == 2 ? "Join" : "Story",
		    i);
		ti[i].id = ids[i];
		ti[i].title = titles[i];
		ti[i].link = NULL;
		ti[i].published = T0 + 10 * (int64_t)i;
	}
	CHECK(update(s, URL_A, ti, 150, T0 + 2000) == 0, "150 articles stored");
	CHECK(store_stories(s, &q, &v, &n, &cause) == 0 && n == 100,
	    "in 100 stories: %zu", n);
	for (i = bad = 0; i < n; i++) {
		/* Newest first: story k (from 99) began with article 3k/2. */
		first = T0 + 10 * (int64_t)((99 - i) / 2 * 3 + (99 - i) % 2);
		if (v[i].first != first || v[i].latest != ((99 - i) % 2 == 1 ?
		    first + 10 : first) || v[i].articles != ((99 - i) % 2 ==
		    1 ? 2u : 1u) || strcmp(v[i].label, (99 - i) % 2 == 1 ?
		    titles[(99 - i) / 2 * 3 + 2] : titles[(99 - i) / 2 * 3 +
		    (99 - i) % 2]) != 0)
			bad++;
	}
	CHECK(bad == 0, "each story's times, articles and label: %zu wrong",
	    bad);
	store_stories_free(v, n);
	CHECK(store_item_story(s, 150, &story, &followed, &cause) == 0 &&
	    story == eng.ids[0] && store_story_items(s, story, &items, &ni,
	    &cause) == 0 && ni == 2, "the last article joined the story "
	    "before it: %zu articles", ni);
	store_story_items_free(items, ni);

	/* A failed feed writes no story, and takes no id away. */
	story = eng.ids[0];
	eng.calls = 0;
	eng.fail_at = 70;
	for (i = 0; i < 150; i++)
		ids[i][0] = 'o';
	CHECK(update(s, URL_B, ti, 150, T0 + 2000) == -1, "a failing hook "
	    "fails the update");
	CHECK(store_stories(s, &q, &v, &n, &cause) == 0 && n == 100,
	    "still 100 stories: %zu", n);
	store_stories_free(v, n);
	eng.fail_at = 0;
	eng.n = 0;
	CHECK(update(s, URL_B, ti, 150, T0 + 2000) == 0 &&
	    eng.ids[0] == story + 100, "the next feed's stories go on from "
	    "%lld: the last is %lld", (long long)story,
	    (long long)eng.ids[0]);
	for (i = 0; i < 150; i++) {
		free(ids[i]);
		free(titles[i]);
	}
	store_close(s);
}

/*
 * A feed is polled as one carrying a followed story only when one of its
 * articles is in such a story, not when another feed's is.
 */
static void
test_follow_poll(void)
{
	static const struct titem concert[] = {
		{ "c1", "Concert reviews are in", NULL, T0 + 200 },
	};
	static const struct titem flood[] = {
		{ "c2", "Flood barriers hold", NULL, T0 + 300 },
	};
	struct store_hooks	 h = { hook_new, hook_interval, &eng };
	struct store		*s;
	char			*cause = NULL;

	if ((s = mem_store(&h)) == NULL)
		return;
	CHECK(update(s, URL_A, a1, 3, T0) == 0 && !eng.last.followed,
	    "nothing followed yet");
	CHECK(store_story_follow(s, eng.ids[0], 1, &cause) == 0,
	    "follow the flood");
	CHECK(update(s, URL_B, concert, 1, T0 + 200) == 0 &&
	    !eng.last.followed, "a feed without it is not polled more");
	CHECK(update(s, URL_B, flood, 1, T0 + 300) == 0 && eng.last.followed,
	    "once it carries the followed story, it is");
	store_close(s);
}

int
main(void)
{
	test_assign();
	test_rollback();
	test_twice();
	test_schedule();
	test_group();
	test_many();
	test_new_rows();
	test_follow_poll();
	return test_exit("test-stories-store");
}
