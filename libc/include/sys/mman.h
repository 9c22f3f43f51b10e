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

#endif
