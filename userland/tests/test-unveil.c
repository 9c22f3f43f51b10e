/*
 * unveil: argument checks, each permission letter allowed and denied, the
 * reference's TestKernelUnveil sequence (only narrowing an explicit
 * unveil, `c` on a path that does not exist yet, locking), symlinks
 * checked before they are followed (an escape fails; the reference's
 * unveil-symlinks case), `c` for every create and remove, fork inheriting
 * the veil and exec lifting it. Each case runs in its own child, since a
 * veil cannot be taken back.
 */
#include "ktest.h"
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <syscall.h>
#include <unistd.h>

#define DIR_ "/tmp/veil"
#define FILE_ DIR_ "/file"

/* Runs fn in a child: PASS when it exits 0, else the failing step (its exit status). */
static void expect_steps(const char* name, int (*fn)(void*))
{
    int rc = kt_run_in_child(fn, NULL);
    kt_check(name, rc == 0, "step %d (%s)", rc, rc >= 0 ? "exit" : kt_describe_status(kt_child_status));
}

/* True when rc is -1 with errno e. */
static int fails(int rc, int e)
{
    return rc == -1 && errno == e;
}

static int open_ok(const char* path, int flags)
{
    int fd = open(path, flags, 0644);
    if (fd < 0)
        return 0;
    close(fd);
    return 1;
}

static int arguments(void* arg)
{
    (void)arg;
    if (!fails(unveil(DIR_, "rwxcbr"), EINVAL)) /* over 5 letters */
        return 1;
    if (!fails(unveil(NULL, "r"), EINVAL))
        return 2;
    if (!fails(unveil(DIR_, NULL), EINVAL))
        return 3;
    if (!fails(unveil("tmp/veil", "r"), EINVAL)) /* relative */
        return 4;
    if (!fails(unveil(DIR_, "f"), EINVAL))
        return 5;
    if (!fails(unveil("", "r"), EINVAL))
        return 6;
    if (!fails(unveil(DIR_ "/missing", "r"), ENOENT)) /* only `c` may name what does not exist */
        return 7;
    if (!fails(unveil(DIR_ "/missing/deeper", "c"), ENOENT)) /* ...and its parent must exist */
        return 8;
    return 0;
}

static int letter_r(void* arg)
{
    (void)arg;
    if (unveil(FILE_, "r") != 0)
        return 1;
    if (!open_ok(FILE_, O_RDONLY))
        return 2;
    if (!fails(open(FILE_, O_WRONLY), EACCES))
        return 3;
    if (!fails(open(FILE_, O_RDWR), EACCES))
        return 4;
    if (!fails(open("/etc/passwd", O_RDONLY), ENOENT)) /* everything else is hidden */
        return 5;
    struct stat st;
    if (stat(FILE_, &st) != 0) /* stat needs any permission */
        return 6;
    if (!fails(stat("/etc/passwd", &st), ENOENT))
        return 7;
    return 0;
}

static int letter_w(void* arg)
{
    (void)arg;
    if (unveil(FILE_, "w") != 0)
        return 1;
    if (!open_ok(FILE_, O_WRONLY))
        return 2;
    if (!fails(open(FILE_, O_RDONLY), EACCES))
        return 3;
    return 0;
}

static int run_true(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        char* argv[] = { "/bin/true", NULL };
        execv(argv[0], argv);
        _exit(errno == EACCES ? 126 : 127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int letter_x(void* arg)
{
    (void)arg;
    if (unveil("/bin/true", "x") != 0)
        return 1;
    if (run_true() != 0)
        return 2;
    if (!fails(open("/bin/true", O_RDONLY), EACCES))
        return 3;
    return 0;
}

static int exec_without_x(void* arg)
{
    (void)arg;
    if (unveil("/bin/true", "r") != 0)
        return 1;
    return run_true() == 126 ? 0 : 2;
}

static int letter_c(void* arg)
{
    (void)arg;
    if (unveil(DIR_, "cw") != 0)
        return 1;
    if (!open_ok(DIR_ "/made", O_WRONLY | O_CREAT))
        return 2;
    if (unlink(DIR_ "/made") != 0)
        return 3;
    if (mkdir(DIR_ "/madedir", 0755) != 0)
        return 4;
    if (rmdir(DIR_ "/madedir") != 0)
        return 5;
    if (symlink("file", DIR_ "/madelink") != 0 || unlink(DIR_ "/madelink") != 0)
        return 6;
    if (mkfifo(DIR_ "/madefifo", 0644) != 0 || unlink(DIR_ "/madefifo") != 0)
        return 7;
    return 0;
}

static int creates_need_c(void* arg)
{
    (void)arg;
    if (unveil(DIR_, "rwxb") != 0)
        return 1;
    if (!fails(open(DIR_ "/made", O_WRONLY | O_CREAT, 0644), EACCES))
        return 2;
    if (!fails(mkdir(DIR_ "/madedir", 0755), EACCES))
        return 3;
    if (!fails(symlink("file", DIR_ "/madelink"), EACCES))
        return 4;
    if (!fails(mkfifo(DIR_ "/madefifo", 0644), EACCES))
        return 5;
    if (!fails(unlink(FILE_), EACCES))
        return 6;
    if (!fails(rename(FILE_, DIR_ "/renamed"), EACCES))
        return 7;
    if (!fails(link(FILE_, DIR_ "/linked"), EACCES))
        return 8;
    if (!open_ok(FILE_, O_RDWR)) /* what it was given still works */
        return 9;
    return 0;
}

static int letter_b(void* arg)
{
    (void)arg;
    if (unveil(DIR_, "b") != 0)
        return 1;
    if (!open_ok(DIR_, O_RDONLY | O_DIRECTORY)) /* browsing lists the directory */
        return 2;
    if (!fails(open(FILE_, O_RDONLY), EACCES)) /* but reads nothing in it */
        return 3;
    struct stat st;
    if (stat(FILE_, &st) != 0)
        return 4;
    return 0;
}

/* TestKernelUnveil's sequence. */
static int reference_sequence(void* arg)
{
    (void)arg;
    if (unveil("/etc", "r") != 0)
        return 1;
    if (!fails(unveil("/etc", "w"), EPERM) || !fails(unveil("/etc", "x"), EPERM) || !fails(unveil("/etc", "c"), EPERM))
        return 2;
    if (unveil("/tmp/doesnotexist", "c") != 0)
        return 3;
    if (unveil("/usr", "b") != 0)
        return 4;
    if (!fails(unveil("/usr", "w"), EPERM) || !fails(unveil("/usr", "x"), EPERM) || !fails(unveil("/usr", "c"), EPERM))
        return 5;
    if (unveil("/etc", "") != 0) /* narrowing is allowed, down to nothing */
        return 6;
    if (!fails(open("/etc/passwd", O_RDONLY), ENOENT))
        return 7;
    if (unveil(NULL, NULL) != 0)
        return 8;
    if (!fails(unveil("/bin", "w"), EPERM))
        return 9;
    if (access("/bin/id", F_OK) != -1)
        return 10;
    return 0;
}

/* A child unveiled below its parent may have more than the parent. */
static int child_wider_than_parent(void* arg)
{
    (void)arg;
    if (unveil(DIR_, "r") != 0 || unveil(FILE_, "rw") != 0)
        return 1;
    if (!open_ok(FILE_, O_RDWR))
        return 2;
    if (!fails(open(DIR_ "/foo/1", O_WRONLY), EACCES))
        return 3;
    return 0;
}

static int locked_from_none(void* arg)
{
    (void)arg;
    if (unveil(NULL, NULL) != 0)
        return 1;
    if (!fails(open("/etc/passwd", O_RDONLY), ENOENT))
        return 2;
    if (!fails(unveil("/etc", "r"), EPERM))
        return 3;
    return 0;
}

static int symlink_escape(void* arg)
{
    (void)arg;
    if (unveil(DIR_, "r") != 0)
        return 1;
    if (!fails(open(DIR_ "/escape", O_RDONLY), ENOENT)) /* -> /etc/passwd, hidden */
        return 2;
    if (!open_ok(DIR_ "/inside", O_RDONLY)) /* -> file, visible */
        return 3;
    return 0;
}

/* The reference's unveil-symlinks case. */
static int unveil_symlinks(void* arg)
{
    (void)arg;
    if (chdir(DIR_) != 0)
        return 1;
    if (unveil(DIR_ "/foo", "r") != 0 || unveil(NULL, NULL) != 0)
        return 2;
    if (!open_ok(DIR_ "/foo/1", O_RDONLY) || !open_ok("./foo/1", O_RDONLY))
        return 3;
    if (open_ok(DIR_ "/bar/1", O_RDONLY) || open_ok("./bar/1", O_RDONLY))
        return 4;
    return 0;
}

/* Only a locked veil may outlive an exec (the kernel's prctl for /bin/unveil). */
static int keep_needs_lock(void* arg)
{
    (void)arg;
    if (!fails(prctl(PR_SET_KEEP_VEIL_AT_EXEC, 1, 0), EINVAL))
        return 1;
    if (unveil("/bin/cat", "x") != 0 || !fails(prctl(PR_SET_KEEP_VEIL_AT_EXEC, 1, 0), EINVAL))
        return 2;
    if (unveil(NULL, NULL) != 0 || prctl(PR_SET_KEEP_VEIL_AT_EXEC, 1, 0) != 0)
        return 3;
    return 0;
}

static int fork_inherits(void* arg)
{
    (void)arg;
    if (unveil(DIR_, "r") != 0 || unveil(NULL, NULL) != 0)
        return 1;
    pid_t pid = fork();
    if (pid == 0) {
        int ok = open_ok(FILE_, O_RDONLY) && fails(open("/etc/passwd", O_RDONLY), ENOENT) && fails(unveil("/etc", "r"), EPERM);
        _exit(ok ? 0 : 1);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 2;
}

static void veil_then_exec(void* arg)
{
    (void)arg;
    unveil("/bin/cat", "x");
    unveil(NULL, NULL);
}

static void setup(void)
{
    mkdir(DIR_, 0755);
    close(open(FILE_, O_WRONLY | O_CREAT, 0644));
    symlink("/etc/passwd", DIR_ "/escape");
    symlink("file", DIR_ "/inside");
    mkdir(DIR_ "/foo", 0755);
    close(open(DIR_ "/foo/1", O_WRONLY | O_CREAT, 0644));
    symlink(DIR_ "/foo", DIR_ "/bar");
}

static void cleanup(void)
{
    const char* names[] = { "/foo/1", "/foo", "/bar", "/escape", "/inside", "/file", "" };
    char path[64];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(path, sizeof path, "%s%s", DIR_, names[i]);
        if (unlink(path) != 0)
            rmdir(path);
    }
}

int main(void)
{
    kt_begin("test-unveil");
    setup();
    expect_steps("arguments", arguments);
    kt_expect_raw_error("efault", syscall1(SC_unveil, (uintptr_t)BAD_KERNEL_PTR), EFAULT);
    expect_steps("r-allows-read-only", letter_r);
    expect_steps("w-allows-write-only", letter_w);
    expect_steps("x-allows-exec-only", letter_x);
    expect_steps("exec-needs-x", exec_without_x);
    expect_steps("c-allows-create-and-remove", letter_c);
    expect_steps("creates-and-removes-need-c", creates_need_c);
    expect_steps("b-lists-but-reads-nothing", letter_b);
    expect_steps("reference-sequence", reference_sequence);
    expect_steps("child-wider-than-parent", child_wider_than_parent);
    expect_steps("locked-from-none-hides-all", locked_from_none);
    expect_steps("symlink-escape-fails", symlink_escape);
    expect_steps("unveil-symlinks", unveil_symlinks);
    expect_steps("fork-inherits", fork_inherits);
    expect_steps("keep-at-exec-needs-lock", keep_needs_lock);
    char out[512];
    char* argv[] = { "/bin/cat", "/etc/passwd", NULL };
    int rc = kt_run_capture(argv, NULL, veil_then_exec, NULL, out, sizeof out);
    kt_check("exec-lifts-veil", rc == 0 && strstr(out, "root") != NULL, "exit %d: %s", rc, out);
    cleanup();
    return kt_finish();
}
