/*
 * parse-atom.c owns Atom 1.0 and 0.3: entries, text constructs (text, html
 * and xhtml; 0.3's escaped and xml modes), links by relation, authors and
 * categories.  Atom elements inside RSS (atom:link) come here too.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "parse.h"
#include "parse-int.h"

static void	atom_link(struct pstate *, const struct pelem *);

static int
is(const struct pelem *e, const char *name)
{
	return strcmp(e->name, name) == 0;
}

/* How the text construct e is to be read. */
enum pmode
atom_text_mode(const struct pelem *e)
{
	const char	*type, *mode;
	size_t		 tlen = 0, mlen = 0;
	int		 html = 0, xhtml = 0, text = 0;

	type = pelem_attr(e, NS_NONE, "type", &tlen);
	if (type == NULL || tlen == 0 ||
	    (tlen == 4 && strncasecmp(type, "text", 4) == 0))
		text = 1;
	else if (tlen == 4 && strncasecmp(type, "html", 4) == 0)
		html = 1;
	else if (tlen == 5 && strncasecmp(type, "xhtml", 5) == 0)
		xhtml = 1;
	else if (tlen == 9 && strncasecmp(type, "text/html", 9) == 0)
		html = 1;
	else if (tlen == 21 && strncasecmp(type, "application/xhtml+xml",
	    21) == 0)
		xhtml = 1;
	else if (tlen > 5 && strncasecmp(type, "text/", 5) == 0)
		text = 1;
	else if (e->ns == NS_ATOM10)
		return MODE_SKIP;	/* base64 of some other media type */

	if (e->ns == NS_ATOM03) {
		mode = pelem_attr(e, NS_NONE, "mode", &mlen);
		if (mode != NULL && mlen == 6 &&
		    strncasecmp(mode, "base64", 6) == 0)
			return MODE_SKIP;
		if (mode != NULL && mlen == 7 &&
		    strncasecmp(mode, "escaped", 7) == 0)
			return text ? MODE_TEXT : MODE_HTML;
		/* mode="xml", the default: inline markup. */
		return html || xhtml ? MODE_XHTML : MODE_TEXT;
	}
	if (html)
		return MODE_HTML;
	if (xhtml)
		return MODE_XHTML;
	return MODE_TEXT;
}

void
atom_start(struct pstate *st, const struct pelem *e)
{
	struct feed	*f = st->feed;
	struct item	*it;
	char		**author;
	char		*v;

	if (st->item < 0 && st->in_feed && is(e, "entry") &&
	    e->depth == st->feed_depth + 1) {
		pstate_begin_item(st, e);
		return;
	}
	author = st->item >= 0 ? &pstate_item(st)->author : &f->author;
	if (st->author_depth != 0) {
		if (e->depth == st->author_depth + 1 && is(e, "name"))
			capture_str(st, e, CAP_LINE, MODE_TEXT, author, NULL);
		return;
	}
	if (is(e, "link") && (at_item_level(st, e) || at_feed_level(st, e))) {
		atom_link(st, e);
		return;
	}
	if (at_item_level(st, e)) {
		it = pstate_item(st);
		if (is(e, "title"))
			capture_str(st, e, CAP_LINE, atom_text_mode(e),
			    &it->title, NULL);
		else if (is(e, "id"))
			capture_str(st, e, CAP_LINE, MODE_TEXT, &it->id, NULL);
		else if (is(e, "updated") || is(e, "modified"))
			capture_date(st, e, &it->updated);
		else if (is(e, "published") || is(e, "issued") ||
		    is(e, "created"))
			capture_date(st, e, &it->published);
		else if (is(e, "summary"))
			capture_str(st, e, CAP_TEXT, atom_text_mode(e),
			    &it->summary, &it->summary_html);
		else if (is(e, "content") && pelem_attr(e, NS_NONE, "src",
		    &(size_t){0}) == NULL)
			capture_str(st, e, CAP_TEXT, atom_text_mode(e),
			    &it->content, &it->content_html);
		else if (is(e, "author"))
			st->author_depth = e->depth;
		else if (is(e, "category")) {
			v = pelem_attr_dup(st, e, NS_NONE, "term");
			if (v == NULL || *v == '\0') {
				free(v);
				v = pelem_attr_dup(st, e, NS_NONE, "label");
			}
			if (v != NULL && *v != '\0')
				pstate_add_category(it, v);
			else
				free(v);
		} else if (is(e, "source") || is(e, "contributor"))
			st->skip_depth = e->depth;
		return;
	}
	if (!at_feed_level(st, e))
		return;
	if (is(e, "title"))
		capture_str(st, e, CAP_LINE, atom_text_mode(e), &f->title, NULL);
	else if (is(e, "subtitle") || is(e, "tagline"))
		capture_str(st, e, CAP_LINE, atom_text_mode(e), &f->description,
		    NULL);
	else if (is(e, "updated") || is(e, "modified"))
		capture_date(st, e, &f->updated);
	else if (is(e, "author"))
		st->author_depth = e->depth;
	else if (is(e, "contributor"))
		st->skip_depth = e->depth;
}

void
atom_end(struct pstate *st, const struct pelem *e)
{
	if (st->author_depth != 0 && e->depth == st->author_depth) {
		st->author_depth = 0;
		return;
	}
	if (st->item >= 0 && e->depth == st->item_depth && is(e, "entry"))
		pstate_end_item(st);
	else if (st->in_feed && e->depth == st->feed_depth && is(e, "feed"))
		st->in_feed = 0;
}

/* atom:link, in Atom or RSS: rel decides what it is (alternate by default). */
static void
atom_link(struct pstate *st, const struct pelem *e)
{
	struct item	*it = pstate_item(st);
	char		*href, *url, **slot;
	const char	*len;
	size_t		 lenlen = 0;

	enum { LINK_NONE, LINK_ALTERNATE, LINK_ENCLOSURE, LINK_SELF } kind;

	/*
	 * What the link is for comes first: resolving costs the length of
	 * the base, and a feed may repeat links that are left out.
	 */
	slot = it != NULL ? &it->link : &st->feed->link;
	if (pelem_attr(e, NS_NONE, "rel", &lenlen) == NULL ||
	    pelem_attr_is(e, NS_NONE, "rel", "alternate"))
		kind = *slot == NULL ? LINK_ALTERNATE : LINK_NONE;
	else if (pelem_attr_is(e, NS_NONE, "rel", "enclosure") && it != NULL)
		kind = it->nenclosures < PARSE_LIST_MAX ? LINK_ENCLOSURE :
		    LINK_NONE;
	else if (pelem_attr_is(e, NS_NONE, "rel", "self") && it == NULL)
		kind = st->feed->self == NULL ? LINK_SELF : LINK_NONE;
	else
		kind = LINK_NONE;
	if (kind == LINK_NONE ||
	    (href = pelem_attr_dup(st, e, NS_NONE, "href")) == NULL)
		return;
	url = pstate_resolve(st, href);
	free(href);
	switch (kind) {
	case LINK_ALTERNATE:
		*slot = url;
		break;
	case LINK_ENCLOSURE:
		len = pelem_attr(e, NS_NONE, "length", &lenlen);
		pstate_add_enclosure(it, url, pelem_attr_dup(st, e, NS_NONE,
		    "type"), len, lenlen);
		break;
	case LINK_SELF:
		st->feed->self = url;
		break;
	case LINK_NONE:
		free(url);
		break;
	}
}
