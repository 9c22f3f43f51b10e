/*
 * test-fsstress: four processes work in one shared directory at the same
 * time. Each creates (O_CREAT | O_EXCL), writes, reads back and unlinks 500
 * files of its own, in batches of 100 so that the directory holds up to 400
 * entries while the others add and remove theirs. A file's content (200 to
 * 499 bytes) is derived from its writer's pid and its index, so a read that
 * returns another file's bytes, or a torn write, is caught. The parent
 * checks that every worker exited 0 and that the directory ends empty
 * (readdir lists nothing but "." and ".."), and removes it.
 *
 * A worker that fails prints one line saying what and where, and exits
 * with the number of the step: 1 create, 2 write, 3 close, 4 read back,
 * 5 content, 6 unlink.
 */
#include "ktest-fs.h"

#include <sys/wait.h>

#define WORKERS 4
#define FILES 500
#define BATCH 100
#define MAX_CONTENT 512

static char shared_dir[KT_PATH_SIZE];

static void file_path(char* path, int worker, int index)
{
    snprintf(path, KT_PATH_SIZE, "%s/w%d-%d", shared_dir, worker, index);
}

/* The content of file index of the process pid: a header naming both, then bytes that depend on both. */
static size_t file_content(char* buf, pid_t pid, int index)
{
    size_t size = 200 + (size_t)(index * 37 + pid * 11) % 300;
    int header = snprintf(buf, MAX_CONTENT, "pid %d file %d\n", pid, index);
    for (size_t i = header; i < size; i++)
        buf[i] = (char)('!' + (pid * 31 + index * 7 + i * 13) % 90);
    return size;
}

static int fail_step(int step, const char* what, const char* path)
{
    printf("test-fsstress: worker %d: %s %s: %s\n", getpid(), what, path, kt_errname(errno));
    return step;
}

static int create_batch(int worker, pid_t pid, int first)
{
    char path[KT_PATH_SIZE], content[MAX_CONTENT];
    for (int i = first; i < first + BATCH; i++) {
        file_path(path, worker, i);
        size_t size = file_content(content, pid, i);
        int fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0644);
        if (fd < 0)
            return fail_step(1, "create", path);
        if (kt_write_full(fd, content, size) != (ssize_t)size)
            return fail_step(2, "write", path);
        if (close(fd) < 0)
            return fail_step(3, "close", path);
    }
    return 0;
}

static int verify_batch(int worker, pid_t pid, int first)
{
    char path[KT_PATH_SIZE], expected[MAX_CONTENT], got[MAX_CONTENT + 1];
    for (int i = first; i < first + BATCH; i++) {
        file_path(path, worker, i);
        size_t size = file_content(expected, pid, i);
        ssize_t n = kt_read_file(path, got, sizeof(got));
        if (n < 0)
            return fail_step(4, "read back", path);
        if (n != (ssize_t)size || memcmp(got, expected, size) != 0)
            return fail_step(5, "content of", path);
    }
    return 0;
}

static int unlink_batch(int worker, int first)
{
    char path[KT_PATH_SIZE];
    for (int i = first; i < first + BATCH; i++) {
        file_path(path, worker, i);
        if (unlink(path) < 0)
            return fail_step(6, "unlink", path);
    }
    return 0;
}

static int worker_main(int worker)
{
    pid_t pid = getpid();
    for (int first = 0; first < FILES; first += BATCH) {
        int step = create_batch(worker, pid, first);
        if (!step)
            step = verify_batch(worker, pid, first);
        if (!step)
            step = unlink_batch(worker, first);
        if (step)
            return step;
    }
    return 0;
}

int main(void)
{
    if (kt_fs_begin("test-fsstress") < 0)
        return kt_finish();
    kt_path_keep(shared_dir, "shared");
    kt_check("shared-directory", mkdir(shared_dir, 0755) == 0, "%s", kt_errname(errno));

    pid_t pids[WORKERS];
    for (int w = 0; w < WORKERS; w++) {
        pids[w] = fork();
        if (pids[w] == 0)
            _exit(worker_main(w));
    }
    for (int w = 0; w < WORKERS; w++) {
        char name[64];
        snprintf(name, sizeof(name), "worker-%d-500-files-created-verified-unlinked", w);
        if (pids[w] < 0) {
            kt_fail(name, "fork: %s", kt_errname(errno));
            continue;
        }
        kt_expect_child_exit(name, pids[w], 0);
    }
    int left = kt_each_entry(shared_dir, NULL, NULL);
    kt_check("shared-directory-ends-empty", left == 0, "%d entries left (%s)", left, left < 0 ? kt_errname(errno) : "");
    kt_check("shared-directory-removable", rmdir(shared_dir) == 0, "%s", kt_errname(errno));
    return kt_fs_finish();
}
