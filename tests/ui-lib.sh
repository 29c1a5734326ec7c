# Shared by the reader's tests: the real binary in a tmux session of a
# given size, keys sent with send-keys, the screen read with capture-pane.
# Source after lib.sh.  Every wait is bounded.
if [ -n "${TIDINGS_SKIP_UI:-}" ]; then
	echo "$(basename "$0"): TIDINGS_SKIP_UI is set; skipped"
	exit 77
fi
if ! command -v tmux >/dev/null 2>&1; then
	echo "$(basename "$0"): tmux missing; skipped"
	exit 77
fi
UI_SOCK="$TMPD/tmux.sock"
UI_SCREEN="$TMPD/screen"
export UI_SOCK
tm() { tmux -S "$UI_SOCK" -f /dev/null "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$TMPD"' EXIT

# The fixture feeds, as a feed list of file: URLs, and an empty config.
ui_fixtures() {
	mkdir -p "$TMPD/feeds"
	cp "$top_srcdir"/tests/data/ui/*.xml "$TMPD/feeds/"
	cat > "$TMPD/urls" <<URLS
file://$TMPD/feeds/world.xml news ~"World Desk"
file://$TMPD/feeds/tech.xml tech
URLS
	: > "$TMPD/config"
}

# ui_start COLS ROWS [ARG...]: starts the reader with the test's list,
# cache and config, and waits for its first screen (for the text
# UI_READY, "Feeds" unless told).
ui_start() {
	cols=$1 rows=$2
	shift 2
	{
		printf '#!/bin/sh\n'
		# Ctrl-C reaches the whole group: the shell outlives it.
		printf 'trap : INT\n'
		printf 'export LC_ALL=C.UTF-8 LANGUAGE= TERM=screen-256color\n'
		printf 'export BROWSER=%s\n' "${UI_BROWSER:-false}"
		printf '%s' "${UI_ENV:-}"
		printf "'%s' --urls '%s' --cache '%s' --config '%s'" \
		    "$TIDINGS" "${UI_URLS:-$TMPD/urls}" "$TMPD/cache.db" \
		    "$TMPD/config"
		for a in "$@"; do printf " '%s'" "$a"; done
		printf ' 2>"%s/ui-stderr"\n' "$TMPD"
		printf 'echo "exit=$?" > "%s/ui-exit"\n' "$TMPD"
		printf 'sleep 600\n'
	} > "$TMPD/run.sh"
	rm -f "$TMPD/ui-exit"
	# A server still exiting may take the new session down with it
	# ("no server running"): start it again until it is there.
	n=0
	while :; do
		tm new-session -d -x "$cols" -y "$rows" -s ui \
		    "sh '$TMPD/run.sh'" 2>"$TMPD/tmux-err"
		tm has-session -t ui 2>/dev/null && break
		n=$((n + 1))
		if [ $n -ge 50 ]; then
			fail "tmux starts a session: $(cat "$TMPD/tmux-err")"
			return 1
		fi
		sleep 0.1
	done
	ui_wait "${UI_READY:-Feeds}" "the reader starts"
}

ui_capture() { tm capture-pane -p -t ui > "$UI_SCREEN"; }

# Every wait below ends after UI_WAIT tenths of a second (30 s unless
# told): long enough for a sanitizer build on a busy machine, and each
# returns as soon as the screen is right.
UI_WAIT=${UI_WAIT:-300}

# ui_wait TEXT DESCRIPTION: until the screen shows TEXT.
ui_wait() {
	i=0
	while [ $i -lt "$UI_WAIT" ]; do
		ui_capture
		if grep -qF -- "$1" "$UI_SCREEN"; then ok; return 0; fi
		sleep 0.1
		i=$((i + 1))
	done
	fail "$2: '$1' not on the screen"
	sed 's/^/  | /' "$UI_SCREEN" >&2
	return 1
}

# ui_wait_re REGEX DESCRIPTION: the same with an extended regex.
ui_wait_re() {
	i=0
	while [ $i -lt "$UI_WAIT" ]; do
		ui_capture
		if grep -qE -- "$1" "$UI_SCREEN"; then ok; return 0; fi
		sleep 0.1
		i=$((i + 1))
	done
	fail "$2: /$1/ not on the screen"
	sed 's/^/  | /' "$UI_SCREEN" >&2
	return 1
}

# ui_gone TEXT DESCRIPTION: until TEXT is no longer on the screen.
ui_gone() {
	i=0
	while [ $i -lt "$UI_WAIT" ]; do
		ui_capture
		if ! grep -qF -- "$1" "$UI_SCREEN"; then ok; return 0; fi
		sleep 0.1
		i=$((i + 1))
	done
	fail "$2: '$1' still on the screen"
	sed 's/^/  | /' "$UI_SCREEN" >&2
	return 1
}

# Checks the screen as it is now.
ui_has() {
	ui_capture
	expect_grep "$UI_SCREEN" "$1" "$2"
}
ui_hasnt() {
	ui_capture
	expect_no_grep "$UI_SCREEN" "$1" "$2"
}

ui_keys() { tm send-keys -t ui "$@"; }

# ui_quit [WANT]: q, then the reader's exit status must be WANT (0).
ui_quit() {
	ui_keys q
	ui_exited "${1:-0}" "quits with q"
}

# ui_exited WANT DESCRIPTION: waits for the reader to end, then closes
# its session (ui_exited_keep leaves the session to look at).
ui_exited() {
	ui_exited_keep "$@"
	tm kill-session -t ui 2>/dev/null
	# The server exits with its last session: let it be gone before
	# the next ui_start (bounded).
	n=0
	while tm list-sessions >/dev/null 2>&1 && [ $n -lt 50 ]; do
		sleep 0.1
		n=$((n + 1))
	done
}
ui_exited_keep() {
	i=0
	while [ ! -s "$TMPD/ui-exit" ] && [ $i -lt "$UI_WAIT" ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if grep -qx "exit=$1" "$TMPD/ui-exit" 2>/dev/null; then ok; else
		fail "$2: $(cat "$TMPD/ui-exit" 2>/dev/null || echo 'still running')"
		sed 's/^/  stderr: /' "$TMPD/ui-stderr" 2>/dev/null | head >&2
	fi
}

# Reads the cache with python's sqlite3, as an independent witness.
ui_sql() {
	"$PYTHON3" -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for row in db.execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in row))' \
	    "$TMPD/cache.db" "$1"
}
