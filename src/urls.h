/*
 * The feed list, in newsboat's urls format: one feed a line, the URL, then
 * tags ("quoted" when they hold spaces) and ~"Title" to rename; # starts
 * a comment.  Lines naming commands (exec:, filter:, a leading |) are
 * refused: tidings never runs a command from a feed list.
 */
#ifndef TIDINGS_URLS_H
#define TIDINGS_URLS_H

#include <stddef.h>

struct urls_entry {
	char		*url;
	char		*title;		/* ~"Title", or NULL */
	char		**tags;
	size_t		 ntags;
};

struct urls {
	struct urls_entry *entries;
	size_t		 n;
};

/* The entries of a list by URL, for large lists and imports. */
struct urls_index {
	size_t		*slot;		/* entry index + 1; 0 is empty */
	size_t		 cap;
	size_t		 n;
};

/* The index + 1 of the entry with url, or 0. */
size_t		 urls_index_find(const struct urls_index *,
		    const struct urls *, const char *);
/* Indexes entry i, whose URL is not in the index yet. */
void		 urls_index_add(struct urls_index *, const struct urls *,
		    size_t);
void		 urls_index_free(struct urls_index *);

/*
 * Reads the list at path.  Bad lines are reported through warn (one
 * translated message naming path:line each) and skipped; returns the list,
 * or NULL with *cause when the file cannot be read (a missing file is an
 * empty list only when missing_ok).
 */
struct urls	*urls_load(const char *, int, void (*)(void *, const char *),
		    void *, char **);
/* Parses list text; name is used in messages. */
struct urls	*urls_parse(const char *, size_t, const char *,
		    void (*)(void *, const char *), void *);
void		 urls_free(struct urls *);
/* Appends an entry (copies); returns 0, or -1 when the URL is present. */
int		 urls_add(struct urls *, const char *, const char *,
		    char *const *, size_t);
/* Writes the list to path atomically (temporary file, fsync, rename). */
int		 urls_save(const struct urls *, const char *, char **);
/*
 * Adds entries [from, n) of the list at the end of the file at path,
 * keeping every line already there (comments, lines tidings refused);
 * atomically, as urls_save.
 */
int		 urls_append(const struct urls *, size_t, const char *,
		    char **);
/* Whether a URL names a command rather than a feed (exec:, filter:, |). */
int		 urls_is_command(const char *);

#endif
