/*
 * <sys/mman.h>: mmap [16], munmap [17], set_mmap_name [25], mprotect [106],
 * madvise [122], mremap [143], msyscall [146].
 *
 * mmap passes SC_mmap_params {addr, size, alignment, prot, flags, fd,
 * offset, name}; a result is an error only when it is in -1..-(EMAXERRNO-1)
 * (high addresses look negative), and then mmap returns MAP_FAILED.
 */
#ifndef _SYS_MMAN_H
#define _SYS_MMAN_H

#include <stddef.h>
#include <sys/types.h>
#include <bits/mman.h>

#define MAP_ANON MAP_ANONYMOUS

#define MAP_FAILED ((void*)-1)

/* alignment = PAGE_SIZE, no name. */
void* mmap(void* addr, size_t size, int prot, int flags, int fd, off_t offset);
void* mmap_with_name(void* addr, size_t size, int prot, int flags, int fd, off_t offset, const char* name);
/* The general form: alignment (a multiple of PAGE_SIZE) and a name (NULL for none). */
void* serenity_mmap(void* addr, size_t size, int prot, int flags, int fd, off_t offset, size_t alignment, const char* name);
int munmap(void* addr, size_t size);
int mprotect(void* addr, size_t size, int prot);
int madvise(void* addr, size_t size, int advice);
int set_mmap_name(void* addr, size_t size, const char* name);
/* Only a shared inode mapping turned MAP_PRIVATE is supported by the reference (else ENOTIMPL). */
void* mremap(void* old_address, size_t old_size, size_t new_size, int flags);
/* Marks the region at address as a syscall region; NULL turns enforcement on. */
int msyscall(void* address);

/*
 * libc only, no syscall behind them: memory is never paged out and files
 * live in memory, so these check their arguments and succeed. addr must be
 * page-aligned (msync: EINVAL); an address range not wholly mapped is
 * ENOMEM (read from /proc/self/vm). The flag values are libc's, not the
 * kernel's (later SerenityOS LibC and Linux agree on MCL_*).
 */
#define MS_SYNC 1
#define MS_ASYNC 2
#define MS_INVALIDATE 4
#define MCL_CURRENT 1
#define MCL_FUTURE 2
/* flags: exactly one of MS_SYNC and MS_ASYNC, optionally MS_INVALIDATE (else EINVAL). */
int msync(void* addr, size_t size, int flags);
int mlock(const void* addr, size_t size);
int munlock(const void* addr, size_t size);
/* flags: MCL_CURRENT and/or MCL_FUTURE, at least one (else EINVAL). */
int mlockall(int flags);
int munlockall(void);

#endif
