/*
 * test-watch: the inode watcher [103-105] beyond test-devproc's cases,
 * select [64] and poll [66] on watchers and their corner cases, and
 * ttyname [28] / ptsname [63] (syscall numbers in brackets).
 *
 * Watcher semantics checked here (the reference's InodeWatcher): read()
 * returns one whole event (struct inode_watcher_event: wd, type,
 * name_length counting the NUL, name) and blocks unless the watcher is
 * nonblocking; a buffer too small for the next event is EINVAL and the
 * event stays queued; the watcher is readable for select/poll while an
 * event is queued; one watch per inode per watcher (EEXIST); procfs and
 * devfs have no watch support (ENOTSUP); the queue keeps the newest 15
 * events; a watched inode that is freed sends Deleted and loses its watch.
 *
 * Scratch files live in /tmp/test-watch.<pid>. Runs as root.
 */
#include "ktest-fs.h"

#include <limits.h>
#include <poll.h>
#include <serenity.h>
#include <stdlib.h>
#include <sys/inode_watcher.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <syscall.h>

#define DELAY_SPINS 3000000u /* a child's pause before it acts, so its parent blocks first */
#define QUEUE_EVENTS 15      /* what a watcher keeps (kernel/fs/watch.ts) */

static char event_buffer[INODE_WATCHER_MAXIMUM_EVENT_SIZE];

static const struct inode_watcher_event* event_of(void) { return (const struct inode_watcher_event*)event_buffer; }

/* Reads one event into event_buffer: the read's result. */
static ssize_t read_event(int watcher)
{
    memset(event_buffer, 0, sizeof(event_buffer));
    return read(watcher, event_buffer, sizeof(event_buffer));
}

/* The event just read is wd's, of type, and names name (NULL: carries no name). */
static int event_is(ssize_t n, int wd, uint32_t type, const char* name)
{
    const struct inode_watcher_event* event = event_of();
    if (n < (ssize_t)sizeof(*event) || event->watch_descriptor != wd || event->type != type)
        return 0;
    if (!name)
        return event->name_length == 0 && n == (ssize_t)sizeof(*event);
    return event->name_length == strlen(name) + 1 && n == (ssize_t)(sizeof(*event) + strlen(name) + 1)
        && !strcmp(event->name, name);
}

static int add_watch(int watcher, const char* path, unsigned mask)
{
    return inode_watcher_add_watch(watcher, path, strlen(path), mask);
}

static pid_t fork_with(int (*fn)(void*), void* arg)
{
    pid_t pid = fork();
    if (pid == 0)
        _exit(fn(arg));
    return pid;
}

static int child_ok(pid_t pid)
{
    int status = 0;
    return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* Child: pauses, then creates the file at path. */
static int create_late(void* path)
{
    kt_spin(DELAY_SPINS);
    return kt_write_file(path, "x", 1, 0644) == 0 ? 0 : 1;
}

/* ---- the watcher's read ---- */

static void test_events(void)
{
    char dir[KT_PATH_SIZE], file[KT_PATH_SIZE];
    kt_path_keep(dir, "dir");
    mkdir(dir, 0755);
    int watcher = create_inode_watcher(0);
    int wd = add_watch(watcher, dir, INODE_WATCHER_EVENT_CHILD_CREATED | INODE_WATCHER_EVENT_CHILD_DELETED);
    kt_check("add-watch-returns-wd-1", wd == 1, "wd %d (%s)", wd, kt_errname(errno));

    kt_path_keep(file, "dir/late");
    pid_t pid = fork_with(create_late, file);
    ssize_t n = read_event(watcher);
    kt_check("blocking-read-waits-for-event", event_is(n, wd, INODE_WATCHER_EVENT_CHILD_CREATED, "late"),
        "read %d, wd %d type %u name_length %u", (int)n, event_of()->watch_descriptor, event_of()->type,
        (unsigned)event_of()->name_length);
    kt_check("blocking-read-child-exit-0", child_ok(pid), "child failed");

    unlink(file);
    char tiny[sizeof(struct inode_watcher_event)];
    kt_expect_errno("read-too-small-for-event-einval", read(watcher, tiny, sizeof(tiny)), EINVAL);
    kt_check("event-kept-after-einval", event_is(read_event(watcher), wd, INODE_WATCHER_EVENT_CHILD_DELETED, "late"),
        "type %u", event_of()->type);
    kt_expect_errno("add-watch-same-inode-eexist", add_watch(watcher, dir, INODE_WATCHER_EVENT_CHILD_CREATED), EEXIST);
    kt_expect_errno("add-watch-procfs-enotsup", add_watch(watcher, "/proc", INODE_WATCHER_EVENT_CHILD_CREATED),
        ENOTSUP);
    kt_expect_errno("add-watch-devfs-enotsup", add_watch(watcher, "/dev/null", INODE_WATCHER_EVENT_METADATA_MODIFIED),
        ENOTSUP);
    kt_expect_errno("add-watch-empty-path-einval", inode_watcher_add_watch(watcher, dir, 0, 1), EINVAL);
    kt_expect_errno("add-watch-efault-path", inode_watcher_add_watch(watcher, BAD_KERNEL_PTR, 4, 1), EFAULT);
    kt_expect_errno("lseek-on-watcher-espipe", lseek(watcher, 0, SEEK_SET), ESPIPE);

    /* Masks filter: a metadata change of the directory is not asked for. */
    chmod(dir, 0700);
    kt_path_keep(file, "dir/meta");
    kt_write_file(file, "m", 1, 0644);
    kt_check("mask-filters-events", event_is(read_event(watcher), wd, INODE_WATCHER_EVENT_CHILD_CREATED, "meta"),
        "type %u", event_of()->type);

    int file_wd = add_watch(watcher, file, INODE_WATCHER_EVENT_METADATA_MODIFIED | INODE_WATCHER_EVENT_DELETED);
    kt_check("second-watch-gets-wd-2", file_wd == 2, "wd %d (%s)", file_wd, kt_errname(errno));
    chmod(file, 0600);
    kt_check("metadata-event-has-no-name", event_is(read_event(watcher), file_wd, INODE_WATCHER_EVENT_METADATA_MODIFIED,
        NULL), "type %u name_length %u", event_of()->type, (unsigned)event_of()->name_length);

    close(watcher);

    /* Truncation changes content as a write does: O_TRUNC and ftruncate each send ContentModified. */
    watcher = create_inode_watcher(INODE_WATCHER_NONBLOCK);
    int content_wd = add_watch(watcher, file, INODE_WATCHER_EVENT_CONTENT_MODIFIED);
    int fd = open(file, O_WRONLY | O_TRUNC);
    kt_check("o-trunc-sends-content-modified", event_is(read_event(watcher), content_wd, INODE_WATCHER_EVENT_CONTENT_MODIFIED,
        NULL), "wd %d type %u", content_wd, event_of()->type);
    ftruncate(fd, 100);
    kt_check("ftruncate-sends-content-modified", event_is(read_event(watcher), content_wd, INODE_WATCHER_EVENT_CONTENT_MODIFIED,
        NULL), "wd %d type %u", content_wd, event_of()->type);
    close(fd);
    close(watcher);
}

/* ---- deletion, overflow ---- */

static void test_deleted_and_overflow(void)
{
    char file[KT_PATH_SIZE], dir[KT_PATH_SIZE], name[32];
    kt_path_keep(file, "doomed");
    kt_write_file(file, "d", 1, 0644);
    int watcher = create_inode_watcher(INODE_WATCHER_NONBLOCK);
    int wd = add_watch(watcher, file, INODE_WATCHER_EVENT_DELETED);
    unlink(file);
    kt_check("freed-inode-sends-deleted", event_is(read_event(watcher), wd, INODE_WATCHER_EVENT_DELETED, NULL),
        "wd %d type %u", event_of()->watch_descriptor, event_of()->type);
    kt_expect_errno("freed-inode-drops-its-watch", inode_watcher_remove_watch(watcher, wd), ENOENT);

    /* Unlinked but still open: the inode lives on, and so does the watch. */
    kt_write_file(file, "d", 1, 0644);
    int fd = open(file, O_RDONLY);
    wd = add_watch(watcher, file, INODE_WATCHER_EVENT_DELETED);
    unlink(file);
    kt_expect_errno("open-unlinked-inode-no-deleted-yet", read_event(watcher), EAGAIN);
    close(fd);
    kt_check("deleted-at-last-close", event_is(read_event(watcher), wd, INODE_WATCHER_EVENT_DELETED, NULL), "type %u",
        event_of()->type);

    kt_path_keep(dir, "many");
    mkdir(dir, 0755);
    wd = add_watch(watcher, dir, INODE_WATCHER_EVENT_CHILD_CREATED);
    for (int i = 0; i < QUEUE_EVENTS + 5; i++) {
        snprintf(name, sizeof(name), "many/c%02d", i);
        kt_write_file(kt_path(name), "", 0, 0644);
    }
    int count = 0, first_ok = 0;
    for (ssize_t n; (n = read_event(watcher)) > 0; count++) {
        if (count == 0)
            first_ok = event_is(n, wd, INODE_WATCHER_EVENT_CHILD_CREATED, "c05");
    }
    kt_check("full-queue-drops-oldest", count == QUEUE_EVENTS && first_ok && errno == EAGAIN,
        "%d events, first \"%s\"", count, event_of()->name);
    close(watcher);
}

/* ---- select and poll on watchers ---- */

static void test_waiting(void)
{
    char dir[KT_PATH_SIZE], file[KT_PATH_SIZE];
    kt_path_keep(dir, "polled");
    mkdir(dir, 0755);
    int watcher = create_inode_watcher(INODE_WATCHER_NONBLOCK);
    int wd = add_watch(watcher, dir, INODE_WATCHER_EVENT_CHILD_CREATED);
    struct pollfd pfd = { watcher, POLLIN, 0 };
    kt_check("poll-idle-watcher-not-ready", poll(&pfd, 1, 0) == 0 && pfd.revents == 0, "revents 0x%x", pfd.revents);

    kt_path_keep(file, "polled/a");
    pid_t pid = fork_with(create_late, file);
    int rc = poll(&pfd, 1, 5000);
    kt_check("poll-wakes-on-watcher-event", rc == 1 && pfd.revents == POLLIN, "rc %d revents 0x%x", rc, pfd.revents);
    child_ok(pid);
    read_event(watcher);

    kt_path_keep(file, "polled/b");
    pid = fork_with(create_late, file);
    fd_set r;
    FD_ZERO(&r);
    FD_SET(watcher, &r);
    rc = select(watcher + 1, &r, NULL, NULL, NULL);
    kt_check("select-no-timeout-wakes-on-watcher-event", rc == 1 && FD_ISSET(watcher, &r), "rc %d", rc);
    child_ok(pid);
    kt_check("watcher-event-after-select", event_is(read_event(watcher), wd, INODE_WATCHER_EVENT_CHILD_CREATED, "b"),
        "type %u", event_of()->type);
    close(watcher);

    int p[2];
    pipe(p);
    write(p[1], "x", 1);
    struct pollfd none = { p[0], 0, 0 };
    rc = poll(&none, 1, 0);
    kt_check("poll-no-events-asked-reports-nothing", rc == 0 && none.revents == 0, "rc %d revents 0x%x", rc,
        none.revents);
    fd_set e;
    FD_ZERO(&e);
    FD_SET(p[0], &e);
    struct timeval zero = { 0, 0 };
    rc = select(p[0] + 1, NULL, NULL, &e, &zero);
    kt_check("select-pipe-has-no-exception", rc == 0 && !FD_ISSET(p[0], &e), "rc %d", rc);
    struct pollfd negative = { -1, POLLIN, 0 };
    kt_expect_errno("poll-negative-fd-ebadf", poll(&negative, 1, 0), EBADF);
    struct timespec odd = { 0, 1500000000 }; /* 1.5 s spelt with tv_nsec: carried, as the reference does */
    struct pollfd ready = { p[0], POLLIN, 0 };
    kt_check("ppoll-oversized-nsec-accepted", ppoll(&ready, 1, &odd, NULL) == 1, "%s", kt_errname(errno));
    close(p[0]);
    close(p[1]);
}

/* ---- fds run out ---- */

static void test_emfile(void)
{
    int last = -1;
    for (int fd; (fd = dup(0)) >= 0;)
        last = fd;
    kt_expect_errno("create-inode-watcher-emfile", create_inode_watcher(0), EMFILE);
    for (int fd = 3; fd <= last; fd++)
        close(fd);
}

/* ---- ttyname, ptsname ---- */

static void test_terminal_names(void)
{
    char name[TTY_NAME_MAX];
    int fd = open("/dev/ttyS0", O_RDWR);
    kt_check("ttyname-ttyS0", ttyname_r(fd, name, sizeof(name)) == 0 && !strcmp(name, "/dev/ttyS0"), "\"%s\"", name);
    kt_check("ttyname-exact-size-fits", ttyname_r(fd, name, 11) == 0, "needs 11 bytes with the NUL");
    kt_check("ttyname-one-short-erange", ttyname_r(fd, name, 10) == ERANGE, "not ERANGE");
    kt_expect_raw_error("ttyname-efault", syscall3(SC_ttyname, fd, (uintptr_t)BAD_KERNEL_PTR, 32), EFAULT);
    close(fd);
    /* /dev/tty needs a controlling terminal, which a test program has not (test-tty): the console's own node. */
    fd = open("/dev/console", O_RDWR | O_NOCTTY);
    kt_check("ttyname-console", ttyname_r(fd, name, sizeof(name)) == 0 && !strcmp(name, "/dev/console"), "\"%s\"", name);
    close(fd);
    /* [63] "Not a PTY master → ENOTTY": there are no PTYs. */
    kt_check("ptsname-console-enotty", ptsname_r(0, name, sizeof(name)) == ENOTTY, "not ENOTTY");
    kt_check("ptsname-ebadf", ptsname_r(900, name, sizeof(name)) == EBADF, "not EBADF");
}

int main(void)
{
    if (kt_fs_begin("test-watch") < 0)
        return kt_finish();
    test_events();
    test_deleted_and_overflow();
    test_waiting();
    test_emfile();
    test_terminal_names();
    return kt_fs_finish();
}
