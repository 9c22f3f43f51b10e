// The ABI constants shared with libc: the one declaration of each value.
// tools/gen-abi.mjs writes every group to the libc header its
// `// abi-header:` line names (c-prefix=X puts X before each C name,
// c-cast=T casts each C value to T);
// docs/abi.md lists them (kernel/api/limits.ts holds the limits). Values
// are number literals, shifts and ors of literals, or a constant declared
// above.

// abi-header: bits/fcntl.h
export const O_RDONLY: number = 1 << 0;
export const O_WRONLY: number = 1 << 1;
export const O_RDWR: number = O_RDONLY | O_WRONLY;
export const O_ACCMODE: number = O_RDONLY | O_WRONLY;
export const O_EXEC: number = 1 << 2;
export const O_CREAT: number = 1 << 3;
export const O_EXCL: number = 1 << 4;
export const O_NOCTTY: number = 1 << 5;
export const O_TRUNC: number = 1 << 6;
export const O_APPEND: number = 1 << 7;
export const O_NONBLOCK: number = 1 << 8;
export const O_DIRECTORY: number = 1 << 9;
export const O_NOFOLLOW: number = 1 << 10;
export const O_CLOEXEC: number = 1 << 11;
export const O_DIRECT: number = 1 << 12;
export const AT_FDCWD: number = -100;
// fstatat's lstat behaviour: libc-only, never sent to the kernel.
export const AT_SYMLINK_NOFOLLOW: number = 0x100;
// fcntl commands: F_ISTTY is SerenityOS's.
export const F_DUPFD: number = 0;
export const F_GETFD: number = 1;
export const F_SETFD: number = 2;
export const F_GETFL: number = 3;
export const F_SETFL: number = 4;
export const F_ISTTY: number = 5;
// Record locks: declared as the reference's headers have them; its kernel, and this one,
// take F_GETLK (5) as F_ISTTY and refuse F_SETLK/F_SETLKW with EINVAL.
export const F_GETLK: number = 5;
export const F_SETLK: number = 6;
export const F_SETLKW: number = 7;
export const F_RDLCK: number = 0;
export const F_WRLCK: number = 1;
export const F_UNLCK: number = 2;
export const FD_CLOEXEC: number = 1;

// abi-header: bits/mman.h
export const MAP_FILE: number = 0x00;
export const MAP_SHARED: number = 0x01;
export const MAP_PRIVATE: number = 0x02;
export const MAP_FIXED: number = 0x10;
export const MAP_ANONYMOUS: number = 0x20;
export const MAP_STACK: number = 0x40;
export const MAP_NORESERVE: number = 0x80;
export const MAP_RANDOMIZED: number = 0x100;
export const PROT_NONE: number = 0x0;
export const PROT_READ: number = 0x1;
export const PROT_WRITE: number = 0x2;
export const PROT_EXEC: number = 0x4;
// madvise advice: bit flags (SET_VOLATILE|SET_NONVOLATILE is EINVAL).
export const MADV_SET_VOLATILE: number = 0x100;
export const MADV_SET_NONVOLATILE: number = 0x200;
export const MADV_GET_VOLATILE: number = 0x400;

// abi-header: bits/stat.h
export const S_IFMT: number = 0o170000;
export const S_IFDIR: number = 0o040000;
export const S_IFCHR: number = 0o020000;
export const S_IFBLK: number = 0o060000;
export const S_IFREG: number = 0o100000;
export const S_IFIFO: number = 0o010000;
export const S_IFLNK: number = 0o120000;
export const S_IFSOCK: number = 0o140000;
export const S_ISUID: number = 0o4000;
export const S_ISGID: number = 0o2000;
export const S_ISVTX: number = 0o1000;
export const S_IRWXU: number = 0o700;
export const S_IRUSR: number = 0o400;
export const S_IWUSR: number = 0o200;
export const S_IXUSR: number = 0o100;
export const S_IRWXG: number = 0o070;
export const S_IRGRP: number = 0o040;
export const S_IWGRP: number = 0o020;
export const S_IXGRP: number = 0o010;
export const S_IRWXO: number = 0o007;
export const S_IROTH: number = 0o004;
export const S_IWOTH: number = 0o002;
export const S_IXOTH: number = 0o001;

// abi-header: bits/statvfs.h
export const ST_RDONLY: number = 0x1;
export const ST_NOSUID: number = 0x2;

// mount(2) flags
// abi-header: bits/unistd.h
export const MS_NODEV: number = 1 << 0;
export const MS_NOEXEC: number = 1 << 1;
export const MS_NOSUID: number = 1 << 2;
export const MS_BIND: number = 1 << 3;
export const MS_RDONLY: number = 1 << 4;
export const MS_REMOUNT: number = 1 << 5;

// access(2) modes
// abi-header: bits/unistd.h
export const F_OK: number = 0;
export const X_OK: number = 1;
export const W_OK: number = 2;
export const R_OK: number = 4;

// lseek whence (<unistd.h> and <stdio.h>)
// abi-header: bits/seek.h
export const SEEK_SET: number = 0;
export const SEEK_CUR: number = 1;
export const SEEK_END: number = 2;

// The auxiliary vector execve leaves above envp: entry types (<sys/auxv.h>)
// abi-header: bits/auxv.h
export const AT_NULL: number = 0;
export const AT_EXECFD: number = 2;
export const AT_PAGESZ: number = 6;
export const AT_BASE: number = 7;
export const AT_ENTRY: number = 9;
export const AT_UID: number = 11;
export const AT_EUID: number = 12;
export const AT_GID: number = 13;
export const AT_EGID: number = 14;
export const AT_PLATFORM: number = 15;
export const AT_HWCAP: number = 16;
export const AT_CLKTCK: number = 17;
export const AT_SECURE: number = 23;
export const AT_RANDOM: number = 25;
export const AT_EXECFN: number = 31;

// sysconf names: _SC_<name> in C
// abi-header: bits/unistd.h c-prefix=_
export const SC_MONOTONIC_CLOCK: number = 0;
export const SC_NPROCESSORS_CONF: number = 1;
export const SC_NPROCESSORS_ONLN: number = 2;
export const SC_OPEN_MAX: number = 3;
export const SC_TTY_NAME_MAX: number = 4;
export const SC_PAGESIZE: number = 5;
export const SC_GETPW_R_SIZE_MAX: number = 6;
export const SC_CLK_TCK: number = 7;

// waitid: id types and options
// abi-header: bits/wait.h
export const P_ALL: number = 1;
export const P_PID: number = 2;
export const P_PGID: number = 3;
export const WNOHANG: number = 1;
export const WUNTRACED: number = 2;
export const WSTOPPED: number = WUNTRACED;
export const WEXITED: number = 4;
export const WCONTINUED: number = 8;
export const WNOWAIT: number = 0x1000000;

// abi-header: bits/signal.h
export const SIGINVAL: number = 0;
export const SIGHUP: number = 1;
export const SIGINT: number = 2;
export const SIGQUIT: number = 3;
export const SIGILL: number = 4;
export const SIGTRAP: number = 5;
export const SIGABRT: number = 6;
export const SIGBUS: number = 7;
export const SIGFPE: number = 8;
export const SIGKILL: number = 9;
export const SIGUSR1: number = 10;
export const SIGSEGV: number = 11;
export const SIGUSR2: number = 12;
export const SIGPIPE: number = 13;
export const SIGALRM: number = 14;
export const SIGTERM: number = 15;
export const SIGSTKFLT: number = 16;
export const SIGCHLD: number = 17;
export const SIGCONT: number = 18;
export const SIGSTOP: number = 19;
export const SIGTSTP: number = 20;
export const SIGTTIN: number = 21;
export const SIGTTOU: number = 22;
export const SIGURG: number = 23;
export const SIGXCPU: number = 24;
export const SIGXFSZ: number = 25;
export const SIGVTALRM: number = 26;
export const SIGPROF: number = 27;
export const SIGWINCH: number = 28;
export const SIGIO: number = 29;
export const SIGINFO: number = 30;
export const SIGSYS: number = 31;
export const NSIG: number = 32;
export const CLD_EXITED: number = 0;
export const CLD_KILLED: number = 1;
export const CLD_DUMPED: number = 2;
export const CLD_TRAPPED: number = 3;
export const CLD_STOPPED: number = 4;
export const CLD_CONTINUED: number = 5;
export const SA_NOCLDSTOP: number = 1;
export const SA_NOCLDWAIT: number = 2;
export const SA_SIGINFO: number = 4;
export const SA_ONSTACK: number = 0x08000000;
export const SA_RESTART: number = 0x10000000;
export const SA_NODEFER: number = 0x40000000;
export const SA_RESETHAND: number = 0x80000000;
export const SA_NOMASK: number = SA_NODEFER;
export const SA_ONESHOT: number = SA_RESETHAND;
// sigaltstack's stack_t.ss_flags and sizes (the reference has no
// sigaltstack in this version; the values are the later reference's and
// Linux's).
export const SS_ONSTACK: number = 1;
export const SS_DISABLE: number = 2;
export const MINSIGSTKSZ: number = 4096;
export const SIGSTKSZ: number = 32768;
/** The FPU and SSE state (fxsave image) a signal frame carries. */
export const SIGNAL_FPU_STATE_BYTES: number = 512;
export const SIG_BLOCK: number = 0;
export const SIG_UNBLOCK: number = 1;
export const SIG_SETMASK: number = 2;

// Signal dispositions: handler addresses in C (<signal.h> includes this
// after its typedef).
// abi-header: bits/sighandler.h c-cast=__sighandler_t
export const SIG_DFL: number = 0;
export const SIG_IGN: number = 1;
export const SIG_ERR: number = -1;

// Clocks: the reference's ids, Linux's numbering. The process and thread
// CPU-time clocks (2, 3) do not exist at the reference. clock_nanosleep's
// absolute-time flag is the reference's value, not Linux's 1.
// abi-header: bits/time.h
export const CLOCK_REALTIME: number = 0;
export const CLOCK_MONOTONIC: number = 1;
export const CLOCK_MONOTONIC_RAW: number = 4;
export const CLOCK_REALTIME_COARSE: number = 5;
export const CLOCK_MONOTONIC_COARSE: number = 6;
export const TIMER_ABSTIME: number = 99;

// ioctl requests: positions in the reference's IOCtlNumber enumeration
// (12-34 are its framebuffer and network requests, which this kernel has
// no devices for). FIONBIO takes its argument as a value: nonzero sets
// O_NONBLOCK, 0 clears it.
// abi-header: bits/ioctl.h
export const TIOCGPGRP: number = 0;
export const TIOCSPGRP: number = 1;
export const TCGETS: number = 2;
export const TCSETS: number = 3;
export const TCSETSW: number = 4;
export const TCSETSF: number = 5;
export const TCFLSH: number = 6;
export const TIOCGWINSZ: number = 7;
export const TIOCSCTTY: number = 8;
export const TIOCSTI: number = 9;
export const TIOCNOTTY: number = 10;
export const TIOCSWINSZ: number = 11;
export const FIONBIO: number = 35;

// get_dir_entries record types
// abi-header: bits/dirent.h
export const DT_UNKNOWN: number = 0;
export const DT_FIFO: number = 1;
export const DT_CHR: number = 2;
export const DT_DIR: number = 4;
export const DT_BLK: number = 6;
export const DT_REG: number = 8;
export const DT_LNK: number = 10;
export const DT_SOCK: number = 12;
export const DT_WHT: number = 14;

// Inode watcher event types (also the bits of an event mask) and
// create_inode_watcher's flags
// abi-header: bits/inode_watcher.h
export const INODE_WATCHER_EVENT_METADATA_MODIFIED: number = 1 << 0;
export const INODE_WATCHER_EVENT_CONTENT_MODIFIED: number = 1 << 1;
export const INODE_WATCHER_EVENT_DELETED: number = 1 << 2; // the watched inode was freed; its watch is gone
export const INODE_WATCHER_EVENT_CHILD_CREATED: number = 1 << 3;
export const INODE_WATCHER_EVENT_CHILD_DELETED: number = 1 << 4;
export const INODE_WATCHER_NONBLOCK: number = 1 << 0;
export const INODE_WATCHER_CLOEXEC: number = 1 << 1;

// abi-header: bits/poll.h
export const POLLIN: number = 1 << 0;
export const POLLPRI: number = 1 << 1;
export const POLLOUT: number = 1 << 2;
export const POLLERR: number = 1 << 3;
export const POLLHUP: number = 1 << 4;
export const POLLNVAL: number = 1 << 5;
export const POLLRDHUP: number = 1 << 13;

// abi-header: bits/termios.h
export const NCCS: number = 32;

// abi-header: bits/utsname.h
export const UTSNAME_ENTRY_LEN: number = 65;

// abi-header: bits/select.h
export const FD_SETSIZE: number = 1024;

// Sockets (<sys/socket.h>, <netinet/in.h>): families, types, options and flags
// abi-header: bits/socket.h
export const AF_MASK: number = 0xff;
export const AF_UNSPEC: number = 0;
export const AF_LOCAL: number = 1;
export const AF_UNIX: number = AF_LOCAL;
export const AF_INET: number = 2;
export const AF_INET6: number = 3;
export const AF_MAX: number = 4;
export const PF_UNSPEC: number = AF_UNSPEC;
export const PF_LOCAL: number = AF_LOCAL;
export const PF_UNIX: number = AF_LOCAL;
export const PF_INET: number = AF_INET;
export const PF_INET6: number = AF_INET6;
export const PF_MAX: number = AF_MAX;
export const SOCK_TYPE_MASK: number = 0xff;
export const SOCK_STREAM: number = 1;
export const SOCK_DGRAM: number = 2;
export const SOCK_RAW: number = 3;
export const SOCK_NONBLOCK: number = 0o4000;
export const SOCK_CLOEXEC: number = 0o2000000;
export const SHUT_RD: number = 1;
export const SHUT_WR: number = 2;
export const SHUT_RDWR: number = 3;
export const MSG_TRUNC: number = 0x1;
export const MSG_CTRUNC: number = 0x2;
export const MSG_PEEK: number = 0x4;
export const MSG_OOB: number = 0x8;
export const MSG_DONTWAIT: number = 0x40;
export const SOL_SOCKET: number = 1;
export const SOMAXCONN: number = 128;
export const SO_RCVTIMEO: number = 0;
export const SO_SNDTIMEO: number = 1;
export const SO_TYPE: number = 2;
export const SO_ERROR: number = 3;
export const SO_PEERCRED: number = 4;
export const SO_RCVBUF: number = 5;
export const SO_SNDBUF: number = 6;
export const SO_REUSEADDR: number = 7;
export const SO_BINDTODEVICE: number = 8;
export const SO_KEEPALIVE: number = 9;
export const SO_TIMESTAMP: number = 10;
export const SO_BROADCAST: number = 11;
export const SCM_TIMESTAMP: number = 0;
export const SCM_RIGHTS: number = 1;
export const IPPROTO_IP: number = 0;
export const IPPROTO_ICMP: number = 1;
export const IPPROTO_TCP: number = 6;
export const IPPROTO_UDP: number = 17;
export const IPPROTO_IPV6: number = 41;
export const IP_TTL: number = 2;
export const INADDR_ANY: number = 0;
export const INADDR_LOOPBACK: number = 0x7f000001;

// prctl options: the reference's two, and this kernel's sigaltstack (the
// reference's table has no sigaltstack syscall; libc's sigaltstack calls
// prctl(PR_SIGALTSTACK, new stack_t*, old stack_t*)) and
// PR_SET_KEEP_VEIL_AT_EXEC (arg1 != 0: the caller's locked veil outlives
// its next exec, which the reference's exec always lifts; /bin/unveil).
// abi-header: bits/prctl.h
export const PR_SET_DUMPABLE: number = 1;
export const PR_GET_DUMPABLE: number = 2;
export const PR_SIGALTSTACK: number = 0x7f000001;
export const PR_SET_KEEP_VEIL_AT_EXEC: number = 0x7f000002;

// futex operations (SC_futex_params.futex_op) and WAKE_OP's encoded
// operation (val3: op << 28 | cmp << 24 | oparg << 12 | cmparg): the
// reference's values.
// abi-header: bits/futex.h
export const FUTEX_WAIT: number = 1;
export const FUTEX_WAKE: number = 2;
export const FUTEX_REQUEUE: number = 3;
export const FUTEX_CMP_REQUEUE: number = 4;
export const FUTEX_WAKE_OP: number = 5;
export const FUTEX_WAIT_BITSET: number = 9;
export const FUTEX_WAKE_BITSET: number = 10;
export const FUTEX_PRIVATE_FLAG: number = 0x80;
export const FUTEX_CLOCK_REALTIME: number = 0x100;
export const FUTEX_CMD_MASK: number = -385;
export const FUTEX_BITSET_MATCH_ANY: number = 0xffffffff;
export const FUTEX_OP_SET: number = 0;
export const FUTEX_OP_ADD: number = 1;
export const FUTEX_OP_OR: number = 2;
export const FUTEX_OP_ANDN: number = 3;
export const FUTEX_OP_XOR: number = 4;
export const FUTEX_OP_ARG_SHIFT: number = 8;
export const FUTEX_OP_CMP_EQ: number = 0;
export const FUTEX_OP_CMP_NE: number = 1;
export const FUTEX_OP_CMP_LT: number = 2;
export const FUTEX_OP_CMP_LE: number = 3;
export const FUTEX_OP_CMP_GT: number = 4;
export const FUTEX_OP_CMP_GE: number = 5;

// Thread priorities (sched_setparam, create_thread) and scheduling
// policies: the reference's values. The scheduler gives every thread the
// same round robin with a quantum that grows with its priority.
// abi-header: bits/sched.h
export const THREAD_PRIORITY_MIN: number = 1;
export const THREAD_PRIORITY_LOW: number = 10;
export const THREAD_PRIORITY_NORMAL: number = 30;
export const THREAD_PRIORITY_HIGH: number = 50;
export const THREAD_PRIORITY_MAX: number = 99;
export const SCHED_FIFO: number = 0;
export const SCHED_RR: number = 1;
export const SCHED_OTHER: number = 2;
export const SCHED_BATCH: number = 3;
