#!/bin/sh
# Keys from the config: rebinding, unbinding, a bad binding named with its
# file and line; next/previous unread across feeds; marking all read.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui-lib.sh"

ui_fixtures
"$TIDINGS" --urls "$TMPD/urls" --cache "$TMPD/cache.db" refresh \
    > /dev/null 2>&1
cat > "$TMPD/config" <<CONF
# leave with x, not q
bind x quit
unbind q
bind F2 help
bind Q frobnicate
CONF
ui_start 200 50
ui_wait "1 problem in the config or the feed list" "the bad line is counted"
ui_keys E
ui_wait "config:5: unknown command 'frobnicate'" "named with file and line"
ui_keys Escape
ui_keys q
ui_wait "q is not bound to anything" "an unbound key says so"
ui_keys F2
ui_wait "Keys (any other key closes this help)" "a rebound help key"
ui_has "x                    Quit" "help shows the live binding"
ui_keys Escape

# n walks the unread articles in order, opening each.
ui_keys n
ui_wait "Link: https://tech.example/compiler" "n opens the first unread"
ui_keys n
ui_wait "Link: https://world.example/geneva" "n opens the next one"
ui_keys p
ui_wait "No unread articles" "p: nothing unread before these two"
ui_wait_re "All articles +3│" "both are read now"
# N toggles the mark, A marks the whole list read.
ui_keys Tab N
ui_wait_re "All articles +4│" "N marks it unread again"
ui_keys A
ui_wait "Marked 4 articles read" "A marks the list read"
ui_wait_re "All articles +│" "no unread left"
ui_keys n
ui_wait "No unread articles" "n says when there is nothing left"
ui_keys x
ui_exited 0 "the rebound quit key"
expect_status 0 "sql" -- ui_sql "SELECT count(*) FROM items WHERE read = 0"
expect_grep "$TMPD/out" "0" "every mark is stored"
finish
