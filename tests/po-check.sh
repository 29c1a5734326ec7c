#!/bin/sh
# Catalogs: every language complete (no untranslated or fuzzy message),
# msgfmt --check clean, and the template in step with the sources.
. "${top_srcdir:-.}/tests/lib.sh"

if ! command -v msgfmt > /dev/null || ! command -v xgettext > /dev/null; then
	echo "po-check.sh: gettext tools missing; skipped"
	exit 77
fi
# The plural rule each language needs (CLDR; pt is European Portuguese).
plural_of() {
	case $1 in
	fr) echo 'nplurals=2; plural=(n > 1);' ;;
	nl|de|es|pt) echo 'nplurals=2; plural=(n != 1);' ;;
	*) echo unknown ;;
	esac
}
for lang in $(cat "$top_srcdir/po/LINGUAS"); do
	po="$top_srcdir/po/$lang.po"
	if [ ! -f "$po" ]; then fail "$lang.po missing"; continue; fi
	if grep -qF "\"Plural-Forms: $(plural_of "$lang")\\n\"" "$po"; then ok
	else fail "$lang.po: Plural-Forms is not '$(plural_of "$lang")'"; fi
	if LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" \
	    > "$TMPD/stat" 2>&1; then ok; else fail "msgfmt --check $lang.po"; fi
	if grep -q -e untranslated -e fuzzy "$TMPD/stat"; then
		fail "$lang.po: $(cat "$TMPD/stat")"
	else ok; fi
done
# Regenerate the template with po/Makevars' options and compare it entry
# by entry: messages, contexts, plurals, flags and translator comments.
# The header (POT-Creation-Date) and the #: line numbers may differ.
opts=$(sed -n '/^XGETTEXT_OPTIONS/,/[^\\]$/p' "$top_srcdir/po/Makevars" |
    sed 's/^XGETTEXT_OPTIONS *= *//; s/\\$//' | tr '\n\t' '  ')
# shellcheck disable=SC2086
(cd "$top_srcdir" && xgettext $opts -o - -f po/POTFILES.in) \
    > "$TMPD/new.pot"
body() { awk 'h && !/^#:/ { print } /^$/ { h = 1 }' "$1"; }
body "$TMPD/new.pot" > "$TMPD/new.body"
body "$top_srcdir/po/tidings.pot" > "$TMPD/old.body"
if [ -s "$TMPD/new.body" ] && diff -u "$TMPD/old.body" "$TMPD/new.body" \
    > "$TMPD/diff" 2>&1; then ok
else
	fail "po/tidings.pot is out of date (run: make -C po update-po)"
	head -30 "$TMPD/diff" >&2
fi
# Every .po holds exactly the template's messages.
for lang in $(cat "$top_srcdir/po/LINGUAS"); do
	if msgcmp --use-untranslated "$top_srcdir/po/$lang.po" \
	    "$top_srcdir/po/tidings.pot" > "$TMPD/cmp" 2>&1; then ok; else
		fail "$lang.po does not match the template"
		head -5 "$TMPD/cmp" >&2
	fi
done
# Every source file with translatable strings is listed.
for f in "$top_srcdir"/src/*.c; do
	rel=src/$(basename "$f")
	if grep -qE '(^|[^a-z_])(_|N_|ngettext)\(' "$f" && \
	    ! grep -qxF "$rel" "$top_srcdir/po/POTFILES.in"; then
		fail "$rel has messages but is not in po/POTFILES.in"
	else ok; fi
done
finish
