/*
 * date.c owns reading the dates feeds write: RFC 822/1123 as RSS uses it,
 * with the deviations found in the wild, and RFC 3339 / ISO 8601 / W3C-DTF
 * as Atom and Dublin Core use it.  Everything becomes UTC seconds by plain
 * arithmetic: no locale, no TZ, no timegm.  A date that cannot be read is
 * FEED_NOTIME, never a wrong date.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "feed.h"

/* The fields of a date as read, before validation. */
struct civil {
	int64_t	 year;
	int	 month;
	int	 day;
	int	 hour;
	int	 minute;
	int	 second;
	int	 offset;	/* seconds east of UTC */
};

static int	 is_digit(int);
static int	 is_alpha(int);
static int	 is_space(int);
static int	 to_lower(int);
static const char *skip_space(const char *);
static size_t	 count_digits(const char *);
static int	 read_number(const char *, size_t);
static size_t	 read_word(const char *, char *, size_t);
static int	 match_name(const char *, size_t, const char *const *);
static int	 is_leap(int64_t);
static int	 days_in_month(int64_t, int);
static int64_t	 civil_check(struct civil *);
static int	 read_offset(const char *, size_t *);
static int	 read_zone_word(const char *, size_t, int *);
static int64_t	 floor_div(int64_t, int64_t);

static const char *const day_names[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday", NULL
};

static const char *const month_names[] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december", NULL
};

/* RFC 822 named zones, hours east of UTC. */
static const struct {
	const char	*name;
	int		 hours;
} zone_names[] = {
	{ "ut", 0 }, { "utc", 0 }, { "gmt", 0 }, { "z", 0 },
	{ "est", -5 }, { "edt", -4 },
	{ "cst", -6 }, { "cdt", -5 },
	{ "mst", -7 }, { "mdt", -6 },
	{ "pst", -8 }, { "pdt", -7 },
};

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\v' || c == '\f';
}

static int
to_lower(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 'a';
	return c;
}

static const char *
skip_space(const char *p)
{
	while (is_space((unsigned char)*p))
		p++;
	return p;
}

/* How many digits start p (stops at the NUL like any non-digit). */
static size_t
count_digits(const char *p)
{
	size_t	 n = 0;

	while (is_digit((unsigned char)p[n]))
		n++;
	return n;
}

/* The value of the n (at most 9) digits at p, which the caller counted. */
static int
read_number(const char *p, size_t n)
{
	int	 v = 0;
	size_t	 i;

	for (i = 0; i < n; i++)
		v = v * 10 + (p[i] - '0');
	return v;
}

/*
 * Copies the ASCII letters starting p, lower-cased, into out (size len).
 * Returns how many letters p starts with, or 0 when they do not fit.
 */
static size_t
read_word(const char *p, char *out, size_t len)
{
	size_t	 n = 0;

	while (is_alpha((unsigned char)p[n])) {
		if (n + 1 >= len)
			return 0;
		out[n] = (char)to_lower((unsigned char)p[n]);
		n++;
	}
	out[n] = '\0';
	return n;
}

/*
 * Finds word (n letters, lower case) as a name or an abbreviation of at
 * least three letters of one ("tue", "tues", "sept"); returns its index or
 * -1.
 */
static int
match_name(const char *word, size_t n, const char *const *names)
{
	int	 i;

	if (n < 3)
		return -1;
	for (i = 0; names[i] != NULL; i++) {
		if (n <= strlen(names[i]) && strncmp(word, names[i], n) == 0)
			return i;
	}
	return -1;
}

static int
is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int64_t y, int m)
{
	static const int	 days[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m == 2 && is_leap(y))
		return 29;
	return days[m - 1];
}

/*
 * Validates c and returns its UTC seconds, or FEED_NOTIME.  A leap second
 * (60) counts as 59; 24:00:00 is the next midnight, as ISO 8601 allows.
 */
static int64_t
civil_check(struct civil *c)
{
	if (c->year < 1 || c->year > 9999)
		return FEED_NOTIME;
	if (c->month < 1 || c->month > 12)
		return FEED_NOTIME;
	if (c->day < 1 || c->day > days_in_month(c->year, c->month))
		return FEED_NOTIME;
	if (c->minute < 0 || c->minute > 59 || c->second < 0 ||
	    c->second > 60)
		return FEED_NOTIME;
	if (c->hour < 0 || c->hour > 24)
		return FEED_NOTIME;
	if (c->hour == 24 && (c->minute != 0 || c->second != 0))
		return FEED_NOTIME;
	if (c->second == 60)
		c->second = 59;
	return date_from_civil(c->year, c->month, c->day, c->hour, c->minute,
	    c->second) - c->offset;
}

/*
 * Reads a numeric zone at p: "+hh", "+hhmm" or "+hh:mm" (or '-').  Returns
 * the seconds east of UTC and stores the length read in *len (0 if none).
 */
static int
read_offset(const char *p, size_t *len)
{
	int	 sign, h, m = 0;
	size_t	 n, i = 1;

	*len = 0;
	if (*p != '+' && *p != '-')
		return 0;
	sign = *p == '-' ? -1 : 1;
	n = count_digits(p + i);
	if (n == 2) {
		h = read_number(p + i, 2);
		i += 2;
		if (p[i] == ':') {
			if (count_digits(p + i + 1) != 2)
				return 0;
			m = read_number(p + i + 1, 2);
			i += 3;
		}
	} else if (n == 4) {
		h = read_number(p + i, 2);
		m = read_number(p + i + 2, 2);
		i += 4;
	} else
		return 0;
	if (h > 23 || m > 59)
		return 0;
	*len = i;
	return sign * (h * 3600 + m * 60);
}

/*
 * Reads a zone name (n letters at p) and stores its offset in seconds in
 * *off; returns 0, or -1 when it is not a zone.  Military letters other
 * than Z count as UTC: RFC 822 gave them the wrong signs, so RFC 1123 says
 * they carry no information and RFC 2822 says to read them as -0000.
 */
static int
read_zone_word(const char *p, size_t n, int *off)
{
	char	 word[8];
	size_t	 i;
	int	 c;

	if (n == 0 || n >= sizeof word)
		return -1;
	for (i = 0; i < n; i++)
		word[i] = (char)to_lower((unsigned char)p[i]);
	word[n] = '\0';
	for (i = 0; i < sizeof zone_names / sizeof zone_names[0]; i++) {
		if (strcmp(word, zone_names[i].name) == 0) {
			*off = zone_names[i].hours * 3600;
			return 0;
		}
	}
	c = word[0];
	if (n == 1 && c >= 'a' && c <= 'z' && c != 'j') {
		*off = 0;
		return 0;
	}
	return -1;
}

int64_t
date_parse_rfc822(const char *s)
{
	struct civil	 c;
	const char	*p, *q;
	char		 word[16];
	size_t		 n, len;
	int		 off;

	if (s == NULL)
		return FEED_NOTIME;
	memset(&c, 0, sizeof c);
	p = skip_space(s);

	/* Optional weekday, not checked against the date (often wrong). */
	if (is_alpha((unsigned char)*p)) {
		n = read_word(p, word, sizeof word);
		if (n == 0 || match_name(word, n, day_names) == -1)
			return FEED_NOTIME;
		p = skip_space(p + n);
		if (*p == ',')
			p = skip_space(p + 1);
	}

	/* Day, month and year, apart by white space or one '-'. */
	n = count_digits(p);
	if (n < 1 || n > 2)
		return FEED_NOTIME;
	c.day = read_number(p, n);
	q = skip_space(p + n);
	if (*q == '-')
		q = skip_space(q + 1);
	else if (q == p + n)
		return FEED_NOTIME;
	p = q;
	n = read_word(p, word, sizeof word);
	if (n == 0 || (c.month = match_name(word, n, month_names) + 1) == 0)
		return FEED_NOTIME;
	q = skip_space(p + n);
	if (*q == '-')
		q = skip_space(q + 1);
	else if (q == p + n)
		return FEED_NOTIME;
	p = q;
	n = count_digits(p);
	if (n < 2 || n > 4)
		return FEED_NOTIME;
	c.year = read_number(p, n);
	if (n == 2)
		c.year += c.year < 50 ? 2000 : 1900;
	else if (n == 3)
		c.year += 1900;
	p += n;

	/* Optional time: h:mm or h:mm:ss, after white space. */
	q = skip_space(p);
	if (*q == '\0')
		return civil_check(&c);
	if (q == p)
		return FEED_NOTIME;
	p = q;
	n = count_digits(p);
	if (n < 1 || n > 2 || p[n] != ':' || count_digits(p + n + 1) != 2)
		return FEED_NOTIME;
	c.hour = read_number(p, n);
	c.minute = read_number(p + n + 1, 2);
	p += n + 3;
	if (*p == ':') {
		if (count_digits(p + 1) != 2)
			return FEED_NOTIME;
		c.second = read_number(p + 1, 2);
		p += 3;
	}
	if (c.hour > 23)
		return FEED_NOTIME;

	/*
	 * Optional zone: numeric, a name, or UT/UTC/GMT with an offset
	 * ("GMT+0200": not RFC 822, but seen in feeds).
	 */
	p = skip_space(p);
	if (*p == '+' || *p == '-') {
		c.offset = read_offset(p, &len);
		if (len == 0)
			return FEED_NOTIME;
		p += len;
	} else if (is_alpha((unsigned char)*p)) {
		for (n = 0; is_alpha((unsigned char)p[n]); n++)
			;
		if (read_zone_word(p, n, &c.offset) == -1)
			return FEED_NOTIME;
		/* Only UT, UTC and GMT are both named and zero. */
		if (c.offset == 0 && n > 1 && (p[n] == '+' || p[n] == '-')) {
			off = read_offset(p + n, &len);
			if (len == 0)
				return FEED_NOTIME;
			c.offset = off;
			n += len;
		}
		p += n;
	}

	/* An RFC 2822 comment, "-0800 (PST)", then nothing else. */
	p = skip_space(p);
	if (*p == '(') {
		p++;
		while (*p != '\0' && *p != ')' && *p != '(')
			p++;
		if (*p != ')')
			return FEED_NOTIME;
		p = skip_space(p + 1);
	}
	if (*p != '\0')
		return FEED_NOTIME;
	return civil_check(&c);
}

int64_t
date_parse_iso8601(const char *s)
{
	struct civil	 c;
	const char	*p, *q;
	size_t		 n, len;
	int		 full;

	if (s == NULL)
		return FEED_NOTIME;
	memset(&c, 0, sizeof c);
	c.month = c.day = 1;
	p = skip_space(s);

	/* Date: YYYY, YYYY-MM, YYYY-MM-DD or YYYYMMDD; time needs all three. */
	full = 0;
	n = count_digits(p);
	if (n == 4) {
		c.year = read_number(p, 4);
		p += 4;
		if (*p == '-') {
			if (count_digits(p + 1) != 2)
				return FEED_NOTIME;
			c.month = read_number(p + 1, 2);
			p += 3;
			if (*p == '-') {
				if (count_digits(p + 1) != 2)
					return FEED_NOTIME;
				c.day = read_number(p + 1, 2);
				p += 3;
				full = 1;
			}
		}
	} else if (n == 8) {
		c.year = read_number(p, 4);
		c.month = read_number(p + 4, 2);
		c.day = read_number(p + 6, 2);
		p += 8;
		full = 1;
	} else
		return FEED_NOTIME;
	if (*skip_space(p) == '\0')
		return civil_check(&c);
	if (!full)
		return FEED_NOTIME;

	/* Time: 'T', 't' or spaces, then hh:mm[:ss[.f]] or hhmm[ss[.f]]. */
	if (*p == 'T' || *p == 't')
		p++;
	else if (is_space((unsigned char)*p))
		p = skip_space(p);
	else
		return FEED_NOTIME;
	n = count_digits(p);
	if (n == 2 && p[2] == ':') {
		if (count_digits(p + 3) != 2)
			return FEED_NOTIME;
		c.hour = read_number(p, 2);
		c.minute = read_number(p + 3, 2);
		p += 5;
		if (*p == ':') {
			if (count_digits(p + 1) != 2)
				return FEED_NOTIME;
			c.second = read_number(p + 1, 2);
			p += 3;
		} else if (*p == '.' || *p == ',')
			return FEED_NOTIME;
	} else if (n == 4 || n == 6) {
		c.hour = read_number(p, 2);
		c.minute = read_number(p + 2, 2);
		if (n == 6)
			c.second = read_number(p + 4, 2);
		p += n;
		if (n == 4 && (*p == '.' || *p == ','))
			return FEED_NOTIME;
	} else
		return FEED_NOTIME;

	/* A fraction of a second is read and dropped. */
	if (*p == '.' || *p == ',') {
		n = count_digits(p + 1);
		if (n == 0)
			return FEED_NOTIME;
		p += n + 1;
	}

	/* Zone: Z, +hh, +hhmm, +hh:mm; "UTC"/"GMT" after a space; none. */
	q = skip_space(p);
	if (*q == 'Z' || *q == 'z') {
		p = q + 1;
	} else if (*q == '+' || *q == '-') {
		c.offset = read_offset(q, &len);
		if (len == 0)
			return FEED_NOTIME;
		p = q + len;
	} else if (q != p && is_alpha((unsigned char)*q)) {
		for (n = 0; is_alpha((unsigned char)q[n]); n++)
			;
		if (!((n == 3 && (strncmp(q, "UTC", 3) == 0 ||
		    strncmp(q, "GMT", 3) == 0))))
			return FEED_NOTIME;
		p = q + 3;
	}
	if (*skip_space(p) != '\0')
		return FEED_NOTIME;
	return civil_check(&c);
}

int64_t
date_parse(const char *s)
{
	const char	*p;

	if (s == NULL)
		return FEED_NOTIME;
	p = skip_space(s);

	/* RFC 822 never starts with four digits: day is one or two. */
	if (count_digits(p) >= 4)
		return date_parse_iso8601(p);
	return date_parse_rfc822(p);
}

/* Floor division for a positive divisor. */
static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t	 q = a / b;

	if (a % b != 0 && a < 0)
		q--;
	return q;
}

/*
 * Howard Hinnant's days_from_civil.  Months outside 1..12 are carried into
 * the year; days, hours, minutes and seconds outside their ranges simply
 * add up.  y must stay within a few billion years to avoid overflow.
 */
int64_t
date_from_civil(int64_t y, int m, int d, int hh, int mm, int ss)
{
	int64_t	 mon, era, yoe, doy, doe, days;

	mon = (int64_t)m - 1;
	y += floor_div(mon, 12);
	mon -= floor_div(mon, 12) * 12;		/* 0 = January */
	if (mon < 2)
		y--;
	era = floor_div(y, 400);
	yoe = y - era * 400;			/* 0..399 */
	doy = (153 * (mon < 2 ? mon + 10 : mon - 2) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	days = era * 146097 + doe - 719468;
	return days * 86400 + (int64_t)hh * 3600 + (int64_t)mm * 60 + ss;
}

/*
 * Hinnant's civil_from_days: any t, including before 1970, is exact.  The
 * longest output, for INT64_MIN, is 28 bytes; the copy is bounded anyway.
 */
void
date_format_rfc3339(int64_t t, char *out)
{
	int64_t		 days, secs, era, doe, yoe, y, doy, mp, d, m;
	const char	*sign = "";
	char		 tmp[64];
	size_t		 len;

	days = t / 86400;
	secs = t % 86400;
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	days += 719468;
	era = floor_div(days, 146097);
	doe = days - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	if (m <= 2)
		y++;
	if (y < 0) {
		sign = "-";
		y = -y;
	}
	(void)snprintf(tmp, sizeof tmp, "%s%04lld-%02d-%02dT%02d:%02d:%02dZ",
	    sign, (long long)y, (int)m, (int)d, (int)(secs / 3600),
	    (int)(secs / 60 % 60), (int)(secs % 60));
	len = strlen(tmp);
	if (len > 31)
		len = 31;
	memcpy(out, tmp, len);
	out[len] = '\0';
}
