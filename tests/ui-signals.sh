#!/bin/sh
# The terminal is given back however the reader ends: SIGTERM and SIGINT
# end it with 128 + the signal after restoring the screen, and a closed
# terminal (SIGHUP) ends it instead of leaving it spinning.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui-lib.sh"

ui_fixtures
"$TIDINGS" --urls "$TMPD/urls" --cache "$TMPD/cache.db" refresh \
    > /dev/null 2>&1
reader_pid() { pgrep -f -- "--cache $TMPD/cache.db" | head -1; }

for sig in TERM INT; do
	ui_start 120 30
	pid=$(reader_pid)
	if [ -n "$pid" ]; then ok; else fail "the reader's process"; fi
	kill -s $sig "$pid"
	case $sig in TERM) want=143 ;; INT) want=130 ;; esac
	ui_exited_keep "$want" "SIG$sig ends the reader"
	# The shell's screen is back: the alternate screen was left.
	ui_capture
	expect_no_grep "$UI_SCREEN" "All articles" "SIG$sig: the screen is restored"
	tm kill-session -t ui 2>/dev/null
done

# Ctrl-C from the keyboard is SIGINT too.
ui_start 120 30
ui_keys C-c
ui_exited 130 "Ctrl-C ends the reader"

# A closed terminal: the session goes away, and so must the reader.
ui_start 120 30
pid=$(reader_pid)
tm kill-session -t ui
i=0
while kill -0 "$pid" 2>/dev/null && [ $i -lt 300 ]; do
	sleep 0.1
	i=$((i + 1))
done
if kill -0 "$pid" 2>/dev/null; then
	fail "the reader keeps running after its terminal closed"
	kill -9 "$pid"
else ok; fi
finish
