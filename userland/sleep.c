/* /bin/sleep seconds: waits that many seconds (libc sleep, over clock_nanosleep). */
#include <err.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char** argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: sleep seconds\n");
        return 1;
    }
    char* end;
    errno = 0;
    unsigned long seconds = strtoul(argv[1], &end, 10);
    if (argv[1][0] < '0' || argv[1][0] > '9' || *end || errno || seconds > UINT_MAX)
        errx(1, "%s: not a number of seconds", argv[1]);
    unsigned int left = (unsigned int)seconds;
    while (left > 0) /* a handled signal cuts the wait short: sleep the rest */
        left = sleep(left);
    return 0;
}
