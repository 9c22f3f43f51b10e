/* Helpers shared by the user test programs (see ktest.h). */
#include "ktest.h"

#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char* program_name = "?";
static int passed;
static int failed;

void kt_begin(const char* program)
{
    program_name = program;
}

void kt_pass(const char* name)
{
    passed++;
    printf("KTEST %s.%s: PASS\n", program_name, name);
}

static void kt_vfail(const char* name, const char* fmt, va_list ap)
{
    char detail[300];
    vsnprintf(detail, sizeof(detail), fmt, ap);
    failed++;
    printf("KTEST %s.%s: FAIL: %s\n", program_name, name, detail);
}

void kt_fail(const char* name, const char* fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    kt_vfail(name, fmt, ap);
    va_end(ap);
}

int kt_check_value(const char* name, int ok, const char* fmt, ...)
{
    if (ok) {
        kt_pass(name);
        return 1;
    }
    va_list ap;
    va_start(ap, fmt);
    kt_vfail(name, fmt, ap);
    va_end(ap);
    return 0;
}

int kt_expect_errno(const char* name, long rc, int expected)
{
    if (rc == -1 && errno == expected) {
        kt_pass(name);
        return 1;
    }
    if (rc == -1)
        kt_fail(name, "expected %s, got %s", kt_errname(expected), kt_errname(errno));
    else
        kt_fail(name, "expected -1/%s, got %ld", kt_errname(expected), rc);
    return 0;
}

int kt_expect_raw_error(const char* name, uintptr_t rc, int expected)
{
    int value = (int)rc;
    if (value == -expected) {
        kt_pass(name);
        return 1;
    }
    if (value < 0 && value > -EMAXERRNO)
        kt_fail(name, "expected -%s, got -%s", kt_errname(expected), kt_errname(-value));
    else
        kt_fail(name, "expected -%s, got %d", kt_errname(expected), value);
    return 0;
}

int kt_finish(void)
{
    printf("%s: %d passed, %d failed\n", program_name, passed, failed);
    return failed;
}

const char* kt_errname(int e)
{
    return strerrorname_np(e);
}

const char* kt_describe_status(int status)
{
    static char text[48];
    if (WIFEXITED(status))
        snprintf(text, sizeof(text), "exit %d", WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        snprintf(text, sizeof(text), "killed by signal %d%s", WTERMSIG(status), WCOREDUMP(status) ? " (core)" : "");
    else
        snprintf(text, sizeof(text), "status 0x%x", status);
    return text;
}

pid_t kt_fork_exit(int status)
{
    pid_t pid = fork();
    if (pid == 0)
        _exit(status);
    return pid;
}

int kt_expect_child_exit(const char* name, pid_t pid, int expected)
{
    int status = 0;
    pid_t got = waitpid(pid, &status, 0);
    if (got != pid) {
        kt_fail(name, "waitpid(%d) returned %d (%s)", pid, got, got < 0 ? kt_errname(errno) : "wrong pid");
        return 0;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != expected) {
        kt_fail(name, "child %s, expected exit %d", kt_describe_status(status), expected);
        return 0;
    }
    kt_pass(name);
    return 1;
}

uint32_t kt_spin(uint32_t iterations)
{
    volatile uint32_t accumulator = 0;
    for (uint32_t i = 0; i < iterations; i++)
        accumulator += i;
    return accumulator;
}

int kt_child_status;

int kt_run_in_child(int (*fn)(void* arg), void* arg)
{
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0)
        _exit(fn(arg));
    kt_child_status = 0;
    if (waitpid(pid, &kt_child_status, 0) != pid || !WIFEXITED(kt_child_status))
        return -1;
    return WEXITSTATUS(kt_child_status);
}

int kt_run_capture(char* const argv[], char* const envp[], void (*prepare)(void* arg), void* arg, char* out, size_t size)
{
    int fds[2];
    if (pipe(fds) < 0)
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 1);
        dup2(fds[1], 2);
        close(fds[0]);
        close(fds[1]);
        if (prepare)
            prepare(arg);
        if (envp)
            execve(argv[0], argv, envp);
        else
            execv(argv[0], argv);
        _exit(127);
    }
    close(fds[1]);
    size_t used = 0;
    ssize_t n;
    while (used + 1 < size && (n = read(fds[0], out + used, size - 1 - used)) > 0)
        used += (size_t)n;
    out[used] = 0;
    close(fds[0]);
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
}

long kt_mem_free_kib(void)
{
    char text[256];
    int fd = open("/proc/meminfo", O_RDONLY);
    ssize_t n = fd < 0 ? -1 : read(fd, text, sizeof(text) - 1);
    close(fd);
    if (n <= 0)
        return -1;
    text[n] = '\0';
    char* field = strstr(text, "MemFree:");
    return field ? strtol(field + 8, NULL, 10) : -1;
}
