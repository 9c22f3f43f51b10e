// Constants and struct layouts shared with libc (libc/include/signal.h,
// sys/wait.h, sys/utsname.h, unistd.h): the reference's values.

export const SIGILL: number = 4;
export const SIGABRT: number = 6;
export const SIGFPE: number = 8;
export const SIGKILL: number = 9;
export const SIGSEGV: number = 11;
export const SIGPIPE: number = 13;
export const SIGSTKFLT: number = 16;
export const SIGCHLD: number = 17;
export const SIGSTOP: number = 19;

// waitid
export const P_ALL: number = 0;
export const P_PID: number = 1;
export const P_PGID: number = 2;
export const WNOHANG: number = 1;
export const WSTOPPED: number = 2;
export const WEXITED: number = 4;
export const WCONTINUED: number = 8;
export const WNOWAIT: number = 0x1000000;
export const CLD_EXITED: number = 1;
export const CLD_KILLED: number = 2;
export const CLD_DUMPED: number = 3;

/** siginfo_t: int si_signo, si_code, si_errno; pid_t si_pid; uid_t si_uid; void* si_addr; int si_status, si_band; sigval si_value. */
export const SIGINFO_BYTES: number = 36;
export const SIGINFO_SIGNO: number = 0;
export const SIGINFO_CODE: number = 4;
export const SIGINFO_PID: number = 12;
export const SIGINFO_UID: number = 16;
export const SIGINFO_STATUS: number = 24;

/** struct utsname: five char[65] fields. */
export const UTSNAME_FIELD_BYTES: number = 65;

// sysconf names
export const SC_MONOTONIC_CLOCK: number = 1;
export const SC_NPROCESSORS_CONF: number = 2;
export const SC_NPROCESSORS_ONLN: number = 3;
export const SC_OPEN_MAX: number = 4;
export const SC_TTY_NAME_MAX: number = 5;
export const SC_PAGESIZE: number = 6;
export const SC_GETPW_R_SIZE_MAX: number = 7;
export const SC_CLK_TCK: number = 8;

export const SSIZE_MAX: number = 0x7fffffff;

// mmap
export const MAP_SHARED: number = 0x01;
export const MAP_PRIVATE: number = 0x02;
export const MAP_FIXED: number = 0x10;
export const MAP_ANONYMOUS: number = 0x20;
export const MAP_STACK: number = 0x40;
export const MAP_NORESERVE: number = 0x80;
export const MAP_RANDOMIZED: number = 0x100;
export const MADV_SET_VOLATILE: number = 0x100;
export const MADV_SET_NONVOLATILE: number = 0x200;
export const MADV_GET_VOLATILE: number = 0x400;

// Clocks (libc/include/time.h): the reference's ids, Linux's numbering. The
// process and thread CPU-time clocks (2, 3) do not exist at the reference.
export const CLOCK_REALTIME: number = 0;
export const CLOCK_MONOTONIC: number = 1;
export const CLOCK_MONOTONIC_RAW: number = 4;
export const CLOCK_REALTIME_COARSE: number = 5;
export const CLOCK_MONOTONIC_COARSE: number = 6;
/** clock_nanosleep's absolute-time flag: the reference's value, not Linux's 1. */
export const TIMER_ABSTIME: number = 99;
/** SC_clock_nanosleep_params: int clock_id; int flags; const timespec* requested; timespec* remaining. */
export const NANOSLEEP_PARAMS_BYTES: number = 16;
