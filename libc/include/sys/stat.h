/*
 * <sys/stat.h>: mode bits, struct stat, stat [29], fstat [55], mkdir [59],
 * chmod [68], fchmod [76], mknod [87], umask [39].
 *
 * struct stat is the reference's field order (Kernel/UnixTypes.h). Its
 * July-2021 i686 layout is our best reconstruction: ino_t u32, off_t i64
 * (4-byte aligned), and the three times as struct timespec (the form
 * SerenityOS had by late 2021; if the kernel of the window still used
 * time_t st_atime..., the struct would be 68 bytes instead of 80).
 */
#ifndef _SYS_STAT_H
#define _SYS_STAT_H

#include <sys/types.h>
#include <time.h>

#define S_IFMT 0170000
#define S_IFDIR 0040000
#define S_IFCHR 0020000
#define S_IFBLK 0060000
#define S_IFREG 0100000
#define S_IFIFO 0010000
#define S_IFLNK 0120000
#define S_IFSOCK 0140000
#define S_ISUID 04000
#define S_ISGID 02000
#define S_ISVTX 01000
#define S_IRWXU 0700
#define S_IRUSR 0400
#define S_IWUSR 0200
#define S_IXUSR 0100
#define S_IRWXG 0070
#define S_IRGRP 0040
#define S_IWGRP 0020
#define S_IXGRP 0010
#define S_IRWXO 0007
#define S_IROTH 0004
#define S_IWOTH 0002
#define S_IXOTH 0001
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

struct stat {
    dev_t st_dev;            /* 0: device of the file system */
    ino_t st_ino;            /* 4: inode number */
    mode_t st_mode;          /* 8: type and permissions (u16, then 2 bytes of padding) */
    nlink_t st_nlink;        /* 12 */
    uid_t st_uid;            /* 16 */
    gid_t st_gid;            /* 20 */
    dev_t st_rdev;           /* 24: device id of a device file */
    off_t st_size;           /* 28 */
    blksize_t st_blksize;    /* 36 */
    blkcnt_t st_blocks;      /* 40: 512-byte blocks */
    struct timespec st_atim; /* 44 */
    struct timespec st_mtim; /* 56 */
    struct timespec st_ctim; /* 68 */
};

_Static_assert(sizeof(struct stat) == 80, "struct stat: 80 bytes on i686");
_Static_assert(__builtin_offsetof(struct stat, st_size) == 28, "struct stat: st_size at 28");

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

#endif
