/*
 * The POSIX file calls the syscall table has no entry for, built on the
 * ones it has: pread and pwrite (lseek around read/write, the offset
 * restored), truncate (open + ftruncate), fsync and fdatasync (sync [62]
 * after checking the fd), dup3 (dup2 + FD_CLOEXEC).
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * Moves fd to offset and returns the offset it had, or -1 (errno: EBADF,
 * ESPIPE on a pipe or FIFO, EINVAL for a negative offset).
 */
static off_t seek_for_transfer(int fd, off_t offset)
{
    off_t saved = lseek(fd, 0, SEEK_CUR);
    if (saved < 0)
        return -1;
    if (offset < 0) {
        errno = EINVAL;
        return -1;
    }
    if (lseek(fd, offset, SEEK_SET) < 0)
        return -1;
    return saved;
}

/* Puts fd back at saved; the transfer's result and errno are what the caller sees. */
static ssize_t restore_after_transfer(int fd, off_t saved, ssize_t result)
{
    int error = errno;
    lseek(fd, saved, SEEK_SET);
    errno = error;
    return result;
}

/* Not atomic against another user of the same open file description (no threads share one here). */
ssize_t pread(int fd, void* buf, size_t count, off_t offset)
{
    off_t saved = seek_for_transfer(fd, offset);
    if (saved < 0)
        return -1;
    return restore_after_transfer(fd, saved, read(fd, buf, count));
}

/* On an O_APPEND description the data goes to the end, as the write it is. */
ssize_t pwrite(int fd, const void* buf, size_t count, off_t offset)
{
    off_t saved = seek_for_transfer(fd, offset);
    if (saved < 0)
        return -1;
    return restore_after_transfer(fd, saved, write(fd, buf, count));
}

int truncate(const char* path, off_t length)
{
    if (length < 0) {
        errno = EINVAL;
        return -1;
    }
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = ftruncate(fd, length);
    int error = errno;
    close(fd);
    errno = error;
    return rc;
}

/* Files live in memory: a valid fd of a file that can be synced is synced by sync(). */
int fsync(int fd)
{
    struct stat st;
    if (fstat(fd, &st) < 0)
        return -1;
    if (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)) {
        errno = EINVAL;
        return -1;
    }
    sync();
    return 0;
}

int fdatasync(int fd)
{
    return fsync(fd);
}

/* EINVAL for old_fd == new_fd or a flag other than O_CLOEXEC. */
int dup3(int old_fd, int new_fd, int flags)
{
    if (old_fd == new_fd || (flags & ~O_CLOEXEC)) {
        errno = EINVAL;
        return -1;
    }
    if (dup2(old_fd, new_fd) < 0)
        return -1;
    if ((flags & O_CLOEXEC) && fcntl(new_fd, F_SETFD, FD_CLOEXEC) < 0)
        return -1;
    return new_fd;
}
