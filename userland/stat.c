/*
 * /bin/stat [-L] file...: each file's metadata: size, blocks, type, inode,
 * links, device, mode (octal and rwx), uid, gid and the access,
 * modification and change times (UTC). A symbolic link is described
 * itself (-L: the file it points to).
 */
#include <err.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char* type_name(mode_t mode)
{
    switch (mode & S_IFMT) {
    case S_IFREG: return "regular file";
    case S_IFDIR: return "directory";
    case S_IFLNK: return "symbolic link";
    case S_IFCHR: return "character device";
    case S_IFBLK: return "block device";
    case S_IFIFO: return "fifo";
    case S_IFSOCK: return "socket";
    default: return "unknown";
    }
}

static void print_time(const char* label, const struct timespec* ts)
{
    struct tm tm;
    char when[32];
    if (!gmtime_r(&ts->tv_sec, &tm) || !strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm))
        strcpy(when, "?");
    printf("%s: %s.%09ld UTC (%lld)\n", label, when, ts->tv_nsec, (long long)ts->tv_sec);
}

static int describe(const char* path, int follow)
{
    struct stat st;
    if ((follow ? stat(path, &st) : lstat(path, &st)) < 0)
        return -1;
    char target[PATH_MAX] = "";
    if (S_ISLNK(st.st_mode)) {
        ssize_t n = readlink(path, target, sizeof(target) - 1);
        if (n < 0)
            return -1;
        target[n] = '\0';
    }
    printf("  File: %s%s%s", path, *target ? " -> " : "", target);
    char mode[12];
    strmode(st.st_mode, mode);
    mode[10] = '\0'; /* without strmode's trailing space */
    printf("\n  Size: %lld  Blocks: %u  IO block: %u  %s\n", (long long)st.st_size, st.st_blocks, st.st_blksize,
        type_name(st.st_mode));
    printf(" Inode: %u  Links: %u  Device: %u", st.st_ino, st.st_nlink, st.st_dev);
    if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
        printf("  Device id: %u", st.st_rdev);
    printf("\n  Mode: %04o (%s)  Uid: %u  Gid: %u\n", st.st_mode & 07777, mode, st.st_uid, st.st_gid);
    print_time("Access", &st.st_atim);
    print_time("Modify", &st.st_mtim);
    print_time("Change", &st.st_ctim);
    return 0;
}

static void usage(void)
{
    fprintf(stderr, "usage: stat [-L] file...\n");
    exit(1);
}

int main(int argc, char** argv)
{
    int follow = 0;
    int c;
    while ((c = getopt(argc, argv, "L")) != -1) {
        if (c != 'L')
            usage();
        follow = 1;
    }
    if (optind == argc)
        usage();
    int status = 0;
    for (int i = optind; i < argc; i++) {
        if (describe(argv[i], follow) < 0) {
            warn("%s", argv[i]);
            status = 1;
        }
    }
    if (fflush(stdout) == EOF || ferror(stdout))
        err(1, "stdout");
    return status;
}
