/*
 * urls.c owns the feed list in newsboat's "urls" format: reading it (one
 * feed a line: the URL, then tags, "quoted" when they hold spaces, and
 * "~Title" or ~"Title" to rename; # starts a comment), refusing what is
 * not a feed (exec:, filter: and | commands, query: feeds, other URL
 * schemes), and writing it back atomically.
 *
 * The tokens follow newsboat's: a token is quoted only when it starts with
 * a quote, \" and \\ are the escapes inside quotes, and # ends the line
 * where a token would start.  ~"Title" is our extension; we write the
 * newsboat form "~Title", which newsboat reads too.  A tag that begins
 * with ~ is written "\~tag" so that it does not come back as a title.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "buf.h"
#include "i18n.h"
#include "txt.h"
#include "urls.h"
#include "xmalloc.h"

#define URLS_FILE_MAX	(16u * 1024 * 1024)	/* the whole list */
#define URLS_LINE_MAX	(64u * 1024)		/* one line */
#define URLS_TAGS_MAX	256			/* tags a feed */
#define URLS_HEADER	"# tidings feed list (newsboat urls format)\n"

/* A line being parsed, for messages. */
struct lctx {
	const char	*name;
	size_t		 lineno;
	void		(*warn)(void *, const char *);
	void		*ud;
};

static int	 has_prefix(const char *, const char *);
static int	 url_scheme_ok(const char *);
static int	 url_text_ok(const char *);
static size_t	 url_hash(const char *);
static int	 valid_text(const char *, size_t);
static int	 next_token(const char *, size_t, size_t *, struct buf *,
		    int *);
static void	 parse_line(struct urls *, struct urls_index *, struct lctx *,
		    const char *, size_t);
static int	 has_tag(char *const *, size_t, const char *);
static struct urls_entry *entry_append(struct urls *, char *, char *,
		    char **, size_t);
static void	 entry_free(struct urls_entry *);
static int	 needs_quotes(const char *, int);
static void	 add_word(struct buf *, const char *, int);
static int	 write_all(int, const char *, size_t);
static void	 sync_dir(const char *);
static void	 add_entries(struct buf *, const struct urls *, size_t);
static int	 write_atomically(const char *, const struct buf *, char **);

static int
has_prefix(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

int
urls_is_command(const char *url)
{
	if (url == NULL)
		return 0;
	while (*url == ' ' || *url == '\t' || *url == '\n' || *url == '\r')
		url++;
	return *url == '|' || has_prefix(url, "exec:") ||
	    has_prefix(url, "filter:");
}

/* Whether url is http://, https:// or file:// with something after. */
static int
url_scheme_ok(const char *url)
{
	static const char *const schemes[] = {
		"http://", "https://", "file://"
	};
	size_t	 i;

	for (i = 0; i < sizeof schemes / sizeof *schemes; i++)
		if (has_prefix(url, schemes[i]) &&
		    url[strlen(schemes[i])] != '\0')
			return 1;
	return 0;
}

/* Whether url is clean UTF-8 with no space, control or bidi character. */
static int
url_text_ok(const char *url)
{
	return strchr(url, ' ') == NULL &&
	    txt_is_clean(url, strlen(url), TXT_ONELINE);
}

static size_t
url_hash(const char *s)
{
	size_t	 h = 5381;

	while (*s != '\0')
		h = h * 33 + (unsigned char)*s++;
	return h;
}

size_t
urls_index_find(const struct urls_index *ix, const struct urls *list,
    const char *url)
{
	size_t	 j;

	if (ix->cap == 0)
		return 0;
	j = url_hash(url) & (ix->cap - 1);
	while (ix->slot[j] != 0) {
		if (strcmp(list->entries[ix->slot[j] - 1].url, url) == 0)
			return ix->slot[j];
		j = (j + 1) & (ix->cap - 1);
	}
	return 0;
}

void
urls_index_add(struct urls_index *ix, const struct urls *list, size_t i)
{
	size_t	*old, oldcap, k, j;

	if (ix->cap == 0 || (ix->n + 1) * 2 > ix->cap) {
		old = ix->slot;
		oldcap = ix->cap;
		ix->cap = oldcap == 0 ? 64 : oldcap * 2;
		ix->slot = xcalloc(ix->cap, sizeof *ix->slot);
		for (k = 0; k < oldcap; k++) {
			if (old[k] == 0)
				continue;
			j = url_hash(list->entries[old[k] - 1].url) &
			    (ix->cap - 1);
			while (ix->slot[j] != 0)
				j = (j + 1) & (ix->cap - 1);
			ix->slot[j] = old[k];
		}
		free(old);
	}
	j = url_hash(list->entries[i].url) & (ix->cap - 1);
	while (ix->slot[j] != 0)
		j = (j + 1) & (ix->cap - 1);
	ix->slot[j] = i + 1;
	ix->n++;
}

void
urls_index_free(struct urls_index *ix)
{
	free(ix->slot);
	ix->slot = NULL;
	ix->cap = ix->n = 0;
}

/* Whether s[0..len) is valid UTF-8 without NUL bytes. */
static int
valid_text(const char *s, size_t len)
{
	uint32_t	 c;
	size_t		 i, n;

	for (i = 0; i < len; i += n) {
		if ((unsigned char)s[i] < 0x80) {
			if (s[i] == '\0')
				return 0;
			n = 1;
			continue;
		}
		n = txt_utf8_decode(s + i, len - i, &c);
		if (c == TXT_REPLACEMENT && n == 1)
			return 0;
	}
	return 1;
}

/*
 * Reads the next token of s[0..len) from *pos into out (emptied first).
 * Returns 0 at the end of the line or at a comment.  *title is set when
 * the token renames the feed (~Title, ~"Title" or "~Title"); out then
 * holds the title without the ~.
 */
static int
next_token(const char *s, size_t len, size_t *pos, struct buf *out,
    int *title)
{
	size_t	 p = *pos;
	char	 c;

	buf_reset(out);
	*title = 0;
	while (p < len && (s[p] == ' ' || s[p] == '\t'))
		p++;
	if (p >= len || s[p] == '#') {
		*pos = p;
		return 0;
	}
	if (s[p] == '~') {
		*title = 1;
		p++;
	}
	if (p < len && s[p] == '"') {
		p++;
		if (!*title && p < len && s[p] == '~') {
			*title = 1;
			p++;
		}
		while (p < len) {
			c = s[p++];
			if (c == '"')
				break;
			if (c == '\\' && p < len) {
				c = s[p++];
				if (c == 'n' || c == 't' || c == 'r')
					c = ' ';
			}
			buf_addc(out, c);
		}
	} else {
		while (p < len && s[p] != ' ' && s[p] != '\t')
			buf_addc(out, s[p++]);
	}
	*pos = p;
	return 1;
}

static int
has_tag(char *const *tags, size_t ntags, const char *tag)
{
	size_t	 i;

	for (i = 0; i < ntags; i++)
		if (strcmp(tags[i], tag) == 0)
			return 1;
	return 0;
}

/* Parses one line (no newline, no CR) and adds its feed, if any. */
static void
parse_line(struct urls *list, struct urls_index *seen, struct lctx *lc,
    const char *s, size_t len)
{
	struct buf	 tok;
	char		*url = NULL, *title = NULL, *msg = NULL, *t;
	char		**tags = NULL;
	size_t		 pos = 0, ntags = 0, i;
	int		 istitle, toomany = 0;

	if (len > URLS_LINE_MAX) {
		/* TRANSLATORS: %s is the feed list's file name, %zu a line
		   number in it. */
		xasprintf(&msg, _("%s:%zu: the line is longer than 64 KiB; "
		    "skipped"), lc->name, lc->lineno);
		goto out;
	}
	if (!valid_text(s, len)) {
		/* TRANSLATORS: %s is the feed list's file name, %zu a line
		   number in it. */
		xasprintf(&msg, _("%s:%zu: the line is not valid UTF-8; "
		    "skipped"), lc->name, lc->lineno);
		goto out;
	}
	buf_init(&tok, BUF_NOLIMIT);
	if (!next_token(s, len, &pos, &tok, &istitle)) {
		buf_free(&tok);
		return;		/* blank or a comment */
	}
	url = buf_detach(&tok);
	if (istitle) {
		/* "~x" where the URL should be: not a URL at all. */
		t = xprintf("~%s", url);
		free(url);
		url = t;
	}
	while (next_token(s, len, &pos, &tok, &istitle)) {
		t = txt_sanitize(buf_str(&tok), buf_len(&tok), TXT_ONELINE);
		if (istitle) {
			free(title);
			title = t;
			if (*title == '\0') {
				free(title);
				title = NULL;
			}
		} else if (*t == '\0' || has_tag(tags, ntags, t))
			free(t);
		else if (ntags >= URLS_TAGS_MAX) {
			toomany = 1;
			free(t);
		} else {
			tags = xreallocarray(tags, ntags + 1, sizeof *tags);
			tags[ntags++] = t;
		}
	}
	buf_free(&tok);

	if (urls_is_command(url)) {
		/* TRANSLATORS: %s is the feed list's file name, %zu a line
		   number in it. */
		xasprintf(&msg, _("%s:%zu: refused: tidings never runs "
		    "commands from a feed list"), lc->name, lc->lineno);
		goto out;
	}
	if (has_prefix(url, "query:")) {
		/* TRANSLATORS: %s is the feed list's file name, %zu a line
		   number in it.  A query feed is newsboat's saved search. */
		xasprintf(&msg, _("%s:%zu: a newsboat query feed is not a "
		    "feed URL; skipped"), lc->name, lc->lineno);
		goto out;
	}
	if (!url_scheme_ok(url)) {
		/* TRANSLATORS: %s is the feed list's file name, %zu a line
		   number in it. */
		xasprintf(&msg, _("%s:%zu: unsupported URL scheme; only "
		    "http, https and file URLs are read"), lc->name,
		    lc->lineno);
		goto out;
	}
	if (!url_text_ok(url)) {
		/* TRANSLATORS: %s is the feed list's file name, %zu a line
		   number in it. */
		xasprintf(&msg, _("%s:%zu: the URL holds spaces or control "
		    "characters; skipped"), lc->name, lc->lineno);
		goto out;
	}
	if (toomany && lc->warn != NULL) {
		/* TRANSLATORS: %s is the feed list's file name, %zu a line
		   number in it, %d the most tags a feed can have. */
		xasprintf(&msg, _("%s:%zu: more than %d tags; the rest were "
		    "dropped"), lc->name, lc->lineno, URLS_TAGS_MAX);
		lc->warn(lc->ud, msg);
		free(msg);
		msg = NULL;
	}
	if (urls_index_find(seen, list, url) != 0) {
		/* TRANSLATORS: %1$s is the feed list's file name, %2$zu a
		   line number in it, %3$s a feed URL. */
		xasprintf(&msg, _("%1$s:%2$zu: %3$s is already in the list; "
		    "the first entry is kept"), lc->name, lc->lineno, url);
		goto out;
	}
	entry_append(list, url, title, tags, ntags);
	urls_index_add(seen, list, list->n - 1);
	url = title = NULL;
	tags = NULL;
	ntags = 0;
out:
	if (msg != NULL && lc->warn != NULL)
		lc->warn(lc->ud, msg);
	free(msg);
	free(url);
	free(title);
	for (i = 0; i < ntags; i++)
		free(tags[i]);
	free(tags);
}

struct urls *
urls_parse(const char *data, size_t len, const char *name,
    void (*warn)(void *, const char *), void *ud)
{
	struct urls	*list;
	struct urls_index seen = { NULL, 0, 0 };
	struct lctx	 lc;
	const char	*line, *nl, *end = data + len;
	size_t		 llen;

	list = xcalloc(1, sizeof *list);
	lc.name = name;
	lc.lineno = 0;
	lc.warn = warn;
	lc.ud = ud;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		data += 3;
	for (line = data; line < end; line = nl + 1) {
		lc.lineno++;
		nl = memchr(line, '\n', (size_t)(end - line));
		if (nl == NULL)
			nl = end;
		llen = (size_t)(nl - line);
		if (llen > 0 && line[llen - 1] == '\r')
			llen--;
		parse_line(list, &seen, &lc, line, llen);
	}
	urls_index_free(&seen);
	return list;
}

struct urls *
urls_load(const char *path, int missing_ok,
    void (*warn)(void *, const char *), void *ud, char **cause)
{
	struct urls	*list;
	struct buf	 b;
	int		 fd, rc, saved;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		if (errno == ENOENT && missing_ok)
			return xcalloc(1, sizeof (struct urls));
		saved = errno;
		goto fail;
	}
	buf_init(&b, URLS_FILE_MAX);
	if ((rc = buf_read_fd(&b, fd)) != 0) {
		if (rc == 1)
			errno = EFBIG;
		saved = errno;
		buf_free(&b);
		close(fd);
		goto fail;
	}
	close(fd);
	list = urls_parse(buf_str(&b), buf_len(&b), path, warn, ud);
	buf_free(&b);
	return list;

fail:
	if (cause != NULL) {
		/* TRANSLATORS: %1$s is a file name, %2$s the system's
		   reason. */
		xasprintf(cause, _("%1$s: cannot read the feed list: %2$s"),
		    path, strerror(saved));
	}
	return NULL;
}

static void
entry_free(struct urls_entry *e)
{
	size_t	 i;

	free(e->url);
	free(e->title);
	for (i = 0; i < e->ntags; i++)
		free(e->tags[i]);
	free(e->tags);
}

void
urls_free(struct urls *list)
{
	size_t	 i;

	if (list == NULL)
		return;
	for (i = 0; i < list->n; i++)
		entry_free(&list->entries[i]);
	free(list->entries);
	free(list);
}

/* Appends an entry that takes over url, title and tags. */
static struct urls_entry *
entry_append(struct urls *list, char *url, char *title, char **tags,
    size_t ntags)
{
	struct urls_entry	*e;

	list->entries = xreallocarray(list->entries, list->n + 1,
	    sizeof *list->entries);
	e = &list->entries[list->n++];
	e->url = url;
	e->title = title;
	e->tags = tags;
	e->ntags = ntags;
	return e;
}

int
urls_add(struct urls *list, const char *url, const char *title,
    char *const *tags, size_t ntags)
{
	char	**copy = NULL;
	size_t	  i;

	for (i = 0; i < list->n; i++)
		if (strcmp(list->entries[i].url, url) == 0)
			return -1;
	if (ntags > 0)
		copy = xreallocarray(NULL, ntags, sizeof *copy);
	for (i = 0; i < ntags; i++)
		copy[i] = xstrdup(tags[i]);
	entry_append(list, xstrdup(url), title != NULL ? xstrdup(title) :
	    NULL, copy, ntags);
	return 0;
}

/*
 * Whether a word must be written in quotes to read back the same: it is
 * empty, holds a blank, a quote or a backslash, or starts with # (and,
 * for tags, ~, which would make it a title).
 */
static int
needs_quotes(const char *s, int tag)
{
	const char	*p;

	if (*s == '\0' || *s == '#' || *s == '"' || (tag && *s == '~'))
		return 1;
	for (p = s; *p != '\0'; p++)
		if (*p == ' ' || *p == '"' || *p == '\\' ||
		    (unsigned char)*p < 0x20)
			return 1;
	return 0;
}

/*
 * Appends a word, quoted when needed; as a title, always "~quoted".
 * Control characters, which would break the line, are written as spaces.
 */
static void
add_word(struct buf *b, const char *s, int kind)
{
	const char	*p;
	int		 tag = kind == 't', title = kind == '~';

	if (!title && !needs_quotes(s, tag)) {
		buf_adds(b, s);
		return;
	}
	buf_adds(b, title ? "\"~" : "\"");
	for (p = s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\' || (tag && p == s && *p == '~'))
			buf_addc(b, '\\');
		buf_addc(b, (unsigned char)*p < 0x20 ? ' ' : *p);
	}
	buf_addc(b, '"');
}

static int
write_all(int fd, const char *s, size_t len)
{
	ssize_t	 n;

	while (len > 0) {
		n = write(fd, s, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		s += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Makes a rename in the directory of path durable; failures are moot. */
static void
sync_dir(const char *path)
{
	const char	*slash = strrchr(path, '/');
	char		*dir;
	int		 fd;

	if (slash == NULL)
		dir = xstrdup(".");
	else if (slash == path)
		dir = xstrdup("/");
	else
		dir = xstrndup(path, (size_t)(slash - path));
	if ((fd = open(dir, O_RDONLY | O_CLOEXEC | O_DIRECTORY)) != -1) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

/* Appends entries [from, list->n) to b, one line each. */
static void
add_entries(struct buf *b, const struct urls *list, size_t from)
{
	const struct urls_entry	*e;
	size_t			 i, j;

	for (i = from; i < list->n; i++) {
		e = &list->entries[i];
		add_word(b, e->url, 'u');
		for (j = 0; j < e->ntags; j++) {
			buf_addc(b, ' ');
			add_word(b, e->tags[j], 't');
		}
		if (e->title != NULL) {
			buf_addc(b, ' ');
			add_word(b, e->title, '~');
		}
		buf_addc(b, '\n');
	}
}

int
urls_save(const struct urls *list, const char *path, char **cause)
{
	struct buf	 b;
	int		 rc;

	buf_init(&b, BUF_NOLIMIT);
	buf_adds(&b, URLS_HEADER);
	add_entries(&b, list, 0);
	rc = write_atomically(path, &b, cause);
	buf_free(&b);
	return rc;
}

/*
 * Keeps the file as it is, every comment and line tidings did not read
 * included, and adds entries [from, list->n) at its end.
 */
int
urls_append(const struct urls *list, size_t from, const char *path,
    char **cause)
{
	struct buf	 b;
	int		 fd, rc;

	buf_init(&b, BUF_NOLIMIT);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) != -1) {
		rc = buf_read_fd(&b, fd);
		close(fd);
		if (rc != 0) {
			/* TRANSLATORS: %1$s is a file name, %2$s the
			   system's reason. */
			xasprintf(cause, _("%1$s: cannot read the feed list: "
			    "%2$s"), path, strerror(errno));
			buf_free(&b);
			return -1;
		}
	} else
		buf_adds(&b, URLS_HEADER);
	if (buf_len(&b) > 0 && buf_str(&b)[buf_len(&b) - 1] != '\n')
		buf_addc(&b, '\n');
	add_entries(&b, list, from);
	rc = write_atomically(path, &b, cause);
	buf_free(&b);
	return rc;
}

/* Replaces path with the contents of b: temporary file, fsync, rename. */
static int
write_atomically(const char *path, const struct buf *bp, char **cause)
{
	struct stat		 st;
	char			*real, *tmp;
	const char		*target;
	int			 fd = -1, saved, rc = -1;

	/* Replace the file a symbolic link points to, not the link. */
	real = realpath(path, NULL);
	target = real != NULL ? real : path;
	tmp = xprintf("%s.tmp.%ld", target, (long)getpid());
	unlink(tmp);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd == -1)
		goto fail;
	if (stat(target, &st) == 0)
		fchmod(fd, st.st_mode & 07777);
	if (write_all(fd, buf_str(bp), buf_len(bp)) != 0 || fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, target) != 0)
		goto fail;
	sync_dir(target);
	rc = 0;
	goto out;

fail:
	saved = errno;
	if (fd != -1)
		close(fd);
	unlink(tmp);
	if (cause != NULL) {
		/* TRANSLATORS: %1$s is a file name, %2$s the system's
		   reason. */
		xasprintf(cause, _("%1$s: cannot save the feed list: %2$s"),
		    path, strerror(saved));
	}
out:
	free(tmp);
	free(real);
	return rc;
}
