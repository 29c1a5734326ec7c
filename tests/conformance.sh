#!/bin/sh
# The shared conformance corpus: every case must pass except the ones
# listed, with their reasons, in tests/data/conformance-known-failures.
. "${top_srcdir:-.}/tests/lib.sh"

if ! corpus=$(corpus_dir) || [ -z "${PYTHON3:-}" ]; then
	echo "conformance.sh: no shared corpus or python3; skipped"
	exit 77
fi
"$PYTHON3" "$corpus/check_conformance.py" --json-report "$TMPD/report.json" \
    "$TIDINGS" "$corpus/conformance" > "$TMPD/out" 2>&1
tail -n 1 "$TMPD/out"
"$PYTHON3" - "$TMPD/report.json" \
    "$top_srcdir/tests/data/conformance-known-failures" <<'PY' || fail "conformance"
import json, sys
report = json.load(open(sys.argv[1]))
known = set()
for line in open(sys.argv[2]):
    line = line.split("#", 1)[0].strip()
    if line:
        known.add(line)
cases = report
failed = {c["case"] for c in cases if not c["passed"]}
total = len(cases)
bad = sorted(failed - known)
for name in bad:
    print("new failure:", name)
fixed = sorted(known - failed)
for name in fixed:
    print("known failure now passes (remove it from the list):", name)
print("%d of %d cases pass (%.1f%%)" % (total - len(failed), total,
      100.0 * (total - len(failed)) / max(total, 1)))
sys.exit(1 if bad or fixed or total < 100 else 0)
PY
ok
finish
