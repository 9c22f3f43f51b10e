/*
 * <fcntl.h>: open flags (bit flags, Kernel/UnixTypes.h), fcntl commands,
 * open [1], fcntl [57].
 */
#ifndef _FCNTL_H
#define _FCNTL_H

#include <sys/types.h>

#define O_RDONLY (1 << 0)
#define O_WRONLY (1 << 1)
#define O_RDWR (O_RDONLY | O_WRONLY)
#define O_ACCMODE (O_RDONLY | O_WRONLY)
#define O_EXEC (1 << 2)
#define O_CREAT (1 << 3)
#define O_EXCL (1 << 4)
#define O_NOCTTY (1 << 5)
#define O_TRUNC (1 << 6)
#define O_APPEND (1 << 7)
#define O_NONBLOCK (1 << 8)
#define O_NDELAY O_NONBLOCK
#define O_DIRECTORY (1 << 9)
#define O_NOFOLLOW (1 << 10)
#define O_CLOEXEC (1 << 11)
#define O_DIRECT (1 << 12)

#define AT_FDCWD -100
/* fstatat: lstat behaviour. Unverified for July 2021 (present in late 2021); libc-only, never sent to the kernel. */
#define AT_SYMLINK_NOFOLLOW 0x100

/* fcntl commands (F_ISTTY is SerenityOS's; advisory locks came later in 2021). */
#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_ISTTY 5

#define FD_CLOEXEC 1

/* mode is read (as an int) only when O_CREAT is set. */
int open(const char* path, int options, ...);
int openat(int dirfd, const char* path, int options, ...);
int creat(const char* path, mode_t mode);
/* arg is read for every command and passed as is. */
int fcntl(int fd, int cmd, ...);

#endif
