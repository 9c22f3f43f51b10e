/* waitid, and waitpid/wait built on it the way SerenityOS's LibC does. */
#include <errno.h>
#include <string.h>
#include <syscall.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int waitid(idtype_t idtype, id_t id, siginfo_t* infop, int options)
{
    SC_waitid_params params = { idtype, id, infop, options };
    int rc = syscall1(SC_waitid, (uintptr_t)&params);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

/*
 * pid < -1: any child in process group -pid; -1: any child; 0: any child in
 * the caller's process group; > 0: that child. WEXITED is always added. With
 * WNOHANG and nothing to reap, the kernel returns 0 and a siginfo whose
 * si_pid is 0: then *wstatus is 0 and the result is 0. An si_code the
 * status word cannot express is a kernel bug: -1 with EINVAL.
 */
pid_t waitpid(pid_t pid, int* wstatus, int options)
{
    idtype_t idtype;
    id_t id;
    if (pid < -1) {
        idtype = P_PGID;
        id = -pid;
    } else if (pid == -1) {
        idtype = P_ALL;
        id = 0;
    } else if (pid == 0) {
        idtype = P_PGID;
        id = (int)syscall0(SC_getpgrp);
    } else {
        idtype = P_PID;
        id = pid;
    }

    siginfo_t info;
    info.si_pid = 0;
    info.si_code = 0;
    info.si_status = 0;
    if (waitid(idtype, id, &info, options | WEXITED) < 0)
        return -1;

    if (info.si_pid == 0) {
        if (wstatus)
            *wstatus = 0;
        return 0;
    }
    if (wstatus) {
        switch (info.si_code) {
        case CLD_EXITED:
            *wstatus = (info.si_status & 0xff) << 8;
            break;
        case CLD_KILLED:
            *wstatus = info.si_status & 0x7f;
            break;
        case CLD_DUMPED:
            *wstatus = (info.si_status & 0x7f) | 0x80;
            break;
        case CLD_STOPPED:
        case CLD_TRAPPED:
            *wstatus = ((info.si_status & 0xff) << 8) | 0x7f;
            break;
        case CLD_CONTINUED:
            *wstatus = 0xffff;
            break;
        default:
            errno = EINVAL;
            return -1;
        }
    }
    return info.si_pid;
}

pid_t wait(int* wstatus)
{
    return waitpid(-1, wstatus, 0);
}

pid_t wait4(pid_t pid, int* wstatus, int options, struct rusage* rusage)
{
    pid_t rc = waitpid(pid, wstatus, options);
    if (rc >= 0 && rusage)
        memset(rusage, 0, sizeof(*rusage));
    return rc;
}

pid_t wait3(int* wstatus, int options, struct rusage* rusage)
{
    return wait4(-1, wstatus, options, rusage);
}
