/*
 * <fcntl.h>: open flags (bit flags, Kernel/UnixTypes.h), fcntl commands,
 * open [1], fcntl [57].
 */
#ifndef _FCNTL_H
#define _FCNTL_H

#include <sys/types.h>
#include <bits/fcntl.h>

#define O_NDELAY O_NONBLOCK

/* mode is read (as an int) only when O_CREAT is set. */
int open(const char* path, int options, ...);
int openat(int dirfd, const char* path, int options, ...);
int creat(const char* path, mode_t mode);
/* arg is read for every command and passed as is. */
int fcntl(int fd, int cmd, ...);

#endif
