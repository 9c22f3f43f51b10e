/*
 * test-devproc: the device files, procfs and the file-system-wide calls
 * (syscall numbers in brackets).
 *
 * /dev: null, zero (with TestEFault's cases: read() from /dev/zero into
 * exact 1- and 2-page mappings succeeds, one byte past either end is
 * EFAULT), full (ENOSPC), random and urandom, the char devices console, tty
 * and ttyS0, isatty/ttyname [28]. /proc: self (a link to the pid), the
 * per-process status, cmdline, vm and fd/ (TestProcFS: fd entries are links;
 * after dup2(0, N) for N = 255, 215, 216, 1023, readlink of /proc/self/fd/N
 * is fd 0's), uptime, meminfo, all (lists us; O_RDWR is EACCES for a
 * non-root caller, as TestIo ran), reads at and past EOF. statvfs/fstatvfs
 * [149, 150], ioctl [58] (FIONBIO, EBADF), the inode watcher [103-105],
 * mount [98] of a tmpfs and umount [99], sync [62].
 *
 * Scratch files live in /tmp/test-devproc.<pid>. Runs as root.
 */
#include "ktest-fs.h"

#include <limits.h>
#include <serenity.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/statvfs.h>
#include <syscall.h>
#include <termios.h>

#define PAGE 4096
#define PROC_BUFFER_SIZE (64 * 1024)

/* The reference's InodeWatcherEvent (Kernel/API/InodeWatcherEvent.h); libc has no header for it. */
struct watcher_event {
    int watch_descriptor;
    uint32_t type;
    uint32_t name_length;
    char name[];
} __attribute__((packed));

#define WATCH_CONTENT_MODIFIED (1u << 1)
#define WATCH_CHILD_CREATED (1u << 3)
#define WATCH_CHILD_DELETED (1u << 4)
/* InodeWatcherFlags */
#define WATCHER_NONBLOCK (1u << 0)
#define WATCHER_CLOEXEC (1u << 1)

static char proc_buffer[PROC_BUFFER_SIZE];
static char pid_text[16];

/* Reads path whole into proc_buffer (NUL-terminated): the length, or -1. */
static ssize_t read_whole(const char* path)
{
    ssize_t n = kt_read_file(path, proc_buffer, sizeof(proc_buffer) - 1);
    proc_buffer[n > 0 ? n : 0] = '\0';
    return n;
}

/* text contains word as a whole number: not preceded or followed by a digit. */
static int contains_number(const char* text, const char* word)
{
    size_t length = strlen(word);
    for (const char* at = text; (at = strstr(at, word)); at++) {
        int digit_before = at > text && at[-1] >= '0' && at[-1] <= '9';
        int digit_after = at[length] >= '0' && at[length] <= '9';
        if (!digit_before && !digit_after)
            return 1;
    }
    return 0;
}

static int all_bytes_are(const unsigned char* p, size_t size, unsigned char value)
{
    for (size_t i = 0; i < size; i++)
        if (p[i] != value)
            return 0;
    return 1;
}

/* ---- /dev ---- */

static void expect_char_device(const char* name, const char* path)
{
    struct stat st = { 0 };
    kt_check(name, stat(path, &st) == 0 && S_ISCHR(st.st_mode), "%s: %s, mode 0%o", path, kt_errname(errno), st.st_mode);
}

static void test_dev_files(void)
{
    static const char* const devices[][2] = {
        { "dev-null-is-char-device", "/dev/null" },
        { "dev-zero-is-char-device", "/dev/zero" },
        { "dev-full-is-char-device", "/dev/full" },
        { "dev-random-is-char-device", "/dev/random" },
        { "dev-urandom-is-char-device", "/dev/urandom" },
        { "dev-console-is-char-device", "/dev/console" },
        { "dev-tty-is-char-device", "/dev/tty" },
        { "dev-ttyS0-is-char-device", "/dev/ttyS0" },
    };
    for (size_t i = 0; i < sizeof(devices) / sizeof(devices[0]); i++)
        expect_char_device(devices[i][0], devices[i][1]);

    unsigned char buf[256];
    int fd = open("/dev/null", O_RDWR);
    kt_check("dev-null-read-returns-0", fd >= 0 && read(fd, buf, sizeof(buf)) == 0, "%s", kt_errname(errno));
    kt_check("dev-null-write-succeeds", write(fd, buf, sizeof(buf)) == (ssize_t)sizeof(buf), "%s", kt_errname(errno));
    close(fd);

    fd = open("/dev/zero", O_RDONLY);
    memset(buf, 0xff, sizeof(buf));
    kt_check("dev-zero-reads-zeros", fd >= 0 && read(fd, buf, sizeof(buf)) == (ssize_t)sizeof(buf)
        && all_bytes_are(buf, sizeof(buf), 0), "%s", kt_errname(errno));
    close(fd);

    fd = open("/dev/full", O_RDWR);
    kt_expect_errno("dev-full-write-enospc", write(fd, buf, 16), ENOSPC);
    memset(buf, 0xff, sizeof(buf));
    kt_check("dev-full-reads-zeros", read(fd, buf, sizeof(buf)) == (ssize_t)sizeof(buf) && all_bytes_are(buf, sizeof(buf), 0),
        "%s", kt_errname(errno));
    close(fd);

    const char* randoms[] = { "/dev/random", "/dev/urandom" };
    for (int i = 0; i < 2; i++) {
        unsigned char a[100], b[100];
        fd = open(randoms[i], O_RDONLY);
        int ok = fd >= 0 && read(fd, a, sizeof(a)) == (ssize_t)sizeof(a) && read(fd, b, sizeof(b)) == (ssize_t)sizeof(b);
        close(fd);
        kt_check(i ? "dev-urandom-reads-requested-count" : "dev-random-reads-requested-count", ok, "%s",
            kt_errname(errno));
        kt_check(i ? "dev-urandom-reads-differ" : "dev-random-reads-differ", ok && memcmp(a, b, sizeof(a)) != 0,
            "two reads gave the same 100 bytes");
    }

    int seen_null = 0, seen_zero = 0;
    DIR* dir = opendir("/dev");
    struct dirent* entry;
    while (dir && (entry = readdir(dir))) {
        seen_null |= !strcmp(entry->d_name, "null");
        seen_zero |= !strcmp(entry->d_name, "zero");
    }
    if (dir)
        closedir(dir);
    kt_check("dev-directory-lists-devices", seen_null && seen_zero, "%s", dir ? "null or zero missing" : kt_errname(errno));
}

/* TestEFault: read() from /dev/zero into exact mappings, and one byte past them. */
static void test_dev_zero_efault(void)
{
    /* 4 pages, the first and last unmapped again: a 2-page mapping with holes on both sides. Same for 1 page. */
    unsigned char* two = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    unsigned char* one = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (two == MAP_FAILED || one == MAP_FAILED) {
        kt_fail("dev-zero-efault-setup", "mmap: %s", kt_errname(errno));
        return;
    }
    munmap(two, PAGE);
    munmap(two + 3 * PAGE, PAGE);
    munmap(one, PAGE);
    munmap(one + 2 * PAGE, PAGE);
    two += PAGE;
    one += PAGE;
    memset(two, 0xff, 2 * PAGE);
    memset(one, 0xff, PAGE);
    int fd = open("/dev/zero", O_RDONLY);
    kt_check("dev-zero-read-exact-1-page-mapping", read(fd, one, PAGE) == PAGE && all_bytes_are(one, PAGE, 0), "%s",
        kt_errname(errno));
    kt_check("dev-zero-read-exact-2-page-mapping", read(fd, two, 2 * PAGE) == 2 * PAGE && all_bytes_are(two, 2 * PAGE, 0),
        "%s", kt_errname(errno));
    kt_expect_errno("dev-zero-read-1-byte-past-1-page-efault", read(fd, one, PAGE + 1), EFAULT);
    kt_expect_errno("dev-zero-read-1-byte-past-2-pages-efault", read(fd, two, 2 * PAGE + 1), EFAULT);
    kt_expect_errno("dev-zero-read-1-byte-before-start-efault", read(fd, one - 1, PAGE), EFAULT);
    kt_expect_errno("dev-zero-read-kernel-buffer-efault", read(fd, BAD_KERNEL_PTR, 16), EFAULT);
    close(fd);
    munmap(two, 2 * PAGE);
    munmap(one, PAGE);
}

static void test_ttys(void)
{
    kt_check("isatty-0", isatty(0) == 1, "%s", kt_errname(errno));
    const char* name = ttyname(0);
    kt_check("ttyname-0", name && !strncmp(name, "/dev/", 5), "%s", name ? name : kt_errname(errno));
    char small[2];
    /* [28] "Buffer too small → ERANGE"; ttyname_r returns the error number. */
    kt_check("ttyname-r-erange", ttyname_r(0, small, sizeof(small)) == ERANGE, "not ERANGE");
    int fd = open("/dev/null", O_RDWR);
    kt_check("isatty-dev-null-is-0", isatty(fd) == 0 && errno == ENOTTY, "%s", kt_errname(errno));
    kt_check("ttyname-dev-null-enotty", !ttyname(fd) && errno == ENOTTY, "%s", kt_errname(errno));
    close(fd);
    kt_check("ttyname-ebadf", !ttyname(900) && errno == EBADF, "%s", kt_errname(errno));

    int p[2];
    pipe(p);
    char c;
    /* [58] "FIONBIO sets non-blocking from arg": the argument is a value, nonzero on, 0 off. */
    kt_check("ioctl-fionbio-is-35", FIONBIO == 35 && ioctl(p[0], FIONBIO, 1) == 0, "%s", kt_errname(errno));
    kt_expect_errno("ioctl-fionbio-empty-pipe-read-eagain", read(p[0], &c, 1), EAGAIN);
    kt_check("ioctl-fionbio-0-clears", ioctl(p[0], FIONBIO, 0) == 0 && !(fcntl(p[0], F_GETFL) & O_NONBLOCK), "%s",
        kt_errname(errno));
    close(p[0]);
    close(p[1]);
    struct termios t;
    kt_expect_errno("ioctl-ebadf", ioctl(900, TCGETS, &t), EBADF);
    fd = open("/dev/null", O_RDWR);
    int rc = ioctl(fd, TCGETS, &t);
    /* [58] "Everything else goes to the File's ioctl (usually EINVAL/ENOTTY if unsupported)." */
    kt_check("ioctl-tcgets-on-dev-null-fails", rc == -1 && (errno == ENOTTY || errno == EINVAL), "rc %d, %s", rc,
        kt_errname(errno));
    close(fd);
}

/* ---- /proc ---- */

static int open_proc_all_read_write(void* unused)
{
    (void)unused;
    return open("/proc/all", O_RDWR) < 0 ? errno : 0;
}

static void test_proc_files(void)
{
    char path[64], link[64];
    struct stat st = { 0 };
    kt_check("proc-self-is-symlink", lstat("/proc/self", &st) == 0 && S_ISLNK(st.st_mode), "%s mode 0%o",
        kt_errname(errno), st.st_mode);
    memset(link, 0, sizeof(link));
    kt_check("proc-self-points-to-pid", readlink("/proc/self", link, sizeof(link) - 1) > 0 && !strcmp(link, pid_text),
        "\"%s\", pid %s", link, pid_text);
    kt_check("proc-self-is-directory", S_ISDIR(kt_mode_of("/proc/self")), "%s", kt_errname(errno));
    snprintf(path, sizeof(path), "/proc/%s", pid_text);
    kt_check("proc-pid-is-directory", S_ISDIR(kt_mode_of(path)), "%s: %s", path, kt_errname(errno));
    kt_expect_errno("proc-missing-pid-enoent", stat("/proc/99999", &st), ENOENT);

    snprintf(path, sizeof(path), "/proc/%s/status", pid_text);
    ssize_t n = read_whole(path);
    kt_check("proc-pid-status", n > 0 && (contains_number(proc_buffer, pid_text) || strstr(proc_buffer, "test-devproc")),
        "%s: %d bytes", path, (int)n);
    snprintf(path, sizeof(path), "/proc/%s/cmdline", pid_text);
    n = read_whole(path);
    kt_check("proc-pid-cmdline", n > 0 && memmem(proc_buffer, n, "test-devproc", 12), "%s: %d bytes", path, (int)n);

    void* named = mmap_with_name(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0, "devproc-probe");
    n = read_whole("/proc/self/vm");
    kt_check("proc-self-vm-lists-named-mapping", named != MAP_FAILED && n > 0 && strstr(proc_buffer, "devproc-probe"),
        "%d bytes", (int)n);
    munmap(named, PAGE);

    n = read_whole("/proc/uptime");
    kt_check("proc-uptime", n > 0 && proc_buffer[0] >= '0' && proc_buffer[0] <= '9', "%d bytes: %.20s", (int)n, proc_buffer);
    n = read_whole("/proc/meminfo");
    kt_check("proc-meminfo", n > 0, "%d bytes: %s", (int)n, kt_errname(errno));
    n = read_whole("/proc/all");
    kt_check("proc-all-lists-caller", n > 0 && contains_number(proc_buffer, pid_text), "%d bytes, pid %s", (int)n,
        pid_text);
    if (kt_user_switch_works("test-devproc", 1)) {
        /* TestIo (which ran as a user, not root): /proc/all opened O_RDWR → EACCES. */
        int status = kt_run_as_user(open_proc_all_read_write, NULL);
        kt_check("proc-all-open-read-write-eacces", status == EACCES, "child returned %d", status);
    }

    /* TestIo: reads past EOF on procfs return 0. */
    int fd = open("/proc/uptime", O_RDONLY);
    while (fd >= 0 && read(fd, proc_buffer, sizeof(proc_buffer)) > 0)
        ;
    kt_check("procfs-read-at-eof-returns-0", fd >= 0 && read(fd, proc_buffer, sizeof(proc_buffer)) == 0, "%s",
        kt_errname(errno));
    kt_check("procfs-read-past-eof-returns-0", lseek(fd, 100000, SEEK_SET) == 100000
        && read(fd, proc_buffer, sizeof(proc_buffer)) == 0, "%s", kt_errname(errno));
    close(fd);
}

static void test_proc_fds(void)
{
    char expected[PATH_MAX + 8], link[PATH_MAX], path[64];
    kt_write_file(kt_path("file"), "x", 1, 0644);
    int fd = open(kt_path("file"), O_RDONLY);
    int seen_fd = 0, seen_0 = 0, seen_closed = 0;
    char fd_name[16];
    snprintf(fd_name, sizeof(fd_name), "%d", fd);
    DIR* dir = opendir("/proc/self/fd");
    struct dirent* entry;
    while (dir && (entry = readdir(dir))) {
        seen_fd |= !strcmp(entry->d_name, fd_name);
        seen_0 |= !strcmp(entry->d_name, "0");
        seen_closed |= !strcmp(entry->d_name, "900");
    }
    if (dir)
        closedir(dir);
    kt_check("proc-self-fd-lists-open-fds", dir && seen_fd && seen_0 && !seen_closed, "fd %d %d, fd 0 %d, fd 900 %d",
        fd, seen_fd, seen_0, seen_closed);

    char real[PATH_MAX];
    snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
    memset(link, 0, sizeof(link));
    snprintf(expected, sizeof(expected), "%s/file", realpath(kt_scratch_path, real) ? real : "?");
    kt_check("proc-self-fd-readlink-is-absolute-path", readlink(path, link, sizeof(link) - 1) > 0 && !strcmp(link, expected),
        "\"%s\", expected \"%s\"", link, expected);
    struct stat by_stat = { 0 }, by_lstat = { 0 };
    kt_check("proc-self-fd-stat-follows-to-file", stat(path, &by_stat) == 0 && S_ISREG(by_stat.st_mode)
        && by_stat.st_size == 1, "%s mode 0%o", kt_errname(errno), by_stat.st_mode);
    close(fd);
    kt_expect_errno("proc-self-fd-closed-fd-enoent", readlink(path, link, sizeof(link)), ENOENT);

    /* TestProcFS: /proc/self/fd/0 is a link (stat and lstat differ). */
    kt_check("proc-self-fd-0-stat-and-lstat-differ", lstat("/proc/self/fd/0", &by_lstat) == 0
        && stat("/proc/self/fd/0", &by_stat) == 0 && S_ISLNK(by_lstat.st_mode) && !S_ISLNK(by_stat.st_mode)
        && memcmp(&by_lstat, &by_stat, sizeof(by_stat)) != 0, "lstat mode 0%o, stat mode 0%o", by_lstat.st_mode,
        by_stat.st_mode);
    char link0[PATH_MAX];
    memset(link0, 0, sizeof(link0));
    ssize_t length0 = readlink("/proc/self/fd/0", link0, sizeof(link0) - 1);
    /* The boundaries of the reference's inode-number encoding (issue #7820) and the last fd, 1023. */
    static const int targets[] = { 255, 215, 216, 1023 };
    for (int i = 0; i < 4; i++) {
        int n = targets[i];
        char name[48];
        snprintf(name, sizeof(name), "proc-self-fd-%d-after-dup2-is-fd-0", n);
        snprintf(path, sizeof(path), "/proc/self/fd/%d", n);
        memset(link, 0, sizeof(link));
        int ok = dup2(0, n) == n && readlink(path, link, sizeof(link) - 1) == length0 && !strcmp(link, link0);
        kt_check(name, ok && length0 > 0, "\"%s\", fd 0 is \"%s\" (%s)", link, link0, kt_errname(errno));
        close(n);
    }
}

/* ---- statvfs ---- */

static void test_statvfs(void)
{
    struct statvfs root = { 0 }, proc = { 0 }, via_fd = { 0 };
    /* [149] "f_namemax=255"; the reference leaves f_fsid 0 and the block size to each file system. */
    kt_check("statvfs-root", statvfs("/", &root) == 0 && root.f_namemax == NAME_MAX, "%s namemax %lu",
        kt_errname(errno), root.f_namemax);
    kt_check("statvfs-proc", statvfs("/proc", &proc) == 0 && proc.f_namemax == NAME_MAX, "%s namemax %lu",
        kt_errname(errno), proc.f_namemax);
    int fd = open("/proc/uptime", O_RDONLY);
    kt_check("fstatvfs-proc-file", fstatvfs(fd, &via_fd) == 0 && via_fd.f_namemax == NAME_MAX, "%s namemax %lu",
        kt_errname(errno), via_fd.f_namemax);
    close(fd);
    kt_expect_errno("fstatvfs-ebadf", fstatvfs(fd, &via_fd), EBADF);
    fd = open("/", O_RDONLY | O_DIRECTORY);
    kt_expect_errno("fstatvfs-efault", fstatvfs(fd, BAD_KERNEL_PTR), EFAULT);
    close(fd);
    kt_expect_errno("statvfs-enoent", statvfs(kt_path("missing"), &root), ENOENT);
    kt_expect_errno("statvfs-efault-buffer", statvfs("/", BAD_KERNEL_PTR), EFAULT);
    kt_expect_raw_error("statvfs-efault-params", syscall1(SC_statvfs, (uintptr_t)BAD_KERNEL_PTR), EFAULT);
}

/* ---- the inode watcher ---- */

/* Reads one event: 1 if it is wd's, has a bit of type and, when it carries a name, names name. */
static int next_event_is(int watcher, int wd, uint32_t type, const char* name)
{
    static char buf[sizeof(struct watcher_event) + NAME_MAX + 1];
    memset(buf, 0, sizeof(buf));
    ssize_t n = read(watcher, buf, sizeof(buf));
    const struct watcher_event* event = (const struct watcher_event*)buf;
    if (n < (ssize_t)sizeof(*event) || event->watch_descriptor != wd || !(event->type & type))
        return 0;
    /* The name, when the event carries one, is the child's. */
    return event->name_length == 0 || !strncmp(event->name, name, strlen(name));
}

static void test_inode_watcher(void)
{
    mkdir(kt_path("watched"), 0755);
    int watcher = create_inode_watcher(WATCHER_NONBLOCK);
    kt_check("create-inode-watcher", watcher >= 0, "%s", kt_errname(errno));
    char buf[64];
    kt_expect_errno("inode-watcher-empty-read-eagain", read(watcher, buf, sizeof(buf)), EAGAIN);
    char dir[KT_PATH_SIZE];
    kt_path_keep(dir, "watched");
    int wd = inode_watcher_add_watch(watcher, dir, strlen(dir), WATCH_CHILD_CREATED | WATCH_CHILD_DELETED);
    kt_check("inode-watcher-add-watch", wd >= 0, "%s", kt_errname(errno));
    kt_write_file(kt_path("watched/child"), "c", 1, 0644);
    kt_check("inode-watcher-child-created-event", next_event_is(watcher, wd, WATCH_CHILD_CREATED, "child"),
        "no ChildCreated event for wd %d (%s)", wd, kt_errname(errno));
    unlink(kt_path("watched/child"));
    kt_check("inode-watcher-child-deleted-event", next_event_is(watcher, wd, WATCH_CHILD_DELETED, "child"),
        "no ChildDeleted event for wd %d (%s)", wd, kt_errname(errno));
    kt_check("inode-watcher-remove-watch", inode_watcher_remove_watch(watcher, wd) == 0, "%s", kt_errname(errno));
    kt_write_file(kt_path("watched/after"), "a", 1, 0644);
    kt_expect_errno("inode-watcher-no-events-after-remove", read(watcher, buf, sizeof(buf)), EAGAIN);
    /* [105] "Unknown wd → ENOENT", "Bad fd or not a watcher → EBADF". */
    kt_expect_errno("inode-watcher-remove-watch-enoent-removed-wd", inode_watcher_remove_watch(watcher, wd), ENOENT);
    kt_expect_errno("inode-watcher-remove-watch-enoent-unknown-wd", inode_watcher_remove_watch(watcher, wd + 1000), ENOENT);
    kt_expect_errno("inode-watcher-remove-watch-ebadf-closed-fd", inode_watcher_remove_watch(900, wd), EBADF);
    int null = open("/dev/null", O_RDONLY);
    kt_expect_errno("inode-watcher-remove-watch-ebadf-not-watcher", inode_watcher_remove_watch(null, wd), EBADF);
    kt_expect_errno("inode-watcher-add-watch-ebadf-not-watcher", inode_watcher_add_watch(null, dir, strlen(dir),
        WATCH_CHILD_CREATED), EBADF);
    close(null);
    char missing[KT_PATH_SIZE];
    kt_path_keep(missing, "missing");
    kt_expect_errno("inode-watcher-add-watch-enoent", inode_watcher_add_watch(watcher, missing, strlen(missing),
        WATCH_CHILD_CREATED), ENOENT);
    kt_expect_raw_error("inode-watcher-add-watch-efault-params",
        syscall1(SC_inode_watcher_add_watch, (uintptr_t)BAD_KERNEL_PTR), EFAULT);
    close(watcher);

    watcher = create_inode_watcher(WATCHER_NONBLOCK | WATCHER_CLOEXEC);
    kt_check("create-inode-watcher-cloexec", watcher >= 0 && fcntl(watcher, F_GETFD) == FD_CLOEXEC, "%s",
        kt_errname(errno));
    char file[KT_PATH_SIZE];
    kt_path_keep(file, "watched/after");
    wd = inode_watcher_add_watch(watcher, file, strlen(file), WATCH_CONTENT_MODIFIED);
    kt_write_file(file, "changed", 7, 0644);
    kt_check("inode-watcher-content-modified-event", wd >= 0 && next_event_is(watcher, wd, WATCH_CONTENT_MODIFIED, ""),
        "wd %d (%s)", wd, kt_errname(errno));
    close(watcher);
}

/* ---- mount, umount, sync ---- */

static int mount_as_user(void* point)
{
    return mount(-1, (const char*)point, "tmp", 0) < 0 ? errno : 0;
}

static int umount_as_user(void* point)
{
    return umount((const char*)point) < 0 ? errno : 0;
}

/* [98] "MS_REMOUNT changes flags": MS_RDONLY makes every write path EROFS; [149] f_flag follows it. */
static void test_mount_read_only(const char* point)
{
    struct statvfs root = { 0 }, fs = { 0 };
    statvfs("/", &root);
    kt_check("mount-tmpfs-again", mount(-1, point, "tmp", 0) == 0, "%s", kt_errname(errno));
    kt_check("statvfs-tmpfs-own-fsid", statvfs(point, &fs) == 0 && fs.f_fsid != root.f_fsid && fs.f_bsize == PAGE
        && fs.f_blocks > 0 && fs.f_files > fs.f_ffree && !(fs.f_flag & ST_RDONLY), "%s fsid %lu root %lu flag %lu",
        kt_errname(errno), fs.f_fsid, root.f_fsid, fs.f_flag);
    kt_write_file(kt_path("mnt/kept"), "k", 1, 0644);
    mkdir(kt_path("mnt/dir"), 0755);
    kt_check("remount-read-only", mount(-1, point, "tmp", MS_REMOUNT | MS_RDONLY) == 0, "%s", kt_errname(errno));
    kt_check("statvfs-st-rdonly", statvfs(point, &fs) == 0 && (fs.f_flag & ST_RDONLY), "flag %lu", fs.f_flag);
    kt_expect_errno("read-only-open-for-write-erofs", open(kt_path("mnt/kept"), O_WRONLY), EROFS);
    kt_expect_errno("read-only-create-erofs", open(kt_path("mnt/new"), O_WRONLY | O_CREAT, 0644), EROFS);
    kt_expect_errno("read-only-unlink-erofs", unlink(kt_path("mnt/kept")), EROFS);
    kt_expect_errno("read-only-mkdir-erofs", mkdir(kt_path("mnt/d2"), 0755), EROFS);
    kt_expect_errno("read-only-rmdir-erofs", rmdir(kt_path("mnt/dir")), EROFS);
    kt_expect_errno("read-only-rename-erofs", rename(kt_path("mnt/kept"), kt_path("mnt/moved")), EROFS);
    kt_expect_errno("read-only-chmod-erofs", chmod(kt_path("mnt/kept"), 0600), EROFS);
    kt_check("read-only-still-readable", kt_file_equals(kt_path("mnt/kept"), "k", 1), "%s", kt_errname(errno));
    kt_check("remount-read-write", mount(-1, point, "tmp", MS_REMOUNT) == 0
        && kt_write_file(kt_path("mnt/new"), "n", 1, 0644) == 0, "%s", kt_errname(errno));
    /* [99] umount of a tmpfs that still holds files and directories: they go with it. */
    kt_check("umount-non-empty-tmpfs", umount(point) == 0, "%s", kt_errname(errno));
    kt_expect_errno("remount-enodev-not-a-mount", mount(-1, point, "tmp", MS_REMOUNT | MS_RDONLY), ENODEV);
}

/* [99] EBUSY and EPERM; [98] the fd-taking types, MS_BIND's fd checks, a devfs instance. */
static void test_mount_busy_and_types(const char* point)
{
    mount(-1, point, "tmp", 0);
    int fd = open(kt_path("mnt/open"), O_RDWR | O_CREAT, 0644);
    kt_expect_errno("umount-ebusy-file-open", umount(point), EBUSY);
    unlink(kt_path("mnt/open"));
    kt_expect_errno("umount-ebusy-unlinked-file-open", umount(point), EBUSY);
    close(fd);
    chdir(point);
    kt_expect_errno("umount-ebusy-cwd-inside", umount(point), EBUSY);
    chdir("/");
    kt_expect_errno("mount-ebusy-over-mount-root", mount(-1, point, "tmp", 0), EBUSY);
    if (kt_user_switch_works("test-devproc", 2)) {
        kt_check("mount-eperm-non-root", kt_run_as_user(mount_as_user, (void*)point) == EPERM, "not EPERM");
        kt_check("umount-eperm-non-root", kt_run_as_user(umount_as_user, (void*)point) == EPERM, "not EPERM");
    }
    kt_check("umount-after-close", umount(point) == 0, "%s", kt_errname(errno));
    kt_expect_errno("umount-ebusy-root", umount("/"), EBUSY);

    kt_expect_errno("mount-ext2-ebadf-no-fd", mount(-1, point, "ext2", 0), EBADF);
    int pipe_fds[2];
    pipe(pipe_fds);
    kt_expect_errno("mount-ext2-enotblk-pipe", mount(pipe_fds[0], point, "ext2", 0), ENOTBLK);
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    kt_write_file(kt_path("image"), "not ext2", 8, 0644);
    fd = open(kt_path("image"), O_RDONLY);
    kt_expect_errno("mount-ext2-enodev-not-an-image", mount(fd, point, "ext2", 0), ENODEV);
    close(fd);
    kt_expect_errno("mount-9p-ebadf-no-fd", mount(-1, point, "9p", 0), EBADF);
    kt_expect_errno("mount-bind-ebadf", mount(-1, point, "bind", MS_BIND), EBADF);
    kt_expect_errno("mount-enotdir-file-target", mount(-1, kt_path("image"), "tmp", 0), ENOTDIR);

    kt_check("mount-devfs-instance", mount(-1, point, "dev", 0) == 0 && S_ISCHR(kt_mode_of(kt_path("mnt/null"))),
        "%s", kt_errname(errno));
    kt_check("devfs-instance-null-works", kt_write_file(kt_path("mnt/null"), "x", 1, 0) == 0, "%s", kt_errname(errno));
    kt_check("umount-devfs-instance", umount(point) == 0 && kt_mode_of(kt_path("mnt/null")) == 0, "%s",
        kt_errname(errno));
}

static void test_mount(void)
{
    char point[KT_PATH_SIZE];
    kt_path_keep(point, "mnt");
    mkdir(point, 0755);
    struct stat under = { 0 }, over = { 0 };
    stat(point, &under);
    kt_check("mount-tmpfs", mount(-1, point, "tmp", 0) == 0, "%s", kt_errname(errno));
    kt_check("mount-point-shows-new-fs", stat(point, &over) == 0 && S_ISDIR(over.st_mode)
        && (over.st_dev != under.st_dev || over.st_ino != under.st_ino), "dev %u ino %u, before dev %u ino %u",
        (unsigned)over.st_dev, (unsigned)over.st_ino, (unsigned)under.st_dev, (unsigned)under.st_ino);
    kt_check("new-tmpfs-is-empty", kt_each_entry(point, NULL, NULL) == 0, "%s", kt_errname(errno));
    kt_check("tmpfs-file-round-trip", kt_write_file(kt_path("mnt/x"), "tmp", 3, 0644) == 0
        && kt_file_equals(kt_path("mnt/x"), "tmp", 3), "%s", kt_errname(errno));
    /* [74] "Cross-FS → EXDEV". */
    kt_expect_errno("link-exdev-out-of-tmp-mount", link(kt_path("mnt/x"), kt_path("x-link")), EXDEV);
    kt_expect_errno("rename-exdev-out-of-tmp-mount", rename(kt_path("mnt/x"), kt_path("x-moved")), EXDEV);
    kt_check("umount", umount(point) == 0, "%s", kt_errname(errno));
    kt_check("umount-uncovers-directory", kt_mode_of(kt_path("mnt/x")) == 0 && errno == ENOENT
        && stat(point, &over) == 0 && over.st_ino == under.st_ino && over.st_dev == under.st_dev, "mnt/x still there");
    /* [99] "Not a mount point → ENODEV." */
    kt_expect_errno("umount-enodev-not-a-mount-point", umount(point), ENODEV);
    kt_expect_errno("umount-enoent", umount(kt_path("missing")), ENOENT);
    /* [98] "Unknown type ... → ENODEV." */
    kt_expect_errno("mount-enodev-unknown-fs-type", mount(-1, point, "no-such-fs", 0), ENODEV);
    kt_expect_errno("mount-enoent-missing-target", mount(-1, kt_path("missing"), "tmp", 0), ENOENT);
    kt_expect_raw_error("mount-efault-params", syscall1(SC_mount, (uintptr_t)BAD_KERNEL_PTR), EFAULT);
    kt_check("sync-returns-0", syscall0(SC_sync) == 0, "%s", kt_errname(-(int)syscall0(SC_sync)));
    test_mount_read_only(point);
    test_mount_busy_and_types(point);
}

int main(void)
{
    snprintf(pid_text, sizeof(pid_text), "%d", getpid());
    if (kt_fs_begin("test-devproc") < 0)
        return kt_finish();
    test_dev_files();
    test_dev_zero_efault();
    test_ttys();
    test_proc_files();
    test_proc_fds();
    test_statvfs();
    test_inode_watcher();
    test_mount();
    umount(kt_path("mnt")); /* in case a case above left it mounted */
    return kt_fs_finish();
}
