/*
 * render.c owns the article view's layout: HTML (through libxml2's HTML
 * SAX parser, never a tree) or plain text turned into sanitised lines of
 * at most width columns with attribute spans, and the numbered link list
 * at the end.  It knows block structure (paragraphs, lists, quotes, pre,
 * tables), word wrapping by display width and the caps that keep hostile
 * input bounded; it never calls curses.
 *
 * The layout is a stream: inline text collects in one paragraph (struct
 * para: text with attribute runs, whitespace collapsed) until a block edge
 * wraps it into lines.  Each line starts with the prefix of the open
 * levels (struct level: list markers and their hanging indent, quote
 * bars), so nothing here recurses: the element stack is an array.
 *
 * Choices a reader sees:
 * - one blank line between blocks, none at either end, and within a quote
 *   the blank line keeps its bars; list items are not separated (a list
 *   whose items hold <p>s is loose and is);
 * - <h1> is underlined with "═" as wide as its text;
 * - <hr> and the rule above the link list are "─" lines (RENDER_DIM);
 * - bullets are "• " at every level, numbers "N. "; continuation lines and
 *   nested lists hang under the item's text, so a nested list is indented
 *   by the width of its parent's marker (2 under a bullet);
 * - table rows are one line each, cells joined by " │ ", wrapped like a
 *   paragraph (no column alignment);
 * - images sized 0 or 1 pixel (trackers) are not shown;
 * - <pre> keeps blank lines between its lines, but not at its ends;
 * - the prefix takes at most half the width and 64 levels: deeper levels
 *   are not drawn (clamped), their text still is.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include "buf.h"
#include "i18n.h"
#include "render.h"
#include "revision.h"
#include "txt.h"
#include "uri.h"
#include "xmalloc.h"

#define RENDER_MAX_LINES 100000		/* the whole document */
#define LINKS_MAX	1000		/* numbered links */
#define URL_LINES_MAX	8		/* lines of one URL in the list */
#define BODY_MAX_LINES	(RENDER_MAX_LINES - 3 - LINKS_MAX * URL_LINES_MAX)
#define LEVELS_MAX	64		/* prefix levels drawn */
#define STACK_MAX	4096		/* elements tracked; deeper: inline */
#define WIDTH_MIN	10
#define WIDTH_MAX	1000
#define PRE_MAX_COLS	1024		/* a <pre> line is cut there */
#define ALT_MAX_COLS	500
#define MARKER_MAX	24
#define LINK_HASH	2048		/* power of two, > 2 * LINKS_MAX */
#define TAB_STOP	8
#define READ_CHUNK	(64u * 1024)

#define BULLET		"\xe2\x80\xa2 "		/* "• " */
#define QUOTE_BAR	"\xe2\x94\x82 "		/* "│ " */
#define CELL_BAR	"\xe2\x94\x82"		/* "│" */
#define RULE		"\xe2\x94\x80"		/* "─" */
#define DOUBLE_RULE	"\xe2\x95\x90"		/* "═" */
#define ELLIPSIS	"\xe2\x80\xa6"		/* "…" */

/* Tag flags. */
#define T_DROP		0x0001	/* dropped with its content */
#define T_PARA		0x0002	/* block with blank lines around it */
#define T_LINE		0x0004	/* block on lines of its own */
#define T_LIST		0x0008	/* <ul>, <ol> */
#define T_ORDERED	0x0010
#define T_ITEM		0x0020	/* <li> */
#define T_DD		0x0040
#define T_QUOTE		0x0080
#define T_PRE		0x0100
#define T_H1		0x0200
#define T_ROW		0x0400
#define T_CELL		0x0800
#define T_BR		0x1000
#define T_HR		0x2000
#define T_IMG		0x4000
#define T_A		0x8000

struct tag {
	const char	*name;
	int		 flags;
	int		 attr;
};

/* Sorted by name for bsearch. */
static const struct tag tags[] = {
	{ "a",		T_A,			0 },
	{ "address",	T_PARA,			0 },
	{ "applet",	T_DROP,			0 },
	{ "article",	T_PARA,			0 },
	{ "aside",	T_PARA,			0 },
	{ "b",		0,			RENDER_BOLD },
	{ "blockquote",	T_PARA | T_QUOTE,	RENDER_QUOTE },
	{ "br",		T_BR,			0 },
	{ "button",	T_DROP,			0 },
	{ "canvas",	T_DROP,			0 },
	{ "caption",	T_LINE,			0 },
	{ "center",	T_PARA,			0 },
	{ "cite",	0,			RENDER_ITALIC },
	{ "code",	0,			RENDER_PRE },
	{ "datalist",	T_DROP,			0 },
	{ "dd",		T_LINE | T_DD,		0 },
	{ "details",	T_PARA,			0 },
	{ "dfn",	0,			RENDER_ITALIC },
	{ "dir",	T_PARA | T_LIST,	0 },
	{ "div",	T_PARA,			0 },
	{ "dl",		T_PARA,			0 },
	{ "dt",		T_LINE,			0 },
	{ "em",		0,			RENDER_ITALIC },
	{ "embed",	T_DROP,			0 },
	{ "fieldset",	T_PARA,			0 },
	{ "figcaption",	T_LINE,			0 },
	{ "figure",	T_PARA,			0 },
	{ "footer",	T_PARA,			0 },
	{ "form",	T_PARA,			0 },
	{ "frame",	T_DROP,			0 },
	{ "frameset",	T_DROP,			0 },
	{ "h1",		T_PARA | T_H1,		RENDER_HEADING | RENDER_BOLD },
	{ "h2",		T_PARA,			RENDER_HEADING | RENDER_BOLD },
	{ "h3",		T_PARA,			RENDER_HEADING | RENDER_BOLD },
	{ "h4",		T_PARA,			RENDER_HEADING | RENDER_BOLD },
	{ "h5",		T_PARA,			RENDER_HEADING | RENDER_BOLD },
	{ "h6",		T_PARA,			RENDER_HEADING | RENDER_BOLD },
	{ "head",	T_DROP,			0 },
	{ "header",	T_PARA,			0 },
	{ "hgroup",	T_PARA,			0 },
	{ "hr",		T_HR,			0 },
	{ "i",		0,			RENDER_ITALIC },
	{ "iframe",	T_DROP,			0 },
	{ "img",	T_IMG,			0 },
	{ "input",	T_DROP,			0 },
	{ "kbd",	0,			RENDER_PRE },
	{ "legend",	T_LINE,			0 },
	{ "li",		T_LINE | T_ITEM,	0 },
	{ "listing",	T_PARA | T_PRE,		RENDER_PRE },
	{ "main",	T_PARA,			0 },
	{ "math",	T_DROP,			0 },
	{ "menu",	T_PARA | T_LIST,	0 },
	{ "nav",	T_PARA,			0 },
	{ "noembed",	T_DROP,			0 },
	{ "noframes",	T_DROP,			0 },
	{ "noscript",	T_DROP,			0 },
	{ "object",	T_DROP,			0 },
	{ "ol",		T_PARA | T_LIST | T_ORDERED, 0 },
	{ "optgroup",	T_DROP,			0 },
	{ "option",	T_DROP,			0 },
	{ "p",		T_PARA,			0 },
	{ "plaintext",	T_PARA | T_PRE,		RENDER_PRE },
	{ "pre",	T_PARA | T_PRE,		RENDER_PRE },
	{ "samp",	0,			RENDER_PRE },
	{ "script",	T_DROP,			0 },
	{ "section",	T_PARA,			0 },
	{ "select",	T_DROP,			0 },
	{ "strong",	0,			RENDER_BOLD },
	{ "style",	T_DROP,			0 },
	{ "summary",	T_LINE,			0 },
	{ "svg",	T_DROP,			0 },
	{ "table",	T_PARA,			0 },
	{ "td",		T_CELL,			0 },
	{ "template",	T_DROP,			0 },
	{ "textarea",	T_DROP,			0 },
	{ "th",		T_CELL,			RENDER_BOLD },
	{ "title",	T_DROP,			0 },
	{ "tr",		T_LINE | T_ROW,		0 },
	{ "tt",		0,			RENDER_PRE },
	{ "u",		0,			RENDER_UNDERLINE },
	{ "ul",		T_PARA | T_LIST,	0 },
	{ "xmp",	T_PARA | T_PRE,		RENDER_PRE },
};

/* A run of the paragraph's text with one set of attributes. */
struct run {
	size_t		 off;
	size_t		 len;
	int		 attr;
};

/* Inline text waiting for a block edge to be wrapped. */
struct para {
	struct buf	 text;
	struct run	*runs;		/* cover text exactly, in order */
	size_t		 nruns;
	size_t		 runcap;
	int		 space;		/* whitespace seen, not yet added */
	int		 space_attr;	/* attributes all of it had */
	size_t		 col;		/* <pre>: columns so far */
};

/* One level of line prefix: a list item or a quote. */
struct level {
	char		 first[MARKER_MAX];	/* on the item's first line */
	char		 cont[MARKER_MAX];	/* on the lines after it */
	size_t		 width;			/* of either */
	int		 attr;
	int		 pending;		/* first not drawn yet */
};

/* An open element. */
struct elem {
	const struct tag *tag;		/* NULL: unknown, no effect */
	int		 attr;		/* attributes it turned on */
	int		 drop;
	int		 level;		/* pushed a prefix level */
	int		 link;		/* number of its link, or 0 */
	int		 item;		/* counted in r->items */
	size_t		 prev_list;	/* list: r->list before it */
	size_t		 prev_cells;	/* row: r->cells before it */
	long		 counter;	/* ordered list: the next number */
	size_t		 lines;		/* lines in the document at start */
};

struct render {
	struct render_doc *doc;
	size_t		 linecap;
	size_t		 width;
	char		*base;
	htmlParserCtxtPtr ctxt;

	struct para	 para;
	struct level	 levels[LEVELS_MAX];
	size_t		 nlevels;
	size_t		 prefix_width;
	size_t		 common;	/* levels kept since the last line */
	int		 blank;		/* blank line before the next line */
	size_t		 since_block;	/* lines since the last block edge */
	size_t		 maxw;		/* widest line since h1 began */
	int		 full;		/* line cap reached */
	int		 listing;	/* drawing the link list */

	struct elem	*stack;
	size_t		 depth;
	size_t		 stackcap;
	size_t		 overflow;	/* elements beyond STACK_MAX */
	int		 count[8];	/* open elements per attribute bit */
	int		 drop;
	int		 pre;
	int		 cell;
	int		 items;		/* open <li> and <dd> */
	size_t		 list;		/* stack index + 1 of the list */
	size_t		 cells;		/* cells so far in this row */
	int		 pre_started;	/* a <pre> line was drawn */
	size_t		 pre_empty;	/* empty <pre> lines held back */

	size_t		 hash[LINK_HASH];	/* link index + 1 */
};

/* A line being built. */
struct line {
	struct buf		 text;
	struct render_span	*spans;
	size_t			 nspans;
	size_t			 cap;
};

static int	 tag_cmp(const void *, const void *);
static const struct tag *tag_find(const char *);
static const char *attr_get(const xmlChar **, const char *);
static int	 cur_attr(const struct render *);
static void	 render_init(struct render *, const char *, int);
static struct render_doc *render_finish(struct render *);

static void	 para_add(struct para *, const char *, size_t, int);
static void	 para_reset(struct para *);
static void	 para_space(struct para *, int);
static void	 inline_text(struct render *, const char *, size_t);
static void	 inline_word(struct render *, const char *, size_t, int, int);
static void	 pre_text(struct render *, const char *, size_t);
static void	 pre_line(struct render *);
static void	 para_flush(struct render *);
static void	 find_break(const char *, size_t, size_t, size_t, size_t *,
		    size_t *);
static int	 no_line_start(uint32_t);
static int	 no_line_end(uint32_t);
static int	 can_break(uint32_t, uint32_t, uint32_t);
static int	 marker_space(const char *, size_t, size_t);
static void	 block_edge(struct render *, int);

static void	 line_init(struct line *);
static void	 line_add(struct line *, const char *, size_t, int);
static void	 line_prefix(struct render *, struct line *, size_t, int);
static void	 line_push(struct render *, struct line *);
static int	 body_full(struct render *);
static void	 line_begin(struct render *, struct line *);
static void	 content_line(struct render *, const char *, size_t,
		    size_t, size_t *);
static void	 rule_line(struct render *, const char *, size_t, int);

static int	 level_push(struct render *, const char *, int);
static void	 level_pop(struct render *);

static char	*link_clean(const char *);
static unsigned	 link_hash(const char *);
static int	 link_number(struct render *, const char *);
static void	 link_list(struct render *);

static void	 elem_start(struct render *, const struct tag *,
		    const xmlChar **);
static void	 elem_end(struct render *);
static void	 image(struct render *, const xmlChar **);
static void	 list_item(struct render *, struct elem *, const xmlChar **);

static void	 on_start(void *, const xmlChar *, const xmlChar **);
static void	 on_end(void *, const xmlChar *);
static void	 on_chars(void *, const xmlChar *, int);
static void	 silent(void *, const char *, ...);
static void	 diff_words(struct render *, const char *, size_t, int);
static void	 diff_block(struct render *, const struct revision_diff *,
		    int);
static void	 silent_structured(void *, xmlErrorPtr);

static int
tag_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct tag *)elem)->name);
}

static const struct tag *
tag_find(const char *name)
{
	char	 lower[16];
	size_t	 i;

	/* libxml2 lower-cases HTML names; be sure, and bound the copy. */
	for (i = 0; name[i] != '\0'; i++) {
		if (i == sizeof lower - 1)
			return NULL;
		lower[i] = (name[i] >= 'A' && name[i] <= 'Z') ?
		    (char)(name[i] - 'A' + 'a') : name[i];
	}
	lower[i] = '\0';
	return bsearch(lower, tags, sizeof tags / sizeof *tags, sizeof *tags,
	    tag_cmp);
}

static const char *
attr_get(const xmlChar **atts, const char *name)
{
	size_t	 i;

	if (atts == NULL)
		return NULL;
	for (i = 0; atts[i] != NULL; i += 2) {
		if (strcasecmp((const char *)atts[i], name) == 0)
			return atts[i + 1] != NULL ?
			    (const char *)atts[i + 1] : "";
	}
	return NULL;
}

static int
cur_attr(const struct render *r)
{
	int	 i, attr = 0;

	for (i = 0; i < 8; i++) {
		if (r->count[i] > 0)
			attr |= 1 << i;
	}
	return attr;
}

static void
render_init(struct render *r, const char *base, int width)
{
	memset(r, 0, sizeof *r);
	r->doc = xcalloc(1, sizeof *r->doc);
	if (width < WIDTH_MIN)
		width = WIDTH_MIN;
	if (width > WIDTH_MAX)
		width = WIDTH_MAX;
	r->width = (size_t)width;
	if (base != NULL)
		r->base = txt_sanitize(base, strlen(base), TXT_ONELINE);
	buf_init(&r->para.text, BUF_NOLIMIT);
}

/* Closes what is open, adds the link list and frees the working state. */
static struct render_doc *
render_finish(struct render *r)
{
	struct render_doc	*doc = r->doc;

	r->overflow = 0;
	while (r->depth > 0)
		elem_end(r);
	if (r->pre > 0)
		pre_line(r);
	else
		para_flush(r);
	while (r->nlevels > 0)
		level_pop(r);
	link_list(r);

	buf_free(&r->para.text);
	free(r->para.runs);
	free(r->stack);
	free(r->base);
	if (doc->nlines > 0)
		doc->lines = xreallocarray(doc->lines, doc->nlines,
		    sizeof *doc->lines);
	return doc;
}

/* Appends text to the paragraph, extending the last run when it can. */
static void
para_add(struct para *p, const char *s, size_t len, int attr)
{
	struct run	*last;

	if (len == 0)
		return;
	last = p->nruns > 0 ? &p->runs[p->nruns - 1] : NULL;
	if (last != NULL && last->attr == attr)
		last->len += len;
	else {
		if (p->nruns == p->runcap) {
			p->runcap = p->runcap == 0 ? 16 : p->runcap * 2;
			p->runs = xreallocarray(p->runs, p->runcap,
			    sizeof *p->runs);
		}
		p->runs[p->nruns].off = buf_len(&p->text);
		p->runs[p->nruns].len = len;
		p->runs[p->nruns].attr = attr;
		p->nruns++;
	}
	buf_add(&p->text, s, len);
}

static void
para_reset(struct para *p)
{
	buf_reset(&p->text);
	p->nruns = 0;
	p->space = 0;
	p->space_attr = 0;
	p->col = 0;
}

/* Notes whitespace seen with attributes attr. */
static void
para_space(struct para *p, int attr)
{
	p->space_attr = p->space ? p->space_attr & attr : attr;
	p->space = 1;
}

/* Adds sanitised text, collapsing whitespace. */
static void
inline_text(struct render *r, const char *s, size_t len)
{
	size_t	 i, j;
	int	 attr = cur_attr(r), glued;

	for (i = 0; i < len; i = j) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') {
			para_space(&r->para, attr);
			j = i + 1;
			continue;
		}
		/* A soft hyphen splits nothing here: it is dropped. */
		glued = 0;
		for (j = i; j < len; j++) {
			if (s[j] == ' ' || s[j] == '\t' || s[j] == '\n')
				break;
			if (s[j] == '\xc2' && j + 1 < len &&
			    s[j + 1] == '\xad') {
				inline_word(r, s + i, j - i, attr, glued);
				glued = 1;
				i = j + 2;
				j++;
			}
		}
		inline_word(r, s + i, j - i, attr, glued);
	}
}

/*
 * Adds s as is; pending whitespace goes before it unless glued (a link's
 * "[N]" sticks to its text and leaves the space for what follows).  The
 * space keeps only what its own text, the word before and this word
 * share: underlining runs through "<u>a b</u>", not "<u>a</u> b".
 */
static void
inline_word(struct render *r, const char *s, size_t len, int attr, int glued)
{
	struct para	*p = &r->para;
	int		 prev;

	if (r->pre > 0 && r->cell == 0) {
		if (p->col < PRE_MAX_COLS) {
			para_add(p, s, len, attr);
			p->col += txt_width(s, len);
		}
		return;
	}
	if (!glued && p->space && p->nruns > 0) {
		prev = p->runs[p->nruns - 1].attr;
		para_add(p, " ", 1, p->space_attr & prev & attr);
	}
	if (!glued)
		p->space = 0;
	para_add(p, s, len, attr);
}

/* Adds sanitised <pre> text: lines kept, tabs expanded. */
static void
pre_text(struct render *r, const char *s, size_t len)
{
	struct para	*p = &r->para;
	static const char spaces[TAB_STOP + 1] = "        ";
	uint32_t	 c;
	size_t		 i, n, w;
	int		 attr = cur_attr(r);

	for (i = 0; i < len; i += n) {
		if (r->full)
			return;
		if (s[i] == '\n') {
			n = 1;
			pre_line(r);
			continue;
		}
		if (s[i] == '\t') {
			n = 1;
			w = TAB_STOP - p->col % TAB_STOP;
			if (p->col + w <= PRE_MAX_COLS)
				para_add(p, spaces, w, attr);
			p->col += w;
			continue;
		}
		n = txt_utf8_decode(s + i, len - i, &c);
		w = (size_t)txt_cp_width(c);
		if (p->col + w <= PRE_MAX_COLS)
			para_add(p, s + i, n, attr);
		p->col += w;
	}
}

/*
 * Ends a <pre> line.  Empty lines are held back until a line with text
 * follows, so a <pre> neither starts nor ends with blank lines.
 */
static void
pre_line(struct render *r)
{
	struct para	*p = &r->para;
	const char	*s = buf_str(&p->text);
	size_t		 len = buf_len(&p->text), ri = 0;

	while (len > 0 && s[len - 1] == ' ')
		len--;
	if (len == 0) {
		if (r->pre_started)
			r->pre_empty++;
		para_reset(p);
		return;
	}
	while (r->pre_empty > 0 && !body_full(r)) {
		content_line(r, "", 0, 0, &ri);
		r->pre_empty--;
	}
	r->pre_empty = 0;
	if (!body_full(r))
		content_line(r, s, 0, len, &ri);
	r->pre_started = 1;
	para_reset(p);
}

/* Wraps the paragraph into lines by display width and empties it. */
static void
para_flush(struct render *r)
{
	struct para	*p = &r->para;
	const char	*s = buf_str(&p->text);
	size_t		 len = buf_len(&p->text), pos = 0, fit, end, next;
	size_t		 avail = r->width - r->prefix_width, ri = 0;

	while (pos < len && s[pos] == ' ')
		pos++;
	while (len > pos && s[len - 1] == ' ')
		len--;
	while (pos < len && !body_full(r)) {
		fit = txt_fit(s + pos, len - pos, avail, NULL);
		if (fit == len - pos)
			end = next = len;
		else
			find_break(s, pos, pos + fit, len, &end, &next);
		content_line(r, s, pos, end, &ri);
		pos = next;
		while (pos < len && s[pos] == ' ')
			pos++;
	}
	para_reset(p);
}

/* Closing punctuation and small kana, which must not start a line. */
static int
no_line_start(uint32_t c)
{
	static const uint32_t	 list[] = {
		0x3001, 0x3002, 0x3005, 0x3009, 0x300B, 0x300D, 0x300F,
		0x3011, 0x3015, 0x301C, 0x3041, 0x3043, 0x3045, 0x3047,
		0x3049, 0x3063, 0x3083, 0x3085, 0x3087, 0x308E, 0x3095,
		0x3096, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30C3,
		0x30E3, 0x30E5, 0x30E7, 0x30EE, 0x30F5, 0x30F6, 0x30FB,
		0x30FC, 0xFF01, 0xFF09, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B,
		0xFF1F, 0xFF3D, 0xFF5D, 0x2019, 0x201D, 0x2025, 0x2026,
	};
	size_t			 i;

	if (c < 0x80)
		return strchr(",.;:!?)]}%", (int)c) != NULL;
	for (i = 0; i < sizeof list / sizeof *list; i++) {
		if (list[i] == c)
			return 1;
	}
	return 0;
}

/* Opening brackets and quotes, which must not end a line. */
static int
no_line_end(uint32_t c)
{
	if (c < 0x80)
		return c == '(' || c == '[' || c == '{';
	return c == 0x3008 || c == 0x300A || c == 0x300C || c == 0x300E ||
	    c == 0x3010 || c == 0x3014 || c == 0xFF08 || c == 0xFF3B ||
	    c == 0xFF5B || c == 0x2018 || c == 0x201C;
}

/*
 * Whether a line may break before c, next to a wide character, when the
 * character before is prev and the code point before is last: not inside
 * punctuation rules (kinsoku), emoji sequences (ZWJ, skin tones, flags) or
 * Korean words, which break at spaces.
 */
static int
can_break(uint32_t prev, uint32_t last, uint32_t c)
{
	if (last == 0x200D || (c >= 0x1F3FB && c <= 0x1F3FF))
		return 0;
	if (prev >= 0x1F1E6 && prev <= 0x1F1FF && c >= 0x1F1E6 &&
	    c <= 0x1F1FF)
		return 0;
	if (((prev >= 0xAC00 && prev <= 0xD7A3) ||
	    (prev >= 0x1100 && prev <= 0x11FF)) &&
	    ((c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF)))
		return 0;
	return !no_line_start(c) && !no_line_end(prev);
}

/*
 * Whether the space at s[i] sits inside a difference's marker, "[+ word"
 * or "word +]", which stays on one line with its word.
 */
static int
marker_space(const char *s, size_t i, size_t len)
{
	if (i >= 2 && s[i - 2] == '[' && (s[i - 1] == '+' || s[i - 1] == '-'))
		return 1;
	return i + 2 < len && (s[i + 1] == '+' || s[i + 1] == '-') &&
	    s[i + 2] == ']';
}

/*
 * Where to end a line of s starting at pos when s[pos..lim) is what fits:
 * at the last space, or next to a wide character (CJK has no spaces), or
 * hard at lim when a word fills the line.  *next is where the next line
 * starts.
 */
static void
find_break(const char *s, size_t pos, size_t lim, size_t len, size_t *end,
    size_t *next)
{
	uint32_t	 c, prev = 0, last = 0;
	size_t		 i, n, b = pos, nb = pos;
	int		 w, prevw = 0;

	for (i = pos; i <= lim && i < len; i += n) {
		n = txt_utf8_decode(s + i, len - i, &c);
		w = txt_cp_width(c);
		if (c == ' ' && !marker_space(s, i, len)) {
			b = i;
			nb = i + 1;
		} else if (i > pos && w > 0 && (w == 2 || prevw == 2) &&
		    can_break(prev, last, c)) {
			b = i;
			nb = i;
		}
		if (w > 0) {
			prevw = w;
			prev = c;
		}
		last = c;
	}
	if (b > pos) {
		*end = b;
		*next = nb;
		return;
	}
	if (lim == pos) {
		/* Not even one character fits: take it, and its marks. */
		lim += txt_utf8_decode(s + lim, len - lim, &c);
		while (lim < len) {
			n = txt_utf8_decode(s + lim, len - lim, &c);
			if (txt_cp_width(c) != 0)
				break;
			lim += n;
		}
	}
	*end = *next = lim;
}

/*
 * A block starts or ends: the paragraph is drawn, and when para a blank
 * line will come before the next line if there was text since the last
 * edge: "text<p>" or "<p>text</p>" (the end of a block that drew lines
 * but ended with a nested block is seen to by elem_end).
 */
static void
block_edge(struct render *r, int para)
{
	if (r->cell > 0) {
		para_space(&r->para, cur_attr(r));
		return;
	}
	if (r->pre > 0) {
		if (buf_len(&r->para.text) > 0)
			pre_line(r);
		return;
	}
	para_flush(r);
	if (para && r->since_block > 0)
		r->blank = 1;
	r->since_block = 0;
}

static void
line_init(struct line *l)
{
	buf_init(&l->text, BUF_NOLIMIT);
	l->spans = NULL;
	l->nspans = l->cap = 0;
}

static void
line_add(struct line *l, const char *s, size_t len, int attr)
{
	struct render_span	*last;
	size_t			 off = buf_len(&l->text);

	if (len == 0)
		return;
	buf_add(&l->text, s, len);
	if (attr == 0)
		return;
	last = l->nspans > 0 ? &l->spans[l->nspans - 1] : NULL;
	if (last != NULL && last->attr == attr &&
	    last->off + last->len == off) {
		last->len += len;
		return;
	}
	if (l->nspans == l->cap) {
		l->cap = l->cap == 0 ? 4 : l->cap * 2;
		l->spans = xreallocarray(l->spans, l->cap, sizeof *l->spans);
	}
	l->spans[l->nspans].off = off;
	l->spans[l->nspans].len = len;
	l->spans[l->nspans].attr = attr;
	l->nspans++;
}

/* Adds the prefix of the first n levels; markers when this is content. */
static void
line_prefix(struct render *r, struct line *l, size_t n, int content)
{
	struct level	*lv;
	size_t		 i;

	for (i = 0; i < n && i < r->nlevels; i++) {
		lv = &r->levels[i];
		if (content && lv->pending) {
			line_add(l, lv->first, strlen(lv->first), lv->attr);
			lv->pending = 0;
		} else
			line_add(l, lv->cont, strlen(lv->cont), lv->attr);
	}
}

/* Trims trailing spaces and appends the line to the document. */
static void
line_push(struct render *r, struct line *l)
{
	struct render_doc	*doc = r->doc;
	struct render_line	*rl;
	const char		*s = buf_str(&l->text);
	size_t			 len = buf_len(&l->text);

	while (len > 0 && s[len - 1] == ' ')
		len--;
	buf_truncate(&l->text, len);
	while (l->nspans > 0 && l->spans[l->nspans - 1].off >= len)
		l->nspans--;
	if (l->nspans > 0 &&
	    l->spans[l->nspans - 1].off + l->spans[l->nspans - 1].len > len)
		l->spans[l->nspans - 1].len = len - l->spans[l->nspans - 1].off;
	if (doc->nlines == r->linecap) {
		r->linecap = r->linecap == 0 ? 64 : r->linecap * 2;
		doc->lines = xreallocarray(doc->lines, r->linecap,
		    sizeof *doc->lines);
	}
	rl = &doc->lines[doc->nlines++];
	rl->len = buf_len(&l->text);
	rl->text = buf_detach(&l->text);
	if (l->nspans == 0) {
		free(l->spans);
		l->spans = NULL;
	}
	rl->spans = l->spans;
	rl->nspans = l->nspans;
	l->spans = NULL;
	l->nspans = l->cap = 0;
}

/*
 * Whether the body has used its lines.  The first time, a dim "…" line
 * says the article was cut, and the parser is told to stop.
 */
static int
body_full(struct render *r)
{
	struct line	 l;

	if (r->full)
		return 1;
	if (r->listing || r->doc->nlines + 2 < BODY_MAX_LINES)
		return 0;
	r->full = 1;
	line_init(&l);
	line_add(&l, ELLIPSIS, strlen(ELLIPSIS), RENDER_DIM);
	line_push(r, &l);
	if (r->ctxt != NULL)
		xmlStopParser(r->ctxt);
	return 1;
}

/* Starts a content line: the blank line owed before it, then the prefix. */
static void
line_begin(struct render *r, struct line *l)
{
	struct line	 blank;

	if (r->blank && r->doc->nlines > 0) {
		line_init(&blank);
		line_prefix(r, &blank,
		    r->common < r->nlevels ? r->common : r->nlevels, 0);
		line_push(r, &blank);
	}
	r->blank = 0;
	line_init(l);
	line_prefix(r, l, r->nlevels, 1);
	r->common = r->nlevels;
	r->since_block++;
}

/* Draws s[a..b) of the paragraph with its runs; *ri is a run cursor. */
static void
content_line(struct render *r, const char *s, size_t a, size_t b,
    size_t *ri)
{
	struct para	*p = &r->para;
	struct run	*run;
	struct line	 l;
	size_t		 from, to, w;

	line_begin(r, &l);
	while (*ri < p->nruns && p->runs[*ri].off + p->runs[*ri].len <= a)
		(*ri)++;
	for (from = a; from < b; from = to) {
		run = &p->runs[*ri];
		to = run->off + run->len;
		if (to > b)
			to = b;
		line_add(&l, s + from, to - from, run->attr);
		if (to == run->off + run->len)
			(*ri)++;
	}
	w = txt_width(s + a, b - a);
	if (w > r->maxw)
		r->maxw = w;
	line_push(r, &l);
}

/* A line of n copies of the one-column string rule, after the prefix. */
static void
rule_line(struct render *r, const char *rule, size_t n, int attr)
{
	struct line	 l;
	size_t		 i;

	if (n == 0 || body_full(r))
		return;
	line_begin(r, &l);
	for (i = 0; i < n; i++)
		line_add(&l, rule, strlen(rule), attr);
	line_push(r, &l);
}

/*
 * Opens a prefix level with marker first (its continuation is as many
 * spaces, but a quote bar repeats).  Returns 0, drawing nothing, when the
 * prefix already has LEVELS_MAX levels or half the width.
 */
static int
level_push(struct render *r, const char *first, int quote)
{
	struct level	*lv;
	size_t		 w = txt_width(first, strlen(first));

	if (r->nlevels == LEVELS_MAX || r->prefix_width + w > r->width / 2 ||
	    strlen(first) >= MARKER_MAX || w >= MARKER_MAX)
		return 0;
	lv = &r->levels[r->nlevels++];
	memcpy(lv->first, first, strlen(first) + 1);
	if (quote)
		memcpy(lv->cont, first, strlen(first) + 1);
	else {
		memset(lv->cont, ' ', w);
		lv->cont[w] = '\0';
	}
	lv->width = w;
	lv->attr = quote ? RENDER_QUOTE : 0;
	lv->pending = !quote;
	r->prefix_width += w;
	return 1;
}

static void
level_pop(struct render *r)
{
	r->nlevels--;
	r->prefix_width -= r->levels[r->nlevels].width;
	if (r->common > r->nlevels)
		r->common = r->nlevels;
}

/*
 * An href as a browser reads it: tabs and newlines anywhere removed,
 * spaces and controls at the ends trimmed, then sanitised.  Allocated.
 */
static char *
link_clean(const char *href)
{
	struct buf	 b;
	char		*s;
	size_t		 i;

	buf_init(&b, BUF_NOLIMIT);
	for (i = 0; href[i] != '\0'; i++) {
		if (href[i] != '\t' && href[i] != '\n' && href[i] != '\r')
			buf_addc(&b, href[i]);
	}
	s = txt_sanitize(buf_str(&b), buf_len(&b), TXT_ONELINE);
	buf_free(&b);
	return s;
}

static unsigned
link_hash(const char *s)
{
	unsigned	 h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/*
 * The number of href's link, adding it when new: 0 when it is not to be
 * listed (empty, javascript:, data:, vbscript:) or LINKS_MAX are taken.
 */
static int
link_number(struct render *r, const char *href)
{
	struct render_doc	*doc = r->doc;
	char			*clean, *abs;
	size_t			 slot;

	clean = link_clean(href);
	if (*clean == '\0' || strncasecmp(clean, "javascript:", 11) == 0 ||
	    strncasecmp(clean, "data:", 5) == 0 ||
	    strncasecmp(clean, "vbscript:", 9) == 0) {
		free(clean);
		return 0;
	}
	abs = uri_resolve(r->base, clean);
	free(clean);
	slot = link_hash(abs) & (LINK_HASH - 1);
	while (r->hash[slot] != 0) {
		if (strcmp(doc->links[r->hash[slot] - 1], abs) == 0) {
			free(abs);
			return (int)r->hash[slot];
		}
		slot = (slot + 1) & (LINK_HASH - 1);
	}
	if (doc->nlinks == LINKS_MAX) {
		free(abs);
		return 0;
	}
	if (doc->nlinks == 0)
		doc->links = xreallocarray(NULL, LINKS_MAX,
		    sizeof *doc->links);
	doc->links[doc->nlinks++] = abs;
	r->hash[slot] = doc->nlinks;
	return (int)doc->nlinks;
}

/* The blank line, the rule and "[N] URL" lines, URLs broken hard. */
static void
link_list(struct render *r)
{
	struct render_doc	*doc = r->doc;
	struct line		 l;
	const char		*url;
	char			 num[32];
	uint32_t		 c;
	size_t			 i, k, len, pos, fit, nw, indent, avail;

	if (doc->nlinks == 0)
		return;
	r->full = 0;
	r->listing = 1;		/* the lines above BODY_MAX_LINES are ours */
	r->blank = 1;
	rule_line(r, RULE, r->width, RENDER_DIM);
	for (i = 0; i < doc->nlinks; i++) {
		url = doc->links[i];
		len = strlen(url);
		nw = (size_t)snprintf(num, sizeof num, "[%zu] ", i + 1);
		indent = nw <= r->width / 2 ? nw : 0;
		pos = 0;
		for (k = 0; k < URL_LINES_MAX && (k == 0 || pos < len); k++) {
			avail = r->width - (k == 0 ? nw : indent);
			fit = txt_fit(url + pos, len - pos, avail, NULL);
			if (k == URL_LINES_MAX - 1 && pos + fit < len)
				fit = txt_fit(url + pos, len - pos, avail - 1,
				    NULL);
			else if (fit == 0 && pos < len)
				fit = txt_utf8_decode(url + pos, len - pos, &c);
			line_init(&l);
			if (k == 0)
				line_add(&l, num, nw, RENDER_DIM);
			else {
				memset(num, ' ', indent);
				line_add(&l, num, indent, RENDER_DIM);
			}
			line_add(&l, url + pos, fit, RENDER_DIM);
			pos += fit;
			if (k == URL_LINES_MAX - 1 && pos < len)
				line_add(&l, ELLIPSIS, strlen(ELLIPSIS),
				    RENDER_DIM);
			line_push(r, &l);
		}
	}
}

/* What an element does when it opens; e is already on the stack. */
static void
elem_start(struct render *r, const struct tag *t, const xmlChar **atts)
{
	struct elem	*e = &r->stack[r->depth - 1];
	const char	*v;
	int		 i;

	if (t->flags & T_BR) {
		if (r->cell > 0)
			para_space(&r->para, cur_attr(r));
		else if (r->pre > 0)
			pre_line(r);
		else if (buf_len(&r->para.text) > 0)
			para_flush(r);
		else if (r->since_block > 0)
			r->blank = 1;
		return;
	}
	if (t->flags & T_HR) {
		block_edge(r, 1);
		if (r->cell == 0 && r->pre == 0)
			rule_line(r, RULE, r->width - r->prefix_width,
			    RENDER_DIM);
		block_edge(r, 1);
		return;
	}
	if (t->flags & T_IMG) {
		image(r, atts);
		return;
	}
	if (t->flags & T_CELL) {
		if (r->cells > 0) {
			para_space(&r->para, 0);
			inline_word(r, CELL_BAR, strlen(CELL_BAR), RENDER_DIM,
			    0);
			para_space(&r->para, 0);
		}
		r->cells++;
		r->cell++;
	}
	if (t->flags & T_ROW) {
		e->prev_cells = r->cells;
		r->cells = 0;
	}
	if (t->flags & (T_PARA | T_LINE)) {
		/* A list inside an item is part of it: no blank lines. */
		if ((t->flags & T_LIST) && r->items > 0)
			block_edge(r, 0);
		else
			block_edge(r, (t->flags & T_PARA) != 0);
	}
	e->lines = r->doc->nlines;
	if ((t->flags & T_H1) && r->cell == 0)
		r->maxw = 0;
	if (t->flags & T_LIST) {
		e->prev_list = r->list;
		e->counter = 1;
		if ((t->flags & T_ORDERED) &&
		    (v = attr_get(atts, "start")) != NULL) {
			e->counter = strtol(v, NULL, 10);
			if (e->counter < -999999999 || e->counter > 999999999)
				e->counter = 1;
		}
		r->list = r->depth;
	}
	if (t->flags & (T_ITEM | T_DD)) {
		e->item = 1;
		r->items++;
		if (r->cell == 0 && r->pre == 0) {
			if (t->flags & T_ITEM)
				list_item(r, e, atts);
			else
				e->level = level_push(r, "    ", 0);
		}
	}
	if ((t->flags & T_QUOTE) && r->cell == 0 && r->pre == 0)
		e->level = level_push(r, QUOTE_BAR, 1);
	if (t->flags & T_PRE) {
		if (r->pre == 0) {
			r->pre_started = 0;
			r->pre_empty = 0;
			r->para.col = 0;
		}
		r->pre++;
	}
	if ((t->flags & T_A) && (v = attr_get(atts, "href")) != NULL) {
		e->link = link_number(r, v);
		if (e->link > 0)
			e->attr |= RENDER_LINK;
	}
	e->attr |= t->attr;
	for (i = 0; i < 8; i++) {
		if (e->attr & (1 << i))
			r->count[i]++;
	}
}

/* Closes the innermost open element. */
static void
elem_end(struct render *r)
{
	struct elem		*e = &r->stack[r->depth - 1];
	const struct tag	*t = e->tag;
	char			 num[32];
	size_t			 n;
	int			 i;

	if (e->drop) {
		r->drop--;
		r->depth--;
		return;
	}
	if (t == NULL) {
		r->depth--;
		return;
	}
	if (e->link > 0) {
		n = (size_t)snprintf(num, sizeof num, "[%d]", e->link);
		inline_word(r, num, n, cur_attr(r), 1);
	}
	if (t->flags & T_PRE) {
		if (r->pre == 1 && r->cell == 0)
			pre_line(r);
		r->pre--;
	}
	if ((t->flags & T_H1) && r->cell == 0 && r->pre == 0) {
		para_flush(r);
		if (r->since_block > 0 && r->maxw > 0)
			rule_line(r, DOUBLE_RULE, r->maxw,
			    RENDER_HEADING | RENDER_BOLD);
	}
	if (t->flags & (T_PARA | T_LINE)) {
		if ((t->flags & T_LIST) && r->items > 0)
			block_edge(r, 0);
		else {
			block_edge(r, (t->flags & T_PARA) != 0);
			if ((t->flags & T_PARA) && r->cell == 0 &&
			    r->pre == 0 && r->doc->nlines > e->lines)
				r->blank = 1;
		}
	}
	if (e->level)
		level_pop(r);
	if (e->item)
		r->items--;
	if (t->flags & T_LIST)
		r->list = e->prev_list;
	if (t->flags & T_ROW)
		r->cells = e->prev_cells;
	if (t->flags & T_CELL)
		r->cell--;
	for (i = 0; i < 8; i++) {
		if (e->attr & (1 << i))
			r->count[i]--;
	}
	r->depth--;
}

/* "[image: alt]", or "[image]"; tracking pixels are left out. */
static void
image(struct render *r, const xmlChar **atts)
{
	const char	*v, *alt;
	char		*clean, *cut, *s;
	int		 i;

	for (i = 0; i < 2; i++) {
		v = attr_get(atts, i == 0 ? "width" : "height");
		if (v != NULL && (strcmp(v, "0") == 0 || strcmp(v, "1") == 0 ||
		    strcmp(v, "0px") == 0 || strcmp(v, "1px") == 0))
			return;
	}
	alt = attr_get(atts, "alt");
	clean = txt_sanitize(alt != NULL ? alt : "",
	    alt != NULL ? strlen(alt) : 0, TXT_ONELINE);
	if (*clean != '\0') {
		cut = txt_trunc(clean, ALT_MAX_COLS, 0, 0);
		/* TRANSLATORS: an image in an article, by its description. */
		xasprintf(&s, _("[image: %s]"), cut);
		free(cut);
	} else {
		/* TRANSLATORS: an image in an article with no description. */
		s = xstrdup(_("[image]"));
	}
	free(clean);
	clean = txt_sanitize(s, strlen(s), TXT_ONELINE);
	free(s);
	inline_word(r, clean, strlen(clean), cur_attr(r) | RENDER_DIM, 0);
	free(clean);
}

/* Opens the prefix level of a list item: its bullet or number. */
static void
list_item(struct render *r, struct elem *e, const xmlChar **atts)
{
	struct elem	*list = r->list > 0 ? &r->stack[r->list - 1] : NULL;
	const char	*v;
	char		 marker[MARKER_MAX];
	long		 n;

	if (list == NULL || !(list->tag->flags & T_ORDERED)) {
		e->level = level_push(r, BULLET, 0);
		return;
	}
	if ((v = attr_get(atts, "value")) != NULL) {
		n = strtol(v, NULL, 10);
		if (n >= -999999999 && n <= 999999999)
			list->counter = n;
	}
	snprintf(marker, sizeof marker, "%ld. ", list->counter);
	if (list->counter < 999999999)
		list->counter++;
	e->level = level_push(r, marker, 0);
}

static void
on_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	struct render		*r = ctx;
	const struct tag	*t;
	struct elem		*e;

	if (r->full)
		return;
	if (r->depth == STACK_MAX) {
		r->overflow++;
		return;
	}
	if (r->depth == r->stackcap) {
		r->stackcap = r->stackcap == 0 ? 32 : r->stackcap * 2;
		r->stack = xreallocarray(r->stack, r->stackcap,
		    sizeof *r->stack);
	}
	t = tag_find((const char *)name);
	e = &r->stack[r->depth++];
	memset(e, 0, sizeof *e);
	e->tag = t;
	if (r->drop > 0 || (t != NULL && (t->flags & T_DROP))) {
		e->drop = 1;
		r->drop++;
		return;
	}
	if (t != NULL)
		elem_start(r, t, atts);
}

static void
on_end(void *ctx, const xmlChar *name)
{
	struct render		*r = ctx;
	const struct tag	*t;
	size_t			 i;

	if (r->full)
		return;
	if (r->overflow > 0) {
		r->overflow--;
		return;
	}
	/*
	 * libxml2 closes elements in order; should it not, close everything
	 * above the innermost element of this name, or nothing.
	 */
	t = tag_find((const char *)name);
	for (i = r->depth; i > 0; i--) {
		if (r->stack[i - 1].tag == t)
			break;
	}
	if (i == 0)
		return;
	while (r->depth >= i)
		elem_end(r);
}

static void
on_chars(void *ctx, const xmlChar *s, int len)
{
	struct render	*r = ctx;
	char		*clean;

	if (r->full || r->drop > 0 || len <= 0)
		return;
	clean = txt_sanitize((const char *)s, (size_t)len, 0);
	if (r->pre > 0 && r->cell == 0)
		pre_text(r, clean, strlen(clean));
	else
		inline_text(r, clean, strlen(clean));
	free(clean);
}

static void
silent(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

static void
silent_structured(void *ctx, xmlErrorPtr err)
{
	(void)ctx;
	(void)err;
}

struct render_doc *
render_html(const char *html, size_t len, const char *base, int width)
{
	struct render	 r;
	xmlSAXHandler	 sax;
	char		*clean;
	size_t		 off, n;

	render_init(&r, base, width);
	/*
	 * Valid UTF-8 in, so libxml2 never falls back to Latin-1 halfway
	 * through; IGNORE_ENC so a <meta charset> cannot switch it either.
	 */
	clean = txt_sanitize(html, len, 0);
	len = strlen(clean);
	memset(&sax, 0, sizeof sax);
	sax.startElement = on_start;
	sax.endElement = on_end;
	sax.characters = on_chars;
	sax.ignorableWhitespace = on_chars;
	sax.cdataBlock = on_chars;
	sax.warning = silent;
	sax.error = silent;
	sax.fatalError = silent;
	sax.serror = silent_structured;
	r.ctxt = htmlCreatePushParserCtxt(&sax, &r, NULL, 0, NULL,
	    XML_CHAR_ENCODING_UTF8);
	if (r.ctxt == NULL) {
		free(clean);
		return render_finish(&r);
	}
	htmlCtxtUseOptions(r.ctxt, HTML_PARSE_NONET | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER | HTML_PARSE_IGNORE_ENC);
	for (off = 0; off < len && !r.full; off += n) {
		n = len - off < READ_CHUNK ? len - off : READ_CHUNK;
		htmlParseChunk(r.ctxt, clean + off, (int)n, 0);
	}
	if (!r.full)
		htmlParseChunk(r.ctxt, NULL, 0, 1);
	htmlFreeParserCtxt(r.ctxt);
	r.ctxt = NULL;
	free(clean);
	return render_finish(&r);
}

struct render_doc *
render_text(const char *text, size_t len, int width)
{
	struct render	 r;
	char		*clean;
	size_t		 i, j, k;

	render_init(&r, NULL, width);
	clean = txt_sanitize(text, len, 0);
	len = strlen(clean);
	for (i = 0; i < len && !r.full; i = j + 1) {
		for (j = i; j < len && clean[j] != '\n'; j++)
			;
		for (k = i; k < j && (clean[k] == ' ' || clean[k] == '\t');
		    k++)
			;
		if (k == j) {
			block_edge(&r, 1);
			continue;
		}
		inline_text(&r, clean + i, j - i);
		r.para.space = 1;
	}
	free(clean);
	return render_finish(&r);
}

/* Adds the words of s[0..len) with attributes attr, a space before. */
static void
diff_words(struct render *r, const char *s, size_t len, int attr)
{
	size_t	 i, j;

	for (i = 0; i < len; i = j + 1) {
		for (j = i; j < len && s[j] != ' '; j++)
			;
		if (j == i)
			continue;
		para_space(&r->para, attr);
		inline_word(r, s + i, j - i, attr, 0);
	}
}

/*
 * One difference as paragraphs, each changed stretch marked.  Words that
 * replace a removed paragraph's start stay in its paragraph.
 */
static void
diff_block(struct render *r, const struct revision_diff *df, int base)
{
	const struct revision_seg *seg;
	const char	*open, *close, *p, *nl, *end, *start;
	char		*clean;
	size_t		 i;
	int		 attr, removed_para = 0;

	for (i = 0; i < df->nsegs && !r->full; i++) {
		seg = &df->segs[i];
		switch (seg->op) {
		case REVISION_ADDED:
			attr = base | RENDER_ADDED;
			open = "[+";
			close = "+]";
			break;
		case REVISION_REMOVED:
			attr = base | RENDER_REMOVED;
			open = "[-";
			close = "-]";
			break;
		default:
			attr = base;
			open = close = NULL;
			break;
		}
		/* Between segments: a plain space. */
		para_space(&r->para, base);
		clean = txt_sanitize(seg->text, strlen(seg->text), 0);
		end = clean + strlen(clean);
		start = clean;
		if (seg->op == REVISION_ADDED && removed_para && *start == '\n')
			start++;
		removed_para = seg->op == REVISION_REMOVED && *clean == '\n';
		for (p = start; p < end && !r->full; p = nl + 1) {
			if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
				nl = end;
			if (p > start)
				block_edge(r, 1);
			if (nl == p)
				continue;
			if (open != NULL)
				diff_words(r, open, 2, attr);
			diff_words(r, p, (size_t)(nl - p), attr);
			if (close != NULL)
				diff_words(r, close, 2, attr);
		}
		free(clean);
	}
}

struct render_doc *
render_diff(const struct revision_diff *title,
    const struct revision_diff *text, int width)
{
	struct render	 r;

	render_init(&r, NULL, width);
	if (title != NULL) {
		diff_block(&r, title, RENDER_HEADING | RENDER_BOLD);
		block_edge(&r, 1);
	}
	if (text != NULL)
		diff_block(&r, text, 0);
	return render_finish(&r);
}

void
render_free(struct render_doc *doc)
{
	size_t	 i;

	if (doc == NULL)
		return;
	for (i = 0; i < doc->nlines; i++) {
		free(doc->lines[i].text);
		free(doc->lines[i].spans);
	}
	free(doc->lines);
	for (i = 0; i < doc->nlinks; i++)
		free(doc->links[i]);
	free(doc->links);
	free(doc);
}
