/*
 * <sys/resource.h>: resource limits and usage. No syscall carries them
 * (the reference's table has none): getrlimit reports the kernel's fixed
 * limits and setrlimit keeps lowered values in libc's view only, which the
 * kernel does not enforce. The RLIMIT_* numbers are libc's (later
 * SerenityOS LibC's).
 */
#ifndef _SYS_RESOURCE_H
#define _SYS_RESOURCE_H

#include <sys/time.h>
#include <sys/types.h>

#define RLIMIT_CORE 1
#define RLIMIT_CPU 2
#define RLIMIT_DATA 3
#define RLIMIT_FSIZE 4
#define RLIMIT_NOFILE 5
#define RLIMIT_STACK 6
#define RLIMIT_AS 7
#define RLIMIT_RSS 8
#define RLIM_NLIMITS 9

typedef unsigned long rlim_t;
#define RLIM_INFINITY ((rlim_t)-1)
#define RLIM_SAVED_MAX RLIM_INFINITY
#define RLIM_SAVED_CUR RLIM_INFINITY

struct rlimit {
    rlim_t rlim_cur;
    rlim_t rlim_max;
};

/*
 * RLIMIT_NOFILE: OPEN_MAX (1024) descriptors; RLIMIT_STACK: the 1 MiB
 * stack execve gives the main thread; every other limit RLIM_INFINITY.
 * EINVAL for an unknown resource.
 */
int getrlimit(int resource, struct rlimit* rlim);
/*
 * Lowers or restores limits in libc's view (getrlimit sees them; the kernel
 * goes on enforcing only its own). EINVAL for an unknown resource or
 * rlim_cur > rlim_max; EPERM for rlim_max above the current hard limit.
 */
int setrlimit(int resource, const struct rlimit* rlim);

/* The kernel accounts CPU time only (times [60]): the other fields are 0. wait3 and wait4 report a zeroed rusage. */
struct rusage {
    struct timeval ru_utime;
    struct timeval ru_stime;
    long ru_maxrss;
    long ru_ixrss;
    long ru_idrss;
    long ru_isrss;
    long ru_minflt;
    long ru_majflt;
    long ru_nswap;
    long ru_inblock;
    long ru_oublock;
    long ru_msgsnd;
    long ru_msgrcv;
    long ru_nsignals;
    long ru_nvcsw;
    long ru_nivcsw;
};

#define RUSAGE_SELF 0
#define RUSAGE_CHILDREN (-1)

/* The user and system time of the caller (RUSAGE_SELF) or its reaped children; EINVAL for another who. */
int getrusage(int who, struct rusage* usage);

#endif
