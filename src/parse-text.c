/*
 * parse-text.c owns the reading of HTML as plain text: HTML-typed one-line
 * fields (titles of type html or xhtml), and the visible text and link
 * targets of an article that revision.c compares.  Tags are dropped
 * (script and style with their content), entities and character
 * references decoded with HTML's rules for numeric references.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "buf.h"
#include "parse.h"
#include "txt.h"

/* What a scan collects. */
struct scan {
	struct buf	*out;
	struct buf	*links;		/* href and src values, or NULL */
	char		 edge;		/* what a block edge leaves */
};

static const char	*skip_tag(struct scan *, const char *, const char *);
static const char	*skip_content(const char *, const char *, const char *,
			    size_t);
static const char	*tag_attrs(struct scan *, const char *, const char *);
static const char	*decode_ref(const char *, const char *, struct buf *);
static uint32_t		 numeric_ref(uint32_t);
static void		 scan(struct scan *, const char *, size_t);

/* HTML maps numeric references 0x80-0x9F through windows-1252. */
static const uint16_t cp1252[32] = {
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178
};

static uint32_t
numeric_ref(uint32_t c)
{
	if (c >= 0x80 && c <= 0x9F)
		return cp1252[c - 0x80];
	if (c == 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return TXT_REPLACEMENT;
	return c;
}

/* Skips to just past "</name>" (any case), or to the end. */
static const char *
skip_content(const char *s, const char *end, const char *name, size_t n)
{
	for (; end - s >= (long)n + 2; s++)
		if (s[0] == '<' && s[1] == '/' &&
		    strncasecmp(s + 2, name, n) == 0) {
			s = memchr(s, '>', (size_t)(end - s));
			return s != NULL ? s + 1 : end;
		}
	return end;
}

#define IS_BLANK(c)	((c) == ' ' || (c) == '\t' || (c) == '\n' || \
			    (c) == '\r' || (c) == '\f')

/*
 * Reads the attributes of a tag, s just past its name, as HTML does: a
 * quote opens a value only right after '=', so a stray quote inside an
 * unquoted value is part of it.  The values of href and src, decoded, go
 * to sc->links a line each.  Returns the tag's '>', or end.
 */
static const char *
tag_attrs(struct scan *sc, const char *s, const char *end)
{
	const char	*name, *val, *amp;
	size_t		 n, vn;
	char		 q;

	for (;;) {
		while (s < end && (IS_BLANK(*s) || *s == '/'))
			s++;
		if (s == end || *s == '>')
			return s;
		name = s++;
		while (s < end && !IS_BLANK(*s) && *s != '/' && *s != '>' &&
		    *s != '=')
			s++;
		n = (size_t)(s - name);
		while (s < end && IS_BLANK(*s))
			s++;
		if (s == end || *s != '=')
			continue;
		for (s++; s < end && IS_BLANK(*s); s++)
			;
		if (s < end && (*s == '"' || *s == '\'')) {
			q = *s++;
			for (val = s; s < end && *s != q; s++)
				;
			vn = (size_t)(s - val);
			if (s < end)
				s++;
		} else {
			for (val = s; s < end && !IS_BLANK(*s) && *s != '>';
			    s++)
				;
			vn = (size_t)(s - val);
		}
		if (sc->links == NULL ||
		    !((n == 4 && strncasecmp(name, "href", 4) == 0) ||
		    (n == 3 && strncasecmp(name, "src", 3) == 0)))
			continue;
		while (vn > 0 && IS_BLANK(*val))
			val++, vn--;
		while (vn > 0 && IS_BLANK(val[vn - 1]))
			vn--;
		while (vn > 0) {
			if ((amp = memchr(val, '&', vn)) == NULL) {
				buf_add(sc->links, val, vn);
				break;
			}
			buf_add(sc->links, val, (size_t)(amp - val));
			vn -= (size_t)(amp - val);
			val = decode_ref(amp, amp + vn, sc->links);
			vn -= (size_t)(val - amp);
		}
		buf_addc(sc->links, '\n');
	}
}

/*
 * Skips a tag or comment starting at s ('<'): block tags leave sc->edge,
 * script and style go with their content, attributes are read for links.
 * A '>' inside a quoted attribute value does not end the tag.
 */
static const char *
skip_tag(struct scan *sc, const char *s, const char *end)
{
	static const char *const blocks[] = {
		"address", "article", "aside", "blockquote", "br", "dd",
		"div", "dl", "dt", "figcaption", "figure", "footer", "h1",
		"h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
		"ol", "p", "pre", "section", "table", "td", "th", "tr", "ul"
	};
	static const char *const drops[] = { "script", "style" };
	const char	*name, *p;
	size_t		 i, n;
	int		 closing;

	if (end - s >= 4 && strncmp(s, "<!--", 4) == 0) {
		for (p = s + 4; end - p >= 3; p++)
			if (strncmp(p, "-->", 3) == 0)
				return p + 3;
		return end;
	}
	closing = s + 1 < end && s[1] == '/';
	name = s + 1 + closing;
	for (n = 0; name + n < end && (((name[n] | 0x20) >= 'a' &&
	    (name[n] | 0x20) <= 'z') || (n > 0 && name[n] >= '0' &&
	    name[n] <= '9')); n++)
		;
	if (closing || n == 0) {
		p = memchr(name, '>', (size_t)(end - name));
		if (p == NULL)
			p = end;
	} else
		p = tag_attrs(sc, name + n, end);
	for (i = 0; i < sizeof blocks / sizeof *blocks; i++)
		if (strlen(blocks[i]) == n && strncasecmp(name, blocks[i], n) ==
		    0)
			buf_addc(sc->out, sc->edge);
	if (p == end)
		return end;
	for (i = 0; !closing && i < sizeof drops / sizeof *drops; i++)
		if (strlen(drops[i]) == n && strncasecmp(name, drops[i], n) ==
		    0)
			return skip_content(p + 1, end, drops[i], n);
	return p + 1;
}

/* Decodes a reference at s ('&'); returns where reading goes on. */
static const char *
decode_ref(const char *s, const char *end, struct buf *out)
{
	const htmlEntityDesc	*h;
	const char		*p = s + 1;
	char			 name[40];
	uint32_t		 c = 0;
	size_t			 n;
	int			 digits = 0;

	if (p < end && *p == '#') {
		p++;
		if (p < end && (*p == 'x' || *p == 'X')) {
			for (p++; p < end && strchr("0123456789abcdefABCDEF",
			    *p) != NULL && *p != '\0'; p++, digits++)
				if (c <= 0x10FFFF)
					c = c * 16 + (uint32_t)(*p <= '9' ?
					    *p - '0' : (*p | 0x20) - 'a' + 10);
		} else {
			for (; p < end && *p >= '0' && *p <= '9'; p++, digits++)
				if (c <= 0x10FFFF)
					c = c * 10 + (uint32_t)(*p - '0');
		}
		if (digits == 0) {
			buf_addc(out, '&');
			return s + 1;
		}
		if (p < end && *p == ';')
			p++;
		txt_add_codepoint(out, numeric_ref(c));
		return p;
	}
	for (n = 0; p + n < end && n < sizeof name - 1 &&
	    (((p[n] | 0x20) >= 'a' && (p[n] | 0x20) <= 'z') ||
	    (p[n] >= '0' && p[n] <= '9')); n++)
		name[n] = p[n];
	name[n] = '\0';
	if (n > 0 && p + n < end && p[n] == ';' &&
	    (h = htmlEntityLookup((const xmlChar *)name)) != NULL) {
		txt_add_codepoint(out, h->value);
		return p + n + 1;
	}
	buf_addc(out, '&');
	return s + 1;
}

static void
scan(struct scan *sc, const char *s, size_t len)
{
	const char	*end = s + len, *run;

	while (s < end) {
		for (run = s; s < end && *s != '<' && *s != '&'; s++)
			;
		buf_add(sc->out, run, (size_t)(s - run));
		if (s == end)
			break;
		if (*s == '&')
			s = decode_ref(s, end, sc->out);
		else if (s + 1 < end && (((s[1] | 0x20) >= 'a' &&
		    (s[1] | 0x20) <= 'z') || s[1] == '/' || s[1] == '!' ||
		    s[1] == '?'))
			s = skip_tag(sc, s, end);
		else
			buf_addc(sc->out, *s++);
	}
}

char *
parse_html_to_text(const char *s, size_t len)
{
	struct buf	 out;
	struct scan	 sc;

	buf_init(&out, BUF_NOLIMIT);
	sc.out = &out;
	sc.links = NULL;
	sc.edge = ' ';
	scan(&sc, s, len);
	return buf_detach(&out);
}

void
parse_html_scan(const char *s, size_t len, struct buf *text,
    struct buf *links)
{
	struct scan	 sc;
	struct buf	 none;

	buf_init(&none, BUF_NOLIMIT);
	sc.out = text != NULL ? text : &none;
	sc.links = links;
	sc.edge = '\n';
	scan(&sc, s, len);
	buf_free(&none);
}
