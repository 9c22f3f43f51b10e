/*
 * /bin/rm [-rf] file...: removes the files (unlink: a directory is
 * EISDIR). -r: directories too, with everything in them (nftw; symbolic
 * links are removed, not followed). -f: a file that does not exist is no
 * error, and no operand is no error.
 */
#include <err.h>
#include <errno.h>
#include <ftw.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int force, recursive, status;

static void fail(const char* path)
{
    if (force && errno == ENOENT)
        return;
    warn("%s", path);
    status = 1;
}

/* nftw's callback for -r: every file, and each directory after its entries. */
static int remove_entry(const char* path, const struct stat* st, int type, struct FTW* ftw)
{
    (void)st;
    (void)ftw;
    int rc;
    if (type == FTW_DP)
        rc = rmdir(path);
    else if (type == FTW_DNR || type == FTW_NS)
        rc = -1; /* errno says why */
    else
        rc = unlink(path);
    if (rc < 0)
        fail(path);
    return 0; /* go on with the rest */
}

static void remove_path(const char* path)
{
    if (recursive ? nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS) : unlink(path))
        fail(path);
}

static void usage(void)
{
    fprintf(stderr, "usage: rm [-rf] file...\n");
    exit(1);
}

int main(int argc, char** argv)
{
    int c;
    while ((c = getopt(argc, argv, "rRf")) != -1) {
        switch (c) {
        case 'r':
        case 'R':
            recursive = 1;
            break;
        case 'f':
            force = 1;
            break;
        default:
            usage();
        }
    }
    if (optind == argc && !force)
        usage();
    for (int i = optind; i < argc; i++) {
        char* name = strdup(argv[i]);
        if (!name)
            err(1, "%s", argv[i]);
        const char* last = basename(name);
        if (strcmp(last, ".") == 0 || strcmp(last, "..") == 0) {
            warnx("%s: refusing to remove '.' or '..'", argv[i]);
            status = 1;
        } else {
            remove_path(argv[i]);
        }
        free(name);
    }
    return status;
}
