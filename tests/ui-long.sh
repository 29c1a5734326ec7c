#!/bin/sh
# A list longer than the screen: the first screen shows only the rows
# that fit, with the counts of the whole list, and the rest of the list
# is there for the first key (G reaches the oldest, A marks every one).
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui-lib.sh"

mkdir -p "$TMPD/feeds"
{
	printf '<?xml version="1.0" encoding="UTF-8"?>\n'
	printf '<rss version="2.0"><channel><title>Long Feed</title>\n'
	printf '<link>https://long.example/</link>\n'
	i=120
	while [ $i -ge 1 ]; do
		printf '<item><title>Story number %d</title>' $i
		printf '<link>https://long.example/%d</link>' $i
		printf '<pubDate>%s</pubDate></item>\n' \
		    "$(date -u -d "@$((1700000000 + i * 3600))" \
		    '+%a, %d %b %Y %H:%M:%S GMT')"
		i=$((i - 1))
	done
	printf '</channel></rss>\n'
} > "$TMPD/feeds/long.xml"
printf 'file://%s/feeds/long.xml\n' "$TMPD" > "$TMPD/urls"
: > "$TMPD/config"
expect_status 0 "refresh" -- "$TIDINGS" --urls "$TMPD/urls" \
    --cache "$TMPD/cache.db" refresh

ui_start 120 20
ui_wait "All articles (120 unread)" "the list's count is the whole list's"
ui_wait "All articles: 120 unread of 120" "so is the status line's"
ui_has "Story number 120" "the newest comes first"
ui_keys Tab G
ui_wait_re "Story number 1$" "G reaches the oldest of all 120"
ui_keys g
ui_wait "Link: https://long.example/120" "g comes back to the newest"
ui_keys A
ui_wait "Marked 120 articles read" "A marks the whole list, not a screenful"
ui_wait "All articles: 0 unread of 120" "the counts follow"
ui_quit
expect_status 0 "sql" -- ui_sql "SELECT count(*) FROM items WHERE read = 0"
expect_grep "$TMPD/out" "0" "every mark is stored"
finish
