/*
 * <signal.h>: signal numbers, siginfo_t, struct sigaction and the signal
 * syscalls: kill [5], sigaction [38], sigprocmask [43], sigpending [44],
 * killpg [46].
 */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <sys/types.h>

#define SIGINVAL 0
#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGSTKFLT 16
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGURG 23
#define SIGXCPU 24
#define SIGXFSZ 25
#define SIGVTALRM 26
#define SIGPROF 27
#define SIGWINCH 28
#define SIGIO 29
#define SIGINFO 30
#define SIGSYS 31
#define NSIG 32

union sigval {
    int sival_int;
    void* sival_ptr;
};

/* 36 bytes; the layout waitid copies out (shared with the kernel). */
typedef struct __siginfo {
    int si_signo;
    int si_code;
    int si_errno;
    pid_t si_pid;
    uid_t si_uid;
    void* si_addr;
    int si_status; /* exit status for CLD_EXITED, the signal for CLD_KILLED/CLD_DUMPED */
    int si_band;
    union sigval si_value;
} siginfo_t;

_Static_assert(sizeof(siginfo_t) == 36, "siginfo_t is 36 bytes");

/* si_code values for SIGCHLD / waitid. */
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_DUMPED 3
#define CLD_TRAPPED 4
#define CLD_STOPPED 5
#define CLD_CONTINUED 6

typedef void (*__sighandler_t)(int);
typedef __sighandler_t sighandler_t;

#define SIG_DFL ((__sighandler_t)0)
#define SIG_ERR ((__sighandler_t)-1)
#define SIG_IGN ((__sighandler_t)1)

/* The reference's struct sigaction (12 bytes): the handler, the mask, the flags. */
struct sigaction {
    union {
        void (*sa_handler)(int);
        void (*sa_sigaction)(int, siginfo_t*, void*);
    };
    sigset_t sa_mask;
    int sa_flags;
};

_Static_assert(sizeof(struct sigaction) == 12, "struct sigaction is 12 bytes");

/* The sa_flags the reference defines (Kernel/UnixTypes.h, 2021). */
#define SA_NOCLDSTOP 1
#define SA_NOCLDWAIT 2
#define SA_SIGINFO 4
#define SA_NODEFER 0x40000000

/* sigprocmask how */
#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

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
