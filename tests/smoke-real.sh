#!/bin/sh
# Real-world feeds: each parses (or is refused cleanly) with no crash, hang
# or sanitizer report.
. "${top_srcdir:-.}/tests/lib.sh"

if ! corpus=$(corpus_dir) || [ -z "${PYTHON3:-}" ]; then
	echo "smoke-real.sh: no shared corpus or python3; skipped"
	exit 77
fi
if "$PYTHON3" "$corpus/check_conformance.py" --smoke --timeout 20 \
    "$TIDINGS" "$corpus/real" > "$TMPD/out" 2>&1; then ok; else
	fail "smoke test of real feeds"
	grep -i fail "$TMPD/out" | head -20 >&2
fi
tail -n 1 "$TMPD/out"
# A sanitizer report ends the process with an error, which the smoke check
# counts; this makes sure none slipped out on a clean exit either.
for f in "$corpus"/real/*; do
	case "$f" in *.md) continue ;; esac
	"$TIDINGS" parse --json "$f" > /dev/null 2> "$TMPD/err"
	if grep -q -e "Sanitizer" -e "runtime error" "$TMPD/err"; then
		fail "sanitizer report on $f"
		head -5 "$TMPD/err" >&2
	else ok; fi
done
finish
