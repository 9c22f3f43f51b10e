/*
 * test-misc: the small syscalls (syscall numbers in brackets):
 * umask [39], uname [24], gethostname/sethostname [21, 22],
 * set_process_name/get_process_name [138, 108], disown [139],
 * getrandom [110], sysconf [137], dbgputch/dbgputstr [101, 102],
 * read/write on the standard fds [3, 27], yield [0], and unknown syscall
 * numbers (ENOSYS). Runs as root (sethostname needs it). The hostname is
 * restored at the end.
 */
#include "ktest.h"

#include <limits.h>
#include <sched.h>
#include <serenity.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <syscall.h>
#include <unistd.h>

#define HUGE_SIZE 0x80000000u /* > SSIZE_MAX */

static char original_hostname[65];

static void test_umask(void)
{
    mode_t original = umask(022);
    mode_t a = umask(0777);
    mode_t b = umask(07777); /* stored as 07777 & 0777 */
    mode_t c = umask(0);
    kt_check("umask-returns-old", a == 022 && b == 0777 && c == 0777, "umask returned 0%o, 0%o, 0%o; expected 022, 0777, 0777",
        a, b, c);
    kt_check("umask-initial", (original & ~0777) == 0, "initial umask 0%o", original);

    umask(027);
    pid_t pid = fork();
    if (pid == 0)
        _exit(umask(0) == 027 ? 0 : 1);
    kt_expect_child_exit("umask-inherited-by-fork", pid, 0);
    kt_check("umask-child-change-not-shared", umask(original) == 027, "parent's umask changed");
}

static void test_hostname_and_uname(void)
{
    char name[128];
    memset(name, 0, sizeof(name));
    int rc = gethostname(name, sizeof(name));
    size_t length = strnlen(name, sizeof(name));
    kt_check("gethostname", rc == 0 && length > 0 && length <= 64, "rc %d (%s), length %u", rc,
        rc ? kt_errname(errno) : "ok", (unsigned)length);
    memcpy(original_hostname, name, length < 64 ? length : 64);

    char exact[65];
    kt_check("gethostname-exact-size", gethostname(exact, length + 1) == 0 && strcmp(exact, name) == 0,
        "size %u (length + 1) failed: %s", (unsigned)(length + 1), kt_errname(errno));
    kt_expect_errno("gethostname-enametoolong", gethostname(exact, length), ENAMETOOLONG);
    kt_expect_errno("gethostname-enametoolong-size-0", gethostname(exact, 0), ENAMETOOLONG);
    kt_expect_errno("gethostname-einval-huge-size", gethostname(exact, HUGE_SIZE), EINVAL);
    kt_expect_errno("gethostname-efault", gethostname(BAD_KERNEL_PTR, 65), EFAULT);

    struct utsname u;
    memset(&u, 0x55, sizeof(u));
    rc = uname(&u);
    kt_check("uname", rc == 0 && !strcmp(u.sysname, "SerenityOS") && !strcmp(u.release, "1.0-dev")
        && !strcmp(u.version, "FIXME") && !strcmp(u.machine, "i686"),
        "rc %d: sysname \"%.65s\" release \"%.65s\" version \"%.65s\" machine \"%.65s\"", rc, u.sysname, u.release,
        u.version, u.machine);
    kt_check("uname-nodename-is-hostname", rc == 0 && !strcmp(u.nodename, name), "nodename \"%.65s\", hostname \"%s\"",
        u.nodename, name);
    kt_expect_errno("uname-efault-kernel", uname(BAD_KERNEL_PTR), EFAULT);
    kt_expect_errno("uname-efault-ceiling", uname(BAD_CEILING_PTR(sizeof(struct utsname))), EFAULT);
    kt_expect_errno("uname-efault-null", uname(NULL), EFAULT);

    const char* new_name = "tsos-test-host";
    rc = sethostname(new_name, strlen(new_name));
    memset(name, 0, sizeof(name));
    gethostname(name, sizeof(name));
    kt_check("sethostname", rc == 0 && !strcmp(name, new_name), "rc %d (%s), hostname now \"%s\"", rc,
        rc ? kt_errname(errno) : "ok", name);
    rc = uname(&u);
    kt_check("sethostname-shows-in-uname", rc == 0 && !strcmp(u.nodename, new_name), "nodename \"%.65s\"", u.nodename);

    char long_name[66];
    memset(long_name, 'h', sizeof(long_name));
    rc = sethostname(long_name, 64);
    memset(name, 0, sizeof(name));
    gethostname(name, sizeof(name));
    kt_check("sethostname-64-chars", rc == 0 && strlen(name) == 64, "rc %d (%s), length %u", rc,
        rc ? kt_errname(errno) : "ok", (unsigned)strlen(name));
    rc = uname(&u);
    kt_check("uname-64-char-nodename", rc == 0 && strlen(u.nodename) == 64, "rc %d (%s)", rc, rc ? kt_errname(errno) : "ok");
    kt_expect_errno("sethostname-enametoolong", sethostname(long_name, 65), ENAMETOOLONG);
    kt_expect_errno("sethostname-efault", sethostname(BAD_KERNEL_PTR, 8), EFAULT);

    /* A child in another process sees the host name (it is global). */
    sethostname(new_name, strlen(new_name));
    pid_t pid = fork();
    if (pid == 0) {
        char seen[65];
        _exit(gethostname(seen, sizeof(seen)) == 0 && !strcmp(seen, new_name) ? 0 : 1);
    }
    kt_expect_child_exit("hostname-is-global", pid, 0);

    rc = sethostname(original_hostname, strlen(original_hostname));
    kt_check("sethostname-restore", rc == 0, "%s", kt_errname(errno));
}

static void test_process_name(void)
{
    char name[300];
    memset(name, 0, sizeof(name));
    int rc = get_process_name(name, sizeof(name));
    kt_check("process-name-after-exec", rc == 0 && !strcmp(name, "test-misc"),
        "rc %d (%s), name \"%s\" (expected the executable's basename)", rc, rc ? kt_errname(errno) : "ok", name);

    const char* renamed = "misc-renamed";
    rc = set_process_name(renamed, strlen(renamed));
    memset(name, 0, sizeof(name));
    int rc2 = get_process_name(name, sizeof(name));
    kt_check("set-process-name", rc == 0 && rc2 == 0 && !strcmp(name, renamed), "rc %d/%d, name \"%s\"", rc, rc2, name);

    char exact[13];
    kt_check("get-process-name-exact-size", get_process_name(exact, strlen(renamed) + 1) == 0 && !strcmp(exact, renamed),
        "%s", kt_errname(errno));
    kt_expect_errno("get-process-name-enametoolong", get_process_name(exact, strlen(renamed)), ENAMETOOLONG);
    kt_expect_errno("get-process-name-efault", get_process_name(BAD_KERNEL_PTR, 64), EFAULT);

    static char long_name[258];
    memset(long_name, 'n', sizeof(long_name));
    rc = set_process_name(long_name, 256);
    memset(name, 0, sizeof(name));
    get_process_name(name, sizeof(name));
    kt_check("set-process-name-256", rc == 0 && strlen(name) == 256, "rc %d (%s), length %u", rc,
        rc ? kt_errname(errno) : "ok", (unsigned)strlen(name));
    kt_expect_errno("set-process-name-enametoolong", set_process_name(long_name, 257), ENAMETOOLONG);
    kt_expect_errno("set-process-name-einval-empty", set_process_name("", 0), EINVAL);
    kt_expect_errno("set-process-name-einval-whitespace", set_process_name("   ", 3), EINVAL);
    kt_expect_errno("set-process-name-efault", set_process_name(BAD_KERNEL_PTR, 8), EFAULT);

    pid_t pid = fork();
    if (pid == 0) {
        char seen[300];
        _exit(get_process_name(seen, sizeof(seen)) == 0 && strlen(seen) == 256 ? 0 : 1);
    }
    kt_expect_child_exit("process-name-inherited-by-fork", pid, 0);
    set_process_name("test-misc", 9);
}

static void test_disown(void)
{
    kt_expect_errno("disown-self-echild", disown(getpid()), ECHILD);
    kt_expect_errno("disown-parent-echild", disown(getppid()), ECHILD);
    kt_expect_errno("disown-unknown-esrch", disown(99999), ESRCH);

    pid_t pid = fork();
    if (pid == 0) {
        kt_spin(20000000u);
        _exit(getppid() == 0 ? 0 : 1);
    }
    int rc = disown(pid);
    kt_check("disown-child", rc == 0, "disown(%d): %s", pid, kt_errname(errno));
    int status;
    kt_expect_errno("disowned-child-not-waitable", waitpid(pid, &status, 0), ECHILD);
    kt_expect_errno("disown-twice-echild", disown(pid), ECHILD);
}

static int all_zero(const unsigned char* p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return 0;
    return 1;
}

static void test_getrandom(void)
{
    unsigned char a[64], b[64];
    memset(a, 0, sizeof(a));
    memset(b, 0, sizeof(b));
    ssize_t n = getrandom(a, sizeof(a), 0);
    ssize_t m = getrandom(b, sizeof(b), 0);
    kt_check("getrandom", n == 64 && m == 64 && !all_zero(a, 64) && memcmp(a, b, 64) != 0,
        "returned %d and %d; zero %d; equal %d", n, m, all_zero(a, 64), memcmp(a, b, 64) == 0);

    static unsigned char big[5000];
    n = getrandom(big, sizeof(big), 0);
    kt_check("getrandom-5000-bytes", n == 5000 && !all_zero(big + 4000, 1000), "returned %d", n);
    kt_check("getrandom-flags-ignored", getrandom(a, 16, GRND_NONBLOCK | GRND_RANDOM) == 16, "%s", kt_errname(errno));
    kt_check("getrandom-size-0", getrandom(a, 0, 0) == 0, "%s", kt_errname(errno));
    kt_expect_errno("getrandom-efault", getrandom(BAD_KERNEL_PTR, 16, 0), EFAULT);
    kt_expect_errno("getrandom-efault-ceiling", getrandom(BAD_CEILING_PTR(16), 16, 0), EFAULT);
    kt_expect_errno("getrandom-einval-huge", getrandom(a, HUGE_SIZE, 0), EINVAL);
}

static void test_sysconf(void)
{
    long page = sysconf(_SC_PAGESIZE), open_max = sysconf(_SC_OPEN_MAX), pw = sysconf(_SC_GETPW_R_SIZE_MAX);
    kt_check("sysconf-pagesize", page == 4096, "%ld", page);
    kt_check("sysconf-open-max", open_max == 1024, "%ld", open_max);
    kt_check("sysconf-getpw-r-size-max", pw == 4096, "%ld", pw);
    long conf = sysconf(_SC_NPROCESSORS_CONF), onln = sysconf(_SC_NPROCESSORS_ONLN);
    kt_check("sysconf-nprocessors", conf >= 1 && onln >= 1 && onln <= conf, "conf %ld onln %ld", conf, onln);
    long tck = sysconf(_SC_CLK_TCK), mono = sysconf(_SC_MONOTONIC_CLOCK), tty = sysconf(_SC_TTY_NAME_MAX);
    kt_check("sysconf-clk-tck", tck > 0, "%ld", tck);
    kt_check("sysconf-monotonic-clock", mono > 0, "%ld", mono);
    kt_check("sysconf-tty-name-max", tty > 0, "%ld", tty);
    kt_check("sysconf-0-is-monotonic-clock", sysconf(0) == 1, "%ld", sysconf(0));
    kt_expect_errno("sysconf-einval-8", sysconf(8), EINVAL);
    kt_expect_errno("sysconf-einval-minus-1", sysconf(-1), EINVAL);
}

static void test_debug_output(void)
{
    /* The debug output may share the console: only whole lines go there. */
    kt_check("dbgputch", dbgputch('\n') == 0, "%s", kt_errname(errno));
    const char* line = "test-misc: dbgputstr works\n";
    ssize_t n = dbgputstr(line, strlen(line));
    kt_check("dbgputstr", n == (ssize_t)strlen(line), "returned %d (%s)", n, n < 0 ? kt_errname(errno) : "-");
    kt_check("dbgputstr-size-0", dbgputstr(BAD_KERNEL_PTR, 0) == 0, "%s", kt_errname(errno));
    kt_expect_errno("dbgputstr-efault", dbgputstr(BAD_KERNEL_PTR, 16), EFAULT);

    /* > 1024 bytes take the kernel's heap path: 22 lines of 50 bytes. */
    static char big[1100];
    const char* big_line = "test-misc: dbgputstr of 1100 bytes, 22 lines ....\n";
    for (size_t i = 0; i < sizeof(big); i += 50)
        memcpy(big + i, big_line, 50);
    n = dbgputstr(big, sizeof(big));
    kt_check("dbgputstr-1100-bytes", n == (ssize_t)sizeof(big), "returned %d", n);
    kt_expect_errno("dbgputstr-efault-large", dbgputstr(BAD_KERNEL_PTR, 2000), EFAULT);

    /* A string longer than the kernel's 1024-byte chunk whose start is
       readable and whose end is not prints nothing: tests/user.test.mjs
       checks that its lines are not on the console. */
    char* pages = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (pages == MAP_FAILED || munmap(pages + 4096, 4096) < 0) {
        kt_fail("dbgputstr-efault-prints-nothing", "mmap/munmap: %s", kt_errname(errno));
        return;
    }
    const char* unprinted = "test-misc: dbgputstr-partial-line, never printed.\n";
    char* start = pages + 4096 - 22 * 50;
    for (size_t i = 0; i < 22 * 50; i += 50)
        memcpy(start + i, unprinted, 50);
    kt_expect_errno("dbgputstr-efault-prints-nothing", dbgputstr(start, 22 * 50 + 16), EFAULT);
    munmap(pages, 4096);
}

static void test_read_write(void)
{
    const char* line = "test-misc: write to fd 1\n";
    kt_check("write-stdout", write(1, line, strlen(line)) == (ssize_t)strlen(line), "%s", kt_errname(errno));
    const char* err_line = "test-misc: write to fd 2\n";
    kt_check("write-stderr", write(2, err_line, strlen(err_line)) == (ssize_t)strlen(err_line), "%s", kt_errname(errno));
    kt_check("write-size-0", write(1, line, 0) == 0, "%s", kt_errname(errno));
    kt_check("write-size-0-bad-fd", write(5, line, 0) == 0, "size 0 returns 0 before the fd check: %s",
        kt_errname(errno));
    kt_expect_errno("write-ebadf-5", write(5, line, 1), EBADF);
    kt_expect_errno("write-ebadf-minus-1", write(-1, line, 1), EBADF);
    kt_expect_errno("write-ebadf-1024", write(1024, line, 1), EBADF);
    kt_expect_errno("write-efault", write(1, BAD_KERNEL_PTR, 4), EFAULT);
    kt_expect_errno("write-efault-ceiling", write(1, BAD_CEILING_PTR(4), 4), EFAULT);
    kt_expect_errno("write-einval-huge", write(1, line, HUGE_SIZE), EINVAL);

    /* fd 0 is the console: a read of 1 byte would block, so only the paths that return first. */
    char buf[4];
    kt_check("read-size-0", read(0, buf, 0) == 0, "%s", kt_errname(errno));
    kt_check("read-size-0-bad-fd", read(5, buf, 0) == 0, "size 0 returns 0 before the fd check: %s", kt_errname(errno));
    kt_expect_errno("read-ebadf-5", read(5, buf, 1), EBADF);
    kt_expect_errno("read-ebadf-minus-1", read(-1, buf, 1), EBADF);
    kt_expect_errno("read-einval-huge", read(0, buf, HUGE_SIZE), EINVAL);
}

static void test_syscall_numbers(void)
{
    kt_check("yield", sched_yield() == 0, "%s", kt_errname(errno));
    kt_expect_raw_error("enosys-152", syscall0(SC__Count), ENOSYS);
    kt_expect_raw_error("enosys-1000", syscall0(1000), ENOSYS);
    kt_expect_raw_error("enosys-minus-1", syscall0((uintptr_t)-1), ENOSYS);
    kt_expect_raw_error("enosys-0x80000000-with-args", syscall3(0x80000000u, 1, 2, 3), ENOSYS);
    kt_expect_raw_error("emuctl-enosys", syscall0(SC_emuctl), ENOSYS);
}

int main(void)
{
    kt_begin("test-misc");
    test_umask();
    test_hostname_and_uname();
    test_process_name();
    test_disown();
    test_getrandom();
    test_sysconf();
    test_debug_output();
    test_read_write();
    test_syscall_numbers();
    return kt_finish();
}
