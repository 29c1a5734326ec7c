#!/bin/sh
# The reader in a real terminal (tmux): the first screen, an article with
# its links, marks that outlive a restart, layouts by width, search, help.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui-lib.sh"

ui_fixtures
T() { "$TIDINGS" --urls "$TMPD/urls" --cache "$TMPD/cache.db" "$@"; }
expect_status 0 "the cache is filled" -- T refresh

# The first screen, wide: three panes, tags, unread counts, the list of
# all articles newest first, the first article beside it.
ui_start 200 50
ui_has "All articles" "the All entry"
ui_has "World Desk" "a feed renamed in the list"
ui_has "Tech Notes" "a feed titled by its document"
ui_capture
expect_grep "$UI_SCREEN" " news" "the tag news groups a feed"
grep 'All articles' "$UI_SCREEN" | grep -q ' 5 *│' && ok ||
    fail "All articles counts 5 unread: $(grep 'All articles' "$UI_SCREEN")"
grep 'World Desk' "$UI_SCREEN" | grep -q ' 3 *│' && ok ||
    fail "World Desk counts 3 unread"
head -1 "$UI_SCREEN" | grep -q 'Feeds.*│.*All articles (5 unread).*│.*Article' &&
    ok || fail "three panes side by side: $(head -1 "$UI_SCREEN")"
awk 'NR > 1 && /A new release of the compiler/ { c = NR }
    NR > 1 && /Talks resume in Geneva/ { t = NR }
    END { exit !(c && t && c < t) }' "$UI_SCREEN" && ok ||
    fail "the list is newest first"
ui_has "N  " "unread articles are marked N"

# Open the second article: its rendered text and numbered links.
ui_keys Tab j Enter
ui_wait "Background" "the article's heading"
ui_has "the old venue[1]" "a link is numbered"
ui_has "[image: Delegates at the table]" "an image shows its text"
ui_has "[1] https://world.example/venue" "the link list"
ui_has "[2] https://world.example/statement" "a relative link resolved"
ui_has "Author: Ana Reporter" "the header names the author"
ui_has "Feed: World Desk" "the header names the feed as the list does"
ui_hasnt "alert(" "scripts are dropped"
ui_wait_re "All articles +4│" "opening marks read"
# Back to the list, star it; then quit.
ui_keys BSpace '*'
ui_wait "Star added" "the star is confirmed"
ui_quit

# The marks are in the cache, and the reader shows them after a restart.
expect_status 0 "sql" -- ui_sql "SELECT title, read, starred FROM items WHERE title LIKE 'Talks%'"
expect_grep "$TMPD/out" "Talks resume in Geneva|1|1" "read and starred stored"
ui_start 200 50
ui_capture
grep 'Talks resume in Geneva' "$UI_SCREEN" | grep -q '^\(.*│\)\?  \* ' && ok ||
    fail "starred and read after a restart: $(grep Talks "$UI_SCREEN")"

# Narrow: one pane at a time; Enter goes in, Backspace comes back.
tm resize-window -t ui -x 70 -y 30
ui_wait "Feeds" "the feeds pane alone at 70 columns"
ui_capture
if grep -q '│' "$UI_SCREEN"; then fail "one pane at 70 columns"; else ok; fi
ui_keys Enter
ui_wait "All articles (4 unread)" "Enter opens the list"
ui_hasnt "Stories" "the feeds pane is gone"
ui_keys BSpace
ui_wait "Stories" "Backspace comes back to the feeds"
# Medium: list above the article.
tm resize-window -t ui -x 120 -y 40
ui_wait "Article" "the article pane at 120 columns"
# Wide again: three columns, the selection kept.
tm resize-window -t ui -x 200 -y 50
ui_wait "All articles (4 unread)" "three panes again at 200 columns"

# Search the whole cache, titles and texts.
ui_keys / z a n z i b a r Enter
ui_wait "Search: zanzibar" "the search list"
ui_has "A new release of the compiler" "found in the text"
ui_hasnt "Storm reaches the coast" "only what matches"

# Help lists every binding of the live key table.
tm resize-window -t ui -x 200 -y 60
ui_keys '?'
ui_wait "Keys (any other key closes this help)" "the help screen"
ui_wait_re "^ q +Quit" "the help's last line, at 60 rows"
for k in "Up, k" "Down, j" "PgDn" "C-d" "C-u" "S-Tab" "Home, g" "End, G" \
    "Enter" "Backspace" "n " "N " "A " "* " "r " "R " "/ " "o " "O " \
    "f " "E " "q    " "?, F1"; do
	expect_grep "$UI_SCREEN" "$k" "help shows $k"
done
ui_keys q
ui_gone "Keys (any other" "the help closes"
ui_quit

# No terminal: a clear message, exit 1.
expect_status 1 "no terminal" -- sh -c "'$TIDINGS' --urls '$TMPD/urls' --cache '$TMPD/cache.db' < /dev/null"
expect_grep "$TMPD/err" "needs a terminal" "says why"
finish
