/*
 * test-time: the clocks and sleeping (syscall numbers in brackets):
 * gettimeofday [20], clock_gettime [113], clock_settime [114],
 * clock_nanosleep [115], and libc's nanosleep, usleep, sleep and time.
 * Errors: EINVAL for a bad clock id (gettime, settime: only CLOCK_REALTIME;
 * nanosleep), bad flags, tv_nsec outside [0, 10^9) or a negative tv_sec;
 * EFAULT for every pointer (clock_nanosleep's params and requested time);
 * EPERM for clock_settime by a non-root user when setuid exists.
 * Durations: a sleep never ends early by CLOCK_MONOTONIC and ends within
 * SLACK_NS (the timer ticks at 1 kHz; a CPU-bound process may hold the CPU
 * for its 10 ms quantum). Runs as root; the realtime clock is put back.
 */
#include "ktest.h"

#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <syscall.h>
#include <time.h>
#include <unistd.h>

#define NS_PER_SEC 1000000000ll
#define MS (1000000ll)
#define SLACK_NS (250 * MS) /* generous: QEMU without KVM on a shared host */
#define TICK_NS MS
#define JAN_1_2020 1577836800ll

static int64_t to_ns(struct timespec ts)
{
    return (int64_t)ts.tv_sec * NS_PER_SEC + ts.tv_nsec;
}

static struct timespec from_ns(int64_t ns)
{
    struct timespec ts = { ns / NS_PER_SEC, (long)(ns % NS_PER_SEC) };
    return ts;
}

static int64_t now_ns(clockid_t clock)
{
    struct timespec ts = { 0, 0 };
    if (clock_gettime(clock, &ts) < 0)
        return -1;
    return to_ns(ts);
}

/* Checks that elapsed covers at least expected and at most expected + SLACK_NS. */
static void check_duration(const char* name, int rc, int64_t elapsed, int64_t expected)
{
    kt_check(name, rc == 0 && elapsed >= expected && elapsed < expected + SLACK_NS,
        "rc %d (%s), slept %lld us for %lld us", rc, rc ? kt_errname(rc) : "ok", (long long)(elapsed / 1000),
        (long long)(expected / 1000));
}

/* clock_nanosleep on clock for a relative ns, timed by CLOCK_MONOTONIC. */
static void check_relative_sleep(const char* name, clockid_t clock, int64_t ns)
{
    struct timespec request = from_ns(ns);
    int64_t start = now_ns(CLOCK_MONOTONIC);
    int rc = clock_nanosleep(clock, 0, &request, NULL);
    check_duration(name, rc, now_ns(CLOCK_MONOTONIC) - start, ns);
}

static void test_gettime(void)
{
    static const clockid_t clocks[] = { CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_MONOTONIC_RAW, CLOCK_REALTIME_COARSE,
        CLOCK_MONOTONIC_COARSE };
    int ok = 1;
    for (unsigned i = 0; i < sizeof(clocks) / sizeof(clocks[0]); i++) {
        struct timespec ts = { -1, -1 };
        if (clock_gettime(clocks[i], &ts) != 0 || ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NS_PER_SEC) {
            kt_fail("gettime-every-clock", "clock %d: %s, {%lld, %ld}", clocks[i], kt_errname(errno),
                (long long)ts.tv_sec, ts.tv_nsec);
            ok = 0;
            break;
        }
    }
    if (ok)
        kt_pass("gettime-every-clock");

    struct timespec real;
    clock_gettime(CLOCK_REALTIME, &real);
    kt_check("realtime-after-2020", real.tv_sec > JAN_1_2020, "CLOCK_REALTIME is %lld s", (long long)real.tv_sec);
    /* A coarse clock moves a whole tick at a time: it may read up to a tick behind a precise read before it. */
    int64_t coarse = now_ns(CLOCK_REALTIME_COARSE);
    kt_check("realtime-coarse-agrees", coarse > to_ns(real) - TICK_NS && coarse - to_ns(real) < SLACK_NS,
        "CLOCK_REALTIME %lld ns, then COARSE %lld ns", (long long)to_ns(real), (long long)coarse);
    int64_t mono = now_ns(CLOCK_MONOTONIC);
    int64_t raw = now_ns(CLOCK_MONOTONIC_RAW);
    int64_t mono_coarse = now_ns(CLOCK_MONOTONIC_COARSE);
    kt_check("monotonic-variants-agree", mono <= raw && raw - TICK_NS < mono_coarse && mono_coarse - mono < SLACK_NS,
        "MONOTONIC %lld, RAW %lld, COARSE %lld", (long long)mono, (long long)raw, (long long)mono_coarse);

    int64_t previous = now_ns(CLOCK_MONOTONIC);
    int backwards = 0;
    for (int i = 0; i < 2000 && !backwards; i++) {
        int64_t t = now_ns(CLOCK_MONOTONIC);
        backwards = t < previous;
        previous = t;
    }
    kt_check("monotonic-never-goes-back", !backwards, "CLOCK_MONOTONIC went from %lld back", (long long)previous);

    time_t t = 0;
    time_t returned = time(&t);
    kt_check("time-agrees", returned == t && returned >= real.tv_sec && returned - real.tv_sec < 2,
        "time() %lld, *t %lld, CLOCK_REALTIME %lld", (long long)returned, (long long)t, (long long)real.tv_sec);
}

static void test_gettime_errors(void)
{
    struct timespec ts;
    kt_expect_errno("gettime-einval-clock-2", clock_gettime(2, &ts), EINVAL);
    kt_expect_errno("gettime-einval-clock-3", clock_gettime(3, &ts), EINVAL);
    kt_expect_errno("gettime-einval-clock-7", clock_gettime(7, &ts), EINVAL);
    kt_expect_errno("gettime-einval-clock-minus-1", clock_gettime(-1, &ts), EINVAL);
    kt_expect_errno("gettime-efault-null", clock_gettime(CLOCK_MONOTONIC, NULL), EFAULT);
    kt_expect_errno("gettime-efault-kernel", clock_gettime(CLOCK_REALTIME, BAD_KERNEL_PTR), EFAULT);
    kt_expect_errno("gettime-efault-ceiling", clock_gettime(CLOCK_REALTIME, BAD_CEILING_PTR(sizeof(ts))), EFAULT);
}

static void test_gettimeofday(void)
{
    struct timespec before, after;
    struct timeval tv = { -1, -1 };
    clock_gettime(CLOCK_REALTIME, &before);
    int rc = gettimeofday(&tv, NULL);
    clock_gettime(CLOCK_REALTIME, &after);
    int64_t us = (int64_t)tv.tv_sec * 1000000 + tv.tv_usec;
    kt_check("gettimeofday-agrees-with-realtime",
        rc == 0 && tv.tv_usec >= 0 && tv.tv_usec < 1000000 && us >= to_ns(before) / 1000 && us <= to_ns(after) / 1000,
        "rc %d, gettimeofday %lld us, CLOCK_REALTIME %lld..%lld us", rc, (long long)us,
        (long long)(to_ns(before) / 1000), (long long)(to_ns(after) / 1000));
    kt_expect_errno("gettimeofday-efault-null", gettimeofday(NULL, NULL), EFAULT);
    kt_expect_errno("gettimeofday-efault-kernel", gettimeofday(BAD_KERNEL_PTR, NULL), EFAULT);
    kt_expect_errno("gettimeofday-efault-ceiling", gettimeofday(BAD_CEILING_PTR(sizeof(tv)), NULL), EFAULT);
}

static void test_relative_sleeps(void)
{
    check_relative_sleep("nanosleep-monotonic-50ms", CLOCK_MONOTONIC, 50 * MS);
    check_relative_sleep("nanosleep-realtime-30ms", CLOCK_REALTIME, 30 * MS);
    check_relative_sleep("nanosleep-coarse-20ms", CLOCK_MONOTONIC_COARSE, 20 * MS);
    check_relative_sleep("nanosleep-1ns", CLOCK_MONOTONIC, 1);

    struct timespec zero = { 0, 0 };
    int64_t start = now_ns(CLOCK_MONOTONIC);
    int rc = clock_nanosleep(CLOCK_MONOTONIC, 0, &zero, NULL);
    int64_t elapsed = now_ns(CLOCK_MONOTONIC) - start;
    kt_check("nanosleep-zero-returns-at-once", rc == 0 && elapsed < SLACK_NS, "rc %d, took %lld us", rc,
        (long long)(elapsed / 1000));

    struct timespec request = { 0, 40 * MS };
    struct timespec remaining = { 77, 77 };
    start = now_ns(CLOCK_MONOTONIC);
    rc = nanosleep(&request, &remaining);
    check_duration("libc-nanosleep-40ms", rc, now_ns(CLOCK_MONOTONIC) - start, 40 * MS);
    kt_check("nanosleep-remaining-untouched", remaining.tv_sec == 77 && remaining.tv_nsec == 77,
        "an uninterrupted sleep wrote remaining {%lld, %ld}", (long long)remaining.tv_sec, remaining.tv_nsec);

    start = now_ns(CLOCK_MONOTONIC);
    rc = usleep(25000);
    check_duration("usleep-25ms", rc, now_ns(CLOCK_MONOTONIC) - start, 25 * MS);

    start = now_ns(CLOCK_MONOTONIC);
    int64_t real_start = now_ns(CLOCK_REALTIME);
    unsigned left = sleep(1);
    int64_t elapsed_real = now_ns(CLOCK_REALTIME) - real_start;
    check_duration("sleep-1-second", (int)left, now_ns(CLOCK_MONOTONIC) - start, NS_PER_SEC);
    kt_check("sleep-1-second-by-realtime", elapsed_real >= NS_PER_SEC - 10 * MS && elapsed_real < NS_PER_SEC + SLACK_NS,
        "CLOCK_REALTIME advanced %lld us", (long long)(elapsed_real / 1000));
}

static void test_absolute_sleeps(void)
{
    int64_t target = now_ns(CLOCK_MONOTONIC) + 100 * MS;
    struct timespec at = from_ns(target);
    int rc = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &at, NULL);
    int64_t woke = now_ns(CLOCK_MONOTONIC);
    kt_check("abstime-monotonic-100ms", rc == 0 && woke >= target && woke < target + SLACK_NS,
        "rc %d (%s), woke %lld us after the target", rc, rc ? kt_errname(rc) : "ok", (long long)((woke - target) / 1000));

    target = now_ns(CLOCK_REALTIME) + 60 * MS;
    at = from_ns(target);
    rc = clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &at, NULL);
    woke = now_ns(CLOCK_REALTIME);
    kt_check("abstime-realtime-60ms", rc == 0 && woke >= target && woke < target + SLACK_NS,
        "rc %d (%s), woke %lld us after the target", rc, rc ? kt_errname(rc) : "ok", (long long)((woke - target) / 1000));

    int64_t start = now_ns(CLOCK_MONOTONIC);
    at = from_ns(start - 500 * MS);
    rc = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &at, NULL);
    int64_t elapsed = now_ns(CLOCK_MONOTONIC) - start;
    kt_check("abstime-in-the-past-returns-at-once", rc == 0 && elapsed < SLACK_NS, "rc %d, took %lld us", rc,
        (long long)(elapsed / 1000));
    struct timespec epoch = { 0, 0 };
    kt_check("abstime-zero-returns-at-once", clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &epoch, NULL) == 0,
        "sleep until the epoch failed");
}

/* clock_nanosleep returns the error number itself (POSIX); errno is untouched. */
static void expect_sleep_error(const char* name, clockid_t clock, int flags, const struct timespec* request, int expected)
{
    int rc = clock_nanosleep(clock, flags, request, NULL);
    kt_check(name, rc == expected, "expected %s, got %s", kt_errname(expected), rc ? kt_errname(rc) : "0");
}

static void test_sleep_errors(void)
{
    struct timespec ok = { 0, 1 * MS };
    struct timespec nsec_too_big = { 0, NS_PER_SEC };
    struct timespec nsec_negative = { 0, -1 };
    struct timespec sec_negative = { -1, 0 };
    expect_sleep_error("nanosleep-einval-nsec-1e9", CLOCK_MONOTONIC, 0, &nsec_too_big, EINVAL);
    expect_sleep_error("nanosleep-einval-nsec-negative", CLOCK_MONOTONIC, 0, &nsec_negative, EINVAL);
    expect_sleep_error("nanosleep-einval-sec-negative", CLOCK_MONOTONIC, 0, &sec_negative, EINVAL);
    expect_sleep_error("nanosleep-einval-abstime-nsec-1e9", CLOCK_MONOTONIC, TIMER_ABSTIME, &nsec_too_big, EINVAL);
    expect_sleep_error("nanosleep-einval-flags-1", CLOCK_MONOTONIC, 1, &ok, EINVAL);
    expect_sleep_error("nanosleep-einval-clock-2", 2, 0, &ok, EINVAL);
    expect_sleep_error("nanosleep-einval-clock-minus-1", -1, 0, &ok, EINVAL);
    expect_sleep_error("nanosleep-efault-requested-null", CLOCK_MONOTONIC, 0, NULL, EFAULT);
    expect_sleep_error("nanosleep-efault-requested-kernel", CLOCK_MONOTONIC, 0, BAD_KERNEL_PTR, EFAULT);
    expect_sleep_error("nanosleep-efault-requested-ceiling", CLOCK_MONOTONIC, 0, BAD_CEILING_PTR(sizeof(ok)), EFAULT);
    kt_expect_raw_error("nanosleep-efault-params-null", syscall1(SC_clock_nanosleep, 0), EFAULT);
    kt_expect_raw_error("nanosleep-efault-params-kernel", syscall1(SC_clock_nanosleep, 0xc0000000u), EFAULT);
    kt_expect_raw_error("nanosleep-efault-params-ceiling",
        syscall1(SC_clock_nanosleep, (uintptr_t)BAD_CEILING_PTR(sizeof(SC_clock_nanosleep_params))), EFAULT);
    kt_expect_errno("libc-nanosleep-einval", nanosleep(&nsec_too_big, NULL), EINVAL);
}

static void test_settime(void)
{
    struct timespec before;
    clock_gettime(CLOCK_REALTIME, &before);
    int64_t mono_before = now_ns(CLOCK_MONOTONIC);
    struct timespec later = { before.tv_sec + 100000, before.tv_nsec };
    int rc = clock_settime(CLOCK_REALTIME, &later);
    int64_t moved = now_ns(CLOCK_REALTIME);
    int64_t mono_after = now_ns(CLOCK_MONOTONIC);
    kt_check("settime-realtime", rc == 0 && moved >= to_ns(later) && moved - to_ns(later) < SLACK_NS,
        "rc %d (%s), set %lld s, reads %lld ns", rc, rc ? kt_errname(errno) : "ok", (long long)later.tv_sec,
        (long long)moved);
    kt_check("settime-leaves-monotonic", mono_after >= mono_before && mono_after - mono_before < SLACK_NS,
        "CLOCK_MONOTONIC moved %lld us", (long long)((mono_after - mono_before) / 1000));
    struct timespec carry = { before.tv_sec, 1500 * MS };
    rc = clock_settime(CLOCK_REALTIME, &carry);
    int64_t carried = now_ns(CLOCK_REALTIME);
    int64_t expected = (int64_t)before.tv_sec * NS_PER_SEC + 1500 * MS;
    kt_check("settime-carries-nsec", rc == 0 && carried >= expected && carried - expected < SLACK_NS,
        "rc %d, set {%lld, 1.5e9 ns}, reads %lld ns", rc, (long long)before.tv_sec, (long long)carried);
    /* Put the clock back where it would be had nothing moved it. */
    struct timespec restore = from_ns(to_ns(before) + (now_ns(CLOCK_MONOTONIC) - mono_before));
    clock_settime(CLOCK_REALTIME, &restore);

    kt_expect_errno("settime-einval-monotonic", clock_settime(CLOCK_MONOTONIC, &before), EINVAL);
    kt_expect_errno("settime-einval-realtime-coarse", clock_settime(CLOCK_REALTIME_COARSE, &before), EINVAL);
    kt_expect_errno("settime-einval-clock-7", clock_settime(7, &before), EINVAL);
    kt_expect_errno("settime-efault-null", clock_settime(CLOCK_REALTIME, NULL), EFAULT);
    kt_expect_errno("settime-efault-kernel", clock_settime(CLOCK_REALTIME, BAD_KERNEL_PTR), EFAULT);
    kt_expect_errno("settime-efault-ceiling", clock_settime(CLOCK_REALTIME, BAD_CEILING_PTR(sizeof(before))), EFAULT);
    kt_check("settime-restored", now_ns(CLOCK_REALTIME) / NS_PER_SEC - before.tv_sec < 60,
        "CLOCK_REALTIME is %lld s, was %lld s", (long long)(now_ns(CLOCK_REALTIME) / NS_PER_SEC), (long long)before.tv_sec);
}

/* EPERM needs a non-root process: a child gives up root with setuid, when the kernel has it. */
static void test_settime_eperm(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        if (setuid(100) < 0)
            _exit(errno == ENOSYS ? 2 : 3);
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        _exit(clock_settime(CLOCK_REALTIME, &ts) == -1 && errno == EPERM ? 0 : 1);
    }
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) != pid) {
        kt_fail("settime-eperm-non-root", "fork or waitpid: %s", kt_errname(errno));
        return;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 2) {
        printf("test-time: settime-eperm-non-root not run: setuid is ENOSYS\n");
        return;
    }
    kt_check("settime-eperm-non-root", WIFEXITED(status) && WEXITSTATUS(status) == 0,
        "child (1: settime did not fail with EPERM, 3: setuid failed): %s", kt_describe_status(status));
}

/*
 * Children that sleep at the same time all wake, in about the time of one
 * sleep: every sleep has begun when the last fork returns, so from then on
 * all of them end within one nap plus the slack (one at a time would take
 * SLEEPERS naps). Timed from there, so slow forks on a loaded host do not count.
 */
static void test_concurrent_sleepers(void)
{
    enum { SLEEPERS = 4 };
    const int64_t nap = 300 * MS;
    pid_t pids[SLEEPERS];
    for (int i = 0; i < SLEEPERS; i++) {
        pids[i] = fork();
        if (pids[i] == 0) {
            struct timespec request = from_ns(nap);
            int64_t begin = now_ns(CLOCK_MONOTONIC);
            int rc = clock_nanosleep(CLOCK_MONOTONIC, 0, &request, NULL);
            _exit(rc == 0 && now_ns(CLOCK_MONOTONIC) - begin >= nap ? 0 : 1);
        }
    }
    int64_t forked = now_ns(CLOCK_MONOTONIC);
    struct timespec request = from_ns(nap);
    int rc = clock_nanosleep(CLOCK_MONOTONIC, 0, &request, NULL);
    int all_woke = rc == 0;
    for (int i = 0; i < SLEEPERS; i++) {
        int status = 0;
        all_woke = all_woke && pids[i] > 0 && waitpid(pids[i], &status, 0) == pids[i] && WIFEXITED(status) &&
            WEXITSTATUS(status) == 0;
    }
    int64_t elapsed = now_ns(CLOCK_MONOTONIC) - forked;
    kt_check("concurrent-sleepers-all-wake", all_woke, "a sleeper failed or slept short");
    /* Overlap: shorter than one fewer nap than the serial sum; host load stretches QEMU's clock. */
    kt_check("concurrent-sleepers-overlap", elapsed >= nap && elapsed < SLEEPERS * nap,
        "%d processes sleeping %lld ms each took %lld ms together after the last fork", SLEEPERS + 1,
        (long long)(nap / MS), (long long)(elapsed / MS));
}

/* A sleeper wakes on time while another process burns the CPU in user mode. */
static void test_sleep_beside_cpu_hog(void)
{
    int64_t hog_until = now_ns(CLOCK_MONOTONIC) + 400 * MS;
    pid_t hog = fork();
    if (hog == 0) {
        while (now_ns(CLOCK_MONOTONIC) < hog_until)
            kt_spin(200000u);
        _exit(0);
    }
    check_relative_sleep("sleep-beside-cpu-hog-50ms", CLOCK_MONOTONIC, 50 * MS);
    kt_expect_child_exit("cpu-hog-exits", hog, 0);
}

int main(void)
{
    kt_begin("test-time");
    test_gettime();
    test_gettime_errors();
    test_gettimeofday();
    test_relative_sleeps();
    test_absolute_sleeps();
    test_sleep_errors();
    test_settime();
    test_settime_eperm();
    test_concurrent_sleepers();
    test_sleep_beside_cpu_hog();
    return kt_finish();
}
