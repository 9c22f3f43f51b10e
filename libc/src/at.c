/*
 * The *at family over the path syscalls, which take no directory fd (only
 * open [1] and stat [29] do, so openat and fstatat pass theirs through). A
 * relative path against a real dirfd becomes "<the directory's path>/path",
 * the directory's path being what /proc/self/fd/<dirfd> links to; AT_FDCWD
 * or an absolute path is used as is. The directory is named once, so a
 * rename of it between the two steps is seen, unlike with a kernel dirfd.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>

/*
 * The path to hand the syscall for (dirfd, path): path itself, or the
 * joined path in buf. NULL with errno: EFAULT (no path), ENOENT (empty
 * path), EBADF (dirfd not open), ENOTDIR (dirfd not a directory),
 * ENAMETOOLONG, or readlink's error when /proc is not mounted.
 */
static const char* resolve_at(int dirfd, const char* path, char buf[PATH_MAX])
{
    if (!path) {
        errno = EFAULT;
        return NULL;
    }
    if (path[0] == '/' || dirfd == AT_FDCWD)
        return path;
    if (!path[0]) {
        errno = ENOENT;
        return NULL;
    }
    struct stat st;
    if (fstat(dirfd, &st) < 0)
        return NULL;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return NULL;
    }
    char link[32];
    snprintf(link, sizeof(link), "/proc/self/fd/%d", dirfd);
    ssize_t length = readlink(link, buf, PATH_MAX);
    if (length < 0)
        return NULL;
    size_t tail = strlen(path);
    if ((size_t)length + 1 + tail >= PATH_MAX) {
        errno = ENAMETOOLONG;
        return NULL;
    }
    buf[length] = '/';
    memcpy(buf + length + 1, path, tail + 1);
    return buf;
}

/* -1 with EINVAL when flags has a bit outside allowed, else 0. */
static int check_flags(int flags, int allowed)
{
    if (flags & ~allowed) {
        errno = EINVAL;
        return -1;
    }
    return 0;
}

/*
 * With AT_SYMLINK_NOFOLLOW, chmod and chown cannot act on a symlink itself
 * (no lchmod or lchown syscall): -1 with EOPNOTSUPP when path is one.
 */
static int refuse_symlink(const char* path, int flags)
{
    struct stat st;
    if (!(flags & AT_SYMLINK_NOFOLLOW) || lstat(path, &st) < 0 || !S_ISLNK(st.st_mode))
        return 0;
    errno = EOPNOTSUPP;
    return -1;
}

int mkdirat(int dirfd, const char* path, mode_t mode)
{
    char buf[PATH_MAX];
    const char* full = resolve_at(dirfd, path, buf);
    return full ? mkdir(full, mode) : -1;
}

/* flags: 0 or AT_REMOVEDIR (then rmdir). */
int unlinkat(int dirfd, const char* path, int flags)
{
    char buf[PATH_MAX];
    const char* full = resolve_at(dirfd, path, buf);
    if (!full || check_flags(flags, AT_REMOVEDIR) < 0)
        return -1;
    return (flags & AT_REMOVEDIR) ? rmdir(full) : unlink(full);
}

int renameat(int old_dirfd, const char* old_path, int new_dirfd, const char* new_path)
{
    char old_buf[PATH_MAX], new_buf[PATH_MAX];
    const char* old_full = resolve_at(old_dirfd, old_path, old_buf);
    const char* new_full = old_full ? resolve_at(new_dirfd, new_path, new_buf) : NULL;
    return new_full ? rename(old_full, new_full) : -1;
}

int fchmodat(int dirfd, const char* path, mode_t mode, int flags)
{
    char buf[PATH_MAX];
    const char* full = resolve_at(dirfd, path, buf);
    if (!full || check_flags(flags, AT_SYMLINK_NOFOLLOW) < 0 || refuse_symlink(full, flags) < 0)
        return -1;
    return chmod(full, mode);
}

int fchownat(int dirfd, const char* path, uid_t uid, gid_t gid, int flags)
{
    char buf[PATH_MAX];
    const char* full = resolve_at(dirfd, path, buf);
    if (!full || check_flags(flags, AT_SYMLINK_NOFOLLOW) < 0 || refuse_symlink(full, flags) < 0)
        return -1;
    return chown(full, uid, gid);
}

/* flags: 0 or AT_EACCESS; access [56] checks with the effective ids either way. */
int faccessat(int dirfd, const char* path, int mode, int flags)
{
    char buf[PATH_MAX];
    const char* full = resolve_at(dirfd, path, buf);
    if (!full || check_flags(flags, AT_EACCESS) < 0)
        return -1;
    return access(full, mode);
}

ssize_t readlinkat(int dirfd, const char* path, char* out, size_t size)
{
    char buf[PATH_MAX];
    const char* full = resolve_at(dirfd, path, buf);
    return full ? readlink(full, out, size) : -1;
}

/* target is stored as given: only linkpath is relative to dirfd. */
int symlinkat(const char* target, int dirfd, const char* linkpath)
{
    char buf[PATH_MAX];
    const char* full = resolve_at(dirfd, linkpath, buf);
    return full ? symlink(target, full) : -1;
}

/* flags: 0 or AT_SYMLINK_FOLLOW (then the link is made to what old_path resolves to). */
int linkat(int old_dirfd, const char* old_path, int new_dirfd, const char* new_path, int flags)
{
    char old_buf[PATH_MAX], new_buf[PATH_MAX], resolved[PATH_MAX];
    const char* old_full = resolve_at(old_dirfd, old_path, old_buf);
    const char* new_full = old_full ? resolve_at(new_dirfd, new_path, new_buf) : NULL;
    if (!new_full || check_flags(flags, AT_SYMLINK_FOLLOW) < 0)
        return -1;
    if ((flags & AT_SYMLINK_FOLLOW) && !(old_full = realpath(old_full, resolved)))
        return -1;
    return link(old_full, new_full);
}

/* The seconds of *t, UTIME_NOW's current time, or (UTIME_OMIT) the kept value. */
static time_t pick_time(const struct timespec* t, time_t now, time_t kept)
{
    if (t->tv_nsec == UTIME_NOW)
        return now;
    return t->tv_nsec == UTIME_OMIT ? kept : t->tv_sec;
}

/*
 * utime [61] keeps whole seconds: tv_nsec is checked (EINVAL outside
 * 0..999999999 unless UTIME_NOW or UTIME_OMIT) and dropped. flags: 0 or
 * AT_SYMLINK_NOFOLLOW, which only a non-symlink satisfies (EOPNOTSUPP).
 */
int utimensat(int dirfd, const char* path, const struct timespec times[2], int flags)
{
    char buf[PATH_MAX];
    const char* full = resolve_at(dirfd, path, buf);
    if (!full || check_flags(flags, AT_SYMLINK_NOFOLLOW) < 0 || refuse_symlink(full, flags) < 0)
        return -1;
    if (!times)
        return utime(full, NULL);
    for (int i = 0; i < 2; i++) {
        long ns = times[i].tv_nsec;
        if ((ns < 0 || ns > 999999999) && ns != UTIME_NOW && ns != UTIME_OMIT) {
            errno = EINVAL;
            return -1;
        }
    }
    struct stat st;
    if (stat(full, &st) < 0)
        return -1;
    time_t now = time(NULL);
    struct utimbuf both = { pick_time(&times[0], now, st.st_atime), pick_time(&times[1], now, st.st_mtime) };
    return utime(full, &both);
}
