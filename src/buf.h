/*
 * struct buf: the one growable string.  Always NUL-terminated; grows up to
 * a limit, and an append past the limit keeps what fits and sets toobig
 * (a reported error, not an allocation failure).  Touch the fields only
 * through buf_* functions.
 */
#ifndef TIDINGS_BUF_H
#define TIDINGS_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*ptr;
	size_t	 len;
	size_t	 cap;
	size_t	 limit;		/* most bytes it may hold, excluding NUL */
	int	 toobig;	/* an append was cut at the limit */
};

#define BUF_NOLIMIT	((size_t)-1 / 2)

void		 buf_init(struct buf *, size_t);
void		 buf_free(struct buf *);
/* Empties the buffer, keeping its memory and limit; clears toobig. */
void		 buf_reset(struct buf *);
/* Appends; returns 0, or -1 when the limit cut the append. */
int		 buf_add(struct buf *, const void *, size_t);
int		 buf_adds(struct buf *, const char *);
int		 buf_addc(struct buf *, char);
int		 buf_addf(struct buf *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
/* Changes the limit for later appends. */
void		 buf_set_limit(struct buf *, size_t);
/* Shortens to len bytes (no-op if already shorter). */
void		 buf_truncate(struct buf *, size_t);
const char	*buf_str(const struct buf *);
size_t		 buf_len(const struct buf *);
int		 buf_toobig(const struct buf *);
/*
 * Appends everything fd has, to its end: 0, -1 with errno set by read,
 * or 1 when the buffer's limit cut it.
 */
int		 buf_read_fd(struct buf *, int);
/* Returns the contents as an allocated string and empties the buffer. */
char		*buf_detach(struct buf *);

#endif
