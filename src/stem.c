/*
 * stem.c owns the word-level text processing of the stories engine:
 * folding (lower case without accents), splitting plain text or HTML into
 * words, the stop-word lists, the six light stemmers and language
 * detection.  It keeps no state but the stop-word tables it sorts once.
 *
 * The stemmers are light: they take off inflections (plural, gender, a
 * few verb endings) and leave derivation alone, since a story's articles
 * share their key nouns and names far more than their word forms.  They
 * work on folded words, so their rules are written without accents.  The
 * rules are our own, written after the published descriptions of
 * J. Savoy's light stemmers for French, Spanish, Portuguese and German
 * ("Light stemming approaches for the French, Portuguese, German and
 * Hungarian languages", ACM SAC 2006; "Report on CLEF-2001 experiments"),
 * D. Harman's S-stemmer for English ("How effective is suffixing?", JASIS
 * 1991) and the plural and -e rules of the Snowball Dutch and German
 * stemmers (snowballstem.org algorithm descriptions); nothing is copied
 * from their code.  The stop-word lists are the common function words of
 * each language (articles, pronouns, prepositions, conjunctions, forms of
 * to be and to have), written for tidings and folded.
 */
#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
/* SSE2 on x86-64 (its 64-bit moves): stem_words reads 16 bytes at once. */
#if defined(__SSE2__) && defined(__x86_64__) && !defined(STEM_SCALAR)
#include <emmintrin.h>
#define STEM_SSE2	1
#endif

#include "stem.h"
#include "txt.h"
#include "xmalloc.h"

struct stopword {
	const char	*s;
	size_t		 len;
};

static const char *const stop_lists[STEM_NLANGS] = {
	/* en */
	"a about above after again against all am an and any are as at be "
	"because been before being below between both but by can could did "
	"do does doing down during each few for from further had has have "
	"having he her here hers herself him himself his how i if in into is "
	"it its itself just me more most my myself no nor not now of off on "
	"once only or other our ours ourselves out over own same she should "
	"so some such than that the their theirs them themselves then there "
	"these they this those through to too under until up very was we "
	"were what when where which while who whom why will with would you "
	"your yours yourself yourselves s t d ll m re ve don isn aren wasn "
	"weren doesn didn hasn haven hadn won wouldn shouldn couldn also may "
	"might must shall via",
	/* nl */
	"aan al alles als altijd andere ben bij daar dan dat de der deze die "
	"dit doch doen door dus een eens en er ge geen geweest haar had heb "
	"hebben heeft hem het hier hij hoe hun iemand iets ik in is ja je "
	"jij jullie kan kon kunnen maar me meer men met mij mijn moet na naar "
	"niet niets nog nu of om omdat ons onder ook op over reeds te tegen "
	"toch toen tot u uit uw van veel voor want waren was wat we wel werd "
	"wie wij wil worden wordt zal ze zelf zich zij zijn zo zonder zou "
	"s t",
	/* de */
	"aber alle allem allen aller alles als also am an ander andere "
	"anderem anderen anderer anderes anders auch auf aus bei bin bis "
	"bist da damit dann das dass dasselbe dazu dein deine dem den denn "
	"der des dessen dich die dies diese diesem diesen dieser dieses dir "
	"doch dort du durch ein eine einem einen einer eines er es etwas "
	"euch euer fur gegen gewesen hab habe haben hat hatte hatten hier "
	"hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer im in indem "
	"ins ist jede jedem jeden jeder jedes jene jetzt kann kein keine "
	"konnen konnte man manche mein meine mich mir mit muss musste nach "
	"nicht nichts noch nun nur ob oder ohne sehr sein seine seinem "
	"seinen seiner selbst sich sie sind so solche soll sollte sondern "
	"sonst uber um und uns unser unter viel vom von vor wahrend war "
	"waren was weil weiter welche wenn werde werden wie wieder will wir "
	"wird wo wollen wollte wurde wurden zu zum zur zwar zwischen",
	/* fr */
	"a ai aie aient as au aucun aussi autre aux avaient avais avait "
	"avant avec avez avoir avons c ce ceci cela celle celui ces cet "
	"cette ceux chez comme d dans de depuis des deux donc dont du elle "
	"elles en encore entre es est et etaient etais etait ete etre eu eux "
	"il ils j je l la le les leur leurs lui m ma mais me meme mes moi "
	"mon n ne ni nos notre nous on ont ou par pas peu plus pour qu quand "
	"que quel quelle qui s sa sans se selon ses si son sont sous suis "
	"sur t ta te tes toi ton tous tout toute toutes tres tu un une vers "
	"vos votre vous y",
	/* es */
	"a al algo algunas algunos ante antes como con contra cual cuando "
	"de del desde donde durante e el ella ellas ellos en entre era eran "
	"es esa esas ese eso esos esta estaba estan estar estas este esto "
	"estos fue fueron ha han hasta hay la las le les lo los mas me mi "
	"mis mucho muchos muy nada ni no nos nosotros o otra otras otro "
	"otros para pero poco por porque que quien quienes se segun ser sera "
	"si sin sobre son su sus tambien tanto te tiene tras tu un una uno "
	"unos y ya yo",
	/* pt */
	"a ao aos apos aquela aquele aquilo as ate com como da das de dela "
	"delas dele deles depois do dos e ela elas ele eles em entre era "
	"essa essas esse esses esta estao estas este estes eu foi foram ha "
	"isso isto ja lhe lhes mais mas me mesmo meu meus minha minhas muito "
	"na nao nas nem no nos nossa nossas nosso nossos num numa o os ou "
	"para pela pelas pelo pelos por quando que quem sao se sem ser seu "
	"seus so sobre sua suas tambem te tem teu tua voce voces um uma umas "
	"uns",
};

/*
 * Each language's stop words in an open-addressing hash set (a power of
 * two at least twice their number): every word of every article is
 * looked up, and a hash probe is several times cheaper than bisecting.
 */
static struct stopword	*stop_tab[STEM_NLANGS];
static size_t		 stop_mask[STEM_NLANGS];
static pthread_once_t	 stop_once = PTHREAD_ONCE_INIT;

static const char *const lang_names[STEM_NLANGS] = {
	"en", "nl", "de", "fr", "es", "pt"
};

/* Latin Extended-A, U+0100 to U+017F: the base letter of each; '1' is
 * "ij" and '2' is "oe". */
static const char latin_ext_a[] =
	"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii11jjkkk"
	"llllllllllnnnnnnnnnoooooo22rrrrrrssssssssttttttuuuuuuuuuuuu"
	"wwyyyzzzzzzs";

static void	 stop_init(void);
static uint32_t	 html_entity(const char *, size_t, size_t *);
static size_t	 html_skip_tag(const char *, size_t, size_t);
static int	 ends(const char *, size_t, const char *);
static size_t	 stem_en(char *, size_t);
static size_t	 stem_en_e(char *, size_t);
static size_t	 stem_nl(char *, size_t);
static size_t	 stem_de(char *, size_t);
static size_t	 stem_fr(char *, size_t);
static size_t	 stem_es(char *, size_t);
static size_t	 stem_pt(char *, size_t);

enum stem_lang
stem_lang_code(const char *code)
{
	char	 l[3];
	size_t	 i;

	if (code == NULL)
		return STEM_UNKNOWN;
	while (*code == ' ' || *code == '\t')
		code++;
	for (i = 0; i < 2; i++) {
		if (code[i] >= 'A' && code[i] <= 'Z')
			l[i] = code[i] - 'A' + 'a';
		else if (code[i] >= 'a' && code[i] <= 'z')
			l[i] = code[i];
		else
			return STEM_UNKNOWN;
	}
	l[2] = '\0';
	if (code[2] != '\0' && code[2] != '-' && code[2] != '_' &&
	    code[2] != ' ')
		return STEM_UNKNOWN;
	for (i = 0; i < STEM_NLANGS; i++)
		if (strcmp(l, lang_names[i]) == 0)
			return (enum stem_lang)i;
	return STEM_UNKNOWN;
}

const char *
stem_lang_name(enum stem_lang lang)
{
	if (lang >= STEM_NLANGS)
		return "";
	return lang_names[lang];
}

size_t
stem_fold_cp(uint32_t c, uint32_t *out)
{
	static const char latin1[] =	/* U+00C0 to U+00FF; '1' "ae" */
	    "aaaaaa1ceeeeiiiidnooooo-ouuuuyts"
	    "aaaaaa1ceeeeiiiidnooooo-ouuuuyty";
	char	 b;

	if (c < 0x80) {
		out[0] = (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
		return 1;
	}
	if (c >= 0x300 && c <= 0x36F)		/* combining marks */
		return 0;
	if (c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xF7) {
		b = latin1[c - 0xC0];
		if (b == '1') {
			out[0] = 'a';
			out[1] = 'e';
			return 2;
		}
		if (c == 0xDE || c == 0xFE) {		/* thorn */
			out[0] = 't';
			out[1] = 'h';
			return 2;
		}
		if (c == 0xDF) {			/* sharp s */
			out[0] = out[1] = 's';
			return 2;
		}
		out[0] = (unsigned char)b;
		return 1;
	}
	if (c == 0xAA || c == 0xBA) {		/* ordinal indicators */
		out[0] = c == 0xAA ? 'a' : 'o';
		return 1;
	}
	if (c >= 0x100 && c <= 0x17F) {
		b = latin_ext_a[c - 0x100];
		if (b == '1' || b == '2') {
			out[0] = b == '1' ? 'i' : 'o';
			out[1] = b == '1' ? 'j' : 'e';
			return 2;
		}
		out[0] = (unsigned char)b;
		return 1;
	}
	switch (c) {
	case 0x1E9E:				/* capital sharp s */
		out[0] = out[1] = 's';
		return 2;
	case 0x218: case 0x219:			/* Romanian comma below */
		out[0] = 's';
		return 1;
	case 0x21A: case 0x21B:
		out[0] = 't';
		return 1;
	case 0xFB00:				/* ff, fi, fl ligatures */
		out[0] = out[1] = 'f';
		return 2;
	case 0xFB01: case 0xFB02:
		out[0] = 'f';
		out[1] = c == 0xFB01 ? 'i' : 'l';
		return 2;
	}
	/* Greek: capitals and tonos or dialytika to plain small letters. */
	if (c >= 0x370 && c <= 0x3FF) {
		switch (c) {
		case 0x386: case 0x3AC: c = 0x3B1; break;
		case 0x388: case 0x3AD: c = 0x3B5; break;
		case 0x389: case 0x3AE: c = 0x3B7; break;
		case 0x38A: case 0x3AF: case 0x3AA: case 0x3CA: case 0x390:
			c = 0x3B9; break;
		case 0x38C: case 0x3CC: c = 0x3BF; break;
		case 0x38E: case 0x3CD: case 0x3AB: case 0x3CB: case 0x3B0:
			c = 0x3C5; break;
		case 0x38F: case 0x3CE: c = 0x3C9; break;
		case 0x3C2: c = 0x3C3; break;	/* final sigma */
		default:
			if (c >= 0x391 && c <= 0x3A9)
				c += 0x20;
		}
		out[0] = c;
		return 1;
	}
	/* Cyrillic: capitals to small letters, yo to ye. */
	if (c >= 0x400 && c <= 0x52F) {
		if (c >= 0x410 && c <= 0x42F)
			c += 0x20;
		else if (c >= 0x400 && c <= 0x40F)
			c += 0x50;
		else if ((c >= 0x460 && c <= 0x481) ||
		    (c >= 0x48A && c <= 0x4BF) || (c >= 0x4D0 && c <= 0x52F))
			c |= 1;
		if (c == 0x451)
			c = 0x435;
		out[0] = c;
		return 1;
	}
	out[0] = c;
	return 1;
}

int
stem_is_word_cp(uint32_t c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z');
	if (c < 0xC0)
		return c == 0xAA || c == 0xBA;
	if (c == 0xD7 || c == 0xF7)
		return 0;
	if (c < 0x2000)
		return c != 0x37E && c != 0x387 && !(c >= 0x55A && c <= 0x55F)
		    && !(c >= 0x589 && c <= 0x58A) && !(c >= 0x5BE &&
		    c <= 0x5C7 && c != 0x5C1 && c != 0x5C2) &&
		    !(c >= 0x600 && c <= 0x60F) && c != 0x61B && c != 0x61F &&
		    !(c >= 0x66A && c <= 0x66D) && c != 0x6D4;
	if (c < 0x2C00)		/* punctuation, symbols, arrows, boxes */
		return 0;
	if (c >= 0x2E00 && c <= 0x2E7F)
		return 0;
	if (c >= 0x3000 && c <= 0x303F)
		return 0;
	if (c >= 0xD800 && c <= 0xF8FF)	/* surrogates, private use */
		return 0;
	if (c >= 0xFE00 && c <= 0xFE6F)
		return 0;
	if ((c >= 0xFF00 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) ||
	    (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65))
		return 0;
	if (c >= 0xFFF0 && c <= 0xFFFF)
		return 0;
	if (c >= 0x1F000 && c <= 0x1FBFF)	/* emoji and pictographs */
		return 0;
	if (c >= 0xE0000)
		return 0;
	return 1;
}

int
stem_looks_html(const char *s, size_t len)
{
	const char	*p, *end = s + len;
	char		 next;
	size_t		 rest;

	/* Most titles and plain texts have neither: memchr says so fast. */
	if (memchr(s, '<', len) == NULL && memchr(s, '&', len) == NULL)
		return 0;
	for (p = s; p < end; p++) {
		if (*p != '<' && *p != '&')
			continue;
		next = p + 1 < end ? p[1] : '\0';
		if (*p == '<' && (next == '/' || next == '!' ||
		    (next >= 'a' && next <= 'z') ||
		    (next >= 'A' && next <= 'Z')))
			return 1;
		rest = (size_t)(end - p);
		if (*p == '&' && next != ' ' && next != '\0' &&
		    memchr(p, ';', rest < 12 ? rest : 12) != NULL)
			return 1;
	}
	return 0;
}

/*
 * The code point of the character reference at s[0..len) (s[0] is '&'),
 * with its length in *used, or 0 when it is not one we know.  Named
 * letters with accents give the letter without: folding drops it anyway.
 */
static uint32_t
html_entity(const char *s, size_t len, size_t *used)
{
	static const struct {
		const char	*name;
		uint32_t	 cp;
	} names[] = {
		{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' },
		{ "apos", '\'' }, { "nbsp", ' ' }, { "hellip", 0x2026 },
		{ "mdash", 0x2014 }, { "ndash", 0x2013 }, { "lsquo", 0x2018 },
		{ "rsquo", 0x2019 }, { "ldquo", 0x201C }, { "rdquo", 0x201D },
		{ "laquo", 0xAB }, { "raquo", 0xBB }, { "bdquo", 0x201E },
		{ "euro", 0x20AC }, { "copy", 0xA9 }, { "reg", 0xAE },
		{ "szlig", 0xDF }, { "aelig", 0xE6 }, { "AElig", 0xC6 },
		{ "oelig", 0x153 }, { "OElig", 0x152 }, { "eth", 0xF0 },
		{ "thorn", 0xFE }, { "oslash", 0xF8 }, { "Oslash", 0xD8 },
		{ "iexcl", 0xA1 }, { "iquest", 0xBF }, { "middot", 0xB7 },
	};
	static const char *const marks[] = {
		"acute", "grave", "circ", "uml", "tilde", "ring", "cedil"
	};
	char		 name[16];
	size_t		 i, n, m;
	unsigned long	 v;
	char		*end;

	for (n = 1; n < len && n < sizeof name && s[n] != ';'; n++)
		;
	if (n >= len || s[n] != ';' || n == 1)
		return 0;
	*used = n + 1;
	memcpy(name, s + 1, n - 1);
	name[n - 1] = '\0';
	if (name[0] == '#') {
		if (name[1] == 'x' || name[1] == 'X')
			v = strtoul(name + 2, &end, 16);
		else
			v = strtoul(name + 1, &end, 10);
		if (*end != '\0' || end == name + 1 || v == 0 ||
		    v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
			return 0;
		return (uint32_t)v;
	}
	for (i = 0; i < sizeof names / sizeof *names; i++)
		if (strcmp(name, names[i].name) == 0)
			return names[i].cp;
	for (i = 0; i < sizeof marks / sizeof *marks; i++) {
		m = strlen(marks[i]);
		if (n - 2 == m && strcmp(name + 1, marks[i]) == 0 &&
		    ((name[0] >= 'a' && name[0] <= 'z') ||
		    (name[0] >= 'A' && name[0] <= 'Z')))
			return (unsigned char)name[0];
	}
	return 0;
}

/*
 * The offset after the tag at s[i] ('<'), skipping a script or style
 * element whole, and a comment to its "-->".
 */
static size_t
html_skip_tag(const char *s, size_t len, size_t i)
{
	const char	*p, *close = NULL;
	size_t		 j;

	if (len - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
		for (j = i + 4; j + 3 <= len; j++)
			if (memcmp(s + j, "-->", 3) == 0)
				return j + 3;
		return len;
	}
	if (len - i >= 7 && strncasecmp(s + i, "<script", 7) == 0)
		close = "</script";
	else if (len - i >= 6 && strncasecmp(s + i, "<style", 6) == 0)
		close = "</style";
	if (close != NULL) {
		for (j = i + 1; j + strlen(close) <= len; j++)
			if (strncasecmp(s + j, close, strlen(close)) == 0)
				break;
		i = j;
	}
	p = memchr(s + i, '>', len - i);
	return p == NULL ? len : (size_t)(p - s) + 1;
}

/*
 * What a byte is to stem_words: the folded ASCII letter or digit, ' ' for
 * an ASCII separator, or 0 for '<', '&' (which may start markup) and the
 * bytes of UTF-8 sequences (0x80 and above, zero here).
 */
static const char byte_fold[256] = {
	' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ',
	' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ',
	' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ',
	' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ',
	' ', ' ', ' ', ' ', ' ', ' ', 0, ' ',
	' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ',
	'0', '1', '2', '3', '4', '5', '6', '7',
	'8', '9', ' ', ' ', 0, ' ', ' ', ' ',
	' ', 'a', 'b', 'c', 'd', 'e', 'f', 'g',
	'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
	'p', 'q', 'r', 's', 't', 'u', 'v', 'w',
	'x', 'y', 'z', ' ', ' ', ' ', ' ', ' ',
	' ', 'a', 'b', 'c', 'd', 'e', 'f', 'g',
	'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
	'p', 'q', 'r', 's', 't', 'u', 'v', 'w',
	'x', 'y', 'z', ' ', ' ', ' ', ' ', ' ',
};

/*
 * A word's hash: its bytes 8 at a time (the last ones masked), each
 * chunk mixed in with a multiplication.  FIRST_BYTES(k) keeps the first
 * k bytes (1 to 7) of 8 loaded, wherever the machine puts them.
 */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define FIRST_BYTES(k)	(~0ULL << (64 - 8 * (k)))
#else
#define FIRST_BYTES(k)	(~0ULL >> (64 - 8 * (k)))
#endif

/* One chunk of 8 bytes mixed into h. */
static inline uint64_t
hash_chunk(uint64_t h, uint64_t x)
{
	h = (h ^ x) * 0xff51afd7ed558ccdULL;
	return h ^ h >> 29;
}

/* The hash of w[0..len); w is readable to the next multiple of 8. */
static inline uint64_t
chunks_hash(const char *w, size_t len)
{
	uint64_t	 h = len * 0x9e3779b97f4a7c15ULL, x;
	size_t		 i;

	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&x, w + i, 8);
		h = hash_chunk(h, x);
	}
	if (i < len) {
		memcpy(&x, w + i, 8);
		h = hash_chunk(h, x & FIRST_BYTES(len - i));
	}
	return h;
}

uint64_t
stem_word_hash(const char *w, size_t len)
{
	char	 buf[STEM_WORD_MAX + 8];

	if (len > STEM_WORD_MAX)
		len = STEM_WORD_MAX;
	memcpy(buf, w, len);
	return chunks_hash(buf, len);
}

uint64_t
stem_hash(const char *w, size_t len)
{
	return chunks_hash(w, len);
}

#ifdef STEM_SSE2
/*
 * The words of the 16 bytes at s[i] (i + 16 <= len) that are ASCII
 * letters and digits ended by an ASCII separator there, most of any
 * text: their bytes are classified at once, and each word is folded
 * (0x20 set: lower case, digits unchanged), hashed and copied without a
 * loop over its bytes, or a mispredicted branch at its end.  Returns
 * where the bytes it did not take begin: a word that runs into the next
 * block or into a byte of 0x80 or above, '<' or '&', which the caller
 * reads one at a time.
 */
static size_t
block_words(const char *s, size_t len, size_t i, char *w, stem_word_fn *fn,
    void *ud, size_t *count)
{
	const __m128i	 v = _mm_loadu_si128((const __m128i *)(s + i));
	const __m128i	 lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
	unsigned int	 word, other, m, lim;
	size_t		 st, e, n, pos = 0;
	uint64_t	 h;

	/* Bytes of 0x80 and above are negative: in no range below. */
	word = (unsigned int)_mm_movemask_epi8(_mm_or_si128(
	    _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)),
	    _mm_cmplt_epi8(lower, _mm_set1_epi8('z' + 1))),
	    _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
	    _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)))));
	other = (unsigned int)_mm_movemask_epi8(_mm_or_si128(v, _mm_or_si128(
	    _mm_cmpeq_epi8(v, _mm_set1_epi8('<')),
	    _mm_cmpeq_epi8(v, _mm_set1_epi8('&')))));
	lim = other != 0 ? (unsigned int)__builtin_ctz(other) : 16;
	for (;;) {
		m = word & (0xffffu << pos) & ((1u << lim) - 1);
		if (m == 0)
			return i + lim;
		st = (size_t)__builtin_ctz(m);
		e = (size_t)__builtin_ctz((~word & (0xffffu << st)) | 0x10000u);
		if (e >= lim)
			return i + st;
		n = e - st;
		if (i + st + 16 <= len)
			_mm_storeu_si128((__m128i *)w, _mm_or_si128(
			    _mm_loadu_si128((const __m128i *)(s + i + st)),
			    _mm_set1_epi8(0x20)));
		else
			for (m = 0; m < n; m++)
				w[m] = (char)(s[i + st + m] | 0x20);
		h = chunks_hash(w, n);
		w[n] = '\0';
		fn(ud, w, n, h);
		(*count)++;
		pos = e + 1;
	}
}
#endif

size_t
stem_words(const char *s, size_t len, int html, stem_word_fn *fn, void *ud)
{
	char		 w[STEM_WORD_MAX + 16];
	uint32_t	 c, f[3];
	size_t		 i = 0, n, k, wl = 0, count = 0, used;
#ifdef STEM_SSE2
	size_t		 next;
#endif
	unsigned char	 u;
	char		 a = 0;

	while (i <= len) {
#ifdef STEM_SSE2
		/* Between words, 16 bytes at a time while they take some. */
		if (wl == 0)
			while (i + 16 <= len && (next = block_words(s, len, i,
			    w, fn, ud, &count)) > i)
				i = next;
#endif
		/*
		 * Plain ASCII straight into the word through the table: the
		 * same as decoding, is_word and fold.
		 */
		while (i < len && (a = byte_fold[(unsigned char)s[i]]) > ' ') {
			if (wl + 4 <= STEM_WORD_MAX)
				w[wl++] = a;
			i++;
		}
		if (i == len)
			c = ' ';
		else {
			u = (unsigned char)s[i];
			if (a == ' ') {
				i++;
				if (wl > 0)
					goto word;
				continue;
			}
			if (html && u == '<' && i + 1 < len &&
			    (s[i + 1] == '/' || s[i + 1] == '!' ||
			    ((s[i + 1] | 0x20) >= 'a' &&
			    (s[i + 1] | 0x20) <= 'z'))) {
				i = html_skip_tag(s, len, i);
				c = ' ';
				goto got;
			}
			if (html && u == '&' &&
			    (c = html_entity(s + i, len - i, &used)) != 0) {
				i += used;
				goto got;
			}
			i += txt_utf8_decode(s + i, len - i, &c);
			goto got;
		}
		i++;
	got:
		if (stem_is_word_cp(c) || (c >= 0x300 && c <= 0x36F)) {
			n = stem_fold_cp(c, f);
			for (k = 0; k < n && wl + 4 <= STEM_WORD_MAX; k++)
				wl += txt_utf8_encode(f[k], w + wl);
			continue;
		}
		if (wl == 0)
			continue;
	word:
		w[wl] = '\0';
		fn(ud, w, wl, chunks_hash(w, wl));
		count++;
		wl = 0;
	}
	return count;
}

static void
stop_init(void)
{
	const char	*p, *q;
	size_t		 l, n, size, i;

	for (l = 0; l < STEM_NLANGS; l++) {
		n = 1;
		for (p = stop_lists[l]; *p != '\0'; p++)
			n += *p == ' ';
		for (size = 16; size < 2 * n; size *= 2)
			;
		stop_tab[l] = xcalloc(size, sizeof *stop_tab[l]);
		stop_mask[l] = size - 1;
		for (p = stop_lists[l]; *p != '\0'; p = q) {
			q = strchr(p, ' ');
			if (q == NULL)
				q = p + strlen(p);
			i = stem_word_hash(p, (size_t)(q - p)) & stop_mask[l];
			while (stop_tab[l][i].s != NULL)
				i = (i + 1) & stop_mask[l];
			stop_tab[l][i].s = p;
			stop_tab[l][i].len = (size_t)(q - p);
			if (*q == ' ')
				q++;
		}
	}
}

int
stem_is_stop(enum stem_lang lang, const char *w, size_t len, uint64_t h)
{
	const struct stopword	*sw;
	size_t			 i;

	if (lang >= STEM_NLANGS)
		return 0;
	pthread_once(&stop_once, stop_init);
	i = h & stop_mask[lang];
	for (; (sw = &stop_tab[lang][i])->s != NULL;
	    i = (i + 1) & stop_mask[lang])
		if (sw->len == len && memcmp(sw->s, w, len) == 0)
			return 1;
	return 0;
}

/* Whether w[0..len) ends in suf. */
static int
ends(const char *w, size_t len, const char *suf)
{
	size_t	 n = strlen(suf);

	return len >= n && memcmp(w + len - n, suf, n) == 0;
}

static int
is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' ||
	    c == 'y';
}

/* Drops a final -e after a consonant from a word of four letters or more. */
static size_t
stem_en_e(char *w, size_t n)
{
	if (n > 3 && w[n - 1] == 'e' && !is_vowel(w[n - 2]))
		return n - 1;
	return n;
}

/*
 * English, after Harman's S-stemmer (plural -ies, -es, -s) with the
 * "-ing" and "-ed" endings of Porter's step 1b: a stem keeps a vowel and
 * a doubled final consonant is undone ("running" to "run").  A final
 * silent -e goes too, so "vote", "votes", "voted" and "voting" meet
 * (where Porter would put the e back).
 */
static size_t
stem_en(char *w, size_t n)
{
	size_t	 i, m = 0;
	int	 vowel = 0;

	if (n > 4 && ends(w, n, "ies") && !ends(w, n, "eies") &&
	    !ends(w, n, "aies")) {
		w[n - 3] = 'y';
		return n - 2;
	}
	if (n > 3 && ends(w, n, "sses"))
		return n - 2;
	if (n > 4 && (ends(w, n, "shes") || ends(w, n, "ches") ||
	    ends(w, n, "xes") || ends(w, n, "zzes")))
		return n - 2;
	if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' &&
	    w[n - 2] != 'i')
		return stem_en_e(w, n - 1);
	if (n > 5 && ends(w, n, "ing"))
		m = n - 3;
	else if (n > 4 && ends(w, n, "ed") && !ends(w, n, "eed"))
		m = n - 2;
	if (m == 0)
		return stem_en_e(w, n);
	for (i = 0; i < m; i++)
		vowel |= is_vowel(w[i]);
	if (!vowel)
		return stem_en_e(w, n);
	if (m > 2 && w[m - 1] == w[m - 2] && !is_vowel(w[m - 1]) &&
	    w[m - 1] != 'l' && w[m - 1] != 's' && w[m - 1] != 'z')
		m--;
	return m;
}

/*
 * Dutch, after the Snowball Dutch stemmer's plural and -e steps: -heden
 * to -heid, then -en or -s after a consonant (and -'s is split off by the
 * tokeniser), then a final -e, and a doubled final consonant is undone
 * ("mannen", "man").
 */
static size_t
stem_nl(char *w, size_t n)
{
	if (n > 6 && ends(w, n, "heden")) {
		memcpy(w + n - 5, "heid", 4);
		return n - 1;
	}
	if (n > 4 && ends(w, n, "en") && !is_vowel(w[n - 3]))
		n -= 2;
	else if (n > 4 && w[n - 1] == 's' && !is_vowel(w[n - 2]) &&
	    w[n - 2] != 'j' && w[n - 2] != 's')
		n -= 1;
	else if (n > 3 && w[n - 1] == 'e' && !is_vowel(w[n - 2]))
		n -= 1;
	if (n > 3 && w[n - 1] == w[n - 2] && !is_vowel(w[n - 1]))
		n--;
	return n;
}

/*
 * German, after Savoy's light German stemmer and the Snowball German
 * first step: -ern, -em, -en, -er, -es, -e, then -s after a letter that
 * can end a word before a plural or genitive s.
 */
static size_t
stem_de(char *w, size_t n)
{
	if (n > 5 && ends(w, n, "ern"))
		return n - 3;
	if (n > 4 && (ends(w, n, "em") || ends(w, n, "en") ||
	    ends(w, n, "er") || ends(w, n, "es")))
		return n - 2;
	if (n > 3 && w[n - 1] == 'e')
		return n - 1;
	if (n > 3 && w[n - 1] == 's' && strchr("bdfghklmnrt", w[n - 2]))
		return n - 1;
	return n;
}

/*
 * French, after Savoy's light French stemmer: -aux to -al, plural -s and
 * -x, then the feminine -e and the -er, -ee, -ie endings.
 */
static size_t
stem_fr(char *w, size_t n)
{
	if (n > 4 && ends(w, n, "aux")) {
		w[n - 2] = 'l';
		return n - 1;
	}
	if (n > 3 && (w[n - 1] == 's' || w[n - 1] == 'x'))
		n--;
	if (n > 4 && (ends(w, n, "ee") || ends(w, n, "ie") ||
	    ends(w, n, "er")))
		n -= 2;
	else if (n > 3 && w[n - 1] == 'e')
		n--;
	if (n > 3 && w[n - 1] == w[n - 2] && !is_vowel(w[n - 1]))
		n--;
	return n;
}

/*
 * Spanish, after Savoy's light Spanish stemmer: plural -es and -s, then
 * the final vowel -a, -o, -e (gender) is taken off.
 */
static size_t
stem_es(char *w, size_t n)
{
	if (n > 4 && ends(w, n, "ces")) {	/* luces, luz */
		w[n - 3] = 'z';
		return n - 2;
	}
	if (n > 3 && w[n - 1] == 's')
		n--;
	if (n > 3 && (w[n - 1] == 'a' || w[n - 1] == 'o' || w[n - 1] == 'e'))
		n--;
	return n;
}

/*
 * Portuguese, after the plural step of Orengo and Huyck's RSLP stemmer
 * as Savoy's light stemmer uses it: -oes, -aes to -ao, -ais to -al,
 * -eis to -el, -ois to -ol, -ns to -m, -res and -zes lose -es, -s goes;
 * then the final vowel -a, -o, -e (gender) is taken off.
 */
static size_t
stem_pt(char *w, size_t n)
{
	if (n > 4 && (ends(w, n, "oes") || ends(w, n, "aes"))) {
		w[n - 3] = 'a';
		w[n - 2] = 'o';
		n--;
	} else if (n > 4 && (ends(w, n, "ais") || ends(w, n, "eis") ||
	    ends(w, n, "ois"))) {
		w[n - 2] = 'l';
		n--;
	} else if (n > 3 && ends(w, n, "ns")) {
		w[n - 2] = 'm';
		n--;
	} else if (n > 4 && (ends(w, n, "res") || ends(w, n, "zes") ||
	    ends(w, n, "ses")))
		n -= 2;
	else if (n > 3 && w[n - 1] == 's')
		n--;
	if (n > 3 && (w[n - 1] == 'a' || w[n - 1] == 'o' || w[n - 1] == 'e'))
		n--;
	return n;
}

size_t
stem_word(enum stem_lang lang, char *w, size_t n)
{
	static size_t	(*const stemmers[STEM_NLANGS])(char *, size_t) = {
		stem_en, stem_nl, stem_de, stem_fr, stem_es, stem_pt
	};
	const uint64_t	 high = 0x8080808080808080ULL;
	const uint64_t	 ones = 0x0101010101010101ULL;
	uint64_t	 x;
	size_t		 i;

	/*
	 * Numbers and other scripts stay as they are: a byte of 0x80 and
	 * above, or a digit, 8 bytes at a time (a byte below 0x80 plus
	 * 0x50 sets its top bit from '0' up, plus 0x46 from ':' up, and
	 * neither carries into the next byte).
	 */
	for (i = 0; i < n; i += 8) {
		memcpy(&x, w + i, 8);
		if (n - i < 8)
			x &= FIRST_BYTES(n - i);	/* 0: neither */
		if ((x & high) != 0 || ((x + 0x50 * ones) & ~(x + 0x46 * ones) &
		    high) != 0)
			return n;
	}
	if (lang < STEM_NLANGS)
		n = stemmers[lang](w, n);
	w[n] = '\0';
	return n;
}

struct detect {
	size_t	 hits[STEM_NLANGS];
	size_t	 words;
};

static void
detect_word(void *ud, const char *w, size_t len, uint64_t hash)
{
	struct detect	*d = ud;
	size_t		 l;

	if (d->words >= 400)
		return;
	d->words++;
	for (l = 0; l < STEM_NLANGS; l++)
		d->hits[l] += stem_is_stop((enum stem_lang)l, w, len, hash);
}

enum stem_lang
stem_detect(const char *s, size_t len, int html)
{
	struct detect	 d;
	size_t		 l, best = STEM_UNKNOWN;

	memset(&d, 0, sizeof d);
	stem_words(s, len, html, detect_word, &d);
	for (l = 0; l < STEM_NLANGS; l++)
		if (d.hits[l] > 0 && (best == STEM_UNKNOWN ||
		    d.hits[l] > d.hits[best]))
			best = l;
	return (enum stem_lang)best;
}
