/*
 * parse-rss.c owns RSS 0.90 to 0.94, 1.0 (RDF) and 2.0, and the extensions
 * that appear in any feed: Dublin Core (dc, dcterms), content:encoded,
 * syndication (sy), Media RSS and iTunes.  It only decides which element
 * fills which field; parse.c does the reading.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "parse.h"
#include "parse-int.h"

static void	rss_core(struct pstate *, const struct pelem *);
static void	rss_dc(struct pstate *, const struct pelem *, int);
static void	rss_media(struct pstate *, const struct pelem *);
static void	rss_itunes(struct pstate *, const struct pelem *);
static void	rss_enclosure(struct pstate *, const struct pelem *,
		    const char *, const char *);

static int
is(const struct pelem *e, const char *name)
{
	return strcmp(e->name, name) == 0;
}

void
rss_start(struct pstate *st, const struct pelem *e)
{
	switch (e->ns) {
	case NS_NONE:
	case NS_RSS10:
	case NS_RSS090:
		rss_core(st, e);
		break;
	case NS_DC:
		rss_dc(st, e, 0);
		break;
	case NS_DCTERMS:
		rss_dc(st, e, 1);
		break;
	case NS_CONTENT:
		if (at_item_level(st, e) && is(e, "encoded"))
			capture_str(st, e, CAP_TEXT, MODE_HTML,
			    &pstate_item(st)->content,
			    &pstate_item(st)->content_html);
		break;
	case NS_MEDIA:
		rss_media(st, e);
		break;
	case NS_ITUNES:
		rss_itunes(st, e);
		break;
	case NS_SY:
		if (!at_feed_level(st, e))
			break;
		if (is(e, "updatePeriod"))
			capture(st, e, CAP_SY_PERIOD, MODE_TEXT);
		else if (is(e, "updateFrequency"))
			capture(st, e, CAP_SY_FREQ, MODE_TEXT);
		break;
	default:
		break;
	}
}

void
rss_end(struct pstate *st, const struct pelem *e)
{
	if (e->ns == NS_MEDIA && e->depth == st->group_depth)
		st->group_depth = 0;
	if (e->ns != NS_NONE && e->ns != NS_RSS10 && e->ns != NS_RSS090)
		return;
	if (st->item >= 0 && e->depth == st->item_depth && is(e, "item"))
		pstate_end_item(st);
	else if (st->in_feed && e->depth == st->feed_depth &&
	    is(e, "channel"))
		st->in_feed = 0;
}

static void
rss_core(struct pstate *st, const struct pelem *e)
{
	struct feed	*f = st->feed;
	struct item	*it;

	if (st->item < 0 && is(e, "channel")) {
		st->in_feed = 1;
		st->feed_depth = e->depth;
		if (e->ns == NS_RSS090 && f->format == FEED_RSS10)
			f->format = FEED_RSS09X;
		return;
	}
	if (st->item < 0 && is(e, "item")) {
		if (pstate_begin_item(st, e) == 0)
			pstate_item(st)->id = pelem_attr_dup(st, e, NS_RDF,
			    "about");
		return;
	}
	if (st->item < 0 && (is(e, "image") || is(e, "textinput") ||
	    is(e, "textInput"))) {
		st->skip_depth = e->depth;	/* its title is not ours */
		return;
	}
	if (at_item_level(st, e)) {
		it = pstate_item(st);
		if (is(e, "title"))
			capture_str(st, e, CAP_LINE, MODE_TEXT, &it->title,
			    NULL);
		else if (is(e, "link"))
			capture_str(st, e, CAP_LINK, MODE_TEXT, &it->link,
			    NULL);
		else if (is(e, "description"))
			capture_str(st, e, CAP_TEXT, MODE_HTML, &it->summary,
			    &it->summary_html);
		else if (is(e, "guid")) {
			capture(st, e, CAP_GUID, MODE_TEXT);
			st->cap.permalink = !pelem_attr_is(e, NS_NONE,
			    "isPermaLink", "false");
		} else if (is(e, "author"))
			capture_str(st, e, CAP_LINE, MODE_TEXT, &it->author,
			    NULL);
		else if (is(e, "category"))
			capture(st, e, CAP_CATEGORY, MODE_TEXT);
		else if (is(e, "comments"))
			capture_str(st, e, CAP_LINK, MODE_TEXT, &it->comments,
			    NULL);
		else if (is(e, "pubDate"))
			capture_date(st, e, &it->published);
		else if (is(e, "enclosure"))
			rss_enclosure(st, e, "url", "length");
		else if (is(e, "source"))
			st->skip_depth = e->depth;
		return;
	}
	if (!at_feed_level(st, e))
		return;
	if (is(e, "title"))
		capture_str(st, e, CAP_LINE, MODE_TEXT, &f->title, NULL);
	else if (is(e, "link"))
		capture_str(st, e, CAP_LINK, MODE_TEXT, &f->link, NULL);
	else if (is(e, "description"))
		capture_str(st, e, CAP_LINE, MODE_TEXT, &f->description, NULL);
	else if (is(e, "language"))
		capture_str(st, e, CAP_LINE, MODE_TEXT, &f->language, NULL);
	else if (is(e, "lastBuildDate"))
		capture_date(st, e, &f->updated);
	else if (is(e, "pubDate"))
		capture_str(st, e, CAP_LINE, MODE_TEXT, &st->rss_pubdate,
		    NULL);
	else if (is(e, "ttl"))
		capture(st, e, CAP_TTL, MODE_TEXT);
	else if (is(e, "managingEditor"))
		capture_str(st, e, CAP_LINE, MODE_TEXT, &f->author, NULL);
}

/* Dublin Core; terms is 1 for the dcterms namespace. */
static void
rss_dc(struct pstate *st, const struct pelem *e, int terms)
{
	struct feed	*f = st->feed;
	struct item	*it;

	if (at_item_level(st, e)) {
		it = pstate_item(st);
		if (terms) {
			if (is(e, "modified"))
				capture_date(st, e, &it->updated);
			else if (is(e, "issued") || is(e, "created"))
				capture_date(st, e, &it->published);
			return;
		}
		if (is(e, "title"))
			capture_str(st, e, CAP_LINE, MODE_TEXT, &it->title,
			    NULL);
		else if (is(e, "creator"))
			capture_str(st, e, CAP_LINE, MODE_TEXT, &it->author,
			    NULL);
		else if (is(e, "date"))
			capture_date(st, e, &it->published);
		else if (is(e, "subject"))
			capture(st, e, CAP_CATEGORY, MODE_TEXT);
		else if (is(e, "description"))
			capture_str(st, e, CAP_TEXT, MODE_TEXT, &it->summary,
			    &it->summary_html);
		else if (is(e, "identifier"))
			capture_str(st, e, CAP_LINE, MODE_TEXT, &it->id, NULL);
		return;
	}
	if (!at_feed_level(st, e))
		return;
	if (terms) {
		if (is(e, "modified"))
			capture_date(st, e, &f->updated);
		return;
	}
	if (is(e, "title"))
		capture_str(st, e, CAP_LINE, MODE_TEXT, &f->title, NULL);
	else if (is(e, "date"))
		capture_date(st, e, &f->updated);
	else if (is(e, "language"))
		capture_str(st, e, CAP_LINE, MODE_TEXT, &f->language, NULL);
	else if (is(e, "creator") || is(e, "publisher"))
		capture_str(st, e, CAP_LINE, MODE_TEXT, &f->author, NULL);
	else if (is(e, "description"))
		capture_str(st, e, CAP_LINE, MODE_TEXT, &f->description, NULL);
}

static void
rss_media(struct pstate *st, const struct pelem *e)
{
	struct item	*it = pstate_item(st);
	int		 direct;

	if (it == NULL)
		return;
	/* Media elements count directly in the item or in a media:group. */
	direct = at_item_level(st, e) ||
	    (st->group_depth != 0 && e->depth == st->group_depth + 1);
	if (is(e, "group") && at_item_level(st, e))
		st->group_depth = e->depth;
	else if (is(e, "content") && direct)
		rss_enclosure(st, e, "url", "fileSize");
	else if (is(e, "thumbnail") && it->thumbnail == NULL)
		it->thumbnail = pelem_attr_dup(st, e, NS_NONE, "url");
	else if (is(e, "description") && direct)
		capture_str(st, e, CAP_TEXT, pelem_attr_is(e, NS_NONE, "type",
		    "html") ? MODE_HTML : MODE_TEXT, &it->summary,
		    &it->summary_html);
}

static void
rss_itunes(struct pstate *st, const struct pelem *e)
{
	struct item	*it;

	if (at_item_level(st, e)) {
		it = pstate_item(st);
		if (is(e, "author"))
			capture_str(st, e, CAP_LINE, MODE_TEXT, &it->author,
			    NULL);
		else if (is(e, "summary"))
			capture_str(st, e, CAP_TEXT, MODE_TEXT, &it->summary,
			    &it->summary_html);
		else if (is(e, "duration"))
			capture(st, e, CAP_DURATION, MODE_TEXT);
		else if (is(e, "image") && it->thumbnail == NULL)
			it->thumbnail = pelem_attr_dup(st, e, NS_NONE, "href");
		return;
	}
	if (!at_feed_level(st, e))
		return;
	if (is(e, "author"))
		capture_str(st, e, CAP_LINE, MODE_TEXT, &st->feed->author,
		    NULL);
	else if (is(e, "summary"))
		capture_str(st, e, CAP_LINE, MODE_TEXT, &st->feed->description,
		    NULL);
}

/* RSS enclosure and media:content: a URL, a type and a size. */
static void
rss_enclosure(struct pstate *st, const struct pelem *e, const char *urlattr,
    const char *lenattr)
{
	struct item	*it = pstate_item(st);
	char		*v, *url;
	const char	*len;
	size_t		 lenlen = 0;

	/* Resolving costs the base's length: none for one left out. */
	if (it == NULL || it->nenclosures >= PARSE_LIST_MAX ||
	    (v = pelem_attr_dup(st, e, NS_NONE, urlattr)) == NULL)
		return;
	url = pstate_resolve(st, v);
	free(v);
	len = pelem_attr(e, NS_NONE, lenattr, &lenlen);
	pstate_add_enclosure(it, url,
	    pelem_attr_dup(st, e, NS_NONE, "type"), len, lenlen);
}
