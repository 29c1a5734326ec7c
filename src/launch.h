/*
 * Opening a URL in the user's browser: the config's browser, else
 * $BROWSER, else xdg-open, started with fork and execvp with the URL as
 * one argument, never through a shell.
 */
#ifndef TIDINGS_LAUNCH_H
#define TIDINGS_LAUNCH_H

/*
 * Splits browser (NULL: $BROWSER, else "xdg-open") into words at blanks;
 * a word "%u" is replaced by the URL, else the URL is appended as the
 * last argument.  Forks, execs and waits for the child.  Returns 0, or -1
 * with *cause (allocated, translated, naming the program) when it could
 * not be started or exited with a failure.  Only http, https and file
 * URLs are opened.
 */
int	launch_browser(const char *, const char *, char **);
/* The argument vector launch_browser would run (for tests); allocated. */
char	**launch_argv(const char *, const char *);
void	 launch_argv_free(char **);

#endif
