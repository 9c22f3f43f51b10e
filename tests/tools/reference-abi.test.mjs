// The ABI held against the reference (SerenityOS, July 2021): every value here is the reference's,
// transcribed once (numbers only). A change that moves any of them, in kernel/api/ or in a libc
// header, fails this test: a binary built for the reference must keep behaving the same.
//
// Constants are checked twice: in C (a file that includes every libc header and _Static_asserts
// each value, so a name libc lacks fails too) and in the kernel's declarations (kernel/api/*.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '../../tools/gen-abi.mjs';
import { compileWithAllHeaders } from '../lib/libc-headers.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// The syscall numbers: each name's position.
const SYSCALLS = `yield open close read lseek kill getuid exit geteuid getegid getgid getpid getppid getresuid
getresgid waitid mmap munmap get_dir_entries getcwd gettimeofday gethostname sethostname chdir uname set_mmap_name
readlink write ttyname stat getsid setsid getpgid setpgid getpgrp fork execve dup2 sigaction umask getgroups setgroups
sigreturn sigprocmask sigpending pipe killpg seteuid setegid setuid setgid setreuid setresuid setresgid alarm fstat
access fcntl ioctl mkdir times utime sync ptsname select unlink poll rmdir chmod socket bind accept4 listen connect link
chown fchmod symlink sendmsg recvmsg getsockopt setsockopt create_thread gettid rename ftruncate exit_thread mknod writev
beep getsockname getpeername socketpair sched_setparam sched_getparam fchown halt reboot mount umount dump_backtrace
dbgputch dbgputstr create_inode_watcher inode_watcher_add_watch inode_watcher_remove_watch mprotect realpath
get_process_name fchdir getrandom getkeymap setkeymap clock_gettime clock_settime clock_nanosleep join_thread
module_load module_unload detach_thread set_thread_name get_thread_name madvise purge profiling_enable
profiling_disable profiling_free_buffer futex chroot pledge unveil perf_event shutdown get_stack_bounds ptrace sendfd
recvfd sysconf set_process_name disown adjtime allocate_tls prctl mremap set_coredump_metadata anon_create msyscall
readv emuctl statvfs fstatvfs kill_thread`.split(/\s+/);

// errno: 1-63 in this order, then the codes after ENOTCONN.
const ERRNO_1_63 = `EPERM ENOENT ESRCH EINTR EIO ENXIO E2BIG ENOEXEC EBADF ECHILD EAGAIN ENOMEM EACCES EFAULT ENOTBLK
EBUSY EEXIST EXDEV ENODEV ENOTDIR EISDIR EINVAL ENFILE EMFILE ENOTTY ETXTBSY EFBIG ENOSPC ESPIPE EROFS EMLINK EPIPE
ERANGE ENAMETOOLONG ELOOP EOVERFLOW EOPNOTSUPP ENOSYS ENOTIMPL EAFNOSUPPORT ENOTSOCK EADDRINUSE EWHYTHO ENOTEMPTY EDOM
ECONNREFUSED EADDRNOTAVAIL EISCONN ECONNABORTED EALREADY ECONNRESET EDESTADDRREQ EHOSTUNREACH EILSEQ EMSGSIZE ENETDOWN
ENETUNREACH ENETRESET ENOBUFS ENOLCK ENOMSG ENOPROTOOPT ENOTCONN`.split(/\s+/);
const ERRNO = {
  ...Object.fromEntries(ERRNO_1_63.map((name, i) => [name, i + 1])),
  EWOULDBLOCK: 11, EPROTONOSUPPORT: 64, EDEADLK: 65, ETIMEDOUT: 66, EPROTOTYPE: 67, EINPROGRESS: 68, ENOTHREAD: 69,
  EPROTO: 70, ENOTSUP: 71, EPFNOSUPPORT: 72, EDIRINTOSELF: 73, EDQUOT: 74, EMAXERRNO: 75,
};

const SIGNALS = `SIGHUP SIGINT SIGQUIT SIGILL SIGTRAP SIGABRT SIGBUS SIGFPE SIGKILL SIGUSR1 SIGSEGV SIGUSR2 SIGPIPE
SIGALRM SIGTERM SIGSTKFLT SIGCHLD SIGCONT SIGSTOP SIGTSTP SIGTTIN SIGTTOU SIGURG SIGXCPU SIGXFSZ SIGVTALRM SIGPROF
SIGWINCH SIGIO SIGINFO SIGSYS`.split(/\s+/);

const PROMISES = `STDIO RPATH WPATH CPATH DPATH INET ID PROC PTRACE EXEC UNIX RECVFD SENDFD FATTR TTY CHOWN CHROOT THREAD
VIDEO ACCEPT SETTIME SIGACTION SETKEYMAP PROT_EXEC MAP_FIXED GETKEYMAP`.split(/\s+/);

/** Every C constant with the reference's value. */
const CONSTANTS = {
  ...ERRNO,
  ...Object.fromEntries(SIGNALS.map((name, i) => [name, i + 1])),
  NSIG: 32, SIG_BLOCK: 0, SIG_UNBLOCK: 1, SIG_SETMASK: 2,
  SA_NOCLDSTOP: 1, SA_NOCLDWAIT: 2, SA_SIGINFO: 4, SA_NODEFER: 0x40000000,
  SA_ONSTACK: 0x08000000, SA_RESTART: 0x10000000, SA_RESETHAND: 0x80000000, SA_NOMASK: 0x40000000, SA_ONESHOT: 0x80000000,
  PR_SET_DUMPABLE: 1, PR_GET_DUMPABLE: 2,
  CLD_EXITED: 0, CLD_KILLED: 1, CLD_DUMPED: 2, CLD_TRAPPED: 3, CLD_STOPPED: 4, CLD_CONTINUED: 5,
  P_ALL: 1, P_PID: 2, P_PGID: 3,
  WNOHANG: 1, WUNTRACED: 2, WSTOPPED: 2, WEXITED: 4, WCONTINUED: 8, WNOWAIT: 0x1000000,
  O_RDONLY: 1, O_WRONLY: 2, O_RDWR: 3, O_ACCMODE: 3, O_EXEC: 4, O_CREAT: 8, O_EXCL: 16, O_NOCTTY: 32, O_TRUNC: 64,
  O_APPEND: 128, O_NONBLOCK: 256, O_DIRECTORY: 512, O_NOFOLLOW: 1024, O_CLOEXEC: 2048, O_DIRECT: 4096,
  AT_FDCWD: -100, AT_SYMLINK_NOFOLLOW: 0x100,
  F_DUPFD: 0, F_GETFD: 1, F_SETFD: 2, F_GETFL: 3, F_SETFL: 4, F_ISTTY: 5, FD_CLOEXEC: 1,
  F_GETLK: 5, F_SETLK: 6, F_SETLKW: 7, F_RDLCK: 0, F_WRLCK: 1, F_UNLCK: 2,
  MAP_FILE: 0, MAP_SHARED: 1, MAP_PRIVATE: 2, MAP_FIXED: 0x10, MAP_ANONYMOUS: 0x20, MAP_ANON: 0x20, MAP_STACK: 0x40,
  MAP_NORESERVE: 0x80, MAP_RANDOMIZED: 0x100, PROT_NONE: 0, PROT_READ: 1, PROT_WRITE: 2, PROT_EXEC: 4,
  MADV_SET_VOLATILE: 0x100, MADV_SET_NONVOLATILE: 0x200, MADV_GET_VOLATILE: 0x400,
  MS_NODEV: 1, MS_NOEXEC: 2, MS_NOSUID: 4, MS_BIND: 8, MS_RDONLY: 16, MS_REMOUNT: 32, ST_RDONLY: 1, ST_NOSUID: 2,
  S_IFMT: 0o170000, S_IFDIR: 0o040000, S_IFCHR: 0o020000, S_IFBLK: 0o060000, S_IFREG: 0o100000, S_IFIFO: 0o010000,
  S_IFLNK: 0o120000, S_IFSOCK: 0o140000, S_ISUID: 0o4000, S_ISGID: 0o2000, S_ISVTX: 0o1000,
  R_OK: 4, W_OK: 2, X_OK: 1, F_OK: 0, SEEK_SET: 0, SEEK_CUR: 1, SEEK_END: 2,
  DT_UNKNOWN: 0, DT_FIFO: 1, DT_CHR: 2, DT_DIR: 4, DT_BLK: 6, DT_REG: 8, DT_LNK: 10, DT_SOCK: 12, DT_WHT: 14,
  NCCS: 32, TCSANOW: 0, TCSADRAIN: 1, TCSAFLUSH: 2, TCIFLUSH: 0, TCOFLUSH: 1, TCIOFLUSH: 2,
  TCOOFF: 0, TCOON: 1, TCIOFF: 2, TCION: 3,
  TIOCGPGRP: 0, TIOCSPGRP: 1, TCGETS: 2, TCSETS: 3, TCSETSW: 4, TCSETSF: 5, TCFLSH: 6, TIOCGWINSZ: 7, TIOCSCTTY: 8,
  TIOCSTI: 9, TIOCNOTTY: 10, TIOCSWINSZ: 11, FIONBIO: 35,
  CLOCK_REALTIME: 0, CLOCK_MONOTONIC: 1, CLOCK_MONOTONIC_RAW: 4, CLOCK_REALTIME_COARSE: 5, CLOCK_MONOTONIC_COARSE: 6,
  TIMER_ABSTIME: 99,
  POLLIN: 1, POLLPRI: 2, POLLOUT: 4, POLLERR: 8, POLLHUP: 0x10, POLLNVAL: 0x20, POLLRDHUP: 0x2000, FD_SETSIZE: 1024,
  _SC_MONOTONIC_CLOCK: 0, _SC_NPROCESSORS_CONF: 1, _SC_NPROCESSORS_ONLN: 2, _SC_OPEN_MAX: 3, _SC_TTY_NAME_MAX: 4,
  _SC_PAGESIZE: 5, _SC_GETPW_R_SIZE_MAX: 6, _SC_CLK_TCK: 7,
  AT_NULL: 0, AT_EXECFD: 2, AT_PAGESZ: 6, AT_BASE: 7, AT_ENTRY: 9, AT_UID: 11, AT_EUID: 12, AT_GID: 13, AT_EGID: 14,
  AT_PLATFORM: 15, AT_HWCAP: 16, AT_CLKTCK: 17, AT_SECURE: 23, AT_RANDOM: 25, AT_EXECFN: 31,
  AF_MASK: 0xff, AF_UNSPEC: 0, AF_LOCAL: 1, AF_UNIX: 1, AF_INET: 2, AF_INET6: 3, AF_MAX: 4, PF_INET6: 3, PF_MAX: 4,
  SOCK_TYPE_MASK: 0xff, SOCK_STREAM: 1, SOCK_DGRAM: 2, SOCK_RAW: 3, SOCK_NONBLOCK: 0o4000, SOCK_CLOEXEC: 0o2000000,
  SHUT_RD: 1, SHUT_WR: 2, SHUT_RDWR: 3, MSG_TRUNC: 1, MSG_CTRUNC: 2, MSG_PEEK: 4, MSG_OOB: 8, MSG_DONTWAIT: 0x40,
  SOL_SOCKET: 1, SOMAXCONN: 128, SO_RCVTIMEO: 0, SO_SNDTIMEO: 1, SO_TYPE: 2, SO_ERROR: 3, SO_PEERCRED: 4,
  SO_RCVBUF: 5, SO_SNDBUF: 6, SO_REUSEADDR: 7, SO_BINDTODEVICE: 8, SO_KEEPALIVE: 9, SO_TIMESTAMP: 10,
  SO_BROADCAST: 11, SCM_TIMESTAMP: 0, SCM_RIGHTS: 1,
  IPPROTO_IP: 0, IPPROTO_ICMP: 1, IPPROTO_TCP: 6, IPPROTO_UDP: 17, IPPROTO_IPV6: 41, IP_TTL: 2,
  INADDR_ANY: 0, INADDR_LOOPBACK: 0x7f000001,
  PR_SET_DUMPABLE: 1, PR_GET_DUMPABLE: 2,
  PATH_MAX: 4096, NAME_MAX: 255, HOST_NAME_MAX: 64, TTY_NAME_MAX: 32,
  RAND_MAX: 32767, FILENAME_MAX: 1024, MB_LEN_MAX: 16,
  ...Object.fromEntries(SYSCALLS.map((name, i) => [`SC_${name}`, i])),
};

/** [C type, size, {member: offset}] */
const STRUCTS = [
  ['siginfo_t', 28, { si_signo: 0, si_code: 4, si_pid: 8, si_uid: 12, si_addr: 16, si_status: 20, si_value: 24 }],
  ['struct stat', 80, { st_dev: 0, st_ino: 4, st_mode: 8, st_nlink: 12, st_uid: 16, st_gid: 20, st_rdev: 24, st_size: 28,
    st_blksize: 36, st_blocks: 40, st_atim: 44, st_mtim: 56, st_ctim: 68 }],
  ['struct statvfs', 68, {}],
  ['struct dirent', 272, { d_ino: 0, d_off: 4, d_reclen: 12, d_type: 14, d_name: 15 }],
  ['struct termios', 56, {}],
  ['struct winsize', 8, {}],
  ['struct timespec', 12, {}],
  ['struct timeval', 12, {}],
  ['struct tms', 16, {}],
  ['struct utimbuf', 16, {}],
  ['struct utsname', 325, {}],
  ['struct pollfd', 8, {}],
  ['fd_set', 128, { bits: 0 }],
  ['struct sigaction', 12, {}],
  ['struct sockaddr', 16, {}],
  ['struct sockaddr_un', 110, {}],
  ['struct sockaddr_in', 16, { sin_family: 0, sin_port: 2, sin_addr: 4, sin_zero: 8 }],
  ['struct flock', 24, { l_type: 0, l_whence: 2, l_start: 4, l_len: 12, l_pid: 20 }],
  ['SC_mmap_params', 40, { fd: 20, offset: 24, name: 32 }],
  ['SC_futex_params', 24, {}],
  ['SC_create_thread_params', 24, {}],
  ['SC_waitid_params', 16, {}],
  ['SC_stat_params', 20, {}],
];

const constantAsserts = (table) => Object.entries(table).map(([name, value]) =>
  `_Static_assert((long long)(${name}) == ${value}LL, "${name} is ${value} in the reference");`);

const structAsserts = () => STRUCTS.flatMap(([type, size, members]) => [
  `_Static_assert(sizeof(${type}) == ${size}, "sizeof(${type}) is ${size} in the reference");`,
  ...Object.entries(members).map(([m, offset]) =>
    `_Static_assert(__builtin_offsetof(${type}, ${m}) == ${offset}, "${type}.${m} is at ${offset} in the reference");`),
]);

test('libc defines every reference constant with the reference value, and its structs with the reference layout', () => {
  const r = compileWithAllHeaders([...constantAsserts(CONSTANTS), ...structAsserts()]);
  assert.equal(r.status, 0, r.stderr.split('\n').filter((l) => l.includes('error')).slice(0, 20).join('\n'));
});

test('the C check fails on a value that differs from the reference', () => {
  const r = compileWithAllHeaders(constantAsserts({ EDQUOT: 75, P_ALL: 0 }));
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /EDQUOT is 75/);
});

/** `export const NAME: number = value;` declarations of a kernel/api file, aliases resolved. */
function kernelNumbers(file) {
  const values = new Map();
  for (const m of fs.readFileSync(path.join(ROOT, file), 'utf8').matchAll(/export const (\w+): number = ([^;]+);/g)) {
    const text = m[2].trim();
    const value = values.has(text) ? values.get(text) : Number(text);
    if (Number.isFinite(value)) values.set(m[1], value);
  }
  return values;
}

test('the kernel declares the reference values: errno, the ABI constants, syscall numbers, promises', () => {
  const wrong = [];
  const errno = kernelNumbers('kernel/api/errno.ts');
  for (const [name, value] of Object.entries(ERRNO)) if (errno.get(name) !== value) wrong.push(`${name}: ${errno.get(name)}, reference ${value}`);
  const { constants } = generate(ROOT);
  for (const c of constants) {
    if (c.cName in CONSTANTS && c.value !== CONSTANTS[c.cName]) wrong.push(`${c.cName}: ${c.value}, reference ${CONSTANTS[c.cName]}`);
  }
  assert.ok(constants.length > 250, 'read kernel/api/abi.ts');
  const table = fs.readFileSync(path.join(ROOT, 'kernel/api/syscalls.ts'), 'utf8');
  const names = [...table.matchAll(/^\s*\[\s*"(\w+)"/gm)].map((m) => m[1]);
  assert.deepEqual(names, SYSCALLS, 'the syscall table: the same 152 names in the same order');
  const pledge = kernelNumbers('kernel/api/pledge.ts');
  PROMISES.forEach((p, bit) => { if (pledge.get(`PROMISE_${p}`) !== bit) wrong.push(`PROMISE_${p}: ${pledge.get(`PROMISE_${p}`)}, reference ${bit}`); });
  assert.deepEqual(wrong, []);
});
