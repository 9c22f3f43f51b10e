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
 * init runs the shell, /bin/sh, on the console (fork + execve with the
 * environment PATH=/bin:/usr/bin, HOME=/, TERM=xterm) and waits for it,
 * reaping the orphans the kernel hands it meanwhile. When the shell ends,
 * init says so and starts another one (a second later if it lasted less
 * than a second, so a shell that cannot start does not make init spin).
 */
#include <errno.h>
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

/* Runs /bin/sh and returns its waitpid status once it ends, reaping other children meanwhile; -1 if fork failed. */
static int run_shell(void)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
        printf("init: fork: %s\n", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        char* argv[] = { "/bin/sh", NULL };
        char* envp[] = { "PATH=/bin:/usr/bin", "HOME=/", "TERM=xterm", NULL };
        /* A session of its own with the console as its controlling terminal: ^C reaches the shell's commands. */
        if (setsid() < 0 || ioctl(0, TIOCSCTTY, 0) < 0)
            printf("init: console as controlling terminal: %s\n", strerror(errno));
        execve(argv[0], argv, envp);
        printf("init: execve %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    int status = 0;
    pid_t got;
    while ((got = waitpid(-1, &status, 0)) != pid)
        if (got < 0 && errno != EINTR) {
            printf("init: waitpid: %s\n", strerror(errno));
            return -1;
        }
    return status;
}

int main(int argc, char** argv)
{
    if (argc > 1)
        return run_test_list(argv[1]);

    printf("init: TSOS user space is up (pid %d)\n", getpid());
    for (;;) {
        time_t started = time(NULL);
        int status = run_shell();
        if (status >= 0 && WIFSIGNALED(status))
            printf("init: /bin/sh killed by signal %d; starting a new one\n", WTERMSIG(status));
        else if (status >= 0)
            printf("init: /bin/sh exited with status %d; starting a new one\n", WEXITSTATUS(status));
        if (status < 0 || time(NULL) - started < 1)
            sleep(1);
    }
}
