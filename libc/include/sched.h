/* <sched.h>: yield [0], sched_setparam [93], sched_getparam [94]. */
#ifndef _SCHED_H
#define _SCHED_H

#include <sys/types.h>

struct sched_param {
    int sched_priority;
};

int sched_yield(void);
/* pid is a thread id; 0 is the calling thread. */
int sched_setparam(pid_t pid, const struct sched_param* param);
int sched_getparam(pid_t pid, struct sched_param* param);

#endif
