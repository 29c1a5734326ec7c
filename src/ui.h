/* The reader: tidings with no command, full screen in curses. */
#ifndef TIDINGS_UI_H
#define TIDINGS_UI_H

struct ui_options {
	const char	*urls;		/* the feed list */
	int		 urls_given;	/* by --urls: never written */
	const char	*cache;
	const char	*config;
	int		 config_given;	/* by --config: must exist */
	int		 bench_startup;	/* exit after the first screen */
};

/* Runs the reader until the user quits; returns an exit status. */
int	ui_main(const struct ui_options *);

#endif
