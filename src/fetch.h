/*
 * Fetching: every network transfer, through one libcurl multi handle on
 * the caller's thread.  Only fetch.c includes curl.  Transfers are capped
 * in number (in all and per host), size, time, speed and redirects.
 */
#ifndef TIDINGS_FETCH_H
#define TIDINGS_FETCH_H

#include <stddef.h>
#include <stdint.h>

struct fetch_limits {
	int		 max_total;	/* transfers at once */
	int		 max_host;	/* transfers at once to one host */
	long		 timeout;	/* seconds for a whole transfer */
	long		 connect_timeout; /* seconds to connect */
	long		 low_speed_time; /* abort below 1 KB/s for this long */
	size_t		 max_bytes;	/* decoded body bytes */
	long		 max_redirects;
};
void	fetch_limits_default(struct fetch_limits *);
/* Process-wide libcurl set-up and clean-up. */
void	fetch_init(void);
void	fetch_cleanup(void);

/* What a transfer learned; valid during a callback only. */
struct fetch_info {
	const char	*url;		/* as requested */
	long		 status;	/* HTTP status; 0 for file: */
	const char	*charset;	/* Content-Type charset, or NULL */
	const char	*etag;		/* validators of the answer, or NULL */
	const char	*last_modified;
	const char	*moved_to;	/* permanent redirect target, or NULL */
	int64_t		 max_age;	/* seconds the answer may be cached
					   (Cache-Control max-age, else
					   Expires - Date), or -1; at done */
	size_t		 bytes;		/* body bytes so far, decoded */
};

enum fetch_result {
	FETCH_OK,		/* a 2xx answer; its body went to body() */
	FETCH_NOT_MODIFIED,	/* 304 */
	FETCH_GONE,		/* 410 */
	FETCH_FAILED		/* anything else; error says what */
};

struct fetch_cb {
	/* Body bytes of a successful answer; return -1 to stop it. */
	int	(*body)(void *, const struct fetch_info *, const char *,
		    size_t);
	/* The transfer is over; error is translated text, or NULL. */
	void	(*done)(void *, const struct fetch_info *, enum fetch_result,
		    const char *);
};

struct fetcher;

/* NULL with *cause when libcurl cannot be set up. */
struct fetcher	*fetch_new(const struct fetch_limits *,
		    const struct fetch_cb *, char **);
void		 fetch_free(struct fetcher *);
/*
 * Queues a GET of url, conditional when etag or last_modified is given.
 * file: URLs are allowed only when allow_file (an entry the user wrote);
 * redirects may only lead to http and https.  udata goes to callbacks.
 */
void		 fetch_add(struct fetcher *, const char *, const char *,
		    const char *, int, void *);
/*
 * Moves transfers on, waiting up to timeout_ms for network activity or
 * for one of the nfds descriptors fds to become readable; callbacks run
 * from here.  Returns the number of transfers queued or running (at once
 * when there are none).
 */
size_t		 fetch_wait(struct fetcher *, int, const int *, size_t);
size_t		 fetch_pending(const struct fetcher *);
/* Decoded body bytes received so far by all transfers. */
uint64_t	 fetch_bytes(const struct fetcher *);

#endif
