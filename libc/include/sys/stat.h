/*
 * <sys/stat.h>: mode bits, struct stat, stat [29], fstat [55], mkdir [59],
 * chmod [68], fchmod [76], mknod [87], umask [39].
 *
 * struct stat is the reference's field order (Kernel/UnixTypes.h). Its
 * July-2021 i686 layout is our best reconstruction: ino_t u32, off_t i64
 * (4-byte aligned), and the three times as struct timespec (the form
 * SerenityOS had by late 2021; if the kernel of the window still used
 * time_t st_atime..., the struct would be 68 bytes instead of 80). The
 * struct and the mode bits are declared once in kernel/api/ (<bits/stat.h>).
 */
#ifndef _SYS_STAT_H
#define _SYS_STAT_H

#include <sys/types.h>
#include <time.h>
#include <bits/stat.h>

#define S_IREAD S_IRUSR
#define S_IWRITE S_IWUSR
#define S_IEXEC S_IXUSR

#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m) (((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m) (((m) & S_IFMT) == S_IFBLK)
#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)
#define S_ISFIFO(m) (((m) & S_IFMT) == S_IFIFO)
#define S_ISLNK(m) (((m) & S_IFMT) == S_IFLNK)
#define S_ISSOCK(m) (((m) & S_IFMT) == S_IFSOCK)

#define st_atime st_atim.tv_sec
#define st_mtime st_mtim.tv_sec
#define st_ctime st_ctim.tv_sec

int stat(const char* path, struct stat* st);
int lstat(const char* path, struct stat* st);
int fstat(int fd, struct stat* st);
/* flags: 0 or AT_SYMLINK_NOFOLLOW (<fcntl.h>). */
int fstatat(int dirfd, const char* path, struct stat* st, int flags);
int mkdir(const char* path, mode_t mode);
int chmod(const char* path, mode_t mode);
int fchmod(int fd, mode_t mode);
int mknod(const char* path, mode_t mode, dev_t dev);
int mkfifo(const char* path, mode_t mode);
mode_t umask(mode_t mask);

/* The *at forms (libc/src/at.c): a relative path is taken against dirfd (or the cwd for AT_FDCWD). */
int mkdirat(int dirfd, const char* path, mode_t mode);
/* flags: 0 or AT_SYMLINK_NOFOLLOW (EOPNOTSUPP on a symlink: no lchmod). */
int fchmodat(int dirfd, const char* path, mode_t mode, int flags);
/*
 * times NULL: both now. A tv_nsec of UTIME_NOW is now, UTIME_OMIT keeps
 * that time. Whole seconds are stored (utime [61]). flags as fchmodat.
 */
#define UTIME_NOW (-1L)
#define UTIME_OMIT (-2L)
int utimensat(int dirfd, const char* path, const struct timespec times[2], int flags);

#endif
