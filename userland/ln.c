/*
 * /bin/ln [-s] target [link], ln [-s] target... directory: makes link a
 * hard link to target (-s: a symbolic link that contains target). Without
 * link, or with a directory, the link gets the target's name (in the
 * current directory, or in that directory).
 */
#include <err.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void usage(void)
{
    fprintf(stderr, "usage: ln [-s] target [link]\n       ln [-s] target... directory\n");
    exit(1);
}

int main(int argc, char** argv)
{
    int symbolic = 0;
    int c;
    while ((c = getopt(argc, argv, "s")) != -1) {
        if (c != 's')
            usage();
        symbolic = 1;
    }
    int operands = argc - optind;
    if (operands < 1)
        usage();
    const char* where = operands == 1 ? "." : argv[argc - 1];
    int targets = operands == 1 ? 1 : operands - 1;
    int status = 0;
    for (int i = optind; i < optind + targets; i++) {
        char* link_path = destination_path(argv[i], where, targets);
        if (!link_path)
            err(1, "%s", where);
        if ((symbolic ? symlink(argv[i], link_path) : link(argv[i], link_path)) < 0) {
            warn("%s -> %s", link_path, argv[i]);
            status = 1;
        }
        free(link_path);
    }
    return status;
}
