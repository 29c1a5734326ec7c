#!/bin/sh
# Builds the feed parser's fuzz target (build.sh) and runs it for a while.
#
# usage: tests/fuzz/run.sh [seconds [libFuzzer option...]]
#   seconds  how long to fuzz (default: $FUZZ_SECONDS, else 60)
#   further arguments go to libFuzzer as they are (e.g. -jobs=2,
#   -detect_leaks=0, -seed=1).
# environment:
#   FUZZ_SECONDS      default duration
#   TIDINGS_BUILDDIR  build directory with config.h (default <srcdir>/_build/dev)
#   TIDINGS_CORPUS    the shared corpus (default <srcdir>/../shared/corpus);
#                     its conformance/*.xml and real/* seed the run, if present
#   FUZZ_WORKDIR      where to work (default: a new directory under $TMPDIR
#                     or /tmp); it is kept when something was found, or with
#                     FUZZ_KEEP=1, and removed otherwise
#   FUZZ_PARSE_AGREE  the target compares whole and streamed parses of
#                     every input read as UTF-8; 1: of all inputs, 0: none
#
# Exits 0 when libFuzzer finished without a crash, leak, timeout or
# out-of-memory; otherwise non-zero, after printing the reproducer's path.
# Nothing is written into the source tree.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
srcdir=$(cd "$here/../.." && pwd)
builddir=${TIDINGS_BUILDDIR:-$srcdir/_build/dev}
corpus_src=${TIDINGS_CORPUS:-$srcdir/../shared/corpus}
seconds=${FUZZ_SECONDS:-60}
if [ $# -gt 0 ]; then
	seconds=$1
	shift
fi
case $seconds in
''|*[!0-9]*)
	echo "run.sh: seconds must be a number, not '$seconds'" >&2
	exit 2
	;;
esac

if [ -n "${FUZZ_WORKDIR:-}" ]; then
	work=$FUZZ_WORKDIR
	mkdir -p "$work"
else
	work=$(mktemp -d "${TMPDIR:-/tmp}/tidings-fuzz.XXXXXX")
fi
keep=${FUZZ_KEEP:-0}
# shellcheck disable=SC2317 # called by the trap
cleanup() {
	if [ "$keep" = 1 ]; then
		echo "run.sh: kept $work" >&2
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT
trap 'keep=1; exit 130' INT TERM

bin=$work/fuzz-parse
"$here/build.sh" "$srcdir" "$builddir" "$bin"

# The corpus is a copy: libFuzzer adds to its first corpus directory.
corpus=$work/corpus
artifacts=$work/artifacts
mkdir -p "$corpus" "$artifacts"
cp "$here"/seeds/* "$corpus"/
if [ -d "$corpus_src" ]; then
	n=0
	for f in "$corpus_src"/conformance/*.xml "$corpus_src"/real/*; do
		[ -f "$f" ] || continue
		# Prefixed: both directories may hold the same name.
		d=${f%/*}
		cp "$f" "$corpus/${d##*/}--${f##*/}"
		n=$((n + 1))
	done
	echo "run.sh: $n seeds from $corpus_src"
else
	echo "run.sh: no shared corpus at $corpus_src; own seeds only" >&2
fi

# -detect_leaks=0 only stops libFuzzer's per-input check: LeakSanitizer
# would still fail the process at exit.
for a in "$@"; do
	if [ "$a" = -detect_leaks=0 ]; then
		ASAN_OPTIONS=detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}
		export ASAN_OPTIONS
	fi
done

log=$work/fuzz.log
echo "run.sh: fuzzing for ${seconds}s in $work"
status=0
(
	cd "$work" &&
	"$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
	    -max_len=262144 -dict="$here/feed.dict" \
	    -artifact_prefix="$artifacts/" -print_final_stats=1 \
	    "$@" "$corpus"
) >"$log" 2>&1 || status=$?

# The last status line, and the final stats.
grep -E '^#[0-9]+' "$log" | tail -n 1 || true
grep -E '^stat::' "$log" || true

found=
for f in "$artifacts"/crash-* "$artifacts"/leak-* "$artifacts"/timeout-* \
    "$artifacts"/oom-*; do
	[ -f "$f" ] && found="$found $f"
done
if [ "$status" -ne 0 ] || [ -n "$found" ]; then
	keep=1
	echo "run.sh: libFuzzer exited with status $status" >&2
	# The sanitizer's or libFuzzer's report, without the noise.
	sed -n '/^==[0-9]*==\(ERROR\|WARNING\)\|^fuzz-parse: \|ERROR: libFuzzer/,$p' \
	    "$log" | grep -v '^stat::' | head -n 80 >&2
	for f in $found; do
		echo "run.sh: reproducer: $f" >&2
	done
	[ -n "$found" ] ||
	    echo "run.sh: no reproducer written; see $log" >&2
	echo "run.sh: log: $log" >&2
	echo "run.sh: replay: $bin <reproducer>" >&2
	[ "$status" -ne 0 ] || status=1
	exit "$status"
fi
echo "run.sh: no crash, leak or timeout in ${seconds}s"
exit 0
