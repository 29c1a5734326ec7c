/*
 * Feed documents (RSS 0.9x/1.0/2.0, Atom 0.3/1.0) to the feed model.  The
 * parser streams: bytes may be pushed in pieces as they arrive.
 */
#ifndef TIDINGS_PARSE_H
#define TIDINGS_PARSE_H

#include <stddef.h>

#include "feed.h"

struct buf;

/* Caps; hitting one is a reported error, never a crash or a blow-up. */
#define PARSE_DOC_MAX		(64u * 1024 * 1024)	/* document bytes */
#define PARSE_LINE_MAX		(16u * 1024)		/* title, author... */
#define PARSE_TEXT_MAX		(4u * 1024 * 1024)	/* summary, content */
#define PARSE_ENTITY_MAX	(8u * 1024 * 1024)	/* entity expansion */
#define PARSE_ITEMS_MAX		100000			/* items a feed */
#define PARSE_LIST_MAX		64	/* enclosures, categories an item */

struct parser;

/* Process-wide libxml2 set-up: deny all external entity and DTD loads. */
void		 parse_init(void);
void		 parse_cleanup(void);

/*
 * Starts a parse.  name is what messages call the document (a file name
 * or URL); base is the URL relative links resolve against (NULL: none);
 * charset is an encoding from outside the document (HTTP), or NULL.
 */
struct parser	*parse_new(const char *, const char *, const char *);
/* Feeds bytes; returns 0, or -1 once the document cannot go on (cap). */
int		 parse_push(struct parser *, const char *, size_t);
/*
 * Ends the document.  Returns the feed (caller frees with feed_free), or
 * NULL with *cause set when nothing could be read as a feed.  When the
 * feed had to be recovered, feed->wellformed is 0 and *warning (if not
 * NULL) gets the first problem.  Messages are allocated and translated.
 */
struct feed	*parse_finish(struct parser *, char **, char **);
void		 parse_free(struct parser *);

/* Whole documents: from memory, or from a file descriptor read to EOF. */
struct feed	*parse_memory(const char *, size_t, const char *,
		    const char *, char **, char **);
struct feed	*parse_fd(int, const char *, const char *, char **, char **);

/*
 * Turns an HTML fragment into plain text: tags dropped, entities and
 * character references decoded.  Returns an allocated, unsanitised string.
 */
char		*parse_html_to_text(const char *, size_t);
/*
 * Reads an HTML fragment as a reader sees it: its text, as
 * parse_html_to_text gives it but with a newline at each block edge
 * (p, div, br, li, headings...), appended to text; and the targets of its
 * href and src attributes, decoded, each followed by a newline, appended
 * to links.  Either may be NULL.  Nothing is sanitised.
 */
void		 parse_html_scan(const char *, size_t, struct buf *,
		    struct buf *);

#endif
