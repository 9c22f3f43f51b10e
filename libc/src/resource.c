/* getrlimit and setrlimit over a table of the kernel's limits (<sys/resource.h>). */
#include <errno.h>
#include <limits.h>
#include <sys/resource.h>

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
