/* System information: uname, host name, sysconf, getrandom. */
#include <errno.h>
#include <limits.h>
#include <syscall.h>
#include <sys/random.h>
#include <sys/utsname.h>
#include <unistd.h>

int uname(struct utsname* buf)
{
    int rc = syscall1(SC_uname, (uintptr_t)buf);
    __RETURN_WITH_ERRNO(rc, 0, -1);
}

int gethostname(char* name, size_t size)
{
    int rc = syscall2(SC_gethostname, (uintptr_t)name, size);
    __RETURN_WITH_ERRNO(rc, 0, -1);
}

int sethostname(const char* name, ssize_t size)
{
    int rc = syscall2(SC_sethostname, (uintptr_t)name, (uintptr_t)size);
    __RETURN_WITH_ERRNO(rc, 0, -1);
}

int getpagesize(void)
{
    return PAGE_SIZE;
}

long sysconf(int name)
{
    int rc = syscall1(SC_sysconf, (uintptr_t)name);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

ssize_t getrandom(void* buffer, size_t size, unsigned int flags)
{
    int rc = syscall3(SC_getrandom, (uintptr_t)buffer, size, flags);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}
