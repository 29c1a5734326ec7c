/*
 * Text processing for the stories engine in the six languages tidings
 * speaks (nl, en, de, fr, es, pt): lower-casing and accent folding, words
 * from plain text or HTML, stop words, light suffix-stripping stemmers and
 * language detection from stop-word frequencies.  Words come out folded:
 * lower case, accents removed, ligatures and sharp s spelled out, so
 * "Élysée" and "elysee" are one word.
 */
#ifndef TIDINGS_STEM_H
#define TIDINGS_STEM_H

#include <stddef.h>
#include <stdint.h>

enum stem_lang {
	STEM_EN,
	STEM_NL,
	STEM_DE,
	STEM_FR,
	STEM_ES,
	STEM_PT,
	STEM_NLANGS,
	STEM_UNKNOWN = STEM_NLANGS	/* no stop words, no stemming */
};

/* The longest word kept, in bytes; longer runs of letters are cut. */
#define STEM_WORD_MAX	64

/*
 * The language of a code such as "en", "en-US", "pt_BR" or "DE", or
 * STEM_UNKNOWN for NULL, "" and any other language.
 */
enum stem_lang	 stem_lang_code(const char *);
/* "en", "nl", ...; "" for STEM_UNKNOWN. */
const char	*stem_lang_name(enum stem_lang);
/*
 * Writes the folded form of cp (lower case, no accent) to out, at most
 * 3 code points, and returns how many: 0 for a combining mark (dropped),
 * 1 usually, 2 or 3 for ligatures and sharp s ("ß" to "ss").
 */
size_t		 stem_fold_cp(uint32_t, uint32_t *);
/* Whether cp is a letter or digit that words are made of. */
int		 stem_is_word_cp(uint32_t);
/*
 * Calls fn for each word of s[0..len), folded to UTF-8, in order, with
 * its stem_word_hash (made by the tokeniser, so that a caller that looks
 * words up needs not read them again).  When html is set, tags (and
 * script and style elements) are skipped and character references
 * decoded.  Apostrophes and hyphens split words.  Returns the number of
 * words.
 */
typedef void	 stem_word_fn(void *, const char *, size_t, uint64_t);
size_t		 stem_words(const char *, size_t, int, stem_word_fn *,
		    void *);
/* A 64-bit hash of a folded word's bytes (at most STEM_WORD_MAX). */
uint64_t	 stem_word_hash(const char *, size_t);
/*
 * The same hash of w[0..len), of any length, without a copy: w must be
 * readable up to the next multiple of 8 past len (those bytes do not
 * count).
 */
uint64_t	 stem_hash(const char *, size_t);
/*
 * Whether s[0..len) looks like HTML (has a tag or a character
 * reference).
 */
int		 stem_looks_html(const char *, size_t);
/*
 * Whether a folded word is a stop word of lang, given its stem_word_hash
 * (as stem_words gives it).
 */
int		 stem_is_stop(enum stem_lang, const char *, size_t, uint64_t);
/*
 * Stems the folded word w of length len in place for lang and returns
 * its new length (never 0 when len > 0).  w must be readable up to the
 * next multiple of 8 past len, and have room for a NUL at w[len].
 */
size_t		 stem_word(enum stem_lang, char *, size_t);
/*
 * The language of a plain-text or HTML text from its stop words, or
 * STEM_UNKNOWN when it has none of any language.
 */
enum stem_lang	 stem_detect(const char *, size_t, int);

#endif
