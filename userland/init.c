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
 * Without arguments: a banner, then, until a shell exists, init echoes the
 * console: it blocks in read(0), so an idle system halts the CPU instead
 * of spinning.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
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

int main(int argc, char** argv)
{
    if (argc > 1)
        return run_test_list(argv[1]);

    printf("init: TSOS user space is up (pid %d)\n", getpid());
    printf("init: no shell yet; what you type is echoed\n");
    char buffer[256];
    for (;;) {
        ssize_t n = read(0, buffer, sizeof(buffer));
        if (n > 0)
            write(1, buffer, (size_t)n);
        while (waitpid(-1, NULL, WNOHANG) > 0)
            ;
    }
}
