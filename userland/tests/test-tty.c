/*
 * test-tty: the console terminal. The reference's default termios and a
 * TCSETS round trip, raw reads under VMIN/VTIME, TCFLSH, TIOCSTI (EIO),
 * the window size; then, in a child that makes its own session, the
 * controlling terminal rules: /dev/tty (ENXIO without one), TIOCSCTTY,
 * TIOCSPGRP's EINVAL and EPERM, SIGWINCH to the foreground group, a
 * background group's read (EIO when it ignores SIGTTIN, EINTR after a
 * handler, stopped by default) and TIOCNOTTY.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "ktest.h"

static volatile sig_atomic_t caught;

static void note_signal(int signal)
{
    caught = signal;
}

static void test_termios(void)
{
    struct termios t, saved;
    kt_check("tcgetattr", tcgetattr(0, &saved) == 0, "%s", kt_errname(errno));
    kt_check("default-lflag", saved.c_lflag == (ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHONL), "%#o", saved.c_lflag);
    kt_check("default-iflag-oflag", saved.c_iflag == ICRNL && saved.c_oflag == (OPOST | ONLCR), "%#o %#o", saved.c_iflag,
        saved.c_oflag);
    kt_check("default-cc", saved.c_cc[VINTR] == 3 && saved.c_cc[VERASE] == 010 && saved.c_cc[VKILL] == 025
            && saved.c_cc[VEOF] == 4 && saved.c_cc[VMIN] == 1 && saved.c_cc[VSUSP] == 032 && saved.c_cc[VWERASE] == 027,
        "intr %d erase %d", saved.c_cc[VINTR], saved.c_cc[VERASE]);
    t = saved;
    t.c_cc[VKILL] = 030;
    t.c_lflag &= ~ECHO;
    struct termios back;
    kt_check("tcsetattr-round-trip", tcsetattr(0, TCSANOW, &t) == 0 && tcgetattr(0, &back) == 0 && back.c_cc[VKILL] == 030
            && back.c_lflag == t.c_lflag, "%s", kt_errname(errno));

    /* Raw mode: VMIN 0 VTIME 0 polls, VTIME 2 waits 0.2 s for nothing. */
    cfmakeraw(&t);
    t.c_cc[VMIN] = 0;
    t.c_cc[VTIME] = 0;
    char c;
    kt_check("raw-vmin-0-returns-0", tcsetattr(0, TCSAFLUSH, &t) == 0 && read(0, &c, 1) == 0, "%s", kt_errname(errno));
    t.c_cc[VTIME] = 2;
    struct timespec before, after;
    clock_gettime(CLOCK_MONOTONIC, &before);
    int got = tcsetattr(0, TCSANOW, &t) == 0 ? (int)read(0, &c, 1) : -2;
    clock_gettime(CLOCK_MONOTONIC, &after);
    long waited_ms = (after.tv_sec - before.tv_sec) * 1000 + (after.tv_nsec - before.tv_nsec) / 1000000;
    kt_check("raw-vtime-times-out", got == 0 && waited_ms >= 150 && waited_ms < 2000, "got %d after %ld ms", got, waited_ms);
    kt_check("restore", tcsetattr(0, TCSANOW, &saved) == 0, "%s", kt_errname(errno));

    kt_check("tcflush-input", tcflush(0, TCIFLUSH) == 0, "%s", kt_errname(errno));
    kt_expect_errno("tcflush-bad-queue-einval", ioctl(0, TCFLSH, 7), EINVAL);
    char byte = 'x';
    kt_expect_errno("tiocsti-eio", ioctl(0, TIOCSTI, &byte), EIO);
    struct winsize w;
    kt_check("winsize-25x80", ioctl(0, TIOCGWINSZ, &w) == 0 && w.ws_row == 25 && w.ws_col == 80, "%d x %d", w.ws_row, w.ws_col);
    kt_expect_errno("tiocnotty-not-controlling-enotty", ioctl(0, TIOCNOTTY), ENOTTY);
}

/* A background group member: its read of the terminal per SIGTTIN's disposition. Exit 0 when all is as expected. */
static int background_reader(void)
{
    setpgid(0, 0);
    char c;
    signal(SIGTTIN, SIG_IGN);
    if (read(0, &c, 1) != -1 || errno != EIO)
        return 1;
    signal(SIGTTIN, note_signal);
    if (read(0, &c, 1) != -1 || errno != EINTR || caught != SIGTTIN)
        return 2;
    signal(SIGTTIN, SIG_DFL);
    read(0, &c, 1); /* stops here */
    return 3;
}

/* The session leader's checks; 0, or the number of the first failing one. */
static int session_leader(void* unused)
{
    (void)unused;
    if (setsid() != getpid())
        return 1;
    if (open("/dev/tty", O_RDWR) != -1 || errno != ENXIO)
        return 2;
    if (tcsetpgrp(0, getpgrp()) != -1 || errno != EPERM)
        return 3;
    if (ioctl(0, TIOCSCTTY, 0) != 0 || open("/dev/tty", O_RDWR) < 0 || tcgetpgrp(0) != getpid())
        return 4;
    if (tcsetpgrp(0, 0) != -1 || errno != EINVAL || tcsetpgrp(0, 30000) != -1 || errno != EINVAL)
        return 5;
    signal(SIGWINCH, note_signal);
    struct winsize w, bigger;
    ioctl(0, TIOCGWINSZ, &w);
    bigger = w;
    bigger.ws_row++;
    if (ioctl(0, TIOCSWINSZ, &bigger) != 0 || caught != SIGWINCH || ioctl(0, TIOCSWINSZ, &w) != 0)
        return 6;

    int ready[2];
    pipe(ready);
    pid_t other = fork();
    if (other == 0) {
        setsid();
        write(ready[1], "r", 1);
        pause();
        _exit(0);
    }
    char c;
    read(ready[0], &c, 1);
    int other_session_rc = tcsetpgrp(0, other);
    int other_session_errno = errno;
    kill(other, SIGKILL);
    waitpid(other, NULL, 0);
    if (other_session_rc != -1 || other_session_errno != EPERM)
        return 7;

    pid_t reader = fork();
    if (reader == 0)
        _exit(background_reader());
    int status = 0;
    if (waitpid(reader, &status, WUNTRACED) != reader)
        return 8;
    if (!WIFSTOPPED(status) || WSTOPSIG(status) != SIGTTIN)
        return WIFEXITED(status) ? 10 + WEXITSTATUS(status) : 9;
    int moved = tcsetpgrp(0, reader) == 0 && tcgetpgrp(0) == reader && tcsetpgrp(0, getpid()) == 0;
    kill(reader, SIGKILL);
    waitpid(reader, NULL, 0);
    if (!moved)
        return 20;
    if (ioctl(0, TIOCNOTTY) != 0 || open("/dev/tty", O_RDWR) != -1 || errno != ENXIO)
        return 21;
    return 0;
}

int main(void)
{
    kt_begin("test-tty");
    test_termios();
    int rc = kt_run_in_child(session_leader, NULL);
    kt_check("controlling-terminal-and-job-control", rc == 0, "check %d failed", rc);
    return kt_finish();
}
