/*
 * test-wait: waitid (syscall 15) and libc's waitpid on top of it.
 * Errors: EFAULT for the params pointer and for infop, EINVAL for an idtype
 * other than P_ALL/P_PID/P_PGID, ECHILD when nothing can match (no children,
 * P_PID of a process that is not our child, P_PGID of no group).
 * Success: the siginfo of an exited child (si_signo SIGCHLD, si_code
 * CLD_EXITED, si_pid, si_uid, si_status), WNOHANG with a running child
 * (returns 0, si_pid 0), WNOHANG with an exited one, WNOWAIT, P_ALL, and the
 * waitpid status encoding.
 */
#include "ktest.h"

#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <syscall.h>
#include <unistd.h>

/* Busy for a long time (hundreds of ms even under KVM), then exit(status). */
static pid_t fork_slow_child(int status)
{
    pid_t pid = fork();
    if (pid == 0) {
        kt_spin(100000000u);
        _exit(status);
    }
    return pid;
}

static int raw_waitid(int idtype, int id, void* infop, int options)
{
    SC_waitid_params params = { idtype, id, infop, options };
    return (int)syscall1(SC_waitid, (uintptr_t)&params);
}

static void test_errors_without_children(void)
{
    siginfo_t info;
    int status;
    kt_expect_errno("echild-no-children-waitpid", waitpid(-1, &status, 0), ECHILD);
    kt_expect_errno("echild-no-children-waitid", waitid(P_ALL, 0, &info, WEXITED), ECHILD);
    kt_expect_errno("echild-no-children-wnohang", waitpid(-1, &status, WNOHANG), ECHILD);
    kt_expect_errno("echild-pid-is-parent", waitid(P_PID, getppid(), &info, WEXITED), ECHILD);
    kt_expect_errno("echild-pid-is-self", waitid(P_PID, getpid(), &info, WEXITED), ECHILD);
    kt_expect_errno("echild-pid-does-not-exist", waitid(P_PID, 99999, &info, WEXITED), ECHILD);
    kt_expect_errno("echild-pgid-does-not-exist", waitid(P_PGID, 99999, &info, WEXITED), ECHILD);
    kt_expect_errno("einval-idtype-0", waitid((idtype_t)0, 0, &info, WEXITED), EINVAL);
    kt_expect_errno("einval-idtype-4", waitid((idtype_t)4, 0, &info, WEXITED), EINVAL);
    kt_expect_errno("einval-idtype-minus-1", waitid((idtype_t)-1, 0, &info, WEXITED), EINVAL);
    kt_expect_raw_error("efault-params-kernel", syscall1(SC_waitid, 0xc0000000u), EFAULT);
    kt_expect_raw_error("efault-params-null", syscall1(SC_waitid, 0), EFAULT);
    kt_expect_raw_error("efault-params-ceiling",
        syscall1(SC_waitid, (uintptr_t)BAD_CEILING_PTR(sizeof(SC_waitid_params))), EFAULT);
}

static void test_siginfo(void)
{
    pid_t pid = kt_fork_exit(42);
    struct {
        siginfo_t info;
        unsigned canary;
    } guarded;
    siginfo_t info;
    memset(&guarded, 0x55, sizeof(guarded));
    int rc = waitid(P_PID, pid, &guarded.info, WEXITED);
    info = guarded.info;
    if (rc != 0) {
        kt_fail("siginfo-exited", "waitid: %s", kt_errname(errno));
        return;
    }
    kt_check("siginfo-exited", info.si_pid == pid && info.si_code == CLD_EXITED && info.si_status == 42,
        "si_pid %d (child %d), si_code %d (CLD_EXITED %d), si_status %d", info.si_pid, pid, info.si_code, CLD_EXITED,
        info.si_status);
    kt_check("siginfo-signo-uid", info.si_signo == SIGCHLD && info.si_uid == getuid(), "si_signo %d, si_uid %u",
        info.si_signo, info.si_uid);
    kt_check("siginfo-is-28-bytes", sizeof(siginfo_t) == 28 && guarded.canary == 0x55555555u,
        "sizeof %zu, the word after it %#x", sizeof(siginfo_t), guarded.canary);
    int status;
    kt_expect_errno("reaped-child-is-gone", waitpid(pid, &status, 0), ECHILD);
}

static void test_wnohang_running(void)
{
    pid_t pid = fork_slow_child(3);
    if (pid < 0) {
        kt_fail("wnohang-running-child", "fork: %s", kt_errname(errno));
        return;
    }
    siginfo_t info;
    memset(&info, 0x55, sizeof(info));
    int rc = waitid(P_PID, pid, &info, WEXITED | WNOHANG);
    kt_check("wnohang-running-child", rc == 0 && info.si_pid == 0, "rc %d (%s), si_pid %d", rc,
        rc ? kt_errname(errno) : "ok", info.si_pid);
    int status = 0x1234;
    pid_t got = waitpid(-1, &status, WNOHANG);
    kt_check("wnohang-running-waitpid", got == 0 && status == 0, "waitpid = %d, status 0x%x", got, status);
    kt_expect_child_exit("blocking-wait-after-wnohang", pid, 3);
}

static void test_wnohang_exited(void)
{
    pid_t pid = kt_fork_exit(5);
    int status = 0;
    pid_t got = 0;
    for (int i = 0; i < 100000 && got == 0; i++) {
        got = waitpid(pid, &status, WNOHANG);
        if (got == 0)
            sched_yield();
    }
    kt_check("wnohang-exited-child", got == pid && WIFEXITED(status) && WEXITSTATUS(status) == 5,
        "waitpid = %d (%s), %s", got, got < 0 ? kt_errname(errno) : "-", kt_describe_status(status));
}

static void test_wnowait(void)
{
    pid_t pid = kt_fork_exit(6);
    siginfo_t info;
    memset(&info, 0, sizeof(info));
    int rc = waitid(P_PID, pid, &info, WEXITED | WNOWAIT);
    kt_check("wnowait-sees-child", rc == 0 && info.si_pid == pid && info.si_status == 6, "rc %d, si_pid %d, si_status %d",
        rc, info.si_pid, info.si_status);
    memset(&info, 0, sizeof(info));
    rc = waitid(P_PID, pid, &info, WEXITED);
    kt_check("wnowait-left-it-waitable", rc == 0 && info.si_pid == pid && info.si_status == 6,
        "rc %d (%s), si_pid %d, si_status %d", rc, rc ? kt_errname(errno) : "ok", info.si_pid, info.si_status);
}

static void test_efault_infop(void)
{
    /* waitid blocks until the child exits, then cannot copy the siginfo out. */
    pid_t pid = kt_fork_exit(9);
    kt_expect_raw_error("efault-infop-kernel", raw_waitid(P_PID, pid, BAD_KERNEL_PTR, WEXITED), EFAULT);
    int status;
    waitpid(pid, &status, WNOHANG); /* whether the failed call consumed it is not specified */
    pid = kt_fork_exit(9);
    kt_expect_raw_error("efault-infop-ceiling", raw_waitid(P_PID, pid, BAD_CEILING_PTR(sizeof(siginfo_t)), WEXITED),
        EFAULT);
    waitpid(pid, &status, WNOHANG);
}

static void test_any_and_specific(void)
{
    pid_t a = kt_fork_exit(21), b = kt_fork_exit(22);
    int status = 0;
    pid_t got = waitpid(b, &status, 0);
    kt_check("pid-specific", got == b && WEXITSTATUS(status) == 22, "waitpid(%d) = %d, %s", b, got,
        kt_describe_status(status));
    got = waitpid(-1, &status, 0);
    kt_check("any-child", got == a && WEXITSTATUS(status) == 21, "waitpid(-1) = %d (expected %d), %s", got, a,
        kt_describe_status(status));
    siginfo_t info;
    pid_t c = kt_fork_exit(23);
    memset(&info, 0, sizeof(info));
    int rc = waitid(P_ALL, 0, &info, WEXITED);
    kt_check("waitid-p-all", rc == 0 && info.si_pid == c && info.si_status == 23, "rc %d, si_pid %d, si_status %d", rc,
        info.si_pid, info.si_status);
}

static void test_status_encoding(void)
{
    pid_t pid = kt_fork_exit(255);
    int status = 0;
    waitpid(pid, &status, 0);
    kt_check("status-encoding", status == 0xff00 && WIFEXITED(status) && !WIFSIGNALED(status) && !WIFSTOPPED(status)
        && WEXITSTATUS(status) == 255, "status 0x%x", status);
}

int main(void)
{
    kt_begin("test-wait");
    test_errors_without_children();
    test_siginfo();
    test_wnohang_running();
    test_wnohang_exited();
    test_wnowait();
    test_efault_infop();
    test_any_and_specific();
    test_status_encoding();
    return kt_finish();
}
