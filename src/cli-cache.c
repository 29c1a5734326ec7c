/*
 * cli-cache.c owns the commands that work on the feed list and the cache:
 * refresh, list, import and export.  Text from feeds reaches the terminal
 * only from the model or the store, which hold sanitised text.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "cli.h"
#include "conf.h"
#include "date.h"
#include "fetch.h"
#include "i18n.h"
#include "opml.h"
#include "paths.h"
#include "store.h"
#include "track.h"
#include "txt.h"
#include "update.h"
#include "urls.h"
#include "xmalloc.h"

struct progress {
	const struct update	*u;
	int			 tty;
	size_t			 failures;	/* seen so far */
	unsigned		 not_due;	/* seen so far */
	struct timespec		 last;
};

static void	 warn_line(void *, const char *);
static struct urls *load_list(const struct cli_env *, int);
static int	 write_default_list(const char *);
static void	 on_progress(void *, const char *);
static void	 print_summary(const struct update_summary *);
static int	 parse_count(const char *, const char *, int, int, int *);

static void
warn_line(void *ud, const char *msg)
{
	(void)ud;
	fprintf(stderr, "tidings: %s\n", msg);
}

/* The default list: public news feeds per language and the samples. */
static int
write_default_list(const char *path)
{
	struct urls	*list;
	char		*src, *cause = NULL, *samples, *url;
	static const char *const sample_files[] = {
		"tidings-news.xml", "tidings-atom.xml"
	};
	static char	*tags[] = { "samples" };
	size_t		 i;
	int		 rc = -1;

	src = paths_pkgdata("urls.default");
	list = urls_load(src, 0, warn_line, NULL, &cause);
	free(src);
	if (list == NULL) {
		fprintf(stderr, "tidings: %s\n", cause);
		free(cause);
		return -1;
	}
	samples = paths_pkgdata("samples");
	for (i = 0; i < sizeof sample_files / sizeof *sample_files; i++) {
		url = xprintf("file://%s/%s", samples, sample_files[i]);
		urls_add(list, url, NULL, tags, 1);
		free(url);
	}
	free(samples);
	if (paths_make_parent(path, &cause) != 0 ||
	    urls_save(list, path, &cause) != 0) {
		fprintf(stderr, "tidings: %s\n", cause);
		free(cause);
	} else {
		/* TRANSLATORS: %s is a file name. */
		fprintf(stderr, _("tidings: no feed list yet; wrote a default "
		    "one to %s\n"), path);
		rc = 0;
	}
	urls_free(list);
	return rc;
}

/* The feed list; on first start, the default one. */
static struct urls *
load_list(const struct cli_env *env, int create)
{
	struct urls	*list;
	char		*cause = NULL;

	if (create)
		cli_first_start(env);
	list = urls_load(env->urls, !env->urls_given, warn_line, NULL,
	    &cause);
	if (list == NULL) {
		fprintf(stderr, "tidings: %s\n", cause);
		free(cause);
	}
	return list;
}

int
cli_first_start(const struct cli_env *env)
{
	if (env->urls_given || access(env->urls, F_OK) == 0 ||
	    errno != ENOENT)
		return 0;
	return write_default_list(env->urls);
}

struct store *
cli_open_cache(const struct cli_env *env)
{
	struct store	*st;
	char		*cause = NULL;

	if (strcmp(env->cache, ":memory:") != 0 &&
	    paths_make_parent(env->cache, &cause) != 0) {
		fprintf(stderr, "tidings: %s\n", cause);
		free(cause);
		return NULL;
	}
	if ((st = store_open(env->cache, &cause)) == NULL) {
		fprintf(stderr, "tidings: %s\n", cause);
		free(cause);
	}
	return st;
}

static int
parse_count(const char *opt, const char *arg, int min, int max, int *out)
{
	char	*end;
	long	 n;

	errno = 0;
	n = strtol(arg, &end, 10);
	if (errno != 0 || *end != '\0' || end == arg || n < min || n > max) {
		/* TRANSLATORS: %1$s is an option, %2$s what was given,
		   %3$d and %4$d the bounds. */
		fprintf(stderr, _("tidings: %1$s: '%2$s' is not a number "
		    "from %3$d to %4$d\n"), opt, arg, min, max);
		return -1;
	}
	*out = (int)n;
	return 0;
}

static void
on_progress(void *ud, const char *url)
{
	struct progress			*p = ud;
	const struct update_summary	*s = update_summary(p->u);
	const struct update_failure	*f;
	struct timespec			 now;
	char				*safe;
	unsigned			 width = 30, fill;

	if (!p->tty) {
		safe = txt_sanitize(url, strlen(url), TXT_ONELINE);
		if (s->nfailures > p->failures) {
			f = &s->failures[s->nfailures - 1];
			/* TRANSLATORS: %1$u/%2$u count feeds, %3$s is a URL,
			   %4$s a stage (fetch, parse, store), %5$s why. */
			printf(_("[%1$u/%2$u] %3$s: failed (%4$s): %5$s\n"),
			    s->done, s->feeds, safe,
			    update_stage_name(f->stage), f->reason);
		} else if (s->skipped_not_due > p->not_due)
			/* TRANSLATORS: %1$u/%2$u count feeds, %3$s is a URL
			   that refresh --due did not fetch. */
			printf(_("[%1$u/%2$u] %3$s: not due yet\n"), s->done,
			    s->feeds, safe);
		else
			/* TRANSLATORS: %1$u/%2$u count feeds, %3$s is a URL. */
			printf(_("[%1$u/%2$u] %3$s: done\n"), s->done,
			    s->feeds, safe);
		p->failures = s->nfailures;
		p->not_due = s->skipped_not_due;
		free(safe);
		fflush(stdout);
		return;
	}
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (s->done < s->feeds && (now.tv_sec - p->last.tv_sec) * 1000 +
	    (now.tv_nsec - p->last.tv_nsec) / 1000000 < 100)
		return;		/* ten redraws a second are plenty */
	p->last = now;
	fill = s->feeds > 0 ? width * s->done / s->feeds : width;
	fprintf(stderr, "\r[%.*s%*s] ", (int)fill,
	    "==============================", (int)(width - fill), "");
	/* TRANSLATORS: progress: %1$u of %2$u feeds, %3$.1f megabytes,
	   %4$zu failures so far. */
	fprintf(stderr, _("%1$u/%2$u feeds, %3$.1f MB, %4$zu failed"),
	    s->done, s->feeds, (double)update_bytes(p->u) / 1e6,
	    s->nfailures);
	fputs("\033[K", stderr);
	if (s->done == s->feeds)
		fputc('\n', stderr);
}

static void
print_summary(const struct update_summary *s)
{
	size_t	 i;

	/* TRANSLATORS: the summary's lines follow, one count a line. */
	printf("%s\n", _("Refresh finished:"));
	printf("  ");
	printf(ngettext("%u new article", "%u new articles", s->new_items),
	    s->new_items);
	printf("\n  ");
	printf(ngettext("%u updated article", "%u updated articles",
	    s->updated_items), s->updated_items);
	printf("\n  ");
	printf(ngettext("%u feed unchanged", "%u feeds unchanged",
	    s->unchanged_feeds), s->unchanged_feeds);
	printf("\n  ");
	printf(ngettext("%zu feed failed", "%zu feeds failed", s->nfailures),
	    s->nfailures);
	putchar('\n');
	if (s->skipped_not_due > 0) {
		printf("  ");
		printf(ngettext("%u feed not due yet",
		    "%u feeds not due yet", s->skipped_not_due),
		    s->skipped_not_due);
		putchar('\n');
	}
	if (s->skipped_gone > 0) {
		printf("  ");
		printf(ngettext("%u feed skipped: it is gone (HTTP 410)",
		    "%u feeds skipped: they are gone (HTTP 410)",
		    s->skipped_gone), s->skipped_gone);
		putchar('\n');
	}
	if (s->nmoved > 0) {
		printf("%s\n", _("Moved permanently (update the feed list):"));
		for (i = 0; i < s->nmoved; i++)
			printf("  %s\n", s->moved[i]);
	}
	if (s->nwarnings > 0) {
		printf("%s\n", _("Recovered from broken documents:"));
		for (i = 0; i < s->nwarnings; i++)
			printf("  %s\n", s->warnings[i]);
	}
	if (s->nfailures > 0) {
		printf("%s\n", _("Failed:"));
		for (i = 0; i < s->nfailures; i++)
			/* TRANSLATORS: %1$s is a URL, %2$s a stage (fetch,
			   parse, store), %3$s the reason. */
			printf(_("  %1$s (%2$s): %3$s\n"),
			    s->failures[i].url,
			    update_stage_name(s->failures[i].stage),
			    s->failures[i].reason);
	}
}

int
cli_refresh(const struct cli_env *env, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "force", no_argument, NULL, 'f' },
		{ "due", no_argument, NULL, 'd' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "jobs-per-host", required_argument, NULL, 'J' },
		{ "timeout", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct fetch_limits	 lim;
	struct update_policy	 pol;
	struct conf		 conf;
	struct progress		 prog;
	struct urls		*list;
	struct store		*store;
	struct update		*u;
	char			*cause = NULL;
	size_t			 i;
	int			 c, force = 0, n, rc, revisions, stories;

	/* The config's limits; the options below override them. */
	conf_init(&conf);
	n = conf_load(&conf, env->config, env->config_given, warn_line, NULL);
	lim = conf.limits;
	revisions = conf.revisions;
	memset(&pol, 0, sizeof pol);
	pol.bounds.min = (int64_t)conf.reload_min * 60;
	pol.bounds.max = (int64_t)conf.reload_max * 60;
	stories = conf.stories;
	conf_free(&conf);
	if (n < 0 && env->config_given)
		return EXIT_ERR;
	optind = 1;
	while ((c = getopt_long(argc, argv, "fh", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			force = 1;
			break;
		case 'd':
			pol.due = 1;
			break;
		case 'j':
			if (parse_count("--jobs", optarg, 1, 256, &n) != 0)
				return EXIT_USAGE;
			lim.max_total = n;
			break;
		case 'J':
			if (parse_count("--jobs-per-host", optarg, 1, 256,
			    &n) != 0)
				return EXIT_USAGE;
			lim.max_host = n;
			break;
		case 't':
			if (parse_count("--timeout", optarg, 1, 3600, &n) != 0)
				return EXIT_USAGE;
			lim.timeout = n;
			if (lim.connect_timeout > n)
				lim.connect_timeout = n;
			if (lim.low_speed_time > n)
				lim.low_speed_time = n;
			break;
		case 'h':
			printf(_("Usage: tidings refresh [OPTION]...\n"
			    "Fetch every feed in the list once and store what "
			    "is new.\n"
			    "\n"
			    "  --due                only the feeds due by their "
			    "adaptive interval\n"
			    "  --force              fetch everything, also "
			    "feeds that are gone\n"
			    "  --jobs=N             transfers at once "
			    "(default 16)\n"
			    "  --jobs-per-host=N    transfers at once to one "
			    "server (default 6)\n"
			    "  --timeout=SECONDS    longest time for one feed "
			    "(default 60)\n"));
			return EXIT_OK;
		default:
			fprintf(stderr, _("Try 'tidings refresh --help' for "
			    "more information.\n"));
			return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, _("tidings refresh: unexpected argument '%s'\n"),
		    argv[optind]);
		return EXIT_USAGE;
	}
	if ((list = load_list(env, 1)) == NULL)
		return EXIT_ERR;
	if ((store = cli_open_cache(env)) == NULL) {
		urls_free(list);
		return EXIT_ERR;
	}
	store_set_revisions(store, (unsigned)revisions);
	if ((u = update_new(store, &lim, &cause)) == NULL) {
		fprintf(stderr, "tidings: %s\n", cause);
		free(cause);
		store_close(store);
		urls_free(list);
		return EXIT_ERR;
	}
	/* The stories engine is loaded at the first new article. */
	if (stories)
		pol.track = track_new();
	update_set_policy(u, &pol);
	memset(&prog, 0, sizeof prog);
	prog.u = u;
	prog.tty = isatty(STDERR_FILENO) && isatty(STDOUT_FILENO);
	update_set_progress(u, on_progress, &prog);
	for (i = 0; i < list->n; i++)
		update_add(u, list->entries[i].url, 1, force);
	while (update_step(u, 1000, -1) > 0)
		;
	if (prog.tty && update_summary(u)->feeds == 0)
		fputc('\n', stderr);
	print_summary(update_summary(u));
	rc = update_summary(u)->nfailures > 0 ? EXIT_ERR : EXIT_OK;
	update_free(u);
	track_free(pol.track);
	store_close(store);
	urls_free(list);
	return rc;
}

int
cli_list(const struct cli_env *env, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "unread", no_argument, NULL, 'u' },
		{ "updated", no_argument, NULL, 'U' },
		{ "starred", no_argument, NULL, 's' },
		{ "feed", required_argument, NULL, 'f' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct store_query	 q;
	struct store_item	*items = NULL;
	struct store		*store;
	char			*cause = NULL, date[32];
	size_t			 n = 0, i;
	int			 c, json = 0;

	memset(&q, 0, sizeof q);
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'u':
			q.unread = 1;
			break;
		case 'U':
			q.updated = 1;
			break;
		case 's':
			q.starred = 1;
			break;
		case 'f':
			q.feed_url = optarg;
			break;
		case 'j':
			json = 1;
			break;
		case 'h':
			printf(_("Usage: tidings list [OPTION]...\n"
			    "List the articles in the cache, newest first.\n"
			    "\n"
			    "  --unread      only unread articles\n"
			    "  --updated     only articles changed since they "
			    "were first seen\n"
			    "  --starred     only starred articles\n"
			    "  --feed=URL    only the articles of one feed\n"
			    "  --json        one JSON array for programs\n"));
			return EXIT_OK;
		default:
			fprintf(stderr, _("Try 'tidings list --help' for more "
			    "information.\n"));
			return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, _("tidings list: unexpected argument '%s'\n"),
		    argv[optind]);
		return EXIT_USAGE;
	}
	if ((store = cli_open_cache(env)) == NULL)
		return EXIT_ERR;
	if (store_list(store, &q, &items, &n, &cause) != 0) {
		fprintf(stderr, "tidings: %s\n", cause);
		free(cause);
		store_close(store);
		return EXIT_ERR;
	}
	if (json)
		cli_write_items_json(stdout, items, n);
	for (i = 0; !json && i < n; i++) {
		cli_format_date(date, sizeof date, items[i].published !=
		    FEED_NOTIME ? items[i].published : items[i].first_seen);
		printf("%-16s %c%c%c %s: %s\n", date,
		    items[i].read ? ' ' : 'N', items[i].is_updated ? 'U' : ' ',
		    items[i].starred ? '*' : ' ', items[i].feed_title != NULL ?
		    items[i].feed_title : items[i].feed_url,
		    items[i].title != NULL ? items[i].title :
		    _("(untitled article)"));
	}
	store_items_free(items, n);
	store_close(store);
	return EXIT_OK;
}

int
cli_import(const struct cli_env *env, int argc, char **argv)
{
	struct urls	*list;
	struct buf	 doc;
	FILE		*fp;
	char		 chunk[65536], *cause = NULL;
	size_t		 n, dups = 0, before;
	int		 added, rc = EXIT_ERR;

	if (argc != 2 || strcmp(argv[1], "--help") == 0) {
		fprintf(argc == 2 ? stdout : stderr,
		    _("Usage: tidings import FILE.opml\n"
		    "Add the feeds of an OPML file to the feed list.\n"));
		return argc == 2 ? EXIT_OK : EXIT_USAGE;
	}
	if ((fp = fopen(argv[1], "r")) == NULL) {
		fprintf(stderr, "tidings: %s: %s\n", argv[1], strerror(errno));
		return EXIT_ERR;
	}
	buf_init(&doc, 16u * 1024 * 1024);
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		if (buf_add(&doc, chunk, n) != 0)
			break;
	if (ferror(fp) || buf_toobig(&doc)) {
		fprintf(stderr, _("tidings: %s: cannot read the file\n"),
		    argv[1]);
		goto out;
	}
	if ((list = load_list(env, 1)) == NULL)
		goto out;
	before = list->n;
	added = opml_import(list, buf_str(&doc), buf_len(&doc), argv[1],
	    warn_line, NULL, &dups, &cause);
	if (added < 0) {
		fprintf(stderr, "tidings: %s\n", cause);
		free(cause);
	} else if (paths_make_parent(env->urls, &cause) != 0 ||
	    urls_append(list, before, env->urls, &cause) != 0) {
		fprintf(stderr, "tidings: %s\n", cause);
		free(cause);
	} else {
		printf(ngettext("%d feed added", "%d feeds added", added),
		    added);
		putchar('\n');
		if (dups > 0) {
			printf(ngettext("%zu feed already in the list",
			    "%zu feeds already in the list", dups), dups);
			putchar('\n');
		}
		rc = EXIT_OK;
	}
	urls_free(list);
out:
	fclose(fp);
	buf_free(&doc);
	return rc;
}

int
cli_export(const struct cli_env *env, int argc, char **argv)
{
	struct urls	*list;
	char		*out;

	if (argc > 1) {
		fprintf(strcmp(argv[1], "--help") == 0 ? stdout : stderr,
		    _("Usage: tidings export\n"
		    "Write the feed list as OPML 2.0 to standard output.\n"));
		return strcmp(argv[1], "--help") == 0 ? EXIT_OK : EXIT_USAGE;
	}
	if ((list = load_list(env, 1)) == NULL)
		return EXIT_ERR;
	out = opml_export(list, "tidings");
	fputs(out, stdout);
	free(out);
	urls_free(list);
	return EXIT_OK;
}

/* One story and its articles (duplicates once), as JSON or text. */
static void
story_write(FILE *fp, struct store *store, const struct store_story *st,
    int json, int first)
{
	struct store_story_item	*items = NULL;
	struct track_entry	*es = NULL;
	const struct store_story_item *it;
	size_t			 n = 0, ne = 0, i, k;
	char			*cause = NULL, d1[32], d2[32];

	if (store_story_items(store, st->id, &items, &n, &cause) != 0) {
		fprintf(stderr, "tidings: %s\n", cause);
		free(cause);
	}
	track_group(items, n, &es, &ne);
	if (json) {
		fprintf(fp, "%s{\"id\": %lld, \"label\": ", first ? "\n" :
		    ",\n", (long long)st->id);
		cli_json_string(fp, st->label);
		fputs(", \"first\": ", fp);
		cli_json_date(fp, st->first);
		fputs(", \"latest\": ", fp);
		cli_json_date(fp, st->latest);
		fprintf(fp, ", \"followed\": %s, \"articles\": %u, "
		    "\"sources\": %u, \"unread\": %u, \"new\": %u, "
		    "\"items\": [", st->followed ? "true" : "false",
		    st->articles, st->sources, st->unread, st->fresh);
		for (i = 0; i < ne; i++) {
			it = &items[es[i].item];
			fprintf(fp, "%s{\"id\": %lld, \"title\": ",
			    i > 0 ? ", " : "", (long long)it->id);
			cli_json_string(fp, it->title);
			fputs(", \"link\": ", fp);
			cli_json_string(fp, it->link);
			fputs(", \"time\": ", fp);
			cli_json_date(fp, it->time);
			fputs(", \"sources\": [", fp);
			for (k = 0; k < es[i].nsources; k++) {
				fputs(k > 0 ? ", " : "", fp);
				cli_json_string(fp, es[i].srcs[k]);
			}
			fputs("], \"duplicates\": [", fp);
			for (k = 1; k < es[i].nids; k++)
				fprintf(fp, "%s%lld", k > 1 ? ", " : "",
				    (long long)es[i].ids[k]);
			fprintf(fp, "], \"read\": %s, \"new\": %s}",
			    es[i].read ? "true" : "false",
			    es[i].fresh ? "true" : "false");
		}
		fputs("]}", fp);
	} else {
		cli_format_date(d1, sizeof d1, st->first);
		cli_format_date(d2, sizeof d2, st->latest);
		fprintf(fp, "%s[%lld] %s%s\n", first ? "" : "\n",
		    (long long)st->id, st->label != NULL ? st->label :
		    _("(untitled article)"), st->followed ?
		    _(" (followed)") : "");
		/* TRANSLATORS: %1$s and %2$s are the story's first and
		   latest dates (UTC); then its counts. */
		fprintf(fp, _("  %1$s to %2$s UTC: "), d1, d2);
		fprintf(fp, ngettext("%u article", "%u articles",
		    st->articles), st->articles);
		fputs(", ", fp);
		fprintf(fp, ngettext("%u source", "%u sources", st->sources),
		    st->sources);
		if (st->fresh > 0) {
			fputs(", ", fp);
			fprintf(fp, ngettext("%u new", "%u new", st->fresh),
			    st->fresh);
		}
		fputc('\n', fp);
		for (i = 0; i < ne; i++) {
			it = &items[es[i].item];
			cli_format_date(d1, sizeof d1, it->time);
			fprintf(fp, "  %-16s %c %s (%s)\n", d1, es[i].fresh ?
			    '+' : es[i].read ? ' ' : 'N', it->title != NULL ?
			    it->title : _("(untitled article)"),
			    es[i].sources);
		}
	}
	track_entries_free(es, ne);
	store_story_items_free(items, n);
}

int
cli_stories_list(const struct cli_env *env, int json, int followed,
    int64_t follow, int on)
{
	struct store_story_query q;
	struct store_story	*v = NULL;
	struct store		*store;
	char			*cause = NULL;
	size_t			 n = 0, i;
	int			 rc = EXIT_ERR;

	if ((store = cli_open_cache(env)) == NULL)
		return EXIT_ERR;
	if (follow != 0) {
		if (store_story_follow(store, follow, on, &cause) != 0)
			goto out;
		printf(on ? _("Following story %lld\n") :
		    _("No longer following story %lld\n"), (long long)follow);
		rc = EXIT_OK;
		goto out;
	}
	memset(&q, 0, sizeof q);
	q.followed = followed;
	/* A story of one article is no story yet, unless followed. */
	q.min_articles = 2;
	if (store_stories(store, &q, &v, &n, &cause) != 0)
		goto out;
	if (json)
		fputc('[', stdout);
	for (i = 0; i < n; i++)
		story_write(stdout, store, &v[i], json, i == 0);
	if (json)
		fputs("]\n", stdout);
	store_stories_free(v, n);
	rc = EXIT_OK;
out:
	if (cause != NULL) {
		fprintf(stderr, "tidings: %s\n", cause);
		free(cause);
	}
	store_close(store);
	return rc;
}
