/*
 * crt0: the process entry point of every statically linked program.
 *
 * The kernel's execve leaves (abi.md, "Process start"):
 *   [esp] = argc, [esp+4] = argv (char**), [esp+8] = envp (char**)
 * argv and envp are pointers to NULL-terminated arrays higher on the stack.
 * This calls __libc_start(argc, argv, envp), which runs main and exit()s.
 * The stack is realigned to 16 bytes at the call (the i386 SysV rule gcc
 * assumes), and ebp is zeroed so backtraces stop here.
 */
    .section .text
    .global _start
    .type _start, @function
_start:
    xorl %ebp, %ebp
    movl 0(%esp), %eax      /* argc */
    movl 4(%esp), %ecx      /* argv */
    movl 8(%esp), %edx      /* envp */
    andl $-16, %esp
    subl $4, %esp           /* 4 + 3 pushes = 16: aligned at the call */
    pushl %edx
    pushl %ecx
    pushl %eax
    call __libc_start
    ud2                     /* __libc_start never returns */
    .size _start, . - _start

    .section .note.GNU-stack, "", @progbits
