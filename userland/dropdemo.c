/*
 * /bin/dropdemo: drops privileges the way a careful daemon does, then
 * shows what is denied. As root it takes the groups, gid and uid of anon
 * (setgroups, setgid, setuid: in that order, since each needs the
 * privilege the next one gives up), pledges "stdio rpath proc" and
 * unveils only /etc/passwd for reading. Then, each in a child, it tries:
 *   reading /etc/passwd          allowed
 *   opening /etc/group           hidden by the veil (ENOENT)
 *   becoming root again          setuid(0) without the id promise: SIGABRT
 *   unveiling /bin               refused, the veil is locked (EPERM)
 * and prints one line per attempt. Exits 0 when each came out as listed.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <grp.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#define ANON_UID 1000
#define USERS_GID 100

static int read_passwd(void)
{
    int fd = open("/etc/passwd", O_RDONLY);
    char byte;
    return fd >= 0 && read(fd, &byte, 1) == 1 ? 0 : 1;
}

static int open_group(void)
{
    return open("/etc/group", O_RDONLY) < 0 && errno == ENOENT ? 0 : 1;
}

static int become_root(void)
{
    setuid(0);
    return 1; /* not reached: the missing promise kills */
}

static int unveil_more(void)
{
    return unveil("/bin", "r") < 0 && errno == EPERM ? 0 : 1;
}

/* Runs attempt in a child; true when it exited 0 or (killed) died of expected_signal. */
static int attempt(const char* what, int (*fn)(void), int expected_signal)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0)
        _exit(fn());
    int status = 0;
    waitpid(pid, &status, 0);
    int ok = expected_signal ? WIFSIGNALED(status) && WTERMSIG(status) == expected_signal
                             : WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (WIFSIGNALED(status))
        printf("dropdemo: %s: killed by signal %d (%s)\n", what, WTERMSIG(status), ok ? "as expected" : "UNEXPECTED");
    else
        printf("dropdemo: %s: %s\n", what, ok ? "as expected" : "UNEXPECTED");
    return ok;
}

int main(void)
{
    gid_t groups[] = { USERS_GID };
    prctl(PR_SET_DUMPABLE, 0, 0); /* the refused setuid should leave no crash report */
    if (setgroups(1, groups) < 0 || setgid(USERS_GID) < 0 || setuid(ANON_UID) < 0) {
        printf("dropdemo: dropping to uid %d: %s (run it as root)\n", ANON_UID, strerror(errno));
        return 1;
    }
    if (pledge("stdio rpath proc", NULL) < 0 || unveil("/etc/passwd", "r") < 0 || unveil(NULL, NULL) < 0) {
        printf("dropdemo: pledge/unveil: %s\n", strerror(errno));
        return 1;
    }
    printf("dropdemo: now uid %d gid %d, pledged \"stdio rpath proc\", only /etc/passwd unveiled (r)\n", getuid(), getgid());
    int ok = attempt("read /etc/passwd (allowed)", read_passwd, 0);
    ok &= attempt("open /etc/group (hidden: ENOENT)", open_group, 0);
    ok &= attempt("setuid(0) without the id promise", become_root, SIGABRT);
    ok &= attempt("unveil /bin after the lock (EPERM)", unveil_more, 0);
    return ok ? 0 : 1;
}
