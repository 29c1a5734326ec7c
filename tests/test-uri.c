/*
 * test-uri.c checks uri.c against every example of RFC 3986 section 5.4
 * and against what feeds do: NULL and relative bases, padded references,
 * other schemes and chains of xml:base.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "test.h"
#include "uri.h"

struct row {
	const char	*base;
	const char	*ref;
	const char	*want;
};

static void	 test_resolve(void);
static void	 test_chain(void);
static void	 test_absolute(void);

#define RFC_BASE	"http://a/b/c/d;p?q"
#define FEED_BASE	"http://example.com/a/b/c.xml"

static const struct row rows[] = {
	/* RFC 3986 5.4.1, normal examples. */
	{ RFC_BASE, "g:h", "g:h" },
	{ RFC_BASE, "g", "http://a/b/c/g" },
	{ RFC_BASE, "./g", "http://a/b/c/g" },
	{ RFC_BASE, "g/", "http://a/b/c/g/" },
	{ RFC_BASE, "/g", "http://a/g" },
	{ RFC_BASE, "//g", "http://g" },
	{ RFC_BASE, "?y", "http://a/b/c/d;p?y" },
	{ RFC_BASE, "g?y", "http://a/b/c/g?y" },
	{ RFC_BASE, "#s", "http://a/b/c/d;p?q#s" },
	{ RFC_BASE, "g#s", "http://a/b/c/g#s" },
	{ RFC_BASE, "g?y#s", "http://a/b/c/g?y#s" },
	{ RFC_BASE, ";x", "http://a/b/c/;x" },
	{ RFC_BASE, "g;x", "http://a/b/c/g;x" },
	{ RFC_BASE, "g;x?y#s", "http://a/b/c/g;x?y#s" },
	{ RFC_BASE, "", "http://a/b/c/d;p?q" },
	{ RFC_BASE, ".", "http://a/b/c/" },
	{ RFC_BASE, "./", "http://a/b/c/" },
	{ RFC_BASE, "..", "http://a/b/" },
	{ RFC_BASE, "../", "http://a/b/" },
	{ RFC_BASE, "../g", "http://a/b/g" },
	{ RFC_BASE, "../..", "http://a/" },
	{ RFC_BASE, "../../", "http://a/" },
	{ RFC_BASE, "../../g", "http://a/g" },

	/* RFC 3986 5.4.2, abnormal examples. */
	{ RFC_BASE, "../../../g", "http://a/g" },
	{ RFC_BASE, "../../../../g", "http://a/g" },
	{ RFC_BASE, "/./g", "http://a/g" },
	{ RFC_BASE, "/../g", "http://a/g" },
	{ RFC_BASE, "g.", "http://a/b/c/g." },
	{ RFC_BASE, ".g", "http://a/b/c/.g" },
	{ RFC_BASE, "g..", "http://a/b/c/g.." },
	{ RFC_BASE, "..g", "http://a/b/c/..g" },
	{ RFC_BASE, "./../g", "http://a/b/g" },
	{ RFC_BASE, "./g/.", "http://a/b/c/g/" },
	{ RFC_BASE, "g/./h", "http://a/b/c/g/h" },
	{ RFC_BASE, "g/../h", "http://a/b/c/h" },
	{ RFC_BASE, "g;x=1/./y", "http://a/b/c/g;x=1/y" },
	{ RFC_BASE, "g;x=1/../y", "http://a/b/c/y" },
	{ RFC_BASE, "g?y/./x", "http://a/b/c/g?y/./x" },
	{ RFC_BASE, "g?y/../x", "http://a/b/c/g?y/../x" },
	{ RFC_BASE, "g#s/./x", "http://a/b/c/g#s/./x" },
	{ RFC_BASE, "g#s/../x", "http://a/b/c/g#s/../x" },
	{ RFC_BASE, "http:g", "http:g" },	/* strict parser */

	/* A feed's own URL as base. */
	{ FEED_BASE, "../d", "http://example.com/a/d" },
	{ FEED_BASE, "d", "http://example.com/a/b/d" },
	{ FEED_BASE, "/x", "http://example.com/x" },
	{ FEED_BASE, "//other.org/y", "http://other.org/y" },
	{ FEED_BASE, "?q", "http://example.com/a/b/c.xml?q" },
	{ FEED_BASE, "#f", "http://example.com/a/b/c.xml#f" },
	{ FEED_BASE, "", "http://example.com/a/b/c.xml" },
	{ FEED_BASE, "g;x?y#s", "http://example.com/a/b/g;x?y#s" },
	{ FEED_BASE, "../../../../x", "http://example.com/x" },
	{ FEED_BASE, "https://other.org/p", "https://other.org/p" },
	{ FEED_BASE, "mailto:x@y", "mailto:x@y" },
	{ FEED_BASE, "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a",
	    "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a" },
	{ FEED_BASE, "tag:example.com,2003:3.2397",
	    "tag:example.com,2003:3.2397" },
	{ "http://example.com/a/b/c.xml#top", "",
	    "http://example.com/a/b/c.xml" },
	{ "http://example.com/a/b/c.xml#top", "#x",
	    "http://example.com/a/b/c.xml#x" },
	{ "http://example.com", "item", "http://example.com/item" },
	{ "http://example.com", "?p=1", "http://example.com?p=1" },
	{ "http://example.com?p=1", "", "http://example.com?p=1" },
	{ "https://user@host:8080/p/q", "../r", "https://user@host:8080/r" },
	{ "file:///home/u/feed.xml", "img.png", "file:///home/u/img.png" },
	{ "http://a/b/c/../d/", "e", "http://a/b/d/e" },

	/* White space around either is dropped. */
	{ FEED_BASE, " http://x/ ", "http://x/" },
	{ FEED_BASE, "\n\t  http://x/y\r\n", "http://x/y" },
	{ FEED_BASE, "  page.html  ", "http://example.com/a/b/page.html" },
	{ FEED_BASE, "   ", "http://example.com/a/b/c.xml" },
	{ "  http://example.com/dir/\n", "x", "http://example.com/dir/x" },

	/* An absolute ref loses its dot segments, whatever the base. */
	{ FEED_BASE, "http://x/a/./b/../c", "http://x/a/c" },
	{ FEED_BASE, "http://a/b/c/../../../../g", "http://a/g" },
	{ NULL, "http://x/a/../b/./c", "http://x/b/c" },
	{ NULL, "HTTP://Example.COM/./A", "HTTP://Example.COM/A" },
	{ NULL, "http://x/a?b/../c", "http://x/a?b/../c" },

	/* No usable base: a relative ref comes back as written. */
	{ NULL, "foo/../bar", "foo/../bar" },
	{ NULL, "  /item?id=1  ", "/item?id=1" },
	{ NULL, "", "" },
	{ "dir/feed.xml", "item.html", "item.html" },
	{ "/abs/path", "../x", "../x" },
	{ "", "x", "x" },
	{ NULL, "mailto:x@y", "mailto:x@y" },
	{ "1http://a/", "b", "b" },

	/* Not a scheme: a digit first, or a character outside the set. */
	{ FEED_BASE, "1a:b", "http://example.com/a/b/1a:b" },
	{ FEED_BASE, "a b:c", "http://example.com/a/b/a b:c" },
};

static void
test_resolve(void)
{
	const struct row	*r;
	char			*got;
	char			 what[256];
	size_t			 i;

	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		r = &rows[i];
		got = uri_resolve(r->base, r->ref);
		(void)snprintf(what, sizeof what, "\"%s\" against \"%s\"",
		    r->ref, r->base != NULL ? r->base : "(null)");
		CHECK_STR(got, r->want, what);
		free(got);
	}
	CHECK(uri_resolve(FEED_BASE, NULL) == NULL, "NULL ref");
	CHECK(uri_resolve(NULL, NULL) == NULL, "NULL ref and base");
}

/* xml:base on nested elements: each resolves against the one above. */
static void
test_chain(void)
{
	static const struct {
		const char	*ref;
		const char	*want;
	} chain[] = {
		{ "sub/", "http://ex.com/dir/sub/" },
		{ "item.html", "http://ex.com/dir/sub/item.html" },
		{ "../up/", "http://ex.com/dir/up/" },
		{ "/root/", "http://ex.com/root/" },
		{ "http://other.org/base/", "http://other.org/base/" },
		{ "x.png", "http://other.org/base/x.png" },
	};
	char	*base, *got;
	size_t	 i;

	base = uri_resolve(NULL, "http://ex.com/dir/");
	for (i = 0; i < sizeof chain / sizeof chain[0]; i++) {
		got = uri_resolve(base, chain[i].ref);
		CHECK_STR(got, chain[i].want, chain[i].ref);
		free(base);
		base = got;
	}
	free(base);
}

static void
test_absolute(void)
{
	static const struct {
		const char	*s;
		int		 want;
	} abs[] = {
		{ "http://x", 1 },
		{ "HTTPS://x", 1 },
		{ "mailto:x@y", 1 },
		{ "urn:isbn:0451450523", 1 },
		{ "a+b-c.d9:x", 1 },
		{ "h:", 1 },
		{ "g:h", 1 },
		{ "1http://x", 0 },
		{ "+a:x", 0 },
		{ ":x", 0 },
		{ "/x", 0 },
		{ "x", 0 },
		{ "./a:b", 0 },
		{ "a b:c", 0 },
		{ "a_b:c", 0 },
		{ " http://x", 0 },
		{ "//host/p", 0 },
		{ "", 0 },
		{ NULL, 0 },
	};
	size_t	 i;

	for (i = 0; i < sizeof abs / sizeof abs[0]; i++)
		CHECK(uri_is_absolute(abs[i].s) == abs[i].want,
		    "uri_is_absolute(\"%s\") != %d",
		    abs[i].s != NULL ? abs[i].s : "(null)", abs[i].want);
}

int
main(void)
{
	test_resolve();
	test_chain();
	test_absolute();
	return test_exit("test-uri");
}
