/*
 * <sys/select.h>: fd_set (a bitmap of FD_SETSIZE = 1024 bits, fd n is bit
 * n%8 of byte n/8: the kernel copies ceil(nfds/8) bytes) and select/pselect
 * over select [64] (SC_select_params).
 */
#ifndef _SYS_SELECT_H
#define _SYS_SELECT_H

#include <signal.h>
#include <sys/time.h>
#include <sys/types.h>
#include <time.h>
#include <bits/select.h>

/* The member is `bits`, as the reference names it. */
typedef struct __fd_set {
    unsigned char bits[FD_SETSIZE / 8];
} fd_set;

#define FD_ZERO(set) __builtin_memset((set), 0, sizeof(fd_set))
#define FD_SET(fd, set) ((set)->bits[(fd) / 8] |= (unsigned char)(1u << ((fd) % 8)))
#define FD_CLR(fd, set) ((set)->bits[(fd) / 8] &= (unsigned char)~(1u << ((fd) % 8)))
#define FD_ISSET(fd, set) (((set)->bits[(fd) / 8] >> ((fd) % 8)) & 1)

/* The timeval is converted to a timespec; it is not updated. */
int select(int nfds, fd_set* readfds, fd_set* writefds, fd_set* exceptfds, struct timeval* timeout);
int pselect(int nfds, fd_set* readfds, fd_set* writefds, fd_set* exceptfds, const struct timespec* timeout,
    const sigset_t* sigmask);

#endif
