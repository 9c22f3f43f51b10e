/* exit, _exit, _Exit: SC_exit never returns (the kernel keeps status & 0xff). */
#include <stdlib.h>
#include <syscall.h>
#include <unistd.h>

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

/* No atexit handlers and no buffered streams yet, so exit is _exit. */
__attribute__((noreturn)) void exit(int status)
{
    _exit(status);
}
