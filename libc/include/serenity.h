/*
 * <serenity.h>: SerenityOS-specific calls (numbers in brackets are syscall numbers, docs/syscalls.md).
 * The thread calls (create_thread, exit_thread, join_thread, detach_thread,
 * set/get_thread_name, kill_thread) are used through <pthread.h>;
 * allocate_tls, sigreturn and emuctl have no typed wrapper: use
 * __syscall_<name> or syscall() (<syscall.h>, <unistd.h>).
 */
#ifndef _SERENITY_H
#define _SERENITY_H

#include <stdint.h>
#include <sys/inode_watcher.h>
#include <sys/types.h>
#include <time.h>

/* [139] Makes a child no longer ours to wait for: its ppid becomes 0. */
int disown(pid_t pid);

/* [117, 118] */
int module_load(const char* path, size_t path_length);
int module_unload(const char* name, size_t name_length);

/* [124-126] pid -1 is system-wide (root). Only the low 32 bits of event_mask reach the kernel (3 registers). */
int profiling_enable(pid_t pid, uint64_t event_mask);
int profiling_disable(pid_t pid);
int profiling_free_buffer(pid_t pid);

/* [131] */
int perf_event(int type, uintptr_t arg1, uintptr_t arg2);

/* [123] Returns the number of pages purged. */
#define PURGE_ALL_VOLATILE 0x1
#define PURGE_ALL_CLEAN_INODE 0x2
int purge(int mode);

/* [127] futex (SC_futex_params); the operations and flags are in <bits/futex.h>. */
#include <bits/futex.h>
int futex(uint32_t* userspace_address, int futex_op, uint32_t value, const struct timespec* timeout,
    uint32_t* userspace_address2, uint32_t value3);

/* [133] The region holding the caller's stack. */
int get_stack_bounds(uintptr_t* stack_base, size_t* stack_size);

/* [145] An anonymous-memory fd of size bytes (a page multiple); options: O_CLOEXEC. */
int anon_create(size_t size, int options);

/* [89] 440 Hz for 200 ms. */
int sysbeep(void);

/* [144] key=value for the core dump. */
int set_coredump_metadata(const char* key, const char* value);

/* [103-105] flags: INODE_WATCHER_NONBLOCK, INODE_WATCHER_CLOEXEC; event_mask: INODE_WATCHER_EVENT_* bits
 * (<sys/inode_watcher.h>, which also has the event layout read() returns). */
int create_inode_watcher(unsigned flags);
int inode_watcher_add_watch(int fd, const char* path, size_t path_length, unsigned event_mask);
int inode_watcher_remove_watch(int fd, int wd);

/* [111, 112] Five maps of 0x80 u32 entries each; map_name is copied without a NUL. */
#define KEYMAP_ENTRIES 0x80
int getkeymap(char* name_buffer, size_t name_buffer_size, uint32_t* map, uint32_t* shift_map, uint32_t* alt_map,
    uint32_t* altgr_map, uint32_t* shift_altgr_map);
int setkeymap(const char* name, const uint32_t* map, const uint32_t* shift_map, const uint32_t* alt_map,
    const uint32_t* altgr_map, const uint32_t* shift_altgr_map);

#endif
