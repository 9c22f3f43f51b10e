/*
 * The generic syscall layer, generated from the syscall table by the
 * preprocessor (__ENUMERATE_SYSCALLS in syscall_numbers.h, itself generated
 * from kernel/api/syscalls.ts):
 *   __syscall_<name>(a1, a2, a3)  one raw entry per syscall, all 152
 *   syscall_name(n)               "open" for SC_open
 *   syscall(n, ...)               any number, errno on error
 */
#include <errno.h>
#include <stdarg.h>
#include <syscall.h>
#include <unistd.h>

#define __DEFINE_RAW_SYSCALL(name)                                                                   \
    long __syscall_##name(uintptr_t arg1, uintptr_t arg2, uintptr_t arg3)                            \
    {                                                                                                \
        return (long)syscall3(SC_##name, arg1, arg2, arg3);                                          \
    }
__ENUMERATE_SYSCALLS(__DEFINE_RAW_SYSCALL)

#define __SYSCALL_NAME(name) #name,
static const char* const syscall_names[SC__Count] = { __ENUMERATE_SYSCALLS(__SYSCALL_NAME) };
_Static_assert(sizeof(syscall_names) / sizeof(syscall_names[0]) == SC__Count, "one name per syscall");

const char* syscall_name(uintptr_t function)
{
    return function < SC__Count ? syscall_names[function] : NULL;
}

/*
 * Reads three argument words whatever the caller passed (the i386 cdecl
 * stack holds the caller's frame above them, so the extra reads are
 * harmless; glibc's syscall() does the same).
 */
long syscall(long function, ...)
{
    va_list ap;
    va_start(ap, function);
    uintptr_t arg1 = va_arg(ap, uintptr_t);
    uintptr_t arg2 = va_arg(ap, uintptr_t);
    uintptr_t arg3 = va_arg(ap, uintptr_t);
    va_end(ap);
    uintptr_t rc = syscall3((uintptr_t)function, arg1, arg2, arg3);
    if (__IS_ERROR_POINTER(rc)) {
        errno = -(int)rc;
        return -1;
    }
    return (long)rc;
}
