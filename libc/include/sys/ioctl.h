/*
 * <sys/ioctl.h>: ioctl [58]. The request numbers are the reference's
 * IOCtlNumber enumeration (LibC sys/ioctl_numbers.h). Only the entries whose
 * position was the same in every 2021 version are defined: later entries
 * (TCFLSH, TIOCGWINSZ, TIOCSCTTY, ..., FIONBIO) moved as entries were
 * inserted during the year, so their July-2021 values are not certain.
 * Two more are defined with the values the kernel (kernel/syscalls/fd.ts)
 * answers to: TIOCGWINSZ at its position after TCFLSH, and FIONBIO.
 */
#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H

#define TIOCGPGRP 0
#define TIOCSPGRP 1
#define TCGETS 2
#define TCSETS 3
#define TCSETSW 4
#define TCSETSF 5
/* The entry after TCFLSH (6) in the reference's enumeration. */
#define TIOCGWINSZ 7
/* Linux's value, since the reference's enum position is uncertain; the argument points to an int (nonzero: on). */
#define FIONBIO 0x5421

struct winsize {
    unsigned short ws_row;
    unsigned short ws_col;
    unsigned short ws_xpixel;
    unsigned short ws_ypixel;
};

/* The third argument is read as a uintptr_t-sized value and passed as is. */
int ioctl(int fd, unsigned request, ...);

#endif
