/*
 * Tests of revision.c: which changes make a new version (none for
 * whitespace, markup or tracking parameters), cleaned links, visible text,
 * and the word-level difference, exact on real edits, optimal against a
 * brute-force LCS, and bounded on long or unrelated texts.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "revision.h"
#include "test.h"
#include "xmalloc.h"

#define N(a)	(sizeof (a) / sizeof *(a))

struct same_case {
	const char	*what;
	struct revision_text a, b;
	int		 same;
};

static const struct same_case same_cases[] = {
	{ "identical", { "T", "s", 0, "<p>c</p>", 1 },
	    { "T", "s", 0, "<p>c</p>", 1 }, 1 },
	{ "whitespace in the title", { "Talks  go on", NULL, 0, NULL, 0 },
	    { " Talks go\ton ", NULL, 0, NULL, 0 }, 1 },
	{ "whitespace and line breaks in HTML",
	    { "T", NULL, 0, "<p>Talks go on.</p>\n<p>Day two.</p>", 1 },
	    { "T", NULL, 0, "<p>Talks  go\n on. </p><p>Day two.</p>", 1 },
	    1 },
	{ "a non-breaking space",
	    { "T", NULL, 0, "<p>10 km</p>", 1 },
	    { "T", NULL, 0, "<p>10&nbsp;km</p>", 1 }, 1 },
	{ "an entity for a character",
	    { "T", NULL, 0, "<p>caf\xc3\xa9 &amp; bar</p>", 1 },
	    { "T", NULL, 0, "<p>caf&eacute; &#38; bar</p>", 1 }, 1 },
	{ "markup only: tags and attributes",
	    { "T", NULL, 0, "<p>The <b>vote</b> is <a href=\"/v\">here</a></p>",
	    1 },
	    { "T", NULL, 0, "<div class=\"x\"><p>The <strong class=y>vote"
	    "</strong> is <a class=\"l\" href=\"/v\">here</a></p></div>", 1 },
	    1 },
	{ "paragraphs split differently",
	    { "T", NULL, 0, "<p>One.</p><p>Two.</p>", 1 },
	    { "T", NULL, 0, "<p>One.<br>Two.</p>", 1 }, 1 },
	{ "a script or a style",
	    { "T", NULL, 0, "<p>Text</p>", 1 },
	    { "T", NULL, 0, "<p>Text</p><script>track(1)</script>"
	    "<style>p{}</style>", 1 }, 1 },
	{ "utm parameters in a link",
	    { "T", NULL, 0, "<a href=\"https://ex.org/a?id=3\">a</a>", 1 },
	    { "T", NULL, 0, "<a href=\"https://ex.org/a?utm_source=rss&amp;"
	    "id=3&amp;utm_medium=feed\">a</a>", 1 }, 1 },
	{ "click identifiers in links and images",
	    { "T", NULL, 0, "<a href='https://ex.org/a'>a</a>"
	    "<img src=\"https://ex.org/i.png\">", 1 },
	    { "T", NULL, 0, "<a href='https://ex.org/a?fbclid=XyZ&gclid=1'>a"
	    "</a><img src=\"https://ex.org/i.png?mc_cid=9&mc_eid=8\">", 1 },
	    1 },
	{ "tracking parameters in a URL written in the text",
	    { "T", "See https://ex.org/p?x=1 now", 0, NULL, 0 },
	    { "T", "See https://ex.org/p?x=1&utm_campaign=z now", 0, NULL, 0 },
	    1 },
	{ "plain text turned HTML",
	    { "T", "Day one of the talks.", 0, NULL, 0 },
	    { "T", "<p>Day one of the <em>talks</em>.</p>", 1, NULL, 0 }, 1 },
	{ "a soft hyphen",
	    { "T", NULL, 0, "<p>Verhandlungen</p>", 1 },
	    { "T", NULL, 0, "<p>Verhand&shy;lungen</p>", 1 }, 1 },
	{ "NULL and empty", { NULL, NULL, 0, NULL, 0 },
	    { "", "", 0, "", 1 }, 1 },
	{ "a word of the title", { "Talks start", NULL, 0, NULL, 0 },
	    { "Talks stall", NULL, 0, NULL, 0 }, 0 },
	{ "a word of the text",
	    { "T", NULL, 0, "<p>Talks continue for a second day</p>", 1 },
	    { "T", NULL, 0, "<p>Talks continue for a third day</p>", 1 }, 0 },
	{ "the summary changed",
	    { "T", "Before", 0, "<p>c</p>", 1 },
	    { "T", "After", 0, "<p>c</p>", 1 }, 0 },
	{ "a link goes elsewhere",
	    { "T", NULL, 0, "<a href=\"https://ex.org/a\">a</a>", 1 },
	    { "T", NULL, 0, "<a href=\"https://ex.org/b\">a</a>", 1 }, 0 },
	{ "a parameter that is not tracking",
	    { "T", NULL, 0, "<a href=\"https://ex.org/a?id=3\">a</a>", 1 },
	    { "T", NULL, 0, "<a href=\"https://ex.org/a?id=4\">a</a>", 1 }, 0 },
	{ "an image replaced",
	    { "T", NULL, 0, "<img src=\"/a.png\">", 1 },
	    { "T", NULL, 0, "<img src=\"/b.png\">", 1 }, 0 },
	{ "case matters", { "T", NULL, 0, "<p>us</p>", 1 },
	    { "T", NULL, 0, "<p>US</p>", 1 }, 0 },
	{ "punctuation matters", { "Talks fail", NULL, 0, NULL, 0 },
	    { "Talks fail?", NULL, 0, NULL, 0 }, 0 }
};

static const struct {
	const char	*in;
	const char	*want;
} link_cases[] = {
	{ "https://ex.org/a", "https://ex.org/a" },
	{ "https://ex.org/a?utm_source=x", "https://ex.org/a" },
	{ "https://ex.org/a?UTM_Source=x&b=2", "https://ex.org/a?b=2" },
	{ "https://ex.org/a?b=2&fbclid=1#top", "https://ex.org/a?b=2#top" },
	{ "https://ex.org/a?gclid=1&igshid=2&mc_eid=3", "https://ex.org/a" },
	{ "https://ex.org/a?utm=1&utmx=2", "https://ex.org/a?utm=1&utmx=2" },
	{ "https://ex.org/a#x?utm_source=1", "https://ex.org/a#x?utm_source=1" },
	{ "https://ex.org/a?&&b=1&", "https://ex.org/a?b=1" },
	{ "https://ex.org/a?xtor=RSS-1&id=7", "https://ex.org/a?id=7" },
	{ "", "" }
};

static const struct {
	const char	*in;
	int		 html;
	const char	*want;
} visible_cases[] = {
	{ "<p>One <b>two</b></p><p>Three</p>", 1, "One two\nThree" },
	{ "  lead\n\n\nnext para\nsame para  ", 0, "lead\nnext para same para" },
	{ "a<br/>b<li>c</li>", 1, "a\nb\nc" },
	{ "<a title=\"x > y\" href=\"/\">link</a> text", 1, "link text" },
	{ "<!-- note -->x&lt;y&gt;z", 1, "x<y>z" },
	{ "<a href=http://ex.org/\">stray</a> quote", 1, "stray quote" },
	{ "", 1, "" },
	{ NULL, 0, "" }
};

struct diff_case {
	const char	*what;
	const char	*old, *new;
	const char	*want;	/* =same -removed +added, '|' between */
};

static const struct diff_case diff_cases[] = {
	{ "no change", "Talks go on", "Talks go on", "=Talks go on" },
	{ "both empty", "", "", "" },
	{ "from nothing", "", "Day one", "+Day one" },
	{ "to nothing", "Day one", NULL, "-Day one" },
	{ "a word replaced", "Talks continue for a second day",
	    "Talks continue for a third day",
	    "=Talks continue for a|-second|+third|=day" },
	{ "a word added", "The vote is on Friday",
	    "The vote is now on Friday", "=The vote is|+now|=on Friday" },
	{ "a word removed", "The vote is now on Friday",
	    "The vote is on Friday", "=The vote is|-now|=on Friday" },
	{ "at the start", "Rain today", "Snow and rain today",
	    "-Rain|+Snow and rain|=today" },
	{ "at the end", "Talks go on", "Talks go on tonight",
	    "=Talks go on|+tonight" },
	{ "two places", "a b c d e f", "a X c d Y f",
	    "=a|-b|+X|=c d|-e|+Y|=f" },
	{ "removals before additions", "one two three", "uno dos three",
	    "-one two|+uno dos|=three" },
	{ "a sentence added in a new paragraph",
	    "Talks go on.\nNo deal yet.",
	    "Talks go on.\nA deal is near.\nNo deal yet.",
	    "=Talks go on.|+\nA deal is near.|=\nNo deal yet." },
	{ "a paragraph break alone", "One. Two.", "One.\nTwo.",
	    "=One.\nTwo." },
	{ "a word moved", "talks in Paris on Friday",
	    "talks on Friday in Paris",
	    "=talks|-in Paris|=on Friday|+in Paris" }
};

/* The segments as "=a b|-c|+d". */
static char *
diff_string(const struct revision_diff *df)
{
	struct buf	 b;
	size_t		 i;

	buf_init(&b, BUF_NOLIMIT);
	for (i = 0; i < df->nsegs; i++) {
		if (i > 0)
			buf_addc(&b, '|');
		buf_addc(&b, df->segs[i].op == REVISION_SAME ? '=' :
		    df->segs[i].op == REVISION_ADDED ? '+' : '-');
		buf_adds(&b, df->segs[i].text);
	}
	return buf_detach(&b);
}

/* Words of the diff's side: removed and same for old, added and same. */
static char *
diff_side(const struct revision_diff *df, enum revision_op skip)
{
	struct buf	 b;
	size_t		 i;

	buf_init(&b, BUF_NOLIMIT);
	for (i = 0; i < df->nsegs; i++) {
		if (df->segs[i].op == skip)
			continue;
		if (buf_len(&b) > 0 && df->segs[i].text[0] != '\n')
			buf_addc(&b, ' ');
		buf_adds(&b, df->segs[i].text);
	}
	return buf_detach(&b);
}

static size_t
same_words(const struct revision_diff *df)
{
	size_t	 i, n = 0;
	char	*p;

	for (i = 0; i < df->nsegs; i++) {
		if (df->segs[i].op != REVISION_SAME)
			continue;
		n++;
		for (p = df->segs[i].text; *p != '\0'; p++)
			n += *p == ' ';
	}
	return n;
}

/* The longest common subsequence of two word lists, by brute force. */
static size_t
lcs(const char *const *a, size_t n, const char *const *b, size_t m)
{
	size_t	*t, i, j, r;

	t = xcalloc((n + 1) * (m + 1), sizeof *t);
	for (i = 1; i <= n; i++)
		for (j = 1; j <= m; j++) {
			if (strcmp(a[i - 1], b[j - 1]) == 0)
				t[i * (m + 1) + j] = t[(i - 1) * (m + 1) + j -
				    1] + 1;
			else
				t[i * (m + 1) + j] = t[(i - 1) * (m + 1) + j] >
				    t[i * (m + 1) + j - 1] ? t[(i - 1) *
				    (m + 1) + j] : t[i * (m + 1) + j - 1];
		}
	r = t[n * (m + 1) + m];
	free(t);
	return r;
}

static void
test_random(void)
{
	static const char *const vocab[] = { "a", "b", "c", "d" };
	const char	*wa[40], *wb[40];
	struct buf	 sa, sb;
	struct revision_diff *df;
	uint32_t	 seed = 12345;
	size_t		 round, n, m, i, want, bad = 0;
	char		*side;

	buf_init(&sa, BUF_NOLIMIT);
	buf_init(&sb, BUF_NOLIMIT);
	for (round = 0; round < 500; round++) {
		buf_reset(&sa);
		buf_reset(&sb);
		seed = seed * 1103515245u + 12345u;
		n = (seed >> 16) % 30;
		seed = seed * 1103515245u + 12345u;
		m = (seed >> 16) % 30;
		for (i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			wa[i] = vocab[(seed >> 16) % 4];
			buf_addf(&sa, "%s%s", i ? " " : "", wa[i]);
		}
		for (i = 0; i < m; i++) {
			seed = seed * 1103515245u + 12345u;
			wb[i] = vocab[(seed >> 16) % 4];
			buf_addf(&sb, "%s%s", i ? " " : "", wb[i]);
		}
		df = revision_diff(buf_str(&sa), buf_str(&sb));
		want = lcs(wa, n, wb, m);
		if (same_words(df) != want || df->approximate)
			bad++;
		side = diff_side(df, REVISION_ADDED);
		if (strcmp(side, buf_str(&sa)) != 0)
			bad++;
		free(side);
		side = diff_side(df, REVISION_REMOVED);
		if (strcmp(side, buf_str(&sb)) != 0)
			bad++;
		free(side);
		revision_diff_free(df);
	}
	CHECK(bad == 0, "random diffs: %zu of 500 not optimal or not the "
	    "two texts", bad);
	buf_free(&sa);
	buf_free(&sb);
}

/* Long articles: exact around one edit, bounded when unrelated. */
static void
test_long(void)
{
	struct buf	 a, b;
	struct revision_diff *df;
	size_t		 i;
	char		*s;

	buf_init(&a, BUF_NOLIMIT);
	buf_init(&b, BUF_NOLIMIT);
	for (i = 0; i < 50000; i++) {
		buf_addf(&a, "%sw%zu", i ? " " : "", i);
		buf_addf(&b, "%s%s%zu", i ? " " : "", i == 25000 ? "x" : "w",
		    i);
	}
	df = revision_diff(buf_str(&a), buf_str(&b));
	CHECK(df->nsegs == 4 && !df->approximate &&
	    strcmp(df->segs[1].text, "w25000") == 0 &&
	    strcmp(df->segs[2].text, "x25000") == 0,
	    "one edit in 50,000 words: %zu segments", df->nsegs);
	revision_diff_free(df);

	/* Unrelated texts longer than the caps: one removal, one addition. */
	buf_reset(&b);
	for (i = 0; i < 30000; i++)
		buf_addf(&b, "%sv%zu", i ? " " : "", i);
	df = revision_diff(buf_str(&a), buf_str(&b));
	CHECK(df->approximate && df->nsegs == 2 &&
	    df->segs[0].op == REVISION_REMOVED &&
	    df->segs[1].op == REVISION_ADDED, "unrelated long texts");
	revision_diff_free(df);

	/* Under the word cap, over the edit cap. */
	buf_reset(&a);
	buf_reset(&b);
	for (i = 0; i < 3000; i++) {
		buf_addf(&a, "%sa%zu", i ? " " : "", i);
		buf_addf(&b, "%sb%zu", i ? " " : "", i);
	}
	buf_adds(&a, " end");
	buf_adds(&b, " end");
	df = revision_diff(buf_str(&a), buf_str(&b));
	s = diff_string(df);
	CHECK(df->approximate && df->nsegs == 3 &&
	    df->segs[2].op == REVISION_SAME &&
	    strcmp(df->segs[2].text, "end") == 0, "too many edits: %.40s",
	    s);
	free(s);
	revision_diff_free(df);
	buf_free(&a);
	buf_free(&b);
}

int
main(void)
{
	struct revision_diff *df;
	size_t		 i;
	char		*got;

	for (i = 0; i < N(same_cases); i++) {
		CHECK(revision_same(&same_cases[i].a, &same_cases[i].b) ==
		    same_cases[i].same, "same: %s", same_cases[i].what);
		CHECK(revision_same(&same_cases[i].b, &same_cases[i].a) ==
		    same_cases[i].same, "same, reversed: %s",
		    same_cases[i].what);
	}
	for (i = 0; i < N(link_cases); i++) {
		got = revision_clean_link(link_cases[i].in);
		CHECK_STR(got, link_cases[i].want, link_cases[i].in);
		free(got);
	}
	for (i = 0; i < N(visible_cases); i++) {
		got = revision_visible(visible_cases[i].in,
		    visible_cases[i].html);
		CHECK_STR(got, visible_cases[i].want, visible_cases[i].in ?
		    visible_cases[i].in : "(null)");
		free(got);
	}
	for (i = 0; i < N(diff_cases); i++) {
		df = revision_diff(diff_cases[i].old, diff_cases[i].new);
		got = diff_string(df);
		CHECK_STR(got, diff_cases[i].want, diff_cases[i].what);
		CHECK(df->changed == (strchr(diff_cases[i].want, '+') !=
		    NULL || strchr(diff_cases[i].want, '-') != NULL),
		    "changed: %s", diff_cases[i].what);
		free(got);
		revision_diff_free(df);
	}
	test_random();
	test_long();
	return test_exit("test-revision");
}
