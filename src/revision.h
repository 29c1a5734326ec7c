/*
 * Revisions of an article: whether a fetched version differs from the
 * stored one in substance, and a word-level difference between two
 * versions for the reader.  No SQL and no curses: store.c asks
 * revision_same before it keeps a revision, the reader renders
 * revision_diff's segments with render_diff.
 */
#ifndef TIDINGS_REVISION_H
#define TIDINGS_REVISION_H

#include <stddef.h>

/* One version of an article's text, as the cache holds it. */
struct revision_text {
	const char	*title;		/* plain text, or NULL */
	const char	*summary;	/* or NULL */
	int		 summary_html;	/* summary is HTML, else plain text */
	const char	*content;	/* or NULL */
	int		 content_html;
};

/*
 * Whether two versions say the same: their visible text (tags dropped,
 * entities decoded, whitespace collapsed) and their link targets (href
 * and src, and URLs written in the text), with tracking parameters
 * removed from the links, are equal field by field.  Whitespace, markup
 * and tracking parameters alone do not make a new version.
 */
int	 revision_same(const struct revision_text *,
	    const struct revision_text *);
/*
 * A link without its tracking parameters (utm_*, fbclid, gclid, mc_cid,
 * mc_eid, igshid and the like); the rest, their order and the fragment
 * are kept.  Allocated.
 */
char	*revision_clean_link(const char *);
/*
 * The text a reader sees of a field: for HTML, tags dropped and entities
 * decoded; words separated by one space, paragraphs by one newline
 * (a block edge in HTML, a blank line in plain text), nothing at either
 * end.  Not sanitised.  Allocated.
 */
char	*revision_visible(const char *, int);
/*
 * The text a reader sees of a version: its content, else its summary,
 * as revision_visible gives it (the article pane shows the same field).
 * Allocated.
 */
char	*revision_body(const struct revision_text *);

enum revision_op {
	REVISION_SAME,
	REVISION_ADDED,		/* in the newer version only */
	REVISION_REMOVED	/* in the older version only */
};

/* A run of words that one of the versions or both have. */
struct revision_seg {
	enum revision_op op;
	char		*text;		/* words joined by one space; a
					   newline before a word that starts
					   a paragraph (not the first) */
};

struct revision_diff {
	struct revision_seg *segs;
	size_t		 nsegs;
	int		 changed;	/* a segment is added or removed */
	int		 approximate;	/* too long or too different to
					   compare word by word: the changed
					   middle is one removal and one
					   addition */
};

/* Caps that keep a difference of long articles bounded. */
#define REVISION_WORDS_MAX	20000	/* words compared, each version */
#define REVISION_EDITS_MAX	1000	/* words added plus removed */

/*
 * The word-level difference from old to new (texts as revision_visible
 * gives them; NULL is empty): the common start and end are found first,
 * the middle by Myers' algorithm within the caps above.  In a changed
 * stretch, removals come before additions.  Allocated.
 */
struct revision_diff *revision_diff(const char *, const char *);
void	 revision_diff_free(struct revision_diff *);

#endif
