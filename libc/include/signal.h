/*
 * <signal.h>: signal numbers, siginfo_t, struct sigaction and the signal
 * syscalls: kill [5], sigaction [38], sigprocmask [43], sigpending [44],
 * killpg [46].
 */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <sys/types.h>
#include <bits/signal.h>

typedef void (*__sighandler_t)(int);
typedef __sighandler_t sighandler_t;

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

/* Pure set operations: signal n is bit n-1; sig outside 1..NSIG-1 is EINVAL. */
int sigemptyset(sigset_t* set);
int sigfillset(sigset_t* set);
int sigaddset(sigset_t* set, int sig);
int sigdelset(sigset_t* set, int sig);
int sigismember(const sigset_t* set, int sig);

#endif
