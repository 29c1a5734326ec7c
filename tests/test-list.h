/*
 * Shared by test-urls and test-opml: a warning collector for the
 * callbacks of urls.c and opml.c, and a one-line-an-entry dump of a list
 * that tables compare against.  Include after test.h.
 */
#ifndef TIDINGS_TEST_LIST_H
#define TIDINGS_TEST_LIST_H

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "urls.h"
#include "xmalloc.h"

struct warnings {
	char	*msg[32];	/* the first ones; n counts them all */
	size_t	 n;
};

/* A warn callback: each warning must be one line. */
static void
collect(void *ud, const char *msg)
{
	struct warnings	*w = ud;

	CHECK(strchr(msg, '\n') == NULL, "one-line warning: %s", msg);
	if (w->n < sizeof w->msg / sizeof *w->msg)
		w->msg[w->n] = xstrdup(msg);
	w->n++;
}

static void
warnings_free(struct warnings *w)
{
	size_t	 i;

	for (i = 0; i < w->n && i < sizeof w->msg / sizeof *w->msg; i++)
		free(w->msg[i]);
	w->n = 0;
}

/* One line an entry: url [tag]... ~[title]. */
static char *
dump(const struct urls *list)
{
	struct buf	 b;
	size_t		 i, j;

	buf_init(&b, BUF_NOLIMIT);
	for (i = 0; i < list->n; i++) {
		buf_adds(&b, list->entries[i].url);
		for (j = 0; j < list->entries[i].ntags; j++)
			buf_addf(&b, " [%s]", list->entries[i].tags[j]);
		if (list->entries[i].title != NULL)
			buf_addf(&b, " ~[%s]", list->entries[i].title);
		buf_addc(&b, '\n');
	}
	return buf_detach(&b);
}

#endif
