/*
 * /bin/head [-n count] [file...]: the first count lines (default 10) of
 * each file ("-" or none: standard input); with several files, each
 * under a "==> name <==" line.
 */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void head(FILE* f, long lines)
{
    int c;
    while (lines > 0 && (c = getc(f)) != EOF) {
        putchar(c);
        if (c == '\n')
            lines--;
    }
}

static void usage(void)
{
    fprintf(stderr, "usage: head [-n count] [file...]\n");
    exit(1);
}

int main(int argc, char** argv)
{
    long lines = 10;
    int c;
    while ((c = getopt(argc, argv, "n:")) != -1) {
        if (c != 'n')
            usage();
        char* end;
        errno = 0;
        lines = strtol(optarg, &end, 10);
        if (!*optarg || *end || errno || lines < 0)
            errx(1, "%s: not a number of lines", optarg);
    }
    static char* const standard_input[] = { "-", NULL };
    char* const* files = optind < argc ? argv + optind : standard_input;
    int several = argc - optind > 1;
    int status = 0;
    for (char* const* file = files; *file; file++) {
        FILE* f = fopen_operand(*file);
        if (f && several)
            printf("%s==> %s <==\n", file == files ? "" : "\n", *file);
        if (f)
            head(f, lines);
        if (!f || fclose_operand(f) == EOF) {
            warn("%s", *file);
            status = 1;
        }
    }
    if (fflush(stdout) == EOF || ferror(stdout))
        err(1, "stdout");
    return status;
}
