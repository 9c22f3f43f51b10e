/*
 * test-filemap: file-backed mmap [16] and anon_create [145] (syscall
 * numbers in brackets).
 *
 * MAP_PRIVATE of a file: its content from the offset, zeros past end of
 * file, stores that never reach the file. MAP_SHARED: stores seen by read()
 * and write()s seen through the mapping, by a second mapping and by a forked
 * child; munmap leaves the file intact; an unlinked or truncated file's
 * pages outlive it in the mapping; stores past end of file never become
 * file content. The file-mapping error rows in their order (offset EINVAL,
 * EBADF, ENODEV for a directory and for files without pages, EACCES for an
 * fd that is not readable and for MAP_SHARED + PROT_WRITE of a read-only
 * fd), mprotect not making such a mapping writable. anon_create: EINVAL
 * sizes, EMFILE, O_CLOEXEC, sharing between mappings and across fork, read
 * and write ENOTSUP.
 *
 * Scratch files live in /tmp/test-filemap.<pid>. Runs as root.
 */
#include "ktest-fs.h"

#include <serenity.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define PAGE 4096
#define FILE_SIZE (2 * PAGE + 100) /* two whole pages and a partial third */

static unsigned char pattern[FILE_SIZE];
static unsigned char buffer[3 * PAGE];

/* The byte the test file holds at offset i. */
static unsigned char pattern_byte(size_t i) { return (unsigned char)(i * 7 + 3); }

/* (Re)creates the test file "data" with the pattern; its path. */
static const char* make_data_file(void)
{
    for (size_t i = 0; i < FILE_SIZE; i++)
        pattern[i] = pattern_byte(i);
    const char* path = kt_path("data");
    kt_write_file(path, pattern, FILE_SIZE, 0644);
    return path;
}

/* Reads size bytes at offset of fd into buffer: 1 when all came. */
static int read_at(int fd, off_t offset, size_t size)
{
    return lseek(fd, offset, SEEK_SET) == offset && kt_read_full(fd, buffer, size) == (ssize_t)size;
}

/* Writes size bytes of data at offset of fd: 1 when all went. */
static int write_at(int fd, off_t offset, const void* data, size_t size)
{
    return lseek(fd, offset, SEEK_SET) == offset && kt_write_full(fd, data, size) == (ssize_t)size;
}

static int all_zero(const unsigned char* p, size_t size)
{
    for (size_t i = 0; i < size; i++) {
        if (p[i])
            return 0;
    }
    return 1;
}

/* off_t is 64 bits: offsets past 4 GiB and negative ones reach the kernel as such. */
#define FOUR_GIB ((off_t)1 << 32)

/*
 * A forked child checks that it sees expected at seen_at, stores value at
 * store_at and exits 0 (1 when it saw something else): its wait status.
 */
static int exchange_with_child(const unsigned char* seen_at, unsigned char expected, unsigned char* store_at,
    unsigned char value)
{
    pid_t child = fork();
    if (child == 0) {
        int ok = *seen_at == expected;
        *store_at = value;
        _exit(ok ? 0 : 1);
    }
    int status = -1;
    waitpid(child, &status, 0);
    return status;
}

/* ---- MAP_PRIVATE ---- */

static void test_private(void)
{
    const char* path = make_data_file();
    int fd = open(path, O_RDONLY);
    unsigned char* p = mmap(NULL, 3 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
    kt_check("private-map-of-file", p != MAP_FAILED, "%s", kt_errname(errno));
    if (p == MAP_FAILED)
        return;
    kt_check("private-content-is-file", memcmp(p, pattern, FILE_SIZE) == 0, "first byte %u", p[0]);
    kt_check("private-zero-past-eof", all_zero(p + FILE_SIZE, 3 * PAGE - FILE_SIZE), "not zero");
    munmap(p, 3 * PAGE);

    p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, PAGE);
    kt_check("private-offset-one-page", p != MAP_FAILED && memcmp(p, pattern + PAGE, PAGE) == 0, "%s",
        kt_errname(errno));
    if (p != MAP_FAILED)
        munmap(p, PAGE);

    /* [16] a private writable mapping needs only a readable fd: the stores stay in the copy. */
    p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    kt_check("private-writable-of-read-only-fd", p != MAP_FAILED, "%s", kt_errname(errno));
    if (p != MAP_FAILED) {
        memset(p, 0xee, 3 * PAGE);
        kt_check("private-stores-not-in-file", read_at(fd, 0, FILE_SIZE) && memcmp(buffer, pattern, FILE_SIZE) == 0,
            "file changed: first byte %u", buffer[0]);
        munmap(p, 3 * PAGE);
    }

    /* Written after mmap: the private copy was taken at mmap time. */
    int writer = open(path, O_RDWR);
    p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
    write_at(writer, 0, "Z", 1);
    kt_check("private-is-a-copy", p != MAP_FAILED && p[0] == pattern[0], "byte 0 is %c", p != MAP_FAILED ? p[0] : 0);
    if (p != MAP_FAILED)
        munmap(p, PAGE);
    close(writer);
    close(fd);
}

/* ---- MAP_SHARED ---- */

static void test_shared(void)
{
    const char* path = make_data_file();
    int fd = open(path, O_RDWR);
    unsigned char* p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    kt_check("shared-map-of-file", p != MAP_FAILED, "%s", kt_errname(errno));
    if (p == MAP_FAILED)
        return;
    kt_check("shared-content-is-file", memcmp(p, pattern, FILE_SIZE) == 0, "first byte %u", p[0]);
    memcpy(p + 10, "through the mapping", 19);
    kt_check("shared-store-seen-by-read", read_at(fd, 10, 19) && memcmp(buffer, "through the mapping", 19) == 0,
        "read %.19s", buffer);
    write_at(fd, PAGE + 5, "by write", 8);
    kt_check("write-seen-through-mapping", memcmp(p + PAGE + 5, "by write", 8) == 0, "mapping has %.8s", p + PAGE + 5);

    unsigned char* q = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, PAGE);
    kt_check("second-shared-mapping-sees-first", q != MAP_FAILED && memcmp(q + 5, "by write", 8) == 0, "%s",
        kt_errname(errno));
    if (q != MAP_FAILED) {
        q[100] = 'Q';
        kt_check("first-mapping-sees-second", p[PAGE + 100] == 'Q', "byte is %u", p[PAGE + 100]);
        munmap(q, PAGE);
    }

    int status = exchange_with_child(p + 10, 't', p + 20, 'C');
    kt_check("forked-child-shares-mapping", WIFEXITED(status) && WEXITSTATUS(status) == 0 && p[20] == 'C'
        && read_at(fd, 20, 1) && buffer[0] == 'C', "child %s, byte %u", kt_describe_status(status), p[20]);

    kt_check("munmap-shared", munmap(p, 3 * PAGE) == 0, "%s", kt_errname(errno));
    kt_check("file-intact-after-munmap", read_at(fd, 0, FILE_SIZE) && buffer[20] == 'C' && buffer[PAGE + 100] == 'Q'
        && memcmp(buffer + 10, "through", 7) == 0 && buffer[FILE_SIZE - 1] == pattern[FILE_SIZE - 1], "byte 20 %u",
        buffer[20]);
    close(fd);
}

/* A file's pages outlive its name and its length while mapped; stores past end of file stay out of it. */
static void test_shared_lifetime(void)
{
    const char* path = make_data_file();
    int fd = open(path, O_RDWR);
    unsigned char* p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) {
        kt_fail("shared-unlinked-file-lives-on", "mmap: %s", kt_errname(errno));
        close(fd);
        return;
    }
    unlink(path);
    close(fd);
    p[0] = 'U';
    kt_check("shared-unlinked-file-lives-on", p[0] == 'U' && p[PAGE] == pattern[PAGE], "byte %u", p[PAGE]);
    munmap(p, 3 * PAGE);

    path = make_data_file();
    fd = open(path, O_RDWR);
    p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    ftruncate(fd, 0);
    int alive = p != MAP_FAILED;
    if (alive) {
        p[PAGE] = 'T'; /* the file's old page, now the mapping's alone */
        alive = p[PAGE] == 'T';
    }
    kt_check("shared-truncated-file-pages-stay-mapped", alive, "%s", kt_errname(errno));
    if (p != MAP_FAILED)
        munmap(p, 3 * PAGE);

    /* Stores past end of file in the last page never become content, even when the file grows over them. */
    kt_write_file(path, "short", 5, 0644);
    p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p != MAP_FAILED) {
        kt_check("shared-zero-past-eof", all_zero(p + 5, PAGE - 5), "tail not zero");
        p[100] = 'X';
        write_at(fd, 200, "!", 1);
        kt_check("store-past-eof-not-file-content", read_at(fd, 0, 201) && buffer[100] == 0 && buffer[200] == '!',
            "byte 100 is %u", buffer[100]);
        munmap(p, PAGE);
    } else {
        kt_fail("shared-zero-past-eof", "mmap: %s", kt_errname(errno));
    }
    close(fd);
}

/* ---- the error rows of [16] for file mappings ---- */

static void test_errors(void)
{
    const char* path = make_data_file();
    int fd = open(path, O_RDONLY);
    kt_expect_errno("mmap-einval-unaligned-offset", (long)mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, 100), EINVAL);
    kt_expect_errno("mmap-einval-negative-offset", (long)mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, -FOUR_GIB),
        EINVAL);
    kt_expect_errno("mmap-einval-offset-before-ebadf", (long)mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, 999, 1), EINVAL);
    kt_expect_errno("mmap-ebadf-closed-fd", (long)mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, 999, 0), EBADF);
    kt_expect_errno("mmap-ebadf-negative-fd", (long)mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, -1, 0), EBADF);
    unsigned char* far = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, FOUR_GIB); /* all past end of file */
    kt_check("mmap-offset-past-eof-is-zero", far != MAP_FAILED && all_zero(far, PAGE), "%s", kt_errname(errno));
    if (far != MAP_FAILED)
        munmap(far, PAGE);

    int dir = open(kt_path("."), O_RDONLY | O_DIRECTORY);
    kt_expect_errno("mmap-enodev-directory", (long)mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, dir, 0), ENODEV);
    close(dir);
    int write_only = open(path, O_WRONLY);
    kt_expect_errno("mmap-eacces-write-only-fd", (long)mmap(NULL, PAGE, PROT_WRITE, MAP_SHARED, write_only, 0),
        EACCES);
    kt_expect_errno("mmap-eacces-write-only-fd-private", (long)mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, write_only, 0),
        EACCES);
    close(write_only);
    kt_expect_errno("mmap-eacces-shared-write-read-only-fd",
        (long)mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), EACCES);
    int null = open("/dev/null", O_RDWR);
    kt_expect_errno("mmap-enodev-char-device", (long)mmap(NULL, PAGE, PROT_READ, MAP_SHARED, null, 0), ENODEV);
    close(null);
    int pipe_fds[2];
    pipe(pipe_fds);
    kt_expect_errno("mmap-enodev-pipe", (long)mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, pipe_fds[0], 0), ENODEV);
    close(pipe_fds[0]);
    close(pipe_fds[1]);

    /* A shared mapping of a read-only fd stays read-only: mprotect cannot add PROT_WRITE. */
    void* p = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 0);
    kt_check("shared-read-only-map", p != MAP_FAILED, "%s", kt_errname(errno));
    if (p != MAP_FAILED) {
        kt_expect_errno("mprotect-eacces-shared-read-only-fd", mprotect(p, PAGE, PROT_READ | PROT_WRITE), EACCES);
        munmap(p, PAGE);
    }
    close(fd);
}

/* ---- anon_create ---- */

static int exhaust_fds(int* first)
{
    int count = 0;
    int fd;
    *first = -1;
    while ((fd = dup(0)) >= 0) {
        if (*first < 0)
            *first = fd;
        count++;
    }
    return count;
}

static void test_anon_create_errors(void)
{
    kt_expect_errno("anon-create-einval-size-0", anon_create(0, 0), EINVAL);
    kt_expect_errno("anon-create-einval-not-page-multiple", anon_create(PAGE + 1, 0), EINVAL);
    kt_expect_errno("anon-create-einval-over-ssize-max", anon_create(0x80000000u, 0), EINVAL);
    /* More than the machine has: ENOMEM at once (it used to take every free page first, seconds under QEMU). */
    kt_expect_errno("anon-create-enomem-beyond-ram", anon_create(0x7ffff000u, 0), ENOMEM);
    int first = -1;
    int count = exhaust_fds(&first);
    int rc = anon_create(PAGE, 0);
    int error = errno;
    for (int i = 0; i < count; i++)
        close(first + i);
    kt_check("anon-create-emfile", rc == -1 && error == EMFILE, "rc %d %s after %d dups", rc, kt_errname(error), count);
}

static void test_anon_create(void)
{
    int fd = anon_create(2 * PAGE, 0);
    kt_check("anon-create", fd >= 0 && fcntl(fd, F_GETFD) == 0, "%s", kt_errname(errno));
    int cloexec = anon_create(PAGE, O_CLOEXEC);
    kt_check("anon-create-cloexec", cloexec >= 0 && fcntl(cloexec, F_GETFD) == FD_CLOEXEC, "%s", kt_errname(errno));
    close(cloexec);
    if (fd < 0)
        return;
    char byte;
    kt_expect_errno("anon-file-read-enotsup", read(fd, &byte, 1), ENOTSUP);
    kt_expect_errno("anon-file-write-enotsup", write(fd, "x", 1), ENOTSUP);
    unsigned char* a = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    unsigned char* b = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    kt_check("anon-file-two-mappings", a != MAP_FAILED && b != MAP_FAILED && a != b && all_zero(a, 2 * PAGE), "%s",
        kt_errname(errno));
    if (a == MAP_FAILED || b == MAP_FAILED)
        return;
    a[PAGE + 1] = 'A';
    b[7] = 'B';
    kt_check("anon-file-mappings-share-memory", b[PAGE + 1] == 'A' && a[7] == 'B', "b sees %u, a sees %u", b[PAGE + 1],
        a[7]);
    int status = exchange_with_child(a + 7, 'B', b + 9, 'K');
    kt_check("anon-file-shared-across-fork", WIFEXITED(status) && WEXITSTATUS(status) == 0 && a[9] == 'K', "child %s",
        kt_describe_status(status));
    unsigned char* c = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    if (c != MAP_FAILED) {
        c[7] = 'P';
        kt_check("anon-file-private-map-is-a-copy", a[7] == 'B' && c[9] == 'K', "a[7] %u", a[7]);
        munmap(c, PAGE);
    } else {
        kt_fail("anon-file-private-map-is-a-copy", "mmap: %s", kt_errname(errno));
    }
    /* The memory lives while mapped, after the last close of its fd. */
    close(fd);
    a[0] = 'Z';
    kt_check("anon-file-outlives-its-fd", b[0] == 'Z', "b[0] %u", b[0]);
    munmap(a, 2 * PAGE);
    munmap(b, 2 * PAGE);
}

int main(void)
{
    if (kt_fs_begin("test-filemap") < 0)
        return kt_finish();
    test_private();
    test_shared();
    test_shared_lifetime();
    test_errors();
    test_anon_create_errors();
    test_anon_create();
    return kt_fs_finish();
}
