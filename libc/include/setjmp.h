/*
 * <setjmp.h>: non-local jumps (libc/src/setjmp.c). A jmp_buf holds the
 * callee-saved registers of the i386 SysV ABI (ebx, esi, edi, ebp), the
 * stack pointer and the return address; sigsetjmp with savemask != 0 also
 * keeps the signal mask, which siglongjmp restores. setjmp and _setjmp
 * never save the mask (as BSD's _setjmp and Linux's setjmp).
 */
#ifndef _SETJMP_H
#define _SETJMP_H

struct __jmp_buf {
    unsigned long registers[6];
    int mask_saved;
    unsigned long mask; /* a sigset_t */
};
typedef struct __jmp_buf jmp_buf[1];
typedef struct __jmp_buf sigjmp_buf[1];

int setjmp(jmp_buf env) __attribute__((returns_twice));
int _setjmp(jmp_buf env) __attribute__((returns_twice));
int sigsetjmp(sigjmp_buf env, int savemask) __attribute__((returns_twice));
/* Returns from env's setjmp again, with val (1 when val is 0). */
__attribute__((noreturn)) void longjmp(jmp_buf env, int val);
__attribute__((noreturn)) void _longjmp(jmp_buf env, int val);
__attribute__((noreturn)) void siglongjmp(sigjmp_buf env, int val);

#endif
