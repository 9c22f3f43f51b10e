/*
 * /bin/cp [-r] source target, cp [-r] source... directory: copies each
 * source file to target (created with the source's permission bits, or
 * truncated), or into directory under its own name; links are followed.
 * -r: a directory is copied with everything in it (nftw), and symbolic
 * links in it are copied as links.
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int recursive, status;

static void fail(const char* path)
{
    warn("%s", path);
    status = 1;
}

static void copy_file(const char* from, const char* to, const struct stat* st)
{
    struct stat existing;
    if (stat(to, &existing) == 0 && existing.st_dev == st->st_dev && existing.st_ino == st->st_ino) {
        warnx("%s and %s are the same file", from, to);
        status = 1;
        return;
    }
    FILE* in = fopen(from, "r");
    if (!in) {
        fail(from);
        return;
    }
    int fd = open(to, O_WRONLY | O_CREAT | O_TRUNC, st->st_mode & 0777);
    FILE* out = fd < 0 ? NULL : fdopen(fd, "w");
    if (!out) {
        fail(to);
        if (fd >= 0)
            close(fd);
        fclose(in);
        return;
    }
    char buffer[4096];
    size_t n;
    while ((n = fread(buffer, 1, sizeof(buffer), in)) > 0 && fwrite(buffer, 1, n, out) == n)
        ;
    if (ferror(in))
        fail(from);
    int write_error = ferror(out);
    if (fclose(out) == EOF || write_error)
        fail(to);
    fclose(in);
}

static void copy_link(const char* from, const char* to)
{
    char target[PATH_MAX];
    ssize_t n = readlink(from, target, sizeof(target) - 1);
    if (n < 0) {
        fail(from);
        return;
    }
    target[n] = '\0';
    if (symlink(target, to) < 0)
        fail(to);
}

/* A file at to: a file's copy, a directory (its entries come after), or a link's copy. */
static void copy_one(const char* from, const char* to, const struct stat* st, int type)
{
    struct stat existing;
    switch (type) {
    case FTW_D: /* made (writable, for its entries) unless it is one already */
        if (mkdir(to, (st->st_mode & 0777) | S_IRWXU) < 0
            && !(errno == EEXIST && stat(to, &existing) == 0 && S_ISDIR(existing.st_mode)))
            fail(to);
        break;
    case FTW_SL:
        copy_link(from, to);
        break;
    case FTW_F:
        if (S_ISREG(st->st_mode)) {
            copy_file(from, to, st);
            break;
        }
        warnx("%s: not a regular file (not copied)", from);
        status = 1;
        break;
    default: /* FTW_DNR, FTW_NS: errno says why */
        fail(from);
    }
}

/* The source and target of the tree nftw is walking (-r). */
static const char* tree_source;
static const char* tree_target;

static int copy_entry(const char* path, const struct stat* st, int type, struct FTW* ftw)
{
    (void)ftw;
    const char* relative = path + strlen(tree_source);
    while (*relative == '/')
        relative++;
    char* to = *relative ? path_join(tree_target, relative) : strdup(tree_target);
    if (!to)
        err(1, "%s", path);
    copy_one(path, to, st, type);
    free(to);
    return 0;
}

static void copy(const char* from, const char* to)
{
    if (recursive) {
        tree_source = from;
        tree_target = to;
        if (nftw(from, copy_entry, 16, FTW_PHYS) < 0)
            fail(from);
        return;
    }
    struct stat st;
    if (stat(from, &st) < 0) {
        fail(from);
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        warnx("%s: is a directory (not copied; -r copies it)", from);
        status = 1;
        return;
    }
    copy_one(from, to, &st, FTW_F);
}

static void usage(void)
{
    fprintf(stderr, "usage: cp [-r] source target\n       cp [-r] source... directory\n");
    exit(1);
}

int main(int argc, char** argv)
{
    int c;
    while ((c = getopt(argc, argv, "rR")) != -1) {
        if (c != 'r' && c != 'R')
            usage();
        recursive = 1;
    }
    if (argc - optind < 2)
        usage();
    const char* target = argv[argc - 1];
    int sources = argc - 1 - optind;
    for (int i = optind; i < argc - 1; i++) {
        char* to = destination_path(argv[i], target, sources);
        if (!to)
            err(1, "%s", target);
        copy(argv[i], to);
        free(to);
    }
    return status;
}
