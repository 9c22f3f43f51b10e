/*
 * /bin/pledge [-p promises] [-e execpromises] command [args...]: pledges
 * pledge(promises, execpromises) and then runs command (searched in PATH),
 * which runs with exactly execpromises (exec makes them its promises).
 * -e defaults to -p; without either the command runs unrestricted. -p
 * restricts this program too until the exec, so it must hold what exec
 * needs ("stdio rpath exec"); -e alone leaves it unrestricted:
 *   pledge -e stdio /bin/echo hi     echo may only use stdio
 *   pledge -e "" /bin/true           true dies of SIGABRT at its first syscall
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

__attribute__((noreturn)) static void usage(void)
{
    fprintf(stderr, "usage: pledge [-p promises] [-e execpromises] command [args...]\n");
    exit(1);
}

int main(int argc, char** argv)
{
    const char* promises = NULL;
    const char* execpromises = NULL;
    int option;
    while ((option = getopt(argc, argv, "+p:e:")) != -1) {
        if (option == 'p')
            promises = optarg;
        else if (option == 'e')
            execpromises = optarg;
        else
            usage();
    }
    if (optind >= argc)
        usage();
    if (!execpromises)
        execpromises = promises;
    if ((promises || execpromises) && pledge(promises, execpromises) < 0)
        err(1, "pledge");
    execvp(argv[optind], argv + optind);
    err(127, "%s", argv[optind]);
}
