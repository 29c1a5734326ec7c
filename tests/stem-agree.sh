#!/bin/sh
# stem_words reads most text 16 bytes at a time with SSE2 on x86-64 and
# a byte at a time elsewhere: both must give the same words and hashes.
# test-stem and test-stem-scalar (built without the SSE2 reader) each
# read 20,000 random texts of every kind of piece and print a digest.
. "${top_srcdir:-.}/tests/lib.sh"

bin=${top_builddir:-.}/tests
if "$bin/test-stem" --digest > "$TMPD/fast" 2>&1; then ok; else
	fail "test-stem --digest: $(cat "$TMPD/fast")"
fi
if "$bin/test-stem-scalar" --digest > "$TMPD/scalar" 2>&1; then ok; else
	fail "test-stem-scalar --digest: $(cat "$TMPD/scalar")"
fi
if cmp -s "$TMPD/fast" "$TMPD/scalar"; then ok; else
	fail "the two readers differ: $(cat "$TMPD/fast") against" \
	    "$(cat "$TMPD/scalar")"
fi
# Enough words that every piece met every other.
words=$(sed 's/ .*//' "$TMPD/fast")
if [ "${words:-0}" -gt 100000 ]; then ok; else
	fail "the digest covers too few words: $(cat "$TMPD/fast")"
fi
finish
