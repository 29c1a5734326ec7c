#!/bin/sh
# Hostile feeds through the real binary: nothing from a feed may reach the
# terminal as a control sequence, and bombs stay small.
. "${top_srcdir:-.}/tests/lib.sh"

esc=$(printf '\033')
cat > "$TMPD/evil.xml" <<XML
<rss version="2.0"><channel>
<title>Evil ${esc}]0;pwned${esc}\\ feed ${esc}[2J</title>
<item><title>Item ${esc}[31mred $(printf '\342\200\256')reversed</title>
<author>$(printf 'a\007b\033c')</author>
<link>http://ex.com/${esc}[5m</link></item>
</channel></rss>
XML
for fmt in "" "--json"; do
	expect_status 0 "evil feed $fmt" -- "$TIDINGS" parse $fmt "$TMPD/evil.xml"
	if LC_ALL=C grep -q "$esc" "$TMPD/out"; then
		fail "ESC reached the output ($fmt)"
	else ok; fi
	if LC_ALL=C grep -q "$(printf '\007')" "$TMPD/out"; then
		fail "BEL reached the output ($fmt)"
	else ok; fi
	if grep -q "$(printf '\342\200\256')" "$TMPD/out"; then
		fail "bidi override reached the output ($fmt)"
	else ok; fi
done
expect_grep "$TMPD/out" "Item [31mred reversed" "harmless text remains"

# A billion-laughs document under a 512 MB address-space limit.
{
	printf '<!DOCTYPE rss [<!ENTITY l0 "lollollollollollollollollollol">\n'
	i=1
	while [ $i -le 12 ]; do
		p=$((i - 1))
		printf '<!ENTITY l%d "&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;">\n' \
		    $i $p $p $p $p $p $p $p $p $p $p
		i=$((i + 1))
	done
	printf ']><rss version="2.0"><channel><title>&l12;</title>'
	printf '<item><title>&l12;&l12;</title></item></channel></rss>\n'
} > "$TMPD/laughs.xml"
# (Not under AddressSanitizer, which reserves terabytes of address space.)
if ldd "$TIDINGS" 2>/dev/null | grep -q libasan; then
	limit=""
else
	limit="ulimit -v 524288;"
fi
expect_status 0 "billion laughs" -- sh -c "$limit \"$TIDINGS\" parse --json \
    \"$TMPD/laughs.xml\""
expect_grep "$TMPD/out" '"wellformed": false' "bomb is flagged"
expect_grep "$TMPD/err" "laughs.xml:" "bomb is reported with the file"
size=$(wc -c < "$TMPD/out")
if [ "$size" -lt 1000000 ]; then ok; else fail "bomb output is $size bytes"; fi

# Deep nesting does not overflow any stack.
{
	printf '<rss version="2.0"><channel><title>deep</title>'
	i=0
	while [ $i -lt 2000 ]; do
		printf '<a><a><a><a><a><a><a><a><a><a>'
		i=$((i + 1))
	done
} > "$TMPD/deep.xml"
expect_status 0 "deep nesting" -- "$TIDINGS" parse --json "$TMPD/deep.xml"
expect_grep "$TMPD/out" '"title": "deep"' "content before the nesting"

# XXE: a local file named by an external entity is never read.
printf 'TOP-SECRET\n' > "$TMPD/secret"
printf '<!DOCTYPE rss [<!ENTITY s SYSTEM "file://%s">]><rss version="2.0"><channel><title>x&s;y</title></channel></rss>' \
    "$TMPD/secret" > "$TMPD/xxe.xml"
"$TIDINGS" parse --json "$TMPD/xxe.xml" > "$TMPD/out" 2>&1
expect_no_grep "$TMPD/out" "TOP-SECRET" "external entity not loaded"
# Reproducers of denial-of-service bugs the fuzzer found: nested xml:base
# growing URLs without end, and quadratic duplicate checks.  Each must end
# quickly (normally in well under a second) and small.
for f in "$top_srcdir"/tests/data/hostile/*.xml; do
	expect_status 0 "$(basename "$f")" -- sh -c "$limit timeout 60 \
	    \"$TIDINGS\" parse --json \"$f\""
	size=$(wc -c < "$TMPD/out")
	if [ "$size" -lt 4000000 ]; then ok; else
		fail "$(basename "$f"): output is $size bytes"
	fi
done

# A flood of items and categories, made here rather than kept as a file.
if [ -n "${PYTHON3:-}" ]; then
	"$PYTHON3" -c 'import sys
w = sys.stdout.write
w("<rss version=\"2.0\"><channel><title>flood</title><item>")
for i in range(100000):
    w("<category>c%d</category><enclosure url=\"u%d\"/>" % (i, i))
w("</item>")
for i in range(120000):
    w("<item><title>%d</title></item>" % i)
w("</channel></rss>")' > "$TMPD/flood.xml"
	expect_status 0 "flood" -- sh -c "$limit timeout 60 \"$TIDINGS\" \
	    parse --json \"$TMPD/flood.xml\""
	expect_grep "$TMPD/err" "too many articles" "the item cap is reported"
	"$PYTHON3" -c 'import json, sys
f = json.load(open(sys.argv[1]))
assert len(f["items"]) == 100000, len(f["items"])
assert len(f["items"][0]["categories"]) == 64
assert len(f["items"][0]["enclosures"]) == 64' "$TMPD/out" && ok ||
	    fail "flood: caps of 100000 articles, 64 categories and enclosures"
fi
finish
