/*
 * /bin/ls [-al] [file...]: lists each operand (none: "."): a file by its
 * name, a directory by its entries, sorted by name, without the names that
 * start with '.' (-a: with them). With several operands the files come
 * first, then each directory under a "name:" line.
 * -l: one line per file: mode, links, owner and group ids, size,
 * modification time (UTC) and name, and "-> target" for a symbolic link
 * (an operand that is a link is listed as the link itself).
 */
#include <dirent.h>
#include <err.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int all, long_format, status;

static void fail(const char* path)
{
    warn("%s", path);
    status = 1;
}

/* The -l line of the file at path, called name. */
static void print_long(const char* path, const char* name)
{
    struct stat st;
    if (lstat(path, &st) < 0) {
        fail(path);
        return;
    }
    char mode[12], when[32];
    strmode(st.st_mode, mode);
    struct tm tm;
    if (!localtime_r(&st.st_mtime, &tm) || !strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm))
        strcpy(when, "?");
    printf("%s%3u %4u %4u %8lld %s %s", mode, st.st_nlink, st.st_uid, st.st_gid, (long long)st.st_size, when, name);
    if (S_ISLNK(st.st_mode)) {
        char target[PATH_MAX];
        ssize_t n = readlink(path, target, sizeof(target) - 1);
        if (n < 0) {
            putchar('\n');
            fail(path);
            return;
        }
        target[n] = '\0';
        printf(" -> %s", target);
    }
    putchar('\n');
}

static void print_file(const char* path, const char* name)
{
    if (long_format)
        print_long(path, name);
    else
        puts(name);
}

static int visible(const struct dirent* entry)
{
    return entry->d_name[0] != '.';
}

static void list_directory(const char* path)
{
    struct dirent** entries;
    int count = scandir(path, &entries, all ? NULL : visible, alphasort);
    if (count < 0) {
        fail(path);
        return;
    }
    for (int i = 0; i < count; i++) {
        char* entry_path = path_join(path, entries[i]->d_name);
        if (!entry_path)
            err(1, "%s", path);
        print_file(entry_path, entries[i]->d_name);
        free(entry_path);
        free(entries[i]);
    }
    free(entries);
}

static void usage(void)
{
    fprintf(stderr, "usage: ls [-al] [file...]\n");
    exit(1);
}

int main(int argc, char** argv)
{
    int c;
    while ((c = getopt(argc, argv, "al")) != -1) {
        switch (c) {
        case 'a':
            all = 1;
            break;
        case 'l':
            long_format = 1;
            break;
        default:
            usage();
        }
    }
    int operands = argc - optind;
    if (operands == 0)
        list_directory(".");
    /* The files first; directories are marked for the second pass. */
    char is_directory[operands + 1];
    int listed = 0;
    for (int i = 0; i < operands; i++) {
        const char* path = argv[optind + i];
        struct stat st;
        is_directory[i] = 0;
        if ((long_format ? lstat(path, &st) : stat(path, &st)) < 0) {
            fail(path);
        } else if (S_ISDIR(st.st_mode)) {
            is_directory[i] = 1;
        } else {
            print_file(path, path);
            listed++;
        }
    }
    for (int i = 0; i < operands; i++) {
        if (!is_directory[i])
            continue;
        if (operands > 1)
            printf("%s%s:\n", listed++ ? "\n" : "", argv[optind + i]);
        list_directory(argv[optind + i]);
    }
    if (fflush(stdout) == EOF || ferror(stdout))
        err(1, "stdout");
    return status;
}
