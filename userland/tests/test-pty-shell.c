/*
 * test-pty-shell: /bin/sh driven through a pseudo-terminal, as a terminal
 * emulator would: forkpty starts the shell with the slave as its
 * controlling terminal, and each case types a command line on the master
 * and reads the output up to the case's end marker, a line
 * `:end-<case>:` of its own (the shell's echo of the typed line starts
 * with its prompt, so never matches). A pipeline, a redirect and cat, a
 * for loop, an if, exit statuses, `sleep 100` ended by ^C with the prompt
 * back within a second, a job stopped by ^Z then bg, jobs and fg, and the
 * shell's exit status through waitpid.
 */
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ktest.h"

#define OUTPUT_BYTES 16384
#define CASE_TIMEOUT_MS 15000

static int master = -1;
/* Everything the shell wrote since the last case ended, CRs dropped, NUL-terminated. */
static char output[OUTPUT_BYTES];
static int output_length;

static long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Appends what the master has within the time left; false once the slave side is gone. */
static int take_output(int wait_ms)
{
    struct pollfd p = { master, POLLIN, 0 };
    if (poll(&p, 1, wait_ms) != 1)
        return 1;
    char chunk[512];
    ssize_t n = read(master, chunk, sizeof(chunk));
    for (ssize_t i = 0; i < n; i++)
        if (chunk[i] != '\r' && output_length < OUTPUT_BYTES - 1)
            output[output_length++] = chunk[i];
    output[output_length] = 0;
    return n > 0;
}

/* Waits until a line of the output starts with text; true when it came. */
static int wait_for_line(const char* text)
{
    char needle[64];
    snprintf(needle, sizeof(needle), "\n%s", text);
    long deadline = now_ms() + CASE_TIMEOUT_MS;
    while (!strstr(output, needle)) {
        long left = deadline - now_ms();
        if (left <= 0 || !take_output((int)left))
            return 0;
    }
    return 1;
}

static void type(const char* text)
{
    write(master, text, strlen(text));
}

/* Types input, then the end marker's echo; true when the marker line came. The output is kept in output. */
static int run_case(const char* name, const char* input)
{
    char marker[64];
    output_length = 0;
    output[0] = 0;
    type(input);
    snprintf(marker, sizeof(marker), "echo :end-%s:\n", name);
    type(marker);
    snprintf(marker, sizeof(marker), ":end-%s:", name);
    return wait_for_line(marker);
}

/* True when the output has, in order, each of the NULL-terminated pieces. */
static int has_in_order(const char* first, ...)
{
    __builtin_va_list pieces;
    __builtin_va_start(pieces, first);
    const char* at = output;
    for (const char* piece = first; piece && at; piece = __builtin_va_arg(pieces, const char*)) {
        at = strstr(at, piece);
        if (at)
            at += strlen(piece);
    }
    __builtin_va_end(pieces);
    return at != NULL;
}

/* The last 200 bytes of the output, for a failure's detail. */
static const char* output_tail(void)
{
    return output_length > 200 ? output + output_length - 200 : output;
}

static void check_case(const char* name, const char* input, const char* expected)
{
    int ended = run_case(name, input);
    kt_check(name, ended && strstr(output, expected), "%s: %s", ended ? "wrong output" : "no end marker", output_tail());
}

static void test_ctrl_c(void)
{
    output_length = 0;
    type("(echo started-sleep; sleep 100)\n");
    int started = wait_for_line("started-sleep");
    long before = now_ms();
    type("\003echo status $?\n");
    int back = started && wait_for_line("status 130");
    long waited = now_ms() - before;
    kt_check("ctrl-c-prompt-within-1s", back && waited < 1000, "%s after %ld ms: %s", back ? "back" : "not back", waited,
        output_tail());
}

static void test_job_control(void)
{
    output_length = 0;
    type("(echo started-job; sleep 3; echo fg-done)\n");
    int started = wait_for_line("started-job");
    type("\032");
    long deadline = now_ms() + CASE_TIMEOUT_MS;
    while (started && !strstr(output, "Stopped") && now_ms() < deadline)
        take_output(100);
    int ended = run_case("jobs", "echo stopped-status $?\nbg\njobs\nfg\necho fg-status $?\n");
    kt_check("ctrl-z-bg-jobs-fg", ended && has_in_order("\nstopped-status 148\n", "Running", "\nfg-done\n", "\nfg-status 0\n", NULL),
        "%s", output_tail());
}

int main(void)
{
    kt_begin("test-pty-shell");
    pid_t shell = forkpty(&master, NULL, NULL, NULL);
    if (shell == 0) {
        char* argv[] = { "/bin/sh", NULL };
        char* envp[] = { "PATH=/bin:/usr/bin", "HOME=/", "TERM=xterm", NULL };
        execve(argv[0], argv, envp);
        _exit(127);
    }
    if (!kt_check("forkpty", shell > 0, "%s", kt_errname(errno)))
        return kt_finish();
    check_case("pipeline", "echo one two three | wc -w\n", "3\n");
    check_case("redirect-and-cat", "echo saved text > /tmp/pty-shell-test; cat /tmp/pty-shell-test; rm /tmp/pty-shell-test\n",
        "\nsaved text\n");
    check_case("for", "for i in 1 2 3; do echo item$i; done\n", "\nitem1\nitem2\nitem3\n");
    check_case("if", "if [ -d /bin ]; then echo is-dir; else echo not-dir; fi\n", "\nis-dir\n");
    check_case("exit-statuses", "false; echo status $?; true; echo status $?; nosuch; echo status $?\n",
        "\nstatus 1\nstatus 0\nsh: nosuch: not found\nstatus 127\n");
    test_ctrl_c();
    test_job_control();

    type("exit 3\n");
    int status = 0;
    pid_t got = waitpid(shell, &status, 0);
    kt_check("shell-exit-status", got == shell && WIFEXITED(status) && WEXITSTATUS(status) == 3, "%s",
        kt_describe_status(status));
    close(master);
    return kt_finish();
}
