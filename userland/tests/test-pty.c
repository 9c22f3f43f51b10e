/*
 * test-pty: pseudo-terminals. posix_openpt, grantpt, unlockpt, ptsname
 * [63] and their errnos; /dev/pts listing the live slaves, a name reused
 * once both sides are closed, EBUSY when every pair is taken; the slave a
 * terminal and the master not one; canonical input written on the master
 * with its echo read back there, the slave's output with ONLCR, raw mode;
 * select on both sides; ^C on the master killing the slave's foreground
 * group; the master's TIOCGPGRP; reads on either side interrupted by a
 * signal; the master's close hanging the slave up (SIGHUP, end of file,
 * EIO) and the slave's close leaving the master end of file and EIO.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "ktest.h"

static volatile sig_atomic_t caught;

static void note_signal(int signal) { caught = signal; }

/* True when fd has something to read now. */
static int readable_now(int fd)
{
    struct pollfd p = { fd, POLLIN, 0 };
    return poll(&p, 1, 0) == 1 && (p.revents & POLLIN) != 0;
}

/* Reads what fd has within a second, up to size - 1 bytes, NUL-terminated; the count. */
static int read_some(int fd, char* buf, int size)
{
    struct pollfd p = { fd, POLLIN, 0 };
    int n = 0;
    if (poll(&p, 1, 1000) == 1)
        n = (int)read(fd, buf, size - 1);
    buf[n > 0 ? n : 0] = 0;
    return n;
}

/* True when /dev/pts lists name (its last component). */
static int pts_lists(const char* name)
{
    DIR* dir = opendir("/dev/pts");
    if (!dir)
        return 0;
    int found = 0;
    for (struct dirent* e = readdir(dir); e; e = readdir(dir))
        found |= strcmp(e->d_name, name) == 0;
    closedir(dir);
    return found;
}

static void test_names(void)
{
    kt_expect_errno("posix_openpt-bad-flags-einval", posix_openpt(O_RDWR | O_APPEND), EINVAL);
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (!kt_check("posix_openpt", master >= 0, "%s", kt_errname(errno)))
        return;
    kt_check("grantpt-unlockpt", grantpt(master) == 0 && unlockpt(master) == 0, "%s", kt_errname(errno));
    char name[32];
    const char* path = ptsname(master);
    kt_check("ptsname", path && strncmp(path, "/dev/pts/", 9) == 0, "%s", path ? path : kt_errname(errno));
    strcpy(name, path ? path : "");
    char small[4];
    kt_check("ptsname_r-erange", ptsname_r(master, small, sizeof(small)) == ERANGE, "no ERANGE");
    kt_check("pts-lists-slave", pts_lists(name + 9), "%s not in /dev/pts", name);
    struct stat st;
    kt_check("slave-node-char-device", stat(name, &st) == 0 && S_ISCHR(st.st_mode) && st.st_rdev >> 8 == 201,
        "mode %#o rdev %#x", st.st_mode, (unsigned)st.st_rdev);
    kt_check("master-is-not-a-tty", !isatty(master), "isatty(master)");
    kt_expect_errno("master-tcgetattr-einval", ioctl(master, TCGETS, &(struct termios) { 0 }), EINVAL);

    int slave = open(name, O_RDWR | O_NOCTTY);
    kt_check("slave-is-a-tty", slave >= 0 && isatty(slave), "%s", kt_errname(errno));
    char* tty = slave >= 0 ? ttyname(slave) : NULL;
    kt_check("slave-ttyname", tty && strcmp(tty, name) == 0, "%s", tty ? tty : kt_errname(errno));
    kt_check("ptsname-of-slave-enotty", ptsname_r(slave, small, sizeof(small)) == ENOTTY, "not ENOTTY");
    struct termios t;
    kt_check("slave-default-termios", tcgetattr(slave, &t) == 0 && t.c_lflag == (ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHONL)
            && t.c_oflag == (OPOST | ONLCR) && t.c_iflag == ICRNL, "lflag %#o", t.c_lflag);
    close(slave);
    close(master);
    kt_expect_errno("pts-node-gone-after-close", stat(name, &st), ENOENT);
    master = posix_openpt(O_RDWR);
    path = master >= 0 ? ptsname(master) : NULL;
    kt_check("name-reused", path && strcmp(path, name) == 0, "%s after %s", path ? path : kt_errname(errno), name);
    close(master);

    int null = open("/dev/null", O_RDWR);
    kt_check("ptsname-not-master-enotty", ptsname_r(null, name, sizeof(name)) == ENOTTY, "not ENOTTY");
    kt_expect_errno("grantpt-not-master-einval", grantpt(null), EINVAL);
    kt_expect_errno("ioctl-not-tty-enotty", ioctl(null, TCGETS, &t), ENOTTY);
    close(null);
    kt_check("ptsname-bad-fd-ebadf", ptsname_r(null, name, sizeof(name)) == EBADF, "not EBADF");
    kt_expect_errno("grantpt-bad-fd-ebadf", grantpt(null), EBADF);
}

static void test_exhaustion(void)
{
    int masters[64];
    int n = 0;
    while (n < 64 && (masters[n] = posix_openpt(O_RDWR)) >= 0)
        n++;
    int error = errno;
    kt_check("all-taken-ebusy", n > 0 && n < 64 && error == EBUSY, "%d opened, then %s", n, kt_errname(error));
    for (int i = 0; i < n; i++)
        close(masters[i]);
    int again = posix_openpt(O_RDWR);
    kt_check("free-again", again >= 0, "%s", kt_errname(errno));
    close(again);
}

static void test_line_discipline(void)
{
    int master, slave;
    if (!kt_check("openpty", openpty(&master, &slave, NULL, NULL, NULL) == 0, "%s", kt_errname(errno)))
        return;
    char buf[64];
    kt_check("nothing-readable-at-first", !readable_now(master) && !readable_now(slave), "readable");
    fd_set set;
    FD_ZERO(&set);
    FD_SET(master, &set);
    FD_SET(slave, &set);
    struct timeval zero = { 0, 0 };
    kt_check("select-none-ready", select(slave > master ? slave + 1 : master + 1, &set, NULL, NULL, &zero) == 0, "ready");

    write(master, "hel", 3);
    kt_check("canonical-no-line-yet", !readable_now(slave), "partial line readable");
    write(master, "lo\r", 3);
    FD_ZERO(&set);
    FD_SET(slave, &set);
    struct timeval second = { 1, 0 };
    kt_check("select-slave-readable", select(slave + 1, &set, NULL, NULL, &second) == 1 && FD_ISSET(slave, &set), "not ready");
    int n = (int)read(slave, buf, sizeof(buf));
    kt_check("canonical-line", n == 6 && memcmp(buf, "hello\n", 6) == 0, "%d bytes", n);
    n = read_some(master, buf, sizeof(buf));
    kt_check("echo-on-master", n == 7 && strcmp(buf, "hello\r\n") == 0, "%d bytes: %s", n, buf);

    write(master, "abx\b\bc\n", 7);
    n = (int)read(slave, buf, sizeof(buf));
    kt_check("erase", n == 3 && memcmp(buf, "ac\n", 3) == 0, "%d bytes", n);
    read_some(master, buf, sizeof(buf));

    write(slave, "out\n", 4);
    FD_ZERO(&set);
    FD_SET(master, &set);
    struct timeval again = { 1, 0 };
    kt_check("select-master-readable", select(master + 1, &set, NULL, NULL, &again) == 1, "not ready");
    n = read_some(master, buf, sizeof(buf));
    kt_check("slave-output-onlcr", n == 5 && strcmp(buf, "out\r\n") == 0, "%d bytes: %s", n, buf);

    struct termios t;
    tcgetattr(slave, &t);
    cfmakeraw(&t);
    tcsetattr(slave, TCSANOW, &t);
    write(master, "a\003b", 3);
    n = (int)read(slave, buf, sizeof(buf));
    kt_check("raw-bytes", n == 3 && memcmp(buf, "a\003b", 3) == 0, "%d bytes", n);
    kt_check("raw-no-echo", !readable_now(master), "echoed");

    struct winsize w = { 40, 100, 0, 0 }, back;
    kt_check("master-sets-window-size", ioctl(master, TIOCSWINSZ, &w) == 0 && ioctl(slave, TIOCGWINSZ, &back) == 0
            && back.ws_row == 40 && back.ws_col == 100, "%s", kt_errname(errno));
    close(slave);
    kt_check("slave-closed-master-readable", readable_now(master), "not readable");
    kt_check("slave-closed-master-eof", read(master, buf, sizeof(buf)) == 0, "%s", kt_errname(errno));
    kt_expect_errno("slave-closed-master-write-eio", write(master, "x", 1), EIO);
    close(master);
}

/* A child that makes a session with the slave at path as its controlling terminal, then tells ready. */
static void become_session(const char* path, int ready)
{
    setsid();
    int fd = open(path, O_RDWR);
    dup2(fd, 0);
    write(ready, "r", 1);
}

static void test_job_control(void)
{
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    char path[32];
    if (!kt_check("open-master", master >= 0 && ptsname_r(master, path, sizeof(path)) == 0, "%s", kt_errname(errno)))
        return;
    int ready[2];
    pipe(ready);
    pid_t child = fork();
    if (child == 0) {
        become_session(path, ready[1]);
        char c;
        read(0, &c, 1);
        _exit(1);
    }
    char c;
    read(ready[0], &c, 1);
    int pgrp = ioctl(master, TIOCGPGRP, 0);
    kt_check("master-tiocgpgrp", pgrp == child, "%d, child %d", pgrp, child);
    write(master, "\003", 1);
    int status = 0;
    waitpid(child, &status, 0);
    kt_check("ctrl-c-sigint", WIFSIGNALED(status) && WTERMSIG(status) == SIGINT, "%s", kt_describe_status(status));

    /* A read on either side ends with EINTR when a handler runs. */
    child = fork();
    if (child == 0) {
        become_session(path, ready[1]);
        signal(SIGALRM, note_signal);
        alarm(1);
        int slave_eintr = read(0, &c, 1) == -1 && errno == EINTR;
        alarm(1);
        int master_eintr = read(master, &c, 1) == -1 && errno == EINTR;
        _exit(slave_eintr && master_eintr ? 0 : slave_eintr ? 2 : 3);
    }
    read(ready[0], &c, 1);
    kt_expect_child_exit("reads-interrupted-eintr", child, 0);

    /* The master's close: SIGHUP to the foreground group, then end of file and EIO. */
    child = fork();
    if (child == 0) {
        become_session(path, ready[1]);
        signal(SIGHUP, note_signal);
        close(master);
        ssize_t first = read(0, &c, 1);
        ssize_t second = read(0, &c, 1);
        int eio = write(0, "x", 1) == -1 && errno == EIO;
        _exit(caught == SIGHUP && (first == 0 || (first == -1 && errno == EINTR)) && second == 0 && eio ? 0 : 4);
    }
    read(ready[0], &c, 1);
    close(master);
    kt_expect_child_exit("master-close-hangs-up", child, 0);
    close(ready[0]);
    close(ready[1]);
}

int main(void)
{
    kt_begin("test-pty");
    test_names();
    test_exhaustion();
    test_line_discipline();
    test_job_control();
    return kt_finish();
}
