/*
 * test-cow: after fork, parent and child share every page copy-on-write
 * (syscall 35: "Every region is cloned (CoW)"). Each side must see
 * its own writes only: the child checks what it sees and reports through its
 * exit status; the parent checks its own values after the child has exited.
 * Covered: an initialised .data page, .bss pages (touched and never touched
 * before fork), the stack, a 16-page buffer, three processes sharing a page,
 * and writes after the sharer has exited.
 */
#include "ktest.h"

#include <sched.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#define WORDS_PER_PAGE 1024

/* Initialised: lives in .data. */
static volatile uint32_t data_page[WORDS_PER_PAGE] __attribute__((aligned(4096))) = { 1, 2, 3 };
/* .bss: one page the parent touches before fork, one it never touches. */
static volatile uint32_t bss_touched[WORDS_PER_PAGE] __attribute__((aligned(4096)));
static volatile uint32_t bss_untouched[WORDS_PER_PAGE] __attribute__((aligned(4096)));
/* 16 pages, filled before fork. */
static volatile uint32_t big[16 * WORDS_PER_PAGE] __attribute__((aligned(4096))) = { 1 };

static void fill(volatile uint32_t* words, size_t count, uint32_t value)
{
    for (size_t i = 0; i < count; i++)
        words[i] = value + i;
}

/* Index of the first word that is not value + i, or -1. */
static long first_mismatch(volatile uint32_t* words, size_t count, uint32_t value)
{
    for (size_t i = 0; i < count; i++)
        if (words[i] != value + i)
            return (long)i;
    return -1;
}

static void yield_a_little(void)
{
    for (int i = 0; i < 20; i++)
        sched_yield();
}

/*
 * The common pattern: words hold parent_before when fork happens. The child
 * checks it inherited them (exit 1 if not), writes child_value, yields, and
 * checks its values stayed (exit 2). The parent writes parent_after right
 * after fork, waits, and checks it still sees parent_after.
 */
static void shared_page_case(const char* name, volatile uint32_t* words, size_t count, uint32_t parent_before)
{
    const uint32_t child_value = 0xc0de0000, parent_after = 0xfa700000;
    pid_t pid = fork();
    if (pid == 0) {
        if (first_mismatch(words, count, parent_before) >= 0)
            _exit(1);
        fill(words, count, child_value);
        yield_a_little();
        _exit(first_mismatch(words, count, child_value) >= 0 ? 2 : 0);
    }
    if (pid < 0) {
        kt_fail(name, "fork: %s", kt_errname(errno));
        return;
    }
    fill(words, count, parent_after);
    int status = 0;
    pid_t got = waitpid(pid, &status, 0);
    long bad = first_mismatch(words, count, parent_after);
    if (got != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        kt_fail(name, "child %s (1: did not inherit, 2: saw the parent's writes)", kt_describe_status(status));
    else
        kt_check(name, bad < 0, "parent word %ld is 0x%x, expected 0x%x", bad, bad < 0 ? 0 : words[bad],
            parent_after + (uint32_t)bad);
}

static void test_data(void)
{
    fill(data_page, WORDS_PER_PAGE, 0x1000);
    shared_page_case("data-page", data_page, WORDS_PER_PAGE, 0x1000);
}

static void test_bss(void)
{
    fill(bss_touched, WORDS_PER_PAGE, 0x2000);
    shared_page_case("bss-page", bss_touched, WORDS_PER_PAGE, 0x2000);

    /* Never touched before fork: both must see zeros first, then their own writes. */
    pid_t pid = fork();
    if (pid == 0) {
        for (int i = 0; i < WORDS_PER_PAGE; i++)
            if (bss_untouched[i] != 0)
                _exit(1);
        fill(bss_untouched, WORDS_PER_PAGE, 0x3000);
        yield_a_little();
        _exit(first_mismatch(bss_untouched, WORDS_PER_PAGE, 0x3000) >= 0 ? 2 : 0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    int zeros = 1;
    for (int i = 0; i < WORDS_PER_PAGE; i++)
        if (bss_untouched[i] != 0)
            zeros = 0;
    kt_check("bss-page-untouched-before-fork", pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0 && zeros,
        "child %s, parent sees zeros: %d", kt_describe_status(status), zeros);
}

static void test_stack(void)
{
    volatile uint32_t local[2 * WORDS_PER_PAGE];
    fill(local, 2 * WORDS_PER_PAGE, 0x4000);
    shared_page_case("stack-pages", local, 2 * WORDS_PER_PAGE, 0x4000);
}

static void test_big(void)
{
    fill(big, 16 * WORDS_PER_PAGE, 0x5000);
    shared_page_case("16-pages", big, 16 * WORDS_PER_PAGE, 0x5000);
}

/* Parent writes before the child runs at all (no yield between fork and the write). */
static void test_parent_first(void)
{
    data_page[7] = 0x77;
    pid_t pid = fork();
    if (pid == 0)
        _exit(data_page[7] == 0x77 ? 0 : 1);
    data_page[7] = 0x88;
    kt_expect_child_exit("child-sees-pre-fork-value", pid, 0);
    kt_check("parent-keeps-its-write", data_page[7] == 0x88, "data_page[7] = 0x%x", data_page[7]);
}

/* Parent, child and grandchild share a page, each writes its own marker. */
static void test_three_way(void)
{
    data_page[100] = 1;
    pid_t child = fork();
    if (child == 0) {
        pid_t grandchild = fork();
        if (grandchild == 0) {
            int inherited = data_page[100] == 1;
            data_page[100] = 3;
            yield_a_little();
            _exit(inherited && data_page[100] == 3 ? 0 : 1);
        }
        data_page[100] = 2;
        int status = 0;
        if (grandchild < 0 || waitpid(grandchild, &status, 0) != grandchild)
            _exit(10);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            _exit(11);
        _exit(data_page[100] == 2 ? 0 : 12);
    }
    kt_expect_child_exit("three-processes-one-page", child, 0);
    kt_check("three-processes-parent-value", data_page[100] == 1, "data_page[100] = %u", data_page[100]);
}

/* After the child that shared the page has exited, the parent's writes still work. */
static void test_after_exit(void)
{
    fill(data_page, WORDS_PER_PAGE, 0x6000);
    pid_t pid = kt_fork_exit(0);
    int status;
    waitpid(pid, &status, 0);
    fill(data_page, WORDS_PER_PAGE, 0x7000);
    long bad = first_mismatch(data_page, WORDS_PER_PAGE, 0x7000);
    kt_check("write-after-sharer-exited", pid > 0 && bad < 0, "word %ld wrong", bad);
}

int main(void)
{
    kt_begin("test-cow");
    test_data();
    test_bss();
    test_stack();
    test_big();
    test_parent_first();
    test_three_way();
    test_after_exit();
    return kt_finish();
}
