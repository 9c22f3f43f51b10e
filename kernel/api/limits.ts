// The limits the kernel enforces, shared with libc's <limits.h>: the same
// declaration format as kernel/api/abi.ts, kept apart so that a module
// that needs only a limit (mm/frames.ts: PAGE_SIZE) does not carry every
// ABI name into the host-compiled unit tests, whose C headers define many
// of them as macros.
// abi-header: bits/limits.h
export const PATH_MAX: number = 4096;
export const PAGE_SIZE: number = 4096;
export const OPEN_MAX: number = 1024;
export const HOST_NAME_MAX: number = 64;
export const TTY_NAME_MAX: number = 32;
export const ARG_MAX: number = 65536;
export const NAME_MAX: number = 255;
export const SSIZE_MAX: number = 0x7fffffff;
