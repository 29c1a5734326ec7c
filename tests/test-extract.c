/*
 * test-extract.c checks render_extract against the pages in
 * tests/data/extract: which text is kept and which is dropped, links made
 * absolute, a page with no text, a page in ISO-8859-1, and pages built
 * here: 100,000 levels deep, and bigger than the 8 MiB cap.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "render.h"
#include "test.h"
#include "xmalloc.h"

#define PAGE_URL	"https://example.org/news/2024/story.html"

/* A fixture, the strings its extract must hold and must not hold. */
struct page {
	const char	*file;
	const char	*want[8];
	const char	*reject[16];
};

static char	*slurp(const char *, size_t *);
static char	*extract_file(const char *, char **);
static void	 test_pages(void);
static void	 test_empty(void);
static void	 test_charset(void);
static void	 test_deep(void);
static void	 test_big(void);

static const struct page pages[] = {
	{ "news.html",
	    { "PARAONE", "PARATWO", "PARATHREE", "PARAFOUR",
	      "href=\"https://example.org/news/ferries\"",
	      "src=\"https://example.org/img/harbour.jpg\"", NULL },
	    { "COOKIEBANNER", "MASTHEADTEXT", "NAVHOME", "NAVNEWS",
	      "BREADCRUMBTEXT", "SHARETEXT", "ARTICLEFOOTER", "SIDEBARLINK",
	      "SIDEBARPROMO", "COMMENTONE", "COMMENTTWO", "NEWSLETTERTEXT",
	      "SITEFOOTER", "SCRIPTTEXT", "SCRIPTTWO", "FORMTEXT" } },
	{ "main.html",
	    { "<main", "MAINONE", "MAINTWO", "MAINLIST", "MAINTHREE", NULL },
	    { "TOPLINK", "TEASERTEXT", "TEASERBODY", "BOTTOMTEXT", NULL } },
	{ "divsoup.html",
	    { "SOUPONE", "SOUPTWO", "SOUPTHREE",
	      "href=\"https://example.org/photos\"", NULL },
	    { "LOGOLINK", "LEFTLINK", "LEFTSHORT", "RIGHTLINK", "FOOTTEXT",
	      NULL } },
	{ "links.html",
	    { "LINKPARA", "SECONDPARA",
	      "href=\"https://example.org/news/about.html\"",
	      "href=\"https://example.org/contact\"",
	      "href=\"https://cdn.example.net/file.pdf\"",
	      "href=\"https://other.example.com/x?a=1&amp;b=2\"",
	      "src=\"https://example.org/news/2024/img/pic.png\"",
	      "src=\"https://example.org/news/2024/lazy/big.jpg\"" },
	    { "href=\"../", "src=\"img/", "data:image", "onclick", "style=",
	      "data-src", NULL } },
};

/* Reads a file whole; NULL if it cannot. */
static char *
slurp(const char *path, size_t *len)
{
	struct buf	 b;
	FILE		*f;
	char		 chunk[8192];
	size_t		 n;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	buf_init(&b, BUF_NOLIMIT);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	*len = buf_len(&b);
	return buf_detach(&b);
}

/* Extracts tests/data/extract/name as if fetched from PAGE_URL. */
static char *
extract_file(const char *name, char **cause)
{
	const char	*top;
	char		*path, *html, *out;
	size_t		 len;

	if ((top = getenv("top_srcdir")) == NULL)
		top = ".";
	xasprintf(&path, "%s/tests/data/extract/%s", top, name);
	html = slurp(path, &len);
	CHECK(html != NULL, "cannot read %s", path);
	free(path);
	if (html == NULL)
		return NULL;
	out = render_extract(html, len, PAGE_URL, cause);
	free(html);
	return out;
}

static void
test_pages(void)
{
	const struct page	*p;
	char			*out, *cause;
	size_t			 i, j;

	for (i = 0; i < sizeof pages / sizeof *pages; i++) {
		p = &pages[i];
		cause = NULL;
		out = extract_file(p->file, &cause);
		CHECK(out != NULL, "%s: no extract: %s", p->file,
		    cause != NULL ? cause : "(no cause)");
		free(cause);
		if (out == NULL)
			continue;
		for (j = 0; j < 8 && p->want[j] != NULL; j++)
			CHECK(strstr(out, p->want[j]) != NULL,
			    "%s: \"%s\" missing from %s", p->file, p->want[j],
			    out);
		for (j = 0; j < 16 && p->reject[j] != NULL; j++)
			CHECK(strstr(out, p->reject[j]) == NULL,
			    "%s: \"%s\" kept in %s", p->file, p->reject[j],
			    out);
		free(out);
	}
}

static void
test_empty(void)
{
	char	*out, *cause = NULL;

	out = extract_file("empty.html", &cause);
	CHECK(out == NULL, "empty.html: got %s", out != NULL ? out : "");
	CHECK(cause != NULL && strstr(cause, PAGE_URL) != NULL,
	    "empty.html: cause %s", cause != NULL ? cause : "(null)");
	free(out);
	free(cause);

	cause = NULL;
	out = render_extract("", 0, "http://e.example/", &cause);
	CHECK(out == NULL && cause != NULL &&
	    strstr(cause, "http://e.example/") != NULL, "empty input");
	free(out);
	free(cause);
}

static void
test_charset(void)
{
	static const char short_meta[] =
	    "<html><head><meta charset=\"ISO-8859-1\"></head><body>"
	    "<p>Un d\xe9j\xe0 vu qui dure depuis bien trop longtemps.</p>"
	    "</body></html>";
	static const char utf8[] =
	    "<p>Caf\xc3\xa9 cr\xc3\xa8me, na\xc3\xafve \xe2\x82\xac "
	    "without any meta at all.</p>";
	char	*out, *cause = NULL;

	out = extract_file("latin1.html", &cause);
	CHECK(out != NULL, "latin1.html: %s", cause != NULL ? cause : "");
	if (out != NULL) {
		CHECK(strstr(out, "Le caf\xc3\xa9 de la gare") != NULL &&
		    strstr(out, "apr\xc3\xa8s") != NULL &&
		    strstr(out, "co\xc3\xbbte") != NULL,
		    "latin1.html: %s", out);
		/* 0x80 is the euro sign in windows-1252. */
		CHECK(strstr(out, "12 \xe2\x82\xac") != NULL,
		    "latin1.html euro: %s", out);
	}
	free(out);
	free(cause);

	cause = NULL;
	out = render_extract(short_meta, sizeof short_meta - 1, NULL, &cause);
	CHECK(out != NULL && strstr(out, "d\xc3\xa9j\xc3\xa0 vu") != NULL,
	    "meta charset: %s", out != NULL ? out : cause);
	free(out);
	free(cause);

	cause = NULL;
	out = render_extract(utf8, sizeof utf8 - 1, NULL, &cause);
	CHECK(out != NULL && strstr(out, "Caf\xc3\xa9 cr\xc3\xa8me, "
	    "na\xc3\xafve \xe2\x82\xac") != NULL, "utf-8: %s",
	    out != NULL ? out : cause);
	free(out);
	free(cause);
}

/* 100,000 nested elements of each kind must neither crash nor hang. */
static void
test_deep(void)
{
	static const char *const tags[] = { "div", "span", "a", "table",
	    "blockquote" };
	static const char intro[] = "<html><body><p>DEEPINTRO This page "
	    "opens with a paragraph before it goes down a very long way.</p>";
	struct buf	 b;
	char		*out, *cause;
	size_t		 i, k;

	for (k = 0; k < sizeof tags / sizeof *tags; k++) {
		buf_init(&b, BUF_NOLIMIT);
		buf_adds(&b, intro);
		for (i = 0; i < 100000; i++)
			buf_addf(&b, "<%s class=\"x\">", tags[k]);
		buf_adds(&b, "DEEPTEXT at the very bottom of it all");
		for (i = 0; i < 100000; i++)
			buf_addf(&b, "</%s>", tags[k]);
		buf_adds(&b, "</body></html>");
		cause = NULL;
		out = render_extract(buf_str(&b), buf_len(&b), PAGE_URL,
		    &cause);
		CHECK(out != NULL && strstr(out, "DEEPINTRO") != NULL,
		    "deep %s: %s", tags[k], out != NULL ? "intro lost" :
		    cause);
		free(out);
		free(cause);
		buf_free(&b);
	}
}

/* Only the first 8 MiB of a page is read. */
static void
test_big(void)
{
	struct buf	 b;
	char		*out, *cause = NULL;

	buf_init(&b, BUF_NOLIMIT);
	buf_adds(&b, "<html><body><div><p>BIGHEAD The first paragraph of a "
	    "page that goes on and on.</p>");
	while (buf_len(&b) < 9u * 1024 * 1024)
		buf_adds(&b, "<p>Filler text that makes the page bigger "
		    "than the cap on what is read.</p>\n");
	buf_adds(&b, "<p>BIGTAIL past the cap and never seen.</p>"
	    "</div></body></html>");
	out = render_extract(buf_str(&b), buf_len(&b), PAGE_URL, &cause);
	CHECK(out != NULL && strstr(out, "BIGHEAD") != NULL &&
	    strstr(out, "BIGTAIL") == NULL, "big page: %s",
	    out != NULL ? "wrong text" : cause);
	free(out);
	free(cause);
	buf_free(&b);
}

int
main(void)
{
	test_pages();
	test_empty();
	test_charset();
	test_deep();
	test_big();
	return test_exit("test-extract");
}
