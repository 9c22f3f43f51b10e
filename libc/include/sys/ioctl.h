/*
 * <sys/ioctl.h>: ioctl [58]. The request numbers are positions in the
 * reference's IOCtlNumber enumeration (LibC sys/ioctl_numbers.h, July 2021);
 * 12-34 are framebuffer and network requests this system has no devices for.
 * FIONBIO (35) takes its argument as a value, as the reference kernel does:
 * ioctl(fd, FIONBIO, 1) sets O_NONBLOCK, ioctl(fd, FIONBIO, 0) clears it.
 * The values and struct winsize are declared once in kernel/api/
 * (<bits/ioctl.h>, docs/abi.md).
 */
#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H

#include <bits/ioctl.h>

/* The third argument is read as a uintptr_t-sized value and passed as is. */
int ioctl(int fd, unsigned request, ...);

#endif
