/* Allocators that never return NULL: running out of memory is fatal. */
#ifndef TIDINGS_XMALLOC_H
#define TIDINGS_XMALLOC_H

#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
/* Returned strings are allocated; the caller frees them. */
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
int	 xasprintf(char **, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
char	*xprintf(const char *, ...) __attribute__((format(printf, 1, 2)));

#endif
