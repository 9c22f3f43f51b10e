/*
 * <time.h>: struct timespec, the clock ids and the clock syscalls
 * (clock_gettime [113], clock_settime [114], clock_nanosleep [115]).
 * time_t is 64-bit; on i686 struct timespec is 12 bytes (the i64 is 4-byte
 * aligned), which is what the kernel copies.
 */
#ifndef _TIME_H
#define _TIME_H

#include <stddef.h>
#include <sys/types.h>
#include <bits/timespec.h>
#include <bits/time.h>

int clock_gettime(clockid_t clock_id, struct timespec* ts);
/*
 * Every clock counts the PIT's 1193182 Hz input: 839 ns, rounded up
 * (EINVAL for a clock clock_gettime does not know). res may be NULL.
 */
int clock_getres(clockid_t clock_id, struct timespec* res);
int clock_settime(clockid_t clock_id, const struct timespec* ts);
/* POSIX: returns 0 or the error number (errno is not set). */
int clock_nanosleep(clockid_t clock_id, int flags, const struct timespec* requested, struct timespec* remaining);
/* CLOCK_REALTIME, relative; -1 and errno (EINTR writes *remaining). */
int nanosleep(const struct timespec* requested, struct timespec* remaining);
struct tm {
    int tm_sec;   /* 0..60 */
    int tm_min;   /* 0..59 */
    int tm_hour;  /* 0..23 */
    int tm_mday;  /* 1..31 */
    int tm_mon;   /* 0..11 */
    int tm_year;  /* years since 1900 */
    int tm_wday;  /* 0..6, Sunday = 0 */
    int tm_yday;  /* 0..365 */
    int tm_isdst; /* always 0 */
};

/*
 * Calendar time (proleptic Gregorian, UTC: there are no time zones, so the
 * local time is UTC). NULL and EOVERFLOW when the year does not fit an int.
 * gmtime and localtime share one static struct tm.
 */
struct tm* gmtime(const time_t* t);
struct tm* gmtime_r(const time_t* t, struct tm* tm);
struct tm* localtime(const time_t* t);
struct tm* localtime_r(const time_t* t, struct tm* tm);
/*
 * Conversions: a A b B c C d D e F h H I j m M n p r R S t T u w x X y Y z
 * (+0000) Z (UTC) %% (the C locale; c is "%a %b %e %H:%M:%S %Y", x
 * "%m/%d/%y", X "%H:%M:%S"); any other is copied as is. Returns the length
 * written without the NUL, or 0 if it does not fit in size bytes.
 */
size_t strftime(char* buf, size_t size, const char* fmt, const struct tm* tm);
/*
 * The time t of *tm (UTC, tm_wday, tm_yday and tm_isdst ignored), any field
 * out of its range carried into the next; *tm is rewritten normalized.
 * (time_t)-1 and EOVERFLOW when the result's year does not fit an int.
 */
time_t mktime(struct tm* tm);
time_t timegm(struct tm* tm);
/* "Sun Sep 16 01:03:52 1973\n" (buf: 26 bytes); asctime and ctime share a static buffer. */
char* asctime(const struct tm* tm);
char* asctime_r(const struct tm* tm, char* buf);
char* ctime(const time_t* t);
char* ctime_r(const time_t* t, char* buf);
double difftime(time_t end, time_t start);
/*
 * Parses s by fmt into the fields it names (others are left as they are):
 * a A b B h c d e D F H I j m M n p r R S t T w x X y Y %, a space in fmt
 * matching any run of white space. The rest of s, or NULL on a mismatch.
 */
char* strptime(const char* s, const char* fmt, struct tm* tm);

/* The processor time used, in CLOCKS_PER_SEC units (from times [60]); (clock_t)-1 if unknown. */
#define CLOCKS_PER_SEC 1000000
clock_t clock(void);

/* Seconds since the epoch (CLOCK_REALTIME); also stored in *t if t is not NULL. */
time_t time(time_t* t);

#endif
