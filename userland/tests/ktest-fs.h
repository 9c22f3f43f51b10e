/*
 * File helpers of the VFS test programs (test-fileio, test-paths,
 * test-pipes, test-devproc, test-fsstress). Header-only, static inline: as
 * members of ktest.c they would link stat, opendir and so malloc into every
 * test program, files or not.
 *
 * Each program works in its own scratch directory /tmp/<program>.<pid>,
 * made by kt_make_scratch and removed by kt_remove_tree at the end.
 */
#ifndef KTEST_FS_H
#define KTEST_FS_H

#include "ktest.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char kt_scratch_path[64];

/*
 * Makes /tmp/<program>.<pid> (and /tmp, mode 01777, when it is missing). On
 * failure it reports the case "scratch-dir" as a FAIL and returns -1.
 */
static inline int kt_make_scratch(const char* program)
{
    snprintf(kt_scratch_path, sizeof(kt_scratch_path), "/tmp/%s.%d", program, getpid());
    if (mkdir("/tmp", 01777) == 0)
        chmod("/tmp", 01777); /* whatever the umask took away */
    else if (errno != EEXIST) {
        kt_fail("scratch-dir", "mkdir /tmp: %s", kt_errname(errno));
        return -1;
    }
    if (mkdir(kt_scratch_path, 0755) < 0) {
        kt_fail("scratch-dir", "mkdir %s: %s", kt_scratch_path, kt_errname(errno));
        return -1;
    }
    return 0;
}

#define KT_PATH_SIZE 320

/*
 * "<scratch>/<name>", in one of 8 rotating static buffers: good for the
 * call it is passed to. A path kept across other calls goes through
 * kt_path_keep into a buffer of the caller's.
 */
static inline const char* kt_path(const char* name)
{
    static char buffers[8][KT_PATH_SIZE];
    static unsigned next;
    char* buffer = buffers[next++ % 8];
    snprintf(buffer, KT_PATH_SIZE, "%s/%s", kt_scratch_path, name);
    return buffer;
}

static inline const char* kt_path_keep(char out[KT_PATH_SIZE], const char* name)
{
    snprintf(out, KT_PATH_SIZE, "%s/%s", kt_scratch_path, name);
    return out;
}

/* read/write in a loop until size bytes, EOF or an error: the total, or -1 if an error came first. */
static inline ssize_t kt_read_full(int fd, void* buf, size_t size)
{
    size_t done = 0;
    while (done < size) {
        ssize_t n = read(fd, (char*)buf + done, size - done);
        if (n < 0)
            return done ? (ssize_t)done : -1;
        if (n == 0)
            break;
        done += n;
    }
    return done;
}

static inline ssize_t kt_write_full(int fd, const void* buf, size_t size)
{
    size_t done = 0;
    while (done < size) {
        ssize_t n = write(fd, (const char*)buf + done, size - done);
        if (n <= 0)
            return done ? (ssize_t)done : -1;
        done += n;
    }
    return done;
}

/* Opens path with options (and mode), moves size bytes through kt_read_full or kt_write_full, closes. */
static inline ssize_t kt_file_io(const char* path, int options, mode_t mode, void* buf, size_t size)
{
    int fd = open(path, options, mode);
    if (fd < 0)
        return -1;
    ssize_t moved = (options & O_ACCMODE) == O_RDONLY ? kt_read_full(fd, buf, size) : kt_write_full(fd, buf, size);
    int error = errno;
    close(fd);
    errno = error;
    return moved;
}

/* Creates or truncates path with mode and writes size bytes: 0, or -1 with errno. */
static inline int kt_write_file(const char* path, const void* data, size_t size, mode_t mode)
{
    return kt_file_io(path, O_WRONLY | O_CREAT | O_TRUNC, mode, (void*)data, size) == (ssize_t)size ? 0 : -1;
}

/* Reads path up to size bytes or EOF: the count, or -1 with errno. */
static inline ssize_t kt_read_file(const char* path, void* buf, size_t size)
{
    return kt_file_io(path, O_RDONLY, 0, buf, size);
}

/* True when path holds exactly the size bytes of expected. */
static inline int kt_file_equals(const char* path, const void* expected, size_t size)
{
    char buf[512];
    if (size >= sizeof(buf))
        return 0;
    return kt_read_file(path, buf, sizeof(buf)) == (ssize_t)size && memcmp(buf, expected, size) == 0;
}

/* stat's st_mode of path, or 0 (errno set) when stat fails. */
static inline mode_t kt_mode_of(const char* path)
{
    struct stat st;
    return stat(path, &st) < 0 ? 0 : st.st_mode;
}

/*
 * Calls fn(name, arg) for each entry of the directory but "." and "..";
 * returns the number of entries, or -1 with errno.
 */
static inline int kt_each_entry(const char* path, void (*fn)(const char* name, void* arg), void* arg)
{
    DIR* dir = opendir(path);
    if (!dir)
        return -1;
    int count = 0;
    struct dirent* entry;
    while ((entry = readdir(dir))) {
        if (!strcmp(entry->d_name, ".") || !strcmp(entry->d_name, ".."))
            continue;
        count++;
        if (fn)
            fn(entry->d_name, arg);
    }
    closedir(dir);
    return count;
}

static inline int kt_remove_tree(const char* path);

static inline void kt_remove_entry(const char* name, void* parent)
{
    char child[1024];
    snprintf(child, sizeof(child), "%s/%s", (const char*)parent, name);
    kt_remove_tree(child);
}

/* Removes path and everything below it; symlinks are not followed. 0, or -1 with errno. */
static inline int kt_remove_tree(const char* path)
{
    struct stat st;
    if (lstat(path, &st) < 0)
        return -1;
    if (!S_ISDIR(st.st_mode))
        return unlink(path);
    /* readdir fills from one get_dir_entries call, which may hold only part of a big directory: repeat. */
    for (int pass = 0; pass < 64 && kt_each_entry(path, kt_remove_entry, (void*)path) > 0; pass++)
        ;
    return rmdir(path);
}

/* kt_begin, then the scratch directory: 0, or -1 (reported) when it cannot be made. */
static inline int kt_fs_begin(const char* program)
{
    kt_begin(program);
    return kt_make_scratch(program);
}

/* Leaves the scratch directory, removes it (a case of its own) and returns kt_finish(). */
static inline int kt_fs_finish(void)
{
    chdir("/");
    kt_check("scratch-dir-removed", kt_remove_tree(kt_scratch_path) == 0, "%s", kt_errname(errno));
    return kt_finish();
}

/* ---- running as a non-root user (the tests run as root) ---- */

#define KT_USER_ID 1000
#define KT_NO_USER 200 /* the exit status of a child that could not become KT_USER_ID */

static struct {
    int (*fn)(void* arg);
    void* arg;
} kt_user_call;

static inline int kt_user_trampoline(void* unused)
{
    (void)unused;
    if (setgid(KT_USER_ID) < 0 || setuid(KT_USER_ID) < 0 || getuid() != KT_USER_ID || geteuid() != KT_USER_ID)
        return KT_NO_USER;
    return kt_user_call.fn ? kt_user_call.fn(kt_user_call.arg) : 0;
}

/*
 * Runs fn(arg) in a child that first becomes uid and gid KT_USER_ID: the
 * child's exit status, KT_NO_USER when setgid/setuid did not work, -1 when
 * fork or waitpid failed. fn NULL only probes the switch (0 when it works).
 */
static inline int kt_run_as_user(int (*fn)(void* arg), void* arg)
{
    kt_user_call.fn = fn;
    kt_user_call.arg = arg;
    return kt_run_in_child(kt_user_trampoline, NULL);
}

/*
 * True when a child can become KT_USER_ID; otherwise prints a note (not a
 * KTEST line) that the count cases needing it are left out.
 */
static inline int kt_user_switch_works(const char* program, unsigned count)
{
    int status = kt_run_as_user(NULL, NULL);
    if (status != 0)
        printf("%s: note: a child cannot become uid %d (status %d), so the %u non-root cases are not run\n", program,
            KT_USER_ID, status, count);
    return status == 0;
}

#endif
