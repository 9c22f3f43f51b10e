/* <sys/times.h>: times [60]. struct tms is in <bits/times.h>. */
#ifndef _SYS_TIMES_H
#define _SYS_TIMES_H

#include <sys/types.h>
#include <bits/times.h>

/* Fills *buf (clock ticks, sysconf(_SC_CLK_TCK) a second); returns the uptime in ms & 0x7fffffff, or (clock_t)-1. */
clock_t times(struct tms* buf);

#endif
