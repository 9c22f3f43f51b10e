/*
 * File descriptors: read [3], write [27], close [2], lseek [4], dup2 [37],
 * pipe [45], fcntl [57], ioctl [58], ftruncate [85], writev [88], readv [147],
 * open [1], ttyname [28], ptsname [63], poll [66], select [64],
 * get_dir_entries [18], and the kernel debug output [101, 102].
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/uio.h>
#include <syscall.h>
#include <unistd.h>

ssize_t read(int fd, void* buf, size_t count)
{
    int rc = syscall3(SC_read, (uintptr_t)fd, (uintptr_t)buf, count);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

ssize_t write(int fd, const void* buf, size_t count)
{
    int rc = syscall3(SC_write, (uintptr_t)fd, (uintptr_t)buf, count);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

ssize_t readv(int fd, const struct iovec* iov, int count)
{
    int rc = syscall3(SC_readv, (uintptr_t)fd, (uintptr_t)iov, (uintptr_t)count);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

ssize_t writev(int fd, const struct iovec* iov, int count)
{
    int rc = syscall3(SC_writev, (uintptr_t)fd, (uintptr_t)iov, (uintptr_t)count);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int close(int fd)
{
    int rc = syscall1(SC_close, (uintptr_t)fd);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

/* The kernel reads the 64-bit offset through the pointer and writes the result back there. */
off_t lseek(int fd, off_t offset, int whence)
{
    int rc = syscall3(SC_lseek, (uintptr_t)fd, (uintptr_t)&offset, (uintptr_t)whence);
    __RETURN_WITH_ERRNO(rc, offset, -1);
}

int ftruncate(int fd, off_t length)
{
    int rc = syscall2(SC_ftruncate, (uintptr_t)fd, (uintptr_t)&length);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int dup2(int old_fd, int new_fd)
{
    int rc = syscall2(SC_dup2, (uintptr_t)old_fd, (uintptr_t)new_fd);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int dup(int fd)
{
    return fcntl(fd, F_DUPFD, 0);
}

int pipe2(int fds[2], int flags)
{
    int rc = syscall2(SC_pipe, (uintptr_t)fds, (uintptr_t)flags);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int pipe(int fds[2])
{
    return pipe2(fds, 0);
}

int fcntl(int fd, int cmd, ...)
{
    va_list ap;
    va_start(ap, cmd);
    uintptr_t arg = va_arg(ap, uintptr_t);
    va_end(ap);
    int rc = syscall3(SC_fcntl, (uintptr_t)fd, (uintptr_t)cmd, arg);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int ioctl(int fd, unsigned request, ...)
{
    va_list ap;
    va_start(ap, request);
    uintptr_t arg = va_arg(ap, uintptr_t);
    va_end(ap);
    int rc = syscall3(SC_ioctl, (uintptr_t)fd, request, arg);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int isatty(int fd)
{
    int rc = syscall3(SC_fcntl, (uintptr_t)fd, F_ISTTY, 0);
    if (rc < 0) {
        errno = -rc;
        return 0;
    }
    if (rc == 0) {
        errno = ENOTTY;
        return 0;
    }
    return 1;
}

/* ttyname and ptsname: the syscall fills buf; the _r form returns the error number, POSIX style. */
static int terminal_name_r(uintptr_t function, int fd, char* buf, size_t size)
{
    int rc = syscall3(function, (uintptr_t)fd, (uintptr_t)buf, size);
    return rc < 0 ? -rc : 0;
}

/* The non-reentrant form: name into a static buffer, or NULL with errno. */
static char* terminal_name(uintptr_t function, int fd, char* name, size_t size)
{
    int error = terminal_name_r(function, fd, name, size);
    if (error) {
        errno = error;
        return NULL;
    }
    return name;
}

int ttyname_r(int fd, char* buf, size_t size) { return terminal_name_r(SC_ttyname, fd, buf, size); }

char* ttyname(int fd)
{
    static char name[TTY_NAME_MAX];
    return terminal_name(SC_ttyname, fd, name, sizeof(name));
}

int openat(int dirfd, const char* path, int options, ...)
{
    mode_t mode = 0;
    if (options & O_CREAT) {
        va_list ap;
        va_start(ap, options);
        mode = (mode_t)va_arg(ap, int);
        va_end(ap);
    }
    if (!path) {
        errno = EFAULT;
        return -1;
    }
    size_t length = strlen(path);
    if (length > INT_MAX) {
        errno = EINVAL;
        return -1;
    }
    SC_open_params params = { dirfd, { path, length }, options, mode };
    int rc = syscall1(SC_open, (uintptr_t)&params);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int open(const char* path, int options, ...)
{
    mode_t mode = 0;
    if (options & O_CREAT) {
        va_list ap;
        va_start(ap, options);
        mode = (mode_t)va_arg(ap, int);
        va_end(ap);
    }
    return openat(AT_FDCWD, path, options, mode);
}

int creat(const char* path, mode_t mode)
{
    return open(path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

int ppoll(struct pollfd* fds, nfds_t nfds, const struct timespec* timeout, const sigset_t* sigmask)
{
    SC_poll_params params = { fds, nfds, timeout, sigmask };
    int rc = syscall1(SC_poll, (uintptr_t)&params);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int poll(struct pollfd* fds, nfds_t nfds, int timeout)
{
    struct timespec ts = { timeout / 1000, (timeout % 1000) * 1000000L };
    return ppoll(fds, nfds, timeout < 0 ? NULL : &ts, NULL);
}

int pselect(int nfds, fd_set* readfds, fd_set* writefds, fd_set* exceptfds, const struct timespec* timeout,
    const sigset_t* sigmask)
{
    SC_select_params params = { nfds, readfds, writefds, exceptfds, timeout, sigmask };
    int rc = syscall1(SC_select, (uintptr_t)&params);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int select(int nfds, fd_set* readfds, fd_set* writefds, fd_set* exceptfds, struct timeval* timeout)
{
    struct timespec ts;
    if (timeout) {
        ts.tv_sec = timeout->tv_sec;
        ts.tv_nsec = (long)timeout->tv_usec * 1000;
    }
    return pselect(nfds, readfds, writefds, exceptfds, timeout ? &ts : NULL, NULL);
}

ssize_t get_dir_entries(int fd, void* buf, size_t size)
{
    int rc = syscall3(SC_get_dir_entries, (uintptr_t)fd, (uintptr_t)buf, size);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int dbgputch(char ch)
{
    int rc = syscall1(SC_dbgputch, (uint8_t)ch);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

ssize_t dbgputstr(const char* characters, size_t length)
{
    int rc = syscall2(SC_dbgputstr, (uintptr_t)characters, length);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int ptsname_r(int fd, char* buf, size_t size) { return terminal_name_r(SC_ptsname, fd, buf, size); }

char* ptsname(int fd)
{
    static char name[TTY_NAME_MAX];
    return terminal_name(SC_ptsname, fd, name, sizeof(name));
}
