/* Processes: fork, execve, the identity getters, umask, yield, disown, names. */
#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <serenity.h>
#include <string.h>
#include <sys/stat.h>
#include <syscall.h>
#include <unistd.h>

pid_t fork(void)
{
    int rc = syscall0(SC_fork);
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
 * list longer than ARG_MAX is passed as its count alone (the kernel rejects
 * it with E2BIG before reading it).
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

int execv(const char* path, char* const argv[])
{
    return execve(path, argv, environ);
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

mode_t umask(mode_t mask)
{
    return syscall1(SC_umask, mask);
}

int sched_yield(void)
{
    int rc = syscall0(SC_yield);
    __RETURN_WITH_ERRNO(rc, 0, -1);
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
