/* <sys/utsname.h>: struct utsname (shared with the kernel; 5 x 65 bytes). */
#ifndef _SYS_UTSNAME_H
#define _SYS_UTSNAME_H

#define UTSNAME_ENTRY_LEN 65

struct utsname {
    char sysname[UTSNAME_ENTRY_LEN];
    char nodename[UTSNAME_ENTRY_LEN];
    char release[UTSNAME_ENTRY_LEN];
    char version[UTSNAME_ENTRY_LEN];
    char machine[UTSNAME_ENTRY_LEN];
};

_Static_assert(sizeof(struct utsname) == 325, "struct utsname is 5 x 65 bytes");

int uname(struct utsname* buf);

#endif
