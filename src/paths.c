/*
 * paths.c owns the places of tidings' files: the XDG base directories for
 * the feed list and the cache, and the installed data (sample feeds, the
 * default feed list).
 */
#include "config.h"

#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "paths.h"
#include "xmalloc.h"

static char	*paths_xdg(const char *, const char *, const char *);

static char *
paths_xdg(const char *env, const char *fallback, const char *name)
{
	const char	*dir = getenv(env), *home;
	struct passwd	*pw;

	if (dir != NULL && *dir == '/')
		return xprintf("%s/tidings/%s", dir, name);
	if ((home = getenv("HOME")) == NULL || *home == '\0') {
		pw = getpwuid(getuid());
		home = pw != NULL ? pw->pw_dir : "/";
	}
	return xprintf("%s/%s/tidings/%s", home, fallback, name);
}

char *
paths_config(const char *name)
{
	return paths_xdg("XDG_CONFIG_HOME", ".config", name);
}

char *
paths_data(const char *name)
{
	return paths_xdg("XDG_DATA_HOME", ".local/share", name);
}

char *
paths_pkgdata(const char *name)
{
	const char	*env;
	char		*p, *abs;
	struct stat	 sb;

	if ((env = getenv("TIDINGS_DATA_DIR")) != NULL && *env != '\0') {
		p = xprintf("%s/%s", env, name);
		/* Absolute, as file: URLs to the samples must be. */
		if (*p != '/' && (abs = realpath(p, NULL)) != NULL) {
			free(p);
			p = abs;
		}
		return p;
	}
	p = xprintf("%s/%s", PKGDATADIR, name);
	if (stat(p, &sb) == 0)
		return p;
	free(p);
	return xprintf("%s/%s", SRCDATADIR, name);	/* not installed yet */
}

int
paths_make_parent(const char *path, char **cause)
{
	char	*dir, *p, c;

	dir = xstrdup(path);
	if ((p = strrchr(dir, '/')) == NULL || p == dir) {
		free(dir);
		return 0;
	}
	*p = '\0';
	for (p = dir + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		c = *p;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			/* TRANSLATORS: %1$s is a directory. */
			xasprintf(cause, _("%1$s: cannot create the directory: "
			    "%2$s"), dir, strerror(errno));
			free(dir);
			return -1;
		}
		*p = c;
		if (c == '\0')
			break;
	}
	free(dir);
	return 0;
}
