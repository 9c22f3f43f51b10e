/*
 * /bin/grep [-Fcinv] pattern [file...]: prints the lines of the files
 * ("-" or none: standard input) that match pattern, after "name:" when
 * there are several files.
 *   pattern: a simple regular expression: c matches itself, . any
 *   character, x* any number of x, \c the character c itself, ^ at the
 *   start and $ at the end anchor it. -F: a fixed string.
 *   -c the number of matching lines instead, -i case-insensitive, -n line
 *   numbers, -v the lines that do not match.
 * Exit status: 0 if a line was selected, 1 if none, 2 on an error.
 */
#include <ctype.h>
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int fixed, count_only, ignore_case, numbers, invert;

static int same(char a, char b)
{
    return ignore_case ? tolower((unsigned char)a) == tolower((unsigned char)b) : a == b;
}

/* The length of the atom at re: 2 for an escaped character, else 1. */
static int atom_length(const char* re)
{
    return re[0] == '\\' && re[1] ? 2 : 1;
}

static int atom_matches(const char* re, char c)
{
    if (re[0] == '.')
        return 1;
    return same(atom_length(re) == 2 ? re[1] : re[0], c);
}

static int match_here(const char* re, const char* text);

/* atom* followed by re: the shortest run of atom after which re matches. */
static int match_star(const char* atom, const char* re, const char* text)
{
    do {
        if (match_here(re, text))
            return 1;
    } while (*text && atom_matches(atom, *text++));
    return 0;
}

/* Whether re matches at the start of text. */
static int match_here(const char* re, const char* text)
{
    while (*re) {
        int n = atom_length(re);
        if (re[n] == '*')
            return match_star(re, re + n + 1, text);
        if (re[0] == '$' && re[1] == '\0')
            return *text == '\0';
        if (!*text || !atom_matches(re, *text))
            return 0;
        re += n;
        text++;
    }
    return 1;
}

static int matches(const char* pattern, const char* line)
{
    if (fixed)
        return ignore_case ? strcasestr(line, pattern) != NULL : strstr(line, pattern) != NULL;
    if (pattern[0] == '^')
        return match_here(pattern + 1, line);
    do {
        if (match_here(pattern, line))
            return 1;
    } while (*line++);
    return 0;
}

/* Prints the selected lines of f (or their count), after "name:" if name is not NULL; returns that count. */
static unsigned long grep(const char* pattern, FILE* f, const char* name)
{
    char* line = NULL;
    size_t capacity = 0;
    ssize_t length;
    unsigned long number = 0, selected = 0;
    while ((length = getline(&line, &capacity, f)) > 0) {
        number++;
        if (line[length - 1] == '\n')
            line[length - 1] = '\0';
        if (matches(pattern, line) == invert)
            continue;
        selected++;
        if (count_only)
            continue;
        if (name)
            printf("%s:", name);
        if (numbers)
            printf("%lu:", number);
        puts(line);
    }
    free(line);
    if (count_only && name)
        printf("%s:", name);
    if (count_only)
        printf("%lu\n", selected);
    return selected;
}

static void usage(void)
{
    fprintf(stderr, "usage: grep [-Fcinv] pattern [file...]\n");
    exit(2);
}

int main(int argc, char** argv)
{
    int c;
    while ((c = getopt(argc, argv, "Fcinv")) != -1) {
        switch (c) {
        case 'F': fixed = 1; break;
        case 'c': count_only = 1; break;
        case 'i': ignore_case = 1; break;
        case 'n': numbers = 1; break;
        case 'v': invert = 1; break;
        default: usage();
        }
    }
    if (optind == argc)
        usage();
    const char* pattern = argv[optind++];
    static char* const standard_input[] = { "-", NULL };
    char* const* files = optind < argc ? argv + optind : standard_input;
    int several = argc - optind > 1;
    unsigned long selected = 0;
    int error = 0;
    for (char* const* file = files; *file; file++) {
        FILE* f = fopen_operand(*file);
        if (f)
            selected += grep(pattern, f, several ? *file : NULL);
        if (!f || fclose_operand(f) == EOF) {
            warn("%s", *file);
            error = 1;
        }
    }
    if (fflush(stdout) == EOF || ferror(stdout))
        err(2, "stdout");
    return error ? 2 : selected ? 0 : 1;
}
