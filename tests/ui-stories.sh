#!/bin/sh
# Stories in the reader: the Stories entry lists a story formed across two
# feeds, its timeline shows the identical article once with both sources;
# F follows it; a new article joining it on the next refresh is marked +,
# coloured as story-new and counted in the status line; A marks the
# story's articles read; tidings stories --followed agrees.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui-lib.sh"

mkdir -p "$TMPD/feeds"
cp "$top_srcdir"/tests/data/stories/wire.xml \
    "$top_srcdir"/tests/data/stories/daily.xml "$TMPD/feeds/"
# The feed list renames the wire: the timeline names sources as it does.
printf '%s\n' "file://$TMPD/feeds/wire.xml ~\"Agency\"" \
    "file://$TMPD/feeds/daily.xml" > "$TMPD/urls"
printf 'color story-new magenta default bold\n' > "$TMPD/config"
"$TIDINGS" --urls "$TMPD/urls" --cache "$TMPD/cache.db" refresh \
    > /dev/null 2>&1

ui_start 120 30
# The Stories entry is the first of the feeds pane.
ui_keys g Enter
ui_wait "Stories (1 story)" "the Stories entry lists the story"
ui_has "Dike breach floods villages in Zeeland" "labelled by its central article"
ui_has "3 articles, 2 sources, 3 unread" "with its counts"
ui_hasnt "museum" "an unrelated article is no story"
ui_keys Enter
ui_wait "Story: Dike breach floods villages in Zeeland" "Enter opens the story"
ui_has "Agency, The Daily" "the identical article once, with both sources"
ui_has "Zeeland villages flooded after dike breach" "its other article"
ui_keys F
ui_wait "Following the story" "F follows the story"

# The next day's feed brings one more article of the story.
cp "$top_srcdir/tests/data/stories/daily-2.xml" "$TMPD/feeds/daily.xml"
ui_keys R
ui_wait "Refresh done: 1 new article" "the refresh ends"
ui_wait "1 new in followed stories" "the status line counts it"
ui_wait_re '^ Stories +1' "the Stories entry counts it"
ui_wait_re '\+ +2025-12-02 .*Zeeland dike breach closed' \
    "the new article is marked +"
tm capture-pane -e -p -t ui > "$TMPD/colours"
if grep 'Zeeland dike breach closed' "$TMPD/colours" | \
    grep -q "$(printf '\033')\\[[0-9;]*35m"; then ok; else
	fail "the new article is coloured story-new (magenta)"
fi
if grep 'Zeeland villages flooded' "$TMPD/colours" | \
    grep -q "$(printf '\033')\\[[0-9;]*35m"; then
	fail "an older article is coloured story-new"
else ok; fi
"$TIDINGS" --cache "$TMPD/cache.db" stories --followed > "$TMPD/followed"
expect_grep "$TMPD/followed" "4 articles, 2 sources, 1 new" \
    "stories --followed shows what is new"

ui_keys h
ui_wait_re 'F\+ .*Dike breach floods villages in Zeeland .*1 new' \
    "back in the stories, followed with one new"
ui_keys A
ui_wait "Marked 4 articles read" "A marks the story's articles read"
ui_gone "new in followed stories" "nothing new once read"
ui_keys '?'
ui_wait "Follow or unfollow the story of the article" "help lists F"
ui_keys Escape
ui_quit
n=$(ui_sql "select count(*) from items i join story_items m on m.item_id = i.id join stories s on s.id = m.story_id where s.followed = 1 and i.read = 0")
m=$(ui_sql "select count(*) from story_items m join stories s on s.id = m.story_id where s.followed = 1")
[ "$n" = 0 ] && [ "$m" = 4 ] && ok || \
    fail "the story's 4 articles are stored read: $n of $m unread"
finish
