/*
 * setjmp and longjmp (<setjmp.h>). The register work must not be touched by
 * the compiler, so it is assembly; the signal mask is C. Offsets into the
 * jmp_buf: 0 ebx, 4 esi, 8 edi, 12 ebp, 16 esp after the return, 20 the
 * return address, 24 mask_saved, 28 mask.
 */
#include <setjmp.h>
#include <signal.h>
#include <stddef.h>

_Static_assert(offsetof(struct __jmp_buf, mask_saved) == 24, "the assembly below stores mask_saved at 24");
_Static_assert(sizeof(sigset_t) == sizeof(unsigned long), "jmp_buf.mask holds a sigset_t");

/* sigsetjmp's tail: its caller sees this 0 as sigsetjmp's first return. */
int __sigsetjmp_save_mask(struct __jmp_buf* env, int savemask);
int __sigsetjmp_save_mask(struct __jmp_buf* env, int savemask)
{
    (void)savemask;
    sigprocmask(SIG_SETMASK, NULL, (sigset_t*)&env->mask);
    return 0;
}

__asm__(
    ".text\n"
    ".globl setjmp, _setjmp, sigsetjmp, longjmp, _longjmp\n"
    ".type setjmp, @function\n"
    ".type _setjmp, @function\n"
    ".type sigsetjmp, @function\n"
    ".type longjmp, @function\n"
    ".type _longjmp, @function\n"
    "setjmp:\n"
    "_setjmp:\n"
    "    movl 4(%esp), %eax\n"
    "    movl $0, 24(%eax)\n"
    "    jmp 1f\n"
    "sigsetjmp:\n"
    "    movl 4(%esp), %eax\n"
    "    movl 8(%esp), %ecx\n"
    "    movl %ecx, 24(%eax)\n"
    "1:  movl %ebx, 0(%eax)\n"
    "    movl %esi, 4(%eax)\n"
    "    movl %edi, 8(%eax)\n"
    "    movl %ebp, 12(%eax)\n"
    "    leal 4(%esp), %ecx\n"
    "    movl %ecx, 16(%eax)\n"
    "    movl (%esp), %ecx\n"
    "    movl %ecx, 20(%eax)\n"
    "    cmpl $0, 24(%eax)\n"
    "    jne __sigsetjmp_save_mask\n" /* a tail call: same arguments, returns 0 to our caller */
    "    xorl %eax, %eax\n"
    "    ret\n"
    "longjmp:\n"
    "_longjmp:\n"
    "    movl 4(%esp), %edx\n"
    "    movl 8(%esp), %eax\n"
    "    testl %eax, %eax\n"
    "    jnz 2f\n"
    "    incl %eax\n"
    "2:  movl 0(%edx), %ebx\n"
    "    movl 4(%edx), %esi\n"
    "    movl 8(%edx), %edi\n"
    "    movl 12(%edx), %ebp\n"
    "    movl 16(%edx), %esp\n"
    "    jmp *20(%edx)\n");

void siglongjmp(sigjmp_buf env, int val)
{
    if (env->mask_saved)
        sigprocmask(SIG_SETMASK, (const sigset_t*)&env->mask, NULL);
    longjmp(env, val);
}
