#!/bin/sh
# A feed full of escape sequences, bidi overrides, C1 controls and
# invalid UTF-8 shows as harmless text: nothing reaches the terminal that
# it would act on (colours, clearing, the window title).
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui-lib.sh"

ui_fixtures
cat > "$TMPD/urls" <<URLS
file://$TMPD/feeds/hostile.xml
URLS
"$TIDINGS" --urls "$TMPD/urls" --cache "$TMPD/cache.db" refresh \
    > /dev/null 2>&1
ui_start 200 40
ui_wait "alert" "the hostile title is listed"
ui_keys Tab Enter
ui_wait "Body" "the hostile article opens"
ui_capture
# What is left of the sequences is visible text; the ESC bytes are gone.
expect_grep "$UI_SCREEN" "[31malert" "an SGR sequence is shown as text"
expect_grep "$UI_SCREEN" "cleared?" "the text after a clear sequence"
expect_grep "$UI_SCREEN" "Feeds" "the screen was not cleared"
if grep -q "$(printf '\342\200\256')" "$UI_SCREEN"; then
	fail "a bidi override reached the screen"
else ok; fi
# The window title was not set by the feed's OSC sequences.
title=$(tm display-message -p -t ui '#{pane_title}')
case $title in
*pwned*|*gotcha*) fail "the feed set the window title: $title" ;;
*) ok ;;
esac
# With escape sequences kept (-e), only tidings' own SGR attributes appear.
tm capture-pane -p -e -t ui > "$TMPD/esc"
if grep -q "$(printf '\033')]" "$TMPD/esc" ||
    grep -q "$(printf '\033')\[2J" "$TMPD/esc"; then
	fail "an OSC or clear sequence reached the terminal"
else ok; fi
ui_hasnt "evil()" "the script is dropped"
ui_quit
finish
