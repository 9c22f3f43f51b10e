/*
 * test-fuzz: bad input thrown at every syscall, after the reference's
 * fuzz-syscalls. The kernel must survive all of it:
 * no panic, no hang, and the suite's leak check still clean at the end.
 *
 * 1. Every syscall but the deadly ones (exit, fork, sigreturn,
 *    exit_thread) is called with three kernel addresses; syscall numbers
 *    __Count and -1 must be ENOSYS.
 * 2. Random calls, CALLS of them (100,000 by default) from a fixed SEED
 *    (1 by default; `test-fuzz SEED[:CALLS]`, as `make fuzz SEED=n
 *    CALLS=n` runs it): each argument is one of the reference's
 *    "interesting values" (0, 1, a read-only string and its length, a page
 *    of such values posing as a parameter struct, kernel and ceiling
 *    addresses), the page refilled before each call. Children make the
 *    calls, counting them in a shared page; one that a call killed is
 *    followed by the next (seeded SEED * 7919 + its index) until CALLS
 *    calls were made.
 * Both run in children that dropped root (uid 1000) in a scratch
 * directory, with /dev/null as fds 0-2, so nothing they do can block on
 * the console or change the machine for later tests; a child may be
 * killed by a signal (e.g. after mprotect-ing its own code), the kernel
 * may not fail. Calls that sleep for an argument-chosen time (select,
 * poll, clock_nanosleep, futex: a FUTEX_WAIT nobody wakes) or make files a read could wait on forever
 * (pipe, mknod, create_inode_watcher) are left to the first pass, whose
 * pointers are all bad, and so are dbgputch/dbgputstr (the debug console
 * would fill the test log with the page's bytes).
 */
#include "ktest-fs.h"

#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <syscall.h>

#define DEFAULT_SEED 1u
#define DEFAULT_CALLS 100000u
#define MAX_RANDOM_CHILDREN 100000u
#define PARAM_WORDS 10
#define COUNTER_HINT 0x70000000u

static const char hello[] = "Hello, world!";
static uintptr_t* params;

/* Calls whose success would end or replace the fuzzing process itself. */
static int deadly(int n)
{
    return n == SC_exit || n == SC_fork || n == SC_sigreturn || n == SC_exit_thread;
}

/*
 * Calls the random pass leaves out: deadly ones, the reference's
 * unfuzzable ones, timed sleeps, and the makers of files a later random
 * read would wait on forever because the same process holds their other
 * end (pipes, FIFOs, inode watchers).
 */
static int skipped_at_random(int n)
{
    return deadly(n) || n == SC_dump_backtrace || n == SC_munmap || n == SC_kill || n == SC_killpg
        || n == SC_select || n == SC_poll || n == SC_clock_nanosleep || n == SC_futex || n == SC_execve
        || n == SC_pipe || n == SC_mknod || n == SC_create_inode_watcher || n == SC_dbgputch || n == SC_dbgputstr;
}

/* Prepares a fuzzing child: /dev/null as fds 0-2, uid/gid 1000. Exits the child if that fails. */
static void become_fuzzer(void)
{
    int null = open("/dev/null", O_RDWR);
    if (null < 0 || dup2(null, 0) < 0 || dup2(null, 1) < 0 || dup2(null, 2) < 0)
        _exit(100);
    if (null > 2)
        close(null);
    if (setgid(1000) < 0 || setuid(1000) < 0)
        _exit(101);
}

/* Waits for pid; true when it exited (any status) or was killed by a signal, i.e. it did not hang. */
static int ended(pid_t pid, int* status)
{
    return waitpid(pid, status, 0) == pid && (WIFEXITED(*status) || WIFSIGNALED(*status));
}

static void test_kernel_pointers(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        become_fuzzer();
        for (int n = 0; n < SC__Count; n++) {
            if (!deadly(n))
                syscall3(n, 0xc0000001u, 0xc0000002u, 0xc0000003u);
        }
        int enosys = (int)syscall3(SC__Count, 0, 0, 0) == -ENOSYS && (int)syscall3((uintptr_t)-1, 0, 0, 0) == -ENOSYS;
        _exit(enosys ? 0 : 1);
    }
    int status = 0;
    kt_check("every-syscall-with-kernel-pointers-survived", ended(pid, &status), "%s", kt_describe_status(status));
    kt_check("count-and-minus-1-are-enosys", WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s", kt_describe_status(status));
}

static const uintptr_t interesting[] = {
    0, 1, (uintptr_t)hello, sizeof(hello) - 1, 0 /* params, set at run time */, 0xc0000000u, 0xc0000000u - 4096, 0xffffffffu,
};
#define INTERESTING (sizeof(interesting) / sizeof(interesting[0]))

static uintptr_t pick(void)
{
    uintptr_t value = interesting[(unsigned)rand() % INTERESTING];
    return value == 0 && rand() % 2 ? (uintptr_t)params : value;
}

/* One random child seeded by seed: calls until *made reaches calls (counting each in *made). */
static int fuzz_randomly(unsigned seed, volatile uint32_t* made, uint32_t calls)
{
    srand(seed);
    while (*made < calls) {
        int n = rand() % SC__Count;
        if (skipped_at_random(n))
            continue;
        for (int w = 0; w < PARAM_WORDS; w++)
            params[w] = pick();
        (*made)++;
        syscall3(n, pick(), pick(), pick());
    }
    return 0;
}

static void test_random_calls(unsigned seed, uint32_t calls)
{
    params = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    /* Far from params: a random call may write a long buffer from params on until it reaches a hole. */
    volatile uint32_t* made = mmap((void*)COUNTER_HINT, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (params == MAP_FAILED || made == MAP_FAILED) {
        kt_fail("random-calls-children-ended", "mmap: %s", kt_errname(errno));
        return;
    }
    unsigned children = 0, survived = 0, killed = 0;
    while (*made < calls && children < MAX_RANDOM_CHILDREN) {
        pid_t pid = fork();
        if (pid == 0) {
            become_fuzzer();
            _exit(fuzz_randomly(seed * 7919u + children, made, calls));
        }
        int status = 0;
        children++;
        if (pid > 0 && ended(pid, &status))
            survived++;
        else
            break;
        killed += WIFSIGNALED(status);
    }
    kt_check("random-calls-children-ended", survived == children, "%u of %u", survived, children);
    kt_check("random-calls-all-made", *made >= calls, "%u of %u calls", *made, calls);
    printf("test-fuzz: seed %u: %u random calls by %u children (%u killed by a signal)\n", seed, *made, children, killed);
    kt_check("kernel-still-answers", getpid() > 0 && access("/bin/true", X_OK) == 0, "%s", kt_errname(errno));
    munmap((void*)made, 4096);
    munmap(params, 4096);
}

int main(int argc, char** argv)
{
    unsigned long seed = DEFAULT_SEED, calls = DEFAULT_CALLS;
    if (argc >= 2) {
        char* end;
        seed = strtoul(argv[1], &end, 10);
        if (*end == ':')
            calls = strtoul(end + 1, &end, 10);
        if (*end != '\0' || calls == 0 || calls > UINT32_MAX) {
            fprintf(stderr, "usage: test-fuzz [SEED[:CALLS]]\n");
            return 2;
        }
    }
    if (kt_fs_begin("test-fuzz") < 0)
        return kt_finish();
    chmod(kt_scratch_path, 0777);
    chdir(kt_scratch_path);
    test_kernel_pointers();
    test_random_calls((unsigned)seed, (uint32_t)calls);
    chdir("/");
    return kt_fs_finish();
}
