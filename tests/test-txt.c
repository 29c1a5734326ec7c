/* test-txt: UTF-8 decoding, the sanitiser and display widths. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "txt.h"

static const struct {
	const char	*in;
	size_t		 len;		/* 0: strlen(in) */
	int		 flags;
	const char	*want;
} cases[] = {
	{ "plain", 0, TXT_ONELINE, "plain" },
	{ "  spaced \t out \n ", 0, TXT_ONELINE, "spaced out" },
	{ "a\r\nb\rc\n", 0, 0, "a\nb\nc\n" },
	{ "a\r\nb", 0, TXT_ONELINE, "a b" },
	{ "tab\there", 0, 0, "tab\there" },
	{ "\x1b[31mred\x1b[0m", 0, TXT_ONELINE, "[31mred[0m" },
	{ "bell\a nul", 0, TXT_ONELINE, "bell nul" },
	{ "nul\0inside", 10, 0, "nulinside" },
	{ "del\x7f" "x", 0, 0, "delx" },
	{ "c1 \xc2\x9b" "31m", 0, 0, "c1 31m" },
	{ "caf\xc3\xa9", 0, 0, "caf\xc3\xa9" },
	{ "bad \xff" " byte", 0, 0, "bad \xef\xbf\xbd byte" },
	{ "cut \xc3", 0, 0, "cut \xef\xbf\xbd" },
	{ "overlong \xc0\xaf" "", 0, 0,
	    "overlong \xef\xbf\xbd\xef\xbf\xbd" },
	{ "surrogate \xed\xa0\x80", 0, 0,
	    "surrogate \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
	{ "bidi \xe2\x80\xae" "evil\xe2\x80\xac", 0, 0, "bidi evil" },
	{ "isolate \xe2\x81\xa6x\xe2\x81\xa9", 0, 0, "isolate x" },
	{ "nbsp\xc2\xa0stays", 0, TXT_ONELINE, "nbsp\xc2\xa0stays" },
	{ "\xf0\x9f\x93\xb0 emoji", 0, 0, "\xf0\x9f\x93\xb0 emoji" },
	{ "\n\n  trim me  \n", 0, TXT_TRIM, "trim me" },
	{ "", 0, TXT_ONELINE, "" },
	{ " \t\n", 0, TXT_ONELINE, "" },
};

/* Display widths: wcwidth under a UTF-8 LC_CTYPE. */
static const struct {
	const char	*in;
	size_t		 width;
} widths[] = {
	{ "", 0 },
	{ "plain", 5 },
	{ "caf\xc3\xa9", 4 },				/* precomposed é */
	{ "cafe\xcc\x81", 4 },			/* e + U+0301 */
	{ "\xe6\x97\xa5\xe6\x9c\xac", 4 },		/* 日本 */
	{ "\xed\x95\x9c\xea\xb8\x80", 4 },		/* 한글 */
	{ "\xef\xbc\xa1", 2 },				/* fullwidth A */
	{ "\xf0\x9f\x93\xb0", 2 },			/* 📰 */
	{ "\xe2\x9d\xa4\xef\xb8\x8f", 1 },		/* ❤ + VS16 */
	{ "a\xe2\x80\x8d" "b", 2 },			/* ZWJ */
	{ "\xe2\x80\x8b", 0 },				/* zero width space */
	{ "\xc2\xa0", 1 },				/* no-break space */
	{ "\xe2\x80\xa6", 1 },				/* … */
	{ "\xf3\xb0\x80\x80", 1 },			/* private use */
	{ "\xff", 1 },					/* invalid: U+FFFD */
};

/* txt_fit(in, width): bytes kept and columns used. */
static const struct {
	const char	*in;
	size_t		 width;
	size_t		 bytes;
	size_t		 used;
} fits[] = {
	{ "hello", 3, 3, 3 },
	{ "hello", 9, 5, 5 },
	{ "hello", 0, 0, 0 },
	{ "\xe6\x97\xa5\xe6\x9c\xac", 3, 3, 2 },	/* half a 本: no */
	{ "\xe6\x97\xa5\xe6\x9c\xac", 1, 0, 0 },
	{ "e\xcc\x81\xcc\xa3x", 1, 5, 1 },		/* marks stay on e */
	{ "ab\xcc\x81", 1, 1, 1 },			/* b not split off */
	{ "\xcc\x81" "a", 0, 2, 0 },			/* stray mark fits */
	{ "\xf0\x9f\x93\xb0x", 2, 4, 2 },
	{ "\xf0\x9f\x93\xb0x", 1, 0, 0 },
};

/* txt_trunc(in, width, pad, ascii_only). */
static const struct {
	const char	*in;
	size_t		 width;
	int		 pad;
	int		 ascii;
	const char	*want;
} truncs[] = {
	{ "short", 8, 0, 0, "short" },
	{ "short", 8, 1, 0, "short   " },
	{ "short", 5, 1, 0, "short" },
	{ "shorter", 5, 0, 0, "shor\xe2\x80\xa6" },
	{ "shorter", 5, 1, 1, "shor." },
	{ "shorter", 1, 0, 0, "\xe2\x80\xa6" },
	{ "shorter", 0, 1, 0, "" },
	/* 日本語: 6 columns into 4 leaves 日 + … and one pad column. */
	{ "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 4, 1, 0,
	    "\xe6\x97\xa5\xe2\x80\xa6 " },
	{ "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 4, 0, 0,
	    "\xe6\x97\xa5\xe2\x80\xa6" },
	{ "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 6, 1, 0,
	    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e" },
	/* e + acute fits exactly: the mark is not cut off. */
	{ "cafe\xcc\x81", 4, 1, 0, "cafe\xcc\x81" },
	{ "cafe\xcc\x81s", 4, 0, 0, "caf\xe2\x80\xa6" },
	{ "cafe\xcc\x81s", 5, 0, 0, "cafe\xcc\x81s" },
	{ "\xf0\x9f\x93\xb0\xf0\x9f\x93\xb0", 3, 1, 0,
	    "\xf0\x9f\x93\xb0\xe2\x80\xa6" },
	{ "\xf0\x9f\x93\xb0\xf0\x9f\x93\xb0", 2, 1, 0,
	    "\xe2\x80\xa6 " },
};

int
main(void)
{
	size_t		 i, n, used;
	uint32_t	 cp;
	char		*s, enc[4];

	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) {
		fprintf(stderr, "test-txt: no C.UTF-8 locale\n");
		return 1;
	}

	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		n = cases[i].len != 0 ? cases[i].len : strlen(cases[i].in);
		s = txt_sanitize(cases[i].in, n, cases[i].flags);
		CHECK_STR(s, cases[i].want, cases[i].in);
		free(s);
	}

	CHECK(txt_utf8_decode("\xe2\x82\xac", 3, &cp) == 3 && cp == 0x20AC,
	    "euro sign");
	CHECK(txt_utf8_decode("\xe2\x82", 2, &cp) == 1 &&
	    cp == TXT_REPLACEMENT, "truncated sequence");
	CHECK(txt_utf8_decode("\xf4\x90\x80\x80", 4, &cp) == 1 &&
	    cp == TXT_REPLACEMENT, "above U+10FFFF");
	CHECK(txt_utf8_encode(0x1F4F0, enc) == 4 &&
	    memcmp(enc, "\xf0\x9f\x93\xb0", 4) == 0, "encode 4 bytes");
	CHECK(txt_is_unsafe(0x1B) && txt_is_unsafe(0x9B) &&
	    txt_is_unsafe(0x202E) && !txt_is_unsafe('a') &&
	    !txt_is_unsafe(0xA0), "unsafe code points");

	for (i = 0; i < sizeof widths / sizeof *widths; i++) {
		n = txt_width(widths[i].in, strlen(widths[i].in));
		CHECK(n == widths[i].width, "width of \"%s\": %zu, want %zu",
		    widths[i].in, n, widths[i].width);
	}
	for (i = 0; i < sizeof fits / sizeof *fits; i++) {
		n = txt_fit(fits[i].in, strlen(fits[i].in), fits[i].width,
		    &used);
		CHECK(n == fits[i].bytes && used == fits[i].used,
		    "fit \"%s\" in %zu: %zu bytes %zu columns, want %zu %zu",
		    fits[i].in, fits[i].width, n, used, fits[i].bytes,
		    fits[i].used);
	}
	for (i = 0; i < sizeof truncs / sizeof *truncs; i++) {
		s = txt_trunc(truncs[i].in, truncs[i].width, truncs[i].pad,
		    truncs[i].ascii);
		CHECK_STR(s, truncs[i].want, truncs[i].in);
		CHECK(txt_width(s, strlen(s)) == (truncs[i].pad ?
		    truncs[i].width : txt_width(truncs[i].want,
		    strlen(truncs[i].want))), "trunc width of \"%s\"", s);
		free(s);
	}
	CHECK(txt_cp_width(0x301) == 0 && txt_cp_width(0x200D) == 0 &&
	    txt_cp_width(0xFE0F) == 0 && txt_cp_width(0x4E00) == 2 &&
	    txt_cp_width(0x1F600) == 2 && txt_cp_width('a') == 1 &&
	    txt_cp_width(0x1B) == 0 && txt_cp_width(0x9B) == 0,
	    "code point widths");
	return test_exit("test-txt");
}
