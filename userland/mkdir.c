/* /bin/mkdir [-p] directory...: creates the directories (-p: with their missing parents, and no error if they exist). */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static int is_directory(const char* path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* mkdir -p: each prefix of path that ends before a '/', then path itself. */
static int make_with_parents(char* path)
{
    for (char* p = path + 1; *p; p++) {
        if (*p != '/' || p[-1] == '/')
            continue;
        *p = '\0';
        int rc = mkdir(path, 0777);
        *p = '/';
        if (rc < 0 && errno != EEXIST)
            return -1;
    }
    if (mkdir(path, 0777) < 0 && (errno != EEXIST || !is_directory(path)))
        return -1;
    return 0;
}

static void usage(void)
{
    fprintf(stderr, "usage: mkdir [-p] directory...\n");
    exit(1);
}

int main(int argc, char** argv)
{
    int parents = 0;
    int c;
    while ((c = getopt(argc, argv, "p")) != -1) {
        if (c != 'p')
            usage();
        parents = 1;
    }
    if (optind == argc)
        usage();
    int status = 0;
    for (int i = optind; i < argc; i++) {
        if ((parents ? make_with_parents(argv[i]) : mkdir(argv[i], 0777)) < 0) {
            warn("%s", argv[i]);
            status = 1;
        }
    }
    return status;
}
