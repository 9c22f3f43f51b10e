/*
 * /bin/sqlite3 [database [sql...]]: runs SQL against an SQLite database
 * file (":memory:", the default, is a database in memory only). Each sql
 * operand is run in turn; with none, all of standard input is read and run.
 * Every result row is printed as its columns separated by '|' (NULL as
 * nothing), like the official shell's list mode. The first error is
 * printed as "sqlite3: message" and ends the program with status 1.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlite3.h"

static int print_row(void* unused, int columns, char** values, char** names)
{
    (void)unused;
    (void)names;
    for (int i = 0; i < columns; i++)
        printf("%s%s", i ? "|" : "", values[i] ? values[i] : "");
    putchar('\n');
    return 0;
}

/* All of f in one NUL-terminated malloc'ed string. */
static char* read_all(FILE* f)
{
    size_t length = 0, size = 4096;
    char* text = malloc(size);
    size_t n;
    while (text && (n = fread(text + length, 1, size - length - 1, f)) > 0) {
        length += n;
        if (size - length - 1 == 0)
            text = realloc(text, size *= 2);
    }
    if (!text)
        errx(1, "out of memory");
    text[length] = '\0';
    return text;
}

static void run(sqlite3* db, const char* sql)
{
    char* message = NULL;
    if (sqlite3_exec(db, sql, print_row, NULL, &message) != SQLITE_OK) {
        fflush(stdout);
        errx(1, "%s", message ? message : sqlite3_errmsg(db));
    }
}

int main(int argc, char** argv)
{
    sqlite3* db;
    if (sqlite3_open(argc > 1 ? argv[1] : ":memory:", &db) != SQLITE_OK)
        errx(1, "%s: %s", argc > 1 ? argv[1] : ":memory:", sqlite3_errmsg(db));
    if (argc > 2) {
        for (int i = 2; i < argc; i++)
            run(db, argv[i]);
    } else {
        char* sql = read_all(stdin);
        run(db, sql);
        free(sql);
    }
    return sqlite3_close(db) == SQLITE_OK ? 0 : 1;
}
