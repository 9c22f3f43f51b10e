/* <sys/ptrace.h>: ptrace [134] (SC_ptrace_params; PT_PEEK through SC_ptrace_peek_params). */
#ifndef _SYS_PTRACE_H
#define _SYS_PTRACE_H

#include <sys/types.h>

#define PT_TRACE_ME 1
#define PT_ATTACH 2
#define PT_CONTINUE 3
#define PT_SYSCALL 4
#define PT_GETREGS 5
#define PT_DETACH 6
#define PT_PEEK 7
#define PT_POKE 8
#define PT_SETREGS 9
#define PT_POKEDEBUG 10
#define PT_PEEKDEBUG 11

/* PT_PEEK returns the word read; errors then show only in errno (set to 0 first). */
long ptrace(int request, pid_t tid, void* addr, int data);

#endif
