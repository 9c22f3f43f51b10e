/*
 * Pseudo-terminals: posix_openpt, grantpt, unlockpt (<stdlib.h>) and
 * openpty, forkpty, login_tty (<pty.h>), over /dev/ptmx, ptsname [63] and
 * the terminal ioctls.
 */
#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

int posix_openpt(int flags)
{
    if (flags & ~(O_RDWR | O_NOCTTY | O_CLOEXEC)) {
        errno = EINVAL;
        return -1;
    }
    return open("/dev/ptmx", flags);
}

/* 0 when fd is a PTY master, else -1 with EBADF or EINVAL (POSIX's errno for another file). */
static int check_master(int fd)
{
    char name[32];
    int error = ptsname_r(fd, name, sizeof(name));
    if (error == 0)
        return 0;
    errno = error == EBADF ? EBADF : EINVAL;
    return -1;
}

int grantpt(int fd) { return check_master(fd); }

int unlockpt(int fd) { return check_master(fd); }

int openpty(int* amaster, int* aslave, char* name, const struct termios* termp, const struct winsize* winp)
{
    char path[32];
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0)
        return -1;
    int error = ptsname_r(master, path, sizeof(path));
    int slave = error ? -1 : open(path, O_RDWR | O_NOCTTY);
    if (slave < 0) {
        error = error ? error : errno;
        close(master);
        errno = error;
        return -1;
    }
    if (termp)
        tcsetattr(slave, TCSAFLUSH, termp);
    if (winp)
        ioctl(slave, TIOCSWINSZ, winp);
    if (name)
        strcpy(name, path);
    *amaster = master;
    *aslave = slave;
    return 0;
}

int login_tty(int fd)
{
    setsid();
    if (ioctl(fd, TIOCSCTTY, 0) < 0)
        return -1;
    for (int i = 0; i < 3; i++)
        if (dup2(fd, i) < 0)
            return -1;
    if (fd > 2)
        close(fd);
    return 0;
}

pid_t forkpty(int* amaster, char* name, const struct termios* termp, const struct winsize* winp)
{
    int master, slave;
    if (openpty(&master, &slave, name, termp, winp) < 0)
        return -1;
    pid_t pid = fork();
    if (pid < 0) {
        close(master);
        close(slave);
        return -1;
    }
    if (pid == 0) {
        close(master);
        if (login_tty(slave) < 0)
            _exit(1);
        return 0;
    }
    close(slave);
    *amaster = master;
    return pid;
}
