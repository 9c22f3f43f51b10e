/*
 * /bin/mv source target, mv source... directory: renames each source to
 * target, or into directory under its own name. Only within one file
 * system (rename); across two it fails with EXDEV.
 */
#include <err.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char** argv)
{
    if (getopt(argc, argv, "") != -1 || argc - optind < 2) {
        fprintf(stderr, "usage: mv source target\n       mv source... directory\n");
        return 1;
    }
    const char* target = argv[argc - 1];
    int sources = argc - 1 - optind;
    int status = 0;
    for (int i = optind; i < argc - 1; i++) {
        char* to = destination_path(argv[i], target, sources);
        if (!to)
            err(1, "%s", target);
        if (rename(argv[i], to) < 0) {
            warn("%s -> %s", argv[i], to);
            status = 1;
        }
        free(to);
    }
    return status;
}
