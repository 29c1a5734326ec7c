/*
 * test-stories: the engine groups related articles of each language into
 * one story and keeps unrelated ones apart (fixtures in
 * tests/data/stories, see its README), with and without a declared
 * language; identical articles join at once; the time window and max_hot
 * bound what stays hot; the text is read up to the cut only.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stories.h"
#include "test.h"
#include "xmalloc.h"

#define DAY		(24 * 3600)
#define BASE		1700000000	/* 2023-11-14 */
#define MAXART		64

struct article {
	char		 group;
	char		*source;
	int		 hours;
	char		*title;
	char		*text;
};

static const char *const langs[] = { "nl", "en", "de", "fr", "es", "pt" };

/* Reads a fixture; returns the number of articles. */
static size_t
load(const char *path, struct article *a)
{
	FILE	*fp;
	char	 line[4096], *f[5], *p;
	size_t	 n = 0;
	int	 i;

	if ((fp = fopen(path, "r")) == NULL) {
		CHECK(0, "%s: cannot open", path);
		return 0;
	}
	while (n < MAXART && fgets(line, sizeof line, fp) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		p = line;
		for (i = 0; i < 5; i++)
			f[i] = strsep(&p, "\t");
		if (f[4] == NULL) {
			CHECK(0, "%s: a line with fewer than 5 fields", path);
			continue;
		}
		a[n].group = f[0][0];
		a[n].source = xstrdup(f[1]);
		a[n].hours = (int)strtol(f[2], NULL, 10);
		a[n].title = xstrdup(f[3]);
		a[n].text = xstrdup(f[4]);
		n++;
	}
	fclose(fp);
	return n;
}

static void
doc_of(const struct article *a, size_t i, const char *lang,
    struct story_doc *d)
{
	memset(d, 0, sizeof *d);
	d->item = (int64_t)i + 1;
	d->source = (int64_t)(unsigned char)a[i].source[0];
	d->time = BASE + (int64_t)a[i].hours * 3600;
	d->lang = lang;
	d->title = a[i].title;
	d->text = a[i].text;
}

/* Assigns each article as the reader does; story ids come from *next. */
static int64_t
assign(struct stories *s, const struct story_doc *d, int64_t *next)
{
	int64_t	 id;

	if ((id = stories_match(s, d)) == 0)
		id = (*next)++;
	stories_add(s, id, d);
	return id;
}

static void
fixture(const char *lang, int declare)
{
	struct article		 a[MAXART];
	struct story_doc	 d;
	struct stories_params	 p;
	struct stories		*s;
	int64_t			 story[MAXART], next = 1, central;
	char			*path;
	const char		*top = getenv("top_srcdir");
	size_t			 n, i, j;

	path = xprintf("%s/tests/data/stories/%s.tsv", top ? top : ".", lang);
	n = load(path, a);
	free(path);
	CHECK(n >= 8, "%s: fixture has %zu articles", lang, n);
	stories_params_default(&p);
	s = stories_new(&p);
	for (i = 0; i < n; i++) {
		doc_of(a, i, declare ? lang : NULL, &d);
		story[i] = assign(s, &d, &next);
	}
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++) {
			if (a[i].group == a[j].group)
				CHECK(story[i] == story[j], "%s%s: \"%s\" and "
				    "\"%s\" should share a story", lang,
				    declare ? "" : " (detected)", a[i].title,
				    a[j].title);
			else
				CHECK(story[i] != story[j], "%s%s: \"%s\" and "
				    "\"%s\" should not share a story", lang,
				    declare ? "" : " (detected)", a[i].title,
				    a[j].title);
		}
	/* The central article of story A is one of A's. */
	central = stories_central(s, story[0]);
	CHECK(central >= 1 && (size_t)central <= n &&
	    a[central - 1].group == a[0].group, "%s: central article %lld",
	    lang, (long long)central);
	stories_free(s);
	for (i = 0; i < n; i++) {
		free(a[i].source);
		free(a[i].title);
		free(a[i].text);
	}
}

/* The first article of the duplicate and window checks. */
static int64_t
first_article(struct stories *s, struct story_doc *d, int64_t *next)
{
	memset(d, 0, sizeof *d);
	d->item = 1;
	d->time = BASE;
	d->lang = "en";
	d->title = "Dock workers strike at the port of Harwick over pay";
	d->text = "Thousands of dock workers at Harwick walked out over pay.";
	d->link = "https://news.example/harwick-strike";
	return assign(s, d, next);
}

static void
duplicates(void)
{
	struct stories_params	 p;
	struct stories		*s;
	struct story_doc	 d;
	int64_t			 next = 1, first;

	/* No similarity reaches this threshold: only duplicates join. */
	stories_params_default(&p);
	p.threshold = 100;
	s = stories_new(&p);
	first = first_article(s, &d, &next);

	/* Same link, nothing else in common. */
	d.item = 2;
	d.title = "Breaking";
	d.text = "Updated 10:42";
	CHECK(stories_match(s, &d) == first, "the same link joins at once");
	stories_add(s, first, &d);

	/* Same title up to case, accents and punctuation, other text. */
	d.item = 3;
	d.source = 7;
	d.title = "DOCK WORKERS STRIKE AT THE PORT OF H\xc3\x82RWICK, OVER PAY!";
	d.text = "Cheese prices in the alpine valleys rose sharply.";
	d.link = "https://other.example/a/1";
	CHECK(stories_match(s, &d) == first,
	    "the same normalised title joins at once");
	/* Part of the title is not the same title. */
	d.title = "Dock workers strike at the port of Harwick";
	CHECK(stories_match(s, &d) == 0, "a shorter title is not the same");
	stories_free(s);
}

static void
window(void)
{
	struct stories		*s;
	struct story_doc	 d;
	int64_t			 next = 1, first;
	char			 title[64];
	size_t			 i;

	s = stories_new(NULL);
	first = first_article(s, &d, &next);
	d.item = 2;
	d.time = BASE + 2 * DAY;
	d.link = NULL;
	d.title = "Harwick dock workers strike over pay for a third day";
	CHECK(stories_match(s, &d) == first, "two days later still joins");
	stories_add(s, first, &d);

	/* Weeks later, same words and even the same title: a new story. */
	d.item = 3;
	d.time = BASE + 30 * DAY;
	CHECK(stories_match(s, &d) == 0, "an article weeks later does not "
	    "join");
	d.link = "https://news.example/harwick-strike";
	CHECK(stories_match(s, &d) == 0, "nor does the same link weeks later");
	stories_add(s, next++, &d);

	/*
	 * Out of time order, as a refresh into an empty cache brings the
	 * next feed's older articles: one of the first days still joins.
	 */
	d.item = 4;
	d.time = BASE + DAY;
	d.link = NULL;
	d.title = "Harwick dock strike: talks with the port resume";
	CHECK(stories_match(s, &d) == first, "an older article after a newer "
	    "one joins its days' story");
	stories_add(s, first, &d);
	CHECK(stories_hot(s) == 2, "both stories hot: %zu", stories_hot(s));

	/* Once the last STORIES_RECENT articles are all weeks later, not. */
	d.link = NULL;
	d.text = NULL;
	for (i = 0; i < STORIES_RECENT; i++) {
		snprintf(title, sizeof title, "Unrelated report number %zu", i);
		d.item = 5 + (int64_t)i;
		d.time = BASE + 30 * DAY;
		d.title = title;
		stories_add(s, next++, &d);
	}
	CHECK(stories_central(s, first) == 0, "the old story left the hot set");
	d.item = 9999;
	d.time = BASE + DAY;
	d.title = "Harwick dock strike: talks with the port resume";
	CHECK(stories_match(s, &d) == 0, "and is not joined any more");
	stories_free(s);
	stories_free(NULL);
}

static void
max_hot(void)
{
	static const char *const titles[] = {
		"Volcano erupts on remote island, flights cancelled",
		"Central bank raises interest rates by half a point",
		"Football club sacks its manager after five defeats",
		"Museum returns stolen paintings to their owners",
	};
	struct stories_params	 p;
	struct stories		*s;
	struct story_doc	 d;
	int64_t			 ids[4], next = 1;
	size_t			 i;

	stories_params_default(&p);
	p.max_hot = 3;
	s = stories_new(&p);
	memset(&d, 0, sizeof d);
	d.lang = "en";
	for (i = 0; i < 4; i++) {
		d.item = (int64_t)i + 1;
		d.time = BASE + (int64_t)i * 60;
		d.title = titles[i];
		ids[i] = assign(s, &d, &next);
		CHECK(stories_hot(s) == (i < 3 ? i + 1 : 3), "%zu hot after "
		    "%zu stories", stories_hot(s), i + 1);
	}
	CHECK(ids[0] != ids[1] && ids[1] != ids[2] && ids[2] != ids[3],
	    "four unrelated stories");
	CHECK(stories_central(s, ids[0]) == 0, "the least recent was "
	    "evicted");
	CHECK(stories_central(s, ids[1]) == 2, "the others stay hot");
	d.item = 9;
	d.time = BASE + 300;
	d.title = titles[0];
	CHECK(stories_match(s, &d) == 0, "the evicted story is not matched");
	d.title = titles[3];
	CHECK(stories_match(s, &d) == ids[3], "a hot one is");
	stories_free(s);
}

/*
 * The engine reads STORIES_TEXT_MAX bytes of a text at most, cut before
 * a UTF-8 continuation byte, wherever the article comes from: words past
 * the cut do not make an article join a story.
 */
static void
text_cut(void)
{
	struct stories		*s;
	struct story_doc	 d;
	char			*text, *tail;
	size_t			 i;
	int64_t			 next = 1, id;

	text = xmalloc(STORIES_TEXT_MAX + 64);
	memset(text, 'a', STORIES_TEXT_MAX + 63);
	text[STORIES_TEXT_MAX + 63] = '\0';
	CHECK(stories_text_len(text) == STORIES_TEXT_MAX, "a long text is cut");
	memcpy(text + STORIES_TEXT_MAX - 1, "\xc3\xa9", 2);
	CHECK(stories_text_len(text) == STORIES_TEXT_MAX - 1,
	    "the cut falls before a character, not inside it");
	CHECK(stories_text_len("short") == 5, "a short text is whole");

	s = stories_new(NULL);
	memset(&d, 0, sizeof d);
	d.item = 1;
	d.time = BASE;
	d.lang = "en";
	d.title = "Volcano erupts near Grindavik in Iceland";
	d.text = "Lava reaches the harbour of Grindavik, Iceland.";
	id = assign(s, &d, &next);
	/* Stop words up to the cut, the story's words after it. */
	for (i = 0; i + 4 <= STORIES_TEXT_MAX; i += 4)
		memcpy(text + i, "the ", 4);
	tail = " volcano erupts grindavik iceland lava harbour";
	memcpy(text + i, tail, strlen(tail) + 1);
	d.item = 2;
	d.time = BASE + 3600;
	d.title = "Quarterly results";
	d.text = text;
	CHECK(stories_match(s, &d) == 0,
	    "words past the cut do not join an article to a story");
	d.item = 3;
	d.text = tail;
	CHECK(stories_match(s, &d) == id, "the same words before it do");
	stories_free(s);
	free(text);
}

int
main(void)
{
	size_t	 i;

	for (i = 0; i < sizeof langs / sizeof *langs; i++) {
		fixture(langs[i], 1);
		fixture(langs[i], 0);
	}
	duplicates();
	window();
	max_hot();
	text_cut();
	return test_exit("test-stories");
}
