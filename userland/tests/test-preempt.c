/*
 * test-preempt: the scheduler preempts user code that never yields or makes
 * syscalls (timer-driven round robin).
 *
 * short-children-finish-first: a long child L (LONG_WORK = 50 x WORK of busy
 * loop) is forked first, then two short ones A and B (WORK each). None of
 * them yields. With preemption A and B finish long before L, so the first
 * two children waitpid(-1) reaps are A and B and the last is L. Without
 * preemption, L (first in the run queue) would run to its end first.
 * There is no kill syscall yet, so L is finite rather than an endless loop.
 *
 * busy-parent: the parent polls waitpid(WNOHANG) in a loop that never
 * blocks or yields; a child doing WORK must still finish within a bound of
 * 100 x WORK of the parent's own spinning.
 */
#include "ktest.h"

#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#define WORK 2000000u
#define LONG_WORK (50u * WORK)

static pid_t spinner(uint32_t work)
{
    pid_t pid = fork();
    if (pid == 0) {
        kt_spin(work);
        _exit(0);
    }
    return pid;
}

static void test_order(void)
{
    pid_t long_child = spinner(LONG_WORK);
    pid_t a = spinner(WORK);
    pid_t b = spinner(WORK);
    if (long_child < 0 || a < 0 || b < 0) {
        kt_fail("short-children-finish-first", "fork: %s", kt_errname(errno));
        while (waitpid(-1, NULL, 0) > 0)
            ;
        return;
    }
    pid_t order[3];
    int statuses_ok = 1;
    for (int i = 0; i < 3; i++) {
        int status = 0;
        order[i] = waitpid(-1, &status, 0);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            statuses_ok = 0;
    }
    int short_first = ((order[0] == a && order[1] == b) || (order[0] == b && order[1] == a)) && order[2] == long_child;
    kt_check("short-children-finish-first", short_first && statuses_ok,
        "reaped %d, %d, %d (long %d, short %d and %d)%s", order[0], order[1], order[2], long_child, a, b,
        statuses_ok ? "" : "; a child did not exit 0");
}

static void test_busy_parent(void)
{
    pid_t child = spinner(WORK);
    if (child < 0) {
        kt_fail("busy-parent", "fork: %s", kt_errname(errno));
        return;
    }
    const int polls = 400; /* x WORK/4 = 100 x WORK */
    int status = 0;
    pid_t got = 0;
    int i;
    for (i = 0; i < polls && got == 0; i++) {
        kt_spin(WORK / 4);
        got = waitpid(child, &status, WNOHANG);
    }
    if (got == child) {
        kt_check("busy-parent", WIFEXITED(status) && WEXITSTATUS(status) == 0, "child %s", kt_describe_status(status));
        return;
    }
    if (got < 0) {
        kt_fail("busy-parent", "waitpid(WNOHANG): %s", kt_errname(errno));
        return;
    }
    kt_fail("busy-parent", "child still running after %d polls (100 x its work): no preemption?", i);
    waitpid(child, &status, 0);
}

int main(void)
{
    kt_begin("test-preempt");
    test_order();
    test_busy_parent();
    return kt_finish();
}
