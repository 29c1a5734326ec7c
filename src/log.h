/* The debug log (--log, never translated) and fatal exits. */
#ifndef TIDINGS_LOG_H
#define TIDINGS_LOG_H

/* Opens the debug log at path; returns 0, or -1 with errno set. */
int	log_open(const char *);
void	log_close(void);
void	log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));
/*
 * Runs before a fatal exit prints its message, so that whoever owns the
 * terminal (curses) can give it back first.
 */
void	log_set_fatal_hook(void (*)(void));
/* fatal appends strerror(errno); fatalx does not. Both are for bugs. */
void	fatal(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
void	fatalx(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

#endif
