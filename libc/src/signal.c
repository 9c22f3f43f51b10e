/* Signals: kill [5], sigaction [38], sigprocmask [43], sigpending [44], killpg [46], alarm [54],
 * and what libc builds on them (sigsuspend and pause on pselect [64], sigaltstack on prctl [142]). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/select.h>
#include <syscall.h>
#include <unistd.h>

int kill(pid_t pid, int sig)
{
    int rc = syscall2(SC_kill, (uintptr_t)pid, (uintptr_t)sig);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int killpg(pid_t pgrp, int sig)
{
    int rc = syscall2(SC_killpg, (uintptr_t)pgrp, (uintptr_t)sig);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int raise(int sig)
{
    return kill(getpid(), sig);
}

int sigaction(int sig, const struct sigaction* act, struct sigaction* old)
{
    int rc = syscall3(SC_sigaction, (uintptr_t)sig, (uintptr_t)act, (uintptr_t)old);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

sighandler_t signal(int sig, sighandler_t handler)
{
    struct sigaction act, old;
    act.sa_handler = handler;
    act.sa_mask = 0;
    act.sa_flags = 0;
    if (sigaction(sig, &act, &old) < 0)
        return SIG_ERR;
    return old.sa_handler;
}

int sigprocmask(int how, const sigset_t* set, sigset_t* old)
{
    int rc = syscall3(SC_sigprocmask, (uintptr_t)how, (uintptr_t)set, (uintptr_t)old);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int sigpending(sigset_t* set)
{
    int rc = syscall1(SC_sigpending, (uintptr_t)set);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

unsigned int alarm(unsigned int seconds)
{
    return syscall1(SC_alarm, seconds);
}

int sigemptyset(sigset_t* set)
{
    *set = 0;
    return 0;
}

int sigfillset(sigset_t* set)
{
    *set = 0xffffffffu;
    return 0;
}

int sigaddset(sigset_t* set, int sig)
{
    if (sig < 1 || sig >= NSIG) {
        errno = EINVAL;
        return -1;
    }
    *set |= 1u << (sig - 1);
    return 0;
}

int sigdelset(sigset_t* set, int sig)
{
    if (sig < 1 || sig >= NSIG) {
        errno = EINVAL;
        return -1;
    }
    *set &= ~(1u << (sig - 1));
    return 0;
}

int sigismember(const sigset_t* set, int sig)
{
    if (sig < 1 || sig >= NSIG) {
        errno = EINVAL;
        return -1;
    }
    return (*set >> (sig - 1)) & 1;
}

int sigsuspend(const sigset_t* mask)
{
    /* The kernel swaps *mask in for the wait and puts the caller's back after the handler ran. */
    return pselect(0, NULL, NULL, NULL, NULL, mask);
}

int pause(void)
{
    return select(0, NULL, NULL, NULL, NULL);
}

static volatile sig_atomic_t sigwait_caught;

static void sigwait_record(int sig)
{
    sigwait_caught = sig;
}

int sigwait(const sigset_t* set, int* sig)
{
    struct sigaction act, old[NSIG];
    act.sa_handler = sigwait_record;
    act.sa_mask = *set;
    act.sa_flags = 0;
    for (int s = 1; s < NSIG; s++) {
        if (sigismember(set, s) == 1 && sigaction(s, &act, &old[s]) < 0)
            return EINVAL;
    }
    sigset_t waiting;
    sigprocmask(SIG_SETMASK, NULL, &waiting);
    waiting &= ~*set;
    sigwait_caught = 0;
    while (sigwait_caught == 0)
        sigsuspend(&waiting);
    for (int s = 1; s < NSIG; s++) {
        if (sigismember(set, s) == 1)
            sigaction(s, &old[s], NULL);
    }
    *sig = sigwait_caught;
    return 0;
}

int sigaltstack(const stack_t* ss, stack_t* old)
{
    int rc = syscall3(SC_prctl, PR_SIGALTSTACK, (uintptr_t)ss, (uintptr_t)old);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

void psignal(int sig, const char* s)
{
    if (s && *s)
        fprintf(stderr, "%s: %s\n", s, strsignal(sig));
    else
        fprintf(stderr, "%s\n", strsignal(sig));
}

int siginterrupt(int sig, int flag)
{
    struct sigaction act;
    if (sigaction(sig, NULL, &act) < 0)
        return -1;
    if (flag)
        act.sa_flags &= ~SA_RESTART;
    else
        act.sa_flags |= SA_RESTART;
    return sigaction(sig, &act, NULL);
}
