#!/usr/bin/env python3
"""Writes the items of a gen-stories.py stream as RSS 2.0 feeds, for the
news refresh of bench/refresh.

Each feed is in one language (its <language> says which) and gets that
language's items in turn, so feeds are as even as the languages allow
(each language gets feeds in proportion to its items) and each carries
stories as they unfold over the stream's days, as a news outlet's feed
does.  An item keeps its title, its text (as an escaped HTML
description, as most feeds send it), its time as pubDate, and gets a
link and guid of its own.  The output is deterministic.

Usage: news-feeds.py ITEMS.jsonl FEEDS OUTDIR
writes OUTDIR/f0.xml ... OUTDIR/f(FEEDS-1).xml and prints the number of
items written.
"""
import calendar
import json
import os
import sys
import time
from email.utils import formatdate
from xml.sax.saxutils import escape


def main():
    if len(sys.argv) != 4 or not sys.argv[2].isdigit():
        sys.exit("usage: news-feeds.py ITEMS.jsonl FEEDS OUTDIR")
    src, nfeeds, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    items = {}
    with open(src, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            items.setdefault(d["lang"], []).append(d)
    langs = sorted(items)
    total = sum(len(v) for v in items.values())
    if nfeeds < len(langs):
        sys.exit("news-feeds.py: at least %d feeds, one a language"
                 % len(langs))
    # Feeds per language in proportion to its items, at least one each.
    share = {lang: max(1, len(items[lang]) * nfeeds // total)
             for lang in langs}
    while sum(share.values()) < nfeeds:
        share[max(langs, key=lambda lang: len(items[lang]) /
                  share[lang])] += 1
    while sum(share.values()) > nfeeds:
        share[max((lang for lang in langs if share[lang] > 1),
                  key=lambda lang: share[lang])] -= 1
    os.makedirs(out, exist_ok=True)
    k = 0
    for lang in langs:
        feeds = [[] for _ in range(share[lang])]
        for i, d in enumerate(items[lang]):
            feeds[i % len(feeds)].append(d)
        for v in feeds:
            parts = ['<?xml version="1.0" encoding="UTF-8"?>\n'
                     '<rss version="2.0"><channel>\n'
                     '<title>News %d</title>\n'
                     '<link>https://news%d.example/</link>\n'
                     '<description>Generated news, %s</description>\n'
                     '<language>%s</language>\n' % (k, k, lang, lang)]
            for d in reversed(v):       # newest first, as feeds are
                t = calendar.timegm(time.strptime(d["time"],
                                                  "%Y-%m-%dT%H:%M:%SZ"))
                parts.append(
                    "<item><title>%s</title>"
                    "<link>https://news%d.example/%s</link>"
                    '<guid isPermaLink="false">%s</guid>'
                    "<pubDate>%s</pubDate>"
                    "<description>%s</description></item>\n"
                    % (escape(d["title"]), k, d["id"], d["id"],
                       formatdate(t, usegmt=True),
                       escape(d["text"] if d["text"].startswith("<")
                              else "<p>" + escape(d["text"]) + "</p>")))
            parts.append("</channel></rss>\n")
            with open(os.path.join(out, "f%d.xml" % k), "w",
                      encoding="utf-8") as f:
                f.write("".join(parts))
            k += 1
    print(total)


if __name__ == "__main__":
    main()
