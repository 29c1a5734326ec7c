/*
 * stories.c owns the story engine: the hot stories with their centroids,
 * the inverted index from terms to the hot stories that have them, the
 * document frequencies, and the keys (link, normalised title) that make
 * identical articles join at once.
 *
 * An article becomes a vector: its folded, stemmed words without stop
 * words (stem.c), the pairs of adjacent title words and the first letters
 * of long title words, each weighted 1 + ln(tf) with a title word counting
 * TITLE_WEIGHT times, times its idf, ln((N + 1) / (df + 1)) + 1 from the
 * frequencies counted so far, and scaled to length 1.  A story's centroid
 * is the sum of its articles' vectors, cut to its CENTROID_KEEP heaviest
 * terms when it grows past CENTROID_MAX.  An article joins the hot story
 * whose centroid is most similar (cosine, raised a little for stories of
 * many articles), if that is at least the threshold and the story's
 * latest article is within the window of it.  Only the stories that share
 * a term with the article are looked at, through the inverted index.
 *
 * Memory is bounded: at most max_hot stories, each with at most
 * CENTROID_MAX terms and KEYS_MAX duplicate keys, and the term table is
 * pruned of rare terms no hot story uses when it passes TERMS_MAX.
 * Terms and keys are kept as 64-bit hashes, not strings: two distinct
 * words share a hash with negligible probability (about n^2 / 2^65).
 * A pruned term's index may be reused; only a central article's kept
 * vector can still name it, which at worst skews the choice of the
 * central article a little.
 */
#include "config.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "stem.h"
#include "stories.h"
#include "xmalloc.h"

#define TITLE_WEIGHT	3	/* a title word counts as this many */
#define PAIR_WEIGHT	0.8	/* two adjacent title words, as one term */
#define PREFIX_CHARS	5	/* a title word's prefix, as one term ... */
#define PREFIX_WEIGHT	0.5	/* ... that weighs this much */
#define SIZE_PRIOR	0.15	/* similarity * (1 + this * ln articles) */
#define SIZE_PRIOR_MAX	100	/* articles, beyond which the prior stops */
#define BODY_WORDS	300	/* words of the text looked at */
#define TITLE_WORDS	64	/* words of the title looked at */
#define CENTROID_MAX	384	/* terms in a centroid before it is cut */
#define CENTROID_KEEP	256	/* ... to this many */
#define KEYS_MAX	32	/* duplicate keys remembered per story */
#define TERMS_MAX	(1u << 19)	/* terms before rare ones are pruned */
#define TITLE_KEY_WORDS	3	/* least words for a title key */
/* Terms an article gives at most: a title word gives itself, its prefix
   and its pair with the word before. */
#define WORDS_MAX	(3 * TITLE_WORDS + BODY_WORDS)
#define NOSLOT		UINT32_MAX
#define DEDUP_SIZE	1024	/* a power of two above 2 * WORDS_MAX */
#define LOG_TABLE	(1u << 14)	/* ln k below this from a table */
#define LOG_TABLE_MAX	(1u << 20)	/* below this from the engine's */
#define PREFETCH_AHEAD	4	/* terms looked up ahead of use */

/* An open-addressing map of non-zero 64-bit keys to 64-bit values. */
struct uent {
	uint64_t	 key;		/* 0: empty */
	uint64_t	 val;
};

/* Key and value side by side: a lookup reads one cache line. */
struct umap {
	struct uent	*e;
	size_t		 cap;		/* a power of two, or 0 */
	size_t		 n;
};

/*
 * A posting: a hot story that has the term, and the term's weight in
 * its centroid, kept equal to the centroid's own, so that matching an
 * article reads the postings alone and never searches a centroid.
 */
struct post {
	uint32_t	 slot;
	float		 w;
};

/*
 * Most terms are in one or two hot stories at most: their postings are
 * kept in the term itself, and only a term in more stories has an array
 * allocated, of the least power of two (4 at least) that holds them, or
 * larger.  Read them through term_posts.
 */
#define POST_INLINE	2
struct term {
	uint64_t	 hash;
	uint32_t	 df;
	uint32_t	 npost;
	union {
		struct post	*heap;		/* when npost > POST_INLINE */
		struct post	 inline_[POST_INLINE];
	}		 post;
};
_Static_assert(sizeof(struct term) == 32, "a term is 32 bytes");
_Static_assert(SIZE_PRIOR_MAX < LOG_TABLE, "the prior reads ln_table");

/* A term and its weight in a vector. */
struct tw {
	uint32_t	 term;
	float		 w;
};

struct story {
	int64_t		 id;		/* 0: the slot is free */
	int64_t		 latest;
	uint64_t	 seq;		/* when it last grew */
	size_t		 heap;		/* its place in the heap */
	uint32_t	*centroid;	/* its terms, in no order: */
	uint32_t	 nterms;	/* their weights are in the postings */
	uint32_t	 capterms;
	double		 norm2;		/* of the centroid, kept as it grows */
	uint32_t	 ndocs;
	int64_t		 central;	/* the article nearest the centre */
	struct tw	*cvec;		/* and its vector, a hash table */
	uint32_t	 ccap;		/* of cvec's slots, a power of two */
	double		 cdot;		/* cvec . the centroid, kept */
	uint64_t	 keys[KEYS_MAX];	/* a ring of duplicate keys */
	uint32_t	 nkeys;
};

/* One word of the article being analysed. */
struct dword {
	uint64_t	 hash;
	double		 weight;	/* TITLE_WEIGHT in the title, else 1;
					   summed over a term's words */
};

/*
 * An article analysed (stories_analyse): its distinct terms by hash with
 * their summed weights, and its keys.  Nothing in it depends on an
 * engine, so it can be made on any thread.
 */
struct story_terms {
	uint64_t	 link_key;	/* 0 when none */
	uint64_t	 title_key;
	size_t		 nwords;
	struct dword	 words[];
};

/* While an article is analysed. */
struct analyser {
	struct dword	*words;		/* WORDS_MAX of them */
	size_t		 nwords;
	size_t		 title_words;	/* all words, stop words too */
	uint64_t	 title_hash;	/* running hash of them */
	enum stem_lang	 lang;
	char		 prev[STEM_WORD_MAX + 8];
	size_t		 prevlen;
	size_t		 body_words;
};

/*
 * A word met before and its term (word_term): MEMO_SIZE entries a
 * thread, direct-mapped, keyed by the word's hash with its length and
 * language.
 */
#define MEMO_BITS	12
#define MEMO_SIZE	(1u << MEMO_BITS)
struct memo {
	uint64_t	 key;		/* odd; 0: empty */
	uint64_t	 term;
};

/* The last article matched, kept from match to add. */
struct doc {
	int64_t		 item;
	const char	*title;
	const char	*text;
	const char	*link;
	const char	*langp;
	const struct story_terms *termsp;
	int		 valid;
	struct story_terms *own;	/* when the caller gave none */
	const struct story_terms *t;	/* own, or the caller's */
	struct tw	*vec;		/* terms with their idf weights, in the
					   order of t's words */
	size_t		 nvec;
	size_t		 capvec;
};

struct stories {
	struct stories_params	 p;
	struct term	*terms;
	size_t		 nterms;	/* used entries of terms */
	size_t		 capterms;
	uint32_t	*freeterms;
	size_t		 nfreeterms;
	size_t		 liveterms;
	size_t		 prune_at;	/* liveterms that prune next */
	struct umap	 termmap;	/* hash to index in terms */
	uint64_t	 ndocs;		/* N, articles added */
	struct story	*slots;
	size_t		 nslots;
	size_t		 capslots;
	uint32_t	*freeslots;
	size_t		 nfreeslots;
	struct umap	 idmap;		/* story id to slot */
	struct umap	 keymap;	/* duplicate key to story id */
	uint32_t	*heap;		/* slots, least recent first */
	size_t		 nheap;
	uint64_t	 seq;
	/*
	 * The times of the last STORIES_RECENT articles added that are
	 * older than every one added after them, oldest first (a ring): the
	 * first is the oldest of the last STORIES_RECENT, the horizon of the
	 * hot set.
	 */
	struct {
		uint64_t	 n;	/* the article's number, from 1 */
		int64_t		 time;
	}		 recent[STORIES_RECENT];
	size_t		 recent0;	/* the first's place in the ring */
	size_t		 nrecent;
	double		*acc;		/* per slot, while matching */
	double		*ln;		/* ln (LOG_TABLE + i), for ln_count */
	size_t		 nln;
	struct tw	*scratch;	/* a centroid being cut */
	size_t		 capscratch;
	uint32_t	*touched;
	size_t		 ntouched;
	struct doc	 d;
};

static void	 logs_init(void);
static double	 ln_count(struct stories *, uint64_t);
static double	 ln_grow(struct stories *, uint64_t);
static int	 within(int64_t, int64_t, int64_t);
static uint64_t	 hash_bytes(uint64_t, const void *, size_t);
static uint64_t	 hash_final(uint64_t);
static uint64_t	 term_hash(const char *, size_t);
static void	 umap_free(struct umap *);
static uint64_t	*umap_find(const struct umap *, uint64_t);
static void	 umap_put(struct umap *, uint64_t, uint64_t);
static void	 umap_add(struct umap *, uint64_t, uint64_t);
static void	 umap_del(struct umap *, uint64_t);
static size_t	 prefix_len(const char *, size_t, size_t);
static void	 doc_push_term(struct analyser *, uint64_t, float);
static void	 doc_push(struct analyser *, const char *, size_t, float);
static uint64_t	 word_term(enum stem_lang, const char *, size_t, uint64_t);
static uint64_t	 word_stem(enum stem_lang, const char *, size_t, uint64_t);
static void	 doc_word(void *, const char *, size_t, uint64_t);
static void	 title_word(void *, const char *, size_t, uint64_t);
static enum stem_lang detect_lang(const char *, size_t, const char *, size_t,
		    int);
static size_t	 terms_analyse(const struct story_doc *, struct dword *,
		    uint64_t *, uint64_t *);
static void	 doc_prepare(struct stories *, const struct story_doc *);
static int	 tw_heavier(const struct tw *, const struct tw *);
static int	 tw_before(const struct tw *, const struct tw *, int);
static void	 tw_swap(struct tw *, size_t, size_t);
static size_t	 tws_partition(struct tw *, size_t, int);
static void	 tws_sort(struct tw *, size_t);
static void	 tws_select(struct tw *, size_t, size_t);
static struct story *story_get(const struct stories *, int64_t);
static struct story *story_new(struct stories *, int64_t);
static void	 story_evict(struct stories *, struct story *);
static double	 vec_norm2(const struct tw *, size_t);
static double	 story_merge(struct stories *, struct story *);
static void	 story_cut(struct stories *, struct story *);
static double	 story_dot(struct stories *, const struct story *,
		    const struct tw *, size_t);
static void	 cvec_set(struct story *, const struct tw *, size_t);
static double	 cvec_dot(const struct story *, const struct tw *, size_t);
static void	 story_key(struct stories *, struct story *, uint64_t);
static struct post *term_posts(struct term *);
static void	 post_add(struct term *, uint32_t, float);
static struct post *post_find(struct term *, uint32_t);
static void	 post_del(struct term *, uint32_t);
static uint32_t	 term_new(struct stories *, uint64_t);
static void	 terms_prune(struct stories *);
static int	 heap_less(const struct stories *, size_t, size_t);
static void	 heap_swap(struct stories *, size_t, size_t);
static void	 heap_fix(struct stories *, size_t);
static void	 heap_del(struct stories *, size_t);
static int64_t	 recent_add(struct stories *, int64_t);

/*
 * Natural logarithms of counts, made once a process: the idf of every
 * term of every article needs one, and nearly all document frequencies
 * are small.  Larger counts come from the engine's own table, grown to
 * twice the largest count met so far: the number of articles and the
 * frequency of common words pass LOG_TABLE in a large refresh, and log()
 * for each of their terms cost a tenth of the engine's time.
 */
static pthread_once_t	 logs_once = PTHREAD_ONCE_INIT;
static double		 ln_table[LOG_TABLE];

static void
logs_init(void)
{
	uint32_t	 k;

	ln_table[0] = -HUGE_VAL;
	for (k = 1; k < LOG_TABLE; k++)
		ln_table[k] = log(k);
}

static inline double
ln_count(struct stories *s, uint64_t k)
{
	if (k < LOG_TABLE)
		return ln_table[k];
	if (k < LOG_TABLE + s->nln)
		return s->ln[k - LOG_TABLE];
	return ln_grow(s, k);
}

/* ln_count of a count beyond the engine's table: grows it to hold k. */
static double
ln_grow(struct stories *s, uint64_t k)
{
	size_t	 n, i;

	if (k >= LOG_TABLE_MAX)
		return log((double)k);
	for (n = s->nln > 0 ? 2 * s->nln : LOG_TABLE; LOG_TABLE + n <= k;
	    n *= 2)
		;
	s->ln = xreallocarray(s->ln, n, sizeof *s->ln);
	for (i = s->nln; i < n; i++)
		s->ln[i] = log((double)(LOG_TABLE + i));
	s->nln = n;
	return s->ln[k - LOG_TABLE];
}

void
stories_params_default(struct stories_params *p)
{
	p->window = 3 * 24 * 3600;
	p->threshold = 0.10;
	p->max_hot = 20000;
}

struct stories *
stories_new(const struct stories_params *p)
{
	struct stories	*s;

	pthread_once(&logs_once, logs_init);
	s = xcalloc(1, sizeof *s);
	if (p != NULL)
		s->p = *p;
	else
		stories_params_default(&s->p);
	if (s->p.max_hot == 0)
		s->p.max_hot = 1;
	s->prune_at = TERMS_MAX;
	return s;
}

void
stories_free(struct stories *s)
{
	size_t	 i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nterms; i++)
		if (s->terms[i].npost > POST_INLINE)
			free(s->terms[i].post.heap);
	for (i = 0; i < s->nslots; i++) {
		free(s->slots[i].centroid);
		free(s->slots[i].cvec);
	}
	free(s->terms);
	free(s->freeterms);
	free(s->slots);
	free(s->freeslots);
	free(s->heap);
	free(s->acc);
	free(s->touched);
	umap_free(&s->termmap);
	umap_free(&s->idmap);
	umap_free(&s->keymap);
	free(s->d.own);
	free(s->d.vec);
	free(s->scratch);
	free(s->ln);
	free(s);
}

size_t
stories_hot(const struct stories *s)
{
	return s->nheap;
}

/* Whether a and b are at most w apart, without overflow. */
static int
within(int64_t a, int64_t b, int64_t w)
{
	uint64_t	 gap;

	gap = a > b ? (uint64_t)a - (uint64_t)b : (uint64_t)b - (uint64_t)a;
	return w >= 0 && gap <= (uint64_t)w;
}

/* FNV-1a over the bytes, continuing from h. */
static uint64_t
hash_bytes(uint64_t h, const void *p, size_t len)
{
	const unsigned char	*b = p;
	size_t			 i;

	for (i = 0; i < len; i++) {
		h ^= b[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* Mixes the bits (FNV's low bits are weak for a power-of-two table). */
static uint64_t
hash_final(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h == 0 ? 1 : h;
}

#define HASH_INIT	0xcbf29ce484222325ULL

/*
 * A term's hash: stem_hash of the bytes of its stem (or prefix), 8 at a
 * time, mixed well (the table of terms uses its low bits); w is readable
 * up to the next multiple of 8 past len.  hash_bytes' multiplication a
 * byte was a tenth of the analysis of an article of unseen words.
 */
static uint64_t
term_hash(const char *w, size_t len)
{
	return hash_final(stem_hash(w, len));
}

static void
umap_free(struct umap *m)
{
	free(m->e);
}

static uint64_t *
umap_find(const struct umap *m, uint64_t k)
{
	size_t	 i;

	if (m->cap == 0)
		return NULL;
	for (i = k & (m->cap - 1); m->e[i].key != 0; i = (i + 1) & (m->cap - 1))
		if (m->e[i].key == k)
			return &m->e[i].val;
	return NULL;
}

static void
umap_put(struct umap *m, uint64_t k, uint64_t v)
{
	uint64_t	*p;

	if ((p = umap_find(m, k)) != NULL)
		*p = v;
	else
		umap_add(m, k, v);
}

/*
 * Adds k, which the map does not have.  A search for a key that is not
 * there reads up to an empty slot, about 6 slots when the map is at its
 * fullest, and a new term has been searched for already.
 */
static void
umap_add(struct umap *m, uint64_t k, uint64_t v)
{
	struct umap	 old;
	size_t		 i;

	if ((m->n + 1) * 10 > m->cap * 7) {
		old = *m;
		m->cap = old.cap == 0 ? 64 : old.cap * 2;
		/*
		 * Written, not calloc'd: a large calloc maps the zero page,
		 * the rehash's reads keep it mapped, and each first write to
		 * a page then replaced it and flushed the other core's TLB
		 * (2.4% of a cold refresh's samples, on the storer).
		 */
		m->e = xreallocarray(NULL, m->cap, sizeof *m->e);
		memset(m->e, 0, m->cap * sizeof *m->e);
		m->n = 0;
		for (i = 0; i < old.cap; i++)
			if (old.e[i].key != 0)
				umap_add(m, old.e[i].key, old.e[i].val);
		umap_free(&old);
	}
	for (i = k & (m->cap - 1); m->e[i].key != 0; i = (i + 1) & (m->cap - 1))
		;
	m->e[i].key = k;
	m->e[i].val = v;
	m->n++;
}

/* Deletes k, shifting back the entries after it (no tombstones). */
static void
umap_del(struct umap *m, uint64_t k)
{
	size_t	 i, j, home, mask = m->cap - 1;

	if (m->cap == 0)
		return;
	for (i = k & mask; m->e[i].key != k; i = (i + 1) & mask)
		if (m->e[i].key == 0)
			return;
	m->n--;
	for (j = (i + 1) & mask; m->e[j].key != 0; j = (j + 1) & mask) {
		home = m->e[j].key & mask;
		/* Move j to the hole at i if its home is not in (i, j]. */
		if (((j - home) & mask) >= ((j - i) & mask)) {
			m->e[i] = m->e[j];
			i = j;
		}
	}
	m->e[i].key = 0;
}

static void
doc_push_term(struct analyser *d, uint64_t term, float weight)
{
	if (d->nwords == WORDS_MAX)
		return;
	d->words[d->nwords].hash = term;
	d->words[d->nwords].weight = weight;
	d->nwords++;
}

/* Adds the term of the n bytes at w (readable to a multiple of 8 past). */
static void
doc_push(struct analyser *d, const char *w, size_t n, float weight)
{
	doc_push_term(d, term_hash(w, n), weight);
}

/* The bytes of the first chars characters of UTF-8 w[0..len). */
static size_t
prefix_len(const char *w, size_t len, size_t chars)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		if (((unsigned char)w[i] & 0xC0) != 0x80 && chars-- == 0)
			break;
	return i;
}

/*
 * The term of a word (its stem, hashed; 0, which hash_final never gives,
 * for a stop word or one letter) through the analysing thread's memo.
 * Words follow Zipf's law, so most of an article's words were met in the
 * articles before it, and a hit skips the stop-word test, the stemmer
 * and the hash of the stem.  The memo knows a word by the hash the
 * tokeniser made of it, its length and the language: two words
 * share all three with negligible probability, as terms share a hash
 * (above), so results never depend on what was analysed before or on
 * which thread.
 */
static uint64_t
word_term(enum stem_lang lang, const char *w, size_t len, uint64_t hash)
{
	static _Thread_local struct memo memo[MEMO_SIZE];
	struct memo	*m;
	uint64_t	 key;

	key = ((hash ^ len ^ (uint64_t)lang << 56) * 0x9e3779b97f4a7c15ULL) |
	    1;
	m = &memo[key >> (64 - MEMO_BITS)];
	if (m->key != key) {
		m->key = key;
		m->term = word_stem(lang, w, len, hash);
	}
	return m->term;
}

/*
 * word_term without its memo, apart so that the memo's hit, nearly every
 * word, runs without a buffer on the stack (and its guard).
 */
static __attribute__((noinline)) uint64_t
word_stem(enum stem_lang lang, const char *w, size_t len, uint64_t hash)
{
	char	 buf[STEM_WORD_MAX + 8];
	size_t	 n;

	if (len < 2 || stem_is_stop(lang, w, len, hash))
		return 0;
	memcpy(buf, w, len + 1);
	n = stem_word(lang, buf, len);
	return term_hash(buf, n);
}

/* A word of the text: its term, weighing 1, up to BODY_WORDS words. */
static void
doc_word(void *ud, const char *w, size_t len, uint64_t hash)
{
	struct analyser	*d = ud;
	uint64_t	 term;

	if (d->body_words++ >= BODY_WORDS)
		return;
	if ((term = word_term(d->lang, w, len, hash)) != 0)
		doc_push_term(d, term, 1);
}

/*
 * A word of the title: its term, weighing TITLE_WEIGHT, the term of its
 * prefix and that of the pair it makes with the word before, up to
 * TITLE_WORDS words; all words, stop words too, make the title's key.
 */
static void
title_word(void *ud, const char *w, size_t len, uint64_t hash)
{
	struct analyser	*d = ud;
	char		 buf[2 * STEM_WORD_MAX + 8];
	size_t		 n;
	uint64_t	 term;
	const float	 weight = TITLE_WEIGHT;

	if (d->title_words >= TITLE_WORDS)
		return;
	if (d->title_words > 0)
		d->title_hash = hash_bytes(d->title_hash, " ", 1);
	d->title_hash = hash_bytes(d->title_hash, w, len);
	d->title_words++;
	if ((term = word_term(d->lang, w, len, hash)) == 0) {
		d->prevlen = 0;
		return;
	}
	doc_push_term(d, term, weight);
	/*
	 * A long title word also gives its first PREFIX_CHARS letters, a
	 * term of its own: derived forms the light stemmers keep apart meet
	 * there ("japan", "japanese"; "bankrupt", "bankruptcy"), the way
	 * truncation to four or five letters does as a stemmer of its own
	 * (McNamee and Mayfield, "Character n-gram tokenization for European
	 * language text retrieval", 2004).
	 */
	if ((n = prefix_len(w, len, PREFIX_CHARS)) < len) {
		buf[0] = '\x01';	/* never a word's first byte */
		memcpy(buf + 1, w, n);
		doc_push(d, buf, n + 1, weight * PREFIX_WEIGHT);
	}
	/*
	 * Two adjacent title words also make one term, written together and
	 * stemmed: names and phrases ("wall street") weigh more than their
	 * words apart, and a compound matches its parts ("mtgox" and "mt
	 * gox", "bundesregierung" and "bundes regierung").
	 */
	if (d->prevlen > 0) {
		memcpy(buf, d->prev, d->prevlen);
		memcpy(buf + d->prevlen, w, len + 1);
		n = stem_word(d->lang, buf, len + d->prevlen);
		doc_push(d, buf, n, weight * PAIR_WEIGHT);
	}
	memcpy(d->prev, w, len);
	d->prevlen = len;
}

/* Whether x comes before y heaviest first (ties: the lower term). */
static int
tw_heavier(const struct tw *x, const struct tw *y)
{
	if (x->w != y->w)
		return x->w > y->w;
	return x->term < y->term;
}

/* Whether x comes before y: by weight (tw_heavier), else by term. */
static inline int
tw_before(const struct tw *x, const struct tw *y, int by_weight)
{
	return by_weight ? tw_heavier(x, y) : x->term < y->term;
}

static void
tw_swap(struct tw *v, size_t a, size_t b)
{
	struct tw	 t = v[a];

	v[a] = v[b];
	v[b] = t;
}

/*
 * Hoare's partition of v[n] (n > 2) on the median of three: returns j
 * such that v[0..j] come before or tie with v[j + 1..n), both not empty.
 */
static inline size_t
tws_partition(struct tw *v, size_t n, int by_weight)
{
	struct tw	 pivot;
	size_t		 i, j, mid = n / 2;

	if (tw_before(&v[mid], &v[0], by_weight))
		tw_swap(v, mid, 0);
	if (tw_before(&v[n - 1], &v[mid], by_weight)) {
		tw_swap(v, mid, n - 1);
		if (tw_before(&v[mid], &v[0], by_weight))
			tw_swap(v, mid, 0);
	}
	pivot = v[mid];
	for (i = 0, j = n - 1;; i++, j--) {
		while (tw_before(&v[i], &pivot, by_weight))
			i++;
		while (tw_before(&pivot, &v[j], by_weight))
			j--;
		if (i >= j)
			return j;
		tw_swap(v, i, j);
	}
}

/*
 * An in-place sort of v[n] by term, for the terms a centroid cut keeps
 * (its length is then summed in term order): a quicksort, recursing into
 * the smaller side (so the stack stays log n), with insertion sort for
 * short runs.  qsort's call through a pointer for every comparison cost
 * more than the comparisons themselves.
 */
static void
tws_sort(struct tw *v, size_t n)
{
	struct tw	 t;
	size_t		 i, j;

	while (n > 16) {
		j = tws_partition(v, n, 0);
		if (j + 1 < n - j - 1) {
			tws_sort(v, j + 1);
			v += j + 1;
			n -= j + 1;
		} else {
			tws_sort(v + j + 1, n - j - 1);
			n = j + 1;
		}
	}
	for (i = 1; i < n; i++) {
		t = v[i];
		for (j = i; j > 0 && t.term < v[j - 1].term; j--)
			v[j] = v[j - 1];
		v[j] = t;
	}
}

/*
 * Reorders v[n] so that its k heaviest come first, in no order
 * (quickselect): a centroid cut keeps the same terms as sorting it
 * whole would, at a fraction of the cost.
 */
static void
tws_select(struct tw *v, size_t n, size_t k)
{
	size_t	 j;

	while (n > 2 && k > 0 && k < n) {
		j = tws_partition(v, n, 1);
		if (k <= j + 1)
			n = j + 1;
		else {
			v += j + 1;
			k -= j + 1;
			n -= j + 1;
		}
	}
	if (n == 2 && k == 1 && tw_heavier(&v[1], &v[0]))
		tw_swap(v, 0, 1);
}

/*
 * Analyses doc into words[WORDS_MAX]: its words, stemmed and hashed,
 * merged into distinct terms (in the order met) with their summed
 * weights, and its keys; returns how many terms.  It reads nothing but doc and
 * the stemmer's tables.
 */
static size_t
terms_analyse(const struct story_doc *doc, struct dword *words,
    uint64_t *link_key, uint64_t *title_key)
{
	struct analyser	 a;
	uint16_t	 seen[DEDUP_SIZE];	/* index + 1 in words, or 0 */
	const char	*text = doc->text != NULL ? doc->text : "";
	const char	*title = doc->title != NULL ? doc->title : "";
	size_t		 i, j, n, tlen, xlen, size;
	int		 html;

	memset(&a, 0, sizeof a);
	a.words = words;
	tlen = strlen(title);
	xlen = stories_text_len(text);
	html = stem_looks_html(text, xlen);
	/* None given, or not one of ours: the nearest of ours. */
	if ((a.lang = stem_lang_code(doc->lang)) == STEM_UNKNOWN)
		a.lang = detect_lang(title, tlen, text, xlen, html);
	a.title_hash = HASH_INIT;
	stem_words(title, tlen, stem_looks_html(title, tlen), title_word, &a);
	stem_words(text, xlen, html, doc_word, &a);
	*title_key = 0;
	if (a.title_words >= TITLE_KEY_WORDS)
		*title_key = hash_final(hash_bytes(a.title_hash, "T", 1));
	*link_key = 0;
	if (doc->link != NULL && *doc->link != '\0')
		*link_key = hash_final(hash_bytes(hash_bytes(HASH_INIT,
		    doc->link, strlen(doc->link)), "L", 1));

	/*
	 * Repeated terms merge through a small hash table, of twice as many
	 * slots as words at least (clearing all DEDUP_SIZE of them cost more
	 * than the merge, for an article of a few dozen words).
	 */
	for (size = 16; size < 2 * a.nwords; size *= 2)
		;
	memset(seen, 0, size * sizeof *seen);
	for (i = n = 0; i < a.nwords; i++) {
		for (j = words[i].hash & (size - 1); seen[j] != 0;
		    j = (j + 1) & (size - 1))
			if (words[seen[j] - 1].hash == words[i].hash)
				break;
		if (seen[j] != 0)
			words[seen[j] - 1].weight += words[i].weight;
		else {
			seen[j] = (uint16_t)(n + 1);
			words[n++] = words[i];
		}
	}
	return n;
}

/*
 * The language of an article that gives none: its text's (the part the
 * engine reads), else its title's; STEM_UNKNOWN when neither shows one.
 */
static enum stem_lang
detect_lang(const char *title, size_t tlen, const char *text, size_t xlen,
    int html)
{
	enum stem_lang	 l;

	if ((l = stem_detect(text, xlen, html)) == STEM_UNKNOWN)
		l = stem_detect(title, tlen, 0);
	return l;
}

const char *
stories_detect(const char *title, const char *text)
{
	enum stem_lang	 l;
	size_t		 xlen;

	if (title == NULL)
		title = "";
	if (text == NULL)
		text = "";
	xlen = stories_text_len(text);
	l = detect_lang(title, strlen(title), text, xlen,
	    stem_looks_html(text, xlen));
	return l == STEM_UNKNOWN ? NULL : stem_lang_name(l);
}

size_t
stories_text_len(const char *s)
{
	size_t	 len;

	len = strnlen(s, STORIES_TEXT_MAX + 1);
	if (len > STORIES_TEXT_MAX) {
		len = STORIES_TEXT_MAX;
		while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
			len--;
	}
	return len;
}

struct story_terms *
stories_analyse(const struct story_doc *doc, void *(*alloc)(void *, size_t),
    void *ud)
{
	struct dword		 words[WORDS_MAX];
	struct story_terms	*t;
	uint64_t		 link_key, title_key;
	size_t			 n, size;

	n = terms_analyse(doc, words, &link_key, &title_key);
	size = sizeof *t + n * sizeof *words;
	t = alloc != NULL ? alloc(ud, size) : xmalloc(size);
	t->link_key = link_key;
	t->title_key = title_key;
	t->nwords = n;
	if (n > 0)
		memcpy(t->words, words, n * sizeof *words);
	return t;
}

/*
 * Makes s->d the article doc unless it is the one prepared last: its
 * terms (the caller's, else analysed now) weighted by the frequencies
 * counted so far (terms not yet known get NOSLOT).
 */
static void
doc_prepare(struct stories *s, const struct story_doc *doc)
{
	struct doc	*d = &s->d;
	size_t		 i;
	double		 n;
	uint64_t	*p;
	uint32_t	 df;
	double		 w, norm = 0, idf, ln_docs;

	if (d->valid && d->item == doc->item && d->title == doc->title &&
	    d->text == doc->text && d->link == doc->link &&
	    d->langp == doc->lang && d->termsp == doc->terms)
		return;
	d->valid = 1;
	d->item = doc->item;
	d->title = doc->title;
	d->text = doc->text;
	d->link = doc->link;
	d->langp = doc->lang;
	d->termsp = doc->terms;
	if (doc->terms != NULL)
		d->t = doc->terms;
	else {
		free(d->own);
		d->t = d->own = stories_analyse(doc, NULL, NULL);
	}
	if (d->t->nwords > d->capvec) {
		d->capvec = d->t->nwords;
		d->vec = xreallocarray(d->vec, d->capvec, sizeof *d->vec);
	}
	d->nvec = d->t->nwords;
	ln_docs = ln_count(s, s->ndocs + 1);
	for (i = 0; i < d->nvec; i++) {
		n = d->t->words[i].weight;
		/*
		 * The table is large and each term somewhere else in it:
		 * its slot for a term a few ahead is fetched meanwhile.
		 */
		if (i + PREFETCH_AHEAD < d->nvec && s->termmap.cap > 0)
			__builtin_prefetch(&s->termmap.e[d->t->words[i +
			    PREFETCH_AHEAD].hash & (s->termmap.cap - 1)]);
		p = umap_find(&s->termmap, d->t->words[i].hash);
		df = p != NULL ? s->terms[*p].df : 0;
		/* ln((N + 1) / (df + 1)) + 1; df is below UINT32_MAX. */
		idf = ln_docs - ln_count(s, (uint64_t)df + 1) + 1;
		/* Most terms occur once, and 1 + ln 1 is 1. */
		if (n > 1)
			n = n == (uint64_t)n ? 1 + ln_count(s, (uint64_t)n) :
			    1 + log(n);
		w = n * idf;
		d->vec[i].term = p != NULL ? (uint32_t)*p : NOSLOT;
		d->vec[i].w = (float)w;
		norm += w * w;
	}
	norm = sqrt(norm);
	for (i = 0; i < d->nvec; i++)
		d->vec[i].w = (float)(d->vec[i].w / norm);
}

/* The squared length of v, its terms added in order. */
static double
vec_norm2(const struct tw *v, size_t n)
{
	double	 sum = 0;
	size_t	 i;

	for (i = 0; i < n; i++)
		sum += (double)v[i].w * v[i].w;
	return sum;
}

static struct story *
story_get(const struct stories *s, int64_t id)
{
	uint64_t	*p;

	if (id <= 0 || (p = umap_find(&s->idmap, (uint64_t)id)) == NULL)
		return NULL;
	return &s->slots[*p];
}

int64_t
stories_match(struct stories *s, const struct story_doc *doc)
{
	struct doc	*d = &s->d;
	struct story	*st, *best = NULL;
	struct term	*t;
	uint64_t	*p;
	size_t		 i, j;
	struct post	*post;
	uint32_t	 slot;
	double		 acc, sim, bestsim = 0;

	doc_prepare(s, doc);
	if ((d->t->link_key != 0 && (p = umap_find(&s->keymap,
	    d->t->link_key)) != NULL) || (d->t->title_key != 0 &&
	    (p = umap_find(&s->keymap, d->t->title_key)) != NULL)) {
		st = story_get(s, (int64_t)*p);
		if (st != NULL && within(doc->time, st->latest, s->p.window))
			return st->id;
	}
	s->ntouched = 0;
	for (i = 0; i < d->nvec; i++) {
		if (d->vec[i].term == NOSLOT)
			continue;
		t = &s->terms[d->vec[i].term];
		post = term_posts(t);
		for (j = 0; j < t->npost; j++) {
			slot = post[j].slot;
			/* Without a branch: which it takes is a coin toss. */
			s->touched[s->ntouched] = slot;
			s->ntouched += s->acc[slot] == 0;
			s->acc[slot] += d->vec[i].w * post[j].w;
		}
	}
	for (i = 0; i < s->ntouched; i++) {
		slot = s->touched[i];
		st = &s->slots[slot];
		acc = s->acc[slot];
		s->acc[slot] = 0;
		if (!within(doc->time, st->latest, s->p.window))
			continue;
		/*
		 * A prior for size, as in a Chinese restaurant process: a
		 * story of many articles is likelier to get the next one, and
		 * its centroid is the surer estimate of what it is about.
		 */
		sim = acc / sqrt(st->norm2) * (1 + SIZE_PRIOR *
		    ln_table[st->ndocs < SIZE_PRIOR_MAX ? st->ndocs :
		    SIZE_PRIOR_MAX]);
		if (sim > bestsim || (sim == bestsim && best != NULL &&
		    st->seq > best->seq)) {
			bestsim = sim;
			best = st;
		}
	}
	s->ntouched = 0;
	if (best == NULL || bestsim < s->p.threshold)
		return 0;
	return best->id;
}

static struct post *
term_posts(struct term *t)
{
	return t->npost > POST_INLINE ? t->post.heap : t->post.inline_;
}

static void
post_add(struct term *t, uint32_t slot, float w)
{
	struct post	*heap;
	uint32_t	 n = t->npost;

	if (n == POST_INLINE) {
		heap = xreallocarray(NULL, 2 * POST_INLINE, sizeof *heap);
		memcpy(heap, t->post.inline_, sizeof t->post.inline_);
		t->post.heap = heap;
	} else if (n > POST_INLINE && (n & (n - 1)) == 0)
		t->post.heap = xreallocarray(t->post.heap, 2 * (size_t)n,
		    sizeof *t->post.heap);
	heap = n >= POST_INLINE ? t->post.heap : t->post.inline_;
	heap[n].slot = slot;
	heap[n].w = w;
	t->npost = n + 1;
}

/* The posting of the story in slot among t's, or NULL. */
static struct post *
post_find(struct term *t, uint32_t slot)
{
	struct post	*post = term_posts(t);
	uint32_t	 i;

	for (i = 0; i < t->npost; i++)
		if (post[i].slot == slot)
			return &post[i];
	return NULL;
}

static void
post_del(struct term *t, uint32_t slot)
{
	struct post	*post = term_posts(t), *heap;
	uint32_t	 i;

	for (i = 0; i < t->npost; i++)
		if (post[i].slot == slot) {
			post[i] = post[--t->npost];
			break;
		}
	if (t->npost == POST_INLINE && post != t->post.inline_) {
		heap = t->post.heap;
		memcpy(t->post.inline_, heap, sizeof t->post.inline_);
		free(heap);
	}
}

/* The index of a new term of hash h, which the table does not have. */
static uint32_t
term_new(struct stories *s, uint64_t h)
{
	uint32_t	 i;

	if (s->nfreeterms > 0)
		i = s->freeterms[--s->nfreeterms];
	else {
		if (s->nterms == s->capterms) {
			s->capterms = s->capterms == 0 ? 1024 :
			    s->capterms * 2;
			s->terms = xreallocarray(s->terms, s->capterms,
			    sizeof *s->terms);
		}
		i = (uint32_t)s->nterms++;
	}
	memset(&s->terms[i], 0, sizeof s->terms[i]);
	s->terms[i].hash = h;
	umap_add(&s->termmap, h, i);
	s->liveterms++;
	return i;
}

/*
 * Forgets the terms no hot story has that were seen in fewest articles
 * (once, then up to twice, four and eight times) until the table is at
 * three quarters of TERMS_MAX: a forgotten term that comes back starts
 * its count again, as a rare term would anyway.  The terms hot stories
 * hold stay (at most max_hot times CENTROID_MAX), so the next pruning
 * waits for TERMS_MAX / 4 new terms whatever this one achieved.
 */
static void
terms_prune(struct stories *s)
{
	struct term	*t;
	uint32_t	 limit;
	size_t		 i;

	for (limit = 1; limit <= 8 && s->liveterms > TERMS_MAX / 4 * 3;
	    limit *= 2) {
		for (i = 0; i < s->nterms; i++) {
			t = &s->terms[i];
			if (t->hash == 0 || t->npost > 0 || t->df > limit)
				continue;
			umap_del(&s->termmap, t->hash);
			t->hash = 0;
			if (s->nfreeterms % 1024 == 0)
				s->freeterms = xreallocarray(s->freeterms,
				    s->nfreeterms + 1024,
				    sizeof *s->freeterms);
			s->freeterms[s->nfreeterms++] = (uint32_t)i;
			s->liveterms--;
		}
	}
	s->prune_at = s->liveterms + TERMS_MAX / 4;
	if (s->prune_at < TERMS_MAX)
		s->prune_at = TERMS_MAX;
}

static int
heap_less(const struct stories *s, size_t a, size_t b)
{
	const struct story	*x = &s->slots[s->heap[a]];
	const struct story	*y = &s->slots[s->heap[b]];

	if (x->latest != y->latest)
		return x->latest < y->latest;
	return x->seq < y->seq;
}

static void
heap_swap(struct stories *s, size_t a, size_t b)
{
	uint32_t	 t = s->heap[a];

	s->heap[a] = s->heap[b];
	s->heap[b] = t;
	s->slots[s->heap[a]].heap = a;
	s->slots[s->heap[b]].heap = b;
}

/* Moves the entry at i up or down to its place. */
static void
heap_fix(struct stories *s, size_t i)
{
	size_t	 c;

	while (i > 0 && heap_less(s, i, (i - 1) / 2)) {
		heap_swap(s, i, (i - 1) / 2);
		i = (i - 1) / 2;
	}
	for (;;) {
		c = 2 * i + 1;
		if (c >= s->nheap)
			break;
		if (c + 1 < s->nheap && heap_less(s, c + 1, c))
			c++;
		if (!heap_less(s, c, i))
			break;
		heap_swap(s, i, c);
		i = c;
	}
}

static void
heap_del(struct stories *s, size_t i)
{
	s->nheap--;
	if (i == s->nheap)
		return;
	heap_swap(s, i, s->nheap);
	heap_fix(s, i);
}

/*
 * Adds the time of article number s->ndocs to recent and returns the
 * oldest time of the last STORIES_RECENT articles.
 */
static int64_t
recent_add(struct stories *s, int64_t t)
{
	/* A time not older than t is never the oldest again. */
	while (s->nrecent > 0 && s->recent[(s->recent0 + s->nrecent - 1) %
	    STORIES_RECENT].time >= t)
		s->nrecent--;
	while (s->nrecent > 0 && s->recent[s->recent0].n + STORIES_RECENT <=
	    s->ndocs) {
		s->recent0 = (s->recent0 + 1) % STORIES_RECENT;
		s->nrecent--;
	}
	s->recent[(s->recent0 + s->nrecent) % STORIES_RECENT].n = s->ndocs;
	s->recent[(s->recent0 + s->nrecent) % STORIES_RECENT].time = t;
	s->nrecent++;
	return s->recent[s->recent0].time;
}

static struct story *
story_new(struct stories *s, int64_t id)
{
	struct story	*st;
	uint32_t	 slot;

	if (s->nfreeslots > 0)
		slot = s->freeslots[--s->nfreeslots];
	else {
		if (s->nslots == s->capslots) {
			s->capslots = s->capslots == 0 ? 64 : s->capslots * 2;
			s->slots = xreallocarray(s->slots, s->capslots,
			    sizeof *s->slots);
			s->freeslots = xreallocarray(s->freeslots,
			    s->capslots, sizeof *s->freeslots);
			s->heap = xreallocarray(s->heap, s->capslots,
			    sizeof *s->heap);
			/* One more: stories_match writes one past. */
			s->touched = xreallocarray(s->touched,
			    s->capslots + 1, sizeof *s->touched);
			s->acc = xreallocarray(s->acc, s->capslots,
			    sizeof *s->acc);
		}
		slot = (uint32_t)s->nslots++;
		s->acc[slot] = 0;
	}
	st = &s->slots[slot];
	memset(st, 0, sizeof *st);
	st->id = id;
	st->latest = INT64_MIN;
	umap_put(&s->idmap, (uint64_t)id, slot);
	st->heap = s->nheap;
	s->heap[s->nheap++] = slot;
	return st;
}

static void
story_evict(struct stories *s, struct story *st)
{
	uint32_t	 slot = (uint32_t)(st - s->slots), i;
	uint64_t	*p;

	for (i = 0; i < st->nterms; i++)
		post_del(&s->terms[st->centroid[i]], slot);
	for (i = 0; i < st->nkeys && i < KEYS_MAX; i++) {
		p = umap_find(&s->keymap, st->keys[i]);
		if (p != NULL && *p == (uint64_t)st->id)
			umap_del(&s->keymap, st->keys[i]);
	}
	umap_del(&s->idmap, (uint64_t)st->id);
	heap_del(s, st->heap);
	free(st->centroid);
	free(st->cvec);
	memset(st, 0, sizeof *st);
	s->freeslots[s->nfreeslots++] = slot;
}

/*
 * Adds the analysed article's vector to the story's centroid: a term the
 * story has gains weight in its posting, a new one gets a posting and
 * joins the story's terms, and the centroid's squared length changes by
 * what was added, not by a pass over the whole.  Returns the dot product
 * of the article with the new centroid, or -1 when the centroid was cut.
 */
static double
story_merge(struct stories *s, struct story *st)
{
	struct doc	*d = &s->d;
	struct term	*t;
	struct post	*p;
	uint32_t	 slot = (uint32_t)(st - s->slots);
	size_t		 j;
	double		 dot = 0, norm2 = st->norm2;
	float		 w;

	if (st->capterms < st->nterms + d->nvec) {
		st->capterms = st->nterms + (uint32_t)d->nvec +
		    st->capterms / 2;
		st->centroid = xreallocarray(st->centroid, st->capterms,
		    sizeof *st->centroid);
	}
	for (j = 0; j < d->nvec; j++) {
		t = &s->terms[d->vec[j].term];
		if ((p = post_find(t, slot)) != NULL) {
			norm2 -= (double)p->w * p->w;
			w = p->w += d->vec[j].w;
		} else {
			w = d->vec[j].w;
			post_add(t, slot, w);
			st->centroid[st->nterms++] = d->vec[j].term;
		}
		norm2 += (double)w * w;
		dot += (double)d->vec[j].w * w;
	}
	st->norm2 = norm2;
	if (st->nterms > CENTROID_MAX) {
		story_cut(s, st);
		return -1;
	}
	return dot;
}

/*
 * Keeps the CENTROID_KEEP heaviest terms of the centroid, and adds up
 * again what was kept of it as it grew.
 */
static void
story_cut(struct stories *s, struct story *st)
{
	uint32_t	 slot = (uint32_t)(st - s->slots), i;
	struct post	*p;
	struct tw	*v;

	if (s->capscratch < st->nterms) {
		s->capscratch = st->nterms;
		s->scratch = xreallocarray(s->scratch, s->capscratch,
		    sizeof *s->scratch);
	}
	v = s->scratch;
	for (i = 0; i < st->nterms; i++) {
		p = post_find(&s->terms[st->centroid[i]], slot);
		v[i].term = st->centroid[i];
		v[i].w = p != NULL ? p->w : 0;
	}
	tws_select(v, st->nterms, CENTROID_KEEP);
	for (i = CENTROID_KEEP; i < st->nterms; i++)
		post_del(&s->terms[v[i].term], slot);
	st->nterms = CENTROID_KEEP;
	tws_sort(v, st->nterms);
	for (i = 0; i < st->nterms; i++)
		st->centroid[i] = v[i].term;
	st->norm2 = vec_norm2(v, st->nterms);
	st->cdot = cvec_dot(st, v, st->nterms);
}

/* The dot product of the vector v[n], in any order, with the centroid. */
static double
story_dot(struct stories *s, const struct story *st, const struct tw *v,
    size_t n)
{
	uint32_t	 slot = (uint32_t)(st - s->slots);
	struct post	*p;
	double		 sum = 0;
	size_t		 i;

	for (i = 0; i < n; i++)
		if ((p = post_find(&s->terms[v[i].term], slot)) != NULL)
			sum += (double)v[i].w * p->w;
	return sum;
}

/*
 * The central article's vector is kept as an open-addressing table of
 * its terms, twice as many slots as terms at least: each new article's
 * product with it is then a lookup of the article's terms.  Terms
 * spread by a multiplicative hash; NOSLOT marks an empty slot.
 */
static uint32_t
cvec_first(const struct story *st, uint32_t term)
{
	return (term * 0x9e3779b1u) >> 16 & (st->ccap - 1);
}

static void
cvec_set(struct story *st, const struct tw *v, size_t n)
{
	uint32_t	 cap = 4, i;
	size_t		 j;

	while (cap < 2 * n)
		cap *= 2;
	free(st->cvec);
	st->cvec = xreallocarray(NULL, cap, sizeof *st->cvec);
	st->ccap = cap;
	for (i = 0; i < cap; i++) {
		st->cvec[i].term = NOSLOT;
		st->cvec[i].w = 0;
	}
	for (j = 0; j < n; j++) {
		for (i = cvec_first(st, v[j].term); st->cvec[i].term != NOSLOT;
		    i = (i + 1) & (cap - 1))
			;
		st->cvec[i] = v[j];
	}
}

/* The dot product of v[n] with the central article's vector (0: none). */
static double
cvec_dot(const struct story *st, const struct tw *v, size_t n)
{
	double		 sum = 0;
	uint32_t	 i;
	size_t		 j;

	if (st->cvec == NULL)
		return 0;
	for (j = 0; j < n; j++)
		for (i = cvec_first(st, v[j].term); st->cvec[i].term != NOSLOT;
		    i = (i + 1) & (st->ccap - 1))
			if (st->cvec[i].term == v[j].term) {
				sum += (double)st->cvec[i].w * v[j].w;
				break;
			}
	return sum;
}

/* Remembers a duplicate key for the story, forgetting its oldest. */
static void
story_key(struct stories *s, struct story *st, uint64_t key)
{
	uint64_t	*p, old;

	if (key == 0)
		return;
	if (st->nkeys >= KEYS_MAX) {
		old = st->keys[st->nkeys % KEYS_MAX];
		p = umap_find(&s->keymap, old);
		if (p != NULL && *p == (uint64_t)st->id)
			umap_del(&s->keymap, old);
	}
	st->keys[st->nkeys++ % KEYS_MAX] = key;
	if (st->nkeys >= 2 * KEYS_MAX)
		st->nkeys -= KEYS_MAX;
	umap_put(&s->keymap, key, (uint64_t)st->id);
}

void
stories_add(struct stories *s, int64_t id, const struct story_doc *doc)
{
	struct doc	*d = &s->d;
	struct story	*st, *old;
	struct term	*t;
	size_t		 i;
	double		 dsim, csim, norm, dot;
	int64_t		 horizon;

	if (id <= 0)
		return;
	doc_prepare(s, doc);
	d->valid = 0;		/* the frequencies change below */
	s->ndocs++;
	horizon = recent_add(s, doc->time);
	/*
	 * Stories that no recent article could join go: those whose latest
	 * is a window before the oldest of the last STORIES_RECENT.  Not the
	 * newest: a refresh into an empty cache brings each feed newest
	 * first, and the older articles of the next feeds join the stories
	 * of the first's.  (A week of generated news in that order, with the
	 * newest, made B-cubed F1 0.37; 0.95 now, 0.99 in time order.)
	 */
	while (s->nheap > 0) {
		old = &s->slots[s->heap[0]];
		if (old->id == id || old->latest >= horizon ||
		    within(horizon, old->latest, s->p.window))
			break;
		story_evict(s, old);
	}
	for (i = 0; i < d->nvec; i++) {
		if (d->vec[i].term == NOSLOT)
			/* Not in the table when prepared, nor since: an
			   add makes the next one prepare anew. */
			d->vec[i].term = term_new(s, d->t->words[i].hash);
		t = &s->terms[d->vec[i].term];
		if (t->df < UINT32_MAX)
			t->df++;
	}
	if ((st = story_get(s, id)) == NULL) {
		while (s->nheap >= s->p.max_hot)
			story_evict(s, &s->slots[s->heap[0]]);
		st = story_new(s, id);
	}
	dot = story_merge(s, st);
	st->ndocs++;
	if (doc->time > st->latest || st->latest == INT64_MIN)
		st->latest = doc->time;
	st->seq = ++s->seq;
	heap_fix(s, st->heap);
	story_key(s, st, d->t->link_key);
	story_key(s, st, d->t->title_key);

	/*
	 * The central article: the nearer of this one and the last.  The
	 * last one's product with the centroid grew by its product with
	 * this article (story_cut made it anew when it cut).
	 */
	norm = sqrt(st->norm2);
	if (dot < 0)
		dot = story_dot(s, st, d->vec, d->nvec);
	else
		st->cdot += cvec_dot(st, d->vec, d->nvec);
	dsim = norm > 0 ? dot / norm : 0;
	csim = st->cvec != NULL && norm > 0 ? st->cdot / norm : -1;
	if (st->central == 0 || dsim > csim) {
		st->cdot = dot;
		st->central = doc->item;
		cvec_set(st, d->vec, d->nvec);
	}
	if (s->liveterms > s->prune_at)
		terms_prune(s);
}

int64_t
stories_central(const struct stories *s, int64_t id)
{
	const struct story	*st;

	if ((st = story_get(s, id)) == NULL)
		return 0;
	return st->central;
}
