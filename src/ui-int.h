/*
 * The reader's private header, shared by ui*.c: the state of the panes,
 * the layout, and the functions one ui file calls in another.  Only ui*.c
 * include curses; the panes get their data from the store and render
 * modules, never SQL or curl.
 */
#ifndef TIDINGS_UI_INT_H
#define TIDINGS_UI_INT_H

#include <stddef.h>
#include <stdint.h>

#include "conf.h"
#include "keys.h"
#include "render.h"
#include "revision.h"
#include "store.h"
#include "track.h"
#include "update.h"
#include "urls.h"

enum ui_pane {
	PANE_FEEDS,
	PANE_LIST,
	PANE_ARTICLE,
	PANE_COUNT
};

enum ui_mode {
	MODE_COLUMNS,		/* three columns */
	MODE_ROWS,		/* feeds | list above article */
	MODE_SINGLE		/* one pane at a time */
};

enum ui_overlay {
	OVERLAY_NONE,
	OVERLAY_HELP,
	OVERLAY_ERRORS,
	OVERLAY_LANG		/* the language menu */
};

enum ui_entry_kind {
	ENTRY_STORIES,
	ENTRY_ALL,
	ENTRY_STARRED,
	ENTRY_TAG,
	ENTRY_FEED
};

/* One line of the feeds pane. */
struct ui_entry {
	enum ui_entry_kind kind;
	const char	*name;		/* tag name or feed title; sanitised,
					   owned by the list or feed table */
	size_t		 feed;		/* ENTRY_FEED: index into ui.feeds */
	unsigned	 unread;
	int		 failed;	/* a feed (of the tag) failed */
};

/* A feed of the list joined with what the cache knows of it. */
struct ui_feed {
	const char	*url;		/* the list's */
	char		*title;		/* sanitised: ~"Title", cached, URL */
	const struct store_feed *sf;	/* NULL: not fetched yet */
};

/* A rectangle of the screen. */
struct ui_rect {
	int		 y, x, h, w;
};

/* What the article list holds. */
enum ui_list {
	LIST_ARTICLES,		/* articles of feeds, a tag or a search */
	LIST_STORIES,		/* the Stories entry: stories, rows by story */
	LIST_STORY		/* one story's timeline: rows by track entry */
};

enum ui_prompt {
	PROMPT_NONE,
	PROMPT_SEARCH,
	PROMPT_LINK
};

struct ui {
	struct conf	*conf;
	struct store	*store;
	struct urls	*list;
	const char	*config_path;	/* where L saves the language */
	const char	*urls_path;	/* the feed list, read again by L */
	int		 urls_given;
	int		 ascii;		/* no UTF-8 on the terminal */

	/* Feeds pane. */
	struct store_feed *sfeeds;	/* sorted by URL */
	size_t		 nsfeeds;
	struct ui_feed	*feeds;		/* in list order */
	size_t		 nfeeds;
	struct ui_entry	*entries;
	size_t		 nentries;
	size_t		 fsel, ftop;

	/* Article list: what the feeds pane selected, or a search. */
	char		*list_title;	/* sanitised */
	struct store_row *rows;
	size_t		 nrows;
	char		**titles;	/* per row, loaded when drawn */
	size_t		 lsel, ltop;
	int		 list_loaded;
	/*
	 * The first screen shows only the rows that fit (list_first asks
	 * for that, list_partial says it happened); the loop loads the
	 * whole list right after drawing it, before the first key.  Until
	 * then the counts come from the feeds (list_total, list_unread).
	 */
	int		 list_first;
	int		 list_partial;
	size_t		 list_total, list_unread;
	char		*search;	/* the list is a search for this */
	enum ui_list	 list_kind;

	/* Stories: the list of stories, or the story open in the list. */
	struct store_story *stories;	/* LIST_STORIES: one per row */
	size_t		 nstories;
	int64_t		 story;		/* LIST_STORY: its id; else 0 */
	char		*story_label;	/* LIST_STORY: sanitised, or NULL */
	struct store_story_item *sitems; /* LIST_STORY: its articles */
	size_t		 nsitems;
	struct track_entry *sentries;	/* LIST_STORY: one per row */
	size_t		 nsentries;
	int64_t		*fresh;		/* unread and new in a followed
					   story, sorted */
	size_t		 nfresh;
	struct track	*track;		/* the stories engine, or NULL when
					   stories are off */
	int64_t		 due_checked;	/* ms: the last look for due feeds */

	/* Article pane. */
	int64_t		 art_id;	/* 0: none */
	struct store_article art;
	struct render_doc *doc;
	int		 doc_width;
	int		 show_full;	/* the fetched web page, not the feed */
	size_t		 atop;
	char		**header;	/* sanitised header lines */
	size_t		 nheader;
	int64_t		 fetching_id;	/* a full article on its way */
	/* What changed (u): the current text against revs[rev - 1]. */
	size_t		 rev;		/* 0: the article itself */
	struct store_revision *revs;	/* newest first */
	size_t		 nrevs;
	struct revision_diff *diff_title; /* NULL: the same title */
	struct revision_diff *diff_text;

	/* Layout. */
	enum ui_mode	 mode;
	enum ui_pane	 focus;
	struct ui_rect	 pane[PANE_COUNT];
	int		 lines, cols;
	enum ui_overlay	 overlay;
	size_t		 otop;
	size_t		 lang_sel;	/* the language menu's selection */

	/* Status and prompt. */
	char		*message;
	int		 message_error;
	enum ui_prompt	 prompt;
	struct buf	*input;

	/* Refresh in the loop. */
	struct update	*upd;
	unsigned	 refresh_feeds;	/* in the current refresh */
	unsigned	 refresh_done;
	int		 stale;		/* counts changed since the last reload */
	int		 stale_list;	/* and the list's articles too */
	int64_t		 stale_since;	/* ms */

	int		 dirty;
	int		 quit;
};

/* ui.c */
void	 ui_message(struct ui *, int, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
int64_t	 ui_now_ms(void);
void	 ui_stale(struct ui *, int);
void	 ui_refresh_feeds(struct ui *, const size_t *, size_t);
void	 ui_fetch_page(struct ui *, int64_t, const char *);
void	 ui_open_link(struct ui *, size_t);
int	 ui_color(const struct ui *, enum conf_elem);
void	 ui_put(const struct ui *, int, int, int, const char *, int);
void	 ui_fill(int, int, int);
char	*ui_fit_name(const struct ui *, int, const char *, const char *,
	    size_t, size_t);
size_t	 ui_warnings_get(const char ***);
void	 ui_warnings_reload(struct ui *);

/* ui-feeds.c */
void	 feeds_load(struct ui *);
void	 feeds_free(struct ui *);
void	 feeds_draw(struct ui *, const struct ui_rect *, int);
void	 feeds_select(struct ui *, size_t);
size_t	 feeds_of_entry(const struct ui *, size_t, int64_t **, size_t *,
	    size_t **);
const char *feeds_label(const struct ui *, size_t);

/* ui-items.c */
void	 items_load(struct ui *, int);
void	 items_free(struct ui *);
void	 items_draw(struct ui *, const struct ui_rect *, int);
void	 items_select(struct ui *, size_t);
void	 items_set_read(struct ui *, size_t, int);
void	 items_set_rows(struct ui *, const char *, struct store_row *, size_t,
	    int);
int	 items_next_unread(struct ui *, int);
void	 items_search(struct ui *, const char *);
void	 items_format_date(char *, size_t, int64_t, const char *);
int	 items_row_head(const struct ui *, const struct ui_rect *, int,
	    const char *, int64_t, int, int);
size_t	 items_unread(const struct ui *);
size_t	 items_total(const struct ui *);

/* ui-article.c */
void	 article_open(struct ui *, int64_t);
void	 article_close(struct ui *);
void	 article_draw(struct ui *, const struct ui_rect *, int);
void	 article_scroll(struct ui *, long);
size_t	 article_lines(const struct ui *);
void	 article_fulltext(struct ui *, const char *, size_t, const char *);
void	 article_changes(struct ui *, enum cmd);

/* ui-lang.c */
void	 lang_open(struct ui *);
void	 lang_draw(struct ui *);
void	 lang_key(struct ui *, uint32_t);

/* ui-stories.c */
void	 storylist_load(struct ui *, int);
void	 storylist_free(struct ui *);
void	 storylist_draw(struct ui *, const struct ui_rect *, int);
void	 storylist_fresh_load(struct ui *);
int	 storylist_is_fresh(const struct ui *, size_t);
const char *storylist_source(const struct ui *, size_t);
void	 storylist_open(struct ui *);
int	 storylist_back(struct ui *);
void	 storylist_follow(struct ui *);
int	 storylist_set_read(struct ui *, size_t, int);
void	 storylist_mark_all(struct ui *);

/* ui-status.c */
void	 status_draw(struct ui *);
void	 overlay_draw(struct ui *);
size_t	 overlay_lines(const struct ui *);
void	 prompt_start(struct ui *, enum ui_prompt);
void	 prompt_key(struct ui *, uint32_t);

#endif
