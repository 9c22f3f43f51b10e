/*
 * Signal delivery: handlers and their frame (registers, FPU and the
 * interrupted syscall's result survive), masks, pending sets, SA_* flags,
 * the alternate stack, EINTR and SA_RESTART on blocking calls, CPU faults
 * caught and left with siglongjmp, default actions (terminate, core, stop,
 * continue, ignore), SIGCHLD, alarm, kill's pid forms, process groups and
 * sessions, and times.
 */
#include "ktest.h"
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syscall.h>
#include <sys/resource.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile int caught[NSIG];
static volatile int last_signal;
static volatile siginfo_t last_info;
static volatile int context_seen;

static void count_handler(int sig)
{
    caught[sig]++;
    last_signal = sig;
}

static void info_handler(int sig, siginfo_t* info, void* context)
{
    caught[sig]++;
    last_info = *info;
    context_seen = context != NULL && ((ucontext_t*)context)->uc_mcontext.eip != 0;
}

static void install(int sig, void (*handler)(int), int flags)
{
    struct sigaction act;
    memset(&act, 0, sizeof act);
    act.sa_handler = handler;
    act.sa_flags = flags;
    sigaction(sig, &act, NULL);
}

static void install_info(int sig)
{
    struct sigaction act;
    memset(&act, 0, sizeof act);
    act.sa_sigaction = info_handler;
    act.sa_flags = SA_SIGINFO;
    sigaction(sig, &act, NULL);
}

static void reset_counts(void)
{
    for (int i = 0; i < NSIG; i++)
        caught[i] = 0;
}

static void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

static void test_basic_delivery(void)
{
    reset_counts();
    install(SIGUSR1, count_handler, 0);
    kt_check("raise-runs-handler", raise(SIGUSR1) == 0 && caught[SIGUSR1] == 1 && last_signal == SIGUSR1,
        "caught %d", caught[SIGUSR1]);
    install_info(SIGUSR2);
    raise(SIGUSR2);
    kt_check("siginfo", caught[SIGUSR2] == 1 && last_info.si_signo == SIGUSR2 && last_info.si_pid == getpid()
        && last_info.si_code == 0 && context_seen, "signo %d pid %d code %d ctx %d", last_info.si_signo,
        last_info.si_pid, last_info.si_code, context_seen);
    install(SIGUSR2, SIG_DFL, 0);
}

static void test_masks(void)
{
    reset_counts();
    install(SIGUSR1, count_handler, 0);
    sigset_t set, old, pending;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, &old);
    raise(SIGUSR1);
    sigpending(&pending);
    kt_check("blocked-stays-pending", caught[SIGUSR1] == 0 && sigismember(&pending, SIGUSR1) == 1,
        "caught %d pending %#x", caught[SIGUSR1], (unsigned)pending);
    sigprocmask(SIG_SETMASK, &old, NULL);
    kt_check("unblock-delivers", caught[SIGUSR1] == 1, "caught %d", caught[SIGUSR1]);
    sigfillset(&set);
    sigprocmask(SIG_SETMASK, &set, &old);
    sigset_t now;
    sigprocmask(SIG_SETMASK, &old, &now);
    kt_check("kill-stop-unblockable", sigismember(&now, SIGKILL) == 0 && sigismember(&now, SIGSTOP) == 0
        && sigismember(&now, SIGUSR1) == 1, "mask %#x", (unsigned)now);
    kt_expect_errno("sigprocmask-einval", sigprocmask(99, &set, NULL), EINVAL);
    kt_expect_errno("sigprocmask-efault", sigprocmask(SIG_BLOCK, BAD_KERNEL_PTR, NULL), EFAULT);
    kt_expect_errno("sigpending-efault", sigpending(BAD_KERNEL_PTR), EFAULT);
}

/* Registers, the FPU stack and the syscall's result survive a handler that clobbers them all. */
static void clobber_handler(int sig)
{
    volatile double x = 1.25;
    for (int i = 0; i < 20; i++)
        x = x * 3.5 - 1.0;
    __asm__ volatile("mov $0x11111111, %%esi\n\tmov $0x22222222, %%edi\n\tfldz\n\tfldz\n\tfldz" ::: "esi", "edi", "memory");
    caught[sig]++;
}

static void test_state_restored(void)
{
    reset_counts();
    install(SIGUSR2, clobber_handler, 0);
    double in = 2.718281828, out = 0;
    uint32_t esi_out = 0, edi_out = 0;
    uintptr_t rc;
    __asm__ volatile(
        "fldl %[in]\n\t"
        "mov $0xa5a5a5a5, %%esi\n\t"
        "mov $0x5a5a5a5a, %%edi\n\t"
        "int $0x82\n\t"
        "mov %%esi, %[esi]\n\t"
        "mov %%edi, %[edi]\n\t"
        "fstpl %[out]"
        : [esi] "=m"(esi_out), [edi] "=m"(edi_out), [out] "=m"(out), "=a"(rc)
        : [in] "m"(in), "a"(SC_kill), "d"(getpid()), "c"(SIGUSR2)
        : "esi", "edi", "memory");
    kt_check("registers-fpu-restored", caught[SIGUSR2] == 1 && rc == 0 && esi_out == 0xa5a5a5a5 && edi_out == 0x5a5a5a5a
        && out == in, "caught %d rc %ld esi %#x edi %#x out %f", caught[SIGUSR2], (long)rc, esi_out, edi_out, out);
    install(SIGUSR2, SIG_DFL, 0);
}

static volatile int order[8];
static volatile int order_count;

static void outer_handler(int sig)
{
    order[order_count++] = sig;
    raise(SIGUSR2);
    order[order_count++] = -sig;
}

static void inner_handler(int sig)
{
    order[order_count++] = sig;
}

static volatile int depth, max_depth, invocations;

/* Raises its own signal until it ran three times: nested with SA_NODEFER, one after another without. */
static void recursive_handler(int sig)
{
    depth++;
    invocations++;
    if (depth > max_depth)
        max_depth = depth;
    if (invocations < 3)
        raise(sig);
    depth--;
}

static void test_flags(void)
{
    order_count = 0;
    install(SIGUSR1, outer_handler, 0);
    install(SIGUSR2, inner_handler, 0);
    raise(SIGUSR1);
    kt_check("nested", order_count == 3 && order[0] == SIGUSR1 && order[1] == SIGUSR2 && order[2] == -SIGUSR1,
        "count %d: %d %d %d", order_count, order[0], order[1], order[2]);
    depth = max_depth = invocations = 0;
    install(SIGUSR1, recursive_handler, 0);
    raise(SIGUSR1);
    kt_check("deferred-without-nodefer", max_depth == 1 && invocations == 3, "depth %d runs %d", max_depth, invocations);
    depth = max_depth = invocations = 0;
    install(SIGUSR1, recursive_handler, SA_NODEFER);
    raise(SIGUSR1);
    kt_check("sa-nodefer-nests", max_depth == 3 && invocations == 3, "depth %d runs %d", max_depth, invocations);
    reset_counts();
    install(SIGUSR1, count_handler, SA_RESETHAND);
    raise(SIGUSR1);
    struct sigaction now;
    sigaction(SIGUSR1, NULL, &now);
    kt_check("sa-resethand", caught[SIGUSR1] == 1 && now.sa_handler == SIG_DFL, "caught %d", caught[SIGUSR1]);
    struct sigaction act;
    memset(&act, 0, sizeof act);
    act.sa_handler = count_handler;
    sigfillset(&act.sa_mask);
    sigaction(SIGUSR1, &act, NULL);
    sigaction(SIGUSR1, NULL, &now);
    kt_check("sa-mask-drops-kill-stop", sigismember(&now.sa_mask, SIGKILL) == 0 && sigismember(&now.sa_mask, SIGUSR2) == 1,
        "mask %#x", (unsigned)now.sa_mask);
    install(SIGUSR1, SIG_DFL, 0);
    install(SIGUSR2, SIG_DFL, 0);
}

static char alt_stack[SIGSTKSZ];
static volatile int on_alt;
static volatile int eperm_on_alt;

static void alt_handler(int sig)
{
    char here;
    on_alt = &here >= alt_stack && &here < alt_stack + sizeof alt_stack;
    stack_t ss = { alt_stack, 0, sizeof alt_stack }, old;
    eperm_on_alt = sigaltstack(&ss, NULL) < 0 && errno == EPERM && sigaltstack(NULL, &old) == 0 && old.ss_flags == SS_ONSTACK;
    caught[sig]++;
}

static void test_altstack(void)
{
    stack_t ss = { alt_stack, 0, sizeof alt_stack }, old;
    kt_check("sigaltstack-set", sigaltstack(&ss, &old) == 0 && old.ss_flags == SS_DISABLE, "%s", kt_errname(errno));
    install(SIGUSR1, alt_handler, SA_ONSTACK);
    raise(SIGUSR1);
    kt_check("sa-onstack", on_alt == 1 && eperm_on_alt == 1, "on %d eperm %d", on_alt, eperm_on_alt);
    install(SIGUSR1, alt_handler, 0);
    raise(SIGUSR1);
    kt_check("no-onstack-stays", on_alt == 0, "on %d", on_alt);
    stack_t small = { alt_stack, 0, MINSIGSTKSZ - 1 };
    kt_expect_errno("sigaltstack-enomem", sigaltstack(&small, NULL), ENOMEM);
    stack_t bad = { alt_stack, 7, sizeof alt_stack };
    kt_expect_errno("sigaltstack-einval", sigaltstack(&bad, NULL), EINVAL);
    stack_t off = { NULL, SS_DISABLE, 0 };
    kt_check("sigaltstack-disable", sigaltstack(&off, NULL) == 0 && sigaltstack(NULL, &old) == 0 && old.ss_flags == SS_DISABLE,
        "flags %d", old.ss_flags);
    install(SIGUSR1, SIG_DFL, 0);
}

static sigjmp_buf escape;

static void fault_handler(int sig, siginfo_t* info, void* context)
{
    (void)context;
    last_info = *info;
    siglongjmp(escape, sig);
}

/* A fault the handler leaves with siglongjmp; returns the signal caught (0: none). */
static int catch_fault(int sig, void (*fault)(void))
{
    struct sigaction act;
    memset(&act, 0, sizeof act);
    act.sa_sigaction = fault_handler;
    act.sa_flags = SA_SIGINFO;
    sigaction(sig, &act, NULL);
    int got = sigsetjmp(escape, 1);
    if (got == 0) {
        fault();
        got = 0;
    }
    install(sig, SIG_DFL, 0);
    return got;
}

static volatile int* volatile low_address = (volatile int*)16;
static void write_null(void) { *low_address = 1; }
static volatile int zero = 0;
static void divide_by_zero(void) { volatile int x = 10 / zero; (void)x; }
static void undefined_instruction(void) { __asm__ volatile("ud2"); }
static void breakpoint(void) { __asm__ volatile("int3"); }

static void test_faults(void)
{
    int got = catch_fault(SIGSEGV, write_null);
    sigset_t mask;
    sigprocmask(SIG_SETMASK, NULL, &mask);
    kt_check("sigsegv-siglongjmp", got == SIGSEGV && last_info.si_addr == (void*)16 && sigismember(&mask, SIGSEGV) == 0,
        "got %d addr %p mask %#x", got, last_info.si_addr, (unsigned)mask);
    kt_check("sigfpe", catch_fault(SIGFPE, divide_by_zero) == SIGFPE, "not caught");
    kt_check("sigill", catch_fault(SIGILL, undefined_instruction) == SIGILL, "not caught");
    kt_check("sigtrap-int3", catch_fault(SIGTRAP, breakpoint) == SIGTRAP, "not caught");
}

static int blocked_fault_child(void* arg)
{
    (void)arg;
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGSEGV);
    sigprocmask(SIG_BLOCK, &set, NULL);
    install(SIGSEGV, count_handler, 0);
    write_null();
    return 0;
}

static int abort_child(void* arg)
{
    (void)arg;
    abort();
}

/* sigreturn with esp 16 bytes below the main stack's top: the frame would run past the stack. */
static int bad_sigreturn_child(void* arg)
{
    (void)arg;
    __asm__ volatile("mov $0xbcfffff0, %%esp\n\tint $0x82" : : "a"(SC_sigreturn) : "memory");
    return 0;
}

static void expect_signalled(const char* name, int (*fn)(void*), int sig, int core)
{
    int rc = kt_run_in_child(fn, NULL);
    int status = kt_child_status;
    kt_check(name, rc == -1 && WIFSIGNALED(status) && WTERMSIG(status) == sig && (WCOREDUMP(status) != 0) == core,
        "%s", kt_describe_status(status));
}

static void test_default_actions(void)
{
    expect_signalled("blocked-fault-kills", blocked_fault_child, SIGSEGV, 1);
    expect_signalled("abort-sigabrt-core", abort_child, SIGABRT, 1);
    pid_t pid = fork();
    if (pid == 0) {
        pause();
        _exit(0);
    }
    kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);
    kt_check("sigterm-terminates", WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM && !WCOREDUMP(status),
        "%s", kt_describe_status(status));
    pid = fork();
    if (pid == 0) {
        raise(SIGCHLD);
        raise(SIGWINCH);
        raise(SIGURG);
        _exit(7);
    }
    kt_expect_child_exit("default-ignored", pid, 7);
}

static void test_stop_continue(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        for (;;)
            pause();
    }
    int status = 0;
    kill(pid, SIGSTOP);
    pid_t got = waitpid(pid, &status, WUNTRACED);
    kt_check("wuntraced-stop", got == pid && WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP, "%d %s", (int)got,
        kt_describe_status(status));
    kt_check("stop-reported-once", waitpid(pid, &status, WUNTRACED | WNOHANG) == 0, "reported twice");
    kill(pid, SIGCONT);
    got = waitpid(pid, &status, WCONTINUED);
    kt_check("wcontinued", got == pid && WIFCONTINUED(status), "%d %#x", (int)got, status);
    kill(pid, SIGTSTP);
    got = waitpid(pid, &status, WUNTRACED);
    kt_check("sigtstp-stops", got == pid && WIFSTOPPED(status) && WSTOPSIG(status) == SIGTSTP, "%s", kt_describe_status(status));
    kill(pid, SIGTERM); /* pending while stopped: acts once continued */
    kt_check("stopped-stays", waitpid(pid, &status, WNOHANG) == 0, "ended while stopped");
    kill(pid, SIGCONT);
    waitpid(pid, &status, 0);
    kt_check("term-after-cont", WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM, "%s", kt_describe_status(status));
    pid = fork();
    if (pid == 0) {
        for (;;)
            pause();
    }
    kill(pid, SIGSTOP);
    waitpid(pid, &status, WUNTRACED);
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    kt_check("sigkill-stopped", WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "%s", kt_describe_status(status));
}

static void test_eintr_and_restart(void)
{
    for (int restart = 0; restart < 2; restart++) {
        reset_counts();
        install(SIGUSR1, count_handler, restart ? SA_RESTART : 0);
        int fds[2];
        pipe(fds);
        pid_t parent = getpid();
        pid_t pid = fork();
        if (pid == 0) {
            sleep_ms(200);
            kill(parent, SIGUSR1);
            sleep_ms(200);
            write(fds[1], "x", 1);
            _exit(0);
        }
        char c = 0;
        ssize_t n = read(fds[0], &c, 1);
        int e = errno;
        if (restart)
            kt_check("pipe-read-sa-restart", n == 1 && c == 'x' && caught[SIGUSR1] == 1, "n %d %s caught %d", (int)n,
                kt_errname(e), caught[SIGUSR1]);
        else
            kt_check("pipe-read-eintr", n == -1 && e == EINTR && caught[SIGUSR1] == 1, "n %d %s caught %d", (int)n,
                kt_errname(e), caught[SIGUSR1]);
        waitpid(pid, NULL, 0);
        close(fds[0]);
        close(fds[1]);
    }
    reset_counts();
    install(SIGUSR1, count_handler, SA_RESTART);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0) {
        sleep_ms(200);
        kill(parent, SIGUSR1);
        _exit(0);
    }
    struct timespec req = { 3, 0 }, rem = { 0, 0 };
    int rc = nanosleep(&req, &rem);
    kt_check("nanosleep-eintr-remaining", rc == -1 && errno == EINTR && rem.tv_sec >= 1 && rem.tv_sec <= 3,
        "rc %d rem %lld", rc, (long long)rem.tv_sec);
    waitpid(pid, NULL, 0);
    install(SIGUSR1, SIG_DFL, 0);
}

static void test_sigchld(void)
{
    reset_counts();
    install_info(SIGCHLD);
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGCHLD);
    sigprocmask(SIG_BLOCK, &block, &old);
    pid_t pid = kt_fork_exit(5);
    sigset_t waiting = old;
    sigdelset(&waiting, SIGCHLD);
    int rc = sigsuspend(&waiting);
    kt_check("sigchld-sigsuspend", rc == -1 && errno == EINTR && caught[SIGCHLD] == 1 && last_info.si_pid == pid
        && last_info.si_status == 5 && last_info.si_code == CLD_EXITED, "rc %d caught %d pid %d status %d code %d",
        rc, caught[SIGCHLD], last_info.si_pid, last_info.si_status, last_info.si_code);
    sigset_t now;
    sigprocmask(SIG_SETMASK, &old, &now);
    kt_check("sigsuspend-restores-mask", sigismember(&now, SIGCHLD) == 1, "mask %#x", (unsigned)now);
    waitpid(pid, NULL, 0);
    install(SIGCHLD, SIG_IGN, 0);
    pid = kt_fork_exit(0);
    sleep_ms(100);
    int status;
    kt_expect_errno("sigchld-ignored-autoreap", waitpid(pid, &status, 0), ECHILD);
    install(SIGCHLD, SIG_DFL, 0);
}

static void test_alarm(void)
{
    reset_counts();
    install(SIGALRM, count_handler, 0);
    kt_check("alarm-none-before", alarm(5) == 0, "not 0");
    unsigned left = alarm(1);
    kt_check("alarm-returns-left", left >= 4 && left <= 5, "left %u", left);
    int rc = pause();
    kt_check("alarm-fires", rc == -1 && errno == EINTR && caught[SIGALRM] == 1, "caught %d", caught[SIGALRM]);
    alarm(3);
    kt_check("alarm-cancel", alarm(0) >= 1, "no alarm left");
    install(SIGALRM, SIG_DFL, 0);
}

/* In a group of its own (kill(0) must not reach the test runner): kill(0) signals the caller too. */
static int own_group_child(void* arg)
{
    (void)arg;
    setpgid(0, 0);
    reset_counts();
    install(SIGUSR1, count_handler, 0);
    return kill(0, SIGUSR1) == 0 && caught[SIGUSR1] == 1 ? 0 : 1;
}

static void test_kill_forms(void)
{
    kt_expect_errno("kill-einval", kill(getpid(), 32), EINVAL);
    kt_expect_errno("kill-einval-negative", kill(getpid(), -1), EINVAL);
    kt_expect_errno("kill-esrch", kill(30000, 0), ESRCH);
    kt_check("kill-probe", kill(getpid(), 0) == 0 && kill(getppid(), 0) == 0, "%s", kt_errname(errno));
    kt_check("kill-minus-one-probe", kill(-1, 0) == 0, "%s", kt_errname(errno));
    /* init (the test runner here) takes only signals it handles: these are dropped, and the run goes on. */
    kt_check("init-drops-unhandled", kill(1, SIGTERM) == 0 && kill(1, SIGSTOP) == 0 && kill(1, 0) == 0, "%s", kt_errname(errno));
    kt_expect_errno("killpg-einval", killpg(-3, SIGUSR1), EINVAL);
    kt_expect_errno("killpg-esrch", killpg(29999, SIGUSR1), ESRCH);
    /* A child in a group of its own, with a grandchild in it too: kill(-pgid) and killpg reach both. */
    pid_t pid = fork();
    if (pid == 0) {
        setpgid(0, 0);
        if (fork() == 0) {
            for (;;)
                pause();
        }
        for (;;)
            pause();
    }
    setpgid(pid, pid);
    sleep_ms(50);
    kt_check("kill-negative-pgid", kill(-pid, SIGTERM) == 0, "%s", kt_errname(errno));
    int status = 0;
    waitpid(pid, &status, 0);
    kt_check("group-member-killed", WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM, "%s", kt_describe_status(status));
    sleep_ms(50);
    kt_expect_errno("group-empty-after", killpg(pid, SIGTERM), ESRCH);
    kt_check("kill-zero-own-group", kt_run_in_child(own_group_child, NULL) == 0, "%s", kt_describe_status(kt_child_status));
}

static int session_child(void* arg)
{
    pid_t me = getpid();
    if (setsid() != me)
        return 1;
    if (getsid(0) != me || getpgrp() != me || getpgid(0) != me)
        return 2;
    if (setpgid(0, 0) != -1 || errno != EPERM)
        return 3;
    if (getsid(getppid()) != -1 || errno != EPERM)
        return 4;
    if (setsid() != -1 || errno != EPERM)
        return 5;
    int fds[2];
    pipe(fds);
    pid_t grandchild = fork();
    if (grandchild == 0) {
        char c;
        read(fds[0], &c, 1);
        _exit(0);
    }
    int rc = 0;
    if (setpgid(grandchild, *(pid_t*)arg) != -1 || errno != EPERM) /* a group of another session */
        rc = 6;
    else if (setpgid(grandchild, 12345) != -1 || errno != EPERM) /* no such group */
        rc = 7;
    else if (setpgid(grandchild, grandchild) != 0 || getpgid(grandchild) != grandchild)
        rc = 8;
    write(fds[1], "x", 1);
    waitpid(grandchild, NULL, 0);
    return rc;
}

static void test_groups_sessions(void)
{
    pid_t my_group = getpgrp();
    kt_check("getpgid-self", getpgid(0) == my_group && getpgid(getpid()) == my_group, "%d", (int)getpgid(0));
    kt_check("getsid-self", getsid(0) > 0 && getsid(0) == getsid(getpid()), "%d", (int)getsid(0));
    kt_expect_errno("getpgid-esrch", getpgid(30000), ESRCH);
    kt_expect_errno("getsid-esrch", getsid(30000), ESRCH);
    kt_expect_errno("setpgid-einval", setpgid(0, -1), EINVAL);
    kt_expect_errno("setpgid-esrch-not-child", setpgid(getppid(), 0), ESRCH);
    int rc = kt_run_in_child(session_child, &my_group);
    kt_check("session-rules", rc == 0, "check %d", rc);
}

static int hangup_fd = -1;

static void on_hangup(int sig)
{
    (void)sig;
    write(hangup_fd, "H", 1);
}

/*
 * An orphaned group with a stopped member: C leads a session of its own,
 * D in C's group stops, then C exits. D's group loses its last link to
 * the session (its parent is now init, in another session), so D gets
 * SIGHUP and SIGCONT: it reports the hang-up and, running again, "C".
 */
static void test_orphaned_group(void)
{
    int fds[2];
    pipe(fds);
    pid_t c = fork();
    if (c == 0) {
        setsid();
        if (fork() == 0) {
            hangup_fd = fds[1];
            install(SIGHUP, on_hangup, 0);
            raise(SIGSTOP);
            write(fds[1], "C", 1);
            _exit(0);
        }
        sleep_ms(200); /* D is stopped by then */
        _exit(0);
    }
    close(fds[1]);
    waitpid(c, NULL, 0);
    char got[4] = { 0 };
    ssize_t n = 0;
    alarm(5);
    install(SIGALRM, count_handler, 0);
    while (n < 2) {
        ssize_t r = read(fds[0], got + n, sizeof got - 1 - (size_t)n);
        if (r <= 0)
            break;
        n += r;
    }
    alarm(0);
    install(SIGALRM, SIG_DFL, 0);
    close(fds[0]);
    kt_check("orphaned-group-sighup-sigcont", n == 2 && strcmp(got, "HC") == 0, "read %d: \"%s\"", (int)n, got);
}

static void test_times(void)
{
    struct tms before, after;
    times(&before);
    kt_spin(20000000);
    clock_t uptime = times(&after);
    kt_check("times-user", after.tms_utime > before.tms_utime && uptime > 0, "utime %ld -> %ld", (long)before.tms_utime,
        (long)after.tms_utime);
    pid_t pid = fork();
    if (pid == 0) {
        kt_spin(20000000);
        _exit(0);
    }
    waitpid(pid, NULL, 0);
    times(&after);
    kt_check("times-children", after.tms_cutime > 0, "cutime %ld", (long)after.tms_cutime);
    struct rusage self, children;
    kt_check("getrusage", getrusage(RUSAGE_SELF, &self) == 0 && getrusage(RUSAGE_CHILDREN, &children) == 0
        && (self.ru_utime.tv_sec > 0 || self.ru_utime.tv_usec > 0) && (children.ru_utime.tv_sec > 0 || children.ru_utime.tv_usec > 0),
        "self %ld.%06ld children %ld.%06ld", (long)self.ru_utime.tv_sec, (long)self.ru_utime.tv_usec,
        (long)children.ru_utime.tv_sec, (long)children.ru_utime.tv_usec);
    kt_expect_errno("getrusage-einval", getrusage(5, &self), EINVAL);
    kt_expect_errno("times-efault", times(BAD_KERNEL_PTR), EFAULT);
}

static int broken_pipe_child(void* arg)
{
    int fds[2];
    pipe(fds);
    close(fds[0]);
    if (arg)
        install(SIGPIPE, count_handler, 0);
    ssize_t n = write(fds[1], "x", 1);
    return n == -1 && errno == EPIPE && caught[SIGPIPE] == 1 ? 0 : 1;
}

static void test_sigpipe(void)
{
    expect_signalled("sigpipe-default", broken_pipe_child, SIGPIPE, 0);
    kt_check("sigpipe-caught-epipe", kt_run_in_child(broken_pipe_child, (void*)1) == 0, "%s", kt_describe_status(kt_child_status));
}

static void test_sigwait(void)
{
    reset_counts();
    install(SIGUSR1, count_handler, 0);
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, &old);
    raise(SIGUSR1);
    int sig = 0;
    int rc = sigwait(&set, &sig);
    sigprocmask(SIG_SETMASK, &old, NULL);
    kt_check("sigwait", rc == 0 && sig == SIGUSR1 && caught[SIGUSR1] == 0, "rc %d sig %d caught %d", rc, sig, caught[SIGUSR1]);
    install(SIGUSR1, SIG_DFL, 0);
}

int main(void)
{
    kt_begin("test-signal");
    test_basic_delivery();
    test_masks();
    test_state_restored();
    test_flags();
    test_altstack();
    test_faults();
    test_default_actions();
    expect_signalled("bad-sigreturn-frame", bad_sigreturn_child, SIGSEGV, 1);
    test_stop_continue();
    test_eintr_and_restart();
    test_sigchld();
    test_alarm();
    test_kill_forms();
    test_groups_sessions();
    test_orphaned_group();
    test_times();
    test_sigpipe();
    test_sigwait();
    return kt_finish();
}
