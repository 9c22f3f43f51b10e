/*
 * msync, mlock, munlock, mlockall, munlockall: every page is resident and
 * files live in memory, so there is nothing to write back or pin; they
 * check their arguments as POSIX says and succeed.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

/* The hexadecimal number at *p (advanced past it). */
static uintptr_t parse_hex(const char** p)
{
    uintptr_t value = 0;
    for (;; (*p)++) {
        char c = **p;
        if (c >= '0' && c <= '9')
            value = value * 16 + (uintptr_t)(c - '0');
        else if (c >= 'a' && c <= 'f')
            value = value * 16 + (uintptr_t)(c - 'a' + 10);
        else
            return value;
    }
}

/*
 * 1 if every page of [start, end) is in some region of /proc/self/vm (its
 * lines, "start-end rwx name", ascending and end exclusive), else 0; 1 when
 * /proc cannot be read, since then nothing can be said against the range.
 */
static int range_is_mapped(uintptr_t start, uintptr_t end)
{
    int fd = open("/proc/self/vm", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 1;
    static char text[16384];
    ssize_t n = read(fd, text, sizeof(text) - 1);
    close(fd);
    if (n <= 0)
        return 1;
    text[n] = '\0';
    for (const char* p = text; *p && start < end;) {
        uintptr_t region_start = parse_hex(&p);
        p++;
        uintptr_t region_end = parse_hex(&p);
        if (region_start <= start && start < region_end)
            start = region_end;
        while (*p && *p != '\n')
            p++;
        if (*p)
            p++;
    }
    return start >= end;
}

/* 0 if [addr, addr + size) is page-aligned (when required) and mapped; else -1 with errno. */
static int check_range(const void* addr, size_t size, int aligned)
{
    uintptr_t start = (uintptr_t)addr;
    if (aligned && (start % PAGE_SIZE)) {
        errno = EINVAL;
        return -1;
    }
    start -= start % PAGE_SIZE;
    uintptr_t end = (uintptr_t)addr + size;
    if (end < start) {
        errno = ENOMEM;
        return -1;
    }
    if (!range_is_mapped(start, end)) {
        errno = ENOMEM;
        return -1;
    }
    return 0;
}

int msync(void* addr, size_t size, int flags)
{
    int mode = flags & (MS_SYNC | MS_ASYNC);
    if ((flags & ~(MS_SYNC | MS_ASYNC | MS_INVALIDATE)) || mode == 0 || mode == (MS_SYNC | MS_ASYNC)) {
        errno = EINVAL;
        return -1;
    }
    return check_range(addr, size, 1);
}

/* POSIX lets mlock require alignment; this one rounds addr down, as Linux does. */
int mlock(const void* addr, size_t size)
{
    return check_range(addr, size, 0);
}

int munlock(const void* addr, size_t size)
{
    return check_range(addr, size, 0);
}

int mlockall(int flags)
{
    if (flags == 0 || (flags & ~(MCL_CURRENT | MCL_FUTURE))) {
        errno = EINVAL;
        return -1;
    }
    return 0;
}

int munlockall(void)
{
    return 0;
}
