#!/bin/sh
# The six languages on the command line: --help and the refresh summary
# (with a plural at 1 and 2) chosen by --lang, by the config and by the
# environment, in that order, on a system with no locale but C.UTF-8;
# an unknown code; the config's language line.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/lang-lib.sh"

lang_feed "$TMPD/one.xml" One 1
lang_feed "$TMPD/two.xml" Two 2
printf 'file://%s/one.xml\n' "$TMPD" > "$TMPD/urls1"
printf 'file://%s/one.xml\nfile://%s/two.xml\n' "$TMPD" "$TMPD" > "$TMPD/urls2"
: > "$TMPD/empty"
# Only what a fresh system has: the C.UTF-8 locale, whatever LANG says.
E() { env -u LC_ALL -u LC_MESSAGES -u LANG -u LANGUAGE "$@"; }

for l in $LANGS; do
	# --help, by each of the three ways.
	expect_status 0 "$l: --lang --help" -- \
	    E LANG=C.UTF-8 "$TIDINGS" --config "$TMPD/empty" --lang="$l" --help
	expect_grep "$TMPD/out" "$(say "$l" usage)" "$l: --help by --lang"
	expect_grep "$TMPD/out" "$(say "$l" langopt)" "$l: --help names --lang"
	expect_status 0 "$l: LANGUAGE --help" -- E LANGUAGE="$l" LANG=C.UTF-8 \
	    "$TIDINGS" --config "$TMPD/empty" --help
	expect_grep "$TMPD/out" "$(say "$l" usage)" "$l: --help by LANGUAGE"
	expect_status 0 "$l: LANG --help" -- E LANG="${l}_XX.UTF-8" \
	    "$TIDINGS" --config "$TMPD/empty" --help
	expect_grep "$TMPD/out" "$(say "$l" usage)" \
	    "$l: --help by LANG, a locale the system does not have"
	printf '# mine\nlanguage = %s\n' "$l" > "$TMPD/config"
	expect_status 0 "$l: config --help" -- E LANGUAGE=de LANG=C \
	    "$TIDINGS" --config "$TMPD/config" --help
	expect_grep "$TMPD/out" "$(say "$l" usage)" "$l: --help by the config"
	# Each command's own --help too.
	for c in refresh list import export parse; do
		expect_status 0 "$l: $c --help" -- E LANG=C.UTF-8 "$TIDINGS" \
		    --config "$TMPD/config" $c --help
		expect_grep "$TMPD/out" "$(say "$l" usage) $c" "$l: $c --help"
	done

	# A usage error after --lang is in the language too.
	expect_status 2 "$l: a bad option" -- E LANG=C.UTF-8 "$TIDINGS" \
	    --config "$TMPD/empty" --lang="$l" --no-such-option
	expect_grep "$TMPD/err" "$(say "$l" try)" "$l: the usage error"

	# The refresh summary: one new article, then two more.
	rm -f "$TMPD/cache.db"
	expect_status 0 "$l: refresh" -- E LANG=C.UTF-8 "$TIDINGS" \
	    --config "$TMPD/config" --urls "$TMPD/urls1" \
	    --cache "$TMPD/cache.db" refresh
	expect_grep "$TMPD/out" "$(say "$l" finished)" "$l: refresh summary"
	expect_grep "$TMPD/out" "$(say "$l" new1)" "$l: refresh, one new"
	expect_status 0 "$l: refresh again" -- E LANG=C.UTF-8 "$TIDINGS" \
	    --config "$TMPD/empty" --lang="$l" --urls "$TMPD/urls2" \
	    --cache "$TMPD/cache.db" refresh
	expect_grep "$TMPD/out" "$(say "$l" new2)" "$l: refresh, two new"
done

# --lang beats the config, which beats the environment.
printf 'language = fr\n' > "$TMPD/config"
expect_status 0 "--lang over the config" -- E LANGUAGE=de LANG=C.UTF-8 \
    "$TIDINGS" --config "$TMPD/config" --lang=pt --help
expect_grep "$TMPD/out" "$(say pt usage)" "--lang wins over the config"
expect_status 0 "config over LANGUAGE" -- E LANGUAGE=de LANG=C.UTF-8 \
    "$TIDINGS" --config "$TMPD/config" --help
expect_grep "$TMPD/out" "$(say fr usage)" "the config wins over LANGUAGE"
# LANGUAGE beats LANG, and works with no locale set at all.
expect_status 0 "LANGUAGE over LANG" -- E LANGUAGE=it:es LANG=de_DE.UTF-8 \
    "$TIDINGS" --config "$TMPD/empty" --help
expect_grep "$TMPD/out" "$(say es usage)" "the first of LANGUAGE's that is ours"
expect_status 0 "LANGUAGE alone" -- E LANGUAGE=nl "$TIDINGS" \
    --config "$TMPD/empty" --help
expect_grep "$TMPD/out" "$(say nl usage)" "LANGUAGE with the C locale"
# A language we do not have: English.
expect_status 0 "LANG=it" -- E LANG=it_IT.UTF-8 "$TIDINGS" \
    --config "$TMPD/empty" --help
expect_grep "$TMPD/out" "$(say en usage)" "an unknown locale is English"

# An unknown code: the six by their own names, then English.
expect_status 0 "--lang=xx" -- E LANGUAGE=de LANG=C.UTF-8 "$TIDINGS" \
    --config "$TMPD/empty" --lang=xx --help
expect_grep "$TMPD/err" "unknown language 'xx'" "the code is named"
for name in "Nederlands (nl)" "English (en)" "Deutsch (de)" \
    "Français (fr)" "Español (es)" "Português (pt)"; do
	expect_grep "$TMPD/err" "$name" "the languages by their own names"
done
expect_grep "$TMPD/out" "$(say en usage)" "goes on in English"
# In the config: a bad line that says the same, in the language spoken.
printf 'language = klingon\n' > "$TMPD/config"
expect_status 0 "config language = klingon" -- E LANGUAGE=de LANG=C.UTF-8 \
    "$TIDINGS" --config "$TMPD/config" --urls "$TMPD/urls1" \
    --cache "$TMPD/cache.db" refresh
expect_grep "$TMPD/err" "config:1: 'klingon' ist keine Sprache von tidings" \
    "the bad line is named"
expect_grep "$TMPD/err" "Português (pt)" "with the languages"
finish
