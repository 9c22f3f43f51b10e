/*
 * test-sqlite: the SQLite amalgamation, built unmodified against libc,
 * on a database file in /tmp: 10,000 rows inserted in one transaction
 * with a prepared statement, read back (count, sums, a lookup that the
 * plan shows goes through the index, ORDER BY on the index and on text),
 * updated and deleted in part, then the file closed, reopened and checked
 * again (the data persisted, integrity_check says ok). Dot-file locking
 * makes a second connection's write wait (SQLITE_BUSY) while the first
 * holds the write lock. /bin/sqlite3 prints rows separated by '|', runs
 * its operands or else standard input, and fails with status 1 on an error. Every expected value is computed here
 * from the same formula the rows were made with.
 */
#include "ktest-fs.h"

#include <limits.h>
#include <stdlib.h>

#include "sqlite3.h"

#define ROWS 10000
#define KEY_MODULUS 10007 /* prime, so i * KEY_FACTOR % KEY_MODULUS differs for every i below it */
#define KEY_FACTOR 7919
#define KEPT_ROWS 9000    /* rows with id above it are deleted */

static long long key_of(long long id) { return id * KEY_FACTOR % KEY_MODULUS; }

/* The one integer the query returns, or LLONG_MIN when it fails or returns no row. */
static long long query_integer(sqlite3* db, const char* sql)
{
    sqlite3_stmt* statement;
    long long value = LLONG_MIN;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, NULL) != SQLITE_OK)
        return value;
    if (sqlite3_step(statement) == SQLITE_ROW)
        value = sqlite3_column_int64(statement, 0);
    sqlite3_finalize(statement);
    return value;
}

/* The rows of a query as "a|b,c|d," into out (size bytes); the sqlite3_step result that ended it. */
static int query_text(sqlite3* db, const char* sql, char* out, size_t size)
{
    sqlite3_stmt* statement;
    size_t used = 0;
    out[0] = '\0';
    if (sqlite3_prepare_v2(db, sql, -1, &statement, NULL) != SQLITE_OK)
        return sqlite3_errcode(db);
    int rc;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
        for (int i = 0; i < sqlite3_column_count(statement) && used < size; i++)
            used += snprintf(out + used, size - used, "%s%s", i ? "|" : "", (const char*)sqlite3_column_text(statement, i));
        if (used < size)
            used += snprintf(out + used, size - used, ",");
    }
    sqlite3_finalize(statement);
    return rc;
}

static int run(sqlite3* db, const char* sql)
{
    return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

static int insert_rows(sqlite3* db)
{
    sqlite3_stmt* insert;
    if (run(db, "BEGIN") != SQLITE_OK
        || sqlite3_prepare_v2(db, "INSERT INTO t(id, k, name) VALUES (?, ?, ?)", -1, &insert, NULL) != SQLITE_OK)
        return 0;
    int inserted = 0;
    for (int id = 1; id <= ROWS; id++) {
        char name[16];
        snprintf(name, sizeof(name), "row%d", id);
        sqlite3_bind_int(insert, 1, id);
        sqlite3_bind_int64(insert, 2, key_of(id));
        sqlite3_bind_text(insert, 3, name, -1, SQLITE_TRANSIENT);
        inserted += sqlite3_step(insert) == SQLITE_DONE;
        sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    return run(db, "COMMIT") == SQLITE_OK ? inserted : 0;
}

static void test_create_and_insert(sqlite3* db)
{
    int rc = run(db, "CREATE TABLE t(id INTEGER PRIMARY KEY, k INTEGER NOT NULL, name TEXT NOT NULL);"
                     "CREATE INDEX t_k ON t(k)");
    kt_check("create", rc == SQLITE_OK, "%s", sqlite3_errmsg(db));
    int inserted = insert_rows(db);
    kt_check("insert-10000-in-a-transaction", inserted == ROWS, "%d inserted: %s", inserted, sqlite3_errmsg(db));
}

static void test_queries(sqlite3* db)
{
    long long key_sum = 0, largest_key = -1, largest_id = 0;
    for (long long id = 1; id <= ROWS; id++) {
        key_sum += key_of(id);
        if (key_of(id) > largest_key) {
            largest_key = key_of(id);
            largest_id = id;
        }
    }
    long long count = query_integer(db, "SELECT count(*) FROM t");
    long long id_sum = query_integer(db, "SELECT sum(id) FROM t");
    long long keys = query_integer(db, "SELECT sum(k) FROM t");
    kt_check("count-and-sums", count == ROWS && id_sum == (long long)ROWS * (ROWS + 1) / 2 && keys == key_sum,
        "count %lld sum(id) %lld sum(k) %lld, want %lld", count, id_sum, keys, key_sum);
    char sql[128], out[256];
    snprintf(sql, sizeof(sql), "SELECT id, name FROM t WHERE k = %lld", key_of(4321));
    query_text(db, sql, out, sizeof(out));
    kt_check("index-lookup", strcmp(out, "4321|row4321,") == 0, "\"%s\"", out);
    snprintf(sql, sizeof(sql), "EXPLAIN QUERY PLAN SELECT id FROM t WHERE k = %lld", key_of(4321));
    query_text(db, sql, out, sizeof(out));
    kt_check("lookup-uses-index", strstr(out, "INDEX t_k") != NULL, "plan \"%s\"", out);
    query_text(db, "SELECT id, k FROM t ORDER BY k DESC LIMIT 1", out, sizeof(out));
    snprintf(sql, sizeof(sql), "%lld|%lld,", largest_id, largest_key);
    kt_check("order-by-index", strcmp(out, sql) == 0, "\"%s\", want \"%s\"", out, sql);
    query_text(db, "SELECT name FROM t ORDER BY name LIMIT 4", out, sizeof(out));
    kt_check("order-by-text", strcmp(out, "row1,row10,row100,row1000,") == 0, "\"%s\"", out);
}

static void test_update_delete(sqlite3* db)
{
    int rc = run(db, "UPDATE t SET name = 'even' WHERE id % 2 = 0");
    int updated = sqlite3_changes(db);
    kt_check("update", rc == SQLITE_OK && updated == ROWS / 2, "rc %d, %d changed", rc, updated);
    rc = run(db, "DELETE FROM t WHERE id > 9000");
    int deleted = sqlite3_changes(db);
    kt_check("delete", rc == SQLITE_OK && deleted == ROWS - KEPT_ROWS, "rc %d, %d deleted", rc, deleted);
}

static void test_persistence(const char* path)
{
    sqlite3* db;
    int rc = sqlite3_open(path, &db);
    long long count = query_integer(db, "SELECT count(*) FROM t");
    long long evens = query_integer(db, "SELECT count(*) FROM t WHERE name = 'even'");
    long long id_sum = query_integer(db, "SELECT sum(id) FROM t");
    kt_check("reopened-rows", rc == SQLITE_OK && count == KEPT_ROWS && evens == KEPT_ROWS / 2
        && id_sum == (long long)KEPT_ROWS * (KEPT_ROWS + 1) / 2, "rc %d count %lld evens %lld sum %lld", rc, count, evens, id_sum);
    char out[64];
    query_text(db, "PRAGMA integrity_check", out, sizeof(out));
    kt_check("integrity-check", strcmp(out, "ok,") == 0, "\"%s\"", out);
    sqlite3_close(db);
}

/* While one connection holds the write lock, another's write is SQLITE_BUSY; it succeeds after the commit. */
static void test_locking(const char* path)
{
    sqlite3 *first, *second;
    sqlite3_open(path, &first);
    sqlite3_open(path, &second);
    int held = run(first, "BEGIN IMMEDIATE; INSERT INTO t(id, k, name) VALUES (20001, 1, 'x')");
    int busy = run(second, "INSERT INTO t(id, k, name) VALUES (20002, 2, 'y')");
    int committed = run(first, "COMMIT");
    int after = run(second, "INSERT INTO t(id, k, name) VALUES (20002, 2, 'y')");
    long long count = query_integer(first, "SELECT count(*) FROM t WHERE id > 20000");
    kt_check("dotfile-lock-excludes", held == SQLITE_OK && busy == SQLITE_BUSY && committed == SQLITE_OK
        && after == SQLITE_OK && count == 2, "held %d busy %d commit %d after %d count %lld", held, busy, committed,
        after, count);
    run(first, "DELETE FROM t WHERE id > 20000");
    sqlite3_close(second);
    sqlite3_close(first);
}

static void test_shell(const char* path)
{
    char out[256];
    char* query[] = { "/bin/sqlite3", (char*)path, "SELECT count(*), min(id) FROM t", "SELECT name FROM t WHERE id = 3", NULL };
    int status = kt_run_capture(query, NULL, NULL, NULL, out, sizeof(out));
    kt_check("shell-prints-rows", status == 0 && strcmp(out, "9000|1\nrow3\n") == 0, "status %d \"%s\"", status, out);
    FILE* pipe = popen("echo \"SELECT 6 * 7; SELECT upper('sql');\" | /bin/sqlite3", "r");
    size_t n = pipe ? fread(out, 1, sizeof(out) - 1, pipe) : 0;
    out[n] = '\0';
    status = pipe ? pclose(pipe) : -1;
    kt_check("shell-reads-stdin", status == 0 && strcmp(out, "42\nSQL\n") == 0, "status %d \"%s\"", status, out);
    char* bad[] = { "/bin/sqlite3", (char*)path, "SELECT * FROM missing", NULL };
    status = kt_run_capture(bad, NULL, NULL, NULL, out, sizeof(out));
    kt_check("shell-error-status", status == 1 && strstr(out, "no such table: missing") != NULL, "status %d \"%s\"",
        status, out);
}

int main(void)
{
    if (kt_fs_begin("test-sqlite") < 0)
        return kt_finish();
    char path[KT_PATH_SIZE];
    kt_path_keep(path, "test.db");
    sqlite3* db;
    int rc = sqlite3_open(path, &db);
    kt_check("open", rc == SQLITE_OK, "%s", sqlite3_errmsg(db));
    test_create_and_insert(db);
    test_queries(db);
    test_update_delete(db);
    kt_check("close", sqlite3_close(db) == SQLITE_OK, "busy");
    test_persistence(path);
    test_locking(path);
    test_shell(path);
    return kt_fs_finish();
}
