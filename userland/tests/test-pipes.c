/*
 * test-pipes: pipes and FIFOs (syscall numbers in brackets): pipe/pipe2
 * [45], FIFOs from mkfifo (mknod [87]) opened by two processes [1], read
 * [3] and write [27] on them (EOF once every writer is gone, EPIPE once
 * every reader is, O_NONBLOCK's EAGAIN on an empty or a full pipe, a
 * blocked writer woken by the reader), readv/writev [147, 88], a
 * producer | filter | consumer pipeline of three processes moving 16 MiB,
 * and select [64] and poll [66] on pipes with their errors.
 *
 * SIGPIPE is ignored (when signals exist) so that a write with no reader
 * returns -1/EPIPE. The FIFOs live in /tmp/test-pipes.<pid>.
 */
#include "ktest-fs.h"

#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/select.h>
#include <sys/uio.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <syscall.h>
#include <time.h>

#define CHUNK (64 * 1024)
#define PIPELINE_BYTES (16u * 1024 * 1024)
#define WRITER_BYTES (1024u * 1024)
#define FULL_LIMIT (16u * 1024 * 1024) /* a pipe that takes this much without EAGAIN never fills */
#define DELAY_SPINS 3000000u           /* a child's pause before it writes, so its parent blocks first */

static int pipe_or_fail(const char* name, int p[2])
{
    if (pipe(p) == 0)
        return 0;
    kt_fail(name, "pipe: %s", kt_errname(errno));
    return -1;
}

static void close_pair(int p[2])
{
    close(p[0]);
    close(p[1]);
}

static int set_nonblocking(int fd)
{
    int flags = fcntl(fd, F_GETFL);
    return flags < 0 ? -1 : fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

/* Milliseconds of CLOCK_MONOTONIC, or -1 when there is no clock. */
static long long now_ms(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) < 0)
        return -1;
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Waits for pid; 1 if it exited 0. */
static int child_ok(pid_t pid)
{
    int status = 0;
    return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* ---- pipe and pipe2 ---- */

/*
 * A child that opens /dev/null until open fails, reports 'F' (ENFILE: the
 * system's description table is full) or 'M' (anything else) on ready,
 * and holds its files until release reads EOF.
 */
static void hold_descriptions(int release[2], int ready[2])
{
    close(release[1]);
    close(ready[0]);
    while (open("/dev/null", O_RDONLY) >= 0) {
    }
    char verdict = errno == ENFILE ? 'F' : 'M';
    char byte;
    write(ready[1], &verdict, 1);
    read(release[0], &byte, 1);
    _exit(0);
}

#define KEPT_FILE "/tmp/enfile-kept"
#define UNMADE_FILE "/tmp/enfile-unmade"

/*
 * With every open file description in use, pipe() and open() fail with
 * ENFILE (an open with O_TRUNC or O_CREAT truncating or creating nothing),
 * and 50 failed pipes give back their pipe buffer, inode and
 * pages: free memory is the same once the holders are gone.
 */
static void test_pipe_when_descriptions_run_out(void)
{
    enum { MAX_HOLDERS = 32, FAILED_PIPES = 50 };
    int release[2], ready[2];
    kt_mem_free_kib();
    long free_before = kt_mem_free_kib();
    if (pipe_or_fail("pipe-enfile", release) < 0 || pipe_or_fail("pipe-enfile", ready) < 0)
        return;
    int kept = open(KEPT_FILE, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (kept < 0 || write(kept, "kept\n", 5) != 5 || close(kept) < 0)
        kt_fail("enfile-setup", "%s: %s", KEPT_FILE, kt_errname(errno));
    pid_t holders[MAX_HOLDERS];
    int count = 0;
    char verdict = 'M';
    while (count < MAX_HOLDERS && verdict != 'F') {
        pid_t pid = fork();
        if (pid == 0)
            hold_descriptions(release, ready);
        if (pid < 0 || read(ready[0], &verdict, 1) != 1)
            break;
        holders[count++] = pid;
    }
    kt_check("open-file-table-fills", verdict == 'F', "%d holders, last verdict %c", count, verdict);
    int wrong = 0, last_errno = 0;
    for (int i = 0; i < FAILED_PIPES; i++) {
        int p[2];
        if (pipe(p) == 0) {
            close_pair(p);
            wrong++;
        } else if (errno != ENFILE) {
            last_errno = errno;
            wrong++;
        }
    }
    kt_check("pipe-enfile-when-descriptions-run-out", wrong == 0, "%d of %d pipe() calls did not fail with ENFILE (%s)",
        wrong, FAILED_PIPES, kt_errname(last_errno));
    kt_expect_errno("open-enfile-when-descriptions-run-out", open("/dev/null", O_RDONLY), ENFILE);
    struct stat st;
    kt_expect_errno("enfile-open-trunc", open(KEPT_FILE, O_WRONLY | O_TRUNC), ENFILE);
    kt_check("enfile-open-does-not-truncate", stat(KEPT_FILE, &st) == 0 && st.st_size == 5, "size %ld (%s)",
        (long)st.st_size, kt_errname(errno));
    kt_expect_errno("enfile-open-creat", open(UNMADE_FILE, O_WRONLY | O_CREAT, 0644), ENFILE);
    kt_expect_errno("enfile-open-does-not-create", stat(UNMADE_FILE, &st), ENOENT);
    close(release[1]);
    int reaped = 0;
    for (int i = 0; i < count; i++)
        reaped += child_ok(holders[i]);
    close(release[0]);
    close_pair(ready);
    unlink(KEPT_FILE);
    unlink(UNMADE_FILE);
    long free_after = kt_mem_free_kib();
    kt_check("failed-pipes-give-back-their-memory", reaped == count && free_after == free_before,
        "MemFree %ld kB before, %ld kB after; %d of %d holders reaped", free_before, free_after, reaped, count);
}

static void test_pipe_basics(void)
{
    int p[2] = { -1, -1 };
    if (pipe_or_fail("pipe", p) < 0)
        return;
    kt_check("pipe", p[0] >= 0 && p[1] >= 0 && p[0] != p[1], "fds %d, %d", p[0], p[1]);
    char buf[16];
    memset(buf, 0, sizeof(buf));
    kt_check("pipe-write-then-read", write(p[1], "hello", 5) == 5 && read(p[0], buf, sizeof(buf)) == 5
        && !memcmp(buf, "hello", 5), "got \"%.16s\"", buf);
    write(p[1], "ab", 2);
    write(p[1], "cdefghij", 8);
    memset(buf, 0, sizeof(buf));
    kt_check("pipe-keeps-order-across-writes", read(p[0], buf, 4) == 4 && !memcmp(buf, "abcd", 4)
        && read(p[0], buf + 4, sizeof(buf)) == 6 && !memcmp(buf, "abcdefghij", 10), "got \"%.16s\"", buf);
    struct stat st = { 0 };
    kt_check("pipe-ends-are-fifos", fstat(p[0], &st) == 0 && S_ISFIFO(st.st_mode) && fstat(p[1], &st) == 0
        && S_ISFIFO(st.st_mode), "mode 0%o", st.st_mode);
    kt_expect_errno("pipe-read-end-not-writable-ebadf", write(p[0], "x", 1), EBADF);
    kt_expect_errno("pipe-write-end-not-readable-ebadf", read(p[1], buf, 1), EBADF);
    kt_check("pipe-no-cloexec-by-default", fcntl(p[0], F_GETFD) == 0 && fcntl(p[1], F_GETFD) == 0, "F_GETFD %d, %d",
        fcntl(p[0], F_GETFD), fcntl(p[1], F_GETFD));

    struct iovec out[2] = { { "vec", 3 }, { "tor", 3 } };
    kt_check("writev-to-pipe", writev(p[1], out, 2) == 6, "%s", kt_errname(errno));
    char x[2] = { 0 }, y[8] = { 0 };
    struct iovec in[2] = { { x, 2 }, { y, 8 } };
    kt_check("readv-from-pipe", readv(p[0], in, 2) == 6 && !memcmp(x, "ve", 2) && !memcmp(y, "ctor", 4), "got %.2s|%.8s",
        x, y);
    close_pair(p);

    kt_check("pipe2-cloexec", pipe2(p, O_CLOEXEC) == 0 && fcntl(p[0], F_GETFD) == FD_CLOEXEC
        && fcntl(p[1], F_GETFD) == FD_CLOEXEC, "%s", kt_errname(errno));
    close_pair(p);
    /* [45] "flags other than O_CLOEXEC → EINVAL". */
    kt_expect_errno("pipe2-einval-nonblock-flag", pipe2(p, O_NONBLOCK), EINVAL);
    kt_expect_errno("pipe2-einval-unknown-flag", pipe2(p, 0x40000000), EINVAL);
    kt_expect_errno("pipe-efault-kernel-pointer", pipe(BAD_KERNEL_PTR), EFAULT);
    kt_expect_errno("pipe-efault-ending-at-ceiling", pipe(BAD_CEILING_PTR(2 * sizeof(int))), EFAULT);
}

/* ---- EOF and EPIPE ---- */

static int is_readable_now(int fd)
{
    struct pollfd pfd = { fd, POLLIN, 0 };
    return poll(&pfd, 1, 0) == 1 && (pfd.revents & (POLLIN | POLLHUP));
}

/* The child keeps the write end, pauses, writes "late", pauses, exits. */
static int late_writer(void* arg)
{
    int* p = arg;
    close(p[0]);
    kt_spin(DELAY_SPINS);
    if (write(p[1], "late", 4) != 4)
        return 1;
    kt_spin(DELAY_SPINS);
    return 0;
}

static pid_t fork_with(int (*fn)(void*), void* arg)
{
    pid_t pid = fork();
    if (pid == 0)
        _exit(fn(arg));
    return pid;
}

/* A child with SIGPIPE at its default writes to a pipe without readers. */
static int write_to_broken_pipe(void* arg)
{
    (void)arg;
    signal(SIGPIPE, SIG_DFL);
    int p[2];
    if (pipe(p) < 0)
        return 2;
    close(p[0]);
    write(p[1], "z", 1);
    return 3; /* not reached: SIGPIPE's default action ends the process */
}

/* [27] with SIGPIPE not ignored: the writer is terminated by SIGPIPE. */
static void test_sigpipe_default(void)
{
    pid_t pid = fork_with(write_to_broken_pipe, NULL);
    int status = 0;
    kt_check("sigpipe-default-terminates-writer",
        pid > 0 && waitpid(pid, &status, 0) == pid && WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE, "%s",
        kt_describe_status(status));
}

static void test_eof_and_epipe(void)
{
    int p[2];
    if (pipe_or_fail("eof-after-writer-closes", p) < 0)
        return;
    char buf[8];
    write(p[1], "x", 1);
    close(p[1]);
    kt_check("eof-after-writer-closes", read(p[0], buf, sizeof(buf)) == 1 && read(p[0], buf, sizeof(buf)) == 0
        && read(p[0], buf, sizeof(buf)) == 0, "%s", kt_errname(errno));
    close(p[0]);

    pipe(p);
    int second_writer = dup(p[1]);
    close(p[1]);
    kt_check("no-eof-while-a-writer-remains", !is_readable_now(p[0]) && write(second_writer, "y", 1) == 1
        && read(p[0], buf, sizeof(buf)) == 1, "%s", kt_errname(errno));
    close(second_writer);
    kt_check("eof-after-last-writer-closes", is_readable_now(p[0]) && read(p[0], buf, sizeof(buf)) == 0, "%s",
        kt_errname(errno));
    close(p[0]);

    pipe(p);
    pid_t pid = fork_with(late_writer, p);
    close(p[1]);
    memset(buf, 0, sizeof(buf));
    ssize_t first = read(p[0], buf, sizeof(buf));
    kt_check("blocked-reader-gets-data", first == 4 && !memcmp(buf, "late", 4), "read %d: %s", (int)first,
        kt_errname(errno));
    kt_check("blocked-reader-gets-eof-when-writer-exits", read(p[0], buf, sizeof(buf)) == 0, "%s", kt_errname(errno));
    kt_check("late-writer-exit-0", child_ok(pid), "child failed");
    close(p[0]);

    pipe(p);
    close(p[0]);
    /* [27] "File errors pass through (EPIPE ...)": no reader is left. */
    kt_expect_errno("write-epipe-no-readers", write(p[1], "z", 1), EPIPE);
    struct iovec v = { "z", 1 };
    kt_expect_errno("writev-epipe-no-readers", writev(p[1], &v, 1), EPIPE);
    close(p[1]);
    test_sigpipe_default();
}

/* ---- O_NONBLOCK ---- */

static void test_nonblocking(void)
{
    int p[2];
    if (pipe_or_fail("nonblock-read-empty-eagain", p) < 0)
        return;
    char buf[4096];
    set_nonblocking(p[0]);
    kt_expect_errno("nonblock-read-empty-eagain", read(p[0], buf, 1), EAGAIN);
    write(p[1], "abc", 3);
    kt_check("nonblock-read-with-data", read(p[0], buf, sizeof(buf)) == 3, "%s", kt_errname(errno));

    set_nonblocking(p[1]);
    memset(buf, 'f', sizeof(buf));
    size_t total = 0;
    ssize_t n;
    while (total < FULL_LIMIT && (n = write(p[1], buf, sizeof(buf))) > 0)
        total += n;
    int error = errno;
    kt_check("nonblock-write-full-pipe-eagain", total < FULL_LIMIT && error == EAGAIN && total >= 4096,
        "%u bytes, then %s", (unsigned)total, kt_errname(error));
    struct pollfd pfd = { p[1], POLLOUT, 0 };
    kt_check("full-pipe-not-writable", poll(&pfd, 1, 0) == 0, "revents 0x%x", pfd.revents);
    size_t drained = 0;
    while ((n = read(p[0], buf, sizeof(buf))) > 0)
        drained += n;
    kt_check("full-pipe-drains-everything-written", drained == total && errno == EAGAIN, "drained %u of %u",
        (unsigned)drained, (unsigned)total);
    pfd.revents = 0;
    kt_check("drained-pipe-writable-again", poll(&pfd, 1, 0) == 1 && (pfd.revents & POLLOUT)
        && write(p[1], buf, sizeof(buf)) == (ssize_t)sizeof(buf), "revents 0x%x: %s", pfd.revents, kt_errname(errno));
    close(p[1]);
    kt_check("nonblock-read-eof-returns-0", read(p[0], buf, sizeof(buf)) == (ssize_t)sizeof(buf)
        && read(p[0], buf, sizeof(buf)) == 0, "%s", kt_errname(errno));
    close(p[0]);
}

/* ---- a blocked writer ---- */

static unsigned char pattern_byte(size_t i)
{
    return (unsigned char)(i % 251);
}

/* Writes WRITER_BYTES in CHUNK-sized blocking writes; exit 0 if every write was whole. */
static int bulk_writer(void* arg)
{
    int* p = arg;
    close(p[0]);
    static unsigned char chunk[CHUNK];
    for (size_t done = 0; done < WRITER_BYTES; done += CHUNK) {
        for (size_t i = 0; i < CHUNK; i++)
            chunk[i] = pattern_byte(done + i);
        if (write(p[1], chunk, CHUNK) != CHUNK)
            return 1;
    }
    return 0;
}

static void test_blocked_writer(void)
{
    int p[2];
    if (pipe_or_fail("blocked-writer-wakes-when-reader-drains", p) < 0)
        return;
    pid_t pid = fork_with(bulk_writer, p);
    close(p[1]);
    /* Let the writer fill the pipe and block before anything is read. */
    for (int i = 0; i < 20; i++)
        sched_yield();
    static unsigned char buf[4096];
    size_t total = 0;
    int intact = 1;
    ssize_t n;
    while ((n = read(p[0], buf, sizeof(buf))) > 0) {
        for (ssize_t i = 0; i < n; i++)
            intact &= buf[i] == pattern_byte(total + i);
        total += n;
        sched_yield(); /* read slowly: the writer blocks again and again */
    }
    close(p[0]);
    kt_check("blocked-writer-wakes-when-reader-drains", total == WRITER_BYTES, "read %u of %u bytes", (unsigned)total,
        WRITER_BYTES);
    kt_check("blocked-writer-data-intact", intact, "a byte differs");
    kt_check("blocked-writer-wrote-every-chunk-whole", child_ok(pid), "child failed");
}

/* ---- FIFOs ---- */

static int fifo_writer(void* unused)
{
    (void)unused;
    int fd = open(kt_path("fifo"), O_WRONLY);
    if (fd < 0)
        return 1;
    return write(fd, "through the fifo", 16) == 16 ? 0 : 2;
}

/* Reads a request from fifo-a and answers it on fifo-b. */
static int fifo_echo(void* unused)
{
    (void)unused;
    int in = open(kt_path("fifo-a"), O_RDONLY);
    int out = open(kt_path("fifo-b"), O_WRONLY);
    char buf[16];
    if (in < 0 || out < 0)
        return 1;
    if (kt_read_full(in, buf, 4) != 4)
        return 2;
    buf[0] = 'P';
    return write(out, buf, 4) == 4 ? 0 : 3;
}

static void test_fifos(void)
{
    kt_check("mkfifo", mkfifo(kt_path("fifo"), 0600) == 0 && S_ISFIFO(kt_mode_of(kt_path("fifo"))), "%s",
        kt_errname(errno));
    pid_t pid = fork_with(fifo_writer, NULL);
    /* [1] "FIFOs block until the other end opens." */
    int fd = open(kt_path("fifo"), O_RDONLY);
    char buf[32];
    memset(buf, 0, sizeof(buf));
    ssize_t n = kt_read_full(fd, buf, sizeof(buf));
    kt_check("fifo-between-two-processes", n == 16 && !memcmp(buf, "through the fifo", 16), "read %d \"%.32s\"", (int)n,
        buf);
    struct stat st = { 0 };
    kt_check("fifo-fd-is-fifo", fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode), "mode 0%o", st.st_mode);
    kt_expect_errno("fifo-lseek-espipe", lseek(fd, 0, SEEK_SET), ESPIPE);
    kt_check("fifo-eof-after-writer-exits", read(fd, buf, sizeof(buf)) == 0, "%s", kt_errname(errno));
    kt_check("fifo-writer-exit-0", child_ok(pid), "child failed");
    close(fd);

    mkfifo(kt_path("fifo-a"), 0600);
    mkfifo(kt_path("fifo-b"), 0600);
    pid = fork_with(fifo_echo, NULL);
    int out = open(kt_path("fifo-a"), O_WRONLY);
    int in = open(kt_path("fifo-b"), O_RDONLY);
    memset(buf, 0, sizeof(buf));
    kt_check("fifo-round-trip", write(out, "ping", 4) == 4 && kt_read_full(in, buf, 4) == 4 && !memcmp(buf, "Ping", 4),
        "got \"%.4s\"", buf);
    kt_check("fifo-echo-exit-0", child_ok(pid), "child failed");
    close(out);
    close(in);
}

/* ---- producer | filter | consumer ---- */

/* The stream's 32-bit word at word index i (a multiplicative hash: every position differs). */
static uint32_t stream_word(uint32_t i)
{
    uint32_t x = i * 2654435761u;
    return x ^ (x >> 15) ^ (i << 7);
}

static void fill_stream(uint32_t* words, size_t offset, size_t bytes)
{
    for (size_t i = 0; i < bytes / 4; i++)
        words[i] = stream_word((uint32_t)(offset / 4 + i));
}

static uint32_t fnv1a(uint32_t hash, const unsigned char* bytes, size_t size)
{
    for (size_t i = 0; i < size; i++)
        hash = (hash ^ bytes[i]) * 16777619u;
    return hash;
}

static uint32_t stream_buffer[CHUNK / 4];

static int producer(void* arg)
{
    int* fds = arg;
    dup2(fds[1], 1);
    for (int i = 0; i < 4; i++)
        close(fds[i]);
    for (size_t done = 0; done < PIPELINE_BYTES; done += CHUNK) {
        fill_stream(stream_buffer, done, CHUNK);
        if (kt_write_full(1, stream_buffer, CHUNK) != CHUNK)
            return 1;
    }
    return 0;
}

/* Copies stdin to stdout until EOF, as a filter in a shell pipeline would. */
static int filter(void* arg)
{
    int* fds = arg;
    dup2(fds[0], 0);
    dup2(fds[3], 1);
    for (int i = 0; i < 4; i++)
        close(fds[i]);
    ssize_t n;
    while ((n = read(0, stream_buffer, CHUNK)) > 0) {
        if (kt_write_full(1, stream_buffer, n) != n)
            return 2;
    }
    return n == 0 ? 0 : 3;
}

static void test_pipeline(void)
{
    /* fds: first pipe {0 read, 1 write} producer -> filter, second {2 read, 3 write} filter -> us. */
    int fds[4];
    if (pipe_or_fail("pipeline-16-mib", fds) < 0 || pipe_or_fail("pipeline-16-mib", fds + 2) < 0)
        return;
    pid_t producer_pid = fork_with(producer, fds);
    pid_t filter_pid = fork_with(filter, fds);
    close(fds[0]);
    close(fds[1]);
    close(fds[3]);
    static unsigned char buf[CHUNK];
    uint32_t hash = 2166136261u;
    size_t total = 0;
    ssize_t n;
    while ((n = read(fds[2], buf, sizeof(buf))) > 0) {
        hash = fnv1a(hash, buf, n);
        total += n;
    }
    close(fds[2]);
    uint32_t expected = 2166136261u;
    for (size_t done = 0; done < PIPELINE_BYTES; done += CHUNK) {
        fill_stream(stream_buffer, done, CHUNK);
        expected = fnv1a(expected, (const unsigned char*)stream_buffer, CHUNK);
    }
    kt_check("pipeline-16-mib-byte-count", total == PIPELINE_BYTES, "received %u bytes", (unsigned)total);
    kt_check("pipeline-16-mib-checksum", hash == expected, "checksum 0x%08x, expected 0x%08x", hash, expected);
    kt_check("pipeline-producer-exit-0", child_ok(producer_pid), "producer failed");
    kt_check("pipeline-filter-exit-0", child_ok(filter_pid), "filter failed");
}

/* ---- select and poll ---- */

static void expect_elapsed_timeout(const char* name, int rc, long long start, int ready)
{
    long long end = now_ms();
    long long elapsed = start < 0 || end < 0 ? -1 : end - start;
    /* Without a clock only the result can be checked. */
    kt_check(name, rc == 0 && !ready && (elapsed < 0 || elapsed >= 45), "rc %d, ready %d, %lld ms", rc, ready, elapsed);
}

static int write_late(void* arg)
{
    kt_spin(DELAY_SPINS);
    return write(*(int*)arg, "!", 1) == 1 ? 0 : 1;
}

static void test_select(void)
{
    int p[2];
    if (pipe_or_fail("select-write-end-writable", p) < 0)
        return;
    int nfds = (p[0] > p[1] ? p[0] : p[1]) + 1;
    fd_set r, w;
    struct timeval zero = { 0, 0 };
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_SET(p[0], &r);
    FD_SET(p[1], &w);
    int rc = select(nfds, &r, &w, NULL, &zero);
    kt_check("select-write-end-writable", rc == 1 && FD_ISSET(p[1], &w) && !FD_ISSET(p[0], &r), "rc %d", rc);
    write(p[1], "x", 1);
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_SET(p[0], &r);
    FD_SET(p[1], &w);
    rc = select(nfds, &r, &w, NULL, &zero);
    kt_check("select-read-end-readable-with-data", rc == 2 && FD_ISSET(p[0], &r) && FD_ISSET(p[1], &w), "rc %d", rc);
    char c;
    read(p[0], &c, 1);

    FD_ZERO(&r);
    FD_SET(p[0], &r);
    rc = select(nfds, &r, NULL, NULL, &zero);
    kt_check("select-timeout-0-nothing-ready", rc == 0 && !FD_ISSET(p[0], &r), "rc %d", rc);
    FD_SET(p[0], &r);
    struct timeval fifty = { 0, 50000 };
    long long start = now_ms();
    rc = select(nfds, &r, NULL, NULL, &fifty);
    expect_elapsed_timeout("select-timeout-50ms-returns-0", rc, start, FD_ISSET(p[0], &r));
    kt_check("select-nfds-0-timeout-0", select(0, NULL, NULL, NULL, &zero) == 0, "%s", kt_errname(errno));

    pid_t pid = fork_with(write_late, &p[1]);
    struct timeval five = { 5, 0 };
    FD_ZERO(&r);
    FD_SET(p[0], &r);
    rc = select(nfds, &r, NULL, NULL, &five);
    kt_check("select-blocks-until-readable", rc == 1 && FD_ISSET(p[0], &r) && read(p[0], &c, 1) == 1, "rc %d", rc);
    child_ok(pid);

    close(p[1]);
    FD_ZERO(&r);
    FD_SET(p[0], &r);
    rc = select(nfds, &r, NULL, NULL, &zero);
    kt_check("select-readable-at-eof", rc == 1 && FD_ISSET(p[0], &r), "rc %d", rc);

    FD_ZERO(&r);
    FD_SET(p[1], &r); /* closed above */
    kt_expect_errno("select-ebadf-closed-fd", select(nfds, &r, NULL, NULL, &zero), EBADF);
    FD_ZERO(&r);
    kt_expect_errno("select-einval-negative-nfds", select(-1, &r, NULL, NULL, &zero), EINVAL);
    /* [64] "ceil(nfds/8) bytes are copied from each non-null set; more than sizeof(fd_set) → EINVAL". */
    kt_expect_errno("select-einval-nfds-over-fd-setsize", select(FD_SETSIZE + 1, &r, NULL, NULL, &zero), EINVAL);
    kt_expect_errno("select-efault-set", select(nfds, BAD_KERNEL_PTR, NULL, NULL, &zero), EFAULT);
    kt_expect_errno("select-efault-timeout", pselect(nfds, &r, NULL, NULL, BAD_KERNEL_PTR, NULL), EFAULT);
    kt_expect_raw_error("select-efault-params", syscall1(SC_select, (uintptr_t)BAD_KERNEL_PTR), EFAULT);
    close(p[0]);
}

static void test_poll(void)
{
    int p[2];
    if (pipe_or_fail("poll-pollout-on-write-end", p) < 0)
        return;
    struct pollfd fds[2] = { { p[0], POLLIN, 0 }, { p[1], POLLOUT, 0 } };
    int rc = poll(fds, 2, 0);
    kt_check("poll-pollout-on-write-end", rc == 1 && !(fds[0].revents & POLLIN) && (fds[1].revents & POLLOUT),
        "rc %d revents 0x%x 0x%x", rc, fds[0].revents, fds[1].revents);
    write(p[1], "x", 1);
    rc = poll(fds, 2, 0);
    kt_check("poll-pollin-with-data", rc == 2 && (fds[0].revents & POLLIN) && (fds[1].revents & POLLOUT),
        "rc %d revents 0x%x 0x%x", rc, fds[0].revents, fds[1].revents);
    char c;
    read(p[0], &c, 1);
    rc = poll(fds, 1, 0);
    kt_check("poll-timeout-0-returns-0", rc == 0 && fds[0].revents == 0, "rc %d revents 0x%x", rc, fds[0].revents);
    long long start = now_ms();
    rc = poll(fds, 1, 50);
    expect_elapsed_timeout("poll-timeout-50ms-returns-0", rc, start, fds[0].revents != 0);
    kt_check("poll-nfds-0-timeout-0", poll(NULL, 0, 0) == 0, "%s", kt_errname(errno));

    pid_t pid = fork_with(write_late, &p[1]);
    rc = poll(fds, 1, 5000);
    kt_check("poll-blocks-until-readable", rc == 1 && (fds[0].revents & POLLIN) && read(p[0], &c, 1) == 1,
        "rc %d revents 0x%x", rc, fds[0].revents);
    child_ok(pid);

    close(p[1]);
    rc = poll(fds, 1, 0);
    kt_check("poll-readable-or-hup-at-eof", rc == 1 && (fds[0].revents & (POLLIN | POLLHUP)), "rc %d revents 0x%x", rc,
        fds[0].revents);
    /* [66] "Any invalid fd → EBADF for the whole call (no POLLNVAL)." */
    kt_expect_errno("poll-ebadf-closed-fd", poll(fds, 2, 0), EBADF);
    static struct pollfd many[1024];
    for (int i = 0; i < 1024; i++)
        many[i] = (struct pollfd) { p[0], POLLIN, 0 };
    kt_expect_errno("poll-enobufs-1024-fds", poll(many, 1024, 0), ENOBUFS);
    kt_expect_errno("poll-efault-fds", poll(BAD_KERNEL_PTR, 1, 0), EFAULT);
    kt_expect_errno("poll-efault-timeout", ppoll(fds, 1, BAD_KERNEL_PTR, NULL), EFAULT);
    kt_expect_raw_error("poll-efault-params", syscall1(SC_poll, (uintptr_t)BAD_KERNEL_PTR), EFAULT);
    close(p[0]);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    if (kt_fs_begin("test-pipes") < 0)
        return kt_finish();
    test_pipe_basics();
    test_pipe_when_descriptions_run_out();
    test_eof_and_epipe();
    test_nonblocking();
    test_blocked_writer();
    test_fifos();
    test_pipeline();
    test_select();
    test_poll();
    return kt_fs_finish();
}
