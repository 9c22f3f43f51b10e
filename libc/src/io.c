/* read, write and the kernel debug output. */
#include <errno.h>
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
