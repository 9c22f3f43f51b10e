/* Directory streams over get_dir_entries [18] (see <dirent.h>). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct __DIR {
    int fd;
    char* buffer;       /* the records of one get_dir_entries call */
    size_t buffer_size; /* bytes in buffer */
    size_t next;        /* offset of the next record */
    struct dirent entry;
};

/* The kernel's record: struct __dir_entry_record (<bits/dirent.h>), then name_length name bytes. */
#define RECORD_HEADER sizeof(struct __dir_entry_record)

DIR* fdopendir(int fd)
{
    if (fd < 0) {
        errno = EBADF;
        return NULL;
    }
    DIR* dirp = calloc(1, sizeof(DIR));
    if (!dirp)
        return NULL;
    dirp->fd = fd;
    return dirp;
}

DIR* opendir(const char* name)
{
    int fd = open(name, O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        return NULL;
    DIR* dirp = fdopendir(fd);
    if (!dirp) {
        int saved = errno;
        close(fd);
        errno = saved;
    }
    return dirp;
}

int closedir(DIR* dirp)
{
    if (!dirp) {
        errno = EBADF;
        return -1;
    }
    int rc = close(dirp->fd);
    free(dirp->buffer);
    free(dirp);
    return rc;
}

int dirfd(DIR* dirp)
{
    return dirp->fd;
}

void rewinddir(DIR* dirp)
{
    free(dirp->buffer);
    dirp->buffer = NULL;
    dirp->buffer_size = 0;
    dirp->next = 0;
    lseek(dirp->fd, 0, SEEK_SET);
}

/*
 * Like the reference: one call with a buffer of max(st_size, 4096) bytes.
 * The kernel serializes the whole directory in that call and fails with
 * EINVAL when the records do not fit, so a bigger buffer is tried then
 * (up to the SSIZE_MAX the syscall accepts).
 */
static int fill(DIR* dirp)
{
    struct stat st;
    if (fstat(dirp->fd, &st) < 0)
        return -1;
    size_t size = st.st_size > 4096 && st.st_size <= SSIZE_MAX ? (size_t)st.st_size : 4096;
    int caller_errno = errno; /* a retry that succeeds leaves no trace */
    for (;;) {
        char* buffer = malloc(size);
        if (!buffer)
            return -1;
        ssize_t n = get_dir_entries(dirp->fd, buffer, size);
        if (n >= 0) {
            errno = caller_errno;
            dirp->buffer = buffer;
            dirp->buffer_size = n;
            dirp->next = 0;
            return 0;
        }
        int saved = errno;
        free(buffer);
        errno = saved;
        if (saved != EINVAL || size > SSIZE_MAX / 2)
            return -1;
        size *= 2;
    }
}

struct dirent* readdir(DIR* dirp)
{
    if (!dirp) {
        errno = EBADF;
        return NULL;
    }
    if (!dirp->buffer && fill(dirp) < 0)
        return NULL;
    if (dirp->next + RECORD_HEADER > dirp->buffer_size)
        return NULL;
    const char* record = dirp->buffer + dirp->next;
    struct __dir_entry_record header;
    memcpy(&header, record, sizeof(header));
    size_t name_length = header.name_length;
    if (dirp->next + RECORD_HEADER + name_length > dirp->buffer_size)
        return NULL; /* a truncated record ends the stream */
    size_t kept = name_length < sizeof(dirp->entry.d_name) - 1 ? name_length : sizeof(dirp->entry.d_name) - 1;
    dirp->entry.d_ino = header.ino;
    dirp->entry.d_type = header.type;
    dirp->entry.d_off = 0;
    dirp->entry.d_reclen = sizeof(struct dirent);
    memcpy(dirp->entry.d_name, record + RECORD_HEADER, kept);
    dirp->entry.d_name[kept] = '\0';
    dirp->next += RECORD_HEADER + name_length;
    return &dirp->entry;
}
