#!/usr/bin/env python3
r"""Loopback HTTP/1.1 test server for tidings' shell tests (stdlib only).

Usage:
  python3 tests/server.py --port-file PATH [--root DIR] [--log PATH]
                          [--lifetime SECONDS] [--verbose]

  Binds 127.0.0.1 on a free port and writes that port (a decimal number and
  a newline) to PATH, atomically (temporary file, then rename), once it is
  listening.  Exits by itself after --lifetime seconds (default 300), and
  cleanly on SIGTERM or SIGINT.  Prints nothing per request unless --verbose.

  A shell test typically does:
      python3 "$top_srcdir/tests/server.py" --port-file "$TMPD/port" \
          --root "$TMPD/www" --log "$TMPD/log" --lifetime 60 &
      spid=$!
      i=0; while [ ! -s "$TMPD/port" ] && [ $i -lt 100 ]; do
          sleep 0.1; i=$((i + 1)); done
      base="http://127.0.0.1:$(cat "$TMPD/port")"
      ...
      kill "$spid"; wait "$spid"

  --log PATH gets one line per request, written when the request arrives:
      GET /files/a.xml | If-None-Match: "0123abcd" | If-Modified-Since: - |
          Accept-Encoding: deflate, gzip | User-Agent: tidings/0.1
  (on one line; "-" means the header was absent; the path includes the
  query string; control characters become "?").

Endpoints (GET and HEAD; NAME is a file directly inside --root):
  /files/NAME            200 with the file, a strong ETag (hash of content)
                         and Last-Modified (file mtime); If-None-Match and
                         If-Modified-Since give 304 (If-None-Match wins when
                         both are sent).  ?type=MIME sets Content-Type
                         (default application/rss+xml); ?charset=CS adds a
                         charset parameter.  These two work on every file mode,
                         and so do ?max-age=S (Cache-Control: public,
                         max-age=S) and ?expires=S (Expires S seconds on).
                         ?delay=MS waits that long before answering (up to
                         10 s), as a server across a network would.
  /etag-only/NAME        the same, with only the ETag validator
  /lastmod-only/NAME     the same, with only the Last-Modified validator
  /gzip/NAME             Content-Encoding: gzip if Accept-Encoding allows gzip,
                         else plain (?force=1: gzip regardless); Vary set
  /deflate/NAME          the same with deflate (zlib format)
  /redirect/N/NAME       a chain of N 302s ending at /files/NAME (query kept;
                         Location is an absolute path; N=0 serves the file)
  /redirect-loop         302 to itself, forever (one 302 per request)
  /moved/NAME            301 to /files/NAME
  /moved308/NAME         308 to /files/NAME
  /bad-redirect/file     302 to file:///etc/passwd
  /bad-redirect/ftp      302 to ftp://127.0.0.1/x
  /bad-redirect/gopher   302 to gopher://x
  /status/CODE           that status (200-599) and a short text body
  /retry-after/VALUE     429 with Retry-After: VALUE (seconds or a URL-encoded
                         HTTP date)
  /retry-after-503/VALUE 503 with Retry-After: VALUE
  /hang                  reads the request, never answers; closes after
                         ?seconds=S (default: until the server's lifetime ends)
  /drip                  200 headers, then one byte of an RSS document every
                         ?interval=S seconds (default 2), Connection: close
                         (?chunked=1: chunked instead); until lifetime ends
  /endless               200, no Content-Length, "<rss><channel>" then
                         <item><title>x</title></item> as fast as the client
                         reads; after ?limit=BYTES (default 2 GiB) adds
                         "</channel></rss>\n" (17 bytes) and ends; at the end
                         of the lifetime just closes.  Connection: close
                         (?chunked=1: chunked)
  /gzip-bomb             Content-Encoding: gzip (always), ~1 MB on the wire
                         that inflates to ~1 GiB (an RSS start, then spaces);
                         ?mib=N for N MiB instead (1..4096); built on first use
  /feed/ID               a generated RSS 2.0 feed, ?items=N (default 50),
                         ?gen=G (default 0), ?new=M, ?edit=E; see below
  /big                   one large feed, ?items=N (default 9300, ~20 MB)
  /echo-headers          200 text/plain: the request line, then the headers
  /control               the scenario of /feed/ID (see below): GET
                         ?scenario=base|changed sets it, ?every=K (default
                         10), ?new=M (default 5) and ?edit=E (default half
                         of the feed's items) tune "changed"; answers 200
                         text/plain "scenario=S every=K new=M edit=E
                         200=A 304=B" (the state after the request;
                         edit=half when unset; A and B count the answers
                         of /feed and /big since the scenario was last set,
                         or since ?reset=1), 400 for an unknown scenario
  anything else          404

Generated feeds (/feed/ID): the baseline has items numbered 1..N, newest
(highest number) first; item K has title "Item K of feed ID", link
https://example.com/ID/K, guid "ID-K" (isPermaLink="false"), a pubDate of
2024-01-01T00:00Z plus K hours and a ~300-byte description.  new=M adds items
N+1..N+M above them (M extra newest items).  edit=E edits the first E items
of the baseline in document order (numbers N, N-1, ... N-E+1): their title
becomes "Item K of feed ID (edited in gen G)" and their description changes
too, guid and link unchanged.  gen=G also sets the channel's lastBuildDate
and description, so every generation is a distinct document.  The ETag is a
hash of (ID, N, G, M, E); Last-Modified is the newest pubDate plus G minutes.
Responses are rendered once per parameter set and cached.

Scenarios (/control, for benchmarks that refresh the same URLs several
times): in "base", the default, /feed/ID serves what its query asks.  In
"changed", one feed in K is affected: the one whose ID ends in a number
divisible by K (IDs without a trailing number: CRC-32 of the ID divisible by
K).  It serves gen=G+1, new=M' + M (M' from the query) and edit=max(E', E),
capped at N, as if those were in its query, so its ETag and Last-Modified
change; every other feed answers exactly as in "base" (same body, same
ETag, 304 to its validators).  With the defaults and feeds of 50 items,
"changed" makes 10% of the feeds gain 5 items and edits 25 of their 50
items, which is 5% of all items.  The scenario is shared by all clients and
lasts until the next /control request or the end of the server.
"""

import argparse
import email.utils
import hashlib
import http.server
import os
import signal
import socket
import struct
import sys
import tempfile
import threading
import time
import urllib.parse
import zlib

STOP = threading.Event()
DEADLINE = 0.0          # time.monotonic() value at which everything stops
ARGS = None
LOG_LOCK = threading.Lock()
LOG_FILE = None
CACHE_LOCK = threading.Lock()
FEED_CACHE = {}         # parameters -> (body, etag, lastmod)
BIG_CACHE = {}
BOMB_CACHE = {}
BOMB_LOCK = threading.Lock()
CACHE_MAX = 256         # entries per cache; cleared when exceeded
FEED_CACHE_MAX = 4096   # /feed/ID documents are small; benchmarks use 550
SCENARIO = ("base", 10, 5, None)    # name, every K, new M, edit E (None: N/2)
COUNTS = {200: 0, 304: 0}           # /feed and /big answers, for /control
COUNT_LOCK = threading.Lock()
BASE_TIME = 1704067200  # 2024-01-01T00:00:00Z
MAX_ITEMS = 200000
GIB = 1 << 30

RSS_CT = "application/rss+xml"
CONN_ERRORS = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError,
               socket.timeout, TimeoutError)


def remaining():
    """Seconds left before the server's lifetime ends (never negative)."""
    return max(0.0, DEADLINE - time.monotonic())


def alive():
    return not STOP.is_set() and time.monotonic() < DEADLINE


def httpdate(ts):
    return email.utils.formatdate(ts, usegmt=True)


def xml_escape(s):
    return (s.replace("&", "&amp;").replace("<", "&lt;")
            .replace(">", "&gt;").replace('"', "&quot;"))


def clean(s):
    """Make a string safe for one log line or one header value."""
    return "".join(c if " " <= c != "\x7f" else "?" for c in s)


def strong_etag(data):
    return '"%s"' % hashlib.sha1(data).hexdigest()[:20]


def etag_matches(header, etag):
    """If-None-Match comparison (weak comparison, as RFC 9110 asks)."""
    if header is None:
        return False
    if header.strip() == "*":
        return True
    want = etag[2:] if etag.startswith("W/") else etag
    for tag in header.split(","):
        tag = tag.strip()
        if tag.startswith("W/"):
            tag = tag[2:]
        if tag == want:
            return True
    return False


def not_modified_since(header, mtime):
    if header is None:
        return False
    try:
        when = email.utils.parsedate_to_datetime(header)
    except (TypeError, ValueError, IndexError):
        return False
    if when is None:
        return False
    try:
        return int(mtime) <= int(when.timestamp())
    except (OverflowError, ValueError, OSError):
        return False


def accepts(header, coding):
    """Whether Accept-Encoding allows CODING (q=0 refuses it)."""
    if not header:
        return False
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        if fields[0].lower() not in (coding, "*"):
            continue
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        return q > 0
    return False


def int_param(query, name, default, lo, hi):
    try:
        v = int(query.get(name, [str(default)])[0])
    except ValueError:
        return default
    return min(max(v, lo), hi)


def float_param(query, name, default, lo, hi):
    try:
        v = float(query.get(name, [str(default)])[0])
    except ValueError:
        return default
    if v != v:  # NaN
        return default
    return min(max(v, lo), hi)


def cache_put(cache, key, value, limit=CACHE_MAX):
    with CACHE_LOCK:
        if len(cache) >= limit:
            cache.clear()
        cache[key] = value


# --- generated feeds ------------------------------------------------------

FILLER = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do "
          "eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim "
          "ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut "
          "aliquip ex ea commodo consequat. ")


def description(text, size):
    s = "<p>" + text + " "
    while len(s) < size - 4:
        s += FILLER
    return xml_escape(s[:size - 4] + "</p>")


def render_feed(fid, n, gen, new, edit, desc_size):
    total = n + new
    lastmod = BASE_TIME + total * 3600 + gen * 60
    eid = xml_escape(fid)
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n'
           "<channel>\n<title>Feed %s</title>\n"
           "<link>https://example.com/%s/</link>\n"
           "<description>Generated feed %s, generation %d</description>\n"
           "<lastBuildDate>%s</lastBuildDate>\n"
           % (eid, eid, eid, gen, httpdate(lastmod))]
    for k in range(total, 0, -1):
        edited = n - edit < k <= n
        title = "Item %d of feed %s" % (k, fid)
        text = "Item %d of feed %s." % (k, fid)
        if edited:
            title += " (edited in gen %d)" % gen
            text += " Edited in generation %d." % gen
        out.append("<item>\n<title>%s</title>\n"
                   "<link>https://example.com/%s/%d</link>\n"
                   '<guid isPermaLink="false">%s-%d</guid>\n'
                   "<pubDate>%s</pubDate>\n"
                   "<description>%s</description>\n</item>\n"
                   % (xml_escape(title), eid, k, eid, k,
                      httpdate(BASE_TIME + k * 3600),
                      description(text, desc_size)))
    out.append("</channel>\n</rss>\n")
    return "".join(out).encode("utf-8"), lastmod


def get_feed(fid, n, gen, new, edit):
    key = (fid, n, gen, new, edit)
    with CACHE_LOCK:
        hit = FEED_CACHE.get(key)
    if hit:
        return hit
    body, lastmod = render_feed(fid, n, gen, new, edit, 300)
    etag = '"%s"' % hashlib.sha1(repr(key).encode()).hexdigest()[:20]
    value = (body, etag, lastmod)
    cache_put(FEED_CACHE, key, value, FEED_CACHE_MAX)
    return value


def count(code):
    with COUNT_LOCK:
        COUNTS[code] = COUNTS.get(code, 0) + 1


def affected(fid, every):
    """Whether feed FID changes in the "changed" scenario (1 in EVERY)."""
    digits = len(fid) - len(fid.rstrip("0123456789"))
    try:
        num = int(fid[len(fid) - digits:]) if digits else None
    except ValueError:      # more digits than int() takes
        num = None
    if num is None:
        num = zlib.crc32(fid.encode("utf-8", "surrogateescape"))
    return num % every == 0


def scenario_params(fid, n, gen, new, edit):
    """The (gen, new, edit) that /feed/FID serves in the current scenario."""
    name, every, add, ed = SCENARIO
    if name == "changed" and affected(fid, every):
        gen = min(gen + 1, 1 << 30)
        new = min(new + add, MAX_ITEMS)
        edit = max(edit, min(n // 2 if ed is None else ed, n))
    return gen, new, edit


def get_big(n):
    with CACHE_LOCK:
        hit = BIG_CACHE.get(n)
    if hit:
        return hit
    body, lastmod = render_feed("big", n, 0, 0, 0, 2000)
    value = (body, strong_etag(body), lastmod)
    cache_put(BIG_CACHE, n, value)
    return value


# --- the gzip bomb ----------------------------------------------------------

BOMB_PREFIX = (b'<?xml version="1.0"?>\n<rss version="2.0"><channel>'
               b"<title>bomb</title><description>")


def get_bomb(mib):
    """A gzip member inflating to BOMB_PREFIX and MIB MiB of spaces.

    The same 1 MiB block, compressed after a full flush, gives the same raw
    deflate bytes each time, so it is compressed once and repeated; the gzip
    header and trailer (CRC-32, size) are written here."""
    with BOMB_LOCK:
        hit = BOMB_CACHE.get(mib)
        if hit:
            return hit
        block = b" " * (1 << 20)
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        head = c.compress(BOMB_PREFIX) + c.flush(zlib.Z_FULL_FLUSH)
        rep = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
        tail = c.flush()
        crc = zlib.crc32(BOMB_PREFIX)
        for _ in range(mib):
            crc = zlib.crc32(block, crc)
        size = (len(BOMB_PREFIX) + mib * len(block)) & 0xFFFFFFFF
        body = (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff" + head +
                rep * mib + tail + struct.pack("<II", crc & 0xFFFFFFFF, size))
        if len(BOMB_CACHE) >= 8:
            BOMB_CACHE.clear()
        BOMB_CACHE[mib] = body
        return body


# --- the handler ------------------------------------------------------------

DRIP_DOC = (b'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n'
            b"<channel>\n<title>Drip</title>\n"
            b"<link>https://example.com/drip/</link>\n"
            b"<description>One byte at a time</description>\n")
DRIP_ITEM = b"<item><title>drip</title><guid>drip-1</guid></item>\n"
ENDLESS_HEAD = b'<?xml version="1.0"?>\n<rss version="2.0"><channel>\n'
ENDLESS_CHUNK = b"<item><title>x</title></item>\n" * 2048


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "tidings-test-server/1"
    sys_version = ""
    timeout = 30                    # idle keep-alive / stalled client bound
    disable_nagle_algorithm = True  # so /drip's bytes leave one at a time

    def version_string(self):
        return self.server_version

    def log_message(self, fmt, *args):
        if ARGS.verbose:
            sys.stderr.write("server: %s %s\n" % (self.address_string(),
                                                   fmt % args))

    def log_request_line(self):
        if ARGS.log is None:
            return
        fields = [clean("%s %s" % (self.command, self.path))]
        for name in ("If-None-Match", "If-Modified-Since", "Accept-Encoding",
                     "User-Agent"):
            v = self.headers.get(name)
            fields.append("%s: %s" % (name, "-" if v is None else clean(v)))
        line = " | ".join(fields) + "\n"
        with LOG_LOCK:
            if LOG_FILE is not None:
                LOG_FILE.write(line)
                LOG_FILE.flush()

    # -- plumbing --

    def reply(self, code, body=b"", ctype="text/plain; charset=utf-8",
              headers=()):
        """A complete response with Content-Length (keep-alive safe)."""
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        bodiless = code in (204, 304) or code < 200
        if not bodiless:
            if ctype:
                self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not bodiless and body and self.command != "HEAD":
            self.wfile.write(body)

    def text(self, code, msg, headers=()):
        self.reply(code, (msg + "\n").encode("utf-8"), headers=headers)

    def redirect(self, code, location):
        self.text(code, "See %s" % location,
                  headers=[("Location", location)])

    def stream_start(self, ctype, chunked, extra=()):
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        for k, v in extra:
            self.send_header(k, v)
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Connection", "close")
        self.end_headers()

    def stream_write(self, data, chunked):
        if chunked:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        else:
            self.wfile.write(data)

    def stream_end(self, chunked):
        if chunked:
            self.wfile.write(b"0\r\n\r\n")
        self.close_connection = True

    def content_type(self, query, default=RSS_CT):
        ctype = clean(query.get("type", [default])[0])
        cs = query.get("charset")
        if cs:
            ctype += "; charset=" + clean(cs[0])
        return ctype

    # -- dispatch --

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        self.log_request_line()
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query)
        parts = [urllib.parse.unquote(p) for p in url.path.split("/")[1:]]
        top = parts[0] if parts else ""
        rest = parts[1:]
        try:
            self.route(top, rest, url, query)
        except CONN_ERRORS:
            self.close_connection = True

    def route(self, top, rest, url, query):
        qs = ("?" + url.query) if url.query else ""
        one = len(rest) == 1
        if top in ("files", "etag-only", "lastmod-only") and one:
            self.serve_file(rest[0], query, etag=top != "lastmod-only",
                            lastmod=top != "etag-only")
        elif top in ("gzip", "deflate") and one:
            self.serve_file(rest[0], query, coding=top)
        elif top == "redirect" and len(rest) == 2:
            try:
                n = int(rest[0])
            except ValueError:
                return self.text(404, "bad redirect count")
            name = urllib.parse.quote(rest[1])
            if n <= 0:
                return self.serve_file(rest[1], query)
            if n == 1:
                loc = "/files/%s%s" % (name, qs)
            else:
                loc = "/redirect/%d/%s%s" % (n - 1, name, qs)
            self.redirect(302, loc)
        elif top == "redirect-loop" and not rest:
            self.redirect(302, "/redirect-loop" + qs)
        elif top in ("moved", "moved308") and one:
            self.redirect(301 if top == "moved" else 308,
                          "/files/%s%s" % (urllib.parse.quote(rest[0]), qs))
        elif top == "bad-redirect" and one and rest[0] in BAD_REDIRECTS:
            self.redirect(302, BAD_REDIRECTS[rest[0]])
        elif top == "status" and one:
            try:
                code = int(rest[0])
            except ValueError:
                code = 0
            if not 200 <= code <= 599:
                return self.text(404, "bad status code")
            self.text(code, "status %d" % code)
        elif top in ("retry-after", "retry-after-503") and one:
            code = 429 if top == "retry-after" else 503
            self.text(code, "retry later",
                      headers=[("Retry-After", clean(rest[0]))])
        elif top == "hang" and not rest:
            self.hang(query)
        elif top == "drip" and not rest:
            self.drip(query)
        elif top == "endless" and not rest:
            self.endless(query)
        elif top == "gzip-bomb" and not rest:
            body = get_bomb(int_param(query, "mib", 1024, 1, 4096))
            self.reply(200, body, ctype=self.content_type(query),
                       headers=[("Content-Encoding", "gzip")])
        elif top == "feed" and one:
            n = int_param(query, "items", 50, 0, MAX_ITEMS)
            gen = int_param(query, "gen", 0, 0, 1 << 30)
            new = int_param(query, "new", 0, 0, MAX_ITEMS)
            edit = int_param(query, "edit", 0, 0, n)
            gen, new, edit = scenario_params(rest[0], n, gen, new, edit)
            body, etag, lastmod = get_feed(rest[0], n, gen, new, edit)
            self.serve_bytes(body, etag, lastmod, query)
        elif top == "big" and not rest:
            n = int_param(query, "items", 9300, 0, MAX_ITEMS)
            body, etag, lastmod = get_big(n)
            self.serve_bytes(body, etag, lastmod, query)
        elif top == "control" and not rest:
            self.control(query)
        elif top == "echo-headers" and not rest:
            lines = ["%s %s %s" % (self.command, self.path,
                                   self.request_version)]
            lines += ["%s: %s" % (k, v) for k, v in self.headers.items()]
            self.text(200, "\n".join(lines))
        else:
            self.text(404, "not found")

    # -- the modes --

    def control(self, query):
        global SCENARIO
        name, every, add, ed = SCENARIO
        if self.command == "GET" and "scenario" in query:
            name = query["scenario"][0]
            if name not in ("base", "changed"):
                return self.text(400, "unknown scenario (base or changed)")
            every = int_param(query, "every", 10, 1, 1 << 30)
            add = int_param(query, "new", 5, 0, MAX_ITEMS)
            ed = (int_param(query, "edit", 0, 0, MAX_ITEMS)
                  if "edit" in query else None)
            SCENARIO = (name, every, add, ed)
        with COUNT_LOCK:
            if self.command == "GET" and ("scenario" in query or
                                          "reset" in query):
                COUNTS[200] = COUNTS[304] = 0
            done = (COUNTS[200], COUNTS[304])
        self.text(200, "scenario=%s every=%d new=%d edit=%s 200=%d 304=%d"
                  % ((name, every, add, "half" if ed is None else ed) + done))

    def serve_file(self, name, query, etag=True, lastmod=True, coding=None):
        if not ARGS.root or not name or name.startswith(".") or "/" in name \
                or "\\" in name or "\0" in name:
            return self.text(404, "not found")
        path = os.path.join(ARGS.root, name)
        try:
            with open(path, "rb") as f:
                body = f.read()
            mtime = os.stat(path).st_mtime
        except (OSError, ValueError):
            return self.text(404, "not found")
        self.serve_bytes(body, strong_etag(body) if etag else None,
                         mtime if lastmod else None, query, coding)

    def serve_bytes(self, body, etag, mtime, query, coding=None):
        headers = []
        if coding:
            headers.append(("Vary", "Accept-Encoding"))
            force = query.get("force", ["0"])[0] not in ("0", "")
            if force or accepts(self.headers.get("Accept-Encoding"), coding):
                if coding == "gzip":
                    c = zlib.compressobj(6, zlib.DEFLATED, 31)
                else:
                    c = zlib.compressobj(6, zlib.DEFLATED, 15)
                body = c.compress(body) + c.flush()
                headers.append(("Content-Encoding", coding))
                if etag:
                    etag = etag[:-1] + '-' + coding + '"'
        if etag:
            headers.append(("ETag", etag))
        if mtime is not None:
            headers.append(("Last-Modified", httpdate(int(mtime))))
        if "delay" in query:
            STOP.wait(float_param(query, "delay", 0, 0, 10000) / 1000)
        if "max-age" in query:
            headers.append(("Cache-Control", "public, max-age=%d" %
                            int_param(query, "max-age", 0, 0, 1 << 30)))
        if "expires" in query:
            headers.append(("Expires", httpdate(time.time() + int_param(
                query, "expires", 0, 0, 1 << 30))))
        inm = self.headers.get("If-None-Match")
        if etag and inm is not None:
            fresh = etag_matches(inm, etag)
        elif mtime is not None and inm is None:
            fresh = not_modified_since(self.headers.get("If-Modified-Since"),
                                       mtime)
        else:
            fresh = False
        # Counted before the answer goes out: a client that has every
        # answer must find them all counted (the benchmark checks).
        if fresh:
            self.counted(304)
            self.reply(304, headers=headers)
            return 304
        self.counted(200)
        self.reply(200, body, ctype=self.content_type(query), headers=headers)
        return 200

    def counted(self, code):
        if self.path.startswith(("/feed/", "/big")):
            count(code)

    def hang(self, query):
        secs = float_param(query, "seconds", remaining(), 0, remaining())
        STOP.wait(secs)
        self.close_connection = True

    def drip(self, query):
        interval = float_param(query, "interval", 2.0, 0.01, 3600)
        chunked = query.get("chunked", ["0"])[0] not in ("0", "")
        self.stream_start(self.content_type(query), chunked)
        if self.command == "HEAD":
            self.close_connection = True
            return
        doc, i = DRIP_DOC, 0
        while alive():
            if i >= len(doc):
                doc, i = DRIP_ITEM, 0
            self.stream_write(doc[i:i + 1], chunked)
            i += 1
            if STOP.wait(min(interval, remaining())):
                break
        self.close_connection = True

    def endless(self, query):
        limit = int_param(query, "limit", 2 * GIB, 0, 2 * GIB)
        chunked = query.get("chunked", ["0"])[0] not in ("0", "")
        self.stream_start(self.content_type(query), chunked)
        if self.command == "HEAD":
            self.close_connection = True
            return
        sent = 0
        data = ENDLESS_HEAD
        while sent < limit and alive():
            data = data[:limit - sent]
            self.stream_write(data, chunked)
            sent += len(data)
            data = ENDLESS_CHUNK
        if sent >= limit:
            self.stream_write(b"</channel></rss>\n", chunked)
            self.stream_end(chunked)
        self.close_connection = True


BAD_REDIRECTS = {
    "file": "file:///etc/passwd",
    "ftp": "ftp://127.0.0.1/x",
    "gopher": "gopher://x",
}


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 64

    def handle_error(self, request, client_address):
        exc = sys.exc_info()[1]
        if isinstance(exc, CONN_ERRORS) and not ARGS.verbose:
            return
        super().handle_error(request, client_address)


def write_port_file(path, port):
    d = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".port.", dir=d)
    try:
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, "w") as f:
            f.write("%d\n" % port)
        os.rename(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def main():
    global ARGS, DEADLINE, LOG_FILE
    p = argparse.ArgumentParser(description="Loopback HTTP test server "
                                "for tidings' tests.")
    p.add_argument("--port-file", required=True,
                   help="where to write the chosen port")
    p.add_argument("--root", help="directory served under /files/NAME")
    p.add_argument("--log", help="append one line per request here")
    p.add_argument("--lifetime", type=float, default=300.0,
                   help="exit after this many seconds (default 300)")
    p.add_argument("--verbose", action="store_true",
                   help="log requests and errors to stderr")
    ARGS = p.parse_args()
    if not ARGS.lifetime > 0:
        p.error("--lifetime must be positive")
    DEADLINE = time.monotonic() + ARGS.lifetime

    def on_signal(signum, frame):
        STOP.set()
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    if ARGS.log:
        LOG_FILE = open(ARGS.log, "a", encoding="utf-8", errors="replace")
    server = Server(("127.0.0.1", 0), Handler)
    port = server.server_address[1]
    serving = threading.Thread(target=server.serve_forever,
                               kwargs={"poll_interval": 0.2}, daemon=True)
    serving.start()
    write_port_file(ARGS.port_file, port)
    if ARGS.verbose:
        sys.stderr.write("server: listening on 127.0.0.1:%d\n" % port)

    while not STOP.is_set() and remaining() > 0:
        STOP.wait(min(remaining(), 1.0))
    STOP.set()              # wakes /hang and /drip handlers
    server.shutdown()
    server.server_close()
    if LOG_FILE:
        with LOG_LOCK:
            LOG_FILE.close()
            LOG_FILE = None
    if ARGS.verbose:
        sys.stderr.write("server: stopped\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
