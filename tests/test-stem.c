/*
 * test-stem: folding, words from text and HTML, stop words, the six
 * stemmers and language detection.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "stem.h"
#include "test.h"

/* Words joined by one space, as stem_words gives them. */
static void
join_word(void *ud, const char *w, size_t len, uint64_t hash)
{
	struct buf	*b = ud;

	CHECK(hash == stem_word_hash(w, len),
	    "the hash given with \"%.*s\" is its bytes'", (int)len, w);
	CHECK(strlen(w) == len, "\"%.*s\" ends at its length", (int)len, w);
	if (buf_len(b) > 0)
		buf_addc(b, ' ');
	buf_add(b, w, len);
}

static const struct {
	const char	*in;
	int		 html;
	const char	*want;
} words[] = {
	/* Lower case and accents, in every script we fold. */
	{ "Élysée Palace", 0, "elysee palace" },
	{ "Straße GROẞ Fußball", 0, "strasse gross fussball" },
	{ "ÆSIR œuvre Øresund Þór", 0, "aesir oeuvre oresund thor" },
	{ "Łódź Šibenik Ğ İstanbul", 0, "lodz sibenik g istanbul" },
	{ "São Paulo, AÇÃO", 0, "sao paulo acao" },
	{ "ΑΘΉΝΑ Αθήνα ΐ", 0, "αθηνα αθηνα ι" },
	{ "ΟΔΥΣΣΕΥΣ", 0, "οδυσσευσ" },
	{ "МОСКВА Ёлка", 0, "москва елка" },
	{ "cafe\xcc\x81 (combining)", 0, "cafe combining" },
	/* Punctuation, apostrophes and hyphens split; digits stay. */
	{ "China's GDP grew 7.5% in Q1 — l'économie", 0,
	    "china s gdp grew 7 5 in q1 l economie" },
	{ "e-mail, co-operate!", 0, "e mail co operate" },
	{ "emoji \xf0\x9f\x93\xb0 between", 0, "emoji between" },
	/* HTML: tags, comments, script and style go; references decode. */
	{ "<p>Caf&eacute; &amp; <b>th&#233;</b> &#x48;i</p>", 1,
	    "cafe the hi" },
	{ "a<script>var x = 'no';</script>b<style>p{}</style>c", 1,
	    "a b c" },
	{ "x<!-- hidden words -->y &szlig; &nbsp;z &bogus; q", 1,
	    "x y ss z bogus q" },
	{ "<b>not html</b>", 0, "b not html b" },
	/* Every letter, the bytes either side of each range, and words
	   cut at STEM_WORD_MAX - 3 bytes, in ASCII and after an accent. */
	{ "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789",
	    0, "abcdefghijklmnopqrstuvwxyz abcdefghijklmnopqrstuvwxyz "
	    "0123456789" },
	{ "@AZ[`az{/09: x\x7f\x01y", 0, "az az 09 x y" },
	{ "Supercalifragilistic\xc3\x89xpialidocious, Ok", 0,
	    "supercalifragilisticexpialidocious ok" },
	{ "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
	    " end", 0,
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa end" },
	{ "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\xc3\xa9"
	    "\xc3\xa9 end", 0,
	    "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbe end" },
	{ "", 0, "" },
};

static const struct {
	enum stem_lang	 lang;
	const char	*word;
	int		 stop;
} stops[] = {
	{ STEM_EN, "the", 1 }, { STEM_EN, "because", 1 },
	{ STEM_EN, "bank", 0 },
	{ STEM_NL, "het", 1 }, { STEM_NL, "omdat", 1 },
	{ STEM_NL, "regering", 0 },
	{ STEM_DE, "und", 1 }, { STEM_DE, "fur", 1 },	/* folded "für" */
	{ STEM_DE, "regierung", 0 },
	{ STEM_FR, "les", 1 }, { STEM_FR, "etait", 1 },	/* "était" */
	{ STEM_FR, "gouvernement", 0 },
	{ STEM_ES, "los", 1 }, { STEM_ES, "tambien", 1 },
	{ STEM_ES, "gobierno", 0 },
	{ STEM_PT, "nao", 1 }, { STEM_PT, "voce", 1 },
	{ STEM_PT, "governo", 0 },
	{ STEM_UNKNOWN, "the", 0 },
};

/* Pairs of forms that must stem alike, to want when it is given. */
static const struct {
	enum stem_lang	 lang;
	const char	*a;
	const char	*b;
	const char	*want;
} stems[] = {
	{ STEM_EN, "elections", "election", "election" },
	{ STEM_EN, "companies", "company", "company" },
	{ STEM_EN, "crashes", "crash", "crash" },
	{ STEM_EN, "running", "run", "run" },
	{ STEM_EN, "talks", "talk", "talk" },
	{ STEM_EN, "voted", "vote", NULL },
	{ STEM_EN, "voting", "votes", NULL },
	{ STEM_EN, "glasses", "glass", "glass" },
	{ STEM_NL, "verkiezingen", "verkiezing", "verkiezing" },
	{ STEM_NL, "mannen", "man", "man" },
	{ STEM_NL, "mogelijkheden", "mogelijkheid", "mogelijkheid" },
	{ STEM_NL, "ministers", "minister", "minister" },
	{ STEM_DE, "regierungen", "regierung", "regierung" },
	{ STEM_DE, "kindern", "kind", "kind" },
	{ STEM_DE, "hauses", "haus", "haus" },
	{ STEM_DE, "tage", "tag", "tag" },
	{ STEM_FR, "elections", "election", "election" },
	{ STEM_FR, "journaux", "journal", "journal" },
	{ STEM_FR, "presidente", "president", "president" },
	{ STEM_FR, "grandes", "grand", "grand" },
	{ STEM_ES, "elecciones", "eleccion", "eleccion" },
	{ STEM_ES, "presidentes", "presidente", "president" },
	{ STEM_ES, "gobiernos", "gobierno", "gobiern" },
	{ STEM_ES, "luces", "luz", "luz" },
	{ STEM_PT, "eleicoes", "eleicao", "eleica" },
	{ STEM_PT, "jornais", "jornal", "jornal" },
	{ STEM_PT, "homens", "homem", "homem" },
	{ STEM_PT, "ministros", "ministro", "ministr" },
	/* Numbers and words of other scripts are left alone. */
	{ STEM_EN, "2014s", "2014s", "2014s" },
};

static const struct {
	const char	*code;
	enum stem_lang	 want;
} codes[] = {
	{ "en", STEM_EN }, { "en-us", STEM_EN }, { "EN-GB", STEM_EN },
	{ "pt-BR", STEM_PT }, { "pt_PT", STEM_PT }, { "de_DE", STEM_DE },
	{ "nl-BE", STEM_NL }, { "fr", STEM_FR }, { "es-419", STEM_ES },
	{ "it", STEM_UNKNOWN }, { "english", STEM_UNKNOWN },
	{ "", STEM_UNKNOWN }, { NULL, STEM_UNKNOWN },
};

static const struct {
	const char	*text;
	int		 html;
	enum stem_lang	 want;
} detects[] = {
	{ "The government said on Monday that the talks would go on for "
	    "another day.", 0, STEM_EN },
	{ "De regering heeft maandag gezegd dat het overleg nog een dag "
	    "doorgaat.", 0, STEM_NL },
	{ "Die Regierung hat am Montag gesagt, dass die Gespräche noch "
	    "einen Tag weitergehen.", 0, STEM_DE },
	{ "Le gouvernement a déclaré lundi que les négociations se "
	    "poursuivraient encore un jour.", 0, STEM_FR },
	{ "El gobierno dijo el lunes que las negociaciones seguirán "
	    "otro día más.", 0, STEM_ES },
	{ "O governo disse na segunda-feira que as negociações vão "
	    "continuar por mais um dia.", 0, STEM_PT },
	{ "<p>Die <b>Bundesregierung</b> und die L&auml;nder sind sich "
	    "nicht einig</p>", 1, STEM_DE },
	{ "Xyzzy 12345", 0, STEM_UNKNOWN },
};

/*
 * Random texts of ASCII letters, digits, separators, '<', '&' and "é"
 * (which folds to e and continues a word), up to 400 bytes with words up
 * to 70 letters, split as a reader would: stem_words reads most such
 * text 16 bytes at a time, and words meet the ends of those blocks, the
 * text's end and the cut in every way here.
 */
static void
random_texts(void)
{
	static const char	 alpha[] =
	    "abcXYZ019 ,.-'<&\xc3\xa9";
	char			 text[512], want[1024];
	struct buf		 b;
	size_t			 n, len, wl, i, k, run;
	unsigned int		 seed = 12345;
	unsigned char		 c;

	buf_init(&b, BUF_NOLIMIT);
	for (n = 0; n < 3000; n++) {
		seed = seed * 1103515245 + 12345;
		len = (seed >> 16) % 400;
		for (i = 0; i < len; i += run) {
			seed = seed * 1103515245 + 12345;
			k = (seed >> 16) % (sizeof alpha - 3);
			seed = seed * 1103515245 + 12345;
			/* Mostly short runs; now and then a long word. */
			run = (seed >> 16) % 23 == 0 ? 70 : 1 + (seed >> 20) % 9;
			if (i + run > len)
				run = len - i;
			if (alpha[k] == '\xc3') {
				if (i + 2 > len)
					break;
				memcpy(text + i, "\xc3\xa9", 2);
				run = 2;
			} else
				memset(text + i, alpha[k], run);
		}
		len = i;
		text[len] = '\0';
		/* The reference: one byte (or "é") at a time. */
		for (i = wl = k = 0; i <= len; i++) {
			c = i < len ? (unsigned char)text[i] : ' ';
			if (c == 0xc3) {
				if (wl + 4 <= STEM_WORD_MAX)
					want[k + wl++] = 'e';
				i++;
			} else if ((c >= '0' && c <= '9') ||
			    ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
				if (wl + 4 <= STEM_WORD_MAX)
					want[k + wl++] = (char)(c | 0x20);
			} else if (wl > 0) {
				k += wl;
				want[k++] = ' ';
				wl = 0;
			}
		}
		want[k > 0 ? k - 1 : 0] = '\0';
		buf_reset(&b);
		stem_words(text, len, 0, join_word, &b);
		CHECK_STR(buf_str(&b), want, text);
	}
	buf_free(&b);
}

/* Counts words and folds them and their hashes into a digest. */
struct digest {
	size_t		 words;
	uint64_t	 h;
};

static void
digest_word(void *ud, const char *w, size_t len, uint64_t hash)
{
	struct digest	*d = ud;
	size_t		 i;

	d->words++;
	for (i = 0; i < len; i++)
		d->h = (d->h ^ (unsigned char)w[i]) * 0x100000001b3ULL;
	d->h = (d->h ^ len ^ hash) * 0x100000001b3ULL;
}

/*
 * test-stem --digest: the words of 20,000 random texts made of every
 * kind of piece stem_words meets (ASCII words and separators, tags,
 * comments, character references, accented, Greek, CJK and emoji
 * characters, combining marks, bytes that are not UTF-8), as plain text
 * and as HTML, as a count and a digest.  tests/stem-agree.sh compares
 * the digests of test-stem and test-stem-scalar.
 */
static int
digest(void)
{
	static const char *const pieces[] = {
		"Lorem", "IPSUM", "dolor", "x", "0123", "Q1", "b2b",
		"supercalifragilisticexpialidocious", " ", " ", "  ", ", ",
		". ", "-", "'", "\t", "\n", "<p>", "</p>", "<b>", "<!-- c -->",
		"<script>var x = 1;</script>", "< b", "&amp;", "&eacute;",
		"&#233;", "&#x48;", "&bogus;", "& ", "\xc3\xa9", "\xc3\x89",
		"\xc3\x9f", "\xce\x91\xce\x98", "\xe4\xb8\xad",
		"\xf0\x9f\x93\xb0", "e\xcc\x81", "\xff", "\xc3", "\x01",
	};
	char		 text[2048];
	const char	*p;
	struct digest	 d = { 0, 0xcbf29ce484222325ULL };
	unsigned int	 seed = 777;
	size_t		 n, len, k, pl;

	for (n = 0; n < 20000; n++) {
		seed = seed * 1103515245 + 12345;
		for (len = 0, k = (seed >> 16) % 120; k > 0; k--) {
			seed = seed * 1103515245 + 12345;
			p = pieces[(seed >> 16) % (sizeof pieces /
			    sizeof *pieces)];
			if (len + (pl = strlen(p)) >= sizeof text)
				break;
			memcpy(text + len, p, pl);
			len += pl;
		}
		stem_words(text, len, (int)(n & 1), digest_word, &d);
	}
	printf("%zu words, digest %016llx\n", d.words,
	    (unsigned long long)d.h);
	return 0;
}

static int
looks_html(const char *s)
{
	return stem_looks_html(s, strlen(s));
}

int
main(int argc, char **argv)
{
	struct buf	 b;
	char		 wa[STEM_WORD_MAX + 8], wb[STEM_WORD_MAX + 8];
	uint32_t	 f[3];
	size_t		 i, j, na, nb;

	if (argc > 1 && strcmp(argv[1], "--digest") == 0)
		return digest();
	buf_init(&b, BUF_NOLIMIT);
	for (i = 0; i < sizeof words / sizeof *words; i++) {
		buf_reset(&b);
		stem_words(words[i].in, strlen(words[i].in), words[i].html,
		    join_word, &b);
		CHECK_STR(buf_str(&b), words[i].want, words[i].in);
	}
	buf_free(&b);
	random_texts();

	CHECK(stem_fold_cp(0xDF, f) == 2 && f[0] == 's' && f[1] == 's',
	    "sharp s folds to ss");
	CHECK(stem_fold_cp(0x301, f) == 0, "a combining mark is dropped");
	CHECK(stem_fold_cp('Q', f) == 1 && f[0] == 'q', "Q to q");
	CHECK(!stem_is_word_cp(0x2014) && !stem_is_word_cp('\''),
	    "dashes and apostrophes split words");

	for (i = 0; i < sizeof stops / sizeof *stops; i++)
		CHECK(stem_is_stop(stops[i].lang, stops[i].word,
		    strlen(stops[i].word), stem_word_hash(stops[i].word,
		    strlen(stops[i].word))) == stops[i].stop,
		    "%s: \"%s\" stop word: want %d",
		    stem_lang_name(stops[i].lang), stops[i].word,
		    stops[i].stop);

	for (i = 0; i < sizeof stems / sizeof *stems; i++) {
		strcpy(wa, stems[i].a);
		strcpy(wb, stems[i].b);
		na = stem_word(stems[i].lang, wa, strlen(wa));
		nb = stem_word(stems[i].lang, wb, strlen(wb));
		CHECK(na == strlen(wa) && nb == strlen(wb) && na > 0,
		    "%s: lengths agree with the strings", stems[i].a);
		if (stems[i].want != NULL) {
			CHECK_STR(wa, stems[i].want, stems[i].a);
			CHECK_STR(wb, stems[i].want, stems[i].b);
		} else
			CHECK(strcmp(wa, wb) == 0, "%s: \"%s\" and \"%s\"",
			    stem_lang_name(stems[i].lang), wa, wb);
	}
	/* Words that only look inflected keep enough of themselves. */
	strcpy(wa, "is");
	CHECK(stem_word(STEM_EN, wa, 2) == 2, "short words stay whole");
	/*
	 * A digit or a byte of another script anywhere, in the 8-byte
	 * chunks or the rest, leaves a word unstemmed; the bytes next to
	 * the digits do not.
	 */
	for (i = 0; i < 29; i++) {
		for (j = 0; j < 4; j++) {
			if (j == 1 && i > 24)
				continue;	/* the suffix stays */
			strcpy(wa, "abcdefghijklmnopqrstuvwxyzing");
			wa[i] = "0a9\xc3"[j];
			if (j == 1) {
				wa[i == 0 ? 0 : i - 1] = '/';	/* '0' - 1 */
				wa[i + 1] = ':';		/* '9' + 1 */
			}
			na = stem_word(STEM_EN, wa, 29);
			CHECK(j == 1 ? na < 29 : na == 29,
			    "\"%.29s\" (byte %zu): %zu bytes", wa, i, na);
		}
	}

	for (i = 0; i < sizeof codes / sizeof *codes; i++)
		CHECK(stem_lang_code(codes[i].code) == codes[i].want,
		    "language code \"%s\"", codes[i].code ? codes[i].code :
		    "(null)");
	CHECK_STR(stem_lang_name(STEM_PT), "pt", "name of pt");
	CHECK_STR(stem_lang_name(STEM_UNKNOWN), "", "name of unknown");

	for (i = 0; i < sizeof detects / sizeof *detects; i++)
		CHECK(stem_detect(detects[i].text, strlen(detects[i].text),
		    detects[i].html) == detects[i].want,
		    "detect %s: got %s", detects[i].text,
		    stem_lang_name(stem_detect(detects[i].text,
		    strlen(detects[i].text), detects[i].html)));
	CHECK(looks_html("<p>x</p>") && looks_html("a &amp; b") &&
	    !looks_html("a < b & c") && !looks_html("plain"),
	    "HTML is recognised");
	CHECK(!stem_looks_html("x <b>", 3) && !stem_looks_html("a &amp; b", 6),
	    "a tag or reference cut at the end is not seen");
	return test_exit("test-stem");
}
