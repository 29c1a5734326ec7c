/*
 * main.c owns start-up and shutdown: the global options, the table of
 * init/fini pairs (unwound in reverse), and the dispatch to a command.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "conf.h"
#include "fetch.h"
#include "i18n.h"
#include "log.h"
#include "parse.h"
#include "paths.h"
#include "store.h"
#include "ui.h"
#include "xmalloc.h"

static void	usage(FILE *);
static void	language_set(const char *, const char *);
static void	warn_none(void *, const char *);

static const struct {
	void	(*init)(void);
	void	(*fini)(void);
} lifecycle[] = {
	{ i18n_init, NULL },
	{ store_init, NULL },
	{ parse_init, parse_cleanup },
	{ fetch_init, fetch_cleanup },
};
#define NLIFECYCLE (sizeof lifecycle / sizeof *lifecycle)

static void
usage(FILE *fp)
{
	fprintf(fp, _("Usage: tidings [OPTION]... [COMMAND [ARG]...]\n"
	    "A terminal news reader for RSS and Atom feeds.\n"
	    "\n"
	    "Commands:\n"
	    "  refresh                 fetch every feed and store what is new\n"
	    "  list                    list the articles in the cache\n"
	    "  stories                 list the ongoing stories and their "
	    "articles\n"
	    "  stories --cluster FILE  group the items of a JSON-lines file "
	    "into stories\n"
	    "  import FILE.opml        add the feeds of an OPML file\n"
	    "  export                  write the feed list as OPML\n"
	    "  parse [--json] FILE|URL parse a feed document and print it\n"
	    "  (none)                  open the reader\n"
	    "Each command has --help.\n"
	    "\n"
	    "Options:\n"
	    "  --urls FILE    the feed list (default: ~/.config/tidings/urls)\n"
	    "  --config FILE  the config (default: ~/.config/tidings/config)\n"
	    "  --cache FILE   the cache (default: ~/.local/share/tidings/"
	    "cache.db)\n"
	    "  --lang CODE    the interface language: nl, en, de, fr, es, pt\n"
	    "  --log FILE     write a debug log to FILE\n"
	    "  --help         show this help and exit\n"
	    "  --version      show the version and exit\n"
	    "\n"
	    "Exit status: 0 if all went well, 1 if something failed, "
	    "2 for a usage error.\n"));
}

static void
warn_none(void *ud, const char *msg)
{
	(void)ud;
	(void)msg;
}

/*
 * --lang, else the config's language, else the environment's (which
 * i18n_init chose).  The config is read quietly here: the command that
 * reads it again reports its problems.
 */
static void
language_set(const char *code, const char *config)
{
	struct conf	 conf;
	char		*list;

	if (code == NULL) {
		conf_init(&conf);
		(void)conf_load(&conf, config, 0, warn_none, NULL);
		if (conf.language != NULL && *conf.language != '\0')
			i18n_set(conf.language);
		conf_free(&conf);
		return;
	}
	if (i18n_set(code) == 0)
		return;
	i18n_set("en");
	list = i18n_list();
	/* TRANSLATORS: %1$s is what the user typed, %2$s the languages by
	   their own names, "Nederlands (nl), English (en), ...". */
	fprintf(stderr, _("tidings: unknown language '%1$s'; use one of %2$s; "
	    "going on in English\n"), code, list);
	free(list);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "log", required_argument, NULL, 'l' },
		{ "urls", required_argument, NULL, 'u' },
		{ "cache", required_argument, NULL, 'c' },
		{ "config", required_argument, NULL, 'C' },
		{ "lang", required_argument, NULL, 'L' },
		{ "bench-startup", no_argument, NULL, 'B' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_env	 env;
	struct ui_options uo;
	char		*uo_config = NULL, *lang = NULL;
	const char	*logpath = NULL;
	size_t		 i;
	int		 c, rc, help = 0, bad = 0;

	for (i = 0; i < NLIFECYCLE; i++)
		lifecycle[i].init();
	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	memset(&env, 0, sizeof env);
	memset(&uo, 0, sizeof uo);
	/* '+': options after the command belong to the command. */
	while (!bad &&
	    (c = getopt_long(argc, argv, "+hVl:", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			help = 1;
			break;
		case 'L':
			free(lang);
			lang = xstrdup(optarg);
			break;
		case 'V':
			printf("tidings %s\n", PACKAGE_VERSION);
			rc = EXIT_OK;
			goto out;
		case 'u':
			free(env.urls);
			env.urls = xstrdup(optarg);
			env.urls_given = 1;
			break;
		case 'c':
			free(env.cache);
			env.cache = xstrdup(optarg);
			break;
		case 'C':
			free(uo_config);
			uo_config = xstrdup(optarg);
			uo.config_given = 1;
			break;
		case 'B':
			uo.bench_startup = 1;
			break;
		case 'l':
			logpath = optarg;
			break;
		default:
			bad = 1;
			break;
		}
	}
	argc -= optind;
	argv += optind;
	if (uo_config == NULL)
		uo_config = paths_config("config");
	/* What is said from here on is in the chosen language. */
	language_set(lang, uo_config);
	if (bad) {
		fprintf(stderr, _("Try 'tidings --help' for more "
		    "information.\n"));
		rc = EXIT_USAGE;
		goto out;
	}
	if (logpath != NULL && log_open(logpath) != 0) {
		fprintf(stderr, _("tidings: %s: cannot open the log: %s\n"),
		    logpath, strerror(errno));
		rc = EXIT_ERR;
		goto out;
	}
	if (help) {
		usage(stdout);
		rc = EXIT_OK;
		goto out;
	}
	if (env.urls == NULL)
		env.urls = paths_config("urls");
	if (env.cache == NULL)
		env.cache = paths_data("cache.db");
	env.config = uo_config;
	env.config_given = uo.config_given;
	if (argc == 0) {
		uo.urls = env.urls;
		uo.urls_given = env.urls_given;
		uo.cache = env.cache;
		uo.config = uo_config;
		rc = ui_main(&uo);
	} else if (strcmp(argv[0], "parse") == 0)
		rc = cli_parse(argc, argv);
	else if (strcmp(argv[0], "refresh") == 0)
		rc = cli_refresh(&env, argc, argv);
	else if (strcmp(argv[0], "list") == 0)
		rc = cli_list(&env, argc, argv);
	else if (strcmp(argv[0], "stories") == 0)
		rc = cli_stories(&env, argc, argv);
	else if (strcmp(argv[0], "import") == 0)
		rc = cli_import(&env, argc, argv);
	else if (strcmp(argv[0], "export") == 0)
		rc = cli_export(&env, argc, argv);
	else {
		/* TRANSLATORS: %s is what the user typed as a command. */
		fprintf(stderr, _("tidings: unknown command '%s'\n"), argv[0]);
		fprintf(stderr, _("Try 'tidings --help' for more "
		    "information.\n"));
		rc = EXIT_USAGE;
	}
out:
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, _("tidings: cannot write the output: %s\n"),
		    strerror(errno));
		rc = EXIT_ERR;
	}
	for (i = NLIFECYCLE; i-- > 0;)
		if (lifecycle[i].fini != NULL)
			lifecycle[i].fini();
	free(env.urls);
	free(env.cache);
	free(uo_config);
	free(lang);
	log_close();
	return rc;
}
