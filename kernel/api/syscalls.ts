// The syscall table: the single source of truth for syscall numbers, names
// and pledge promises. tools/gen-syscalls.mjs reads this file (with the
// TypeScript parser, it is never evaluated) and generates
//   kernel/syscalls/dispatch.ts      the kernel's dispatch switch and promise lookup
//   libc/include/syscall_numbers.h   SC_<name> numbers and the __ENUMERATE_SYSCALLS X-macro
//   docs/syscalls.md                 the public status table
// Run `node tools/gen-syscalls.mjs` after editing this file or adding a
// handler; `node tools/gen-syscalls.mjs --check` fails when an output is stale.
// The kernel does not import this file (a 152-string array would be built at
// boot); it uses the generated code.
//
// Order and names follow SerenityOS's ENUMERATE_SYSCALLS of July 2021
// (Kernel/API/Syscall.h): the syscall number is the index in this array, so
// entries are never reordered, removed or inserted. Each entry is
//   [name, promise, handlerCheck]  // number
// and the trailing `// number` comment is checked by the generator.
//
// name: the handler is `sys$<name>` and libc's number is `SC_<name>`.
//
// promise: what the dispatcher checks before it calls the handler (the
// promise the spec row names, pledge semantics in kernel/api/pledge.ts):
//   "<promise>"    REQUIRE_PROMISE(<promise>): a lower-case promise name of
//                  kernel/api/pledge.ts (stdio, rpath, ..., getkeymap)
//   "none"         no promise check (the spec's "—")
//   "NO-PROMISES"  REQUIRE_NO_PROMISES: any process that has pledged is killed
//
// handlerCheck: "" when the promise column is the whole check. Otherwise the
// call is conditional and this field is the marker that the handler itself
// checks more promises, depending on its arguments, written as
//   "<p1>|<p2>...: <when>"
// where p1, p2... are the promises the handler may require (validated against
// pledge.ts) and <when> says when. The dispatcher still checks the base
// promise first (e.g. mmap: stdio at dispatch, prot_exec in the handler; open:
// nothing at dispatch, rpath/wpath/cpath in the handler).

export const SYSCALL_TABLE: [name: string, promise: string, handlerCheck: string][] = [
  ["yield", "stdio", ""], // 0
  ["open", "none", "rpath|wpath|cpath: wpath if O_WRONLY is set, else rpath if O_RDONLY is set, so O_RDWR checks only wpath; also cpath if O_CREAT"], // 1
  ["close", "stdio", ""], // 2
  ["read", "stdio", ""], // 3
  ["lseek", "stdio", ""], // 4
  ["kill", "none", "stdio|proc: stdio when the target is the caller's own pid, else proc"], // 5
  ["getuid", "stdio", ""], // 6
  ["exit", "none", ""], // 7
  ["geteuid", "stdio", ""], // 8
  ["getegid", "stdio", ""], // 9
  ["getgid", "stdio", ""], // 10
  ["getpid", "stdio", ""], // 11
  ["getppid", "stdio", ""], // 12
  ["getresuid", "stdio", ""], // 13
  ["getresgid", "stdio", ""], // 14
  ["waitid", "proc", ""], // 15
  ["mmap", "stdio", "prot_exec|map_fixed|video: prot_exec if PROT_EXEC; map_fixed only if prot & MAP_FIXED, which tests prot instead of flags and so is never enforced in the reference; video for framebuffer devices"], // 16
  ["munmap", "stdio", ""], // 17
  ["get_dir_entries", "stdio", ""], // 18
  ["getcwd", "rpath", ""], // 19
  ["gettimeofday", "stdio", ""], // 20
  ["gethostname", "stdio", ""], // 21
  ["sethostname", "NO-PROMISES", ""], // 22
  ["chdir", "rpath", ""], // 23
  ["uname", "stdio", ""], // 24
  ["set_mmap_name", "stdio", ""], // 25
  ["readlink", "rpath", ""], // 26
  ["write", "stdio", ""], // 27
  ["ttyname", "tty", ""], // 28
  ["stat", "rpath", ""], // 29
  ["getsid", "proc", ""], // 30
  ["setsid", "proc", ""], // 31
  ["getpgid", "proc", ""], // 32
  ["setpgid", "proc", ""], // 33
  ["getpgrp", "stdio", ""], // 34
  ["fork", "proc", ""], // 35
  ["execve", "exec", ""], // 36
  ["dup2", "stdio", ""], // 37
  ["sigaction", "sigaction", ""], // 38
  ["umask", "stdio", ""], // 39
  ["getgroups", "stdio", ""], // 40
  ["setgroups", "id", ""], // 41
  ["sigreturn", "stdio", ""], // 42
  ["sigprocmask", "sigaction", ""], // 43
  ["sigpending", "stdio", ""], // 44
  ["pipe", "stdio", ""], // 45
  ["killpg", "proc", ""], // 46
  ["seteuid", "id", ""], // 47
  ["setegid", "id", ""], // 48
  ["setuid", "id", ""], // 49
  ["setgid", "id", ""], // 50
  ["setreuid", "id", ""], // 51
  ["setresuid", "id", ""], // 52
  ["setresgid", "id", ""], // 53
  ["alarm", "stdio", ""], // 54
  ["fstat", "stdio", ""], // 55
  ["access", "rpath", ""], // 56
  ["fcntl", "stdio", ""], // 57
  ["ioctl", "none", "tty|video|inet: the device's ioctl checks its own: tty for TTYs and master PTYs, video for framebuffers, inet for IPv4 sockets"], // 58
  ["mkdir", "cpath", ""], // 59
  ["times", "stdio", ""], // 60
  ["utime", "fattr", ""], // 61
  ["sync", "stdio", ""], // 62
  ["ptsname", "tty", ""], // 63
  ["select", "stdio", ""], // 64
  ["unlink", "cpath", ""], // 65
  ["poll", "stdio", ""], // 66
  ["rmdir", "cpath", ""], // 67
  ["chmod", "fattr", ""], // 68
  ["socket", "none", "inet|unix: inet for AF_INET, unix for AF_LOCAL"], // 69
  ["bind", "none", "inet|unix: by the socket's domain"], // 70
  ["accept4", "accept", ""], // 71
  ["listen", "none", "inet|unix: by the socket's domain"], // 72
  ["connect", "none", "inet|unix: by the socket's domain"], // 73
  ["link", "cpath", ""], // 74
  ["chown", "chown", ""], // 75
  ["fchmod", "fattr", ""], // 76
  ["symlink", "cpath", ""], // 77
  ["sendmsg", "stdio", ""], // 78
  ["recvmsg", "stdio", ""], // 79
  ["getsockopt", "none", "inet|unix: by the socket's domain"], // 80
  ["setsockopt", "none", "inet|unix: by the socket's domain"], // 81
  ["create_thread", "thread", ""], // 82
  ["gettid", "stdio", ""], // 83
  ["rename", "cpath", ""], // 84
  ["ftruncate", "stdio", ""], // 85
  ["exit_thread", "thread", ""], // 86
  ["mknod", "dpath", ""], // 87
  ["writev", "stdio", ""], // 88
  ["beep", "none", ""], // 89
  ["getsockname", "none", "inet|unix: by the socket's domain"], // 90
  ["getpeername", "none", "inet|unix: by the socket's domain"], // 91
  ["socketpair", "none", ""], // 92
  ["sched_setparam", "proc", ""], // 93
  ["sched_getparam", "proc", ""], // 94
  ["fchown", "chown", ""], // 95
  ["halt", "NO-PROMISES", ""], // 96
  ["reboot", "NO-PROMISES", ""], // 97
  ["mount", "NO-PROMISES", ""], // 98
  ["umount", "NO-PROMISES", ""], // 99
  ["dump_backtrace", "none", ""], // 100
  ["dbgputch", "none", ""], // 101
  ["dbgputstr", "none", ""], // 102
  ["create_inode_watcher", "rpath", ""], // 103
  ["inode_watcher_add_watch", "rpath", ""], // 104
  ["inode_watcher_remove_watch", "none", ""], // 105
  ["mprotect", "stdio", "prot_exec: prot_exec if PROT_EXEC"], // 106
  ["realpath", "rpath", ""], // 107
  ["get_process_name", "stdio", ""], // 108
  ["fchdir", "stdio", ""], // 109
  ["getrandom", "stdio", ""], // 110
  ["getkeymap", "getkeymap", ""], // 111
  ["setkeymap", "setkeymap", ""], // 112
  ["clock_gettime", "stdio", ""], // 113
  ["clock_settime", "settime", ""], // 114
  ["clock_nanosleep", "stdio", ""], // 115
  ["join_thread", "thread", ""], // 116
  ["module_load", "NO-PROMISES", ""], // 117
  ["module_unload", "NO-PROMISES", ""], // 118
  ["detach_thread", "thread", ""], // 119
  ["set_thread_name", "stdio", ""], // 120
  ["get_thread_name", "thread", ""], // 121
  ["madvise", "stdio", ""], // 122
  ["purge", "NO-PROMISES", ""], // 123
  ["profiling_enable", "NO-PROMISES", ""], // 124
  ["profiling_disable", "NO-PROMISES", ""], // 125
  ["profiling_free_buffer", "NO-PROMISES", ""], // 126
  ["futex", "none", ""], // 127
  ["chroot", "none", "chroot: always, after the root check: a non-root caller gets EPERM first"], // 128
  ["pledge", "none", ""], // 129
  ["unveil", "none", ""], // 130
  ["perf_event", "none", ""], // 131
  ["shutdown", "stdio", "inet|unix: by the socket's domain"], // 132
  ["get_stack_bounds", "none", ""], // 133
  ["ptrace", "ptrace", ""], // 134
  ["sendfd", "sendfd", ""], // 135
  ["recvfd", "recvfd", ""], // 136
  ["sysconf", "none", ""], // 137
  ["set_process_name", "proc", ""], // 138
  ["disown", "proc", ""], // 139
  ["adjtime", "none", "settime: only when delta is not null; reading needs no promise"], // 140
  ["allocate_tls", "stdio", ""], // 141
  ["prctl", "none", ""], // 142
  ["mremap", "stdio", ""], // 143
  ["set_coredump_metadata", "none", ""], // 144
  ["anon_create", "stdio", ""], // 145
  ["msyscall", "none", ""], // 146
  ["readv", "stdio", ""], // 147
  ["emuctl", "none", ""], // 148
  ["statvfs", "rpath", ""], // 149
  ["fstatvfs", "stdio", ""], // 150
  ["kill_thread", "thread", ""], // 151
];
