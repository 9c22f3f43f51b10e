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

struct timespec {
    time_t tv_sec;
    long tv_nsec;
};

_Static_assert(sizeof(struct timespec) == 12, "struct timespec is 12 bytes on i686");

/* The reference's clock ids (Kernel/UnixTypes.h): Linux's numbering. */
#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
/* clock_nanosleep flag (the reference's value, not Linux's 1). */
#define TIMER_ABSTIME 99

int clock_gettime(clockid_t clock_id, struct timespec* ts);
int clock_settime(clockid_t clock_id, const struct timespec* ts);
/* POSIX: returns 0 or the error number (errno is not set). */
int clock_nanosleep(clockid_t clock_id, int flags, const struct timespec* requested, struct timespec* remaining);
/* CLOCK_REALTIME, relative; -1 and errno (EINTR writes *remaining). */
int nanosleep(const struct timespec* requested, struct timespec* remaining);
/* Seconds since the epoch (CLOCK_REALTIME); also stored in *t if t is not NULL. */
time_t time(time_t* t);

#endif
