/* OPML 1.0/2.0 import and OPML 2.0 export; nesting is tags. */
#ifndef TIDINGS_OPML_H
#define TIDINGS_OPML_H

#include <stddef.h>

#include "urls.h"

/*
 * Adds the feeds of an OPML document to list: each outline with an xmlUrl
 * becomes an entry, the titles of the outlines around it its tags.
 * Feeds already in the list are skipped and counted in *dups; outlines
 * naming commands are refused through warn.  Returns the number added, or
 * -1 with *cause when the document cannot be read as OPML.
 */
int	opml_import(struct urls *, const char *, size_t, const char *,
	    void (*)(void *, const char *), void *, size_t *, char **);
/* Writes list as OPML 2.0, feeds nested under their first tag. */
char	*opml_export(const struct urls *, const char *);

#endif
