/*
 * test-launch.c checks launch.c: how browser strings and $BROWSER become
 * argument vectors, and that launch_browser hands a hostile URL to the
 * program as one untouched argument with no shell in between.  The
 * "browser" is a script written to a temporary directory that records
 * its arguments.
 */
#include "config.h"

#include <sys/stat.h>

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "launch.h"
#include "test.h"
#include "xmalloc.h"

#define URL	"https://example.org/a b"

struct row {
	const char	*browser;	/* NULL: from the environment */
	const char	*env;		/* $BROWSER; NULL: unset */
	const char	*want[6];	/* the vector, URL where it goes */
};

static void	 test_argv(void);
static char	*read_args(const char *, size_t *);
static void	 test_launch(void);

static const struct row rows[] = {
	{ "firefox", NULL, { "firefox", URL } },
	{ "firefox %u", NULL, { "firefox", URL } },
	{ "firefox --new-tab %u --x", NULL,
	    { "firefox", "--new-tab", URL, "--x" } },
	{ "lynx -dump", NULL, { "lynx", "-dump", URL } },
	{ "  w3m \t -o  opt=1   ", NULL, { "w3m", "-o", "opt=1", URL } },
	{ "echo --url=%u", NULL, { "echo", "--url=%u", URL } },
	{ "mpv %u %u", NULL, { "mpv", URL, URL } },
	{ NULL, NULL, { "xdg-open", URL } },
	{ "", NULL, { "xdg-open", URL } },
	{ "   ", NULL, { "xdg-open", URL } },
	{ NULL, "", { "xdg-open", URL } },
	{ NULL, "links", { "links", URL } },
	{ NULL, "lynx -dump:firefox:chromium", { "lynx", "-dump", URL } },
	{ NULL, ":firefox", { "firefox", URL } },
	{ NULL, ":::", { "xdg-open", URL } },
	{ NULL, "w3m %u", { "w3m", URL } },
	{ "surf", "lynx", { "surf", URL } },
};

static void
test_argv(void)
{
	const struct row	*r;
	char			**argv;
	size_t			  i, j;

	for (i = 0; i < sizeof rows / sizeof *rows; i++) {
		r = &rows[i];
		if (r->env != NULL)
			setenv("BROWSER", r->env, 1);
		else
			unsetenv("BROWSER");
		argv = launch_argv(r->browser, URL);
		for (j = 0; r->want[j] != NULL; j++) {
			CHECK(argv[j] != NULL, "row %zu: argv[%zu] missing",
			    i, j);
			if (argv[j] == NULL)
				break;
			CHECK_STR(argv[j], r->want[j], "argv word");
		}
		CHECK(argv[j] == NULL, "row %zu: extra word \"%s\"", i,
		    argv[j] != NULL ? argv[j] : "");
		launch_argv_free(argv);
	}
	unsetenv("BROWSER");
}

/* The NUL-separated arguments the script wrote; NULL if none. */
static char *
read_args(const char *path, size_t *len)
{
	struct buf	 b;
	FILE		*f;
	char		 chunk[4096];
	size_t		 n;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	buf_init(&b, BUF_NOLIMIT);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	*len = buf_len(&b);
	return buf_detach(&b);
}

static void
test_launch(void)
{
	static const char *const hostile[] = {
		"https://example.org/a b?q=\"x\"&y='z';rm -rf $HOME",
		"http://example.org/$(touch PWNED1)/`touch PWNED2`",
		"HTTPS://example.org/%u?a=1|b>c<d",
		"file:///tmp/some file.html",
		"FILE:///etc/hostname",
	};
	char		 dir[] = "/tmp/tidings-launch-XXXXXX";
	char		*script, *out, *browser, *cause, *got, *pwned;
	struct sigaction sa, old;
	FILE		*f;
	size_t		 i, len;
	int		 rv, here;

	if (mkdtemp(dir) == NULL) {
		CHECK(0, "mkdtemp failed");
		return;
	}
	xasprintf(&script, "%s/browser.sh", dir);
	xasprintf(&out, "%s/args", dir);
	f = fopen(script, "w");
	CHECK(f != NULL, "cannot write %s", script);
	if (f == NULL)
		return;
	fputs("#!/bin/sh\n"
	    "out=$1\n"
	    "shift\n"
	    "printf '%s\\0' \"$@\" > \"$out\"\n", f);
	fclose(f);
	chmod(script, 0755);
	xasprintf(&browser, "%s %s", script, out);

	/* The script runs in dir, so a shell's "touch" would land there. */
	here = open(".", O_RDONLY);
	CHECK(chdir(dir) == 0, "chdir %s", dir);
	for (i = 0; i < sizeof hostile / sizeof *hostile; i++) {
		unlink(out);
		cause = NULL;
		rv = launch_browser(browser, hostile[i], &cause);
		CHECK(rv == 0, "%s: %s", hostile[i],
		    cause != NULL ? cause : "");
		free(cause);
		got = read_args(out, &len);
		CHECK(got != NULL && len == strlen(hostile[i]) + 1 &&
		    strcmp(got, hostile[i]) == 0, "%s arrived as \"%s\"",
		    hostile[i], got != NULL ? got : "(nothing)");
		free(got);
	}
	xasprintf(&pwned, "%s/PWNED1", dir);
	CHECK(access(pwned, F_OK) == -1, "a shell ran $(...)");
	free(pwned);
	xasprintf(&pwned, "%s/PWNED2", dir);
	CHECK(access(pwned, F_OK) == -1, "a shell ran `...`");
	free(pwned);

	/* Refused schemes never start the program. */
	unlink(out);
	cause = NULL;
	rv = launch_browser(browser, "javascript:alert(1)", &cause);
	CHECK(rv == -1 && cause != NULL, "javascript: accepted");
	CHECK(access(out, F_OK) == -1, "javascript: ran the browser");
	free(cause);
	cause = NULL;
	rv = launch_browser(browser, "mailto:a@example.org", &cause);
	CHECK(rv == -1 && cause != NULL, "mailto: accepted");
	free(cause);
	cause = NULL;
	rv = launch_browser(browser, "httpx://example.org/", &cause);
	CHECK(rv == -1 && cause != NULL, "httpx: accepted");
	free(cause);

	/* A program that is not there. */
	cause = NULL;
	rv = launch_browser("/nonexistent/tidings-no-browser", URL, &cause);
	CHECK(rv == -1 && cause != NULL &&
	    strstr(cause, "tidings-no-browser") != NULL, "missing: %s",
	    cause != NULL ? cause : "(null)");
	free(cause);
	cause = NULL;
	rv = launch_browser("tidings-no-such-browser-in-path %u", URL, &cause);
	CHECK(rv == -1 && cause != NULL &&
	    strstr(cause, "tidings-no-such-browser-in-path") != NULL,
	    "missing in PATH: %s", cause != NULL ? cause : "(null)");
	free(cause);

	/* A program that fails. */
	cause = NULL;
	rv = launch_browser("false", URL, &cause);
	CHECK(rv == -1 && cause != NULL && strstr(cause, "false") != NULL,
	    "false: %s", cause != NULL ? cause : "(null)");
	free(cause);

	/* An ignored SIGCHLD is not the caller's problem, and comes back. */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGCHLD, &sa, NULL);
	cause = NULL;
	rv = launch_browser(browser, URL, &cause);
	CHECK(rv == 0, "SIGCHLD ignored: %s", cause != NULL ? cause : "");
	free(cause);
	cause = NULL;
	rv = launch_browser("false", URL, &cause);
	CHECK(rv == -1, "SIGCHLD ignored: false succeeded");
	free(cause);
	sigaction(SIGCHLD, NULL, &old);
	CHECK(old.sa_handler == SIG_IGN, "SIGCHLD not restored");
	sa.sa_handler = SIG_DFL;
	sigaction(SIGCHLD, &sa, NULL);

	/* $BROWSER is used when no browser is given. */
	setenv("BROWSER", browser, 1);
	unlink(out);
	cause = NULL;
	rv = launch_browser(NULL, URL, &cause);
	CHECK(rv == 0, "$BROWSER: %s", cause != NULL ? cause : "");
	free(cause);
	got = read_args(out, &len);
	CHECK(got != NULL && strcmp(got, URL) == 0, "$BROWSER: got %s",
	    got != NULL ? got : "(nothing)");
	free(got);
	unsetenv("BROWSER");

	unlink(out);
	unlink(script);
	CHECK(here != -1 && fchdir(here) == 0, "cannot go back");
	if (here != -1)
		close(here);
	rmdir(dir);
	free(browser);
	free(out);
	free(script);
}

int
main(void)
{
	test_argv();
	test_launch();
	return test_exit("test-launch");
}
