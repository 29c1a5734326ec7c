/*
 * The config file ($XDG_CONFIG_HOME/tidings/config, or --config FILE):
 * settings, colours per element, and key bindings.  A bad line is reported
 * with file and line and skipped, and the default stays.  No curses here:
 * colours and attributes are plain numbers the UI maps.
 *
 *	# a comment
 *	jobs = 16
 *	revisions = 10
 *	layout = auto
 *	bind J next-unread
 *	unbind n
 *	color unread yellow default bold
 */
#ifndef TIDINGS_CONF_H
#define TIDINGS_CONF_H

#include "fetch.h"
#include "keys.h"

enum conf_layout {
	CONF_LAYOUT_AUTO,	/* by terminal width */
	CONF_LAYOUT_COLUMNS,	/* three columns */
	CONF_LAYOUT_ROWS,	/* feeds beside list above article */
	CONF_LAYOUT_SINGLE	/* one pane at a time */
};

/* The elements that have a colour. */
enum conf_elem {
	CONF_NORMAL,
	CONF_SELECTED,		/* the selected row of the focused pane */
	CONF_SELECTED_UNFOCUSED,
	CONF_BORDER,
	CONF_BORDER_FOCUSED,
	CONF_TITLE,		/* pane titles */
	CONF_STATUS,		/* the status line */
	CONF_UNREAD,
	CONF_UPDATED,
	CONF_STARRED,
	CONF_FAILED,		/* a feed whose last check failed */
	CONF_TAG,		/* tag groups in the feeds pane */
	CONF_HEADING,		/* article headings and header fields */
	CONF_LINK,
	CONF_QUOTE,
	CONF_DIM,
	CONF_ERROR,		/* error messages */
	CONF_DIFF_ADDED,	/* words a newer version added */
	CONF_DIFF_REMOVED,	/* words it removed */
	CONF_STORY_NEW,		/* new in a followed story */
	CONF_NELEM
};

/* Attribute bits of a colour. */
#define CONF_A_BOLD	0x1
#define CONF_A_UNDERLINE 0x2
#define CONF_A_REVERSE	0x4
#define CONF_A_DIM	0x8
#define CONF_A_ITALIC	0x10

struct conf_color {
	int		 fg;		/* -1 default, 0..255 */
	int		 bg;
	int		 attr;		/* CONF_A_* */
};

struct conf {
	struct fetch_limits limits;	/* jobs, jobs-per-host, timeout,
					   connect-timeout, max-size (MiB) */
	enum conf_layout layout;	/* layout = auto|columns|rows|single */
	int		 feeds_width;	/* feeds-width = 10..60 (percent) */
	int		 list_width;	/* list-width = 10..80 (percent, of
					   what the feeds pane leaves) */
	int		 list_height;	/* list-height = 10..90 (percent) */
	char		*date_format;	/* date-format = strftime, or NULL
					   for the language's own */
	char		*browser;	/* browser = command, or NULL */
	char		*language;	/* language = nl|en|de|fr|es|pt */
	int		 refresh_on_start; /* refresh-on-start = yes|no */
	int		 color;		/* color = yes|no; NO_COLOR: no */
	int		 revisions;	/* revisions = 1..1000: earlier
					   versions kept per article */
	int		 stories;	/* stories = yes|no: assign new
					   articles to stories */
	int		 reload_min;	/* reload-min = 1..10080 (minutes) */
	int		 reload_max;	/* reload-max = 1..10080; below
					   reload-min counts as reload-min */
	struct conf_color colors[CONF_NELEM];
	struct keys	*keys;
};

/* Defaults everywhere; NO_COLOR in the environment turns colour off. */
void	conf_init(struct conf *);
void	conf_free(struct conf *);
/*
 * Reads the config at path over what *conf holds.  A missing file is not
 * an error when must_exist is 0.  Each bad line goes to warn(ud, msg) as
 * one translated line naming path and line, and is skipped.  Returns the
 * number of bad lines, or -1 with warn() called when the file cannot be
 * read at all.
 */
int	conf_load(struct conf *, const char *, int,
	    void (*)(void *, const char *), void *);
/*
 * Sets language = code in the config at path (made if missing): the first
 * language line is replaced, later ones dropped, the rest kept as it is.
 * 0, or -1 with *cause (allocated, translated, naming the file).
 */
int	conf_save_language(const char *, const char *, char **);
/* The element's config name ("unread"), or NULL. */
const char *conf_elem_name(enum conf_elem);

#endif
