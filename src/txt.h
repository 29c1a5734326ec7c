/*
 * Text: UTF-8 decoding and encoding, and txt_sanitize, the one filter every
 * byte from a feed, web page or OPML file passes before it is kept or shown.
 */
#ifndef TIDINGS_TXT_H
#define TIDINGS_TXT_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define TXT_REPLACEMENT	0xFFFDu

/* Flags for txt_sanitize. */
#define TXT_ONELINE	0x1	/* whitespace runs to one space, trimmed */
#define TXT_TRIM	0x2	/* multi-line: trim blank space at both ends */

/*
 * Decodes one UTF-8 sequence at s (len > 0 bytes available) into *cp and
 * returns its length.  An invalid, overlong, surrogate or truncated
 * sequence gives U+FFFD and length 1.
 */
size_t	 txt_utf8_decode(const char *, size_t, uint32_t *);
/* Encodes cp (a valid scalar value) into out; returns 1 to 4. */
size_t	 txt_utf8_encode(uint32_t, char *);
/* Appends cp to b as UTF-8; returns buf_add's result. */
int	 txt_add_codepoint(struct buf *, uint32_t);
/*
 * Returns an allocated copy of s[0..len) that is valid UTF-8 with no NUL,
 * no C0 or C1 control (but tab and newline when not TXT_ONELINE), no DEL,
 * no ESC and no bidirectional override, embedding or isolate.  Invalid
 * bytes become U+FFFD; CR and CRLF become LF.
 */
char	*txt_sanitize(const char *, size_t, int);
/* Whether txt_sanitize(s, len, flags) would return s unchanged. */
int	 txt_is_clean(const char *, size_t, int);
/*
 * Appends s escaped for XML or HTML text and attribute values: markup
 * characters and line breaks as references; other control characters,
 * invalid UTF-8 and the non-characters XML forbids as U+FFFD.
 */
void	 txt_add_xml(struct buf *, const char *);
/* Whether a code point is dropped by txt_sanitize. */
int	 txt_is_unsafe(uint32_t);
/*
 * Display width of one code point in columns: 0 for combining marks and
 * zero-width characters (ZWJ, variation selectors), 2 for wide (CJK, most
 * emoji), else 1.  It asks wcwidth(), as curses does, so the two agree;
 * that needs a UTF-8 LC_CTYPE.  A printable code point wcwidth does not
 * know counts 1; a control counts 0.
 */
int	 txt_cp_width(uint32_t);
/* Display width of s[0..len) (UTF-8). */
size_t	 txt_width(const char *, size_t);
/*
 * The length in bytes of the longest prefix of s[0..len) that fits in
 * width columns, never splitting a character or separating it from the
 * combining marks that follow it; its width goes to *used (may be NULL).
 */
size_t	 txt_fit(const char *, size_t, size_t, size_t *);
/*
 * txt_trunc(s, width, pad, ascii_only): s shortened to at most width
 * columns, ending in "…" when shortened (or "." when ascii_only), then
 * padded with spaces to exactly width columns when pad.  Allocated.
 */
char	*txt_trunc(const char *, size_t, int, int);

#endif
