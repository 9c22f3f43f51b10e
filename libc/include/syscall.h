/*
 * <syscall.h>: the raw system-call interface of the SerenityOS i386 ABI
 * (docs/reference.md).
 *
 *   int 0x82; EAX = function number (SC_<name>, syscall_numbers.h);
 *   EDX, ECX, EBX = arguments 1-3; the result comes back in EAX.
 *
 * EAX is the only register the kernel changes, so the asm names only eax as
 * an output, plus a "memory" clobber (the kernel reads and writes user
 * memory). The result is the raw value: a negative number -e is the error e;
 * the POSIX wrappers turn it into errno (__RETURN_WITH_ERRNO in <errno.h>).
 * Larger arguments go through the SC_*_params structs of
 * <bits/syscall_params.h>, generated from kernel/api/structs.ts (docs/abi.md).
 *
 * Three levels of access, from raw to POSIX:
 *   syscall0..syscall3(SC_x, ...)   inline int 0x82, the raw result
 *   __syscall_<name>(a1, a2, a3)    one out-of-line entry per syscall, all
 *                                   152 (generated from __ENUMERATE_SYSCALLS);
 *                                   pass 0 for unused arguments; raw result
 *   syscall(SC_x, ...)              <unistd.h>: errno and -1 on error
 * and the POSIX/Serenity wrappers (open, mmap, ...) in the other headers.
 */
#ifndef _SYSCALL_H
#define _SYSCALL_H

#include <errno_numbers.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <syscall_numbers.h>
#include <bits/syscall_params.h>

static inline uintptr_t syscall0(uintptr_t function)
{
    uintptr_t result;
    __asm__ volatile("int $0x82" : "=a"(result) : "a"(function) : "memory");
    return result;
}

static inline uintptr_t syscall1(uintptr_t function, uintptr_t arg1)
{
    uintptr_t result;
    __asm__ volatile("int $0x82" : "=a"(result) : "a"(function), "d"(arg1) : "memory");
    return result;
}

static inline uintptr_t syscall2(uintptr_t function, uintptr_t arg1, uintptr_t arg2)
{
    uintptr_t result;
    __asm__ volatile("int $0x82" : "=a"(result) : "a"(function), "d"(arg1), "c"(arg2) : "memory");
    return result;
}

static inline uintptr_t syscall3(uintptr_t function, uintptr_t arg1, uintptr_t arg2, uintptr_t arg3)
{
    uintptr_t result;
    __asm__ volatile("int $0x82" : "=a"(result) : "a"(function), "d"(arg1), "c"(arg2), "b"(arg3) : "memory");
    return result;
}

/*
 * __syscall_<name>(a1, a2, a3) for every syscall: the raw result of
 * int 0x82 with EAX = SC_<name> (libc/src/syscalls.c). Unused arguments
 * are ignored by the kernel; pass 0.
 */
#define __DECLARE_RAW_SYSCALL(name) long __syscall_##name(uintptr_t, uintptr_t, uintptr_t);
__ENUMERATE_SYSCALLS(__DECLARE_RAW_SYSCALL)
#undef __DECLARE_RAW_SYSCALL

/* "open" for SC_open, NULL for a number outside 0..SC__Count-1. */
const char* syscall_name(uintptr_t function);

/* True when a raw pointer-returning result (mmap, mremap, allocate_tls) is an error (docs/reference.md). */
#define __IS_ERROR_POINTER(rc) ((intptr_t)(rc) < 0 && (intptr_t)(rc) > -EMAXERRNO)

#endif
