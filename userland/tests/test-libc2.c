/*
 * test-libc2: the POSIX functions libc builds on other syscalls, each on
 * its success path and its errors: pread/pwrite (the offset is kept,
 * ESPIPE on a pipe), truncate, fsync/fdatasync, dup3, getpagesize,
 * clock_getres, msync and the mlock family (resident memory: argument
 * checks only).
 *
 * Files live in /tmp/test-libc2.<pid>, removed at the end. Runs as root.
 */
#include "ktest-fs.h"

#include <limits.h>
#include <sys/mman.h>
#include <time.h>

static void test_pread_pwrite(void)
{
    const char* path = kt_path("positional");
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    kt_check("pwrite-setup", fd >= 0 && write(fd, "0123456789", 10) == 10, "%s", kt_errname(errno));
    lseek(fd, 3, SEEK_SET);
    char buf[8] = { 0 };
    ssize_t n = pread(fd, buf, 4, 5);
    kt_check("pread-at-offset", n == 4 && memcmp(buf, "5678", 4) == 0 && lseek(fd, 0, SEEK_CUR) == 3,
        "n %d \"%.4s\" offset %ld", (int)n, buf, (long)lseek(fd, 0, SEEK_CUR));
    n = pwrite(fd, "ab", 2, 8);
    kt_check("pwrite-at-offset", n == 2 && lseek(fd, 0, SEEK_CUR) == 3 && kt_file_equals(path, "01234567ab", 10),
        "n %d", (int)n);
    kt_check("pread-at-eof", pread(fd, buf, 4, 10) == 0, "not 0");
    kt_expect_errno("pread-negative-offset", pread(fd, buf, 1, -1), EINVAL);
    close(fd);
    kt_expect_errno("pread-bad-fd", pread(fd, buf, 1, 0), EBADF);
    int fds[2];
    pipe(fds);
    kt_expect_errno("pread-pipe", pread(fds[0], buf, 1, 0), ESPIPE);
    kt_expect_errno("pwrite-pipe", pwrite(fds[1], "x", 1, 0), ESPIPE);
    kt_expect_errno("fsync-pipe", fsync(fds[0]), EINVAL);
    close(fds[0]);
    close(fds[1]);
}

static void test_truncate_sync(void)
{
    const char* path = kt_path("truncated");
    kt_write_file(path, "hello world", 11, 0644);
    struct stat st;
    kt_check("truncate", truncate(path, 5) == 0 && stat(path, &st) == 0 && st.st_size == 5
        && kt_file_equals(path, "hello", 5), "%s", kt_errname(errno));
    kt_expect_errno("truncate-missing", truncate(kt_path("missing"), 0), ENOENT);
    kt_expect_errno("truncate-negative", truncate(path, -1), EINVAL);
    kt_expect_errno("truncate-directory", truncate(kt_scratch_path, 0), EISDIR);
    int fd = open(path, O_RDONLY);
    kt_check("fsync-fdatasync", fsync(fd) == 0 && fdatasync(fd) == 0, "%s", kt_errname(errno));
    close(fd);
    kt_expect_errno("fsync-bad-fd", fsync(fd), EBADF);
    kt_expect_errno("fdatasync-bad-fd", fdatasync(-1), EBADF);
}

static void test_dup3(void)
{
    int fd = open("/dev/null", O_RDONLY);
    int rc = dup3(fd, 40, O_CLOEXEC);
    kt_check("dup3-cloexec", rc == 40 && fcntl(40, F_GETFD) == FD_CLOEXEC, "rc %d flags %d", rc, fcntl(40, F_GETFD));
    rc = dup3(fd, 40, 0);
    kt_check("dup3-clears-cloexec", rc == 40 && fcntl(40, F_GETFD) == 0, "rc %d flags %d", rc, fcntl(40, F_GETFD));
    kt_expect_errno("dup3-same-fd", dup3(fd, fd, 0), EINVAL);
    kt_expect_errno("dup3-bad-flags", dup3(fd, 41, O_NONBLOCK), EINVAL);
    kt_expect_errno("dup3-bad-fd", dup3(99, 41, 0), EBADF);
    close(40);
    close(fd);
}

static void test_memory_and_clock(void)
{
    kt_check("getpagesize", getpagesize() == 4096 && getpagesize() == sysconf(_SC_PAGESIZE), "%d", getpagesize());
    struct timespec res = { 9, 9 };
    kt_check("clock_getres", clock_getres(CLOCK_MONOTONIC, &res) == 0 && res.tv_sec == 0 && res.tv_nsec > 0
        && res.tv_nsec <= 1000 && clock_getres(CLOCK_REALTIME, NULL) == 0, "%ld.%09ld", (long)res.tv_sec, res.tv_nsec);
    kt_expect_errno("clock_getres-bad-clock", clock_getres(99, &res), EINVAL);

    char* page = mmap(NULL, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_ANONYMOUS | MAP_PRIVATE, -1, 0);
    kt_check("msync", msync(page, 2 * PAGE_SIZE, MS_SYNC) == 0 && msync(page, PAGE_SIZE, MS_ASYNC | MS_INVALIDATE) == 0,
        "%s", kt_errname(errno));
    kt_expect_errno("msync-unaligned", msync(page + 1, 1, MS_SYNC), EINVAL);
    kt_expect_errno("msync-both-modes", msync(page, PAGE_SIZE, MS_SYNC | MS_ASYNC), EINVAL);
    kt_expect_errno("msync-no-mode", msync(page, PAGE_SIZE, 0), EINVAL);
    kt_check("mlock-munlock", mlock(page + 5, 100) == 0 && munlock(page, 2 * PAGE_SIZE) == 0, "%s", kt_errname(errno));
    munmap(page + PAGE_SIZE, PAGE_SIZE);
    kt_expect_errno("msync-unmapped", msync(page, 2 * PAGE_SIZE, MS_SYNC), ENOMEM);
    kt_expect_errno("mlock-unmapped", mlock(page + PAGE_SIZE, 1), ENOMEM);
    kt_expect_errno("munlock-wraps", munlock(page, (size_t)-PAGE_SIZE), ENOMEM);
    munmap(page, PAGE_SIZE);
    kt_check("mlockall", mlockall(MCL_CURRENT) == 0 && mlockall(MCL_CURRENT | MCL_FUTURE) == 0 && munlockall() == 0,
        "%s", kt_errname(errno));
    kt_expect_errno("mlockall-no-flags", mlockall(0), EINVAL);
    kt_expect_errno("mlockall-bad-flags", mlockall(8), EINVAL);
}

int main(void)
{
    if (kt_fs_begin("test-libc2") < 0)
        return kt_finish();
    test_pread_pwrite();
    test_truncate_sync();
    test_dup3();
    test_memory_and_clock();
    return kt_fs_finish();
}
