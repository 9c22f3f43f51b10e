/* <signal.h>: signal numbers and siginfo_t of the SerenityOS ABI. */
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

#endif
