/*
 * <unistd.h>: the POSIX names over the syscalls (numbers in brackets are
 * syscall numbers, docs/syscalls.md), plus the SerenityOS additions its LibC declares here.
 * Every function returns -1 and sets errno on failure unless noted.
 */
#ifndef _UNISTD_H
#define _UNISTD_H

#include <stddef.h>
#include <sys/types.h>
#include <bits/seek.h>
#include <bits/unistd.h>

#define STDIN_FILENO 0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

/* sysconf names (shared with the kernel). */
#define _SC_PAGE_SIZE _SC_PAGESIZE

extern char** environ;

/*
 * The generic entry: any syscall number with up to three arguments, as
 * uintptr_t-sized values. A result in -1..-(EMAXERRNO-1) becomes errno and
 * -1; anything else (including high addresses) is returned as is.
 */
long syscall(long function, ...);

/* --- processes [35, 36, 7] --- */
pid_t fork(void);
int execve(const char* path, char* const argv[], char* const envp[]);
int execv(const char* path, char* const argv[]);
/* file without a '/' is searched in $PATH (default "/bin:/usr/bin"). */
int execvp(const char* file, char* const argv[]);
int execvpe(const char* file, char* const argv[], char* const envp[]);
int execl(const char* path, const char* arg0, ...);
int execle(const char* path, const char* arg0, ...); /* ..., NULL, char* const envp[] */
int execlp(const char* file, const char* arg0, ...);
__attribute__((noreturn)) void _exit(int status);

/* --- identity [6, 8-14, 47-53, 40, 41, 83] --- */
pid_t getpid(void);
pid_t getppid(void);
pid_t gettid(void);
uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);
int getresuid(uid_t* ruid, uid_t* euid, uid_t* suid);
int getresgid(gid_t* rgid, gid_t* egid, gid_t* sgid);
int setuid(uid_t uid);
int setgid(gid_t gid);
int seteuid(uid_t euid);
int setegid(gid_t egid);
int setreuid(uid_t ruid, uid_t euid);
int setresuid(uid_t ruid, uid_t euid, uid_t suid);
int setresgid(gid_t rgid, gid_t egid, gid_t sgid);
/* size 0 returns the count; otherwise size must equal the count (EINVAL). */
int getgroups(int size, gid_t list[]);
int setgroups(size_t size, const gid_t* list);

/* --- sessions and process groups [30-34] --- */
pid_t getsid(pid_t pid);
pid_t setsid(void);
pid_t getpgid(pid_t pid);
int setpgid(pid_t pid, pid_t pgid);
pid_t getpgrp(void);

/* --- file descriptors [2-4, 27, 37, 45, 57, 85] --- */
ssize_t read(int fd, void* buf, size_t count);
ssize_t write(int fd, const void* buf, size_t count);
int close(int fd);
/* Passes &offset (the kernel writes the new offset back) and returns it. */
off_t lseek(int fd, off_t offset, int whence);
int dup(int fd);
int dup2(int old_fd, int new_fd);
int pipe(int fds[2]);
int pipe2(int fds[2], int flags);
int ftruncate(int fd, off_t length);
/*
 * At offset without moving the file offset (lseek, the transfer, lseek
 * back; no syscall of its own): ESPIPE on a pipe, EINVAL for offset < 0.
 */
ssize_t pread(int fd, void* buf, size_t count, off_t offset);
ssize_t pwrite(int fd, const void* buf, size_t count, off_t offset);
/* dup2 with flags 0 or O_CLOEXEC; EINVAL for old_fd == new_fd or another flag. */
int dup3(int old_fd, int new_fd, int flags);
/* sync() once fd is checked: EBADF, EINVAL for a pipe or socket. */
int fsync(int fd);
int fdatasync(int fd);
/* fcntl(F_ISTTY): 1 for a TTY, else 0 (errno ENOTTY or EBADF). */
int isatty(int fd);
char* ttyname(int fd);
int ttyname_r(int fd, char* buf, size_t size);

/* --- files and directories [19, 23, 26, 56, 65, 67, 74, 75, 77, 95, 109, 128] --- */
int access(const char* path, int mode);
int chdir(const char* path);
int fchdir(int fd);
/* buf NULL: a malloc'ed buffer of the needed size; size too small: ERANGE. */
char* getcwd(char* buf, size_t size);
int unlink(const char* path);
int rmdir(const char* path);
int link(const char* old_path, const char* new_path);
int symlink(const char* target, const char* linkpath);
/* No NUL is written; returns the bytes placed in buf (at most size). */
ssize_t readlink(const char* path, char* buf, size_t size);
int chown(const char* path, uid_t uid, gid_t gid);
int fchown(int fd, uid_t uid, gid_t gid);
int chroot(const char* path);
int chroot_with_mount_flags(const char* path, int mount_flags);
void sync(void);
/* The *at forms (libc/src/at.c): a relative path is taken against dirfd (or the cwd for AT_FDCWD). */
/* flags: 0 or AT_REMOVEDIR (<fcntl.h>). */
int unlinkat(int dirfd, const char* path, int flags);
/* flags: 0 or AT_SYMLINK_NOFOLLOW (EOPNOTSUPP on a symlink: no lchown). */
int fchownat(int dirfd, const char* path, uid_t uid, gid_t gid, int flags);
/* flags: 0 or AT_EACCESS. */
int faccessat(int dirfd, const char* path, int mode, int flags);
ssize_t readlinkat(int dirfd, const char* path, char* buf, size_t size);
int symlinkat(const char* target, int dirfd, const char* linkpath);
/* flags: 0 or AT_SYMLINK_FOLLOW. */
int linkat(int old_dirfd, const char* old_path, int new_dirfd, const char* new_path, int flags);
/* open(path, O_WRONLY) + ftruncate. */
int truncate(const char* path, off_t length);

/* --- time [54] --- */
unsigned int alarm(unsigned int seconds);
/* Waits until a signal runs a handler: always -1 with EINTR. */
int pause(void);
/* clock_nanosleep(CLOCK_MONOTONIC); the seconds left if interrupted. */
unsigned int sleep(unsigned int seconds);
int usleep(useconds_t usec);

/* --- system [21, 22, 137] --- */
int gethostname(char* name, size_t size);
int sethostname(const char* name, ssize_t size);
long sysconf(int name);
/* PAGE_SIZE. */
int getpagesize(void);

/*
 * --- options (POSIX getopt) ---
 * optstring lists the option letters, a letter followed by ':' takes an
 * argument (optarg). Returns the letter, '?' for an unknown option or a
 * missing argument (and optopt is the letter), -1 after the options
 * (optind is then the first operand). Messages go through warnx (opterr
 * 0 silences them); an optstring starting with ':' silences them too and
 * returns ':' for a missing argument. Setting optind to 0 (or 1 once
 * a parse is complete) starts again.
 */
extern char* optarg;
extern int optind, opterr, optopt;
int getopt(int argc, char* const argv[], const char* optstring);

/* --- SerenityOS additions (its LibC declares these in unistd.h) [96-102, 108, 129, 130, 138] --- */
int pledge(const char* promises, const char* execpromises);
int unveil(const char* path, const char* permissions);
int halt(void);
int reboot(void);
int mount(int source_fd, const char* target, const char* fs_type, int flags);
int umount(const char* mountpoint);
void dump_backtrace(void);
int get_process_name(char* buffer, int buffer_size);
int set_process_name(const char* name, size_t name_length);
int dbgputch(char ch);
ssize_t dbgputstr(const char* characters, size_t length);

#endif
