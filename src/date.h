/*
 * Dates from feeds: RFC 822/1123 (with the deviations found in the wild)
 * and RFC 3339 / ISO 8601 / W3C-DTF, all to UTC seconds.
 */
#ifndef TIDINGS_DATE_H
#define TIDINGS_DATE_H

#include <stdint.h>

/* Tries both syntaxes; returns UTC seconds, or FEED_NOTIME if unreadable. */
int64_t	 date_parse(const char *);
int64_t	 date_parse_rfc822(const char *);
int64_t	 date_parse_iso8601(const char *);
/* Seconds since the epoch of a proleptic Gregorian UTC date and time. */
int64_t	 date_from_civil(int64_t, int, int, int, int, int);
/* Writes t as "YYYY-MM-DDTHH:MM:SSZ" into out (at least 32 bytes). */
void	 date_format_rfc3339(int64_t, char *);

#endif
