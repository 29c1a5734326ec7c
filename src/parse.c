/*
 * parse.c owns the libxml2 side of feed parsing: a SAX2 push parser with no
 * network, no file access and no DTD loading; our own entity resolution
 * (HTML names, bounded expansion of the document's declarations); the
 * capture of element text into model fields; the xml:base stack; and the
 * public parse_* API.  The format handlers (parse-rss.c, parse-atom.c)
 * decide which element fills which field.
 *
 * libxml2 2.9 in recovery mode drops every entity reference once it has
 * seen a well-formedness error, so recovered feeds would lose their "&amp;"s.
 * All named references therefore come to entity_get (XML_PARSE_OLDSAX puts
 * even the predefined five there), which notes the error for the result
 * and lets libxml2 carry on as if the document were still well-formed.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/HTMLparser.h>
#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "buf.h"
#include "date.h"
#include "feed.h"
#include "i18n.h"
#include "log.h"
#include "parse-int.h"
#include "parse.h"
#include "txt.h"
#include "uri.h"
#include "xmalloc.h"

#define ENTITY_ONE_MAX	(64u * 1024)	/* one declared entity, expanded */
#define READ_CHUNK	(64u * 1024)

struct pentity {
	xmlEntity	 ent;		/* what libxml2 is handed */
	char		*name;		/* ent.name, which is const there */
	int		 html;		/* an HTML name, not declared */
	struct pentity	*next;
};

struct parser {
	struct pstate	 st;
	xmlSAXHandler	 sax;
};

static xmlParserInputPtr deny_loader(const char *, const char *,
		    xmlParserCtxtPtr);
static void	 silent_error(void *, const char *, ...);
static enum pns	 ns_classify(const xmlChar *, const xmlChar *);
static unsigned	 entity_hash(const char *);
static struct pentity *entity_find(struct pstate *, const char *);
static struct pentity *entity_add(struct pstate *, const char *,
		    const char *, size_t, int);
static const char *entity_text(struct pstate *, const char *, size_t *);
static void	 entity_expand(struct pstate *, const char *, size_t,
		    struct buf *, int);
static xmlEntityPtr on_get_entity(void *, const xmlChar *);
static void	 on_entity_decl(void *, const xmlChar *, int,
		    const xmlChar *, const xmlChar *, xmlChar *);
static void	 on_start(void *, const xmlChar *, const xmlChar *,
		    const xmlChar *, int, const xmlChar **, int, int,
		    const xmlChar **);
static void	 on_end(void *, const xmlChar *, const xmlChar *,
		    const xmlChar *);
static void	 on_chars(void *, const xmlChar *, int);
static void	 restore_ampersand(struct pstate *);
static void	 on_error(void *, xmlErrorPtr);
static void	 root_start(struct pstate *, const struct pelem *);
static void	 base_push(struct pstate *, const struct pelem *);
static void	 base_pop(struct pstate *);
static void	 escape_markup(struct buf *, const char *, size_t, int);
static void	 capture_child_start(struct pstate *, const struct pelem *);
static void	 capture_child_end(struct pstate *, const char *);
static void	 capture_finish(struct pstate *);
static char	*finish_line(const char *, size_t, enum pmode);
static int64_t	 parse_duration(const char *);
static void	 pstate_finish_feed(struct pstate *);
static int	 is_void_element(const char *);

static const struct {
	const char	*uri;
	enum pns	 ns;
} ns_table[] = {
	{ "http://purl.org/rss/1.0/", NS_RSS10 },
	{ "http://my.netscape.com/rdf/simple/0.9/", NS_RSS090 },
	{ "http://www.w3.org/2005/Atom", NS_ATOM10 },
	{ "http://purl.org/atom/ns#", NS_ATOM03 },
	{ "http://www.w3.org/1999/02/22-rdf-syntax-ns#", NS_RDF },
	{ "http://purl.org/dc/elements/1.1/", NS_DC },
	{ "http://purl.org/dc/terms/", NS_DCTERMS },
	{ "http://purl.org/rss/1.0/modules/content/", NS_CONTENT },
	{ "http://search.yahoo.com/mrss/", NS_MEDIA },
	{ "http://search.yahoo.com/mrss", NS_MEDIA },
	{ "http://www.itunes.com/dtds/podcast-1.0.dtd", NS_ITUNES },
	{ "http://purl.org/rss/1.0/modules/syndication/", NS_SY },
	{ "http://www.w3.org/1999/xhtml", NS_XHTML },
	{ "http://www.w3.org/XML/1998/namespace", NS_XML },
	/* RSS 2.0 put in a namespace by some generators. */
	{ "http://backend.userland.com/rss2", NS_NONE },
	{ "http://blogs.law.harvard.edu/tech/rss", NS_NONE },
};

/* Prefixes used without a declaration, as broken feeds do. */
static const struct {
	const char	*prefix;
	enum pns	 ns;
} prefix_table[] = {
	{ "dc", NS_DC },
	{ "dcterms", NS_DCTERMS },
	{ "content", NS_CONTENT },
	{ "media", NS_MEDIA },
	{ "itunes", NS_ITUNES },
	{ "atom", NS_ATOM10 },
	{ "sy", NS_SY },
	{ "rdf", NS_RDF },
};

static xmlParserInputPtr
deny_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

static void
silent_error(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

void
parse_init(void)
{
	xmlInitParser();
	xmlSetExternalEntityLoader(deny_loader);
	xmlSetGenericErrorFunc(NULL, silent_error);
	xmlSetStructuredErrorFunc(NULL, NULL);
}

void
parse_cleanup(void)
{
	xmlCleanupParser();
}

static enum pns
ns_classify(const xmlChar *uri, const xmlChar *prefix)
{
	size_t	 i;

	if (uri == NULL) {
		if (prefix == NULL)
			return NS_NONE;
		for (i = 0; i < sizeof prefix_table / sizeof *prefix_table; i++)
			if (strcmp((const char *)prefix,
			    prefix_table[i].prefix) == 0)
				return prefix_table[i].ns;
		return NS_OTHER;
	}
	for (i = 0; i < sizeof ns_table / sizeof *ns_table; i++)
		if (strcmp((const char *)uri, ns_table[i].uri) == 0)
			return ns_table[i].ns;
	if (strcasecmp((const char *)uri,
	    "http://www.itunes.com/dtds/podcast-1.0.dtd") == 0)
		return NS_ITUNES;
	return NS_OTHER;
}

/* Entities. */

static unsigned
entity_hash(const char *name)
{
	unsigned	 h = 5381;

	while (*name != '\0')
		h = h * 33 + (unsigned char)*name++;
	return h % (sizeof ((struct pstate *)0)->entities /
	    sizeof (struct pentity *));
}

static struct pentity *
entity_find(struct pstate *st, const char *name)
{
	struct pentity	*pe;

	for (pe = st->entities[entity_hash(name)]; pe != NULL; pe = pe->next)
		if (strcmp((const char *)pe->ent.name, name) == 0)
			return pe;
	return NULL;
}

static struct pentity *
entity_add(struct pstate *st, const char *name, const char *text,
    size_t len, int html)
{
	struct pentity	*pe;
	unsigned	 h = entity_hash(name);

	pe = xcalloc(1, sizeof *pe);
	pe->ent.type = XML_ENTITY_DECL;
	pe->name = xstrdup(name);
	pe->ent.name = (const xmlChar *)pe->name;
	pe->ent.content = (xmlChar *)xstrndup(text, len);
	pe->ent.length = (int)len;
	pe->ent.etype = XML_INTERNAL_PREDEFINED_ENTITY;
	pe->ent.checked = 2;	/* libxml2 must not parse it again */
	pe->html = html;
	pe->next = st->entities[h];
	st->entities[h] = pe;
	return pe;
}

/*
 * The replacement text of a named entity that is not one of XML's five:
 * the document's own declaration, else the HTML name.  NULL if unknown.
 */
static const char *
entity_text(struct pstate *st, const char *name, size_t *len)
{
	struct pentity		*pe;
	const htmlEntityDesc	*h;
	char			 tmp[4];

	if ((pe = entity_find(st, name)) == NULL) {
		if ((h = htmlEntityLookup((const xmlChar *)name)) == NULL)
			return NULL;
		pe = entity_add(st, name, tmp, txt_utf8_encode(h->value, tmp),
		    1);
	}
	if (pe->html && !st->ctxt->hasExternalSubset &&
	    !st->ctxt->hasPErefs) {
		/* Undeclared: not well-formed XML, though we know the name. */
		st->illformed = 1;
		if (st->warning == NULL) {
			char	*what;

			/* TRANSLATORS: %s is an entity name such as "eacute". */
			xasprintf(&what, _("undefined entity &%s;"), name);
			pstate_problem(st, what);
			free(what);
		}
	}
	*len = (size_t)pe->ent.length;
	return (const char *)pe->ent.content;
}

/*
 * Expands a declared entity's value into plain text: character and entity
 * references decoded, markup dropped, within the expansion budget.
 */
static void
entity_expand(struct pstate *st, const char *s, size_t len, struct buf *out,
    int depth)
{
	const char	*end = s + len, *semi, *val;
	char		 name[64];
	size_t		 n, vlen;
	xmlEntityPtr	 pre;

	while (s < end && !buf_toobig(out)) {
		if (*s == '<') {
			while (s < end && *s != '>')
				s++;
			s++;
			continue;
		}
		if (*s != '&' || (semi = memchr(s, ';', (size_t)(end - s))) ==
		    NULL || (n = (size_t)(semi - s - 1)) == 0 ||
		    n >= sizeof name) {
			buf_addc(out, *s++);
			continue;
		}
		memcpy(name, s + 1, n);
		name[n] = '\0';
		s = semi + 1;
		if (name[0] == '#') {
			char	 ref[sizeof name + 3], *t;

			snprintf(ref, sizeof ref, "&%s;", name);
			t = parse_html_to_text(ref, strlen(ref));
			buf_adds(out, t);
			free(t);
			continue;
		}
		if ((pre = xmlGetPredefinedEntity((const xmlChar *)name)) !=
		    NULL) {
			buf_adds(out, (const char *)pre->content);
			continue;
		}
		if (depth < 8 &&
		    (val = entity_text(st, name, &vlen)) != NULL)
			buf_add(out, val, vlen);
	}
}

static xmlEntityPtr
on_get_entity(void *ctx, const xmlChar *xname)
{
	struct pstate	*st = ctx;
	xmlEntityPtr	 pre;
	struct pentity	*pe;
	const char	*name = (const char *)xname;
	size_t		 len;

	if (!st->ctxt->wellFormed) {
		/* Keep references expanding after a recovered error. */
		st->illformed = 1;
		st->ctxt->wellFormed = 1;
	}
	if ((pre = xmlGetPredefinedEntity(xname)) != NULL)
		return pre;
	if (entity_text(st, name, &len) == NULL)
		return NULL;
	pe = entity_find(st, name);
	if (st->entity_bytes + len > PARSE_ENTITY_MAX) {
		if (!st->entity_capped)
			pstate_problem(st, _("too many entity expansions"));
		st->entity_capped = 1;
		st->illformed = 1;
		return NULL;
	}
	st->entity_bytes += len;
	/*
	 * In content libxml2 hands a predefined entity's whole text to the
	 * characters callback; in an attribute it would copy one byte, so
	 * there the reference is left as "&name;" for pelem_attr_dup.
	 */
	pe->ent.etype = st->ctxt->instate == XML_PARSER_CONTENT ?
	    XML_INTERNAL_PREDEFINED_ENTITY : XML_INTERNAL_GENERAL_ENTITY;
	return &pe->ent;
}

static void
on_entity_decl(void *ctx, const xmlChar *name, int type,
    const xmlChar *public_id, const xmlChar *system_id, xmlChar *content)
{
	struct pstate	*st = ctx;
	struct buf	 b;
	size_t		 room;

	(void)public_id;
	(void)system_id;
	if (type != XML_INTERNAL_GENERAL_ENTITY || content == NULL ||
	    entity_find(st, (const char *)name) != NULL)
		return;		/* external ones are never loaded */
	room = PARSE_ENTITY_MAX - st->entity_bytes;
	buf_init(&b, room < ENTITY_ONE_MAX ? room : ENTITY_ONE_MAX);
	entity_expand(st, (const char *)content, strlen((char *)content), &b,
	    0);
	if (buf_toobig(&b)) {
		pstate_problem(st, _("an entity declaration expands too far"));
		st->illformed = 1;
	}
	st->entity_bytes += buf_len(&b);
	entity_add(st, (const char *)name, buf_str(&b), buf_len(&b), 0);
	buf_free(&b);
}

/* Elements. */

static void
on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
    int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	struct pstate	*st = ctx;
	struct pelem	 e;

	(void)nb_namespaces;
	(void)namespaces;
	(void)nb_defaulted;
	st->depth++;
	e.ns = ns_classify(uri, prefix);
	e.name = (const char *)localname;
	e.attrs = (const char **)attributes;
	e.nattrs = nb_attributes;
	e.depth = st->depth;
	if (nb_attributes > 0)
		base_push(st, &e);
	if (st->cap.active) {
		capture_child_start(st, &e);
		return;
	}
	if (st->skip_depth != 0)
		return;
	if (st->depth == 1) {
		root_start(st, &e);
		return;
	}
	if (e.ns == NS_ATOM10 || e.ns == NS_ATOM03)
		atom_start(st, &e);
	else
		rss_start(st, &e);
}

static void
on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri)
{
	struct pstate	*st = ctx;
	struct pelem	 e;

	memset(&e, 0, sizeof e);
	e.ns = ns_classify(uri, prefix);
	e.name = (const char *)localname;
	e.depth = st->depth;
	if (st->cap.active) {
		if (st->depth == st->cap.depth)
			capture_finish(st);
		else
			capture_child_end(st, e.name);
	} else if (st->skip_depth == 0) {
		if (e.ns == NS_ATOM10 || e.ns == NS_ATOM03)
			atom_end(st, &e);
		else
			rss_end(st, &e);
	}
	if (st->skip_depth == st->depth)
		st->skip_depth = 0;
	if (st->nbases > 0 && st->bases[st->nbases - 1].depth == st->depth)
		base_pop(st);
	st->depth--;
}

static void
on_chars(void *ctx, const xmlChar *s, int len)
{
	struct pstate	*st = ctx;

	if (!st->cap.active || st->cap.mode == MODE_SKIP)
		return;
	if (st->cap.mode == MODE_XHTML)
		escape_markup(&st->text, (const char *)s, (size_t)len, 0);
	else
		buf_add(&st->text, s, (size_t)len);
}

/*
 * A bare "&" in text ("?a=1&b=2") is an error libxml2 recovers from by
 * dropping the "&b" it consumed.  Those bytes are still in its input
 * buffer, just behind the cursor, so the captured text gets them back.
 */
static void
restore_ampersand(struct pstate *st)
{
	const xmlChar	*cur, *p, *base;

	if (!st->cap.active || st->cap.mode == MODE_SKIP ||
	    st->ctxt->instate != XML_PARSER_CONTENT ||
	    st->ctxt->input == NULL || st->ctxt->input->cur == NULL)
		return;
	cur = st->ctxt->input->cur;
	base = st->ctxt->input->base;
	for (p = cur; p > base && cur - p < 64; p--) {
		if (p[-1] == '&')
			break;
		if (strchr(" \t\r\n<>;\"'", p[-1]) != NULL)
			return;
	}
	if (p == base || p[-1] != '&')
		return;
	p--;
	if (st->cap.mode == MODE_XHTML)
		escape_markup(&st->text, (const char *)p, (size_t)(cur - p), 0);
	else
		buf_add(&st->text, p, (size_t)(cur - p));
}

static void
on_error(void *ctx, xmlErrorPtr err)
{
	struct pstate	*st = ctx;
	char		*msg, *p;

	if (err == NULL || err->level != XML_ERR_FATAL)
		return;		/* warnings and namespace errors */
	/*
	 * libxml2 calls the first reference to an external parameter entity
	 * it did not load a fatal error; XML 1.0 (4.1, WFC: Entity Declared)
	 * does not, for a document that references parameter entities.
	 */
	if (err->code == XML_ERR_UNDECLARED_ENTITY && err->message != NULL &&
	    strncmp(err->message, "PEReference", 11) == 0)
		return;
	st->illformed = 1;
	if (err->code == XML_ERR_ENTITYREF_SEMICOL_MISSING ||
	    err->code == XML_ERR_NAME_REQUIRED)
		restore_ampersand(st);
	if (st->warning != NULL)
		return;
	msg = xstrdup(err->message != NULL ? err->message : "?");
	if ((p = strchr(msg, '\n')) != NULL)
		*p = '\0';
	p = txt_sanitize(msg, strlen(msg), TXT_ONELINE);
	/* TRANSLATORS: %1$s is a file or URL, %2$d a line, %3$s libxml2's
	   own (English) description of the problem. */
	xasprintf(&st->warning, _("%1$s:%2$d: not well-formed XML: %3$s"),
	    st->name, err->line, p);
	free(p);
	free(msg);
}

static void
root_start(struct pstate *st, const struct pelem *e)
{
	size_t	 len;
	const char *v;

	st->root_seen = 1;
	st->root_lang = pelem_attr_dup(st, e, NS_XML, "lang");
	if (e->ns == NS_NONE && strcmp(e->name, "rss") == 0) {
		v = pelem_attr(e, NS_NONE, "version", &len);
		if (v != NULL && len >= 3 && strncmp(v, "0.9", 3) == 0)
			st->feed->format = FEED_RSS09X;
		else
			st->feed->format = FEED_RSS20;
		return;
	}
	if (e->ns == NS_RDF && strcmp(e->name, "RDF") == 0) {
		st->feed->format = FEED_RSS10;	/* 0.90 is told by channel */
		return;
	}
	if ((e->ns == NS_ATOM10 || e->ns == NS_ATOM03) &&
	    strcmp(e->name, "feed") == 0) {
		st->feed->format = e->ns == NS_ATOM10 ? FEED_ATOM10 :
		    FEED_ATOM03;
		st->in_feed = 1;
		st->feed_depth = e->depth;
		return;
	}
	if ((e->ns == NS_ATOM10 || e->ns == NS_ATOM03) &&
	    strcmp(e->name, "entry") == 0) {
		/* A lone Atom entry document: a feed of one. */
		st->feed->format = e->ns == NS_ATOM10 ? FEED_ATOM10 :
		    FEED_ATOM03;
		pstate_begin_item(st, e);
		return;
	}
	if (e->ns == NS_NONE && strcmp(e->name, "channel") == 0) {
		st->feed->format = FEED_RSS09X;
		rss_start(st, e);
		return;
	}
	st->not_feed = 1;
	st->root_name = txt_sanitize(e->name, strlen(e->name), TXT_ONELINE);
	st->skip_depth = 1;
}

/* xml:base. */

static void
base_push(struct pstate *st, const struct pelem *e)
{
	char	*v, *abs;

	if ((v = pelem_attr_dup(st, e, NS_XML, "base")) == NULL)
		return;
	abs = pstate_resolve(st, v);
	free(v);
	if (abs == NULL)
		return;		/* the parent's base stays */
	if (st->nbases == st->basecap) {
		st->basecap = st->basecap == 0 ? 8 : st->basecap * 2;
		st->bases = xreallocarray(st->bases, st->basecap,
		    sizeof *st->bases);
	}
	st->bases[st->nbases].depth = e->depth;
	st->bases[st->nbases].uri = abs;
	st->nbases++;
}

static void
base_pop(struct pstate *st)
{
	free(st->bases[--st->nbases].uri);
}

char *
pstate_resolve(struct pstate *st, const char *ref)
{
	const char	*base = st->url;
	char		*abs;

	if (st->nbases > 0)
		base = st->bases[st->nbases - 1].uri;
	abs = uri_resolve(base, ref);
	if (strlen(abs) > PARSE_LINE_MAX) {
		/* Nested xml:base could otherwise grow URLs without end. */
		pstate_problem(st, _("a URL is too long and was left out"));
		free(abs);
		return NULL;
	}
	return abs;
}

/* Attributes. */

const char *
pelem_attr(const struct pelem *e, enum pns ns, const char *name,
    size_t *len)
{
	const char	**a;
	int		  i;
	enum pns	  ans;

	for (i = 0; i < e->nattrs; i++) {
		a = e->attrs + i * 5;
		if (strcmp(a[0], name) != 0)
			continue;
		ans = a[2] == NULL ? NS_NONE :
		    ns_classify((const xmlChar *)a[2], NULL);
		if (ans != ns && !(ns == NS_NONE && ans == e->ns))
			continue;
		*len = (size_t)(a[4] - a[3]);
		return a[3];
	}
	return NULL;
}

int
pelem_attr_is(const struct pelem *e, enum pns ns, const char *name,
    const char *value)
{
	const char	*v;
	size_t		 len;

	if ((v = pelem_attr(e, ns, name, &len)) == NULL)
		return 0;
	while (len > 0 && (*v == ' ' || *v == '\t' || *v == '\n'))
		v++, len--;
	while (len > 0 && (v[len - 1] == ' ' || v[len - 1] == '\t' ||
	    v[len - 1] == '\n'))
		len--;
	return strlen(value) == len && strncasecmp(v, value, len) == 0;
}

/*
 * Without entity replacement libxml2 hands attribute values with "&" as
 * "&#38;" and our entities as "&name;"; both are decoded here.
 */
char *
pelem_attr_dup(struct pstate *st, const struct pelem *e, enum pns ns,
    const char *name)
{
	const char	*v, *end, *semi, *val;
	char		 ename[64], *out;
	struct buf	 b;
	size_t		 len, n, vlen;

	if ((v = pelem_attr(e, ns, name, &len)) == NULL)
		return NULL;
	end = v + len;
	buf_init(&b, PARSE_LINE_MAX);
	while (v < end) {
		if (*v == '&' && end - v >= 5 && strncmp(v, "&#38;", 5) == 0) {
			buf_addc(&b, '&');
			v += 5;
			continue;
		}
		if (*v == '&' && (semi = memchr(v, ';', (size_t)(end - v))) !=
		    NULL && (n = (size_t)(semi - v - 1)) > 0 &&
		    n < sizeof ename) {
			memcpy(ename, v + 1, n);
			ename[n] = '\0';
			if ((val = entity_text(st, ename, &vlen)) != NULL) {
				buf_add(&b, val, vlen);
				v = semi + 1;
				continue;
			}
		}
		buf_addc(&b, *v++);
	}
	out = txt_sanitize(buf_str(&b), buf_len(&b), TXT_ONELINE);
	buf_free(&b);
	return out;
}

/* Capture of element text. */

void
capture(struct pstate *st, const struct pelem *e, enum pkind kind,
    enum pmode mode)
{
	memset(&st->cap, 0, sizeof st->cap);
	st->cap.active = 1;
	st->cap.depth = e->depth;
	st->cap.kind = kind;
	st->cap.mode = mode;
	buf_reset(&st->text);
	buf_set_limit(&st->text, kind == CAP_TEXT ? PARSE_TEXT_MAX :
	    PARSE_LINE_MAX);
}

void
capture_str(struct pstate *st, const struct pelem *e, enum pkind kind,
    enum pmode mode, char **str, int *html)
{
	if (*str != NULL)
		return;		/* the first one wins */
	capture(st, e, kind, mode);
	st->cap.str = str;
	st->cap.html = html;
}

void
capture_date(struct pstate *st, const struct pelem *e, int64_t *date)
{
	if (*date != FEED_NOTIME)
		return;
	capture(st, e, CAP_DATE, MODE_TEXT);
	st->cap.date = date;
}

/* Appends s escaped for markup; quotes too when in an attribute. */
static void
escape_markup(struct buf *b, const char *s, size_t len, int attr)
{
	size_t	 i, run = 0;
	const char *rep;

	for (i = 0; i < len; i++) {
		switch (s[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = attr ? "&quot;" : NULL;
			break;
		default:
			rep = NULL;
			break;
		}
		if (rep == NULL)
			continue;
		buf_add(b, s + run, i - run);
		buf_adds(b, rep);
		run = i + 1;
	}
	buf_add(b, s + run, len - run);
}

static int
is_void_element(const char *name)
{
	static const char *const voids[] = {
		"area", "base", "br", "col", "embed", "hr", "img", "input",
		"link", "meta", "param", "source", "track", "wbr"
	};
	size_t	 i;

	for (i = 0; i < sizeof voids / sizeof *voids; i++)
		if (strcmp(name, voids[i]) == 0)
			return 1;
	return 0;
}

/* A child element inside captured text: markup is kept as markup. */
static void
capture_child_start(struct pstate *st, const struct pelem *e)
{
	struct pcapture	*c = &st->cap;
	char		*text, *v;
	int		 i;
	size_t		 n;

	if (c->mode == MODE_SKIP)
		return;
	if (c->mode == MODE_TEXT) {
		if (c->kind != CAP_TEXT)
			return;		/* one-line fields keep the text */
		/* Raw XHTML inside an RSS description: becomes markup. */
		text = xstrndup(buf_str(&st->text), buf_len(&st->text));
		buf_reset(&st->text);
		escape_markup(&st->text, text, strlen(text), 0);
		free(text);
		c->mode = MODE_XHTML;
	}
	if (c->mode == MODE_XHTML && c->wrapper == 0 &&
	    e->depth == c->depth + 1 && strcmp(e->name, "div") == 0 &&
	    strspn(buf_str(&st->text), " \t\r\n") == buf_len(&st->text)) {
		c->wrapper = e->depth;	/* Atom's xhtml div is not content */
		return;
	}
	buf_addc(&st->text, '<');
	buf_adds(&st->text, e->name);
	for (i = 0; i < e->nattrs; i++) {
		n = strlen(e->attrs[i * 5]);
		buf_addc(&st->text, ' ');
		buf_add(&st->text, e->attrs[i * 5], n);
		buf_adds(&st->text, "=\"");
		v = pelem_attr_dup(st, e, NS_OTHER, e->attrs[i * 5]);
		if (v == NULL)
			v = pelem_attr_dup(st, e, NS_NONE, e->attrs[i * 5]);
		if (v != NULL)
			escape_markup(&st->text, v, strlen(v), 1);
		free(v);
		buf_addc(&st->text, '"');
	}
	buf_adds(&st->text, is_void_element(e->name) ? " />" : ">");
}

static void
capture_child_end(struct pstate *st, const char *name)
{
	struct pcapture	*c = &st->cap;

	if (c->mode == MODE_TEXT || c->mode == MODE_SKIP)
		return;
	if (c->wrapper == st->depth) {
		c->wrapper = -1;
		return;
	}
	if (is_void_element(name))
		return;
	buf_adds(&st->text, "</");
	buf_adds(&st->text, name);
	buf_addc(&st->text, '>');
}

/* One-line text: markup stripped when the field is typed as HTML. */
static char *
finish_line(const char *s, size_t len, enum pmode mode)
{
	char	*plain, *out;

	if (mode == MODE_HTML || mode == MODE_XHTML) {
		plain = parse_html_to_text(s, len);
		out = txt_sanitize(plain, strlen(plain), TXT_ONELINE);
		free(plain);
	} else
		out = txt_sanitize(s, len, TXT_ONELINE);
	if (*out == '\0') {
		free(out);
		return NULL;
	}
	return out;
}

/* itunes:duration: "SS", "MM:SS" or "HH:MM:SS"; -1 when unreadable. */
static int64_t
parse_duration(const char *s)
{
	int64_t	 total = 0, part;
	int	 parts = 0;

	if (s == NULL || *s == '\0')
		return -1;
	for (;;) {
		if (*s < '0' || *s > '9')
			return -1;
		for (part = 0; *s >= '0' && *s <= '9'; s++) {
			if (part > 1000000000)
				return -1;
			part = part * 10 + (*s - '0');
		}
		total = total * 60 + part;
		if (++parts > 3 || total > INT32_MAX)
			return -1;
		if (*s == '\0')
			return total;
		if (*s++ != ':')
			return -1;
	}
}

static void
capture_finish(struct pstate *st)
{
	struct pcapture	*c = &st->cap;
	struct item	*it = pstate_item(st);
	const char	*s = buf_str(&st->text);
	size_t		 len = buf_len(&st->text);
	char		*v = NULL;
	long		 n;

	if (buf_toobig(&st->text))
		pstate_problem(st, _("a field is too long and was cut"));
	c->active = 0;
	if (c->mode == MODE_SKIP)
		return;
	switch (c->kind) {
	case CAP_LINE:
		if (*c->str == NULL)
			*c->str = finish_line(s, len, c->mode);
		break;
	case CAP_LINK:
		if (*c->str == NULL && (v = finish_line(s, len, MODE_TEXT)))
			*c->str = pstate_resolve(st, v);
		break;
	case CAP_TEXT:
		if (*c->str != NULL)
			break;
		/* Long texts are usually clean: keep them without a copy. */
		if (txt_is_clean(s, len, TXT_TRIM))
			v = buf_detach(&st->text);
		else
			v = txt_sanitize(s, len, TXT_TRIM);
		if (*v != '\0') {
			*c->str = v;
			v = NULL;
			if (c->html != NULL)
				*c->html = c->mode != MODE_TEXT;
		}
		break;
	case CAP_DATE:
		if (*c->date == FEED_NOTIME && (v = finish_line(s, len,
		    MODE_TEXT)) != NULL)
			*c->date = date_parse(v);
		break;
	case CAP_CATEGORY:
		if (it != NULL && (v = finish_line(s, len, MODE_TEXT)) != NULL) {
			pstate_add_category(it, v);
			v = NULL;
		}
		break;
	case CAP_GUID:
		if (it == NULL || (v = finish_line(s, len, MODE_TEXT)) == NULL)
			break;
		if (c->permalink && st->guid_link == NULL)
			st->guid_link = pstate_resolve(st, v);
		if (it->id == NULL) {
			it->id = v;
			v = NULL;
		}
		break;
	case CAP_TTL:
		v = finish_line(s, len, MODE_TEXT);
		if (v != NULL && (n = strtol(v, NULL, 10)) > 0 && n < INT_MAX)
			st->feed->ttl = (int)n;
		break;
	case CAP_SY_PERIOD:
		v = finish_line(s, len, MODE_TEXT);
		if (v == NULL)
			break;
		if (strcmp(v, "hourly") == 0)
			st->sy_minutes = 60;
		else if (strcmp(v, "daily") == 0)
			st->sy_minutes = 24 * 60;
		else if (strcmp(v, "weekly") == 0)
			st->sy_minutes = 7 * 24 * 60;
		else if (strcmp(v, "monthly") == 0)
			st->sy_minutes = 30 * 24 * 60;
		else if (strcmp(v, "yearly") == 0)
			st->sy_minutes = 365 * 24 * 60;
		break;
	case CAP_SY_FREQ:
		v = finish_line(s, len, MODE_TEXT);
		if (v != NULL && (n = strtol(v, NULL, 10)) > 0 && n < 100000)
			st->sy_freq = (int)n;
		break;
	case CAP_DURATION:
		v = finish_line(s, len, MODE_TEXT);
		if (it != NULL && it->duration < 0)
			it->duration = parse_duration(v);
		break;
	}
	free(v);
	buf_reset(&st->text);
}

/* The model. */

struct item *
pstate_item(struct pstate *st)
{
	return st->item < 0 ? NULL : &st->feed->items[st->item];
}

int
pstate_begin_item(struct pstate *st, const struct pelem *e)
{
	if (st->feed->nitems >= PARSE_ITEMS_MAX) {
		if (!st->items_capped)
			pstate_problem(st, _("too many articles; the rest "
			    "were left out"));
		st->items_capped = 1;
		st->skip_depth = e->depth;
		return -1;
	}
	feed_add_item(st->feed);
	st->item = (long)st->feed->nitems - 1;
	st->item_depth = e->depth;
	return 0;
}

void
pstate_end_item(struct pstate *st)
{
	struct item	*it = pstate_item(st);

	if (it != NULL && it->link == NULL && st->guid_link != NULL) {
		it->link = st->guid_link;
		st->guid_link = NULL;
	}
	free(st->guid_link);
	st->guid_link = NULL;
	st->item = -1;
	st->item_depth = 0;
	st->author_depth = 0;
	st->group_depth = 0;
}

void
pstate_add_enclosure(struct item *it, char *url, char *type,
    const char *length, size_t lenlen)
{
	struct enclosure	*enc;
	size_t			 i;
	int64_t			 n = -1;

	if (url == NULL || *url == '\0' || it->nenclosures >= PARSE_LIST_MAX)
		goto drop;
	for (i = 0; i < it->nenclosures; i++)
		if (strcmp(it->enclosures[i].url, url) == 0)
			goto drop;
	if (length != NULL) {
		while (lenlen > 0 && (*length == ' ' || *length == '\t'))
			length++, lenlen--;
		for (i = 0; i < lenlen && length[i] >= '0' &&
		    length[i] <= '9' && i < 18; i++)
			n = (n < 0 ? 0 : n * 10) + (length[i] - '0');
		if (i == 0)
			n = -1;
	}
	it->enclosures = xreallocarray(it->enclosures, it->nenclosures + 1,
	    sizeof *it->enclosures);
	enc = &it->enclosures[it->nenclosures++];
	enc->url = url;
	enc->type = type != NULL && *type != '\0' ? type : NULL;
	if (enc->type == NULL)
		free(type);
	enc->length = n;
	return;
drop:
	free(url);
	free(type);
}

void
pstate_add_category(struct item *it, char *cat)
{
	size_t	 i;

	if (it->ncategories >= PARSE_LIST_MAX) {
		free(cat);
		return;
	}
	for (i = 0; i < it->ncategories; i++) {
		if (strcmp(it->categories[i], cat) == 0) {
			free(cat);
			return;
		}
	}
	it->categories = xreallocarray(it->categories, it->ncategories + 1,
	    sizeof *it->categories);
	it->categories[it->ncategories++] = cat;
}

void
pstate_problem(struct pstate *st, const char *what)
{
	int	 line = 0;

	if (st->warning != NULL)
		return;
	if (st->ctxt != NULL)
		line = xmlSAX2GetLineNumber(st->ctxt);
	xasprintf(&st->warning, "%s:%d: %s", st->name, line, what);
}

/* Fallbacks that need the whole document. */
static void
pstate_finish_feed(struct pstate *st)
{
	struct feed	*f = st->feed;
	size_t		 i;

	if (st->item >= 0)
		pstate_end_item(st);
	if (f->updated == FEED_NOTIME && st->rss_pubdate != NULL)
		f->updated = date_parse(st->rss_pubdate);
	if (f->ttl < 0 && st->sy_minutes > 0)
		f->ttl = st->sy_minutes / (st->sy_freq > 0 ? st->sy_freq : 1);
	if (f->format == FEED_ATOM10 || f->format == FEED_ATOM03) {
		/* Atom entries without an author inherit the feed's. */
		for (i = 0; f->author != NULL && i < f->nitems; i++)
			if (f->items[i].author == NULL)
				f->items[i].author = xstrdup(f->author);
	}
	if (f->language == NULL && st->root_lang != NULL &&
	    *st->root_lang != '\0') {
		f->language = st->root_lang;
		st->root_lang = NULL;
	}
}

/* The API. */

struct parser *
parse_new(const char *name, const char *base, const char *charset)
{
	struct parser		*p;
	struct pstate		*st;
	xmlCharEncodingHandlerPtr enc;

	p = xcalloc(1, sizeof *p);
	st = &p->st;
	st->feed = feed_new();
	st->name = xstrdup(name != NULL ? name : "-");
	st->url = base != NULL ? xstrdup(base) : NULL;
	st->item = -1;
	buf_init(&st->text, PARSE_LINE_MAX);
	input_init(st, charset);

	p->sax.initialized = XML_SAX2_MAGIC;
	p->sax.startElementNs = on_start;
	p->sax.endElementNs = on_end;
	p->sax.characters = on_chars;
	p->sax.cdataBlock = on_chars;
	p->sax.getEntity = on_get_entity;
	p->sax.entityDecl = on_entity_decl;
	p->sax.serror = on_error;
	st->ctxt = xmlCreatePushParserCtxt(&p->sax, st, NULL, 0, st->name);
	if (st->ctxt == NULL)
		fatalx("xmlCreatePushParserCtxt failed");
	/* Never NOENT, DTDLOAD, DTDVALID, XINCLUDE or HUGE. */
	xmlCtxtUseOptions(st->ctxt, XML_PARSE_RECOVER | XML_PARSE_NONET |
	    XML_PARSE_OLDSAX | XML_PARSE_NOWARNING);
	if (charset != NULL &&
	    (enc = xmlFindCharEncodingHandler(charset)) != NULL)
		xmlSwitchToEncoding(st->ctxt, enc);
	return p;
}

int
parse_push(struct parser *p, const char *data, size_t len)
{
	struct pstate	*st = &p->st;

	if (st->stopped)
		return -1;
	if (len > PARSE_DOC_MAX - st->doc_bytes) {
		pstate_problem(st, _("the document is too large"));
		st->illformed = 1;
		/* What came before the cap is read all the same. */
		input_finish(st);
		st->stopped = 1;
		xmlStopParser(st->ctxt);
		return -1;
	}
	st->doc_bytes += len;
	input_push(st, data, len);
	return 0;
}

struct feed *
parse_finish(struct parser *p, char **cause, char **warning)
{
	struct pstate	*st = &p->st;
	struct feed	*f;

	if (cause != NULL)
		*cause = NULL;
	if (warning != NULL)
		*warning = NULL;
	if (!st->stopped) {
		input_finish(st);
		xmlParseChunk(st->ctxt, NULL, 0, 1);
	}
	if (!st->root_seen || st->not_feed) {
		if (cause == NULL)
			return NULL;
		if (st->not_feed)
			/* TRANSLATORS: %2$s is an XML element name. */
			xasprintf(cause, _("%1$s: not an RSS or Atom feed "
			    "(the document is <%2$s>)"), st->name,
			    st->root_name);
		else if (st->doc_bytes == 0)
			xasprintf(cause, _("%s: the document is empty"),
			    st->name);
		else if (st->warning != NULL) {
			*cause = st->warning;
			st->warning = NULL;
		} else
			xasprintf(cause, _("%s: not an RSS or Atom feed"),
			    st->name);
		return NULL;
	}
	pstate_finish_feed(st);
	f = st->feed;
	st->feed = NULL;
	f->wellformed = !st->illformed;
	if (warning != NULL) {
		*warning = st->warning;
		st->warning = NULL;
	}
	return f;
}

void
parse_free(struct parser *p)
{
	struct pstate	*st;
	struct pentity	*pe, *next;
	size_t		 i;

	if (p == NULL)
		return;
	st = &p->st;
	if (st->ctxt != NULL) {
		/* libxml2 keeps declared entities in a doc of its own. */
		if (st->ctxt->myDoc != NULL)
			xmlFreeDoc(st->ctxt->myDoc);
		xmlFreeParserCtxt(st->ctxt);
	}
	for (i = 0; i < sizeof st->entities / sizeof *st->entities; i++) {
		for (pe = st->entities[i]; pe != NULL; pe = next) {
			next = pe->next;
			free(pe->name);
			free(pe->ent.content);
			/* libxml2 hangs a declaration's source text here. */
			if (pe->ent.orig != NULL)
				xmlFree(pe->ent.orig);
			free(pe);
		}
	}
	while (st->nbases > 0)
		base_pop(st);
	free(st->bases);
	feed_free(st->feed);
	buf_free(&st->text);
	input_free(st);
	free(st->name);
	free(st->url);
	free(st->root_name);
	free(st->root_lang);
	free(st->guid_link);
	free(st->rss_pubdate);
	free(st->warning);
	free(p);
}

struct feed *
parse_memory(const char *data, size_t len, const char *name,
    const char *base, char **cause, char **warning)
{
	struct parser	*p;
	struct feed	*f;

	p = parse_new(name, base, NULL);
	parse_push(p, data, len);
	f = parse_finish(p, cause, warning);
	parse_free(p);
	return f;
}

struct feed *
parse_fd(int fd, const char *name, const char *base, char **cause,
    char **warning)
{
	struct parser	*p;
	struct feed	*f;
	char		*chunk;
	ssize_t		 n;

	p = parse_new(name, base, NULL);
	chunk = xmalloc(READ_CHUNK);
	for (;;) {
		n = read(fd, chunk, READ_CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			xasprintf(cause, _("%s: cannot read: %s"), name,
			    strerror(errno));
			free(chunk);
			parse_free(p);
			if (warning != NULL)
				*warning = NULL;
			return NULL;
		}
		if (n == 0 || parse_push(p, chunk, (size_t)n) != 0)
			break;
	}
	free(chunk);
	f = parse_finish(p, cause, warning);
	parse_free(p);
	return f;
}
