/*
 * Helpers shared by the user test programs.
 *
 * Every case prints exactly one line on stdout, written with one write():
 *   KTEST <program>.<case>: PASS
 *   KTEST <program>.<case>: FAIL: <detail>
 * (tools/qemu.mjs parseKtest reads these), and a program exits with its
 * number of failed cases, which /bin/run-tests turns into
 * `KTEST run-tests:<name>: PASS|FAIL: ...`.
 */
#ifndef KTEST_H
#define KTEST_H

#include <errno.h>
#include <stdint.h>
#include <sys/types.h>

/* User memory is [0, 0xbe000000); a range must end strictly below it. */
#define USER_RANGE_CEILING 0xbe000000u
/* The kernel base: never user memory. */
#define BAD_KERNEL_PTR ((void*)0xc0000000u)
/* n bytes ending exactly at the ceiling: p + n == ceiling, so not user memory. */
#define BAD_CEILING_PTR(n) ((void*)(USER_RANGE_CEILING - (n)))

void kt_begin(const char* program);
void kt_pass(const char* name);
void kt_fail(const char* name, const char* fmt, ...) __attribute__((format(printf, 2, 3)));
/*
 * PASS if ok, else FAIL with the detail; returns ok. A macro, so that ok is
 * evaluated before the detail's arguments: those often read errno, or what
 * a call inside ok wrote, and the order in which a function's arguments
 * are evaluated is unspecified (gcc on i386 goes right to left).
 */
#define kt_check(name, ok, ...) \
    __extension__({ int kt_ok_ = (ok) ? 1 : 0; kt_check_value((name), kt_ok_, __VA_ARGS__); })
int kt_check_value(const char* name, int ok, const char* fmt, ...) __attribute__((format(printf, 3, 4)));
/* A libc call returned rc: PASS if rc == -1 and errno == expected. */
int kt_expect_errno(const char* name, long rc, int expected);
/* A raw syscallN() result: PASS if it is -expected. */
int kt_expect_raw_error(const char* name, uintptr_t rc, int expected);
/* Prints a summary line (not a KTEST line); returns the failure count. */
int kt_finish(void);

const char* kt_errname(int e);
/* "exit 3", "killed by signal 11", ... for a waitpid status. */
const char* kt_describe_status(int status);

/* Forks a child that calls _exit(status) at once; the pid, or -1 (errno). */
pid_t kt_fork_exit(int status);
/*
 * waitpid(pid, 0) and checks that the child exited with expected; reports
 * the case. A failing waitpid or another status is a FAIL.
 */
int kt_expect_child_exit(const char* name, pid_t pid, int expected);
/* Burns CPU without syscalls; volatile so it is not optimised away. */
uint32_t kt_spin(uint32_t iterations);
/*
 * Runs fn(arg) in a forked child that exits with fn's result (so a child
 * can report an errno or a check number as its exit status). Returns that
 * status (0-255), or -1 if fork or waitpid failed or the child did not exit
 * normally (kt_child_status has the waitpid status then).
 */
int kt_run_in_child(int (*fn)(void* arg), void* arg);
/*
 * Runs argv[0] with argv (and envp, or the caller's environment when NULL)
 * in a child whose stdout and stderr go to a pipe; prepare(arg), unless
 * NULL, runs in the child first (chdir, setuid...). Everything written is
 * read into out, NUL-terminated and cut at size - 1. Returns the exit
 * status, or -1 when the child did not exit normally.
 */
int kt_run_capture(char* const argv[], char* const envp[], void (*prepare)(void* arg), void* arg, char* out, size_t size);
extern int kt_child_status;
/* MemFree of /proc/meminfo in KiB (a leak shows as a difference), or -1. */
long kt_mem_free_kib(void);

#endif
