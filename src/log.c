/*
 * log.c owns the debug log and the way tidings dies: fatal() restores the
 * terminal through a hook, then prints one line and exits.  Log text is for
 * developers and is never translated.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"

static FILE	*log_file;
static void	(*log_fatal_hook)(void);

static void	log_vfatal(int, const char *, va_list)
		    __attribute__((format(printf, 2, 0), noreturn));

int
log_open(const char *path)
{
	FILE	*f;

	if ((f = fopen(path, "a")) == NULL)
		return -1;
	setvbuf(f, NULL, _IOLBF, 0);
	log_close();
	log_file = f;
	return 0;
}

void
log_close(void)
{
	if (log_file != NULL)
		fclose(log_file);
	log_file = NULL;
}

void
log_debug(const char *fmt, ...)
{
	va_list		 ap;
	struct timespec	 ts;

	if (log_file == NULL)
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	fprintf(log_file, "%lld.%03ld ", (long long)ts.tv_sec,
	    ts.tv_nsec / 1000000);
	va_start(ap, fmt);
	vfprintf(log_file, fmt, ap);
	va_end(ap);
	fputc('\n', log_file);
}

void
log_set_fatal_hook(void (*hook)(void))
{
	log_fatal_hook = hook;
}

static void
log_vfatal(int with_errno, const char *fmt, va_list ap)
{
	int	 saved = errno;
	void	(*hook)(void) = log_fatal_hook;
	va_list	 ap2;

	log_fatal_hook = NULL;	/* a hook that dies must not loop */
	if (hook != NULL)
		hook();
	va_copy(ap2, ap);
	fputs("tidings: fatal: ", stderr);
	vfprintf(stderr, fmt, ap);
	if (with_errno)
		fprintf(stderr, ": %s", strerror(saved));
	fputc('\n', stderr);
	if (log_file != NULL) {
		fputs("fatal: ", log_file);
		vfprintf(log_file, fmt, ap2);
		fputc('\n', log_file);
	}
	va_end(ap2);
	exit(1);
}

void
fatal(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	log_vfatal(1, fmt, ap);
}

void
fatalx(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	log_vfatal(0, fmt, ap);
}
