/*
 * txt.c owns UTF-8 handling, the sanitiser and display widths.  Nothing
 * else in tidings decides which characters are safe to keep or show, or
 * how many columns they take.
 */
#include "config.h"

#include <string.h>
#include <wchar.h>

#include "buf.h"
#include "txt.h"
#include "xmalloc.h"

size_t
txt_utf8_decode(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char	*s = (const unsigned char *)str;
	uint32_t		 c, min;
	size_t			 n, i;

	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
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
		goto bad;
	if (len < n)
		goto bad;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			goto bad;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		goto bad;
	*cp = c;
	return n;
bad:
	*cp = TXT_REPLACEMENT;
	return 1;
}

size_t
txt_utf8_encode(uint32_t c, char *out)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

int
txt_add_codepoint(struct buf *b, uint32_t c)
{
	char	 tmp[4];

	if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		c = TXT_REPLACEMENT;
	return buf_add(b, tmp, txt_utf8_encode(c, tmp));
}

int
txt_is_unsafe(uint32_t c)
{
	if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F))
		return 1;
	/* Bidi embeddings and overrides, and isolates: they reorder text. */
	if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
		return 1;
	return 0;
}

int
txt_is_clean(const char *str, size_t len, int flags)
{
	const unsigned char	*p = (const unsigned char *)str;
	const unsigned char	*end = p + len;
	uint32_t		 c;
	size_t			 n;
	int			 oneline = flags & TXT_ONELINE;

	if ((flags & (TXT_ONELINE | TXT_TRIM)) && len > 0 &&
	    (strchr(" \t\r\n", p[0]) || strchr(" \t\r\n", end[-1])))
		return 0;
	while (p < end) {
		/*
		 * Printable ASCII is the bulk of any feed: multi-line text
		 * skips it eight bytes at a time (no byte below 0x20, none
		 * above 0x7E), one-line text a byte at a time for the spaces.
		 */
		if (!oneline) {
			uint64_t	 w;

			while (end - p >= 8) {
				memcpy(&w, p, 8);
				if ((((w - 0x2020202020202020ULL) & ~w) |
				    (w + 0x0101010101010101ULL) | w) &
				    0x8080808080808080ULL)
					break;
				p += 8;
			}
			if (p == end)
				break;
		}
		if (*p >= 0x20 && *p < 0x7F) {
			if (oneline && *p == ' ' && p + 1 < end && p[1] == ' ')
				return 0;
			p++;
			continue;
		}
		if (*p < 0x80) {
			if (!oneline && (*p == '\n' || *p == '\t')) {
				p++;
				continue;
			}
			return 0;
		}
		n = txt_utf8_decode((const char *)p, (size_t)(end - p), &c);
		if (n == 1 || txt_is_unsafe(c))	/* invalid, or a control */
			return 0;
		p += n;
	}
	return 1;
}

char *
txt_sanitize(const char *s, size_t len, int flags)
{
	struct buf	 b;
	uint32_t	 c;
	size_t		 i, n, keep;
	int		 oneline = flags & TXT_ONELINE, space = 0;

	if (txt_is_clean(s, len, flags))
		return xstrndup(s, len);
	buf_init(&b, BUF_NOLIMIT);
	if (oneline) {
		while (len > 0 && strchr(" \t\r\n", s[0]) != NULL && s[0])
			s++, len--;
	}
	for (i = 0; i < len; i += n) {
		/* Plain printable ASCII is the common case: copy runs. */
		for (n = 0; i + n < len; n++) {
			unsigned char	 u = (unsigned char)s[i + n];

			if (u < 0x20 || u >= 0x7F || (oneline && u == ' '))
				break;
		}
		if (n > 0) {
			if (space)
				buf_addc(&b, ' ');
			space = 0;
			buf_add(&b, s + i, n);
			continue;
		}
		n = txt_utf8_decode(s + i, len - i, &c);
		if (c == '\r') {
			if (i + 1 < len && s[i + 1] == '\n')
				continue;
			c = '\n';
		}
		if (oneline && (c == ' ' || c == '\t' || c == '\n')) {
			space = 1;
			continue;
		}
		if (c != '\t' && c != '\n' && txt_is_unsafe(c))
			continue;
		if (space)
			buf_addc(&b, ' ');
		space = 0;
		txt_add_codepoint(&b, c);
	}
	if (flags & TXT_TRIM) {
		keep = buf_len(&b);
		while (keep > 0 && strchr(" \t\n", buf_str(&b)[keep - 1]))
			keep--;
		buf_truncate(&b, keep);
		n = strspn(buf_str(&b), " \t\n");
		if (n > 0) {
			char	*t = xstrdup(buf_str(&b) + n);

			buf_free(&b);
			return t;
		}
	}
	return buf_detach(&b);
}

int
txt_cp_width(uint32_t c)
{
	int	 w;

	if (c < 0x7F)
		return c >= 0x20 ? 1 : 0;
	/* ZWJ, variation selectors: glue for emoji sequences, no width. */
	if (c == 0x200D || (c >= 0xFE00 && c <= 0xFE0F) ||
	    (c >= 0xE0100 && c <= 0xE01EF))
		return 0;
	if (txt_is_unsafe(c))
		return 0;
	w = wcwidth((wchar_t)c);
	if (w < 0)
		return 1;
	return w > 2 ? 2 : w;
}

size_t
txt_width(const char *s, size_t len)
{
	uint32_t	 c;
	size_t		 i, n, w = 0;

	for (i = 0; i < len; i += n) {
		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F) {
			n = 1;
			w++;
			continue;
		}
		n = txt_utf8_decode(s + i, len - i, &c);
		w += (size_t)txt_cp_width(c);
	}
	return w;
}

size_t
txt_fit(const char *s, size_t len, size_t width, size_t *used)
{
	uint32_t	 c;
	size_t		 i, n, w = 0;
	int		 cw;

	/*
	 * A zero-width character always fits, so the combining marks after
	 * the last character taken come along, and a character that does not
	 * fit stops the scan before its marks.
	 */
	for (i = 0; i < len; i += n) {
		n = txt_utf8_decode(s + i, len - i, &c);
		cw = txt_cp_width(c);
		if (cw > 0 && w + (size_t)cw > width)
			break;
		w += (size_t)cw;
	}
	if (used != NULL)
		*used = w;
	return i;
}

char *
txt_trunc(const char *s, size_t width, int pad, int ascii_only)
{
	struct buf	 b;
	size_t		 len = strlen(s), n, used;

	buf_init(&b, BUF_NOLIMIT);
	n = txt_fit(s, len, width, &used);
	if (n < len && width > 0) {
		/* Shortened: make room for the one-column ellipsis. */
		n = txt_fit(s, len, width - 1, &used);
		buf_add(&b, s, n);
		buf_adds(&b, ascii_only ? "." : "\xe2\x80\xa6");
		used++;
	} else
		buf_add(&b, s, n);
	while (pad && used < width) {
		buf_addc(&b, ' ');
		used++;
	}
	return buf_detach(&b);
}

/*
 * Appends s escaped for an attribute value or text: markup characters
 * and line breaks as references; other control characters, invalid UTF-8
 * and the non-characters XML forbids as U+FFFD.
 */
void
txt_add_xml(struct buf *b, const char *s)
{
	size_t		 len = strlen(s), i, n;
	uint32_t	 c;

	for (i = 0; i < len; i += n) {
		n = txt_utf8_decode(s + i, len - i, &c);
		switch (c) {
		case '&':
			buf_adds(b, "&amp;");
			break;
		case '<':
			buf_adds(b, "&lt;");
			break;
		case '>':
			buf_adds(b, "&gt;");
			break;
		case '"':
			buf_adds(b, "&quot;");
			break;
		case '\t':
		case '\n':
		case '\r':
			buf_addf(b, "&#%u;", (unsigned)c);
			break;
		default:
			if (c < 0x20 || c == 0xFFFE || c == 0xFFFF)
				c = TXT_REPLACEMENT;
			txt_add_codepoint(b, c);
			break;
		}
	}
}
