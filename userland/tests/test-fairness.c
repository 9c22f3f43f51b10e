/*
 * test-fairness: a CPU-bound process gets its share of the CPU beside
 * processes that block and wake all the time (woken threads may be
 * boosted, but must not starve the run queue).
 *
 * The test process is the spinner: it counts rounds of busy work (no
 * syscalls but a clock read per round) for SPAN_MS alone, then again for
 * SPAN_MS beside a load; the second count over the first is its share of
 * the CPU. The load runs until a deadline past the span: two processes
 * each in a fork+exit+wait loop, or a pair of processes bouncing a byte through two pipes. Beside
 * either load the spinner must have run at least a quarter of the span.
 */
#include "ktest.h"

#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SPAN_MS 1000
#define LOAD_EXTRA_MS 300 /* the load outlives the span */
#define ROUND_SPINS 20000u
#define MIN_SHARE_PERCENT 25

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Forks and reaps children that exit at once, until deadline. */
static void fork_loop(long long deadline)
{
    while (now_ms() < deadline) {
        pid_t pid = fork();
        if (pid == 0)
            _exit(0);
        if (pid < 0 || waitpid(pid, NULL, 0) != pid)
            _exit(1);
    }
    _exit(0);
}

/* One side of a ping-pong: reads a byte from in and writes it to out, until deadline (or EOF). */
static void bounce(int in, int out, int serve_first, long long deadline)
{
    char byte = 'p';
    if (serve_first && write(out, &byte, 1) != 1)
        _exit(1);
    while (now_ms() < deadline) {
        if (read(in, &byte, 1) != 1 || write(out, &byte, 1) != 1)
            break;
    }
    _exit(0);
}

/* Starts the load named by kind; returns how many children it forked (their pids in pids), 0 on failure. */
static int start_load(const char* kind, long long deadline, pid_t pids[2])
{
    if (kind[0] == 'f') {
        for (int i = 0; i < 2; i++) {
            pids[i] = fork();
            if (pids[i] == 0)
                fork_loop(deadline);
        }
        return pids[0] > 0 && pids[1] > 0 ? 2 : 0;
    }
    int ping[2], pong[2];
    if (pipe(ping) < 0 || pipe(pong) < 0)
        return 0;
    pids[0] = fork();
    if (pids[0] == 0)
        bounce(ping[0], pong[1], 1, deadline);
    pids[1] = fork();
    if (pids[1] == 0)
        bounce(pong[0], ping[1], 0, deadline);
    close(ping[0]);
    close(ping[1]);
    close(pong[0]);
    close(pong[1]);
    return pids[0] > 0 && pids[1] > 0 ? 2 : 0;
}

/* Rounds of ROUND_SPINS busy iterations done from now for SPAN_MS of wall time. */
static long long spin_rounds(void)
{
    long long rounds = 0, end = now_ms() + SPAN_MS;
    while (now_ms() < end) {
        kt_spin(ROUND_SPINS);
        rounds++;
    }
    return rounds;
}

/* Spins for SPAN_MS beside the load and checks the spinner's share against its rounds alone. */
static void check_share(const char* name, const char* kind, long long alone)
{
    pid_t pids[2];
    int count = start_load(kind, now_ms() + SPAN_MS + LOAD_EXTRA_MS, pids);
    if (count == 0) {
        kt_fail(name, "could not start the load: %s", kt_errname(errno));
        return;
    }
    long long shared = spin_rounds();
    int loads_ok = 1;
    for (int i = 0; i < count; i++) {
        int status = 0;
        loads_ok &= waitpid(pids[i], &status, 0) == pids[i] && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    }
    printf("test-fairness: %s: %lld rounds beside it, %lld alone\n", kind, shared, alone);
    kt_check(name, loads_ok && alone > 0 && shared * 100 >= alone * MIN_SHARE_PERCENT,
        "the spinner did %lld rounds beside the load, %lld alone (load %s)", shared, alone, loads_ok ? "ok" : "failed");
}

int main(void)
{
    kt_begin("test-fairness");
    long long alone = spin_rounds();
    check_share("spinner-share-beside-fork-loops", "fork", alone);
    check_share("spinner-share-beside-pipe-ping-pong", "pipe", alone);
    return kt_finish();
}
