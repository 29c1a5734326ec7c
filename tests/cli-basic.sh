#!/bin/sh
# The command line as a user meets it: help, version, usage errors, the
# sample feeds, and the messages for files that cannot be read.
. "${top_srcdir:-.}/tests/lib.sh"

expect_status 0 "--help" -- "$TIDINGS" --help
expect_grep "$TMPD/out" "Usage: tidings" "--help shows usage"
expect_grep "$TMPD/out" "parse [--json] FILE|URL" "--help lists parse"
expect_status 0 "--version" -- "$TIDINGS" --version
expect_grep "$TMPD/out" "tidings 0." "--version names the program"
expect_status 2 "unknown option" -- "$TIDINGS" --frobnicate
expect_grep "$TMPD/err" "Try 'tidings --help'" "usage error points to help"
expect_status 2 "unknown command" -- "$TIDINGS" frobnicate
expect_grep "$TMPD/err" "unknown command 'frobnicate'" "names the command"
expect_status 2 "parse without a file" -- "$TIDINGS" parse
expect_status 0 "parse --help" -- "$TIDINGS" parse --help
expect_grep "$TMPD/out" "--json" "parse --help lists --json"

# No command and no terminal: the reader says it needs one.
expect_status 1 "reader without a terminal" -- sh -c \
    "'$TIDINGS' --urls '$TMPD/urls' --cache '$TMPD/c.db' < /dev/null"
expect_grep "$TMPD/err" "the reader needs a terminal" "says why"
# The bundled samples parse (they fill the default list on first start).
expect_status 0 "samples" -- "$TIDINGS" parse \
    "$top_srcdir/data/samples/tidings-news.xml" \
    "$top_srcdir/data/samples/tidings-atom.xml"
expect_grep "$TMPD/out" "Welcome to tidings" "sample RSS article shown"
expect_grep "$TMPD/out" "tidings: release notes" "sample Atom feed shown"
expect_grep "$TMPD/out" "by The tidings developers" "authors shown"

# Files that cannot be read: exit 1 and a message naming the file.
expect_status 1 "missing file" -- "$TIDINGS" parse "$TMPD/nope.xml"
expect_grep "$TMPD/err" "$TMPD/nope.xml" "missing file is named"
expect_status 1 "a directory" -- "$TIDINGS" parse "$TMPD"
printf '<html><body>not a feed</body></html>' > "$TMPD/page.html"
expect_status 1 "an HTML page" -- "$TIDINGS" parse "$TMPD/page.html"
expect_grep "$TMPD/err" "page.html: not an RSS or Atom feed" "says why"
: > "$TMPD/empty.xml"
expect_status 1 "an empty file" -- "$TIDINGS" parse "$TMPD/empty.xml"
expect_grep "$TMPD/err" "empty.xml: the document is empty" "says empty"

# One bad file among good ones: the rest is still printed.
expect_status 1 "bad among good" -- "$TIDINGS" parse --json \
    "$top_srcdir/data/samples/tidings-news.xml" "$TMPD/empty.xml" \
    "$top_srcdir/data/samples/tidings-atom.xml"
expect_grep "$TMPD/out" '"title": "tidings: welcome"' "first file printed"
expect_grep "$TMPD/out" '"title": "tidings: release notes"' \
    "file after the bad one printed"

# Standard input.
expect_status 0 "parse -" -- sh -c "\"$TIDINGS\" parse --json - < \
    \"$top_srcdir/data/samples/tidings-news.xml\""
expect_grep "$TMPD/out" '"format": "rss2.0"' "stdin parsed"

# A recovered document: output plus a warning with file and line.
printf '<rss version="2.0"><channel><title>t &eacute;</title><item>' \
    > "$TMPD/broken.xml"
printf '<title>kept</title></item><x></y></channel></rss>\n' \
    >> "$TMPD/broken.xml"
expect_status 0 "recovered document" -- "$TIDINGS" parse --json \
    "$TMPD/broken.xml"
expect_grep "$TMPD/out" '"wellformed": false' "flagged ill-formed"
expect_grep "$TMPD/out" '"title": "kept"' "item recovered"
expect_grep "$TMPD/err" "broken.xml:1:" "warning names file and line"

# Output to a closed pipe or full disk is an error, not silence.
if [ -w /dev/full ]; then
	expect_status 1 "write error" -- sh -c "\"$TIDINGS\" --help > /dev/full"
	expect_grep "$TMPD/err" "cannot write the output" "write error said"
fi
finish
