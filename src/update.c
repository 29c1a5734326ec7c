/*
 * update.c owns a refresh: which feeds to fetch and how (validators from
 * the store, gone feeds skipped), the hand-over of body bytes to a parser
 * per transfer, and storing each result in its own transaction.  It keeps
 * the summary that refresh and the reader show.
 *
 * Storing runs on a second thread, the storer, with a connection of its
 * own: SQLite's inserts and commits are half of a refresh, and on two
 * cores they overlap with fetching and parsing instead of stopping them
 * (and the reader's keys) while each feed is written.  The loop's thread
 * queues every write of a refresh to it in order, as an op, and takes the
 * results back in update_step, so the summary and the progress callback
 * stay on the loop's thread.  A cache in memory (tests) is written on the
 * loop's thread, as is everything when the storer cannot start.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "feed.h"
#include "fetch.h"
#include "i18n.h"
#include "log.h"
#include "parse.h"
#include "store.h"
#include "txt.h"
#include "update.h"
#include "xmalloc.h"

struct job {
	struct update	*u;
	char		*url;
	struct parser	*parser;
	int		 toobig;	/* the parser refused more bytes */
	/* A web page rather than a feed: */
	void		(*page_done)(void *, const char *, size_t,
			    const char *);
	void		*page_ud;
	struct buf	 page;
};

/* Parsed feeds waiting for the storer, at most: memory stays bounded. */
#define STORER_MAX_FEEDS	64
#define STORER_MAX_BYTES	(8 << 20)	/* of the documents */
#define STORER_GROUP		16	/* ops stored in one commit at most */

enum op_type {
	OP_FEED,		/* store_update_feed */
	OP_CHECKED,		/* store_feed_checked */
	OP_GONE,		/* store_feed_gone */
	OP_MOVED		/* store_feed_moved */
};

/* One write of a refresh, done by the storer and handed back. */
struct op {
	enum op_type	 type;
	char		*url;
	struct feed	*feed;		/* OP_FEED */
	char		*etag;		/* OP_FEED: validators, or NULL */
	char		*last_modified;
	char		*stage;		/* OP_CHECKED: failure, or NULL */
	char		*error;		/* OP_CHECKED; OP_MOVED: target */
	int64_t		 now;
	size_t		 bytes;		/* the document's size, and prep's */
	int64_t		 max_age;	/* OP_FEED: how long it may be cached */
	struct track	*track;		/* OP_FEED: the policy it came with */
	struct track_prep *prep;	/* and its articles analysed */
	struct due_bounds bounds;
	int		 rc;		/* the result: 0 or -1 with cause */
	struct store_counts counts;
	char		*cause;
	struct op	*next;
};

struct storer {
	pthread_t	 thread;
	pthread_mutex_t	 lock;
	pthread_cond_t	 work;		/* the storer waits for ops */
	pthread_cond_t	 room;		/* the loop waits for queue room */
	struct op	*todo, **todo_tail;
	struct op	*done, **done_tail;
	size_t		 feeds;		/* OP_FEED in todo */
	size_t		 bytes;		/* their documents' bytes */
	int		 stop;
	int		 pipe[2];	/* a byte per op done, to wake the loop */
	struct store	*store;		/* the storer's own connection */
};

struct update {
	struct store	*store;
	struct fetcher	*fetcher;
	struct storer	*storer;	/* NULL: store on this thread */
	size_t		 storing;	/* ops handed over, not back yet: the
					   refresh is over only when its
					   checks and failures are written */
	struct update_summary sum;
	void		(*progress)(void *, const char *);
	void		*progress_ud;
	size_t		 max_bytes;
	struct update_policy pol;
};

static int	 on_body(void *, const struct fetch_info *, const char *,
		    size_t);
static void	 on_done(void *, const struct fetch_info *,
		    enum fetch_result, const char *);
static void	 fail(struct update *, const char *, enum update_stage,
		    const char *);
static int	 job_store(struct job *, const struct fetch_info *);
static int	 on_new_item(void *, struct store *,
		    const struct store_new_item *, char **);
static int64_t	 on_interval(void *, const struct store_activity *);
static char	**push_line(char **, size_t *, char *);
static struct op *op_new(enum op_type, const char *, int64_t);
static void	 op_free(struct op *);
static void	 op_run(struct store *, struct op *);
static void	 op_release(struct op *);
static void	 group_run(struct store *, struct op *, size_t);
static void	 group_fail(struct op *, const char *);
static void	 op_undone(struct op *, int, const char *);
static void	 op_submit(struct update *, struct op *);
static void	 op_finish(struct update *, struct op *);
static struct storer *storer_start(struct store *);
static void	 storer_stop(struct storer *);
static void	 storer_destroy(struct storer *);
static void	*storer_main(void *);
static void	 storer_collect(struct update *);
static int	 storer_busy(struct storer *);

static const char *const stage_names[] = {
	N_("fetch"), N_("parse"), N_("store")
};
static const char *const stage_keys[] = { "fetch", "parse", "store" };

const char *
update_stage_name(enum update_stage stage)
{
	return _(stage_names[stage]);
}

struct update *
update_new(struct store *store, const struct fetch_limits *lim,
    char **cause)
{
	struct update	*u;
	struct fetch_cb	 cb = { on_body, on_done };

	u = xcalloc(1, sizeof *u);
	u->store = store;
	u->max_bytes = lim->max_bytes;
	u->pol.bounds.min = DUE_RELOAD_MIN;
	u->pol.bounds.max = DUE_RELOAD_MAX;
	if ((u->fetcher = fetch_new(lim, &cb, cause)) == NULL) {
		free(u);
		return NULL;
	}
	u->storer = storer_start(store);
	return u;
}

void
update_free(struct update *u)
{
	size_t	 i;

	if (u == NULL)
		return;
	fetch_free(u->fetcher);
	storer_stop(u->storer);
	for (i = 0; i < u->sum.nfailures; i++) {
		free(u->sum.failures[i].url);
		free(u->sum.failures[i].reason);
	}
	free(u->sum.failures);
	for (i = 0; i < u->sum.nmoved; i++)
		free(u->sum.moved[i]);
	free(u->sum.moved);
	for (i = 0; i < u->sum.nwarnings; i++)
		free(u->sum.warnings[i]);
	free(u->sum.warnings);
	free(u);
}

void
update_set_policy(struct update *u, const struct update_policy *pol)
{
	u->pol = *pol;
}

void
update_set_progress(struct update *u, void (*fn)(void *, const char *),
    void *ud)
{
	u->progress = fn;
	u->progress_ud = ud;
}

void
update_add(struct update *u, const char *url, int allow_file, int force)
{
	struct store_feed_state	 st;
	struct job		*j;
	char			*cause = NULL;
	unsigned		*skipped;

	u->sum.feeds++;
	memset(&st, 0, sizeof st);
	if (store_feed_state(u->store, url, &st, &cause) != 0) {
		fail(u, url, UPDATE_STORE, cause);
		free(cause);
		u->sum.done++;
		return;
	}
	/* Gone feeds (410), and with the due policy those checked lately. */
	skipped = NULL;
	if (st.gone && !force)
		skipped = &u->sum.skipped_gone;
	else if (u->pol.due && !force && !due_now(st.checked, st.next_due,
	    (int64_t)time(NULL), &u->pol.bounds))
		skipped = &u->sum.skipped_not_due;
	if (skipped != NULL) {
		log_debug("update %s: skipped (%s)", url, st.gone ? "gone" :
		    "not due");
		(*skipped)++;
		u->sum.done++;
		store_feed_state_clear(&st);
		if (u->progress != NULL)
			u->progress(u->progress_ud, url);
		return;
	}
	j = xcalloc(1, sizeof *j);
	j->u = u;
	j->url = xstrdup(url);
	fetch_add(u->fetcher, url, force ? NULL : st.etag,
	    force ? NULL : st.last_modified, allow_file, j);
	store_feed_state_clear(&st);
}

void
update_add_page(struct update *u, const char *url,
    void (*done)(void *, const char *, size_t, const char *), void *ud)
{
	struct job	*j;

	j = xcalloc(1, sizeof *j);
	j->u = u;
	j->url = xstrdup(url);
	j->page_done = done;
	j->page_ud = ud;
	/* fetch.c caps the decoded bytes; this is the same cap again. */
	buf_init(&j->page, u->max_bytes);
	fetch_add(u->fetcher, url, NULL, NULL, 0, j);
}

/* The end of a page transfer: hand the body or the error over. */
static void
page_finish(struct job *j, enum fetch_result result, const char *error)
{
	char	*msg = NULL;

	if (result == FETCH_OK && !buf_toobig(&j->page))
		j->page_done(j->page_ud, buf_str(&j->page),
		    buf_len(&j->page), NULL);
	else {
		if (result == FETCH_OK)
			/* TRANSLATORS: %s is a web page's URL. */
			msg = xprintf(_("%s: the page is too large"), j->url);
		else if (result == FETCH_FAILED && error != NULL)
			msg = xstrdup(error);
		else
			/* TRANSLATORS: %s is a web page's URL. */
			msg = xprintf(_("%s: the page could not be fetched"),
			    j->url);
		j->page_done(j->page_ud, NULL, 0, msg);
		free(msg);
	}
	buf_free(&j->page);
	free(j->url);
	free(j);
}

size_t
update_step(struct update *u, int timeout_ms, int fd)
{
	struct pollfd	 pfd[2];
	int		 fds[2];
	size_t		 nfds = 0;

	if (fd >= 0)
		fds[nfds++] = fd;
	if (u->storer != NULL)
		fds[nfds++] = u->storer->pipe[0];
	if (fetch_pending(u->fetcher) == 0 && u->storing > 0) {
		/* Only the storer is busy: wait for it (or for fd). */
		pfd[0].fd = fds[0];
		pfd[1].fd = fds[nfds - 1];
		pfd[0].events = pfd[1].events = POLLIN;
		(void)poll(pfd, nfds, timeout_ms);
	} else
		(void)fetch_wait(u->fetcher, timeout_ms, fds, nfds);
	storer_collect(u);
	return fetch_pending(u->fetcher) + u->storing;
}

const struct update_summary *
update_summary(const struct update *u)
{
	return &u->sum;
}

uint64_t
update_bytes(const struct update *u)
{
	return fetch_bytes(u->fetcher);
}

static char **
push_line(char **lines, size_t *n, char *line)
{
	lines = xreallocarray(lines, *n + 1, sizeof *lines);
	lines[(*n)++] = line;
	return lines;
}

static void
fail(struct update *u, const char *url, enum update_stage stage,
    const char *reason)
{
	struct update_failure	*f;

	u->sum.failures = xreallocarray(u->sum.failures, u->sum.nfailures + 1,
	    sizeof *u->sum.failures);
	f = &u->sum.failures[u->sum.nfailures++];
	f->url = txt_sanitize(url, strlen(url), TXT_ONELINE);
	f->stage = stage;
	f->reason = txt_sanitize(reason != NULL ? reason : "",
	    reason != NULL ? strlen(reason) : 0, TXT_ONELINE);
}

/* Bytes of the answer go straight into the parser: no whole copy. */
static int
on_body(void *ud, const struct fetch_info *info, const char *data,
    size_t len)
{
	struct job	*j = ud;

	if (j->page_done != NULL)
		return buf_add(&j->page, data, len);
	if (j->parser == NULL)
		j->parser = parse_new(j->url, j->url, info->charset);
	if (parse_push(j->parser, data, len) != 0) {
		j->toobig = 1;
		return -1;
	}
	return 0;
}

/*
 * store_update_feed's hooks, on the storer's thread: a story for each new
 * article, in the feed's transaction, and the feed's poll interval.  They
 * read the policy the op was queued with, never the update's.
 */
static int
on_new_item(void *ud, struct store *s, const struct store_new_item *ni,
    char **cause)
{
	struct op	*op = ud;

	return track_assign(op->track, s, op->prep, ni, cause);
}

static int64_t
on_interval(void *ud, const struct store_activity *a)
{
	struct op	*op = ud;

	return due_interval(a, &op->bounds);
}

/*
 * Whether the storer has a feed waiting or being stored.  A refresh of
 * many feeds waits for the storer (the parsing thread waited 60 to 100
 * ms a cold refresh of 500 feeds for room in its queue), so whatever the
 * parsing thread does in its stead is free.
 */
static int
storer_busy(struct storer *w)
{
	int	 busy;

	if (w == NULL)
		return 0;
	pthread_mutex_lock(&w->lock);
	busy = w->feeds > 0;
	pthread_mutex_unlock(&w->lock);
	return busy;
}

/* Parses what came and hands it to the storer: 1, or 0 if it failed. */
static int
job_store(struct job *j, const struct fetch_info *info)
{
	struct update	*u = j->u;
	struct op	*op;
	char		*cause = NULL, *warning = NULL;
	int64_t		 now = (int64_t)time(NULL);

	if (j->parser == NULL)
		j->parser = parse_new(j->url, j->url, info->charset);
	op = op_new(OP_FEED, j->url, now);
	op->feed = parse_finish(j->parser, &cause, &warning);
	if (warning != NULL)
		u->sum.warnings = push_line(u->sum.warnings,
		    &u->sum.nwarnings, warning);
	if (op->feed == NULL) {
		fail(u, j->url, UPDATE_PARSE, cause);
		op->type = OP_CHECKED;
		op->stage = xstrdup(stage_keys[UPDATE_PARSE]);
		op->error = cause;
		op_submit(u, op);
		return 0;
	}
	op->etag = info->etag != NULL ? xstrdup(info->etag) : NULL;
	op->last_modified = info->last_modified != NULL ?
	    xstrdup(info->last_modified) : NULL;
	op->bytes = info->bytes;
	op->max_age = info->max_age;
	op->track = u->pol.track;
	op->bounds = u->pol.bounds;
	/*
	 * The stories engine reads each new article (track_assign, on the
	 * storer's thread), unless the storer is busy: then this thread
	 * reads all of the feed's articles now, the known ones too (which
	 * are new only the store knows), so that the slower of the two
	 * threads does less.
	 */
	if (op->track != NULL) {
		op->prep = track_prep_new(op->feed);
		if (storer_busy(u->storer))
			track_prep_all(op->prep);
		op->bytes += track_prep_size(op->prep);
	}
	/* Counted done, with the progress callback, when it comes back. */
	op_submit(u, op);
	return 1;
}

static void
on_done(void *ud, const struct fetch_info *info, enum fetch_result result,
    const char *error)
{
	struct job	*j = ud;
	struct update	*u = j->u;
	struct op	*op;
	int64_t		 now = (int64_t)time(NULL);

	if (j->page_done != NULL) {
		page_finish(j, result, error);
		return;
	}
	if (info->moved_to != NULL) {
		char	*line = xprintf("%s -> %s", j->url, info->moved_to);

		u->sum.moved = push_line(u->sum.moved, &u->sum.nmoved,
		    txt_sanitize(line, strlen(line), TXT_ONELINE));
		free(line);
		op = op_new(OP_MOVED, j->url, now);
		op->error = xstrdup(info->moved_to);
		op_submit(u, op);
	}
	switch (result) {
	case FETCH_OK:
		if (j->toobig) {
			fail(u, j->url, UPDATE_PARSE,
			    _("the document is too large"));
			break;
		}
		if (!job_store(j, info))
			break;
		log_debug("update %s: parsed", j->url);
		parse_free(j->parser);
		free(j->url);
		free(j);
		return;
	case FETCH_NOT_MODIFIED:
		u->sum.unchanged_feeds++;
		op_submit(u, op_new(OP_CHECKED, j->url, now));
		break;
	case FETCH_GONE:
		fail(u, j->url, UPDATE_FETCH, _("HTTP 410 Gone: the feed is "
		    "no longer fetched (refresh --force tries again)"));
		op_submit(u, op_new(OP_GONE, j->url, now));
		break;
	case FETCH_FAILED:
		fail(u, j->url, UPDATE_FETCH, error);
		op = op_new(OP_CHECKED, j->url, now);
		op->stage = xstrdup(stage_keys[UPDATE_FETCH]);
		op->error = error != NULL ? xstrdup(error) : NULL;
		op_submit(u, op);
		break;
	}
	u->sum.done++;
	log_debug("update %s: result %d", j->url, (int)result);
	if (u->progress != NULL)
		u->progress(u->progress_ud, j->url);
	parse_free(j->parser);
	free(j->url);
	free(j);
}

static struct op *
op_new(enum op_type type, const char *url, int64_t now)
{
	struct op	*op;

	op = xcalloc(1, sizeof *op);
	op->type = type;
	op->url = xstrdup(url);
	op->now = now;
	return op;
}

static void
op_free(struct op *op)
{
	if (op == NULL)
		return;
	free(op->url);
	track_prep_free(op->prep);
	feed_free(op->feed);
	free(op->etag);
	free(op->last_modified);
	free(op->stage);
	free(op->error);
	free(op->cause);
	free(op);
}

/* Does the write on store s (the storer's, or the loop's own). */
static void
op_run(struct store *s, struct op *op)
{
	struct store_hooks	 hooks;

	switch (op->type) {
	case OP_FEED:
		hooks.new_item = op->track != NULL ? on_new_item : NULL;
		hooks.interval = on_interval;
		hooks.ud = op;
		store_set_hooks(s, &hooks);
		store_set_max_age(s, op->max_age);
		op->rc = store_update_feed(s, op->url, op->feed, op->etag,
		    op->last_modified, op->now, &op->counts, &op->cause);
		store_set_hooks(s, NULL);
		/* The engine may hold stories the rollback took away. */
		if (op->rc != 0 && op->track != NULL)
			track_reset(op->track);
		break;
	case OP_CHECKED:
		op->rc = store_feed_checked(s, op->url, op->now, op->stage,
		    op->error, &op->cause);
		break;
	case OP_GONE:
		op->rc = store_feed_gone(s, op->url, 1, &op->cause);
		break;
	case OP_MOVED:
		op->rc = store_feed_moved(s, op->url, op->error, &op->cause);
		break;
	}
}

/*
 * Frees what op_run needed and the loop does not: the parsed feed, once
 * it is in the cache for good (a lost group runs it again).
 */
static void
op_release(struct op *op)
{
	track_prep_free(op->prep);
	op->prep = NULL;
	feed_free(op->feed);
	op->feed = NULL;
}

/* Queues op for the storer, or does it now without one. */
static void
op_submit(struct update *u, struct op *op)
{
	struct storer	*w = u->storer;

	u->storing++;
	if (w == NULL) {
		op_run(u->store, op);
		op_release(op);
		op_finish(u, op);
		return;
	}
	pthread_mutex_lock(&w->lock);
	if (op->type == OP_FEED) {
		while (w->feeds > 0 && (w->feeds >= STORER_MAX_FEEDS ||
		    w->bytes + op->bytes > STORER_MAX_BYTES))
			pthread_cond_wait(&w->room, &w->lock);
		w->feeds++;
		w->bytes += op->bytes;
	}
	*w->todo_tail = op;
	w->todo_tail = &op->next;
	pthread_cond_signal(&w->work);
	pthread_mutex_unlock(&w->lock);
}

/* The loop's side of a finished op: the summary and the progress. */
static void
op_finish(struct update *u, struct op *op)
{
	u->storing--;
	if (op->type != OP_FEED) {
		/* Only a feed's update is a result; the rest are notes. */
		if (op->rc != 0)
			log_debug("update %s: %s", op->url, op->cause != NULL ?
			    op->cause : "not recorded");
		op_free(op);
		return;
	}
	if (op->rc != 0)
		fail(u, op->url, UPDATE_STORE, op->cause);
	else {
		u->sum.new_items += op->counts.new_items;
		u->sum.updated_items += op->counts.updated_items;
		if (op->counts.new_items == 0 &&
		    op->counts.updated_items == 0)
			u->sum.unchanged_feeds++;
	}
	u->sum.done++;
	log_debug("update %s: stored", op->url);
	if (u->progress != NULL)
		u->progress(u->progress_ud, op->url);
	op_free(op);
}

/*
 * Starts the storer with a connection of its own to the cache; NULL for
 * a cache in memory, which only the caller's connection can see, or when
 * the connection or the thread cannot be made (all is stored on the
 * loop's thread then, as it was).
 */
static struct storer *
storer_start(struct store *store)
{
	struct storer	*w;
	const char	*path = store_path(store);
	char		*cause = NULL;
	int		 i;

	if (strcmp(path, ":memory:") == 0 || *path == '\0')
		return NULL;
	w = xcalloc(1, sizeof *w);
	if ((w->store = store_clone(store, &cause)) == NULL) {
		log_debug("storer: %s", cause);
		free(cause);
		free(w);
		return NULL;
	}
	if (pipe(w->pipe) != 0) {
		log_debug("storer: pipe: %s", strerror(errno));
		store_close(w->store);
		free(w);
		return NULL;
	}
	for (i = 0; i < 2; i++) {
		fcntl(w->pipe[i], F_SETFL, fcntl(w->pipe[i], F_GETFL) |
		    O_NONBLOCK);
		fcntl(w->pipe[i], F_SETFD, FD_CLOEXEC);
	}
	w->todo_tail = &w->todo;
	w->done_tail = &w->done;
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->work, NULL);
	pthread_cond_init(&w->room, NULL);
	if ((errno = pthread_create(&w->thread, NULL, storer_main, w)) != 0) {
		log_debug("storer: thread: %s", strerror(errno));
		storer_destroy(w);
		return NULL;
	}
	return w;
}

/* Frees a storer whose thread is not running, and the ops it holds. */
static void
storer_destroy(struct storer *w)
{
	struct op	*op, *next;

	for (op = w->todo; op != NULL; op = next) {
		next = op->next;
		op_free(op);
	}
	for (op = w->done; op != NULL; op = next) {
		next = op->next;
		op_free(op);
	}
	pthread_cond_destroy(&w->room);
	pthread_cond_destroy(&w->work);
	pthread_mutex_destroy(&w->lock);
	close(w->pipe[0]);
	close(w->pipe[1]);
	store_close(w->store);
	free(w);
}

/*
 * Stops the storer after the op it is on.  Ops still queued are dropped:
 * their feeds were not stored and are simply fetched again next time.
 */
static void
storer_stop(struct storer *w)
{
	if (w == NULL)
		return;
	pthread_mutex_lock(&w->lock);
	w->stop = 1;
	pthread_cond_signal(&w->work);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
	storer_destroy(w);
}

/* The storer's thread: ops in order, each handed back with a wake-up. */
static void *
storer_main(void *arg)
{
	struct storer	*w = arg;
	struct op	*ops, *op;
	size_t		 n;
	ssize_t		 nw;

	pthread_mutex_lock(&w->lock);
	for (;;) {
		while (w->todo == NULL && !w->stop)
			pthread_cond_wait(&w->work, &w->lock);
		if (w->stop)
			break;
		/* All that waits, up to STORER_GROUP ops, in one commit. */
		ops = w->todo;
		for (op = ops, n = 1; op->next != NULL && n < STORER_GROUP;
		    op = op->next)
			n++;
		if ((w->todo = op->next) == NULL)
			w->todo_tail = &w->todo;
		op->next = NULL;
		pthread_mutex_unlock(&w->lock);

		/* Its messages are translated: no language switch meanwhile. */
		i18n_hold();
		group_run(w->store, ops, n);
		i18n_release();

		pthread_mutex_lock(&w->lock);
		for (op = ops; op != NULL; op = op->next)
			if (op->type == OP_FEED) {
				w->feeds--;
				w->bytes -= op->bytes;
			}
		pthread_cond_signal(&w->room);
		*w->done_tail = ops;
		for (op = ops; op->next != NULL; op = op->next)
			;
		w->done_tail = &op->next;
		/* A full pipe already holds a wake-up: that is enough. */
		nw = write(w->pipe[1], "", 1);
		(void)nw;
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

/*
 * Runs the n ops of the list ops on s, in one transaction when there is
 * more than one: while the storer is behind, ops queue up, and a commit
 * each cost 14% of a cold refresh of 500 feeds (4% in groups).  Each
 * feed stays all or nothing on its own: when an op fails, it takes the
 * group back with it (the ops have no savepoints, store.h), and then
 * every op of the group runs again in a transaction of its own, so that
 * only what fails alone fails.  If the group cannot be committed, every
 * op of it that had succeeded fails with the reason.
 */
static void
group_run(struct store *s, struct op *ops, size_t n)
{
	struct op	*op;
	char		*cause = NULL;

	if (n > 1 && store_group_begin(s, NULL) == 0) {
		for (op = ops; op != NULL && !store_group_lost(s);
		    op = op->next)
			op_run(s, op);
		if (!store_group_lost(s)) {
			if (store_group_end(s, &cause) != 0)
				group_fail(ops, cause);
			free(cause);
			for (op = ops; op != NULL; op = op->next)
				op_release(op);
			return;
		}
		(void)store_group_end(s, NULL);
		for (op = ops; op != NULL; op = op->next)
			op_undone(op, 0, NULL);
	}
	for (op = ops; op != NULL; op = op->next) {
		op_run(s, op);
		op_release(op);
	}
}

/* Fails the ops of ops that had succeeded: the group was not committed. */
static void
group_fail(struct op *ops, const char *cause)
{
	struct op	*op;

	for (op = ops; op != NULL; op = op->next)
		if (op->rc == 0)
			op_undone(op, -1, cause != NULL ? cause : "");
}

/*
 * Forgets what op did in a transaction that was rolled back: its result
 * becomes rc (with cause, or none), and the engine drops the stories the
 * rollback took away.
 */
static void
op_undone(struct op *op, int rc, const char *cause)
{
	op->rc = rc;
	free(op->cause);
	op->cause = cause != NULL ? xstrdup(cause) : NULL;
	memset(&op->counts, 0, sizeof op->counts);
	if (op->track != NULL)
		track_reset(op->track);
}

/* Takes back what the storer finished, in order. */
static void
storer_collect(struct update *u)
{
	struct storer	*w = u->storer;
	struct op	*op, *next;
	char		 drain[64];

	if (w == NULL)
		return;
	while (read(w->pipe[0], drain, sizeof drain) > 0)
		continue;
	pthread_mutex_lock(&w->lock);
	op = w->done;
	w->done = NULL;
	w->done_tail = &w->done;
	pthread_mutex_unlock(&w->lock);
	for (; op != NULL; op = next) {
		next = op->next;
		op_finish(u, op);
	}
}
