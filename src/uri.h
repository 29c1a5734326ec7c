/* URI references resolved against a base (RFC 3986, section 5). */
#ifndef TIDINGS_URI_H
#define TIDINGS_URI_H

/* Whether s starts with a scheme ("http:", "mailto:"). */
int	 uri_is_absolute(const char *);
/*
 * Returns ref resolved against base, allocated.  With a NULL or relative
 * base, or an absolute ref, returns a copy of ref (dot segments removed
 * when it is absolute).
 */
char	*uri_resolve(const char *, const char *);

#endif
