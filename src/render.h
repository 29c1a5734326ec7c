/*
 * Rendering: an article's HTML or plain text turned into wrapped lines
 * with attributes for a given width, and the main content of a web page
 * found for the full-article view.  No curses here: the UI draws the
 * lines, tests compare them.  Only render*.c include libxml2's HTML parser.
 */
#ifndef TIDINGS_RENDER_H
#define TIDINGS_RENDER_H

#include <stddef.h>

/* Attributes of a span; the UI maps them to colours. */
#define RENDER_BOLD	0x01	/* <b>, <strong>, <th> */
#define RENDER_ITALIC	0x02	/* <i>, <em>, <cite> */
#define RENDER_UNDERLINE 0x04	/* <u> */
#define RENDER_HEADING	0x08	/* <h1>..<h6> */
#define RENDER_LINK	0x10	/* link text and its "[N]" number */
#define RENDER_QUOTE	0x20	/* inside <blockquote>; the "│ " prefix too */
#define RENDER_PRE	0x40	/* <pre>, <code> */
#define RENDER_DIM	0x80	/* "[image: alt]", the link list, rules */
#define RENDER_ADDED	0x100	/* a difference: words a version added */
#define RENDER_REMOVED	0x200	/* and words it removed */

struct revision_diff;

/* A run of bytes [off, off + len) of a line's text with attributes. */
struct render_span {
	size_t		 off;
	size_t		 len;
	int		 attr;
};

/*
 * One display line: sanitised UTF-8 with no tab, newline or control
 * character, at most width columns wide (but <pre> lines, which are
 * never wrapped), and its spans in order.  Bytes not covered by a span
 * are plain.
 */
struct render_line {
	char			*text;
	size_t			 len;
	struct render_span	*spans;
	size_t			 nspans;
};

/* A rendered article. */
struct render_doc {
	struct render_line	*lines;
	size_t			 nlines;
	char			**links;	/* absolute when resolvable; */
	size_t			 nlinks;	/* links[0] is "[1]" */
};

/*
 * Renders HTML (a fragment or a whole page) for width columns (at least
 * 10 are used).  Relative links resolve against base (may be NULL).
 * Headings, paragraphs wrapped by display width, lists with bullets and
 * numbers, block quotes, <pre> unwrapped, simple tables, images as
 * "[image: alt]", links numbered "[N]" and listed at the end.  Scripts,
 * styles and the like are dropped.  Never fails: bad HTML renders as well
 * as it can.  Allocated; render_free.
 */
struct render_doc	*render_html(const char *, size_t, const char *, int);
/* Renders plain text: paragraphs at blank lines, wrapped, URLs untouched. */
struct render_doc	*render_text(const char *, size_t, int);
/*
 * Renders the difference between two versions of an article: the
 * title's (NULL: the title is the same) as a heading, then the text's,
 * in paragraphs wrapped for width columns.  Added words are RENDER_ADDED
 * and between "[+ " and " +]", removed words RENDER_REMOVED and between
 * "[- " and " -]", so that they read without colour too.  The words are
 * sanitised here.
 */
struct render_doc	*render_diff(const struct revision_diff *,
			    const struct revision_diff *, int);
void			 render_free(struct render_doc *);

/*
 * Finds the main content of a web page (url for relative links): the
 * element with the densest text, preferring <article> and <main>, with
 * navigation, headers, footers, asides, forms, scripts and styles
 * dropped.  Returns that content as an allocated HTML fragment, with
 * links made absolute, or NULL with *cause (allocated, translated,
 * naming url) when the page has no readable text.
 */
char			*render_extract(const char *, size_t, const char *,
			    char **);

#endif
