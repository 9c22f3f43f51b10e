/*
 * exit, atexit, _exit, _Exit (see <stdlib.h>). SC_exit never returns.
 *
 * exit flushes stdio through a weak reference: a program that never uses
 * stdio does not link it (/bin/true stays a few hundred bytes, with its
 * empty PT_LOAD segment that the ELF loader tests rely on).
 */
#include <limits.h>
#include <stdlib.h>
#include <syscall.h>
#include <unistd.h>

/* Flushes every stdio stream (stdio.c), when stdio is linked in. */
void __stdio_flush_all(void) __attribute__((weak));

static void (*atexit_handlers[ATEXIT_MAX])(void);
static int atexit_count;

int atexit(void (*handler)(void))
{
    if (atexit_count == ATEXIT_MAX)
        return -1;
    atexit_handlers[atexit_count++] = handler;
    return 0;
}

__attribute__((noreturn)) void _exit(int status)
{
    syscall1(SC_exit, (uintptr_t)status);
    for (;;) /* not reached: exit does not return */
        __asm__ volatile("ud2");
}

__attribute__((noreturn)) void _Exit(int status)
{
    _exit(status);
}

/* A handler that calls exit again continues with the handlers not run yet. */
__attribute__((noreturn)) void exit(int status)
{
    while (atexit_count > 0)
        atexit_handlers[--atexit_count]();
    if (__stdio_flush_all)
        __stdio_flush_all();
    _exit(status);
}
