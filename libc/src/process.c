/*
 * Processes: fork [35], execve [36] and the exec family, the identity
 * getters and setters [6, 8-14, 47-53, 40, 41, 83], sessions and groups
 * [30-34], umask [39], yield [0], sched_setparam/getparam [93, 94],
 * disown [139], process names [108, 138], pledge [129], unveil [130],
 * prctl [142], ptrace [134], and the administrative calls halt [96],
 * reboot [97], dump_backtrace [100], module_load/unload [117, 118],
 * profiling [124-126], perf_event [131], futex [127], beep [89],
 * set_coredump_metadata [144], the inode watchers [103-105] and the
 * keymaps [111, 112].
 */
#include <errno.h>
#include "thread_impl.h"
#include <limits.h>
#include <sched.h>
#include <serenity.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <syscall.h>
#include <unistd.h>

static StringArgument string_argument(const char* s)
{
    StringArgument argument = { s, s ? strlen(s) : 0 };
    return argument;
}

/* Other threads may hold libc's locks: fork takes them first, so the child (whose only thread is the caller) finds them free. */
pid_t fork(void)
{
    __fork_prepare();
    int rc = syscall0(SC_fork);
    if (rc == 0)
        __fork_child();
    else
        __fork_parent();
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

/* Counts a NULL-terminated list; a NULL list is empty. */
static size_t count_strings(char* const list[])
{
    size_t n = 0;
    if (list)
        while (list[n])
            n++;
    return n;
}

static void fill_strings(StringArgument* out, char* const list[], size_t n)
{
    for (size_t i = 0; i < n; i++) {
        out[i].characters = list[i];
        out[i].length = strlen(list[i]);
    }
}

/*
 * Builds SC_execve_params on the stack: every string as (pointer, length)
 * without its NUL, argv/envp as (array, count). The arrays live in a VLA; a
 * list longer than ARG_MAX is rejected here with E2BIG, as the kernel would.
 */
int execve(const char* path, char* const argv[], char* const envp[])
{
    if (!path) {
        errno = EFAULT;
        return -1;
    }
    size_t argc = count_strings(argv);
    size_t envc = count_strings(envp);
    if (argc > ARG_MAX || envc > ARG_MAX) {
        errno = E2BIG;
        return -1;
    }
    StringArgument strings[argc + envc + 1];
    fill_strings(strings, argv, argc);
    fill_strings(strings + argc, envp, envc);

    SC_execve_params params;
    params.path.characters = path;
    params.path.length = strlen(path);
    params.arguments.strings = strings;
    params.arguments.length = argc;
    params.environment.strings = strings + argc;
    params.environment.length = envc;
    int rc = syscall1(SC_execve, (uintptr_t)&params);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

pid_t getpid(void) { return syscall0(SC_getpid); }
pid_t getppid(void) { return syscall0(SC_getppid); }
pid_t gettid(void) { return syscall0(SC_gettid); }
uid_t getuid(void) { return syscall0(SC_getuid); }
uid_t geteuid(void) { return syscall0(SC_geteuid); }
gid_t getgid(void) { return syscall0(SC_getgid); }
gid_t getegid(void) { return syscall0(SC_getegid); }

int getresuid(uid_t* ruid, uid_t* euid, uid_t* suid)
{
    int rc = syscall3(SC_getresuid, (uintptr_t)ruid, (uintptr_t)euid, (uintptr_t)suid);
    __RETURN_WITH_ERRNO(rc, 0, -1);
}

int getresgid(gid_t* rgid, gid_t* egid, gid_t* sgid)
{
    int rc = syscall3(SC_getresgid, (uintptr_t)rgid, (uintptr_t)egid, (uintptr_t)sgid);
    __RETURN_WITH_ERRNO(rc, 0, -1);
}

#define ID_SETTER(function, number, type)            \
    int function(type id)                            \
    {                                                \
        int rc = syscall1(number, (uintptr_t)id);    \
        __RETURN_WITH_ERRNO(rc, rc, -1);             \
    }
ID_SETTER(setuid, SC_setuid, uid_t)
ID_SETTER(setgid, SC_setgid, gid_t)
ID_SETTER(seteuid, SC_seteuid, uid_t)
ID_SETTER(setegid, SC_setegid, gid_t)

int setreuid(uid_t ruid, uid_t euid)
{
    int rc = syscall2(SC_setreuid, ruid, euid);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int setresuid(uid_t ruid, uid_t euid, uid_t suid)
{
    int rc = syscall3(SC_setresuid, ruid, euid, suid);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int setresgid(gid_t rgid, gid_t egid, gid_t sgid)
{
    int rc = syscall3(SC_setresgid, rgid, egid, sgid);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int getgroups(int size, gid_t list[])
{
    int rc = syscall2(SC_getgroups, (uintptr_t)size, (uintptr_t)list);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int setgroups(size_t size, const gid_t* list)
{
    int rc = syscall2(SC_setgroups, size, (uintptr_t)list);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

pid_t getsid(pid_t pid)
{
    int rc = syscall1(SC_getsid, (uintptr_t)pid);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

pid_t setsid(void)
{
    int rc = syscall0(SC_setsid);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

pid_t getpgid(pid_t pid)
{
    int rc = syscall1(SC_getpgid, (uintptr_t)pid);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int setpgid(pid_t pid, pid_t pgid)
{
    int rc = syscall2(SC_setpgid, (uintptr_t)pid, (uintptr_t)pgid);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

pid_t getpgrp(void)
{
    int rc = syscall0(SC_getpgrp);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

mode_t umask(mode_t mask)
{
    return syscall1(SC_umask, mask);
}

int sched_yield(void)
{
    int rc = syscall0(SC_yield);
    __RETURN_WITH_ERRNO(rc, 0, -1);
}

int sched_setparam(pid_t pid, const struct sched_param* param)
{
    int rc = syscall2(SC_sched_setparam, (uintptr_t)pid, (uintptr_t)param);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int sched_getparam(pid_t pid, struct sched_param* param)
{
    int rc = syscall2(SC_sched_getparam, (uintptr_t)pid, (uintptr_t)param);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

/* Every thread runs in the kernel's one policy, a round robin: SCHED_OTHER (SCHED_RR names it too). */
int sched_getscheduler(pid_t pid)
{
    struct sched_param param;
    if (sched_getparam(pid, &param) < 0)
        return -1;
    return SCHED_OTHER;
}

int sched_setscheduler(pid_t pid, int policy, const struct sched_param* param)
{
    if (policy != SCHED_OTHER && policy != SCHED_RR) {
        errno = EINVAL;
        return -1;
    }
    return sched_setparam(pid, param);
}

int sched_get_priority_min(int policy)
{
    if (policy < SCHED_FIFO || policy > SCHED_BATCH) {
        errno = EINVAL;
        return -1;
    }
    return THREAD_PRIORITY_MIN;
}

int sched_get_priority_max(int policy)
{
    if (policy < SCHED_FIFO || policy > SCHED_BATCH) {
        errno = EINVAL;
        return -1;
    }
    return THREAD_PRIORITY_MAX;
}

int disown(pid_t pid)
{
    int rc = syscall1(SC_disown, (uintptr_t)pid);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int get_process_name(char* buffer, int buffer_size)
{
    int rc = syscall2(SC_get_process_name, (uintptr_t)buffer, (uintptr_t)buffer_size);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int set_process_name(const char* name, size_t name_length)
{
    int rc = syscall2(SC_set_process_name, (uintptr_t)name, name_length);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

/* A NULL string means "leave unchanged" ({NULL, 0}). */
int pledge(const char* promises, const char* execpromises)
{
    SC_pledge_params params = { string_argument(promises), string_argument(execpromises) };
    int rc = syscall1(SC_pledge, (uintptr_t)&params);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

/* unveil(NULL, NULL) locks the veil. */
int unveil(const char* path, const char* permissions)
{
    SC_unveil_params params = { string_argument(path), string_argument(permissions) };
    int rc = syscall1(SC_unveil, (uintptr_t)&params);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int prctl(int option, uintptr_t arg1, uintptr_t arg2)
{
    int rc = syscall3(SC_prctl, (uintptr_t)option, arg1, arg2);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

long ptrace(int request, pid_t tid, void* addr, int data)
{
    uint32_t out_data = 0;
    SC_ptrace_peek_params peek_params;
    if (request == PT_PEEK) {
        peek_params.address = (const uint32_t*)addr;
        peek_params.out_data = &out_data;
        addr = &peek_params;
    }
    SC_ptrace_params params = { request, tid, (uint8_t*)addr, data };
    int rc = syscall1(SC_ptrace, (uintptr_t)&params);
    if (request == PT_PEEK) {
        if (rc < 0) {
            errno = -rc;
            return -1;
        }
        errno = 0;
        return (long)out_data;
    }
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int halt(void)
{
    int rc = syscall0(SC_halt);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int reboot(void)
{
    int rc = syscall0(SC_reboot);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

void dump_backtrace(void)
{
    syscall0(SC_dump_backtrace);
}

int sysbeep(void)
{
    int rc = syscall0(SC_beep);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int module_load(const char* path, size_t path_length)
{
    int rc = syscall2(SC_module_load, (uintptr_t)path, path_length);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int module_unload(const char* name, size_t name_length)
{
    int rc = syscall2(SC_module_unload, (uintptr_t)name, name_length);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int profiling_enable(pid_t pid, uint64_t event_mask)
{
    int rc = syscall2(SC_profiling_enable, (uintptr_t)pid, (uintptr_t)event_mask);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int profiling_disable(pid_t pid)
{
    int rc = syscall1(SC_profiling_disable, (uintptr_t)pid);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int profiling_free_buffer(pid_t pid)
{
    int rc = syscall1(SC_profiling_free_buffer, (uintptr_t)pid);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int perf_event(int type, uintptr_t arg1, uintptr_t arg2)
{
    int rc = syscall3(SC_perf_event, (uintptr_t)type, arg1, arg2);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int __futex(uint32_t* userspace_address, int futex_op, uint32_t value, const struct timespec* timeout,
    uint32_t* userspace_address2, uint32_t value3)
{
    SC_futex_params params;
    params.userspace_address = userspace_address;
    params.futex_op = futex_op;
    params.val = value;
    params.timeout = timeout;
    params.userspace_address2 = userspace_address2;
    params.val3 = value3;
    return (int)syscall1(SC_futex, (uintptr_t)&params);
}

int futex(uint32_t* userspace_address, int futex_op, uint32_t value, const struct timespec* timeout,
    uint32_t* userspace_address2, uint32_t value3)
{
    int rc = __futex(userspace_address, futex_op, value, timeout, userspace_address2, value3);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int set_coredump_metadata(const char* key, const char* value)
{
    if (!key || !value) {
        errno = EFAULT;
        return -1;
    }
    SC_set_coredump_metadata_params params = { string_argument(key), string_argument(value) };
    int rc = syscall1(SC_set_coredump_metadata, (uintptr_t)&params);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int create_inode_watcher(unsigned flags)
{
    int rc = syscall1(SC_create_inode_watcher, flags);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int inode_watcher_add_watch(int fd, const char* path, size_t path_length, unsigned event_mask)
{
    SC_inode_watcher_add_watch_params params = { fd, { path, path_length }, event_mask };
    int rc = syscall1(SC_inode_watcher_add_watch, (uintptr_t)&params);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int inode_watcher_remove_watch(int fd, int wd)
{
    int rc = syscall2(SC_inode_watcher_remove_watch, (uintptr_t)fd, (uintptr_t)wd);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int getkeymap(char* name_buffer, size_t name_buffer_size, uint32_t* map, uint32_t* shift_map, uint32_t* alt_map,
    uint32_t* altgr_map, uint32_t* shift_altgr_map)
{
    SC_getkeymap_params params = { map, shift_map, alt_map, altgr_map, shift_altgr_map,
        { name_buffer, name_buffer_size } };
    int rc = syscall1(SC_getkeymap, (uintptr_t)&params);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int setkeymap(const char* name, const uint32_t* map, const uint32_t* shift_map, const uint32_t* alt_map,
    const uint32_t* altgr_map, const uint32_t* shift_altgr_map)
{
    SC_setkeymap_params params = { map, shift_map, alt_map, altgr_map, shift_altgr_map, string_argument(name) };
    int rc = syscall1(SC_setkeymap, (uintptr_t)&params);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}
