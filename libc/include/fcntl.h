/*
 * <fcntl.h>: open flags (bit flags, Kernel/UnixTypes.h), fcntl commands,
 * open [1], fcntl [57].
 */
#ifndef _FCNTL_H
#define _FCNTL_H

#include <sys/types.h>
#include <bits/fcntl.h>

#define O_NDELAY O_NONBLOCK

/*
 * The *at flags no syscall reads (libc's values, those of later SerenityOS
 * LibC; AT_SYMLINK_FOLLOW has none there, so it takes the next bit).
 */
#define AT_REMOVEDIR 0x200
#define AT_EACCESS 0x400
#define AT_SYMLINK_FOLLOW 0x800

/* mode is read (as an int) only when O_CREAT is set. */
int open(const char* path, int options, ...);
int openat(int dirfd, const char* path, int options, ...);
int creat(const char* path, mode_t mode);
/* arg is read for every command and passed as is. */
int fcntl(int fd, int cmd, ...);

#endif
