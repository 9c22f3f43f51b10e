/*
 * fail-hang: a test that never ends (a child of its own spins too), to
 * show that /bin/run-tests stops a test that runs past its time limit and
 * goes on. Not in the default list (fail-*); tests/user.test.mjs runs it
 * by name with a short --timeout.
 */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
    printf("fail-hang: hanging on purpose\n");
    if (fork() == 0) {
        for (;;)
            ;
    }
    for (;;)
        pause();
}
