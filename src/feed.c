/*
 * feed.c owns struct feed and struct item: creating, growing and freeing
 * the model that every layer shares.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "xmalloc.h"

static uint64_t	fnv1a(uint64_t, const void *, size_t);

struct feed *
feed_new(void)
{
	struct feed	*f;

	f = xcalloc(1, sizeof *f);
	f->updated = FEED_NOTIME;
	f->ttl = -1;
	f->wellformed = 1;
	return f;
}

static void
item_init(struct item *it)
{
	memset(it, 0, sizeof *it);
	it->published = it->updated = FEED_NOTIME;
	it->duration = -1;
}

struct item *
feed_add_item(struct feed *f)
{
	if (f->nitems == f->itemcap) {
		f->itemcap = f->itemcap == 0 ? 16 : f->itemcap * 2;
		f->items = xreallocarray(f->items, f->itemcap,
		    sizeof *f->items);
	}
	item_init(&f->items[f->nitems]);
	return &f->items[f->nitems++];
}

void
item_clear(struct item *it)
{
	size_t	 i;

	free(it->id);
	free(it->title);
	free(it->link);
	free(it->author);
	free(it->summary);
	free(it->content);
	free(it->comments);
	free(it->thumbnail);
	for (i = 0; i < it->ncategories; i++)
		free(it->categories[i]);
	free(it->categories);
	for (i = 0; i < it->nenclosures; i++) {
		free(it->enclosures[i].url);
		free(it->enclosures[i].type);
	}
	free(it->enclosures);
	item_init(it);
}

void
feed_free(struct feed *f)
{
	size_t	 i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nitems; i++)
		item_clear(&f->items[i]);
	free(f->items);
	free(f->title);
	free(f->link);
	free(f->self);
	free(f->description);
	free(f->language);
	free(f->author);
	free(f);
}

const char *
feed_format_name(enum feed_format fmt)
{
	switch (fmt) {
	case FEED_RSS09X:
		return "rss0.9x";
	case FEED_RSS10:
		return "rss1.0";
	case FEED_RSS20:
		return "rss2.0";
	case FEED_ATOM03:
		return "atom0.3";
	case FEED_ATOM10:
		return "atom1.0";
	case FEED_UNKNOWN:
		break;
	}
	return NULL;
}

/* FNV-1a, 64 bits: stable across versions, which the cache relies on. */
static uint64_t
fnv1a(uint64_t h, const void *data, size_t len)
{
	const unsigned char	*p = data;

	while (len-- > 0) {
		h ^= *p++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

char *
item_key(const struct item *it)
{
	uint64_t	 h = 0xcbf29ce484222325ULL;
	int64_t		 date;
	char		 num[32];

	if (it->id != NULL && *it->id != '\0')
		return xstrdup(it->id);
	if (it->link != NULL && *it->link != '\0')
		return xstrdup(it->link);
	date = it->published != FEED_NOTIME ? it->published : it->updated;
	if (it->title != NULL)
		h = fnv1a(h, it->title, strlen(it->title) + 1);
	/* As text, so that the key does not depend on byte order. */
	snprintf(num, sizeof num, "%lld", (long long)date);
	h = fnv1a(h, num, strlen(num));
	return xprintf("hash:%016llx", (unsigned long long)h);
}
