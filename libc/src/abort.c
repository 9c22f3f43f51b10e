/* abort (see <stdlib.h>): SIGABRT; a handler that returns is reset to SIG_DFL and SIGABRT raised again. */
#include <signal.h>
#include <stdlib.h>

__attribute__((noreturn)) void abort(void)
{
    sigset_t set = 1u << (SIGABRT - 1);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(SIGABRT);
    /* Still here: a handler caught SIGABRT and returned. */
    struct sigaction act;
    act.sa_handler = SIG_DFL;
    act.sa_mask = 0;
    act.sa_flags = 0;
    sigaction(SIGABRT, &act, NULL);
    raise(SIGABRT);
    for (;;) /* not reached: SIGABRT's default action ends the process */
        __asm__ volatile("ud2");
}
