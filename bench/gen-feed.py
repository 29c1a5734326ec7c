#!/usr/bin/env python3
"""Writes a deterministic, realistic RSS 2.0 feed for bench/parse.

Usage: gen-feed.py [--items N] [--size BYTES] [--seed S] [OUT]

Every item has a title, link, guid, RFC 822 pubDate, dc:creator, several
categories, a description of escaped HTML and a content:encoded CDATA
block of paragraphs and links.  About one item in five has an enclosure.
Text mixes ASCII with accents, CJK and emoji, plus a few entity and
character references.  Content lengths vary but are steered so the whole
document lands within a fraction of a percent of --size.  The same
arguments always give the same bytes.
"""

import argparse
import random
import sys
from datetime import datetime, timedelta, timezone

WORDS = """
the a of to and in for on with as by at from that this is was are be has
have had not but or will would could should can may new year people time
government city market report police court health school energy climate
water election council minister company price bank data study research
team match season players coach league cup final world country region
village street bridge train airport border trade deal plan budget tax
vote law rule policy crisis talks summit leaders officials experts
residents workers students doctors patients farmers drivers fans
announced said reported confirmed denied warned expected approved rejected
opened closed raised cut launched delayed cancelled signed revealed
growth record decline surge drop rise fall jobs wages homes rents
storm flood heat drought fire wind snow rain forecast weekend morning
""".split()

# Non-ASCII words: accents, CJK, emoji.
INTL = """
café naïve Zürich São Paulo Kraków Malmö Ærø Øresund Dvořák Łódź Señora
jalapeño façade Ångström résumé über Straße Besançon İstanbul Ελλάδα Москва
東京 北京 新闻 日本語 한국어 中文报道 天気予報 経済 市場 選挙
🎉 🚀 📰 ⚽ 🌧️ 🔥 👍🏽 🇪🇺
""".split()

# Entity and character references, written as-is into titles.
REFS = ["AT&amp;T", "R&amp;D", "x &lt; y", "Caf&#233;", "M&#xFC;nchen",
        "&#x1F4F0;", "Q&amp;A", "&#169; 2024"]

CATEGORIES = """World Europe Asia Americas Africa Politics Business Economy
Markets Technology Science Health Climate Environment Sport Football Tennis
Culture Music Film Books Travel Food Opinion Local Weather Education
Transport Energy""".split()

AUTHORS = ["Anna Jansen", "Zoë Müller", "José Álvarez", "François Dubois",
           "Søren Østergaard", "田中 花子", "Li Wei", "Mary O'Neil",
           "Ahmed Al-Sayed", "Nguyễn Văn An", "Olga Petrova", "Newsdesk"]

TYPES = [("audio/mpeg", ".mp3"), ("video/mp4", ".mp4"),
         ("image/jpeg", ".jpg"), ("application/pdf", ".pdf")]

BASE = "https://news.example.org"
START = datetime(2024, 3, 1, 12, 0, 0, tzinfo=timezone.utc)


def words(rng, lo, hi, intl=0.04):
    """Returns lo..hi words, a share intl of them non-ASCII."""
    out = []
    for _ in range(rng.randint(lo, hi)):
        out.append(rng.choice(INTL) if rng.random() < intl
                   else rng.choice(WORDS))
    return out


def slug(rng, lo, hi):
    return "-".join(words(rng, lo, hi, 0))


def cap(s):
    return s[:1].upper() + s[1:]


def sentence(rng):
    w = words(rng, 6, 22)
    return cap(" ".join(w)) + rng.choice([".", ".", ".", "?", "!"])


def title(rng):
    w = words(rng, 4, 12)
    if rng.random() < 0.08:
        w.insert(rng.randrange(len(w) + 1), rng.choice(REFS))
    return cap(" ".join(w))


def paragraph(rng, n):
    """HTML paragraph of n sentences, sometimes with a link or emphasis."""
    parts = []
    for _ in range(n):
        s = sentence(rng)
        r = rng.random()
        if r < 0.25:
            s = '%s <a href="%s/topics/%s?ref=feed&amp;p=%d">%s</a>.' % (
                s, BASE, slug(rng, 2, 5), rng.randint(1, 99),
                " ".join(words(rng, 1, 4)))
        elif r < 0.35:
            s = "<em>%s</em> %s" % (" ".join(words(rng, 1, 3)), s)
        parts.append(s)
    return "<p>" + " ".join(parts) + "</p>"


def html_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def rfc822(dt):
    # Locale-free, as strftime("%a") would not be.
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
              "Oct", "Nov", "Dec"]
    return "%s, %02d %s %d %02d:%02d:%02d +0000" % (
        days[dt.weekday()], dt.day, months[dt.month - 1], dt.year,
        dt.hour, dt.minute, dt.second)


def item(rng, i, when, budget):
    """One <item> of roughly budget bytes (UTF-8)."""
    path = "%s/%d/%02d/%02d/%s-%d" % (BASE, when.year, when.month, when.day,
                                      slug(rng, 3, 6), i)
    head = ["<item>",
            "<title>%s</title>" % title(rng),
            "<link>%s</link>" % path,
            '<guid isPermaLink="false">tag:news.example.org,2024:%d</guid>'
            % i,
            "<pubDate>%s</pubDate>" % rfc822(when),
            "<dc:creator>%s</dc:creator>" % rng.choice(AUTHORS)]
    for c in rng.sample(CATEGORIES, rng.randint(2, 5)):
        head.append("<category>%s</category>" % c)
    lead = paragraph(rng, rng.randint(1, 3))
    head.append("<description>%s</description>" % html_escape(lead))
    if rng.random() < 0.2:
        mime, ext = rng.choice(TYPES)
        head.append('<enclosure url="%s/media/%d%s" length="%d" type="%s"/>'
                    % (BASE, i, ext, rng.randint(10000, 90000000), mime))
    text = "\n".join(head)
    # Paragraphs of 1 to 6 sentences until the item reaches its budget;
    # the lead opens the content too, as many feeds do.
    used = len(text.encode()) + len(lead.encode()) + 60
    paras = [lead]
    while used < budget:
        p = paragraph(rng, rng.randint(1, 6))
        n = len(p.encode()) + 1
        if used + n - budget > budget - used:
            break  # closer to the budget without it
        paras.append(p)
        used += n
    return (text + "\n<content:encoded><![CDATA[" + "\n".join(paras) +
            "]]></content:encoded>\n</item>\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--items", type=int, default=9000)
    ap.add_argument("--size", type=int, default=20 * 1000 * 1000)
    ap.add_argument("--seed", type=int, default=20240301)
    ap.add_argument("out", nargs="?", default="-")
    a = ap.parse_args()

    rng = random.Random(a.seed)
    head = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<rss version="2.0" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/">\n'
            "<channel>\n<title>Example News &#8212; all stories</title>\n"
            "<link>%s/</link>\n<description>Generated for the tidings "
            "parse benchmark</description>\n<language>en-gb</language>\n"
            "<lastBuildDate>%s</lastBuildDate>\n" % (BASE, rfc822(START)))
    tail = "</channel>\n</rss>\n"
    chunks = [head]
    left = a.size - len(head.encode()) - len(tail.encode())
    when = START
    for i in range(a.items):
        # Share what is left among the items to go, then vary it.
        share = left / (a.items - i)
        s = item(rng, a.items - i, when, share * rng.uniform(0.3, 1.7))
        chunks.append(s)
        left -= len(s.encode())
        when -= timedelta(seconds=rng.randint(60, 1800))
    chunks.append(tail)

    data = "".join(chunks).encode()
    if a.out == "-":
        sys.stdout.buffer.write(data)
    else:
        with open(a.out, "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
