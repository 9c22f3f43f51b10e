/*
 * test-ids: getpid, getppid, gettid, getuid, geteuid, getgid, getegid,
 * getresuid, getresgid (syscalls 6, 8-14, 83).
 * The id getters cannot fail; getresuid/getresgid give EFAULT for any output
 * pointer that is not user memory: kernel addresses, NULL (unmapped page 0),
 * a range ending exactly at the 0xbe000000 ceiling (p + n must be strictly
 * below it) and a range that wraps around 2^32.
 */
#include "ktest.h"

#include <stdio.h>
#include <sys/wait.h>
#include <syscall.h>
#include <unistd.h>

typedef int (*getres_fn)(uint32_t*, uint32_t*, uint32_t*);

static void check_getres_efault(const char* which, getres_fn fn)
{
    uint32_t a, b, c;
    struct {
        const char* name;
        void* pointer;
    } bad[] = {
        { "kernel", BAD_KERNEL_PTR },
        { "ceiling", BAD_CEILING_PTR(4) },
        { "null", NULL },
        { "wrap", (void*)0xfffffffeu },
    };
    char name[64];
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        for (int slot = 0; slot < 3; slot++) {
            uint32_t* r = slot == 0 ? bad[i].pointer : &a;
            uint32_t* e = slot == 1 ? bad[i].pointer : &b;
            uint32_t* s = slot == 2 ? bad[i].pointer : &c;
            snprintf(name, sizeof(name), "%s-efault-%s-%c", which, bad[i].name, "res"[slot]);
            kt_expect_errno(name, fn(r, e, s), EFAULT);
        }
    }
}

int main(void)
{
    kt_begin("test-ids");

    pid_t pid = getpid();
    kt_check("getpid", pid > 0 && getpid() == pid, "getpid() = %d, then %d", pid, getpid());
    kt_check("gettid-main-thread", gettid() == pid, "gettid() = %d, getpid() = %d", gettid(), pid);
    pid_t ppid = getppid();
    kt_check("getppid", ppid > 0 && ppid != pid, "getppid() = %d, getpid() = %d", ppid, pid);

    uid_t uid = getuid(), euid = geteuid();
    gid_t gid = getgid(), egid = getegid();
    kt_check("root", uid == 0 && euid == 0 && gid == 0 && egid == 0,
        "uid %u euid %u gid %u egid %u (init's children run as root)", uid, euid, gid, egid);

    uid_t ruid = 111, reuid = 111, rsuid = 111;
    int rc = getresuid(&ruid, &reuid, &rsuid);
    kt_check("getresuid", rc == 0 && ruid == uid && reuid == euid && rsuid == euid,
        "rc %d (%s): r %u e %u s %u, uid %u euid %u", rc, rc ? kt_errname(errno) : "ok", ruid, reuid, rsuid, uid, euid);
    gid_t rgid = 111, regid = 111, rsgid = 111;
    rc = getresgid(&rgid, &regid, &rsgid);
    kt_check("getresgid", rc == 0 && rgid == gid && regid == egid && rsgid == egid,
        "rc %d (%s): r %u e %u s %u, gid %u egid %u", rc, rc ? kt_errname(errno) : "ok", rgid, regid, rsgid, gid, egid);

    /* The same pointer for all three outputs is fine. */
    uint32_t same = 111;
    rc = getresuid(&same, &same, &same);
    kt_check("getresuid-same-pointer", rc == 0 && same == uid, "rc %d, value %u", rc, same);

    check_getres_efault("getresuid", getresuid);
    check_getres_efault("getresgid", getresgid);

    /* A raw call with all three pointers bad. */
    kt_expect_raw_error("getresuid-raw-efault",
        syscall3(SC_getresuid, 0xc0000001u, 0xc0000002u, 0xc0000003u), EFAULT);

    /* A forked child: own pid and tid, our pid as parent, same ids. */
    pid_t child = fork();
    if (child == 0) {
        int bad = 0;
        if (getpid() == pid)
            bad |= 1;
        if (getppid() != pid)
            bad |= 2;
        if (gettid() != getpid())
            bad |= 4;
        if (getuid() != uid || geteuid() != euid || getgid() != gid || getegid() != egid)
            bad |= 8;
        _exit(bad);
    }
    if (child < 0)
        kt_fail("child-ids", "fork: %s", kt_errname(errno));
    else
        kt_expect_child_exit("child-ids", child, 0);

    return kt_finish();
}
