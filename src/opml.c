/*
 * opml.c owns OPML: importing OPML 1.0 and 2.0 subscription lists into the
 * feed list, and exporting the list as OPML 2.0.  Nesting is tags.
 *
 * Import: an <outline> with an xmlUrl (any case; or url on type="rss", as
 * some OPML 1.0 writers did) is a feed, titled by its title or else its
 * text attribute.  Every enclosing outline without a feed URL is a folder,
 * and each folder's title is one tag of the feeds inside it, outermost
 * first: News > Europe gives the tags "News" and "Europe".  The OPML 2.0
 * category attribute adds tags too: each comma-separated value, with one
 * leading '/' removed, is one tag ("/News/Europe" is the tag
 * "News/Europe").  A feed found again later in the same document keeps
 * its first entry and gains the tags of the later place, which is how
 * readers that export a feed once per folder write multiple tags.  The
 * tree is walked without recursion, however deep the document nests.
 *
 * Export: feeds are nested under one folder outline named after their
 * first tag; their other tags go into category ("/a,/b").  A tag with a
 * comma cannot be a category value, so such a feed is written once more
 * under a folder of that name, which import folds back in.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "buf.h"
#include "i18n.h"
#include "opml.h"
#include "txt.h"
#include "urls.h"
#include "xmalloc.h"

#define OPML_DOC_MAX	(64u * 1024 * 1024)	/* document bytes */
#define OPML_ATTR_MAX	(64u * 1024)		/* one attribute value */
#define OPML_TAGS_MAX	256			/* tags a feed */

/* One import. */
struct ictx {
	struct urls	*list;
	const char	*name;
	void		(*warn)(void *, const char *);
	void		*ud;
	struct urls_index index;
	size_t		 first;		/* entries before this one were there */
	int		 added;
	size_t		 dups;
	char		**folders;	/* titles of the enclosing elements */
	size_t		 depth;
	size_t		 cap;
};

/* One place a feed is written in an export. */
struct place {
	const char	*folder;	/* NULL: at the top level */
	size_t		 idx;		/* entry */
	int		 extra;		/* a copy for a tag with a comma */
};

struct group {
	size_t		 start;		/* first place */
	size_t		 n;
	size_t		 idx;		/* its first entry */
	int		 extra;
};

static int	 is_element(const xmlNode *, const char *);
static int	 attr_get(const xmlNode *, const char *, struct buf *);
static char	*attr_line(const xmlNode *, const char *);
static char	*outline_title(const xmlNode *);
static char	*feed_url(const xmlNode *);
static int	 url_ok(const char *);
static char	*label_of(const char *);
static void	 emit(struct ictx *, char *);
static int	 tag_add(char ***, size_t *, char *);
static int	 add_categories(const xmlNode *, char ***, size_t *);
static void	 import_feed(struct ictx *, const xmlNode *, char *);
static void	 walk(struct ictx *, xmlNode *);
static int	 place_cmp(const void *, const void *);
static int	 group_cmp(const void *, const void *);
static void	 add_feed(struct buf *, const struct urls_entry *, int, int);
static void	 add_date(struct buf *);

static int
is_element(const xmlNode *node, const char *name)
{
	return node->type == XML_ELEMENT_NODE &&
	    xmlStrcasecmp(node->name, (const xmlChar *)name) == 0;
}

/*
 * Puts the text of the attribute name (any case) into out, cut at
 * OPML_ATTR_MAX; returns whether the attribute is there.  Only text is
 * taken: references to entities the document declares are dropped, never
 * expanded.
 */
static int
attr_get(const xmlNode *node, const char *name, struct buf *out)
{
	const xmlAttr	*a;
	const xmlNode	*t;

	buf_reset(out);
	for (a = node->properties; a != NULL; a = a->next) {
		if (xmlStrcasecmp(a->name, (const xmlChar *)name) != 0)
			continue;
		for (t = a->children; t != NULL; t = t->next)
			if (t->type == XML_TEXT_NODE && t->content != NULL)
				buf_adds(out, (const char *)t->content);
		return 1;
	}
	return 0;
}

/* The attribute as one sanitised line, or NULL when absent or empty. */
static char *
attr_line(const xmlNode *node, const char *name)
{
	struct buf	 b;
	char		*s = NULL;

	buf_init(&b, OPML_ATTR_MAX);
	if (attr_get(node, name, &b)) {
		s = txt_sanitize(buf_str(&b), buf_len(&b), TXT_ONELINE);
		if (*s == '\0') {
			free(s);
			s = NULL;
		}
	}
	buf_free(&b);
	return s;
}

static char *
outline_title(const xmlNode *node)
{
	char	*s;

	if ((s = attr_line(node, "title")) == NULL)
		s = attr_line(node, "text");
	return s;
}

/* The feed URL of an outline, trimmed, or NULL when it is no feed. */
static char *
feed_url(const xmlNode *node)
{
	struct buf	 b;
	const char	*s;
	char		*url;
	size_t		 len;
	int		 found;

	buf_init(&b, OPML_ATTR_MAX + 1);
	found = attr_get(node, "xmlUrl", &b);
	if (!found) {
		found = attr_get(node, "type", &b) &&
		    strcasecmp(buf_str(&b), "rss") == 0 &&
		    attr_get(node, "url", &b);
	}
	s = buf_str(&b);
	len = buf_len(&b);
	while (len > 0 && strchr(" \t\r\n", *s) != NULL)
		s++, len--;
	while (len > 0 && strchr(" \t\r\n", s[len - 1]) != NULL)
		len--;
	if (!found || len == 0) {
		buf_free(&b);
		return NULL;
	}
	url = xstrndup(s, len);
	buf_free(&b);
	return url;
}

/*
 * The rules of the feed list: http, https or file, no blank, control or
 * bidi character, valid UTF-8, and not over the attribute cap.
 */
static int
url_ok(const char *url)
{
	static const char *const schemes[] = {
		"http://", "https://", "file://"
	};
	size_t	 i, n, len = strlen(url);

	if (len > OPML_ATTR_MAX || strchr(url, ' ') != NULL ||
	    !txt_is_clean(url, len, TXT_ONELINE))
		return 0;
	for (i = 0; i < sizeof schemes / sizeof *schemes; i++) {
		n = strlen(schemes[i]);
		if (len > n && strncasecmp(url, schemes[i], n) == 0)
			return 1;
	}
	return 0;
}

/* A title or URL cut short enough for a message, sanitised. */
static char *
label_of(const char *s)
{
	size_t	 len = strlen(s);

	if (len > 200) {
		len = 200;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
	}
	return txt_sanitize(s, len, TXT_ONELINE);
}

/* Hands a warning (taken over) to the caller's function. */
static void
emit(struct ictx *ic, char *msg)
{
	if (ic->warn != NULL)
		ic->warn(ic->ud, msg);
	free(msg);
}

/*
 * Adds tag (taken over) to tags unless it is there; returns -1 when the
 * list is full (tag freed), else 0.
 */
static int
tag_add(char ***tags, size_t *ntags, char *tag)
{
	size_t	 i;

	for (i = 0; i < *ntags; i++) {
		if (strcmp((*tags)[i], tag) == 0) {
			free(tag);
			return 0;
		}
	}
	if (*ntags >= OPML_TAGS_MAX) {
		free(tag);
		return -1;
	}
	*tags = xreallocarray(*tags, *ntags + 1, sizeof **tags);
	(*tags)[(*ntags)++] = tag;
	return 0;
}

/*
 * Adds the values of the category attribute as tags; returns -1 when
 * they did not all fit.
 */
static int
add_categories(const xmlNode *node, char ***tags, size_t *ntags)
{
	struct buf	 b;
	const char	*s, *end, *comma;
	size_t		 len;
	char		*tag;
	int		 rc = 0;

	buf_init(&b, OPML_ATTR_MAX);
	if (!attr_get(node, "category", &b)) {
		buf_free(&b);
		return 0;
	}
	s = buf_str(&b);
	end = s + buf_len(&b);
	for (; s < end; s = comma + 1) {
		if ((comma = memchr(s, ',', (size_t)(end - s))) == NULL)
			comma = end;
		len = (size_t)(comma - s);
		while (len > 0 && strchr(" \t\r\n", *s) != NULL)
			s++, len--;
		if (len > 0 && *s == '/')
			s++, len--;
		tag = txt_sanitize(s, len, TXT_ONELINE);
		if (*tag == '\0')
			free(tag);
		else if ((rc = tag_add(tags, ntags, tag)) != 0)
			break;
	}
	buf_free(&b);
	return rc;
}

/* Imports the feed outline node, whose URL is url (taken over). */
static void
import_feed(struct ictx *ic, const xmlNode *node, char *url)
{
	struct urls_entry	*e;
	char			*title, **tags = NULL, *label, *msg;
	size_t			 ntags = 0, i, found;
	long			 line = xmlGetLineNo(node);
	int			 full = 0;

	title = outline_title(node);
	if (title != NULL && strcmp(title, url) == 0) {
		free(title);	/* written for readers that need a text */
		title = NULL;
	}
	label = label_of(title != NULL ? title : url);

	if (urls_is_command(url)) {
		/* TRANSLATORS: %1$s is a file name, %2$ld a line number in
		   it, %3$s the title of an entry of the imported list. */
		xasprintf(&msg, _("%1$s:%2$ld: refused \"%3$s\": tidings "
		    "never runs commands from a feed list"), ic->name, line,
		    label);
		emit(ic, msg);
		goto out;
	}
	if (!url_ok(url)) {
		/* TRANSLATORS: %1$s is a file name, %2$ld a line number in
		   it, %3$s the title of an entry of the imported list. */
		xasprintf(&msg, _("%1$s:%2$ld: \"%3$s\" is not an http, "
		    "https or file URL; skipped"), ic->name, line, label);
		emit(ic, msg);
		goto out;
	}

	for (i = 0; i < ic->depth && !full; i++)
		if (ic->folders[i] != NULL)
			full = tag_add(&tags, &ntags,
			    xstrdup(ic->folders[i])) != 0;
	if (!full)
		full = add_categories(node, &tags, &ntags) != 0;

	if ((found = urls_index_find(&ic->index, ic->list, url)) != 0) {
		ic->dups++;
		if (found - 1 < ic->first)
			goto out;	/* the user's entry stays as it is */
		e = &ic->list->entries[found - 1];
		for (i = 0; i < ntags; i++) {
			if (tag_add(&e->tags, &e->ntags, tags[i]) != 0)
				full = 1;
			tags[i] = NULL;
		}
		goto out;
	}

	ic->list->entries = xreallocarray(ic->list->entries, ic->list->n + 1,
	    sizeof *ic->list->entries);
	e = &ic->list->entries[ic->list->n];
	e->url = url;
	e->title = title;
	e->tags = tags;
	e->ntags = ntags;
	urls_index_add(&ic->index, ic->list, ic->list->n++);
	ic->added++;
	url = title = NULL;
	tags = NULL;
	ntags = 0;

out:
	if (full) {
		/* TRANSLATORS: %1$s is a file name, %2$ld a line number in
		   it, %3$s the title of a feed, %4$d the most tags a feed
		   can have. */
		xasprintf(&msg, _("%1$s:%2$ld: \"%3$s\" has more than %4$d "
		    "tags; the rest were dropped"), ic->name, line, label,
		    OPML_TAGS_MAX);
		emit(ic, msg);
	}
	for (i = 0; i < ntags; i++)
		free(tags[i]);
	free(tags);
	free(title);
	free(label);
	free(url);
}

/*
 * Visits every element under body in document order, keeping the titles
 * of the enclosing folders in ic->folders: a loop over the next, children
 * and parent links, with no recursion.
 */
static void
walk(struct ictx *ic, xmlNode *body)
{
	xmlNode	*node = body->children;
	char	*url, *folder;

	while (node != NULL) {
		if (node->type == XML_ELEMENT_NODE) {
			folder = NULL;
			if (is_element(node, "outline")) {
				if ((url = feed_url(node)) != NULL)
					import_feed(ic, node, url);
				else
					folder = outline_title(node);
			}
			if (node->children != NULL) {
				if (ic->depth == ic->cap) {
					ic->cap = ic->cap == 0 ? 16 :
					    ic->cap * 2;
					ic->folders = xreallocarray(
					    ic->folders, ic->cap,
					    sizeof *ic->folders);
				}
				ic->folders[ic->depth++] = folder;
				node = node->children;
				continue;
			}
			free(folder);
		}
		while (node->next == NULL) {
			node = node->parent;
			if (node == body)
				return;
			free(ic->folders[--ic->depth]);
		}
		node = node->next;
	}
}

int
opml_import(struct urls *list, const char *data, size_t len,
    const char *name, void (*warn)(void *, const char *), void *ud,
    size_t *dups, char **cause)
{
	struct ictx	 ic;
	xmlParserCtxt	*ctxt;
	xmlDoc		*doc = NULL;
	xmlNode		*root, *body = NULL;
	xmlError	*err;
	char		*msg;
	size_t		 i;
	int		 rc = -1;

	if (dups != NULL)
		*dups = 0;
	memset(&ic, 0, sizeof ic);
	ic.list = list;
	ic.name = name;
	ic.warn = warn;
	ic.ud = ud;
	ic.first = list->n;

	if (len > OPML_DOC_MAX) {
		if (cause != NULL) {
			/* TRANSLATORS: %s is a file name. */
			xasprintf(cause, _("%s: the OPML document is larger "
			    "than 64 MiB"), name);
		}
		return -1;
	}
	if ((ctxt = xmlNewParserCtxt()) == NULL)
		goto notopml;
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, name, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	    XML_PARSE_RECOVER | XML_PARSE_BIG_LINES);
	if (doc == NULL || (root = xmlDocGetRootElement(doc)) == NULL ||
	    !is_element(root, "opml"))
		goto notopml;
	for (body = root->children; body != NULL; body = body->next)
		if (is_element(body, "body"))
			break;
	if (body == NULL)
		goto notopml;
	if (!ctxt->wellFormed) {
		err = xmlCtxtGetLastError(ctxt);
		/* TRANSLATORS: %1$s is a file name, %2$d a line number in
		   it. */
		xasprintf(&msg, _("%1$s:%2$d: the OPML document is not "
		    "well-formed; some feeds may be missing"), name,
		    err != NULL ? err->line : 0);
		emit(&ic, msg);
	}

	for (i = 0; i < list->n; i++)
		if (urls_index_find(&ic.index, list, list->entries[i].url) == 0)
			urls_index_add(&ic.index, list, i);
	walk(&ic, body);
	rc = ic.added;
	if (dups != NULL)
		*dups = ic.dups;
	goto out;

notopml:
	if (cause != NULL) {
		/* TRANSLATORS: %s is a file name. */
		xasprintf(cause, _("%s: not an OPML document"), name);
	}
out:
	while (ic.depth > 0)
		free(ic.folders[--ic.depth]);
	free(ic.folders);
	urls_index_free(&ic.index);
	xmlFreeDoc(doc);
	if (ctxt != NULL)
		xmlFreeParserCtxt(ctxt);
	return rc;
}

/* Export. */

static int
place_cmp(const void *a, const void *b)
{
	const struct place	*p = a, *q = b;
	int			 c;

	if (p->extra != q->extra)
		return p->extra - q->extra;
	if (p->folder != NULL && q->folder != NULL &&
	    (c = strcmp(p->folder, q->folder)) != 0)
		return c;
	if ((p->folder == NULL) != (q->folder == NULL))
		return p->folder == NULL ? -1 : 1;
	return p->idx < q->idx ? -1 : p->idx > q->idx;
}

static int
group_cmp(const void *a, const void *b)
{
	const struct group	*g = a, *h = b;

	if (g->extra != h->extra)
		return g->extra - h->extra;
	return g->idx < h->idx ? -1 : g->idx > h->idx;
}

/* Appends a feed outline; the first copy carries the category. */
static void
add_feed(struct buf *b, const struct urls_entry *e, int indent, int extra)
{
	size_t	 j;
	int	 any = 0;

	buf_addf(b, "%*s<outline type=\"rss\" text=\"", indent * 2, "");
	txt_add_xml(b, e->title != NULL ? e->title : e->url);
	if (e->title != NULL) {
		buf_adds(b, "\" title=\"");
		txt_add_xml(b, e->title);
	}
	buf_adds(b, "\" xmlUrl=\"");
	txt_add_xml(b, e->url);
	buf_addc(b, '"');
	for (j = 1; j < e->ntags && !extra; j++) {
		if (strchr(e->tags[j], ',') != NULL || *e->tags[j] == '\0')
			continue;
		buf_adds(b, any ? ",/" : " category=\"/");
		txt_add_xml(b, e->tags[j]);
		any = 1;
	}
	buf_adds(b, any ? "\"/>\n" : "/>\n");
}

/* Appends the current time as an RFC 822 date, whatever the locale. */
static void
add_date(struct buf *b)
{
	static const char *const days[] = {
		"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
	};
	static const char *const months[] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
	};
	time_t		 now = time(NULL);
	struct tm	 tm;

	if (gmtime_r(&now, &tm) == NULL)
		return;
	buf_addf(b, "%s, %02d %s %04d %02d:%02d:%02d GMT",
	    days[tm.tm_wday % 7], tm.tm_mday, months[tm.tm_mon % 12],
	    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

char *
opml_export(const struct urls *list, const char *title)
{
	const struct urls_entry	*e;
	struct buf		 b;
	struct place		*places = NULL;
	struct group		*groups = NULL;
	size_t			 np = 0, ng = 0, i, j, k;
	int			 seen;

	for (i = 0; i < list->n; i++) {
		e = &list->entries[i];
		places = xreallocarray(places, np + 1, sizeof *places);
		places[np].folder = e->ntags > 0 ? e->tags[0] : NULL;
		places[np].idx = i;
		places[np++].extra = 0;
		for (j = 1; j < e->ntags; j++) {
			if (strchr(e->tags[j], ',') == NULL)
				continue;
			for (seen = 0, k = 0; k < j && !seen; k++)
				seen = strcmp(e->tags[k], e->tags[j]) == 0;
			if (seen)
				continue;
			places = xreallocarray(places, np + 1,
			    sizeof *places);
			places[np].folder = e->tags[j];
			places[np].idx = i;
			places[np++].extra = 1;
		}
	}
	if (np > 0)
		qsort(places, np, sizeof *places, place_cmp);
	for (i = 0; i < np; i = j) {
		for (j = i + 1; j < np && places[i].folder != NULL &&
		    places[j].folder != NULL &&
		    places[j].extra == places[i].extra &&
		    strcmp(places[j].folder, places[i].folder) == 0; j++)
			;
		groups = xreallocarray(groups, ng + 1, sizeof *groups);
		groups[ng].start = i;
		groups[ng].n = j - i;
		groups[ng].idx = places[i].idx;
		groups[ng++].extra = places[i].extra;
	}
	if (ng > 0)
		qsort(groups, ng, sizeof *groups, group_cmp);

	buf_init(&b, BUF_NOLIMIT);
	buf_adds(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<opml version=\"2.0\">\n  <head>\n    <title>");
	txt_add_xml(&b, title != NULL ? title : "tidings");
	buf_adds(&b, "</title>\n    <dateCreated>");
	add_date(&b);
	buf_adds(&b, "</dateCreated>\n  </head>\n  <body>\n");
	for (i = 0; i < ng; i++) {
		const struct place	*p = &places[groups[i].start];

		if (p->folder == NULL) {
			add_feed(&b, &list->entries[p->idx], 2, 0);
			continue;
		}
		buf_adds(&b, "    <outline text=\"");
		txt_add_xml(&b, p->folder);
		buf_adds(&b, "\" title=\"");
		txt_add_xml(&b, p->folder);
		buf_adds(&b, "\">\n");
		for (j = 0; j < groups[i].n; j++)
			add_feed(&b, &list->entries[p[j].idx], 3, p[j].extra);
		buf_adds(&b, "    </outline>\n");
	}
	buf_adds(&b, "  </body>\n</opml>\n");
	free(places);
	free(groups);
	return buf_detach(&b);
}
