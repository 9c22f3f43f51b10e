/*
 * <syscall.h>: the raw system-call interface of the SerenityOS i386 ABI
 * (shared/spec/serenity-2021/abi.md).
 *
 *   int 0x82; EAX = function number (SC_<name>, syscall_numbers.h);
 *   EDX, ECX, EBX = arguments 1-3; the result comes back in EAX.
 *
 * EAX is the only register the kernel changes, so the asm names only eax as
 * an output, plus a "memory" clobber (the kernel reads and writes user
 * memory). The result is the raw value: a negative number -e is the error e;
 * the POSIX wrappers turn it into errno (__RETURN_WITH_ERRNO in <errno.h>).
 * Larger arguments go through the SC_*_params structs below (syscalls.md,
 * "Parameter structs"; field order = memory layout, i386 alignment: 8-byte
 * integers are 4-byte aligned inside structs).
 *
 * Three levels of access, from raw to POSIX:
 *   syscall0..syscall3(SC_x, ...)   inline int 0x82, the raw result
 *   __syscall_<name>(a1, a2, a3)    one out-of-line entry per syscall, all
 *                                   152 (generated from __ENUMERATE_SYSCALLS);
 *                                   pass 0 for unused arguments; raw result
 *   syscall(SC_x, ...)              <unistd.h>: errno and -1 on error
 * and the POSIX/Serenity wrappers (open, mmap, ...) in the other headers.
 */
#ifndef _SYSCALL_H
#define _SYSCALL_H

#include <errno_numbers.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <syscall_numbers.h>

static inline uintptr_t syscall0(uintptr_t function)
{
    uintptr_t result;
    __asm__ volatile("int $0x82" : "=a"(result) : "a"(function) : "memory");
    return result;
}

static inline uintptr_t syscall1(uintptr_t function, uintptr_t arg1)
{
    uintptr_t result;
    __asm__ volatile("int $0x82" : "=a"(result) : "a"(function), "d"(arg1) : "memory");
    return result;
}

static inline uintptr_t syscall2(uintptr_t function, uintptr_t arg1, uintptr_t arg2)
{
    uintptr_t result;
    __asm__ volatile("int $0x82" : "=a"(result) : "a"(function), "d"(arg1), "c"(arg2) : "memory");
    return result;
}

static inline uintptr_t syscall3(uintptr_t function, uintptr_t arg1, uintptr_t arg2, uintptr_t arg3)
{
    uintptr_t result;
    __asm__ volatile("int $0x82" : "=a"(result) : "a"(function), "d"(arg1), "c"(arg2), "b"(arg3) : "memory");
    return result;
}

/* Helper types of the parameter structs. */
typedef struct {
    const char* characters;
    size_t length;
} StringArgument;

typedef struct {
    StringArgument* strings;
    size_t length;
} StringListArgument;

/* MutableBufferArgument<char, size_t> */
typedef struct {
    char* data;
    size_t size;
} MutableBufferArgument;

struct __siginfo;
struct __fd_set;
struct timespec;
struct timeval;
struct sockaddr;
struct pollfd;
struct stat;
struct statvfs;

typedef struct {
    uintptr_t addr;
    size_t size;
    size_t alignment;
    int32_t prot;
    int32_t flags;
    int32_t fd;
    int64_t offset;
    StringArgument name;
} SC_mmap_params;

typedef struct {
    uintptr_t old_address;
    size_t old_size;
    size_t new_size;
    int32_t flags;
} SC_mremap_params;

typedef struct {
    int dirfd;
    StringArgument path;
    int options;
    uint16_t mode;
} SC_open_params;

typedef struct {
    int nfds;
    struct __fd_set* readfds;
    struct __fd_set* writefds;
    struct __fd_set* exceptfds;
    const struct timespec* timeout;
    const uint32_t* sigmask;
} SC_select_params;

typedef struct {
    struct pollfd* fds;
    unsigned nfds;
    const struct timespec* timeout;
    const uint32_t* sigmask;
} SC_poll_params;

typedef struct {
    int clock_id;
    int flags;
    const struct timespec* requested_sleep;
    struct timespec* remaining_sleep;
} SC_clock_nanosleep_params;

typedef struct {
    int sockfd;
    struct sockaddr* addr;
    uint32_t* addrlen;
    int flags;
} SC_accept4_params;

typedef struct {
    int sockfd;
    int level;
    int option;
    void* value;
    uint32_t* value_size;
} SC_getsockopt_params;

typedef struct {
    int sockfd;
    int level;
    int option;
    const void* value;
    uint32_t value_size;
} SC_setsockopt_params;

typedef struct {
    int sockfd;
    struct sockaddr* addr;
    uint32_t* addrlen;
} SC_getsockname_params;

typedef struct {
    int sockfd;
    struct sockaddr* addr;
    uint32_t* addrlen;
} SC_getpeername_params;

typedef struct {
    int domain;
    int type;
    int protocol;
    int* sv;
} SC_socketpair_params;

typedef struct {
    uint32_t* userspace_address;
    int futex_op;
    uint32_t val;
    union {
        const struct timespec* timeout;
        uintptr_t val2;
    };
    uint32_t* userspace_address2;
    uint32_t val3;
} SC_futex_params;

typedef struct {
    const uint32_t* map;
    const uint32_t* shift_map;
    const uint32_t* alt_map;
    const uint32_t* altgr_map;
    const uint32_t* shift_altgr_map;
    StringArgument map_name;
} SC_setkeymap_params;

typedef struct {
    uint32_t* map;
    uint32_t* shift_map;
    uint32_t* alt_map;
    uint32_t* altgr_map;
    uint32_t* shift_altgr_map;
    MutableBufferArgument map_name;
} SC_getkeymap_params;

typedef struct {
    unsigned detach_state; /* 0 = joinable */
    int schedule_priority; /* 30 by default */
    unsigned guard_page_size;
    unsigned reported_guard_page_size;
    unsigned stack_size; /* 4 MiB by default */
    void* stack_location;
} SC_create_thread_params;

typedef struct {
    StringArgument path;
    MutableBufferArgument buffer;
} SC_realpath_params;

typedef struct {
    void* addr;
    size_t size;
    StringArgument name;
} SC_set_mmap_name_params;

typedef struct {
    StringArgument path;
    StringListArgument arguments;
    StringListArgument environment;
} SC_execve_params;

typedef struct {
    StringArgument path;
    MutableBufferArgument buffer;
} SC_readlink_params;

typedef struct {
    StringArgument old_path;
    StringArgument new_path;
} SC_link_params;

typedef struct {
    StringArgument path;
    uint32_t uid;
    uint32_t gid;
} SC_chown_params;

typedef struct {
    StringArgument path;
    uint16_t mode;
    uint32_t dev;
} SC_mknod_params;

typedef struct {
    StringArgument target;
    StringArgument linkpath;
} SC_symlink_params;

typedef struct {
    StringArgument old_path;
    StringArgument new_path;
} SC_rename_params;

typedef struct {
    int source_fd;
    StringArgument target;
    StringArgument fs_type;
    int flags;
} SC_mount_params;

typedef struct {
    StringArgument promises;
    StringArgument execpromises;
} SC_pledge_params;

typedef struct {
    StringArgument path;
    StringArgument permissions;
} SC_unveil_params;

typedef struct {
    int idtype;
    int id;
    struct __siginfo* infop;
    int options;
} SC_waitid_params;

typedef struct {
    int dirfd;
    StringArgument path;
    struct stat* statbuf;
    int follow_symlinks;
} SC_stat_params;

typedef struct {
    int request;
    pid_t tid;
    uint8_t* addr;
    int data;
} SC_ptrace_params;

typedef struct {
    const uint32_t* address;
    uint32_t* out_data;
} SC_ptrace_peek_params;

typedef struct {
    StringArgument key;
    StringArgument value;
} SC_set_coredump_metadata_params;

typedef struct {
    int fd;
    StringArgument user_path;
    uint32_t event_mask;
} SC_inode_watcher_add_watch_params;

typedef struct {
    StringArgument path;
    struct statvfs* buf;
} SC_statvfs_params;

/* The i386 layouts (syscalls.md): sizes and the offsets the spec spells out. */
_Static_assert(sizeof(StringArgument) == 8, "StringArgument is {ptr, len}");
_Static_assert(sizeof(SC_mmap_params) == 40, "SC_mmap_params is 40 bytes");
_Static_assert(__builtin_offsetof(SC_mmap_params, fd) == 20, "SC_mmap_params.fd");
_Static_assert(__builtin_offsetof(SC_mmap_params, offset) == 24, "SC_mmap_params.offset");
_Static_assert(__builtin_offsetof(SC_mmap_params, name) == 32, "SC_mmap_params.name");
_Static_assert(sizeof(SC_mremap_params) == 16, "SC_mremap_params layout");
_Static_assert(sizeof(SC_open_params) == 20, "SC_open_params layout");
_Static_assert(sizeof(SC_select_params) == 24, "SC_select_params layout");
_Static_assert(sizeof(SC_poll_params) == 16, "SC_poll_params layout");
_Static_assert(sizeof(SC_clock_nanosleep_params) == 16, "SC_clock_nanosleep_params layout");
_Static_assert(sizeof(SC_futex_params) == 24, "SC_futex_params layout");
_Static_assert(sizeof(SC_setkeymap_params) == 28, "SC_setkeymap_params layout");
_Static_assert(sizeof(SC_getkeymap_params) == 28, "SC_getkeymap_params layout");
_Static_assert(sizeof(SC_create_thread_params) == 24, "SC_create_thread_params layout");
_Static_assert(sizeof(SC_set_mmap_name_params) == 16, "SC_set_mmap_name_params layout");
_Static_assert(sizeof(SC_execve_params) == 24, "SC_execve_params layout");
_Static_assert(sizeof(SC_chown_params) == 16, "SC_chown_params layout");
_Static_assert(sizeof(SC_mknod_params) == 16, "SC_mknod_params layout");
_Static_assert(sizeof(SC_mount_params) == 24, "SC_mount_params layout");
_Static_assert(sizeof(SC_waitid_params) == 16, "SC_waitid_params layout");
_Static_assert(sizeof(SC_stat_params) == 20, "SC_stat_params layout");
_Static_assert(sizeof(SC_ptrace_params) == 16, "SC_ptrace_params layout");
_Static_assert(sizeof(SC_inode_watcher_add_watch_params) == 16, "SC_inode_watcher_add_watch_params layout");

/*
 * __syscall_<name>(a1, a2, a3) for every syscall: the raw result of
 * int 0x82 with EAX = SC_<name> (libc/src/syscalls.c). Unused arguments
 * are ignored by the kernel; pass 0.
 */
#define __DECLARE_RAW_SYSCALL(name) long __syscall_##name(uintptr_t, uintptr_t, uintptr_t);
__ENUMERATE_SYSCALLS(__DECLARE_RAW_SYSCALL)
#undef __DECLARE_RAW_SYSCALL

/* "open" for SC_open, NULL for a number outside 0..SC__Count-1. */
const char* syscall_name(uintptr_t function);

/* True when a raw pointer-returning result (mmap, mremap, allocate_tls) is an error (abi.md). */
#define __IS_ERROR_POINTER(rc) ((intptr_t)(rc) < 0 && (intptr_t)(rc) > -EMAXERRNO)

#endif
