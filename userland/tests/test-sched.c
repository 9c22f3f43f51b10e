/*
 * Scheduling: sched_setparam/sched_getparam with the reference's priority
 * range and errnos, sched_get_priority_min/max, and a sleeper that wakes
 * on time while another process spins (the timer tick that makes it
 * runnable preempts the spinner at once, not after its 33 ms quantum).
 */
#include "ktest.h"
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

int main(void)
{
    kt_begin("test-sched");
    struct sched_param p = { 0 };
    kt_check("getparam-default", sched_getparam(0, &p) == 0 && p.sched_priority == THREAD_PRIORITY_NORMAL, "priority %d",
        p.sched_priority);
    p.sched_priority = THREAD_PRIORITY_HIGH;
    struct sched_param q = { 0 };
    kt_check("setparam-roundtrip", sched_setparam(0, &p) == 0 && sched_getparam(getpid(), &q) == 0
        && q.sched_priority == THREAD_PRIORITY_HIGH, "priority %d", q.sched_priority);
    p.sched_priority = THREAD_PRIORITY_MAX + 1;
    kt_expect_errno("setparam-einval-high", sched_setparam(0, &p), EINVAL);
    p.sched_priority = THREAD_PRIORITY_MIN - 1;
    kt_expect_errno("setparam-einval-low", sched_setparam(0, &p), EINVAL);
    kt_expect_errno("setparam-efault", sched_setparam(0, BAD_KERNEL_PTR), EFAULT);
    kt_expect_errno("getparam-efault", sched_getparam(0, BAD_KERNEL_PTR), EFAULT);
    kt_expect_errno("getparam-esrch", sched_getparam(30000, &q), ESRCH);
    kt_check("priority-range", sched_get_priority_min(SCHED_OTHER) == THREAD_PRIORITY_MIN
        && sched_get_priority_max(SCHED_RR) == THREAD_PRIORITY_MAX, "min %d max %d", sched_get_priority_min(SCHED_OTHER),
        sched_get_priority_max(SCHED_RR));
    kt_expect_errno("priority-range-einval", sched_get_priority_max(42), EINVAL);
    p.sched_priority = THREAD_PRIORITY_NORMAL;
    sched_setparam(0, &p);

    /* A spinner with the longest quantum (99 / 3 = 33 ticks) must not delay a 5 ms sleep by a quantum. */
    pid_t spinner = fork();
    if (spinner == 0) {
        struct sched_param high = { THREAD_PRIORITY_MAX };
        sched_setparam(0, &high);
        for (;;)
            ;
    }
    double worst = 0;
    for (int i = 0; i < 20; i++) {
        struct timespec five = { 0, 5000000 };
        double start = now_ms();
        nanosleep(&five, NULL);
        double late = now_ms() - start - 5;
        if (late > worst)
            worst = late;
    }
    kill(spinner, SIGKILL);
    waitpid(spinner, NULL, 0);
    /* Waiting for the spinner's quantum would make it up to 33 ms late; QEMU's timer adds a few ms of jitter. */
    kt_check("sleeper-not-held-a-quantum", worst < 12, "late by up to %.1f ms", worst);
    return kt_finish();
}
