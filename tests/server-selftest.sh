#!/bin/sh
# A quick check of tests/server.py itself, with curl: each mode answers as
# the fetch tests expect.  Not part of `make check`; run by hand:
#     sh tests/test-server-selftest.sh
# Exits 77 (skip) without python3 or curl.
set -u
: "${top_srcdir:=$(dirname "$0")/..}"
command -v python3 >/dev/null 2>&1 || exit 77
command -v curl >/dev/null 2>&1 || exit 77

failures=0
checks=0
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/tidings-server.XXXXXX")
spid=
cleanup() {
	[ -n "$spid" ] && kill "$spid" 2>/dev/null
	rm -rf "$TMPD"
}
trap cleanup EXIT
ok() { checks=$((checks + 1)); }
fail() {
	checks=$((checks + 1))
	failures=$((failures + 1))
	printf 'FAIL: %s\n' "$*" >&2
}
# same WANT GOT DESCRIPTION
same() {
	if [ "$1" = "$2" ]; then ok; else fail "$3: got '$2', want '$1'"; fi
}
has() {
	if grep -qF -- "$2" "$1"; then ok; else fail "$3: '$2' not found"; fi
}
code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
header() { # header NAME CURL-ARGS...
	h=$1
	shift
	curl -s -o /dev/null -D - "$@" | tr -d '\r' |
	    sed -n "s/^$h: //Ip" | head -1
}

mkdir "$TMPD/www"
printf '<?xml version="1.0"?><rss version="2.0"><channel><title>A</title></channel></rss>\n' \
    >"$TMPD/www/a.xml"
touch -d '2024-03-01 12:00:00 UTC' "$TMPD/www/a.xml" 2>/dev/null
python3 "$top_srcdir/tests/server.py" --port-file "$TMPD/port" \
    --root "$TMPD/www" --log "$TMPD/log" --lifetime 60 2>"$TMPD/err" &
spid=$!
i=0
while [ ! -s "$TMPD/port" ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
[ -s "$TMPD/port" ] || { echo "server did not start" >&2; exit 1; }
B="http://127.0.0.1:$(cat "$TMPD/port")"

# Files and validators.
same 200 "$(code "$B/files/a.xml")" "/files"
etag=$(header ETag "$B/files/a.xml")
lm=$(header Last-Modified "$B/files/a.xml")
same 304 "$(code -H "If-None-Match: $etag" "$B/files/a.xml")" "If-None-Match"
same 200 "$(code -H 'If-None-Match: "other"' "$B/files/a.xml")" "stale ETag"
same 304 "$(code -H "If-Modified-Since: $lm" "$B/files/a.xml")" \
    "If-Modified-Since"
same "" "$(header Last-Modified "$B/etag-only/a.xml")" "etag-only"
same "" "$(header ETag "$B/lastmod-only/a.xml")" "lastmod-only"
same 304 "$(code -H "If-Modified-Since: $lm" "$B/lastmod-only/a.xml")" \
    "lastmod-only 304"
same "text/xml; charset=ISO-8859-1" \
    "$(header Content-Type "$B/files/a.xml?type=text/xml&charset=ISO-8859-1")" \
    "type and charset"
same 404 "$(code "$B/files/..%2Fport")" "no escape from the root"

# Content codings.
same gzip "$(header Content-Encoding --compressed "$B/gzip/a.xml")" \
    "gzip when asked"
same "" "$(header Content-Encoding "$B/gzip/a.xml")" "plain when not"
curl -s --compressed "$B/gzip/a.xml" >"$TMPD/out"
cmp -s "$TMPD/out" "$TMPD/www/a.xml" && ok || fail "gzip round trip"
curl -s --compressed "$B/deflate/a.xml" >"$TMPD/out"
cmp -s "$TMPD/out" "$TMPD/www/a.xml" && ok || fail "deflate round trip"

# Redirects and statuses.
same "200 3" "$(curl -sL -o /dev/null -w '%{http_code} %{num_redirects}' \
    "$B/redirect/3/a.xml")" "redirect chain"
curl -sL --max-redirs 5 -o /dev/null "$B/redirect-loop"
same 47 $? "redirect loop"
same 301 "$(code "$B/moved/a.xml")" "moved"
same 308 "$(code "$B/moved308/a.xml")" "moved308"
same "file:///etc/passwd" "$(header Location "$B/bad-redirect/file")" \
    "bad redirect"
same 410 "$(code "$B/status/410")" "status"
same 120 "$(header Retry-After "$B/retry-after/120")" "Retry-After"
same 503 "$(code "$B/retry-after-503/5")" "503 Retry-After"

# Misbehaving servers; /hang must not hold up other requests.
curl -s -m 10 -o /dev/null "$B/hang?seconds=3" &
hpid=$!
sleep 0.3
same 200 "$(curl -s -m 2 -o /dev/null -w '%{http_code}' "$B/files/a.xml")" \
    "served while another request hangs"
wait "$hpid"
same 52 $? "hang closes with no reply"
curl -s -m 1 -o "$TMPD/out" "$B/drip?interval=0.3"
n=$(wc -c <"$TMPD/out")
[ "$n" -ge 2 ] && [ "$n" -le 6 ] && ok || fail "drip sent $n bytes in 1 s"
same 1017 "$(curl -s "$B/endless?limit=1000" | wc -c | tr -d ' ')" \
    "endless limit, then the closing tags"
curl -s --max-filesize 100000 -o /dev/null "$B/gzip-bomb"
same 63 $? "gzip bomb is over 100 kB on the wire"
same 2097234 "$(curl -s --compressed "$B/gzip-bomb?mib=2" | wc -c |
    tr -d ' ')" "small bomb inflates"

# Generated feeds.
curl -s "$B/feed/f?items=3&gen=1&new=2&edit=1" >"$TMPD/out"
has "$TMPD/out" "<title>Item 5 of feed f</title>" "new items"
has "$TMPD/out" "<title>Item 3 of feed f (edited in gen 1)</title>" "edit"
has "$TMPD/out" '<guid isPermaLink="false">f-1</guid>' "guid"
same 5 "$(grep -c '<item>' "$TMPD/out")" "item count"
fe=$(header ETag "$B/feed/f?items=3")
same 304 "$(code -H "If-None-Match: $fe" "$B/feed/f?items=3")" "feed 304"
same 200 "$(code -H "If-None-Match: $fe" "$B/feed/f?items=3&gen=1")" \
    "next generation"
same 9300 "$(curl -s "$B/big" | grep -c '<item>')" "big"

# Headers seen and logged.
curl -s -A "tidings-selftest/1" "$B/echo-headers" >"$TMPD/out"
has "$TMPD/out" "User-Agent: tidings-selftest/1" "echo-headers"
has "$TMPD/log" "GET /files/a.xml | If-None-Match: $etag |" "log INM"
has "$TMPD/log" "If-Modified-Since: $lm |" "log IMS"
has "$TMPD/log" "Accept-Encoding: deflate, gzip" "log Accept-Encoding"
has "$TMPD/log" "User-Agent: tidings-selftest/1" "log User-Agent"

# SIGTERM: a clean, quick exit, and nothing on stderr.
kill "$spid"
wait "$spid"
same 0 $? "exit status after SIGTERM"
spid=
[ -s "$TMPD/err" ] && fail "stderr: $(head -3 "$TMPD/err")" || ok

printf '%s: %d checks, %d failed\n' "$(basename "$0")" "$checks" "$failures"
[ "$failures" -eq 0 ]
