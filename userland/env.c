/*
 * /bin/env [-i] [NAME=value...] [command [argument...]]: runs command
 * (searched in $PATH) with the environment plus the assignments (-i: only
 * the assignments), or prints that environment, one entry a line. Exit
 * status: the command's, 126 if it could not be run, 127 if not found,
 * 125 for env's own errors.
 */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char** argv)
{
    int c;
    while ((c = getopt(argc, argv, "i")) != -1) {
        if (c != 'i') {
            fprintf(stderr, "usage: env [-i] [NAME=value...] [command [argument...]]\n");
            return 125;
        }
        clearenv();
    }
    for (; optind < argc && strchr(argv[optind], '='); optind++)
        if (putenv(argv[optind]) < 0)
            err(125, "%s", argv[optind]);
    if (optind == argc) {
        for (char** entry = environ; entry && *entry; entry++)
            puts(*entry);
        if (fflush(stdout) == EOF || ferror(stdout))
            err(125, "stdout");
        return 0;
    }
    execvp(argv[optind], argv + optind);
    err(errno == ENOENT ? 127 : 126, "%s", argv[optind]);
}
