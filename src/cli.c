/*
 * cli.c owns the commands that need no terminal UI (so far: parse, and the
 * sample feeds shown by a bare `tidings`) and their output, JSON for
 * programs and plain text for people.  All feed text it prints comes from
 * the model, which holds only sanitised UTF-8.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "date.h"
#include "feed.h"
#include "i18n.h"
#include "fetch.h"
#include "parse.h"
#include "store.h"
#include "xmalloc.h"

#define TEXT_INDENT	20	/* under an article's title */
#define ONES		0x0101010101010101ULL
#define HIGHS		0x8080808080808080ULL

static int	word_special(uint64_t);
static int	url_body(void *, const struct fetch_info *, const char *,
		    size_t);
static void	url_done(void *, const struct fetch_info *, enum fetch_result,
		    const char *);
static struct feed *parse_url(const char *, char **, char **);
static void	json_string(FILE *, const char *);
static void	json_date(FILE *, int64_t);
static void	json_str(FILE *, const char *, const char *, const char *);
static void	json_time(FILE *, const char *, int64_t);
static void	json_bool(FILE *, const char *, int);
static int	parse_one(const char *, int);

/* Whether any of the eight bytes in w needs escaping in JSON. */
static int
word_special(uint64_t w)
{
	uint64_t	 q = w ^ (ONES * '"'), b = w ^ (ONES * '\\');

	return ((((w - ONES * 0x20) & ~w) | ((q - ONES) & ~q) |
	    ((b - ONES) & ~b)) & HIGHS) != 0;
}

static void
json_string(FILE *fp, const char *s)
{
	/* Bytes that need escaping in a JSON string: controls, '"', '\\'. */
	static const unsigned char special[256] = {
		1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
		1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
		0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		['\\'] = 1,
	};
	const unsigned char	*p = (const unsigned char *)s, *run, *end;
	uint64_t		 w;

	if (s == NULL) {
		fputs_unlocked("null", fp);
		return;
	}
	end = p + strlen(s);
	putc_unlocked('"', fp);
	for (;;) {
		/* Eight bytes at a time while none is special (after sfeed's
		   habit of writing runs, not characters). */
		for (run = p; end - p >= 8; p += 8) {
			memcpy(&w, p, 8);
			if (word_special(w))
				break;
		}
		for (; !special[*p]; p++)
			;
		fwrite_unlocked(run, 1, (size_t)(p - run), fp);
		if (*p == '\0')
			break;
		switch (*p) {
		case '"':
			fputs_unlocked("\\\"", fp);
			break;
		case '\\':
			fputs_unlocked("\\\\", fp);
			break;
		case '\n':
			fputs_unlocked("\\n", fp);
			break;
		case '\t':
			fputs_unlocked("\\t", fp);
			break;
		default:
			fprintf(fp, "\\u%04x", *p);
			break;
		}
		p++;
	}
	putc_unlocked('"', fp);
}

void
cli_json_string(FILE *fp, const char *s)
{
	json_string(fp, s);
}

void
cli_json_date(FILE *fp, int64_t t)
{
	json_date(fp, t);
}

static void
json_date(FILE *fp, int64_t t)
{
	char	 s[32];

	if (t == FEED_NOTIME) {
		fputs("null", fp);
		return;
	}
	date_format_rfc3339(t, s);
	json_string(fp, s);
}

/* Writes ", "key": value" (no comma first when sep is empty). */
static void
json_bool(FILE *fp, const char *key, int v)
{
	fputs_unlocked(", \"", fp);
	fputs_unlocked(key, fp);
	fputs_unlocked(v ? "\": true" : "\": false", fp);
}

void
cli_write_items_json(FILE *fp, const struct store_item *items, size_t n)
{
	size_t	 i;

	fputc('[', fp);
	for (i = 0; i < n; i++) {
		fprintf(fp, "%s{\"id\": %lld", i > 0 ? ",\n" : "\n",
		    (long long)items[i].id);
		json_str(fp, ", ", "feed", items[i].feed_url);
		json_str(fp, ", ", "feed_title", items[i].feed_title);
		json_str(fp, ", ", "key", items[i].key);
		json_str(fp, ", ", "title", items[i].title);
		json_str(fp, ", ", "link", items[i].link);
		json_str(fp, ", ", "author", items[i].author);
		json_time(fp, "published", items[i].published);
		json_time(fp, "updated", items[i].updated);
		json_time(fp, "first_seen", items[i].first_seen);
		json_bool(fp, "read", items[i].read);
		json_bool(fp, "starred", items[i].starred);
		json_bool(fp, "is_updated", items[i].is_updated);
		fputc('}', fp);
	}
	fputs("]\n", fp);
}

static void
json_str(FILE *fp, const char *sep, const char *key, const char *value)
{
	fputs_unlocked(sep, fp);
	putc_unlocked('"', fp);
	fputs_unlocked(key, fp);
	fputs_unlocked("\": ", fp);
	json_string(fp, value);
}

static void
json_time(FILE *fp, const char *key, int64_t t)
{
	fputs_unlocked(", \"", fp);
	fputs_unlocked(key, fp);
	fputs_unlocked("\": ", fp);
	json_date(fp, t);
}

void
cli_write_json(FILE *fp, const struct feed *f)
{
	const struct item	*it;
	const struct enclosure	*enc;
	size_t			 i, j;

	json_str(fp, "{", "format", feed_format_name(f->format));
	json_str(fp, ", ", "title", f->title);
	json_str(fp, ", ", "link", f->link);
	json_str(fp, ", ", "language", f->language);
	json_time(fp, "updated", f->updated);
	fprintf(fp, ", \"wellformed\": %s, \"items\": [",
	    f->wellformed ? "true" : "false");
	for (i = 0; i < f->nitems; i++) {
		it = &f->items[i];
		json_str(fp, i == 0 ? "\n{" : ",\n{", "id", it->id);
		json_str(fp, ", ", "title", it->title);
		json_str(fp, ", ", "link", it->link);
		json_str(fp, ", ", "author", it->author);
		json_time(fp, "published", it->published);
		json_time(fp, "updated", it->updated);
		json_str(fp, ", ", "summary", it->summary);
		json_str(fp, ", ", "content", it->content);
		fputs(", \"categories\": [", fp);
		for (j = 0; j < it->ncategories; j++) {
			if (j > 0)
				fputs(", ", fp);
			json_string(fp, it->categories[j]);
		}
		fputs("], \"enclosures\": [", fp);
		for (j = 0; j < it->nenclosures; j++) {
			enc = &it->enclosures[j];
			json_str(fp, j > 0 ? ", {" : "{", "url", enc->url);
			json_str(fp, ", ", "type", enc->type);
			if (enc->length >= 0)
				fprintf(fp, ", \"length\": %lld}",
				    (long long)enc->length);
			else
				fputs(", \"length\": null}", fp);
		}
		fputs("]}", fp);
	}
	fputs("]}\n", fp);
}

void
cli_format_date(char *out, size_t size, int64_t t)
{
	char	 s[32];

	if (t == FEED_NOTIME) {
		snprintf(out, size, "%s", "");
		return;
	}
	date_format_rfc3339(t, s);
	/* "2025-12-05T14:03:00Z" -> "2025-12-05 14:03" */
	snprintf(out, size, "%.10s %.5s", s, s + 11);
}

void
cli_write_text(FILE *fp, const struct feed *f)
{
	const struct item	*it;
	const char		*fmt;
	char			 date[32];
	size_t			 i;

	fprintf(fp, "%s\n", f->title != NULL ? f->title : _("(untitled feed)"));
	if (f->link != NULL)
		fprintf(fp, "  %s\n", f->link);
	if (f->description != NULL)
		fprintf(fp, "  %s\n", f->description);
	cli_format_date(date, sizeof date, f->updated);
	fputs("  ", fp);
	fmt = feed_format_name(f->format) != NULL ?
	    feed_format_name(f->format) : "?";
	if (*date != '\0')
		/* TRANSLATORS: %1$s is a feed format such as "rss2.0", %2$zu
		   the number of articles, %3$s a date and time in UTC. */
		fprintf(fp, ngettext("%1$s, %2$zu article, updated %3$s UTC",
		    "%1$s, %2$zu articles, updated %3$s UTC", f->nitems), fmt,
		    f->nitems, date);
	else
		/* TRANSLATORS: %1$s is a feed format such as "rss2.0", %2$zu
		   the number of articles. */
		fprintf(fp, ngettext("%1$s, %2$zu article",
		    "%1$s, %2$zu articles", f->nitems), fmt, f->nitems);
	fputc('\n', fp);
	for (i = 0; i < f->nitems; i++) {
		it = &f->items[i];
		cli_format_date(date, sizeof date,
		    it->published != FEED_NOTIME ? it->published : it->updated);
		fprintf(fp, "\n  %-16s  %s\n", date, it->title != NULL ?
		    it->title : _("(untitled article)"));
		if (it->author != NULL) {
			fprintf(fp, "%*s", TEXT_INDENT, "");
			/* TRANSLATORS: %s is the name of an article's author. */
			fprintf(fp, _("by %s"), it->author);
			fputc('\n', fp);
		}
		if (it->link != NULL)
			fprintf(fp, "%*s%s\n", TEXT_INDENT, "", it->link);
	}
}

/* A URL given to parse: fetched with the refresh's limits. */
struct url_parse {
	struct parser	*parser;
	int		 toobig;
	int		 failed;
	char		*error;
};

static int
url_body(void *ud, const struct fetch_info *info, const char *data,
    size_t len)
{
	struct url_parse	*up = ud;

	if (up->parser == NULL)
		up->parser = parse_new(info->url, info->url, info->charset);
	if (parse_push(up->parser, data, len) != 0) {
		up->toobig = 1;
		return -1;
	}
	return 0;
}

static void
url_done(void *ud, const struct fetch_info *info, enum fetch_result result,
    const char *error)
{
	struct url_parse	*up = ud;

	if (up->parser == NULL)
		up->parser = parse_new(info->url, info->url, info->charset);
	if (result == FETCH_OK && !up->toobig)
		return;
	up->failed = 1;
	if (result == FETCH_NOT_MODIFIED)
		error = "HTTP 304";
	else if (result == FETCH_GONE)
		error = "HTTP 410 Gone";
	else if (up->toobig)
		error = _("the document is too large");
	up->error = xprintf("%s: %s", info->url, error != NULL ? error : "?");
}

static struct feed *
parse_url(const char *url, char **cause, char **warning)
{
	struct fetch_limits	 lim;
	struct fetch_cb		 cb = { url_body, url_done };
	struct fetcher		*f;
	struct url_parse	 up;
	struct feed		*feed = NULL;

	memset(&up, 0, sizeof up);
	fetch_limits_default(&lim);
	if ((f = fetch_new(&lim, &cb, cause)) == NULL)
		return NULL;
	fetch_add(f, url, NULL, NULL, 0, &up);
	while (fetch_wait(f, 1000, NULL, 0) > 0)
		;
	fetch_free(f);
	if (up.failed) {
		*cause = up.error;
		*warning = NULL;
	} else
		feed = parse_finish(up.parser, cause, warning);
	parse_free(up.parser);
	return feed;
}

/* Parses one document and prints it; returns 0 or -1. */
static int
parse_one(const char *path, int json)
{
	struct feed	*f;
	char		*cause = NULL, *warning = NULL;
	const char	*name = path;
	int		 fd;

	if (strcmp(path, "-") == 0) {
		fd = STDIN_FILENO;
		name = _("(standard input)");
	} else if (strncmp(path, "http://", 7) == 0 ||
	    strncmp(path, "https://", 8) == 0) {
		fd = -1;
	} else if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		fprintf(stderr, "tidings: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (fd == -1)
		f = parse_url(path, &cause, &warning);
	else
		f = parse_fd(fd, name, NULL, &cause, &warning);
	if (fd != STDIN_FILENO && fd != -1)
		close(fd);
	if (warning != NULL)
		fprintf(stderr, _("tidings: warning: %s\n"), warning);
	free(warning);
	if (f == NULL) {
		fprintf(stderr, "tidings: %s\n", cause);
		free(cause);
		return -1;
	}
	if (json)
		cli_write_json(stdout, f);
	else
		cli_write_text(stdout, f);
	feed_free(f);
	return 0;
}

int
cli_parse(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int	 c, json = 0, failed = 0, i;

	optind = 1;
	while ((c = getopt_long(argc, argv, "jh", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = 1;
			break;
		case 'h':
			printf(_("Usage: tidings parse [--json] FILE|URL|-...\n"
			    "Parse feed documents and print what they hold.\n"
			    "\n"
			    "  --json    print one JSON object per document\n"));
			return EXIT_OK;
		default:
			fprintf(stderr, _("Try 'tidings parse --help' for "
			    "more information.\n"));
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, _("tidings parse: a FILE to parse is needed "
		    "(- for standard input)\n"));
		return EXIT_USAGE;
	}
	for (i = optind; i < argc; i++) {
		if (parse_one(argv[i], json) != 0)
			failed = 1;
		fflush(stdout);
	}
	return failed ? EXIT_ERR : EXIT_OK;
}
