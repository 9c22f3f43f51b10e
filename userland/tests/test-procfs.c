/*
 * test-procfs: /proc beyond what test-devproc checks. The listings and
 * their d_type, stable inode numbers (stat twice, readdir's d_ino), the
 * modes (files 0444, directories 0555, links 0777), /proc/all's line for
 * us field by field (the format userland/ps.c parses), status fields, a
 * zombie's state Z and its directory gone once reaped, fd links of a pipe
 * and of a procfs file, realpath through /proc/self, getcwd and ".."
 * inside /proc/N/fd, reads in small pieces, SEEK_END and st_size, EFAULT,
 * write and mkdir refused, vm lines in address order. Runs as root; the
 * kernel's leak check at the end of a test run catches procfs nodes that
 * are never freed.
 */
#include "ktest-fs.h"

#include <limits.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/wait.h>

#define BUFFER_SIZE (16 * 1024)

static char buffer[BUFFER_SIZE];
static char pid_text[16];
static char proc_self[32]; /* "/proc/<pid>" */

/* Reads path whole into buffer (NUL-terminated): the length, or -1. */
static ssize_t read_whole(const char* path)
{
    ssize_t n = kt_read_file(path, buffer, sizeof(buffer) - 1);
    buffer[n > 0 ? n : 0] = '\0';
    return n;
}

/* The d_type readdir gives name in directory path, or -1 when it is not listed. */
static int listed_type(const char* path, const char* name, ino_t* ino)
{
    DIR* dir = opendir(path);
    struct dirent* entry;
    int type = -1;
    while (dir && (entry = readdir(dir))) {
        if (!strcmp(entry->d_name, name)) {
            type = entry->d_type;
            if (ino)
                *ino = entry->d_ino;
        }
    }
    if (dir)
        closedir(dir);
    return type;
}

static void test_listings(void)
{
    kt_check("proc-root-lists-self-as-link", listed_type("/proc", "self", NULL) == DT_LNK, "%d",
        listed_type("/proc", "self", NULL));
    kt_check("proc-root-lists-all-as-file", listed_type("/proc", "all", NULL) == DT_REG, "%d",
        listed_type("/proc", "all", NULL));
    kt_check("proc-root-lists-caller-as-directory", listed_type("/proc", pid_text, NULL) == DT_DIR, "%d",
        listed_type("/proc", pid_text, NULL));
    static const char* const files[] = { "status", "cmdline", "vm", "threads" };
    int files_ok = 1;
    for (int i = 0; i < 3; i++)
        files_ok &= listed_type(proc_self, files[i], NULL) == DT_REG;
    kt_check("proc-pid-lists-files", files_ok && listed_type(proc_self, "fd", NULL) == DT_DIR, "fd type %d",
        listed_type(proc_self, "fd", NULL));
    kt_check("proc-pid-fd-lists-links", listed_type("/proc/self/fd", "1", NULL) == DT_LNK, "%d",
        listed_type("/proc/self/fd", "1", NULL));
}

static void test_inode_numbers_and_modes(void)
{
    struct stat a = { 0 }, b = { 0 }, st = { 0 };
    char path[64];
    snprintf(path, sizeof(path), "%s/status", proc_self);
    int ok = stat(path, &a) == 0 && stat("/proc/self/status", &b) == 0;
    kt_check("proc-inode-number-stable", ok && a.st_ino == b.st_ino && a.st_dev == b.st_dev && a.st_ino != 0,
        "ino %lu and %lu", (unsigned long)a.st_ino, (unsigned long)b.st_ino);
    ino_t listed = 0;
    listed_type(proc_self, "status", &listed);
    kt_check("proc-dirent-ino-matches-stat", listed == a.st_ino, "d_ino %lu, st_ino %lu", (unsigned long)listed,
        (unsigned long)a.st_ino);
    kt_check("proc-file-mode-0444", ok && S_ISREG(a.st_mode) && (a.st_mode & 07777) == 0444 && a.st_nlink == 1,
        "mode 0%o nlink %u", a.st_mode, (unsigned)a.st_nlink);
    kt_check("proc-directory-mode-0555", stat(proc_self, &st) == 0 && S_ISDIR(st.st_mode) && (st.st_mode & 07777) == 0555
        && st.st_nlink == 2, "mode 0%o nlink %u", st.st_mode, (unsigned)st.st_nlink);
    kt_check("proc-link-mode-0777", lstat("/proc/self", &st) == 0 && S_ISLNK(st.st_mode) && (st.st_mode & 07777) == 0777,
        "mode 0%o", st.st_mode);
    struct stat up = { 0 }, self = { 0 };
    kt_check("proc-dotdot-from-fd-dir", stat("/proc/self/fd/..", &up) == 0 && stat(proc_self, &self) == 0
        && up.st_ino == self.st_ino && S_ISDIR(up.st_mode), "%s", kt_errname(errno));
}

/* Our line of /proc/all, split the way ps.c does. */
static void test_all_line(void)
{
    read_whole("/proc/all");
    char* line = NULL;
    for (char* at = buffer; at && *at; at = strchr(at, '\n') ? strchr(at, '\n') + 1 : NULL) {
        if (!strncmp(at, pid_text, strlen(pid_text)) && at[strlen(pid_text)] == ' ') {
            line = at;
            break;
        }
    }
    /* pid ppid pgid sid uid gid, the state, threads (pgid and sid checked where getpgrp and getsid work) */
    long values[8] = { -1, -1, -1, -1, -1, -1, -1, -1 };
    int fields = 0;
    char* cursor = line;
    for (; cursor && fields < 8; fields++) {
        char* end = cursor;
        if (fields == 6)
            values[6] = *cursor ? *end++ : 0;
        else
            values[fields] = strtol(cursor, &end, 10);
        if (end == cursor || *end != ' ')
            break;
        cursor = end + 1;
    }
    char name[64] = "";
    if (fields == 8)
        snprintf(name, sizeof(name), "%.*s", (int)strcspn(cursor, "\n"), cursor);
    kt_check("proc-all-line-fields", fields == 8 && values[0] == getpid() && values[1] == getppid()
        && (getpgrp() < 0 || values[2] == getpgrp()) && (getsid(0) < 0 || values[3] == getsid(0)) && values[4] == (long)getuid() && values[5] == (long)getgid()
        && values[6] == 'R' && values[7] == 1 && !strcmp(name, "test-procfs"),
        "%d fields: %ld %ld %ld %ld %ld %ld %c %ld \"%s\"; expected %d %d %d %d %d %d", fields, values[0], values[1],
        values[2], values[3], values[4], values[5], (char)values[6], values[7], name, getpid(), getppid(), getpgrp(),
        getsid(0), getuid(), getgid());
    int ends_in_newline = 1;
    for (char* at = buffer; *at; at++)
        if (at[1] == '\0')
            ends_in_newline = *at == '\n';
    kt_check("proc-all-ends-in-newline", buffer[0] && ends_in_newline, "%.40s", buffer);
}

static void test_status(void)
{
    char path[64], expected[64];
    snprintf(path, sizeof(path), "%s/status", proc_self);
    read_whole(path);
    int ok = strstr(buffer, "Name:\ttest-procfs\n") && strstr(buffer, "State:\tR") != NULL;
    snprintf(expected, sizeof(expected), "\nPid:\t%d\n", getpid());
    ok = ok && strstr(buffer, expected);
    snprintf(expected, sizeof(expected), "\nPPid:\t%d\n", getppid());
    ok = ok && strstr(buffer, expected);
    snprintf(expected, sizeof(expected), "\nUid:\t%d\t%d\t", getuid(), geteuid());
    kt_check("proc-status-fields", ok && strstr(buffer, expected), "%s", buffer);
}

/* A child that is a zombie shows state Z; once reaped, its directory is gone and an open file of it reads 0. */
static void test_zombie(void)
{
    pid_t child = kt_fork_exit(0);
    char path[64], expected[32];
    snprintf(path, sizeof(path), "/proc/%d/status", child);
    int fd = open(path, O_RDONLY);
    int zombie = 0;
    for (int tries = 0; child > 0 && tries < 200 && !zombie; tries++) {
        read_whole(path);
        zombie = strstr(buffer, "State:\tZ") != NULL;
        if (!zombie)
            sched_yield();
    }
    kt_check("proc-zombie-state-z", zombie, "%s", buffer);
    read_whole("/proc/all");
    snprintf(expected, sizeof(expected), "\n%d %d ", child, getpid()); /* pid, then ppid (ours) */
    char* line = strstr(buffer, expected);
    kt_check("proc-all-zombie-line", line && strstr(line + 1, " Z 0 ") && strstr(line + 1, " Z 0 ") < strchr(line + 1, '\n'),
        "%s", buffer);
    waitpid(child, NULL, 0);
    struct stat st;
    snprintf(path, sizeof(path), "/proc/%d", child);
    kt_expect_errno("proc-reaped-pid-enoent", stat(path, &st), ENOENT);
    kt_check("proc-reaped-open-file-reads-0", fd >= 0 && read(fd, buffer, sizeof(buffer)) == 0, "%s", kt_errname(errno));
    close(fd);
}

static void test_fd_links(void)
{
    int fds[2] = { -1, -1 };
    char path[64], link[PATH_MAX], other[PATH_MAX];
    memset(link, 0, sizeof(link));
    memset(other, 0, sizeof(other));
    int ok = pipe(fds) == 0;
    snprintf(path, sizeof(path), "/proc/self/fd/%d", fds[0]);
    ok = ok && readlink(path, link, sizeof(link) - 1) > 0;
    snprintf(path, sizeof(path), "/proc/self/fd/%d", fds[1]);
    ok = ok && readlink(path, other, sizeof(other) - 1) > 0;
    kt_check("proc-fd-pipe-link", ok && !strncmp(link, "pipe:[", 6) && link[strlen(link) - 1] == ']' && !strcmp(link, other),
        "\"%s\" and \"%s\"", link, other);
    close(fds[0]);
    close(fds[1]);

    char expected[64];
    snprintf(expected, sizeof(expected), "%s/status", proc_self);
    int fd = open("/proc/self/status", O_RDONLY);
    snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
    memset(link, 0, sizeof(link));
    kt_check("proc-fd-link-of-procfs-file", fd >= 0 && readlink(path, link, sizeof(link) - 1) > 0 && !strcmp(link, expected),
        "\"%s\", expected \"%s\"", link, expected);
    close(fd);
    kt_check("proc-realpath-through-self", realpath("/proc/self/status", link) && !strcmp(link, expected),
        "\"%s\", expected \"%s\" (%s)", link, expected, kt_errname(errno));

    /* A file opened through a symlink: the link names the file where it is, not the symlink. */
    char target[KT_PATH_SIZE];
    kt_path_keep(target, "linked-dir/target");
    mkdir(kt_path("linked-dir"), 0755);
    kt_write_file(target, "x", 1, 0644);
    symlink("linked-dir/target", kt_path("alias"));
    fd = open(kt_path("alias"), O_RDONLY);
    snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
    memset(link, 0, sizeof(link));
    kt_check("proc-fd-link-of-file-opened-through-symlink", fd >= 0 && readlink(path, link, sizeof(link) - 1) > 0 && !strcmp(link, target),
        "\"%s\", expected \"%s\"", link, target);
    close(fd);
}

static void test_cwd_inside_proc(void)
{
    char cwd[PATH_MAX], expected[64];
    snprintf(expected, sizeof(expected), "%s/fd", proc_self);
    int ok = chdir("/proc/self/fd") == 0 && getcwd(cwd, sizeof(cwd)) && !strcmp(cwd, expected);
    kt_check("proc-getcwd-in-fd-dir", ok, "\"%s\", expected \"%s\" (%s)", ok ? cwd : "", expected, kt_errname(errno));
    ok = chdir("..") == 0 && getcwd(cwd, sizeof(cwd)) && !strcmp(cwd, proc_self);
    kt_check("proc-chdir-dotdot-in-proc", ok, "\"%s\" (%s)", ok ? cwd : "", kt_errname(errno));
    struct stat st;
    kt_check("proc-relative-lookup", stat("status", &st) == 0 && S_ISREG(st.st_mode), "%s", kt_errname(errno));
    chdir(kt_scratch_path);
}

static void test_reads(void)
{
    char path[64], whole[512], pieces[512];
    snprintf(path, sizeof(path), "%s/cmdline", proc_self);
    ssize_t length = kt_read_file(path, whole, sizeof(whole));
    int fd = open(path, O_RDONLY);
    ssize_t total = 0, n;
    while (fd >= 0 && total < (ssize_t)sizeof(pieces) && (n = read(fd, pieces + total, 3)) > 0)
        total += n;
    kt_check("proc-read-in-pieces", length == 12 && total == length && !memcmp(whole, pieces, length)
        && !memcmp(whole, "test-procfs", 12), "%d and %d bytes", (int)length, (int)total);
    struct stat st = { 0 };
    kt_check("proc-seek-end-is-size", fd >= 0 && lseek(fd, 0, SEEK_END) == length && fstat(fd, &st) == 0
        && st.st_size == length, "size %ld", (long)st.st_size);
    lseek(fd, 0, SEEK_SET);
    kt_expect_errno("proc-read-efault", read(fd, BAD_KERNEL_PTR, 16), EFAULT);
    close(fd);

    snprintf(path, sizeof(path), "%s/status", proc_self);
    kt_expect_errno("proc-open-for-writing-eacces", open(path, O_WRONLY), EACCES);
    kt_expect_errno("proc-mkdir-eacces", mkdir("/proc/self/new", 0755), EACCES);
    kt_expect_errno("proc-missing-name-enoent", open("/proc/self/nothing", O_RDONLY), ENOENT);
    kt_expect_errno("proc-leading-zero-pid-enoent", open("/proc/01/status", O_RDONLY), ENOENT);
}

/* Each vm line is "start-end rwx[ name]" with start < end, in increasing order. */
static void test_vm(void)
{
    read_whole("/proc/self/vm");
    unsigned long previous_end = 0;
    int lines = 0, ok = buffer[0] != '\0';
    for (char* at = buffer; ok && *at; lines++) {
        char* end_text = NULL;
        unsigned long start = strtoul(at, &end_text, 16);
        unsigned long end = end_text == at + 8 && *end_text == '-' ? strtoul(end_text + 1, &end_text, 16) : 0;
        ok = end_text == at + 17 && *end_text == ' ' && start < end && start >= previous_end
            && strspn(at + 18, "rwx-") == 3 && (at[21] == '\n' || at[21] == ' ');
        previous_end = end;
        char* newline = strchr(at, '\n');
        ok = ok && newline;
        at = newline ? newline + 1 : at;
    }
    kt_check("proc-vm-lines-in-order", ok && lines >= 3, "%d lines: %.200s", lines, buffer);
}

int main(void)
{
    snprintf(pid_text, sizeof(pid_text), "%d", getpid());
    snprintf(proc_self, sizeof(proc_self), "/proc/%d", getpid());
    if (kt_fs_begin("test-procfs") < 0)
        return kt_finish();
    chdir(kt_scratch_path);
    test_listings();
    test_inode_numbers_and_modes();
    test_all_line();
    test_status();
    test_zombie();
    test_fd_links();
    test_cwd_inside_proc();
    test_reads();
    test_vm();
    return kt_fs_finish();
}
