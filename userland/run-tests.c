/*
 * /bin/run-tests: runs test programs, each in its own child, and reports
 * them on the console.
 *
 *   run-tests                     every default test (see below)
 *   run-tests NAME[,NAME...]...   the tests named, in order
 *
 * A NAME without a '/' is /usr/tests/NAME; one with a '/' is a path. Names
 * may be separated by commas as well as given as separate arguments, since
 * the kernel passes init a single argument (`initarg=`).
 *
 * The default list: every executable regular file of /usr/tests, sorted,
 * except fail-* (deliberately failing programs) and long-* (ones that get a
 * boot of their own), which run only by name, the way
 * the reference's run-tests walks /usr/Tests.
 *
 * Each test runs as fork + execve(path, {path, NULL}, {NULL}), framed by
 *   run-tests: begin NAME
 *   ...whatever the test prints (its own KTEST lines)...
 *   run-tests: end NAME (P polls, C Mcycles)
 * and then reported on one line:
 *   KTEST run-tests:NAME: PASS                        exit status 0
 *   KTEST run-tests:NAME: FAIL: exit N                another exit status
 *   KTEST run-tests:NAME: FAIL: killed by signal S    died from a fault
 *   KTEST run-tests:NAME: FAIL: timeout               see below
 *   KTEST run-tests:NAME: FAIL: fork: ERROR / waitpid: ERROR
 * A test that cannot be executed makes its child print
 * `run-tests: execve PATH: ENAME (text)` and exit 127 (so: FAIL: exit 127).
 * After the last test: `P passed, F failed` alone on a line, and run-tests
 * exits with F (capped at MAX_EXIT_STATUS). Booted as the first process
 * (`test=user init=/bin/run-tests [initarg=NAMES]`), its exit ends the run:
 * the kernel checks for leaks and powers QEMU off through the debug-exit
 * port 0xf4 with this status (kernel/lifecycle/init.ts).
 *
 * The timeout. The kernel has no kill and no signals yet, so run-tests
 * cannot stop a child; it was written before the clock syscalls existed
 * and still waits by polling, waitpid(pid, WNOHANG) then sched_yield()
 * (which lets the test's processes run their quanta), and measures time
 * with the CPU's time-stamp counter: rdtsc works in ring 3 because the
 * kernel leaves CR4.TSD clear. The counter's rate is not calibrated, so
 * the budget is a count
 * of cycles, TIMEOUT_CYCLES = 2^37: 27 s on a 5 GHz counter, 65 s on the
 * 2.1 GHz host it was measured on, longer on slower ones. Under QEMU
 * without KVM the counter is the host's, so a test's cycle count is about
 * the host work of emulating it and changes little from host to host.
 * Counting polls instead was tried first and measures nothing useful: a
 * poll lasts from 0.4 ms (nothing else can run) to 10 ms and more (the
 * test spins); test-ids needs 3 polls, test-mmap's 1000 fork/wait round
 * trips 2000 in 10 s. The end line shows each test's polls and cycles.
 * When the budget is spent the test is reported `FAIL: timeout`, then
 * run-tests stops waiting for it and goes on, and says at the end which
 * tests are still running. The child keeps running (it cannot be killed);
 * it is reaped if it ends later. In a test run the kernel powers off only
 * once every process is gone, so a test that never ends keeps QEMU up
 * after run-tests has printed its summary and exited: the host ends that
 * run (tests/user.test.mjs stops at the summary when a test timed out).
 * When the kernel gains clocks and kill, this should become a deadline in
 * seconds and a kill.
 */
#include <dirent.h>
#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define TEST_DIR "/usr/tests/"
#define MAX_PATH_LENGTH 256
#define MAX_TESTS 256
/*
 * Time-stamp counter cycles before a test times out (see above), 137 * 10^9.
 * Measured under QEMU (TCG) on a 2.1 GHz host, the slowest tests take
 * 15 * 10^9 (test-fork, 7 s) and 21 * 10^9 (test-mmap, 10 s).
 */
#define TIMEOUT_CYCLES (1ull << 37)
/* Keeps the status clear of the kernel's 0x7e (init killed) and 0x7f (panic), even after its +1 for a leak. */
#define MAX_EXIT_STATUS 120

static uint64_t read_tsc(void)
{
    uint32_t low, high;
    __asm__ volatile("rdtsc" : "=a"(low), "=d"(high));
    return ((uint64_t)high << 32) | low;
}

static pid_t timed_out[MAX_TESTS];
static int timed_out_count;

static const char* tests[MAX_TESTS];
static int test_count;

/* Reaps children that are not the running test: orphans handed to us as init, and tests that timed out. */
static void reap_strays(void)
{
    int status;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
        for (int i = 0; i < timed_out_count; i++) {
            if (timed_out[i] == pid) {
                printf("run-tests: pid %d, which timed out, ended late (%s)\n", pid,
                    WIFEXITED(status) ? "exited" : "killed");
                timed_out[i] = timed_out[--timed_out_count];
                break;
            }
        }
    }
}

/* Runs one test; returns 1 when it passed. */
static int run_test(const char* name)
{
    char path[MAX_PATH_LENGTH];
    int written = strchr(name, '/') ? snprintf(path, sizeof(path), "%s", name)
                                    : snprintf(path, sizeof(path), "%s%s", TEST_DIR, name);
    if (written < 0 || (size_t)written >= sizeof(path)) {
        printf("KTEST run-tests:%.60s: FAIL: path too long\n", name);
        return 0;
    }

    printf("run-tests: begin %s\n", name);
    pid_t pid = fork();
    if (pid < 0) {
        int error = errno;
        printf("run-tests: end %s (0 polls, 0 Mcycles)\n", name);
        printf("KTEST run-tests:%s: FAIL: fork: %s\n", name, strerrorname_np(error));
        return 0;
    }
    if (pid == 0) {
        char* argv[] = { path, NULL };
        char* envp[] = { NULL };
        execve(path, argv, envp);
        printf("run-tests: execve %s: %s (%s)\n", path, strerrorname_np(errno), strerror(errno));
        _exit(127);
    }

    int status = 0;
    unsigned polls = 0;
    int wait_error = 0;
    int timeout = 0;
    uint64_t start = read_tsc();
    uint64_t elapsed = 0;
    for (;;) {
        pid_t got = waitpid(pid, &status, WNOHANG);
        elapsed = read_tsc() - start;
        if (got == pid)
            break;
        if (got < 0 && errno != EINTR) {
            wait_error = errno;
            break;
        }
        if (elapsed > TIMEOUT_CYCLES) {
            timeout = 1;
            break;
        }
        polls++;
        sched_yield();
    }
    printf("run-tests: end %s (%u polls, %u Mcycles)\n", name, polls, (unsigned)(elapsed / 1000000));

    if (wait_error) {
        printf("KTEST run-tests:%s: FAIL: waitpid: %s\n", name, strerrorname_np(wait_error));
        return 0;
    }
    if (timeout) {
        if (timed_out_count < MAX_TESTS)
            timed_out[timed_out_count++] = pid;
        printf("KTEST run-tests:%s: FAIL: timeout\n", name);
        return 0;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        printf("KTEST run-tests:%s: PASS\n", name);
        return 1;
    }
    if (WIFEXITED(status))
        printf("KTEST run-tests:%s: FAIL: exit %d\n", name, WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        printf("KTEST run-tests:%s: FAIL: killed by signal %d\n", name, WTERMSIG(status));
    else
        printf("KTEST run-tests:%s: FAIL: status 0x%x\n", name, status);
    return 0;
}

/* Splits arg at commas into tests[] (in place); false when there are too many. */
static int add_names(char* arg)
{
    for (char* p = arg;;) {
        char* comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        if (*p) {
            if (test_count == MAX_TESTS)
                return 0;
            tests[test_count++] = p;
        }
        if (!comma)
            return 1;
        p = comma + 1;
    }
}

static int compare_names(const void* a, const void* b)
{
    return strcmp(*(const char* const*)a, *(const char* const*)b);
}

/* Adds every program of TEST_DIR but fail-* and long-*, sorted; 0 when the directory cannot be read. */
static int add_default_tests(void)
{
    DIR* dir = opendir(TEST_DIR);
    if (!dir)
        return 0;
    struct dirent* entry;
    while ((entry = readdir(dir)) && test_count < MAX_TESTS) {
        char path[MAX_PATH_LENGTH];
        struct stat st;
        snprintf(path, sizeof(path), "%s%s", TEST_DIR, entry->d_name);
        if (strncmp(entry->d_name, "fail-", 5) == 0 || strncmp(entry->d_name, "long-", 5) == 0 || stat(path, &st) < 0 || !S_ISREG(st.st_mode) || !(st.st_mode & 0111))
            continue;
        tests[test_count++] = strdup(entry->d_name);
    }
    closedir(dir);
    qsort(tests, test_count, sizeof(tests[0]), compare_names);
    return 1;
}

int main(int argc, char** argv)
{
    for (int i = 1; i < argc; i++) {
        if (!add_names(argv[i])) {
            printf("run-tests: more than %d tests named\n", MAX_TESTS);
            printf("0 passed, 1 failed\n");
            return 1;
        }
    }
    int use_default = test_count == 0;
    if (use_default && !add_default_tests()) {
        printf("run-tests: cannot list %s: %s\n", TEST_DIR, strerror(errno));
        printf("0 passed, 1 failed\n");
        return 1;
    }
    printf("run-tests: %d test%s%s\n", test_count, test_count == 1 ? "" : "s",
        use_default ? " (the default list)" : " named");

    int passed = 0, failed = 0;
    for (int i = 0; i < test_count; i++) {
        if (run_test(tests[i]))
            passed++;
        else
            failed++;
        reap_strays();
    }
    if (timed_out_count > 0)
        printf("run-tests: %d timed-out test%s still running (there is no kill syscall yet to stop %s)\n",
            timed_out_count, timed_out_count == 1 ? " is" : "s are", timed_out_count == 1 ? "it" : "them");
    printf("%d passed, %d failed\n", passed, failed);
    return failed < MAX_EXIT_STATUS ? failed : MAX_EXIT_STATUS;
}
