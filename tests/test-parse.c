/*
 * test-parse: feed documents to the model.  Each case is parsed whole and
 * again one byte at a time (the network delivers arbitrary pieces), and
 * both results must match what is expected.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "date.h"
#include "feed.h"
#include "parse.h"
#include "test.h"
#include "xmalloc.h"

#define NUL	"(null)"	/* expect the field to be absent */

struct pcase {
	const char	*name;
	const char	*doc;
	const char	*base;
	int		 wellformed;	/* 1, 0, or -1: not parseable at all */
	const char	*format;
	const char	*title;
	const char	*link;
	const char	*language;
	const char	*updated;
	int		 nitems;	/* -1: do not check */
	const char	*ititle;	/* items[0] */
	const char	*ilink;
	const char	*iid;
	const char	*iauthor;
	const char	*ipublished;
	const char	*iupdated;
	const char	*isummary;
	const char	*icontent;
};

static const struct pcase cases[] = {
	{ "rss 2.0 basics",
	  "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
	  "<title>News</title><link>http://ex.com/</link>"
	  "<language>nl-BE</language>"
	  "<lastBuildDate>Sat, 07 Sep 2002 00:00:01 GMT</lastBuildDate>"
	  "<image><title>Logo</title><link>http://ex.com/logo</link></image>"
	  "<item><title>One</title><link>http://ex.com/1</link>"
	  "<guid>id-1</guid><author>a@ex.com (A)</author>"
	  "<pubDate>Tue, 10 Jun 2003 09:41:01 -0500</pubDate>"
	  "<description>&lt;p&gt;Hi&lt;/p&gt;</description></item>"
	  "<item><title>Two</title></item></channel></rss>",
	  NULL, 1, "rss2.0", "News", "http://ex.com/", "nl-BE",
	  "2002-09-07T00:00:01Z", 2, "One", "http://ex.com/1", "id-1",
	  "a@ex.com (A)", "2003-06-10T14:41:01Z", NUL, "<p>Hi</p>", NUL },
	{ "rss 0.91",
	  "<rss version=\"0.91\"><channel><title>Old</title>"
	  "<item><title>x</title></item></channel></rss>",
	  NULL, 1, "rss0.9x", "Old", NUL, NUL, NUL, 1, "x", NUL, NUL, NUL,
	  NUL, NUL, NUL, NUL },
	{ "rss 1.0 with dc and content",
	  "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
	  " xmlns=\"http://purl.org/rss/1.0/\""
	  " xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
	  " xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
	  "<channel rdf:about=\"http://ex.com/\"><title>RDF</title>"
	  "<link>http://ex.com/</link><dc:language>fr</dc:language>"
	  "<dc:date>2003-12-31T10:14:55+01:00</dc:date></channel>"
	  "<image><title>not the feed title</title></image>"
	  "<item rdf:about=\"http://ex.com/a\"><title>A</title>"
	  "<link>http://ex.com/a</link><dc:creator>Marie</dc:creator>"
	  "<dc:date>2004-01-01</dc:date>"
	  "<content:encoded><![CDATA[<b>bold</b>]]></content:encoded>"
	  "</item></rdf:RDF>",
	  NULL, 1, "rss1.0", "RDF", "http://ex.com/", "fr",
	  "2003-12-31T09:14:55Z", 1, "A", "http://ex.com/a",
	  "http://ex.com/a", "Marie", "2004-01-01T00:00:00Z", NUL, NUL,
	  "<b>bold</b>" },
	{ "rss 0.90",
	  "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
	  " xmlns=\"http://my.netscape.com/rdf/simple/0.9/\"><channel>"
	  "<title>Ninety</title></channel><item><title>i</title></item>"
	  "</rdf:RDF>",
	  NULL, 1, "rss0.9x", "Ninety", NUL, NUL, NUL, 1, "i", NUL, NUL, NUL,
	  NUL, NUL, NUL, NUL },
	{ "atom 1.0 text constructs and xml:base",
	  "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"de\""
	  " xml:base=\"http://ex.com/blog/\">"
	  "<title type=\"html\">A &lt;b&gt;&amp;amp;&lt;/b&gt; B</title>"
	  "<link href=\"./\"/><link rel=\"self\" href=\"feed.atom\"/>"
	  "<updated>2005-07-31T12:29:29Z</updated>"
	  "<author><name>Feed Author</name></author>"
	  "<entry xml:base=\"2005/\"><title type=\"xhtml\"><div"
	  " xmlns=\"http://www.w3.org/1999/xhtml\">History of the "
	  "&lt;blink&gt; <i>tag</i></div></title>"
	  "<link rel=\"enclosure\" href=\"a.mp3\" length=\"12\"/>"
	  "<link href=\"post.html\"/><id>tag:ex.com,2005:1</id>"
	  "<published>2005-07-31T12:29:29-07:00</published>"
	  "<updated>2005-08-01T00:00:00Z</updated>"
	  "<summary>Plain &amp; simple</summary>"
	  "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">"
	  "<p>Hi <a href=\"x?a=1&amp;b=2\">there</a><br/></p></div></content>"
	  "<source><title>not it</title></source>"
	  "</entry></feed>",
	  NULL, 1, "atom1.0", "A & B", "http://ex.com/blog/", "de",
	  "2005-07-31T12:29:29Z", 1, "History of the <blink> tag",
	  "http://ex.com/blog/2005/post.html", "tag:ex.com,2005:1",
	  "Feed Author", "2005-07-31T19:29:29Z", "2005-08-01T00:00:00Z",
	  "Plain & simple",
	  "<p>Hi <a href=\"x?a=1&amp;b=2\">there</a><br /></p>" },
	{ "atom 0.3",
	  "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\">"
	  "<title mode=\"escaped\" type=\"text/html\">&lt;i&gt;Old&lt;/i&gt;"
	  "</title><modified>2004-01-01T00:00:00Z</modified>"
	  "<entry><title>e</title><issued>2003-12-31T23:00:00-01:00</issued>"
	  "<modified>2004-01-02T00:00:00Z</modified>"
	  "<author><name>Au</name></author></entry></feed>",
	  NULL, 1, "atom0.3", "Old", NUL, NUL, "2004-01-01T00:00:00Z", 1,
	  "e", NUL, NUL, "Au", "2004-01-01T00:00:00Z",
	  "2004-01-02T00:00:00Z", NUL, NUL },
	{ "guid permalink becomes the link; isPermaLink=false does not",
	  "<rss version=\"2.0\"><channel><item><guid>http://ex.com/p</guid>"
	  "</item><item><guid isPermaLink=\"false\">http://ex.com/q</guid>"
	  "</item></channel></rss>",
	  NULL, 1, "rss2.0", NUL, NUL, NUL, NUL, 2, NUL, "http://ex.com/p",
	  "http://ex.com/p", NUL, NUL, NUL, NUL, NUL },
	{ "relative links resolve against the document URL",
	  "<rss version=\"2.0\"><channel><link>/</link><item>"
	  "<link>../story?id=1</link></item></channel></rss>",
	  "http://news.ex.com/feeds/main.xml", 1, "rss2.0", NUL,
	  "http://news.ex.com/", NUL, NUL, 1, NUL,
	  "http://news.ex.com/story?id=1", NUL, NUL, NUL, NUL, NUL, NUL },
	{ "undefined HTML entities are decoded and flag the document",
	  "<rss version=\"2.0\"><channel><title>caf&eacute; &ndash; "
	  "&nbsp;&amp;</title></channel></rss>",
	  NULL, 0, "rss2.0", "caf\xc3\xa9 \xe2\x80\x93 \xc2\xa0&", NUL, NUL,
	  NUL, 0, NUL, NUL, NUL, NUL, NUL, NUL, NUL, NUL },
	{ "entities after a recovered error still expand",
	  "<rss version=\"2.0\"><channel><title>t</title><x></y>"
	  "<item><title>Salt &amp; pepper &lt;3</title>"
	  "<link>http://ex.com/?a=1&amp;b=2</link></item></channel></rss>",
	  NULL, 0, "rss2.0", "t", NUL, NUL, NUL, 1, "Salt & pepper <3",
	  "http://ex.com/?a=1&b=2", NUL, NUL, NUL, NUL, NUL, NUL },
	{ "bare ampersands in text are kept",
	  "<rss version=\"2.0\"><channel><title>Q&A & more</title><item>"
	  "<link>http://ex.com/?a=1&b=2&c</link></item></channel></rss>",
	  NULL, 0, "rss2.0", "Q&A & more", NUL, NUL, NUL, 1, NUL,
	  "http://ex.com/?a=1&b=2&c", NUL, NUL, NUL, NUL, NUL, NUL },
	{ "declared entities, in text and in attributes",
	  "<!DOCTYPE rss [<!ENTITY me \"J&#233;r&#244;me\">"
	  "<!ENTITY site \"http://ex.com\">]>"
	  "<rss version=\"2.0\"><channel><title>&me;</title><item>"
	  "<enclosure url=\"&site;/a&amp;b.mp3\" type=\"audio/mpeg\""
	  " length=\"99\"/><author>&me;</author></item></channel></rss>",
	  NULL, 1, "rss2.0", "J\xc3\xa9r\xc3\xb4me", NUL, NUL, NUL, 1, NUL,
	  NUL, NUL, "J\xc3\xa9r\xc3\xb4me", NUL, NUL, NUL, NUL },
	{ "ISO-8859-1",
	  "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\">"
	  "<channel><title>Caf\xe9 M\xfcnchen</title></channel></rss>",
	  NULL, 1, "rss2.0", "Caf\xc3\xa9 M\xc3\xbcnchen", NUL, NUL, NUL, 0,
	  NUL, NUL, NUL, NUL, NUL, NUL, NUL, NUL },
	{ "windows-1252",
	  "<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss version=\"2.0\">"
	  "<channel><title>\x93quoted\x94 \x80 5</title></channel></rss>",
	  NULL, 1, "rss2.0",
	  "\xe2\x80\x9cquoted\xe2\x80\x9d \xe2\x82\xac 5", NUL, NUL, NUL, 0,
	  NUL, NUL, NUL, NUL, NUL, NUL, NUL, NUL },
	/* Character references to controls are not well-formed XML. */
	{ "control characters and escape sequences never survive",
	  "<rss version=\"2.0\"><channel><title>a&#x1b;[2Jb&#x9b;c&#x202e;d"
	  "</title><item><title>x\ty\nz</title><description>l1&#13;\nl2"
	  "&#7;</description></item></channel></rss>",
	  NULL, 0, "rss2.0", "a[2Jbcd", NUL, NUL, NUL, 1, "x y z", NUL, NUL,
	  NUL, NUL, NUL, "l1\nl2", NUL },
	{ "invalid UTF-8 is replaced, not dropped",
	  "<rss version=\"2.0\"><channel><title>ok \xff\xfe bad</title>"
	  "</channel></rss>",
	  NULL, 0, "rss2.0", NULL, NUL, NUL, NUL, 0, NUL, NUL, NUL, NUL, NUL,
	  NUL, NUL, NUL },
	/* One stray byte costs one character, wherever the chunks fall. */
	{ "a stray byte in UTF-8 does not depend on chunking",
	  "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	  "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title>\n"
	  "<entry><id>tag:x,2020:fu\x9al</id><title>one</title></entry>\n"
	  "<entry><id>2</id><title>two</title></entry>\n</feed>",
	  NULL, 0, "atom1.0", "T", NUL, NUL, NUL, 2, "one", NUL,
	  "tag:x,2020:fu\xef\xbf\xbdl", NUL, NUL, NUL, NUL, NUL },
	{ "raw XHTML inside an RSS description joins its HTML",
	  "<rss version=\"2.0\"><channel><item><description>A &amp; "
	  "<p>para<br/>graph</p></description></item></channel></rss>",
	  NULL, 1, "rss2.0", NUL, NUL, NUL, NUL, 1, NUL, NUL, NUL, NUL, NUL,
	  NUL, "A & <p>para<br />graph</p>", NUL },
	{ "a lone Atom entry is a feed of one",
	  "<entry xmlns=\"http://www.w3.org/2005/Atom\"><title>solo</title>"
	  "</entry>",
	  NULL, 1, "atom1.0", NUL, NUL, NUL, NUL, 1, "solo", NUL, NUL, NUL,
	  NUL, NUL, NUL, NUL },
	{ "unreadable date is null, never wrong",
	  "<rss version=\"2.0\"><channel><item><pubDate>yesterday-ish"
	  "</pubDate><title>d</title></item></channel></rss>",
	  NULL, 1, "rss2.0", NUL, NUL, NUL, NUL, 1, "d", NUL, NUL, NUL, NUL,
	  NUL, NUL, NUL },
	{ "truncated document keeps what came before",
	  "<rss version=\"2.0\"><channel><title>cut</title><item><title>first"
	  "</title></item><item><title>sec",
	  NULL, 0, "rss2.0", "cut", NUL, NUL, NUL, 2, "first", NUL, NUL, NUL,
	  NUL, NUL, NUL, NUL },
	{ "HTML page is not a feed", "<html><body>hi</body></html>",
	  NULL, -1, NULL, NULL, NULL, NULL, NULL, -1, NULL, NULL, NULL, NULL,
	  NULL, NULL, NULL, NULL },
	{ "empty document", "",
	  NULL, -1, NULL, NULL, NULL, NULL, NULL, -1, NULL, NULL, NULL, NULL,
	  NULL, NULL, NULL, NULL },
	{ "binary garbage", "\x01\x02\x03\xff\xfe\x00garbage",
	  NULL, -1, NULL, NULL, NULL, NULL, NULL, -1, NULL, NULL, NULL, NULL,
	  NULL, NULL, NULL, NULL },
};

static void
check_field(const char *name, const char *what, const char *got,
    const char *want)
{
	char	 label[160];

	if (want == NULL)
		return;
	snprintf(label, sizeof label, "%s: %s", name, what);
	CHECK_STR(got, strcmp(want, NUL) == 0 ? NULL : want, label);
}

static void
check_date(const char *name, const char *what, int64_t got,
    const char *want)
{
	char	 s[32];

	if (got == FEED_NOTIME)
		check_field(name, what, NULL, want);
	else {
		date_format_rfc3339(got, s);
		check_field(name, what, s, want);
	}
}

static void
check_feed(const struct pcase *c, const struct feed *f, const char *how)
{
	char	 name[200];

	snprintf(name, sizeof name, "%s (%s)", c->name, how);
	if (c->wellformed < 0) {
		CHECK(f == NULL, "%s: should not parse", name);
		return;
	}
	CHECK(f != NULL, "%s: did not parse", name);
	if (f == NULL)
		return;
	CHECK(f->wellformed == c->wellformed, "%s: wellformed %d", name,
	    f->wellformed);
	check_field(name, "format", feed_format_name(f->format), c->format);
	check_field(name, "title", f->title, c->title);
	check_field(name, "link", f->link, c->link);
	check_field(name, "language", f->language, c->language);
	check_date(name, "updated", f->updated, c->updated);
	if (c->nitems >= 0)
		CHECK(f->nitems == (size_t)c->nitems, "%s: %zu items", name,
		    f->nitems);
	if (f->nitems == 0)
		return;
	check_field(name, "item title", f->items[0].title, c->ititle);
	check_field(name, "item link", f->items[0].link, c->ilink);
	check_field(name, "item id", f->items[0].id, c->iid);
	check_field(name, "item author", f->items[0].author, c->iauthor);
	check_date(name, "item published", f->items[0].published,
	    c->ipublished);
	check_date(name, "item updated", f->items[0].updated, c->iupdated);
	check_field(name, "item summary", f->items[0].summary, c->isummary);
	check_field(name, "item content", f->items[0].content, c->icontent);
}

static void
run_cases(void)
{
	const struct pcase	*c;
	struct parser		*p;
	struct feed		*f;
	char			*cause, *warn;
	size_t			 i, j, len;

	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		c = &cases[i];
		len = strlen(c->doc);
		if (strcmp(c->name, "binary garbage") == 0)
			len = 13;	/* through the NUL and past it */
		f = parse_memory(c->doc, len, "case.xml", c->base, &cause,
		    &warn);
		check_feed(c, f, "whole");
		if (c->wellformed < 0)
			CHECK(cause != NULL && strstr(cause, "case.xml") !=
			    NULL, "%s: the error names the file: %s", c->name,
			    cause ? cause : "(none)");
		if (c->wellformed == 0)
			CHECK(warn != NULL && strstr(warn, "case.xml:") != NULL,
			    "%s: the warning names the file and line: %s",
			    c->name, warn ? warn : "(none)");
		feed_free(f);
		free(cause);
		free(warn);

		p = parse_new("case.xml", c->base, NULL);
		for (j = 0; j < len; j++)
			parse_push(p, c->doc + j, 1);
		f = parse_finish(p, &cause, &warn);
		check_feed(c, f, "byte by byte");
		parse_free(p);
		feed_free(f);
		free(cause);
		free(warn);
	}
}

/* Enclosures, categories and the extensions. */
static void
test_extensions(void)
{
	static const char doc[] =
	    "<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\""
	    " xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\""
	    " xmlns:sy=\"http://purl.org/rss/1.0/modules/syndication/\""
	    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
	    " xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel>"
	    "<atom:link rel=\"self\" href=\"http://ex.com/feed\"/>"
	    "<sy:updatePeriod>hourly</sy:updatePeriod>"
	    "<sy:updateFrequency>2</sy:updateFrequency>"
	    "<item><category>World</category><dc:subject>Politics</dc:subject>"
	    "<category>World</category>"
	    "<enclosure url=\"http://ex.com/a.mp3\" type=\"audio/mpeg\""
	    " length=\"1234\"/>"
	    "<media:group><media:content url=\"http://ex.com/v.mp4\""
	    " type=\"video/mp4\" fileSize=\"99\"/>"
	    "<media:thumbnail url=\"http://ex.com/t.jpg\"/></media:group>"
	    "<media:content url=\"http://ex.com/a.mp3\"/>"
	    "<itunes:duration>1:02:03</itunes:duration>"
	    "<itunes:author>Pod Person</itunes:author></item>"
	    "</channel></rss>";
	struct feed	*f;
	struct item	*it;
	char		*cause, *warn;

	f = parse_memory(doc, sizeof doc - 1, "ext.xml", NULL, &cause, &warn);
	CHECK(f != NULL && f->nitems == 1, "extensions parse");
	if (f == NULL || f->nitems != 1)
		return;
	it = &f->items[0];
	CHECK(it->ncategories == 2, "categories deduplicated: %zu",
	    it->ncategories);
	CHECK_STR(it->ncategories > 1 ? it->categories[1] : NULL, "Politics",
	    "dc:subject is a category");
	CHECK(it->nenclosures == 2, "enclosures: %zu (media:content with "
	    "the same URL is not repeated)", it->nenclosures);
	if (it->nenclosures == 2) {
		CHECK_STR(it->enclosures[0].type, "audio/mpeg", "type");
		CHECK(it->enclosures[0].length == 1234, "length");
		CHECK_STR(it->enclosures[1].url, "http://ex.com/v.mp4",
		    "media:content in a group");
		CHECK(it->enclosures[1].length == 99, "fileSize");
	}
	CHECK_STR(it->thumbnail, "http://ex.com/t.jpg", "media:thumbnail");
	CHECK(it->duration == 3723, "itunes:duration %lld",
	    (long long)it->duration);
	CHECK_STR(it->author, "Pod Person", "itunes:author");
	CHECK_STR(f->self, "http://ex.com/feed", "atom:link rel=self");
	CHECK(f->ttl == 30, "sy: hourly twice is 30 minutes: %d", f->ttl);
	feed_free(f);
	free(cause);
	free(warn);
}

/* Documents built to hurt: none may blow up memory, time or the stack. */
static void
test_hostile(void)
{
	struct buf	 b;
	struct feed	*f;
	char		*cause, *warn, path[] = "/tmp/tidings-secretXXXXXX";
	int		 i, fd;
	clock_t		 t0;

	/* A flat 50 KB entity referenced 50,000 times (2.5 GB expanded). */
	buf_init(&b, BUF_NOLIMIT);
	buf_adds(&b, "<!DOCTYPE rss [<!ENTITY big \"");
	for (i = 0; i < 50 * 1024; i++)
		buf_addc(&b, 'x');
	buf_adds(&b, "\">]><rss version=\"2.0\"><channel><title>");
	for (i = 0; i < 50000; i++)
		buf_adds(&b, "&big;");
	buf_adds(&b, "</title><item><title>after</title></item>"
	    "</channel></rss>");
	t0 = clock();
	f = parse_memory(buf_str(&b), buf_len(&b), "flat.xml", NULL, &cause,
	    &warn);
	CHECK(f != NULL, "flat entity document parses");
	if (f != NULL) {
		CHECK(f->title == NULL || strlen(f->title) <= PARSE_LINE_MAX,
		    "title is capped");
		CHECK(!f->wellformed, "the cap is reported as a problem");
		CHECK(f->nitems == 1, "items after the bomb are kept");
	}
	CHECK(warn != NULL, "a warning says what was wrong");
	CHECK((clock() - t0) / CLOCKS_PER_SEC < 20, "flat entity is quick");
	feed_free(f);
	free(cause);
	free(warn);
	buf_free(&b);

	/* Billion laughs. */
	buf_init(&b, BUF_NOLIMIT);
	buf_adds(&b, "<!DOCTYPE rss [<!ENTITY l0 \"lol\">");
	for (i = 1; i < 10; i++)
		buf_addf(&b, "<!ENTITY l%d \"&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;"
		    "&l%d;&l%d;&l%d;&l%d;\">", i, i - 1, i - 1, i - 1, i - 1,
		    i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
	buf_adds(&b, "]><rss version=\"2.0\"><channel><title>&l9;</title>"
	    "<description>&l9;&l9;&l9;</description></channel></rss>");
	f = parse_memory(buf_str(&b), buf_len(&b), "laughs.xml", NULL,
	    &cause, &warn);
	CHECK(f != NULL && (f->title == NULL ||
	    strlen(f->title) <= PARSE_LINE_MAX), "billion laughs is bounded");
	feed_free(f);
	free(cause);
	free(warn);
	buf_free(&b);

	/* 100,000 nested elements. */
	buf_init(&b, BUF_NOLIMIT);
	buf_adds(&b, "<rss version=\"2.0\"><channel><title>deep</title>");
	for (i = 0; i < 100000; i++)
		buf_adds(&b, "<x>");
	f = parse_memory(buf_str(&b), buf_len(&b), "deep.xml", NULL, &cause,
	    &warn);
	CHECK(f != NULL && !f->wellformed, "deep nesting is refused cleanly");
	if (f != NULL)
		CHECK_STR(f->title, "deep", "what came before the nesting");
	feed_free(f);
	free(cause);
	free(warn);
	buf_free(&b);

	/* An external entity naming a local file is never read. */
	if ((fd = mkstemp(path)) != -1) {
		if (write(fd, "SECRET-MARKER", 13) != 13)
			CHECK(0, "write %s", path);
		close(fd);
		buf_init(&b, BUF_NOLIMIT);
		buf_addf(&b, "<!DOCTYPE rss [<!ENTITY x SYSTEM \"file://%s\">]>"
		    "<rss version=\"2.0\"><channel><title>a&x;b</title>"
		    "</channel></rss>", path);
		f = parse_memory(buf_str(&b), buf_len(&b), "xxe.xml", NULL,
		    &cause, &warn);
		CHECK(f != NULL && f->title != NULL &&
		    strstr(f->title, "SECRET") == NULL,
		    "external entity not loaded: %s",
		    f && f->title ? f->title : "(none)");
		feed_free(f);
		free(cause);
		free(warn);
		buf_free(&b);
		unlink(path);
	}

	/* A field over its cap is cut, not grown. */
	buf_init(&b, BUF_NOLIMIT);
	buf_adds(&b, "<rss version=\"2.0\"><channel><title>");
	for (i = 0; i < 100000; i++)
		buf_adds(&b, "long ");
	buf_adds(&b, "</title></channel></rss>");
	f = parse_memory(buf_str(&b), buf_len(&b), "long.xml", NULL, &cause,
	    &warn);
	CHECK(f != NULL && f->title != NULL &&
	    strlen(f->title) <= PARSE_LINE_MAX, "long title is capped");
	CHECK(warn != NULL && strstr(warn, "long.xml:") != NULL,
	    "the cut is reported: %s", warn ? warn : "(none)");
	feed_free(f);
	free(cause);
	free(warn);
	buf_free(&b);
}

/* UTF-16 with a byte-order mark. */
static void
test_utf16(void)
{
	const char	*src = "<rss version=\"2.0\"><channel><title>\xce\xb6"
			    "</title></channel></rss>";
	struct buf	 b;
	struct feed	*f;
	char		*cause, *warn;
	size_t		 i;

	buf_init(&b, BUF_NOLIMIT);
	buf_add(&b, "\xff\xfe", 2);
	for (i = 0; src[i] != '\0'; i++) {
		if ((unsigned char)src[i] == 0xce) {	/* U+03B6 */
			buf_add(&b, "\xb6\x03", 2);
			i++;
			continue;
		}
		buf_addc(&b, src[i]);
		buf_add(&b, "", 1);
	}
	f = parse_memory(buf_str(&b), buf_len(&b), "u16.xml", NULL, &cause,
	    &warn);
	CHECK(f != NULL && f->title != NULL &&
	    strcmp(f->title, "\xce\xb6") == 0, "UTF-16LE title: %s",
	    f && f->title ? f->title : "(none)");
	feed_free(f);
	free(cause);
	free(warn);
	buf_free(&b);
}

/* A charset from outside (HTTP) decides, as RFC 7303 says. */
static void
test_charset(void)
{
	static const char doc[] = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
	    "<rss version=\"2.0\"><channel><title>Caf\xe9</title></channel>"
	    "</rss>";
	struct parser	*p;
	struct feed	*f;
	char		*cause, *warn;

	p = parse_new("http://ex.com/feed", NULL, "ISO-8859-1");
	parse_push(p, doc, sizeof doc - 1);
	f = parse_finish(p, &cause, &warn);
	CHECK(f != NULL && f->wellformed, "HTTP charset parse");
	CHECK_STR(f != NULL ? f->title : NULL, "Caf\xc3\xa9",
	    "HTTP charset beats the declaration");
	parse_free(p);
	feed_free(f);
	free(cause);
	free(warn);
}

/* What a parse gave, for comparing parses of one document. */
static void
parse_sizes(const char *doc, size_t len, size_t chunk, int *got,
    size_t *nitems, int *wellformed)
{
	struct parser	*p;
	struct feed	*f;
	char		*cause, *warn;
	size_t		 i, n;

	p = parse_new("chunks.xml", NULL, NULL);
	for (i = 0; i < len; i += n) {
		n = len - i < chunk ? len - i : chunk;
		parse_push(p, doc + i, n);
	}
	f = parse_finish(p, &cause, &warn);
	*got = f != NULL;
	*nitems = f != NULL ? f->nitems : 0;
	*wellformed = f != NULL && f->wellformed;
	parse_free(p);
	feed_free(f);
	free(cause);
	free(warn);
}

/*
 * libxml2's push parser recovers from a comment ending in "--->" before
 * the root differently depending on where a chunk ends (the fuzzer found
 * a document that gave a feed of 11 items one way and of 1 the other):
 * however the network cuts a document, the result must be the same.
 */
static void
test_chunking(void)
{
	static const size_t chunks[] = { 1, 7, 1000, 4096, 65536, 70001 };
	struct buf	 b;
	size_t		 i, n0, n;
	int		 got0, got, wf0, wf;

	buf_init(&b, BUF_NOLIMIT);
	buf_adds(&b, "<!--");
	for (i = 0; i < 100000 / 10; i++)
		buf_adds(&b, "0123456789");
	buf_adds(&b, " --->\n<rss version=\"2.0\"><channel><title>x</title>"
	    "<item><title>one</title></item><item><title>two</title></item>"
	    "</channel></rss>\n<!-- after -->\n");
	parse_sizes(buf_str(&b), buf_len(&b), buf_len(&b), &got0, &n0, &wf0);
	CHECK(!wf0, "a comment ending in --- is not well-formed");
	for (i = 0; i < sizeof chunks / sizeof *chunks; i++) {
		parse_sizes(buf_str(&b), buf_len(&b), chunks[i], &got, &n,
		    &wf);
		CHECK(got == got0 && n == n0 && wf == wf0, "chunks of %zu: "
		    "feed %d, %zu items, well-formed %d; whole: %d, %zu, %d",
		    chunks[i], got, n, wf, got0, n0, wf0);
	}
	buf_free(&b);
}

int
main(void)
{
	parse_init();
	test_charset();
	test_chunking();
	run_cases();
	test_extensions();
	test_hostile();
	test_utf16();
	parse_cleanup();
	return test_exit("test-parse");
}
