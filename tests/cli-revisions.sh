#!/bin/sh
# Revisions through the loopback server: a feed served again with one
# article edited keeps exactly one earlier version; whitespace, markup and
# tracking parameters alone keep none (the newest text is still stored);
# the revisions setting caps them per article and they go with it.
. "${top_srcdir:-.}/tests/lib.sh"

if [ -z "${PYTHON3:-}" ]; then
	echo "cli-revisions.sh: python3 missing; skipped"
	exit 77
fi
mkdir "$TMPD/www"
server_start "$TMPD/www" --log "$TMPD/server.log" --lifetime 120
printf '%s/files/desk.xml\n' "$base" > "$TMPD/urls"
: > "$TMPD/config"
T() { "$TIDINGS" --urls "$TMPD/urls" --cache "$TMPD/cache.db" \
    --config "$TMPD/config" "$@"; }
sql() { "$PYTHON3" -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for row in db.execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in row))
db.commit()' "$TMPD/cache.db" "$1"; }

# desk A_TITLE A_TEXT B_TEXT C_TEXT C_LINK: three articles; a is edited,
# b and c only ever change in form.
desk() {
	cat > "$TMPD/www/desk.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Desk</title>
<item><guid>a</guid><title>$1</title><description>$2</description></item>
<item><guid>b</guid><title>Markets</title><description>$3</description></item>
<item><guid>c</guid><title>Links</title><link>$5</link>
<description>$4</description></item>
</channel></rss>
XML
}
A1='&lt;p&gt;Talks continue for a second day.&lt;/p&gt;'
B1='&lt;p&gt;Shares rose &lt;b&gt;slightly&lt;/b&gt;.&lt;/p&gt;'
C1='&lt;p&gt;Read &lt;a href="https://ex.org/r?id=7"&gt;the report&lt;/a&gt;.&lt;/p&gt;'
desk "Talks go on" "$A1" "$B1" "$C1" "https://ex.org/c"
expect_status 0 "first refresh" -- T refresh
expect_grep "$TMPD/out" "3 new articles" "three new"

# Cosmetic only: blanks in a title and a text, other markup for the
# same words, utm_ and fbclid in the links and in the item's link.
desk "Talks  go   on" '&lt;p&gt;Talks continue  for a
 second day.&lt;/p&gt;' \
    '&lt;div class="x"&gt;&lt;p&gt;Shares rose &lt;strong&gt;slightly&lt;/strong&gt;.&lt;/p&gt;&lt;/div&gt;' \
    '&lt;p&gt;Read &lt;a href="https://ex.org/r?utm_source=rss&amp;amp;id=7&amp;amp;fbclid=Zz"&gt;the report&lt;/a&gt;.&lt;/p&gt;' \
    "https://ex.org/c?utm_medium=feed&amp;utm_campaign=x"
expect_status 0 "cosmetic refresh" -- T refresh
expect_grep "$TMPD/out" "0 updated articles" "no update counted"
n=$(sql "SELECT count(*) FROM revisions")
[ "$n" = 0 ] && ok || fail "cosmetic edits keep no revision, $n kept"
n=$(sql "SELECT count(*) FROM items WHERE is_updated = 1")
[ "$n" = 0 ] && ok || fail "cosmetic edits mark nothing updated ($n)"
expect_status 0 "list --updated after cosmetic edits" -- \
    T list --updated --json
expect_no_grep "$TMPD/out" '"id"' "no updated article listed"
# The newest form is what is stored and shown.
n=$(sql "SELECT count(*) FROM items WHERE summary LIKE '%<strong>%'")
[ "$n" = 1 ] && ok || fail "the new markup is stored ($n)"

# A real edit of a, and b's words changed too.
A2='&lt;p&gt;Talks continue for a third day.&lt;/p&gt;'
desk "Talks go on" "$A2" \
    '&lt;div class="x"&gt;&lt;p&gt;Shares rose &lt;strong&gt;slightly&lt;/strong&gt;.&lt;/p&gt;&lt;/div&gt;' \
    '&lt;p&gt;Read &lt;a href="https://ex.org/r?id=7"&gt;the report&lt;/a&gt;.&lt;/p&gt;' \
    "https://ex.org/c"
expect_status 0 "edited refresh" -- T refresh
expect_grep "$TMPD/out" "1 updated article" "one update counted"
expect_status 0 "list --updated" -- T list --updated --json
n=$(grep -c '"is_updated": true' "$TMPD/out")
[ "$n" = 1 ] && ok || fail "list --updated shows 1, not $n"
expect_grep "$TMPD/out" '"title": "Talks go on"' "the edited article"
expect_status 0 "list --updated, text" -- T list --updated
expect_grep "$TMPD/out" "NU  Desk: Talks go on" "marked N and U in the list"
n=$(sql "SELECT count(*) FROM revisions")
[ "$n" = 1 ] && ok || fail "exactly one revision, not $n"
# The revision is the version before the edit (the cosmetic one).
expect_status 0 "the revision" -- sql "SELECT r.title, r.summary FROM revisions r JOIN items i ON i.id = r.item_id WHERE i.key = 'a'"
expect_grep "$TMPD/out" "Talks go on|<p>Talks continue  for a" \
    "the earlier text is kept as it was"
expect_grep "$TMPD/out" "second day.</p>" "with the word that changed"
n=$(sql "SELECT count(*) FROM items WHERE key = 'a' AND summary LIKE '%third day%'")
[ "$n" = 1 ] && ok || fail "the current text is the edited one"

# The same document again: nothing new, still one revision.
expect_status 0 "unchanged refresh" -- T refresh
expect_grep "$TMPD/out" "0 updated articles" "nothing updated"
n=$(sql "SELECT count(*) FROM revisions")
[ "$n" = 1 ] && ok || fail "still one revision, not $n"

# revisions = 2 keeps the two newest of each article.
printf 'revisions = 2\n' > "$TMPD/config"
for day in fourth fifth sixth; do
	desk "Talks go on" "&lt;p&gt;Talks continue for a $day day.&lt;/p&gt;" \
	    "$B1" "$C1" "https://ex.org/c"
	expect_status 0 "refresh, the $day day" -- T refresh
done
expect_status 0 "revisions kept" -- sql "SELECT r.summary FROM revisions r JOIN items i ON i.id = r.item_id WHERE i.key = 'a' ORDER BY r.id"
n=$(wc -l < "$TMPD/out")
[ "$n" = 2 ] && ok || fail "two revisions of a kept, not $n"
expect_grep "$TMPD/out" "fourth day" "the older kept one"
expect_grep "$TMPD/out" "fifth day" "the newer kept one"
expect_no_grep "$TMPD/out" "third day" "older ones dropped"

# A bad value is named with file and line, and the default stays.
printf '# cap\nrevisions = 0\n' > "$TMPD/config"
expect_status 0 "refresh with a bad revisions line" -- T refresh
expect_grep "$TMPD/err" "config:2: '0' is not a number from 1 to 1000 for revisions" \
    "the bad line named"

# Revisions and story memberships go with their article, and articles
# with their feed, even from a connection that enforces no foreign keys
# (SQLite's default, and tidings' own: triggers do it).
n=$(sql "SELECT count(*) FROM story_items m JOIN items i ON i.id = m.item_id
    WHERE i.key = 'a'")
[ "$n" = 1 ] && ok || fail "the article is in a story ($n memberships)"
sql "DELETE FROM items WHERE key = 'a'" > /dev/null
n=$(sql "SELECT count(*) FROM revisions")
[ "$n" = 0 ] && ok || fail "revisions pruned with the article ($n left)"
n=$(sql "SELECT count(*) FROM story_items WHERE item_id NOT IN
    (SELECT id FROM items)")
[ "$n" = 0 ] && ok || fail "its story membership pruned ($n left)"
sql "DELETE FROM feeds" > /dev/null
n=$(sql "SELECT (SELECT count(*) FROM items) + (SELECT count(*) FROM
    story_items) + (SELECT count(*) FROM categories) + (SELECT count(*)
    FROM enclosures) + (SELECT count(*) FROM revisions)")
[ "$n" = 0 ] && ok || fail "a feed deleted takes all its rows ($n left)"
finish
