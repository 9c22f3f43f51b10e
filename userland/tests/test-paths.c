/*
 * test-paths: the path syscalls (syscall numbers in brackets): stat/lstat
 * [29], mkdir [59], rmdir [67], unlink [65], link [74], symlink [77],
 * readlink [26], rename [84], chmod [68], fchmod [76], chown [75], fchown
 * [95], access [56], utime [61], mknod [87], realpath [107], getcwd [19],
 * chdir [23], fchdir [109], chroot [128] (in forked children), and
 * get_dir_entries [18] through opendir/readdir.
 *
 * Success paths and the errors of those rows: ENOENT, EEXIST, ENOTDIR,
 * EISDIR, ENOTEMPTY, EBUSY (rmdir "/"), EPERM (link of a directory, rename
 * of "/"), EXDEV (link and rename between the scratch file system and /dev
 * or /proc), EINVAL (readlink of a non-link, rename of or onto "."), ELOOP
 * (a two-link loop, a chain of 41 links), ENAMETOOLONG, EFAULT, and EACCES:
 * as root through execve of a file without an exec bit; the EACCES/EPERM
 * cases of a non-root caller run in children that setuid(1000) first, and
 * are left out (with a note saying so) when setuid does not work.
 *
 * Files live in /tmp/test-paths.<pid>, removed at the end. umask is 0 so
 * modes are exact. Runs as root.
 */
#include "ktest-fs.h"

#include <limits.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <syscall.h>
#include <utime.h>

#define HUGE_SIZE 0x80000000u /* > SSIZE_MAX */
#define CONTENT "content"
#define CONTENT_LENGTH 7
#define SYMLINK_LIMIT 40 /* links followed in one resolution; one more is ELOOP */

/* realpath of the scratch directory: what getcwd and realpath give for it. */
static char base[PATH_MAX];

static ino_t inode_of(const char* path)
{
    struct stat st = { 0 };
    return stat(path, &st) < 0 ? 0 : st.st_ino;
}

static int is_missing(const char* path)
{
    struct stat st = { 0 };
    return lstat(path, &st) < 0 && errno == ENOENT;
}

/* A PATH_MAX + 1 byte path ("/" then 'a's), too long for any path argument. */
static const char* too_long_path(void)
{
    static char path[PATH_MAX + 2];
    memset(path, 'a', PATH_MAX + 1);
    path[0] = '/';
    path[PATH_MAX + 1] = '\0';
    return path;
}

static StringArgument argument(const char* s)
{
    StringArgument a = { s, s ? strlen(s) : 0 };
    return a;
}

static const StringArgument bad_string = { BAD_KERNEL_PTR, 8 };

/* ---- stat ---- */

static void test_stat(void)
{
    struct stat st = { 0 };
    kt_check("stat-regular-file", stat(kt_path("file"), &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 07777) == 0644
        && st.st_size == CONTENT_LENGTH && st.st_nlink == 1 && st.st_uid == geteuid() && st.st_gid == getegid(),
        "mode 0%o size %lld nlink %u", st.st_mode, (long long)st.st_size, (unsigned)st.st_nlink);
    kt_check("stat-directory", S_ISDIR(kt_mode_of(kt_path("sub"))), "mode 0%o", kt_mode_of(kt_path("sub")));
    struct stat l = { 0 };
    kt_check("lstat-regular-file-same-as-stat", lstat(kt_path("file"), &l) == 0 && l.st_ino == st.st_ino
        && l.st_mode == st.st_mode, "%s", kt_errname(errno));
    kt_check("stat-dot-dot-is-parent", inode_of(kt_path("sub/..")) == inode_of(kt_scratch_path)
        && inode_of(kt_path("sub/.")) == inode_of(kt_path("sub")), "inodes differ");
    kt_check("stat-distinct-inodes", inode_of(kt_path("file")) != inode_of(kt_path("sub")), "same inode");
    kt_expect_errno("stat-enoent", stat(kt_path("missing"), &st), ENOENT);
    kt_expect_errno("stat-enoent-missing-parent", stat(kt_path("missing/x"), &st), ENOENT);
    kt_expect_errno("stat-enotdir-file-component", stat(kt_path("file/x"), &st), ENOTDIR);
    kt_expect_errno("stat-efault-buffer", stat(kt_path("file"), BAD_KERNEL_PTR), EFAULT);
    kt_expect_errno("stat-efault-buffer-ending-at-ceiling", stat(kt_path("file"), BAD_CEILING_PTR(sizeof(st))), EFAULT);
    kt_expect_raw_error("stat-efault-params", syscall1(SC_stat, (uintptr_t)BAD_KERNEL_PTR), EFAULT);
    SC_stat_params params = { AT_FDCWD, bad_string, &st, 1 };
    kt_expect_raw_error("stat-efault-path", syscall1(SC_stat, (uintptr_t)&params), EFAULT);
    kt_expect_errno("stat-einval-empty-path", stat("", &st), EINVAL);
    kt_expect_errno("stat-enametoolong", stat(too_long_path(), &st), ENAMETOOLONG);

    /* [29] dirfd is AT_FDCWD or a directory fd (EBADF / ENOTDIR). */
    int dir = open(kt_scratch_path, O_RDONLY | O_DIRECTORY);
    int file = open(kt_path("file"), O_RDONLY);
    kt_check("fstatat-relative-to-dirfd", fstatat(dir, "file", &st, 0) == 0 && st.st_size == CONTENT_LENGTH, "%s",
        kt_errname(errno));
    kt_expect_errno("fstatat-enotdir-dirfd-is-file", fstatat(file, "x", &st, 0), ENOTDIR);
    kt_expect_errno("fstatat-ebadf-dirfd", fstatat(900, "file", &st, 0), EBADF);
    close(dir);
    close(file);
}

/* ---- mkdir, rmdir, unlink ---- */

static void test_mkdir_rmdir_unlink(void)
{
    kt_check("mkdir", mkdir(kt_path("m"), 0750) == 0 && kt_mode_of(kt_path("m")) == (S_IFDIR | 0750), "%s mode 0%o",
        kt_errname(errno), kt_mode_of(kt_path("m")));
    kt_check("new-directory-is-empty", kt_each_entry(kt_path("m"), NULL, NULL) == 0, "%s", kt_errname(errno));
    umask(022);
    kt_check("mkdir-mode-masked-by-umask", mkdir(kt_path("m2"), 0777) == 0 && kt_mode_of(kt_path("m2")) == (S_IFDIR | 0755),
        "mode 0%o", kt_mode_of(kt_path("m2")));
    umask(0);
    /* [59] "Trailing slashes are trimmed." */
    kt_check("mkdir-trailing-slashes", mkdir(kt_path("t///"), 0755) == 0 && S_ISDIR(kt_mode_of(kt_path("t"))), "%s",
        kt_errname(errno));
    kt_expect_errno("mkdir-eexist-directory", mkdir(kt_path("m"), 0755), EEXIST);
    kt_expect_errno("mkdir-eexist-file", mkdir(kt_path("file"), 0755), EEXIST);
    kt_expect_errno("mkdir-enoent-missing-parent", mkdir(kt_path("missing/m"), 0755), ENOENT);
    kt_expect_errno("mkdir-enotdir-file-parent", mkdir(kt_path("file/m"), 0755), ENOTDIR);
    kt_expect_errno("mkdir-einval-empty-path", mkdir("", 0755), EINVAL);
    kt_expect_raw_error("mkdir-efault-path", syscall3(SC_mkdir, (uintptr_t)BAD_KERNEL_PTR, 8, 0755), EFAULT);

    kt_check("rmdir", rmdir(kt_path("m")) == 0 && is_missing(kt_path("m")), "%s", kt_errname(errno));
    kt_check("rmdir-trailing-slash", rmdir(kt_path("t/")) == 0 && is_missing(kt_path("t")), "%s", kt_errname(errno));
    kt_expect_errno("rmdir-enotempty", rmdir(kt_path("sub")), ENOTEMPTY);
    kt_expect_errno("rmdir-enotdir-file", rmdir(kt_path("file")), ENOTDIR);
    kt_expect_errno("rmdir-enoent", rmdir(kt_path("m")), ENOENT);
    kt_expect_errno("rmdir-ebusy-root", rmdir("/"), EBUSY);
    rmdir(kt_path("m2"));

    kt_write_file(kt_path("u"), "x", 1, 0644);
    kt_check("unlink", unlink(kt_path("u")) == 0 && is_missing(kt_path("u")), "%s", kt_errname(errno));
    kt_expect_errno("unlink-enoent", unlink(kt_path("u")), ENOENT);
    kt_expect_errno("unlink-eisdir-directory", unlink(kt_path("sub")), EISDIR);
    kt_expect_errno("unlink-enotdir-file-component", unlink(kt_path("file/x")), ENOTDIR);
    kt_expect_errno("unlink-einval-empty-path", unlink(""), EINVAL);
}

/* ---- link ---- */

static void test_link(void)
{
    struct stat a = { 0 }, b = { 0 };
    kt_check("link", link(kt_path("file"), kt_path("hard")) == 0, "%s", kt_errname(errno));
    kt_check("link-shares-inode", stat(kt_path("file"), &a) == 0 && stat(kt_path("hard"), &b) == 0 && a.st_ino == b.st_ino
        && a.st_nlink == 2 && b.st_nlink == 2, "inodes %u, %u, nlink %u", (unsigned)a.st_ino, (unsigned)b.st_ino,
        (unsigned)a.st_nlink);
    kt_write_file(kt_path("hard"), "changed", 7, 0644);
    kt_check("link-content-shared", kt_file_equals(kt_path("file"), "changed", 7), "content differs");
    kt_write_file(kt_path("file"), CONTENT, CONTENT_LENGTH, 0644);
    kt_check("unlink-one-link-keeps-other", unlink(kt_path("hard")) == 0 && stat(kt_path("file"), &a) == 0
        && a.st_nlink == 1 && kt_file_equals(kt_path("file"), CONTENT, CONTENT_LENGTH), "nlink %u", (unsigned)a.st_nlink);
    kt_expect_errno("link-eexist", link(kt_path("file"), kt_path("sub/inner")), EEXIST);
    kt_expect_errno("link-enoent-missing-old", link(kt_path("missing"), kt_path("l")), ENOENT);
    kt_expect_errno("link-enoent-missing-new-parent", link(kt_path("file"), kt_path("missing/l")), ENOENT);
    /* [74] "Directory → EPERM (link("/", ...) → EPERM)." */
    kt_expect_errno("link-eperm-directory", link(kt_path("sub"), kt_path("sub-link")), EPERM);
    kt_expect_errno("link-eperm-root", link("/", kt_path("root-link")), EPERM);
    /* [74] "Cross-FS → EXDEV": devfs and procfs are other file systems than the scratch directory's. */
    kt_expect_errno("link-exdev-into-dev", link(kt_path("file"), "/dev/tsos-test-link"), EXDEV);
    kt_expect_errno("link-exdev-into-proc", link(kt_path("file"), "/proc/tsos-test-link"), EXDEV);
    kt_expect_errno("link-exdev-from-dev", link("/dev/null", kt_path("null-link")), EXDEV);
    SC_link_params params = { bad_string, argument(kt_path("l")) };
    kt_expect_raw_error("link-efault-old-path", syscall1(SC_link, (uintptr_t)&params), EFAULT);
    kt_expect_raw_error("link-efault-params", syscall1(SC_link, (uintptr_t)BAD_KERNEL_PTR), EFAULT);
}

/* ---- symlink, readlink, ELOOP ---- */

static void make_symlink_chain(const char* prefix, int links)
{
    char name[32], target[32];
    for (int i = 1; i <= links; i++) {
        snprintf(name, sizeof(name), "%s%d", prefix, i);
        if (i == 1)
            snprintf(target, sizeof(target), "file");
        else
            snprintf(target, sizeof(target), "%s%d", prefix, i - 1);
        symlink(target, kt_path(name));
    }
}

static void test_symlink(void)
{
    kt_check("symlink", symlink("file", kt_path("sym")) == 0, "%s", kt_errname(errno));
    struct stat st = { 0 };
    kt_check("lstat-symlink", lstat(kt_path("sym"), &st) == 0 && S_ISLNK(st.st_mode), "mode 0%o", st.st_mode);
    kt_check("stat-follows-symlink", stat(kt_path("sym"), &st) == 0 && S_ISREG(st.st_mode) && st.st_ino == inode_of(kt_path("file")),
        "mode 0%o", st.st_mode);
    kt_check("open-follows-symlink", kt_file_equals(kt_path("sym"), CONTENT, CONTENT_LENGTH), "content differs");
    symlink("sub", kt_path("sub-sym"));
    kt_check("symlink-to-directory-as-path-component", S_ISREG(kt_mode_of(kt_path("sub-sym/inner"))), "%s",
        kt_errname(errno));

    char buf[64];
    memset(buf, '#', sizeof(buf));
    kt_check("readlink", readlink(kt_path("sym"), buf, sizeof(buf)) == 4 && !memcmp(buf, "file#", 5), "got \"%.8s\"",
        buf);
    /* [26] "Copies min(target length, buffer size) bytes with no NUL. Returns the full target length." */
    memset(buf, '#', sizeof(buf));
    SC_readlink_params params = { argument(kt_path("sym")), { buf, 2 } };
    kt_check("readlink-short-buffer-returns-full-length", syscall1(SC_readlink, (uintptr_t)&params) == 4
        && !memcmp(buf, "fi#", 3), "got \"%.4s\"", buf);
    kt_expect_errno("readlink-einval-not-symlink", readlink(kt_path("file"), buf, sizeof(buf)), EINVAL);
    kt_expect_errno("readlink-einval-directory", readlink(kt_path("sub"), buf, sizeof(buf)), EINVAL);
    kt_expect_errno("readlink-enoent", readlink(kt_path("missing"), buf, sizeof(buf)), ENOENT);
    kt_expect_errno("readlink-efault-buffer", readlink(kt_path("sym"), BAD_KERNEL_PTR, 16), EFAULT);
    kt_expect_raw_error("readlink-efault-params", syscall1(SC_readlink, (uintptr_t)BAD_KERNEL_PTR), EFAULT);

    kt_expect_errno("symlink-eexist", symlink("x", kt_path("sym")), EEXIST);
    kt_expect_errno("symlink-eexist-over-file", symlink("x", kt_path("file")), EEXIST);
    kt_expect_errno("symlink-enoent-missing-parent", symlink("x", kt_path("missing/s")), ENOENT);
    kt_expect_errno("symlink-einval-empty-target", symlink("", kt_path("empty-target")), EINVAL);
    SC_symlink_params sp = { bad_string, argument(kt_path("s")) };
    kt_expect_raw_error("symlink-efault-target", syscall1(SC_symlink, (uintptr_t)&sp), EFAULT);

    kt_check("symlink-dangling", symlink("nowhere", kt_path("dangling")) == 0 && lstat(kt_path("dangling"), &st) == 0
        && S_ISLNK(st.st_mode), "%s", kt_errname(errno));
    kt_expect_errno("stat-dangling-symlink-enoent", stat(kt_path("dangling"), &st), ENOENT);
    kt_check("unlink-symlink-keeps-target", unlink(kt_path("sym")) == 0 && is_missing(kt_path("sym"))
        && S_ISREG(kt_mode_of(kt_path("file"))), "%s", kt_errname(errno));

    symlink("loop-b", kt_path("loop-a"));
    symlink("loop-a", kt_path("loop-b"));
    kt_expect_errno("stat-eloop-two-link-loop", stat(kt_path("loop-a"), &st), ELOOP);
    kt_expect_errno("open-eloop-two-link-loop", open(kt_path("loop-a"), O_RDONLY), ELOOP);
    kt_check("lstat-does-not-follow-loop", lstat(kt_path("loop-a"), &st) == 0 && S_ISLNK(st.st_mode), "%s",
        kt_errname(errno));
    /* [1] ELOOP; O_NOFOLLOW on a final symlink is refused. */
    symlink("file", kt_path("sym"));
    kt_expect_errno("open-nofollow-symlink-eloop", open(kt_path("sym"), O_RDONLY | O_NOFOLLOW), ELOOP);
    int fd = open(kt_path("file"), O_RDONLY | O_NOFOLLOW);
    kt_check("open-nofollow-regular-file", fd >= 0, "%s", kt_errname(errno));
    close(fd);

    /* c1 -> file, c2 -> c1, ...: the reference follows up to 40 links in one lookup, like Linux. */
    make_symlink_chain("c", SYMLINK_LIMIT + 1);
    char name[32];
    snprintf(name, sizeof(name), "c%d", SYMLINK_LIMIT);
    kt_check("symlink-chain-of-40-resolves", stat(kt_path(name), &st) == 0 && S_ISREG(st.st_mode), "%s",
        kt_errname(errno));
    snprintf(name, sizeof(name), "c%d", SYMLINK_LIMIT + 1);
    kt_expect_errno("symlink-chain-of-41-eloop", stat(kt_path(name), &st), ELOOP);
}

/* ---- rename ---- */

static void test_rename(void)
{
    kt_write_file(kt_path("r1"), "one", 3, 0644);
    kt_write_file(kt_path("r3"), "three", 5, 0644);
    ino_t inode = inode_of(kt_path("r1"));
    kt_check("rename-file", rename(kt_path("r1"), kt_path("r2")) == 0 && is_missing(kt_path("r1"))
        && inode_of(kt_path("r2")) == inode && kt_file_equals(kt_path("r2"), "one", 3), "%s", kt_errname(errno));
    kt_check("rename-replaces-existing-file", rename(kt_path("r2"), kt_path("r3")) == 0 && is_missing(kt_path("r2"))
        && kt_file_equals(kt_path("r3"), "one", 3), "%s", kt_errname(errno));
    mkdir(kt_path("rd"), 0755);
    kt_write_file(kt_path("rd/x"), "x", 1, 0644);
    kt_check("rename-directory", rename(kt_path("rd"), kt_path("rd2")) == 0 && is_missing(kt_path("rd"))
        && kt_file_equals(kt_path("rd2/x"), "x", 1), "%s", kt_errname(errno));
    kt_check("rename-into-other-directory", rename(kt_path("r3"), kt_path("rd2/r3")) == 0
        && kt_file_equals(kt_path("rd2/r3"), "one", 3), "%s", kt_errname(errno));
    kt_expect_errno("rename-enoent-missing-old", rename(kt_path("r1"), kt_path("r9")), ENOENT);
    kt_expect_errno("rename-enoent-missing-new-parent", rename(kt_path("rd2/r3"), kt_path("missing/r3")), ENOENT);
    /* [84] "A file onto a directory → EISDIR", "Moving a directory into itself → EDIRINTOSELF". */
    kt_expect_errno("rename-eisdir-file-onto-directory", rename(kt_path("rd2/r3"), kt_path("sub")), EISDIR);
    kt_expect_errno("rename-edirintoself", rename(kt_path("rd2"), kt_path("rd2/inside")), EDIRINTOSELF);
    /*
     * [84] "Basename empty, "." or ".." → EINVAL". The row does not say which
     * path; we take it to hold for both, so renaming "." and renaming onto "."
     * are both EINVAL. The one moved onto "." is an empty directory, so no
     * file-onto-directory EISDIR can come first.
     */
    mkdir(kt_path("rdot"), 0755);
    kt_expect_errno("rename-einval-old-basename-dot", rename(kt_path("rd2/."), kt_path("rd3")), EINVAL);
    kt_expect_errno("rename-einval-onto-dot", rename(kt_path("rdot"), kt_path("sub/.")), EINVAL);
    kt_check("rename-failures-left-files", S_ISREG(kt_mode_of(kt_path("rd2/r3"))) && S_ISDIR(kt_mode_of(kt_path("rd2")))
        && S_ISDIR(kt_mode_of(kt_path("rdot"))) && S_ISREG(kt_mode_of(kt_path("sub/inner"))), "a file or directory is gone");
    /* [84] "a missing parent (e.g. renaming "/") → EPERM", "Different FS → EXDEV". */
    kt_expect_errno("rename-eperm-root", rename("/", kt_path("root")), EPERM);
    kt_expect_errno("rename-exdev-into-proc", rename(kt_path("rd2/r3"), "/proc/tsos-test-renamed"), EXDEV);
    kt_expect_errno("rename-exdev-into-dev", rename(kt_path("rd2/r3"), "/dev/tsos-test-renamed"), EXDEV);
    kt_expect_raw_error("rename-efault-params", syscall1(SC_rename, (uintptr_t)BAD_KERNEL_PTR), EFAULT);
    SC_rename_params params = { argument(kt_path("rd2/r3")), bad_string };
    kt_expect_raw_error("rename-efault-new-path", syscall1(SC_rename, (uintptr_t)&params), EFAULT);
}

/* ---- chmod, chown, access, utime, mknod ---- */

static void test_modes_and_owners(void)
{
    char path[KT_PATH_SIZE];
    kt_path_keep(path, "owned");
    kt_write_file(path, "o", 1, 0644);
    kt_check("chmod", chmod(path, 0600) == 0 && kt_mode_of(path) == (S_IFREG | 0600), "mode 0%o", kt_mode_of(path));
    kt_check("chmod-setuid-bits", chmod(path, 06755) == 0 && kt_mode_of(path) == (S_IFREG | 06755), "mode 0%o",
        kt_mode_of(path));
    kt_check("chmod-directory", chmod(kt_path("sub"), 0700) == 0 && kt_mode_of(kt_path("sub")) == (S_IFDIR | 0700),
        "mode 0%o", kt_mode_of(kt_path("sub")));
    chmod(kt_path("sub"), 0755);
    kt_expect_errno("chmod-enoent", chmod(kt_path("missing"), 0644), ENOENT);
    int fd = open(path, O_RDONLY);
    struct stat st = { 0 };
    kt_check("fchmod", fchmod(fd, 0640) == 0 && fstat(fd, &st) == 0 && st.st_mode == (S_IFREG | 0640), "mode 0%o",
        st.st_mode);
    kt_expect_errno("fchmod-ebadf", fchmod(900, 0644), EBADF);

    kt_check("chown", chown(path, 100, 200) == 0 && stat(path, &st) == 0 && st.st_uid == 100 && st.st_gid == 200,
        "%s uid %u gid %u", kt_errname(errno), (unsigned)st.st_uid, (unsigned)st.st_gid);
    kt_check("chown-minus-1-keeps-value", chown(path, (uid_t)-1, 300) == 0 && stat(path, &st) == 0 && st.st_uid == 100
        && st.st_gid == 300, "uid %u gid %u", (unsigned)st.st_uid, (unsigned)st.st_gid);
    kt_check("fchown", fchown(fd, 0, 0) == 0 && fstat(fd, &st) == 0 && st.st_uid == 0 && st.st_gid == 0,
        "uid %u gid %u", (unsigned)st.st_uid, (unsigned)st.st_gid);
    /* [75] "Clears SUID/SGID." */
    chmod(path, 06755);
    kt_check("chown-clears-setuid-setgid", chown(path, 0, 0) == 0 && (kt_mode_of(path) & 06000) == 0, "mode 0%o",
        kt_mode_of(path));
    kt_expect_errno("chown-enoent", chown(kt_path("missing"), 0, 0), ENOENT);
    kt_expect_errno("fchown-ebadf", fchown(900, 0, 0), EBADF);
    kt_expect_raw_error("chown-efault-params", syscall1(SC_chown, (uintptr_t)BAD_KERNEL_PTR), EFAULT);
    close(fd);

    chmod(path, 0);
    kt_check("access-f-ok", access(path, F_OK) == 0, "%s", kt_errname(errno));
    kt_check("access-root-reads-and-writes-mode-0", access(path, R_OK | W_OK) == 0, "%s", kt_errname(errno));
    kt_expect_errno("access-enoent", access(kt_path("missing"), F_OK), ENOENT);
    kt_expect_errno("access-enotdir", access(kt_path("file/x"), F_OK), ENOTDIR);
    chmod(path, 0644);

    struct utimbuf times = { 1000, 2000 };
    kt_check("utime-sets-times", utime(path, &times) == 0 && stat(path, &st) == 0 && st.st_atime == 1000
        && st.st_mtime == 2000, "%s atime %lld mtime %lld", kt_errname(errno), (long long)st.st_atime,
        (long long)st.st_mtime);
    kt_check("utime-null-means-now", utime(path, NULL) == 0 && stat(path, &st) == 0 && st.st_mtime != 2000, "%s",
        kt_errname(errno));
    kt_expect_errno("utime-enoent", utime(kt_path("missing"), &times), ENOENT);
    kt_expect_errno("utime-efault-buffer", utime(path, BAD_KERNEL_PTR), EFAULT);

    kt_check("mknod-fifo", mknod(kt_path("fifo"), S_IFIFO | 0600, 0) == 0 && kt_mode_of(kt_path("fifo")) == (S_IFIFO | 0600),
        "%s mode 0%o", kt_errname(errno), kt_mode_of(kt_path("fifo")));
    kt_check("mkfifo", mkfifo(kt_path("fifo2"), 0644) == 0 && S_ISFIFO(kt_mode_of(kt_path("fifo2"))), "%s",
        kt_errname(errno));
    kt_check("mknod-regular", mknod(kt_path("regular"), S_IFREG | 0640, 0) == 0
        && stat(kt_path("regular"), &st) == 0 && st.st_mode == (S_IFREG | 0640) && st.st_size == 0, "%s mode 0%o",
        kt_errname(errno), st.st_mode);
    kt_check("mknod-char-device-as-root", mknod(kt_path("chr"), S_IFCHR | 0600, 0x0103) == 0
        && S_ISCHR(kt_mode_of(kt_path("chr"))), "%s", kt_errname(errno));
    kt_expect_errno("mknod-eexist", mknod(kt_path("fifo"), S_IFIFO | 0600, 0), EEXIST);
    kt_expect_errno("mknod-enoent-missing-parent", mknod(kt_path("missing/f"), S_IFIFO | 0600, 0), ENOENT);
    kt_expect_raw_error("mknod-efault-params", syscall1(SC_mknod, (uintptr_t)BAD_KERNEL_PTR), EFAULT);
}

/* ---- realpath, getcwd, chdir, fchdir ---- */

static int cwd_is(const char* expected)
{
    char cwd[PATH_MAX];
    return getcwd(cwd, sizeof(cwd)) && !strcmp(cwd, expected);
}

static void test_cwd(void)
{
    char expected[PATH_MAX + 16], got[PATH_MAX];
    kt_check("realpath-of-scratch", realpath(kt_scratch_path, base) == base && base[0] == '/', "%s", kt_errname(errno));
    snprintf(expected, sizeof(expected), "%s/file", base);
    kt_check("realpath-removes-dot-dot", realpath(kt_path("sub/../file"), got) && !strcmp(got, expected), "got %s",
        got);
    snprintf(expected, sizeof(expected), "%s/sub", base);
    kt_check("realpath-follows-symlink", realpath(kt_path("sub-sym"), got) && !strcmp(got, expected), "got %s", got);
    kt_check("realpath-root", realpath("/", got) && !strcmp(got, "/"), "got %s", got);
    kt_check("realpath-enoent", !realpath(kt_path("missing"), got) && errno == ENOENT, "%s", kt_errname(errno));
    /* [107] "Copies min(len+1, buffer size) bytes. Returns the full len+1." */
    memset(got, '#', 8);
    SC_realpath_params params = { argument(kt_scratch_path), { got, 2 } };
    kt_check("realpath-returns-length-plus-1", (size_t)syscall1(SC_realpath, (uintptr_t)&params) == strlen(base) + 1
        && got[0] == base[0] && got[1] == base[1] && got[2] == '#', "got \"%.3s\"", got);
    kt_expect_raw_error("realpath-efault-params", syscall1(SC_realpath, (uintptr_t)BAD_KERNEL_PTR), EFAULT);

    kt_check("chdir-then-getcwd", chdir(kt_scratch_path) == 0 && cwd_is(base), "%s", kt_errname(errno));
    /* [19] "Returns the full length+1, so a zero size can be used as a probe." */
    size_t length = strlen(base);
    kt_check("getcwd-size-0-probe-returns-length-plus-1", syscall2(SC_getcwd, 0, 0) == length + 1, "got %d",
        (int)syscall2(SC_getcwd, 0, 0));
    memset(got, '#', 8);
    kt_check("getcwd-short-buffer-copies-prefix", syscall2(SC_getcwd, (uintptr_t)got, 3) == length + 1
        && !memcmp(got, base, 3) && got[3] == '#', "got \"%.4s\"", got);
    kt_expect_errno("getcwd-libc-erange-short-buffer", getcwd(got, 3) ? 0 : -1, ERANGE);
    kt_expect_raw_error("getcwd-efault", syscall2(SC_getcwd, (uintptr_t)BAD_KERNEL_PTR, 64), EFAULT);
    kt_expect_raw_error("getcwd-einval-huge-size", syscall2(SC_getcwd, (uintptr_t)got, HUGE_SIZE), EINVAL);
    kt_check("relative-open-after-chdir", kt_file_equals("file", CONTENT, CONTENT_LENGTH), "%s", kt_errname(errno));

    snprintf(expected, sizeof(expected), "%s/sub", base);
    kt_check("chdir-relative", chdir("sub") == 0 && cwd_is(expected), "%s", kt_errname(errno));
    kt_check("chdir-dot-dot-from-subdirectory", chdir("..") == 0 && cwd_is(base), "%s", kt_errname(errno));
    kt_expect_errno("chdir-enoent", chdir("missing"), ENOENT);
    kt_expect_errno("chdir-enotdir", chdir("file"), ENOTDIR);
    kt_expect_errno("chdir-einval-empty-path", chdir(""), EINVAL);
    kt_check("chdir-failures-keep-cwd", cwd_is(base), "cwd moved");

    int dir = open("sub", O_RDONLY | O_DIRECTORY);
    int file = open("file", O_RDONLY);
    kt_check("fchdir", fchdir(dir) == 0 && cwd_is(expected), "%s", kt_errname(errno));
    kt_expect_errno("fchdir-enotdir", fchdir(file), ENOTDIR);
    kt_expect_errno("fchdir-ebadf", fchdir(-1), EBADF);
    close(dir);
    close(file);

    /* TestIo: creating a file in a removed cwd → ENOENT. */
    mkdir(kt_path("gone"), 0755);
    chdir(kt_path("gone"));
    kt_check("rmdir-own-cwd", rmdir(kt_path("gone")) == 0, "%s", kt_errname(errno));
    kt_expect_errno("create-in-removed-cwd-enoent", open("new", O_CREAT | O_WRONLY, 0644), ENOENT);
    kt_expect_errno("mkdir-in-removed-cwd-enoent", mkdir("new-dir", 0755), ENOENT);
    chdir(kt_scratch_path);
}

/* ---- chroot (in children) ---- */

/* Exit status: 0 when the jail holds, else the number of the failed check. */
static int chroot_child(void* unused)
{
    (void)unused;
    struct stat st = { 0 };
    if (chroot(kt_path("jail")) < 0)
        return 10 + errno % 100;
    if (stat("/inside", &st) < 0)
        return 1;
    if (stat("/../../inside", &st) < 0)
        return 2;
    /* The scratch directory is outside the new root. */
    if (stat(kt_scratch_path, &st) == 0 || errno != ENOENT)
        return 3;
    if (chdir("/") < 0 || !cwd_is("/"))
        return 4;
    if (chdir("..") < 0 || !cwd_is("/"))
        return 5;
    return 0;
}

static int chroot_errno_child(void* path)
{
    return chroot(path) < 0 ? errno : 0;
}

static void test_chroot(void)
{
    mkdir(kt_path("jail"), 0755);
    kt_write_file(kt_path("jail/inside"), "in", 2, 0644);
    int status = kt_run_in_child(chroot_child, NULL);
    kt_check("chroot-confines-lookups", status == 0, "child returned %d (10+errno: chroot failed; 1-5: check)", status);
    kt_check("chroot-in-child-leaves-parent-root", kt_file_equals(kt_path("jail/inside"), "in", 2), "parent lost /tmp");
    status = kt_run_in_child(chroot_errno_child, (void*)kt_path("missing"));
    kt_check("chroot-enoent", status == ENOENT, "child returned %d", status);
    status = kt_run_in_child(chroot_errno_child, (void*)kt_path("file"));
    kt_check("chroot-enotdir", status == ENOTDIR, "child returned %d", status);
}

/* ---- directory listing ---- */

struct listing {
    unsigned seen; /* bit i: names[i] */
    int unexpected;
};

static const char* const listed_names[] = { "a", "bb", "ccc" };

static void note_entry(const char* name, void* arg)
{
    struct listing* listing = arg;
    for (unsigned i = 0; i < 3; i++) {
        if (!strcmp(name, listed_names[i])) {
            listing->seen |= 1u << i;
            return;
        }
    }
    listing->unexpected++;
}

/* readdir lists a directory whose records are several times 4096 bytes (libc grows its buffer on EINVAL). */
static void test_readdir_large_directory(void)
{
    enum { FILES = 400 };
    char name[128];
    mkdir(kt_path("large"), 0755);
    int made = 0;
    for (int i = 0; i < FILES; i++) {
        snprintf(name, sizeof(name), "%s/a-rather-long-file-name-to-fill-records-%04d", kt_path("large"), i);
        int fd = open(name, O_WRONLY | O_CREAT, 0644);
        made += fd >= 0;
        close(fd);
    }
    int listed = kt_each_entry(kt_path("large"), NULL, NULL);
    kt_check("readdir-large-directory", made == FILES && listed == FILES, "%d made, %d listed", made, listed);
    for (int i = 0; i < FILES; i++) {
        snprintf(name, sizeof(name), "%s/a-rather-long-file-name-to-fill-records-%04d", kt_path("large"), i);
        unlink(name);
    }
    rmdir(kt_path("large"));
}

static void test_readdir(void)
{
    mkdir(kt_path("list"), 0755);
    kt_write_file(kt_path("list/a"), "a", 1, 0644);
    kt_write_file(kt_path("list/bb"), "b", 1, 0644);
    mkdir(kt_path("list/ccc"), 0755);
    struct listing listing = { 0, 0 };
    int count = kt_each_entry(kt_path("list"), note_entry, &listing);
    kt_check("readdir-lists-every-entry", count == 3 && listing.seen == 7 && !listing.unexpected,
        "%d entries, seen 0x%x, %d unexpected", count, listing.seen, listing.unexpected);

    DIR* dir = opendir(kt_path("list"));
    int types_ok = dir != NULL, entries = 0;
    struct dirent* entry;
    while (dir && (entry = readdir(dir))) {
        entries++;
        if (entry->d_type == DT_UNKNOWN)
            continue;
        if (!strcmp(entry->d_name, "ccc") || !strcmp(entry->d_name, ".") || !strcmp(entry->d_name, ".."))
            types_ok &= entry->d_type == DT_DIR;
        else
            types_ok &= entry->d_type == DT_REG;
    }
    kt_check("readdir-entry-types", types_ok && entries >= 3, "%d entries", entries);
    if (dir)
        closedir(dir);
    kt_check("readdir-after-unlink", unlink(kt_path("list/bb")) == 0 && kt_each_entry(kt_path("list"), NULL, NULL) == 2,
        "%s", kt_errname(errno));
    kt_check("opendir-enoent", !opendir(kt_path("missing")) && errno == ENOENT, "%s", kt_errname(errno));
    kt_check("opendir-enotdir", !opendir(kt_path("file")) && errno == ENOTDIR, "%s", kt_errname(errno));

    char records[512];
    int fd = open(kt_path("file"), O_RDONLY);
    kt_expect_errno("get-dir-entries-enotdir-file", get_dir_entries(fd, records, sizeof(records)), ENOTDIR);
    close(fd);
    kt_expect_errno("get-dir-entries-ebadf", get_dir_entries(fd, records, sizeof(records)), EBADF);
    fd = open(kt_path("list"), O_RDONLY | O_DIRECTORY);
    kt_expect_errno("get-dir-entries-efault", get_dir_entries(fd, BAD_KERNEL_PTR, 4096), EFAULT);
    kt_expect_errno("get-dir-entries-einval-huge-size", get_dir_entries(fd, records, HUGE_SIZE), EINVAL);
    /* The reference's semantics: every call gives the whole directory; too small a buffer is EINVAL. */
    ssize_t whole = get_dir_entries(fd, records, sizeof(records));
    ssize_t again = get_dir_entries(fd, records, sizeof(records));
    kt_check("get-dir-entries-whole-directory-each-call", whole >= 3 * 9 && again == whole, "%zd then %zd", whole, again);
    kt_expect_errno("get-dir-entries-einval-one-byte-short", get_dir_entries(fd, records, whole - 1), EINVAL);
    kt_check("get-dir-entries-exact-size", get_dir_entries(fd, records, whole) == whole, "%s", kt_errname(errno));
    close(fd);
    test_readdir_large_directory();
}

/* ---- ENAMETOOLONG ---- */

static void test_name_lengths(void)
{
    const char* path = too_long_path();
    kt_expect_errno("mkdir-enametoolong", mkdir(path, 0755), ENAMETOOLONG);
    kt_expect_errno("unlink-enametoolong", unlink(path), ENAMETOOLONG);
    kt_expect_errno("chdir-enametoolong", chdir(path), ENAMETOOLONG);
    kt_expect_errno("rmdir-enametoolong", rmdir(path), ENAMETOOLONG);
    kt_expect_errno("symlink-enametoolong-linkpath", symlink("x", path), ENAMETOOLONG);
    kt_expect_errno("access-enametoolong", access(path, F_OK), ENAMETOOLONG);
    kt_expect_errno("chmod-enametoolong", chmod(path, 0644), ENAMETOOLONG);

    /* NAME_MAX (f_namemax) is 255: a 255-byte name is fine, 256 bytes are too long for the file system. */
    char name[NAME_MAX + 2];
    memset(name, 'n', sizeof(name));
    name[NAME_MAX] = '\0';
    int fd = open(kt_path(name), O_CREAT | O_WRONLY, 0644);
    kt_check("create-name-of-255-bytes", fd >= 0 && S_ISREG(kt_mode_of(kt_path(name))), "%s", kt_errname(errno));
    close(fd);
    name[NAME_MAX] = 'n';
    name[NAME_MAX + 1] = '\0';
    kt_expect_errno("create-name-of-256-bytes-enametoolong", open(kt_path(name), O_CREAT | O_WRONLY, 0644), ENAMETOOLONG);
}

/* ---- EACCES and EPERM ---- */

static int execve_errno_child(void* path)
{
    char* argv[] = { path, NULL };
    char* envp[] = { NULL };
    execve(path, argv, envp);
    return errno;
}

static void test_exec_permission(void)
{
    kt_write_file(kt_path("no-exec"), "#!/bin/echo-args\n", 17, 0644);
    /* [36] "Opens with O_EXEC, which needs ... the exec permission bit" (root too). */
    int status = kt_run_in_child(execve_errno_child, (void*)kt_path("no-exec"));
    kt_check("execve-eacces-no-exec-bit", status == EACCES, "child returned %d", status);
    status = kt_run_in_child(execve_errno_child, (void*)kt_path("sub"));
    kt_check("execve-eacces-directory", status == EACCES, "child returned %d", status);
}

static int op_open_private_file(void) { return open(kt_path("private-file"), O_RDONLY); }
static int op_open_private_file_for_writing(void) { return open(kt_path("private-file"), O_WRONLY); }
static int op_access_private_file(void) { return access(kt_path("private-file"), R_OK); }
static int op_mkdir_in_root_dir(void) { return mkdir(kt_path("sub/new"), 0755); }
static int op_create_in_root_dir(void) { return open(kt_path("sub/new"), O_CREAT | O_WRONLY, 0644); }
static int op_unlink_in_root_dir(void) { return unlink(kt_path("sub/inner")); }
static int op_rmdir_in_root_dir(void) { return rmdir(kt_path("sub/empty")); }
static int op_link_into_root_dir(void) { return link(kt_path("open/mine"), kt_path("sub/link")); }
static int op_rename_into_root_dir(void) { return rename(kt_path("open/mine"), kt_path("sub/mine")); }
static int op_chdir_private_dir(void) { return chdir(kt_path("private-dir")); }
static int op_stat_through_private_dir(void)
{
    struct stat st = { 0 };
    return stat(kt_path("private-dir/x"), &st);
}
static int op_chmod_root_file(void) { return chmod(kt_path("file"), 0777); }
static int op_chown_root_file(void) { return chown(kt_path("file"), KT_USER_ID, KT_USER_ID); }
static int op_chown_own_file_to_root(void) { return chown(kt_path("open/mine"), 0, 0); }
static int op_chroot(void) { return chroot(kt_path("jail")); }
static int op_mknod_char_device(void) { return mknod(kt_path("open/chr"), S_IFCHR | 0600, 0x0103); }
static int op_mknod_fifo(void) { return mknod(kt_path("open/fifo"), S_IFIFO | 0600, 0); }
static int op_create_in_open_dir(void) { return open(kt_path("open/created"), O_CREAT | O_WRONLY, 0644); }
static int op_utime_root_file(void)
{
    struct utimbuf times = { 1, 2 };
    return utime(kt_path("file"), &times);
}

struct user_case {
    const char* name;
    int (*op)(void);
    int expected;  /* an errno, or 0 for success */
    int alternate; /* a second errno the row also allows, or 0 */
};

static const struct user_case user_cases[] = {
    { "nonroot-open-0600-file-eacces", op_open_private_file, EACCES, 0 },
    { "nonroot-open-0600-file-for-writing-eacces", op_open_private_file_for_writing, EACCES, 0 },
    { "nonroot-access-0600-file-eacces", op_access_private_file, EACCES, 0 },
    { "nonroot-mkdir-in-0755-root-dir-eacces", op_mkdir_in_root_dir, EACCES, 0 },
    { "nonroot-create-in-0755-root-dir-eacces", op_create_in_root_dir, EACCES, 0 },
    { "nonroot-unlink-in-0755-root-dir-eacces", op_unlink_in_root_dir, EACCES, 0 },
    { "nonroot-rmdir-in-0755-root-dir-eacces", op_rmdir_in_root_dir, EACCES, 0 },
    { "nonroot-link-into-0755-root-dir-eacces", op_link_into_root_dir, EACCES, 0 },
    { "nonroot-rename-into-0755-root-dir-eacces", op_rename_into_root_dir, EACCES, 0 },
    { "nonroot-chdir-0700-dir-eacces", op_chdir_private_dir, EACCES, 0 },
    { "nonroot-lookup-through-0700-dir-eacces", op_stat_through_private_dir, EACCES, 0 },
    { "nonroot-chmod-root-file-eperm", op_chmod_root_file, EPERM, 0 },
    { "nonroot-chown-root-file-eperm", op_chown_root_file, EPERM, 0 },
    { "nonroot-chown-own-file-to-root-eperm", op_chown_own_file_to_root, EPERM, 0 },
    { "nonroot-chroot-eperm", op_chroot, EPERM, 0 },
    { "nonroot-mknod-char-device-eperm", op_mknod_char_device, EPERM, 0 },
    /* [61] "VFS permission errors (EPERM/EACCES/EROFS)": either is the row's. */
    { "nonroot-utime-root-file-denied", op_utime_root_file, EPERM, EACCES },
    { "nonroot-create-in-0777-dir", op_create_in_open_dir, 0, 0 },
    { "nonroot-mknod-fifo-in-0777-dir", op_mknod_fifo, 0, 0 },
};

/* Runs one case (as KT_USER_ID): exit 0 or the errno. */
static int run_user_case(void* arg)
{
    const struct user_case* c = arg;
    return c->op() < 0 ? errno : 0;
}

static void test_non_root(void)
{
    kt_write_file(kt_path("private-file"), "secret", 6, 0600);
    mkdir(kt_path("private-dir"), 0700);
    kt_write_file(kt_path("private-dir/x"), "x", 1, 0644);
    mkdir(kt_path("sub/empty"), 0755);
    mkdir(kt_path("open"), 0777);
    kt_write_file(kt_path("open/mine"), "mine", 4, 0644);
    chown(kt_path("open/mine"), KT_USER_ID, KT_USER_ID);

    size_t count = sizeof(user_cases) / sizeof(user_cases[0]);
    if (!kt_user_switch_works("test-paths", count + 1))
        return;
    for (size_t i = 0; i < count; i++) {
        const struct user_case* c = &user_cases[i];
        int status = kt_run_as_user(run_user_case, (void*)c);
        kt_check(c->name, status == c->expected || (c->alternate && status == c->alternate), "child returned %d (%s)",
            status, status > 0 && status < EMAXERRNO ? kt_errname(status) : "not an errno");
    }
    struct stat st = { 0 };
    kt_check("nonroot-created-file-owned-by-user", stat(kt_path("open/created"), &st) == 0 && st.st_uid == KT_USER_ID
        && st.st_gid == KT_USER_ID, "%s uid %u gid %u", kt_errname(errno), (unsigned)st.st_uid, (unsigned)st.st_gid);
}

int main(void)
{
    umask(0);
    if (kt_fs_begin("test-paths") < 0)
        return kt_finish();
    kt_write_file(kt_path("file"), CONTENT, CONTENT_LENGTH, 0644);
    mkdir(kt_path("sub"), 0755);
    kt_write_file(kt_path("sub/inner"), "inner", 5, 0644);

    test_stat();
    test_mkdir_rmdir_unlink();
    test_link();
    test_symlink();
    test_rename();
    test_modes_and_owners();
    test_cwd();
    test_chroot();
    test_readdir();
    test_name_lengths();
    test_exec_permission();
    test_non_root();
    return kt_fs_finish();
}
