#!/bin/sh
# The manuals: lint-clean mdoc, the English one in step with --help, and
# each translated one (man/LANG/tidings.1) documenting the same options,
# commands, keys, settings and variables as the English one.
. "${top_srcdir:-.}/tests/lib.sh"

man="$top_srcdir/man/tidings.1"
# lint PAGE
lint() {
	if command -v mandoc > /dev/null; then
		if mandoc -T lint -W warning "$1" > "$TMPD/lint" 2>&1; then ok
		else
			fail "mandoc -T lint $1"
			cat "$TMPD/lint" >&2
		fi
	elif command -v groff > /dev/null; then
		if groff -ww -z -mdoc "$1" > "$TMPD/lint" 2>&1 && \
		    [ ! -s "$TMPD/lint" ]; then ok; else fail "groff -ww $1"; fi
	fi
}
# terms PAGE: what the page defines, whatever its language: the Fl, Cm,
# Ic and Ev arguments of its list items and its synopsis, one a line
# ("Ic k", "Cm jobs", "Fl \-lang").
terms() {
	awk '/^\.(It|Op) / {
		for (i = 2; i < NF; i++) {
			if ($i !~ /^(Fl|Cm|Ic|Ev)$/)
				continue
			# "Ev LC_ALL , LANG": the words after commas too.
			for (j = i + 1; j <= NF; j += 2) {
				w = $j
				sub(/[,.;:)]+$/, "", w)
				if (w != "") print $i " " w
				if ($(j + 1) != ",") break
			}
		}
	}' "$1" | LC_ALL=C sort -u
}
# same_terms PAGE: 0 when PAGE defines what the English page does.
same_terms() {
	terms "$1" > "$TMPD/terms.lang"
	if cmp -s "$TMPD/terms.en" "$TMPD/terms.lang"; then return 0; fi
	diff "$TMPD/terms.en" "$TMPD/terms.lang" | sed -n 's/^[<>] /  /p' \
	    > "$TMPD/terms.diff"
	return 1
}

lint "$man"
terms "$man" > "$TMPD/terms.en"
for t in "Fl \\-lang" "Cm refresh" "Cm language" "Ic L" "Ic q" "Ev LC_MESSAGES" \
    "Fl \\-starred"; do
	expect_grep "$TMPD/terms.en" "$t" "the English page defines $t"
done
# The comparison sees a missing key (a copy without L's item).
awk '!/^\.It Ic L$/' "$man" > "$TMPD/short.1"
if same_terms "$TMPD/short.1"; then
	fail "a page without the L key passes for complete"
else
	expect_grep "$TMPD/terms.diff" "Ic L" "the missing key is named"
fi
for page in "$top_srcdir"/man/*/tidings.1; do
	[ -f "$page" ] || continue
	lang=$(basename "$(dirname "$page")")
	lint "$page"
	if same_terms "$page"; then ok; else
		fail "man/$lang/tidings.1 and man/tidings.1 differ in:"
		cat "$TMPD/terms.diff" >&2
	fi
	grep -qF "man/$lang/tidings.1" "$top_srcdir/Makefile.am" && ok ||
	    fail "man/$lang/tidings.1 is not in Makefile.am's MAN_TRANSLATED"
done
"$TIDINGS" --help > "$TMPD/help"
for opt in $(grep -oE -- '--[a-z][a-z-]+' "$TMPD/help" | sort -u); do
	name=${opt#--}
	if grep -qE -- "(Fl|Cm) \\\\-\\\\-$name|Fl \\\\-$name|\\\\-$name" "$man" || \
	    grep -qF -- "$name" "$man"; then ok; else
		fail "--help names $opt but the man page does not"
	fi
done
for cmd in $(sed -n 's/^  \([a-z][a-z]*\) .*/\1/p' "$TMPD/help"); do
	if grep -q "^\.It Cm $cmd" "$man"; then ok; else
		fail "--help lists command $cmd, the man page does not"
	fi
done
finish
