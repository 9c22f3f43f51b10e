/*
 * The sandboxing utilities: /bin/pledge runs a command under
 * execpromises, /bin/unveil under a locked veil kept for its exec
 * (prctl PR_SET_KEEP_VEIL_AT_EXEC), /bin/id names the ids, and
 * /bin/dropdemo drops to anon, pledges, unveils and shows what is denied.
 */
#include "ktest.h"
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

static char out[2048];

/* Runs argv (not dumpable, output discarded) and returns its waitpid status. */
static int run_status(char* const argv[])
{
    pid_t pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        dup2(null, 2);
        prctl(PR_SET_DUMPABLE, 0, 0);
        execv(argv[0], argv);
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return status;
}

static void become_anon(void* arg)
{
    (void)arg;
    gid_t groups[] = { 100 };
    setgroups(1, groups);
    setgid(100);
    setuid(1000);
}


int main(void)
{
    kt_begin("test-sandbox");
    char* echo_stdio[] = { "/bin/pledge", "-e", "stdio", "/bin/echo", "hi", NULL };
    int rc = kt_run_capture(echo_stdio, NULL, NULL, NULL, out, sizeof out);
    kt_check("pledge-runs-command", rc == 0 && strcmp(out, "hi\n") == 0, "exit %d: %s", rc, out);
    char* echo_nothing[] = { "/bin/pledge", "-e", "", "/bin/echo", "hi", NULL };
    int status = run_status(echo_nothing);
    kt_check("pledge-empty-kills-command", WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT, "%s", kt_describe_status(status));
    char* self_without_exec[] = { "/bin/pledge", "-p", "stdio", "/bin/echo", "hi", NULL };
    status = run_status(self_without_exec);
    kt_check("pledge-p-binds-itself", WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT, "%s", kt_describe_status(status));

    char* cat_passwd[] = { "/bin/unveil", "/bin/cat:x", "/etc/passwd:r", "--", "/bin/cat", "/etc/passwd", NULL };
    rc = kt_run_capture(cat_passwd, NULL, NULL, NULL, out, sizeof out);
    kt_check("unveil-shows-what-it-names", rc == 0 && strstr(out, "root:") != NULL, "exit %d: %s", rc, out);
    char* cat_group[] = { "/bin/unveil", "/bin/cat:x", "/etc/passwd:r", "--", "/bin/cat", "/etc/group", NULL };
    rc = kt_run_capture(cat_group, NULL, NULL, NULL, out, sizeof out);
    kt_check("unveil-hides-the-rest", rc == 1 && strstr(out, "users:") == NULL, "exit %d: %s", rc, out);
    char* not_unveiled[] = { "/bin/unveil", "/etc/passwd:r", "--", "/bin/cat", "/etc/passwd", NULL };
    rc = kt_run_capture(not_unveiled, NULL, NULL, NULL, out, sizeof out);
    kt_check("unveil-command-needs-x", rc == 127, "exit %d: %s", rc, out);

    char* id[] = { "/bin/id", NULL };
    rc = kt_run_capture(id, NULL, NULL, NULL, out, sizeof out);
    kt_check("id-root", rc == 0 && strcmp(out, "uid=0(root) gid=0(root) groups=0(root)\n") == 0, "exit %d: %s", rc, out);
    rc = kt_run_capture(id, NULL, become_anon, NULL, out, sizeof out);
    kt_check("id-anon", rc == 0 && strcmp(out, "uid=1000(anon) gid=100(users) groups=100(users)\n") == 0, "exit %d: %s", rc, out);
    char* id_groups[] = { "/bin/id", "-Gn", NULL };
    rc = kt_run_capture(id_groups, NULL, become_anon, NULL, out, sizeof out);
    kt_check("id-groups-by-name", rc == 0 && strcmp(out, "users\n") == 0, "exit %d: %s", rc, out);

    char* dropdemo[] = { "/bin/dropdemo", NULL };
    rc = kt_run_capture(dropdemo, NULL, NULL, NULL, out, sizeof out);
    kt_check("dropdemo", rc == 0 && strstr(out, "UNEXPECTED") == NULL && strstr(out, "killed by signal 6 (as expected)") != NULL,
        "exit %d: %s", rc, out);
    return kt_finish();
}
