/*
 * <sys/statvfs.h>: statvfs [149], fstatvfs [150]. The struct is the
 * reference's of 2021 (Kernel/UnixTypes.h): 68 bytes on i686.
 */
#ifndef _SYS_STATVFS_H
#define _SYS_STATVFS_H

#include <sys/types.h>
#include <bits/statvfs.h>

int statvfs(const char* path, struct statvfs* buf);
int fstatvfs(int fd, struct statvfs* buf);

#endif
