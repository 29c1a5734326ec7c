/*
 * Internals shared by parse.c (libxml2 plumbing, capture, entities) and the
 * format handlers in parse-rss.c and parse-atom.c.  Not for other modules.
 */
#ifndef TIDINGS_PARSE_INT_H
#define TIDINGS_PARSE_INT_H

#include <libxml/parser.h>

#include "buf.h"
#include "feed.h"

/* Namespaces tidings understands, classified once per element. */
enum pns {
	NS_NONE,	/* no namespace: RSS 0.9x and 2.0 */
	NS_RSS10,
	NS_RSS090,
	NS_ATOM10,
	NS_ATOM03,
	NS_RDF,
	NS_DC,
	NS_DCTERMS,
	NS_CONTENT,
	NS_MEDIA,
	NS_ITUNES,
	NS_SY,
	NS_XHTML,
	NS_XML,
	NS_OTHER
};

/* How captured text is to be read. */
enum pmode {
	MODE_TEXT,	/* plain text */
	MODE_HTML,	/* escaped HTML: the text is markup */
	MODE_XHTML,	/* inline XHTML: child elements are serialised */
	MODE_SKIP	/* base64 and other unreadable content */
};

/* What a finished capture is stored as. */
enum pkind {
	CAP_LINE,	/* one-line text into *str */
	CAP_LINK,	/* a URL resolved against xml:base into *str */
	CAP_TEXT,	/* multi-line text or markup into *str, *html */
	CAP_DATE,	/* a date into *date */
	CAP_CATEGORY,	/* appended to the item's categories */
	CAP_GUID,	/* RSS guid: id, and link when a permalink */
	CAP_TTL,	/* RSS ttl minutes */
	CAP_SY_PERIOD,	/* sy:updatePeriod */
	CAP_SY_FREQ,	/* sy:updateFrequency */
	CAP_DURATION	/* itunes:duration */
};

struct pelem {
	enum pns	 ns;
	const char	*name;		/* local name */
	const char	**attrs;	/* libxml2 SAX2: 5 pointers each */
	int		 nattrs;
	int		 depth;		/* 1 for the root */
};

struct pcapture {
	int		 active;
	int		 depth;		/* of the element being captured */
	enum pkind	 kind;
	enum pmode	 mode;
	char		**str;
	int		*html;
	int64_t		*date;
	int		 permalink;	/* CAP_GUID: isPermaLink not false */
	int		 wrapper;	/* depth of the XHTML div left out */
};

struct pentity;

/* parse-input.c: how the document's bytes reach libxml2. */
struct pinput {
	int		 decided;	/* the encoding is known */
	int		 repair;	/* UTF-8: invalid bytes become U+FFFD */
	int		 reported;
	char		*charset;	/* from outside (HTTP), or NULL */
	char		 head[256];	/* the start, until decided */
	size_t		 nhead;
	char		 tail[4];	/* a sequence cut by the chunk */
	size_t		 ntail;
	size_t		 offset;	/* bytes passed on so far */
	struct buf	 join;		/* tail + the next chunk */
	struct buf	 out;		/* a repaired chunk */
	struct buf	 block;		/* what libxml2 gets next, less than
					   INPUT_BLOCK bytes */
};
#define INPUT_BLOCK	(64u * 1024)	/* bytes libxml2 gets at a time */

struct pstate {
	xmlParserCtxtPtr ctxt;
	struct feed	*feed;
	char		*name;		/* for messages */
	char		*url;		/* document URL, the first base */

	int		 depth;
	int		 root_seen;
	int		 not_feed;	/* the root is not RSS or Atom */
	char		*root_name;
	int		 in_feed;	/* inside channel / atom:feed */
	int		 feed_depth;
	long		 item;		/* index of the open item, or -1 */
	int		 item_depth;
	int		 author_depth;	/* inside atom:author (feed/item) */
	int		 group_depth;	/* inside media:group */
	int		 skip_depth;	/* ignore everything below */

	char		*guid_link;	/* permalink guid, the link fallback */
	char		*rss_pubdate;	/* channel pubDate text, fallback */
	int		 sy_minutes;	/* sy:updatePeriod in minutes */
	int		 sy_freq;

	struct pcapture	 cap;
	struct buf	 text;

	/* xml:base stack: entries pushed by elements that carry one. */
	struct pbase {
		int	 depth;
		char	*uri;
	}		*bases;
	size_t		 nbases, basecap;
	char		*root_lang;	/* xml:lang on the root element */

	/* Entities: HTML names and the document's own declarations. */
	struct pentity	*entities[128];
	size_t		 entity_bytes;	/* expanded so far */
	int		 entity_capped;
	int		 items_capped;

	struct pinput	 in;
	size_t		 doc_bytes;
	int		 illformed;	/* an error we saw beyond libxml2's */
	int		 stopped;
	char		*warning;	/* first problem, translated */
};

/* Whether e is a direct child of the feed (channel) or of the open item. */
static inline int
at_feed_level(const struct pstate *st, const struct pelem *e)
{
	return st->in_feed && st->item < 0 && e->depth == st->feed_depth + 1;
}

static inline int
at_item_level(const struct pstate *st, const struct pelem *e)
{
	return st->item >= 0 && e->depth == st->item_depth + 1;
}

/* parse.c, for the handlers. */
struct item	*pstate_item(struct pstate *);
/* Opens an item; -1 (and the element is skipped) past PARSE_ITEMS_MAX. */
int		 pstate_begin_item(struct pstate *, const struct pelem *);
void		 pstate_end_item(struct pstate *);
/* An attribute's raw value (not NUL-terminated; length in *len). */
const char	*pelem_attr(const struct pelem *, enum pns, const char *,
		    size_t *);
/* Whether the attribute is present and equals value (ASCII case folded). */
int		 pelem_attr_is(const struct pelem *, enum pns, const char *,
		    const char *);
/* An attribute's decoded, sanitised value, allocated; NULL if absent. */
char		*pelem_attr_dup(struct pstate *, const struct pelem *,
		    enum pns, const char *);
/* Starts collecting the element's text; stored when it ends. */
void		 capture(struct pstate *, const struct pelem *, enum pkind,
		    enum pmode);
void		 capture_str(struct pstate *, const struct pelem *,
		    enum pkind, enum pmode, char **, int *);
void		 capture_date(struct pstate *, const struct pelem *,
		    int64_t *);
/* Resolves a URL against the current xml:base; allocated. */
char		*pstate_resolve(struct pstate *, const char *);
/* Adds an enclosure unless its URL is already there; takes url, type. */
void		 pstate_add_enclosure(struct item *, char *, char *,
		    const char *, size_t);
void		 pstate_add_category(struct item *, char *);
/* Records the first problem with the document (a translated text). */
void		 pstate_problem(struct pstate *, const char *);

/* parse-input.c */
void		 input_init(struct pstate *, const char *);
void		 input_push(struct pstate *, const char *, size_t);
void		 input_finish(struct pstate *);
void		 input_free(struct pstate *);

/* parse-rss.c */
void		 rss_start(struct pstate *, const struct pelem *);
void		 rss_end(struct pstate *, const struct pelem *);
/* parse-atom.c */
void		 atom_start(struct pstate *, const struct pelem *);
void		 atom_end(struct pstate *, const struct pelem *);
enum pmode	 atom_text_mode(const struct pelem *);

#endif
