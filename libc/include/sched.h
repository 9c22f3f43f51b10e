/* <sched.h>: yield [0], sched_setparam [93], sched_getparam [94]; the priorities and policies are in <bits/sched.h>. */
#ifndef _SCHED_H
#define _SCHED_H

#include <sys/types.h>
#include <bits/sched.h>

int sched_yield(void);
/* pid is a thread id; 0 is the calling thread. Priorities run from THREAD_PRIORITY_MIN to THREAD_PRIORITY_MAX. */
int sched_setparam(pid_t pid, const struct sched_param* param);
int sched_getparam(pid_t pid, struct sched_param* param);
/* The kernel has one policy, a round robin: sched_getscheduler gives SCHED_OTHER; sched_setscheduler takes SCHED_OTHER or SCHED_RR (EINVAL otherwise) and sets the priority. */
int sched_getscheduler(pid_t pid);
int sched_setscheduler(pid_t pid, int policy, const struct sched_param* param);
/* The priority range of a policy: every policy is the kernel's round robin, THREAD_PRIORITY_MIN..MAX. */
int sched_get_priority_min(int policy);
int sched_get_priority_max(int policy);

#endif
