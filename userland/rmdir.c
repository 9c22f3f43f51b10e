/* /bin/rmdir directory...: removes the (empty) directories. */
#include <err.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char** argv)
{
    if (getopt(argc, argv, "") != -1 || optind == argc) {
        fprintf(stderr, "usage: rmdir directory...\n");
        return 1;
    }
    int status = 0;
    for (int i = optind; i < argc; i++) {
        if (rmdir(argv[i]) < 0) {
            warn("%s", argv[i]);
            status = 1;
        }
    }
    return status;
}
