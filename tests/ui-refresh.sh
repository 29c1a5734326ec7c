#!/bin/sh
# The reader against a loopback server: a refresh in the event loop while
# keys keep working, failures in the error view, the full article fetched
# with f and kept for offline reading, links opened in the browser, and a
# bad config line reported with file and line.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui-lib.sh"
if [ -z "${PYTHON3:-}" ]; then
	echo "ui-refresh.sh: python3 missing; skipped"
	exit 77
fi

mkdir "$TMPD/www"
server_start "$TMPD/www" --lifetime 120
trap 'kill $server 2>/dev/null; tm kill-server 2>/dev/null; rm -rf "$TMPD"' EXIT

# A story whose link is a web page with navigation around the article.
cat > "$TMPD/www/story.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Story Feed</title>
<link>$base/</link>
<item><title>The whole story</title><guid>story-1</guid>
<link>$base/files/page.html?type=text/html</link>
<pubDate>Fri, 27 Nov 2026 10:00:00 +0000</pubDate>
<description>Only a teaser &lt;a href="$base/one"&gt;one&lt;/a&gt; &lt;a href="$base/two"&gt;two&lt;/a&gt;</description></item>
</channel></rss>
XML
cat > "$TMPD/www/page.html" <<HTML
<html><head><title>Story</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World menu entry</a></nav>
<article><h1>The whole story</h1>
<p>The negotiators worked through the night and agreed on a text that
both delegations will present to their parliaments next week.</p>
<p>Observers called the agreement a quartzite moment for the region.</p>
</article>
<footer>Copyright footer text</footer></body></html>
HTML
{
	echo "$base/files/story.xml story"
	n=0
	while [ $n -lt 40 ]; do
		echo "$base/feed/f$n?items=20 generated"
		n=$((n + 1))
	done
	# Slow feeds keep the refresh going while keys are tested; then fail.
	echo "$base/hang?seconds=2 slow"
	echo "$base/hang?seconds=2&b=1 slow"
} > "$TMPD/urls"
printf '#!/bin/sh\nprintf "%%s\\n" "$@" >> "%s/opened"\n' "$TMPD" \
    > "$TMPD/browser"
chmod +x "$TMPD/browser"
cat > "$TMPD/config" <<CONF
browser = "$TMPD/browser"
jobs = 8
no-such-setting = 1
CONF

# Nothing in the cache: every feed is fetched at start, in the loop.
ui_start 200 50
ui_wait "Refreshing:" "the refresh runs at start"
ui_keys Tab
ui_keys j j
ui_keys Enter
ui_wait "Feed: " "an article opens while feeds download"
ui_has "Refreshing:" "the refresh was still running"
# The test server answers one request at a time: the slow ones hold it.
ui_wait "Refresh done: " "the refresh ends"
ui_wait "2 feeds failed (E shows why)" "failures are counted"
ui_wait_re "All articles +801" "the counts follow the refresh"
ui_keys E
ui_wait "Feeds that failed" "the error view"
ui_has "$base/hang?seconds=2" "a failed feed's URL"
ui_has "fetch: " "the failure's stage"
ui_has "config:3: unknown setting 'no-such-setting'" \
    "the bad config line, with file and line"
ui_keys q
ui_gone "Feeds that failed" "the error view closes"

# The story: f fetches the page; the article's main text replaces the
# teaser, without the navigation and footer.
ui_keys BSpace BSpace g j j j Enter
ui_wait "Story Feed" "the story's feed is selected"
ui_keys Enter
ui_wait "Only a teaser" "the feed's text first"
ui_keys f
ui_wait "quartzite moment" "the full article"
ui_hasnt "World menu entry" "navigation is dropped"
ui_hasnt "Copyright footer" "the footer is dropped"
# Links go to the browser as one argument each.
ui_keys o
ui_wait "Opened " "the browser ran"
expect_grep "$TMPD/opened" "$base/files/page.html?type=text/html" \
    "o opens the article's link"
ui_quit

# Offline: the full article is still there.
kill $server
wait $server 2>/dev/null
ui_start 200 50
ui_keys j j j Enter Enter
ui_wait "quartzite moment" "the full article opens offline"
ui_keys f
ui_wait "Only a teaser" "f goes back to the feed's text"
ui_keys 2
ui_wait "Opened $base/two" "2 opens link 2"
expect_grep "$TMPD/opened" "$base/two" "link 2 reached the browser"
ui_quit
finish
