/*
 * test-store: the cache through its public API only.  A script of feed
 * updates with the counts each must give, a table of list queries with
 * the titles each must return, the feed state round trip, and the ways a
 * cache can be unusable: read-only, corrupt, from a newer schema, a full
 * disk, another process writing at the same time.
 */
#include "config.h"

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "feed.h"
#include "store.h"
#include "test.h"
#include "xmalloc.h"

#define URL_A		"http://a.example/feed"
#define URL_B		"http://b.example/rss"
#define URL_NONE	"http://none.example/"
#define T0		10000	/* the first check */
#define NUL		FEED_NOTIME

/* An item to build; a NULL id and link give a hash key. */
struct titem {
	const char	*id;
	const char	*link;
	const char	*title;
	const char	*summary;
	const char	*content;
	int64_t		 published;
};

/* One update of the script and what it must report. */
struct step {
	const char		*what;
	const char		*url;
	const struct titem	*items;
	size_t			 nitems;
	int64_t			 now;
	unsigned		 new_items;
	unsigned		 updated_items;
	unsigned		 unchanged_items;
};

/* One list query and the titles it must return, in order. */
struct lcase {
	const char	*what;
	const char	*feed_url;
	int		 unread;
	int		 updated;
	int		 starred;
	size_t		 limit;
	const char	*want;		/* titles joined by "|" */
};

static const struct titem a_v1[] = {
	{ "a1", "http://a.example/1", "A one", "sum 1", NULL, 1000 },
	{ "a2", "http://a.example/2", "A two", NULL, "<p>two</p>", 2000 },
	{ "a3", "http://a.example/3", "A three", "sum 3", NULL, 3000 },
};
/* a2 has a new title. */
static const struct titem a_v2[] = {
	{ "a1", "http://a.example/1", "A one", "sum 1", NULL, 1000 },
	{ "a2", "http://a.example/2", "A two (fixed)", NULL, "<p>two</p>",
	  2000 },
	{ "a3", "http://a.example/3", "A three", "sum 3", NULL, 3000 },
};
/* An empty summary for an absent one, and a1 only: not a change. */
static const struct titem a_v3[] = {
	{ "a1", "http://a.example/1", "A one", "sum 1", "", 1000 },
	{ "a2", "http://a.example/2", "A two (fixed)", "", "<p>two</p>",
	  2000 },
};
/* a3 twice: the first wins, so it is unchanged and not updated. */
static const struct titem a_v4[] = {
	{ "a3", "http://a.example/3", "A three", "sum 3", NULL, 3000 },
	{ "a3", "http://a.example/3", "A three, again", "other", NULL, 3000 },
	{ "a1", "http://a.example/1", "A one", "sum 1", NULL, 1000 },
};
/* b1 shares a3's date; b2 has neither id nor link nor date. */
static const struct titem b_v1[] = {
	{ "b1", NULL, "B one", NULL, NULL, 3000 },
	{ NULL, NULL, "B two", "no identity", NULL, NUL },
	{ NULL, "http://b.example/3", "B three", NULL, NULL, 500 },
};
/* The same in another order: the hash key is stable. */
static const struct titem b_v2[] = {
	{ NULL, "http://b.example/3", "B three", NULL, NULL, 500 },
	{ NULL, NULL, "B two", "no identity", NULL, NUL },
	{ "b1", NULL, "B one", NULL, NULL, 3000 },
};

#define N(a)	(sizeof (a) / sizeof (a)[0])

static const struct step script_first[] = {
	{ "feed A, new", URL_A, a_v1, N(a_v1), T0, 3, 0, 0 },
	{ "feed A, again", URL_A, a_v1, N(a_v1), T0 + 10, 0, 0, 3 },
	{ "feed B, new", URL_B, b_v1, N(b_v1), T0 + 100, 3, 0, 0 },
};
/* After marks are set and the cache is reopened. */
static const struct step script_second[] = {
	{ "feed A, a2 retitled", URL_A, a_v2, N(a_v2), T0 + 200, 0, 1, 2 },
	{ "feed A, NULL and \"\" the same", URL_A, a_v3, N(a_v3), T0 + 300,
	  0, 0, 2 },
	{ "feed A, a duplicate key", URL_A, a_v4, N(a_v4), T0 + 400, 0, 0,
	  3 },
	{ "feed B, reordered", URL_B, b_v2, N(b_v2), T0 + 500, 0, 0, 3 },
	{ "empty feed", URL_NONE, NULL, 0, T0 + 600, 0, 0, 0 },
};

/*
 * Newest first: B two was first seen at T0 + 100; B one and A three share
 * a date and B one came later.  A one is read, B one is read and starred,
 * A two is starred and updated.
 */
static const struct lcase lists[] = {
	{ "everything", NULL, 0, 0, 0, 0,
	  "B two|B one|A three|A two (fixed)|A one|B three" },
	{ "unread", NULL, 1, 0, 0, 0,
	  "B two|A three|A two (fixed)|B three" },
	{ "updated", NULL, 0, 1, 0, 0, "A two (fixed)" },
	{ "starred", NULL, 0, 0, 1, 0, "B one|A two (fixed)" },
	{ "unread and starred", NULL, 1, 0, 1, 0, "A two (fixed)" },
	{ "feed A", URL_A, 0, 0, 0, 0, "A three|A two (fixed)|A one" },
	{ "feed A unread", URL_A, 1, 0, 0, 0, "A three|A two (fixed)" },
	{ "feed B starred", URL_B, 0, 0, 1, 0, "B one" },
	{ "feed B updated", URL_B, 0, 1, 0, 0, "" },
	{ "limit 2", NULL, 0, 0, 0, 2, "B two|B one" },
	{ "feed A limit 1", URL_A, 0, 0, 0, 1, "A three" },
	{ "unread limit 3", NULL, 1, 0, 0, 3, "B two|A three|A two (fixed)" },
	{ "an unknown feed", "http://unknown.example/", 0, 0, 0, 0, "" },
	{ "a feed without items", URL_NONE, 0, 0, 0, 0, "" },
};

static char	 tmpdir[] = "/tmp/test-store.XXXXXX";

static struct feed *feed_make(const struct titem *, size_t);
static int	 run_step(struct store *, const struct step *);
static char	*list_titles(struct store *, const struct store_query *);
static const struct store_item *find_title(const struct store_item *,
		    size_t, const char *);
static char	*tmp_path(const char *);
static void	 remove_db(const char *);
static int	 copy_file(const char *, const char *);
static long	 file_user_version(const char *);
static int	 set_user_version(const char *, long);
static void	 check_lists(struct store *);
static void	 test_memory(void);
static void	 test_file(void);
static void	 test_state(void);
static void	 test_rollback(void);
static void	 test_newer(void);
static void	 test_corrupt(void);
static void	 test_unopenable(void);
static void	 test_readonly(void);
static int	 readonly_checks(const char *, const char *);
static void	 test_full(void);
static void	 test_group(void);
static void	 test_concurrent(void);
static void	 test_reader(void);
static void	 test_row_order(void);
static void	 test_row_ties(void);
static void	 test_revisions(void);

/* Builds a feed "Feed" with the given items, categories and enclosures. */
static struct feed *
feed_make(const struct titem *ti, size_t n)
{
	struct feed	*f;
	struct item	*it;
	size_t		 i;

	f = feed_new();
	f->format = FEED_RSS20;
	f->title = xstrdup("Feed");
	f->link = xstrdup("http://example/");
	for (i = 0; i < n; i++) {
		it = feed_add_item(f);
		it->id = ti[i].id ? xstrdup(ti[i].id) : NULL;
		it->link = ti[i].link ? xstrdup(ti[i].link) : NULL;
		it->title = ti[i].title ? xstrdup(ti[i].title) : NULL;
		it->summary = ti[i].summary ? xstrdup(ti[i].summary) : NULL;
		it->content = ti[i].content ? xstrdup(ti[i].content) : NULL;
		it->content_html = it->content != NULL;
		it->published = ti[i].published;
		it->author = xstrdup("Au Thor");
		it->ncategories = 2;
		it->categories = xcalloc(2, sizeof *it->categories);
		it->categories[0] = xstrdup("news");
		it->categories[1] = xstrdup(ti[i].title);
		it->nenclosures = 1;
		it->enclosures = xcalloc(1, sizeof *it->enclosures);
		it->enclosures[0].url = xprintf("http://cdn.example/%zu.mp3",
		    i);
		it->enclosures[0].type = xstrdup("audio/mpeg");
		it->enclosures[0].length = (int64_t)i * 1000 - 1;
	}
	return f;
}

/* Runs one update and checks its counts; 0 when it succeeded. */
static int
run_step(struct store *st, const struct step *sp)
{
	struct store_counts	 c;
	struct feed		*f;
	char			*cause = NULL, *etag;
	int			 rv;

	f = feed_make(sp->items, sp->nitems);
	etag = xprintf("\"%lld\"", (long long)sp->now);
	rv = store_update_feed(st, sp->url, f, etag, "Sat, 01 Jan 2000 "
	    "00:00:00 GMT", sp->now, &c, &cause);
	CHECK(rv == 0, "%s: update: %s", sp->what, cause ? cause : "?");
	if (rv == 0) {
		CHECK(c.new_items == sp->new_items &&
		    c.updated_items == sp->updated_items &&
		    c.unchanged_items == sp->unchanged_items,
		    "%s: counts %u/%u/%u, want %u/%u/%u", sp->what,
		    c.new_items, c.updated_items, c.unchanged_items,
		    sp->new_items, sp->updated_items, sp->unchanged_items);
	}
	free(cause);
	free(etag);
	feed_free(f);
	return rv;
}

/* The titles a query returns, joined by "|"; allocated. */
static char *
list_titles(struct store *st, const struct store_query *q)
{
	struct store_item	*items;
	struct buf		 b;
	size_t			 n, i;
	char			*cause = NULL;

	if (store_list(st, q, &items, &n, &cause) != 0) {
		CHECK(0, "store_list: %s", cause ? cause : "?");
		free(cause);
		return xstrdup("(failed)");
	}
	buf_init(&b, BUF_NOLIMIT);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addc(&b, '|');
		if (items[i].title != NULL)
			buf_adds(&b, items[i].title);
	}
	store_items_free(items, n);
	return buf_detach(&b);
}

static const struct store_item *
find_title(const struct store_item *items, size_t n, const char *title)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (items[i].title != NULL && strcmp(items[i].title,
		    title) == 0)
			return &items[i];
	}
	return NULL;
}

static char *
tmp_path(const char *name)
{
	return xprintf("%s/%s", tmpdir, name);
}

/* Removes a database file and its WAL companions. */
static void
remove_db(const char *path)
{
	char	*p;

	unlink(path);
	p = xprintf("%s-wal", path);
	unlink(p);
	free(p);
	p = xprintf("%s-shm", path);
	unlink(p);
	free(p);
}

static int
copy_file(const char *from, const char *to)
{
	FILE	*in, *out;
	char	 b[8192];
	size_t	 n;
	int	 rv = 0;

	if ((in = fopen(from, "rb")) == NULL)
		return -1;
	if ((out = fopen(to, "wb")) == NULL) {
		fclose(in);
		return -1;
	}
	while ((n = fread(b, 1, sizeof b, in)) > 0) {
		if (fwrite(b, 1, n, out) != n)
			rv = -1;
	}
	if (ferror(in))
		rv = -1;
	fclose(in);
	if (fclose(out) != 0)
		rv = -1;
	return rv;
}

/* The schema version in a closed database's header (offset 60), or -1. */
static long
file_user_version(const char *path)
{
	unsigned char	 b[4];
	int		 fd;
	ssize_t		 r;

	if ((fd = open(path, O_RDONLY)) == -1)
		return -1;
	r = pread(fd, b, sizeof b, 60);
	close(fd);
	if (r != (ssize_t)sizeof b)
		return -1;
	return ((long)b[0] << 24) | ((long)b[1] << 16) | ((long)b[2] << 8) |
	    (long)b[3];
}

static int
set_user_version(const char *path, long v)
{
	unsigned char	 b[4];
	int		 fd, rv;

	b[0] = (v >> 24) & 0xff;
	b[1] = (v >> 16) & 0xff;
	b[2] = (v >> 8) & 0xff;
	b[3] = v & 0xff;
	if ((fd = open(path, O_WRONLY)) == -1)
		return -1;
	rv = pwrite(fd, b, sizeof b, 60) == (ssize_t)sizeof b ? 0 : -1;
	if (close(fd) != 0)
		rv = -1;
	return rv;
}

static void
check_lists(struct store *st)
{
	struct store_query	 q;
	size_t			 i;
	char			*got;

	for (i = 0; i < N(lists); i++) {
		memset(&q, 0, sizeof q);
		q.feed_url = lists[i].feed_url;
		q.unread = lists[i].unread;
		q.updated = lists[i].updated;
		q.starred = lists[i].starred;
		q.limit = lists[i].limit;
		got = list_titles(st, &q);
		CHECK_STR(got, lists[i].want, lists[i].what);
		free(got);
	}
	got = list_titles(st, NULL);
	CHECK_STR(got, lists[0].want, "no query is every article");
	free(got);
}

/* The whole script in memory. */
static void
test_memory(void)
{
	struct store	*st;
	char		*cause = NULL;
	size_t		 i;

	st = store_open(":memory:", &cause);
	CHECK(st != NULL, ":memory: opens: %s", cause ? cause : "?");
	free(cause);
	if (st == NULL)
		return;
	for (i = 0; i < N(script_first); i++)
		run_step(st, &script_first[i]);
	for (i = 0; i < N(script_second); i++)
		run_step(st, &script_second[i]);
	store_close(st);
	store_close(NULL);
}

/* The script on a file, reopened between parts; marks; lists. */
static void
test_file(void)
{
	struct store			*st;
	struct store_item		*items = NULL;
	const struct store_item		*a1, *a2, *b1, *b2, *b3;
	struct feed			*f;
	size_t				 n = 0, i;
	char				*cause = NULL, *path, *key;

	path = tmp_path("cache.db");
	st = store_open(path, &cause);
	CHECK(st != NULL, "a new file opens: %s", cause ? cause : "?");
	free(cause);
	cause = NULL;
	if (st == NULL)
		goto out;
	for (i = 0; i < N(script_first); i++)
		run_step(st, &script_first[i]);
	CHECK(access(path, F_OK) == 0, "the file exists");
	store_close(st);
	CHECK(file_user_version(path) >= 1, "schema version set: %ld",
	    file_user_version(path));

	st = store_open(path, &cause);
	CHECK(st != NULL, "reopens: %s", cause ? cause : "?");
	free(cause);
	cause = NULL;
	if (st == NULL)
		goto out;
	if (store_list(st, NULL, &items, &n, &cause) != 0) {
		CHECK(0, "list: %s", cause);
		goto out;
	}
	CHECK(n == 6, "reopened cache keeps 6 articles, has %zu", n);
	a1 = find_title(items, n, "A one");
	a2 = find_title(items, n, "A two");
	b1 = find_title(items, n, "B one");
	b2 = find_title(items, n, "B two");
	b3 = find_title(items, n, "B three");
	CHECK(a1 && a2 && b1 && b2 && b3, "every article listed");
	if (!(a1 && a2 && b1 && b2 && b3))
		goto out;

	/* What a list shows of an article. */
	CHECK_STR(a1->feed_url, URL_A, "feed_url");
	CHECK_STR(a1->feed_title, "Feed", "feed_title");
	CHECK_STR(a1->key, "a1", "key is the id");
	CHECK_STR(b3->key, "http://b.example/3", "key is the link");
	CHECK_STR(a1->link, "http://a.example/1", "link");
	CHECK_STR(a1->author, "Au Thor", "author");
	CHECK(a1->published == 1000, "published %lld",
	    (long long)a1->published);
	CHECK(a1->updated == FEED_NOTIME, "no updated date is FEED_NOTIME");
	CHECK(a1->first_seen == T0 && a1->last_seen == T0 + 10,
	    "first and last seen %lld %lld", (long long)a1->first_seen,
	    (long long)a1->last_seen);
	CHECK(!a1->read && !a1->starred && !a1->is_updated, "no marks yet");
	CHECK(b2->published == FEED_NOTIME && b2->first_seen == T0 + 100,
	    "undated article");
	f = feed_make(&b_v1[1], 1);
	key = item_key(&f->items[0]);
	CHECK(b2->key != NULL && strncmp(b2->key, "hash:", 5) == 0,
	    "no id or link: a hash key, %s", b2->key ? b2->key : "(null)");
	CHECK_STR(b2->key, key, "the hash key is item_key's");
	free(key);
	feed_free(f);

	/* Marks, which updates must keep. */
	CHECK(store_set_read(st, a1->id, 1, &cause) == 0, "read: %s",
	    cause ? cause : "?");
	CHECK(store_set_read(st, b1->id, 1, &cause) == 0, "read b1");
	CHECK(store_set_starred(st, b1->id, 1, &cause) == 0, "star b1");
	CHECK(store_set_starred(st, a2->id, 1, &cause) == 0, "star a2");
	CHECK(store_set_read(st, a2->id, 1, &cause) == 0, "read a2");
	CHECK(store_set_read(st, a2->id, 0, &cause) == 0, "unread a2");
	free(cause);
	cause = NULL;
	CHECK(store_set_read(st, 999999, 1, &cause) == -1 && cause != NULL &&
	    strstr(cause, path) != NULL, "an unknown article: %s",
	    cause ? cause : "(no message)");
	free(cause);
	cause = NULL;
	store_items_free(items, n);
	items = NULL;
	store_close(st);

	st = store_open(path, &cause);
	CHECK(st != NULL, "reopens again: %s", cause ? cause : "?");
	free(cause);
	cause = NULL;
	if (st == NULL)
		goto out;
	for (i = 0; i < N(script_second); i++)
		run_step(st, &script_second[i]);
	check_lists(st);

	if (store_list(st, NULL, &items, &n, &cause) != 0) {
		CHECK(0, "list: %s", cause);
		goto out;
	}
	a1 = find_title(items, n, "A one");
	a2 = find_title(items, n, "A two (fixed)");
	b1 = find_title(items, n, "B one");
	CHECK(find_title(items, n, "A two") == NULL, "old title gone");
	CHECK(find_title(items, n, "A three, again") == NULL,
	    "a duplicate key does not win");
	if (a1 && a2 && b1) {
		CHECK(a1->read && !a1->starred && !a1->is_updated,
		    "a1 marks kept");
		CHECK(!a2->read && a2->starred && a2->is_updated,
		    "a2 updated, star kept");
		CHECK(b1->read && b1->starred && !b1->is_updated,
		    "b1 marks kept");
		CHECK(a2->first_seen == T0 && a2->last_seen == T0 + 300,
		    "a2 seen %lld..%lld", (long long)a2->first_seen,
		    (long long)a2->last_seen);
		CHECK(a1->last_seen == T0 + 400, "a1 last seen");
	} else
		CHECK(0, "articles after the second script");
	/* Articles that left the feed stay. */
	CHECK(find_title(items, n, "A three") != NULL, "a3 stays");
	store_close(st);

out:
	store_items_free(items, n);
	free(cause);
	free(path);
}

/* What a fetch reads back: validators, the last check, 410, moves. */
static void
test_state(void)
{
	struct store_feed_state	 fs;
	struct store		*st;
	struct feed		*f;
	char			*cause = NULL;

	if ((st = store_open(":memory:", &cause)) == NULL) {
		CHECK(0, "open: %s", cause);
		free(cause);
		return;
	}
	CHECK(store_feed_state(st, URL_A, &fs, &cause) == 0, "unknown feed");
	CHECK(fs.etag == NULL && fs.last_modified == NULL &&
	    fs.checked == FEED_NOTIME && !fs.gone && fs.moved_to == NULL,
	    "an unknown feed's state is empty");
	store_feed_state_clear(&fs);

	f = feed_make(a_v1, 1);
	CHECK(store_update_feed(st, URL_A, f, "\"v1\"", "Mon, 02 Jan 2006 "
	    "15:04:05 GMT", T0, NULL, &cause) == 0, "update without counts");
	CHECK(store_feed_state(st, URL_A, &fs, &cause) == 0, "state");
	CHECK_STR(fs.etag, "\"v1\"", "etag");
	CHECK_STR(fs.last_modified, "Mon, 02 Jan 2006 15:04:05 GMT",
	    "last_modified");
	CHECK(fs.checked == T0, "checked %lld", (long long)fs.checked);
	store_feed_state_clear(&fs);
	CHECK(fs.etag == NULL && fs.checked == FEED_NOTIME, "clear empties");
	store_feed_state_clear(NULL);

	CHECK(store_feed_checked(st, URL_A, T0 + 1, "fetch", "timed out",
	    &cause) == 0, "a failed check");
	CHECK(store_feed_checked(st, URL_A, T0 + 2, NULL, NULL, &cause) == 0,
	    "a 304");
	CHECK(store_feed_gone(st, URL_A, 1, &cause) == 0, "gone");
	CHECK(store_feed_moved(st, URL_A, "https://a.example/new", &cause) ==
	    0, "moved");
	CHECK(store_feed_state(st, URL_A, &fs, &cause) == 0, "state");
	CHECK_STR(fs.etag, "\"v1\"", "a check keeps the etag");
	CHECK(fs.checked == T0 + 2, "checked after 304");
	CHECK(fs.gone, "gone set");
	CHECK_STR(fs.moved_to, "https://a.example/new", "moved_to");
	store_feed_state_clear(&fs);

	CHECK(store_feed_gone(st, URL_A, 0, &cause) == 0, "not gone");
	CHECK(store_feed_moved(st, URL_A, NULL, &cause) == 0, "not moved");
	CHECK(store_update_feed(st, URL_A, f, NULL, NULL, T0 + 3, NULL,
	    &cause) == 0, "update without validators");
	CHECK(store_feed_state(st, URL_A, &fs, &cause) == 0, "state");
	CHECK(!fs.gone && fs.moved_to == NULL && fs.etag == NULL &&
	    fs.last_modified == NULL && fs.checked == T0 + 3,
	    "marks and validators cleared");
	store_feed_state_clear(&fs);

	/* Marks on a feed never stored create its row, and no articles. */
	CHECK(store_feed_gone(st, URL_B, 1, &cause) == 0, "gone, unknown");
	CHECK(store_feed_moved(st, "http://c.example/", "http://d/",
	    &cause) == 0, "moved, unknown");
	CHECK(store_feed_checked(st, "http://e.example/", T0, "parse",
	    "not a feed", &cause) == 0, "checked, unknown");
	CHECK(store_feed_state(st, URL_B, &fs, &cause) == 0 && fs.gone &&
	    fs.checked == FEED_NOTIME, "gone on a new row");
	store_feed_state_clear(&fs);
	CHECK(store_feed_state(st, "http://e.example/", &fs, &cause) == 0 &&
	    fs.checked == T0, "checked on a new row");
	store_feed_state_clear(&fs);

	feed_free(f);
	free(cause);
	store_close(st);
}

/* A failure part way through an update leaves nothing of it. */
static void
test_rollback(void)
{
	struct store_feed_state	 fs;
	struct store_counts	 c;
	struct store		*st;
	struct feed		*f;
	char			*cause = NULL, *got;

	if ((st = store_open(":memory:", &cause)) == NULL) {
		CHECK(0, "open: %s", cause);
		free(cause);
		return;
	}
	run_step(st, &script_first[0]);
	/* The feed row is written first; the articles need a time. */
	f = feed_make(b_v1, N(b_v1));
	c.new_items = 99;
	CHECK(store_update_feed(st, URL_A, f, "\"changed\"", NULL,
	    FEED_NOTIME, &c, &cause) == -1 && cause != NULL &&
	    strstr(cause, ":memory:") != NULL, "an update that fails: %s",
	    cause ? cause : "(no message)");
	CHECK(c.new_items == 0 && c.updated_items == 0 &&
	    c.unchanged_items == 0, "failed update counts nothing");
	free(cause);
	cause = NULL;
	CHECK(store_feed_state(st, URL_A, &fs, &cause) == 0, "state");
	CHECK_STR(fs.etag, "\"10000\"", "the feed row was rolled back");
	store_feed_state_clear(&fs);
	got = list_titles(st, NULL);
	CHECK_STR(got, "A three|A two|A one", "no article was added");
	free(got);
	/* And the store goes on working. */
	CHECK(store_update_feed(st, URL_B, f, NULL, NULL, T0, &c,
	    &cause) == 0 && c.new_items == 3, "next update works");
	feed_free(f);
	free(cause);
	store_close(st);
}

/* A cache from a newer tidings is refused, and left alone. */
static void
test_newer(void)
{
	struct store	*st;
	char		*cause = NULL, *path, *copy;

	path = tmp_path("cache.db");
	copy = tmp_path("newer.db");
	CHECK(copy_file(path, copy) == 0, "copy to %s", copy);
	CHECK(set_user_version(copy, 999) == 0, "set version 999");
	st = store_open(copy, &cause);
	CHECK(st == NULL, "a newer schema is refused");
	CHECK(cause != NULL && strstr(cause, copy) != NULL &&
	    strstr(cause, "999") != NULL, "the message names the file and "
	    "version: %s", cause ? cause : "(no message)");
	store_close(st);
	CHECK(file_user_version(copy) == 999, "the newer file is untouched");
	free(cause);
	remove_db(copy);
	free(copy);
	free(path);
}

/* A file that is not a database. */
static void
test_corrupt(void)
{
	struct store	*st;
	char		*cause = NULL, *path;
	FILE		*fp;
	int		 i;

	path = tmp_path("corrupt.db");
	if ((fp = fopen(path, "w")) == NULL) {
		CHECK(0, "create %s", path);
		free(path);
		return;
	}
	for (i = 0; i < 1000; i++)
		fputs("this is not an SQLite database\n", fp);
	fclose(fp);
	st = store_open(path, &cause);
	CHECK(st == NULL && cause != NULL && strstr(cause, path) != NULL &&
	    strchr(cause, '\n') == NULL, "a corrupt file is refused: %s",
	    cause ? cause : "(no message)");
	store_close(st);
	free(cause);
	remove_db(path);
	free(path);
}

/* Paths that cannot be a database even for root. */
static void
test_unopenable(void)
{
	static const char *const paths[] = {
		"/nonexistent-tidings-dir/cache.db",	/* no directory */
		"/tmp",					/* a directory */
	};
	struct store	*st;
	char		*cause;
	size_t		 i;

	for (i = 0; i < N(paths); i++) {
		cause = NULL;
		st = store_open(paths[i], &cause);
		CHECK(st == NULL && cause != NULL &&
		    strstr(cause, paths[i]) != NULL, "%s: refused: %s",
		    paths[i], cause ? cause : "(no message)");
		store_close(st);
		free(cause);
	}
}

/*
 * The read-only checks, in whatever process can be refused writing: a
 * read-only file, and a new file in a read-only directory.  Returns the
 * number of failures.
 */
static int
readonly_checks(const char *file, const char *indir)
{
	struct store	*st;
	struct feed	*f;
	char		*cause = NULL;
	int		 before = test_failures;

	st = store_open(file, &cause);
	if (st != NULL) {
		/* Opened after all: writing must then fail cleanly. */
		f = feed_make(a_v1, N(a_v1));
		CHECK(store_update_feed(st, URL_A, f, NULL, NULL, T0, NULL,
		    &cause) == -1, "a read-only file is not written");
		feed_free(f);
		store_close(st);
	}
	CHECK(cause != NULL && strstr(cause, file) != NULL,
	    "read-only file: %s", cause ? cause : "(no message)");
	free(cause);

	cause = NULL;
	st = store_open(indir, &cause);
	CHECK(st == NULL && cause != NULL && strstr(cause, indir) != NULL,
	    "read-only directory: %s", cause ? cause : "(no message)");
	store_close(st);
	free(cause);
	return test_failures - before;
}

static void
test_readonly(void)
{
	struct passwd	*pw;
	char		*path, *copy, *dir, *indir;
	pid_t		 pid;
	int		 status;

	path = tmp_path("cache.db");
	copy = tmp_path("readonly.db");
	dir = tmp_path("ro");
	indir = tmp_path("ro/cache.db");
	CHECK(copy_file(path, copy) == 0 && chmod(copy, 0444) == 0,
	    "read-only copy");
	CHECK(mkdir(dir, 0555) == 0, "read-only directory");
	if (geteuid() != 0) {
		readonly_checks(copy, indir);
		goto out;
	}

	/* Root writes anywhere: check as nobody, in a child. */
	CHECK(chmod(tmpdir, 0755) == 0, "let nobody in");
	fflush(NULL);
	if ((pid = fork()) == -1) {
		CHECK(0, "fork: %s", strerror(errno));
		goto out;
	}
	if (pid == 0) {
		pw = getpwnam("nobody");
		if (setgid(pw ? pw->pw_gid : 65534) != 0 ||
		    setuid(pw ? pw->pw_uid : 65534) != 0) {
			printf("test-store: cannot become nobody; read-only "
			    "checks skipped\n");
			_exit(77);
		}
		_exit(readonly_checks(copy, indir) == 0 ? 0 : 1);
	}
	if (waitpid(pid, &status, 0) == -1)
		CHECK(0, "waitpid: %s", strerror(errno));
	else {
		CHECK(WIFEXITED(status) && (WEXITSTATUS(status) == 0 ||
		    WEXITSTATUS(status) == 77), "read-only checks as nobody");
	}
out:
	remove_db(copy);
	rmdir(dir);
	free(indir);
	free(dir);
	free(copy);
	free(path);
}

/*
 * The file size limits that make the disk nearly full for the cache at
 * path (64 KiB of room; set low with setrlimit, then old again).
 */
static void
disk_nearly_full(const char *path, struct rlimit *old, struct rlimit *low)
{
	struct stat	 sb;

	CHECK(stat(path, &sb) == 0, "stat");
	CHECK(getrlimit(RLIMIT_FSIZE, old) == 0, "getrlimit");
	*low = *old;
	low->rlim_cur = (rlim_t)sb.st_size + 65536;
	signal(SIGXFSZ, SIG_IGN);
}

/*
 * A disk that fills during an update (a file size limit stands in for
 * it): a clear message, and the cache as it was.
 */
static void
test_full(void)
{
	struct rlimit		 old, low;
	struct store_feed_state	 fs;
	struct store_counts	 c;
	struct store		*st;
	struct feed		*f;
	char			*cause = NULL, *path, *before, *after, *big;
	int			 rv;

	path = tmp_path("cache.db");
	if ((st = store_open(path, &cause)) == NULL) {
		CHECK(0, "open: %s", cause);
		goto out;
	}
	before = list_titles(st, NULL);
	f = feed_make(b_v1, N(b_v1));
	big = xcalloc(1, 4 << 20);
	memset(big, 'x', (4 << 20) - 1);
	f->items[0].content = big;

	disk_nearly_full(path, &old, &low);
	CHECK(setrlimit(RLIMIT_FSIZE, &low) == 0, "setrlimit");
	rv = store_update_feed(st, "http://full.example/", f, "\"full\"",
	    NULL, T0 + 1000, &c, &cause);
	CHECK(setrlimit(RLIMIT_FSIZE, &old) == 0, "restore the limit");
	CHECK(rv == -1 && cause != NULL && strstr(cause, path) != NULL,
	    "a full disk is reported: %s", cause ? cause : "(no message)");
	free(cause);
	cause = NULL;

	after = list_titles(st, NULL);
	CHECK_STR(after, before, "the cache is as it was");
	free(after);
	CHECK(store_feed_state(st, "http://full.example/", &fs, &cause) ==
	    0 && fs.etag == NULL && fs.checked == FEED_NOTIME,
	    "the feed row was not written");
	store_feed_state_clear(&fs);
	store_close(st);

	/* Reopened, it still works and still has everything. */
	if ((st = store_open(path, &cause)) == NULL) {
		CHECK(0, "reopen after a full disk: %s", cause);
		free(before);
		feed_free(f);
		goto out;
	}
	after = list_titles(st, NULL);
	CHECK_STR(after, before, "the reopened cache is as it was");
	free(after);
	CHECK(store_update_feed(st, "http://full.example/", f, NULL, NULL,
	    T0 + 1000, &c, &cause) == 0 && c.new_items == 3,
	    "with room, the update works: %s", cause ? cause : "ok");
	store_close(st);
	free(before);
	feed_free(f);
out:
	free(cause);
	free(path);
}

/* Whether the cache at path has the feed url (with an etag). */
static int
has_feed(const char *path, const char *url)
{
	struct store_feed_state	 fs;
	struct store		*st;
	int			 has;

	if ((st = store_open(path, NULL)) == NULL)
		return -1;
	has = store_feed_state(st, url, &fs, NULL) == 0 && fs.etag != NULL;
	store_feed_state_clear(&fs);
	store_close(st);
	return has;
}

/*
 * Feeds stored in a group: one commit for all, nothing in the cache
 * before the group ends; a feed that fails takes the group back with it
 * and what follows is in transactions of its own; and on a full disk the
 * outcome reported is the cache's.
 */
static void
test_group(void)
{
	struct rlimit		 old, low;
	struct store_counts	 c;
	struct store		*st;
	struct feed		*f, *big;
	char			*cause = NULL, *path;
	int			 rv;

	path = tmp_path("group.db");
	if ((st = store_open(path, &cause)) == NULL) {
		CHECK(0, "open: %s", cause);
		goto out;
	}
	f = feed_make(b_v1, N(b_v1));
	CHECK(store_group_begin(st, &cause) == 0, "a group begins");
	CHECK(store_update_feed(st, URL_A, f, "\"a\"", NULL, T0, &c,
	    &cause) == 0 && c.new_items == 3, "the first feed of the group");
	CHECK(has_feed(path, URL_A) == 0,
	    "another connection does not see it before the group ends");
	/* The articles need a time: this one fails, and the group with it. */
	CHECK(store_update_feed(st, URL_B, f, "\"b\"", NULL, FEED_NOTIME,
	    &c, &cause) == -1 && cause != NULL, "a feed in the group fails");
	free(cause);
	cause = NULL;
	CHECK(store_group_lost(st) == 1, "the group is lost");
	CHECK(store_update_feed(st, "http://c.example/", f, "\"c\"", NULL,
	    T0, &c, &cause) == 0 && c.new_items == 3, "the next one works");
	CHECK(has_feed(path, "http://c.example/") == 1,
	    "on its own, committed at once");
	CHECK(store_group_end(st, &cause) == -1 && cause != NULL,
	    "the group's end says it was lost");
	free(cause);
	cause = NULL;
	CHECK(has_feed(path, URL_A) == 0 && has_feed(path, URL_B) == 0,
	    "neither the group's first feed nor the failed one is stored");
	/* The caller stores the first one again, alone. */
	CHECK(store_update_feed(st, URL_A, f, "\"a\"", NULL, T0, &c,
	    &cause) == 0 && c.new_items == 3 && has_feed(path, URL_A) == 1,
	    "stored again alone");

	/* A group never ended (the process killed) leaves nothing. */
	CHECK(store_group_begin(st, &cause) == 0, "a second group");
	CHECK(store_update_feed(st, "http://d.example/", f, "\"d\"", NULL,
	    T0, &c, &cause) == 0, "a feed in it");
	store_close(st);
	CHECK(has_feed(path, "http://d.example/") == 0,
	    "a group not ended is not in the cache");

	/* A full disk in the middle: what is reported is what is stored. */
	if ((st = store_open(path, &cause)) == NULL) {
		CHECK(0, "reopen: %s", cause);
		feed_free(f);
		goto out;
	}
	big = feed_make(b_v1, N(b_v1));
	free(big->items[0].content);
	big->items[0].content = xcalloc(1, 4 << 20);
	memset(big->items[0].content, 'x', (4 << 20) - 1);
	disk_nearly_full(path, &old, &low);
	CHECK(store_group_begin(st, &cause) == 0, "a third group");
	CHECK(store_update_feed(st, "http://e.example/", f, "\"e\"", NULL,
	    T0, &c, &cause) == 0, "a small feed first");
	CHECK(setrlimit(RLIMIT_FSIZE, &low) == 0, "setrlimit");
	CHECK(store_update_feed(st, "http://full.example/", big, "\"f\"",
	    NULL, T0, &c, &cause) == -1 && cause != NULL,
	    "the big one fails on the full disk");
	free(cause);
	cause = NULL;
	(void)store_group_lost(st);
	rv = store_group_end(st, &cause);
	CHECK(setrlimit(RLIMIT_FSIZE, &old) == 0, "restore the limit");
	CHECK(has_feed(path, "http://e.example/") == (rv == 0),
	    "the group's result (%d: %s) is what the cache holds", rv,
	    cause != NULL ? cause : "ok");
	CHECK(has_feed(path, "http://full.example/") == 0,
	    "the big feed is not stored");
	store_close(st);
	feed_free(big);
	feed_free(f);
out:
	free(cause);
	remove_db(path);
	free(path);
}

/*
 * Several processes updating one new cache at once: every update of
 * every process succeeds and is kept.
 */
static void
test_concurrent(void)
{
	enum { PROCS = 4, ROUNDS = 25 };
	struct store		*st;
	struct store_query	 q;
	struct store_item	*items;
	struct store_counts	 c;
	struct feed		*f;
	struct item		*it;
	pid_t			 pids[PROCS];
	char			*cause = NULL, *path, *url;
	size_t			 n;
	int			 p, r, status, bad;

	path = tmp_path("shared.db");
	fflush(NULL);
	for (p = 0; p < PROCS; p++) {
		if ((pids[p] = fork()) == -1) {
			CHECK(0, "fork: %s", strerror(errno));
			pids[p] = 0;
			continue;
		}
		if (pids[p] != 0)
			continue;
		/* The child: its own feed, one more article each round. */
		bad = 0;
		if ((st = store_open(path, &cause)) == NULL) {
			fprintf(stderr, "child %d: %s\n", p, cause);
			_exit(1);
		}
		url = xprintf("http://p%d.example/", p);
		f = feed_new();
		for (r = 0; r < ROUNDS && !bad; r++) {
			it = feed_add_item(f);
			it->id = xprintf("p%d-%d", p, r);
			it->title = xprintf("round %d", r);
			it->content = xstrdup("some text to write");
			if (store_update_feed(st, url, f, NULL, NULL,
			    T0 + r, &c, &cause) != 0) {
				fprintf(stderr, "child %d: %s\n", p, cause);
				bad = 1;
			} else if (c.new_items != 1 ||
			    c.unchanged_items != (unsigned)r)
				bad = 1;
		}
		feed_free(f);
		free(url);
		store_close(st);
		_exit(bad);
	}
	for (p = 0; p < PROCS; p++) {
		if (pids[p] == 0)
			continue;
		if (waitpid(pids[p], &status, 0) == -1)
			CHECK(0, "waitpid: %s", strerror(errno));
		else
			CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
			    "process %d: every update succeeded", p);
	}

	if ((st = store_open(path, &cause)) == NULL) {
		CHECK(0, "open: %s", cause);
		goto out;
	}
	for (p = 0; p < PROCS; p++) {
		memset(&q, 0, sizeof q);
		url = xprintf("http://p%d.example/", p);
		q.feed_url = url;
		if (store_list(st, &q, &items, &n, &cause) == 0) {
			CHECK(n == ROUNDS, "process %d stored %zu of %d", p,
			    n, ROUNDS);
			store_items_free(items, n);
		} else
			CHECK(0, "list: %s", cause);
		free(url);
	}
	store_close(st);
out:
	remove_db(path);
	free(cause);
	free(path);
}

/* The titles of rows, joined by "|"; allocated. */
static char *
row_titles(struct store *st, const struct store_filter *q)
{
	struct store_row	*rows;
	struct buf		 b;
	size_t			 n, i;
	char			*cause = NULL, *t;

	if (store_rows(st, q, &rows, &n, &cause) != 0) {
		CHECK(0, "store_rows: %s", cause);
		free(cause);
		return xstrdup("(error)");
	}
	buf_init(&b, BUF_NOLIMIT);
	for (i = 0; i < n; i++) {
		if (store_item_title(st, rows[i].id, &t, NULL) == 0) {
			buf_addf(&b, "%s%s", i > 0 ? "|" : "", t);
			free(t);
		}
	}
	free(rows);
	return buf_detach(&b);
}

/* The reader's side: feeds with counts, rows, an article, marks. */
static void
test_reader(void)
{
	static const struct titem pct[] = {
		{ "c1", NULL, "100% sure_thing", "plain", NULL, 50 },
		{ "c2", NULL, "100 percent", "nothing", NULL, 40 },
	};
	struct store		*st;
	struct store_feed	*feeds;
	struct store_filter	 q;
	struct store_article	 a;
	struct store_row	*rows;
	int64_t			 ida = 0, idb = 0, ids[8];
	size_t			 n, i, nrows;
	char			*cause = NULL, *got;

	if ((st = store_open(":memory:", &cause)) == NULL) {
		CHECK(0, "open: %s", cause);
		free(cause);
		return;
	}
	run_step(st, &script_first[0]);
	run_step(st, &script_first[2]);
	store_feed_checked(st, URL_NONE, T0, "fetch", "HTTP 404", NULL);

	CHECK(store_feeds(st, &feeds, &n, &cause) == 0, "feeds: %s",
	    cause ? cause : "");
	CHECK(n == 3, "three feeds, got %zu", n);
	for (i = 0; i < n; i++) {
		if (strcmp(feeds[i].url, URL_A) == 0) {
			ida = feeds[i].id;
			CHECK(feeds[i].total == 3 && feeds[i].unread == 3,
			    "A counts %u/%u", feeds[i].unread, feeds[i].total);
			CHECK(feeds[i].error == NULL, "A has no error");
		} else if (strcmp(feeds[i].url, URL_B) == 0) {
			idb = feeds[i].id;
			CHECK(feeds[i].total == 3, "B total %u",
			    feeds[i].total);
		} else {
			CHECK(feeds[i].total == 0 && feeds[i].unread == 0,
			    "the failed feed has no articles");
			CHECK_STR(feeds[i].error_stage, "fetch", "stage kept");
			CHECK_STR(feeds[i].error, "HTTP 404", "reason kept");
		}
	}
	store_feeds_free(feeds, n);

	memset(&q, 0, sizeof q);
	got = row_titles(st, &q);
	CHECK_STR(got, "B two|B one|A three|A two|A one|B three",
	    "all rows newest first");
	free(got);
	ids[0] = ida;
	q.feeds = ids;
	q.nfeeds = 1;
	got = row_titles(st, &q);
	CHECK_STR(got, "A three|A two|A one", "one feed's rows");
	free(got);
	ids[1] = idb;
	q.nfeeds = 2;
	q.search = "two";
	got = row_titles(st, &q);
	CHECK_STR(got, "B two|A two", "search in titles of two feeds");
	free(got);
	q.search = "<p>TWO";
	got = row_titles(st, &q);
	CHECK_STR(got, "A two", "search in the text, any case (ASCII)");
	free(got);
	q.nfeeds = 0;
	q.search = NULL;
	got = row_titles(st, &q);
	CHECK_STR(got, "", "no feeds, no rows");
	free(got);

	/* LIKE's wildcards are searched for as themselves. */
	{
		struct step	 sp = { "percent", URL_NONE, pct, N(pct),
		    T0 + 1, 2, 0, 0 };

		run_step(st, &sp);
	}
	memset(&q, 0, sizeof q);
	q.search = "100%";
	got = row_titles(st, &q);
	CHECK_STR(got, "100% sure_thing", "% is literal");
	free(got);
	q.search = "e_t";
	got = row_titles(st, &q);
	CHECK_STR(got, "100% sure_thing", "_ is literal");
	free(got);

	/* Marks: many at once, then the unread filter and counts. */
	memset(&q, 0, sizeof q);
	ids[0] = ida;
	q.feeds = ids;
	q.nfeeds = 1;
	CHECK(store_rows(st, &q, &rows, &nrows, NULL) == 0 && nrows == 3,
	    "feed A has 3 rows");
	if (nrows == 3) {
		int64_t	 two[2] = { rows[0].id, rows[2].id };

		CHECK(store_set_read_many(st, two, 2, 1, &cause) == 0,
		    "read many: %s", cause ? cause : "");
		CHECK(store_set_starred(st, rows[1].id, 1, NULL) == 0,
		    "star");
		CHECK(store_set_fulltext(st, rows[1].id, "<p>The whole "
		    "story, zanzibar</p>", NULL) == 0, "fulltext kept");
		CHECK(store_article(st, rows[1].id, &a, &cause) == 0,
		    "article: %s", cause ? cause : "");
		CHECK_STR(a.title, "A two", "article title");
		CHECK_STR(a.link, "http://a.example/2", "article link");
		CHECK_STR(a.feed_url, URL_A, "article feed");
		CHECK_STR(a.content, "<p>two</p>", "article content");
		CHECK(a.published == 2000, "article date %lld",
		    (long long)a.published);
		CHECK_STR(a.fulltext, "<p>The whole story, zanzibar</p>",
		    "article fulltext");
		CHECK(a.starred && !a.read, "article marks");
		store_article_clear(&a);
	}
	free(rows);
	CHECK(store_article(st, 999999, &a, &cause) == -1 && cause != NULL &&
	    strstr(cause, "999999") != NULL, "an unknown article is named");
	free(cause);
	cause = NULL;
	q.unread = 1;
	got = row_titles(st, &q);
	CHECK_STR(got, "A two", "unread after marking");
	free(got);
	q.unread = 0;
	q.starred = 1;
	got = row_titles(st, &q);
	CHECK_STR(got, "A two", "starred");
	free(got);
	q.starred = 0;
	q.search = "zanzibar";
	got = row_titles(st, &q);
	CHECK_STR(got, "A two", "search finds the full article");
	free(got);
	CHECK(store_feeds(st, &feeds, &n, NULL) == 0, "feeds again");
	for (i = 0; i < n; i++)
		if (feeds[i].id == ida)
			CHECK(feeds[i].unread == 1 && feeds[i].total == 3,
			    "A counts after marks %u/%u", feeds[i].unread,
			    feeds[i].total);
	store_feeds_free(feeds, n);
	store_close(st);
}

/*
 * The reader's rows come newest first, the later article first on the
 * same date, whatever order the dates arrive in: shuffled with many
 * equal dates, ascending, descending, all the same, and without a
 * published date (first seen counts then).
 */
static void
test_row_order(void)
{
	static const char *const urls[] = {
		"http://order.example/shuffled", "http://order.example/up",
		"http://order.example/down", "http://order.example/same",
		"http://order.example/undated"
	};
	struct store		*st;
	struct store_row	*rows;
	struct feed		*f;
	struct item		*it;
	size_t			 i, k, n, bad;
	unsigned		 seed = 12345;
	char			 buf[64];

	st = store_open(":memory:", NULL);
	CHECK(st != NULL, "open for the row order");
	if (st == NULL)
		return;
	for (k = 0; k < sizeof urls / sizeof *urls; k++) {
		f = feed_new();
		for (i = 0; i < 700; i++) {
			it = feed_add_item(f);
			snprintf(buf, sizeof buf, "%zu-%zu", k, i);
			it->id = xstrdup(buf);
			it->title = xstrdup(buf);
			seed = seed * 1103515245 + 12345;
			switch (k) {
			case 0:
				it->published = 1000 + (seed >> 16) % 50;
				break;
			case 1:
				it->published = 5000 + (int64_t)i;
				break;
			case 2:
				it->published = 9000 - (int64_t)i;
				break;
			case 3:
				it->published = 7000;
				break;
			}
		}
		CHECK(store_update_feed(st, urls[k], f, NULL, NULL,
		    8000 + (int64_t)k, NULL, NULL) == 0, "store %s", urls[k]);
		feed_free(f);
	}
	CHECK(store_rows(st, NULL, &rows, &n, NULL) == 0 && n == 3500,
	    "all rows: %zu", n);
	for (bad = 0, i = 1; i < n; i++)
		if (rows[i - 1].date < rows[i].date ||
		    (rows[i - 1].date == rows[i].date &&
		    rows[i - 1].id <= rows[i].id))
			bad++;
	CHECK(bad == 0, "%zu rows out of order", bad);
	CHECK(n > 0 && rows[0].date == 9000 && rows[n - 1].date == 1000,
	    "newest %lld, oldest %lld", n > 0 ? (long long)rows[0].date : 0,
	    n > 0 ? (long long)rows[n - 1].date : 0);
	/* The first screen's rows, read feed by feed: the same rows. */
	{
		static const size_t limits[] = { 1, 7, 50, 699, 701, 3499,
		    3500, 4000 };
		struct store_filter	 q;
		struct store_row	*top;
		size_t			 nt, l, same;

		for (l = 0; l < sizeof limits / sizeof *limits; l++) {
			memset(&q, 0, sizeof q);
			q.limit = limits[l];
			CHECK(store_rows(st, &q, &top, &nt, NULL) == 0 &&
			    nt == (limits[l] < n ? limits[l] : n),
			    "limit %zu: %zu rows", limits[l], nt);
			for (same = 0; same < nt && same < n &&
			    top[same].id == rows[same].id &&
			    top[same].date == rows[same].date; same++)
				;
			CHECK(same == nt, "limit %zu: row %zu differs",
			    limits[l], same);
			free(top);
		}
	}

	/*
	 * The kept counts follow marks (set twice, unset, many at once) and
	 * a second update that brings new articles beside known ones.
	 */
	if (n >= 3) {
		int64_t	 three[3] = { rows[0].id, rows[1].id, rows[2].id };

		CHECK(store_set_read(st, rows[0].id, 1, NULL) == 0 &&
		    store_set_read(st, rows[0].id, 1, NULL) == 0 &&
		    store_set_read_many(st, three, 3, 1, NULL) == 0 &&
		    store_set_read(st, rows[2].id, 0, NULL) == 0,
		    "marks for the counts");
	}
	free(rows);
	/* Filters and a set of feeds give the same first rows too. */
	{
		struct store_filter	 q;
		struct store_row	*all, *top;
		struct store_feed	*feeds;
		int64_t			 two[2];
		size_t			 na, nt, nf, same;

		CHECK(store_feeds(st, &feeds, &nf, NULL) == 0 && nf == 5,
		    "feeds for the filters");
		two[0] = nf == 5 ? feeds[4].id : 0;	/* undated */
		two[1] = nf == 5 ? feeds[2].id : 0;	/* descending */
		store_feeds_free(feeds, nf);
		memset(&q, 0, sizeof q);
		q.unread = 1;
		q.feeds = two;
		q.nfeeds = 2;
		CHECK(store_rows(st, &q, &all, &na, NULL) == 0 && na == 1398,
		    "unread of two feeds: %zu", na);
		q.limit = 20;
		CHECK(store_rows(st, &q, &top, &nt, NULL) == 0 && nt == 20,
		    "their first 20: %zu", nt);
		for (same = 0; same < nt && same < na &&
		    top[same].id == all[same].id; same++)
			;
		CHECK(same == nt, "unread of two feeds: row %zu differs",
		    same);
		free(all);
		free(top);
	}
	f = feed_new();
	for (i = 0; i < 705; i++) {
		it = feed_add_item(f);
		snprintf(buf, sizeof buf, "3-%zu", i);
		it->id = xstrdup(buf);
		it->title = xstrdup(buf);
		it->published = 7000;
	}
	CHECK(store_update_feed(st, urls[3], f, NULL, NULL, 9000, NULL,
	    NULL) == 0, "second update of %s", urls[3]);
	feed_free(f);
	{
		struct store_feed	*feeds;
		size_t			 nf;
		unsigned		 total = 0, unread = 0, same = 0;

		CHECK(store_feeds(st, &feeds, &nf, NULL) == 0 && nf == 5,
		    "five feeds");
		for (i = 0; i < nf; i++) {
			total += feeds[i].total;
			unread += feeds[i].unread;
			if (strcmp(feeds[i].url, urls[3]) == 0)
				same = feeds[i].total;
		}
		CHECK(total == 3505 && unread == 3503 && same == 705,
		    "kept counts: %u unread of %u, %u in one feed", unread,
		    total, same);
		store_feeds_free(feeds, nf);
	}
	store_close(st);
}

/*
 * Ties in the first screen's rows: on the same date the later article
 * comes first, also when it is in a feed whose newest article is only
 * as new as the last row kept so far.
 */
static void
test_row_ties(void)
{
	static const struct {
		const char	*url;
		int64_t		 from, to;
	} tf[] = {
		{ "http://ties.example/x", 100, 109 },
		{ "http://ties.example/y", 107, 107 },
		{ "http://ties.example/z", 100, 109 },
	};
	struct store		*st;
	struct store_filter	 q;
	struct store_row	*all, *top;
	struct feed		*f;
	struct item		*it;
	size_t			 k, l, na, nt, same;
	int64_t			 d;
	char			 buf[64];

	st = store_open(":memory:", NULL);
	CHECK(st != NULL, "open for the ties");
	if (st == NULL)
		return;
	for (k = 0; k < sizeof tf / sizeof *tf; k++) {
		f = feed_new();
		for (d = tf[k].from; d <= tf[k].to; d++) {
			it = feed_add_item(f);
			snprintf(buf, sizeof buf, "%zu-%lld", k, (long long)d);
			it->id = xstrdup(buf);
			it->published = d;
		}
		CHECK(store_update_feed(st, tf[k].url, f, NULL, NULL, 500, NULL,
		    NULL) == 0, "store %s", tf[k].url);
		feed_free(f);
	}
	memset(&q, 0, sizeof q);
	CHECK(store_rows(st, &q, &all, &na, NULL) == 0 && na == 21,
	    "all tied rows: %zu", na);
	for (l = 1; l <= na; l++) {
		q.limit = l;
		CHECK(store_rows(st, &q, &top, &nt, NULL) == 0 && nt == l,
		    "first %zu tied rows: %zu", l, nt);
		for (same = 0; same < nt && top[same].id == all[same].id;
		    same++)
			;
		CHECK(same == nt, "first %zu tied rows: row %zu differs", l,
		    same);
		free(top);
	}
	free(all);
	store_close(st);
}

/* Versions of one article, r1, as a feed carries them in turn. */
static const struct titem rev_v[][1] = {
	{ { "r1", "http://r.example/1?utm_source=rss", "Talks start", NULL,
	    "<p>Talks continue for a second day</p>", 1000 } },
	/* Cosmetic: whitespace, markup and a tracking parameter. */
	{ { "r1", "http://r.example/1?fbclid=77", "Talks  start", NULL,
	    "<p>Talks continue for a <b>second</b>\n day</p>", 1000 } },
	{ { "r1", "http://r.example/1", "Talks start", NULL,
	    "<p>Talks continue for a third day</p>", 1000 } },
	{ { "r1", "http://r.example/1", "Talks stall", NULL,
	    "<p>Talks continue for a third day</p>", 1000 } },
	{ { "r1", "http://r.example/1", "Talks end", NULL,
	    "<p>Talks ended on the fourth day</p>", 1000 } },
	{ { "r1", "http://r.example/1", "Talks end", NULL,
	    "<p>Talks ended on the fourth day with a deal</p>", 1000 } }
};

/* The revisions of the one article: "title/content" newest first. */
static char *
revision_list(struct store *st, int64_t id, int64_t *replaced)
{
	struct store_revision	*revs;
	struct buf		 b;
	char			*cause = NULL;
	size_t			 n, i;

	buf_init(&b, BUF_NOLIMIT);
	if (replaced != NULL)
		*replaced = NUL;
	if (store_revisions(st, id, &revs, &n, &cause) != 0) {
		CHECK(0, "revisions: %s", cause);
		free(cause);
		return buf_detach(&b);
	}
	for (i = 0; i < n; i++)
		buf_addf(&b, "%s%s/%s", i ? "|" : "", revs[i].title,
		    revs[i].content);
	if (replaced != NULL)
		*replaced = n > 0 ? revs[0].replaced : NUL;
	store_revisions_free(revs, n);
	return buf_detach(&b);
}

/* Cosmetic changes make no revision; real ones do, capped per article. */
static void
test_revisions(void)
{
	struct store_article	 a;
	struct store_item	*items = NULL;
	struct store		*st;
	struct step		 sp;
	char			*cause = NULL, *got;
	size_t			 n = 0, i;
	int64_t			 id, replaced = NUL;
	static const struct {
		unsigned	 updated;
		const char	*want;
	} want[] = {
		{ 0, "" },
		{ 0, "" },
		{ 1, "Talks  start/<p>Talks continue for a <b>second</b>\n "
		    "day</p>" },
		{ 1, "Talks start/<p>Talks continue for a third day</p>|"
		    "Talks  start/<p>Talks continue for a <b>second</b>\n "
		    "day</p>" },
		/* Two kept: the setting is 2 from here on. */
		{ 1, "Talks stall/<p>Talks continue for a third day</p>|"
		    "Talks start/<p>Talks continue for a third day</p>" },
		{ 1, "Talks end/<p>Talks ended on the fourth day</p>|"
		    "Talks stall/<p>Talks continue for a third day</p>" }
	};

	if ((st = store_open(":memory:", &cause)) == NULL) {
		CHECK(0, "open: %s", cause);
		free(cause);
		return;
	}
	for (i = 0; i < N(rev_v); i++) {
		memset(&sp, 0, sizeof sp);
		sp.what = "revision step";
		sp.url = URL_A;
		sp.items = rev_v[i];
		sp.nitems = 1;
		sp.now = T0 + (int64_t)i * 100;
		sp.new_items = i == 0;
		sp.updated_items = want[i].updated;
		sp.unchanged_items = i > 0 && !want[i].updated;
		if (i == 4)
			store_set_revisions(st, 2);
		if (run_step(st, &sp) != 0)
			break;
		store_items_free(items, n);
		if (store_list(st, NULL, &items, &n, &cause) != 0 || n != 1) {
			CHECK(0, "list: %s", cause ? cause : "not one item");
			break;
		}
		id = items[0].id;
		got = revision_list(st, id, &replaced);
		CHECK_STR(got, want[i].want, "revisions after a step");
		free(got);
		CHECK(items[0].is_updated == (i >= 2), "step %zu: updated %d",
		    i, items[0].is_updated);
		if (want[i].updated)
			CHECK(replaced == sp.now, "replaced at the check");
		if (store_article(st, id, &a, &cause) == 0) {
			/* The newest text is shown, cosmetic or not. */
			CHECK_STR(a.title, rev_v[i][0].title, "title kept");
			CHECK_STR(a.content, rev_v[i][0].content,
			    "content kept");
			store_article_clear(&a);
		}
	}
	store_items_free(items, n);
	free(cause);
	store_close(st);
}

int
main(void)
{
	char	*path;

	if (mkdtemp(tmpdir) == NULL) {
		fprintf(stderr, "test-store: mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	test_memory();
	test_file();
	test_state();
	test_rollback();
	test_newer();
	test_corrupt();
	test_unopenable();
	test_readonly();
	test_full();
	test_group();
	test_concurrent();
	test_reader();
	test_row_order();
	test_row_ties();
	test_revisions();

	path = tmp_path("cache.db");
	remove_db(path);
	free(path);
	if (rmdir(tmpdir) != 0)
		fprintf(stderr, "test-store: rmdir %s: %s\n", tmpdir,
		    strerror(errno));
	return test_exit("test-store");
}
