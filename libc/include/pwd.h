/*
 * <pwd.h>: the user database, /etc/passwd ("name:password:uid:gid:gecos:
 * home:shell" a line). Not found: NULL (the _r forms: 0 and *result NULL)
 * with errno unchanged; a buffer too small for the line: ERANGE.
 * getpwnam, getpwuid and getpwent share one static entry.
 */
#ifndef _PWD_H
#define _PWD_H

#include <stddef.h>
#include <sys/types.h>

struct passwd {
    char* pw_name;
    char* pw_passwd;
    uid_t pw_uid;
    gid_t pw_gid;
    char* pw_gecos;
    char* pw_dir;
    char* pw_shell;
};

struct passwd* getpwnam(const char* name);
struct passwd* getpwuid(uid_t uid);
int getpwnam_r(const char* name, struct passwd* pwd, char* buf, size_t size, struct passwd** result);
int getpwuid_r(uid_t uid, struct passwd* pwd, char* buf, size_t size, struct passwd** result);
/* The entries in file order; setpwent starts again, endpwent closes the file. */
struct passwd* getpwent(void);
void setpwent(void);
void endpwent(void);

#endif
