/* Where tidings keeps its files: XDG base directories. */
#ifndef TIDINGS_PATHS_H
#define TIDINGS_PATHS_H

/* $XDG_CONFIG_HOME/tidings/name (else ~/.config/...); allocated. */
char	*paths_config(const char *);
/* $XDG_DATA_HOME/tidings/name (else ~/.local/share/...); allocated. */
char	*paths_data(const char *);
/* The installed data directory (samples, default list), or the source
   tree's before installation; allocated. */
char	*paths_pkgdata(const char *);
/* Creates the directories above path (mode 0700); 0, or -1 with *cause. */
int	 paths_make_parent(const char *, char **);

#endif
