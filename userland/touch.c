/*
 * /bin/touch [-c] file...: sets the files' access and modification times
 * to now (utime), creating those that do not exist (not with -c).
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <utime.h>

static int touch(const char* path, int create)
{
    if (utime(path, NULL) == 0)
        return 0;
    if (errno != ENOENT)
        return -1;
    if (!create)
        return 0;
    int fd = open(path, O_WRONLY | O_CREAT, 0666);
    if (fd < 0)
        return -1;
    return close(fd);
}

static void usage(void)
{
    fprintf(stderr, "usage: touch [-c] file...\n");
    exit(1);
}

int main(int argc, char** argv)
{
    int create = 1;
    int c;
    while ((c = getopt(argc, argv, "c")) != -1) {
        if (c != 'c')
            usage();
        create = 0;
    }
    if (optind == argc)
        usage();
    int status = 0;
    for (int i = optind; i < argc; i++) {
        if (touch(argv[i], create) < 0) {
            warn("%s", argv[i]);
            status = 1;
        }
    }
    return status;
}
