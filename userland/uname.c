/*
 * /bin/uname [-asnrvm]: system names, in the order sysname (-s), nodename
 * (-n), release (-r), version (-v), machine (-m); -a is all of them, none
 * is -s.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/utsname.h>
#include <unistd.h>

static void usage(void)
{
    fprintf(stderr, "usage: uname [-asnrvm]\n");
    exit(1);
}

int main(int argc, char** argv)
{
    const char* letters = "snrvm"; /* the fields' order */
    int wanted = 0;                /* bit i: letters[i] */
    int c;
    while ((c = getopt(argc, argv, "asnrvm")) != -1) {
        if (c == 'a') {
            wanted = 0x1f;
            continue;
        }
        if (c == '?')
            usage();
        for (int i = 0; letters[i]; i++)
            if (letters[i] == c)
                wanted |= 1 << i;
    }
    if (optind < argc)
        usage();
    struct utsname names;
    if (uname(&names) < 0)
        err(1, "uname");
    const char* fields[] = { names.sysname, names.nodename, names.release, names.version, names.machine };
    if (!wanted)
        wanted = 1;
    const char* separator = "";
    for (int i = 0; i < 5; i++) {
        if (wanted & (1 << i)) {
            printf("%s%s", separator, fields[i]);
            separator = " ";
        }
    }
    putchar('\n');
    if (fflush(stdout) == EOF || ferror(stdout))
        err(1, "stdout");
    return 0;
}
