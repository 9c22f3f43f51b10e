/*
 * /bin/bench: the syscall benchmarks of `make bench`. Each phase prints
 *   BENCH <name> start
 *   BENCH <name> done <count>
 * on the console; tools/bench.mjs timestamps those lines on the host (the
 * guest has no clock syscall yet), so a phase's time includes one console
 * line's latency, negligible against thousands of iterations.
 */
#include <stdint.h>
#include <stdio.h>
#include <sys/wait.h>
#include <syscall.h>
#include <unistd.h>

#define GETPID_CALLS 20000
#define FORKS 200
#define EXECS 100
#define MMAPS 50
#define MIB (1024u * 1024u)
#define PAGE 4096u

/* SC_mmap_params (syscalls.md): anonymous private read-write memory. */
static uintptr_t map_anonymous(uint32_t size)
{
    struct { uint32_t addr, size, alignment; int32_t prot, flags, fd; uint32_t offset[2]; const char* name; uint32_t name_length; } params
        = { 0, size, PAGE, 3, 0x02 | 0x20, -1, { 0, 0 }, 0, 0 };
    return syscall1(SC_mmap, (uintptr_t)&params);
}

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
    int execs_ok = ok == EXECS;

    phase_start("mmap-touch-munmap-1MiB");
    ok = 0;
    for (int i = 0; i < MMAPS; i++) {
        uintptr_t region = map_anonymous(MIB);
        if ((intptr_t)region <= 0)
            continue;
        for (uint32_t offset = 0; offset < MIB; offset += PAGE)
            ((volatile char*)region)[offset] = 1;
        ok += syscall2(SC_munmap, region, MIB) == 0;
    }
    phase_done("mmap-touch-munmap-1MiB", ok);
    return execs_ok && ok == MMAPS ? 0 : 1;
}
