/*
 * Time: gettimeofday [20], alarm is in signal.c, times [60],
 * clock_gettime [113], clock_settime [114], clock_nanosleep [115],
 * adjtime [140], and sleep/usleep/nanosleep/time built on them.
 */
#include <errno.h>
#include <sys/time.h>
#include <sys/times.h>
#include <syscall.h>
#include <time.h>
#include <unistd.h>

int clock_gettime(clockid_t clock_id, struct timespec* ts)
{
    int rc = syscall2(SC_clock_gettime, (uintptr_t)clock_id, (uintptr_t)ts);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

/* The kernel's clocks read the PIT counter (1193182 Hz); one count is 838.1 ns. */
#define CLOCK_RESOLUTION_NS 839

int clock_getres(clockid_t clock_id, struct timespec* res)
{
    struct timespec now;
    if (clock_gettime(clock_id, &now) < 0)
        return -1;
    if (res) {
        res->tv_sec = 0;
        res->tv_nsec = CLOCK_RESOLUTION_NS;
    }
    return 0;
}

int clock_settime(clockid_t clock_id, const struct timespec* ts)
{
    int rc = syscall2(SC_clock_settime, (uintptr_t)clock_id, (uintptr_t)ts);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int clock_nanosleep(clockid_t clock_id, int flags, const struct timespec* requested, struct timespec* remaining)
{
    SC_clock_nanosleep_params params = { clock_id, flags, requested, remaining };
    int rc = syscall1(SC_clock_nanosleep, (uintptr_t)&params);
    return rc < 0 ? -rc : 0;
}

int nanosleep(const struct timespec* requested, struct timespec* remaining)
{
    int error = clock_nanosleep(CLOCK_REALTIME, 0, requested, remaining);
    if (error) {
        errno = error;
        return -1;
    }
    return 0;
}

unsigned int sleep(unsigned int seconds)
{
    struct timespec requested = { seconds, 0 };
    struct timespec remaining = { 0, 0 };
    if (clock_nanosleep(CLOCK_MONOTONIC, 0, &requested, &remaining) == EINTR)
        return (unsigned int)remaining.tv_sec + (remaining.tv_nsec > 0);
    return 0;
}

int usleep(useconds_t usec)
{
    struct timespec requested = { usec / 1000000, (long)(usec % 1000000) * 1000 };
    int error = clock_nanosleep(CLOCK_MONOTONIC, 0, &requested, NULL);
    if (error) {
        errno = error;
        return -1;
    }
    return 0;
}

time_t time(time_t* t)
{
    struct timespec now;
    if (clock_gettime(CLOCK_REALTIME, &now) < 0)
        return (time_t)-1;
    if (t)
        *t = now.tv_sec;
    return now.tv_sec;
}

int gettimeofday(struct timeval* tv, void* tz)
{
    (void)tz;
    int rc = syscall1(SC_gettimeofday, (uintptr_t)tv);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int adjtime(const struct timeval* delta, struct timeval* old)
{
    int rc = syscall2(SC_adjtime, (uintptr_t)delta, (uintptr_t)old);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

clock_t times(struct tms* buf)
{
    int rc = syscall1(SC_times, (uintptr_t)buf);
    __RETURN_WITH_ERRNO(rc, (clock_t)rc, (clock_t)-1);
}

/* times' user + system ticks of this process, scaled from _SC_CLK_TCK to CLOCKS_PER_SEC. */
clock_t clock(void)
{
    struct tms usage;
    long ticks_per_second = sysconf(_SC_CLK_TCK);
    if (times(&usage) == (clock_t)-1 || ticks_per_second <= 0)
        return (clock_t)-1;
    uint64_t ticks = (uint64_t)usage.tms_utime + usage.tms_stime;
    return (clock_t)(ticks * CLOCKS_PER_SEC / (uint64_t)ticks_per_second);
}
