/*
 * The thread calls that work on the one thread a process has until
 * create_thread exists: kill_thread, set_thread_name and get_thread_name
 * with the reference's errnos (raw syscalls: libc's pthread wrappers come
 * with threads). A thread's name starts as its program's, and fork copies it.
 */
#include "ktest.h"
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <syscall.h>
#include <unistd.h>

static volatile sig_atomic_t caught;

static void on_usr1(int sig)
{
    (void)sig;
    caught++;
}

int main(void)
{
    kt_begin("test-thread-calls");
    pid_t tid = (pid_t)syscall0(SC_gettid);
    char name[80];
    kt_check("name-is-program", syscall3(SC_get_thread_name, tid, (uintptr_t)name, sizeof name) == 0
        && strcmp(name, "test-thread-calls") == 0, "\"%s\"", name);
    kt_check("set-name", syscall3(SC_set_thread_name, tid, (uintptr_t)"worker", 6) == 0
        && syscall3(SC_get_thread_name, tid, (uintptr_t)name, sizeof name) == 0 && strcmp(name, "worker") == 0, "\"%s\"", name);
    kt_expect_raw_error("get-name-too-small", syscall3(SC_get_thread_name, tid, (uintptr_t)name, 6), ENAMETOOLONG);
    kt_expect_raw_error("get-name-size-0", syscall3(SC_get_thread_name, tid, (uintptr_t)name, 0), EINVAL);
    kt_expect_raw_error("get-name-efault", syscall3(SC_get_thread_name, tid, (uintptr_t)BAD_KERNEL_PTR, 16), EFAULT);
    char long_name[65];
    memset(long_name, 'x', sizeof long_name);
    kt_expect_raw_error("set-name-too-long", syscall3(SC_set_thread_name, tid, (uintptr_t)long_name, sizeof long_name), EINVAL);
    kt_expect_raw_error("set-name-efault", syscall3(SC_set_thread_name, tid, (uintptr_t)BAD_KERNEL_PTR, 4), EFAULT);
    kt_expect_raw_error("set-name-esrch", syscall3(SC_set_thread_name, 30000, (uintptr_t)"x", 1), ESRCH);
    pid_t child = fork();
    if (child == 0) {
        pid_t me = (pid_t)syscall0(SC_gettid);
        char inherited[80];
        int ok = syscall3(SC_get_thread_name, me, (uintptr_t)inherited, sizeof inherited) == 0 && strcmp(inherited, "worker") == 0;
        /* Another process's thread is not ours. */
        int esrch = syscall3(SC_get_thread_name, getppid(), (uintptr_t)inherited, sizeof inherited) == (uintptr_t)-ESRCH;
        _exit(ok && esrch ? 0 : 1);
    }
    kt_expect_child_exit("fork-copies-name-and-other-process-esrch", child, 0);
    signal(SIGUSR1, on_usr1);
    kt_check("kill-thread", syscall2(SC_kill_thread, tid, SIGUSR1) == 0 && caught == 1, "caught %d", (int)caught);
    kt_check("kill-thread-probe", syscall2(SC_kill_thread, tid, 0) == 0, "not 0");
    kt_expect_raw_error("kill-thread-einval", syscall2(SC_kill_thread, tid, 32), EINVAL);
    kt_expect_raw_error("kill-thread-esrch", syscall2(SC_kill_thread, getppid(), SIGUSR1), ESRCH);
    return kt_finish();
}
