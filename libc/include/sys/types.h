/* <sys/types.h>: the SerenityOS i686 types (Kernel/UnixTypes.h, July 2021). */
#ifndef _SYS_TYPES_H
#define _SYS_TYPES_H

#include <stddef.h>
#include <stdint.h>

typedef int ssize_t;
typedef int pid_t;
typedef int id_t;
typedef uint32_t uid_t;
typedef uint32_t gid_t;
typedef uint16_t mode_t;
typedef int64_t off_t;
typedef uint32_t useconds_t;
typedef int32_t suseconds_t;
typedef int64_t time_t;
typedef uint32_t clock_t;
typedef int clockid_t;
typedef uint32_t dev_t;
/* u32 in the July-2021 reference (it became u64 in late 2021). */
typedef uint32_t ino_t;
typedef uint32_t nlink_t;
typedef uint32_t blksize_t;
typedef uint32_t blkcnt_t;
typedef uint64_t fsblkcnt_t;
typedef uint64_t fsfilcnt_t;
/* One bit per signal (bit n-1 for signal n is the reference's sigaddset). */
typedef uint32_t sigset_t;

/* struct termios's field types (<termios.h>, <bits/termios.h>). */
typedef uint32_t tcflag_t;
typedef uint8_t cc_t;
typedef uint32_t speed_t;

/* Device numbers: the minor's low 8 bits, the major at bit 8, the minor's other bits from bit 20. */
static inline dev_t makedev(unsigned major, unsigned minor)
{
    return (dev_t)((minor & 0xffu) | (major << 8) | ((minor & ~0xffu) << 12));
}
static inline unsigned major(dev_t dev) { return (dev & 0xfff00u) >> 8; }
static inline unsigned minor(dev_t dev) { return (dev & 0xffu) | ((dev >> 12) & 0xfff00u); }

#endif
