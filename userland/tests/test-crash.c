/*
 * test-crash: runs `/bin/crash -A` (every fault scenario in a child of its
 * own) and turns each of its lines into a case: a scenario this system
 * supports must PASS (the child died of the reference's signal); one that
 * needs a feature still missing (NX; UMIP where the processor lacks it) must say PENDING or PASS, never FAIL. Also: crash with no valid
 * flag prints its usage and exits 2.
 *
 * Crash reports: a dumpable process killed with a core leaves
 * /tmp/crash/<name>.<pid> with its signal, the crash, registers, a
 * backtrace by symbol and its coredump metadata (the pledge violation
 * among them); a non-dumpable one leaves none.
 */
#include "ktest.h"

#include <fcntl.h>
#include <serenity.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

static char output[8192];

/* The line crash printed for flag, or NULL. */
static const char* line_for(char flag)
{
    char prefix[16];
    snprintf(prefix, sizeof(prefix), "crash -%c: ", flag);
    for (const char* line = output; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        if (strncmp(line, prefix, strlen(prefix)) == 0)
            return line;
    }
    return NULL;
}

/* True when the line's verdict (after the second ": ") starts with word. */
static int verdict_is(const char* line, const char* word)
{
    const char* verdict = strstr(line + 10, ": ");
    return verdict && strncmp(verdict + 2, word, strlen(word)) == 0;
}

static void check_scenario(char flag, int may_be_pending)
{
    char name[32];
    snprintf(name, sizeof(name), "crash-%c", flag);
    const char* line = line_for(flag);
    if (!line) {
        kt_fail(name, "no line for -%c in:\n%s", flag, output);
        return;
    }
    int length = (int)(strchr(line, '\n') ? strchr(line, '\n') - line : (long)strlen(line));
    int ok = verdict_is(line, "PASS") || (may_be_pending && verdict_is(line, "PENDING"));
    kt_check(name, ok, "%.*s", length, line);
}

static char report[4096];

/* Reads /tmp/crash/<name>.<pid> into report and removes it; its length, or -1 when there is none. */
static int take_report(const char* name, pid_t pid)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/crash/%s.%d", name, pid);
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    int length = (int)read(fd, report, sizeof report - 1);
    close(fd);
    unlink(path);
    report[length < 0 ? 0 : length] = 0;
    return length;
}

/* Runs /bin/crash -flag (dumpable), checks it died of signal and that its report holds each of lines. */
static void check_crash_report(char flag, int signal, const char* const* lines)
{
    char name[32], option[3] = { '-', flag, 0 };
    snprintf(name, sizeof name, "report-%c", flag);
    pid_t pid = fork();
    if (pid == 0) {
        char* argv[] = { "/bin/crash", option, NULL };
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        execv(argv[0], argv);
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFSIGNALED(status) || WTERMSIG(status) != signal) {
        kt_fail(name, "%s", kt_describe_status(status));
        return;
    }
    if (take_report("crash", pid) < 0) {
        kt_fail(name, "no /tmp/crash/crash.%d", pid);
        return;
    }
    for (const char* const* line = lines; *line; line++) {
        if (!strstr(report, *line)) {
            fputs(report, stdout);
            kt_fail(name, "no \"%s\" in the report above", *line);
            return;
        }
    }
    kt_pass(name);
}

static int metadata_limits(void* arg)
{
    (void)arg;
    if (set_coredump_metadata("", "x") != -1 || errno != EINVAL)
        return 1;
    char key[8];
    for (int i = 0; i < 16; i++) {
        snprintf(key, sizeof key, "k%d", i);
        if (set_coredump_metadata(key, "v") != 0)
            return 2;
    }
    if (set_coredump_metadata("k3", "again") != 0) /* an old key takes a new value */
        return 3;
    if (set_coredump_metadata("k16", "v") != -1 || errno != EFAULT) /* a 17th key, as the reference */
        return 4;
    return 0;
}

/* Sets metadata (and with arg, makes itself non-dumpable), then aborts. */
static int abort_with_metadata(void* arg)
{
    set_coredump_metadata("assertion", "1 == 2");
    set_coredump_metadata("assertion", "2 == 3");
    if (arg)
        prctl(PR_SET_DUMPABLE, 0, 0);
    abort();
    return 0;
}

static void check_metadata_reports(void)
{
    int rc = kt_run_in_child(metadata_limits, NULL);
    kt_check("metadata-limits", rc == 0, "step %d", rc);
    pid_t pid = fork();
    if (pid == 0)
        _exit(abort_with_metadata(NULL));
    int status = 0;
    waitpid(pid, &status, 0);
    int found = take_report("test-crash", pid);
    kt_check("report-metadata", WIFSIGNALED(status) && found > 0 && strstr(report, "signal: 6\n") &&
        strstr(report, "assertion=2 == 3\n") && !strstr(report, "1 == 2"), "%s: %s", kt_describe_status(status), found > 0 ? report : "no report");
    pid = fork();
    if (pid == 0)
        _exit(abort_with_metadata(report));
    waitpid(pid, &status, 0);
    found = take_report("test-crash", pid);
    kt_check("non-dumpable-no-report", WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT && found < 0, "%s, report %d",
        kt_describe_status(status), found);
}

int main(void)
{
    kt_begin("test-crash");
    char* argv[] = { "/bin/crash", "-A", NULL };
    int status = kt_run_capture(argv, NULL, NULL, NULL, output, sizeof(output));
    fputs(output, stdout); /* the PENDING lines say what is still missing */
    kt_check("crash-all-exit-0", status == 0, "exit %d:\n%s", status, output);
    const char* supported = "sdimfMFrTtSIRanpc";
    const char* pending = "XU";
    for (const char* f = supported; *f; f++)
        check_scenario(*f, 0);
    for (const char* f = pending; *f; f++)
        check_scenario(*f, 1);
    char* bad[] = { "/bin/crash", "-?", NULL };
    status = kt_run_capture(bad, NULL, NULL, NULL, output, sizeof(output));
    kt_check("crash-usage", status == 2 && strstr(output, "usage: crash") != NULL, "exit %d: %s", status, output);
    const char* segv[] = { "process: crash (pid ", "signal: 11\n", "crash: page fault writing 0x00000000", "eip=0x", "esp=0x",
        "backtrace:\n  #0 0x", " write_null+0x", " __libc_start+0x", NULL };
    check_crash_report('s', SIGSEGV, segv);
    const char* pledged[] = { "signal: 6\n", "crash: pledge violation, syscall 0x", "pledge_violation=stdio\n", NULL };
    check_crash_report('p', SIGABRT, pledged);
    const char* illegal[] = { "signal: 4\n", " illegal_instruction+0x", NULL };
    check_crash_report('i', SIGILL, illegal);
    check_metadata_reports();
    return kt_finish();
}
