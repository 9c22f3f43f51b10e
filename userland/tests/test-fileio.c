/*
 * test-fileio: the file-descriptor syscalls on regular files, directories,
 * pipes and /dev/zero (syscall numbers in brackets): open [1], close [2],
 * read [3], lseek [4], write [27], readv [147], writev [88], ftruncate [85],
 * fstat [55], dup2 [37], fcntl [57].
 *
 * Success paths (O_APPEND, O_TRUNC, reads at and past EOF, a sparse write
 * past EOF, an unlinked file that lives on until close), how descriptions
 * are shared (fork, dup2, F_DUPFD, execve keeping a plain fd), FD_CLOEXEC
 * (O_CLOEXEC, F_SETFD, dup2 clearing it, execve closing it: the test
 * re-executes itself with argv[1] = "--cloexec-child"), and each error of
 * those rows: EBADF, EFAULT, EINVAL, EISDIR, ENOTDIR, EEXIST, ENOENT,
 * ENAMETOOLONG, ESPIPE, EMFILE (1024 fds at most).
 *
 * Files live in /tmp/test-fileio.<pid>, removed at the end. umask is 0 so
 * modes are exact. Runs as root.
 */
#include "ktest-fs.h"

#include <limits.h>
#include <stdlib.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <syscall.h>

#define SELF "/usr/tests/test-fileio"
#define CHILD_MODE "--cloexec-child"
#define MAX_FDS 1024
#define HUGE_SIZE 0x80000000u /* > SSIZE_MAX */
#define DIGITS "0123456789"
/* Kernel-internal open flags a caller may not pass [1]. */
#define O_NOFOLLOW_NOERROR (1 << 29)
#define O_UNLINK_INTERNAL (1 << 30)

/* A raw open [1] through SC_open_params, with an explicit path length. */
static uintptr_t raw_open(const char* path, size_t length, int options)
{
    SC_open_params params = { AT_FDCWD, { path, length }, options, 0 };
    return syscall1(SC_open, (uintptr_t)&params);
}

/* Current offset of fd. */
static off_t offset_of(int fd)
{
    return lseek(fd, 0, SEEK_CUR);
}

static int is_open(int fd)
{
    return fcntl(fd, F_GETFD) >= 0;
}

/* fd reads exactly the bytes of expected at its current offset. */
static int reads(int fd, const char* expected)
{
    char buf[64];
    size_t length = strlen(expected);
    return kt_read_full(fd, buf, length) == (ssize_t)length && memcmp(buf, expected, length) == 0;
}

/* ---- open, read, write, lseek, fstat ---- */

static void test_basic_io(void)
{
    int a = open(kt_path("a"), O_CREAT | O_RDWR, 0640);
    int b = open(kt_path("b"), O_CREAT | O_RDWR, 0640);
    kt_check("open-creat", a >= 0 && b >= 0 && a != b, "fds %d, %d: %s", a, b, kt_errname(errno));
    close(a);
    int c = open(kt_path("c"), O_CREAT | O_RDWR, 0640);
    /* [1] "Allocates the lowest free fd first." */
    kt_check("open-returns-lowest-free-fd", c == a, "closed %d, then open gave %d", a, c);
    close(b);
    close(c);

    int fd = open(kt_path("a"), O_RDWR);
    const char* text = "hello, world\n";
    kt_check("write-returns-count", write(fd, text, 13) == 13, "%s", kt_errname(errno));
    kt_check("lseek-set-0", lseek(fd, 0, SEEK_SET) == 0, "%s", kt_errname(errno));
    char buf[64];
    memset(buf, 0, sizeof(buf));
    ssize_t n = read(fd, buf, sizeof(buf));
    kt_check("read-back-what-was-written", n == 13 && !memcmp(buf, text, 13), "read %d bytes \"%.13s\"", (int)n, buf);
    kt_check("read-at-eof-returns-0", read(fd, buf, sizeof(buf)) == 0, "%s", kt_errname(errno));
    kt_check("lseek-set", lseek(fd, 2, SEEK_SET) == 2, "%s", kt_errname(errno));
    kt_check("lseek-cur", lseek(fd, 3, SEEK_CUR) == 5, "%s", kt_errname(errno));
    kt_check("lseek-end", lseek(fd, -1, SEEK_END) == 12 && reads(fd, "\n"), "%s", kt_errname(errno));
    kt_check("lseek-past-eof", lseek(fd, 1000, SEEK_SET) == 1000, "%s", kt_errname(errno));
    kt_check("read-past-eof-returns-0", read(fd, buf, sizeof(buf)) == 0, "%s", kt_errname(errno));
    struct stat st = { 0 };
    kt_check("read-past-eof-keeps-size", fstat(fd, &st) == 0 && st.st_size == 13, "size %lld", (long long)st.st_size);
    /* The reference's seek: a negative result or an unknown whence is EINVAL [4]. */
    kt_expect_errno("lseek-einval-negative-result", lseek(fd, -2000, SEEK_CUR), EINVAL);
    kt_expect_errno("lseek-einval-negative-set", lseek(fd, -1, SEEK_SET), EINVAL);
    kt_expect_errno("lseek-einval-bad-whence", lseek(fd, 0, 42), EINVAL);
    kt_check("lseek-failure-keeps-offset", offset_of(fd) == 1000, "offset %lld", (long long)offset_of(fd));
    /* TestIo: an offset of INT64_MAX is accepted; a transfer from there would overflow off_t. */
    kt_check("lseek-int64-max", lseek(fd, INT64_MAX, SEEK_SET) == INT64_MAX, "%s", kt_errname(errno));
    char byte = 0;
    kt_expect_errno("read-at-int64-max-eoverflow", read(fd, &byte, 1), EOVERFLOW);
    kt_expect_errno("write-at-int64-max-eoverflow", write(fd, &byte, 1), EOVERFLOW);
    kt_expect_errno("lseek-past-int64-max-eoverflow", lseek(fd, 1, SEEK_CUR), EOVERFLOW);
    lseek(fd, 1000, SEEK_SET);
    kt_expect_raw_error("lseek-efault-offset-pointer", syscall3(SC_lseek, fd, (uintptr_t)BAD_KERNEL_PTR, SEEK_SET), EFAULT);
    off_t where = 4;
    kt_check("lseek-writes-offset-back", syscall3(SC_lseek, fd, (uintptr_t)&where, SEEK_CUR) == 0 && where == 1004,
        "offset %lld", (long long)where);

    /* A write past EOF leaves a hole that reads as zeros. */
    lseek(fd, 8192, SEEK_SET);
    kt_check("write-past-eof", write(fd, "X", 1) == 1, "%s", kt_errname(errno));
    kt_check("sparse-size", fstat(fd, &st) == 0 && st.st_size == 8193, "size %lld", (long long)st.st_size);
    static char hole[8192];
    memset(hole, 0x55, sizeof(hole));
    lseek(fd, 13, SEEK_SET);
    n = kt_read_full(fd, hole, 8192 - 13 + 1);
    int zeros = 1;
    for (int i = 0; i < 8192 - 13; i++)
        zeros &= hole[i] == 0;
    kt_check("sparse-hole-reads-zeros", n == 8192 - 13 + 1 && zeros && hole[8192 - 13] == 'X', "read %d", (int)n);

    kt_check("fstat-regular-file", fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 07777) == 0640
        && st.st_nlink == 1 && st.st_uid == geteuid(), "mode 0%o nlink %u uid %u", st.st_mode, (unsigned)st.st_nlink,
        (unsigned)st.st_uid);
    kt_check("close-returns-0", close(fd) == 0, "%s", kt_errname(errno));

    /* [1] "mode &= 0777, then & ~umask". */
    umask(027);
    fd = open(kt_path("masked"), O_CREAT | O_WRONLY, 0666);
    umask(0);
    kt_check("open-mode-masked-by-umask", fd >= 0 && fstat(fd, &st) == 0 && (st.st_mode & 07777) == 0640, "mode 0%o",
        st.st_mode);
    close(fd);
    /* TestIo: O_CREAT with S_IFCHR | 0600 still makes a regular file. */
    fd = open(kt_path("not-a-device"), O_CREAT | O_WRONLY, S_IFCHR | 0600);
    kt_check("open-creat-ignores-file-type-bits", fd >= 0 && fstat(fd, &st) == 0 && st.st_mode == (S_IFREG | 0600),
        "mode 0%o", st.st_mode);
    close(fd);
    fd = open(kt_path("a"), O_CREAT | O_RDWR, 0600);
    kt_check("open-creat-existing-keeps-content-and-mode", fd >= 0 && fstat(fd, &st) == 0 && st.st_size == 8193
        && (st.st_mode & 0777) == 0640, "size %lld mode 0%o", (long long)st.st_size, st.st_mode);
    close(fd);
}

static void test_append_and_trunc(void)
{
    kt_write_file(kt_path("log"), DIGITS, 10, 0644);
    int fd = open(kt_path("log"), O_WRONLY | O_APPEND);
    lseek(fd, 0, SEEK_SET);
    kt_check("o-append-write", write(fd, "ABC", 3) == 3, "%s", kt_errname(errno));
    kt_check("o-append-writes-at-end", kt_file_equals(kt_path("log"), DIGITS "ABC", 13), "content differs");
    kt_check("o-append-offset-after-write-is-end", offset_of(fd) == 13, "offset %lld", (long long)offset_of(fd));
    close(fd);

    fd = open(kt_path("log"), O_RDWR | O_TRUNC);
    struct stat st = { 0 };
    kt_check("o-trunc-empties-file", fd >= 0 && fstat(fd, &st) == 0 && st.st_size == 0, "size %lld",
        (long long)st.st_size);
    kt_check("o-trunc-then-write", write(fd, "xy", 2) == 2 && kt_file_equals(kt_path("log"), "xy", 2), "%s",
        kt_errname(errno));
    close(fd);
    kt_write_file(kt_path("log"), DIGITS, 10, 0644);
}

static void test_ftruncate(void)
{
    kt_write_file(kt_path("t"), DIGITS, 10, 0644);
    int fd = open(kt_path("t"), O_RDWR);
    struct stat st = { 0 };
    kt_check("ftruncate-grow", ftruncate(fd, 100) == 0 && fstat(fd, &st) == 0 && st.st_size == 100, "%s size %lld",
        kt_errname(errno), (long long)st.st_size);
    char buf[100];
    memset(buf, 0x55, sizeof(buf));
    int zeros = kt_read_file(kt_path("t"), buf, sizeof(buf)) == 100 && !memcmp(buf, DIGITS, 10);
    for (int i = 10; i < 100; i++)
        zeros &= buf[i] == 0;
    kt_check("ftruncate-grow-zero-fills", zeros, "content differs");
    kt_check("ftruncate-shrink", ftruncate(fd, 4) == 0 && kt_file_equals(kt_path("t"), "0123", 4), "%s",
        kt_errname(errno));
    /* [85] "Reads the 64-bit length through the pointer (EFAULT). Negative → EINVAL." */
    int64_t negative = -1;
    kt_expect_raw_error("ftruncate-einval-negative", syscall2(SC_ftruncate, fd, (uintptr_t)&negative), EINVAL);
    kt_expect_raw_error("ftruncate-efault-length-pointer", syscall2(SC_ftruncate, fd, (uintptr_t)BAD_KERNEL_PTR), EFAULT);
    close(fd);
    kt_expect_errno("ftruncate-ebadf-closed", ftruncate(fd, 0), EBADF);
    kt_expect_errno("ftruncate-ebadf-negative", ftruncate(-1, 0), EBADF);
    fd = open(kt_path("t"), O_RDONLY);
    kt_expect_errno("ftruncate-ebadf-read-only-fd", ftruncate(fd, 0), EBADF);
    close(fd);
    /* "Then the file's truncate (EINVAL for non-regular files)." */
    int p[2];
    pipe(p);
    kt_expect_errno("ftruncate-einval-pipe", ftruncate(p[1], 0), EINVAL);
    close(p[0]);
    close(p[1]);
}

/* ---- readv, writev ---- */

static void test_vectors(void)
{
    int fd = open(kt_path("v"), O_CREAT | O_RDWR | O_TRUNC, 0644);
    struct iovec out[3] = { { "ab", 2 }, { "", 0 }, { "cdef", 4 } };
    kt_check("writev-gathers", writev(fd, out, 3) == 6 && kt_file_equals(kt_path("v"), "abcdef", 6), "%s",
        kt_errname(errno));
    lseek(fd, 0, SEEK_SET);
    char x[3] = { 0 }, y[8] = { 0 };
    struct iovec in[2] = { { x, 3 }, { y, 8 } };
    kt_check("readv-scatters", readv(fd, in, 2) == 6 && !memcmp(x, "abc", 3) && !memcmp(y, "def", 3), "got %.3s|%.8s",
        x, y);
    kt_expect_errno("writev-einval-negative-count", writev(fd, out, -1), EINVAL);
    kt_expect_errno("readv-einval-negative-count", readv(fd, in, -1), EINVAL);
    kt_expect_errno("writev-efault-iovec-array", writev(fd, BAD_KERNEL_PTR, 2), EFAULT);
    struct iovec bad = { BAD_KERNEL_PTR, 4 };
    kt_expect_errno("writev-efault-buffer", writev(fd, &bad, 1), EFAULT);
    lseek(fd, 0, SEEK_SET);
    kt_expect_errno("readv-efault-buffer", readv(fd, &bad, 1), EFAULT);
    /* [88] "Total > INT32_MAX → EINVAL", checked before any byte moves. */
    struct iovec huge[2] = { { y, 0x40000000u }, { y, 0x40000000u } };
    kt_expect_errno("writev-einval-total-over-int32-max", writev(fd, huge, 2), EINVAL);
    close(fd);
    kt_expect_errno("writev-ebadf-closed", writev(fd, out, 3), EBADF);
    fd = open(kt_path("v"), O_RDONLY);
    kt_expect_errno("writev-ebadf-read-only-fd", writev(fd, out, 3), EBADF);
    close(fd);
    fd = open(kt_path("v"), O_WRONLY);
    kt_expect_errno("readv-ebadf-write-only-fd", readv(fd, in, 2), EBADF);
    close(fd);
    fd = open(kt_scratch_path, O_RDONLY | O_DIRECTORY);
    kt_expect_errno("readv-eisdir-directory", readv(fd, in, 2), EISDIR);
    close(fd);
}

/* ---- errors ---- */

static void test_ebadf(void)
{
    char buf[8];
    int fd = open(kt_path("log"), O_RDWR);
    close(fd);
    kt_expect_errno("read-ebadf-negative", read(-1, buf, 1), EBADF);
    kt_expect_errno("read-ebadf-closed", read(fd, buf, 1), EBADF);
    kt_expect_errno("read-ebadf-never-opened-1000", read(1000, buf, 1), EBADF);
    kt_expect_errno("read-ebadf-out-of-range-1024", read(1024, buf, 1), EBADF);
    kt_expect_errno("write-ebadf-closed", write(fd, "x", 1), EBADF);
    kt_expect_errno("write-ebadf-negative", write(-5, "x", 1), EBADF);
    kt_expect_errno("close-ebadf-negative", close(-1), EBADF);
    kt_expect_errno("close-ebadf-already-closed", close(fd), EBADF);
    kt_expect_errno("close-ebadf-1024", close(MAX_FDS), EBADF);
    struct stat st = { 0 };
    kt_expect_errno("fstat-ebadf-closed", fstat(fd, &st), EBADF);
    kt_expect_errno("lseek-ebadf-closed", lseek(fd, 0, SEEK_SET), EBADF);
    kt_expect_errno("fcntl-ebadf-closed", fcntl(fd, F_GETFD), EBADF);
    kt_expect_errno("dup2-ebadf-old-closed", dup2(fd, 20), EBADF);
    kt_expect_errno("dup2-ebadf-old-negative", dup2(-1, 20), EBADF);
    kt_check("dup2-ebadf-leaves-new-fd-closed", !is_open(20), "fd 20 is open");

    fd = open(kt_path("log"), O_WRONLY);
    kt_expect_errno("read-ebadf-write-only-fd", read(fd, buf, 1), EBADF);
    close(fd);
    fd = open(kt_path("log"), O_RDONLY);
    kt_expect_errno("write-ebadf-read-only-fd", write(fd, "x", 1), EBADF);
    close(fd);
    /* TestIo: a directory is opened read-only, so writing it is EBADF. */
    fd = open(kt_scratch_path, O_RDONLY);
    kt_expect_errno("write-ebadf-directory", write(fd, "x", 1), EBADF);
    /* [3] "Directory → EISDIR." */
    kt_expect_errno("read-eisdir-directory", read(fd, buf, sizeof(buf)), EISDIR);
    close(fd);
}

static void test_efault(void)
{
    int fd = open(kt_path("log"), O_RDWR);
    kt_expect_errno("read-efault-kernel-buffer", read(fd, BAD_KERNEL_PTR, 4), EFAULT);
    lseek(fd, 0, SEEK_SET);
    kt_expect_errno("read-efault-buffer-ending-at-ceiling", read(fd, BAD_CEILING_PTR(4), 4), EFAULT);
    lseek(fd, 0, SEEK_SET);
    kt_expect_errno("read-efault-buffer-crossing-ceiling", read(fd, BAD_CEILING_PTR(2), 4), EFAULT);
    kt_expect_errno("write-efault-kernel-buffer", write(fd, BAD_KERNEL_PTR, 4), EFAULT);
    kt_expect_errno("write-efault-buffer-crossing-ceiling", write(fd, BAD_CEILING_PTR(2), 4), EFAULT);
    kt_check("efault-write-left-file-alone", kt_file_equals(kt_path("log"), DIGITS, 10), "content changed");
    kt_expect_errno("fstat-efault", fstat(fd, BAD_KERNEL_PTR), EFAULT);
    kt_expect_errno("fstat-efault-ceiling", fstat(fd, BAD_CEILING_PTR(sizeof(struct stat))), EFAULT);
    close(fd);
    kt_expect_raw_error("open-efault-params", syscall1(SC_open, (uintptr_t)BAD_KERNEL_PTR), EFAULT);
    kt_expect_raw_error("open-efault-path", raw_open(BAD_KERNEL_PTR, 8, O_RDONLY), EFAULT);
    kt_expect_raw_error("open-efault-path-crossing-ceiling", raw_open(BAD_CEILING_PTR(2), 8, O_RDONLY), EFAULT);
}

static void test_einval_and_sizes(void)
{
    int fd = open(kt_path("log"), O_RDWR);
    char buf[8];
    /* crash-fcntl-invalid-cmd: an unknown command is EINVAL [57], on the console fd 0 and on a file. */
    kt_expect_errno("fcntl-einval-unknown-cmd-fd-0", fcntl(0, -42), EINVAL);
    kt_expect_errno("fcntl-einval-unknown-cmd", fcntl(fd, -42), EINVAL);
    /* [37] "new_fd outside [0, 1024) → EINVAL". */
    kt_expect_errno("dup2-einval-new-fd-1024", dup2(fd, MAX_FDS), EINVAL);
    kt_expect_errno("dup2-einval-new-fd-negative", dup2(fd, -1), EINVAL);
    kt_expect_errno("read-einval-size-over-ssize-max", read(fd, buf, HUGE_SIZE), EINVAL);
    kt_expect_errno("write-einval-size-over-ssize-max", write(fd, buf, HUGE_SIZE), EINVAL);
    /* [3], [27]: size 0 returns 0 before anything else, even the fd check. */
    kt_check("read-size-0-returns-0", read(fd, BAD_KERNEL_PTR, 0) == 0, "%s", kt_errname(errno));
    kt_check("write-size-0-on-closed-fd-returns-0", write(900, buf, 0) == 0, "%s", kt_errname(errno));
    close(fd);

    kt_expect_errno("open-einval-creat-directory", open(kt_path("new-dir"), O_CREAT | O_DIRECTORY | O_RDONLY, 0755),
        EINVAL);
    kt_check("open-einval-creat-directory-made-nothing", kt_mode_of(kt_path("new-dir")) == 0 && errno == ENOENT,
        "new-dir exists");
    kt_expect_errno("open-einval-nofollow-noerror-flag", open(kt_path("log"), O_RDONLY | O_NOFOLLOW_NOERROR), EINVAL);
    kt_expect_errno("open-einval-unlink-internal-flag", open(kt_path("log"), O_RDONLY | O_UNLINK_INTERNAL), EINVAL);
    /* Path arguments: length 0 → EINVAL, > PATH_MAX → ENAMETOOLONG. */
    kt_expect_errno("open-einval-empty-path", open("", O_RDONLY), EINVAL);
    static char long_path[PATH_MAX + 2];
    /* scratch + "/" repeated + "log": exactly PATH_MAX bytes opens the file, one more is too long. */
    size_t prefix = strlen(kt_scratch_path);
    memcpy(long_path, kt_scratch_path, prefix);
    memset(long_path + prefix, '/', PATH_MAX - prefix - 3);
    memcpy(long_path + PATH_MAX - 3, "log", 4);
    fd = open(long_path, O_RDONLY);
    kt_check("open-path-of-path-max-bytes", fd >= 0, "%s", kt_errname(errno));
    close(fd);
    memmove(long_path + prefix + 1, long_path + prefix, PATH_MAX - prefix + 1);
    kt_expect_raw_error("open-enametoolong-path-max-plus-1", raw_open(long_path, PATH_MAX + 1, O_RDONLY), ENAMETOOLONG);
}

static void test_open_errors(void)
{
    kt_write_file(kt_path("file"), "f", 1, 0644);
    kt_expect_errno("open-eisdir-write-only-directory", open(kt_scratch_path, O_WRONLY), EISDIR);
    /* POSIX: O_CREAT names a regular file; an existing directory is EISDIR, even read-only. */
    kt_expect_errno("open-eisdir-create-existing-directory", open(kt_scratch_path, O_CREAT | O_RDONLY, 0644), EISDIR);
    /* TestIo: /tmp with O_DIRECTORY | O_RDWR → EISDIR. */
    kt_expect_errno("open-eisdir-read-write-directory", open(kt_scratch_path, O_RDWR | O_DIRECTORY), EISDIR);
    kt_expect_errno("open-enotdir-directory-flag-on-dev-zero", open("/dev/zero", O_RDONLY | O_DIRECTORY), ENOTDIR);
    kt_expect_errno("open-enotdir-directory-flag-on-file", open(kt_path("file"), O_RDONLY | O_DIRECTORY), ENOTDIR);
    kt_expect_errno("open-enotdir-file-as-path-component", open(kt_path("file/x"), O_RDONLY), ENOTDIR);
    kt_expect_errno("open-eexist-creat-excl", open(kt_path("file"), O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST);
    kt_expect_errno("open-eexist-creat-excl-directory", open(kt_scratch_path, O_CREAT | O_EXCL | O_RDONLY, 0644), EEXIST);
    kt_expect_errno("open-enoent-missing-file", open(kt_path("missing"), O_RDONLY), ENOENT);
    kt_expect_errno("open-enoent-creat-missing-parent", open(kt_path("no-dir/f"), O_CREAT | O_WRONLY, 0644), ENOENT);
    int fd = open(kt_scratch_path, O_RDONLY | O_DIRECTORY);
    kt_check("open-directory-read-only", fd >= 0, "%s", kt_errname(errno));
    close(fd);
    fd = open(kt_path("excl"), O_CREAT | O_EXCL | O_WRONLY, 0644);
    kt_check("open-creat-excl-new-file", fd >= 0, "%s", kt_errname(errno));
    close(fd);
}

/* ---- sharing descriptions ---- */

static int child_reads_digits_0123(void* arg)
{
    return reads(*(int*)arg, "0123") ? 0 : 1;
}

static void test_fork_shares_offset(void)
{
    kt_write_file(kt_path("digits"), DIGITS, 10, 0644);
    int fd = open(kt_path("digits"), O_RDONLY);
    int status = kt_run_in_child(child_reads_digits_0123, &fd);
    kt_check("fork-child-reads-inherited-fd", status == 0, "child %s", kt_describe_status(kt_child_status));
    kt_check("fork-child-read-moves-parent-offset", offset_of(fd) == 4 && reads(fd, "4567"), "parent offset %lld",
        (long long)offset_of(fd));
    close(fd);
}

static void test_dup(void)
{
    int fd = open(kt_path("digits"), O_RDONLY | O_CLOEXEC);
    kt_check("o-cloexec-sets-fd-cloexec", fcntl(fd, F_GETFD) == FD_CLOEXEC, "F_GETFD %d", fcntl(fd, F_GETFD));
    kt_check("dup2-returns-new-fd", dup2(fd, 20) == 20, "%s", kt_errname(errno));
    lseek(fd, 3, SEEK_SET);
    kt_check("dup2-shares-offset", offset_of(20) == 3 && reads(20, "34") && offset_of(fd) == 5, "offsets %lld, %lld",
        (long long)offset_of(20), (long long)offset_of(fd));
    kt_check("dup2-clears-cloexec", fcntl(20, F_GETFD) == 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC, "F_GETFD %d, %d",
        fcntl(20, F_GETFD), fcntl(fd, F_GETFD));
    kt_check("dup2-same-fd-returns-it", dup2(fd, fd) == fd && fcntl(fd, F_GETFD) == FD_CLOEXEC, "%s", kt_errname(errno));

    kt_write_file(kt_path("other"), "other", 5, 0644);
    int other = open(kt_path("other"), O_RDONLY);
    lseek(fd, 0, SEEK_SET);
    kt_check("dup2-replaces-open-fd", dup2(fd, other) == other && reads(other, "01"), "%s", kt_errname(errno));
    close(other);
    close(20);

    kt_check("fcntl-setfd-clear", fcntl(fd, F_SETFD, 0) == 0 && fcntl(fd, F_GETFD) == 0, "%s", kt_errname(errno));
    kt_check("fcntl-setfd-cloexec", fcntl(fd, F_SETFD, FD_CLOEXEC) == 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC, "%s",
        kt_errname(errno));

    /* [57] F_DUPFD: the lowest free fd >= arg. */
    int d = fcntl(fd, F_DUPFD, 50);
    int e = fcntl(fd, F_DUPFD, 50);
    kt_check("fcntl-dupfd-lowest-at-or-above-arg", d == 50 && e == 51, "got %d, %d", d, e);
    lseek(fd, 7, SEEK_SET);
    kt_check("fcntl-dupfd-shares-offset", offset_of(d) == 7, "offset %lld", (long long)offset_of(d));
    close(d);
    close(e);
    int lowest = 0;
    while (is_open(lowest))
        lowest++;
    d = dup(fd);
    kt_check("dup-returns-lowest-free-fd", d == lowest, "dup gave %d, lowest free is %d", d, lowest);
    close(d);
    kt_expect_errno("fcntl-dupfd-einval-negative-arg", fcntl(fd, F_DUPFD, -1), EINVAL);
    /* "lowest free fd ≥ arg, else EMFILE": nothing is >= 1024. */
    kt_expect_errno("fcntl-dupfd-emfile-arg-1024", fcntl(fd, F_DUPFD, MAX_FDS), EMFILE);
    close(fd);
}

static void test_fcntl_flags(void)
{
    int fd = open(kt_path("digits"), O_RDWR | O_APPEND);
    int flags = fcntl(fd, F_GETFL);
    kt_check("fcntl-getfl-access-mode-and-append", flags >= 0 && (flags & O_ACCMODE) == O_RDWR && (flags & O_APPEND)
        && !(flags & O_NONBLOCK), "flags 0x%x", flags);
    close(fd);
    fd = open(kt_path("digits"), O_RDONLY);
    flags = fcntl(fd, F_GETFL);
    kt_check("fcntl-getfl-read-only", flags >= 0 && (flags & O_ACCMODE) == O_RDONLY && !(flags & O_APPEND), "flags 0x%x",
        flags);
    close(fd);

    fd = open(kt_path("digits"), O_RDWR);
    /* The access mode is passed back unchanged, so F_SETFL means the same whether or not it keeps the mode. */
    flags = fcntl(fd, F_GETFL);
    kt_check("fcntl-setfl-append", fcntl(fd, F_SETFL, flags | O_APPEND) == 0 && (fcntl(fd, F_GETFL) & O_APPEND), "%s",
        kt_errname(errno));
    lseek(fd, 0, SEEK_SET);
    write(fd, "!", 1);
    kt_check("fcntl-setfl-append-moves-writes-to-end", kt_file_equals(kt_path("digits"), DIGITS "!", 11),
        "content differs");
    kt_check("fcntl-setfl-nonblock", fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0 && (fcntl(fd, F_GETFL) & O_NONBLOCK)
        && !(fcntl(fd, F_GETFL) & O_APPEND), "flags 0x%x", fcntl(fd, F_GETFL));
    close(fd);

    int p[2];
    pipe(p);
    flags = fcntl(p[0], F_GETFL);
    char c;
    kt_check("fcntl-setfl-nonblock-pipe", fcntl(p[0], F_SETFL, flags | O_NONBLOCK) == 0, "%s", kt_errname(errno));
    kt_expect_errno("fcntl-setfl-nonblock-empty-pipe-read-eagain", read(p[0], &c, 1), EAGAIN);
    kt_expect_errno("lseek-espipe-pipe-read-end", lseek(p[0], 0, SEEK_SET), ESPIPE);
    kt_expect_errno("lseek-espipe-pipe-write-end", lseek(p[1], 0, SEEK_CUR), ESPIPE);
    close(p[0]);
    close(p[1]);
}

static void test_unlinked_file_lives_until_close(void)
{
    kt_write_file(kt_path("doomed"), "still here", 10, 0644);
    int fd = open(kt_path("doomed"), O_RDWR);
    kt_check("unlink-open-file", unlink(kt_path("doomed")) == 0, "%s", kt_errname(errno));
    kt_check("unlinked-name-is-gone", kt_mode_of(kt_path("doomed")) == 0 && errno == ENOENT, "stat: %s",
        kt_errname(errno));
    struct stat st = { 0 };
    kt_check("unlinked-file-fstat", fstat(fd, &st) == 0 && st.st_size == 10, "%s", kt_errname(errno));
    kt_check("unlinked-file-reads-back", reads(fd, "still here"), "read differs");
    kt_check("unlinked-file-writable", write(fd, "!", 1) == 1 && lseek(fd, 0, SEEK_SET) == 0 && reads(fd, "still here!"),
        "%s", kt_errname(errno));
    kt_check("unlinked-file-close", close(fd) == 0, "%s", kt_errname(errno));
    kt_check("unlinked-name-free-for-new-file", kt_write_file(kt_path("doomed"), "new", 3, 0644) == 0
        && kt_file_equals(kt_path("doomed"), "new", 3), "%s", kt_errname(errno));
}

/* ---- execve and FD_CLOEXEC ---- */

/*
 * The re-executed side: argv[2] was opened with O_CLOEXEC, argv[3] got
 * FD_CLOEXEC from F_SETFD, argv[4] is a plain fd at offset 2 of DIGITS.
 */
static int cloexec_child(char** argv)
{
    int cloexec_open = atoi(argv[2]), cloexec_setfd = atoi(argv[3]), kept = atoi(argv[4]);
    if (fcntl(cloexec_open, F_GETFD) != -1 || errno != EBADF)
        return 1;
    if (fcntl(cloexec_setfd, F_GETFD) != -1 || errno != EBADF)
        return 2;
    if (fcntl(kept, F_GETFD) != 0)
        return 3;
    return reads(kept, "23") ? 0 : 4;
}

static int exec_cloexec_child(void* arg)
{
    char** argv = arg;
    char* envp[] = { NULL };
    execve(SELF, argv, envp);
    return 100 + errno;
}

static void test_cloexec_across_execve(void)
{
    kt_write_file(kt_path("digits"), DIGITS, 10, 0644);
    int a = open(kt_path("digits"), O_RDONLY | O_CLOEXEC);
    int b = open(kt_path("digits"), O_RDONLY);
    int kept = open(kt_path("digits"), O_RDONLY);
    fcntl(b, F_SETFD, FD_CLOEXEC);
    lseek(kept, 2, SEEK_SET);
    char fds[3][12];
    snprintf(fds[0], sizeof(fds[0]), "%d", a);
    snprintf(fds[1], sizeof(fds[1]), "%d", b);
    snprintf(fds[2], sizeof(fds[2]), "%d", kept);
    char* argv[] = { SELF, CHILD_MODE, fds[0], fds[1], fds[2], NULL };
    int status = kt_run_in_child(exec_cloexec_child, argv);
    kt_check("execve-closes-cloexec-fds-keeps-others", status == 0,
        "child returned %d (1: O_CLOEXEC fd open, 2: F_SETFD fd open, 3: plain fd closed or flagged, 4: read, "
        "100+errno: execve failed)", status);
    kt_check("execve-kept-fd-shares-offset-with-parent", offset_of(kept) == 4, "parent offset %lld",
        (long long)offset_of(kept));
    kt_check("execve-in-child-leaves-parent-fds", is_open(a) && is_open(b), "parent lost a CLOEXEC fd");
    close(a);
    close(b);
    close(kept);
}

/* ---- the fd table limit ---- */

static void test_emfile(void)
{
    int open_before = 0;
    for (int fd = 0; fd < MAX_FDS; fd++)
        open_before += is_open(fd);
    static int fds[MAX_FDS + 16];
    int count = 0, error = 0;
    while (count < MAX_FDS + 16) {
        int fd = open(kt_path("digits"), O_RDONLY);
        if (fd < 0) {
            error = errno;
            break;
        }
        fds[count++] = fd;
    }
    /* FD_SETSIZE = 1024 is also the maximum number of open fds; none free → EMFILE [1]. */
    kt_check("open-emfile-after-1024-fds", error == EMFILE && open_before + count == MAX_FDS,
        "%d were open, %d more opened, then %s", open_before, count, kt_errname(error));
    kt_check("last-fd-is-1023", count > 0 && fds[count - 1] == MAX_FDS - 1, "last fd %d", count ? fds[count - 1] : -1);
    if (count > 0) {
        kt_expect_errno("dup-emfile-table-full", dup(fds[0]), EMFILE);
        close(fds[--count]);
        int p[2];
        /* [45] "Fewer than 2 free fds → EMFILE." */
        kt_expect_errno("pipe-emfile-one-free-fd", pipe(p), EMFILE);
        int again = open(kt_path("digits"), O_RDONLY);
        kt_check("open-takes-the-one-free-fd", again == MAX_FDS - 1, "open gave %d (%s)", again, kt_errname(errno));
        close(again);
    }
    int opened = count, closed = 0;
    while (count > 0)
        closed += close(fds[--count]) == 0;
    kt_check("close-every-fd-after-emfile", closed == opened, "%d of %d closed", closed, opened);
    int fd = open(kt_path("digits"), O_RDONLY);
    kt_check("fds-reusable-after-emfile", fd >= 0 && fd < 16, "open gave %d (%s)", fd, kt_errname(errno));
    close(fd);
}

int main(int argc, char** argv)
{
    if (argc == 5 && !strcmp(argv[1], CHILD_MODE))
        return cloexec_child(argv);
    umask(0);
    if (kt_fs_begin("test-fileio") < 0)
        return kt_finish();
    test_basic_io();
    test_append_and_trunc();
    test_ftruncate();
    test_vectors();
    test_ebadf();
    test_efault();
    test_einval_and_sizes();
    test_open_errors();
    test_fork_shares_offset();
    test_dup();
    test_fcntl_flags();
    test_unlinked_file_lives_until_close();
    test_cloexec_across_execve();
    test_emfile();
    return kt_fs_finish();
}
