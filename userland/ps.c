/*
 * /bin/ps: one row per process, read from /proc/all, whose lines are
 *   pid ppid pgid sid uid gid state threads name
 * separated by single spaces, state one of R S Z, the name the rest of the
 * line (it may contain spaces). Prints "  PID  PPID UID STATE NAME" and
 * the rows; exits 1 if /proc/all cannot be read or has a malformed line.
 */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PROCESSES "/proc/all"

struct process {
    long pid, ppid, pgid, sid, uid, gid;
    char state;
    long threads;
    const char* name;
};

/* A decimal number followed by one space at *cursor, which moves past both; -1 if there is none. */
static int number(char** cursor, long* value)
{
    char* end;
    if (**cursor < '0' || **cursor > '9')
        return -1;
    errno = 0;
    *value = strtol(*cursor, &end, 10);
    if (errno || *end != ' ')
        return -1;
    *cursor = end + 1;
    return 0;
}

static int parse(char* line, struct process* p)
{
    char* cursor = line;
    long* fields[] = { &p->pid, &p->ppid, &p->pgid, &p->sid, &p->uid, &p->gid };
    for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
        if (number(&cursor, fields[i]) < 0)
            return -1;
    if (!strchr("RSZ", *cursor) || !*cursor || cursor[1] != ' ')
        return -1;
    p->state = *cursor;
    cursor += 2;
    if (number(&cursor, &p->threads) < 0)
        return -1;
    p->name = cursor;
    return 0;
}

int main(int argc, char** argv)
{
    (void)argv;
    if (argc > 1) {
        fprintf(stderr, "usage: ps\n");
        return 1;
    }
    FILE* f = fopen(PROCESSES, "r");
    if (!f)
        err(1, "%s", PROCESSES);
    printf("  PID  PPID UID STATE NAME\n");
    char* line = NULL;
    size_t capacity = 0;
    ssize_t length;
    unsigned long line_number = 0;
    int status = 0;
    while ((length = getline(&line, &capacity, f)) > 0) {
        line_number++;
        if (line[length - 1] == '\n')
            line[length - 1] = '\0';
        struct process p;
        if (parse(line, &p) < 0) {
            warnx("%s: line %lu is malformed: %s", PROCESSES, line_number, line);
            status = 1;
            continue;
        }
        printf("%5ld %5ld %3ld %-5c %s\n", p.pid, p.ppid, p.uid, p.state, p.name);
    }
    free(line);
    if (ferror(f)) {
        warn("%s", PROCESSES);
        status = 1;
    }
    fclose(f);
    if (fflush(stdout) == EOF || ferror(stdout))
        err(1, "stdout");
    return status;
}
