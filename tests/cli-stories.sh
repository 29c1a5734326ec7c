#!/bin/sh
# tidings stories --cluster: items of a JSON-lines file assigned to
# stories in file order, one "item-id<TAB>story-id" line each; bad lines
# named by file and line, skipped, and the exit status 1.
. "${top_srcdir:-.}/tests/lib.sh"

fixture="$top_srcdir/tests/data/stories/cluster.jsonl"
expect_status 1 "a file with bad lines" -- "$TIDINGS" stories --cluster \
    "$fixture"
tab=$(printf '\t')
cat > "$TMPD/want" <<OUT
a1${tab}1
b1${tab}2
a2${tab}1
c1${tab}3
c2${tab}3
b2${tab}2
d1${tab}4
OUT
if cmp -s "$TMPD/out" "$TMPD/want"; then ok; else
	fail "story assignment differs"
	diff "$TMPD/want" "$TMPD/out" | head -10 >&2
fi
expect_grep "$TMPD/err" "$fixture:4: not a JSON object" "line 4 named"
expect_grep "$TMPD/err" "$fixture:7: bad escape in a string" "line 7 named"
expect_grep "$TMPD/err" "$fixture:8: no \"id\"" "line 8 named"
expect_grep "$TMPD/err" "$fixture:9: \"time\" is not an RFC 3339 time" \
    "line 9 named"
expect_grep "$TMPD/err" "$fixture:12: text after the object" "line 12 named"
if [ "$(wc -l < "$TMPD/err")" -eq 5 ]; then ok; else
	fail "five bad lines, one message each"
fi

# The good lines alone, from standard input: exit 0, the same stories.
grep -v -e 'not json' -e 'bad-' -e 'no id' -e 'trailing' "$fixture" \
    > "$TMPD/good.jsonl"
expect_status 0 "good lines from stdin" -- sh -c \
    "\"\$TIDINGS\" stories --cluster - < \"$TMPD/good.jsonl\""
if cmp -s "$TMPD/out" "$TMPD/want"; then ok; else
	fail "stdin gives the same stories"
fi

# Hostile lines: escapes that decode to controls, lone surrogates, a NUL,
# invalid UTF-8, deep nesting, a cut line.  No crash; ids are printed
# sanitised (no tab or escape to break the output), bad lines named.
{
	printf '%s\n' '{"id":"t\tab\u001b[31m","title":"lone \ud800 and nul \u0000","time":"2024-01-01T00:00:00Z"}'
	printf '{"id":"bytes","title":"caf\351 \377\376 \300\257"}\n'
	printf '%s\n' '{"id":"deep","x":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}'
	printf '%s\n' '{"id":"num","n":-1.5e300,"t":true,"z":null,"o":{},"a":[]}'
	printf '%s' '{"id":"cut'
} > "$TMPD/hostile.jsonl"
expect_status 1 "hostile lines" -- "$TIDINGS" stories --cluster \
    "$TMPD/hostile.jsonl"
printf 't ab[31m\t1\nbytes\t2\nnum\t3\n' > "$TMPD/want.hostile"
if cmp -s "$TMPD/out" "$TMPD/want.hostile"; then ok; else
	fail "hostile lines: ids sanitised, good lines kept"
	od -c "$TMPD/out" | head -5 >&2
fi
expect_grep "$TMPD/err" "hostile.jsonl:3: values nested too deeply" \
    "deep nesting named"
expect_grep "$TMPD/err" "hostile.jsonl:5: unterminated string" \
    "a cut last line named"

expect_status 1 "a missing file" -- "$TIDINGS" stories --cluster \
    "$TMPD/none.jsonl"
expect_grep "$TMPD/err" "$TMPD/none.jsonl" "the file is named"
# Without --cluster it lists the cache's stories (cli-stories-list.sh).
expect_status 0 "no --cluster: the cache's stories" -- "$TIDINGS" \
    --cache "$TMPD/empty.db" stories --json
expect_grep "$TMPD/out" "[]" "an empty cache has no stories"
expect_status 2 "a stray argument" -- "$TIDINGS" stories --cluster x y
expect_status 0 "help" -- "$TIDINGS" stories --help
expect_grep "$TMPD/out" "item-id<TAB>story-id" "help shows the output"
expect_status 0 "main help lists it" -- "$TIDINGS" --help
expect_grep "$TMPD/out" "stories --cluster FILE" "listed in --help"
finish
