/*
 * fetch.c owns all network I/O: a libcurl multi handle driven from the
 * caller's loop (fetch_wait), a queue of transfers started within the caps
 * in all and per host, conditional GETs, the limits on every transfer, and
 * the politeness rules (User-Agent, Retry-After per host).  Bodies are
 * handed on as they arrive, so nothing here holds a whole document.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

#include "date.h"
#include "feed.h"
#include "fetch.h"
#include "i18n.h"
#include "log.h"
#include "txt.h"
#include "xmalloc.h"

#define RETRY_AFTER_MAX	(24 * 3600)	/* longer waits are capped here */
#define HEADER_MAX	1024		/* longest header value we keep */
#define FETCH_MAX_FDS	4		/* descriptors fetch_wait watches */
#define CACHE_AGE_MAX	(30 * 86400)	/* longest caching lifetime kept */

struct host {
	char		*name;
	int		 running;
	int64_t		 not_before;	/* Retry-After: not before this */
	struct host	*next;
};

struct transfer {
	struct fetcher	*f;
	CURL		*easy;
	struct curl_slist *headers;
	struct host	*host;
	char		*url;
	int		 allow_file;
	void		*udata;
	struct transfer	*next;		/* in the queue, or running */

	long		 status;	/* of the latest response */
	int		 hops;		/* responses seen */
	int		 permanent;	/* every redirect so far 301/308 */
	char		*reason;	/* latest status line's phrase */
	char		*etag;
	char		*last_modified;
	char		*charset;
	int64_t		 retry_after;	/* seconds, or -1 */
	int64_t		 max_age;	/* Cache-Control max-age, or -1 */
	int64_t		 expires;	/* Expires, or FEED_NOTIME */
	int64_t		 date;		/* the answer's Date, or FEED_NOTIME */
	int		 no_cache;	/* no-cache or no-store */
	size_t		 bytes;
	int		 toobig;
	int		 stopped;	/* by the body callback */
	char		 errbuf[CURL_ERROR_SIZE];
};

struct fetcher {
	CURLM		*multi;
	struct fetch_limits lim;
	struct fetch_cb	 cb;
	struct transfer	*head, *tail;	/* queued, not started */
	struct transfer	*active;	/* running */
	size_t		 queued;
	size_t		 running;
	struct host	*hosts;
	uint64_t	 bytes;
	char		*user_agent;
};

static void	 fetch_global(void);
static struct host *host_get(struct fetcher *, const char *);
static char	*header_value(const char *, size_t, const char *);
static size_t	 on_header(char *, size_t, size_t, void *);
static void	 cache_control(struct transfer *, const char *);
static int64_t	 cache_lifetime(const struct transfer *);
static size_t	 on_write(char *, size_t, size_t, void *);
static int	 transfer_start(struct fetcher *, struct transfer *);
static void	 transfer_finish(struct fetcher *, struct transfer *,
		    CURLcode);
static void	 transfer_free(struct transfer *);
static void	 transfer_fail(struct fetcher *, struct transfer *,
		    const char *);
static void	 start_some(struct fetcher *);
static char	*result_error(struct fetcher *, struct transfer *, CURLcode);

void
fetch_limits_default(struct fetch_limits *lim)
{
	lim->max_total = 16;
	lim->max_host = 6;
	lim->timeout = 60;
	lim->connect_timeout = 15;
	lim->low_speed_time = 30;
	lim->max_bytes = 64u * 1024 * 1024;
	lim->max_redirects = 5;
}

struct fetcher *
fetch_new(const struct fetch_limits *lim, const struct fetch_cb *cb,
    char **cause)
{
	struct fetcher	*f;

	fetch_global();
	f = xcalloc(1, sizeof *f);
	f->lim = *lim;
	f->cb = *cb;
	if ((f->multi = curl_multi_init()) == NULL) {
		*cause = xstrdup(_("cannot set up the network library"));
		free(f);
		return NULL;
	}
	curl_multi_setopt(f->multi, CURLMOPT_PIPELINING,
	    (long)CURLPIPE_MULTIPLEX);
	curl_multi_setopt(f->multi, CURLMOPT_MAX_HOST_CONNECTIONS,
	    (long)lim->max_host);
	curl_multi_setopt(f->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
	    (long)lim->max_total);
	f->user_agent = xprintf("tidings/%s (terminal news reader)",
	    PACKAGE_VERSION);
	return f;
}

void
fetch_free(struct fetcher *f)
{
	struct transfer	*t, *next;
	struct host	*h, *hnext;

	if (f == NULL)
		return;
	for (t = f->head; t != NULL; t = next) {
		next = t->next;
		transfer_free(t);
	}
	for (t = f->active; t != NULL; t = next) {
		next = t->next;
		curl_multi_remove_handle(f->multi, t->easy);
		transfer_free(t);
	}
	curl_multi_cleanup(f->multi);
	for (h = f->hosts; h != NULL; h = hnext) {
		hnext = h->next;
		free(h->name);
		free(h);
	}
	free(f->user_agent);
	free(f);
}

void
fetch_init(void)
{
	/* Nothing yet: see fetch_global. */
}

/*
 * libcurl's global set-up loads the TLS library, which costs megabytes
 * and milliseconds; the reader often starts without fetching anything, so
 * it happens at the first fetcher.  One thread: no race.
 */
static int	 fetch_global_done;

static void
fetch_global(void)
{
	if (fetch_global_done)
		return;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
		fatalx("curl_global_init failed");
	fetch_global_done = 1;
}

void
fetch_cleanup(void)
{
	if (fetch_global_done)
		curl_global_cleanup();
	fetch_global_done = 0;
}

static struct host *
host_get(struct fetcher *f, const char *url)
{
	struct host	*h;
	CURLU		*u;
	char		*name = NULL;

	if ((u = curl_url()) != NULL) {
		if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
		    curl_url_get(u, CURLUPART_HOST, &name, 0) != CURLUE_OK)
			name = NULL;
		curl_url_cleanup(u);
	}
	for (h = f->hosts; h != NULL; h = h->next)
		if (strcmp(h->name, name != NULL ? name : "") == 0)
			break;
	if (h == NULL) {
		h = xcalloc(1, sizeof *h);
		h->name = xstrdup(name != NULL ? name : "");
		h->next = f->hosts;
		f->hosts = h;
	}
	curl_free(name);
	return h;
}

void
fetch_add(struct fetcher *f, const char *url, const char *etag,
    const char *last_modified, int allow_file, void *udata)
{
	struct transfer	*t;
	char		*h;

	t = xcalloc(1, sizeof *t);
	t->f = f;
	t->url = xstrdup(url);
	t->allow_file = allow_file;
	t->udata = udata;
	t->retry_after = -1;
	t->max_age = -1;
	t->expires = t->date = FEED_NOTIME;
	t->permanent = 1;
	t->host = host_get(f, url);
	t->headers = curl_slist_append(NULL, "Accept: application/rss+xml, "
	    "application/atom+xml, application/rdf+xml;q=0.9, "
	    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8");
	if (etag != NULL) {
		h = xprintf("If-None-Match: %s", etag);
		t->headers = curl_slist_append(t->headers, h);
		free(h);
	}
	if (last_modified != NULL) {
		h = xprintf("If-Modified-Since: %s", last_modified);
		t->headers = curl_slist_append(t->headers, h);
		free(h);
	}
	if (f->tail != NULL)
		f->tail->next = t;
	else
		f->head = t;
	f->tail = t;
	f->queued++;
}

static int
transfer_start(struct fetcher *f, struct transfer *t)
{
	CURL	*e;

	if ((e = curl_easy_init()) == NULL)
		return -1;
	t->easy = e;
	curl_easy_setopt(e, CURLOPT_URL, t->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, t);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->errbuf);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_write);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, t);
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
	curl_easy_setopt(e, CURLOPT_USERAGENT, f->user_agent);
	/* Every encoding libcurl can decode; the cap counts decoded bytes. */
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE,
	    (curl_off_t)f->lim.max_bytes);
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, f->lim.max_redirects);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, t->allow_file ?
	    "http,https,file" : "http,https");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, f->lim.connect_timeout);
	curl_easy_setopt(e, CURLOPT_TIMEOUT, f->lim.timeout);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1024L);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, f->lim.low_speed_time);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(e, CURLOPT_HTTP_VERSION,
	    (long)CURL_HTTP_VERSION_2TLS);
	curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L);
	if (curl_multi_add_handle(f->multi, e) != CURLM_OK) {
		curl_easy_cleanup(e);
		t->easy = NULL;
		return -1;
	}
	t->host->running++;
	f->running++;
	t->next = f->active;
	f->active = t;
	log_debug("fetch start %s", t->url);
	return 0;
}

/* Starts queued transfers while the caps allow. */
static void
start_some(struct fetcher *f)
{
	struct transfer	*t, *prev = NULL, *next;
	int64_t		 now = (int64_t)time(NULL);
	char		*msg, when[32];

	for (t = f->head; t != NULL && f->running < (size_t)f->lim.max_total;
	    t = next) {
		next = t->next;
		if (t->host->not_before <= now &&
		    t->host->running >= f->lim.max_host) {
			prev = t;
			continue;
		}
		/* Unlink it: it starts, or ends without starting. */
		if (prev != NULL)
			prev->next = next;
		else
			f->head = next;
		if (f->tail == t)
			f->tail = prev;
		t->next = NULL;
		f->queued--;
		if (t->host->not_before > now) {
			date_format_rfc3339(t->host->not_before, when);
			/* TRANSLATORS: %s is a date and time (UTC). */
			msg = xprintf(_("not fetched: the server asked to wait "
			    "until %s"), when);
			transfer_fail(f, t, msg);
			free(msg);
			continue;
		}
		if (transfer_start(f, t) != 0) {
			transfer_fail(f, t, _("cannot start the transfer"));
			continue;
		}
	}
}

/* A header value, trimmed and sanitised, if line is "name: value". */
static char *
header_value(const char *line, size_t len, const char *name)
{
	size_t	 n = strlen(name);

	if (len <= n || line[n] != ':' || strncasecmp(line, name, n) != 0)
		return NULL;
	line += n + 1;
	len -= n + 1;
	if (len > HEADER_MAX)
		len = HEADER_MAX;
	return txt_sanitize(line, len, TXT_ONELINE);
}

/* The directives of Cache-Control that say how long to cache. */
static void
cache_control(struct transfer *t, const char *v)
{
	const char	*p = v;
	char		*end;
	long long	 n;
	size_t		 len;

	while (*p != '\0') {
		p += strspn(p, " \t,");
		len = strcspn(p, ",");
		if (strncasecmp(p, "max-age=", 8) == 0) {
			n = strtoll(p + 8 + (p[8] == '"'), &end, 10);
			if (end != p + 8 && n >= 0)
				t->max_age = n > CACHE_AGE_MAX ? CACHE_AGE_MAX :
				    (int64_t)n;
		} else if ((len >= 8 && strncasecmp(p, "no-cache", 8) == 0) ||
		    (len >= 8 && strncasecmp(p, "no-store", 8) == 0))
			t->no_cache = 1;
		p += len;
	}
}

/* Seconds the answer may be cached: max-age wins over Expires. */
static int64_t
cache_lifetime(const struct transfer *t)
{
	int64_t	 base;

	if (t->no_cache)
		return 0;
	if (t->max_age >= 0)
		return t->max_age;
	if (t->expires == FEED_NOTIME)
		return -1;
	/* Against the server's clock when it sent one. */
	base = t->date != FEED_NOTIME ? t->date : (int64_t)time(NULL);
	if (t->expires <= base)
		return 0;
	return t->expires - base > CACHE_AGE_MAX ? CACHE_AGE_MAX :
	    t->expires - base;
}

static size_t
on_header(char *data, size_t size, size_t nmemb, void *ud)
{
	struct transfer	*t = ud;
	size_t		 len = size * nmemb;
	char		*v, *p, *end = NULL;
	long		 code;

	if (len > 5 && strncmp(data, "HTTP/", 5) == 0) {
		/* A new response: a redirect hop or the final answer. */
		p = memchr(data, ' ', len);
		code = p != NULL ? strtol(p + 1, &end, 10) : 0;
		t->hops++;
		t->status = code;
		if (code >= 300 && code < 400 && code != 304 && code != 301 &&
		    code != 308)
			t->permanent = 0;
		free(t->reason);
		t->reason = p != NULL && end < data + len ?
		    txt_sanitize(end, (size_t)(data + len - end), TXT_ONELINE) :
		    NULL;
		free(t->etag);
		free(t->last_modified);
		free(t->charset);
		t->etag = t->last_modified = t->charset = NULL;
		t->retry_after = -1;
		t->max_age = -1;
		t->expires = t->date = FEED_NOTIME;
		t->no_cache = 0;
		return len;
	}
	if ((v = header_value(data, len, "ETag")) != NULL) {
		free(t->etag);
		t->etag = v;
	} else if ((v = header_value(data, len, "Last-Modified")) != NULL) {
		free(t->last_modified);
		t->last_modified = v;
	} else if ((v = header_value(data, len, "Content-Type")) != NULL) {
		if ((p = strcasestr(v, "charset=")) != NULL) {
			p += 8;
			if (*p == '"')
				p++;
			free(t->charset);
			t->charset = xstrndup(p, strcspn(p, "\"; "));
		}
		free(v);
	} else if ((v = header_value(data, len, "Retry-After")) != NULL) {
		if (*v >= '0' && *v <= '9')
			t->retry_after = strtol(v, NULL, 10);
		else if ((code = (long)(date_parse(v) - time(NULL))) > 0 &&
		    date_parse(v) != FEED_NOTIME)
			t->retry_after = code;
		if (t->retry_after > RETRY_AFTER_MAX)
			t->retry_after = RETRY_AFTER_MAX;
		free(v);
	} else if ((v = header_value(data, len, "Cache-Control")) != NULL) {
		cache_control(t, v);
		free(v);
	} else if ((v = header_value(data, len, "Expires")) != NULL) {
		/* An invalid date, such as "0", means already expired. */
		t->expires = date_parse(v);
		if (t->expires == FEED_NOTIME)
			t->expires = 0;
		free(v);
	} else if ((v = header_value(data, len, "Date")) != NULL) {
		t->date = date_parse(v);
		free(v);
	}
	return len;
}

static size_t
on_write(char *data, size_t size, size_t nmemb, void *ud)
{
	struct transfer		*t = ud;
	struct fetch_info	 info;
	size_t			 len = size * nmemb;

	if (len > t->f->lim.max_bytes - t->bytes) {
		t->toobig = 1;	/* a decompression bomb stops here */
		return 0;
	}
	t->bytes += len;
	t->f->bytes += len;
	if (t->status != 0 && (t->status < 200 || t->status > 299))
		return len;	/* an error page: not a feed */
	memset(&info, 0, sizeof info);
	info.url = t->url;
	info.status = t->status;
	info.charset = t->charset;
	info.bytes = t->bytes;
	if (t->f->cb.body != NULL &&
	    t->f->cb.body(t->udata, &info, data, len) != 0) {
		t->stopped = 1;
		return 0;
	}
	return len;
}

/* What went wrong, in the user's language. */
static char *
result_error(struct fetcher *f, struct transfer *t, CURLcode code)
{
	if (t->toobig || code == CURLE_FILESIZE_EXCEEDED)
		/* TRANSLATORS: %zu is a number of mebibytes. */
		return xprintf(_("larger than %zu MiB, stopped"),
		    f->lim.max_bytes / (1024 * 1024));
	switch (code) {
	case CURLE_TOO_MANY_REDIRECTS:
		/* TRANSLATORS: %ld is the most redirects followed. */
		return xprintf(_("more than %ld redirects"),
		    f->lim.max_redirects);
	case CURLE_UNSUPPORTED_PROTOCOL:
		return xstrdup(t->hops > 0 ?
		    _("redirected to a URL that is not http or https") :
		    _("not an http or https URL"));
	case CURLE_OPERATION_TIMEDOUT:
		return xstrdup(t->bytes > 0 ?
		    _("too slow, or took too long: stopped") :
		    _("no answer in time"));
	case CURLE_COULDNT_RESOLVE_HOST:
		return xstrdup(_("unknown host"));
	case CURLE_COULDNT_CONNECT:
		return xstrdup(_("cannot connect"));
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CONNECT_ERROR:
		return xstrdup(_("the secure connection failed (TLS)"));
	case CURLE_FILE_COULDNT_READ_FILE:
		return xstrdup(_("cannot read the file"));
	case CURLE_BAD_CONTENT_ENCODING:
		return xstrdup(_("the server sent a badly encoded body"));
	default:
		/* TRANSLATORS: %s is libcurl's (English) explanation. */
		return xprintf(_("network error: %s"), *t->errbuf != '\0' ?
		    t->errbuf : curl_easy_strerror(code));
	}
}

static void
transfer_fail(struct fetcher *f, struct transfer *t, const char *error)
{
	struct fetch_info	 info;

	memset(&info, 0, sizeof info);
	info.url = t->url;
	if (f->cb.done != NULL)
		f->cb.done(t->udata, &info, FETCH_FAILED, error);
	transfer_free(t);
}

static void
transfer_finish(struct fetcher *f, struct transfer *t, CURLcode code)
{
	struct fetch_info	 info;
	struct transfer		**pp;
	enum fetch_result	 result = FETCH_FAILED;
	char			*error = NULL, *eff = NULL;

	memset(&info, 0, sizeof info);
	info.url = t->url;
	info.status = t->status;
	info.charset = t->charset;
	info.etag = t->etag;
	info.last_modified = t->last_modified;
	info.max_age = cache_lifetime(t);
	info.bytes = t->bytes;
	curl_easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &eff);
	if (t->hops > 1 && t->permanent && eff != NULL &&
	    strcmp(eff, t->url) != 0)
		info.moved_to = eff;
	if (t->stopped)
		code = CURLE_OK;	/* the body's owner knows why */
	if (code != CURLE_OK)
		error = result_error(f, t, code);
	else if (t->status == 0 || (t->status >= 200 && t->status < 300))
		result = FETCH_OK;
	else if (t->status == 304)
		result = FETCH_NOT_MODIFIED;
	else if (t->status == 410)
		result = FETCH_GONE;
	else {
		if ((t->status == 429 || t->status == 503) &&
		    t->retry_after >= 0) {
			t->host->not_before = (int64_t)time(NULL) +
			    t->retry_after;
			/* TRANSLATORS: %1$ld is an HTTP status, %2$s its
			   reason, %3$ld a number of seconds. */
			error = xprintf(_("HTTP %1$ld %2$s (asked to wait "
			    "%3$ld s)"), t->status, t->reason != NULL ?
			    t->reason : "", (long)t->retry_after);
		} else
			/* TRANSLATORS: %1$ld is an HTTP status code, %2$s
			   the server's reason phrase ("Not Found"). */
			error = xprintf(_("HTTP %1$ld %2$s"), t->status,
			    t->reason != NULL ? t->reason : "");
	}
	log_debug("fetch done %s: curl %d, HTTP %ld, %zu bytes", t->url,
	    (int)code, t->status, t->bytes);
	if (f->cb.done != NULL)
		f->cb.done(t->udata, &info, result, error);
	free(error);
	t->host->running--;
	f->running--;
	for (pp = &f->active; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == t) {
			*pp = t->next;
			break;
		}
	}
	curl_multi_remove_handle(f->multi, t->easy);
	transfer_free(t);
}

static void
transfer_free(struct transfer *t)
{
	if (t->easy != NULL)
		curl_easy_cleanup(t->easy);
	curl_slist_free_all(t->headers);
	free(t->url);
	free(t->reason);
	free(t->etag);
	free(t->last_modified);
	free(t->charset);
	free(t);
}

size_t
fetch_wait(struct fetcher *f, int timeout_ms, const int *fds, size_t nfds)
{
	struct curl_waitfd	 wfd[FETCH_MAX_FDS];
	struct transfer		*t;
	CURLMsg			*msg;
	size_t			 i;
	int			 still, left;

	start_some(f);
	if (f->running == 0 && f->queued == 0)
		return 0;
	if (nfds > FETCH_MAX_FDS)
		nfds = FETCH_MAX_FDS;
	for (i = 0; i < nfds; i++) {
		wfd[i].fd = fds[i];
		wfd[i].events = CURL_WAIT_POLLIN;
		wfd[i].revents = 0;
	}
	curl_multi_poll(f->multi, nfds > 0 ? wfd : NULL, (unsigned)nfds,
	    timeout_ms, NULL);
	curl_multi_perform(f->multi, &still);
	while ((msg = curl_multi_info_read(f->multi, &left)) != NULL) {
		if (msg->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE,
		    (char **)&t);
		transfer_finish(f, t, msg->data.result);
	}
	start_some(f);
	return f->running + f->queued;
}

size_t
fetch_pending(const struct fetcher *f)
{
	return f->running + f->queued;
}

uint64_t
fetch_bytes(const struct fetcher *f)
{
	return f->bytes;
}
