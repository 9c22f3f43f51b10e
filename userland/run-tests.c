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
 * Each test runs as fork + execve(path, {path, NULL}, {NULL}) in a process
 * group of its own, framed by
 *   run-tests: begin NAME
 *   ...whatever the test prints (its own KTEST lines)...
 *   run-tests: end NAME (S.SS s)
 * and then reported on one line:
 *   KTEST run-tests:NAME: PASS                        exit status 0
 *   KTEST run-tests:NAME: FAIL: exit N                another exit status
 *   KTEST run-tests:NAME: FAIL: killed by signal S    died from a signal
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
 * The crash reports a test's processes leave in /tmp/crash (the kernel
 * writes one for every process killed with a core) are removed after it,
 * so that the kernel's leak check sees only what the tests themselves
 * left behind.
 *
 * The timeout: a test gets TIMEOUT_SECONDS of wall-clock time (the alarm
 * clock), or what a `--timeout=SECONDS` argument says. Then its whole
 * process group gets SIGTERM, and SIGKILL after GRACE_SECONDS more if it is
 * still there; it is reported `FAIL: timeout` and run-tests goes on with
 * the next test.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TEST_DIR "/usr/tests/"
#define MAX_PATH_LENGTH 256
#define MAX_TESTS 256
/* Measured under QEMU (TCG) on a 2.1 GHz host, the slowest tests take 10 s (test-mmap). */
#define TIMEOUT_SECONDS 120
#define GRACE_SECONDS 2
/* Keeps the status clear of the kernel's 0x7e (init killed) and 0x7f (panic), even after its +1 for a leak. */
#define MAX_EXIT_STATUS 120

static unsigned timeout_seconds = TIMEOUT_SECONDS;
static volatile sig_atomic_t alarm_rang;

static void on_alarm(int sig)
{
    (void)sig;
    alarm_rang = 1;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Waits for pid for at most seconds: its pid, 0 when the time ran out, or -1 (errno). */
static pid_t wait_with_deadline(pid_t pid, int* status, unsigned seconds)
{
    alarm_rang = 0;
    alarm(seconds);
    pid_t got;
    do
        got = waitpid(pid, status, 0);
    while (got < 0 && errno == EINTR && !alarm_rang);
    alarm(0);
    return got < 0 && alarm_rang ? 0 : got;
}

/* The test ran out of time: SIGTERM to its group, SIGKILL after the grace time; reaps it. */
static void stop_test(pid_t pid, int* status)
{
    kill(-pid, SIGTERM);
    if (wait_with_deadline(pid, status, GRACE_SECONDS) == pid)
        return;
    kill(-pid, SIGKILL);
    waitpid(pid, status, 0);
}

static const char* tests[MAX_TESTS];
static int test_count;

/* Reaps children that are not the running test: orphans handed to us as init. */
static void reap_strays(void)
{
    int status;
    while (waitpid(-1, &status, WNOHANG) > 0)
        ;
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
        printf("run-tests: end %s (0.00 s)\n", name);
        printf("KTEST run-tests:%s: FAIL: fork: %s\n", name, strerrorname_np(error));
        return 0;
    }
    if (pid == 0) {
        setpgid(0, 0);
        signal(SIGALRM, SIG_DFL);
        char* argv[] = { path, NULL };
        char* envp[] = { NULL };
        execve(path, argv, envp);
        printf("run-tests: execve %s: %s (%s)\n", path, strerrorname_np(errno), strerror(errno));
        _exit(127);
    }

    setpgid(pid, pid);
    int status = 0;
    double start = now_seconds();
    pid_t got = wait_with_deadline(pid, &status, timeout_seconds);
    int wait_error = got < 0 ? errno : 0;
    if (got == 0)
        stop_test(pid, &status);
    printf("run-tests: end %s (%.2f s)\n", name, now_seconds() - start);

    if (wait_error) {
        printf("KTEST run-tests:%s: FAIL: waitpid: %s\n", name, strerrorname_np(wait_error));
        return 0;
    }
    if (got == 0) {
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

/* Splits arg at commas into tests[] (in place), taking --timeout=SECONDS; false when there are too many. */
static int add_names(char* arg)
{
    for (char* p = arg;;) {
        char* comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        if (strncmp(p, "--timeout=", 10) == 0) {
            timeout_seconds = (unsigned)atoi(p + 10);
            if (timeout_seconds == 0)
                timeout_seconds = TIMEOUT_SECONDS;
        } else if (*p) {
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

#define CRASH_DIR "/tmp/crash"

/* Removes /tmp/crash and the reports in it. */
static void remove_crash_reports(void)
{
    DIR* dir = opendir(CRASH_DIR);
    if (!dir)
        return;
    char path[MAX_PATH_LENGTH];
    for (struct dirent* entry = readdir(dir); entry; entry = readdir(dir)) {
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", CRASH_DIR, entry->d_name);
        unlink(path);
    }
    closedir(dir);
    rmdir(CRASH_DIR);
}

int main(int argc, char** argv)
{
    struct sigaction act;
    memset(&act, 0, sizeof act);
    act.sa_handler = on_alarm;
    sigaction(SIGALRM, &act, NULL); /* no SA_RESTART: the alarm ends waitpid */
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
        remove_crash_reports();
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed < MAX_EXIT_STATUS ? failed : MAX_EXIT_STATUS;
}
