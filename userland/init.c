/*
 * /bin/init: the first user process.
 *
 * With an argument, argv[1] is a comma-separated list of program paths (the
 * test mode): each one is run in turn, as fork + execve(path, {path, NULL},
 * {NULL}) + waitpid, and reported as
 *   KTEST program:<path>: PASS                       (exit status 0)
 *   KTEST program:<path>: FAIL: exit <n>             (another exit status)
 *   KTEST program:<path>: FAIL: killed by signal <s>
 * then `KTEST SUMMARY: <p> passed, <f> failed`, and init exits with f (in
 * test mode the kernel turns init's exit status into QEMU's).
 * A program that cannot be executed makes its child print the errno and
 * exit 127. (`make bench` uses this mode; `make test` boots /bin/run-tests
 * as the first process instead, see userland/run-tests.c.)
 *
 * Without arguments: the banner `init: TSOS user space is up (pid 1)`, then
 * init runs a shell, /bin/sh, on each console: the serial line /dev/ttyS0
 * and the VGA screen with the PS/2 keyboard /dev/tty0 (fork, a new session
 * with the console as controlling terminal and stdin/stdout/stderr, execve
 * with the environment PATH=/bin:/usr/bin, HOME=/, TERM=xterm). It waits,
 * reaping the orphans the kernel hands it meanwhile; when a console's shell
 * ends, init says so and starts another one on that console.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_PATH_LENGTH 256

static int run_program(const char* path)
{
    pid_t pid = fork();
    if (pid < 0) {
        printf("KTEST program:%s: FAIL: fork: %s\n", path, strerror(errno));
        return 0;
    }
    if (pid == 0) {
        char* argv[] = { (char*)path, NULL };
        char* envp[] = { NULL };
        execve(path, argv, envp);
        printf("init: execve %s: %s (%s)\n", path, strerrorname_np(errno), strerror(errno));
        _exit(127);
    }

    int status = 0;
    pid_t got;
    do {
        got = waitpid(pid, &status, 0);
    } while (got < 0 && errno == EINTR);
    if (got != pid) {
        printf("KTEST program:%s: FAIL: waitpid: %s\n", path, got < 0 ? strerror(errno) : "wrong pid");
        return 0;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        printf("KTEST program:%s: PASS\n", path);
        return 1;
    }
    if (WIFEXITED(status))
        printf("KTEST program:%s: FAIL: exit %d\n", path, WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        printf("KTEST program:%s: FAIL: killed by signal %d\n", path, WTERMSIG(status));
    else
        printf("KTEST program:%s: FAIL: status 0x%x\n", path, status);
    return 0;
}

static int run_test_list(const char* list)
{
    int passed = 0, failed = 0;
    const char* p = list;
    while (*p) {
        const char* comma = strchr(p, ',');
        size_t length = comma ? (size_t)(comma - p) : strlen(p);
        if (length > 0) {
            char path[MAX_PATH_LENGTH];
            if (length >= sizeof(path)) {
                printf("KTEST program:%.40s...: FAIL: path too long\n", p);
                failed++;
            } else {
                memcpy(path, p, length);
                path[length] = '\0';
                if (run_program(path))
                    passed++;
                else
                    failed++;
            }
        }
        p += length;
        if (*p == ',')
            p++;
    }
    /* Reap anything left over (children of our children are not ours). */
    while (waitpid(-1, NULL, WNOHANG) > 0)
        ;
    printf("KTEST SUMMARY: %d passed, %d failed\n", passed, failed);
    return failed;
}

/* The consoles init keeps a shell on, and each one's shell (0: none running) and when it started. */
static const char* const consoles[] = { "/dev/ttyS0", "/dev/tty0" };
#define CONSOLES (int)(sizeof(consoles) / sizeof(consoles[0]))
static pid_t shells[CONSOLES];
static time_t started[CONSOLES];

/*
 * The child's side: a session of its own whose controlling terminal is
 * console (so ^C reaches the shell's commands), with the console as its
 * stdin, stdout and stderr; then /bin/sh.
 */
static void exec_shell(const char* console)
{
    char* argv[] = { "/bin/sh", NULL };
    char* envp[] = { "PATH=/bin:/usr/bin", "HOME=/", "TERM=xterm", NULL };
    int fd = setsid() < 0 ? -1 : open(console, O_RDWR);
    if (fd < 0 || ioctl(fd, TIOCSCTTY, 0) < 0) {
        printf("init: %s as controlling terminal: %s\n", console, strerror(errno));
        _exit(127);
    }
    for (int i = 0; i < 3; i++)
        dup2(fd, i);
    if (fd > 2)
        close(fd);
    execve(argv[0], argv, envp);
    printf("init: execve %s: %s\n", argv[0], strerror(errno));
    _exit(127);
}

/* Starts the shell of console n (a second late if its last one lasted less than a second, so one that cannot start does not make init spin). */
static void start_shell(int n)
{
    if (started[n] != 0 && time(NULL) - started[n] < 1)
        sleep(1);
    fflush(stdout);
    started[n] = time(NULL);
    shells[n] = fork();
    if (shells[n] < 0) {
        printf("init: fork: %s\n", strerror(errno));
        shells[n] = 0;
    }
    if (shells[n] == 0)
        exec_shell(consoles[n]);
}

/* A child ended with status: when it was a console's shell, says so and starts another there. */
static void child_ended(pid_t pid, int status)
{
    for (int n = 0; n < CONSOLES; n++) {
        if (shells[n] != pid)
            continue;
        if (WIFSIGNALED(status))
            printf("init: /bin/sh on %s killed by signal %d; starting a new one\n", consoles[n], WTERMSIG(status));
        else
            printf("init: /bin/sh on %s exited with status %d; starting a new one\n", consoles[n], WEXITSTATUS(status));
        start_shell(n);
    }
}

int main(int argc, char** argv)
{
    if (argc > 1)
        return run_test_list(argv[1]);

    printf("init: TSOS user space is up (pid %d)\n", getpid());
    for (int n = 0; n < CONSOLES; n++)
        start_shell(n);
    for (;;) {
        int status = 0;
        pid_t got = waitpid(-1, &status, 0);
        if (got > 0)
            child_ended(got, status);
        else if (errno != EINTR) {
            printf("init: waitpid: %s\n", strerror(errno));
            sleep(1);
        }
    }
}
