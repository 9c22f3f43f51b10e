/*
 * <grp.h>: the group database, /etc/group ("name:password:gid:member,..."
 * a line). Not found: NULL (the _r forms: 0 and *result NULL) with errno
 * unchanged; a buffer too small for the line and the member list: ERANGE.
 * getgrnam, getgrgid and getgrent share one static entry.
 */
#ifndef _GRP_H
#define _GRP_H

#include <stddef.h>
#include <sys/types.h>

struct group {
    char* gr_name;
    char* gr_passwd;
    gid_t gr_gid;
    char** gr_mem; /* NULL-terminated */
};

struct group* getgrnam(const char* name);
struct group* getgrgid(gid_t gid);
int getgrnam_r(const char* name, struct group* grp, char* buf, size_t size, struct group** result);
int getgrgid_r(gid_t gid, struct group* grp, char* buf, size_t size, struct group** result);
struct group* getgrent(void);
void setgrent(void);
void endgrent(void);

#endif
