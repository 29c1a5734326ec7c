#!/bin/sh
# tidings refresh against a loopback server that this test starts and
# stops: what the user sees (summary, exit status) and what is stored.
. "${top_srcdir:-.}/tests/lib.sh"

if [ -z "${PYTHON3:-}" ]; then
	echo "cli-refresh.sh: python3 missing; skipped"
	exit 77
fi
mkdir "$TMPD/www"
cp "$top_srcdir"/tests/data/feeds/*.xml "$TMPD/www/"
server_start "$TMPD/www" --log "$TMPD/server.log" --lifetime 240
port=$(cat "$TMPD/port")
other="http://localhost:$port"	# another host name, for per-host rules
T() { "$TIDINGS" --urls "$TMPD/urls" --cache "$TMPD/cache.db" "$@"; }
# Reads the cache with python's sqlite3, as an independent witness.
sql() { "$PYTHON3" -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for row in db.execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in row))' "$TMPD/cache.db" "$1"; }

cat > "$TMPD/urls" <<URLS
# good feeds, plain, compressed, redirected and moved
$base/files/rss2-full.xml news "two words"
$base/gzip/atom-full.xml ~"Le Journal"
$base/redirect/2/rss2-full.xml
$base/moved/atom-full.xml
# failures of every kind
$base/status/404
$base/status/500
$base/status/410
$other/retry-after/3600
$base/hang
$base/drip
$base/endless
$base/gzip-bomb
$base/bad-redirect/file
$base/bad-redirect/ftp
$base/redirect-loop
URLS

# The size cap is cut to 8 MiB (the default, 64, is checked in test-conf):
# the endless body and the gzip bomb reach it well within the timeout
# even in a sanitizer build on a busy machine.
printf 'max-size = 8\n' > "$TMPD/cap.conf"
expect_status 1 "first refresh (some feeds fail)" -- \
    T --config "$TMPD/cap.conf" refresh --timeout=5
cp "$TMPD/out" "$TMPD/first.out"
expect_grep "$TMPD/out" "Refresh finished:" "summary shown"
expect_grep "$TMPD/out" "6 new articles" "new articles counted"
expect_grep "$TMPD/out" "11 feeds failed" "failures counted"
expect_grep "$TMPD/out" "$base/status/404 (fetch): HTTP 404" "404 named"
expect_grep "$TMPD/out" "$base/status/500 (fetch): HTTP 500" "500 named"
expect_grep "$TMPD/out" "$base/status/410 (fetch): HTTP 410 Gone" "410 named"
expect_grep "$TMPD/out" "$other/retry-after/3600 (fetch): HTTP 429" "429 named"
expect_grep "$TMPD/out" "asked to wait 3600 s" "Retry-After shown"
expect_grep "$TMPD/out" "$base/hang (fetch): no answer in time" "hang"
expect_grep "$TMPD/out" "$base/drip (fetch): too slow" "drip"
expect_grep "$TMPD/out" "$base/endless (fetch): larger than 8 MiB" "endless"
expect_grep "$TMPD/out" "$base/gzip-bomb (fetch): larger than 8 MiB" "bomb"
expect_grep "$TMPD/out" "$base/bad-redirect/file (fetch): redirected to a URL that is not http or https" "redirect to file:"
expect_grep "$TMPD/out" "$base/bad-redirect/ftp (fetch): redirected" "redirect to ftp:"
expect_grep "$TMPD/out" "$base/redirect-loop (fetch): more than 5 redirects" "loop"
expect_grep "$TMPD/out" "Moved permanently" "moves are shown"
expect_grep "$TMPD/out" "$base/moved/atom-full.xml -> $base/files/atom-full.xml" \
    "the move names both URLs"
expect_grep "$TMPD/server.log" "tidings/" "User-Agent names tidings"
expect_grep "$TMPD/server.log" "gzip" "Accept-Encoding offered"

# parse takes a URL too; the HTTP charset reaches the parser.
printf '<rss version="2.0"><channel><title>Caf\351 M\374nchen</title></channel></rss>\n' \
    > "$TMPD/www/latin1.xml"
expect_status 0 "parse URL" -- "$TIDINGS" parse --json \
    "$base/files/latin1.xml?charset=ISO-8859-1"
expect_grep "$TMPD/out" '"title": "Café München"' "HTTP charset used"
expect_status 1 "parse URL 404" -- "$TIDINGS" parse "$base/status/404"
expect_grep "$TMPD/err" "$base/status/404: HTTP 404" "the failure names the URL"

# What was stored.
expect_status 0 "list" -- T list --json
expect_grep "$TMPD/out" '"title": "Kabinet & oppositie bereiken akkoord"' "RSS article stored"
expect_grep "$TMPD/out" "Grève : les trains" "gzip Atom article stored"
n=$(sql "select count(*) from items")
[ "$n" = 6 ] && ok || fail "6 items stored, not $n"
n=$(sql "select count(*) from feeds where gone = 1")
[ "$n" = 1 ] && ok || fail "the 410 feed is marked gone ($n)"

# Mark articles read and starred, as the reader would, then refresh
# again: conditional GETs, nothing lost, the gone feed skipped.
"$PYTHON3" -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("update items set read = 1")
db.execute("update items set starred = 1 where rowid = (select min(rowid) from items)")
db.commit()' "$TMPD/cache.db"
expect_status 1 "second refresh" -- T refresh --timeout=3
expect_grep "$TMPD/out" "0 new articles" "nothing new"
expect_grep "$TMPD/out" "1 feed skipped: it is gone (HTTP 410)" "gone feed skipped"
if grep -q "If-None-Match" "$TMPD/server.log"; then ok; else
	fail "validators sent on the second refresh"
fi
n=$(sql "select count(*) from items where read = 1")
[ "$n" = 6 ] && ok || fail "read marks kept: $n of 6"
n=$(sql "select count(*) from items where starred = 1")
[ "$n" = 1 ] && ok || fail "star kept: $n"

# Retry-After holds back the rest of that host, and only that host.
printf '%s/retry-after/3600\n%s/files/atom-full.xml\n%s/files/atom-full.xml\n' \
    "$other" "$other" "$base" > "$TMPD/urls4"
expect_status 1 "Retry-After" -- "$TIDINGS" --urls "$TMPD/urls4" \
    --cache "$TMPD/ra.db" refresh --jobs=1
expect_grep "$TMPD/out" "$other/files/atom-full.xml (fetch): not fetched: the server asked to wait" \
    "the host's other feed waits"
expect_grep "$TMPD/out" "2 feeds failed" "the other host's feed is fetched"

# --force fetches the gone feed again.
expect_status 1 "forced refresh" -- T refresh --force --timeout=3
expect_no_grep "$TMPD/out" "skipped" "--force skips nothing"

# No escape sequence from a server's reason phrase reaches the terminal.
if LC_ALL=C grep -q "$(printf '\033')" "$TMPD/first.out"; then
	fail "ESC in refresh output"
else ok; fi

# Revisions: an article edited on the server is updated, once; a
# cosmetic change (whitespace) is not.
rev() {	# rev TITLE2 SPACING NEW
	{
		printf '<rss version="2.0"><channel><title>rev</title>\n'
		[ -n "$3" ] && printf '<item><guid>n</guid><title>New</title></item>\n'
		printf '<item><guid>a</guid><title>Talks go on</title><description>Day one.</description></item>\n'
		printf '<item><guid>b</guid><title>%s</title><description>%sText%s</description></item>\n' "$1" "$2" "$2"
		printf '</channel></rss>\n'
	} > "$TMPD/www/rev.xml"
}
printf '%s/files/rev.xml\n' "$base" > "$TMPD/urls2"
T2() { "$TIDINGS" --urls "$TMPD/urls2" --cache "$TMPD/rev.db" "$@"; }
rev "Talks start" "" ""
expect_status 0 "revision feed, first" -- T2 refresh
expect_grep "$TMPD/out" "2 new articles" "two new"
rev "Talks start" "" ""
expect_status 0 "revision feed, unchanged" -- T2 refresh
expect_grep "$TMPD/out" "1 feed unchanged" "the same document is a 304"
rev "Talks stall on day two" "" "new"
expect_status 0 "revision feed, edited" -- T2 refresh
expect_grep "$TMPD/out" "1 new article" "one new"
expect_grep "$TMPD/out" "1 updated article" "one updated"
expect_status 0 "list --updated" -- T2 list --updated --json
n=$(grep -c '"is_updated": true' "$TMPD/out")
[ "$n" = 1 ] && ok || fail "list --updated shows 1, not $n"
expect_grep "$TMPD/out" "Talks stall on day two" "the new title is shown"
n=$("$PYTHON3" -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("select count(*) from revisions").fetchone()[0])' "$TMPD/rev.db")
[ "$n" = 1 ] && ok || fail "one revision kept, not $n"

# kill -9 in the middle of refreshes, at different moments, then a clean
# refresh: the cache is intact, nothing duplicated, no mark lost.
: > "$TMPD/urls3"
i=0
while [ $i -lt 150 ]; do
	printf '%s/feed/k%d?items=40\n' "$base" $i >> "$TMPD/urls3"
	i=$((i + 1))
done
T3() { "$TIDINGS" --urls "$TMPD/urls3" --cache "$TMPD/kill.db" "$@"; }
for delay in 0.05 0.1 0.2 0.3 0.5; do
	T3 refresh > /dev/null 2>&1 &
	pid=$!
	sleep $delay
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	"$PYTHON3" -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("update items set read = 1, starred = 1 where rowid % 7 = 0")
db.commit()' "$TMPD/kill.db" 2>/dev/null
done
marked=$("$PYTHON3" -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute(
    "select count(*) from items where read = 1 and starred = 1").fetchone()[0])' \
    "$TMPD/kill.db")
expect_status 0 "clean refresh after kills" -- T3 refresh
"$PYTHON3" -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
n = db.execute("select count(*) from items").fetchone()[0]
assert n == 150 * 40, n
d = db.execute("select count(*) from (select feed_id, key from items group by 1, 2 having count(*) > 1)").fetchone()[0]
assert d == 0, d
m = db.execute("select count(*) from items where read = 1 and starred = 1").fetchone()[0]
assert m >= int(sys.argv[2]), (m, sys.argv[2])' "$TMPD/kill.db" "$marked" && ok ||
    fail "cache after kill -9: integrity, count, duplicates or marks"

# Two processes refreshing the same cache at once: both finish.
T3 refresh --force > "$TMPD/a.out" 2>&1 &
a=$!
T3 refresh --force > "$TMPD/b.out" 2>&1 &
b=$!
wait $a; ra=$?
wait $b; rb=$?
[ $ra = 0 ] && [ $rb = 0 ] && ok || {
	fail "two refreshes at once: exit $ra and $rb"
	tail -3 "$TMPD/a.out" "$TMPD/b.out" >&2
}
n=$(T3 list --json | grep -c '"id":')
[ "$n" = 6000 ] && ok || fail "after two refreshes: $n articles, not 6000"

# A feed the cache refuses (a trigger stands in for any failure of a
# write) fails alone: the feeds stored in the same commit are stored.
T3 --cache "$TMPD/poison.db" list > /dev/null 2>&1
"$PYTHON3" -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("create trigger poison before insert on items "
    "when new.title = \x27Item 3 of feed k7\x27 "
    "begin select raise(abort, \x27poisoned\x27); end")
db.commit()' "$TMPD/poison.db"
expect_status 1 "a poisoned feed" -- "$TIDINGS" --urls "$TMPD/urls3" \
    --cache "$TMPD/poison.db" refresh
expect_grep "$TMPD/out" "$base/feed/k7?items=40 (store):" \
    "the failed feed is named, with its stage"
expect_grep "$TMPD/out" "poisoned" "and the reason"
expect_grep "$TMPD/out" "5960 new articles" "the other feeds' articles"
"$PYTHON3" -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
n = db.execute("select count(*) from items").fetchone()[0]
k = db.execute("select count(*) from items i join feeds f on f.id = i.feed_id "
    "where f.url like \x27%/k7?%\x27").fetchone()[0]
assert (n, k) == (149 * 40, 0), (n, k)' "$TMPD/poison.db" && ok ||
    fail "a poisoned feed: the others stored, it not"

# A read-only cache: a clear message, and the cache as it was.
cp "$TMPD/rev.db" "$TMPD/ro.db"
chmod 0444 "$TMPD/ro.db"
if [ "$(id -u)" != 0 ]; then
	expect_status 1 "read-only cache" -- "$TIDINGS" --urls "$TMPD/urls2" \
	    --cache "$TMPD/ro.db" refresh
	expect_grep "$TMPD/err" "ro.db" "the message names the cache"
fi
# On a terminal: a progress bar, then the summary.  Seen in tmux.
if command -v tmux > /dev/null; then
	sock="$TMPD/tmux"
	tmux -S "$sock" new-session -d -x 100 -y 30 \
	    "\"$TIDINGS\" --urls \"$TMPD/urls3\" --cache \"$TMPD/tty.db\" \
	    refresh; echo EXIT=\$?; sleep 30"
	i=0
	while [ $i -lt 300 ]; do
		tmux -S "$sock" capture-pane -p > "$TMPD/screen" 2>/dev/null
		grep -q "EXIT=" "$TMPD/screen" && break
		sleep 0.2
		i=$((i + 1))
	done
	tmux -S "$sock" kill-server 2>/dev/null
	expect_grep "$TMPD/screen" "[==============================] 150/150 feeds" \
	    "the bar ends full"
	expect_grep "$TMPD/screen" "0 failed" "failures in the bar"
	expect_grep "$TMPD/screen" "6000 new articles" "the summary follows"
	expect_grep "$TMPD/screen" "EXIT=0" "exit status 0"
	expect_no_grep "$TMPD/screen" "[1/150]" "no per-feed lines on a terminal"
fi
# The config's limits apply to refresh; a bad line is named, the rest used.
printf '%s\n' "$base/files/rss2-full.xml" > "$TMPD/urls-one"
printf 'jobs = 1\ntimeout = banana\n' > "$TMPD/config"
expect_status 0 "refresh with a config" -- "$TIDINGS" --urls "$TMPD/urls-one" \
    --cache "$TMPD/cfg.db" --config "$TMPD/config" refresh
expect_grep "$TMPD/err" "$TMPD/config:2:" "a bad config line is named"
expect_status 1 "a missing --config" -- "$TIDINGS" --urls "$TMPD/urls-one" \
    --cache "$TMPD/cfg.db" --config "$TMPD/nope" refresh
expect_grep "$TMPD/err" "$TMPD/nope" "the missing config is named"
kill $server 2>/dev/null
wait $server 2>/dev/null
finish
