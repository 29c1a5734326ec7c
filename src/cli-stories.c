/*
 * cli-stories.c owns `tidings stories`: for now `--cluster FILE.jsonl`,
 * which assigns the items of a JSON-lines file to stories the way the
 * reader does (stories_match, then stories_add with a new id from a
 * counter when nothing matched) and prints "item-id<TAB>story-id" lines.
 * The JSON reader here is small and strict: one object per line whose
 * values are read as strings, numbers, true, false or null (nested values
 * are skipped); a bad line is reported as FILE:LINE and skipped.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "cli.h"
#include "date.h"
#include "feed.h"
#include "i18n.h"
#include "stories.h"
#include "txt.h"
#include "xmalloc.h"

#define JSON_LINE_MAX	(16 * 1024 * 1024)	/* bytes in one line */
#define JSON_DEPTH_MAX	32			/* nesting of skipped values */

/* The fields of one item line. */
enum {
	F_ID,
	F_LANG,
	F_TIME,
	F_SOURCE,
	F_TITLE,
	F_TEXT,
	F_LINK,
	NFIELDS
};
static const char *const field_names[NFIELDS] = {
	"id", "lang", "time", "source", "title", "text", "link"
};

struct jline {
	const char	*p;
	const char	*end;
	const char	*error;		/* N_() reason, untranslated */
	struct buf	 fields[NFIELDS];
	int		 have[NFIELDS];
};

/*
 * TIDINGS_BENCH_STORIES, a developer's switch for bench/stories: each
 * article's match and add timed as wall clock and as this thread's CPU
 * time (which a busy machine does not inflate), reported on stderr.
 */
struct timing {
	int		 on;
	double		*wall;		/* microseconds per article */
	double		*cpu;
	size_t		 n;
	size_t		 cap;
	size_t		 most_hot;
	struct timespec	 w0;
	struct timespec	 c0;
};

static void	 ws(struct jline *);
static int	 json_string(struct jline *, struct buf *);
static int	 json_skip(struct jline *, int);
static int	 json_line(struct jline *, const char *, size_t);
static int	 hex4(const char *, uint32_t *);
static int	 cluster(const char *);
static int64_t	 source_id(const char *);
static int	 cmp_double(const void *, const void *);
static void	 timing_start(struct timing *);
static void	 timing_stop(struct timing *, const struct stories *);
static void	 timing_report(struct timing *);

static void
ws(struct jline *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' ||
	    *j->p == '\r' || *j->p == '\n'))
		j->p++;
}

static int
hex4(const char *s, uint32_t *v)
{
	int	 i;
	char	 c;

	*v = 0;
	for (i = 0; i < 4; i++) {
		c = s[i];
		*v <<= 4;
		if (c >= '0' && c <= '9')
			*v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			*v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			*v |= c - 'A' + 10;
		else
			return -1;
	}
	return 0;
}

/*
 * Reads the string at j->p (at its '"') into out (may be NULL to skip),
 * decoding escapes; a lone surrogate becomes U+FFFD.  0 or -1.
 */
static int
json_string(struct jline *j, struct buf *out)
{
	uint32_t	 cp, lo;
	const char	*start;

	j->p++;
	for (;;) {
		start = j->p;
		while (j->p < j->end && *j->p != '"' && *j->p != '\\' &&
		    (unsigned char)*j->p >= 0x20)
			j->p++;
		if (out != NULL)
			buf_add(out, start, j->p - start);
		if (j->p >= j->end) {
			j->error = N_("unterminated string");
			return -1;
		}
		if (*j->p == '"') {
			j->p++;
			return 0;
		}
		if ((unsigned char)*j->p < 0x20) {
			j->error = N_("control character in a string");
			return -1;
		}
		if (j->end - j->p < 2) {
			j->error = N_("unterminated string");
			return -1;
		}
		j->p++;
		switch (*j->p++) {
		case '"': cp = '"'; break;
		case '\\': cp = '\\'; break;
		case '/': cp = '/'; break;
		case 'b': cp = '\b'; break;
		case 'f': cp = '\f'; break;
		case 'n': cp = '\n'; break;
		case 'r': cp = '\r'; break;
		case 't': cp = '\t'; break;
		case 'u':
			if (j->end - j->p < 4 || hex4(j->p, &cp) != 0) {
				j->error = N_("bad \\u escape in a string");
				return -1;
			}
			j->p += 4;
			if (cp >= 0xD800 && cp <= 0xDBFF &&
			    j->end - j->p >= 6 &&
			    j->p[0] == '\\' && j->p[1] == 'u' &&
			    hex4(j->p + 2, &lo) == 0 && lo >= 0xDC00 &&
			    lo <= 0xDFFF) {
				cp = 0x10000 + ((cp - 0xD800) << 10) +
				    (lo - 0xDC00);
				j->p += 6;
			} else if (cp >= 0xD800 && cp <= 0xDFFF)
				cp = TXT_REPLACEMENT;
			break;
		default:
			j->error = N_("bad escape in a string");
			return -1;
		}
		if (out != NULL)
			txt_add_codepoint(out, cp == 0 ? TXT_REPLACEMENT : cp);
	}
}

/* Skips one value of any kind (depth: nesting so far).  0 or -1. */
static int
json_skip(struct jline *j, int depth)
{
	const char	*s;
	char		 close;

	ws(j);
	if (j->p >= j->end) {
		j->error = N_("unexpected end of line");
		return -1;
	}
	if (*j->p == '"')
		return json_string(j, NULL);
	if (*j->p == '{' || *j->p == '[') {
		if (depth >= JSON_DEPTH_MAX) {
			j->error = N_("values nested too deeply");
			return -1;
		}
		close = *j->p == '{' ? '}' : ']';
		j->p++;
		ws(j);
		if (j->p < j->end && *j->p == close) {
			j->p++;
			return 0;
		}
		for (;;) {
			if (close == '}') {
				ws(j);
				if (j->p >= j->end || *j->p != '"' ||
				    json_string(j, NULL) != 0)
					goto bad;
				ws(j);
				if (j->p >= j->end || *j->p++ != ':')
					goto bad;
			}
			if (json_skip(j, depth + 1) != 0)
				return -1;
			ws(j);
			if (j->p < j->end && *j->p == ',') {
				j->p++;
				continue;
			}
			if (j->p < j->end && *j->p == close) {
				j->p++;
				return 0;
			}
			goto bad;
		}
	}
	s = j->p;
	if (*j->p == '-' || (*j->p >= '0' && *j->p <= '9')) {
		while (j->p < j->end && *j->p != '\0' &&
		    strchr("+-.eE0123456789", *j->p) != NULL)
			j->p++;
		return 0;
	}
	while (j->p < j->end && *j->p >= 'a' && *j->p <= 'z')
		j->p++;
	if ((j->p - s == 4 && (memcmp(s, "true", 4) == 0 ||
	    memcmp(s, "null", 4) == 0)) ||
	    (j->p - s == 5 && memcmp(s, "false", 5) == 0))
		return 0;
bad:
	if (j->error == NULL)
		j->error = N_("not valid JSON");
	return -1;
}

/* Parses one line into j->fields.  0, or -1 with j->error set. */
static int
json_line(struct jline *j, const char *line, size_t len)
{
	struct buf	 key;
	const char	*s;
	size_t		 f;
	int		 rc = -1;

	j->p = line;
	j->end = line + len;
	j->error = NULL;
	for (f = 0; f < NFIELDS; f++) {
		buf_reset(&j->fields[f]);
		j->have[f] = 0;
	}
	buf_init(&key, 256);
	ws(j);
	if (j->p >= j->end || *j->p != '{') {
		j->error = N_("not a JSON object");
		goto out;
	}
	j->p++;
	ws(j);
	if (j->p < j->end && *j->p == '}') {
		j->p++;
		goto end;
	}
	for (;;) {
		ws(j);
		if (j->p >= j->end || *j->p != '"') {
			j->error = N_("not valid JSON");
			goto out;
		}
		buf_reset(&key);
		if (json_string(j, &key) != 0)
			goto out;
		ws(j);
		if (j->p >= j->end || *j->p++ != ':') {
			j->error = N_("not valid JSON");
			goto out;
		}
		ws(j);
		for (f = 0; f < NFIELDS; f++)
			if (strcmp(buf_str(&key), field_names[f]) == 0)
				break;
		if (f < NFIELDS && j->p < j->end && *j->p == '"') {
			buf_reset(&j->fields[f]);
			if (json_string(j, &j->fields[f]) != 0)
				goto out;
			j->have[f] = 1;
		} else if (f == F_ID && j->p < j->end &&
		    (*j->p == '-' || (*j->p >= '0' && *j->p <= '9'))) {
			s = j->p;
			if (json_skip(j, 0) != 0)
				goto out;
			buf_reset(&j->fields[f]);
			buf_add(&j->fields[f], s, j->p - s);
			j->have[f] = 1;
		} else if (json_skip(j, 0) != 0)
			goto out;
		ws(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			continue;
		}
		if (j->p < j->end && *j->p == '}') {
			j->p++;
			break;
		}
		j->error = N_("not valid JSON");
		goto out;
	}
end:
	ws(j);
	if (j->p != j->end) {
		j->error = N_("text after the object");
		goto out;
	}
	if (!j->have[F_ID] || buf_len(&j->fields[F_ID]) == 0) {
		j->error = N_("no \"id\"");
		goto out;
	}
	rc = 0;
out:
	buf_free(&key);
	return rc;
}

/* The caller's id of a source: a hash of its name, never 0. */
static int64_t
source_id(const char *name)
{
	uint64_t	 h = 0xcbf29ce484222325ULL;

	for (; *name != '\0'; name++) {
		h ^= (unsigned char)*name;
		h *= 0x100000001b3ULL;
	}
	return (int64_t)(h >> 1) | 1;
}

static int
cmp_double(const void *a, const void *b)
{
	const double	*x = a, *y = b;

	return *x < *y ? -1 : *x > *y;
}

static void
timing_start(struct timing *t)
{
	if (!t->on)
		return;
	clock_gettime(CLOCK_MONOTONIC, &t->w0);
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t->c0);
}

static void
timing_stop(struct timing *t, const struct stories *engine)
{
	struct timespec	 w1, c1;

	if (!t->on)
		return;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
	clock_gettime(CLOCK_MONOTONIC, &w1);
	if (t->n == t->cap) {
		t->cap = t->cap == 0 ? 1024 : t->cap * 2;
		t->wall = xreallocarray(t->wall, t->cap, sizeof *t->wall);
		t->cpu = xreallocarray(t->cpu, t->cap, sizeof *t->cpu);
	}
	t->wall[t->n] = (w1.tv_sec - t->w0.tv_sec) * 1e6 +
	    (w1.tv_nsec - t->w0.tv_nsec) / 1e3;
	t->cpu[t->n++] = (c1.tv_sec - t->c0.tv_sec) * 1e6 +
	    (c1.tv_nsec - t->c0.tv_nsec) / 1e3;
	if (stories_hot(engine) > t->most_hot)
		t->most_hot = stories_hot(engine);
}

/* Prints the timings (not translated: a developer's switch) and frees. */
static void
timing_report(struct timing *t)
{
	size_t	 n = t->n;

	if (n > 0) {
		qsort(t->wall, n, sizeof *t->wall, cmp_double);
		qsort(t->cpu, n, sizeof *t->cpu, cmp_double);
		fprintf(stderr, "stories-timing: articles %zu median_us %.2f "
		    "p90_us %.2f p99_us %.2f max_us %.2f cpu_median_us %.2f "
		    "cpu_p99_us %.2f cpu_max_us %.2f most_hot %zu\n", n,
		    t->wall[n / 2], t->wall[n * 9 / 10], t->wall[n * 99 / 100],
		    t->wall[n - 1], t->cpu[n / 2], t->cpu[n * 99 / 100],
		    t->cpu[n - 1], t->most_hot);
	}
	free(t->wall);
	free(t->cpu);
}

/* Clusters the items of path ("-" for stdin); returns an exit status. */
static int
cluster(const char *path)
{
	struct stories_params	 params;
	struct stories		*engine;
	struct story_doc	 doc;
	struct jline		 j;
	struct timing		 timing;
	FILE			*fp;
	char			*line = NULL, *id;
	size_t			 cap = 0, lineno = 0, f;
	ssize_t			 len;
	int64_t			 story, next = 1, item = 0;
	int			 bad = 0, rc = EXIT_OK;

	if (strcmp(path, "-") == 0)
		fp = stdin;
	else if ((fp = fopen(path, "r")) == NULL) {
		fprintf(stderr, "tidings: ");
		fprintf(stderr, _("%s: cannot read: %s"), path,
		    strerror(errno));
		fputc('\n', stderr);
		return EXIT_ERR;
	}
	memset(&timing, 0, sizeof timing);
	timing.on = getenv("TIDINGS_BENCH_STORIES") != NULL;
	memset(&j, 0, sizeof j);
	for (f = 0; f < NFIELDS; f++)
		buf_init(&j.fields[f], JSON_LINE_MAX);
	stories_params_default(&params);
	engine = stories_new(&params);
	while ((len = getline(&line, &cap, fp)) != -1) {
		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if (len == 0 || strspn(line, " \t\r") == (size_t)len)
			continue;
		if (len > JSON_LINE_MAX) {
			j.error = N_("line too long");
			goto bad;
		}
		if (json_line(&j, line, len) != 0)
			goto bad;
		memset(&doc, 0, sizeof doc);
		doc.item = ++item;
		doc.source = j.have[F_SOURCE] ?
		    source_id(buf_str(&j.fields[F_SOURCE])) : 0;
		doc.time = FEED_NOTIME;
		if (j.have[F_TIME] &&
		    (doc.time = date_parse_iso8601(buf_str(&j.fields[F_TIME])))
		    == FEED_NOTIME) {
			j.error = N_("\"time\" is not an RFC 3339 time");
			goto bad;
		}
		doc.lang = j.have[F_LANG] && buf_len(&j.fields[F_LANG]) > 0 ?
		    buf_str(&j.fields[F_LANG]) : NULL;
		doc.title = buf_str(&j.fields[F_TITLE]);
		doc.text = buf_str(&j.fields[F_TEXT]);
		doc.link = j.have[F_LINK] ? buf_str(&j.fields[F_LINK]) : NULL;
		timing_start(&timing);
		if ((story = stories_match(engine, &doc)) == 0)
			story = next++;
		stories_add(engine, story, &doc);
		timing_stop(&timing, engine);
		id = txt_sanitize(buf_str(&j.fields[F_ID]),
		    buf_len(&j.fields[F_ID]), TXT_ONELINE);
		printf("%s\t%lld\n", id, (long long)story);
		free(id);
		continue;
	bad:
		fprintf(stderr, "%s:%zu: %s\n", path, lineno, _(j.error));
		bad = 1;
	}
	if (ferror(fp)) {
		fprintf(stderr, "tidings: ");
		fprintf(stderr, _("%s: cannot read: %s"), path,
		    strerror(errno));
		fputc('\n', stderr);
		rc = EXIT_ERR;
	}
	timing_report(&timing);
	free(line);
	for (f = 0; f < NFIELDS; f++)
		buf_free(&j.fields[f]);
	stories_free(engine);
	if (fp != stdin)
		fclose(fp);
	return bad ? EXIT_ERR : rc;
}

int
cli_stories(const struct cli_env *env, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "cluster", required_argument, NULL, 'c' },
		{ "json", no_argument, NULL, 'j' },
		{ "followed", no_argument, NULL, 'f' },
		{ "follow", required_argument, NULL, 'F' },
		{ "unfollow", required_argument, NULL, 'U' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*cluster_file = NULL;
	char		*end;
	long long	 n;
	int64_t		 follow = 0;
	int		 c, json = 0, followed = 0, on = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			cluster_file = optarg;
			break;
		case 'j':
			json = 1;
			break;
		case 'f':
			followed = 1;
			break;
		case 'F':
		case 'U':
			errno = 0;
			n = strtoll(optarg, &end, 10);
			if (errno != 0 || *end != '\0' || end == optarg ||
			    n <= 0) {
				/* TRANSLATORS: %1$s is an option, %2$s what
				   was given. */
				fprintf(stderr, _("tidings stories: %1$s: '%2$s' "
				    "is not a story number\n"), c == 'F' ?
				    "--follow" : "--unfollow", optarg);
				return EXIT_USAGE;
			}
			follow = (int64_t)n;
			on = c == 'F';
			break;
		case 'h':
			printf(_("Usage: tidings stories [OPTION]...\n"
			    "List the ongoing stories in the cache with their "
			    "articles, latest first.\n"
			    "\n"
			    "  --json          one JSON array for programs\n"
			    "  --followed      only the stories you follow\n"
			    "  --follow=ID     follow story ID (--unfollow=ID: "
			    "stop)\n"
			    "  --cluster FILE  assign the items of a "
			    "JSON-lines file to stories as\n"
			    "                  the reader does and print "
			    "\"item-id<TAB>story-id\" lines\n"));
			return EXIT_OK;
		default:
			fprintf(stderr, _("Try 'tidings stories --help' for "
			    "more information.\n"));
			return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, _("tidings stories: unexpected argument "
		    "'%s'\n"), argv[optind]);
		return EXIT_USAGE;
	}
	if (cluster_file != NULL)
		return cluster(cluster_file);
	return cli_stories_list(env, json, followed, follow, on);
}
