/*
 * Memory: mmap [16], munmap [17], set_mmap_name [25], mprotect [106],
 * madvise [122], purge [123], get_stack_bounds [133], mremap [143],
 * anon_create [145], msyscall [146].
 */
#include <errno.h>
#include <limits.h>
#include <serenity.h>
#include <string.h>
#include <sys/mman.h>
#include <syscall.h>

void* serenity_mmap(void* addr, size_t size, int prot, int flags, int fd, off_t offset, size_t alignment,
    const char* name)
{
    SC_mmap_params params;
    params.addr = (uintptr_t)addr;
    params.size = size;
    params.alignment = alignment;
    params.prot = prot;
    params.flags = flags;
    params.fd = fd;
    params.offset = offset;
    params.name.characters = name;
    params.name.length = name ? strlen(name) : 0;
    uintptr_t rc = syscall1(SC_mmap, (uintptr_t)&params);
    if (__IS_ERROR_POINTER(rc)) {
        errno = -(int)rc;
        return MAP_FAILED;
    }
    return (void*)rc;
}

void* mmap(void* addr, size_t size, int prot, int flags, int fd, off_t offset)
{
    return serenity_mmap(addr, size, prot, flags, fd, offset, PAGE_SIZE, NULL);
}

void* mmap_with_name(void* addr, size_t size, int prot, int flags, int fd, off_t offset, const char* name)
{
    return serenity_mmap(addr, size, prot, flags, fd, offset, PAGE_SIZE, name);
}

int munmap(void* addr, size_t size)
{
    int rc = syscall2(SC_munmap, (uintptr_t)addr, size);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int mprotect(void* addr, size_t size, int prot)
{
    int rc = syscall3(SC_mprotect, (uintptr_t)addr, size, (uintptr_t)prot);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

/* SET_NONVOLATILE returns 1 if pages were purged; GET_VOLATILE returns 0 if volatile, else 1. */
int madvise(void* addr, size_t size, int advice)
{
    int rc = syscall3(SC_madvise, (uintptr_t)addr, size, (uintptr_t)advice);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int set_mmap_name(void* addr, size_t size, const char* name)
{
    if (!name) {
        errno = EFAULT;
        return -1;
    }
    SC_set_mmap_name_params params = { addr, size, { name, strlen(name) } };
    int rc = syscall1(SC_set_mmap_name, (uintptr_t)&params);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

void* mremap(void* old_address, size_t old_size, size_t new_size, int flags)
{
    SC_mremap_params params = { (uintptr_t)old_address, old_size, new_size, flags };
    uintptr_t rc = syscall1(SC_mremap, (uintptr_t)&params);
    if (__IS_ERROR_POINTER(rc)) {
        errno = -(int)rc;
        return MAP_FAILED;
    }
    return (void*)rc;
}

int msyscall(void* address)
{
    int rc = syscall1(SC_msyscall, (uintptr_t)address);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int get_stack_bounds(uintptr_t* stack_base, size_t* stack_size)
{
    int rc = syscall2(SC_get_stack_bounds, (uintptr_t)stack_base, (uintptr_t)stack_size);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int anon_create(size_t size, int options)
{
    int rc = syscall2(SC_anon_create, size, (uintptr_t)options);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int purge(int mode)
{
    int rc = syscall1(SC_purge, (uintptr_t)mode);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}
