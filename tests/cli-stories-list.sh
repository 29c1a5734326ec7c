#!/bin/sh
# tidings stories (the listing) against a loopback server: related
# articles from two feeds form one story (an identical article carried
# by both is listed once, with both sources), unrelated ones do not; following a story; a
# new article joining it on the next refresh is new in it; into an empty
# cache, a feed's old article joins another's story of its days although
# a week later's news came first; the store's schedule for adaptive
# polling and refresh --due.
. "${top_srcdir:-.}/tests/lib.sh"

if [ -z "${PYTHON3:-}" ]; then
	echo "cli-stories-list.sh: python3 missing; skipped"
	exit 77
fi
mkdir "$TMPD/www"
cp "$top_srcdir"/tests/data/stories/wire.xml \
    "$top_srcdir"/tests/data/stories/daily.xml "$TMPD/www/"
server_start "$TMPD/www" --log "$TMPD/server.log" --lifetime 120
printf '%s\n' "$base/files/wire.xml" "$base/files/daily.xml" > "$TMPD/urls"
T() { "$TIDINGS" --urls "$TMPD/urls" --cache "$TMPD/cache.db" "$@"; }
# Checks the JSON of `stories --json` with a python expression over s.
json_check() {
	if "$PYTHON3" -c 'import json, sys
s = json.load(open(sys.argv[1]))
sys.exit(0 if eval(sys.argv[2]) else 1)' "$TMPD/out" "$1"; then ok; else
		fail "$2: $1"
		head -c 2000 "$TMPD/out" | sed 's/^/  /' >&2
	fi
}

expect_status 0 "refresh" -- T refresh
expect_grep "$TMPD/out" "6 new articles" "all articles stored"
expect_status 0 "stories --json" -- T stories --json
json_check 'len(s) == 1' "one story of several articles"
json_check 's[0]["label"] == "Dike breach floods villages in Zeeland"' \
    "labelled by its central article"
json_check 's[0]["articles"] == 3 and s[0]["sources"] == 2' \
    "three articles from two sources"
json_check 's[0]["unread"] == 3 and s[0]["new"] == 0 and not s[0]["followed"]' \
    "unread, not followed"
json_check 's[0]["first"] == "2025-12-01T08:00:00Z" and s[0]["latest"] == "2025-12-01T08:30:00Z"' \
    "first and latest times"
json_check 'len(s[0]["items"]) == 2' "the identical article is listed once"
json_check 's[0]["items"][0]["sources"] == ["Wire Service", "The Daily"]' \
    "with both its sources"
json_check 'len(s[0]["items"][0]["duplicates"]) == 1' "and its duplicate's id"
json_check '[i["time"] for i in s[0]["items"]] == sorted(i["time"] for i in s[0]["items"])' \
    "articles in time order"
json_check 'not any("museum" in i["title"] or "Chess" in i["title"] for x in s for i in x["items"])' \
    "unrelated articles are not in it"
story=$("$PYTHON3" -c 'import json, sys; print(json.load(open(sys.argv[1]))[0]["id"])' "$TMPD/out")

expect_status 0 "stories as text" -- T stories
expect_grep "$TMPD/out" "3 articles, 2 sources" "counts in the text listing"
expect_grep "$TMPD/out" "(Wire Service, The Daily)" "sources in the text listing"
expect_status 0 "nothing followed yet" -- T stories --followed --json
json_check 's == []' "no followed story"

expect_status 0 "follow" -- T stories --follow="$story"
expect_grep "$TMPD/out" "Following story $story" "following is confirmed"
expect_status 1 "follow an unknown story" -- T stories --follow=9999
expect_grep "$TMPD/err" "no story 9999 in the cache" "the unknown story is named"
expect_status 2 "follow needs a number" -- T stories --follow=abc
expect_grep "$TMPD/err" "'abc' is not a story number" "the bad number is named"

# The next day's feed: one more article of the story.
cp "$top_srcdir/tests/data/stories/daily-2.xml" "$TMPD/www/daily.xml"
expect_status 0 "second refresh" -- T refresh
expect_grep "$TMPD/out" "1 new article" "one new article"
expect_status 0 "followed stories" -- T stories --followed --json
json_check 'len(s) == 1 and s[0]["followed"] and s[0]["articles"] == 4' \
    "the followed story has grown"
json_check 's[0]["new"] == 1 and [i["new"] for i in s[0]["items"]] == [False, False, True]' \
    "the article that joined it is new"
json_check 's[0]["latest"] == "2025-12-02T07:00:00Z"' "its latest time moved"
expect_status 0 "unfollow" -- T stories --unfollow="$story"
expect_status 0 "followed stories" -- T stories --followed --json
json_check 's == []' "unfollowed"

# Stories off: new articles are stored without a story.
printf 'stories = no\n' > "$TMPD/config"
printf '%s\n' "$base/files/wire.xml" > "$TMPD/urls-off"
expect_status 0 "refresh, stories off" -- "$TIDINGS" --urls "$TMPD/urls-off" \
    --cache "$TMPD/off.db" --config "$TMPD/config" refresh
expect_status 0 "no stories" -- "$TIDINGS" --cache "$TMPD/off.db" stories --json
json_check 's == []' "no story formed with stories off"

# Adaptive polling: every feed has a next due time; --due skips them.
n=$("$PYTHON3" -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(db.execute("select count(*) from feeds where next_due >= checked + 900").fetchone()[0])' "$TMPD/cache.db")
[ "$n" = 2 ] && ok || fail "both feeds have a next due time: $n"
before=$(grep -c 'GET /files' "$TMPD/server.log")
expect_status 0 "refresh --due" -- T refresh --due
expect_grep "$TMPD/out" "2 feeds not due yet" "feeds not due are skipped"
expect_grep "$TMPD/out" "$base/files/wire.xml: not due yet" \
    "each feed not due is named"
after=$(grep -c 'GET /files' "$TMPD/server.log")
[ "$before" = "$after" ] && ok || fail "refresh --due fetched $((after - before))"
expect_status 0 "plain refresh" -- T refresh
after=$(grep -c 'GET /files' "$TMPD/server.log")
[ "$after" = $((before + 2)) ] && ok || fail "plain refresh fetches every feed"
# The answer's caching lifetime sets the interval (within reload-max).
interval() { "$PYTHON3" -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(db.execute("select poll_interval from feeds where url like ?",
    ("%" + sys.argv[2],)).fetchone()[0])' "$TMPD/cache.db" "$1"; }
# A feed that publishes hourly, up to now: every half hour by its rate.
"$PYTHON3" -c 'import sys, time, email.utils
now = int(time.time())
items = "".join("<item><guid>h%d</guid><title>Hour %d</title><pubDate>%s</pubDate></item>"
    % (k, k, email.utils.formatdate(now - k * 3600, usegmt=True)) for k in range(6))
open(sys.argv[1], "w").write("<rss version=\"2.0\"><channel><title>Hourly</title>%s</channel></rss>" % items)' \
    "$TMPD/www/hourly.xml"
printf 'reload-min = 1\nreload-max = 600\n' > "$TMPD/cache.conf"
printf '%s\n' "$base/files/hourly.xml?max-age=7200" \
    "$base/files/hourly.xml?expires=18000" \
    "$base/files/hourly.xml?max-age=999999" "$base/files/hourly.xml?plain" \
    > "$TMPD/urls-cache"
expect_status 0 "refresh with caching headers" -- "$TIDINGS" \
    --urls "$TMPD/urls-cache" --cache "$TMPD/cache.db" \
    --config "$TMPD/cache.conf" refresh
[ "$(interval 'max-age=7200')" = 7200 ] && ok || \
    fail "Cache-Control max-age sets the interval: $(interval 'max-age=7200')"
n=$(interval 'expires=18000')
[ "$n" -ge 17990 ] && [ "$n" -le 18000 ] && ok || \
    fail "Expires sets the interval: $n"
[ "$(interval 'max-age=999999')" = 36000 ] && ok || \
    fail "within reload-max: $(interval 'max-age=999999')"
[ "$(interval 'plain')" = 1800 ] && ok || \
    fail "an hourly feed without caching headers: $(interval 'plain')"

# Into an empty cache, each feed newest first: the strike of a week ago
# comes after the volcano of today (and before an older article), and
# the second outlet's article on it still joins it.
cp "$top_srcdir"/tests/data/stories/week.xml \
    "$top_srcdir"/tests/data/stories/coast.xml "$TMPD/www/"
printf '%s\n' "$base/files/week.xml" "$base/files/coast.xml" > "$TMPD/urls-week"
expect_status 0 "refresh a week into an empty cache" -- "$TIDINGS" \
    --urls "$TMPD/urls-week" --cache "$TMPD/week.db" refresh --jobs=1
expect_grep "$TMPD/out" "4 new articles" "the week's articles stored"
expect_status 0 "the week's stories" -- "$TIDINGS" --cache "$TMPD/week.db" \
    stories --json
json_check 'len(s) == 1 and s[0]["articles"] == 2 and s[0]["sources"] == 2' \
    "the strike's two articles from two outlets make one story"
json_check 'sorted(i["title"] for i in s[0]["items"]) == ["Dock workers strike at the port of Harwick over pay", "Harwick dock workers strike over pay for a second day"]' \
    "and only they"

printf 'reload-min = 0\nreload-max = 60\n' > "$TMPD/bad.conf"
expect_status 0 "a bad reload-min" -- T --config "$TMPD/bad.conf" refresh --due
expect_grep "$TMPD/err" "bad.conf:1: '0' is not a number from 1 to 10080 for reload-min" \
    "a bad bound is named with file and line"
finish
