/*
 * /bin/bench: the syscall benchmarks of `make bench`. Each phase prints
 *   BENCH <name> start
 *   BENCH <name> done <count>
 * on the console; tools/bench.mjs timestamps those lines on the host (the
 * guest has no clock syscall yet), so a phase's time includes one console
 * line's latency, negligible against thousands of iterations.
 */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#define GETPID_CALLS 20000
#define FORKS 200
#define EXECS 100

static void phase_start(const char* name) { printf("BENCH %s start\n", name); }
static void phase_done(const char* name, int count) { printf("BENCH %s done %d\n", name, count); }

/* Waits for one child; returns 1 when it exited with status 0. */
static int reaped_cleanly(pid_t pid)
{
    int status = 0;
    return waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

int main(void)
{
    int ok = 0;

    phase_start("getpid");
    for (int i = 0; i < GETPID_CALLS; i++)
        ok += getpid() > 0;
    phase_done("getpid", ok);

    phase_start("fork-exit-wait");
    ok = 0;
    for (int i = 0; i < FORKS; i++) {
        pid_t pid = fork();
        if (pid == 0)
            _exit(0);
        ok += pid > 0 && reaped_cleanly(pid);
    }
    phase_done("fork-exit-wait", ok);

    phase_start("fork-execve-exit-wait");
    ok = 0;
    for (int i = 0; i < EXECS; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            char* argv[] = { "/bin/true", 0 };
            char* envp[] = { 0 };
            execve("/bin/true", argv, envp);
            _exit(127);
        }
        ok += pid > 0 && reaped_cleanly(pid);
    }
    phase_done("fork-execve-exit-wait", ok);
    return ok == EXECS ? 0 : 1;
}
