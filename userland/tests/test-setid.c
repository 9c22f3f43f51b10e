/*
 * test-setid: identity changes [41, 47-53] and what execve [36] does with
 * set-user-id and set-group-id files, and the mount flags that limit exec
 * and devices (mount [98]: MS_NOSUID, MS_NOEXEC, MS_NODEV).
 *
 * A copy of this program, chowned to 1000:1000 and made 06755, is run by
 * a child that dropped to uid/gid 2000; run with --report it writes its
 * "uid euid gid egid" to stdout, which the parent reads through a pipe.
 */
#include "ktest-fs.h"

#include <stdlib.h>
#include <sys/wait.h>

#define OWNER 1000
#define RUNNER 2000

static char self[KT_PATH_SIZE];

/* Copies this program's file to path with mode; 0 or -1. */
static int copy_self(const char* path, mode_t mode)
{
    static char image[256 * 1024];
    ssize_t size = kt_read_file(self, image, sizeof(image));
    if (size <= 0 || size == (ssize_t)sizeof(image) || kt_write_file(path, image, (size_t)size, 0755) < 0)
        return -1;
    if (chown(path, OWNER, OWNER) < 0)
        return -1;
    return chmod(path, mode);
}

/* In the child: drop to uid/gid RUNNER before the exec. */
static void become_runner(void* unused)
{
    (void)unused;
    if (setgid(RUNNER) < 0 || setuid(RUNNER) < 0)
        _exit(100);
}

/* Runs path --report as uid/gid RUNNER; fills ids[4] and returns 0, else the child's exit status (its execve errno) or -1. */
static int run_report(const char* path, unsigned ids[4])
{
    char text[64];
    char* args[] = { (char*)path, "--report", NULL };
    int status = kt_run_capture(args, NULL, become_runner, NULL, text, sizeof(text));
    char* cursor = text;
    for (int i = 0; i < 4 && status == 0; i++)
        ids[i] = (unsigned)strtoul(cursor, &cursor, 10);
    return status == 0 && *cursor == '\n' ? 0 : status;
}

static void test_identity_calls(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        int ok = setresuid(10, 20, 30) == 0;
        uid_t r, e, s;
        ok = ok && getresuid(&r, &e, &s) == 0 && r == 10 && e == 20 && s == 30;
        ok = ok && seteuid(30) == 0 && geteuid() == 30; /* the saved id is allowed */
        ok = ok && seteuid(99) < 0 && errno == EPERM;
        ok = ok && setuid(99) < 0 && errno == EPERM;
        ok = ok && setresuid(-1, 10, -1) == 0 && geteuid() == 10;
        _exit(ok ? 0 : 1);
    }
    int status = 0;
    kt_check("setresuid-seteuid-setuid-rules", waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0,
        "%s", kt_describe_status(status));
    pid = fork();
    if (pid == 0) {
        gid_t list[3] = { 5, 6, 5 }, back[8];
        int ok = setgroups(3, list) == 0 && getgroups(0, NULL) == 2 && getgroups(2, back) == 0 && back[0] == 5 && back[1] == 6;
        ok = ok && getgroups(1, back) < 0 && errno == EINVAL;
        ok = ok && setuid(50) == 0 && setgroups(0, NULL) < 0 && errno == EPERM;
        _exit(ok ? 0 : 1);
    }
    kt_check("setgroups-getgroups", waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0,
        "%s", kt_describe_status(status));
}

static void test_setid_exec(void)
{
    unsigned ids[4] = { 0 };
    const char* plain = kt_path("plain");
    int rc = copy_self(plain, 0755) == 0 ? run_report(plain, ids) : -2;
    kt_check("exec-plain-keeps-ids", rc == 0 && ids[0] == RUNNER && ids[1] == RUNNER && ids[2] == RUNNER && ids[3] == RUNNER,
        "rc %d ids %u %u %u %u", rc, ids[0], ids[1], ids[2], ids[3]);
    const char* setid = kt_path("setid");
    rc = copy_self(setid, 06755) == 0 ? run_report(setid, ids) : -2;
    kt_check("exec-setuid-setgid-takes-owner", rc == 0 && ids[0] == RUNNER && ids[1] == OWNER && ids[2] == RUNNER && ids[3] == OWNER,
        "rc %d ids %u %u %u %u", rc, ids[0], ids[1], ids[2], ids[3]);
    unlink(plain);
    unlink(setid);
}

/* In a child: execs path and returns the errno of the failure. */
static int exec_errno(void* path)
{
    char* args[] = { (char*)path, "--report", NULL };
    execv((char*)path, args);
    return errno;
}

/* Mounts a tmpfs with flags at name in the scratch directory; its path, or NULL. */
static const char* mount_tmp(const char* name, int flags)
{
    const char* path = kt_path(name);
    if (mkdir(path, 0777) < 0 || mount(-1, path, "tmp", flags) < 0)
        return NULL;
    return path;
}

static void test_mount_flags(void)
{
    char where[KT_PATH_SIZE], file[KT_PATH_SIZE];
    unsigned ids[4] = { 0 };
    const char* nosuid = mount_tmp("nosuid", MS_NOSUID);
    kt_check("mount-nosuid", nosuid != NULL, "%s", kt_errname(errno));
    if (nosuid) {
        kt_path_keep(where, "nosuid");
        snprintf(file, sizeof(file), "%s/setid", where);
        int rc = copy_self(file, 06755) == 0 ? run_report(file, ids) : -2;
        kt_check("exec-setid-on-nosuid-mount-keeps-ids", rc == 0 && ids[1] == RUNNER && ids[3] == RUNNER,
            "rc %d ids %u %u %u %u", rc, ids[0], ids[1], ids[2], ids[3]);
        unlink(file);
        kt_check("umount-nosuid", umount(where) == 0 && rmdir(where) == 0, "%s", kt_errname(errno));
    }
    const char* noexec = mount_tmp("noexec", MS_NOEXEC);
    kt_check("mount-noexec", noexec != NULL, "%s", kt_errname(errno));
    if (noexec) {
        kt_path_keep(where, "noexec");
        snprintf(file, sizeof(file), "%s/program", where);
        int rc = copy_self(file, 0755) == 0 ? kt_run_in_child(exec_errno, file) : -2;
        kt_check("exec-on-noexec-mount-eacces", rc == EACCES, "rc %d (%s)", rc, rc > 0 ? kt_errname(rc) : "");
        unlink(file);
        kt_check("umount-noexec", umount(where) == 0 && rmdir(where) == 0, "%s", kt_errname(errno));
    }
    const char* nodev = mount_tmp("nodev", MS_NODEV);
    kt_check("mount-nodev", nodev != NULL, "%s", kt_errname(errno));
    if (nodev) {
        kt_path_keep(where, "nodev");
        snprintf(file, sizeof(file), "%s/null", where);
        kt_check("mknod-on-nodev-mount", mknod(file, S_IFCHR | 0666, (1 << 8) | 3) == 0, "%s", kt_errname(errno));
        kt_expect_errno("open-device-on-nodev-mount-eacces", open(file, O_RDWR), EACCES);
        unlink(file);
        kt_check("umount-nodev", umount(where) == 0 && rmdir(where) == 0, "%s", kt_errname(errno));
    }
}

int main(int argc, char** argv)
{
    if (argc > 1 && strcmp(argv[1], "--report") == 0) {
        printf("%u %u %u %u\n", (unsigned)getuid(), (unsigned)geteuid(), (unsigned)getgid(), (unsigned)getegid());
        return 0;
    }
    snprintf(self, sizeof(self), "%s", argv[0]);
    if (kt_fs_begin("test-setid") < 0)
        return kt_finish();
    chmod(kt_scratch_path, 0777);
    test_identity_calls();
    test_setid_exec();
    test_mount_flags();
    return kt_fs_finish();
}
