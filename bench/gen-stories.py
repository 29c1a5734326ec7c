#!/usr/bin/env python3
"""Writes a deterministic stream of multilingual news items for bench/stories.

One JSON object per line in the format of shared/corpus/stories/README.md
(id, lang, time, source, title, text, story), in time order.  Stories are
made up: each has a language, a start within a span of days, a duration
of hours to days, and key words (its "names and places"), and its
articles mix those key words with the language's function words and a
Zipf-distributed background vocabulary.  Story sizes are heavy-tailed
(most one to a few articles, some hundreds); one article in twenty is a
wire copy of an earlier one's title under another source; one in five
has an HTML body.  The words are pseudo-words built from syllables that
look like each language, so stemming and stop words do their usual work.
The fixed seed makes every run write the same bytes.

Usage: gen-stories.py [--items N] [--days D] [--seed S] OUT.jsonl
"""
import argparse
import bisect
import json
import random
import sys

FUNCTION = {
    "en": "the of and to in a is that for on with as was by at from it "
          "has have are be this after over about".split(),
    "nl": "de het een en van in op is dat met voor te zijn aan door "
          "bij niet ook naar om over na".split(),
    "de": "der die das und in von zu mit den dem ist nicht auf für im "
          "eine ein des sich bei nach über aus".split(),
    "fr": "le la les de des du et en un une est que pour dans sur au "
          "par avec qui plus après pas".split(),
    "es": "el la los las de del y en un una es que por para con se al "
          "su como más tras sobre".split(),
    "pt": "o a os as de do da e em um uma que para com por no na ao "
          "mais após sobre se".split(),
}
SYLLABLES = {
    "en": "ba ber con dar el en for gan hel ing ton ver wor ley ster "
          "mont ash brook ford".split(),
    "nl": "aar berg dijk ge hoek kerk lan meer oord raad schap veld "
          "wijk zee ing heid lijk".split(),
    "de": "au bach berg burg dorf ein feld gau hau lich mann ung sch "
          "stein tal wald zeit".split(),
    "fr": "au bel champ eau fleur gne lle mont noir ois pont rive "
          "sse tion ville eur ière".split(),
    "es": "al bar cas del gua jo lla mar nez ran rio san ta vie zo "
          "ción dad ero".split(),
    "pt": "ção dos es gal lha mar nho ões pal que ria são ta vel "
          "zé inho eira".split(),
}
ENDINGS = {
    "en": ["", "", "s", "ed", "ing"], "nl": ["", "", "en", "s", "e"],
    "de": ["", "", "en", "er", "es"], "fr": ["", "", "s", "e", "es"],
    "es": ["", "", "s", "es", "a"], "pt": ["", "", "s", "a", "os"],
}
VOCAB = 50000
# Content words only: the commonest hundred ranks of a Zipf law are the
# function words, which FUNCTION stands for, so the background starts at
# rank 100 (its commonest word is then about 0.2% of the words).
RANK0 = 100


def vocabulary(rng, lang):
    words, seen = [], set()
    syl = SYLLABLES[lang]
    while len(words) < VOCAB:
        w = "".join(rng.choice(syl) for _ in range(rng.randint(2, 4)))
        if w not in seen:
            seen.add(w)
            words.append(w)
    return words


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--items", type=int, default=100000)
    ap.add_argument("--days", type=int, default=30)
    ap.add_argument("--seed", type=int, default=20261203)
    ap.add_argument("out")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    langs = sorted(FUNCTION)
    vocab = {l: vocabulary(rng, l) for l in langs}
    zipf = [1.0 / (r + RANK0) for r in range(VOCAB)]
    cum = []
    t = 0.0
    for z in zipf:
        t += z
        cum.append(t)
    sources = {l: ["%s-source-%d" % (l, i) for i in range(200)]
               for l in langs}
    span = a.days * 86400
    start = 1735689600                  # 2025-01-01T00:00:00Z
    items = []
    story = 0
    while len(items) < a.items:
        story += 1
        lang = rng.choice(langs)
        size = min(int(rng.paretovariate(1.1)), 400)
        size = min(size, a.items - len(items))
        t0 = rng.randrange(span)
        dur = rng.choice([2, 6, 12, 24, 48, 96]) * 3600
        keys = rng.sample(vocab[lang][1000:], rng.randint(6, 12))
        for _ in range(size):
            items.append((t0 + rng.randrange(dur + 1), story, lang, keys))
    items.sort(key=lambda x: x[0])

    def bg(lang, n):
        idx = [bisect.bisect_left(cum, rng.random() * t) for _ in range(n)]
        return [vocab[lang][min(i, VOCAB - 1)] for i in idx]

    def sentence(lang, keys, n, share):
        out = []
        fw = FUNCTION[lang]
        for w in bg(lang, n):
            r = rng.random()
            if r < share + 0.35 and r >= share:
                out.append(rng.choice(fw))
                continue
            if r < share:
                w = rng.choice(keys)
            out.append(w + rng.choice(ENDINGS[lang]))
        return out

    titles = []
    with open(a.out, "w", encoding="utf-8") as f:
        for n, (tm, st, lang, keys) in enumerate(items):
            if titles and rng.random() < 0.05:
                title, lang, st = rng.choice(titles[-200:])
            else:
                title = " ".join(sentence(lang, keys, rng.randint(6, 11),
                                          0.45)).capitalize()
            titles.append((title, lang, st))
            body = []
            for _ in range(rng.randint(3, 7)):
                body.append(" ".join(sentence(lang, keys,
                                              rng.randint(12, 24), 0.2))
                            .capitalize() + ".")
            if rng.random() < 0.2:
                text = "".join("<p>%s &amp; %s</p>" % (s, rng.choice(keys))
                               for s in body)
            else:
                text = " ".join(body)
            obj = {
                "id": "g%06d" % n,
                "lang": lang,
                "time": "%04d-%02d-%02dT%02d:%02d:%02dZ" % civil(start + tm),
                "source": rng.choice(sources[lang]),
                "title": title,
                "text": text,
                "story": "gen:%d" % st,
            }
            f.write(json.dumps(obj, ensure_ascii=False) + "\n")
    return 0


def civil(t):
    """UTC seconds to (year, month, day, hour, minute, second)."""
    days, s = divmod(t, 86400)
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return (y + (m <= 2), m, d, s // 3600, s % 3600 // 60, s % 60)


if __name__ == "__main__":
    sys.exit(main())
