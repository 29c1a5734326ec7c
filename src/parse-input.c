/*
 * parse-input.c owns what reaches libxml2: the bytes of a UTF-8 document
 * pass a repair that turns every invalid sequence into U+FFFD first.
 *
 * libxml2 2.9 meets an invalid byte in a UTF-8 document by reading the
 * rest of it as Latin-1, and whether it does so depends on how many bytes
 * the chunk holding the byte happened to have after it: the same feed
 * parsed differently depending on how the network cut it (the fuzzer
 * found this).  Repaired here, the result no longer depends on chunking,
 * one stray byte costs one character instead of the rest of the document,
 * and the document is still reported as not well-formed.
 *
 * libxml2 then gets the document in blocks of INPUT_BLOCK bytes whatever
 * the pieces it came in, for the same reason: its push parser recovers
 * from some errors differently depending on where a chunk ends (a comment
 * ending in "--->" before the root, found by the fuzzer, made one chunk
 * give a feed and another none).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "buf.h"
#include "i18n.h"
#include "parse-int.h"
#include "txt.h"
#include "xmalloc.h"

static void	 input_decide(struct pstate *);
static int	 input_is_utf8(const char *, size_t, const char *);
static void	 input_repair(struct pstate *, const char *, size_t, int);
static void	 input_to_libxml(struct pstate *, const char *, size_t);
static void	 input_flush(struct pstate *);
static size_t	 utf8_need(unsigned char);

void
input_init(struct pstate *st, const char *charset)
{
	memset(&st->in, 0, sizeof st->in);
	st->in.charset = charset != NULL ? xstrdup(charset) : NULL;
	buf_init(&st->in.join, BUF_NOLIMIT);
	buf_init(&st->in.out, BUF_NOLIMIT);
	buf_init(&st->in.block, BUF_NOLIMIT);
}

void
input_free(struct pstate *st)
{
	free(st->in.charset);
	buf_free(&st->in.join);
	buf_free(&st->in.out);
	buf_free(&st->in.block);
}

/* Passes data on to libxml2 in whole blocks; the rest waits in in.block. */
static void
input_to_libxml(struct pstate *st, const char *data, size_t len)
{
	struct buf	*b = &st->in.block;
	size_t		 n;

	if (buf_len(b) > 0) {
		n = INPUT_BLOCK - buf_len(b);
		if (n > len)
			n = len;
		buf_add(b, data, n);
		data += n;
		len -= n;
		if (buf_len(b) < INPUT_BLOCK)
			return;
		xmlParseChunk(st->ctxt, buf_str(b), (int)INPUT_BLOCK, 0);
		buf_reset(b);
	}
	for (; len >= INPUT_BLOCK; data += INPUT_BLOCK, len -= INPUT_BLOCK)
		xmlParseChunk(st->ctxt, data, (int)INPUT_BLOCK, 0);
	if (len > 0)
		buf_add(b, data, len);
}

/* Passes on the last, partial block. */
static void
input_flush(struct pstate *st)
{
	struct buf	*b = &st->in.block;

	if (buf_len(b) > 0)
		xmlParseChunk(st->ctxt, buf_str(b), (int)buf_len(b), 0);
	buf_reset(b);
}

/* Whether the document is UTF-8: by the outside charset, BOM or XML
   declaration, and UTF-8 when none says otherwise (XML 1.0, 4.3.3). */
static int
input_is_utf8(const char *head, size_t n, const char *charset)
{
	const char	*end, *enc, *q;
	size_t		 len;

	if (charset != NULL)
		return strcasecmp(charset, "utf-8") == 0 ||
		    strcasecmp(charset, "utf8") == 0;
	if (n >= 3 && memcmp(head, "\xef\xbb\xbf", 3) == 0)
		return 1;
	if (n >= 2 && (head[0] == '\0' || head[1] == '\0' ||
	    (unsigned char)head[0] >= 0xfe))
		return 0;	/* UTF-16 or UTF-32, with or without a BOM */
	if (n < 5 || memcmp(head, "<?xml", 5) != 0)
		return 1;
	end = memmem(head, n, "?>", 2);
	len = end != NULL ? (size_t)(end - head) : n;
	if ((enc = memmem(head, len, "encoding", 8)) == NULL)
		return 1;
	for (q = enc + 8; q < head + len && strchr(" \t\r\n=", *q); q++)
		;
	if (q >= head + len || (*q != '"' && *q != '\''))
		return 1;
	q++;
	return (head + len - q >= 6 && strncasecmp(q, "utf-8", 5) == 0 &&
	    q[5] == q[-1]) ||
	    (head + len - q >= 5 && strncasecmp(q, "utf8", 4) == 0 &&
	    q[4] == q[-1]);
}

static void
input_decide(struct pstate *st)
{
	st->in.decided = 1;
	st->in.repair = input_is_utf8(st->in.head, st->in.nhead,
	    st->in.charset);
	input_repair(st, st->in.head, st->in.nhead, 0);
}

/* The length of the sequence a lead byte starts; 0 if it cannot lead. */
static size_t
utf8_need(unsigned char c)
{
	if (c >= 0xc2 && c <= 0xdf)
		return 2;
	if (c >= 0xe0 && c <= 0xef)
		return 3;
	if (c >= 0xf0 && c <= 0xf4)
		return 4;
	return 0;
}

/*
 * Passes data on, repaired when the document is UTF-8.  A sequence cut at
 * the end of the data waits in in.tail for the next piece (or, when last
 * is set, counts as invalid).
 */
static void
input_repair(struct pstate *st, const char *data, size_t len, int last)
{
	struct pinput		*in = &st->in;
	const unsigned char	*s, *end, *p, *run;
	uint32_t		 c;
	uint64_t		 w;
	size_t			 n, need, i;

	if (!in->repair) {
		input_to_libxml(st, data, len);
		return;
	}
	if (in->ntail > 0) {
		/* Join the held-back bytes to this piece. */
		buf_reset(&in->join);
		buf_add(&in->join, in->tail, in->ntail);
		buf_add(&in->join, data, len);
		in->ntail = 0;
		data = buf_str(&in->join);
		len = buf_len(&in->join);
	}
	s = (const unsigned char *)data;
	end = s + len;
	buf_reset(&in->out);
	for (run = p = s; p < end;) {
		while (end - p >= 8) {	/* ASCII, eight bytes at a time */
			memcpy(&w, p, 8);
			if (w & 0x8080808080808080ULL)
				break;
			p += 8;
		}
		if (p == end)
			break;
		if (*p < 0x80) {
			p++;
			continue;
		}
		need = utf8_need(*p);
		if (need > 0 && (size_t)(end - p) < need && !last) {
			/* Cut by the chunk: valid so far, so wait for more. */
			for (i = 1; p + i < end && (p[i] & 0xc0) == 0x80; i++)
				;
			if (p + i == end) {
				memcpy(in->tail, p, (size_t)(end - p));
				in->ntail = (size_t)(end - p);
				end = p;
				break;
			}
		}
		n = txt_utf8_decode((const char *)p, (size_t)(end - p), &c);
		if (n > 1 || c != TXT_REPLACEMENT) {
			p += n;
			continue;
		}
		/* Invalid: everything before it, then U+FFFD for it. */
		buf_add(&in->out, run, (size_t)(p - run));
		buf_add(&in->out, "\xef\xbf\xbd", 3);
		if (!in->reported) {
			char	*what;

			/* TRANSLATORS: %zu is a byte offset in the document. */
			xasprintf(&what, _("invalid UTF-8 at byte %zu was "
			    "replaced"), in->offset + (size_t)(p - s));
			if (st->warning == NULL)
				xasprintf(&st->warning, "%s: %s", st->name,
				    what);
			free(what);
			in->reported = 1;
		}
		st->illformed = 1;
		run = ++p;
	}
	in->offset += (size_t)(end - s);
	if (buf_len(&in->out) == 0) {
		input_to_libxml(st, data, (size_t)(end - s));	/* no copy */
		return;
	}
	buf_add(&in->out, run, (size_t)(end - run));
	input_to_libxml(st, buf_str(&in->out), buf_len(&in->out));
}

void
input_push(struct pstate *st, const char *data, size_t len)
{
	struct pinput	*in = &st->in;
	size_t		 n;

	if (!in->decided) {
		/* Gather the XML declaration (or enough to know there is
		   none) before deciding how to read the bytes. */
		n = sizeof in->head - in->nhead;
		if (n > len)
			n = len;
		memcpy(in->head + in->nhead, data, n);
		in->nhead += n;
		data += n;
		len -= n;
		if (in->nhead < sizeof in->head &&
		    memmem(in->head, in->nhead, "?>", 2) == NULL &&
		    (in->nhead < 5 || memcmp(in->head, "<?xml", 5) == 0))
			return;
		input_decide(st);
	}
	if (len > 0)
		input_repair(st, data, len, 0);
}

void
input_finish(struct pstate *st)
{
	struct pinput	*in = &st->in;
	char		 tail[4];
	size_t		 n;

	if (!in->decided)
		input_decide(st);
	if (in->ntail > 0) {
		n = in->ntail;
		memcpy(tail, in->tail, n);
		in->ntail = 0;
		input_repair(st, tail, n, 1);
	}
	input_flush(st);
}
