/*
 * test-render: the article renderer.  Small cases are tables here; whole
 * articles are fixtures in tests/data/render: NAME.html rendered at 40 and
 * 72 columns must give NAME.40.txt and NAME.72.txt.
 *
 * The dump format of a document, used by both: each line's text on a line
 * of its own; when it has spans, a line follows that starts with a tab
 * (rendered text never has one) and lists each span, tab-separated, as
 * its attribute letters, "=", and the text it covers.  Letters: B bold,
 * I italic, U underline, H heading, L link, Q quote, P pre, D dim,
 * + added and - removed (a difference).
 *
 * "test-render FILE.html WIDTH" prints the dump, to make fixtures with.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "render.h"
#include "revision.h"
#include "test.h"
#include "txt.h"
#include "xmalloc.h"

#define BASE	"https://example.org/blog/post.html"

static char	*dump(const struct render_doc *);
static void	 check_doc(const struct render_doc *, int, const char *);
static char	*read_file(const char *, size_t *);
static void	 check_same(const char *, const char *, const char *);
static void	 fixtures(void);
static void	 big_input(void);
static void	 spans(void);
static void	 deep(void);
static void	 diffs(void);

/* HTML at a width, and its dump. */
static const struct {
	const char	*html;
	int		 width;
	const char	*want;
} cases[] = {
	{ "", 40, "" },
	{ "   \n\t ", 40, "" },
	{ "plain words", 40, "plain words\n" },
	{ "<p>  lots   of\n\n  space  </p>", 40, "lots of space\n" },
	{ "<p>one</p><p>two</p>", 40, "one\n\ntwo\n" },
	{ "<div><div><p>deep</p></div></div><p>next</p>", 40,
	    "deep\n\nnext\n" },
	{ "<p></p><p></p><p>only</p><p></p>", 40, "only\n" },
	{ "a<br>b<br><br><br>c", 40, "a\nb\n\nc\n" },
	/* Width below 10 counts as 10; a long word breaks hard. */
	{ "<p>abcdefghijklmnopqrstuvwxyz</p>", 3,
	    "abcdefghij\nklmnopqrst\nuvwxyz\n" },
	{ "<p>the quick brown fox jumps</p>", 10,
	    "the quick\nbrown fox\njumps\n" },
	{ "<b>bold</b> <i>it</i> <u>under</u>", 40,
	    "bold it under\n\tB=bold\tI=it\tU=under\n" },
	{ "<strong>a <em>b</em></strong>", 40,
	    "a b\n\tB=a \tBI=b\n" },
	{ "<h2>Title</h2><p>body</p>", 40,
	    "Title\n\tBH=Title\n\nbody\n" },
	{ "<h1>Big</h1>", 40,
	    "Big\n\tBH=Big\n\xe2\x95\x90\xe2\x95\x90\xe2\x95\x90\n"
	    "\tBH=\xe2\x95\x90\xe2\x95\x90\xe2\x95\x90\n" },
	{ "x<code>int i;</code>y", 40, "xint i;y\n\tP=int i;\n" },
	{ "<ul><li>a</li><li>b</li></ul>", 40,
	    "\xe2\x80\xa2 a\n\xe2\x80\xa2 b\n" },
	{ "<ol start=\"9\"><li>a<li>b<li value=\"20\">c<li>d</ol>", 40,
	    "9. a\n10. b\n20. c\n21. d\n" },
	{ "<ul><li>one two three four</li></ul>", 10,
	    "\xe2\x80\xa2 one two\n  three\n  four\n" },
	{ "<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>", 40,
	    "\xe2\x80\xa2 a\n  \xe2\x80\xa2 b\n\xe2\x80\xa2 c\n" },
	{ "<ul><li><p>a</p><p>b</p></li><li><p>c</p></li></ul>", 40,
	    "\xe2\x80\xa2 a\n\n  b\n\n\xe2\x80\xa2 c\n" },
	{ "<p>x</p><blockquote><p>q1</p><p>q2</p></blockquote>", 40,
	    "x\n\n\xe2\x94\x82 q1\n\tQ=\xe2\x94\x82 q1\n"
	    "\xe2\x94\x82\n\tQ=\xe2\x94\x82\n"
	    "\xe2\x94\x82 q2\n\tQ=\xe2\x94\x82 q2\n" },
	{ "<pre>\n\ta\tb\n  c\n\n\n</pre>", 40,
	    "        a       b\n\tP=        a       b\n"
	    "  c\n\tP=  c\n" },
	{ "<pre>a\n\n\nb</pre>", 40, "a\n\tP=a\n\n\nb\n\tP=b\n" },
	{ "<pre>0123456789012345678901234567890</pre>", 10,
	    "0123456789012345678901234567890\n"
	    "\tP=0123456789012345678901234567890\n" },
	{ "<table><tr><th>k</th><th>v</th></tr><tr><td>a</td><td>1</td>"
	    "</tr></table>", 40,
	    "k \xe2\x94\x82 v\n\tB=k\tD=\xe2\x94\x82\tB=v\n"
	    "a \xe2\x94\x82 1\n\tD=\xe2\x94\x82\n" },
	{ "<img src=a.png alt=\"A cat\"><img src=b.png>"
	    "<img src=t.gif width=1 height=1>", 40,
	    "[image: A cat][image]\n\tD=[image: A cat][image]\n" },
	{ "<a href=\"x\">one</a> <a href=\"../blog/x\">two</a> "
	    "<a href=\"javascript:alert(1)\">three</a> "
	    "<a href=\" java\tscript:x\">four</a> <a>five</a>", 40,
	    "one[1] two[1] three four five\n\tL=one[1]\tL=two[1]\n"
	    "\n"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\n"
	    "\tD="
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\n"
	    "[1] https://example.org/blog/x\n"
	    "\tD=[1] https://example.org/blog/x\n" },
	{ "<script>alert(1)</script><style>p{}</style><p>kept"
	    "<noscript>no</noscript><template>t</template>"
	    "<iframe>i</iframe><svg><text>s</text></svg>"
	    "<input value=v><button>b</button><select><option>o"
	    "</select><textarea>ta</textarea></p>", 40, "kept\n" },
	{ "<title>T</title><p>body</p>", 40, "body\n" },
	{ "<p>&lt;&amp;&gt; &quot;&#39; &eacute;&#x263A;&nbsp;x &bogus;</p>",
	    40, "<&> \"' \xc3\xa9\xe2\x98\xba\xc2\xa0x &bogus;\n" },
	{ "<p>esc&#27;[31m &#x9b;c1 &#x202e;rlo&#x2066;iso&#0;nul</p>",
	    40, "esc[31m c1 rloisonul\n" },
	{ "<p>raw \x1b[2J\xc2\x9b" "1m \xe2\x80\xae" "bidi \xff" "bad</p>",
	    40, "raw [2J1m bidi \xef\xbf\xbd" "bad\n" },
	{ "<meta charset=\"iso-8859-1\"><p>caf\xc3\xa9 \xff</p>", 40,
	    "caf\xc3\xa9 \xef\xbf\xbd\n" },
	/* CJK breaks between characters; the comma stays on its line. */
	{ "<p>\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe6\x96\x87"
	    "\xe7\xab\xa0\xe3\x81\xa7\xe3\x81\x99</p>", 10,
	    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe6\x96\x87\n"
	    "\xe7\xab\xa0\xe3\x81\xa7\xe3\x81\x99\n" },
	{ "<p>aaaaaaaaae\xcc\x81" "b</p>", 10,
	    "aaaaaaaaae\xcc\x81\nb\n" },
	/* Kinsoku: 。 does not start a line, so す goes down with it. */
	{ "<p>\xe3\x81\x82\xe3\x81\x84\xe3\x81\x86\xe3\x81\x88"
	    "\xe3\x81\x99\xe3\x80\x82</p>", 10,
	    "\xe3\x81\x82\xe3\x81\x84\xe3\x81\x86\xe3\x81\x88\n"
	    "\xe3\x81\x99\xe3\x80\x82\n" },
	{ "<p>soft\xc2\xad" "hy&shy;phen</p>", 40, "softhyphen\n" },
	/* The prefix takes at most half the width: deeper is not drawn. */
	{ "<blockquote><blockquote><blockquote>abc</blockquote>"
	    "</blockquote></blockquote>", 10,
	    "\xe2\x94\x82 \xe2\x94\x82 abc\n"
	    "\tQ=\xe2\x94\x82 \xe2\x94\x82 abc\n" },
	{ "<li>stray item</li><td>stray</td><td>cells</td>", 40,
	    "\xe2\x80\xa2 stray item\nstray \xe2\x94\x82 cells\n"
	    "\tD=\xe2\x94\x82\n" },
	{ "<p>x<a href=y></a></p>", 40, "x[1]\n\tL=[1]\n\n"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\n"
	    "\tD="
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\n"
	    "[1] https://example.org/blog/y\n"
	    "\tD=[1] https://example.org/blog/y\n" },
};

/* Plain text at a width, and its dump. */
static const struct {
	const char	*text;
	int		 width;
	const char	*want;
} texts[] = {
	{ "", 40, "" },
	{ "one\ntwo\n\n\n\nthree  four\n", 40, "one two\n\nthree four\n" },
	{ "\n \n  lead\r\n\r\n \t \r\ntrail \n\n", 40, "lead\n\ntrail\n" },
	{ "see https://example.org/a/very/long/path/indeed ok", 20,
	    "see\nhttps://example.org/\na/very/long/path/ind\need ok\n" },
	{ "\x1b]0;title\x07 bell \xe2\x80\xae" "x\tt", 40,
	    "]0;title bell x t\n" },
	{ "<b>not html</b> &amp;", 40, "<b>not html</b> &amp;\n" },
};

static char *
dump(const struct render_doc *doc)
{
	static const char	 letters[] = "BIUHLQPD+-";
	const struct render_line *l;
	const struct render_span *sp;
	struct buf		 b;
	size_t			 i, j;
	int			 k;

	buf_init(&b, BUF_NOLIMIT);
	for (i = 0; i < doc->nlines; i++) {
		l = &doc->lines[i];
		buf_add(&b, l->text, l->len);
		buf_addc(&b, '\n');
		if (l->nspans == 0)
			continue;
		for (j = 0; j < l->nspans; j++) {
			sp = &l->spans[j];
			buf_addc(&b, '\t');
			for (k = 0; k < 10; k++) {
				if (sp->attr & (1 << k))
					buf_addc(&b, letters[k]);
			}
			buf_addc(&b, '=');
			buf_add(&b, l->text + sp->off, sp->len);
		}
		buf_addc(&b, '\n');
	}
	return buf_detach(&b);
}

/* What every rendered document must be, whatever went in. */
static void
check_doc(const struct render_doc *doc, int width, const char *what)
{
	const struct render_line *l;
	size_t			 i, j, end, blank = 0;
	int			 pre, last_pre = 0;

	if (width < 10)
		width = 10;
	CHECK(doc->nlines <= 100000, "%s: %zu lines", what, doc->nlines);
	CHECK(doc->nlinks <= 1000, "%s: %zu links", what, doc->nlinks);
	if (doc->nlines > 0) {
		CHECK(doc->lines[0].len > 0, "%s: starts blank", what);
		CHECK(doc->lines[doc->nlines - 1].len > 0, "%s: ends blank",
		    what);
	}
	for (i = 0; i < doc->nlines; i++) {
		l = &doc->lines[i];
		CHECK(strlen(l->text) == l->len, "%s: line %zu length", what,
		    i);
		CHECK(txt_is_clean(l->text, l->len, 0) &&
		    strchr(l->text, '\t') == NULL, "%s: line %zu not clean",
		    what, i);
		CHECK(l->len == 0 || l->text[l->len - 1] != ' ',
		    "%s: line %zu trailing space", what, i);
		pre = 0;
		for (j = 0, end = 0; j < l->nspans; j++) {
			CHECK(l->spans[j].off >= end && l->spans[j].len > 0 &&
			    l->spans[j].off + l->spans[j].len <= l->len &&
			    l->spans[j].attr != 0, "%s: line %zu span %zu",
			    what, i, j);
			end = l->spans[j].off + l->spans[j].len;
			pre |= l->spans[j].attr & RENDER_PRE;
		}
		CHECK(pre || txt_width(l->text, l->len) <= (size_t)width,
		    "%s: line %zu too wide: %s", what, i, l->text);
		/* Only <pre> keeps blank lines of its own. */
		if (l->len == strspn(l->text, "\xe2\x94\x82 "))
			blank++;
		else {
			blank = 0;
			last_pre = pre;
		}
		CHECK(blank < 2 || last_pre, "%s: line %zu: two blank lines",
		    what, i);
	}
}

/* Differences: marked words, wrapped, paragraphs, a hostile word. */
static void
diffs(void)
{
	static const struct {
		const char	*old_title, *new_title;
		const char	*old, *new;
		int		 width;
		const char	*want;
	} dcases[] = {
		{ "Talks start", "Talks stall",
		    "Talks continue for a second day.",
		    "Talks continue for a third day.", 40,
		    "Talks [- start -] [+ stall +]\n"
		    "\tBH=Talks \tBH-=[- start -]\tBH= \tBH+=[+ stall +]\n"
		    "\n"
		    "Talks continue for a [- second -]\n"
		    "\t-=[- second -]\n"
		    "[+ third +] day.\n"
		    "\t+=[+ third +]\n" },
		{ NULL, NULL, "One.\nTwo three.", "One.\nTwo\nFour.", 40,
		    "One.\n"
		    "\n"
		    "Two [- three. -]\n"
		    "\t-=[- three. -]\n"
		    "\n"
		    "[+ Four. +]\n"
		    "\t+=[+ Four. +]\n" },
		/* A paragraph's new first words stay in the paragraph. */
		{ NULL, NULL, "Talks.\nNo deal yet.", "Talks.\nA deal is near.",
		    60,
		    "Talks.\n"
		    "\n"
		    "[- No -] [+ A +] deal [- yet. -] [+ is near. +]\n"
		    "\t-=[- No -]\t+=[+ A +]\t-=[- yet. -]\t+=[+ is near. +]\n" },
		{ NULL, NULL, "a", "a \x1b[31mred", 40,
		    "a [+ [31mred +]\n"
		    "\t+=[+ [31mred +]\n" }
	};
	struct revision_diff	*title, *text;
	struct render_doc	*doc;
	size_t			 i;
	char			*got;

	for (i = 0; i < sizeof dcases / sizeof *dcases; i++) {
		title = dcases[i].old_title == NULL ? NULL :
		    revision_diff(dcases[i].old_title, dcases[i].new_title);
		text = revision_diff(dcases[i].old, dcases[i].new);
		doc = render_diff(title, text, dcases[i].width);
		check_doc(doc, dcases[i].width, dcases[i].new);
		got = dump(doc);
		CHECK_STR(got, dcases[i].want, dcases[i].new);
		free(got);
		render_free(doc);
		revision_diff_free(title);
		revision_diff_free(text);
	}
}

static char *
read_file(const char *path, size_t *len)
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

/* Compares two dumps, naming the first line that differs. */
static void
check_same(const char *got, const char *want, const char *what)
{
	size_t	 line = 1, i, g, w;

	for (i = 0; got[i] != '\0' && got[i] == want[i]; i++) {
		if (got[i] == '\n')
			line++;
	}
	if (got[i] == want[i]) {
		CHECK(1, "%s", what);
		return;
	}
	while (i > 0 && got[i - 1] != '\n')
		i--;
	g = strcspn(got + i, "\n");
	w = strcspn(want + i, "\n");
	CHECK(0, "%s: line %zu:\n  got  \"%.*s\"\n  want \"%.*s\"", what,
	    line, (int)g, got + i, (int)w, want + i);
}

static void
fixtures(void)
{
	static const char	*names[] = {
		"headings", "lists", "quotes", "pre", "table", "images",
		"links", "wide", "hostile", "entities",
	};
	static const int	 widths[] = { 40, 72 };
	struct render_doc	*doc;
	const char		*top = getenv("top_srcdir");
	char			*path, *html, *want, *got;
	size_t			 i, j, len, wlen;

	if (top == NULL || *top == '\0')
		top = ".";
	for (i = 0; i < sizeof names / sizeof *names; i++) {
		path = xprintf("%s/tests/data/render/%s.html", top, names[i]);
		html = read_file(path, &len);
		CHECK(html != NULL, "cannot read %s", path);
		free(path);
		if (html == NULL)
			continue;
		for (j = 0; j < sizeof widths / sizeof *widths; j++) {
			path = xprintf("%s/tests/data/render/%s.%d.txt", top,
			    names[i], widths[j]);
			want = read_file(path, &wlen);
			CHECK(want != NULL, "cannot read %s", path);
			doc = render_html(html, len, BASE, widths[j]);
			check_doc(doc, widths[j], path);
			got = dump(doc);
			if (want != NULL)
				check_same(got, want, path);
			free(got);
			free(want);
			free(path);
			render_free(doc);
		}
		free(html);
	}
}

/* 2 MB of mixed, deep and link-heavy HTML stays within the caps. */
static void
big_input(void)
{
	struct render_doc	*doc;
	struct buf		 b;
	size_t			 i;

	buf_init(&b, BUF_NOLIMIT);
	for (i = 0; i < 1000; i++)
		buf_adds(&b, "<blockquote><ul><li>");
	buf_adds(&b, "deep");
	for (i = 0; i < 1000; i++)
		buf_adds(&b, "</li></ul></blockquote>");
	for (i = 0; buf_len(&b) < 1024 * 1024; i++)
		buf_addf(&b, "<p>Paragraph %zu with <a href=\"/p/%zu\">a link"
		    "</a>, <b>bold</b> and \xe6\x97\xa5\xe6\x9c\xac "
		    "text.</p>\n", i, i);
	buf_adds(&b, "<pre>");
	while (buf_len(&b) < 2 * 1024 * 1024)
		buf_adds(&b, "\tx\n\n\n\x1b[31m");
	doc = render_html(buf_str(&b), buf_len(&b), BASE, 40);
	check_doc(doc, 40, "2 MB input");
	CHECK(doc->nlinks == 1000, "2 MB input: %zu links", doc->nlinks);
	CHECK(doc->nlines > 90000, "2 MB input: %zu lines", doc->nlines);
	render_free(doc);
	doc = render_text(buf_str(&b), buf_len(&b), 10);
	check_doc(doc, 10, "2 MB text");
	render_free(doc);
	buf_free(&b);
}

/* Nesting far past every cap: no recursion, text still shown. */
static void
deep(void)
{
	struct render_doc	*doc;
	struct buf		 b;
	size_t			 i;

	buf_init(&b, BUF_NOLIMIT);
	for (i = 0; i < 20000; i++)
		buf_adds(&b, "<div><blockquote><ol><li><b>");
	buf_adds(&b, "bottom <a href=z>z</a>");
	doc = render_html(buf_str(&b), buf_len(&b), BASE, 72);
	check_doc(doc, 72, "deep nesting");
	CHECK(doc->nlines == 1 && strstr(doc->lines[0].text, "bottom z") !=
	    NULL && txt_width(doc->lines[0].text, doc->lines[0].len) <= 72,
	    "deep nesting: %zu lines", doc->nlines);
	render_free(doc);
	buf_free(&b);
}

/* Span offsets checked directly, not through the dump. */
static void
spans(void)
{
	struct render_doc	*doc;
	const struct render_line *l;
	const char		*s;

	s = "<blockquote>q <a href=x>y</a></blockquote>";
	doc = render_html(s, strlen(s), "http://h/d/", 40);
	CHECK(doc->nlines == 4 && doc->nlinks == 1, "quote: %zu lines",
	    doc->nlines);
	if (doc->nlines == 4) {
		l = &doc->lines[0];
		/* "│ q " is 6 bytes, then "y[1]". */
		CHECK(l->nspans == 2 && l->spans[0].off == 0 &&
		    l->spans[0].len == 6 && l->spans[0].attr == RENDER_QUOTE &&
		    l->spans[1].off == 6 && l->spans[1].len == 4 &&
		    l->spans[1].attr == (RENDER_QUOTE | RENDER_LINK),
		    "quote spans");
		CHECK_STR(doc->links[0], "http://h/d/x", "resolved link");
		CHECK_STR(doc->lines[3].text, "[1] http://h/d/x", "link list");
	}
	render_free(doc);

	s = "<ol><li><b>b</b> t</ol>";
	doc = render_html(s, strlen(s), NULL, 40);
	CHECK(doc->nlines == 1 && doc->lines[0].nspans == 1 &&
	    doc->lines[0].spans[0].off == 3 && doc->lines[0].spans[0].len ==
	    1 && doc->lines[0].spans[0].attr == RENDER_BOLD, "item span");
	render_free(doc);

	/* No base: relative links stay relative; same URL, same number. */
	s = "<a href=a>1</a><a href=b>2</a><a href=a>3</a>";
	doc = render_html(s, strlen(s), NULL, 40);
	CHECK(doc->nlinks == 2 && strcmp(doc->links[0], "a") == 0 &&
	    strcmp(doc->links[1], "b") == 0, "links without base");
	CHECK(doc->nlines > 0 && strcmp(doc->lines[0].text,
	    "1[1]2[2]3[1]") == 0, "numbers");
	render_free(doc);
}

int
main(int argc, char **argv)
{
	struct render_doc	*doc;
	char			*got, *html;
	size_t			 i, len;

	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) {
		fprintf(stderr, "test-render: no C.UTF-8 locale\n");
		return 1;
	}
	if (argc == 3) {
		if ((html = read_file(argv[1], &len)) == NULL) {
			perror(argv[1]);
			return 1;
		}
		doc = render_html(html, len, BASE, (int)strtol(argv[2], NULL,
		    10));
		got = dump(doc);
		fputs(got, stdout);
		free(got);
		free(html);
		render_free(doc);
		return 0;
	}

	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		doc = render_html(cases[i].html, strlen(cases[i].html), BASE,
		    cases[i].width);
		check_doc(doc, cases[i].width, cases[i].html);
		got = dump(doc);
		CHECK_STR(got, cases[i].want, cases[i].html);
		free(got);
		render_free(doc);
	}
	for (i = 0; i < sizeof texts / sizeof *texts; i++) {
		doc = render_text(texts[i].text, strlen(texts[i].text),
		    texts[i].width);
		check_doc(doc, texts[i].width, texts[i].text);
		got = dump(doc);
		CHECK_STR(got, texts[i].want, texts[i].text);
		free(got);
		render_free(doc);
	}
	spans();
	deep();
	diffs();
	fixtures();
	big_input();
	render_free(NULL);
	return test_exit("test-render");
}
