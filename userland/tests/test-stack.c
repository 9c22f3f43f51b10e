/*
 * test-stack: the user stack's guard gap and the stack checks of the page
 * fault path.
 *
 * guard gap: no mapping is placed (from a hint or by search) in the
 * STACK_GUARD bytes below the main stack or below a MAP_STACK mapping,
 * and a MAP_STACK mapping placed by search keeps the gap free below it
 * itself; only MAP_FIXED may map there. A child that recurses without end
 * dies of a signal at the gap (SIGSEGV, or SIGSTKFLT when a frame moved
 * esp into the gap before touching it) instead of writing into a mapping.
 *
 * page fault with esp outside a stack: as the reference's crash -t, a child
 * points esp at an ordinary RW anonymous page and pushes: the fault kills
 * it with SIGSTKFLT (before, the push was demand-paged in and the child
 * went on: it restores esp and exits 77).
 */
#include "ktest.h"

#include <serenity.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <syscall.h>
#include <unistd.h>

#define PAGE 4096u
#define STACK_GUARD (64u * 1024)

/* True when [address, address + size) overlaps the guard gap below a stack starting at base. */
static int in_guard(uintptr_t address, size_t size, uintptr_t base)
{
    return address < base && address + size > base - STACK_GUARD;
}

static void test_guard_placement(void)
{
    uintptr_t base = 0;
    size_t size = 0;
    if (get_stack_bounds(&base, &size) < 0) {
        kt_fail("hint-below-main-stack-moved", "get_stack_bounds: %s", kt_errname(errno));
        return;
    }
    void* below = mmap((void*)(base - PAGE), PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    kt_check("hint-below-main-stack-moved", below != MAP_FAILED && !in_guard((uintptr_t)below, PAGE, base),
        "mapped at %p, stack base %p", below, (void*)base);
    munmap(below, PAGE);

    char* stack = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    char* other = mmap(stack - PAGE, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    kt_check("hint-below-thread-stack-moved", stack != MAP_FAILED && other != MAP_FAILED &&
        !in_guard((uintptr_t)other, PAGE, (uintptr_t)stack), "stack at %p, the other mapping at %p", stack, other);
    char* second = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    int clear = second != MAP_FAILED;
    if (clear) {
        /* Nothing may lie in the gap below the new stack, and a hint into it is moved. */
        void* probe = mmap(second - PAGE, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        clear = probe != second - PAGE && !in_guard((uintptr_t)other, PAGE, (uintptr_t)second) &&
            !in_guard((uintptr_t)stack, 4 * PAGE, (uintptr_t)second);
        munmap(probe, PAGE);
    }
    kt_check("thread-stack-keeps-its-gap", clear, "first stack %p, second %p, other %p", stack, second, other);
    char* fixed = mmap(stack - PAGE, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    kt_check("map-fixed-may-use-the-gap", fixed == stack - PAGE, "MAP_FIXED gave %p for %p", fixed, stack - PAGE);
    munmap(fixed, PAGE);
    munmap(second, 4 * PAGE);
    munmap(other, PAGE);
    munmap(stack, 4 * PAGE);
}

static int recurse(int depth)
{
    volatile char frame[64];
    frame[0] = (char)depth;
    if (depth < 0) /* never: the stack ends first */
        return 0;
    return recurse(depth + 1) + frame[0];
}

static void test_overflow_dies_at_the_gap(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        recurse(0);
        _exit(0);
    }
    int status = 0;
    int signalled = pid > 0 && waitpid(pid, &status, 0) == pid && WIFSIGNALED(status) &&
        (WTERMSIG(status) == SIGSEGV || WTERMSIG(status) == SIGSTKFLT);
    kt_check("overflow-dies-at-the-gap", signalled, "child %s", kt_describe_status(status));
}

/* Points esp at top, pushes a word, then puts esp back and exits 77. */
static void push_on(uintptr_t top)
{
    __asm__ volatile(
        "mov %%esp, %%ebx\n\t"
        "mov %0, %%esp\n\t"
        "push $1\n\t"
        "mov %%ebx, %%esp\n\t"
        : : "r"(top) : "ebx", "memory");
    _exit(77);
}

static void test_fault_with_esp_outside_stack(void)
{
    char* page = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED) {
        kt_fail("page-fault-esp-outside-stack-sigstkflt", "mmap: %s", kt_errname(errno));
        return;
    }
    pid_t pid = fork();
    if (pid == 0)
        push_on((uintptr_t)page + PAGE);
    int status = 0;
    kt_check("page-fault-esp-outside-stack-sigstkflt", pid > 0 && waitpid(pid, &status, 0) == pid && WIFSIGNALED(status) &&
        WTERMSIG(status) == SIGSTKFLT, "child %s", kt_describe_status(status));
    munmap(page, PAGE);
}

int main(void)
{
    kt_begin("test-stack");
    test_guard_placement();
    test_overflow_dies_at_the_gap();
    test_fault_with_esp_outside_stack();
    return kt_finish();
}
