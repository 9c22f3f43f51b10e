/* getrlimit and setrlimit over a table of the kernel's limits, and getrusage over times [60] (<sys/resource.h>). */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/times.h>
#include <unistd.h>

/* The main thread's stack that execve maps. */
#define MAIN_STACK_BYTES (1024 * 1024)

static struct rlimit limits[RLIM_NLIMITS];
static int limits_ready;

/* The kernel's limits, filled in on first use. */
static struct rlimit* limit_of(int resource)
{
    if (resource < 0 || resource >= RLIM_NLIMITS) {
        errno = EINVAL;
        return NULL;
    }
    if (!limits_ready) {
        for (int i = 0; i < RLIM_NLIMITS; i++)
            limits[i].rlim_cur = limits[i].rlim_max = RLIM_INFINITY;
        limits[RLIMIT_NOFILE].rlim_cur = limits[RLIMIT_NOFILE].rlim_max = OPEN_MAX;
        limits[RLIMIT_STACK].rlim_cur = limits[RLIMIT_STACK].rlim_max = MAIN_STACK_BYTES;
        limits_ready = 1;
    }
    return &limits[resource];
}

int getrlimit(int resource, struct rlimit* rlim)
{
    struct rlimit* limit = limit_of(resource);
    if (!limit)
        return -1;
    *rlim = *limit;
    return 0;
}

int setrlimit(int resource, const struct rlimit* rlim)
{
    struct rlimit* limit = limit_of(resource);
    if (!limit)
        return -1;
    if (rlim->rlim_cur > rlim->rlim_max) {
        errno = EINVAL;
        return -1;
    }
    if (rlim->rlim_max > limit->rlim_max) {
        errno = EPERM;
        return -1;
    }
    *limit = *rlim;
    return 0;
}

/* ticks of _SC_CLK_TCK as a timeval. */
static struct timeval ticks_to_timeval(clock_t ticks, long per_second)
{
    struct timeval tv;
    tv.tv_sec = ticks / per_second;
    tv.tv_usec = (suseconds_t)((ticks % per_second) * 1000000L / per_second);
    return tv;
}

int getrusage(int who, struct rusage* usage)
{
    if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN) {
        errno = EINVAL;
        return -1;
    }
    struct tms t;
    long per_second = sysconf(_SC_CLK_TCK);
    if (times(&t) == (clock_t)-1 || per_second <= 0)
        return -1;
    memset(usage, 0, sizeof(*usage));
    usage->ru_utime = ticks_to_timeval(who == RUSAGE_SELF ? t.tms_utime : t.tms_cutime, per_second);
    usage->ru_stime = ticks_to_timeval(who == RUSAGE_SELF ? t.tms_stime : t.tms_cstime, per_second);
    return 0;
}
