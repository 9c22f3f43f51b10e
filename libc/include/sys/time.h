/* <sys/time.h>: struct timeval, gettimeofday [20], adjtime [140] and utimes (libc/src/fs.c). */
#ifndef _SYS_TIME_H
#define _SYS_TIME_H

#include <sys/types.h>
#include <time.h>
#include <bits/timeval.h>

struct timezone {
    int tz_minuteswest;
    int tz_dsttime;
};

/* tz is ignored (as in the reference); only tv is filled. */
int gettimeofday(struct timeval* tv, void* tz);
/* Writes the remaining adjustment to *old; a non-NULL delta needs root. */
int adjtime(const struct timeval* delta, struct timeval* old);

/* Access and modification times (NULL: now), in whole seconds: the microseconds are dropped. */
int utimes(const char* path, const struct timeval times[2]);

#define timerclear(tvp) ((tvp)->tv_sec = (tvp)->tv_usec = 0)
#define timerisset(tvp) ((tvp)->tv_sec || (tvp)->tv_usec)

#endif
