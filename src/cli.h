/* The commands that run without a terminal UI. */
#ifndef TIDINGS_CLI_H
#define TIDINGS_CLI_H

#include <stdio.h>

#include "feed.h"

/* Exit statuses, as --help documents them. */
#define EXIT_OK		0
#define EXIT_ERR	1
#define EXIT_USAGE	2

/* Where the feed list and the cache are, from options or XDG. */
struct cli_env {
	char		*urls;		/* the feed list */
	int		 urls_given;	/* by --urls: never replaced */
	char		*cache;		/* the cache database */
	char		*config;	/* settings (refresh reads the limits) */
	int		 config_given;	/* by --config: must exist */
};

/* tidings parse [--json] FILE|-...; returns an exit status. */
int	cli_parse(int, char **);
/* tidings refresh [--force] [--jobs=N] [--jobs-per-host=N] [--timeout=S] */
int	cli_refresh(const struct cli_env *, int, char **);
/* tidings list [--unread] [--updated] [--starred] [--feed=URL] [--json] */
int	cli_list(const struct cli_env *, int, char **);
/* tidings stories --cluster FILE.jsonl */
int	cli_stories(const struct cli_env *, int, char **);
/* tidings import FILE.opml, tidings export */
int	cli_import(const struct cli_env *, int, char **);
int	cli_export(const struct cli_env *, int, char **);
/*
 * First start: with no feed list at the default place, writes the default
 * one (public news feeds and the bundled samples).  0, or -1 after saying
 * why on stderr.
 */
int	cli_first_start(const struct cli_env *);
/* Opens the cache, creating its directory; NULL after saying why. */
struct store;
struct store *cli_open_cache(const struct cli_env *);
/* Writes f as one JSON object and a newline (the corpus README shape). */
void	cli_write_json(FILE *, const struct feed *);
/* Writes stored articles as one JSON array. */
struct store_item;
void	cli_write_items_json(FILE *, const struct store_item *, size_t);
/* A JSON string (NULL as null), and an RFC 3339 date (or null). */
void	cli_json_string(FILE *, const char *);
void	cli_json_date(FILE *, int64_t);
/*
 * tidings stories [--json] [--followed] [--follow=ID] [--unfollow=ID]:
 * the stories in the cache with their articles; follow and unfollow.
 */
int	cli_stories_list(const struct cli_env *, int, int, int64_t, int);
/* "2025-12-05 14:03" (UTC), or "" for FEED_NOTIME. */
void	cli_format_date(char *, size_t, int64_t);
/* Writes f for people to read. */
void	cli_write_text(FILE *, const struct feed *);

#endif
