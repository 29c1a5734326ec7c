#!/bin/sh
# The feed list as a user meets it: the default list on first start,
# OPML import and export, refused commands, and reading the sample feeds
# without a network.
. "${top_srcdir:-.}/tests/lib.sh"

export XDG_CONFIG_HOME="$TMPD/config" XDG_DATA_HOME="$TMPD/data"
export TIDINGS_DATA_DIR="$top_srcdir/data"

# First start: a default list is written, with every language and the
# sample feeds.
expect_status 0 "export on first start" -- "$TIDINGS" export
expect_grep "$TMPD/err" "wrote a default one to $TMPD/config/tidings/urls" \
    "the user is told where"
expect_grep "$TMPD/out" '<opml version="2.0">' "OPML 2.0"
for site in bbci.co.uk nos.nl tagesschau.de lemonde.fr elpais.com rtp.pt \
    samples/tidings-news.xml; do
	expect_grep "$TMPD/out" "$site" "default list has $site"
done
expect_status 0 "second start" -- "$TIDINGS" export
expect_no_grep "$TMPD/err" "wrote a default" "written only once"

# The samples read without a network.
grep samples "$TMPD/config/tidings/urls" > "$TMPD/samples.urls"
expect_status 0 "refresh the samples" -- "$TIDINGS" --urls "$TMPD/samples.urls" \
    refresh
expect_grep "$TMPD/out" "4 new articles" "sample articles stored"
expect_status 0 "list them" -- "$TIDINGS" --urls "$TMPD/samples.urls" list
expect_grep "$TMPD/out" "Welcome to tidings" "listed"
expect_grep "$TMPD/out" " N " "unread mark shown"

# Import: nesting becomes tags, duplicates are counted, commands refused.
cat > "$TMPD/in.opml" <<'OPML'
<?xml version="1.0"?>
<opml version="2.0"><head><title>mine</title></head><body>
<outline text="News"><outline text="Europe">
  <outline type="rss" text="EU Observer" xmlUrl="https://euobserver.com/rss"/>
</outline></outline>
<outline text="Tech" title="Tech">
  <outline type="rss" text="LWN" xmlUrl="https://lwn.net/headlines/rss"/>
  <outline type="rss" text="LWN again" xmlUrl="https://lwn.net/headlines/rss"/>
  <outline type="rss" text="evil" xmlUrl="exec:rm -rf ~"/>
</outline>
</body></opml>
OPML
# The user's own lines stay as they are: comments, blank lines, and
# lines tidings does not read (a newsboat query feed).
printf '# my feeds\n\n"query:Unread:unread = \\"yes\\""\n' > "$TMPD/list"
expect_status 0 "import" -- "$TIDINGS" --urls "$TMPD/list" import "$TMPD/in.opml"
expect_grep "$TMPD/list" "# my feeds" "the user's comment is kept"
expect_grep "$TMPD/list" "query:Unread" "a line tidings does not read is kept"
expect_grep "$TMPD/out" "2 feeds added" "added counted"
expect_grep "$TMPD/out" "1 feed already in the list" "duplicate counted"
expect_grep "$TMPD/err" "evil" "the command outline is named"
expect_grep "$TMPD/list" "https://euobserver.com/rss" "feed written"
expect_grep "$TMPD/list" "News" "outer folder is a tag"
expect_grep "$TMPD/list" "Europe" "inner folder is a tag"
expect_no_grep "$TMPD/list" "exec:" "no command in the list"
expect_status 0 "import again" -- "$TIDINGS" --urls "$TMPD/list" import "$TMPD/in.opml"
expect_grep "$TMPD/out" "0 feeds added" "nothing twice"

# Export, then import into an empty list: the same feeds and tags.
expect_status 0 "export" -- "$TIDINGS" --urls "$TMPD/list" export
cp "$TMPD/out" "$TMPD/out.opml"
: > "$TMPD/list2"
expect_status 0 "re-import" -- "$TIDINGS" --urls "$TMPD/list2" import "$TMPD/out.opml"
grep -v -e '^#' -e '^$' -e '^"query:' "$TMPD/list" > "$TMPD/list.feeds"
if diff "$TMPD/list.feeds" "$TMPD/list2" > "$TMPD/diff"; then ok; else
	fail "import of the export differs"
	cat "$TMPD/diff" >&2
fi

# A list line naming a command is refused with file and line.
printf 'https://ok.example/feed\n"exec:echo owned"\n|cat /etc/passwd\nfilter:x:y\n' \
    > "$TMPD/bad.urls"
expect_status 0 "export of a list with commands" -- "$TIDINGS" \
    --urls "$TMPD/bad.urls" export
expect_grep "$TMPD/err" "bad.urls:3" "line 3 named"
expect_grep "$TMPD/err" "bad.urls:4" "line 4 named"
expect_no_grep "$TMPD/out" "passwd" "not exported"

# Usage errors.
expect_status 2 "import without a file" -- "$TIDINGS" import
expect_status 1 "import of a missing file" -- "$TIDINGS" --urls "$TMPD/list" \
    import "$TMPD/none.opml"
expect_grep "$TMPD/err" "none.opml" "missing file named"
expect_status 1 "import of a non-OPML file" -- "$TIDINGS" --urls "$TMPD/list" \
    import "$top_srcdir/data/samples/tidings-news.xml"
expect_status 2 "list with a stray argument" -- "$TIDINGS" list foo
finish
