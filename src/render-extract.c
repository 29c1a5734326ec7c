/*
 * render-extract.c owns main-content extraction for the full-article
 * view: a whole web page is parsed by libxml2's HTML parser, boilerplate
 * is pruned, the element with the densest paragraph text is chosen and
 * written back out as a UTF-8 HTML fragment with href, src, poster and
 * cite made absolute.  render_html sanitises the text afterwards.
 *
 * The rule, in order:
 *
 * 1. Elements that never hold article text go with their content:
 *    script, style, noscript, iframe, svg, button, input, select,
 *    textarea, template, object, embed, canvas and the like, and <head>
 *    (after its <base href>, which changes the base URL, is read).
 *
 * 2. Text is measured in characters, a run of white space counting one.
 *    Each text node belongs to its nearest block: the nearest element,
 *    itself or an ancestor, that is not inline (a, b, span...).  A block
 *    whose own text is at least PARA_MIN characters is a paragraph, and
 *    its text minus its link text is "good"; heading text is neutral;
 *    all other text, link text included, is "bad".
 *
 * 3. Boilerplate goes: nav, header, footer, aside, form, dialog, menu;
 *    role navigation, banner, contentinfo, complementary, search and
 *    the like; hidden, aria-hidden="true" or display:none; and a class
 *    or id holding a boilerplate word ("sidebar", "share", "cookie"...)
 *    and no content word ("article", "content", "main"...).  Words are
 *    runs of letters and digits, compared whole, so "shared-story" is
 *    not "share".  Never removed: <html> and <body>; the semantic
 *    elements (<article>, <main>, role=main, itemprop=articleBody) for
 *    their attributes; the semantic element with the most good text and
 *    its ancestors (so a "with-sidebar" wrapper keeps its article); and
 *    an element holding more than half of the page's good text, unless
 *    a comment word ("comments", "disqus") marks it: a discussion is
 *    often longer than what it discusses.
 *
 * 4. The scores are counted again.  An element scores good minus bad
 *    over its subtree, half as much again for a semantic element; the
 *    best wins, the innermost on a tie.  But a semantic element holding
 *    more than half of the page's good text is taken instead (the best
 *    scoring such one).  With no paragraph at all, the whole body is
 *    taken; under MIN_TEXT characters there is no article.
 *
 * Only the first EXTRACT_INPUT_MAX bytes of a page are parsed.  The
 * encoding is the one a <meta> in the first SNIFF_MAX bytes names, mapped
 * as browsers map it, else libxml2's guess.  White-space-only text is
 * kept (no HTML_PARSE_NOBLANKS): it separates inline elements and
 * matters in <pre>.  Nothing here recurses: libxml2 2.9 stops parsing at
 * 256 levels, but every walk goes by parent and sibling pointers all the
 * same.
 */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "buf.h"
#include "i18n.h"
#include "render.h"
#include "txt.h"
#include "uri.h"
#include "xmalloc.h"

#define EXTRACT_INPUT_MAX	(8u * 1024 * 1024)	/* bytes parsed */
#define SNIFF_MAX		1024	/* bytes searched for <meta charset> */
#define CHARSET_MAX		40	/* longest encoding label */
#define PARA_MIN		25	/* characters that make a paragraph */
#define MIN_TEXT		25	/* characters that make an article */
#define WORD_MAX		32	/* longest class or id word compared */

/* What a walk does after entering a node. */
enum walk_act {
	WALK_DESCEND,
	WALK_SKIP,			/* keep it, but not its children */
	WALK_REMOVE			/* unlink and free it */
};

/* Flags of struct einfo. */
#define EI_LINK		0x01	/* inside <a> */
#define EI_SEMANTIC	0x02	/* article, main, role=main, articleBody */
#define EI_KEEP		0x04	/* the main semantic element or an ancestor */
#define EI_HEADING	0x08	/* h1..h6 */

/* What is known of an element; its _private points here. */
struct einfo {
	xmlNodePtr	 block;		/* nearest block, itself or above */
	size_t		 own;		/* text whose nearest block this is */
	size_t		 ownlink;	/* of which inside <a> */
	size_t		 text;		/* all text in the subtree */
	size_t		 good;		/* paragraph text less links, subtree */
	size_t		 neutral;	/* heading text, subtree */
	int		 flags;
};

/* State of one extraction. */
struct extract {
	xmlDocPtr	 doc;
	xmlNodePtr	 body;		/* <body>, or the root without one */
	char		*base;		/* base URL for links, allocated */
	struct einfo	*info;		/* one per element */
	size_t		 ninfo;
	size_t		 used;

	xmlNodePtr	 best;		/* highest score */
	double		 best_score;
	xmlNodePtr	 main;		/* semantic element with most good */
	xmlNodePtr	*sem;		/* semantic elements, post-order */
	size_t		 nsem;

	struct buf	 out;
};

typedef enum walk_act (*walk_enter_fn)(xmlNodePtr, struct extract *);
typedef void (*walk_leave_fn)(xmlNodePtr, struct extract *);

static void	 walk(xmlNodePtr, walk_enter_fn, walk_leave_fn,
		    struct extract *);
static int	 is_space(int);
static int	 has_nocase(const char *, const char *);
static const char *sniff_charset(const char *, size_t, char *, size_t);
static const char *charset_label(const char *);
static int	 name_is(xmlNodePtr, const char *);
static int	 name_in(xmlNodePtr, const char *const *);
static char	*attr_get(xmlNodePtr, const char *);
static int	 attr_word_in(xmlNodePtr, const char *,
		    const char *const *);
static size_t	 text_count(const xmlChar *);
static struct einfo *info_of(xmlNodePtr);
static double	 score_of(const struct einfo *);
static int	 is_semantic(xmlNodePtr);
static void	 find_base(struct extract *, xmlNodePtr, const char *);
static enum walk_act enter_count(xmlNodePtr, struct extract *);
static enum walk_act enter_dead(xmlNodePtr, struct extract *);
static enum walk_act enter_measure(xmlNodePtr, struct extract *);
static void	 leave_measure(xmlNodePtr, struct extract *);
static void	 measure(struct extract *);
static int	 is_hidden(xmlNodePtr);
static int	 boilerplate_attr(xmlNodePtr, int *);
static enum walk_act enter_boilerplate(xmlNodePtr, struct extract *);
static xmlNodePtr choose(struct extract *);
static int	 valid_name(const xmlChar *);
static void	 add_attr(struct extract *, const char *, const char *);
static enum walk_act enter_dump(xmlNodePtr, struct extract *);
static void	 leave_dump(xmlNodePtr, struct extract *);

/* Never article text: dropped with their content before anything else. */
static const char *const dead_tags[] = {
	"script", "style", "noscript", "iframe", "frame", "frameset", "svg",
	"button", "input", "select", "option", "optgroup", "textarea",
	"template", "object", "embed", "applet", "canvas", "link", "meta",
	"base", "head", "title", NULL
};

/* Page furniture, dropped unless protected (see the rule above). */
static const char *const furniture_tags[] = {
	"nav", "header", "footer", "aside", "form", "dialog", "menu", NULL
};

static const char *const furniture_roles[] = {
	"navigation", "banner", "contentinfo", "complementary", "search",
	"dialog", "alertdialog", "menu", "menubar", "toolbar", "tablist",
	NULL
};

/* Text belongs to the nearest element not in this list. */
static const char *const inline_tags[] = {
	"a", "abbr", "b", "bdi", "bdo", "big", "br", "cite", "code", "data",
	"del", "dfn", "em", "font", "i", "img", "ins", "kbd", "label",
	"mark", "nobr", "q", "s", "samp", "small", "span", "strike",
	"strong", "sub", "sup", "time", "tt", "u", "var", "wbr", NULL
};

static const char *const heading_tags[] = {
	"h1", "h2", "h3", "h4", "h5", "h6", NULL
};

static const char *const void_tags[] = {
	"area", "br", "col", "embed", "hr", "img", "input", "link", "meta",
	"param", "source", "track", "wbr", NULL
};

/* Class and id words: whole words, lower case. */
static const char *const boilerplate_words[] = {
	"ad", "ads", "adv", "advert", "adverts", "advertisement",
	"advertising", "banner", "breadcrumb", "breadcrumbs", "consent",
	"cookie", "cookies", "footer", "gdpr", "masthead", "menu", "menus",
	"modal", "nav", "navbar", "navigation", "newsletter", "newsletters",
	"outbrain", "popup", "promo", "promos", "promoted", "promotion",
	"related", "share", "shares", "sharing", "sidebar", "sidebars",
	"signup", "social", "sponsor", "sponsored", "subscribe",
	"subscription", "taboola", "toolbar", "widget", "widgets", NULL
};

static const char *const comment_words[] = {
	"comment", "comments", "commentlist", "commentform", "disqus",
	"discussion", "replies", NULL
};

static const char *const content_words[] = {
	"article", "body", "content", "entry", "main", "story", "text", NULL
};

static const char *const main_roles[] = { "main", NULL };

/* URL attributes made absolute. */
static const char *const url_attrs[] = {
	"href", "src", "poster", "cite", NULL
};

/*
 * Walks the subtree of root in document order without recursion: enter
 * on the way down, leave (may be NULL) on the way up of every node not
 * removed.  root itself is never removed.
 */
static void
walk(xmlNodePtr root, walk_enter_fn enter, walk_leave_fn leave,
    struct extract *x)
{
	xmlNodePtr	 cur = root, next, up;
	enum walk_act	 act;

	for (;;) {
		act = enter(cur, x);
		if (act == WALK_DESCEND && cur->children != NULL) {
			cur = cur->children;
			continue;
		}
		for (;;) {
			next = cur == root ? NULL : cur->next;
			up = cur == root ? NULL : cur->parent;
			if (act == WALK_REMOVE && cur != root) {
				xmlUnlinkNode(cur);
				xmlFreeNode(cur);
			} else if (leave != NULL)
				leave(cur, x);
			if (next != NULL) {
				cur = next;
				break;
			}
			if (up == NULL)
				return;
			cur = up;
			act = WALK_DESCEND;
		}
	}
}

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Whether s contains needle, ASCII case ignored. */
static int
has_nocase(const char *s, const char *needle)
{
	size_t	 n = strlen(needle);

	for (; *s != '\0'; s++)
		if (strncasecmp(s, needle, n) == 0)
			return 1;
	return 0;
}

/*
 * The encoding a <meta charset> or <meta http-equiv> in the first
 * SNIFF_MAX bytes names, as a label libxml2 knows, or NULL to let it
 * sniff (a byte order mark, or no usable meta).  Labels are mapped the
 * way the HTML standard maps them: "iso-8859-1" means windows-1252.
 */
static const char *
sniff_charset(const char *s, size_t len, char *label, size_t size)
{
	xmlCharEncodingHandlerPtr	 h;
	const char			*p, *end, *tag_end, *found;
	size_t				 n;

	if (len >= 2 && (((unsigned char)s[0] == 0xfe &&
	    (unsigned char)s[1] == 0xff) || ((unsigned char)s[0] == 0xff &&
	    (unsigned char)s[1] == 0xfe)))
		return NULL;
	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		return NULL;

	end = s + (len < SNIFF_MAX ? len : SNIFF_MAX);
	for (p = s; p < end; p++) {
		if (*p != '<')
			continue;
		if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
			found = NULL;
			for (p += 4; p + 3 <= end; p++)
				if (memcmp(p, "-->", 3) == 0) {
					found = p;
					break;
				}
			if (found == NULL)
				return NULL;
			p = found + 2;
			continue;
		}
		if (end - p < 6 || strncasecmp(p, "<meta", 5) != 0 ||
		    (!is_space((unsigned char)p[5]) && p[5] != '/'))
			continue;
		tag_end = memchr(p, '>', end - p);
		if (tag_end == NULL)
			return NULL;
		for (found = NULL; p + 7 <= tag_end; p++)
			if (strncasecmp(p, "charset", 7) == 0) {
				found = p + 7;
				break;
			}
		p = tag_end;
		if (found == NULL)
			continue;
		while (found < tag_end && is_space((unsigned char)*found))
			found++;
		if (found == tag_end || *found++ != '=')
			continue;
		while (found < tag_end && (is_space((unsigned char)*found) ||
		    *found == '"' || *found == '\''))
			found++;
		for (n = 0; found + n < tag_end && n + 1 < size; n++) {
			if (found[n] == '\0' ||
			    strchr("abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:",
			    found[n]) == NULL)
				break;
			label[n] = found[n];
		}
		label[n] = '\0';
		if (n == 0)
			continue;
		found = charset_label(label);
		h = xmlFindCharEncodingHandler(found);
		if (h == NULL)
			return NULL;
		xmlCharEncCloseFunc(h);
		return found;
	}
	return NULL;
}

/* The label libxml2 should use for an encoding label from a page. */
static const char *
charset_label(const char *label)
{
	static const char *const latin1[] = {
		"ascii", "us-ascii", "iso-8859-1", "iso8859-1", "iso_8859-1",
		"iso88591", "latin1", "l1", "cp819", "ibm819", "csisolatin1",
		"iso-ir-100", "cp1252", "x-cp1252", "windows-1252", NULL
	};
	static const char *const utf8[] = {
		"utf8", "utf-8", "unicode-1-1-utf-8", "utf-16", "utf-16le",
		"utf-16be", NULL
	};
	size_t	 i;

	for (i = 0; latin1[i] != NULL; i++)
		if (strcasecmp(label, latin1[i]) == 0)
			return "windows-1252";
	/* A meta naming UTF-16 was read as ASCII, so it is not UTF-16. */
	for (i = 0; utf8[i] != NULL; i++)
		if (strcasecmp(label, utf8[i]) == 0)
			return "UTF-8";
	return label;
}

static int
name_is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->name != NULL &&
	    strcasecmp((const char *)n->name, name) == 0;
}

static int
name_in(xmlNodePtr n, const char *const *list)
{
	size_t	 i;

	if (n->type != XML_ELEMENT_NODE || n->name == NULL)
		return 0;
	for (i = 0; list[i] != NULL; i++)
		if (strcasecmp((const char *)n->name, list[i]) == 0)
			return 1;
	return 0;
}

/* An attribute's value, allocated by libxml2 (xmlFree), or NULL. */
static char *
attr_get(xmlNodePtr n, const char *name)
{
	return (char *)xmlGetNoNsProp(n, (const xmlChar *)name);
}

/*
 * Whether the attribute holds a word of list: words are runs of ASCII
 * letters and digits, compared without case.
 */
static int
attr_word_in(xmlNodePtr n, const char *name, const char *const *list)
{
	char	*v, *p, word[WORD_MAX + 1];
	size_t	 len, i;
	int	 found = 0;

	if ((v = attr_get(n, name)) == NULL)
		return 0;
	for (p = v; *p != '\0' && !found; ) {
		len = 0;
		while (*p != '\0' && !((*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
			p++;
		while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9')) {
			if (len < WORD_MAX)
				word[len] = (*p >= 'A' && *p <= 'Z') ?
				    *p - 'A' + 'a' : *p;
			len++;
			p++;
		}
		if (len == 0 || len > WORD_MAX)
			continue;
		word[len] = '\0';
		for (i = 0; list[i] != NULL; i++)
			if (strcmp(word, list[i]) == 0) {
				found = 1;
				break;
			}
	}
	xmlFree(v);
	return found;
}

/* Characters of UTF-8 text, a run of white space counting one. */
static size_t
text_count(const xmlChar *s)
{
	size_t	 n = 0;
	int	 space = 1;

	if (s == NULL)
		return 0;
	for (; *s != '\0'; s++) {
		if (is_space(*s)) {
			if (!space)
				n++;
			space = 1;
		} else {
			if ((*s & 0xc0) != 0x80)
				n++;
			space = 0;
		}
	}
	return n;
}

static struct einfo *
info_of(xmlNodePtr n)
{
	if (n == NULL || n->type != XML_ELEMENT_NODE)
		return NULL;
	return n->_private;
}

static double
score_of(const struct einfo *ei)
{
	double	 bad, score;

	bad = (double)ei->text - (double)ei->good - (double)ei->neutral;
	score = (double)ei->good - bad;
	if ((ei->flags & EI_SEMANTIC) && score > 0)
		score *= 1.5;
	return score;
}

static int
is_semantic(xmlNodePtr n)
{
	char	*v;
	int	 yes;

	if (name_is(n, "article") || name_is(n, "main"))
		return 1;
	if (attr_word_in(n, "role", main_roles))
		return 1;
	if ((v = attr_get(n, "itemprop")) == NULL)
		return 0;
	yes = has_nocase(v, "articlebody");
	xmlFree(v);
	return yes;
}

/* Sets x->base from the first <base href> in <head>, against url. */
static void
find_base(struct extract *x, xmlNodePtr root, const char *url)
{
	xmlNodePtr	 head, n;
	char		*href;

	for (head = root->children; head != NULL; head = head->next)
		if (name_is(head, "head"))
			break;
	for (n = head != NULL ? head->children : NULL; n != NULL; n = n->next) {
		if (!name_is(n, "base") || (href = attr_get(n, "href")) == NULL)
			continue;
		x->base = uri_resolve(url, href);
		xmlFree(href);
		return;
	}
	x->base = url != NULL ? xstrdup(url) : NULL;
}

static enum walk_act
enter_count(xmlNodePtr n, struct extract *x)
{
	if (n->type == XML_ELEMENT_NODE)
		x->ninfo++;
	return WALK_DESCEND;
}

static enum walk_act
enter_dead(xmlNodePtr n, struct extract *x)
{
	(void)x;
	switch (n->type) {
	case XML_ELEMENT_NODE:
		return name_in(n, dead_tags) ? WALK_REMOVE : WALK_DESCEND;
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
		return WALK_SKIP;
	default:
		return WALK_REMOVE;	/* comments, processing instructions */
	}
}

static enum walk_act
enter_measure(xmlNodePtr n, struct extract *x)
{
	struct einfo	*ei, *pi;
	size_t		 len;

	pi = info_of(n->parent);
	if (n->type != XML_ELEMENT_NODE) {
		if (pi != NULL && (n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE)) {
			len = text_count(n->content);
			pi->text += len;
			ei = info_of(pi->block);
			ei->own += len;
			if (pi->flags & EI_LINK)
				ei->ownlink += len;
		}
		return WALK_SKIP;
	}

	if (n->_private == NULL) {
		if (x->used == x->ninfo)	/* cannot happen: counted */
			return WALK_SKIP;
		n->_private = &x->info[x->used++];
	}
	ei = n->_private;
	memset(ei, 0, sizeof *ei);
	ei->block = (pi != NULL && name_in(n, inline_tags)) ? pi->block : n;
	if (pi != NULL)
		ei->flags |= pi->flags & EI_LINK;
	if (name_is(n, "a"))
		ei->flags |= EI_LINK;
	if (name_in(n, heading_tags))
		ei->flags |= EI_HEADING;
	if (is_semantic(n))
		ei->flags |= EI_SEMANTIC;
	return WALK_DESCEND;
}

static void
leave_measure(xmlNodePtr n, struct extract *x)
{
	struct einfo	*ei, *pi;
	double		 score;

	if ((ei = info_of(n)) == NULL)
		return;
	if (ei->block == n) {
		if (ei->flags & EI_HEADING)
			ei->neutral += ei->own;
		else if (ei->own >= PARA_MIN)
			ei->good += ei->own - ei->ownlink;
	}
	if ((pi = info_of(n->parent)) != NULL && n != x->body) {
		pi->text += ei->text;
		pi->good += ei->good;
		pi->neutral += ei->neutral;
	}

	score = score_of(ei);
	if (ei->good > 0 && (x->best == NULL || score > x->best_score)) {
		x->best = n;
		x->best_score = score;
	}
	if (ei->flags & EI_SEMANTIC) {
		if (x->main == NULL || ei->good > info_of(x->main)->good)
			x->main = n;
		x->sem = xreallocarray(x->sem, x->nsem + 1, sizeof *x->sem);
		x->sem[x->nsem++] = n;
	}
}

/* Counts text and scores every element under the body afresh. */
static void
measure(struct extract *x)
{
	x->best = NULL;
	x->best_score = 0;
	x->main = NULL;
	x->nsem = 0;
	walk(x->body, enter_measure, leave_measure, x);
}

static int
is_hidden(xmlNodePtr n)
{
	char	*v, *p, *q;
	int	 yes = 0;

	if (xmlHasProp(n, (const xmlChar *)"hidden") != NULL)
		return 1;
	if ((v = attr_get(n, "aria-hidden")) != NULL) {
		yes = strcasecmp(v, "true") == 0;
		xmlFree(v);
		if (yes)
			return 1;
	}
	if ((v = attr_get(n, "style")) == NULL)
		return 0;
	for (p = q = v; *p != '\0'; p++)
		if (!is_space((unsigned char)*p))
			*q++ = *p;
	*q = '\0';
	yes = has_nocase(v, "display:none") ||
	    has_nocase(v, "visibility:hidden");
	xmlFree(v);
	return yes;
}

/*
 * Whether the class, id or role of n marks it as page furniture; sets
 * *comment when a comment word does.
 */
static int
boilerplate_attr(xmlNodePtr n, int *comment)
{
	*comment = attr_word_in(n, "class", comment_words) ||
	    attr_word_in(n, "id", comment_words);
	if (*comment)
		return 1;
	if (attr_word_in(n, "role", furniture_roles))
		return 1;
	if (!attr_word_in(n, "class", boilerplate_words) &&
	    !attr_word_in(n, "id", boilerplate_words))
		return 0;
	return !attr_word_in(n, "class", content_words) &&
	    !attr_word_in(n, "id", content_words);
}

static enum walk_act
enter_boilerplate(xmlNodePtr n, struct extract *x)
{
	struct einfo	*ei;
	int		 furniture, comment = 0;

	if ((ei = info_of(n)) == NULL)
		return WALK_SKIP;
	if (n == x->body || (ei->flags & EI_KEEP))
		return WALK_DESCEND;
	if (ei->flags & EI_SEMANTIC)
		furniture = name_in(n, furniture_tags);
	else
		furniture = name_in(n, furniture_tags) || is_hidden(n) ||
		    boilerplate_attr(n, &comment);
	if (!furniture)
		return WALK_DESCEND;
	if (!comment && ei->good * 2 > info_of(x->body)->good)
		return WALK_DESCEND;
	return WALK_REMOVE;
}

/* The element to extract, after the last measure. */
static xmlNodePtr
choose(struct extract *x)
{
	xmlNodePtr	 pick = NULL;
	double		 best = 0, score;
	size_t		 i, total;

	total = info_of(x->body)->good;
	for (i = 0; i < x->nsem; i++) {
		if (info_of(x->sem[i])->good * 2 <= total)
			continue;
		score = score_of(info_of(x->sem[i]));
		if (pick == NULL || score > best) {
			pick = x->sem[i];
			best = score;
		}
	}
	if (pick != NULL)
		return pick;
	if (x->best != NULL)
		return x->best;
	return x->body;
}

/* Whether an element or attribute name can be written back as it is. */
static int
valid_name(const xmlChar *s)
{
	if (s == NULL || *s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' ||
		    *s == ':' || *s == '.'))
			return 0;
	return 1;
}

static void
add_attr(struct extract *x, const char *name, const char *value)
{
	buf_addf(&x->out, " %s=\"", name);
	txt_add_xml(&x->out, value);
	buf_addc(&x->out, '"');
}

/*
 * Writes an element's start tag: event handlers, style and srcset are
 * left out; URLs are resolved; a lazy image's data-src stands in for a
 * missing or data: src.
 */
static enum walk_act
enter_dump(xmlNodePtr n, struct extract *x)
{
	xmlAttrPtr	 a;
	const char	*name;
	char		*v, *abs, *lazy = NULL;
	size_t		 i;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content != NULL)
			txt_add_xml(&x->out, (const char *)n->content);
		return WALK_SKIP;
	}
	if (n->type != XML_ELEMENT_NODE)
		return WALK_SKIP;
	if (n == x->body) {
		buf_adds(&x->out, "<div>");
		return WALK_DESCEND;
	}
	if (!valid_name(n->name))
		return WALK_DESCEND;

	buf_addf(&x->out, "<%s", (const char *)n->name);
	if (name_is(n, "img") && (lazy = attr_get(n, "data-src")) != NULL) {
		v = attr_get(n, "src");
		if (v != NULL && strncasecmp(v, "data:", 5) != 0) {
			xmlFree(lazy);
			lazy = NULL;
		}
		if (v != NULL)
			xmlFree(v);
	}
	for (a = n->properties; a != NULL; a = a->next) {
		name = (const char *)a->name;
		if (!valid_name(a->name) || strncasecmp(name, "on", 2) == 0 ||
		    strcasecmp(name, "style") == 0 ||
		    strcasecmp(name, "srcset") == 0)
			continue;
		if (lazy != NULL && (strcasecmp(name, "src") == 0 ||
		    strcasecmp(name, "data-src") == 0))
			continue;
		if ((v = (char *)xmlNodeGetContent((xmlNodePtr)a)) == NULL)
			v = (char *)xmlStrdup((const xmlChar *)"");
		for (i = 0; url_attrs[i] != NULL; i++)
			if (strcasecmp(name, url_attrs[i]) == 0)
				break;
		if (url_attrs[i] != NULL) {
			abs = uri_resolve(x->base, v);
			add_attr(x, name, abs);
			free(abs);
		} else
			add_attr(x, name, v);
		xmlFree(v);
	}
	if (lazy != NULL) {
		abs = uri_resolve(x->base, lazy);
		add_attr(x, "src", abs);
		free(abs);
		xmlFree(lazy);
	}
	buf_addc(&x->out, '>');
	return name_in(n, void_tags) ? WALK_SKIP : WALK_DESCEND;
}

static void
leave_dump(xmlNodePtr n, struct extract *x)
{
	if (n->type != XML_ELEMENT_NODE)
		return;
	if (n == x->body)
		buf_adds(&x->out, "</div>");
	else if (valid_name(n->name) && !name_in(n, void_tags))
		buf_addf(&x->out, "</%s>", (const char *)n->name);
}

char *
render_extract(const char *html, size_t len, const char *url, char **cause)
{
	struct extract	 x;
	xmlNodePtr	 root, n, pick;
	struct einfo	*ei;
	const char	*enc;
	char		 label[CHARSET_MAX], *result = NULL;

	memset(&x, 0, sizeof x);
	buf_init(&x.out, BUF_NOLIMIT);
	if (len > EXTRACT_INPUT_MAX)
		len = EXTRACT_INPUT_MAX;

	xmlInitParser();
	enc = sniff_charset(html, len, label, sizeof label);
	if (len > 0)
		x.doc = htmlReadMemory(html, (int)len, url, enc,
		    HTML_PARSE_NONET | HTML_PARSE_NOERROR |
		    HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER);
	if (x.doc == NULL || (root = xmlDocGetRootElement(x.doc)) == NULL)
		goto out;

	find_base(&x, root, url);
	walk(root, enter_dead, NULL, &x);
	for (x.body = root->children; x.body != NULL; x.body = x.body->next)
		if (name_is(x.body, "body"))
			break;
	if (x.body == NULL)
		x.body = root;

	walk(x.body, enter_count, NULL, &x);
	x.info = xcalloc(x.ninfo, sizeof *x.info);

	measure(&x);
	for (n = x.main; n != NULL && (ei = info_of(n)) != NULL;
	    n = n->parent) {
		ei->flags |= EI_KEEP;
		if (n == x.body)
			break;
	}
	walk(x.body, enter_boilerplate, NULL, &x);

	measure(&x);
	pick = choose(&x);
	if (info_of(pick)->text < MIN_TEXT)
		goto out;
	walk(pick, enter_dump, leave_dump, &x);
	result = buf_detach(&x.out);

out:
	if (result == NULL)
		/* TRANSLATORS: %s is the URL of a web page. */
		xasprintf(cause, _("%s: no article text found on the page"),
		    url != NULL ? url : "-");
	if (x.doc != NULL)
		xmlFreeDoc(x.doc);
	buf_free(&x.out);
	free(x.sem);
	free(x.info);
	free(x.base);
	return result;
}
