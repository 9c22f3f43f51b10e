/*
 * test-fork: fork (syscall 35) with exit (7) and waitpid/waitid (15).
 * fork returns the child's pid to the parent and 0 in the child; the child
 * is a copy (same memory contents and ids, its own pid). 1000 children exist
 * at once (zombies until reaped): each exits with (i % 250) + 1, and every
 * reaped pid and status is checked against what was forked. Only the low 8
 * bits of an exit status survive.
 */
#include "ktest.h"

#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define MANY 1000

static pid_t pids[MANY];
static unsigned char reaped[MANY];

static int status_for(int i)
{
    return (i % 250) + 1;
}

static void test_basic(void)
{
    pid_t parent = getpid();
    int marker = 0x5eed;
    pid_t pid = fork();
    if (pid == 0) {
        /* exit code: low 7 bits of our pid, bit 7 set if the copy is wrong */
        int wrong = getppid() != parent || getpid() == parent || marker != 0x5eed;
        _exit((getpid() & 0x7f) | (wrong ? 0x80 : 0));
    }
    if (pid < 0) {
        kt_fail("returns-pid", "fork: %s", kt_errname(errno));
        return;
    }
    kt_check("returns-pid", pid > 0 && pid != parent, "fork() = %d in the parent (pid %d)", pid, parent);
    kt_expect_child_exit("child-sees-own-pid-and-parent", pid, pid & 0x7f);
}

static void test_exit_status_bits(void)
{
    pid_t pid = kt_fork_exit(0x1234);
    kt_expect_child_exit("exit-status-low-8-bits", pid, 0x34);
    pid = kt_fork_exit(-1);
    kt_expect_child_exit("exit-status-minus-1-is-255", pid, 255);
    pid = kt_fork_exit(0);
    kt_expect_child_exit("exit-status-0", pid, 0);
}

static void test_many(void)
{
    int forked = 0;
    int fork_errno = 0;
    for (int i = 0; i < MANY; i++) {
        pid_t pid = fork();
        if (pid == 0)
            _exit(status_for(i));
        if (pid < 0) {
            fork_errno = errno;
            break;
        }
        pids[i] = pid;
        forked++;
    }
    kt_check("1000-children-forked", forked == MANY, "fork %d failed: %s", forked, kt_errname(fork_errno));

    /* Every child exists until reaped, so the pids are distinct. */
    int duplicates = 0;
    for (int i = 0; i < forked && !duplicates; i++)
        for (int j = i + 1; j < forked; j++)
            if (pids[i] == pids[j]) {
                duplicates++;
                kt_fail("distinct-pids", "children %d and %d both have pid %d", i, j, pids[i]);
                break;
            }
    if (!duplicates)
        kt_pass("distinct-pids");

    memset(reaped, 0, sizeof(reaped));
    int good = 0;
    const char* problem = NULL;
    char detail[120] = "";
    for (int n = 0; n < forked; n++) {
        int status = 0;
        pid_t pid = waitpid(-1, &status, 0);
        if (pid < 0) {
            snprintf(detail, sizeof(detail), "waitpid #%d: %s", n, kt_errname(errno));
            problem = detail;
            break;
        }
        int index = -1;
        for (int i = 0; i < forked; i++)
            if (pids[i] == pid && !reaped[i]) {
                index = i;
                break;
            }
        if (index < 0) {
            if (!problem) {
                snprintf(detail, sizeof(detail), "waitpid returned %d: not an unreaped child", pid);
                problem = detail;
            }
            continue;
        }
        reaped[index] = 1;
        if (!WIFEXITED(status) || WEXITSTATUS(status) != status_for(index)) {
            if (!problem) {
                snprintf(detail, sizeof(detail), "child %d (pid %d): %s, expected exit %d", index, pid,
                    kt_describe_status(status), status_for(index));
                problem = detail;
            }
            continue;
        }
        good++;
    }
    kt_check("1000-children-reaped", !problem && good == MANY, "%d of %d good; %s", good, MANY,
        problem ? problem : "fork failed earlier");

    int status;
    kt_expect_errno("no-children-left-echild", waitpid(-1, &status, 0), ECHILD);
}

static void test_reverse_order(void)
{
    pid_t a = kt_fork_exit(11), b = kt_fork_exit(12), c = kt_fork_exit(13);
    if (a < 0 || b < 0 || c < 0) {
        kt_fail("waitpid-each-in-reverse", "fork: %s", kt_errname(errno));
        return;
    }
    int ok = 1;
    pid_t order[3] = { c, b, a };
    int expected[3] = { 13, 12, 11 };
    for (int i = 0; i < 3; i++) {
        int status = 0;
        pid_t got = waitpid(order[i], &status, 0);
        if (got != order[i] || !WIFEXITED(status) || WEXITSTATUS(status) != expected[i]) {
            kt_fail("waitpid-each-in-reverse", "waitpid(%d) = %d, %s, expected exit %d", order[i], got,
                kt_describe_status(status), expected[i]);
            ok = 0;
            break;
        }
    }
    if (ok)
        kt_pass("waitpid-each-in-reverse");
}

static void test_grandchild(void)
{
    pid_t child = fork();
    if (child == 0) {
        pid_t me = getpid();
        pid_t grandchild = fork();
        if (grandchild == 0)
            _exit(getppid() == me ? 7 : 8);
        if (grandchild < 0)
            _exit(1);
        int status = 0;
        if (waitpid(grandchild, &status, 0) != grandchild)
            _exit(2);
        if (!WIFEXITED(status))
            _exit(3);
        _exit(WEXITSTATUS(status) == 7 ? 0 : 4);
    }
    kt_expect_child_exit("grandchild", child, 0);
}

/* Locals, including ones the compiler keeps in callee-saved registers, survive fork in both. */
static void test_locals(void)
{
    volatile uint32_t values[8];
    for (int i = 0; i < 8; i++)
        values[i] = 0x1000 * i + 0x77;
    uint32_t sum_before = 0;
    for (int i = 0; i < 8; i++)
        sum_before += values[i];
    pid_t pid = fork();
    uint32_t sum_after = 0;
    for (int i = 0; i < 8; i++)
        sum_after += values[i];
    if (pid == 0)
        _exit(sum_after == sum_before ? 0 : 1);
    kt_check("parent-locals-intact", sum_after == sum_before, "sum %u, was %u", sum_after, sum_before);
    kt_expect_child_exit("child-locals-copied", pid, 0);
}

enum { SPREAD_TABLES = 64, STEP_PAGES = 16, MAX_STEPS = 256, FOUR_MIB = 4 << 20, SPREAD_BASE = 0x40000000 };

/* Commits (maps, untouched) the most private anonymous memory the kernel grants; its page count via pages. */
static char* eat_commitments(long* pages)
{
    long low = 0, high = kt_mem_free_kib() / 4;
    while (low < high) {
        long mid = (low + high + 1) / 2;
        void* p = mmap(NULL, mid * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) {
            high = mid - 1;
        } else {
            munmap(p, mid * 4096);
            low = mid;
        }
    }
    *pages = low;
    return low > 0 ? mmap(NULL, low * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) : MAP_FAILED;
}

/*
 * A process that takes every commitment the kernel grants, answers 'y' on
 * answer, then gives back STEP_PAGES for each byte read from request
 * (answering again) until request reaches EOF.
 */
static void hold_commitments(int request, int answer)
{
    long pages = 0;
    char* eaten = eat_commitments(&pages);
    char byte = eaten == MAP_FAILED ? 'n' : 'y';
    write(answer, &byte, 1);
    while (read(request, &byte, 1) == 1) {
        if (pages >= STEP_PAGES) {
            pages -= STEP_PAGES;
            munmap(eaten + pages * 4096, STEP_PAGES * 4096);
        }
        write(answer, &byte, 1);
    }
    _exit(0);
}

/*
 * In a child: gives itself SPREAD_TABLES page tables, has a holder take
 * every commitment the kernel grants, then forks, the holder giving back
 * STEP_PAGES more each time, until a fork succeeds: forks fail at every
 * point of copying the address space. Returns 0, or a step number when
 * something other than a clean ENOMEM/EAGAIN happened or no fork succeeded.
 */
static int fork_at_every_shortage(void* unused)
{
    (void)unused;
    for (int i = 0; i < SPREAD_TABLES; i++) {
        char* page = mmap((void*)(SPREAD_BASE + i * FOUR_MIB), 4096, PROT_READ | PROT_WRITE,
            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (page == MAP_FAILED)
            return 1;
        page[0] = 1;
    }
    int request[2], answer[2];
    if (pipe(request) < 0 || pipe(answer) < 0)
        return 2;
    pid_t holder = fork();
    if (holder == 0) {
        close(request[1]);
        close(answer[0]);
        hold_commitments(request[0], answer[1]);
    }
    close(request[0]);
    close(answer[1]);
    char byte = 'n';
    if (holder < 0 || read(answer[0], &byte, 1) != 1 || byte != 'y')
        return 2;
    int result = 5;
    for (int step = 0; step < MAX_STEPS && result == 5; step++) {
        pid_t pid = fork();
        if (pid == 0)
            _exit(0);
        int status = 0;
        if (pid > 0)
            result = waitpid(pid, &status, 0) == pid && status == 0 ? 0 : 3;
        else if (errno != ENOMEM && errno != EAGAIN)
            result = 4;
        else if (write(request[1], "r", 1) != 1 || read(answer[0], &byte, 1) != 1)
            result = 6;
    }
    close(request[1]);
    close(answer[0]);
    waitpid(holder, NULL, 0);
    return result;
}

static void test_fork_without_memory(void)
{
    kt_mem_free_kib();
    long free_before = kt_mem_free_kib();
    int result = kt_run_in_child(fork_at_every_shortage, NULL);
    long free_after = kt_mem_free_kib();
    kt_check("failed-forks-give-back-their-memory", result == 0 && free_after == free_before,
        "child result %d (%s), MemFree %ld kB before, %ld kB after", result, kt_describe_status(kt_child_status),
        free_before, free_after);
}

int main(void)
{
    kt_begin("test-fork");
    test_fork_without_memory();
    test_basic();
    test_exit_status_bits();
    test_locals();
    test_reverse_order();
    test_grandchild();
    test_many();
    return kt_finish();
}
