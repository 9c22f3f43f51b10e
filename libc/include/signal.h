/*
 * <signal.h>: signal numbers, siginfo_t, struct sigaction, stack_t and
 * ucontext_t, and the signal syscalls: kill [5], sigaction [38],
 * sigprocmask [43], sigpending [44], killpg [46]. A handler installed with
 * SA_SIGINFO is called as handler(sig, siginfo_t*, ucontext_t*); the
 * ucontext shows the interrupted registers and mask (changing it does not
 * change what sigreturn restores).
 */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <sys/types.h>
#include <bits/signal.h>

typedef void (*__sighandler_t)(int);
typedef __sighandler_t sighandler_t;
typedef int sig_atomic_t;

#include <bits/sighandler.h>

int kill(pid_t pid, int sig);
int killpg(pid_t pgrp, int sig);
/* kill(getpid(), sig): the kernel signals the calling thread. */
int raise(int sig);
int sigaction(int sig, const struct sigaction* act, struct sigaction* old);
/* sigaction with an empty mask and no flags; the old handler or SIG_ERR. */
sighandler_t signal(int sig, sighandler_t handler);
int sigprocmask(int how, const sigset_t* set, sigset_t* old);
int sigpending(sigset_t* set);
/* Waits with *mask blocked until a signal runs a handler: always -1 with EINTR (pselect with a sigmask). */
int sigsuspend(const sigset_t* mask);
/* Waits for one of the signals in *set, which the caller blocks, and takes it without running a handler. */
int sigwait(const sigset_t* set, int* sig);
/* The alternate stack for SA_ONSTACK handlers (prctl PR_SIGALTSTACK: the reference has no such syscall). */
int sigaltstack(const stack_t* ss, stack_t* old);
/* "s: description" of sig on stderr (just the description when s is NULL or empty). */
void psignal(int sig, const char* s);
/* Makes sig's handler restart interrupted calls (flag 0) or not (flag 1). */
int siginterrupt(int sig, int flag);

/* Pure set operations: signal n is bit n-1; sig outside 1..NSIG-1 is EINVAL. */
int sigemptyset(sigset_t* set);
int sigfillset(sigset_t* set);
int sigaddset(sigset_t* set, int sig);
int sigdelset(sigset_t* set, int sig);
int sigismember(const sigset_t* set, int sig);

#endif
