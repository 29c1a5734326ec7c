/*
 * launch.c owns opening a link in the user's browser.  The browser
 * string is split into words at blanks (spaces and tabs) and nothing
 * more: no quotes, escapes, variables or globs, because no shell ever
 * sees it or the URL.  A word that is exactly "%u" becomes the URL (a
 * "%u" inside a longer word stays as written); without one the URL is
 * the last argument.  The browser comes from the config, else the first
 * non-empty entry of the colon-separated $BROWSER, else xdg-open.
 *
 * The child is started with fork and execvp and keeps the terminal's
 * descriptors (the UI gives the terminal back around the call); the
 * caller waits for it.  An exec failure comes back through a
 * close-on-exec pipe, so "not found" is told apart from a browser that
 * exits 127.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "i18n.h"
#include "launch.h"
#include "xmalloc.h"

#define LAUNCH_DEFAULT	"xdg-open"

static int	 is_blank(int);
static char	*default_browser(void);
static int	 scheme_allowed(const char *);
static void	 child(char **, int);
static int	 wait_child(pid_t, int *);

static int
is_blank(int c)
{
	return c == ' ' || c == '\t';
}

/* The first non-empty entry of $BROWSER, else xdg-open; allocated. */
static char *
default_browser(void)
{
	const char	*env, *p, *colon;

	if ((env = getenv("BROWSER")) == NULL)
		return xstrdup(LAUNCH_DEFAULT);
	for (p = env; *p != '\0'; p = colon + 1) {
		if ((colon = strchr(p, ':')) == NULL)
			colon = p + strlen(p);
		if (colon > p)
			return xstrndup(p, colon - p);
		if (*colon == '\0')
			break;
	}
	return xstrdup(LAUNCH_DEFAULT);
}

char **
launch_argv(const char *browser, const char *url)
{
	char		**argv = NULL, *own = NULL;
	const char	 *p, *start;
	size_t		  n = 0;
	int		  placed = 0;

	if (browser == NULL || *browser == '\0')
		browser = own = default_browser();
	for (p = browser; *p != '\0'; ) {
		while (is_blank((unsigned char)*p))
			p++;
		if (*p == '\0')
			break;
		for (start = p; *p != '\0' && !is_blank((unsigned char)*p); p++)
			/* nothing */;
		argv = xreallocarray(argv, n + 3, sizeof *argv);
		if (p - start == 2 && strncmp(start, "%u", 2) == 0) {
			argv[n++] = xstrdup(url);
			placed = 1;
		} else
			argv[n++] = xstrndup(start, p - start);
	}
	if (n == 0) {
		argv = xreallocarray(argv, 3, sizeof *argv);
		argv[n++] = xstrdup(LAUNCH_DEFAULT);
	}
	if (!placed)
		argv[n++] = xstrdup(url);
	argv[n] = NULL;
	free(own);
	return argv;
}

void
launch_argv_free(char **argv)
{
	size_t	 i;

	if (argv == NULL)
		return;
	for (i = 0; argv[i] != NULL; i++)
		free(argv[i]);
	free(argv);
}

/* Whether url is http:, https: or file:, in any case. */
static int
scheme_allowed(const char *url)
{
	static const char *const schemes[] = { "http:", "https:", "file:" };
	size_t	 i;

	for (i = 0; i < sizeof schemes / sizeof *schemes; i++)
		if (strncasecmp(url, schemes[i], strlen(schemes[i])) == 0)
			return 1;
	return 0;
}

/*
 * In the child: signals back to their defaults, then exec.  On failure
 * errno goes up the pipe and the child exits 127.
 */
static void
child(char **argv, int fd)
{
	static const int signals[] = {
		SIGPIPE, SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGCHLD, SIGTSTP,
		SIGTTIN, SIGTTOU, SIGWINCH
	};
	sigset_t	 none;
	size_t		 i;
	int		 error;
	ssize_t		 w;

	for (i = 0; i < sizeof signals / sizeof *signals; i++)
		signal(signals[i], SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);

	execvp(argv[0], argv);
	error = errno;
	do
		w = write(fd, &error, sizeof error);
	while (w == -1 && errno == EINTR);
	_exit(127);
}

/* Waits for pid, retrying on signals; returns 0 or -1 with errno. */
static int
wait_child(pid_t pid, int *status)
{
	while (waitpid(pid, status, 0) == -1) {
		if (errno != EINTR)
			return -1;
	}
	return 0;
}

int
launch_browser(const char *browser, const char *url, char **cause)
{
	struct sigaction	 dfl, old;
	char			**argv;
	int			  fds[2], error, status, rv = -1;
	ssize_t			  r;
	size_t			  got;
	pid_t			  pid;

	if (url == NULL || !scheme_allowed(url)) {
		/* TRANSLATORS: %s is a link from an article. */
		xasprintf(cause, _("%s: only http, https and file links are "
		    "opened"), url != NULL ? url : "");
		return -1;
	}
	argv = launch_argv(browser, url);

	if (pipe(fds) == -1) {
		/* TRANSLATORS: %1$s is a program, %2$s why it failed. */
		xasprintf(cause, _("%1$s: cannot start: %2$s"), argv[0],
		    strerror(errno));
		launch_argv_free(argv);
		return -1;
	}
	if (fcntl(fds[1], F_SETFD, FD_CLOEXEC) == -1 ||
	    fcntl(fds[0], F_SETFD, FD_CLOEXEC) == -1) {
		xasprintf(cause, _("%1$s: cannot start: %2$s"), argv[0],
		    strerror(errno));
		goto out_pipe;
	}

	/* An ignored SIGCHLD would reap the child before waitpid. */
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(SIGCHLD, &dfl, &old);

	if ((pid = fork()) == -1) {
		xasprintf(cause, _("%1$s: cannot start: %2$s"), argv[0],
		    strerror(errno));
		goto out_signal;
	}
	if (pid == 0) {
		close(fds[0]);
		child(argv, fds[1]);
	}
	close(fds[1]);
	fds[1] = -1;

	/* Until exec succeeds the pipe stays open; then it reads EOF. */
	got = 0;
	while (got < sizeof error) {
		r = read(fds[0], (char *)&error + got, sizeof error - got);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += r;
	}
	if (wait_child(pid, &status) == -1) {
		xasprintf(cause, _("%1$s: cannot start: %2$s"), argv[0],
		    strerror(errno));
		goto out_signal;
	}
	if (got == sizeof error)
		/* TRANSLATORS: %1$s is a program, %2$s why it failed. */
		xasprintf(cause, _("%1$s: cannot run the browser: %2$s"),
		    argv[0], strerror(error));
	else if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
		/* TRANSLATORS: %1$s is a program, %2$d its exit status. */
		xasprintf(cause, _("%1$s: the browser exited with status %2$d"),
		    argv[0], WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		/* TRANSLATORS: %1$s is a program, %2$d a signal number. */
		xasprintf(cause, _("%1$s: the browser was killed by signal "
		    "%2$d"), argv[0], WTERMSIG(status));
	else
		rv = 0;

out_signal:
	sigaction(SIGCHLD, &old, NULL);
out_pipe:
	close(fds[0]);
	if (fds[1] != -1)
		close(fds[1]);
	launch_argv_free(argv);
	return rv;
}
