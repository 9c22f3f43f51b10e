/* <sys/times.h>: times [60]. */
#ifndef _SYS_TIMES_H
#define _SYS_TIMES_H

#include <sys/types.h>

struct tms {
    clock_t tms_utime;
    clock_t tms_stime;
    clock_t tms_cutime;
    clock_t tms_cstime;
};

/* Fills *buf (ticks); returns the uptime in ms & 0x7fffffff, or (clock_t)-1. */
clock_t times(struct tms* buf);

#endif
