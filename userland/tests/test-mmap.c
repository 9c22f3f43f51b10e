/*
 * test-mmap: the memory syscalls from user mode, through the raw ABI
 * (SC_mmap_params as in docs/abi.md): mmap [16], munmap [17], mprotect
 * [106], madvise [122], mremap [143], set_mmap_name [25], msyscall [146],
 * get_stack_bounds [133], purge [123]. Each error of their spec rows that
 * applies to anonymous memory, W^X, MAP_FIXED over a mapping, munmap
 * splitting a region, PROT_NONE keeping data, MAP_SHARED across fork, and
 * faults that kill only the faulting child.
 */
#include "ktest.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <syscall.h>
#include <unistd.h>

#define PAGE 4096u
#define PROT_NONE 0
#define PROT_READ 1
#define PROT_WRITE 2
#define PROT_EXEC 4
#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_STACK 0x40
#define MAP_RANDOMIZED 0x100
#define MADV_SET_VOLATILE 0x100
#define MADV_GET_VOLATILE 0x400

/* SC_mmap_params on i686: 40 bytes, the i64 offset 4-byte aligned. */
struct mmap_params {
    uint32_t addr, size, alignment;
    int32_t prot, flags, fd;
    uint32_t offset_low, offset_high;
    const char* name;
    uint32_t name_length;
} __attribute__((packed));

_Static_assert(sizeof(struct mmap_params) == 40, "SC_mmap_params is 40 bytes on i686");

static uintptr_t raw_mmap(uintptr_t addr, uint32_t size, int prot, int flags, const char* name, uint32_t name_length)
{
    struct mmap_params p = { addr, size, PAGE, prot, flags, -1, 0, 0, name, name_length };
    return syscall1(SC_mmap, (uintptr_t)&p);
}

static uintptr_t anon(uintptr_t addr, uint32_t size, int prot, int flags)
{
    return raw_mmap(addr, size, prot, flags | MAP_ANONYMOUS, 0, 0);
}

static int failed_with(uintptr_t rc, int error) { return (intptr_t)rc == -error; }

/* Runs body in a child; PASS if the child dies by signal (and the parent lives on to report it). */
static void expect_child_killed(const char* name, void (*body)(uintptr_t), uintptr_t arg, int signal)
{
    pid_t pid = fork();
    if (pid == 0) {
        body(arg);
        _exit(0);
    }
    int status = 0;
    int reaped = waitpid(pid, &status, 0) == pid;
    kt_check(name, reaped && WIFSIGNALED(status) && WTERMSIG(status) == signal, "child: %s", kt_describe_status(status));
}

static void write_byte(uintptr_t address) { *(volatile char*)address = 1; }
static void read_byte(uintptr_t address) { (void)*(volatile char*)address; }

static void test_map_and_touch(void)
{
    uintptr_t a = anon(0, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);
    int ok = (intptr_t)a > 0 && a % PAGE == 0;
    if (ok) {
        memset((void*)a, 0x5a, 3 * PAGE);
        ok = ((unsigned char*)a)[3 * PAGE - 1] == 0x5a && ((unsigned char*)a)[0] == 0x5a;
    }
    kt_check("anonymous-private-rw", ok, "mmap returned %p", (void*)a);
    uintptr_t b = anon(0, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);
    kt_check("fresh-pages-are-zero", (intptr_t)b > 0 && *(volatile uint32_t*)b == 0 && b != a, "%p", (void*)b);
    kt_check("munmap", syscall2(SC_munmap, a, 3 * PAGE) == 0 && syscall2(SC_munmap, b, PAGE) == 0, "munmap failed");
}

static void test_mmap_errors(void)
{
    kt_check("mmap-efault-params", failed_with(syscall1(SC_mmap, 0xc0000000u), EFAULT), "%s", "unexpected result");
    struct mmap_params p = { 0, PAGE, 100, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0, 0, 0, 0 };
    kt_check("mmap-einval-alignment", failed_with(syscall1(SC_mmap, (uintptr_t)&p), EINVAL), "%s", "unexpected result");
    kt_check("mmap-einval-size-wraps", failed_with(anon(0, 0xfffff001u, PROT_READ, MAP_PRIVATE), EINVAL), "%s", "unexpected result");
    kt_check("mmap-efault-kernel-range", failed_with(anon(0xc0000000u, PAGE, PROT_READ, MAP_PRIVATE | MAP_FIXED), EFAULT), "%s", "unexpected result");
    kt_check("mmap-efault-last-page-below-ceiling", failed_with(anon(0xbe000000u - PAGE, PAGE, PROT_READ, MAP_PRIVATE | MAP_FIXED), EFAULT), "%s", "unexpected result");
    static char long_name[4100];
    memset(long_name, 'x', sizeof(long_name));
    kt_check("mmap-enametoolong", failed_with(raw_mmap(0, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, long_name, 4097), ENAMETOOLONG), "%s", "unexpected result");
    kt_check("mmap-efault-name", failed_with(raw_mmap(0, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, (const char*)0xc0000000u, 8), EFAULT), "%s", "unexpected result");
    kt_check("mmap-einval-size-0", failed_with(anon(0, 0, PROT_READ, MAP_PRIVATE), EINVAL), "%s", "unexpected result");
    kt_check("mmap-einval-unaligned-addr", failed_with(anon(0x30000010u, PAGE, PROT_READ, MAP_PRIVATE | MAP_FIXED), EINVAL), "%s", "unexpected result");
    kt_check("mmap-einval-shared-and-private", failed_with(anon(0, PAGE, PROT_READ, MAP_PRIVATE | MAP_SHARED), EINVAL), "%s", "unexpected result");
    kt_check("mmap-einval-neither-shared-nor-private", failed_with(anon(0, PAGE, PROT_READ, 0), EINVAL), "%s", "unexpected result");
    kt_check("mmap-einval-fixed-randomized", failed_with(anon(0x30000000u, PAGE, PROT_READ, MAP_PRIVATE | MAP_FIXED | MAP_RANDOMIZED), EINVAL), "%s", "unexpected result");
    kt_check("mmap-einval-write-and-exec", failed_with(anon(0, PAGE, PROT_WRITE | PROT_EXEC, MAP_PRIVATE), EINVAL), "%s", "unexpected result");
    kt_check("mmap-einval-anonymous-exec", failed_with(anon(0, PAGE, PROT_READ | PROT_EXEC, MAP_PRIVATE), EINVAL), "%s", "unexpected result");
    kt_check("mmap-einval-stack-not-rw", failed_with(anon(0, PAGE, PROT_READ, MAP_PRIVATE | MAP_STACK), EINVAL), "%s", "unexpected result");
    kt_check("mmap-einval-stack-shared", failed_with(anon(0, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_STACK), EINVAL), "%s", "unexpected result");
    kt_check("mmap-ebadf-file-mapping", failed_with(raw_mmap(0, PAGE, PROT_READ, MAP_PRIVATE, 0, 0), EBADF), "%s", "unexpected result");
    kt_check("mmap-enomem-no-room", failed_with(anon(0, 0xa0000000u, PROT_READ, MAP_PRIVATE), ENOMEM), "%s", "unexpected result");
    uintptr_t stack = anon(0, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_STACK);
    kt_check("mmap-stack", (intptr_t)stack > 0, "%s", kt_errname(-(int)stack));
    syscall2(SC_munmap, stack, 4 * PAGE);
}

static void test_fixed_and_split(void)
{
    uintptr_t a = anon(0, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);
    memset((void*)a, 7, 4 * PAGE);
    uintptr_t b = anon(a + PAGE, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED);
    kt_check("map-fixed-over-mapping", b == a + PAGE && *(volatile char*)b == 0 && ((char*)a)[0] == 7 && ((char*)a)[2 * PAGE] == 7,
        "got %p for %p", (void*)b, (void*)(a + PAGE));
    kt_check("munmap-middle-splits", syscall2(SC_munmap, a + PAGE, 2 * PAGE) == 0, "%s", "unexpected result");
    kt_check("split-ends-intact", ((char*)a)[0] == 7 && ((char*)a)[3 * PAGE] == 7, "%s", "unexpected result");
    expect_child_killed("touch-unmapped-middle-kills-child", read_byte, a + 2 * PAGE, SIGSEGV);
    kt_check("munmap-hole-is-fine", syscall2(SC_munmap, a, 4 * PAGE) == 0, "%s", "unexpected result");
    kt_check("munmap-einval-size-0", failed_with(syscall2(SC_munmap, a, 0), EINVAL), "%s", "unexpected result");
    kt_check("munmap-einval-wrap", failed_with(syscall2(SC_munmap, 0xfffff000u, 0x2000), EINVAL), "%s", "unexpected result");
    kt_check("munmap-efault-kernel", failed_with(syscall2(SC_munmap, 0xc0000000u, PAGE), EFAULT), "%s", "unexpected result");
    kt_check("munmap-eperm-program-text", failed_with(syscall2(SC_munmap, (uintptr_t)&test_fixed_and_split & ~(PAGE - 1), PAGE), EPERM), "%s", "unexpected result");
}

static void test_mprotect(void)
{
    uintptr_t a = anon(0, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);
    ((char*)a)[0] = 42;
    kt_check("mprotect-read-only", syscall3(SC_mprotect, a, PAGE, PROT_READ) == 0 && ((char*)a)[0] == 42, "%s", "unexpected result");
    expect_child_killed("write-to-read-only-kills-only-child", write_byte, a, SIGSEGV);
    ((char*)a)[PAGE] = 1; /* the other half stayed writable */
    kt_check("mprotect-none-keeps-data", syscall3(SC_mprotect, a, PAGE, PROT_NONE) == 0, "%s", "unexpected result");
    expect_child_killed("read-prot-none-kills-child", read_byte, a, SIGSEGV);
    kt_check("mprotect-back-to-rw", syscall3(SC_mprotect, a, PAGE, PROT_READ | PROT_WRITE) == 0 && ((char*)a)[0] == 42, "%s", "unexpected result");
    kt_check("mprotect-same-is-ok", syscall3(SC_mprotect, a, 2 * PAGE, PROT_READ | PROT_WRITE) == 0, "%s", "unexpected result");
    kt_check("mprotect-einval-empty", failed_with(syscall3(SC_mprotect, a, 0, PROT_READ), EINVAL), "%s", "unexpected result");
    kt_check("mprotect-efault-kernel", failed_with(syscall3(SC_mprotect, 0xc0000000u, PAGE, PROT_READ), EFAULT), "%s", "unexpected result");
    kt_check("mprotect-einval-write-exec", failed_with(syscall3(SC_mprotect, a, PAGE, PROT_WRITE | PROT_EXEC), EINVAL), "%s", "unexpected result");
    kt_check("mprotect-einval-exec-anonymous", failed_with(syscall3(SC_mprotect, a, PAGE, PROT_READ | PROT_EXEC), EINVAL), "%s", "unexpected result");
    kt_check("mprotect-eperm-program-text", failed_with(syscall3(SC_mprotect, (uintptr_t)&test_mprotect & ~(PAGE - 1), PAGE, PROT_READ), EPERM), "%s", "unexpected result");
    syscall2(SC_munmap, a + PAGE, PAGE);
    kt_check("mprotect-enomem-gap", failed_with(syscall3(SC_mprotect, a, 2 * PAGE, PROT_READ), ENOMEM), "%s", "unexpected result");
    kt_check("mprotect-einval-no-region", failed_with(syscall3(SC_mprotect, a + PAGE, PAGE, PROT_READ), EINVAL), "%s", "unexpected result");
    syscall2(SC_munmap, a, PAGE);
}

static void test_shared_across_fork(void)
{
    volatile uint32_t* shared = (volatile uint32_t*)anon(0, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED);
    volatile uint32_t* private_page = (volatile uint32_t*)anon(0, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);
    *shared = 1;
    *private_page = 1;
    pid_t pid = fork();
    if (pid == 0) {
        *shared = 2;
        *private_page = 2;
        _exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
    kt_check("map-shared-seen-across-fork", *shared == 2, "parent sees %u", *shared);
    kt_check("map-private-copied-on-write", *private_page == 1, "parent sees %u", *private_page);
    syscall2(SC_munmap, (uintptr_t)shared, PAGE);
    syscall2(SC_munmap, (uintptr_t)private_page, PAGE);
}

/*
 * A MAP_SHARED anonymous mapping is shared from mmap on: pages nobody
 * touched before fork are the same memory in parent and child, whichever
 * side writes first. The child writes page 0, then waits for the parent
 * to write page 1 and reports what it reads there (its exit status).
 */
static void test_shared_untouched_across_fork(void)
{
    uintptr_t address = anon(0, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED);
    volatile uint32_t* shared = (volatile uint32_t*)address;
    int done[2], go[2];
    if ((intptr_t)address < 0 && (intptr_t)address > -4096) {
        kt_fail("map-shared-untouched-child-writes", "mmap: %s", kt_errname(-(int)address));
        return;
    }
    if (pipe(done) < 0 || pipe(go) < 0) {
        kt_fail("map-shared-untouched-child-writes", "pipe: %s", kt_errname(errno));
        return;
    }
    char byte;
    pid_t pid = fork();
    if (pid == 0) {
        shared[0] = 42;
        write(done[1], "d", 1);
        read(go[0], &byte, 1);
        _exit(shared[PAGE / 4] == 43 ? 0 : 1);
    }
    read(done[0], &byte, 1);
    kt_check("map-shared-untouched-child-writes", shared[0] == 42, "parent reads %u", shared[0]);
    shared[PAGE / 4] = 43;
    write(go[1], "g", 1);
    int status = 0;
    kt_check("map-shared-untouched-parent-writes", pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
        WEXITSTATUS(status) == 0, "child %s", kt_describe_status(status));
    close(done[0]);
    close(done[1]);
    close(go[0]);
    close(go[1]);
    syscall2(SC_munmap, address, 2 * PAGE);
}

static void test_names_advice_misc(void)
{
    uintptr_t a = anon(0, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);
    struct { uint32_t addr, size; const char* name; uint32_t length; } n = { a, 2 * PAGE, "heap", 4 };
    kt_check("set-mmap-name", syscall1(SC_set_mmap_name, (uintptr_t)&n) == 0, "%s", "unexpected result");
    n.size = PAGE;
    kt_check("set-mmap-name-einval-partial", failed_with(syscall1(SC_set_mmap_name, (uintptr_t)&n), EINVAL), "%s", "unexpected result");
    n.size = 2 * PAGE;
    n.length = 5000;
    kt_check("set-mmap-name-enametoolong", failed_with(syscall1(SC_set_mmap_name, (uintptr_t)&n), ENAMETOOLONG), "%s", "unexpected result");
    kt_check("set-mmap-name-efault", failed_with(syscall1(SC_set_mmap_name, 0xc0000000u), EFAULT), "%s", "unexpected result");
    kt_check("madvise-einval-unknown", failed_with(syscall3(SC_madvise, a, 2 * PAGE, 0x7), EINVAL), "%s", "unexpected result");
    kt_check("madvise-einval-partial", failed_with(syscall3(SC_madvise, a, PAGE, MADV_GET_VOLATILE), EINVAL), "%s", "unexpected result");
    kt_check("madvise-eperm-not-purgeable", failed_with(syscall3(SC_madvise, a, 2 * PAGE, MADV_SET_VOLATILE), EPERM), "%s", "unexpected result");
    struct { uint32_t old_address, old_size, new_size; int flags; } r = { a, 2 * PAGE, 2 * PAGE, MAP_PRIVATE };
    kt_check("mremap-enotimpl-anonymous", failed_with(syscall1(SC_mremap, (uintptr_t)&r), ENOTIMPL), "%s", "unexpected result");
    r.old_size = PAGE;
    kt_check("mremap-einval-partial", failed_with(syscall1(SC_mremap, (uintptr_t)&r), EINVAL), "%s", "unexpected result");
    uintptr_t base = 0, size = 0;
    int local = 0;
    kt_check("get-stack-bounds", syscall2(SC_get_stack_bounds, (uintptr_t)&base, (uintptr_t)&size) == 0 &&
        (uintptr_t)&local >= base && (uintptr_t)&local < base + size, "base %p size %u", (void*)base, (unsigned)size);
    kt_check("get-stack-bounds-efault", failed_with(syscall2(SC_get_stack_bounds, 0xc0000000u, (uintptr_t)&size), EFAULT), "%s", "unexpected result");
    kt_check("purge-as-root", syscall1(SC_purge, 1) == 0, "%s", "unexpected result");
    kt_check("msyscall-einval-not-mmap", failed_with(syscall1(SC_msyscall, (uintptr_t)&test_names_advice_misc), EINVAL), "%s", "unexpected result");
    kt_check("msyscall-efault-kernel", failed_with(syscall1(SC_msyscall, 0xc0000000u), EFAULT), "%s", "unexpected result");
    kt_check("msyscall-region", syscall1(SC_msyscall, a) == 0, "%s", "unexpected result");
    syscall2(SC_munmap, a, 2 * PAGE);
}

static void lock_syscalls_then_call(uintptr_t unused)
{
    (void)unused;
    syscall1(SC_msyscall, 0); /* from now on only syscall regions may make syscalls */
    syscall0(SC_getpid);     /* our text is not one: SIGSEGV */
}

/* 1000 children each map, touch and leave 4 pages: the kernel's leak check at the end sees every frame back. */
static void test_fork_mmap_cycles(void)
{
    int clean = 0;
    for (int i = 0; i < 1000; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            uintptr_t a = anon(0, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);
            for (unsigned page = 0; page < 4; page++)
                ((char*)a)[page * PAGE] = (char)i;
            _exit((intptr_t)a > 0 ? 0 : 1);
        }
        int status = 0;
        clean += waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    }
    kt_check("1000-fork-mmap-exit-cycles", clean == 1000, "%d clean", clean);
}

int main(void)
{
    kt_begin("test-mmap");
    test_map_and_touch();
    test_mmap_errors();
    test_fixed_and_split();
    test_mprotect();
    test_shared_across_fork();
    test_shared_untouched_across_fork();
    test_names_advice_misc();
    expect_child_killed("msyscall-locked-kills-outside-caller", lock_syscalls_then_call, 0, SIGSEGV);
    test_fork_mmap_cycles();
    return kt_finish();
}
