/*
 * test-opml: OPML import from the fixtures in tests/data/opml (nested
 * OPML 2.0 with categories, a Latin-1 OPML 1.0, hostile and broken
 * files), a document nested 10,000 deep made here, and export followed
 * by import, which must give back every URL, title and tag.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "opml.h"
#include "parse.h"
#include "test.h"
#include "test-list.h"
#include "urls.h"
#include "xmalloc.h"

#define MAXW	8
#define ANYW	((size_t)-1)	/* do not count the warnings */

struct ocase {
	const char	*file;
	int		 added;		/* -1: not OPML */
	size_t		 dups;
	const char	*want;		/* dump of the entries */
	size_t		 nwarn;
	const char	*warn[MAXW];	/* substrings of each warning */
};

static char	*load(const char *, size_t *);
static void	 test_fixtures(void);
static void	 test_existing(void);
static void	 test_deep(void);
static void	 test_many_tags(void);
static void	 test_round_trip(void);
static void	 test_export_text(void);
static int	 same_tags(const struct urls_entry *,
		    const struct urls_entry *);

static const struct ocase cases[] = {
	{ "nested.opml", 8, 0,
	  "https://top.example/feed.xml ~[Top level]\n"
	  "https://lemonde.example/rss [News] [Europe] ~[Le Monde]\n"
	  "https://textonly.example/atom [News] [Europe] ~[text only]\n"
	  "https://world.example/rss?a=1&b=2 [News] [Politics] "
	  "[Economy/Markets] [Daily] ~[World & more]\n"
	  "http://untitled.example/ ~[In an untitled folder]\n"
	  "https://notitle.example/feed [Tech]\n"
	  "https://cafe.example/ [Tech] ~[Caf\xc3\xa9 evil]\n"
	  "https://page.example/only-rss-type [Tech] ~[Legacy url]\n",
	  0, { NULL } },
	{ "legacy.opml", 3, 0,
	  "http://creme.example/rss.xml [Blogs] ~[Caf\xc3\xa9 cr\xc3\xa8me]\n"
	  "http://upper.example/rss [Blogs] ~[Uppercase]\n"
	  "http://plain.example/index.xml ~[Plain]\n",
	  0, { NULL } },
	{ "hostile.opml", 2, 2,
	  "https://twice.example/ [Folder A] [Folder B] ~[Twice]\n"
	  "https://esc.example/ [Folder A] ~[Esc[31mape]\n",
	  8,
	  { "hostile.opml:24: the OPML document is not well-formed",
	    "hostile.opml:15: refused \"Shell\": tidings never runs "
	    "commands from a feed list",
	    "hostile.opml:16: refused \"Filter\"",
	    "hostile.opml:17: refused \"Pipe\"",
	    "hostile.opml:18: refused \"EXEC:echo untitled\"",
	    "hostile.opml:19: \"Script\" is not an http, https or file URL",
	    "hostile.opml:20: \"Query\" is not",
	    "hostile.opml:21: \"Spaces\" is not" } },
	{ "entities.opml", 3, 0,
	  "https://bomb.example/ ~[Bomb]\n"
	  "https://ext.example/ ~[External]\n"
	  "https://after.example/ ~[After]\n",
	  ANYW, { NULL } },
	/* Recovery keeps what was there, even a cut URL; a warning says so. */
	{ "truncated.opml", 2, 0,
	  "https://one.example/ [Kept] ~[One]\n"
	  "https://two.exam [Kept] ~[Two]\n", 1,
	  { "truncated.opml:8: the OPML document is not well-formed" } },
	{ "rss.xml", -1, 0, "", 0, { NULL } },
	{ "nobody.opml", -1, 0, "", 0, { NULL } },
	{ "notxml.txt", -1, 0, "", 0, { NULL } },
	{ "empty.opml", -1, 0, "", 0, { NULL } },
};

/* Reads a fixture; srcdir from the test harness, else the source tree. */
static char *
load(const char *file, size_t *len)
{
	struct buf	 b;
	const char	*top = getenv("top_srcdir");
	char		*path, chunk[4096];
	FILE		*f;
	size_t		 n;

	if (top != NULL)
		path = xprintf("%s/tests/data/opml/%s", top, file);
	else
		path = xprintf("%s/../tests/data/opml/%s", SRCDATADIR, file);
	buf_init(&b, BUF_NOLIMIT);
	if ((f = fopen(path, "rb")) != NULL) {
		while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
			buf_add(&b, chunk, n);
		fclose(f);
	}
	free(path);
	*len = buf_len(&b);
	return buf_detach(&b);
}

static void
test_fixtures(void)
{
	const struct ocase	*c;
	struct warnings		 w = { { NULL }, 0 };
	struct urls		*list;
	char			*data, *got, *cause;
	size_t			 len, dups, i, j;
	int			 rc;

	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		c = &cases[i];
		data = load(c->file, &len);
		CHECK(len > 0 || strcmp(c->file, "empty.opml") == 0,
		    "%s: fixture missing", c->file);
		list = xcalloc(1, sizeof *list);
		cause = NULL;
		dups = 99;
		rc = opml_import(list, data, len, c->file, collect, &w, &dups,
		    &cause);
		CHECK(rc == c->added, "%s: returned %d, want %d (%s)",
		    c->file, rc, c->added, cause ? cause : "");
		if (c->added == -1) {
			CHECK(cause != NULL && strncmp(cause, c->file,
			    strlen(c->file)) == 0 && strchr(cause, '\n') ==
			    NULL, "%s: cause names the file: %s", c->file,
			    cause ? cause : "(none)");
			CHECK(list->n == 0, "%s: nothing added", c->file);
		} else {
			CHECK(cause == NULL, "%s: no cause", c->file);
			CHECK(dups == c->dups, "%s: %zu dups, want %zu",
			    c->file, dups, c->dups);
		}
		got = dump(list);
		CHECK_STR(got, c->want, c->file);
		free(got);
		if (c->nwarn != ANYW) {
			CHECK(w.n == c->nwarn, "%s: %zu warnings, want %zu",
			    c->file, w.n, c->nwarn);
			for (j = 0; j < MAXW && j < w.n && c->warn[j] != NULL;
			    j++)
				CHECK(strstr(w.msg[j], c->warn[j]) != NULL,
				    "%s: warning \"%s\" lacks \"%s\"", c->file,
				    w.msg[j], c->warn[j]);
		}
		warnings_free(&w);
		free(cause);
		free(data);
		urls_free(list);
	}
}

/* Feeds already in the list are counted and left as they are. */
static void
test_existing(void)
{
	struct urls	*list;
	char		*data, *got, *cause = NULL;
	char		*tags[] = { "mine" };
	size_t		 len, dups;
	int		 rc;

	list = xcalloc(1, sizeof *list);
	urls_add(list, "https://lemonde.example/rss", "My title", tags, 1);
	data = load("nested.opml", &len);
	rc = opml_import(list, data, len, "nested.opml", NULL, NULL, &dups,
	    &cause);
	CHECK(rc == 7 && dups == 1, "existing feed: %d added, %zu dups", rc,
	    dups);
	got = dump(list);
	CHECK(strncmp(got, "https://lemonde.example/rss [mine] ~[My title]\n",
	    47) == 0, "existing entry unchanged: %s", got);
	free(got);

	/* A second import of the same file adds nothing. */
	rc = opml_import(list, data, len, "nested.opml", NULL, NULL, &dups,
	    &cause);
	CHECK(rc == 0 && dups == 8, "again: %d added, %zu dups", rc, dups);
	CHECK(list->n == 8, "again: %zu entries", list->n);
	free(data);
	urls_free(list);
}

/*
 * 10,000 folders inside each other, a feed near the top, one 200 deep and
 * one at the bottom.  libxml2 stops building the tree at its depth limit
 * (256 without XML_PARSE_HUGE, which we never pass), so the bottom feed
 * may be lost, with a warning; nothing may crash or recurse.
 */
static void
test_deep(void)
{
	struct warnings	 w = { { NULL }, 0 };
	struct urls	*list;
	struct buf	 b;
	char		*cause = NULL, *want;
	size_t		 dups, i, j;
	int		 rc, ok;

	buf_init(&b, BUF_NOLIMIT);
	buf_adds(&b, "<?xml version=\"1.0\"?>\n<opml version=\"2.0\"><head/>"
	    "<body>\n");
	for (i = 1; i <= 10000; i++) {
		buf_addf(&b, "<outline text=\"L%zu\">", i);
		if (i == 2 || i == 200 || i == 10000)
			buf_addf(&b, "<outline text=\"Feed %zu\" "
			    "xmlUrl=\"https://deep.example/%zu\"/>", i, i);
	}
	for (i = 0; i < 10000; i++)
		buf_adds(&b, "</outline>");
	buf_adds(&b, "</body></opml>\n");

	list = xcalloc(1, sizeof *list);
	rc = opml_import(list, buf_str(&b), buf_len(&b), "deep.opml",
	    collect, &w, &dups, &cause);
	CHECK(rc >= 2 && (size_t)rc == list->n, "deep: %d added (%s)", rc,
	    cause ? cause : "");
	if (list->n >= 2) {
		CHECK_STR(list->entries[0].url, "https://deep.example/2",
		    "deep: first feed");
		CHECK(list->entries[0].ntags == 2, "deep: 2 tags");
		CHECK_STR(list->entries[1].url, "https://deep.example/200",
		    "deep: second feed");
		CHECK(list->entries[1].ntags == 200, "deep: 200 tags, got %zu",
		    list->entries[1].ntags);
		for (ok = 1, j = 0; j < list->entries[1].ntags && ok; j++) {
			want = xprintf("L%zu", j + 1);
			ok = strcmp(list->entries[1].tags[j], want) == 0;
			free(want);
		}
		CHECK(ok, "deep: tags outermost first");
	}
	if (rc == 3)
		CHECK(list->entries[2].ntags <= 256, "deep: tags capped");
	else
		CHECK(w.n >= 1, "deep: the cut is reported");
	warnings_free(&w);
	urls_free(list);
	buf_free(&b);
}

static void
test_many_tags(void)
{
	struct warnings	 w = { { NULL }, 0 };
	struct urls	*list;
	struct buf	 b;
	size_t		 i, dups;
	int		 rc;

	buf_init(&b, BUF_NOLIMIT);
	buf_adds(&b, "<opml><body><outline text=\"Many\" "
	    "xmlUrl=\"https://many.example/\" category=\"");
	for (i = 0; i < 1000; i++)
		buf_addf(&b, "%s/t%zu", i ? "," : "", i);
	buf_adds(&b, "\"/></body></opml>");
	list = xcalloc(1, sizeof *list);
	rc = opml_import(list, buf_str(&b), buf_len(&b), "many.opml",
	    collect, &w, &dups, NULL);
	CHECK(rc == 1 && list->entries[0].ntags == 256, "tags capped at 256");
	CHECK(w.n == 1 && strstr(w.msg[0], "more than 256 tags") != NULL,
	    "tag cap reported");
	warnings_free(&w);
	urls_free(list);
	buf_free(&b);
}

/* Whether two entries have the same tags, in any order. */
static int
same_tags(const struct urls_entry *a, const struct urls_entry *b)
{
	size_t	 i, j;

	if (a->ntags != b->ntags)
		return 0;
	for (i = 0; i < a->ntags; i++) {
		for (j = 0; j < b->ntags; j++)
			if (strcmp(a->tags[i], b->tags[j]) == 0)
				break;
		if (j == b->ntags)
			return 0;
	}
	return 1;
}

static void
test_round_trip(void)
{
	static const char *const t1[] = { "News", "Europe", "Daily" };
	static const char *const t2[] = { "News" };
	static const char *const t3[] = {
		"Tech & <Science>", "/leading slash", "trailing/",
		"a \"quoted\" tag", "caf\xc3\xa9", "!hidden", "~tilde"
	};
	static const char *const t4[] = { "Zeta", "comma, inside", "Alpha" };
	static const char *const t5[] = { "comma, first", "other" };
	static const char *const t6[] = { "Europe", "News" };
	struct warnings		 w = { { NULL }, 0 };
	struct urls		*list, *back;
	const struct urls_entry	*e, *f;
	char			*xml, *a, *bdump, *cause = NULL;
	size_t			 dups, i, j;
	int			 rc;

	list = xcalloc(1, sizeof *list);
	urls_add(list, "https://a.example/feed?x=1&y=2", "A & B <c> \"d\"",
	    (char *const *)t1, 3);
	urls_add(list, "http://untagged.example/", "Untagged", NULL, 0);
	urls_add(list, "https://b.example/", NULL, (char *const *)t2, 1);
	urls_add(list, "https://c.example/",
	    "\xe2\x9c\x93 Unicode \xe6\x97\xa5", (char *const *)t3, 7);
	urls_add(list, "https://d.example/", "Comma", (char *const *)t4, 3);
	urls_add(list, "https://e.example/", "Comma first",
	    (char *const *)t5, 2);
	urls_add(list, "https://f.example/", "Order", (char *const *)t6, 2);
	urls_add(list, "file:///srv/local.xml", NULL, NULL, 0);

	xml = opml_export(list, "My feeds & more");
	back = xcalloc(1, sizeof *back);
	rc = opml_import(back, xml, strlen(xml), "export.opml", collect, &w,
	    &dups, &cause);
	CHECK(rc == (int)list->n, "round trip: %d of %zu (%s)", rc, list->n,
	    cause ? cause : "");
	CHECK(w.n == 0, "round trip: no warnings (%s)",
	    w.n ? w.msg[0] : "");
	/* d.example is written twice, for its tag with a comma. */
	CHECK(dups == 1, "round trip: %zu dups", dups);
	for (i = 0; i < list->n; i++) {
		e = &list->entries[i];
		for (j = 0, f = NULL; j < back->n && f == NULL; j++)
			if (strcmp(back->entries[j].url, e->url) == 0)
				f = &back->entries[j];
		CHECK(f != NULL, "round trip: %s lost", e->url);
		if (f == NULL)
			continue;
		CHECK_STR(f->title, e->title, e->url);
		CHECK(same_tags(e, f), "round trip: tags of %s", e->url);
	}

	/* Without commas, the order of tags and of feeds is kept too. */
	a = dump(list);
	bdump = dump(back);
	CHECK(strstr(bdump, "https://a.example/feed?x=1&y=2 [News] [Europe] "
	    "[Daily] ~[A & B <c> \"d\"]\n") != NULL, "tag order kept");
	CHECK(strstr(bdump, "https://f.example/ [Europe] [News] ~[Order]\n")
	    != NULL, "first tag stays first");
	free(a);
	free(bdump);

	/* Importing the export again into the list finds only duplicates. */
	rc = opml_import(back, xml, strlen(xml), "export.opml", collect, &w,
	    &dups, &cause);
	CHECK(rc == 0 && dups == list->n + 1, "again: %d added, %zu dups",
	    rc, dups);
	warnings_free(&w);
	free(xml);
	urls_free(back);
	urls_free(list);

	/* An empty list is an empty but valid document. */
	list = xcalloc(1, sizeof *list);
	xml = opml_export(list, NULL);
	back = xcalloc(1, sizeof *back);
	rc = opml_import(back, xml, strlen(xml), "empty", collect, &w, &dups,
	    &cause);
	CHECK(rc == 0 && w.n == 0 && cause == NULL, "empty export imports");
	warnings_free(&w);
	free(xml);
	urls_free(back);
	urls_free(list);
}

static void
test_export_text(void)
{
	static const char *const tags[] = { "Folder", "x", "y" };
	struct urls	*list;
	char		*xml;

	list = xcalloc(1, sizeof *list);
	urls_add(list, "https://a.example/?a=1&b=2", "Tab\there \x01 & \"q\"",
	    (char *const *)tags, 3);
	urls_add(list, "https://b.example/", NULL, NULL, 0);
	urls_add(list, "https://bad.example/\xff", "Bad \xff byte", NULL, 0);
	xml = opml_export(list, "Title <&>");
	CHECK(strncmp(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<opml version=\"2.0\">\n", 60) == 0, "prologue");
	CHECK(strstr(xml, "<title>Title &lt;&amp;&gt;</title>") != NULL,
	    "title escaped");
	CHECK(strstr(xml, "<dateCreated>") != NULL &&
	    strstr(xml, " GMT</dateCreated>") != NULL, "dateCreated");
	CHECK(strstr(xml, "<outline text=\"Folder\" title=\"Folder\">") !=
	    NULL, "folder outline");
	CHECK(strstr(xml, "<outline type=\"rss\" text=\"Tab&#9;here "
	    "\xef\xbf\xbd &amp; &quot;q&quot;\" title=\"Tab&#9;here "
	    "\xef\xbf\xbd &amp; &quot;q&quot;\" "
	    "xmlUrl=\"https://a.example/?a=1&amp;b=2\" category=\"/x,/y\"/>")
	    != NULL, "feed outline escaped:\n%s", xml);
	CHECK(strstr(xml, "<outline type=\"rss\" text=\"https://b.example/\" "
	    "xmlUrl=\"https://b.example/\"/>") != NULL, "untitled feed");
	CHECK(strstr(xml, "Bad \xef\xbf\xbd byte") != NULL,
	    "invalid UTF-8 replaced");
	free(xml);
	urls_free(list);
}

int
main(void)
{
	parse_init();
	test_fixtures();
	test_existing();
	test_deep();
	test_many_tags();
	test_round_trip();
	test_export_text();
	parse_cleanup();
	return test_exit("test-opml");
}
