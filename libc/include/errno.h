/* <errno.h>: errno is per thread (a thread-local variable, as the reference's LibC). */
#ifndef _ERRNO_H
#define _ERRNO_H

#include <errno_numbers.h>

extern __thread int errno;

/* "ENOENT" for ENOENT, "E?" for an unknown value (not POSIX; for diagnostics). */
const char* strerrorname_np(int errnum);

/*
 * The LibC rule (docs/reference.md): a syscall result rc < 0 is -errno. Sets errno and
 * evaluates to bad, else evaluates to good.
 */
#define __RETURN_WITH_ERRNO(rc, good, bad) \
    do {                                   \
        if ((rc) < 0) {                    \
            errno = -(rc);                 \
            return (bad);                  \
        }                                  \
        return (good);                     \
    } while (0)

#endif
