/* /bin/hostname [name]: prints the host name, or sets it to name. */
#include <err.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char** argv)
{
    if (argc > 2 || (argc == 2 && argv[1][0] == '-')) {
        fprintf(stderr, "usage: hostname [name]\n");
        return 1;
    }
    if (argc == 2) {
        if (sethostname(argv[1], (ssize_t)strlen(argv[1])) < 0)
            err(1, "%s", argv[1]);
        return 0;
    }
    char name[HOST_NAME_MAX + 1];
    if (gethostname(name, sizeof(name)) < 0)
        err(1, "gethostname");
    puts(name);
    if (fflush(stdout) == EOF || ferror(stdout))
        err(1, "stdout");
    return 0;
}
