/*
 * test-sigaction: sigaction [38] stores dispositions (delivery does not
 * exist yet): its EINVAL and EFAULT rows, the old action read back, fork
 * inheriting and exec resetting caught signals while keeping ignored ones.
 */
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <syscall.h>
#include <unistd.h>

#include "ktest.h"

static void handler(int signal) { (void)signal; }

/* Child after exec: SIGUSR1 (caught before exec) is default again, SIGPIPE (ignored) still ignored. */
static int exec_child_check(void)
{
    struct sigaction old;
    if (sigaction(SIGUSR1, NULL, &old) < 0 || old.sa_handler != SIG_DFL)
        return 1;
    if (sigaction(SIGPIPE, NULL, &old) < 0 || old.sa_handler != SIG_IGN)
        return 2;
    return 0;
}

int main(int argc, char** argv)
{
    if (argc > 1 && strcmp(argv[1], "--after-exec") == 0)
        return exec_child_check();
    kt_begin("test-sigaction");
    struct sigaction act, old;
    memset(&act, 0, sizeof(act));
    act.sa_handler = handler;
    act.sa_flags = SA_NODEFER;
    kt_expect_errno("einval-signal-0", sigaction(0, &act, NULL), EINVAL);
    kt_expect_errno("einval-signal-32", sigaction(32, &act, NULL), EINVAL);
    kt_expect_errno("einval-sigkill", sigaction(SIGKILL, &act, NULL), EINVAL);
    kt_expect_errno("einval-sigstop", sigaction(SIGSTOP, &act, NULL), EINVAL);
    kt_expect_errno("efault-act", sigaction(SIGUSR1, BAD_KERNEL_PTR, NULL), EFAULT);
    kt_expect_errno("efault-old", sigaction(SIGUSR1, NULL, BAD_KERNEL_PTR), EFAULT);
    kt_check("default-at-start", sigaction(SIGUSR1, NULL, &old) == 0 && old.sa_handler == SIG_DFL, "not SIG_DFL");
    kt_check("install-handler", sigaction(SIGUSR1, &act, NULL) == 0, "%s", kt_errname(errno));
    memset(&old, 0, sizeof(old));
    kt_check("old-action-read-back", sigaction(SIGUSR1, NULL, &old) == 0 && old.sa_handler == handler && old.sa_flags == SA_NODEFER,
        "handler %p flags %#x", (void*)old.sa_handler, old.sa_flags);
    signal(SIGPIPE, SIG_IGN);
    pid_t pid = fork();
    if (pid == 0) {
        struct sigaction inherited;
        _exit(sigaction(SIGUSR1, NULL, &inherited) == 0 && inherited.sa_handler == handler ? 0 : 1);
    }
    int status = 0;
    kt_check("fork-inherits", pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0,
        "%s", kt_describe_status(status));
    pid = fork();
    if (pid == 0) {
        char* args[] = { argv[0], "--after-exec", NULL };
        execv(argv[0], args);
        _exit(9);
    }
    kt_check("exec-resets-caught-keeps-ignored", pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0,
        "%s", kt_describe_status(status));
    return kt_finish();
}
