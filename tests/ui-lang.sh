#!/bin/sh
# The reader in each of the six languages at 80 columns, chosen by --lang,
# by LANGUAGE alone and by the config: panes, status line, help, dates by
# month name and a plural at 0, 1 and 2; then L switching it live, the
# choice saved in the config and used at the next start.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/lang-lib.sh"
. "$top_srcdir/tests/ui-lib.sh"

newline='
'
mkdir -p "$TMPD/feeds"
lang_feed "$TMPD/feeds/lang.xml" "Harbour News" 3
printf 'file://%s/feeds/lang.xml news\n' "$TMPD" > "$TMPD/urls"
: > "$TMPD/config"
expect_status 0 "the cache is filled" -- "$TIDINGS" --urls "$TMPD/urls" \
    --cache "$TMPD/cache.db" --config "$TMPD/config" refresh

# lang_screen LANG HOW: the first screen speaks LANG.
lang_screen() {
	ui_has "$(say "$1" feeds)" "$1 by $2: the feeds pane's title"
	# At 80 columns a long name is cut, never its count.
	grep -qE "^ $(say "$1" all | cut -d' ' -f1)[^│]* 3│" "$UI_SCREEN" &&
	    ok || fail "$1 by $2: the All entry with its count"
	ui_has "$(say "$1" all) (3 " "$1 by $2: the list's title"
	ui_has "│$(say "$1" article)" "$1 by $2: the article pane's title"
	tail -1 "$UI_SCREEN" | grep -qF "$(say "$1" status)" && ok ||
	    fail "$1 by $2: the status line: $(tail -1 "$UI_SCREEN")"
}

for l in $LANGS; do
	UI_READY=$(say "$l" all)
	UI_ENV="export TZ=UTC$newline"
	ui_start 80 60 --lang="$l"
	lang_screen "$l" --lang
	grep "Harbour alpha opens" "$UI_SCREEN" |
	    grep -qF " $(say "$l" listdate) Harbour News" && ok ||
	    fail "$l: the list's date names the month: $(grep alpha \
	    "$UI_SCREEN")"
	ui_has "$(say "$l" headdate)" "$l: the header's date, day and month"
	# A plural on the status line, at 2, 1 and 0.
	for n in 2 1 0; do
		case $n in
		2) w=omega ;;
		1) w=alpha ;;
		0) w=zzzq ;;
		esac
		ui_keys / $w Enter
		ui_wait "$(say "$l" "found$n")" "$l: the search says $n found"
	done
	# The help, with the language's own line.
	ui_keys '?'
	ui_wait "$(say "$l" keys)" "$l: the help's title"
	ui_has "L                    $(say "$l" langkey)" "$l: L in the help"
	ui_keys q
	ui_gone "$(say "$l" keys)" "$l: the help closes"
	ui_quit

	UI_ENV="export TZ=UTC; unset LC_ALL; export LANGUAGE=$l LANG=C.UTF-8$newline"
	ui_start 80 60
	lang_screen "$l" LANGUAGE
	ui_quit

	printf 'jobs = 4\nlanguage = %s\n' "$l" > "$TMPD/config"
	UI_ENV="export TZ=UTC$newline"
	ui_start 80 60
	lang_screen "$l" "the config"
	ui_quit
	: > "$TMPD/config"
done

# L: the menu by the languages' own names; 3 speaks German at once.
UI_READY="All articles"
cat > "$TMPD/config" <<CONF
# my settings
jobs = 4
language = nl
layout = auto
  language = en
shade = 3
CONF
cp "$TMPD/config" "$TMPD/config.before"
ui_start 80 60
ui_keys L
ui_wait "Interface language" "the language menu"
for name in "1  Nederlands" "* 2  English" "3  Deutsch" "4  Français" \
    "5  Español" "6  Português"; do
	ui_has "$name" "the menu lists $name"
done
ui_keys 3
ui_wait "Sprache der Oberfläche: Deutsch" "the switch is confirmed"
lang_screen de L
ui_has "$(say de headdate)" "the header's date again, in German"
ui_keys '?'
ui_wait "$(say de keys)" "the help in German"
ui_keys q
ui_gone "$(say de keys)" "the help closes"
# The error view's problems are found again in German.
ui_keys E
ui_wait "config:6: unbekannte Einstellung 'shade'" "the bad line, in German"
ui_keys q
ui_gone "unbekannte Einstellung" "the error view closes"
# Down twice from German is Spanish; s saves it.
ui_keys L
ui_wait "Sprache der Oberfläche" "the menu in German"
ui_has "* 3  Deutsch" "the menu marks German"
ui_keys j j s
ui_wait "Idioma de la interfaz: Español, guardado" "saved, in Spanish"
lang_screen es L
ui_keys E
ui_wait "config:5: ajuste desconocido 'shade'" \
    "the bad line, in Spanish, of the saved config"
ui_keys q
ui_gone "ajuste desconocido" "the error view closes"
ui_quit
expect_grep "$TMPD/config" "language = es" "the config holds the choice"
grep -c language "$TMPD/config" | grep -qx 1 && ok ||
    fail "one language line is left: $(cat "$TMPD/config")"
grep -v language "$TMPD/config" > "$TMPD/rest.after"
grep -v language "$TMPD/config.before" > "$TMPD/rest.before"
cmp -s "$TMPD/rest.before" "$TMPD/rest.after" && ok ||
    fail "the rest of the config is kept: $(cat "$TMPD/config")"
# The next start speaks Spanish.
UI_READY=$(say es all)
ui_start 80 60
lang_screen es "the saved config"
ui_quit

# An unknown code: English, and the languages named on stderr.
: > "$TMPD/config"
UI_READY="All articles"
ui_start 80 60 --lang=tlh
lang_screen en "an unknown code"
ui_quit
expect_grep "$TMPD/ui-stderr" "Português (pt)" "the six are named"
finish
