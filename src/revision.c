/*
 * revision.c owns what makes a new version of an article: the test that
 * a change is one of substance (visible words and link targets, not
 * whitespace, markup or tracking parameters), and the word-level
 * difference between two versions that the reader shows.
 *
 * The difference trims the common start and end first (most edits touch
 * a sentence or two of a long text), then runs Myers' O(ND) algorithm on
 * the middle, keeping each round's furthest points to walk back.  At most
 * REVISION_WORDS_MAX words a side and REVISION_EDITS_MAX edits are
 * compared, so time is O((N + M) D) and memory O(D^2) with both bounded;
 * beyond them the middle is shown as removed and added whole.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "parse.h"
#include "revision.h"
#include "txt.h"
#include "xmalloc.h"

/* A word of a text: bytes [off, off + len), a hash to compare fast. */
struct word {
	size_t		 off;
	size_t		 len;
	uint32_t	 hash;
	int		 para;		/* a paragraph starts here */
};

struct words {
	const char	*text;
	struct word	*w;
	size_t		 n;
};

static int	 space_cp(uint32_t);
static int	 invisible_cp(uint32_t);
static int	 tracking_param(const char *, size_t);
static int	 is_url(const char *, size_t);
static void	 add_words(struct buf *, const char *, size_t);
static char	*collapse(const char *, size_t, int);
static char	*field_key(const char *, int);
static int	 field_same(const char *, int, const char *, int);
static void	 split_words(const char *, struct words *);
static int	 word_eq(const struct words *, size_t, const struct words *,
		    size_t);
static int	 myers(const struct words *, size_t, size_t,
		    const struct words *, size_t, size_t, unsigned char **,
		    size_t *);
static void	 seg_add(struct revision_diff *, enum revision_op,
		    const struct words *, size_t, size_t);

/* Parameters that say who sent the reader, not what the page is. */
static const char *const tracking[] = {
	"_ga", "_gl", "_hsenc", "_hsmi", "__hsfp", "__hssc", "__hstc",
	"at_campaign", "at_medium", "dclid", "fbclid", "gbraid", "gclid",
	"gclsrc", "igshid", "li_fat_id", "mc_cid", "mc_eid", "mkt_tok",
	"msclkid", "oly_anon_id", "oly_enc_id", "rb_clickid", "s_cid",
	"ttclid", "twclid", "vero_conv", "vero_id", "wbraid", "wickedid",
	"xtor", "yclid"
};

/* White space of any script: it separates words and nothing more. */
static int
space_cp(uint32_t c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xA0 ||
	    c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
	    c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

/* Characters that change no word a reader sees: soft hyphen, ZWSP, BOM. */
static int
invisible_cp(uint32_t c)
{
	return c == 0xAD || c == 0x200B || c == 0x2060 || c == 0xFEFF;
}

static int
tracking_param(const char *name, size_t n)
{
	size_t	 i;

	if (n >= 4 && strncasecmp(name, "utm_", 4) == 0)
		return 1;
	for (i = 0; i < sizeof tracking / sizeof *tracking; i++)
		if (strlen(tracking[i]) == n &&
		    strncasecmp(name, tracking[i], n) == 0)
			return 1;
	return 0;
}

char *
revision_clean_link(const char *url)
{
	struct buf	 b;
	const char	*q, *frag, *p, *amp, *eq;
	size_t		 kept = 0;

	q = strchr(url, '?');
	frag = strchr(url, '#');
	if (q == NULL || (frag != NULL && frag < q))
		return xstrdup(url);
	if (frag == NULL)
		frag = url + strlen(url);
	buf_init(&b, BUF_NOLIMIT);
	buf_add(&b, url, (size_t)(q - url));
	for (p = q + 1; p < frag; p = amp + 1) {
		if ((amp = memchr(p, '&', (size_t)(frag - p))) == NULL)
			amp = frag;
		eq = memchr(p, '=', (size_t)(amp - p));
		if (amp == p || tracking_param(p, (size_t)((eq != NULL ? eq :
		    amp) - p)))
			continue;
		buf_addc(&b, kept++ == 0 ? '?' : '&');
		buf_add(&b, p, (size_t)(amp - p));
	}
	buf_adds(&b, frag);
	return buf_detach(&b);
}

/*
 * Collapses the whitespace of text[0..len) (HTML's text when html: a
 * newline is a block edge) into single spaces and paragraph newlines.
 */
static char *
collapse(const char *p, size_t len, int html)
{
	struct buf	 out;
	const char	*end = p + len;
	uint32_t	 c;
	size_t		 n, newlines = 0;
	int		 space = 0;

	buf_init(&out, BUF_NOLIMIT);
	for (; p < end; p += n) {
		n = txt_utf8_decode(p, (size_t)(end - p), &c);
		if (invisible_cp(c))
			continue;
		if (space_cp(c)) {
			space = 1;
			newlines += c == '\n';
			continue;
		}
		if (space && buf_len(&out) > 0)
			/* HTML marks each block edge; text a blank line. */
			buf_addc(&out, newlines >= (html ? 1u : 2u) ? '\n' :
			    ' ');
		space = 0;
		newlines = 0;
		buf_add(&out, p, n);
	}
	return buf_detach(&out);
}

char *
revision_visible(const char *s, int html)
{
	struct buf	 raw;
	char		*vis;

	if (s == NULL)
		return xstrdup("");
	if (!html)
		return collapse(s, strlen(s), 0);
	buf_init(&raw, BUF_NOLIMIT);
	parse_html_scan(s, strlen(s), &raw, NULL);
	vis = collapse(buf_str(&raw), buf_len(&raw), 1);
	buf_free(&raw);
	return vis;
}

char *
revision_body(const struct revision_text *t)
{
	if (t->content != NULL && *t->content != '\0')
		return revision_visible(t->content, t->content_html);
	return revision_visible(t->summary, t->summary_html);
}

static int
is_url(const char *s, size_t n)
{
	return (n > 7 && strncasecmp(s, "http://", 7) == 0) ||
	    (n > 8 && strncasecmp(s, "https://", 8) == 0);
}

/* Appends the words of s[0..len) one space apart, URLs cleaned. */
static void
add_words(struct buf *b, const char *s, size_t len)
{
	const char	*end = s + len, *w;
	char		*url, *clean;

	while (s < end) {
		while (s < end && (*s == ' ' || *s == '\n'))
			s++;
		for (w = s; s < end && *s != ' ' && *s != '\n'; s++)
			;
		if (s == w)
			break;
		if (buf_len(b) > 0)
			buf_addc(b, ' ');
		if (!is_url(w, (size_t)(s - w))) {
			buf_add(b, w, (size_t)(s - w));
			continue;
		}
		url = xstrndup(w, (size_t)(s - w));
		clean = revision_clean_link(url);
		buf_adds(b, clean);
		free(clean);
		free(url);
	}
}

/*
 * What a field says: its visible words, then a NUL byte's stand-in
 * (0x01) and its link targets, cleaned, a line each.  Allocated.
 */
static char *
field_key(const char *s, int html)
{
	struct buf	 key, raw, links;
	const char	*p, *end, *nl;
	char		*vis, *clean, *link;

	buf_init(&key, BUF_NOLIMIT);
	if (!html) {
		vis = revision_visible(s, 0);
		add_words(&key, vis, strlen(vis));
		free(vis);
		return buf_detach(&key);
	}
	/* One reading of the HTML gives the words and the links. */
	buf_init(&raw, BUF_NOLIMIT);
	buf_init(&links, BUF_NOLIMIT);
	parse_html_scan(s, strlen(s), &raw, &links);
	vis = collapse(buf_str(&raw), buf_len(&raw), 1);
	buf_free(&raw);
	add_words(&key, vis, strlen(vis));
	free(vis);
	buf_addc(&key, '\001');
	p = buf_str(&links);
	end = p + buf_len(&links);
	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		link = xstrndup(p, (size_t)(nl - p));
		clean = revision_clean_link(link);
		buf_adds(&key, clean);
		buf_addc(&key, '\n');
		free(clean);
		free(link);
	}
	buf_free(&links);
	return buf_detach(&key);
}

static int
field_same(const char *a, int ahtml, const char *b, int bhtml)
{
	char	*ka, *kb;
	int	 same;

	if (a == NULL)
		a = "";
	if (b == NULL)
		b = "";
	if (strcmp(a, b) == 0 && ahtml == bhtml)
		return 1;
	ka = field_key(a, ahtml);
	kb = field_key(b, bhtml);
	/* Plain text has no links of its own: compare the words alone. */
	if (ahtml != bhtml) {
		ka[strcspn(ka, "\001")] = '\0';
		kb[strcspn(kb, "\001")] = '\0';
	}
	same = strcmp(ka, kb) == 0;
	free(ka);
	free(kb);
	return same;
}

int
revision_same(const struct revision_text *a, const struct revision_text *b)
{
	return field_same(a->title, 0, b->title, 0) &&
	    field_same(a->summary, a->summary_html, b->summary,
	    b->summary_html) &&
	    field_same(a->content, a->content_html, b->content,
	    b->content_html);
}

/* Splits a visible text into its words. */
static void
split_words(const char *text, struct words *ws)
{
	const char	*s = text, *start;
	size_t		 cap = 0;
	uint32_t	 h;
	int		 para = 0;

	ws->text = text;
	ws->w = NULL;
	ws->n = 0;
	for (;;) {
		while (*s == ' ' || *s == '\n')
			para |= *s++ == '\n';
		if (*s == '\0')
			break;
		/* FNV-1a */
		for (start = s, h = 2166136261u; *s != '\0' && *s != ' ' &&
		    *s != '\n'; s++)
			h = (h ^ (unsigned char)*s) * 16777619u;
		if (ws->n == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			ws->w = xreallocarray(ws->w, cap, sizeof *ws->w);
		}
		ws->w[ws->n].off = (size_t)(start - text);
		ws->w[ws->n].len = (size_t)(s - start);
		ws->w[ws->n].hash = h;
		ws->w[ws->n].para = para && ws->n > 0;
		ws->n++;
		para = 0;
	}
}

static int
word_eq(const struct words *a, size_t i, const struct words *b, size_t j)
{
	const struct word	*x = &a->w[i], *y = &b->w[j];

	return x->hash == y->hash && x->len == y->len &&
	    memcmp(a->text + x->off, b->text + y->off, x->len) == 0;
}

/*
 * Myers' greedy algorithm on a[alo..ahi) and b[blo..bhi): fills *opsp
 * with one op per word of the edit script (REVISION_SAME, _ADDED,
 * _REMOVED) and its length in *nopsp.  Returns 0, or -1 when more than
 * REVISION_EDITS_MAX edits would be needed.
 */
static int
myers(const struct words *a, size_t alo, size_t ahi, const struct words *b,
    size_t blo, size_t bhi, unsigned char **opsp, size_t *nopsp)
{
	long		 n = (long)(ahi - alo), m = (long)(bhi - blo);
	long		 max = n + m, d, dmax, k, i, x, y, px, pk, mx;
	long		*v;
	int		**trace;
	unsigned char	*ops;
	size_t		 nops = 0;
	int		 rv = -1;

	if (max > REVISION_EDITS_MAX)
		max = REVISION_EDITS_MAX;
	/* v[k + max + 1]: the furthest x on diagonal k; a copy each round. */
	v = xcalloc((size_t)(2 * max + 3), sizeof *v);
	trace = xcalloc((size_t)max + 1, sizeof *trace);
	for (d = 0; d <= max; d++) {
		for (k = -d; k <= d; k += 2) {
			if (k == -d || (k != d && v[k - 1 + max + 1] <
			    v[k + 1 + max + 1]))
				x = v[k + 1 + max + 1];
			else
				x = v[k - 1 + max + 1] + 1;
			y = x - k;
			while (x < n && y < m && word_eq(a, alo + (size_t)x, b,
			    blo + (size_t)y))
				x++, y++;
			v[k + max + 1] = x;
			if (x >= n && y >= m)
				break;
		}
		trace[d] = xreallocarray(NULL, (size_t)(2 * d + 1),
		    sizeof **trace);
		for (i = -d; i <= d; i++)
			trace[d][i + d] = (int)v[i + max + 1];
		if (k <= d)
			break;
	}
	dmax = d;
	if (d > max)
		goto out;

	/* Walk back from (n, m), writing the ops from the end. */
	ops = xmalloc((size_t)(n + m) + 1);
	nops = (size_t)(n + m);
	x = n;
	y = m;
	for (; d > 0; d--) {
		k = x - y;
		if (k == -d || (k != d && trace[d - 1][k - 1 + d - 1] <
		    trace[d - 1][k + 1 + d - 1]))
			pk = k + 1;	/* came down: b[y - 1] added */
		else
			pk = k - 1;	/* came right: a[x - 1] removed */
		px = trace[d - 1][pk + d - 1];
		mx = pk == k + 1 ? px : px + 1;
		for (; x > mx; x--, y--)
			ops[--nops] = REVISION_SAME;
		ops[--nops] = pk == k + 1 ? REVISION_ADDED : REVISION_REMOVED;
		x = px;
		y = px - pk;
	}
	for (; x > 0; x--)
		ops[--nops] = REVISION_SAME;
	memmove(ops, ops + nops, (size_t)(n + m) - nops);
	*nopsp = (size_t)(n + m) - nops;
	*opsp = ops;
	rv = 0;
out:
	for (k = 0; k <= max && k <= dmax; k++)
		free(trace[k]);
	free(trace);
	free(v);
	return rv;
}

/* Appends words [i, j) of ws as a segment, joined to the last if alike. */
static void
seg_add(struct revision_diff *df, enum revision_op op,
    const struct words *ws, size_t i, size_t j)
{
	struct revision_seg	*last;
	struct buf		 b;
	size_t			 k;

	if (i >= j)
		return;
	last = df->nsegs > 0 ? &df->segs[df->nsegs - 1] : NULL;
	buf_init(&b, BUF_NOLIMIT);
	if (last != NULL && last->op == op) {
		buf_adds(&b, last->text);
		free(last->text);
	} else {
		df->segs = xreallocarray(df->segs, df->nsegs + 1,
		    sizeof *df->segs);
		last = &df->segs[df->nsegs++];
		last->op = op;
	}
	for (k = i; k < j; k++) {
		if (buf_len(&b) > 0)
			buf_addc(&b, ws->w[k].para ? '\n' : ' ');
		else if (ws->w[k].para)
			buf_addc(&b, '\n');
		buf_add(&b, ws->text + ws->w[k].off, ws->w[k].len);
	}
	last->text = buf_detach(&b);
	if (op != REVISION_SAME)
		df->changed = 1;
}

struct revision_diff *
revision_diff(const char *old, const char *new)
{
	struct revision_diff	*df;
	struct words		 a, b;
	unsigned char		*ops = NULL;
	size_t			 pre = 0, suf = 0, nops = 0, i, x, y, rx, ax;

	df = xcalloc(1, sizeof *df);
	split_words(old != NULL ? old : "", &a);
	split_words(new != NULL ? new : "", &b);
	while (pre < a.n && pre < b.n && word_eq(&a, pre, &b, pre))
		pre++;
	while (suf < a.n - pre && suf < b.n - pre &&
	    word_eq(&a, a.n - 1 - suf, &b, b.n - 1 - suf))
		suf++;

	seg_add(df, REVISION_SAME, &b, 0, pre);
	if (a.n - pre - suf > REVISION_WORDS_MAX ||
	    b.n - pre - suf > REVISION_WORDS_MAX ||
	    myers(&a, pre, a.n - suf, &b, pre, b.n - suf, &ops, &nops) != 0) {
		df->approximate = 1;
		seg_add(df, REVISION_REMOVED, &a, pre, a.n - suf);
		seg_add(df, REVISION_ADDED, &b, pre, b.n - suf);
	} else {
		/* Each changed stretch: its removals, then its additions. */
		x = pre;
		y = pre;
		for (i = 0; i < nops;) {
			if (ops[i] == REVISION_SAME) {
				for (ax = y; i < nops && ops[i] ==
				    REVISION_SAME; i++)
					x++, y++;
				seg_add(df, REVISION_SAME, &b, ax, y);
				continue;
			}
			for (rx = x, ax = y; i < nops &&
			    ops[i] != REVISION_SAME; i++) {
				if (ops[i] == REVISION_REMOVED)
					x++;
				else
					y++;
			}
			seg_add(df, REVISION_REMOVED, &a, rx, x);
			seg_add(df, REVISION_ADDED, &b, ax, y);
		}
	}
	seg_add(df, REVISION_SAME, &b, b.n - suf, b.n);
	free(ops);
	free(a.w);
	free(b.w);
	return df;
}

void
revision_diff_free(struct revision_diff *df)
{
	size_t	 i;

	if (df == NULL)
		return;
	for (i = 0; i < df->nsegs; i++)
		free(df->segs[i].text);
	free(df->segs);
	free(df);
}
