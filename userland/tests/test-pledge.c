/*
 * pledge: parsing (unknown promises, both strings checked before either is
 * applied, only shrinking), enforcement by the dispatcher and by the
 * handlers whose promise depends on their arguments (open's rpath, wpath
 * and cpath, O_RDWR needing both; kill of another process needs proc;
 * mmap's prot_exec and map_fixed; terminal ioctls' tty), a violation ending the process with
 * SIGABRT, and execpromises becoming the promises at exec. Every promise
 * group with a syscall has a case where it is held and one where it is
 * missing (the socket family's inet and unix have no socket to check).
 */
#include "ktest.h"
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

/* Runs fn in a child and checks that it died of SIGABRT (a pledge violation). */
static void expect_violation(const char* name, int (*fn)(void*))
{
    int rc = kt_run_in_child(fn, NULL);
    kt_check(name, rc == -1 && WIFSIGNALED(kt_child_status) && WTERMSIG(kt_child_status) == SIGABRT, "%s",
        rc >= 0 ? "exited" : kt_describe_status(kt_child_status));
}

/* Runs fn in a child and checks that it exited 0 (what it did was allowed). */
static void expect_allowed(const char* name, int (*fn)(void*))
{
    int rc = kt_run_in_child(fn, NULL);
    kt_check(name, rc == 0, "%s", rc >= 0 ? "nonzero exit" : kt_describe_status(kt_child_status));
}

static int parsing(void* arg)
{
    (void)arg;
    if (pledge("stdio bogus", NULL) != -1 || errno != EINVAL)
        return 1;
    if (pledge("stdio unix rpath proc", "stdio") != 0)
        return 2;
    if (pledge("stdio unix", "stdio unix") != -1 || errno != EPERM) /* unix is more than execpromises had */
        return 3;
    if (pledge("stdio inet", NULL) != -1 || errno != EPERM) /* inet was never held */
        return 4;
    /* Both strings are checked first: a bad execpromises leaves the promises as they were. */
    if (pledge("stdio", "bogus") != -1 || errno != EINVAL)
        return 5;
    if (kill(getppid(), 0) != 0) /* proc is still held */
        return 6;
    if (pledge("  stdio   proc ", NULL) != 0) /* extra spaces are no words */
        return 7;
    if (pledge(NULL, NULL) != 0)
        return 8;
    if (pledge("stdio", "stdio") != 0)
        return 9;
    return 0;
}

static int write_without_stdio(void* arg)
{
    (void)arg;
    pledge("", NULL);
    write(1, "", 0);
    return 0;
}

static int open_read_without_rpath(void* arg)
{
    (void)arg;
    pledge("stdio wpath", NULL);
    open("/etc/passwd", O_RDONLY);
    return 0;
}

static int open_rdwr_without_rpath(void* arg)
{
    (void)arg;
    pledge("stdio wpath cpath", NULL);
    open("/tmp/pledge-rdwr", O_RDWR | O_CREAT, 0644);
    return 0;
}

static int open_create_without_cpath(void* arg)
{
    (void)arg;
    pledge("stdio rpath wpath", NULL);
    open("/tmp/pledge-create", O_WRONLY | O_CREAT, 0644);
    return 0;
}

static int open_read_with_rpath(void* arg)
{
    (void)arg;
    pledge("stdio rpath", NULL);
    int fd = open("/etc/passwd", O_RDONLY);
    return fd >= 0 ? 0 : 1;
}

static int kill_other_without_proc(void* arg)
{
    (void)arg;
    pledge("stdio", NULL);
    kill(getppid(), 0);
    return 0;
}

static int kill_self_with_stdio(void* arg)
{
    (void)arg;
    pledge("stdio", NULL);
    return kill(getpid(), 0) == 0 ? 0 : 1;
}

static int fork_without_proc(void* arg)
{
    (void)arg;
    pledge("stdio", NULL);
    fork();
    return 0;
}

static int map_fixed_without_promise(void* arg)
{
    (void)arg;
    void* p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    pledge("stdio", NULL);
    mmap(p, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    return 0;
}

static int no_promises_call(void* arg)
{
    (void)arg;
    pledge("stdio rpath wpath cpath dpath proc exec id fattr", NULL);
    sethostname("x", 1); /* REQUIRE_NO_PROMISES */
    return 0;
}

static int terminal_ioctl_without_tty(void* arg)
{
    (void)arg;
    int fd = open("/dev/console", O_RDWR | O_NOCTTY);
    pledge("stdio", NULL);
    struct termios t;
    tcgetattr(fd, &t);
    return 0;
}

static int terminal_ioctl_with_tty(void* arg)
{
    (void)arg;
    int fd = open("/dev/console", O_RDWR | O_NOCTTY);
    pledge("stdio tty", NULL);
    struct termios t;
    return tcgetattr(fd, &t) == 0 ? 0 : 1;
}

static int exec_with_execpromises(void* arg)
{
    (void)arg;
    /* The new image runs with exactly "stdio": /bin/echo-args only writes, so it works... */
    if (pledge(NULL, "stdio") != 0)
        return 1;
    char* argv[] = { "/bin/echo-args", "ok", NULL };
    char* envp[] = { NULL };
    execve(argv[0], argv, envp);
    return 2;
}

static int exec_with_empty_execpromises(void* arg)
{
    (void)arg;
    /* ...while with "" its first write kills it. */
    pledge(NULL, "");
    char* argv[] = { "/bin/echo-args", "ok", NULL };
    char* envp[] = { NULL };
    execve(argv[0], argv, envp);
    return 2;
}

/*
 * One call per promise group that needs exactly that promise (the
 * dispatcher's table, or the handler's check for prot_exec, wpath and
 * chroot), with arguments that make it fail harmlessly once permitted.
 */
static void* exec_probe_page;

static void call_getcwd(void) { syscall2(SC_getcwd, 0, 0); }
static void call_open_write(void) { close(open("/dev/null", O_WRONLY)); }
static void call_mkdir(void) { syscall3(SC_mkdir, (uintptr_t)BAD_KERNEL_PTR, 4, 0755); }
static void call_mknod(void) { syscall1(SC_mknod, (uintptr_t)BAD_KERNEL_PTR); }
static void call_setuid(void) { setuid(getuid()); }
static void call_getsid(void) { getsid(0); }
static void call_execve(void) { syscall1(SC_execve, (uintptr_t)BAD_KERNEL_PTR); }
static void call_chmod(void) { syscall3(SC_chmod, (uintptr_t)BAD_KERNEL_PTR, 4, 0644); }
static void call_ttyname(void) { syscall3(SC_ttyname, 99, 0, 0); }
static void call_chown(void) { syscall1(SC_chown, (uintptr_t)BAD_KERNEL_PTR); }
static void call_chroot(void) { syscall3(SC_chroot, (uintptr_t)BAD_KERNEL_PTR, 4, 0); }
static void call_get_thread_name(void) { syscall3(SC_get_thread_name, gettid(), 0, 0); }
static void call_clock_settime(void) { syscall2(SC_clock_settime, CLOCK_REALTIME, (uintptr_t)BAD_KERNEL_PTR); }
static void call_sigaction(void) { syscall3(SC_sigaction, 0, 0, 0); }
static void call_mprotect_exec(void) { mprotect(exec_probe_page, 4096, PROT_READ | PROT_EXEC); }
static void call_ptrace(void) { syscall1(SC_ptrace, (uintptr_t)BAD_KERNEL_PTR); }
static void call_accept(void) { syscall1(SC_accept4, (uintptr_t)BAD_KERNEL_PTR); }
static void call_sendfd(void) { syscall2(SC_sendfd, 99, 99); }
static void call_recvfd(void) { syscall2(SC_recvfd, 99, 0); }
static void call_getkeymap(void) { syscall1(SC_getkeymap, (uintptr_t)BAD_KERNEL_PTR); }
static void call_setkeymap(void) { syscall1(SC_setkeymap, (uintptr_t)BAD_KERNEL_PTR); }

static const struct {
    const char* promise;
    void (*call)(void);
} groups[] = {
    { "rpath", call_getcwd }, { "wpath", call_open_write }, { "cpath", call_mkdir }, { "dpath", call_mknod },
    { "id", call_setuid }, { "proc", call_getsid }, { "exec", call_execve }, { "fattr", call_chmod },
    { "tty", call_ttyname }, { "chown", call_chown }, { "chroot", call_chroot }, { "thread", call_get_thread_name },
    { "settime", call_clock_settime }, { "sigaction", call_sigaction }, { "prot_exec", call_mprotect_exec },
    { "ptrace", call_ptrace }, { "accept", call_accept }, { "sendfd", call_sendfd }, { "recvfd", call_recvfd },
    { "getkeymap", call_getkeymap }, { "setkeymap", call_setkeymap },
};
static int group_index;
static int group_with_promise;

/* Pledges stdio, with the current group's promise or without it, and makes the group's call. */
static int call_group(void* arg)
{
    (void)arg;
    char promises[64];
    snprintf(promises, sizeof promises, "stdio%s%s", group_with_promise ? " " : "", group_with_promise ? groups[group_index].promise : "");
    exec_probe_page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (pledge(promises, NULL) != 0)
        return 1;
    groups[group_index].call();
    return 0;
}

static void check_promise_groups(void)
{
    char name[48];
    for (group_index = 0; group_index < (int)(sizeof groups / sizeof groups[0]); group_index++) {
        group_with_promise = 1;
        snprintf(name, sizeof name, "%s-allowed", groups[group_index].promise);
        expect_allowed(name, call_group);
        group_with_promise = 0;
        snprintf(name, sizeof name, "%s-needed", groups[group_index].promise);
        expect_violation(name, call_group);
    }
}

int main(void)
{
    kt_begin("test-pledge");
    check_promise_groups();
    int rc = kt_run_in_child(parsing, NULL);
    kt_check("parsing-and-shrinking", rc == 0, "check %d (%s)", rc, kt_describe_status(kt_child_status));
    kt_expect_raw_error("efault", syscall1(SC_pledge, (uintptr_t)BAD_KERNEL_PTR), EFAULT);
    expect_violation("write-without-stdio", write_without_stdio);
    expect_violation("open-read-without-rpath", open_read_without_rpath);
    expect_violation("open-rdwr-needs-rpath-too", open_rdwr_without_rpath);
    expect_violation("open-create-without-cpath", open_create_without_cpath);
    expect_allowed("open-read-with-rpath", open_read_with_rpath);
    expect_violation("kill-other-without-proc", kill_other_without_proc);
    expect_allowed("kill-self-with-stdio", kill_self_with_stdio);
    expect_violation("fork-without-proc", fork_without_proc);
    expect_violation("map-fixed-without-promise", map_fixed_without_promise);
    expect_violation("no-promises-call", no_promises_call);
    expect_violation("terminal-ioctl-without-tty", terminal_ioctl_without_tty);
    expect_allowed("terminal-ioctl-with-tty", terminal_ioctl_with_tty);
    expect_allowed("execpromises-become-promises", exec_with_execpromises);
    expect_violation("empty-execpromises", exec_with_empty_execpromises);
    unlink("/tmp/pledge-rdwr");
    unlink("/tmp/pledge-create");
    return kt_finish();
}
