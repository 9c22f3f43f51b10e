/* <sys/wait.h>: waitid/waitpid and the POSIX status encoding. */
#ifndef _SYS_WAIT_H
#define _SYS_WAIT_H

#include <signal.h>
#include <sys/types.h>
#include <bits/wait.h>

/* waitid idtype: P_ALL, P_PID or P_PGID (<bits/wait.h>). */
typedef int idtype_t;

/*
 * waitpid's status word, built by libc from the siginfo: exit status in bits
 * 8-15 (low 7 bits 0); killed: the signal in bits 0-6 (bit 7 = core dumped);
 * stopped: 0x7f in the low byte, the signal in bits 8-15; continued: 0xffff.
 */
#define WEXITSTATUS(status) (((status) & 0xff00) >> 8)
#define WTERMSIG(status) ((status) & 0x7f)
#define WSTOPSIG(status) WEXITSTATUS(status)
#define WCOREDUMP(status) ((status) & 0x80)
#define WIFEXITED(status) (WTERMSIG(status) == 0)
#define WIFSTOPPED(status) (((status) & 0xff) == 0x7f)
#define WIFSIGNALED(status) (((signed char)(((status) & 0x7f) + 1) >> 1) > 0)
#define WIFCONTINUED(status) ((status) == 0xffff)

int waitid(idtype_t idtype, id_t id, siginfo_t* infop, int options);
pid_t waitpid(pid_t pid, int* wstatus, int options);
pid_t wait(int* wstatus);

struct rusage;
/* waitpid, and *rusage (when not NULL) zeroed: no per-child usage is kept. */
pid_t wait4(pid_t pid, int* wstatus, int options, struct rusage* rusage);
/* wait4(-1, ...). */
pid_t wait3(int* wstatus, int options, struct rusage* rusage);

#endif
