/*
 * /bin/bench-sqlite: the SQLite figure of `make bench` (tools/bench.mjs),
 * apart from /bin/bench so that the megabyte of SQLite is not in the
 * process whose fork and exec /bin/bench times. It prints, as /bin/bench
 * does, `BENCH sqlite-insert start` and `BENCH sqlite-insert done N`
 * around N inserts into a file in /tmp, in one transaction with a
 * prepared statement (the commit timed too), and exits 0 when all of them
 * worked.
 */
#include <stdio.h>
#include <unistd.h>

#include "bench.h"

#include "sqlite3.h"

#define SQLITE_INSERTS 20000


/* SQLITE_INSERTS rows inserted in one transaction (the commit timed too); the file removed after. */
static int bench_sqlite_inserts(void)
{
    const char* path = "/tmp/bench.db";
    sqlite3* db;
    sqlite3_stmt* insert = NULL;
    int ok = 0;
    if (sqlite3_open(path, &db) == SQLITE_OK
        && sqlite3_exec(db, "CREATE TABLE t(id INTEGER PRIMARY KEY, k INTEGER, name TEXT)", NULL, NULL, NULL) == SQLITE_OK
        && sqlite3_prepare_v2(db, "INSERT INTO t VALUES (?, ?, ?)", -1, &insert, NULL) == SQLITE_OK) {
        phase_start("sqlite-insert");
        sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
        for (int id = 1; id <= SQLITE_INSERTS; id++) {
            sqlite3_bind_int(insert, 1, id);
            sqlite3_bind_int(insert, 2, id * 7919 % 10007);
            sqlite3_bind_text(insert, 3, "a row of some text", -1, SQLITE_STATIC);
            ok += sqlite3_step(insert) == SQLITE_DONE;
            sqlite3_reset(insert);
        }
        if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
            ok = 0;
        phase_done("sqlite-insert", ok);
    }
    sqlite3_finalize(insert);
    sqlite3_close(db);
    return unlink(path) == 0 && ok == SQLITE_INSERTS;
}

int main(void)
{
    return bench_sqlite_inserts() ? 0 : 1;
}
