// pledge(2) promises: bit i of a process's promise mask is promise i.
//
// The bit numbers follow the order of SerenityOS's `enum class Pledge : u32`
// (ENUMERATE_PLEDGE_PROMISES in Kernel/Process.h) at the reference commit of
// July 2021, as docs/reference.md records them ("pledge"):
// 26 promises, stdio = bit 0 ... getkeymap = bit 25. Later SerenityOS versions
// added promises (e.g. no_error) that do not exist at this point.
//
// The syscall table (kernel/api/syscalls.ts) names these promises in lower
// case; tools/gen-syscalls.mjs maps each name to its PROMISE_<NAME> constant.

export const PROMISE_STDIO: number = 0;
export const PROMISE_RPATH: number = 1;
export const PROMISE_WPATH: number = 2;
export const PROMISE_CPATH: number = 3;
export const PROMISE_DPATH: number = 4;
export const PROMISE_INET: number = 5;
export const PROMISE_ID: number = 6;
export const PROMISE_PROC: number = 7;
export const PROMISE_PTRACE: number = 8;
export const PROMISE_EXEC: number = 9;
export const PROMISE_UNIX: number = 10;
export const PROMISE_RECVFD: number = 11;
export const PROMISE_SENDFD: number = 12;
export const PROMISE_FATTR: number = 13;
export const PROMISE_TTY: number = 14;
export const PROMISE_CHOWN: number = 15;
export const PROMISE_CHROOT: number = 16;
export const PROMISE_THREAD: number = 17;
export const PROMISE_VIDEO: number = 18;
export const PROMISE_ACCEPT: number = 19;
export const PROMISE_SETTIME: number = 20;
export const PROMISE_SIGACTION: number = 21;
export const PROMISE_SETKEYMAP: number = 22;
export const PROMISE_PROT_EXEC: number = 23;
export const PROMISE_MAP_FIXED: number = 24;
export const PROMISE_GETKEYMAP: number = 25;

/** Number of promises; valid promise bits are 0 .. PROMISE_COUNT - 1. */
export const PROMISE_COUNT: number = 26;

// What the syscall dispatcher checks before calling a handler
// (see syscallPromise in kernel/syscalls/dispatch.ts). Values >= 0 are a
// promise bit (REQUIRE_PROMISE); these two sentinels are the other cases.

/** No promise check at the dispatcher ("none" in the table). */
export const PLEDGE_CHECK_NONE: number = -1;
/** REQUIRE_NO_PROMISES: a process that has pledged at all may not make the call. */
export const PLEDGE_CHECK_NO_PROMISES: number = -2;
