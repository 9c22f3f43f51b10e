/*
 * <dirent.h>: opendir/readdir over get_dir_entries [18], the reference's
 * way: one get_dir_entries call of max(st_size, 4096) bytes fills the
 * buffer, whose records are packed {ino_t ino; u8 file_type; size_t
 * namelen; char name[namelen]} (no NUL). The kernel fails with EINVAL when
 * the directory does not fit; the buffer is then doubled and the call
 * tries again (in the first readdir).
 */
#ifndef _DIRENT_H
#define _DIRENT_H

#include <sys/types.h>
#include <bits/dirent.h>

struct dirent {
    ino_t d_ino;
    off_t d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[256];
};

typedef struct __DIR DIR;

DIR* opendir(const char* name);
DIR* fdopendir(int fd);
int closedir(DIR* dirp);
/* NULL at the end (errno unchanged) or on error (errno set). */
struct dirent* readdir(DIR* dirp);
void rewinddir(DIR* dirp);
int dirfd(DIR* dirp);
/*
 * The entries of path for which select (if not NULL) returns non-zero,
 * sorted by compare (if not NULL), as a malloc'ed array of malloc'ed
 * entries in *result (free each, then the array). Returns the count, or -1.
 */
int scandir(const char* path, struct dirent*** result, int (*select)(const struct dirent*),
    int (*compare)(const struct dirent**, const struct dirent**));
/* strcmp of the names (the C locale's collation). */
int alphasort(const struct dirent** a, const struct dirent** b);
/* The raw call: fills buf with packed records; returns the bytes written. */
ssize_t get_dir_entries(int fd, void* buf, size_t size);

#endif
