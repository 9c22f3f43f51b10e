/* <unistd.h>: process, identity and I/O calls. */
#ifndef _UNISTD_H
#define _UNISTD_H

#include <stddef.h>
#include <sys/types.h>

#define STDIN_FILENO 0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

/* sysconf names (shared with the kernel). */
#define _SC_MONOTONIC_CLOCK 1
#define _SC_NPROCESSORS_CONF 2
#define _SC_NPROCESSORS_ONLN 3
#define _SC_OPEN_MAX 4
#define _SC_TTY_NAME_MAX 5
#define _SC_PAGESIZE 6
#define _SC_GETPW_R_SIZE_MAX 7
#define _SC_CLK_TCK 8
#define _SC_PAGE_SIZE _SC_PAGESIZE

extern char** environ;

pid_t fork(void);
int execve(const char* path, char* const argv[], char* const envp[]);
int execv(const char* path, char* const argv[]);
__attribute__((noreturn)) void _exit(int status);

pid_t getpid(void);
pid_t getppid(void);
pid_t gettid(void);
uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);
int getresuid(uid_t* ruid, uid_t* euid, uid_t* suid);
int getresgid(gid_t* rgid, gid_t* egid, gid_t* sgid);

ssize_t read(int fd, void* buf, size_t count);
ssize_t write(int fd, const void* buf, size_t count);

int gethostname(char* name, size_t size);
int sethostname(const char* name, ssize_t size);
long sysconf(int name);

/* SerenityOS extensions (declared in unistd.h by its LibC too). */
int get_process_name(char* buffer, int buffer_size);
int set_process_name(const char* name, size_t name_length);
int dbgputch(char ch);
ssize_t dbgputstr(const char* characters, size_t length);

#endif
