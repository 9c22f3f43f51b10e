/*
 * getopt (POSIX; see <unistd.h>): short options, grouped ("-al"), with
 * arguments attached ("-n5") or in the next word ("-n 5"); "--" ends the
 * options, and so does the first operand ("-" alone is an operand).
 */
#include <err.h>
#include <string.h>
#include <unistd.h>

char* optarg;
int optind = 1;
int opterr = 1;
int optopt;

/* The offset of the next option character in argv[optind]; 0 between words. */
static int position;

int getopt(int argc, char* const argv[], const char* optstring)
{
    int quiet = optstring[0] == ':'; /* report with ':' / '?' instead of messages */
    if (quiet)
        optstring++;
    optarg = NULL;
    if (optind == 0) { /* glibc's way to start again */
        optind = 1;
        position = 0;
    }
    if (position == 0) {
        const char* word = optind < argc ? argv[optind] : NULL;
        if (!word || word[0] != '-' || word[1] == '\0')
            return -1;
        if (strcmp(word, "--") == 0) {
            optind++;
            return -1;
        }
        position = 1;
    }
    const char* word = argv[optind];
    int c = (unsigned char)word[position++];
    int last_in_word = word[position] == '\0';
    const char* spec = c == ':' ? NULL : strchr(optstring, c);
    if (spec && spec[1] == ':') {
        if (!last_in_word) {
            optarg = (char*)word + position;
        } else if (optind + 1 < argc) {
            optarg = argv[++optind];
        } else {
            optind++;
            position = 0;
            optopt = c;
            if (opterr && !quiet)
                warnx("option requires an argument -- %c", c);
            return quiet ? ':' : '?';
        }
        optind++;
        position = 0;
        return c;
    }
    if (last_in_word) {
        optind++;
        position = 0;
    }
    if (!spec) {
        optopt = c;
        if (opterr && !quiet)
            warnx("invalid option -- %c", c);
        return '?';
    }
    return c;
}
