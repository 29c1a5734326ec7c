/*
 * libFuzzer target for the feed parser (src/parse.c and the format
 * handlers).  Each input is parsed twice:
 *
 *   1. whole, with parse_memory();
 *   2. streamed, with parse_new()/parse_push()/parse_finish(), in chunks
 *      whose sizes come from a small PRNG seeded by the first input bytes
 *      and the input length, so that element, entity, UTF-8 sequence and
 *      encoding-declaration boundaries fall at many places.
 *
 * Both results must keep the model's promise (src/feed.h): every string is
 * valid, sanitised UTF-8 (no C0 control but tab and newline, none at all in
 * one-line fields; no DEL; no C1 control; no bidi override, embedding or
 * isolate, as txt_sanitize promises; no field far past the caps in
 * parse.h), and the two parses must agree on
 * whether there is a feed, on nitems and on wellformed.  A violation prints
 * what and where on stderr and aborts, which libFuzzer reports as a crash.
 * The agreement check covers every document read as UTF-8, valid or not
 * (see find_encoding_trouble); FUZZ_PARSE_AGREE=1 extends it to all
 * inputs, FUZZ_PARSE_AGREE=0 turns it off.
 *
 * Build: tests/fuzz/build.sh; run: tests/fuzz/run.sh.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "feed.h"
#include "parse.h"

#define FUZZ_NAME	"fuzz"
#define FUZZ_BASE	"http://example.com/feed/"
/* Streamed parses never use more chunks than this (keeps 1-byte chunking
   of big inputs from turning into a timeout of the harness's making). */
#define FUZZ_MAX_CHUNKS	8192

/*
 * Field lengths beyond which a cap in parse.h was evidently not applied:
 * the caps count bytes before sanitising (which can triple them: a bad
 * byte becomes U+FFFD) and links add a base, hence the slack.
 */
#define FUZZ_LINE_LIMIT	(8 * (size_t)PARSE_LINE_MAX)
#define FUZZ_TEXT_LIMIT	(3 * (size_t)PARSE_TEXT_MAX + FUZZ_LINE_LIMIT)

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *which;	/* "memory" or "stream", for messages */
static int	 check_agree = 2;	/* 0 never, 1 always, 2 UTF-8 input */

static void
fail(const char *field, size_t index, const char *s, size_t off,
    const char *why)
{
	size_t	 i, start = off > 16 ? off - 16 : 0;

	fprintf(stderr, "\nfuzz-parse: INVARIANT VIOLATED (%s parse): %s",
	    which, field);
	if (index != (size_t)-1)
		fprintf(stderr, "[%zu]", index);
	fprintf(stderr, ": %s", why);
	if (*s != '\0') {
		fprintf(stderr, " at byte %zu\n  near:", off);
		for (i = start; s[i] != '\0' && i < off + 16; i++)
			fprintf(stderr, " %02x", (unsigned char)s[i]);
	}
	fprintf(stderr, "\n");
	abort();
}

/*
 * Strict UTF-8 (RFC 3629: no overlongs, no surrogates, nothing past
 * U+10FFFF) without C0 controls (tab and newline allowed unless oneline),
 * DEL, C1 controls, or the bidi controls txt_sanitize removes.
 */
static void
check_str(const char *field, size_t index, const char *s, int oneline)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0, n, k;
	uint32_t		 c, min;

	if (s == NULL)
		return;
	while (u[i] != '\0') {
		c = u[i];
		if (c < 0x80) {
			if (c == 0x7F)
				fail(field, index, s, i, "DEL");
			if (c < 0x20) {
				if (oneline)
					fail(field, index, s, i,
					    "control character in a "
					    "one-line field");
				if (c != '\n' && c != '\t')
					fail(field, index, s, i,
					    "C0 control character");
			}
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			n = 2;
			c &= 0x1F;
			min = 0x80;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 3;
			c &= 0x0F;
			min = 0x800;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 4;
			c &= 0x07;
			min = 0x10000;
		} else
			fail(field, index, s, i, "invalid UTF-8 lead byte");
		for (k = 1; k < n; k++) {
			if ((u[i + k] & 0xC0) != 0x80)
				fail(field, index, s, i,
				    "truncated UTF-8 sequence");
			c = (c << 6) | (u[i + k] & 0x3F);
		}
		if (c < min)
			fail(field, index, s, i, "overlong UTF-8");
		if (c > 0x10FFFF)
			fail(field, index, s, i, "code point past U+10FFFF");
		if (c >= 0xD800 && c <= 0xDFFF)
			fail(field, index, s, i, "UTF-8 surrogate");
		if (c >= 0x80 && c <= 0x9F)
			fail(field, index, s, i, "C1 control character");
		if ((c >= 0x202A && c <= 0x202E) ||
		    (c >= 0x2066 && c <= 0x2069))
			fail(field, index, s, i, "bidi control character");
		i += n;
	}
	if (i > (oneline ? FUZZ_LINE_LIMIT : FUZZ_TEXT_LIMIT)) {
		fprintf(stderr, "\nfuzz-parse: %s is %zu bytes\n", field, i);
		fail(field, index, "", 0, oneline ? "longer than 8 x "
		    "PARSE_LINE_MAX" : "longer than 3 x PARSE_TEXT_MAX");
	}
}

static void
check_feed(const struct feed *f)
{
	const struct item	*it;
	size_t			 i, j;

	if (f->nitems > 0 && f->items == NULL)
		fail("feed.items", (size_t)-1, "", 0, "NULL with nitems > 0");
	if (f->nitems > f->itemcap)
		fail("feed.nitems", (size_t)-1, "", 0, "nitems > itemcap");
	if (f->wellformed != 0 && f->wellformed != 1)
		fail("feed.wellformed", (size_t)-1, "", 0, "not 0 or 1");

	check_str("feed.title", (size_t)-1, f->title, 1);
	check_str("feed.link", (size_t)-1, f->link, 1);
	check_str("feed.self", (size_t)-1, f->self, 1);
	check_str("feed.description", (size_t)-1, f->description, 0);
	check_str("feed.language", (size_t)-1, f->language, 1);
	check_str("feed.author", (size_t)-1, f->author, 1);

	for (i = 0; i < f->nitems; i++) {
		it = &f->items[i];
		check_str("item.id", i, it->id, 1);
		check_str("item.title", i, it->title, 1);
		check_str("item.link", i, it->link, 1);
		check_str("item.author", i, it->author, 1);
		check_str("item.summary", i, it->summary, 0);
		check_str("item.content", i, it->content, 0);
		check_str("item.comments", i, it->comments, 1);
		check_str("item.thumbnail", i, it->thumbnail, 1);
		if (it->ncategories > 0 && it->categories == NULL)
			fail("item.categories", i, "", 0,
			    "NULL with ncategories > 0");
		for (j = 0; j < it->ncategories; j++) {
			if (it->categories[j] == NULL)
				fail("item.categories[j]", i, "", 0, "NULL");
			check_str("item.category", i, it->categories[j], 1);
		}
		if (it->nenclosures > 0 && it->enclosures == NULL)
			fail("item.enclosures", i, "", 0,
			    "NULL with nenclosures > 0");
		for (j = 0; j < it->nenclosures; j++) {
			if (it->enclosures[j].url == NULL)
				fail("item.enclosure.url", i, "", 0, "NULL");
			check_str("item.enclosure.url", i,
			    it->enclosures[j].url, 1);
			check_str("item.enclosure.type", i,
			    it->enclosures[j].type, 1);
		}
	}
}

/*
 * Whether the input is read in an encoding other than UTF-8 (a NUL or a
 * 0xFE/0xFF lead suggests UTF-16 or UTF-32; or a declaration names another
 * encoding).  There libxml2 2.9's converters still handle a bad sequence
 * differently depending on how much of the input is buffered, so the two
 * parses may differ; UTF-8 documents are repaired before libxml2 sees them
 * (src/parse-input.c) and must always agree.
 */
static int
find_encoding_trouble(const unsigned char *s, size_t len)
{
	static const char	 decl[] = "encoding";
	size_t			 i, k, scan = len < 1024 ? len : 1024;

	if (len > 0 && s[0] >= 0xFE)
		return 1;
	if (memchr(s, '\0', len) != NULL)
		return 1;
	/* encoding = "x": anything but utf-8 (any case) counts. */
	for (i = 0; i + sizeof decl - 1 < scan; i++) {
		if (memcmp(s + i, decl, sizeof decl - 1) != 0)
			continue;
		for (k = i + sizeof decl - 1; k < scan && strchr(" \t\r\n=\"'",
		    s[k]) != NULL && s[k] != '\0'; k++)
			;
		if (scan - k < 5 || strncasecmp((const char *)s + k, "utf-8",
		    5) != 0)
			return 1;
	}
	return 0;
}

/* xorshift32; never seeded with 0. */
static uint32_t
next_rand(uint32_t *state)
{
	uint32_t	 x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *state = x;
}

/*
 * The streamed parse.  The first two bytes (still part of the document)
 * and the length pick a chunking scheme and seed it:
 *   0: one byte at a time;  1: 1..16 bytes;  2: 1..4096 bytes;
 *   3: a fixed size 1..64;  4: two pieces, split anywhere.
 */
static struct feed *
parse_streamed(const char *data, size_t size, char **cause, char **warning)
{
	struct parser	*p;
	struct feed	*f;
	uint32_t	 state, scheme, fixed, r;
	size_t		 off = 0, n, min;

	state = (uint32_t)(size > 0 ? (unsigned char)data[0] : 0) |
	    (uint32_t)(size > 1 ? (unsigned char)data[1] : 0) << 8;
	state = state * 2654435761u ^ (uint32_t)size * 40503u;
	if (state == 0)
		state = 0x9E3779B9u;
	scheme = next_rand(&state) % 5;
	fixed = next_rand(&state) % 64 + 1;
	min = size / FUZZ_MAX_CHUNKS + 1;

	p = parse_new(FUZZ_NAME, FUZZ_BASE, NULL);
	while (off < size) {
		r = next_rand(&state);
		switch (scheme) {
		case 0:
			n = 1;
			break;
		case 1:
			n = r % 16 + 1;
			break;
		case 2:
			n = r % 4096 + 1;
			break;
		case 3:
			n = fixed;
			break;
		default:
			n = off == 0 ? r % size + 1 : size - off;
			break;
		}
		if (n < min)
			n = min;
		if (n > size - off)
			n = size - off;
		if (parse_push(p, data + off, n) != 0)
			break;
		off += n;
	}
	f = parse_finish(p, cause, warning);
	parse_free(p);
	return f;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char	*v;

	(void)argc;
	(void)argv;
	if ((v = getenv("FUZZ_PARSE_AGREE")) != NULL) {
		if (strcmp(v, "0") == 0)
			check_agree = 0;
		else if (strcmp(v, "1") == 0)
			check_agree = 1;
	}
	parse_init();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct feed	*whole, *streamed;
	char		*cause = NULL, *warning = NULL;
	char		*scause = NULL, *swarning = NULL;
	const char	*doc = (const char *)data;

	which = "memory";
	whole = parse_memory(doc, size, FUZZ_NAME, FUZZ_BASE, &cause,
	    &warning);
	if (whole == NULL && cause == NULL)
		fail("parse_memory", (size_t)-1, "", 0,
		    "NULL feed without a cause");
	if (whole != NULL)
		check_feed(whole);
	if (cause != NULL)
		check_str("cause", (size_t)-1, cause, 1);
	if (warning != NULL)
		check_str("warning", (size_t)-1, warning, 1);

	which = "stream";
	streamed = parse_streamed(doc, size, &scause, &swarning);
	if (streamed == NULL && scause == NULL)
		fail("parse_finish", (size_t)-1, "", 0,
		    "NULL feed without a cause");
	if (streamed != NULL)
		check_feed(streamed);

	which = "memory vs stream";
	if (check_agree == 0 || (check_agree == 2 &&
	    find_encoding_trouble(data, size)))
		goto done;
	if ((whole == NULL) != (streamed == NULL)) {
		fprintf(stderr, "\nfuzz-parse: whole: %s; streamed: %s\n",
		    whole != NULL ? "feed" : cause,
		    streamed != NULL ? "feed" : scause);
		fail("result", (size_t)-1, "", 0,
		    "one parse gave a feed and the other did not");
	}
	if (whole != NULL && streamed != NULL) {
		if (whole->nitems != streamed->nitems) {
			fprintf(stderr, "\nfuzz-parse: nitems: whole %zu, "
			    "streamed %zu\n", whole->nitems, streamed->nitems);
			fail("nitems", (size_t)-1, "", 0, "parses disagree");
		}
		if (whole->wellformed != streamed->wellformed) {
			fprintf(stderr, "\nfuzz-parse: wellformed: whole %d "
			    "(%s), streamed %d (%s)\n", whole->wellformed,
			    warning != NULL ? warning : "-",
			    streamed->wellformed,
			    swarning != NULL ? swarning : "-");
			fail("wellformed", (size_t)-1, "", 0,
			    "parses disagree");
		}
	}
done:
	feed_free(whole);
	feed_free(streamed);
	free(cause);
	free(warning);
	free(scause);
	free(swarning);
	return 0;
}
