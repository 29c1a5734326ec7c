#!/bin/sh
# tidings parse --json against golden outputs in tests/data/feeds: every
# field of the model as a program reading the JSON would see it.
. "${top_srcdir:-.}/tests/lib.sh"

if [ -z "${PYTHON3:-}" ]; then
	echo "cli-parse.sh: python3 missing; skipped"
	exit 77
fi
for xml in "$top_srcdir"/tests/data/feeds/*.xml; do
	want=${xml%.xml}.json
	name=$(basename "$xml")
	"$TIDINGS" parse --json "$xml" > "$TMPD/got.json" 2> "$TMPD/err"
	if "$PYTHON3" -c 'import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
if a != b:
    for k in sorted(set(a) | set(b)):
        if a.get(k) != b.get(k):
            print("  %s: got %r" % (k, a.get(k)))
            print("  %s: want %r" % (k, b.get(k)))
    sys.exit(1)' "$TMPD/got.json" "$want" > "$TMPD/diff" 2>&1; then ok; else
		fail "$name: JSON differs from $(basename "$want")"
		head -20 "$TMPD/diff" >&2
	fi
	# The text form names the same articles.
	"$TIDINGS" parse "$xml" > "$TMPD/text" 2>/dev/null
	"$PYTHON3" -c 'import json, sys
for it in json.load(open(sys.argv[1]))["items"]:
    if it["title"]:
        print(it["title"])' "$want" > "$TMPD/titles"
	while IFS= read -r title; do
		expect_grep "$TMPD/text" "$title" "$name: text output"
	done < "$TMPD/titles"
done
finish
