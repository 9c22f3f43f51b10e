/*
 * /bin/wc [-lwc] [file...]: counts the lines (-l), words (-w, runs of
 * non-space characters) and bytes (-c) of each file ("-" or none: standard
 * input), all three when no option is given, and their totals after
 * several files.
 */
#include <ctype.h>
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

struct counts {
    unsigned long long lines, words, bytes;
};

static int show_lines, show_words, show_bytes;

static void count(FILE* f, struct counts* counts)
{
    int c, in_word = 0;
    while ((c = getc(f)) != EOF) {
        counts->bytes++;
        if (c == '\n')
            counts->lines++;
        if (isspace(c)) {
            in_word = 0;
        } else if (!in_word) {
            in_word = 1;
            counts->words++;
        }
    }
}

/* The chosen counts, in the order lines, words, bytes, then the name (if any). */
static void print(const struct counts* counts, const char* name)
{
    const char* separator = "";
    if (show_lines) {
        printf("%7llu", counts->lines);
        separator = " ";
    }
    if (show_words) {
        printf("%s%7llu", separator, counts->words);
        separator = " ";
    }
    if (show_bytes)
        printf("%s%7llu", separator, counts->bytes);
    if (*name)
        printf(" %s", name);
    putchar('\n');
}

static void usage(void)
{
    fprintf(stderr, "usage: wc [-lwc] [file...]\n");
    exit(1);
}

int main(int argc, char** argv)
{
    int c;
    while ((c = getopt(argc, argv, "lwc")) != -1) {
        switch (c) {
        case 'l':
            show_lines = 1;
            break;
        case 'w':
            show_words = 1;
            break;
        case 'c':
            show_bytes = 1;
            break;
        default:
            usage();
        }
    }
    if (!show_lines && !show_words && !show_bytes)
        show_lines = show_words = show_bytes = 1;
    static char* const standard_input[] = { "-", NULL };
    char* const* files = optind < argc ? argv + optind : standard_input;
    struct counts total = { 0, 0, 0 };
    int status = 0;
    for (char* const* file = files; *file; file++) {
        struct counts counts = { 0, 0, 0 };
        FILE* f = fopen_operand(*file);
        if (f)
            count(f, &counts);
        if (!f || fclose_operand(f) == EOF) {
            warn("%s", *file);
            status = 1;
            continue;
        }
        print(&counts, optind < argc ? *file : "");
        total.lines += counts.lines;
        total.words += counts.words;
        total.bytes += counts.bytes;
    }
    if (argc - optind > 1)
        print(&total, "total");
    if (fflush(stdout) == EOF || ferror(stdout))
        err(1, "stdout");
    return status;
}
