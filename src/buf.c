/*
 * buf.c owns struct buf, the growable string with a hard limit (after
 * curl's dynbuf): growth doubles, the limit is never passed.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "log.h"
#include "xmalloc.h"

static void	buf_grow(struct buf *, size_t);

void
buf_init(struct buf *b, size_t limit)
{
	b->ptr = NULL;
	b->len = b->cap = 0;
	b->limit = limit;
	b->toobig = 0;
}

void
buf_free(struct buf *b)
{
	free(b->ptr);
	buf_init(b, b->limit);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	b->toobig = 0;
	if (b->ptr != NULL)
		b->ptr[0] = '\0';
}

/* Makes room for need more bytes plus the NUL; need fits the limit. */
static void
buf_grow(struct buf *b, size_t need)
{
	size_t	 want = b->len + need + 1, cap;

	if (want <= b->cap)
		return;
	cap = b->cap < 64 ? 64 : b->cap;
	while (cap < want)
		cap *= 2;
	if (cap > b->limit + 1)
		cap = b->limit + 1;
	b->ptr = xreallocarray(b->ptr, cap, 1);
	b->cap = cap;
}

int
buf_add(struct buf *b, const void *data, size_t len)
{
	size_t	 room = b->len < b->limit ? b->limit - b->len : 0;
	int	 rc = 0;

	if (len > room) {
		len = room;
		b->toobig = 1;
		rc = -1;
	}
	buf_grow(b, len);
	if (len > 0)
		memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
	return rc;
}

int
buf_adds(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

int
buf_addc(struct buf *b, char c)
{
	if (b->len < b->limit && b->len + 1 < b->cap) {	/* fast path */
		b->ptr[b->len++] = c;
		b->ptr[b->len] = '\0';
		return 0;
	}
	return buf_add(b, &c, 1);
}

int
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;
	int	 n, rc;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		fatalx("buf_addf: vasprintf failed");
	rc = buf_add(b, s, (size_t)n);
	free(s);
	return rc;
}

void
buf_set_limit(struct buf *b, size_t limit)
{
	b->limit = limit;
}

void
buf_truncate(struct buf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->ptr[len] = '\0';
	}
}

const char *
buf_str(const struct buf *b)
{
	return b->ptr != NULL ? b->ptr : "";
}

size_t
buf_len(const struct buf *b)
{
	return b->len;
}

int
buf_toobig(const struct buf *b)
{
	return b->toobig;
}

char *
buf_detach(struct buf *b)
{
	char	*s;

	if (b->ptr == NULL)
		s = xstrdup("");
	else if (b->cap > b->len + 1 + b->len / 8)
		s = xreallocarray(b->ptr, b->len + 1, 1);	/* give back */
	else
		s = b->ptr;
	buf_init(b, b->limit);
	return s;
}

int
buf_read_fd(struct buf *b, int fd)
{
	char	 chunk[65536];
	ssize_t	 n;

	for (;;) {
		n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			return 0;
		if (buf_add(b, chunk, (size_t)n) != 0)
			return 1;
	}
}
