/*
 * Force-included (gcc -include userland/ts/rt.h) ahead of porffor's generated
 * C for every TypeScript user program, so the Porffor.c snippets of sys.ts
 * can name libc's functions, the SC_<name> syscall numbers
 * (libc/include/syscall_numbers.h, generated from kernel/api/syscalls.ts)
 * and the few helpers of userland/ts/rt.c.
 *
 * porffor keeps TS names as C names, so the top-level names of a program
 * must be neither libc functions (write, fork, ...) nor macros of these
 * headers (SC_*, E*, W*, SIG*, P_*, stdin/stdout/stderr, EOF, BUFSIZ, ...).
 */
#ifndef TS_RT_H
#define TS_RT_H

#include <errno.h>
#include <malloc.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <syscall_numbers.h>
#include <unistd.h>

/* A TS number (f64) as a 32-bit word: through int64 so that values >= 2^31
   and negative numbers wrap instead of being undefined behaviour in C. */
static inline uint32_t tsrt_u32(double x) { return (uint32_t)(int64_t)x; }

/* A raw syscall result as a TS number: -4095..-1 are errors (-errno) and stay
   negative; anything else (addresses above 2^31 included) is unsigned. */
static inline double tsrt_result(uint32_t r) { return r >= 0xfffff001u ? (double)(int32_t)r : (double)r; }

/* A libc result: -errno when the call failed (returned < 0), else the value. */
static inline double tsrt_libc_result(int r) { return r < 0 ? -(double)errno : (double)r; }

/* write(2) until all n bytes are out; the count, or -errno. */
long tsrt_write_all(int fd, const void* buf, size_t n);
/* Writes n UTF-16 code units as bytes (latin1; others become '?'). */
long tsrt_write_utf16(int fd, const uint16_t* units, size_t n);

/* The status word of the last successful tsrt_waitpid (sys.ts sysWaitStatus). */
extern int tsrt_wait_status;

#endif
