/*
 * Paths and file metadata: stat [29], fstat [55], access [56], mkdir [59],
 * utime [61] (and utimes), unlink [65], rmdir [67], chmod [68], link [74], chown [75],
 * fchmod [76], symlink [77], rename [84], mknod [87], fchown [95],
 * umount [99], realpath [107], fchdir [109], chroot [128], statvfs [149],
 * fstatvfs [150], chdir [23], getcwd [19], readlink [26], sync [62],
 * mount [98]. Paths go to the kernel as (pointer, strlen); a NULL path is
 * EFAULT without a syscall, as in the reference LibC.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/time.h>
#include <syscall.h>
#include <unistd.h>
#include <utime.h>

#define REQUIRE_PATH(path)   \
    do {                     \
        if (!(path)) {       \
            errno = EFAULT;  \
            return -1;       \
        }                    \
    } while (0)

static StringArgument string_argument(const char* s)
{
    StringArgument argument = { s, s ? strlen(s) : 0 };
    return argument;
}

int fstatat(int dirfd, const char* path, struct stat* st, int flags)
{
    REQUIRE_PATH(path);
    SC_stat_params params = { dirfd, string_argument(path), st, !(flags & AT_SYMLINK_NOFOLLOW) };
    int rc = syscall1(SC_stat, (uintptr_t)&params);
    __RETURN_WITH_ERRNO(rc, 0, -1);
}

int stat(const char* path, struct stat* st)
{
    return fstatat(AT_FDCWD, path, st, 0);
}

int lstat(const char* path, struct stat* st)
{
    return fstatat(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW);
}

int fstat(int fd, struct stat* st)
{
    int rc = syscall2(SC_fstat, (uintptr_t)fd, (uintptr_t)st);
    __RETURN_WITH_ERRNO(rc, 0, -1);
}

int access(const char* path, int mode)
{
    REQUIRE_PATH(path);
    int rc = syscall3(SC_access, (uintptr_t)path, strlen(path), (uintptr_t)mode);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int mkdir(const char* path, mode_t mode)
{
    REQUIRE_PATH(path);
    int rc = syscall3(SC_mkdir, (uintptr_t)path, strlen(path), mode);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int rmdir(const char* path)
{
    REQUIRE_PATH(path);
    int rc = syscall2(SC_rmdir, (uintptr_t)path, strlen(path));
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int unlink(const char* path)
{
    REQUIRE_PATH(path);
    int rc = syscall2(SC_unlink, (uintptr_t)path, strlen(path));
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int remove(const char* path)
{
    int rc = unlink(path);
    if (rc < 0 && errno == EISDIR)
        return rmdir(path);
    return rc;
}

int chmod(const char* path, mode_t mode)
{
    REQUIRE_PATH(path);
    int rc = syscall3(SC_chmod, (uintptr_t)path, strlen(path), mode);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int fchmod(int fd, mode_t mode)
{
    int rc = syscall2(SC_fchmod, (uintptr_t)fd, mode);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int chown(const char* path, uid_t uid, gid_t gid)
{
    REQUIRE_PATH(path);
    SC_chown_params params = { string_argument(path), uid, gid };
    int rc = syscall1(SC_chown, (uintptr_t)&params);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int fchown(int fd, uid_t uid, gid_t gid)
{
    int rc = syscall3(SC_fchown, (uintptr_t)fd, uid, gid);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int link(const char* old_path, const char* new_path)
{
    REQUIRE_PATH(old_path);
    REQUIRE_PATH(new_path);
    SC_link_params params = { string_argument(old_path), string_argument(new_path) };
    int rc = syscall1(SC_link, (uintptr_t)&params);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int symlink(const char* target, const char* linkpath)
{
    REQUIRE_PATH(target);
    REQUIRE_PATH(linkpath);
    SC_symlink_params params = { string_argument(target), string_argument(linkpath) };
    int rc = syscall1(SC_symlink, (uintptr_t)&params);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int rename(const char* old_path, const char* new_path)
{
    REQUIRE_PATH(old_path);
    REQUIRE_PATH(new_path);
    SC_rename_params params = { string_argument(old_path), string_argument(new_path) };
    int rc = syscall1(SC_rename, (uintptr_t)&params);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int mknod(const char* path, mode_t mode, dev_t dev)
{
    REQUIRE_PATH(path);
    SC_mknod_params params = { string_argument(path), mode, dev };
    int rc = syscall1(SC_mknod, (uintptr_t)&params);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int mkfifo(const char* path, mode_t mode)
{
    return mknod(path, mode | S_IFIFO, 0);
}

ssize_t readlink(const char* path, char* buf, size_t size)
{
    REQUIRE_PATH(path);
    SC_readlink_params params = { string_argument(path), { buf, size } };
    int rc = syscall1(SC_readlink, (uintptr_t)&params);
    if (rc < 0) {
        errno = -rc;
        return -1;
    }
    /* The kernel returns the whole target's length; only size bytes were copied. */
    return (size_t)rc < size ? rc : (ssize_t)size;
}

int utime(const char* path, const struct utimbuf* buf)
{
    REQUIRE_PATH(path);
    int rc = syscall3(SC_utime, (uintptr_t)path, strlen(path), (uintptr_t)buf);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

/* utime [61] keeps whole seconds: tv_usec is checked (EINVAL outside 0..999999) and dropped. */
int utimes(const char* path, const struct timeval times[2])
{
    if (!times)
        return utime(path, NULL);
    if (times[0].tv_usec < 0 || times[0].tv_usec > 999999 || times[1].tv_usec < 0 || times[1].tv_usec > 999999) {
        errno = EINVAL;
        return -1;
    }
    struct utimbuf both = { times[0].tv_sec, times[1].tv_sec };
    return utime(path, &both);
}

int chdir(const char* path)
{
    REQUIRE_PATH(path);
    int rc = syscall2(SC_chdir, (uintptr_t)path, strlen(path));
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int fchdir(int fd)
{
    int rc = syscall1(SC_fchdir, (uintptr_t)fd);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

/* The kernel copies min(length + 1, size) bytes and returns length + 1. */
char* getcwd(char* buf, size_t size)
{
    if (buf && size == 0) {
        errno = EINVAL;
        return NULL;
    }
    char* allocated = NULL;
    if (!buf) {
        int needed = syscall2(SC_getcwd, 0, 0);
        if (needed < 0) {
            errno = -needed;
            return NULL;
        }
        if (size < (size_t)needed)
            size = needed;
        buf = allocated = malloc(size);
        if (!buf)
            return NULL;
    }
    int rc = syscall2(SC_getcwd, (uintptr_t)buf, size);
    if (rc < 0 || (size_t)rc > size) {
        errno = rc < 0 ? -rc : ERANGE;
        free(allocated);
        return NULL;
    }
    return buf;
}

char* realpath(const char* path, char* resolved)
{
    if (!path) {
        errno = EFAULT;
        return NULL;
    }
    char* allocated = NULL;
    if (!resolved) {
        resolved = allocated = malloc(PATH_MAX);
        if (!resolved)
            return NULL;
    }
    SC_realpath_params params = { string_argument(path), { resolved, PATH_MAX } };
    int rc = syscall1(SC_realpath, (uintptr_t)&params);
    if (rc < 0 || rc > PATH_MAX) {
        errno = rc < 0 ? -rc : ENAMETOOLONG;
        free(allocated);
        return NULL;
    }
    return resolved;
}

void sync(void)
{
    syscall0(SC_sync);
}

int chroot_with_mount_flags(const char* path, int mount_flags)
{
    REQUIRE_PATH(path);
    int rc = syscall3(SC_chroot, (uintptr_t)path, strlen(path), (uintptr_t)mount_flags);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

/* mount_flags -1: inherit the directory's mount flags. */
int chroot(const char* path)
{
    return chroot_with_mount_flags(path, -1);
}

int mount(int source_fd, const char* target, const char* fs_type, int flags)
{
    REQUIRE_PATH(target);
    REQUIRE_PATH(fs_type);
    SC_mount_params params = { source_fd, string_argument(target), string_argument(fs_type), flags };
    int rc = syscall1(SC_mount, (uintptr_t)&params);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int umount(const char* mountpoint)
{
    REQUIRE_PATH(mountpoint);
    int rc = syscall2(SC_umount, (uintptr_t)mountpoint, strlen(mountpoint));
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int statvfs(const char* path, struct statvfs* buf)
{
    REQUIRE_PATH(path);
    SC_statvfs_params params = { string_argument(path), buf };
    int rc = syscall1(SC_statvfs, (uintptr_t)&params);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}

int fstatvfs(int fd, struct statvfs* buf)
{
    int rc = syscall2(SC_fstatvfs, (uintptr_t)fd, (uintptr_t)buf);
    __RETURN_WITH_ERRNO(rc, rc, -1);
}
