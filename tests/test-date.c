/*
 * test-date.c checks date.c: every RFC 822 deviation and ISO 8601 form it
 * accepts, garbage it must refuse as FEED_NOTIME, the civil-day arithmetic
 * and RFC 3339 output on both sides of 1970.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "feed.h"
#include "test.h"

enum which {
	ANY,		/* date_parse */
	RFC,		/* date_parse_rfc822, and date_parse agrees */
	ISO		/* date_parse_iso8601, and date_parse agrees */
};

struct row {
	enum which	 which;
	const char	*in;
	const char	*want;		/* RFC 3339, or NULL for FEED_NOTIME */
};

static int64_t	 run(enum which, const char *);
static void	 test_rows(void);
static void	 test_civil(void);
static void	 test_format(void);

static const struct row rows[] = {
	/* RFC 822 as written by the book and in the wild. */
	{ RFC, "Sat, 07 Sep 2002 00:00:01 GMT", "2002-09-07T00:00:01Z" },
	{ RFC, "Tue, 10 Jun 2003 09:41:01 -0500", "2003-06-10T14:41:01Z" },
	{ RFC, "07 Sep 2002", "2002-09-07T00:00:00Z" },
	{ RFC, "Sat, 7 Sep 2002 00:00:01 GMT", "2002-09-07T00:00:01Z" },
	{ RFC, "Sat 07 Sep 2002 00:00:01 GMT", "2002-09-07T00:00:01Z" },
	{ RFC, "Saturday, 07 Sep 2002 00:00:01 GMT", "2002-09-07T00:00:01Z" },
	{ RFC, "SAT, 07 SEP 2002 00:00:01 gmt", "2002-09-07T00:00:01Z" },
	{ RFC, "sat, 07 september 2002 00:00:01 GMT", "2002-09-07T00:00:01Z" },
	{ RFC, "Thurs, 05 Sept 2002 12:00:00 GMT", "2002-09-05T12:00:00Z" },
	{ RFC, "Wed, 01 January 2003 10:00:00 GMT", "2003-01-01T10:00:00Z" },
	{ RFC, "Sat, 7 Sep 2002", "2002-09-07T00:00:00Z" },
	{ RFC, "07-Sep-2002 00:00:01 GMT", "2002-09-07T00:00:01Z" },
	/* Weekday not checked against the date: feeds get it wrong. */
	{ RFC, "Mon, 10 Jun 2003 09:41:01 GMT", "2003-06-10T09:41:01Z" },
	/* Years: two digits (RFC 2822 window), three digits (+1900). */
	{ RFC, "Tue, 10 Jun 03 09:41:01 GMT", "2003-06-10T09:41:01Z" },
	{ RFC, "Tue, 10 Jun 00 09:41:01 GMT", "2000-06-10T09:41:01Z" },
	{ RFC, "Thu, 10 Jun 49 09:41:01 GMT", "2049-06-10T09:41:01Z" },
	{ RFC, "10 Jun 50 09:41:01 GMT", "1950-06-10T09:41:01Z" },
	{ RFC, "Thu, 10 Jun 99 09:41:01 GMT", "1999-06-10T09:41:01Z" },
	{ RFC, "Tue, 10 Jun 103 09:41:01 GMT", "2003-06-10T09:41:01Z" },
	/* Time: no seconds, one-digit hour, leap second. */
	{ RFC, "Tue, 10 Jun 2003 09:41 GMT", "2003-06-10T09:41:00Z" },
	{ RFC, "Tue, 10 Jun 2003 9:41:01 GMT", "2003-06-10T09:41:01Z" },
	{ RFC, "Sat, 30 Jun 2012 23:59:60 GMT", "2012-06-30T23:59:59Z" },
	/* White space anywhere between the parts. */
	{ RFC, "  Tue,   10  Jun\t2003   09:41:01    GMT  ",
	    "2003-06-10T09:41:01Z" },
	{ RFC, "Tue,10 Jun 2003 09:41:01 GMT", "2003-06-10T09:41:01Z" },
	{ RFC, "Tue , 10 Jun 2003 09:41:01 GMT", "2003-06-10T09:41:01Z" },
	{ RFC, "\r\n\tTue, 10 Jun 2003 09:41:01 GMT\r\n",
	    "2003-06-10T09:41:01Z" },
	/* Numeric zones. */
	{ RFC, "Tue, 10 Jun 2003 09:41:01 +0200", "2003-06-10T07:41:01Z" },
	{ RFC, "Tue, 10 Jun 2003 09:41:01 -0530", "2003-06-10T15:11:01Z" },
	{ RFC, "Tue, 10 Jun 2003 09:41:01 +02:00", "2003-06-10T07:41:01Z" },
	{ RFC, "Tue, 10 Jun 2003 09:41:01 +0000", "2003-06-10T09:41:01Z" },
	{ RFC, "Tue, 10 Jun 2003 09:41:01 -0000", "2003-06-10T09:41:01Z" },
	{ RFC, "Tue, 10 Jun 2003 09:41:01+0200", "2003-06-10T07:41:01Z" },
	{ RFC, "Tue, 31 Dec 2002 23:30:00 -0100", "2003-01-01T00:30:00Z" },
	{ RFC, "Wed, 01 Jan 2003 00:30:00 +0100", "2002-12-31T23:30:00Z" },
	/* Named zones. */
	{ RFC, "Tue, 10 Jun 2003 09:41:01 UT", "2003-06-10T09:41:01Z" },
	{ RFC, "Tue, 10 Jun 2003 09:41:01 UTC", "2003-06-10T09:41:01Z" },
	{ RFC, "Tue, 10 Jun 2003 09:41:01 Z", "2003-06-10T09:41:01Z" },
	{ RFC, "Tue, 10 Jun 2003 09:41:01 EST", "2003-06-10T14:41:01Z" },
	{ RFC, "Tue, 10 Jun 2003 09:41:01 EDT", "2003-06-10T13:41:01Z" },
	{ RFC, "Tue, 10 Jun 2003 09:41:01 CST", "2003-06-10T15:41:01Z" },
	{ RFC, "Tue, 10 Jun 2003 09:41:01 CDT", "2003-06-10T14:41:01Z" },
	{ RFC, "Tue, 10 Jun 2003 09:41:01 MST", "2003-06-10T16:41:01Z" },
	{ RFC, "Tue, 10 Jun 2003 09:41:01 MDT", "2003-06-10T15:41:01Z" },
	{ RFC, "Tue, 10 Jun 2003 09:41:01 PST", "2003-06-10T17:41:01Z" },
	{ RFC, "Tue, 10 Jun 2003 09:41:01 pdt", "2003-06-10T16:41:01Z" },
	{ RFC, "Tue, 10 Jun 2003 09:41:01 GMT+0200", "2003-06-10T07:41:01Z" },
	{ RFC, "Tue, 10 Jun 2003 09:41:01 -0800 (PST)",
	    "2003-06-10T17:41:01Z" },
	/* Military letters read as -0000 (RFC 1123 5.2.14, RFC 2822 4.3). */
	{ RFC, "Tue, 10 Jun 2003 09:41:01 A", "2003-06-10T09:41:01Z" },
	{ RFC, "Tue, 10 Jun 2003 09:41:01 M", "2003-06-10T09:41:01Z" },
	{ RFC, "Tue, 10 Jun 2003 09:41:01 N", "2003-06-10T09:41:01Z" },
	{ RFC, "Tue, 10 Jun 2003 09:41:01 Y", "2003-06-10T09:41:01Z" },
	{ RFC, "Tue, 10 Jun 2003 09:41:01 z", "2003-06-10T09:41:01Z" },
	/* Missing zone is UTC; leap years; before 1970. */
	{ RFC, "Tue, 10 Jun 2003 09:41:01", "2003-06-10T09:41:01Z" },
	{ RFC, "Sun, 29 Feb 2004 12:00:00 GMT", "2004-02-29T12:00:00Z" },
	{ RFC, "29 Feb 2000", "2000-02-29T00:00:00Z" },
	{ RFC, "Sun, 20 Jul 1969 20:17:40 UTC", "1969-07-20T20:17:40Z" },

	/* RFC 3339, ISO 8601 and W3C-DTF. */
	{ ISO, "2003-12-31T10:14:55Z", "2003-12-31T10:14:55Z" },
	{ ISO, "2003-12-31T10:14:55.123Z", "2003-12-31T10:14:55Z" },
	{ ISO, "2003-12-31T10:14:55,5Z", "2003-12-31T10:14:55Z" },
	{ ISO, "2003-12-31T10:14:55.123456789-00:00",
	    "2003-12-31T10:14:55Z" },
	{ ISO, "2003-12-31T10:14:55+01:00", "2003-12-31T09:14:55Z" },
	{ ISO, "2003-12-31T10:14:55-0500", "2003-12-31T15:14:55Z" },
	{ ISO, "2003-12-31T10:14:55+01", "2003-12-31T09:14:55Z" },
	{ ISO, "2003-12-31T10:14:55.5+05:30", "2003-12-31T04:44:55Z" },
	{ ISO, "2003-12-31t10:14:55z", "2003-12-31T10:14:55Z" },
	{ ISO, "2003-12-31 10:14:55Z", "2003-12-31T10:14:55Z" },
	{ ISO, "2003-12-31 10:14:55 +01:00", "2003-12-31T09:14:55Z" },
	{ ISO, "2003-12-31 10:14:55 UTC", "2003-12-31T10:14:55Z" },
	{ ISO, "2003-12-31T10:14:55", "2003-12-31T10:14:55Z" },
	{ ISO, "2003-12-31T10:14Z", "2003-12-31T10:14:00Z" },
	{ ISO, "2003-12-31T10:14+01:00", "2003-12-31T09:14:00Z" },
	{ ISO, "2003-12-31", "2003-12-31T00:00:00Z" },
	{ ISO, "2003-12", "2003-12-01T00:00:00Z" },
	{ ISO, "2003", "2003-01-01T00:00:00Z" },
	{ ISO, "20031231T101455Z", "2003-12-31T10:14:55Z" },
	{ ISO, "20031231T101455.25+0100", "2003-12-31T09:14:55Z" },
	{ ISO, "20031231T1014Z", "2003-12-31T10:14:00Z" },
	{ ISO, "20031231", "2003-12-31T00:00:00Z" },
	{ ISO, "2003-12-31T23:30:00-01:00", "2004-01-01T00:30:00Z" },
	{ ISO, "2004-01-01T00:30:00+01:00", "2003-12-31T23:30:00Z" },
	{ ISO, "2000-02-29T00:00:00Z", "2000-02-29T00:00:00Z" },
	{ ISO, "2003-12-31T24:00:00Z", "2004-01-01T00:00:00Z" },
	{ ISO, "2012-06-30T23:59:60Z", "2012-06-30T23:59:59Z" },
	{ ISO, "1969-07-20T20:17:40Z", "1969-07-20T20:17:40Z" },
	{ ISO, "0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z" },
	{ ISO, "9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z" },
	{ ANY, "  2003-12-31T10:14:55Z\n", "2003-12-31T10:14:55Z" },
	{ ANY, "\t20031231T101455Z ", "2003-12-31T10:14:55Z" },

	/* Garbage: a date that cannot be read is null, never a wrong date. */
	{ ANY, "", NULL },
	{ ANY, "   ", NULL },
	{ ANY, "yesterday", NULL },
	{ ANY, "2003-13-01", NULL },
	{ ANY, "2003-00-10", NULL },
	{ ANY, "2003-02-29", NULL },
	{ ANY, "1900-02-29T00:00:00Z", NULL },
	{ ANY, "0000-01-01", NULL },
	{ ANY, "12345-01-01", NULL },
	{ ANY, "03-12-31", NULL },
	{ ANY, "2003-1-5", NULL },
	{ ANY, "2003-12-31T", NULL },
	{ ANY, "2003-12-31T10", NULL },
	{ ANY, "2003-12T10:00Z", NULL },
	{ ANY, "2003-12-31T25:00:00Z", NULL },
	{ ANY, "2003-12-31T24:00:01Z", NULL },
	{ ANY, "2003-12-31T10:60:00Z", NULL },
	{ ANY, "2003-12-31T10:14:61Z", NULL },
	{ ANY, "2003-12-31T10:14:55.Z", NULL },
	{ ANY, "2003-12-31T10:14:55Zjunk", NULL },
	{ ANY, "2003-12-31T10:14:55+25:00", NULL },
	{ ANY, "2003-12-31T10:14:55 EST", NULL },
	{ ANY, "31 Feb 2003", NULL },
	{ ANY, "29 Feb 2003", NULL },
	{ ANY, "Mon, 32 Jan 2003 10:00:00 GMT", NULL },
	{ ANY, "Mon, 0 Jan 2003 10:00:00 GMT", NULL },
	{ ANY, "Tue, 10 Jun 2003 09:41:01 -0500 extra", NULL },
	{ ANY, "Tue, 10 Jun 2003 09:41:01 GMT GMT", NULL },
	{ ANY, "Tue, 10 Jun 2003 24:00:00 GMT", NULL },
	{ ANY, "Tue, 10 Jun 2003 09:60:00 GMT", NULL },
	{ ANY, "Tue, 10 Jun 2003 09:4", NULL },
	{ ANY, "Tue, 10 Jun 2003 09:41:01 XYZ", NULL },
	{ ANY, "Tue, 10 Jun 2003 09:41:01 J", NULL },
	{ ANY, "Tue, 10 Jun 2003 09:41:01 +25:00", NULL },
	{ ANY, "Tue, 10 Jun 2003 09:41:01 +020", NULL },
	{ ANY, "Tue, 10 Jun 2003 09:41:01 EST+0100", NULL },
	{ ANY, "Tue, 10 Jun 2003 09:41:01 -0800 (PST", NULL },
	{ ANY, "Tue, 10 Jun 20030 09:41:01 GMT", NULL },
	{ ANY, "Tue, 10 Jun 2 09:41:01 GMT", NULL },
	{ ANY, "Xyz, 10 Jun 2003", NULL },
	{ ANY, "Tu, 10 Jun 2003", NULL },
	{ ANY, "10 Foo 2003", NULL },
	{ ANY, "10 Ju 2003", NULL },
	{ ANY, "10 Jun", NULL },
	{ ANY, "Jun 10 2003", NULL },
	{ ANY, "10Jun2003", NULL },
	{ ANY, "\xc3\xa9 10 Jun 2003", NULL },
	{ RFC, "2003-12-31T10:14:55Z", NULL },
	{ ISO, "Tue, 10 Jun 2003 09:41:01 GMT", NULL },
};

static int64_t
run(enum which which, const char *in)
{
	switch (which) {
	case RFC:
		return date_parse_rfc822(in);
	case ISO:
		return date_parse_iso8601(in);
	default:
		return date_parse(in);
	}
}

static void
test_rows(void)
{
	const struct row	*r;
	char			 got[32];
	size_t			 i;
	int64_t			 t;

	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		r = &rows[i];
		t = run(r->which, r->in);
		if (t == FEED_NOTIME)
			CHECK(r->want == NULL, "\"%s\": got FEED_NOTIME, "
			    "want %s", r->in, r->want);
		else {
			date_format_rfc3339(t, got);
			CHECK_STR(got, r->want, r->in);
		}
		/* date_parse picks the right syntax for every valid row. */
		if (r->which != ANY && r->want != NULL)
			CHECK(date_parse(r->in) == t, "\"%s\": date_parse "
			    "disagrees", r->in);
	}
	CHECK(date_parse(NULL) == FEED_NOTIME, "date_parse(NULL)");
	CHECK(date_parse_rfc822(NULL) == FEED_NOTIME, "rfc822(NULL)");
	CHECK(date_parse_iso8601(NULL) == FEED_NOTIME, "iso8601(NULL)");
}

static void
test_civil(void)
{
	static const struct {
		int64_t	 y;
		int	 m, d, hh, mm, ss;
		int64_t	 want;
	} civil[] = {
		{ 1970, 1, 1, 0, 0, 0, 0 },
		{ 1969, 12, 31, 23, 59, 59, -1 },
		{ 2003, 12, 31, 10, 14, 55, 1072865695 },
		{ 2000, 2, 29, 12, 0, 0, 951825600 },
		{ 1969, 7, 20, 20, 17, 40, -14182940 },
		{ 1900, 1, 1, 0, 0, 0, -2208988800LL },
		{ 1600, 3, 1, 0, 0, 0, -11670912000LL },
		{ 1, 1, 1, 0, 0, 0, -62135596800LL },
		{ 9999, 12, 31, 23, 59, 59, 253402300799LL },
		/* Months outside 1..12 carry into the year. */
		{ 2003, 13, 1, 0, 0, 0, 1072915200 },
		{ 2004, 0, 1, 0, 0, 0, 1070236800 },
	};
	size_t	 i;
	int64_t	 t;

	for (i = 0; i < sizeof civil / sizeof civil[0]; i++) {
		t = date_from_civil(civil[i].y, civil[i].m, civil[i].d,
		    civil[i].hh, civil[i].mm, civil[i].ss);
		CHECK(t == civil[i].want, "date_from_civil row %zu: got %lld, "
		    "want %lld", i, (long long)t, (long long)civil[i].want);
	}
}

static void
test_format(void)
{
	static const struct {
		int64_t		 t;
		const char	*want;
	} fmt[] = {
		{ 0, "1970-01-01T00:00:00Z" },
		{ -1, "1969-12-31T23:59:59Z" },
		{ 1, "1970-01-01T00:00:01Z" },
		{ -86400, "1969-12-31T00:00:00Z" },
		{ -86401, "1969-12-30T23:59:59Z" },
		{ -14182940, "1969-07-20T20:17:40Z" },
		{ -2208988800LL, "1900-01-01T00:00:00Z" },
		{ -11670912000LL, "1600-03-01T00:00:00Z" },
		{ -62135596800LL, "0001-01-01T00:00:00Z" },
		{ 951825600, "2000-02-29T12:00:00Z" },
		{ 1072865695, "2003-12-31T10:14:55Z" },
		{ 253402300799LL, "9999-12-31T23:59:59Z" },
	};
	char	 out[32];
	size_t	 i;
	int64_t	 back;

	for (i = 0; i < sizeof fmt / sizeof fmt[0]; i++) {
		date_format_rfc3339(fmt[i].t, out);
		CHECK_STR(out, fmt[i].want, "date_format_rfc3339");
		back = date_parse(out);
		CHECK(back == fmt[i].t, "round trip of %s: got %lld", out,
		    (long long)back);
	}

	/* Out of the parsers' range, yet bounded and readable. */
	date_format_rfc3339(INT64_MAX, out);
	CHECK(strlen(out) < sizeof out && out[strlen(out) - 1] == 'Z',
	    "INT64_MAX: %s", out);
	date_format_rfc3339(FEED_NOTIME, out);
	CHECK(strlen(out) < sizeof out && out[0] == '-',
	    "FEED_NOTIME: %s", out);
}

int
main(void)
{
	test_rows();
	test_civil();
	test_format();
	return test_exit("test-date");
}
