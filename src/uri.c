/*
 * uri.c owns URI reference resolution: links, enclosures and xml:base in
 * feeds become absolute by RFC 3986 section 5.2 (strict parser, with
 * remove_dot_segments), and nothing else in tidings joins URLs by hand.
 * No normalisation beyond that: case, percent-encoding and ports are left
 * as written.
 */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "buf.h"
#include "uri.h"
#include "xmalloc.h"

/* One component of a reference: a slice of the input, or undefined. */
struct part {
	const char	*ptr;
	size_t		 len;
	int		 set;		/* defined, even if empty */
};

/* The five components of RFC 3986 appendix B. */
struct uri {
	struct part	 scheme;
	struct part	 authority;
	struct part	 path;
	struct part	 query;
	struct part	 fragment;
};

static int	 is_space(int);
static int	 is_alpha(int);
static int	 is_scheme_char(int);
static void	 trim(const char *, const char **, size_t *);
static size_t	 scheme_len(const char *, size_t);
static void	 split(const char *, size_t, struct uri *);
static int	 has_prefix(const char *, size_t, const char *);
static int	 is_exactly(const char *, size_t, const char *);
static void	 pop_segment(struct buf *, size_t);
static void	 remove_dots(struct buf *, const char *, size_t);
static void	 add_part(struct buf *, const char *, const struct part *);
static char	*recompose(const struct uri *);

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\v' || c == '\f';
}

static int
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_scheme_char(int c)
{
	return is_alpha(c) || (c >= '0' && c <= '9') || c == '+' ||
	    c == '-' || c == '.';
}

/* Sets *start and *len to s without leading and trailing white space. */
static void
trim(const char *s, const char **start, size_t *len)
{
	size_t	 n;

	while (is_space((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n > 0 && is_space((unsigned char)s[n - 1]))
		n--;
	*start = s;
	*len = n;
}

/* Length of the scheme that s (len bytes) starts with, without ':'; or 0. */
static size_t
scheme_len(const char *s, size_t len)
{
	size_t	 i;

	if (len == 0 || !is_alpha((unsigned char)s[0]))
		return 0;
	for (i = 1; i < len && is_scheme_char((unsigned char)s[i]); i++)
		;
	if (i < len && s[i] == ':')
		return i;
	return 0;
}

/* Splits s (len bytes) into its components, as appendix B does. */
static void
split(const char *s, size_t len, struct uri *u)
{
	size_t	 i = 0, j;

	memset(u, 0, sizeof *u);
	if ((j = scheme_len(s, len)) != 0) {
		u->scheme.ptr = s;
		u->scheme.len = j;
		u->scheme.set = 1;
		i = j + 1;
	}
	if (len - i >= 2 && s[i] == '/' && s[i + 1] == '/') {
		i += 2;
		for (j = i; j < len && s[j] != '/' && s[j] != '?' &&
		    s[j] != '#'; j++)
			;
		u->authority.ptr = s + i;
		u->authority.len = j - i;
		u->authority.set = 1;
		i = j;
	}
	for (j = i; j < len && s[j] != '?' && s[j] != '#'; j++)
		;
	u->path.ptr = s + i;
	u->path.len = j - i;
	u->path.set = 1;
	i = j;
	if (i < len && s[i] == '?') {
		for (j = ++i; j < len && s[j] != '#'; j++)
			;
		u->query.ptr = s + i;
		u->query.len = j - i;
		u->query.set = 1;
		i = j;
	}
	if (i < len && s[i] == '#') {
		i++;
		u->fragment.ptr = s + i;
		u->fragment.len = len - i;
		u->fragment.set = 1;
	}
}

/* Whether s (len bytes) starts with the string p. */
static int
has_prefix(const char *s, size_t len, const char *p)
{
	size_t	 n = strlen(p);

	return len >= n && memcmp(s, p, n) == 0;
}

/* Whether s (len bytes) is the string p. */
static int
is_exactly(const char *s, size_t len, const char *p)
{
	return len == strlen(p) && memcmp(s, p, len) == 0;
}

/*
 * Removes the last segment and its '/' from the path that starts at offset
 * start of out.
 */
static void
pop_segment(struct buf *out, size_t start)
{
	const char	*s = buf_str(out);
	size_t		 n = buf_len(out);

	while (n > start && s[n - 1] != '/')
		n--;
	if (n > start)
		n--;
	buf_truncate(out, n);
}

/* RFC 3986 5.2.4: appends path (len bytes) to out, dot segments removed. */
static void
remove_dots(struct buf *out, const char *in, size_t n)
{
	size_t	 start = buf_len(out), i;

	while (n > 0) {
		if (has_prefix(in, n, "../")) {
			in += 3;
			n -= 3;
		} else if (has_prefix(in, n, "./") ||
		    has_prefix(in, n, "/./")) {
			in += 2;
			n -= 2;
		} else if (is_exactly(in, n, "/.")) {
			buf_addc(out, '/');
			break;
		} else if (has_prefix(in, n, "/../")) {
			in += 3;
			n -= 3;
			pop_segment(out, start);
		} else if (is_exactly(in, n, "/..")) {
			pop_segment(out, start);
			buf_addc(out, '/');
			break;
		} else if (is_exactly(in, n, ".") || is_exactly(in, n, ".."))
			break;
		else {
			for (i = in[0] == '/' ? 1 : 0; i < n && in[i] != '/';
			    i++)
				;
			buf_add(out, in, i);
			in += i;
			n -= i;
		}
	}
}

/* Appends lead and the component when it is defined. */
static void
add_part(struct buf *b, const char *lead, const struct part *p)
{
	if (!p->set)
		return;
	buf_adds(b, lead);
	buf_add(b, p->ptr, p->len);
}

/* RFC 3986 5.3, removing dot segments from the path on the way. */
static char *
recompose(const struct uri *u)
{
	struct buf	 b;

	buf_init(&b, BUF_NOLIMIT);
	if (u->scheme.set) {
		buf_add(&b, u->scheme.ptr, u->scheme.len);
		buf_addc(&b, ':');
	}
	add_part(&b, "//", &u->authority);
	remove_dots(&b, u->path.ptr, u->path.len);
	add_part(&b, "?", &u->query);
	add_part(&b, "#", &u->fragment);
	return buf_detach(&b);
}

int
uri_is_absolute(const char *s)
{
	if (s == NULL)
		return 0;
	return scheme_len(s, strlen(s)) != 0;
}

/* RFC 3986 5.2.2, strict; a NULL ref gives NULL. */
char *
uri_resolve(const char *base, const char *ref)
{
	struct uri	 r, b, t;
	struct buf	 merged;
	const char	*rs, *bs;
	size_t		 rlen, blen, len;
	char		*out;

	if (ref == NULL)
		return NULL;
	trim(ref, &rs, &rlen);
	split(rs, rlen, &r);
	if (r.scheme.set)
		return recompose(&r);
	if (base == NULL)
		return xstrndup(rs, rlen);
	trim(base, &bs, &blen);
	split(bs, blen, &b);
	if (!b.scheme.set)
		return xstrndup(rs, rlen);

	memset(&t, 0, sizeof t);
	t.scheme = b.scheme;
	t.fragment = r.fragment;
	if (r.authority.set) {
		t.authority = r.authority;
		t.path = r.path;
		t.query = r.query;
		return recompose(&t);
	}
	t.authority = b.authority;
	if (r.path.len == 0) {
		t.path = b.path;
		t.query = r.query.set ? r.query : b.query;
		return recompose(&t);
	}
	t.query = r.query;
	if (r.path.ptr[0] == '/') {
		t.path = r.path;
		return recompose(&t);
	}

	/* 5.2.3: merge the relative path with the base's directory. */
	buf_init(&merged, BUF_NOLIMIT);
	if (b.authority.set && b.path.len == 0)
		buf_addc(&merged, '/');
	else {
		for (len = b.path.len; len > 0 &&
		    b.path.ptr[len - 1] != '/'; len--)
			;
		buf_add(&merged, b.path.ptr, len);
	}
	buf_add(&merged, r.path.ptr, r.path.len);
	t.path.ptr = buf_str(&merged);
	t.path.len = buf_len(&merged);
	t.path.set = 1;
	out = recompose(&t);
	buf_free(&merged);
	return out;
}
