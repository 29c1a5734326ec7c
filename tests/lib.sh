# Shared by the script tests: checks that count, and automake's exit codes.
# Each script sources this, runs checks, and ends with `finish`.
set -u
: "${TIDINGS:?TIDINGS must name the tidings binary}"
: "${top_srcdir:=.}"
failures=0
checks=0
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/tidings-test.XXXXXX")
trap 'rm -rf "$TMPD"' EXIT
# Nothing of the user's is read or written: a tidings config, feed list
# or cache in the real home would change what the tests see.
mkdir "$TMPD/home"
HOME="$TMPD/home" XDG_CONFIG_HOME="$TMPD/home/.config"
XDG_DATA_HOME="$TMPD/home/.local/share" XDG_CACHE_HOME="$TMPD/home/.cache"
XDG_STATE_HOME="$TMPD/home/.local/state"
export HOME XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME XDG_STATE_HOME

ok() { checks=$((checks + 1)); }
fail() {
	checks=$((checks + 1))
	failures=$((failures + 1))
	printf 'FAIL: %s\n' "$*" >&2
}
# expect_status WANT DESCRIPTION -- COMMAND...: runs COMMAND, keeping its
# output in $TMPD/out and $TMPD/err.
expect_status() {
	want=$1 what=$2
	shift 3
	"$@" >"$TMPD/out" 2>"$TMPD/err"
	got=$?
	if [ "$got" -eq "$want" ]; then ok; else
		fail "$what: exit $got, want $want"
		sed 's/^/  stderr: /' "$TMPD/err" | head -5 >&2
	fi
}
# expect_grep FILE PATTERN DESCRIPTION (fixed string)
expect_grep() {
	if grep -qF -- "$2" "$1"; then ok; else
		fail "$3: '$2' not in $(basename "$1")"
		head -5 "$1" | sed 's/^/  /' >&2
	fi
}
expect_no_grep() {
	if grep -qF -- "$2" "$1"; then fail "$3: '$2' found"; else ok; fi
}
# The shared corpus sits beside the repository (CI) unless told otherwise.
corpus_dir() {
	for d in "${TIDINGS_CORPUS:-}" "$top_srcdir/../shared/corpus" \
	    "$top_srcdir/../../shared/corpus"; do
		if [ -n "$d" ] && [ -f "$d/check_conformance.py" ]; then
			printf '%s\n' "$d"
			return 0
		fi
	done
	return 1
}
# server_start ROOT [ARG...]: the loopback server (tests/server.py) on
# ROOT, stopped when the test ends; sets $server (its pid) and $base.
server_start() {
	root=$1
	shift
	"$PYTHON3" "$top_srcdir/tests/server.py" --root "$root" \
	    --port-file "$TMPD/port" "$@" &
	server=$!
	trap 'kill $server 2>/dev/null; rm -rf "$TMPD"' EXIT
	i=0
	while [ ! -s "$TMPD/port" ] && [ $i -lt 300 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	base="http://127.0.0.1:$(cat "$TMPD/port")"
}
finish() {
	printf '%s: %d checks, %d failed\n' "$(basename "$0")" "$checks" \
	    "$failures"
	[ "$failures" -eq 0 ] || exit 1
	exit 0
}
