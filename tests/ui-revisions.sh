#!/bin/sh
# What changed in an updated article: u shows the current text against the
# newest earlier version, word by word, marked [+ +] and [- -]; [ and ]
# step to older and newer versions; an article without revisions says so;
# the list marks updated apart from unread.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui-lib.sh"

mkdir -p "$TMPD/feeds"
# feed TITLE FIRST SECOND: the edited article and one that never changes.
feed() {
	cat > "$TMPD/feeds/desk.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Desk</title>
<item><guid>talks</guid><title>$1</title>
<pubDate>Wed, 02 Dec 2026 10:00:00 +0000</pubDate>
<description>&lt;p&gt;$2&lt;/p&gt;&lt;p&gt;$3&lt;/p&gt;</description></item>
<item><guid>calm</guid><title>Weather stays calm</title>
<pubDate>Tue, 01 Dec 2026 10:00:00 +0000</pubDate>
<description>Sunny.</description></item>
</channel></rss>
XML
}
printf 'file://%s/feeds/desk.xml\n' "$TMPD" > "$TMPD/urls"
: > "$TMPD/config"
R() { "$TIDINGS" --urls "$TMPD/urls" --cache "$TMPD/cache.db" refresh; }

feed "Talks start in Geneva" "Talks continue for a second day." "No deal yet."
expect_status 0 "first version" -- R
feed "Talks stall in Geneva" "Talks continue for a third day." "No deal yet."
expect_status 0 "second version" -- R
expect_grep "$TMPD/out" "1 updated article" "the edit is counted"
# A cosmetic edit between the real ones: no revision of its own.
feed "Talks  stall in Geneva" "Talks continue for a &lt;b&gt;third&lt;/b&gt; day." \
    "No deal yet."
expect_status 0 "cosmetic version" -- R
expect_grep "$TMPD/out" "0 updated articles" "a cosmetic edit is no update"
feed "Talks stall in Geneva" "Talks continue for a third day." \
    "A deal is near."
expect_status 0 "third version" -- R
n=$(ui_sql "SELECT count(*) FROM revisions")
[ "$n" = 2 ] && ok || fail "two earlier versions kept, not $n"

ui_start 200 40
ui_keys Enter
ui_wait "Talks stall in Geneva" "the list"
# Unread and updated, in columns of their own.
ui_wait_re "NU +[0-9]+ .*Talks stall in Geneva" "marked unread and updated"
ui_wait_re "N   +[0-9]+ .*Weather stays calm" "marked unread only"
ui_keys Enter
ui_wait "A deal is near." "the current text"
ui_hasnt "[+" "no marks before u"

ui_keys u
ui_wait "Changes since earlier version 1 of 2" "u compares with the newest"
# In colour: added words green (diff-added), removed ones red.
esc=$(printf '\033')
tm capture-pane -e -p -t ui > "$TMPD/colour"
expect_grep "$TMPD/colour" "${esc}[32m[+ A +]" "added words in diff-added"
expect_grep "$TMPD/colour" "${esc}[31m[- yet. -]" "removed words in diff-removed"
ui_has "[- No -] [+ A +] deal [- yet. -] [+ is near. +]" \
    "the words that changed, marked"
ui_has "Talks continue for a third day." "the words that did not change"
ui_hasnt "[- second" "not the older version's words"
ui_hasnt "[- start" "the title did not change since then"

ui_keys '['
ui_wait "Changes since earlier version 2 of 2" "[ steps to an older one"
ui_has "Talks [- start -] [+ stall +] in Geneva" "the title's change first"
ui_has "Talks continue for a [- second -] [+ third +] day." \
    "the text's change against the oldest"
ui_keys '['
ui_wait "This is the oldest version kept" "no older one"

ui_keys ']'
ui_wait "Changes since earlier version 1 of 2" "] steps back"
ui_keys ']'
ui_gone "Changes since" "] past the newest shows the article"
ui_hasnt "[-" "no marks on the article"
ui_keys u
ui_wait "Changes since earlier version 1 of 2" "u again"
ui_keys u
ui_gone "Changes since" "u once more: the article"

# The list now shows it read, still updated.
ui_wait_re " U +[0-9]+ .*Talks stall in Geneva" "read, still updated"
ui_keys BSpace j Enter
ui_wait "Sunny." "the other article"
ui_keys u
ui_wait "This article has no earlier versions" "no revisions: a message"

# The help lists the new commands from the live table.
ui_keys '?'
ui_wait "Show what changed in an updated article" "help: u"
ui_has "Compare with an older version of the article" "help: ["
ui_has "Compare with a newer version of the article" "help: ]"
ui_keys Escape
ui_quit

# Rebound, and without colour the marks are still there.
printf 'bind d show-changes\nunbind u\n' > "$TMPD/config"
UI_ENV='export NO_COLOR=1
' ui_start 200 40
ui_keys Enter Enter
ui_wait "A deal is near." "the article again"
ui_keys d
ui_wait "[- No -] [+ A +] deal" "the rebound key, without colour"
tm capture-pane -e -p -t ui > "$TMPD/colour"
expect_no_grep "$TMPD/colour" "${esc}[32m" "NO_COLOR: no green"
expect_no_grep "$TMPD/colour" "${esc}[31m" "NO_COLOR: no red"
ui_quit
finish
