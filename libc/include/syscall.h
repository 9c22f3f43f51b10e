/*
 * <syscall.h>: the raw system-call interface of the SerenityOS i386 ABI
 * (shared/spec/serenity-2021/abi.md).
 *
 *   int 0x82; EAX = function number (SC_<name>, syscall_numbers.h);
 *   EDX, ECX, EBX = arguments 1-3; the result comes back in EAX.
 *
 * EAX is the only register the kernel changes, so the asm names only eax as
 * an output, plus a "memory" clobber (the kernel reads and writes user
 * memory). The result is the raw value: a negative number -e is the error e;
 * the POSIX wrappers turn it into errno (__RETURN_WITH_ERRNO in <errno.h>).
 * Larger arguments go through the SC_*_params structs below (syscalls.md,
 * "Parameter structs"; field order = memory layout, i386 alignment).
 */
#ifndef _SYSCALL_H
#define _SYSCALL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <syscall_numbers.h>

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

/* Helper types of the parameter structs. */
typedef struct {
    const char* characters;
    size_t length;
} StringArgument;

typedef struct {
    StringArgument* strings;
    size_t length;
} StringListArgument;

struct __siginfo;

typedef struct {
    StringArgument path;
    StringListArgument arguments;
    StringListArgument environment;
} SC_execve_params;

typedef struct {
    int idtype;
    int id;
    struct __siginfo* infop;
    int options;
} SC_waitid_params;

_Static_assert(sizeof(StringArgument) == 8, "StringArgument is {ptr, len}");
_Static_assert(sizeof(SC_execve_params) == 24, "SC_execve_params layout");
_Static_assert(sizeof(SC_waitid_params) == 16, "SC_waitid_params layout");

#endif
