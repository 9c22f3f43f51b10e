/*
 * <ftw.h>: nftw (POSIX XSI), a walk of the tree under path that calls fn
 * for path and every file below it, with its stat, a type, and where the
 * last component starts (base) and how deep it is (level, path is 0).
 *
 * Types: FTW_F a file that is not a directory, FTW_D a directory (before
 * its entries), FTW_DP a directory after its entries (FTW_DEPTH), FTW_DNR
 * a directory that could not be read (its entries are not visited), FTW_NS
 * stat failed (the stat is undefined; errno says why), FTW_SL a symbolic
 * link (FTW_PHYS), FTW_SLN a link whose target does not exist (without
 * FTW_PHYS).
 *
 * Flags: FTW_PHYS do not follow symbolic links, FTW_DEPTH a directory
 * after its entries, FTW_MOUNT stay on path's file system. FTW_CHDIR is
 * not supported (EINVAL).
 *
 * This libc reads each directory whole (scandir, sorted by name) before
 * visiting it, so at most one directory is open at a time (fd_limit is not
 * needed) and fn may remove or create entries: a directory that fn creates
 * for FTW_D under the directory being visited is not visited.
 *
 * A non-zero return of fn stops the walk and is nftw's result. nftw
 * itself returns -1 (errno set) when path cannot be stat'ed or memory
 * runs out; otherwise 0.
 */
#ifndef _FTW_H
#define _FTW_H

#include <sys/stat.h>

#define FTW_F 1
#define FTW_D 2
#define FTW_DNR 3
#define FTW_DP 4
#define FTW_NS 5
#define FTW_SL 6
#define FTW_SLN 7

#define FTW_PHYS 1
#define FTW_MOUNT 2
#define FTW_DEPTH 4
#define FTW_CHDIR 8

struct FTW {
    int base;
    int level;
};

int nftw(const char* path, int (*fn)(const char* path, const struct stat* st, int type, struct FTW* ftw), int fd_limit,
    int flags);

#endif
