/* <sys/utsname.h>: struct utsname (shared with the kernel; 5 x 65 bytes). */
#ifndef _SYS_UTSNAME_H
#define _SYS_UTSNAME_H

#include <bits/utsname.h>

int uname(struct utsname* buf);

#endif
