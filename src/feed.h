/*
 * The one model of a feed shared by parse, store, stories and render: what
 * sfeed(5) is to sfeed.  All strings are valid, sanitised UTF-8 (see
 * txt_sanitize) or NULL when the document did not give the field.
 */
#ifndef TIDINGS_FEED_H
#define TIDINGS_FEED_H

#include <stddef.h>
#include <stdint.h>

/* A time in seconds since the epoch, UTC; FEED_NOTIME when unknown. */
#define FEED_NOTIME	INT64_MIN

enum feed_format {
	FEED_UNKNOWN,
	FEED_RSS09X,		/* RSS 0.90 to 0.94 */
	FEED_RSS10,		/* RSS 1.0 (RDF) */
	FEED_RSS20,
	FEED_ATOM03,
	FEED_ATOM10
};

struct enclosure {
	char		*url;		/* absolute when resolvable */
	char		*type;		/* MIME type, or NULL */
	int64_t		 length;	/* bytes, or -1 when not given */
};

struct item {
	char		*id;		/* guid / atom:id / rdf:about, as written */
	char		*title;		/* plain text, one line */
	char		*link;		/* the alternate link, absolute */
	char		*author;	/* plain text, one line */
	char		*summary;	/* description / summary */
	char		*content;	/* full content */
	int		 summary_html;	/* summary is HTML, else plain text */
	int		 content_html;	/* content is HTML, else plain text */
	int64_t		 published;
	int64_t		 updated;
	char		*comments;	/* RSS comments URL */
	char		*thumbnail;	/* media:thumbnail or image URL */
	int64_t		 duration;	/* itunes:duration in seconds, or -1 */
	char		**categories;
	size_t		 ncategories;
	struct enclosure *enclosures;
	size_t		 nenclosures;
};

struct feed {
	enum feed_format format;
	char		*title;
	char		*link;		/* the site, absolute */
	char		*self;		/* the feed's own URL, if it says so */
	char		*description;	/* subtitle / description, plain text */
	char		*language;	/* as written: "en-us", "de" */
	char		*author;
	int64_t		 updated;
	int		 ttl;		/* RSS ttl in minutes, or -1 */
	int		 wellformed;	/* 0 when the XML had to be recovered */
	struct item	*items;
	size_t		 nitems;
	size_t		 itemcap;
};

struct feed	*feed_new(void);
void		 feed_free(struct feed *);
/* Appends a zeroed item (dates unknown) and returns it; owned by the feed. */
struct item	*feed_add_item(struct feed *);
const char	*feed_format_name(enum feed_format);
/*
 * The identity of an item within its feed: its id (guid, atom:id,
 * rdf:about), else its link, else "hash:" and a hash of its title and
 * date.  Allocated.
 */
char		*item_key(const struct item *);
void		 item_clear(struct item *);

#endif
