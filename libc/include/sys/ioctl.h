/*
 * <sys/ioctl.h>: ioctl [58]. The request numbers are the reference's
 * IOCtlNumber enumeration (LibC sys/ioctl_numbers.h). Only the entries whose
 * position was the same in every 2021 version are defined: later entries
 * (TCFLSH, TIOCGWINSZ, TIOCSCTTY, ..., FIONBIO) moved as entries were
 * inserted during the year, so their July-2021 values are not certain.
 * Two more are defined with the values the kernel answers to: TIOCGWINSZ at
 * its position after TCFLSH, and FIONBIO. The values and struct winsize are
 * declared once in kernel/api/ (<bits/ioctl.h>, docs/abi.md).
 */
#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H

#include <bits/ioctl.h>

/* The third argument is read as a uintptr_t-sized value and passed as is. */
int ioctl(int fd, unsigned request, ...);

#endif
