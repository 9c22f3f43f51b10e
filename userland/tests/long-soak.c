/*
 * long-soak: the kernel under a long steady load, then a fork bomb, must
 * give everything back. tests/soak.test.mjs boots it as the first process
 * (`long-soak [CYCLES]`, 10,000 by default); when it exits the kernel's
 * leak check compares every pool with its boot value.
 *
 * 1. CYCLES fork + execve(/bin/true) + exit + wait cycles, each child
 *    exiting 0.
 * 2. A fork bomb: children that block on a pipe are forked until fork
 *    fails, which must be EAGAIN (the process table is full) or ENOMEM
 *    (the memory the children commit, a stack each, is out: first at
 *    -m 256) and must not take the machine down; then they are released
 *    and reaped.
 * 3. Free memory (MemFree) is what it was before 1.
 */
#include "ktest.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#define DEFAULT_CYCLES 10000
#define MAX_BOMB 4096

static void test_exec_cycles(long cycles)
{
    long good = 0;
    for (long i = 0; i < cycles; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            char* argv[] = { "/bin/true", NULL };
            char* envp[] = { NULL };
            execve("/bin/true", argv, envp);
            _exit(127);
        }
        int status = 0;
        if (pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0)
            good++;
    }
    printf("long-soak: %ld of %ld fork+exec+exit+wait cycles ended with exit 0\n", good, cycles);
    kt_check("exec-cycles", good == cycles, "%ld of %ld cycles ended with exit 0", good, cycles);
}

static void test_fork_bomb(void)
{
    static pid_t children[MAX_BOMB];
    int release[2];
    if (pipe(release) < 0) {
        kt_fail("fork-bomb-contained", "pipe: %s", kt_errname(errno));
        return;
    }
    int count = 0, error = 0;
    while (count < MAX_BOMB) {
        pid_t pid = fork();
        if (pid == 0) {
            char byte;
            close(release[1]);
            read(release[0], &byte, 1);
            _exit(0);
        }
        if (pid < 0) {
            error = errno;
            break;
        }
        children[count++] = pid;
    }
    printf("long-soak: the fork bomb stopped after %d children: %s\n", count, kt_errname(error));
    kt_check("fork-bomb-contained", error == EAGAIN || error == ENOMEM, "fork failed with %s after %d children", kt_errname(error), count);
    kt_check("kernel-answers-during-bomb", getpid() > 0 && access("/bin/true", X_OK) == 0, "%s", kt_errname(errno));
    close(release[1]);
    int reaped = 0;
    for (int i = 0; i < count; i++) {
        int status = 0;
        reaped += waitpid(children[i], &status, 0) == children[i] && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    }
    close(release[0]);
    kt_check("fork-bomb-reaped", reaped == count, "%d of %d children reaped with exit 0", reaped, count);
    pid_t after = fork();
    if (after == 0)
        _exit(0);
    kt_check("fork-works-after-bomb", after > 0 && waitpid(after, NULL, 0) == after, "%s", kt_errname(errno));
}

int main(int argc, char** argv)
{
    long cycles = argc >= 2 ? strtol(argv[1], NULL, 10) : DEFAULT_CYCLES;
    kt_begin("long-soak");
    kt_mem_free_kib();
    long before = kt_mem_free_kib();
    test_exec_cycles(cycles);
    test_fork_bomb();
    long after = kt_mem_free_kib();
    kt_check("memory-back", before > 0 && after == before, "MemFree %ld kB before, %ld kB after", before, after);
    return kt_finish();
}
